/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-output-files.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <cstdio>
#include <fstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnOutputFiles");

DnnOutputFiles::~DnnOutputFiles()
{
    RemoveTemporaries();
}

void
DnnOutputFiles::RemoveTemporaries()
{
    if (!m_streams.empty() || !m_files.empty())
    {
        NS_LOG_LOGIC("removing the temporaries of " << m_streams.size() + m_files.size()
                                                    << " files not committed");
    }
    for (auto& [path, stream] : m_streams)
    {
        stream.reset();
        std::remove((path + ".tmp").c_str());
    }
    m_streams.clear();
    for (const auto& [path, contents] : m_files)
    {
        std::remove((path + ".tmp").c_str());
    }
    m_files.clear();
}

void
DnnOutputFiles::Add(const std::string& path, std::string contents)
{
    NS_LOG_FUNCTION(this << path << contents.size());
    m_files.emplace_back(path, std::move(contents));
}

std::ostream&
DnnOutputFiles::Stream(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    auto out = std::make_unique<std::ofstream>(path + ".tmp", std::ios::binary | std::ios::trunc);
    if (!*out)
    {
        NS_LOG_WARN(path << ".tmp: cannot open the file for writing");
        throw DnnInputError(path, "", "cannot write the file");
    }
    m_streams.emplace_back(path, std::move(out));
    return *m_streams.back().second;
}

void
DnnOutputFiles::Commit()
{
    NS_LOG_FUNCTION(this);
    for (const auto& [path, contents] : m_files)
    {
        std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
        out << contents;
        if (!out.flush())
        {
            const std::string failed = path; // RemoveTemporaries() clears m_files
            NS_LOG_WARN(failed << ".tmp: cannot write the file");
            RemoveTemporaries();
            throw DnnInputError(failed, "", "cannot write the file");
        }
    }
    std::vector<std::string> paths;
    for (auto& [path, stream] : m_streams)
    {
        stream->close();
        if (stream->fail())
        {
            const std::string failed = path; // RemoveTemporaries() clears m_streams
            NS_LOG_WARN(failed << ".tmp: cannot write the file");
            RemoveTemporaries();
            throw DnnInputError(failed, "", "cannot write the file");
        }
        paths.push_back(path);
    }
    for (const auto& [path, contents] : m_files)
    {
        paths.push_back(path);
    }
    for (const std::string& path : paths)
    {
        const std::string tmp = path + ".tmp";
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
        {
            NS_LOG_WARN(tmp << ": cannot rename it to " << path);
            RemoveTemporaries();
            throw DnnInputError(path, "", "cannot write the file");
        }
        NS_LOG_LOGIC("wrote " << path);
    }
    m_streams.clear();
    m_files.clear();
    NS_LOG_INFO(paths.size() << " files written");
}

} // namespace ns3
