/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_FAULT_H
#define DNN_FAULT_H

#include <cstdint>
#include <limits>

namespace ns3
{

/** \ingroup dnn-offload \brief One fault a scenario injects during the run. */
struct DnnFault
{
    /** \brief What fails. */
    enum class Target
    {
        Device, //!< a device fails for good at \c at
        Network //!< a network loses frames from \c at until \c until
    };

    Target target{Target::Device}; //!< what fails
    uint32_t index{0};             //!< the device or network (platform index)
    double at{0};                  //!< plan time it starts, s
    double until{std::numeric_limits<double>::infinity()}; //!< plan time it ends, s (networks)
    double errorRate{1}; //!< networks: fraction of frames lost (1: down)
};

/** \ingroup dnn-offload \brief What the run does about requests that lose work. */
enum class DnnFailurePolicy
{
    Report, //!< report them as failed
    Replan  //!< re-plan their unfinished tasks with HEFT on the surviving devices
};

} // namespace ns3

#endif /* DNN_FAULT_H */
