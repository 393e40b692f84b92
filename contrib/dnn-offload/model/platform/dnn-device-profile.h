/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DEVICE_PROFILE_H
#define DNN_DEVICE_PROFILE_H

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
 * one core. The built-in profiles' figures and their sources are listed in the module doc.
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

    /** \brief The built-in profiles (rpi4, jetson-tx2, jetson-nano, edge-server,
     *  cloud-server). \return the profiles */
    static const std::vector<DnnDeviceProfile>& Builtin();
    /** \brief A built-in profile by name. \param name the name
     *  \return the profile, or nullptr */
    static const DnnDeviceProfile* FindBuiltin(const std::string& name);
};

} // namespace ns3

#endif /* DNN_DEVICE_PROFILE_H */
