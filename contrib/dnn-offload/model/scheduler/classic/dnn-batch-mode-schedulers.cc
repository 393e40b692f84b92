/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-batch-mode-schedulers.h"

#include "dnn-append-timeline.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnBatchModeScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnBatchModeScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMinMinScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnMaxMinScheduler);
NS_OBJECT_ENSURE_REGISTERED(DnnSufferageScheduler);

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
            const double* row = completion.data() + static_cast<std::size_t>(ready[i]) * m;
            const uint8_t* fit = fits.data() + static_cast<std::size_t>(ready[i]) * m;
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
                if (row[p] < best[i])
                {
                    second[i] = best[i];
                    best[i] = row[p];
                    where[i] = p;
                }
                else if (row[p] < second[i])
                {
                    second[i] = row[p];
                }
            }
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
    static TypeId tid = TypeId("ns3::DnnSufferageScheduler")
                            .SetParent<DnnBatchModeScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnSufferageScheduler>();
    return tid;
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

} // namespace ns3
