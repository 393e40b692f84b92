/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-seed-setting.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"

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

} // namespace
