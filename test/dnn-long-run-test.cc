/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The long run (scenarios/long-run.json): 2,000 requests over 10 simulated minutes through
 * dnn-offload-run, every request accounted for. About 25 s of wall-clock time (label "long").
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace
{

using namespace ns3::test;

class LongRunTest : public DnnCliTest
{
  protected:
    LongRunTest() : DnnCliTest("dnn-offload-run") {}
};

TEST_F(LongRunTest, TwoThousandRequestsOverTenMinutesAreAllAccountedFor)
{
    const fs::path out = m_dir / "out";
    const RunResult r = Run("--scenario=scenarios/long-run.json --out=" + ShellQuote(out.string()));
    ASSERT_EQ(r.status, 0) << r.err;
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
