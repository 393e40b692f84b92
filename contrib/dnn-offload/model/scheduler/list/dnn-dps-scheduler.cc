/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-dps-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnDpsScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnDpsScheduler);

TypeId
DnnDpsScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnDpsScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnDpsScheduler>()
            .AddAttribute("SagaCompatible",
                          "SAGA's variant: an edge with an unplaced end costs its raw data size "
                          "(not its mean communication time) in the levels.",
                          BooleanValue(false), MakeBooleanAccessor(&DnnDpsScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnDpsScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const auto& order = problem.TopologicalOrder();
    DnnListPlacer placer(problem);
    std::vector<double> meanCost(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        meanCost[t] = problem.MeanCost(t);
    }
    auto exec = [&](uint32_t t)
    {
        return placer.Placed(t) ? problem.Cost(t, placer.Schedule().Processor(t)) : meanCost[t];
    };
    auto comm = [&](uint32_t u, uint32_t v, double data)
    {
        if (placer.Placed(u) && placer.Placed(v))
        {
            return problem.CommTime(data, placer.Schedule().Processor(u),
                                    placer.Schedule().Processor(v));
        }
        return m_saga ? data : problem.MeanCommTime(data);
    };
    std::vector<double> top(n);
    std::vector<double> bottom(n);
    std::vector<double> priority(n);
    auto update = [&]()
    {
        for (uint32_t t : order)
        {
            double head = 0.0;
            for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
            {
                head = std::max(head, top[a->task] + exec(a->task) + comm(a->task, t, a->data));
            }
            top[t] = head;
        }
        for (auto it = order.rbegin(); it != order.rend(); ++it)
        {
            const uint32_t t = *it;
            double tail = 0.0;
            bool any = false;
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                tail = std::max(tail, bottom[a->task] + comm(t, a->task, a->data));
                any = true;
            }
            bottom[t] = any ? tail + exec(t) : 0.0;
        }
        for (uint32_t t = 0; t < n; ++t)
        {
            priority[t] = bottom[t] - top[t];
        }
    };
    update();
    std::vector<uint32_t> list(order.begin(), order.end());
    auto byPriority = [&](uint32_t a, uint32_t b)
    {
        return priority[a] > priority[b];
    };
    std::stable_sort(list.begin(), list.end(), byPriority);
    std::vector<uint32_t> candidates;
    std::size_t head = 0;
    while (head < list.size())
    {
        // With positive costs a task outranks its successors, so the first is ready; with
        // zero costs ties may put a successor first: take the first ready one.
        std::size_t i = head;
        while (std::any_of(problem.PredBegin(list[i]), problem.PredEnd(list[i]),
                           [&](const auto& a) { return !placer.Placed(a.task); }))
        {
            ++i;
        }
        std::rotate(list.begin() + static_cast<std::ptrdiff_t>(head),
                    list.begin() + static_cast<std::ptrdiff_t>(i),
                    list.begin() + static_cast<std::ptrdiff_t>(i + 1));
        const uint32_t t = list[head++];
        placer.Candidates(t, candidates);
        uint32_t best = candidates.front();
        double bestFinish = DnnSchedulingProblem::INF;
        for (uint32_t p : candidates)
        {
            const double finish = placer.Finish(t, p, true);
            if (finish < bestFinish)
            {
                best = p;
                bestFinish = finish;
            }
        }
        placer.Place(t, best, true);
        update();
        std::stable_sort(list.begin() + static_cast<std::ptrdiff_t>(head), list.end(), byPriority);
    }
    NS_LOG_INFO("DPS makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
