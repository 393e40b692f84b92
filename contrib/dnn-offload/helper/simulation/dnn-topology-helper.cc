/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-topology-helper.h"

#include "ns3/dnn-ack-manager.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-run-limits.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/frame-exchange-manager.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/log.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/names.h"
#include "ns3/neighbor-cache-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/qos-txop.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/string.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <algorithm>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnTopologyHelper");

namespace
{

/** Log-distance loss of every Wi-Fi channel: exponent and loss at 1 m (5.15 GHz). */
constexpr double WIFI_LOSS_EXPONENT = 3.0;
constexpr double WIFI_REFERENCE_LOSS_DB = 46.6777;
/** How long a station waits for an association response before asking again (ns-3's
 *  default, 0.5 s, makes one collided request cost half a second at start-up). */
constexpr uint32_t ASSOC_REQUEST_TIMEOUT_MS = 50;
/** How long an originator waits for an ADDBA response before sending without a Block Ack
 *  agreement. ns-3.37's default, 1 ms, is often shorter than a busy station takes to
 *  answer; the late response then still establishes the agreement, after a frame already
 *  went out with the agreement's starting sequence number outside it, and the recipient's
 *  reordering buffer waits for that frame forever (a TCP SYN-ACK stuck for good). */
constexpr uint32_t ADDBA_RESPONSE_TIMEOUT_MS = 50;
/** The retry limits (WifiRemoteStationManager MaxSsrc, MaxSlrc; from ns-3.44 on
 *  WifiMac::FrameRetryLimit, see dnn-ns3-compat.h): as high as they go,
 *  so that only the MSDU lifetime (WifiMacQueue MaxDelay, 500 ms) ends a frame's tries.
 *  ns-3.37 counts retries per access category, not per frame, and a received Block Ack does
 *  not reset the count (only a Normal Ack, a CTS or a discarded frame does): missed Block
 *  Acks carry it to the default limit of 7, and the next lone MPDU (Normal Ack, e.g. a TCP
 *  SYN-ACK) is then discarded after a single failed attempt (REACHED_RETRY_LIMIT, and
 *  QOS_OLD_PACKET once the Block Ack window moves past it), which costs TCP a 3 s SYN
 *  timeout or a 1 s RTO. Minstrel keeps its own per-station count and ignores these. */
constexpr uint32_t STATION_RETRY_LIMIT = DnnMaxRetryLimit();
/** Beacons a station may miss in a row before it drops its association (StaWifiMac
 *  MaxMissedBeacons, ns-3's default 10): as many as it goes, so that a station never drops
 *  it (the beacon watchdog is 4.4 x 10^8 s, about 14 years, away). Our stations do not move
 *  and stay in range; they miss beacons only in a busy cell (collisions, or transmitting
 *  themselves). ns-3.37 then aborts: StaWifiMac::Disassociated() clears the BSSID but leaves
 *  the association request timer running, whose next request finds no BSSID ("No BSSID set
 *  for the link", ns-3 issue #862, fixed in ns-3.39). The watchdog also runs while a station
 *  waits for its association response (a station whose association takes more than 10
 *  beacon intervals, 1.024 s, met it at start-up as well). */
constexpr uint32_t MAX_MISSED_BEACONS = std::numeric_limits<uint32_t>::max();
/** The acknowledgment manager of every Wi-Fi MAC: WifiDefaultAckManager, except that an
 *  A-MPDU to a recipient that has not yet sent us a BlockAck (for its TID) is followed by an
 *  explicit BlockAckReq instead of carrying the Implicit BAR ack policy. ns-3.37's recipient
 *  establishes its side of a Block Ack agreement only when the Ack of its ADDBA Response
 *  arrives (HtFrameExchangeManager::NotifyReceivedNormalAck, ht-frame-exchange-manager.cc:
 *  634-647), the originator as soon as it receives the Response (wifi-mac.cc:1164-1174). If
 *  that Ack is lost, the originator's next A-MPDU reaches a recipient without the agreement;
 *  with Implicit BAR, each MPDU gets a Normal Ack a SIFS after it
 *  (QosFrameExchangeManager::ReceiveMpdu), which cuts a long A-MPDU short, and a short one
 *  ends in HtFrameExchangeManager::EndReceiveAmpdu (ht-frame-exchange-manager.cc:1516-1530),
 *  which dereferences m_agreements.end() (its NS_ASSERT is compiled out in Debian's release
 *  build) and throws std::bad_alloc copying the garbage agreement. With the Block Ack policy
 *  neither happens, and the BlockAckReq is checked (ReceiveMpdu: no agreement, no Block Ack,
 *  the originator tries again). See DnnAckManager and the module doc (Topology). */
constexpr const char* ACK_MANAGER = "ns3::DnnAckManager";

/** What we know of a Wi-Fi standard. */
struct WifiStandardInfo
{
    WifiStandard standard;     //!< the ns-3 standard
    std::set<uint32_t> widths; //!< channel widths it has, MHz
    uint32_t maxMcs;           //!< highest MCS of one spatial stream
    std::string modePrefix;    //!< data mode name prefix of ConstantRateWifiManager
};

/** The standards we build, by name. */
const std::map<std::string, WifiStandardInfo>&
WifiStandards()
{
    static const std::map<std::string, WifiStandardInfo> standards{
        {"80211n", {WIFI_STANDARD_80211n, {20, 40}, 7, "HtMcs"}},
        {"80211ac", {WIFI_STANDARD_80211ac, {20, 40, 80, 160}, 9, "VhtMcs"}},
        {"80211ax", {WIFI_STANDARD_80211ax, {20, 40, 80, 160}, 11, "HeMcs"}},
    };
    return standards;
}

/** Remote station manager TypeId names, by our name. */
const std::map<std::string, std::string>&
RateManagers()
{
    static const std::map<std::string, std::string> managers{
        {"ideal", "ns3::IdealWifiManager"},
        {"minstrel", "ns3::MinstrelHtWifiManager"},
        {"constant", "ns3::ConstantRateWifiManager"},
    };
    return managers;
}

/** Names of the keys of a map, for messages. */
template<typename Map>
std::string
Keys(const Map& map)
{
    std::string keys;
    for (const auto& [key, value] : map)
    {
        keys += (keys.empty() ? "\"" : ", \"") + key + "\"";
    }
    return keys;
}

/** The ns-3 text of an address with its /24 mask. */
std::string
SubnetText(Ipv4Address subnet)
{
    std::ostringstream text;
    text << subnet << "/24";
    return text.str();
}

/** The current default of an attribute, as text. */
std::string
AttributeDefault(const std::string& typeName, const std::string& attribute)
{
    TypeId::AttributeInformation info;
    if (!TypeId::LookupByName(typeName).LookupAttributeByName(attribute, &info))
    {
        return "?";
    }
    return info.initialValue->SerializeToString(info.checker);
}

} // namespace

