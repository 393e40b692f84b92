/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-command-line.h"

#include "dnn-json-reader.h"

#include "ns3/global-value.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ns3
{

std::string
DnnFindUnknownOption(int argc, char* argv[], const std::vector<std::string>& options)
{
    std::vector<std::string> known = options;
    for (const char* builtin :
         {"PrintHelp", "help", "PrintVersion", "version", "PrintGlobals", "PrintGroups",
          "PrintGroup", "PrintTypeIds", "PrintAttributes", "PrintAllAttributes"})
    {
        known.emplace_back(builtin);
    }
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        known.push_back((*it)->GetName());
    }
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        const std::size_t dashes = arg.find_first_not_of('-');
        if (dashes == 0 || dashes == std::string::npos || dashes > 2)
        {
            return "unexpected argument \"" + arg + "\" (options look like --name=value)";
        }
        const std::string name = arg.substr(dashes, arg.find('=') - dashes);
        if (name.find("::") != std::string::npos ||
            std::find(known.begin(), known.end(), name) != known.end())
        {
            continue;
        }
        std::string message = "unknown option --" + name;
        const std::string suggestion = DnnDidYouMean(name, known);
        if (!suggestion.empty())
        {
            message += " (did you mean --" + suggestion + "?)";
        }
        return message + "; --PrintHelp lists the options";
    }
    return "";
}

bool
DnnAttributeTextParses(const std::string& valueType, const std::string& text)
{
    const auto integer = [&](bool sign)
    {
        std::size_t i = sign && !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        return i < text.size() &&
               std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (valueType == "ns3::UintegerValue")
    {
        return integer(false);
    }
    if (valueType == "ns3::IntegerValue")
    {
        return integer(true);
    }
    if (valueType == "ns3::DoubleValue")
    {
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(text.c_str(), &end);
        return !text.empty() && end == text.c_str() + text.size() && errno == 0 &&
               std::isfinite(value) && text.find_first_of(" \t\n") == std::string::npos;
    }
    if (valueType == "ns3::BooleanValue")
    {
        return text == "true" || text == "false" || text == "1" || text == "0";
    }
    return true;
}

} // namespace ns3
