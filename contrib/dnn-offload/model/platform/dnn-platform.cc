/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-platform.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPlatform");

std::string
DnnRoleName(DnnDeviceRole role)
{
    switch (role)
    {
    case DnnDeviceRole::Iot:
        return "iot";
    case DnnDeviceRole::Helper:
        return "helper";
    case DnnDeviceRole::Edge:
        return "edge";
    case DnnDeviceRole::Cloud:
        return "cloud";
    }
    return "iot";
}

bool
DnnParseRole(const std::string& name, DnnDeviceRole& role)
{
    for (auto candidate :
         {DnnDeviceRole::Iot, DnnDeviceRole::Helper, DnnDeviceRole::Edge, DnnDeviceRole::Cloud})
    {
        if (DnnRoleName(candidate) == name)
        {
            role = candidate;
            return true;
        }
    }
    return false;
}

std::string
DnnNetworkKindName(DnnNetworkKind kind)
{
    switch (kind)
    {
    case DnnNetworkKind::Wifi:
        return "wifi";
    case DnnNetworkKind::Csma:
        return "csma";
    case DnnNetworkKind::P2p:
        return "p2p";
    }
    return "csma";
}

uint32_t
DnnPlatform::AddDevice(DnnDevice device)
{
    NS_LOG_FUNCTION(this << device.name);
    if (FindDevice(device.name) != DnnNetwork::NONE)
    {
        throw std::invalid_argument("DnnPlatform: duplicate device \"" + device.name + "\"");
    }
    const auto& kindFlops = device.profile.kindFlops;
    const bool kindSpeedsValid =
        std::all_of(kindFlops.begin(), kindFlops.end(), [](double speed) { return speed >= 0; });
    if (!(device.profile.flops > 0) || !kindSpeedsValid || device.profile.cores == 0)
    {
        throw std::invalid_argument("DnnPlatform: device \"" + device.name +
                                    "\" needs a positive speed and at least one core");
    }
    NS_LOG_INFO("device " << m_devices.size() << ": " << device.name << " ("
                          << DnnRoleName(device.role) << "), " << device.profile.flops
                          << " FLOP/s on " << device.profile.cores << " cores, "
                          << device.profile.memory << " bytes of memory");
    m_devices.push_back(std::move(device));
    return static_cast<uint32_t>(m_devices.size() - 1);
}

uint32_t
DnnPlatform::AddNetwork(DnnNetwork network)
{
    NS_LOG_FUNCTION(this << network.name);
    const auto bad = [&](const std::string& what)
    {
        throw std::invalid_argument("DnnPlatform: network \"" + network.name + "\": " + what);
    };
    if (!(network.dataRate > 0) || !(network.delay >= 0))
    {
        bad("needs a positive data rate and a non-negative delay");
    }
    for (uint32_t member : network.members)
    {
        if (member >= m_devices.size())
        {
            bad("member out of range");
        }
    }
    if (!(network.efficiency >= 0 && network.efficiency <= 1))
    {
        bad("planning efficiency must be in (0, 1] (0: the platform's)");
    }
    if (network.kind == DnnNetworkKind::P2p && network.members.size() != 2)
    {
        bad("a point-to-point link joins exactly two devices");
    }
    if (network.kind == DnnNetworkKind::Wifi &&
        std::find(network.members.begin(), network.members.end(), network.accessPoint) ==
            network.members.end())
    {
        bad("a Wi-Fi network needs its access point among its members");
    }
    NS_LOG_INFO("network " << m_networks.size() << ": " << network.name << " ("
                           << DnnNetworkKindName(network.kind) << "), " << network.members.size()
                           << " devices, " << network.dataRate << " bit/s, delay " << network.delay
                           << " s");
    m_networks.push_back(std::move(network));
    return static_cast<uint32_t>(m_networks.size() - 1);
}

void
DnnPlatform::SetPlanningEfficiency(double efficiency)
{
    NS_LOG_FUNCTION(this << efficiency);
    if (!(efficiency > 0 && efficiency <= 1))
    {
        throw std::invalid_argument("DnnPlatform: planning efficiency must be in (0, 1]");
    }
    m_efficiency = efficiency;
}

