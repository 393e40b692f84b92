/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_OUTPUT_FILES_H
#define DNN_OUTPUT_FILES_H

#include <cstddef>
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

/**
 * \ingroup dnn-offload
 * \brief The names dnn-offload-run gives to what it writes, in one place: the files of a
 * results folder, the hidden marker, the partial folder and the calibration cache beside it.
 *
 * A results folder DIR (results/<scenario name> by default) holds FileNames() and one
 * folder per scheduler, named by its label; it is written as ".DIR.partial-PID" beside DIR
 * and renamed into place. The scenario reader checks names and labels against these
 * (DnnScenarioReader), so that every name derived from them fits NAME_MAX and none clashes
 * with a file of the tool.
 */
struct DnnResultsFolder
{
    /** The marker file of a results folder (lists the files the tool wrote). */
    static constexpr const char* MARKER = ".dnn-offload-results";
    /** The calibration cache, a folder beside the results folder by default. */
    static constexpr const char* CALIBRATION_CACHE = ".calibration-cache";
    /** What a partial folder's name adds to the results folder's: "." before, this after,
     *  then the process id. */
    static constexpr const char* PARTIAL_INFIX = ".partial-";
    /** The most bytes of a file name (NAME_MAX of Linux file systems). */
    static constexpr std::size_t NAME_MAX_BYTES = 255;
    /** The most digits of a process id in a partial folder's name (a 32-bit pid_t). */
    static constexpr std::size_t PID_DIGITS = 10;

    /** \brief The files dnn-offload-run writes into a results folder, the marker included
     *  (not the per-scheduler folders). \return the names */
    static const std::vector<std::string>& FileNames();
    /** \brief The partial folder's name for a results folder's. \param name the results
     *  folder's name \param pid the process id \return ".NAME.partial-PID" */
    static std::string PartialName(const std::string& name, long pid);
    /** \brief The most bytes of a scenario name (it names the results folder, whose partial
     *  folder's name must still fit NAME_MAX). \return 255 - 1 - 9 - 10 = 235 */
    static constexpr std::size_t MaxScenarioNameBytes()
    {
        return NAME_MAX_BYTES - 1 - std::char_traits<char>::length(PARTIAL_INFIX) - PID_DIGITS;
    }
    /** \brief The most bytes of a scheduler label (it names a folder as it is).
     *  \return 255 */
    static constexpr std::size_t MaxLabelBytes() { return NAME_MAX_BYTES; }
};

} // namespace ns3

#endif /* DNN_OUTPUT_FILES_H */
