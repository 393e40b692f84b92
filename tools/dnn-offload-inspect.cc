/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * dnn-offload-inspect: show a DNN model's layers (shapes, parameters, FLOPs, output sizes)
 * and, when asked, the task graph a partitioning makes of it. Several comma-separated
 * models give a one-line-per-model zoo table (or {"models": [...]} in JSON).
 *
 *   dnn-offload-inspect --model=FILE[,FILE...] [--partition=layerwise|piecewise:K]
 *                       [--format=table|json] [--dot=OUT] [--graph-json=OUT]
 *                       [--export-json=OUT]
 *
 * A model file is JSON or ONNX (.onnx). --export-json writes the model in the JSON model
 * format (an ONNX model becomes an editable JSON file that reads back to the same model).
 * --dot, --graph-json and --export-json are written to a temporary file in the target's folder and
 * renamed into place. They must be new paths or regular files: an input model (after following
 * links), a symbolic link, a folder or a device is refused (exit 2) before anything is read.
 *
 * Exit status: 0 on success, 2 on bad input (the message names the file and JSON path),
 * 1 on an unexpected internal error.
 */

#include "dnn-tool.h"
#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

void
PrintTable(const DnnModel& model, const DnnTaskGraph* graph, const DnnPartitionConfig& config)
{
    std::cout << "model " << DnnEscapeControl(model.Name()) << ": input "
              << model.InputShape().ToString() << " (" << model.InputElementBytes()
              << " B/element), activations " << model.ActivationElementBytes() << " B/element, "
              << model.LayerCount() << " layers\n\n";
    std::cout << std::left << std::setw(32) << "layer" << std::setw(20) << "type" << std::setw(14)
              << "output" << std::right << std::setw(12) << "params" << std::setw(12) << "MFLOPs"
              << std::setw(12) << "out KiB"
              << "\n";
    for (std::size_t i = 0; i < model.LayerCount(); ++i)
    {
        const DnnLayer& l = model.Layer(i);
        const std::string type =
            l.type == DnnLayerType::Activation ? l.function : DnnLayerTypeName(l.type);
        std::cout << std::left << std::setw(32) << DnnEscapeControl(l.name) << std::setw(20) << type
                  << std::setw(14) << l.outputShape.ToString() << std::right << std::setw(12)
                  << l.params << std::setw(12) << DnnFormatFixed(l.flops / 1e6, 2) << std::setw(12)
                  << DnnFormatFixed(model.OutputBytes(i) / 1024.0, 1) << "\n";
    }
    std::cout << "\ntotal: " << model.Params() << " params, " << model.ConvLinearMacs()
              << " conv+linear+matmul MACs, " << DnnFormatFixed(model.Flops() / 1e9, 3)
              << " GFLOPs\n";
    if (graph)
    {
        std::cout << "partition " << config.ToString() << ": " << graph->TaskCount() << " tasks, "
                  << graph->EdgeCount() << " edges, " << graph->TotalEdgeBytes()
                  << " bytes crossing edges ("
                  << DnnFormatFixed(graph->TotalEdgeBytes() / 1048576.0, 2) << " MiB)\n";
    }
}

void
PrintZooTable(const std::vector<DnnModel>& models, const std::vector<DnnTaskGraph>& graphs,
              const DnnPartitionConfig& config)
{
    std::cout << std::left << std::setw(16) << "model" << std::setw(12) << "input" << std::right
              << std::setw(8) << "layers" << std::setw(14) << "params" << std::setw(10) << "GMACs"
              << std::setw(10) << "GFLOPs" << std::setw(12) << "input KiB";
    if (!graphs.empty())
    {
        std::cout << std::setw(8) << "tasks" << std::setw(8) << "edges" << std::setw(11)
                  << "edge MiB";
    }
    std::cout << "\n";
    for (std::size_t i = 0; i < models.size(); ++i)
    {
        const DnnModel& m = models[i];
        std::cout << std::left << std::setw(16) << DnnEscapeControl(m.Name()) << std::setw(12)
                  << m.InputShape().ToString() << std::right << std::setw(8) << m.LayerCount()
                  << std::setw(14) << m.Params() << std::setw(10)
                  << DnnFormatFixed(m.ConvLinearMacs() / 1e9, 3) << std::setw(10)
                  << DnnFormatFixed(m.Flops() / 1e9, 3) << std::setw(12)
                  << DnnFormatFixed(m.InputBytes() / 1024.0, 1);
        if (!graphs.empty())
        {
            std::cout << std::setw(8) << graphs[i].TaskCount() << std::setw(8)
                      << graphs[i].EdgeCount() << std::setw(11)
                      << DnnFormatFixed(graphs[i].TotalEdgeBytes() / 1048576.0, 2);
        }
        std::cout << "\n";
    }
    if (!graphs.empty())
    {
        std::cout << "(tasks, edges and edge bytes of one request, " << config.ToString() << ")\n";
    }
}

nlohmann::json
ToJson(const DnnModel& model, const DnnTaskGraph* graph, const DnnPartitionConfig& config)
{
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t i = 0; i < model.LayerCount(); ++i)
    {
        const DnnLayer& l = model.Layer(i);
        layers.push_back({{"name", l.name},
                          {"type", DnnLayerTypeName(l.type)},
                          {"output_shape", l.outputShape.Dims()},
                          {"params", l.params},
                          {"macs", l.macs},
                          {"flops", l.flops},
                          {"output_bytes", model.OutputBytes(i)}});
    }
    nlohmann::json doc = {{"model", model.Name()},
                          {"params", model.Params()},
                          {"conv_linear_macs", model.ConvLinearMacs()},
                          {"flops", model.Flops()},
                          {"layers", layers}};
    if (graph)
    {
        doc["partition"] = {
            {"mode", config.mode == DnnPartitionMode::LayerWise ? "layerwise" : "piecewise"},
            {"pieces", config.pieces},
            {"tasks", graph->TaskCount()},
            {"edges", graph->EdgeCount()},
            {"edge_bytes", graph->TotalEdgeBytes()}};
    }
    return doc;
}

