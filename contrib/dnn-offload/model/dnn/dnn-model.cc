/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-model.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnModel");

namespace
{

/** Largest value any computed figure may reach before we call the model absurd. */
constexpr uint64_t FIGURE_LIMIT = std::numeric_limits<uint64_t>::max() / 4;

/** Multiply, throwing std::overflow_error instead of wrapping around. */
uint64_t
Mul(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r) || r > FIGURE_LIMIT)
    {
        throw std::overflow_error("overflow");
    }
    return r;
}

/** Output length of a sliding window over \p in positions (PyTorch's rule). */
uint64_t
WindowOutput(uint64_t in, uint64_t k, uint64_t s, uint64_t p, uint64_t d, bool ceilMode)
{
    const uint64_t span = in + 2 * p - d * (k - 1) - 1; // caller checked it is >= 0
    uint64_t out = (ceilMode ? (span + s - 1) / s : span / s) + 1;
    if (ceilMode && (out - 1) * s >= in + p)
    {
        --out; // the last window must start inside the input or the left padding
    }
    return out;
}

/** Sum over adaptive-pool output positions of their window lengths. */
uint64_t
AdaptiveWindowSum(uint64_t in, uint64_t out)
{
    uint64_t sum = 0;
    for (uint64_t i = 0; i < out; ++i)
    {
        const uint64_t start = i * in / out;
        const uint64_t end = ((i + 1) * in + out - 1) / out;
        sum += end - start;
    }
    return sum;
}

} // namespace

DnnModel::DnnModel(std::string name, DnnTensorShape inputShape, uint32_t inputElementBytes,
                   uint32_t activationElementBytes, std::vector<DnnLayer> layers, std::string file)
    : m_name(std::move(name)), m_file(std::move(file)), m_inputShape(inputShape),
      m_inputElementBytes(inputElementBytes), m_activationElementBytes(activationElementBytes),
      m_layers(std::move(layers))
{
    if (m_layers.empty())
    {
        throw DnnInputError(m_file, "/layers", "a model needs at least one layer");
    }
    if (m_inputShape.channels == 0 || m_inputShape.height == 0 || m_inputShape.width == 0)
    {
        throw DnnInputError(m_file, "/input/shape", "every dimension must be positive");
    }
    try
    {
        Mul(Mul(m_inputShape.channels, m_inputShape.height), Mul(m_inputShape.width, 64));
    }
    catch (const std::overflow_error&)
    {
        throw DnnInputError(m_file, "/input/shape",
                            "the input has too many elements to count: " + m_inputShape.ToString());
    }
    m_consumers.assign(m_layers.size(), {});
    for (std::size_t i = 0; i < m_layers.size(); ++i)
    {
        for (int32_t in : m_layers[i].inputs)
        {
            if (in == DnnLayer::MODEL_INPUT)
            {
                m_inputConsumers.push_back(static_cast<int32_t>(i));
            }
            else if (in < 0 || static_cast<std::size_t>(in) >= m_layers.size())
            {
                Fail(i, "inputs", "input index " + std::to_string(in) + " does not exist");
            }
            else if (std::find(m_consumers[in].begin(), m_consumers[in].end(), i) ==
                     m_consumers[in].end())
            {
                m_consumers[in].push_back(static_cast<int32_t>(i));
            }
        }
    }
    SortLayers();
    for (int32_t index : m_order)
    {
        try
        {
            InferLayer(index);
        }
        catch (const std::overflow_error&)
        {
            Fail(index, "", "its figures overflow 64-bit counters: sizes are absurdly large");
        }
    }
    NS_LOG_INFO("model " << m_name << ": " << m_layers.size() << " layers, " << Params()
                         << " params, " << Flops() << " FLOPs");
}

void
DnnModel::Fail(std::size_t index, const std::string& key, const std::string& detail) const
{
    std::string path = "/layers/" + std::to_string(index);
    if (!key.empty())
    {
        path += "/" + key;
    }
    throw DnnInputError(m_file, path, "layer \"" + m_layers[index].name + "\": " + detail);
}

