/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MESSAGE_REASSEMBLER_H
#define DNN_MESSAGE_REASSEMBLER_H

#include "dnn-message-header.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief One complete message received: its header fields (the payload is only counted).
 */
struct DnnMessage
{
    uint32_t request;  //!< request id
    uint32_t producer; //!< index of the task whose output the payload is
    uint64_t payload;  //!< payload size, bytes
};

/**
 * \ingroup dnn-offload
 * \brief Cuts the TCP byte stream of one connection back into DnnMessageHeader messages.
 *
 * The stream is a sequence of messages, each a DnnMessageHeader followed by its payload. It
 * arrives as chunks with arbitrary boundaries: a chunk may hold several messages, a fraction
 * of one, or end anywhere inside a header or a payload. The header bytes are gathered in a
 * small fixed buffer; payload bytes are only counted, never copied.
 *
 * A header whose magic is not DnnMessageHeader::MAGIC is a framing error: Feed() returns
 * false and the reassembler refuses every later chunk (the stream cannot be resynchronized).
 *
 * Use one reassembler per connection, at the receiver.
 */
class DnnMessageReassembler
{
  public:
    /** \brief A reassembler at the start of a stream. */
    DnnMessageReassembler();

    /**
     * \brief Consume the next chunk of the stream.
     *
     * Every message completed by this chunk (its header and whole payload received) is
     * appended to `completed`, in stream order. On a framing error the messages completed
     * before the bad header are still appended, the rest of the chunk is not consumed, and
     * Error() says what went wrong; once in error, Feed() consumes nothing and returns false.
     *
     * \param chunk the next bytes of the stream (any size, may be empty)
     * \param completed the completed messages are appended here (it is not cleared)
     * \return false on a framing error (bad magic), now or earlier; true otherwise
     */
    bool Feed(Ptr<const Packet> chunk, std::vector<DnnMessage>& completed);

    /**
     * \brief Stream bytes consumed so far: every byte fed, except after a framing error the
     *        bytes that followed the bad header.
     * \return the byte count
     */
    uint64_t BytesConsumed() const;

    /**
     * \brief Whether a message is partly received (some of its header or payload consumed).
     * \return true between the first byte of a message and its last
     */
    bool InMessage() const;

    /**
     * \brief What went wrong.
     * \return the description of the framing error, empty if there was none
     */
    const std::string& Error() const;

  private:
    uint8_t m_header[DnnMessageHeader::SERIALIZED_SIZE]; //!< header bytes gathered so far
    uint32_t m_headerFill;                               //!< header bytes in m_header
    DnnMessage m_current;   //!< the message whose payload is being received
    uint64_t m_payloadLeft; //!< payload bytes of m_current still to come
    bool m_inPayload;       //!< whether the payload of m_current is being received
    uint64_t m_consumed;    //!< stream bytes consumed
    std::string m_error;    //!< framing error, empty if none
};

} // namespace ns3

#endif /* DNN_MESSAGE_REASSEMBLER_H */
