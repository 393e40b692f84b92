/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * BIL, DPS, FCP, FLB, GDL, HBMCT, MSBC and WBA against SAGA, the reference implementation
 * (github.com/ANRGUSC/saga at f67156418baf1f7a9b52409ec60ff9b32fb38503, its makespans on our
 * 30 instances in test/reference/saga-makespans.json, see test/reference/README.md); a
 * hand-derived case per scheduler; validity with pins, releases, cores and the shared
 * network model.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string SAGA = "test/reference/saga-makespans.json";

/** One of our schedulers, set up to be compared with one of SAGA's. */
struct SagaCase
{
    std::string name;    //!< our short name
    bool sagaCompatible; //!< set the SagaCompatible attribute
    std::vector<std::pair<std::string, std::string>> attributes; //!< more attributes (uint)
    std::string sagaKey; //!< SAGA's scheduler in the reference file
};

/** SAGA's makespan to match: with ties in file order where the file has it. */
double
SagaMakespan(const nlohmann::json& result)
{
    if (result.contains("file_order") && result["file_order"].contains("makespan"))
    {
        return result["file_order"]["makespan"].get<double>();
    }
    return result["makespan"].get<double>();
}

/** The comparison of one case over the 30 instances. */
struct Comparison
{
    std::set<std::string> differing; //!< instances whose makespans differ (relative 1e-9)
    double ours{0.0};                //!< sum of our makespans
    double theirs{0.0};              //!< sum of SAGA's
};

/** Compare a scheduler's makespans with SAGA's on the reference instances.
 *  \param c the case \return the instances that differ and the sums */
Comparison
Compare(const SagaCase& c)
{
    const nlohmann::json doc = DnnJsonReader::ParseFile(test::SourcePath(SAGA));
    Comparison out;
    for (const auto& instance : doc["instances"])
    {
        const std::string name = instance["name"];
        const auto problem = DnnInstanceReader::ReadFile(
            test::SourcePath("test/reference/" + instance["file"].get<std::string>()));
        Ptr<DnnScheduler> scheduler = DnnScheduler::Create(c.name);
        if (c.sagaCompatible)
        {
            scheduler->SetAttribute("SagaCompatible", BooleanValue(true));
        }
        for (const auto& [key, value] : c.attributes)
        {
            scheduler->SetAttribute(key, UintegerValue(std::stoul(value)));
        }
        const DnnSchedule schedule = scheduler->Plan(problem);
        EXPECT_TRUE(ValidateSchedule(problem, schedule).empty()) << c.name << " " << name;
        const double ours = schedule.Makespan();
        const double theirs = SagaMakespan(instance["results"][c.sagaKey]);
        if (std::fabs(ours - theirs) > 1e-9 * std::fabs(theirs))
        {
            out.differing.insert(name);
        }
        out.ours += ours;
        out.theirs += theirs;
    }
    std::cout << c.name << (c.sagaCompatible ? " (SagaCompatible)" : "") << " vs SAGA " << c.sagaKey
              << ": " << out.differing.size() << " of 30 differ, sum " << out.ours << " vs "
              << out.theirs << "\n";
    return out;
}

/** The set of instance names saga-NN for the given numbers. */
std::set<std::string>
Instances(const std::vector<int>& numbers)
{
    std::set<std::string> names;
    for (int k : numbers)
    {
        names.insert(std::string("saga-") + (k < 10 ? "0" : "") + std::to_string(k));
    }
    return names;
}

} // namespace

// With SagaCompatible (where the scheduler has it), BIL, DPS, FLB (SAGA's heap artefacts
// included), GDL (both levels) and MSBC give
// SAGA's makespan on all 30 instances (MSBC on saga-26, whose integer costs tie priorities,
// against SAGA's run with ties in file order, as everywhere the file has one).
TEST(SagaHeuristicsTest, SagaVariantsMatchSagaOnEveryInstance)
{
    for (const SagaCase& c : std::vector<SagaCase>{
             {"bil", true, {}, "BIL"},
             {"dps", true, {}, "DPS"},
             {"flb", true, {}, "FLB"},
             {"gdl", true, {}, "GDL"},
             {"gdl", true, {{"DynamicLevel", "1"}}, "GDL-level1"},
             {"msbc", false, {}, "MSBC"},
         })
    {
        EXPECT_EQ(Compare(c).differing, std::set<std::string>{}) << c.name << " " << c.sagaKey;
    }
}

