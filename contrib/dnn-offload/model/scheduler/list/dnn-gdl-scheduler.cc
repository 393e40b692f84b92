/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-gdl-scheduler.h"

#include "dnn-list-placer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnGdlScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnGdlScheduler);

namespace
{

/** \brief Median of the finite values, as numpy's (mean of the middle two when even).
 *  \param values the values (reordered) \return the median, 0 when none is finite */
double
Median(std::vector<double>& values)
{
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    if (values.empty())
    {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const std::size_t k = values.size();
    return k % 2 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2.0;
}

} // namespace

TypeId
DnnGdlScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnGdlScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnGdlScheduler>()
            .AddAttribute("DynamicLevel",
                          "1: the dynamic level alone; 2: with the descendant term DC.",
                          UintegerValue(2), MakeUintegerAccessor(&DnnGdlScheduler::m_level),
                          MakeUintegerChecker<uint32_t>(1, 2))
            .AddAttribute("SagaCompatible",
                          "SAGA's variant: minimise the dynamic levels, Delta against the "
                          "global median, raw data sizes in the static level.",
                          BooleanValue(false), MakeBooleanAccessor(&DnnGdlScheduler::m_saga),
                          MakeBooleanChecker());
    return tid;
}

DnnSchedule
DnnGdlScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const double inf = DnnSchedulingProblem::INF;
    std::vector<double> median(n);
    std::vector<double> scratch;
    std::vector<double> all;
    for (uint32_t t = 0; t < n; ++t)
    {
        scratch.clear();
        for (uint32_t p = 0; p < m; ++p)
        {
            scratch.push_back(problem.Cost(t, p));
            all.push_back(problem.Cost(t, p));
        }
        median[t] = Median(scratch);
    }
    const double globalMedian = Median(all);
    std::vector<double> level(n, 0.0);
    std::vector<uint32_t> heaviest(n, DnnSchedulingProblem::NONE);
    const auto& order = problem.TopologicalOrder();
    for (auto it = order.rbegin(); it != order.rend(); ++it)
    {
        const uint32_t t = *it;
        double tail = 0.0;
        double most = -1.0;
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            tail = std::max(tail, level[a->task] + (m_saga ? a->data : 0.0));
            if (a->data > most)
            {
                most = a->data;
                heaviest[t] = a->task;
            }
        }
        level[t] = median[t] + tail;
    }

    DnnListPlacer placer(problem);
    DnnReadyTasks readyTasks(problem);
    const std::vector<uint32_t>& ready = readyTasks.Tasks();
    std::vector<uint32_t> candidates;
    // SAGA caches a task's preferred processor when first asked and never clears that cache.
    std::vector<uint32_t> frozen(n, DnnSchedulingProblem::NONE);
    std::vector<double> valueOf(m, -inf);
    const double sign = m_saga ? -1.0 : 1.0; // SAGA minimises: maximise -DL
    while (!ready.empty())
    {
        std::size_t bestIndex = 0;
        uint32_t bestProcessor = 0;
        double bestLevel = -inf;
        for (std::size_t i = 0; i < ready.size(); ++i)
        {
            const uint32_t t = ready[i];
            placer.Candidates(t, candidates);
            uint32_t pref = candidates.front();
            double first = -inf;  // sign * DL at pref
            double second = -inf; // next best (SAGA: the worst)
            double worst = inf;
            for (uint32_t p : candidates)
            {
                const double w = problem.Cost(t, p);
                double dl = level[t] - placer.Start(t, p, false) +
                            ((m_saga ? globalMedian : median[t]) - w);
                const uint32_t d = heaviest[t];
                if (m_level == 2 && d != DnnSchedulingProblem::NONE)
                {
                    double def = inf;
                    double data = 0.0;
                    for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
                    {
                        if (a->task == d)
                        {
                            data = a->data;
                            break;
                        }
                    }
                    for (uint32_t q = 0; q < m; ++q)
                    {
                        if (q != p)
                        {
                            def = std::min(def, problem.CommTime(data, p, q) + problem.Cost(d, q));
                        }
                    }
                    const double own = problem.Cost(d, p);
                    const double dc = median[d] - std::min(own, def);
                    if (std::isfinite(dc))
                    {
                        dl += dc;
                    }
                }
                const double value = sign * dl;
                valueOf[p] = value;
                if (value > first)
                {
                    second = first;
                    first = value;
                    pref = p;
                }
                else if (value > second)
                {
                    second = value;
                }
                worst = std::min(worst, value);
            }
            // Generalized level: the preferred DL plus what is lost elsewhere.
            double generalized = first;
            if (m_saga)
            {
                if (frozen[t] == DnnSchedulingProblem::NONE)
                {
                    frozen[t] = pref;
                }
                pref = frozen[t];
                first = valueOf[pref];
                generalized = first + (first - worst); // in -DL terms: -(DLmin + DLmin - DLmax)
            }
            else if (std::isfinite(second))
            {
                generalized = first + (first - second);
            }
            if (generalized > bestLevel || i == 0)
            {
                bestLevel = generalized;
                bestIndex = i;
                bestProcessor = pref;
            }
        }
        const uint32_t t = ready[bestIndex];
        placer.Place(t, bestProcessor, false);
        readyTasks.Take(bestIndex);
    }
    NS_LOG_INFO("GDL makespan " << placer.Schedule().Makespan() << " s");
    return placer.Schedule();
}

} // namespace ns3
