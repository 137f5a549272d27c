/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dtls-channel.h"

#include "dtls-record-header.h"
#include "tls-handshake.h"
#include "tls-record-header.h"
#include "tls-record-layer.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DtlsChannel");

static_assert(CstpConnect::SESSION_ID_SIZE == TlsHandshake::SESSION_ID_SIZE,
              "X-DTLS-Session-ID is the DTLS hello's session id");

namespace
{
/// The one byte of a ChangeCipherSpec message.
constexpr uint8_t CCS = 1;
} // namespace

std::string
DtlsChannel::StateName(State state)
{
    switch (state)
    {
    case OFF:
        return "off";
    case CONNECTING:
        return "connecting";
    case UP:
        return "up";
    case SLEEPING:
        return "sleeping";
    }
    return "unknown";
}

DtlsChannel::DtlsChannel(bool initiator, const Config& config, Hooks hooks)
    : m_initiator(initiator),
      m_config(config),
      m_hooks(std::move(hooks)),
      m_state(OFF),
      m_tries(0),
      m_session{},
      m_peerPort(0),
      m_sequence(0),
      m_closed(false)
{
    NS_LOG_FUNCTION(this << initiator);
}

void
DtlsChannel::SetClient(Ptr<Node> node,
                       Ipv4Address local,
                       Ipv4Address headend,
                       const SessionId& session)
{
    m_node = node;
    m_local = local;
    m_headend = headend;
    m_session = session;
}

void
DtlsChannel::SetListener(Ptr<Socket> listener)
{
    m_listener = listener;
}

void
DtlsChannel::SetPeer(Ipv4Address address, uint16_t port)
{
    m_peer = address;
    m_peerPort = port;
}

Ipv4Address
DtlsChannel::GetPeerAddress() const
{
    return m_peer;
}

uint16_t
DtlsChannel::GetPeerPort() const
{
    return m_peerPort;
}

DtlsChannel::State
DtlsChannel::GetState() const
{
    return m_state;
}

bool
DtlsChannel::IsClosed() const
{
    return m_closed;
}

void
DtlsChannel::Close()
{
    NS_LOG_FUNCTION(this);
    m_closed = true;
    m_timer.Cancel();
    m_retry.Cancel();
    // A pending event holds this channel (its Ptr) and an EventId holds the event: drop the ids
    // too, or the two keep each other alive after the simulator lets the event go (a leak).
    m_timer = EventId();
    m_retry = EventId();
    CloseSocket();
    m_listener = nullptr;
    m_node = nullptr;
}

void
DtlsChannel::SetState(State state, const std::string& reason)
{
    if (m_state == state)
    {
        return;
    }
    NS_LOG_INFO("DTLS " << StateName(m_state) << " -> " << StateName(state) << " (" << reason
                        << ")");
    const State old = m_state;
    m_state = state;
    m_hooks.state(old, state, reason);
}

void
DtlsChannel::Fallback(const std::string& reason)
{
    m_timer.Cancel();
    SetState(SLEEPING, reason);
    if (m_initiator)
    {
        CloseSocket();
        m_retry = Simulator::Schedule(m_config.retry,
                                      &DtlsChannel::Attempt,
                                      Ptr<DtlsChannel>(this),
                                      std::string("retry"));
    }
}

void
DtlsChannel::PeerDead()
{
    m_timer.Cancel();
    SetState(SLEEPING, "dpd-timeout");
    if (m_initiator)
    {
        // OpenConnect dtls.c, dtls_mainloop, KA_DPD_DEAD: "Fall back to SSL, and start a new
        // DTLS connection" (dtls_reconnect: dtls_close, then connect_dtls_socket at once, on a
        // new socket). Only a failed attempt waits the attempt period.
        CloseSocket();
        Attempt("reconnect");
    }
}

void
DtlsChannel::CloseSocket()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
DtlsChannel::Start()
{
    Attempt("connected");
}

void
DtlsChannel::Attempt(const std::string& reason)
{
    if (m_closed)
    {
        return;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(m_local, 0));
        m_socket->SetRecvCallback(MakeCallback(&DtlsChannel::Read, this));
    }
    SetState(CONNECTING, reason);
    m_tries = 0;
    m_attemptStart = Simulator::Now();
    Hello();
}

