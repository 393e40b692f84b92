/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/dnn-ack-manager.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-topology-helper.h"

#include "ns3/ampdu-subframe-header.h"
#include "ns3/ap-wifi-mac.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/config.h"
#include "ns3/error-model.h"
#include "ns3/frame-exchange-manager.h"
#include "ns3/ht-frame-exchange-manager.h"
#include "ns3/inet-socket-address.h"
#include "ns3/mgt-headers.h"
#include "ns3/mobility-model.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/udp-server.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-default-ack-manager.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

namespace
{

using namespace ns3;

/** Ends every test's simulation and forgets the node names, however the test ends. */
struct SimulationGuard
{
    ~SimulationGuard()
    {
        Simulator::Destroy();
        Names::Clear();
    }
};

DnnDevice
MakeDevice(const std::string& name, const std::string& profile, DnnDeviceRole role, double x,
           double y, double z)
{
    DnnDevice device;
    device.name = name;
    device.profile = *DnnDeviceProfile::FindBuiltin(profile);
    device.role = role;
    device.x = x;
    device.y = y;
    device.z = z;
    return device;
}

/** Device indices of the smart home. */
enum Home : uint32_t
{
    CAM0,
    CAM1,
    JET,
    EDGE,
    CLOUD,
    HELPER0,
    HELPER1,
};

/** Two cameras and a Jetson on Wi-Fi (the edge server is the access point), the cloud
 *  behind a 50 Mbit/s, 20 ms link from the edge, and two helpers on Ethernet with the edge.
 *  Networks: 0 wlan, 1 wan, 2 lan. */
DnnPlatform
SmartHome()
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("cam0", "rpi4", DnnDeviceRole::Iot, 5, 0, 1));
    platform.AddDevice(MakeDevice("cam1", "rpi4", DnnDeviceRole::Iot, 0, 6, 1));
    platform.AddDevice(MakeDevice("jet", "jetson-tx2", DnnDeviceRole::Helper, -4, -3, 1));
    platform.AddDevice(MakeDevice("edge", "edge-server", DnnDeviceRole::Edge, 0, 0, 2));
    platform.AddDevice(MakeDevice("cloud", "cloud-server", DnnDeviceRole::Cloud, 5000, 0, 0));
    platform.AddDevice(MakeDevice("helper0", "rpi4", DnnDeviceRole::Helper, 10, 10, 0));
    platform.AddDevice(MakeDevice("helper1", "rpi4", DnnDeviceRole::Helper, 12, 10, 0));
    platform.AddNetwork({"wlan", DnnNetworkKind::Wifi, {CAM0, CAM1, JET, EDGE}, EDGE, 200e6, 0});
    platform.AddNetwork({"wan", DnnNetworkKind::P2p, {EDGE, CLOUD}, DnnNetwork::NONE, 50e6, 0.02});
    platform.AddNetwork(
        {"lan", DnnNetworkKind::Csma, {HELPER0, HELPER1, EDGE}, DnnNetwork::NONE, 100e6, 1e-4});
    return platform;
}

/** A Wi-Fi network of an access point and one station 5 m away. */
DnnPlatform
OneStation(const std::string& standard, uint32_t width, const std::string& manager, uint32_t mcs)
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("ap", "edge-server", DnnDeviceRole::Edge, 0, 0, 0));
    platform.AddDevice(MakeDevice("sta", "rpi4", DnnDeviceRole::Iot, 5, 0, 0));
    DnnNetwork network{"wlan", DnnNetworkKind::Wifi, {0, 1}, 0, 100e6, 0};
    network.wifiStandard = standard;
    network.channelWidth = width;
    network.rateManager = manager;
    network.mcs = mcs;
    platform.AddNetwork(network);
    return platform;
}

/** A BulkSend of some bytes from one node to a PacketSink on another.
 *  \return the sink */
Ptr<PacketSink>
Transfer(DnnTopologyHelper& topology, uint32_t from, uint32_t to, uint64_t bytes, Time start,
         uint16_t port)
{
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(topology.GetNode(to));
    sink.Start(Seconds(0));
    BulkSendHelper sender("ns3::TcpSocketFactory", InetSocketAddress(topology.Address(to), port));
    sender.SetAttribute("MaxBytes", UintegerValue(bytes));
    sender.SetAttribute("SendSize", UintegerValue(16384));
    ApplicationContainer app = sender.Install(topology.GetNode(from));
    app.Start(start);
    return DynamicCast<PacketSink>(sink.Get(0));
}

TEST(TopologyHelperTest, OneNamedNodePerDeviceAtItsPosition)
{
    SimulationGuard guard;
    const DnnPlatform platform = SmartHome();
    DnnTopologyHelper topology;
    const NodeContainer nodes = topology.Install(platform);
    ASSERT_EQ(nodes.GetN(), platform.DeviceCount());
    ASSERT_EQ(topology.Nodes().GetN(), platform.DeviceCount());
    EXPECT_EQ(NodeList::GetNNodes(), platform.DeviceCount());
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        const DnnDevice& device = platform.Device(d);
        Ptr<Node> node = topology.GetNode(d);
        EXPECT_EQ(node, nodes.Get(d));
        EXPECT_EQ(node->GetId(), d); // device order
        EXPECT_EQ(Names::FindName(node), device.name);
        EXPECT_EQ(Names::Find<Node>(device.name), node);
        const Vector position = node->GetObject<MobilityModel>()->GetPosition();
        EXPECT_DOUBLE_EQ(position.x, device.x) << device.name;
        EXPECT_DOUBLE_EQ(position.y, device.y) << device.name;
        EXPECT_DOUBLE_EQ(position.z, device.z) << device.name;
    }
    EXPECT_THROW(topology.GetNode(platform.DeviceCount()), std::out_of_range);
}

