/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SEED_SETTING_H
#define DNN_SEED_SETTING_H

#include "dnn-test-util.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-workload-problem.h"

#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * The seed system's setting (shared/reference/seed-system.md): one Raspberry Pi 4B per
 * request (iot0, iot1, ...), \p helpers helper devices in the seed's order RPi, RPi, TX2,
 * repeating, one edge server; every device reaches every other at 13,107,200 B/s with no
 * latency (one contention-free segment), one task at a time per device.
 */
inline DnnPlatform
SeedPlatform(uint32_t requests, uint32_t helpers)
{
    DnnPlatform platform;
    const auto add = [&](const std::string& name, const std::string& profile, DnnDeviceRole role)
    {
        DnnDevice device;
        device.name = name;
        device.profile = *DnnDeviceProfile::FindBuiltin(profile);
        device.profile.cores = 1;
        device.role = role;
        return platform.AddDevice(device);
    };
    DnnNetwork lan;
    lan.name = "lan";
    lan.kind = DnnNetworkKind::Csma;
    lan.dataRate = 13107200.0 * 8;
    for (uint32_t r = 0; r < requests; ++r)
    {
        lan.members.push_back(add("iot" + std::to_string(r), "rpi4", DnnDeviceRole::Iot));
    }
    for (uint32_t h = 0; h < helpers; ++h)
    {
        lan.members.push_back(add("helper" + std::to_string(h), h % 3 == 2 ? "jetson-tx2" : "rpi4",
                                  DnnDeviceRole::Helper));
    }
    lan.members.push_back(add("edge", "edge-server", DnnDeviceRole::Edge));
    platform.AddNetwork(lan);
    return platform;
}

/** The seed's workload: \p requests requests, models round-robin AlexNet, GoogLeNet,
 *  ResNet-50, request n from iot<n>, all released at t = 0. */
inline DnnTaskGraph
SeedWorkload(uint32_t requests, const std::string& partition)
{
    const std::vector<std::shared_ptr<const DnnModel>> models = {
        LoadZooModel("alexnet"), LoadZooModel("googlenet"), LoadZooModel("resnet50")};
    std::vector<DnnRequest> list;
    for (uint32_t r = 0; r < requests; ++r)
    {
        list.push_back({r, models[r % models.size()], "iot" + std::to_string(r), 0.0});
    }
    return DnnPartitioner(DnnPartitionConfig::Parse(partition)).PartitionWorkload(list);
}

/** The seed's scheduling problem. \param requests requests \param helpers helper devices
 *  \param partition "layerwise" or "piecewise:3" \return the problem */
inline DnnSchedulingProblem
SeedProblem(uint32_t requests, uint32_t helpers, const std::string& partition)
{
    return BuildWorkloadProblem(SeedWorkload(requests, partition), SeedPlatform(requests, helpers));
}

} // namespace test
} // namespace ns3

#endif /* DNN_SEED_SETTING_H */
