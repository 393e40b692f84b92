/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-comparison.h"

#include "ns3/dnn-csv.h"
#include "ns3/dnn-results-writer.h"

#include "ns3/log.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnComparison");

namespace
{

/** A number with up to 9 significant digits. */
std::string
Number(double value)
{
    if (!std::isfinite(value))
    {
        return ""; // no value (JSON has no infinity): a guard, the callers check their divisors
    }
    std::ostringstream out;
    out << std::setprecision(9) << value;
    return out.str();
}

/** A number with a fixed number of decimals. */
std::string
Fixed(double value, int decimals)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

/** The cells of a row, in Columns() order; "" where there is no value. */
std::vector<std::string>
Cells(const DnnComparisonRow& row)
{
    const bool sim = row.simulated;
    const bool finished = sim && row.simulatedMakespan >= 0;
    const bool someDone = sim && row.completed + row.censored > 0; // latencies over all
    const bool errors = sim && row.latencyErrors > 0;
    const double difference =
        finished && row.plannedMakespan > 0
            ? 100.0 * (row.simulatedMakespan - row.plannedMakespan) / row.plannedMakespan
            : 0.0;
    // Planned energy over the simulated window (the planned makespan when not simulated).
    const double window = sim ? row.energyWindow : row.plannedMakespan;
    const double plannedTotal = row.plannedEnergy + row.idlePower * window;
    return {row.scheduler,
            Number(row.plannedMakespan),
            finished ? Number(row.simulatedMakespan) : "",
            finished && row.plannedMakespan > 0 ? Fixed(difference, 2) : "",
            Number(row.plannedMeanLatency),
            someDone ? Number(row.meanLatency) : "",
            someDone ? Number(row.p95Latency) : "",
            errors ? Fixed(row.latencyErrorMedian, 6) : "",
            errors ? Fixed(row.latencyErrorP95, 6) : "",
            sim ? std::to_string(row.deadlineMisses) : "",
            sim ? std::to_string(row.completed) : "",
            sim ? std::to_string(row.censored) : "",
            std::to_string(row.requests),
            Number(row.plannedEnergy),
            sim ? Number(row.energy) : "",
            sim ? std::to_string(row.networkBytes) : "",
            sim ? std::to_string(row.networkBytesUndelivered) : "",
            Fixed(row.schedulerRuntime, 6),
            sim ? Fixed(row.simulationWall, 3) : "",
            Number(plannedTotal),
            sim ? Number(row.energy - row.idlePower * row.energyWindow) : "",
            row.requests > 0 ? Number(plannedTotal / row.requests) : "",
            sim && row.completed > 0 ? Number(row.energy / row.completed) : ""};
}

} // namespace

const std::vector<std::string>&
DnnComparison::Columns()
{
    static const std::vector<std::string> columns = {"scheduler",
                                                     "planned_makespan_s",
                                                     "simulated_makespan_s",
                                                     "makespan_difference_pct",
                                                     "planned_mean_latency_s",
                                                     "mean_latency_s",
                                                     "p95_latency_s",
                                                     "latency_error_median",
                                                     "latency_error_p95",
                                                     "deadline_misses",
                                                     "completed",
                                                     "censored",
                                                     "requests",
                                                     "planned_energy_j",
                                                     "energy_j",
                                                     "network_bytes",
                                                     "network_bytes_undelivered",
                                                     "scheduler_runtime_s",
                                                     "simulation_wall_s",
                                                     "planned_total_energy_j",
                                                     "energy_above_idle_j",
                                                     "planned_energy_per_request_j",
                                                     "energy_per_request_j"};
    return columns;
}

void
DnnComparison::CensoredLatencies(DnnComparisonRow& row, const std::vector<double>& release,
                                 const std::vector<double>& completion, double stopTime)
{
    std::vector<double> latencies;
    row.completed = 0;
    row.censored = 0;
    for (std::size_t r = 0; r < release.size(); ++r)
    {
        const bool done = r < completion.size() && completion[r] >= 0;
        latencies.push_back(done ? completion[r] - release[r]
                                 : std::max(stopTime - release[r], 0.0));
        row.completed += done;
        row.censored += !done;
    }
    double sum = 0;
    for (double latency : latencies)
    {
        sum += latency;
    }
    row.meanLatency = latencies.empty() ? 0 : sum / latencies.size();
    row.p95Latency = DnnResultsWriter::Percentile(latencies, 95);
}