TEST(TopologyHelperTest, SubnetPerNetworkAddressesInMemberOrder)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(SmartHome());
    EXPECT_EQ(topology.Subnet(0), Ipv4Address("10.1.0.0"));
    EXPECT_EQ(topology.Subnet(1), Ipv4Address("10.2.0.0"));
    EXPECT_EQ(topology.Subnet(2), Ipv4Address("10.3.0.0"));
    EXPECT_EQ(topology.Address(CAM0), Ipv4Address("10.1.0.1"));
    EXPECT_EQ(topology.Address(JET), Ipv4Address("10.1.0.3"));
    EXPECT_EQ(topology.Address(EDGE), Ipv4Address("10.1.0.4")); // its first network: wlan
    EXPECT_EQ(topology.Address(EDGE, 1), Ipv4Address("10.2.0.1"));
    EXPECT_EQ(topology.Address(EDGE, 2), Ipv4Address("10.3.0.3"));
    EXPECT_EQ(topology.Address(CLOUD), Ipv4Address("10.2.0.2"));
    EXPECT_EQ(topology.Address(HELPER1), Ipv4Address("10.3.0.2"));
    EXPECT_THROW(topology.Address(CLOUD, 0), std::out_of_range);

    const auto settings = topology.Settings();
    EXPECT_EQ(settings.at("ip.wan.subnet"), "10.2.0.0/24");
    EXPECT_EQ(settings.at("tcp.segment_size"), "1448");
    EXPECT_EQ(settings.at("tcp.snd_buf"), "1048576");
    EXPECT_EQ(settings.at("tcp.rcv_buf"), "1048576");
    EXPECT_EQ(settings.at("tcp.variant"), "ns3::TcpCubic");
    EXPECT_EQ(settings.at("tcp.initial_cwnd"), "10");
    EXPECT_EQ(settings.at("tcp.sack"), "true");
    EXPECT_EQ(settings.at("wifi.wlan.addba_response_timeout"), "50ms");
    EXPECT_EQ(settings.at("wifi.wlan.ack_manager")
                  .rfind(DnnRecipientAgreementCanBePending() ? "ns3::DnnAckManager"
                                                             : "ns3::WifiDefaultAckManager",
                         0),
              0u);
    EXPECT_EQ(settings.at("wifi.wlan.standard"), "80211ac");
    EXPECT_EQ(settings.at("wifi.wlan.channel_width"), "20");
    EXPECT_EQ(settings.at("wifi.wlan.rate_manager"), "ideal (ns3::IdealWifiManager)");
    EXPECT_EQ(settings.at("wifi.wlan.access_point"), "edge");
    EXPECT_EQ(settings.count("wifi.wan.standard"), 0u);
}

TEST(TopologyHelperTest, TcpSettersReachSettings)
{
    DnnTopologyHelper topology;
    topology.SetTcpSegmentSize(536);
    topology.SetTcpSendBufferSize(4096);
    topology.SetTcpReceiveBufferSize(8192);
    topology.SetTcpVariant("ns3::TcpNewReno");
    const auto settings = topology.Settings();
    EXPECT_EQ(settings.at("tcp.segment_size"), "536");
    EXPECT_EQ(settings.at("tcp.snd_buf"), "4096");
    EXPECT_EQ(settings.at("tcp.rcv_buf"), "8192");
    EXPECT_EQ(settings.at("tcp.variant"), "ns3::TcpNewReno");
    EXPECT_THROW(topology.SetTcpVariant("ns3::TcpNoSuchThing"), std::invalid_argument);
    EXPECT_THROW(topology.SetTcpVariant("ns3::Node"), std::invalid_argument);
    EXPECT_THROW(topology.SetTcpSegmentSize(0), std::invalid_argument);
}

TEST(TopologyHelperTest, WifiDevicesPerNetworkAndPerNode)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(SmartHome());
    const NetDeviceContainer wifi = topology.WifiDevices();
    ASSERT_EQ(wifi.GetN(), 4u);
    EXPECT_EQ(topology.StationCount(), 3u);
    for (uint32_t d : {CAM0, CAM1, JET})
    {
        ASSERT_EQ(topology.WifiDevices(d).GetN(), 1u);
        auto device = DynamicCast<WifiNetDevice>(topology.WifiDevices(d).Get(0));
        ASSERT_TRUE(device);
        EXPECT_EQ(device->GetNode(), topology.GetNode(d));
        EXPECT_TRUE(DynamicCast<StaWifiMac>(device->GetMac()));
    }
    ASSERT_EQ(topology.WifiDevices(EDGE).GetN(), 1u);
    EXPECT_TRUE(DynamicCast<ApWifiMac>(
        DynamicCast<WifiNetDevice>(topology.WifiDevices(EDGE).Get(0))->GetMac()));
    for (uint32_t i = 0; i < wifi.GetN(); ++i)
    {
        Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(wifi.Get(i))->GetMac();
        // DnnAckManager only where ns-3 has the fault it works around.
        EXPECT_EQ(bool(DynamicCast<DnnAckManager>(mac->GetFrameExchangeManager()->GetAckManager())),
                  DnnRecipientAgreementCanBePending());
    }
    EXPECT_EQ(topology.WifiDevices(CLOUD).GetN(), 0u);
    EXPECT_EQ(topology.WifiDevices(HELPER0).GetN(), 0u);
    EXPECT_EQ(topology.NetworkDevices(2).GetN(), 3u); // the CSMA segment
    EXPECT_EQ(topology.NetworkDevices(2).Get(2)->GetNode(), topology.GetNode(EDGE));
}

TEST(TopologyHelperTest, EveryStationAssociatesWithinTheBound)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(SmartHome());
    uint32_t calls = 0;
    Time calledAt = Time::Max();
    topology.SetAssociatedCallback(Callback<void>(
        [&]()
        {
            ++calls;
            calledAt = Simulator::Now();
        }));
    EXPECT_FALSE(topology.AllAssociated());
    EXPECT_EQ(topology.AssociationTime(), Time::Max());
    EXPECT_EQ(topology.UnassociatedStations(Seconds(0)),
              (std::vector<std::string>{"cam0", "cam1", "jet"}));
    Simulator::Stop(Seconds(0.5));
    Simulator::Run();
    EXPECT_EQ(topology.UnassociatedStations(DnnTopologyHelper::AssociationBound()),
              std::vector<std::string>());
    EXPECT_EQ(topology.UnassociatedStations(Seconds(0)).size(), 3u); // none by time 0
    EXPECT_EQ(topology.AssociatedCount(), 3u);
    EXPECT_TRUE(topology.AllAssociated());
    EXPECT_GT(topology.AssociationTime(), Seconds(0));
    EXPECT_LE(topology.AssociationTime(), DnnTopologyHelper::AssociationBound());
    EXPECT_EQ(calls, 1u);
    EXPECT_EQ(calledAt, topology.AssociationTime());
    // Measured: the last of the three stations associates at 52.06 ms (active probing: the
    // 50 ms probe-request timeout, then the association exchange). With 3 stations over
    // RngRun 1-1000, 73 % of runs end at ~52 ms, 26 % at ~101 ms (a collided probe request:
    // one more scan), the rest at ~151 ms; with 30 stations, at most 209 ms over 50 runs.
    // Hence the 250 ms bound.
    std::cout << "all 3 stations associated at " << topology.AssociationTime().As(Time::MS)
              << std::endl;
}

