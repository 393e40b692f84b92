/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System tests of dnn-offload-run, the main job: a scenario in, per-scheduler results and a
 * comparison out; planned and simulated outcomes, determinism, plan-only mode, the shipped
 * scenarios, and bad input (exit status 2, no results folder left behind).
 */
#include "dnn-cli-test-util.h"
#include "ns3/dnn-hash.h"
#include "ns3/dnn-provenance.h"
#include "ns3/dnn-scheduler.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace
{

using namespace ns3::test;

/** One camera and an edge server on 802.11ac; one AlexNet request, layer by layer. */
std::string
TinyScenario(const std::string& schedulers = R"(["heft", "local", "edge"])")
{
    const std::string models = std::string(DNN_SOURCE_DIR) + "/scenarios/models/";
    return R"({
  "name": "tiny",
  "devices": [
    {"name": "edge", "profile": "edge-server", "role": "edge"},
    {"name": "cam", "profile": "rpi4", "role": "iot", "position": [5, 0, 0]}
  ],
  "networks": [
    {"name": "wlan", "type": "wifi", "access_point": "edge", "members": ["cam"],
     "efficiency": 0.6}
  ],
  "workload": {
    "requests": [
      {"device": "cam", "model": ")" +
           models + R"(alexnet.json", "count": 2, "deadline": "400ms",
       "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}}
    ]
  },
  "schedulers": )" +
           schedulers + R"(,
  "simulation": {"stop_time": "5s"}
})";
}

class RunCliTest : public DnnCliTest
{
  protected:
    RunCliTest() : DnnCliTest("dnn-offload-run") {}

    /** Run the tiny scenario into m_dir/out with extra arguments. */
    RunResult RunTiny(const std::string& extra = "", const std::string& text = TinyScenario())
    {
        const fs::path scenario = WriteFile("tiny.json", text);
        return Run("--scenario=" + ShellQuote(scenario.string()) +
                   " --out=" + ShellQuote((m_dir / "out").string()) + " " + extra);
    }
};

TEST_F(RunCliTest, ComparesPlannedWithSimulatedForEveryScheduler)
{
    const RunResult r = RunTiny();
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].at("scheduler"), "heft");
    EXPECT_EQ(rows[1].at("scheduler"), "local");
    EXPECT_EQ(rows[2].at("scheduler"), "edge");
    for (const auto& row : rows)
    {
        EXPECT_EQ(row.at("requests"), "2");
        EXPECT_EQ(row.at("completed"), "2") << row.at("scheduler");
        EXPECT_FALSE(row.at("simulated_makespan_s").empty());
        EXPECT_GT(std::stod(row.at("energy_j")), 0);
        for (const char* file : {"summary.json", "tasks.csv", "transfers.csv", "requests.csv",
                                 "energy.csv", "flowmon.xml"})
        {
            EXPECT_TRUE(fs::exists(m_dir / "out" / row.at("scheduler") / file))
                << row.at("scheduler") << "/" << file;
        }
    }
    // Local keeps everything on the camera: no network, so the simulation is the plan
    // (compute only), and nothing crosses the network.
    EXPECT_EQ(rows[1].at("network_bytes"), "0");
    EXPECT_NEAR(std::stod(rows[1].at("simulated_makespan_s")),
                std::stod(rows[1].at("planned_makespan_s")), 1e-6);
    // Edge ships each 224x224x3 image (150,528 bytes) and gets the 1000 logits back (4,000).
    EXPECT_EQ(rows[2].at("network_bytes"), std::to_string(2 * (150528 + 4000)));
    // Everything queued was delivered: nothing left undelivered.
    EXPECT_EQ(rows[1].at("network_bytes_undelivered"), "0");
    EXPECT_EQ(rows[2].at("network_bytes_undelivered"), "0");
    // The comparison is also JSON, with nulls where CSV cells are empty.
    const auto json = nlohmann::json::parse(ReadText(m_dir / "out" / "comparison.json"));
    ASSERT_EQ(json.size(), 3u);
    EXPECT_EQ(json[2]["network_bytes"], 2 * (150528 + 4000));
    EXPECT_EQ(json[2]["network_bytes_undelivered"], 0);
    // The table and one line per scheduler.
    EXPECT_TRUE(Contains(r.out, "[1/3] heft: planned")) << r.out;
    EXPECT_TRUE(Contains(r.out, "[3/3] edge: planned")) << r.out;
    EXPECT_TRUE(Contains(r.out, "scheduler  err_med_%")) << r.out;
    EXPECT_TRUE(Contains(r.out, "rank agreement, planned vs simulated mean latency")) << r.out;
    EXPECT_TRUE(Contains(r.out, "results: " + (m_dir / "out").string())) << r.out;
    EXPECT_EQ(ReadText(m_dir / "out" / "scenario.json"), TinyScenario());
}

