/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The long run (scenarios/long-run.json): 2,000 requests over 10 simulated minutes through
 * dnn-offload-run, every request accounted for, in memory that does not grow with the number
 * of requests. About a minute of wall-clock time (label "long").
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

namespace
{

using namespace ns3::test;

class LongRunTest : public DnnCliTest
{
  protected:
    LongRunTest() : DnnCliTest("dnn-offload-run") {}
};

/** Peak resident memory of the largest child process waited for so far, KiB. */
long
ChildrenPeakRss()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

/**
 * The same run with a quarter of the requests (500 over 150 s) first, then the long run:
 * with rolling-horizon planning (planner/horizon) and each request written out as it
 * completes, the long run's peak memory is within 10 % of the short one's, although it
 * carries four times the requests (RUSAGE_CHILDREN's maxrss: the peak of every child so far,
 * so the second reading is the larger of the two runs).
 */
TEST_F(LongRunTest, TwoThousandRequestsOverTenMinutesAreAllAccountedForInFlatMemory)
{
    auto quarter =
        nlohmann::json::parse(ReadText(fs::path(DNN_SOURCE_DIR) / "scenarios" / "long-run.json"));
    for (auto& entry : quarter["workload"]["requests"])
    {
        entry["count"] = 125;
        entry["model"] = (fs::path(DNN_SOURCE_DIR) / "scenarios" / "models" /
                          (entry["model"].get<std::string>() + ".json"))
                             .string();
    }
    quarter["simulation"]["stop_time"] = "160s";
    const fs::path shortFile = WriteFile("long-run-500.json", quarter.dump(1));
    const fs::path shortOut = m_dir / "out-500";
    const RunResult s = Run("--scenario=" + ShellQuote(shortFile.string()) +
                            " --out=" + ShellQuote(shortOut.string()));
    ASSERT_EQ(s.status, 0) << s.err;
    const auto shortSummary = nlohmann::json::parse(ReadText(shortOut / "heft" / "summary.json"));
    EXPECT_EQ(shortSummary["completed"], 500);
    const long rss500 = ChildrenPeakRss();

    const fs::path out = m_dir / "out";
    const RunResult r = Run("--scenario=scenarios/long-run.json --out=" + ShellQuote(out.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    const long rss2000 = ChildrenPeakRss();
    std::cout << "peak RSS: " << rss500 << " KiB with 500 requests, " << rss2000
              << " KiB with 2000\n";
    EXPECT_LE(rss2000, rss500 * 11 / 10);
    const auto summary = nlohmann::json::parse(ReadText(out / "heft" / "summary.json"));
    EXPECT_EQ(summary["requests"], 2000);
    // Every request is completed, failed or unfinished, and here all complete.
    EXPECT_EQ(summary["completed"].get<std::size_t>() + summary["failed"].size() +
                  summary["unfinished"].size(),
              2000u);
    EXPECT_EQ(summary["completed"], 2000);
    // The last arrivals are at 599.1-599.4 s; each request takes well under a second.
    const double makespan = summary["simulated_makespan_s"].get<double>();
    EXPECT_GT(makespan, 599.4);
    EXPECT_LT(makespan, 601.0);
    std::istringstream requests(ReadText(out / "heft" / "requests.csv"));
    std::string line;
    std::size_t rows = 0;
    while (std::getline(requests, line))
    {
        rows += !line.empty();
        EXPECT_TRUE(rows == 1 || Contains(line, ",completed,")) << line;
    }
    EXPECT_EQ(rows, 2001u);
}

} // namespace
