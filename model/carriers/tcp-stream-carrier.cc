/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-stream-carrier.h"

#include "rfc5961-tcp-socket.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpStreamCarrier");

NS_OBJECT_ENSURE_REGISTERED(TcpStreamCarrier);

TypeId
TcpStreamCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpStreamCarrier")
            .SetParent<VpnCarrier>()
            .SetGroupName("Vpn")
            .AddAttribute("TcpSegmentSize",
                          "Outer TCP segment size (MSS, payload bytes). 1448 fills a 1500-byte "
                          "MTU with IPv4 (20) and TCP with timestamps (32).",
                          UintegerValue(1448),
                          MakeUintegerAccessor(&TcpStreamCarrier::m_segmentSize),
                          MakeUintegerChecker<uint32_t>(64, 65495))
            .AddAttribute("TcpMinRto",
                          "Outer TCP minimum retransmission timeout. 200 ms is Linux's "
                          "TCP_RTO_MIN, where OpenConnect and espintcp run; ns-3's own default "
                          "is 1 s (RFC 6298).",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&TcpStreamCarrier::m_minRto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("TcpDelAckTimeout",
                          "Outer TCP delayed-ACK timeout. 40 ms is Linux's TCP_DELACK_MIN "
                          "(include/net/tcp.h), the partner of its 200 ms TCP_RTO_MIN; ns-3's "
                          "own 200 ms equals that RTO, so a lone segment in flight is "
                          "retransmitted spuriously before its delayed ACK comes back.",
                          TimeValue(MilliSeconds(40)),
                          MakeTimeAccessor(&TcpStreamCarrier::m_delAckTimeout),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("TcpSndBufSize",
                          "Outer TCP send buffer (bytes; ns-3's default).",
                          UintegerValue(131072),
                          MakeUintegerAccessor(&TcpStreamCarrier::m_sndBufSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("TcpRcvBufSize",
                          "Outer TCP receive buffer (bytes; ns-3's default).",
                          UintegerValue(131072),
                          MakeUintegerAccessor(&TcpStreamCarrier::m_rcvBufSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("TcpNoDelay",
                          "Disable Nagle on the outer socket (OpenConnect and Linux espintcp set "
                          "TCP_NODELAY).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpStreamCarrier::m_noDelay),
                          MakeBooleanChecker())
            .AddAttribute("TcpDataRetries",
                          "Retransmissions of a segment before the outer connection is given "
                          "up (Linux tcp_retries2 = 15; ns-3's default of 6 would end the "
                          "connection within seconds of an outage, before DPD).",
                          UintegerValue(15),
                          MakeUintegerAccessor(&TcpStreamCarrier::m_dataRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TcpSack",
                          "Selective acknowledgements (RFC 2018) on the outer sockets, as Linux "
                          "(net.ipv4.tcp_sack = 1). ns-3.37's SACK sender can stall for good "
                          "after losses (doc/vpn.rst, Scope and Limitations); false avoids it at "
                          "the cost of slower recovery from several losses in a window.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpStreamCarrier::m_sack),
                          MakeBooleanChecker())
            .AddAttribute(
                "RstPolicy",
                "Which RSTs end an outer connection: rfc5961 (the default: RFC 5961 section "
                "3.2, as the operating systems real clients run on check it, Linux "
                "tcp_validate_incoming: only a RST whose sequence number is exactly RCV.NXT; one "
                "elsewhere in the window draws a challenge ACK, one outside it is dropped; both "
                "are drops, rst-challenged and rst-outside-window) or any (ns-3's TcpSocketBase "
                "as it is: any RST with the connection's ports, whatever its sequence number).",
                EnumValue(TcpStreamCarrier::RST_RFC5961),
                compat::MakeEnumAccessor<TcpStreamCarrier::RstPolicy>(
                    &TcpStreamCarrier::m_rstPolicy),
                MakeEnumChecker(TcpStreamCarrier::RST_ANY,
                                "any",
                                TcpStreamCarrier::RST_RFC5961,
                                "rfc5961"))
            .AddAttribute("RequireAck",
                          "Drop a segment without ACK (nor RST, nor SYN) on an established "
                          "outer connection, as RFC 9293 section 3.10.7.4 (\"if the ACK bit is "
                          "off, drop the segment\") and Linux (tcp_rcv_state_process) do; a "
                          "drop, no-ack. False is ns-3's TcpSocketBase as it is, which takes "
                          "such a segment's data into the stream.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpStreamCarrier::m_requireAck),
                          MakeBooleanChecker())
            .AddAttribute("SendQueueLimit",
                          "Bytes that may wait above a full socket buffer before data messages "
                          "are refused (control messages always wait).",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&TcpStreamCarrier::m_sendQueueLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Connection",
                            "A TCP connection of the carrier opened, closed or was aborted.",
                            MakeTraceSourceAccessor(&TcpStreamCarrier::m_connectionTrace),
                            "ns3::TcpStreamCarrier::ConnectionTracedCallback");
    return tid;
}

TcpStreamCarrier::TcpStreamCarrier()
    : m_segmentSize(1448),
      m_minRto(MilliSeconds(200)),
      m_delAckTimeout(MilliSeconds(40)),
      m_sndBufSize(131072),
      m_rcvBufSize(131072),
      m_noDelay(true),
      m_dataRetries(15),
      m_sack(true),
      m_rstPolicy(RST_RFC5961),
      m_requireAck(true),
      m_sendQueueLimit(65536),
      m_framingErrors(0),
      m_queueDrops(0),
      m_checkDrops(0)
{
    NS_LOG_FUNCTION(this);
}

TcpStreamCarrier::~TcpStreamCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
TcpStreamCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Shutdown();
    VpnCarrier::DoDispose();
}

std::unique_ptr<TcpStreamCarrier::Connection>
TcpStreamCarrier::NewConnection() const
{
    return std::make_unique<Connection>();
}

uint32_t
TcpStreamCarrier::AddConnection(Ptr<Socket> socket, Ipv4Address remote, bool initiator)
{
    std::unique_ptr<Connection> c = NewConnection();
    c->socket = socket;
    c->remote = remote;
    c->framer = StreamFramer(GetFrameFormat(initiator));
    c->queued = Create<Packet>();
    c->open = !initiator; // a headend's connection is accepted established
    c->initiator = initiator;
    const uint32_t peer = AddPeer(std::move(c));
    m_bySocket[socket] = peer;
    return peer;
}

Ptr<Socket>
TcpStreamCarrier::NewSocket()
{
    // TcpL4Protocol::CreateSocket's socket, with RFC 5961 section 3.2's RST check (RstPolicy)
    // and RFC 9293 section 3.10.7.4's ACK-bit check (RequireAck).
    Ptr<Rfc5961TcpSocket> socket = Rfc5961TcpSocket::Create(m_node->GetObject<TcpL4Protocol>());
    socket->SetChecks(m_rstPolicy == RST_RFC5961,
                      m_requireAck,
                      MakeCallback(&TcpStreamCarrier::CheckDropped, this));
    socket->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    socket->SetAttribute("SndBufSize", UintegerValue(m_sndBufSize));
    socket->SetAttribute("RcvBufSize", UintegerValue(m_rcvBufSize));
    socket->SetAttribute("TcpNoDelay", BooleanValue(m_noDelay));
    socket->SetAttribute("MinRto", TimeValue(m_minRto));
    socket->SetAttribute("DelAckTimeout", TimeValue(m_delAckTimeout));
    socket->SetAttribute("DataRetries", UintegerValue(m_dataRetries));
    socket->SetAttribute("Sack", BooleanValue(m_sack));
    return socket;
}

void
TcpStreamCarrier::Wire(Ptr<Socket> socket)
{
    socket->SetRecvCallback(MakeCallback(&TcpStreamCarrier::Read, this));
    socket->SetSendCallback(MakeCallback(&TcpStreamCarrier::Writable, this));
    socket->SetCloseCallbacks(MakeCallback(&TcpStreamCarrier::PeerClosed, this),
                              MakeCallback(&TcpStreamCarrier::PeerError, this));
}

uint32_t
TcpStreamCarrier::Connect(Ipv4Address headend)
{
    NS_LOG_FUNCTION(this << headend);
    Ptr<Socket> socket = NewSocket();
    socket->Bind(InetSocketAddress(m_local, 0));
    const uint32_t peer = AddConnection(socket, headend, true);
    socket->SetConnectCallback(MakeCallback(&TcpStreamCarrier::ConnectSucceeded, this),
                               MakeCallback(&TcpStreamCarrier::ConnectFailed, this));
    Wire(socket);
    socket->Connect(InetSocketAddress(headend, GetPort()));
    return peer;
}

void
TcpStreamCarrier::Listen()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        return;
    }
    m_listener = NewSocket();
    const int status = m_listener->Bind(InetSocketAddress(m_local, GetPort()));
    NS_ABORT_MSG_IF(status != 0,
                    "vpn carrier '" << GetName() << "': cannot bind TCP " << m_local << ":"
                                    << GetPort() << " on node " << m_node->GetId());
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&TcpStreamCarrier::Accepted, this));
    m_listener->Listen();
}

void
TcpStreamCarrier::Close(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    Drop(peer, "closed", false);
}

void
TcpStreamCarrier::Shutdown()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t peer : GetPeerHandles())
    {
        Drop(peer, "closed", false);
    }
    if (m_listener)
    {
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener->Close();
        m_listener = nullptr;
    }
}

