/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-random-problem.h"
#include "dnn-seed-setting.h"
#include "dnn-test-util.h"
#include "ns3/dnn-gene-encoding.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-metaheuristic-scheduler.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/enum.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

namespace
{

using namespace ns3;

const std::vector<std::string> SEARCHERS = {"ga", "psoga", "memetic-psoga"};

Ptr<DnnScheduler>
Make(const std::string& name, uint32_t seed)
{
    Ptr<DnnScheduler> scheduler = DnnScheduler::Create(name);
    scheduler->SetAttribute("Seed", UintegerValue(seed));
    return scheduler;
}

/** Compute plus transmit energy of a schedule's assignment (the evaluator's definition). */
double
Energy(const DnnSchedulingProblem& problem, const DnnSchedule& schedule)
{
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        assignment[t] = schedule.Processor(t);
    }
    DnnScheduleEvaluator evaluator(problem);
    return evaluator.Evaluate(assignment.data(), problem.TopologicalOrder().data()).energy;
}

TEST(MetaheuristicTest, SameSeedSamePlan)
{
    const DnnSchedulingProblem problem = test::SeedProblem(6, 3, "piecewise:3");
    for (const auto& name : SEARCHERS)
    {
        const DnnSchedule a = Make(name, 7)->Plan(problem);
        const DnnSchedule b = Make(name, 7)->Plan(problem);
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            ASSERT_EQ(a.Processor(t), b.Processor(t)) << name << " " << problem.TaskName(t);
            ASSERT_EQ(a.Start(t), b.Start(t)) << name << " " << problem.TaskName(t);
        }
    }
}

TEST(MetaheuristicTest, NeverWorseThanHeftAndValidOnRandomDags)
{
    std::mt19937_64 rng(2014);
    for (int i = 0; i < 40; ++i)
    {
        const DnnSchedulingProblem problem = test::RandomProblem(rng);
        const double heft = DnnScheduler::Create("heft")->Plan(problem).Makespan();
        for (const auto& name : SEARCHERS)
        {
            const DnnSchedule schedule = Make(name, static_cast<uint32_t>(i))->Plan(problem);
            EXPECT_LE(schedule.Makespan(), heft + 1e-9) << name << " on random DAG " << i;
            const auto violations = ValidateSchedule(problem, schedule);
            EXPECT_TRUE(violations.empty()) << name << " " << i << ": " << violations.front();
        }
    }
}

TEST(MetaheuristicTest, NeverWorseThanThePublishedListSchedules)
{
    const std::string reference = "test/reference/canonical-graphs.json";
    const auto topcuoglu =
        DnnInstanceReader::ReadFile(test::SourcePath(reference), "topcuoglu-2002");
    const auto arabnejad =
        DnnInstanceReader::ReadFile(test::SourcePath(reference), "arabnejad-2014");
    for (const auto& name : SEARCHERS)
    {
        // Topcuoglu et al. 2002, Fig. 2: HEFT 80; Arabnejad & Barbosa 2014, Fig. 3: PEFT 122.
        EXPECT_LE(Make(name, 1)->Plan(topcuoglu).Makespan(), 80.0) << name;
        EXPECT_LE(Make(name, 1)->Plan(arabnejad).Makespan(), 122.0) << name;
    }
}

TEST(MetaheuristicTest, EnergyObjectiveSavesEnergy)
{
    const DnnSchedulingProblem problem = test::SeedProblem(3, 3, "layerwise");
    const DnnSchedule heft = DnnScheduler::Create("heft")->Plan(problem);
    Ptr<DnnScheduler> saver = Make("psoga", 1);
    saver->SetAttribute("Objective", EnumValue(OBJECTIVE_ENERGY));
    const DnnSchedule green = saver->Plan(problem);
    EXPECT_TRUE(ValidateSchedule(problem, green).empty());
    // Running everything on the 10 W Raspberry Pis costs less than HEFT's use of the 200 W
    // edge server: the energy objective must find a cheaper plan, and pay in makespan.
    EXPECT_LT(Energy(problem, green), 0.9 * Energy(problem, heft));
    EXPECT_GT(green.Makespan(), heft.Makespan());
}

/**
 * The seed's headline, direction only (shared/reference/seed-system.md): on its setting
 * (9 requests, AlexNet / GoogLeNet / ResNet-50 round robin, piece-wise with 3 strips) the
 * memetic PSO-GA is at least as good as plain PSO-GA on average over 5 seeds.
 */
class SeedSettingTest : public ::testing::TestWithParam<uint32_t>
{
};

TEST_P(SeedSettingTest, MemeticIsAtLeastAsGoodAsPsoGaOnAverage)
{
    const uint32_t helpers = GetParam();
    const DnnSchedulingProblem problem = test::SeedProblem(9, helpers, "piecewise:3");
    double memetic = 0;
    double psoga = 0;
    for (uint32_t seed = 1; seed <= 5; ++seed)
    {
        memetic += Make("memetic-psoga", seed)->Plan(problem).Makespan() / 5;
        psoga += Make("psoga", seed)->Plan(problem).Makespan() / 5;
    }
    EXPECT_LE(memetic, psoga) << helpers << " helpers";
    // And piece-wise memetic beats layer-wise PSO-GA, the poster's comparison.
    const DnnSchedulingProblem layerwise = test::SeedProblem(9, helpers, "layerwise");
    EXPECT_LT(memetic, Make("psoga", 1)->Plan(layerwise).Makespan()) << helpers << " helpers";
}

