/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_POWER_H
#define DNN_POWER_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Power added by one busy core of a device: (busy - idle) / cores.
 *
 * The device power model that the planners (DnnScheduleEvaluator) and the simulation
 * (DnnComputeEnergyModel) share: a profile's busy power is the device's draw with all its
 * cores busy, so with k of its c cores busy it draws idle + k (busy - idle) / c.
 * \param idleWatts draw with no core busy, W
 * \param busyWatts draw with every core busy, W
 * \param cores the device's cores (0 counts as 1)
 * \return the increment per busy core, W
 */
inline double
DnnCoreBusyPower(double idleWatts, double busyWatts, uint32_t cores)
{
    return (busyWatts - idleWatts) / (cores > 0 ? cores : 1);
}

/**
 * \ingroup dnn-offload
 * \brief Power of a device with some of its cores busy: idle + k (busy - idle) / c.
 * \param idleWatts draw with no core busy, W
 * \param busyWatts draw with every core busy, W
 * \param cores the device's cores c (0 counts as 1)
 * \param busyCores the busy cores k (at most c)
 * \return the draw, W
 */
inline double
DnnDevicePower(double idleWatts, double busyWatts, uint32_t cores, uint32_t busyCores)
{
    return idleWatts + busyCores * DnnCoreBusyPower(idleWatts, busyWatts, cores);
}

} // namespace ns3

#endif /* DNN_POWER_H */
