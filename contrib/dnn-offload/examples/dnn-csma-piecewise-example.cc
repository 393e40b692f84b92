/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Example: piece-wise VGG16 across three devices on an Ethernet (CSMA) segment.
 *
 * A Raspberry Pi 4 camera, a Jetson TX2 and an edge server share a 1 Gbit/s segment. VGG16
 * is cut into 3 horizontal strips per layer and HEFT spreads the strips over the three
 * devices; the plan then runs in ns-3, and the program prints how many pieces each device
 * ran, the planned and simulated latency and the bytes that crossed the segment.
 *
 *   dnn-csma-piecewise-example [--models-dir=DIR] [--out=results/csma-piecewise] [--run=1]
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
    std::string out = "results/csma-piecewise";
    double delay = 1e-6;
    double efficiency = 1.0;
    CommandLine cmd(__FILE__);
    cmd.Usage("Piece-wise VGG16 across three devices on a CSMA segment.");
    cmd.AddValue("models-dir", "folder holding vgg16.json", modelsDir);
    cmd.AddValue("out", "results folder", out);
    uint32_t run = 1;
    cmd.AddValue("run",
                 "run number of the simulation's random streams (the simulation sets RngRun "
                 "from it)",
                 run);
    cmd.AddValue("delay", "propagation delay of the segment, s", delay);
    cmd.AddValue("efficiency", "planning efficiency of the segment", efficiency);
    cmd.Parse(argc, argv);
    try
    {
        DnnPlatform platform;
        DnnNetwork lan;
        lan.name = "lan";
        lan.kind = DnnNetworkKind::Csma;
        lan.dataRate = 1e9;
        lan.delay = delay;
        lan.efficiency = efficiency;
        lan.members = {platform.AddDevice({"camera", *DnnDeviceProfile::FindBuiltin("rpi4"),
                                           DnnDeviceRole::Iot, 0, 0, 0}),
                       platform.AddDevice({"jetson", *DnnDeviceProfile::FindBuiltin("jetson-tx2"),
                                           DnnDeviceRole::Helper, 5, 0, 0}),
                       platform.AddDevice({"edge", *DnnDeviceProfile::FindBuiltin("edge-server"),
                                           DnnDeviceRole::Edge, 10, 0, 0})};
        platform.AddNetwork(lan);

        auto model =
            std::make_shared<const DnnModel>(DnnModelReader::ReadFile(modelsDir + "/vgg16.json"));
        const DnnTaskGraph graph = DnnPartitioner(DnnPartitionConfig::Parse("piecewise:3"))
                                       .PartitionWorkload({{0, model, "camera", 0.0}});
        const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
        const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
        std::vector<uint32_t> pieces(platform.DeviceCount(), 0);
        for (uint32_t t = 0; t < problem.TaskCount(); ++t)
        {
            pieces[schedule.Processor(t)] += graph.Task(t).kind == DnnTaskKind::Compute;
        }
        DnnSimulationOptions options;
        options.scheduler = "heft";
        options.stopTime = 10;
        options.netanim = true;
        options.run = run;
        options.outputDir = out;
        const DnnSimulationResult result =
            DnnSimulation::Run(graph, problem, schedule, platform, options);
        std::cout << std::fixed << std::setprecision(4) << "VGG16, " << problem.TaskCount()
                  << " tasks; pieces per device:";
        for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
        {
            std::cout << " " << platform.Device(d).name << " " << pieces[d];
        }
        std::cout << "\nplanned " << result.plannedMakespan << " s, simulated "
                  << result.simulatedMakespan << " s, " << result.bytesReceived
                  << " bytes over the segment -> " << out << "/\n";
    }
    catch (const std::exception& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}
