/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ipsec-control-plane.h"

#include "ike-message.h"
#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecControlPlane");

NS_OBJECT_ENSURE_REGISTERED(IpsecControlPlane);

/// One IKE SA and its pair of ESP SAs: the IPsec part of a session.
struct IpsecControlPlane::IkeSa : public EspDataPlane::EspSas
{
    uint64_t ikeSpiI{0};                     //!< IKE SA initiator's SPI
    uint64_t ikeSpiR{0};                     //!< IKE SA responder's SPI
    uint32_t nextMessageId{0};               //!< our next request's message ID
    Ptr<Packet> pending;                     //!< our request awaiting its response
    uint32_t pendingId{0};                   //!< its message ID
    bool pendingInitial{false};              //!< it is IKE_SA_INIT
    uint32_t retransmits{0};                 //!< times it was sent again
    Time rto;                                //!< current retransmission timeout
    EventId retransmitEvent;                 //!< retransmission timer
    std::map<uint32_t, Ptr<Packet>> answers; //!< headend: responses by message ID, for repeats
    EventId dpdEvent;                        //!< DPD timer
    uint32_t dpdProbes{0};                   //!< R-U-THERE sent since the last packet received
};

TypeId
IpsecControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecControlPlane")
                            .SetParent<EspDataPlane>()
                            .SetGroupName("Vpn")
                            .AddConstructor<IpsecControlPlane>();
    return tid;
}

void
IpsecControlPlane::AddEndpointAttributes(TypeId& tid)
{
    tid.AddAttribute("IkeSaInitSize",
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
                      MakeUintegerChecker<uint32_t>());
}

IpsecControlPlane::IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

IpsecControlPlane::~IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

IpsecControlPlane::IkeSa&
IpsecControlPlane::Sa(VpnTunnelSession& s)
{
    return static_cast<IkeSa&>(*s.control);
}

const IpsecControlPlane::IkeSa&
IpsecControlPlane::Sa(const VpnTunnelSession& s)
{
    return static_cast<const IkeSa&>(*s.control);
}

std::unique_ptr<VpnControlPlane::SessionState>
IpsecControlPlane::NewSessionState() const
{
    return std::make_unique<IkeSa>();
}

bool
IpsecControlPlane::IsEstablishing(const VpnTunnelSession& s) const
{
    return Sa(s).pending != nullptr;
}

void
IpsecControlPlane::Establish(VpnTunnelSession& s)
{
    IkeSa& sa = Sa(s);
    sa.ikeSpiI = NewIkeSpi();
    sa.nextMessageId = 0;
    IkeMessage init;
    init.SetInitiatorSpi(sa.ikeSpiI);
    init.SetExchangeType(IkeMessage::IKE_SA_INIT);
    init.SetFlags(IkeMessage::FLAG_INITIATOR);
    init.SetMessageId(sa.nextMessageId++);
    init.SetMessageSize(Endpoint().m_ikeSaInitSize);
    SendRequest(s, init);
}

void
IpsecControlPlane::ReceiveControl(uint32_t peer, Ptr<Packet> message)
{
    if (!IkeMessage::IsWellFormed(message))
    {
        Endpoint().Drop(message, "ike-malformed");
        return;
    }
    IkeMessage ike;
    message->RemoveHeader(ike);
    ReceiveIke(peer, ike);
}

VpnTunnelSession*
IpsecControlPlane::FindByIkeSpi(uint64_t ikeSpi)
{
    auto found = m_byIkeSpi.find(ikeSpi);
    return found == m_byIkeSpi.end() ? nullptr : Endpoint().FindSession(found->second);
}

void
IpsecControlPlane::ReceiveIke(uint32_t peer, const IkeMessage& m)
{
    if (m.IsResponse())
    {
        ReceiveResponse(m);
    }
    else if (Endpoint().m_role == VpnTunnelEndpoint::HEADEND ||
             m.GetExchangeType() == IkeMessage::INFORMATIONAL)
    {
        ReceiveRequest(peer, m);
    }
}

