/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DEVICE_PROFILE_H
#define DNN_DEVICE_PROFILE_H

#include "ns3/dnn-work.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief What the planner and the compute model know about a kind of device.
 *
 * Speeds are effective (measured throughput, not peak) FLOP/s of one core; a task runs on
 * one core. \c flops is the speed of every kind of work whose \c kindFlops entry is 0, so
 * a profile with one figure runs all work at that figure. The built-in profiles' figures and their
 * sources are listed in the module doc.
 */
struct DnnDeviceProfile
{
    std::string name;    //!< profile name, e.g. "rpi4"
    double flops{1e9};   //!< effective FLOP/s of one core
    uint32_t cores{1};   //!< tasks that can run at once
    double memory{0};    //!< bytes available for model weights
    double idlePower{0}; //!< W when idle
    double busyPower{0}; //!< W when computing
    double txPower{0};   //!< W drawn by the radio or NIC while transmitting
    std::string source;  //!< where the figures come from
    /** W drawn by a Wi-Fi radio while idle (and switching); negative: derived from txPower
     *  (RadioIdlePower()) */
    double radioIdlePower{-1};
    /** W drawn by a Wi-Fi radio while receiving (and sensing a busy channel); negative:
     *  derived from txPower (RadioRxPower()) */
    double radioRxPower{-1};
    /** effective FLOP/s of one core on each kind of work (by DnnWorkKind); 0: \c flops */
    std::array<double, DNN_WORK_KINDS> kindFlops{};

    /** \brief FLOP/s of one core on a kind of work: its kindFlops entry, or flops when that
     *  is 0. \param kind the kind \return FLOP/s */
    double Speed(DnnWorkKind kind) const;
    /** \brief Seconds one core takes for some work: the sum over kinds of FLOPs / Speed.
     *  \param work the work \return s */
    double Seconds(const DnnWork& work) const;

    /**
     * ns-3's WifiRadioEnergyModel defaults, 0.273 A idle, 0.313 A receive and 0.38 A
     * transmit (at the energy source's 5 V: 1.365, 1.565 and 1.9 W), as fractions of the
     * transmit draw: a radio whose idle or receive power is not given draws these fractions
     * of its transmit power, so txPower = 1.9 W gives ns-3's defaults.
     */
    static constexpr double RADIO_IDLE_FRACTION = 0.273 / 0.38;
    /** Receive draw as a fraction of the transmit draw (see RADIO_IDLE_FRACTION). */
    static constexpr double RADIO_RX_FRACTION = 0.313 / 0.38;

    /** \brief W a Wi-Fi radio draws while idle: radioIdlePower, or RADIO_IDLE_FRACTION x
     *  txPower when that is negative. \return W */
    double RadioIdlePower() const;
    /** \brief W a Wi-Fi radio draws while receiving: radioRxPower, or RADIO_RX_FRACTION x
     *  txPower when that is negative. \return W */
    double RadioRxPower() const;
    /** \brief The most a Wi-Fi radio draws: the largest of its idle, receive and transmit
     *  power. \return W */
    double RadioMaxPower() const;

    /** \brief The built-in profiles (rpi4, jetson-tx2, jetson-nano, edge-server,
     *  cloud-server). \return the profiles */
    static const std::vector<DnnDeviceProfile>& Builtin();
    /** \brief A built-in profile by name. \param name the name
     *  \return the profile, or nullptr */
    static const DnnDeviceProfile* FindBuiltin(const std::string& name);
};

} // namespace ns3

#endif /* DNN_DEVICE_PROFILE_H */
