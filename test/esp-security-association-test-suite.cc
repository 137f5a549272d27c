/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP security association: configuration refusals, byte-exact encapsulation per cipher suite,
 * counted drops of damaged packets, and sequence-space exhaustion.
 */

#include "esp-test-profiles.h"

#include "ns3/boolean.h"
#include "ns3/esp-header.h"
#include "ns3/esp-security-association.h"
#include "ns3/esp-sequence-tag.h"
#include "ns3/esp-trailer.h"
#include "ns3/packet.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param packet a packet
 * \return its bytes
 */
std::vector<uint8_t>
BytesOf(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/**
 * \param size bytes
 * \return an inner packet of \p size bytes with a recognisable pattern
 */
Ptr<Packet>
Inner(uint32_t size)
{
    std::vector<uint8_t> bytes(size);
    for (uint32_t i = 0; i < size; ++i)
    {
        bytes[i] = static_cast<uint8_t>(i * 7 + 3);
    }
    return Create<Packet>(bytes.data(), bytes.size());
}

/**
 * \param spi the SPI
 * \param suite the cipher suite
 * \return an SA configured with them and the default window
 */
Ptr<EspSecurityAssociation>
MakeSa(uint32_t spi, const std::string& suite)
{
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    sa->Configure(spi, suite, 64, error);
    return sa;
}

} // namespace

/**
 * \ingroup vpn
 * Validate() and Configure() refuse bad SPIs, windows and suites with one clear line.
 */
class EspSaConfigurationTestCase : public TestCase
{
  public:
    EspSaConfigurationTestCase()
        : TestCase("Bad SPI, window and suite refused with a message; SA left unchanged")
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        // RFC 4303 section 2.1: 0 is never sent, 1-255 are reserved by IANA.
        for (uint32_t spi : {0U, 1U, 255U})
        {
            error.clear();
            NS_TEST_ASSERT_MSG_EQ(
                EspSecurityAssociation::Validate(spi, "aes-cbc-hmac-sha1", 64, error),
                false,
                "SPI " + std::to_string(spi));
            NS_TEST_ASSERT_MSG_NE(error.find("SPI " + std::to_string(spi)),
                                  std::string::npos,
                                  error);
            NS_TEST_ASSERT_MSG_NE(error.find("256"), std::string::npos, "says what is accepted");
        }
        NS_TEST_ASSERT_MSG_EQ(EspSecurityAssociation::Validate(256, "aes-cbc-hmac-sha1", 64, error),
                              true,
                              "256 is the first unreserved SPI");

        NS_TEST_ASSERT_MSG_EQ(EspSecurityAssociation::Validate(256, "aes-cbc-hmac-sha1", 33, error),
                              false,
                              "window 33");
        NS_TEST_ASSERT_MSG_NE(error.find("multiple of 32"), std::string::npos, error);

