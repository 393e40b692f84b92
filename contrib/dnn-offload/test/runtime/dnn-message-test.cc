/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The wire format of the worker applications: DnnMessageHeader (round trip, byte order) and
 * DnnMessageReassembler (a stream cut at every byte offset, one byte at a time, in random
 * chunks, all at once; payloads over 4 GiB; framing errors; BytesConsumed and InMessage).
 */

#include "ns3/dnn-message-header.h"
#include "ns3/dnn-message-reassembler.h"

#include "ns3/packet.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/** \brief One message: a header then a zero-filled payload.
 *  \param request request id \param producer producer task \param payload payload bytes
 *  \return the message's bytes */
Ptr<Packet>
MakeMessage(uint32_t request, uint32_t producer, uint32_t payload)
{
    DnnMessageHeader header;
    header.SetRequest(request);
    header.SetProducer(producer);
    header.SetPayloadSize(payload);
    Ptr<Packet> message = Create<Packet>(payload);
    message->AddHeader(header);
    return message;
}

/** \brief The three messages of the stream tests (payloads of 0, 1 and 1000 bytes). */
const std::vector<DnnMessage> kMessages = {{7, 0, 0}, {8, 3, 1}, {0xFFFFFFFF, 12, 1000}};

/** \brief The stream of kMessages. \return the bytes, header after payload after header */
Ptr<Packet>
MakeStream()
{
    Ptr<Packet> stream = Create<Packet>();
    for (const auto& m : kMessages)
    {
        stream->AddAtEnd(MakeMessage(m.request, m.producer, static_cast<uint32_t>(m.payload)));
    }
    return stream;
}

/** \brief Stream offsets just after each message of kMessages. \return the offsets */
std::vector<uint32_t>
MessageEnds()
{
    std::vector<uint32_t> ends;
    uint32_t end = 0;
    for (const auto& m : kMessages)
    {
        end += DnnMessageHeader::SERIALIZED_SIZE + static_cast<uint32_t>(m.payload);
        ends.push_back(end);
    }
    return ends;
}

/** \brief Whether two lists of messages are equal, field by field.
 *  \param actual the messages received \param expected the messages sent
 *  \return the assertion result */
