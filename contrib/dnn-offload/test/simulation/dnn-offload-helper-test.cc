/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-test-util.h"
#include "dnn-two-nodes.h"
#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-offload-helper.h"
#include "ns3/dnn-run-recorder.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-worker-application.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace
{

using namespace ns3;

/** Ends every test's simulation, however the test ends. */
struct SimulationGuard
{
    ~SimulationGuard() { Simulator::Destroy(); }
};

/** One request: a's input (100 kB) goes to b, which computes a little and answers a; the
 *  edge scheduler puts the work on b, so both directions cross the link. */
std::shared_ptr<const DnnRuntimePlan>
OneTransferPlan(const DnnPlatform& platform)
{
    DnnTaskGraph graph;
    DnnTask input;
    input.name = "r0/input";
    input.kind = DnnTaskKind::Source;
    input.pinnedDevice = "a";
    input.outputBytes = 100'000;
    DnnTask work;
    work.name = "r0/work";
    work.work = DnnWork::Of(DnnWorkKind::Conv, 1000);
    work.outputBytes = 1000;
    DnnTask output;
    output.name = "r0/output";
    output.kind = DnnTaskKind::Sink;
    output.pinnedDevice = "a";
    const auto i = graph.AddTask(input);
    const auto w = graph.AddTask(work);
    const auto o = graph.AddTask(output);
    graph.AddEdge(i, w, 100'000);
    graph.AddEdge(w, o, 1000);
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule schedule = DnnScheduler::Create("edge")->Plan(problem);
    return std::make_shared<const DnnRuntimePlan>(graph, problem, schedule);
}

/** The Port attribute of an installed worker. */
uint64_t
PortOf(Ptr<Application> app)
{
    UintegerValue port;
    app->GetAttribute("Port", port);
    return port.Get();
}

/** The message of what \p action throws as std::invalid_argument ("" if nothing). */
template<typename Action>
std::string
InvalidArgumentMessage(Action action)
{
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

/** A worker attribute set through the helper reaches every worker, and the workers reach
 *  each other on that port: the request completes. */
TEST(OffloadHelperTest, WorkerAttributeReachesTheWorkers)
{
    SimulationGuard guard;
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const auto plan = OneTransferPlan(platform);
    ASSERT_EQ(plan->GetTask(1).node, 1u) << "the work must run on b";
    test::TwoNodes world;
    DnnOffloadHelper helper;
    helper.SetWorkerAttribute("Port", UintegerValue(9100));
    helper.InstallCompute(world.nodes, platform);
    ApplicationContainer apps =
        helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(5));
    ASSERT_EQ(apps.GetN(), 2u);
    EXPECT_EQ(PortOf(apps.Get(0)), 9100u);
    EXPECT_EQ(PortOf(apps.Get(1)), 9100u);
    DnnRunRecorder recorder(plan);
    recorder.Attach(apps, Seconds(0));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_GT(recorder.Completion(0), 0) << "request did not complete on port 9100";
}

/** A Config::SetDefault of the worker port reaches the workers and the addresses they reach
 *  each other at, as for any ns-3 attribute; the helper's own setting wins over it. */
TEST(OffloadHelperTest, ConfigDefaultPortReachesTheWorkers)
{
    SimulationGuard guard;
    struct RestorePort
    {
        ~RestorePort()
        {
            Config::SetDefault("ns3::DnnWorkerApplication::Port", UintegerValue(9000));
        }
    } restore;
    Config::SetDefault("ns3::DnnWorkerApplication::Port", UintegerValue(9400));
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const auto plan = OneTransferPlan(platform);
    test::TwoNodes world;
    DnnOffloadHelper helper;
    helper.InstallCompute(world.nodes, platform);
    ApplicationContainer apps =
        helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(5));
    EXPECT_EQ(PortOf(apps.Get(0)), 9400u);
    EXPECT_EQ(PortOf(apps.Get(1)), 9400u);
    DnnOffloadHelper own;
    own.SetPort(9500);
    // (Installed on the same nodes, they start after the end of the simulation.)
    EXPECT_EQ(
        PortOf(own.InstallWorkers(plan, world.nodes, world.addresses, Seconds(100), Seconds(101))
                   .Get(0)),
        9500u);
    DnnRunRecorder recorder(plan);
    recorder.Attach(apps, Seconds(0));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    EXPECT_GT(recorder.Completion(0), 0) << "request did not complete on port 9400";
}

/** Without a setting, the workers have the attribute's default (9000); SetPort() and a
 *  StringValue set the same attribute. */
TEST(OffloadHelperTest, PortDefaultSetPortAndStringValue)
{
    SimulationGuard guard;
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const auto plan = OneTransferPlan(platform);
    test::TwoNodes world;
    DnnOffloadHelper plain;
    EXPECT_EQ(
        PortOf(plain.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(1))
                   .Get(0)),
        9000u);
    DnnOffloadHelper convenience;
    convenience.SetPort(9200);
    EXPECT_EQ(PortOf(convenience
                         .InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(1))
                         .Get(1)),
              9200u);
    DnnOffloadHelper text;
    text.SetWorkerAttribute("Port", StringValue("9300"));
    EXPECT_EQ(
        PortOf(
            text.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(1)).Get(0)),
        9300u);
}

