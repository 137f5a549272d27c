/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-sequence-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(EspSequenceTag);

TypeId
EspSequenceTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspSequenceTag")
                            .SetParent<Tag>()
                            .SetGroupName("Vpn")
                            .AddConstructor<EspSequenceTag>();
    return tid;
}

EspSequenceTag::EspSequenceTag()
    : m_seq(0),
      m_icv(0)
{
}

EspSequenceTag::EspSequenceTag(uint64_t seq, uint64_t icv)
    : m_seq(seq),
      m_icv(icv)
{
}

void
EspSequenceTag::SetSequenceNumber(uint64_t seq)
{
    m_seq = seq;
}

uint64_t
EspSequenceTag::GetSequenceNumber() const
{
    return m_seq;
}

void
EspSequenceTag::SetIcv(uint64_t icv)
{
    m_icv = icv;
}

uint64_t
EspSequenceTag::GetIcv() const
{
    return m_icv;
}

TypeId
EspSequenceTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
EspSequenceTag::GetSerializedSize() const
{
    return 16;
}

void
EspSequenceTag::Serialize(TagBuffer i) const
{
    i.WriteU64(m_seq);
    i.WriteU64(m_icv);
}

void
EspSequenceTag::Deserialize(TagBuffer i)
{
    m_seq = i.ReadU64();
    m_icv = i.ReadU64();
}

void
EspSequenceTag::Print(std::ostream& os) const
{
    os << "esp-seq=" << m_seq << " icv=" << m_icv;
}

} // namespace ns3
