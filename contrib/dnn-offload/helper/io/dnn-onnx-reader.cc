/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-onnx-reader.h"

#include "dnn-json-reader.h"
#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <google/protobuf/io/coded_stream.h>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnOnnxReader");

namespace
{

/** Operators that only compute shapes when all their inputs are constants (folded away). */
const std::set<std::string> SHAPE_OPS = {"Shape",   "Constant", "Gather",  "Unsqueeze",
                                         "Squeeze", "Concat",   "Cast",    "Slice",
                                         "Add",     "Sub",      "Mul",     "Div",
                                         "Floor",   "Identity", "Reshape", "ConstantOfShape"};

/** Operators that become layers (or aliases of their input). */
const std::set<std::string> LAYER_OPS = {"Pad",
                                         "Slice",
                                         "Transpose",
                                         "Conv",
                                         "Gemm",
                                         "MatMul",
                                         "MaxPool",
                                         "AveragePool",
                                         "GlobalAveragePool",
                                         "ReduceMean",
                                         "BatchNormalization",
                                         "Relu",
                                         "Clip",
                                         "Sigmoid",
                                         "Tanh",
                                         "HardSwish",
                                         "HardSigmoid",
                                         "Mul",
                                         "Add",
                                         "Concat",
                                         "Flatten",
                                         "Reshape",
                                         "Dropout",
                                         "Softmax",
                                         "Identity"};

/** Static dimensions of a tensor, -1 where unknown; empty when the rank is unknown. */
using Dims = std::vector<int64_t>;

/** The largest dimension or attribute value read (as the JSON reader's 2^40). */
constexpr int64_t VALUE_LIMIT = int64_t{1} << 40;

/** Dims of a type proto. */
bool
DimsOf(const onnx::TypeProto& type, Dims* dims)
{
    if (!type.has_tensor_type() || !type.tensor_type().has_shape())
    {
        return false;
    }
    dims->clear();
    for (const auto& d : type.tensor_type().shape().dim())
    {
        dims->push_back(d.has_dim_value() ? d.dim_value() : -1);
    }
    return true;
}

std::string
DimsText(const Dims& dims)
{
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
    {
        s += (i ? ", " : "") + (dims[i] < 0 ? std::string("?") : std::to_string(dims[i]));
    }
    return s + "]";
}

/** The integer values of a constant tensor (INT64 or INT32, in its typed fields or raw). */
bool
IntValues(const onnx::TensorProto& t, std::vector<int64_t>* values)
{
    values->clear();
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
    {
        return false;
    }
    if (t.data_type() == onnx::TensorProto::INT64)
    {
        if (t.has_raw_data())
        {
            const std::string& raw = t.raw_data();
            if (raw.size() % sizeof(int64_t) != 0)
            {
                return false;
            }
            values->resize(raw.size() / sizeof(int64_t));
            std::memcpy(values->data(), raw.data(), raw.size());
            return true;
        }
        values->assign(t.int64_data().begin(), t.int64_data().end());
        return true;
    }
    if (t.data_type() == onnx::TensorProto::INT32)
    {
        if (t.has_raw_data())
        {
            const std::string& raw = t.raw_data();
            if (raw.size() % sizeof(int32_t) != 0)
            {
                return false;
            }
            std::vector<int32_t> v(raw.size() / sizeof(int32_t));
            std::memcpy(v.data(), raw.data(), raw.size());
            values->assign(v.begin(), v.end());
            return true;
        }
        values->assign(t.int32_data().begin(), t.int32_data().end());
        return true;
    }
    return false;
}

/**
 * Folds the shape arithmetic exporters emit (Shape, Gather, Unsqueeze, Concat, Div, ... of
 * the activations' static shapes) into constant inputs of Reshape and Slice, and re-runs ONNX's
 * shape inference, until every shape it can reach is known: ONNX's own inference does not
 * evaluate these chains, so without this the shapes after a Reshape stay unknown.
 */
class OnnxShapeFolder
{
  public:
    /** \param model the model, changed in place */
    explicit OnnxShapeFolder(onnx::ModelProto& model) : m_model(model) {}

    /** Infer shapes, fold, repeat while a fold made progress. */
    void Run()
    {
        const int limit = m_model.graph().node_size() + 1;
        for (int round = 0; round < limit; ++round)
        {
            onnx::shape_inference::InferShapes(m_model);
            if (!FoldOnce())
            {
                return;
            }
        }
    }

  private:
    using Values = std::vector<int64_t>;

    /** One pass over the nodes; true when an input was replaced by a constant. */
    bool FoldOnce()
    {
        onnx::GraphProto& graph = *m_model.mutable_graph();
        m_producer.clear();
        m_initializer.clear();
        m_shape.clear();
        m_memo.clear();
        for (int i = 0; i < graph.node_size(); ++i)
        {
            for (const auto& out : graph.node(i).output())
            {
                m_producer[out] = i;
            }
        }
        for (const auto& t : graph.initializer())
        {
            m_initializer[t.name()] = &t;
        }
        auto addShapes = [this](const auto& list)
        {
            for (const auto& v : list)
            {
                Dims dims;
                if (DimsOf(v.type(), &dims))
                {
                    m_shape[v.name()] = dims;
                }
            }
        };
        addShapes(graph.input());
        addShapes(graph.value_info());
        addShapes(graph.output());
        std::vector<std::pair<std::pair<int, int>, Values>> folds;
        for (int i = 0; i < graph.node_size(); ++i)
        {
            const onnx::NodeProto& node = graph.node(i);
            int first = 0;
            int last = -1;
            if (node.op_type() == "Reshape")
            {
                first = last = 1;
            }
            else if (node.op_type() == "Slice")
            {
                first = 1;
                last = std::min(node.input_size() - 1, 4);
            }
            for (int k = first; k <= last && k < node.input_size(); ++k)
            {
                const std::string& in = node.input(k);
                Values values;
                if (!in.empty() && !m_initializer.count(in) && Evaluate(in, &values, 0))
                {
                    folds.push_back({{i, k}, values});
                }
            }
        }
        for (const auto& [where, values] : folds)
        {
            onnx::NodeProto* node = graph.mutable_node(where.first);
            const std::string name = node->input(where.second) + "#folded";
            if (!m_initializer.count(name))
            {
                onnx::TensorProto* t = graph.add_initializer();
                t->set_name(name);
                t->set_data_type(onnx::TensorProto::INT64);
                t->add_dims(static_cast<int64_t>(values.size()));
                for (int64_t v : values)
                {
                    t->add_int64_data(v);
                }
                m_initializer[name] = t;
            }
            node->set_input(where.second, name);
        }
        return !folds.empty();
    }

