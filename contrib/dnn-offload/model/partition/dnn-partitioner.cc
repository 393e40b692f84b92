/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-partitioner.h"

#include "ns3/dnn-run-limits.h"

#include "ns3/log.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPartitioner");

namespace
{

/** Share of \p total owned by units [begin, end) of \p units; shares sum exactly to total. */
uint64_t
Share(uint64_t total, uint64_t begin, uint64_t end, uint64_t units)
{
    __extension__ typedef unsigned __int128 Wide; // __extension__: no -Wpedantic warning
    const auto upTo = [&](uint64_t u)
    {
        return static_cast<uint64_t>(static_cast<Wide>(total) * u / units);
    };
    return upTo(end) - upTo(begin);
}

/** A piece of a group as placed in the graph. */
struct PlacedPiece
{
    DnnTaskGraph::TaskId task; //!< its task
    uint64_t first;            //!< first row / neuron
    uint64_t last;             //!< last row / neuron (inclusive)
    uint64_t outputBytes;      //!< bytes of its output
};

} // namespace

DnnPartitionConfig
DnnPartitionConfig::Parse(const std::string& spec)
{
    DnnPartitionConfig config;
    if (spec == "layerwise")
    {
        config.mode = DnnPartitionMode::LayerWise;
        config.pieces = 1;
        return config;
    }
    if (spec == "piecewise")
    {
        config.mode = DnnPartitionMode::PieceWise;
        return config;
    }
    const std::string prefix = "piecewise:";
    if (spec.rfind(prefix, 0) == 0)
    {
        const std::string k = spec.substr(prefix.size());
        const bool digits =
            !k.empty() && k.size() <= 6 &&
            std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits && std::stoul(k) >= 1 && std::stoul(k) <= DnnRunLimits::MAX_PIECES)
        {
            config.mode = DnnPartitionMode::PieceWise;
            config.pieces = static_cast<uint32_t>(std::stoul(k));
            return config;
        }
        throw std::invalid_argument(
            "\"" + spec + "\": the piece count K in piecewise:K must be a whole number from 1 to " +
            std::to_string(DnnRunLimits::MAX_PIECES));
    }
    throw std::invalid_argument(
        "\"" + spec + "\" is not a partitioning (use layerwise, piecewise or piecewise:K)");
}

std::string
DnnPartitionConfig::ToString() const
{
    return mode == DnnPartitionMode::LayerWise ? "layerwise"
                                               : "piecewise:" + std::to_string(pieces);
}

DnnPartitioner::DnnPartitioner(DnnPartitionConfig config) : m_config(config)
{
    if (m_config.pieces == 0 || m_config.pieces > DnnRunLimits::MAX_PIECES)
    {
        throw std::invalid_argument("DnnPartitioner: pieces must be from 1 to " +
                                    std::to_string(DnnRunLimits::MAX_PIECES));
    }
}

const DnnPartitionConfig&
DnnPartitioner::Config() const
{
    return m_config;
}

std::vector<DnnLayerGroup>
DnnPartitioner::FuseLayers(const DnnModel& model)
{
    std::vector<int32_t> groupOf(model.LayerCount(), -1);
    std::vector<DnnLayerGroup> groups;
    for (int32_t index : model.TopologicalOrder())
    {
        const DnnLayer& layer = model.Layer(index);
        const int32_t producer = layer.inputs.front();
        const bool fuse = IsFusableLayerType(layer.type) && layer.inputs.size() == 1 &&
                          producer != DnnLayer::MODEL_INPUT &&
                          model.Consumers(producer).size() == 1;
        if (fuse)
        {
            groupOf[index] = groupOf[producer];
            groups[groupOf[index]].layers.push_back(index);
            continue;
        }
        groupOf[index] = static_cast<int32_t>(groups.size());
        DnnLayerGroup group;
        group.layers.push_back(index);
        for (int32_t in : layer.inputs)
        {
            const int32_t g = in == DnnLayer::MODEL_INPUT ? -1 : groupOf[in];
            if (std::find(group.inputs.begin(), group.inputs.end(), g) == group.inputs.end())
            {
                group.inputs.push_back(g);
            }
            if (g >= 0)
            {
                groups[g].hasConsumers = true;
            }
        }
        groups.push_back(std::move(group));
    }
    for (auto& group : groups)
    {
        for (int32_t index : group.layers)
        {
            group.work += model.Layer(index).Work();
            group.params += model.Layer(index).params;
        }
        group.outputShape = model.Layer(group.layers.back()).outputShape;
    }
    return groups;
}

DnnTaskGraph
DnnPartitioner::Partition(const DnnModel& model, uint32_t request, const std::string& device,
                          double releaseTime) const
{
    DnnTaskGraph graph;
    AddRequest(graph, model, request, device, releaseTime);
    return graph;
}

DnnTaskGraph
DnnPartitioner::PartitionWorkload(const std::vector<DnnRequest>& requests) const
{
    DnnTaskGraph graph;
    for (const auto& request : requests)
    {
        if (!request.model)
        {
            throw std::invalid_argument("DnnPartitioner: request " + std::to_string(request.id) +
                                        " has no model");
        }
        AddRequest(graph, *request.model, request.id, request.device, request.releaseTime);
    }
    return graph;
}

