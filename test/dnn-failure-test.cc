/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System tests of failures during a run, through dnn-offload-run: a device that fails for
 * good, a link that is down for an interval, a lossy link, TCP giving up on a dead link,
 * recovery with HEFT on the surviving devices (on_failure: "replan"), and the checks of the
 * scenario's failure entries.
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace
{

using namespace ns3::test;

/** One CSV row: column -> cell (cells hold no comma or quote in these scenarios). */
using Row = std::map<std::string, std::string>;

/** A time cell in seconds (-1 when empty). */
double
Seconds(const std::string& cell)
{
    return cell.empty() ? -1.0 : std::stod(cell);
}

/**
 * An edge server, two Jetson helpers and two cameras on 1 Gbit/s Ethernet, and a cloud
 * server behind a 50 Mbit/s, 20 ms WAN link; AlexNet from cam-a and ResNet-18 from cam-b,
 * four each, cut in two strips per layer. \p simulation is the "simulation" object.
 */
std::string
WiredScenario(const std::string& simulation, const std::string& schedulers = R"(["heft"])")
{
    const std::string models = std::string(DNN_SOURCE_DIR) + "/scenarios/models/";
    return R"({
  "name": "wired",
  "devices": [
    {"name": "edge", "profile": "edge-server", "role": "edge"},
    {"name": "cloud", "profile": "cloud-server", "role": "cloud"},
    {"name": "helper", "profile": "jetson-tx2", "role": "helper", "count": 2},
    {"name": "cam-a", "profile": "rpi4", "role": "iot"},
    {"name": "cam-b", "profile": "rpi4", "role": "iot"}
  ],
  "networks": [
    {"name": "lan", "type": "csma", "members": ["edge", "helper", "cam-a", "cam-b"],
     "data_rate": "1Gbps", "delay": "1us"},
    {"name": "wan", "type": "p2p", "members": ["edge", "cloud"],
     "data_rate": "50Mbps", "delay": "20ms"}
  ],
  "workload": {
    "partitioning": "piecewise", "pieces": 2,
    "requests": [
      {"device": "cam-a", "model": ")" +
           models + R"(alexnet.json", "count": 4,
       "arrivals": {"type": "periodic", "start": "0s", "period": "250ms"}},
      {"device": "cam-b", "model": ")" +
           models + R"(resnet18.json", "count": 4,
       "arrivals": {"type": "periodic", "start": "100ms", "period": "250ms"}}
    ]
  },
  "schedulers": )" +
           schedulers + R"(,
  "simulation": )" +
           simulation + R"(
})";
}

class FailureTest : public DnnCliTest
{
  protected:
    FailureTest() : DnnCliTest("dnn-offload-run") {}

    /** Run a scenario into m_dir/NAME. \return the result */
    RunResult RunScenario(const std::string& name, const std::string& text)
    {
        const fs::path scenario = WriteFile(name + ".json", text);
        return Run("--scenario=" + ShellQuote(scenario.string()) +
                   " --out=" + ShellQuote((m_dir / name).string()));
    }

    /** requests.csv of a run's scheduler. */
    std::vector<Row> Requests(const std::string& name, const std::string& scheduler = "heft")
    {
        return ReadCsv(m_dir / name / scheduler / "requests.csv");
    }

    /** summary.json of a run's scheduler. */
    nlohmann::json Summary(const std::string& name, const std::string& scheduler = "heft")
    {
        return nlohmann::json::parse(ReadText(m_dir / name / scheduler / "summary.json"));
    }

    /** The requests a failure of helper-1 at 0.4 s must hit: those with a task on helper-1
     *  that, in the same run without the failure, had not finished by 0.4 s (the two runs
     *  are the same event by event until then). */
    std::set<std::string> RequestsWithWorkOnHelper1After400ms()
    {
        const RunResult r = RunScenario("healthy", WiredScenario(R"({"stop_time": "10s"})"));
        EXPECT_EQ(r.status, 0) << r.err;
        std::set<std::string> hit;
        for (const Row& task : ReadCsv(m_dir / "healthy" / "heft" / "tasks.csv"))
        {
            if (task.at("node") == "helper-1" &&
                !(Seconds(task.at("sim_finish")) >= 0 && Seconds(task.at("sim_finish")) < 0.4))
            {
                hit.insert(task.at("request"));
            }
        }
        return hit;
    }
};

const std::string HELPER_FAILS =
    R"({"stop_time": "10s", "failures": [{"device": "helper-1", "at": "400ms"}]})";
