/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The brute-force scheduler (DnnBruteForceScheduler): SAGA's BruteForce optimum on its
 * reference instances (test/reference/saga-makespans.json, recorded from SAGA commit
 * f67156418baf1f7a9b52409ec60ff9b32fb38503); the same makespan as a plain exhaustive
 * enumeration written here, independently of its branch and bound, on small random
 * instances (pins, releases, memory, cores, core availability, both network models); never
 * worse than any other scheduler there; hand-derived 4-task cases; and its refusals.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-brute-force-scheduler.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/double.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * The second exact method: every assignment (each task on each processor where it may run)
 * times every topological order, decoded by DnnScheduleEvaluator::Evaluate(), with no
 * pruning, no bound and no order restriction. It shares nothing with the scheduler's search
 * but the decoder that defines the schedules both look at.
 * \param problem the problem \return the smallest makespan (INF when nothing fits)
 */
double
ExhaustiveMakespan(const DnnSchedulingProblem& problem)
{
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    // Every topological order, by extending prefixes with each task whose inputs are placed.
    std::vector<std::vector<uint32_t>> orders;
    std::vector<uint32_t> prefix;
    std::vector<bool> placed(n, false);
    std::function<void()> extend = [&]()
    {
        if (prefix.size() == n)
        {
            orders.push_back(prefix);
            return;
        }
        for (uint32_t t = 0; t < n; ++t)
        {
            bool ready = !placed[t];
            for (auto a = problem.PredBegin(t); ready && a != problem.PredEnd(t); ++a)
            {
                ready = placed[a->task];
            }
            if (ready)
            {
                placed[t] = true;
                prefix.push_back(t);
                extend();
                prefix.pop_back();
                placed[t] = false;
            }
        }
    };
    extend();
    DnnScheduleEvaluator evaluator(problem);
    double best = DnnSchedulingProblem::INF;
    std::vector<uint32_t> assignment(n, 0);
    while (true)
    {
        bool runs = true;
        for (uint32_t t = 0; t < n && runs; ++t)
        {
            runs = std::isfinite(problem.Cost(t, assignment[t]));
        }
        if (runs)
        {
            for (const auto& order : orders)
            {
                best = std::min(best, evaluator.Evaluate(assignment.data(), order.data()).makespan);
            }
        }
        // Next assignment, as an odometer.
        uint32_t t = 0;
        while (t < n && ++assignment[t] == m)
        {
            assignment[t++] = 0;
        }
        if (t == n)
        {
            break;
        }
    }
    return best;
}

/** Relative closeness (1e-9), as the SAGA figures are compared: two decodings can differ by
 *  a few ulps, and the search's bounds, summed in another order than the decoding, may cut
 *  one a few ulps below the best it has. */
bool
Near(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

/** The brute-force scheduler. \return a new one */
Ptr<DnnScheduler>
BruteForce()
{
    return DnnScheduler::Create("brute-force");
}

/**
 * Small random instances of the scheduler tests' generator (test::RandomProblem: pins,
 * releases, 1-2 cores, memory when \p resources), the ones whose candidate count the
 * exhaustive enumeration gets through quickly; every third one also with core
 * availabilities.
 * \param count how many \param seed the generator's seed \return the problems
 */
std::vector<DnnSchedulingProblem>
SmallRandomProblems(uint32_t count, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<DnnSchedulingProblem> problems;
    for (uint32_t draw = 0; problems.size() < count; ++draw)
    {
        DnnSchedulingProblem problem = test::RandomProblem(rng, draw % 2 == 1);
        if (problem.TaskCount() > 9 || DnnBruteForceScheduler::CandidateCount(problem) > 2e5)
        {
            continue;
        }
        if (problems.size() % 3 == 2)
        {
            for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
            {
                for (uint32_t c = 0; c < problem.Cores(p); ++c)
                {
                    problem.SetAvailable(p, c, unit(rng) < 0.5 ? 0.0 : 20.0 * unit(rng));
                }
            }
        }
        problems.push_back(std::move(problem));
    }
    return problems;
}

} // namespace