void
DnnPartitioner::AddRequest(DnnTaskGraph& graph, const DnnModel& model, uint32_t request,
                           const std::string& device, double releaseTime) const
{
    const uint64_t eb =
        m_config.elementBytes > 0 ? m_config.elementBytes : model.ActivationElementBytes();
    const std::string prefix = "r" + std::to_string(request) + "/";
    auto baseTask = [&](DnnTaskKind kind, const std::string& layer)
    {
        DnnTask task;
        task.kind = kind;
        task.name = prefix + layer;
        task.request = request;
        task.model = model.Name();
        task.layer = layer;
        task.releaseTime = releaseTime;
        return task;
    };

    // The source: the input tensor, one piece covering every row.
    const DnnTensorShape& inputShape = model.InputShape();
    DnnTask source = baseTask(DnnTaskKind::Source, "input");
    source.last = inputShape.height - 1;
    source.outputBytes = model.InputBytes();
    source.pinnedDevice = device;
    const auto sourceId = graph.AddTask(source);
    const std::vector<PlacedPiece> sourcePieces{
        {sourceId, 0, inputShape.height - 1, source.outputBytes}};

    const std::vector<DnnLayerGroup> groups = FuseLayers(model);
    std::vector<std::vector<PlacedPiece>> placed(groups.size());
    std::vector<std::size_t> groupByTail(model.LayerCount());
    for (std::size_t g = 0; g < groups.size(); ++g)
    {
        groupByTail[groups[g].layers.back()] = g;
    }
    for (std::size_t g = 0; g < groups.size(); ++g)
    {
        const DnnLayerGroup& group = groups[g];
        const DnnLayer& head = model.Layer(group.layers.front());
        const bool linear = head.type == DnnLayerType::Linear && head.outputShape.flat;
        const uint64_t units = head.IsSpatial() ? head.outputShape.height
                             : linear           ? head.outputShape.channels
                                                : 1;
        const bool cut =
            m_config.mode == DnnPartitionMode::PieceWise && (head.IsSpatial() || linear);
        const uint64_t pieces = cut ? std::min<uint64_t>(m_config.pieces, units) : 1;
        const uint64_t outputBytes = group.outputShape.Elements() * eb;

        for (uint64_t j = 0; j < pieces; ++j)
        {
            const uint64_t first = j * units / pieces;
            const uint64_t end = (j + 1) * units / pieces; // exclusive
            DnnTask task = baseTask(DnnTaskKind::Compute, head.name);
            if (pieces > 1)
            {
                task.name += "/p" + std::to_string(j);
            }
            for (std::size_t m = 1; m < group.layers.size(); ++m)
            {
                task.fused.push_back(model.Layer(group.layers[m]).name);
            }
            task.piece = static_cast<uint32_t>(j);
            task.pieces = static_cast<uint32_t>(pieces);
            task.first = first;
            task.last = end - 1;
            for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
            {
                task.work.flops[k] = Share(group.work.flops[k], first, end, units);
            }
            task.weightBytes = Share(group.params * eb, first, end, units);
            task.outputBytes = Share(outputBytes, first, end, units);
            const auto id = graph.AddTask(task);
            // A group left whole owns every row of its output (spatial consumers read them).
            const bool whole = pieces == 1 && !group.outputShape.flat;
            placed[g].push_back({id, whole ? 0 : first,
                                 whole ? group.outputShape.height - 1 : end - 1, task.outputBytes});

            // Dependencies on every producer group of the head.
            for (std::size_t k = 0; k < head.inputs.size(); ++k)
            {
                const int32_t producerLayer = head.inputs[k];
                const bool fromInput = producerLayer == DnnLayer::MODEL_INPUT;
                const auto& producerPieces =
                    fromInput ? sourcePieces : placed[groupByTail[producerLayer]];
                const DnnTensorShape& shape = model.ProducerShape(producerLayer);
                const uint64_t producerEb = fromInput ? model.InputElementBytes() : eb;
                if (head.IsSpatial() && !shape.flat)
                {
                    // Exactly the rows the strip's receptive field covers (of a slice: only
                    // its channels or columns).
                    const auto rows = head.InputRows(shape.height, first, end - 1);
                    const uint64_t rowElements =
                        head.type == DnnLayerType::Slice
                            ? head.outputShape.channels * head.outputShape.width
                            : shape.channels * shape.width;
                    for (const auto& piece : producerPieces)
                    {
                        const uint64_t lo = std::max(rows[0], piece.first);
                        const uint64_t hi = std::min(rows[1], piece.last);
                        if (lo <= hi)
                        {
                            graph.AddEdge(piece.task, id, (hi - lo + 1) * rowElements * producerEb);
                        }
                    }
                }
                else
                {
                    for (const auto& piece : producerPieces)
                    {
                        graph.AddEdge(piece.task, id, piece.outputBytes);
                    }
                }
            }
        }
    }

    // The sink: the request's result, gathered from every group nobody else reads.
    DnnTask sink = baseTask(DnnTaskKind::Sink, "output");
    sink.pinnedDevice = device;
    const auto sinkId = graph.AddTask(sink);
    for (std::size_t g = 0; g < groups.size(); ++g)
    {
        if (!groups[g].hasConsumers)
        {
            for (const auto& piece : placed[g])
            {
                graph.AddEdge(piece.task, sinkId, piece.outputBytes);
            }
        }
    }
    NS_LOG_INFO("request " << request << " (" << model.Name() << ", " << m_config.ToString()
                           << "): " << graph.TaskCount() << " tasks so far");
}

} // namespace ns3
