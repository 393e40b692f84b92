/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of DnnModelReader (and DnnJsonReader's parsing): every malformed model is
 * rejected with a DnnInputError naming the file, the exact JSON path of the offending value
 * and what is wrong, and nothing crashes. Each bad model is a small mutation of one valid
 * base model.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-model-reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace ns3;
using nlohmann::json;

namespace
{

/** File name passed to the reader; every error must name it. */
const std::string FILE_NAME = "m.json";

/**
 * The valid base model: input [3, 8, 8], conv (4 channels, 3x3, padding 1), relu,
 * 2x2 max pooling, flatten, linear (10 outputs).
 */
json
BaseModel()
{
    return json::parse(R"({
      "name": "tiny",
      "input": {"shape": [3, 8, 8]},
      "layers": [
        {"name": "conv1", "type": "conv", "out_channels": 4, "kernel": 3, "padding": 1},
        {"name": "relu1", "type": "relu"},
        {"name": "pool1", "type": "maxpool", "kernel": 2},
        {"name": "flat", "type": "flatten"},
        {"name": "fc", "type": "linear", "out_features": 10}
      ]
    })");
}

/** Index of the layers of the base model. */
enum BaseLayer
{
    CONV1 = 0,
    RELU1 = 1,
    POOL1 = 2,
    FLAT = 3,
    FC = 4,
};

/** test::ThrowsInputError for this file's FILE_NAME by default. */
::testing::AssertionResult
ThrowsInputError(const std::function<void()>& action, const std::string& path,
                 const std::string& fragment, const std::string& file = FILE_NAME)
{
    return test::ThrowsInputError(action, path, fragment, file);
}

/** ThrowsInputError for DnnModelReader::Read of \p model. */
::testing::AssertionResult
ReadFails(const json& model, const std::string& path, const std::string& fragment)
{
    return ThrowsInputError([&] { DnnModelReader::Read(model, FILE_NAME); }, path, fragment);
}

/** ThrowsInputError for DnnJsonReader::ParseText of \p text. */
::testing::AssertionResult
ParseFails(const std::string& text, const std::string& path, const std::string& fragment)
{
    return ThrowsInputError([&] { DnnJsonReader::ParseText(text, FILE_NAME); }, path, fragment);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The valid base model.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, ValidBaseModelHasHandComputedFigures)
{
    // Hand-computed (MACs = out_C*out_H*out_W*(in_C/groups)*kh*kw, FLOPs = 2*MACs for conv
    // and linear; pool FLOPs = output elements * kernel area; relu FLOPs = elements):
    //   conv1  [3,8,8] -> [4,8,8]  (8 + 2*1 - 3)/1 + 1 = 8
    //          params = 4*3*3*3 + 4 (bias)      = 112
    //          MACs   = 4*8*8 * 3 * 3*3         = 6912,   FLOPs = 13824
    //   relu1  [4,8,8]: FLOPs = 4*8*8           = 256
    //   pool1  kernel 2, stride 2 (defaults to the kernel) -> [4,4,4]
    //          FLOPs = 4*4*4 * 2*2              = 256
    //   flat   [4,4,4] -> [64], no work
    //   fc     [64] -> [10]: params = 64*10 + 10 = 650, MACs = 640, FLOPs = 1280
    // Totals: params 112 + 650 = 762; conv+linear MACs 6912 + 640 = 7552;
    //         FLOPs 13824 + 256 + 256 + 0 + 1280 = 15616.
    const DnnModel model = DnnModelReader::Read(BaseModel(), FILE_NAME);
    EXPECT_EQ(model.Name(), "tiny");
    EXPECT_EQ(model.File(), FILE_NAME);
    ASSERT_EQ(model.LayerCount(), 5U);
    EXPECT_EQ(model.InputShape().Dims(), (std::vector<uint64_t>{3, 8, 8}));
    EXPECT_EQ(model.InputElementBytes(), 1U);      // raw image default: 1 byte per element
    EXPECT_EQ(model.ActivationElementBytes(), 4U); // fp32 default
    EXPECT_EQ(model.InputBytes(), 3U * 8 * 8);

    const DnnLayer& conv = model.Layer(CONV1);
    EXPECT_EQ(conv.type, DnnLayerType::Conv);
    EXPECT_EQ(conv.outputShape.Dims(), (std::vector<uint64_t>{4, 8, 8}));
    EXPECT_EQ(conv.params, 112U);
    EXPECT_EQ(conv.macs, 6912U);
    EXPECT_EQ(conv.flops, 13824U);

    const DnnLayer& relu = model.Layer(RELU1);
    EXPECT_EQ(relu.type, DnnLayerType::Activation);
    EXPECT_EQ(relu.function, "relu");
    EXPECT_EQ(relu.outputShape.Dims(), (std::vector<uint64_t>{4, 8, 8}));
    EXPECT_EQ(relu.params, 0U);
    EXPECT_EQ(relu.macs, 0U);
    EXPECT_EQ(relu.flops, 256U);

    const DnnLayer& pool = model.Layer(POOL1);
    EXPECT_EQ(pool.type, DnnLayerType::MaxPool);
    EXPECT_EQ(pool.stride, (std::array<uint64_t, 2>{2, 2}));
    EXPECT_EQ(pool.outputShape.Dims(), (std::vector<uint64_t>{4, 4, 4}));
    EXPECT_EQ(pool.params, 0U);
    EXPECT_EQ(pool.flops, 256U);

    const DnnLayer& flat = model.Layer(FLAT);
    EXPECT_EQ(flat.type, DnnLayerType::Flatten);
    EXPECT_TRUE(flat.outputShape.flat);
    EXPECT_EQ(flat.outputShape.Dims(), (std::vector<uint64_t>{64}));
    EXPECT_EQ(flat.flops, 0U);

    const DnnLayer& fc = model.Layer(FC);
    EXPECT_EQ(fc.type, DnnLayerType::Linear);
    EXPECT_EQ(fc.outputShape.Dims(), (std::vector<uint64_t>{10}));
    EXPECT_EQ(fc.params, 650U);
    EXPECT_EQ(fc.macs, 640U);
    EXPECT_EQ(fc.flops, 1280U);

    EXPECT_EQ(model.Params(), 762U);
    EXPECT_EQ(model.ConvLinearMacs(), 7552U);
    EXPECT_EQ(model.Flops(), 15616U);
    EXPECT_EQ(model.OutputBytes(FC), 10U * 4);

    // Default inputs chain the layers in file order.
    EXPECT_EQ(conv.inputs, (std::vector<int32_t>{DnnLayer::MODEL_INPUT}));
    EXPECT_EQ(fc.inputs, (std::vector<int32_t>{FLAT}));
    EXPECT_EQ(model.OutputLayers(), (std::vector<int32_t>{FC}));
}

// ---------------------------------------------------------------------------------------------
// Unknown names: layer types, keys, inputs.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, UnknownLayerTypeSuggestsClosest)
{
    json model = BaseModel();
    model["layers"][CONV1]["type"] = "convv";
    EXPECT_TRUE(ReadFails(model, "/layers/0/type", "\"convv\" is not one of"));
    EXPECT_TRUE(ReadFails(model, "/layers/0/type", "(did you mean \"conv\"?)"));
}

TEST(DnnModelReaderTest, UnknownLayerKeySuggestsClosest)
{
    json model = BaseModel();
    model["layers"][CONV1].erase("kernel");
    model["layers"][CONV1]["kernal"] = 3;
    EXPECT_TRUE(
        ReadFails(model, "/layers/0/kernal", "unknown key \"kernal\" (did you mean \"kernel\"?)"));
}

TEST(DnnModelReaderTest, UnknownTopLevelKey)
{
    json model = BaseModel();
    model["descripton"] = "a typo of description";
    EXPECT_TRUE(ReadFails(model, "/descripton",
                          "unknown key \"descripton\" (did you mean \"description\"?)"));

    // Without a close match the message lists what is allowed instead.
    json other = BaseModel();
    other["author"] = "someone";
    EXPECT_TRUE(ReadFails(other, "/author", "unknown key \"author\" (allowed here: \"name\""));
}

TEST(DnnModelReaderTest, UnknownInputNameSuggestsClosest)
{
    json model = BaseModel();
    model["layers"][RELU1]["inputs"] = {"conv"};
    EXPECT_TRUE(ReadFails(model, "/layers/1/inputs/0",
                          "no layer is named \"conv\" (did you mean \"conv1\"?)"));
}

// ---------------------------------------------------------------------------------------------
// Missing keys, wrong types, bad values.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, MissingKey)
{
    json model = BaseModel();
    model["layers"][CONV1].erase("out_channels");
    EXPECT_TRUE(ReadFails(model, "/layers/0", "missing key \"out_channels\""));
}

TEST(DnnModelReaderTest, KernelAsStringIsWrongType)
{
    json model = BaseModel();
    model["layers"][CONV1]["kernel"] = "3";
    EXPECT_TRUE(ReadFails(model, "/layers/0/kernel", "must be a positive integer, got \"3\""));
}

TEST(DnnModelReaderTest, BiasAsNumberIsWrongType)
{
    json model = BaseModel();
    model["layers"][CONV1]["bias"] = 1;
    EXPECT_TRUE(ReadFails(model, "/layers/0/bias", "must be true or false, got 1"));
}

TEST(DnnModelReaderTest, ZeroOutChannels)
{
    json model = BaseModel();
    model["layers"][CONV1]["out_channels"] = 0;
    EXPECT_TRUE(ReadFails(model, "/layers/0/out_channels", "must be a positive integer, got 0"));
}

TEST(DnnModelReaderTest, NegativeKernel)
{
    json model = BaseModel();
    model["layers"][CONV1]["kernel"] = -1;
    EXPECT_TRUE(ReadFails(model, "/layers/0/kernel", "must be a positive integer, got -1"));
}

TEST(DnnModelReaderTest, ZeroInInputShape)
{
    json model = BaseModel();
    model["input"]["shape"] = {3, 0, 8};
    EXPECT_TRUE(ReadFails(model, "/input/shape/1", "must be a positive integer, got 0"));
}

TEST(DnnModelReaderTest, FractionalKernel)
{
    json model = BaseModel();
    model["layers"][CONV1]["kernel"] = 2.5;
    EXPECT_TRUE(ReadFails(model, "/layers/0/kernel", "must be an integer, got 2.5"));
}

TEST(DnnModelReaderTest, HugeOutChannelsIsRejectedWithoutCrash)
{
    json model = BaseModel();
    model["layers"][CONV1]["out_channels"] = 1e30;
    EXPECT_TRUE(ReadFails(model, "/layers/0/out_channels", "1e+30"));

    // A huge integer (beyond the 2^40 limit of sizes) names the allowed range.
    json integer = BaseModel();
    integer["layers"][CONV1]["out_channels"] = uint64_t{1} << 62;
    EXPECT_TRUE(ReadFails(integer, "/layers/0/out_channels", "must be between 1 and"));
}

TEST(DnnModelReaderTest, FiguresThatOverflowAreRejected)
{
    // Each size is within the 2^40 limit, but the linear layer's MACs
    // (4 * 2^40 * 4*4 = 2^46 inputs) x 2^40 outputs = 2^86 do not fit 64 bits.
    json model = BaseModel();
    model["layers"][CONV1]["out_channels"] = uint64_t{1} << 40;
    model["layers"][FC]["out_features"] = uint64_t{1} << 40;
    EXPECT_TRUE(ReadFails(model, "/layers/4", "overflow"));
}

// ---------------------------------------------------------------------------------------------
// Shape errors found by inference.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, KernelLargerThanPaddedInput)
{
    // An 8-row input with padding 1 is 10 rows; an 11-row kernel does not fit.
    json model = BaseModel();
    model["layers"][CONV1]["kernel"] = 11;
    EXPECT_TRUE(ReadFails(model, "/layers/0/kernel",
                          "kernel height 11 is larger than the padded input height 10"));
}

TEST(DnnModelReaderTest, AddInputsWithDifferentShapes)
{
    json model = BaseModel();
    // conv1 is 4x8x8, pool1 is 4x4x4.
    model["layers"].push_back({{"name", "sum"}, {"type", "add"}, {"inputs", {"conv1", "pool1"}}});
    EXPECT_TRUE(
        ReadFails(model, "/layers/5/inputs/1",
                  "add inputs must have equal shapes: \"conv1\" is 4x8x8 but \"pool1\" is 4x4x4"));
}

// mul: a [C, 1, 1] factor scales a [C, H, W] input channel by channel (squeeze-and-
// excitation): conv1 is 4x8x8; the global pool of it 4x1x1; the product 4x8x8, one
// multiplication per output element: 256 FLOPs, elementwise work.
TEST(DnnModelReaderTest, MulBroadcastsAChannelFactor)
{
    json model = BaseModel();
    model["layers"].push_back({{"name", "gap"}, {"type", "global_avgpool"}, {"inputs", {"conv1"}}});
    model["layers"].push_back(
        {{"name", "gate"}, {"type", "activation"}, {"function", "hardsigmoid"}});
    model["layers"].push_back({{"name", "se"}, {"type", "mul"}, {"inputs", {"conv1", "gate"}}});
    const DnnModel m = DnnModelReader::Read(model, FILE_NAME);
    const DnnLayer& se = m.Layer(7);
    EXPECT_EQ(se.outputShape, (DnnTensorShape{4, 8, 8, false}));
    EXPECT_EQ(se.flops, 4U * 8 * 8);
    EXPECT_EQ(se.params, 0U);
    EXPECT_EQ(se.WorkKind(), DnnWorkKind::Elementwise);
    EXPECT_TRUE(se.IsSpatial());
    EXPECT_EQ(m.Layer(6).function, "hardsigmoid");
}

// slice and channel_shuffle (ShuffleNet): conv1 is 4x8x8; channels [1, 3) are 2x8x8; a
// shuffle of 2 groups keeps the shape; neither computes.
TEST(DnnModelReaderTest, SliceAndChannelShuffle)
{
    json model = BaseModel();
    model["layers"].push_back(
        {{"name", "half"}, {"type", "slice"}, {"channels", {1, 3}}, {"inputs", {"conv1"}}});
    model["layers"].push_back({{"name", "mix"}, {"type", "channel_shuffle"}, {"groups", 2}});
    const DnnModel m = DnnModelReader::Read(model, FILE_NAME);
    EXPECT_EQ(m.Layer(5).outputShape, (DnnTensorShape{2, 8, 8, false}));
    EXPECT_EQ(m.Layer(6).outputShape, (DnnTensorShape{2, 8, 8, false}));
    EXPECT_EQ(m.Layer(5).flops + m.Layer(6).flops, 0U);
    model["layers"][5]["channels"] = {3, 5};
    EXPECT_TRUE(ReadFails(model, "/layers/5/channels",
                          "the channel range [3, 5) must be non-empty and within the input's 4 "
                          "channels"));
    model["layers"][5]["channels"] = {0, 2};
    model["layers"][6]["groups"] = 3;
    EXPECT_TRUE(ReadFails(model, "/layers/6/groups", "groups 3 must divide the input channels 2"));
}

TEST(DnnModelReaderTest, MulInputsThatDoNotBroadcast)
{
    json model = BaseModel();
    // conv1 is 4x8x8, pool1 4x4x4: neither equal nor a [C, 1, 1] factor.
    model["layers"].push_back({{"name", "prod"}, {"type", "mul"}, {"inputs", {"conv1", "pool1"}}});
    EXPECT_TRUE(ReadFails(model, "/layers/5/inputs/1",
                          "mul inputs must have equal shapes or be [C, 1, 1] factors of a [C, H, "
                          "W] input: \"pool1\" is 4x4x4, the product 4x8x8"));
    model["layers"][5]["inputs"] = {"conv1"};
    EXPECT_TRUE(ReadFails(model, "/layers/5/inputs", "mul needs at least two inputs"));
}

TEST(DnnModelReaderTest, ConcatInputsWithDifferentHeightAndWidth)
{
    json model = BaseModel();
    // Channels may differ in a concat, height and width may not: relu1 4x8x8, pool1 4x4x4.
    model["layers"].push_back(
        {{"name", "cat"}, {"type", "concat"}, {"inputs", {"relu1", "pool1"}}});
    EXPECT_TRUE(ReadFails(model, "/layers/5/inputs/1",
                          "concat inputs must have equal height and width: \"relu1\" is 4x8x8 "
                          "but \"pool1\" is 4x4x4"));
}

TEST(DnnModelReaderTest, LinearOnSpatialInputSuggestsFlatten)
{
    json model = BaseModel();
    model["layers"].erase(FLAT);
    EXPECT_TRUE(ReadFails(model, "/layers/3", "linear needs a flat input, got 4x4x4"));
    EXPECT_TRUE(ReadFails(model, "/layers/3", "add a flatten layer"));
}

TEST(DnnModelReaderTest, ConvGroupsMustDivideChannels)
{
    json model = BaseModel();
    model["layers"][CONV1]["groups"] = 2; // 3 input channels
    EXPECT_TRUE(ReadFails(model, "/layers/0/groups",
                          "groups 2 must divide the input channels 3 and the output channels 4"));
}

// ---------------------------------------------------------------------------------------------
// Graph errors: names and cycles.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, DuplicateLayerName)
{
    json model = BaseModel();
    model["layers"][RELU1]["name"] = "conv1";
    EXPECT_TRUE(ReadFails(model, "/layers/1/name",
                          "layer name \"conv1\" is used twice (first at /layers/0)"));
}

TEST(DnnModelReaderTest, LayerNamedInputIsReserved)
{
    json model = BaseModel();
    model["layers"][RELU1]["name"] = "input";
    EXPECT_TRUE(ReadFails(model, "/layers/1/name", "\"input\" is reserved"));
}

TEST(DnnModelReaderTest, CycleNamesTheLayersOnIt)
{
    json model = BaseModel();
    // relu1 and pool1 read each other.
    model["layers"][RELU1]["inputs"] = {"pool1"};
    model["layers"][POOL1]["inputs"] = {"relu1"};
    try
    {
        DnnModelReader::Read(model, FILE_NAME);
        FAIL() << "a cycle was accepted";
    }
    catch (const DnnCycleError& e)
    {
        EXPECT_EQ(e.File(), FILE_NAME);
        EXPECT_EQ(e.JsonPath(), "/layers");
        const auto& cycle = e.Cycle();
        EXPECT_EQ(cycle.size(), 2U);
        EXPECT_NE(std::find(cycle.begin(), cycle.end(), "relu1"), cycle.end());
        EXPECT_NE(std::find(cycle.begin(), cycle.end(), "pool1"), cycle.end());
        const std::string what = e.what();
        EXPECT_NE(what.find("cycle"), std::string::npos) << what;
        EXPECT_NE(what.find("relu1"), std::string::npos) << what;
        EXPECT_NE(what.find("pool1"), std::string::npos) << what;
    }
    catch (const std::exception& e)
    {
        FAIL() << "expected DnnCycleError, got: " << e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing text and files.
// ---------------------------------------------------------------------------------------------

TEST(DnnModelReaderTest, TruncatedJsonText)
{
    const std::string text = BaseModel().dump(2);
    const std::string truncated = text.substr(0, text.size() / 2);
    EXPECT_TRUE(ParseFails(truncated, "", "not valid JSON"));
    EXPECT_TRUE(ParseFails(truncated, "", "line "));
    EXPECT_TRUE(ParseFails(truncated, "", "column "));
}

TEST(DnnModelReaderTest, NumberBeyondADoubleNamesItsPath)
{
    const std::string text = R"({"name": "tiny", "input": {"shape": [3, 8, 1e400]}, "layers": []})";
    EXPECT_TRUE(ParseFails(text, "/input/shape/2", "the number 1e400 is out of range"));
    EXPECT_TRUE(ParseFails(R"({"a": [[1], {"b": -1e999}]})", "/a/1/b", "-1e999"));
    EXPECT_TRUE(ParseFails("1e400", "", "out of range"));
}

TEST(DnnModelReaderTest, IllFormedUtf8IsQuotedAsEscapes)
{
    EXPECT_TRUE(ParseFails("{\"name\": \"a\xff\"}", "", "ill-formed UTF-8 byte"));
    EXPECT_TRUE(ParseFails("{\"name\": \"a\xff\"}", "", "\\xff"));
}

TEST(DnnModelReaderTest, DuplicatedKeyInOneObject)
{
    const std::string text = R"({"name": "tiny", "input": {"shape": [3, 8, 8]}, "layers": [
        {"name": "conv1", "type": "conv", "out_channels": 4, "kernel": 3, "kernel": 5}]})";
    EXPECT_TRUE(ParseFails(text, "/layers/0/kernel", "this key appears twice in one object"));
}

