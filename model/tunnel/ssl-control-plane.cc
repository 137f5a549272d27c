/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ssl-control-plane.h"

#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SslControlPlane");

NS_OBJECT_ENSURE_REGISTERED(SslControlPlane);

/// The SSL part of a session: whether the client's address exchange is under way.
struct SslControlPlane::Exchange : public VpnControlPlane::SessionState
{
    bool underWay{false}; //!< client: our address sent, the headend's not yet received
};

TypeId
SslControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SslControlPlane")
                            .SetParent<VpnControlPlane>()
                            .SetGroupName("Vpn")
                            .AddConstructor<SslControlPlane>();
    return tid;
}

SslControlPlane::SslControlPlane()
{
    NS_LOG_FUNCTION(this);
}

SslControlPlane::~SslControlPlane()
{
    NS_LOG_FUNCTION(this);
}

SslControlPlane::Exchange&
SslControlPlane::Of(VpnTunnelSession& s)
{
    return static_cast<Exchange&>(*s.control);
}

std::unique_ptr<VpnControlPlane::SessionState>
SslControlPlane::NewSessionState() const
{
    return std::make_unique<Exchange>();
}

uint16_t
SslControlPlane::ComputeInnerMtu(uint16_t outerMtu) const
{
    // No ESP: the carrier's records are all the overhead there is.
    const uint32_t overhead = Endpoint().m_carrier->GetDataOverhead();
    return outerMtu > overhead ? outerMtu - overhead : 0;
}

bool
SslControlPlane::IsEstablishing(const VpnTunnelSession& s) const
{
    return static_cast<const Exchange&>(*s.control).underWay;
}

void
SslControlPlane::Establish(VpnTunnelSession& s)
{
    m_byPeer[s.peer] = s.id;
    Of(s).underWay = true;
    SendAddress(s.peer);
}

void
SslControlPlane::Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (kind == VpnCarrier::CONTROL)
    {
        ReceiveAddress(peer, message);
        return;
    }
    auto found = m_byPeer.find(peer);
    VpnTunnelSession* s = found == m_byPeer.end() ? nullptr : endpoint.FindSession(found->second);
    if (!s || s->state != VpnTunnelEndpoint::UP)
    {
        endpoint.Drop(message, "no-session");
        return;
    }
    s->lastRx = Simulator::Now();
    endpoint.DeliverInner(message);
}

void
SslControlPlane::SendAddress(uint32_t peer)
{
    uint8_t bytes[4];
    Endpoint().m_innerAddress.Serialize(bytes);
    Endpoint().m_carrier->SendControl(peer, Create<Packet>(bytes, sizeof(bytes)), true);
}

void
SslControlPlane::ReceiveAddress(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (message->GetSize() != 4)
    {
        endpoint.Drop(message, "control-malformed");
        return;
    }
    uint8_t bytes[4];
    message->CopyData(bytes, sizeof(bytes));
    const Ipv4Address inner = Ipv4Address::Deserialize(bytes);
    if (endpoint.m_role == VpnTunnelEndpoint::HEADEND)
    {
        AcceptClient(peer, inner);
        return;
    }
    VpnTunnelSession* s = endpoint.FindSession(endpoint.m_clientSession);
    if (s && s->state == VpnTunnelEndpoint::CONNECTING && s->peer == peer)
    {
        Of(*s).underWay = false;
        s->lastRx = Simulator::Now();
        endpoint.Established(*s);
    }
}

void
SslControlPlane::AcceptClient(uint32_t peer, Ipv4Address inner)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    endpoint.RetireSessionOf(inner, 0);
    VpnTunnelSession& s = endpoint.NewSession(peer);
    s.lastRx = Simulator::Now();
    endpoint.BindInner(s, inner);
    m_byPeer[peer] = s.id;
    endpoint.SetState(s, VpnTunnelEndpoint::CONNECTING, "connect");
    SendAddress(peer);
    endpoint.Established(s);
}

bool
SslControlPlane::CanSend(const VpnTunnelSession& /* s */) const
{
    return true; // the carrier secures the data
}

bool
SslControlPlane::Send(VpnTunnelSession& s, Ptr<Packet> inner)
{
    return Endpoint().m_carrier->SendData(s.peer, inner);
}

void
SslControlPlane::Teardown(VpnTunnelSession& s)
{
    Of(s).underWay = false;
    auto byPeer = m_byPeer.find(s.peer);
    if (byPeer != m_byPeer.end() && byPeer->second == s.id)
    {
        m_byPeer.erase(byPeer);
    }
}

void
SslControlPlane::Clear()
{
    m_byPeer.clear();
}

Time
SslControlPlane::GetDeadPeerTime() const
{
    return Endpoint().GetCarrier()->GetDeadPeerTime();
}

} // namespace ns3
