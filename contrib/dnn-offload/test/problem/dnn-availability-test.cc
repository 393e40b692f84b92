/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Core availability (DnnSchedulingProblem::SetAvailable(): a core busy with outside work
 * until a time, as rolling-horizon planning needs): the setter's contract, hand-derived HEFT
 * and evaluator examples, the validator's report, the instance files' "available" key, and
 * every scheduler honouring random availabilities on random DAGs.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-scheduling-problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** Whether some violation mentions \p fragment. */
bool
Mentions(const std::vector<std::string>& violations, const std::string& fragment)
{
    return std::any_of(violations.begin(), violations.end(),
                       [&](const std::string& v) { return v.find(fragment) != std::string::npos; });
}

/**
 * The chain A -> B -> C (data 1 on each edge) on P0 (fast: 1 s per task, but busy until
 * t = 10) and P1 (slow: 4 s per task); links: no latency, bandwidth 1, so an edge between
 * the processors costs 1 s.
 */
DnnSchedulingProblem
BusyFastProcessor()
{
    DnnSchedulingProblem problem({"A", "B", "C"}, {"P0", "P1"});
    for (uint32_t t = 0; t < 3; ++t)
    {
        problem.SetCost(t, 0, 1.0);
        problem.SetCost(t, 1, 4.0);
    }
    problem.AddEdge(0, 1, 1.0);
    problem.AddEdge(1, 2, 1.0);
    problem.SetUniformLinks(0.0, 1.0);
    problem.SetAvailable(0, 0, 10.0);
    problem.Finalize();
    return problem;
}

TEST(AvailabilityTest, DefaultsSetterChecksAndSetCores)
{
    DnnSchedulingProblem problem({"A"}, {"P0", "P1", "P2"});
    problem.SetCores(1, 3);
    for (uint32_t p = 0; p < 3; ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            EXPECT_EQ(problem.Available(p, c), 0.0) << p << " " << c;
        }
    }
    problem.SetAvailable(0, 0, 1.5);
    problem.SetAvailable(1, 2, 2.5);
    problem.SetAvailable(2, 0, 3.5);
    EXPECT_EQ(problem.Available(0, 0), 1.5);
    EXPECT_EQ(problem.Available(1, 0), 0.0);
    EXPECT_EQ(problem.Available(1, 2), 2.5);
    EXPECT_EQ(problem.Available(2, 0), 3.5);

    // Cores that do not exist, as the other setters: std::out_of_range.
    EXPECT_THROW(problem.SetAvailable(0, 1, 1.0), std::out_of_range);
    EXPECT_THROW(problem.SetAvailable(1, 3, 1.0), std::out_of_range);
    EXPECT_THROW(problem.SetAvailable(3, 0, 1.0), std::out_of_range);
    EXPECT_THROW(problem.Available(1, 3), std::out_of_range);
    EXPECT_THROW(problem.Available(3, 0), std::out_of_range);
    // Impossible times, as SetLink and SetPower: std::invalid_argument when set.
    EXPECT_THROW(problem.SetAvailable(0, 0, -1.0), std::invalid_argument);
    EXPECT_THROW(problem.SetAvailable(0, 0, DnnSchedulingProblem::INF), std::invalid_argument);
    EXPECT_THROW(problem.SetAvailable(0, 0, std::numeric_limits<double>::quiet_NaN()),
                 std::invalid_argument);
    EXPECT_EQ(problem.Available(0, 0), 1.5); // unchanged by the rejected calls

    // SetCores resets that processor's cores to 0 and keeps the others'.
    problem.SetCores(1, 2);
    EXPECT_EQ(problem.Available(1, 0), 0.0);
    EXPECT_EQ(problem.Available(1, 1), 0.0);
    EXPECT_THROW(problem.Available(1, 2), std::out_of_range);
    EXPECT_EQ(problem.Available(0, 0), 1.5);
    EXPECT_EQ(problem.Available(2, 0), 3.5);
    problem.SetAvailable(1, 1, 4.0);
    problem.SetCores(0, 4);
    EXPECT_EQ(problem.Available(0, 0), 0.0);
    EXPECT_EQ(problem.Available(0, 3), 0.0);
    EXPECT_EQ(problem.Available(1, 1), 4.0);
    EXPECT_EQ(problem.Available(2, 0), 3.5);
}

