/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_OUTPUT_FILES_H
#define DNN_OUTPUT_FILES_H

#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A set of output files written all together or not at all.
 *
 * Add() collects (path, contents); Stream() opens "path.tmp-PID" for a file written as a
 * run goes (a long run's rows, so they need not stay in memory). Commit() writes the
 * collected files to "path.tmp-PID" and, only when every file was written, renames them all
 * into place. A temporary is always a new file in the target's own folder (created
 * exclusively, never through a link), so the rename stays on one file system and never
 * writes through a link or over a file the set did not create.
 * On failure, and when destroyed without a Commit(), it removes its temporary files (and
 * Commit() throws DnnInputError naming the path), so no half-written result is ever left.
 */
class DnnOutputFiles
{
  public:
    DnnOutputFiles() = default;
    DnnOutputFiles(const DnnOutputFiles&) = delete;
    DnnOutputFiles& operator=(const DnnOutputFiles&) = delete;
    /** Removes the temporary files of an uncommitted set. */
    ~DnnOutputFiles();

    /** \brief Queue a file. \param path where it goes \param contents what it holds */
    void Add(const std::string& path, std::string contents);
    /** \brief Open a file to write as the run goes (into "path.tmp"). Throws DnnInputError
     *  naming the path when it cannot be created. \param path where it goes
     *  \return the stream, valid until Commit() or destruction */
    std::ostream& Stream(const std::string& path);
    /** \brief Write every queued file and close the streams, all or nothing. */
    void Commit();

  private:
    /** \brief Remove every temporary file. */
    void RemoveTemporaries();
    /** \brief The temporary of a file. \param path the file \return "path.tmp-PID" */
    static std::string Temporary(const std::string& path);
    /** \brief Create the temporary of \p path, a new file (O_EXCL, no link followed).
     *  \param path the file \return false if it cannot be created */
    bool CreateTemporary(const std::string& path);

    std::vector<std::pair<std::string, std::string>> m_files; //!< queued (path, contents)
    std::vector<std::pair<std::string, std::unique_ptr<std::ofstream>>> m_streams; //!< open
    std::vector<std::string> m_created; //!< temporaries this set created (and may remove)
};

} // namespace ns3

#endif /* DNN_OUTPUT_FILES_H */
