/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The problem stage's feasibility checks (dnn-workload-checks): memory, task durations,
// energy sources, and building a workload. Figures from AlexNet's torchvision parameter
// counts (test/reference/torchvision-models.json): 61,100,840 fp32 parameters = 244,403,360
// bytes; its largest layer, fc6, has 9216 x 4096 + 4096 = 37,752,832 = 151,011,328 bytes.

#include "dnn-test-util.h"
#include "ns3/dnn-device-profile.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-workload-checks.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr double ALEXNET_BYTES = 244403360;
constexpr double FC6_BYTES = 151011328;

/** A device of a built-in profile with its memory, speed and powers replaced as given. */
DnnDevice
Device(const std::string& name, double memory, double flops = 0)
{
    DnnDevice device;
    device.name = name;
    device.profile = *DnnDeviceProfile::FindBuiltin("rpi4");
    device.profile.memory = memory;
    if (flops > 0)
    {
        device.profile.flops = flops;
        device.profile.kindFlops = {}; // every kind at that speed
    }
    return device;
}

/** Two devices \p a and \p b on one CSMA segment. */
DnnPlatform
TwoDevices(const DnnDevice& a, const DnnDevice& b)
{
    DnnPlatform platform;
    platform.AddDevice(a);
    platform.AddDevice(b);
    platform.AddNetwork({"lan", DnnNetworkKind::Csma, {0, 1}, DnnNetwork::NONE, 100e6, 0.0});
    return platform;
}

/** \p count AlexNet requests from device "a", one per second. */
std::vector<DnnRequest>
AlexNetRequests(uint32_t count)
{
    const auto alexnet = test::LoadZooModel("alexnet");
    std::vector<DnnRequest> requests;
    for (uint32_t i = 0; i < count; ++i)
    {
        requests.push_back({i, alexnet, "a", 1.0 * i});
    }
    return requests;
}

/** Runs \p action and returns the DnnWorkloadError it throws (fails the test if none). */
template<typename F>
DnnWorkloadError
ErrorOf(F action)
{
    try
    {
        action();
    }
    catch (const DnnWorkloadError& e)
    {
        return e;
    }
    ADD_FAILURE() << "no DnnWorkloadError";
    return DnnWorkloadError(DnnWorkloadError::Subject::Workload, 0, "none");
}

} // namespace

TEST(WorkloadChecksTest, BytesText)
{
    EXPECT_EQ(DnnBytesText(999), "999.0 B");
    EXPECT_EQ(DnnBytesText(1234), "1.2 kB");
    EXPECT_EQ(DnnBytesText(FC6_BYTES), "151.0 MB");
    EXPECT_EQ(DnnBytesText(2.5e9), "2.5 GB");
}

TEST(WorkloadChecksTest, OneRequestPerModelKeepsEachModelsFirst)
{
    const auto alexnet = test::LoadZooModel("alexnet");
    const auto resnet = test::LoadZooModel("resnet18");
    const std::vector<DnnRequest> requests = {
        {0, alexnet, "a", 0}, {1, alexnet, "b", 1}, {2, resnet, "b", 2}, {3, alexnet, "a", 3}};
    const auto chosen = DnnOneRequestPerModel(requests);
    ASSERT_EQ(chosen.size(), 2U);
    EXPECT_EQ(chosen[0].id, 0U);
    EXPECT_EQ(chosen[1].id, 2U);
}

TEST(WorkloadChecksTest, WeightsOfOneModelCountOnceAndMustFitAllMemoryTogether)
{
    const DnnTaskGraph graph =
        DnnPartitioner(DnnPartitionConfig{}).PartitionWorkload(AlexNetRequests(2));
    // fc6 just fits the larger device; both hold AlexNet's weights exactly once.
    EXPECT_NO_THROW(DnnCheckWeightsFit(
        graph, TwoDevices(Device("a", FC6_BYTES), Device("b", ALEXNET_BYTES - FC6_BYTES)), 2));
    // One byte less in all: the distinct weights do not fit.
    const DnnWorkloadError all = ErrorOf(
        [&]()
        {
            DnnCheckWeightsFit(
                graph,
                TwoDevices(Device("a", FC6_BYTES), Device("b", ALEXNET_BYTES - FC6_BYTES - 1)), 7);
        });
    EXPECT_EQ(all.GetSubject(), DnnWorkloadError::Subject::Requests);
    EXPECT_NE(std::string(all.what())
                  .find("the 7 requests' tasks need 244.4 MB of distinct "
                        "weights together"),
              std::string::npos)
        << all.what();
    // One byte less than fc6 on every device: fc6 of the first request fits nowhere.
    const DnnWorkloadError one = ErrorOf(
        [&]()
        {
            DnnCheckWeightsFit(
                graph, TwoDevices(Device("a", FC6_BYTES - 1), Device("b", FC6_BYTES - 1)), 2);
        });
    EXPECT_EQ(one.GetSubject(), DnnWorkloadError::Subject::Request);
    EXPECT_EQ(one.GetIndex(), 0U);
    EXPECT_NE(std::string(one.what()).find("needs 151011328 bytes of weights (151.0 MB)"),
              std::string::npos)
        << one.what();
}