void
DnnComparison::LatencyErrors(DnnComparisonRow& row, const std::vector<double>& release,
                             const std::vector<double>& plannedCompletion,
                             const std::vector<double>& completion, double stopTime)
{
    std::vector<double> errors;
    double latencySum = 0;
    for (std::size_t r = 0; r < release.size(); ++r)
    {
        if (r >= plannedCompletion.size() || plannedCompletion[r] < 0)
        {
            continue; // never planned: no planned latency to compare with
        }
        const bool done = r < completion.size() && completion[r] >= 0;
        const double latency = (done ? completion[r] : stopTime) - release[r];
        const double error =
            DnnResultsWriter::LatencyError(plannedCompletion[r] - release[r], latency);
        if (std::isnan(error))
        {
            continue; // a planned latency of 0: no relative error
        }
        errors.push_back(done ? std::abs(error) : std::max(error, 0.0));
        latencySum += latency;
    }
    row.latencyErrors = static_cast<uint32_t>(errors.size());
    row.latencyErrorMedian = DnnResultsWriter::Percentile(errors, 50);
    row.latencyErrorP95 = DnnResultsWriter::Percentile(errors, 95);
    row.boundedMeanLatency = errors.empty() ? 0 : latencySum / errors.size();
}

std::optional<double>
DnnComparison::KendallTauB(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = std::min(x.size(), y.size());
    int64_t concordant = 0;
    int64_t discordant = 0;
    int64_t tiedX = 0;
    int64_t tiedY = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        for (std::size_t j = i + 1; j < n; ++j)
        {
            const int sx = (x[i] < x[j]) - (x[j] < x[i]);
            const int sy = (y[i] < y[j]) - (y[j] < y[i]);
            tiedX += sx == 0;
            tiedY += sy == 0;
            concordant += sx * sy > 0;
            discordant += sx * sy < 0;
        }
    }
    const auto pairs = static_cast<int64_t>(n * (n - 1) / 2);
    const double denominator =
        std::sqrt(static_cast<double>(pairs - tiedX) * static_cast<double>(pairs - tiedY));
    if (n < 2 || denominator <= 0)
    {
        return std::nullopt;
    }
    return static_cast<double>(concordant - discordant) / denominator;
}

DnnRankAgreement
DnnComparison::RankAgreement(const std::vector<DnnComparisonRow>& rows)
{
    std::vector<double> planned;
    std::vector<double> simulated;
    for (const auto& row : rows)
    {
        if (row.simulated && row.latencyErrors > 0)
        {
            planned.push_back(row.plannedMeanLatency);
            simulated.push_back(row.boundedMeanLatency);
        }
    }
    DnnRankAgreement agreement;
    agreement.schedulers = static_cast<uint32_t>(planned.size());
    agreement.kendallTauB = KendallTauB(planned, simulated);
    return agreement;
}

std::string
DnnComparison::SummaryJson(const std::vector<DnnComparisonRow>& rows)
{
    const DnnRankAgreement agreement = RankAgreement(rows);
    nlohmann::ordered_json ranked = nlohmann::ordered_json::array();
    for (const auto& row : rows)
    {
        if (row.simulated && row.latencyErrors > 0)
        {
            nlohmann::ordered_json entry;
            entry["scheduler"] = row.scheduler;
            entry["planned_mean_latency_s"] =
                nlohmann::ordered_json::parse(Number(row.plannedMeanLatency));
            entry["simulated_mean_latency_s"] =
                nlohmann::ordered_json::parse(Number(row.boundedMeanLatency));
            ranked.push_back(entry);
        }
    }
    nlohmann::ordered_json rank;
    rank["kendall_tau_b"] = agreement.kendallTauB
                              ? nlohmann::ordered_json::parse(Fixed(*agreement.kendallTauB, 6))
                              : nlohmann::ordered_json();
    rank["schedulers"] = agreement.schedulers;
    rank["ranked"] = ranked;
    nlohmann::ordered_json summary;
    summary["rank_agreement"] = rank;
    return summary.dump(1) + "\n";
}

std::string
DnnComparison::Csv(const std::vector<DnnComparisonRow>& rows)
{
    NS_LOG_FUNCTION(rows.size());
    std::ostringstream out;
    const auto& columns = Columns();
    for (std::size_t c = 0; c < columns.size(); ++c)
    {
        out << (c ? "," : "") << columns[c];
    }
    out << '\n';
    for (const auto& row : rows)
    {
        NS_LOG_LOGIC("row " << row.scheduler << ": "
                            << (row.simulated ? "planned and simulated" : "planned only"));
        const auto cells = Cells(row);
        for (std::size_t c = 0; c < cells.size(); ++c)
        {
            out << (c ? "," : "") << DnnCsvField(cells[c]);
        }
        out << '\n';
    }
    return out.str();
}