TEST(DnnModelReaderTest, ReadTextIsReadFileWithoutTheFile)
{
    const std::string file = std::string(DNN_SOURCE_DIR) + "/scenarios/models/resnet18.json";
    const DnnModel fromFile = DnnModelReader::ReadFile(file);
    const DnnModel fromText = DnnModelReader::ReadText(test::ReadTextFile(file), file);
    EXPECT_EQ(fromText.File(), file);
    EXPECT_EQ(fromText.LayerCount(), fromFile.LayerCount());
    EXPECT_EQ(fromText.Params(), fromFile.Params());
    EXPECT_EQ(fromText.Flops(), fromFile.Flops());
    EXPECT_TRUE(ThrowsInputError([&] { DnnModelReader::ReadText("{\"name\": 1}", FILE_NAME); }, "",
                                 "missing key \"input\""));
    EXPECT_TRUE(
        ThrowsInputError([&] { DnnModelReader::ReadText("[", FILE_NAME); }, "", "not valid JSON"));
}

TEST(DnnModelReaderTest, ReadFileOnMissingFile)
{
    const std::string file = std::string(DNN_SOURCE_DIR) + "/test/data/no-such-model.json";
    EXPECT_TRUE(ThrowsInputError([&] { DnnModelReader::ReadFile(file); }, "",
                                 "cannot open the file", file));
}

