/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-cpop-scheduler.h"

#include "dnn-list-scheduling.h"

#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnCpopScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnCpopScheduler);

TypeId
DnnCpopScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnCpopScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnCpopScheduler>();
    return tid;
}

DnnSchedule
DnnCpopScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO("CPOP on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                           << " processors, " << problem.EdgeCount() << " edges");
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const std::vector<double> up = DnnListScheduling::UpwardRanks(problem);
    const std::vector<double> down = DnnListScheduling::DownwardRanks(problem);
    std::vector<double> priority(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        priority[t] = up[t] + down[t];
    }
    // The critical path: from the entry task of highest priority, follow a successor whose
    // priority equals it (ties: lower index) down to an exit task.
    const double eps = 1e-9;
    uint32_t entry = DnnSchedulingProblem::NONE;
    for (uint32_t t = 0; t < n; ++t)
    {
        if (problem.PredBegin(t) == problem.PredEnd(t) &&
            (entry == DnnSchedulingProblem::NONE || priority[t] > priority[entry] + eps))
        {
            entry = t;
        }
    }
    std::vector<uint8_t> critical(n, 0);
    const double length = entry == DnnSchedulingProblem::NONE ? 0.0 : priority[entry];
    for (uint32_t t = entry; t != DnnSchedulingProblem::NONE;)
    {
        critical[t] = 1;
        uint32_t next = DnnSchedulingProblem::NONE;
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (std::fabs(priority[a->task] - length) <= eps * std::max(1.0, length) &&
                (next == DnnSchedulingProblem::NONE || a->task < next))
            {
                next = a->task;
            }
        }
        t = next;
    }
    // The critical-path processor: where the most critical tasks may run, and among those
    // the smallest sum of their execution times.
    uint32_t cpProcessor = 0;
    uint32_t bestRunnable = 0;
    double bestSum = DnnSchedulingProblem::INF;
    for (uint32_t p = 0; p < m; ++p)
    {
        uint32_t runnable = 0;
        double sum = 0.0;
        for (uint32_t t = 0; t < n; ++t)
        {
            if (critical[t] && std::isfinite(problem.Cost(t, p)))
            {
                ++runnable;
                sum += problem.Cost(t, p);
            }
        }
        if (runnable > bestRunnable || (runnable == bestRunnable && sum < bestSum))
        {
            cpProcessor = p;
            bestRunnable = runnable;
            bestSum = sum;
        }
    }
    NS_LOG_DEBUG("critical path: length " << length << " s (mean costs), " << bestRunnable
                                          << " tasks runnable on processor "
                                          << problem.ProcessorName(cpProcessor));
    DnnSchedule planned = DnnListScheduling::Run(
        problem, priority,
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        {
            if (critical[t] && std::isfinite(problem.Cost(t, cpProcessor)) &&
                timeline.Fits(cpProcessor, t))
            {
                return cpProcessor;
            }
            return DnnListScheduling::BestFinish(problem, timeline, schedule, t, nullptr);
        });
    NS_LOG_INFO("CPOP makespan " << planned.Makespan() << " s");
    return planned;
}

} // namespace ns3