const std::string HELPER_FAILS_REPLAN =
    R"({"stop_time": "10s", "failures": [{"device": "helper-1", "at": "400ms"}],
        "on_failure": "replan"})";

TEST_F(FailureTest, DeviceFailureFailsExactlyTheRequestsThatLoseWorkAndTheOthersComplete)
{
    const std::set<std::string> expected = RequestsWithWorkOnHelper1After400ms();
    ASSERT_GT(expected.size(), 0u) << "HEFT should use helper-1 after 0.4 s";
    ASSERT_LT(expected.size(), 8u) << "some requests should be done by 0.4 s";

    const RunResult r = RunScenario("fails", WiredScenario(HELPER_FAILS));
    ASSERT_EQ(r.status, 0) << r.err;
    std::set<std::string> failed;
    for (const Row& row : Requests("fails"))
    {
        if (row.at("status") == "failed")
        {
            failed.insert(row.at("request"));
            EXPECT_DOUBLE_EQ(Seconds(row.at("failure_time")), 0.4);
            EXPECT_TRUE(
                Contains(row.at("failure_reason"), "device helper-1 failed at 0.400000 s: task "))
                << row.at("failure_reason");
            EXPECT_TRUE(row.at("completion").empty());
        }
        else
        {
            EXPECT_EQ(row.at("status"), "completed") << "request " << row.at("request");
            EXPECT_TRUE(row.at("failure_time").empty());
        }
    }
    EXPECT_EQ(failed, expected);
    const auto summary = Summary("fails");
    EXPECT_EQ(summary["failures"]["requests_hit"], expected.size());
    EXPECT_EQ(summary["failures"]["failed"], expected.size());
    EXPECT_EQ(summary["failures"]["recovered"], 0);
    EXPECT_EQ(summary["failures"]["on_failure"], "report");
    EXPECT_EQ(summary["failures"]["injected"][0], "device helper-1 fails at 0.4 s");
    EXPECT_EQ(summary["failed"].size(), expected.size());
    EXPECT_EQ(summary["completed"], 8 - expected.size());
    EXPECT_TRUE(summary["unfinished"].empty());
    EXPECT_TRUE(summary["simulated_makespan_s"].is_null());
}

TEST_F(FailureTest, ReplanRecoversEveryHitRequestOnTheSurvivingDevices)
{
    const std::set<std::string> expected = RequestsWithWorkOnHelper1After400ms();
    const RunResult r = RunScenario("replan", WiredScenario(HELPER_FAILS_REPLAN));
    ASSERT_EQ(r.status, 0) << r.err;
    std::set<std::string> recovered;
    for (const Row& row : Requests("replan"))
    {
        ASSERT_FALSE(row.at("completion").empty()) << "request " << row.at("request");
        if (row.at("status") == "recovered")
        {
            recovered.insert(row.at("request"));
            EXPECT_DOUBLE_EQ(Seconds(row.at("failure_time")), 0.4);
            EXPECT_GT(Seconds(row.at("completion")), 0.4);
        }
        else
        {
            EXPECT_EQ(row.at("status"), "completed");
        }
    }
    EXPECT_EQ(recovered, expected);
    const auto summary = Summary("replan");
    EXPECT_EQ(summary["failures"]["recovered"], expected.size());
    EXPECT_EQ(summary["failures"]["failed"], 0);
    EXPECT_EQ(summary["completed"], 8);
    // The recovery's tasks ("<task>~1") run on the survivors, after the failure.
    uint32_t copies = 0;
    for (const Row& task : ReadCsv(m_dir / "replan" / "heft" / "tasks.csv"))
    {
        if (!Contains(task.at("task"), "~1"))
        {
            continue;
        }
        ++copies;
        EXPECT_NE(task.at("node"), "helper-1") << task.at("task");
        EXPECT_GE(Seconds(task.at("sim_start")), 0.4) << task.at("task");
        EXPECT_TRUE(expected.count(task.at("request"))) << task.at("task");
    }
    EXPECT_GT(copies, 0u);
}

