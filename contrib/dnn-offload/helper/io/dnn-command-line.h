/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMMAND_LINE_H
#define DNN_COMMAND_LINE_H

#include <map>
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
 * \brief The arguments with the old scheduler TypeId names replaced by the current ones
 *        (DnnScheduler::CanonicalTypeName()), so that ns3::CommandLine and Config, which
 *        know only the current names, accept both.
 *
 * Replaced: the type of an attribute option (--ns3::PsoGaScheduler::Particles=4 becomes
 * --ns3::DnnPsoGaScheduler::Particles=4) and the value of --PrintAttributes. Every other
 * argument is kept as it is, and argument i of the result stands for argv[i].
 *
 * \param argc argument count, as given to main
 * \param argv arguments, as given to main
 * \return the arguments, argv[0] included
 */
std::vector<std::string> DnnCanonicalArguments(int argc, char* argv[]);

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

/**
 * \ingroup dnn-offload
 * \brief The type of a program option's value, for DnnCheckOptionValues().
 */
enum class DnnOptionType
{
    Uint32,   //!< a whole number 0..4294967295, written in decimal digits
    Positive, //!< a whole number 1..4294967295 (a seed, a run number: 0 is no value)
    Text,     //!< any text but the empty one ("--out=": ns3::CommandLine exits 1 on it)
    Bool,     //!< a flag: no value, or true/false/t/f/1/0 (any case)
};

/**
 * \ingroup dnn-offload
 * \brief Check the values of typed options before ns3::CommandLine parses them.
 *
 * ns3::CommandLine exits with status 1 on "--seed=abc" and silently reads "--seed=-1" as
 * 4294967295, "--seed=1.5" as 1 and "--seed=0x10" as 0; our tools report every bad value
 * alike (one clear message, status 2).
 *
 * \param argc argument count, as given to main
 * \param argv arguments, as given to main
 * \param options option name (without dashes) -> the type of its value
 * \return "" when every value is well-formed, else a message naming the first bad one
 */
std::string DnnCheckOptionValues(int argc, char* argv[],
                                 const std::map<std::string, DnnOptionType>& options);

/**
 * \ingroup dnn-offload
 * \brief Check, and apply, ns-3's own options before ns3::CommandLine parses them: attribute
 *        defaults (--ns3::Type::Attribute=value) and global values (--RngRun=N,
 *        --ChecksumEnabled=true, ...).
 *
 * ns3::CommandLine aborts the program (status 134) on "--RngRun=abc", prints its usage and
 * exits 1 on "--ChecksumEnabled=maybe", and silently truncates "--RngRun=1.5"; each is a
 * bad option here, one line naming it. An attribute default is set here (Config::
 * SetDefaultFailSafe), a global value only checked (ns3::CommandLine sets it).
 *
 * \param written the arguments as the user wrote them (argv), which the messages name
 * \param canonical the same arguments as given to ns3::CommandLine (DnnCanonicalArguments())
 * \param replaced global values the program sets itself from an option of its own: global
 *        name -> that option (e.g. "RngRun" -> "run"); giving one is refused, naming the
 *        option to use, since the program would override it
 * \return "" when every such option is valid, else a message naming the first bad one
 */
std::string DnnCheckNs3Options(const std::vector<std::string>& written,
                               const std::vector<std::string>& canonical,
                               const std::map<std::string, std::string>& replaced);

} // namespace ns3

#endif /* DNN_COMMAND_LINE_H */
