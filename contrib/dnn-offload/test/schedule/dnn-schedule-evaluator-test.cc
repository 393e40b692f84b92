/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * DnnScheduleEvaluator (serial decoding): a hand-derived example, a cross-check against a
 * simple reference decoder on 200 random DAGs, decoding HEFT's schedules, infeasibility and
 * Repair, memory groups (hand-derived cases and a reference on random DAGs), and no heap
 * allocation in Evaluate() and Repair().
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <map>
#include <new>
#include <random>
#include <set>
#include <tuple>

namespace
{
/** Heap allocations made through the global operator new (see the replacement below). */
std::atomic<uint64_t> g_allocations{0};
} // namespace

/** Replaced global allocation functions: count allocations, for the no-allocation test. */
void*
operator new(std::size_t size)
{
    ++g_allocations;
    if (void* p = std::malloc(size ? size : 1))
    {
        return p;
    }
    throw std::bad_alloc();
}

/** The nothrow form, replaced too: it must allocate as the one above does, because the
 *  operator delete below frees its blocks (std::stable_sort's buffer comes from it; under
 *  AddressSanitizer, whose runtime has its own nothrow form, free() on such a block is an
 *  alloc-dealloc mismatch). \param size bytes \return the block, or null */
void*
operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    ++g_allocations;
    return std::malloc(size ? size : 1);
}

/** Matching deallocation (not inlined: GCC would flag free() on operator new's pointers).
 *  \param p the block */
[[gnu::noinline]] void
operator delete(void* p) noexcept
{
    std::free(p);
}

/** Matching sized deallocation. \param p the block */
[[gnu::noinline]] void
operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

/** Matching nothrow deallocation. \param p the block */
[[gnu::noinline]] void
operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}

using namespace ns3;

