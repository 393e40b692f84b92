/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The classic mapping heuristics (MET, MCT, OLB, fastest node, MinMin, MaxMin, Sufferage,
 * Duplex, ETF): their makespans against SAGA's on the reference instances, and one hand-derived
 * schedule each. Their validity on the random DAGs (pins, releases, cores, memory, core
 * availability, the shared-medium model) is checked by the tests that loop over every short
 * name (dnn-list-scheduler-test.cc, dnn-network-model-test.cc, dnn-availability-test.cc).
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/boolean.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/**
 * SAGA's makespans (github.com/ANRGUSC/saga at f67156418baf1f7a9b52409ec60ff9b32fb38503, the
 * 0.0.9 line), recorded by scripts/saga-reference.py; see test/reference/README.md.
 */
const std::string SAGA_MAKESPANS = "test/reference/saga-makespans.json";
/** The SAGA commit the figures come from. */
const std::string SAGA_COMMIT = "f67156418baf1f7a9b52409ec60ff9b32fb38503";

/** Our short name and SAGA's scheduler name. */
const std::vector<std::pair<std::string, std::string>> SCHEDULERS = {
    {"met", "MET"},
    {"mct", "MCT"},
    {"olb", "OLB"},
    {"fastest-node", "FastestNode"},
    {"minmin", "MinMin"},
    {"maxmin", "MaxMin"},
    {"sufferage", "Sufferage"},
    {"duplex", "Duplex"},
    {"etf", "ETF"},
};

/** A scheduler set up as SAGA runs it: Sufferage one task per step (OneTaskPerStep). */
Ptr<DnnScheduler>
Saga(const std::string& name)
{
    Ptr<DnnScheduler> scheduler = DnnScheduler::Create(name);
    if (name == "sufferage")
    {
        scheduler->SetAttribute("OneTaskPerStep", BooleanValue(true));
    }
    return scheduler;
}

TEST(ClassicSchedulerTest, MakespansEqualSagas)
{
    const nlohmann::json doc = DnnJsonReader::ParseFile(test::SourcePath(SAGA_MAKESPANS));
    ASSERT_EQ(doc.at("saga_commit").get<std::string>(), SAGA_COMMIT);
    ASSERT_EQ(doc.at("instances").size(), 30U);
    for (const auto& [name, sagaName] : SCHEDULERS)
    {
        uint32_t compared = 0;
        for (const auto& instance : doc.at("instances"))
        {
            const std::string file =
                test::SourcePath("test/reference/" + instance.at("file").get<std::string>());
            // The reader dnn-offload-schedule uses.
            const DnnSchedulingProblem problem =
                DnnInstanceReader::Read(DnnJsonReader::ParseFile(file), file);
            const nlohmann::json& result = instance.at("results").at(sagaName);
            // SAGA's ETF breaks ties by Python's set order (PYTHONHASHSEED); its "file_order"
            // figures break them by the lowest index in the file, as ours does. They exist
            // for the instances of at most 8 tasks; on the two larger ones (saga-21, 22) ours
            // is one of the makespans SAGA gave over 24 hash seeds.
            double expected = 0.0;
            if (sagaName == "ETF")
            {
                if (!result.contains("file_order"))
                {
                    const double makespan = Saga(name)->Plan(problem).Makespan();
                    bool seen = false;
                    for (const auto& figure : result.at("makespans_over_hash_seeds"))
                    {
                        seen = seen || std::fabs(makespan - figure.get<double>()) <=
                                           1e-9 * figure.get<double>();
                    }
                    EXPECT_TRUE(seen) << "etf on " << instance.at("name") << ": " << makespan;
                    continue;
                }
                expected = result.at("file_order").at("makespan").get<double>();
            }
            else
            {
                expected = result.at("makespan").get<double>();
            }
            const DnnSchedule schedule = Saga(name)->Plan(problem);
            EXPECT_TRUE(ValidateSchedule(problem, schedule).empty())
                << name << " on " << instance.at("name");
            EXPECT_NEAR(schedule.Makespan(), expected, 1e-9 * expected)
                << name << " on " << instance.at("name");
            ++compared;
        }
        EXPECT_EQ(compared, name == "etf" ? 28U : 30U) << name;
    }
}

/** The paper's Sufferage and SAGA's (OneTaskPerStep) give the same makespans on SAGA's 30
 *  instances (MakespansEqualSagas passes with either), but not in general: they differ on
 *  some of the random DAGs. */
