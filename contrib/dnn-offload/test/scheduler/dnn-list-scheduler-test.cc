/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * HEFT, CPOP and PEFT against the published examples (test/reference/canonical-graphs.json):
 * Topcuoglu, Hariri, Wu, IEEE TPDS 13(3) 2002, Fig. 2-3 (HEFT 80 with its schedule and mean
 * upward ranks, CPOP 86); Arabnejad, Barbosa, IEEE TPDS 25(3) 2014 (PEFT 122 with its
 * optimistic cost table and schedule). Plus validity on 200 random DAGs, and HEFT's log.
 */

#include "dnn-random-problem.h"
#include "dnn-test-util.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/log.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

const std::string REFERENCE = "test/reference/canonical-graphs.json";

nlohmann::json
Expected(const std::string& instance)
{
    const nlohmann::json doc = DnnJsonReader::ParseFile(test::SourcePath(REFERENCE));
    for (const auto& item : doc["instances"])
    {
        if (item["name"] == instance)
        {
            return item["expected"];
        }
    }
    throw std::runtime_error("no instance " + instance);
}

/** Check a schedule against the reference's {"P0": [["T1", start, finish], ...], ...}. */
void
ExpectSchedule(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
               const nlohmann::json& expected)
{
    uint32_t listed = 0;
    for (const auto& [processor, entries] : expected.items())
    {
        for (const auto& entry : entries)
        {
            const uint32_t t = problem.FindTask(entry[0].get<std::string>());
            ASSERT_NE(t, DnnSchedulingProblem::NONE) << entry[0];
            EXPECT_EQ(problem.ProcessorName(schedule.Processor(t)), processor) << entry[0];
            EXPECT_DOUBLE_EQ(schedule.Start(t), entry[1].get<double>()) << entry[0];
            EXPECT_DOUBLE_EQ(schedule.Finish(t), entry[2].get<double>()) << entry[0];
            ++listed;
        }
    }
    EXPECT_EQ(listed, problem.TaskCount());
}

TEST(ListSchedulerTest, HeftOnTopcuoglu2002)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    const nlohmann::json expected = Expected("topcuoglu-2002")["heft"];
    const auto ranks = DnnListScheduling::UpwardRanks(problem);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        EXPECT_NEAR(ranks[t], expected["mean_upward_rank"][t].get<double>(), 1e-3) << t;
    }
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 80.0);
    ExpectSchedule(problem, schedule, expected["schedule"]);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

/** Sends std::clog (where ns-3 logs) to a string and enables a log component, both until
 *  destroyed, also when a test fails or throws. */
class ClogCapture
{
  public:
    /** \param component the log component to enable \param level its levels */
    ClogCapture(const char* component, LogLevel level)
        : m_component(component), m_saved(std::clog.rdbuf(m_text.rdbuf()))
    {
        LogComponentEnable(m_component, level);
    }

    ~ClogCapture()
    {
        LogComponentDisable(m_component, LOG_LEVEL_ALL);
        std::clog.rdbuf(m_saved);
    }

    ClogCapture(const ClogCapture&) = delete;
    ClogCapture& operator=(const ClogCapture&) = delete;

    /** \return what was logged so far */
    std::string Text() const { return m_text.str(); }

  private:
    const char* m_component;   //!< the component enabled
    std::ostringstream m_text; //!< what was logged
    std::streambuf* m_saved;   //!< std::clog's own buffer
};

TEST(ListSchedulerTest, HeftLogsTheProblemSizeAndTheMakespan)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    Ptr<DnnScheduler> heft = DnnScheduler::Create("heft");
    std::string text;
    {
        const ClogCapture capture("DnnHeftScheduler", LOG_LEVEL_INFO);
        EXPECT_DOUBLE_EQ(heft->Plan(problem).Makespan(), 80.0);
        text = capture.Text();
    }
    EXPECT_NE(text.find("HEFT on 10 tasks, 3 processors"), std::string::npos) << text;
    EXPECT_NE(text.find("HEFT makespan 80 s"), std::string::npos) << text;
    // Disabled again: nothing more is logged.
    std::ostringstream after;
    std::streambuf* saved = std::clog.rdbuf(after.rdbuf());
    heft->Plan(problem);
    std::clog.rdbuf(saved);
    EXPECT_EQ(after.str(), "");
}

