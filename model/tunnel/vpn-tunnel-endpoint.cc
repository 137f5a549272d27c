/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-tunnel-endpoint.h"

#include "ike-message.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/esp-attribute-checker.h"
#include "ns3/esp-cipher-suite.h"
#include "ns3/esp-header.h"
#include "ns3/esp-security-association.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnTunnelEndpoint");

NS_OBJECT_ENSURE_REGISTERED(VpnTunnelEndpoint);

namespace
{
/// IPv4 EtherType, as the tun device is told.
constexpr uint16_t IPV4_ETHERTYPE = 0x0800;
/// ESP next header for an IPv4 packet in tunnel mode (RFC 4303 section 2.6).
constexpr uint8_t NEXT_HEADER_IPV4 = 4;
/// ESP header: SPI and sequence number (RFC 4303 section 2).
constexpr uint32_t ESP_HEADER_SIZE = 8;
} // namespace

/// One IKE SA and its pair of ESP SAs: the client's only session, or one client at a headend.
struct VpnTunnelEndpoint::Session
{
    uint32_t id{0};                          //!< session id
    State state{DOWN};                       //!< life-cycle state
    uint32_t peer{0};                        //!< carrier handle
    uint64_t ikeSpiI{0};                     //!< IKE SA initiator's SPI
    uint64_t ikeSpiR{0};                     //!< IKE SA responder's SPI
    Ipv4Address inner;                       //!< the client's inner address
    Ptr<EspSecurityAssociation> out;         //!< outbound ESP SA
    Ptr<EspSecurityAssociation> in;          //!< inbound ESP SA
    uint32_t nextMessageId{0};               //!< our next request's message ID
    Ptr<Packet> pending;                     //!< our request awaiting its response
    uint32_t pendingId{0};                   //!< its message ID
    bool pendingInitial{false};              //!< it is IKE_SA_INIT
    uint32_t retransmits{0};                 //!< times it was sent again
    Time rto;                                //!< current retransmission timeout
    EventId retransmitEvent;                 //!< retransmission timer
    std::map<uint32_t, Ptr<Packet>> answers; //!< headend: responses by message ID, for repeats
    Time lastRx;                             //!< last packet received from the peer
    EventId dpdEvent;                        //!< DPD timer
    uint32_t dpdProbes{0};                   //!< R-U-THERE sent since the last packet received
};