uint32_t
TcpStreamCarrier::GetConnectionCount() const
{
    return GetPeerCount();
}

uint64_t
TcpStreamCarrier::GetFramingErrors() const
{
    return m_framingErrors;
}

uint64_t
TcpStreamCarrier::GetSendQueueDrops() const
{
    return m_queueDrops;
}

uint64_t
TcpStreamCarrier::GetCheckDrops() const
{
    return m_checkDrops;
}

void
TcpStreamCarrier::CheckDropped(Ptr<const Packet> segment, const std::string& reason)
{
    ++m_checkDrops;
    NotifyDrop(segment, reason);
}

Ptr<Socket>
TcpStreamCarrier::GetSocket(uint32_t peer) const
{
    const Connection* c = FindPeer<Connection>(peer);
    return c ? c->socket : nullptr;
}

bool
TcpStreamCarrier::IsOpen(uint32_t peer) const
{
    const Connection* c = FindPeer<Connection>(peer);
    return c && c->open;
}

uint32_t
TcpStreamCarrier::GetTcpOverhead() const
{
    // IPv4 (20) + TCP (20) + the timestamp option ns-3 sends by default (10, padded to 12).
    return 20 + 20 + 12;
}

void
TcpStreamCarrier::StreamClosed(uint32_t /* peer */, Connection& /* connection */)
{
}

