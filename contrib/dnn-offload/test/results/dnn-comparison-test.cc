/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-seed-setting.h"
#include "dnn-test-util.h"
#include "ns3/dnn-comparison.h"
#include "ns3/dnn-results-writer.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-workload-problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>

namespace
{

using namespace ns3;

/** The cells of one CSV line (no quoting needed here). */
std::vector<std::string>
Split(const std::string& line)
{
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ','))
    {
        cells.push_back(cell);
    }
    if (!line.empty() && line.back() == ',')
    {
        cells.emplace_back();
    }
    return cells;
}

/** requests.csv as rows keyed by column name. */
std::vector<std::map<std::string, std::string>>
ReadRequests(const std::filesystem::path& file)
{
    std::istringstream in(test::ReadTextFile(file.string()));
    std::string line;
    std::getline(in, line);
    const auto header = Split(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line))
    {
        const auto cells = Split(line);
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < header.size(); ++c)
        {
            row[header[c]] = c < cells.size() ? cells[c] : "";
        }
        rows.push_back(row);
    }
    return rows;
}

/** Signed relative error: (simulated - planned) / planned; none without a planned latency. */
TEST(ComparisonTest, LatencyErrorIsSignedAndRelative)
{
    EXPECT_DOUBLE_EQ(DnnResultsWriter::LatencyError(0.2, 0.3), 0.5);
    EXPECT_DOUBLE_EQ(DnnResultsWriter::LatencyError(0.4, 0.3), -0.25);
    EXPECT_DOUBLE_EQ(DnnResultsWriter::LatencyError(0.4, 0.4), 0.0);
    EXPECT_TRUE(std::isnan(DnnResultsWriter::LatencyError(0.0, 0.3)));
}

/** Five completed requests planned at 1 s with latencies 1.1, 0.8, 1.5, 1.0, 2.0 s: absolute
 *  errors sorted 0, 0.1, 0.2, 0.5, 1.0; nearest rank: median = 3rd = 0.2, p95 = 5th = 1.0.
 *  An unfinished one (release 1, planned completion 2, stop 4) adds its lower bound
 *  ((4 - 1) - 1) / 1 = 2: six values, median = 3rd = 0.2, p95 = ceil(5.7) = 6th = 2.0.
 *  A request never planned is left out. */
TEST(ComparisonTest, MedianAndP95OfKnownErrors)
{
    DnnComparisonRow row;
    row.simulated = true;
    std::vector<double> release = {0, 0, 0, 0, 0};
    std::vector<double> planned = {1, 1, 1, 1, 1};
    std::vector<double> completion = {1.1, 0.8, 1.5, 1.0, 2.0};
    DnnComparison::LatencyErrors(row, release, planned, completion, 4.0);
    EXPECT_EQ(row.latencyErrors, 5u);
    EXPECT_NEAR(row.latencyErrorMedian, 0.2, 1e-12);
    EXPECT_NEAR(row.latencyErrorP95, 1.0, 1e-12);
    EXPECT_NEAR(row.boundedMeanLatency, 6.4 / 5, 1e-12);

    release.push_back(1.0); // unfinished
    planned.push_back(2.0);
    completion.push_back(-1);
    release.push_back(3.0); // never planned (a window after the stop)
    planned.push_back(-1);
    completion.push_back(-1);
    DnnComparison::LatencyErrors(row, release, planned, completion, 4.0);
    EXPECT_EQ(row.latencyErrors, 6u);
    EXPECT_NEAR(row.latencyErrorMedian, 0.2, 1e-12);
    EXPECT_NEAR(row.latencyErrorP95, 2.0, 1e-12);
    EXPECT_NEAR(row.boundedMeanLatency, (6.4 + 3.0) / 6, 1e-12);

    // The CSV holds the fractions with 6 decimals, after p95_latency_s.
    row.scheduler = "x";
    row.completed = 5;
    row.requests = 7;
    const std::string csv = DnnComparison::Csv({row});
    std::istringstream lines(csv);
    std::string header;
    std::string cells;
    std::getline(lines, header);
    std::getline(lines, cells);
    const auto names = Split(header);
    const auto values = Split(cells);
    ASSERT_EQ(names.size(), values.size());
    const auto at = std::find(names.begin(), names.end(), "latency_error_median") - names.begin();
    ASSERT_LT(static_cast<std::size_t>(at), names.size());
    EXPECT_EQ(names[at - 1], "p95_latency_s");
    EXPECT_EQ(values[at], "0.200000");
    EXPECT_EQ(names[at + 1], "latency_error_p95");
    EXPECT_EQ(values[at + 1], "2.000000");
    // The table marks them as lower bounds.
    const std::string table = DnnComparison::Table({row});
    EXPECT_NE(table.find(">=20.0"), std::string::npos) << table;
    EXPECT_NE(table.find(">=200.0"), std::string::npos) << table;
}

