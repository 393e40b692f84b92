/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Example: a camera, an edge server over Wi-Fi and the cloud over a WAN link.
 *
 * The cloud is twice as fast as the edge server but sits behind a 50 Mbit/s, 20 ms WAN
 * link from the edge. ResNet-50 is planned three ways — all on the edge, all in the cloud,
 * and by HEFT — and each plan runs in ns-3; the program prints planned and simulated
 * latency, showing what the WAN's latency and the Wi-Fi hop cost.
 *
 *   dnn-cloud-offload-example [--models-dir=DIR] [--out=results/cloud-offload] [--run=1]
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
    std::string out = "results/cloud-offload";
    CommandLine cmd(__FILE__);
    cmd.Usage("A camera, an edge server over Wi-Fi and the cloud over a WAN link.");
    cmd.AddValue("models-dir", "folder holding resnet50.json", modelsDir);
    cmd.AddValue("out", "results folder", out);
    uint32_t run = 1;
    cmd.AddValue("run",
                 "run number of the simulation's random streams (the simulation sets RngRun "
                 "from it)",
                 run);
    cmd.Parse(argc, argv);
    try
    {
        DnnPlatform platform;
        const uint32_t camera = platform.AddDevice(
            {"camera", *DnnDeviceProfile::FindBuiltin("rpi4"), DnnDeviceRole::Iot, 5, 0, 0});
        const uint32_t edge = platform.AddDevice(
            {"edge", *DnnDeviceProfile::FindBuiltin("edge-server"), DnnDeviceRole::Edge, 0, 0, 0});
        const uint32_t cloud =
            platform.AddDevice({"cloud", *DnnDeviceProfile::FindBuiltin("cloud-server"),
                                DnnDeviceRole::Cloud, 0, 50, 0});
        DnnNetwork wlan;
        wlan.name = "wlan";
        wlan.kind = DnnNetworkKind::Wifi;
        wlan.members = {camera, edge};
        wlan.accessPoint = edge;
        wlan.dataRate = 86.7e6;
        platform.AddNetwork(wlan);
        platform.AddNetwork(
            {"wan", DnnNetworkKind::P2p, {edge, cloud}, DnnNetwork::NONE, 50e6, 0.02});

        auto model = std::make_shared<const DnnModel>(
            DnnModelReader::ReadFile(modelsDir + "/resnet50.json"));
        const DnnTaskGraph graph = DnnPartitioner().PartitionWorkload({{0, model, "camera", 0.0}});
        const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
        std::cout << std::fixed << std::setprecision(4);
        for (const std::string name : {"edge", "cloud", "heft"})
        {
            const DnnSchedule schedule = DnnScheduler::Create(name)->Plan(problem);
            DnnSimulationOptions options;
            options.scheduler = name;
            options.stopTime = 5;
            options.outputDir = out + "/" + name;
            options.netanim = true;
            options.run = run;
            options.run = run;
            const DnnSimulationResult result =
                DnnSimulation::Run(graph, problem, schedule, platform, options);
            std::cout << std::setw(6) << name << ": planned " << result.plannedMakespan
                      << " s, simulated " << result.simulatedMakespan << " s -> "
                      << options.outputDir << "/\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
