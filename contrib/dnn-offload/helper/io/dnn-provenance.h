/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PROVENANCE_H
#define DNN_PROVENANCE_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief How a result was made, for summary.json and comparison.json: the random seed and
 *        run, the scenario's bytes (hashed), the command line, and the build (this
 *        project's version, its git commit when built from a checkout, ns-3's version).
 *
 * Nothing in it depends on when or where the program ran (no time, no host name), so the
 * same scenario, seed, run and command line give byte-identical results.
 */
struct DnnProvenance
{
    uint32_t seed{1};         //!< RngSeedManager seed
    uint32_t run{1};          //!< RngSeedManager run number
    std::string scenarioHash; //!< ScenarioHash() of the scenario text ("": unknown)
    std::string commandLine;  //!< CommandLine() of the program's arguments ("": none)

    /**
     * \brief The JSON object: {"seed", "run", "scenario_hash", "tool_version",
     *        "git_commit", "ns3_version", "command_line"}; null where unknown.
     * \return the object
     */
    nlohmann::json Json() const;

    /** \brief A scenario's hash: "fnv1a64:" and DnnFnv1a64Hex() of its bytes.
     *  \param text the scenario text as read \return the hash */
    static std::string ScenarioHash(const std::string& text);
    /** \brief Arguments as given, each shell-quoted (ShellQuote()) and joined by spaces.
     *  \param args the arguments, the program first \return the line */
    static std::string CommandLine(const std::vector<std::string>& args);
    /** \brief One argument quoted for a POSIX shell: as is when it holds only
     *  [A-Za-z0-9_@%+=:,./-] (and is not empty), else in single quotes, a quote in it
     *  written '\''. \param arg the argument \return the quoted text */
    static std::string ShellQuote(const std::string& arg);
    /** \brief This project's version (CMake's project version). \return e.g. "0.1" */
    static std::string ToolVersion();
    /** \brief The git commit the library was configured from. \return 40 hex digits, or ""
     *  when it was not built from a git checkout */
    static std::string GitCommit();
    /** \brief The ns-3 version built against. \return e.g. "3.37", or "" if unknown */
    static std::string Ns3Version();
};

} // namespace ns3

#endif /* DNN_PROVENANCE_H */
