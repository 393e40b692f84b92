/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-schedule-evaluator.h"

#include "ns3/dnn-power.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace ns3
{

// Logged: construction and Decode() (once per Plan() of a metaheuristic), never Evaluate(),
// Repair() or Feasible(): the search calls them per chromosome, millions of times a second.
NS_LOG_COMPONENT_DEFINE("DnnScheduleEvaluator");

DnnScheduleEvaluator::DnnScheduleEvaluator(const DnnSchedulingProblem& problem)
    : m_problem(problem), m_tasks(problem.TaskCount()), m_processors(problem.ProcessorCount()),
      m_memoryBound(false), m_release(m_tasks), m_memory(m_tasks), m_capacity(m_processors),
      m_corePower(m_processors), m_transmitPower(m_processors), m_coreBase(m_processors + 1, 0),
      m_sharedMemory(problem.SharesMemory()), m_groups(problem.MemoryGroupCount()),
      m_group(m_tasks), m_epoch(0), m_used(m_processors, 0.0), m_start(m_tasks, 0.0),
      m_finish(m_tasks, 0.0), m_core(m_tasks, 0), m_placements(0),
      m_shared(problem.NetworkModel() == DnnNetworkModel::Shared), m_record(nullptr)
{
    NS_LOG_FUNCTION(this << &problem);
    if (problem.TopologicalOrder().size() != m_tasks)
    {
        throw std::invalid_argument("DnnScheduleEvaluator: the problem is not finalized");
    }
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        m_release[t] = problem.Release(t);
        m_memory[t] = problem.Memory(t);
        m_group[t] = problem.MemoryGroup(t);
    }
    for (uint32_t p = 0; p < m_processors; ++p)
    {
        m_capacity[p] = problem.Capacity(p);
        m_memoryBound = m_memoryBound || std::isfinite(m_capacity[p]);
        m_corePower[p] =
            DnnCoreBusyPower(problem.IdlePower(p), problem.BusyPower(p), problem.Cores(p));
        m_transmitPower[p] = problem.TransmitPower(p);
        m_coreBase[p + 1] = m_coreBase[p] + problem.Cores(p);
    }
    m_coreAvailable.assign(m_coreBase[m_processors], 0.0);
    for (uint32_t p = 0; p < m_processors; ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            m_coreAvailable[m_coreBase[p] + c] = problem.Available(p, c);
        }
    }
    m_coreFree.assign(m_coreBase[m_processors], 0.0);
    if (m_shared)
    {
        m_mediumFree.assign(problem.MediumCount(), 0.0);
        for (uint32_t k = 0; k < problem.MediumCount(); ++k)
        {
            m_mediumAvailable.push_back(problem.MediumAvailable(k));
        }
    }
    if (m_sharedMemory && m_memoryBound)
    {
        const std::size_t slots = static_cast<std::size_t>(m_processors) * m_groups;
        m_groupSlot.assign(slots, 0);
        m_groupCount.assign(slots, 0);
    }
    m_candidates.reserve(m_tasks);
    uint32_t sinks = 0;
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        sinks += problem.IsSink(t);
    }
    m_completionWeight.assign(m_tasks, 0.0);
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        if (sinks == 0 || problem.IsSink(t))
        {
            m_completionWeight[t] = 1.0 / (sinks ? sinks : m_tasks);
        }
    }
    NS_LOG_LOGIC(m_tasks << " tasks, " << m_processors << " processors, "
                         << m_coreBase[m_processors] << " cores, " << sinks << " sinks"
                         << (m_memoryBound ? ", memory bound" : "")
                         << (m_sharedMemory ? ", shared memory groups" : ""));
}

