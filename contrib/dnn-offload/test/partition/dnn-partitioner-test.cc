/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Layer-wise and piece-wise partitioning: work conservation, receptive-field halos derived
 * by hand, edge byte counts, residual and inception dependencies, multi-request workloads.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-partitioner.h"

#include <gtest/gtest.h>

#include <map>

using namespace ns3;

namespace
{

const std::vector<std::string> ZOO = {"alexnet",  "vgg16",     "resnet18",
                                      "resnet50", "googlenet", "mobilenet_v2"};

/** Id of a task by name, failing the test when absent. */
DnnTaskGraph::TaskId
Id(const DnnTaskGraph& graph, const std::string& name)
{
    const int64_t id = graph.FindTask(name);
    EXPECT_GE(id, 0) << "no task " << name;
    return static_cast<DnnTaskGraph::TaskId>(std::max<int64_t>(id, 0));
}

/** A model from an inline layer list, input [channels, rows, width], 1 byte per input. */
DnnModel
InlineModel(uint64_t channels, uint64_t rows, uint64_t width, const nlohmann::json& layers)
{
    return DnnModelReader::Read(
        {{"name", "inline"}, {"input", {{"shape", {channels, rows, width}}}}, {"layers", layers}},
        "inline.json");
}

TEST(PartitionerTest, WorkIsConservedForEveryModelAndPieceCount)
{
    for (const auto& name : ZOO)
    {
        const auto model = test::LoadZooModel(name);
        const auto groups = DnnPartitioner::FuseLayers(*model);
        for (uint32_t k : {1u, 2u, 3u, 4u, 7u})
        {
            const DnnTaskGraph graph =
                DnnPartitioner({DnnPartitionMode::PieceWise, k, 0}).Partition(*model);
            // Sum the pieces of each head layer and compare with its fused group.
            std::map<std::string, uint64_t> flopsByLayer;
            std::map<std::string, uint64_t> weightsByLayer;
            std::map<std::string, uint32_t> piecesByLayer;
            for (std::size_t v = 0; v < graph.TaskCount(); ++v)
            {
                const DnnTask& t = graph.Task(v);
                if (t.kind == DnnTaskKind::Compute)
                {
                    flopsByLayer[t.layer] += t.work.Total();
                    weightsByLayer[t.layer] += t.weightBytes;
                    ++piecesByLayer[t.layer];
                }
            }
            ASSERT_EQ(flopsByLayer.size(), groups.size()) << name;
            for (const auto& group : groups)
            {
                const DnnLayer& head = model->Layer(group.layers.front());
                EXPECT_EQ(flopsByLayer[head.name], group.work.Total())
                    << name << " k=" << k << " " << head.name;
                EXPECT_EQ(weightsByLayer[head.name], group.params * 4) << name << " " << head.name;
                const uint64_t units = head.IsSpatial()                  ? head.outputShape.height
                                     : head.type == DnnLayerType::Linear ? head.outputShape.channels
                                                                         : 1;
                EXPECT_EQ(piecesByLayer[head.name], std::min<uint64_t>(k, units))
                    << name << " " << head.name;
            }
            EXPECT_EQ(graph.TotalFlops(), model->Flops()) << name << " k=" << k;
        }
    }
}

TEST(PartitionerTest, PieceWiseWithOnePieceEqualsLayerWise)
{
    for (const auto& name : ZOO)
    {
        const auto model = test::LoadZooModel(name);
        const DnnTaskGraph layer =
            DnnPartitioner({DnnPartitionMode::LayerWise, 1, 0}).Partition(*model);
        const DnnTaskGraph piece =
            DnnPartitioner({DnnPartitionMode::PieceWise, 1, 0}).Partition(*model);
        ASSERT_EQ(layer.TaskCount(), piece.TaskCount()) << name;
        ASSERT_EQ(layer.EdgeCount(), piece.EdgeCount()) << name;
        for (std::size_t v = 0; v < layer.TaskCount(); ++v)
        {
            EXPECT_EQ(layer.Task(v).name, piece.Task(v).name);
            EXPECT_EQ(layer.Task(v).work, piece.Task(v).work);
            EXPECT_EQ(layer.Task(v).outputBytes, piece.Task(v).outputBytes);
            for (auto w : layer.Successors(v))
            {
                EXPECT_EQ(layer.EdgeBytes(v, w), piece.EdgeBytes(v, w)) << layer.Task(v).name;
            }
        }
    }
}

TEST(PartitionerTest, LayerWiseIsAChainForAlexNet)
{
    // AlexNet fuses into 12 groups (5 convs, 3 max pools, the adaptive pool with flatten and
    // dropout, 3 linear layers): with source and sink, a chain of 14 tasks.
    const auto model = test::LoadZooModel("alexnet");
    const DnnTaskGraph graph = DnnPartitioner().Partition(*model, 0, "cam0", 1.5);
    ASSERT_EQ(graph.TaskCount(), 14u);
    EXPECT_EQ(graph.EdgeCount(), 13u);
    EXPECT_EQ(graph.Task(0).kind, DnnTaskKind::Source);
    EXPECT_EQ(graph.Task(0).pinnedDevice, "cam0");
    EXPECT_EQ(graph.Task(13).kind, DnnTaskKind::Sink);
    EXPECT_EQ(graph.Task(13).pinnedDevice, "cam0");
    EXPECT_EQ(graph.Task(5).pinnedDevice, "");
    EXPECT_DOUBLE_EQ(graph.Task(5).releaseTime, 1.5);
    const DnnTask& conv1 = graph.Task(Id(graph, "r0/features.0"));
    EXPECT_EQ(conv1.fused, std::vector<std::string>{"features.1"});
    // source -> conv1 carries the raw image (1 byte/pixel), conv1 -> pool1 fp32 activations,
    // the last linear layer hands 1000 logits to the sink.
    EXPECT_EQ(graph.EdgeBytes(0, Id(graph, "r0/features.0")), 3u * 224 * 224);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/features.0"), Id(graph, "r0/features.2")),
              64u * 55 * 55 * 4);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/classifier.6"), 13), 1000u * 4);
}

