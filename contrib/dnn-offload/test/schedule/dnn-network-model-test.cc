/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The shared-medium planning model (Sinnen and Sousa, "Communication contention in task
 * scheduling", IEEE TPDS 16(6), 2005: transfers occupy links as tasks occupy processors),
 * on hand-derived cases: two transfers from one Wi-Fi station to two others take the sum of
 * their times, not the maximum; a station-to-station transfer keeps the cell busy for both
 * of its crossings; the two directions of a point-to-point link do not block each other;
 * the list schedulers insert a transfer into a medium's gap. Plus invariants on random
 * DAGs: every scheduler's shared-model plan is valid, also when every transfer shares one
 * bus; the evaluator's shared-model decoding is never earlier than its contention-free one;
 * and the validator catches overlapping, missing and mistimed transfers.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-workload-problem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

/** 80 Mbit/s: 10 MB/s at a planning efficiency of 1. */
constexpr double RATE = 80e6;
/** 10 MB: one second at RATE on one crossing. */
constexpr double MB10 = 10e6;

/** A device of the platforms below. */
DnnDevice
Device(const std::string& name, DnnDeviceRole role)
{
    DnnDevice device;
    device.name = name;
    device.profile = *DnnDeviceProfile::FindBuiltin("rpi4");
    device.role = role;
    return device;
}

/** An access point "ap" (device 0) and stations s1, s2, s3 (1-3) on one Wi-Fi cell of
 *  nominal rate RATE, no delay, planning efficiency 1; and a point-to-point link of the
 *  same rate and 5 ms from the access point to "cloud" (4). */
DnnPlatform
CellPlatform()
{
    DnnPlatform platform;
    platform.AddDevice(Device("ap", DnnDeviceRole::Edge));
    for (const std::string name : {"s1", "s2", "s3"})
    {
        platform.AddDevice(Device(name, DnnDeviceRole::Iot));
    }
    platform.AddDevice(Device("cloud", DnnDeviceRole::Cloud));
    DnnNetwork cell{"cell", DnnNetworkKind::Wifi, {0, 1, 2, 3}, 0, RATE, 0.0, 1.0};
    platform.AddNetwork(cell);
    platform.AddNetwork({"wan", DnnNetworkKind::P2p, {0, 4}, DnnNetwork::NONE, RATE, 0.005, 1.0});
    return platform;
}

/**
 * A problem on CellPlatform()'s devices: tasks named in \p tasks, each pinned where \p pins
 * says with an execution time of 1 s there, edges (from, to, bytes), under a model.
 */
DnnSchedulingProblem
CellProblem(const std::vector<uint32_t>& pins,
            const std::vector<std::tuple<uint32_t, uint32_t, double>>& edges, DnnNetworkModel model)
{
    const DnnPlatform platform = CellPlatform();
    std::vector<std::string> tasks;
    for (std::size_t t = 0; t < pins.size(); ++t)
    {
        tasks.push_back("t" + std::to_string(t));
    }
    std::vector<std::string> devices;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        devices.push_back(platform.Device(d).name);
    }
    DnnSchedulingProblem problem(tasks, devices);
    SetWorkloadNetwork(problem, platform);
    for (uint32_t t = 0; t < pins.size(); ++t)
    {
        for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
        {
            problem.SetCost(t, d, 1.0);
        }
        problem.Pin(t, pins[t]);
    }
    for (const auto& [from, to, bytes] : edges)
    {
        problem.AddEdge(from, to, bytes);
    }
    problem.SetNetworkModel(model);
    problem.Finalize();
    return problem;
}

/** The plan of a scheduler, checked. */
DnnSchedule
ValidPlan(const std::string& scheduler, const DnnSchedulingProblem& problem)
{
    const DnnSchedule schedule = DnnScheduler::Create(scheduler)->Plan(problem);
    const auto violations = ValidateSchedule(problem, schedule);
    EXPECT_TRUE(violations.empty()) << scheduler << ": " << violations.front();
    return schedule;
}

