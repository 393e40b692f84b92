/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-rolling-planner.h"

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/log.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnRollingPlanner");

DnnRollingPlanner::DnnRollingPlanner(const DnnPlatform& platform, DnnPartitionConfig partition,
                                     const std::vector<DnnRequest>& requests, double horizon,
                                     Ptr<DnnScheduler> scheduler)
    : m_platform(platform), m_partition(partition), m_requests(requests), m_horizon(horizon),
      m_scheduler(scheduler)
{
    NS_LOG_FUNCTION(this << &platform << requests.size() << horizon << scheduler);
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
    NS_LOG_INFO("rolling horizon "
                << horizon << " s over " << requests.size() << " requests, "
                << platform.DeviceCount() << " devices, scheduler "
                << (scheduler ? scheduler->GetInstanceTypeId().GetName() : std::string("none")));
}

void
DnnRollingPlanner::ExcludeDevice(uint32_t device)
{
    NS_LOG_FUNCTION(this << device);
    m_excluded.at(device) = 1;
    NS_LOG_INFO("device " << m_platform.Device(device).name
                          << " excluded from the windows planned from now on");
}

std::vector<std::pair<uint32_t, std::string>>
DnnRollingPlanner::TakeSkipped()
{
    std::vector<std::pair<uint32_t, std::string>> skipped;
    skipped.swap(m_skipped);
    return skipped;
}

void
DnnRollingPlanner::SetNetworkModel(DnnNetworkModel model)
{
    NS_LOG_FUNCTION(this << DnnNetworkModelName(model));
    m_networkModel = model;
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
    // Never after the first release of the window (k H may round above it).
    const double release = m_requests[m_next].releaseTime;
    return std::min(WindowOf(release) * m_horizon, release);
}

double
DnnRollingPlanner::WindowOf(double release) const
{
    return std::floor(release / m_horizon);
}

std::vector<uint32_t>
DnnRollingPlanner::PlanNext(DnnRuntimePlan& plan)
{
    NS_LOG_FUNCTION(this << &plan);
    std::vector<uint32_t> ids;
    if (Done())
    {
        return ids;
    }
    // Window k holds the requests with floor(release / H) = k: releases are sorted, so k
    // never decreases and every call takes at least one request.
    const double opens = NextWindow();
    const double k = WindowOf(m_requests[m_next].releaseTime);
    std::vector<DnnRequest> window;
    while (m_next < m_requests.size() && WindowOf(m_requests[m_next].releaseTime) == k)
    {
        const DnnRequest& request = m_requests[m_next++];
        if (m_excluded[m_platform.FindDevice(request.device)])
        {
            m_skipped.emplace_back(request.id, "device " + request.device +
                                                   " failed before the request's window "
                                                   "was planned");
            NS_LOG_INFO("request " << request.id << " skipped: " << m_skipped.back().second);
            continue;
        }
        window.push_back(request);
        ids.push_back(request.id);
    }
    if (window.empty())
    {
        NS_LOG_INFO("window " << k << " (opens at " << opens
                              << " s): every request skipped, nothing to plan");
        return ids;
    }
    const DnnTaskGraph graph = DnnPartitioner(m_partition).PartitionWorkload(window);
    std::unique_ptr<DnnSchedulingProblem> built;
    try
    {
        built = std::make_unique<DnnSchedulingProblem>(
            BuildWorkloadProblem(graph, m_platform, m_available, m_excluded));
    }
    catch (const DnnInputError& e)
    {
        // Some task can run on no surviving device (the scenario was checked whole).
        if (std::find(m_excluded.begin(), m_excluded.end(), 1) == m_excluded.end())
        {
            throw;
        }
        for (uint32_t id : ids)
        {
            m_skipped.emplace_back(id, std::string("not planned: ") + e.Detail());
        }
        NS_LOG_INFO("window " << k << " (opens at " << opens << " s): " << ids.size()
                              << " requests not planned: " << e.Detail());
        ids.clear();
        return ids;
    }
    built->SetNetworkModel(m_networkModel);
    for (uint32_t k = 0; k < m_mediumAvailable.size(); ++k)
    {
        built->SetMediumAvailable(k, m_mediumAvailable[k]);
    }
    const DnnSchedulingProblem& problem = *built;
    const auto begin = std::chrono::steady_clock::now();
    const DnnSchedule schedule = m_scheduler->Plan(problem);
    const double planning =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    m_runtime += planning;
    const auto violations = ValidateSchedule(problem, schedule);
    if (!violations.empty())
    {
        std::string message = "the schedule of the window opening at " + std::to_string(opens) +
                              " s is invalid (" + std::to_string(violations.size()) +
                              " violations):";
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
        if (schedule.Finish(t) > schedule.Start(t)) // sources and sinks take no core
        {
            double& free = m_available[coreBase[p] + schedule.Core(t)];
            free = std::max(free, schedule.Finish(t));
        }
    }
    m_mediumAvailable.resize(m_platform.MediumCount(), 0.0);
    for (const auto& transfer : schedule.Transfers())
    {
        if (transfer.medium < m_mediumAvailable.size())
        {
            double& free = m_mediumAvailable[transfer.medium];
            free = std::max(free, transfer.finish);
        }
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
    m_planned += static_cast<uint32_t>(window.size());
    NS_LOG_INFO("window " << k << " (opens at " << opens << " s): " << window.size()
                          << " requests (ids " << ids.front() << ".." << ids.back() << "), "
                          << problem.TaskCount() << " tasks planned in " << planning
                          << " s; makespan " << schedule.Makespan() << " s");
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

uint32_t
DnnRollingPlanner::PlannedRequests() const
{
    return m_planned;
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