TEST_F(RunCliTest, SameSeedGivesIdenticalResults)
{
    ASSERT_EQ(RunTiny("--schedulers=edge").status, 0);
    const std::string tasks = ReadText(m_dir / "out" / "edge" / "tasks.csv");
    const std::string transfers = ReadText(m_dir / "out" / "edge" / "transfers.csv");
    ASSERT_FALSE(tasks.empty());
    ASSERT_EQ(RunTiny("--schedulers=edge").status, 0);
    EXPECT_EQ(ReadText(m_dir / "out" / "edge" / "tasks.csv"), tasks);
    EXPECT_EQ(ReadText(m_dir / "out" / "edge" / "transfers.csv"), transfers);
}

/** A summary without its wall-clock fields (the only ones that may differ between runs). */
nlohmann::json
SimulatedSummary(const fs::path& file)
{
    auto summary = nlohmann::json::parse(ReadText(file));
    summary.erase("wall_clock_s");
    summary.erase("scheduler_runtime_s");
    summary["provenance"].erase("command_line"); // names the output folder
    return summary;
}

/** Two schedulers simulated in one process, twice, into results folders whose paths differ
 *  in length (so the heap is laid out differently): the results are the same byte for byte.
 *  The workers used to keep their incoming connections ordered by socket address and
 *  closed them in that order at the stop, so the FINs at the stop time, and with them the
 *  flows' last delays and jitter, depended on where the sockets had been allocated. */
TEST_F(RunCliTest, ResultsDoNotDependOnTheOutputPath)
{
    const std::vector<fs::path> outs = {
        m_dir / "a", m_dir / "a-results-folder-with-a-much-longer-path" / "and" / "deeper"};
    for (const fs::path& out : outs)
    {
        const RunResult r = Run("--scenario=scenarios/smart-home.json --schedulers=heft,cpop "
                                "--out=" +
                                ShellQuote(out.string()));
        ASSERT_EQ(r.status, 0) << r.err;
    }
    for (const char* scheduler : {"heft", "cpop"})
    {
        for (const char* file : {"flowmon.xml", "tasks.csv", "transfers.csv", "requests.csv",
                                 "energy.csv", "netanim.xml"})
        {
            if (std::string(file) == "netanim.xml" &&
                (!DNN_TEST_NETANIM || std::string(scheduler) != "heft"))
            {
                // The first scheduler's run only (smart-home's "netanim": true), and none in
                // a build without NetAnim.
                EXPECT_FALSE(fs::exists(outs[0] / scheduler / file)) << scheduler;
                continue;
            }
            const std::string first = ReadText(outs[0] / scheduler / file);
            EXPECT_FALSE(first.empty()) << scheduler << "/" << file;
            EXPECT_TRUE(first == ReadText(outs[1] / scheduler / file))
                << scheduler << "/" << file << " differs";
        }
        EXPECT_EQ(SimulatedSummary(outs[0] / scheduler / "summary.json"),
                  SimulatedSummary(outs[1] / scheduler / "summary.json"))
            << scheduler;
    }
    EXPECT_EQ(ReadText(outs[0] / "comparison-summary.json"),
              ReadText(outs[1] / "comparison-summary.json"));
}

/** The results say how they were made: seed, run, the scenario's hash, the command line and
 *  the build, the same in summary.json and in each row of comparison.json; every station
 *  associated before plan time 0. */