/** The device profile's Flops, Cores, IdlePower and BusyPower win over the factories';
 *  StartTime and StopTime come from InstallWorkers(). */
TEST(OffloadHelperTest, ProfileAndInstallArgumentsWinOverFactoryValues)
{
    SimulationGuard guard;
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const auto plan = OneTransferPlan(platform);
    test::TwoNodes world;
    DnnOffloadHelper helper;
    helper.SetComputeAttribute("Flops", DoubleValue(1.0));
    helper.SetComputeAttribute("Cores", UintegerValue(99));
    helper.SetComputeEnergyAttribute("IdlePower", DoubleValue(123.0));
    helper.SetComputeEnergyAttribute("BusyPower", DoubleValue(456.0));
    helper.SetWorkerAttribute("StartTime", TimeValue(Seconds(3)));
    helper.SetWorkerAttribute("StopTime", TimeValue(Seconds(4)));
    const auto energy = helper.InstallCompute(world.nodes, platform);
    ASSERT_EQ(energy.size(), 2u);
    for (uint32_t d = 0; d < 2; ++d)
    {
        const DnnDeviceProfile& profile = platform.Device(d).profile;
        Ptr<DnnComputeModel> compute = world.nodes.Get(d)->GetObject<DnnComputeModel>();
        ASSERT_TRUE(compute);
        DoubleValue flops;
        compute->GetAttribute("Flops", flops);
        EXPECT_DOUBLE_EQ(flops.Get(), profile.flops);
        UintegerValue cores;
        compute->GetAttribute("Cores", cores);
        EXPECT_EQ(cores.Get(), profile.cores);
        EXPECT_DOUBLE_EQ(energy[d]->GetIdlePowerW(), profile.idlePower);
        EXPECT_DOUBLE_EQ(energy[d]->GetBusyPowerW(), profile.busyPower);
    }
    ApplicationContainer apps =
        helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(1), Seconds(2));
    TimeValue start;
    apps.Get(0)->GetAttribute("StartTime", start);
    EXPECT_EQ(start.Get(), Seconds(1));
    TimeValue stop;
    apps.Get(0)->GetAttribute("StopTime", stop);
    EXPECT_EQ(stop.Get(), Seconds(2));
}

/** The energy source has the helper's energy and voltage unless the user sets them, and
 *  other attributes reach it too. */
TEST(OffloadHelperTest, EnergySourceAttributesReachTheSource)
{
    SimulationGuard guard;
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    NodeContainer plainNodes(2);
    DnnOffloadHelper plain;
    plain.InstallCompute(plainNodes, platform);
    Ptr<DnnEnergySource> plainSource = plainNodes.Get(0)->GetObject<DnnEnergySource>();
    ASSERT_TRUE(plainSource);
    EXPECT_DOUBLE_EQ(plainSource->GetInitialEnergy(), DnnOffloadHelper::SOURCE_ENERGY_J);
    EXPECT_DOUBLE_EQ(plainSource->GetSupplyVoltage(), 5.0);

    NodeContainer nodes(2);
    DnnOffloadHelper helper;
    helper.SetEnergySourceAttribute("SupplyVoltageV", DoubleValue(3.3));
    helper.SetEnergySourceAttribute("LowBatteryThreshold", DoubleValue(0.25));
    helper.InstallCompute(nodes, platform);
    for (uint32_t d = 0; d < 2; ++d)
    {
        Ptr<DnnEnergySource> source = nodes.Get(d)->GetObject<DnnEnergySource>();
        ASSERT_TRUE(source);
        EXPECT_DOUBLE_EQ(source->GetSupplyVoltage(), 3.3);
        EXPECT_DOUBLE_EQ(source->GetInitialEnergy(), DnnOffloadHelper::SOURCE_ENERGY_J);
        DoubleValue threshold;
        source->GetAttribute("LowBatteryThreshold", threshold);
        EXPECT_DOUBLE_EQ(threshold.Get(), 0.25);
    }
}

