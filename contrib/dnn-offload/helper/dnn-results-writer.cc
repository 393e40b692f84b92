/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-results-writer.h"

#include "dnn-output-files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

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

/** A CSV cell: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
std::string
CsvCell(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (char c : text)
    {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

/** Mean, p50, p95 and max of some latencies. */
nlohmann::json
Stats(const std::vector<double>& values)
{
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    nlohmann::json stats;
    stats["count"] = values.size();
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

void
DnnResultsWriter::WritePlan(const std::string& directory, const DnnTaskGraph& graph,
                            const DnnRuntimePlan& plan, DnnRunFacts facts)
{
    facts.simulated = false;
    const DnnRunRecorder nothing(std::shared_ptr<const DnnRuntimePlan>(&plan, [](auto*) {}));
    Write(directory, graph, plan, nothing, facts);
}

void
DnnResultsWriter::Write(const std::string& directory, const DnnTaskGraph& graph,
                        const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                        const DnnRunFacts& facts)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
    {
        throw std::runtime_error(directory + ": cannot create the folder: " + error.message());
    }
    DnnOutputFiles files;
    // tasks.csv
    std::ostringstream tasks;
    tasks << "task,request,model,layer,piece,node,planned_start,planned_finish,sim_start,"
             "sim_finish\n";
    for (uint32_t t = 0; t < plan.TaskCount(); ++t)
    {
        const auto& task = plan.GetTask(t);
        const DnnTask& source = graph.Task(task.original);
        tasks << task.name << ',' << task.request << ',' << source.model << ',' << source.layer
              << ',' << source.piece << ',' << plan.NodeName(task.node) << ','
              << TimeCell(task.plannedStart) << ',' << TimeCell(task.plannedFinish) << ','
              << TimeCell(recorder.Start(t)) << ',' << TimeCell(recorder.Finish(t)) << '\n';
    }
    files.Add(directory + "/tasks.csv", tasks.str());
    // transfers.csv
    std::ostringstream transfers;
    transfers << "producer,source,destination,bytes,send_start,arrival\n";
    uint64_t bytesSent = 0;
    uint64_t bytesArrived = 0;
    for (const auto& transfer : recorder.Transfers())
    {
        transfers << plan.GetTask(transfer.producer).name << ',' << plan.NodeName(transfer.source)
                  << ',' << plan.NodeName(transfer.destination) << ',' << transfer.bytes << ','
                  << TimeCell(transfer.queued) << ',' << TimeCell(transfer.arrived) << '\n';
        bytesSent += transfer.bytes;
        bytesArrived += transfer.arrived >= 0 ? transfer.bytes : 0;
    }
    if (facts.simulated)
    {
        files.Add(directory + "/transfers.csv", transfers.str());
    }
    // requests.csv and latency statistics
    std::ostringstream requests;
    requests << "request,model,source,release,completion,latency,deadline,met,planned_completion,"
                "status,failure_time,failure_reason\n";
    std::vector<double> latencies;
    std::map<std::string, std::vector<double>> byModel;
    uint32_t misses = 0;
    double makespan = 0;
    nlohmann::json unfinished = nlohmann::json::array();
    nlohmann::json failed = nlohmann::json::array();
    uint32_t hit = 0;
    uint32_t recovered = 0;
    for (const auto& request : plan.Requests())
    {
        const double completion = recorder.Completion(request.id);
        const DnnRunRecorder::Failure& failure = recorder.FailureOf(request.id);
        const double deadline =
            request.id < facts.deadlines.size() ? facts.deadlines[request.id] : 0.0;
        const bool done = completion >= 0;
        const double latency = done ? completion - request.release : -1;
        const bool met = done && (deadline <= 0 || latency <= deadline);
        misses += deadline > 0 && !met;
        if (done)
        {
            latencies.push_back(latency);
            byModel[request.model].push_back(latency);
            makespan = std::max(makespan, completion);
        }
        else if (failure.time < 0)
        {
            const std::string reason = request.id < facts.unfinished.size()
                                         ? facts.unfinished[request.id]
                                         : "did not complete";
            unfinished.push_back({{"request", request.id}, {"reason", reason}});
        }
        // A request a failure hit: "recovered" if it completed after a recovery, "failed" if
        // it did not complete (a hit request that completed without one lost nothing after
        // all: its activation was in flight and arrived).
        const bool wasHit = failure.time >= 0 && (!done || failure.recoveries > 0);
        hit += wasHit;
        recovered += wasHit && done;
        if (wasHit && !done)
        {
            nlohmann::json entry = {{"request", request.id},
                                    {"time_s", failure.time},
                                    {"reason", failure.reason},
                                    {"recoveries", failure.recoveries}};
            if (!failure.unrecovered.empty())
            {
                entry["not_recovered"] = failure.unrecovered;
            }
            failed.push_back(entry);
        }
        const std::string status = !facts.simulated ? "planned"
                                 : done             ? (wasHit ? "recovered" : "completed")
                                 : wasHit           ? "failed"
                                                    : "unfinished";
        requests << request.id << ',' << request.model << ',' << plan.NodeName(request.home) << ','
                 << TimeCell(request.release) << ',' << TimeCell(completion) << ','
                 << TimeCell(latency) << ',' << (deadline > 0 ? TimeCell(deadline) : "") << ','
                 << (!facts.simulated ? ""
                     : met            ? "yes"
                                      : "no")
                 << ',' << TimeCell(request.plannedCompletion) << ',' << status << ','
                 << (wasHit ? TimeCell(failure.time) : "") << ','
                 << (wasHit ? CsvCell(failure.reason) : "") << '\n';
    }
    files.Add(directory + "/requests.csv", requests.str());
    // energy.csv
    std::ostringstream energy;
    energy << "node,compute_j,radio_j,total_j\n";
    nlohmann::json energyJson = nlohmann::json::object();
    double totalEnergy = 0;
    for (uint32_t node = 0; node < plan.NodeCount(); ++node)
    {
        const DnnNodeEnergy e = node < facts.energy.size() ? facts.energy[node] : DnnNodeEnergy{};
        energy << plan.NodeName(node) << ',' << e.compute << ',' << e.radio << ','
               << e.compute + e.radio << '\n';
        energyJson[plan.NodeName(node)] = {
            {"compute_j", e.compute}, {"radio_j", e.radio}, {"total_j", e.compute + e.radio}};
        totalEnergy += e.compute + e.radio;
    }
    if (facts.simulated)
    {
        files.Add(directory + "/energy.csv", energy.str());
    }
    // summary.json
    nlohmann::json summary;
    summary["scheduler"] = facts.scheduler;
    summary["simulated"] = facts.simulated;
    summary["planned_makespan_s"] = plan.PlannedMakespan();
    const bool allDone = facts.simulated && unfinished.empty() && failed.empty();
    summary["simulated_makespan_s"] = allDone ? nlohmann::json(makespan) : nlohmann::json();
    summary["makespan_difference_pct"] =
        allDone && plan.PlannedMakespan() > 0
            ? nlohmann::json(100.0 * (makespan - plan.PlannedMakespan()) / plan.PlannedMakespan())
            : nlohmann::json();
    summary["requests"] = plan.Requests().size();
    summary["completed"] = latencies.size();
    summary["unfinished"] = facts.simulated ? unfinished : nlohmann::json::array();
    summary["failed"] = failed;
    summary["failures"] = {
        {"injected", facts.faults},
        {"on_failure", facts.onFailure == DnnFailurePolicy::Replan ? "replan" : "report"},
        {"requests_hit", hit},
        {"recovered", recovered},
        {"failed", hit - recovered}};
    summary["latency"] = Stats(latencies);
    nlohmann::json models = nlohmann::json::object();
    for (const auto& [model, values] : byModel)
    {
        models[model] = Stats(values);
    }
    summary["latency_by_model"] = models;
    summary["deadline_misses"] = misses;
    summary["network_bytes_sent"] = bytesSent;
    summary["network_bytes_received"] = bytesArrived;
    summary["planned_network_bytes"] = plan.PlannedNetworkBytes();
    summary["energy_j"] = energyJson;
    summary["energy_total_j"] = totalEnergy;
    summary["scheduler_runtime_s"] = facts.schedulerRuntime;
    summary["events"] = facts.events;
    summary["wall_clock_s"] = facts.wallClock;
    summary["stop_time_s"] = facts.stopTime;
    summary["settings"] = facts.settings;
    summary["wifi_mac_drops"] = facts.wifiMacDrops;
    if (!facts.flowmonFile.empty())
    {
        summary["flowmon"] = facts.flowmonFile;
    }
    if (!facts.netanimFile.empty())
    {
        summary["netanim"] = facts.netanimFile;
    }
    if (!facts.simulated)
    {
        for (const char* key :
             {"deadline_misses", "network_bytes_sent", "network_bytes_received", "energy_j",
              "energy_total_j", "events", "wall_clock_s", "wifi_mac_drops"})
        {
            summary[key] = nullptr;
        }
    }
    files.Add(directory + "/summary.json", summary.dump(1) + "\n");
    files.Commit();
}

} // namespace ns3
