/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctcp-carrier.h"

#include "ctcp-framing.h"
#include "ctcp-trailer.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CtcpCarrier");

NS_OBJECT_ENSURE_REGISTERED(CtcpCarrier);

namespace
{
/// IPv4 header (20) + TCP header (20), what the MSS option leaves out of the MTU.
constexpr uint16_t IPV4_TCP_HEADERS = 40;
/// First port of the dynamic range (RFC 6335 section 6), where clients pick theirs.
constexpr uint32_t FIRST_DYNAMIC_PORT = 49152;
} // namespace

TypeId
CtcpCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CtcpCarrier")
            .SetParent<VpnCarrier>()
            .SetGroupName("Vpn")
            .AddConstructor<CtcpCarrier>()
            .AddAttribute("Port",
                          "TCP port of the headend (the ASA's `crypto ikev1 ipsec-over-tcp "
                          "port`, default 10000), 1 to 65535.",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&CtcpCarrier::m_port),
                          MakeUintegerChecker<uint32_t>(1, 65535))
            .AddAttribute("Window",
                          "The fixed window advertised in every segment (bytes).",
                          UintegerValue(65535),
                          MakeUintegerAccessor(&CtcpCarrier::m_window),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("ResetOnClose",
                          "Send a RST when this end gives the connection up (a failed session, "
                          "a shutdown). Undocumented for Cisco: true (the default), the peer "
                          "learns at once; false, the connection ends silently and the peer "
                          "notices only by its own dead-peer detection.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CtcpCarrier::m_resetOnClose),
                          MakeBooleanChecker())
            .AddAttribute(
                "AckPolicy",
                "What the ACK field acknowledges (undocumented for real cTCP): "
                "highest-received (one past the highest byte received) or in-order "
                "(RCV.NXT: after a loss, every later segment draws a duplicate ACK).",
                EnumValue(CtcpConnection::ACK_HIGHEST_RECEIVED),
                compat::MakeEnumAccessor<CtcpCarrier::AckPolicy>(&CtcpCarrier::m_ackPolicy),
                MakeEnumChecker(CtcpConnection::ACK_HIGHEST_RECEIVED,
                                "highest-received",
                                CtcpConnection::ACK_IN_ORDER,
                                "in-order"))
            .AddAttribute(
                "RstPolicy",
                "Which RSTs end an established connection (undocumented for real cTCP): any "
                "(the default: any RST with the connection's ports, whatever its sequence "
                "number) or rfc5961 (RFC 5961 section 3.2, RFC 9293 section 3.10.7.4: only a "
                "RST whose sequence number is exactly the next expected; one elsewhere in the "
                "window draws a challenge ACK, one outside it is dropped).",
                EnumValue(CtcpConnection::RST_ANY),
                compat::MakeEnumAccessor<CtcpConnection::RstPolicy>(&CtcpCarrier::m_rstPolicy),
                MakeEnumChecker(CtcpConnection::RST_ANY,
                                "any",
                                CtcpConnection::RST_RFC5961,
                                "rfc5961"))
            .AddAttribute("KeepaliveInterval",
                          "Send a keepalive after this long without sending (IOS `crypto ctcp "
                          "keepalive`, default 5 s). 0 disables.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&CtcpCarrier::m_keepalive),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("SynTimeout",
                          "Client: wait this long for the SYN-ACK before sending the SYN again; "
                          "the wait doubles with each retransmission.",
                          TimeValue(Seconds(3)),
                          MakeTimeAccessor(&CtcpCarrier::m_synTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("SynRetries",
                          "Client: SYN retransmissions before the connection attempt fails "
                          "(PeerDown).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&CtcpCarrier::m_synRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxOutOfOrderRanges",
                          "Ranges of bytes received past a hole that a connection remembers "
                          "(for the in-order ACK edge); the lowest is forgotten beyond this.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&CtcpCarrier::m_maxRanges),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("SegmentTx",
                            "A cTCP segment sent.",
                            MakeTraceSourceAccessor(&CtcpCarrier::m_segmentTx),
                            "ns3::CtcpCarrier::SegmentTracedCallback")
            .AddTraceSource("SegmentRx",
                            "A cTCP segment received on a connection (or a SYN to the port).",
                            MakeTraceSourceAccessor(&CtcpCarrier::m_segmentRx),
                            "ns3::CtcpCarrier::SegmentTracedCallback")
            .AddTraceSource(
                "OutOfOrder",
                "A data segment received out of order: not at the highest byte received so far.",
                MakeTraceSourceAccessor(&CtcpCarrier::m_outOfOrderTrace),
                "ns3::CtcpCarrier::SegmentTracedCallback")
            .AddTraceSource("DupAck",
                            "A duplicate ACK received (and ignored).",
                            MakeTraceSourceAccessor(&CtcpCarrier::m_dupAckTrace),
                            "ns3::CtcpCarrier::SegmentTracedCallback")
            .AddTraceSource("Keepalive",
                            "A keepalive sent.",
                            MakeTraceSourceAccessor(&CtcpCarrier::m_keepaliveTrace),
                            "ns3::CtcpCarrier::SegmentTracedCallback");
    return tid;
}

CtcpCarrier::CtcpCarrier()
    : m_port(10000),
      m_window(65535),
      m_resetOnClose(true),
      m_ackPolicy(CtcpConnection::ACK_HIGHEST_RECEIVED),
      m_rstPolicy(CtcpConnection::RST_ANY),
      m_keepalive(Seconds(5)),
      m_synTimeout(Seconds(3)),
      m_synRetries(2),
      m_maxRanges(64),
      m_rng(CreateObject<UniformRandomVariable>()),
      m_mss(0),
      m_listening(false),
      m_segmentsSent(0),
      m_segmentsReceived(0),
      m_outOfOrder(0),
      m_dupAcks(0),
      m_keepalivesSent(0),
      m_keepalivesRecv(0),
      m_challengeAcks(0),
      m_synRetransmits(0),
      m_established(0)
{
    NS_LOG_FUNCTION(this);
}

CtcpCarrier::~CtcpCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
CtcpCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t handle : GetPeerHandles())
    {
        Remove(handle); // timers and the shim's callbacks into this object go
    }
    if (m_listening && m_ctcp)
    {
        m_ctcp->Unregister(m_local, m_port);
        m_listening = false;
    }
    m_byKey.clear();
    m_ctcp = nullptr;
    m_rng = nullptr;
    VpnCarrier::DoDispose();
}

