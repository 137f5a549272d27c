/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev1-message.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1Message");

NS_OBJECT_ENSURE_REGISTERED(Ikev1Message);

namespace
{
/// HASH payload type (RFC 2408 section 3.11): the first payload of every encrypted message.
constexpr uint8_t PAYLOAD_HASH = 8;
/// Nonce payload type (RFC 2408 section 3.13): the stand-in payload of a message in clear.
constexpr uint8_t PAYLOAD_NONCE = 10;
/// Generic payload header (RFC 2408 section 3.2).
constexpr uint32_t PAYLOAD_HEADER_SIZE = 4;
} // namespace

TypeId
Ikev1Message::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev1Message")
                            .SetParent<Header>()
                            .SetGroupName("Vpn")
                            .AddConstructor<Ikev1Message>();
    return tid;
}

TypeId
Ikev1Message::GetInstanceTypeId() const
{
    return GetTypeId();
}

Ikev1Message::Ikev1Message()
    : m_initiatorCookie(0),
      m_responderCookie(0),
      m_exchangeType(AGGRESSIVE),
      m_flags(0),
      m_messageId(0),
      m_size(MIN_SIZE),
      m_kind(0),
      m_value(0)
{
}

void
Ikev1Message::SetInitiatorCookie(uint64_t cookie)
{
    m_initiatorCookie = cookie;
}

uint64_t
Ikev1Message::GetInitiatorCookie() const
{
    return m_initiatorCookie;
}

void
Ikev1Message::SetResponderCookie(uint64_t cookie)
{
    m_responderCookie = cookie;
}

uint64_t
Ikev1Message::GetResponderCookie() const
{
    return m_responderCookie;
}

void
Ikev1Message::SetExchangeType(ExchangeType type)
{
    m_exchangeType = type;
}

uint8_t
Ikev1Message::GetExchangeType() const
{
    return m_exchangeType;
}

void
Ikev1Message::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
Ikev1Message::GetFlags() const
{
    return m_flags;
}

bool
Ikev1Message::IsEncrypted() const
{
    return (m_flags & FLAG_ENCRYPTION) != 0;
}

void
Ikev1Message::SetMessageId(uint32_t id)
{
    m_messageId = id;
}

uint32_t
Ikev1Message::GetMessageId() const
{
    return m_messageId;
}

void
Ikev1Message::SetKind(uint16_t kind)
{
    m_kind = kind;
}

uint16_t
Ikev1Message::GetKind() const
{
    return m_kind;
}

void
Ikev1Message::SetValue(uint32_t value)
{
    m_value = value;
}

uint32_t
Ikev1Message::GetValue() const
{
    return m_value;
}

void
Ikev1Message::SetInnerAddress(Ipv4Address address)
{
    m_inner = address;
}

Ipv4Address
Ikev1Message::GetInnerAddress() const
{
    return m_inner;
}

void
Ikev1Message::SetMessageSize(uint32_t size)
{
    m_size = std::max(size, MIN_SIZE);
}

uint32_t
Ikev1Message::GetMessageSize() const
{
    return m_size;
}

bool
Ikev1Message::IsWellFormed(Ptr<const Packet> packet)
{
    const uint32_t size = packet->GetSize();
    if (size < MIN_SIZE)
    {
        return false;
    }
    uint8_t bytes[HEADER_SIZE + PAYLOAD_HEADER_SIZE];
    packet->CopyData(bytes, sizeof(bytes));
    const uint32_t length = (uint32_t(bytes[24]) << 24) | (uint32_t(bytes[25]) << 16) |
                            (uint32_t(bytes[26]) << 8) | uint32_t(bytes[27]);
    if (bytes[17] != VERSION || length != size)
    {
        return false;
    }
    if (bytes[19] & FLAG_ENCRYPTION)
    {
        return true;
    }
    const uint32_t payloadLength = (uint32_t(bytes[30]) << 8) | uint32_t(bytes[31]);
    return payloadLength == size - HEADER_SIZE;
}

void
Ikev1Message::Print(std::ostream& os) const
{
    os << "IKEv1 exchange=" << uint32_t(m_exchangeType) << " flags=0x" << std::hex
       << uint32_t(m_flags) << std::dec << " id=" << m_messageId << " cky_i=" << m_initiatorCookie
       << " cky_r=" << m_responderCookie << " kind=" << m_kind << " value=" << m_value
       << " inner=" << m_inner << " length=" << m_size;
}

uint32_t
Ikev1Message::GetSerializedSize() const
{
    return m_size;
}

void
Ikev1Message::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(m_initiatorCookie);
    i.WriteHtonU64(m_responderCookie);
    i.WriteU8(IsEncrypted() ? PAYLOAD_HASH : PAYLOAD_NONCE);
    i.WriteU8(VERSION);
    i.WriteU8(m_exchangeType);
    i.WriteU8(m_flags);
    i.WriteHtonU32(m_messageId);
    i.WriteHtonU32(m_size);
    uint32_t body = m_size - HEADER_SIZE;
    if (!IsEncrypted())
    {
        // One Nonce payload (RFC 2408 section 3.2 and 3.13) fills the rest of the message.
        i.WriteU8(0); // no next payload
        i.WriteU8(0); // reserved
        i.WriteHtonU16(static_cast<uint16_t>(body));
        body -= PAYLOAD_HEADER_SIZE;
    }
    i.WriteHtonU16(m_kind);
    i.WriteU16(0);
    i.WriteHtonU32(m_value);
    i.WriteHtonU32(m_inner.Get());
    i.WriteU8(0, body - 12);
}

uint32_t
Ikev1Message::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_initiatorCookie = i.ReadNtohU64();
    m_responderCookie = i.ReadNtohU64();
    i.ReadU8(); // next payload
    i.ReadU8(); // version, checked by IsWellFormed
    m_exchangeType = i.ReadU8();
    m_flags = i.ReadU8();
    m_messageId = i.ReadNtohU32();
    m_size = std::max(i.ReadNtohU32(), MIN_SIZE);
    uint32_t body = m_size - HEADER_SIZE;
    if (!IsEncrypted())
    {
        i.Next(PAYLOAD_HEADER_SIZE);
        body -= PAYLOAD_HEADER_SIZE;
    }
    m_kind = i.ReadNtohU16();
    i.Next(2);
    m_value = i.ReadNtohU32();
    m_inner = Ipv4Address(i.ReadNtohU32());
    i.Next(body - 12);
    return m_size;
}

} // namespace ns3
