/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctcp-trailer.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CtcpTrailer");

NS_OBJECT_ENSURE_REGISTERED(CtcpTrailer);

namespace
{
/// Length of the first magic field (Wireshark's "Magic number").
constexpr uint32_t MAGIC_SIZE = 5;
/// Length of the second magic field (Wireshark's "Magic 2").
constexpr uint32_t MAGIC2_SIZE = 2;
} // namespace

TypeId
CtcpTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CtcpTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Vpn")
                            .AddConstructor<CtcpTrailer>();
    return tid;
}

CtcpTrailer::CtcpTrailer()
    : m_zero(0),
      m_counter(0),
      m_direction(0),
      m_protocol(PROTOCOL_ESP)
{
}

void
CtcpTrailer::SetCounter(uint16_t counter)
{
    m_counter = counter;
}

uint16_t
CtcpTrailer::GetCounter() const
{
    return m_counter;
}

void
CtcpTrailer::SetDirection(uint16_t direction)
{
    m_direction = direction;
}

uint16_t
CtcpTrailer::GetDirection() const
{
    return m_direction;
}

void
CtcpTrailer::SetProtocol(uint8_t protocol)
{
    m_protocol = protocol;
}

uint8_t
CtcpTrailer::GetProtocol() const
{
    return m_protocol;
}

bool
CtcpTrailer::IsWellFormed() const
{
    return m_zero == 0 && (m_direction & 0x0fff) == 0 &&
           (m_protocol == PROTOCOL_IKE || m_protocol == PROTOCOL_ESP);
}

TypeId
CtcpTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CtcpTrailer::Print(std::ostream& os) const
{
    os << "counter=" << m_counter << " direction=0x" << std::hex << m_direction << " protocol=0x"
       << uint32_t(m_protocol) << std::dec;
}

uint32_t
CtcpTrailer::GetSerializedSize() const
{
    return SIZE;
}

void
CtcpTrailer::Serialize(Buffer::Iterator start) const
{
    // ns-3 hands a trailer the end of its area: step back to its first byte, then write forwards.
    Buffer::Iterator i = start;
    i.Prev(SIZE);
    i.WriteHtonU32(m_zero);
    i.WriteHtonU16(m_counter);
    i.WriteHtonU16(m_direction);
    i.WriteU8(0, MAGIC_SIZE);
    i.WriteU8(m_protocol);
    i.WriteU8(0, MAGIC2_SIZE);
}

uint32_t
CtcpTrailer::Deserialize(Buffer::Iterator end)
{
    const uint32_t available = end.GetSize() - end.GetRemainingSize();
    if (available < SIZE)
    {
        NS_LOG_LOGIC("buffer of " << available << " bytes cannot hold a cTCP trailer");
        m_zero = 1; // not well formed
        m_protocol = 0;
        return 0;
    }
    Buffer::Iterator i = end;
    i.Prev(SIZE);
    m_zero = i.ReadNtohU32();
    m_counter = i.ReadNtohU16();
    m_direction = i.ReadNtohU16();
    i.Next(MAGIC_SIZE);
    m_protocol = i.ReadU8();
    i.Next(MAGIC2_SIZE);
    return SIZE;
}

} // namespace ns3
