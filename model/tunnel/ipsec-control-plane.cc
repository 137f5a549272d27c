/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ipsec-control-plane.h"

#include "ike-message.h"
#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/boolean.h"
#include "ns3/esp-cipher-suite.h"
#include "ns3/esp-header.h"
#include "ns3/esp-security-association.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecControlPlane");

NS_OBJECT_ENSURE_REGISTERED(IpsecControlPlane);

namespace
{
/// ESP next header for an IPv4 packet in tunnel mode (RFC 4303 section 2.6).
constexpr uint8_t NEXT_HEADER_IPV4 = 4;
/// ESP header: SPI and sequence number (RFC 4303 section 2).
constexpr uint32_t ESP_HEADER_SIZE = 8;
} // namespace

/// One IKE SA and its pair of ESP SAs: the IPsec part of a session.
struct IpsecControlPlane::IkeSa : public VpnControlPlane::SessionState
{
    uint64_t ikeSpiI{0};                     //!< IKE SA initiator's SPI
    uint64_t ikeSpiR{0};                     //!< IKE SA responder's SPI
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
    EventId dpdEvent;                        //!< DPD timer
    uint32_t dpdProbes{0};                   //!< R-U-THERE sent since the last packet received
};

TypeId
IpsecControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecControlPlane")
                            .SetParent<VpnControlPlane>()
                            .SetGroupName("Vpn")
                            .AddConstructor<IpsecControlPlane>();
    return tid;
}

IpsecControlPlane::IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

IpsecControlPlane::~IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecControlPlane::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Clear();
    VpnControlPlane::DoDispose();
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

uint16_t
IpsecControlPlane::ComputeInnerMtu(uint16_t outerMtu) const
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    EspCipherSuite suite;
    std::string error;
    if (!endpoint.m_carrier || !EspCipherSuite::Lookup(endpoint.m_cipherSuite, suite, error))
    {
        return 0;
    }
    const uint32_t carrier = endpoint.m_carrier->GetDataOverhead();
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
IpsecControlPlane::Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    if (kind == VpnCarrier::DATA)
    {
        ReceiveEsp(message);
        return;
    }
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

Ptr<EspSecurityAssociation>
IpsecControlPlane::NewInboundSa(VpnTunnelSession& s)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    uint32_t spi;
    do
    {
        // RFC 4303 section 2.1: 0 is reserved and 1-255 are reserved by IANA.
        spi = 256 + endpoint.m_rng->GetInteger(0, 0x7fffff00);
    } while (m_byInboundSpi.count(spi));
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    NS_ABORT_MSG_IF(!sa->Configure(spi, endpoint.m_cipherSuite, endpoint.m_replayWindow, error),
                    "VpnTunnelEndpoint: " << error);
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(endpoint.m_esn));
    sa->SetAttribute("DecryptDelay", TimeValue(endpoint.m_decryptDelay));
    m_byInboundSpi[spi] = s.id;
    return sa;
}

Ptr<EspSecurityAssociation>
IpsecControlPlane::NewOutboundSa(uint32_t spi)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    if (!sa->Configure(spi, endpoint.m_cipherSuite, endpoint.m_replayWindow, error))
    {
        NS_LOG_WARN("peer offered an unusable SPI: " << error);
        return nullptr;
    }
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(endpoint.m_esn));
    sa->SetAttribute("EncryptDelay", TimeValue(endpoint.m_encryptDelay));
    return sa;
}

uint64_t
IpsecControlPlane::NewIkeSpi()
{
    Ptr<UniformRandomVariable> rng = Endpoint().m_rng;
    const uint64_t high = rng->GetInteger(1, 0xffffffffU);
    const uint64_t low = rng->GetInteger(0, 0xffffffffU);
    return (high << 32) | low;
}

bool
IpsecControlPlane::CanSend(const VpnTunnelSession& s) const
{
    return Sa(s).out != nullptr;
}

bool
IpsecControlPlane::Send(VpnTunnelSession& s, Ptr<Packet> inner)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    Ptr<Packet> esp = Sa(s).out->Encapsulate(inner, NEXT_HEADER_IPV4);
    if (!esp)
    {
        endpoint.Fail(s, "sequence-exhausted");
        return false;
    }
    const Time delay = FifoDelay(endpoint.m_encryptDelay, m_encryptBusy);
    if (delay.IsZero())
    {
        endpoint.m_carrier->SendData(s.peer, esp);
    }
    else
    {
        Simulator::Schedule(delay, [carrier = endpoint.m_carrier, peer = s.peer, esp]() {
            carrier->SendData(peer, esp);
        });
    }
    return true;
}

void
IpsecControlPlane::ReceiveEsp(Ptr<Packet> message)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (message->GetSize() < ESP_HEADER_SIZE)
    {
        endpoint.Drop(message, "truncated");
        return;
    }
    EspHeader header;
    message->PeekHeader(header);
    auto found = m_byInboundSpi.find(header.GetSpi());
    if (found == m_byInboundSpi.end())
    {
        endpoint.Drop(message, "unknown-spi");
        return;
    }
    VpnTunnelSession& s = *endpoint.FindSession(found->second);
    uint8_t nextHeader = 0;
    if (!Sa(s).in->Decapsulate(message, nextHeader))
    {
        // The SA counted and traced the reason and left the packet as it was; mirror the drop
        // here for one place to look.
        endpoint.Drop(message, "esp-rejected");
        return;
    }
    s.lastRx = Simulator::Now();
    if (Sa(s).dpdProbes > 0)
    {
        PeerAlive(s);
    }
    if (nextHeader != NEXT_HEADER_IPV4)
    {
        endpoint.Drop(message, "not-ipv4"); // the decapsulated inner packet (IPv6 is not routed)
        return;
    }
    const Time delay = FifoDelay(endpoint.m_decryptDelay, m_decryptBusy);
    if (delay.IsZero())
    {
        endpoint.DeliverInner(message);
    }
    else
    {
        Simulator::Schedule(delay, &VpnTunnelEndpoint::DeliverInner, &endpoint, message);
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
    if (sa.in)
    {
        m_byInboundSpi.erase(sa.in->GetSpi());
    }
    sa.in = nullptr;
    sa.out = nullptr;
    m_byIkeSpi.erase(sa.ikeSpiI);
    // A reconnect starts a fresh IKE SA: no old answers, no probes outstanding.
    sa.answers.clear();
    sa.dpdProbes = 0;
}

void
IpsecControlPlane::Clear()
{
    m_byIkeSpi.clear();
    m_byInboundSpi.clear();
}

Time
IpsecControlPlane::FifoDelay(Time delay, Time& busyUntil)
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