bool
TcpStreamCarrier::StreamSend(uint32_t peer, Ptr<Packet> bytes, bool droppable)
{
    Connection* found = FindPeer<Connection>(peer);
    if (!found || !found->open)
    {
        return false;
    }
    Connection& c = *found;
    if (droppable && c.queued->GetSize() + bytes->GetSize() > m_sendQueueLimit &&
        c.socket->GetTxAvailable() < c.queued->GetSize() + bytes->GetSize())
    {
        ++m_queueDrops;
        return false;
    }
    // Tags do not survive a byte stream (segments merge and split); drop them here, as a real
    // stack carries bytes only.
    Ptr<Packet> copy = bytes->Copy();
    copy->RemoveAllPacketTags();
    c.queued->AddAtEnd(copy);
    Flush(c);
    return true;
}

void
TcpStreamCarrier::Flush(Connection& c)
{
    while (c.queued->GetSize() > 0)
    {
        const uint32_t room = c.socket->GetTxAvailable();
        if (room == 0)
        {
            return;
        }
        const uint32_t n = std::min(room, c.queued->GetSize());
        if (c.socket->Send(c.queued->CreateFragment(0, n)) < 0)
        {
            return;
        }
        c.queued->RemoveAtStart(n);
    }
}

void
TcpStreamCarrier::StreamAbort(uint32_t peer, const std::string& reason)
{
    NS_LOG_FUNCTION(this << peer << reason);
    Drop(peer, reason, true);
}

