/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-heft-scheduler.h"

#include "dnn-list-scheduling.h"

namespace ns3
{

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
    return DnnListScheduling::Run(
        problem, DnnListScheduling::UpwardRanks(problem),
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        { return DnnListScheduling::BestFinish(problem, timeline, schedule, t, nullptr); });
}

} // namespace ns3
