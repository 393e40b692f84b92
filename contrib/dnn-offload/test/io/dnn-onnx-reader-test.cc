/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Tests of DnnOnnxReader: the zoo's ONNX exports (test/data/onnx/, written by
 * scripts/export-onnx.py from torchvision 0.14 without weights) against the zoo's JSON files,
 * networks outside the zoo against the reference figures of test/reference/onnx-models.json,
 * the JSON export's round trip, and bad input.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-model-writer.h"
#include "ns3/dnn-onnx-reader.h"
#include "ns3/dnn-partitioner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

namespace ns3
{
namespace
{

using test::SourcePath;

/** What a task is, without its name (layer names differ between the two files). */
using TaskSignature = std::tuple<int, std::array<uint64_t, DNN_WORK_KINDS>, uint64_t, uint64_t,
                                 uint64_t, uint64_t, uint32_t>;

TaskSignature
Signature(const DnnTask& t)
{
    return {static_cast<int>(t.kind),
            t.work.flops,
            t.weightBytes,
            t.outputBytes,
            t.first,
            t.last,
            t.pieces};
}

/** A task graph as sorted task signatures and sorted (producer, consumer, bytes) edges. */
struct GraphSummary
{
    std::vector<TaskSignature> tasks;
    std::vector<std::tuple<TaskSignature, TaskSignature, uint64_t>> edges;
};

GraphSummary
Summarise(const DnnTaskGraph& graph)
{
    GraphSummary s;
    for (std::size_t v = 0; v < graph.TaskCount(); ++v)
    {
        s.tasks.push_back(Signature(graph.Task(v)));
        for (auto w : graph.Successors(v))
        {
            s.edges.emplace_back(Signature(graph.Task(v)), Signature(graph.Task(w)),
                                 graph.EdgeBytes(v, w));
        }
    }
    std::sort(s.tasks.begin(), s.tasks.end());
    std::sort(s.edges.begin(), s.edges.end());
    return s;
}

class DnnOnnxZooTest : public ::testing::TestWithParam<std::string>
{
};

// Each of the six zoo models: the ONNX export and the hand-written JSON file have the same
// parameters and conv+linear MACs (which test/reference/torchvision-models.json gives as
// torchvision's figures), and cut into the same task graphs, layer-wise and piece-wise.
TEST_P(DnnOnnxZooTest, SameFiguresAndTaskGraphsAsTheJsonModel)
{
    const DnnModel onnx =
        DnnModelReader::ReadFile(SourcePath("test/data/onnx/" + GetParam() + ".onnx"));
    const DnnModel json =
        DnnModelReader::ReadFile(SourcePath("scenarios/models/" + GetParam() + ".json"));
    EXPECT_EQ(onnx.Name(), json.Name());
    EXPECT_EQ(onnx.InputShape(), json.InputShape());
    EXPECT_EQ(onnx.InputBytes(), json.InputBytes());
    EXPECT_EQ(onnx.Params(), json.Params());
    EXPECT_EQ(onnx.ConvLinearMacs(), json.ConvLinearMacs());
    EXPECT_EQ(onnx.Flops(), json.Flops());
    EXPECT_TRUE(onnx.Work() == json.Work());

    const nlohmann::json reference =
        DnnJsonReader::ParseFile(SourcePath("test/reference/torchvision-models.json"));
    const auto& figures = reference.at("models").at(GetParam());
    EXPECT_EQ(onnx.Params(), figures.at("params").get<uint64_t>());
    EXPECT_EQ(onnx.ConvLinearMacs(), figures.at("conv_linear_macs").get<uint64_t>());

    for (const std::string mode : {"layerwise", "piecewise:3", "piecewise:4"})
    {
        SCOPED_TRACE(mode);
        const DnnPartitioner partitioner(DnnPartitionConfig::Parse(mode));
        const DnnTaskGraph fromOnnx = partitioner.Partition(onnx);
        const DnnTaskGraph fromJson = partitioner.Partition(json);
        ASSERT_EQ(fromOnnx.TaskCount(), fromJson.TaskCount());
        EXPECT_EQ(fromOnnx.TotalEdgeBytes(), fromJson.TotalEdgeBytes());
        const GraphSummary a = Summarise(fromOnnx);
        const GraphSummary b = Summarise(fromJson);
        EXPECT_TRUE(a.tasks == b.tasks) << "tasks differ (FLOPs, weights, outputs or rows)";
        EXPECT_TRUE(a.edges == b.edges) << "edges differ (producer, consumer or bytes)";
    }
}

INSTANTIATE_TEST_SUITE_P(Zoo, DnnOnnxZooTest,
                         ::testing::Values("alexnet", "vgg16", "resnet18", "resnet50", "googlenet",
                                           "mobilenet_v2"));

/** Layer by layer equality of two models (the JSON export's round trip). */
void
ExpectSameModel(const DnnModel& a, const DnnModel& b)
{
    EXPECT_EQ(a.Name(), b.Name());
    EXPECT_EQ(a.InputShape(), b.InputShape());
    EXPECT_EQ(a.InputElementBytes(), b.InputElementBytes());
    EXPECT_EQ(a.ActivationElementBytes(), b.ActivationElementBytes());
    ASSERT_EQ(a.LayerCount(), b.LayerCount());
    for (std::size_t i = 0; i < a.LayerCount(); ++i)
    {
        const DnnLayer& x = a.Layer(i);
        const DnnLayer& y = b.Layer(i);
        SCOPED_TRACE(x.name);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.type, y.type);
        EXPECT_EQ(x.inputs, y.inputs);
        EXPECT_EQ(x.outputShape, y.outputShape);
        EXPECT_EQ(x.params, y.params);
        EXPECT_EQ(x.macs, y.macs);
        EXPECT_EQ(x.flops, y.flops);
        EXPECT_EQ(x.WorkKind(), y.WorkKind());
        if (x.type == DnnLayerType::Activation)
        {
            EXPECT_EQ(x.function, y.function);
        }
    }
}

class DnnOnnxRoundTripTest : public ::testing::TestWithParam<std::string>
{
};

// The JSON export (what dnn-offload-inspect --export-json writes) reads back to the same model.
TEST_P(DnnOnnxRoundTripTest, JsonExportReadsBackToTheSameModel)
{
    const DnnModel onnx = DnnModelReader::ReadFile(SourcePath(GetParam()));
    const std::string text = DnnModelWriter::ToText(onnx, "round trip");
    const DnnModel back = DnnModelReader::ReadText(text, "export.json");
    ExpectSameModel(onnx, back);
    EXPECT_EQ(back.Params(), onnx.Params());
    EXPECT_EQ(back.Flops(), onnx.Flops());
}

INSTANTIATE_TEST_SUITE_P(
    Files, DnnOnnxRoundTripTest,
    ::testing::Values("test/data/onnx/resnet50.onnx", "test/data/onnx/googlenet.onnx",
                      "test/data/onnx/mobilenet_v2.onnx", "test/data/onnx/tiny.onnx",
                      "scenarios/models/squeezenet1_1.onnx", "scenarios/models/mnasnet1_0.onnx",
                      "scenarios/models/efficientnet_b0.onnx",
                      "scenarios/models/shufflenet_v2_x1_0.onnx",
                      "scenarios/models/mobilenet_v3_large.onnx",
                      "scenarios/models/regnet_y_400mf.onnx", "scenarios/models/densenet121.onnx",
                      "scenarios/models/vit_b_16.onnx", "test/data/onnx/tiny-vit.onnx",
                      "test/data/onnx/tiny-vit-opset16.onnx"));

class DnnOnnxOtherModelTest : public ::testing::TestWithParam<std::string>
{
};

// Networks outside the zoo: parameters against torchvision's documented count (num_params of
// its 0.14 weight metadata, https://pytorch.org/vision/0.14/models.html) and conv+linear MACs
// (for ViT-B/16 with the attention products) against the count of forward hooks on the torch
// modules (scripts/export-onnx.py; torchvision 0.14's metadata documents no FLOPs). Both in
// test/reference/onnx-models.json.
TEST_P(DnnOnnxOtherModelTest, ParamsAndMacsMatchTheReference)
{
    const DnnModel model =
        DnnModelReader::ReadFile(SourcePath("scenarios/models/" + GetParam() + ".onnx"));
    const nlohmann::json reference =
        DnnJsonReader::ParseFile(SourcePath("test/reference/onnx-models.json"));
    const auto& figures = reference.at("models").at(GetParam());
    EXPECT_EQ(model.Params(), figures.at("params_documented").get<uint64_t>());
    EXPECT_EQ(model.ConvLinearMacs(), figures.at("conv_linear_macs").get<uint64_t>());
    EXPECT_EQ(model.InputShape(), (DnnTensorShape{3, 224, 224, false}));
    // Both partitionings work on it.
    for (const std::string mode : {"layerwise", "piecewise:3"})
    {
        const DnnTaskGraph graph = DnnPartitioner(DnnPartitionConfig::Parse(mode)).Partition(model);
        EXPECT_GT(graph.TaskCount(), 2U);
    }
}

INSTANTIATE_TEST_SUITE_P(NotInTheZoo, DnnOnnxOtherModelTest,
                         ::testing::Values("squeezenet1_1", "mnasnet1_0", "efficientnet_b0",
                                           "shufflenet_v2_x1_0", "mobilenet_v3_large",
                                           "regnet_y_400mf", "densenet121", "vit_b_16"));

/** The tasks of a graph whose head layer has type \p type in \p model. */
std::vector<DnnTaskGraph::TaskId>
TasksOfType(const DnnTaskGraph& graph, const DnnModel& model, DnnLayerType type)
{
    std::vector<DnnTaskGraph::TaskId> ids;
    for (std::size_t v = 0; v < graph.TaskCount(); ++v)
    {
        const int32_t layer = model.FindLayer(graph.Task(v).layer);
        if (graph.Task(v).kind == DnnTaskKind::Compute && layer >= 0 &&
            model.Layer(layer).type == type)
        {
            ids.push_back(v);
        }
    }
    return ids;
}

// ViT-B/16 (torchvision 0.14, exported at opset 17): exactly torchvision's 86,567,656
// parameters (its documentation page) and 17,563,828,224 MACs, the hooks' count of conv,
// linear and attention products, which torchvision's page rounds to 17.56 "GFLOPS". By hand:
// patch embedding 768*196*3*256 = 115,605,504; per block (197 tokens, 768 features, 12 heads
// of 64) in_proj 197*768*2304 = 348,585,984, Q.K^T and attention.V 12*197*197*64 =
// 29,805,312 each, out_proj 197*768*768 = 116,195,328, MLP 2*197*768*3072 = 929,562,624;
// head 768*1000.
TEST(DnnOnnxReaderTest, VitB16HasTorchvisionsParamsAndMacsAndALayerWiseTaskGraph)
{
    const DnnModel vit = DnnModelReader::ReadFile(SourcePath("scenarios/models/vit_b_16.onnx"));
    EXPECT_EQ(vit.Params(), 86567656U);
    const uint64_t block = 348585984ULL + 2 * 29805312ULL + 116195328ULL + 929562624ULL;
    EXPECT_EQ(vit.ConvLinearMacs(), 115605504ULL + 12 * block + 768ULL * 1000);
    EXPECT_EQ(vit.ConvLinearMacs(), 17563828224ULL);

    std::map<std::string, int> kinds;
    for (const DnnLayer& layer : vit.Layers())
    {
        ++kinds[layer.type == DnnLayerType::Activation ? layer.function
                                                       : DnnLayerTypeName(layer.type)];
    }
    EXPECT_EQ(kinds["layer_norm"], 25);
    EXPECT_EQ(kinds["matmul"], 24);
    EXPECT_EQ(kinds["gelu"], 12);
    EXPECT_EQ(kinds["softmax"], 12);
    EXPECT_EQ(kinds["scale"], 12);
    EXPECT_EQ(kinds["linear"], 4 * 12 + 1);
    EXPECT_EQ(kinds["class_token"], 1);
    EXPECT_EQ(kinds["position_embedding"], 1);
    EXPECT_EQ(vit.LayerCount(), 333U);

    // Layer-wise: a block is 27 layers, 2 of them fused (the scaling into the transpose of Q,
    // GELU into the first MLP linear): 25 tasks. Stem and head: conv, reshape, transpose,
    // class_token (+ position_embedding), the final layer_norm, the class token's slice
    // (+ flatten), the head linear: 7. Plus source and sink: 12 * 25 + 7 + 2 = 309.
    const DnnTaskGraph graph =
        DnnPartitioner(DnnPartitionConfig::Parse("layerwise")).Partition(vit);
    graph.Validate();
    EXPECT_EQ(graph.TaskCount(), 309U);
    EXPECT_EQ(graph.TotalFlops(), vit.Flops());
    const auto matmuls = TasksOfType(graph, vit, DnnLayerType::MatMul);
    ASSERT_EQ(matmuls.size(), 24U);
    for (const auto id : matmuls)
    {
        SCOPED_TRACE(graph.Task(id).name);
        // Both operands' producers: [12, 197, 64] (Q, V) or [12, 64, 197] (K^T) or the
        // attention weights [12, 197, 197], fp32.
        const auto preds = graph.Predecessors(id);
        ASSERT_EQ(preds.size(), 2U);
        uint64_t bytes = 0;
        for (const auto p : preds)
        {
            bytes += graph.EdgeBytes(p, id);
        }
        const uint64_t qk = 2 * 12 * 197 * 64 * 4;
        const uint64_t av = 12 * 197 * 197 * 4 + 12 * 197 * 64 * 4;
        EXPECT_TRUE(bytes == qk || bytes == av) << bytes;
        EXPECT_EQ(graph.Task(id).work.Of(DnnWorkKind::Linear), 2ULL * 29805312);
    }

    // Piece-wise: token-wise layers (layer_norm, per-token linears on [1, 197, F], adds) are
    // cut into token strips; matmuls, transposes and reshapes stay whole.
    const DnnTaskGraph pieces =
        DnnPartitioner(DnnPartitionConfig::Parse("piecewise:3")).Partition(vit);
    pieces.Validate();
    EXPECT_EQ(pieces.TotalFlops(), vit.Flops());
    for (const auto id : TasksOfType(pieces, vit, DnnLayerType::MatMul))
    {
        EXPECT_EQ(pieces.Task(id).pieces, 1U);
    }
    const auto norms = TasksOfType(pieces, vit, DnnLayerType::LayerNorm);
    ASSERT_EQ(norms.size(), 3U * 25);
    for (const auto id : norms)
    {
        EXPECT_EQ(pieces.Task(id).pieces, 3U);
    }
}

// A one-block torchvision VisionTransformer (32x32 input, patches of 16: 4 patches and the
// class token, 8 features, 2 heads of 4, MLP 16, 2 classes), exported at opset 17
// (LayerNormalization) and at opset 16 (layer normalisation decomposed into ReduceMean, Sub,
// Pow, ReduceMean, Add, Sqrt, Div, Mul, Add, folded into one layer_norm): both read to the
// same layers and figures. By hand, params: patch conv 8*3*16*16+8 = 6152, class token 8,
// position embedding 5*8 = 40, three layer_norms 16 each, in_proj 8*24+24 = 216, out_proj
// 8*8+8 = 72, MLP 8*16+16 + 16*8+8 = 280, head 8*2+2 = 18: 6834 (torch's p.numel() sum).
// MACs: conv 8*2*2*768 = 24576, in_proj 5*8*24 = 960, Q.K^T and attention.V 2*5*5*4 = 200
// each, out_proj 5*8*8 = 320, MLP 2*5*8*16 = 1280, head 16: 27552.
TEST(DnnOnnxReaderTest, TinyVitDecomposedLayerNormReadsAsTheNativeOne)
{
    const DnnModel native = DnnModelReader::ReadFile(SourcePath("test/data/onnx/tiny-vit.onnx"));
    const DnnModel decomposed =
        DnnModelReader::ReadFile(SourcePath("test/data/onnx/tiny-vit-opset16.onnx"));
    EXPECT_EQ(native.Params(), 6834U);
    EXPECT_EQ(native.ConvLinearMacs(), 27552U);
    EXPECT_EQ(decomposed.Params(), native.Params());
    EXPECT_EQ(decomposed.ConvLinearMacs(), native.ConvLinearMacs());
    EXPECT_EQ(decomposed.Flops(), native.Flops());
    ASSERT_EQ(decomposed.LayerCount(), native.LayerCount());
    int norms = 0;
    for (std::size_t i = 0; i < native.LayerCount(); ++i)
    {
        EXPECT_EQ(decomposed.Layer(i).type, native.Layer(i).type) << native.Layer(i).name;
        EXPECT_EQ(decomposed.Layer(i).outputShape, native.Layer(i).outputShape);
        norms += native.Layer(i).type == DnnLayerType::LayerNorm;
    }
    EXPECT_EQ(norms, 3);
    for (const std::string mode : {"layerwise", "piecewise:2"})
    {
        SCOPED_TRACE(mode);
        const DnnPartitioner partitioner(DnnPartitionConfig::Parse(mode));
        const GraphSummary a = Summarise(partitioner.Partition(native));
        const GraphSummary b = Summarise(partitioner.Partition(decomposed));
        EXPECT_TRUE(a.tasks == b.tasks);
        EXPECT_TRUE(a.edges == b.edges);
    }
}

/** A one-block transformer in the JSON format: 3 patches of 8 features, a class token, 4
 *  tokens, 2 heads of 4, an MLP of 16, a head of 2 classes. */
const char* TOY_TRANSFORMER = R"({
  "name": "toy_transformer",
  "input": {"shape": [1, 3, 8], "element_bytes": 4},
  "layers": [
    {"name": "cls", "type": "class_token", "tokens": 1},
    {"name": "pos", "type": "position_embedding"},
    {"name": "ln1", "type": "layer_norm"},
    {"name": "qkv", "type": "linear", "out_features": 24, "per_token": true},
    {"name": "q", "type": "slice", "columns": [0, 8], "inputs": ["qkv"]},
    {"name": "k", "type": "slice", "columns": [8, 16], "inputs": ["qkv"]},
    {"name": "v", "type": "slice", "columns": [16, 24], "inputs": ["qkv"]},
    {"name": "qh", "type": "reshape", "shape": [4, 2, 4], "inputs": ["q"]},
    {"name": "qt", "type": "transpose", "perm": [1, 0, 2]},
    {"name": "qs", "type": "activation", "function": "scale"},
    {"name": "kh", "type": "reshape", "shape": [4, 2, 4], "inputs": ["k"]},
    {"name": "kt", "type": "transpose", "perm": [1, 2, 0]},
    {"name": "vh", "type": "reshape", "shape": [4, 2, 4], "inputs": ["v"]},
    {"name": "vt", "type": "transpose", "perm": [1, 0, 2]},
    {"name": "scores", "type": "matmul", "inputs": ["qs", "kt"]},
    {"name": "attn", "type": "softmax"},
    {"name": "ctx", "type": "matmul", "inputs": ["attn", "vt"]},
    {"name": "ctxt", "type": "transpose", "perm": [1, 0, 2]},
    {"name": "ctxr", "type": "reshape", "shape": [1, 4, 8]},
    {"name": "proj", "type": "linear", "out_features": 8, "per_token": true},
    {"name": "res1", "type": "add", "inputs": ["proj", "pos"]},
    {"name": "ln2", "type": "layer_norm"},
    {"name": "fc1", "type": "linear", "out_features": 16, "per_token": true},
    {"name": "gelu", "type": "activation", "function": "gelu"},
    {"name": "fc2", "type": "linear", "out_features": 8, "per_token": true},
    {"name": "res2", "type": "add", "inputs": ["fc2", "res1"]},
    {"name": "tok", "type": "slice", "rows": [0, 1]},
    {"name": "flat", "type": "flatten"},
    {"name": "head", "type": "linear", "out_features": 2}
  ]
})";