TEST(ListSchedulerTest, CpopOnTopcuoglu2002)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    const DnnSchedule schedule = DnnScheduler::Create("cpop")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), Expected("topcuoglu-2002")["cpop"]["makespan"]);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 86.0);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(ListSchedulerTest, PeftOnArabnejad2014)
{
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "arabnejad-2014");
    const nlohmann::json expected = Expected("arabnejad-2014")["peft"];
    const auto oct = DnnListScheduling::OptimisticCostTable(problem);
    const uint32_t m = problem.ProcessorCount();
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            EXPECT_DOUBLE_EQ(oct[t * m + p], expected["optimistic_cost_table"][t][p].get<double>())
                << "OCT(T" << t << ", P" << p << ")";
        }
    }
    const DnnSchedule schedule = DnnScheduler::Create("peft")->Plan(problem);
    EXPECT_DOUBLE_EQ(schedule.Makespan(), 122.0);
    ExpectSchedule(problem, schedule, expected["schedule"]);
    EXPECT_TRUE(ValidateSchedule(problem, schedule).empty());
}

TEST(ListSchedulerTest, ValidatorReportsEveryViolation)
{
    // HEFT's Topcuoglu schedule, then broken three ways at once.
    const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), "topcuoglu-2002");
    DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    const uint32_t t9 = problem.FindTask("T9");
    const uint32_t t6 = problem.FindTask("T6");
    // T9 on P1 at 60 instead of 73: before T8 (P1, 56-68) finishes and before its inputs.
    schedule.Place(t9, 1, 0, 60, 67);
    // T6 lasting 5 instead of its 11 on P2.
    schedule.Place(t6, 2, 0, 38, 43);
    const auto violations = ValidateSchedule(problem, schedule);
    auto mentions = [&](const std::string& a, const std::string& b)
    {
        for (const auto& v : violations)
        {
            if (v.find(a) != std::string::npos && v.find(b) != std::string::npos)
            {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(mentions("T9", "overlaps T8")) << violations.size();
    EXPECT_TRUE(mentions("T9", "input from T8"));
    EXPECT_TRUE(mentions("T6", "instead of its execution time 11"));
    EXPECT_GE(violations.size(), 3u);
}

TEST(ListSchedulerTest, EverySchedulerIsValidOnThePublishedGraphs)
{
    for (const std::string instance : {"topcuoglu-2002", "arabnejad-2014"})
    {
        const auto problem = DnnInstanceReader::ReadFile(test::SourcePath(REFERENCE), instance);
        for (const auto& name : DnnScheduler::ShortNames())
        {
            DnnSchedule schedule;
            if (!test::PlanUnlessTooLarge(name, problem, schedule))
            {
                continue; // brute-force: small instances only
            }
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty())
                << name << " on " << instance << ": " << violations.front();
        }
    }
}

TEST(ListSchedulerTest, EverySchedulerIsValidOnRandomDags)
{
    std::mt19937_64 rng(20021);
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        for (const auto& name : DnnScheduler::ShortNames())
        {
            DnnSchedule schedule;
            if (!test::PlanUnlessTooLarge(name, problem, schedule))
            {
                continue; // brute-force: small instances only
            }
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty())
                << name << " on random DAG " << i << ": " << violations.front();
        }
    }
}

/** The mean over distinct pairs summed one pair at a time, as the definition reads. */
double
LoopMeanCommTime(const DnnSchedulingProblem& problem, double data)
{
    const uint32_t m = problem.ProcessorCount();
    double sum = 0.0;
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t q = 0; q < m; ++q)
        {
            if (p != q)
            {
                sum += problem.CommTime(data, p, q);
            }
        }
    }
    return m < 2 ? 0.0 : sum / (static_cast<double>(m) * (m - 1));
}

