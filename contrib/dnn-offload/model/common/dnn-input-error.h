/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_INPUT_ERROR_H
#define DNN_INPUT_ERROR_H

#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief \p text with its control characters escaped, so that a message quoting input is
 *        one line and sends no terminal escape sequence: newline, carriage return and tab
 *        as \\n, \\r, \\t, NUL as \\0, the other C0 controls and DEL as \\xNN and the C1
 *        controls (U+0080 to U+009F, in UTF-8) as \\u00NN. Other bytes (printable ASCII,
 *        UTF-8 text) are kept.
 * \param text the text \return the escaped text
 */
std::string DnnEscapeControl(const std::string& text);

/**
 * \ingroup dnn-offload
 * \brief A user-supplied file (model, scenario, instance) is malformed.
 *
 * Carries the file name, the JSON pointer of the offending value (e.g. "/layers/3/kernel")
 * and what is wrong, and formats them as one message:
 * "scenarios/models/x.json: /layers/3/kernel: must be a positive integer, got -1", with its
 * control characters escaped (DnnEscapeControl): the message is always one line.
 * Command-line tools catch it, print what() and exit with status 2.
 */
class DnnInputError : public std::runtime_error
{
  public:
    /**
     * \brief Build the error.
     * \param file the file the input came from (may be empty for in-memory input)
     * \param jsonPath JSON pointer of the offending value ("" for the whole document)
     * \param detail what is wrong, in words a user understands
     */
    DnnInputError(const std::string& file, const std::string& jsonPath, const std::string& detail);

    /** \brief The file the input came from. \return the file name */
    const std::string& File() const;
    /** \brief JSON pointer of the offending value. \return the path, "" for the document */
    const std::string& JsonPath() const;
    /** \brief What is wrong. \return the detail text, without file and path */
    const std::string& Detail() const;

  private:
    std::string m_file;     //!< file name
    std::string m_jsonPath; //!< JSON pointer
    std::string m_detail;   //!< description of the problem
};

/**
 * \ingroup dnn-offload
 * \brief A graph (model layers or task graph) has a cycle.
 *
 * The message and Cycle() name the nodes on the cycle, in order.
 */
class DnnCycleError : public DnnInputError
{
  public:
    /**
     * \brief Build the error.
     * \param file the file the graph came from (may be empty)
     * \param jsonPath JSON pointer of the element list holding the cycle
     * \param cycle names of the nodes on the cycle, in order
     */
    DnnCycleError(const std::string& file, const std::string& jsonPath,
                  const std::vector<std::string>& cycle);

    /** \brief Names of the nodes on the cycle. \return the names, in cycle order */
    const std::vector<std::string>& Cycle() const;

  private:
    std::vector<std::string> m_cycle; //!< the nodes on the cycle
};

} // namespace ns3

#endif /* DNN_INPUT_ERROR_H */