/** network_bytes is what was delivered; what was queued and never arrived is a column of
 *  its own, right after it (CSV and JSON), and both are empty for a plan not simulated. */
TEST(ComparisonTest, DeliveredAndUndeliveredBytesAreSeparateColumns)
{
    DnnComparisonRow row;
    row.scheduler = "x";
    row.simulated = true;
    row.networkBytes = 1280;
    row.networkBytesUndelivered = 1280000000000ULL; // a backlog never sent
    DnnComparisonRow planned;
    planned.scheduler = "y";
    std::istringstream lines(DnnComparison::Csv({row, planned}));
    std::string header;
    std::string cells;
    std::string plannedCells;
    std::getline(lines, header);
    std::getline(lines, cells);
    std::getline(lines, plannedCells);
    const auto names = Split(header);
    const auto values = Split(cells);
    const auto plannedValues = Split(plannedCells);
    const auto at = std::find(names.begin(), names.end(), "network_bytes") - names.begin();
    ASSERT_LT(static_cast<std::size_t>(at) + 1, names.size());
    EXPECT_EQ(names[at + 1], "network_bytes_undelivered");
    EXPECT_EQ(values[at], "1280");
    EXPECT_EQ(values[at + 1], "1280000000000");
    EXPECT_EQ(plannedValues[at], "");
    EXPECT_EQ(plannedValues[at + 1], "");
    const auto json = nlohmann::json::parse(DnnComparison::Json({row}));
    EXPECT_EQ(json[0]["network_bytes"], 1280);
    EXPECT_EQ(json[0]["network_bytes_undelivered"], 1280000000000ULL);
    // The table's net_MB is the delivered bytes: 0.00 MB, not 1.28 TB.
    EXPECT_NE(DnnComparison::Table({row}).find(" 0.00 "), std::string::npos)
        << DnnComparison::Table({row});
}

/** Total, above-idle and per-request energy, planned and simulated over the same window. */
TEST(ComparisonTest, EnergyColumnsShareTheSimulatedWindow)
{
    DnnComparisonRow row;
    row.scheduler = "x";
    row.simulated = true;
    row.plannedMakespan = 1;
    row.plannedEnergy = 4; // above idle
    row.energy = 25;
    row.energyWindow = 3;
    row.idlePower = 5;
    row.completed = 2;
    row.requests = 4;
    DnnComparisonRow planned = row; // not simulated: over the planned makespan
    planned.scheduler = "y";
    planned.simulated = false;
    DnnComparisonRow none = row; // simulated, nothing completed
    none.scheduler = "z";
    none.completed = 0;
    none.censored = 4; // every request unfinished, censored at the stop (it divided by 0)
    const auto json = nlohmann::json::parse(DnnComparison::Json({row, planned, none}));
    // Simulated window 3 s: planned 4 + 5 W x 3 s = 19 J, 19 / 4 requests = 4.75 J;
    // simulated above idle 25 - 5 x 3 = 10 J, 25 J / 2 completed = 12.5 J.
    EXPECT_DOUBLE_EQ(json[0]["planned_total_energy_j"].get<double>(), 19.0);
    EXPECT_DOUBLE_EQ(json[0]["energy_above_idle_j"].get<double>(), 10.0);
    EXPECT_DOUBLE_EQ(json[0]["planned_energy_per_request_j"].get<double>(), 4.75);
    EXPECT_DOUBLE_EQ(json[0]["energy_per_request_j"].get<double>(), 12.5);
    // Planned only, over the planned makespan 1 s: 4 + 5 x 1 = 9 J, 9 / 4 = 2.25 J.
    EXPECT_DOUBLE_EQ(json[1]["planned_total_energy_j"].get<double>(), 9.0);
    EXPECT_DOUBLE_EQ(json[1]["planned_energy_per_request_j"].get<double>(), 2.25);
    EXPECT_TRUE(json[1]["energy_above_idle_j"].is_null());
    EXPECT_TRUE(json[1]["energy_per_request_j"].is_null());
    // Nothing completed: no energy per completed request.
    EXPECT_DOUBLE_EQ(json[2]["energy_above_idle_j"].get<double>(), 10.0);
    EXPECT_TRUE(json[2]["energy_per_request_j"].is_null());
    // The new columns come after the existing ones.
    const auto& columns = DnnComparison::Columns();
    const auto position = [&](const char* name)
    {
        return std::find(columns.begin(), columns.end(), name) - columns.begin();
    };
    EXPECT_LT(position("simulation_wall_s"), position("planned_total_energy_j"));
    EXPECT_LT(position("energy_per_request_j"), static_cast<long>(columns.size()));
}

