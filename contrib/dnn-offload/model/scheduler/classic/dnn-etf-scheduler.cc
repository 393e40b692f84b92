/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-etf-scheduler.h"

#include "dnn-append-timeline.h"

#include "ns3/log.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnEtfScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnEtfScheduler);

TypeId
DnnEtfScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnEtfScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnEtfScheduler>();
    return tid;
}

DnnSchedule
DnnEtfScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO("ETF on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                          << " processors, " << problem.EdgeCount() << " edges");
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    DnnAppendTimeline timeline(problem);
    // Event times: finishes of the placed tasks and the cores' availabilities.
    std::priority_queue<double, std::vector<double>, std::greater<>> events;
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            events.push(problem.Available(p, c));
        }
    }
    std::vector<uint32_t> waiting(n);
    std::vector<uint32_t> ready; // every predecessor placed, in index order
    std::vector<uint32_t> pending;
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            ready.push_back(t);
        }
    }
    std::vector<uint32_t> idle(m); // idle cores per processor at `now`
    double now = 0.0;
    while (!events.empty() && events.top() <= now)
    {
        events.pop();
    }
    // The next event: with every core available at 0, none yet (SAGA's infinity).
    double next = events.empty() ? DnnSchedulingProblem::INF : events.top();
    uint32_t placed = 0;
    while (placed < n)
    {
        if (!(now < DnnSchedulingProblem::INF))
        {
            throw std::logic_error("DnnEtfScheduler: no event left with tasks unplaced");
        }
        ready.insert(ready.end(), pending.begin(), pending.end());
        pending.clear();
        std::sort(ready.begin(), ready.end());
        uint32_t idleProcessors = 0;
        for (uint32_t p = 0; p < m; ++p)
        {
            idle[p] = timeline.IdleCores(p, now);
            idleProcessors += idle[p] > 0;
        }
        while (!ready.empty() && idleProcessors > 0)
        {
            std::size_t bestIndex = ready.size();
            uint32_t bestProcessor = DnnSchedulingProblem::NONE;
            double bestReady = DnnSchedulingProblem::INF;
            for (std::size_t i = 0; i < ready.size(); ++i)
            {
                const uint32_t t = ready[i];
                DnnProcessorChoice choice;
                for (uint32_t p = 0; p < m; ++p)
                {
                    if (idle[p] > 0 && timeline.CanRun(t, p))
                    {
                        choice.Offer(p, timeline.Ready(t, p), timeline.Fits(t, p));
                    }
                }
                if (choice.processor != DnnSchedulingProblem::NONE &&
                    (bestIndex == ready.size() || choice.value < bestReady))
                {
                    bestIndex = i;
                    bestProcessor = choice.processor;
                    bestReady = choice.value;
                }
            }
            if (bestIndex == ready.size() || std::max(bestReady, now) > next)
            {
                break; // wait for the next event
            }
            const uint32_t t = ready[bestIndex];
            timeline.Place(t, bestProcessor, now);
            const double finish = timeline.Schedule().Finish(t);
            events.push(finish);
            next = std::min(next, finish);
            ++placed;
            ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(bestIndex));
            if (--idle[bestProcessor] == 0)
            {
                --idleProcessors;
            }
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                if (--waiting[a->task] == 0)
                {
                    pending.push_back(a->task);
                }
            }
        }
        now = next;
        while (!events.empty() && events.top() <= now)
        {
            events.pop();
        }
        next = events.empty() ? DnnSchedulingProblem::INF : events.top();
    }
    NS_LOG_INFO("ETF makespan " << timeline.Schedule().Makespan() << " s");
    return timeline.Schedule();
}

} // namespace ns3
