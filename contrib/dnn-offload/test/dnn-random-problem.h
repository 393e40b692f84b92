/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RANDOM_PROBLEM_H
#define DNN_RANDOM_PROBLEM_H

#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * \brief A random layered DAG with random costs, data, release times and pins: 1-60 tasks,
 *        1-6 processors of 1-2 cores, about 10% INF costs, random links; no memory limits
 *        unless \p resources.
 * \param rng the generator (the same seed gives the same instances)
 * \param resources also draw power (busy 0.5-5 W, transmit 0.1-2 W), task memory (0-1) and
 *        capacities (P0 unlimited, the others 1 to 1 + n/3); these draws come last, so the
 *        DAG, costs and links are those drawn without them
 * \return the finalized problem
 */
inline DnnSchedulingProblem
RandomProblem(std::mt19937_64& rng, bool resources = false)
{
    std::uniform_int_distribution<uint32_t> taskCount(1, 60);
    std::uniform_int_distribution<uint32_t> procCount(1, 6);
    const uint32_t n = taskCount(rng);
    const uint32_t m = procCount(rng);
    std::vector<std::string> tasks, procs;
    for (uint32_t t = 0; t < n; ++t)
    {
        tasks.push_back("T" + std::to_string(t));
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        procs.push_back("P" + std::to_string(p));
    }
    DnnSchedulingProblem problem(tasks, procs);
    std::uniform_real_distribution<double> cost(0.0, 20.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (uint32_t t = 0; t < n; ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetCost(t, p, unit(rng) < 0.1 && p > 0 ? DnnSchedulingProblem::INF : cost(rng));
        }
        if (unit(rng) < 0.1)
        {
            const auto pin = static_cast<uint32_t>(rng() % m);
            problem.SetCost(t, pin, cost(rng)); // a pinned task can run where it is pinned
            problem.Pin(t, pin);
        }
        if (unit(rng) < 0.2)
        {
            problem.SetRelease(t, cost(rng));
        }
        for (uint32_t u = 0; u < t; ++u)
        {
            if (unit(rng) < 3.0 / (t + 1))
            {
                problem.AddEdge(u, t, cost(rng));
            }
        }
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        problem.SetCores(p, 1 + static_cast<uint32_t>(rng() % 2));
        for (uint32_t q = 0; q < m; ++q)
        {
            problem.SetLink(p, q, unit(rng), 0.5 + 2 * unit(rng));
        }
    }
    if (resources)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetPower(p, 0.0, 0.5 + 4.5 * unit(rng), 0.1 + 1.9 * unit(rng));
            if (p > 0)
            {
                problem.SetCapacity(p, 1.0 + unit(rng) * n / 3.0);
            }
        }
        for (uint32_t t = 0; t < n; ++t)
        {
            problem.SetMemory(t, unit(rng));
        }
    }
    problem.Finalize();
    return problem;
}

} // namespace test
} // namespace ns3

#endif /* DNN_RANDOM_PROBLEM_H */
