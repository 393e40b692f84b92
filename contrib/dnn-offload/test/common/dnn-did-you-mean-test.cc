/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-did-you-mean.h"

#include <gtest/gtest.h>

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