TEST_F(FailureTest, ReplanCannotRecoverARequestWhoseOwnDeviceFailed)
{
    const RunResult r =
        RunScenario("home", WiredScenario(R"({"stop_time": "10s", "on_failure": "replan",
                                  "failures": [{"device": "cam-b", "at": "400ms"}]})"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto summary = Summary("home");
    ASSERT_GT(summary["failed"].size(), 0u);
    for (const auto& entry : summary["failed"])
    {
        EXPECT_EQ(entry["not_recovered"], "its device cam-b failed") << entry.dump();
    }
    for (const Row& row : Requests("home"))
    {
        const bool fromB = row.at("source") == "cam-b";
        const bool early =
            Seconds(row.at("completion")) >= 0 && Seconds(row.at("completion")) < 0.4;
        EXPECT_EQ(row.at("status"), fromB && !early ? "failed" : "completed")
            << "request " << row.at("request");
    }
}

TEST_F(FailureTest, LinkDownForAnIntervalDelaysTheRequestsThatCrossItAndLosesNothing)
{
    const RunResult r = RunScenario("wan", WiredScenario(R"({"stop_time": "20s", "failures":
                                 [{"network": "wan", "at": "300ms", "until": "1500ms"}]})",
                                                         R"(["cloud"])"));
    ASSERT_EQ(r.status, 0) << r.err;
    for (const Row& row : Requests("wan", "cloud"))
    {
        ASSERT_EQ(row.at("status"), "completed") << "request " << row.at("request");
        const double release = Seconds(row.at("release"));
        if (release >= 0.3 && release < 1.5)
        {
            // Everything goes to the cloud and back: nothing crosses before the link is up.
            EXPECT_GE(Seconds(row.at("completion")), 1.5) << "request " << row.at("request");
        }
    }
    EXPECT_EQ(Summary("wan", "cloud")["failures"]["injected"][0],
              "network wan is down from 0.3 s to 1.5 s");
}

TEST_F(FailureTest, LossyLinkSlowsTheRequestsButLosesNone)
{
    const std::string healthy = R"({"stop_time": "20s"})";
    const std::string lossy =
        R"({"stop_time": "20s", "failures": [{"network": "wan", "at": "0s", "error_rate": 0.05}]})";
    ASSERT_EQ(RunScenario("clean", WiredScenario(healthy, R"(["cloud"])")).status, 0);
    const RunResult r = RunScenario("lossy", WiredScenario(lossy, R"(["cloud"])"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto clean = Summary("clean", "cloud");
    const auto degraded = Summary("lossy", "cloud");
    EXPECT_EQ(degraded["completed"], 8);
    EXPECT_EQ(degraded["failures"]["requests_hit"], 0);
    EXPECT_GT(degraded["latency"]["mean_s"].get<double>(),
              clean["latency"]["mean_s"].get<double>());
    EXPECT_EQ(degraded["failures"]["injected"][0], "network wan loses 5% of frames from 0 s");
}

TEST_F(FailureTest, TcpGivingUpOnADeadLinkFailsTheRequestsWithTheReason)
{
    const RunResult r = RunScenario("dead", WiredScenario(R"({"stop_time": "300s", "failures":
                                  [{"network": "wan", "at": "300ms"}]})",
                                                          R"(["cloud"])"));
    ASSERT_EQ(r.status, 0) << r.err;
    uint32_t failed = 0;
    for (const Row& row : Requests("dead", "cloud"))
    {
        if (Seconds(row.at("release")) < 0.2)
        {
            continue; // may finish before the link dies
        }
        ASSERT_EQ(row.at("status"), "failed") << "request " << row.at("request");
        ++failed;
        EXPECT_TRUE(Contains(row.at("failure_reason"), "TCP gave up on "))
            << row.at("failure_reason");
        // ns-3's TCP retransmits 6 times (DataRetries), doubling a >= 1 s timeout: it gives up
        // at least 1 + 2 + 4 + 8 + 16 + 32 = 63 s after the first loss.
        EXPECT_GT(Seconds(row.at("failure_time")), 0.3 + 63);
    }
    EXPECT_GT(failed, 0u);
    // Bytes delivered and not: what transfers.csv says arrived, and what never did (the
    // activations for the cloud behind the dead link); comparison.csv's network_bytes is
    // the delivered part only.
    uint64_t arrived = 0;
    uint64_t lost = 0;
    for (const Row& row : ReadCsv(m_dir / "dead" / "cloud" / "transfers.csv"))
    {
        (row.at("arrival").empty() ? lost : arrived) += std::stoull(row.at("bytes"));
    }
    EXPECT_GT(arrived, 0u);
    EXPECT_GT(lost, 0u);
    const auto summary = Summary("dead", "cloud");
    EXPECT_EQ(summary["network_bytes_received"], arrived);
    EXPECT_EQ(summary["network_bytes_undelivered"], lost);
    EXPECT_EQ(summary["network_bytes_queued"], arrived + lost);
    EXPECT_FALSE(summary.contains("network_bytes_sent"));
    const std::vector<Row> comparison = ReadCsv(m_dir / "dead" / "comparison.csv");
    ASSERT_EQ(comparison.size(), 1u);
    EXPECT_EQ(comparison[0].at("network_bytes"), std::to_string(arrived));
    EXPECT_EQ(comparison[0].at("network_bytes_undelivered"), std::to_string(lost));
}