// The toy transformer's figures, by hand (4 tokens of 8 features, 2 heads of 4):
// params: class token 8, position embedding 4*8 = 32, two layer_norms 2*8 each, qkv 8*24+24 =
// 216, proj 8*8+8 = 72, fc1 8*16+16 = 144, fc2 16*8+8 = 136, head 8*2+2 = 18: 658.
// MACs: qkv 4*8*24 = 768, Q.K^T and attention.V 2*4*4*4 = 128 each, proj 4*8*8 = 256, fc1 and
// fc2 4*8*16 = 512 each, head 8*2 = 16: 2320.
// FLOPs: 2 per MAC (4640), position embedding 32, layer_norms 5*32 each (320), scale 2*4*4 =
// 32, softmax 3*2*4*4 = 96, residual adds 32 each (64), GELU 4*16 = 64: 5248.
TEST(DnnOnnxReaderTest, ToyTransformerInJsonHasHandComputedFigures)
{
    const DnnModel toy = DnnModelReader::ReadText(TOY_TRANSFORMER, "toy.json");
    EXPECT_EQ(toy.Params(), 658U);
    EXPECT_EQ(toy.ConvLinearMacs(), 2320U);
    EXPECT_EQ(toy.Flops(), 5248U);
    EXPECT_EQ(toy.Layer(toy.FindLayer("kt")).outputShape, (DnnTensorShape{2, 4, 4, false}));
    EXPECT_EQ(toy.Layer(toy.FindLayer("scores")).outputShape, (DnnTensorShape{2, 4, 4, false}));
    EXPECT_EQ(toy.Layer(toy.FindLayer("ctxr")).outputShape, (DnnTensorShape{1, 4, 8, false}));
    EXPECT_EQ(toy.Layer(toy.FindLayer("flat")).outputShape, (DnnTensorShape{8, 1, 1, true}));
    EXPECT_EQ(toy.Layer(toy.FindLayer("ln1")).params, 16U);
    EXPECT_EQ(toy.Layer(toy.FindLayer("ln1")).flops, 160U);
    EXPECT_EQ(toy.Layer(toy.FindLayer("scores")).macs, 64U * 2);

    // Layer-wise: 29 layers, pos fused into cls, qs into qt, gelu into fc1, flat into tok:
    // 25 tasks, plus source and sink.
    const DnnTaskGraph graph =
        DnnPartitioner(DnnPartitionConfig::Parse("layerwise")).Partition(toy);
    graph.Validate();
    EXPECT_EQ(graph.TaskCount(), 27U);
    const auto scores = graph.FindTask("r0/scores");
    ASSERT_GE(scores, 0);
    const auto preds = graph.Predecessors(scores);
    ASSERT_EQ(preds.size(), 2U);
    EXPECT_TRUE(graph.HasEdge(graph.FindTask("r0/qt"), scores));
    EXPECT_TRUE(graph.HasEdge(graph.FindTask("r0/kt"), scores));
    EXPECT_EQ(graph.EdgeBytes(graph.FindTask("r0/kt"), scores), 2U * 4 * 4 * 4);

    // Piece-wise in 2: token strips of 2 tokens for the token-wise layers; the res1 strip of
    // tokens 2-3 reads only proj's strip of tokens 2-3 (2 tokens of 8 fp32), whole layers
    // (reshape, matmul, transpose) read every strip of their producer.
    const DnnTaskGraph pieces =
        DnnPartitioner(DnnPartitionConfig::Parse("piecewise:2")).Partition(toy);
    pieces.Validate();
    EXPECT_EQ(pieces.TotalFlops(), toy.Flops());
    const auto res1 = pieces.FindTask("r0/res1/p1");
    const auto proj0 = pieces.FindTask("r0/proj/p0");
    const auto proj1 = pieces.FindTask("r0/proj/p1");
    ASSERT_GE(res1, 0);
    ASSERT_GE(proj1, 0);
    EXPECT_FALSE(pieces.HasEdge(proj0, res1));
    EXPECT_EQ(pieces.EdgeBytes(proj1, res1), 2U * 8 * 4);
    const auto qh = pieces.FindTask("r0/qh");
    ASSERT_GE(qh, 0);
    EXPECT_EQ(pieces.Predecessors(qh).size(), 2U);
    EXPECT_GE(pieces.FindTask("r0/scores"), 0);

    // The JSON export reads back to the same model.
    const DnnModel back = DnnModelReader::ReadText(DnnModelWriter::ToText(toy, ""), "back.json");
    ExpectSameModel(toy, back);
}

