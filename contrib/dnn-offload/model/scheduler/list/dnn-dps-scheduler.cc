/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-dps-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>
#include <functional>

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
    auto topLevel = [&](uint32_t t)
    {
        double head = 0.0;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            head = std::max(head, top[a->task] + exec(a->task) + comm(a->task, t, a->data));
        }
        return head;
    };
    for (uint32_t t : order)
    {
        top[t] = topLevel(t);
    }
    // A bottom level depends on the task's descendants only, which stay unplaced while the
    // task is, so the bottom levels of the tasks still to place never change.
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
    // Placing t changes its execution and its inputs' communication times, so the top levels
    // of t and its descendants; they are recomputed in topological order, as far as they
    // change (a min-heap of topological positions).
    std::vector<uint32_t> position(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        position[order[i]] = i;
    }
    std::vector<uint32_t> heap;
    std::vector<uint8_t> queued(n, 0);
    auto later = std::greater<>();
    auto propagate = [&](uint32_t placed)
    {
        heap.assign(1, position[placed]);
        queued[placed] = 1;
        while (!heap.empty())
        {
            std::pop_heap(heap.begin(), heap.end(), later);
            const uint32_t t = order[heap.back()];
            heap.pop_back();
            queued[t] = 0;
            const double head = topLevel(t);
            if (head == top[t] && t != placed)
            {
                continue;
            }
            top[t] = head;
            priority[t] = bottom[t] - head;
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                if (!queued[a->task])
                {
                    queued[a->task] = 1;
                    heap.push_back(position[a->task]);
                    std::push_heap(heap.begin(), heap.end(), later);
                }
            }
        }
    };
    std::vector<uint32_t> list(order.begin(), order.end());
    auto byPriority = [&](uint32_t a, uint32_t b)
    {
        return priority[a] > priority[b];
    };
    std::stable_sort(list.begin(), list.end(), byPriority);
    std::vector<uint32_t> candidates;
    std::vector<double> previous(n); // the priorities the remaining list is sorted by
    std::vector<uint32_t> rank(n);   // a task's position in the remaining list
    std::vector<uint32_t> kept;      // remaining tasks whose priority did not change
    std::vector<uint32_t> moved;     // and those whose priority did
    // Before: list[from, end) as std::stable_sort by the new priorities orders it: tasks
    // whose priority changed are sorted apart and merged back in, ties going to the earlier
    // position, so a step costs O(n + c log c) for c changed priorities, not O(n log n).
    auto resort = [&](std::size_t from)
    {
        kept.clear();
        moved.clear();
        for (std::size_t i = from; i < list.size(); ++i)
        {
            const uint32_t t = list[i];
            rank[t] = static_cast<uint32_t>(i);
            (priority[t] == previous[t] ? kept : moved).push_back(t);
        }
        std::stable_sort(moved.begin(), moved.end(), byPriority);
        std::merge(kept.begin(), kept.end(), moved.begin(), moved.end(),
                   list.begin() + static_cast<std::ptrdiff_t>(from),
                   [&](uint32_t a, uint32_t b) {
                       return priority[a] > priority[b] ||
                              (priority[a] == priority[b] && rank[a] < rank[b]);
                   });
        for (const uint32_t t : moved)
        {
            previous[t] = priority[t];
        }
    };
    previous = priority;
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
        propagate(t);
        resort(head);
    }
    NS_LOG_INFO("DPS makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
