/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ssl-vpn-carrier.h"

#include "cstp-connect.h"
#include "cstp-header.h"
#include "dtls-record-header.h"
#include "tls-handshake.h"
#include "tls-record-header.h"
#include "tls-record-layer.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SslVpnCarrier");

NS_OBJECT_ENSURE_REGISTERED(SslVpnCarrier);

namespace
{
/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a 64-bit mixing function whose outputs pass
 * BigCrush; it stands for a headend's random source.
 * \param x the input
 * \return the mixed value
 */
uint64_t
Mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/**
 * The headends listening, by outer address: where a client's authentication (not on the wire)
 * goes.
 * \return the table
 */
std::map<uint32_t, SslVpnCarrier*>&
Headends()
{
    static std::map<uint32_t, SslVpnCarrier*> headends;
    return headends;
}
} // namespace

TypeId
SslVpnCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SslVpnCarrier")
            .SetParent<TcpStreamCarrier>()
            .SetGroupName("Vpn")
            .AddConstructor<SslVpnCarrier>()
            .AddAttribute("Port",
                          "TCP port of the TLS channel (HTTPS, 443).",
                          UintegerValue(443),
                          MakeUintegerAccessor(&SslVpnCarrier::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute(
                "TlsVersion",
                "TLS 1.2 (RFC 5246, AES-GCM: 24 bytes per record beyond the header) or "
                "1.3 (RFC 8446: 17 bytes). ASA headends long offered 1.2 only.",
                EnumValue(TLS_1_2),
                compat::MakeEnumAccessor<SslVpnCarrier::TlsVersion>(&SslVpnCarrier::m_version),
                MakeEnumChecker(TLS_1_2, "tls1.2", TLS_1_3, "tls1.3"))
            .AddAttribute("ClientHelloSize",
                          "Bytes of the ClientHello handshake message (a browser-like hello with "
                          "padding is 512).",
                          UintegerValue(512),
                          MakeUintegerAccessor(&SslVpnCarrier::m_clientHelloSize),
                          MakeUintegerChecker<uint32_t>(0, 16384))
            .AddAttribute("ServerFlightSize",
                          "Bytes of the server's certificate flight (Certificate, key exchange "
                          "and done; encrypted in TLS 1.3): about 3000 for a two-certificate RSA "
                          "chain. 22 to 16384: the least is one TLS 1.3 record with an empty "
                          "body (5-byte header, RFC 8446 section 5.1, plus content type and "
                          "16-byte AEAD tag, section 5.2), which TlsVersion tls1.3 needs.",
                          UintegerValue(3000),
                          MakeUintegerAccessor(&SslVpnCarrier::m_serverFlightSize),
                          MakeUintegerChecker<uint32_t>(MIN_SERVER_FLIGHT_SIZE, 16384))
            .AddAttribute("ConnectRequestSize",
                          "Bytes of the HTTP CONNECT /CSCOSSLC/tunnel request (with X-CSTP and "
                          "X-DTLS headers).",
                          UintegerValue(600),
                          MakeUintegerAccessor(&SslVpnCarrier::m_connectRequestSize),
                          MakeUintegerChecker<uint32_t>(0, 16384))
            .AddAttribute("ConnectResponseSize",
                          "Bytes of the HTTP 200 CONNECTED response (address, DNS, split routes, "
                          "timers).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&SslVpnCarrier::m_connectResponseSize),
                          MakeUintegerChecker<uint32_t>(0, 16384))
            .AddAttribute("DpdInterval",
                          "CSTP dead-peer detection on TLS (X-CSTP-DPD; 30 s is typical). 0 "
                          "disables.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SslVpnCarrier::m_dpd),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("KeepaliveInterval",
                          "Keepalive after this long without sending (X-CSTP-Keepalive, 20 s). "
                          "Applies to TLS and DTLS, sent by the client only (OpenConnect "
                          "cstp.c and dtls.c, KA_KEEPALIVE: a client's rule; the headend "
                          "answers DPD and sends none). 0 disables.",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&SslVpnCarrier::m_keepalive),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("EnableDtls",
                          "Carry data over DTLS on UDP when it works (anyconnect); false keeps "
                          "everything on TLS (anyconnect-tls).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SslVpnCarrier::m_enableDtls),
                          MakeBooleanChecker())
            .AddAttribute("DtlsPort",
                          "UDP port of DTLS at the headend (X-DTLS-Port, 443).",
                          UintegerValue(443),
                          MakeUintegerAccessor(&SslVpnCarrier::m_dtlsPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("DtlsDpdInterval",
                          "Dead-peer detection on DTLS (X-DTLS-DPD, 30 s). 0 disables.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SslVpnCarrier::m_dtlsDpd),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("DtlsRetryInterval",
                          "After a DTLS handshake attempt fails, the client tries again this much "
                          "later (OpenConnect's dtls_attempt_period, 60 s). After DTLS DPD "
                          "declares the peer dead, the client tries at once (dtls.c, "
                          "dtls_reconnect).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&SslVpnCarrier::m_dtlsRetry),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DtlsHandshakeTimeout",
                          "First retransmission timeout of the DTLS ClientHello, doubled each "
                          "time (RFC 6347 section 4.2.4.1: 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&SslVpnCarrier::m_dtlsHandshakeTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DtlsHandshakeRetries",
                          "ClientHello retransmissions before DTLS sleeps until the next retry.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SslVpnCarrier::m_dtlsHandshakeRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DtlsHandshakeLimit",
                          "A DTLS handshake attempt not done within this time fails and DTLS "
                          "sleeps until the next retry (OpenConnect gnutls-dtls.c and "
                          "openssl-dtls.c, dtls_try_handshake: new_dtls_started + 12 s).",
                          TimeValue(Seconds(12)),
                          MakeTimeAccessor(&SslVpnCarrier::m_dtlsHandshakeLimit),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("DtlsState",
                            "A session's DTLS channel changed state (data moved between DTLS "
                            "and TLS).",
                            MakeTraceSourceAccessor(&SslVpnCarrier::m_dtlsTrace),
                            "ns3::SslVpnCarrier::DtlsStateTracedCallback")
            .AddTraceSource("Liveness",
                            "A DPD request or keepalive was sent on TLS or DTLS.",
                            MakeTraceSourceAccessor(&SslVpnCarrier::m_livenessTrace),
                            "ns3::SslVpnCarrier::LivenessTracedCallback");
    return tid;
}

std::string
SslVpnCarrier::DtlsStateName(DtlsState state)
{
    return DtlsChannel::StateName(state);
}

SslVpnCarrier::SslVpnCarrier()
    : m_port(443),
      m_version(TLS_1_2),
      m_clientHelloSize(512),
      m_serverFlightSize(3000),
      m_connectRequestSize(600),
      m_connectResponseSize(1000),
      m_dpd(Seconds(30)),
      m_keepalive(Seconds(20)),
      m_enableDtls(true),
      m_dtlsPort(443),
      m_dtlsDpd(Seconds(30)),
      m_dtlsRetry(Seconds(60)),
      m_dtlsHandshakeTimeout(Seconds(1)),
      m_dtlsHandshakeRetries(4),
      m_dtlsHandshakeLimit(Seconds(12)),
      m_tlsData(0),
      m_dtlsData(0),
      m_secret(0),
      m_draws(0)
{
    NS_LOG_FUNCTION(this);
}

SslVpnCarrier::~SslVpnCarrier()
{
    NS_LOG_FUNCTION(this);
    auto entry = Headends().find(m_local.Get());
    if (entry != Headends().end() && entry->second == this)
    {
        Headends().erase(entry);
    }
}

void
SslVpnCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    TcpStreamCarrier::DoDispose(); // calls Shutdown(), which forgets every session
    m_cookies.clear();
}

DtlsChannel::SessionId
SslVpnCarrier::NewSecretBytes()
{
    DtlsChannel::SessionId bytes{};
    for (uint32_t i = 0; i < bytes.size(); i += 8)
    {
        const uint64_t v = Mix(m_secret ^ Mix(++m_draws));
        for (uint32_t j = 0; j < 8; ++j)
        {
            bytes[i + j] = uint8_t(v >> (8 * j));
        }
    }
    return bytes;
}

std::string
SslVpnCarrier::Authenticate(Ipv4Address inner)
{
    NS_LOG_FUNCTION(this << inner);
    auto entry = Headends().find(m_local.Get());
    if (entry == Headends().end() || entry->second != this)
    {
        return "";
    }
    const std::string cookie = CstpConnect::Hex(NewSecretBytes());
    m_cookies[cookie] = inner;
    return cookie;
}

uint64_t
SslVpnCarrier::GetCookiesIssued() const
{
    return m_cookies.size();
}

bool
SslVpnCarrier::IsCookieValid(const CstpConnect::Fields& fields) const
{
    auto cookie = m_cookies.find(fields.cookie);
    return cookie != m_cookies.end() && cookie->second == fields.address;
}

std::string
SslVpnCarrier::GetName() const
{
    return m_enableDtls ? "anyconnect" : "anyconnect-tls";
}

uint16_t
SslVpnCarrier::GetPort() const
{
    return m_port;
}

bool
SslVpnCarrier::CarriesEsp() const
{
    return false;
}

Time
SslVpnCarrier::GetDeadPeerTime() const
{
    // A dead DTLS channel only sends the data back to TLS (OpenConnect's dtls.c); the tunnel
    // fails when the TLS channel's DPD does.
    return DpdKeepalive(m_dpd, Time(0)).GetDeadTime();
}

uint32_t
SslVpnCarrier::TlsAeadOverhead() const
{
    return TlsRecordLayer::AeadOverhead(m_version == TLS_1_3);
}

uint32_t
SslVpnCarrier::GetDataOverhead() const
{
    if (m_enableDtls)
    {
        return 20 + 8 + DtlsRecordHeader::SIZE + TlsRecordLayer::AeadOverhead(false) + 1;
    }
    return GetTcpOverhead() + TlsRecordHeader::SIZE + TlsAeadOverhead() + CstpHeader::SIZE;
}

SslVpnCarrier::DtlsState
SslVpnCarrier::GetDtlsState(uint32_t peer) const
{
    const Session* s = Find(peer);
    return !s || !s->dtls ? DtlsChannel::OFF : s->dtls->GetState();
}

uint64_t
SslVpnCarrier::GetTlsDataSent() const
{
    return m_tlsData;
}

uint64_t
SslVpnCarrier::GetDtlsDataSent() const
{
    return m_dtlsData;
}

StreamFramer::Format
SslVpnCarrier::GetFrameFormat(bool /* initiator */) const
{
    return StreamFramer::TlsRecord(TlsRecordLayer::MaxFragment(m_version == TLS_1_3));
}

SslVpnCarrier::Session*
SslVpnCarrier::Find(uint32_t peer) const
{
    return FindPeer<Session>(peer);
}

std::unique_ptr<TcpStreamCarrier::Connection>
SslVpnCarrier::NewConnection() const
{
    return std::make_unique<Session>();
}

bool
SslVpnCarrier::IsDtlsUp(const Session& s)
{
    return s.dtls && s.dtls->GetState() == DtlsChannel::UP;
}

void
SslVpnCarrier::Listen()
{
    NS_LOG_FUNCTION(this);
    TcpStreamCarrier::Listen();
    // The headend's secret keys its cookies and DTLS session ids; it never leaves the carrier.
    m_secret = Mix(Mix(Mix(RngSeedManager::GetSeed()) ^ RngSeedManager::GetRun()) ^
                   ((uint64_t(m_node->GetId()) << 32) | m_local.Get()));
    Headends()[m_local.Get()] = this;
    if (m_enableDtls && !m_dtlsListener)
    {
        // The channel a ClientHello's session id names: its session's CSTP is up and wants DTLS
        // (ocserv finds it by the id alone, whatever the source: forward_udp_to_owner).
        auto resolver = [this](const DtlsChannel::SessionId& id) -> Ptr<DtlsChannel> {
            auto named = m_dtlsIds.find(id);
            Session* s = named == m_dtlsIds.end() ? nullptr : Find(named->second);
            if (!s || s->state != CSTP_UP || !s->dtls)
            {
                return nullptr;
            }
            return s->dtls;
        };
        auto drop = [this](Ptr<const Packet> packet, const std::string& reason) {
            NotifyDrop(packet, reason);
        };
        m_dtlsListener = Create<DtlsListener>(resolver, drop);
        m_dtlsListener->Open(m_node, m_local, m_dtlsPort, GetName());
    }
}

void
SslVpnCarrier::ForgetDtlsId(Session& s)
{
    if (s.hasDtlsId)
    {
        m_dtlsIds.erase(s.dtlsId);
        s.hasDtlsId = false;
    }
}

void
SslVpnCarrier::Forget(Session& s)
{
    s.tlsTimer.Cancel();
    ForgetDtlsId(s);
    if (s.dtls)
    {
        if (m_dtlsListener)
        {
            m_dtlsListener->Forget(s.dtls);
        }
        s.dtls->Close();
        s.dtls = nullptr;
    }
}

void
SslVpnCarrier::Close(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (Session* s = Find(peer))
    {
        Forget(*s);
    }
    TcpStreamCarrier::Close(peer);
}

void
SslVpnCarrier::Shutdown()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t peer : GetPeerHandles())
    {
        Forget(*Find(peer));
    }
    if (m_dtlsListener)
    {
        m_dtlsListener->Close();
        m_dtlsListener = nullptr;
    }
    auto entry = Headends().find(m_local.Get());
    if (entry != Headends().end() && entry->second == this)
    {
        Headends().erase(entry);
    }
    TcpStreamCarrier::Shutdown();
}

void
SslVpnCarrier::StreamClosed(uint32_t /* peer */, Connection& connection)
{
    Forget(static_cast<Session&>(connection));
}

// ---- TLS records ----

bool
SslVpnCarrier::SendRecord(uint32_t peer,
                          uint8_t type,
                          Ptr<Packet> body,
                          bool encrypted,
                          bool droppable)
{
    return StreamSend(peer,
                      TlsRecordLayer::Tls(m_version == TLS_1_3, type, body, encrypted),
                      droppable);
}

bool
SslVpnCarrier::SendCstp(uint32_t peer, uint8_t type, Ptr<Packet> payload, bool droppable)
{
    Ptr<Packet> p = payload->Copy();
    p->AddHeader(CstpHeader(static_cast<CstpHeader::Type>(type), payload->GetSize()));
    const bool sent = SendRecord(peer, TlsRecordHeader::APPLICATION_DATA, p, true, droppable);
    if (Session* s = Find(peer))
    {
        s->tls.Sent(Simulator::Now());
    }
    return sent;
}

void
SslVpnCarrier::StreamOpened(uint32_t peer, bool initiator)
{
    NS_LOG_FUNCTION(this << peer << initiator);
    Session& s = *Find(peer);
    s.handshake =
        TlsHandshake(initiator, m_version == TLS_1_3, m_serverFlightSize, TlsAeadOverhead());
    if (initiator)
    {
        SendRecords(peer, s.handshake.Start(m_clientHelloSize));
    }
}

void
SslVpnCarrier::SendRecords(uint32_t peer, const std::vector<TlsHandshake::Record>& records)
{
    for (const auto& record : records)
    {
        SendRecord(peer, record.type, record.body, record.encrypted, false);
    }
}

void
SslVpnCarrier::StreamFrame(uint32_t peer, Ptr<Packet> frame)
{
    Session* s = Find(peer);
    if (!s)
    {
        return;
    }
    TlsRecordHeader header;
    frame->RemoveHeader(header);
    const uint8_t type = header.GetType();
    if (s->state == TLS_HANDSHAKE && type != TlsRecordHeader::ALERT)
    {
        const auto answer = s->handshake.Receive(type, frame);
        if (s->handshake.GetPhase() == TlsHandshake::DONE)
        {
            s->state = TLS_ESTABLISHED;
        }
        SendRecords(peer, answer);
        if (s->state == TLS_ESTABLISHED && s->initiator)
        {
            NotifyPeerUp(peer);
        }
        return;
    }
    if (s->state == CSTP_UP)
    {
        s->tls.Received(Simulator::Now());
    }
    if (type == TlsRecordHeader::ALERT)
    {
        StreamAbort(peer, "tls-alert");
        return;
    }
    if (type != TlsRecordHeader::APPLICATION_DATA || frame->GetSize() < TlsAeadOverhead())
    {
        NotifyDrop(frame, "tls-malformed");
        return;
    }
    TlsRecordLayer::OpenTls(m_version == TLS_1_3, frame);
    ApplicationData(peer, *s, frame);
}

// ---- CONNECT and CSTP ----

bool
SslVpnCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool /* initial */)
{
    NS_LOG_FUNCTION(this << peer << message);
    Session* s = Find(peer);
    if (!s || s->state != TLS_ESTABLISHED || message->GetSize() != 4)
    {
        return false;
    }
    uint8_t bytes[4];
    message->CopyData(bytes, 4);
    const Ipv4Address address = Ipv4Address::Deserialize(bytes);
    if (s->initiator && m_cookie.empty())
    {
        // Authenticate once (not on the wire); every reconnect re-uses the cookie, as
        // OpenConnect's cstp_reconnect does.
        auto headend = Headends().find(GetPeerAddress(peer).Get());
        if (headend != Headends().end())
        {
            m_cookie = headend->second->Authenticate(address);
        }
    }
    const std::string text =
        s->initiator ? CstpConnect::Request(address, m_cookie, m_enableDtls, m_connectRequestSize)
                     : CstpConnect::Response(address,
                                             m_dpd,
                                             m_keepalive,
                                             bool(s->dtls),
                                             s->dtlsId,
                                             m_dtlsPort,
                                             m_dtlsDpd,
                                             m_connectResponseSize);
    NotifySend(message, CONTROL);
    Ptr<Packet> p = Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    const bool sent = SendRecord(peer, TlsRecordHeader::APPLICATION_DATA, p, true, false);
    if (!s->initiator)
    {
        CstpUp(peer, *s);
    }
    return sent;
}