        NS_TEST_ASSERT_MSG_EQ(EspSecurityAssociation::Validate(256, "des-md5", 64, error),
                              false,
                              "unknown suite");
        NS_TEST_ASSERT_MSG_NE(error.find("des-md5"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_NE(error.find("null-hmac-sha1"), std::string::npos, "lists names");

        Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
        NS_TEST_ASSERT_MSG_EQ(sa->Configure(1000, "aes-gcm-16", 128, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(sa->Configure(7, "aes-cbc-hmac-sha1", 64, error), false, "SPI 7");
        NS_TEST_ASSERT_MSG_EQ(sa->GetSpi(), 1000, "unchanged after a refusal");
        NS_TEST_ASSERT_MSG_EQ(sa->GetCipherSuite().name, "aes-gcm-16", "unchanged");
        NS_TEST_ASSERT_MSG_EQ(sa->GetReplayWindowSize(), 128, "unchanged");

        // Attributes: valid values go through SetAttribute.
        sa->SetAttribute("CipherSuite", StringValue("null-hmac-sha1"));
        sa->SetAttribute("Spi", UintegerValue(256));
        NS_TEST_ASSERT_MSG_EQ(sa->GetSpi(), 256, "Spi attribute");
        // null-hmac-sha1, inner 64: 64 + 2 = 66 -> 68 (4-byte aligned); 8 + 68 + 12 = 88.
        NS_TEST_ASSERT_MSG_EQ(sa->GetOverhead(64), 88 - 64, "suite set by attribute");
        // Default limits (RFC 4303 section 3.3.3): the counter must not cycle.
        NS_TEST_ASSERT_MSG_EQ(sa->GetSequenceLimit(), UINT64_MAX, "ESN: 2^64 - 1");
        sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(false));
        NS_TEST_ASSERT_MSG_EQ(sa->GetSequenceLimit(), 4294967295ULL, "no ESN: 2^32 - 1");
    }
};

/**
 * \ingroup vpn
 * Each profile and inner sizes around the block boundaries: the ESP packet has the size RFC 4303
 * section 2.4 arithmetic gives, its bytes are laid out as the RFC says, and Decapsulate() gives
 * back the inner bytes exactly.
 */
class EspSaLayoutTestCase : public TestCase
{
  public:
    EspSaLayoutTestCase()
        : TestCase("Byte-exact encapsulation and round trip for every profile")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<uint32_t> sizes{0,  1,  2,  3,  4,    5,    13,   14,   15,   16,  17,
                                          30, 31, 32, 33, 1398, 1399, 1400, 1401, 1402, 1500};
        for (const auto& p : EspTestProfiles())
        {
            Ptr<EspSecurityAssociation> tx = MakeSa(0x12345678, p.name);
            Ptr<EspSecurityAssociation> rx = MakeSa(0x12345678, p.name);
            uint32_t expectedSeq = 0;
            for (uint32_t n : sizes)
            {
                const std::string tag = p.name + " inner " + std::to_string(n) + ": ";
                Ptr<Packet> inner = Inner(n);
                Ptr<Packet> esp = tx->Encapsulate(inner, EspTrailer::NEXT_HEADER_IPV4);
                ++expectedSeq;
                // Smallest multiple of the alignment that holds inner + Pad Length + Next Header.
                uint32_t encrypted = p.align;
                while (encrypted < n + 2)
                {
                    encrypted += p.align;
                }
                const uint32_t pad = encrypted - n - 2;
                NS_TEST_ASSERT_MSG_EQ(esp->GetSize(), 8 + p.iv + encrypted + p.icv, tag + "size");
                NS_TEST_ASSERT_MSG_EQ(inner->GetSize(), n, tag + "inner untouched");

                const std::vector<uint8_t> b = BytesOf(esp);
                // Bytes as numbers, so that a failure prints them readably.
                auto at = [&b](uint32_t i) { return static_cast<uint32_t>(b.at(i)); };
                // SPI 0x12345678 and the sequence number, big-endian.
                NS_TEST_ASSERT_MSG_EQ(at(0), 0x12, tag + "SPI byte 0");
                NS_TEST_ASSERT_MSG_EQ(at(3), 0x78, tag + "SPI byte 3");
                NS_TEST_ASSERT_MSG_EQ(at(7), expectedSeq, tag + "sequence low byte");
                const uint32_t trailer = 8 + p.iv + n;
                for (uint32_t k = 0; k < pad; ++k)
                {
                    NS_TEST_ASSERT_MSG_EQ(at(trailer + k), k + 1, tag + "pad byte");
                }
                NS_TEST_ASSERT_MSG_EQ(at(trailer + pad), pad, tag + "Pad Length");
                NS_TEST_ASSERT_MSG_EQ(at(trailer + pad + 1), 4, tag + "Next Header IPv4");

                uint8_t next = 0;
                NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(esp, next), true, tag + "accepted");
                NS_TEST_ASSERT_MSG_EQ(next, 4, tag + "Next Header");
                NS_TEST_ASSERT_MSG_EQ((BytesOf(esp) == BytesOf(inner)), true, tag + "inner bytes");
            }
            NS_TEST_ASSERT_MSG_EQ(tx->GetTxPackets(), sizes.size(), p.name + " sent");
            NS_TEST_ASSERT_MSG_EQ(rx->GetRxPackets(), sizes.size(), p.name + " accepted");
            NS_TEST_ASSERT_MSG_EQ(rx->GetTotalDropCount(), 0, p.name + " no drops");
            NS_TEST_ASSERT_MSG_EQ(rx->GetRxHighestSequenceNumber(), sizes.size(), "window edge");
        }

        // Outer IPv4 size of a 1400-byte inner packet with AES-CBC/HMAC-SHA1-96:
        // 1400 + 2 = 1402 -> 1408 (88 blocks of 16, pad 6); ESP = 8 + 16 + 1408 + 12 = 1444;
        // plus the outer IPv4 header (20) = 1464.
        Ptr<EspSecurityAssociation> sa = MakeSa(0x1000, "aes-cbc-hmac-sha1");
        NS_TEST_ASSERT_MSG_EQ(sa->Encapsulate(Inner(1400), 4)->GetSize() + 20, 1464, "1464 bytes");
        NS_TEST_ASSERT_MSG_EQ(sa->GetOverhead(1400), 44, "1444 - 1400");
    }
};