    /** The attribute \p name of \p node, or nullptr. */
    static const onnx::AttributeProto* Attr(const onnx::NodeProto& node, const std::string& name)
    {
        for (const auto& a : node.attribute())
        {
            if (a.name() == name)
            {
                return &a;
            }
        }
        return nullptr;
    }

    /** The integer values of \p tensor, when they follow from constants and static shapes. */
    bool Evaluate(const std::string& tensor, Values* out, int depth)
    {
        const auto memo = m_memo.find(tensor);
        if (memo != m_memo.end())
        {
            *out = memo->second.second;
            return memo->second.first;
        }
        const bool ok = depth < 64 && Compute(tensor, out, depth);
        m_memo[tensor] = {ok, ok ? *out : Values{}};
        return ok;
    }

    bool Compute(const std::string& tensor, Values* out, int depth)
    {
        const auto init = m_initializer.find(tensor);
        if (init != m_initializer.end())
        {
            return IntValues(*init->second, out);
        }
        const auto it = m_producer.find(tensor);
        if (it == m_producer.end())
        {
            return false;
        }
        const onnx::NodeProto& node = m_model.graph().node(it->second);
        const std::string& op = node.op_type();
        std::vector<Values> in(node.input_size());
        auto input = [&](int k)
        {
            return k < node.input_size() && !node.input(k).empty() &&
                   Evaluate(node.input(k), &in[k], depth + 1);
        };
        constexpr int64_t LIMIT = int64_t{1} << 40; // keeps every product countable
        auto sane = [](const Values& v)
        {
            return v.size() <= 16 && std::all_of(v.begin(), v.end(),
                                                 [](int64_t x) { return x > -LIMIT && x < LIMIT; });
        };
        if (op == "Constant")
        {
            const auto* a = Attr(node, "value");
            if (a && a->has_t())
            {
                return IntValues(a->t(), out) && sane(*out);
            }
            if ((a = Attr(node, "value_ints")))
            {
                out->assign(a->ints().begin(), a->ints().end());
                return sane(*out);
            }
            if ((a = Attr(node, "value_int")))
            {
                *out = {a->i()};
                return sane(*out);
            }
            return false;
        }
        if (op == "Shape")
        {
            const auto s = m_shape.find(node.input_size() > 0 ? node.input(0) : "");
            if (s == m_shape.end() ||
                std::any_of(s->second.begin(), s->second.end(), [](int64_t d) { return d < 0; }))
            {
                return false;
            }
            const auto rank = static_cast<int64_t>(s->second.size());
            int64_t start = Attr(node, "start") ? Attr(node, "start")->i() : 0;
            int64_t end = Attr(node, "end") ? Attr(node, "end")->i() : rank;
            start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
            end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
            out->assign(s->second.begin() + start, s->second.begin() + std::max(start, end));
            return sane(*out);
        }
        if (op == "Identity" || op == "Cast" || op == "Unsqueeze" || op == "Squeeze")
        {
            if (!input(0))
            {
                return false;
            }
            *out = in[0];
            return true;
        }
        if (op == "Gather")
        {
            if (!input(0) || !input(1) || (Attr(node, "axis") && Attr(node, "axis")->i() != 0))
            {
                return false;
            }
            out->clear();
            const auto n = static_cast<int64_t>(in[0].size());
            for (int64_t index : in[1])
            {
                index = index < 0 ? index + n : index;
                if (index < 0 || index >= n)
                {
                    return false;
                }
                out->push_back(in[0][index]);
            }
            return sane(*out);
        }
        if (op == "Concat")
        {
            out->clear();
            for (int k = 0; k < node.input_size(); ++k)
            {
                if (!input(k))
                {
                    return false;
                }
                out->insert(out->end(), in[k].begin(), in[k].end());
            }
            return sane(*out);
        }
        if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
        {
            if (!input(0) || !input(1))
            {
                return false;
            }
            const Values& a = in[0];
            const Values& b = in[1];
            if (a.empty() || b.empty() || (a.size() != b.size() && a.size() != 1 && b.size() != 1))
            {
                return false;
            }
            out->assign(std::max(a.size(), b.size()), 0);
            for (std::size_t i = 0; i < out->size(); ++i)
            {
                const int64_t x = a[a.size() == 1 ? 0 : i];
                const int64_t y = b[b.size() == 1 ? 0 : i];
                if (op == "Div" && y == 0)
                {
                    return false;
                }
                int64_t r = 0;
                const bool overflow = op == "Add" ? __builtin_add_overflow(x, y, &r)
                                    : op == "Sub" ? __builtin_sub_overflow(x, y, &r)
                                    : op == "Mul" ? __builtin_mul_overflow(x, y, &r)
                                                  : (r = x / y, false);
                if (overflow)
                {
                    return false;
                }
                (*out)[i] = r;
            }
            return sane(*out);
        }
        return false;
    }

