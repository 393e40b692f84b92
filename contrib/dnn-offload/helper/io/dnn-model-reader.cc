/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-model-reader.h"

#include "dnn-json-reader.h"
#include "dnn-onnx-reader.h"
#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <cctype>
#include <map>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnModelReader");

namespace
{

/** The name by which layers refer to the model input. */
const std::string INPUT_NAME = "input";
/** Reserved: the name of a request's sink task. */
const std::string OUTPUT_NAME = "output";

const std::vector<std::string> ACTIVATION_FUNCTIONS = {
    "relu", "relu6", "sigmoid", "tanh", "hardswish", "hardsigmoid", "silu", "gelu", "scale"};

/** How a type name of the file maps onto a layer type, and the keys it accepts. */
struct TypeSpec
{
    DnnLayerType type;                 //!< the layer type
    std::vector<std::string> required; //!< keys besides name and type that must be present
    std::vector<std::string> optional; //!< keys that may be present
};

const std::map<std::string, TypeSpec>&
TypeSpecs()
{
    static const std::map<std::string, TypeSpec> specs = {
        {"conv",
         {DnnLayerType::Conv,
          {"out_channels", "kernel"},
          {"stride", "padding", "dilation", "groups", "bias"}}},
        {"maxpool",
         {DnnLayerType::MaxPool, {"kernel"}, {"stride", "padding", "dilation", "ceil_mode"}}},
        {"avgpool", {DnnLayerType::AvgPool, {"kernel"}, {"stride", "padding", "ceil_mode"}}},
        {"adaptive_avgpool", {DnnLayerType::AdaptiveAvgPool, {"output_size"}, {}}},
        {"global_avgpool", {DnnLayerType::AdaptiveAvgPool, {}, {}}},
        {"linear", {DnnLayerType::Linear, {"out_features"}, {"bias", "per_token"}}},
        {"batchnorm", {DnnLayerType::BatchNorm, {}, {}}},
        {"relu", {DnnLayerType::Activation, {}, {}}},
        {"activation", {DnnLayerType::Activation, {"function"}, {}}},
        {"add", {DnnLayerType::Add, {"inputs"}, {}}},
        {"concat", {DnnLayerType::Concat, {"inputs"}, {}}},
        {"mul", {DnnLayerType::Mul, {"inputs"}, {}}},
        {"slice", {DnnLayerType::Slice, {}, {"channels", "rows", "columns"}}},
        {"channel_shuffle", {DnnLayerType::ChannelShuffle, {"groups"}, {}}},
        {"flatten", {DnnLayerType::Flatten, {}, {}}},
        {"dropout", {DnnLayerType::Dropout, {}, {"p"}}},
        {"softmax", {DnnLayerType::Softmax, {}, {}}},
        {"layer_norm", {DnnLayerType::LayerNorm, {}, {}}},
        {"matmul", {DnnLayerType::MatMul, {"inputs"}, {}}},
        {"transpose", {DnnLayerType::Transpose, {"perm"}, {}}},
        {"reshape", {DnnLayerType::Reshape, {"shape"}, {}}},
        {"class_token", {DnnLayerType::ClassToken, {}, {"tokens"}}},
        {"position_embedding", {DnnLayerType::PositionEmbedding, {}, {}}},
    };
    return specs;
}

DnnTensorShape
ReadShape(const DnnJsonReader& reader)
{
    const auto dims = reader.Elements(1);
    if (dims.size() == 3)
    {
        return DnnTensorShape{dims[0].AsPositive(), dims[1].AsPositive(), dims[2].AsPositive(),
                              false};
    }
    if (dims.size() == 1)
    {
        return DnnTensorShape{dims[0].AsPositive(), 1, 1, true};
    }
    reader.Fail("must be [channels, height, width] or [features], got " + reader.Quote());
}

/** Read a layer's own keys (not its inputs) into \p layer. */
void
ReadLayerKeys(const DnnJsonReader& reader, const std::string& typeName, DnnLayer& layer)
{
    const TypeSpec& spec = TypeSpecs().at(typeName);
    std::vector<std::string> required{"name", "type"};
    required.insert(required.end(), spec.required.begin(), spec.required.end());
    std::vector<std::string> optional = spec.optional;
    if (std::find(required.begin(), required.end(), "inputs") == required.end())
    {
        optional.push_back("inputs");
    }
    reader.ExpectObject(required, optional);

    layer.type = spec.type;
    if (typeName == "activation")
    {
        layer.function = reader["function"].AsChoice(ACTIVATION_FUNCTIONS);
    }
    if (reader.Has("out_channels"))
    {
        layer.outChannels = reader["out_channels"].AsPositive();
    }
    if (reader.Has("out_features"))
    {
        layer.outFeatures = reader["out_features"].AsPositive();
    }
    if (reader.Has("kernel"))
    {
        layer.kernel = reader["kernel"].AsPositivePair();
        // Pools default their stride to the kernel, as PyTorch does.
        layer.stride = typeName == "conv" ? std::array<uint64_t, 2>{1, 1} : layer.kernel;
    }
    if (reader.Has("stride"))
    {
        layer.stride = reader["stride"].AsPositivePair();
    }
    if (reader.Has("padding"))
    {
        layer.padding = reader["padding"].AsNonNegativePair();
    }
    if (reader.Has("dilation"))
    {
        layer.dilation = reader["dilation"].AsPositivePair();
    }
    if (reader.Has("output_size"))
    {
        layer.outputSize = reader["output_size"].AsPositivePair();
    }
    if (typeName == "slice")
    {
        // Exactly one of channels, rows, columns: the axis and its range.
        const std::array<std::string, 3> axes{"channels", "rows", "columns"};
        int found = 0;
        for (uint32_t axis = 0; axis < axes.size(); ++axis)
        {
            if (!reader.Has(axes[axis]))
            {
                continue;
            }
            ++found;
            const DnnJsonReader item = reader[axes[axis]];
            const auto range = item.Elements(2);
            if (range.size() != 2)
            {
                item.Fail("must be [first, end] (end exclusive), got " + item.Quote());
            }
            layer.sliceAxis = axis;
            layer.channelRange = {static_cast<uint64_t>(range[0].AsInt(0, int64_t{1} << 40)),
                                  static_cast<uint64_t>(range[1].AsInt(1, int64_t{1} << 40))};
        }
        if (found != 1)
        {
            reader.Fail("a slice needs exactly one of channels, rows or columns ([first, end])");
        }
    }
    if (reader.Has("per_token"))
    {
        layer.perToken = reader["per_token"].AsBool();
    }
    if (reader.Has("perm"))
    {
        const DnnJsonReader item = reader["perm"];
        const auto perm = item.Elements(3);
        if (perm.size() != 3)
        {
            item.Fail("must be a permutation of [0, 1, 2], got " + item.Quote());
        }
        for (std::size_t i = 0; i < 3; ++i)
        {
            layer.perm[i] = static_cast<uint32_t>(perm[i].AsInt(0, 2));
        }
    }
    if (reader.Has("shape"))
    {
        layer.targetShape = ReadShape(reader["shape"]);
    }
    if (reader.Has("tokens"))
    {
        layer.tokens = static_cast<uint64_t>(reader["tokens"].AsInt(1, int64_t{1} << 40));
    }
    if (reader.Has("groups"))
    {
        layer.groups = reader["groups"].AsPositive();
    }
    if (reader.Has("bias"))
    {
        layer.bias = reader["bias"].AsBool();
    }
    if (reader.Has("ceil_mode"))
    {
        layer.ceilMode = reader["ceil_mode"].AsBool();
    }
    if (reader.Has("p"))
    {
        const double p = reader["p"].AsNumber(0.0, 1.0);
        (void) p; // dropout is the identity at inference; the probability is documentation
    }
}

/** Every key any layer type accepts (for a first typo check). */
const std::vector<std::string>&
AllLayerKeys()
{
    static const std::vector<std::string> keys = []
    {
        std::set<std::string> all{"inputs"};
        for (const auto& entry : TypeSpecs())
        {
            all.insert(entry.second.required.begin(), entry.second.required.end());
            all.insert(entry.second.optional.begin(), entry.second.optional.end());
        }
        return std::vector<std::string>(all.begin(), all.end());
    }();
    return keys;
}

} // namespace

