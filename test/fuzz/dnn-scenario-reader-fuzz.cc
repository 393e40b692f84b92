/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \brief libFuzzer target of the scenario loader: the input bytes are a scenario file's text.
 *
 * DnnScenarioReader::ReadText reads it with the shipped scenarios/ folder as the base
 * folder, so a fuzzed scenario's "model": "alexnet" resolves to scenarios/models/alexnet.json
 * as it would for a file in scenarios/ (set DNN_FUZZ_SCENARIO_DIR to use another folder).
 * The loader only reads there. Bad input must end in DnnInputError; any other exception, a
 * crash, a leak, undefined behaviour or an ns-3 abort is a finding.
 */

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-scenario-reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace
{

/** The folder fuzzed scenarios look their models up from. \return the folder */
const std::string&
BaseDir()
{
    static const std::string dir = []
    {
        const char* env = std::getenv("DNN_FUZZ_SCENARIO_DIR");
        return std::string(env != nullptr && *env != '\0' ? env : DNN_SOURCE_DIR "/scenarios");
    }();
    return dir;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try
    {
        const ns3::DnnScenario scenario =
            ns3::DnnScenarioReader::ReadText(text, "fuzz.json", BaseDir());
        if (scenario.horizon <= 0)
        {
            // The experiment's next step: every request partitioned, the problem built.
            const ns3::DnnWorkload workload = ns3::DnnScenarioReader::BuildWorkload(scenario);
            (void) workload.problem.TaskCount();
        }
    }
    catch (const ns3::DnnInputError&)
    {
        // The documented rejection of bad input.
    }
    return 0;
}
