/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CSTP_HEADER_H
#define CSTP_HEADER_H

#include "ns3/header.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The 8-byte header of a CSTP packet (Cisco SSL Tunnel Protocol, AnyConnect), as
 * OpenConnect's cstp.c writes it inside the TLS stream.
 *
 * \verbatim
 *   'S' 'T' 'F' 0x01 | length (16 bits, payload only) | type | 0x00
 * \endverbatim
 *
 * Types: 0 data (an IPv4/IPv6 packet), 3 DPD request, 4 DPD response, 5 disconnect, 7 keepalive,
 * 8 compressed data, 9 terminate. Deserialize() never fails; IsValid() tells whether the magic was
 * right.
 */
class CstpHeader : public Header
{
  public:
    /** CSTP packet types. */
    enum Type : uint8_t
    {
        DATA = 0,         //!< a tunnelled packet
        DPD_REQUEST = 3,  //!< dead-peer detection request
        DPD_RESPONSE = 4, //!< dead-peer detection response
        DISCONNECT = 5,   //!< peer leaves
        KEEPALIVE = 7,    //!< keepalive
        COMPRESSED = 8,   //!< compressed data (not modelled)
        TERMINATE = 9     //!< server ends the session
    };

    /** The header's size on the wire. */
    static constexpr uint32_t SIZE = 8;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CstpHeader();

    /**
     * \param type the packet type
     * \param length the payload length
     */
    CstpHeader(Type type, uint16_t length);

    /** \return the packet type */
    uint8_t GetType() const;

    /** \return the payload length */
    uint16_t GetLength() const;

    /** \return true if the magic bytes were "STF" 1 and the last byte 0 */
    bool IsValid() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_type;    //!< packet type
    uint16_t m_length; //!< payload length
    bool m_valid;      //!< magic correct
};

} // namespace ns3

#endif /* CSTP_HEADER_H */
