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
#include <array>
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
const std::set<std::string> SHAPE_OPS = {
    "Shape",    "Constant", "Gather",          "Unsqueeze", "Squeeze",
    "Concat",   "Cast",     "Slice",           "Add",       "Sub",
    "Mul",      "Div",      "Floor",           "Equal",     "Where",
    "Identity", "Reshape",  "ConstantOfShape", "Expand"};

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
                                         "Identity",
                                         "LayerNormalization",
                                         "Div",
                                         "Erf",
                                         "Pow",
                                         "Sqrt",
                                         "Gather"};

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

/**
 * The model's shape of an ONNX tensor (batch 1): [1, N] is flat [N]; otherwise the last three
 * dimensions, right-aligned into [C, H, W] (a rank-2 [T, F] is [1, T, F], a rank-3 [T, N, F]
 * is [T, N, F]), every dimension before them 1. False when it has no such form.
 */
bool
MapDims(const Dims& d, DnnTensorShape* shape)
{
    if (d.size() < 2 || std::any_of(d.begin(), d.end(), [](int64_t x) { return x <= 0; }))
    {
        return false;
    }
    if (d.size() == 2 && d[0] == 1)
    {
        *shape = DnnTensorShape{static_cast<uint64_t>(d[1]), 1, 1, true};
        return true;
    }
    const std::size_t lead = d.size() > 3 ? d.size() - 3 : 0;
    if (std::any_of(d.begin(), d.begin() + lead, [](int64_t x) { return x != 1; }))
    {
        return false;
    }
    std::array<uint64_t, 3> dims{1, 1, 1};
    for (std::size_t i = lead; i < d.size(); ++i)
    {
        dims[3 - (d.size() - i)] = static_cast<uint64_t>(d[i]);
    }
    *shape = DnnTensorShape{dims[0], dims[1], dims[2], false};
    return true;
}

/** The model axis (0: C or a flat vector, 1: H, 2: W) of ONNX axis \p axis of a tensor of
 *  shape \p d (as MapDims places it), or -1 for the batch or a leading unit axis. */
