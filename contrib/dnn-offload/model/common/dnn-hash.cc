/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-hash.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

uint64_t
DnnFnv1a64(const std::string& text)
{
    uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : text)
    {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string
DnnFnv1a64Hex(const std::string& text)
{
    std::ostringstream hex;
    hex << std::hex << std::setw(16) << std::setfill('0') << DnnFnv1a64(text);
    return hex.str();
}

} // namespace ns3
