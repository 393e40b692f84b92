/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TOOL_H
#define DNN_TOOL_H

#include "ns3/dnn-input-error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

/**
 * \file
 * What the three command-line programs (dnn-offload-run, -schedule, -inspect) share: their
 * main() (one catch ladder, one set of exit statuses), usage errors, option lists and number
 * formatting.
 *
 * Exit status of every tool: 0 on success; 2 on bad input (DnnInputError: the message names
 * the file and JSON path) or bad usage (DnnUsageError: it names the option); 1 when a
 * scheduler produced an invalid schedule (DnnInvalidScheduleError, a bug) or on any other
 * error (a bug or the machine, e.g. out of memory). Every error is one "error: ..." line on
 * standard error, its control characters escaped (DnnEscapeControl); none aborts.
 */

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Bad command-line usage: reported like bad input files, exit status 2.
 */
struct DnnUsageError : std::runtime_error
{
    /** \brief Build the error. \param message what is wrong, naming the option; its control
     *  characters are escaped (DnnEscapeControl) */
    explicit DnnUsageError(const std::string& message)
        : std::runtime_error(DnnEscapeControl(message))
    {
    }
};

/**
 * \ingroup dnn-offload
 * \brief Run a tool's body and turn what it throws into a message and an exit status.
 * \param argc argument count \param argv arguments
 * \param run the tool's body; returns the exit status of a normal end
 * \return the exit status (see the file's description)
 */
int DnnToolMain(int argc, char* argv[], int (*run)(int, char*[]));

/**
 * \brief Check a command line whose options all take text: every option is one of \p
 *        options, none is empty or malformed, and ns-3's own options are valid.
 * \param argc argument count
 * \param argv arguments
 * \param options the tool's option names, without "--"
 * Throws DnnUsageError naming the first bad option.
 */
void DnnCheckTextOptions(int argc, char* argv[], const std::vector<std::string>& options);

/**
 * \ingroup dnn-offload
 * \brief Split a comma-separated list, dropping empty items ("a,,b," gives a, b).
 * \param list the text \return the items
 */
std::vector<std::string> DnnSplitList(const std::string& list);

/**
 * \ingroup dnn-offload
 * \brief A number with up to 10 significant digits; integers without decimals (80, not 80.0).
 * \param value the number \return its text
 */
std::string DnnFormatNumber(double value);

/**
 * \ingroup dnn-offload
 * \brief A number with a fixed number of decimals.
 * \param value the number \param digits decimals \return its text
 */
std::string DnnFormatFixed(double value, int digits);

/**
 * \ingroup dnn-offload
 * \brief A number as JSON: an integer when it is one (|value| < 1e15), else a double.
 * \param value the number \return its JSON value
 */
nlohmann::json DnnJsonNumber(double value);

/**
 * \ingroup dnn-offload
 * \brief An output path made absolute and normal: no trailing separator, no "." or ".."
 *  components, symbolic links of the existing part resolved (weakly_canonical).
 * \param path the path as the user wrote it \return the normal path
 */
std::filesystem::path DnnNormalPath(const std::string& path);

/**
 * \ingroup dnn-offload
 * \brief Whether \p outer is \p inner or one of its parent folders (both normal paths).
 * \param outer a folder \param inner a path \return true if \p outer contains \p inner
 */
bool DnnPathContains(const std::filesystem::path& outer, const std::filesystem::path& inner);

/**
 * \ingroup dnn-offload
 * \brief Refuse (DnnUsageError, exit 2) an output file the tool would clobber: an input
 *  file (after following links), a symbolic link, a folder, a device or anything else
 *  that is not a regular file or a new path.
 * \param option the option naming the file ("--dot") \param path the path as given
 * \param inputs the files the tool reads
 */
void DnnCheckOutputFile(const std::string& option, const std::string& path,
                        const std::vector<std::string>& inputs);

} // namespace ns3

#endif /* DNN_TOOL_H */