int
MapAxis(const Dims& d, int64_t axis)
{
    const auto rank = static_cast<int64_t>(d.size());
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank || rank < 2)
    {
        return -1;
    }
    if (rank == 2 && d[0] == 1)
    {
        return axis == 1 ? 0 : -1;
    }
    const int64_t mapped = axis + 3 - rank;
    return mapped >= 0 ? static_cast<int>(mapped) : -1;
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
            else if (node.op_type() == "Expand")
            {
                first = last = 1;
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
        if (op == "ConstantOfShape")
        {
            int64_t count = 1;
            if (!input(0) || in[0].size() > 16)
            {
                return false;
            }
            for (int64_t d : in[0])
            {
                if (d < 0 || __builtin_mul_overflow(count, d, &count) || count > 16)
                {
                    return false;
                }
            }
            Values fill{0};
            const auto* a = Attr(node, "value");
            if (a && a->has_t() && !(IntValues(a->t(), &fill) && fill.size() == 1))
            {
                return false;
            }
            out->assign(static_cast<std::size_t>(count), fill.empty() ? 0 : fill[0]);
            return true;
        }
        if (op == "Where")
        {
            if (!input(0) || !input(1) || !input(2))
            {
                return false;
            }
            const std::size_t n = std::max({in[0].size(), in[1].size(), in[2].size()});
            out->clear();
            for (std::size_t i = 0; i < n; ++i)
            {
                auto at = [&](const Values& v) -> const int64_t*
                {
                    return v.size() == 1 ? &v[0] : v.size() == n ? &v[i] : nullptr;
                };
                const int64_t* c = at(in[0]);
                const int64_t* x = at(in[1]);
                const int64_t* y = at(in[2]);
                if (!c || !x || !y)
                {
                    return false;
                }
                out->push_back(*c ? *x : *y);
            }
            return sane(*out);
        }
        if (op == "Identity" || op == "Cast" || op == "Unsqueeze" || op == "Squeeze" ||
            op == "Reshape")
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
        if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" || op == "Equal")
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
                const bool overflow = op == "Add"   ? __builtin_add_overflow(x, y, &r)
                                    : op == "Sub"   ? __builtin_sub_overflow(x, y, &r)
                                    : op == "Mul"   ? __builtin_mul_overflow(x, y, &r)
                                    : op == "Equal" ? (r = x == y, false)
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
    /** Check that every activation ONNX gives a static shape has that shape in \p model. */
    void CheckShapes(const DnnModel& model) const;

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
    bool ScalarConstant(const std::string& tensor, double* value = nullptr) const;
    int SingleUser(const std::string& tensor, const std::string& op, int inputs = 2) const;
    bool Gelu(int32_t producer);
    bool DecomposedLayerNorm(int32_t producer);
    DnnTensorShape MappedShapeOf(const std::string& tensor, const std::string& what) const;
    int MappedAxis(const std::string& tensor, int64_t axis) const;
    void AddWithWeight(int weight);
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

bool
OnnxGraphConverter::ScalarConstant(const std::string& tensor, double* value) const
{
    const auto it = m_constants.find(tensor);
    if (it == m_constants.end() || it->second->data_type() != onnx::TensorProto::FLOAT)
    {
        return false;
    }
    const onnx::TensorProto& t = *it->second;
    const bool one =
        std::all_of(t.dims().begin(), t.dims().end(), [](int64_t d) { return d == 1; });
    float f = 0;
    if (one && t.float_data_size() == 1)
    {
        f = t.float_data(0);
    }
    else if (one && t.raw_data().size() == sizeof(float))
    {
        std::memcpy(&f, t.raw_data().data(), sizeof(float));
    }
    else
    {
        return false;
    }
    if (value)
    {
        *value = f;
    }
    return true;
}

int
OnnxGraphConverter::SingleUser(const std::string& tensor, const std::string& op, int inputs) const
{
    const auto it = m_consumers.find(tensor);
    if (it == m_consumers.end() || it->second.size() != 1 || it->second.front() <= m_index)
    {
        return -1;
    }
    const onnx::NodeProto& node = m_graph.node(it->second.front());
    return node.op_type() == op && node.output_size() == 1 && node.input_size() == inputs
             ? it->second.front()
             : -1;
}

bool
OnnxGraphConverter::DecomposedLayerNorm(int32_t producer)
{
    // LayerNorm as torch exports it below opset 17, from the first ReduceMean (over the last
    // axis) on: Sub(x, mean), Pow(., 2), ReduceMean, Add(., eps), Sqrt, Div(x - mean, .),
    // Mul(., scale), Add(., bias).
    const std::string& x = m_node->input(0);
    const int sub = SingleUser(m_node->output(0), "Sub");
    if (sub < 0 || m_graph.node(sub).input(0) != x)
    {
        return false;
    }
    const std::string& centred = m_graph.node(sub).output(0);
    const auto users = m_consumers.find(centred);
    if (users == m_consumers.end() || users->second.size() != 2)
    {
        return false;
    }
    int pow = -1;
    int div = -1;
    for (int user : users->second)
    {
        const onnx::NodeProto& node = m_graph.node(user);
        if (user > m_index && node.op_type() == "Pow" && node.input_size() == 2 &&
            node.output_size() == 1 && node.input(0) == centred)
        {
            pow = user;
        }
        if (user > m_index && node.op_type() == "Div" && node.input_size() == 2 &&
            node.output_size() == 1 && node.input(0) == centred)
        {
            div = user;
        }
    }
    double exponent = 0;
    if (pow < 0 || div < 0 || !ScalarConstant(m_graph.node(pow).input(1), &exponent) ||
        exponent != 2)
    {
        return false;
    }
    const int variance = SingleUser(m_graph.node(pow).output(0), "ReduceMean", 1);
    if (variance < 0)
    {
        return false;
    }
    const onnx::NodeProto& meanNode = *m_node;
    const onnx::NodeProto& varianceNode = m_graph.node(variance);
    auto axes = [](const onnx::NodeProto& node)
    {
        for (const auto& a : node.attribute())
        {
            if (a.name() == "axes")
            {
                return Dims(a.ints().begin(), a.ints().end());
            }
        }
        return Dims{};
    };
    if (axes(varianceNode) != axes(meanNode))
    {
        return false;
    }
    auto other = [](const onnx::NodeProto& node, const std::string& known)
    {
        return node.input(0) == known ? node.input(1) : node.input(0);
    };
    const int epsilon = SingleUser(varianceNode.output(0), "Add");
    if (epsilon < 0 || !ScalarConstant(other(m_graph.node(epsilon), varianceNode.output(0))))
    {
        return false;
    }
    const int sqrt = SingleUser(m_graph.node(epsilon).output(0), "Sqrt", 1);
    if (sqrt < 0 || m_graph.node(div).input(1) != m_graph.node(sqrt).output(0))
    {
        return false;
    }
    auto isWeight = [this](const std::string& t)
    {
        return !IsActivation(t) && m_folded.count(t);
    };
    const std::string& normalised = m_graph.node(div).output(0);
    const int scale = SingleUser(normalised, "Mul");
    if (scale < 0 || !isWeight(other(m_graph.node(scale), normalised)))
    {
        return false;
    }
    const std::string& scaled = m_graph.node(scale).output(0);
    const int shift = SingleUser(scaled, "Add");
    if (shift < 0 || !isWeight(other(m_graph.node(shift), scaled)))
    {
        return false;
    }
    DnnLayer layer;
    layer.type = DnnLayerType::LayerNorm;
    layer.inputs = {producer};
    const std::string& name = m_node->name();
    const auto slash = name.rfind('/');
    m_producer[m_graph.node(shift).output(0)] =
        AddLayer(layer, slash == std::string::npos ? name + "_layer_norm"
                                                   : name.substr(0, slash + 1) + "LayerNorm");
    m_skip.insert({sub, pow, variance, epsilon, sqrt, div, scale, shift});
    return true;
}

bool
OnnxGraphConverter::Gelu(int32_t producer)
{
    // x * 0.5 * (1 + erf(x / sqrt(2))) as torch 1.13 exports nn.GELU: Div, Erf, Add, Mul, Mul.
    const std::string& x = m_node->input(0);
    auto other = [](const onnx::NodeProto& node, const std::string& known)
    {
        return node.input(0) == known ? node.input(1) : node.input(0);
    };
    const int erf = SingleUser(m_node->output(0), "Erf", 1);
    if (erf < 0)
    {
        return false;
    }
    const onnx::NodeProto& erfNode = m_graph.node(erf);
    const int add = SingleUser(erfNode.output(0), "Add");
    if (add < 0 || !ScalarConstant(other(m_graph.node(add), erfNode.output(0))))
    {
        return false;
    }
    const onnx::NodeProto& addNode = m_graph.node(add);
    const int mul = SingleUser(addNode.output(0), "Mul");
    if (mul < 0 || other(m_graph.node(mul), addNode.output(0)) != x)
    {
        return false;
    }
    const onnx::NodeProto& mulNode = m_graph.node(mul);
    const int half = SingleUser(mulNode.output(0), "Mul");
    if (half < 0 || !ScalarConstant(other(m_graph.node(half), mulNode.output(0))))
    {
        return false;
    }
    DnnLayer layer;
    layer.type = DnnLayerType::Activation;
    layer.function = "gelu";
    layer.inputs = {producer};
    const std::string& name = m_node->name();
    const auto slash = name.rfind('/');
    const std::string gelu =
        slash == std::string::npos ? name + "_gelu" : name.substr(0, slash + 1) + "Gelu";
    m_producer[m_graph.node(half).output(0)] = AddLayer(layer, gelu);
    m_skip.insert({erf, add, mul, half});
    return true;
}

DnnTensorShape
OnnxGraphConverter::MappedShapeOf(const std::string& tensor, const std::string& what) const
{
    const Dims dims = StaticShapeOf(tensor, what);
    DnnTensorShape shape;
    if (!MapDims(dims, &shape))
    {
        FailNode("the " + what + " \"" + tensor + "\" is " + DimsText(dims) +
                 ": only [1, N], [1, C, H, W] and token tensors such as [T, F] or [1, T, F] "
                 "(every dimension before the last three 1) are supported");
    }
    return shape;
}

int
OnnxGraphConverter::MappedAxis(const std::string& tensor, int64_t axis) const
{
    const Dims dims = StaticShapeOf(tensor, "input");
    const int mapped = MapAxis(dims, axis);
    if (mapped < 0)
    {
        FailNode("axis " + std::to_string(axis) + " of " + DimsText(dims) +
                 " is the batch or a leading unit axis");
    }
    return mapped;
}

void
OnnxGraphConverter::AddWithWeight(int weight)
{
    const int act = 1 - weight;
    const int32_t producer = Producer(act);
    const std::string& w = m_node->input(weight);
    const Dims wd = StaticShapeOf(w, "the weight");
    const DnnTensorShape in = MappedShapeOf(m_node->input(act), "input");
    int64_t elements = 1;
    for (int64_t d : wd)
    {
        if (__builtin_mul_overflow(elements, d, &elements))
        {
            FailNode("the weight \"" + w + "\" " + DimsText(wd) + " has too many elements");
        }
    }
    // The bias of a linear layer read just before (a MatMul followed by an Add).
    const auto users = m_consumers.find(m_node->input(act));
    if (producer != DnnLayer::MODEL_INPUT && users != m_consumers.end() &&
        users->second.size() == 1)
    {
        DnnLayer& linear = m_layers[producer];
        if (linear.type == DnnLayerType::Linear && !linear.bias && !wd.empty() &&
            wd.back() == elements && static_cast<uint64_t>(elements) == linear.outFeatures)
        {
            linear.bias = true;
            Output(producer);
            return;
        }
    }
    // A learned tensor of the activation's shape (a position embedding).
    DnnTensorShape shape;
    if (MapDims(wd, &shape) && shape == in)
    {
        DnnLayer layer;
        layer.type = DnnLayerType::PositionEmbedding;
        layer.inputs = {producer};
        Output(AddLayer(layer, m_node->name()));
        return;
    }
    FailNode("adding the weight \"" + w + "\" " + DimsText(wd) + " to an activation " +
             in.ToString() +
             " is supported only as the bias of the MatMul before it or as a learned tensor of "
             "the activation's shape (a position embedding)");
}

void
OnnxGraphConverter::CheckShapes(const DnnModel& model) const
{
    // Shape inference of both sides must agree on every activation: a mismatch is an
    // operator whose semantics the mapping does not model.
    for (int i = 0; i < m_graph.node_size(); ++i)
    {
        for (const auto& tensor : m_graph.node(i).output())
        {
            const auto producer = m_producer.find(tensor);
            const auto dims = m_shapes.find(tensor);
            DnnTensorShape expected;
            if (producer == m_producer.end() || dims == m_shapes.end() ||
                !MapDims(dims->second, &expected))
            {
                continue;
            }
            const DnnTensorShape& got = model.ProducerShape(producer->second);
            if (got != expected)
            {
                throw DnnInputError(
                    m_file, "/graph/node/" + std::to_string(i),
                    "node \"" + m_graph.node(i).name() + "\" (" + m_graph.node(i).op_type() +
                        "): its output \"" + tensor + "\" is " + DimsText(dims->second) +
                        " but reads as " + got.ToString() +
                        ": the operator is used in a way the reader does not model");
            }
        }
    }
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
        const onnx::NodeProto& node = m_graph.node(i);
        for (const auto& in : node.input())
        {
            m_consumers[in].push_back(i);
        }
        // Constants are known before their node is reached (patterns look ahead).
        if (node.op_type() == "Constant" && node.input_size() == 0 && node.output_size() == 1)
        {
            for (const auto& a : node.attribute())
            {
                if (a.name() == "value" && a.has_t())
                {
                    m_constants[node.output(0)] = &a.t();
                }
            }
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
        if (op == "ReduceMean" && AttrInts("axes", {}).size() == 1 &&
            MapAxis(in, AttrInts("axes", {}).front()) == 2)
        {
            if (DecomposedLayerNorm(Producer(0)))
            {
                return;
            }
            FailNode("a mean over the last axis is supported only inside a layer normalisation "
                     "(ReduceMean, Sub, Pow 2, ReduceMean, Add, Sqrt, Div, Mul, Add)");
        }
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
            // Attention's products of two activations: [C, M, K] x [C, K, N].
            if (op == "Gemm")
            {
                FailNode("a Gemm of two activations is not supported (a MatMul is)");
            }
            layer.type = DnnLayerType::MatMul;
            layer.inputs = {a, Producer(1)};
            MappedShapeOf(m_node->input(0), "input");
            MappedShapeOf(m_node->input(1), "input");
            Output(AddLayer(layer, name));
            return;
        }
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const Dims w = StaticShapeOf(HasInput(1) ? m_node->input(1) : "", "the weight");
        if (in.size() < 2 || w.size() != 2 || (op == "Gemm" && in.size() != 2))
        {
            FailNode("needs a [batch, features] or token input ([T, F], [1, T, F]) and a 2-D "
                     "weight, got " +
                     DimsText(in) + " and " + DimsText(w));
        }
        if (AttrInt("transA", 0) != 0)
        {
            FailNode("transA is not supported");
        }
        const bool transB = AttrInt("transB", 0) != 0;
        const int64_t k = transB ? w[1] : w[0];
        if (k != in.back())
        {
            FailNode("the weight " + DimsText(w) + " does not fit the input " + DimsText(in));
        }
        layer.type = DnnLayerType::Linear;
        layer.perToken = !MappedShapeOf(m_node->input(0), "input").flat;
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
        const int weight = !IsActivation(m_node->input(0)) ? 0
                         : !IsActivation(m_node->input(1)) ? 1
                                                           : -1;
        if (weight >= 0 && op == "Add" && m_folded.count(m_node->input(weight)))
        {
            AddWithWeight(weight);
            return;
        }
        if (weight >= 0 && op == "Mul" && ScalarConstant(m_node->input(weight)))
        {
            // A constant factor (attention's scaling): one elementwise FLOP per element.
            layer.type = DnnLayerType::Activation;
            layer.function = "scale";
            layer.inputs = {Producer(1 - weight)};
            Output(AddLayer(layer, name));
            return;
        }
        layer.type = op == "Add" ? DnnLayerType::Add : DnnLayerType::Mul;
        layer.inputs = {Producer(0), Producer(1)};
        Output(AddLayer(layer, name));
    }
    else if (op == "Concat")
    {
        const Dims out = StaticShapeOf(m_node->output(0), "output");
        const int axis = MapAxis(out, AttrInt("axis", 1));
        int activation = -1;
        bool weights = false;
        for (int k = 0; k < m_node->input_size(); ++k)
        {
            if (HasInput(k) && !IsActivation(m_node->input(k)) && m_folded.count(m_node->input(k)))
            {
                weights = true;
                continue;
            }
            layer.inputs.push_back(Producer(k));
            activation = k;
        }
        if (weights)
        {
            // Learned tokens (a weight, or its batch Expand) joined to one token sequence.
            if (layer.inputs.size() != 1 || axis != 1)
            {
                FailNode("a concatenation with a weight is supported only as learned tokens "
                         "joined to one activation along its tokens (a class token: axis 1 of "
                         "[1, T, F])");
            }
            const DnnTensorShape in = MappedShapeOf(m_node->input(activation), "input");
            const DnnTensorShape joined = MappedShapeOf(m_node->output(0), "output");
            if (in.flat || joined.height <= in.height)
            {
                FailNode("the learned tokens do not lengthen the sequence " + in.ToString());
            }
            layer.type = DnnLayerType::ClassToken;
            layer.tokens = joined.height - in.height;
            Output(AddLayer(layer, name));
            return;
        }
        if (axis != 0)
        {
            FailNode("only a concatenation along channels (axis 1 of [N, C, H, W]) or of learned "
                     "tokens is supported, got axis " +
                     std::to_string(AttrInt("axis", 1)) + " of " + DimsText(out));
        }
        layer.type = DnnLayerType::Concat;
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
        const DnnTensorShape from = MappedShapeOf(m_node->input(0), "input");
        const DnnTensorShape to = MappedShapeOf(m_node->output(0), "output");
        if (from == to)
        {
            Output(producer);
            return;
        }
        // To [1, N]: a flatten (fused into its producer); to anything else: a reshape.
        layer.type = to.flat ? DnnLayerType::Flatten : DnnLayerType::Reshape;
        layer.targetShape = to;
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
        const int mapped = MapAxis(in, axes[0]);
        if (mapped < 0 || steps[0] != 1 || MappedShapeOf(m_node->input(0), "input").flat)
        {
            FailNode("only a range of one axis (step 1) of a [N, C, H, W] input (channels) or of "
                     "a token tensor is supported, got axis " +
                     std::to_string(axes[0]) + ", step " + std::to_string(steps[0]) + " of " +
                     DimsText(in));
        }
        const int64_t n = in[axis];
        auto clampIndex = [&](int64_t v)
        {
            v = v < 0 ? std::max<int64_t>(v, -n) + n : v;
            return std::clamp<int64_t>(v, 0, n);
        };
        const int64_t first = clampIndex(starts[0]);
        const int64_t end = clampIndex(ends[0]);
        if (first >= end)
        {
            FailNode("the slice [" + std::to_string(starts[0]) + ", " + std::to_string(ends[0]) +
                     ") of " + std::to_string(n) + " is empty");
        }
        if (first == 0 && end == n)
        {
            Alias(0);
            return;
        }
        layer.type = DnnLayerType::Slice;
        layer.sliceAxis = static_cast<uint32_t>(mapped);
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
        // Outside a channel shuffle: a permutation of the last three axes, the ones before
        // them (the batch) kept.
        const int32_t producer = Producer(0);
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const auto rank = static_cast<int64_t>(in.size());
        Dims reversed;
        for (int64_t i = rank - 1; i >= 0; --i)
        {
            reversed.push_back(i);
        }
        const Dims perm = AttrInts("perm", reversed);
        Dims sorted = perm;
        std::sort(sorted.begin(), sorted.end());
        std::reverse(reversed.begin(), reversed.end());
        const DnnTensorShape shape = MappedShapeOf(m_node->input(0), "input");
        const int64_t lead = rank > 3 ? rank - 3 : 0;
        bool keeps = sorted == reversed && !shape.flat;
        for (int64_t i = 0; keeps && i < lead; ++i)
        {
            keeps = perm[i] == i;
        }
        if (!keeps)
        {
            FailNode("only a permutation of the last three axes of a [N, C, H, W] or token "
                     "tensor is supported (or a channel shuffle: Reshape to [N, g, C/g, H, W], "
                     "Transpose 1 and 2, Reshape back), got perm " +
                     DimsText(perm) + " of " + DimsText(in));
        }
        const int64_t offset = 3 - rank; // rank 2: [T, F] is [1, T, F]
        std::array<uint32_t, 3> mapped{0, 1, 2};
        for (int64_t i = lead; i < rank; ++i)
        {
            mapped[i + offset] = static_cast<uint32_t>(perm[i] + offset);
        }
        if (mapped == std::array<uint32_t, 3>{0, 1, 2})
        {
            Output(producer);
            return;
        }
        layer.type = DnnLayerType::Transpose;
        layer.perm = mapped;
        layer.inputs = {producer};
        Output(AddLayer(layer, name));
    }
    else if (op == "Softmax")
    {
        const DnnTensorShape in = MappedShapeOf(m_node->input(0), "input");
        if (!in.flat && MappedAxis(m_node->input(0), AttrInt("axis", -1)) != 2)
        {
            FailNode("only a softmax over the last axis is supported");
        }
        layer.type = DnnLayerType::Softmax;
        layer.inputs = {Producer(0)};
        Output(AddLayer(layer, name));
    }
    else if (op == "LayerNormalization")
    {
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const int64_t axis = AttrInt("axis", -1);
        if ((axis < 0 ? axis + static_cast<int64_t>(in.size()) : axis) !=
            static_cast<int64_t>(in.size()) - 1)
        {
            FailNode("only a normalisation over the last axis is supported, got axis " +
                     std::to_string(axis) + " of " + DimsText(in));
        }
        if (!HasInput(1) || !HasInput(2) || IsActivation(m_node->input(1)) ||
            IsActivation(m_node->input(2)))
        {
            FailNode("needs a scale and a bias weight (a layer_norm has both)");
        }
        MappedShapeOf(m_node->input(0), "input");
        layer.type = DnnLayerType::LayerNorm;
        layer.inputs = {Producer(0)};
        Output(AddLayer(layer, name));
    }
    else if (op == "Div")
    {
        const int32_t producer = Producer(0);
        if (m_node->input_size() != 2 || IsActivation(m_node->input(1)) ||
            !ScalarConstant(m_node->input(1)))
        {
            FailNode("only a division by a constant scalar is supported (attention's scaling, "
                     "GELU's x / sqrt(2))");
        }
        if (!Gelu(producer))
        {
            activation("scale");
        }
    }
    else if (op == "Pow" || op == "Sqrt")
    {
        Producer(0);
        FailNode(op + " is supported only inside a layer normalisation as torch exports it "
                      "below opset 17 (ReduceMean, Sub, Pow 2, ReduceMean, Add, Sqrt, Div, Mul, "
                      "Add)");
    }
    else if (op == "Erf")
    {
        Producer(0);
        FailNode("Erf is supported only inside GELU as torch exports it: x * 0.5 * (1 + erf(x "
                 "/ sqrt(2))), a Div, Erf, Add, Mul and Mul");
    }
    else if (op == "Gather")
    {
        // One constant index of one axis (a transformer's class token): a slice of that axis,
        // then, for a scalar index, the axis dropped.
        const int32_t producer = Producer(0);
        Dims index;
        if (!IntsOf(1, &index) || index.size() != 1)
        {
            FailNode("only a Gather of one constant index of an activation is supported");
        }
        const Dims in = StaticShapeOf(m_node->input(0), "input");
        const int64_t axis = AttrInt("axis", 0);
        const int mapped = MappedAxis(m_node->input(0), axis);
        const DnnTensorShape shape = MappedShapeOf(m_node->input(0), "input");
        const int64_t n = in[axis < 0 ? axis + static_cast<int64_t>(in.size()) : axis];
        const int64_t i = index[0] < 0 ? index[0] + n : index[0];
        if (shape.flat || i < 0 || i >= n)
        {
            FailNode("index " + std::to_string(index[0]) + " is outside the axis of " +
                     std::to_string(n) + " or the input " + DimsText(in) + " is flat");
        }
        layer.type = DnnLayerType::Slice;
        layer.sliceAxis = static_cast<uint32_t>(mapped);
        layer.channelRange = {static_cast<uint64_t>(i), static_cast<uint64_t>(i + 1)};
        layer.inputs = {producer};
        int32_t last = AddLayer(layer, name);
        DnnTensorShape sliced = shape;
        (mapped == 0 ? sliced.channels : mapped == 1 ? sliced.height : sliced.width) = 1;
        const DnnTensorShape out = MappedShapeOf(m_node->output(0), "output");
        if (out != sliced)
        {
            DnnLayer view;
            view.type = out.flat ? DnnLayerType::Flatten : DnnLayerType::Reshape;
            view.targetShape = out;
            view.inputs = {last};
            last = AddLayer(view, name + (out.flat ? "/flatten" : "/reshape"));
        }
        Output(last);
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
    DnnModel model(name, converter.InputShape(), 1, 4, std::move(converter.Layers()), file);
    converter.CheckShapes(model);
    return model;
}

} // namespace ns3