TEST(WorkloadChecksTest, TaskLongerThanARunCanSimulateBlamesTheDevice)
{
    // AlexNet's conv1: 70,276,800 MACs = 140,553,600 FLOPs; at 0.1 FLOP/s, 1.4e9 s > 1e9 s.
    const DnnPlatform slow = TwoDevices(Device("a", 1e12, 0.1), Device("b", 1e12, 1e9));
    const DnnWorkloadError e =
        ErrorOf([&]() { DnnBuildWorkload(AlexNetRequests(1), DnnPartitionConfig{}, slow); });
    EXPECT_EQ(e.GetSubject(), DnnWorkloadError::Subject::Device);
    EXPECT_EQ(e.GetIndex(), 0U);
    EXPECT_NE(std::string(e.what()).find("longer than 1000000000s"), std::string::npos) << e.what();
    // The longest task is conv2 (27 x 27 x 192 x 64 x 25 MACs = 447,897,600 FLOPs, plus its
    // fused ReLU and pooling): at 0.45 FLOP/s it takes just under 1e9 s, so all tasks fit.
    const DnnWorkload w = DnnBuildWorkload(AlexNetRequests(1), DnnPartitionConfig{},
                                           TwoDevices(Device("a", 1e12, 0.45), Device("b", 1e12)));
    EXPECT_EQ(w.problem.TaskCount(), w.graph.TaskCount());
}

TEST(WorkloadChecksTest, CheckWorkloadCountsAllRequestsButPartitionsOnePerModel)
{
    const DnnPlatform small =
        TwoDevices(Device("a", FC6_BYTES), Device("b", ALEXNET_BYTES - FC6_BYTES - 1));
    const DnnWorkloadError e =
        ErrorOf([&]() { DnnCheckWorkload(AlexNetRequests(50), DnnPartitionConfig{}, small); });
    EXPECT_EQ(e.GetSubject(), DnnWorkloadError::Subject::Requests);
    EXPECT_NE(std::string(e.what()).find("the 50 requests' tasks"), std::string::npos) << e.what();
    const DnnPlatform fits = TwoDevices(Device("a", FC6_BYTES), Device("b", ALEXNET_BYTES));
    EXPECT_NO_THROW(DnnCheckWorkload(AlexNetRequests(50), DnnPartitionConfig{}, fits));
    EXPECT_EQ(
        DnnBuildWorkload(AlexNetRequests(3), DnnPartitionConfig{}, fits).problem.RequestCount(),
        3U);
}

TEST(WorkloadChecksTest, CheckWorkloadCountsTheTasksOfTheWholeWorkload)
{
    // The reader refuses more than DnnRunLimits::MAX_TASKS_AT_ONCE tasks without a planning
    // horizon; the count, from one request per model, must be what partitioning all of them
    // gives (the reference: DnnBuildWorkload), for a mix of models and both partitionings.
    const DnnPlatform fits = TwoDevices(Device("a", 1e12), Device("b", 1e12));
    std::vector<DnnRequest> requests = AlexNetRequests(5);
    const auto mobilenet = test::LoadZooModel("mobilenet_v2");
    for (uint32_t i = 0; i < 3; ++i)
    {
        requests.push_back({5 + i, mobilenet, "b", 0.5 + i});
    }
    for (const char* spec : {"layerwise", "piecewise:3", "piecewise:4"})
    {
        const DnnPartitionConfig config = DnnPartitionConfig::Parse(spec);
        const DnnWorkloadSize size = DnnCheckWorkload(requests, config, fits);
        const DnnTaskGraph all = DnnBuildWorkload(requests, config, fits).graph;
        EXPECT_EQ(size.tasks, all.TaskCount()) << spec;
        EXPECT_EQ(size.edges, all.EdgeCount()) << spec;
        // AlexNet layer-wise is 14 tasks (dnn-offload-inspect --partition=layerwise): 5
        // requests, 70 tasks.
        if (std::string(spec) == "layerwise")
        {
            EXPECT_EQ(DnnCheckWorkload(AlexNetRequests(5), config, fits).tasks, 70U);
        }
    }
}