    onnx::ModelProto& m_model;
    std::unordered_map<std::string, int> m_producer;                         //!< tensor -> node
    std::unordered_map<std::string, const onnx::TensorProto*> m_initializer; //!< by name
    std::unordered_map<std::string, Dims> m_shape;                           //!< inferred shapes
    std::unordered_map<std::string, std::pair<bool, Values>> m_memo;         //!< evaluated tensors
};

/** Converts the nodes of one (shape-inferred) ONNX graph into layers. */
class OnnxGraphConverter
{
  public:
    OnnxGraphConverter(const onnx::GraphProto& graph, std::string file)
        : m_graph(graph), m_file(std::move(file))
    {
    }

    /** Convert; fills Layers() and InputShape(). */
    void Convert();
    /** \return the layers */
    std::vector<DnnLayer>& Layers() { return m_layers; }
    /** \return the model input's shape */
    const DnnTensorShape& InputShape() const { return m_inputShape; }

  private:
    [[noreturn]] void FailNode(const std::string& detail) const;
    [[noreturn]] void FailGraph(const std::string& path, const std::string& detail) const;
    const onnx::AttributeProto* Attr(const std::string& name) const;
    int64_t AttrInt(const std::string& name, int64_t fallback) const;
    Dims AttrInts(const std::string& name, const Dims& fallback) const;
    std::string AttrString(const std::string& name, const std::string& fallback) const;
    bool HasInput(int k) const;
    bool IsActivation(const std::string& tensor) const;
    int32_t Producer(int k) const;
    Dims ShapeOf(const std::string& tensor) const;
    Dims StaticShapeOf(const std::string& tensor, const std::string& what) const;
    bool ScalarValue(int k, double* value) const;
    bool IntsOf(int k, Dims* values) const;
    bool ChannelShuffle(int32_t producer, const Dims& in, const Dims& out);
    void SetPair(std::array<uint64_t, 2>& target, const Dims& value, const std::string& name) const;
    void Window(DnnLayer& layer, const Dims& kernel, bool dilated) const;
    int32_t AddLayer(DnnLayer layer, const std::string& name);
    void Output(int32_t layer, int k = 0);
    void Alias(int k = 0);
    void ConvertNode();

