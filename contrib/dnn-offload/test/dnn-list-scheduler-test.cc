/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * HEFT, CPOP and PEFT against the published examples (test/reference/canonical-graphs.json):
 * Topcuoglu, Hariri, Wu, IEEE TPDS 13(3) 2002, Fig. 2-3 (HEFT 80 with its schedule and mean
 * upward ranks, CPOP 86); Arabnejad, Barbosa, IEEE TPDS 25(3) 2014 (PEFT 122 with its
 * optimistic cost table and schedule). Plus validity on 200 random DAGs.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include <gtest/gtest.h>

#include <random>

using namespace ns3;

namespace
{

const std::string REFERENCE = "test/reference/canonical-graphs.json";

nlohmann::json
Expected(const std::string& instance)
{
    const nlohmann::json doc = DnnJsonReader::ParseFile(test::SourcePath(REFERENCE));
    for (const auto& item : doc["instances"])
    {
        if (item["name"] == instance)
        {
            return item["expected"];
        }
    }
    throw std::runtime_error("no instance " + instance);
}

/** Check a schedule against the reference's {"P0": [["T1", start, finish], ...], ...}. */
void
ExpectSchedule(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
               const nlohmann::json& expected)
{
    uint32_t listed = 0;
    for (const auto& [processor, entries] : expected.items())
    {
        for (const auto& entry : entries)
        {
            const uint32_t t = problem.FindTask(entry[0].get<std::string>());
            ASSERT_NE(t, DnnSchedulingProblem::NONE) << entry[0];
            EXPECT_EQ(problem.ProcessorName(schedule.Processor(t)), processor) << entry[0];
            EXPECT_DOUBLE_EQ(schedule.Start(t), entry[1].get<double>()) << entry[0];
            EXPECT_DOUBLE_EQ(schedule.Finish(t), entry[2].get<double>()) << entry[0];
            ++listed;
        }
    }
    EXPECT_EQ(listed, problem.TaskCount());
}

TEST(ListSchedulerTest, HeftOnTopcuoglu2002)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    const nlohmann::json expected = Expected("topcuoglu-2002")["heft"];
    const auto ranks = DnnListScheduling::UpwardRanks(problem);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        EXPECT_NEAR(ranks[t], expected["mean_upward_rank"][t].get<double>(), 1e-3) << t;
    }
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 80.0);
    ExpectSchedule(problem, schedule, expected["schedule"]);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(ListSchedulerTest, CpopOnTopcuoglu2002)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    const DnnSchedule schedule = DnnScheduler::Create("cpop")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), Expected("topcuoglu-2002")["cpop"]["makespan"]);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 86.0);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(ListSchedulerTest, PeftOnArabnejad2014)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "arabnejad-2014");
    const nlohmann::json expected = Expected("arabnejad-2014")["peft"];
    const auto oct = DnnListScheduling::OptimisticCostTable(problem);
    const uint32_t m = problem.ProcessorCount();
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            EXPECT_DOUBLE_EQ(oct[t * m + p], expected["optimistic_cost_table"][t][p].get<double>())
                << "OCT(T" << t << ", P" << p << ")";
        }
    }
    const DnnSchedule schedule = DnnScheduler::Create("peft")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 122.0);
    ExpectSchedule(problem, schedule, expected["schedule"]);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(ListSchedulerTest, ValidatorReportsEveryViolation)
{
    // HEFT's Topcuoglu schedule, then broken three ways at once.
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    const uint32_t t9 = problem.FindTask("T9");
    const uint32_t t6 = problem.FindTask("T6");
    // T9 on P1 at 60 instead of 73: before T8 (P1, 56-68) finishes and before its inputs.
    schedule.Place(t9, 1, 0, 60, 67);
    // T6 lasting 5 instead of its 11 on P2.
    schedule.Place(t6, 2, 0, 38, 43);
    const auto violations = ValidateSchedule(problem, schedule);
    auto mentions = [&](const std::string& a, const std::string& b)
    {
        for (const auto& v : violations)
        {
            if (v.find(a) != std::string::npos && v.find(b) != std::string::npos)
            {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(mentions("T9", "overlaps T8")) << violations.size();
    EXPECT_TRUE(mentions("T9", "input from T8"));
    EXPECT_TRUE(mentions("T6", "instead of its execution time 11"));
    EXPECT_GE(violations.size(), 3u);
}

TEST(ListSchedulerTest, EverySchedulerIsValidOnRandomDags)
{
    std::mt19937_64 rng(20021);
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        for (const auto& name : DnnScheduler::ShortNames())
        {
            const DnnSchedule schedule = DnnScheduler::Create(name)->Plan(problem);
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty())
                << name << " on random DAG " << i << ": " << violations.front();
        }
    }
}

TEST(ListSchedulerTest, UnknownSchedulerNameSuggestsOne)
{
    try
    {
        DnnScheduler::Create("hefy");
        FAIL() << "accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("did you mean \"heft\""), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(DnnScheduler::Create("ns3::PeftScheduler")->GetInstanceTypeId().GetName(),
              "ns3::PeftScheduler");
}

} // namespace