TEST(NetworkModelTest, ThePlatformsMediaAreACellABusAndTwoDirections)
{
    const DnnPlatform platform = CellPlatform();
    ASSERT_EQ(platform.MediumCount(), 3u);
    EXPECT_EQ(platform.MediumName(0), "cell");
    EXPECT_EQ(platform.MediumName(1), "wan/ap->cloud");
    EXPECT_EQ(platform.MediumName(2), "wan/cloud->ap");
    const auto problem = CellProblem({1, 2}, {{0, 1, MB10}}, DnnNetworkModel::Shared);
    // s1 -> s2 crosses the cell twice: 2 x 8 / RATE seconds per byte, on one medium.
    ASSERT_EQ(problem.RouteEnd(1, 2) - problem.RouteBegin(1, 2), 1);
    EXPECT_EQ(problem.RouteBegin(1, 2)->medium, 0u);
    EXPECT_DOUBLE_EQ(problem.RouteBegin(1, 2)->secondsPerUnit, 2 * 8 / RATE);
    // s1 -> cloud: the cell once, then the WAN's ap -> cloud direction.
    ASSERT_EQ(problem.RouteEnd(1, 4) - problem.RouteBegin(1, 4), 2);
    EXPECT_EQ(problem.RouteBegin(1, 4)[0].medium, 0u);
    EXPECT_EQ(problem.RouteBegin(1, 4)[1].medium, 1u);
    EXPECT_EQ(problem.RouteBegin(4, 1)[0].medium, 2u);
    EXPECT_DOUBLE_EQ(problem.Latency(1, 4), 0.005);
    // The contention-free figures are the platform's, as before media existed.
    EXPECT_DOUBLE_EQ(problem.Bandwidth(1, 2), RATE / 2 / 8);
    EXPECT_DOUBLE_EQ(problem.Bandwidth(1, 4), RATE / 8);
}

TEST(NetworkModelTest, TwoTransfersFromOneStationTakeTheSumOfTheirTimes)
{
    // t0 on s1 (0-1 s) sends 10 MB to t1 on s2 and 10 MB to t2 on s3. Station to station,
    // each crosses the cell twice: 2 s of air each. Contention-free, both arrive at 3 s;
    // on the shared cell, one at 3 s and the other at 5 s: makespan 6 s, not 4 s.
    const std::vector<std::tuple<uint32_t, uint32_t, double>> edges{{0, 1, MB10}, {0, 2, MB10}};
    const auto free = CellProblem({1, 2, 3}, edges, DnnNetworkModel::ContentionFree);
    const auto shared = CellProblem({1, 2, 3}, edges, DnnNetworkModel::Shared);
    for (const std::string name : {"heft", "cpop", "peft", "ga", "psoga", "local"})
    {
        EXPECT_DOUBLE_EQ(ValidPlan(name, free).Makespan(), 4.0) << name;
        const DnnSchedule plan = ValidPlan(name, shared);
        EXPECT_DOUBLE_EQ(plan.Makespan(), 6.0) << name;
        ASSERT_EQ(plan.Transfers().size(), 2u) << name;
        const double first = std::min(plan.Start(1), plan.Start(2));
        const double second = std::max(plan.Start(1), plan.Start(2));
        EXPECT_DOUBLE_EQ(first, 3.0) << name;
        EXPECT_DOUBLE_EQ(second, 5.0) << name;
    }
}

TEST(NetworkModelTest, AStationToStationTransferHoldsTheCellForBothCrossings)
{
    // t0 on s1 sends 10 MB to t1 on s2 (2 s of air: up, then down); t2 on s3 sends 10 MB to
    // t3 on the access point (1 s). Both are ready at 1 s; whichever goes first, the cell
    // carries 3 s of air, so the later arrival is at 4 s, not 3 s.
    const auto shared =
        CellProblem({1, 2, 3, 0}, {{0, 1, MB10}, {2, 3, MB10}}, DnnNetworkModel::Shared);
    const DnnSchedule plan = ValidPlan("heft", shared);
    EXPECT_DOUBLE_EQ(std::max(plan.Start(1), plan.Start(3)), 4.0);
    double air = 0.0;
    for (const auto& transfer : plan.Transfers())
    {
        air += transfer.finish - transfer.start;
    }
    EXPECT_DOUBLE_EQ(air, 3.0);
}

