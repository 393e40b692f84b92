/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-model-writer.h"

#include <array>

namespace ns3
{

namespace
{

/** A (height, width) pair: one number when both agree, as the zoo files write it. */
nlohmann::json
Pair(const std::array<uint64_t, 2>& value)
{
    if (value[0] == value[1])
    {
        return value[0];
    }
    return nlohmann::json::array({value[0], value[1]});
}

nlohmann::json
LayerToJson(const DnnModel& model, const DnnLayer& layer)
{
    nlohmann::json out = nlohmann::json::object();
    out["name"] = layer.name;
    nlohmann::json inputs = nlohmann::json::array();
    for (int32_t in : layer.inputs)
    {
        inputs.push_back(in == DnnLayer::MODEL_INPUT ? std::string("input") : model.Layer(in).name);
    }
    switch (layer.type)
    {
    case DnnLayerType::Conv:
        out["type"] = "conv";
        out["out_channels"] = layer.outChannels;
        out["kernel"] = Pair(layer.kernel);
        out["stride"] = Pair(layer.stride);
        out["padding"] = Pair(layer.padding);
        out["dilation"] = Pair(layer.dilation);
        out["groups"] = layer.groups;
        out["bias"] = layer.bias;
        break;
    case DnnLayerType::MaxPool:
        out["type"] = "maxpool";
        out["kernel"] = Pair(layer.kernel);
        out["stride"] = Pair(layer.stride);
        out["padding"] = Pair(layer.padding);
        out["dilation"] = Pair(layer.dilation);
        out["ceil_mode"] = layer.ceilMode;
        break;
    case DnnLayerType::AvgPool:
        out["type"] = "avgpool";
        out["kernel"] = Pair(layer.kernel);
        out["stride"] = Pair(layer.stride);
        out["padding"] = Pair(layer.padding);
        out["ceil_mode"] = layer.ceilMode;
        break;
    case DnnLayerType::AdaptiveAvgPool:
        out["type"] = "adaptive_avgpool";
        out["output_size"] = Pair(layer.outputSize);
        break;
    case DnnLayerType::Linear:
        out["type"] = "linear";
        out["out_features"] = layer.outFeatures;
        out["bias"] = layer.bias;
        if (layer.perToken)
        {
            out["per_token"] = true;
        }
        break;
    case DnnLayerType::Slice:
    {
        static const std::array<const char*, 3> axes{"channels", "rows", "columns"};
        out["type"] = "slice";
        out[axes.at(layer.sliceAxis)] = {layer.channelRange[0], layer.channelRange[1]};
        break;
    }
    case DnnLayerType::Transpose:
        out["type"] = "transpose";
        out["perm"] = layer.perm;
        break;
    case DnnLayerType::Reshape:
        out["type"] = "reshape";
        out["shape"] = layer.targetShape.Dims();
        break;
    case DnnLayerType::ClassToken:
        out["type"] = "class_token";
        out["tokens"] = layer.tokens;
        break;
    case DnnLayerType::ChannelShuffle:
        out["type"] = "channel_shuffle";
        out["groups"] = layer.groups;
        break;
    case DnnLayerType::Activation:
        out["type"] = "activation";
        out["function"] = layer.function;
        break;
    default:
        out["type"] = DnnLayerTypeName(layer.type);
        break;
    }
    out["inputs"] = inputs;
    return out;
}

} // namespace

nlohmann::json
DnnModelWriter::ToJson(const DnnModel& model, const std::string& source)
{
    nlohmann::json doc = nlohmann::json::object();
    doc["name"] = model.Name();
    if (!source.empty())
    {
        doc["source"] = source;
    }
    doc["element_bytes"] = model.ActivationElementBytes();
    doc["input"] = {{"shape", model.InputShape().Dims()},
                    {"element_bytes", model.InputElementBytes()}};
    nlohmann::json layers = nlohmann::json::array();
    for (const DnnLayer& layer : model.Layers())
    {
        layers.push_back(LayerToJson(model, layer));
    }
    doc["layers"] = layers;
    return doc;
}

std::string
DnnModelWriter::ToText(const DnnModel& model, const std::string& source)
{
    nlohmann::json doc = ToJson(model, source);
    const nlohmann::json layers = doc["layers"];
    doc.erase("layers");
    // The header keys indented, then one compact line per layer.
    std::string text = "{\n";
    for (auto it = doc.begin(); it != doc.end(); ++it)
    {
        text += "  " + nlohmann::json(it.key()).dump() + ": " + it.value().dump() + ",\n";
    }
    text += "  \"layers\": [\n";
    for (std::size_t i = 0; i < layers.size(); ++i)
    {
        text += "    " + layers[i].dump() + (i + 1 < layers.size() ? ",\n" : "\n");
    }
    text += "  ]\n}\n";
    return text;
}

} // namespace ns3