/**
 * \ingroup vpn
 * Damaged, foreign, replayed and dummy packets are counted drops, never crashes, and a dropped
 * packet is left as it was.
 */
class EspSaDropTestCase : public TestCase
{
  public:
    EspSaDropTestCase()
        : TestCase("Truncated, wrong SPI, bad padding, bad next header, replay and dummy drops")
    {
    }

  private:
    /**
     * Trace sink for Drop.
     * \param packet the rejected packet
     * \param reason why
     */
    void OnDrop(Ptr<const Packet> packet, EspSecurityAssociation::DropReason reason)
    {
        m_lastReason = reason;
        m_lastSize = packet->GetSize();
        ++m_traced;
    }

    /**
     * Offer a packet and expect a drop.
     * \param rx the receiving SA
     * \param bytes the packet
     * \param reason the expected reason
     */
    void ExpectDrop(Ptr<EspSecurityAssociation> rx,
                    const std::vector<uint8_t>& bytes,
                    EspSecurityAssociation::DropReason reason)
    {
        const std::string name = EspSecurityAssociation::DropReasonName(reason);
        const uint64_t before = rx->GetDropCount(reason);
        Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
        uint8_t next = 0;
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(packet, next), false, name + ": refused");
        NS_TEST_ASSERT_MSG_EQ(rx->GetDropCount(reason), before + 1, name + ": counted");
        NS_TEST_ASSERT_MSG_EQ(m_lastReason, reason, name + ": traced with the reason");
        NS_TEST_ASSERT_MSG_EQ(m_lastSize, bytes.size(), name + ": traced as received");
        NS_TEST_ASSERT_MSG_EQ(packet->GetSize(), bytes.size(), name + ": left unchanged");
    }

    void DoRun() override
    {
        Ptr<EspSecurityAssociation> tx = MakeSa(300, "aes-cbc-hmac-sha1");
        Ptr<EspSecurityAssociation> rx = MakeSa(300, "aes-cbc-hmac-sha1");
        rx->TraceConnectWithoutContext("Drop", MakeCallback(&EspSaDropTestCase::OnDrop, this));

        // Inner 13: 13 + 2 = 15, pad 1, encrypted 16; ESP = 8 + 16 + 16 + 12 = 52 bytes.
        const std::vector<uint8_t> good = BytesOf(tx->Encapsulate(Inner(13), 4));
        NS_TEST_ASSERT_MSG_EQ(good.size(), 52, "52-byte ESP packet");
        const uint32_t padAt = 8 + 16 + 13; // the single pad byte, then Pad Length, Next Header

        // Shorter than an empty ESP packet (8 + 16 + 2 + 12 = 38), and misaligned by one byte.
        ExpectDrop(rx,
                   std::vector<uint8_t>(good.begin(), good.begin() + 10),
                   EspSecurityAssociation::TRUNCATED);
        ExpectDrop(rx,
                   std::vector<uint8_t>(good.begin(), good.end() - 1),
                   EspSecurityAssociation::TRUNCATED);

        std::vector<uint8_t> wrongSpi = good;
        wrongSpi[3] ^= 0x01; // SPI 301
        ExpectDrop(rx, wrongSpi, EspSecurityAssociation::BAD_SPI);

        std::vector<uint8_t> badPad = good;
        badPad[padAt] = 7; // must be 1
        ExpectDrop(rx, badPad, EspSecurityAssociation::BAD_PADDING);

        std::vector<uint8_t> longPad = good;
        longPad[padAt + 1] = 255; // Pad Length 255 in a 16-byte encrypted part
        ExpectDrop(rx, longPad, EspSecurityAssociation::BAD_PADDING);

        std::vector<uint8_t> badNext = good;
        badNext[padAt + 2] = 6; // TCP is not a tunnel-mode payload
        ExpectDrop(rx, badNext, EspSecurityAssociation::BAD_NEXT_HEADER);

        // None of these moved the window: the intact packet (sequence 1) is still new.
        NS_TEST_ASSERT_MSG_EQ(rx->GetRxHighestSequenceNumber(), 0, "no drop moved the window");
        Ptr<Packet> first = Create<Packet>(good.data(), good.size());
        uint8_t next = 0;
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(first, next), true, "the intact packet passes");
        ExpectDrop(rx, good, EspSecurityAssociation::REPLAY);

        // A dummy packet (Next Header 59, RFC 4303 section 2.6) is valid: it moves the window to
        // 2 and is discarded.
        ExpectDrop(rx, BytesOf(tx->Encapsulate(Inner(0), 59)), EspSecurityAssociation::DUMMY);
        NS_TEST_ASSERT_MSG_EQ(rx->GetRxHighestSequenceNumber(), 2, "dummy moved the window");

        NS_TEST_ASSERT_MSG_EQ(rx->GetTotalDropCount(),
                              8,
                              "truncated 2, bad-spi 1, bad-padding 2, bad-next-header 1, replay 1, "
                              "dummy 1");
        NS_TEST_ASSERT_MSG_EQ(m_traced, 8, "every drop traced");
        NS_TEST_ASSERT_MSG_EQ(rx->GetRxPackets(), 1, "one accepted");
    }

    EspSecurityAssociation::DropReason m_lastReason{EspSecurityAssociation::BAD_SPI}; //!< last
    uint32_t m_lastSize{0}; //!< size of the last dropped packet
    uint32_t m_traced{0};   //!< Drop trace calls
};

