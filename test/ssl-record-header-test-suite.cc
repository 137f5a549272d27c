/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The TLS and DTLS record headers to the byte: written before a 3-byte fragment, their exact
 * sizes and bytes, and read back field by field.
 */

#include "packet-hex.h"

#include "ns3/dtls-record-header.h"
#include "ns3/packet.h"
#include "ns3/test.h"
#include "ns3/tls-record-header.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** \return a 3-byte fragment (aa bb cc) */
Ptr<Packet>
Fragment()
{
    const uint8_t payload[3] = {0xaa, 0xbb, 0xcc};
    return Create<Packet>(payload, sizeof(payload));
}

} // namespace

/**
 * \ingroup vpn
 * A TLS record header: 5 bytes, type, 0x0303 and the fragment's length, and back.
 */
class TlsRecordHeaderTestCase : public TestCase
{
  public:
    TlsRecordHeaderTestCase()
        : TestCase("TLS record header bytes: type, version 0303, length")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> p = Fragment();
        const TlsRecordHeader written(TlsRecordHeader::HANDSHAKE, 0x1234);
        NS_TEST_EXPECT_MSG_EQ(written.GetSerializedSize(), 5, "5 bytes");
        p->AddHeader(written);
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 5 + 3, "header and fragment");
        // 16 (handshake) | 0303 | 1234, then the fragment untouched.
        NS_TEST_EXPECT_MSG_EQ(PacketHex(p),
                              "16"
                              "0303"
                              "1234"
                              "aabbcc",
                              "handshake record");

        TlsRecordHeader read;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(read), 5, "5 bytes read");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(read.GetType()), 22, "type");
        NS_TEST_EXPECT_MSG_EQ(read.GetVersion(), 0x0303, "version");
        NS_TEST_EXPECT_MSG_EQ(read.GetLength(), 0x1234, "length");
        NS_TEST_EXPECT_MSG_EQ(PacketHex(p), "aabbcc", "the fragment is left");

        Ptr<Packet> data = Fragment();
        data->AddHeader(TlsRecordHeader(TlsRecordHeader::APPLICATION_DATA, 3));
        NS_TEST_EXPECT_MSG_EQ(PacketHex(data),
                              "17"
                              "0303"
                              "0003"
                              "aabbcc",
                              "application data");
    }
};

/**
 * \ingroup vpn
 * A DTLS 1.2 record header: 13 bytes, type, 0xfefd, epoch, 48-bit sequence and length, and back.
 */
class DtlsRecordHeaderTestCase : public TestCase
{
  public:
    DtlsRecordHeaderTestCase()
        : TestCase("DTLS record header bytes: type, version fefd, epoch, 48-bit sequence, length")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> p = Fragment();
        // Bits above 48 of the sequence number are not written.
        const DtlsRecordHeader written(TlsRecordHeader::APPLICATION_DATA,
                                       1,
                                       0xff0102030405060aULL,
                                       3);
        NS_TEST_EXPECT_MSG_EQ(written.GetSerializedSize(), 13, "13 bytes");
        p->AddHeader(written);
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 13 + 3, "header and fragment");
        // 17 (application data) | fefd | epoch 0001 | sequence 0203 0405060a (the low 48 bits,
        // high 16 then low 32) | length 0003, then the fragment untouched.
        NS_TEST_EXPECT_MSG_EQ(PacketHex(p),
                              "17"
                              "fefd"
                              "0001"
                              "0203"
                              "0405060a"
                              "0003"
                              "aabbcc",
                              "application-data record, epoch 1");

        DtlsRecordHeader read;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(read), 13, "13 bytes read");
        NS_TEST_EXPECT_MSG_EQ(uint32_t(read.GetType()), 23, "type");
        NS_TEST_EXPECT_MSG_EQ(read.GetVersion(), 0xfefd, "version");
        NS_TEST_EXPECT_MSG_EQ(read.GetEpoch(), 1, "epoch");
        NS_TEST_EXPECT_MSG_EQ(read.GetSequence(), 0x02030405060aULL, "48-bit sequence");
        NS_TEST_EXPECT_MSG_EQ(read.GetLength(), 3, "length");
        NS_TEST_EXPECT_MSG_EQ(PacketHex(p), "aabbcc", "the fragment is left");

        Ptr<Packet> hello = Fragment();
        hello->AddHeader(DtlsRecordHeader(TlsRecordHeader::HANDSHAKE, 0, 7, 3));
        NS_TEST_EXPECT_MSG_EQ(PacketHex(hello),
                              "16"
                              "fefd"
                              "0000"
                              "000000000007"
                              "0003"
                              "aabbcc",
                              "handshake record, epoch 0, sequence 7");
    }
};

/**
 * \ingroup vpn
 * The TLS and DTLS record header suite.
 */
class SslRecordHeaderTestSuite : public TestSuite
{
  public:
    SslRecordHeaderTestSuite()
        : TestSuite("vpn-ssl-record-header", TestSuite::Type::UNIT)
    {
        AddTestCase(new TlsRecordHeaderTestCase);
        AddTestCase(new DtlsRecordHeaderTestCase);
    }
};

/// The one instance of the suite.
static SslRecordHeaderTestSuite g_sslRecordHeaderTestSuite;