TEST(AvailabilityTest, HeftWaitsForTheBusyFastProcessorOnlyWhenItPays)
{
    // Mean costs 2.5 s and mean edge time 1 s give the upward ranks A 9.5, B 6, C 2.5, so
    // HEFT places A, B, C in that order, each where it finishes first:
    //   A: P0 from 10 (busy before), done 11; P1 from 0, done 4           -> P1 [0, 4]
    //   B: P0 ready 4 + 1 = 5 but busy until 10, done 11; P1 done 4 + 4 = 8 -> P1 [4, 8]
    //   C: P0 ready 8 + 1 = 9, busy until 10, done 11; P1 done 8 + 4 = 12   -> P0 [10, 11]
    // (Without the availability the whole chain runs on P0 in 3 s.)
    const DnnSchedulingProblem problem = BusyFastProcessor();
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    EXPECT_EQ(schedule.Processor(0), 1u);
    EXPECT_DOUBLE_EQ(schedule.Start(0), 0.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(0), 4.0);
    EXPECT_EQ(schedule.Processor(1), 1u);
    EXPECT_DOUBLE_EQ(schedule.Start(1), 4.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(1), 8.0);
    EXPECT_EQ(schedule.Processor(2), 0u);
    EXPECT_DOUBLE_EQ(schedule.Start(2), 10.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(2), 11.0);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 11.0);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(AvailabilityTest, ATaskGoesOnTheFreeCore)
{
    // One task of 3 s on a processor whose core 0 is busy until 5: core 1 from 0.
    DnnSchedulingProblem problem({"A"}, {"P0"});
    problem.SetCost(0, 0, 3.0);
    problem.SetCores(0, 2);
    problem.SetAvailable(0, 0, 5.0);
    problem.Finalize();
    for (const std::string name : {"heft", "cpop", "peft", "local", "ga"})
    {
        const DnnSchedule schedule = DnnScheduler::Create(name)->Plan(problem);
        EXPECT_EQ(schedule.Core(0), 1u) << name;
        EXPECT_DOUBLE_EQ(schedule.Start(0), 0.0) << name;
        EXPECT_DOUBLE_EQ(schedule.Finish(0), 3.0) << name;
    }
    DnnProcessorTimeline timeline(problem);
    uint32_t core = 0;
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 0.0, 3.0, core), 0.0);
    EXPECT_EQ(core, 1u);
    // Once core 1 is taken until 6, core 0 (free at 5) is the earlier one.
    timeline.Occupy(0, 1, 0.0, 6.0, 0.0);
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 0.0, 3.0, core), 5.0);
    EXPECT_EQ(core, 0u);
    // A task ready after the availability starts when ready.
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 7.0, 3.0, core), 7.0);

    DnnScheduleEvaluator evaluator(problem);
    const std::vector<uint32_t> assignment = {0};
    const std::vector<uint32_t> order = {0};
    EXPECT_DOUBLE_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, 3.0);
    EXPECT_EQ(evaluator.Decode(assignment.data(), order.data()).Core(0), 1u);
}

TEST(AvailabilityTest, TimelineDoesNotInsertBeforeTheAvailability)
{
    // Core busy until 4, then a task occupies [6, 8]: a 1 s task ready at 0 fits the gap
    // [4, 6], not [0, 4]; a 3 s task fits no gap and goes after 8.
    DnnSchedulingProblem problem({"A"}, {"P0"});
    problem.SetCost(0, 0, 1.0);
    problem.SetAvailable(0, 0, 4.0);
    problem.Finalize();
    DnnProcessorTimeline timeline(problem);
    timeline.Occupy(0, 0, 6.0, 8.0, 0.0);
    uint32_t core = 0;
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 0.0, 1.0, core), 4.0);
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 0.0, 2.0, core), 4.0);
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 0.0, 3.0, core), 8.0);
    EXPECT_DOUBLE_EQ(timeline.EarliestStart(0, 5.0, 1.0, core), 5.0);
}