void
SslVpnCarrier::ApplicationData(uint32_t peer, Session& s, Ptr<Packet> plain)
{
    if (s.state != CSTP_UP)
    {
        std::string text(plain->GetSize(), '\0');
        plain->CopyData(reinterpret_cast<uint8_t*>(&text[0]), text.size());
        CstpConnect::Fields fields;
        if (!CstpConnect::Parse(text, !s.initiator, fields))
        {
            NotifyDrop(plain, "http-unexpected");
            return;
        }
        if (!s.initiator && !IsCookieValid(fields))
        {
            // No session of this client's: drop the CONNECT and close its connection; every
            // session, the one at that inner address too, stays as it is.
            NotifyDrop(plain, "bad-cookie");
            StreamAbort(peer, "bad-cookie");
            return;
        }
        uint8_t bytes[4];
        fields.address.Serialize(bytes);
        const bool offered = m_enableDtls && fields.dtls;
        SetDtls(peer, s, offered, fields.session);
        if (s.initiator)
        {
            CstpUp(peer, s);
        }
        NotifyReceive(peer, Create<Packet>(bytes, 4), CONTROL);
        return;
    }
    if (plain->GetSize() < CstpHeader::SIZE)
    {
        NotifyDrop(plain, "cstp-malformed");
        return;
    }
    CstpHeader header;
    plain->RemoveHeader(header);
    if (!header.IsValid() || header.GetLength() != plain->GetSize())
    {
        NotifyDrop(plain, "cstp-malformed");
        return;
    }
    CstpPacket(peer, s, header.GetType(), plain, false);
}