DnnTopologyHelper::DnnTopologyHelper()
    : m_tcpVariant("ns3::TcpCubic"), m_assoc(Create<AssociationState>())
{
    m_assoc->allAssociated = Time::Max();
}

void
DnnTopologyHelper::SetTcpSegmentSize(uint32_t bytes)
{
    if (bytes == 0)
    {
        throw std::invalid_argument("DnnTopologyHelper: the TCP segment size must be positive");
    }
    m_segmentSize = bytes;
}

void
DnnTopologyHelper::SetTcpSendBufferSize(uint32_t bytes)
{
    if (bytes == 0)
    {
        throw std::invalid_argument("DnnTopologyHelper: the TCP send buffer must be positive");
    }
    m_sndBuf = bytes;
}

void
DnnTopologyHelper::SetTcpReceiveBufferSize(uint32_t bytes)
{
    if (bytes == 0)
    {
        throw std::invalid_argument("DnnTopologyHelper: the TCP receive buffer must be positive");
    }
    m_rcvBuf = bytes;
}

void
DnnTopologyHelper::SetTcpVariant(const std::string& typeName)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.IsChildOf(TypeId::LookupByName("ns3::TcpCongestionOps")))
    {
        throw std::invalid_argument("DnnTopologyHelper: unknown TCP variant \"" + typeName +
                                    "\" (a TcpCongestionOps, e.g. \"ns3::TcpCubic\")");
    }
    m_tcpVariant = typeName;
}

