/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMMAND_LINE_H
#define DNN_COMMAND_LINE_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Reject unknown command-line options before ns3::CommandLine sees them.
 *
 * ns3::CommandLine prints its help and exits with status 1 on an unknown option; our tools
 * treat every bad input alike (one clear message, status 2). Accepted: the given option
 * names, ns-3's own (--PrintHelp, --PrintTypeIds, ...), attribute paths (--ns3::Type::Name)
 * and global values.
 *
 * \param argc argument count, as given to main
 * \param argv arguments, as given to main
 * \param options the program's own option names, without the leading dashes
 * \return "" when all are known, else a message naming the first unknown option, with a
 *         did-you-mean when one is close
 */
std::string DnnFindUnknownOption(int argc, char* argv[], const std::vector<std::string>& options);

/**
 * \ingroup dnn-offload
 * \brief Whether \p text reads as a value of an attribute of type \p valueType
 *        (AttributeChecker::GetValueTypeName(), e.g. "ns3::UintegerValue"). ns-3 aborts the
 *        program on some malformed values ("lots" for a number) and silently truncates
 *        others ("50.5" -> 50), so check numbers and booleans before setting them; other
 *        types are left to ns-3's own (fail-safe) checks.
 * \param valueType the attribute's value type
 * \param text the value
 * \return false if it is certainly malformed
 */
bool DnnAttributeTextParses(const std::string& valueType, const std::string& text);

} // namespace ns3

#endif /* DNN_COMMAND_LINE_H */
