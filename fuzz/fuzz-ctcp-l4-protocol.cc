/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the cTCP shim's segment parsing, CtcpL4Protocol::Receive() (model/carriers/
 * ctcp-l4-protocol.cc), then, as CtcpCarrier does with what it is handed, CtcpFraming::Unframe().
 * The shim has a carrier registered at 10.0.0.1 port 443 and no TCP behind it. Input: a flag
 * byte (bit 0: the global ChecksumEnabled), the 4-byte outer source address, then the segment,
 * addressed to 10.0.0.1. Checks: a segment to another port is handed on (endpoint unreachable
 * here), one to port 443 is either dropped and counted or handed to the carrier with its header
 * removed and the fields Decode() read; nothing aborts (ns-3's own TcpHeader would, on an MSS
 * option of the wrong length).
 */

#include "fuzz-common.h"

#include "ns3/boolean.h"
#include "ns3/ctcp-framing.h"
#include "ns3/ctcp-l4-protocol.h"
#include "ns3/global-value.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/tcp-segment-view.h"

using namespace ns3;

namespace
{

/** The carrier's address and port. */
const Ipv4Address LOCAL("10.0.0.1");
/** The carrier's port. */
constexpr uint16_t PORT = 443;

/** What the carrier was handed. */
struct Handed
{
    bool called{false};                //!< the callback ran
    uint32_t size{0};                  //!< the payload's size
    CtcpL4Protocol::Segment segment{}; //!< the fields
};

Handed g_handed; //!< the last segment handed to the carrier

/**
 * The carrier's receive callback: record, then unframe as CtcpCarrier does.
 * \param payload the segment's payload \param segment its fields \param source its source
 */
void
CarrierReceive(Ptr<Packet> payload, const CtcpL4Protocol::Segment& segment, Ipv4Address source)
{
    g_handed.called = true;
    g_handed.size = payload->GetSize();
    g_handed.segment = segment;
    uint8_t protocol = 0;
    CtcpFraming::Unframe(payload, protocol);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static Ptr<CtcpL4Protocol> shim = [] {
        Ptr<CtcpL4Protocol> s = CreateObject<CtcpL4Protocol>();
        s->Register(LOCAL, PORT, MakeCallback(&CarrierReceive));
        return s;
    }();
    static bool checksums = false;

    fuzz::Reader in(data, size);
    const bool wantChecksums = (in.U8() & 0x01) != 0;
    if (wantChecksums != checksums)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(wantChecksums));
        checksums = wantChecksums;
    }
    Ipv4Header ip;
    ip.SetSource(Ipv4Address(in.U32()));
    ip.SetDestination(LOCAL);
    ip.SetProtocol(CtcpL4Protocol::PROT_NUMBER);
    const std::vector<uint8_t> bytes = in.Take(size);
    Ptr<Packet> p = fuzz::MakePacket(bytes.data(), bytes.size());

    TcpSegmentView view;
    const bool decoded = view.Decode(p);
    const uint64_t drops = shim->GetDropCount();
    const uint64_t handedOn = shim->GetHandedToTcpCount();
    g_handed = Handed();
    const IpL4Protocol::RxStatus status = shim->Receive(p, ip, Ptr<Ipv4Interface>());

    if (view.destinationPort != PORT)
    {
        FUZZ_CHECK(status == IpL4Protocol::RX_ENDPOINT_UNREACH);
        FUZZ_CHECK(shim->GetHandedToTcpCount() == handedOn + 1 && !g_handed.called);
        return 0;
    }
    FUZZ_CHECK(status == IpL4Protocol::RX_OK || status == IpL4Protocol::RX_CSUM_FAILED);
    FUZZ_CHECK(g_handed.called != (shim->GetDropCount() == drops + 1));
    FUZZ_CHECK(!g_handed.called || decoded);
    if (g_handed.called)
    {
        FUZZ_CHECK(g_handed.size + view.headerLength == bytes.size());
        FUZZ_CHECK(g_handed.segment.sourcePort == view.sourcePort);
        FUZZ_CHECK(g_handed.segment.sequence == view.seq && g_handed.segment.ack == view.ack);
        FUZZ_CHECK(g_handed.segment.flags == view.flags);
    }
    return 0;
}
