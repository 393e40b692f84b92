/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-experiment.h"

#include "ns3/dnn-results-writer.h"
#include "ns3/dnn-rolling-planner.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-simulation.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnExperiment");

namespace
{

/** Where the planner's hop models came from, for the results' settings. */
std::string
HopModelsText(const DnnScenario& scenario, bool calibrated)
{
    return calibrated && scenario.platform.HasMeasuredHops()
             ? "measured on networks with no pinned efficiency (calibration.json)"
             : "nominal (rate x efficiency, delay)";
}

/** The simulation options of a scenario. */
DnnSimulationOptions
SimulationOptions(const DnnScenario& scenario, const std::string& label,
                  const DnnSchedulerSpec& spec, const DnnExperimentOptions& options)
{
    DnnSimulationOptions sim;
    sim.outputDir = options.outputDir;
    sim.scheduler = label;
    sim.stopTime = scenario.stopTime;
    sim.seed = scenario.seed;
    sim.run = scenario.run;
    sim.flowmon = scenario.flowmon;
    sim.netanim = scenario.netanim && options.netanim;
    sim.netanimEnergy = scenario.netanimEnergy;
    if (scenario.netanimMaxPackets > 0)
    {
        sim.netanimMaxPackets = scenario.netanimMaxPackets;
    }
    sim.pcap = scenario.pcap;
    sim.deadlines = scenario.deadlines;
    sim.progress = options.progress;
    sim.faults = scenario.faults;
    sim.onFailure = scenario.onFailure;
    sim.settings["planning.network_model"] = DnnNetworkModelName(spec.networkModel);
    sim.settings["planning.hop_models"] = HopModelsText(scenario, spec.calibrated);
    sim.provenance = options.provenance;
    return sim;
}

/** The devices' idle power, summed, with their Wi-Fi radios' idle power (one radio per
 *  Wi-Fi network a device is on, as the simulation installs them).
 *  \param platform the platform \return W */
double
IdlePower(const DnnPlatform& platform)
{
    double watts = 0;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        watts += platform.Device(d).profile.idlePower;
    }
    for (const DnnNetwork& network : platform.Networks())
    {
        if (network.kind == DnnNetworkKind::Wifi)
        {
            for (uint32_t d : network.members)
            {
                watts += platform.Device(d).profile.RadioIdlePower();
            }
        }
    }
    return watts;
}

/** Fill in a row's simulated figures. */
void
AddSimulated(DnnComparisonRow& row, const DnnScenario& scenario, const DnnSimulationResult& result)
{
    row.simulated = true;
    row.simulatedMakespan = result.simulatedMakespan;
    std::vector<double> release(result.completion.size(), 0.0);
    for (const auto& request : scenario.requests)
    {
        const double completion = result.completion.at(request.id);
        const double deadline =
            request.id < scenario.deadlines.size() ? scenario.deadlines[request.id] : 0.0;
        const bool met =
            completion >= 0 && (deadline <= 0 || completion - request.releaseTime <= deadline);
        row.deadlineMisses += deadline > 0 && !met;
        release.at(request.id) = request.releaseTime;
    }
    DnnComparison::CensoredLatencies(row, release, result.completion, scenario.stopTime);
    DnnComparison::LatencyErrors(row, release, result.plannedCompletion, result.completion,
                                 scenario.stopTime);
    row.energy = result.energy;
    row.energyWindow = result.energyWindow;
    row.networkBytes = result.bytesReceived;
    row.networkBytesUndelivered = result.bytesQueued - result.bytesReceived;
    row.simulationWall = result.wallClock;
}

} // namespace

DnnExperiment::DnnExperiment(const DnnScenario& scenario)
    : m_scenario(scenario), m_nominalPlatform(scenario.platform)
{
    m_nominalPlatform.ClearMeasuredHops();
    NS_LOG_FUNCTION(this << &scenario);
    if (scenario.horizon <= 0)
    {
        m_workload.emplace(DnnScenarioReader::BuildWorkload(scenario));
        if (scenario.platform.HasMeasuredHops())
        {
            m_nominalProblem.emplace(BuildWorkloadProblem(m_workload->graph, m_nominalPlatform));
        }
        NS_LOG_INFO("scenario " << scenario.name << ": offline planning of "
                                << scenario.requests.size() << " requests, "
                                << m_workload->problem.TaskCount() << " tasks");
    }
    else
    {
        NS_LOG_INFO("scenario " << scenario.name << ": rolling-horizon planning of "
                                << scenario.requests.size() << " requests, horizon "
                                << scenario.horizon << " s");
    }
}

