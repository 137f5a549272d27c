/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ikev1-control-plane.h"

#include "ikev1-message.h"
#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1ControlPlane");

NS_OBJECT_ENSURE_REGISTERED(Ikev1ControlPlane);

/// The IKEv1 part of a session: where establishment is, and DPD's sequence number.
struct Ikev1ControlPlane::Ikev1Sa : public IpsecControlPlane::IkeSa
{
    uint32_t next{0};        //!< the next step of establishment (ours to send or the peer's)
    uint32_t messageId{0};   //!< the current Transaction or Quick Mode exchange's message ID
    uint32_t dpdSequence{0}; //!< our last R-U-THERE's sequence number (RFC 3706 section 7)
};

const std::array<Ikev1ControlPlane::Message, Ikev1ControlPlane::STEPS> Ikev1ControlPlane::SCRIPT = {
    {
        {true, Ikev1Message::AGGRESSIVE, 1, true, &VpnTunnelEndpoint::m_ikev1AggressiveInitSize},
        {false,
         Ikev1Message::AGGRESSIVE,
         2,
         false,
         &VpnTunnelEndpoint::m_ikev1AggressiveResponseSize},
        {true, Ikev1Message::AGGRESSIVE, 3, false, &VpnTunnelEndpoint::m_ikev1AggressiveFinalSize},
        {false,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_REQUEST,
         true,
         &VpnTunnelEndpoint::m_ikev1XauthSize},
        {true,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_REPLY,
         false,
         &VpnTunnelEndpoint::m_ikev1XauthSize},
        {false,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_SET,
         true,
         &VpnTunnelEndpoint::m_ikev1XauthSize},
        {true,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_ACK,
         false,
         &VpnTunnelEndpoint::m_ikev1XauthSize},
        {true,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_REQUEST,
         true,
         &VpnTunnelEndpoint::m_ikev1ModeCfgSize},
        {false,
         Ikev1Message::TRANSACTION,
         Ikev1Message::CFG_REPLY,
         false,
         &VpnTunnelEndpoint::m_ikev1ModeCfgSize},
        {true, Ikev1Message::QUICK_MODE, 1, true, &VpnTunnelEndpoint::m_ikev1QuickModeInitSize},
        {false,
         Ikev1Message::QUICK_MODE,
         2,
         false,
         &VpnTunnelEndpoint::m_ikev1QuickModeResponseSize},
        {true, Ikev1Message::QUICK_MODE, 3, false, &VpnTunnelEndpoint::m_ikev1QuickModeFinalSize},
    }};

TypeId
Ikev1ControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Ikev1ControlPlane")
                            .SetParent<IpsecControlPlane>()
                            .SetGroupName("Vpn")
                            .AddConstructor<Ikev1ControlPlane>();
    return tid;
}

