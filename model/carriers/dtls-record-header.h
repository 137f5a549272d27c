/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTLS_RECORD_HEADER_H
#define DTLS_RECORD_HEADER_H

#include "ns3/header.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The 13-byte header of a DTLS 1.2 record (RFC 6347 section 4.1).
 *
 * \verbatim
 *   type (8) | version (16, 0xfefd) | epoch (16) | sequence_number (48) | length (16)
 * \endverbatim
 *
 * Content types are TLS's (TlsRecordHeader::ContentType). Epoch 0 is the handshake in the clear,
 * epoch 1 everything after ChangeCipherSpec. Deserialize() never fails; the version read is kept
 * as it came.
 */
class DtlsRecordHeader : public Header
{
  public:
    /** The header's size on the wire. */
    static constexpr uint32_t SIZE = 13;

    /** DTLS 1.2's version: {254, 253}. */
    static constexpr uint16_t VERSION = 0xfefd;

    /** The sequence number's width: 48 bits. */
    static constexpr uint64_t MAX_SEQUENCE = (uint64_t(1) << 48) - 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DtlsRecordHeader();

    /**
     * \param type the content type
     * \param epoch the epoch
     * \param sequence the record sequence number (the low 48 bits are written)
     * \param length the fragment's length
     */
    DtlsRecordHeader(uint8_t type, uint16_t epoch, uint64_t sequence, uint16_t length);

    /** \return the content type */
    uint8_t GetType() const;

    /** \return the record version */
    uint16_t GetVersion() const;

    /** \return the epoch */
    uint16_t GetEpoch() const;

    /** \return the sequence number (48 bits) */
    uint64_t GetSequence() const;

    /** \return the fragment's length */
    uint16_t GetLength() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_type;      //!< ContentType
    uint16_t m_version;  //!< ProtocolVersion
    uint16_t m_epoch;    //!< epoch
    uint64_t m_sequence; //!< sequence_number, 48 bits
    uint16_t m_length;   //!< fragment length
};

} // namespace ns3

#endif /* DTLS_RECORD_HEADER_H */
