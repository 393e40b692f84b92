/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of DnnInstanceReader: the canonical graphs of the papers (cost-matrix form),
 * SAGA's ProblemInstance JSON, link matrices, instance selection, and one test per kind of
 * malformed instance, each checking the file, the exact JSON path and the message.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-scheduling-problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace ns3;
using nlohmann::json;

namespace
{

/** File name passed to the reader; every error must name it. */
const std::string FILE_NAME = "i.json";

/** The canonical graphs of the papers. */
std::string
CanonicalFile()
{
    return std::string(DNN_SOURCE_DIR) + "/test/reference/canonical-graphs.json";
}

/**
 * The valid base instance (cost-matrix form): A -> B -> C on two processors, bandwidth 2.
 */
json
BaseInstance()
{
    return json::parse(R"({
      "name": "small",
      "processors": ["P0", "P1"],
      "tasks": [
        {"name": "A", "cost": [2, 4]},
        {"name": "B", "cost": [3, 1]},
        {"name": "C", "cost": [5, 5]}
      ],
      "edges": [
        {"from": "A", "to": "B", "data": 6},
        {"from": "B", "to": "C", "data": 2}
      ],
      "bandwidth": 2
    })");
}

/**
 * A valid SAGA instance: A -> B, C; nodes n0 (speed 1), n1 (speed 2), n2 (speed 4); links
 * listed once per pair (undirected), plus self-links with SAGA's null (infinite) speed, and
 * the pair n1/n2 listed in both directions with different speeds.
 */
json
SagaInstance()
{
    return json::parse(R"({
      "name": "saga-small",
      "task_graph": {
        "tasks": [
          {"name": "A", "cost": 8},
          {"name": "B", "cost": 4},
          {"name": "C", "cost": 2}
        ],
        "dependencies": [
          {"source": "A", "target": "B", "size": 6},
          {"source": "A", "target": "C", "size": 10}
        ]
      },
      "network": {
        "nodes": [
          {"name": "n0", "speed": 1},
          {"name": "n1", "speed": 2},
          {"name": "n2", "speed": 4}
        ],
        "edges": [
          {"source": "n0", "target": "n0", "speed": null},
          {"source": "n1", "target": "n1", "speed": null},
          {"source": "n2", "target": "n2", "speed": null},
          {"source": "n0", "target": "n1", "speed": 3},
          {"source": "n2", "target": "n0", "speed": 5},
          {"source": "n1", "target": "n2", "speed": 2},
          {"source": "n2", "target": "n1", "speed": 8}
        ]
      }
    })");
}

/** test::ThrowsInputError for this file's FILE_NAME by default. */
::testing::AssertionResult
ThrowsInputError(const std::function<void()>& action, const std::string& path,
                 const std::string& fragment, const std::string& file = FILE_NAME)
{
    return test::ThrowsInputError(action, path, fragment, file);
}

/** ThrowsInputError for DnnInstanceReader::Read of \p doc. */
::testing::AssertionResult
ReadFails(const json& doc, const std::string& path, const std::string& fragment)
{
    return ThrowsInputError([&] { DnnInstanceReader::Read(doc, FILE_NAME); }, path, fragment);
}

/** Index of a task, checked. */
uint32_t
Task(const DnnSchedulingProblem& problem, const std::string& name)
{
    const uint32_t t = problem.FindTask(name);
    EXPECT_NE(t, DnnSchedulingProblem::NONE) << name;
    return t;
}

/** Index of a processor, checked. */
uint32_t
Proc(const DnnSchedulingProblem& problem, const std::string& name)
{
    const uint32_t p = problem.FindProcessor(name);
    EXPECT_NE(p, DnnSchedulingProblem::NONE) << name;
    return p;
}

