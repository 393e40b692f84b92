/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-message-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnnMessageHeader);

DnnMessageHeader::DnnMessageHeader() : m_magic(MAGIC), m_request(0), m_producer(0), m_payloadSize(0)
{
}

TypeId
DnnMessageHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnMessageHeader")
                            .SetParent<Header>()
                            .SetGroupName("DnnOffload")
                            .AddConstructor<DnnMessageHeader>();
    return tid;
}

TypeId
DnnMessageHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DnnMessageHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
DnnMessageHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_magic);
    start.WriteHtonU32(m_request);
    start.WriteHtonU32(m_producer);
    start.WriteHtonU64(m_payloadSize);
}

uint32_t
DnnMessageHeader::Deserialize(Buffer::Iterator start)
{
    m_magic = start.ReadNtohU32();
    m_request = start.ReadNtohU32();
    m_producer = start.ReadNtohU32();
    m_payloadSize = start.ReadNtohU64();
    return SERIALIZED_SIZE;
}

void
DnnMessageHeader::Print(std::ostream& os) const
{
    os << "request=" << m_request << " producer=" << m_producer << " payload=" << m_payloadSize;
    if (!HasValidMagic())
    {
        os << " bad-magic=0x" << std::hex << m_magic << std::dec;
    }
}

void
DnnMessageHeader::SetRequest(uint32_t request)
{
    m_request = request;
}

uint32_t
DnnMessageHeader::GetRequest() const
{
    return m_request;
}

void
DnnMessageHeader::SetProducer(uint32_t producer)
{
    m_producer = producer;
}

uint32_t
DnnMessageHeader::GetProducer() const
{
    return m_producer;
}

void
DnnMessageHeader::SetPayloadSize(uint64_t bytes)
{
    m_payloadSize = bytes;
}

uint64_t
DnnMessageHeader::GetPayloadSize() const
{
    return m_payloadSize;
}

uint32_t
DnnMessageHeader::GetMagic() const
{
    return m_magic;
}

bool
DnnMessageHeader::HasValidMagic() const
{
    return IsValidMagic(m_magic);
}

bool
DnnMessageHeader::IsValidMagic(uint32_t magic)
{
    return magic == MAGIC;
}

} // namespace ns3
