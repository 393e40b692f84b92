/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Example: offload AlexNet from one camera to an edge server over Wi-Fi.
 *
 * A Raspberry Pi 4 camera 5 m from an 802.11ac access point that is also the edge server.
 * The Local plan runs AlexNet on the camera; the Edge plan ships the 147 KiB image to the
 * edge server, which computes 5.3 times faster. Both plans run in ns-3; the program prints
 * planned and simulated latency and where the results (and netanim.xml) are.
 *
 *   dnn-wifi-offload-example [--models-dir=DIR] [--out=results/wifi-offload] [--run=1]
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
    std::string out = "results/wifi-offload";
    CommandLine cmd(__FILE__);
    cmd.Usage("Offload AlexNet from a camera to an edge server over Wi-Fi.");
    cmd.AddValue("models-dir", "folder holding alexnet.json", modelsDir);
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
        DnnDevice camera{"camera", *DnnDeviceProfile::FindBuiltin("rpi4"), DnnDeviceRole::Iot, 5, 0,
                         0};
        DnnDevice edge{
            "edge", *DnnDeviceProfile::FindBuiltin("edge-server"), DnnDeviceRole::Edge, 0, 0, 0};
        DnnNetwork wlan;
        wlan.name = "wlan";
        wlan.kind = DnnNetworkKind::Wifi;
        wlan.members = {platform.AddDevice(camera), platform.AddDevice(edge)};
        wlan.accessPoint = 1;
        wlan.dataRate = 86.7e6; // 802.11ac, 20 MHz, MCS 8, one stream: the planner's figure
        platform.AddNetwork(wlan);

        auto model =
            std::make_shared<const DnnModel>(DnnModelReader::ReadFile(modelsDir + "/alexnet.json"));
        const DnnTaskGraph graph = DnnPartitioner().PartitionWorkload({{0, model, "camera", 0.0}});
        const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
        std::cout << std::fixed << std::setprecision(4);
        for (const std::string name : {"local", "edge"})
        {
            const DnnSchedule schedule = DnnScheduler::Create(name)->Plan(problem);
            DnnSimulationOptions options;
            options.scheduler = name;
            options.stopTime = 5;
            options.netanim = true;
            options.run = run;
            options.run = run;
            options.outputDir = out + "/" + name;
            const DnnSimulationResult result =
                DnnSimulation::Run(graph, problem, schedule, platform, options);
            std::cout << name << ": planned " << result.plannedMakespan << " s, simulated "
                      << result.simulatedMakespan << " s, " << result.bytesReceived
                      << " bytes over Wi-Fi, " << result.energy << " J -> " << options.outputDir
                      << "/ (summary.json, tasks.csv, netanim.xml)\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
