/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Rolling-horizon planning: windows follow the arrivals, each window is planned on the load
 * the earlier ones left, one window is the whole workload, and a rolling run completes every
 * request while holding only the requests in flight.
 */
#include "dnn-seed-setting.h"
#include "dnn-test-util.h"
#include "ns3/dnn-rolling-planner.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-simulation.h"
#include "ns3/dnn-workload-problem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace
{

using namespace ns3;

/** Requests for iot0..iot3 in turn, with the given release times. */
std::vector<DnnRequest>
Requests(const std::vector<double>& releases, const std::string& model = "alexnet")
{
    const auto loaded = test::LoadZooModel(model);
    std::vector<DnnRequest> requests;
    for (uint32_t r = 0; r < releases.size(); ++r)
    {
        requests.push_back({r, loaded, "iot" + std::to_string(r % 4), releases[r]});
    }
    return requests;
}

std::vector<std::string>
NodeNames(const DnnPlatform& platform)
{
    std::vector<std::string> names;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        names.push_back(platform.Device(d).name);
    }
    return names;
}

/** A horizon longer than every arrival makes one window: the plan of the whole workload
 *  (same makespan and planned latencies as planning it before the run). */
TEST(RollingPlannerTest, OneWindowPlansLikeTheWholeWorkload)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    const auto requests = Requests({0.0, 0.05, 0.1, 0.15});
    const DnnPartitionConfig partition = DnnPartitionConfig::Parse("piecewise:3");
    const DnnTaskGraph graph = DnnPartitioner(partition).PartitionWorkload(requests);
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule whole = DnnScheduler::Create("heft")->Plan(problem);
    double latencies = 0;
    const auto completion = whole.RequestCompletion(problem);
    for (const auto& request : requests)
    {
        latencies += completion[request.id] - request.releaseTime;
    }

    DnnRollingPlanner planner(platform, partition, requests, 10.0, DnnScheduler::Create("heft"));
    DnnRuntimePlan plan(NodeNames(platform));
    planner.Declare(plan);
    EXPECT_DOUBLE_EQ(planner.NextWindow(), 0.0);
    EXPECT_EQ(planner.PlanNext(plan).size(), 4u);
    EXPECT_TRUE(planner.Done());
    EXPECT_EQ(planner.Windows(), 1u);
    EXPECT_DOUBLE_EQ(planner.PlannedMakespan(), whole.Makespan());
    EXPECT_NEAR(planner.PlannedLatencySum(), latencies, 1e-12);
    EXPECT_EQ(plan.TaskCount(), problem.TaskCount());
}

/** Windows [kH, (k+1)H) open at the first arrival of each (empty ones are skipped), and a
 *  window's tasks never overlap the earlier windows' on a core (the seed platform's devices
 *  have one core each): every scheduler plans on the load the earlier windows left. */
TEST(RollingPlannerTest, WindowsFollowArrivalsOnTheLoadLeftBefore)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    // H = 10 ms: windows [0, 10) ms {r0, r1}, [10, 20) {r2}, [20, 30) {r3, r4}, [70, 80) {r5};
    // an AlexNet request needs some 0.1 s of compute, so the windows' work overlaps in time.
    const auto requests = Requests({0.0, 0.002, 0.01, 0.02, 0.025, 0.071});
    for (const std::string scheduler : {"heft", "cpop", "peft", "ga", "greedy", "edge"})
    {
        DnnRollingPlanner planner(platform, DnnPartitionConfig::Parse("layerwise"), requests, 0.01,
                                  DnnScheduler::Create(scheduler));
        DnnRuntimePlan plan(NodeNames(platform));
        planner.Declare(plan);
        std::vector<double> opens;
        std::vector<std::vector<uint32_t>> windows;
        while (!planner.Done())
        {
            opens.push_back(planner.NextWindow());
            windows.push_back(planner.PlanNext(plan));
        }
        ASSERT_EQ(opens.size(), 4u) << scheduler;
        EXPECT_NEAR(opens[0], 0.0, 1e-12);
        EXPECT_NEAR(opens[1], 0.01, 1e-12);
        EXPECT_NEAR(opens[2], 0.02, 1e-12);
        EXPECT_NEAR(opens[3], 0.07, 1e-12);
        EXPECT_EQ(windows[0], (std::vector<uint32_t>{0, 1}));
        EXPECT_EQ(windows[1], (std::vector<uint32_t>{2}));
        EXPECT_EQ(windows[2], (std::vector<uint32_t>{3, 4}));
        EXPECT_EQ(windows[3], (std::vector<uint32_t>{5}));
        EXPECT_EQ(planner.Windows(), 4u);
        for (uint32_t node = 0; node < plan.NodeCount(); ++node)
        {
            std::vector<std::pair<double, double>> busy;
            for (uint32_t t : plan.TasksOn(node))
            {
                const auto& task = plan.GetTask(t);
                if (task.plannedFinish > task.plannedStart)
                {
                    busy.emplace_back(task.plannedStart, task.plannedFinish);
                }
            }
            std::sort(busy.begin(), busy.end());
            for (std::size_t i = 1; i < busy.size(); ++i)
            {
                EXPECT_LE(busy[i - 1].second, busy[i].first + 1e-9)
                    << scheduler << " on " << plan.NodeName(node);
            }
        }
        for (const auto& request : plan.Requests())
        {
            EXPECT_NE(request.sink, DnnRuntimePlan::NONE);
            EXPECT_GE(plan.GetTask(request.sink).plannedStart, request.release);
        }
    }
}