TEST_F(RunCliTest, ResultsRecordTheirProvenance)
{
    const RunResult r = RunTiny("--schedulers=edge --seed=3 --run=2");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto summary = nlohmann::json::parse(ReadText(m_dir / "out" / "edge" / "summary.json"));
    const auto& provenance = summary["provenance"];
    EXPECT_EQ(provenance["seed"], 3);
    EXPECT_EQ(provenance["run"], 2);
    EXPECT_EQ(provenance["scenario_hash"], "fnv1a64:" + ns3::DnnFnv1a64Hex(TinyScenario()));
    EXPECT_EQ(provenance["tool_version"], ns3::DnnProvenance::ToolVersion());
    EXPECT_EQ(provenance["ns3_version"], "3.37");
    const std::string commit = ns3::DnnProvenance::GitCommit();
    if (commit.empty())
    {
        EXPECT_TRUE(provenance["git_commit"].is_null());
    }
    else
    {
        EXPECT_EQ(provenance["git_commit"], commit);
        EXPECT_EQ(commit.size(), 40u);
    }
    const std::string line = provenance["command_line"];
    EXPECT_TRUE(Contains(line, "dnn-offload-run --scenario=")) << line;
    EXPECT_TRUE(Contains(line, " --schedulers=edge --seed=3 --run=2")) << line;
    EXPECT_EQ(summary["unassociated_at_start"], nlohmann::json::array());
    EXPECT_FALSE(Contains(r.err, "not associated")) << r.err;
    const auto comparison = nlohmann::json::parse(ReadText(m_dir / "out" / "comparison.json"));
    ASSERT_TRUE(comparison.is_array());
    ASSERT_EQ(comparison.size(), 1u);
    EXPECT_EQ(comparison[0]["provenance"], provenance);
}

/** A camera 5 km from its access point never associates: the run says so on stderr and in
 *  summary.json, and its two requests (released at 0 and 1 s, stop at 5 s), which need the
 *  network under "edge", count in the latency statistics censored at the stop: 5 and 4 s,
 *  mean 4.5 s, p95 5 s. Under "local" they complete: nothing censored. */
TEST_F(RunCliTest, UnassociatedStationIsReportedAndItsRequestsCensored)
{
    std::string text = TinyScenario(R"(["edge", "local"])");
    const std::string near = R"("position": [5, 0, 0])";
    ASSERT_NE(text.find(near), std::string::npos);
    text.replace(text.find(near), near.size(), R"("position": [5000, 0, 0])");
    const RunResult r = RunTiny("", text);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.err, "warning: edge: 1 Wi-Fi station(s) not associated when the plan "
                                "started"))
        << r.err;
    EXPECT_TRUE(Contains(r.err, "): cam\n")) << r.err;
    const auto summary = nlohmann::json::parse(ReadText(m_dir / "out" / "edge" / "summary.json"));
    EXPECT_EQ(summary["unassociated_at_start"], nlohmann::json::array({"cam"}));
    EXPECT_EQ(summary["completed"], 0);
    EXPECT_EQ(summary["latency"]["count"], 2);
    EXPECT_EQ(summary["latency"]["censored"], 2);
    EXPECT_NEAR(summary["latency"]["mean_s"].get<double>(), 4.5, 1e-9);
    EXPECT_NEAR(summary["latency"]["p95_s"].get<double>(), 5.0, 1e-9);
    const auto requests = ReadCsv(m_dir / "out" / "edge" / "requests.csv");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].at("latency"), "");
    EXPECT_EQ(requests[0].at("censored"), "1");
    EXPECT_EQ(requests[0].at("censored_latency"), "5.000000");
    EXPECT_EQ(requests[1].at("censored_latency"), "4.000000");
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("completed"), "0");
    EXPECT_EQ(rows[0].at("censored"), "2");
    EXPECT_EQ(rows[0].at("mean_latency_s"), "4.5");
    EXPECT_EQ(rows[0].at("p95_latency_s"), "5");
    EXPECT_EQ(rows[1].at("censored"), "0");
    EXPECT_EQ(rows[1].at("completed"), "2");
    const auto local = ReadCsv(m_dir / "out" / "local" / "requests.csv");
    ASSERT_EQ(local.size(), 2u);
    EXPECT_EQ(local[0].at("censored"), "0");
    EXPECT_EQ(local[0].at("censored_latency"), local[0].at("latency"));
    EXPECT_TRUE(Contains(r.out, ">= in mean_lat_s")) << r.out;
}

