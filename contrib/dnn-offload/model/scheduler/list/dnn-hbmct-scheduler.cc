/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-hbmct-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnHbmctScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnHbmctScheduler);

TypeId
DnnHbmctScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnHbmctScheduler")
                            .SetParent<DnnScheduler>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnHbmctScheduler>();
    return tid;
}

DnnSchedule
DnnHbmctScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    // HEFT's order: by decreasing rank among the ready tasks (ties: lower index).
    const std::vector<double> rank = DnnListScheduling::UpwardRanks(problem);
    std::vector<uint32_t> order;
    {
        std::vector<uint32_t> waiting(n);
        auto lower = [&](uint32_t a, uint32_t b)
        {
            return rank[a] < rank[b] || (rank[a] == rank[b] && a > b);
        };
        std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(lower)> ready(lower);
        for (uint32_t t = 0; t < n; ++t)
        {
            waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
            if (waiting[t] == 0)
            {
                ready.push(t);
            }
        }
        while (!ready.empty())
        {
            const uint32_t t = ready.top();
            ready.pop();
            order.push_back(t);
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                if (--waiting[a->task] == 0)
                {
                    ready.push(a->task);
                }
            }
        }
    }

    DnnListPlacer placer(problem);
    std::vector<uint32_t> groupOf(n, DnnSchedulingProblem::NONE);
    std::vector<uint32_t> group;
    std::vector<double> est;                  // group x m
    std::vector<double> tail(m);              // processor free at the group's start
    std::vector<uint32_t> where;              // per group task: processor
    std::vector<std::vector<uint32_t>> on(m); // group task indices per processor, in EST order
    std::vector<double> finish(m);
    std::vector<uint32_t> candidates;
    auto timeOf = [&](uint32_t p, const std::vector<uint32_t>& list, uint32_t skip)
    {
        double clock = tail[p];
        for (uint32_t i : list)
        {
            if (i != skip)
            {
                clock = std::max(clock, est[i * m + p]) + problem.Cost(group[i], p);
            }
        }
        return clock;
    };
    auto insertByEst = [&](uint32_t p, uint32_t i)
    {
        auto& list = on[p];
        list.insert(std::upper_bound(list.begin(), list.end(), i,
                                     [&](uint32_t a, uint32_t b)
                                     { return est[a * m + p] < est[b * m + p]; }),
                    i);
    };
    auto runGroup = [&]()
    {
        const auto g = static_cast<uint32_t>(group.size());
        est.assign(static_cast<std::size_t>(g) * m, inf);
        for (uint32_t p = 0; p < m; ++p)
        {
            tail[p] = placer.Tail(p);
            on[p].clear();
        }
        std::vector<double> meanEst(g, 0.0);
        where.assign(g, 0);
        for (uint32_t i = 0; i < g; ++i)
        {
            uint32_t count = 0;
            for (uint32_t p = 0; p < m; ++p)
            {
                est[i * m + p] = placer.Start(group[i], p, false);
                if (std::isfinite(est[i * m + p]))
                {
                    meanEst[i] += est[i * m + p];
                    ++count;
                }
            }
            meanEst[i] /= std::max(count, 1u);
            placer.Candidates(group[i], candidates);
            uint32_t fastest = candidates.front();
            for (uint32_t p : candidates)
            {
                if (problem.Cost(group[i], p) < problem.Cost(group[i], fastest))
                {
                    fastest = p;
                }
            }
            where[i] = fastest;
            insertByEst(fastest, i);
        }
        for (uint32_t p = 0; p < m; ++p)
        {
            finish[p] = timeOf(p, on[p], DnnSchedulingProblem::NONE);
        }
        for (std::size_t guard = 0; guard < static_cast<std::size_t>(g) * m + 1; ++guard)
        {
            uint32_t last = 0;
            for (uint32_t p = 1; p < m; ++p)
            {
                if (finish[p] > finish[last])
                {
                    last = p;
                }
            }
            const double current = finish[last];
            std::vector<uint32_t> tryOrder = on[last];
            std::stable_sort(tryOrder.begin(), tryOrder.end(),
                             [&](uint32_t a, uint32_t b) { return meanEst[a] < meanEst[b]; });
            bool moved = false;
            for (uint32_t i : tryOrder)
            {
                if (timeOf(last, on[last], i) >= current)
                {
                    continue;
                }
                uint32_t target = DnnSchedulingProblem::NONE;
                double targetFinish = current;
                placer.Candidates(group[i], candidates);
                for (uint32_t q : candidates)
                {
                    if (q == last)
                    {
                        continue;
                    }
                    std::vector<uint32_t> trial = on[q];
                    trial.insert(std::upper_bound(trial.begin(), trial.end(), i,
                                                  [&](uint32_t a, uint32_t b)
                                                  { return est[a * m + q] < est[b * m + q]; }),
                                 i);
                    const double f = timeOf(q, trial, DnnSchedulingProblem::NONE);
                    if (f < targetFinish)
                    {
                        target = q;
                        targetFinish = f;
                    }
                }
                if (target != DnnSchedulingProblem::NONE)
                {
                    auto& from = on[last];
                    from.erase(std::find(from.begin(), from.end(), i));
                    insertByEst(target, i);
                    where[i] = target;
                    finish[last] = timeOf(last, on[last], DnnSchedulingProblem::NONE);
                    finish[target] = targetFinish;
                    moved = true;
                    break;
                }
            }
            if (!moved)
            {
                break;
            }
        }
        // Place the group: per processor in EST order, processors interleaved by start.
        std::vector<std::size_t> next(m, 0);
        for (uint32_t placed = 0; placed < g; ++placed)
        {
            uint32_t bestP = DnnSchedulingProblem::NONE;
            double bestStart = inf;
            for (uint32_t p = 0; p < m; ++p)
            {
                if (next[p] < on[p].size())
                {
                    const double s = placer.Start(group[on[p][next[p]]], p, false);
                    if (bestP == DnnSchedulingProblem::NONE || s < bestStart)
                    {
                        bestP = p;
                        bestStart = s;
                    }
                }
            }
            placer.Place(group[on[bestP][next[bestP]]], bestP, false);
            ++next[bestP];
        }
        group.clear();
    };
    uint32_t groupId = 0;
    for (uint32_t t : order)
    {
        const bool dependent =
            std::any_of(problem.PredBegin(t), problem.PredEnd(t),
                        [&](const auto& a) { return groupOf[a.task] == groupId; });
        if (dependent && !group.empty())
        {
            runGroup();
            ++groupId;
        }
        groupOf[t] = groupId;
        group.push_back(t);
    }
    if (!group.empty())
    {
        runGroup();
    }
    NS_LOG_INFO("HBMCT makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