/** Window k holds the releases with floor(release / H) = k, however the divisions round:
 *  every window plans at least one request, opens no later than its first release, and
 *  every request is planned once (a release on a rounded boundary once made the planner
 *  open the same empty window forever). */
TEST(RollingPlannerTest, WindowBoundariesAlwaysMakeProgress)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    for (const double horizon : {0.1, 0.2, 0.3, 0.4, 1.2})
    {
        std::vector<double> releases = {0.5, 0.6};
        for (uint32_t r = 0; r < 60; ++r)
        {
            releases.push_back(0.6 + 0.1 * r);
        }
        const auto requests = Requests(releases);
        DnnRollingPlanner planner(platform, DnnPartitionConfig::Parse("layerwise"), requests,
                                  horizon, DnnScheduler::Create("heft"));
        DnnRuntimePlan plan(NodeNames(platform));
        planner.Declare(plan);
        std::size_t planned = 0;
        for (uint32_t calls = 0; !planner.Done(); ++calls)
        {
            ASSERT_LT(calls, releases.size()) << "no progress with H = " << horizon;
            const double opens = planner.NextWindow();
            const auto ids = planner.PlanNext(plan);
            ASSERT_FALSE(ids.empty()) << "H = " << horizon;
            EXPECT_LE(opens, requests[ids.front()].releaseTime);
            EXPECT_GT(opens + horizon, requests[ids.back()].releaseTime - 1e-9);
            planned += ids.size();
        }
        EXPECT_EQ(planned, releases.size()) << "H = " << horizon;
    }
}

/** Sources and sinks take no core, so they do not make a device look busy to the next
 *  window: iot0's second request (released at 40 ms, after iot0's own part of the first
 *  request, conv1 and the first pool until 22 ms, while the rest runs on the edge until
 *  about 0.05 s and the result returns) reads its input at its release, not when the first
 *  request's result is back. */
TEST(RollingPlannerTest, SourcesAndSinksDoNotDelayTheNextWindow)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    const auto alexnet = test::LoadZooModel("alexnet");
    const std::vector<DnnRequest> requests = {{0, alexnet, "iot0", 0.0},
                                              {1, alexnet, "iot0", 0.04}};
    DnnRollingPlanner planner(platform, DnnPartitionConfig::Parse("layerwise"), requests, 0.01,
                              DnnScheduler::Create("heft"));
    DnnRuntimePlan plan(NodeNames(platform));
    planner.Declare(plan);
    planner.PlanNext(plan);
    planner.PlanNext(plan);
    ASSERT_TRUE(planner.Done());
    EXPECT_GT(plan.Requests().at(0).plannedCompletion, 0.05);
    for (uint32_t t : plan.TasksOf(1))
    {
        if (plan.GetTask(t).kind == DnnTaskKind::Source)
        {
            EXPECT_DOUBLE_EQ(plan.GetTask(t).plannedStart, 0.04);
        }
    }
}

/** \p n release times, four per second from 0 s. */
std::vector<double>
FourPerSecond(uint32_t n)
{
    std::vector<double> releases;
    for (uint32_t r = 0; r < n; ++r)
    {
        releases.push_back(0.25 * r);
    }
    return releases;
}