void
DnnModel::SortLayers()
{
    // Iterative depth-first search over producer links; a grey producer is a cycle.
    enum Colour : uint8_t
    {
        WHITE,
        GREY,
        BLACK
    };
    std::vector<Colour> colour(m_layers.size(), WHITE);
    m_order.clear();
    for (std::size_t root = 0; root < m_layers.size(); ++root)
    {
        if (colour[root] != WHITE)
        {
            continue;
        }
        std::vector<std::pair<int32_t, std::size_t>> stack{{static_cast<int32_t>(root), 0}};
        colour[root] = GREY;
        while (!stack.empty())
        {
            auto& [node, next] = stack.back();
            const auto& inputs = m_layers[node].inputs;
            if (next == inputs.size())
            {
                colour[node] = BLACK;
                m_order.push_back(node);
                stack.pop_back();
                continue;
            }
            const int32_t producer = inputs[next++];
            if (producer == DnnLayer::MODEL_INPUT || colour[producer] == BLACK)
            {
                continue;
            }
            if (colour[producer] == GREY)
            {
                // Walk the stack from the producer up to the current node: that is the cycle,
                // listed in data-flow order (producer first).
                std::vector<std::string> cycle;
                bool on = false;
                for (const auto& frame : stack)
                {
                    on = on || frame.first == producer;
                    if (on)
                    {
                        cycle.push_back(m_layers[frame.first].name);
                    }
                }
                std::reverse(cycle.begin(), cycle.end());
                std::rotate(cycle.begin(), cycle.end() - 1, cycle.end());
                throw DnnCycleError(m_file, "/layers", cycle);
            }
            colour[producer] = GREY;
            stack.emplace_back(producer, 0);
        }
    }
}