// SAGA's BruteForce (every mapping times every topological order, list-scheduled without
// insertion) ran on 28 of the 30 reference instances; on each our makespan is its figure.
// Figures from SAGA commit f67156418baf1f7a9b52409ec60ff9b32fb38503 (test/reference/README.md).
TEST(BruteForceTest, AgreesWithSagaBruteForce)
{
    const nlohmann::json doc =
        DnnJsonReader::ParseFile(test::SourcePath("test/reference/saga-makespans.json"));
    ASSERT_EQ(doc.at("saga_commit").get<std::string>(), "f67156418baf1f7a9b52409ec60ff9b32fb38503");
    uint32_t compared = 0;
    for (const auto& instance : doc.at("instances"))
    {
        const std::string name = instance.at("name");
        const DnnSchedulingProblem problem = DnnInstanceReader::ReadFile(
            test::SourcePath("test/reference/" + instance.at("file").get<std::string>()));
        const DnnSchedule schedule = BruteForce()->Plan(problem);
        const auto violations = ValidateSchedule(problem, schedule);
        EXPECT_TRUE(violations.empty()) << name << ": " << violations.front();
        const auto& results = instance.at("results");
        const auto& saga = results.at("BruteForce");
        if (saga.contains("makespan"))
        {
            ++compared;
            EXPECT_TRUE(Near(schedule.Makespan(), saga.at("makespan").get<double>()))
                << name << ": ours " << schedule.Makespan() << ", SAGA's "
                << saga.at("makespan").get<double>();
        }
        // No SAGA heuristic's recorded makespan is below the optimum (the two instances
        // SAGA's brute force skipped included).
        for (const auto& [scheduler, result] : results.items())
        {
            if (!result.contains("makespan") || result.contains("invalid"))
            {
                continue;
            }
            std::vector<double> makespans{result.at("makespan").get<double>()};
            for (const char* key : {"makespans_over_hash_seeds", "makespans_by_random_seed"})
            {
                if (result.contains(key))
                {
                    for (const auto& value : result.at(key))
                    {
                        makespans.push_back(value.get<double>());
                    }
                }
            }
            for (double makespan : makespans)
            {
                EXPECT_LE(schedule.Makespan(), makespan * (1 + 1e-9))
                    << name << " vs SAGA's " << scheduler;
            }
        }
    }
    EXPECT_EQ(compared, 28u);
}

// The branch and bound against the plain enumeration, and against every other scheduler,
// on small random instances with pins, releases, memory, cores and core availability.
TEST(BruteForceTest, EqualsExhaustiveEnumerationAndBeatsEveryScheduler)
{
    const auto problems = SmallRandomProblems(120, 1717);
    uint32_t index = 0;
    for (const auto& problem : problems)
    {
        const double exhaustive = ExhaustiveMakespan(problem);
        ASSERT_TRUE(std::isfinite(exhaustive)) << index; // processor 0 has unlimited memory
        const DnnSchedule schedule = BruteForce()->Plan(problem);
        const auto violations = ValidateSchedule(problem, schedule);
        EXPECT_TRUE(violations.empty()) << "random " << index << ": " << violations.front();
        EXPECT_TRUE(Near(schedule.Makespan(), exhaustive))
            << schedule.Makespan() << " vs " << exhaustive << ": random " << index << " ("
            << problem.TaskCount() << " tasks, " << problem.ProcessorCount() << " processors)";
        for (const auto& name : DnnScheduler::ShortNames())
        {
            if (name == "brute-force")
            {
                continue;
            }
            const DnnSchedule other = DnnScheduler::Create(name)->Plan(problem);
            if (!ValidateSchedule(problem, other).empty())
            {
                continue; // e.g. a list scheduler over a memory limit: no schedule to beat
            }
            EXPECT_LE(schedule.Makespan(), other.Makespan() * (1 + 1e-12))
                << name << " on random " << index;
        }
        ++index;
    }
}

