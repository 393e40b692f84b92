/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-command-line.h"

#include "dnn-json-reader.h"

#include "ns3/global-value.h"

#include <algorithm>

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

} // namespace ns3