void
Ikev1ControlPlane::AddEndpointAttributes(TypeId& tid)
{
    // Sizes are assumptions for the Cisco VPN Client with a group PSK (RFC 2409 section 5.4),
    // AES-256/SHA-1/MODP-1024 (group 2), no NAT; encrypted bodies are padded to AES's 16 bytes
    // (RFC 2409 appendix B; the IV is not sent).
    const auto size = [&tid](const std::string& name,
                             const std::string& help,
                             uint32_t value,
                             uint32_t VpnTunnelEndpoint::*member) {
        tid.AddAttribute(name,
                         help,
                         UintegerValue(value),
                         MakeUintegerAccessor(member),
                         MakeUintegerChecker<uint32_t>(Ikev1Message::MIN_SIZE, 65000));
    };
    size("Ikev1AggressiveInitSize",
         "IKEv1: bytes of Aggressive Mode message 1, HDR, SA, KE, Ni, IDii, VIDs (RFC 2409 "
         "section 5.4; assumption: header 28, SA of 14 transforms 524, KE 132, nonce 24, "
         "KEY_ID group name 18, six vendor IDs (XAUTH, DPD, NAT-T, Unity, fragmentation) 116: "
         "842).",
         842,
         &VpnTunnelEndpoint::m_ikev1AggressiveInitSize);
    size("Ikev1AggressiveResponseSize",
         "IKEv1: bytes of Aggressive Mode message 2, HDR, SA, KE, Nr, IDir, HASH_R, VIDs, NAT-D "
         "(assumption: 28 + SA 56 + KE 132 + nonce 24 + ID 12 + HASH 24 + four vendor IDs 76 + "
         "two NAT-D 48 = 400).",
         400,
         &VpnTunnelEndpoint::m_ikev1AggressiveResponseSize);
    size("Ikev1AggressiveFinalSize",
         "IKEv1: bytes of Aggressive Mode message 3, HDR*, HASH_I, INITIAL-CONTACT notify "
         "(assumption: 28 + 24 + 28 padded to 64 = 92).",
         92,
         &VpnTunnelEndpoint::m_ikev1AggressiveFinalSize);
    size("Ikev1XauthSize",
         "IKEv1: bytes of each of the four XAUTH messages, HDR*, HASH, ATTR (REQUEST, REPLY, SET, "
         "ACK; draft-beaulieu-ike-xauth section 4; assumption: 28 + HASH 24 + attributes 20 "
         "padded to 48 = 76).",
         76,
         &VpnTunnelEndpoint::m_ikev1XauthSize);
    size("Ikev1ModeCfgSize",
         "IKEv1: bytes of the Mode-Config REQUEST and REPLY, HDR*, HASH, ATTR "
         "(draft-dukes-ike-mode-cfg section 3.2; assumption: 28 + HASH 24 + about fifteen "
         "attributes with the client's version string 112, padded to 144 = 172).",
         172,
         &VpnTunnelEndpoint::m_ikev1ModeCfgSize);
    size("Ikev1QuickModeInitSize",
         "IKEv1: bytes of Quick Mode message 1, HDR*, HASH(1), SA, Ni, IDci, IDcr (RFC 2409 "
         "section 5.5; assumption: 28 + HASH 24 + SA of six ESP transforms 192 + nonce 24 + two "
         "IDs 32 = 300).",
         300,
         &VpnTunnelEndpoint::m_ikev1QuickModeInitSize);
    size("Ikev1QuickModeResponseSize",
         "IKEv1: bytes of Quick Mode message 2, HDR*, HASH(2), SA, Nr, IDci, IDcr, "
         "RESPONDER-LIFETIME (assumption: 28 + 24 + SA 52 + 24 + 32 + notify 32, padded to 176 = "
         "204).",
         204,
         &VpnTunnelEndpoint::m_ikev1QuickModeResponseSize);
    size("Ikev1QuickModeFinalSize",
         "IKEv1: bytes of Quick Mode message 3, HDR*, HASH(3) (28 + 24 padded to 32 = 60).",
         60,
         &VpnTunnelEndpoint::m_ikev1QuickModeFinalSize);
    size("Ikev1DpdSize",
         "IKEv1: bytes of an R-U-THERE or R-U-THERE-ACK, HDR*, HASH, N (RFC 3706 section 5.1: "
         "notify 12 + both cookies 16 + sequence 4; 28 + 24 + 32 padded to 64 = 92).",
         92,
         &VpnTunnelEndpoint::m_ikev1DpdSize);
}

Ikev1ControlPlane::Ikev1ControlPlane()
{
    NS_LOG_FUNCTION(this);
}

Ikev1ControlPlane::~Ikev1ControlPlane()
{
    NS_LOG_FUNCTION(this);
}

Ikev1ControlPlane::Ikev1Sa&
Ikev1ControlPlane::V1(VpnTunnelSession& s)
{
    return static_cast<Ikev1Sa&>(Sa(s));
}

std::unique_ptr<VpnControlPlane::SessionState>
Ikev1ControlPlane::NewSessionState() const
{
    return std::make_unique<Ikev1Sa>();
}

uint32_t
Ikev1ControlPlane::NewMessageId()
{
    return Endpoint().m_rng->GetInteger(1, 0xffffffffU);
}

void
Ikev1ControlPlane::Establish(VpnTunnelSession& s)
{
    NS_LOG_FUNCTION(this << s.id);
    Ikev1Sa& sa = V1(s);
    sa.ikeSpiI = NewIkeSpi();
    sa.ikeSpiR = 0;
    sa.next = AGGRESSIVE_1;
    // RFC 3706 section 7: the first sequence number is random (kept below 2^31, room to grow).
    sa.dpdSequence = Endpoint().m_rng->GetInteger(1, 0x7fffffff);
    RegisterIkeSa(s);
    Advance(s, STEPS);
}