void
DnnModel::InferLayer(std::size_t index)
{
    DnnLayer& layer = m_layers[index];
    const bool multiInput = layer.type == DnnLayerType::Add || layer.type == DnnLayerType::Concat ||
                            layer.type == DnnLayerType::Mul;
    if (multiInput && layer.inputs.size() < 2)
    {
        Fail(index, "inputs", DnnLayerTypeName(layer.type) + " needs at least two inputs");
    }
    if (layer.type == DnnLayerType::MatMul && layer.inputs.size() != 2)
    {
        Fail(index, "inputs",
             "matmul takes exactly two inputs, got " + std::to_string(layer.inputs.size()));
    }
    if (!multiInput && layer.type != DnnLayerType::MatMul && layer.inputs.size() != 1)
    {
        Fail(index, "inputs",
             DnnLayerTypeName(layer.type) + " takes exactly one input, got " +
                 std::to_string(layer.inputs.size()));
    }
    const DnnTensorShape in = ProducerShape(layer.inputs.front());
    auto requireSpatial = [&]()
    {
        if (in.flat)
        {
            Fail(index, "",
                 DnnLayerTypeName(layer.type) + " needs a [C, H, W] input, got flat " +
                     in.ToString());
        }
    };
    DnnTensorShape out = in;
    layer.params = 0;
    layer.macs = 0;
    layer.flops = 0;
    switch (layer.type)
    {
    case DnnLayerType::Conv:
    case DnnLayerType::MaxPool:
    case DnnLayerType::AvgPool:
    {
        requireSpatial();
        const bool isConv = layer.type == DnnLayerType::Conv;
        const bool ceilMode = !isConv && layer.ceilMode;
        const std::array<uint64_t, 2> inSize{in.height, in.width};
        const std::string dimName[2] = {"height", "width"};
        std::array<uint64_t, 2> outSize{};
        for (int d = 0; d < 2; ++d)
        {
            const uint64_t extent = Mul(layer.dilation[d], layer.kernel[d] - 1) + 1;
            const uint64_t padded = inSize[d] + 2 * layer.padding[d];
            if (extent > padded)
            {
                Fail(index, "kernel",
                     std::string("kernel ") + dimName[d] + " " + std::to_string(layer.kernel[d]) +
                         (layer.dilation[d] > 1 ? " (dilated extent " + std::to_string(extent) + ")"
                                                : std::string()) +
                         " is larger than the padded input " + dimName[d] + " " +
                         std::to_string(padded) + " (input " + std::to_string(inSize[d]) +
                         " + 2 x padding " + std::to_string(layer.padding[d]) + ")");
            }
            if (!isConv && 2 * layer.padding[d] > layer.kernel[d])
            {
                Fail(index, "padding",
                     "pool padding " + std::to_string(layer.padding[d]) +
                         " must be at most half the kernel " + std::to_string(layer.kernel[d]));
            }
            outSize[d] = WindowOutput(inSize[d], layer.kernel[d], layer.stride[d], layer.padding[d],
                                      layer.dilation[d], ceilMode);
        }
        out = DnnTensorShape{in.channels, outSize[0], outSize[1], false};
        const uint64_t window = Mul(layer.kernel[0], layer.kernel[1]);
        if (isConv)
        {
            if (in.channels % layer.groups != 0 || layer.outChannels % layer.groups != 0)
            {
                Fail(index, "groups",
                     "groups " + std::to_string(layer.groups) + " must divide the input channels " +
                         std::to_string(in.channels) + " and the output channels " +
                         std::to_string(layer.outChannels));
            }
            out.channels = layer.outChannels;
            const uint64_t perOutput = Mul(in.channels / layer.groups, window);
            layer.params = Mul(layer.outChannels, perOutput) + (layer.bias ? layer.outChannels : 0);
            layer.macs = Mul(out.Elements(), perOutput);
            layer.flops = Mul(2, layer.macs);
        }
        else
        {
            layer.flops = Mul(out.Elements(), window);
        }
        break;
    }
    case DnnLayerType::AdaptiveAvgPool:
        requireSpatial();
        out = DnnTensorShape{in.channels, layer.outputSize[0], layer.outputSize[1], false};
        layer.flops = Mul(in.channels, Mul(AdaptiveWindowSum(in.height, layer.outputSize[0]),
                                           AdaptiveWindowSum(in.width, layer.outputSize[1])));
        break;
    case DnnLayerType::Linear:
    {
        if (!in.flat && !layer.perToken)
        {
            Fail(index, "",
                 "linear needs a flat input, got " + in.ToString() +
                     " (add a flatten layer before it, or set per_token to apply it to the last "
                     "axis at every position)");
        }
        // Per token: the last axis (W) of every one of the C x H positions.
        const uint64_t features = in.flat ? in.channels : in.width;
        const uint64_t positions = in.flat ? 1 : Mul(in.channels, in.height);
        out = in.flat ? DnnTensorShape{layer.outFeatures, 1, 1, true}
                      : DnnTensorShape{in.channels, in.height, layer.outFeatures, false};
        layer.params = Mul(features, layer.outFeatures) + (layer.bias ? layer.outFeatures : 0);
        layer.macs = Mul(positions, Mul(features, layer.outFeatures));
        layer.flops = Mul(2, layer.macs);
        break;
    }
    case DnnLayerType::LayerNorm:
        // A scale and a shift per feature of the last axis; 5 FLOPs per element (mean,
        // variance, normalise, scale, shift), where batchnorm's constant statistics leave 2.
        layer.params = Mul(2, in.flat ? in.channels : in.width);
        layer.flops = Mul(5, in.Elements());
        break;
    case DnnLayerType::MatMul:
    {
        const DnnTensorShape b = ProducerShape(layer.inputs[1]);
        if (in.flat || b.flat || in.channels != b.channels || in.width != b.height)
        {
            Fail(index, "inputs",
                 "matmul needs [C, M, K] and [C, K, N] inputs, got " + in.ToString() + " and " +
                     b.ToString());
        }
        out = DnnTensorShape{in.channels, in.height, b.width, false};
        layer.macs = Mul(Mul(in.channels, in.height), Mul(in.width, b.width));
        layer.flops = Mul(2, layer.macs);
        break;
    }
    case DnnLayerType::Transpose:
    {
        requireSpatial();
        auto p = layer.perm;
        std::sort(p.begin(), p.end());
        if (p != std::array<uint32_t, 3>{0, 1, 2})
        {
            Fail(index, "perm",
                 "perm must be a permutation of 0, 1, 2, got [" + std::to_string(layer.perm[0]) +
                     ", " + std::to_string(layer.perm[1]) + ", " + std::to_string(layer.perm[2]) +
                     "]");
        }
        const std::array<uint64_t, 3> dims{in.channels, in.height, in.width};
        out = DnnTensorShape{dims[layer.perm[0]], dims[layer.perm[1]], dims[layer.perm[2]], false};
        break;
    }
    case DnnLayerType::Reshape:
    {
        const DnnTensorShape& t = layer.targetShape;
        if (t.channels == 0 || t.height == 0 || t.width == 0 ||
            Mul(Mul(t.channels, t.height), t.width) != in.Elements())
        {
            Fail(index, "shape",
                 "the shape " + t.ToString() + " must have as many elements as the input " +
                     in.ToString());
        }
        out = t;
        break;
    }
    case DnnLayerType::ClassToken:
        requireSpatial();
        out.height = in.height + layer.tokens;
        layer.params = Mul(Mul(in.channels, layer.tokens), in.width);
        break;
    case DnnLayerType::PositionEmbedding:
        layer.params = in.Elements();
        layer.flops = in.Elements();
        break;
    case DnnLayerType::BatchNorm:
        layer.params = Mul(2, in.channels);
        layer.flops = Mul(2, in.Elements());
        break;
    case DnnLayerType::Activation:
        layer.flops = in.Elements();
        break;
    case DnnLayerType::Softmax:
        layer.flops = Mul(3, in.Elements());
        break;
    case DnnLayerType::Dropout:
        break;
    case DnnLayerType::Flatten:
        out = DnnTensorShape{in.Elements(), 1, 1, true};
        break;
    case DnnLayerType::Add:
    case DnnLayerType::Concat:
    {
        const bool isAdd = layer.type == DnnLayerType::Add;
        for (std::size_t k = 1; k < layer.inputs.size(); ++k)
        {
            const DnnTensorShape other = ProducerShape(layer.inputs[k]);
            const bool agree = isAdd ? other == in
                                     : other.flat == in.flat && other.height == in.height &&
                                           other.width == in.width;
            if (!agree)
            {
                const int32_t first = layer.inputs.front();
                const int32_t kth = layer.inputs[k];
                auto nameOf = [&](int32_t p)
                {
                    return p == DnnLayer::MODEL_INPUT ? std::string("input") : m_layers[p].name;
                };
                Fail(index, "inputs/" + std::to_string(k),
                     std::string(isAdd ? "add inputs must have equal shapes"
                                       : "concat inputs must have equal height and width") +
                         ": \"" + nameOf(first) + "\" is " + in.ToString() + " but \"" +
                         nameOf(kth) + "\" is " + other.ToString());
            }
            if (!isAdd)
            {
                out.channels += other.channels;
            }
        }
        layer.flops = isAdd ? Mul(in.Elements(), layer.inputs.size() - 1) : 0;
        break;
    }
    case DnnLayerType::Slice:
    {
        requireSpatial();
        const auto& r = layer.channelRange;
        static const std::array<std::string, 3> axisName{"channels", "rows", "columns"};
        if (layer.sliceAxis > 2)
        {
            Fail(index, "", "the slice axis must be 0, 1 or 2");
        }
        uint64_t* dim = layer.sliceAxis == 0 ? &out.channels
                      : layer.sliceAxis == 1 ? &out.height
                                             : &out.width;
        if (r[0] >= r[1] || r[1] > *dim)
        {
            Fail(index, axisName[layer.sliceAxis],
                 "the " +
                     axisName[layer.sliceAxis].substr(0, axisName[layer.sliceAxis].size() - 1) +
                     " range [" + std::to_string(r[0]) + ", " + std::to_string(r[1]) +
                     ") must be non-empty and within the input's " + std::to_string(*dim) + " " +
                     axisName[layer.sliceAxis]);
        }
        *dim = r[1] - r[0];
        break;
    }
    case DnnLayerType::ChannelShuffle:
        requireSpatial();
        if (in.channels % layer.groups != 0)
        {
            Fail(index, "groups",
                 "groups " + std::to_string(layer.groups) + " must divide the input channels " +
                     std::to_string(in.channels));
        }
        break;
    case DnnLayerType::Mul:
    {
        // Equal shapes, or [C, 1, 1] factors scaling a [C, H, W] input channel by channel.
        for (std::size_t k = 0; k < layer.inputs.size(); ++k)
        {
            const DnnTensorShape other = ProducerShape(layer.inputs[k]);
            if (other.Elements() > out.Elements())
            {
                out = other;
            }
        }
        for (std::size_t k = 0; k < layer.inputs.size(); ++k)
        {
            const DnnTensorShape other = ProducerShape(layer.inputs[k]);
            const bool factor = !other.flat && !out.flat && other.channels == out.channels &&
                                other.height == 1 && other.width == 1;
            if (other != out && !factor)
            {
                const int32_t p = layer.inputs[k];
                Fail(index, "inputs/" + std::to_string(k),
                     "mul inputs must have equal shapes or be [C, 1, 1] factors of a [C, H, W] "
                     "input: \"" +
                         (p == DnnLayer::MODEL_INPUT ? std::string("input") : m_layers[p].name) +
                         "\" is " + other.ToString() + ", the product " + out.ToString());
            }
        }
        layer.flops = Mul(out.Elements(), layer.inputs.size() - 1);
        break;
    }
    }
    // Every byte count downstream is elements x element bytes (at most 64): keep it countable.
    Mul(Mul(out.channels, out.height), Mul(out.width, 64));
    layer.outputShape = out;
}