void
DnnPlatform::SetHopModel(uint32_t network, uint32_t from, uint32_t to, DnnHopModel model)
{
    NS_LOG_FUNCTION(this << network << from << to << model.fixed << model.rate);
    const auto& members = m_networks.at(network).members;
    if (from == to || std::find(members.begin(), members.end(), from) == members.end() ||
        std::find(members.begin(), members.end(), to) == members.end())
    {
        throw std::invalid_argument("DnnPlatform::SetHopModel: a hop joins two members");
    }
    if (!(model.fixed >= 0 && std::isfinite(model.fixed) && model.rate > 0 &&
          std::isfinite(model.rate)))
    {
        throw std::invalid_argument("DnnPlatform::SetHopModel: fixed cost >= 0 and rate > 0");
    }
    m_measured[{network, from, to}] = model;
}

DnnHopModel
DnnPlatform::HopModel(uint32_t network, uint32_t from, uint32_t to) const
{
    const auto it = m_measured.find({network, from, to});
    if (it != m_measured.end())
    {
        return it->second;
    }
    const DnnNetwork& net = m_networks.at(network);
    const double efficiency = net.efficiency > 0 ? net.efficiency : m_efficiency;
    return {net.delay, net.dataRate * efficiency / 8.0};
}

bool
DnnPlatform::HasMeasuredHops() const
{
    return !m_measured.empty();
}

void
DnnPlatform::ClearMeasuredHops()
{
    m_measured.clear();
}

uint32_t
DnnPlatform::MediumCount() const
{
    uint32_t count = 0;
    for (const auto& network : m_networks)
    {
        count += network.kind == DnnNetworkKind::P2p ? 2 : 1;
    }
    return count;
}

uint32_t
DnnPlatform::Medium(uint32_t network, uint32_t from, uint32_t /* to */) const
{
    uint32_t base = 0;
    for (uint32_t k = 0; k < network; ++k)
    {
        base += m_networks[k].kind == DnnNetworkKind::P2p ? 2 : 1;
    }
    const DnnNetwork& net = m_networks.at(network);
    return base + (net.kind == DnnNetworkKind::P2p && from != net.members[0] ? 1 : 0);
}

std::string
DnnPlatform::MediumName(uint32_t medium) const
{
    for (const auto& network : m_networks)
    {
        const uint32_t media = network.kind == DnnNetworkKind::P2p ? 2 : 1;
        if (medium < media)
        {
            if (network.kind != DnnNetworkKind::P2p)
            {
                return network.name;
            }
            const uint32_t a = network.members[medium];
            const uint32_t b = network.members[1 - medium];
            return network.name + "/" + m_devices[a].name + "->" + m_devices[b].name;
        }
        medium -= media;
    }
    throw std::out_of_range("DnnPlatform::MediumName: no such medium");
}

uint32_t
DnnPlatform::DeviceCount() const
{
    return static_cast<uint32_t>(m_devices.size());
}

const DnnDevice&
DnnPlatform::Device(uint32_t index) const
{
    return m_devices.at(index);
}

uint32_t
DnnPlatform::FindDevice(const std::string& name) const
{
    for (uint32_t i = 0; i < m_devices.size(); ++i)
    {
        if (m_devices[i].name == name)
        {
            return i;
        }
    }
    return DnnNetwork::NONE;
}

const std::vector<DnnNetwork>&
DnnPlatform::Networks() const
{
    return m_networks;
}

double
DnnPlatform::PlanningEfficiency() const
{
    return m_efficiency;
}

void
DnnPlatform::Search(uint32_t from, uint32_t stop, std::vector<uint32_t>& previous,
                    std::vector<uint32_t>& via) const
{
    const uint32_t none = DnnNetwork::NONE;
    const uint32_t n = DeviceCount();
    // Each device's networks, in index order: one pass over the members, not a search of
    // every network's members at every step (which made all routes of 1,000 devices
    // take a minute).
    std::vector<std::vector<uint32_t>> networksOf(n);
    for (uint32_t k = 0; k < m_networks.size(); ++k)
    {
        for (uint32_t member : m_networks[k].members)
        {
            if (networksOf[member].empty() || networksOf[member].back() != k)
            {
                networksOf[member].push_back(k);
            }
        }
    }
    previous.assign(n, none);
    via.assign(n, none);
    std::vector<bool> seen(n, false);
    std::deque<uint32_t> queue{from};
    seen[from] = true;
    while (!queue.empty() && (stop == none || !seen[stop]))
    {
        const uint32_t u = queue.front();
        queue.pop_front();
        for (uint32_t k : networksOf[u])
        {
            const DnnNetwork& net = m_networks[k];
            for (uint32_t v : net.members)
            {
                const bool oneHop = net.kind != DnnNetworkKind::Wifi || u == net.accessPoint ||
                                    v == net.accessPoint;
                if (v != u && oneHop && !seen[v])
                {
                    seen[v] = true;
                    previous[v] = u;
                    via[v] = k;
                    queue.push_back(v);
                }
            }
        }
    }
}

