/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_UNITS_H
#define DNN_UNITS_H

#include <string>

namespace ns3
{

/**
 * \file
 * \ingroup dnn-offload
 * Strict parsers of quantities with units, as scenario files write them ("100Mbps",
 * "20 ms", "4GiB", "2.5W", "12GFLOPS").
 *
 * Each parser takes the whole string: a non-negative decimal number (digits, optionally a
 * point and more digits; no sign, no exponent), at most one space, then one of its units
 * (case-sensitive). Anything else throws std::invalid_argument with the message
 * `"100Mbs" is not a data rate (e.g. "100Mbps")`. Decimal units are applied by shifting
 * the decimal exponent before conversion, so "86.7Mbps" is exactly the double nearest to
 * 86 700 000 and "150ms" the double nearest to 0.15.
 */

/**
 * \ingroup dnn-offload
 * \brief Parse a data rate.
 * \param text e.g. "100Mbps"; units bps, kbps, Mbps, Gbps (k = 1e3, M = 1e6, G = 1e9)
 * \return bit/s
 */
double DnnParseDataRate(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief Parse a time.
 * \param text e.g. "10ms"; units ns, us, ms, s, min
 * \return seconds
 */
double DnnParseTime(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief Parse an amount of data.
 * \param text e.g. "4GiB"; units B, kB, MB, GB (powers of 1000), KiB, MiB, GiB (of 1024)
 * \return bytes
 */
double DnnParseBytes(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief Parse a power.
 * \param text e.g. "2.5W"; units mW, W
 * \return watts
 */
double DnnParsePower(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief Parse a compute speed.
 * \param text e.g. "12GFLOPS"; units FLOPS, kFLOPS, MFLOPS, GFLOPS, TFLOPS, also written
 *        FLOP/s, kFLOP/s, MFLOP/s, GFLOP/s, TFLOP/s
 * \return FLOP/s
 */
double DnnParseFlops(const std::string& text);

} // namespace ns3

#endif /* DNN_UNITS_H */
