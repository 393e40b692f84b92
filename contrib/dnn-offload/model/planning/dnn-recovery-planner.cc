/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-recovery-planner.h"

#include "ns3/dnn-scheduler.h"

#include "ns3/log.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnRecoveryPlanner");

DnnRecoveryPlanner::DnnRecoveryPlanner(const DnnTaskGraph& graph,
                                       const DnnSchedulingProblem& problem)
    : m_graph(graph), m_problem(problem)
{
    NS_LOG_FUNCTION(this << &graph << &problem);
}

DnnRecovery
DnnRecoveryPlanner::Recover(DnnRuntimePlan& plan, uint32_t request, const std::vector<bool>& failed,
                            const std::function<bool(uint32_t)>& finished, double now) const
{
    NS_LOG_FUNCTION(this << &plan << request << now);
    DnnRecovery out;
    const DnnRuntimePlan::Request& info = plan.Requests().at(request);
    if (failed.at(info.home))
    {
        out.reason = "its device " + plan.NodeName(info.home) + " failed";
        NS_LOG_INFO("request " << request << " not recovered: " << out.reason);
        return out;
    }
    // Where each workload output is available: a finished attempt on a live node.
    uint32_t attempt = 1;
    std::map<uint32_t, uint32_t> holder; // workload task -> node holding its output
    for (uint32_t t : plan.TasksOf(request))
    {
        const auto& task = plan.GetTask(t);
        attempt = std::max(attempt, task.attempt + 1);
        if (finished(t) && !failed.at(task.node) && holder.count(task.original) == 0)
        {
            holder[task.original] = task.node;
        }
    }
    const uint32_t sink = plan.GetTask(info.sink).original;
    if (holder.count(sink) != 0)
    {
        out.reason = "it has completed";
        NS_LOG_INFO("request " << request << " not recovered: " << out.reason);
        return out;
    }
    // Walk back from the sink: redo what is not available, resend what is.
    std::set<uint32_t> redo;
    std::set<uint32_t> resend;
    std::vector<uint32_t> stack{sink};
    while (!stack.empty())
    {
        const uint32_t g = stack.back();
        stack.pop_back();
        if (!redo.insert(g).second)
        {
            continue;
        }
        for (DnnTaskGraph::TaskId p : m_graph.Predecessors(g))
        {
            const auto pred = static_cast<uint32_t>(p);
            if (holder.count(pred) != 0)
            {
                resend.insert(pred);
            }
            else if (redo.count(pred) == 0)
            {
                stack.push_back(pred);
            }
        }
    }

    // The sub-problem: resends first, then the redone tasks in topological order.
    std::vector<uint32_t> workload(resend.begin(), resend.end());
    const auto resends = static_cast<uint32_t>(workload.size());
    for (uint32_t g : m_problem.TopologicalOrder())
    {
        if (redo.count(g) != 0)
        {
            workload.push_back(g);
        }
    }
    std::map<uint32_t, uint32_t> redoIndex; // workload task -> sub-problem task
    std::map<uint32_t, uint32_t> resendIndex;
    std::vector<std::string> names;
    for (uint32_t i = 0; i < workload.size(); ++i)
    {
        const std::string& name = m_graph.Task(workload[i]).name;
        if (i < resends)
        {
            resendIndex[workload[i]] = i;
            names.push_back(name + "~" + std::to_string(attempt) + "~resend");
        }
        else
        {
            redoIndex[workload[i]] = i;
            names.push_back(name + "~" + std::to_string(attempt));
        }
    }
    const uint32_t m = m_problem.ProcessorCount();
    std::vector<std::string> processors;
    for (uint32_t p = 0; p < m; ++p)
    {
        processors.push_back(m_problem.ProcessorName(p));
    }
    DnnSchedulingProblem sub(names, processors);
    for (uint32_t a = 0; a < m; ++a)
    {
        sub.SetCapacity(a, m_problem.Capacity(a));
        sub.SetCores(a, m_problem.Cores(a));
        for (uint32_t c = 0; c < m_problem.Cores(a); ++c)
        {
            sub.SetAvailable(a, c, m_problem.Available(a, c));
        }
        sub.SetRole(a, m_problem.Role(a));
        sub.SetPower(a, m_problem.IdlePower(a), m_problem.BusyPower(a), m_problem.TransmitPower(a));
    }
    sub.CopyNetwork(m_problem);
    for (uint32_t i = 0; i < workload.size(); ++i)
    {
        const uint32_t g = workload[i];
        sub.SetRequest(i, 0);
        sub.SetRelease(i, i < resends ? now : std::max(now, m_problem.Release(g)));
        if (i < resends)
        {
            for (uint32_t p = 0; p < m; ++p)
            {
                sub.SetCost(i, p, p == holder[g] ? 0.0 : DnnSchedulingProblem::INF);
            }
            continue;
        }
        sub.SetMemory(i, m_problem.Memory(g));
        sub.SetMemoryGroup(i, m_problem.MemoryGroup(g)); // redone copies share weights too
        for (uint32_t p = 0; p < m; ++p)
        {
            sub.SetCost(i, p, failed[p] ? DnnSchedulingProblem::INF : m_problem.Cost(g, p));
        }
        if (m_problem.Pinned(g) != DnnSchedulingProblem::NONE)
        {
            sub.Pin(i, m_problem.Pinned(g));
        }
        if (m_problem.IsSink(g))
        {
            sub.MarkSink(i);
        }
        for (auto a = m_problem.PredBegin(g); a != m_problem.PredEnd(g); ++a)
        {
            const auto from = redoIndex.count(a->task) ? redoIndex[a->task] : resendIndex[a->task];
            sub.AddEdge(from, i, a->data);
        }
    }
    DnnSchedule schedule;
    try
    {
        sub.Finalize();
        schedule = DnnScheduler::Create("heft")->Plan(sub);
    }
    catch (const std::exception& e)
    {
        out.reason = std::string("no surviving device can take over: ") + e.what();
        NS_LOG_INFO("request " << request << " not recovered: " << out.reason);
        return out;
    }
    for (uint32_t i = resends; i < workload.size(); ++i)
    {
        if (schedule.Processor(i) >= m || failed[schedule.Processor(i)])
        {
            out.reason = "no surviving device can run " + m_graph.Task(workload[i]).name;
            NS_LOG_INFO("request " << request << " not recovered: " << out.reason);
            return out;
        }
    }

    // Give up the request's unfinished tasks, then add the new ones.
    for (uint32_t t : plan.TasksOf(request))
    {
        if (!finished(t) && !plan.GetTask(t).abandoned)
        {
            plan.Abandon(t);
            out.abandoned.push_back(t);
        }
    }
    const uint32_t base = plan.TaskCount();
    std::vector<DnnRuntimePlan::Task> tasks(workload.size());
    for (uint32_t i = 0; i < workload.size(); ++i)
    {
        const uint32_t g = workload[i];
        const DnnTask& source = m_graph.Task(g);
        DnnRuntimePlan::Task& task = tasks[i];
        task.name = names[i];
        task.kind = i < resends ? DnnTaskKind::Compute : source.kind;
        task.layer = source.layer;
        task.piece = source.piece;
        task.request = request;
        task.node = schedule.Processor(i);
        task.work = i < resends ? DnnWork{} : source.work;
        task.plannedStart = schedule.Start(i);
        task.plannedFinish = schedule.Finish(i);
        task.release = i < resends ? now : source.releaseTime;
        task.original = g;
        task.attempt = attempt;
        std::map<uint32_t, uint64_t> needed; // node -> bytes its successors read
        for (DnnTaskGraph::TaskId s : m_graph.Successors(g))
        {
            const auto it = redoIndex.find(static_cast<uint32_t>(s));
            if (it == redoIndex.end())
            {
                continue;
            }
            task.successors.push_back(base + it->second);
            if (schedule.Processor(it->second) != task.node)
            {
                needed[schedule.Processor(it->second)] += m_graph.EdgeBytes(g, s);
            }
        }
        for (const auto& [node, bytes] : needed)
        {
            task.shipments.push_back({node, std::min(bytes, source.outputBytes)});
        }
    }
    for (const auto& task : tasks)
    {
        for (uint32_t s : task.successors)
        {
            ++tasks[s - base].inputs;
        }
    }
    for (auto& task : tasks)
    {
        out.added.push_back(plan.AddTask(std::move(task)));
    }
    plan.SetSink(request, base + redoIndex.at(sink));
    out.planned = true;
    NS_LOG_INFO("request " << request << " re-planned at plan time " << now << " s (attempt "
                           << attempt << "): " << workload.size() - resends << " tasks redone, "
                           << resends << " outputs resent, " << out.abandoned.size()
                           << " tasks abandoned; planned completion "
                           << schedule.Finish(redoIndex.at(sink)) << " s");
    return out;
}

} // namespace ns3