/**
 * \ingroup vpn
 * A packet more than a window late: too old without ESN; with ESN the RFC infers it 2^32 ahead
 * and the ICV (here the EspSequenceTag) refuses it; the window stays put either way.
 */
class EspSaLatePacketTestCase : public TestCase
{
  public:
    /** \param esn run with extended sequence numbers */
    explicit EspSaLatePacketTestCase(bool esn)
        : TestCase(std::string("A packet later than the window, ESN ") + (esn ? "on" : "off")),
          m_esn(esn)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EspSecurityAssociation> tx = MakeSa(500, "aes-gcm-16");
        Ptr<EspSecurityAssociation> rx = MakeSa(500, "aes-gcm-16");
        tx->SetAttribute("ExtendedSequenceNumbers", BooleanValue(m_esn));
        rx->SetAttribute("ExtendedSequenceNumbers", BooleanValue(m_esn));
        std::vector<Ptr<Packet>> sent;
        for (uint32_t i = 1; i <= 70; ++i)
        {
            sent.push_back(tx->Encapsulate(Inner(20), 4));
        }
        uint8_t next = 0;
        Ptr<Packet> last = sent[69]->Copy();
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(last, next), true, "70 arrives first");
        EspSequenceTag tag;
        NS_TEST_ASSERT_MSG_EQ(last->PeekPacketTag(tag), false, "the inner packet loses the tag");

        // The window is 70 - 64 + 1 = 7 .. 70; sequence 1 is left of it. Without ESN: too old.
        // With ESN (case A, Tl = 70 >= 63): Seql 1 < 7 gives Seqh = 1, i.e. 2^32 + 1, which the
        // sender's 1 contradicts: a real ICV would fail.
        const auto expected =
            m_esn ? EspSecurityAssociation::ICV_FAILED : EspSecurityAssociation::TOO_OLD;
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(sent[0]->Copy(), next), false, "1 is refused");
        NS_TEST_ASSERT_MSG_EQ(rx->GetDropCount(expected), 1, "counted as expected");
        NS_TEST_ASSERT_MSG_EQ(rx->GetRxHighestSequenceNumber(), 70, "the window did not move");
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(sent[9]->Copy(), next), true, "10 is in the window");

        if (m_esn)
        {
            // The same bytes without the tag (a carrier that loses packet tags) are assumed
            // authentic: the RFC's guess, 2^32 + 1, is accepted and the window jumps there.
            const std::vector<uint8_t> bytes = BytesOf(sent[0]);
            Ptr<Packet> untagged = Create<Packet>(bytes.data(), bytes.size());
            NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(untagged, next), true, "no tag, no check");
            NS_TEST_ASSERT_MSG_EQ(rx->GetRxHighestSequenceNumber(),
                                  (uint64_t{1} << 32) + 1,
                                  "the documented limit");
        }
    }

    bool m_esn; //!< extended sequence numbers
};

