/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-data-paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef DNN_OFFLOAD_MODELS_DIR
#    define DNN_OFFLOAD_MODELS_DIR ""
#endif

namespace ns3
{

std::string
DnnDefaultModelsDir()
{
    if (const char* fromEnvironment = std::getenv("DNN_OFFLOAD_MODELS");
        fromEnvironment != nullptr && *fromEnvironment != '\0')
    {
        return fromEnvironment;
    }
    const std::string recorded = DNN_OFFLOAD_MODELS_DIR;
    std::error_code error;
    if (!recorded.empty() && std::filesystem::is_directory(recorded, error))
    {
        return recorded;
    }
    return "scenarios/models";
}

} // namespace ns3