TEST(AvailabilityTest, EvaluatorHandDerived)
{
    // A -> B and A -> C (data 2 each); links: latency 0.5, bandwidth 2 (1.5 s per edge).
    // P0: one core, available at 6. P1: two cores, available at 3 and 1.
    //        P0  P1
    //   A     2   3
    //   B     1   2
    //   C     2   4
    // A, B on P1 and C on P0, in the order A, B, C:
    //   A: P1's cores free at 3 and 1 -> core 1, [1, 4]
    //   B: ready 4 (same processor); cores free at 3 and 4 -> core 0, [4, 6]
    //   C: ready 4 + 1.5 = 5.5; P0 available at 6 -> [6, 8]
    // Makespan 8 (6.5 without the availabilities: A [0, 3], B [3, 5], C [4.5, 6.5]).
    DnnSchedulingProblem problem({"A", "B", "C"}, {"P0", "P1"});
    const double cost[3][2] = {{2, 3}, {1, 2}, {2, 4}};
    for (uint32_t t = 0; t < 3; ++t)
    {
        for (uint32_t p = 0; p < 2; ++p)
        {
            problem.SetCost(t, p, cost[t][p]);
        }
    }
    problem.AddEdge(0, 1, 2.0);
    problem.AddEdge(0, 2, 2.0);
    problem.SetUniformLinks(0.5, 2.0);
    problem.SetCores(1, 2);
    problem.SetAvailable(0, 0, 6.0);
    problem.SetAvailable(1, 0, 3.0);
    problem.SetAvailable(1, 1, 1.0);
    problem.Finalize();
    DnnScheduleEvaluator evaluator(problem);
    const std::vector<uint32_t> assignment = {1, 1, 0};
    const std::vector<uint32_t> order = {0, 1, 2};
    const auto outcome = evaluator.Evaluate(assignment.data(), order.data());
    EXPECT_DOUBLE_EQ(outcome.makespan, 8.0);
    const DnnSchedule schedule = evaluator.Decode(assignment.data(), order.data());
    EXPECT_EQ(schedule.Core(0), 1u);
    EXPECT_DOUBLE_EQ(schedule.Start(0), 1.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(0), 4.0);
    EXPECT_EQ(schedule.Core(1), 0u);
    EXPECT_DOUBLE_EQ(schedule.Start(1), 4.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(1), 6.0);
    EXPECT_DOUBLE_EQ(schedule.Start(2), 6.0);
    EXPECT_DOUBLE_EQ(schedule.Finish(2), 8.0);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
    // The same evaluation again starts from the availabilities, not from the last one's end.
    EXPECT_DOUBLE_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, 8.0);
}

TEST(AvailabilityTest, ValidatorReportsAStartBeforeTheAvailability)
{
    const DnnSchedulingProblem problem = BusyFastProcessor();
    // The chain on P0 from 0, as if P0 were free.
    DnnSchedule schedule(3);
    schedule.Place(0, 0, 0, 0.0, 1.0);
    schedule.Place(1, 0, 0, 1.0, 2.0);
    schedule.Place(2, 0, 0, 9.5, 10.5);
    const auto violations = ValidateSchedule(problem, schedule);
    EXPECT_EQ(violations.size(), 3u);
    EXPECT_TRUE(Mentions(violations, "task A starts at 0 on P0 core 0 before the core is "
                                     "available at 10"));
    EXPECT_TRUE(Mentions(violations, "task B starts at 1 on P0 core 0 before the core is "
                                     "available at 10"));
    EXPECT_TRUE(Mentions(violations, "task C starts at 9.5 on P0 core 0 before the core is "
                                     "available at 10"));
    // From 10 on, it is valid.
    schedule.Place(0, 0, 0, 10.0, 11.0);
    schedule.Place(1, 0, 0, 11.0, 12.0);
    schedule.Place(2, 0, 0, 12.0, 13.0);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());

    // Per core: on a two-core processor with core 0 busy until 5, core 1 is free at 0.
    DnnSchedulingProblem twoCores({"A"}, {"P0"});
    twoCores.SetCost(0, 0, 3.0);
    twoCores.SetCores(0, 2);
    twoCores.SetAvailable(0, 0, 5.0);
    twoCores.Finalize();
    DnnSchedule one(1);
    one.Place(0, 0, 0, 0.0, 3.0);
    const auto early = ValidateSchedule(twoCores, one);
    ASSERT_EQ(early.size(), 1u);
    EXPECT_EQ(early[0], "task A starts at 0 on P0 core 0 before the core is available at 5");
    one.Place(0, 0, 1, 0.0, 3.0);
    EXPECT_TRUE(ValidateSchedule(twoCores, one).empty());
}