// The papers' variants differ from SAGA where SAGA departs from the paper.
TEST(SagaHeuristicsTest, PaperVariantsDifferWhereSagaDeparts)
{
    // GDL maximises dynamic levels (Sih and Lee); SAGA minimises them, which gives its worst
    // schedules: the paper's variant is shorter in total, by far.
    const Comparison gdl = Compare({"gdl", false, {}, "GDL"});
    EXPECT_LT(gdl.ours, 0.6 * gdl.theirs);
    // DPS: the mean communication time instead of the raw data size changes one instance.
    EXPECT_EQ(Compare({"dps", false, {}, "DPS"}).differing, Instances({22}));
    // BIL with the paper's BIM (earliest start + level) and revision term: another plan on
    // almost every instance, shorter in total.
    const Comparison bil = Compare({"bil", false, {}, "BIL"});
    EXPECT_LT(bil.ours, bil.theirs);
}

// FCP, FLB and HBMCT: priorities or orders SAGA derives from quantities this problem does not
// keep (FCP: costs over the mean node speed, twice), or SAGA artefacts not reproduced
// (HBMCT: a mean of node names, no move to node 0, SAGA's own HEFT order); FLB's paper
// variant (clean lists, the mean communication time) differs where SAGA's heaps or means
// change a choice. The instances where makespans differ are recorded here, so that a change is
// seen; the others agree exactly.
TEST(SagaHeuristicsTest, FcpFlbAndHbmctDifferWhereRecorded)
{
    EXPECT_EQ(Compare({"fcp", false, {}, "FCP"}).differing, Instances({20, 22}));
    EXPECT_EQ(Compare({"fcp", true, {}, "FCP"}).differing, Instances({16, 20, 22}));
    EXPECT_EQ(Compare({"flb", false, {}, "FLB"}).differing,
              Instances({3, 9, 11, 16, 19, 20, 22, 23, 25, 27, 28, 30}));
    EXPECT_EQ(Compare({"hbmct", false, {}, "HbMCT-nodes-from-1"}).differing,
              Instances({9, 11, 16, 19, 22, 23, 25, 26, 28, 29}));
}

namespace
{

/**
 * The hand-derived cases' graph: a diamond A -> {B, C} -> D on two processors, every edge
 * carrying 1 unit over links of bandwidth 1 (so 1 s between processors, 0 on one), costs
 * (P0, P1): A (2, 4), B (3, 3), C (4, 2), D (2, 2). Means: A 3, B 3, C 3, D 2; the mean
 * communication time of an edge is 1; HEFT's upward ranks are D 2, B 6, C 6, A 10.
 */
DnnSchedulingProblem
Diamond()
{
    DnnSchedulingProblem problem({"A", "B", "C", "D"}, {"P0", "P1"});
    const double cost[4][2] = {{2, 4}, {3, 3}, {4, 2}, {2, 2}};
    for (uint32_t t = 0; t < 4; ++t)
    {
        for (uint32_t p = 0; p < 2; ++p)
        {
            problem.SetCost(t, p, cost[t][p]);
        }
    }
    problem.AddEdge(0, 1, 1.0);
    problem.AddEdge(0, 2, 1.0);
    problem.AddEdge(1, 3, 1.0);
    problem.AddEdge(2, 3, 1.0);
    problem.SetUniformLinks(0.0, 1.0);
    problem.Finalize();
    return problem;
}

/** Expect each task's processor and start: {processor, start} for A, B, C, D. */
void
ExpectPlan(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
           const std::vector<std::pair<uint32_t, double>>& expected, const std::string& what)
{
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty()) << what;
    for (uint32_t t = 0; t < expected.size(); ++t)
    {
        EXPECT_EQ(schedule.Processor(t), expected[t].first) << what << " task " << t;
        EXPECT_DOUBLE_EQ(schedule.Start(t), expected[t].second) << what << " task " << t;
    }
}

/** A scheduler by short name with SagaCompatible set. */
Ptr<DnnScheduler>
Saga(const std::string& name)
{
    Ptr<DnnScheduler> s = DnnScheduler::Create(name);
    s->SetAttribute("SagaCompatible", BooleanValue(true));
    return s;
}

} // namespace

