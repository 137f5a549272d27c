/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 (Ikev1Message): the ISAKMP header to the byte, and malformed messages refused.
 */

#include "packet-hex.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param size message size
 * \param encrypted set the E flag
 * \return a Quick Mode 1-like message with fixed fields
 */
Ikev1Message
Sample(uint32_t size, bool encrypted)
{
    Ikev1Message m;
    m.SetInitiatorCookie(0x0102030405060708ULL);
    m.SetResponderCookie(encrypted ? 0x1112131415161718ULL : 0);
    m.SetExchangeType(encrypted ? Ikev1Message::QUICK_MODE : Ikev1Message::AGGRESSIVE);
    m.SetFlags(encrypted ? Ikev1Message::FLAG_ENCRYPTION : 0);
    m.SetMessageId(encrypted ? 0xdeadbeef : 0);
    m.SetKind(1);
    m.SetValue(encrypted ? 0x00001234 : 0);
    m.SetInnerAddress(encrypted ? Ipv4Address("10.8.0.2") : Ipv4Address::GetAny());
    m.SetMessageSize(size);
    return m;
}

/**
 * \param m a message
 * \return it serialized
 */
Ptr<Packet>
Wire(const Ikev1Message& m)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(m);
    return p;
}

} // namespace

/**
 * \ingroup vpn
 * The ISAKMP header and body to the byte (RFC 2408 section 3.1): cookies, next payload (Nonce 10
 * in clear, HASH 8 when encrypted), version 0x10, exchange type, flags, message ID, length; in
 * clear one generic payload header whose length fills the message; and the round trip.
 */
class Ikev1MessageBytesTestCase : public TestCase
{
  public:
    Ikev1MessageBytesTestCase()
        : TestCase("Ikev1Message: exact bytes in clear and encrypted, and back")
    {
    }

  private:
    void DoRun() override
    {
        // Aggressive Mode 1, 48 bytes: header, Nonce payload of 20 (its 4-byte header, then
        // kind 1, reserved, value 0, address 0.0.0.0, 4 filler bytes).
        NS_TEST_EXPECT_MSG_EQ(PacketHex(Wire(Sample(48, false))),
                              "0102030405060708"
                              "0000000000000000"
                              "0a100400"
                              "00000000"
                              "00000030"
                              "00000014"
                              "00010000000000000000000000000000",
                              "Aggressive Mode in clear");
        // Quick Mode, 44 bytes, E flag: HASH next, no clear payload header; SPI 0x1234 and
        // 10.8.0.2 in the body that stands for the encrypted payloads.
        NS_TEST_EXPECT_MSG_EQ(PacketHex(Wire(Sample(44, true))),
                              "0102030405060708"
                              "1112131415161718"
                              "08102001"
                              "deadbeef"
                              "0000002c"
                              "00010000000012340a08000200000000",
                              "Quick Mode encrypted");

        for (bool encrypted : {false, true})
        {
            Ptr<Packet> p = Wire(Sample(300, encrypted));
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 300, "the size is the length field");
            NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(p), true, "well formed");
            Ikev1Message back;
            p->RemoveHeader(back);
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 0, "all of it read");
            NS_TEST_EXPECT_MSG_EQ(back.GetInitiatorCookie(), 0x0102030405060708ULL, "CKY-I");
            NS_TEST_EXPECT_MSG_EQ(back.IsEncrypted(), encrypted, "E flag");
            NS_TEST_EXPECT_MSG_EQ(back.GetMessageId(), encrypted ? 0xdeadbeef : 0, "ID");
            NS_TEST_EXPECT_MSG_EQ(back.GetKind(), 1, "kind");
            NS_TEST_EXPECT_MSG_EQ(back.GetValue(), encrypted ? 0x1234 : 0, "SPI");
            NS_TEST_EXPECT_MSG_EQ(back.GetInnerAddress(),
                                  encrypted ? Ipv4Address("10.8.0.2") : Ipv4Address::GetAny(),
                                  "inner address");
        }
        Ikev1Message small;
        small.SetMessageSize(10);
        NS_TEST_EXPECT_MSG_EQ(small.GetMessageSize(), Ikev1Message::MIN_SIZE, "never below 44");
    }
};

/**
 * \ingroup vpn
 * IsWellFormed refuses what Deserialize could not read safely: too short, an IKEv2 version
 * byte, a length field that is not the message's, a clear payload that does not fill it.
 */
class Ikev1MessageMalformedTestCase : public TestCase
{
  public:
    Ikev1MessageMalformedTestCase()
        : TestCase("Ikev1Message: short, wrong version, wrong lengths refused")
    {
    }

  private:
    /**
     * \param p a message
     * \param offset a byte
     * \param value its new value
     * \return a copy with the byte changed
     */
    static Ptr<Packet> Patch(Ptr<const Packet> p, uint32_t offset, uint8_t value)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        b[offset] = value;
        return Create<Packet>(b.data(), b.size());
    }

    void DoRun() override
    {
        Ptr<Packet> clear = Wire(Sample(64, false));
        Ptr<Packet> encrypted = Wire(Sample(64, true));
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(clear), true, "the base case");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Create<Packet>(43)), false, "43 bytes");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 17, 0x20)),
                              false,
                              "version 2.0 is IKEv2");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 27, 65)),
                              false,
                              "length field one more than the bytes");
        Ptr<Packet> longer = clear->Copy();
        longer->AddAtEnd(Create<Packet>(1));
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(longer), false, "a byte past the length");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 31, 35)),
                              false,
                              "clear payload length short of the message");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(encrypted, 31, 35)),
                              true,
                              "encrypted: no clear payload header to check");
    }
};

/**
 * \ingroup vpn
 * The IKEv1 suite.
 */
class Ikev1TestSuite : public TestSuite
{
  public:
    Ikev1TestSuite()
        : TestSuite("vpn-ikev1", TestSuite::Type::UNIT)
    {
        AddTestCase(new Ikev1MessageBytesTestCase);
        AddTestCase(new Ikev1MessageMalformedTestCase);
    }
};

/// The one instance of the suite.
static Ikev1TestSuite g_ikev1TestSuite;
