/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PARTITIONER_H
#define DNN_PARTITIONER_H

#include "dnn-task-graph.h"
#include "ns3/dnn-model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief How a model is cut into tasks.
 */
enum class DnnPartitionMode
{
    LayerWise, //!< one task per fused layer group
    PieceWise, //!< spatial groups cut into row strips, linear groups into neuron groups
};

/**
 * \ingroup dnn-offload
 * \brief Partitioning settings.
 */
struct DnnPartitionConfig
{
    DnnPartitionMode mode{DnnPartitionMode::LayerWise}; //!< layer-wise or piece-wise
    uint32_t pieces{3};       //!< k: strips per spatial group (piece-wise only)
    uint32_t elementBytes{0}; //!< bytes per activation element (0: the model's own)

    /**
     * \brief Parse "layerwise", "piecewise" (k = 3) or "piecewise:K".
     * \param spec the text
     * \return the configuration; throws std::invalid_argument with a clear message
     */
    static DnnPartitionConfig Parse(const std::string& spec);
    /** \brief The text form ("layerwise" or "piecewise:K"). \return the text */
    std::string ToString() const;
};

/**
 * \ingroup dnn-offload
 * \brief Layers that form one task: a head layer and the elementwise layers (activation,
 *        batchnorm, dropout, flatten) fused after it, as inference runtimes do.
 */
struct DnnLayerGroup
{
    std::vector<int32_t> layers; //!< model layer indices, head first
    std::vector<int32_t> inputs; //!< producer groups of the head (-1: the model input)
    bool hasConsumers{false};    //!< whether another group reads this group's output
    DnnWork work;                //!< FLOPs of all layers of the group, by kind
    uint64_t params{0};          //!< parameters of all layers of the group
    DnnTensorShape outputShape;  //!< shape of the group's output (its last layer's)
};

/**
 * \ingroup dnn-offload
 * \brief One inference request: a model run on an input owned by a device.
 */
struct DnnRequest
{
    uint32_t id{0};                        //!< request id
    std::shared_ptr<const DnnModel> model; //!< the model
    std::string device;                    //!< requesting device (source and sink pinned)
    double releaseTime{0};                 //!< arrival time, s
};

/**
 * \ingroup dnn-offload
 * \brief Turns DNN models into task graphs (layer-wise or piece-wise, see the module doc).
 *
 * Piece-wise: a spatial group whose head has H output rows is cut into min(k, H) strips of
 * rows [floor(j*H/k), floor((j+1)*H/k)); a strip depends on every producer strip owning one
 * of the input rows its receptive field covers, and the edge carries exactly those rows x
 * width x channels x element bytes (halo included). A linear group is cut into min(k, N)
 * groups of output neurons, each reading the whole input. Work and weights of a piece are
 * its share of the group's, split so that the pieces sum exactly to the group.
 */
class DnnPartitioner
{
  public:
    /** \brief A partitioner. \param config the settings */
    explicit DnnPartitioner(DnnPartitionConfig config = {});

    /** \brief The settings. \return the configuration */
    const DnnPartitionConfig& Config() const;

    /**
     * \brief Fuse elementwise layers into their producers. A layer is fused when it is an
     *        activation, batchnorm, dropout or flatten layer and is the only consumer of its
     *        producer.
     * \param model the model
     * \return the groups, producers before consumers
     */
    static std::vector<DnnLayerGroup> FuseLayers(const DnnModel& model);

    /**
     * \brief The task graph of one request of a model.
     * \param model the model
     * \param request request id
     * \param device requesting device the source and sink are pinned to
     * \param releaseTime the request's arrival, s
     * \return the graph (source, compute tasks, sink)
     */
    DnnTaskGraph Partition(const DnnModel& model, uint32_t request = 0,
                           const std::string& device = "", double releaseTime = 0) const;

    /**
     * \brief Add one request's tasks to a graph.
     * \param graph the graph to extend
     * \param model the model
     * \param request request id
     * \param device requesting device
     * \param releaseTime the request's arrival, s
     */
    void AddRequest(DnnTaskGraph& graph, const DnnModel& model, uint32_t request,
                    const std::string& device, double releaseTime) const;

    /** \brief One graph holding every request's tasks. \param requests the requests
     *  \return the union of their graphs */
    DnnTaskGraph PartitionWorkload(const std::vector<DnnRequest>& requests) const;

  private:
    DnnPartitionConfig m_config; //!< the settings
};

} // namespace ns3

#endif /* DNN_PARTITIONER_H */
