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
 * \brief The emulated ICV of an ESP packet and the sender's full 64-bit sequence number, riding
 * beside the packet as a packet tag (never on the wire, where the ICV's bytes stay zero).
 *
 * RFC 4303 section 3.4.4: the receiver verifies the ICV before it moves the anti-replay window
 * (section 3.4.3), so a packet that did not come from the SA's peer with the SA's keys changes
 * nothing. The module computes no cryptographic ICV: EspSecurityAssociation::Encapsulate()
 * attaches this tag with a 64-bit value computed from the SA's key, the SPI, the full sequence
 * number (with ESN the high-order 32 bits are folded into the ICV, section 2.2.1), the packet's
 * length and a digest of its bytes (the real ICV covers the ESP header, payload and trailer,
 * section 2.8; the SA's IcvCoversContent attribute), and Decapsulate() recomputes it with the
 * inferred sequence number. A copy edited in any byte, a packet of another SA, or a packet built
 * from bytes (no tag) fails, as would a wrong ESN inference (Appendix A2.2). Over a byte stream
 * (RFC 9329, TcpEncapCarrier) the tag rides as a byte tag on the ESP packet's bytes. The key is
 * private to the EspSecurityAssociation class (see there), so code that only builds, copies or
 * edits packets cannot produce a valid value.
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

    /**
     * \param seq the sender's full 64-bit sequence number
     * \param icv the emulated ICV
     */
    EspSequenceTag(uint64_t seq, uint64_t icv);

    /** \param seq the sender's full 64-bit sequence number */
    void SetSequenceNumber(uint64_t seq);
    /** \return the sender's full 64-bit sequence number */
    uint64_t GetSequenceNumber() const;
    /** \param icv the emulated ICV */
    void SetIcv(uint64_t icv);
    /** \return the emulated ICV */
    uint64_t GetIcv() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    uint64_t m_seq; //!< the sender's 64-bit sequence counter for this packet
    uint64_t m_icv; //!< the emulated ICV (EspSecurityAssociation computes it)
};

} // namespace ns3

#endif /* ESP_SEQUENCE_TAG_H */