/** Data of the dependency from -> to, or -1 when there is none. */
double
EdgeData(const DnnSchedulingProblem& problem, uint32_t from, uint32_t to)
{
    for (auto a = problem.SuccBegin(from); a != problem.SuccEnd(from); ++a)
    {
        if (a->task == to)
        {
            return a->data;
        }
    }
    return -1;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Valid instances.
// ---------------------------------------------------------------------------------------------

TEST(DnnInstanceReaderTest, CanonicalTopcuoglu2002ByName)
{
    const DnnSchedulingProblem problem =
        DnnInstanceReader::ReadFile(CanonicalFile(), "topcuoglu-2002");
    EXPECT_EQ(problem.TaskCount(), 10u);
    EXPECT_EQ(problem.ProcessorCount(), 3u);
    EXPECT_EQ(problem.EdgeCount(), 15u);
    const uint32_t t0 = Task(problem, "T0");
    const uint32_t p0 = Proc(problem, "P0");
    const uint32_t p1 = Proc(problem, "P1");
    const uint32_t p2 = Proc(problem, "P2");
    EXPECT_DOUBLE_EQ(problem.Cost(t0, p0), 14);
    EXPECT_DOUBLE_EQ(problem.Cost(t0, p1), 16);
    EXPECT_DOUBLE_EQ(problem.Cost(t0, p2), 9);
    EXPECT_DOUBLE_EQ(problem.Cost(Task(problem, "T9"), p1), 7);
    EXPECT_DOUBLE_EQ(EdgeData(problem, t0, Task(problem, "T1")), 18);
    // Bandwidth 1, no latency: communication time = data.
    EXPECT_DOUBLE_EQ(problem.CommTime(18, p0, p1), 18);
    EXPECT_DOUBLE_EQ(problem.CommTime(18, p2, p0), 18);
    EXPECT_DOUBLE_EQ(problem.CommTime(18, p1, p1), 0);
    EXPECT_EQ(problem.TopologicalOrder().size(), 10u);
    EXPECT_EQ(problem.TopologicalOrder().front(), t0);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        EXPECT_EQ(problem.Pinned(t), DnnSchedulingProblem::NONE);
        EXPECT_DOUBLE_EQ(problem.Release(t), 0);
    }
}

TEST(DnnInstanceReaderTest, CanonicalArabnejad2014ByName)
{
    const DnnSchedulingProblem problem =
        DnnInstanceReader::ReadFile(CanonicalFile(), "arabnejad-2014");
    EXPECT_GT(problem.TaskCount(), 0u);
    EXPECT_GT(problem.ProcessorCount(), 1u);
    EXPECT_EQ(problem.TopologicalOrder().size(), problem.TaskCount());
}

TEST(DnnInstanceReaderTest, InstanceNamesListsTheCanonicalGraphs)
{
    std::ifstream in(CanonicalFile());
    const json doc = json::parse(in);
    const auto names = DnnInstanceReader::InstanceNames(doc);
    EXPECT_NE(std::find(names.begin(), names.end(), "topcuoglu-2002"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "arabnejad-2014"), names.end());
    EXPECT_EQ(DnnInstanceReader::InstanceName(doc["instances"][0]), names[0]);
    EXPECT_EQ(DnnInstanceReader::InstanceNames(BaseInstance()), std::vector<std::string>{"small"});
}

TEST(DnnInstanceReaderTest, BaseInstanceFigures)
{
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(BaseInstance(), FILE_NAME);
    EXPECT_EQ(problem.TaskCount(), 3u);
    EXPECT_EQ(problem.ProcessorCount(), 2u);
    EXPECT_EQ(problem.EdgeCount(), 2u);
    EXPECT_DOUBLE_EQ(problem.Cost(1, 1), 1);
    // data 6, bandwidth 2 -> 3.
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 0, 1), 3);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 1, 0), 3);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 1, 1), 0);
    EXPECT_EQ(problem.TopologicalOrder(), (std::vector<uint32_t>{0, 1, 2}));
}

TEST(DnnInstanceReaderTest, ReadFileOfASingleInstance)
{
    const std::string file = ::testing::TempDir() + "dnn-instance-reader-single.json";
    {
        std::ofstream out(file);
        out << BaseInstance().dump(2);
    }
    EXPECT_EQ(DnnInstanceReader::ReadFile(file).TaskCount(), 3u);
    EXPECT_EQ(DnnInstanceReader::ReadFile(file, "small").TaskCount(), 3u);
    EXPECT_TRUE(ThrowsInputError([&] { DnnInstanceReader::ReadFile(file, "large"); }, "",
                                 "holds a single instance, named \"small\", not \"large\"", file));
}