bool
DnnScheduleEvaluator::Feasible(const uint32_t* assignment)
{
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        const uint32_t p = assignment[t];
        if (p >= m_processors || !std::isfinite(m_problem.Cost(t, p)))
        {
            return false;
        }
    }
    if (m_memoryBound)
    {
        std::fill(m_used.begin(), m_used.end(), 0.0);
        if (!m_sharedMemory)
        {
            for (uint32_t t = 0; t < m_tasks; ++t)
            {
                m_used[assignment[t]] += m_memory[t];
            }
        }
        else
        {
            // A group's memory on the first of its tasks on a processor: the slots marked
            // with this call's epoch are the groups seen so far.
            if (++m_epoch == 0)
            {
                std::fill(m_groupSlot.begin(), m_groupSlot.end(), 0);
                m_epoch = 1;
            }
            uint32_t* const slot = m_groupSlot.data();
            for (uint32_t t = 0; t < m_tasks; ++t)
            {
                const uint32_t p = assignment[t];
                uint32_t& seen = slot[static_cast<std::size_t>(p) * m_groups + m_group[t]];
                if (seen != m_epoch)
                {
                    seen = m_epoch;
                    m_used[p] += m_memory[t];
                }
            }
        }
        for (uint32_t p = 0; p < m_processors; ++p)
        {
            if (m_used[p] > m_capacity[p])
            {
                return false;
            }
        }
    }
    return true;
}

DnnScheduleEvaluator::Outcome
DnnScheduleEvaluator::Evaluate(const uint32_t* assignment, const uint32_t* order)
{
    constexpr double INF = DnnSchedulingProblem::INF;
    if (!Feasible(assignment))
    {
        return {INF, INF, INF};
    }
    std::copy(m_coreAvailable.begin(), m_coreAvailable.end(), m_coreFree.begin());
    std::copy(m_mediumAvailable.begin(), m_mediumAvailable.end(), m_mediumFree.begin());
    const DnnSchedulingProblem& problem = m_problem;
    double* const finish = m_finish.data();
    double* const coreFree = m_coreFree.data();
    double makespan = 0.0;
    double energy = 0.0;
    double completion = 0.0;
    for (uint32_t i = 0; i < m_tasks; ++i)
    {
        const uint32_t t = order[i];
        const uint32_t p = assignment[t];
        double ready = m_release[t];
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const uint32_t q = assignment[a->task];
            double arrival = finish[a->task];
            if (q != p)
            {
                const double transmit = a->data / problem.Bandwidth(q, p);
                arrival = m_shared ? Transfer(a->task, t, a->data, q, p, arrival)
                                   : arrival + problem.Latency(q, p) + transmit;
                energy += m_transmitPower[q] * transmit;
            }
            ready = std::max(ready, arrival);
        }
        // The core of p that becomes free first (ties: lowest index).
        const uint32_t base = m_coreBase[p];
        const uint32_t end = m_coreBase[p + 1];
        uint32_t best = base;
        for (uint32_t c = base + 1; c < end; ++c)
        {
            if (coreFree[c] < coreFree[best])
            {
                best = c;
            }
        }
        const double w = problem.Cost(t, p);
        const double start = std::max(ready, coreFree[best]);
        const double done = start + w;
        coreFree[best] = done;
        m_start[t] = start;
        finish[t] = done;
        m_core[t] = best - base;
        makespan = std::max(makespan, done);
        energy += m_corePower[p] * w;
        completion += m_completionWeight[t] * done;
    }
    m_placements += m_tasks;
    return {makespan, energy, completion};
}

double
DnnScheduleEvaluator::IdleEnergy(const DnnSchedulingProblem& problem, double window)
{
    double watts = 0.0;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        watts += problem.IdlePower(p);
    }
    return watts * window;
}

