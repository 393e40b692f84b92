/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The task graph: cycle rejection naming the tasks, topological order, components, edge
 * merging and the DOT / JSON exports.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-task-graph-writer.h"
#include "ns3/dnn-task-graph.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

namespace
{

DnnTaskGraph
Named(const std::vector<std::string>& names)
{
    DnnTaskGraph graph;
    for (const auto& name : names)
    {
        DnnTask task;
        task.name = name;
        graph.AddTask(task);
    }
    return graph;
}

TEST(TaskGraphTest, RejectsCycleNamingItsTasks)
{
    // a -> b -> c -> d -> b: the cycle is b, c, d; a is not on it.
    DnnTaskGraph graph = Named({"a", "b", "c", "d"});
    graph.AddEdge(0, 1, 1);
    graph.AddEdge(1, 2, 1);
    graph.AddEdge(2, 3, 1);
    graph.AddEdge(3, 1, 1);
    try
    {
        graph.Validate();
        FAIL() << "a cyclic graph was accepted";
    }
    catch (const DnnCycleError& e)
    {
        std::vector<std::string> cycle = e.Cycle();
        ASSERT_EQ(cycle.size(), 3u);
        // In data-flow order, starting anywhere on the cycle.
        std::rotate(cycle.begin(), std::find(cycle.begin(), cycle.end(), "b"), cycle.end());
        EXPECT_EQ(cycle, (std::vector<std::string>{"b", "c", "d"}));
        EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos);
    }
}

TEST(TaskGraphTest, RejectsSelfLoop)
{
    DnnTaskGraph graph = Named({"a"});
    EXPECT_THROW(graph.AddEdge(0, 0, 1), DnnCycleError);
}

TEST(TaskGraphTest, TopologicalOrderRespectsEveryEdge)
{
    // Edges added against id order: d -> c -> b -> a, d -> a.
    DnnTaskGraph graph = Named({"a", "b", "c", "d"});
    graph.AddEdge(3, 2, 1);
    graph.AddEdge(2, 1, 1);
    graph.AddEdge(1, 0, 1);
    graph.AddEdge(3, 0, 1);
    const auto order = graph.TopologicalOrder();
    EXPECT_EQ(order, (std::vector<DnnTaskGraph::TaskId>{3, 2, 1, 0}));
}

TEST(TaskGraphTest, RepeatedEdgeKeepsTheLargerByteCount)
{
    DnnTaskGraph graph = Named({"a", "b"});
    graph.AddEdge(0, 1, 100);
    graph.AddEdge(0, 1, 40);
    EXPECT_EQ(graph.EdgeCount(), 1u);
    EXPECT_EQ(graph.EdgeBytes(0, 1), 100u);
    graph.AddEdge(0, 1, 300);
    EXPECT_EQ(graph.EdgeBytes(0, 1), 300u);
}

TEST(TaskGraphTest, WeakComponentsAndAppend)
{
    DnnTaskGraph graph = Named({"a", "b", "c"});
    graph.AddEdge(0, 1, 1);
    EXPECT_EQ(graph.WeakComponentCount(), 2u); // {a, b}, {c}
    DnnTaskGraph other = Named({"x", "y"});
    other.AddEdge(1, 0, 7);
    EXPECT_EQ(graph.Append(other), 3u);
    EXPECT_EQ(graph.TaskCount(), 5u);
    EXPECT_EQ(graph.EdgeBytes(4, 3), 7u);
    EXPECT_EQ(graph.WeakComponentCount(), 3u);
}

TEST(TaskGraphTest, ExportsDotAndJson)
{
    const auto model = test::LoadZooModel("alexnet");
    const DnnTaskGraph graph = DnnPartitioner().Partition(*model, 4, "cam", 0.25);
    std::ostringstream dot;
    DnnTaskGraphWriter::WriteDot(graph, dot);
    const std::string text = dot.str();
    EXPECT_EQ(text.rfind("digraph", 0), 0u);
    // One node line per task and one edge line per edge.
    std::size_t nodes = 0;
    std::size_t arrows = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
    {
        nodes += line.find("[label=") != std::string::npos && line.find("->") == std::string::npos;
        arrows += line.find("->") != std::string::npos;
    }
    EXPECT_EQ(nodes, graph.TaskCount());
    EXPECT_EQ(arrows, graph.EdgeCount());

    const nlohmann::json doc = DnnTaskGraphWriter::ToJson(graph);
    ASSERT_EQ(doc["tasks"].size(), 14u);
    ASSERT_EQ(doc["edges"].size(), 13u);
    EXPECT_EQ(doc["tasks"][0]["name"], "r4/input");
    EXPECT_EQ(doc["tasks"][0]["kind"], "source");
    EXPECT_EQ(doc["tasks"][0]["pinned"], "cam");
    EXPECT_TRUE(doc["tasks"][1]["pinned"].is_null());
    EXPECT_EQ(doc["tasks"][1]["release"], 0.25);
    EXPECT_EQ(doc["edges"][0]["from"], "r4/input");
    EXPECT_EQ(doc["edges"][0]["to"], "r4/features.0");
    EXPECT_EQ(doc["edges"][0]["bytes"], 3 * 224 * 224);
    uint64_t flops = 0;
    for (const auto& task : doc["tasks"])
    {
        flops += task["flops"].get<uint64_t>();
    }
    EXPECT_EQ(flops, model->Flops());
}

} // namespace
