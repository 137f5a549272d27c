/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "stream-framer.h"

#include "ns3/log.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StreamFramer");

StreamFramer::Format
StreamFramer::Rfc9329(bool expectPreamble)
{
    // RFC 9329 section 3.1: Length (2 octets, counts itself), then a non-ESP marker or an ESP SPI
    // (4 octets, zero or not); 16 bits cap it at 65535. A length below 2 cannot be framed and
    // breaks the stream; a message too short for a marker or SPI is still a message, which the
    // carrier drops (Linux espintcp after commit fadd1a63a7b4, "espintcp: handle short messages
    // instead of breaking the encap socket": espintcp_parse refuses only len < 2).
    return Format{2, 0, true, 2, 65535, expectPreamble ? "IKETCP" : ""};
}

StreamFramer::Format
StreamFramer::TlsRecord(uint32_t maxLength)
{
    // RFC 5246 section 6.2.1 / RFC 8446 section 5.1: type (1), version (2), length (2).
    return Format{5, 3, false, 1, maxLength, ""};
}

std::string
StreamFramer::ErrorName(Error error)
{
    switch (error)
    {
    case NONE:
        return "none";
    case BAD_PREAMBLE:
        return "bad-preamble";
    case TOO_SHORT:
        return "length-too-short";
    case TOO_LONG:
        return "length-too-long";
    }
    return "unknown";
}

StreamFramer::StreamFramer()
    : StreamFramer(Rfc9329(false))
{
}

StreamFramer::StreamFramer(const Format& format)
    : m_format(format),
      m_bytes(Create<Packet>()),
      m_preambleSeen(format.preamble.empty()),
      m_error(NONE),
      m_frames(0)
{
    NS_ASSERT_MSG(format.headerSize >= format.lengthOffset + 2, "length field outside header");
}

void
StreamFramer::Add(Ptr<const Packet> bytes)
{
    if (m_error == NONE && bytes->GetSize() > 0)
    {
        m_bytes->AddAtEnd(bytes);
    }
}

Ptr<Packet>
StreamFramer::Next()
{
    if (m_error != NONE)
    {
        return nullptr;
    }
    const uint32_t available = m_bytes->GetSize();
    if (!m_preambleSeen)
    {
        // Compare what has arrived so far, so a wrong stream is refused at its first bytes.
        const uint32_t want = m_format.preamble.size();
        const uint32_t have = std::min(available, want);
        std::vector<uint8_t> head(have);
        m_bytes->CopyData(head.data(), have);
        if (!std::equal(head.begin(), head.end(), m_format.preamble.begin()))
        {
            m_error = BAD_PREAMBLE;
            return nullptr;
        }
        if (have < want)
        {
            return nullptr;
        }
        m_bytes->RemoveAtStart(want);
        m_preambleSeen = true;
        return Next();
    }
    if (available < m_format.headerSize)
    {
        return nullptr;
    }
    std::vector<uint8_t> header(m_format.headerSize);
    m_bytes->CopyData(header.data(), m_format.headerSize);
    const uint32_t length =
        (uint32_t(header[m_format.lengthOffset]) << 8) | header[m_format.lengthOffset + 1];
    if (length < m_format.minLength ||
        (m_format.lengthCountsHeader && length < m_format.headerSize))
    {
        m_error = TOO_SHORT;
        return nullptr;
    }
    if (length > m_format.maxLength)
    {
        m_error = TOO_LONG;
        return nullptr;
    }
    const uint32_t frame = m_format.lengthCountsHeader ? length : m_format.headerSize + length;
    if (available < frame)
    {
        return nullptr;
    }
    Ptr<Packet> out = m_bytes->CreateFragment(0, frame);
    m_bytes->RemoveAtStart(frame);
    ++m_frames;
    return out;
}

bool
StreamFramer::IsFailed() const
{
    return m_error != NONE;
}

StreamFramer::Error
StreamFramer::GetError() const
{
    return m_error;
}

uint32_t
StreamFramer::GetBuffered() const
{
    return m_bytes->GetSize();
}

uint64_t
StreamFramer::GetFrames() const
{
    return m_frames;
}

} // namespace ns3