TEST(ClassicSchedulerTest, SufferageRulesDifferOnSomeRandomDags)
{
    const nlohmann::json doc = DnnJsonReader::ParseFile(test::SourcePath(SAGA_MAKESPANS));
    for (const auto& instance : doc.at("instances"))
    {
        const std::string file =
            test::SourcePath("test/reference/" + instance.at("file").get<std::string>());
        const DnnSchedulingProblem problem =
            DnnInstanceReader::Read(DnnJsonReader::ParseFile(file), file);
        EXPECT_DOUBLE_EQ(DnnScheduler::Create("sufferage")->Plan(problem).Makespan(),
                         Saga("sufferage")->Plan(problem).Makespan())
            << instance.at("name");
    }
    std::mt19937_64 rng(20021);
    uint32_t differ = 0;
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        const double paper = DnnScheduler::Create("sufferage")->Plan(problem).Makespan();
        const double saga = Saga("sufferage")->Plan(problem).Makespan();
        differ += paper != saga;
    }
    std::cout << "the two Sufferage rules differ on " << differ << " of 200 random DAGs\n";
    EXPECT_GT(differ, 0U);
}

/**
 * The hand-derived graph: a fork-join A -> {B, C} -> D on two processors, every edge
 * carrying 2 data units over links of bandwidth 1 (2 s between processors, 0 on one).
 * Execution times (P0, P1): A (2, 4), B (3, 4), C (4, 8), D (2, 2).
 */
DnnSchedulingProblem
ForkJoin()
{
    DnnSchedulingProblem problem({"A", "B", "C", "D"}, {"P0", "P1"});
    const double cost[4][2] = {{2, 4}, {3, 4}, {4, 8}, {2, 2}};
    for (uint32_t t = 0; t < 4; ++t)
    {
        for (uint32_t p = 0; p < 2; ++p)
        {
            problem.SetCost(t, p, cost[t][p]);
        }
    }
    problem.AddEdge(0, 1, 2.0);
    problem.AddEdge(0, 2, 2.0);
    problem.AddEdge(1, 3, 2.0);
    problem.AddEdge(2, 3, 2.0);
    problem.SetUniformLinks(0.0, 1.0);
    problem.Finalize();
    return problem;
}

/** Plan the fork-join graph and check each task's (processor, start, finish). */
void
ExpectForkJoin(const std::string& name, const std::vector<std::vector<double>>& expected,
               Ptr<DnnScheduler> scheduler = nullptr)
{
    const DnnSchedulingProblem problem = ForkJoin();
    const DnnSchedule schedule =
        (scheduler ? scheduler : DnnScheduler::Create(name))->Plan(problem);
    ASSERT_TRUE(ValidateSchedule(problem, schedule).empty()) << name;
    double makespan = 0.0;
    for (uint32_t t = 0; t < 4; ++t)
    {
        EXPECT_EQ(schedule.Processor(t), static_cast<uint32_t>(expected[t][0]))
            << name << " task " << problem.TaskName(t);
        EXPECT_DOUBLE_EQ(schedule.Start(t), expected[t][1]) << name << " " << problem.TaskName(t);
        EXPECT_DOUBLE_EQ(schedule.Finish(t), expected[t][2]) << name << " " << problem.TaskName(t);
        makespan = std::max(makespan, expected[t][2]);
    }
    EXPECT_DOUBLE_EQ(schedule.Makespan(), makespan) << name;
}

// MET: each task where it executes fastest: A, B, C on P0 (2 < 4, 3 < 4, 4 < 8), D ties
// (2 = 2) and takes the first, P0. All on P0 back to back: A [0,2], B [2,5], C [5,9],
// D [9,11].
TEST(ClassicSchedulerTest, MetByHand)
{
    ExpectForkJoin("met", {{0, 0, 2}, {0, 2, 5}, {0, 5, 9}, {0, 9, 11}});
}

// Fastest node: total times P0 2+3+4+2 = 11, P1 4+4+8+2 = 18, so everything on P0:
// A [0,2], B [2,5], C [5,9], D [9,11].
TEST(ClassicSchedulerTest, FastestNodeByHand)
{
    ExpectForkJoin("fastest-node", {{0, 0, 2}, {0, 2, 5}, {0, 5, 9}, {0, 9, 11}});
}