TEST(DnnInstanceReaderTest, ReadTextIsReadFileWithoutTheFile)
{
    const std::string text = test::ReadTextFile(CanonicalFile());
    const DnnSchedulingProblem fromText =
        DnnInstanceReader::ReadText(text, CanonicalFile(), "topcuoglu-2002");
    const DnnSchedulingProblem fromFile =
        DnnInstanceReader::ReadFile(CanonicalFile(), "topcuoglu-2002");
    EXPECT_EQ(fromText.TaskCount(), fromFile.TaskCount());
    EXPECT_EQ(fromText.EdgeCount(), fromFile.EdgeCount());
    EXPECT_DOUBLE_EQ(fromText.Cost(0, 2), fromFile.Cost(0, 2));
    EXPECT_EQ(DnnInstanceReader::ReadText(BaseInstance().dump(), FILE_NAME).TaskCount(), 3u);
    EXPECT_TRUE(ThrowsInputError([&] { DnnInstanceReader::ReadText(text, FILE_NAME); },
                                 "/instances", "choose one by name"));
    EXPECT_TRUE(ThrowsInputError([&] { DnnInstanceReader::ReadText("{,}", FILE_NAME); }, "",
                                 "not valid JSON"));
}

TEST(DnnInstanceReaderTest, MultiInstanceFileWithOneInstanceNeedsNoName)
{
    json doc;
    doc["instances"] = json::array({BaseInstance()});
    EXPECT_EQ(DnnInstanceReader::Read(doc, FILE_NAME).TaskCount(), 3u);
    EXPECT_EQ(DnnInstanceReader::Read(doc, FILE_NAME, "small").TaskCount(), 3u);
}

TEST(DnnInstanceReaderTest, NullCostReleaseAndPin)
{
    json doc = BaseInstance();
    doc["tasks"][0]["cost"] = json::parse("[null, 4]");
    doc["tasks"][1]["release"] = 7.5;
    doc["tasks"][2]["pinned"] = "P0";
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, FILE_NAME);
    EXPECT_EQ(problem.Cost(0, 0), DnnSchedulingProblem::INF);
    EXPECT_DOUBLE_EQ(problem.Cost(0, 1), 4);
    EXPECT_DOUBLE_EQ(problem.Release(1), 7.5);
    EXPECT_EQ(problem.Pinned(2), 0u);
    EXPECT_EQ(problem.Cost(2, 1), DnnSchedulingProblem::INF); // pinned elsewhere
}

TEST(DnnInstanceReaderTest, BandwidthMatrixAndUniformLatency)
{
    json doc = BaseInstance();
    doc["processors"] = {"P0", "P1", "P2"};
    for (auto& task : doc["tasks"])
    {
        task["cost"].push_back(1);
    }
    // Diagonal ignored (0 or null); asymmetric off-diagonal entries.
    doc["bandwidth"] = json::parse("[[0, 2, 4], [8, null, 1], [0.5, 16, 0]]");
    doc["latency"] = 0.25;
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, FILE_NAME);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 0, 1), 0.25 + 4);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 0, 2), 0.25 + 2);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 1, 0), 0.25 + 1);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 1, 2), 0.25 + 8);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 2, 0), 0.25 + 16);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 2, 1), 0.25 + 0.5);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, 2, 2), 0);
}

TEST(DnnInstanceReaderTest, LatencyMatrixAndUniformBandwidth)
{
    json doc = BaseInstance();
    doc["latency"] = json::parse("[[0, 1], [3, 0]]");
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, FILE_NAME);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 0, 1), 1 + 3);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 1, 0), 3 + 3);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 0, 0), 0);
}

TEST(DnnInstanceReaderTest, UniformLatency)
{
    json doc = BaseInstance();
    doc["latency"] = 0.5;
    doc["source"] = "hand-made";
    doc["expected"] = json::parse(R"({"heft": {"makespan": 12}})");
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, FILE_NAME);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 0, 1), 3.5);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 1, 1), 0);
}

