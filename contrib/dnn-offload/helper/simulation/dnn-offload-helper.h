/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_OFFLOAD_HELPER_H
#define DNN_OFFLOAD_HELPER_H

#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-runtime-plan.h"

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Installs what carries out a plan on the nodes of a platform (node i = device i):
 *        a DnnComputeModel per node (the device profile's FLOP/s and cores), a compute
 *        energy model on a DnnEnergySource per node, and a DnnWorkerApplication per node.
 *
 * Like ns-3's application helpers, the helper holds an ObjectFactory per type it installs
 * and takes attributes for each (SetWorkerAttribute(), SetComputeAttribute(),
 * SetComputeEnergyAttribute(), SetEnergySourceAttribute()); every object it installs
 * comes from its factory, so the attributes set there (and the attribute defaults, e.g.
 * from Config::SetDefault) reach every installed object. Some values are set on each
 * object after it is created, and so win over the factory's:
 *
 * - ns3::DnnComputeModel "Flops" and "Cores", and ns3::DnnComputeEnergyModel "IdlePower"
 *   and "BusyPower": from the device's profile (DnnDeviceProfile), per node;
 * - ns3::DnnWorkerApplication "StartTime" and "StopTime": the \p start and \p stop of
 *   InstallWorkers().
 *
 * The energy source factory starts with "InitialEnergyJ" = SOURCE_ENERGY_J and
 * "SupplyVoltageV" = 5 V; attributes set through the helper replace them. The source is a
 * DnnEnergySource, which integrates at the device models' updates and schedules no event
 * (ns-3's BasicEnergySource has a periodic update).
 *
 * The setters check the attribute before taking it: a name the type does not have (or
 * cannot be set at construction), or a value that does not fit the attribute (of another
 * type, out of range, or a StringValue whose text it cannot read), throws
 * std::invalid_argument naming the type and the attribute, where ObjectFactory::Set would
 * abort the program.
 */
class DnnOffloadHelper
{
  public:
    /** Energy of each node's DnnEnergySource, J (DnnRunLimits::SOURCE_ENERGY_J: the
     *  feasibility checks reject a device that could drain it during a run). */
    static constexpr double SOURCE_ENERGY_J = DnnRunLimits::SOURCE_ENERGY_J;

    /** \brief A helper that installs the four types with their attribute defaults (and the
     *  energy source's SOURCE_ENERGY_J and 5 V). */
    DnnOffloadHelper();

    /**
     * \brief Set an attribute of every ns3::DnnWorkerApplication installed afterwards,
     *        e.g. "Port". "StartTime" and "StopTime" are overridden by InstallWorkers().
     * \param name the attribute name
     * \param value the value
     * \throws std::invalid_argument for an unknown attribute or a value that does not fit
     */
    void SetWorkerAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every ns3::DnnComputeModel installed afterwards. Its
     *        attributes "Flops" and "Cores" are then set from the device's profile, which
     *        wins.
     * \param name the attribute name
     * \param value the value
     * \throws std::invalid_argument for an unknown attribute or a value that does not fit
     */
    void SetComputeAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every ns3::DnnComputeEnergyModel installed afterwards. Its
     *        attributes "IdlePower" and "BusyPower" are then set from the device's profile,
     *        which wins.
     * \param name the attribute name
     * \param value the value
     * \throws std::invalid_argument for an unknown attribute or a value that does not fit
     */
    void SetComputeEnergyAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every ns3::DnnEnergySource installed afterwards, e.g.
     *        "LowBatteryThreshold"; this replaces the helper's initial energy
     *        (SOURCE_ENERGY_J) or supply voltage (5 V) when it names them.
     * \param name the attribute name
     * \param value the value
     * \throws std::invalid_argument for an unknown attribute or a value that does not fit
     */
    void SetEnergySourceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief TCP port of the workers: SetWorkerAttribute("Port", UintegerValue(port)).
     * \param port the port
     */
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
     *        The workers reach each other at their "Port": the one set through the
     *        helper, else the attribute's default (Config::SetDefault included).
     * \param plan the plan \param nodes one node per device \param addresses an IPv4
     * address per node that every other node can reach \param start start time
     * \param stop stop time \return the workers, in node order
     */
    ApplicationContainer InstallWorkers(std::shared_ptr<const DnnRuntimePlan> plan,
                                        const NodeContainer& nodes,
                                        const std::vector<Ipv4Address>& addresses, Time start,
                                        Time stop) const;

  private:
    /**
     * \brief Set an attribute on a factory after checking it (ObjectFactory::Set aborts).
     * \param factory the factory
     * \param name the attribute name
     * \param value the value
     * \return the value as the attribute takes it (e.g. a StringValue made a UintegerValue)
     * \throws std::invalid_argument naming the factory's type and the attribute when the
     *         type has no such attribute settable at construction, or the value does not fit
     */
    static Ptr<const AttributeValue> SetChecked(ObjectFactory& factory, const std::string& name,
                                                const AttributeValue& value);

    ObjectFactory m_workerFactory;        //!< makes the ns3::DnnWorkerApplication
    ObjectFactory m_computeFactory;       //!< makes the ns3::DnnComputeModel
    ObjectFactory m_computeEnergyFactory; //!< makes the ns3::DnnComputeEnergyModel
    ObjectFactory m_sourceFactory;        //!< makes the ns3::DnnEnergySource
    std::optional<uint16_t> m_port;       //!< worker "Port" set through the helper, if any
};

} // namespace ns3

#endif /* DNN_OFFLOAD_HELPER_H */