// MCT, in topological order A, B, C, D: A finishes at 2 on P0, 4 on P1: P0 [0,2].
// B: P0 max(2, 2) + 3 = 5; P1 (2 + 2) + 4 = 8: P0 [2,5].
// C: P0 max(5, 2) + 4 = 9; P1 (2 + 2) + 8 = 12: P0 [5,9].
// D: P0 max(9, 5, 9) + 2 = 11; P1 max(5 + 2, 9 + 2) + 2 = 13: P0 [9,11].
TEST(ClassicSchedulerTest, MctByHand)
{
    ExpectForkJoin("mct", {{0, 0, 2}, {0, 2, 5}, {0, 5, 9}, {0, 9, 11}});
}

// OLB, the processor free first whatever the times: A: both free at 0, P0 [0,2].
// B: P0 free at 2, P1 at 0: P1, inputs there at 2 + 2 = 4: [4,8].
// C: P0 free at 2, P1 at 8: P0 [2,6].
// D: P0 free at 6, P1 at 8: P0, inputs at max(6, 8 + 2) = 10: [10,12].
TEST(ClassicSchedulerTest, OlbByHand)
{
    ExpectForkJoin("olb", {{0, 0, 2}, {1, 4, 8}, {0, 2, 6}, {0, 10, 12}});
}

// MinMin. Batch {A}: A on P0 [0,2]. Batch {B, C}: completion times B (5 on P0, 8 on P1),
// C (6 on P0, 12 on P1); the smallest is B's 5: B on P0 [2,5]. Then C: P0 5 + 4 = 9,
// P1 12: P0 [5,9]. Batch {D}: P0 9 + 2 = 11, P1 max(5 + 2, 9 + 2) + 2 = 13: P0 [9,11].
TEST(ClassicSchedulerTest, MinMinByHand)
{
    ExpectForkJoin("minmin", {{0, 0, 2}, {0, 2, 5}, {0, 5, 9}, {0, 9, 11}});
}

// MaxMin. A on P0 [0,2]. Batch {B, C}: best completions B 5, C 6; the largest is C's:
// C on P0 [2,6]. Then B: P0 6 + 3 = 9, P1 (2 + 2) + 4 = 8: P1 [4,8].
// D: P0 max(6, 8 + 2) + 2 = 12; P1 max(6 + 2, 8) + 2 = 10: P1 [8,10].
TEST(ClassicSchedulerTest, MaxMinByHand)
{
    ExpectForkJoin("maxmin", {{0, 0, 2}, {1, 4, 8}, {0, 2, 6}, {1, 8, 10}});
}

// Sufferage, the paper's passes. Pass 1: A claims P0 [0,2]. Pass 2, ready {B, C}: B
// completes first on P0 (5; 8 on P1) and suffers 8 - 5 = 3; C also on P0 (6; 12) and
// suffers 12 - 6 = 6, more than B, so P0 goes to C [2,6] and B waits (MinMin would have
// taken B). Pass 3: B: P0 6 + 3 = 9, P1 (2 + 2) + 4 = 8: P1 [4,8]. Pass 4: D as in MaxMin,
// P1 [8,10]. SAGA's one task per step gives the same: C (sufferage 6) before B (3), then B,
// then D.
TEST(ClassicSchedulerTest, SufferageByHand)
{
    const std::vector<std::vector<double>> expected = {{0, 0, 2}, {1, 4, 8}, {0, 2, 6}, {1, 8, 10}};
    ExpectForkJoin("sufferage", expected);
    ExpectForkJoin("sufferage", expected, Saga("sufferage"));
}

// Duplex keeps the schedule of the smaller makespan: MinMin's above ends at 11, MaxMin's at
// 10, so Duplex returns MaxMin's.
TEST(ClassicSchedulerTest, DuplexKeepsTheSmallerMakespanByHand)
{
    ExpectForkJoin("duplex", {{0, 0, 2}, {1, 4, 8}, {0, 2, 6}, {1, 8, 10}});
}

// ETF, which chooses by data-ready time only. now = 0: A's inputs are ready at 0 on both
// idle processors: P0 (the first), [0,2]; next event 2. now = 2: ready {B, C}, both idle.
// B's data-ready times: P0 2, P1 4; C's: P0 2, P1 4. B (first of the tie) on P0 [2,5]; next
// event 5. Only P1 idle: C there at 4 <= 5: [4,12], its slow processor. now = 5 (next event
// 12): D ready; idle P0 only: D's inputs reach P0 at max(5, 12 + 2) = 14 > 12: wait.
// now = 12: both idle; D's data-ready times P0 14, P1 max(5 + 2, 12) = 12: P1 [12,14].
TEST(ClassicSchedulerTest, EtfByHand)
{
    ExpectForkJoin("etf", {{0, 0, 2}, {0, 2, 5}, {1, 4, 12}, {1, 12, 14}});
}

} // namespace