TypeId
VpnTunnelEndpoint::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VpnTunnelEndpoint")
            .SetParent<Application>()
            .SetGroupName("Vpn")
            .AddConstructor<VpnTunnelEndpoint>()
            .AddAttribute(
                "Role",
                "client (initiates to HeadendAddress) or headend (serves clients).",
                EnumValue(CLIENT),
                compat::MakeEnumAccessor<VpnTunnelEndpoint::Role>(&VpnTunnelEndpoint::m_role),
                MakeEnumChecker(CLIENT, "client", HEADEND, "headend"))
            .AddAttribute("HeadendAddress",
                          "Client: the headend's outer (WAN) address.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&VpnTunnelEndpoint::m_headend),
                          MakeIpv4AddressChecker())
            .AddAttribute("InnerAddress",
                          "This endpoint's address on the inner (tunnel) subnet, announced in "
                          "IKE_AUTH; the headend routes inner packets to a client by it.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&VpnTunnelEndpoint::m_innerAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("CipherSuite",
                          "ESP cipher-suite profile (see EspCipherSuite::Names()).",
                          StringValue("aes-cbc-hmac-sha1"),
                          MakeStringAccessor(&VpnTunnelEndpoint::m_cipherSuite),
                          MakeEspCipherSuiteChecker())
            .AddAttribute("ReplayWindow",
                          "Anti-replay window of inbound SAs (RFC 4303 section 3.4.3): 0 "
                          "disables, else a multiple of 32 up to 4096.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_replayWindow),
                          MakeEspReplayWindowChecker())
            .AddAttribute("ExtendedSequenceNumbers",
                          "64-bit ESP sequence numbers (RFC 4303 section 2.2.1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&VpnTunnelEndpoint::m_esn),
                          MakeBooleanChecker())
            .AddAttribute("EncryptDelay",
                          "Per-packet processing delay before an ESP packet leaves (FIFO).",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_encryptDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("DecryptDelay",
                          "Per-packet processing delay before an inner packet is delivered "
                          "(FIFO).",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_decryptDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("IkeSaInitSize",
                          "Bytes of each IKE_SA_INIT message (assumption: MODP-2048 KE 264, "
                          "nonce 36, SA 48, two NAT-D notifies 56, header 28: about 432).",
                          UintegerValue(432),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeSaInitSize),
                          MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
            .AddAttribute("IkeAuthRequestSize",
                          "Bytes of the IKE_AUTH request (assumption: PSK, ID, SA, TS, "
                          "configuration request, in SK: about 400).",
                          UintegerValue(400),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeAuthRequestSize),
                          MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
            .AddAttribute("IkeAuthResponseSize",
                          "Bytes of the IKE_AUTH response (assumption: about 360).",
                          UintegerValue(360),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeAuthResponseSize),
                          MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
            .AddAttribute("DpdMessageSize",
                          "Bytes of an empty INFORMATIONAL (R-U-THERE or its answer): header "
                          "28, SK header 4, IV 16, padding 4, ICV 12 = 64 with AES-CBC/SHA1-96.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_dpdSize),
                          MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
            .AddAttribute("IkeRetransmitTimeout",
                          "First retransmission timeout of an IKE request.",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_ikeRto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("IkeRetransmitBackoff",
                          "Factor applied to the timeout at each retransmission (RFC 7296 "
                          "section 2.1 asks for exponential back-off).",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&VpnTunnelEndpoint::m_ikeBackoff),
                          MakeDoubleChecker<double>(1.0, 10.0))
            .AddAttribute("IkeRetransmitLimit",
                          "Retransmissions of an IKE request before the attempt fails.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DpdInterval",
                          "Idle time (nothing received from the peer) before an R-U-THERE; "
                          "0 disables DPD. Cisco: crypto isakmp keepalive default 30 s? "
                          "(assumption: 30 s, a common setting).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_dpdInterval),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("DpdRetryInterval",
                          "Time between unanswered R-U-THERE repeats (Cisco retry 2-10 s; 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_dpdRetryInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DpdRetries",
                          "Unanswered R-U-THERE repeats before the peer is declared dead.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_dpdRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "ReconnectPolicy",
                "After a failure: never, or after ReconnectDelay.",
                EnumValue(RECONNECT_NEVER),
                compat::MakeEnumAccessor<VpnTunnelEndpoint::ReconnectPolicy>(
                    &VpnTunnelEndpoint::m_reconnectPolicy),
                MakeEnumChecker(RECONNECT_NEVER, "never", RECONNECT_AFTER_DELAY, "after-delay"))
            .AddAttribute("ReconnectDelay",
                          "Wait between a failure and the reconnect.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&VpnTunnelEndpoint::m_reconnectDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("MaxReconnectAttempts",
                          "Reconnects tried in a row without reaching Up (0: unlimited).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&VpnTunnelEndpoint::m_maxReconnects),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("StateChange",
                            "The client's tunnel changed state (old, new, reason).",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_stateTrace),
                            "ns3::VpnTunnelEndpoint::StateTracedCallback")
            .AddTraceSource("SessionStateChange",
                            "A session changed state (client inner address, old, new, reason); "
                            "fires at both roles.",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_sessionTrace),
                            "ns3::VpnTunnelEndpoint::SessionTracedCallback")
            .AddTraceSource("InnerTx",
                            "An inner packet entered the tunnel.",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_innerTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("InnerRx",
                            "An inner packet left the tunnel toward the tun device.",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_innerRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "An inbound packet dropped by the tunnel, with the reason.",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_dropTrace),
                            "ns3::VpnTunnelEndpoint::DropTracedCallback")
            .AddTraceSource("DpdProbe",
                            "An R-U-THERE was sent (1 = first, then the repeats).",
                            MakeTraceSourceAccessor(&VpnTunnelEndpoint::m_dpdTrace),
                            "ns3::VpnTunnelEndpoint::DpdTracedCallback");
    return tid;
}

VpnTunnelEndpoint::VpnTunnelEndpoint()
    : m_role(CLIENT),
      m_cipherSuite("aes-cbc-hmac-sha1"),
      m_replayWindow(64),
      m_esn(true),
      m_ikeSaInitSize(432),
      m_ikeAuthRequestSize(400),
      m_ikeAuthResponseSize(360),
      m_dpdSize(64),
      m_ikeRto(Seconds(2)),
      m_ikeBackoff(2.0),
      m_ikeRetries(4),
      m_dpdInterval(Seconds(30)),
      m_dpdRetryInterval(Seconds(5)),
      m_dpdRetries(3),
      m_reconnectPolicy(RECONNECT_NEVER),
      m_reconnectDelay(Seconds(5)),
      m_maxReconnects(0),
      m_nextSessionId(1),
      m_clientSession(0),
      m_clientPeer(0),
      m_reconnectAttempts(0),
      m_running(false),
      m_failures(0),
      m_reconnects(0),
      m_innerTx(0),
      m_innerRx(0),
      m_dpdProbes(0)
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

