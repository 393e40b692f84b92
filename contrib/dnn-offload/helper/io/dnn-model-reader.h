/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MODEL_READER_H
#define DNN_MODEL_READER_H

#include "ns3/dnn-model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Reads DNN model files (the JSON format of the module doc, or ONNX: a file whose name
 *        ends in ".onnx" goes to DnnOnnxReader) into DnnModel.
 *
 * Strict: unknown keys (with a did-you-mean), missing keys, wrong types, non-positive sizes,
 * unknown layer types, unknown or duplicate layer names, cycles and shape errors all throw
 * DnnInputError naming the file and the JSON path.
 */
class DnnModelReader
{
  public:
    /**
     * \brief Read a model file.
     * \param file path of the JSON file, or of an ONNX file (name ending in ".onnx")
     * \return the model, shapes inferred
     */
    static DnnModel ReadFile(const std::string& file);
    /**
     * \brief Read a model given as text (what ReadFile does after reading the file).
     * \param text the JSON text
     * \param file name used in error messages
     * \return the model, shapes inferred
     */
    static DnnModel ReadText(const std::string& text, const std::string& file);
    /**
     * \brief Read a model from a parsed document.
     * \param document the JSON document
     * \param file name used in error messages
     * \return the model, shapes inferred
     */
    static DnnModel Read(const nlohmann::json& document, const std::string& file);
    /** \brief The layer type names a model file may use. \return the names */
    static const std::vector<std::string>& LayerTypeNames();
};

} // namespace ns3

#endif /* DNN_MODEL_READER_H */
