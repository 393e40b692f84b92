/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MODEL_H
#define DNN_MODEL_H

#include "dnn-layer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A DNN model: its layers, wired by their inputs, with every shape, parameter count,
 *        MAC and FLOP count computed by shape inference (never typed in).
 *
 * Construction validates the model (exactly one input per layer except add/concat/mul and
 * matmul's two, inputs that exist, no cycle, kernels that fit their padded input, add/concat
 * and matmul shapes that agree, linear layers on flat inputs unless per token) and throws
 * DnnInputError naming the file and the JSON path of the offending layer ("/layers/7/kernel").
 */
class DnnModel
{
  public:
    /**
     * \brief Build a model and run shape inference.
     * \param name model name
     * \param inputShape shape of the input tensor ([C, H, W] or flat)
     * \param inputElementBytes bytes per element of the raw input (1 for an 8-bit image)
     * \param activationElementBytes bytes per element of activations (4 for fp32)
     * \param layers the layers; their \c inputs are indices into this list or
     *        DnnLayer::MODEL_INPUT; computed fields are filled in here
     * \param file the file the model came from, for error messages (may be empty)
     */
    DnnModel(std::string name, DnnTensorShape inputShape, uint32_t inputElementBytes,
             uint32_t activationElementBytes, std::vector<DnnLayer> layers, std::string file = "");

    /** \brief Model name. \return the name */
    const std::string& Name() const;
    /** \brief File the model was read from ("" if built in memory). \return the path */
    const std::string& File() const;
    /** \brief Input tensor shape. \return the shape */
    const DnnTensorShape& InputShape() const;
    /** \brief Bytes per element of the raw input. \return the size */
    uint32_t InputElementBytes() const;
    /** \brief Bytes of the raw input tensor. \return elements x input element bytes */
    uint64_t InputBytes() const;
    /** \brief Bytes per activation element. \return the size */
    uint32_t ActivationElementBytes() const;

    /** \brief The layers, in file order, with computed fields. \return the layers */
    const std::vector<DnnLayer>& Layers() const;
    /** \brief One layer. \param index layer index \return the layer */
    const DnnLayer& Layer(std::size_t index) const;
    /** \brief Number of layers. \return the count */
    std::size_t LayerCount() const;
    /** \brief Index of a layer by name. \param name layer name \return index, or -1 */
    int32_t FindLayer(const std::string& name) const;
    /** \brief Shape of a producer (a layer, or the input for MODEL_INPUT).
     *  \param producer layer index or DnnLayer::MODEL_INPUT \return the shape */
    const DnnTensorShape& ProducerShape(int32_t producer) const;
    /** \brief Indices of the layers reading a layer's output. \param index layer index
     *  \return consumers, in file order */
    const std::vector<int32_t>& Consumers(std::size_t index) const;
    /** \brief Layers reading the model input directly. \return their indices */
    const std::vector<int32_t>& InputConsumers() const;
    /** \brief Layer indices in an order where producers come before consumers.
     *  \return the order */
    const std::vector<int32_t>& TopologicalOrder() const;
    /** \brief Layers nobody reads: the model's outputs. \return their indices */
    std::vector<int32_t> OutputLayers() const;
    /** \brief Output bytes of a layer. \param index layer index
     *  \return elements x activation element bytes */
    uint64_t OutputBytes(std::size_t index) const;

    /** \brief Total learnable parameters. \return the sum over layers */
    uint64_t Params() const;
    /** \brief Multiply-accumulates of conv, linear and matmul layers. \return the sum */
    uint64_t ConvLinearMacs() const;
    /** \brief Total FLOPs of all layers. \return the sum */
    uint64_t Flops() const;
    /** \brief FLOPs of all layers by kind of work. \return the work */
    DnnWork Work() const;

  private:
    /** \brief Order layers topologically; throws DnnCycleError on a cycle. */
    void SortLayers();
    /** \brief Compute shape, params, MACs and FLOPs of one layer.
     *  \param index layer index (its inputs are already inferred) */
    void InferLayer(std::size_t index);
    /** \brief Throw a DnnInputError about a layer. \param index layer index
     *  \param key the offending key ("" for the layer itself) \param detail the problem */
    [[noreturn]] void Fail(std::size_t index, const std::string& key,
                           const std::string& detail) const;

    std::string m_name;                            //!< model name
    std::string m_file;                            //!< source file
    DnnTensorShape m_inputShape;                   //!< input tensor shape
    uint32_t m_inputElementBytes;                  //!< bytes per input element
    uint32_t m_activationElementBytes;             //!< bytes per activation element
    std::vector<DnnLayer> m_layers;                //!< layers in file order
    std::vector<std::vector<int32_t>> m_consumers; //!< consumers per layer
    std::vector<int32_t> m_inputConsumers;         //!< consumers of the model input
    std::vector<int32_t> m_order;                  //!< topological order
};

} // namespace ns3

#endif /* DNN_MODEL_H */