VpnTunnelEndpoint::~VpnTunnelEndpoint()
{
    NS_LOG_FUNCTION(this);
}

void
VpnTunnelEndpoint::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [id, s] : m_sessions)
    {
        s->retransmitEvent.Cancel();
        s->dpdEvent.Cancel();
    }
    m_sessions.clear();
    m_byIkeSpi.clear();
    m_byInboundSpi.clear();
    m_byInner.clear();
    m_byPeer.clear();
    m_reconnectEvent.Cancel();
    m_carrier = nullptr;
    m_tun = nullptr;
    m_rng = nullptr;
    Application::DoDispose();
}

std::string
VpnTunnelEndpoint::StateName(State state)
{
    switch (state)
    {
    case DOWN:
        return "down";
    case CONNECTING:
        return "connecting";
    case UP:
        return "up";
    case FAILED:
        return "failed";
    }
    return "unknown";
}

void
VpnTunnelEndpoint::SetCarrier(Ptr<VpnCarrier> carrier)
{
    m_carrier = carrier;
}

Ptr<VpnCarrier>
VpnTunnelEndpoint::GetCarrier() const
{
    return m_carrier;
}

void
VpnTunnelEndpoint::SetTunDevice(Ptr<VirtualNetDevice> device)
{
    m_tun = device;
    m_tun->SetSendCallback(MakeCallback(&VpnTunnelEndpoint::TunSend, this));
}

Ptr<VirtualNetDevice>
VpnTunnelEndpoint::GetTunDevice() const
{
    return m_tun;
}

uint16_t
VpnTunnelEndpoint::ComputeInnerMtu(uint16_t outerMtu) const
{
    if (m_carrier && !m_carrier->CarriesEsp())
    {
        // The SSL family: no ESP; the carrier's records are all the overhead there is.
        const uint32_t overhead = m_carrier->GetDataOverhead();
        return outerMtu > overhead ? outerMtu - overhead : 0;
    }
    EspCipherSuite suite;
    std::string error;
    if (!m_carrier || !EspCipherSuite::Lookup(m_cipherSuite, suite, error))
    {
        return 0;
    }
    const uint32_t carrier = m_carrier->GetDataOverhead();
    // ESP's overhead depends on the padding, so search down from the largest candidate.
    for (uint32_t inner = outerMtu; inner > 0; --inner)
    {
        if (inner + suite.Overhead(inner) + carrier <= outerMtu)
        {
            return static_cast<uint16_t>(inner);
        }
    }
    return 0;
}

VpnTunnelEndpoint::State
VpnTunnelEndpoint::GetState() const
{
    if (m_role == CLIENT)
    {
        auto it = m_sessions.find(m_clientSession);
        return it == m_sessions.end() ? DOWN : it->second->state;
    }
    if (!m_running)
    {
        return DOWN;
    }
    return GetUpSessionCount() > 0 ? UP : CONNECTING;
}

uint32_t
VpnTunnelEndpoint::GetUpSessionCount() const
{
    uint32_t up = 0;
    for (const auto& [id, s] : m_sessions)
    {
        up += (s->state == UP) ? 1 : 0;
    }
    return up;
}

uint32_t
VpnTunnelEndpoint::GetFailureCount() const
{
    return m_failures;
}

uint32_t
VpnTunnelEndpoint::GetReconnectCount() const
{
    return m_reconnects;
}

uint64_t
VpnTunnelEndpoint::GetInnerTxPackets() const
{
    return m_innerTx;
}

uint64_t
VpnTunnelEndpoint::GetInnerRxPackets() const
{
    return m_innerRx;
}

uint64_t
VpnTunnelEndpoint::GetDropCount() const
{
    uint64_t total = 0;
    for (const auto& [reason, count] : m_dropCounts)
    {
        total += count;
    }
    return total;
}

uint64_t
VpnTunnelEndpoint::GetDropCount(const std::string& reason) const
{
    auto it = m_dropCounts.find(reason);
    return it == m_dropCounts.end() ? 0 : it->second;
}

uint64_t
VpnTunnelEndpoint::GetDpdProbes() const
{
    return m_dpdProbes;
}

int64_t
VpnTunnelEndpoint::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1 + (m_carrier ? m_carrier->AssignStreams(stream + 1) : 0);
}

void
VpnTunnelEndpoint::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_carrier, "VpnTunnelEndpoint: no carrier (use VpnHelper)");
    NS_ABORT_MSG_IF(!m_tun, "VpnTunnelEndpoint: no tun device (use VpnHelper)");
    m_running = true;
    m_carrier->SetReceiveCallback(MakeCallback(&VpnTunnelEndpoint::Receive, this));
    m_carrier->SetPeerUpCallback(MakeCallback(&VpnTunnelEndpoint::PeerUp, this));
    m_carrier->SetPeerDownCallback(MakeCallback(&VpnTunnelEndpoint::PeerDown, this));
    if (m_role == HEADEND)
    {
        m_carrier->Listen();
        return;
    }
    Connect();
}

