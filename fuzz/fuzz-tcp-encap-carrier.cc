/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the RFC 9329 carrier's receive path, TcpEncapCarrier (model/carriers/tcp-encap-
 * carrier.cc) on TcpStreamCarrier's framing: the bytes a TCP socket returns go through the
 * connection's StreamFramer and each frame to StreamFrame() (NAT keepalive, short message,
 * non-ESP marker and IKE, or ESP), which hands messages to the receive callback. The carrier's
 * Read() takes them from a socket; this harness does what Read() does with the bytes (Add(),
 * Next() until none, stop at a framing error) through a subclass that reaches the protected
 * StreamFrame(), and the receive callback parses IKE as the control plane does (IsWellFormed(),
 * then RemoveHeader()) and peeks ESP's header. Input: a flag byte (bit 0: the initiator's side,
 * which expects no "IKETCP" prefix), then the stream in reads, each behind a 2-byte big-endian
 * length (at most 4096). Checks: each frame is handed on or dropped, exactly once; IKE arrives
 * without its length and marker, ESP without its length.
 */

#include "fuzz-common.h"

#include "ns3/esp-header.h"
#include "ns3/ike-message.h"
#include "ns3/tcp-encap-carrier.h"

using namespace ns3;

namespace
{

/** A TcpEncapCarrier whose frames the harness hands in. */
class FuzzedCarrier : public TcpEncapCarrier
{
  public:
    /**
     * \param initiator which side's framing
     * \return the framing of that side
     */
    StreamFramer::Format Format(bool initiator) const
    {
        return GetFrameFormat(initiator);
    }

    /**
     * \param peer the handle
     * \param frame one frame, length field included
     */
    void Frame(uint32_t peer, Ptr<Packet> frame)
    {
        StreamFrame(peer, frame);
    }
};

uint64_t g_received = 0; //!< messages handed on
uint64_t g_dropped = 0;  //!< frames dropped
uint32_t g_size = 0;     //!< the last message's size
bool g_control = false;  //!< the last message was IKE

/**
 * The receive callback: parse as the planes do.
 * \param peer the handle \param message the message \param kind IKE or ESP
 */
void
Received(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    ++g_received;
    g_size = message->GetSize();
    g_control = kind == VpnCarrier::CONTROL;
    if (g_control && IkeMessage::IsWellFormed(message))
    {
        IkeMessage m;
        message->RemoveHeader(m);
    }
    else if (!g_control && message->GetSize() >= EspHeader::SIZE)
    {
        EspHeader h;
        message->PeekHeader(h);
    }
}

/**
 * The Drop trace.
 * \param packet the frame \param reason why
 */
void
Dropped(Ptr<const Packet> packet, const std::string& reason)
{
    ++g_dropped;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static Ptr<FuzzedCarrier> carrier = [] {
        Ptr<FuzzedCarrier> c = CreateObject<FuzzedCarrier>();
        c->SetReceiveCallback(MakeCallback(&Received));
        c->TraceConnectWithoutContext("Drop", MakeCallback(&Dropped));
        return c;
    }();
    fuzz::Reader in(data, size);
    StreamFramer framer(carrier->Format((in.U8() & 0x01) != 0));
    while (in.HasMore() && !framer.IsFailed())
    {
        framer.Add(in.LengthPrefixed(4096));
        while (Ptr<Packet> frame = framer.Next())
        {
            const uint32_t frameSize = frame->GetSize();
            const uint64_t received = g_received;
            const uint64_t dropped = g_dropped;
            frame->RemoveAllPacketTags();
            carrier->Frame(1, frame);
            FUZZ_CHECK(g_received + g_dropped == received + dropped + 1);
            if (g_received != received)
            {
                FUZZ_CHECK(g_size + 2 + (g_control ? 4 : 0) == frameSize);
            }
        }
    }
    return 0;
}
