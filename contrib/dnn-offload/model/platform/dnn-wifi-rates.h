/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WIFI_RATES_H
#define DNN_WIFI_RATES_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The nominal PHY rate of one spatial stream with an 800 ns guard interval
 *        (IEEE 802.11 MCS tables), the default data_rate of a scenario's Wi-Fi network.
 * \param standard "80211n", "80211ac" or "80211ax"
 * \param channelWidth MHz (20, 40, 80, 160)
 * \param mcs the MCS index
 * \return bit/s, or 0 when the standard has no such width or MCS (e.g. VHT MCS 9 at 20 MHz)
 */
double DnnWifiNominalRate(const std::string& standard, uint32_t channelWidth, uint32_t mcs);

/**
 * \ingroup dnn-offload
 * \brief The highest MCS index of one spatial stream of a standard.
 * \param standard "80211n" (7), "80211ac" (9) or "80211ax" (11; anything else too)
 * \return the index
 */
uint32_t DnnWifiMaxMcs(const std::string& standard);

} // namespace ns3

#endif /* DNN_WIFI_RATES_H */