void
DtlsChannel::Hello()
{
    // The session id the headend gave in X-DTLS-Session-ID (it names the TLS connection).
    Ptr<Packet> hello = TlsHandshake::Hello(true, false, true, m_session.data(), 0);
    Send(Record(TlsRecordHeader::HANDSHAKE, hello, false));
    const Time timeout = m_config.handshakeTimeout * double(1u << std::min(m_tries, 16u));
    const Time deadline = m_attemptStart + m_config.handshakeLimit - Simulator::Now();
    m_timer = Simulator::Schedule(std::min(timeout, std::max(deadline, Time(0))),
                                  &DtlsChannel::Timer,
                                  Ptr<DtlsChannel>(this));
}

Ptr<Packet>
DtlsChannel::Record(uint8_t type, Ptr<Packet> body, bool encrypted)
{
    Ptr<Packet> fragment = encrypted ? TlsRecordLayer::SealGcm(body) : body->Copy();
    const uint64_t seq = m_sequence++;
    fragment->AddHeader(DtlsRecordHeader(type, encrypted ? 1 : 0, seq, fragment->GetSize()));
    return fragment;
}

void
DtlsChannel::Send(Ptr<Packet> datagram)
{
    m_live.Sent(Simulator::Now());
    if (m_initiator)
    {
        if (m_socket)
        {
            m_socket->SendTo(datagram, 0, InetSocketAddress(m_headend, m_config.port));
        }
        return;
    }
    if (m_listener && m_peerPort != 0)
    {
        m_listener->SendTo(datagram, 0, InetSocketAddress(m_peer, m_peerPort));
    }
}

void
DtlsChannel::SendCstp(uint8_t type, Ptr<Packet> payload)
{
    Ptr<Packet> plain = Create<Packet>(&type, 1);
    plain->AddAtEnd(payload->Copy());
    Send(Record(TlsRecordHeader::APPLICATION_DATA, plain, true));
}

void
DtlsChannel::Timer()
{
    if (m_closed)
    {
        return;
    }
    const Time now = Simulator::Now();
    if (m_state == CONNECTING)
    {
        if (m_tries >= m_config.handshakeRetries || now >= m_attemptStart + m_config.handshakeLimit)
        {
            Fallback("handshake-timeout");
            return;
        }
        ++m_tries;
        Hello();
        return;
    }
    if (m_state != UP)
    {
        return;
    }
    auto send = [this](uint8_t type) {
        m_hooks.liveness(type);
        SendCstp(type, Create<Packet>());
    };
    if (!m_live.Poll(now, send))
    {
        PeerDead();
        return;
    }
    m_timer = Simulator::Schedule(m_live.DelayToNextCheck(now),
                                  &DtlsChannel::Timer,
                                  Ptr<DtlsChannel>(this));
}

bool
DtlsChannel::ForEachRecord(Ptr<const Packet> datagram,
                           const std::function<bool(uint8_t, Ptr<Packet>)>& record)
{
    Ptr<Packet> rest = datagram->Copy();
    while (rest->GetSize() >= DtlsRecordHeader::SIZE)
    {
        DtlsRecordHeader header;
        rest->RemoveHeader(header);
        const uint32_t length = header.GetLength();
        if (length > rest->GetSize())
        {
            return false;
        }
        Ptr<Packet> body = rest->CreateFragment(0, length);
        rest->RemoveAtStart(length);
        if (!record(header.GetType(), body))
        {
            break;
        }
    }
    return true;
}

bool
DtlsChannel::ClientHelloSession(uint8_t type, Ptr<const Packet> body, SessionId& session)
{
    constexpr uint32_t at = TlsHandshake::DTLS_SESSION_ID_OFFSET;
    uint8_t head[at + TlsHandshake::SESSION_ID_SIZE] = {};
    if (type != TlsRecordHeader::HANDSHAKE || body->GetSize() < sizeof(head))
    {
        return false;
    }
    body->CopyData(head, sizeof(head));
    if (head[0] != TlsHandshake::CLIENT_HELLO)
    {
        return false;
    }
    std::copy(&head[at], &head[at] + session.size(), session.begin());
    return true;
}