TEST(DnnInstanceReaderTest, SagaInstanceCostOverSpeedAndSizeOverSpeed)
{
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(SagaInstance(), FILE_NAME);
    ASSERT_EQ(problem.TaskCount(), 3u);
    ASSERT_EQ(problem.ProcessorCount(), 3u);
    EXPECT_EQ(problem.EdgeCount(), 2u);
    const uint32_t a = Task(problem, "A");
    const uint32_t b = Task(problem, "B");
    const uint32_t n0 = Proc(problem, "n0");
    const uint32_t n1 = Proc(problem, "n1");
    const uint32_t n2 = Proc(problem, "n2");
    // Execution time = cost / node speed.
    EXPECT_DOUBLE_EQ(problem.Cost(a, n0), 8);
    EXPECT_DOUBLE_EQ(problem.Cost(a, n1), 4);
    EXPECT_DOUBLE_EQ(problem.Cost(a, n2), 2);
    EXPECT_DOUBLE_EQ(problem.Cost(b, n2), 1);
    EXPECT_DOUBLE_EQ(EdgeData(problem, a, b), 6);
    // Communication time = size / link speed; one listing serves both directions...
    EXPECT_DOUBLE_EQ(problem.CommTime(6, n0, n1), 2);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, n1, n0), 2);
    EXPECT_DOUBLE_EQ(problem.CommTime(10, n2, n0), 2);
    EXPECT_DOUBLE_EQ(problem.CommTime(10, n0, n2), 2);
    // ...unless both directions are listed.
    EXPECT_DOUBLE_EQ(problem.CommTime(8, n1, n2), 4);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, n2, n1), 1);
    EXPECT_DOUBLE_EQ(problem.CommTime(8, n1, n1), 0);
}

TEST(DnnInstanceReaderTest, SagaNullSpeedBetweenNodesIsFreeCommunication)
{
    json doc = SagaInstance();
    doc["network"]["edges"][3]["speed"] = nullptr; // n0 - n1
    const DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, FILE_NAME);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 0, 1), 0);
    EXPECT_DOUBLE_EQ(problem.CommTime(6, 1, 0), 0);
}

