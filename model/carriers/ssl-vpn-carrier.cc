/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ssl-vpn-carrier.h"

#include "cstp-header.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SslVpnCarrier");

NS_OBJECT_ENSURE_REGISTERED(SslVpnCarrier);

namespace
{
/// TLS content types (RFC 5246 section 6.2.1).
constexpr uint8_t CHANGE_CIPHER_SPEC = 20;
constexpr uint8_t ALERT = 21;            //!< alert
constexpr uint8_t HANDSHAKE = 22;        //!< handshake
constexpr uint8_t APPLICATION_DATA = 23; //!< application data
/// Handshake message types (RFC 5246 section 7.4; RFC 8446 section 4).
constexpr uint8_t CLIENT_HELLO = 1;
constexpr uint8_t SERVER_HELLO = 2;         //!< ServerHello
constexpr uint8_t CERTIFICATE = 11;         //!< Certificate
constexpr uint8_t CLIENT_KEY_EXCHANGE = 16; //!< ClientKeyExchange
constexpr uint8_t FINISHED = 20;            //!< Finished
/// Record header sizes.
constexpr uint32_t TLS_HEADER = 5;
constexpr uint32_t DTLS_HEADER = 13; //!< RFC 6347 section 4.1
/// AES-GCM (RFC 5288): explicit nonce and tag.
constexpr uint32_t GCM_NONCE = 8;
constexpr uint32_t GCM_TAG = 16; //!< authentication tag
/// TLS 1.3 / DTLS record fragment limit with expansion (RFC 8446 section 5.2).
constexpr uint32_t TLS13_MAX = 16384 + 256;
constexpr uint32_t TLS12_MAX = 16384 + 2048; //!< RFC 5246 section 6.2.3

/**
 * Append a big-endian integer.
 * \param v the bytes
 * \param value the value
 * \param bytes how many bytes
 */
void
Put(std::vector<uint8_t>& v, uint32_t value, uint32_t bytes)
{
    for (uint32_t i = bytes; i > 0; --i)
    {
        v.push_back(uint8_t(value >> (8 * (i - 1))));
    }
}

/**
 * \param head the first bytes
 * \param tail what follows
 * \return head followed by tail (head is modified)
 */
Ptr<Packet>
Join(Ptr<Packet> head, Ptr<Packet> tail)
{
    head->AddAtEnd(tail);
    return head;
}

/**
 * \param v bytes
 * \return a packet holding them
 */
Ptr<Packet>
ToPacket(const std::vector<uint8_t>& v)
{
    return Create<Packet>(v.data(), v.size());
}

/**
 * A ClientHello or ServerHello handshake message (TLS or DTLS), real in layout, padded with the
 * padding extension (RFC 7685) to a target size.
 * \param client ClientHello (else ServerHello)
 * \param tls13 offer or select TLS 1.3 (supported_versions, RFC 8446 section 4.2.1)
 * \param dtls DTLS 1.2 layout (12-byte handshake header, cookie, version 0xfefd)
 * \param sessionId the 32-byte session id (DTLS: names the session to resume)
 * \param target bytes of the message wanted (0: as small as possible)
 * \return the handshake message
 */
std::vector<uint8_t>
Hello(bool client, bool tls13, bool dtls, const uint8_t* sessionId, uint32_t target)
{
    std::vector<uint8_t> body;
    Put(body, dtls ? 0xfefd : 0x0303, 2);
    body.insert(body.end(), 32, 0x5a); // random
    body.push_back(32);
    body.insert(body.end(), sessionId, sessionId + 32);
    std::vector<uint16_t> suites = {0xc02f, 0xc030, 0xc02b};
    if (tls13 && !dtls)
    {
        suites.insert(suites.begin(), {0x1301, 0x1302});
    }
    if (client)
    {
        if (dtls)
        {
            body.push_back(0); // empty cookie
        }
        Put(body, suites.size() * 2, 2);
        for (uint16_t s : suites)
        {
            Put(body, s, 2);
        }
        body.push_back(1);
        body.push_back(0); // null compression
    }
    else
    {
        Put(body, suites.front(), 2);
        body.push_back(0);
    }
    std::vector<uint8_t> extensions;
    if (tls13 && !dtls)
    {
        Put(extensions, 43, 2); // supported_versions
        if (client)
        {
            Put(extensions, 3, 2);
            extensions.push_back(2);
        }
        else
        {
            Put(extensions, 2, 2);
        }
        Put(extensions, 0x0304, 2);
    }
    const uint32_t header = dtls ? 12 : 4;
    const uint32_t fixed = header + body.size() + 2 + extensions.size();
    if (client && target >= fixed + 4)
    {
        const uint32_t pad = target - fixed - 4;
        Put(extensions, 21, 2); // padding
        Put(extensions, pad, 2);
        extensions.insert(extensions.end(), pad, 0);
    }
    Put(body, extensions.size(), 2);
    body.insert(body.end(), extensions.begin(), extensions.end());
    std::vector<uint8_t> message;
    message.push_back(client ? CLIENT_HELLO : SERVER_HELLO);
    Put(message, body.size(), 3);
    if (dtls)
    {
        Put(message, 0, 2);           // message_seq
        Put(message, 0, 3);           // fragment_offset
        Put(message, body.size(), 3); // fragment_length
    }
    message.insert(message.end(), body.begin(), body.end());
    return message;
}

/**
 * A handshake message of a given type with a zero body of \p length bytes.
 * \param type handshake type
 * \param length body bytes
 * \return the message
 */
std::vector<uint8_t>
Handshake(uint8_t type, uint32_t length)
{
    std::vector<uint8_t> m{type};
    Put(m, length, 3);
    m.insert(m.end(), length, 0);
    return m;
}

/**
 * The value of an HTTP header in a text (empty if absent).
 * \param text the request or response
 * \param name the header name
 * \return its value
 */
std::string
HeaderValue(const std::string& text, const std::string& name)
{
    const std::string key = "\r\n" + name + ": ";
    const size_t at = text.find(key);
    if (at == std::string::npos)
    {
        return "";
    }
    const size_t start = at + key.size();
    const size_t end = text.find("\r\n", start);
    return end == std::string::npos ? "" : text.substr(start, end - start);
}

/**
 * Pad an HTTP head with an X-CSTP-Pad header to \p target bytes, then end it.
 * \param head the head without its final empty line
 * \param target bytes wanted
 * \return the text
 */
std::string
PadHttp(std::string head, uint32_t target)
{
    const std::string padName = "X-CSTP-Pad: ";
    const uint32_t fixed = head.size() + padName.size() + 2 + 2;
    if (target > fixed)
    {
        head += padName + std::string(target - fixed, 'x') + "\r\n";
    }
    return head + "\r\n";
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
                          "chain.",
                          UintegerValue(3000),
                          MakeUintegerAccessor(&SslVpnCarrier::m_serverFlightSize),
                          MakeUintegerChecker<uint32_t>(16, 16384))
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
                          "Applies to TLS and DTLS. 0 disables.",
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
                          "After DTLS fails, the client tries it again this much later "
                          "(OpenConnect's DTLS attempt period, 60 s).",
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
    switch (state)
    {
    case DTLS_OFF:
        return "off";
    case DTLS_CONNECTING:
        return "connecting";
    case DTLS_UP:
        return "up";
    case DTLS_SLEEPING:
        return "sleeping";
    }
    return "unknown";
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
      m_tlsData(0),
      m_dtlsData(0)
{
    NS_LOG_FUNCTION(this);
}

SslVpnCarrier::~SslVpnCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
SslVpnCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    TcpStreamCarrier::DoDispose(); // calls Shutdown(), which forgets every session
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

uint32_t
SslVpnCarrier::TlsAeadOverhead() const
{
    return m_version == TLS_1_2 ? GCM_NONCE + GCM_TAG : 1 + GCM_TAG;
}

uint32_t
SslVpnCarrier::GetDataOverhead() const
{
    if (m_enableDtls)
    {
        return 20 + 8 + DTLS_HEADER + GCM_NONCE + GCM_TAG + 1;
    }
    return GetTcpOverhead() + TLS_HEADER + TlsAeadOverhead() + CstpHeader::SIZE;
}

SslVpnCarrier::DtlsState
SslVpnCarrier::GetDtlsState(uint32_t peer) const
{
    auto it = m_sessions.find(peer);
    return it == m_sessions.end() ? DTLS_OFF : it->second.dtls;
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
    return StreamFramer::TlsRecord(m_version == TLS_1_2 ? TLS12_MAX : TLS13_MAX);
}

SslVpnCarrier::Session*
SslVpnCarrier::Find(uint32_t peer)
{
    auto it = m_sessions.find(peer);
    return it == m_sessions.end() ? nullptr : &it->second;
}

void
SslVpnCarrier::Listen()
{
    NS_LOG_FUNCTION(this);
    TcpStreamCarrier::Listen();
    if (m_enableDtls && !m_dtlsListener)
    {
        m_dtlsListener = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        const int status = m_dtlsListener->Bind(InetSocketAddress(m_local, m_dtlsPort));
        NS_ABORT_MSG_IF(status != 0,
                        "vpn carrier '" << GetName() << "': cannot bind UDP " << m_local << ":"
                                        << m_dtlsPort << " on node " << m_node->GetId());
        m_dtlsListener->SetRecvCallback(MakeCallback(&SslVpnCarrier::DtlsRead, this));
    }
}

void
SslVpnCarrier::Forget(uint32_t peer)
{
    auto it = m_sessions.find(peer);
    if (it == m_sessions.end())
    {
        return;
    }
    Session& s = it->second;
    s.tlsTimer.Cancel();
    s.dtlsTimer.Cancel();
    s.dtlsRetry.Cancel();
    if (s.dtlsSocket)
    {
        s.dtlsSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s.dtlsSocket->Close();
    }
    m_dtlsByAddr.erase({s.dtlsAddress.Get(), s.dtlsPort});
    m_sessions.erase(it);
}

void
SslVpnCarrier::Close(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    Forget(peer);
    TcpStreamCarrier::Close(peer);
}

void
SslVpnCarrier::Shutdown()
{
    NS_LOG_FUNCTION(this);
    while (!m_sessions.empty())
    {
        Forget(m_sessions.begin()->first);
    }
    if (m_dtlsListener)
    {
        m_dtlsListener->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_dtlsListener->Close();
        m_dtlsListener = nullptr;
    }
    TcpStreamCarrier::Shutdown();
}

void
SslVpnCarrier::StreamClosed(uint32_t peer)
{
    Forget(peer);
}

// ---- TLS records ----

bool
SslVpnCarrier::SendRecord(uint32_t peer,
                          uint8_t type,
                          Ptr<Packet> body,
                          bool encrypted,
                          bool droppable)
{
    Ptr<Packet> fragment = body->Copy();
    uint8_t outer = type;
    if (encrypted)
    {
        const uint8_t tag[GCM_TAG] = {};
        if (m_version == TLS_1_2)
        {
            const uint8_t nonce[GCM_NONCE] = {};
            fragment = Join(Create<Packet>(nonce, GCM_NONCE), fragment);
        }
        else
        {
            fragment->AddAtEnd(Create<Packet>(&type, 1)); // TLSInnerPlaintext.type
            outer = APPLICATION_DATA;
        }
        fragment->AddAtEnd(Create<Packet>(tag, GCM_TAG));
    }
    const uint32_t length = fragment->GetSize();
    // The legacy record version: 0x0303 (RFC 8446 section 5.1 keeps it for TLS 1.3).
    const uint8_t header[TLS_HEADER] = {outer, 3, 3, uint8_t(length >> 8), uint8_t(length & 0xff)};
    fragment = Join(Create<Packet>(header, TLS_HEADER), fragment);
    return StreamSend(peer, fragment, droppable);
}

bool
SslVpnCarrier::SendCstp(uint32_t peer, uint8_t type, Ptr<Packet> payload, bool droppable)
{
    Ptr<Packet> p = payload->Copy();
    p->AddHeader(CstpHeader(static_cast<CstpHeader::Type>(type), payload->GetSize()));
    const bool sent = SendRecord(peer, APPLICATION_DATA, p, true, droppable);
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
    Session& s = m_sessions[peer];
    s.initiator = initiator;
    if (initiator)
    {
        const uint8_t sid[32] = {};
        const uint32_t target = m_clientHelloSize;
        // ClientHello's record version is 0x0301 for compatibility (RFC 8446 section 5.1);
        // writing it through SendRecord's 0x0303 is also accepted by every parser.
        SendRecord(peer,
                   HANDSHAKE,
                   ToPacket(Hello(true, m_version == TLS_1_3, false, sid, target)),
                   false,
                   false);
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
    uint8_t header[TLS_HEADER];
    frame->CopyData(header, TLS_HEADER);
    const uint8_t type = header[0];
    frame->RemoveAtStart(TLS_HEADER);
    if (!s->handshakeDone)
    {
        HandshakeRecord(peer, *s, type, frame);
        return;
    }
    if (s->cstpUp)
    {
        s->tls.Received(Simulator::Now());
    }
    if (type == ALERT)
    {
        StreamAbort(peer, "tls-alert");
        return;
    }
    if (type != APPLICATION_DATA || frame->GetSize() < TlsAeadOverhead())
    {
        NotifyDrop(frame, "tls-malformed");
        return;
    }
    if (m_version == TLS_1_2)
    {
        frame->RemoveAtStart(GCM_NONCE);
        frame->RemoveAtEnd(GCM_TAG);
    }
    else
    {
        frame->RemoveAtEnd(GCM_TAG + 1);
    }
    ApplicationData(peer, *s, frame);
}

void
SslVpnCarrier::HandshakeRecord(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> body)
{
    uint8_t first = 0;
    if (body->GetSize() > 0)
    {
        body->CopyData(&first, 1);
    }
    if (type == CHANGE_CIPHER_SPEC)
    {
        s.peerCcs = true;
        return;
    }
    if (type == ALERT)
    {
        StreamAbort(peer, "tls-alert");
        return;
    }
    const bool tls13 = m_version == TLS_1_3;
    const uint8_t ccs = 1;
    // The peer's Finished ends the handshake: in TLS 1.3 the first application-data record
    // (everything after ServerHello is encrypted), in TLS 1.2 the handshake record after its
    // ChangeCipherSpec.
    const bool finished = tls13 ? type == APPLICATION_DATA : (type == HANDSHAKE && s.peerCcs);
    if (!s.initiator)
    {
        if (type == HANDSHAKE && first == CLIENT_HELLO && !s.helloSeen)
        {
            s.helloSeen = true;
            const uint8_t sid[32] = {};
            SendRecord(peer, HANDSHAKE, ToPacket(Hello(false, tls13, false, sid, 0)), false, false);
            if (tls13)
            {
                SendRecord(peer, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false, false);
                const uint32_t plain = m_serverFlightSize - TLS_HEADER - TlsAeadOverhead();
                SendRecord(peer, HANDSHAKE, Create<Packet>(plain), true, false);
            }
            else
            {
                // Certificate (+ ServerKeyExchange + ServerHelloDone) as one sized message.
                const uint32_t length = m_serverFlightSize - TLS_HEADER - 4;
                SendRecord(peer, HANDSHAKE, ToPacket(Handshake(CERTIFICATE, length)), false, false);
            }
            return;
        }
        if (s.helloSeen && finished)
        {
            s.handshakeDone = true;
            if (!tls13)
            {
                SendRecord(peer, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false, false);
                SendRecord(peer, HANDSHAKE, ToPacket(Handshake(FINISHED, 12)), true, false);
            }
        }
        return;
    }
    if (!tls13 && type == HANDSHAKE && first == CERTIFICATE)
    {
        // ClientKeyExchange (x25519 public key), ChangeCipherSpec, Finished.
        SendRecord(peer, HANDSHAKE, ToPacket(Handshake(CLIENT_KEY_EXCHANGE, 33)), false, false);
        SendRecord(peer, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false, false);
        SendRecord(peer, HANDSHAKE, ToPacket(Handshake(FINISHED, 12)), true, false);
        return;
    }
    if (finished)
    {
        s.handshakeDone = true;
        if (tls13)
        {
            SendRecord(peer, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false, false);
            SendRecord(peer, HANDSHAKE, ToPacket(Handshake(FINISHED, 32)), true, false);
        }
        NotifyPeerUp(peer);
    }
}

// ---- CONNECT and CSTP ----

bool
SslVpnCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool /* initial */)
{
    NS_LOG_FUNCTION(this << peer << message);
    Session* s = Find(peer);
    if (!s || !s->handshakeDone || s->cstpUp || message->GetSize() != 4)
    {
        return false;
    }
    uint8_t bytes[4];
    message->CopyData(bytes, 4);
    std::ostringstream address;
    Ipv4Address::Deserialize(bytes).Print(address);
    std::string text;
    if (s->initiator)
    {
        std::string head = "CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\nHost: vpn\r\n"
                           "User-Agent: Cisco AnyConnect VPN Agent\r\nX-CSTP-Version: 1\r\n"
                           "X-CSTP-Address: " +
                           address.str() + "\r\n";
        if (m_enableDtls)
        {
            head += "X-DTLS-Master-Secret: " + std::string(96, '0') +
                    "\r\nX-DTLS-CipherSuite: ECDHE-RSA-AES256-GCM-SHA384\r\n";
        }
        text = PadHttp(head, m_connectRequestSize);
    }
    else
    {
        std::string head =
            "HTTP/1.1 200 CONNECTED\r\nX-CSTP-Version: 1\r\nX-CSTP-Address: " + address.str() +
            "\r\nX-CSTP-DPD: " + std::to_string(uint64_t(m_dpd.GetSeconds())) +
            "\r\nX-CSTP-Keepalive: " + std::to_string(uint64_t(m_keepalive.GetSeconds())) + "\r\n";
        if (s->dtlsOffered)
        {
            char sid[9];
            std::snprintf(sid, sizeof(sid), "%08x", peer);
            head += "X-DTLS-Session-ID: " + std::string(sid) + std::string(56, '0') +
                    "\r\nX-DTLS-Port: " + std::to_string(m_dtlsPort) +
                    "\r\nX-DTLS-DPD: " + std::to_string(uint64_t(m_dtlsDpd.GetSeconds())) + "\r\n";
        }
        text = PadHttp(head, m_connectResponseSize);
    }
    NotifySend(message, CONTROL);
    Ptr<Packet> p = Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    const bool sent = SendRecord(peer, APPLICATION_DATA, p, true, false);
    if (!s->initiator)
    {
        CstpUp(peer, *s);
    }
    return sent;
}

void
SslVpnCarrier::ApplicationData(uint32_t peer, Session& s, Ptr<Packet> plain)
{
    if (!s.cstpUp)
    {
        std::string text(plain->GetSize(), '\0');
        plain->CopyData(reinterpret_cast<uint8_t*>(&text[0]), text.size());
        const bool request = !s.initiator && text.rfind("CONNECT ", 0) == 0;
        const bool response = s.initiator && text.rfind("HTTP/1.1 200 ", 0) == 0;
        Ipv4Address address;
        const std::string value = HeaderValue(text, "X-CSTP-Address");
        if ((!request && !response) || value.empty())
        {
            NotifyDrop(plain, "http-unexpected");
            return;
        }
        address.Set(value.c_str());
        uint8_t bytes[4];
        address.Serialize(bytes);
        if (request)
        {
            s.dtlsOffered = m_enableDtls && !HeaderValue(text, "X-DTLS-Master-Secret").empty();
        }
        else
        {
            const std::string session = HeaderValue(text, "X-DTLS-Session-ID");
            s.dtlsOffered = m_enableDtls && session.size() >= 8;
            s.dtlsSession =
                s.dtlsOffered ? std::strtoul(session.substr(0, 8).c_str(), nullptr, 16) : 0;
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
        if (!dtls && !s.initiator && s.dtls == DTLS_UP)
        {
            DtlsFallback(peer, s, "peer-fallback"); // the client sends on TLS: follow it
        }
        NotifyReceive(peer, payload, DATA);
        return;
    case CstpHeader::DPD_REQUEST:
        if (dtls)
        {
            DtlsSendCstp(peer, s, CstpHeader::DPD_RESPONSE, Create<Packet>());
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
    s.cstpUp = true;
    s.tls = DpdKeepalive(m_dpd, m_keepalive);
    s.tls.Start(Simulator::Now());
    s.tlsTimer = Simulator::Schedule(s.tls.NextCheck(Simulator::Now()) - Simulator::Now(),
                                     &SslVpnCarrier::TlsTimer,
                                     this,
                                     peer);
    if (s.initiator && s.dtlsOffered)
    {
        Simulator::ScheduleNow(&SslVpnCarrier::DtlsStart, this, peer);
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
    switch (s->tls.Check(now))
    {
    case DpdKeepalive::DEAD:
        StreamAbort(peer, "dpd-timeout");
        return;
    case DpdKeepalive::DPD:
        m_livenessTrace(peer, false, CstpHeader::DPD_REQUEST);
        SendCstp(peer, CstpHeader::DPD_REQUEST, Create<Packet>(), false);
        break;
    case DpdKeepalive::KEEPALIVE:
        m_livenessTrace(peer, false, CstpHeader::KEEPALIVE);
        SendCstp(peer, CstpHeader::KEEPALIVE, Create<Packet>(), false);
        break;
    case DpdKeepalive::NONE:
        break;
    }
    s = Find(peer);
    if (s)
    {
        const Time delay = std::max(s->tls.NextCheck(now) - now, MicroSeconds(1));
        s->tlsTimer = Simulator::Schedule(delay, &SslVpnCarrier::TlsTimer, this, peer);
    }
}

// ---- DTLS ----

void
SslVpnCarrier::SetDtlsState(uint32_t peer, Session& s, DtlsState state, const std::string& reason)
{
    if (s.dtls == state)
    {
        return;
    }
    NS_LOG_INFO("peer " << peer << " DTLS " << DtlsStateName(s.dtls) << " -> "
                        << DtlsStateName(state) << " (" << reason << ")");
    const DtlsState old = s.dtls;
    s.dtls = state;
    m_dtlsTrace(peer, old, state, reason);
}

void
SslVpnCarrier::DtlsFallback(uint32_t peer, Session& s, const std::string& reason)
{
    s.dtlsTimer.Cancel();
    SetDtlsState(peer, s, DTLS_SLEEPING, reason);
    if (s.initiator)
    {
        s.dtlsRetry = Simulator::Schedule(m_dtlsRetry, &SslVpnCarrier::DtlsStart, this, peer);
    }
}

void
SslVpnCarrier::DtlsStart(uint32_t peer)
{
    Session* s = Find(peer);
    if (!s)
    {
        return;
    }
    if (!s->dtlsSocket)
    {
        s->dtlsSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        s->dtlsSocket->Bind(InetSocketAddress(m_local, 0));
        s->dtlsSocket->SetRecvCallback(MakeCallback(&SslVpnCarrier::DtlsRead, this));
    }
    SetDtlsState(peer, *s, DTLS_CONNECTING, s->dtls == DTLS_OFF ? "connected" : "retry");
    s->dtlsTries = 0;
    DtlsHello(peer);
}

void
SslVpnCarrier::DtlsHello(uint32_t peer)
{
    Session* s = Find(peer);
    if (!s)
    {
        return;
    }
    // The session id the headend gave in X-DTLS-Session-ID (it names the TLS connection).
    uint8_t sid[32] = {};
    sid[0] = uint8_t(s->dtlsSession >> 24);
    sid[1] = uint8_t(s->dtlsSession >> 16);
    sid[2] = uint8_t(s->dtlsSession >> 8);
    sid[3] = uint8_t(s->dtlsSession);
    Ptr<Packet> hello = ToPacket(Hello(true, false, true, sid, 0));
    DtlsSend(peer, *s, DtlsRecord(*s, HANDSHAKE, hello, false));
    const Time timeout = m_dtlsHandshakeTimeout * double(1u << std::min(s->dtlsTries, 16u));
    s->dtlsTimer = Simulator::Schedule(timeout, &SslVpnCarrier::DtlsTimer, this, peer);
}

Ptr<Packet>
SslVpnCarrier::DtlsRecord(Session& s, uint8_t type, Ptr<Packet> body, bool encrypted)
{
    Ptr<Packet> fragment = body->Copy();
    if (encrypted)
    {
        const uint8_t nonce[GCM_NONCE] = {};
        const uint8_t tag[GCM_TAG] = {};
        fragment = Join(Create<Packet>(nonce, GCM_NONCE), fragment);
        fragment->AddAtEnd(Create<Packet>(tag, GCM_TAG));
    }
    const uint64_t seq = s.dtlsSeq++;
    const uint32_t length = fragment->GetSize();
    std::vector<uint8_t> header{type, 0xfe, 0xfd};
    Put(header, encrypted ? 1 : 0, 2); // epoch
    Put(header, uint32_t(seq >> 32) & 0xffff, 2);
    Put(header, uint32_t(seq), 4);
    Put(header, length, 2);
    fragment = Join(ToPacket(header), fragment);
    return fragment;
}

void
SslVpnCarrier::DtlsSend(uint32_t peer, Session& s, Ptr<Packet> datagram)
{
    s.dtlsLive.Sent(Simulator::Now());
    if (s.initiator)
    {
        if (s.dtlsSocket)
        {
            s.dtlsSocket->SendTo(datagram, 0, InetSocketAddress(GetPeerAddress(peer), m_dtlsPort));
        }
        return;
    }
    if (m_dtlsListener && s.dtlsPort != 0)
    {
        m_dtlsListener->SendTo(datagram, 0, InetSocketAddress(s.dtlsAddress, s.dtlsPort));
    }
}

void
SslVpnCarrier::DtlsSendCstp(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> payload)
{
    Ptr<Packet> plain = payload->Copy();
    plain = Join(Create<Packet>(&type, 1), plain);
    DtlsSend(peer, s, DtlsRecord(s, APPLICATION_DATA, plain, true));
}

void
SslVpnCarrier::DtlsTimer(uint32_t peer)
{
    Session* s = Find(peer);
    if (!s)
    {
        return;
    }
    const Time now = Simulator::Now();
    if (s->dtls == DTLS_CONNECTING)
    {
        if (s->dtlsTries >= m_dtlsHandshakeRetries)
        {
            DtlsFallback(peer, *s, "handshake-timeout");
            return;
        }
        ++s->dtlsTries;
        DtlsHello(peer);
        return;
    }
    if (s->dtls != DTLS_UP)
    {
        return;
    }
    switch (s->dtlsLive.Check(now))
    {
    case DpdKeepalive::DEAD:
        DtlsFallback(peer, *s, "dpd-timeout");
        return;
    case DpdKeepalive::DPD:
        m_livenessTrace(peer, true, CstpHeader::DPD_REQUEST);
        DtlsSendCstp(peer, *s, CstpHeader::DPD_REQUEST, Create<Packet>());
        break;
    case DpdKeepalive::KEEPALIVE:
        m_livenessTrace(peer, true, CstpHeader::KEEPALIVE);
        DtlsSendCstp(peer, *s, CstpHeader::KEEPALIVE, Create<Packet>());
        break;
    case DpdKeepalive::NONE:
        break;
    }
    const Time delay = std::max(s->dtlsLive.NextCheck(now) - now, MicroSeconds(1));
    s->dtlsTimer = Simulator::Schedule(delay, &SslVpnCarrier::DtlsTimer, this, peer);
}

void
SslVpnCarrier::DtlsRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> datagram = socket->RecvFrom(from))
    {
        const InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        uint32_t peer = 0;
        if (socket != m_dtlsListener)
        {
            for (auto& [handle, s] : m_sessions)
            {
                if (s.dtlsSocket == socket)
                {
                    peer = handle;
                    break;
                }
            }
        }
        else
        {
            auto known = m_dtlsByAddr.find({source.GetIpv4().Get(), source.GetPort()});
            peer = known == m_dtlsByAddr.end() ? 0 : known->second;
        }
        const uint32_t size = datagram->GetSize();
        std::vector<uint8_t> bytes(size);
        datagram->CopyData(bytes.data(), size);
        uint32_t offset = 0;
        while (offset + DTLS_HEADER <= size)
        {
            const uint8_t type = bytes[offset];
            const uint32_t length = (uint32_t(bytes[offset + 11]) << 8) | bytes[offset + 12];
            if (offset + DTLS_HEADER + length > size)
            {
                NotifyDrop(datagram, "dtls-malformed");
                break;
            }
            Ptr<Packet> body = datagram->CreateFragment(offset + DTLS_HEADER, length);
            offset += DTLS_HEADER + length;
            // A headend learns the session of a new UDP source from its ClientHello's session id.
            const uint32_t sidAt = 12 + 2 + 32 + 1; // handshake header, version, random, length
            if (socket == m_dtlsListener && type == HANDSHAKE && length >= sidAt + 4 &&
                bytes[offset - length] == CLIENT_HELLO)
            {
                const uint8_t* sid = &bytes[offset - length + sidAt];
                const uint32_t handle =
                    (uint32_t(sid[0]) << 24) | (uint32_t(sid[1]) << 16) | (sid[2] << 8) | sid[3];
                Session* s = Find(handle);
                if (!s || !s->cstpUp || !s->dtlsOffered ||
                    GetPeerAddress(handle) != source.GetIpv4())
                {
                    NotifyDrop(datagram, "dtls-unknown-session");
                    break;
                }
                m_dtlsByAddr.erase({s->dtlsAddress.Get(), s->dtlsPort});
                s->dtlsAddress = source.GetIpv4();
                s->dtlsPort = source.GetPort();
                m_dtlsByAddr[{s->dtlsAddress.Get(), s->dtlsPort}] = handle;
                peer = handle;
            }
            Session* s = Find(peer);
            if (!s)
            {
                NotifyDrop(datagram, "dtls-unknown-session");
                break;
            }
            DtlsRecordIn(peer, *s, type, body);
        }
    }
}

void
SslVpnCarrier::DtlsRecordIn(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> body)
{
    uint8_t first = 0;
    if (body->GetSize() > 0)
    {
        body->CopyData(&first, 1);
    }
    const uint8_t ccs = 1;
    if (type == HANDSHAKE)
    {
        if (!s.initiator && first == CLIENT_HELLO)
        {
            // Resumption: ServerHello, ChangeCipherSpec, Finished in one datagram.
            s.dtlsTimer.Cancel();
            SetDtlsState(peer, s, DTLS_CONNECTING, "client-hello");
            const uint8_t sid[32] = {};
            Ptr<Packet> flight =
                DtlsRecord(s, HANDSHAKE, ToPacket(Hello(false, false, true, sid, 0)), false);
            flight->AddAtEnd(DtlsRecord(s, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false));
            flight->AddAtEnd(DtlsRecord(s, HANDSHAKE, ToPacket(Handshake(FINISHED, 24)), true));
            DtlsSend(peer, s, flight);
            return;
        }
        if (s.initiator && first == SERVER_HELLO && s.dtls == DTLS_CONNECTING)
        {
            s.dtlsTimer.Cancel();
            Ptr<Packet> flight = DtlsRecord(s, CHANGE_CIPHER_SPEC, Create<Packet>(&ccs, 1), false);
            flight->AddAtEnd(DtlsRecord(s, HANDSHAKE, ToPacket(Handshake(FINISHED, 24)), true));
            DtlsSend(peer, s, flight);
        }
        else if (s.initiator || s.dtls != DTLS_CONNECTING || first == SERVER_HELLO)
        {
            return; // the rest of a flight already acted on
        }
    }
    else if (type == CHANGE_CIPHER_SPEC)
    {
        return;
    }
    else if (type != APPLICATION_DATA || body->GetSize() < GCM_NONCE + 1 + GCM_TAG)
    {
        NotifyDrop(body, "dtls-malformed");
        return;
    }
    // The handshake's last step, or any protected record, means the peer speaks DTLS now.
    const Time now = Simulator::Now();
    if (s.dtls != DTLS_UP && (s.initiator ? s.dtls == DTLS_CONNECTING : true))
    {
        SetDtlsState(peer, s, DTLS_UP, s.dtls == DTLS_SLEEPING ? "peer-dtls" : "handshake");
        s.dtlsLive = DpdKeepalive(m_dtlsDpd, m_keepalive);
        s.dtlsLive.Start(now);
        s.dtlsTimer.Cancel();
        s.dtlsTimer = Simulator::Schedule(s.dtlsLive.NextCheck(now) - now,
                                          &SslVpnCarrier::DtlsTimer,
                                          this,
                                          peer);
    }
    s.dtlsLive.Received(now);
    if (type != APPLICATION_DATA)
    {
        return;
    }
    body->RemoveAtStart(GCM_NONCE);
    body->RemoveAtEnd(GCM_TAG);
    uint8_t cstpType = 0;
    body->CopyData(&cstpType, 1);
    body->RemoveAtStart(1);
    CstpPacket(peer, s, cstpType, body, true);
}

// ---- data ----

bool
SslVpnCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    Session* s = Find(peer);
    if (!s || !s->cstpUp)
    {
        return false;
    }
    NotifySend(message, DATA);
    if (s->dtls == DTLS_UP)
    {
        ++m_dtlsData;
        DtlsSendCstp(peer, *s, CstpHeader::DATA, message);
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
