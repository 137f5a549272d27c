/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-trailer.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspTrailer");

NS_OBJECT_ENSURE_REGISTERED(EspTrailer);

TypeId
EspTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Vpn")
                            .AddConstructor<EspTrailer>();
    return tid;
}

EspTrailer::EspTrailer()
    : m_padLength(0),
      m_nextHeader(NEXT_HEADER_IPV4),
      m_icvLength(0),
      m_paddingValid(true)
{
}

void
EspTrailer::SetPadLength(uint8_t padLength)
{
    m_padLength = padLength;
}

uint8_t
EspTrailer::GetPadLength() const
{
    return m_padLength;
}

void
EspTrailer::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
EspTrailer::GetNextHeader() const
{
    return m_nextHeader;
}

void
EspTrailer::SetIcvLength(uint8_t icvLength)
{
    m_icvLength = icvLength;
}

uint8_t
EspTrailer::GetIcvLength() const
{
    return m_icvLength;
}

bool
EspTrailer::IsPaddingValid() const
{
    return m_paddingValid;
}

TypeId
EspTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
EspTrailer::Print(std::ostream& os) const
{
    os << "pad=" << static_cast<uint32_t>(m_padLength)
       << " next=" << static_cast<uint32_t>(m_nextHeader)
       << " icv=" << static_cast<uint32_t>(m_icvLength);
    if (!m_paddingValid)
    {
        os << " bad-padding";
    }
}

uint32_t
EspTrailer::GetSerializedSize() const
{
    return static_cast<uint32_t>(m_padLength) + 2 + m_icvLength;
}

void
EspTrailer::Serialize(Buffer::Iterator start) const
{
    // ns-3 hands a trailer the end of its area: step back to its first byte, then write forwards.
    Buffer::Iterator i = start;
    i.Prev(GetSerializedSize());
    for (uint32_t k = 1; k <= m_padLength; ++k)
    {
        i.WriteU8(static_cast<uint8_t>(k));
    }
    i.WriteU8(m_padLength);
    i.WriteU8(m_nextHeader);
    i.WriteU8(0, m_icvLength);
}

uint32_t
EspTrailer::Deserialize(Buffer::Iterator end)
{
    // Bytes that precede the end iterator: the most this trailer may read.
    const uint32_t available = end.GetSize() - end.GetRemainingSize();
    const uint32_t fixed = 2 + static_cast<uint32_t>(m_icvLength);
    if (available < fixed)
    {
        NS_LOG_LOGIC("buffer of " << available << " bytes cannot hold an ESP trailer");
        m_padLength = 0;
        m_nextHeader = 0;
        m_paddingValid = false;
        return 0;
    }
    Buffer::Iterator i = end;
    i.Prev(fixed);
    m_padLength = i.ReadU8();
    m_nextHeader = i.ReadU8();
    if (available < fixed + m_padLength)
    {
        NS_LOG_LOGIC("pad length " << static_cast<uint32_t>(m_padLength) << " exceeds the "
                                   << available - fixed << " bytes before it");
        m_paddingValid = false;
        return fixed;
    }
    i = end;
    i.Prev(fixed + m_padLength);
    m_paddingValid = true;
    for (uint32_t k = 1; k <= m_padLength; ++k)
    {
        if (i.ReadU8() != static_cast<uint8_t>(k))
        {
            m_paddingValid = false;
        }
    }
    return GetSerializedSize();
}

} // namespace ns3
