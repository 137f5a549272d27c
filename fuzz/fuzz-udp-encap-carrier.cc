/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the UDP-encapsulation carrier's receive path, UdpEncapCarrier (model/carriers/
 * udp-encap-carrier.cc, ReadData() and Deliver()) and IkeUdpCarrier's IKE port (ReadIke()), in
 * both modes: NAT-T (RFC 3948, UDP 4500: NAT-keepalive 0xFF, non-ESP marker and IKE, ESP) and
 * Cisco IPsec-over-UDP (UDP 10000: a zero marker is a "zero-spi" drop). The datagrams arrive
 * through real ns-3 UDP sockets: a fresh carrier per input listens on a loopback-only node
 * (fuzz::LoopbackNode) and the harness sends to it from one of four source ports, so the
 * carrier learns the peer and its port from RecvFrom() as on a WAN. One carrier per mode
 * listens for the whole run, each on a node of its own (ns-3's UdpL4Protocol keeps every socket
 * it ever made, so a carrier per input would grow without bound); what it keeps between inputs
 * is its one peer, 127.0.0.1, and the port a confirmation set, which no check depends on. The
 * receive callback plays the tunnel: when the input says so it finds the message authentic
 * (ConfirmPeer(), RFC 3948 section 3.5), and the harness can then make the carrier send a data
 * message, which must go to the port the last confirmed message came from. Input: a configuration
 * byte (bit 0: cisco-udp, else natt), then datagrams, each a flag byte (bits 0-1: the source
 * socket; bit 2: to the IKE port 500, else the data port; bit 3: the tunnel confirms what it is
 * handed; bit 4: the carrier then sends a data message to the peer) and the payload behind a 2-byte
 * big-endian length (at most 4096). Checks: each datagram is handed on, dropped under one
 * reason or counted as a keepalive, exactly once, as RFC 3948 section 2 says for its first
 * bytes; what is handed on has lost exactly the marker and names the sender's address; a data
 * message after a confirmation reaches the confirmed source port.
 */

#include "fuzz-common.h"

#include "ns3/enum.h"
#include "ns3/udp-encap-carrier.h"

using namespace ns3;

namespace
{

/** What the carrier did with one datagram. */
struct Outcome
{
    uint64_t received{0};                           //!< messages handed on
    uint64_t dropped{0};                            //!< drops traced
    uint32_t size{0};                               //!< the last message's size
    std::string reason;                             //!< the last drop's reason
    VpnCarrier::MessageKind kind{VpnCarrier::DATA}; //!< the last message's kind
    uint32_t peer{0};                               //!< the last message's peer
    bool confirm{false};                            //!< the tunnel confirms what it is handed
};

Outcome g_outcome;              //!< for the current input
Ptr<UdpEncapCarrier> g_carrier; //!< the current carrier

/**
 * The receive callback: the tunnel.
 * \param peer the handle \param message the message \param kind IKE or ESP
 */
void
Received(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    ++g_outcome.received;
    g_outcome.size = message->GetSize();
    g_outcome.kind = kind;
    g_outcome.peer = peer;
    if (g_outcome.confirm)
    {
        g_carrier->ConfirmPeer(peer);
    }
}

/**
 * The Drop trace.
 * \param packet what was dropped \param reason why
 */
void
Dropped(Ptr<const Packet> packet, const std::string& reason)
{
    ++g_outcome.dropped;
    g_outcome.reason = reason;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    /** A carrier listening on a node of its own. */
    struct Bed
    {
        fuzz::LoopbackNode node{4};   //!< the node and the source sockets
        Ptr<UdpEncapCarrier> carrier; //!< the carrier

        /** \param mode the carrier's mode */
        explicit Bed(UdpEncapCarrier::Mode mode)
            : carrier(CreateObject<UdpEncapCarrier>())
        {
            carrier->SetAttribute("Mode", EnumValue(mode));
            carrier->SetReceiveCallback(MakeCallback(&Received));
            carrier->TraceConnectWithoutContext("Drop", MakeCallback(&Dropped));
            carrier->Install(node.GetNode(), fuzz::LoopbackNode::Address());
            carrier->Listen();
        }
    };

    static Bed natt(UdpEncapCarrier::NATT);
    static Bed ciscoUdp(UdpEncapCarrier::CISCO_UDP);

    fuzz::Reader in(data, size);
    const bool cisco = (in.U8() & 0x01) != 0;
    Bed& bed = cisco ? ciscoUdp : natt;
    fuzz::LoopbackNode& node = bed.node;
    g_outcome = Outcome();
    g_carrier = bed.carrier;
    const uint16_t dataPort = g_carrier->GetDataPort();

    int32_t confirmedSource = -1; // the source socket of the last confirmed data-port message
    while (in.HasMore())
    {
        const uint8_t flags = in.U8();
        const uint32_t source = flags & 0x03;
        const bool toIke = (flags & 0x04) != 0;
        g_outcome.confirm = (flags & 0x08) != 0;
        const bool answer = (flags & 0x10) != 0;
        Ptr<Packet> datagram = in.LengthPrefixed(4096);
        const std::vector<uint8_t> bytes = fuzz::Bytes(datagram);

        const Outcome before = g_outcome;
        const uint64_t keepalives = g_carrier->GetKeepalivesReceived();
        node.Send(source, toIke ? 500 : dataPort, datagram);
        const uint64_t received = g_outcome.received - before.received;
        const uint64_t dropped = g_outcome.dropped - before.dropped;
        const uint64_t keepalive = g_carrier->GetKeepalivesReceived() - keepalives;
        FUZZ_CHECK(received + dropped + keepalive == 1);

        // RFC 3948 section 2: what the first bytes say the datagram is.
        const size_t n = bytes.size();
        const bool marker =
            n >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
        if (toIke)
        {
            FUZZ_CHECK(received == 1 && g_outcome.kind == VpnCarrier::CONTROL);
            FUZZ_CHECK(g_outcome.size == n);
        }
        else if (n == 1 && bytes[0] == 0xff)
        {
            FUZZ_CHECK(keepalive == 1);
        }
        else if (n < 4)
        {
            FUZZ_CHECK(dropped == 1 && g_outcome.reason == "runt");
        }
        else if (marker && cisco)
        {
            FUZZ_CHECK(dropped == 1 && g_outcome.reason == "zero-spi");
        }
        else
        {
            FUZZ_CHECK(received == 1);
            FUZZ_CHECK(g_outcome.kind == (marker ? VpnCarrier::CONTROL : VpnCarrier::DATA));
            FUZZ_CHECK(g_outcome.size + (marker ? 4 : 0) == n);
        }
        if (received == 1)
        {
            FUZZ_CHECK(g_carrier->GetPeerAddress(g_outcome.peer) == fuzz::LoopbackNode::Address());
            if (g_outcome.confirm && !toIke)
            {
                confirmedSource = static_cast<int32_t>(source);
            }
        }
        if (answer && confirmedSource >= 0 && g_outcome.peer != 0)
        {
            const uint64_t got = node.Received(confirmedSource);
            const uint8_t payload[8] = {0, 0, 0x10, 0, 0, 0, 0, 1};
            FUZZ_CHECK(g_carrier->SendData(g_outcome.peer, Create<Packet>(payload, 8)));
            fuzz::LoopbackNode::Run(NanoSeconds(1));
            FUZZ_CHECK(node.Received(confirmedSource) == got + 1);
        }
    }
    return 0;
}