void
CtcpCarrier::DoInstall()
{
    NS_LOG_FUNCTION(this);
    m_ctcp = CtcpL4Protocol::Get(m_node, m_local);
    Ptr<Ipv4L3Protocol> ipv4 = m_node->GetObject<Ipv4L3Protocol>();
    const uint16_t mtu = ipv4->GetMtu(ipv4->GetInterfaceForAddress(m_local));
    m_mss = mtu > IPV4_TCP_HEADERS ? mtu - IPV4_TCP_HEADERS : 0;
}

VpnCarrier::IkeVersion
CtcpCarrier::GetIkeVersion() const
{
    return IKEV1;
}

std::string
CtcpCarrier::GetName() const
{
    return "ctcp";
}

uint16_t
CtcpCarrier::GetPort() const
{
    return m_port;
}

uint32_t
CtcpCarrier::GetDataOverhead() const
{
    return 20 + 20 + CtcpTrailer::SIZE; // outer IPv4, TCP without options, the trailer
}

int64_t
CtcpCarrier::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

CtcpCarrier::Connection*
CtcpCarrier::Find(uint32_t handle) const
{
    return FindPeer<Connection>(handle);
}

CtcpCarrier::Connection&
CtcpCarrier::NewConnection()
{
    auto owned = std::make_unique<Connection>();
    Connection& c = *owned;
    c.handle = AddPeer(std::move(owned));
    return c;
}

uint32_t
CtcpCarrier::Connect(Ipv4Address headend)
{
    NS_LOG_FUNCTION(this << headend);
    NS_ABORT_MSG_IF(!m_ctcp, "CtcpCarrier: Install() first");
    uint16_t port;
    do
    {
        port = static_cast<uint16_t>(m_rng->GetInteger(FIRST_DYNAMIC_PORT, 65535));
    } while (m_ctcp->IsRegistered(m_local, port));
    m_ctcp->Register(m_local, port, MakeCallback(&CtcpCarrier::Receive, this));

    Connection& c = NewConnection();
    const uint32_t handle = c.handle;
    c.remote = headend;
    c.tcb.Open(port, m_port, SequenceNumber32(m_rng->GetInteger(0, 0xffffffff)));
    c.synWait = m_synTimeout;
    m_byKey[Key(headend, m_port, port)] = handle;
    SendSegment(c, Create<Packet>(), TcpHeader::SYN, c.tcb.GetIss(), m_mss);
    c.synEvent = Simulator::Schedule(c.synWait, &CtcpCarrier::SynTimeout, this, handle);
    return handle;
}

