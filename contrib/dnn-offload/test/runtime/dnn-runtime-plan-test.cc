/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-seed-setting.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-workload-problem.h"

#include <gtest/gtest.h>

#include <set>

namespace
{

using namespace ns3;

/** The plan ships each output once per other node hosting a successor, with
 *  min(output bytes, bytes those successors read); inputs count every predecessor. */
TEST(RuntimePlanTest, ShipsEachOutputOncePerDestinationNode)
{
    const DnnTaskGraph graph = test::SeedWorkload(3, "piecewise:3");
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, test::SeedPlatform(3, 3));
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    const DnnRuntimePlan plan(graph, problem, schedule);
    ASSERT_EQ(plan.TaskCount(), graph.TaskCount());
    ASSERT_EQ(plan.Requests().size(), 3u);
    uint64_t shipped = 0;
    for (uint32_t t = 0; t < plan.TaskCount(); ++t)
    {
        const auto& task = plan.GetTask(t);
        EXPECT_EQ(task.node, schedule.Processor(t));
        EXPECT_EQ(task.inputs, graph.Predecessors(t).size());
        std::set<uint32_t> destinations;
        for (const auto& shipment : task.shipments)
        {
            EXPECT_NE(shipment.node, task.node) << task.name;
            EXPECT_TRUE(destinations.insert(shipment.node).second) << task.name;
            uint64_t needed = 0;
            for (auto s : graph.Successors(t))
            {
                needed += schedule.Processor(s) == shipment.node ? graph.EdgeBytes(t, s) : 0;
            }
            EXPECT_GT(needed, 0u) << task.name;
            EXPECT_EQ(shipment.bytes, std::min(needed, graph.Task(t).outputBytes)) << task.name;
            shipped += shipment.bytes;
        }
        for (auto s : graph.Successors(t))
        {
            if (schedule.Processor(s) != task.node)
            {
                EXPECT_EQ(destinations.count(schedule.Processor(s)), 1u) << task.name;
            }
        }
    }
    EXPECT_EQ(plan.PlannedNetworkBytes(), shipped);
    for (const auto& request : plan.Requests())
    {
        EXPECT_EQ(plan.GetTask(request.sink).kind, DnnTaskKind::Sink);
        EXPECT_EQ(plan.NodeName(request.home), "iot" + std::to_string(request.id));
        EXPECT_DOUBLE_EQ(request.plannedCompletion, schedule.Finish(request.sink));
    }
    EXPECT_DOUBLE_EQ(plan.PlannedMakespan(), schedule.Makespan());
}

/** A plan filled window by window: each batch's ids follow the previous one's, its successors
 *  point inside it, requests get their sinks as their batch arrives, and retiring a request
 *  drops exactly its tasks (everywhere), keeps the request, and keeps the planned totals. */
TEST(RuntimePlanTest, AppendsBatchesAndRetiresFinishedRequests)
{
    const DnnPlatform platform = test::SeedPlatform(4, 2);
    const auto alexnet = test::LoadZooModel("alexnet");
    const DnnPartitioner partitioner(DnnPartitionConfig::Parse("layerwise"));
    const DnnTaskGraph first =
        partitioner.PartitionWorkload({{0, alexnet, "iot0", 0.0}, {1, alexnet, "iot1", 0.0}});
    const DnnTaskGraph second =
        partitioner.PartitionWorkload({{2, alexnet, "iot2", 1.0}, {3, alexnet, "iot3", 1.0}});
    const DnnSchedulingProblem p1 = BuildWorkloadProblem(first, platform);
    const DnnSchedulingProblem p2 = BuildWorkloadProblem(second, platform);
    const DnnSchedule s1 = DnnScheduler::Create("heft")->Plan(p1);
    const DnnSchedule s2 = DnnScheduler::Create("heft")->Plan(p2);

    std::vector<std::string> names;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        names.push_back(platform.Device(d).name);
    }
    DnnRuntimePlan plan(names);
    for (uint32_t r = 0; r < 4; ++r)
    {
        plan.DeclareRequest({r, "alexnet", r, r < 2 ? 0.0 : 1.0});
    }
    EXPECT_EQ(plan.Requests().at(3).sink, DnnRuntimePlan::NONE);
    const uint32_t n1 = p1.TaskCount();
    EXPECT_EQ(plan.Append(first, p1, s1), 0u);
    EXPECT_EQ(plan.Append(second, p2, s2), n1);
    ASSERT_EQ(plan.TaskCount(), n1 + p2.TaskCount());
    const uint64_t bytes = plan.PlannedNetworkBytes();
    EXPECT_DOUBLE_EQ(plan.PlannedMakespan(), std::max(s1.Makespan(), s2.Makespan()));
    for (uint32_t t = n1; t < plan.TaskCount(); ++t)
    {
        const auto& task = plan.GetTask(t);
        EXPECT_GE(task.request, 2u) << task.name;
        EXPECT_EQ(task.layer, second.Task(t - n1).layer);
        for (uint32_t s : task.successors)
        {
            EXPECT_GE(s, n1) << task.name;
            EXPECT_EQ(plan.GetTask(s).request, task.request) << task.name;
        }
    }
    EXPECT_EQ(plan.GetTask(plan.Requests().at(3).sink).name, "r3/output");
    EXPECT_DOUBLE_EQ(plan.Requests().at(3).plannedCompletion, s2.Finish(p2.FindTask("r3/output")));

    const std::vector<uint32_t> gone = plan.TasksOf(2);
    ASSERT_FALSE(gone.empty());
    plan.Retire(2);
    for (uint32_t t : gone)
    {
        EXPECT_FALSE(plan.HasTask(t));
        EXPECT_THROW(plan.GetTask(t), std::out_of_range);
    }
    std::size_t hosted = 0;
    for (uint32_t node = 0; node < plan.NodeCount(); ++node)
    {
        for (uint32_t t : plan.TasksOn(node))
        {
            EXPECT_NE(plan.GetTask(t).request, 2u);
            ++hosted;
        }
    }
    EXPECT_EQ(hosted, plan.TaskCount() - gone.size());
    EXPECT_TRUE(plan.TasksOf(2).empty());
    EXPECT_TRUE(plan.Requests().at(2).retired);
    EXPECT_EQ(plan.PlannedNetworkBytes(), bytes);
    EXPECT_TRUE(plan.HasTask(plan.Requests().at(3).sink));
}

} // namespace