    const onnx::GraphProto& m_graph;
    std::string m_file;
    std::vector<DnnLayer> m_layers;
    DnnTensorShape m_inputShape;
    std::unordered_map<std::string, Dims> m_shapes;                        //!< inferred shapes
    std::unordered_map<std::string, const onnx::TensorProto*> m_constants; //!< known values
    std::unordered_set<std::string> m_folded;            //!< weights, constants, shape tensors
    std::unordered_map<std::string, int32_t> m_producer; //!< activation -> layer or input
    std::unordered_map<std::string, std::vector<int>> m_consumers; //!< tensor -> node indices
    std::set<std::string> m_names;                                 //!< layer names in use
    std::unordered_set<int> m_skip;                                //!< nodes already converted
    int m_index{0};                                                //!< current node
    const onnx::NodeProto* m_node{nullptr};                        //!< current node
};

void
OnnxGraphConverter::FailGraph(const std::string& path, const std::string& detail) const
{
    throw DnnInputError(m_file, path, detail);
}

void
OnnxGraphConverter::FailNode(const std::string& detail) const
{
    throw DnnInputError(m_file, "/graph/node/" + std::to_string(m_index),
                        "node \"" + m_node->name() + "\" (" + m_node->op_type() + "): " + detail);
}

const onnx::AttributeProto*
OnnxGraphConverter::Attr(const std::string& name) const
{
    for (const auto& a : m_node->attribute())
    {
        if (a.name() == name)
        {
            return &a;
        }
    }
    return nullptr;
}

int64_t
OnnxGraphConverter::AttrInt(const std::string& name, int64_t fallback) const
{
    const auto* a = Attr(name);
    return a ? a->i() : fallback;
}

Dims
OnnxGraphConverter::AttrInts(const std::string& name, const Dims& fallback) const
{
    const auto* a = Attr(name);
    return a ? Dims(a->ints().begin(), a->ints().end()) : fallback;
}

std::string
OnnxGraphConverter::AttrString(const std::string& name, const std::string& fallback) const
{
    const auto* a = Attr(name);
    return a ? a->s() : fallback;
}

bool
OnnxGraphConverter::HasInput(int k) const
{
    return k < m_node->input_size() && !m_node->input(k).empty();
}

bool
OnnxGraphConverter::IsActivation(const std::string& tensor) const
{
    return m_producer.count(tensor) > 0;
}

int32_t
OnnxGraphConverter::Producer(int k) const
{
    if (!HasInput(k))
    {
        FailNode("input " + std::to_string(k) + " is missing");
    }
    const auto it = m_producer.find(m_node->input(k));
    if (it == m_producer.end())
    {
        FailNode("input \"" + m_node->input(k) + "\" is not an activation computed before it (" +
                 (m_folded.count(m_node->input(k)) ? "a weight or constant" : "unknown") + ")");
    }
    return it->second;
}

Dims
OnnxGraphConverter::ShapeOf(const std::string& tensor) const
{
    const auto it = m_shapes.find(tensor);
    return it == m_shapes.end() ? Dims{} : it->second;
}

Dims
OnnxGraphConverter::StaticShapeOf(const std::string& tensor, const std::string& what) const
{
    const Dims dims = ShapeOf(tensor);
    if (dims.empty() ||
        std::any_of(dims.begin(), dims.end(), [](int64_t d) { return d <= 0 || d > VALUE_LIMIT; }))
    {
        FailNode("the shape of " + what + " \"" + tensor + "\" is not known (" +
                 (dims.empty() ? std::string("no shape") : DimsText(dims)) + ")");
    }
    return dims;
}

bool
OnnxGraphConverter::ScalarValue(int k, double* value) const
{
    if (!HasInput(k))
    {
        return false;
    }
    const auto it = m_constants.find(m_node->input(k));
    if (it == m_constants.end())
    {
        FailNode("input \"" + m_node->input(k) + "\" must be a constant");
    }
    const onnx::TensorProto& t = *it->second;
    if (t.data_type() != onnx::TensorProto::FLOAT)
    {
        FailNode("input \"" + m_node->input(k) + "\" must be a float constant");
    }
    if (t.float_data_size() == 1)
    {
        *value = t.float_data(0);
        return true;
    }
    if (t.raw_data().size() == sizeof(float))
    {
        float f = 0;
        std::memcpy(&f, t.raw_data().data(), sizeof(float));
        *value = f;
        return true;
    }
    FailNode("input \"" + m_node->input(k) +
             "\" must be a float scalar with its value in the file");
}

bool
OnnxGraphConverter::IntsOf(int k, Dims* values) const
{
    if (!HasInput(k))
    {
        return false;
    }
    const auto it = m_constants.find(m_node->input(k));
    return it != m_constants.end() && IntValues(*it->second, values);
}

bool
OnnxGraphConverter::ChannelShuffle(int32_t producer, const Dims& in, const Dims& out)
{
    // Reshape [N, C, H, W] -> [N, g, C/g, H, W], Transpose (0, 2, 1, 3, 4), Reshape back:
    // one channel_shuffle layer named after the first Reshape.
    int64_t channels = 0;
    if (in.size() != 4 || out.size() != 5 || out[0] != in[0] ||
        __builtin_mul_overflow(out[1], out[2], &channels) || channels != in[1] || out[3] != in[2] ||
        out[4] != in[3])
    {
        return false;
    }
    const auto& users = m_consumers[m_node->output(0)];
    if (users.size() != 1)
    {
        return false;
    }
    const int transposeIndex = users.front();
    const onnx::NodeProto& transpose = m_graph.node(transposeIndex);
    Dims perm;
    for (const auto& a : transpose.attribute())
    {
        if (a.name() == "perm")
        {
            perm.assign(a.ints().begin(), a.ints().end());
        }
    }
    if (transpose.op_type() != "Transpose" || perm != Dims{0, 2, 1, 3, 4} ||
        transpose.output_size() != 1 || m_consumers[transpose.output(0)].size() != 1)
    {
        return false;
    }
    const int backIndex = m_consumers[transpose.output(0)].front();
    const onnx::NodeProto& back = m_graph.node(backIndex);
    if (back.op_type() != "Reshape" || back.output_size() != 1 ||
        back.input(0) != transpose.output(0) || ShapeOf(back.output(0)) != in)
    {
        return false;
    }
    DnnLayer layer;
    layer.type = DnnLayerType::ChannelShuffle;
    layer.groups = static_cast<uint64_t>(out[1]);
    layer.inputs = {producer};
    m_producer[back.output(0)] = AddLayer(layer, m_node->name());
    m_skip.insert(transposeIndex);
    m_skip.insert(backIndex);
    return true;
}

void
OnnxGraphConverter::SetPair(std::array<uint64_t, 2>& target, const Dims& value,
                            const std::string& name) const
{
    if (value.size() != 2 || value[0] < 0 || value[1] < 0 || value[0] > VALUE_LIMIT ||
        value[1] > VALUE_LIMIT)
    {
        FailNode(name + " must be two integers from 0 to 2^40 (2-D operators only), got " +
                 DimsText(value));
    }
    target = {static_cast<uint64_t>(value[0]), static_cast<uint64_t>(value[1])};
}

void
OnnxGraphConverter::Window(DnnLayer& layer, const Dims& kernel, bool dilated) const
{
    SetPair(layer.kernel, kernel, "kernel_shape");
    if (layer.kernel[0] == 0 || layer.kernel[1] == 0)
    {
        FailNode("kernel_shape must be positive, got " + DimsText(kernel));
    }
    const Dims strides = AttrInts("strides", {1, 1});
    SetPair(layer.stride, strides, "strides");
    if (layer.stride[0] == 0 || layer.stride[1] == 0)
    {
        FailNode("strides must be positive, got " + DimsText(strides));
    }
    if (dilated)
    {
        const Dims dilations = AttrInts("dilations", {1, 1});
        SetPair(layer.dilation, dilations, "dilations");
        if (layer.dilation[0] == 0 || layer.dilation[1] == 0)
        {
            FailNode("dilations must be positive, got " + DimsText(dilations));
        }
    }
    else if (Attr("dilations") && AttrInts("dilations", {}) != Dims{1, 1})
    {
        FailNode("dilations are not supported here");
    }
    const std::string autoPad = AttrString("auto_pad", "NOTSET");
    Dims pads = AttrInts("pads", {0, 0, 0, 0});
    if (autoPad == "VALID")
    {
        pads = {0, 0, 0, 0};
    }
    else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
    {
        pads = {0, 0, 0, 0};
        // Total padding that keeps ceil(in / stride) outputs; symmetric only.
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        if (in.size() != 4)
        {
            FailNode("needs a [N, C, H, W] input, got " + DimsText(in));
        }
        for (int d = 0; d < 2; ++d)
        {
            const int64_t s = static_cast<int64_t>(layer.stride[d]);
            const int64_t extent = static_cast<int64_t>(layer.dilation[d] * (layer.kernel[d] - 1));
            const int64_t out = (in[2 + d] + s - 1) / s;
            const int64_t total = std::max<int64_t>((out - 1) * s + extent + 1 - in[2 + d], 0);
            pads[d] = total / 2;
            pads[d + 2] = total - total / 2;
        }
    }
    else if (autoPad != "NOTSET")
    {
        FailNode("auto_pad \"" + autoPad + "\" is not supported");
    }
    if (pads.size() != 4 || pads[0] != pads[2] || pads[1] != pads[3])
    {
        FailNode("pads must be symmetric [top, left, bottom, right] with top = bottom and left = "
                 "right, got " +
                 DimsText(pads));
    }
    SetPair(layer.padding, {pads[0], pads[1]}, "pads");
}

int32_t
OnnxGraphConverter::AddLayer(DnnLayer layer, const std::string& name)
{
    std::string unique = name.empty() ? m_node->op_type() + "_" + std::to_string(m_index) : name;
    if (unique == "input" || unique == "output")
    {
        unique += "_";
    }
    for (int k = 2; m_names.count(unique); ++k)
    {
        unique = (name.empty() ? m_node->op_type() : name) + "#" + std::to_string(k);
    }
    m_names.insert(unique);
    layer.name = unique;
    m_layers.push_back(std::move(layer));
    return static_cast<int32_t>(m_layers.size() - 1);
}

void
OnnxGraphConverter::Output(int32_t layer, int k)
{
    if (k < m_node->output_size() && !m_node->output(k).empty())
    {
        m_producer[m_node->output(k)] = layer;
    }
}

void
OnnxGraphConverter::Alias(int k)
{
    Output(Producer(k));
}

void
OnnxGraphConverter::Convert()
{
    // Constants: initializers and Constant nodes; weights: initializers and the graph inputs
    // after the model input.
    std::unordered_set<std::string> initializers;
    for (const auto& t : m_graph.initializer())
    {
        initializers.insert(t.name());
        m_constants[t.name()] = &t;
        m_folded.insert(t.name());
        m_shapes[t.name()] = Dims(t.dims().begin(), t.dims().end());
    }
    for (const auto& v : m_graph.value_info())
    {
        Dims dims;
        if (DimsOf(v.type(), &dims))
        {
            m_shapes[v.name()] = dims;
        }
    }
    for (const auto& v : m_graph.output())
    {
        Dims dims;
        if (DimsOf(v.type(), &dims))
        {
            m_shapes[v.name()] = dims;
        }
    }
    bool haveInput = false;
    for (int i = 0; i < m_graph.input_size(); ++i)
    {
        const auto& v = m_graph.input(i);
        Dims dims;
        if (DimsOf(v.type(), &dims) && !initializers.count(v.name()))
        {
            m_shapes[v.name()] = dims;
        }
        if (initializers.count(v.name()))
        {
            continue;
        }
        if (haveInput)
        {
            m_folded.insert(v.name()); // a weight of a file exported without weights
            continue;
        }
        haveInput = true;
        const std::string path = "/graph/input/" + std::to_string(i);
        if (dims.size() != 4 && dims.size() != 2)
        {
            FailGraph(path, "the model input \"" + v.name() +
                                "\" must be [batch, C, H, W] or [batch, features], got " +
                                (dims.empty() ? std::string("no shape") : DimsText(dims)));
        }
        for (std::size_t d = 1; d < dims.size(); ++d)
        {
            if (dims[d] <= 0 || dims[d] > VALUE_LIMIT)
            {
                FailGraph(path, "the model input \"" + v.name() + "\" needs static positive " +
                                    "dimensions after the batch, got " + DimsText(dims));
            }
        }
        m_inputShape =
            dims.size() == 4
                ? DnnTensorShape{static_cast<uint64_t>(dims[1]), static_cast<uint64_t>(dims[2]),
                                 static_cast<uint64_t>(dims[3]), false}
                : DnnTensorShape{static_cast<uint64_t>(dims[1]), 1, 1, true};
        m_producer[v.name()] = DnnLayer::MODEL_INPUT;
    }
    if (!haveInput)
    {
        FailGraph("/graph/input", "the graph has no input besides its weights");
    }
    for (int i = 0; i < m_graph.node_size(); ++i)
    {
        for (const auto& in : m_graph.node(i).input())
        {
            m_consumers[in].push_back(i);
        }
    }
    for (m_index = 0; m_index < m_graph.node_size(); ++m_index)
    {
        m_node = &m_graph.node(m_index);
        if (!m_skip.count(m_index))
        {
            ConvertNode();
        }
    }
    if (m_layers.empty())
    {
        FailGraph("/graph/node", "the graph computes nothing the reader maps to a layer");
    }
    for (const auto& v : m_graph.output())
    {
        if (!IsActivation(v.name()))
        {
            FailGraph("/graph/output",
                      "the graph output \"" + v.name() + "\" is not computed from the model input");
        }
    }
}

void
OnnxGraphConverter::ConvertNode()
{
    const std::string& op = m_node->op_type();
    const bool allFolded =
        std::all_of(m_node->input().begin(), m_node->input().end(),
                    [this](const std::string& in) { return in.empty() || m_folded.count(in) > 0; });
    if (allFolded && SHAPE_OPS.count(op))
    {
        for (const auto& out : m_node->output())
        {
            m_folded.insert(out);
        }
        if (op == "Constant" && m_node->output_size() == 1)
        {
            const auto* value = Attr("value");
            if (value && value->has_t())
            {
                m_constants[m_node->output(0)] = &value->t();
            }
        }
        if (op == "Identity" && m_node->output_size() == 1)
        {
            m_shapes[m_node->output(0)] = ShapeOf(m_node->input(0));
        }
        return;
    }
    if (op == "Shape")
    {
        Producer(0);
        m_folded.insert(m_node->output(0));
        return;
    }
    if (!LAYER_OPS.count(op))
    {
        std::string list;
        for (const auto& name : DnnOnnxReader::SupportedOps())
        {
            list += (list.empty() ? "" : ", ") + name;
        }
        FailNode("unsupported operator " + op + " (supported: " + list + ")");
    }
    if (m_node->output_size() < 1 || m_node->output(0).empty())
    {
        FailNode("has no output");
    }
    for (int k = 1; k < m_node->output_size(); ++k)
    {
        if (!m_node->output(k).empty() && m_consumers.count(m_node->output(k)))
        {
            FailNode("its output " + std::to_string(k) + " \"" + m_node->output(k) +
                     "\" is used: only the first output of an operator is supported");
        }
    }
    DnnLayer layer;
    layer.inputs = {};
    const std::string& name = m_node->name();
    auto activation = [&](const std::string& function)
    {
        layer.type = DnnLayerType::Activation;
        layer.function = function;
        layer.inputs = {Producer(0)};
        Output(AddLayer(layer, name));
    };
    if (op == "Conv")
    {
        const Dims w = StaticShapeOf(HasInput(1) ? m_node->input(1) : "", "the weight");
        if (w.size() != 4)
        {
            FailNode("only 2-D convolutions are supported (weight " + DimsText(w) + ")");
        }
        layer.type = DnnLayerType::Conv;
        layer.inputs = {Producer(0)};
        layer.outChannels = static_cast<uint64_t>(w[0]);
        const int64_t group = AttrInt("group", 1);
        if (group <= 0 || group > VALUE_LIMIT)
        {
            FailNode("group must be from 1 to 2^40");
        }
        layer.groups = static_cast<uint64_t>(group);
        const Dims kernel = AttrInts("kernel_shape", {w[2], w[3]});
        if (kernel != Dims{w[2], w[3]})
        {
            FailNode("kernel_shape " + DimsText(kernel) + " disagrees with the weight " +
                     DimsText(w));
        }
        Window(layer, kernel, true);
        const Dims in = ShapeOf(m_node->input(0));
        int64_t channels = 0;
        if (in.size() == 4 && in[1] > 0 &&
            (__builtin_mul_overflow(w[1], group, &channels) || in[1] != channels))
        {
            FailNode("the weight " + DimsText(w) + " with group " + std::to_string(group) +
                     " does not fit the input " + DimsText(in));
        }
        layer.bias = HasInput(2);
        Output(AddLayer(layer, name));
    }
    else if (op == "MaxPool" || op == "AveragePool")
    {
        layer.type = op == "MaxPool" ? DnnLayerType::MaxPool : DnnLayerType::AvgPool;
        layer.inputs = {Producer(0)};
        if (!Attr("kernel_shape"))
        {
            FailNode("kernel_shape is missing");
        }
        Window(layer, AttrInts("kernel_shape", {}), op == "MaxPool");
        layer.ceilMode = AttrInt("ceil_mode", 0) != 0;
        Output(AddLayer(layer, name));
    }
    else if (op == "GlobalAveragePool" || op == "ReduceMean")
    {
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        if (op == "ReduceMean")
        {
            Dims axes = AttrInts("axes", {});
            for (auto& a : axes)
            {
                a = a < 0 ? a + static_cast<int64_t>(in.size()) : a;
            }
            std::sort(axes.begin(), axes.end());
            if (in.size() != 4 || axes != Dims{2, 3})
            {
                FailNode("only a mean over the spatial axes of a [N, C, H, W] input is supported "
                         "(a global average pool), got axes " +
                         DimsText(AttrInts("axes", {})) + " of " + DimsText(in));
            }
        }
        layer.type = DnnLayerType::AdaptiveAvgPool;
        layer.outputSize = {1, 1};
        layer.inputs = {Producer(0)};
        int32_t index = AddLayer(layer, name);
        if (op == "ReduceMean" && AttrInt("keepdims", 1) == 0)
        {
            DnnLayer flatten;
            flatten.type = DnnLayerType::Flatten;
            flatten.inputs = {index};
            index = AddLayer(flatten, name + "/flatten");
        }
        Output(index);
    }
    else if (op == "Gemm" || op == "MatMul")
    {
        const int32_t a = Producer(0);
        if (HasInput(1) && IsActivation(m_node->input(1)))
        {
            FailNode("a product of two activations is not supported (only products with a "
                     "weight matrix)");
        }
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const Dims w = StaticShapeOf(HasInput(1) ? m_node->input(1) : "", "the weight");
        if (in.size() != 2 || w.size() != 2)
        {
            FailNode("needs a [batch, features] input and a 2-D weight, got " + DimsText(in) +
                     " and " + DimsText(w));
        }
        if (AttrInt("transA", 0) != 0)
        {
            FailNode("transA is not supported");
        }
        const bool transB = AttrInt("transB", 0) != 0;
        const int64_t k = transB ? w[1] : w[0];
        if (k != in[1])
        {
            FailNode("the weight " + DimsText(w) + " does not fit the input " + DimsText(in));
        }
        layer.type = DnnLayerType::Linear;
        layer.inputs = {a};
        layer.outFeatures = static_cast<uint64_t>(transB ? w[0] : w[1]);
        layer.bias = HasInput(2);
        Output(AddLayer(layer, name));
    }
    else if (op == "BatchNormalization")
    {
        layer.type = DnnLayerType::BatchNorm;
        layer.inputs = {Producer(0)};
        Output(AddLayer(layer, name));
    }
    else if (op == "Relu")
    {
        activation("relu");
    }
    else if (op == "Tanh")
    {
        activation("tanh");
    }
    else if (op == "HardSwish")
    {
        activation("hardswish");
    }
    else if (op == "HardSigmoid")
    {
        activation("hardsigmoid");
    }
    else if (op == "Clip")
    {
        double lo = -1;
        double hi = -1;
        bool hasLo = false;
        bool hasHi = false;
        if (Attr("min") || Attr("max"))
        {
            hasLo = Attr("min") != nullptr;
            hasHi = Attr("max") != nullptr;
            lo = hasLo ? Attr("min")->f() : lo;
            hi = hasHi ? Attr("max")->f() : hi;
        }
        else
        {
            hasLo = ScalarValue(1, &lo);
            hasHi = ScalarValue(2, &hi);
        }
        if (hasLo && lo == 0 && hasHi && hi == 6)
        {
            activation("relu6");
        }
        else if (hasLo && lo == 0 && !hasHi)
        {
            activation("relu");
        }
        else
        {
            FailNode("only Clip(0, 6) (ReLU6) and Clip(0) (ReLU) are supported");
        }
    }
    else if (op == "Sigmoid")
    {
        // x * sigmoid(x): one SiLU activation, named after the Mul.
        const auto& users = m_consumers[m_node->output(0)];
        if (users.size() == 1)
        {
            const onnx::NodeProto& mul = m_graph.node(users.front());
            const bool silu =
                mul.op_type() == "Mul" && mul.input_size() == 2 && mul.output_size() == 1 &&
                ((mul.input(0) == m_node->input(0) && mul.input(1) == m_node->output(0)) ||
                 (mul.input(1) == m_node->input(0) && mul.input(0) == m_node->output(0)));
            if (silu && users.front() > m_index)
            {
                layer.type = DnnLayerType::Activation;
                layer.function = "silu";
                layer.inputs = {Producer(0)};
                m_producer[mul.output(0)] = AddLayer(layer, mul.name());
                m_skip.insert(users.front());
                return;
            }
        }
        activation("sigmoid");
    }
    else if (op == "Add" || op == "Mul")
    {
        if (m_node->input_size() != 2)
        {
            FailNode("needs two inputs");
        }
        layer.type = op == "Add" ? DnnLayerType::Add : DnnLayerType::Mul;
        layer.inputs = {Producer(0), Producer(1)};
        Output(AddLayer(layer, name));
    }
    else if (op == "Concat")
    {
        const Dims out = StaticShapeOf(m_node->output(0), "output");
        int64_t axis = AttrInt("axis", 1);
        axis = axis < 0 ? axis + static_cast<int64_t>(out.size()) : axis;
        if (axis != 1)
        {
            FailNode("only a concatenation along channels (axis 1) is supported, got axis " +
                     std::to_string(AttrInt("axis", 1)));
        }
        layer.type = DnnLayerType::Concat;
        for (int k = 0; k < m_node->input_size(); ++k)
        {
            layer.inputs.push_back(Producer(k));
        }
        if (layer.inputs.size() == 1)
        {
            Output(layer.inputs.front());
            return;
        }
        Output(AddLayer(layer, name));
    }
    else if (op == "Flatten" || op == "Reshape")
    {
        const int32_t producer = Producer(0);
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const Dims out = StaticShapeOf(m_node->output(0), "output");
        if (op == "Flatten" && AttrInt("axis", 1) != 1)
        {
            FailNode("only axis 1 (keep the batch) is supported");
        }
        if (in == out)
        {
            Output(producer);
            return;
        }
        if (op == "Reshape" && ChannelShuffle(producer, in, out))
        {
            return;
        }
        int64_t elements = 1;
        for (std::size_t d = 1; d < in.size(); ++d)
        {
            if (__builtin_mul_overflow(elements, in[d], &elements))
            {
                FailNode("the input " + DimsText(in) + " has too many elements");
            }
        }
        if (in.size() != 4 || out != Dims{1, elements})
        {
            FailNode("only flattening a [N, C, H, W] tensor to [N, C*H*W] is supported, got " +
                     DimsText(in) + " to " + DimsText(out));
        }
        layer.type = DnnLayerType::Flatten;
        layer.inputs = {producer};
        Output(AddLayer(layer, name));
    }
    else if (op == "Slice")
    {
        // A range of channels (ShuffleNet's chunk): axes [1], step 1.
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        Dims starts;
        Dims ends;
        Dims axes{0};
        Dims steps{1};
        if (!IntsOf(1, &starts) || !IntsOf(2, &ends) || (HasInput(3) && !IntsOf(3, &axes)) ||
            (HasInput(4) && !IntsOf(4, &steps)) || starts.size() != 1 || ends.size() != 1 ||
            axes.size() != 1 || steps.size() != 1)
        {
            FailNode("only a slice of one axis with constant starts, ends, axes and steps is "
                     "supported");
        }
        const int64_t rank = static_cast<int64_t>(in.size());
        const int64_t axis = axes[0] < 0 ? axes[0] + rank : axes[0];
        if (rank != 4 || axis != 1 || steps[0] != 1)
        {
            FailNode("only a range of channels (axis 1, step 1) of a [N, C, H, W] input is "
                     "supported, got axis " +
                     std::to_string(axes[0]) + ", step " + std::to_string(steps[0]) + " of " +
                     DimsText(in));
        }
        auto clampIndex = [&](int64_t v)
        {
            v = v < 0 ? std::max<int64_t>(v, -in[1]) + in[1] : v;
            return std::clamp<int64_t>(v, 0, in[1]);
        };
        const int64_t first = clampIndex(starts[0]);
        const int64_t end = clampIndex(ends[0]);
        if (first >= end)
        {
            FailNode("the slice [" + std::to_string(starts[0]) + ", " + std::to_string(ends[0]) +
                     ") of " + std::to_string(in[1]) + " channels is empty");
        }
        if (first == 0 && end == in[1])
        {
            Alias(0);
            return;
        }
        layer.type = DnnLayerType::Slice;
        layer.inputs = {Producer(0)};
        layer.channelRange = {static_cast<uint64_t>(first), static_cast<uint64_t>(end)};
        Output(AddLayer(layer, name));
    }
    else if (op == "Pad")
    {
        // torch 1.13 puts a Pad of zeros before some average pools (DenseNet): the identity.
        Dims pads = AttrInts("pads", {});
        if (!Attr("pads") && !IntsOf(1, &pads))
        {
            FailNode("the pads must be a constant");
        }
        if (!std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; }))
        {
            FailNode("only a Pad of zero width (the identity) is supported, got pads " +
                     DimsText(pads));
        }
        Alias(0);
    }
    else if (op == "Transpose")
    {
        Producer(0);
        FailNode("a Transpose is supported only inside a channel shuffle (Reshape to [N, g, C/g, "
                 "H, W], Transpose 1 and 2, Reshape back)");
    }
    else if (op == "Softmax")
    {
        layer.type = DnnLayerType::Softmax;
        layer.inputs = {Producer(0)};
        Output(AddLayer(layer, name));
    }
    else // Dropout, Identity: the identity at inference
    {
        Alias(0);
    }
}

} // namespace