/** A station 5 km from its access point never hears it: not associated by the bound. */
TEST(TopologyHelperTest, StationOutOfRangeIsNotAssociated)
{
    SimulationGuard guard;
    DnnPlatform withFar;
    withFar.AddDevice(MakeDevice("ap", "edge-server", DnnDeviceRole::Edge, 0, 0, 0));
    withFar.AddDevice(MakeDevice("near", "rpi4", DnnDeviceRole::Iot, 5, 0, 0));
    withFar.AddDevice(MakeDevice("far", "rpi4", DnnDeviceRole::Iot, 5000, 0, 0));
    withFar.AddNetwork({"wlan", DnnNetworkKind::Wifi, {0, 1, 2}, 0, 100e6, 0});
    DnnTopologyHelper topology;
    topology.Install(withFar);
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_EQ(topology.AssociatedCount(), 1u);
    EXPECT_FALSE(topology.AllAssociated());
    EXPECT_EQ(topology.UnassociatedStations(DnnTopologyHelper::AssociationBound()),
              std::vector<std::string>{"far"});
}

TEST(TopologyHelperTest, NoStationMeansAssociatedAtZero)
{
    SimulationGuard guard;
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("a", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
    platform.AddDevice(MakeDevice("b", "rpi4", DnnDeviceRole::Edge, 0, 0, 0));
    platform.AddNetwork({"link", DnnNetworkKind::P2p, {0, 1}, DnnNetwork::NONE, 1e6, 0});
    DnnTopologyHelper topology;
    EXPECT_FALSE(topology.AllAssociated()); // nothing installed yet
    topology.Install(platform);
    EXPECT_TRUE(topology.AllAssociated());
    EXPECT_EQ(topology.AssociationTime(), Seconds(0));
    bool called = false;
    topology.SetAssociatedCallback(Callback<void>([&]() { called = true; }));
    Simulator::Run();
    EXPECT_TRUE(called);
}

TEST(TopologyHelperTest, StationReachesCloudAndEthernetHelperReachesStation)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(SmartHome());
    const Time start = DnnTopologyHelper::AssociationBound();
    const uint64_t bytes = 200000;
    // Wi-Fi station -> AP -> WAN -> cloud, and back the other way.
    Ptr<PacketSink> atCloud = Transfer(topology, CAM0, CLOUD, bytes, start, 5000);
    Ptr<PacketSink> fromCloud = Transfer(topology, CLOUD, JET, bytes, start, 5001);
    // Ethernet helper -> edge -> Wi-Fi station.
    Ptr<PacketSink> atCamera = Transfer(topology, HELPER0, CAM1, bytes, start, 5002);
    // Station to station, relayed by the access point.
    Ptr<PacketSink> atJetson = Transfer(topology, CAM1, JET, bytes, start, 5003);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(atCloud->GetTotalRx(), bytes);
    EXPECT_EQ(fromCloud->GetTotalRx(), bytes);
    EXPECT_EQ(atCamera->GetTotalRx(), bytes);
    EXPECT_EQ(atJetson->GetTotalRx(), bytes);
}

/**
 * Send \p bytes by BulkSend from device 0 to device 1 from 0.1 s on, run until \p stop and
 * return the seconds from the start to the last byte (checks that every byte arrived).
 */
double
TimedTransfer(DnnTopologyHelper& topology, uint64_t bytes, Time stop)
{
    const Time start = Seconds(0.1);
    Ptr<PacketSink> sink = Transfer(topology, 0, 1, bytes, start, 6000);
    Time done = Time::Max();
    std::function<void(Ptr<const Packet>, const ns3::Address&)> onRx =
        [&](Ptr<const Packet>, const ns3::Address&)
    {
        if (sink->GetTotalRx() == bytes)
        {
            done = Simulator::Now();
        }
    };
    sink->TraceConnectWithoutContext("Rx",
                                     Callback<void, Ptr<const Packet>, const ns3::Address&>(onRx));
    Simulator::Stop(stop);
    Simulator::Run();
    EXPECT_EQ(sink->GetTotalRx(), bytes);
    return (done - start).GetSeconds();
}

