/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-peft-scheduler.h"

#include "dnn-list-scheduling.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPeftScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnPeftScheduler);

TypeId
DnnPeftScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnPeftScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnPeftScheduler>();
    return tid;
}

DnnSchedule
DnnPeftScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO("PEFT on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                           << " processors, " << problem.EdgeCount() << " edges");
    const uint32_t m = problem.ProcessorCount();
    const std::vector<double> oct = DnnListScheduling::OptimisticCostTable(problem);
    std::vector<double> rank(problem.TaskCount(), 0.0);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            rank[t] += oct[static_cast<std::size_t>(t) * m + p];
        }
        rank[t] /= m;
    }
    DnnSchedule planned = DnnListScheduling::Run(
        problem, rank,
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        {
            return DnnListScheduling::BestFinish(problem, timeline, schedule, t,
                                                 oct.data() + static_cast<std::size_t>(t) * m);
        });
    NS_LOG_INFO("PEFT makespan " << planned.Makespan() << " s");
    return planned;
}

} // namespace ns3
