/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-encap-carrier.h"

#include "ns3/esp-sequence-tag.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpEncapCarrier");

NS_OBJECT_ENSURE_REGISTERED(TcpEncapCarrier);

namespace
{
/// RFC 9329 section 3.1: the Length field.
constexpr uint32_t LENGTH_SIZE = 2;
/// RFC 9329 section 3.1: the non-ESP marker before IKE is four zero octets.
constexpr uint32_t NON_ESP_MARKER_SIZE = 4;
/// RFC 3948 section 2.3: a NAT-keepalive is one byte of 0xFF.
constexpr uint8_t NAT_KEEPALIVE = 0xFF;
/// RFC 9329 section 3.3: the stream prefix.
constexpr char STREAM_PREFIX[] = "IKETCP";
} // namespace

TypeId
TcpEncapCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpEncapCarrier")
            .SetParent<TcpStreamCarrier>()
            .SetGroupName("Vpn")
            .AddConstructor<TcpEncapCarrier>()
            .AddAttribute("Port",
                          "The responder's TCP port (RFC 9329 section 4: 4500 by convention).",
                          UintegerValue(4500),
                          MakeUintegerAccessor(&TcpEncapCarrier::m_port),
                          MakeUintegerChecker<uint16_t>(1));
    return tid;
}

TcpEncapCarrier::TcpEncapCarrier()
    : m_port(4500)
{
    NS_LOG_FUNCTION(this);
}

TcpEncapCarrier::~TcpEncapCarrier()
{
    NS_LOG_FUNCTION(this);
}

std::string
TcpEncapCarrier::GetName() const
{
    return "tcp-encap";
}

uint16_t
TcpEncapCarrier::GetPort() const
{
    return m_port;
}

StreamFramer::Format
TcpEncapCarrier::GetFrameFormat(bool initiator) const
{
    // Only the initiator sends the prefix, so only the responder expects it.
    return StreamFramer::Rfc9329(!initiator);
}

void
TcpEncapCarrier::StreamOpened(uint32_t peer, bool initiator)
{
    NS_LOG_FUNCTION(this << peer << initiator);
    if (!initiator)
    {
        return; // the responder learns the peer from its first message
    }
    StreamSend(
        peer,
        Create<Packet>(reinterpret_cast<const uint8_t*>(STREAM_PREFIX), sizeof(STREAM_PREFIX) - 1),
        false);
    NotifyPeerUp(peer);
}

bool
TcpEncapCarrier::SendFramed(uint32_t peer, Ptr<Packet> message, bool droppable)
{
    const uint32_t length = message->GetSize() + LENGTH_SIZE;
    if (length > 65535)
    {
        return false;
    }
    const uint8_t prefix[LENGTH_SIZE] = {uint8_t(length >> 8), uint8_t(length & 0xff)};
    Ptr<Packet> framed = Create<Packet>(prefix, LENGTH_SIZE);
    framed->AddAtEnd(message);
    return StreamSend(peer, framed, droppable);
}

bool
TcpEncapCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool /* initial */)
{
    NS_LOG_FUNCTION(this << peer << message);
    if (!IsOpen(peer))
    {
        return false;
    }
    NotifySend(message, CONTROL);
    const uint8_t marker[NON_ESP_MARKER_SIZE] = {0, 0, 0, 0};
    Ptr<Packet> marked = Create<Packet>(marker, NON_ESP_MARKER_SIZE);
    marked->AddAtEnd(message);
    return SendFramed(peer, marked, false);
}

bool
TcpEncapCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    if (!IsOpen(peer))
    {
        return false;
    }
    NotifySend(message, DATA);
    // The emulated ICV (a packet tag, which the stream drops) rides as a byte tag on the ESP
    // packet's bytes: ns-3's TCP keeps byte tags through segmentation, retransmission and
    // reassembly (and the firewall's TCP proxy, which moves packets), as a real stream keeps the
    // ICV's bytes. StreamFrame() turns it back into the packet tag the SA checks.
    EspSequenceTag icv;
    if (message->PeekPacketTag(icv))
    {
        Ptr<Packet> tagged = message->Copy();
        tagged->AddByteTag(icv);
        return SendFramed(peer, tagged, true);
    }
    return SendFramed(peer, message, true);
}

uint32_t
TcpEncapCarrier::GetDataOverhead() const
{
    return GetTcpOverhead() + LENGTH_SIZE;
}

void
TcpEncapCarrier::StreamFrame(uint32_t peer, Ptr<Packet> frame)
{
    frame->RemoveAtStart(LENGTH_SIZE);
    uint8_t head[NON_ESP_MARKER_SIZE] = {};
    frame->CopyData(head, NON_ESP_MARKER_SIZE);
    // Linux espintcp_rcv after commit fadd1a63a7b4: a 1-byte 0xFF NAT-keepalive (RFC 3948
    // section 2.3; not needed over TCP, but allowed) is consumed, and any other message too
    // short to hold more than a marker or SPI is dropped; the stream goes on.
    if (frame->GetSize() == 1 && head[0] == NAT_KEEPALIVE)
    {
        NotifyDrop(frame, "nat-keepalive");
        return;
    }
    if (frame->GetSize() <= NON_ESP_MARKER_SIZE)
    {
        NotifyDrop(frame, "short-message");
        return;
    }
    if (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
    {
        frame->RemoveAtStart(NON_ESP_MARKER_SIZE);
        NotifyReceive(peer, frame, CONTROL);
        return;
    }
    // The ICV's byte tag must cover the ESP header's first byte: bytes an attacker wrote into the
    // stream there carry none, and a tag further in (an inner packet's, from an earlier tunnel)
    // is not this packet's.
    for (ByteTagIterator tags = frame->GetByteTagIterator(); tags.HasNext();)
    {
        ByteTagIterator::Item item = tags.Next();
        if (item.GetStart() == 0 && item.GetTypeId() == EspSequenceTag::GetTypeId())
        {
            EspSequenceTag icv;
            item.GetTag(icv);
            frame->AddPacketTag(icv);
            break;
        }
    }
    NotifyReceive(peer, frame, DATA);
}

bool
TcpEncapCarrier::KeepsPacketTags() const
{
    return true; // the emulated ICV, as a byte tag (SendData)
}

} // namespace ns3
