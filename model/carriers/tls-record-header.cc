/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tls-record-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TlsRecordHeader);

TypeId
TlsRecordHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TlsRecordHeader")
                            .SetParent<Header>()
                            .SetGroupName("Vpn")
                            .AddConstructor<TlsRecordHeader>();
    return tid;
}

TlsRecordHeader::TlsRecordHeader()
    : TlsRecordHeader(APPLICATION_DATA, 0)
{
}

TlsRecordHeader::TlsRecordHeader(uint8_t type, uint16_t length)
    : m_type(type),
      m_version(VERSION),
      m_length(length)
{
}

uint8_t
TlsRecordHeader::GetType() const
{
    return m_type;
}

uint16_t
TlsRecordHeader::GetVersion() const
{
    return m_version;
}

uint16_t
TlsRecordHeader::GetLength() const
{
    return m_length;
}

TypeId
TlsRecordHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
TlsRecordHeader::GetSerializedSize() const
{
    return SIZE;
}

void
TlsRecordHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_type);
    start.WriteHtonU16(m_version);
    start.WriteHtonU16(m_length);
}

uint32_t
TlsRecordHeader::Deserialize(Buffer::Iterator start)
{
    m_type = start.ReadU8();
    m_version = start.ReadNtohU16();
    m_length = start.ReadNtohU16();
    return SIZE;
}

void
TlsRecordHeader::Print(std::ostream& os) const
{
    os << "TLS type=" << uint32_t(m_type) << " version=0x" << std::hex << m_version << std::dec
       << " length=" << m_length;
}

} // namespace ns3