// Under the shared-medium model (each pair its own medium, and one bus for every pair) the
// search has no start-order restriction; it still equals the enumeration of the same
// decodings, and its schedules (transfers included) are valid.
TEST(BruteForceTest, SharedNetworkModelEqualsExhaustiveEnumeration)
{
    auto problems = SmallRandomProblems(60, 2005);
    uint32_t index = 0;
    for (auto& problem : problems)
    {
        problem.SetNetworkModel(DnnNetworkModel::Shared);
        const DnnSchedule schedule = BruteForce()->Plan(problem);
        const auto violations = ValidateSchedule(problem, schedule);
        EXPECT_TRUE(violations.empty()) << "random " << index << ": " << violations.front();
        const double exhaustive = ExhaustiveMakespan(problem);
        EXPECT_TRUE(Near(schedule.Makespan(), exhaustive))
            << schedule.Makespan() << " vs " << exhaustive << ": random " << index;
        ++index;
    }
    // One bus that every transfer crosses.
    std::mt19937_64 rng(99);
    for (int i = 0; i < 40; ++i)
    {
        DnnSchedulingProblem problem = test::RandomProblem(rng);
        if (problem.TaskCount() > 8 || problem.ProcessorCount() < 2 ||
            DnnBruteForceScheduler::CandidateCount(problem) > 1e5)
        {
            --i;
            continue;
        }
        DnnSchedulingProblem bus(
            [&]()
            {
                std::vector<std::string> names;
                for (uint32_t t = 0; t < problem.TaskCount(); ++t)
                {
                    names.push_back(problem.TaskName(t));
                }
                return names;
            }(),
            [&]()
            {
                std::vector<std::string> names;
                for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
                {
                    names.push_back(problem.ProcessorName(p));
                }
                return names;
            }());
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
            {
                bus.SetCost(t, p, problem.Cost(t, p));
            }
            bus.SetRelease(t, problem.Release(t));
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                bus.AddEdge(t, a->task, a->data);
            }
        }
        bus.SetUniformLinks(0.1, 2.0);
        const uint32_t medium = bus.AddMedium("bus");
        for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
        {
            for (uint32_t q = 0; q < problem.ProcessorCount(); ++q)
            {
                if (p != q)
                {
                    bus.SetRoute(p, q, {{medium, 0.5}});
                }
            }
        }
        bus.SetMediumAvailable(medium, 3.0);
        bus.SetNetworkModel(DnnNetworkModel::Shared);
        bus.Finalize();
        const DnnSchedule schedule = BruteForce()->Plan(bus);
        const auto violations = ValidateSchedule(bus, schedule);
        EXPECT_TRUE(violations.empty()) << "bus " << i << ": " << violations.front();
        const double exhaustive = ExhaustiveMakespan(bus);
        EXPECT_TRUE(Near(schedule.Makespan(), exhaustive))
            << schedule.Makespan() << " vs " << exhaustive << ": bus " << i;
    }
}

// Interchangeable processors (the same execution times, cores, capacity and links) are
// tried once where nothing is placed yet; the result is still the enumeration's. Some
// instances have one processor apart (slower), some links that differ by direction (then
// no two processors are interchangeable).
TEST(BruteForceTest, InterchangeableProcessorsEqualExhaustiveEnumeration)
{
    std::mt19937_64 rng(4242);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    uint32_t checked = 0;
    for (int i = 0; i < 60; ++i)
    {
        const uint32_t n = 2 + static_cast<uint32_t>(rng() % 6);
        const uint32_t m = 2 + static_cast<uint32_t>(rng() % 3);
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
        const bool oneApart = i % 3 == 1;
        const bool directed = i % 5 == 4;
        const uint32_t cores = 1 + static_cast<uint32_t>(rng() % 2);
        for (uint32_t t = 0; t < n; ++t)
        {
            const double cost = std::round(1 + 9 * unit(rng)); // integers: many ties
            for (uint32_t p = 0; p < m; ++p)
            {
                problem.SetCost(t, p, oneApart && p == m - 1 ? 2 * cost : cost);
            }
            if (unit(rng) < 0.2)
            {
                problem.SetRelease(t, std::round(5 * unit(rng)));
            }
            for (uint32_t u = 0; u < t; ++u)
            {
                if (unit(rng) < 0.4)
                {
                    problem.AddEdge(u, t, std::round(1 + 4 * unit(rng)));
                }
            }
            problem.SetMemory(t, 1.0);
        }
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetCores(p, cores);
            problem.SetCapacity(p, i % 2 ? n : (n + m - 1) / m); // tight: still feasible
            for (uint32_t q = 0; q < m; ++q)
            {
                problem.SetLink(p, q, directed && p < q ? 1.0 : 0.0, 2.0);
            }
        }
        problem.Finalize();
        if (DnnBruteForceScheduler::CandidateCount(problem) > 3e5)
        {
            continue;
        }
        ++checked;
        const DnnSchedule schedule = BruteForce()->Plan(problem);
        EXPECT_TRUE(ValidateSchedule(problem, schedule).empty()) << i;
        const double exhaustive = ExhaustiveMakespan(problem);
        EXPECT_TRUE(Near(schedule.Makespan(), exhaustive))
            << schedule.Makespan() << " vs " << exhaustive << ": instance " << i;
    }
    EXPECT_GE(checked, 40u);
}