/** Without a pinned efficiency the Wi-Fi cell is calibrated before planning; the second run
 *  reads the calibration from the cache (next to the results) and gives the same results,
 *  byte for byte, as the first, which measured it. */
TEST_F(RunCliTest, CalibrationIsCachedAndACacheHitChangesNothing)
{
    std::string text = TinyScenario(R"(["heft"])");
    const std::string pinned = R"(,
     "efficiency": 0.6)";
    ASSERT_NE(text.find(pinned), std::string::npos);
    text.replace(text.find(pinned), pinned.size(), "");
    std::map<std::string, std::string> first;
    for (const char* expected : {"hops measured in", "hops cached in"})
    {
        const RunResult r = RunTiny("", text);
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_TRUE(Contains(r.out, std::string("calibration: 2 ") + expected)) << r.out;
        const auto calibration =
            nlohmann::json::parse(ReadText(m_dir / "out" / "calibration.json"));
        EXPECT_EQ(calibration["hops"].size(), 2u);
        EXPECT_EQ(calibration["hops"][0]["network"], "wlan");
        EXPECT_EQ(calibration["cached"], std::string(expected) == "hops cached in");
        EXPECT_TRUE(fs::exists(m_dir / ".calibration-cache" /
                               (calibration["key"].get<std::string>() + ".json")));
        for (const char* file : {"tasks.csv", "transfers.csv", "requests.csv", "flowmon.xml"})
        {
            const std::string contents = ReadText(m_dir / "out" / "heft" / file);
            EXPECT_FALSE(contents.empty()) << file;
            if (first.count(file))
            {
                EXPECT_TRUE(first[file] == contents) << file << " differs after a cache hit";
            }
            first[file] = contents;
        }
    }
}

TEST_F(RunCliTest, PlanOnlyWritesThePlanAndNoSimulatedColumns)
{
    const RunResult r = RunTiny("--plan-only --schedulers=heft,local");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows)
    {
        EXPECT_FALSE(row.at("planned_makespan_s").empty());
        EXPECT_TRUE(row.at("simulated_makespan_s").empty());
        EXPECT_TRUE(row.at("energy_j").empty());
        EXPECT_TRUE(row.at("latency_error_median").empty());
        EXPECT_TRUE(row.at("latency_error_p95").empty());
    }
    const auto rank = nlohmann::json::parse(ReadText(m_dir / "out" / "comparison-summary.json"));
    EXPECT_TRUE(rank["rank_agreement"]["kendall_tau_b"].is_null());
    EXPECT_EQ(rank["rank_agreement"]["schedulers"], 0);
    const fs::path heft = m_dir / "out" / "heft";
    EXPECT_TRUE(fs::exists(heft / "tasks.csv"));
    EXPECT_FALSE(fs::exists(heft / "transfers.csv"));
    const auto requests = ReadCsv(heft / "requests.csv");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].at("status"), "planned");
    EXPECT_FALSE(requests[0].at("planned_latency").empty());
    EXPECT_TRUE(requests[0].at("latency_error").empty());
    const auto summary = nlohmann::json::parse(ReadText(heft / "summary.json"));
    EXPECT_EQ(summary["simulated"], false);
    EXPECT_TRUE(summary["simulated_makespan_s"].is_null());
}

/** With a horizon longer than every arrival, rolling planning is one window: the same plan,
 *  file for file, as planning before the run. With a shorter one, each window is planned
 *  when it opens and the run completes every request. */
