/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-offload-helper.h"

#include "ns3/dnn-compute-model.h"
#include "ns3/dnn-worker-application.h"

#include "ns3/basic-energy-source.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

void
DnnOffloadHelper::SetPort(uint16_t port)
{
    m_port = port;
}

std::vector<Ptr<DnnComputeEnergyModel>>
DnnOffloadHelper::InstallCompute(const NodeContainer& nodes, const DnnPlatform& platform) const
{
    if (nodes.GetN() != platform.DeviceCount())
    {
        throw std::invalid_argument("DnnOffloadHelper: one node per device is needed");
    }
    std::vector<Ptr<DnnComputeEnergyModel>> models;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        const DnnDeviceProfile& profile = platform.Device(i).profile;
        Ptr<DnnComputeModel> compute = CreateObject<DnnComputeModel>();
        compute->SetAttribute("Flops", DoubleValue(profile.flops));
        compute->SetAttribute("Cores", UintegerValue(profile.cores));
        nodes.Get(i)->AggregateObject(compute);
        // A source that does not run dry (see SOURCE_ENERGY_J).
        Ptr<BasicEnergySource> source = CreateObject<BasicEnergySource>();
        source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(SOURCE_ENERGY_J));
        source->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(5.0));
        source->SetNode(nodes.Get(i));
        Ptr<DnnComputeEnergyModel> energy = DnnComputeEnergyModel::Install(nodes.Get(i), source);
        energy->SetIdlePowerW(profile.idlePower);
        energy->SetBusyPowerW(profile.busyPower);
        nodes.Get(i)->AggregateObject(source);
        models.push_back(energy);
    }
    return models;
}

ApplicationContainer
DnnOffloadHelper::InstallWorkers(std::shared_ptr<const DnnRuntimePlan> plan,
                                 const NodeContainer& nodes,
                                 const std::vector<Ipv4Address>& addresses, Time start,
                                 Time stop) const
{
    if (nodes.GetN() != plan->NodeCount() || addresses.size() != plan->NodeCount())
    {
        throw std::invalid_argument("DnnOffloadHelper: one node and one address per device");
    }
    std::vector<Address> peers;
    for (const auto& address : addresses)
    {
        peers.push_back(InetSocketAddress(address, m_port));
    }
    ApplicationContainer apps;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<DnnWorkerApplication> worker = CreateObject<DnnWorkerApplication>();
        worker->SetAttribute("Port", UintegerValue(m_port));
        worker->Setup(plan, i, peers);
        worker->SetStartTime(start);
        worker->SetStopTime(stop);
        nodes.Get(i)->AddApplication(worker);
        apps.Add(worker);
    }
    return apps;
}

} // namespace ns3