/**
 * \ingroup vpn
 * The emulated ICV (RFC 4303 section 3.4.4) with IcvTagRequired: the genuine packet passes and
 * its retransmitted copy is a replay; the same bytes without the tag, a copy whose sequence
 * number was edited, and another SA's packet relabelled with this SPI all fail with icv-failed
 * and leave the window where it was; without IcvTagRequired the untagged bytes pass.
 */
class EspSaIcvTestCase : public TestCase
{
  public:
    EspSaIcvTestCase()
        : TestCase("The emulated ICV refuses untagged, edited and foreign packets")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<EspSecurityAssociation> tx = MakeSa(500, "aes-gcm-16");
        Ptr<EspSecurityAssociation> other = MakeSa(600, "aes-gcm-16");
        Ptr<EspSecurityAssociation> rx = MakeSa(500, "aes-gcm-16");
        rx->SetAttribute("IcvTagRequired", BooleanValue(true));
        uint8_t next = 0;
        Ptr<Packet> first = tx->Encapsulate(Inner(40), 4);
        Ptr<Packet> second = tx->Encapsulate(Inner(40), 4);
        NS_TEST_ASSERT_MSG_EQ(rx->Decapsulate(first->Copy(), next), true, "genuine 1 passes");
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(first->Copy(), next), false, "its copy: refused");
        NS_TEST_EXPECT_MSG_EQ(rx->GetDropCount(EspSecurityAssociation::REPLAY), 1, "a replay");

        // 1. The bytes of 2 without the tag.
        const std::vector<uint8_t> bytes = BytesOf(second);
        EspSecurityAssociation::DropReason reason = EspSecurityAssociation::BAD_SPI;
        NS_TEST_EXPECT_MSG_EQ(
            rx->Decapsulate(Create<Packet>(bytes.data(), bytes.size()), next, &reason),
            false,
            "untagged");
        NS_TEST_EXPECT_MSG_EQ(reason, EspSecurityAssociation::ICV_FAILED, "reported");
        // 2. A copy of 2 (tag kept) with its sequence number raised by 2^20.
        Ptr<Packet> edited = second->Copy();
        EspHeader header;
        edited->RemoveHeader(header);
        header.SetSequenceNumber(header.GetSequenceNumber() + (1U << 20));
        edited->AddHeader(header);
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(edited, next), false, "edited sequence");
        // 3. SA 600's second packet (sequence 2, ahead of the window's top, 1), relabelled SPI
        // 500: its tag matches its sequence number and length but was computed with SA 600's key.
        other->Encapsulate(Inner(40), 4);
        Ptr<Packet> foreign = other->Encapsulate(Inner(40), 4);
        foreign->RemoveHeader(header);
        header.SetSpi(500);
        foreign->AddHeader(header);
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(foreign, next), false, "another SA's packet");
        // Three ICV failures; the window's top is still 1, so the genuine 2 is accepted.
        NS_TEST_EXPECT_MSG_EQ(rx->GetDropCount(EspSecurityAssociation::ICV_FAILED), 3, "3 fail");
        NS_TEST_EXPECT_MSG_EQ(rx->GetRxHighestSequenceNumber(), 1, "the window did not move");
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(second->Copy(), next), true, "genuine 2 passes");

        // An SA that does not require the tag takes the untagged bytes (unit tests on layouts).
        Ptr<EspSecurityAssociation> lax = MakeSa(500, "aes-gcm-16");
        NS_TEST_EXPECT_MSG_EQ(lax->Decapsulate(Create<Packet>(bytes.data(), bytes.size()), next),
                              true,
                              "IcvTagRequired false: no tag, no check");
    }
};