TEST(ListSchedulerTest, MeanCommTimeOfUniformLinksIsTheLoopsSum)
{
    // Uniform links take a shortcut; it must round exactly like the loop, ties included.
    std::mt19937_64 rng(2014);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const uint32_t m : {1u, 2u, 3u, 8u, 20u, 21u, 33u, 64u, 100u})
    {
        for (const auto& [latency, bandwidth] : std::vector<std::pair<double, double>>{
                 {0.0, 1.0}, {1.0, 2.0}, {0.1, 3.0}, {2e-3, 1.25e6}})
        {
            std::vector<std::string> procs;
            for (uint32_t p = 0; p < m; ++p)
            {
                procs.push_back("P" + std::to_string(p));
            }
            DnnSchedulingProblem uniform({"a"}, procs);
            uniform.SetUniformLinks(latency, bandwidth);
            uniform.Finalize();
            DnnSchedulingProblem pairwise({"a"}, procs); // the same links, one at a time
            for (uint32_t p = 0; p < m; ++p)
            {
                for (uint32_t q = 0; q < m; ++q)
                {
                    pairwise.SetLink(p, q, latency, bandwidth);
                }
            }
            pairwise.Finalize();
            for (int i = 0; i < 2000; ++i)
            {
                const double data =
                    i % 4 == 0   ? std::floor(1000 * unit(rng))
                    : i % 4 == 1 ? 1.0 + std::ldexp(static_cast<double>(rng() % 4096), -40)
                    : i % 4 == 2 ? std::ldexp(static_cast<double>(rng() % 4096 | 1), -(i % 50))
                                 : 1e6 * unit(rng);
                const double expected = LoopMeanCommTime(uniform, data);
                ASSERT_EQ(uniform.MeanCommTime(data), expected)
                    << "m=" << m << " data=" << data << " latency=" << latency;
                ASSERT_EQ(pairwise.MeanCommTime(data), expected) << "m=" << m;
            }
        }
    }
}

TEST(ListSchedulerTest, OptimisticCostTableMatchesItsDefinition)
{
    // OCT(t, p) = max over successors s of min over q (W(s, q) finite) of
    // OCT(s, q) + W(s, q) + (q == p ? 0 : mean comm time), straight from Arabnejad 2014.
    std::mt19937_64 rng(1402);
    for (int i = 0; i < 200; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        const uint32_t n = problem.TaskCount();
        const uint32_t m = problem.ProcessorCount();
        std::vector<double> expected(static_cast<std::size_t>(n) * m, 0.0);
        const auto& order = problem.TopologicalOrder();
        for (auto it = order.rbegin(); it != order.rend(); ++it)
        {
            for (uint32_t p = 0; p < m; ++p)
            {
                double worst = 0.0;
                for (auto a = problem.SuccBegin(*it); a != problem.SuccEnd(*it); ++a)
                {
                    double best = DnnSchedulingProblem::INF;
                    for (uint32_t q = 0; q < m; ++q)
                    {
                        const double w = problem.Cost(a->task, q);
                        if (std::isfinite(w))
                        {
                            best =
                                std::min(best, expected[a->task * m + q] + w +
                                                   (q == p ? 0.0 : problem.MeanCommTime(a->data)));
                        }
                    }
                    worst = std::max(worst, best);
                }
                expected[*it * m + p] = worst;
            }
        }
        const auto oct = DnnListScheduling::OptimisticCostTable(problem);
        for (std::size_t k = 0; k < expected.size(); ++k)
        {
            ASSERT_EQ(oct[k], expected[k]) << "random DAG " << i << ", entry " << k;
        }
    }
}

TEST(ListSchedulerTest, TimelineInsertsIntoTheEarliestGapOfAnyCore)
{
    // One processor with two cores. Core 0 busy 0-10 and 20-30, core 1 busy 0-25.
    DnnSchedulingProblem problem({"a"}, {"P0", "P1"});
    problem.SetCores(0, 2);
    problem.Finalize();
    DnnProcessorTimeline timeline(problem);
    timeline.Occupy(0, 0, 20, 30, 0);
    timeline.Occupy(0, 0, 0, 10, 0);
    timeline.Occupy(0, 1, 0, 25, 0);
    uint32_t core = 9;
    EXPECT_EQ(timeline.EarliestStart(0, 5, 8, core), 10); // the gap 10-20 of core 0
    EXPECT_EQ(core, 0u);
    EXPECT_EQ(timeline.EarliestStart(0, 12, 8, core), 12); // still in it, from `ready`
    EXPECT_EQ(core, 0u);
    EXPECT_EQ(timeline.EarliestStart(0, 12, 8.5, core), 25); // too late for it: core 1
    EXPECT_EQ(core, 1u);
    EXPECT_EQ(timeline.EarliestStart(0, 5, 10, core), 10); // exactly fills it
    EXPECT_EQ(core, 0u);
    EXPECT_EQ(timeline.EarliestStart(0, 5, 12, core), 25); // core 1 frees first
    EXPECT_EQ(core, 1u);
    EXPECT_EQ(timeline.EarliestStart(0, 40, 1, core), 40); // both idle: the first core
    EXPECT_EQ(core, 0u);
    EXPECT_EQ(timeline.EarliestStart(1, 3, 100, core), 3); // the other processor is idle
    EXPECT_EQ(core, 0u);
    timeline.Occupy(0, 0, 10, 20, 0); // fill the gap: core 0 busy 0-30
    EXPECT_EQ(timeline.EarliestStart(0, 5, 1, core), 25);
    EXPECT_EQ(core, 1u);
}

