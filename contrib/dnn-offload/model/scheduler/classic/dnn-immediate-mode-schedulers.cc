/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-immediate-mode-schedulers.h"

#include "dnn-append-timeline.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnImmediateModeScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnImmediateModeScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMetScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMctScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnOlbScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnFastestNodeScheduler);

TypeId
DnnImmediateModeScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnImmediateModeScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload");
    return tid;
}

void
DnnImmediateModeScheduler::Prepare(const DnnSchedulingProblem& /* problem */)
{
}

DnnSchedule
DnnImmediateModeScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO(GetInstanceTypeId().GetName()
                << " on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                << " processors, " << problem.EdgeCount() << " edges");
    Prepare(problem);
    DnnAppendTimeline timeline(problem);
    for (const uint32_t t : problem.TopologicalOrder())
    {
        timeline.Place(t, Choose(problem, timeline, t));
    }
    NS_LOG_INFO("makespan " << timeline.Schedule().Makespan() << " s");
    return timeline.Schedule();
}

uint32_t
DnnImmediateModeScheduler::EarliestFinish(const DnnSchedulingProblem& problem,
                                          const DnnAppendTimeline& timeline, uint32_t task)
{
    DnnProcessorChoice choice;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        if (timeline.CanRun(task, p))
        {
            choice.Offer(p, timeline.Finish(task, p), timeline.Fits(task, p));
        }
    }
    return choice.processor;
}

TypeId
DnnMetScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMetScheduler")
                            .SetParent<DnnImmediateModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMetScheduler>();
    return tid;
}

uint32_t
DnnMetScheduler::Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                        uint32_t task)
{
    DnnProcessorChoice choice;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        if (timeline.CanRun(task, p))
        {
            choice.Offer(p, problem.Cost(task, p), timeline.Fits(task, p));
        }
    }
    return choice.processor;
}

TypeId
DnnMctScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMctScheduler")
                            .SetParent<DnnImmediateModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMctScheduler>();
    return tid;
}

uint32_t
DnnMctScheduler::Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                        uint32_t task)
{
    return EarliestFinish(problem, timeline, task);
}

TypeId
DnnOlbScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnOlbScheduler")
                            .SetParent<DnnImmediateModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnOlbScheduler>();
    return tid;
}

uint32_t
DnnOlbScheduler::Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                        uint32_t task)
{
    DnnProcessorChoice choice;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        if (timeline.CanRun(task, p))
        {
            choice.Offer(p, timeline.Free(p), timeline.Fits(task, p));
        }
    }
    return choice.processor;
}

TypeId
DnnFastestNodeScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnFastestNodeScheduler")
                            .SetParent<DnnImmediateModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnFastestNodeScheduler>();
    return tid;
}

void
DnnFastestNodeScheduler::Prepare(const DnnSchedulingProblem& problem)
{
    // Least total time over the unpinned tasks; a processor that cannot run some of them
    // comes after those that can run more. With times cost / speed, this is the first
    // processor of the highest speed.
    uint32_t fewestMissing = DnnSchedulingProblem::NONE;
    double least = DnnSchedulingProblem::INF;
    m_fastest = 0;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        uint32_t missing = 0;
        double total = 0.0;
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            if (problem.Pinned(t) != DnnSchedulingProblem::NONE)
            {
                continue;
            }
            const double w = problem.Cost(t, p);
            if (w < DnnSchedulingProblem::INF)
            {
                total += w;
            }
            else
            {
                ++missing;
            }
        }
        if (missing < fewestMissing || (missing == fewestMissing && total < least))
        {
            fewestMissing = missing;
            least = total;
            m_fastest = p;
        }
    }
    NS_LOG_LOGIC("fastest processor " << m_fastest);
}

uint32_t
DnnFastestNodeScheduler::Choose(const DnnSchedulingProblem& problem,
                                const DnnAppendTimeline& timeline, uint32_t task)
{
    if (problem.Pinned(task) != DnnSchedulingProblem::NONE)
    {
        return problem.Pinned(task);
    }
    if (timeline.CanRun(task, m_fastest) && timeline.Fits(task, m_fastest))
    {
        return m_fastest;
    }
    return EarliestFinish(problem, timeline, task);
}

} // namespace ns3