/**
 * \ingroup vpn
 * The emulated ICV covers the bytes (IcvCoversContent, RFC 4303 section 2.8: the ICV is computed
 * over the ESP header, payload and trailer): a copy of a genuine packet with its tag kept and
 * one byte of its inner payload flipped fails with icv-failed and leaves the window; so does one
 * with a byte of its ICV field flipped. With IcvCoversContent false at both ends, the same edited
 * copy passes (the ICV then covers SPI, sequence number and length only).
 */
class EspSaIcvContentTestCase : public TestCase
{
  public:
    /** \param covers the IcvCoversContent attribute at both ends */
    explicit EspSaIcvContentTestCase(bool covers)
        : TestCase(std::string("IcvCoversContent ") + (covers ? "true" : "false") +
                   ": a copy edited in its payload " + (covers ? "fails" : "passes")),
          m_covers(covers)
    {
    }

  private:
    /**
     * A copy of a packet, tags kept, with one byte XORed with 0x01.
     * \param packet the packet
     * \param offset the byte
     * \return the copy
     */
    static Ptr<Packet> Flip(Ptr<const Packet> packet, uint32_t offset)
    {
        std::vector<uint8_t> bytes = BytesOf(packet);
        bytes[offset] ^= 0x01;
        Ptr<Packet> copy = Create<Packet>(bytes.data(), bytes.size());
        for (PacketTagIterator tags = packet->GetPacketTagIterator(); tags.HasNext();)
        {
            EspSequenceTag tag;
            PacketTagIterator::Item item = tags.Next();
            if (item.GetTypeId() == EspSequenceTag::GetTypeId())
            {
                item.GetTag(tag);
                copy->AddPacketTag(tag);
            }
        }
        return copy;
    }

    void DoRun() override
    {
        Ptr<EspSecurityAssociation> tx = MakeSa(500, "aes-gcm-16");
        Ptr<EspSecurityAssociation> rx = MakeSa(500, "aes-gcm-16");
        rx->SetAttribute("IcvTagRequired", BooleanValue(true));
        tx->SetAttribute("IcvCoversContent", BooleanValue(m_covers));
        rx->SetAttribute("IcvCoversContent", BooleanValue(m_covers));
        uint8_t next = 0;
        Ptr<Packet> first = tx->Encapsulate(Inner(40), 4);
        Ptr<Packet> second = tx->Encapsulate(Inner(40), 4);
        // Byte 30: inside the 40-byte inner packet (ESP header 8 and IV 8 come first); the last
        // byte: the ICV field's.
        const uint64_t fails = m_covers ? 2 : 0;
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(Flip(first, 30), next), !m_covers, "payload edit");
        NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(Flip(second, second->GetSize() - 1), next),
                              !m_covers,
                              "ICV field edit");
        NS_TEST_EXPECT_MSG_EQ(rx->GetDropCount(EspSecurityAssociation::ICV_FAILED),
                              fails,
                              "counted as icv-failed");
        NS_TEST_EXPECT_MSG_EQ(rx->GetRxHighestSequenceNumber(),
                              (m_covers ? 0 : 2),
                              "the window moved only for accepted packets");
        if (m_covers)
        {
            // The genuine packets, after both failures, still pass.
            NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(first->Copy(), next), true, "genuine 1");
            NS_TEST_EXPECT_MSG_EQ(rx->Decapsulate(second->Copy(), next), true, "genuine 2");
        }
    }

    bool m_covers; //!< IcvCoversContent
};

