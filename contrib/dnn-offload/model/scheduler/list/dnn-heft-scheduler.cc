/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-heft-scheduler.h"

#include "dnn-list-scheduling.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HeftScheduler);

TypeId
HeftScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HeftScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<HeftScheduler>();
    return tid;
}

DnnSchedule
HeftScheduler::Plan(const DnnSchedulingProblem& problem)
{
    return DnnListScheduling::Run(
        problem, DnnListScheduling::UpwardRanks(problem),
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        { return DnnListScheduling::BestFinish(problem, timeline, schedule, t, nullptr); });
}

} // namespace ns3
