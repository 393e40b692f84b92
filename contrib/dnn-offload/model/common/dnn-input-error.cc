/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-input-error.h"

namespace ns3
{

namespace
{

std::string
FormatInputError(const std::string& file, const std::string& jsonPath, const std::string& detail)
{
    std::string message;
    if (!file.empty())
    {
        message += file + ": ";
    }
    if (!jsonPath.empty())
    {
        message += jsonPath + ": ";
    }
    return message + detail;
}

std::string
JoinCycle(const std::vector<std::string>& cycle)
{
    std::string text = "cycle: ";
    for (const auto& name : cycle)
    {
        text += name + " -> ";
    }
    return text + (cycle.empty() ? std::string("?") : cycle.front());
}

} // namespace

DnnInputError::DnnInputError(const std::string& file, const std::string& jsonPath,
                             const std::string& detail)
    : std::runtime_error(FormatInputError(file, jsonPath, detail)), m_file(file),
      m_jsonPath(jsonPath), m_detail(detail)
{
}

const std::string&
DnnInputError::File() const
{
    return m_file;
}

const std::string&
DnnInputError::JsonPath() const
{
    return m_jsonPath;
}

const std::string&
DnnInputError::Detail() const
{
    return m_detail;
}

DnnCycleError::DnnCycleError(const std::string& file, const std::string& jsonPath,
                             const std::vector<std::string>& cycle)
    : DnnInputError(file, jsonPath, JoinCycle(cycle)), m_cycle(cycle)
{
}

const std::vector<std::string>&
DnnCycleError::Cycle() const
{
    return m_cycle;
}

} // namespace ns3