INSTANTIATE_TEST_SUITE_P(Helpers, SeedSettingTest, ::testing::Values(3u, 6u));

TEST(GeneEncodingTest, BlocksPartitionTheUnpinnedTasks)
{
    const DnnSchedulingProblem problem = test::SeedProblem(3, 3, "piecewise:3");
    std::vector<uint32_t> together(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        together[t] = t % 2; // an arbitrary assignment the blocks must respect
    }
    for (const uint32_t* respect : std::vector<const uint32_t*>{nullptr, together.data()})
    {
        const DnnGeneEncoding blocks = DnnGeneEncoding::Blocks(problem, 4, respect);
        std::vector<uint32_t> seen(problem.TaskCount(), 0);
        uint32_t bigger = 0;
        for (uint32_t g = 0; g < blocks.GeneCount(); ++g)
        {
            const auto size = static_cast<uint32_t>(blocks.TasksEnd(g) - blocks.TasksBegin(g));
            EXPECT_GE(size, 1u);
            EXPECT_LE(size, 4u);
            bigger += size > 1;
            EXPECT_GE(blocks.AllowedCount(g), 1u);
            const uint32_t first = *blocks.TasksBegin(g);
            for (const uint32_t* t = blocks.TasksBegin(g); t != blocks.TasksEnd(g); ++t)
            {
                ++seen[*t];
                EXPECT_EQ(problem.Request(*t), problem.Request(first)); // edges stay in a request
                if (respect)
                {
                    EXPECT_EQ(together[*t], together[first]);
                }
            }
        }
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            EXPECT_EQ(seen[t], problem.Pinned(t) == DnnSchedulingProblem::NONE ? 1u : 0u)
                << problem.TaskName(t);
        }
        if (!respect)
        {
            EXPECT_GT(bigger, blocks.GeneCount() / 2) << "coarsening merged little";
            EXPECT_LT(blocks.GeneCount(), problem.TaskCount() / 2);
        }
    }
}

TEST(GeneEncodingTest, EncodeInvertsExpandAndKeepsPins)
{
    const DnnSchedulingProblem problem = test::SeedProblem(2, 1, "piecewise:3");
    const DnnGeneEncoding genes = DnnGeneEncoding::PerTask(problem);
    std::vector<uint32_t> chromosome(genes.GeneCount());
    for (uint32_t g = 0; g < genes.GeneCount(); ++g)
    {
        chromosome[g] = genes.AllowedBegin(g)[g % genes.AllowedCount(g)];
    }
    std::vector<uint32_t> assignment(problem.TaskCount(), 99);
    genes.Expand(chromosome.data(), assignment.data());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        if (problem.Pinned(t) != DnnSchedulingProblem::NONE)
        {
            EXPECT_EQ(assignment[t], problem.Pinned(t));
        }
    }
    std::vector<uint32_t> back(genes.GeneCount());
    genes.Encode(assignment.data(), back.data());
    EXPECT_EQ(back, chromosome);
}

TEST(BaselineTest, LocalEdgeAndCloudPlaceWhereTheySay)
{
    const DnnSchedulingProblem problem = test::SeedProblem(3, 2, "layerwise");
    const uint32_t edge = problem.FindProcessor("edge");
    const DnnSchedule local = DnnScheduler::Create("local")->Plan(problem);
    const DnnSchedule onEdge = DnnScheduler::Create("edge")->Plan(problem);
    const DnnSchedule cloud = DnnScheduler::Create("cloud")->Plan(problem);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        EXPECT_EQ(local.Processor(t), problem.RequestHome(problem.Request(t)));
        if (problem.Pinned(t) == DnnSchedulingProblem::NONE)
        {
            EXPECT_EQ(onEdge.Processor(t), edge);
            // No cloud in the seed's platform: the fastest processor overall, the edge.
            EXPECT_EQ(cloud.Processor(t), edge);
        }
    }
    // Three requests in parallel on three Raspberry Pis: the slowest model on a Pi (GoogLeNet,
    // 0.602 s in the seed's cost model, which the fitted rpi4 profile gives) sets the
    // makespan; nothing travels.
    const double googlenet =
        DnnDeviceProfile::FindBuiltin("rpi4")->Seconds(test::LoadZooModel("googlenet")->Work());
    EXPECT_NEAR(googlenet, 0.602, 1e-3);
    EXPECT_NEAR(local.Makespan(), googlenet, 1e-9);
    // The greedy hill-climb starts from Local and only accepts improvements.
    EXPECT_LE(DnnScheduler::Create("greedy")->Plan(problem).Makespan(), local.Makespan() + 1e-9);
}

TEST(BaselineTest, RandomDependsOnItsSeedOnly)
{
    const DnnSchedulingProblem problem = test::SeedProblem(3, 3, "piecewise:3");
    const DnnSchedule a = Make("random", 3)->Plan(problem);
    const DnnSchedule b = Make("random", 3)->Plan(problem);
    const DnnSchedule c = Make("random", 4)->Plan(problem);
    uint32_t differ = 0;
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        EXPECT_EQ(a.Processor(t), b.Processor(t));
        differ += a.Processor(t) != c.Processor(t);
    }
    EXPECT_GT(differ, problem.TaskCount() / 2);
}

} // namespace