uint32_t
DnnExperiment::TaskCount() const
{
    return m_workload ? m_workload->problem.TaskCount() : 0;
}

DnnComparisonRow
DnnExperiment::Run(const DnnSchedulerSpec& spec, const DnnExperimentOptions& options) const
{
    NS_LOG_FUNCTION(this << spec.label << options.planOnly);
    Ptr<DnnScheduler> scheduler = spec.Create();
    const bool seedGiven = std::any_of(spec.attributes.begin(), spec.attributes.end(),
                                       [](const auto& a) { return a.first == "Seed"; });
    if (!seedGiven)
    {
        NS_LOG_LOGIC(spec.label << ": Seed " << m_scenario.seed + 7919 * (m_scenario.run - 1)
                                << " (from the scenario's seed and run), if it has one");
        scheduler->SetAttributeFailSafe(
            "Seed", UintegerValue(m_scenario.seed + 7919 * (m_scenario.run - 1)));
    }
    return m_workload ? RunOffline(spec, scheduler, options) : RunRolling(spec, scheduler, options);
}

const DnnPlatform&
DnnExperiment::PlanningPlatform(const DnnSchedulerSpec& spec) const
{
    return spec.calibrated ? m_scenario.platform : m_nominalPlatform;
}

DnnComparisonRow
DnnExperiment::RunOffline(const DnnSchedulerSpec& spec, Ptr<DnnScheduler> scheduler,
                          const DnnExperimentOptions& options) const
{
    const DnnScenario& scenario = m_scenario;
    // A copy: the model is this run's.
    DnnSchedulingProblem problem =
        spec.calibrated || !m_nominalProblem ? m_workload->problem : *m_nominalProblem;
    problem.SetNetworkModel(spec.networkModel);
    const DnnTaskGraph& graph = m_workload->graph;
    const auto begin = std::chrono::steady_clock::now();
    const DnnSchedule schedule = scheduler->Plan(problem);
    const double runtime =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const auto violations = ValidateSchedule(problem, schedule);
    if (!violations.empty())
    {
        std::string message = "scheduler \"" + spec.label + "\" produced an invalid schedule (" +
                              std::to_string(violations.size()) + " violations):";
        for (std::size_t i = 0; i < std::min<std::size_t>(violations.size(), 10); ++i)
        {
            message += "\n  " + violations[i];
        }
        throw DnnInvalidScheduleError(message);
    }

    DnnComparisonRow row;
    row.scheduler = spec.label;
    row.idlePower = IdlePower(scenario.platform);
    row.plannedMakespan = schedule.Makespan();
    row.schedulerRuntime = runtime;
    row.requests = static_cast<uint32_t>(scenario.requests.size());
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        assignment[t] = schedule.Processor(t);
    }
    const std::vector<uint32_t> order = DnnScheduleEvaluator::StartOrder(problem, schedule);
    row.plannedEnergy =
        DnnScheduleEvaluator(problem).Evaluate(assignment.data(), order.data()).energy;
    const std::vector<double> plannedCompletion = schedule.RequestCompletion(problem);
    double plannedLatency = 0;
    for (const auto& request : scenario.requests)
    {
        plannedLatency += plannedCompletion.at(request.id) - request.releaseTime;
    }
    row.plannedMeanLatency = scenario.requests.empty() ? 0 : plannedLatency / row.requests;
    NS_LOG_INFO(spec.label << ": planned makespan " << row.plannedMakespan << " s in " << runtime
                           << " s, energy " << row.plannedEnergy << " J, mean latency "
                           << row.plannedMeanLatency << " s");

    if (options.planOnly)
    {
        if (!options.outputDir.empty())
        {
            const DnnRuntimePlan plan(graph, problem, schedule);
            DnnRunFacts facts;
            facts.scheduler = spec.label;
            facts.schedulerRuntime = runtime;
            facts.deadlines = scenario.deadlines;
            facts.provenance = options.provenance;
            facts.provenance.seed = scenario.seed;
            facts.provenance.run = scenario.run;
            facts.settings["planning.efficiency"] =
                std::to_string(scenario.platform.PlanningEfficiency());
            facts.settings["planning.network_model"] = DnnNetworkModelName(spec.networkModel);
            facts.settings["planning.hop_models"] = HopModelsText(scenario, spec.calibrated);
            DnnResultsWriter::WritePlan(options.outputDir, plan, facts);
        }
        return row;
    }

    DnnSimulationOptions sim = SimulationOptions(scenario, spec.label, spec, options);
    sim.schedulerRuntime = runtime;
    const DnnSimulationResult result =
        DnnSimulation::Run(graph, problem, schedule, scenario.platform, sim);
    AddSimulated(row, scenario, result);
    return row;
}

