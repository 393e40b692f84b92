/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-wba-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnWbaScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnWbaScheduler);

TypeId
DnnWbaScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnWbaScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnWbaScheduler>()
            .AddAttribute("Alpha",
                          "Share of the range of increases, above the least, that a pair may "
                          "add and still be drawn (0: only the least; 1: any).",
                          DoubleValue(0.5), MakeDoubleAccessor(&DnnWbaScheduler::m_alpha),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("Seed", "Seed of the scheduler's own random stream.", UintegerValue(1),
                          MakeUintegerAccessor(&DnnWbaScheduler::m_seed),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

DnnSchedule
DnnWbaScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    std::mt19937_64 rng(m_seed);
    const uint32_t n = problem.TaskCount();
    DnnListPlacer placer(problem);
    std::vector<uint32_t> waiting(n);
    std::vector<uint32_t> next;
    for (uint32_t t = 0; t < n; ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            next.push_back(t);
        }
    }
    double length = 0.0;
    std::vector<uint32_t> batch;
    std::vector<uint32_t> candidates;
    struct Pair
    {
        uint32_t index;     //!< in the batch
        uint32_t processor; //!< processor
        double increase;    //!< makespan increase
    };
    std::vector<Pair> pairs;
    std::vector<std::size_t> chosen;
    while (!next.empty())
    {
        batch.swap(next);
        next.clear();
        std::sort(batch.begin(), batch.end());
        while (!batch.empty())
        {
            pairs.clear();
            double lo = DnnSchedulingProblem::INF;
            double hi = -DnnSchedulingProblem::INF;
            for (uint32_t i = 0; i < batch.size(); ++i)
            {
                placer.Candidates(batch[i], candidates);
                for (uint32_t p : candidates)
                {
                    const double increase =
                        std::max(placer.Finish(batch[i], p, false) - length, 0.0);
                    pairs.push_back({i, p, increase});
                    lo = std::min(lo, increase);
                    hi = std::max(hi, increase);
                }
            }
            const double bound = lo + m_alpha * (hi - lo);
            chosen.clear();
            for (std::size_t k = 0; k < pairs.size(); ++k)
            {
                if (pairs[k].increase <= bound)
                {
                    chosen.push_back(k);
                }
            }
            const Pair pick = pairs[chosen[std::uniform_int_distribution<std::size_t>(
                0, chosen.size() - 1)(rng)]];
            const uint32_t t = batch[pick.index];
            placer.Place(t, pick.processor, false);
            length = std::max(length, placer.Schedule().Finish(t));
            batch.erase(batch.begin() + pick.index);
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                if (--waiting[a->task] == 0)
                {
                    next.push_back(a->task);
                }
            }
        }
    }
    NS_LOG_INFO("WBA makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
