/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: CtcpFraming::Unframe() (model/carriers/ctcp-framing.cc), which takes a cTCP
 * segment's payload apart: the trailer and, for IKE, the UDP 500/500 header. Input: a segment's
 * payload, any length. Checks: the drop reason is "", "ctcp-runt" or "ctcp-bad-trailer"; on
 * success the message is the input less the trailer (and, for IKE, less 8 bytes in front), and
 * framing it again with Frame() gives a payload of the input's size.
 */

#include "fuzz-common.h"

#include "ns3/ctcp-framing.h"
#include "ns3/ctcp-trailer.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    uint8_t protocol = 0;
    const std::string reason = CtcpFraming::Unframe(p, protocol);
    FUZZ_CHECK(reason.empty() || reason == "ctcp-runt" || reason == "ctcp-bad-trailer");
    if (!reason.empty())
    {
        return 0;
    }
    FUZZ_CHECK(protocol == CtcpTrailer::PROTOCOL_ESP || protocol == CtcpTrailer::PROTOCOL_IKE);
    const uint32_t front = protocol == CtcpTrailer::PROTOCOL_IKE ? CtcpFraming::UDP_HEADER_SIZE : 0;
    FUZZ_CHECK(p->GetSize() + CtcpTrailer::SIZE + front == size);
    const std::vector<uint8_t> message = fuzz::Bytes(p);
    FUZZ_CHECK(std::equal(message.begin(), message.end(), data + front));
    Ptr<Packet> framed = CtcpFraming::Frame(p, protocol, 7, false);
    FUZZ_CHECK(framed->GetSize() == size);
    uint8_t again = 0;
    FUZZ_CHECK(CtcpFraming::Unframe(framed, again).empty() && again == protocol);
    FUZZ_CHECK(fuzz::Bytes(framed) == message);
    return 0;
}
