/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_TRAILER_H
#define ESP_TRAILER_H

#include "ns3/trailer.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The end of an ESP packet: Padding, Pad Length, Next Header and the ICV (RFC 4303
 * sections 2.4 to 2.8).
 *
 * \verbatim
 * ... payload (IV and inner packet) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               |     Padding (0-255 bytes)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Pad Length   | Next Header   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Integrity Check Value-ICV   (variable)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \endverbatim
 *
 * RFC 4303 section 2.4: "If Padding bytes are needed but the encryption algorithm does not
 * specify the padding contents, then the following default processing MUST be used. The
 * Padding bytes are initialized with a series of (unsigned, 1-byte) integer values. The first
 * padding byte appended to the plaintext is numbered 1, with subsequent padding bytes making up
 * a monotonically increasing sequence: 1, 2, 3, ...". This trailer writes that sequence and,
 * when read back, reports through IsPaddingValid() whether the bytes were that sequence.
 *
 * The ICV is written as zero bytes of the suite's length: the module models sizes, not
 * cryptography. Its length is not carried on the wire, so SetIcvLength() must be called before
 * Packet::RemoveTrailer(). ns-3 hands Deserialize() an iterator at the end of the buffer; the
 * trailer reads backwards from there and never past the buffer's start: on a buffer too short
 * for the ICV and the two fixed bytes it reads nothing and returns 0; when the Pad Length field
 * claims more bytes than the buffer holds, it reads only the ICV and the two fixed bytes and
 * IsPaddingValid() is false.
 */
class EspTrailer : public Trailer
{
  public:
    /** Next Header value for an IPv4 inner packet (tunnel mode). */
    static constexpr uint8_t NEXT_HEADER_IPV4 = 4;
    /** Next Header value for an IPv6 inner packet (tunnel mode). */
    static constexpr uint8_t NEXT_HEADER_IPV6 = 41;
    /** Next Header value of a dummy packet (RFC 4303 section 2.6), to be discarded. */
    static constexpr uint8_t NEXT_HEADER_NONE = 59;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspTrailer();

    /** \param padLength the number of padding bytes, 0 to 255 */
    void SetPadLength(uint8_t padLength);
    /** \return the number of padding bytes */
    uint8_t GetPadLength() const;

    /** \param nextHeader the IP protocol number of the payload (4, 41 or 59) */
    void SetNextHeader(uint8_t nextHeader);
    /** \return the IP protocol number of the payload */
    uint8_t GetNextHeader() const;

    /** \param icvLength the ICV length of the SA's cipher suite; set before RemoveTrailer */
    void SetIcvLength(uint8_t icvLength);
    /** \return the ICV length */
    uint8_t GetIcvLength() const;

    /**
     * \return after Deserialize(), true when the padding held the bytes 1, 2, 3, ... and fitted
     * in the buffer; always true for a trailer built with the setters
     */
    bool IsPaddingValid() const;

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;

  private:
    uint8_t m_padLength;  //!< Pad Length field
    uint8_t m_nextHeader; //!< Next Header field
    uint8_t m_icvLength;  //!< length of the ICV, from the cipher suite
    bool m_paddingValid;  //!< padding read back was 1, 2, 3, ... and in bounds
};

} // namespace ns3

#endif /* ESP_TRAILER_H */