namespace
{

constexpr double INF = DnnSchedulingProblem::INF;
constexpr uint32_t NONE = DnnSchedulingProblem::NONE;

/**
 * Four tasks A, B, C, D on P0 (1 core: busy 2 W, transmit 0.5 W) and P1 (2 cores: busy 3 W,
 * transmit 1 W). Edges A->B (4), A->C (2), B->D (6), C->D (3). Links: P0->P1 latency 1,
 * bandwidth 2; P1->P0 latency 0.5, bandwidth 3. C is released at 6.
 *
 *        P0  P1
 *   A     3   6
 *   B     5   4
 *   C     2   3
 *   D     2   1
 */
DnnSchedulingProblem
HandProblem()
{
    DnnSchedulingProblem problem({"A", "B", "C", "D"}, {"P0", "P1"});
    const double cost[4][2] = {{3, 6}, {5, 4}, {2, 3}, {2, 1}};
    for (uint32_t t = 0; t < 4; ++t)
    {
        for (uint32_t p = 0; p < 2; ++p)
        {
            problem.SetCost(t, p, cost[t][p]);
        }
    }
    problem.AddEdge(0, 1, 4);
    problem.AddEdge(0, 2, 2);
    problem.AddEdge(1, 3, 6);
    problem.AddEdge(2, 3, 3);
    problem.SetLink(0, 1, 1.0, 2.0);
    problem.SetLink(1, 0, 0.5, 3.0);
    problem.SetRelease(2, 6.0);
    problem.SetCores(1, 2);
    problem.SetPower(0, 0.0, 2.0, 0.5);
    problem.SetPower(1, 0.0, 3.0, 1.0);
    problem.Finalize();
    return problem;
}

TEST(ScheduleEvaluatorTest, HandDerivedExample)
{
    const DnnSchedulingProblem problem = HandProblem();
    DnnScheduleEvaluator evaluator(problem);

    // A->P0, B->P1, C->P1, D->P0 in the order A, C, B, D:
    //   A on P0: ready 0, start 0, finish 3.
    //   C on P1: ready max(release 6, 3 + 1 + 2/2 = 5) = 6; both cores free at 0 -> core 0;
    //            6 - 9.
    //   B on P1: ready 3 + 1 + 4/2 = 6; core 0 free at 9, core 1 at 0 -> core 1; 6 - 10.
    //   D on P0: ready max(10 + 0.5 + 6/3 = 12.5, 9 + 0.5 + 3/3 = 10.5) = 12.5; P0 free at 3;
    //            12.5 - 14.5.
    // Makespan 14.5. Energy above idle (idle 0 W): P0 (1 core) draws 2 W per busy core, P1
    // (2 cores, busy 3 W with both) (3 - 0) / 2 = 1.5 W per busy core; compute A 2*3 + B
    // 1.5*4 + C 1.5*3 + D 2*2 = 6 + 6 + 4.5 + 4 = 20.5; transmit (no latency) A->B 0.5*4/2 =
    // 1, A->C 0.5*2/2 = 0.5, B->D 1*6/3 = 2, C->D 1*3/3 = 1 -> 4.5; total 25.
    const std::vector<uint32_t> assignment = {0, 1, 1, 0};
    const std::vector<uint32_t> order = {0, 2, 1, 3};
    const auto outcome = evaluator.Evaluate(assignment.data(), order.data());
    EXPECT_EQ(outcome.makespan, 14.5);
    EXPECT_EQ(outcome.energy, 25.0);
    EXPECT_EQ(evaluator.Placements(), 4u);

    const DnnSchedule schedule = evaluator.Decode(assignment.data(), order.data());
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
    const double start[4] = {0, 6, 6, 12.5};
    const double finish[4] = {3, 10, 9, 14.5};
    const uint32_t core[4] = {0, 1, 0, 0};
    for (uint32_t t = 0; t < 4; ++t)
    {
        EXPECT_EQ(schedule.Processor(t), assignment[t]) << t;
        EXPECT_EQ(schedule.Start(t), start[t]) << t;
        EXPECT_EQ(schedule.Finish(t), finish[t]) << t;
        EXPECT_EQ(schedule.Core(t), core[t]) << t;
    }
    EXPECT_EQ(schedule.Makespan(), 14.5);
    EXPECT_EQ(evaluator.Placements(), 8u);

    // Everything on P0 in the order A, C, B, D: no insertion, so B waits for C although P0
    // idles from 3 to 6. A 0 - 3; C ready 6: 6 - 8; B ready 3, P0 free at 8: 8 - 13;
    // D ready 13: 13 - 15. Energy 2 * (3 + 5 + 2 + 2) = 24, nothing transmitted.
    const std::vector<uint32_t> local = {0, 0, 0, 0};
    const auto serial = evaluator.Evaluate(local.data(), order.data());
    EXPECT_EQ(serial.makespan, 15.0);
    EXPECT_EQ(serial.energy, 24.0);
}

/** Straightforward reference decoder: explicit edge list, per-processor core vectors. */
DnnScheduleEvaluator::Outcome
ReferenceEvaluate(const DnnSchedulingProblem& problem, const std::vector<uint32_t>& assignment,
                  const std::vector<uint32_t>& order)
{
    std::vector<std::tuple<uint32_t, uint32_t, double>> edges;
    for (uint32_t u = 0; u < problem.TaskCount(); ++u)
    {
        for (auto a = problem.SuccBegin(u); a != problem.SuccEnd(u); ++a)
        {
            edges.emplace_back(u, a->task, a->data);
        }
    }
    std::vector<std::vector<double>> coreFree;
    for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
    {
        coreFree.emplace_back(problem.Cores(p), 0.0);
    }
    std::map<uint32_t, double> finish;
    for (uint32_t t : order)
    {
        const uint32_t p = assignment[t];
        double ready = problem.Release(t);
        for (const auto& [u, v, data] : edges)
        {
            if (v == t)
            {
                const uint32_t q = assignment[u];
                const double comm =
                    q == p ? 0.0 : problem.Latency(q, p) + data / problem.Bandwidth(q, p);
                ready = std::max(ready, finish.at(u) + comm);
            }
        }
        auto& cores = coreFree[p];
        const auto core = std::min_element(cores.begin(), cores.end());
        const double start = std::max(ready, *core);
        *core = start + problem.Cost(t, p);
        finish[t] = *core;
    }
    double makespan = 0.0;
    double energy = 0.0;
    for (const auto& [t, f] : finish)
    {
        makespan = std::max(makespan, f);
        // Per busy core, above idle: (busy - idle) / cores.
        const uint32_t p = assignment[t];
        energy +=
            (problem.BusyPower(p) - problem.IdlePower(p)) / problem.Cores(p) * problem.Cost(t, p);
    }
    for (const auto& [u, v, data] : edges)
    {
        if (assignment[u] != assignment[v])
        {
            energy += problem.TransmitPower(assignment[u]) * data /
                      problem.Bandwidth(assignment[u], assignment[v]);
        }
    }
    // Mean finish of the sinks, or of every task when no task is a sink.
    std::vector<double> sinks;
    std::vector<double> all;
    for (const auto& [t, f] : finish)
    {
        all.push_back(f);
        if (problem.IsSink(t))
        {
            sinks.push_back(f);
        }
    }
    const auto& counted = sinks.empty() ? all : sinks;
    double completion = 0.0;
    for (double f : counted)
    {
        completion += f;
    }
    completion /= counted.empty() ? 1.0 : counted.size();
    return {makespan, energy, completion};
}

/** A topological order by Kahn's algorithm, picking a random ready task each step. */
std::vector<uint32_t>
RandomTopologicalOrder(const DnnSchedulingProblem& problem, std::mt19937_64& rng)
{
    std::vector<uint32_t> waiting(problem.TaskCount());
    std::vector<uint32_t> ready;
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        waiting[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
        if (waiting[t] == 0)
        {
            ready.push_back(t);
        }
    }
    std::vector<uint32_t> order;
    while (!ready.empty())
    {
        const std::size_t k = rng() % ready.size();
        const uint32_t t = ready[k];
        ready[k] = ready.back();
        ready.pop_back();
        order.push_back(t);
        for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
        {
            if (--waiting[a->task] == 0)
            {
                ready.push_back(a->task);
            }
        }
    }
    return order;
}

/** Relative closeness. */
bool
Close(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

TEST(ScheduleEvaluatorTest, MatchesReferenceOnRandomDags)
{
    std::mt19937_64 rng(7331);
    int unrepairable = 0;
    for (int i = 0; i < 200; ++i)
    {
        // Random power, memory and capacities too, so that transmit energy and memory count.
        const DnnSchedulingProblem problem = test::RandomProblem(rng, true);
        const uint32_t n = problem.TaskCount();
        const uint32_t m = problem.ProcessorCount();
        DnnScheduleEvaluator evaluator(problem);
        // Even cases: a random processor where the task may run. Odd cases: any processor,
        // left for Repair to fix.
        std::vector<uint32_t> assignment(n);
        for (uint32_t t = 0; t < n; ++t)
        {
            do
            {
                assignment[t] = static_cast<uint32_t>(rng() % m);
            } while (i % 2 == 0 && !std::isfinite(problem.Cost(t, assignment[t])));
        }
        const std::vector<uint32_t> order = RandomTopologicalOrder(problem, rng);
        ASSERT_EQ(order.size(), n);
        if (!evaluator.Repair(assignment.data()))
        {
            // Only when pinned tasks alone overflow a processor (every unpinned task may run
            // on P0, which is unlimited): then no assignment is feasible.
            std::vector<double> pinned(m, 0.0);
            for (uint32_t t = 0; t < n; ++t)
            {
                if (problem.Pinned(t) != NONE)
                {
                    pinned[problem.Pinned(t)] += problem.Memory(t);
                }
            }
            bool overflow = false;
            for (uint32_t p = 0; p < m; ++p)
            {
                overflow = overflow || pinned[p] > problem.Capacity(p);
            }
            EXPECT_TRUE(overflow) << i;
            EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, INF) << i;
            ++unrepairable;
            continue;
        }

        const auto outcome = evaluator.Evaluate(assignment.data(), order.data());
        const auto expected = ReferenceEvaluate(problem, assignment, order);
        ASSERT_TRUE(std::isfinite(outcome.makespan)) << i;
        EXPECT_TRUE(Close(outcome.makespan, expected.makespan))
            << i << ": " << outcome.makespan << " vs " << expected.makespan;
        EXPECT_TRUE(Close(outcome.energy, expected.energy))
            << i << ": " << outcome.energy << " vs " << expected.energy;
        EXPECT_TRUE(Close(outcome.completion, expected.completion))
            << i << ": " << outcome.completion << " vs " << expected.completion;

        const DnnSchedule schedule = evaluator.Decode(assignment.data(), order.data());
        const auto violations = ValidateSchedule(problem, schedule);
        EXPECT_TRUE(violations.empty()) << i << ": " << violations.front();
        EXPECT_EQ(schedule.Makespan(), outcome.makespan) << i;
        for (uint32_t t = 0; t < n; ++t)
        {
            EXPECT_EQ(schedule.Processor(t), assignment[t]);
        }
    }
    EXPECT_LE(unrepairable, 10);
}

/** Decode HEFT's assignment in its start order. \return HEFT's and the decoded makespan */
std::pair<double, double>
DecodeHeft(const DnnSchedulingProblem& problem)
{
    const DnnSchedule heft = DnnScheduler::Create("heft")->Plan(problem);
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        assignment[t] = heft.Processor(t);
    }
    const auto order = DnnScheduleEvaluator::StartOrder(problem, heft);
    DnnScheduleEvaluator evaluator(problem);
    const DnnSchedule decoded = evaluator.Decode(assignment.data(), order.data()); // checks order
    EXPECT_TRUE(ValidateSchedule(problem, decoded).empty());
    EXPECT_EQ(decoded.Makespan(), evaluator.Evaluate(assignment.data(), order.data()).makespan);
    return {heft.Makespan(), decoded.Makespan()};
}