void
DtlsChannel::Read(Ptr<Socket> socket)
{
    Ptr<DtlsChannel> self(this); // a record may make the carrier forget the session
    Address from;
    while (Ptr<Packet> datagram = socket->RecvFrom(from))
    {
        const bool whole =
            ForEachRecord(datagram, [this, datagram](uint8_t type, Ptr<Packet> body) {
                if (m_closed)
                {
                    m_hooks.drop(datagram, "dtls-unknown-session");
                    return false;
                }
                Receive(type, body);
                return true;
            });
        if (!whole)
        {
            m_hooks.drop(datagram, "dtls-malformed");
        }
    }
}

void
DtlsChannel::Receive(uint8_t type, Ptr<Packet> body)
{
    Ptr<DtlsChannel> self(this); // the carrier may forget the session while a packet is handled
    uint8_t first = 0;
    if (body->GetSize() > 0)
    {
        body->CopyData(&first, 1);
    }
    if (type == TlsRecordHeader::HANDSHAKE)
    {
        if (!m_initiator && first == TlsHandshake::CLIENT_HELLO)
        {
            // Resumption: ServerHello, ChangeCipherSpec, Finished in one datagram.
            m_timer.Cancel();
            SetState(CONNECTING, "client-hello");
            const uint8_t sid[TlsHandshake::SESSION_ID_SIZE] = {};
            Ptr<Packet> flight = Record(TlsRecordHeader::HANDSHAKE,
                                        TlsHandshake::Hello(false, false, true, sid, 0),
                                        false);
            flight->AddAtEnd(
                Record(TlsRecordHeader::CHANGE_CIPHER_SPEC, Create<Packet>(&CCS, 1), false));
            flight->AddAtEnd(Record(TlsRecordHeader::HANDSHAKE,
                                    TlsHandshake::Message(TlsHandshake::FINISHED, 24),
                                    true));
            Send(flight);
            return;
        }
        if (m_initiator && first == TlsHandshake::SERVER_HELLO && m_state == CONNECTING)
        {
            m_timer.Cancel();
            Ptr<Packet> flight =
                Record(TlsRecordHeader::CHANGE_CIPHER_SPEC, Create<Packet>(&CCS, 1), false);
            flight->AddAtEnd(Record(TlsRecordHeader::HANDSHAKE,
                                    TlsHandshake::Message(TlsHandshake::FINISHED, 24),
                                    true));
            Send(flight);
        }
        else if (m_initiator || m_state != CONNECTING || first == TlsHandshake::SERVER_HELLO)
        {
            return; // the rest of a flight already acted on
        }
    }
    else if (type == TlsRecordHeader::CHANGE_CIPHER_SPEC)
    {
        return;
    }
    else if (type != TlsRecordHeader::APPLICATION_DATA ||
             body->GetSize() < TlsRecordLayer::AeadOverhead(false) + 1)
    {
        m_hooks.drop(body, "dtls-malformed");
        return;
    }
    // The handshake's last step, or any protected record, means the peer speaks DTLS now.
    const Time now = Simulator::Now();
    if (m_state != UP && (m_initiator ? m_state == CONNECTING : true))
    {
        SetState(UP, m_state == SLEEPING ? "peer-dtls" : "handshake");
        m_live = DpdKeepalive(m_config.dpd, m_config.keepalive);
        m_live.Start(now);
        m_timer.Cancel();
        m_timer = Simulator::Schedule(m_live.NextCheck(now) - now,
                                      &DtlsChannel::Timer,
                                      Ptr<DtlsChannel>(this));
    }
    m_live.Received(now);
    if (type != TlsRecordHeader::APPLICATION_DATA)
    {
        return;
    }
    TlsRecordLayer::OpenGcm(body);
    uint8_t cstpType = 0;
    body->CopyData(&cstpType, 1);
    body->RemoveAtStart(1);
    m_hooks.cstp(cstpType, body);
}

} // namespace ns3
