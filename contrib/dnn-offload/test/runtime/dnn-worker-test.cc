/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-seed-setting.h"
#include "dnn-test-util.h"
#include "dnn-two-nodes.h"
#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-offload-helper.h"
#include "ns3/dnn-run-recorder.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-worker-application.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3;

/** One request: a's input (\p bytes) goes to b, which computes a little and answers a;
 *  the work pinned to \p workDevice if given. */
DnnTaskGraph
OneTransfer(uint64_t bytes, const std::string& workDevice = "")
{
    DnnTaskGraph graph;
    DnnTask input;
    input.name = "r0/input";
    input.kind = DnnTaskKind::Source;
    input.pinnedDevice = "a";
    input.outputBytes = bytes;
    DnnTask work;
    work.name = "r0/work";
    work.work = DnnWork::Of(DnnWorkKind::Conv, 1000);
    work.outputBytes = 1000;
    work.pinnedDevice = workDevice;
    DnnTask output;
    output.name = "r0/output";
    output.kind = DnnTaskKind::Sink;
    output.pinnedDevice = "a";
    const auto i = graph.AddTask(input);
    const auto w = graph.AddTask(work);
    const auto o = graph.AddTask(output);
    graph.AddEdge(i, w, bytes);
    graph.AddEdge(w, o, 1000);
    return graph;
}

/**
 * Framing costs nothing: one 10 MB activation over a 100 Mbps point-to-point link arrives
 * within 1 % of the time a plain BulkSend -> PacketSink transfer of the same bytes (plus
 * the 20-byte header) takes on the same topology and TCP settings.
 */
TEST(WorkerTest, FramingCostsNothing)
{
    const uint64_t bytes = 10'000'000;
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const DnnTaskGraph graph = OneTransfer(bytes);
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule schedule = DnnScheduler::Create("edge")->Plan(problem);
    ASSERT_EQ(schedule.Processor(1), 1u);
    auto plan = std::make_shared<const DnnRuntimePlan>(graph, problem, schedule);
    double worker = 0;
    {
        test::TwoNodes world("100Mbps", "1ms");
        DnnOffloadHelper helper;
        helper.InstallCompute(world.nodes, platform);
        ApplicationContainer apps =
            helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(20));
        DnnRunRecorder recorder(plan);
        recorder.Attach(apps, Seconds(0));
        Simulator::Stop(Seconds(21));
        Simulator::Run();
        ASSERT_EQ(recorder.Transfers().size(), 2u);
        const auto& transfer = recorder.Transfers()[0];
        ASSERT_GE(transfer.arrived, 0) << "never arrived";
        worker = transfer.arrived - transfer.queued;
        EXPECT_GE(recorder.Completion(0), 0) << "request did not complete";
        Simulator::Destroy();
    }
    double bulk = -1;
    {
        test::TwoNodes world("100Mbps", "1ms");
        BulkSendHelper send("ns3::TcpSocketFactory", InetSocketAddress(world.addresses[1], 9000));
        send.SetAttribute("MaxBytes", UintegerValue(bytes + DnnMessageHeader::SERIALIZED_SIZE));
        send.Install(world.nodes.Get(0)).Start(Seconds(0));
        PacketSinkHelper sink("ns3::TcpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), 9000));
        ApplicationContainer sinks = sink.Install(world.nodes.Get(1));
        Ptr<PacketSink> packetSink = DynamicCast<PacketSink>(sinks.Get(0));
        const uint64_t total = bytes + DnnMessageHeader::SERIALIZED_SIZE;
        packetSink->TraceConnectWithoutContext(
            "Rx", Callback<void, Ptr<const Packet>, const Address&>(
                      [&](Ptr<const Packet>, const Address&)
                      {
                          if (bulk < 0 && packetSink->GetTotalRx() >= total)
                          {
                              bulk = Simulator::Now().GetSeconds();
                          }
                      }));
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        Simulator::Destroy();
    }
    ASSERT_GT(bulk, 0);
    // At least the serialization time of the bytes alone.
    EXPECT_GT(worker, bytes * 8 / 100e6);
    EXPECT_NEAR(worker, bulk, 0.01 * bulk)
        << "worker " << worker << " s, BulkSend " << bulk << " s";
}

/**
 * Conservation on AlexNet cut in 3 strips, planned by HEFT between a Raspberry Pi and an
 * edge server: every task runs exactly once, on its planned node; every activation sent
 * arrives; the request completes.
 */