TEST(ScheduleEvaluatorTest, DecodingHeftInStartOrderIsNoLonger)
{
    std::mt19937_64 rng(20021);
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        const auto [heft, decoded] = DecodeHeft(problem);
        EXPECT_LE(decoded, heft + 1e-9) << i;
    }
    const auto problem = DnnInstanceReader::ReadFile(
        test::SourcePath("test/reference/canonical-graphs.json"), "topcuoglu-2002");
    const auto [heft, decoded] = DecodeHeft(problem);
    EXPECT_EQ(heft, 80.0);
    EXPECT_EQ(decoded, 80.0);
}

TEST(ScheduleEvaluatorTest, DecodeRejectsABadOrder)
{
    const DnnSchedulingProblem problem = HandProblem();
    DnnScheduleEvaluator evaluator(problem);
    const std::vector<uint32_t> assignment = {0, 1, 1, 0};
    const std::vector<uint32_t> backwards = {3, 2, 1, 0};
    const std::vector<uint32_t> repeated = {0, 1, 1, 3};
    EXPECT_THROW(evaluator.Decode(assignment.data(), backwards.data()), std::invalid_argument);
    EXPECT_THROW(evaluator.Decode(assignment.data(), repeated.data()), std::invalid_argument);
    const std::vector<uint32_t> order = {0, 1, 2, 3};
    const std::vector<uint32_t> nowhere = {0, 1, 1, 2};
    EXPECT_THROW(evaluator.Decode(nowhere.data(), order.data()), std::invalid_argument);
}