// A fork-join by hand: A -> {B, C} -> D, costs A 1, B 2, C 2, D 1 on either of two
// processors, every transfer between them 1 s (latency 0, 1 data unit at 1 unit/s).
// One processor: 1 + 2 + 2 + 1 = 6. B and C in parallel needs one of them, say C, on the
// other processor: C gets A's output at 2 and ends at 4; with D on C's processor B's output
// arrives at 3 + 1 = 4, so D runs [4, 5]; with D on A's, C's output arrives at 5 and D ends
// at 6. A on one processor and both B and C on the other is worse (2 + 2 + 2 + ...). So 5.
// With two cores on one processor B and C run side by side: 1 + 2 + 1 = 4, the longest path.
TEST(BruteForceTest, HandDerivedForkJoin)
{
    auto forkJoin = [](uint32_t cores)
    {
        DnnSchedulingProblem problem({"A", "B", "C", "D"}, {"P0", "P1"});
        const double cost[] = {1, 2, 2, 1};
        for (uint32_t t = 0; t < 4; ++t)
        {
            problem.SetCost(t, 0, cost[t]);
            problem.SetCost(t, 1, cost[t]);
        }
        problem.AddEdge(0, 1, 1.0);
        problem.AddEdge(0, 2, 1.0);
        problem.AddEdge(1, 3, 1.0);
        problem.AddEdge(2, 3, 1.0);
        problem.SetUniformLinks(0.0, 1.0);
        problem.SetCores(0, cores);
        problem.Finalize();
        return problem;
    };
    const DnnSchedulingProblem one = forkJoin(1);
    const DnnSchedule schedule = BruteForce()->Plan(one);
    EXPECT_TRUE(ValidateSchedule(one, schedule).empty());
    EXPECT_EQ(schedule.Makespan(), 5.0);
    EXPECT_NE(schedule.Processor(1), schedule.Processor(2)); // B and C apart
    EXPECT_EQ(schedule.Processor(3), schedule.Processor(2) == schedule.Processor(0)
                                         ? schedule.Processor(1)
                                         : schedule.Processor(2)); // D with the one away from A
    const DnnSchedulingProblem two = forkJoin(2);
    const DnnSchedule dual = BruteForce()->Plan(two);
    EXPECT_TRUE(ValidateSchedule(two, dual).empty());
    EXPECT_EQ(dual.Makespan(), 4.0);
    for (uint32_t t = 0; t < 4; ++t)
    {
        EXPECT_EQ(dual.Processor(t), 0u);
    }
    EXPECT_NE(dual.Core(1), dual.Core(2));
    // D pinned to P1 and A released at 3. A's output reaches the other processor at 5. With
    // A, B on P0 ([3, 4], [4, 6]) and C on P1 ([5, 7]), B's output reaches D at 7: D runs
    // [7, 8]. A on P1 instead puts the task on P0 at [5, 7], its output at D at 8: 9; B and
    // C on one processor take 4 s after A's end: at least 4 + 4 + 1 = 9. So 8, A on P0.
    DnnSchedulingProblem pinned({"A", "B", "C", "D"}, {"P0", "P1"});
    const double cost[] = {1, 2, 2, 1};
    for (uint32_t t = 0; t < 4; ++t)
    {
        pinned.SetCost(t, 0, cost[t]);
        pinned.SetCost(t, 1, cost[t]);
    }
    pinned.AddEdge(0, 1, 1.0);
    pinned.AddEdge(0, 2, 1.0);
    pinned.AddEdge(1, 3, 1.0);
    pinned.AddEdge(2, 3, 1.0);
    pinned.SetUniformLinks(0.0, 1.0);
    pinned.Pin(3, 1);
    pinned.SetRelease(0, 3.0);
    pinned.Finalize();
    const DnnSchedule withPin = BruteForce()->Plan(pinned);
    EXPECT_TRUE(ValidateSchedule(pinned, withPin).empty());
    EXPECT_EQ(withPin.Makespan(), 8.0);
    EXPECT_EQ(withPin.Processor(3), 1u);
    EXPECT_EQ(withPin.Processor(0), 0u);
    EXPECT_GE(withPin.Start(0), 3.0);
}