// Shapes that do not fit are input errors naming the layer.
TEST(DnnOnnxReaderTest, TransformerLayersWithWrongShapesAreInputErrors)
{
    auto fails = [](const std::string& from, const std::string& to, const std::string& message)
    {
        std::string text = TOY_TRANSFORMER;
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        try
        {
            DnnModelReader::ReadText(text, "toy.json");
        }
        catch (const DnnInputError& e)
        {
            return std::string(e.what()).find(message) != std::string::npos;
        }
        return false;
    };
    EXPECT_TRUE(fails(R"("inputs": ["qs", "kt"])", R"("inputs": ["qs", "qkv"])",
                      "matmul needs [C, M, K] and [C, K, N] inputs, got 2x4x4 and 1x4x24"));
    EXPECT_TRUE(fails(R"("shape": [4, 2, 4], "inputs": ["q"])",
                      R"("shape": [4, 2, 5], "inputs": ["q"])",
                      "the shape 4x2x5 must have as many elements as the input 1x4x8"));
    EXPECT_TRUE(fails(R"("perm": [1, 2, 0])", R"("perm": [1, 1, 0])",
                      "perm must be a permutation of 0, 1, 2"));
    EXPECT_TRUE(fails(R"("columns": [16, 24])", R"("columns": [16, 25])",
                      "the column range [16, 25) must be non-empty and within the input's 24"));
    EXPECT_TRUE(fails(R"("out_features": 16, "per_token": true)", R"("out_features": 16)",
                      "linear needs a flat input, got 1x4x8"));
}

