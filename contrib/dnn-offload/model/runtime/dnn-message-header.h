/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MESSAGE_HEADER_H
#define DNN_MESSAGE_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Header of one DNN activation message exchanged by the worker applications over TCP.
 *
 * On the wire, in network byte order (SERIALIZED_SIZE = 20 bytes):
 *
 * | bytes | field                                                        |
 * |-------|--------------------------------------------------------------|
 * | 0-3   | magic constant MAGIC ("DNNM"), to detect framing errors      |
 * | 4-7   | request id                                                   |
 * | 8-11  | producer: index of the task whose output the payload is      |
 * | 12-19 | payload size in bytes                                        |
 *
 * The payload (the activation, zero-filled) follows the header in the stream. On the receiver
 * a DnnMessageReassembler cuts the byte stream back into messages.
 *
 * Deserialize() reads whatever magic is on the wire; check it with HasValidMagic().
 */
class DnnMessageHeader : public Header
{
  public:
    /** \brief The magic constant that starts every message: "DNNM" in ASCII. */
    static constexpr uint32_t MAGIC = 0x444E4E4D;
    /** \brief Size of the serialized header, bytes. */
    static constexpr uint32_t SERIALIZED_SIZE = 20;

    /** \brief A header with the valid magic and all other fields zero. */
    DnnMessageHeader();

    /** \brief Register the type. \return the TypeId */
    static TypeId GetTypeId();
    /** \brief The dynamic type. \return the TypeId of this object */
    TypeId GetInstanceTypeId() const override;
    /** \brief Bytes Serialize() writes. \return SERIALIZED_SIZE */
    uint32_t GetSerializedSize() const override;
    /** \brief Write the header in network byte order. \param start where to write */
    void Serialize(Buffer::Iterator start) const override;
    /**
     * \brief Read the header, whatever its magic (check with HasValidMagic()).
     * \param start where to read
     * \return the bytes read, SERIALIZED_SIZE
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    /** \brief Print the fields. \param os the output stream */
    void Print(std::ostream& os) const override;

    /** \brief Set the request id. \param request the request id */
    void SetRequest(uint32_t request);
    /** \brief The request id. \return the request id */
    uint32_t GetRequest() const;
    /** \brief Set the producer task. \param producer index of the task whose output this is */
    void SetProducer(uint32_t producer);
    /** \brief The producer task. \return index of the task whose output this is */
    uint32_t GetProducer() const;
    /** \brief Set the payload size. \param bytes the size of the payload that follows, bytes */
    void SetPayloadSize(uint64_t bytes);
    /** \brief The payload size. \return the size of the payload that follows, bytes */
    uint64_t GetPayloadSize() const;
    /** \brief The magic read by Deserialize() (MAGIC otherwise). \return the magic */
    uint32_t GetMagic() const;
    /** \brief Whether the magic is the valid one. \return GetMagic() == MAGIC */
    bool HasValidMagic() const;

    /**
     * \brief Whether a value is the valid magic.
     * \param magic the value read from the first 4 bytes of a header (host byte order)
     * \return magic == MAGIC
     */
    static bool IsValidMagic(uint32_t magic);

  private:
    uint32_t m_magic;       //!< magic constant, MAGIC unless deserialized from a bad stream
    uint32_t m_request;     //!< request id
    uint32_t m_producer;    //!< index of the producer task
    uint64_t m_payloadSize; //!< payload size, bytes
};

} // namespace ns3

#endif /* DNN_MESSAGE_HEADER_H */
