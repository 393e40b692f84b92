/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-batch-mode-schedulers.h"

#include "dnn-append-timeline.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnBatchModeScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnBatchModeScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMinMinScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMaxMinScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnSufferageScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnDuplexScheduler);

namespace
{

/**
 * The earliest and second earliest of a task's completion times, over the processors it can
 * use (finite time) where its memory fits, or over all it can use when it fits on none.
 * \param row completion time per processor \param fit whether the memory fits, per
 * processor \param m processors \param best set to the earliest \param second set to the
 * second earliest (INF if none) \param where set to the first processor giving the earliest
 */
void
BestTwo(const double* row, const uint8_t* fit, uint32_t m, double& best, double& second,
        uint32_t& where)
{
    best = DnnSchedulingProblem::INF;
    second = DnnSchedulingProblem::INF;
    where = DnnSchedulingProblem::NONE;
    bool anyFits = false;
    for (uint32_t p = 0; p < m && !anyFits; ++p)
    {
        anyFits = fit[p] && row[p] < DnnSchedulingProblem::INF;
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        if (!(row[p] < DnnSchedulingProblem::INF) || (anyFits && !fit[p]))
        {
            continue;
        }
        if (row[p] < best)
        {
            second = best;
            best = row[p];
            where = p;
        }
        else if (row[p] < second)
        {
            second = row[p];
        }
    }
}

} // namespace

TypeId
DnnBatchModeScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnBatchModeScheduler").SetParent<DnnScheduler>().SetGroupName("DnnOffload");
    return tid;
}

DnnSchedule
DnnBatchModeScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO(GetInstanceTypeId().GetName()
                << " on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                << " processors, " << problem.EdgeCount() << " edges");
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const bool shared = problem.NetworkModel() == DnnNetworkModel::Shared;
    DnnAppendTimeline timeline(problem);
    // Completion times and memory fits of the candidates, [task * m + processor].
    std::vector<double> completion(static_cast<std::size_t>(n) * m, DnnSchedulingProblem::INF);
    std::vector<uint8_t> fits(static_cast<std::size_t>(n) * m, 0);
    auto update = [&](uint32_t t, uint32_t p)
    {
        const std::size_t k = static_cast<std::size_t>(t) * m + p;
        completion[k] = timeline.Finish(t, p);
        fits[k] = timeline.Fits(t, p);
    };
    auto updateRow = [&](uint32_t t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            update(t, p);
        }
    };

    std::vector<uint32_t> waiting(n);
    std::vector<uint32_t> ready;   // the candidates, in index order
    std::vector<uint32_t> pending; // made ready during a batch
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            ready.push_back(t);
            updateRow(t);
        }
    }
    std::vector<double> best;
    std::vector<double> second;
    std::vector<uint32_t> where;
    for (uint32_t placed = 0; placed < n; ++placed)
    {
        if (ready.empty())
        {
            std::sort(pending.begin(), pending.end());
            ready.swap(pending);
            for (const uint32_t t : ready)
            {
                updateRow(t);
            }
        }
        best.assign(ready.size(), DnnSchedulingProblem::INF);
        second.assign(ready.size(), DnnSchedulingProblem::INF);
        where.assign(ready.size(), DnnSchedulingProblem::NONE);
        for (std::size_t i = 0; i < ready.size(); ++i)
        {
            const std::size_t row = static_cast<std::size_t>(ready[i]) * m;
            BestTwo(completion.data() + row, fits.data() + row, m, best[i], second[i], where[i]);
        }
        const std::size_t k = Pick(ready, best, second, m);
        const uint32_t t = ready[k];
        const uint32_t p = where[k];
        timeline.Place(t, p);
        ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(k));
        for (const uint32_t u : ready)
        {
            if (shared)
            {
                updateRow(u);
            }
            else
            {
                update(u, p);
            }
        }
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                if (Batches())
                {
                    pending.push_back(a->task);
                }
                else
                {
                    ready.insert(std::lower_bound(ready.begin(), ready.end(), a->task), a->task);
                    updateRow(a->task);
                }
            }
        }
    }
    NS_LOG_INFO("makespan " << timeline.Schedule().Makespan() << " s");
    return timeline.Schedule();
}

TypeId
DnnMinMinScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMinMinScheduler")
                            .SetParent<DnnBatchModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMinMinScheduler>();
    return tid;
}

bool
DnnMinMinScheduler::Batches() const
{
    return true;
}

std::size_t
DnnMinMinScheduler::Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                         const std::vector<double>& /* second */, uint32_t /* m */) const
{
    std::size_t k = 0;
    for (std::size_t i = 1; i < ready.size(); ++i)
    {
        if (best[i] < best[k])
        {
            k = i;
        }
    }
    return k;
}

