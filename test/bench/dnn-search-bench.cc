/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The metaheuristics' hot loop and whole runs on the seed's setting
 * (shared/reference/seed-system.md: 9 requests of AlexNet / GoogLeNet / ResNet-50 round
 * robin, piece-wise with 3 strips: 1,491 tasks; 9 Raspberry Pis, 3 or 6 helpers, an edge
 * server).
 *
 * - Evaluate/<helpers>: DnnScheduleEvaluator::Evaluate on 64 random feasible assignments in
 *   turn, decoded in HEFT's start order; items = task placements.
 * - PsoGa/<helpers>, MemeticPsoGa/<helpers>, Ga/<helpers>: one full Plan() with the seed's
 *   defaults (seed 1), list schedulers and encoding included.
 */

#include "dnn-seed-setting.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-scheduler.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

using namespace ns3;

namespace
{

const DnnSchedulingProblem&
SeedProblem(uint32_t helpers)
{
    static const DnnSchedulingProblem three = test::SeedProblem(9, 3, "piecewise:3");
    static const DnnSchedulingProblem six = test::SeedProblem(9, 6, "piecewise:3");
    return helpers == 3 ? three : six;
}

void
BM_Evaluate(benchmark::State& state)
{
    const DnnSchedulingProblem& problem = SeedProblem(static_cast<uint32_t>(state.range(0)));
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    const std::vector<uint32_t> order =
        DnnScheduleEvaluator::StartOrder(problem, DnnScheduler::Create("heft")->Plan(problem));
    std::mt19937_64 rng(1);
    std::vector<std::vector<uint32_t>> assignments(64, std::vector<uint32_t>(n));
    DnnScheduleEvaluator evaluator(problem);
    for (auto& assignment : assignments)
    {
        for (uint32_t t = 0; t < n; ++t)
        {
            do
            {
                assignment[t] = static_cast<uint32_t>(rng() % m);
            } while (!std::isfinite(problem.Cost(t, assignment[t])));
        }
        evaluator.Repair(assignment.data());
    }
    std::size_t k = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(evaluator.Evaluate(assignments[k].data(), order.data()));
        k = (k + 1) % assignments.size();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * n);
    state.counters["tasks"] = n;
    state.counters["processors"] = m;
}

void
BM_Plan(benchmark::State& state, const std::string& name)
{
    const DnnSchedulingProblem& problem = SeedProblem(static_cast<uint32_t>(state.range(0)));
    double makespan = 0;
    for (auto _ : state)
    {
        makespan = DnnScheduler::Create(name)->Plan(problem).Makespan();
    }
    state.counters["makespan_s"] = makespan;
}

} // namespace

BENCHMARK(BM_Evaluate)->Name("Evaluate")->Arg(3)->Arg(6);
BENCHMARK_CAPTURE(BM_Plan, psoga, "psoga")
    ->Name("PsoGa")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Plan, ga, "ga")
    ->Name("Ga")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Plan, memetic, "memetic-psoga")
    ->Name("MemeticPsoGa")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK_MAIN();
