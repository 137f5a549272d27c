/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-tunnel-endpoint.h"

#include "esp-data-plane.h"
#include "ikev1-control-plane.h"
#include "ikev2-control-plane.h"
#include "ipsec-control-plane.h"
#include "vpn-control-plane.h"
#include "vpn-tunnel-session.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
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
} // namespace

TypeId
VpnTunnelEndpoint::GetTypeId()
{
    static TypeId tid = [] {
        TypeId t =
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
                              MakeIpv4AddressChecker());
        // The IPsec family's tunables, registered by the planes that use them.
        EspDataPlane::AddEndpointAttributes(t);
        Ikev2ControlPlane::AddEndpointAttributes(t);
        Ikev1ControlPlane::AddEndpointAttributes(t);
        IpsecControlPlane::AddEndpointAttributes(t);
        t.AddAttribute(
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
        return t;
    }();
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
      m_ikev1AggressiveInitSize(842),
      m_ikev1AggressiveResponseSize(400),
      m_ikev1AggressiveFinalSize(92),
      m_ikev1XauthSize(76),
      m_ikev1ModeCfgSize(172),
      m_ikev1QuickModeInitSize(300),
      m_ikev1QuickModeResponseSize(204),
      m_ikev1QuickModeFinalSize(60),
      m_ikev1DpdSize(92),
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
    if (m_controlPlane)
    {
        for (auto& [id, s] : m_sessions)
        {
            m_controlPlane->Teardown(*s);
        }
        m_controlPlane->Dispose(); // forgets its lookups
    }
    m_sessions.clear();
    m_byInner.clear();
    m_controlPlane = nullptr;
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
    m_controlPlane = carrier ? VpnControlPlane::ForCarrier(carrier) : nullptr;
    if (m_controlPlane)
    {
        m_controlPlane->SetEndpoint(this);
    }
}

Ptr<VpnCarrier>
VpnTunnelEndpoint::GetCarrier() const
{
    return m_carrier;
}

Time
VpnTunnelEndpoint::GetDeadPeerTime() const
{
    return m_controlPlane ? m_controlPlane->GetDeadPeerTime() : Time(0);
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
    return m_controlPlane ? m_controlPlane->ComputeInnerMtu(outerMtu) : 0;
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
VpnTunnelEndpoint::GetSessionCount() const
{
    return m_sessions.size();
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
    m_byInner.clear();
    if (m_controlPlane)
    {
        m_controlPlane->Clear();
    }
    if (m_carrier)
    {
        m_carrier->Shutdown();
    }
}

void
VpnTunnelEndpoint::Connect()
{
    NS_LOG_FUNCTION(this);
    Session& s = NewSession(0);
    s.inner = m_innerAddress;
    m_clientSession = s.id;
    SetState(s, CONNECTING, m_reconnects > 0 ? "reconnect" : "start");
    // PeerUp fires (from a fresh event) when the carrier can carry the first exchange.
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
    Session* s = FindSession(m_clientSession);
    if (!s || s->state != CONNECTING || m_controlPlane->IsEstablishing(*s))
    {
        return;
    }
    s->peer = peer;
    m_controlPlane->Establish(*s);
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
    m_controlPlane->Receive(peer, message, kind);
}

VpnTunnelEndpoint::Session&
VpnTunnelEndpoint::NewSession(uint32_t peer)
{
    auto session = std::make_unique<Session>();
    session->id = m_nextSessionId++;
    session->peer = peer;
    session->control = m_controlPlane->NewSessionState();
    Session& s = *session;
    m_sessions[s.id] = std::move(session);
    return s;
}

VpnTunnelEndpoint::Session*
VpnTunnelEndpoint::FindSession(uint32_t id)
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : it->second.get();
}

void
VpnTunnelEndpoint::RetireSessionOf(Ipv4Address inner, uint32_t keep)
{
    auto old = m_byInner.find(inner);
    if (old == m_byInner.end() || old->second == keep)
    {
        return;
    }
    auto oldSession = m_sessions.find(old->second);
    if (oldSession != m_sessions.end())
    {
        Teardown(*oldSession->second);
        SetState(*oldSession->second, DOWN, "replaced");
        m_sessions.erase(oldSession);
    }
}

void
VpnTunnelEndpoint::BindInner(Session& s, Ipv4Address inner)
{
    s.inner = inner;
    m_byInner[inner] = s.id;
}

void
VpnTunnelEndpoint::Established(Session& s)
{
    m_reconnectAttempts = 0;
    SetState(s, UP, "established");
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
VpnTunnelEndpoint::Teardown(Session& s)
{
    m_controlPlane->Teardown(s);
    auto inner = m_byInner.find(s.inner);
    if (inner != m_byInner.end() && inner->second == s.id)
    {
        m_byInner.erase(inner);
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
    Session* s = FindSession(m_clientSession);
    if (!s)
    {
        Connect();
        return;
    }
    SetState(*s, CONNECTING, "reconnect");
    s->peer = m_carrier->Connect(m_headend);
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
        s = FindSession(m_clientSession);
    }
    else
    {
        Ipv4Header ip;
        packet->PeekHeader(ip);
        auto inner = m_byInner.find(ip.GetDestination());
        s = (inner == m_byInner.end()) ? nullptr : m_sessions.at(inner->second).get();
    }
    if (protocol != IPV4_ETHERTYPE || !s || s->state != UP || !m_controlPlane->CanSend(*s))
    {
        return false; // no SA: the inner stack sees a failed send, as with a down interface
    }
    m_innerTx++;
    m_innerTxTrace(packet);
    return m_controlPlane->Send(*s, packet);
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

void
VpnTunnelEndpoint::NotifyDpdProbe(uint32_t probe)
{
    ++m_dpdProbes;
    m_dpdTrace(probe);
}

} // namespace ns3