TEST(ScheduleEvaluatorTest, RepairMovesTasksWhereTheyMayRun)
{
    // Request 0: T0 and T3 pinned to P0 (its home); T1 and T2 unpinned. Request 1: T4,
    // unpinned, no home.
    DnnSchedulingProblem problem({"T0", "T1", "T2", "T3", "T4"}, {"P0", "P1", "P2"});
    const double cost[5][3] = {{1, 1, 1}, {5, INF, 1}, {INF, 3, 2}, {1, 1, 1}, {4, INF, 2}};
    for (uint32_t t = 0; t < 5; ++t)
    {
        for (uint32_t p = 0; p < 3; ++p)
        {
            problem.SetCost(t, p, cost[t][p]);
        }
    }
    problem.Pin(0, 0);
    problem.Pin(3, 0);
    problem.SetRequest(4, 1);
    problem.AddEdge(0, 1, 1);
    problem.AddEdge(1, 2, 1);
    problem.AddEdge(2, 3, 1);
    problem.Finalize();
    ASSERT_EQ(problem.RequestHome(0), 0u);
    ASSERT_EQ(problem.RequestHome(1), NONE);

    DnnScheduleEvaluator evaluator(problem);
    std::vector<uint32_t> assignment = {0, 1, 0, 2, 1};
    const std::vector<uint32_t> order = {0, 1, 2, 3, 4};
    const auto before = evaluator.Evaluate(assignment.data(), order.data());
    EXPECT_EQ(before.makespan, INF);
    EXPECT_EQ(before.energy, INF);
    EXPECT_EQ(evaluator.Placements(), 0u);
    ASSERT_TRUE(evaluator.Repair(assignment.data()));
    // T1 -> home P0 (may run there, though P2 is faster); T2 -> fastest P2 (may not run at
    // home); T3 -> its pin P0; T4 -> fastest P2 (no home).
    EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 0, 2, 0, 2}));
    EXPECT_TRUE(std::isfinite(evaluator.Evaluate(assignment.data(), order.data()).makespan));

    std::vector<uint32_t> outOfRange = {7, 7, 7, 7, 7};
    ASSERT_TRUE(evaluator.Repair(outOfRange.data()));
    EXPECT_EQ(outOfRange, assignment);
    std::vector<uint32_t> feasible = {0, 2, 1, 0, 0};
    std::vector<uint32_t> copy = feasible;
    ASSERT_TRUE(evaluator.Repair(copy.data()));
    EXPECT_EQ(copy, feasible); // a feasible assignment is left alone
}