/** An unfinished request planned to complete after the stop has a negative lower bound
 *  ((4 - 0) - 5) / 5 = -0.2; its absolute error is only known to be >= 0. */
TEST(ComparisonTest, NegativeLowerBoundCountsAsZero)
{
    DnnComparisonRow row;
    DnnComparison::LatencyErrors(row, {0, 0}, {5, 1}, {-1, 1.5}, 4.0);
    EXPECT_EQ(row.latencyErrors, 2u);
    EXPECT_NEAR(row.latencyErrorMedian, 0.0, 1e-12); // values 0 and 0.5
    EXPECT_NEAR(row.latencyErrorP95, 0.5, 1e-12);
}

/** Kendall's tau-b on rankings worked out by hand. */
TEST(ComparisonTest, KendallTauBOnKnownRankings)
{
    const std::vector<double> x = {1, 2, 3, 4};
    EXPECT_NEAR(*DnnComparison::KendallTauB(x, {10, 20, 30, 40}), 1.0, 1e-12);
    EXPECT_NEAR(*DnnComparison::KendallTauB(x, {40, 30, 20, 10}), -1.0, 1e-12);
    // One adjacent swap: 5 concordant pairs, 1 discordant, (5 - 1) / 6.
    EXPECT_NEAR(*DnnComparison::KendallTauB(x, {1, 3, 2, 4}), 2.0 / 3.0, 1e-12);
    // x = 1, 2, 2, 3 against y = 1, 2, 3, 4: pairs (2,3) tied in x, the other 5 concordant;
    // n0 = 6, n1 = 1, n2 = 0: 5 / sqrt(5 x 6) = 0.912870929...
    EXPECT_NEAR(*DnnComparison::KendallTauB({1, 2, 2, 3}, {1, 2, 3, 4}), 5.0 / std::sqrt(30.0),
                1e-12);
    // x = 1, 1, 2, 3 against y = 2, 1, 3, 3: (1,2) tied in x, (3,4) tied in y, 4 concordant:
    // 4 / sqrt(5 x 5) = 0.8.
    EXPECT_NEAR(*DnnComparison::KendallTauB({1, 1, 2, 3}, {2, 1, 3, 3}), 0.8, 1e-12);
    // Undefined: fewer than 2 values, or one side all ties.
    EXPECT_FALSE(DnnComparison::KendallTauB({1}, {2}).has_value());
    EXPECT_FALSE(DnnComparison::KendallTauB({}, {}).has_value());
    EXPECT_FALSE(DnnComparison::KendallTauB({1, 1, 1}, {1, 2, 3}).has_value());
}