TypeId
DnnMaxMinScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMaxMinScheduler")
                            .SetParent<DnnBatchModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMaxMinScheduler>();
    return tid;
}

bool
DnnMaxMinScheduler::Batches() const
{
    return true;
}

std::size_t
DnnMaxMinScheduler::Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                         const std::vector<double>& /* second */, uint32_t /* m */) const
{
    std::size_t k = 0;
    for (std::size_t i = 1; i < ready.size(); ++i)
    {
        if (best[i] > best[k])
        {
            k = i;
        }
    }
    return k;
}

TypeId
DnnSufferageScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnSufferageScheduler")
            .SetParent<DnnBatchModeScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnSufferageScheduler>()
            .AddAttribute("OneTaskPerStep",
                          "Map one task per step, the ready task of largest sufferage (SAGA's "
                          "sufferage.py), instead of the paper's passes, in which each "
                          "processor goes to the highest-sufferage ready task wanting it and "
                          "several tasks are mapped per pass.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&DnnSufferageScheduler::m_oneTaskPerStep),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnSufferageScheduler::Plan(const DnnSchedulingProblem& problem)
{
    if (m_oneTaskPerStep)
    {
        return DnnBatchModeScheduler::Plan(problem);
    }
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO("Sufferage (passes) on " << problem.TaskCount() << " tasks, "
                                         << problem.ProcessorCount() << " processors");
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    DnnAppendTimeline timeline(problem);
    std::vector<double> row(m);
    std::vector<uint8_t> fit(m);
    std::vector<uint32_t> waiting(n);
    std::vector<uint32_t> ready; // unmapped tasks whose predecessors are mapped, index order
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            ready.push_back(t);
        }
    }
    // Per processor, the task tentatively given it in this pass and that task's sufferage.
    std::vector<uint32_t> holder(m);
    std::vector<double> held(m);
    std::vector<uint32_t> made;
    while (!ready.empty())
    {
        std::fill(holder.begin(), holder.end(), DnnSchedulingProblem::NONE);
        for (const uint32_t t : ready)
        {
            for (uint32_t p = 0; p < m; ++p)
            {
                row[p] = timeline.Finish(t, p);
                fit[p] = timeline.Fits(t, p);
            }
            double best = 0.0;
            double second = 0.0;
            uint32_t p = 0;
            BestTwo(row.data(), fit.data(), m, best, second, p);
            const double sufferage = m < 2 ? 0.0 : second - best;
            if (holder[p] == DnnSchedulingProblem::NONE || held[p] < sufferage)
            {
                holder[p] = t; // a task it displaces waits for the next pass
                held[p] = sufferage;
            }
        }
        // Map the pass's tasks, in processor order; each processor gets one, so the times
        // computed above still hold (contention-free model).
        made.clear();
        for (uint32_t p = 0; p < m; ++p)
        {
            const uint32_t t = holder[p];
            if (t == DnnSchedulingProblem::NONE)
            {
                continue;
            }
            timeline.Place(t, p);
            ready.erase(std::lower_bound(ready.begin(), ready.end(), t));
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                if (--waiting[a->task] == 0)
                {
                    made.push_back(a->task);
                }
            }
        }
        ready.insert(ready.end(), made.begin(), made.end());
        std::sort(ready.begin(), ready.end());
    }
    NS_LOG_INFO("makespan " << timeline.Schedule().Makespan() << " s");
    return timeline.Schedule();
}

bool
DnnSufferageScheduler::Batches() const
{
    return false;
}

std::size_t
DnnSufferageScheduler::Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                            const std::vector<double>& second, uint32_t m) const
{
    auto sufferage = [&](std::size_t i)
    {
        return m < 2 ? 0.0 : second[i] - best[i];
    };
    std::size_t k = 0;
    double most = sufferage(0);
    for (std::size_t i = 1; i < ready.size(); ++i)
    {
        const double s = sufferage(i);
        if (s > most)
        {
            k = i;
            most = s;
        }
    }
    return k;
}

TypeId
DnnDuplexScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnDuplexScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnDuplexScheduler>();
    return tid;
}

DnnSchedule
DnnDuplexScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    DnnSchedule minMin = CreateObject<DnnMinMinScheduler>()->Plan(problem);
    DnnSchedule maxMin = CreateObject<DnnMaxMinScheduler>()->Plan(problem);
    const bool keepMinMin = minMin.Makespan() <= maxMin.Makespan();
    NS_LOG_INFO("Duplex: MinMin " << minMin.Makespan() << " s, MaxMin " << maxMin.Makespan()
                                  << " s, keeps " << (keepMinMin ? "MinMin" : "MaxMin"));
    return keepMinMin ? minMin : maxMin;
}

} // namespace ns3