/**
 * Two processors: P0 fast (1 s a task) with capacity 5, P1 slow (10 s a task) and unlimited;
 * tasks A -> B (no data), 5 bytes each, in one memory group when \p shared, and C, 5 bytes
 * in no group, independent.
 */
DnnSchedulingProblem
SharedMemoryProblem(bool shared)
{
    DnnSchedulingProblem problem({"A", "B", "C"}, {"P0", "P1"});
    for (uint32_t t = 0; t < 3; ++t)
    {
        problem.SetCost(t, 0, 1.0);
        problem.SetCost(t, 1, 10.0);
        problem.SetMemory(t, 5.0);
    }
    if (shared)
    {
        problem.SetMemoryGroup(0, 42);
        problem.SetMemoryGroup(1, 42);
    }
    problem.AddEdge(0, 1, 0.0);
    problem.SetCapacity(0, 5.0);
    problem.Finalize();
    return problem;
}

TEST(ListSchedulerTest, MemoryGroupsAreNumberedAndChecked)
{
    const DnnSchedulingProblem shared = SharedMemoryProblem(true);
    EXPECT_TRUE(shared.SharesMemory());
    EXPECT_EQ(shared.MemoryGroupCount(), 2u); // {A, B} and {C}
    EXPECT_EQ(shared.MemoryGroup(0), 0u);
    EXPECT_EQ(shared.MemoryGroup(1), 0u);
    EXPECT_EQ(shared.MemoryGroup(2), 1u);
    EXPECT_EQ(shared.GroupMemory(0), 5.0);
    const DnnSchedulingProblem alone = SharedMemoryProblem(false);
    EXPECT_FALSE(alone.SharesMemory());
    EXPECT_EQ(alone.MemoryGroupCount(), 3u);
    EXPECT_EQ(alone.MemoryGroup(2), 2u);

    // Tasks of one group must need the same memory.
    DnnSchedulingProblem unequal({"A", "B"}, {"P0"});
    unequal.SetMemory(0, 5.0);
    unequal.SetMemory(1, 6.0);
    unequal.SetMemoryGroup(0, 3);
    unequal.SetMemoryGroup(1, 3);
    EXPECT_TRUE(test::ThrowsInputError([&] { unequal.Finalize(); }, "",
                                       "tasks \"A\" and \"B\" share memory group 3 but need "
                                       "different memory (5 and 6 bytes)",
                                       ""));
    DnnSchedulingProblem none({"A"}, {"P0"});
    EXPECT_THROW(none.SetMemoryGroup(0, DnnSchedulingProblem::NONE), std::invalid_argument);
}

TEST(ListSchedulerTest, TimelineHoldsAMemoryGroupOncePerProcessor)
{
    for (const bool shared : {true, false})
    {
        const DnnSchedulingProblem problem = SharedMemoryProblem(shared);
        DnnProcessorTimeline timeline(problem);
        EXPECT_TRUE(timeline.Fits(0, 0)); // 0 + 5 <= 5
        timeline.Occupy(0, 0, 0, 1, 0);
        // B: nothing more when A's group is there (5 + 0 <= 5), else 5 + 5 > 5.
        EXPECT_EQ(timeline.Fits(0, 1), shared) << shared;
        EXPECT_FALSE(timeline.Fits(0, 2)); // C is alone: 5 + 5 > 5
        EXPECT_TRUE(timeline.Fits(1, 1));  // P1 is unlimited
        if (shared)
        {
            timeline.Occupy(0, 0, 1, 2, 1);
            EXPECT_FALSE(timeline.Fits(0, 2)); // still 5 used: B added nothing
            EXPECT_TRUE(timeline.Fits(0, 1));
        }
    }
}