void
DnnTopologyHelper::Validate(const DnnPlatform& platform) const
{
    const auto& networks = platform.Networks();
    if (networks.size() > DnnRunLimits::MAX_NETWORKS)
    {
        throw std::invalid_argument("DnnTopologyHelper: at most " +
                                    std::to_string(DnnRunLimits::MAX_NETWORKS) +
                                    " networks (one 10.k.0.0/24 subnet each), the platform has " +
                                    std::to_string(networks.size()));
    }
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        const std::string& name = platform.Device(d).name;
        if (name.empty() || name.find('/') != std::string::npos)
        {
            throw std::invalid_argument("DnnTopologyHelper: device name \"" + name +
                                        "\" cannot name an ns-3 node (empty or contains '/')");
        }
        if (Names::Find<Object>(name))
        {
            throw std::invalid_argument("DnnTopologyHelper: the ns-3 name \"" + name +
                                        "\" is already taken (Names::Clear() between runs)");
        }
    }
    for (const DnnNetwork& network : networks)
    {
        const auto bad = [&](const std::string& what)
        {
            throw std::invalid_argument("DnnTopologyHelper: network \"" + network.name +
                                        "\": " + what);
        };
        if (network.members.size() > DnnRunLimits::MAX_NETWORK_MEMBERS)
        {
            bad("at most " + std::to_string(DnnRunLimits::MAX_NETWORK_MEMBERS) +
                " members in a /24 subnet");
        }
        if (network.kind == DnnNetworkKind::Wifi &&
            network.members.size() > DnnRunLimits::MAX_WIFI_STATIONS + 1)
        {
            bad("at most " + std::to_string(DnnRunLimits::MAX_WIFI_STATIONS) +
                " stations besides the access point (more do not all associate before "
                "AssociationBound())");
        }
        std::set<uint32_t> seen;
        for (uint32_t member : network.members)
        {
            if (member >= platform.DeviceCount())
            {
                bad("member " + std::to_string(member) + " out of range");
            }
            if (!seen.insert(member).second)
            {
                bad("device \"" + platform.Device(member).name + "\" listed twice");
            }
        }
        if (network.kind == DnnNetworkKind::P2p && network.members.size() != 2)
        {
            bad("a point-to-point link joins exactly two devices");
        }
        if (network.kind != DnnNetworkKind::Wifi)
        {
            continue;
        }
        if (network.accessPoint == DnnNetwork::NONE)
        {
            bad("a Wi-Fi network needs an access point");
        }
        if (seen.count(network.accessPoint) == 0)
        {
            bad("the access point must be one of the members");
        }
        const auto standard = WifiStandards().find(network.wifiStandard);
        if (standard == WifiStandards().end())
        {
            bad("unknown Wi-Fi standard \"" + network.wifiStandard + "\" (one of " +
                Keys(WifiStandards()) + ")");
        }
        const WifiStandardInfo& info = standard->second;
        if (info.widths.count(network.channelWidth) == 0)
        {
            std::string widths;
            for (uint32_t width : info.widths)
            {
                widths += (widths.empty() ? "" : ", ") + std::to_string(width);
            }
            bad(network.wifiStandard + " has no " + std::to_string(network.channelWidth) +
                " MHz channel (one of " + widths + ")");
        }
        if (RateManagers().count(network.rateManager) == 0)
        {
            bad("unknown rate manager \"" + network.rateManager + "\" (one of " +
                Keys(RateManagers()) + ")");
        }
        if (network.rateManager == "constant")
        {
            if (network.mcs > info.maxMcs)
            {
                bad(network.wifiStandard + " has MCS 0-" + std::to_string(info.maxMcs) +
                    " (one spatial stream), not " + std::to_string(network.mcs));
            }
            if (network.wifiStandard == "80211ac" && network.mcs == 9 && network.channelWidth == 20)
            {
                bad("VHT MCS 9 is not allowed on a 20 MHz channel");
            }
        }
    }
}