TEST(TopologyHelperTest, TenMegabytesOverHundredMbpsPointToPoint)
{
    SimulationGuard guard;
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("a", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
    platform.AddDevice(MakeDevice("b", "edge-server", DnnDeviceRole::Edge, 10, 0, 0));
    platform.AddNetwork({"link", DnnNetworkKind::P2p, {0, 1}, DnnNetwork::NONE, 100e6, 0.001});
    DnnTopologyHelper topology;
    topology.Install(platform);
    const uint64_t bytes = 10000000;
    const double seconds = TimedTransfer(topology, bytes, Seconds(1.5));
    const double share = bytes * 8.0 / seconds / 100e6;
    // Measured: 0.834 s from the SYN to the last byte, a goodput of 95.9 % of the link rate
    // (1448 payload bytes in 1502 on the wire, 96.4 %, less the handshake and slow start).
    std::cout << "10 MB over 100 Mbit/s, 1 ms: " << seconds << " s, goodput share " << share
              << std::endl;
    EXPECT_GE(seconds, 0.8);
    EXPECT_LE(seconds, 0.9);
}

TEST(TopologyHelperTest, EveryStandardAndRateManagerCarriesTraffic)
{
    struct Case
    {
        std::string standard;
        uint32_t width;
        std::string manager;
        uint32_t mcs;
        std::string dataMode; // constant only
    };
    const std::vector<Case> cases{
        {"80211n", 20, "minstrel", 0, ""},         {"80211n", 40, "constant", 7, "HtMcs7"},
        {"80211ac", 80, "ideal", 0, ""},           {"80211ac", 40, "minstrel", 0, ""},
        {"80211ac", 20, "constant", 8, "VhtMcs8"}, {"80211ax", 20, "ideal", 0, ""},
        {"80211ax", 80, "minstrel", 0, ""},        {"80211ax", 40, "constant", 11, "HeMcs11"},
    };
    for (const Case& c : cases)
    {
        SCOPED_TRACE(c.standard + " " + std::to_string(c.width) + " MHz " + c.manager);
        SimulationGuard guard;
        DnnTopologyHelper topology;
        topology.Install(OneStation(c.standard, c.width, c.manager, c.mcs));
        topology.AssignStreams(1);
        const auto settings = topology.Settings();
        EXPECT_EQ(settings.at("wifi.wlan.standard"), c.standard);
        EXPECT_EQ(settings.at("wifi.wlan.channel_width"), std::to_string(c.width));
        if (!c.dataMode.empty())
        {
            EXPECT_EQ(settings.at("wifi.wlan.data_mode"), c.dataMode);
        }
        // The modes of the station's data frames (QoS data, not management or control).
        std::map<std::string, uint32_t> dataModes;
        Callback<void, Ptr<const Packet>, uint16_t, WifiTxVector, MpduInfo, uint16_t> sniff(
            [&](Ptr<const Packet> packet, uint16_t, WifiTxVector tx, MpduInfo mpdu, uint16_t)
            {
                Ptr<Packet> copy = packet->Copy();
                if (mpdu.type != NORMAL_MPDU)
                {
                    AmpduSubframeHeader subframe;
                    copy->RemoveHeader(subframe);
                }
                WifiMacHeader header;
                if (copy->PeekHeader(header) && header.IsQosData())
                {
                    ++dataModes[tx.GetMode().GetUniqueName()];
                }
            });
        DynamicCast<WifiNetDevice>(topology.WifiDevices(1).Get(0))
            ->GetPhy()
            ->TraceConnectWithoutContext("MonitorSnifferTx", sniff);
        const uint64_t bytes = 300000;
        Ptr<PacketSink> sink =
            Transfer(topology, 1, 0, bytes, DnnTopologyHelper::AssociationBound(), 7000);
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        EXPECT_TRUE(topology.AllAssociated());
        EXPECT_LE(topology.AssociationTime(), DnnTopologyHelper::AssociationBound());
        EXPECT_EQ(sink->GetTotalRx(), bytes);
        if (!c.dataMode.empty())
        {
            EXPECT_EQ(dataModes.size(), 1u);
            EXPECT_GT(dataModes[c.dataMode], 0u);
        }
    }
}

/** A Wi-Fi network of an access point and some stations on a 5 m circle around it. */
DnnPlatform
StationCircle(uint32_t stations)
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("ap", "edge-server", DnnDeviceRole::Edge, 0, 0, 0));
    DnnNetwork network{"wlan", DnnNetworkKind::Wifi, {0}, 0, 100e6, 0};
    for (uint32_t s = 0; s < stations; ++s)
    {
        const double angle = 2 * M_PI * s / stations;
        platform.AddDevice(MakeDevice("sta" + std::to_string(s), "rpi4", DnnDeviceRole::Iot,
                                      5 * std::cos(angle), 5 * std::sin(angle), 0));
        network.members.push_back(s + 1);
    }
    network.wifiStandard = "80211ac";
    network.channelWidth = 40;
    platform.AddNetwork(network);
    return platform;
}

/**
 * No MPDU is dropped for an exhausted retry limit, nor as "old" behind its Block Ack
 * window, in a busy cell: six stations each send 2 MB over TCP to the next one (every byte
 * relayed by the access point), all at once. ns-3.37 counts retries per access category
 * (WifiRemoteStationManager's SSRC), not per frame, and only a Normal Ack, a CTS or a
 * discarded frame resets the count: a received Block Ack does not. A-MPDUs whose Block Ack
 * was missed push the count up to the default limit of 7, and the next lone MPDU (sent with
 * Normal Ack, e.g. a TCP SYN-ACK) whose first attempt fails is discarded at once; the Block
 * Ack manager then moves its window past it and reports it "old" as well. The helper raises
 * the limit (MaxSsrc, MaxSlrc) so that only the MSDU lifetime ends a frame's tries.
 * Measured with the default limit of 7: 16 of RngRun 1-20 drop 1 to 4 MPDUs this way (run
 * 1, this test's: 3), each after a single attempt; with the helper's limit none does, and
 * the 12 MB arrive about as fast (run 1: 1.503 s instead of 1.496 s, 64 Mbit/s).
 */
TEST(TopologyHelperTest, BusyCellDropsNoMpduForTheRetryLimit)
{
    SimulationGuard guard;
    const uint32_t stations = 6;
    DnnTopologyHelper topology;
    topology.Install(StationCircle(stations));
    topology.AssignStreams(1);
    // The release's largest limit: the station manager's MaxSsrc/MaxSlrc (UINT32_MAX) before
    // ns-3.44, WifiMac's FrameRetryLimit (65535) from then on.
    const std::string limit = std::to_string(DnnMaxRetryLimit());
    if (DnnRetryLimitIsTheMacs())
    {
        EXPECT_EQ(topology.Settings().at("wifi.wlan.frame_retry_limit"), limit);
    }
    else
    {
        EXPECT_EQ(topology.Settings().at("wifi.wlan.max_ssrc"), limit);
        EXPECT_EQ(topology.Settings().at("wifi.wlan.max_slrc"), limit);
    }
    std::map<WifiMacDropReason, uint32_t> drops;
    const NetDeviceContainer devices = topology.WifiDevices();
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(devices.Get(i))->GetMac();
        mac->TraceConnectWithoutContext("DroppedMpdu",
                                        Callback<void, WifiMacDropReason, Ptr<const WifiMpdu>>(
                                            [&](WifiMacDropReason reason, Ptr<const WifiMpdu>)
                                            { ++drops[reason]; }));
    }
    constexpr uint64_t bytes = 2000000;
    std::vector<Ptr<PacketSink>> sinks;
    for (uint32_t s = 0; s < stations; ++s)
    {
        sinks.push_back(Transfer(topology, 1 + s, 1 + (s + 1) % stations, bytes,
                                 DnnTopologyHelper::AssociationBound(), 6000 + s));
    }
    Time last;
    for (uint32_t s = 0; s < stations; ++s)
    {
        // The callback reaches its sink through the vector: a Ptr captured in it would keep
        // the sink alive from inside its own trace source, a cycle that leaks it.
        sinks[s]->TraceConnectWithoutContext(
            "Rx", Callback<void, Ptr<const Packet>, const Address&>(
                      [&last, &sinks, s](Ptr<const Packet>, const Address&)
                      {
                          if (sinks[s]->GetTotalRx() == bytes)
                          {
                              last = Simulator::Now();
                          }
                      }));
    }
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(drops[WIFI_MAC_DROP_REACHED_RETRY_LIMIT], 0u);
    EXPECT_EQ(drops[WIFI_MAC_DROP_QOS_OLD_PACKET], 0u);
    for (uint32_t s = 0; s < stations; ++s)
    {
        EXPECT_EQ(sinks[s]->GetTotalRx(), bytes) << "to sta" << (s + 1) % stations;
    }
    const Time took = last - DnnTopologyHelper::AssociationBound();
    std::cout << "drops: retry limit " << drops[WIFI_MAC_DROP_REACHED_RETRY_LIMIT] << ", old "
              << drops[WIFI_MAC_DROP_QOS_OLD_PACKET] << ", lifetime "
              << drops[WIFI_MAC_DROP_EXPIRED_LIFETIME] << "; " << stations << " x " << bytes
              << " bytes in " << took.As(Time::MS) << " ("
              << 8.0 * stations * bytes / took.GetSeconds() / 1e6 << " Mbit/s)" << std::endl;
}