TEST(WorkerTest, EveryTaskRunsOnceWhereItWasPlanned)
{
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const DnnTaskGraph graph =
        DnnPartitioner(DnnPartitionConfig::Parse("piecewise:3"))
            .PartitionWorkload({{0, test::LoadZooModel("alexnet"), "a", 0.0}});
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    auto plan = std::make_shared<const DnnRuntimePlan>(graph, problem, schedule);
    test::TwoNodes world("100Mbps", "1ms");
    DnnOffloadHelper helper;
    helper.InstallCompute(world.nodes, platform);
    ApplicationContainer apps =
        helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(10));
    DnnRunRecorder recorder(plan);
    recorder.Attach(apps, Seconds(0));
    Simulator::Stop(Seconds(11));
    Simulator::Run();
    for (uint32_t t = 0; t < plan->TaskCount(); ++t)
    {
        EXPECT_EQ(recorder.Starts(t), 1u) << plan->GetTask(t).name;
        EXPECT_EQ(recorder.StartedOn(t), plan->GetTask(t).node) << plan->GetTask(t).name;
        EXPECT_GE(recorder.Finish(t), recorder.Start(t)) << plan->GetTask(t).name;
    }
    uint64_t sent = 0;
    for (const auto& transfer : recorder.Transfers())
    {
        EXPECT_GE(transfer.arrived, transfer.queued);
        sent += transfer.bytes;
    }
    uint64_t received = 0;
    uint64_t handed = 0;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        received += DynamicCast<DnnWorkerApplication>(apps.Get(i))->BytesReceived();
        handed += DynamicCast<DnnWorkerApplication>(apps.Get(i))->BytesSent();
    }
    EXPECT_EQ(sent, plan->PlannedNetworkBytes());
    EXPECT_EQ(received, sent);
    EXPECT_EQ(handed, sent);
    const double completion = recorder.Completion(0);
    ASSERT_GT(completion, 0);
    EXPECT_LT(completion, 3 * plan->PlannedMakespan());
    Simulator::Destroy();
}

/**
 * A worker that fails before it starts (a device failure at plan time 0 runs before the
 * applications' StartApplication() in that instant) switches its processor off all the
 * same: it runs nothing and its compute energy stays 0 (it drew idle power for the whole
 * run when Fail() only reached a started worker's processor), while the healthy node draws
 * its idle power over the whole run.
 */
TEST(WorkerTest, AWorkerFailingBeforeItStartsDrawsNothing)
{
    const DnnPlatform platform = test::TwoDevicePlatform(100e6, 0.001);
    const DnnTaskGraph graph = OneTransfer(100000, "b");
    const DnnSchedulingProblem problem = BuildWorkloadProblem(graph, platform);
    const DnnSchedule schedule = DnnScheduler::Create("heft")->Plan(problem);
    auto plan = std::make_shared<const DnnRuntimePlan>(graph, problem, schedule);
    test::TwoNodes world("100Mbps", "1ms");
    DnnOffloadHelper helper;
    const auto energy = helper.InstallCompute(world.nodes, platform);
    ApplicationContainer apps =
        helper.InstallWorkers(plan, world.nodes, world.addresses, Seconds(0), Seconds(10));
    DnnRunRecorder recorder(plan);
    recorder.Attach(apps, Seconds(0));
    const auto b = DynamicCast<DnnWorkerApplication>(apps.Get(1));
    Simulator::Schedule(Seconds(0), &DnnWorkerApplication::Fail, b);
    Simulator::Stop(Seconds(11));
    Simulator::Run();
    EXPECT_TRUE(b->IsFailed());
    EXPECT_TRUE(world.nodes.Get(1)->GetObject<DnnComputeModel>()->IsFailed());
    EXPECT_EQ(energy[1]->GetTotalEnergyConsumption(), 0.0);
    // a (a Raspberry Pi 4, 5 W idle) runs only its source (no work): 5 W x 11 s.
    EXPECT_NEAR(energy[0]->GetTotalEnergyConsumption(), 5.0 * 11, 1e-9);
    for (uint32_t t : plan->TasksOn(1))
    {
        EXPECT_EQ(recorder.Starts(t), 0u) << plan->GetTask(t).name;
    }
    EXPECT_LT(recorder.Completion(0), 0);
    Simulator::Destroy();
}

} // namespace