void
IpsecControlPlane::ReceiveResponse(const IkeMessage& m)
{
    VpnTunnelSession* s = FindByIkeSpi(m.GetInitiatorSpi());
    if (!s)
    {
        Endpoint().Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-spi");
        return;
    }
    s->lastRx = Simulator::Now();
    if (m.GetExchangeType() == IkeMessage::INFORMATIONAL)
    {
        PeerAlive(*s); // an answer to R-U-THERE
        return;
    }
    IkeSa& sa = Sa(*s);
    if (!sa.pending || m.GetMessageId() != sa.pendingId)
    {
        return; // a late duplicate response
    }
    sa.pending = nullptr;
    sa.retransmitEvent.Cancel();
    if (m.GetExchangeType() == IkeMessage::IKE_SA_INIT)
    {
        SendAuth(*s, m.GetResponderSpi());
        return;
    }
    if (m.GetExchangeType() == IkeMessage::IKE_AUTH && s->state == VpnTunnelEndpoint::CONNECTING)
    {
        sa.out = NewOutboundSa(m.GetEspSpi());
        Endpoint().Established(*s);
        ArmDpd(*s);
    }
}

void
IpsecControlPlane::SendAuth(VpnTunnelSession& s, uint64_t responderSpi)
{
    IkeSa& sa = Sa(s);
    sa.ikeSpiR = responderSpi;
    sa.in = NewInboundSa(s);
    IkeMessage auth;
    auth.SetInitiatorSpi(sa.ikeSpiI);
    auth.SetResponderSpi(sa.ikeSpiR);
    auth.SetExchangeType(IkeMessage::IKE_AUTH);
    auth.SetFlags(IkeMessage::FLAG_INITIATOR);
    auth.SetMessageId(sa.nextMessageId++);
    auth.SetEspSpi(sa.in->GetSpi());
    auth.SetInnerAddress(s.inner);
    auth.SetMessageSize(Endpoint().m_ikeAuthRequestSize);
    SendRequest(s, auth);
}

void
IpsecControlPlane::ReceiveRequest(uint32_t peer, const IkeMessage& m)
{
    NS_LOG_FUNCTION(this << peer);
    VpnTunnelSession* s = FindByIkeSpi(m.GetInitiatorSpi());
    if (s)
    {
        s->lastRx = Simulator::Now();
        if (ResendAnswer(*s, m))
        {
            return;
        }
    }

    IkeMessage reply;
    reply.SetInitiatorSpi(m.GetInitiatorSpi());
    reply.SetExchangeType(static_cast<IkeMessage::ExchangeType>(m.GetExchangeType()));
    reply.SetFlags(IkeMessage::FLAG_RESPONSE);
    reply.SetMessageId(m.GetMessageId());

    VpnTunnelSession* answerOn = nullptr;
    switch (m.GetExchangeType())
    {
    case IkeMessage::IKE_SA_INIT:
        answerOn = AnswerSaInit(peer, s, m, reply);
        break;
    case IkeMessage::IKE_AUTH:
        answerOn = AnswerAuth(s, m, reply);
        break;
    case IkeMessage::INFORMATIONAL:
        answerOn = AnswerDpd(s, reply);
        break;
    default:
        Endpoint().Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-exchange");
        return;
    }
    if (answerOn)
    {
        SendAnswer(*answerOn, m, reply);
    }
}

bool
IpsecControlPlane::ResendAnswer(VpnTunnelSession& s, const IkeMessage& m)
{
    const IkeSa& sa = Sa(s);
    auto answered = sa.answers.find(m.GetMessageId());
    if (answered == sa.answers.end() || m.GetExchangeType() == IkeMessage::INFORMATIONAL)
    {
        return false;
    }
    Endpoint().m_carrier->SendControl(s.peer,
                                      answered->second->Copy(),
                                      m.GetExchangeType() == IkeMessage::IKE_SA_INIT);
    return true;
}

