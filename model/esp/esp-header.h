/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_HEADER_H
#define ESP_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The fixed front of an ESP packet: SPI and sequence number (RFC 4303 section 2).
 *
 * \verbatim
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Security Parameters Index (SPI)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Sequence Number                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \endverbatim
 *
 * Both fields are in network byte order. With Extended Sequence Numbers (RFC 4303 section
 * 2.2.1) only the low-order 32 bits of the 64-bit counter travel here; the receiver infers the
 * high-order bits (see EspReplayWindow). The IV, payload and trailer follow as the packet's
 * payload and an EspTrailer.
 */
class EspHeader : public Header
{
  public:
    /** Bytes on the wire: SPI (4) and sequence number (4). */
    static constexpr uint32_t SIZE = 8;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspHeader();

    /** \param spi the Security Parameters Index */
    void SetSpi(uint32_t spi);
    /** \return the Security Parameters Index */
    uint32_t GetSpi() const;

    /** \param seq the sequence number (low-order 32 bits with ESN) */
    void SetSequenceNumber(uint32_t seq);
    /** \return the sequence number (low-order 32 bits with ESN) */
    uint32_t GetSequenceNumber() const;

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

  private:
    uint32_t m_spi; //!< Security Parameters Index
    uint32_t m_seq; //!< Sequence Number field (low 32 bits of the counter)
};

} // namespace ns3

#endif /* ESP_HEADER_H */
