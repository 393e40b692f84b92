/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-flb-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnFlbScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnFlbScheduler);

TypeId
DnnFlbScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnFlbScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnFlbScheduler>()
            .AddAttribute("SagaCompatible",
                          "SAGA's variant: mean communication = size / mean link speed, "
                          "self-links counted; stale processor times for non-EP tasks.",
                          BooleanValue(false), MakeBooleanAccessor(&DnnFlbScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnFlbScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    const uint32_t none = DnnSchedulingProblem::NONE;
    // SAGA's mean link speed: distinct pairs' speeds summed over all m (m + 1) / 2 links.
    double sagaSpeed = 0.0;
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t q = p + 1; q < m; ++q)
        {
            sagaSpeed += problem.Bandwidth(p, q);
        }
    }
    sagaSpeed /= m * (m + 1.0) / 2.0;
    auto meanComm = [&](double data)
    {
        if (m_saga)
        {
            return sagaSpeed > 0.0 ? data / sagaSpeed : 0.0;
        }
        return problem.MeanCommTime(data);
    };

    DnnListPlacer placer(problem);
    const DnnSchedule& schedule = placer.Schedule();
    std::vector<double> lmt(n, 0.0);
    std::vector<uint32_t> ep(n, none);
    std::vector<double> emt(n, 0.0);
    std::vector<uint8_t> isEp(n, 0);
    std::vector<uint32_t> nonEp;                   // ready non-EP tasks
    std::vector<std::vector<uint32_t>> epTasks(m); // ready EP tasks per processor
    std::vector<double> staleFree(m, 0.0);         // SAGA: free times as of non-EP placements
    for (uint32_t p = 0; p < m; ++p)
    {
        staleFree[p] = placer.Tail(p);
    }
    auto classify = [&](uint32_t t)
    {
        double last = -inf;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const double arrival = schedule.Finish(a->task) + meanComm(a->data);
            if (arrival > last)
            {
                last = arrival;
                ep[t] = schedule.Processor(a->task);
            }
        }
        lmt[t] = std::max(last, 0.0);
        if (ep[t] != none && placer.Allowed(t, ep[t]) && lmt[t] >= placer.Tail(ep[t]))
        {
            emt[t] = placer.Ready(t, ep[t]);
            isEp[t] = 1;
            epTasks[ep[t]].push_back(t);
        }
        else
        {
            isEp[t] = 0;
            nonEp.push_back(t);
        }
    };
    std::vector<uint32_t> waiting(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            classify(t);
        }
    }
    std::vector<uint32_t> candidates;
    for (uint32_t placed = 0; placed < n; ++placed)
    {
        // The EP task that starts earliest on its EP.
        uint32_t t1 = none;
        double start1 = inf;
        for (uint32_t p = 0; p < m; ++p)
        {
            uint32_t head = none;
            for (uint32_t t : epTasks[p])
            {
                if (head == none || emt[t] < emt[head] || (emt[t] == emt[head] && t < head))
                {
                    head = t;
                }
            }
            if (head != none)
            {
                const double start = placer.Start(head, p, false);
                if (t1 == none || start < start1)
                {
                    t1 = head;
                    start1 = start;
                }
            }
        }
        // The non-EP task of least LMT on the processor free first.
        uint32_t t2 = none;
        for (uint32_t t : nonEp)
        {
            if (t2 == none || lmt[t] < lmt[t2] || (lmt[t] == lmt[t2] && t < t2))
            {
                t2 = t;
            }
        }
        uint32_t p2 = none;
        double start2 = inf;
        if (t2 != none)
        {
            placer.Candidates(t2, candidates);
            for (uint32_t p : candidates)
            {
                const double free = m_saga ? staleFree[p] : placer.Tail(p);
                if (p2 == none || free < (m_saga ? staleFree[p2] : placer.Tail(p2)))
                {
                    p2 = p;
                }
            }
            start2 = placer.Start(t2, p2, false);
        }
        uint32_t t = t1;
        uint32_t p = t1 != none ? ep[t1] : none;
        if (t1 == none || (t2 != none && start2 < start1))
        {
            t = t2;
            p = p2;
        }
        placer.Place(t, p, false);
        if (isEp[t])
        {
            auto& list = epTasks[p];
            list.erase(std::find(list.begin(), list.end(), t));
        }
        else
        {
            nonEp.erase(std::find(nonEp.begin(), nonEp.end(), t));
            staleFree[p] = placer.Tail(p);
        }
        // EP tasks of p whose last message comes before p is free become non-EP tasks.
        auto& list = epTasks[p];
        for (std::size_t i = 0; i < list.size();)
        {
            if (lmt[list[i]] < placer.Tail(p))
            {
                isEp[list[i]] = 0;
                nonEp.push_back(list[i]);
                list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
            }
            else
            {
                ++i;
            }
        }
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                classify(a->task);
            }
        }
    }
    NS_LOG_INFO("FLB makespan " << schedule.Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
