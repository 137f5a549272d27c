/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-message.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMessage");

NS_OBJECT_ENSURE_REGISTERED(IkeMessage);

namespace
{
/// Nonce payload type (RFC 7296 section 3.9).
constexpr uint8_t PAYLOAD_NONCE = 40;
/// Encrypted and Authenticated payload type (RFC 7296 section 3.14).
constexpr uint8_t PAYLOAD_SK = 46;
/// IKEv2: major version 2, minor 0.
constexpr uint8_t IKE_VERSION_2 = 0x20;
} // namespace

TypeId
IkeMessage::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeMessage")
                            .SetParent<Header>()
                            .SetGroupName("Vpn")
                            .AddConstructor<IkeMessage>();
    return tid;
}

TypeId
IkeMessage::GetInstanceTypeId() const
{
    return GetTypeId();
}

IkeMessage::IkeMessage()
    : m_initiatorSpi(0),
      m_responderSpi(0),
      m_version(IKE_VERSION_2),
      m_exchangeType(IKE_SA_INIT),
      m_flags(0),
      m_messageId(0),
      m_size(MIN_SIZE),
      m_espSpi(0)
{
}

void
IkeMessage::SetInitiatorSpi(uint64_t spi)
{
    m_initiatorSpi = spi;
}

uint64_t
IkeMessage::GetInitiatorSpi() const
{
    return m_initiatorSpi;
}

void
IkeMessage::SetResponderSpi(uint64_t spi)
{
    m_responderSpi = spi;
}

uint64_t
IkeMessage::GetResponderSpi() const
{
    return m_responderSpi;
}

void
IkeMessage::SetExchangeType(ExchangeType type)
{
    m_exchangeType = type;
}

uint8_t
IkeMessage::GetExchangeType() const
{
    return m_exchangeType;
}

void
IkeMessage::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
IkeMessage::GetFlags() const
{
    return m_flags;
}

bool
IkeMessage::IsResponse() const
{
    return (m_flags & FLAG_RESPONSE) != 0;
}

void
IkeMessage::SetMessageId(uint32_t id)
{
    m_messageId = id;
}

uint32_t
IkeMessage::GetMessageId() const
{
    return m_messageId;
}

void
IkeMessage::SetEspSpi(uint32_t spi)
{
    m_espSpi = spi;
}

uint32_t
IkeMessage::GetEspSpi() const
{
    return m_espSpi;
}

void
IkeMessage::SetInnerAddress(Ipv4Address address)
{
    m_inner = address;
}

Ipv4Address
IkeMessage::GetInnerAddress() const
{
    return m_inner;
}

void
IkeMessage::SetMessageSize(uint32_t size)
{
    m_size = std::max(size, MIN_SIZE);
}

uint32_t
IkeMessage::GetMessageSize() const
{
    return m_size;
}

uint8_t
IkeMessage::GetVersion() const
{
    return m_version;
}

bool
IkeMessage::IsWellFormed(Ptr<const Packet> packet)
{
    if (packet->GetSize() < MIN_SIZE)
    {
        return false;
    }
    uint8_t bytes[HEADER_SIZE];
    packet->CopyData(bytes, HEADER_SIZE);
    const uint32_t length = (uint32_t(bytes[24]) << 24) | (uint32_t(bytes[25]) << 16) |
                            (uint32_t(bytes[26]) << 8) | uint32_t(bytes[27]);
    return bytes[17] == IKE_VERSION_2 && length == packet->GetSize();
}

void
IkeMessage::Print(std::ostream& os) const
{
    os << "IKEv2 exchange=" << uint32_t(m_exchangeType) << " flags=0x" << std::hex
       << uint32_t(m_flags) << std::dec << " id=" << m_messageId << " spi_i=" << m_initiatorSpi
       << " spi_r=" << m_responderSpi << " esp_spi=" << m_espSpi << " inner=" << m_inner
       << " length=" << m_size;
}

uint32_t
IkeMessage::GetSerializedSize() const
{
    return m_size;
}

void
IkeMessage::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteHtonU64(m_initiatorSpi);
    i.WriteHtonU64(m_responderSpi);
    i.WriteU8(m_exchangeType == IKE_SA_INIT ? PAYLOAD_NONCE : PAYLOAD_SK);
    i.WriteU8(m_version);
    i.WriteU8(m_exchangeType);
    i.WriteU8(m_flags);
    i.WriteHtonU32(m_messageId);
    i.WriteHtonU32(m_size);
    // One generic payload (RFC 7296 section 3.2) fills the rest of the message.
    i.WriteU8(0); // no next payload
    i.WriteU8(0); // not critical
    i.WriteHtonU16(static_cast<uint16_t>(m_size - HEADER_SIZE));
    i.WriteHtonU32(m_espSpi);
    i.WriteHtonU32(m_inner.Get());
    i.WriteU8(0, m_size - MIN_SIZE);
}

uint32_t
IkeMessage::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_initiatorSpi = i.ReadNtohU64();
    m_responderSpi = i.ReadNtohU64();
    i.ReadU8(); // next payload
    m_version = i.ReadU8();
    m_exchangeType = i.ReadU8();
    m_flags = i.ReadU8();
    m_messageId = i.ReadNtohU32();
    m_size = std::max(i.ReadNtohU32(), MIN_SIZE);
    i.Next(4); // generic payload header
    m_espSpi = i.ReadNtohU32();
    m_inner = Ipv4Address(i.ReadNtohU32());
    i.Next(m_size - MIN_SIZE);
    return m_size;
}

} // namespace ns3