const std::vector<std::string>&
DnnModelReader::LayerTypeNames()
{
    static const std::vector<std::string> names = []
    {
        std::vector<std::string> out;
        for (const auto& entry : TypeSpecs())
        {
            out.push_back(entry.first);
        }
        return out;
    }();
    return names;
}

DnnModel
DnnModelReader::ReadFile(const std::string& file)
{
    NS_LOG_FUNCTION(file);
    const std::string onnx = ".onnx";
    if (file.size() > onnx.size() &&
        std::equal(onnx.rbegin(), onnx.rend(), file.rbegin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
    {
        return DnnOnnxReader::ReadFile(file);
    }
    return Read(DnnJsonReader::ParseFile(file), file);
}

DnnModel
DnnModelReader::ReadText(const std::string& text, const std::string& file)
{
    return Read(DnnJsonReader::ParseText(text, file), file);
}

DnnModel
DnnModelReader::Read(const nlohmann::json& document, const std::string& file)
{
    NS_LOG_FUNCTION(&document << file);
    const DnnJsonReader root(document, file);
    root.ExpectObject({"name", "input", "layers"}, {"source", "description", "element_bytes"});
    const std::string name = root["name"].AsName();
    if (root.Has("source"))
    {
        root["source"].AsString();
    }
    if (root.Has("description"))
    {
        root["description"].AsString();
    }
    const uint32_t activationBytes =
        root.Has("element_bytes") ? static_cast<uint32_t>(root["element_bytes"].AsInt(1, 64)) : 4;

    const DnnJsonReader input = root["input"];
    input.ExpectObject({"shape"}, {"element_bytes"});
    const DnnTensorShape inputShape = ReadShape(input["shape"]);
    const uint32_t inputBytes =
        input.Has("element_bytes") ? static_cast<uint32_t>(input["element_bytes"].AsInt(1, 64)) : 1;

    const auto layerReaders = root["layers"].Elements(1);
    std::vector<DnnLayer> layers(layerReaders.size());
    std::map<std::string, int32_t> index;
    std::vector<std::string> names;
    // First pass: names and types, so that inputs may name any layer.
    for (std::size_t i = 0; i < layerReaders.size(); ++i)
    {
        const DnnJsonReader& reader = layerReaders[i];
        if (!reader.Value().is_object())
        {
            reader.Fail("a layer must be an object, got " + reader.Quote());
        }
        reader.ExpectObject({"name", "type"}, AllLayerKeys()); // typos first, with did-you-mean
        layers[i].name = reader["name"].AsName();
        if (layers[i].name == INPUT_NAME)
        {
            reader["name"].Fail("\"input\" is reserved: it names the model input in inputs lists");
        }
        if (layers[i].name == OUTPUT_NAME)
        {
            reader["name"].Fail("\"output\" is reserved: it names a request's result (sink task)");
        }
        if (!index.emplace(layers[i].name, static_cast<int32_t>(i)).second)
        {
            reader["name"].Fail("layer name \"" + layers[i].name +
                                "\" is used twice (first at /layers/" +
                                std::to_string(index[layers[i].name]) + ")");
        }
        names.push_back(layers[i].name);
        const std::string typeName = reader["type"].AsChoice(LayerTypeNames());
        ReadLayerKeys(reader, typeName, layers[i]);
    }
    // Second pass: resolve inputs.
    for (std::size_t i = 0; i < layerReaders.size(); ++i)
    {
        const DnnJsonReader& reader = layerReaders[i];
        if (!reader.Has("inputs"))
        {
            layers[i].inputs = {i == 0 ? DnnLayer::MODEL_INPUT : static_cast<int32_t>(i - 1)};
            continue;
        }
        for (const auto& item : reader["inputs"].Elements(1))
        {
            const std::string producer = item.AsName();
            if (producer == INPUT_NAME)
            {
                layers[i].inputs.push_back(DnnLayer::MODEL_INPUT);
                continue;
            }
            const auto it = index.find(producer);
            if (it == index.end())
            {
                std::string detail = "no layer is named \"" + producer + "\"";
                std::vector<std::string> candidates = names;
                candidates.push_back(INPUT_NAME);
                const std::string suggestion = DnnDidYouMean(producer, candidates);
                if (!suggestion.empty())
                {
                    detail += " (did you mean \"" + suggestion + "\"?)";
                }
                item.Fail(detail);
            }
            if (it->second == static_cast<int32_t>(i))
            {
                item.Fail("layer \"" + producer + "\" cannot be its own input");
            }
            layers[i].inputs.push_back(it->second);
        }
    }
    NS_LOG_INFO(file << ": model \"" << name << "\", input " << inputShape.ToString() << ", "
                     << layers.size() << " layers");
    return DnnModel(name, inputShape, inputBytes, activationBytes, std::move(layers), file);
}

} // namespace ns3