uint32_t
Ikev1ControlPlane::FindStep(const Ikev1Message& m, bool fromClient)
{
    for (uint32_t step = 0; step < STEPS; ++step)
    {
        const Message& want = SCRIPT[step];
        if (want.fromClient == fromClient && want.exchange == m.GetExchangeType() &&
            want.kind == m.GetKind())
        {
            return step;
        }
    }
    return STEPS;
}

void
Ikev1ControlPlane::ReceiveControl(uint32_t peer, Ptr<Packet> message)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (!Ikev1Message::IsWellFormed(message))
    {
        endpoint.Drop(message, "ike-malformed");
        return;
    }
    Ikev1Message m;
    message->RemoveHeader(m);
    VpnTunnelSession* s = FindByIkeSpi(m.GetInitiatorCookie());
    if (m.GetExchangeType() == Ikev1Message::INFORMATIONAL)
    {
        ReceiveDpd(s, m);
        return;
    }
    const bool headend = endpoint.m_role == VpnTunnelEndpoint::HEADEND;
    const uint32_t step = FindStep(m, headend);
    if (step == STEPS)
    {
        endpoint.Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-exchange");
        return;
    }
    if (!s)
    {
        if (!headend || step != AGGRESSIVE_1)
        {
            endpoint.Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-spi");
            return;
        }
        s = &Open(peer, m);
    }
    HeardFrom(*s);
    Ikev1Sa& sa = V1(*s);
    if (step < sa.next)
    {
        // A repeat: the peer missed our answer (or it is on its way).
        ResendAnswer(*s, step, SCRIPT[step].exchange == Ikev1Message::AGGRESSIVE);
        return;
    }
    if (step > sa.next)
    {
        NS_LOG_LOGIC("step " << step << " before " << sa.next << ": wait for the repeat");
        return;
    }
    Accept(*s, m, step);
    ++sa.next;
    Advance(*s, step);
}

VpnTunnelSession&
Ikev1ControlPlane::Open(uint32_t peer, const Ikev1Message& m)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    VpnTunnelSession& s = endpoint.NewSession(peer);
    Ikev1Sa& sa = V1(s);
    sa.ikeSpiI = m.GetInitiatorCookie();
    sa.ikeSpiR = NewIkeSpi();
    sa.next = AGGRESSIVE_1;
    sa.dpdSequence = endpoint.m_rng->GetInteger(1, 0x7fffffff);
    RegisterIkeSa(s);
    endpoint.SetState(s, VpnTunnelEndpoint::CONNECTING, "ikev1-aggressive-mode");
    return s;
}

void
Ikev1ControlPlane::Accept(VpnTunnelSession& s, const Ikev1Message& m, uint32_t step)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    Ikev1Sa& sa = V1(s);
    if (SCRIPT[step].opensExchange)
    {
        sa.messageId = m.GetMessageId();
    }
    switch (step)
    {
    case AGGRESSIVE_2:
        sa.ikeSpiR = m.GetResponderCookie();
        break;
    case CFG_REQUEST:
        // The client asks for its address (draft-dukes-ike-mode-cfg section 3.3: a REQUEST may
        // carry the value it wants); the headend routes to it from now on.
        endpoint.RetireSessionOf(m.GetInnerAddress(), s.id);
        endpoint.BindInner(s, m.GetInnerAddress());
        break;
    case QUICK_1:
    case QUICK_2:
        sa.out = NewOutboundSa(m.GetValue());
        break;
    default:
        break;
    }
}