void
DnnTopologyHelper::ApplyTcpDefaults() const
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(m_segmentSize));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(m_sndBuf));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(m_rcvBuf));
    Config::SetDefault("ns3::TcpL4Protocol::SocketType",
                       TypeIdValue(TypeId::LookupByName(m_tcpVariant)));
}

NodeContainer
DnnTopologyHelper::Install(const DnnPlatform& platform)
{
    if (m_installed)
    {
        throw std::logic_error("DnnTopologyHelper: Install() may run once per helper");
    }
    Validate(platform);
    m_installed = true;
    ApplyTcpDefaults();

    const uint32_t deviceCount = platform.DeviceCount();
    const auto& networks = platform.Networks();

    // Nodes, names, positions.
    m_nodes.Create(deviceCount);
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(m_nodes);
    for (uint32_t d = 0; d < deviceCount; ++d)
    {
        const DnnDevice& device = platform.Device(d);
        Names::Add(device.name, m_nodes.Get(d));
        m_nodes.Get(d)->GetObject<MobilityModel>()->SetPosition(
            Vector(device.x, device.y, device.z));
    }

    InternetStackHelper internet;
    internet.Install(m_nodes);

    m_wifiByDevice.assign(deviceCount, NetDeviceContainer());
    m_firstNetwork.assign(deviceCount, DnnNetwork::NONE);
    uint32_t station = 0;
    for (uint32_t k = 0; k < networks.size(); ++k)
    {
        const DnnNetwork& network = networks[k];
        NetDeviceContainer devices;
        switch (network.kind)
        {
        case DnnNetworkKind::Wifi:
        {
            const WifiStandardInfo& info = WifiStandards().at(network.wifiStandard);
            const std::string prefix = "wifi." + network.name + ".";
            WifiHelper wifi;
            wifi.SetStandard(info.standard);
            const std::string manager = RateManagers().at(network.rateManager);
            if (network.rateManager == "constant")
            {
                const std::string mode = info.modePrefix + std::to_string(network.mcs);
                DnnSetStationManager(wifi, manager, STATION_RETRY_LIMIT, "DataMode",
                                     StringValue(mode));
                m_settings[prefix + "data_mode"] = mode;
            }
            else
            {
                DnnSetStationManager(wifi, manager, STATION_RETRY_LIMIT);
            }
            YansWifiChannelHelper channel;
            channel.SetPropagationDelay("ns3::ConstantSpeedPropagationDelayModel");
            channel.AddPropagationLoss("ns3::LogDistancePropagationLossModel", "Exponent",
                                       DoubleValue(WIFI_LOSS_EXPONENT), "ReferenceLoss",
                                       DoubleValue(WIFI_REFERENCE_LOSS_DB));
            YansWifiPhyHelper phy;
            phy.SetChannel(channel.Create());
            phy.Set("ChannelSettings",
                    StringValue("{0, " + std::to_string(network.channelWidth) + ", BAND_5GHZ, 0}"));
            const Ssid ssid("dnn-" + network.name);
            WifiMacHelper mac;
            if (DnnRecipientAgreementCanBePending())
            {
                mac.SetAckManager(ACK_MANAGER);
            }
            for (uint32_t member : network.members)
            {
                if (member == network.accessPoint)
                {
                    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
                }
                else
                {
                    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid), "ActiveProbing",
                                BooleanValue(true), "AssocRequestTimeout",
                                TimeValue(MilliSeconds(ASSOC_REQUEST_TIMEOUT_MS)),
                                "MaxMissedBeacons", UintegerValue(MAX_MISSED_BEACONS));
                }
                NetDeviceContainer device = wifi.Install(phy, mac, m_nodes.Get(member));
                Ptr<WifiNetDevice> wifiDevice = DynamicCast<WifiNetDevice>(device.Get(0));
                Ptr<WifiMac> wifiMac = wifiDevice->GetMac();
                DnnSetFrameRetryLimit(wifiMac, STATION_RETRY_LIMIT);
                if (DnnRecipientAgreementCanBePending())
                {
                    DynamicCast<DnnAckManager>(wifiMac->GetFrameExchangeManager()->GetAckManager())
                        ->ObservePhy(wifiDevice->GetPhy());
                }
                for (AcIndex ac : {AC_BE, AC_BK, AC_VI, AC_VO})
                {
                    wifiMac->GetQosTxop(ac)->SetAddBaResponseTimeout(
                        MilliSeconds(ADDBA_RESPONSE_TIMEOUT_MS));
                }
                devices.Add(device);
                m_wifiByDevice[member].Add(device);
                if (member != network.accessPoint)
                {
                    m_stationNames.push_back(platform.Device(member).name);
                    auto sta = DynamicCast<StaWifiMac>(wifiMac);
                    sta->TraceConnectWithoutContext(
                        "Assoc",
                        MakeBoundCallback(&DnnTopologyHelper::NotifyAssoc, m_assoc, station));
                    ++station;
                }
            }
            m_wifiDevices.Add(devices);
            m_settings[prefix + "standard"] = network.wifiStandard;
            m_settings[prefix + "band"] = "5GHz";
            m_settings[prefix + "channel_width"] = std::to_string(network.channelWidth);
            m_settings[prefix + "rate_manager"] = network.rateManager + " (" + manager + ")";
            m_settings[prefix + "ssid"] = ssid.PeekString();
            m_settings[prefix + "access_point"] = platform.Device(network.accessPoint).name;
            m_settings[prefix + "active_probing"] = "true";
            m_settings[prefix + "addba_response_timeout"] =
                std::to_string(ADDBA_RESPONSE_TIMEOUT_MS) + "ms";
            if (DnnRecipientAgreementCanBePending())
            {
                m_settings[prefix + "ack_manager"] =
                    std::string(ACK_MANAGER) + " (explicit BlockAckReq until a recipient's first "
                                               "Block Ack, then Implicit BAR)";
            }
            else
            {
                m_settings[prefix + "ack_manager"] =
                    "ns3::WifiDefaultAckManager (this ns-3 creates a recipient's agreement when "
                    "it sends the ADDBA Response: DnnAckManager's workaround is not needed)";
            }
            if (DnnRetryLimitIsTheMacs())
            {
                m_settings[prefix + "frame_retry_limit"] = std::to_string(STATION_RETRY_LIMIT);
            }
            else
            {
                m_settings[prefix + "max_ssrc"] = std::to_string(STATION_RETRY_LIMIT);
                m_settings[prefix + "max_slrc"] = std::to_string(STATION_RETRY_LIMIT);
            }
            m_settings[prefix + "assoc_request_timeout"] =
                std::to_string(ASSOC_REQUEST_TIMEOUT_MS) + "ms";
            m_settings[prefix + "max_missed_beacons"] = std::to_string(MAX_MISSED_BEACONS);
            m_settings[prefix + "propagation_loss"] =
                "LogDistance(exponent=3, reference_loss=46.6777dB@1m)";
            m_settings[prefix + "propagation_delay"] = "ConstantSpeed";
            break;
        }
        case DnnNetworkKind::Csma:
        {
            CsmaHelper csma;
            csma.SetChannelAttribute("DataRate",
                                     DataRateValue(DataRate(uint64_t(network.dataRate))));
            csma.SetChannelAttribute("Delay", TimeValue(Seconds(network.delay)));
            NodeContainer members;
            for (uint32_t member : network.members)
            {
                members.Add(m_nodes.Get(member));
            }
            devices = csma.Install(members);
            m_csmaDevices.Add(devices);
            break;
        }
        case DnnNetworkKind::P2p:
        {
            PointToPointHelper p2p;
            p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(uint64_t(network.dataRate))));
            p2p.SetChannelAttribute("Delay", TimeValue(Seconds(network.delay)));
            devices = p2p.Install(m_nodes.Get(network.members[0]), m_nodes.Get(network.members[1]));
            break;
        }
        }

        // Addressing: 10.(k+1).0.0/24, hosts in member order.
        const Ipv4Address subnet((10u << 24) | ((k + 1) << 16));
        Ipv4AddressHelper addresses;
        addresses.SetBase(subnet, Ipv4Mask("255.255.255.0"));
        const Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
        std::vector<Ipv4Address> memberAddresses;
        for (uint32_t i = 0; i < network.members.size(); ++i)
        {
            memberAddresses.push_back(interfaces.GetAddress(i));
            if (m_firstNetwork[network.members[i]] == DnnNetwork::NONE)
            {
                m_firstNetwork[network.members[i]] = k;
            }
        }
        m_netDevices.push_back(devices);
        m_members.push_back(network.members);
        m_addresses.push_back(std::move(memberAddresses));
        m_subnets.push_back(subnet);
        m_settings["ip." + network.name + ".subnet"] = SubnetText(subnet);
        NS_LOG_INFO("network " << network.name << " (" << DnnNetworkKindName(network.kind)
                               << "): " << SubnetText(subnet) << ", " << network.members.size()
                               << " members");
    }

    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    m_settings["ip.arp"] = "static: every neighbour entered (NeighborCacheHelper) once all "
                           "stations are associated";
    m_assoc->first.assign(station, Time::Max());
    if (station == 0)
    {
        Simulator::ScheduleNow(&DnnTopologyHelper::PopulateNeighborCaches);
        m_assoc->allAssociated = Seconds(0);
        if (!m_assoc->callback.IsNull() && !m_assoc->callbackDone)
        {
            m_assoc->callbackDone = true;
            Simulator::ScheduleNow(m_assoc->callback);
        }
    }
    return m_nodes;
}

