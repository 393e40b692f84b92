/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TWO_NODES_H
#define DNN_TWO_NODES_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/** \brief The ns-3 side of TwoDevicePlatform(): nodes a and b on a point-to-point link, IPv4,
 *  TCP segments of 1448 bytes. */
struct TwoNodes
{
    NodeContainer nodes;                //!< a, b
    std::vector<Ipv4Address> addresses; //!< their addresses on the link

    /** \brief Build them. \param rate the link's data rate ("100Mbps") \param delay its delay
     *  ("1ms") */
    TwoNodes(const std::string& rate = "100Mbps", const std::string& delay = "1ms")
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue(rate));
        p2p.SetChannelAttribute("Delay", StringValue(delay));
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper ipv4("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = ipv4.Assign(devices);
        addresses = {interfaces.GetAddress(0), interfaces.GetAddress(1)};
    }
};

} // namespace test
} // namespace ns3

#endif /* DNN_TWO_NODES_H */
