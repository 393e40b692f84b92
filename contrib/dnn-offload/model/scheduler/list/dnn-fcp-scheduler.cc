/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-fcp-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <deque>
#include <queue>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnFcpScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnFcpScheduler);

TypeId
DnnFcpScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnFcpScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnFcpScheduler>()
            .AddAttribute("QueueSize",
                          "Capacity of the ready tasks' priority queue; 0: the number of "
                          "processors (the paper's and SAGA's choice).",
                          UintegerValue(0), MakeUintegerAccessor(&DnnFcpScheduler::m_queueSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SagaCompatible",
                          "SAGA's enabling processor: that of the first predecessor of largest "
                          "finish time (not of largest arrival).",
                          BooleanValue(false), MakeBooleanAccessor(&DnnFcpScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnFcpScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const std::vector<double> rank = DnnListScheduling::UpwardRanks(problem);
    const std::size_t capacity = m_queueSize ? m_queueSize : problem.ProcessorCount();
    auto lower = [&](uint32_t a, uint32_t b)
    {
        return rank[a] < rank[b] || (rank[a] == rank[b] && a > b);
    };
    std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(lower)> queue(lower);
    std::deque<uint32_t> fifo;
    auto add = [&](uint32_t t)
    {
        if (queue.size() < capacity)
        {
            queue.push(t);
        }
        else
        {
            fifo.push_back(t);
        }
    };
    std::vector<uint32_t> waiting(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            add(t);
        }
    }
    DnnListPlacer placer(problem);
    const DnnSchedule& schedule = placer.Schedule();
    std::vector<uint32_t> candidates;
    while (!queue.empty())
    {
        const uint32_t t = queue.top();
        queue.pop();
        if (!fifo.empty())
        {
            queue.push(fifo.front());
            fifo.pop_front();
        }
        placer.Candidates(t, candidates);
        uint32_t idle = candidates.front();
        for (uint32_t p : candidates)
        {
            if (placer.Tail(p) < placer.Tail(idle))
            {
                idle = p;
            }
        }
        uint32_t chosen = idle;
        uint32_t enabling = DnnSchedulingProblem::NONE;
        double last = -DnnSchedulingProblem::INF;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const double arrival =
                schedule.Finish(a->task) + (m_saga ? 0.0 : problem.MeanCommTime(a->data));
            if (arrival > last)
            {
                last = arrival;
                enabling = schedule.Processor(a->task);
            }
        }
        if (enabling != DnnSchedulingProblem::NONE && enabling != idle &&
            std::find(candidates.begin(), candidates.end(), enabling) != candidates.end() &&
            placer.Start(t, enabling, false) < placer.Start(t, idle, false))
        {
            chosen = enabling;
        }
        placer.Place(t, chosen, false);
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                add(a->task);
            }
        }
    }
    NS_LOG_INFO("FCP makespan " << schedule.Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
