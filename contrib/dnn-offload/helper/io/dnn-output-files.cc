/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-output-files.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnOutputFiles");

std::string
DnnOutputFiles::Temporary(const std::string& path)
{
    return path + ".tmp-" + std::to_string(::getpid());
}

bool
DnnOutputFiles::CreateTemporary(const std::string& path)
{
    const std::string tmp = Temporary(path);
    // A new file only: never through a link, never over a file of someone else's.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
    if (fd < 0)
    {
        return false;
    }
    ::close(fd);
    m_created.push_back(tmp);
    return true;
}

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
    }
    m_streams.clear();
    m_files.clear();
    for (const std::string& tmp : m_created)
    {
        std::remove(tmp.c_str());
    }
    m_created.clear();
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
    std::unique_ptr<std::ofstream> out;
    if (CreateTemporary(path))
    {
        out = std::make_unique<std::ofstream>(Temporary(path), std::ios::binary | std::ios::trunc);
    }
    if (!out || !*out)
    {
        NS_LOG_WARN(Temporary(path) << ": cannot open the file for writing");
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
        std::ofstream out;
        if (CreateTemporary(path))
        {
            out.open(Temporary(path), std::ios::binary | std::ios::trunc);
        }
        out << contents;
        if (!out.is_open() || !out.flush())
        {
            const std::string failed = path; // RemoveTemporaries() clears m_files
            NS_LOG_WARN(Temporary(failed) << ": cannot write the file");
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
            NS_LOG_WARN(Temporary(failed) << ": cannot write the file");
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
        const std::string tmp = Temporary(path);
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
    m_created.clear();
    NS_LOG_INFO(paths.size() << " files written");
}

const std::vector<std::string>&
DnnResultsFolder::FileNames()
{
    static const std::vector<std::string> names = {"comparison.csv",          "comparison.json",
                                                   "comparison-summary.json", "calibration.json",
                                                   "scenario.json",           MARKER};
    return names;
}

std::string
DnnResultsFolder::PartialName(const std::string& name, long pid)
{
    return "." + name + PARTIAL_INFIX + std::to_string(pid);
}

} // namespace ns3