void
DnnTopologyHelper::PopulateNeighborCaches()
{
    NS_LOG_INFO("static ARP entries for every neighbour at " << Simulator::Now().As(Time::MS));
    NeighborCacheHelper().PopulateNeighborCache();
}

void
DnnTopologyHelper::NotifyAssoc(Ptr<AssociationState> state, uint32_t station, Mac48Address bssid)
{
    NS_LOG_INFO("station " << station << " associated with " << bssid << " at "
                           << Simulator::Now().As(Time::MS));
    if (state->first[station] != Time::Max())
    {
        return; // a re-association
    }
    state->first[station] = Simulator::Now();
    if (++state->associated == state->first.size())
    {
        state->allAssociated = Simulator::Now();
        // After this event: the association's link-up flushes the station's ARP cache.
        Simulator::ScheduleNow(&DnnTopologyHelper::PopulateNeighborCaches);
        if (!state->callback.IsNull() && !state->callbackDone)
        {
            state->callbackDone = true;
            state->callback();
        }
    }
}

int64_t
DnnTopologyHelper::AssignStreams(int64_t stream)
{
    if (!m_installed)
    {
        throw std::logic_error("DnnTopologyHelper: AssignStreams() after Install()");
    }
    int64_t used = 0;
    WifiHelper wifi;
    used += wifi.AssignStreams(m_wifiDevices, stream + used);
    CsmaHelper csma;
    used += csma.AssignStreams(m_csmaDevices, stream + used);
    InternetStackHelper internet;
    used += internet.AssignStreams(m_nodes, stream + used);
    return used;
}

