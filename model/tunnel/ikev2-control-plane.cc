/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev2-control-plane.h"

#include "ike-message.h"
#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev2ControlPlane");

NS_OBJECT_ENSURE_REGISTERED(Ikev2ControlPlane);

/// The IKEv2 part of a session: message IDs (RFC 7296 section 2.2).
struct Ikev2ControlPlane::Ikev2Sa : public IpsecControlPlane::IkeSa
{
    uint32_t nextMessageId{0}; //!< our next request's message ID
    uint32_t pendingId{0};     //!< the pending request's message ID
};

TypeId
Ikev2ControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev2ControlPlane")
                            .SetParent<IpsecControlPlane>()
                            .SetGroupName("Vpn")
                            .AddConstructor<Ikev2ControlPlane>();
    return tid;
}

void
Ikev2ControlPlane::AddEndpointAttributes(TypeId& tid)
{
    tid.AddAttribute("IkeSaInitSize",
                     "IKEv2: bytes of each IKE_SA_INIT message (assumption: MODP-2048 KE 264, "
                     "nonce 36, SA 48, two NAT-D notifies 56, header 28: about 432).",
                     UintegerValue(432),
                     MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeSaInitSize),
                     MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
        .AddAttribute("IkeAuthRequestSize",
                      "IKEv2: bytes of the IKE_AUTH request (assumption: PSK, ID, SA, TS, "
                      "configuration request, in SK: about 400).",
                      UintegerValue(400),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeAuthRequestSize),
                      MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
        .AddAttribute("IkeAuthResponseSize",
                      "IKEv2: bytes of the IKE_AUTH response (assumption: about 360).",
                      UintegerValue(360),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeAuthResponseSize),
                      MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000))
        .AddAttribute("DpdMessageSize",
                      "IKEv2: bytes of an empty INFORMATIONAL (R-U-THERE or its answer): header "
                      "28, SK header 4, IV 16, padding 4, ICV 12 = 64 with AES-CBC/SHA1-96.",
                      UintegerValue(64),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_dpdSize),
                      MakeUintegerChecker<uint32_t>(IkeMessage::MIN_SIZE, 65000));
}

Ikev2ControlPlane::Ikev2ControlPlane()
{
    NS_LOG_FUNCTION(this);
}

Ikev2ControlPlane::~Ikev2ControlPlane()
{
    NS_LOG_FUNCTION(this);
}

Ikev2ControlPlane::Ikev2Sa&
Ikev2ControlPlane::V2(VpnTunnelSession& s)
{
    return static_cast<Ikev2Sa&>(Sa(s));
}

std::unique_ptr<VpnControlPlane::SessionState>
Ikev2ControlPlane::NewSessionState() const
{
    return std::make_unique<Ikev2Sa>();
}

void
Ikev2ControlPlane::Establish(VpnTunnelSession& s)
{
    Ikev2Sa& sa = V2(s);
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
Ikev2ControlPlane::ReceiveControl(uint32_t peer, Ptr<Packet> message)
{
    if (!IkeMessage::IsWellFormed(message))
    {
        Endpoint().Drop(message, "ike-malformed");
        return;
    }
    IkeMessage m;
    message->RemoveHeader(m);
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
Ikev2ControlPlane::ReceiveResponse(const IkeMessage& m)
{
    VpnTunnelSession* s = FindByIkeSpi(m.GetInitiatorSpi());
    if (!s)
    {
        Endpoint().Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-spi");
        return;
    }
    HeardFrom(*s);
    if (m.GetExchangeType() == IkeMessage::INFORMATIONAL)
    {
        PeerAlive(*s); // an answer to R-U-THERE
        return;
    }
    Ikev2Sa& sa = V2(*s);
    if (!sa.pending || m.GetMessageId() != sa.pendingId)
    {
        return; // a late duplicate response
    }
    StopAwaiting(*s);
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
Ikev2ControlPlane::SendAuth(VpnTunnelSession& s, uint64_t responderSpi)
{
    Ikev2Sa& sa = V2(s);
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
Ikev2ControlPlane::ReceiveRequest(uint32_t peer, const IkeMessage& m)
{
    NS_LOG_FUNCTION(this << peer);
    VpnTunnelSession* s = FindByIkeSpi(m.GetInitiatorSpi());
    if (s)
    {
        HeardFrom(*s);
        // A retransmitted request gets the same response again (RFC 7296 section 2.1).
        if (m.GetExchangeType() != IkeMessage::INFORMATIONAL &&
            ResendAnswer(*s, m.GetMessageId(), m.GetExchangeType() == IkeMessage::IKE_SA_INIT))
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

VpnTunnelSession*
Ikev2ControlPlane::AnswerSaInit(uint32_t peer,
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
    HeardFrom(s);
    RegisterIkeSa(s);
    endpoint.SetState(s, VpnTunnelEndpoint::CONNECTING, "ike-sa-init");
    reply.SetResponderSpi(sa.ikeSpiR);
    reply.SetMessageSize(endpoint.m_ikeSaInitSize);
    return &s;
}

VpnTunnelSession*
Ikev2ControlPlane::AnswerAuth(VpnTunnelSession* s, const IkeMessage& m, IkeMessage& reply)
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
Ikev2ControlPlane::AnswerDpd(VpnTunnelSession* s, IkeMessage& reply)
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
Ikev2ControlPlane::SendAnswer(VpnTunnelSession& s,
                              const IkeMessage& request,
                              const IkeMessage& reply)
{
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(reply);
    if (request.GetExchangeType() != IkeMessage::INFORMATIONAL)
    {
        KeepAnswer(s, request.GetMessageId(), wire);
    }
    SendOnce(s, wire, request.GetExchangeType() == IkeMessage::IKE_SA_INIT);
}

void
Ikev2ControlPlane::SendRequest(VpnTunnelSession& s, const IkeMessage& message)
{
    NS_LOG_FUNCTION(this << s.id << uint32_t(message.GetExchangeType()));
    Ikev2Sa& sa = V2(s);
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(message);
    sa.pendingId = message.GetMessageId();
    const bool initial = message.GetExchangeType() == IkeMessage::IKE_SA_INIT;
    if (initial)
    {
        RegisterIkeSa(s);
    }
    SendAwaiting(s, wire, initial);
}

void
Ikev2ControlPlane::SendDpdProbe(VpnTunnelSession& s)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    Ikev2Sa& sa = V2(s);
    IkeMessage probe;
    probe.SetInitiatorSpi(sa.ikeSpiI);
    probe.SetResponderSpi(sa.ikeSpiR);
    probe.SetExchangeType(IkeMessage::INFORMATIONAL);
    probe.SetFlags(endpoint.m_role == VpnTunnelEndpoint::CLIENT ? IkeMessage::FLAG_INITIATOR : 0);
    probe.SetMessageId(sa.nextMessageId++);
    probe.SetMessageSize(endpoint.m_dpdSize);
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(probe);
    SendOnce(s, wire, false);
}

} // namespace ns3