TEST(AvailabilityTest, EverySchedulerHonoursRandomAvailabilities)
{
    std::mt19937_64 rng(424242);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    uint64_t atAvailability = 0; // tasks that start exactly when their core becomes free
    for (int i = 0; i < 150; ++i)
    {
        // Availability does not enter Finalize(): it may be set on a finalized problem. (No
        // memory limits: the list schedulers do not promise to respect them on these.)
        DnnSchedulingProblem problem = test::RandomProblem(rng);
        for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
        {
            for (uint32_t c = 0; c < problem.Cores(p); ++c)
            {
                problem.SetAvailable(p, c, unit(rng) < 0.3 ? 0.0 : 40.0 * unit(rng));
            }
        }
        for (const auto& name : DnnScheduler::ShortNames())
        {
            DnnSchedule schedule;
            if (!test::PlanUnlessTooLarge(name, problem, schedule))
            {
                continue; // brute-force: small instances only
            }
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty())
                << name << " on random DAG " << i << ": " << violations.front();
            for (uint32_t t = 0; t < problem.TaskCount(); ++t)
            {
                const uint32_t p = schedule.Processor(t);
                ASSERT_LT(p, problem.ProcessorCount()) << name << " " << i;
                ASSERT_LT(schedule.Core(t), problem.Cores(p)) << name << " " << i;
                const double available = problem.Available(p, schedule.Core(t));
                EXPECT_GE(schedule.Start(t), available)
                    << name << " on random DAG " << i << ": " << problem.TaskName(t);
                atAvailability += schedule.Start(t) == available && available > 0;
            }
        }
    }
    EXPECT_GT(atAvailability, 0u); // the availabilities did bind
}

TEST(AvailabilityTest, InstanceFileAvailable)
{
    nlohmann::json doc = nlohmann::json::parse(R"({
      "processors": ["P0", "P1"],
      "tasks": [{"name": "A", "cost": [1, 4]}, {"name": "B", "cost": [1, 4]},
                {"name": "C", "cost": [1, 4]}],
      "edges": [{"from": "A", "to": "B", "data": 1}, {"from": "B", "to": "C", "data": 1}],
      "bandwidth": 1,
      "available": [10, 0]
    })");
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, "a.json");
    EXPECT_EQ(problem.Available(0, 0), 10.0);
    EXPECT_EQ(problem.Available(1, 0), 0.0);
    EXPECT_DOUBLE_EQ(DnnScheduler::Create("heft")->Plan(problem).Makespan(), 11.0);

    doc["available"] = 2.5;
    const DnnSchedulingProblem all = DnnInstanceReader::Read(doc, "a.json");
    EXPECT_EQ(all.Available(0, 0), 2.5);
    EXPECT_EQ(all.Available(1, 0), 2.5);

    doc["available"] = nlohmann::json::parse("[1]");
    EXPECT_TRUE(test::ThrowsInputError([&] { DnnInstanceReader::Read(doc, "a.json"); },
                                       "/available", "has 1 entries but there are 2 processors",
                                       "a.json"));
    doc["available"] = nlohmann::json::parse("[1, -2]");
    EXPECT_TRUE(test::ThrowsInputError([&] { DnnInstanceReader::Read(doc, "a.json"); },
                                       "/available/1", "must not be negative", "a.json"));
    doc["available"] = "soon";
    EXPECT_TRUE(test::ThrowsInputError([&] { DnnInstanceReader::Read(doc, "a.json"); },
                                       "/available", "must be a number or a list of 2 times",
                                       "a.json"));
}

} // namespace
