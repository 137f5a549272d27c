/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The cTCP trailer to the byte: the layout Wireshark's packet-ipsec-tcp.c reads, written and
 * read back, and the heuristic's rejections.
 */

#include "packet-hex.h"

#include "ns3/ctcp-trailer.h"
#include "ns3/packet.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

/**
 * \ingroup vpn
 * The 16 bytes of an IKE trailer (client to server) and an ESP trailer, exactly.
 */
class CtcpTrailerBytesTestCase : public TestCase
{
  public:
    CtcpTrailerBytesTestCase()
        : TestCase("cTCP trailer bytes: zero, counter, direction, magic, protocol, magic 2")
    {
    }

  private:
    /**
     * Serialize a trailer after a 3-byte payload (aa bb cc).
     * \param trailer the trailer
     * \return the whole packet's bytes in hex
     */
    static std::string Hex(const CtcpTrailer& trailer)
    {
        const uint8_t payload[3] = {0xaa, 0xbb, 0xcc};
        Ptr<Packet> p = Create<Packet>(payload, sizeof(payload));
        p->AddTrailer(trailer);
        return PacketHex(p);
    }

    void DoRun() override
    {
        CtcpTrailer ike;
        ike.SetCounter(0x1234);
        ike.SetDirection(CtcpTrailer::IKE_CLIENT_TO_SERVER);
        ike.SetProtocol(CtcpTrailer::PROTOCOL_IKE);
        NS_TEST_EXPECT_MSG_EQ(ike.GetSerializedSize(), 16, "16 bytes");
        // Payload untouched, then: 4 zero bytes | counter 1234 | direction 4000 | 5 magic bytes
        // (values unknown: zeros) | protocol 11 | 2 magic bytes (zeros).
        NS_TEST_EXPECT_MSG_EQ(Hex(ike),
                              "aabbcc"
                              "00000000"
                              "1234"
                              "4000"
                              "0000000000"
                              "11"
                              "0000",
                              "IKE trailer, client to server");

        CtcpTrailer esp;
        esp.SetCounter(7);
        esp.SetProtocol(CtcpTrailer::PROTOCOL_ESP);
        NS_TEST_EXPECT_MSG_EQ(Hex(esp),
                              "aabbcc"
                              "00000000"
                              "0007"
                              "0000"
                              "0000000000"
                              "32"
                              "0000",
                              "ESP trailer: direction field zero, protocol 0x32");
    }
};

/**
 * \ingroup vpn
 * Written, read back; and what Wireshark's heuristic would refuse is not well formed.
 */
class CtcpTrailerRoundTripTestCase : public TestCase
{
  public:
    CtcpTrailerRoundTripTestCase()
        : TestCase("cTCP trailer round trip and Wireshark's heuristic")
    {
    }

  private:
    void DoRun() override
    {
        CtcpTrailer sent;
        sent.SetCounter(65535);
        sent.SetDirection(CtcpTrailer::IKE_SERVER_TO_CLIENT);
        sent.SetProtocol(CtcpTrailer::PROTOCOL_IKE);
        Ptr<Packet> p = Create<Packet>(40);
        p->AddTrailer(sent);
        CtcpTrailer read;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveTrailer(read), 16, "16 bytes read");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 40, "payload left");
        NS_TEST_EXPECT_MSG_EQ(read.GetCounter(), 65535, "counter");
        NS_TEST_EXPECT_MSG_EQ(read.GetDirection(), CtcpTrailer::IKE_SERVER_TO_CLIENT, "direction");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(read.GetProtocol()), 0x11u, "protocol");
        NS_TEST_EXPECT_MSG_EQ(read.IsWellFormed(), true, "well formed");

        // Wireshark's checks, each broken once: zero field, direction low bits, protocol.
        const uint8_t badZero[16] = {0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x32, 0, 0};
        const uint8_t badDirection[16] = {0, 0, 0, 0, 0, 1, 0x40, 0x01, 0, 0, 0, 0, 0, 0x32, 0, 0};
        const uint8_t badProtocol[16] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x06, 0, 0};
        for (const uint8_t* bytes : {badZero, badDirection, badProtocol})
        {
            Ptr<Packet> bad = Create<Packet>(bytes, 16);
            CtcpTrailer t;
            bad->RemoveTrailer(t);
            NS_TEST_EXPECT_MSG_EQ(t.IsWellFormed(), false, "Wireshark's heuristic refuses it");
        }
        // A buffer shorter than the trailer reads nothing and is not well formed.
        Ptr<Packet> runt = Create<Packet>(10);
        CtcpTrailer t;
        NS_TEST_EXPECT_MSG_EQ(runt->RemoveTrailer(t), 0, "nothing read from a runt");
        NS_TEST_EXPECT_MSG_EQ(t.IsWellFormed(), false, "a runt is not a trailer");
    }
};

/**
 * \ingroup vpn
 * The trailer suite.
 */
class CtcpTrailerTestSuite : public TestSuite
{
  public:
    CtcpTrailerTestSuite()
        : TestSuite("vpn-ctcp-trailer", TestSuite::Type::UNIT)
    {
        AddTestCase(new CtcpTrailerBytesTestCase);
        AddTestCase(new CtcpTrailerRoundTripTestCase);
    }
};

/// The one instance of the suite.
static CtcpTrailerTestSuite g_ctcpTrailerTestSuite;
