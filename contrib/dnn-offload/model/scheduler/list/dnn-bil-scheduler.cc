/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-bil-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnBilScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnBilScheduler);

TypeId
DnnBilScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnBilScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnBilScheduler>()
            .AddAttribute("SagaCompatible",
                          "SAGA's variant: BIM from the processor's availability alone, and no "
                          "revision term (BIM* = BIM).",
                          BooleanValue(false), MakeBooleanAccessor(&DnnBilScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnBilScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    // Best imaginary levels, n x m, from the exits up.
    std::vector<double> bil(static_cast<std::size_t>(n) * m, 0.0);
    const auto& order = problem.TopologicalOrder();
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        const uint32_t t = *it;
        double* row = bil.data() + static_cast<std::size_t>(t) * m;
        for (uint32_t p = 0; p < m; ++p)
        {
            double tail = 0.0;
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                const double* succ = bil.data() + static_cast<std::size_t>(a->task) * m;
                double best = succ[p];
                for (uint32_t q = 0; q < m; ++q)
                {
                    if (q != p)
                    {
                        best = std::min(best, succ[q] + problem.CommTime(a->data, p, q));
                    }
                }
                tail = std::max(tail, best);
            }
            const double w = problem.Cost(t, p);
            row[p] = std::isfinite(w) ? w + tail : inf;
        }
    }

    DnnListPlacer placer(problem);
    DnnReadyTasks readyTasks(problem);
    const std::vector<uint32_t>& ready = readyTasks.Tasks();
    std::vector<double> bim;  // ready.size() x m, each row sorted descending
    std::vector<double> bimP; // BIM of the chosen task per processor
    std::vector<uint32_t> tied;
    std::vector<uint32_t> candidates;
    while (!ready.empty())
    {
        const std::size_t k = ready.size();
        bim.assign(k * m, inf);
        for (std::size_t i = 0; i < k; ++i)
        {
            const uint32_t t = ready[i];
            double* row = bim.data() + i * m;
            for (uint32_t p = 0; p < m; ++p)
            {
                const double b = bil[static_cast<std::size_t>(t) * m + p];
                if (std::isfinite(b))
                {
                    row[p] = (m_saga ? placer.Tail(p) : placer.Start(t, p, false)) + b;
                }
            }
            std::sort(row, row + m, std::greater<double>());
        }
        // The task whose j-th largest BIM is the largest, j = 0, 1, ... until one is left.
        tied.clear();
        for (std::size_t i = 0; i < k; ++i)
        {
            tied.push_back(static_cast<uint32_t>(i));
        }
        for (uint32_t j = 0; j < m && tied.size() > 1; ++j)
        {
            double top = -inf;
            for (std::size_t i = 0; i < k; ++i)
            {
                top = std::max(top, bim[i * m + j]);
            }
            // As SAGA does, the set at each j is taken over all ready tasks.
            tied.clear();
            for (std::size_t i = 0; i < k; ++i)
            {
                if (bim[i * m + j] == top)
                {
                    tied.push_back(static_cast<uint32_t>(i));
                }
            }
        }
        const std::size_t pick = tied.empty() ? 0 : *std::min_element(tied.begin(), tied.end());
        const uint32_t t = ready[pick];
        // Processor of least revised BIM.
        const double revision =
            m_saga ? 0.0 : std::max(static_cast<double>(k) / static_cast<double>(m) - 1.0, 0.0);
        placer.Candidates(t, candidates);
        uint32_t best = candidates.front();
        double bestValue = inf;
        for (uint32_t p : candidates)
        {
            const double w = problem.Cost(t, p);
            const double b = bil[static_cast<std::size_t>(t) * m + p];
            const double value =
                (m_saga ? placer.Tail(p) : placer.Start(t, p, false)) + b + w * revision;
            if (value < bestValue)
            {
                best = p;
                bestValue = value;
            }
        }
        placer.Place(t, best, false);
        readyTasks.Take(pick);
    }
    NS_LOG_INFO("BIL makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
