/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-heft-scheduler.h"

#include "dnn-list-scheduling.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnHeftScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnHeftScheduler);

TypeId
DnnHeftScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnHeftScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnHeftScheduler>();
    return tid;
}

DnnSchedule
DnnHeftScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO("HEFT on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                           << " processors, " << problem.EdgeCount() << " edges");
    DnnSchedule planned = DnnListScheduling::Run(
        problem, DnnListScheduling::UpwardRanks(problem),
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        { return DnnListScheduling::BestFinish(problem, timeline, schedule, t, nullptr); });
    NS_LOG_INFO("HEFT makespan " << planned.Makespan() << " s");
    return planned;
}

} // namespace ns3
