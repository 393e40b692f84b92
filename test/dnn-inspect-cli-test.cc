/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System tests of the dnn-offload-inspect command-line tool: run the built program, check its
 * exit status, its stdout (table and JSON), its stderr on bad input, and the files it writes.
 */

#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace
{

namespace fs = std::filesystem;
using ns3::test::Contains;
using ns3::test::ReadText;
using ns3::test::RunResult;
using ns3::test::ShellQuote;

class DnnInspectCliTest : public ns3::test::DnnCliTest
{
  protected:
    DnnInspectCliTest() : DnnCliTest("dnn-offload-inspect") {}

    /** A small model with a misspelt key ("kernal") in its first layer. */
    fs::path WriteBadModel() const
    {
        return WriteFile("bad-model.json", R"({
  "name": "bad",
  "input": {"shape": [3, 8, 8]},
  "layers": [
    {"name": "conv1", "type": "conv", "out_channels": 4, "kernal": 3},
    {"name": "flat", "type": "flatten"},
    {"name": "fc", "type": "linear", "out_features": 10}
  ]
}
)");
    }
};

const std::string ALEXNET = "--model=scenarios/models/alexnet.json";

} // namespace

TEST_F(DnnInspectCliTest, AlexNetJsonWithPiecewisePartition)
{
    const RunResult r = Run(ALEXNET + " --format=json --partition=piecewise:3");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json doc = nlohmann::json::parse(r.out);

    // Published torchvision 0.14 figures (test/reference/torchvision-models.json).
    EXPECT_EQ(doc.at("model"), "alexnet");
    EXPECT_EQ(doc.at("params").get<uint64_t>(), 61100840U);
    EXPECT_EQ(doc.at("conv_linear_macs").get<uint64_t>(), 714188480U);

    const auto& layers = doc.at("layers");
    ASSERT_EQ(layers.size(), 22U);
    const auto& first = layers.at(0);
    EXPECT_EQ(first.at("name"), "features.0");
    EXPECT_EQ(first.at("type"), "conv");
    // features.0: conv 3 -> 64 channels, kernel 11, stride 4, padding 2 on 224x224:
    // out = (224 + 2*2 - 11) / 4 + 1 = 217 / 4 + 1 = 54 + 1 = 55, so [64, 55, 55];
    // MACs = out_C*out_H*out_W * in_C*kh*kw = 64*55*55 * 3*11*11 = 193600 * 363 = 70276800.
    EXPECT_EQ(first.at("output_shape").get<std::vector<uint64_t>>(),
              (std::vector<uint64_t>{64, 55, 55}));
    EXPECT_EQ(first.at("macs").get<uint64_t>(), 70276800U);
    EXPECT_EQ(first.at("flops").get<uint64_t>(), 2U * 70276800U);

    // Fusing relu/dropout/flatten into their producers leaves 12 layer groups:
    // features.0, .2, .3, .5, .6, .8, .10, .12, avgpool, classifier.1, .4, .6.
    // Piece-wise with K = 3 cuts each into 3 (every spatial group has at least 6 output rows,
    // every linear group at least 1000 neurons, so none has fewer than 3 units):
    // 12 * 3 = 36 compute tasks + 1 source + 1 sink = 38 tasks.
    const auto& partition = doc.at("partition");
    EXPECT_EQ(partition.at("mode"), "piecewise");
    EXPECT_EQ(partition.at("pieces").get<uint32_t>(), 3U);
    EXPECT_EQ(partition.at("tasks").get<uint64_t>(), 38U);
}

// An ONNX model is inspected like a JSON one, and --export-json writes the JSON model that
// reads back to the same figures (the zoo's ResNet-18: torchvision 0.14's 11,689,512
// parameters and 1,814,073,344 MACs, test/reference/torchvision-models.json).
TEST_F(DnnInspectCliTest, OnnxModelExportsAJsonModelThatReadsBack)
{
    const fs::path out = m_dir / "resnet18.json";
    RunResult r = Run("--model=test/data/onnx/resnet18.onnx --format=json --export-json=" +
                      ShellQuote(out.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json fromOnnx = nlohmann::json::parse(r.out);
    EXPECT_EQ(fromOnnx.at("params").get<uint64_t>(), 11689512U);
    EXPECT_EQ(fromOnnx.at("conv_linear_macs").get<uint64_t>(), 1814073344U);
    r = Run("--model=" + ShellQuote(out.string()) + " --format=json");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json fromJson = nlohmann::json::parse(r.out);
    EXPECT_EQ(fromJson.at("layers"), fromOnnx.at("layers"));
    EXPECT_EQ(fromJson.at("flops"), fromOnnx.at("flops"));
}

TEST_F(DnnInspectCliTest, UnsupportedOnnxOperatorExitsTwoNamingNodeAndOp)
{
    const RunResult r = Run("--model=test/data/onnx/unsupported-op.onnx");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "test/data/onnx/unsupported-op.onnx: /graph/node/1: node "
                                "\"/lrn/LRN\" (LRN): unsupported operator LRN (supported: "))
        << r.err;
    const fs::path bad = WriteFile("bad.onnx", "\x0a\x05garbage");
    const RunResult m = Run("--model=" + ShellQuote(bad.string()));
    EXPECT_EQ(m.status, 2);
    EXPECT_TRUE(Contains(m.err, "bad.onnx: not an ONNX model")) << m.err;
}