void
CtcpCarrier::Listen()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_ctcp, "CtcpCarrier: Install() first");
    NS_ABORT_MSG_IF(!m_listening && m_ctcp->IsRegistered(m_local, m_port),
                    "vpn carrier 'ctcp': TCP " << m_local << ":" << m_port << " on node "
                                               << m_node->GetId()
                                               << " is taken (is another carrier using it?)");
    m_ctcp->Register(m_local, m_port, MakeCallback(&CtcpCarrier::Receive, this));
    m_listening = true;
}

void
CtcpCarrier::SynTimeout(uint32_t handle)
{
    Connection* c = Find(handle);
    if (!c || c->tcb.GetState() != CtcpConnection::SYN_SENT)
    {
        return;
    }
    if (c->synRetries >= m_synRetries)
    {
        NS_LOG_INFO("no SYN-ACK from " << c->remote << ": connection attempt failed");
        Remove(handle);
        NotifyPeerDown(handle);
        return;
    }
    ++c->synRetries;
    ++m_synRetransmits;
    c->synWait = c->synWait + c->synWait;
    SendSegment(*c, Create<Packet>(), TcpHeader::SYN, c->tcb.GetIss(), m_mss);
    c->synEvent = Simulator::Schedule(c->synWait, &CtcpCarrier::SynTimeout, this, handle);
}

bool
CtcpCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool /* initial */)
{
    NS_LOG_FUNCTION(this << peer << message);
    return SendMessage(peer, message, CONTROL);
}

bool
CtcpCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    return SendMessage(peer, message, DATA);
}

bool
CtcpCarrier::SendMessage(uint32_t peer, Ptr<Packet> message, MessageKind kind)
{
    Connection* c = Find(peer);
    if (!c || c->tcb.GetState() != CtcpConnection::ESTABLISHED)
    {
        return false;
    }
    NotifySend(message, kind);
    const uint8_t protocol =
        kind == CONTROL ? CtcpTrailer::PROTOCOL_IKE : CtcpTrailer::PROTOCOL_ESP;
    Ptr<Packet> wire = CtcpFraming::Frame(message, protocol, c->tcb.NextCounter(), m_listening);
    SendSegment(*c, wire, TcpHeader::ACK | TcpHeader::PSH, c->tcb.GetSndNxt());
    return true;
}

void
CtcpCarrier::SendSegment(Connection& c,
                         Ptr<Packet> payload,
                         uint8_t flags,
                         SequenceNumber32 sequence,
                         uint16_t mss)
{
    const CtcpL4Protocol::Segment s =
        c.tcb.MakeSegment(flags, sequence, payload->GetSize(), m_window, m_ackPolicy);
    if (payload->GetSize() > 0)
    {
        c.lastTx = Simulator::Now(); // idle means no message and no keepalive; ACKs do not count
    }
    ++m_segmentsSent;
    m_segmentTx(payload, s);
    m_ctcp->Send(payload, s, m_local, c.remote, mss);
}

void
CtcpCarrier::SendReset(const CtcpL4Protocol::Segment& segment, uint32_t size, Ipv4Address source)
{
    // RFC 9293 section 3.10.7.2 (LISTEN) and 3.10.7.1.
    const CtcpL4Protocol::Segment r = CtcpConnection::MakeReset(segment, size);
    Ptr<Packet> empty = Create<Packet>();
    ++m_segmentsSent;
    m_segmentTx(empty, r);
    m_ctcp->Send(empty, r, m_local, source);
}

void
CtcpCarrier::Receive(Ptr<Packet> payload,
                     const CtcpL4Protocol::Segment& segment,
                     Ipv4Address source)
{
    NS_LOG_FUNCTION(this << payload << source << segment.sourcePort << segment.destinationPort);
    auto found = m_byKey.find(Key(source, segment.sourcePort, segment.destinationPort));
    if (found != m_byKey.end())
    {
        ++m_segmentsReceived;
        m_segmentRx(payload, segment);
        ReceiveOnConnection(*Find(found->second), payload, segment);
        return;
    }
    if (segment.flags & TcpHeader::RST)
    {
        return; // RFC 9293 section 3.10.7.1: a RST with no connection is discarded
    }
    const bool syn = (segment.flags & (TcpHeader::SYN | TcpHeader::ACK)) == TcpHeader::SYN;
    if (!m_listening || segment.destinationPort != m_port || !syn)
    {
        SendReset(segment, payload->GetSize(), source);
        return;
    }
    ++m_segmentsReceived;
    m_segmentRx(payload, segment);
    Connection& c = NewConnection();
    const uint32_t handle = c.handle;
    c.remote = source;
    c.tcb.Accept(segment, SequenceNumber32(m_rng->GetInteger(0, 0xffffffff)));
    m_byKey[Key(source, segment.sourcePort, segment.destinationPort)] = handle;
    SendSegment(c, Create<Packet>(), TcpHeader::SYN | TcpHeader::ACK, c.tcb.GetIss(), m_mss);
}

