/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TEST_UTIL_H
#define DNN_TEST_UTIL_H

#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-model.h"

#include <memory>
#include <string>

namespace ns3
{
namespace test
{

/** \brief Path of a file in the source tree. \param relative path from the repository root
 *  \return the absolute path */
inline std::string
SourcePath(const std::string& relative)
{
    return std::string(DNN_SOURCE_DIR) + "/" + relative;
}

/** \brief Load a model of the zoo (scenarios/models/NAME.json). \param name model name
 *  \return the model */
inline std::shared_ptr<const DnnModel>
LoadZooModel(const std::string& name)
{
    return std::make_shared<const DnnModel>(
        DnnModelReader::ReadFile(SourcePath("scenarios/models/" + name + ".json")));
}

} // namespace test
} // namespace ns3

#endif /* DNN_TEST_UTIL_H */
