/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-security-association.h"

#include "esp-header.h"
#include "esp-sequence-tag.h"
#include "esp-trailer.h"

#include "ns3/boolean.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspSecurityAssociation");

NS_OBJECT_ENSURE_REGISTERED(EspSecurityAssociation);

static_assert(EspSecurityAssociation::ICV_FAILED + 1 == EspSecurityAssociation::DROP_REASON_COUNT,
              "DROP_REASON_COUNT must count every DropReason");

TypeId
EspSecurityAssociation::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EspSecurityAssociation")
            .SetParent<Object>()
            .SetGroupName("Vpn")
            .AddConstructor<EspSecurityAssociation>()
            .AddAttribute("Spi",
                          "Security Parameters Index. 0 is never sent and 1-255 are reserved "
                          "(RFC 4303 section 2.1), so 256 or more.",
                          UintegerValue(MIN_SPI),
                          MakeUintegerAccessor(&EspSecurityAssociation::SetSpiAttribute,
                                               &EspSecurityAssociation::GetSpi),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CipherSuite",
                          "Cipher suite profile: aes-cbc-hmac-sha1, aes-cbc-hmac-sha256, "
                          "aes-gcm-16 or null-hmac-sha1 (sizes only, no cryptography).",
                          StringValue(EspCipherSuite::DEFAULT_NAME),
                          MakeStringAccessor(&EspSecurityAssociation::SetCipherSuiteAttribute,
                                             &EspSecurityAssociation::GetCipherSuiteName),
                          MakeStringChecker())
            .AddAttribute("ReplayWindow",
                          "Anti-replay window in packets: 0 disables the check, else a multiple "
                          "of 32 from 32 to 4096 (RFC 4303 section 3.4.3, default 64).",
                          UintegerValue(EspReplayWindow::DEFAULT_SIZE),
                          MakeUintegerAccessor(&EspSecurityAssociation::SetReplayWindowAttribute,
                                               &EspSecurityAssociation::GetReplayWindowSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "ExtendedSequenceNumbers",
                "64-bit sequence numbers whose low 32 bits travel (RFC 4303 section 2.2.1).",
                BooleanValue(true),
                MakeBooleanAccessor(&EspSecurityAssociation::SetExtendedSequenceNumbersAttribute,
                                    &EspSecurityAssociation::IsExtendedSequenceNumbers),
                MakeBooleanChecker())
            .AddAttribute(
                "IcvTagRequired",
                "Whether an inbound packet without an EspSequenceTag (the emulated ICV) fails the "
                "ICV check (icv-failed). A packet that carries the tag is always checked. False "
                "(default) for an SA used alone, so that packets built from bytes in unit tests "
                "are checked for their layout; the tunnel (EspDataPlane) sets it true on every "
                "carrier that keeps packet tags (all but tcp-encap, whose byte stream loses "
                "them).",
                BooleanValue(false),
                MakeBooleanAccessor(&EspSecurityAssociation::m_icvTagRequired),
                MakeBooleanChecker())
            .AddAttribute(
                "IcvCoversContent",
                "Whether the emulated ICV also covers the ESP packet's bytes, as the real ICV "
                "covers the ESP header, payload and trailer (RFC 4303 section 2.8), so that a copy "
                "edited anywhere fails the ICV check (icv-failed). False: only the SPI, the full "
                "sequence number and the length are covered, which saves a copy and a pass over "
                "the packet's bytes per packet at each end.",
                BooleanValue(true),
                MakeBooleanAccessor(&EspSecurityAssociation::m_icvCoversContent),
                MakeBooleanChecker())
            .AddAttribute("EncryptDelay",
                          "Modelled time to encrypt one packet; stored here, applied (in order) "
                          "by the tunnel.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&EspSecurityAssociation::m_encryptDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DecryptDelay",
                          "Modelled time to decrypt one packet; stored here, applied (in order) "
                          "by the tunnel.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&EspSecurityAssociation::m_decryptDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SequenceLimit",
                          "Packets the SA may send before it needs rekeying. 0 (default) means "
                          "the RFC 4303 maximum: 2^32-1 without ESN, 2^64-1 with ESN; larger "
                          "values are capped there.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&EspSecurityAssociation::m_sequenceLimit),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Tx",
                            "An ESP packet was built.",
                            MakeTraceSourceAccessor(&EspSecurityAssociation::m_txTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Rx",
                            "An ESP packet was accepted (fired before it is stripped).",
                            MakeTraceSourceAccessor(&EspSecurityAssociation::m_rxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "An inbound ESP packet was rejected, with the reason.",
                            MakeTraceSourceAccessor(&EspSecurityAssociation::m_dropTrace),
                            "ns3::EspSecurityAssociation::DropTracedCallback")
            .AddTraceSource(
                "SequenceExhausted",
                "An outbound packet was refused: the sequence space is used up, rekey needed.",
                MakeTraceSourceAccessor(&EspSecurityAssociation::m_exhaustedTrace),
                "ns3::EspSecurityAssociation::SequenceExhaustedTracedCallback");
    return tid;
}

EspSecurityAssociation::EspSecurityAssociation()
    : m_spi(MIN_SPI),
      m_esn(true),
      m_icvTagRequired(false),
      m_icvCoversContent(true),
      m_icvKey(0),
      m_sequenceLimit(0),
      m_txSequence(0),
      m_txPackets(0),
      m_txBytes(0),
      m_rxPackets(0),
      m_rxBytes(0),
      m_exhaustedCount(0),
      m_drops{}
{
    NS_LOG_FUNCTION(this);
    DeriveIcvKey();
}

EspSecurityAssociation::~EspSecurityAssociation()
{
    NS_LOG_FUNCTION(this);
}

void
EspSecurityAssociation::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_replay.Reset();
    Object::DoDispose();
}

std::string
EspSecurityAssociation::DropReasonName(DropReason reason)
{
    switch (reason)
    {
    case BAD_SPI:
        return "bad-spi";
    case TRUNCATED:
        return "truncated";
    case BAD_PADDING:
        return "bad-padding";
    case BAD_NEXT_HEADER:
        return "bad-next-header";
    case REPLAY:
        return "replay";
    case TOO_OLD:
        return "too-old";
    case DUMMY:
        return "dummy";
    case ICV_FAILED:
        return "icv-failed";
    }
    return "unknown";
}

bool
EspSecurityAssociation::Validate(uint32_t spi,
                                 const std::string& suite,
                                 uint32_t window,
                                 std::string& error)
{
    if (spi < MIN_SPI)
    {
        error = "bad ESP SPI " + std::to_string(spi) +
                "; accepted: 256 to 4294967295 (0 is never sent, 1-255 are reserved, RFC 4303 "
                "section 2.1)";
        return false;
    }
    EspCipherSuite found;
    return EspCipherSuite::Lookup(suite, found, error) &&
           EspReplayWindow::IsValidSize(window, error);
}

bool
EspSecurityAssociation::Configure(uint32_t spi,
                                  const std::string& suite,
                                  uint32_t window,
                                  std::string& error)
{
    NS_LOG_FUNCTION(this << spi << suite << window);
    if (!Validate(spi, suite, window, error))
    {
        return false;
    }
    m_spi = spi;
    DeriveIcvKey();
    EspCipherSuite::Lookup(suite, m_suite, error);
    m_replay.SetSize(window, error);
    return true;
}

void
EspSecurityAssociation::SetSpiAttribute(uint32_t spi)
{
    std::string error;
    if (!Validate(spi, m_suite.name, m_replay.GetSize(), error))
    {
        NS_FATAL_ERROR(error);
    }
    m_spi = spi;
    DeriveIcvKey();
}

void
EspSecurityAssociation::SetCipherSuiteAttribute(const std::string& name)
{
    std::string error;
    if (!EspCipherSuite::Lookup(name, m_suite, error))
    {
        NS_FATAL_ERROR(error);
    }
}

std::string
EspSecurityAssociation::GetCipherSuiteName() const
{
    return m_suite.name;
}

void
EspSecurityAssociation::SetReplayWindowAttribute(uint32_t size)
{
    std::string error;
    if (!m_replay.SetSize(size, error))
    {
        NS_FATAL_ERROR(error);
    }
}

void
EspSecurityAssociation::SetExtendedSequenceNumbersAttribute(bool enable)
{
    m_esn = enable;
    m_replay.SetExtendedSequenceNumbers(enable);
}

namespace
{
/**
 * The secret half of the emulated ICV key, private to this file (see the class comment): a
 * fixed odd constant, so that runs repeat exactly.
 */
constexpr uint64_t ICV_KEY_SECRET = 0x6a09e667f3bcc909ULL;

/**
 * SplitMix64's finalizer (Steele, Lea and Flood, OOPSLA 2014): a cheap bijective 64-bit mix in
 * which every input bit changes about half the output bits.
 * \param x the input
 * \return the mixed value
 */
uint64_t
Mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/**
 * A 64-bit digest of a packet's bytes for the emulated ICV: one multiply-xorshift round per
 * 8-byte word (the tail zero-padded). Each round is a bijection of the running value for a given
 * word, so two packets of the same length that differ in exactly one word always give different
 * digests; several differences collide with a chance of about 2^-64. Not a cryptographic hash:
 * the attacker in the simulation never learns the key it is mixed with.
 * \param packet the packet
 * \return the digest
 */
uint64_t
ContentDigest(Ptr<const Packet> packet)
{
    // One buffer per thread, grown to the largest packet seen: no allocation per packet.
    thread_local std::vector<uint8_t> bytes;
    const uint32_t size = packet->GetSize();
    if (bytes.size() < size + 8)
    {
        bytes.resize(size + 8);
    }
    packet->CopyData(bytes.data(), size);
    std::fill(bytes.begin() + size, bytes.begin() + size + 8, 0);
    uint64_t digest = 0;
    for (uint32_t k = 0; k < size; k += 8)
    {
        uint64_t word;
        std::memcpy(&word, bytes.data() + k, sizeof(word));
        digest = (digest ^ word) * 0x9fb21c651e98df25ULL;
        digest ^= digest >> 32;
    }
    return digest;
}
} // namespace

void
EspSecurityAssociation::DeriveIcvKey()
{
    m_icvKey = Mix64(ICV_KEY_SECRET ^ m_spi);
}

uint64_t
EspSecurityAssociation::ComputeIcv(uint64_t seq, Ptr<const Packet> packet) const
{
    const uint32_t size = packet->GetSize();
    const uint64_t icv = Mix64(Mix64(m_icvKey ^ seq) + size);
    return m_icvCoversContent ? Mix64(icv ^ ContentDigest(packet)) : icv;
}

bool
EspSecurityAssociation::IsIcvTagRequired() const
{
    return m_icvTagRequired;
}

Ptr<Packet>
EspSecurityAssociation::Encapsulate(Ptr<const Packet> inner, uint8_t nextHeader)
{
    NS_LOG_FUNCTION(this << inner << static_cast<uint32_t>(nextHeader));
    if (m_txSequence >= GetSequenceLimit())
    {
        // RFC 4303 section 3.3.3: the counter must not cycle; a new SA is needed.
        NS_LOG_LOGIC("sequence space exhausted after " << m_txSequence << " packets");
        ++m_exhaustedCount;
        m_exhaustedTrace(inner, m_txSequence);
        return nullptr;
    }
    const uint64_t seq = ++m_txSequence;

    // The IV carries the 64-bit sequence number in its last bytes, as RFC 4106 section 3.1
    // suggests for GCM; it is only a unique value here, as nothing is encrypted.
    std::vector<uint8_t> iv(m_suite.ivLength, 0);
    for (uint32_t k = 0; k < 8 && k < iv.size(); ++k)
    {
        iv[iv.size() - 1 - k] = static_cast<uint8_t>(seq >> (8 * k));
    }
    Ptr<Packet> packet = Create<Packet>(iv.data(), iv.size());
    packet->AddAtEnd(inner);

    EspTrailer trailer;
    trailer.SetPadLength(m_suite.PadLength(packet->GetSize()));
    trailer.SetNextHeader(nextHeader);
    trailer.SetIcvLength(m_suite.icvLength);
    packet->AddTrailer(trailer);

    EspHeader header;
    header.SetSpi(m_spi);
    header.SetSequenceNumber(static_cast<uint32_t>(seq));
    packet->AddHeader(header);
    // The emulated ICV over SPI, full sequence number, length and bytes (see EspSequenceTag).
    packet->AddPacketTag(EspSequenceTag(seq, ComputeIcv(seq, packet)));

    ++m_txPackets;
    m_txBytes += packet->GetSize();
    m_txTrace(packet);
    return packet;
}

bool
EspSecurityAssociation::Decapsulate(Ptr<Packet> packet, uint8_t& nextHeader, DropReason* reason)
{
    NS_LOG_FUNCTION(this << packet);
    const uint32_t size = packet->GetSize();
    const uint32_t fixed = EspHeader::SIZE + m_suite.ivLength + m_suite.icvLength;
    // The encrypted part (inner, padding, Pad Length, Next Header) holds at least the two fixed
    // bytes and is a multiple of the alignment (RFC 4303 section 2.4).
    if (size < fixed + 2 || (size - fixed) % m_suite.Alignment() != 0)
    {
        return Drop(packet, TRUNCATED, reason);
    }
    const uint32_t encrypted = size - fixed;

    EspHeader header;
    packet->PeekHeader(header);
    if (header.GetSpi() != m_spi)
    {
        return Drop(packet, BAD_SPI, reason);
    }

    uint64_t fullSeq = 0;
    switch (m_replay.Check(header.GetSequenceNumber(), fullSeq))
    {
    case EspReplayWindow::REPLAY:
        return Drop(packet, REPLAY, reason);
    case EspReplayWindow::TOO_OLD:
        return Drop(packet, TOO_OLD, reason);
    case EspReplayWindow::OK:
        break;
    }

    // Section 3.4.4: the ICV is verified next, before the window moves. The emulated ICV covers
    // the SPI (through the key), the inferred full sequence number (so a wrong ESN guess fails,
    // Appendix A2.2), the length and, with IcvCoversContent, the bytes (section 2.8).
    EspSequenceTag sent;
    const bool tagged = packet->PeekPacketTag(sent);
    if (tagged ? sent.GetIcv() != ComputeIcv(fullSeq, packet) : m_icvTagRequired)
    {
        return Drop(packet, ICV_FAILED, reason);
    }

    EspTrailer trailer;
    trailer.SetIcvLength(m_suite.icvLength);
    packet->PeekTrailer(trailer);
    if (!trailer.IsPaddingValid() || trailer.GetPadLength() + 2U > encrypted)
    {
        return Drop(packet, BAD_PADDING, reason);
    }
    const uint8_t next = trailer.GetNextHeader();
    if (next != EspTrailer::NEXT_HEADER_IPV4 && next != EspTrailer::NEXT_HEADER_IPV6 &&
        next != EspTrailer::NEXT_HEADER_NONE)
    {
        return Drop(packet, BAD_NEXT_HEADER, reason);
    }

    // Integrity is assumed: the packet is authentic, so it now moves the window (section 3.4.3).
    m_replay.Update(fullSeq);
    if (next == EspTrailer::NEXT_HEADER_NONE)
    {
        // RFC 4303 section 2.6: "the receiver MUST silently discard" a dummy packet.
        return Drop(packet, DUMMY, reason);
    }

    ++m_rxPackets;
    m_rxBytes += size;
    m_rxTrace(packet);
    packet->RemoveHeader(header);
    packet->RemoveAtStart(m_suite.ivLength);
    packet->RemoveTrailer(trailer);
    packet->RemovePacketTag(sent);
    nextHeader = next;
    return true;
}

bool
EspSecurityAssociation::Drop(Ptr<const Packet> packet, DropReason reason, DropReason* out)
{
    if (out)
    {
        *out = reason;
    }
    NS_LOG_LOGIC("drop " << DropReasonName(reason) << " size " << packet->GetSize());
    ++m_drops[reason];
    m_dropTrace(packet, reason);
    return false;
}

uint32_t
EspSecurityAssociation::GetOverhead(uint32_t innerLength) const
{
    return m_suite.Overhead(innerLength);
}

uint32_t
EspSecurityAssociation::GetSpi() const
{
    return m_spi;
}

const EspCipherSuite&
EspSecurityAssociation::GetCipherSuite() const
{
    return m_suite;
}

uint32_t
EspSecurityAssociation::GetReplayWindowSize() const
{
    return m_replay.GetSize();
}

bool
EspSecurityAssociation::IsExtendedSequenceNumbers() const
{
    return m_esn;
}

Time
EspSecurityAssociation::GetEncryptDelay() const
{
    return m_encryptDelay;
}

Time
EspSecurityAssociation::GetDecryptDelay() const
{
    return m_decryptDelay;
}

uint64_t
EspSecurityAssociation::GetSequenceLimit() const
{
    const uint64_t cap =
        m_esn ? std::numeric_limits<uint64_t>::max() : std::numeric_limits<uint32_t>::max();
    return m_sequenceLimit == 0 ? cap : std::min(m_sequenceLimit, cap);
}

uint64_t
EspSecurityAssociation::GetTxSequenceNumber() const
{
    return m_txSequence;
}

uint64_t
EspSecurityAssociation::GetRxHighestSequenceNumber() const
{
    return m_replay.GetTop();
}

uint64_t
EspSecurityAssociation::GetTxPackets() const
{
    return m_txPackets;
}

uint64_t
EspSecurityAssociation::GetTxBytes() const
{
    return m_txBytes;
}

uint64_t
EspSecurityAssociation::GetRxPackets() const
{
    return m_rxPackets;
}

uint64_t
EspSecurityAssociation::GetRxBytes() const
{
    return m_rxBytes;
}

uint64_t
EspSecurityAssociation::GetDropCount(DropReason reason) const
{
    return m_drops[reason];
}

uint64_t
EspSecurityAssociation::GetTotalDropCount() const
{
    return std::accumulate(m_drops.begin(), m_drops.end(), uint64_t{0});
}

uint64_t
EspSecurityAssociation::GetSequenceExhaustedCount() const
{
    return m_exhaustedCount;
}

} // namespace ns3