void
VpnTunnelEndpoint::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    m_reconnectEvent.Cancel();
    for (auto& [id, s] : m_sessions)
    {
        Teardown(*s);
        if (s->state != DOWN)
        {
            SetState(*s, DOWN, "stop");
        }
    }
    m_sessions.clear();
    m_byIkeSpi.clear();
    m_byInboundSpi.clear();
    m_byInner.clear();
    m_byPeer.clear();
    if (m_carrier)
    {
        m_carrier->Shutdown();
    }
}

void
VpnTunnelEndpoint::Connect()
{
    NS_LOG_FUNCTION(this);
    auto session = std::make_unique<Session>();
    session->id = m_nextSessionId++;
    session->inner = m_innerAddress;
    m_clientSession = session->id;
    Session& s = *session;
    m_sessions[s.id] = std::move(session);
    SetState(s, CONNECTING, m_reconnects > 0 ? "reconnect" : "start");
    // PeerUp fires (from a fresh event) when the carrier can carry IKE.
    m_clientPeer = m_carrier->Connect(m_headend);
    s.peer = m_clientPeer;
}

void
VpnTunnelEndpoint::PeerUp(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (m_role != CLIENT || !m_running)
    {
        return;
    }
    auto it = m_sessions.find(m_clientSession);
    if (it == m_sessions.end() || it->second->state != CONNECTING || it->second->pending)
    {
        return;
    }
    Session& s = *it->second;
    s.peer = peer;
    if (!m_carrier->CarriesEsp())
    {
        m_byPeer[peer] = s.id;
        s.pending = Create<Packet>(); // the address exchange is under way
        SendAddress(peer);
        return;
    }
    s.ikeSpiI = NewIkeSpi();
    s.nextMessageId = 0;
    IkeMessage init;
    init.SetInitiatorSpi(s.ikeSpiI);
    init.SetExchangeType(IkeMessage::IKE_SA_INIT);
    init.SetFlags(IkeMessage::FLAG_INITIATOR);
    init.SetMessageId(s.nextMessageId++);
    init.SetMessageSize(m_ikeSaInitSize);
    SendRequest(s, init);
}

void
VpnTunnelEndpoint::PeerDown(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    std::vector<uint32_t> lost;
    for (auto& [id, s] : m_sessions)
    {
        if (s->peer == peer && (s->state == UP || s->state == CONNECTING))
        {
            lost.push_back(id);
        }
    }
    for (uint32_t id : lost)
    {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end())
        {
            Fail(*it->second, "carrier-closed");
        }
    }
}

void
VpnTunnelEndpoint::Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    NS_LOG_FUNCTION(this << peer << message << kind);
    if (!m_running)
    {
        return;
    }
    if (!m_carrier->CarriesEsp())
    {
        if (kind == VpnCarrier::CONTROL)
        {
            ReceiveAddress(peer, message);
            return;
        }
        auto found = m_byPeer.find(peer);
        if (found == m_byPeer.end() || m_sessions.at(found->second)->state != UP)
        {
            Drop(message, "no-session");
            return;
        }
        m_sessions.at(found->second)->lastRx = Simulator::Now();
        DeliverInner(message);
        return;
    }
    if (kind == VpnCarrier::DATA)
    {
        ReceiveEsp(message);
        return;
    }
    if (!IkeMessage::IsWellFormed(message))
    {
        Drop(message, "ike-malformed");
        return;
    }
    IkeMessage ike;
    message->RemoveHeader(ike);
    ReceiveIke(peer, ike);
}