void
SslVpnCarrier::CstpPacket(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> payload, bool dtls)
{
    switch (type)
    {
    case CstpHeader::DATA:
        if (!dtls && !s.initiator && IsDtlsUp(s))
        {
            s.dtls->Fallback("peer-fallback"); // the client sends on TLS: follow it
        }
        NotifyReceive(peer, payload, DATA);
        return;
    case CstpHeader::DPD_REQUEST:
        if (dtls)
        {
            s.dtls->SendCstp(CstpHeader::DPD_RESPONSE, Create<Packet>());
        }
        else
        {
            SendCstp(peer, CstpHeader::DPD_RESPONSE, Create<Packet>(), false);
        }
        return;
    case CstpHeader::DPD_RESPONSE:
    case CstpHeader::KEEPALIVE:
        return;
    case CstpHeader::DISCONNECT:
    case CstpHeader::TERMINATE:
        if (!dtls)
        {
            StreamAbort(peer, "disconnect");
        }
        return;
    default:
        NotifyDrop(payload, "cstp-unknown-type");
    }
}

void
SslVpnCarrier::CstpUp(uint32_t peer, Session& s)
{
    NS_LOG_FUNCTION(this << peer);
    s.state = CSTP_UP;
    s.tls = DpdKeepalive(m_dpd, s.initiator ? m_keepalive : Time(0));
    s.tls.Start(Simulator::Now());
    s.tlsTimer = Simulator::Schedule(s.tls.NextCheck(Simulator::Now()) - Simulator::Now(),
                                     &SslVpnCarrier::TlsTimer,
                                     this,
                                     peer);
    if (s.initiator && s.dtls)
    {
        Simulator::ScheduleNow(&DtlsChannel::Start, s.dtls);
    }
}