NodeContainer
DnnTopologyHelper::Nodes() const
{
    return m_nodes;
}

Ptr<Node>
DnnTopologyHelper::GetNode(uint32_t device) const
{
    if (device >= m_nodes.GetN())
    {
        throw std::out_of_range("DnnTopologyHelper: no device " + std::to_string(device));
    }
    return m_nodes.Get(device);
}

Ipv4Address
DnnTopologyHelper::Address(uint32_t device) const
{
    if (device >= m_firstNetwork.size() || m_firstNetwork[device] == DnnNetwork::NONE)
    {
        throw std::out_of_range("DnnTopologyHelper: device " + std::to_string(device) +
                                " is on no network");
    }
    return Address(device, m_firstNetwork[device]);
}

Ipv4Address
DnnTopologyHelper::Address(uint32_t device, uint32_t network) const
{
    if (network < m_members.size())
    {
        const auto& members = m_members[network];
        for (uint32_t i = 0; i < members.size(); ++i)
        {
            if (members[i] == device)
            {
                return m_addresses[network][i];
            }
        }
    }
    throw std::out_of_range("DnnTopologyHelper: device " + std::to_string(device) +
                            " is not on network " + std::to_string(network));
}

Ipv4Address
DnnTopologyHelper::Subnet(uint32_t network) const
{
    return m_subnets.at(network);
}