TEST_F(DnnInspectCliTest, AlexNetTable)
{
    const RunResult r = Run(ALEXNET);
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    bool header = false;
    std::string total;
    while (std::getline(lines, line))
    {
        if (line.rfind("layer", 0) == 0 && Contains(line, "type") && Contains(line, "output") &&
            Contains(line, "params") && Contains(line, "MFLOPs"))
        {
            header = true;
        }
        if (line.rfind("total:", 0) == 0)
        {
            total = line;
        }
    }
    EXPECT_TRUE(header) << r.out;
    EXPECT_TRUE(Contains(total, "61100840")) << "total line: \"" << total << "\"";
    EXPECT_TRUE(Contains(r.out, "features.0")) << r.out;
}

TEST_F(DnnInspectCliTest, BadModelFileExitsTwoNamingFileAndPath)
{
    const fs::path bad = WriteBadModel();
    const RunResult r = Run("--model=" + ShellQuote(bad.string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, bad.string())) << r.err;
    EXPECT_TRUE(Contains(r.err, "/layers/0/kernal")) << r.err;
    EXPECT_TRUE(Contains(r.err, "did you mean \"kernel\"")) << r.err;
}

// The fuzzers' finding at the tool: a number beyond a double aborted the tool
// (nlohmann::json's out_of_range escaped the reader).
TEST_F(DnnInspectCliTest, NumberBeyondADoubleExitsTwo)
{
    const fs::path bad = WriteFile("huge-number.json", R"({"name": "x", "input": {"shape":
        [3, 1e400, 8]}, "layers": [{"name": "r", "type": "relu"}]})");
    const RunResult r = Run("--model=" + ShellQuote(bad.string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "/input/shape/1: not valid JSON: the number 1e400 is out of range"))
        << r.err;
}

TEST_F(DnnInspectCliTest, MissingModelExitsTwo)
{
    const RunResult r = Run("--format=json");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "--model")) << r.err;
}

TEST_F(DnnInspectCliTest, ZeroPiecesExitsTwo)
{
    const RunResult r = Run(ALEXNET + " --partition=piecewise:0");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "piecewise:0")) << r.err;
}

TEST_F(DnnInspectCliTest, UnknownPartitionExitsTwo)
{
    const RunResult r = Run(ALEXNET + " --partition=bogus");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "bogus")) << r.err;
}

TEST_F(DnnInspectCliTest, WritesDotAndGraphJson)
{
    const fs::path dot = m_dir / "alexnet.dot";
    const fs::path graph = m_dir / "alexnet-graph.json";
    const RunResult r = Run(ALEXNET + " --partition=layerwise --dot=" + ShellQuote(dot.string()) +
                            " --graph-json=" + ShellQuote(graph.string()));
    ASSERT_EQ(r.status, 0) << r.err;

    const std::string dotText = ReadText(dot);
    EXPECT_EQ(dotText.rfind("digraph", 0), 0U) << dotText.substr(0, 80);
    EXPECT_FALSE(fs::exists(dot.string() + ".tmp"));
    EXPECT_FALSE(fs::exists(graph.string() + ".tmp"));

    // Layer-wise AlexNet is a chain: source -> 12 fused layer groups -> sink,
    // so 14 tasks and 13 edges.
    const nlohmann::json doc = nlohmann::json::parse(ReadText(graph));
    const auto& tasks = doc.at("tasks");
    const auto& edges = doc.at("edges");
    ASSERT_EQ(tasks.size(), 14U);
    ASSERT_EQ(edges.size(), 13U);
    std::map<std::string, int> outDegree;
    std::map<std::string, int> inDegree;
    for (const auto& e : edges)
    {
        ++outDegree[e.at("from").get<std::string>()];
        ++inDegree[e.at("to").get<std::string>()];
    }
    int sources = 0;
    int sinks = 0;
    for (const auto& t : tasks)
    {
        const std::string name = t.at("name");
        const std::string kind = t.at("kind");
        sources += kind == "source";
        sinks += kind == "sink";
        EXPECT_EQ(inDegree[name], kind == "source" ? 0 : 1) << name;
        EXPECT_EQ(outDegree[name], kind == "sink" ? 0 : 1) << name;
    }
    EXPECT_EQ(sources, 1);
    EXPECT_EQ(sinks, 1);

    // The first edge carries the raw image: 3*224*224 elements * 1 byte = 150528 bytes.
    bool found = false;
    for (const auto& e : edges)
    {
        if (e.at("from") == "r0/input")
        {
            found = true;
            EXPECT_EQ(e.at("to"), "r0/features.0");
            EXPECT_EQ(e.at("bytes").get<uint64_t>(), 150528U);
        }
    }
    EXPECT_TRUE(found) << edges.dump();
}

