/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The seed system's headline, through the main job: on scenarios/seed-reproduction.json
 * (9 requests, AlexNet / GoogLeNet / ResNet-50, all at t = 0, a 100 Mbit/s segment) with 3
 * and 6 helpers, piece-wise memetic PSO-GA plans a shorter makespan than layer-wise PSO-GA,
 * on average over 5 seeds. The MobiHoc 2022 poster ("Distributed Inference for Multiple DNN
 * Models in IoT Environments") reports 16.2-33.1 % shorter with 3 helpers and 26.2-40.6 %
 * with 6 (../shared/reference/seed-system.md); the module doc's Validation section puts our
 * figures next to those.
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <iomanip>
#include <iostream>
#include <map>

namespace
{

using namespace ns3::test;

class SeedExperimentTest : public DnnCliTest
{
  protected:
    SeedExperimentTest() : DnnCliTest("dnn-offload-run") {}

  public:
    /** Planned makespan of one scheduler on the seed setting with \p helpers helpers. */
    double PlannedMakespan(uint32_t helpers, const std::string& partitioning,
                           const std::string& scheduler, uint32_t seed)
    {
        nlohmann::json scenario = nlohmann::json::parse(
            ReadText(fs::path(DNN_SOURCE_DIR) / "scenarios" / "seed-reproduction.json"));
        // Helpers in the seed's order RPi, RPi, TX2, repeating (one group cycling profiles).
        EXPECT_EQ(scenario["devices"][1]["name"], "helper");
        EXPECT_EQ(scenario["devices"][1]["profile"],
                  nlohmann::json({"rpi4", "rpi4", "jetson-tx2"}));
        scenario["devices"][1]["count"] = helpers;
        scenario["workload"]["partitioning"] = partitioning;
        if (partitioning == "layerwise")
        {
            scenario["workload"].erase("pieces");
        }
        // Models resolve next to the scenario: point them at the zoo.
        for (auto& request : scenario["workload"]["requests"])
        {
            request["model"] = std::string(DNN_SOURCE_DIR) + "/scenarios/models/" +
                               request["model"].get<std::string>() + ".json";
        }
        const fs::path file = WriteFile("seed.json", scenario.dump(1));
        const fs::path out = m_dir / "out";
        const RunResult r = Run(
            "--scenario=" + ShellQuote(file.string()) + " --plan-only --schedulers=" + scheduler +
            " --seed=" + std::to_string(seed) + " --out=" + ShellQuote(out.string()));
        EXPECT_EQ(r.status, 0) << r.err;
        std::istringstream csv(ReadText(out / "comparison.csv"));
        std::string header;
        std::string row;
        std::getline(csv, header);
        std::getline(csv, row);
        EXPECT_EQ(header.rfind("scheduler,planned_makespan_s,", 0), 0u) << header;
        const std::size_t comma = row.find(',');
        return std::stod(row.substr(comma + 1, row.find(',', comma + 1) - comma - 1));
    }
};

/** Mean planned makespan over seeds 1-5 (HEFT is deterministic: one run). */
double
MeanMakespan(SeedExperimentTest& test, uint32_t helpers, const std::string& partitioning,
             const std::string& scheduler)
{
    const uint32_t seeds = scheduler == "heft" ? 1 : 5;
    double sum = 0;
    for (uint32_t seed = 1; seed <= seeds; ++seed)
    {
        sum += test.PlannedMakespan(helpers, partitioning, scheduler, seed);
    }
    return sum / seeds;
}

TEST_F(SeedExperimentTest, MemeticPieceWiseBeatsLayerWisePsoGaWithThreeAndSixHelpers)
{
    // The seed code's own figures at 9 requests (seed-system.md, one plan each): layer-wise
    // PSO-GA, piece-wise PSO-GA, memetic piece-wise, HEFT piece-wise.
    const std::map<uint32_t, std::array<double, 4>> seedCode = {{3, {0.705, 0.535, 0.424, 0.351}},
                                                                {6, {0.583, 0.446, 0.363, 0.326}}};
    for (uint32_t helpers : {3u, 6u})
    {
        const double layerPsoga = MeanMakespan(*this, helpers, "layerwise", "psoga");
        const double piecePsoga = MeanMakespan(*this, helpers, "piecewise", "psoga");
        const double memetic = MeanMakespan(*this, helpers, "piecewise", "memetic-psoga");
        const double heft = MeanMakespan(*this, helpers, "piecewise", "heft");
        const auto& theirs = seedCode.at(helpers);
        const double improvement = 100 * (layerPsoga - memetic) / layerPsoga;
        std::cout << std::fixed << std::setprecision(3) << helpers
                  << " helpers (ours | seed code), s: layer-wise PSO-GA " << layerPsoga << " | "
                  << theirs[0] << ", piece-wise PSO-GA " << piecePsoga << " | " << theirs[1]
                  << ", memetic piece-wise " << memetic << " | " << theirs[2]
                  << ", HEFT piece-wise " << heft << " | " << theirs[3] << "; memetic vs "
                  << "layer-wise PSO-GA " << std::setprecision(1) << -improvement
                  << " % (poster: " << (helpers == 3 ? "-16.2 to -33.1" : "-26.2 to -40.6") << " %)"
                  << std::endl;
        // The direction of the headline, with a margin below what we measure (Validation).
        EXPECT_GT(improvement, 10.0) << helpers << " helpers";
        EXPECT_LE(memetic, piecePsoga * (1 + 1e-9)) << helpers << " helpers";
    }
}

} // namespace