TEST_F(RunCliTest, PlanningHorizonPlansWindowByWindow)
{
    std::string text = TinyScenario(R"(["heft"])");
    ASSERT_EQ(RunTiny("--plan-only", text).status, 0);
    fs::rename(m_dir / "out", m_dir / "offline");
    const std::string marker = R"("schedulers": )";
    text.insert(text.find(marker), R"("planner": {"horizon": "10s"}, )");
    RunResult r = RunTiny("--plan-only", text);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "planned in 10 s windows as they arrive")) << r.out;
    for (const char* file : {"tasks.csv", "requests.csv"})
    {
        EXPECT_EQ(ReadText(m_dir / "out" / "heft" / file),
                  ReadText(m_dir / "offline" / "heft" / file))
            << file;
    }
    EXPECT_EQ(ReadCsv(m_dir / "out" / "comparison.csv")[0].at("planned_makespan_s"),
              ReadCsv(m_dir / "offline" / "comparison.csv")[0].at("planned_makespan_s"));

    fs::remove_all(m_dir / "out");
    text.replace(text.find(R"("horizon": "10s")"), 16, R"("horizon": "0.5s")");
    r = RunTiny("", text);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto summary = nlohmann::json::parse(ReadText(m_dir / "out" / "heft" / "summary.json"));
    EXPECT_EQ(summary["completed"], 2);
    EXPECT_EQ(summary["settings"]["planning.windows"], "2"); // arrivals at 0 s and 1 s
    const auto requests = ReadCsv(m_dir / "out" / "heft" / "requests.csv");
    ASSERT_EQ(requests.size(), 2u);
    for (const auto& request : requests)
    {
        EXPECT_EQ(request.at("status"), "completed");
        // Streamed rows carry the plan error too.
        const double planned = std::stod(request.at("planned_latency"));
        EXPECT_NEAR(planned,
                    std::stod(request.at("planned_completion")) - std::stod(request.at("release")),
                    2e-6);
        EXPECT_NEAR(std::stod(request.at("latency_error")),
                    (std::stod(request.at("latency")) - planned) / planned, 1e-4);
    }
    EXPECT_FALSE(ReadCsv(m_dir / "out" / "comparison.csv")[0].at("latency_error_median").empty());
}

/** Smart-home with HEFT under both network models and local: local runs everything on the
 *  requesting device, so its simulated latencies are its planned ones; contention-free HEFT
 *  (nominal Wi-Fi rates) plans requests that take up to three times their planned latency
 *  (median error 0.51, p95 2.05 measured with the fitted profiles), and plans a lower mean
 *  latency than heft-shared while simulating a higher one; under the shared-medium model
 *  with calibrated hops HEFT's median error is 0.023 (p95 0.113) and it ranks where it
 *  simulates. The comparison's median and p95 are
 *  those of requests.csv's absolute errors. */
TEST_F(RunCliTest, LatencyErrorsShowWhetherThePlanHeld)
{
    const RunResult r =
        Run("--scenario=scenarios/smart-home.json --schedulers=heft,heft-shared,local --out=" +
            ShellQuote((m_dir / "out").string()));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& row : rows)
    {
        const auto requests = ReadCsv(m_dir / "out" / row.at("scheduler") / "requests.csv");
        ASSERT_EQ(requests.size(), 18u);
        std::vector<double> errors;
        for (const auto& request : requests)
        {
            ASSERT_EQ(request.at("status"), "completed");
            const double planned = std::stod(request.at("planned_latency"));
            const double error = std::stod(request.at("latency_error"));
            EXPECT_NEAR(error, (std::stod(request.at("latency")) - planned) / planned, 1e-4);
            errors.push_back(std::abs(error));
        }
        std::sort(errors.begin(), errors.end());
        // Nearest rank: the 9th of 18 and the 18th (ceil(0.95 x 18) = 18).
        EXPECT_NEAR(std::stod(row.at("latency_error_median")), errors[8], 2e-6)
            << row.at("scheduler");
        EXPECT_NEAR(std::stod(row.at("latency_error_p95")), errors[17], 2e-6)
            << row.at("scheduler");
    }
    EXPECT_EQ(rows[0].at("scheduler"), "heft");
    EXPECT_GT(std::stod(rows[0].at("latency_error_median")), 0.3);
    EXPECT_GT(std::stod(rows[0].at("latency_error_p95")), 1.5);
    EXPECT_EQ(rows[1].at("scheduler"), "heft-shared");
    EXPECT_LT(std::stod(rows[1].at("latency_error_median")), 0.1);
    EXPECT_LT(std::stod(rows[1].at("latency_error_p95")), 0.2);
    EXPECT_EQ(rows[2].at("scheduler"), "local");
    EXPECT_LT(std::stod(rows[2].at("latency_error_median")), 1e-5);
    EXPECT_LT(std::stod(rows[2].at("latency_error_p95")), 1e-5);
    // Planned mean latency: heft < heft-shared < local; simulated: heft-shared < heft <
    // local. Of the three pairs, (heft, heft-shared) disagrees, the two with local agree:
    // tau-b = (2 - 1) / 3.
    const auto summary = nlohmann::json::parse(ReadText(m_dir / "out" / "comparison-summary.json"));
    EXPECT_EQ(summary["rank_agreement"]["schedulers"], 3);
    EXPECT_NEAR(summary["rank_agreement"]["kendall_tau_b"].get<double>(), 1.0 / 3, 1e-6);
    EXPECT_TRUE(Contains(r.out, "(Kendall's tau-b, 3 schedulers): 0.333")) << r.out;
    // comparison.json keeps its list of rows, with the new keys.
    const auto json = nlohmann::json::parse(ReadText(m_dir / "out" / "comparison.json"));
    ASSERT_TRUE(json.is_array());
    EXPECT_NEAR(json[0]["latency_error_median"].get<double>(),
                std::stod(rows[0].at("latency_error_median")), 1e-9);
}

