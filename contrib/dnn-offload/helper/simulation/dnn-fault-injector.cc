/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-fault-injector.h"

#include "ns3/ap-wifi-mac.h"
#include "ns3/csma-net-device.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-remote-station-manager.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnFaultInjector");

namespace
{
/** Transmit power of a failed device's radio: far below any receiver's detection threshold. */
constexpr double MUTED_DBM = -150;
} // namespace

DnnFaultInjector::DnnFaultInjector(std::vector<DnnFault> faults, NodeContainer nodes,
                                   std::vector<NetDeviceContainer> networks)
    : m_faults(std::move(faults)), m_nodes(nodes), m_networks(std::move(networks)),
      m_errorModels(m_networks.size()), m_failed(nodes.GetN(), false)
{
    if (m_faults.empty())
    {
        return;
    }
    for (uint32_t k = 0; k < m_networks.size(); ++k)
    {
        const NetDeviceContainer& devices = m_networks[k];
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            auto model = CreateObject<RateErrorModel>();
            model->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            model->SetRate(0);
            const Ptr<NetDevice> device = devices.Get(i);
            if (auto wifi = DynamicCast<WifiNetDevice>(device))
            {
                wifi->GetPhy()->SetPostReceptionErrorModel(model);
            }
            else if (auto csma = DynamicCast<CsmaNetDevice>(device))
            {
                csma->SetReceiveErrorModel(model);
            }
            else if (auto p2p = DynamicCast<PointToPointNetDevice>(device))
            {
                p2p->SetReceiveErrorModel(model);
            }
            m_errorModels[k].push_back(model);
        }
    }
}

std::string
DnnFaultInjector::Describe(const DnnFault& fault, const std::string& name)
{
    auto seconds = [](double s)
    {
        std::ostringstream out;
        out << s << " s";
        return out.str();
    };
    if (fault.target == DnnFault::Target::Device)
    {
        return "device " + name + " fails at " + seconds(fault.at);
    }
    std::ostringstream what;
    what << "network " << name;
    if (fault.errorRate >= 1)
    {
        what << " is down";
    }
    else
    {
        what << " loses " << 100 * fault.errorRate << "% of frames";
    }
    what << " from " << seconds(fault.at);
    if (std::isfinite(fault.until))
    {
        what << " to " << seconds(fault.until);
    }
    return what.str();
}

int64_t
DnnFaultInjector::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    for (auto& models : m_errorModels)
    {
        for (auto& model : models)
        {
            used += model->AssignStreams(stream + used);
        }
    }
    return used;
}

void
DnnFaultInjector::Schedule(Time origin, Callback<void, uint32_t> deviceFailed)
{
    m_origin = origin;
    m_deviceFailed = deviceFailed;
    for (const DnnFault& fault : m_faults)
    {
        const Time at = origin + Seconds(fault.at);
        if (fault.target == DnnFault::Target::Device)
        {
            Simulator::Schedule(at, &DnnFaultInjector::FailDevice, this, fault.index);
            continue;
        }
        Simulator::Schedule(at, &DnnFaultInjector::UpdateNetwork, this, fault.index, fault.at);
        if (std::isfinite(fault.until))
        {
            Simulator::Schedule(origin + Seconds(fault.until), &DnnFaultInjector::UpdateNetwork,
                                this, fault.index, fault.until);
        }
    }
}

void
DnnFaultInjector::FailDevice(uint32_t device)
{
    if (m_failed.at(device))
    {
        return;
    }
    m_failed[device] = true;
    const Ptr<Node> node = m_nodes.Get(device);
    NS_LOG_INFO("device " << device << " fails");
    // Deaf on every network (no MAC acknowledgement either); a station's MAC then misses
    // the beacons, disassociates and switches its PHY off itself. (WifiPhy::SetOffMode here
    // would make that second switch-off abort.)
    for (uint32_t k = 0; k < m_networks.size(); ++k)
    {
        for (uint32_t i = 0; i < m_networks[k].GetN(); ++i)
        {
            if (m_networks[k].Get(i)->GetNode() != node)
            {
                continue;
            }
            m_errorModels[k][i]->SetRate(1);
            const auto station = DynamicCast<WifiNetDevice>(m_networks[k].Get(i));
            if (station)
            {
                // Mute the radio too: a deaf station's MAC would retransmit each frame for
                // its whole lifetime and hold the channel.
                station->GetPhy()->SetTxPowerStart(MUTED_DBM);
                station->GetPhy()->SetTxPowerEnd(MUTED_DBM);
            }
            // The access point forgets the station: it drops what it would forward to it
            // instead of retrying each frame for its whole lifetime (our retry limits are
            // unbounded, see DnnTopologyHelper), which starved the rest of the cell.
            for (uint32_t j = 0; station && j < m_networks[k].GetN(); ++j)
            {
                const auto wifi = DynamicCast<WifiNetDevice>(m_networks[k].Get(j));
                if (wifi && DynamicCast<ApWifiMac>(wifi->GetMac()))
                {
                    wifi->GetMac()->GetWifiRemoteStationManager()->RecordDisassociated(
                        Mac48Address::ConvertFrom(station->GetAddress()));
                }
            }
        }
    }
    // Mute: nothing leaves the node's IPv4 interfaces.
    const Ptr<Ipv4> ip = node->GetObject<Ipv4>();
    for (uint32_t i = 1; ip && i < ip->GetNInterfaces(); ++i)
    {
        ip->SetDown(i);
    }
    if (!m_deviceFailed.IsNull())
    {
        m_deviceFailed(device);
    }
}

void
DnnFaultInjector::UpdateNetwork(uint32_t network, double now)
{
    double rate = 0;
    for (const DnnFault& fault : m_faults)
    {
        if (fault.target == DnnFault::Target::Network && fault.index == network &&
            fault.at <= now && now < fault.until)
        {
            rate = std::max(rate, fault.errorRate);
        }
    }
    NS_LOG_INFO("network " << network << " error rate " << rate);
    for (uint32_t i = 0; i < m_networks.at(network).GetN(); ++i)
    {
        const Ptr<Node> node = m_networks[network].Get(i)->GetNode();
        bool failed = false;
        for (uint32_t d = 0; d < m_nodes.GetN(); ++d)
        {
            failed = failed || (m_failed[d] && m_nodes.Get(d) == node);
        }
        m_errorModels[network][i]->SetRate(failed ? 1.0 : rate);
    }
}

} // namespace ns3
