/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \brief libFuzzer target of the ONNX model loader: the input bytes are an .onnx file's
 *        content (seeds: the shipped ONNX files).
 *
 * Bad input must end in DnnInputError (or DnnCycleError, which derives from it). Any other
 * exception, a crash, a leak, undefined behaviour or an ns-3 abort is a finding.
 */

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-onnx-reader.h"
#include "ns3/dnn-partitioner.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try
    {
        const ns3::DnnModel model = ns3::DnnOnnxReader::ReadBytes(bytes, "fuzz.onnx");
        // Touch the computed figures and cut the model, as the tools do after loading.
        (void) model.Params();
        (void) model.Flops();
        (void) ns3::DnnPartitioner(ns3::DnnPartitionConfig::Parse("piecewise:2")).Partition(model);
    }
    catch (const ns3::DnnInputError&)
    {
        // The documented rejection of bad input.
    }
    return 0;
}
