/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ACK_MANAGER_H
#define DNN_ACK_MANAGER_H

#include "ns3/mac48-address.h"
#include "ns3/phy-entity.h"
#include "ns3/wifi-default-ack-manager.h"
#include "ns3/wifi-tx-vector.h"

#include <cstdint>
#include <set>
#include <utility>

namespace ns3
{

class Packet;
class WifiPhy;

/**
 * \ingroup dnn-offload
 * \brief The default acknowledgment manager of ns-3.37, except that an originator asks a
 *        recipient for its first Block Ack under an agreement with an explicit BlockAckReq.
 *
 * Works around an ns-3.37 fault that throws std::bad_alloc inside
 * HtFrameExchangeManager::EndReceiveAmpdu (undefined behaviour: it reads an agreement past
 * the header node of a std::map). The originator of a Block Ack agreement
 * establishes it as soon as it receives the ADDBA Response (WifiMac::Receive,
 * wifi-mac.cc:1164-1174, QosTxop::GotAddBaResponse); the recipient moves its side from
 * pending to established only when it receives the Ack of that ADDBA Response
 * (HtFrameExchangeManager::NotifyReceivedNormalAck, ht-frame-exchange-manager.cc:634-647).
 * When that Ack is lost, the originator may send an A-MPDU before the recipient's retried
 * ADDBA Response gets through. With the Implicit BAR ack policy (Normal Ack on the MPDUs of
 * an A-MPDU, WifiDefaultAckManager's choice when the A-MPDU starts at the window's start),
 * each MPDU received outside an agreement gets a Normal Ack a SIFS after it
 * (QosFrameExchangeManager::ReceiveMpdu), which cuts the reception of a long A-MPDU short;
 * after a short one, the recipient's HtFrameExchangeManager::EndReceiveAmpdu
 * (ht-frame-exchange-manager.cc:1516-1530) looks the agreement up, only NS_ASSERTs that it exists
 * (compiled out in Debian's release build), and copies the agreement behind m_agreements.end() into
 * the scheduled SendBlockAck: a std::vector<bool> of garbage size, hence std::bad_alloc. A
 * BlockAckReq is handled by HtFrameExchangeManager::ReceiveMpdu, which checks that the agreement
 * exists (no Block Ack is sent otherwise, and the originator tries again), and an A-MPDU with the
 * Block Ack ack policy makes EndReceiveAmpdu do nothing.
 *
 * So: as long as no BlockAck frame has come from a recipient for a TID, an A-MPDU to it
 * with that TID that WifiDefaultAckManager would send with Implicit BAR is sent with the
 * Block Ack policy and followed by a BlockAckReq (WifiBarBlockAck). A recipient sends a
 * BlockAck only from an established agreement, and in ns-3.37 it keeps that agreement (no
 * inactivity timeout is set; a renewed ADDBA exchange replaces the entry only once
 * established), so after its first Block Ack the Implicit BAR policy is safe, and it is
 * used from then on: one BlockAckReq per agreement in the common case. Everything else is
 * WifiDefaultAckManager's (its attributes included).
 *
 * ObservePhy() connects the manager to its device's PHY (MonitorSnifferRx) to see the
 * BlockAck frames addressed to its MAC; without it, every A-MPDU is followed by a
 * BlockAckReq (as with ns-3's UseExplicitBar), which is safe but costs a BlockAckReq per
 * A-MPDU (3 % of a busy cell's throughput in our measurement).
 */
class DnnAckManager : public WifiDefaultAckManager
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::unique_ptr<WifiAcknowledgment> TryAddMpdu(Ptr<const WifiMpdu> mpdu,
                                                   const WifiTxParameters& txParams) override;

    /**
     * \brief Watch a PHY for BlockAck frames addressed to this manager's MAC.
     * \param phy the PHY of the device whose MAC uses this manager
     */
    void ObservePhy(Ptr<WifiPhy> phy);

    /**
     * \param recipient a recipient's MAC address
     * \param tid a TID
     * \return true once a BlockAck frame from \p recipient for \p tid has been received, so
     *         that A-MPDUs to it use the Implicit BAR policy
     */
    bool HasBlockAckFrom(Mac48Address recipient, uint8_t tid) const;

  private:
    /**
     * MonitorSnifferRx sink: note the recipient and TID of a BlockAck addressed to us.
     * \param packet the received MPDU (MAC header first, for a frame outside an A-MPDU)
     * \param mpdu A-MPDU information of the MPDU
     */
    void NotifyRx(Ptr<const Packet> packet, uint16_t, WifiTxVector, MpduInfo mpdu, SignalNoiseDbm,
                  uint16_t);

    std::set<std::pair<Mac48Address, uint8_t>> m_answered; //!< (recipient, TID) with a BlockAck
};

} // namespace ns3

#endif /* DNN_ACK_MANAGER_H */
