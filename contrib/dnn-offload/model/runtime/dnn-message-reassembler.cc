/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-message-reassembler.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

// Logged: each message completed and framing errors (NS_LOG_LOGIC per message at most);
// nothing per chunk fed.
NS_LOG_COMPONENT_DEFINE("DnnMessageReassembler");

DnnMessageReassembler::DnnMessageReassembler()
    : m_header{}, m_headerFill(0), m_current{0, 0, 0}, m_payloadLeft(0), m_inPayload(false),
      m_consumed(0)
{
    NS_LOG_FUNCTION(this);
}

bool
DnnMessageReassembler::Feed(Ptr<const Packet> chunk, std::vector<DnnMessage>& completed)
{
    if (!m_error.empty())
    {
        return false;
    }
    const uint32_t size = chunk->GetSize();
    uint32_t offset = 0;
    while (offset < size)
    {
        if (m_inPayload)
        {
            // Payload bytes are only counted.
            const auto take =
                static_cast<uint32_t>(std::min<uint64_t>(m_payloadLeft, size - offset));
            offset += take;
            m_consumed += take;
            m_payloadLeft -= take;
            if (m_payloadLeft == 0)
            {
                m_inPayload = false;
                NS_LOG_LOGIC("message of request "
                             << m_current.request << " from task " << m_current.producer
                             << " complete: " << m_current.payload << " payload bytes");
                completed.push_back(m_current);
            }
            continue;
        }

        // Gather header bytes; the header may be split across chunks at any byte.
        const uint32_t take =
            std::min(DnnMessageHeader::SERIALIZED_SIZE - m_headerFill, size - offset);
        if (offset == 0)
        {
            chunk->CopyData(m_header + m_headerFill, take);
        }
        else
        {
            chunk->CreateFragment(offset, take)->CopyData(m_header + m_headerFill, take);
        }
        offset += take;
        m_consumed += take;
        m_headerFill += take;
        if (m_headerFill < DnnMessageHeader::SERIALIZED_SIZE)
        {
            continue;
        }

        m_headerFill = 0;
        Buffer buffer;
        buffer.AddAtStart(DnnMessageHeader::SERIALIZED_SIZE);
        buffer.Begin().Write(m_header, DnnMessageHeader::SERIALIZED_SIZE);
        DnnMessageHeader header;
        header.Deserialize(buffer.Begin());
        if (!header.HasValidMagic())
        {
            std::ostringstream os;
            os << "DnnMessageReassembler: framing error: bad magic 0x" << std::hex
               << header.GetMagic() << " (expected 0x" << DnnMessageHeader::MAGIC << std::dec
               << ") in the header at stream byte "
               << m_consumed - DnnMessageHeader::SERIALIZED_SIZE;
            m_error = os.str();
            NS_LOG_WARN(m_error);
            return false;
        }
        m_current = {header.GetRequest(), header.GetProducer(), header.GetPayloadSize()};
        if (m_current.payload == 0)
        {
            NS_LOG_LOGIC("message of request " << m_current.request << " from task "
                                               << m_current.producer << " complete: no payload");
            completed.push_back(m_current);
        }
        else
        {
            m_payloadLeft = m_current.payload;
            m_inPayload = true;
        }
    }
    return true;
}

uint64_t
DnnMessageReassembler::BytesConsumed() const
{
    return m_consumed;
}

bool
DnnMessageReassembler::InMessage() const
{
    return m_inPayload || m_headerFill > 0;
}

const std::string&
DnnMessageReassembler::Error() const
{
    return m_error;
}

} // namespace ns3
