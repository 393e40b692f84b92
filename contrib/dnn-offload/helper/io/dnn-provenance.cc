/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-provenance.h"

#include "ns3/dnn-hash.h"

#if __has_include("ns3/version-defines.h")
#    include "ns3/version-defines.h"
#endif

#include "dnn-build-info.h"

namespace ns3
{

namespace
{

/** A text, or null when it is empty. */
nlohmann::json
TextOrNull(const std::string& text)
{
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

} // namespace

nlohmann::json
DnnProvenance::Json() const
{
    nlohmann::json json;
    json["seed"] = seed;
    json["run"] = run;
    json["scenario_hash"] = TextOrNull(scenarioHash);
    json["tool_version"] = TextOrNull(ToolVersion());
    json["git_commit"] = TextOrNull(GitCommit());
    json["ns3_version"] = TextOrNull(Ns3Version());
    json["command_line"] = TextOrNull(commandLine);
    return json;
}

std::string
DnnProvenance::ScenarioHash(const std::string& text)
{
    return "fnv1a64:" + DnnFnv1a64Hex(text);
}

std::string
DnnProvenance::ShellQuote(const std::string& arg)
{
    const bool plain =
        !arg.empty() && arg.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "abcdefghijklmnopqrstuvwxyz"
                                              "0123456789_@%+=:,./-") == std::string::npos;
    if (plain)
    {
        return arg;
    }
    std::string quoted = "'";
    for (char c : arg)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string
DnnProvenance::CommandLine(const std::vector<std::string>& args)
{
    std::string line;
    for (const std::string& arg : args)
    {
        line += (line.empty() ? "" : " ") + ShellQuote(arg);
    }
    return line;
}

std::string
DnnProvenance::ToolVersion()
{
    return DNN_TOOL_VERSION;
}

std::string
DnnProvenance::GitCommit()
{
    return DNN_GIT_COMMIT;
}

std::string
DnnProvenance::Ns3Version()
{
#ifdef NS3_VERSION_MAJOR
    return std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) +
           (NS3_VERSION_PATCH > 0 ? "." + std::to_string(NS3_VERSION_PATCH) : std::string());
#else
    return DNN_NS3_VERSION;
#endif
}

} // namespace ns3
