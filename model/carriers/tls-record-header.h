/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TLS_RECORD_HEADER_H
#define TLS_RECORD_HEADER_H

#include "ns3/header.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The 5-byte header of a TLS record (RFC 5246 section 6.2.1; RFC 8446 section 5.1).
 *
 * \verbatim
 *   type (8 bits) | legacy_record_version (16 bits, 0x0303) | length (16 bits, fragment only)
 * \endverbatim
 *
 * TLS 1.3 keeps 0x0303 as the record version and writes every protected record as
 * application data (23). Deserialize() never fails; the version read is kept as it came.
 */
class TlsRecordHeader : public Header
{
  public:
    /** Content types (RFC 5246 section 6.2.1). */
    enum ContentType : uint8_t
    {
        CHANGE_CIPHER_SPEC = 20, //!< change_cipher_spec
        ALERT = 21,              //!< alert
        HANDSHAKE = 22,          //!< handshake
        APPLICATION_DATA = 23    //!< application_data
    };

    /** The header's size on the wire. */
    static constexpr uint32_t SIZE = 5;

    /** The record version TLS 1.2 and 1.3 write: {3, 3}. */
    static constexpr uint16_t VERSION = 0x0303;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TlsRecordHeader();

    /**
     * \param type the content type
     * \param length the fragment's length
     */
    TlsRecordHeader(uint8_t type, uint16_t length);

    /** \return the content type */
    uint8_t GetType() const;

    /** \return the record version */
    uint16_t GetVersion() const;

    /** \return the fragment's length */
    uint16_t GetLength() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_type;     //!< ContentType
    uint16_t m_version; //!< ProtocolVersion
    uint16_t m_length;  //!< fragment length
};

} // namespace ns3

#endif /* TLS_RECORD_HEADER_H */