void
Ikev1ControlPlane::Advance(VpnTunnelSession& s, uint32_t answering)
{
    Ikev1Sa& sa = V1(s);
    const bool client = Endpoint().m_role == VpnTunnelEndpoint::CLIENT;
    Ptr<Packet> last;
    bool lastInitial = false;
    while (sa.next < STEPS && SCRIPT[sa.next].fromClient == client)
    {
        if (last)
        {
            SendOnce(s, last, lastInitial);
        }
        lastInitial = SCRIPT[sa.next].exchange == Ikev1Message::AGGRESSIVE;
        last = Create<Packet>();
        last->AddHeader(Build(s, sa.next));
        if (answering != STEPS)
        {
            KeepAnswer(s, answering, last);
        }
        ++sa.next;
    }
    if (sa.next < STEPS)
    {
        // The peer's turn: wait for it, sending our last message again on timeout (with
        // nothing new to send, the one we already wait with, e.g. XAUTH SET until the client's
        // Mode-Config REQUEST follows its ACK).
        if (last)
        {
            SendAwaiting(s, last, lastInitial);
        }
        else
        {
            RestartAwaiting(s);
        }
        return;
    }
    StopAwaiting(s);
    if (last)
    {
        SendOnce(s, last, lastInitial);
    }
    if (s.state == VpnTunnelEndpoint::CONNECTING)
    {
        Endpoint().Established(s);
        ArmDpd(s);
    }
}

Ikev1Message
Ikev1ControlPlane::Build(VpnTunnelSession& s, uint32_t step)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    Ikev1Sa& sa = V1(s);
    const Message& want = SCRIPT[step];
    if (want.opensExchange)
    {
        sa.messageId = want.exchange == Ikev1Message::AGGRESSIVE ? 0 : NewMessageId();
    }
    Ikev1Message m;
    m.SetInitiatorCookie(sa.ikeSpiI);
    m.SetResponderCookie(sa.ikeSpiR);
    m.SetExchangeType(static_cast<Ikev1Message::ExchangeType>(want.exchange));
    // Only Aggressive Mode 1 and 2 travel before the key exists (RFC 2409 section 5.4).
    m.SetFlags(step > AGGRESSIVE_2 ? Ikev1Message::FLAG_ENCRYPTION : 0);
    m.SetMessageId(sa.messageId);
    m.SetKind(want.kind);
    m.SetMessageSize(endpoint.*want.size);
    switch (step)
    {
    case CFG_REQUEST:
    case CFG_REPLY:
        // INTERNAL_IP4_ADDRESS: the address the client asks for, and the one it gets.
        m.SetInnerAddress(s.inner);
        break;
    case QUICK_1:
    case QUICK_2:
        sa.in = NewInboundSa(s);
        m.SetValue(sa.in->GetSpi());
        break;
    default:
        break;
    }
    return m;
}

void
Ikev1ControlPlane::ReceiveDpd(VpnTunnelSession* s, const Ikev1Message& m)
{
    if (!s)
    {
        Endpoint().Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-spi");
        return;
    }
    HeardFrom(*s);
    switch (m.GetKind())
    {
    case Ikev1Message::R_U_THERE:
        SendDpd(*s, Ikev1Message::R_U_THERE_ACK, m.GetValue());
        PeerAlive(*s);
        break;
    case Ikev1Message::R_U_THERE_ACK:
        if (m.GetValue() == V1(*s).dpdSequence)
        {
            PeerAlive(*s);
        }
        break;
    default:
        Endpoint().Drop(Create<Packet>(m.GetMessageSize()), "ike-unknown-exchange");
        break;
    }
}

void
Ikev1ControlPlane::SendDpdProbe(VpnTunnelSession& s)
{
    Ikev1Sa& sa = V1(s);
    SendDpd(s, Ikev1Message::R_U_THERE, ++sa.dpdSequence);
}

void
Ikev1ControlPlane::SendDpd(VpnTunnelSession& s, uint16_t kind, uint32_t sequence)
{
    const IkeSa& sa = Sa(s);
    Ikev1Message m;
    m.SetInitiatorCookie(sa.ikeSpiI);
    m.SetResponderCookie(sa.ikeSpiR);
    m.SetExchangeType(Ikev1Message::INFORMATIONAL);
    m.SetFlags(Ikev1Message::FLAG_ENCRYPTION);
    m.SetMessageId(NewMessageId());
    m.SetKind(kind);
    m.SetValue(sequence);
    m.SetMessageSize(Endpoint().m_ikev1DpdSize);
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(m);
    SendOnce(s, wire, false);
}

} // namespace ns3