void
VpnTunnelEndpoint::ReceiveIke(uint32_t peer, const IkeMessage& m)
{
    if (!m.IsResponse())
    {
        if (m_role == HEADEND || m.GetExchangeType() == IkeMessage::INFORMATIONAL)
        {
            HeadendRequest(peer, m);
        }
        return;
    }
    auto found = m_byIkeSpi.find(m.GetInitiatorSpi());
    if (found == m_byIkeSpi.end())
    {
        Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-spi");
        return;
    }
    Session& s = *m_sessions.at(found->second);
    s.lastRx = Simulator::Now();
    if (m.GetExchangeType() == IkeMessage::INFORMATIONAL)
    {
        // An answer to R-U-THERE: the peer lives. (Anything received already reset the count.)
        s.dpdProbes = 0;
        ArmDpd(s);
        return;
    }
    if (!s.pending || m.GetMessageId() != s.pendingId)
    {
        return; // a late duplicate response
    }
    s.pending = nullptr;
    s.retransmitEvent.Cancel();
    if (m.GetExchangeType() == IkeMessage::IKE_SA_INIT)
    {
        s.ikeSpiR = m.GetResponderSpi();
        s.in = NewInboundSa(s);
        IkeMessage auth;
        auth.SetInitiatorSpi(s.ikeSpiI);
        auth.SetResponderSpi(s.ikeSpiR);
        auth.SetExchangeType(IkeMessage::IKE_AUTH);
        auth.SetFlags(IkeMessage::FLAG_INITIATOR);
        auth.SetMessageId(s.nextMessageId++);
        auth.SetEspSpi(s.in->GetSpi());
        auth.SetInnerAddress(s.inner);
        auth.SetMessageSize(m_ikeAuthRequestSize);
        SendRequest(s, auth);
        return;
    }
    if (m.GetExchangeType() == IkeMessage::IKE_AUTH && s.state == CONNECTING)
    {
        s.out = NewOutboundSa(m.GetEspSpi());
        m_reconnectAttempts = 0;
        SetState(s, UP, "established");
        ArmDpd(s);
    }
}

void
VpnTunnelEndpoint::HeadendRequest(uint32_t peer, const IkeMessage& m)
{
    NS_LOG_FUNCTION(this << peer);
    auto found = m_byIkeSpi.find(m.GetInitiatorSpi());
    Session* s = (found == m_byIkeSpi.end()) ? nullptr : m_sessions.at(found->second).get();

    if (s)
    {
        s->lastRx = Simulator::Now();
        auto answered = s->answers.find(m.GetMessageId());
        if (answered != s->answers.end() && m.GetExchangeType() != IkeMessage::INFORMATIONAL)
        {
            // A retransmitted request: send the same response again (RFC 7296 section 2.1).
            m_carrier->SendControl(s->peer,
                                   answered->second->Copy(),
                                   m.GetExchangeType() == IkeMessage::IKE_SA_INIT);
            return;
        }
    }

    IkeMessage reply;
    reply.SetInitiatorSpi(m.GetInitiatorSpi());
    reply.SetExchangeType(static_cast<IkeMessage::ExchangeType>(m.GetExchangeType()));
    reply.SetFlags(IkeMessage::FLAG_RESPONSE);
    reply.SetMessageId(m.GetMessageId());

    switch (m.GetExchangeType())
    {
    case IkeMessage::IKE_SA_INIT: {
        if (m_role != HEADEND || s)
        {
            return;
        }
        auto session = std::make_unique<Session>();
        session->id = m_nextSessionId++;
        session->peer = peer;
        session->ikeSpiI = m.GetInitiatorSpi();
        session->ikeSpiR = NewIkeSpi();
        session->lastRx = Simulator::Now();
        s = session.get();
        m_byIkeSpi[s->ikeSpiI] = s->id;
        m_sessions[s->id] = std::move(session);
        SetState(*s, CONNECTING, "ike-sa-init");
        reply.SetResponderSpi(s->ikeSpiR);
        reply.SetMessageSize(m_ikeSaInitSize);
        break;
    }
    case IkeMessage::IKE_AUTH: {
        if (m_role != HEADEND || !s || s->state != CONNECTING)
        {
            return;
        }
        // A client that comes back replaces its old session.
        auto old = m_byInner.find(m.GetInnerAddress());
        if (old != m_byInner.end() && old->second != s->id)
        {
            auto oldSession = m_sessions.find(old->second);
            if (oldSession != m_sessions.end())
            {
                Teardown(*oldSession->second);
                SetState(*oldSession->second, DOWN, "replaced");
                m_sessions.erase(oldSession);
            }
        }
        s->inner = m.GetInnerAddress();
        m_byInner[s->inner] = s->id;
        s->in = NewInboundSa(*s);
        s->out = NewOutboundSa(m.GetEspSpi());
        reply.SetResponderSpi(s->ikeSpiR);
        reply.SetEspSpi(s->in->GetSpi());
        reply.SetInnerAddress(m_innerAddress);
        reply.SetMessageSize(m_ikeAuthResponseSize);
        SetState(*s, UP, "established");
        ArmDpd(*s);
        break;
    }
    case IkeMessage::INFORMATIONAL: {
        if (!s)
        {
            return;
        }
        reply.SetResponderSpi(s->ikeSpiR);
        reply.SetFlags(IkeMessage::FLAG_RESPONSE |
                       (m_role == CLIENT ? IkeMessage::FLAG_INITIATOR : 0));
        reply.SetMessageSize(m_dpdSize);
        s->dpdProbes = 0;
        ArmDpd(*s);
        break;
    }
    default:
        Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-exchange");
        return;
    }

    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(reply);
    if (m.GetExchangeType() != IkeMessage::INFORMATIONAL)
    {
        s->answers[m.GetMessageId()] = wire->Copy();
    }
    m_carrier->SendControl(s->peer, wire, m.GetExchangeType() == IkeMessage::IKE_SA_INIT);
}