TEST(PartitionerTest, HaloOfThreeByThreeConvOnTwelveRows)
{
    // Two 3x3, stride 1, padding 1 convs on 12 rows cut in 3: strips own rows 0-3, 4-7,
    // 8-11; a strip of the second conv needs input rows 0-4, 3-8 and 7-11.
    const DnnModel model = InlineModel(
        2, 12, 5,
        {{{"name", "c1"}, {"type", "conv"}, {"out_channels", 4}, {"kernel", 3}, {"padding", 1}},
         {{"name", "c2"}, {"type", "conv"}, {"out_channels", 4}, {"kernel", 3}, {"padding", 1}}});
    const DnnLayer& c2 = model.Layer(1);
    EXPECT_EQ(c2.InputRows(12, 0, 3), (std::array<uint64_t, 2>{0, 4}));
    EXPECT_EQ(c2.InputRows(12, 4, 7), (std::array<uint64_t, 2>{3, 8}));
    EXPECT_EQ(c2.InputRows(12, 8, 11), (std::array<uint64_t, 2>{7, 11}));

    const DnnTaskGraph graph = DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).Partition(model);
    const uint64_t row = 5 * 4 * 4; // width x channels x 4 bytes
    // c1 strips read the 1-byte input: rows 0-4 (5), 3-8 (6), 7-11 (5), 5 x 2 bytes per row.
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/input"), Id(graph, "r0/c1/p0")), 5u * 10);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/input"), Id(graph, "r0/c1/p1")), 6u * 10);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/input"), Id(graph, "r0/c1/p2")), 5u * 10);
    // c2/p0 needs rows 0-4: 4 rows from c1/p0 and row 4 from c1/p1.
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p0"), Id(graph, "r0/c2/p0")), 4 * row);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p1"), Id(graph, "r0/c2/p0")), 1 * row);
    EXPECT_FALSE(graph.HasEdge(Id(graph, "r0/c1/p2"), Id(graph, "r0/c2/p0")));
    // c2/p1 needs rows 3-8: row 3, rows 4-7, row 8.
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p0"), Id(graph, "r0/c2/p1")), 1 * row);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p1"), Id(graph, "r0/c2/p1")), 4 * row);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p2"), Id(graph, "r0/c2/p1")), 1 * row);
    // c2/p2 needs rows 7-11: row 7 and rows 8-11.
    EXPECT_FALSE(graph.HasEdge(Id(graph, "r0/c1/p0"), Id(graph, "r0/c2/p2")));
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p1"), Id(graph, "r0/c2/p2")), 1 * row);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c1/p2"), Id(graph, "r0/c2/p2")), 4 * row);
}