TEST(ScheduleEvaluatorTest, RepairRelievesMemoryOverflow)
{
    // P0 holds 10, P1 8, P2 7. T0 (6, pinned to P0), T1 (5), T2 (3), T3 (3) all on P0: 17.
    DnnSchedulingProblem problem({"T0", "T1", "T2", "T3"}, {"P0", "P1", "P2"});
    const double memory[4] = {6, 5, 3, 3};
    for (uint32_t t = 0; t < 4; ++t)
    {
        for (uint32_t p = 0; p < 3; ++p)
        {
            problem.SetCost(t, p, 1.0);
        }
        problem.SetMemory(t, memory[t]);
    }
    problem.Pin(0, 0);
    problem.SetCapacity(0, 10);
    problem.SetCapacity(1, 8);
    problem.SetCapacity(2, 7);
    problem.Finalize();

    DnnScheduleEvaluator evaluator(problem);
    std::vector<uint32_t> assignment = {0, 0, 0, 0};
    const std::vector<uint32_t> order = {0, 1, 2, 3};
    EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, INF);
    ASSERT_TRUE(evaluator.Repair(assignment.data()));
    // T0 is pinned; T1 (largest movable) -> P1 (8 left vs 7): P0 at 12; T2 (ties T3 at 3,
    // lower index) -> P2 (7 left vs 3): P0 at 9, done.
    EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 1, 2, 0}));
    const auto outcome = evaluator.Evaluate(assignment.data(), order.data());
    EXPECT_EQ(outcome.makespan, 2.0); // T0 and T3 one after the other on P0
    const DnnSchedule schedule = evaluator.Decode(assignment.data(), order.data());
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());

    // Exactly at capacity is feasible.
    const std::vector<uint32_t> full = {0, 1, 1, 2}; // P0 6, P1 5 + 3 = 8, P2 3
    EXPECT_TRUE(std::isfinite(evaluator.Evaluate(full.data(), order.data()).makespan));
    const std::vector<uint32_t> over = {0, 1, 1, 1}; // P1 11 > 8
    EXPECT_EQ(evaluator.Evaluate(over.data(), order.data()).energy, INF);
}