TEST_F(RunCliTest, SchedulersOptionPicksByLabelOrName)
{
    const RunResult r = RunTiny("--plan-only --schedulers=peft,local");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("scheduler"), "peft"); // not in the scenario: created by name
}

TEST_F(RunCliTest, AttributeOverridesAreChecked)
{
    RunResult r = RunTiny("--plan-only --schedulers=psoga --ns3::PsoGaScheduler::Particle=4");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "has no attribute \"Particle\" (did you mean \"Particles\"?)"))
        << r.err;
    r = RunTiny("--plan-only --schedulers=psoga --ns3::PsoGaScheduler::Particles=lots");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "\"lots\" is not a valid value")) << r.err;
    r = RunTiny("--plan-only --schedulers=psoga --ns3::PsoGaScheduler::Particles=4 "
                "--ns3::PsoGaScheduler::Iterations=5");
    EXPECT_EQ(r.status, 0) << r.err;
}

/** The schedulers' TypeIds have the Dnn prefix; their names from before it stay aliases in
 *  the --ns3::Type::Attribute options (and --PrintAttributes), and the value reaches the
 *  scheduler under either name. */
TEST_F(RunCliTest, AttributeOptionsTakeTheNewAndTheOldTypeIdNames)
{
    RunResult r = RunTiny("--plan-only --schedulers=psoga --ns3::DnnPsoGaScheduler::Particles=4");
    EXPECT_EQ(r.status, 0) << r.err;
    r = RunTiny("--plan-only --schedulers=psoga --ns3::PsoGaScheduler::Particles=4");
    EXPECT_EQ(r.status, 0) << r.err;
    r = RunTiny("--plan-only --schedulers=psoga --ns3::DnnPsoGaScheduler::Particle=4");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "--ns3::DnnPsoGaScheduler::Particle: ns3::DnnPsoGaScheduler has no "
                                "attribute \"Particle\" (did you mean \"Particles\"?)"))
        << r.err;
    r = RunTiny("--plan-only --schedulers=psoga --ns3::PsoGaSchedulr::Particles=4");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "--ns3::PsoGaSchedulr::Particles: no type \"ns3::PsoGaSchedulr\""))
        << r.err;

    // Greedy's plan follows its BlockSize attribute (default 4), set under either name.
    const auto plan = [this](const std::string& option)
    {
        const RunResult run = RunTiny("--plan-only --schedulers=greedy " + option);
        EXPECT_EQ(run.status, 0) << option << ": " << run.err;
        return ReadText(m_dir / "out" / "greedy" / "tasks.csv");
    };
    const std::string byDefault = plan("");
    const std::string oneTask = plan("--ns3::DnnGreedyScheduler::BlockSize=1");
    ASSERT_FALSE(byDefault.empty());
    EXPECT_NE(oneTask, byDefault);
    EXPECT_EQ(plan("--ns3::GreedyScheduler::BlockSize=1"), oneTask);
    EXPECT_EQ(plan("--ns3::GreedyScheduler::BlockSize=4"), byDefault);

    for (const char* type : {"ns3::DnnPsoGaScheduler", "ns3::PsoGaScheduler"})
    {
        r = Run(std::string("--PrintAttributes=") + type);
        EXPECT_EQ(r.status, 0) << type << ": " << r.err;
        EXPECT_TRUE(Contains(r.out, "Particles")) << type << ": " << r.out;
    }
}

