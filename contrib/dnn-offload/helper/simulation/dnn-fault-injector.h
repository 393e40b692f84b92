/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_FAULT_INJECTOR_H
#define DNN_FAULT_INJECTOR_H

#include "ns3/dnn-fault.h"

#include "ns3/callback.h"
#include "ns3/error-model.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Injects a scenario's faults into the simulated world.
 *
 * A device failure, at its time: every network device of it drops every frame it receives
 * (so it acknowledges nothing; a Wi-Fi station then misses the beacons, disassociates and
 * its MAC switches the PHY off), every IPv4 interface of its node goes down (so it sends no
 * data) and the callback is told (the caller stops the device's worker). A failed access
 * point's MAC keeps sending beacons (ns-3 has no way to stop it short of the PHY, which its
 * stations would then abort on), so its stations stay associated and their frames go
 * unacknowledged. A
 * network fault: from \c at until \c until, every device of the network drops each frame it
 * receives with probability \c errorRate (a RateErrorModel per frame: Wi-Fi as the PHY's
 * post-reception error model, CSMA and point-to-point as the device's receive error model);
 * 1 takes the network down. Overlapping faults of a network combine by taking the highest
 * rate in force. Nothing is installed when there is no fault, so fault-free runs are
 * unchanged.
 */
class DnnFaultInjector
{
  public:
    /**
     * \brief Prepare the faults: error models on the devices of every faulted network.
     * \param faults the faults \param nodes one node per platform device
     * \param networks per platform network, its devices (DnnTopologyHelper::NetworkDevices)
     */
    DnnFaultInjector(std::vector<DnnFault> faults, NodeContainer nodes,
                     std::vector<NetDeviceContainer> networks);

    /** \brief A fault in words, e.g. "device jetson-1 fails at 1.5 s", "network wan is down
     *  from 1 s to 4 s", "network wifi loses 10% of frames from 1 s". \param fault the
     *  fault \param name the device's or network's name \return the text */
    static std::string Describe(const DnnFault& fault, const std::string& name);

    /** \brief Use fixed random streams. \param stream the first \return streams used */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Schedule the faults. \param origin simulation time of plan time 0
     * \param deviceFailed called with the device index when a device fails (after its
     *        network interfaces went down)
     */
    void Schedule(Time origin, Callback<void, uint32_t> deviceFailed);

  private:
    /** \brief Fail a device now. \param device its index */
    void FailDevice(uint32_t device);
    /** \brief Set a network's error rate to the highest of the faults in force now.
     *  \param network its index \param now plan time, s */
    void UpdateNetwork(uint32_t network, double now);

    std::vector<DnnFault> m_faults;                              //!< the faults
    NodeContainer m_nodes;                                       //!< per device
    std::vector<NetDeviceContainer> m_networks;                  //!< per network
    std::vector<std::vector<Ptr<RateErrorModel>>> m_errorModels; //!< per network, per device
    std::vector<bool> m_failed;                                  //!< per device
    Time m_origin;                                               //!< plan time 0
    Callback<void, uint32_t> m_deviceFailed;                     //!< the caller's callback
};

} // namespace ns3

#endif /* DNN_FAULT_INJECTOR_H */
