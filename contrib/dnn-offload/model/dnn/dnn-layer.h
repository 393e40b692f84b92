/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_LAYER_H
#define DNN_LAYER_H

#include "dnn-work.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The kinds of layer a DNN model file may contain.
 */
enum class DnnLayerType
{
    Conv,              //!< 2-D convolution (groups, dilation)
    MaxPool,           //!< 2-D max pooling
    AvgPool,           //!< 2-D average pooling
    AdaptiveAvgPool,   //!< adaptive average pooling to a fixed output size (global: 1x1)
    Linear,            //!< fully connected layer on a flat input, or per token on the last axis
    BatchNorm,         //!< batch normalisation (inference: a per-channel scale and shift)
    Activation,        //!< elementwise activation function (relu, relu6, sigmoid, ...)
    Add,               //!< elementwise sum of two or more equally shaped inputs
    Concat,            //!< concatenation along channels
    Flatten,           //!< reshape [C, H, W] to [C*H*W]
    Dropout,           //!< identity at inference
    Softmax,           //!< softmax over a flat vector or the last axis
    Mul,               //!< elementwise product of two or more inputs: equal shapes, or [C, 1, 1]
                       //!< factors broadcast over a [C, H, W] input (squeeze-and-excitation)
    Slice,             //!< a range of channels, rows or columns of a [C, H, W] input
    ChannelShuffle,    //!< channels regrouped: g groups interleaved (ShuffleNet)
    LayerNorm,         //!< layer normalisation over the last axis (W, or a flat vector)
    MatMul,            //!< product of two activations [C, M, K] x [C, K, N] (attention)
    Transpose,         //!< the axes of a [C, H, W] tensor permuted
    Reshape,           //!< a tensor viewed with another shape of as many elements
    ClassToken,        //!< learned tokens (rows) concatenated to a [C, tokens, W] sequence
    PositionEmbedding, //!< a learned tensor of the input's shape added to it
};

/**
 * \ingroup dnn-offload
 * \brief The canonical file name of a layer type ("conv", "maxpool", ...).
 * \param type the type
 * \return its name in model files
 */
std::string DnnLayerTypeName(DnnLayerType type);

/**
 * \ingroup dnn-offload
 * \brief Whether layers of this type are fused into their producer when tasks are formed
 *        (activation, batchnorm, dropout: elementwise; flatten: a view).
 * \param type the type
 * \return true for fusable types
 */
bool IsFusableLayerType(DnnLayerType type);

/**
 * \ingroup dnn-offload
 * \brief Shape of one activation tensor for batch size 1: [C, H, W], or [N] once flattened.
 */
struct DnnTensorShape
{
    uint64_t channels{0}; //!< C, or N for a flat tensor
    uint64_t height{1};   //!< H (1 when flat)
    uint64_t width{1};    //!< W (1 when flat)
    bool flat{false};     //!< true for a 1-D tensor [N]

    /** \brief Number of elements. \return C*H*W */
    uint64_t Elements() const;
    /** \brief Human-readable form, "64x55x55" or "4096". \return the text */
    std::string ToString() const;
    /** \brief Dimensions as a list, [C, H, W] or [N]. \return the list */
    std::vector<uint64_t> Dims() const;
    /** \brief Equality of all dimensions and flatness. \param o other \return true if equal */
    bool operator==(const DnnTensorShape& o) const;
    /** \brief Inequality. \param o other \return true if different */
    bool operator!=(const DnnTensorShape& o) const;
};

/**
 * \ingroup dnn-offload
 * \brief One layer of a DNN model: its hyper-parameters as written in the model file and
 *        the figures computed by shape inference (DnnModel fills those in).
 *
 * Two-element arrays hold (height, width) values.
 */
struct DnnLayer
{
    /** Index of the model input in DnnLayer::inputs. */
    static constexpr int32_t MODEL_INPUT = -1;

    std::string name;                      //!< unique name within the model
    DnnLayerType type{DnnLayerType::Conv}; //!< layer type
    std::string function{"relu"};          //!< activation function (Activation only)
    std::vector<int32_t> inputs;           //!< producer layer indices (MODEL_INPUT: the input)

    uint64_t outChannels{0};                    //!< conv: output channels
    uint64_t outFeatures{0};                    //!< linear: output neurons
    std::array<uint64_t, 2> kernel{1, 1};       //!< conv/pool: kernel (h, w)
    std::array<uint64_t, 2> stride{1, 1};       //!< conv/pool: stride (h, w)
    std::array<uint64_t, 2> padding{0, 0};      //!< conv/pool: zero padding (h, w)
    std::array<uint64_t, 2> dilation{1, 1};     //!< conv/maxpool: dilation (h, w)
    std::array<uint64_t, 2> outputSize{1, 1};   //!< adaptive pool: output (h, w)
    std::array<uint64_t, 2> channelRange{0, 0}; //!< slice: first and end (exclusive) index
    uint32_t sliceAxis{0};                      //!< slice: 0 channels, 1 rows, 2 columns
    std::array<uint32_t, 3> perm{0, 1, 2};      //!< transpose: output axis i is input axis perm[i]
    DnnTensorShape targetShape;                 //!< reshape: the output shape
    uint64_t tokens{1};                         //!< class_token: learned tokens added
    bool perToken{false}; //!< linear: applied to the last axis at every position of a
                          //!< [C, H, W] input (a transformer's per-token linear)
    uint64_t groups{1};   //!< conv, channel_shuffle: groups
    bool bias{true};      //!< conv/linear: has a bias vector
    bool ceilMode{false}; //!< pool: ceil instead of floor for output size

    DnnTensorShape outputShape; //!< computed: output shape
    uint64_t params{0};         //!< computed: learnable parameters
    uint64_t macs{0};           //!< computed: multiply-accumulates (conv, linear, matmul only)
    uint64_t flops{0};          //!< computed: floating-point operations (see module doc)

    /** \brief The kind of work the layer is (grouped convolutions apart from dense ones).
     *  \return the kind */
    DnnWorkKind WorkKind() const;
    /** \brief The layer's FLOPs as work of its kind. \return the work */
    DnnWork Work() const;

    /** \brief Whether the layer works on rows of a [C, H, W] tensor, so it can be cut into
     *         horizontal strips (conv, pools, add, concat, slices of channels or columns,
     *         and on a [C, H, W] input fusable layers, layer_norm, per-token linear, softmax
     *         and position_embedding; never matmul, transpose, reshape, class_token).
     *         \return true for spatial layers */
    bool IsSpatial() const;

    /**
     * \brief The input rows a range of output rows reads (receptive field, halo included),
     *        clamped to the input.
     * \param inputHeight H of the input tensor
     * \param firstRow first output row
     * \param lastRow last output row (inclusive)
     * \return first and last input row (inclusive)
     */
    std::array<uint64_t, 2> InputRows(uint64_t inputHeight, uint64_t firstRow,
                                      uint64_t lastRow) const;
};

} // namespace ns3

#endif /* DNN_LAYER_H */