void
VpnTunnelEndpoint::SendAddress(uint32_t peer)
{
    uint8_t bytes[4];
    m_innerAddress.Serialize(bytes);
    m_carrier->SendControl(peer, Create<Packet>(bytes, sizeof(bytes)), true);
}

void
VpnTunnelEndpoint::ReceiveAddress(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    if (message->GetSize() != 4)
    {
        Drop(message, "control-malformed");
        return;
    }
    uint8_t bytes[4];
    message->CopyData(bytes, sizeof(bytes));
    const Ipv4Address inner = Ipv4Address::Deserialize(bytes);
    if (m_role == CLIENT)
    {
        auto it = m_sessions.find(m_clientSession);
        if (it != m_sessions.end() && it->second->state == CONNECTING && it->second->peer == peer)
        {
            Session& s = *it->second;
            s.pending = nullptr;
            s.lastRx = Simulator::Now();
            m_reconnectAttempts = 0;
            SetState(s, UP, "established");
        }
        return;
    }
    // Headend: a client announced its inner address; it replaces any older session of it.
    auto old = m_byInner.find(inner);
    if (old != m_byInner.end())
    {
        auto oldSession = m_sessions.find(old->second);
        if (oldSession != m_sessions.end())
        {
            Teardown(*oldSession->second);
            SetState(*oldSession->second, DOWN, "replaced");
            m_sessions.erase(oldSession);
        }
    }
    auto session = std::make_unique<Session>();
    session->id = m_nextSessionId++;
    session->peer = peer;
    session->inner = inner;
    session->lastRx = Simulator::Now();
    Session& s = *session;
    m_sessions[s.id] = std::move(session);
    m_byInner[inner] = s.id;
    m_byPeer[peer] = s.id;
    SetState(s, CONNECTING, "connect");
    SendAddress(peer);
    SetState(s, UP, "established");
}

void
VpnTunnelEndpoint::SendRequest(Session& s, const IkeMessage& message)
{
    NS_LOG_FUNCTION(this << s.id << uint32_t(message.GetExchangeType()));
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(message);
    s.pending = wire;
    s.pendingId = message.GetMessageId();
    s.pendingInitial = message.GetExchangeType() == IkeMessage::IKE_SA_INIT;
    s.retransmits = 0;
    s.rto = m_ikeRto;
    if (message.GetExchangeType() == IkeMessage::IKE_SA_INIT)
    {
        m_byIkeSpi[s.ikeSpiI] = s.id;
    }
    m_carrier->SendControl(s.peer, wire->Copy(), s.pendingInitial);
    s.retransmitEvent.Cancel();
    s.retransmitEvent = Simulator::Schedule(s.rto, &VpnTunnelEndpoint::Retransmit, this, s.id);
}

void
VpnTunnelEndpoint::Retransmit(uint32_t id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || !it->second->pending)
    {
        return;
    }
    Session& s = *it->second;
    if (s.retransmits >= m_ikeRetries)
    {
        Fail(s, "ike-timeout");
        return;
    }
    ++s.retransmits;
    s.rto = Seconds(s.rto.GetSeconds() * m_ikeBackoff);
    NS_LOG_LOGIC("IKE retransmission " << s.retransmits << ", next timeout " << s.rto);
    m_carrier->SendControl(s.peer, s.pending->Copy(), s.pendingInitial);
    s.retransmitEvent = Simulator::Schedule(s.rto, &VpnTunnelEndpoint::Retransmit, this, s.id);
}

void
VpnTunnelEndpoint::SendIke(Session& s, const IkeMessage& message)
{
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(message);
    m_carrier->SendControl(s.peer, wire, false);
}

Ptr<EspSecurityAssociation>
VpnTunnelEndpoint::NewInboundSa(Session& s)
{
    uint32_t spi;
    do
    {
        // RFC 4303 section 2.1: 0 is reserved and 1-255 are reserved by IANA.
        spi = 256 + m_rng->GetInteger(0, 0x7fffff00);
    } while (m_byInboundSpi.count(spi));
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    NS_ABORT_MSG_IF(!sa->Configure(spi, m_cipherSuite, m_replayWindow, error),
                    "VpnTunnelEndpoint: " << error);
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(m_esn));
    sa->SetAttribute("DecryptDelay", TimeValue(m_decryptDelay));
    m_byInboundSpi[spi] = s.id;
    return sa;
}