void
SslVpnCarrier::TlsTimer(uint32_t peer)
{
    Session* s = Find(peer);
    if (!s)
    {
        return;
    }
    const Time now = Simulator::Now();
    auto send = [this, peer](uint8_t type) {
        m_livenessTrace(peer, false, type);
        SendCstp(peer, type, Create<Packet>(), false);
    };
    if (!s->tls.Poll(now, send))
    {
        StreamAbort(peer, "dpd-timeout");
        return;
    }
    if ((s = Find(peer)))
    {
        s->tlsTimer =
            Simulator::Schedule(s->tls.DelayToNextCheck(now), &SslVpnCarrier::TlsTimer, this, peer);
    }
}

// ---- DTLS ----

void
SslVpnCarrier::SetDtls(uint32_t peer,
                       Session& s,
                       bool offered,
                       const DtlsChannel::SessionId& session)
{
    if (s.dtls)
    {
        s.dtls->Close();
        s.dtls = nullptr;
    }
    ForgetDtlsId(s);
    if (!offered)
    {
        return;
    }
    if (!s.initiator)
    {
        // A fresh X-DTLS-Session-ID, bound to this TLS session only.
        s.dtlsId = NewSecretBytes();
        s.hasDtlsId = true;
        m_dtlsIds[s.dtlsId] = peer;
    }
    DtlsChannel::Config config;
    config.port = m_dtlsPort;
    config.dpd = m_dtlsDpd;
    config.keepalive = s.initiator ? m_keepalive : Time(0);
    config.retry = m_dtlsRetry;
    config.handshakeTimeout = m_dtlsHandshakeTimeout;
    config.handshakeRetries = m_dtlsHandshakeRetries;
    config.handshakeLimit = m_dtlsHandshakeLimit;
    DtlsChannel::Hooks hooks;
    hooks.state = [this, peer](DtlsState from, DtlsState to, const std::string& reason) {
        NS_LOG_INFO("peer " << peer << " DTLS " << DtlsStateName(from) << " -> "
                            << DtlsStateName(to) << " (" << reason << ")");
        m_dtlsTrace(peer, from, to, reason);
    };
    hooks.liveness = [this, peer](uint8_t type) { m_livenessTrace(peer, true, type); };
    hooks.cstp = [this, peer](uint8_t type, Ptr<Packet> payload) {
        if (Session* found = Find(peer))
        {
            CstpPacket(peer, *found, type, payload, true);
        }
    };
    hooks.drop = [this](Ptr<const Packet> packet, const std::string& reason) {
        NotifyDrop(packet, reason);
    };
    s.dtls = Create<DtlsChannel>(s.initiator, config, hooks);
    if (s.initiator)
    {
        s.dtls->SetClient(m_node, m_local, GetPeerAddress(peer), session);
    }
    else
    {
        s.dtls->SetListener(m_dtlsListener->GetSocket());
    }
}

// ---- data ----

bool
SslVpnCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    Session* s = Find(peer);
    if (!s || s->state != CSTP_UP)
    {
        return false;
    }
    NotifySend(message, DATA);
    if (IsDtlsUp(*s))
    {
        ++m_dtlsData;
        s->dtls->SendCstp(CstpHeader::DATA, message);
        return true;
    }
    if (!SendCstp(peer, CstpHeader::DATA, message, true))
    {
        return false;
    }
    ++m_tlsData;
    return true;
}

} // namespace ns3