/**
 * \ingroup vpn
 * After SequenceLimit packets the SA refuses to send and fires SequenceExhausted.
 */
class EspSaExhaustionTestCase : public TestCase
{
  public:
    EspSaExhaustionTestCase()
        : TestCase("Sequence exhaustion: nullptr, counted, traced")
    {
    }

  private:
    /**
     * Trace sink for SequenceExhausted.
     * \param inner the packet not sent
     * \param last the last sequence number sent
     */
    void OnExhausted(Ptr<const Packet> inner, uint64_t last)
    {
        m_lastSequence = last;
        m_innerSize = inner->GetSize();
        ++m_traced;
    }

    void DoRun() override
    {
        Ptr<EspSecurityAssociation> sa = MakeSa(4096, "aes-gcm-16");
        sa->SetAttribute("SequenceLimit", UintegerValue(3));
        sa->TraceConnectWithoutContext("SequenceExhausted",
                                       MakeCallback(&EspSaExhaustionTestCase::OnExhausted, this));
        for (uint32_t i = 1; i <= 3; ++i)
        {
            NS_TEST_ASSERT_MSG_NE(sa->Encapsulate(Inner(100), 4), nullptr, "within the limit");
        }
        NS_TEST_ASSERT_MSG_EQ(sa->Encapsulate(Inner(100), 4), nullptr, "4th refused");
        NS_TEST_ASSERT_MSG_EQ(sa->Encapsulate(Inner(50), 4), nullptr, "5th refused");
        NS_TEST_ASSERT_MSG_EQ(sa->GetTxPackets(), 3, "three sent");
        NS_TEST_ASSERT_MSG_EQ(sa->GetTxSequenceNumber(), 3, "the counter stops at the limit");
        NS_TEST_ASSERT_MSG_EQ(sa->GetSequenceExhaustedCount(), 2, "two refusals counted");
        NS_TEST_ASSERT_MSG_EQ(m_traced, 2, "traced for each refusal");
        NS_TEST_ASSERT_MSG_EQ(m_lastSequence, 3, "last sequence sent");
        NS_TEST_ASSERT_MSG_EQ(m_innerSize, 50, "the refused inner packet");
    }

    uint64_t m_lastSequence{0}; //!< from the trace
    uint32_t m_innerSize{0};    //!< from the trace
    uint32_t m_traced{0};       //!< SequenceExhausted calls
};

/**
 * \ingroup vpn
 * ESP security association.
 */
class EspSaTestSuite : public TestSuite
{
  public:
    EspSaTestSuite()
        : TestSuite("vpn-esp-sa", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspSaConfigurationTestCase);
        AddTestCase(new EspSaLayoutTestCase);
        AddTestCase(new EspSaDropTestCase);
        AddTestCase(new EspSaLatePacketTestCase(false));
        AddTestCase(new EspSaLatePacketTestCase(true));
        AddTestCase(new EspSaIcvTestCase);
        AddTestCase(new EspSaIcvContentTestCase(true));
        AddTestCase(new EspSaIcvContentTestCase(false));
        AddTestCase(new EspSaExhaustionTestCase);
    }
};

/** Static instance that registers the suite. */
static EspSaTestSuite g_espSaTestSuite;
