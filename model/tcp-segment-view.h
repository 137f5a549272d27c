/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SEGMENT_VIEW_H
#define TCP_SEGMENT_VIEW_H

#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/sequence-number.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The fields of a TCP segment read from untrusted bytes, without building a TcpHeader.
 *
 * The firewall inspects every TCP segment it forwards and the cTCP shim receives segments that
 * no TCP stack checks; both read them through this one view. It never deserializes ns-3's
 * TcpHeader: ns-3.37's TcpOptionMSS::Deserialize aborts the whole simulation on an MSS option
 * of the wrong length, and a forged segment must be a counted drop, not an abort.
 *
 * Layout (RFC 9293, 3.1): ports, sequence and acknowledgement numbers, data offset in 32-bit
 * words (5 to 15), flags, window, checksum, urgent pointer; then options up to the data offset.
 * Options (RFC 9293, 3.2): kind 0 ends the list, kind 1 is one byte of padding, every other
 * kind has a length byte that counts the kind and length bytes (at least 2).
 */
struct TcpSegmentView
{
    /// RFC 9293, 3.1: the TCP header without options.
    static constexpr uint32_t FIXED_HEADER_SIZE = 20;
    /// RFC 9293, 3.1: the data offset is 4 bits of 32-bit words.
    static constexpr uint32_t MAX_HEADER_SIZE = 60;
    static constexpr uint8_t FIN = 0x01; //!< RFC 9293, 3.1: no more data from sender
    static constexpr uint8_t SYN = 0x02; //!< synchronize sequence numbers
    static constexpr uint8_t RST = 0x04; //!< reset the connection
    static constexpr uint8_t ACK = 0x10; //!< the acknowledgment field is significant

    /** The options the firewall and the cTCP shim read (others are skipped). */
    struct Options
    {
        bool mss{false};           //!< MSS option (kind 2, length 4; RFC 9293, 3.7.1)
        uint16_t mssValue{0};      //!< its value
        bool windowScale{false};   //!< window scale option (kind 3, length 3; RFC 7323, 2.2)
        uint8_t windowShift{0};    //!< its shift count, capped at 14 (RFC 7323, 2.3)
        bool sackPermitted{false}; //!< SACK-permitted (kind 4, length 2; RFC 2018, 2)
        bool timestamps{false};    //!< timestamps (kind 8, length 10; RFC 7323, 3.2)
        uint32_t tsVal{0};         //!< TSval
        uint32_t tsEcr{0};         //!< TSecr
        /// A length byte missing, below 2 or past the header (parsing stops there, as Linux's
        /// tcp_parse_options does), or a known kind with the wrong length (skipped, as Linux
        /// skips it; an earlier good one of that kind stands).
        bool malformed{false};
    };

    /**
     * Decode the fixed header of a segment. Fields are filled from what bytes there are (the
     * rest read as zero), so a caller can dispatch on the ports of a short segment.
     * \param p the segment, starting at its TCP header
     * \return false when the segment is shorter than 20 bytes or its data offset is below 5
     *         words or past the end of the segment
     */
    bool Decode(Ptr<const Packet> p);

    /**
     * Decode the options of a segment whose fixed header Decode() accepted.
     * \param p the same segment
     * \return the options read
     */
    Options DecodeOptions(Ptr<const Packet> p) const;

    /**
     * Check a segment's checksum over the IPv4 pseudo-header (RFC 9293, 3.1), reading only bytes:
     * the RFC 1071 sum of pseudo-header and segment, with the checksum field in it, is all ones.
     * \param p the segment \param source its IPv4 source \param destination its destination
     * \return true when the checksum is right
     */
    static bool IsChecksumOk(Ptr<const Packet> p, Ipv4Address source, Ipv4Address destination);

    uint16_t sourcePort{0};      //!< source port
    uint16_t destinationPort{0}; //!< destination port
    SequenceNumber32 seq;        //!< sequence number
    SequenceNumber32 ack;        //!< acknowledgement number
    uint8_t flags{0};            //!< flags (TcpHeader::Flags_t bits)
    uint16_t window{0};          //!< window field, unscaled
    uint32_t headerLength{0};    //!< header length in bytes (data offset x 4)
    uint32_t payload{0};         //!< payload bytes
};

} // namespace ns3

#endif /* TCP_SEGMENT_VIEW_H */
