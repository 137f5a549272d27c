/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CTCP_TRAILER_H
#define CTCP_TRAILER_H

#include "ns3/trailer.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The 16-byte trailer Cisco IPsec-over-TCP (cTCP) appends to every packet it carries.
 *
 * Cisco never published the format; this is the layout Wireshark's `packet-ipsec-tcp.c`
 * (dissector "tcpencap") reads, which is all there is:
 *
 * \verbatim
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        All zero (4 bytes)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Counter (16 bits)      |  Direction (IKE) / zero (ESP) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Magic (5 bytes) ...                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    ... Magic  |   Protocol    |        Magic 2 (2 bytes)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \endverbatim
 *
 * Direction (IKE only): 0x4000 client to server, 0x0000 server to client; ESP writes 0.
 * Protocol: 0x11 (17) when the packet is IKE behind an 8-byte UDP 500/500 header, 0x32 (50)
 * for ESP. Wireshark's heuristic accepts a trailer whose first four bytes are zero, whose
 * direction field has its low 12 bits zero, and whose protocol byte is 17 or 50; IsWellFormed()
 * applies the same test. The values of the magic bytes are not known (Wireshark names them and
 * checks nothing): this model writes zeros there and ignores them when reading. The counter's
 * meaning is not known either; the carrier counts the segments it sends on a connection.
 *
 * ns-3 hands Deserialize() an iterator at the end of the buffer; a buffer shorter than 16 bytes
 * reads nothing, returns 0 and is not well formed.
 */
class CtcpTrailer : public Trailer
{
  public:
    /** Size of the trailer on the wire. */
    static constexpr uint32_t SIZE = 16;
    /** Protocol byte of IKE (the UDP protocol number). */
    static constexpr uint8_t PROTOCOL_IKE = 0x11;
    /** Protocol byte of ESP (its IP protocol number). */
    static constexpr uint8_t PROTOCOL_ESP = 0x32;
    /** IKE direction field, client to server. */
    static constexpr uint16_t IKE_CLIENT_TO_SERVER = 0x4000;
    /** IKE direction field, server to client. */
    static constexpr uint16_t IKE_SERVER_TO_CLIENT = 0x0000;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CtcpTrailer();

    /** \param counter the 16-bit counter */
    void SetCounter(uint16_t counter);
    /** \return the 16-bit counter */
    uint16_t GetCounter() const;

    /** \param direction the direction field (IKE: IKE_CLIENT_TO_SERVER or IKE_SERVER_TO_CLIENT) */
    void SetDirection(uint16_t direction);
    /** \return the direction field */
    uint16_t GetDirection() const;

    /** \param protocol PROTOCOL_IKE or PROTOCOL_ESP */
    void SetProtocol(uint8_t protocol);
    /** \return the protocol byte */
    uint8_t GetProtocol() const;

    /**
     * \return after Deserialize(), whether Wireshark's heuristic would accept the trailer (zero
     * field zero, direction's low 12 bits zero, protocol 17 or 50); for a trailer built with the
     * setters, whether the fields set make one
     */
    bool IsWellFormed() const;

    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;

  private:
    uint32_t m_zero;      //!< the leading field, zero on the wire
    uint16_t m_counter;   //!< the counter
    uint16_t m_direction; //!< IKE direction, 0 for ESP
    uint8_t m_protocol;   //!< 0x11 or 0x32
};

} // namespace ns3

#endif /* CTCP_TRAILER_H */
