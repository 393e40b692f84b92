/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-simulation.h"

#include "dnn-simulation-steps.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

DnnSimulationResult
DnnSimulation::Run(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                   const DnnSchedule& schedule, const DnnPlatform& platform,
                   const DnnSimulationOptions& options)
{
    return Execute(std::make_shared<DnnRuntimePlan>(graph, problem, schedule), nullptr, graph,
                   problem, platform, options);
}

DnnSimulationResult
DnnSimulation::RunRolling(DnnRollingPlanner& planner, const DnnPlatform& platform,
                          const DnnSimulationOptions& options)
{
    std::vector<std::string> names;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        names.push_back(platform.Device(d).name);
    }
    auto plan = std::make_shared<DnnRuntimePlan>(names);
    planner.Declare(*plan);
    const DnnTaskGraph noGraph;
    const DnnSchedulingProblem noProblem({}, names);
    return Execute(plan, &planner, noGraph, noProblem, platform, options);
}

DnnSimulationResult
DnnSimulation::Execute(std::shared_ptr<DnnRuntimePlan> plan, DnnRollingPlanner* rolling,
                       const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                       const DnnPlatform& platform, const DnnSimulationOptions& options)
{
    // The run destroys the simulator before its state, however this ends.
    DnnSimulationRun run(std::move(plan), rolling, graph, problem, platform, options);
    run.BuildWorld();
    run.InstallWorkers();
    run.InstallTraces();
    run.OpenResults();
    run.ScheduleRolling();
    run.RunSimulator();
    DnnSimulationResult result = run.Summarize();
    run.WriteResults();
    return result;
}

} // namespace ns3