double
DnnScheduleEvaluator::Transfer(uint32_t from, uint32_t to, double data, uint32_t source,
                               uint32_t target, double ready)
{
    const auto* begin = m_problem.RouteBegin(source, target);
    const auto* end = m_problem.RouteEnd(source, target);
    double* const free = m_mediumFree.data();
    double start = ready;
    if (data > 0)
    {
        for (auto use = begin; use != end; ++use)
        {
            start = std::max(start, free[use->medium]);
        }
    }
    double longest = 0.0;
    for (auto use = begin; use != end; ++use)
    {
        const double duration = data * use->secondsPerUnit;
        longest = std::max(longest, duration);
        if (duration > 0)
        {
            free[use->medium] = start + duration;
        }
        if (m_record)
        {
            m_record->push_back({from, to, use->medium, start, start + duration});
        }
    }
    return start + m_problem.Latency(source, target) + longest;
}

DnnSchedule
DnnScheduleEvaluator::Decode(const uint32_t* assignment, const uint32_t* order)
{
    NS_LOG_FUNCTION(this << assignment << order);
    // Check the order: a permutation in which every task comes after its predecessors.
    std::vector<uint32_t> position(m_tasks, DnnSchedulingProblem::NONE);
    for (uint32_t i = 0; i < m_tasks; ++i)
    {
        if (order[i] >= m_tasks || position[order[i]] != DnnSchedulingProblem::NONE)
        {
            throw std::invalid_argument("DnnScheduleEvaluator::Decode: the order is not a "
                                        "permutation of the tasks");
        }
        position[order[i]] = i;
    }
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        for (auto a = m_problem.PredBegin(t); a != m_problem.PredEnd(t); ++a)
        {
            if (position[a->task] > position[t])
            {
                throw std::invalid_argument("DnnScheduleEvaluator::Decode: task \"" +
                                            m_problem.TaskName(t) +
                                            "\" comes before its "
                                            "predecessor \"" +
                                            m_problem.TaskName(a->task) + "\" in the order");
            }
        }
    }
    std::vector<DnnSchedule::Transfer> transfers;
    m_record = &transfers;
    const bool feasible = std::isfinite(Evaluate(assignment, order).makespan);
    m_record = nullptr;
    if (!feasible)
    {
        throw std::invalid_argument("DnnScheduleEvaluator::Decode: infeasible assignment");
    }
    DnnSchedule schedule(m_tasks);
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        schedule.Place(t, assignment[t], m_core[t], m_start[t], m_finish[t]);
    }
    for (const auto& transfer : transfers)
    {
        schedule.AddTransfer(transfer);
    }
    NS_LOG_LOGIC("decoded: makespan " << schedule.Makespan() << " s");
    return schedule;
}

