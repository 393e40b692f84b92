/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-input-error.h"

namespace ns3
{

std::string
DnnEscapeControl(const std::string& text)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0xc2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f)
        {
            const auto c1 = static_cast<unsigned char>(text[++i]);
            out += "\\u00";
            out += hex[c1 >> 4];
            out += hex[c1 & 0xf];
            continue;
        }
        if (byte >= 0x20 && byte != 0x7f)
        {
            out += text[i];
            continue;
        }
        switch (byte)
        {
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case 0:
            out += "\\0";
            break;
        default:
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        }
    }
    return out;
}

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
    return DnnEscapeControl(message + detail);
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
