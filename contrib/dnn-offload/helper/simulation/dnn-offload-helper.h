/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_OFFLOAD_HELPER_H
#define DNN_OFFLOAD_HELPER_H

#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-runtime-plan.h"

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Installs what carries out a plan on the nodes of a platform (node i = device i):
 *        a DnnComputeModel per node (the device profile's FLOP/s and cores), a compute
 *        energy model on a BasicEnergySource per node, and a DnnWorkerApplication per node.
 */
class DnnOffloadHelper
{
  public:
    /** Energy of each node's BasicEnergySource, J (DnnRunLimits::SOURCE_ENERGY_J: the
     *  feasibility checks reject a device that could drain it during a run). */
    static constexpr double SOURCE_ENERGY_J = DnnRunLimits::SOURCE_ENERGY_J;

    /** \brief TCP port of the workers. \param port the port */
    void SetPort(uint16_t port);

    /**
     * \brief Install compute models and energy models on every node.
     * \param nodes one node per device, in device order
     * \param platform the platform
     * \return the compute energy model of every node
     */
    std::vector<Ptr<DnnComputeEnergyModel>> InstallCompute(const NodeContainer& nodes,
                                                           const DnnPlatform& platform) const;

    /**
     * \brief Install the workers; they start at \p start (plan time 0) and stop at \p stop.
     * \param plan the plan \param nodes one node per device \param addresses an IPv4
     * address per node that every other node can reach \param start start time
     * \param stop stop time \return the workers, in node order
     */
    ApplicationContainer InstallWorkers(std::shared_ptr<const DnnRuntimePlan> plan,
                                        const NodeContainer& nodes,
                                        const std::vector<Ipv4Address>& addresses, Time start,
                                        Time stop) const;

  private:
    uint16_t m_port{9000}; //!< worker port
};

} // namespace ns3

#endif /* DNN_OFFLOAD_HELPER_H */