void
CtcpCarrier::ReceiveOnConnection(Connection& c,
                                 Ptr<Packet> payload,
                                 const CtcpL4Protocol::Segment& segment)
{
    const uint32_t handle = c.handle;
    if (segment.flags & TcpHeader::RST)
    {
        const CtcpConnection::RstVerdict verdict =
            c.tcb.GetState() == CtcpConnection::SYN_SENT
                ? CtcpConnection::RST_ACCEPT
                : c.tcb.CheckReset(segment.sequence, m_window, m_rstPolicy);
        if (verdict == CtcpConnection::RST_CHALLENGE)
        {
            // RFC 5961 section 3.2: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; a peer that really
            // reset answers it with an exact RST. No rate limit (section 7) is modelled.
            ++m_challengeAcks;
            NotifyDrop(payload, "rst-challenged");
            SendSegment(c, Create<Packet>(), TcpHeader::ACK, c.tcb.GetSndNxt());
            return;
        }
        if (verdict == CtcpConnection::RST_IGNORE)
        {
            NotifyDrop(payload, "rst-outside-window");
            return;
        }
        NS_LOG_INFO("RST from " << c.remote << ":" << c.tcb.GetRemotePort());
        Remove(handle);
        NotifyPeerDown(handle);
        return;
    }
    if (c.tcb.GetState() == CtcpConnection::SYN_SENT)
    {
        if (!c.tcb.IsSynAck(segment))
        {
            return; // not the answer to our SYN
        }
        c.synEvent.Cancel();
        c.tcb.SynAckReceived(segment);
        Establish(c, segment.ack);
        SendSegment(c, Create<Packet>(), TcpHeader::ACK, c.tcb.GetSndNxt());
        NotifyPeerUp(handle);
        return;
    }
    if (segment.flags & TcpHeader::SYN)
    {
        if (c.tcb.GetState() == CtcpConnection::SYN_RECEIVED)
        {
            // Our SYN-ACK was lost and the client sent its SYN again.
            SendSegment(c,
                        Create<Packet>(),
                        TcpHeader::SYN | TcpHeader::ACK,
                        c.tcb.GetIss(),
                        m_mss);
        }
        return;
    }
    if (!(segment.flags & TcpHeader::ACK))
    {
        return; // RFC 9293 section 3.10.7.4: a segment without ACK is dropped
    }
    if (c.tcb.GetState() == CtcpConnection::SYN_RECEIVED)
    {
        if (segment.ack != c.tcb.GetIss() + 1)
        {
            SendReset(segment, payload->GetSize(), c.remote);
            return;
        }
        Establish(c, segment.ack);
    }
    if (segment.flags & TcpHeader::FIN)
    {
        // cTCP never closes gracefully in this model: a FIN ends the connection like a RST.
        SendSegment(c, Create<Packet>(), TcpHeader::RST | TcpHeader::ACK, c.tcb.GetSndNxt());
        Remove(handle);
        NotifyPeerDown(handle);
        return;
    }

    const uint32_t size = payload->GetSize();
    if (c.tcb.IsDuplicateAck(segment, size))
    {
        ++m_dupAcks; // cTCP counts it and does nothing else
        m_dupAckTrace(payload, segment);
    }
    c.tcb.Acknowledge(segment.ack);
    if (size == 0)
    {
        return;
    }
    if (size == 1)
    {
        // A keepalive (no cTCP message is shorter than its trailer): answer with an ACK.
        ++m_keepalivesRecv;
        SendSegment(c, Create<Packet>(), TcpHeader::ACK, c.tcb.GetSndNxt());
        return;
    }
    if (c.tcb.Receive(segment.sequence, size, m_maxRanges))
    {
        ++m_outOfOrder;
        m_outOfOrderTrace(Create<Packet>(size), segment);
    }
    Deliver(c, payload);
    // The tunnel may have answered at once (a piggybacked ACK); if not, ACK now.
    Connection* still = Find(handle);
    if (still && still->tcb.IsAckOwed())
    {
        SendSegment(*still, Create<Packet>(), TcpHeader::ACK, still->tcb.GetSndNxt());
    }
}

