/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-results-writer.h"

#include "ns3/dnn-csv.h"

#include "ns3/log.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnResultsWriter");

namespace
{

/** A time for the CSV files: microsecond resolution, empty when it never happened. */
std::string
TimeCell(double seconds)
{
    if (seconds < 0)
    {
        return "";
    }
    std::ostringstream out;
    out << std::fixed << std::setprecision(6) << seconds;
    return out.str();
}

/** A relative error for the CSV files: 6 decimals, empty when there is none (NaN). */
std::string
ErrorCell(double error)
{
    if (std::isnan(error))
    {
        return "";
    }
    std::ostringstream out;
    out << std::fixed << std::setprecision(6) << error;
    return out.str();
}

/** Mean, p50, p95 and max of some latencies, and how many of them are censored. */
nlohmann::json
Stats(const std::vector<double>& values, uint32_t censored)
{
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    nlohmann::json stats;
    stats["count"] = values.size();
    stats["censored"] = censored;
    stats["mean_s"] = values.empty() ? 0.0 : sum / values.size();
    stats["p50_s"] = DnnResultsWriter::Percentile(values, 50);
    stats["p95_s"] = DnnResultsWriter::Percentile(values, 95);
    stats["max_s"] = values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    return stats;
}

} // namespace

double
DnnResultsWriter::Percentile(std::vector<double> values, double p)
{
    if (values.empty())
    {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * values.size()));
    return values[std::min(values.size(), std::max<std::size_t>(rank, 1)) - 1];
}

double
DnnResultsWriter::LatencyError(double planned, double simulated)
{
    return planned > 0 ? (simulated - planned) / planned : std::numeric_limits<double>::quiet_NaN();
}

void
DnnResultsWriter::WritePlan(const std::string& directory, const DnnRuntimePlan& plan,
                            DnnRunFacts facts)
{
    facts.simulated = false;
    const DnnRunRecorder nothing(std::shared_ptr<const DnnRuntimePlan>(&plan, [](auto*) {}));
    Write(directory, plan, nothing, facts);
}

void
DnnResultsWriter::Write(const std::string& directory, const DnnRuntimePlan& plan,
                        const DnnRunRecorder& recorder, const DnnRunFacts& facts)
{
    DnnResultsWriter writer(directory, facts.simulated);
    writer.Finish(plan, recorder, facts);
}

DnnResultsWriter::DnnResultsWriter(const std::string& directory, bool simulated, double stopTime)
    : m_directory(directory), m_simulated(simulated), m_stopTime(stopTime), m_tasks(nullptr),
      m_transfers(nullptr), m_requests(nullptr), m_unfinished(nlohmann::json::array()),
      m_failed(nlohmann::json::array())
{
    NS_LOG_FUNCTION(this << directory << simulated << stopTime);
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
    {
        throw std::runtime_error(directory + ": cannot create the folder: " + error.message());
    }
    m_tasks = &m_files.Stream(directory + "/tasks.csv");
    *m_tasks << "task,request,model,layer,piece,node,planned_start,planned_finish,sim_start,"
                "sim_finish\n";
    if (simulated)
    {
        m_transfers = &m_files.Stream(directory + "/transfers.csv");
        *m_transfers << "producer,source,destination,bytes,send_start,arrival\n";
    }
    m_requests = &m_files.Stream(directory + "/requests.csv");
    *m_requests
        << "request,model,source,release,completion,latency,deadline,met,"
           "planned_completion,planned_latency,latency_error,status,failure_time,failure_reason,"
           "censored,censored_latency\n";
}

void
DnnResultsWriter::TaskRow(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder, uint32_t t)
{
    const auto& task = plan.GetTask(t);
    *m_tasks << DnnCsvField(task.name) << ',' << task.request << ','
             << DnnCsvField(plan.Requests().at(task.request).model) << ','
             << DnnCsvField(task.layer) << ',' << task.piece << ','
             << DnnCsvField(plan.NodeName(task.node)) << ',' << TimeCell(task.plannedStart) << ','
             << TimeCell(task.plannedFinish) << ',' << TimeCell(recorder.Start(t)) << ','
             << TimeCell(recorder.Finish(t)) << '\n';
}

void
DnnResultsWriter::TransferRow(const DnnRuntimePlan& plan, const DnnRunRecorder::Transfer& transfer)
{
    if (m_transfers)
    {
        *m_transfers << DnnCsvField(plan.GetTask(transfer.producer).name) << ','
                     << DnnCsvField(plan.NodeName(transfer.source)) << ','
                     << DnnCsvField(plan.NodeName(transfer.destination)) << ',' << transfer.bytes
                     << ',' << TimeCell(transfer.queued) << ',' << TimeCell(transfer.arrived)
                     << '\n';
    }
    m_bytesQueued += transfer.bytes;
    m_bytesArrived += transfer.arrived >= 0 ? transfer.bytes : 0;
}