/** The compute energy of \p node in a run's energy.csv (J), -1 if absent. */
double
ComputeEnergy(const fs::path& energyCsv, const std::string& node)
{
    for (const Row& row : ReadCsv(energyCsv))
    {
        if (row.at("node") == node)
        {
            EXPECT_EQ(row.at("radio_j"), "0") << "wired: no radio energy";
            return std::stod(row.at("compute_j"));
        }
    }
    return -1;
}

TEST_F(FailureTest, ADeviceFailingAtPlanTimeZeroDrawsNothingFromThen)
{
    // helper-1 (a Jetson TX2, 7.5 W idle) runs nothing before it fails; plan time 0 is the
    // association bound, 0.25 s into the simulation, during which it draws idle power. So it
    // draws 7.5 W x 0.25 s = 1.875 J failing at 0 s, and 7.5 W x (0.25 s + 1 ns) failing at
    // 1 ns: failing at exactly 0 s used to charge its idle power for the whole run, 7.5 W x
    // (0.25 + 10 + 1 s of drain) = 84.4 J, because the failure came before its worker started
    // and the processor was not switched off.
    for (const std::string& at : std::vector<std::string>{"0s", "1ns"})
    {
        const std::string name = "at-" + at;
        const RunResult r = RunScenario(
            name,
            WiredScenario(R"({"stop_time": "10s", "failures": [{"device": "helper-1", "at": ")" +
                          at + R"("}]})"));
        ASSERT_EQ(r.status, 0) << r.err;
        const double expected = 7.5 * (0.25 + (at == "0s" ? 0 : 1e-9));
        EXPECT_NEAR(ComputeEnergy(m_dir / name / "heft" / "energy.csv", "helper-1"), expected, 1e-6)
            << "failing at " << at;
        for (const Row& row : Requests(name))
        {
            EXPECT_TRUE(row.at("status") == "completed" || row.at("status") == "failed")
                << "request " << row.at("request") << ": " << row.at("status");
            if (row.at("status") == "failed")
            {
                EXPECT_DOUBLE_EQ(Seconds(row.at("failure_time")), 0.0);
            }
        }
    }
    // The healthy twin, helper-2, for scale: idle (or busy) for the whole run.
    EXPECT_GT(ComputeEnergy(m_dir / "at-0s" / "heft" / "energy.csv", "helper-2"), 7.5 * 10);
}

TEST_F(FailureTest, BadFailureEntriesAreInputErrors)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"failures": [{"device": "helper-3", "at": "1s"}]})",
         "/simulation/failures/0/device: unknown device \"helper-3\""},
        {R"({"failures": [{"network": "wlan", "at": "1s"}]})",
         "/simulation/failures/0/network: unknown network \"wlan\" (did you mean \"lan\"?)"},
        {R"({"failures": [{"network": "wan", "at": "1s", "error_rate": 0}]})",
         "/simulation/failures/0/error_rate: must be in (0, 1]"},
        {R"({"failures": [{"network": "wan", "at": "2s", "until": "1s"}]})",
         "/simulation/failures/0/until: must be after \"at\""},
        {R"({"stop_time": "5s", "failures": [{"device": "edge", "at": "6s"}]})",
         "/simulation/failures/0/at: is at or after the stop time"},
        {R"({"failures": [{"device": "edge", "at": "1s", "until": "2s"}]})",
         "/simulation/failures/0/until: unknown key \"until\" (allowed here: \"device\", \"at\")"},
        {R"({"on_failure": "retry"})", "/simulation/on_failure:"},
    };
    for (const auto& [simulation, message] : cases)
    {
        const RunResult r = RunScenario("bad", WiredScenario(simulation));
        EXPECT_EQ(r.status, 2) << simulation;
        EXPECT_TRUE(Contains(r.err, "bad.json: " + message)) << simulation << "\n" << r.err;
        EXPECT_FALSE(fs::exists(m_dir / "bad"));
    }
}

} // namespace
