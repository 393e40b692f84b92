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
 * - EvaluateShared/<helpers>: the same assignments and order on a copy of the problem under
 *   the shared-medium network model (the seed's one CSMA segment: every input between two
 *   devices goes on that one medium).
 * - Heft/<helpers>, Peft/<helpers> and HeftShared/<helpers>, PeftShared/<helpers>: one
 *   Plan() of the list scheduler under the contention-free and the shared-medium model.
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

/** \brief The seed's problem, built once per helper count.
 *  \param helpers 3 or 6 \return the problem (contention-free network model) */
const DnnSchedulingProblem&
SeedProblem(uint32_t helpers)
{
    static const DnnSchedulingProblem three = test::SeedProblem(9, 3, "piecewise:3");
    static const DnnSchedulingProblem six = test::SeedProblem(9, 6, "piecewise:3");
    return helpers == 3 ? three : six;
}

/** \brief A copy of the seed's problem under the shared-medium network model (media and
 *  routes from the seed platform's CSMA segment). \param helpers 3 or 6 \return the copy */
const DnnSchedulingProblem&
SharedSeedProblem(uint32_t helpers)
{
    static const DnnSchedulingProblem three = []
    {
        DnnSchedulingProblem problem = SeedProblem(3);
        problem.SetNetworkModel(DnnNetworkModel::Shared);
        return problem;
    }();
    static const DnnSchedulingProblem six = []
    {
        DnnSchedulingProblem problem = SeedProblem(6);
        problem.SetNetworkModel(DnnNetworkModel::Shared);
        return problem;
    }();
    return helpers == 3 ? three : six;
}

/** \brief Evaluate 64 random feasible assignments in turn, in HEFT's (contention-free)
 *  start order. \param state range(0) helpers \param shared whether to evaluate under the
 *  shared-medium model */
void
BM_Evaluate(benchmark::State& state, bool shared)
{
    const auto helpers = static_cast<uint32_t>(state.range(0));
    const DnnSchedulingProblem& base = SeedProblem(helpers);
    const DnnSchedulingProblem& problem = shared ? SharedSeedProblem(helpers) : base;
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    // The same order and assignments under both models.
    const std::vector<uint32_t> order =
        DnnScheduleEvaluator::StartOrder(base, DnnScheduler::Create("heft")->Plan(base));
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
    state.counters["media"] = problem.MediumCount();
}

/** \brief One Plan() per iteration. \param state range(0) helpers \param name scheduler
 *  \param shared whether to plan under the shared-medium model */
void
BM_Plan(benchmark::State& state, const std::string& name, bool shared)
{
    const auto helpers = static_cast<uint32_t>(state.range(0));
    const DnnSchedulingProblem& problem =
        shared ? SharedSeedProblem(helpers) : SeedProblem(helpers);
    double makespan = 0;
    for (auto _ : state)
    {
        makespan = DnnScheduler::Create(name)->Plan(problem).Makespan();
    }
    state.counters["makespan_s"] = makespan;
}

} // namespace

BENCHMARK_CAPTURE(BM_Evaluate, contention_free, false)->Name("Evaluate")->Arg(3)->Arg(6);
BENCHMARK_CAPTURE(BM_Evaluate, shared, true)->Name("EvaluateShared")->Arg(3)->Arg(6);
BENCHMARK_CAPTURE(BM_Plan, heft, "heft", false)
    ->Name("Heft")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan, heft_shared, "heft", true)
    ->Name("HeftShared")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan, peft, "peft", false)
    ->Name("Peft")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan, peft_shared, "peft", true)
    ->Name("PeftShared")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Plan, psoga, "psoga", false)
    ->Name("PsoGa")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Plan, ga, "ga", false)
    ->Name("Ga")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Plan, memetic, "memetic-psoga", false)
    ->Name("MemeticPsoGa")
    ->Arg(3)
    ->Arg(6)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK_MAIN();
