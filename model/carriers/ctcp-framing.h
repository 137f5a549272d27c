/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CTCP_FRAMING_H
#define CTCP_FRAMING_H

#include "ns3/packet.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief How cTCP frames one message in the payload of its segment, as Wireshark's
 * `packet-ipsec-tcp.c` (dissector "tcpencap") reads it: ESP followed by the 16-byte CtcpTrailer,
 * or IKE behind an 8-byte UDP header from port 500 to port 500 (RFC 768, checksum 0: none)
 * followed by the trailer. There is no length prefix: a segment holds one message.
 *
 * Frame() builds the payload; Unframe() takes it apart and names the drop when it is not a
 * message: "ctcp-runt" (shorter than a trailer, or IKE shorter than its UDP header) or
 * "ctcp-bad-trailer" (a trailer Wireshark's heuristic rejects, CtcpTrailer::IsWellFormed()).
 */
class CtcpFraming
{
  public:
    /** IKE rides behind a UDP header from this port to this port. */
    static constexpr uint16_t IKE_UDP_PORT = 500;
    /** RFC 768: the UDP header. */
    static constexpr uint32_t UDP_HEADER_SIZE = 8;

    /**
     * \param message the IKE or ESP message
     * \param protocol CtcpTrailer::PROTOCOL_IKE or PROTOCOL_ESP
     * \param counter the trailer's counter
     * \param fromServer for IKE, the trailer's direction: server to client (else client to
     * server)
     * \return the segment's payload: (UDP header,) the message, the trailer
     */
    static Ptr<Packet> Frame(Ptr<const Packet> message,
                             uint8_t protocol,
                             uint16_t counter,
                             bool fromServer);

    /**
     * Remove the trailer and, for IKE, the UDP header.
     * \param [in,out] payload a segment's payload; the message on success
     * \param [out] protocol the trailer's protocol byte (on success)
     * \return empty on success, else the drop reason
     */
    static std::string Unframe(Ptr<Packet> payload, uint8_t& protocol);
};

} // namespace ns3

#endif /* CTCP_FRAMING_H */
