/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cstp-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CstpHeader);

namespace
{
/// The first four bytes of every CSTP packet.
constexpr uint8_t MAGIC[4] = {'S', 'T', 'F', 1};
} // namespace

TypeId
CstpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CstpHeader")
                            .SetParent<Header>()
                            .SetGroupName("Vpn")
                            .AddConstructor<CstpHeader>();
    return tid;
}

CstpHeader::CstpHeader()
    : CstpHeader(DATA, 0)
{
}

CstpHeader::CstpHeader(Type type, uint16_t length)
    : m_type(type),
      m_length(length),
      m_valid(true)
{
}

uint8_t
CstpHeader::GetType() const
{
    return m_type;
}

uint16_t
CstpHeader::GetLength() const
{
    return m_length;
}

bool
CstpHeader::IsValid() const
{
    return m_valid;
}

TypeId
CstpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
CstpHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CstpHeader::Serialize(Buffer::Iterator start) const
{
    start.Write(MAGIC, sizeof(MAGIC));
    start.WriteHtonU16(m_length);
    start.WriteU8(m_type);
    start.WriteU8(0);
}

uint32_t
CstpHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t magic[4];
    start.Read(magic, sizeof(magic));
    m_length = start.ReadNtohU16();
    m_type = start.ReadU8();
    const uint8_t zero = start.ReadU8();
    m_valid = magic[0] == MAGIC[0] && magic[1] == MAGIC[1] && magic[2] == MAGIC[2] &&
              magic[3] == MAGIC[3] && zero == 0;
    return SIZE;
}

void
CstpHeader::Print(std::ostream& os) const
{
    os << "CSTP type=" << uint32_t(m_type) << " length=" << m_length << (m_valid ? "" : " bad");
}

} // namespace ns3