TEST(PartitionerTest, AlexNetConv1AndStrideTwoPoolCutInThree)
{
    // conv1: 11x11, stride 4, padding 2, 224 rows -> 55. Strips own output rows 0-17,
    // 18-35, 36-54 (floor(j*55/3)). Input rows: 0*4-2 -> 0 .. 17*4-2+10 = 76 (77 rows);
    // 18*4-2 = 70 .. 35*4-2+10 = 148 (79 rows); 36*4-2 = 142 .. 54*4-2+10 = 224 -> 223 (82).
    const auto model = test::LoadZooModel("alexnet");
    const DnnTaskGraph graph =
        DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).Partition(*model);
    const auto source = Id(graph, "r0/input");
    const uint64_t inputRow = 224 * 3; // 1 byte per pixel
    EXPECT_EQ(graph.EdgeBytes(source, Id(graph, "r0/features.0/p0")), 77 * inputRow);
    EXPECT_EQ(graph.EdgeBytes(source, Id(graph, "r0/features.0/p1")), 79 * inputRow);
    EXPECT_EQ(graph.EdgeBytes(source, Id(graph, "r0/features.0/p2")), 82 * inputRow);
    EXPECT_EQ(graph.Task(Id(graph, "r0/features.0/p2")).first, 36u);
    EXPECT_EQ(graph.Task(Id(graph, "r0/features.0/p2")).last, 54u);

    // maxpool 3x3 stride 2: 55 -> 27 rows, strips 0-8, 9-17, 18-26, reading rows 0-18,
    // 18-36, 36-54 of conv1: the one-row overlaps come from the neighbouring strip.
    const uint64_t convRow = 55 * 64 * 4;
    const auto c0 = Id(graph, "r0/features.0/p0");
    const auto c1 = Id(graph, "r0/features.0/p1");
    const auto c2 = Id(graph, "r0/features.0/p2");
    const auto p0 = Id(graph, "r0/features.2/p0");
    const auto p1 = Id(graph, "r0/features.2/p1");
    const auto p2 = Id(graph, "r0/features.2/p2");
    EXPECT_EQ(graph.EdgeBytes(c0, p0), 18 * convRow);
    EXPECT_EQ(graph.EdgeBytes(c1, p0), 1 * convRow);
    EXPECT_FALSE(graph.HasEdge(c2, p0));
    EXPECT_EQ(graph.EdgeBytes(c1, p1), 18 * convRow);
    EXPECT_EQ(graph.EdgeBytes(c2, p1), 1 * convRow);
    EXPECT_FALSE(graph.HasEdge(c0, p1));
    EXPECT_EQ(graph.EdgeBytes(c2, p2), 19 * convRow);
    EXPECT_EQ(graph.Predecessors(p2).size(), 1u);
}

TEST(PartitionerTest, StrideTwoPoolWithoutOverlap)
{
    // 2x2 stride-2 pool on 12 rows -> 6 rows; strips 0-1, 2-3, 4-5 read rows 0-3, 4-7,
    // 8-11 of its producer: no halo at all.
    const DnnModel model =
        InlineModel(1, 12, 4,
                    {{{"name", "c"}, {"type", "conv"}, {"out_channels", 2}, {"kernel", 1}},
                     {{"name", "pool"}, {"type", "maxpool"}, {"kernel", 2}, {"stride", 2}}});
    EXPECT_EQ(model.Layer(1).InputRows(12, 2, 3), (std::array<uint64_t, 2>{4, 7}));
    const DnnTaskGraph graph = DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).Partition(model);
    const uint64_t row = 4 * 2 * 4;
    for (int j = 0; j < 3; ++j)
    {
        const auto pool = Id(graph, "r0/pool/p" + std::to_string(j));
        ASSERT_EQ(graph.Predecessors(pool).size(), 1u);
        EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/c/p" + std::to_string(j)), pool), 4 * row);
    }
}

