/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-command-line.h"

#include "dnn-json-reader.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/global-value.h"

#include <algorithm>
#include <cctype>
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

std::string
DnnCheckOptionValues(int argc, char* argv[], const std::map<std::string, DnnOptionType>& options)
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        const std::size_t dashes = arg.find_first_not_of('-');
        if (dashes == 0 || dashes == std::string::npos)
        {
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(dashes, equals - dashes);
        const auto option = options.find(name);
        if (option == options.end())
        {
            continue;
        }
        const bool hasValue = equals != std::string::npos;
        const std::string value = hasValue ? arg.substr(equals + 1) : "";
        if (option->second == DnnOptionType::Text)
        {
            if (value.empty())
            {
                return "--" + name + " needs a value (--" + name + "=...), got " +
                       (hasValue ? std::string("an empty one") : std::string("none"));
            }
            continue;
        }
        if (option->second == DnnOptionType::Bool)
        {
            std::string lower = value;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (!hasValue || lower == "true" || lower == "false" || lower == "t" || lower == "f" ||
                lower == "1" || lower == "0")
            {
                continue;
            }
            return "--" + name + ": \"" + value +
                   "\" is not true or false (or leave out the value)";
        }
        const bool digits =
            !value.empty() && value.size() <= 10 &&
            std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        const unsigned long long least = option->second == DnnOptionType::Positive ? 1 : 0;
        if (!digits || std::stoull(value) > 4294967295ULL || std::stoull(value) < least)
        {
            return "--" + name + " needs a whole number from " + std::to_string(least) +
                   " to 4294967295 (--" + name + "=N), got " +
                   (hasValue ? "\"" + value + "\"" : std::string("no value"));
        }
    }
    return "";
}

std::vector<std::string>
DnnCanonicalArguments(int argc, char* argv[])
{
    std::vector<std::string> args(argv, argv + argc);
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        std::string& arg = args[i];
        const std::size_t start = arg.find_first_not_of('-');
        if (start == std::string::npos)
        {
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(start, equals - start);
        if (name == "PrintAttributes" && equals != std::string::npos)
        {
            arg =
                arg.substr(0, equals + 1) + DnnScheduler::CanonicalTypeName(arg.substr(equals + 1));
            continue;
        }
        const std::size_t split = name.rfind("::");
        if (split == std::string::npos)
        {
            continue;
        }
        arg = arg.substr(0, start) + DnnScheduler::CanonicalTypeName(name.substr(0, split)) +
              arg.substr(start + split);
    }
    return args;
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
