/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TASK_GRAPH_WRITER_H
#define DNN_TASK_GRAPH_WRITER_H

#include "ns3/dnn-task-graph.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Exports a DnnTaskGraph as Graphviz DOT or as the cost-free JSON task list.
 *
 * JSON form: {"tasks": [{"name", "kind", "request", "model", "layer", "fused", "piece",
 * "pieces", "first", "last", "flops", "weight_bytes", "output_bytes", "pinned",
 * "release"}], "edges": [{"from", "to", "bytes"}]}; tasks in id order.
 */
class DnnTaskGraphWriter
{
  public:
    /** \brief Write Graphviz DOT. \param graph the graph \param out the stream */
    static void WriteDot(const DnnTaskGraph& graph, std::ostream& out);
    /** \brief The JSON task list. \param graph the graph \return the document */
    static nlohmann::json ToJson(const DnnTaskGraph& graph);
    /** \brief Name of a task kind ("source", "compute", "sink"). \param kind the kind
     *  \return the name */
    static std::string KindName(DnnTaskKind kind);
};

} // namespace ns3

#endif /* DNN_TASK_GRAPH_WRITER_H */