TEST(WorkloadChecksTest, EnergySourceMustLastTheRun)
{
    // A run lasts stop + 0.25 s (association) + 1 s (drain). At 1 W idle and busy, a stop
    // time of 5e7 s needs 5.00000125e7 J: wired, it fits 1e8 J; on Wi-Fi a radio that
    // transmits at 1.9 W (ns-3's default figures: idle 1.365 W, receive 1.565 W) more makes
    // 1.45e8 J.
    DnnDevice a = Device("a", 1e9);
    a.profile.idlePower = 1;
    a.profile.busyPower = 1;
    a.profile.txPower = 1.9;
    EXPECT_DOUBLE_EQ(a.profile.RadioIdlePower(), 1.365);
    EXPECT_DOUBLE_EQ(a.profile.RadioRxPower(), 1.565);
    EXPECT_DOUBLE_EQ(a.profile.RadioMaxPower(), 1.9);
    DnnDevice b = a;
    b.name = "b";
    EXPECT_NO_THROW(DnnCheckEnergySources(TwoDevices(a, b), 5e7));
    DnnPlatform wifi;
    wifi.AddDevice(a);
    wifi.AddDevice(b);
    wifi.AddNetwork({"wlan", DnnNetworkKind::Wifi, {0, 1}, 1, 100e6, 0.0});
    const DnnWorkloadError e = ErrorOf([&]() { DnnCheckEnergySources(wifi, 5e7); });
    EXPECT_EQ(e.GetSubject(), DnnWorkloadError::Subject::Device);
    EXPECT_EQ(e.GetIndex(), 0U);
    EXPECT_NE(std::string(e.what()).find("may draw 2.9 W"), std::string::npos) << e.what();
    // The bound itself: 1e8 J over 5e7 + 1.25 s is 1.99999995 W.
    EXPECT_NO_THROW(DnnCheckEnergySources(wifi, 1e8 / 2.9 - 1.25 - 1));
}

TEST(WorkloadChecksTest, EnergySourceCountsTheProfilesRadio)
{
    // The radio's largest figure counts, whichever it is: a receive draw of 3 W above a
    // transmit draw of 1 W makes 1 + 3 = 4 W, and 1e8 J / 4 W = 2.5e7 s.
    DnnDevice a = Device("a", 1e9);
    a.profile.idlePower = 1;
    a.profile.busyPower = 1;
    a.profile.txPower = 1;
    a.profile.radioIdlePower = 0.5;
    a.profile.radioRxPower = 3;
    EXPECT_DOUBLE_EQ(a.profile.RadioMaxPower(), 3.0);
    DnnDevice b = a;
    b.name = "b";
    DnnPlatform wifi;
    wifi.AddDevice(a);
    wifi.AddDevice(b);
    wifi.AddNetwork({"wlan", DnnNetworkKind::Wifi, {0, 1}, 1, 100e6, 0.0});
    EXPECT_NO_THROW(DnnCheckEnergySources(wifi, 2.5e7 - 1.25 - 1));
    const DnnWorkloadError e = ErrorOf([&]() { DnnCheckEnergySources(wifi, 2.5e7); });
    EXPECT_NE(std::string(e.what()).find("may draw 4 W"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("plus 3 W for its Wi-Fi radio:"), std::string::npos)
        << e.what();
    // A profile with no transmit power and no radio figures has a radio that draws nothing;
    // rpi4's 1 W transmit power gives 1 x 0.273 / 0.38 W idle and 1 x 0.313 / 0.38 W receive.
    EXPECT_DOUBLE_EQ(DnnDeviceProfile().RadioMaxPower(), 0.0);
    const DnnDeviceProfile* rpi4 = DnnDeviceProfile::FindBuiltin("rpi4");
    EXPECT_DOUBLE_EQ(rpi4->RadioIdlePower(), 0.273 / 0.38);
    EXPECT_DOUBLE_EQ(rpi4->RadioRxPower(), 0.313 / 0.38);
    EXPECT_DOUBLE_EQ(rpi4->RadioMaxPower(), 1.0);
}
