/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The model zoo against published figures: torchvision 0.14's parameter and conv+linear
 * MAC counts at 224x224 (test/reference/torchvision-models.json, copied from the project's
 * shared reference data), and shape inference on hand-derived layers.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-json-reader.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

class ZooModelTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(ZooModelTest, MatchesTorchvisionExactly)
{
    const std::string name = GetParam();
    const nlohmann::json reference =
        DnnJsonReader::ParseFile(test::SourcePath("test/reference/torchvision-models.json"));
    const auto& figures = reference.at("models").at(name);
    const auto model = test::LoadZooModel(name);
    EXPECT_EQ(model->Name(), name);
    EXPECT_EQ(model->Params(), figures.at("params").get<uint64_t>());
    EXPECT_EQ(model->ConvLinearMacs(), figures.at("conv_linear_macs").get<uint64_t>());
    // Every zoo model is an ImageNet classifier: 3x224x224 in, 1000 logits out.
    EXPECT_EQ(model->InputShape().ToString(), "3x224x224");
    const auto outputs = model->OutputLayers();
    ASSERT_EQ(outputs.size(), 1u);
    EXPECT_EQ(model->Layer(outputs[0]).outputShape.ToString(), "1000");
    // FLOPs are the conv/linear work (2 x MACs) plus pools, batchnorm, activations and adds,
    // which are a few percent at most (MobileNetV2, with batchnorm and ReLU6 after every
    // cheap depthwise conv, has the most: about 3 %).
    EXPECT_GT(model->Flops(), 2 * model->ConvLinearMacs());
    EXPECT_LT(model->Flops(), 2 * model->ConvLinearMacs() * 105 / 100);
}

INSTANTIATE_TEST_SUITE_P(Torchvision, ZooModelTest,
                         ::testing::Values("alexnet", "vgg16", "resnet18", "resnet50", "googlenet",
                                           "mobilenet_v2"));

TEST(ZooModelTest, AlexNetShapesByHand)
{
    // AlexNet (torchvision): 224 -> conv 11/4 pad 2 -> 55 -> pool 3/2 -> 27 -> conv 5 pad 2
    // -> 27 -> pool -> 13 -> three 3x3 convs -> 13 -> pool -> 6.
    const auto model = test::LoadZooModel("alexnet");
    auto shape = [&](const std::string& layer)
    {
        return model->Layer(model->FindLayer(layer)).outputShape.ToString();
    };
    EXPECT_EQ(shape("features.0"), "64x55x55");
    EXPECT_EQ(shape("features.2"), "64x27x27");
    EXPECT_EQ(shape("features.3"), "192x27x27");
    EXPECT_EQ(shape("features.5"), "192x13x13");
    EXPECT_EQ(shape("features.12"), "256x6x6");
    EXPECT_EQ(shape("flatten"), "9216");
    // conv1: 64 x 55 x 55 outputs x (3 x 11 x 11) MACs = 70,276,800; params 64*3*121 + 64.
    const DnnLayer& conv1 = model->Layer(model->FindLayer("features.0"));
    EXPECT_EQ(conv1.macs, 70276800u);
    EXPECT_EQ(conv1.flops, 2 * 70276800u);
    EXPECT_EQ(conv1.params, 23296u);
    // maxpool 3x3 over 64x27x27 outputs: 46,656 outputs x 9 comparisons.
    EXPECT_EQ(model->Layer(model->FindLayer("features.2")).flops, 64u * 27 * 27 * 9);
    // Activations are fp32: conv1's output is 64*55*55*4 bytes; the input is 1 byte/pixel.
    EXPECT_EQ(model->OutputBytes(model->FindLayer("features.0")), 64u * 55 * 55 * 4);
    EXPECT_EQ(model->InputBytes(), 3u * 224 * 224);
}

TEST(ZooModelTest, GoogLeNetCeilModePoolsAndConcat)
{
    // torchvision's GoogLeNet pools with ceil_mode: 112 -> 56 (floor would give 55).
    const auto model = test::LoadZooModel("googlenet");
    const DnnLayer& concat = model->Layer(model->FindLayer("inception3a.concat"));
    EXPECT_EQ(model->Layer(model->FindLayer("maxpool1")).outputShape.ToString(), "64x56x56");
    // inception3a: 64 + 128 + 32 + 32 channels at 28x28.
    EXPECT_EQ(concat.outputShape.ToString(), "256x28x28");
    EXPECT_EQ(concat.inputs.size(), 4u);
    EXPECT_EQ(concat.flops, 0u);
}

TEST(ZooModelTest, MobileNetV2DepthwiseConv)
{
    // features.1 is MobileNetV2's first block: a depthwise 3x3 conv over 32 channels at
    // 112x112 (groups = 32): MACs = 32*112*112*(32/32)*9 = 3,612,672, params 32*1*9.
    const auto model = test::LoadZooModel("mobilenet_v2");
    const DnnLayer& dw = model->Layer(model->FindLayer("features.1.conv.0.0"));
    EXPECT_EQ(dw.groups, 32u);
    EXPECT_EQ(dw.macs, 3612672u);
    EXPECT_EQ(dw.params, 288u);
    EXPECT_EQ(dw.WorkKind(), DnnWorkKind::GroupedConv);
    EXPECT_EQ(model->Layer(model->FindLayer("features.0.0")).WorkKind(), DnnWorkKind::Conv);
}

TEST(ZooModelTest, AlexNetWorkByKindByHand)
{
    // Linear: 2 x (9216 x 4096 + 4096 x 4096 + 4096 x 1000) = 2 x 58,621,952 FLOPs.
    // Pooling: three 3x3 max pools, 64x27x27, 192x13x13, 256x6x6 outputs x 9 comparisons
    // (419,904 + 292,032 + 82,944), and the adaptive average pool 6x6 -> 6x6 (one input per
    // output: 256 x 36 = 9,216): 804,096 FLOPs.
    // Elementwise: the ReLUs after the 5 convs and 2 hidden linears:
    // 64x55x55 + 192x27x27 + 384x13x13 + 256x13x13 x 2 + 4096 x 2 = 493,184 FLOPs.
    const auto model = test::LoadZooModel("alexnet");
    const DnnWork work = model->Work();
    EXPECT_EQ(work.Of(DnnWorkKind::Linear), 117243904u);
    EXPECT_EQ(work.Of(DnnWorkKind::Pooling), 804096u);
    EXPECT_EQ(work.Of(DnnWorkKind::Elementwise), 493184u);
    EXPECT_EQ(work.Of(DnnWorkKind::GroupedConv), 0u);
    EXPECT_EQ(work.Total(), model->Flops());
    EXPECT_EQ(work.Of(DnnWorkKind::Conv), model->Flops() - 117243904u - 804096u - 493184u);
}

} // namespace