TEST(ListSchedulerTest, ListSchedulersShareAGroupsMemory)
{
    // A, B, C in this order (HEFT's ranks 11, 5.5, 5.5; CPOP's critical path A -> B, which
    // tries B on A's P0 first; PEFT's OCT 1, 0, 0). A on the fast P0, whose capacity is one
    // group's 5 bytes; B joins it when they share their memory (1-2), else goes to the slow
    // P1 (1-11). C goes to P1 as P0 is full: at 0-10 when B is not there, else after B.
    for (const std::string name : {"heft", "cpop", "peft"})
    {
        for (const bool shared : {true, false})
        {
            const DnnSchedulingProblem problem = SharedMemoryProblem(shared);
            const DnnSchedule schedule = DnnScheduler::Create(name)->Plan(problem);
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty()) << name << ": " << violations.front();
            EXPECT_EQ(schedule.Processor(0), 0u) << name;
            EXPECT_EQ(schedule.Processor(1), shared ? 0u : 1u) << name << " " << shared;
            EXPECT_EQ(schedule.Processor(2), 1u) << name;
            EXPECT_EQ(schedule.Finish(1), shared ? 2.0 : 11.0) << name;
            EXPECT_EQ(schedule.Makespan(), shared ? 10.0 : 21.0) << name;
        }
    }
}

TEST(ListSchedulerTest, ValidatorCountsAMemoryGroupOncePerProcessor)
{
    // A and B on P0 (capacity 5), C on P1: one group's 5 bytes on P0 when A and B share it,
    // 10 bytes when they do not.
    for (const bool shared : {true, false})
    {
        const DnnSchedulingProblem problem = SharedMemoryProblem(shared);
        DnnSchedule schedule(3);
        schedule.Place(0, 0, 0, 0, 1);
        schedule.Place(1, 0, 0, 1, 2);
        schedule.Place(2, 1, 0, 0, 10);
        const auto violations = ValidateSchedule(problem, schedule);
        if (shared)
        {
            EXPECT_TRUE(violations.empty()) << violations.front();
        }
        else
        {
            ASSERT_EQ(violations.size(), 1u);
            EXPECT_EQ(violations[0], "P0 holds 10 bytes of task memory, more than its capacity 5");
        }
        // C joining A and B on P0: 5 + 5 = 10 bytes when shared, 15 when not.
        schedule.Place(2, 0, 0, 2, 3);
        const auto full = ValidateSchedule(problem, schedule);
        ASSERT_EQ(full.size(), 1u);
        EXPECT_EQ(full[0], std::string("P0 holds ") + (shared ? "10" : "15") +
                               " bytes of task memory, more than its capacity 5");
    }
}

/** Earliest start on one core's busy intervals (sorted by start): a binary search for the
 *  first that ends after `ready`, then a scan for a gap, for reference. */
double
ScanEarliestStart(const std::vector<std::pair<double, double>>& busy, double ready, double duration)
{
    auto it = std::lower_bound(busy.begin(), busy.end(), ready,
                               [](const std::pair<double, double>& iv, double t)
                               { return iv.second <= t; });
    double candidate = ready;
    for (; it != busy.end() && candidate + duration > it->first; ++it)
    {
        candidate = std::max(candidate, it->second);
    }
    return candidate;
}

TEST(ListSchedulerTest, TimelineMatchesAPlainScan)
{
    // Thousands of insertions on multi-core processors (the timeline skips gaps with a
    // max-tree), with integer and fractional times, zero durations, ties, and cores made
    // to overlap on purpose (then it scans): each answer must be the plain scan's.
    std::mt19937_64 rng(2002);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int round = 0; round < 40; ++round)
    {
        const uint32_t m = 1 + static_cast<uint32_t>(rng() % 3);
        std::vector<std::string> procs;
        for (uint32_t p = 0; p < m; ++p)
        {
            procs.push_back("P" + std::to_string(p));
        }
        DnnSchedulingProblem problem({"a"}, procs);
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetCores(p, 1 + static_cast<uint32_t>(rng() % 3));
        }
        problem.Finalize();
        DnnProcessorTimeline timeline(problem);
        std::vector<std::vector<std::vector<std::pair<double, double>>>> busy(m);
        for (uint32_t p = 0; p < m; ++p)
        {
            busy[p].resize(problem.Cores(p));
        }
        const bool integral = round % 2 == 0;
        const bool overlapping = round % 5 == 4;
        double horizon = 0.0;
        for (int i = 0; i < 1500; ++i)
        {
            const auto p = static_cast<uint32_t>(rng() % m);
            double ready = unit(rng) * (horizon + 10);
            double duration = rng() % 10 == 0 ? 0.0 : 0.1 + 10 * unit(rng) * unit(rng);
            if (integral)
            {
                ready = std::floor(ready);
                duration = std::floor(duration);
            }
            double expected = DnnSchedulingProblem::INF;
            uint32_t expectedCore = 0;
            for (uint32_t c = 0; c < busy[p].size(); ++c)
            {
                const double start = ScanEarliestStart(busy[p][c], ready, duration);
                if (start < expected)
                {
                    expected = start;
                    expectedCore = c;
                }
            }
            uint32_t core = 99;
            const double start = timeline.EarliestStart(p, ready, duration, core);
            ASSERT_EQ(start, expected) << "round " << round << ", step " << i;
            ASSERT_EQ(core, expectedCore) << "round " << round << ", step " << i;
            double placed = start;
            if (overlapping && rng() % 50 == 0)
            {
                placed = ready; // ignore the answer: overlaps
            }
            auto& list = busy[p][core];
            list.insert(std::upper_bound(list.begin(), list.end(),
                                         std::make_pair(placed, placed + duration)),
                        {placed, placed + duration});
            timeline.Occupy(p, core, placed, placed + duration, 0);
            horizon = std::max(horizon, placed + duration);
        }
    }
}

