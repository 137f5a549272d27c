/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-segment-view.h"

#include "ns3/buffer.h"

#include <algorithm>
#include <vector>

namespace ns3
{

namespace
{

/// RFC 9293, 3.1: TCP's IP protocol number, in the pseudo-header.
constexpr uint8_t TCP_PROTOCOL = 6;
/// RFC 9293, 3.1: the IPv4 pseudo-header (source, destination, zero, protocol, TCP length).
constexpr uint32_t PSEUDO_HEADER_SIZE = 12;

/**
 * \param b bytes \param at an offset
 * \return the big-endian 16-bit value there
 */
uint16_t
ReadU16(const uint8_t* b, uint32_t at)
{
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
}

/**
 * \param b bytes \param at an offset
 * \return the big-endian 32-bit value there
 */
uint32_t
ReadU32(const uint8_t* b, uint32_t at)
{
    return static_cast<uint32_t>(ReadU16(b, at)) << 16 | ReadU16(b, at + 2);
}

} // namespace

bool
TcpSegmentView::Decode(Ptr<const Packet> p)
{
    uint8_t b[FIXED_HEADER_SIZE] = {};
    const uint32_t size = p->GetSize();
    p->CopyData(b, std::min(size, FIXED_HEADER_SIZE));
    sourcePort = ReadU16(b, 0);
    destinationPort = ReadU16(b, 2);
    seq = SequenceNumber32(ReadU32(b, 4));
    ack = SequenceNumber32(ReadU32(b, 8));
    headerLength = (b[12] >> 4) * 4u;
    flags = b[13];
    window = ReadU16(b, 14);
    if (size < FIXED_HEADER_SIZE || headerLength < FIXED_HEADER_SIZE || headerLength > size)
    {
        payload = 0;
        return false;
    }
    payload = size - headerLength;
    return true;
}

TcpSegmentView::Options
TcpSegmentView::DecodeOptions(Ptr<const Packet> p) const
{
    Options o;
    uint8_t b[MAX_HEADER_SIZE];
    const uint32_t n = p->CopyData(b, std::min(headerLength, MAX_HEADER_SIZE));
    uint32_t i = FIXED_HEADER_SIZE;
    while (i < n)
    {
        const uint8_t kind = b[i];
        if (kind == 0)
        {
            break; // end of option list
        }
        if (kind == 1)
        {
            ++i; // no-operation
            continue;
        }
        if (i + 1 >= n || b[i + 1] < 2 || i + b[i + 1] > n)
        {
            o.malformed = true; // no length byte, or a length that cannot be: stop here
            break;
        }
        const uint8_t len = b[i + 1];
        // A known kind with the wrong length is skipped (an earlier good one stands) and marks
        // the list malformed.
        switch (kind)
        {
        case 2:
            if (len == 4)
            {
                o.mss = true;
                o.mssValue = ReadU16(b, i + 2);
            }
            o.malformed |= len != 4;
            break;
        case 3:
            if (len == 3)
            {
                o.windowScale = true;
                o.windowShift = std::min<uint8_t>(b[i + 2], 14);
            }
            o.malformed |= len != 3;
            break;
        case 4:
            o.sackPermitted |= len == 2;
            o.malformed |= len != 2;
            break;
        case 8:
            if (len == 10)
            {
                o.timestamps = true;
                o.tsVal = ReadU32(b, i + 2);
                o.tsEcr = ReadU32(b, i + 6);
            }
            o.malformed |= len != 10;
            break;
        default:
            break; // an option neither reader uses: skipped
        }
        i += len;
    }
    return o;
}

bool
TcpSegmentView::IsChecksumOk(Ptr<const Packet> p, Ipv4Address source, Ipv4Address destination)
{
    const uint32_t size = p->GetSize();
    if (size > 0xffff - PSEUDO_HEADER_SIZE)
    {
        return false;
    }
    Buffer buffer;
    buffer.AddAtStart(PSEUDO_HEADER_SIZE + size);
    Buffer::Iterator it = buffer.Begin();
    it.WriteHtonU32(source.Get());
    it.WriteHtonU32(destination.Get());
    it.WriteU8(0);
    it.WriteU8(TCP_PROTOCOL);
    it.WriteHtonU16(static_cast<uint16_t>(size));
    std::vector<uint8_t> bytes(size);
    p->CopyData(bytes.data(), size);
    it.Write(bytes.data(), size);
    // RFC 1071: over data that holds its own checksum, the one's-complement sum is all ones and
    // CalculateIpChecksum (which returns the complement) gives 0.
    it = buffer.Begin();
    return it.CalculateIpChecksum(static_cast<uint16_t>(PSEUDO_HEADER_SIZE + size)) == 0;
}

} // namespace ns3
