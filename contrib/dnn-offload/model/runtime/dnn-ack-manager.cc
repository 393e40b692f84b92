/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-ack-manager.h"

#include "ns3/dnn-ns3-compat.h"

#include "ns3/ctrl-headers.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/qos-txop.h"
#include "ns3/wifi-acknowledgment.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-remote-station-manager.h"
#include "ns3/wifi-tx-parameters.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnAckManager");

NS_OBJECT_ENSURE_REGISTERED(DnnAckManager);

TypeId
DnnAckManager::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnAckManager")
                            .SetParent<WifiDefaultAckManager>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnAckManager>();
    return tid;
}

std::unique_ptr<WifiAcknowledgment>
DnnAckManager::TryAddMpdu(Ptr<const WifiMpdu> mpdu, const WifiTxParameters& txParams)
{
    NS_LOG_FUNCTION(this << *mpdu << &txParams);
    std::unique_ptr<WifiAcknowledgment> acknowledgment =
        WifiDefaultAckManager::TryAddMpdu(mpdu, txParams);
    // WifiDefaultAckManager answers BLOCK_ACK (an immediate Block Ack) for the second and
    // later QoS data MPDUs of an A-MPDU sent with Implicit BAR, and for a BlockAckReq.
    const WifiMacHeader& header = mpdu->GetHeader();
    if (!acknowledgment || acknowledgment->method != WifiAcknowledgment::BLOCK_ACK ||
        !header.IsQosData())
    {
        return acknowledgment;
    }
    const Mac48Address receiver = header.GetAddr1();
    const uint8_t tid = header.GetQosTid();
    if (m_answered.count({receiver, tid}) > 0)
    {
        return acknowledgment;
    }
    // As WifiDefaultAckManager does with UseExplicitBar: the Block Ack policy on the MPDUs,
    // then a BlockAckReq (the recipient answers it only from an established agreement).
    auto bar = std::make_unique<WifiBarBlockAck>();
    bar->blockAckReqTxVector =
        GetWifiRemoteStationManager()->GetBlockAckTxVector(receiver, txParams.m_txVector);
    bar->blockAckTxVector = bar->blockAckReqTxVector;
    std::tie(bar->barType, bar->baType) = DnnBlockAckTypes(m_mac, receiver, tid);
    bar->SetQosAckPolicy(receiver, tid, WifiMacHeader::BLOCK_ACK);
    NS_LOG_LOGIC("no Block Ack from " << receiver << " for TID " << +tid
                                      << " yet: explicit BlockAckReq instead of implicit BAR");
    return bar;
}

void
DnnAckManager::ObservePhy(Ptr<WifiPhy> phy)
{
    NS_LOG_FUNCTION(this << phy);
    phy->TraceConnectWithoutContext("MonitorSnifferRx",
                                    MakeCallback(&DnnAckManager::NotifyRx, this));
}

bool
DnnAckManager::HasBlockAckFrom(Mac48Address recipient, uint8_t tid) const
{
    return m_answered.count({recipient, tid}) > 0;
}

void
DnnAckManager::NotifyRx(Ptr<const Packet> packet, uint16_t, WifiTxVector, MpduInfo mpdu,
                        SignalNoiseDbm, uint16_t)
{
    // A BlockAck goes alone in a non-HT PPDU (the control response rate of
    // WifiRemoteStationManager::GetBlockAckTxVector); A-MPDU subframes are data.
    if (mpdu.type != NORMAL_MPDU || !m_mac)
    {
        return;
    }
    WifiMacHeader header;
    if (packet->PeekHeader(header) == 0 || !header.IsBlockAck() ||
        header.GetAddr1() != m_mac->GetAddress())
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    copy->RemoveHeader(header);
    CtrlBAckResponseHeader blockAck;
    copy->PeekHeader(blockAck);
    if (m_answered.insert({header.GetAddr2(), blockAck.GetTidInfo()}).second)
    {
        NS_LOG_DEBUG("first Block Ack from " << header.GetAddr2() << " for TID "
                                             << +blockAck.GetTidInfo());
    }
}

} // namespace ns3
