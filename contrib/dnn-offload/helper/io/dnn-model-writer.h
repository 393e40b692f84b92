/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MODEL_WRITER_H
#define DNN_MODEL_WRITER_H

#include "ns3/dnn-model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Writes a DnnModel in the JSON model format, so that DnnModelReader reads it back to
 *        the same model (same layers, hyper-parameters, wiring and computed figures).
 *
 * Every layer lists its inputs explicitly and every hyper-parameter its type accepts, so the
 * file does not rely on the format's defaults. Used to turn an ONNX model into an editable
 * JSON file (dnn-offload-inspect --export-json).
 */
class DnnModelWriter
{
  public:
    /**
     * \brief The model as a JSON document.
     * \param model the model
     * \param source text for the document's "source" key ("" for none)
     * \return the document
     */
    static nlohmann::json ToJson(const DnnModel& model, const std::string& source = "");
    /**
     * \brief The model as JSON text: one line per layer, as the zoo files are written.
     * \param model the model
     * \param source text for the "source" key ("" for none)
     * \return the text, ending in a newline
     */
    static std::string ToText(const DnnModel& model, const std::string& source = "");
};

} // namespace ns3

#endif /* DNN_MODEL_WRITER_H */