DnnPlatform::Path
DnnPlatform::TracePath(uint32_t from, uint32_t to, const std::vector<uint32_t>& previous,
                       const std::vector<uint32_t>& via) const
{
    if (to != from && previous[to] == DnnNetwork::NONE)
    {
        throw DnnInputError("", "",
                            "device \"" + m_devices[to].name + "\" cannot be reached from \"" +
                                m_devices[from].name + "\" over any network");
    }
    Path path;
    for (uint32_t v = to; v != from; v = previous[v])
    {
        path.devices.push_back(v);
        path.networks.push_back(via[v]);
    }
    path.devices.push_back(from);
    std::reverse(path.devices.begin(), path.devices.end());
    std::reverse(path.networks.begin(), path.networks.end());
    std::map<uint32_t, uint32_t> crossings;
    for (uint32_t k : path.networks)
    {
        ++crossings[k];
    }
    path.rate = from == to ? 0.0 : std::numeric_limits<double>::infinity();
    for (uint32_t k : path.networks)
    {
        path.rate = std::min(path.rate, m_networks[k].dataRate / crossings[k]);
        path.latency += m_networks[k].delay;
    }
    return path;
}

DnnPlatform::Path
DnnPlatform::Route(uint32_t from, uint32_t to) const
{
    const uint32_t n = DeviceCount();
    if (from >= n || to >= n)
    {
        throw std::out_of_range("DnnPlatform::Route: device out of range");
    }
    std::vector<uint32_t> previous;
    std::vector<uint32_t> via;
    Search(from, to, previous, via);
    return TracePath(from, to, previous, via);
}

std::vector<DnnPlatform::Path>
DnnPlatform::RoutesFrom(uint32_t from) const
{
    const uint32_t n = DeviceCount();
    if (from >= n)
    {
        throw std::out_of_range("DnnPlatform::RoutesFrom: device out of range");
    }
    std::vector<uint32_t> previous;
    std::vector<uint32_t> via;
    Search(from, DnnNetwork::NONE, previous, via);
    std::vector<Path> routes;
    routes.reserve(n);
    for (uint32_t to = 0; to < n; ++to)
    {
        routes.push_back(TracePath(from, to, previous, via));
    }
    return routes;
}

std::vector<DnnPlatform::Path>
DnnPlatform::AllRoutes() const
{
    NS_LOG_FUNCTION(this);
    const uint32_t n = DeviceCount();
    std::vector<Path> routes;
    routes.reserve(static_cast<std::size_t>(n) * n);
    for (uint32_t p = 0; p < n; ++p)
    {
        for (Path& path : RoutesFrom(p))
        {
            NS_LOG_LOGIC("route " << m_devices[p].name << " -> "
                                  << m_devices[path.devices.back()].name << ": "
                                  << path.networks.size() << " hops, latency " << path.latency
                                  << " s");
            routes.push_back(std::move(path));
        }
    }
    return routes;
}

double
DnnPlatform::PlanningBandwidth(const Path& path) const
{
    double goodput = path.networks.empty() ? 0.0 : std::numeric_limits<double>::infinity();
    for (uint32_t k : path.networks)
    {
        const DnnNetwork& network = m_networks[k];
        const auto crossings = std::count(path.networks.begin(), path.networks.end(), k);
        const double efficiency = network.efficiency > 0 ? network.efficiency : m_efficiency;
        goodput = std::min(goodput, network.dataRate / crossings * efficiency);
    }
    return goodput / 8.0;
}

double
DnnPlatform::ExecutionTime(const DnnWork& work, uint32_t device) const
{
    return m_devices.at(device).profile.Seconds(work);
}

} // namespace ns3
