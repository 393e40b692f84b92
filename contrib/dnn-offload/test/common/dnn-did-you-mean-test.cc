/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-did-you-mean.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace ns3;

// Distances by hand (Levenshtein: insertions, deletions, substitutions of one character).

TEST(DidYouMeanTest, SuggestsTheClosestCandidate)
{
    // "hfet" -> "heft": two substitutions; -> "cpop": four.
    EXPECT_EQ(DnnDidYouMean("hfet", {"cpop", "heft", "peft"}), "heft");
    // "Particle" -> "Particles": one insertion.
    EXPECT_EQ(DnnDidYouMean("Particle", {"Iterations", "Particles", "Patience"}), "Particles");
}

TEST(DidYouMeanTest, TiesGoToTheFirstCandidate)
{
    // "pefs" is one substitution from both "peft" and "pefx".
    EXPECT_EQ(DnnDidYouMean("pefs", {"pefx", "peft"}), "pefx");
    EXPECT_EQ(DnnDidYouMean("pefs", {"peft", "pefx"}), "peft");
}

TEST(DidYouMeanTest, NothingCloseGivesNoSuggestion)
{
    // The bound is max(2, |word| / 3) edits: "abc" allows 2, and "xyz" is 3 away from "abc".
    EXPECT_EQ(DnnDidYouMean("xyz", {"abc"}), "");
    EXPECT_EQ(DnnDidYouMean("xbz", {"abc"}), "abc");
    // A 12-letter word allows 4 edits: "hardswishxyz" is 3 deletions from "hardswish".
    EXPECT_EQ(DnnDidYouMean("hardswishxyz", {"hardswish"}), "hardswish");
    // "abcdefghijkl" vs "abcdefgh": 4 deletions (allowed); vs "abcdefg": 5 (not).
    EXPECT_EQ(DnnDidYouMean("abcdefghijkl", {"abcdefgh"}), "abcdefgh");
    EXPECT_EQ(DnnDidYouMean("abcdefghijkl", {"abcdefg"}), "");
    EXPECT_EQ(DnnDidYouMean("anything", {}), "");
}

TEST(DidYouMeanTest, BoundedWorkOnHugeInput)
{
    // Issue 15: 10,000 candidates and a 1.5 MB word took minutes (a table of whole strings per
    // candidate). Words and candidates longer than the cap are not compared at all.
    std::vector<std::string> candidates;
    for (int i = 0; i < 10000; ++i)
    {
        candidates.push_back("name" + std::to_string(i) + std::string(40, 'x'));
    }
    candidates.push_back(std::string(1500000, 'a'));
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(DnnDidYouMean(std::string(1500000, 'a'), candidates), "");
    EXPECT_EQ(DnnDidYouMean(std::string(DNN_DID_YOU_MEAN_MAX_LENGTH + 1, 'x'), candidates), "");
    // Within the cap: still the closest, the early exits do not change the answer.
    EXPECT_EQ(DnnDidYouMean("name9999" + std::string(40, 'x') + "y", candidates),
              "name9999" + std::string(40, 'x'));
    EXPECT_EQ(DnnDidYouMean("name42" + std::string(40, 'x') + "yz", candidates),
              "name42" + std::string(40, 'x'));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0);
}

TEST(DidYouMeanTest, EarlyExitsKeepTheBestAndTheTies)
{
    // Candidates much longer or shorter than the word are skipped, a closer one still wins.
    EXPECT_EQ(DnnDidYouMean("heft", {"heftheftheft", "he", "hefx", "heft2"}), "hefx");
    EXPECT_EQ(DnnDidYouMean("heft", {"heft2", "hefx"}), "heft2");
    EXPECT_EQ(DnnDidYouMean("Iteratoins", {"Particles", "Iterations", "Iteration"}), "Iterations");
}
