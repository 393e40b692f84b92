/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Example: partition a multi-request, multi-model workload into one task graph.
 *
 * The seed system's workload: N requests, models assigned round-robin (AlexNet, GoogLeNet,
 * ResNet-50), request n issued by device "iot<n>". Prints, for layer-wise and for piece-wise
 * partitioning, the tasks, edges, weakly connected components (one per request) and the
 * bytes that would cross the network if every edge were remote.
 *
 *   dnn-partition-workload-example [--models-dir=DIR] [--requests=9]
 *                                  [--pieces=3]
 */

#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string modelsDir = DnnDefaultModelsDir();
    uint32_t requestCount = 9;
    uint32_t pieces = 3;
    CommandLine cmd(__FILE__);
    cmd.Usage("Partition the seed's multi-request workload into one task graph.");
    cmd.AddValue("models-dir", "folder holding alexnet.json, googlenet.json, resnet50.json",
                 modelsDir);
    cmd.AddValue("requests", "number of requests (models round-robin)", requestCount);
    cmd.AddValue("pieces", "strips per spatial layer for piece-wise partitioning", pieces);
    cmd.Parse(argc, argv);

    try
    {
        const std::vector<std::string> names = {"alexnet", "googlenet", "resnet50"};
        std::vector<std::shared_ptr<const DnnModel>> models;
        for (const auto& name : names)
        {
            models.push_back(std::make_shared<const DnnModel>(
                DnnModelReader::ReadFile(modelsDir + "/" + name + ".json")));
        }
        std::vector<DnnRequest> requests;
        for (uint32_t n = 0; n < requestCount; ++n)
        {
            requests.push_back({n, models[n % models.size()], "iot" + std::to_string(n), 0.0});
        }

        std::cout << "workload: " << requestCount << " requests (alexnet, googlenet, resnet50 "
                  << "round-robin), request n on device iot<n>\n\n";
        std::cout << std::left << std::setw(14) << "partitioning" << std::right << std::setw(8)
                  << "tasks" << std::setw(8) << "edges" << std::setw(12) << "components"
                  << std::setw(10) << "GFLOPs" << std::setw(14) << "edge MiB"
                  << "\n";
        for (const auto& spec : {std::string("layerwise"), "piecewise:" + std::to_string(pieces)})
        {
            const DnnTaskGraph graph =
                DnnPartitioner(DnnPartitionConfig::Parse(spec)).PartitionWorkload(requests);
            graph.Validate();
            std::cout << std::left << std::setw(14) << spec << std::right << std::setw(8)
                      << graph.TaskCount() << std::setw(8) << graph.EdgeCount() << std::setw(12)
                      << graph.WeakComponentCount() << std::setw(10) << std::fixed
                      << std::setprecision(2) << graph.TotalFlops() / 1e9 << std::setw(14)
                      << graph.TotalEdgeBytes() / 1048576.0 << "\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
