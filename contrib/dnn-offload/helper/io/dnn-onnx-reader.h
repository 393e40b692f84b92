/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ONNX_READER_H
#define DNN_ONNX_READER_H

#include "ns3/dnn-model.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Reads an ONNX model file into a DnnModel: the operators become the model's layer
 *        kinds, so shapes, parameters, MACs and FLOPs are counted exactly as for a JSON model.
 *
 * The file is parsed with protobuf (a malformed file is an input error), checked with ONNX's
 * checker, its batch dimension set to 1 (a dynamic or unit batch; a fixed batch above 1 is
 * refused) and its shapes inferred by ONNX's own shape inference. Weight shapes come from the
 * initializers or, for files exported without weights, from the graph inputs after the
 * first, which is the model input. Shape arithmetic (Shape, Gather, Unsqueeze, Concat of
 * constants, Constant, ...) is evaluated into constant Reshape and Slice inputs, shapes are
 * inferred again, and it is folded away; Identity, Dropout and Reshape/Flatten that keep the
 * tensor are aliases; Sigmoid feeding a Mul with its own input is one SiLU activation; a
 * Reshape-Transpose-Reshape channel shuffle is one channel_shuffle layer. Transformers
 * (torchvision's ViT as torch 1.13 exports it): token tensors [T, F] or [1, T, F] are placed
 * right-aligned in [C, H, W]; LayerNormalization (or its decomposition below opset 17) is a
 * layer_norm, torch's Div-Erf-Add-Mul-Mul a GELU activation, a MatMul of two activations a
 * matmul, a MatMul with a weight on tokens a per-token linear (with the following bias Add
 * folded), the class token Concat a class_token and the Add of the position embedding a
 * position_embedding. Every activation's inferred shape is checked against the model read.
 * The module doc ("ONNX models") lists the operators and their mapping.
 *
 * Every problem throws DnnInputError naming the file, the node ("/graph/node/12" and its
 * name and op type) and what is wrong; an operator outside the supported set names the
 * supported ones.
 */
class DnnOnnxReader
{
  public:
    /**
     * \brief Read an ONNX file.
     * \param file path of the .onnx file
     * \return the model, named after the file (without folder and extension)
     */
    static DnnModel ReadFile(const std::string& file);
    /**
     * \brief Read an ONNX model from its serialised bytes (what ReadFile does after reading).
     * \param bytes the protobuf bytes
     * \param file name for messages; the model is named after it
     * \return the model
     */
    static DnnModel ReadBytes(const std::string& bytes, const std::string& file);
    /** \brief The ONNX operator types the reader accepts. \return the names, sorted */
    static const std::vector<std::string>& SupportedOps();
};

} // namespace ns3

#endif /* DNN_ONNX_READER_H */