TEST_F(DnnInspectCliTest, BadModelWritesNoDot)
{
    const fs::path bad = WriteBadModel();
    const fs::path dot = m_dir / "out.dot";
    const RunResult r =
        Run("--model=" + ShellQuote(bad.string()) + " --dot=" + ShellQuote(dot.string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_FALSE(fs::exists(dot));
    EXPECT_FALSE(fs::exists(dot.string() + ".tmp"));
}

// --model=, names no file at all: a usage error (status 2), not a crash.
TEST_F(DnnInspectCliTest, ModelListOfOnlyCommasExitsTwo)
{
    const RunResult r = Run("--model=,");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "--model")) << r.err;
}

// An unknown option is bad input like any other: status 2 and a did-you-mean (ns-3's own
// CommandLine would print its help and exit 1).
TEST_F(DnnInspectCliTest, UnknownOptionExitsTwoWithSuggestion)
{
    const RunResult r = Run("--model=scenarios/models/alexnet.json --partiton=layerwise");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "--partiton")) << r.err;
    EXPECT_TRUE(Contains(r.err, "did you mean --partition")) << r.err;
}

// When one of two output files cannot be written, neither is left behind.
TEST_F(DnnInspectCliTest, UnwritableOutputLeavesNoOtherOutput)
{
    const fs::path dot = m_dir / "out.dot";
    const fs::path json = m_dir / "no-such-dir" / "g.json";
    const RunResult r =
        Run("--model=scenarios/models/alexnet.json --dot=" + ShellQuote(dot.string()) +
            " --graph-json=" + ShellQuote(json.string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, json.string())) << r.err;
    EXPECT_FALSE(fs::exists(dot));
    EXPECT_FALSE(fs::exists(dot.string() + ".tmp"));
    EXPECT_TRUE(r.out.empty()) << r.out;
}

// An earlier graph file is replaced; the input model, a link and a device never are.
TEST_F(DnnInspectCliTest, ReplacesAnEarlierGraphButNeverTheModelALinkOrADevice)
{
    const fs::path graph = WriteFile("graph.json", "old");
    RunResult r = Run(ALEXNET + " --graph-json=" + ShellQuote(graph.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(ReadText(graph), "old");
    EXPECT_FALSE(fs::exists(graph.string() + ".tmp"));

    // The model, named through a link to its folder: refused, the model unchanged.
    const fs::path model = fs::path(DNN_SOURCE_DIR) / "scenarios" / "models" / "alexnet.json";
    const std::string before = ReadText(model);
    fs::create_directory_symlink(model.parent_path(), m_dir / "models");
    r = Run(ALEXNET + " --dot=" + ShellQuote((m_dir / "models" / "alexnet.json").string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "is the input scenarios/models/alexnet.json")) << r.err;
    EXPECT_EQ(ReadText(model), before);

    // A link to a file of the user's: refused, the link and its target unchanged.
    const fs::path mine = WriteFile("mine.txt", "mine");
    fs::create_symlink("mine.txt", m_dir / "link.dot");
    r = Run(ALEXNET + " --dot=" + ShellQuote((m_dir / "link.dot").string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "link.dot is a symbolic link")) << r.err;
    EXPECT_TRUE(fs::is_symlink(m_dir / "link.dot"));
    EXPECT_EQ(ReadText(mine), "mine");

    // A link to /dev/null and /dev/null itself: refused, /dev/null still a device.
    fs::create_symlink("/dev/null", m_dir / "null.dot");
    r = Run(ALEXNET + " --graph-json=" + ShellQuote((m_dir / "null.dot").string()));
    EXPECT_EQ(r.status, 2) << r.err;
    r = Run(ALEXNET + " --graph-json=/dev/null");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "/dev/null exists and is not a regular file")) << r.err;
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(DnnInspectCliTest, ControlCharactersInNamesAreEscapedInTheTable)
{
    // Issue 15: a model name with a terminal escape sequence, a layer name with a newline.
    const fs::path model = WriteFile("evil.json", R"({"name": "evil\u001b[2Jname",
      "input": {"shape": [3, 8, 8]},
      "layers": [{"name": "c\nonv", "type": "conv", "out_channels": 4, "kernel": 3}]})");
    const RunResult r = Run("--model=" + ShellQuote(model.string()));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_TRUE(Contains(r.out, "model evil\\x1b[2Jname: input 3x8x8")) << r.out;
    EXPECT_TRUE(Contains(r.out, "\nc\\nonv ")) << r.out;
}
