/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dtls-record-header.h"

#include "tls-record-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DtlsRecordHeader);

TypeId
DtlsRecordHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DtlsRecordHeader")
                            .SetParent<Header>()
                            .SetGroupName("Vpn")
                            .AddConstructor<DtlsRecordHeader>();
    return tid;
}

DtlsRecordHeader::DtlsRecordHeader()
    : DtlsRecordHeader(TlsRecordHeader::APPLICATION_DATA, 0, 0, 0)
{
}

DtlsRecordHeader::DtlsRecordHeader(uint8_t type, uint16_t epoch, uint64_t sequence, uint16_t length)
    : m_type(type),
      m_version(VERSION),
      m_epoch(epoch),
      m_sequence(sequence & MAX_SEQUENCE),
      m_length(length)
{
}

uint8_t
DtlsRecordHeader::GetType() const
{
    return m_type;
}

uint16_t
DtlsRecordHeader::GetVersion() const
{
    return m_version;
}

uint16_t
DtlsRecordHeader::GetEpoch() const
{
    return m_epoch;
}

uint64_t
DtlsRecordHeader::GetSequence() const
{
    return m_sequence;
}

uint16_t
DtlsRecordHeader::GetLength() const
{
    return m_length;
}

TypeId
DtlsRecordHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DtlsRecordHeader::GetSerializedSize() const
{
    return SIZE;
}

void
DtlsRecordHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_type);
    start.WriteHtonU16(m_version);
    start.WriteHtonU16(m_epoch);
    start.WriteHtonU16(uint16_t(m_sequence >> 32));
    start.WriteHtonU32(uint32_t(m_sequence));
    start.WriteHtonU16(m_length);
}

uint32_t
DtlsRecordHeader::Deserialize(Buffer::Iterator start)
{
    m_type = start.ReadU8();
    m_version = start.ReadNtohU16();
    m_epoch = start.ReadNtohU16();
    const uint64_t high = start.ReadNtohU16();
    m_sequence = (high << 32) | start.ReadNtohU32();
    m_length = start.ReadNtohU16();
    return SIZE;
}

void
DtlsRecordHeader::Print(std::ostream& os) const
{
    os << "DTLS type=" << uint32_t(m_type) << " version=0x" << std::hex << m_version << std::dec
       << " epoch=" << m_epoch << " seq=" << m_sequence << " length=" << m_length;
}

} // namespace ns3