// ShuffleNetV2 x1.0: the shape arithmetic of its chunk and channel shuffle is folded, each
// chunk becomes a slice of half the channels and each Reshape-Transpose-Reshape one
// channel_shuffle of 2 groups (torchvision 0.14: 3 + 7 + 3 = 13 units with a split input, 16
// shuffles).
TEST(DnnOnnxReaderTest, ShuffleNetSlicesAndShufflesChannels)
{
    const DnnModel m =
        DnnOnnxReader::ReadFile(SourcePath("scenarios/models/shufflenet_v2_x1_0.onnx"));
    uint64_t slices = 0;
    uint64_t shuffles = 0;
    for (const auto& layer : m.Layers())
    {
        if (layer.type == DnnLayerType::Slice)
        {
            ++slices;
            const DnnTensorShape& in = m.ProducerShape(layer.inputs.front());
            EXPECT_EQ(layer.outputShape.channels * 2, in.channels) << layer.name;
            EXPECT_EQ(layer.flops, 0U);
        }
        if (layer.type == DnnLayerType::ChannelShuffle)
        {
            ++shuffles;
            EXPECT_EQ(layer.groups, 2U);
            EXPECT_EQ(layer.outputShape, m.ProducerShape(layer.inputs.front()));
        }
    }
    EXPECT_EQ(shuffles, 16U);
    EXPECT_EQ(slices, 2 * 13U); // x1 = the first half, x2 = the second half
    // Layer-wise, a slice's task receives only its channels: half its producer's output.
    const DnnTaskGraph g = DnnPartitioner(DnnPartitionConfig::Parse("layerwise")).Partition(m);
    uint64_t checked = 0;
    for (std::size_t u = 0; u < g.TaskCount(); ++u)
    {
        for (auto v : g.Successors(u))
        {
            const int32_t index = m.FindLayer(g.Task(v).layer);
            if (index >= 0 && m.Layer(index).type == DnnLayerType::Slice)
            {
                EXPECT_EQ(g.EdgeBytes(u, v) * 2, g.Task(u).outputBytes);
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 2 * 13U);
}

// The tiny network of scripts/export-onnx.py, counted by hand. Input 3x15x15.
// conv 3->8 k3 p1, no bias: 8*3*9 = 216 params, 8*15*15 * 27 = 48600 MACs; bn: 16 params;
// SiLU (Sigmoid + Mul): one activation; SE: global pool, conv 8->4 k1 (36 params, 32 MACs),
// relu, conv 4->8 k1 (40 params, 32 MACs), sigmoid, mul [8,1,1] x [8,15,15] (1800 FLOPs);
// depthwise conv 8 groups k3 p1 with bias (80 params, 8*15*15*9 = 16200 MACs); add; maxpool
// 2 ceil: 8x8x8; flatten; linear 512->10 (5130 params, 5120 MACs).
TEST(DnnOnnxReaderTest, TinyNetworkHasHandComputedFigures)
{
    const DnnModel m = DnnOnnxReader::ReadFile(SourcePath("test/data/onnx/tiny.onnx"));
    EXPECT_EQ(m.Name(), "tiny");
    EXPECT_EQ(m.InputShape(), (DnnTensorShape{3, 15, 15, false}));
    EXPECT_EQ(m.Params(), 216U + 16 + 36 + 40 + 80 + 5130);
    EXPECT_EQ(m.ConvLinearMacs(), 48600U + 32 + 32 + 16200 + 5120);
    std::vector<std::string> kinds;
    for (const auto& layer : m.Layers())
    {
        kinds.push_back(layer.type == DnnLayerType::Activation ? layer.function
                                                               : DnnLayerTypeName(layer.type));
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"conv", "batchnorm", "silu", "adaptive_avgpool",
                                               "conv", "relu", "conv", "sigmoid", "mul", "conv",
                                               "add", "maxpool", "flatten", "linear"}));
    const DnnLayer& mul = m.Layer(8);
    EXPECT_EQ(mul.outputShape, (DnnTensorShape{8, 15, 15, false}));
    EXPECT_EQ(mul.flops, 8U * 15 * 15);
    EXPECT_EQ(m.Layer(11).outputShape, (DnnTensorShape{8, 8, 8, false}));
    // Piece-wise, a strip of the mul reads the whole [8, 1, 1] factor: 8 x 4 bytes. The
    // factor is the 1x1 conv with its sigmoid fused, one row high, so one piece.
    const DnnTaskGraph g = DnnPartitioner(DnnPartitionConfig::Parse("piecewise:3")).Partition(m);
    const auto strip = g.FindTask("r0/" + mul.name + "/p1");
    const auto factor = g.FindTask("r0/" + m.Layer(6).name);
    ASSERT_GE(strip, 0);
    ASSERT_GE(factor, 0);
    EXPECT_EQ(g.Task(factor).fused, (std::vector<std::string>{m.Layer(7).name}));
    EXPECT_EQ(g.EdgeBytes(factor, strip), 8U * 4);
}