TEST(NetworkModelTest, TheTwoDirectionsOfALinkDoNotBlockEachOther)
{
    // t0 on ap sends 10 MB to t1 on cloud while t2 on cloud sends 10 MB to t3 on ap: both
    // ready at 1 s, 1 s of transmission plus 5 ms each way, concurrently.
    const auto opposite =
        CellProblem({0, 4, 4, 0}, {{0, 1, MB10}, {2, 3, MB10}}, DnnNetworkModel::Shared);
    const DnnSchedule plan = ValidPlan("heft", opposite);
    EXPECT_DOUBLE_EQ(plan.Start(1), 2.005);
    EXPECT_DOUBLE_EQ(plan.Start(3), 2.005);
    // The same direction twice: the second waits for the first.
    const auto same =
        CellProblem({0, 4, 0, 4}, {{0, 1, MB10}, {2, 3, MB10}}, DnnNetworkModel::Shared);
    const DnnSchedule serial = ValidPlan("heft", same);
    // Two tasks on the access point's one core: they finish at 1 s and 2 s, and the two
    // transfers follow each other on ap -> cloud.
    EXPECT_DOUBLE_EQ(std::max(serial.Start(1), serial.Start(3)), 3.005);
}

TEST(NetworkModelTest, TransfersOnOneCellFollowEachOther)
{
    // t0, t1, t2 run on s1's one core, 0-1, 1-2 and 2-3 s (HEFT takes them by upward rank:
    // 5, 3 and 2.5 s), and send 30, 10 and 5 MB to t3, t4 and t5 on the access point: 3, 1
    // and 0.5 s of air. The cell carries them one after the other: 1-4, 4-5 and 5-5.5 s.
    const auto problem =
        CellProblem({1, 1, 1, 0, 0, 0}, {{0, 3, 3 * MB10}, {1, 4, MB10}, {2, 5, MB10 / 2}},
                    DnnNetworkModel::Shared);
    const DnnSchedule plan = ValidPlan("heft", problem);
    ASSERT_EQ(plan.Transfers().size(), 3u);
    const double expected[3][2] = {{1.0, 4.0}, {4.0, 5.0}, {5.0, 5.5}};
    for (const auto& transfer : plan.Transfers())
    {
        EXPECT_DOUBLE_EQ(transfer.start, expected[transfer.from][0]) << transfer.from;
        EXPECT_DOUBLE_EQ(transfer.finish, expected[transfer.from][1]) << transfer.from;
    }
    // The access point runs t3 at 4-5, t4 at 5-6, t5 at 6-7.
    EXPECT_DOUBLE_EQ(plan.Makespan(), 7.0);
}

TEST(NetworkModelTest, ATransferFillsAnEarlierGapOnTheMedium)
{
    // Two processors, one medium of their own per direction (no SetRoute: Sinnen's one link
    // per direction), bandwidth 0.25 units/s, no latency. P0 has two cores: a runs 0-5 and
    // b 0-1; a sends 1 unit (4 s) to c on P1, b 0.5 units (2 s) to d on P1. HEFT places c
    // first (equal ranks, lower index): its transfer takes P0->P1 5-9 s. d's, ready at 1 s,
    // fits in the gap before: 1-3 s, so d runs at 3 s. The metaheuristics' decoding does not
    // insert: in the order a, b, c, d, d's transfer waits for c's, 9-11 s.
    DnnSchedulingProblem problem({"a", "b", "c", "d"}, {"P0", "P1"});
    problem.SetUniformLinks(0.0, 0.25);
    problem.SetCores(0, 2);
    const double w[4] = {5, 1, 1, 1};
    for (uint32_t t = 0; t < 4; ++t)
    {
        problem.SetCost(t, 0, w[t]);
        problem.SetCost(t, 1, w[t]);
        problem.Pin(t, t < 2 ? 0 : 1);
    }
    problem.AddEdge(0, 2, 1.0);
    problem.AddEdge(1, 3, 0.5);
    problem.SetNetworkModel(DnnNetworkModel::Shared);
    problem.Finalize();
    ASSERT_EQ(problem.MediumCount(), 2u);
    EXPECT_EQ(problem.MediumName(0), "P0->P1");
    const DnnSchedule plan = ValidPlan("heft", problem);
    EXPECT_DOUBLE_EQ(plan.Start(2), 9.0);
    EXPECT_DOUBLE_EQ(plan.Start(3), 3.0);
    const uint32_t assignment[4] = {0, 0, 1, 1};
    const uint32_t order[4] = {0, 1, 2, 3};
    const DnnSchedule decoded = DnnScheduleEvaluator(problem).Decode(assignment, order);
    EXPECT_DOUBLE_EQ(decoded.Start(2), 9.0);
    EXPECT_DOUBLE_EQ(decoded.Start(3), 11.0);
    EXPECT_TRUE(ValidateSchedule(problem, decoded).empty());
}