VpnTunnelSession*
IpsecControlPlane::AnswerSaInit(uint32_t peer,
                                VpnTunnelSession* existing,
                                const IkeMessage& m,
                                IkeMessage& reply)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (endpoint.m_role != VpnTunnelEndpoint::HEADEND || existing)
    {
        return nullptr;
    }
    VpnTunnelSession& s = endpoint.NewSession(peer);
    IkeSa& sa = Sa(s);
    sa.ikeSpiI = m.GetInitiatorSpi();
    sa.ikeSpiR = NewIkeSpi();
    s.lastRx = Simulator::Now();
    m_byIkeSpi[sa.ikeSpiI] = s.id;
    endpoint.SetState(s, VpnTunnelEndpoint::CONNECTING, "ike-sa-init");
    reply.SetResponderSpi(sa.ikeSpiR);
    reply.SetMessageSize(endpoint.m_ikeSaInitSize);
    return &s;
}

VpnTunnelSession*
IpsecControlPlane::AnswerAuth(VpnTunnelSession* s, const IkeMessage& m, IkeMessage& reply)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (endpoint.m_role != VpnTunnelEndpoint::HEADEND || !s ||
        s->state != VpnTunnelEndpoint::CONNECTING)
    {
        return nullptr;
    }
    endpoint.RetireSessionOf(m.GetInnerAddress(), s->id);
    endpoint.BindInner(*s, m.GetInnerAddress());
    IkeSa& sa = Sa(*s);
    sa.in = NewInboundSa(*s);
    sa.out = NewOutboundSa(m.GetEspSpi());
    reply.SetResponderSpi(sa.ikeSpiR);
    reply.SetEspSpi(sa.in->GetSpi());
    reply.SetInnerAddress(endpoint.m_innerAddress);
    reply.SetMessageSize(endpoint.m_ikeAuthResponseSize);
    endpoint.Established(*s);
    ArmDpd(*s);
    return s;
}

VpnTunnelSession*
IpsecControlPlane::AnswerDpd(VpnTunnelSession* s, IkeMessage& reply)
{
    if (!s)
    {
        return nullptr;
    }
    const bool client = Endpoint().m_role == VpnTunnelEndpoint::CLIENT;
    reply.SetResponderSpi(Sa(*s).ikeSpiR);
    reply.SetFlags(IkeMessage::FLAG_RESPONSE | (client ? IkeMessage::FLAG_INITIATOR : 0));
    reply.SetMessageSize(Endpoint().m_dpdSize);
    PeerAlive(*s);
    return s;
}

void
IpsecControlPlane::SendAnswer(VpnTunnelSession& s,
                              const IkeMessage& request,
                              const IkeMessage& reply)
{
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(reply);
    if (request.GetExchangeType() != IkeMessage::INFORMATIONAL)
    {
        Sa(s).answers[request.GetMessageId()] = wire->Copy();
    }
    Endpoint().m_carrier->SendControl(s.peer,
                                      wire,
                                      request.GetExchangeType() == IkeMessage::IKE_SA_INIT);
}

void
IpsecControlPlane::SendRequest(VpnTunnelSession& s, const IkeMessage& message)
{
    NS_LOG_FUNCTION(this << s.id << uint32_t(message.GetExchangeType()));
    IkeSa& sa = Sa(s);
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(message);
    sa.pending = wire;
    sa.pendingId = message.GetMessageId();
    sa.pendingInitial = message.GetExchangeType() == IkeMessage::IKE_SA_INIT;
    sa.retransmits = 0;
    sa.rto = Endpoint().m_ikeRto;
    if (message.GetExchangeType() == IkeMessage::IKE_SA_INIT)
    {
        m_byIkeSpi[sa.ikeSpiI] = s.id;
    }
    Endpoint().m_carrier->SendControl(s.peer, wire->Copy(), sa.pendingInitial);
    sa.retransmitEvent.Cancel();
    sa.retransmitEvent = Simulator::Schedule(sa.rto, &IpsecControlPlane::Retransmit, this, s.id);
}