/** The message of the DnnInputError that reading \p bytes throws ("" if none). */
std::string
ErrorOf(const std::string& bytes, const std::string& file = "bad.onnx")
{
    try
    {
        DnnOnnxReader::ReadBytes(bytes, file);
    }
    catch (const DnnInputError& e)
    {
        return e.what();
    }
    return "";
}

TEST(DnnOnnxReaderTest, UnsupportedOperatorNamesFileNodeOpAndTheSupportedOnes)
{
    const std::string file = SourcePath("test/data/onnx/unsupported-op.onnx");
    try
    {
        DnnModelReader::ReadFile(file);
        FAIL() << "no error";
    }
    catch (const DnnInputError& e)
    {
        const std::string what = e.what();
        EXPECT_EQ(e.File(), file);
        EXPECT_EQ(e.JsonPath(), "/graph/node/1");
        EXPECT_NE(what.find("node \"/lrn/LRN\" (LRN): unsupported operator LRN"), std::string::npos)
            << what;
        EXPECT_NE(what.find("supported: "), std::string::npos) << what;
        EXPECT_NE(what.find("BatchNormalization, "), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos);
    }
}

TEST(DnnOnnxReaderTest, MalformedBytesAreAnInputError)
{
    EXPECT_EQ(ErrorOf("not a protobuf at all \xff\xff\xff"),
              "bad.onnx: not an ONNX model: the protobuf does not parse");
    EXPECT_EQ(ErrorOf(""), "bad.onnx: not an ONNX model: it has no graph");
    const std::string resnet = test::ReadTextFile(SourcePath("test/data/onnx/resnet18.onnx"));
    ASSERT_GT(resnet.size(), 1000U);
    // Truncated anywhere, flipped bytes: an input error or a model, never a crash.
    for (std::size_t cut : {std::size_t{1}, std::size_t{17}, resnet.size() / 2, resnet.size() - 1})
    {
        EXPECT_NE(ErrorOf(resnet.substr(0, cut)), "") << cut;
    }
    for (std::size_t at = 0; at < resnet.size(); at += 97)
    {
        std::string bytes = resnet;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x5a);
        (void) ErrorOf(bytes);
    }
}

