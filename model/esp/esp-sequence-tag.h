/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_SEQUENCE_TAG_H
#define ESP_SEQUENCE_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The sender's full 64-bit ESP sequence number, riding beside an ESP packet as a packet
 * tag (never on the wire): the part of the ICV the model checks.
 *
 * With Extended Sequence Numbers only the low 32 bits travel, and RFC 4303 section 2.2.1 folds
 * the high-order 32 bits into the ICV computation instead. A receiver that infers them wrongly
 * (Appendix A2.1; typically for a packet more than a window late, taken for one 2^32 ahead)
 * fails the ICV check, and Appendix A2.2 relies on that to keep its window. The module computes
 * no ICV, so EspSecurityAssociation::Encapsulate() attaches this tag and Decapsulate() compares
 * it with the inferred number: a mismatch is the ICV failure a real receiver would see. A packet
 * without the tag (built from raw bytes, or carried by a byte stream that drops packet tags) is
 * assumed authentic, as everything else is.
 */
class EspSequenceTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspSequenceTag();

    /** \param seq the sender's full 64-bit sequence number */
    explicit EspSequenceTag(uint64_t seq);

    /** \param seq the sender's full 64-bit sequence number */
    void SetSequenceNumber(uint64_t seq);
    /** \return the sender's full 64-bit sequence number */
    uint64_t GetSequenceNumber() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    uint64_t m_seq; //!< the sender's 64-bit sequence counter for this packet
};

} // namespace ns3

#endif /* ESP_SEQUENCE_TAG_H */