std::size_t
Lines(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

/** A rolling run: every request completes, each is written out once, the plan never holds
 *  more than the requests in flight, and the same seed gives byte-identical files. */
TEST(RollingPlannerTest, RollingRunCompletesEveryRequestHoldingOnlyThoseInFlight)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    const std::vector<double> releases = FourPerSecond(40);
    const auto requests = Requests(releases);
    const DnnPartitionConfig partition = DnnPartitionConfig::Parse("layerwise");
    const uint32_t perRequest = static_cast<uint32_t>(
        DnnPartitioner(partition).PartitionWorkload({requests[0]}).TaskCount());
    const auto base =
        std::filesystem::temp_directory_path() / ("dnn-rolling-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(base);
    DnnSimulationOptions options;
    options.scheduler = "heft";
    options.stopTime = 20;
    options.flowmon = false;
    DnnSimulationResult results[2];
    for (int i = 0; i < 2; ++i)
    {
        options.outputDir = (base / std::to_string(i)).string();
        DnnRollingPlanner planner(platform, partition, requests, 1.0, DnnScheduler::Create("heft"));
        results[i] = DnnSimulation::RunRolling(planner, platform, options);
        EXPECT_EQ(planner.Windows(), 10u); // four arrivals per second over 10 s
    }
    const DnnSimulationResult& result = results[0];
    ASSERT_EQ(result.completion.size(), 40u);
    for (uint32_t r = 0; r < 40; ++r)
    {
        EXPECT_GE(result.completion[r], releases[r]) << r;
        EXPECT_EQ(result.unfinished[r], "") << r;
    }
    EXPECT_GT(result.simulatedMakespan, releases.back());
    EXPECT_TRUE(result.starts.empty());
    // At most a few windows' requests at once, not all 40.
    EXPECT_GE(result.peakTasks, 4 * perRequest);
    EXPECT_LE(result.peakTasks, 12 * perRequest);
    const std::string tasks = test::ReadTextFile((base / "0" / "tasks.csv").string());
    const std::string requestsCsv = test::ReadTextFile((base / "0" / "requests.csv").string());
    EXPECT_EQ(Lines(tasks), 1 + 40 * perRequest);
    EXPECT_EQ(Lines(requestsCsv), 41u);
    std::size_t completed = 0;
    for (std::size_t at = requestsCsv.find(",completed,"); at != std::string::npos;
         at = requestsCsv.find(",completed,", at + 1))
    {
        ++completed;
    }
    EXPECT_EQ(completed, 40u);
    for (const char* file : {"tasks.csv", "transfers.csv", "requests.csv", "energy.csv"})
    {
        EXPECT_EQ(test::ReadTextFile((base / "0" / file).string()),
                  test::ReadTextFile((base / "1" / file).string()))
            << file;
    }
    EXPECT_EQ(results[0].bytesQueued, results[1].bytesQueued);
    EXPECT_EQ(Lines(test::ReadTextFile((base / "0" / "transfers.csv").string())) > 1,
              result.bytesQueued > 0);
    std::filesystem::remove_all(base);
}

/** A device failing mid-run: later windows keep off it. The edge server (where HEFT puts
 *  most layers) fails at 3.1 s: the requests planned after it complete on the others; a
 *  camera failing at 5.1 s: its requests from then on are reported failed, with the reason,
 *  and are never planned. */
TEST(RollingPlannerTest, LaterWindowsKeepOffAFailedDevice)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    const std::vector<double> releases = FourPerSecond(40);
    const auto requests = Requests(releases);
    DnnSimulationOptions options;
    options.scheduler = "heft";
    options.stopTime = 20;
    options.flowmon = false;
    DnnFault edge;
    edge.index = platform.FindDevice("edge");
    edge.at = 3.1;
    DnnFault camera;
    camera.index = platform.FindDevice("iot1");
    camera.at = 5.1;
    options.faults = {edge, camera};
    // HEFT, and the edge baseline, which would put everything on the failed edge server.
    for (const std::string scheduler : {"heft", "edge"})
    {
        DnnRollingPlanner planner(platform, DnnPartitionConfig::Parse("layerwise"), requests, 1.0,
                                  DnnScheduler::Create(scheduler));
        const DnnSimulationResult result = DnnSimulation::RunRolling(planner, platform, options);
        EXPECT_LT(planner.PlannedMakespan(), 30.0) << scheduler;
        uint32_t skipped = 0;
        for (uint32_t r = 0; r < 40; ++r)
        {
            const bool fromFailedCamera = r % 4 == 1 && releases[r] >= 5.0; // windows from 5 s
            if (releases[r] >= 4.0 && !fromFailedCamera)
            {
                // Planned after the edge server failed: off it, so they complete.
                EXPECT_GE(result.completion[r], releases[r])
                    << scheduler << " " << r << ": " << result.unfinished[r];
            }
            if (fromFailedCamera && releases[r] >= 6.0)
            {
                EXPECT_LT(result.completion[r], 0) << r;
                EXPECT_NE(
                    result.unfinished[r].find("device iot1 failed before the request's window "
                                              "was planned"),
                    std::string::npos)
                    << r << ": " << result.unfinished[r];
                ++skipped;
                EXPECT_EQ(result.unfinished[r].find("device iot1"), 0u) << result.unfinished[r];
            }
        }
        EXPECT_EQ(skipped, 4u) << scheduler; // r = 25, 29, 33, 37 (releases 6.25 .. 9.25 s)
        EXPECT_GT(result.failed, skipped) << scheduler;
    }
}

} // namespace