TEST(NetworkModelTest, EverySchedulerIsValidUnderTheSharedModelOnRandomDags)
{
    std::mt19937_64 rng(20050601);
    for (int i = 0; i < 120; ++i)
    {
        DnnSchedulingProblem problem = test::RandomProblem(rng);
        problem.SetNetworkModel(DnnNetworkModel::Shared);
        if (i % 2 == 1 && problem.ProcessorCount() > 1)
        {
            // Every transfer on one bus: the most contention there is.
            const uint32_t bus = problem.AddMedium("bus");
            for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
            {
                for (uint32_t q = 0; q < problem.ProcessorCount(); ++q)
                {
                    if (p != q)
                    {
                        problem.SetRoute(p, q, {{bus, 1.0 / problem.Bandwidth(p, q)}});
                    }
                }
            }
            problem.Finalize();
            ASSERT_EQ(problem.MediumCount(), 1u);
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
        }
    }
}

TEST(NetworkModelTest, SharedDecodingIsNeverEarlierThanContentionFree)
{
    // Same assignment and order: under the shared model with each pair's own medium (time
    // per unit 1 / bandwidth), a transfer starts no earlier than the producer's finish and
    // takes what the contention-free model says, so every finish is at least as late (up to
    // rounding); on a chain (one transfer at a time) the two are equal.
    std::mt19937_64 rng(16);
    for (int i = 0; i < 100; ++i)
    {
        DnnSchedulingProblem problem = test::RandomProblem(rng);
        DnnSchedulingProblem shared = problem;
        shared.SetNetworkModel(DnnNetworkModel::Shared);
        std::vector<uint32_t> assignment(problem.TaskCount());
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            assignment[t] = static_cast<uint32_t>(rng() % problem.ProcessorCount());
        }
        DnnScheduleEvaluator(problem).Repair(assignment.data());
        const auto& order = problem.TopologicalOrder();
        DnnScheduleEvaluator freeEvaluator(problem);
        DnnScheduleEvaluator sharedEvaluator(shared);
        const auto a = freeEvaluator.Evaluate(assignment.data(), order.data());
        const auto b = sharedEvaluator.Evaluate(assignment.data(), order.data());
        // data x (1 / bandwidth) and data / bandwidth may differ in the last bit.
        EXPECT_GE(b.makespan, a.makespan * (1 - 1e-12)) << "random DAG " << i;
        EXPECT_DOUBLE_EQ(b.energy, a.energy) << "random DAG " << i;
        const DnnSchedule decoded = sharedEvaluator.Decode(assignment.data(), order.data());
        EXPECT_DOUBLE_EQ(decoded.Makespan(), b.makespan);
        const auto violations = ValidateSchedule(shared, decoded);
        EXPECT_TRUE(violations.empty()) << "random DAG " << i << ": " << violations.front();
    }
    // A chain over two processors, alternating: nothing contends.
    DnnSchedulingProblem chain({"a", "b", "c"}, {"P0", "P1"});
    chain.SetUniformLinks(0.5, 2.0);
    for (uint32_t t = 0; t < 3; ++t)
    {
        chain.SetCost(t, 0, 1.0);
        chain.SetCost(t, 1, 1.0);
    }
    chain.AddEdge(0, 1, 4.0);
    chain.AddEdge(1, 2, 4.0);
    chain.Finalize();
    DnnSchedulingProblem sharedChain = chain;
    sharedChain.SetNetworkModel(DnnNetworkModel::Shared);
    const uint32_t assignment[3] = {0, 1, 0};
    const uint32_t order[3] = {0, 1, 2};
    // 1 + (0.5 + 2) + 1 + (0.5 + 2) + 1 = 8 s either way.
    EXPECT_DOUBLE_EQ(DnnScheduleEvaluator(chain).Evaluate(assignment, order).makespan, 8.0);
    EXPECT_DOUBLE_EQ(DnnScheduleEvaluator(sharedChain).Evaluate(assignment, order).makespan, 8.0);
}