/** The rank agreement ranks the simulated schedulers only; with fewer than 2 it is null. */
TEST(ComparisonTest, RankAgreementOverSimulatedSchedulers)
{
    auto row = [](const std::string& name, double planned, double simulated, bool sim)
    {
        DnnComparisonRow r;
        r.scheduler = name;
        r.simulated = sim;
        r.plannedMeanLatency = planned;
        r.boundedMeanLatency = simulated;
        r.latencyErrors = sim ? 4 : 0;
        return r;
    };
    std::vector<DnnComparisonRow> rows = {row("a", 1, 1.5, true), row("b", 2, 1.2, true),
                                          row("c", 3, 3.5, true), row("d", 0.5, 0, false)};
    const DnnRankAgreement agreement = DnnComparison::RankAgreement(rows);
    EXPECT_EQ(agreement.schedulers, 3u);
    // a-b discordant, a-c and b-c concordant: (2 - 1) / 3.
    EXPECT_NEAR(*agreement.kendallTauB, 1.0 / 3.0, 1e-12);
    const auto json = nlohmann::json::parse(DnnComparison::SummaryJson(rows));
    EXPECT_NEAR(json["rank_agreement"]["kendall_tau_b"].get<double>(), 1.0 / 3.0, 1e-6);
    EXPECT_EQ(json["rank_agreement"]["schedulers"], 3);
    ASSERT_EQ(json["rank_agreement"]["ranked"].size(), 3u);
    EXPECT_EQ(json["rank_agreement"]["ranked"][1]["scheduler"], "b");
    EXPECT_NE(DnnComparison::Table(rows).find("(Kendall's tau-b, 3 schedulers): 0.333"),
              std::string::npos);

    rows.resize(1);
    const auto one = nlohmann::json::parse(DnnComparison::SummaryJson(rows));
    EXPECT_TRUE(one["rank_agreement"]["kendall_tau_b"].is_null());
    EXPECT_EQ(one["rank_agreement"]["schedulers"], 1);
    EXPECT_NE(DnnComparison::Table(rows).find("undefined"), std::string::npos);
}

/** Latencies over every request, by hand: two completed in 1 and 2 s, one released at 4 s
 *  unfinished at the stop, 10 s: censored at 6 s. Mean (1 + 2 + 6) / 3 = 3; nearest-rank
 *  p95 of {1, 2, 6}: rank ceil(0.95 x 3) = 3, so 6. */
TEST(ComparisonTest, LatenciesCountUnfinishedRequestsCensoredAtTheStop)
{
    DnnComparisonRow row;
    row.simulated = true;
    row.requests = 3;
    DnnComparison::CensoredLatencies(row, {0, 1, 4}, {1, 3, -1}, 10);
    EXPECT_EQ(row.completed, 2u);
    EXPECT_EQ(row.censored, 1u);
    EXPECT_DOUBLE_EQ(row.meanLatency, 3.0);
    EXPECT_DOUBLE_EQ(row.p95Latency, 6.0);
    const std::string csv = DnnComparison::Csv({row});
    EXPECT_NE(csv.find(",completed,censored,requests,"), std::string::npos) << csv;
    EXPECT_NE(DnnComparison::Table({row}).find(">=3.0000"), std::string::npos);
    // Released after the stop: never ran, counted as 0 s and censored.
    DnnComparison::CensoredLatencies(row, {0, 12}, {2, -1}, 10);
    EXPECT_EQ(row.censored, 1u);
    EXPECT_DOUBLE_EQ(row.meanLatency, 1.0);
    // Nothing unfinished: the mean of the completed, nothing censored, no ">=".
    DnnComparison::CensoredLatencies(row, {0, 0}, {1, 2}, 10);
    EXPECT_EQ(row.censored, 0u);
    EXPECT_DOUBLE_EQ(row.meanLatency, 1.5);
    EXPECT_EQ(DnnComparison::Table({row}).find(">="), std::string::npos);
    // comparison.json carries the provenance in each row when given one.
    DnnProvenance provenance;
    provenance.seed = 4;
    provenance.commandLine = "run 'a b'";
    const auto json = nlohmann::json::parse(DnnComparison::Json({row, row}, &provenance));
    ASSERT_EQ(json.size(), 2u);
    EXPECT_EQ(json[1]["provenance"]["seed"], 4);
    EXPECT_EQ(json[1]["provenance"]["command_line"], "run 'a b'");
    EXPECT_EQ(json[0]["censored"], 0);
    EXPECT_FALSE(nlohmann::json::parse(DnnComparison::Json({row}))[0].contains("provenance"));
}

/** A simulated run in which nothing completed: every request's latency error in
 *  requests.csv is its lower bound ((stop - release) - planned) / planned, never empty; a
 *  plan that was not simulated has planned latencies but no errors. */
