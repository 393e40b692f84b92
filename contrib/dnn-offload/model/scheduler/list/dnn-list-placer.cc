/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-list-placer.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnListPlacer");

DnnListPlacer::DnnListPlacer(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_schedule(problem.TaskCount()), m_timeline(problem),
      m_coreBase(problem.ProcessorCount() + 1, 0), m_placed(problem.TaskCount(), 0)
{
    NS_LOG_FUNCTION(this << &problem);
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        m_coreBase[p + 1] = m_coreBase[p] + problem.Cores(p);
    }
    m_tail.resize(m_coreBase.back());
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            m_tail[m_coreBase[p] + c] = problem.Available(p, c);
        }
    }
}

bool
DnnListPlacer::Allowed(uint32_t task, uint32_t processor) const
{
    return std::isfinite(m_problem.Cost(task, processor));
}

void
DnnListPlacer::Candidates(uint32_t task, std::vector<uint32_t>& out) const
{
    out.clear();
    for (uint32_t p = 0; p < m_problem.ProcessorCount(); ++p)
    {
        if (Allowed(task, p) && m_timeline.Fits(p, task))
        {
            out.push_back(p);
        }
    }
    if (out.empty())
    {
        for (uint32_t p = 0; p < m_problem.ProcessorCount(); ++p)
        {
            if (Allowed(task, p))
            {
                out.push_back(p);
            }
        }
    }
}

double
DnnListPlacer::Ready(uint32_t task, uint32_t processor) const
{
    if (m_problem.NetworkModel() == DnnNetworkModel::Shared)
    {
        return m_timeline.InputsReady(m_schedule, task, processor);
    }
    return DnnListScheduling::ReadyTime(m_problem, m_schedule, task, processor);
}

double
DnnListPlacer::Tail(uint32_t processor) const
{
    return *std::min_element(m_tail.begin() + m_coreBase[processor],
                             m_tail.begin() + m_coreBase[processor + 1]);
}

double
DnnListPlacer::StartFrom(uint32_t task, uint32_t processor, double ready, bool insert,
                         uint32_t& core) const
{
    const double w = m_problem.Cost(task, processor);
    return m_timeline.EarliestStart(processor, insert ? ready : std::max(ready, Tail(processor)), w,
                                    core);
}

double
DnnListPlacer::Start(uint32_t task, uint32_t processor, bool insert) const
{
    if (!Allowed(task, processor))
    {
        return DnnSchedulingProblem::INF;
    }
    uint32_t core = 0;
    return StartFrom(task, processor, Ready(task, processor), insert, core);
}

double
DnnListPlacer::Finish(uint32_t task, uint32_t processor, bool insert) const
{
    return Start(task, processor, insert) + m_problem.Cost(task, processor);
}

void
DnnListPlacer::Place(uint32_t task, uint32_t processor, bool insert)
{
    NS_LOG_FUNCTION(this << task << processor << insert);
    const double ready = m_timeline.PlaceInputs(m_schedule, task, processor);
    uint32_t core = 0;
    const double start = StartFrom(task, processor, ready, insert, core);
    const double finish = start + m_problem.Cost(task, processor);
    m_schedule.Place(task, processor, core, start, finish);
    m_timeline.Occupy(processor, core, start, finish, task);
    double& tail = m_tail[m_coreBase[processor] + core];
    tail = std::max(tail, finish);
    m_placed[task] = 1;
}

DnnReadyTasks::DnnReadyTasks(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_waiting(problem.TaskCount())
{
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        m_waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (m_waiting[t] == 0)
        {
            m_ready.push_back(t);
        }
    }
}

uint32_t
DnnReadyTasks::Take(std::size_t i)
{
    const uint32_t t = m_ready[i];
    m_ready.erase(m_ready.begin() + static_cast<std::ptrdiff_t>(i));
    for (auto a = m_problem.SuccBegin(t); a != m_problem.SuccEnd(t); ++a)
    {
        if (--m_waiting[a->task] == 0)
        {
            m_ready.insert(std::upper_bound(m_ready.begin(), m_ready.end(), a->task), a->task);
        }
    }
    return t;
}

} // namespace ns3