TEST_F(RunCliTest, BadInputExitsWithStatusTwoAndLeavesNoResults)
{
    RunResult r = RunTiny("--schedulrs=heft");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "unknown option --schedulrs (did you mean --schedulers?)"))
        << r.err;
    r = RunTiny("--schedulers=hef");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "hef")) << r.err;
    std::string bad = TinyScenario();
    bad.replace(bad.find("\"stop_time\""), 11, "\"stop_tme\"");
    r = RunTiny("", bad);
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "tiny.json: /simulation")) << r.err;
    EXPECT_TRUE(Contains(r.err, "stop_time")) << r.err;
    r = Run("");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "--scenario=FILE is required")) << r.err;
    // Nothing was written: no results folder, no partial folder.
    EXPECT_FALSE(fs::exists(m_dir / "out"));
    for (const auto& entry : fs::directory_iterator(m_dir))
    {
        EXPECT_EQ(entry.path().filename().string().find(".out.partial"), std::string::npos);
    }
}

TEST_F(RunCliTest, ASingleDeviceWithoutNetworksIsSimulated)
{
    // "networks" may be empty with one device; the simulation used to ask the topology for
    // the device's address and fail (exit 1) after planning.
    const std::string models = std::string(DNN_SOURCE_DIR) + "/scenarios/models/";
    const std::string text = R"({
  "name": "alone",
  "devices": [{"name": "pi", "profile": "rpi4", "role": "iot"}],
  "networks": [],
  "workload": {"requests": [{"device": "pi", "model": ")" +
                             models + R"(mobilenet_v2.json", "count": 1,
                             "arrivals": {"type": "periodic", "period": "1s"}}]},
  "schedulers": ["local", "heft"],
  "simulation": {"stop_time": "5s"}
})";
    const RunResult r = RunTiny("", text);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows)
    {
        EXPECT_EQ(row.at("completed"), "1") << row.at("scheduler");
        EXPECT_EQ(row.at("network_bytes"), "0") << row.at("scheduler");
    }
}

TEST_F(RunCliTest, RefusesToReplaceAFolderThatIsNotAResult)
{
    fs::create_directories(m_dir / "out");
    WriteFile("out/notes.txt", "mine");
    const RunResult r = RunTiny("--plan-only");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "holds no earlier result")) << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "notes.txt"), "mine");
}

/** Every short name of the scheduler registry plans and is simulated through dnn-offload-run. */
TEST_F(RunCliTest, EverySchedulerNamePlansAndSimulates)
{
    // brute-force refuses the tiny scenario's 28 tasks (MaxTasks 20): it runs on one request
    // below, where its plan is never longer than HEFT's.
    std::string list;
    std::vector<std::string> names;
    for (const auto& name : ns3::DnnScheduler::ShortNames())
    {
        if (name != "brute-force")
        {
            list += (list.empty() ? "\"" : ", \"") + name + "\"";
            names.push_back(name);
        }
    }
    const RunResult r = RunTiny("", TinyScenario("[" + list + "]"));
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), names.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        EXPECT_EQ(rows[i].at("scheduler"), names[i]);
        EXPECT_EQ(rows[i].at("completed"), "2") << rows[i].at("scheduler");
        EXPECT_FALSE(rows[i].at("simulated_makespan_s").empty()) << rows[i].at("scheduler");
    }

    std::string one = TinyScenario(R"(["brute-force", "heft"])");
    one.replace(one.find("\"count\": 2"), 10, "\"count\": 1");
    const RunResult exact = RunTiny("", one);
    ASSERT_EQ(exact.status, 0) << exact.err << exact.out;
    const auto exactRows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(exactRows.size(), 2u);
    EXPECT_EQ(exactRows[0].at("scheduler"), "brute-force");
    EXPECT_EQ(exactRows[0].at("completed"), "1");
    EXPECT_LE(std::stod(exactRows[0].at("planned_makespan_s")),
              std::stod(exactRows[1].at("planned_makespan_s")) * (1 + 1e-9));
}