TEST(ScheduleEvaluatorTest, RepairFailsWhenNothingFits)
{
    // T0 (6) is pinned to P0 (capacity 10); T1 (6) may run only on P0, as P1 holds 5.
    DnnSchedulingProblem problem({"T0", "T1"}, {"P0", "P1"});
    for (uint32_t t = 0; t < 2; ++t)
    {
        problem.SetCost(t, 0, 1.0);
        problem.SetCost(t, 1, 1.0);
        problem.SetMemory(t, 6);
    }
    problem.Pin(0, 0);
    problem.SetCapacity(0, 10);
    problem.SetCapacity(1, 5);
    problem.Finalize();
    DnnScheduleEvaluator evaluator(problem);
    std::vector<uint32_t> assignment = {0, 1};
    EXPECT_FALSE(evaluator.Repair(assignment.data()));
    const std::vector<uint32_t> order = {0, 1};
    EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, INF);
}

TEST(ScheduleEvaluatorTest, AMemoryGroupIsHeldOncePerProcessor)
{
    // P0 holds 5; A and B, 5 bytes each, in one group when shared; C, 5 bytes, alone.
    for (const bool shared : {true, false})
    {
        DnnSchedulingProblem problem({"A", "B", "C"}, {"P0", "P1"});
        for (uint32_t t = 0; t < 3; ++t)
        {
            problem.SetCost(t, 0, 1.0);
            problem.SetCost(t, 1, 1.0);
            problem.SetMemory(t, 5.0);
        }
        if (shared)
        {
            problem.SetMemoryGroup(0, 9);
            problem.SetMemoryGroup(1, 9);
        }
        problem.SetCapacity(0, 5.0);
        problem.Finalize();
        DnnScheduleEvaluator evaluator(problem);
        const std::vector<uint32_t> order = {0, 1, 2};
        const std::vector<uint32_t> together = {0, 0, 1}; // P0: 5 shared, 10 if not
        const auto outcome = evaluator.Evaluate(together.data(), order.data());
        EXPECT_EQ(outcome.makespan, shared ? 2.0 : INF) << shared;
        const std::vector<uint32_t> withC = {0, 0, 0}; // P0: 10 shared, 15 if not
        EXPECT_EQ(evaluator.Evaluate(withC.data(), order.data()).makespan, INF) << shared;
        const std::vector<uint32_t> apart = {0, 1, 1}; // P0: 5 either way
        EXPECT_EQ(evaluator.Evaluate(apart.data(), order.data()).makespan, 2.0) << shared;
        // Twice the first again: the groups seen by the previous call are forgotten.
        EXPECT_EQ(evaluator.Evaluate(together.data(), order.data()).makespan, outcome.makespan);
    }
}

TEST(ScheduleEvaluatorTest, RepairMovesAGroupOnlyWhenThatFreesMemory)
{
    // P0 holds 10, P1 20. A and B share 6 bytes, A pinned to P0; D needs 4 and E 3 bytes.
    // All on P0: 6 (A and B once) + 4 + 3 = 13 > 10. Moving B would free nothing while A
    // stays, so B stays; D (next largest) moves to P1, and P0 at 9 fits: E stays.
    DnnSchedulingProblem problem({"A", "B", "D", "E"}, {"P0", "P1"});
    const double memory[4] = {6, 6, 4, 3};
    for (uint32_t t = 0; t < 4; ++t)
    {
        problem.SetCost(t, 0, 1.0);
        problem.SetCost(t, 1, 1.0);
        problem.SetMemory(t, memory[t]);
    }
    problem.SetMemoryGroup(0, 1);
    problem.SetMemoryGroup(1, 1);
    problem.Pin(0, 0);
    problem.SetCapacity(0, 10);
    problem.SetCapacity(1, 20);
    problem.Finalize();
    DnnScheduleEvaluator evaluator(problem);
    std::vector<uint32_t> assignment = {0, 0, 0, 0};
    const std::vector<uint32_t> order = {0, 1, 2, 3};
    EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, INF);
    ASSERT_TRUE(evaluator.Repair(assignment.data()));
    EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 0, 1, 0}));
    EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, 3.0); // A, B, E
    EXPECT_TRUE(
        ValidateSchedule(problem, evaluator.Decode(assignment.data(), order.data())).empty());
}

