/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-device-profile.h"

#include <algorithm>

namespace ns3
{

namespace
{

constexpr double GIB = 1024.0 * 1024.0 * 1024.0;

/**
 * The seed system's whole-model times on a Raspberry Pi 4B (AlexNet 0.48 s, GoogLeNet
 * 0.60 s, ResNet-50 0.50 s; shared/reference/seed-system.md) are not proportional to the
 * models' FLOPs (1.43, 3.02, 8.22 GFLOP), so one effective speed cannot match all three.
 * We take the geometric mean of the three implied speeds (2.98, 5.03, 16.4 GFLOP/s):
 * 6.3 GFLOP/s, which puts each model within a factor 2.6 of the seed's time. The seed's
 * relative speeds then give the Jetson TX2 (2.7x) and the edge server (5.3x).
 */
constexpr double RPI4_FLOPS = 6.3e9;

} // namespace

const std::vector<DnnDeviceProfile>&
DnnDeviceProfile::Builtin()
{
    static const std::vector<DnnDeviceProfile> profiles = {
        {"rpi4", RPI4_FLOPS, 1, 2 * GIB, 5.0, 10.0, 1.0,
         "speed fitted to the seed's Raspberry Pi 4B times; memory and 5/10 W power from the "
         "seed; transmit power: Wi-Fi radio estimate (~1 W)"},
        {"jetson-tx2", 2.7 * RPI4_FLOPS, 1, 8 * GIB, 7.5, 15.0, 1.3,
         "2.7x rpi4 and 7.5/15 W power from the seed; 8 GiB; transmit power: estimate"},
        {"jetson-nano", 1.5 * RPI4_FLOPS, 1, 4 * GIB, 2.0, 10.0, 1.0,
         "our estimate: about half a TX2 (128 vs 256 CUDA cores); 4 GiB; 10 W (MAXN) mode"},
        {"edge-server", 5.3 * RPI4_FLOPS, 1, 24 * GIB, 80.0, 200.0, 2.0,
         "5.3x rpi4, 24 GiB and 80/200 W power from the seed; transmit power: NIC estimate"},
        {"cloud-server", 10.6 * RPI4_FLOPS, 4, 64 * GIB, 80.0, 200.0, 2.0,
         "our assumption: twice the edge server's speed, 4 concurrent streams, 64 GiB (the "
         "seed's cloud is a placeholder)"},
    };
    return profiles;
}

double
DnnDeviceProfile::Speed(DnnWorkKind kind) const
{
    const double speed = kindFlops[static_cast<std::size_t>(kind)];
    return speed > 0 ? speed : flops;
}

double
DnnDeviceProfile::Seconds(const DnnWork& work) const
{
    double seconds = 0;
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        if (work.flops[k] > 0)
        {
            seconds += static_cast<double>(work.flops[k]) / Speed(static_cast<DnnWorkKind>(k));
        }
    }
    return seconds;
}

double
DnnDeviceProfile::RadioIdlePower() const
{
    return radioIdlePower >= 0 ? radioIdlePower : RADIO_IDLE_FRACTION * txPower;
}

double
DnnDeviceProfile::RadioRxPower() const
{
    return radioRxPower >= 0 ? radioRxPower : RADIO_RX_FRACTION * txPower;
}

double
DnnDeviceProfile::RadioMaxPower() const
{
    return std::max({RadioIdlePower(), RadioRxPower(), txPower});
}

const DnnDeviceProfile*
DnnDeviceProfile::FindBuiltin(const std::string& name)
{
    for (const auto& profile : Builtin())
    {
        if (profile.name == name)
        {
            return &profile;
        }
    }
    return nullptr;
}

} // namespace ns3