// ---------------------------------------------------------------------------------------------
// Sizes whose products overflow 64 bits: rejected, never wrapped around.
// ---------------------------------------------------------------------------------------------

// The dilated kernel extent dilation * (kernel - 1) + 1 = 2^40 * 2^24 + 1 does not fit in 64
// bits; wrapped, it would be 1 and the kernel would be accepted on an 8-row input.
TEST(DnnModelReaderTest, HugeDilatedKernelIsRejected)
{
    json model = BaseModel();
    model["layers"][CONV1]["kernel"] = 16777217;
    model["layers"][CONV1]["dilation"] = uint64_t{1} << 40;
    EXPECT_TRUE(ReadFails(model, "/layers/0", "overflow 64-bit counters"));
}

// C*H*W of [2^40, 2^40, 2^40] wraps to 0 and of [2^40, 2^24 + 1, 1] to 2^40 in 64 bits:
// both must be rejected as too large, not as "not positive" nor accepted with wrong counts.
TEST(DnnModelReaderTest, InputShapeWhoseElementCountOverflowsIsRejected)
{
    json wrapsToZero = BaseModel();
    wrapsToZero["input"]["shape"] = {uint64_t{1} << 40, uint64_t{1} << 40, uint64_t{1} << 40};
    try
    {
        DnnModelReader::Read(wrapsToZero, FILE_NAME);
        ADD_FAILURE() << "accepted";
    }
    catch (const DnnInputError& e)
    {
        EXPECT_EQ(e.JsonPath(), "/input/shape");
        EXPECT_EQ(std::string(e.what()).find("must be positive"), std::string::npos) << e.what();
    }

    json wrapsSilently = json::parse(R"({"name": "w", "input": {"shape": [1, 1, 1]},
        "layers": [{"name": "r", "type": "relu"}]})");
    wrapsSilently["input"]["shape"] = {uint64_t{1} << 40, (uint64_t{1} << 24) + 1, 1};
    EXPECT_THROW(DnnModelReader::Read(wrapsSilently, FILE_NAME), DnnInputError);
}
