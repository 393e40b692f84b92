/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-schedule.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

namespace ns3
{

// Logged: ValidateSchedule(), the schedule validator; a schedule's own methods are too
// small and too frequent (Place() per task placed) to log.
NS_LOG_COMPONENT_DEFINE("DnnSchedule");

DnnSchedule::DnnSchedule(uint32_t tasks)
    : m_processor(tasks, DnnSchedulingProblem::NONE), m_core(tasks, 0), m_start(tasks, 0.0),
      m_finish(tasks, 0.0)
{
}

void
DnnSchedule::Place(uint32_t task, uint32_t processor, uint32_t core, double start, double finish)
{
    m_processor.at(task) = processor;
    m_core[task] = core;
    m_start[task] = start;
    m_finish[task] = finish;
}

void
DnnSchedule::AddTransfer(const Transfer& transfer)
{
    m_transfers.push_back(transfer);
}

const std::vector<DnnSchedule::Transfer>&
DnnSchedule::Transfers() const
{
    return m_transfers;
}

uint32_t
DnnSchedule::TaskCount() const
{
    return static_cast<uint32_t>(m_processor.size());
}

uint32_t
DnnSchedule::Processor(uint32_t task) const
{
    return m_processor[task];
}

uint32_t
DnnSchedule::Core(uint32_t task) const
{
    return m_core[task];
}

double
DnnSchedule::Start(uint32_t task) const
{
    return m_start[task];
}

double
DnnSchedule::Finish(uint32_t task) const
{
    return m_finish[task];
}

double
DnnSchedule::Makespan() const
{
    double makespan = 0.0;
    for (double f : m_finish)
    {
        makespan = std::max(makespan, f);
    }
    return makespan;
}

std::vector<std::vector<uint32_t>>
DnnSchedule::ProcessorOrder(uint32_t processors) const
{
    std::vector<std::vector<uint32_t>> order(processors);
    for (uint32_t t = 0; t < TaskCount(); ++t)
    {
        if (m_processor[t] < processors)
        {
            order[m_processor[t]].push_back(t);
        }
    }
    for (auto& list : order)
    {
        std::stable_sort(list.begin(), list.end(),
                         [this](uint32_t a, uint32_t b) { return m_start[a] < m_start[b]; });
    }
    return order;
}

std::vector<double>
DnnSchedule::RequestCompletion(const DnnSchedulingProblem& problem) const
{
    std::vector<double> sinkFinish(problem.RequestCount(), -1.0);
    std::vector<double> lastFinish(problem.RequestCount(), 0.0);
    for (uint32_t t = 0; t < TaskCount(); ++t)
    {
        const uint32_t r = problem.Request(t);
        lastFinish[r] = std::max(lastFinish[r], m_finish[t]);
        if (problem.IsSink(t))
        {
            sinkFinish[r] = std::max(sinkFinish[r], m_finish[t]);
        }
    }
    for (std::size_t r = 0; r < sinkFinish.size(); ++r)
    {
        if (sinkFinish[r] < 0)
        {
            sinkFinish[r] = lastFinish[r];
        }
    }
    return sinkFinish;
}

namespace
{

/** \brief A number with ten significant digits. \param v the number \return the text */
std::string
Num(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

/**
 * \brief ValidateSchedule()'s checks of the transfers under the shared-medium model.
 * \param problem the problem \param schedule the schedule
 * \param placed per task: whether it is on a processor that exists
 * \param slack time tolerance \param report called with each violation
 */
template<typename Report>
void
CheckTransfers(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
               const std::vector<uint8_t>& placed, double slack, Report report)
{
    const auto& transfers = schedule.Transfers();
    const uint32_t n = problem.TaskCount();
    // The transfers of each dependency, by (from, to).
    std::vector<std::size_t> byEdge(transfers.size());
    for (std::size_t i = 0; i < transfers.size(); ++i)
    {
        byEdge[i] = i;
    }
    auto edgeKey = [&](std::size_t i)
    {
        return std::make_pair(transfers[i].from, transfers[i].to);
    };
    std::sort(byEdge.begin(), byEdge.end(),
              [&](std::size_t a, std::size_t b)
              { return edgeKey(a) < edgeKey(b) || (edgeKey(a) == edgeKey(b) && a < b); });
    auto edgeName = [&](uint32_t from, uint32_t to)
    {
        return "the transfer " + problem.TaskName(from) + " -> " + problem.TaskName(to);
    };
    for (const auto& transfer : transfers)
    {
        if (transfer.from >= n || transfer.to >= n || transfer.medium >= problem.MediumCount())
        {
            report("a transfer names a task or medium that does not exist");
            return;
        }
    }
    for (uint32_t t = 0; t < n; ++t)
    {
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            const uint32_t s = a->task;
            const auto first =
                std::lower_bound(byEdge.begin(), byEdge.end(), std::make_pair(t, s),
                                 [&](std::size_t i, const std::pair<uint32_t, uint32_t>& key)
                                 { return edgeKey(i) < key; });
            auto last = first;
            while (last != byEdge.end() && edgeKey(*last) == std::make_pair(t, s))
            {
                ++last;
            }
            if (!placed[t] || !placed[s])
            {
                continue;
            }
            const uint32_t p = schedule.Processor(t);
            const uint32_t q = schedule.Processor(s);
            if (p == q)
            {
                if (first != last)
                {
                    report(edgeName(t, s) + " crosses a medium though both run on " +
                           problem.ProcessorName(p));
                }
                continue;
            }
            const auto uses = problem.RouteEnd(p, q) - problem.RouteBegin(p, q);
            if (last - first != uses)
            {
                report(edgeName(t, s) + " is on " + std::to_string(last - first) +
                       " media, its route from " + problem.ProcessorName(p) + " to " +
                       problem.ProcessorName(q) + " crosses " + std::to_string(uses));
                continue;
            }
            const double start = transfers[*first].start;
            double longest = 0.0;
            for (auto use = problem.RouteBegin(p, q); use != problem.RouteEnd(p, q); ++use)
            {
                const double duration = a->data * use->secondsPerUnit;
                longest = std::max(longest, duration);
                const auto on = std::find_if(
                    first, last, [&](std::size_t i) { return transfers[i].medium == use->medium; });
                if (on == last)
                {
                    report(edgeName(t, s) + " is not on medium " + problem.MediumName(use->medium) +
                           " of its route");
                    continue;
                }
                const auto& transfer = transfers[*on];
                if (std::fabs(transfer.start - start) > slack)
                {
                    report(edgeName(t, s) + " starts at different times on its media");
                }
                if (duration > 0 && transfer.start + slack < problem.MediumAvailable(use->medium))
                {
                    report(edgeName(t, s) + " starts at " + Num(transfer.start) + " on " +
                           problem.MediumName(use->medium) + " before the medium is available at " +
                           Num(problem.MediumAvailable(use->medium)));
                }
                if (std::fabs(transfer.finish - transfer.start - duration) > slack)
                {
                    report(edgeName(t, s) + " lasts " + Num(transfer.finish - transfer.start) +
                           " on " + problem.MediumName(use->medium) + " instead of " +
                           Num(duration));
                }
            }
            if (start + slack < schedule.Finish(t))
            {
                report(edgeName(t, s) + " starts at " + Num(start) + " before " +
                       problem.TaskName(t) + " finishes at " + Num(schedule.Finish(t)));
            }
            const double arrival = start + problem.Latency(p, q) + longest;
            if (schedule.Start(s) + slack < arrival)
            {
                report("task " + problem.TaskName(s) + " starts at " + Num(schedule.Start(s)) +
                       " but its input from " + problem.TaskName(t) + " arrives at " +
                       Num(arrival));
            }
        }
    }
    // No overlap on a medium.
    std::vector<std::size_t> byMedium(byEdge);
    std::sort(byMedium.begin(), byMedium.end(),
              [&](std::size_t a, std::size_t b)
              {
                  const auto& x = transfers[a];
                  const auto& y = transfers[b];
                  return std::make_tuple(x.medium, x.start, x.finish, a) <
                         std::make_tuple(y.medium, y.start, y.finish, b);
              });
    std::size_t latest = SIZE_MAX; // the transfer so far on this medium that ends last
    for (std::size_t i : byMedium)
    {
        const auto& cur = transfers[i];
        if (!(cur.finish > cur.start))
        {
            continue; // no data: occupies nothing
        }
        if (latest != SIZE_MAX && transfers[latest].medium == cur.medium)
        {
            const auto& prev = transfers[latest];
            if (cur.start + slack < prev.finish)
            {
                report(edgeName(cur.from, cur.to) + " overlaps " + edgeName(prev.from, prev.to) +
                       " on medium " + problem.MediumName(cur.medium));
            }
            if (cur.finish <= prev.finish)
            {
                continue;
            }
        }
        latest = i;
    }
}

} // namespace

std::vector<std::string>
ValidateSchedule(const DnnSchedulingProblem& problem, const DnnSchedule& schedule, double tolerance)
{
    NS_LOG_FUNCTION(&problem << &schedule << tolerance);
    std::vector<std::string> violations;
    auto report = [&](const std::string& text)
    {
        NS_LOG_DEBUG("violation: " << text);
        violations.push_back(text);
    };
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    if (schedule.TaskCount() != n)
    {
        report("the schedule has " + std::to_string(schedule.TaskCount()) + " tasks, the problem " +
               std::to_string(n));
        return violations;
    }
    const double slack = tolerance * std::max(1.0, schedule.Makespan()) + 1e-9;
    auto name = [&](uint32_t t)
    {
        return "task " + problem.TaskName(t);
    };
    auto num = [](double v)
    {
        std::ostringstream s;
        s.precision(10);
        s << v;
        return s.str();
    };

    std::vector<uint8_t> placed(n, 0);
    for (uint32_t t = 0; t < n; ++t)
    {
        const uint32_t p = schedule.Processor(t);
        if (p >= m)
        {
            report(name(t) + " is not placed on any processor");
            continue;
        }
        placed[t] = 1;
        const std::string where = " on " + problem.ProcessorName(p);
        if (schedule.Core(t) >= problem.Cores(p))
        {
            report(name(t) + where + " uses core " + std::to_string(schedule.Core(t)) + " of " +
                   std::to_string(problem.Cores(p)));
        }
        else if (schedule.Start(t) + slack < problem.Available(p, schedule.Core(t)))
        {
            report(name(t) + " starts at " + num(schedule.Start(t)) + where + " core " +
                   std::to_string(schedule.Core(t)) + " before the core is available at " +
                   num(problem.Available(p, schedule.Core(t))));
        }
        const double w = problem.Cost(t, p);
        if (!std::isfinite(w))
        {
            report(name(t) + " may not run" + where +
                   (problem.Pinned(t) != DnnSchedulingProblem::NONE
                        ? " (pinned to " + problem.ProcessorName(problem.Pinned(t)) + ")"
                        : std::string()));
        }
        else if (std::fabs(schedule.Finish(t) - schedule.Start(t) - w) > slack)
        {
            report(name(t) + where + " lasts " + num(schedule.Finish(t) - schedule.Start(t)) +
                   " instead of its execution time " + num(w));
        }
        if (schedule.Start(t) + slack < problem.Release(t))
        {
            report(name(t) + " starts at " + num(schedule.Start(t)) + " before its release " +
                   num(problem.Release(t)));
        }
    }
    const bool shared = problem.NetworkModel() == DnnNetworkModel::Shared;
    if (shared)
    {
        CheckTransfers(problem, schedule, placed, slack, report);
    }
    // Precedence with communication delays.
    for (uint32_t t = 0; t < n; ++t)
    {
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            const uint32_t s = a->task;
            if (!placed[t] || !placed[s] ||
                (shared && schedule.Processor(t) != schedule.Processor(s)))
            {
                continue; // under the shared model, CheckTransfers() checked it
            }
            const double ready =
                schedule.Finish(t) +
                problem.CommTime(a->data, schedule.Processor(t), schedule.Processor(s));
            if (schedule.Start(s) + slack < ready)
            {
                report(name(s) + " starts at " + num(schedule.Start(s)) + " but its input from " +
                       problem.TaskName(t) + " arrives at " + num(ready));
            }
        }
    }
    // No overlap on a core.
    std::vector<std::vector<uint32_t>> byCore;
    std::vector<std::size_t> coreBase(m + 1, 0);
    for (uint32_t p = 0; p < m; ++p)
    {
        coreBase[p + 1] = coreBase[p] + problem.Cores(p);
    }
    byCore.resize(coreBase[m]);
    for (uint32_t t = 0; t < n; ++t)
    {
        if (placed[t] && schedule.Core(t) < problem.Cores(schedule.Processor(t)))
        {
            byCore[coreBase[schedule.Processor(t)] + schedule.Core(t)].push_back(t);
        }
    }
    for (auto& tasks : byCore)
    {
        std::sort(tasks.begin(), tasks.end(),
                  [&](uint32_t a, uint32_t b)
                  {
                      // Ties on start: a zero-length task first (it overlaps nothing).
                      if (schedule.Start(a) != schedule.Start(b))
                      {
                          return schedule.Start(a) < schedule.Start(b);
                      }
                      if (schedule.Finish(a) != schedule.Finish(b))
                      {
                          return schedule.Finish(a) < schedule.Finish(b);
                      }
                      return a < b;
                  });
        for (std::size_t i = 1; i < tasks.size(); ++i)
        {
            const uint32_t prev = tasks[i - 1];
            const uint32_t cur = tasks[i];
            if (schedule.Start(cur) + slack < schedule.Finish(prev))
            {
                report(name(cur) + " overlaps " + problem.TaskName(prev) + " on " +
                       problem.ProcessorName(schedule.Processor(cur)) + " core " +
                       std::to_string(schedule.Core(cur)));
            }
        }
    }
    // Memory: a memory group's once per processor it has tasks on.
    std::vector<double> used(m, 0.0);
    std::vector<uint8_t> groupPresent; // [processor * groups + group]
    if (problem.SharesMemory())
    {
        groupPresent.assign(static_cast<std::size_t>(m) * problem.MemoryGroupCount(), 0);
    }
    for (uint32_t t = 0; t < n; ++t)
    {
        if (!placed[t])
        {
            continue;
        }
        const uint32_t p = schedule.Processor(t);
        if (!groupPresent.empty())
        {
            uint8_t& present =
                groupPresent[static_cast<std::size_t>(p) * problem.MemoryGroupCount() +
                             problem.MemoryGroup(t)];
            if (present)
            {
                continue; // the group's memory is counted on p already
            }
            present = 1;
        }
        used[p] += problem.Memory(t);
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        if (used[p] > problem.Capacity(p) * (1 + 1e-12))
        {
            report(problem.ProcessorName(p) + " holds " + num(used[p]) +
                   " bytes of task memory, more than its capacity " + num(problem.Capacity(p)));
        }
    }
    NS_LOG_LOGIC("schedule of " << n << " tasks, makespan " << schedule.Makespan() << " s: "
                                << (violations.empty()
                                        ? std::string("valid")
                                        : std::to_string(violations.size()) + " violations"));
    return violations;
}

} // namespace ns3
