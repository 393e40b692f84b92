/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-append-timeline.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnAppendTimeline");

DnnAppendTimeline::DnnAppendTimeline(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_schedule(problem.TaskCount()), m_timeline(problem),
      m_coreBase(problem.ProcessorCount() + 1, 0)
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

double
DnnAppendTimeline::Ready(uint32_t task, uint32_t processor) const
{
    return m_timeline.InputsReady(m_schedule, task, processor);
}

double
DnnAppendTimeline::Start(uint32_t processor, double ready, uint32_t& core) const
{
    double best = DnnSchedulingProblem::INF;
    core = 0;
    for (std::size_t c = m_coreBase[processor]; c < m_coreBase[processor + 1]; ++c)
    {
        const double start = std::max(ready, m_tail[c]);
        if (start < best)
        {
            best = start;
            core = static_cast<uint32_t>(c - m_coreBase[processor]);
        }
    }
    return best;
}

double
DnnAppendTimeline::Finish(uint32_t task, uint32_t processor) const
{
    const double w = m_problem.Cost(task, processor);
    if (!(w < DnnSchedulingProblem::INF))
    {
        return DnnSchedulingProblem::INF;
    }
    uint32_t core = 0;
    return Start(processor, Ready(task, processor), core) + w;
}

double
DnnAppendTimeline::Free(uint32_t processor) const
{
    return *std::min_element(m_tail.begin() + m_coreBase[processor],
                             m_tail.begin() + m_coreBase[processor + 1]);
}

uint32_t
DnnAppendTimeline::IdleCores(uint32_t processor, double now) const
{
    return static_cast<uint32_t>(std::count_if(m_tail.begin() + m_coreBase[processor],
                                               m_tail.begin() + m_coreBase[processor + 1],
                                               [now](double tail) { return tail <= now; }));
}

double
DnnAppendTimeline::Place(uint32_t task, uint32_t processor, double notBefore)
{
    const double ready = std::max(m_timeline.PlaceInputs(m_schedule, task, processor), notBefore);
    uint32_t core = 0;
    const double start = Start(processor, ready, core);
    const double finish = start + m_problem.Cost(task, processor);
    m_schedule.Place(task, processor, core, start, finish);
    m_timeline.Occupy(processor, core, start, finish, task);
    m_tail[m_coreBase[processor] + core] = finish;
    NS_LOG_LOGIC("task " << task << " on processor " << processor << " core " << core << " ["
                         << start << ", " << finish << "]");
    return start;
}

} // namespace ns3