bool
DnnScheduleEvaluator::Repair(uint32_t* assignment)
{
    const DnnSchedulingProblem& problem = m_problem;
    // (1) Tasks where they may not run: to the pin, else the request's home, else the fastest.
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        const uint32_t p = assignment[t];
        if (p < m_processors && std::isfinite(problem.Cost(t, p)))
        {
            continue;
        }
        const uint32_t pin = problem.Pinned(t);
        const uint32_t home = problem.RequestHome(problem.Request(t));
        if (pin != DnnSchedulingProblem::NONE)
        {
            assignment[t] = pin;
        }
        else if (home != DnnSchedulingProblem::NONE && std::isfinite(problem.Cost(t, home)))
        {
            assignment[t] = home;
        }
        else
        {
            assignment[t] = problem.FastestProcessor(t);
        }
    }
    if (!m_memoryBound)
    {
        return true;
    }
    // (2) Memory overflow: move memory groups off each overfull processor, largest first.
    // With no shared group, a group is a task and m_group[t] == t.
    double* const used = m_used.data();
    uint32_t* const count = m_groupCount.data(); // tasks per (processor, group), if shared
    auto slot = [this](uint32_t p, uint32_t group)
    {
        return static_cast<std::size_t>(p) * m_groups + group;
    };
    std::fill(m_used.begin(), m_used.end(), 0.0);
    for (uint32_t t = 0; t < m_tasks; ++t)
    {
        const uint32_t p = assignment[t];
        if (!m_sharedMemory || count[slot(p, m_group[t])]++ == 0)
        {
            used[p] += m_memory[t];
        }
    }
    bool feasible = true;
    auto& candidates = m_candidates;
    for (uint32_t p = 0; p < m_processors && feasible; ++p)
    {
        if (used[p] <= m_capacity[p])
        {
            continue;
        }
        candidates.clear();
        for (uint32_t t = 0; t < m_tasks; ++t)
        {
            if (assignment[t] == p && m_memory[t] > 0)
            {
                candidates.push_back(t);
            }
        }
        // Largest memory first, a group's tasks together (ties: lower group, lower index).
        std::sort(candidates.begin(), candidates.end(),
                  [this](uint32_t a, uint32_t b)
                  {
                      if (m_memory[a] != m_memory[b])
                      {
                          return m_memory[a] > m_memory[b];
                      }
                      return m_group[a] < m_group[b] || (m_group[a] == m_group[b] && a < b);
                  });
        for (std::size_t first = 0, end = 0; first < candidates.size(); first = end)
        {
            if (used[p] <= m_capacity[p])
            {
                break;
            }
            // The run [first, end) is all the tasks of one group on p.
            const uint32_t group = m_group[candidates[first]];
            end = first + 1;
            while (end < candidates.size() && m_group[candidates[end]] == group)
            {
                ++end;
            }
            const double memory = m_memory[candidates[first]];
            uint32_t target = DnnSchedulingProblem::NONE;
            bool targetHolds = false;
            double room = -1.0;
            for (uint32_t q = 0; q < m_processors; ++q)
            {
                if (q == p)
                {
                    continue;
                }
                const bool holds = m_sharedMemory && count[slot(q, group)] > 0;
                const double left = m_capacity[q] - used[q];
                if (!((holds ? used[q] : used[q] + memory) <= m_capacity[q]) ||
                    (targetHolds && !holds) || (targetHolds == holds && !(left > room)))
                {
                    continue; // does not fit, or no better than the target so far
                }
                bool runnable = true;
                for (std::size_t i = first; i < end && runnable; ++i)
                {
                    runnable = std::isfinite(problem.Cost(candidates[i], q));
                }
                if (runnable)
                {
                    target = q;
                    targetHolds = holds;
                    room = left;
                }
            }
            if (target == DnnSchedulingProblem::NONE)
            {
                continue;
            }
            for (std::size_t i = first; i < end; ++i)
            {
                assignment[candidates[i]] = target;
            }
            used[p] -= memory;
            if (!targetHolds)
            {
                used[target] += memory;
            }
            if (m_sharedMemory)
            {
                const auto moved = static_cast<uint32_t>(end - first);
                count[slot(p, group)] -= moved;
                count[slot(target, group)] += moved;
            }
        }
        feasible = !(used[p] > m_capacity[p]);
    }
    if (m_sharedMemory)
    {
        for (uint32_t t = 0; t < m_tasks; ++t)
        {
            count[slot(assignment[t], m_group[t])] = 0; // back to all zero
        }
    }
    return feasible;
}

std::vector<uint32_t>
DnnScheduleEvaluator::StartOrder(const DnnSchedulingProblem& problem, const DnnSchedule& schedule)
{
    const uint32_t n = problem.TaskCount();
    std::vector<uint32_t> position(n);
    const auto& topological = problem.TopologicalOrder();
    for (uint32_t i = 0; i < n; ++i)
    {
        position[topological[i]] = i;
    }
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b)
              {
                  if (schedule.Start(a) != schedule.Start(b))
                  {
                      return schedule.Start(a) < schedule.Start(b);
                  }
                  if (schedule.Finish(a) != schedule.Finish(b))
                  {
                      return schedule.Finish(a) < schedule.Finish(b);
                  }
                  return position[a] < position[b];
              });
    return order;
}

uint64_t
DnnScheduleEvaluator::Placements() const
{
    return m_placements;
}

} // namespace ns3