// A scenario may name an ONNX model: "tiny" resolves to models/tiny.onnx next to the
// scenario when there is no models/tiny.json (the network of scripts/export-onnx.py: SiLU,
// squeeze-and-excitation, a residual add, a linear layer), planned and simulated.
TEST_F(RunCliTest, AScenarioNamingAnOnnxModelPlansAndSimulates)
{
    fs::create_directories(m_dir / "models");
    fs::copy_file(fs::path(DNN_SOURCE_DIR) / "test/data/onnx/tiny.onnx",
                  m_dir / "models" / "tiny.onnx");
    std::string text = TinyScenario();
    const std::string alexnet = std::string(DNN_SOURCE_DIR) + "/scenarios/models/alexnet.json";
    text.replace(text.find(alexnet), alexnet.size(), "tiny");
    const RunResult r = RunTiny("", text);
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& row : rows)
    {
        EXPECT_EQ(row.at("completed"), "2") << row.at("scheduler");
    }
    // Edge ships each 3x15x15 input (675 bytes) and gets the 10 logits back (40).
    EXPECT_EQ(rows[2].at("network_bytes"), std::to_string(2 * (675 + 40)));
    // A path to a shipped ONNX model works as well (plan only).
    text = TinyScenario();
    const std::string squeezenet =
        std::string(DNN_SOURCE_DIR) + "/scenarios/models/squeezenet1_1.onnx";
    text.replace(text.find(alexnet), alexnet.size(), squeezenet);
    const RunResult p = RunTiny("--plan-only --force", text);
    EXPECT_EQ(p.status, 0) << p.err;
}

// A scenario naming vit_b_16 reads scenarios' models/vit_b_16.onnx (the fallback from a bare
// name) and plans it layer by layer: per request 307 compute tasks, plus source and sink.
TEST_F(RunCliTest, AScenarioNamingVitB16PlansLayerWise)
{
    fs::create_directories(m_dir / "models");
    fs::copy_file(fs::path(DNN_SOURCE_DIR) / "scenarios/models/vit_b_16.onnx",
                  m_dir / "models" / "vit_b_16.onnx");
    std::string text = TinyScenario(R"(["heft", "edge"])");
    const std::string alexnet = std::string(DNN_SOURCE_DIR) + "/scenarios/models/alexnet.json";
    text.replace(text.find(alexnet), alexnet.size(), "vit_b_16");
    text.replace(text.find(R"("deadline": "400ms")"), 19, R"("deadline": "60s")");
    const RunResult r = RunTiny("--plan-only --force", text);
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows)
    {
        EXPECT_GT(std::stod(row.at("planned_mean_latency_s")), 0) << row.at("scheduler");
    }
    // Two requests of 309 tasks each, one row per task.
    EXPECT_EQ(ReadCsv(m_dir / "out" / "heft" / "tasks.csv").size(), 2u * 309);
}

TEST_F(RunCliTest, ShippedScenariosLoadAndPlan)
{
    for (const char* name :
         {"smart-home", "factory", "seed-reproduction", "seed-reproduction-wifi", "stress"})
    {
        const RunResult r =
            Run("--scenario=scenarios/" + std::string(name) +
                ".json --plan-only --schedulers=heft --out=" + ShellQuote((m_dir / name).string()));
        EXPECT_EQ(r.status, 0) << name << ": " << r.err;
        EXPECT_EQ(ReadCsv(m_dir / name / "comparison.csv").size(), 1u) << name;
    }
}

} // namespace

// SAGA's rank- and cluster-based heuristics plan and simulate the tiny scenario: every
// request completes under each.
TEST_F(RunCliTest, SagaRankAndClusterHeuristicsPlanAndSimulate)
{
    const std::vector<std::string> names = {"bil", "dps",   "fcp",  "flb",
                                            "gdl", "hbmct", "msbc", "wba"};
    const RunResult r = RunTiny("--schedulers=bil,dps,fcp,flb,gdl,hbmct,msbc,wba");
    ASSERT_EQ(r.status, 0) << r.err << r.out;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), names.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        EXPECT_EQ(rows[i].at("scheduler"), names[i]);
        EXPECT_EQ(rows[i].at("completed"), "2") << names[i];
        EXPECT_FALSE(rows[i].at("simulated_makespan_s").empty()) << names[i];
    }
}
