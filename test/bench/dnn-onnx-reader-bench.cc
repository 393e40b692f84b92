/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Reading ONNX models: ResNet-50's export (test/data/onnx/resnet50.onnx, without weights)
 * from the file to its task graph.
 *
 * - ReadOnnx: DnnModelReader::ReadFile (protobuf parse, ONNX checker and shape inference,
 *   mapping to layers, the model's own shape inference).
 * - ReadOnnxAndPartition/<pieces>: the same plus DnnPartitioner, layer-wise (0) or
 *   piece-wise with that many strips.
 * - ReadJson: the zoo's JSON file of the same model, for comparison.
 * - ReadVitAndPartition/<pieces>: ViT-B/16's export (scenarios/models/vit_b_16.onnx), read
 *   and partitioned the same way.
 */

#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-partitioner.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

const std::string ONNX_FILE = std::string(DNN_SOURCE_DIR) + "/test/data/onnx/resnet50.onnx";
const std::string JSON_FILE = std::string(DNN_SOURCE_DIR) + "/scenarios/models/resnet50.json";
const std::string VIT_FILE = std::string(DNN_SOURCE_DIR) + "/scenarios/models/vit_b_16.onnx";

void
ReadOnnx(benchmark::State& state)
{
    for (auto _ : state)
    {
        const DnnModel model = DnnModelReader::ReadFile(ONNX_FILE);
        benchmark::DoNotOptimize(model.Flops());
    }
}

/** Read \p file and partition it, layer-wise (range 0) or in that many strips. */
void
ReadAndPartition(benchmark::State& state, const std::string& file)
{
    const auto pieces = state.range(0);
    const DnnPartitionConfig config = DnnPartitionConfig::Parse(
        pieces == 0 ? "layerwise" : "piecewise:" + std::to_string(pieces));
    std::size_t tasks = 0;
    for (auto _ : state)
    {
        const DnnModel model = DnnModelReader::ReadFile(file);
        const DnnTaskGraph graph = DnnPartitioner(config).Partition(model);
        tasks = graph.TaskCount();
        benchmark::DoNotOptimize(tasks);
    }
    state.counters["tasks"] = static_cast<double>(tasks);
}

void
ReadOnnxAndPartition(benchmark::State& state)
{
    ReadAndPartition(state, ONNX_FILE);
}

void
ReadVitAndPartition(benchmark::State& state)
{
    ReadAndPartition(state, VIT_FILE);
}

void
ReadJson(benchmark::State& state)
{
    for (auto _ : state)
    {
        const DnnModel model = DnnModelReader::ReadFile(JSON_FILE);
        benchmark::DoNotOptimize(model.Flops());
    }
}

} // namespace

BENCHMARK(ReadOnnx)->Unit(benchmark::kMillisecond);
BENCHMARK(ReadOnnxAndPartition)->Arg(0)->Arg(3)->Unit(benchmark::kMillisecond);
BENCHMARK(ReadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(ReadVitAndPartition)->Arg(0)->Arg(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
