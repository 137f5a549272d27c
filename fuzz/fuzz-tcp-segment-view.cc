/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: TcpSegmentView (model/tcp-segment-view.cc), how the firewall and the cTCP shim
 * read a TCP segment from untrusted bytes: Decode(), DecodeOptions() and IsChecksumOk(). Input:
 * 8 bytes of IPv4 source and destination, then the segment. Checks: Decode() accepts exactly the
 * segments of at least 20 bytes whose data offset is 5 words or more and fits, its fields are the
 * input's, header and payload add up to the size; the options stay in range (shift at most 14);
 * IsChecksumOk() agrees with an RFC 1071 sum computed here.
 */

#include "fuzz-common.h"

#include "ns3/tcp-segment-view.h"

using namespace ns3;

/**
 * RFC 1071 over the IPv4 pseudo-header (RFC 9293 3.1) and the segment.
 * \param src the source \param dst the destination \param seg the segment \param n its length
 * \return true when the one's complement sum is all ones
 */
static bool
ReferenceChecksumOk(uint32_t src, uint32_t dst, const uint8_t* seg, size_t n)
{
    uint64_t sum = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + 6 + n;
    for (size_t k = 0; k + 1 < n; k += 2)
    {
        sum += (uint32_t(seg[k]) << 8) | seg[k + 1];
    }
    if (n % 2 != 0)
    {
        sum += uint32_t(seg[n - 1]) << 8;
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum == 0xffff;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Reader in(data, size);
    const uint32_t src = in.U32();
    const uint32_t dst = in.U32();
    const std::vector<uint8_t> bytes = in.Take(size);
    Ptr<Packet> p = fuzz::MakePacket(bytes.data(), bytes.size());
    TcpSegmentView view;
    const bool decoded = view.Decode(p);
    const uint32_t offset = bytes.size() > 12 ? (bytes[12] >> 4) * 4U : 0;
    FUZZ_CHECK(decoded == (bytes.size() >= 20 && offset >= 20 && offset <= bytes.size()));
    if (bytes.size() >= 4)
    {
        FUZZ_CHECK(view.sourcePort == ((bytes[0] << 8) | bytes[1]));
        FUZZ_CHECK(view.destinationPort == ((bytes[2] << 8) | bytes[3]));
    }
    FUZZ_CHECK(TcpSegmentView::IsChecksumOk(p, Ipv4Address(src), Ipv4Address(dst)) ==
               ReferenceChecksumOk(src, dst, bytes.data(), bytes.size()));
    if (!decoded)
    {
        return 0;
    }
    FUZZ_CHECK(view.headerLength == offset);
    FUZZ_CHECK(view.headerLength + view.payload == bytes.size());
    FUZZ_CHECK(view.flags == bytes[13]);
    const TcpSegmentView::Options options = view.DecodeOptions(p);
    FUZZ_CHECK(options.windowShift <= 14);
    FUZZ_CHECK(options.windowScale || options.windowShift == 0);
    FUZZ_CHECK(options.mss || options.mssValue == 0);
    FUZZ_CHECK(options.timestamps || (options.tsVal == 0 && options.tsEcr == 0));
    FUZZ_CHECK(view.headerLength > TcpSegmentView::FIXED_HEADER_SIZE ||
               (!options.mss && !options.windowScale && !options.sackPermitted &&
                !options.timestamps && !options.malformed));
    return 0;
}