/**
 * The largest Wi-Fi network we support (DnnRunLimits::MAX_WIFI_STATIONS, 64 stations): every
 * station associates before AssociationBound(), none ever drops its association, and each
 * then sends 100 kB over TCP to the access point, all at once, which all arrive. One station
 * more is refused. Measured (RngRun 1): the last station associates at 213 ms; about 4 s of
 * wall-clock time in Release. That holds for ns-3.37 only: on ns-3.48 the stations associate
 * one after another, the last at 1,120 ms (the 30 of scenarios/stress.json within 74 ms), so the
 * transfers start at 1.5 s there and the bound checked is that (the module's runs start at
 * AssociationBound() on every release: a late station is listed in summary.json's
 * "unassociated_at_start").
 */
TEST(TopologyHelperTest, LargestWifiNetworkAssociatesWithinTheBoundAndDelivers)
{
    SimulationGuard guard;
    const uint32_t stations = DnnRunLimits::MAX_WIFI_STATIONS;
    EXPECT_EQ(stations, 64u);
    {
        DnnTopologyHelper tooMany;
        EXPECT_THROW(tooMany.Install(StationCircle(stations + 1)), std::invalid_argument);
    }
    DnnTopologyHelper topology;
    topology.Install(StationCircle(stations));
    topology.AssignStreams(1);
    uint32_t deassociations = 0;
    const NetDeviceContainer devices = topology.WifiDevices();
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        DynamicCast<WifiNetDevice>(devices.Get(i))
            ->GetMac()
            ->TraceConnectWithoutContext(
                "DeAssoc", Callback<void, Mac48Address>([&deassociations](Mac48Address)
                                                        { ++deassociations; }));
    }
    constexpr uint64_t bytes = 100000;
    const Time associated =
        DNN_NS3_VERSION_MINOR < 38 ? DnnTopologyHelper::AssociationBound() : Seconds(1.5);
    std::vector<Ptr<PacketSink>> sinks;
    for (uint32_t s = 0; s < stations; ++s)
    {
        sinks.push_back(Transfer(topology, 1 + s, 0, bytes, associated, 7000 + s));
    }
    Simulator::Stop(associated + Seconds(4));
    Simulator::Run();
    EXPECT_EQ(topology.AssociatedCount(), stations);
    EXPECT_LE(topology.AssociationTime(), associated);
    EXPECT_EQ(deassociations, 0u);
    for (uint32_t s = 0; s < stations; ++s)
    {
        EXPECT_EQ(sinks[s]->GetTotalRx(), bytes) << "from sta" << s;
    }
    std::cout << "all " << stations << " stations associated at "
              << topology.AssociationTime().As(Time::MS) << std::endl;
}

/** At a station: corrupts every Beacon and Association Response it receives until a given
 *  time, so that it waits for its association response for longer than ns-3's default
 *  beacon watchdog (10 beacon intervals, 1.024 s). */
class LoseBeaconsAndAssocResponses : public ErrorModel
{
  public:
    Time m_until;       //!< corrupt nothing from this time on
    uint32_t m_lost{0}; //!< frames corrupted

    /** Notes the packets of the Beacons and Association Responses an access point sends. The
     *  receiver's error model is given the MPDU with its MAC header in ns-3.37 but only its
     *  payload from ns-3.43, so frames are told apart at the sender, by packet uid (a copy
     *  keeps it). \param ap the access point's PHY */
    void WatchSender(Ptr<WifiPhy> ap)
    {
        ap->TraceConnectWithoutContext("PhyTxBegin",
                                       Callback<void, Ptr<const Packet>, double>(
                                           [this](Ptr<const Packet> packet, double)
                                           {
                                               WifiMacHeader header;
                                               if (packet->PeekHeader(header) != 0 &&
                                                   (header.IsBeacon() || header.IsAssocResp()))
                                               {
                                                   m_uids.insert(packet->GetUid());
                                               }
                                           }));
    }

  private:
    bool DoCorrupt(Ptr<Packet> packet) override
    {
        if (Simulator::Now() >= m_until || m_uids.count(packet->GetUid()) == 0)
        {
            return false;
        }
        ++m_lost;
        return true;
    }

    void DoReset() override {}

    std::set<uint64_t> m_uids; //!< the uids of the packets to corrupt
};

/**
 * A station that misses beacons keeps its association and does not abort. With ns-3's
 * default MaxMissedBeacons (10), a station that hears no beacon for 1.024 s drops its
 * association (StaWifiMac::Disassociated), which clears its BSSID but leaves its association
 * request timer running; ns-3.37 then aborts with "No BSSID set for the link on which the
 * (Re)Association Request is to be sent" (ns-3 issue #862, fixed in 3.39). That is what ended
 * runs of 50-odd busy stations after 14-70 s. Here the station loses every Beacon and
 * Association Response for its first 1.5 s, while it waits for its association response
 * (the watchdog runs then too): it associates once they get through, and never drops it.
 */
