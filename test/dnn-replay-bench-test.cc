/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * test/bench/dnn-replay-bench runs (module doc, Performance: "Simulation cost against a bare
 * replay"), and what it reports holds: the bare replay of a run's transfers.csv delivers
 * every transfer, the last one when the run delivered it; the energy models add no event to
 * the replay (DnnEnergySource and DnnWifiRadioEnergyModel schedule none); and the module's
 * run has at most 5 % more events than the replay (issue 20's target: its own are the
 * compute models' task ends and the workers' timers and messages).
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace ns3
{
namespace test
{
namespace
{

/** One row of the bench's table. */
struct BenchRow
{
    double events = 0;       //!< events (median)
    std::string bytes;       //!< "received/expected" at the sinks, or "-"
    double lastArrival = -1; //!< the last transfer's arrival, s
};

/** dnn-offload-run, then the replay bench on its results. */
class ReplayBenchTest : public DnnCliTest
{
  protected:
    ReplayBenchTest() : DnnCliTest("dnn-offload-run") {}

    /** The bench's table, by variant; \p header gets the line above it. */
    static std::map<std::string, BenchRow> ParseTable(const std::string& out, std::string& header)
    {
        std::map<std::string, BenchRow> rows;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);)
        {
            if (Contains(line, "transfers between devices"))
            {
                header = line;
            }
            std::istringstream fields(line);
            std::string variant;
            std::string runs;
            std::string cpu;
            std::string ratio;
            BenchRow row;
            fields >> variant >> runs >> row.events >> cpu >> ratio >> row.bytes >> row.lastArrival;
            if (fields && (variant.rfind("full/", 0) == 0 || variant.rfind("replay/", 0) == 0) &&
                !Contains(variant, "iterations"))
            {
                rows[variant] = row;
            }
        }
        return rows;
    }
};

TEST_F(ReplayBenchTest, ReplayDeliversEverythingAndTheModuleAddsFewEvents)
{
    const std::string bench = std::string(DNN_BINARY_DIR) + "/test/bench/dnn-replay-bench";
    if (!fs::exists(bench))
    {
        GTEST_SKIP() << bench << " is not built (DNN_BUILD_BENCHMARKS=OFF)";
    }
    const fs::path results = m_dir / "results";
    const RunResult run = Run("--scenario=scenarios/smart-home.json --schedulers=heft --out=" +
                              ShellQuote(results.string()));
    ASSERT_EQ(run.status, 0) << run.err;

    m_tool = bench;
    // a scheduler's folder instead of the results folder: one line, status 2, nothing run
    const RunResult wrong = Run("--results=" + ShellQuote((results / "heft").string()) +
                                " --scenario=scenarios/smart-home.json");
    EXPECT_EQ(wrong.status, 2);
    EXPECT_TRUE(Contains(wrong.err, "cannot read")) << wrong.err;
    EXPECT_TRUE(wrong.out.empty()) << wrong.out;

    const RunResult measured = Run("--results=" + ShellQuote(results.string()) +
                                   " --scenario=scenarios/smart-home.json"
                                   " --benchmark_repetitions=1");
    ASSERT_EQ(measured.status, 0) << measured.err;
    std::string header;
    const auto rows = ParseTable(measured.out, header);
    ASSERT_EQ(rows.size(), 4u) << measured.out;
    // "smart-home, heft: 543 transfers between devices, N bytes with headers, last arrival T s"
    const std::size_t at = header.find("last arrival ");
    ASSERT_NE(at, std::string::npos) << header;
    const double runLast = std::stod(header.substr(at + 13));
    EXPECT_GT(runLast, 0);

    for (const char* replay : {"replay/bare", "replay/energy"})
    {
        const BenchRow& row = rows.at(replay);
        const std::size_t slash = row.bytes.find('/');
        ASSERT_NE(slash, std::string::npos) << replay << ": " << row.bytes;
        EXPECT_EQ(row.bytes.substr(0, slash), row.bytes.substr(slash + 1)) << replay;
        EXPECT_NEAR(row.lastArrival, runLast, 1e-6) << replay;
    }
    EXPECT_EQ(rows.at("replay/energy").events, rows.at("replay/bare").events);

    const double replayEvents = rows.at("replay/bare").events;
    const double moduleEvents = rows.at("full/no-netanim-flowmon").events;
    EXPECT_GT(moduleEvents, replayEvents); // the compute models' and workers' own
    EXPECT_LE(moduleEvents, 1.05 * replayEvents);
    EXPECT_GE(rows.at("full/default").events, moduleEvents);
    EXPECT_NEAR(rows.at("full/default").lastArrival, runLast, 1e-6);
}

} // namespace
} // namespace test
} // namespace ns3
