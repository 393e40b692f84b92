/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-rolling-planner.h"

#include "dnn-experiment.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-workload-problem.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ns3
{

namespace
{

/** When a failed device's cores become available: later than any run (1e12 s, some
 *  30,000 years). */
constexpr double NEVER = 1e12;

} // namespace

DnnRollingPlanner::DnnRollingPlanner(const DnnPlatform& platform, DnnPartitionConfig partition,
                                     const std::vector<DnnRequest>& requests, double horizon,
                                     Ptr<DnnScheduler> scheduler)
    : m_platform(platform), m_partition(partition), m_requests(requests), m_horizon(horizon),
      m_scheduler(scheduler)
{
    if (!(horizon > 0) || !std::isfinite(horizon))
    {
        throw std::invalid_argument("DnnRollingPlanner: the horizon must be positive");
    }
    std::size_t cores = 0;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        cores += platform.Device(d).profile.cores;
    }
    m_available.assign(cores, 0.0);
    m_excluded.assign(platform.DeviceCount(), 0);
}

void
DnnRollingPlanner::ExcludeDevice(uint32_t device)
{
    m_excluded.at(device) = 1;
}

std::vector<uint32_t>
DnnRollingPlanner::TakeSkipped()
{
    std::vector<uint32_t> skipped;
    skipped.swap(m_skipped);
    return skipped;
}

void
DnnRollingPlanner::Declare(DnnRuntimePlan& plan) const
{
    for (const DnnRequest& request : m_requests)
    {
        DnnRuntimePlan::Request info;
        info.id = request.id;
        info.model = request.model ? request.model->Name() : "";
        info.home = m_platform.FindDevice(request.device);
        info.release = request.releaseTime;
        plan.DeclareRequest(info);
    }
}

bool
DnnRollingPlanner::Done() const
{
    return m_next >= m_requests.size();
}

double
DnnRollingPlanner::NextWindow() const
{
    if (Done())
    {
        return DnnSchedulingProblem::INF;
    }
    return std::floor(m_requests[m_next].releaseTime / m_horizon) * m_horizon;
}

std::vector<uint32_t>
DnnRollingPlanner::PlanNext(DnnRuntimePlan& plan)
{
    std::vector<uint32_t> ids;
    if (Done())
    {
        return ids;
    }
    const double end = NextWindow() + m_horizon;
    std::vector<DnnRequest> window;
    while (m_next < m_requests.size() && m_requests[m_next].releaseTime < end)
    {
        const DnnRequest& request = m_requests[m_next++];
        if (m_excluded[m_platform.FindDevice(request.device)])
        {
            m_skipped.push_back(request.id);
            continue;
        }
        window.push_back(request);
        ids.push_back(request.id);
    }
    if (window.empty())
    {
        return ids;
    }
    // A failed device's cores are never available (later than any run can reach).
    std::vector<double> available = m_available;
    std::size_t core = 0;
    for (uint32_t d = 0; d < m_platform.DeviceCount(); ++d)
    {
        for (uint32_t c = 0; c < m_platform.Device(d).profile.cores; ++c, ++core)
        {
            available[core] = m_excluded[d] ? NEVER : available[core];
        }
    }
    const DnnTaskGraph graph = DnnPartitioner(m_partition).PartitionWorkload(window);
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, m_platform, available);
    const auto begin = std::chrono::steady_clock::now();
    const DnnSchedule schedule = m_scheduler->Plan(problem);
    m_runtime += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const auto violations = ValidateSchedule(problem, schedule);
    if (!violations.empty())
    {
        std::string message = "the schedule of the window opening at " +
                              std::to_string(end - m_horizon) + " s is invalid (" +
                              std::to_string(violations.size()) + " violations):";
        for (std::size_t i = 0; i < std::min<std::size_t>(violations.size(), 10); ++i)
        {
            message += "\n  " + violations[i];
        }
        throw DnnInvalidScheduleError(message);
    }
    plan.Append(graph, problem, schedule);

    // What the next windows see: every core busy until its planned work is done.
    std::vector<std::size_t> coreBase(problem.ProcessorCount() + 1, 0);
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        coreBase[p + 1] = coreBase[p] + problem.Cores(p);
    }
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        const uint32_t p = schedule.Processor(t);
        assignment[t] = p;
        double& free = m_available[coreBase[p] + schedule.Core(t)];
        free = std::max(free, schedule.Finish(t));
    }
    ++m_windows;
    m_makespan = std::max(m_makespan, schedule.Makespan());
    const std::vector<uint32_t> order = DnnScheduleEvaluator::StartOrder(problem, schedule);
    m_energy += DnnScheduleEvaluator(problem).Evaluate(assignment.data(), order.data()).energy;
    const std::vector<double> completion = schedule.RequestCompletion(problem);
    for (const DnnRequest& request : window)
    {
        m_latencySum += completion.at(request.id) - request.releaseTime;
    }
    return ids;
}

double
DnnRollingPlanner::Horizon() const
{
    return m_horizon;
}

uint32_t
DnnRollingPlanner::Windows() const
{
    return m_windows;
}

double
DnnRollingPlanner::PlannedMakespan() const
{
    return m_makespan;
}

double
DnnRollingPlanner::PlannedEnergy() const
{
    return m_energy;
}

double
DnnRollingPlanner::PlannedLatencySum() const
{
    return m_latencySum;
}

double
DnnRollingPlanner::SchedulerRuntime() const
{
    return m_runtime;
}

} // namespace ns3