Ptr<EspSecurityAssociation>
VpnTunnelEndpoint::NewOutboundSa(uint32_t spi)
{
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    if (!sa->Configure(spi, m_cipherSuite, m_replayWindow, error))
    {
        NS_LOG_WARN("peer offered an unusable SPI: " << error);
        return nullptr;
    }
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(m_esn));
    sa->SetAttribute("EncryptDelay", TimeValue(m_encryptDelay));
    return sa;
}

void
VpnTunnelEndpoint::SetState(Session& s, State state, const std::string& reason)
{
    if (s.state == state)
    {
        return;
    }
    const State old = s.state;
    s.state = state;
    NS_LOG_INFO("session " << s.id << " (" << s.inner << "): " << StateName(old) << " -> "
                           << StateName(state) << " (" << reason << ")");
    m_sessionTrace(s.inner, old, state, reason);
    if (m_role == CLIENT)
    {
        m_stateTrace(old, state, reason);
    }
    if (state == FAILED)
    {
        ++m_failures;
    }
}

void
VpnTunnelEndpoint::ArmDpd(Session& s)
{
    s.dpdEvent.Cancel();
    if (m_dpdInterval.IsZero() || s.state != UP || !m_carrier->CarriesEsp())
    {
        return; // the SSL family runs its own dead-peer detection in the carrier
    }
    const Time due = s.lastRx + m_dpdInterval;
    const Time wait = due > Simulator::Now() ? due - Simulator::Now() : Time(0);
    s.dpdEvent = Simulator::Schedule(wait, &VpnTunnelEndpoint::DpdCheck, this, s.id);
}

void
VpnTunnelEndpoint::DpdCheck(uint32_t id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || it->second->state != UP)
    {
        return;
    }
    Session& s = *it->second;
    const Time idle = Simulator::Now() - s.lastRx;
    if (s.dpdProbes == 0 && idle < m_dpdInterval)
    {
        ArmDpd(s); // traffic arrived since the timer was set
        return;
    }
    if (s.dpdProbes > m_dpdRetries)
    {
        Fail(s, "dpd-timeout");
        return;
    }
    ++s.dpdProbes;
    ++m_dpdProbes;
    m_dpdTrace(s.dpdProbes);
    IkeMessage probe;
    probe.SetInitiatorSpi(s.ikeSpiI);
    probe.SetResponderSpi(s.ikeSpiR);
    probe.SetExchangeType(IkeMessage::INFORMATIONAL);
    probe.SetFlags(m_role == CLIENT ? IkeMessage::FLAG_INITIATOR : 0);
    probe.SetMessageId(s.nextMessageId++);
    probe.SetMessageSize(m_dpdSize);
    SendIke(s, probe);
    s.dpdEvent = Simulator::Schedule(m_dpdRetryInterval, &VpnTunnelEndpoint::DpdCheck, this, id);
}

void
VpnTunnelEndpoint::Teardown(Session& s)
{
    s.retransmitEvent.Cancel();
    s.dpdEvent.Cancel();
    s.pending = nullptr;
    if (s.in)
    {
        m_byInboundSpi.erase(s.in->GetSpi());
    }
    s.in = nullptr;
    s.out = nullptr;
    m_byIkeSpi.erase(s.ikeSpiI);
    auto inner = m_byInner.find(s.inner);
    if (inner != m_byInner.end() && inner->second == s.id)
    {
        m_byInner.erase(inner);
    }
    auto byPeer = m_byPeer.find(s.peer);
    if (byPeer != m_byPeer.end() && byPeer->second == s.id)
    {
        m_byPeer.erase(byPeer);
    }
}

void
VpnTunnelEndpoint::Fail(Session& s, const std::string& reason)
{
    NS_LOG_FUNCTION(this << s.id << reason);
    Teardown(s);
    SetState(s, FAILED, reason);
    m_carrier->Close(s.peer);
    if (m_role == HEADEND)
    {
        m_sessions.erase(s.id); // the client will come back with a new IKE SA
        return;
    }
    const bool retry = m_reconnectPolicy == RECONNECT_AFTER_DELAY &&
                       (m_maxReconnects == 0 || m_reconnectAttempts < m_maxReconnects);
    if (retry && m_running)
    {
        m_reconnectEvent =
            Simulator::Schedule(m_reconnectDelay, &VpnTunnelEndpoint::Reconnect, this);
    }
}

