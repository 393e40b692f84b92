/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \brief libFuzzer target of the model loader: the input bytes are a model file's text.
 *
 * Bad input must end in DnnInputError (or DnnCycleError, which derives from it). Any other
 * exception, a crash, a leak, undefined behaviour or an ns-3 abort is a finding.
 */

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-model-reader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try
    {
        const ns3::DnnModel model = ns3::DnnModelReader::ReadText(text, "fuzz.json");
        // Touch the computed figures, as the tools do after loading.
        (void) model.Params();
        (void) model.Flops();
        for (std::size_t i = 0; i < model.LayerCount(); ++i)
        {
            (void) model.OutputBytes(i);
        }
    }
    catch (const ns3::DnnInputError&)
    {
        // The documented rejection of bad input.
    }
    return 0;
}