// BIL levels: BIL(D, *) = 2; BIL(B, *) = 3 + min(2, 2 + 1) = 5; BIL(C) = (4 + 2, 2 + 2) =
// (6, 4); BIL(A, P0) = 2 + max(min(5, 5 + 1), min(6, 4 + 1)) = 7, BIL(A, P1) = 4 + max(5,
// min(4, 6 + 1)) = 9. A: BIM (7, 9) -> P0 [0, 2]. Ready B, C (k = 2 = m: no revision):
// B's BIM = start + BIL = (2 + 5, 3 + 5) = (7, 8), C's = (2 + 6, 3 + 4) = (8, 7): sorted
// both (8, 7), tied at every rank -> B (lower index), least BIM P0 [2, 5]. C: (5 + 6, 3 + 4)
// -> P1 [3, 5]. D: data at 6 on both, BIM (8, 8) -> P0 [6, 8].
// SAGA's BIM = processor free + BIL: B (2 + 5, 0 + 5), C (2 + 6, 0 + 4): C's largest 8 wins,
// P1 (4 < 8) at its data 3; then B: (7, 5 + 5) -> P0 [2, 5]; D -> P0 [6, 8]: the same plan
// in another order.
TEST(SagaHeuristicsTest, BilOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("bil")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "bil");
    ExpectPlan(problem, Saga("bil")->Plan(problem), {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "bil saga");
}

// DPS: TL/BL with mean times (A 3, B 3, C 3, D 2; edges 1): prio A 8 - 0, B = C = 4 - 4 = 0,
// D = 0 - 8. A: earliest finish P0 [0, 2]. With A fixed on P0 (2): B = C = 4 - 3 = 1: B
// first (list order): finish (5, 6) -> P0 [2, 5]. C: P0 is busy to 5 -> (9, 5) -> P1 [3, 5].
// D: data at 6 on both, finish 8 both -> P0 [6, 8]. SAGA's raw sizes are 1 = the mean
// communication time here: the same plan.
TEST(SagaHeuristicsTest, DpsOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("dps")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "dps");
    ExpectPlan(problem, Saga("dps")->Plan(problem), {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "dps saga");
}

// FCP (queue of 2): ranks A 10, B = C = 6, D 2. A on the first idle P0 [0, 2]. B (lower
// index): idle P1 starts it at 3, its enabling P0 at 2 -> P0 [2, 5]. C: idle P1 at 3, P0 at
// 5 -> P1 [3, 5]. D: idle P0 (both free at 5, first), enabling P0 (B's and C's messages
// both arrive at 6; the first) -> P0 [6, 8].
TEST(SagaHeuristicsTest, FcpOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("fcp")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "fcp");
}

// FLB: A (source, non-EP) on the first free P0 [0, 2]. B and C: EP P0, last message 3 >= P0
// free at 2: EP tasks of P0, data there at 2; B (lower index) starts at 2 -> P0 [2, 5]. Now
// C's last message (3) is before P0 is free (5): a non-EP task, on the first free P1 at 3
// [3, 5]. D: EP P0 (B's message, the first of two at 6), 6 >= 5: EP task, P0 [6, 8].
TEST(SagaHeuristicsTest, FlbOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("flb")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "flb");
}

// GDL (paper, level 2): medians A 3, B 3, C 3, D 2; SL D 2, B = C 5, A 8. A: DL = 8 - 0 +
// (3 - 2) = 9 on P0, 8 + (3 - 4) = 7 on P1 (DC = 3 - min(3, 1 + 3) = 0) -> P0 [0, 2]. B: DL
// (5 - 2, 5 - 3) = (3, 2), generalized 3 + 1 = 4; C: (5 - 2 - 1, 5 - 3 + 1) = (2, 3), also
// 4: B first (lower index) on P0 [2, 5]; C: (5 - 5 - 1, 3) -> P1 [3, 5]; D: -4 on both -> P0
// [6, 8].
// SAGA (minimising, global median 2.5, raw sizes in SL: D 2, B = C 3 + 2 + 1 = 6, A 3 + 6 +
// 1 = 10): A: DL (10 + 0.5, 10 - 1.5) = (10.5, 8.5) -> P1 [0, 4]. B: (6 - 5 - 0.5, 6 - 4 -
// 0.5) = (0.5, 1.5), level 0.5 + 0.5 - 1.5 = -0.5; C: (6 - 5 - 1.5, 6 - 4 + 0.5) = (-0.5,
// 2.5), level -3.5: C (least) on P0 [5, 9]; B: (6 - 9 - 0.5, 1.5) -> P0 [9, 12]; D: (2 - 12
// + 0.5, 2 - 13 + 0.5) -> P1 [13, 15]. Makespan 15 against the paper's 8.
TEST(SagaHeuristicsTest, GdlOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("gdl")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "gdl");
    const DnnSchedule saga = Saga("gdl")->Plan(problem);
    ExpectPlan(problem, saga, {{1, 0}, {0, 9}, {0, 5}, {1, 13}}, "gdl saga");
    EXPECT_DOUBLE_EQ(saga.Makespan(), 15.0);
}