TEST(NetworkModelTest, TheValidatorCatchesBadTransfers)
{
    const auto problem =
        CellProblem({1, 2, 3}, {{0, 1, MB10}, {0, 2, MB10}}, DnnNetworkModel::Shared);
    const DnnSchedule good = ValidPlan("heft", problem);
    ASSERT_EQ(good.Transfers().size(), 2u);
    auto rebuilt = [&](auto change)
    {
        DnnSchedule schedule(problem.TaskCount());
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            schedule.Place(t, good.Processor(t), good.Core(t), good.Start(t), good.Finish(t));
        }
        for (auto transfer : good.Transfers())
        {
            if (change(transfer))
            {
                schedule.AddTransfer(transfer);
            }
        }
        return ValidateSchedule(problem, schedule);
    };
    auto mentions = [](const std::vector<std::string>& violations, const std::string& what)
    {
        for (const auto& v : violations)
        {
            if (v.find(what) != std::string::npos)
            {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(rebuilt([](auto&) { return true; }).empty());
    // Both transfers at once on the cell.
    EXPECT_TRUE(mentions(rebuilt(
                             [](auto& transfer)
                             {
                                 transfer.finish -= transfer.start - 1.0;
                                 transfer.start = 1.0;
                                 return true;
                             }),
                         "overlaps"));
    // One missing.
    EXPECT_TRUE(mentions(rebuilt([](auto& transfer) { return transfer.to != 1; }), "media"));
    // One too short.
    EXPECT_TRUE(mentions(rebuilt(
                             [](auto& transfer)
                             {
                                 transfer.finish -= 0.5;
                                 return true;
                             }),
                         "instead of"));
    // Contention-free, the same placements need no transfers.
    DnnSchedulingProblem free = problem;
    free.SetNetworkModel(DnnNetworkModel::ContentionFree);
    DnnSchedule bare(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        bare.Place(t, good.Processor(t), good.Core(t), good.Start(t), good.Finish(t));
    }
    EXPECT_TRUE(ValidateSchedule(free, bare).empty());
    EXPECT_FALSE(ValidateSchedule(problem, bare).empty());
}

TEST(NetworkModelTest, NoTransferStartsBeforeItsMediumIsAvailable)
{
    // The cell is busy with an earlier window's transfers until 10 s: t0 on s1 (0-1 s)
    // sends 10 MB (1 s of air) to t1 on the access point, so t1 starts at 11 s, not 2 s,
    // for the list schedulers and the metaheuristics' decoding alike; the validator rejects
    // a transfer placed before 10 s.
    auto problem = CellProblem({1, 0}, {{0, 1, MB10}}, DnnNetworkModel::Shared);
    problem.SetMediumAvailable(0, 10.0);
    EXPECT_DOUBLE_EQ(problem.MediumAvailable(0), 10.0);
    for (const std::string name : {"heft", "peft", "ga", "psoga"})
    {
        EXPECT_DOUBLE_EQ(ValidPlan(name, problem).Start(1), 11.0) << name;
    }
    DnnSchedule early(2);
    early.Place(0, 1, 0, 0.0, 1.0);
    early.Place(1, 0, 0, 2.0, 3.0);
    early.AddTransfer({0, 1, 0, 1.0, 2.0});
    const auto violations = ValidateSchedule(problem, early);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_NE(violations[0].find("before the medium is available at 10"), std::string::npos)
        << violations[0];
    EXPECT_THROW(problem.SetMediumAvailable(problem.MediumCount(), 1.0), std::out_of_range);
    EXPECT_THROW(problem.SetMediumAvailable(0, -1.0), std::invalid_argument);
}

TEST(NetworkModelTest, RoutesRejectBadMedia)
{
    DnnSchedulingProblem problem({"a"}, {"P0", "P1"});
    const uint32_t bus = problem.AddMedium("bus");
    EXPECT_THROW(problem.SetRoute(0, 0, {{bus, 1.0}}), std::invalid_argument);
    EXPECT_THROW(problem.SetRoute(0, 1, {{bus + 1, 1.0}}), std::invalid_argument);
    EXPECT_THROW(problem.SetRoute(0, 1, {{bus, 1.0}, {bus, 2.0}}), std::invalid_argument);
    EXPECT_THROW(problem.SetRoute(0, 1, {{bus, -1.0}}), std::invalid_argument);
    DnnNetworkModel model = DnnNetworkModel::ContentionFree;
    EXPECT_TRUE(DnnParseNetworkModel("shared", model));
    EXPECT_EQ(model, DnnNetworkModel::Shared);
    EXPECT_FALSE(DnnParseNetworkModel("Shared", model));
    EXPECT_EQ(DnnNetworkModelName(DnnNetworkModel::ContentionFree), "contention-free");
}

} // namespace
