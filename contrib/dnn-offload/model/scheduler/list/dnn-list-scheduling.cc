/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-list-scheduling.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnListScheduling");

namespace
{

/**
 * An upper bound on the durations d that fit between an interval ending at \p finish and
 * the next one, starting at \p start, i.e. for which finish + d <= start as rounded: the
 * gap plus a margin larger than the rounding errors of that sum and of this one.
 */
double
GapBound(double finish, double start)
{
    return (start - finish) + ((std::fabs(start) + std::fabs(finish)) * 0x1p-50 + 0x1p-1022);
}

} // namespace

DnnProcessorTimeline::DnnProcessorTimeline(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_coreBase(problem.ProcessorCount() + 1, 0),
      m_shared(problem.NetworkModel() == DnnNetworkModel::Shared),
      m_memoryUsed(problem.ProcessorCount(), 0.0)
{
    NS_LOG_FUNCTION(this << &problem);
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        m_coreBase[p + 1] = m_coreBase[p] + problem.Cores(p);
    }
    m_cores.resize(m_coreBase.back());
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            m_cores[m_coreBase[p] + c].available = problem.Available(p, c);
        }
    }
    if (m_shared)
    {
        m_media.resize(problem.MediumCount());
        for (uint32_t k = 0; k < problem.MediumCount(); ++k)
        {
            m_media[k].available = problem.MediumAvailable(k);
        }
    }
    if (problem.SharesMemory())
    {
        m_groupPresent.assign(
            static_cast<std::size_t>(problem.ProcessorCount()) * problem.MemoryGroupCount(), 0);
    }
    NS_LOG_LOGIC("timelines of " << m_cores.size() << " cores on " << problem.ProcessorCount()
                                 << " processors"
                                 << (problem.SharesMemory() ? ", memory groups shared" : ""));
}

double
DnnProcessorTimeline::EarliestStart(uint32_t processor, double ready, double duration,
                                    uint32_t& core) const
{
    double best = DnnSchedulingProblem::INF;
    core = 0;
    for (std::size_t c = m_coreBase[processor]; c < m_coreBase[processor + 1]; ++c)
    {
        const double candidate = CoreEarliestStart(m_cores[c], ready, duration);
        if (candidate < best)
        {
            best = candidate;
            core = static_cast<uint32_t>(c - m_coreBase[processor]);
        }
    }
    return best;
}

double
DnnProcessorTimeline::CoreEarliestStart(const Core& core, double ready, double duration)
{
    ready = std::max(ready, core.available); // the core is busy before (NaN stays NaN)
    const auto& busy = core.busy;
    // First interval that ends after `ready`; gaps before it are too early.
    auto lowerBound = [&]()
    {
        return std::lower_bound(busy.begin(), busy.end(), ready,
                                [](const std::pair<double, double>& iv, double t)
                                { return iv.second <= t; });
    };
    if (core.linear || !(duration >= 0.0) || !std::isfinite(duration) || !std::isfinite(ready))
    {
        double candidate = ready;
        for (auto it = lowerBound(); it != busy.end(); ++it)
        {
            if (candidate + duration <= it->first)
            {
                break; // fits in the gap before this interval
            }
            candidate = std::max(candidate, it->second);
        }
        return candidate;
    }
    // The same scan as above, with gaps that are too short skipped by the max-tree. Past
    // the first interval, the candidate is the previous interval's finish (intervals do
    // not overlap, so their finishes increase).
    if (busy.empty() || busy.back().second <= ready)
    {
        return ready; // free from `ready` on
    }
    const auto it = lowerBound();
    if (ready + duration <= it->first)
    {
        return ready;
    }
    if (!(core.fit[1] >= duration))
    {
        return busy.back().second; // no gap is long enough: after the last interval
    }
    for (std::size_t i = static_cast<std::size_t>(it - busy.begin()) + 1;; ++i)
    {
        i = FirstFit(core, i, duration);
        if (i == busy.size())
        {
            return busy.back().second;
        }
        if (busy[i - 1].second + duration <= busy[i].first)
        {
            return busy[i - 1].second;
        }
    }
}