TEST(ComparisonTest, RequestsCsvBoundsUnfinishedRequests)
{
    const DnnTaskGraph graph = test::SeedWorkload(3, "piecewise:3");
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, test::SeedPlatform(3, 3));
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    const DnnRuntimePlan plan(graph, problem, schedule);
    const DnnRunRecorder nothing(std::shared_ptr<const DnnRuntimePlan>(&plan, [](auto*) {}));
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dnn-comparison-test-" + std::to_string(::getpid()));
    DnnRunFacts facts;
    facts.scheduler = "heft";
    facts.stopTime = 10.0;
    DnnResultsWriter::Write((dir / "sim").string(), plan, nothing, facts);
    DnnResultsWriter::WritePlan((dir / "plan").string(), plan, facts);
    const auto simulated = ReadRequests(dir / "sim" / "requests.csv");
    const auto planned = ReadRequests(dir / "plan" / "requests.csv");
    ASSERT_EQ(simulated.size(), 3u);
    ASSERT_EQ(planned.size(), 3u);
    for (const auto& request : plan.Requests())
    {
        const auto& row = simulated.at(request.id);
        const double plannedLatency = request.plannedCompletion - request.release;
        EXPECT_EQ(row.at("status"), "unfinished");
        EXPECT_EQ(row.at("latency"), "");
        EXPECT_NEAR(std::stod(row.at("planned_latency")), plannedLatency, 1e-6);
        ASSERT_FALSE(row.at("latency_error").empty());
        EXPECT_NEAR(std::stod(row.at("latency_error")),
                    ((10.0 - request.release) - plannedLatency) / plannedLatency, 1e-6);
        EXPECT_EQ(planned.at(request.id).at("planned_latency"), row.at("planned_latency"));
        EXPECT_EQ(planned.at(request.id).at("latency_error"), "");
        // Censored at the stop, and counted; a plan that was not simulated has neither.
        EXPECT_EQ(row.at("censored"), "1");
        EXPECT_NEAR(std::stod(row.at("censored_latency")), 10.0 - request.release, 1e-6);
        EXPECT_EQ(planned.at(request.id).at("censored"), "");
        EXPECT_EQ(planned.at(request.id).at("censored_latency"), "");
    }
    const auto summary =
        nlohmann::json::parse(test::ReadTextFile((dir / "sim" / "summary.json").string()));
    EXPECT_EQ(summary["completed"], 0);
    EXPECT_EQ(summary["latency"]["count"], 3);
    EXPECT_EQ(summary["latency"]["censored"], 3);
    double sum = 0;
    for (const auto& request : plan.Requests())
    {
        sum += 10.0 - request.release;
    }
    EXPECT_NEAR(summary["latency"]["mean_s"].get<double>(), sum / 3, 1e-9);
    EXPECT_EQ(summary["unassociated_at_start"], nlohmann::json::array());
    EXPECT_EQ(summary["provenance"]["seed"], 1);
    EXPECT_TRUE(summary["provenance"]["scenario_hash"].is_null());
    const auto planSummary =
        nlohmann::json::parse(test::ReadTextFile((dir / "plan" / "summary.json").string()));
    EXPECT_EQ(planSummary["latency"]["count"], 0);
    EXPECT_TRUE(planSummary["unassociated_at_start"].is_null());

    // A request declared but never planned (a rolling window after the stop): empty.
    DnnRuntimePlan empty(std::vector<std::string>{"iot0"});
    DnnRuntimePlan::Request request;
    request.id = 0;
    request.model = "m";
    request.release = 11.0;
    empty.DeclareRequest(request);
    const DnnRunRecorder none(std::shared_ptr<const DnnRuntimePlan>(&empty, [](auto*) {}));
    DnnResultsWriter::Write((dir / "never").string(), empty, none, facts);
    const auto never = ReadRequests(dir / "never" / "requests.csv");
    ASSERT_EQ(never.size(), 1u);
    EXPECT_EQ(never[0].at("planned_completion"), "");
    EXPECT_EQ(never[0].at("planned_latency"), "");
    EXPECT_EQ(never[0].at("latency_error"), "");
    std::filesystem::remove_all(dir);
}

} // namespace