TEST(ScheduleEvaluatorTest, RepairPrefersAProcessorHoldingTheGroup)
{
    // P0 holds 10, P1 7, P2 20. A and B share 6 bytes; A is pinned to P1 (1 byte left
    // there). B and D (5 bytes) on P0: 11 > 10. B, the largest, moves: to P1, which holds
    // its group already (6 <= 7 after the move), rather than to P2 with the most room; P0
    // is then at 5. Counted task by task, B would not fit P1 (12 > 7) and would go to P2.
    DnnSchedulingProblem problem({"A", "B", "D"}, {"P0", "P1", "P2"});
    const double memory[3] = {6, 6, 5};
    for (uint32_t t = 0; t < 3; ++t)
    {
        for (uint32_t p = 0; p < 3; ++p)
        {
            problem.SetCost(t, p, 1.0);
        }
        problem.SetMemory(t, memory[t]);
    }
    problem.SetMemoryGroup(0, 5);
    problem.SetMemoryGroup(1, 5);
    problem.Pin(0, 1);
    problem.SetCapacity(0, 10);
    problem.SetCapacity(1, 7);
    problem.SetCapacity(2, 20);
    problem.Finalize();
    DnnScheduleEvaluator evaluator(problem);
    std::vector<uint32_t> assignment = {1, 0, 0};
    ASSERT_TRUE(evaluator.Repair(assignment.data()));
    EXPECT_EQ(assignment, (std::vector<uint32_t>{1, 1, 0}));
    const std::vector<uint32_t> order = {0, 1, 2};
    EXPECT_EQ(evaluator.Evaluate(assignment.data(), order.data()).makespan, 2.0); // A, B on P1
    // Repair leaves its counters at zero: the same input gives the same answer.
    std::vector<uint32_t> again = {1, 0, 0};
    ASSERT_TRUE(evaluator.Repair(again.data()));
    EXPECT_EQ(again, assignment);
}

/** \p problem with random memory groups: each task joins one of 1 + n/3 groups with a chance
 *  of one half, taking the memory of the group's first task. \return the finalized copy */
DnnSchedulingProblem
WithMemoryGroups(DnnSchedulingProblem problem, std::mt19937_64& rng)
{
    const uint32_t n = problem.TaskCount();
    const uint32_t groups = 1 + n / 3;
    std::vector<double> memory(groups, -1.0);
    for (uint32_t t = 0; t < n; ++t)
    {
        if (rng() % 2 == 0)
        {
            continue;
        }
        const auto group = static_cast<uint32_t>(rng() % groups);
        if (memory[group] < 0)
        {
            memory[group] = problem.Memory(t);
        }
        problem.SetMemory(t, memory[group]);
        problem.SetMemoryGroup(t, 1000 + group);
    }
    problem.Finalize();
    return problem;
}

