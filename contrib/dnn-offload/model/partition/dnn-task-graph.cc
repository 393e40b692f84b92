/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-task-graph.h"

#include "ns3/dnn-input-error.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

DnnTaskGraph::TaskId
DnnTaskGraph::AddTask(DnnTask task)
{
    return boost::add_vertex(std::move(task), m_graph);
}

void
DnnTaskGraph::AddEdge(TaskId from, TaskId to, uint64_t bytes)
{
    if (from >= TaskCount() || to >= TaskCount())
    {
        throw std::out_of_range("DnnTaskGraph::AddEdge: task id out of range");
    }
    if (from == to)
    {
        throw DnnCycleError("", "", {Task(from).name});
    }
    auto [edge, exists] = boost::edge(from, to, m_graph);
    if (exists)
    {
        m_graph[edge].bytes = std::max(m_graph[edge].bytes, bytes);
        return;
    }
    boost::add_edge(from, to, DnnTaskEdge{bytes}, m_graph);
}

DnnTaskGraph::TaskId
DnnTaskGraph::Append(const DnnTaskGraph& other)
{
    const TaskId offset = TaskCount();
    for (TaskId v = 0; v < other.TaskCount(); ++v)
    {
        AddTask(other.Task(v));
    }
    for (auto [it, end] = boost::edges(other.m_graph); it != end; ++it)
    {
        boost::add_edge(boost::source(*it, other.m_graph) + offset,
                        boost::target(*it, other.m_graph) + offset, other.m_graph[*it], m_graph);
    }
    return offset;
}

std::size_t
DnnTaskGraph::TaskCount() const
{
    return boost::num_vertices(m_graph);
}

std::size_t
DnnTaskGraph::EdgeCount() const
{
    return boost::num_edges(m_graph);
}

const DnnTask&
DnnTaskGraph::Task(TaskId id) const
{
    return m_graph[id];
}

DnnTask&
DnnTaskGraph::Task(TaskId id)
{
    return m_graph[id];
}

int64_t
DnnTaskGraph::FindTask(const std::string& name) const
{
    for (TaskId v = 0; v < TaskCount(); ++v)
    {
        if (m_graph[v].name == name)
        {
            return static_cast<int64_t>(v);
        }
    }
    return -1;
}

std::vector<DnnTaskGraph::TaskId>
DnnTaskGraph::Successors(TaskId id) const
{
    std::vector<TaskId> out;
    for (auto [it, end] = boost::adjacent_vertices(id, m_graph); it != end; ++it)
    {
        out.push_back(*it);
    }
    return out;
}

std::vector<DnnTaskGraph::TaskId>
DnnTaskGraph::Predecessors(TaskId id) const
{
    std::vector<TaskId> out;
    for (auto [it, end] = boost::in_edges(id, m_graph); it != end; ++it)
    {
        out.push_back(boost::source(*it, m_graph));
    }
    return out;
}

uint64_t
DnnTaskGraph::EdgeBytes(TaskId from, TaskId to) const
{
    auto [edge, exists] = boost::edge(from, to, m_graph);
    return exists ? m_graph[edge].bytes : 0;
}

bool
DnnTaskGraph::HasEdge(TaskId from, TaskId to) const
{
    return boost::edge(from, to, m_graph).second;
}

std::vector<DnnTaskGraph::TaskId>
DnnTaskGraph::TopologicalOrder() const
{
    // Kahn's algorithm (stable: ready tasks in id order); leftovers hold a cycle.
    const std::size_t n = TaskCount();
    std::vector<std::size_t> indegree(n);
    for (TaskId v = 0; v < n; ++v)
    {
        indegree[v] = boost::in_degree(v, m_graph);
    }
    std::vector<TaskId> order;
    order.reserve(n);
    for (TaskId v = 0; v < n; ++v)
    {
        if (indegree[v] == 0)
        {
            order.push_back(v);
        }
    }
    for (std::size_t head = 0; head < order.size(); ++head)
    {
        for (auto [it, end] = boost::adjacent_vertices(order[head], m_graph); it != end; ++it)
        {
            if (--indegree[*it] == 0)
            {
                order.push_back(*it);
            }
        }
    }
    if (order.size() == n)
    {
        return order;
    }
    // Every leftover task has a leftover predecessor: walk predecessors until one repeats.
    TaskId v = 0;
    while (indegree[v] == 0)
    {
        ++v;
    }
    std::vector<std::size_t> seenAt(n, SIZE_MAX);
    std::vector<TaskId> walk;
    while (seenAt[v] == SIZE_MAX)
    {
        seenAt[v] = walk.size();
        walk.push_back(v);
        for (auto [it, end] = boost::in_edges(v, m_graph); it != end; ++it)
        {
            const TaskId u = boost::source(*it, m_graph);
            if (indegree[u] != 0)
            {
                v = u;
                break;
            }
        }
    }
    std::vector<std::string> cycle;
    for (std::size_t i = walk.size(); i-- > seenAt[v];)
    {
        cycle.push_back(m_graph[walk[i]].name); // reversed: data-flow order
    }
    throw DnnCycleError("", "", cycle);
}

void
DnnTaskGraph::Validate() const
{
    TopologicalOrder();
}

std::size_t
DnnTaskGraph::WeakComponentCount() const
{
    std::vector<std::size_t> parent(TaskCount());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    };
    std::size_t components = TaskCount();
    for (auto [it, end] = boost::edges(m_graph); it != end; ++it)
    {
        const auto a = find(boost::source(*it, m_graph));
        const auto b = find(boost::target(*it, m_graph));
        if (a != b)
        {
            parent[a] = b;
            --components;
        }
    }
    return components;
}

uint64_t
DnnTaskGraph::TotalFlops() const
{
    uint64_t sum = 0;
    for (TaskId v = 0; v < TaskCount(); ++v)
    {
        sum += m_graph[v].work.Total();
    }
    return sum;
}

uint64_t
DnnTaskGraph::TotalEdgeBytes() const
{
    uint64_t sum = 0;
    for (auto [it, end] = boost::edges(m_graph); it != end; ++it)
    {
        sum += m_graph[*it].bytes;
    }
    return sum;
}

const DnnTaskGraph::Graph&
DnnTaskGraph::BoostGraph() const
{
    return m_graph;
}

} // namespace ns3
