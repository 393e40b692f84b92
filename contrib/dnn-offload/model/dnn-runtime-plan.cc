/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-runtime-plan.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ns3
{

DnnRuntimePlan::DnnRuntimePlan(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                               const DnnSchedule& schedule)
{
    const uint32_t n = problem.TaskCount();
    if (graph.TaskCount() != n || schedule.TaskCount() != n)
    {
        throw std::invalid_argument("DnnRuntimePlan: graph, problem and schedule disagree on "
                                    "the number of tasks");
    }
    const uint32_t m = problem.ProcessorCount();
    m_hosted.resize(m);
    for (uint32_t p = 0; p < m; ++p)
    {
        m_nodeNames.push_back(problem.ProcessorName(p));
    }
    m_tasks.resize(n);
    m_originals = n;
    m_makespan = schedule.Makespan();
    for (uint32_t t = 0; t < n; ++t)
    {
        const DnnTask& source = graph.Task(t);
        Task& task = m_tasks[t];
        task.name = source.name;
        task.kind = source.kind;
        task.request = source.request;
        task.node = schedule.Processor(t);
        if (task.node >= m)
        {
            throw std::invalid_argument("DnnRuntimePlan: task \"" + task.name + "\" is not placed");
        }
        task.flops = static_cast<double>(source.flops);
        task.plannedStart = schedule.Start(t);
        task.plannedFinish = schedule.Finish(t);
        task.release = source.releaseTime;
        task.original = t;
        m_hosted[task.node].push_back(t);
    }
    for (uint32_t t = 0; t < n; ++t)
    {
        Task& task = m_tasks[t];
        std::map<uint32_t, uint64_t> needed; // node -> bytes its successors read
        for (DnnTaskGraph::TaskId s : graph.Successors(t))
        {
            const auto succ = static_cast<uint32_t>(s);
            task.successors.push_back(succ);
            ++m_tasks[succ].inputs;
            if (m_tasks[succ].node != task.node)
            {
                needed[m_tasks[succ].node] += graph.EdgeBytes(t, s);
            }
        }
        for (const auto& [node, bytes] : needed)
        {
            task.shipments.push_back({node, std::min(bytes, graph.Task(t).outputBytes)});
        }
        if (task.kind == DnnTaskKind::Sink)
        {
            if (m_requests.size() <= task.request)
            {
                m_requests.resize(task.request + 1);
            }
            Request& request = m_requests[task.request];
            request.id = task.request;
            request.model = graph.Task(t).model;
            request.home = task.node;
            request.release = task.release;
            request.sink = t;
            request.plannedCompletion = task.plannedFinish;
        }
    }
    for (uint32_t r = 0; r < m_requests.size(); ++r)
    {
        if (m_requests[r].id != r || m_tasks[m_requests[r].sink].kind != DnnTaskKind::Sink)
        {
            throw std::invalid_argument("DnnRuntimePlan: request " + std::to_string(r) +
                                        " has no sink task");
        }
    }
    m_byRequest.resize(m_requests.size());
    for (uint32_t t = 0; t < n; ++t)
    {
        m_byRequest.at(m_tasks[t].request).push_back(t);
    }
}

const std::vector<uint32_t>&
DnnRuntimePlan::TasksOf(uint32_t request) const
{
    return m_byRequest.at(request);
}

uint32_t
DnnRuntimePlan::OriginalTaskCount() const
{
    return m_originals;
}

uint32_t
DnnRuntimePlan::AddTask(Task task)
{
    if (task.request >= m_requests.size() || task.node >= m_hosted.size() ||
        task.original >= m_originals)
    {
        throw std::invalid_argument("DnnRuntimePlan::AddTask: task \"" + task.name +
                                    "\" names no request, node or workload task of the plan");
    }
    const auto id = static_cast<uint32_t>(m_tasks.size());
    m_hosted[task.node].push_back(id);
    m_byRequest[task.request].push_back(id);
    m_tasks.push_back(std::move(task));
    return id;
}

void
DnnRuntimePlan::SetSink(uint32_t request, uint32_t sink)
{
    if (m_tasks.at(sink).kind != DnnTaskKind::Sink || m_tasks[sink].request != request)
    {
        throw std::invalid_argument("DnnRuntimePlan::SetSink: task " + std::to_string(sink) +
                                    " is not a sink of request " + std::to_string(request));
    }
    m_requests.at(request).sink = sink;
}

void
DnnRuntimePlan::Abandon(uint32_t task)
{
    m_tasks.at(task).abandoned = true;
}

uint32_t
DnnRuntimePlan::TaskCount() const
{
    return static_cast<uint32_t>(m_tasks.size());
}

const DnnRuntimePlan::Task&
DnnRuntimePlan::GetTask(uint32_t task) const
{
    return m_tasks.at(task);
}

const std::vector<DnnRuntimePlan::Request>&
DnnRuntimePlan::Requests() const
{
    return m_requests;
}

const std::vector<uint32_t>&
DnnRuntimePlan::TasksOn(uint32_t node) const
{
    return m_hosted.at(node);
}

uint32_t
DnnRuntimePlan::NodeCount() const
{
    return static_cast<uint32_t>(m_hosted.size());
}

const std::string&
DnnRuntimePlan::NodeName(uint32_t node) const
{
    return m_nodeNames.at(node);
}

double
DnnRuntimePlan::PlannedMakespan() const
{
    return m_makespan;
}

uint64_t
DnnRuntimePlan::PlannedNetworkBytes() const
{
    uint64_t total = 0;
    for (uint32_t t = 0; t < m_originals; ++t)
    {
        for (const Shipment& shipment : m_tasks[t].shipments)
        {
            total += shipment.bytes;
        }
    }
    return total;
}

} // namespace ns3