TEST(ScheduleEvaluatorTest, MemoryGroupsMatchAReferenceOnRandomDags)
{
    // Random problems with capacities and random memory groups; random assignments, repaired
    // or not: the evaluator's verdict is that of memory summed over the distinct (processor,
    // group) pairs, and a repaired assignment is feasible unless pinned groups alone overflow.
    std::mt19937_64 rng(4242);
    int shared = 0;
    int feasible = 0;
    int infeasible = 0;
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = WithMemoryGroups(test::RandomProblem(rng, true), rng);
        const uint32_t n = problem.TaskCount();
        const uint32_t m = problem.ProcessorCount();
        shared += problem.SharesMemory();
        DnnScheduleEvaluator evaluator(problem);
        const std::vector<uint32_t> order = RandomTopologicalOrder(problem, rng);
        for (int k = 0; k < 4; ++k)
        {
            std::vector<uint32_t> assignment(n);
            for (uint32_t t = 0; t < n; ++t)
            {
                do
                {
                    assignment[t] = static_cast<uint32_t>(rng() % m);
                } while (!std::isfinite(problem.Cost(t, assignment[t])));
            }
            const bool repaired = k % 2 == 1 && evaluator.Repair(assignment.data());
            std::set<std::pair<uint32_t, uint32_t>> held;
            std::vector<double> used(m, 0.0);
            std::vector<double> pinned(m, 0.0);
            std::set<std::pair<uint32_t, uint32_t>> pinnedHeld;
            for (uint32_t t = 0; t < n; ++t)
            {
                const uint32_t g = problem.MemoryGroup(t);
                if (held.insert({assignment[t], g}).second)
                {
                    used[assignment[t]] += problem.Memory(t);
                }
                const uint32_t pin = problem.Pinned(t);
                if (pin != NONE && pinnedHeld.insert({pin, g}).second)
                {
                    pinned[pin] += problem.Memory(t);
                }
            }
            bool fits = true;
            bool pinnedOverflow = false;
            for (uint32_t p = 0; p < m; ++p)
            {
                fits = fits && used[p] <= problem.Capacity(p);
                pinnedOverflow = pinnedOverflow || pinned[p] > problem.Capacity(p);
            }
            const auto outcome = evaluator.Evaluate(assignment.data(), order.data());
            ASSERT_EQ(std::isfinite(outcome.makespan), fits) << i << "/" << k;
            if (k % 2 == 1)
            {
                EXPECT_EQ(repaired, fits) << i << "/" << k;
                EXPECT_TRUE(repaired || pinnedOverflow) << i << "/" << k;
            }
            if (fits)
            {
                ++feasible;
                const auto violations =
                    ValidateSchedule(problem, evaluator.Decode(assignment.data(), order.data()));
                EXPECT_TRUE(violations.empty()) << i << "/" << k << ": " << violations.front();
            }
            else
            {
                ++infeasible;
            }
        }
    }
    EXPECT_GE(shared, 150);
    EXPECT_GE(feasible, 300);
    EXPECT_GE(infeasible, 50);
}

TEST(ScheduleEvaluatorTest, EvaluateDoesNotAllocate)
{
    std::mt19937_64 rng(99);
    for (int i = 0; i < 40; ++i)
    {
        // Odd cases: with capacities and memory groups.
        const DnnSchedulingProblem problem =
            i % 2 == 0 ? test::RandomProblem(rng)
                       : WithMemoryGroups(test::RandomProblem(rng, true), rng);
        DnnScheduleEvaluator evaluator(problem);
        std::vector<uint32_t> assignment(problem.TaskCount(), 0);
        if (!evaluator.Repair(assignment.data()))
        {
            continue; // pinned tasks alone overflow a processor
        }
        const std::vector<uint32_t> order = RandomTopologicalOrder(problem, rng);
        std::vector<uint32_t> infeasible(problem.TaskCount(), problem.ProcessorCount());
        std::vector<uint32_t> scratch(problem.TaskCount());
        const uint64_t before = g_allocations.load();
        double sum = 0.0;
        for (int k = 0; k < 10; ++k)
        {
            sum += evaluator.Evaluate(assignment.data(), order.data()).makespan;
            sum += evaluator.Evaluate(infeasible.data(), order.data()).makespan;
            std::fill(scratch.begin(), scratch.end(), static_cast<uint32_t>(k % 2));
            evaluator.Repair(scratch.data()); // everything on P0 or P1, then repaired
        }
        EXPECT_EQ(g_allocations.load(), before) << i;
        EXPECT_EQ(sum, INF);
        // The counter does count: Decode() builds a schedule on the heap.
        evaluator.Decode(assignment.data(), order.data());
        EXPECT_GT(g_allocations.load(), before);
    }
}

} // namespace