void
IpsecControlPlane::Retransmit(uint32_t id)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    VpnTunnelSession* s = endpoint.FindSession(id);
    if (!s || !Sa(*s).pending)
    {
        return;
    }
    IkeSa& sa = Sa(*s);
    if (sa.retransmits >= endpoint.m_ikeRetries)
    {
        endpoint.Fail(*s, "ike-timeout");
        return;
    }
    ++sa.retransmits;
    sa.rto = Seconds(sa.rto.GetSeconds() * endpoint.m_ikeBackoff);
    NS_LOG_LOGIC("IKE retransmission " << sa.retransmits << ", next timeout " << sa.rto);
    endpoint.m_carrier->SendControl(s->peer, sa.pending->Copy(), sa.pendingInitial);
    sa.retransmitEvent = Simulator::Schedule(sa.rto, &IpsecControlPlane::Retransmit, this, id);
}

void
IpsecControlPlane::SendIke(VpnTunnelSession& s, const IkeMessage& message)
{
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(message);
    Endpoint().m_carrier->SendControl(s.peer, wire, false);
}

uint64_t
IpsecControlPlane::NewIkeSpi()
{
    Ptr<UniformRandomVariable> rng = Endpoint().m_rng;
    const uint64_t high = rng->GetInteger(1, 0xffffffffU);
    const uint64_t low = rng->GetInteger(0, 0xffffffffU);
    return (high << 32) | low;
}

void
IpsecControlPlane::EspReceived(VpnTunnelSession& s)
{
    if (Sa(s).dpdProbes > 0)
    {
        PeerAlive(s);
    }
}

void
IpsecControlPlane::PeerAlive(VpnTunnelSession& s)
{
    Sa(s).dpdProbes = 0;
    ArmDpd(s);
}

void
IpsecControlPlane::ArmDpd(VpnTunnelSession& s)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    IkeSa& sa = Sa(s);
    sa.dpdEvent.Cancel();
    if (endpoint.m_dpdInterval.IsZero() || s.state != VpnTunnelEndpoint::UP)
    {
        return;
    }
    const Time due = s.lastRx + endpoint.m_dpdInterval;
    const Time wait = due > Simulator::Now() ? due - Simulator::Now() : Time(0);
    sa.dpdEvent = Simulator::Schedule(wait, &IpsecControlPlane::DpdCheck, this, s.id);
}

void
IpsecControlPlane::DpdCheck(uint32_t id)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    VpnTunnelSession* found = endpoint.FindSession(id);
    if (!found || found->state != VpnTunnelEndpoint::UP)
    {
        return;
    }
    VpnTunnelSession& s = *found;
    IkeSa& sa = Sa(s);
    const Time idle = Simulator::Now() - s.lastRx;
    if (sa.dpdProbes == 0 && idle < endpoint.m_dpdInterval)
    {
        ArmDpd(s); // traffic arrived since the timer was set
        return;
    }
    if (sa.dpdProbes > endpoint.m_dpdRetries)
    {
        endpoint.Fail(s, "dpd-timeout");
        return;
    }
    ++sa.dpdProbes;
    endpoint.NotifyDpdProbe(sa.dpdProbes);
    IkeMessage probe;
    probe.SetInitiatorSpi(sa.ikeSpiI);
    probe.SetResponderSpi(sa.ikeSpiR);
    probe.SetExchangeType(IkeMessage::INFORMATIONAL);
    probe.SetFlags(endpoint.m_role == VpnTunnelEndpoint::CLIENT ? IkeMessage::FLAG_INITIATOR : 0);
    probe.SetMessageId(sa.nextMessageId++);
    probe.SetMessageSize(endpoint.m_dpdSize);
    SendIke(s, probe);
    sa.dpdEvent =
        Simulator::Schedule(endpoint.m_dpdRetryInterval, &IpsecControlPlane::DpdCheck, this, id);
}

void
IpsecControlPlane::Teardown(VpnTunnelSession& s)
{
    IkeSa& sa = Sa(s);
    sa.retransmitEvent.Cancel();
    sa.dpdEvent.Cancel();
    sa.pending = nullptr;
    EspDataPlane::Teardown(s);
    m_byIkeSpi.erase(sa.ikeSpiI);
    // A reconnect starts a fresh IKE SA: no old answers, no probes outstanding.
    sa.answers.clear();
    sa.dpdProbes = 0;
}

void
IpsecControlPlane::Clear()
{
    EspDataPlane::Clear();
    m_byIkeSpi.clear();
}

} // namespace ns3
