/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_OUTPUT_FILES_H
#define DNN_OUTPUT_FILES_H

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A set of output files written all together or not at all.
 *
 * Add() collects (path, contents); Commit() writes each to "path.tmp" and, only when every
 * one was written, renames them into place. On failure it removes its temporary files and
 * throws DnnInputError naming the path, so no half-written result is ever left behind.
 */
class DnnOutputFiles
{
  public:
    /** \brief Queue a file. \param path where it goes \param contents what it holds */
    void Add(const std::string& path, std::string contents);
    /** \brief Write every queued file, all or nothing. */
    void Commit();

  private:
    std::vector<std::pair<std::string, std::string>> m_files; //!< queued (path, contents)
};

} // namespace ns3

#endif /* DNN_OUTPUT_FILES_H */
