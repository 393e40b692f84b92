/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-runtime-plan.h"

#include "ns3/log.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnRuntimePlan");

DnnRuntimePlan::DnnRuntimePlan(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                               const DnnSchedule& schedule)
{
    NS_LOG_FUNCTION(this << &graph << &problem << &schedule);
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        m_nodeNames.push_back(problem.ProcessorName(p));
    }
    m_hosted.resize(m_nodeNames.size());
    Append(graph, problem, schedule);
    for (uint32_t r = 0; r < m_requests.size(); ++r)
    {
        if (m_requests[r].id != r || m_requests[r].sink == NONE)
        {
            throw std::invalid_argument("DnnRuntimePlan: request " + std::to_string(r) +
                                        " has no sink task");
        }
    }
}

DnnRuntimePlan::DnnRuntimePlan(std::vector<std::string> nodeNames)
    : m_hosted(nodeNames.size()), m_nodeNames(std::move(nodeNames))
{
    NS_LOG_FUNCTION(this << m_nodeNames.size());
}

void
DnnRuntimePlan::DeclareRequest(Request request)
{
    NS_LOG_FUNCTION(this << request.id << request.home << request.release);
    if (request.home >= m_hosted.size())
    {
        throw std::invalid_argument("DnnRuntimePlan::DeclareRequest: request " +
                                    std::to_string(request.id) + " has no home node");
    }
    if (m_requests.size() <= request.id)
    {
        m_requests.resize(request.id + 1);
        m_byRequest.resize(request.id + 1);
    }
    m_requests[request.id] = std::move(request);
}

uint32_t
DnnRuntimePlan::Append(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                       const DnnSchedule& schedule)
{
    NS_LOG_FUNCTION(this << &graph << &problem << &schedule);
    const uint32_t n = problem.TaskCount();
    if (graph.TaskCount() != n || schedule.TaskCount() != n ||
        problem.ProcessorCount() != m_hosted.size())
    {
        throw std::invalid_argument("DnnRuntimePlan: graph, problem, schedule and plan disagree "
                                    "on the number of tasks or nodes");
    }
    const uint32_t m = problem.ProcessorCount();
    const uint32_t base = m_nextTask;
    std::vector<Task> tasks(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        const DnnTask& source = graph.Task(t);
        Task& task = tasks[t];
        task.name = source.name;
        task.kind = source.kind;
        task.layer = source.layer;
        task.piece = source.piece;
        task.request = source.request;
        task.node = schedule.Processor(t);
        if (task.node >= m)
        {
            throw std::invalid_argument("DnnRuntimePlan: task \"" + task.name + "\" is not placed");
        }
        task.work = source.work;
        task.plannedStart = schedule.Start(t);
        task.plannedFinish = schedule.Finish(t);
        task.release = source.releaseTime;
        task.original = base + t;
    }
    std::vector<uint32_t> batchRequests;
    for (uint32_t t = 0; t < n; ++t)
    {
        Task& task = tasks[t];
        std::map<uint32_t, uint64_t> needed; // node -> bytes its successors read
        for (DnnTaskGraph::TaskId s : graph.Successors(t))
        {
            const auto succ = static_cast<uint32_t>(s);
            task.successors.push_back(base + succ);
            ++tasks[succ].inputs;
            if (tasks[succ].node != task.node)
            {
                needed[tasks[succ].node] += graph.EdgeBytes(t, s);
            }
        }
        for (const auto& [node, bytes] : needed)
        {
            task.shipments.push_back({node, std::min(bytes, graph.Task(t).outputBytes)});
            m_plannedBytes += task.shipments.back().bytes;
        }
        if (m_requests.size() <= task.request)
        {
            m_requests.resize(task.request + 1);
            m_byRequest.resize(task.request + 1);
        }
        if (m_byRequest[task.request].empty())
        {
            batchRequests.push_back(task.request);
        }
        m_byRequest[task.request].push_back(base + t);
        if (task.kind == DnnTaskKind::Sink)
        {
            Request& request = m_requests[task.request];
            request.id = task.request;
            request.model = graph.Task(t).model;
            request.home = task.node;
            request.release = task.release;
            request.sink = base + t;
            request.plannedCompletion = task.plannedFinish;
        }
        m_makespan = std::max(m_makespan, task.plannedFinish);
    }
    for (uint32_t r : batchRequests)
    {
        if (m_requests[r].sink == NONE || m_requests[r].sink < base)
        {
            throw std::invalid_argument("DnnRuntimePlan: request " + std::to_string(r) +
                                        " has no sink task");
        }
    }
    for (uint32_t t = 0; t < n; ++t)
    {
        m_hosted[tasks[t].node].push_back(base + t);
        m_tasks.emplace(base + t, std::move(tasks[t]));
    }
    m_nextTask += n;
    m_originals = m_nextTask;
    m_peakTasks = std::max(m_peakTasks, static_cast<uint32_t>(m_tasks.size()));
    NS_LOG_INFO("appended " << n << " tasks of " << batchRequests.size() << " requests as tasks ["
                            << base << ", " << m_nextTask << "); " << m_tasks.size()
                            << " tasks held, planned makespan " << m_makespan << " s");
    return base;
}

void
DnnRuntimePlan::Retire(uint32_t request)
{
    NS_LOG_FUNCTION(this << request);
    Request& info = m_requests.at(request);
    if (info.retired)
    {
        NS_LOG_LOGIC("request " << request << " was retired already");
        return;
    }
    std::vector<uint32_t> tasks;
    tasks.swap(m_byRequest[request]);
    for (uint32_t t : tasks)
    {
        const auto it = m_tasks.find(t);
        if (it == m_tasks.end())
        {
            continue;
        }
        auto& hosted = m_hosted[it->second.node];
        hosted.erase(std::remove(hosted.begin(), hosted.end(), t), hosted.end());
        m_tasks.erase(it);
    }
    info.retired = true;
    NS_LOG_LOGIC("request " << request << " retired: " << tasks.size() << " tasks released, "
                            << m_tasks.size() << " held");
}

uint32_t
DnnRuntimePlan::PeakTaskCount() const
{
    return m_peakTasks;
}

bool
DnnRuntimePlan::HasTask(uint32_t task) const
{
    return m_tasks.count(task) != 0;
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
    const uint32_t id = m_nextTask++;
    NS_LOG_LOGIC("task " << id << " (" << task.name << ") of request " << task.request
                         << " added on node " << m_nodeNames[task.node]);
    m_hosted[task.node].push_back(id);
    m_byRequest[task.request].push_back(id);
    m_tasks.emplace(id, std::move(task));
    m_peakTasks = std::max(m_peakTasks, static_cast<uint32_t>(m_tasks.size()));
    return id;
}

void
DnnRuntimePlan::SetSink(uint32_t request, uint32_t sink)
{
    if (m_tasks.at(sink).kind != DnnTaskKind::Sink || m_tasks.at(sink).request != request)
    {
        throw std::invalid_argument("DnnRuntimePlan::SetSink: task " + std::to_string(sink) +
                                    " is not a sink of request " + std::to_string(request));
    }
    m_requests.at(request).sink = sink;
    NS_LOG_LOGIC("request " << request << ": sink now task " << sink);
}

void
DnnRuntimePlan::Abandon(uint32_t task)
{
    NS_LOG_LOGIC("task " << task << " abandoned");
    m_tasks.at(task).abandoned = true;
}

uint32_t
DnnRuntimePlan::TaskCount() const
{
    return m_nextTask;
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
    return m_plannedBytes;
}

} // namespace ns3