void
DnnResultsWriter::RequestRow(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                             uint32_t id, double deadline, const std::string& unfinished)
{
    const DnnRuntimePlan::Request& request = plan.Requests().at(id);
    if (m_written.size() <= id)
    {
        m_written.resize(id + 1, 0);
    }
    m_written[id] = 1;
    const double completion = recorder.Completion(id);
    const DnnRunRecorder::Failure& failure = recorder.FailureOf(id);
    const bool done = completion >= 0;
    const double latency = done ? completion - request.release : -1;
    const bool met = done && (deadline <= 0 || latency <= deadline);
    m_misses += deadline > 0 && !met;
    // Every request of a simulated run counts in the statistics: one that did not complete
    // with its latency censored at the stop.
    const bool censored = m_simulated && !done;
    const double counted = done ? latency : std::max(0.0, m_stopTime - request.release);
    if (m_simulated)
    {
        m_latencies.push_back(counted);
        m_byModel[request.model].push_back(counted);
        m_censored += censored;
        m_censoredByModel[request.model] += censored;
    }
    if (done)
    {
        ++m_completed;
        m_makespan = std::max(m_makespan, completion);
    }
    else if (failure.time < 0 && m_simulated)
    {
        m_unfinished.push_back(
            {{"request", id}, {"reason", unfinished.empty() ? "did not complete" : unfinished}});
    }
    // A request a failure hit: "recovered" if it completed after a recovery, "failed" if
    // it did not complete (a hit request that completed without one lost nothing after
    // all: its activation was in flight and arrived).
    const bool wasHit = failure.time >= 0 && (!done || failure.recoveries > 0);
    m_hit += wasHit;
    m_recovered += wasHit && done;
    if (wasHit && !done)
    {
        nlohmann::json entry = {{"request", id},
                                {"time_s", failure.time},
                                {"reason", failure.reason},
                                {"recoveries", failure.recoveries}};
        if (!failure.unrecovered.empty())
        {
            entry["not_recovered"] = failure.unrecovered;
        }
        m_failed.push_back(entry);
    }
    // Planned latency and its error: none for a request never planned (a rolling window
    // after the stop); an unfinished request's error is a lower bound, as if it had
    // completed at the stop; a plan that was not simulated has no error.
    const bool planned = request.sink != DnnRuntimePlan::NONE;
    const double plannedLatency = planned ? request.plannedCompletion - request.release : -1;
    const double error =
        planned && m_simulated
            ? LatencyError(plannedLatency, done ? latency : m_stopTime - request.release)
            : std::numeric_limits<double>::quiet_NaN();
    const std::string status = !m_simulated ? "planned"
                             : done         ? (wasHit ? "recovered" : "completed")
                             : wasHit       ? "failed"
                                            : "unfinished";
    *m_requests << id << ',' << DnnCsvField(request.model) << ','
                << DnnCsvField(plan.NodeName(request.home)) << ',' << TimeCell(request.release)
                << ',' << TimeCell(completion) << ',' << TimeCell(latency) << ','
                << (deadline > 0 ? TimeCell(deadline) : "") << ','
                << (!m_simulated ? ""
                    : met        ? "yes"
                                 : "no")
                << ',' << (planned ? TimeCell(request.plannedCompletion) : "") << ','
                << (planned ? TimeCell(plannedLatency) : "") << ',' << ErrorCell(error) << ','
                << status << ',' << (wasHit ? TimeCell(failure.time) : "") << ','
                << (wasHit ? DnnCsvField(failure.reason) : "") << ','
                << (!m_simulated ? ""
                    : censored   ? "1"
                                 : "0")
                << ',' << (m_simulated ? TimeCell(counted) : "") << '\n';
}

void
DnnResultsWriter::WriteRequest(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                               uint32_t request, double deadline)
{
    NS_LOG_LOGIC("request " << request << ": " << plan.TasksOf(request).size()
                            << " tasks written as it finishes");
    for (uint32_t t : plan.TasksOf(request))
    {
        TaskRow(plan, recorder, t);
    }
    for (const auto& transfer : recorder.Transfers())
    {
        if (transfer.request == request)
        {
            TransferRow(plan, transfer);
        }
    }
    RequestRow(plan, recorder, request, deadline, "");
}

