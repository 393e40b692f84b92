/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-output-files.h"

#include "ns3/dnn-input-error.h"

#include <cstdio>
#include <fstream>

namespace ns3
{

void
DnnOutputFiles::Add(const std::string& path, std::string contents)
{
    m_files.emplace_back(path, std::move(contents));
}

void
DnnOutputFiles::Commit()
{
    std::vector<std::string> written;
    auto removeTemporaries = [&]()
    {
        for (const auto& tmp : written)
        {
            std::remove(tmp.c_str());
        }
    };
    for (const auto& [path, contents] : m_files)
    {
        const std::string tmp = path + ".tmp";
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (out)
        {
            written.push_back(tmp);
        }
        out << contents;
        if (!out.flush())
        {
            removeTemporaries();
            throw DnnInputError(path, "", "cannot write the file");
        }
    }
    for (const auto& [path, contents] : m_files)
    {
        const std::string tmp = path + ".tmp";
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
        {
            removeTemporaries();
            throw DnnInputError(path, "", "cannot write the file");
        }
    }
    m_files.clear();
}

} // namespace ns3