int
Run(int argc, char* argv[])
{
    std::string modelFile;
    std::string partition;
    std::string format = "table";
    std::string dotFile;
    std::string graphJsonFile;
    std::string exportJsonFile;
    CommandLine cmd(__FILE__);
    cmd.Usage("Show a DNN model's layers and, with --partition, its task graph.");
    cmd.AddValue("model",
                 "DNN model file (JSON or ONNX, see scenarios/models/); several: comma-separated",
                 modelFile);
    cmd.AddValue("partition", "layerwise, piecewise or piecewise:K", partition);
    cmd.AddValue("format", "table or json", format);
    cmd.AddValue("dot", "write the task graph as Graphviz DOT to this file", dotFile);
    cmd.AddValue("graph-json", "write the task graph as a JSON task list to this file",
                 graphJsonFile);
    cmd.AddValue("export-json", "write the model in the JSON model format to this file",
                 exportJsonFile);
    DnnCheckTextOptions(argc, argv,
                        {"model", "partition", "format", "dot", "graph-json", "export-json"});
    cmd.Parse(argc, argv);

    if (modelFile.empty())
    {
        throw DnnUsageError(
            "--model=FILE is required (e.g. --model=scenarios/models/alexnet.json)");
    }
    if (format != "table" && format != "json")
    {
        throw DnnUsageError("--format: \"" + format + "\" is not table or json");
    }
    DnnPartitionConfig config;
    const bool wantGraph = !partition.empty() || !dotFile.empty() || !graphJsonFile.empty();
    if (wantGraph)
    {
        try
        {
            config = DnnPartitionConfig::Parse(partition.empty() ? "layerwise" : partition);
        }
        catch (const std::invalid_argument& e)
        {
            throw DnnUsageError(std::string("--partition: ") + e.what());
        }
    }

    std::vector<std::string> modelFiles;
    for (std::size_t begin = 0; begin <= modelFile.size();)
    {
        const std::size_t comma = std::min(modelFile.find(',', begin), modelFile.size());
        if (comma > begin)
        {
            modelFiles.push_back(modelFile.substr(begin, comma - begin));
        }
        begin = comma + 1;
    }
    if (modelFiles.empty())
    {
        throw DnnUsageError("--model: no file named in \"" + modelFile + "\"");
    }
    if (modelFiles.size() > 1 &&
        (!dotFile.empty() || !graphJsonFile.empty() || !exportJsonFile.empty()))
    {
        throw DnnUsageError("--dot, --graph-json and --export-json take a single --model");
    }
    // Never overwrite an input, follow a link or replace a device (checked before reading).
    if (!dotFile.empty())
    {
        DnnCheckOutputFile("--dot", dotFile, modelFiles);
    }
    if (!graphJsonFile.empty())
    {
        DnnCheckOutputFile("--graph-json", graphJsonFile, modelFiles);
    }
    if (!exportJsonFile.empty())
    {
        DnnCheckOutputFile("--export-json", exportJsonFile, modelFiles);
    }
    if (!dotFile.empty() && !graphJsonFile.empty() &&
        DnnNormalPath(dotFile) == DnnNormalPath(graphJsonFile))
    {
        throw DnnUsageError("--graph-json: " + graphJsonFile + " is also the --dot file");
    }
    for (const auto& other : {dotFile, graphJsonFile})
    {
        if (!exportJsonFile.empty() && !other.empty() &&
            DnnNormalPath(exportJsonFile) == DnnNormalPath(other))
        {
            throw DnnUsageError("--export-json: " + exportJsonFile +
                                " is also the --dot or --graph-json file");
        }
    }
    std::vector<DnnModel> models;
    std::vector<DnnTaskGraph> graphs;
    for (const auto& file : modelFiles)
    {
        models.push_back(DnnModelReader::ReadFile(file));
        if (wantGraph)
        {
            graphs.push_back(DnnPartitioner(config).Partition(models.back()));
        }
    }

    if (models.size() > 1)
    {
        if (format == "json")
        {
            nlohmann::json all = nlohmann::json::array();
            for (std::size_t i = 0; i < models.size(); ++i)
            {
                all.push_back(ToJson(models[i], wantGraph ? &graphs[i] : nullptr, config));
            }
            std::cout << nlohmann::json{{"models", all}}.dump(1) << "\n";
        }
        else
        {
            PrintZooTable(models, graphs, config);
        }
        return 0;
    }

    const DnnModel& model = models.front();
    const DnnTaskGraph* graph = wantGraph ? &graphs.front() : nullptr;
    // Write the files (all or nothing) before printing, so a failure leaves no output.
    DnnOutputFiles files;
    if (!dotFile.empty())
    {
        std::ostringstream dot;
        DnnTaskGraphWriter::WriteDot(*graph, dot);
        files.Add(dotFile, dot.str());
    }
    if (!graphJsonFile.empty())
    {
        files.Add(graphJsonFile, DnnTaskGraphWriter::ToJson(*graph).dump(1) + "\n");
    }
    if (!exportJsonFile.empty())
    {
        files.Add(
            exportJsonFile,
            DnnModelWriter::ToText(model, "exported by dnn-offload-inspect from " + model.File()));
    }
    files.Commit();

    if (format == "json")
    {
        std::cout << ToJson(model, graph, config).dump(1) << "\n";
    }
    else
    {
        PrintTable(model, graph, config);
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    return DnnToolMain(argc, argv, Run);
}