TEST(DnnInstanceReaderTest, SagaInstanceInAMultiInstanceFile)
{
    json doc;
    doc["instances"] = json::array({BaseInstance(), SagaInstance()});
    EXPECT_EQ(DnnInstanceReader::Read(doc, FILE_NAME, "saga-small").ProcessorCount(), 3u);
    EXPECT_EQ(DnnInstanceReader::Read(doc, FILE_NAME, "small").ProcessorCount(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Instance selection.
// ---------------------------------------------------------------------------------------------

TEST(DnnInstanceReaderTest, MultiInstanceFileWithoutNameFails)
{
    EXPECT_TRUE(ThrowsInputError([] { DnnInstanceReader::ReadFile(CanonicalFile()); }, "/instances",
                                 "choose one by name", CanonicalFile()));
}

TEST(DnnInstanceReaderTest, UnknownInstanceNameSuggestsAndLists)
{
    EXPECT_TRUE(ThrowsInputError(
        [] { DnnInstanceReader::ReadFile(CanonicalFile(), "topcuoglu-2020"); }, "/instances",
        "no instance is named \"topcuoglu-2020\" (did you mean \"topcuoglu-2002\"?)",
        CanonicalFile()));
    EXPECT_TRUE(ThrowsInputError([] { DnnInstanceReader::ReadFile(CanonicalFile(), "heft"); },
                                 "/instances", "available: \"topcuoglu-2002\"", CanonicalFile()));
}

TEST(DnnInstanceReaderTest, UnnamedInstanceAmongSeveralFails)
{
    json doc;
    doc["instances"] = json::array({BaseInstance(), BaseInstance()});
    doc["instances"][1].erase("name");
    EXPECT_TRUE(ReadFails(doc, "/instances/1", "each needs a name"));
}

TEST(DnnInstanceReaderTest, DuplicateInstanceNameFails)
{
    json doc;
    doc["instances"] = json::array({BaseInstance(), BaseInstance()});
    EXPECT_TRUE(ReadFails(doc, "/instances/1/name",
                          "instance name \"small\" is used twice (first at /instances/0)"));
}

TEST(DnnInstanceReaderTest, ErrorsInASelectedInstanceHaveFullPaths)
{
    json doc;
    doc["instances"] = json::array({BaseInstance()});
    doc["instances"][0]["edges"][1]["data"] = -1;
    EXPECT_TRUE(ReadFails(doc, "/instances/0/edges/1/data", "must not be negative"));
}

TEST(DnnInstanceReaderTest, NotAnInstanceFails)
{
    EXPECT_TRUE(ReadFails(json::parse(R"({"graph": {}})"), "", "is not a scheduling instance"));
    EXPECT_TRUE(ReadFails(json::parse("[1, 2]"), "", "must be an object"));
}

TEST(DnnInstanceReaderTest, MissingFileFails)
{
    const std::string file = "/nonexistent/dnn-instance.json";
    EXPECT_TRUE(ThrowsInputError([&] { DnnInstanceReader::ReadFile(file); }, "",
                                 "cannot open the file", file));
}

// ---------------------------------------------------------------------------------------------
// Malformed cost-matrix instances: one mutation of the base instance each.
// ---------------------------------------------------------------------------------------------

TEST(DnnInstanceReaderTest, EdgeNamingUnknownTaskSuggests)
{
    json doc = BaseInstance();
    doc["tasks"][1]["name"] = "Beta";
    doc["edges"][0]["to"] = "Bta";
    doc["edges"][1]["from"] = "Beta";
    EXPECT_TRUE(ReadFails(doc, "/edges/0/to", "no task is named \"Bta\" (did you mean \"Beta\"?)"));
}

TEST(DnnInstanceReaderTest, EdgeNamingUnknownTaskListsTasks)
{
    json doc = BaseInstance();
    doc["edges"][1]["from"] = "Zebra";
    EXPECT_TRUE(ReadFails(doc, "/edges/1/from", "no task is named \"Zebra\" (tasks: \"A\""));
}

TEST(DnnInstanceReaderTest, DuplicateTaskNameFails)
{
    json doc = BaseInstance();
    doc["tasks"][2]["name"] = "A";
    EXPECT_TRUE(
        ReadFails(doc, "/tasks/2/name", "task name \"A\" is used twice (first at /tasks/0)"));
}

TEST(DnnInstanceReaderTest, DuplicateProcessorNameFails)
{
    json doc = BaseInstance();
    doc["processors"] = {"P0", "P0"};
    EXPECT_TRUE(ReadFails(doc, "/processors/1",
                          "processor name \"P0\" is used twice (first at /processors/0)"));
}

TEST(DnnInstanceReaderTest, ProcessorsAreBounded)
{
    // Issue 15: a 300 KB file naming 20,000 processors took 20 GB and 80 s (a problem holds
    // link figures for every ordered pair); at most DnnRunLimits::MAX_DEVICES, 1,000.
    json doc = BaseInstance();
    const auto withProcessors = [&](std::size_t count)
    {
        doc["processors"] = json::array();
        for (std::size_t p = 0; p < count; ++p)
        {
            doc["processors"].push_back("P" + std::to_string(p));
        }
        for (auto& task : doc["tasks"])
        {
            task["cost"] = std::vector<double>(count, 1.0);
        }
    };
    withProcessors(1000);
    EXPECT_EQ(DnnInstanceReader::Read(doc, FILE_NAME).ProcessorCount(), 1000U);
    withProcessors(1001);
    EXPECT_TRUE(ReadFails(doc, "/processors",
                          "more than 1000 processors (1001): a problem holds link figures for "
                          "every ordered pair of them"));
    json saga = SagaInstance();
    saga["network"]["nodes"] = json::array();
    for (std::size_t p = 0; p < 1001; ++p)
    {
        saga["network"]["nodes"].push_back({{"name", "n" + std::to_string(p)}, {"speed", 1}});
    }
    EXPECT_TRUE(ReadFails(saga, "/network/nodes", "more than 1000 nodes (1001)"));
}

TEST(DnnInstanceReaderTest, CostListLengthMustMatchProcessors)
{
    json doc = BaseInstance();
    doc["tasks"][1]["cost"] = {3, 1, 7};
    EXPECT_TRUE(ReadFails(doc, "/tasks/1/cost", "has 3 entries but there are 2 processors"));
}

TEST(DnnInstanceReaderTest, CostMustBeAList)
{
    json doc = BaseInstance();
    doc["tasks"][1]["cost"] = 3;
    EXPECT_TRUE(ReadFails(doc, "/tasks/1/cost", "must be a list of 2 execution times"));
}

TEST(DnnInstanceReaderTest, NegativeCostFails)
{
    json doc = BaseInstance();
    doc["tasks"][0]["cost"][1] = -4;
    EXPECT_TRUE(ReadFails(doc, "/tasks/0/cost/1", "must not be negative, got -4"));
}

TEST(DnnInstanceReaderTest, FiguresBeyond1e15Fail)
{
    json doc = BaseInstance();
    doc["tasks"][0]["cost"][1] = 1e308;
    EXPECT_TRUE(ReadFails(doc, "/tasks/0/cost/1", "must be at most 1e15 in magnitude"));
    doc = BaseInstance();
    doc["edges"][0]["data"] = 2e15;
    EXPECT_TRUE(ReadFails(doc, "/edges/0/data", "must be at most 1e15 in magnitude"));
}

TEST(DnnInstanceReaderTest, TinySpeedsAndBandwidthsFail)
{
    json doc = BaseInstance();
    doc["bandwidth"] = 1e-300;
    EXPECT_TRUE(ReadFails(doc, "/bandwidth", "must be at least 1e-15"));
    json saga = SagaInstance();
    saga["network"]["nodes"][0]["speed"] = 1e-20;
    EXPECT_TRUE(ReadFails(saga, "/network/nodes/0/speed", "must be at least 1e-15"));
}

TEST(DnnInstanceReaderTest, NonNumericCostFails)
{
    json doc = BaseInstance();
    doc["tasks"][0]["cost"][1] = "4";
    EXPECT_TRUE(ReadFails(doc, "/tasks/0/cost/1", "must be a number"));
}

TEST(DnnInstanceReaderTest, NegativeDataFails)
{
    json doc = BaseInstance();
    doc["edges"][0]["data"] = -6;
    EXPECT_TRUE(ReadFails(doc, "/edges/0/data", "must not be negative, got -6"));
}

TEST(DnnInstanceReaderTest, NegativeReleaseFails)
{
    json doc = BaseInstance();
    doc["tasks"][0]["release"] = -1;
    EXPECT_TRUE(ReadFails(doc, "/tasks/0/release", "must not be negative"));
}

TEST(DnnInstanceReaderTest, ZeroBandwidthFails)
{
    json doc = BaseInstance();
    doc["bandwidth"] = 0;
    EXPECT_TRUE(ReadFails(doc, "/bandwidth", "must be positive, got 0"));
}

TEST(DnnInstanceReaderTest, NegativeBandwidthFails)
{
    json doc = BaseInstance();
    doc["bandwidth"] = -2;
    EXPECT_TRUE(ReadFails(doc, "/bandwidth", "must be positive, got -2"));
}

TEST(DnnInstanceReaderTest, ZeroBandwidthInMatrixFails)
{
    json doc = BaseInstance();
    doc["bandwidth"] = json::parse("[[0, 2], [0, 0]]");
    EXPECT_TRUE(
        ReadFails(doc, "/bandwidth/1/0", "must be positive (from \"P1\" to \"P0\"), got 0"));
}

TEST(DnnInstanceReaderTest, BandwidthMatrixOfWrongShapeFails)
{
    json doc = BaseInstance();
    doc["bandwidth"] = json::parse("[[0, 2]]");
    EXPECT_TRUE(ReadFails(doc, "/bandwidth", "must have 2 rows"));
    doc["bandwidth"] = json::parse("[[0, 2], [1]]");
    EXPECT_TRUE(ReadFails(doc, "/bandwidth/1", "must have 2 entries"));
    doc["bandwidth"] = "fast";
    EXPECT_TRUE(ReadFails(doc, "/bandwidth", "must be a number or a 2 x 2 matrix"));
}

TEST(DnnInstanceReaderTest, NegativeLatencyFails)
{
    json doc = BaseInstance();
    doc["latency"] = json::parse("[[0, -1], [1, 0]]");
    EXPECT_TRUE(ReadFails(doc, "/latency/0/1", "must not be negative (from \"P0\" to \"P1\")"));
}

TEST(DnnInstanceReaderTest, CycleFailsNamingTheTasks)
{
    json doc = BaseInstance();
    doc["edges"].push_back(json::parse(R"({"from": "C", "to": "A", "data": 1})"));
    try
    {
        DnnInstanceReader::Read(doc, FILE_NAME);
        FAIL() << "a cycle was accepted";
    }
    catch (const DnnCycleError& e)
    {
        EXPECT_EQ(e.File(), FILE_NAME);
        EXPECT_EQ(e.JsonPath(), "/edges");
        auto cycle = e.Cycle();
        std::sort(cycle.begin(), cycle.end());
        EXPECT_EQ(cycle, (std::vector<std::string>{"A", "B", "C"}));
        EXPECT_NE(std::string(e.what()).find("cycle: "), std::string::npos) << e.what();
    }
}

TEST(DnnInstanceReaderTest, UnknownKeySuggests)
{
    json doc = BaseInstance();
    doc["bandwith"] = doc["bandwidth"];
    doc.erase("bandwidth");
    EXPECT_TRUE(
        ReadFails(doc, "/bandwith", "unknown key \"bandwith\" (did you mean \"bandwidth\"?)"));
    doc = BaseInstance();
    doc["tasks"][0]["pined"] = "P0";
    EXPECT_TRUE(ReadFails(doc, "/tasks/0/pined", "did you mean \"pinned\"?"));
}

TEST(DnnInstanceReaderTest, MissingKeyFails)
{
    json doc = BaseInstance();
    doc.erase("edges");
    EXPECT_TRUE(ReadFails(doc, "", "missing key \"edges\""));
}

TEST(DnnInstanceReaderTest, TaskThatCanRunNowhereFails)
{
    json doc = BaseInstance();
    doc["tasks"][1]["cost"] = json::parse("[null, null]");
    EXPECT_TRUE(ReadFails(doc, "/tasks/1/cost", "task \"B\" can run on no processor"));
}

TEST(DnnInstanceReaderTest, PinnedWhereItCannotRunFails)
{
    json doc = BaseInstance();
    doc["tasks"][1]["cost"] = json::parse("[null, 1]");
    doc["tasks"][1]["pinned"] = "P0";
    EXPECT_TRUE(ReadFails(doc, "/tasks/1/pinned", "is pinned to \"P0\" but cannot run there"));
}

TEST(DnnInstanceReaderTest, PinnedToUnknownProcessorSuggests)
{
    json doc = BaseInstance();
    doc["tasks"][1]["pinned"] = "p1";
    EXPECT_TRUE(
        ReadFails(doc, "/tasks/1/pinned", "no processor is named \"p1\" (did you mean \"P1\"?)"));
}

TEST(DnnInstanceReaderTest, SelfLoopEdgeFails)
{
    json doc = BaseInstance();
    doc["edges"][1]["to"] = "B";
    EXPECT_TRUE(ReadFails(doc, "/edges/1", "task \"B\" cannot depend on itself"));
}

TEST(DnnInstanceReaderTest, DuplicateEdgeFails)
{
    json doc = BaseInstance();
    doc["edges"].push_back(json::parse(R"({"from": "A", "to": "B", "data": 1})"));
    EXPECT_TRUE(ReadFails(doc, "/edges/2",
                          "the dependency \"A\" -> \"B\" is listed twice (first at /edges/0)"));
}

TEST(DnnInstanceReaderTest, EmptyListsFail)
{
    json doc = BaseInstance();
    doc["processors"] = json::array();
    EXPECT_TRUE(ReadFails(doc, "/processors", "must not be empty"));
    doc = BaseInstance();
    doc["tasks"] = json::array();
    EXPECT_TRUE(ReadFails(doc, "/tasks", "must not be empty"));
}

TEST(DnnInstanceReaderTest, ExpectedMustBeAnObject)
{
    json doc = BaseInstance();
    doc["expected"] = 80;
    EXPECT_TRUE(ReadFails(doc, "/expected", "must be an object"));
}

// ---------------------------------------------------------------------------------------------
// Malformed SAGA instances.
// ---------------------------------------------------------------------------------------------

TEST(DnnInstanceReaderTest, SagaMissingLinkFailsNamingThePair)
{
    json doc = SagaInstance();
    doc["network"]["edges"].erase(4); // n2 - n0
    EXPECT_TRUE(ReadFails(doc, "/network/edges", "no link between \"n0\" and \"n2\""));
}

TEST(DnnInstanceReaderTest, SagaZeroLinkSpeedFails)
{
    json doc = SagaInstance();
    doc["network"]["edges"][3]["speed"] = 0;
    EXPECT_TRUE(ReadFails(doc, "/network/edges/3/speed", "must be positive, got 0"));
}

TEST(DnnInstanceReaderTest, SagaZeroNodeSpeedFails)
{
    json doc = SagaInstance();
    doc["network"]["nodes"][1]["speed"] = 0;
    EXPECT_TRUE(ReadFails(doc, "/network/nodes/1/speed", "must be positive, got 0"));
}

TEST(DnnInstanceReaderTest, SagaNegativeCostAndSizeFail)
{
    json doc = SagaInstance();
    doc["task_graph"]["tasks"][2]["cost"] = -2;
    EXPECT_TRUE(ReadFails(doc, "/task_graph/tasks/2/cost", "must not be negative"));
    doc = SagaInstance();
    doc["task_graph"]["dependencies"][1]["size"] = -10;
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies/1/size", "must not be negative"));
}

TEST(DnnInstanceReaderTest, SagaDuplicateLinkFails)
{
    json doc = SagaInstance();
    doc["network"]["edges"].push_back(
        json::parse(R"({"source": "n0", "target": "n1", "speed": 3})"));
    EXPECT_TRUE(ReadFails(doc, "/network/edges/7",
                          "the link from \"n0\" to \"n1\" is listed twice (first at "
                          "/network/edges/3)"));
}

TEST(DnnInstanceReaderTest, SagaUnknownNodeSuggests)
{
    json doc = SagaInstance();
    doc["network"]["edges"][3]["target"] = "n9";
    EXPECT_TRUE(ReadFails(doc, "/network/edges/3/target", "no node is named \"n9\""));
}

TEST(DnnInstanceReaderTest, SagaUnknownTaskSuggests)
{
    json doc = SagaInstance();
    doc["task_graph"]["dependencies"][0]["target"] = "Bx";
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies/0/target",
                          "no task is named \"Bx\" (did you mean \"B\"?)"));
}

TEST(DnnInstanceReaderTest, SagaUnknownKeySuggests)
{
    json doc = SagaInstance();
    doc["task_graph"]["dependencies"][0]["weight"] = 1;
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies/0/weight", "unknown key \"weight\""));
    doc = SagaInstance();
    doc["network"]["nodes"][0]["sped"] = 1;
    EXPECT_TRUE(ReadFails(doc, "/network/nodes/0/sped", "did you mean \"speed\"?"));
}

