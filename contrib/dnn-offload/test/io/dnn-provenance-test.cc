/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-hash.h"
#include "ns3/dnn-provenance.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;

TEST(ProvenanceTest, ArgumentsAreShellQuotedOnlyWhenTheyNeedIt)
{
    EXPECT_EQ(DnnProvenance::ShellQuote("--seed=3"), "--seed=3");
    EXPECT_EQ(DnnProvenance::ShellQuote("build/tools/dnn-offload-run"),
              "build/tools/dnn-offload-run");
    EXPECT_EQ(DnnProvenance::ShellQuote(""), "''");
    EXPECT_EQ(DnnProvenance::ShellQuote("--out=my results"), "'--out=my results'");
    EXPECT_EQ(DnnProvenance::ShellQuote("it's"), "'it'\\''s'");
    EXPECT_EQ(DnnProvenance::ShellQuote("$HOME"), "'$HOME'");
    EXPECT_EQ(DnnProvenance::CommandLine({"run", "--scenario=a b.json", "--seed=2"}),
              "run '--scenario=a b.json' --seed=2");
    EXPECT_EQ(DnnProvenance::CommandLine({}), "");
}

TEST(ProvenanceTest, JsonNamesTheRunTheScenarioAndTheBuild)
{
    DnnProvenance provenance;
    provenance.seed = 7;
    provenance.run = 3;
    provenance.scenarioHash = DnnProvenance::ScenarioHash("{}");
    EXPECT_EQ(provenance.scenarioHash, "fnv1a64:" + DnnFnv1a64Hex("{}"));
    provenance.commandLine = "dnn-offload-run --seed=7";
    const nlohmann::json json = provenance.Json();
    EXPECT_EQ(json["seed"], 7);
    EXPECT_EQ(json["run"], 3);
    EXPECT_EQ(json["scenario_hash"], provenance.scenarioHash);
    EXPECT_EQ(json["command_line"], "dnn-offload-run --seed=7");
    EXPECT_EQ(json["tool_version"], DnnProvenance::ToolVersion());
    EXPECT_FALSE(DnnProvenance::ToolVersion().empty());
    EXPECT_EQ(json["ns3_version"], "3.37"); // Debian's ns-3
    const std::string commit = DnnProvenance::GitCommit();
    EXPECT_TRUE(commit.empty() || commit.find_first_not_of("0123456789abcdef") == std::string::npos)
        << commit;
    EXPECT_EQ(json["git_commit"].is_null(), commit.empty());
    // Unknown: null. The same inputs give the same text.
    EXPECT_TRUE(DnnProvenance().Json()["scenario_hash"].is_null());
    EXPECT_TRUE(DnnProvenance().Json()["command_line"].is_null());
    EXPECT_EQ(provenance.Json().dump(), json.dump());
}

} // namespace