void
TcpStreamCarrier::Drop(uint32_t peer, const std::string& event, bool report)
{
    std::unique_ptr<Peer> gone = RemovePeer(peer);
    if (!gone)
    {
        return;
    }
    Connection& c = static_cast<Connection&>(*gone);
    Ptr<Socket> socket = c.socket;
    const Ipv4Address remote = c.remote;
    m_bySocket.erase(socket);
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->Close();
    m_connectionTrace(peer, remote, event);
    if (report)
    {
        StreamClosed(peer, c);
        NotifyPeerDown(peer);
    }
}

uint32_t
TcpStreamCarrier::FindBySocket(Ptr<Socket> socket) const
{
    auto it = m_bySocket.find(socket);
    return it == m_bySocket.end() ? 0 : it->second;
}

void
TcpStreamCarrier::ConnectSucceeded(Ptr<Socket> socket)
{
    const uint32_t peer = FindBySocket(socket);
    NS_LOG_FUNCTION(this << peer);
    if (peer == 0)
    {
        return;
    }
    Connection& c = *FindPeer<Connection>(peer);
    c.open = true;
    m_connectionTrace(peer, c.remote, "connected");
    StreamOpened(peer, true);
}

void
TcpStreamCarrier::ConnectFailed(Ptr<Socket> socket)
{
    const uint32_t peer = FindBySocket(socket);
    NS_LOG_FUNCTION(this << peer);
    Drop(peer, "failed", true);
}

void
TcpStreamCarrier::Accepted(Ptr<Socket> socket, const Address& from)
{
    const Ipv4Address remote = InetSocketAddress::ConvertFrom(from).GetIpv4();
    const uint32_t peer = AddConnection(socket, remote, false);
    NS_LOG_FUNCTION(this << peer << remote);
    Wire(socket);
    m_connectionTrace(peer, remote, "accepted");
    StreamOpened(peer, false);
}

void
TcpStreamCarrier::Read(Ptr<Socket> socket)
{
    const uint32_t peer = FindBySocket(socket);
    if (peer == 0)
    {
        return;
    }
    while (Ptr<Packet> bytes = socket->Recv())
    {
        Connection* c = FindPeer<Connection>(peer);
        if (!c)
        {
            return; // closed by a frame handled below
        }
        c->framer.Add(bytes);
        while (true)
        {
            c = FindPeer<Connection>(peer);
            if (!c)
            {
                return;
            }
            StreamFramer& framer = c->framer;
            Ptr<Packet> frame = framer.Next();
            if (!frame)
            {
                if (framer.IsFailed())
                {
                    ++m_framingErrors;
                    NotifyDrop(bytes, StreamFramer::ErrorName(framer.GetError()));
                    StreamAbort(peer, "framing-error");
                    return;
                }
                break;
            }
            frame->RemoveAllPacketTags();
            StreamFrame(peer, frame);
        }
    }
}

void
TcpStreamCarrier::Writable(Ptr<Socket> socket, uint32_t /* available */)
{
    const uint32_t peer = FindBySocket(socket);
    if (peer != 0)
    {
        Flush(*FindPeer<Connection>(peer));
    }
}

void
TcpStreamCarrier::PeerClosed(Ptr<Socket> socket)
{
    const uint32_t peer = FindBySocket(socket);
    NS_LOG_FUNCTION(this << peer);
    Drop(peer, "closed", true);
}

void
TcpStreamCarrier::PeerError(Ptr<Socket> socket)
{
    const uint32_t peer = FindBySocket(socket);
    NS_LOG_FUNCTION(this << peer);
    Drop(peer, "reset", true);
}

uint16_t
TcpStreamCarrier::GetHeadendTcpPort() const
{
    return GetPort();
}

bool
TcpStreamCarrier::KeepsPacketTags() const
{
    return false;
}

} // namespace ns3