TEST(DnnInstanceReaderTest, SagaDuplicateNamesFail)
{
    json doc = SagaInstance();
    doc["task_graph"]["tasks"][1]["name"] = "A";
    EXPECT_TRUE(ReadFails(doc, "/task_graph/tasks/1/name",
                          "task name \"A\" is used twice (first at /task_graph/tasks/0)"));
    doc = SagaInstance();
    doc["network"]["nodes"][2]["name"] = "n0";
    EXPECT_TRUE(ReadFails(doc, "/network/nodes/2/name", "node name \"n0\" is used twice"));
}

TEST(DnnInstanceReaderTest, SagaSelfLoopAndDuplicateDependencyFail)
{
    json doc = SagaInstance();
    doc["task_graph"]["dependencies"][1]["target"] = "A";
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies/1", "cannot depend on itself"));
    doc = SagaInstance();
    doc["task_graph"]["dependencies"][1]["target"] = "B";
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies/1", "is listed twice"));
}

TEST(DnnInstanceReaderTest, SagaCycleFailsAtTheDependencies)
{
    json doc = SagaInstance();
    doc["task_graph"]["dependencies"].push_back(
        json::parse(R"({"source": "B", "target": "A", "size": 1})"));
    EXPECT_TRUE(ReadFails(doc, "/task_graph/dependencies", "cycle: "));
}

TEST(DnnInstanceReaderTest, SagaLinkWithoutSpeedFails)
{
    json doc = SagaInstance();
    doc["network"]["edges"][3].erase("speed");
    EXPECT_TRUE(ReadFails(doc, "/network/edges/3", "missing key \"speed\""));
}