std::size_t
DnnProcessorTimeline::FirstFit(const Core& core, std::size_t from, double duration)
{
    if (from >= core.busy.size())
    {
        return core.busy.size();
    }
    std::size_t v = core.leaves + from;
    while (!(core.fit[v] >= duration))
    {
        while (v & 1)
        {
            v >>= 1; // a right child: its parent's next sibling covers what follows
        }
        if (v == 0)
        {
            return core.busy.size(); // climbed past the root
        }
        ++v;
    }
    while (v < core.leaves)
    {
        v *= 2;
        if (!(core.fit[v] >= duration))
        {
            ++v;
        }
    }
    return v - core.leaves;
}

void
DnnProcessorTimeline::UpdateFit(Core& core, std::size_t pos)
{
    const auto& busy = core.busy;
    const std::size_t n = busy.size();
    auto leaf = [&](std::size_t i)
    {
        return i == 0 ? -DnnSchedulingProblem::INF : GapBound(busy[i - 1].second, busy[i].first);
    };
    if (n > core.leaves)
    {
        core.leaves = std::max<std::size_t>(16, 2 * core.leaves);
        core.fit.assign(2 * core.leaves, -DnnSchedulingProblem::INF);
        for (std::size_t i = 0; i < n; ++i)
        {
            core.fit[core.leaves + i] = leaf(i);
        }
        for (std::size_t v = core.leaves - 1; v > 0; --v)
        {
            core.fit[v] = std::max(core.fit[2 * v], core.fit[2 * v + 1]);
        }
        return;
    }
    // Leaves after the insertion move one place right; the two around it are new.
    double* leaves = core.fit.data() + core.leaves;
    if (pos + 2 < n)
    {
        std::copy_backward(leaves + pos + 1, leaves + n - 1, leaves + n);
    }
    leaves[pos] = leaf(pos);
    if (pos + 1 < n)
    {
        leaves[pos + 1] = leaf(pos + 1);
    }
    for (std::size_t lo = (core.leaves + pos) / 2, hi = (core.leaves + n - 1) / 2; lo > 0;
         lo /= 2, hi /= 2)
    {
        for (std::size_t v = lo; v <= hi; ++v)
        {
            core.fit[v] = std::max(core.fit[2 * v], core.fit[2 * v + 1]);
        }
    }
}

double
DnnProcessorTimeline::InputsReady(const DnnSchedule& schedule, uint32_t task,
                                  uint32_t processor) const
{
    if (!m_shared)
    {
        return DnnListScheduling::ReadyTime(m_problem, schedule, task, processor);
    }
    m_tentative.clear();
    m_inputs.clear();
    for (auto a = m_problem.PredBegin(task); a != m_problem.PredEnd(task); ++a)
    {
        m_inputs.emplace_back(schedule.Finish(a->task),
                              static_cast<uint32_t>(a - m_problem.PredBegin(task)));
    }
    std::sort(m_inputs.begin(), m_inputs.end(),
              [&](const auto& x, const auto& y)
              {
                  const uint32_t u = m_problem.PredBegin(task)[x.second].task;
                  const uint32_t v = m_problem.PredBegin(task)[y.second].task;
                  return x.first < y.first || (x.first == y.first && u < v);
              });
    double ready = m_problem.Release(task);
    for (const auto& [finish, index] : m_inputs)
    {
        const auto& input = m_problem.PredBegin(task)[index];
        const uint32_t from = schedule.Processor(input.task);
        if (from == processor)
        {
            ready = std::max(ready, finish);
            continue;
        }
        const auto* uses = m_problem.RouteBegin(from, processor);
        const auto* end = m_problem.RouteEnd(from, processor);
        const double start = EarliestTransfer(uses, end, input.data, finish);
        double longest = 0.0;
        for (auto use = uses; use != end; ++use)
        {
            const double duration = input.data * use->secondsPerUnit;
            longest = std::max(longest, duration);
            m_tentative.push_back({input.task, task, use->medium, start, start + duration});
        }
        ready = std::max(ready, start + m_problem.Latency(from, processor) + longest);
    }
    return ready;
}

double
DnnProcessorTimeline::EarliestTransfer(const DnnSchedulingProblem::MediumUse* uses,
                                       const DnnSchedulingProblem::MediumUse* end, double data,
                                       double ready) const
{
    double start = ready;
    for (bool moved = true; moved;)
    {
        moved = false;
        for (auto use = uses; use != end; ++use)
        {
            const double duration = data * use->secondsPerUnit;
            if (!(duration > 0))
            {
                continue; // occupies nothing
            }
            double earliest = CoreEarliestStart(m_media[use->medium], start, duration);
            for (const auto& other : m_tentative)
            {
                if (other.medium == use->medium && other.start < earliest + duration &&
                    earliest < other.finish)
                {
                    earliest = std::max(earliest, other.finish); // the task's own input
                }
            }
            if (earliest > start)
            {
                start = earliest;
                moved = true;
            }
        }
    }
    return start;
}