TEST(ListSchedulerTest, UnknownSchedulerNameSuggestsOne)
{
    try
    {
        DnnScheduler::Create("hefy");
        FAIL() << "accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("did you mean \"heft\""), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(DnnScheduler::Create("ns3::PeftScheduler")->GetInstanceTypeId().GetName(),
              "ns3::DnnPeftScheduler");
}

TEST(ListSchedulerTest, EveryShortNameIsADnnTypeId)
{
    const std::vector<std::string> names = DnnScheduler::ShortNames();
    EXPECT_EQ(names.size(), 29U); // 11 + 9 classic + 8 of SAGA's list heuristics + brute-force
    for (const auto& name : names)
    {
        const std::string typeName = DnnScheduler::Create(name)->GetInstanceTypeId().GetName();
        EXPECT_EQ(typeName.rfind("ns3::Dnn", 0), 0U) << name << " -> " << typeName;
        EXPECT_EQ(DnnScheduler::Create(typeName)->GetInstanceTypeId().GetName(), typeName);
    }
}

TEST(ListSchedulerTest, OldTypeIdNamesAreAliases)
{
    // The TypeId names from before the Dnn prefix: each creates the renamed type.
    const std::vector<std::pair<std::string, std::string>> renamed = {
        {"ns3::HeftScheduler", "ns3::DnnHeftScheduler"},
        {"ns3::CpopScheduler", "ns3::DnnCpopScheduler"},
        {"ns3::PeftScheduler", "ns3::DnnPeftScheduler"},
        {"ns3::GaScheduler", "ns3::DnnGaScheduler"},
        {"ns3::PsoGaScheduler", "ns3::DnnPsoGaScheduler"},
        {"ns3::MemeticPsoGaScheduler", "ns3::DnnMemeticPsoGaScheduler"},
        {"ns3::GreedyScheduler", "ns3::DnnGreedyScheduler"},
        {"ns3::LocalScheduler", "ns3::DnnLocalScheduler"},
        {"ns3::EdgeScheduler", "ns3::DnnEdgeScheduler"},
        {"ns3::CloudScheduler", "ns3::DnnCloudScheduler"},
        {"ns3::RandomScheduler", "ns3::DnnRandomScheduler"},
    };
    for (const auto& [oldName, newName] : renamed)
    {
        EXPECT_EQ(DnnScheduler::CanonicalTypeName(oldName), newName);
        EXPECT_EQ(DnnScheduler::CanonicalTypeName(newName), newName);
        EXPECT_EQ(DnnScheduler::Create(oldName)->GetInstanceTypeId().GetName(), newName);
        EXPECT_EQ(DnnScheduler::Create(oldName)->GetInstanceTypeId(),
                  DnnScheduler::Create(newName)->GetInstanceTypeId());
        // The old names are not registered TypeIds: the alias table is the only way in.
        TypeId tid;
        EXPECT_FALSE(TypeId::LookupByNameFailSafe(oldName, &tid)) << oldName;
    }
    // Any other name is left alone: short names, ns-3 core's event schedulers, typos.
    for (const char* other :
         {"heft", "ns3::ListScheduler", "ns3::MapScheduler", "ns3::HeftSchedulr", ""})
    {
        EXPECT_EQ(DnnScheduler::CanonicalTypeName(other), other);
    }
    EXPECT_THROW(DnnScheduler::Create("ns3::ListScheduler"), std::invalid_argument);
    try
    {
        DnnScheduler::Create("ns3::HeftSchedulr");
        FAIL() << "accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("unknown scheduler \"ns3::HeftSchedulr\""),
                  std::string::npos)
            << e.what();
    }
}

} // namespace
