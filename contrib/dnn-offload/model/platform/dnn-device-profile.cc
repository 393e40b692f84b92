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
 * The seed system's whole-model times (shared/reference/seed-system.md, its poster-era code
 * at commit de588b2) are not proportional to the models' FLOPs: on a Raspberry Pi 4B AlexNet
 * (1.43 GFLOP) takes 0.477 s, GoogLeNet (3.02) 0.602 s and ResNet-50 (8.22) 0.498 s, so
 * one speed cannot match all three. `dnn-offload-profile
 * --times=test/reference/seed-model-times.csv` fits a speed per kind of work to them (least
 * squares on relative residuals): every model's time is then the seed's (residual 0.00 %).
 * Elementwise work (the seed's times leave it no time) and grouped convolutions (none in
 * these models) keep the single figure: 6.3 GFLOP/s, the geometric mean of the three
 * implied whole-model speeds, and the seed's relative speeds of it (TX2 2.7x, edge 5.3x).
 */
constexpr double RPI4_FLOPS = 6.3e9;

/**
 * \brief A profile with a speed of its own for dense convolutions, linear layers and
 *        pooling. \param profile the profile \param conv FLOP/s on dense convolutions
 * \param linear FLOP/s on linear layers \param pooling FLOP/s on pooling
 * \return the profile
 */
DnnDeviceProfile
WithKindSpeeds(DnnDeviceProfile profile, double conv, double linear, double pooling)
{
    profile.kindFlops[static_cast<std::size_t>(DnnWorkKind::Conv)] = conv;
    profile.kindFlops[static_cast<std::size_t>(DnnWorkKind::Linear)] = linear;
    profile.kindFlops[static_cast<std::size_t>(DnnWorkKind::Pooling)] = pooling;
    return profile;
}

} // namespace

const std::vector<DnnDeviceProfile>&
DnnDeviceProfile::Builtin()
{
    // Fitted by dnn-offload-profile to the seed's times (see RPI4_FLOPS).
    static const std::vector<DnnDeviceProfile> profiles = {
        WithKindSpeeds({"rpi4", RPI4_FLOPS, 1, 2 * GIB, 5.0, 10.0, 1.0,
                        "speeds fitted per kind to the seed's Raspberry Pi 4B times; memory "
                        "and 5/10 W power from the seed; transmit power: Wi-Fi radio estimate "
                        "(~1 W)"},
                       19.8552e9, 306.418e6, 28.45383e6),
        WithKindSpeeds({"jetson-tx2", 2.7 * RPI4_FLOPS, 1, 8 * GIB, 7.5, 15.0, 1.3,
                        "speeds fitted per kind to the seed's Jetson TX2 times; 7.5/15 W power "
                        "from the seed; 8 GiB; transmit power: estimate"},
                       52.59887e9, 839.2244e6, 77.7738e6),
        WithKindSpeeds({"jetson-nano", 1.5 * RPI4_FLOPS, 1, 4 * GIB, 2.0, 10.0, 1.0,
                        "our estimate: 1.5x rpi4 on every kind, about half a TX2 (128 vs 256 "
                        "CUDA cores); 4 GiB; 10 W (MAXN) mode"},
                       1.5 * 19.8552e9, 1.5 * 306.418e6, 1.5 * 28.45383e6),
        WithKindSpeeds({"edge-server", 5.3 * RPI4_FLOPS, 1, 24 * GIB, 80.0, 200.0, 2.0,
                        "speeds fitted per kind to the seed's edge server times; 24 GiB and "
                        "80/200 W power from the seed; transmit power: NIC estimate"},
                       100.7596e9, 1.609981e9, 156.1472e6),
        WithKindSpeeds({"cloud-server", 10.6 * RPI4_FLOPS, 4, 64 * GIB, 80.0, 200.0, 2.0,
                        "our assumption: twice the edge server's speed on every kind, 4 "
                        "concurrent streams, 64 GiB (the seed's cloud is a placeholder)"},
                       2 * 100.7596e9, 2 * 1.609981e9, 2 * 156.1472e6),
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
    return DnnWorkSeconds(work, [this](DnnWorkKind kind) { return Speed(kind); });
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