/** An unknown attribute or a value that does not fit throws std::invalid_argument naming
 *  the type and the attribute (ObjectFactory::Set would abort), and leaves the helper as
 *  it was. */
TEST(OffloadHelperTest, BadAttributeThrowsNamingTypeAndAttribute)
{
    SimulationGuard guard;
    DnnOffloadHelper helper;
    const std::string typo =
        InvalidArgumentMessage([&] { helper.SetWorkerAttribute("Prot", UintegerValue(9100)); });
    EXPECT_NE(typo.find("ns3::DnnWorkerApplication"), std::string::npos) << typo;
    EXPECT_NE(typo.find("\"Prot\""), std::string::npos) << typo;
    EXPECT_NE(typo.find("did you mean \"Port\""), std::string::npos) << typo;

    const std::string range =
        InvalidArgumentMessage([&] { helper.SetWorkerAttribute("Port", UintegerValue(70000)); });
    EXPECT_NE(range.find("ns3::DnnWorkerApplication attribute \"Port\""), std::string::npos)
        << range;
    EXPECT_NE(range.find("70000"), std::string::npos) << range;

    const std::string type =
        InvalidArgumentMessage([&] { helper.SetWorkerAttribute("Port", DoubleValue(1.5)); });
    EXPECT_NE(type.find("\"Port\""), std::string::npos) << type;
    EXPECT_NE(type.find("ns3::DoubleValue"), std::string::npos) << type;

    const std::string text =
        InvalidArgumentMessage([&] { helper.SetWorkerAttribute("Port", StringValue("http")); });
    EXPECT_NE(text.find("\"http\""), std::string::npos) << text;
    // Texts ns-3 itself would abort on (not read to the end, unknown time unit).
    EXPECT_THROW(helper.SetWorkerAttribute("Port", StringValue("9100 ")), std::invalid_argument);
    EXPECT_THROW(helper.SetWorkerAttribute("StopTime", StringValue("5sec")), std::invalid_argument);
    EXPECT_THROW(helper.SetComputeEnergyAttribute("IdlePower", StringValue("2 W")),
                 std::invalid_argument);
    EXPECT_THROW(helper.SetComputeAttribute("Cores", StringValue("")), std::invalid_argument);

    const std::string cores =
        InvalidArgumentMessage([&] { helper.SetComputeAttribute("Cores", UintegerValue(0)); });
    EXPECT_NE(cores.find("ns3::DnnComputeModel attribute \"Cores\""), std::string::npos) << cores;

    const std::string energy = InvalidArgumentMessage(
        [&] { helper.SetComputeEnergyAttribute("NoSuchThing", DoubleValue(1)); });
    EXPECT_NE(energy.find("ns3::DnnComputeEnergyModel has no attribute \"NoSuchThing\""),
              std::string::npos)
        << energy;

    const std::string source = InvalidArgumentMessage(
        [&] { helper.SetEnergySourceAttribute("InitialEnergyJ", StringValue("lots")); });
    EXPECT_NE(source.find(DnnEnergySource::GetTypeId().GetName() + " attribute \"InitialEnergyJ\""),
              std::string::npos)
        << source;

    EXPECT_THROW(helper.SetWorkerAttribute("", UintegerValue(1)), std::invalid_argument);

    // Nothing was taken: the workers keep the default port.
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    test::TwoNodes world;
    EXPECT_EQ(PortOf(helper
                         .InstallWorkers(OneTransferPlan(platform), world.nodes, world.addresses,
                                         Seconds(0), Seconds(1))
                         .Get(0)),
              9000u);
}

} // namespace
