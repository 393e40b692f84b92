/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-comparison.h"

#include "ns3/log.h"

#include <nlohmann/json.hpp>

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
    const bool someDone = sim && row.completed > 0;
    const double difference =
        finished && row.plannedMakespan > 0
            ? 100.0 * (row.simulatedMakespan - row.plannedMakespan) / row.plannedMakespan
            : 0.0;
    return {row.scheduler,
            Number(row.plannedMakespan),
            finished ? Number(row.simulatedMakespan) : "",
            finished && row.plannedMakespan > 0 ? Fixed(difference, 2) : "",
            Number(row.plannedMeanLatency),
            someDone ? Number(row.meanLatency) : "",
            someDone ? Number(row.p95Latency) : "",
            sim ? std::to_string(row.deadlineMisses) : "",
            sim ? std::to_string(row.completed) : "",
            std::to_string(row.requests),
            Number(row.plannedEnergy),
            sim ? Number(row.energy) : "",
            sim ? std::to_string(row.networkBytes) : "",
            Fixed(row.schedulerRuntime, 6),
            sim ? Fixed(row.simulationWall, 3) : ""};
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
                                                     "deadline_misses",
                                                     "completed",
                                                     "requests",
                                                     "planned_energy_j",
                                                     "energy_j",
                                                     "network_bytes",
                                                     "scheduler_runtime_s",
                                                     "simulation_wall_s"};
    return columns;
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
            out << (c ? "," : "") << cells[c];
        }
        out << '\n';
    }
    return out.str();
}

std::string
DnnComparison::Json(const std::vector<DnnComparisonRow>& rows)
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
        "scheduler", "planned_s", "simulated_s", "diff_%", "mean_lat_s", "p95_lat_s",
        "missed",    "done",      "energy_J",    "net_MB", "plan_s",     "sim_wall_s"};
    std::vector<std::vector<std::string>> table = {header};
    for (const auto& row : rows)
    {
        const auto c = Cells(row);
        const bool sim = row.simulated;
        table.push_back(
            {c[0], Fixed(row.plannedMakespan, 4),
             c[2].empty() ? (sim ? "unfinished" : "-") : Fixed(row.simulatedMakespan, 4),
             c[3].empty() ? "-" : c[3],
             c[5].empty() ? Fixed(row.plannedMeanLatency, 4) + "*" : Fixed(row.meanLatency, 4),
             c[6].empty() ? "-" : Fixed(row.p95Latency, 4), sim ? c[7] : "-",
             sim ? c[8] + "/" + c[9] : "-/" + c[9],
             sim ? Fixed(row.energy, 1) : Fixed(row.plannedEnergy, 1) + "*",
             sim ? Fixed(row.networkBytes / 1e6, 2) : "-", Fixed(row.schedulerRuntime, 3),
             sim ? Fixed(row.simulationWall, 2) : "-"});
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
    for (const auto& row : rows)
    {
        planned = planned || !row.simulated;
    }
    if (planned)
    {
        NS_LOG_LOGIC("some rows are planned only: their energy and latency are the planner's");
        out << "* planned (not simulated): mean latency and the planner's energy\n";
    }
    return out.str();
}

} // namespace ns3
