/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_LIST_SCHEDULING_IMPL_H
#define DNN_LIST_SCHEDULING_IMPL_H

#include <queue>

namespace ns3
{

template<typename Chooser>
DnnSchedule
DnnListScheduling::Run(const DnnSchedulingProblem& problem, const std::vector<double>& priority,
                       Chooser choose)
{
    const uint32_t n = problem.TaskCount();
    DnnSchedule schedule(n);
    DnnProcessorTimeline timeline(problem);
    std::vector<uint32_t> waiting(n);
    auto lower = [&](uint32_t a, uint32_t b)
    {
        return priority[a] < priority[b] || (priority[a] == priority[b] && a > b);
    };
    std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(lower)> ready(lower);
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            ready.push(t);
        }
    }
    while (!ready.empty())
    {
        const uint32_t t = ready.top();
        ready.pop();
        const uint32_t p = choose(t, timeline, schedule);
        const double w = problem.Cost(t, p);
        uint32_t core = 0;
        const double start =
            timeline.EarliestStart(p, timeline.PlaceInputs(schedule, t, p), w, core);
        schedule.Place(t, p, core, start, start + w);
        timeline.Occupy(p, core, start, start + w, t);
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                ready.push(a->task);
            }
        }
    }
    return schedule;
}

} // namespace ns3

#endif /* DNN_LIST_SCHEDULING_IMPL_H */