::testing::AssertionResult
SameMessages(const std::vector<DnnMessage>& actual, const std::vector<DnnMessage>& expected)
{
    if (actual.size() != expected.size())
    {
        return ::testing::AssertionFailure()
            << actual.size() << " messages, expected " << expected.size();
    }
    for (std::size_t i = 0; i < actual.size(); ++i)
    {
        if (actual[i].request != expected[i].request ||
            actual[i].producer != expected[i].producer || actual[i].payload != expected[i].payload)
        {
            return ::testing::AssertionFailure()
                << "message " << i << ": (" << actual[i].request << ", " << actual[i].producer
                << ", " << actual[i].payload << "), expected (" << expected[i].request << ", "
                << expected[i].producer << ", " << expected[i].payload << ")";
        }
    }
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(MessageTest, HeaderRoundTrip)
{
    DnnMessageHeader header;
    header.SetRequest(0xDEADBEEF);
    header.SetProducer(42);
    header.SetPayloadSize(5ULL << 30); // 5 GiB: needs all 64 bits
    EXPECT_EQ(header.GetSerializedSize(), DnnMessageHeader::SERIALIZED_SIZE);
    EXPECT_EQ(DnnMessageHeader::SERIALIZED_SIZE, 20U);

    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    ASSERT_EQ(packet->GetSize(), DnnMessageHeader::SERIALIZED_SIZE);

    DnnMessageHeader read;
    EXPECT_EQ(packet->RemoveHeader(read), DnnMessageHeader::SERIALIZED_SIZE);
    EXPECT_EQ(packet->GetSize(), 0U);
    EXPECT_TRUE(read.HasValidMagic());
    EXPECT_EQ(read.GetMagic(), DnnMessageHeader::MAGIC);
    EXPECT_EQ(read.GetRequest(), 0xDEADBEEFU);
    EXPECT_EQ(read.GetProducer(), 42U);
    EXPECT_EQ(read.GetPayloadSize(), 5ULL << 30);
    EXPECT_EQ(read.GetInstanceTypeId(), DnnMessageHeader::GetTypeId());

    std::ostringstream os;
    read.Print(os);
    EXPECT_EQ(os.str(), "request=3735928559 producer=42 payload=5368709120");
}

TEST(MessageTest, HeaderIsInNetworkByteOrder)
{
    DnnMessageHeader header;
    header.SetRequest(0x01020304);
    header.SetProducer(0x05060708);
    header.SetPayloadSize(0x090A0B0C0D0E0F10ULL);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    uint8_t bytes[DnnMessageHeader::SERIALIZED_SIZE];
    ASSERT_EQ(packet->CopyData(bytes, sizeof(bytes)), sizeof(bytes));
    const uint8_t expected[DnnMessageHeader::SERIALIZED_SIZE] = {
        'D', 'N', 'N', 'M', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    for (uint32_t i = 0; i < DnnMessageHeader::SERIALIZED_SIZE; ++i)
    {
        EXPECT_EQ(bytes[i], expected[i]) << "byte " << i;
    }
    EXPECT_TRUE(DnnMessageHeader::IsValidMagic(0x444E4E4D));
    EXPECT_FALSE(DnnMessageHeader::IsValidMagic(0x4D4E4E44));
}

TEST(MessageTest, StreamAllAtOnce)
{
    Ptr<Packet> stream = MakeStream();
    DnnMessageReassembler reassembler;
    std::vector<DnnMessage> completed;
    EXPECT_FALSE(reassembler.InMessage());
    ASSERT_TRUE(reassembler.Feed(stream, completed));
    EXPECT_TRUE(SameMessages(completed, kMessages));
    EXPECT_EQ(reassembler.BytesConsumed(), stream->GetSize());
    EXPECT_FALSE(reassembler.InMessage());
    EXPECT_TRUE(reassembler.Error().empty());
    // An empty chunk changes nothing.
    ASSERT_TRUE(reassembler.Feed(Create<Packet>(), completed));
    EXPECT_EQ(completed.size(), kMessages.size());
    EXPECT_EQ(reassembler.BytesConsumed(), stream->GetSize());
}

// The requirement: a message header split across TCP reads at every byte offset is
// parsed correctly.
TEST(MessageTest, StreamSplitInTwoAtEveryOffset)
{
    Ptr<Packet> stream = MakeStream();
    const uint32_t total = stream->GetSize();
    const std::vector<uint32_t> ends = MessageEnds();
    ASSERT_EQ(total, ends.back());
    for (uint32_t k = 0; k <= total; ++k)
    {
        SCOPED_TRACE("split at " + std::to_string(k));
        DnnMessageReassembler reassembler;
        std::vector<DnnMessage> completed;
        ASSERT_TRUE(reassembler.Feed(stream->CreateFragment(0, k), completed));
        EXPECT_EQ(reassembler.BytesConsumed(), k);
        std::size_t done = 0;
        while (done < ends.size() && ends[done] <= k)
        {
            ++done;
        }
        EXPECT_TRUE(SameMessages(completed, {kMessages.begin(), kMessages.begin() + done}));
        EXPECT_EQ(reassembler.InMessage(), k != 0 && (done == 0 || ends[done - 1] != k));

        ASSERT_TRUE(reassembler.Feed(stream->CreateFragment(k, total - k), completed));
        EXPECT_TRUE(SameMessages(completed, kMessages));
        EXPECT_EQ(reassembler.BytesConsumed(), total);
        EXPECT_FALSE(reassembler.InMessage());
        EXPECT_TRUE(reassembler.Error().empty());
    }
}

TEST(MessageTest, StreamOneByteAtATime)
{
    Ptr<Packet> stream = MakeStream();
    const uint32_t total = stream->GetSize();
    const std::vector<uint32_t> ends = MessageEnds();
    DnnMessageReassembler reassembler;
    std::vector<DnnMessage> completed;
    std::size_t done = 0;
    for (uint32_t i = 0; i < total; ++i)
    {
        ASSERT_TRUE(reassembler.Feed(stream->CreateFragment(i, 1), completed)) << "byte " << i;
        ASSERT_EQ(reassembler.BytesConsumed(), i + 1);
        const bool boundary = ends[done] == i + 1;
        done += boundary ? 1 : 0;
        // A message comes out exactly with its last byte.
        ASSERT_EQ(completed.size(), done) << "byte " << i;
        ASSERT_EQ(reassembler.InMessage(), !boundary) << "byte " << i;
    }
    EXPECT_TRUE(SameMessages(completed, kMessages));
}

TEST(MessageTest, StreamInRandomChunks)
{
    Ptr<Packet> stream = MakeStream();
    const uint32_t total = stream->GetSize();
    std::mt19937 rng(20240601);
    std::uniform_int_distribution<uint32_t> chunkSize(0, 48);
    for (int trial = 0; trial < 200; ++trial)
    {
        DnnMessageReassembler reassembler;
        std::vector<DnnMessage> completed;
        uint32_t offset = 0;
        while (offset < total)
        {
            const uint32_t n = std::min(chunkSize(rng), total - offset);
            ASSERT_TRUE(reassembler.Feed(stream->CreateFragment(offset, n), completed));
            offset += n;
            ASSERT_EQ(reassembler.BytesConsumed(), offset);
        }
        EXPECT_TRUE(SameMessages(completed, kMessages)) << "trial " << trial;
        EXPECT_FALSE(reassembler.InMessage());
    }
}

TEST(MessageTest, PayloadOver4GiB)
{
    // Payload bytes are only counted: 5 GiB of (virtual) zeros, as the header with 2.5 GiB,
    // then 2.5 GiB - 1, then the last byte with the next message. (Packet::AddAtEnd would
    // materialize a zero area followed by data, so the big chunks carry no data after it.)
    const uint64_t payload = 5ULL << 30;
    DnnMessageHeader header;
    header.SetRequest(1);
    header.SetProducer(2);
    header.SetPayloadSize(payload);
    Ptr<Packet> first = Create<Packet>(static_cast<uint32_t>(payload / 2));
    first->AddHeader(header);
    Ptr<Packet> second = Create<Packet>(static_cast<uint32_t>(payload / 2 - 1));
    Ptr<Packet> third = Create<Packet>(1);
    third->AddAtEnd(MakeMessage(3, 4, 10));

    DnnMessageReassembler reassembler;
    std::vector<DnnMessage> completed;
    ASSERT_TRUE(reassembler.Feed(first, completed));
    EXPECT_TRUE(completed.empty());
    EXPECT_TRUE(reassembler.InMessage());
    ASSERT_TRUE(reassembler.Feed(second, completed));
    EXPECT_TRUE(completed.empty());
    EXPECT_TRUE(reassembler.InMessage());
    ASSERT_TRUE(reassembler.Feed(third, completed));
    EXPECT_TRUE(SameMessages(completed, {{1, 2, payload}, {3, 4, 10}}));
    EXPECT_EQ(reassembler.BytesConsumed(), 2 * DnnMessageHeader::SERIALIZED_SIZE + payload + 10);
    EXPECT_FALSE(reassembler.InMessage());
}

TEST(MessageTest, BadMagicIsAFramingError)
{
    // A good message, then a header whose first byte is corrupted, then a good message.
    Ptr<Packet> bad = MakeMessage(5, 6, 0);
    uint8_t bytes[DnnMessageHeader::SERIALIZED_SIZE];
    bad->CopyData(bytes, sizeof(bytes));
    bytes[0] ^= 0x01;
    Ptr<Packet> stream = MakeMessage(1, 2, 3);
    const uint32_t goodSize = stream->GetSize();
    stream->AddAtEnd(Create<Packet>(bytes, sizeof(bytes)));
    stream->AddAtEnd(MakeMessage(7, 8, 0));

    DnnMessageReassembler reassembler;
    std::vector<DnnMessage> completed;
    EXPECT_FALSE(reassembler.Feed(stream, completed));
    // The message before the bad header is delivered; consumption stops after the bad header.
    EXPECT_TRUE(SameMessages(completed, {{1, 2, 3}}));
    EXPECT_EQ(reassembler.BytesConsumed(), goodSize + DnnMessageHeader::SERIALIZED_SIZE);
    EXPECT_NE(reassembler.Error().find("magic"), std::string::npos) << reassembler.Error();
    EXPECT_NE(reassembler.Error().find("stream byte " + std::to_string(goodSize)),
              std::string::npos)
        << reassembler.Error();

    // The error is sticky: nothing more is consumed.
    EXPECT_FALSE(reassembler.Feed(MakeMessage(9, 9, 0), completed));
    EXPECT_EQ(completed.size(), 1U);
    EXPECT_EQ(reassembler.BytesConsumed(), goodSize + DnnMessageHeader::SERIALIZED_SIZE);
    EXPECT_FALSE(reassembler.Error().empty());
}

TEST(MessageTest, BadMagicFedByteByByte)
{
    // The error shows with the header's last byte, not before.
    Ptr<Packet> header = MakeMessage(5, 6, 0);
    uint8_t bytes[DnnMessageHeader::SERIALIZED_SIZE];
    header->CopyData(bytes, sizeof(bytes));
    bytes[3] = 'X';
    DnnMessageReassembler reassembler;
    std::vector<DnnMessage> completed;
    for (uint32_t i = 0; i + 1 < DnnMessageHeader::SERIALIZED_SIZE; ++i)
    {
        ASSERT_TRUE(reassembler.Feed(Create<Packet>(bytes + i, 1), completed)) << "byte " << i;
        ASSERT_TRUE(reassembler.InMessage());
    }
    EXPECT_FALSE(reassembler.Feed(Create<Packet>(bytes + DnnMessageHeader::SERIALIZED_SIZE - 1, 1),
                                  completed));
    EXPECT_TRUE(completed.empty());
    EXPECT_FALSE(reassembler.Error().empty());
    EXPECT_EQ(reassembler.BytesConsumed(), DnnMessageHeader::SERIALIZED_SIZE);
}
