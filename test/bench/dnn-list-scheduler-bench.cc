/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Time per plan of the list schedulers (HEFT, CPOP, PEFT) on layered random DAGs of 1,000,
 * 10,000 and 100,000 tasks and 8, 32 and 64 processors. Benchmarks are named
 * <scheduler>/<tasks>/<processors>; building the problem is not timed.
 *
 * The generator (fixed seed, one problem per size, shared by the three schedulers):
 * - tasks are laid out in layers of width w = round(sqrt(n)) (task t is in layer t / w);
 * - every task outside the first layer has 2, 3 or 4 predecessors (uniformly), drawn without
 *   repetition among the tasks of the two previous layers, so about 3n edges;
 * - every edge carries data uniform in [10, 100];
 * - processor p has a speed s_p uniform in [0.5, 2]; task t a work b_t uniform in [10, 100];
 *   W[t][p] = b_t / s_p * u with u uniform in [0.75, 1.25] (heterogeneous, unrelated);
 * - links are uniform: latency 1, bandwidth 2 (so a mean edge costs about 28, about half a
 *   mean task: communication-to-computation ratio about 0.5); one core per processor.
 *
 * HEFT-shared and PEFT-shared plan a copy of the same problems under the shared-medium
 * network model: with no routes set, every ordered processor pair has a medium of its own
 * (Sinnen's one link per direction), and a task's inputs from other processors are fitted
 * into the gaps of those media.
 */

#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-scheduling-problem.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/** \brief The layered random DAG described in the file comment.
 *  \param n tasks \param m processors \return a finalized problem */
std::unique_ptr<DnnSchedulingProblem>
LayeredProblem(uint32_t n, uint32_t m)
{
    std::mt19937_64 rng(20261126 + n * 131 + m);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::string> tasks(n), processors(m);
    for (uint32_t t = 0; t < n; ++t)
    {
        tasks[t] = "T" + std::to_string(t);
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        processors[p] = "P" + std::to_string(p);
    }
    auto problem = std::make_unique<DnnSchedulingProblem>(tasks, processors);
    std::vector<double> speed(m);
    for (uint32_t p = 0; p < m; ++p)
    {
        speed[p] = 0.5 + 1.5 * unit(rng);
    }
    const uint32_t width =
        std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(std::sqrt(double(n)))));
    std::vector<uint32_t> chosen;
    for (uint32_t t = 0; t < n; ++t)
    {
        const double work = 10.0 + 90.0 * unit(rng);
        for (uint32_t p = 0; p < m; ++p)
        {
            problem->SetCost(t, p, work / speed[p] * (0.75 + 0.5 * unit(rng)));
        }
        const uint32_t layer = t / width;
        if (layer == 0)
        {
            continue;
        }
        const uint32_t first = (layer >= 2 ? layer - 2 : 0) * width;
        const uint32_t window = layer * width - first;
        const uint32_t count = std::min<uint32_t>(window, 2 + static_cast<uint32_t>(rng() % 3));
        chosen.clear();
        while (chosen.size() < count)
        {
            const uint32_t u = first + static_cast<uint32_t>(rng() % window);
            if (std::find(chosen.begin(), chosen.end(), u) == chosen.end())
            {
                chosen.push_back(u);
                problem->AddEdge(u, t, 10.0 + 90.0 * unit(rng));
            }
        }
    }
    problem->SetUniformLinks(1.0, 2.0);
    problem->Finalize();
    return problem;
}

/** \brief One problem per size and network model, built on first use (the shared one is a
 *  copy of the contention-free one). \param n tasks \param m processors \param shared
 *  whether under the shared-medium network model \return the problem */
const DnnSchedulingProblem&
CachedProblem(uint32_t n, uint32_t m, bool shared)
{
    static std::map<std::tuple<uint32_t, uint32_t, bool>, std::unique_ptr<DnnSchedulingProblem>>
        cache;
    auto& slot = cache[{n, m, shared}];
    if (!slot)
    {
        if (shared)
        {
            slot = std::make_unique<DnnSchedulingProblem>(CachedProblem(n, m, false));
            slot->SetNetworkModel(DnnNetworkModel::Shared);
        }
        else
        {
            slot = LayeredProblem(n, m);
        }
    }
    return *slot;
}

/** \brief Plan a problem with a scheduler, once per iteration.
 *  \param state range(0) tasks, range(1) processors \param scheduler short name
 *  \param shared whether under the shared-medium network model */
void
BenchPlan(benchmark::State& state, const std::string& scheduler, bool shared)
{
    const auto n = static_cast<uint32_t>(state.range(0));
    const auto m = static_cast<uint32_t>(state.range(1));
    const DnnSchedulingProblem& problem = CachedProblem(n, m, shared);
    const Ptr<DnnScheduler> planner = DnnScheduler::Create(scheduler);
    double makespan = 0.0;
    for (auto _ : state)
    {
        DnnSchedule schedule = planner->Plan(problem);
        benchmark::DoNotOptimize(schedule);
        makespan = schedule.Makespan();
    }
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["tasks"] = n;
    state.counters["edges"] = static_cast<double>(problem.EdgeCount());
    state.counters["processors"] = m;
    state.counters["makespan"] = makespan;
}

} // namespace

int
main(int argc, char** argv)
{
    const std::vector<std::pair<std::string, bool>> variants = {
        {"heft", false}, {"cpop", false}, {"peft", false}, {"heft", true}, {"peft", true},
    };
    for (const auto& [name, shared] : variants)
    {
        std::string label = name;
        std::transform(label.begin(), label.end(), label.begin(), ::toupper);
        if (shared)
        {
            label += "-shared";
        }
        for (const int64_t n : {1000, 10000, 100000})
        {
            for (const int64_t m : {8, 32, 64})
            {
                auto* bench = benchmark::RegisterBenchmark(label.c_str(), BenchPlan, name, shared);
                bench->Args({n, m})->Unit(benchmark::kMillisecond);
                if (n >= 100000)
                {
                    bench->Iterations(3); // long plans: a few runs are enough
                }
            }
        }
    }
    // The classic mapping heuristics (model/scheduler/classic/), contention-free; MinMin,
    // MaxMin, Sufferage, Duplex and ETF are O(n^2 m) in the worst case, so no 100k-task runs.
    for (const std::string name :
         {"met", "mct", "olb", "fastest-node", "minmin", "maxmin", "sufferage", "duplex", "etf"})
    {
        std::string label = name;
        std::transform(label.begin(), label.end(), label.begin(), ::toupper);
        for (const int64_t n : {1000, 10000})
        {
            for (const int64_t m : {8, 32, 64})
            {
                benchmark::RegisterBenchmark(label.c_str(), BenchPlan, name, false)
                    ->Args({n, m})
                    ->Unit(benchmark::kMillisecond);
            }
        }
    }
    // SAGA's rank- and cluster-based heuristics (model/scheduler/list/), contention-free.
    for (const std::string name : {"bil", "dps", "fcp", "flb", "gdl", "hbmct", "msbc", "wba"})
    {
        std::string label = name;
        std::transform(label.begin(), label.end(), label.begin(), ::toupper);
        for (const int64_t n : {1000, 10000})
        {
            auto* bench = benchmark::RegisterBenchmark(label.c_str(), BenchPlan, name, false);
            bench->Args({n, 8})->Unit(benchmark::kMillisecond);
            if (n >= 10000)
            {
                bench->Iterations(1); // the quadratic ones take seconds
            }
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