TEST(DnnOnnxReaderTest, FixedBatchAboveOneIsRefusedDynamicBatchReadAsOne)
{
    const std::string bytes = test::ReadTextFile(SourcePath("test/data/onnx/tiny.onnx"));
    onnx::ModelProto proto;
    ASSERT_TRUE(proto.ParseFromString(bytes));
    auto* dim = proto.mutable_graph()
                    ->mutable_input(0)
                    ->mutable_type()
                    ->mutable_tensor_type()
                    ->mutable_shape()
                    ->mutable_dim(0);
    EXPECT_EQ(dim->dim_param(), "batch"); // exported with a dynamic batch
    dim->set_dim_value(2);
    EXPECT_EQ(ErrorOf(proto.SerializeAsString(), "b2.onnx"),
              "b2.onnx: /graph/input/0: the model input \"input\" has batch 2: only batch 1 or a "
              "dynamic batch is read");
    dim->set_dim_value(1);
    EXPECT_EQ(DnnOnnxReader::ReadBytes(proto.SerializeAsString(), "b1.onnx").Params(),
              DnnOnnxReader::ReadFile(SourcePath("test/data/onnx/tiny.onnx")).Params());
}

TEST(DnnOnnxReaderTest, ClipOtherThanRelu6IsRefusedNamingTheNode)
{
    // Clip with bounds other than ReLU6's is refused with the node named.
    const std::string bytes = test::ReadTextFile(SourcePath("test/data/onnx/mobilenet_v2.onnx"));
    onnx::ModelProto proto;
    ASSERT_TRUE(proto.ParseFromString(bytes));
    for (auto& node : *proto.mutable_graph()->mutable_node())
    {
        if (node.op_type() == "Constant" && node.attribute_size() == 1 &&
            node.attribute(0).t().raw_data().size() == 4)
        {
            float six = 0;
            std::memcpy(&six, node.attribute(0).t().raw_data().data(), 4);
            if (six == 6.0f)
            {
                const float five = 5.0f;
                node.mutable_attribute(0)->mutable_t()->set_raw_data(&five, 4);
                break;
            }
        }
    }
    const std::string what = ErrorOf(proto.SerializeAsString(), "m.onnx");
    EXPECT_NE(what.find("(Clip): only Clip(0, 6) (ReLU6) and Clip(0) (ReLU) are supported"),
              std::string::npos)
        << what;
}

TEST(DnnOnnxReaderTest, SupportedOpsAreSortedAndCoverTheIssueList)
{
    const auto& ops = DnnOnnxReader::SupportedOps();
    EXPECT_TRUE(std::is_sorted(ops.begin(), ops.end()));
    for (const char* op : {"Conv",
                           "Gemm",
                           "MatMul",
                           "MaxPool",
                           "AveragePool",
                           "GlobalAveragePool",
                           "BatchNormalization",
                           "Relu",
                           "Clip",
                           "Sigmoid",
                           "Tanh",
                           "HardSwish",
                           "HardSigmoid",
                           "Mul",
                           "Add",
                           "Concat",
                           "Flatten",
                           "Reshape",
                           "Dropout",
                           "Softmax",
                           "Identity",
                           "Shape",
                           "Gather",
                           "Unsqueeze",
                           "Constant"})
    {
        EXPECT_TRUE(std::binary_search(ops.begin(), ops.end(), std::string(op))) << op;
    }
}

} // namespace
} // namespace ns3
