/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-baseline-schedulers.h"

#include "ns3/dnn-list-scheduling.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPlacementScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnPlacementScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnLocalScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnRoleScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnEdgeScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnCloudScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnRandomScheduler);

TypeId
DnnPlacementScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnPlacementScheduler").SetParent<DnnScheduler>().SetGroupName("DnnOffload");
    return tid;
}

void
DnnPlacementScheduler::Prepare(const DnnSchedulingProblem& /* problem */)
{
}

uint32_t
DnnPlacementScheduler::FastestOverall(const DnnSchedulingProblem& problem)
{
    uint32_t best = 0;
    double bestTotal = DnnSchedulingProblem::INF;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        double total = 0;
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            // Tasks pinned elsewhere do not count against a processor.
            total += std::isfinite(problem.Cost(t, p)) ? problem.Cost(t, p) : 0.0;
        }
        if (total < bestTotal)
        {
            best = p;
            bestTotal = total;
        }
    }
    return best;
}

uint32_t
DnnPlacementScheduler::ProcessorOfRole(const DnnSchedulingProblem& problem, const std::string& role)
{
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        if (problem.Role(p) == role)
        {
            return p;
        }
    }
    return FastestOverall(problem);
}

DnnSchedule
DnnPlacementScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO(GetInstanceTypeId().GetName()
                << " on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                << " processors, " << problem.EdgeCount() << " edges");
    Prepare(problem);
    DnnSchedule planned = DnnListScheduling::Run(
        problem, DnnListScheduling::UpwardRanks(problem),
        [&](uint32_t t, const DnnProcessorTimeline& timeline, const DnnSchedule& schedule)
        {
            if (problem.Pinned(t) != DnnSchedulingProblem::NONE)
            {
                return problem.Pinned(t);
            }
            const uint32_t p = Target(problem, t);
            if (p != DnnSchedulingProblem::NONE && std::isfinite(problem.Cost(t, p)) &&
                timeline.Fits(p, t))
            {
                return p;
            }
            return DnnListScheduling::BestFinish(problem, timeline, schedule, t, nullptr);
        });
    NS_LOG_INFO(GetInstanceTypeId().GetName() << " makespan " << planned.Makespan() << " s");
    return planned;
}

TypeId
DnnLocalScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnLocalScheduler")
                            .SetParent<DnnPlacementScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnLocalScheduler>();
    return tid;
}

void
DnnLocalScheduler::Prepare(const DnnSchedulingProblem& problem)
{
    m_fallback = FastestOverall(problem);
    NS_LOG_LOGIC("requests without a home processor run on the fastest overall, "
                 << problem.ProcessorName(m_fallback));
}

uint32_t
DnnLocalScheduler::Target(const DnnSchedulingProblem& problem, uint32_t task)
{
    const uint32_t home = problem.RequestHome(problem.Request(task));
    return home != DnnSchedulingProblem::NONE ? home : m_fallback;
}

TypeId
DnnRoleScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnRoleScheduler")
                            .SetParent<DnnPlacementScheduler>()
                            .SetGroupName("DnnOffload");
    return tid;
}

DnnRoleScheduler::DnnRoleScheduler(std::string role) : m_role(std::move(role))
{
}

void
DnnRoleScheduler::Prepare(const DnnSchedulingProblem& problem)
{
    m_target = ProcessorOfRole(problem, m_role);
    NS_LOG_LOGIC("target of role \"" << m_role << "\": " << problem.ProcessorName(m_target)
                                     << (problem.Role(m_target) == m_role
                                             ? ""
                                             : " (no processor has the role: the fastest)"));
}

uint32_t
DnnRoleScheduler::Target(const DnnSchedulingProblem& /* problem */, uint32_t /* task */)
{
    return m_target;
}

TypeId
DnnEdgeScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnEdgeScheduler")
                            .SetParent<DnnRoleScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnEdgeScheduler>();
    return tid;
}

DnnEdgeScheduler::DnnEdgeScheduler() : DnnRoleScheduler("edge")
{
}

TypeId
DnnCloudScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnCloudScheduler")
                            .SetParent<DnnRoleScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnCloudScheduler>();
    return tid;
}

DnnCloudScheduler::DnnCloudScheduler() : DnnRoleScheduler("cloud")
{
}

TypeId
DnnRandomScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnRandomScheduler")
            .SetParent<DnnPlacementScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnRandomScheduler>()
            .AddAttribute("Seed", "Seed of the scheduler's own random stream.", UintegerValue(1),
                          MakeUintegerAccessor(&DnnRandomScheduler::m_seed),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

void
DnnRandomScheduler::Prepare(const DnnSchedulingProblem& /* problem */)
{
    NS_LOG_LOGIC("seed " << m_seed);
    m_rng.seed(m_seed);
}

uint32_t
DnnRandomScheduler::Target(const DnnSchedulingProblem& problem, uint32_t task)
{
    uint32_t feasible = 0;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        feasible += std::isfinite(problem.Cost(task, p));
    }
    uint32_t k = static_cast<uint32_t>(m_rng() % feasible);
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        if (std::isfinite(problem.Cost(task, p)) && k-- == 0)
        {
            return p;
        }
    }
    return DnnSchedulingProblem::NONE;
}

} // namespace ns3
