/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \brief libFuzzer target of the scheduling-instance loader: the input bytes are an
 *        instance file's text (cost-matrix or SAGA form, one instance or several).
 *
 * The text is read as a file of one instance, then, when it lists several, each named one
 * (at most 8) is read by name. Bad input must end in DnnInputError (or DnnCycleError, which
 * derives from it). Any other exception, a crash, a leak, undefined behaviour or an ns-3
 * abort is a finding.
 */

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-instance-reader.h"
#include "ns3/dnn-json-reader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace
{

/** Read one instance of \p text; DnnInputError is the expected rejection. */
void
ReadOne(const std::string& text, const std::string& name)
{
    try
    {
        const ns3::DnnSchedulingProblem problem =
            ns3::DnnInstanceReader::ReadText(text, "fuzz.json", name);
        (void) problem.TaskCount();
    }
    catch (const ns3::DnnInputError&)
    {
        // The documented rejection of bad input.
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    ReadOne(text, "");
    std::vector<std::string> names;
    try
    {
        names =
            ns3::DnnInstanceReader::InstanceNames(ns3::DnnJsonReader::ParseText(text, "fuzz.json"));
    }
    catch (const ns3::DnnInputError&)
    {
        return 0;
    }
    if (names.size() < 2)
    {
        return 0;
    }
    for (std::size_t i = 0; i < names.size() && i < 8; ++i)
    {
        if (!names[i].empty())
        {
            ReadOne(text, names[i]);
        }
    }
    return 0;
}