// Memory decides the assignment: with room for one task only on the fast processor, the
// slow one takes the rest.
TEST(BruteForceTest, HonoursMemory)
{
    DnnSchedulingProblem problem({"A", "B", "C"}, {"fast", "slow"});
    for (uint32_t t = 0; t < 3; ++t)
    {
        problem.SetCost(t, 0, 1.0);
        problem.SetCost(t, 1, 3.0);
        problem.SetMemory(t, 1.0);
    }
    problem.SetUniformLinks(0.0, 1.0);
    problem.SetCapacity(0, 1.0);
    problem.Finalize();
    const DnnSchedule schedule = BruteForce()->Plan(problem);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
    EXPECT_EQ(schedule.Makespan(), 6.0); // two tasks on the slow one, one on the fast one
    uint32_t onFast = 0;
    for (uint32_t t = 0; t < 3; ++t)
    {
        onFast += schedule.Processor(t) == 0;
    }
    EXPECT_EQ(onFast, 1u);
    // No room anywhere: a clear refusal.
    DnnSchedulingProblem full({"A", "B", "C"}, {"fast", "slow"});
    for (uint32_t t = 0; t < 3; ++t)
    {
        full.SetCost(t, 0, 1.0);
        full.SetCost(t, 1, 3.0);
        full.SetMemory(t, 1.0);
    }
    full.SetCapacity(0, 1.0);
    full.SetCapacity(1, 1.0);
    full.Finalize();
    EXPECT_THROW(BruteForce()->Plan(full), DnnInputError);
}

// SAGA's candidate count: processors per task times topological orders.
TEST(BruteForceTest, CandidateCount)
{
    DnnSchedulingProblem problem({"A", "B", "C", "D"}, {"P0", "P1", "P2"});
    for (uint32_t t = 0; t < 4; ++t)
    {
        for (uint32_t p = 0; p < 3; ++p)
        {
            problem.SetCost(t, p, 1.0);
        }
    }
    problem.AddEdge(0, 1, 1.0);
    problem.AddEdge(0, 2, 1.0);
    problem.Pin(3, 2); // D: no dependency, one processor
    problem.Finalize();
    // Orders: A then {B, C} in 2 orders, D in any of 4 places: 8; assignments 3^3 x 1.
    EXPECT_EQ(DnnBruteForceScheduler::CandidateCount(problem), 8.0 * 27.0);
}

// Above either limit Plan() refuses with one line naming the limit, before searching.
TEST(BruteForceTest, RefusesAboveItsLimits)
{
    auto independent = [](uint32_t n, uint32_t m)
    {
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
        for (uint32_t t = 0; t < n; ++t)
        {
            for (uint32_t p = 0; p < m; ++p)
            {
                problem.SetCost(t, p, 1.0 + t + p);
            }
        }
        problem.Finalize();
        return problem;
    };
    const DnnSchedulingProblem many = independent(21, 2);
    try
    {
        BruteForce()->Plan(many);
        ADD_FAILURE() << "no refusal of 21 tasks";
    }
    catch (const DnnInputError& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("MaxTasks (20"), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
    const DnnSchedulingProblem wide = independent(12, 4); // 4^12 x 12! candidates
    try
    {
        BruteForce()->Plan(wide);
        ADD_FAILURE() << "no refusal of 12 independent tasks on 4 processors";
    }
    catch (const DnnInputError& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("MaxCandidates"), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
    // Raised limits let a small instance through; lowered ones refuse it.
    const DnnSchedulingProblem small = independent(4, 2);
    Ptr<DnnScheduler> strict = BruteForce();
    strict->SetAttribute("MaxCandidates", DoubleValue(10.0));
    EXPECT_THROW(strict->Plan(small), DnnInputError);
    strict->SetAttribute("MaxCandidates", DoubleValue(1e8));
    strict->SetAttribute("MaxTasks", UintegerValue(3));
    EXPECT_THROW(strict->Plan(small), DnnInputError);
    strict->SetAttribute("MaxTasks", UintegerValue(4));
    EXPECT_TRUE(ValidateSchedule(small, strict->Plan(small)).empty());
}

// Topcuoglu et al.'s 10-task, 3-processor graph (HEFT 80, CPOP 86 in the paper): 3^10
// assignments x 1680 topological orders, 9.9e7 candidates, just under MaxCandidates. The
// optimum of the decodings is 73; the plain enumeration below (DISABLED_: about 30 s)
// confirms it.
TEST(BruteForceTest, TopcuoglusGraph)
{
    const DnnSchedulingProblem problem = DnnInstanceReader::ReadFile(
        test::SourcePath("test/reference/canonical-graphs.json"), "topcuoglu-2002");
    EXPECT_EQ(DnnBruteForceScheduler::CandidateCount(problem), 59049.0 * 1680.0);
    const DnnSchedule schedule = BruteForce()->Plan(problem);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
    EXPECT_EQ(schedule.Makespan(), 73.0);
}

TEST(BruteForceTest, DISABLED_TopcuoglusGraphByExhaustiveEnumeration)
{
    const DnnSchedulingProblem problem = DnnInstanceReader::ReadFile(
        test::SourcePath("test/reference/canonical-graphs.json"), "topcuoglu-2002");
    EXPECT_EQ(ExhaustiveMakespan(problem), 73.0);
}
