/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-task-graph-writer.h"

#include <iomanip>

namespace ns3
{

namespace
{

/** Quote a string for DOT. */
std::string
DotQuote(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

/** FLOPs by kind of work, keyed by DnnWorkKindName. */
nlohmann::json
WorkJson(const DnnWork& work)
{
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        out[DnnWorkKindName(static_cast<DnnWorkKind>(k))] = work.flops[k];
    }
    return out;
}

} // namespace

std::string
DnnTaskGraphWriter::KindName(DnnTaskKind kind)
{
    switch (kind)
    {
    case DnnTaskKind::Source:
        return "source";
    case DnnTaskKind::Compute:
        return "compute";
    case DnnTaskKind::Sink:
        return "sink";
    }
    return "?";
}

void
DnnTaskGraphWriter::WriteDot(const DnnTaskGraph& graph, std::ostream& out)
{
    out << "digraph tasks {\n  rankdir=TB;\n  node [shape=box, fontsize=10];\n";
    for (DnnTaskGraph::TaskId v = 0; v < graph.TaskCount(); ++v)
    {
        const DnnTask& t = graph.Task(v);
        std::ostringstream label;
        label << t.name;
        if (t.kind == DnnTaskKind::Compute)
        {
            label << "\\n"
                  << std::fixed << std::setprecision(2) << t.work.Total() / 1e6 << " MFLOPs";
        }
        out << "  t" << v << " [label=" << DotQuote(label.str());
        if (t.kind != DnnTaskKind::Compute)
        {
            out << ", shape=ellipse";
        }
        out << "];\n";
    }
    for (DnnTaskGraph::TaskId v = 0; v < graph.TaskCount(); ++v)
    {
        for (auto w : graph.Successors(v))
        {
            out << "  t" << v << " -> t" << w
                << " [label=" << DotQuote(std::to_string(graph.EdgeBytes(v, w)) + " B") << "];\n";
        }
    }
    out << "}\n";
}

nlohmann::json
DnnTaskGraphWriter::ToJson(const DnnTaskGraph& graph)
{
    nlohmann::json tasks = nlohmann::json::array();
    nlohmann::json edges = nlohmann::json::array();
    for (DnnTaskGraph::TaskId v = 0; v < graph.TaskCount(); ++v)
    {
        const DnnTask& t = graph.Task(v);
        tasks.push_back(
            {{"name", t.name},
             {"kind", KindName(t.kind)},
             {"request", t.request},
             {"model", t.model},
             {"layer", t.layer},
             {"fused", t.fused},
             {"piece", t.piece},
             {"pieces", t.pieces},
             {"first", t.first},
             {"last", t.last},
             {"flops", t.work.Total()},
             {"flops_by_kind", WorkJson(t.work)},
             {"weight_bytes", t.weightBytes},
             {"output_bytes", t.outputBytes},
             {"pinned", t.pinnedDevice.empty() ? nlohmann::json() : nlohmann::json(t.pinnedDevice)},
             {"release", t.releaseTime}});
        for (auto w : graph.Successors(v))
        {
            edges.push_back(
                {{"from", t.name}, {"to", graph.Task(w).name}, {"bytes", graph.EdgeBytes(v, w)}});
        }
    }
    return {{"tasks", tasks}, {"edges", edges}};
}

} // namespace ns3
