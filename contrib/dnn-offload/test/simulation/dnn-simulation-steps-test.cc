/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of the steps of a simulation run (DnnSimulationRun) and of the pieces they are
 * made of, each on its own: worker addresses, NetAnim colours, the Wi-Fi MAC drop counter,
 * the reasons of unfinished requests, and BuildWorld() / InstallWorkers() alone.
 */
#include "dnn-test-util.h"
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-simulation-steps.h"
#include "ns3/dnn-simulation.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/double.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace
{

using namespace ns3;

/** Ends a test's simulation and forgets the node names, however the test ends. */
struct SimulationGuard
{
    ~SimulationGuard()
    {
        Simulator::Destroy();
        Names::Clear();
    }
};

DnnDevice
Device(const std::string& name, const std::string& profile, DnnDeviceRole role, double x)
{
    DnnDevice device;
    device.name = name;
    device.profile = *DnnDeviceProfile::FindBuiltin(profile);
    device.role = role;
    device.x = x;
    return device;
}

/** Two Raspberry Pis on an 802.11ac cell whose access point is the edge server (members in
 *  the order cam0, cam1, edge). */
DnnPlatform
WifiCell(const std::function<void(uint32_t, DnnDeviceProfile&)>& edit = {})
{
    DnnPlatform platform;
    std::vector<DnnDevice> devices = {Device("cam0", "rpi4", DnnDeviceRole::Iot, 2),
                                      Device("cam1", "rpi4", DnnDeviceRole::Iot, 3),
                                      Device("edge", "edge-server", DnnDeviceRole::Edge, 0)};
    for (uint32_t d = 0; edit && d < devices.size(); ++d)
    {
        edit(d, devices[d].profile);
    }
    DnnNetwork wlan;
    wlan.name = "wlan";
    wlan.kind = DnnNetworkKind::Wifi;
    wlan.dataRate = 100e6;
    wlan.members.push_back(platform.AddDevice(devices[0]));
    wlan.members.push_back(platform.AddDevice(devices[1]));
    wlan.accessPoint = platform.AddDevice(devices[2]);
    wlan.members.push_back(wlan.accessPoint);
    platform.AddNetwork(wlan);
    return platform;
}

/** A run of WifiCell() devices with no work, for the steps up to BuildWorld(). */
struct IdleCellRun
{
    /** \param platform a WifiCell() (it must outlive the run) \param stopTime s */
    IdleCellRun(const DnnPlatform& platform, double stopTime)
        : options(Options(stopTime)),
          run(std::make_shared<DnnRuntimePlan>(std::vector<std::string>{"cam0", "cam1", "edge"}),
              nullptr, graph, problem, platform, options)
    {
    }

    /** \param stopTime s \return the options: that stop time, no flow monitor */
    static DnnSimulationOptions Options(double stopTime)
    {
        DnnSimulationOptions options;
        options.stopTime = stopTime;
        options.flowmon = false;
        return options;
    }

    const DnnTaskGraph graph;                                         //!< no tasks
    const DnnSchedulingProblem problem{{}, {"cam0", "cam1", "edge"}}; //!< no tasks
    const DnnSimulationOptions options; //!< the run holds a reference to it
    DnnSimulationRun run;               //!< the run
};

/** cam and jetson on a CSMA segment (members jetson, cam), the jetson and the cloud on a
 *  point-to-point link (members jetson, cloud), and a spare Pi on no network. */
DnnPlatform
WiredWithASpare()
{
    DnnPlatform platform;
    const uint32_t cam = platform.AddDevice(Device("cam", "rpi4", DnnDeviceRole::Iot, 0));
    const uint32_t jetson =
        platform.AddDevice(Device("jetson", "jetson-tx2", DnnDeviceRole::Helper, 1));
    const uint32_t cloud =
        platform.AddDevice(Device("cloud", "cloud-server", DnnDeviceRole::Cloud, 2));
    platform.AddDevice(Device("spare", "rpi4", DnnDeviceRole::Iot, 3));
    DnnNetwork lan;
    lan.name = "lan";
    lan.kind = DnnNetworkKind::Csma;
    lan.dataRate = 100e6;
    lan.members = {jetson, cam};
    platform.AddNetwork(lan);
    DnnNetwork wan;
    wan.name = "wan";
    wan.kind = DnnNetworkKind::P2p;
    wan.dataRate = 50e6;
    wan.delay = 0.02;
    wan.members = {jetson, cloud};
    platform.AddNetwork(wan);
    return platform;
}

/** The address of each worker: the device's on its first network (10.(k+1).0.x, hosts in
 *  member order), the loopback address for a device on no network. */
TEST(SimulationStepsTest, WorkerAddressesAreTheFirstNetworksOrLoopback)
{
    SimulationGuard guard;
    const DnnPlatform platform = WiredWithASpare();
    DnnTopologyHelper topology;
    topology.Install(platform);
    const std::vector<Ipv4Address> addresses = DnnWorkerAddresses(platform, topology);
    ASSERT_EQ(addresses.size(), 4u);
    EXPECT_EQ(addresses[0], Ipv4Address("10.1.0.2"));  // cam: second member of lan
    EXPECT_EQ(addresses[1], Ipv4Address("10.1.0.1"));  // jetson: lan first, not wan
    EXPECT_EQ(addresses[2], Ipv4Address("10.2.0.2"));  // cloud: second member of wan
    EXPECT_EQ(addresses[3], Ipv4Address("127.0.0.1")); // spare: on no network
}

TEST(SimulationStepsTest, NetAnimColoursByRole)
{
    const auto rgb = [](DnnDeviceRole role)
    {
        const DnnColour c = DnnRoleColour(role);
        return std::vector<int>{c.red, c.green, c.blue};
    };
    EXPECT_EQ(rgb(DnnDeviceRole::Iot), (std::vector<int>{46, 134, 222}));
    EXPECT_EQ(rgb(DnnDeviceRole::Helper), (std::vector<int>{39, 174, 96}));
    EXPECT_EQ(rgb(DnnDeviceRole::Edge), (std::vector<int>{230, 126, 34}));
    EXPECT_EQ(rgb(DnnDeviceRole::Cloud), (std::vector<int>{142, 68, 173}));
}

/** Every reason is there from the start, at zero; each drop counts under its reason. */
TEST(SimulationStepsTest, WifiMacDropsCountByReason)
{
    DnnWifiMacDrops drops;
    using Counts = std::map<std::string, uint64_t>;
    EXPECT_EQ(drops.ByReason(), (Counts{{"expired_lifetime", 0},
                                        {"failed_enqueue", 0},
                                        {"old_packet", 0},
                                        {"retry_limit", 0}}));
    drops.Dropped(WIFI_MAC_DROP_REACHED_RETRY_LIMIT, nullptr);
    drops.Dropped(WIFI_MAC_DROP_REACHED_RETRY_LIMIT, nullptr);
    drops.Dropped(WIFI_MAC_DROP_QOS_OLD_PACKET, nullptr);
    drops.Dropped(WIFI_MAC_DROP_FAILED_ENQUEUE, nullptr);
    drops.Dropped(WIFI_MAC_DROP_REACHED_RETRY_LIMIT, nullptr);
    EXPECT_EQ(drops.ByReason(), (Counts{{"expired_lifetime", 0},
                                        {"failed_enqueue", 1},
                                        {"old_packet", 1},
                                        {"retry_limit", 3}}));
}

/** Three requests (r0, r1, r2) of three tasks each: the input on cam0, a convolution on the
 *  edge, the output back on cam0. */
DnnRuntimePlan
ThreeRequests()
{
    DnnTaskGraph graph;
    std::vector<std::string> names;
    DnnSchedule schedule(9);
    for (uint32_t r = 0; r < 3; ++r)
    {
        const std::string prefix = "r" + std::to_string(r) + "/";
        DnnTask input;
        input.name = prefix + "input";
        input.kind = DnnTaskKind::Source;
        input.request = r;
        DnnTask conv = input;
        conv.name = prefix + "conv1";
        conv.kind = DnnTaskKind::Compute;
        conv.work = DnnWork::Of(DnnWorkKind::Conv, 1000000000);
        DnnTask output = input;
        output.name = prefix + "output";
        output.kind = DnnTaskKind::Sink;
        const auto a = graph.AddTask(input);
        const auto b = graph.AddTask(conv);
        const auto c = graph.AddTask(output);
        graph.AddEdge(a, b, 1000);
        graph.AddEdge(b, c, 10);
        for (const auto& task : {input, conv, output})
        {
            names.push_back(task.name);
        }
        schedule.Place(a, 0, 0, r, r);
        schedule.Place(b, 1, 0, r, r + 0.5);
        schedule.Place(c, 0, 0, r + 0.5, r + 0.5);
    }
    const DnnSchedulingProblem problem(names, {"cam0", "edge"});
    return DnnRuntimePlan(graph, problem, schedule);
}

/**
 * Why each unfinished request did not finish, in order of precedence: the failure that hit
 * it (even one never planned), "not planned" without a sink, the first task neither
 * abandoned nor finished (and why its worker has not run it), or, none left, that the run
 * stopped.
 */
TEST(SimulationStepsTest, UnfinishedReasons)
{
    auto plan = std::make_shared<DnnRuntimePlan>(ThreeRequests());
    ASSERT_EQ(plan->Requests().size(), 3u);
    plan->DeclareRequest({3, "alexnet", 0, 20.0}); // never planned
    plan->DeclareRequest({4, "alexnet", 0, 21.0}); // never planned, but a failure hit it
    plan->Abandon(0);                              // r0/input: a recovery replaced it
    for (uint32_t t : plan->TasksOf(2))
    {
        plan->Abandon(t); // r2: nothing left to run
    }
    DnnRunRecorder recorder(plan);
    recorder.RecordFailure(1, "device edge failed at 0.5 s", 0.5);
    recorder.RecordFailure(4, "its window was lost", 1.0);
    std::vector<uint32_t> asked;
    const auto pending = [&asked](uint32_t task)
    {
        asked.push_back(task);
        return "queued or running on edge";
    };
    const auto reason = [&](uint32_t request)
    {
        return DnnUnfinishedReason(*plan, recorder, request, 15, pending);
    };
    EXPECT_EQ(reason(0), "r0/conv1 on edge: queued or running on edge");
    EXPECT_EQ(asked, std::vector<uint32_t>{1}); // task 1 = r0/conv1, once
    EXPECT_EQ(reason(1), "device edge failed at 0.5 s");
    EXPECT_EQ(reason(2), "stopped at 15.000000 s with tasks undone");
    EXPECT_EQ(reason(3), "not planned: its planning window opens after the run stops at "
                         "15.000000 s");
    EXPECT_EQ(reason(4), "its window was lost");
    EXPECT_EQ(asked.size(), 1u); // only r0 asked a worker
}

/**
 * BuildWorld() alone: a node per device, a Wi-Fi radio energy model per Wi-Fi device (every
 * node of the cell has one; none on a wired platform), the worker addresses, plan time 0 at
 * the association bound and the stop the options' stop time later. InstallWorkers() then
 * puts one worker on each node, in node order. The run's destructor destroys the simulator.
 */
TEST(SimulationStepsTest, BuildWorldAndInstallWorkersAlone)
{
    const DnnPlatform cell = WifiCell();
    const DnnTaskGraph noGraph;
    const DnnSchedulingProblem noProblem({}, {"cam0", "cam1", "edge"});
    DnnSimulationOptions options;
    options.stopTime = 5;
    {
        DnnSimulationRun run(
            std::make_shared<DnnRuntimePlan>(std::vector<std::string>{"cam0", "cam1", "edge"}),
            nullptr, noGraph, noProblem, cell, options);
        run.BuildWorld();
        ASSERT_EQ(run.Nodes().GetN(), 3u);
        for (uint32_t d = 0; d < 3; ++d)
        {
            EXPECT_EQ(run.RadioEnergy(d).GetN(), 1u) << d;
        }
        EXPECT_EQ(run.Addresses(),
                  (std::vector<Ipv4Address>{Ipv4Address("10.1.0.1"), Ipv4Address("10.1.0.2"),
                                            Ipv4Address("10.1.0.3")}));
        EXPECT_EQ(run.Origin(), DnnTopologyHelper::AssociationBound());
        EXPECT_EQ(run.Stop(), DnnTopologyHelper::AssociationBound() + Seconds(5));
        EXPECT_EQ(run.Workers().GetN(), 0u);
        run.InstallWorkers();
        ASSERT_EQ(run.Workers().GetN(), 3u);
        for (uint32_t d = 0; d < 3; ++d)
        {
            EXPECT_EQ(run.Workers().Get(d)->GetNode(), run.Nodes().Get(d)) << d;
        }
    }
    EXPECT_EQ(Names::Find<Node>("cam0"), nullptr); // the run cleared the names

    const DnnPlatform wired = WiredWithASpare();
    const DnnSchedulingProblem noWiredProblem({}, {"cam", "jetson", "cloud", "spare"});
    DnnSimulationRun run(std::make_shared<DnnRuntimePlan>(
                             std::vector<std::string>{"cam", "jetson", "cloud", "spare"}),
                         nullptr, noGraph, noWiredProblem, wired, options);
    run.BuildWorld();
    ASSERT_EQ(run.Nodes().GetN(), 4u);
    for (uint32_t d = 0; d < 4; ++d)
    {
        EXPECT_EQ(run.RadioEnergy(d).GetN(), 0u) << d;
    }
    EXPECT_EQ(run.Addresses().back(), Ipv4Address::GetLoopback());
}

/**
 * The Wi-Fi radios draw their profiles' powers (current = power / the source's 5 V), derived
 * by hand over a run without requests of T = energyWindow seconds (5 s stop, 0.25 s
 * association bound, 1 s drain):
 * - cam0, radio idle = receive = 1 W and transmit 3 W: 1 W x T, plus 2 W x the few hundred
 *   microseconds it transmits (association request, acknowledgements);
 * - cam1, radio idle = receive = 0 W and transmit 3 W: idle and receive are simulated at
 *   DnnRunLimits::MIN_RADIO_POWER_W (0.02 W), so 0.02 W x T plus 2.98 W x its transmit time;
 * - edge, the access point, idle = receive = 1 W and transmit 3 W: 1 W x T plus 2 W x its
 *   beacons' air time (one every 102.4 ms, under 1 ms each);
 * and a radio that draws nothing at all (all three 0 W) gets no energy model.
 */
TEST(SimulationStepsTest, WifiRadiosDrawTheProfilesPowers)
{
    SimulationGuard guard;
    const DnnPlatform platform = WifiCell(
        [](uint32_t d, DnnDeviceProfile& profile)
        {
            profile.txPower = 3;
            profile.radioIdlePower = d == 1 ? 0 : 1;
            profile.radioRxPower = d == 1 ? 0 : 1;
        });
    IdleCellRun idle(platform, 5);
    DnnSimulationRun& run = idle.run;
    run.BuildWorld();
    ASSERT_EQ(run.RadioEnergy(0).GetN(), 1u);
    EXPECT_DOUBLE_EQ(run.Nodes().Get(0)->GetObject<DnnEnergySource>()->GetSupplyVoltage(), 5.0);
    const auto current = [&run](uint32_t d, const std::string& name)
    {
        DoubleValue value;
        run.RadioEnergy(d).Get(0)->GetAttribute(name, value);
        return value.Get();
    };
    EXPECT_DOUBLE_EQ(current(0, "IdleCurrentA"), 0.2);
    EXPECT_DOUBLE_EQ(current(0, "RxCurrentA"), 0.2);
    EXPECT_DOUBLE_EQ(current(0, "CcaBusyCurrentA"), 0.2);
    EXPECT_DOUBLE_EQ(current(0, "SleepCurrentA"), 0.2);
    EXPECT_DOUBLE_EQ(current(0, "SwitchingCurrentA"), 0.2);
    EXPECT_DOUBLE_EQ(current(0, "TxCurrentA"), 0.6);
    EXPECT_DOUBLE_EQ(current(1, "IdleCurrentA"), 0.02 / 5);
    EXPECT_DOUBLE_EQ(current(1, "RxCurrentA"), 0.02 / 5);
    EXPECT_DOUBLE_EQ(current(1, "TxCurrentA"), 0.6);
    run.InstallWorkers();
    run.InstallTraces();
    run.OpenResults();
    run.ScheduleRolling();
    run.RunSimulator();
    const DnnSimulationResult result = run.Summarize();
    const double t = result.energyWindow;
    EXPECT_DOUBLE_EQ(t, 6.25);
    const auto& energy = run.Facts().energy;
    ASSERT_EQ(energy.size(), 3u);
    EXPECT_GE(energy[0].radio, 1.0 * t);
    EXPECT_LT(energy[0].radio, 1.0 * t + 0.01);
    EXPECT_GT(energy[1].radio, 0.02 * t);
    EXPECT_LT(energy[1].radio, 0.02 * t + 0.01);
    EXPECT_GT(energy[2].radio, 1.0 * t);
    EXPECT_LT(energy[2].radio, 1.0 * t + 2.0 * 62 * 1e-3);
}

/** A profile whose radio draws nothing (transmit power 0 W, no radio figures) gets no radio
 *  energy model: its radio_j is 0 and its frames still go. */
TEST(SimulationStepsTest, ARadioThatDrawsNothingHasNoEnergyModel)
{
    SimulationGuard guard;
    const DnnPlatform platform = WifiCell(
        [](uint32_t d, DnnDeviceProfile& profile)
        {
            if (d == 0)
            {
                profile.txPower = 0;
            }
        });
    IdleCellRun idle(platform, 1);
    DnnSimulationRun& run = idle.run;
    run.BuildWorld();
    EXPECT_EQ(run.RadioEnergy(0).GetN(), 0u);
    EXPECT_EQ(run.RadioEnergy(1).GetN(), 1u);
    run.InstallWorkers();
    run.InstallTraces();
    run.OpenResults();
    run.ScheduleRolling();
    run.RunSimulator();
    run.Summarize();
    EXPECT_EQ(run.Facts().energy.at(0).radio, 0.0);
    EXPECT_GT(run.Facts().energy.at(1).radio, 0.0);
    EXPECT_TRUE(run.Facts().unassociatedAtStart.empty());
}

/** The steps by hand, without a results folder, give what DnnSimulation::Run() gives: every
 *  request completes (no reason), the same completions and the same number of events. */
TEST(SimulationStepsTest, StepsByHandMatchRun)
{
    const DnnPlatform platform = WifiCell();
    std::vector<DnnRequest> requests;
    for (uint32_t c = 0; c < 2; ++c)
    {
        requests.push_back({c, test::LoadZooModel("alexnet"), "cam" + std::to_string(c), 0.0});
    }
    const DnnTaskGraph graph =
        DnnPartitioner(DnnPartitionConfig::Parse("layerwise")).PartitionWorkload(requests);
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    DnnSimulationOptions options;
    options.stopTime = 5;
    options.flowmon = false;
    const DnnSimulationResult expected =
        DnnSimulation::Run(graph, problem, schedule, platform, options);

    DnnSimulationRun run(std::make_shared<DnnRuntimePlan>(graph, problem, schedule), nullptr, graph,
                         problem, platform, options);
    run.BuildWorld();
    run.InstallWorkers();
    run.InstallTraces();
    run.OpenResults();
    run.ScheduleRolling();
    run.RunSimulator();
    const DnnSimulationResult result = run.Summarize();
    run.WriteResults();
    EXPECT_EQ(result.unfinished, (std::vector<std::string>{"", ""}));
    EXPECT_EQ(run.Facts().unfinished, result.unfinished);
    EXPECT_GT(result.simulatedMakespan, 0);
    EXPECT_EQ(result.completion, expected.completion);
    EXPECT_EQ(result.events, expected.events);
    EXPECT_EQ(result.bytesReceived, expected.bytesReceived);
    EXPECT_EQ(result.energy, expected.energy);
}

} // namespace
