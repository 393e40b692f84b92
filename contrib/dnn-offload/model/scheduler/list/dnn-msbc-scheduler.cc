/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-msbc-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnMsbcScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnMsbcScheduler);

TypeId
DnnMsbcScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMsbcScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMsbcScheduler>();
    return tid;
}

DnnSchedule
DnnMsbcScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    std::vector<double> sbct(n, 0.0);
    std::vector<double> sbl(n, 0.0);
    std::vector<double> st(n, 0.0);
    std::vector<uint32_t> fav(n, 0);
    for (uint32_t t : problem.TopologicalOrder())
    {
        double best = inf;
        fav[t] = problem.FastestProcessor(t);
        for (uint32_t p = 0; p < m; ++p)
        {
            const double w = problem.Cost(t, p);
            if (!std::isfinite(w))
            {
                continue;
            }
            double head = 0.0;
            for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
            {
                head = std::max(head, sbct[a->task] + problem.CommTime(a->data, fav[a->task], p));
            }
            if (head + w < best)
            {
                best = head + w;
                fav[t] = p;
            }
        }
        sbct[t] = best;
        double level = 0.0;
        double start = 0.0;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            const uint32_t u = a->task;
            level = std::max(level, problem.MeanCost(u) + sbl[u]);
            start = std::max(start, st[u] + problem.Cost(u, fav[u]) +
                                        problem.CommTime(a->data, fav[u], fav[t]));
        }
        sbl[t] = level;
        st[t] = start;
    }
    std::vector<double> priority(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        priority[t] = sbct[t] + sbl[t] + st[t];
    }
    // Processors fastest first: by their total time over the tasks every processor may run.
    std::vector<double> total(m, 0.0);
    for (uint32_t t = 0; t < n; ++t)
    {
        bool everywhere = true;
        for (uint32_t p = 0; p < m && everywhere; ++p)
        {
            everywhere = std::isfinite(problem.Cost(t, p));
        }
        for (uint32_t p = 0; p < m && everywhere; ++p)
        {
            total[p] += problem.Cost(t, p);
        }
    }
    std::vector<uint32_t> bySpeed(m);
    std::iota(bySpeed.begin(), bySpeed.end(), 0u);
    std::stable_sort(bySpeed.begin(), bySpeed.end(),
                     [&](uint32_t a, uint32_t b) { return total[a] < total[b]; });
    std::vector<uint32_t> rank(m);
    for (uint32_t i = 0; i < m; ++i)
    {
        rank[bySpeed[i]] = i;
    }

    DnnListPlacer placer(problem);
    DnnReadyTasks readyTasks(problem);
    const std::vector<uint32_t>& ready = readyTasks.Tasks();
    std::vector<uint32_t> candidates;
    while (!ready.empty())
    {
        std::size_t pick = 0;
        for (std::size_t i = 1; i < ready.size(); ++i)
        {
            if (priority[ready[i]] > priority[ready[pick]])
            {
                pick = i;
            }
        }
        const uint32_t t = ready[pick];
        placer.Candidates(t, candidates);
        std::sort(candidates.begin(), candidates.end(),
                  [&](uint32_t a, uint32_t b) { return rank[a] < rank[b]; });
        uint32_t best = candidates.front();
        double bestStart = inf;
        for (uint32_t p : candidates)
        {
            const double start = placer.Start(t, p, true);
            if (start < bestStart)
            {
                best = p;
                bestStart = start;
            }
        }
        placer.Place(t, best, true);
        readyTasks.Take(pick);
    }
    NS_LOG_INFO("MSBC makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