NetDeviceContainer
DnnTopologyHelper::NetworkDevices(uint32_t network) const
{
    return m_netDevices.at(network);
}

NetDeviceContainer
DnnTopologyHelper::WifiDevices() const
{
    return m_wifiDevices;
}

NetDeviceContainer
DnnTopologyHelper::WifiDevices(uint32_t device) const
{
    return m_wifiByDevice.at(device);
}

uint32_t
DnnTopologyHelper::StationCount() const
{
    return static_cast<uint32_t>(m_assoc->first.size());
}

uint32_t
DnnTopologyHelper::AssociatedCount() const
{
    return m_assoc->associated;
}

bool
DnnTopologyHelper::AllAssociated() const
{
    return m_installed && m_assoc->associated == m_assoc->first.size();
}

std::vector<std::string>
DnnTopologyHelper::UnassociatedStations(Time at) const
{
    std::vector<std::string> names;
    for (std::size_t station = 0; station < m_assoc->first.size(); ++station)
    {
        const std::string& name = m_stationNames.at(station);
        if (m_assoc->first[station] > at &&
            std::find(names.begin(), names.end(), name) == names.end())
        {
            names.push_back(name);
        }
    }
    return names;
}

Time
DnnTopologyHelper::AssociationTime() const
{
    return m_assoc->allAssociated;
}

void
DnnTopologyHelper::SetAssociatedCallback(Callback<void> callback)
{
    m_assoc->callback = callback;
    m_assoc->callbackDone = false;
    if (AllAssociated() && !callback.IsNull())
    {
        m_assoc->callbackDone = true;
        Simulator::ScheduleNow(callback);
    }
}

Time
DnnTopologyHelper::AssociationBound()
{
    return Seconds(DnnRunLimits::ASSOCIATION_BOUND_S);
}

std::map<std::string, std::string>
DnnTopologyHelper::Settings() const
{
    std::map<std::string, std::string> settings = m_settings;
    settings["tcp.segment_size"] = std::to_string(m_segmentSize);
    settings["tcp.snd_buf"] = std::to_string(m_sndBuf);
    settings["tcp.rcv_buf"] = std::to_string(m_rcvBuf);
    settings["tcp.variant"] = m_tcpVariant;
    settings["tcp.initial_cwnd"] = AttributeDefault("ns3::TcpSocket", "InitialCwnd");
    settings["tcp.delayed_ack_count"] = AttributeDefault("ns3::TcpSocket", "DelAckCount");
    settings["tcp.conn_timeout"] = AttributeDefault("ns3::TcpSocket", "ConnTimeout");
    settings["tcp.min_rto"] = AttributeDefault("ns3::TcpSocketBase", "MinRto");
    settings["tcp.sack"] = AttributeDefault("ns3::TcpSocketBase", "Sack");
    settings["tcp.timestamps"] = AttributeDefault("ns3::TcpSocketBase", "Timestamp");
    return settings;
}

} // namespace ns3
