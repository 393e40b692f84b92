/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Plans that survive contention, through the main job: n Wi-Fi stations each offload a
 * 10 MB input to the access point at t = 0 (802.11ac, 40 MHz, MCS 9), the case of issue 14's
 * audit (simulated / planned makespan 1.28, 2.74, 5.99, 12.75 for n = 1, 2, 4, 8 under the
 * contention-free model). With four stations, HEFT's plan under the shared-medium model
 * (calibrated by ns-3 probes) must land within 20 % of its simulation, and its
 * contention-free plan must be off by more than 3x: the plan that ignores the shared air
 * expects the four uploads at once.
 */

#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** A model whose whole input (10 MB) goes where its one layer runs, and whose output is
 *  10 bytes: a pure offloading load. */
const char* OFFLOAD_MODEL = R"({
  "name": "offload10mb",
  "source": "a 10 MB input reduced to 10 bytes",
  "input": {"shape": [10, 1000, 1000], "element_bytes": 1},
  "layers": [{"name": "pool", "type": "adaptive_avgpool", "output_size": 1}]
})";

/** The scenario of \p stations stations around the access point, 5 m away, whose 1 MFLOP/s
 *  makes every planner offload. */
std::string
StationsScenario(uint32_t stations)
{
    std::ostringstream s;
    s << R"({"name": "stations", "seed": 1, "run": 1,
  "profiles": {
    "slow": {"speed": "1MFLOPS", "memory": "1GiB", "idle_power": "1W", "busy_power": "2W"},
    "fast": {"speed": "1000GFLOPS", "memory": "8GiB", "idle_power": "1W", "busy_power": "2W"}},
  "devices": [{"name": "ap", "profile": "fast", "role": "edge", "position": [0, 0, 0]},
    {"name": "sta", "profile": "slow", "role": "iot", "count": )"
      << stations << R"(, "position": [-5, 5, 0], "spacing": [1, 0, 0]}],
  "networks": [{"name": "wlan", "type": "wifi", "access_point": "ap", "members": ["sta"],
    "standard": "80211ac", "channel_width": "40MHz", "rate_manager": "constant", "mcs": 9}],
  "workload": {"requests": [{"device": "sta", "model": "offload10mb",
    "arrivals": {"type": "explicit", "times": ["0s"]}}]},
  "schedulers": ["heft", {"name": "heft", "network_model": "shared"}],
  "simulation": {"stop_time": "60s", "flowmon": false}})";
    return s.str();
}

class ContentionTest : public DnnCliTest
{
  protected:
    ContentionTest() : DnnCliTest("dnn-offload-run") {}
};

TEST_F(ContentionTest, FourStationsSharedPlanHoldsContentionFreeDoesNot)
{
    fs::create_directories(m_dir / "models");
    std::ofstream(m_dir / "models" / "offload10mb.json") << OFFLOAD_MODEL;
    std::ofstream(m_dir / "stations.json") << StationsScenario(4);
    const RunResult r = Run("--scenario=" + ShellQuote((m_dir / "stations.json").string()) +
                            " --out=" + ShellQuote((m_dir / "out").string()));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(m_dir / "out" / "comparison.csv");
    ASSERT_EQ(rows.size(), 2u);
    std::map<std::string, double> ratio; // simulated / planned makespan
    for (const auto& row : rows)
    {
        ratio[row.at("scheduler")] =
            std::stod(row.at("simulated_makespan_s")) / std::stod(row.at("planned_makespan_s"));
        EXPECT_EQ(row.at("completed"), "4") << row.at("scheduler");
    }
    std::cout << "simulated / planned makespan, 4 stations: contention-free " << ratio["heft"]
              << ", shared " << ratio["heft-shared"] << std::endl;
    EXPECT_NEAR(ratio["heft-shared"], 1.0, 0.2);
    EXPECT_GT(ratio["heft"], 3.0);
}

} // namespace
