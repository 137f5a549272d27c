/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP header, trailer and cipher-suite arithmetic: byte-exact layouts against RFC 4303.
 */

#include "esp-test-profiles.h"

#include "ns3/esp-cipher-suite.h"
#include "ns3/esp-header.h"
#include "ns3/esp-trailer.h"
#include "ns3/packet.h"
#include "ns3/test.h"

#include <vector>

using namespace ns3;

/**
 * \ingroup vpn
 * SPI and sequence number are written in network byte order and read back.
 */
class EspHeaderBytesTestCase : public TestCase
{
  public:
    EspHeaderBytesTestCase()
        : TestCase("EspHeader writes SPI and sequence number big-endian, 8 bytes")
    {
    }

  private:
    void DoRun() override
    {
        EspHeader header;
        header.SetSpi(0x01020304);
        header.SetSequenceNumber(0xA0B0C0D0);
        NS_TEST_ASSERT_MSG_EQ(header.GetSerializedSize(), 8, "RFC 4303 section 2: 4 + 4 bytes");
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(header);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        const std::vector<uint8_t> expected{0x01, 0x02, 0x03, 0x04, 0xA0, 0xB0, 0xC0, 0xD0};
        NS_TEST_ASSERT_MSG_EQ((bytes == expected),
                              true,
                              "SPI then sequence, most significant first");

        EspHeader read;
        NS_TEST_ASSERT_MSG_EQ(packet->RemoveHeader(read), 8, "8 bytes read");
        NS_TEST_ASSERT_MSG_EQ(read.GetSpi(), 0x01020304, "SPI round trip");
        NS_TEST_ASSERT_MSG_EQ(read.GetSequenceNumber(), 0xA0B0C0D0, "sequence round trip");
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 0, "nothing left");
    }
};

/**
 * \ingroup vpn
 * The trailer writes padding 1, 2, 3, ..., Pad Length, Next Header and a zero ICV, and reads
 * them back from the end of the buffer, also when the buffer is damaged.
 */
class EspTrailerBytesTestCase : public TestCase
{
  public:
    EspTrailerBytesTestCase()
        : TestCase("EspTrailer layout, round trip, bad padding and short buffers")
    {
    }

  private:
    void DoRun() override
    {
        EspTrailer trailer;
        trailer.SetPadLength(5);
        trailer.SetNextHeader(EspTrailer::NEXT_HEADER_IPV4);
        trailer.SetIcvLength(12);
        // 5 pad + Pad Length + Next Header + 12 ICV = 19.
        NS_TEST_ASSERT_MSG_EQ(trailer.GetSerializedSize(), 19, "pad + 2 + ICV");

        // Three payload bytes 0xEE in front, so the trailer must not start at the buffer's start.
        const std::vector<uint8_t> payload(3, 0xEE);
        Ptr<Packet> packet = Create<Packet>(payload.data(), payload.size());
        packet->AddTrailer(trailer);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        std::vector<uint8_t> expected{0xEE, 0xEE, 0xEE, 1, 2, 3, 4, 5, 5, 4};
        expected.resize(3 + 19, 0); // the ICV: 12 zero bytes
        NS_TEST_ASSERT_MSG_EQ((bytes == expected), true, "RFC 4303 section 2.4 layout");

        EspTrailer read;
        read.SetIcvLength(12);
        NS_TEST_ASSERT_MSG_EQ(packet->RemoveTrailer(read), 19, "whole trailer read");
        NS_TEST_ASSERT_MSG_EQ(read.GetPadLength(), 5, "Pad Length round trip");
        NS_TEST_ASSERT_MSG_EQ(read.GetNextHeader(), 4, "Next Header round trip");
        NS_TEST_ASSERT_MSG_EQ(read.IsPaddingValid(), true, "padding was 1..5");
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), 3, "payload left intact");

        // The third pad byte changed from 3 to 9: read, but flagged.
        bytes[3 + 2] = 9;
        Ptr<Packet> damaged = Create<Packet>(bytes.data(), bytes.size());
        EspTrailer bad;
        bad.SetIcvLength(12);
        damaged->PeekTrailer(bad);
        NS_TEST_ASSERT_MSG_EQ(bad.IsPaddingValid(), false, "pad byte 3 is not 3");

        // Pad Length 200 in a 22-byte buffer: only the ICV and the two fixed bytes are read.
        bytes[3 + 5] = 200;
        Ptr<Packet> overlong = Create<Packet>(bytes.data(), bytes.size());
        EspTrailer longPad;
        longPad.SetIcvLength(12);
        NS_TEST_ASSERT_MSG_EQ(overlong->PeekTrailer(longPad), 14, "12 ICV + 2 fixed bytes read");
        NS_TEST_ASSERT_MSG_EQ(longPad.IsPaddingValid(), false, "200 pad bytes do not fit in 8");

        // Ten bytes cannot hold a 12-byte ICV and two fixed bytes: nothing is read.
        Ptr<Packet> tiny = Create<Packet>(10);
        EspTrailer none;
        none.SetIcvLength(12);
        NS_TEST_ASSERT_MSG_EQ(tiny->PeekTrailer(none), 0, "nothing read from a short buffer");
        NS_TEST_ASSERT_MSG_EQ(none.IsPaddingValid(), false, "short buffer is malformed");
    }
};