TEST(TopologyHelperTest, StationThatMissesBeaconsKeepsTryingWithoutAbort)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(OneStation("80211ac", 40, "ideal", 0));
    topology.AssignStreams(1);
    EXPECT_EQ(topology.Settings().at("wifi.wlan.max_missed_beacons"), "4294967295");
    auto sta = DynamicCast<WifiNetDevice>(topology.WifiDevices(1).Get(0));
    UintegerValue missed;
    sta->GetMac()->GetAttribute("MaxMissedBeacons", missed);
    EXPECT_EQ(missed.Get(), 4294967295u);
    auto lose = CreateObject<LoseBeaconsAndAssocResponses>();
    lose->m_until = Seconds(1.5);
    lose->WatchSender(DynamicCast<WifiNetDevice>(topology.WifiDevices(0).Get(0))->GetPhy());
    sta->GetPhy()->SetPostReceptionErrorModel(lose);
    uint32_t deassociations = 0;
    sta->GetMac()->TraceConnectWithoutContext(
        "DeAssoc",
        Callback<void, Mac48Address>([&deassociations](Mac48Address) { ++deassociations; }));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_GT(lose->m_lost, 10u); // beacons and responses for 1.5 s
    EXPECT_TRUE(topology.AllAssociated());
    EXPECT_GE(topology.AssociationTime(), Seconds(1.5));
    EXPECT_LT(topology.AssociationTime(), Seconds(1.6));
    EXPECT_EQ(deassociations, 0u);
    EXPECT_TRUE(DynamicCast<StaWifiMac>(sta->GetMac())->IsAssociated());
}

#if DNN_NS3_RECIPIENT_AGREEMENT_CAN_BE_PENDING
// ns-3.37's fault and DnnAckManager's workaround (from ns-3.38 the recipient creates its
// agreement when it sends the ADDBA Response, and the topology helper does not install
// DnnAckManager).

/** At a station: corrupts the Acks of its ADDBA Responses (as collisions would) until told
 *  to stop. */
class LoseAddBaResponseAcks : public ErrorModel
{
  public:
    /** Corrupt the next Ack unless stopped (called when an ADDBA Response leaves). */
    void Arm() { m_armed = !m_stopped; }

    bool m_stopped{false}; //!< corrupt no more Acks
    uint32_t m_lost{0};    //!< Acks corrupted

  private:
    bool DoCorrupt(Ptr<Packet> packet) override
    {
        WifiMacHeader header;
        if (!m_armed || packet->PeekHeader(header) == 0 || !header.IsAck())
        {
            return false;
        }
        m_armed = false;
        ++m_lost;
        return true;
    }

    void DoReset() override {}

    bool m_armed{false}; //!< the next Ack is corrupted
};

/** What LostAddBaResponseAcks saw. */
struct LostAckRun
{
    uint32_t lostAcks{0};               //!< ADDBA Response Acks corrupted at the station
    uint32_t ampdusWithoutAgreement{0}; //!< A-MPDUs (Block Ack policy) it received meanwhile
    uint32_t blockAckReqs{0};           //!< BlockAckReqs the access point sent
    uint64_t received{0};               //!< datagrams the station received (duplicates too)
    uint32_t lost{0};                   //!< datagrams the station never received
    bool answered{false};               //!< the access point's DnnAckManager saw the station's BA
    bool implicitBarWithoutAgreement{false}; //!< an Implicit-BAR A-MPDU left for the station
                                             //!< while it had no agreement (run stopped)
};

/**
 * The access point sends 1,000 datagrams of 1,400 bytes over UDP, one every 100 us, to a
 * station 5 m away (802.11ac, 40 MHz), whose PHY loses the Acks of its ADDBA Responses
 * until the access point has sent it an A-MPDU: the access point has the Block Ack
 * agreement (it got the Response), the station keeps it pending until an Ack of a retried
 * Response arrives. If that A-MPDU carries Implicit BAR (Normal Ack policy), it records
 * implicitBarWithoutAgreement and stops the simulation there (no exception: unwinding through
 * ns-3's frames would leak what they hold). ns-3.37 would then fault at the station: each of its
 * MPDUs, received outside an agreement, gets a Normal Ack a SIFS after it
 * (QosFrameExchangeManager:: ReceiveMpdu), which cuts the reception of a long A-MPDU short; if the
 * A-MPDU ends before that, HtFrameExchangeManager::EndReceiveAmpdu dereferences m_agreements.end()
 * (std::bad_alloc, or worse).
 * \param defaultAckManager give the access point WifiDefaultAckManager instead of the
 *        helper's DnnAckManager
 */
