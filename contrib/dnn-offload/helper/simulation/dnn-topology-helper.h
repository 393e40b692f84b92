/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TOPOLOGY_HELPER_H
#define DNN_TOPOLOGY_HELPER_H

#include "ns3/dnn-platform.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Builds the ns-3 world of a DnnPlatform: nodes, mobility, networks, IPv4, routing
 *        and the TCP defaults.
 *
 * Install() creates one Node per device, in device order, named after the device
 * (Names::Add) and placed at the device's position (ConstantPositionMobilityModel). Then,
 * network by network (index k, from 0):
 *
 * - wifi: an infrastructure BSS on its own YansWifiChannel (constant-speed propagation
 *   delay, log-distance loss with exponent 3 and 46.6777 dB at 1 m, i.e. 5 GHz), 5 GHz
 *   band, the network's standard and channel width; SSID "dnn-<network name>"; the access
 *   point gets an ApWifiMac, every other member a StaWifiMac with active probing and a
 *   50 ms association request timeout (ns-3: 0.5 s); the remote station manager is
 *   IdealWifiManager ("ideal"), MinstrelHtWifiManager ("minstrel") or
 *   ConstantRateWifiManager ("constant", data mode HtMcs<mcs>, VhtMcs<mcs> or HeMcs<mcs>,
 *   one spatial stream); every access category waits 50 ms for an ADDBA response (ns-3:
 *   1 ms, which can leave a flow stuck in ns-3.37: see the .cc); every MAC acknowledges
 *   with DnnAckManager (an explicit BlockAckReq after A-MPDUs to a recipient until it has
 *   sent a Block Ack, against an ns-3.37 fault; see DnnAckManager). The network's dataRate
 *   and delay are the planner's figures only: the simulated rate comes from the PHY and
 *   the rate manager;
 * - csma: one CsmaChannel with DataRate = dataRate and Delay = delay;
 * - p2p: a PointToPoint link with DataRate = dataRate and Delay = delay.
 *
 * Every node gets the Internet stack; network k gets the IPv4 subnet 10.(k+1).0.0/24,
 * host addresses in member order (the first member .1; at most 254 networks and 253
 * members each, and at most DnnRunLimits::MAX_WIFI_STATIONS (64) stations on a Wi-Fi
 * network); Ipv4GlobalRoutingHelper::PopulateRoutingTables() then gives every node a
 * shortest-path (fewest hops) route to every interface, so a Wi-Fi station reaches the
 * cloud through the access point and the WAN link. The default queue disc that
 * Ipv4AddressHelper installs (FqCoDel) is kept.
 *
 * TCP: Install() sets, with Config::SetDefault (so for every TCP socket created
 * afterwards, in the whole simulation), the segment size (default 1448 bytes: 1500-byte
 * IP packets with the timestamp option), the send and receive buffers (default 1 MiB each,
 * above the bandwidth-delay product of any link we simulate) and the congestion control
 * (default ns3::TcpCubic). Settings() lists every TCP and Wi-Fi setting used, for the
 * results files.
 *
 * Association: Wi-Fi stations start scanning at time 0; with a few stations the last one
 * associates at ~52 ms (one scan of 50 ms), ~101 ms or ~151 ms when a probe request
 * collides, and always before AssociationBound() (250 ms) in our measurements (30 stations:
 * at most 209 ms over 50 runs; 64, the most a Wi-Fi network may have: at most 215 ms over 8).
 * Stations never drop their association (StaWifiMac MaxMissedBeacons at its maximum:
 * ns-3.37 aborts when a station that waits for an association response misses 10 beacons,
 * its issue #862). A station that associates later flushes its ARP cache, and a TCP SYN
 * waiting there costs the 3 s connection timeout, so applications start at or after
 * AssociationBound(), or from the callback given to SetAssociatedCallback();
 * AssociationTime() tells afterwards when the last station associated.
 *
 * A bad platform (a Wi-Fi network whose access point is not a member, an unknown standard
 * or rate manager, a channel width or MCS the standard does not have, a device name that
 * cannot be an ns-3 name or is already taken, too many networks, members or Wi-Fi stations)
 * throws std::invalid_argument before anything is created.
 */
class DnnTopologyHelper
{
  public:
    /** \brief A helper with the default TCP settings. */
    DnnTopologyHelper();

    /** \brief TCP maximum segment size (payload bytes per segment), default 1448.
     *  \param bytes positive */
    void SetTcpSegmentSize(uint32_t bytes);
    /** \brief TCP send buffer of every socket, default 1 MiB. \param bytes positive */
    void SetTcpSendBufferSize(uint32_t bytes);
    /** \brief TCP receive buffer of every socket, default 1 MiB. \param bytes positive */
    void SetTcpReceiveBufferSize(uint32_t bytes);
    /** \brief TCP congestion control, default "ns3::TcpCubic".
     *  \param typeName a TcpCongestionOps TypeId name, e.g. "ns3::TcpNewReno" */
    void SetTcpVariant(const std::string& typeName);

    /**
     * \brief Build the world of a platform (once per helper). Sets the TCP defaults first.
     * \param platform the devices and networks
     * \return the nodes, one per device, in device order
     */
    NodeContainer Install(const DnnPlatform& platform);

    /**
     * \brief Assign fixed random streams to the Wi-Fi and CSMA devices and the Internet
     *        stacks (call after Install()).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /** \brief The nodes. \return one node per device, in device order */
    NodeContainer Nodes() const;
    /** \brief The node of a device (std::out_of_range for an unknown device).
     *  \param device device index \return its node */
    Ptr<Node> GetNode(uint32_t device) const;
    /**
     * \brief The address others reach a device at: its address on the first network it
     *        belongs to (global routing reaches every interface).
     * \param device device index (on at least one network, else std::out_of_range)
     * \return the address
     */
    Ipv4Address Address(uint32_t device) const;
    /** \brief A device's address on one network. \param device device index \param network
     *  network index (the device a member of it, else std::out_of_range) \return the
     *  address */
    Ipv4Address Address(uint32_t device, uint32_t network) const;
    /** \brief The subnet of a network. \param network network index \return its network
     *  address (mask 255.255.255.0) */
    Ipv4Address Subnet(uint32_t network) const;
    /** \brief The net devices of a network, in member order. \param network network index
     *  \return its devices */
    NetDeviceContainer NetworkDevices(uint32_t network) const;
    /** \brief Every WifiNetDevice (for WifiRadioEnergyModelHelper, pcap, ...).
     *  \return networks in order, members in order */
    NetDeviceContainer WifiDevices() const;
    /** \brief The WifiNetDevices of one device (one per Wi-Fi network it is on).
     *  \param device device index \return its Wi-Fi devices, possibly none */
    NetDeviceContainer WifiDevices(uint32_t device) const;

    /** \brief Number of Wi-Fi stations (members other than the access point, over all
     *  Wi-Fi networks). \return the count */
    uint32_t StationCount() const;
    /** \brief Stations that have associated so far. \return the count */
    uint32_t AssociatedCount() const;
    /** \brief Whether every station has associated (true when there is none).
     *  \return true once all have */
    bool AllAssociated() const;
    /** \brief The stations that had not associated by a time: their device names, each
     *  once, in the order of the platform's Wi-Fi networks and their members.
     *  \param at the time (at or before now) \return the names */
    std::vector<std::string> UnassociatedStations(Time at) const;
    /** \brief When the last station first associated (zero when there is no station).
     *  \return the time, or Time::Max() while some station has not yet associated */
    Time AssociationTime() const;
    /** \brief Called once, at the time the last station first associates (right away at
     *  time zero, scheduled, when there is no station). \param callback the callback */
    void SetAssociatedCallback(Callback<void> callback);
    /** \brief A time by which every station has associated in our topologies: start
     *  applications at or after it (measured: 52-151 ms with 3 stations, at most 209 ms
     *  with 30, 215 ms with 64). \return 250 ms */
    static Time AssociationBound();

    /**
     * \brief Every TCP, Wi-Fi and addressing setting used, for the results files: keys
     *        "tcp.segment_size", "tcp.snd_buf", "tcp.rcv_buf", "tcp.variant",
     *        "wifi.<net>.standard", ".band", ".channel_width", ".rate_manager", ".data_mode"
     *        (constant only), ".ssid", ".access_point", ".active_probing",
     *        ".assoc_request_timeout", ".addba_response_timeout", ".ack_manager",
     *        ".max_ssrc", ".max_slrc", ".max_missed_beacons", ".propagation_loss",
     *        ".propagation_delay", and "ip.<net>.subnet"; also the ns-3 TCP defaults we
     *        keep, as they stand: "tcp.initial_cwnd", "tcp.delayed_ack_count",
     *        "tcp.min_rto", "tcp.conn_timeout", "tcp.sack", "tcp.timestamps".
     * \return key -> value (values as text; the TCP keys also before Install())
     */
    std::map<std::string, std::string> Settings() const;

  private:
    /** \brief Association bookkeeping shared with the trace sinks (outlives the helper). */
    struct AssociationState : public SimpleRefCount<AssociationState>
    {
        std::vector<Time> first;  //!< per station: first association, or Time::Max()
        uint32_t associated{0};   //!< stations with a first association
        Time allAssociated;       //!< when the last one associated, or Time::Max()
        Callback<void> callback;  //!< called when all have associated
        bool callbackDone{false}; //!< the callback ran
    };

    /** \brief Enter every IPv4 neighbour of every device in its ARP cache (permanent
     *  entries): ns-3 marks an entry dead for 100 s after 3 unanswered requests, which on a
     *  busy Wi-Fi cell cut two stations apart for the rest of a run. */
    static void PopulateNeighborCaches();
    /** \brief Record a station's association. \param state the bookkeeping \param station
     *  station index \param bssid the access point */
    static void NotifyAssoc(Ptr<AssociationState> state, uint32_t station, Mac48Address bssid);
    /** \brief Reject a platform we cannot build. \param platform the platform */
    void Validate(const DnnPlatform& platform) const;
    /** \brief Apply the TCP defaults with Config::SetDefault. */
    void ApplyTcpDefaults() const;

    uint32_t m_segmentSize{1448};                      //!< TCP segment size, bytes
    uint32_t m_sndBuf{1u << 20};                       //!< TCP send buffer, bytes
    uint32_t m_rcvBuf{1u << 20};                       //!< TCP receive buffer, bytes
    std::string m_tcpVariant;                          //!< TCP congestion control TypeId name
    bool m_installed{false};                           //!< Install() has run
    NodeContainer m_nodes;                             //!< one per device
    std::vector<NetDeviceContainer> m_netDevices;      //!< per network, in member order
    std::vector<std::vector<uint32_t>> m_members;      //!< per network, the member devices
    std::vector<std::vector<Ipv4Address>> m_addresses; //!< per network, in member order
    std::vector<Ipv4Address> m_subnets;                //!< per network
    std::vector<uint32_t> m_firstNetwork;              //!< per device, or DnnNetwork::NONE
    NetDeviceContainer m_wifiDevices;                  //!< every Wi-Fi device
    std::vector<NetDeviceContainer> m_wifiByDevice;    //!< per device, its Wi-Fi devices
    NetDeviceContainer m_csmaDevices;                  //!< every CSMA device
    Ptr<AssociationState> m_assoc;                     //!< association bookkeeping
    std::vector<std::string> m_stationNames;           //!< per station, its device's name
    std::map<std::string, std::string> m_settings;     //!< non-TCP settings
};

} // namespace ns3

#endif /* DNN_TOPOLOGY_HELPER_H */