void
CtcpCarrier::Establish(Connection& c, SequenceNumber32 ack)
{
    NS_LOG_INFO("established with " << c.remote << ":" << c.tcb.GetRemotePort());
    c.tcb.Establish(ack);
    ++m_established;
    if (!m_keepalive.IsZero())
    {
        c.keepaliveEvent =
            Simulator::Schedule(m_keepalive, &CtcpCarrier::KeepaliveCheck, this, c.handle);
    }
}

void
CtcpCarrier::Deliver(const Connection& c, Ptr<Packet> payload)
{
    uint8_t protocol = 0;
    const std::string drop = CtcpFraming::Unframe(payload, protocol);
    if (!drop.empty())
    {
        NotifyDrop(payload, drop);
        return;
    }
    NotifyReceive(c.handle, payload, protocol == CtcpTrailer::PROTOCOL_ESP ? DATA : CONTROL);
}

void
CtcpCarrier::KeepaliveCheck(uint32_t handle)
{
    Connection* c = Find(handle);
    if (!c || c->tcb.GetState() != CtcpConnection::ESTABLISHED || m_keepalive.IsZero())
    {
        return;
    }
    const Time idle = Simulator::Now() - c->lastTx;
    if (idle < m_keepalive)
    {
        c->keepaliveEvent =
            Simulator::Schedule(m_keepalive - idle, &CtcpCarrier::KeepaliveCheck, this, handle);
        return;
    }
    // RFC 9293 section 3.8.4: one garbage byte at SND.NXT - 1, which the peer has already seen.
    const uint8_t zero = 0;
    Ptr<Packet> probe = Create<Packet>(&zero, 1);
    ++m_keepalivesSent;
    CtcpL4Protocol::Segment s;
    s.sequence = c->tcb.GetSndNxt() - 1;
    s.ack = c->tcb.GetAck(m_ackPolicy);
    m_keepaliveTrace(probe, s);
    SendSegment(*c, probe, TcpHeader::ACK, s.sequence);
    c->keepaliveEvent =
        Simulator::Schedule(m_keepalive, &CtcpCarrier::KeepaliveCheck, this, handle);
}

void
CtcpCarrier::Close(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    Connection* c = Find(peer);
    if (!c)
    {
        return;
    }
    if (m_resetOnClose && c->tcb.GetState() != CtcpConnection::SYN_SENT)
    {
        SendSegment(*c, Create<Packet>(), TcpHeader::RST | TcpHeader::ACK, c->tcb.GetSndNxt());
    }
    Remove(peer);
}

void
CtcpCarrier::Shutdown()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t handle : GetPeerHandles())
    {
        Close(handle);
    }
    if (m_listening && m_ctcp)
    {
        m_ctcp->Unregister(m_local, m_port);
    }
    m_listening = false;
}

void
CtcpCarrier::Remove(uint32_t handle)
{
    Connection* found = Find(handle);
    if (!found)
    {
        return;
    }
    Connection& c = *found;
    c.synEvent.Cancel();
    c.keepaliveEvent.Cancel();
    m_byKey.erase(Key(c.remote, c.tcb.GetRemotePort(), c.tcb.GetLocalPort()));
    if (!m_listening || c.tcb.GetLocalPort() != m_port)
    {
        m_ctcp->Unregister(m_local, c.tcb.GetLocalPort());
    }
    RemovePeer(handle);
}

uint64_t
CtcpCarrier::GetSegmentsSent() const
{
    return m_segmentsSent;
}

uint64_t
CtcpCarrier::GetSegmentsReceived() const
{
    return m_segmentsReceived;
}

uint64_t
CtcpCarrier::GetOutOfOrderCount() const
{
    return m_outOfOrder;
}

uint64_t
CtcpCarrier::GetDupAcksReceived() const
{
    return m_dupAcks;
}

uint64_t
CtcpCarrier::GetKeepalivesSent() const
{
    return m_keepalivesSent;
}

uint64_t
CtcpCarrier::GetKeepalivesReceived() const
{
    return m_keepalivesRecv;
}

uint64_t
CtcpCarrier::GetChallengeAcksSent() const
{
    return m_challengeAcks;
}

uint64_t
CtcpCarrier::GetSynRetransmissions() const
{
    return m_synRetransmits;
}

uint64_t
CtcpCarrier::GetConnectionsEstablished() const
{
    return m_established;
}

uint16_t
CtcpCarrier::GetHeadendTcpPort() const
{
    return m_port;
}

} // namespace ns3