TEST(PartitionerTest, EveryAlexNetEdgeCarriesRowsTimesWidthTimesChannels)
{
    const auto model = test::LoadZooModel("alexnet");
    const DnnTaskGraph graph =
        DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).Partition(*model);
    for (std::size_t v = 0; v < graph.TaskCount(); ++v)
    {
        const DnnTask& producer = graph.Task(v);
        if (producer.kind == DnnTaskKind::Sink)
        {
            continue;
        }
        // The shape the producer's rows belong to: the input, or its head layer's output.
        const DnnTensorShape shape = producer.kind == DnnTaskKind::Source
                                       ? model->InputShape()
                                       : model->Layer(model->FindLayer(producer.layer)).outputShape;
        const uint64_t eb = producer.kind == DnnTaskKind::Source ? 1 : 4;
        const uint64_t bytesPerRow = shape.flat ? eb : shape.width * shape.channels * eb;
        for (auto w : graph.Successors(v))
        {
            const DnnTask& consumer = graph.Task(w);
            const uint64_t bytes = graph.EdgeBytes(v, w);
            ASSERT_EQ(bytes % bytesPerRow, 0u) << producer.name << " -> " << consumer.name;
            const uint64_t rows = bytes / bytesPerRow;
            const bool spatialConsumer = consumer.kind == DnnTaskKind::Compute &&
                                         model->Layer(model->FindLayer(consumer.layer)).IsSpatial();
            if (!spatialConsumer)
            {
                // Linear groups and the sink read the whole producer piece.
                EXPECT_EQ(rows, producer.last - producer.first + 1) << producer.name;
                continue;
            }
            // A strip reads the rows of its receptive field that the producer piece owns.
            const DnnLayer& head = model->Layer(model->FindLayer(consumer.layer));
            const auto field = head.InputRows(shape.height, consumer.first, consumer.last);
            const uint64_t lo = std::max(field[0], producer.first);
            const uint64_t hi = std::min(field[1], producer.last);
            ASSERT_LE(lo, hi) << producer.name << " -> " << consumer.name;
            EXPECT_EQ(rows, hi - lo + 1) << producer.name << " -> " << consumer.name;
        }
    }
}

TEST(PartitionerTest, ResidualAddDependsOnBothBranches)
{
    const auto model = test::LoadZooModel("resnet18");
    // Layer-wise: layer1.0.add (with its relu fused) reads layer1.0.conv2's group (bn2 fused)
    // and the block input, maxpool: two 64x56x56 fp32 tensors.
    const DnnTaskGraph layer = DnnPartitioner().Partition(*model);
    const auto add = Id(layer, "r0/layer1.0.add");
    EXPECT_EQ(layer.Task(add).fused, std::vector<std::string>{"layer1.0.relu"});
    auto preds = layer.Predecessors(add);
    std::sort(preds.begin(), preds.end());
    std::vector<DnnTaskGraph::TaskId> expected{Id(layer, "r0/maxpool"),
                                               Id(layer, "r0/layer1.0.conv2")};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(preds, expected);
    EXPECT_EQ(layer.EdgeBytes(Id(layer, "r0/maxpool"), add), 64u * 56 * 56 * 4);
    // The block output feeds the next block's conv and its identity shortcut.
    const auto next = layer.Successors(add);
    EXPECT_EQ(next.size(), 2u);

    // Piece-wise k = 3: 56 rows -> strips 0-17, 18-36, 37-55. An add reads the same rows of
    // each input: add/p1 depends on maxpool/p1 and conv2/p1 only, 19 rows each.
    const DnnTaskGraph piece =
        DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).Partition(*model);
    const auto addP1 = Id(piece, "r0/layer1.0.add/p1");
    EXPECT_EQ(piece.Predecessors(addP1).size(), 2u);
    EXPECT_EQ(piece.EdgeBytes(Id(piece, "r0/maxpool/p1"), addP1), 19u * 56 * 64 * 4);
    EXPECT_EQ(piece.EdgeBytes(Id(piece, "r0/layer1.0.conv2/p1"), addP1), 19u * 56 * 64 * 4);
}

TEST(PartitionerTest, InceptionConcatDependsOnItsFourBranches)
{
    const auto model = test::LoadZooModel("googlenet");
    const DnnTaskGraph graph = DnnPartitioner().Partition(*model);
    const auto concat = Id(graph, "r0/inception3a.concat");
    // Branch outputs at 28x28: 64, 128, 32 and 32 channels, fp32.
    const std::map<std::string, uint64_t> branches = {{"r0/inception3a.branch1.conv", 64},
                                                      {"r0/inception3a.branch2.1.conv", 128},
                                                      {"r0/inception3a.branch3.1.conv", 32},
                                                      {"r0/inception3a.branch4.1.conv", 32}};
    EXPECT_EQ(graph.Predecessors(concat).size(), 4u);
    for (const auto& [task, channels] : branches)
    {
        EXPECT_EQ(graph.EdgeBytes(Id(graph, task), concat), channels * 28 * 28 * 4) << task;
    }
    // maxpool2 fans out to the four branches: 1x1 convs of branches 1-3 and branch 4's pool.
    EXPECT_EQ(graph.Successors(Id(graph, "r0/maxpool2")).size(), 4u);
}

