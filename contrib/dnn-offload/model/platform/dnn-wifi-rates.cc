/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-wifi-rates.h"

#include <cmath>
#include <vector>

namespace ns3
{

namespace
{

/**
 * Nominal PHY rates of one spatial stream, 800 ns guard interval, in Mbit/s, as the
 * standard's MCS tables give them (IEEE Std 802.11-2020, 19.5 "Parameters for HT-MCSs" and
 * 21.5 "Parameters for VHT-MCSs"; IEEE Std 802.11ax-2021, 27.5 "Parameters for HE-MCSs",
 * 0.8 us GI). Each figure is N_SD x bits per subcarrier x coding rate / symbol time
 * (3.2 us + 0.8 us for HT/VHT, 12.8 us + 0.8 us for HE), rounded to 0.1 Mbit/s as in the
 * tables. -1: no such MCS (VHT MCS 9 at 20 MHz with one stream).
 */
struct RateRow
{
    const char* standard;      //!< "80211n", "80211ac", "80211ax"
    uint32_t width;            //!< MHz
    std::vector<double> rates; //!< Mbit/s by MCS index
};

const std::vector<RateRow>&
RateTable()
{
    static const std::vector<RateRow> table = {
        {"80211n", 20, {6.5, 13, 19.5, 26, 39, 52, 58.5, 65}},
        {"80211n", 40, {13.5, 27, 40.5, 54, 81, 108, 121.5, 135}},
        {"80211ac", 20, {6.5, 13, 19.5, 26, 39, 52, 58.5, 65, 78, -1}},
        {"80211ac", 40, {13.5, 27, 40.5, 54, 81, 108, 121.5, 135, 162, 180}},
        {"80211ac", 80, {29.3, 58.5, 87.8, 117, 175.5, 234, 263.3, 292.5, 351, 390}},
        {"80211ac", 160, {58.5, 117, 175.5, 234, 351, 468, 526.5, 585, 702, 780}},
        {"80211ax",
         20,
         {8.6, 17.2, 25.8, 34.4, 51.6, 68.8, 77.4, 86.0, 103.2, 114.7, 129.0, 143.4}},
        {"80211ax",
         40,
         {17.2, 34.4, 51.6, 68.8, 103.2, 137.6, 154.9, 172.1, 206.5, 229.4, 258.1, 286.8}},
        {"80211ax",
         80,
         {36.0, 72.1, 108.1, 144.1, 216.2, 288.2, 324.3, 360.3, 432.4, 480.4, 540.4, 600.5}},
        {"80211ax",
         160,
         {72.1, 144.1, 216.2, 288.2, 432.4, 576.5, 648.5, 720.6, 864.7, 960.8, 1080.9, 1201.0}},
    };
    return table;
}

} // namespace

double
DnnWifiNominalRate(const std::string& standard, uint32_t channelWidth, uint32_t mcs)
{
    for (const RateRow& row : RateTable())
    {
        if (row.standard == standard && row.width == channelWidth)
        {
            if (mcs >= row.rates.size() || row.rates[mcs] < 0)
            {
                return 0;
            }
            return std::round(row.rates[mcs] * 10) * 1e5; // 0.1 Mbit/s steps, exactly
        }
    }
    return 0;
}

uint32_t
DnnWifiMaxMcs(const std::string& standard)
{
    return standard == "80211n" ? 7 : standard == "80211ac" ? 9 : 11;
}

} // namespace ns3