double
DnnProcessorTimeline::PlaceInputs(DnnSchedule& schedule, uint32_t task, uint32_t processor)
{
    const double ready = InputsReady(schedule, task, processor);
    for (const auto& transfer : m_tentative)
    {
        if (transfer.finish > transfer.start)
        {
            Insert(m_media[transfer.medium], transfer.start, transfer.finish);
        }
        schedule.AddTransfer(transfer);
    }
    m_tentative.clear();
    return ready;
}

void
DnnProcessorTimeline::Occupy(uint32_t processor, uint32_t core, double start, double finish,
                             uint32_t task)
{
    Insert(m_cores[m_coreBase[processor] + core], start, finish);
    m_memoryUsed[processor] += AddedMemory(processor, task);
    if (!m_groupPresent.empty())
    {
        m_groupPresent[static_cast<std::size_t>(processor) * m_problem.MemoryGroupCount() +
                       m_problem.MemoryGroup(task)] = 1;
    }
}

void
DnnProcessorTimeline::Insert(Core& slot, double start, double finish)
{
    auto& busy = slot.busy;
    const auto it = std::upper_bound(busy.begin(), busy.end(), std::make_pair(start, finish));
    const auto pos = static_cast<std::size_t>(it - busy.begin());
    // The max-tree needs intervals that do not overlap, so that finishes increase.
    const bool orderly = std::isfinite(start) && std::isfinite(finish) && start <= finish &&
                         (pos == 0 || busy[pos - 1].second <= start) &&
                         (pos == busy.size() || finish <= busy[pos].first);
    busy.insert(it, {start, finish});
    slot.linear = slot.linear || !orderly;
    if (!slot.linear)
    {
        UpdateFit(slot, pos);
    }
}

double
DnnProcessorTimeline::AddedMemory(uint32_t processor, uint32_t task) const
{
    if (!m_groupPresent.empty() &&
        m_groupPresent[static_cast<std::size_t>(processor) * m_problem.MemoryGroupCount() +
                       m_problem.MemoryGroup(task)])
    {
        return 0.0; // the group's memory is held there already
    }
    return m_problem.Memory(task);
}

bool
DnnProcessorTimeline::Fits(uint32_t processor, uint32_t task) const
{
    return m_memoryUsed[processor] + AddedMemory(processor, task) <= m_problem.Capacity(processor);
}

std::vector<double>
DnnListScheduling::UpwardRanks(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(&problem);
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
    NS_LOG_LOGIC("highest upward rank "
                 << (rank.empty() ? 0.0 : *std::max_element(rank.begin(), rank.end())) << " s");
    return rank;
}

std::vector<double>
DnnListScheduling::DownwardRanks(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(&problem);
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
    NS_LOG_FUNCTION(&problem);
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
    // ReadyTime() for every processor, with the inputs looked up once.
    struct Input
    {
        double finish;      //!< predecessor's finish
        uint32_t processor; //!< predecessor's processor
        double data;        //!< data carried
    };
    std::vector<Input> inputs;
    inputs.reserve(problem.PredEnd(task) - problem.PredBegin(task));
    for (auto a = problem.PredBegin(task); a != problem.PredEnd(task); ++a)
    {
        inputs.push_back({schedule.Finish(a->task), schedule.Processor(a->task), a->data});
    }
    const double release = problem.Release(task);
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
        const bool fits = timeline.Fits(p, task);
        if (bestFits && !fits)
        {
            continue; // prefer processors with memory left
        }
        double ready = release;
        if (problem.NetworkModel() == DnnNetworkModel::Shared)
        {
            ready = timeline.InputsReady(schedule, task, p);
        }
        else
        {
            for (const Input& input : inputs)
            {
                ready = std::max(ready,
                                 input.finish + problem.CommTime(input.data, input.processor, p));
            }
        }
        uint32_t core = 0;
        const double finish = timeline.EarliestStart(p, ready, w, core) + w;
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