/**
 * \ingroup vpn
 * Cipher-suite profiles: look-up, refusals, and padding/overhead against an independent formula.
 */
class EspCipherSuiteTestCase : public TestCase
{
  public:
    EspCipherSuiteTestCase()
        : TestCase("Cipher suites: profiles, unknown names, padding and overhead arithmetic")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<std::string> names = EspCipherSuite::Names();
        NS_TEST_ASSERT_MSG_EQ(names.size(), 4, "four profiles");
        NS_TEST_ASSERT_MSG_EQ(names.front(), "aes-cbc-hmac-sha1", "the default comes first");

        EspCipherSuite suite;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(EspCipherSuite::Lookup("aes-ccm", suite, error), false, "unknown");
        NS_TEST_ASSERT_MSG_NE(error.find("'aes-ccm'"), std::string::npos, "names the bad name");
        for (const auto& name : names)
        {
            NS_TEST_ASSERT_MSG_NE(error.find(name), std::string::npos, "lists " + name);
        }

        // Independent arithmetic: the encrypted part (inner + 2 rounded up to the alignment)
        // plus header 8, IV and ICV. Alignment: AES block 16, else RFC 4303's 4 bytes.
        for (const auto& p : EspTestProfiles())
        {
            NS_TEST_ASSERT_MSG_EQ(EspCipherSuite::Lookup(p.name, suite, error), true, error);
            NS_TEST_ASSERT_MSG_EQ(suite.Alignment(), p.align, p.name + " alignment");
            for (uint32_t inner = 0; inner <= 1600; ++inner)
            {
                const uint32_t blocks = (inner + 2 + p.align - 1) / p.align;
                const uint32_t encrypted = blocks * p.align;
                NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(suite.PadLength(p.iv + inner)),
                                      encrypted - inner - 2,
                                      p.name + " pad for inner " + std::to_string(inner));
                NS_TEST_ASSERT_MSG_EQ(suite.Overhead(inner),
                                      8 + p.iv + encrypted + p.icv - inner,
                                      p.name + " overhead for inner " + std::to_string(inner));
            }
        }

        // Worked by hand for the default, inner 1400: 1400 + 2 = 1402 = 87 * 16 + 10, so pad 6
        // and the encrypted part is 1408; ESP = 8 + 16 + 1408 + 12 = 1444, overhead 44.
        EspCipherSuite::Lookup("aes-cbc-hmac-sha1", suite, error);
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(suite.PadLength(16 + 1400)), 6, "pad 6");
        NS_TEST_ASSERT_MSG_EQ(suite.Overhead(1400), 44, "1444 - 1400");
    }
};

/**
 * \ingroup vpn
 * ESP header, trailer and cipher-suite arithmetic.
 */
class EspHeaderTestSuite : public TestSuite
{
  public:
    EspHeaderTestSuite()
        : TestSuite("vpn-esp-header", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspHeaderBytesTestCase);
        AddTestCase(new EspTrailerBytesTestCase);
        AddTestCase(new EspCipherSuiteTestCase);
    }
};

/** Static instance that registers the suite. */
static EspHeaderTestSuite g_espHeaderTestSuite;
