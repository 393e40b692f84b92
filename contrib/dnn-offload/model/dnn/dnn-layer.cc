/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-layer.h"

#include <algorithm>

namespace ns3
{

std::string
DnnLayerTypeName(DnnLayerType type)
{
    switch (type)
    {
    case DnnLayerType::Conv:
        return "conv";
    case DnnLayerType::MaxPool:
        return "maxpool";
    case DnnLayerType::AvgPool:
        return "avgpool";
    case DnnLayerType::AdaptiveAvgPool:
        return "adaptive_avgpool";
    case DnnLayerType::Linear:
        return "linear";
    case DnnLayerType::BatchNorm:
        return "batchnorm";
    case DnnLayerType::Activation:
        return "activation";
    case DnnLayerType::Add:
        return "add";
    case DnnLayerType::Concat:
        return "concat";
    case DnnLayerType::Flatten:
        return "flatten";
    case DnnLayerType::Dropout:
        return "dropout";
    case DnnLayerType::Softmax:
        return "softmax";
    case DnnLayerType::Mul:
        return "mul";
    case DnnLayerType::Slice:
        return "slice";
    case DnnLayerType::ChannelShuffle:
        return "channel_shuffle";
    case DnnLayerType::LayerNorm:
        return "layer_norm";
    case DnnLayerType::MatMul:
        return "matmul";
    case DnnLayerType::Transpose:
        return "transpose";
    case DnnLayerType::Reshape:
        return "reshape";
    case DnnLayerType::ClassToken:
        return "class_token";
    case DnnLayerType::PositionEmbedding:
        return "position_embedding";
    }
    return "?";
}

bool
IsFusableLayerType(DnnLayerType type)
{
    return type == DnnLayerType::Activation || type == DnnLayerType::BatchNorm ||
           type == DnnLayerType::Dropout || type == DnnLayerType::Flatten ||
           type == DnnLayerType::PositionEmbedding;
}

DnnWorkKind
DnnLayer::WorkKind() const
{
    switch (type)
    {
    case DnnLayerType::Conv:
        return groups > 1 ? DnnWorkKind::GroupedConv : DnnWorkKind::Conv;
    case DnnLayerType::Linear:
    case DnnLayerType::MatMul:
        return DnnWorkKind::Linear;
    case DnnLayerType::MaxPool:
    case DnnLayerType::AvgPool:
    case DnnLayerType::AdaptiveAvgPool:
        return DnnWorkKind::Pooling;
    default:
        return DnnWorkKind::Elementwise;
    }
}

DnnWork
DnnLayer::Work() const
{
    return DnnWork::Of(WorkKind(), flops);
}

uint64_t
DnnTensorShape::Elements() const
{
    return channels * height * width;
}

std::string
DnnTensorShape::ToString() const
{
    if (flat)
    {
        return std::to_string(channels);
    }
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

std::vector<uint64_t>
DnnTensorShape::Dims() const
{
    if (flat)
    {
        return {channels};
    }
    return {channels, height, width};
}

bool
DnnTensorShape::operator==(const DnnTensorShape& o) const
{
    return channels == o.channels && height == o.height && width == o.width && flat == o.flat;
}

bool
DnnTensorShape::operator!=(const DnnTensorShape& o) const
{
    return !(*this == o);
}

bool
DnnLayer::IsSpatial() const
{
    switch (type)
    {
    case DnnLayerType::Conv:
    case DnnLayerType::MaxPool:
    case DnnLayerType::AvgPool:
    case DnnLayerType::AdaptiveAvgPool:
    case DnnLayerType::Add:
    case DnnLayerType::Concat:
    case DnnLayerType::ChannelShuffle:
        return true;
    case DnnLayerType::Slice:
        return sliceAxis != 1; // a range of rows maps output rows onto other input rows
    case DnnLayerType::Linear:
        return perToken; // row by row; a linear on a flat input is cut into neuron groups
    case DnnLayerType::Mul:
    case DnnLayerType::Activation:
    case DnnLayerType::BatchNorm:
    case DnnLayerType::Dropout:
    case DnnLayerType::LayerNorm:
    case DnnLayerType::Softmax:
    case DnnLayerType::PositionEmbedding:
        return !outputShape.flat; // over the last axis or elementwise: row by row
    default:
        return false;
    }
}

std::array<uint64_t, 2>
DnnLayer::InputRows(uint64_t inputHeight, uint64_t firstRow, uint64_t lastRow) const
{
    int64_t first = static_cast<int64_t>(firstRow);
    int64_t last = static_cast<int64_t>(lastRow);
    switch (type)
    {
    case DnnLayerType::Conv:
    case DnnLayerType::MaxPool:
    case DnnLayerType::AvgPool:
    {
        const auto s = static_cast<int64_t>(stride[0]);
        const auto p = static_cast<int64_t>(padding[0]);
        const auto extent = static_cast<int64_t>(dilation[0] * (kernel[0] - 1));
        first = first * s - p;
        last = last * s - p + extent;
        break;
    }
    case DnnLayerType::AdaptiveAvgPool:
    {
        // PyTorch: window of output row i is [floor(i*H/h), ceil((i+1)*H/h)).
        const auto in = static_cast<int64_t>(inputHeight);
        const auto out = static_cast<int64_t>(outputSize[0]);
        first = first * in / out;
        last = ((last + 1) * in + out - 1) / out - 1;
        break;
    }
    default:
        break; // elementwise, add, mul, concat: row i reads row i (row 0 of a 1-row factor)
    }
    const auto maxRow = static_cast<int64_t>(inputHeight) - 1;
    first = std::clamp<int64_t>(first, 0, maxRow);
    last = std::clamp<int64_t>(last, 0, maxRow);
    return {static_cast<uint64_t>(first), static_cast<uint64_t>(last)};
}

} // namespace ns3