const std::vector<std::string>&
DnnOnnxReader::SupportedOps()
{
    static const std::vector<std::string> ops = []
    {
        std::set<std::string> all(LAYER_OPS.begin(), LAYER_OPS.end());
        all.insert(SHAPE_OPS.begin(), SHAPE_OPS.end());
        return std::vector<std::string>(all.begin(), all.end());
    }();
    return ops;
}

DnnModel
DnnOnnxReader::ReadFile(const std::string& file)
{
    NS_LOG_FUNCTION(file);
    return ReadBytes(DnnJsonReader::ReadInputFile(file), file);
}

DnnModel
DnnOnnxReader::ReadBytes(const std::string& bytes, const std::string& file)
{
    NS_LOG_FUNCTION(bytes.size() << file);
    onnx::ModelProto proto;
    {
        google::protobuf::io::CodedInputStream stream(
            reinterpret_cast<const uint8_t*>(bytes.data()),
            static_cast<int>(std::min<std::size_t>(bytes.size(), INT_MAX)));
        stream.SetTotalBytesLimit(INT_MAX);
        if (bytes.size() > static_cast<std::size_t>(INT_MAX) ||
            !proto.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
        {
            throw DnnInputError(file, "", "not an ONNX model: the protobuf does not parse");
        }
    }
    if (!proto.has_graph())
    {
        throw DnnInputError(file, "", "not an ONNX model: it has no graph");
    }
    // Batch 1: a dynamic (or unit) batch dimension of the model input becomes 1.
    std::unordered_set<std::string> initializers;
    for (const auto& t : proto.graph().initializer())
    {
        initializers.insert(t.name());
    }
    for (int i = 0; i < proto.graph().input_size(); ++i)
    {
        auto* input = proto.mutable_graph()->mutable_input(i);
        if (initializers.count(input->name()))
        {
            continue;
        }
        if (input->type().has_tensor_type() && input->type().tensor_type().has_shape() &&
            input->type().tensor_type().shape().dim_size() > 0)
        {
            auto* batch =
                input->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0);
            if (batch->has_dim_value() && batch->dim_value() > 1)
            {
                throw DnnInputError(file, "/graph/input/" + std::to_string(i),
                                    "the model input \"" + input->name() + "\" has batch " +
                                        std::to_string(batch->dim_value()) +
                                        ": only batch 1 or a dynamic batch is read");
            }
            batch->set_dim_value(1);
        }
        break;
    }
    try
    {
        onnx::checker::check_model(proto);
        OnnxShapeFolder(proto).Run();
    }
    catch (const std::exception& e)
    {
        std::string what = e.what();
        std::replace(what.begin(), what.end(), '\n', ' ');
        throw DnnInputError(file, "", "not a valid ONNX model: " + what);
    }
    OnnxGraphConverter converter(proto.graph(), file);
    converter.Convert();
    std::string name = file;
    const auto slash = name.find_last_of('/');
    if (slash != std::string::npos)
    {
        name = name.substr(slash + 1);
    }
    const auto dot = name.rfind('.');
    if (dot != std::string::npos && dot > 0)
    {
        name = name.substr(0, dot);
    }
    if (name.empty())
    {
        name = "onnx";
    }
    NS_LOG_INFO(file << ": ONNX model \"" << name << "\", " << converter.Layers().size()
                     << " layers");
    // As the zoo's JSON files: the raw input is 8-bit, activations fp32.
    return DnnModel(name, converter.InputShape(), 1, 4, std::move(converter.Layers()), file);
}

} // namespace ns3