std::string
DnnComparison::Json(const std::vector<DnnComparisonRow>& rows, const DnnProvenance* provenance)
{
    NS_LOG_FUNCTION(rows.size());
    const auto& columns = Columns();
    std::ostringstream out;
    out << "[\n";
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        const auto cells = Cells(rows[i]);
        nlohmann::ordered_json object;
        object[columns[0]] = cells[0];
        for (std::size_t c = 1; c < cells.size(); ++c)
        {
            object[columns[c]] = cells[c].empty() ? nlohmann::ordered_json()
                                                  : nlohmann::ordered_json::parse(cells[c]);
        }
        if (provenance)
        {
            object["provenance"] = nlohmann::ordered_json::parse(provenance->Json().dump());
        }
        out << " " << object.dump() << (i + 1 < rows.size() ? ",\n" : "\n");
    }
    out << "]\n";
    return out.str();
}

std::string
DnnComparison::Table(const std::vector<DnnComparisonRow>& rows)
{
    NS_LOG_FUNCTION(rows.size());
    const std::vector<std::string> header = {
        "scheduler", "err_med_%", "err_p95_%", "plan_lat_s", "mean_lat_s", "p95_lat_s", "mksp_%",
        "missed",    "done",      "energy_J",  "net_MB",     "plan_s",     "sim_wall_s"};
    std::vector<std::vector<std::string>> table = {header};
    bool bounds = false;
    bool someCensored = false;
    for (const auto& row : rows)
    {
        const auto c = Cells(row);
        const bool sim = row.simulated;
        const bool errors = sim && row.latencyErrors > 0;
        // Some planned request unfinished: the errors are lower bounds.
        const std::string bound = errors && row.completed < row.latencyErrors ? ">=" : "";
        bounds = bounds || !bound.empty();
        // Some request unfinished: its latency is censored at the stop, a lower bound.
        const std::string censored = sim && row.censored > 0 ? ">=" : "";
        someCensored = someCensored || !censored.empty();
        table.push_back({c[0], errors ? bound + Fixed(100 * row.latencyErrorMedian, 1) : "-",
                         errors ? bound + Fixed(100 * row.latencyErrorP95, 1) : "-",
                         Fixed(row.plannedMeanLatency, 4),
                         c[5].empty() ? "-" : censored + Fixed(row.meanLatency, 4),
                         c[6].empty() ? "-" : censored + Fixed(row.p95Latency, 4),
                         c[3].empty() ? "-" : c[3], // unfinished: "done" says so
                         sim ? c[9] : "-", sim ? c[10] + "/" + c[12] : "-/" + c[12],
                         sim ? Fixed(row.energy, 1) : Fixed(row.plannedEnergy, 1) + "*",
                         sim ? Fixed(row.networkBytes / 1e6, 2) : "-",
                         Fixed(row.schedulerRuntime, 3), sim ? Fixed(row.simulationWall, 2) : "-"});
    }
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& line : table)
    {
        for (std::size_t c = 0; c < line.size(); ++c)
        {
            width[c] = std::max(width[c], line[c].size());
        }
    }
    std::ostringstream out;
    for (const auto& line : table)
    {
        for (std::size_t c = 0; c < line.size(); ++c)
        {
            if (c == 0)
            {
                out << std::left << std::setw(static_cast<int>(width[c])) << line[c];
            }
            else
            {
                out << "  " << std::right << std::setw(static_cast<int>(width[c])) << line[c];
            }
        }
        out << '\n';
    }
    bool planned = false;
    bool simulated = false;
    for (const auto& row : rows)
    {
        planned = planned || !row.simulated;
        simulated = simulated || row.simulated;
    }
    if (simulated)
    {
        out << "err_med_%, err_p95_%: median and 95th percentile over the requests of "
               "|simulated - planned latency| / planned\n";
    }
    if (planned)
    {
        NS_LOG_LOGIC("some rows are planned only: their energy is the planner's");
        out << "* planned (not simulated): the planner's energy\n";
    }
    if (bounds)
    {
        out << ">= some request did not finish: its error counts as if it finished at the stop\n";
    }
    if (someCensored)
    {
        out << ">= in mean_lat_s, p95_lat_s: every request counts, an unfinished one with its "
               "latency censored at the stop (stop - release)\n";
    }
    const DnnRankAgreement agreement = RankAgreement(rows);
    out << "rank agreement, planned vs simulated mean latency (Kendall's tau-b, "
        << agreement.schedulers << " schedulers): "
        << (agreement.kendallTauB ? Fixed(*agreement.kendallTauB, 3)
                                  : std::string("undefined (fewer than 2, or all tied)"))
        << '\n';
    return out.str();
}

} // namespace ns3