// HBMCT: HEFT's order A, B, C, D; groups {A}, {B, C} (both need A), {D}. A on its fastest
// P0 [0, 2]. B's fastest: P0 (3 = 3, first), C's P1: P0 ends at 5, P1 at max(0, 3) + 2 = 5;
// the last (P0, first of the two) without B would end at 2 < 5, but B on P1 after C ends at
// 8: no move. D: P0 (2 = 2, first) at its data, 6.
TEST(SagaHeuristicsTest, HbmctOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("hbmct")->Plan(problem),
               {{0, 0}, {0, 2}, {1, 3}, {0, 6}}, "hbmct");
}

// MSBC: SBCT/fav: A 2 on P0; B min(2 + 3, 2 + 1 + 3) = 5 on P0; C min(2 + 4, 3 + 2) = 5 on
// P1; D max(5, 5 + 1) + 2 = 8 on P0 (P1 ties at 8). SBL: B = C = 3, D 6. ST: B 2, C 2 + 1 =
// 3, D max(2 + 3 + 0, 3 + 2 + 1) = 6. Priorities B 10, C 11. Processors tie on speed: P0
// first. A: starts at 0 on both -> P0 [0, 2]. C (11): earliest start P0 2 (P1 3) -> P0 [2,
// 6]. B: P0 at 6, P1 at 3 -> P1 [3, 6]. D: 7 on both -> P0 [7, 9].
TEST(SagaHeuristicsTest, MsbcOnADiamond)
{
    const auto problem = Diamond();
    ExpectPlan(problem, DnnScheduler::Create("msbc")->Plan(problem),
               {{0, 0}, {1, 3}, {0, 2}, {0, 7}}, "msbc");
}

// WBA with Alpha 0: A: increases (2, 4) -> P0 [0, 2]. Batch B, C: (B, P0) and (C, P1) both
// add 3 (to 5); either first, the other then adds 0 there -> B P0 [2, 5], C P1 [3, 5]. D:
// finishes at 8 on both (a random pick): makespan 8 for every seed.
TEST(SagaHeuristicsTest, WbaOnADiamond)
{
    const auto problem = Diamond();
    for (uint32_t seed = 1; seed <= 6; ++seed)
    {
        Ptr<DnnScheduler> wba = DnnScheduler::Create("wba");
        wba->SetAttribute("Alpha", DoubleValue(0.0));
        wba->SetAttribute("Seed", UintegerValue(seed));
        const DnnSchedule s = wba->Plan(problem);
        EXPECT_TRUE(ValidateSchedule(problem, s).empty());
        EXPECT_DOUBLE_EQ(s.Makespan(), 8.0) << seed;
        EXPECT_EQ(s.Processor(1), 0u);
        EXPECT_EQ(s.Processor(2), 1u);
    }
}

// WBA is random but deterministic for a seed; SagaCompatible variants are valid too.
TEST(SagaHeuristicsTest, SeedsReproduceAndSagaVariantsAreValidOnRandomDags)
{
    std::mt19937_64 rng(17017);
    for (int i = 0; i < 200; ++i)
    {
        DnnSchedulingProblem problem = test::RandomProblem(rng);
        if (i % 2)
        {
            problem.SetNetworkModel(DnnNetworkModel::Shared);
        }
        for (const std::string name : {"bil", "dps", "fcp", "flb", "gdl"})
        {
            const DnnSchedule s = Saga(name)->Plan(problem);
            const auto violations = ValidateSchedule(problem, s);
            EXPECT_TRUE(violations.empty()) << name << " on " << i << ": " << violations.front();
        }
        Ptr<DnnScheduler> a = DnnScheduler::Create("wba");
        Ptr<DnnScheduler> b = DnnScheduler::Create("wba");
        a->SetAttribute("Seed", UintegerValue(i + 1));
        b->SetAttribute("Seed", UintegerValue(i + 1));
        const DnnSchedule sa = a->Plan(problem);
        const DnnSchedule sb = b->Plan(problem);
        EXPECT_TRUE(ValidateSchedule(problem, sa).empty()) << i;
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            EXPECT_EQ(sa.Processor(t), sb.Processor(t));
            EXPECT_EQ(sa.Start(t), sb.Start(t));
        }
    }
}