const std::string&
DnnModel::Name() const
{
    return m_name;
}

const std::string&
DnnModel::File() const
{
    return m_file;
}

const DnnTensorShape&
DnnModel::InputShape() const
{
    return m_inputShape;
}

uint32_t
DnnModel::InputElementBytes() const
{
    return m_inputElementBytes;
}

uint64_t
DnnModel::InputBytes() const
{
    return m_inputShape.Elements() * m_inputElementBytes;
}

uint32_t
DnnModel::ActivationElementBytes() const
{
    return m_activationElementBytes;
}

const std::vector<DnnLayer>&
DnnModel::Layers() const
{
    return m_layers;
}

const DnnLayer&
DnnModel::Layer(std::size_t index) const
{
    return m_layers.at(index);
}

std::size_t
DnnModel::LayerCount() const
{
    return m_layers.size();
}

int32_t
DnnModel::FindLayer(const std::string& name) const
{
    for (std::size_t i = 0; i < m_layers.size(); ++i)
    {
        if (m_layers[i].name == name)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

const DnnTensorShape&
DnnModel::ProducerShape(int32_t producer) const
{
    return producer == DnnLayer::MODEL_INPUT ? m_inputShape : m_layers.at(producer).outputShape;
}

const std::vector<int32_t>&
DnnModel::Consumers(std::size_t index) const
{
    return m_consumers.at(index);
}

const std::vector<int32_t>&
DnnModel::InputConsumers() const
{
    return m_inputConsumers;
}

const std::vector<int32_t>&
DnnModel::TopologicalOrder() const
{
    return m_order;
}

std::vector<int32_t>
DnnModel::OutputLayers() const
{
    std::vector<int32_t> outputs;
    for (std::size_t i = 0; i < m_layers.size(); ++i)
    {
        if (m_consumers[i].empty())
        {
            outputs.push_back(static_cast<int32_t>(i));
        }
    }
    return outputs;
}

uint64_t
DnnModel::OutputBytes(std::size_t index) const
{
    return m_layers.at(index).outputShape.Elements() * m_activationElementBytes;
}

uint64_t
DnnModel::Params() const
{
    uint64_t sum = 0;
    for (const auto& layer : m_layers)
    {
        sum += layer.params;
    }
    return sum;
}

uint64_t
DnnModel::ConvLinearMacs() const
{
    uint64_t sum = 0;
    for (const auto& layer : m_layers)
    {
        sum += layer.macs;
    }
    return sum;
}

uint64_t
DnnModel::Flops() const
{
    uint64_t sum = 0;
    for (const auto& layer : m_layers)
    {
        sum += layer.flops;
    }
    return sum;
}

DnnWork
DnnModel::Work() const
{
    DnnWork sum;
    for (const auto& layer : m_layers)
    {
        sum += layer.Work();
    }
    return sum;
}

} // namespace ns3