void
DnnResultsWriter::Finish(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                         const DnnRunFacts& facts)
{
    NS_LOG_FUNCTION(this << &plan << &recorder);
    m_stopTime = facts.stopTime;
    auto written = [this](uint32_t request)
    {
        return request < m_written.size() && m_written[request];
    };
    for (uint32_t t = 0; t < plan.TaskCount(); ++t)
    {
        if (plan.HasTask(t) && !written(plan.GetTask(t).request))
        {
            TaskRow(plan, recorder, t);
        }
    }
    for (const auto& transfer : recorder.Transfers())
    {
        if (!written(transfer.request))
        {
            TransferRow(plan, transfer);
        }
    }
    for (const auto& request : plan.Requests())
    {
        if (!written(request.id))
        {
            const double deadline =
                request.id < facts.deadlines.size() ? facts.deadlines[request.id] : 0.0;
            RequestRow(plan, recorder, request.id, deadline,
                       request.id < facts.unfinished.size() ? facts.unfinished[request.id] : "");
        }
    }
    // energy.csv
    std::ostringstream energy;
    energy << "node,compute_j,radio_j,total_j\n";
    nlohmann::json energyJson = nlohmann::json::object();
    double totalEnergy = 0;
    for (uint32_t node = 0; node < plan.NodeCount(); ++node)
    {
        const DnnNodeEnergy e = node < facts.energy.size() ? facts.energy[node] : DnnNodeEnergy{};
        energy << DnnCsvField(plan.NodeName(node)) << ',' << e.compute << ',' << e.radio << ','
               << e.compute + e.radio << '\n';
        energyJson[plan.NodeName(node)] = {
            {"compute_j", e.compute}, {"radio_j", e.radio}, {"total_j", e.compute + e.radio}};
        totalEnergy += e.compute + e.radio;
    }
    if (m_simulated)
    {
        m_files.Add(m_directory + "/energy.csv", energy.str());
    }
    // summary.json
    nlohmann::json summary;
    summary["scheduler"] = facts.scheduler;
    summary["simulated"] = m_simulated;
    summary["planned_makespan_s"] = plan.PlannedMakespan();
    const bool allDone = m_simulated && m_unfinished.empty() && m_failed.empty();
    summary["simulated_makespan_s"] = allDone ? nlohmann::json(m_makespan) : nlohmann::json();
    summary["makespan_difference_pct"] =
        allDone && plan.PlannedMakespan() > 0
            ? nlohmann::json(100.0 * (m_makespan - plan.PlannedMakespan()) / plan.PlannedMakespan())
            : nlohmann::json();
    summary["requests"] = plan.Requests().size();
    summary["completed"] = m_completed;
    summary["unfinished"] = m_simulated ? m_unfinished : nlohmann::json::array();
    summary["failed"] = m_failed;
    summary["failures"] = {
        {"injected", facts.faults},
        {"on_failure", facts.onFailure == DnnFailurePolicy::Replan ? "replan" : "report"},
        {"requests_hit", m_hit},
        {"recovered", m_recovered},
        {"failed", m_hit - m_recovered}};
    summary["latency"] = Stats(m_latencies, m_censored);
    nlohmann::json models = nlohmann::json::object();
    for (const auto& [model, values] : m_byModel)
    {
        models[model] = Stats(values, m_censoredByModel[model]);
    }
    summary["latency_by_model"] = models;
    summary["deadline_misses"] = m_misses;
    // Delivered (reached the destination's worker) and not: a message is queued whole when
    // its producer finishes, so an overloaded network leaves most of it undelivered.
    summary["network_bytes_received"] = m_bytesArrived;
    summary["network_bytes_undelivered"] = m_bytesQueued - m_bytesArrived;
    summary["network_bytes_queued"] = m_bytesQueued;
    summary["planned_network_bytes"] = plan.PlannedNetworkBytes();
    summary["energy_j"] = energyJson;
    summary["energy_total_j"] = totalEnergy;
    summary["scheduler_runtime_s"] = facts.schedulerRuntime;
    summary["events"] = facts.events;
    summary["wall_clock_s"] = facts.wallClock;
    summary["stop_time_s"] = facts.stopTime;
    summary["settings"] = facts.settings;
    summary["wifi_mac_drops"] = facts.wifiMacDrops;
    summary["unassociated_at_start"] = facts.unassociatedAtStart;
    summary["provenance"] = facts.provenance.Json();
    if (!facts.flowmonFile.empty())
    {
        summary["flowmon"] = facts.flowmonFile;
    }
    if (!facts.netanimFile.empty())
    {
        summary["netanim"] = {{"file", facts.netanimFile},
                              {"max_packets", facts.netanimMaxPackets},
                              {"packets", facts.netanimPackets},
                              {"cut", facts.netanimCut}};
    }
    if (!m_simulated)
    {
        for (const char* key :
             {"deadline_misses", "network_bytes_received", "network_bytes_undelivered",
              "network_bytes_queued", "energy_j", "energy_total_j", "events", "wall_clock_s",
              "wifi_mac_drops", "unassociated_at_start"})
        {
            summary[key] = nullptr;
        }
    }
    m_files.Add(m_directory + "/summary.json", summary.dump(1) + "\n");
    m_files.Commit();
    NS_LOG_INFO(m_directory << ": results of " << facts.scheduler << " ("
                            << (m_simulated ? "simulated" : "planned")
                            << "): " << plan.Requests().size() << " requests, " << m_completed
                            << " completed, planned makespan " << plan.PlannedMakespan() << " s");
}

} // namespace ns3
