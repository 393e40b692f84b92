/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-csv.h"

namespace ns3
{

std::string
DnnCsvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
    {
        return text;
    }
    std::string out = "\"";
    for (const char c : text)
    {
        out += c;
        if (c == '"')
        {
            out += '"';
        }
    }
    return out + "\"";
}

} // namespace ns3