TEST(PartitionerTest, NineRequestsMakeNineComponents)
{
    // The seed's workload: 9 requests, AlexNet, GoogLeNet, ResNet-50 round-robin, request n
    // on device n. Layer-wise task counts (fused groups + source + sink): AlexNet 12 + 2;
    // GoogLeNet 5 stem layers + 9 inception blocks x 8 + 2 max pools + pool + fc = 81, + 2;
    // ResNet-50 stem 2 + 16 bottlenecks x 4 + 4 downsamples + pool + fc = 72, + 2.
    // Piece-wise k = 3: every group has >= 3 rows/neurons except the two global pools:
    // AlexNet 12*3+2 = 38, GoogLeNet 80*3+1+2 = 243, ResNet-50 71*3+1+2 = 216.
    const std::vector<std::string> names = {"alexnet", "googlenet", "resnet50"};
    std::vector<DnnRequest> requests;
    for (uint32_t n = 0; n < 9; ++n)
    {
        requests.push_back({n, test::LoadZooModel(names[n % 3]), "iot" + std::to_string(n), 0.0});
    }
    const DnnTaskGraph layer = DnnPartitioner().PartitionWorkload(requests);
    EXPECT_EQ(layer.TaskCount(), 3u * (14 + 83 + 74));
    EXPECT_EQ(layer.WeakComponentCount(), 9u);
    const DnnTaskGraph piece =
        DnnPartitioner({DnnPartitionMode::PieceWise, 3, 0}).PartitionWorkload(requests);
    EXPECT_EQ(piece.TaskCount(), 3u * (38 + 243 + 216));
    EXPECT_EQ(piece.WeakComponentCount(), 9u);
    // Each request's source and sink are pinned to its own device; nothing else is pinned.
    std::vector<int> sources(9), sinks(9);
    for (std::size_t v = 0; v < piece.TaskCount(); ++v)
    {
        const DnnTask& t = piece.Task(v);
        const std::string device = "iot" + std::to_string(t.request);
        if (t.kind == DnnTaskKind::Compute)
        {
            EXPECT_TRUE(t.pinnedDevice.empty());
            continue;
        }
        EXPECT_EQ(t.pinnedDevice, device);
        ++(t.kind == DnnTaskKind::Source ? sources : sinks)[t.request];
    }
    EXPECT_EQ(sources, std::vector<int>(9, 1));
    EXPECT_EQ(sinks, std::vector<int>(9, 1));
    // No edge crosses requests.
    for (std::size_t v = 0; v < piece.TaskCount(); ++v)
    {
        for (auto w : piece.Successors(v))
        {
            EXPECT_EQ(piece.Task(v).request, piece.Task(w).request);
        }
    }
}

TEST(PartitionerTest, ElementBytesOverride)
{
    // fp16 activations halve every activation edge; the raw input keeps 1 byte per pixel.
    const auto model = test::LoadZooModel("alexnet");
    const DnnTaskGraph graph =
        DnnPartitioner({DnnPartitionMode::LayerWise, 1, 2}).Partition(*model);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/input"), Id(graph, "r0/features.0")), 3u * 224 * 224);
    EXPECT_EQ(graph.EdgeBytes(Id(graph, "r0/features.0"), Id(graph, "r0/features.2")),
              64u * 55 * 55 * 2);
}

TEST(PartitionerTest, ParsesPartitionSpecs)
{
    EXPECT_EQ(DnnPartitionConfig::Parse("layerwise").mode, DnnPartitionMode::LayerWise);
    EXPECT_EQ(DnnPartitionConfig::Parse("piecewise").pieces, 3u);
    EXPECT_EQ(DnnPartitionConfig::Parse("piecewise:7").pieces, 7u);
    EXPECT_EQ(DnnPartitionConfig::Parse("piecewise:7").ToString(), "piecewise:7");
    EXPECT_THROW(DnnPartitionConfig::Parse("piecewise:0"), std::invalid_argument);
    EXPECT_THROW(DnnPartitionConfig::Parse("piecewise:x"), std::invalid_argument);
    // At most DnnRunLimits::MAX_PIECES (a linear layer's pieces feed every piece of the
    // next: 999,999 pieces never finished partitioning VGG-16).
    EXPECT_EQ(DnnPartitionConfig::Parse("piecewise:256").pieces, 256u);
    EXPECT_THROW(DnnPartitionConfig::Parse("piecewise:257"), std::invalid_argument);
    DnnPartitionConfig tooMany;
    tooMany.mode = DnnPartitionMode::PieceWise;
    tooMany.pieces = 257;
    EXPECT_THROW(DnnPartitioner{tooMany}, std::invalid_argument);
    EXPECT_THROW(DnnPartitionConfig::Parse("strips"), std::invalid_argument);
}

} // namespace
