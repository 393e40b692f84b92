/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-units.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ns3
{

namespace
{

/** One unit: its spelling, a power of ten and a further exact factor. */
struct Unit
{
    std::string symbol; //!< spelling, e.g. "Mbps"
    int exponent;       //!< value = number x 10^exponent x factor
    double factor;      //!< an exact factor (a power of two, or 60)
};

/**
 * Parse "<number>[ ]<unit>" strictly.
 * \param text the text
 * \param units the allowed units
 * \param what the quantity, for the message ("a data rate")
 * \param example a valid example, for the message ("100Mbps")
 * \return the value in the base unit
 */
double
ParseQuantity(const std::string& text, const std::vector<Unit>& units, const std::string& what,
              const std::string& example)
{
    const auto fail = [&]() -> double
    {
        throw std::invalid_argument("\"" + text + "\" is not " + what + " (e.g. \"" + example +
                                    "\")");
    };
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
    {
        ++i;
        ++digits;
    }
    if (i < text.size() && text[i] == '.')
    {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        {
            ++i;
            ++digits;
        }
    }
    if (digits == 0 || digits > 30)
    {
        return fail();
    }
    const std::string number = text.substr(0, i);
    if (i < text.size() && text[i] == ' ')
    {
        ++i;
    }
    const std::string symbol = text.substr(i);
    for (const Unit& unit : units)
    {
        if (unit.symbol != symbol)
        {
            continue;
        }
        // Shift the decimal exponent in the text, so strtod rounds once, exactly.
        const std::string scaled = number + "e" + std::to_string(unit.exponent);
        char* end = nullptr;
        const double value = std::strtod(scaled.c_str(), &end) * unit.factor;
        if (end != scaled.c_str() + scaled.size() || !std::isfinite(value))
        {
            return fail();
        }
        return value;
    }
    return fail();
}

} // namespace

double
DnnParseDataRate(const std::string& text)
{
    static const std::vector<Unit> units = {
        {"bps", 0, 1},
        {"kbps", 3, 1},
        {"Mbps", 6, 1},
        {"Gbps", 9, 1},
    };
    return ParseQuantity(text, units, "a data rate", "100Mbps");
}

double
DnnParseTime(const std::string& text)
{
    static const std::vector<Unit> units = {
        {"ns", -9, 1}, {"us", -6, 1}, {"ms", -3, 1}, {"s", 0, 1}, {"min", 0, 60},
    };
    return ParseQuantity(text, units, "a time", "10ms");
}

double
DnnParseBytes(const std::string& text)
{
    static const std::vector<Unit> units = {
        {"B", 0, 1},
        {"kB", 3, 1},
        {"MB", 6, 1},
        {"GB", 9, 1},
        {"KiB", 0, 1024.0},
        {"MiB", 0, 1024.0 * 1024.0},
        {"GiB", 0, 1024.0 * 1024.0 * 1024.0},
    };
    return ParseQuantity(text, units, "an amount of data", "4GiB");
}

double
DnnParsePower(const std::string& text)
{
    static const std::vector<Unit> units = {
        {"mW", -3, 1},
        {"W", 0, 1},
    };
    return ParseQuantity(text, units, "a power", "2.5W");
}

double
DnnParseFlops(const std::string& text)
{
    static const std::vector<Unit> units = {
        {"FLOPS", 0, 1},   {"kFLOPS", 3, 1},   {"MFLOPS", 6, 1},  {"GFLOPS", 9, 1},
        {"TFLOPS", 12, 1}, {"FLOP/s", 0, 1},   {"kFLOP/s", 3, 1}, {"MFLOP/s", 6, 1},
        {"GFLOP/s", 9, 1}, {"TFLOP/s", 12, 1},
    };
    return ParseQuantity(text, units, "a compute speed", "10GFLOPS");
}

} // namespace ns3
