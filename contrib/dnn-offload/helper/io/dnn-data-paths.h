/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DATA_PATHS_H
#define DNN_DATA_PATHS_H

#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The folder of the zoo models (alexnet.json, resnet50.json, ...), wherever the module
 *        is built and run from.
 *
 * In order: the environment variable DNN_OFFLOAD_MODELS when set; the folder the build
 * recorded, when it exists (the project's scenarios/models out of tree; inside an ns-3 source
 * tree, the module's models/ folder, where scripts/check-ns3-release.sh copies the zoo);
 * otherwise "scenarios/models", relative to the working directory.
 *
 * \return the folder
 */
std::string DnnDefaultModelsDir();

} // namespace ns3

#endif /* DNN_DATA_PATHS_H */