DnnComparisonRow
DnnExperiment::RunRolling(const DnnSchedulerSpec& spec, Ptr<DnnScheduler> scheduler,
                          const DnnExperimentOptions& options) const
{
    const DnnScenario& scenario = m_scenario;
    DnnRollingPlanner planner(PlanningPlatform(spec), scenario.partition, scenario.requests,
                              scenario.horizon, scheduler);
    planner.SetNetworkModel(spec.networkModel);
    DnnComparisonRow row;
    row.scheduler = spec.label;
    row.idlePower = IdlePower(scenario.platform);
    row.requests = static_cast<uint32_t>(scenario.requests.size());
    auto fillPlanned = [&]()
    {
        row.plannedMakespan = planner.PlannedMakespan();
        row.schedulerRuntime = planner.SchedulerRuntime();
        row.plannedEnergy = planner.PlannedEnergy();
        row.plannedMeanLatency = planner.PlannedRequests() > 0
                                   ? planner.PlannedLatencySum() / planner.PlannedRequests()
                                   : 0;
    };
    if (options.planOnly)
    {
        std::vector<std::string> names;
        for (uint32_t d = 0; d < scenario.platform.DeviceCount(); ++d)
        {
            names.push_back(scenario.platform.Device(d).name);
        }
        DnnRuntimePlan plan(names);
        planner.Declare(plan);
        const DnnRunRecorder nothing(std::shared_ptr<const DnnRuntimePlan>(&plan, [](auto*) {}));
        std::unique_ptr<DnnResultsWriter> writer;
        if (!options.outputDir.empty())
        {
            writer = std::make_unique<DnnResultsWriter>(options.outputDir, false);
        }
        while (!planner.Done())
        {
            for (uint32_t id : planner.PlanNext(plan))
            {
                if (writer)
                {
                    writer->WriteRequest(plan, nothing, id,
                                         id < scenario.deadlines.size() ? scenario.deadlines[id]
                                                                        : 0.0);
                }
                plan.Retire(id);
            }
        }
        fillPlanned();
        NS_LOG_INFO(spec.label << ": " << planner.Windows() << " windows, planned makespan "
                               << row.plannedMakespan << " s in " << row.schedulerRuntime << " s");
        if (writer)
        {
            DnnRunFacts facts;
            facts.simulated = false;
            facts.scheduler = spec.label;
            facts.schedulerRuntime = planner.SchedulerRuntime();
            facts.deadlines = scenario.deadlines;
            facts.provenance = options.provenance;
            facts.provenance.seed = scenario.seed;
            facts.provenance.run = scenario.run;
            facts.settings["planning.efficiency"] =
                std::to_string(scenario.platform.PlanningEfficiency());
            facts.settings["planning.horizon"] = std::to_string(scenario.horizon);
            facts.settings["planning.network_model"] = DnnNetworkModelName(spec.networkModel);
            facts.settings["planning.hop_models"] = HopModelsText(scenario, spec.calibrated);
            facts.settings["planning.windows"] = std::to_string(planner.Windows());
            writer->Finish(plan, nothing, facts);
        }
        return row;
    }
    NS_LOG_LOGIC(spec.label << ": simulating, planning window by window");
    const DnnSimulationResult result = DnnSimulation::RunRolling(
        planner, scenario.platform, SimulationOptions(scenario, spec.label, spec, options));
    fillPlanned();
    NS_LOG_INFO(spec.label << ": " << planner.Windows() << " windows, planned makespan "
                           << row.plannedMakespan << " s in " << row.schedulerRuntime << " s");
    AddSimulated(row, scenario, result);
    return row;
}

} // namespace ns3
