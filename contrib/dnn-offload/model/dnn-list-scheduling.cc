/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-list-scheduling.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

DnnProcessorTimeline::DnnProcessorTimeline(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_coreBase(problem.ProcessorCount() + 1, 0),
      m_memoryUsed(problem.ProcessorCount(), 0.0)
{
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        m_coreBase[p + 1] = m_coreBase[p] + problem.Cores(p);
    }
    m_busy.resize(m_coreBase.back());
}

double
DnnProcessorTimeline::EarliestStart(uint32_t processor, double ready, double duration,
                                    uint32_t& core) const
{
    double best = DnnSchedulingProblem::INF;
    core = 0;
    for (std::size_t c = m_coreBase[processor]; c < m_coreBase[processor + 1]; ++c)
    {
        const auto& busy = m_busy[c];
        // First interval that ends after `ready`; gaps before it are too early.
        auto it = std::lower_bound(busy.begin(), busy.end(), ready,
                                   [](const std::pair<double, double>& iv, double t)
                                   { return iv.second <= t; });
        double candidate = ready;
        for (; it != busy.end(); ++it)
        {
            if (candidate + duration <= it->first)
            {
                break; // fits in the gap before this interval
            }
            candidate = std::max(candidate, it->second);
        }
        if (candidate < best)
        {
            best = candidate;
            core = static_cast<uint32_t>(c - m_coreBase[processor]);
        }
    }
    return best;
}

void
DnnProcessorTimeline::Occupy(uint32_t processor, uint32_t core, double start, double finish,
                             double memory)
{
    auto& busy = m_busy[m_coreBase[processor] + core];
    const auto it = std::upper_bound(busy.begin(), busy.end(), std::make_pair(start, finish));
    busy.insert(it, {start, finish});
    m_memoryUsed[processor] += memory;
}

bool
DnnProcessorTimeline::Fits(uint32_t processor, double memory) const
{
    return m_memoryUsed[processor] + memory <= m_problem.Capacity(processor);
}

std::vector<double>
DnnListScheduling::UpwardRanks(const DnnSchedulingProblem& problem)
{
    const auto& order = problem.TopologicalOrder();
    std::vector<double> rank(problem.TaskCount(), 0.0);
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        const uint32_t t = *it;
        double tail = 0.0;
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            tail = std::max(tail, problem.MeanCommTime(a->data) + rank[a->task]);
        }
        rank[t] = problem.MeanCost(t) + tail;
    }
    return rank;
}

std::vector<double>
DnnListScheduling::DownwardRanks(const DnnSchedulingProblem& problem)
{
    const uint32_t n = problem.TaskCount();
    std::vector<double> meanCost(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        meanCost[t] = problem.MeanCost(t);
    }
    std::vector<double> rank(n, 0.0);
    for (uint32_t t : problem.TopologicalOrder())
    {
        double head = 0.0;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            head =
                std::max(head, rank[a->task] + meanCost[a->task] + problem.MeanCommTime(a->data));
        }
        rank[t] = head;
    }
    return rank;
}

std::vector<double>
DnnListScheduling::OptimisticCostTable(const DnnSchedulingProblem& problem)
{
    // OCT(t, p) = max over successors s of min over q of OCT(s, q) + W(s, q) + c(s) [q != p],
    // c(s) the edge's mean communication time. With x_q = OCT(s, q) + W(s, q) (finite W
    // only), the inner minimum is min(x_p, min_{q != p} x_q + c): the smallest x_q, or the
    // second smallest when q = p is the smallest. O(edges x processors) in all.
    const uint32_t m = problem.ProcessorCount();
    const auto& order = problem.TopologicalOrder();
    std::vector<double> oct(static_cast<std::size_t>(problem.TaskCount()) * m, 0.0);
    std::vector<double> x(m);
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        const uint32_t t = *it;
        double* worst = oct.data() + static_cast<std::size_t>(t) * m;
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            const double* succ = oct.data() + static_cast<std::size_t>(a->task) * m;
            double min1 = DnnSchedulingProblem::INF;
            double min2 = DnnSchedulingProblem::INF;
            uint32_t argMin = DnnSchedulingProblem::NONE;
            for (uint32_t q = 0; q < m; ++q)
            {
                const double w = problem.Cost(a->task, q);
                x[q] = std::isfinite(w) ? succ[q] + w : DnnSchedulingProblem::INF;
                if (x[q] < min1)
                {
                    min2 = min1;
                    min1 = x[q];
                    argMin = q;
                }
                else if (x[q] < min2)
                {
                    min2 = x[q];
                }
            }
            const double comm = problem.MeanCommTime(a->data);
            const double viaOther = min1 + comm;
            const double viaOtherButMin = min2 + comm;
            for (uint32_t p = 0; p < m; ++p)
            {
                const double best = std::min(x[p], p == argMin ? viaOtherButMin : viaOther);
                worst[p] = std::max(worst[p], best);
            }
        }
    }
    return oct;
}

double
DnnListScheduling::ReadyTime(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
                             uint32_t task, uint32_t processor)
{
    double ready = problem.Release(task);
    for (auto a = problem.PredBegin(task); a != problem.PredEnd(task); ++a)
    {
        ready =
            std::max(ready, schedule.Finish(a->task) +
                                problem.CommTime(a->data, schedule.Processor(a->task), processor));
    }
    return ready;
}

uint32_t
DnnListScheduling::BestFinish(const DnnSchedulingProblem& problem,
                              const DnnProcessorTimeline& timeline, const DnnSchedule& schedule,
                              uint32_t task, const double* bias)
{
    uint32_t best = DnnSchedulingProblem::NONE;
    double bestValue = DnnSchedulingProblem::INF;
    bool bestFits = false;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        const double w = problem.Cost(task, p);
        if (!std::isfinite(w))
        {
            continue;
        }
        const bool fits = timeline.Fits(p, problem.Memory(task));
        if (bestFits && !fits)
        {
            continue; // prefer processors with memory left
        }
        uint32_t core = 0;
        const double finish =
            timeline.EarliestStart(p, ReadyTime(problem, schedule, task, p), w, core) + w;
        const double value = finish + (bias ? bias[p] : 0.0);
        if (best == DnnSchedulingProblem::NONE || (fits && !bestFits) || value < bestValue)
        {
            best = p;
            bestValue = value;
            bestFits = fits;
        }
    }
    return best;
}

} // namespace ns3