LostAckRun
LostAddBaResponseAcks(bool defaultAckManager)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    topology.Install(OneStation("80211ac", 40, "ideal", 0));
    topology.AssignStreams(1);
    auto ap = DynamicCast<WifiNetDevice>(topology.WifiDevices(0).Get(0));
    auto sta = DynamicCast<WifiNetDevice>(topology.WifiDevices(1).Get(0));
    auto apAck =
        DynamicCast<DnnAckManager>(ap->GetMac()->GetFrameExchangeManager()->GetAckManager());
    EXPECT_TRUE(apAck);
    if (defaultAckManager)
    {
        auto plain = CreateObject<WifiDefaultAckManager>();
        plain->SetWifiMac(ap->GetMac());
        plain->SetLinkId(0);
        ap->GetMac()->GetFrameExchangeManager()->SetAckManager(plain);
    }
    auto lose = CreateObject<LoseAddBaResponseAcks>();
    sta->GetPhy()->SetPostReceptionErrorModel(lose);

    LostAckRun run;
    const Mac48Address staAddress = sta->GetMac()->GetAddress();
    auto staFem = DynamicCast<HtFrameExchangeManager>(sta->GetMac()->GetFrameExchangeManager());
    const auto strip = [](Ptr<const Packet> packet, MpduInfo mpdu)
    {
        Ptr<Packet> copy = packet->Copy();
        if (mpdu.type != NORMAL_MPDU)
        {
            AmpduSubframeHeader subframe;
            copy->RemoveHeader(subframe);
        }
        return copy;
    };
    Callback<void, Ptr<const Packet>, uint16_t, WifiTxVector, MpduInfo, uint16_t> staTx(
        [&](Ptr<const Packet> packet, uint16_t, WifiTxVector, MpduInfo mpdu, uint16_t)
        {
            Ptr<Packet> copy = strip(packet, mpdu);
            WifiMacHeader header;
            copy->RemoveHeader(header);
            if (!header.IsAction())
            {
                return;
            }
            WifiActionHeader action;
            copy->PeekHeader(action);
            if (action.GetCategory() == WifiActionHeader::BLOCK_ACK &&
                action.GetAction().blockAck == WifiActionHeader::BLOCK_ACK_ADDBA_RESPONSE)
            {
                lose->Arm();
            }
        });
    sta->GetPhy()->TraceConnectWithoutContext("MonitorSnifferTx", staTx);
    // The station's state when an A-MPDU to it starts (nothing else is on the air then).
    Callback<void, Ptr<const Packet>, uint16_t, WifiTxVector, MpduInfo, uint16_t> apTx(
        [&](Ptr<const Packet> packet, uint16_t, WifiTxVector, MpduInfo mpdu, uint16_t)
        {
            WifiMacHeader header;
            strip(packet, mpdu)->PeekHeader(header);
            run.blockAckReqs += header.IsBlockAckReq() ? 1 : 0;
            if (mpdu.type != FIRST_MPDU_IN_AGGREGATE || !header.IsQosData() ||
                header.GetAddr1() != staAddress)
            {
                return;
            }
            lose->m_stopped = true;
            if (header.GetQosAckPolicy() == WifiMacHeader::NORMAL_ACK &&
                !staFem->GetBaAgreementEstablished(header.GetAddr2(), header.GetQosTid()))
            {
                run.implicitBarWithoutAgreement = true;
                Simulator::Stop();
            }
        });
    ap->GetPhy()->TraceConnectWithoutContext("MonitorSnifferTx", apTx);
    // MonitorSnifferRx fires after every MPDU of an A-MPDU went through ReceiveMpdu and
    // before EndReceiveAmpdu (PhyEntity::EndReceivePayload).
    Callback<void, Ptr<const Packet>, uint16_t, WifiTxVector, MpduInfo, SignalNoiseDbm, uint16_t>
        staRx(
            [&](Ptr<const Packet> packet, uint16_t, WifiTxVector, MpduInfo mpdu, SignalNoiseDbm,
                uint16_t)
            {
                if (mpdu.type != LAST_MPDU_IN_AGGREGATE)
                {
                    return;
                }
                WifiMacHeader header;
                strip(packet, mpdu)->PeekHeader(header);
                if (header.IsQosData() && header.GetAddr1() == staAddress &&
                    !staFem->GetBaAgreementEstablished(header.GetAddr2(), header.GetQosTid()))
                {
                    ++run.ampdusWithoutAgreement;
                }
            });
    sta->GetPhy()->TraceConnectWithoutContext("MonitorSnifferRx", staRx);

    UdpServerHelper serverHelper(7000);
    ApplicationContainer server = serverHelper.Install(topology.GetNode(1));
    UdpClientHelper client(topology.Address(1), 7000);
    client.SetAttribute("MaxPackets", UintegerValue(1000));
    client.SetAttribute("Interval", TimeValue(MicroSeconds(100)));
    client.SetAttribute("PacketSize", UintegerValue(1400));
    client.Install(topology.GetNode(0)).Start(DnnTopologyHelper::AssociationBound());
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    run.lostAcks = lose->m_lost;
    run.received = DynamicCast<UdpServer>(server.Get(0))->GetReceived();
    run.lost = DynamicCast<UdpServer>(server.Get(0))->GetLost();
    run.answered = apAck && apAck->HasBlockAckFrom(staAddress, 0);
    return run;
}

/**
 * ns-3.37's EndReceiveAmpdu fault (std::bad_alloc in 2 of 12 points of a Wi-Fi sweep) and
 * the helper's workaround, DnnAckManager. With WifiDefaultAckManager, the access point's
 * first A-MPDU after the lost Ack carries Implicit BAR to the station that has no agreement
 * yet (the test stops the simulation as it leaves). With DnnAckManager it carries the Block
 * Ack policy, the station receives it whole and lets EndReceiveAmpdu pass, and the
 * BlockAckReq after it goes unanswered until the station's agreement is established; then
 * the station answers, the access point switches to Implicit BAR, and every datagram
 * arrives (a few twice: delivered outside the agreement, then again within it).
 */
TEST(TopologyHelperTest, AmpduBeforeTheRecipientHasItsAgreementIsSafe)
{
    EXPECT_TRUE(LostAddBaResponseAcks(true).implicitBarWithoutAgreement);

    const LostAckRun run = LostAddBaResponseAcks(false);
    EXPECT_FALSE(run.implicitBarWithoutAgreement);
    EXPECT_GT(run.lostAcks, 0u);
    EXPECT_GT(run.ampdusWithoutAgreement, 0u); // the fault's window was hit
    EXPECT_GT(run.blockAckReqs, 0u);
    EXPECT_TRUE(run.answered);
    EXPECT_GE(run.received, 1000u);
    EXPECT_EQ(run.lost, 0u);
    std::cout << "lost ADDBA Response Acks " << run.lostAcks << ", A-MPDUs without agreement "
              << run.ampdusWithoutAgreement << ", BlockAckReqs " << run.blockAckReqs
              << ", datagrams received " << run.received << std::endl;
}
#endif

/** Expect Install() to throw std::invalid_argument whose message contains some text, and
 *  to create no node. */
void
ExpectRejected(const DnnPlatform& platform, const std::string& text)
{
    SimulationGuard guard;
    DnnTopologyHelper topology;
    try
    {
        topology.Install(platform);
        ADD_FAILURE() << "accepted; expected an error containing \"" << text << "\"";
    }
    catch (const std::invalid_argument& error)
    {
        EXPECT_NE(std::string(error.what()).find(text), std::string::npos) << error.what();
    }
    EXPECT_EQ(NodeList::GetNNodes(), 0u);
}

