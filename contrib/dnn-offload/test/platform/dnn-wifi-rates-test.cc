/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The 802.11 MCS tables behind a scenario's default Wi-Fi data rates.

#include "ns3/dnn-wifi-rates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

TEST(WifiRatesTest, NominalRates)
{
    EXPECT_EQ(DnnWifiNominalRate("80211ac", 20, 8), 78e6);
    EXPECT_EQ(DnnWifiNominalRate("80211ac", 20, 9), 0.0); // no VHT MCS 9 at 20 MHz (1 SS)
    EXPECT_EQ(DnnWifiNominalRate("80211ac", 80, 9), 390e6);
    EXPECT_EQ(DnnWifiNominalRate("80211n", 40, 7), 135e6);
    EXPECT_EQ(DnnWifiNominalRate("80211n", 20, 0), 6.5e6);
    EXPECT_EQ(DnnWifiNominalRate("80211ax", 20, 11), 143.4e6);
    EXPECT_EQ(DnnWifiNominalRate("80211ax", 160, 11), 1201e6);
    EXPECT_EQ(DnnWifiNominalRate("80211n", 80, 0), 0.0);
    EXPECT_EQ(DnnWifiNominalRate("80211n", 20, 8), 0.0);

    // The figures are N_SD x bits x coding rate / symbol time (800 ns GI), to 0.1 Mbit/s.
    const std::vector<int> bits = {1, 2, 2, 4, 4, 6, 6, 6, 8, 8, 10, 10};
    const std::vector<double> rate = {1.0 / 2, 1.0 / 2, 3.0 / 4, 1.0 / 2, 3.0 / 4, 2.0 / 3,
                                      3.0 / 4, 5.0 / 6, 3.0 / 4, 5.0 / 6, 3.0 / 4, 5.0 / 6};
    struct Phy
    {
        std::string standard;
        uint32_t width;
        double subcarriers;
        double symbol; // us
        uint32_t maxMcs;
    };
    const std::vector<Phy> phys = {
        {"80211n", 20, 52, 4.0, 7},     {"80211n", 40, 108, 4.0, 7},
        {"80211ac", 20, 52, 4.0, 8},    {"80211ac", 40, 108, 4.0, 9},
        {"80211ac", 80, 234, 4.0, 9},   {"80211ac", 160, 468, 4.0, 9},
        {"80211ax", 20, 234, 13.6, 11}, {"80211ax", 40, 468, 13.6, 11},
        {"80211ax", 80, 980, 13.6, 11}, {"80211ax", 160, 1960, 13.6, 11},
    };
    for (const Phy& phy : phys)
    {
        for (uint32_t mcs = 0; mcs <= phy.maxMcs; ++mcs)
        {
            const double mbps = phy.subcarriers * bits[mcs] * rate[mcs] / phy.symbol;
            EXPECT_NEAR(DnnWifiNominalRate(phy.standard, phy.width, mcs) / 1e6, mbps, 0.051)
                << phy.standard << " " << phy.width << " MHz MCS " << mcs;
        }
    }
}

TEST(WifiRatesTest, MaxMcsPerStandard)
{
    EXPECT_EQ(DnnWifiMaxMcs("80211n"), 7U);
    EXPECT_EQ(DnnWifiMaxMcs("80211ac"), 9U);
    EXPECT_EQ(DnnWifiMaxMcs("80211ax"), 11U);
    // Every index up to the maximum has a rate at 40 MHz; the next one has none.
    for (const std::string standard : {"80211n", "80211ac", "80211ax"})
    {
        EXPECT_GT(DnnWifiNominalRate(standard, 40, DnnWifiMaxMcs(standard)), 0.0) << standard;
        EXPECT_EQ(DnnWifiNominalRate(standard, 40, DnnWifiMaxMcs(standard) + 1), 0.0) << standard;
    }
}
