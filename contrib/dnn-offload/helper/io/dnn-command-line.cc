/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-command-line.h"

#include "dnn-json-reader.h"
#include "ns3/dnn-scheduler.h"

#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/string.h"

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
    // ns-3 3.37 names the boolean checker's value type "BooleanValue", without "ns3::".
    if (valueType == "ns3::BooleanValue" || valueType == "BooleanValue")
    {
        return text == "true" || text == "false" || text == "t" || text == "f" || text == "1" ||
               text == "0";
    }
    return true;
}

namespace
{

/** The message for an attribute option (--ns3::Type::Name=value), set as a default if valid.
 *  \p name and \p value as ns-3 knows them, \p writtenName as the user wrote it. */
std::string
CheckAttributeOption(const std::string& name, const std::string& writtenName,
                     const std::string& value)
{
    const std::size_t split = name.rfind("::");
    const std::string writtenType = writtenName.substr(0, writtenName.rfind("::"));
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(name.substr(0, split), &tid))
    {
        return "--" + writtenName + ": no type \"" + writtenType + "\"";
    }
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name.substr(split + 2), &info))
    {
        std::vector<std::string> names;
        for (uint32_t a = 0; a < tid.GetAttributeN(); ++a)
        {
            names.push_back(tid.GetAttribute(a).name);
        }
        const std::string guess = DnnDidYouMean(name.substr(split + 2), names);
        return "--" + writtenName + ": " + writtenType + " has no attribute \"" +
               name.substr(split + 2) + "\"" +
               (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)");
    }
    if (!DnnAttributeTextParses(info.checker->GetValueTypeName(), value) ||
        !Config::SetDefaultFailSafe(name, StringValue(value)))
    {
        return "--" + writtenName + ": \"" + value + "\" is not a valid value";
    }
    return "";
}

/** The message for a global value option (--RngRun=N) whose value is not valid, or "". */
std::string
CheckGlobalOption(const GlobalValue& global, const std::string& value)
{
    const Ptr<const AttributeChecker> checker = global.GetChecker();
    if (!DnnAttributeTextParses(checker->GetValueTypeName(), value) ||
        !checker->CreateValidValue(StringValue(value)))
    {
        const std::string type = checker->GetValueTypeName();
        std::string expected;
        if (type == "ns3::UintegerValue")
        {
            expected = " (a whole number from 0)";
        }
        else if (type == "ns3::BooleanValue" || type == "BooleanValue")
        {
            expected = " (true or false)";
        }
        return "--" + global.GetName() + ": \"" + value + "\" is not a valid value" + expected;
    }
    return "";
}

} // namespace

std::string
DnnCheckNs3Options(const std::vector<std::string>& written,
                   const std::vector<std::string>& canonical,
                   const std::map<std::string, std::string>& replaced)
{
    for (std::size_t i = 1; i < canonical.size() && i < written.size(); ++i)
    {
        const std::string& arg = canonical[i];
        const std::size_t start = arg.find_first_not_of('-');
        if (start == std::string::npos || start == 0)
        {
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(start, equals - start);
        const std::string& asWritten = written[i];
        const std::size_t writtenStart = asWritten.find_first_not_of('-');
        const std::string writtenName =
            asWritten.substr(writtenStart, asWritten.find('=') - writtenStart);
        const bool hasValue = equals != std::string::npos;
        const std::string value = hasValue ? arg.substr(equals + 1) : "";
        // Only the option's name decides: a value may hold "::" (--scenario=my::lab.json).
        if (name.find("::") != std::string::npos)
        {
            if (!hasValue)
            {
                return "--" + writtenName + " needs a value (--" + writtenName + "=VALUE)";
            }
            const std::string message = CheckAttributeOption(name, writtenName, value);
            if (!message.empty())
            {
                return message;
            }
            continue;
        }
        for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
        {
            if ((*it)->GetName() != name)
            {
                continue;
            }
            const auto own = replaced.find(name);
            if (own != replaced.end())
            {
                return "--" + name + ": this program sets it from --" + own->second + " (use --" +
                       own->second + "=N)";
            }
            if (!hasValue)
            {
                return "--" + name + " needs a value (--" + name + "=VALUE)";
            }
            const std::string message = CheckGlobalOption(**it, value);
            if (!message.empty())
            {
                return message;
            }
        }
    }
    return "";
}

} // namespace ns3