TEST(TopologyHelperTest, BadPlatformsAreRejected)
{
    const auto withWifi = [](const std::function<void(DnnNetwork&)>& change)
    {
        DnnPlatform platform;
        platform.AddDevice(MakeDevice("ap", "edge-server", DnnDeviceRole::Edge, 0, 0, 0));
        platform.AddDevice(MakeDevice("sta", "rpi4", DnnDeviceRole::Iot, 5, 0, 0));
        DnnNetwork network{"wlan", DnnNetworkKind::Wifi, {0, 1}, 0, 100e6, 0};
        change(network);
        platform.AddNetwork(network);
        return platform;
    };
    ExpectRejected(withWifi([](DnnNetwork& n) { n.wifiStandard = "80211g"; }),
                   "network \"wlan\": unknown Wi-Fi standard \"80211g\" (one of \"80211ac\", "
                   "\"80211ax\", \"80211n\")");
    ExpectRejected(withWifi([](DnnNetwork& n) { n.channelWidth = 30; }),
                   "80211ac has no 30 MHz channel (one of 20, 40, 80, 160)");
    ExpectRejected(withWifi(
                       [](DnnNetwork& n)
                       {
                           n.wifiStandard = "80211n";
                           n.channelWidth = 80;
                       }),
                   "80211n has no 80 MHz channel");
    ExpectRejected(withWifi([](DnnNetwork& n) { n.rateManager = "arf"; }),
                   "unknown rate manager \"arf\"");
    ExpectRejected(withWifi(
                       [](DnnNetwork& n)
                       {
                           n.rateManager = "constant";
                           n.mcs = 10;
                       }),
                   "80211ac has MCS 0-9 (one spatial stream), not 10");
    ExpectRejected(withWifi(
                       [](DnnNetwork& n)
                       {
                           n.rateManager = "constant";
                           n.mcs = 9;
                       }),
                   "VHT MCS 9 is not allowed on a 20 MHz channel");
    ExpectRejected(withWifi(
                       [](DnnNetwork& n) {
                           n.members = {0, 1, 1};
                       }),
                   "device \"sta\" listed twice");

    DnnPlatform slash;
    slash.AddDevice(MakeDevice("home/cam", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
    ExpectRejected(slash, "device name \"home/cam\" cannot name an ns-3 node");

    // A name already taken (say, by an earlier run in the same process).
    {
        SimulationGuard guard;
        DnnPlatform platform;
        platform.AddDevice(MakeDevice("cam", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
        DnnTopologyHelper first;
        first.Install(platform);
        DnnTopologyHelper second;
        try
        {
            second.Install(platform);
            ADD_FAILURE() << "a taken name was accepted";
        }
        catch (const std::invalid_argument& error)
        {
            EXPECT_NE(std::string(error.what()).find("\"cam\" is already taken"), std::string::npos)
                << error.what();
        }
        EXPECT_EQ(NodeList::GetNNodes(), 1u);
        EXPECT_THROW(first.Install(platform), std::logic_error);
    }
}

TEST(TopologyHelperTest, PlatformRejectsAWifiNetworkWithoutAccessPoint)
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("a", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
    platform.AddDevice(MakeDevice("b", "rpi4", DnnDeviceRole::Iot, 1, 0, 0));
    EXPECT_THROW(
        platform.AddNetwork({"wlan", DnnNetworkKind::Wifi, {0, 1}, DnnNetwork::NONE, 100e6, 0}),
        std::invalid_argument);
}

} // namespace

/**
 * Goodput share of a 10 MB BulkSend over a two-member CSMA segment: bytes x 8 / (time from
 * the SYN to the last byte) / rate. Counts the MacTxBackoff events of both devices.
 */
std::pair<double, uint64_t>
CsmaGoodputShare(double rate, double delay)
{
    DnnPlatform platform;
    platform.AddDevice(MakeDevice("a", "rpi4", DnnDeviceRole::Iot, 0, 0, 0));
    platform.AddDevice(MakeDevice("b", "edge-server", DnnDeviceRole::Edge, 10, 0, 0));
    platform.AddNetwork({"lan", DnnNetworkKind::Csma, {0, 1}, DnnNetwork::NONE, rate, delay});
    DnnTopologyHelper topology;
    topology.Install(platform);
    uint64_t backoffs = 0;
    std::function<void(Ptr<const Packet>)> onBackoff = [&](Ptr<const Packet>)
    {
        ++backoffs;
    };
    Config::ConnectWithoutContext("/NodeList/*/DeviceList/*/$ns3::CsmaNetDevice/MacTxBackoff",
                                  Callback<void, Ptr<const Packet>>(onBackoff));
    const uint64_t bytes = 10000000;
    const double share = bytes * 8.0 / TimedTransfer(topology, bytes, Seconds(5)) / rate;
    std::cout << "10 MB over CSMA " << rate / 1e6 << " Mbit/s, delay " << delay * 1e6
              << " us: goodput share " << share << ", " << backoffs << " backoffs" << std::endl;
    return {share, backoffs};
}

// ns-3's CSMA channel is a half-duplex bus: after every frame it stays busy for the
// propagation delay, and both the data sender and the receiver's TCP ACKs back off
// (exponentially, 1 us slots). The measured shares are in the module doc (Topology).
TEST(TopologyHelperTest, CsmaGoodputAtNoDelayIsCloseToPointToPoint)
{
    SimulationGuard guard;
    const auto [share, backoffs] = CsmaGoodputShare(100e6, 0);
    // Measured 0.871 (p2p: 0.959): ACKs still wait for the data frames on the shared bus.
    EXPECT_GE(share, 0.86);
    EXPECT_LE(share, 0.89);
    EXPECT_GT(backoffs, 0u);
}

TEST(TopologyHelperTest, CsmaGoodputCollapsesWithThePropagationDelay)
{
    SimulationGuard guard;
    // Measured 0.347 at 1 Gbit/s with 6.56 us (about 1.3 km of cable): a 12 us frame is
    // followed by 6.56 us of busy channel into which both ends keep backing off.
    const auto [share, backoffs] = CsmaGoodputShare(1e9, 6.56e-6);
    EXPECT_GE(share, 0.30);
    EXPECT_LE(share, 0.38);
    EXPECT_GT(backoffs, 30000u);
}