void
VpnTunnelEndpoint::Reconnect()
{
    NS_LOG_FUNCTION(this);
    if (!m_running)
    {
        return;
    }
    ++m_reconnects;
    ++m_reconnectAttempts;
    auto it = m_sessions.find(m_clientSession);
    if (it == m_sessions.end())
    {
        Connect();
        return;
    }
    Session& s = *it->second;
    s.answers.clear();
    s.dpdProbes = 0;
    SetState(s, CONNECTING, "reconnect");
    s.peer = m_carrier->Connect(m_headend);
}

bool
VpnTunnelEndpoint::TunSend(Ptr<Packet> packet,
                           const Address& /* source */,
                           const Address& /* dest */,
                           uint16_t protocol)
{
    NS_LOG_FUNCTION(this << packet << protocol);
    Session* s = nullptr;
    if (m_role == CLIENT)
    {
        auto it = m_sessions.find(m_clientSession);
        s = (it == m_sessions.end()) ? nullptr : it->second.get();
    }
    else
    {
        Ipv4Header ip;
        packet->PeekHeader(ip);
        auto inner = m_byInner.find(ip.GetDestination());
        s = (inner == m_byInner.end()) ? nullptr : m_sessions.at(inner->second).get();
    }
    const bool ipsec = m_carrier->CarriesEsp();
    if (protocol != IPV4_ETHERTYPE || !s || s->state != UP || (ipsec && !s->out))
    {
        return false; // no SA: the inner stack sees a failed send, as with a down interface
    }
    m_innerTx++;
    m_innerTxTrace(packet);
    if (!ipsec)
    {
        return m_carrier->SendData(s->peer, packet);
    }
    Ptr<Packet> esp = s->out->Encapsulate(packet, NEXT_HEADER_IPV4);
    if (!esp)
    {
        Fail(*s, "sequence-exhausted");
        return false;
    }
    const Time delay = FifoDelay(m_encryptDelay, m_encryptBusy);
    if (delay.IsZero())
    {
        m_carrier->SendData(s->peer, esp);
    }
    else
    {
        Simulator::Schedule(delay, [carrier = m_carrier, peer = s->peer, esp]() {
            carrier->SendData(peer, esp);
        });
    }
    return true;
}

void
VpnTunnelEndpoint::ReceiveEsp(Ptr<Packet> message)
{
    if (message->GetSize() < ESP_HEADER_SIZE)
    {
        Drop(message, "truncated");
        return;
    }
    EspHeader header;
    message->PeekHeader(header);
    auto found = m_byInboundSpi.find(header.GetSpi());
    if (found == m_byInboundSpi.end())
    {
        Drop(message, "unknown-spi");
        return;
    }
    Session& s = *m_sessions.at(found->second);
    uint8_t nextHeader = 0;
    if (!s.in->Decapsulate(message, nextHeader))
    {
        // The SA counted and traced the reason and left the packet as it was; mirror the drop
        // here for one place to look.
        Drop(message, "esp-rejected");
        return;
    }
    s.lastRx = Simulator::Now();
    if (s.dpdProbes > 0)
    {
        s.dpdProbes = 0;
        ArmDpd(s);
    }
    if (nextHeader != NEXT_HEADER_IPV4)
    {
        Drop(message, "not-ipv4"); // the decapsulated inner packet (IPv6 is not routed)
        return;
    }
    const Time delay = FifoDelay(m_decryptDelay, m_decryptBusy);
    if (delay.IsZero())
    {
        DeliverInner(message);
    }
    else
    {
        Simulator::Schedule(delay, &VpnTunnelEndpoint::DeliverInner, this, message);
    }
}

void
VpnTunnelEndpoint::DeliverInner(Ptr<Packet> inner)
{
    if (!m_tun)
    {
        return;
    }
    m_innerRx++;
    m_innerRxTrace(inner);
    m_tun->Receive(inner,
                   IPV4_ETHERTYPE,
                   m_tun->GetAddress(),
                   m_tun->GetAddress(),
                   NetDevice::PACKET_HOST);
}

void
VpnTunnelEndpoint::Drop(Ptr<const Packet> packet, const std::string& reason)
{
    NS_LOG_FUNCTION(this << packet << reason);
    ++m_dropCounts[reason];
    m_dropTrace(packet, reason);
}

uint64_t
VpnTunnelEndpoint::NewIkeSpi()
{
    const uint64_t high = m_rng->GetInteger(1, 0xffffffffU);
    const uint64_t low = m_rng->GetInteger(0, 0xffffffffU);
    return (high << 32) | low;
}

Time
VpnTunnelEndpoint::FifoDelay(Time delay, Time& busyUntil)
{
    if (delay.IsZero())
    {
        return Time(0);
    }
    const Time now = Simulator::Now();
    const Time leave = std::max(now, busyUntil) + delay;
    busyUntil = leave;
    return leave - now;
}

} // namespace ns3
