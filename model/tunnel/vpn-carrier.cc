/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-carrier.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnCarrier");

NS_OBJECT_ENSURE_REGISTERED(VpnCarrier);

TypeId
VpnCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VpnCarrier")
            .SetParent<Object>()
            .SetGroupName("Vpn")
            .AddTraceSource("Tx",
                            "A tunnel message handed to the carrier for sending.",
                            MakeTraceSourceAccessor(&VpnCarrier::m_txTrace),
                            "ns3::VpnCarrier::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A tunnel message received and handed to the tunnel.",
                            MakeTraceSourceAccessor(&VpnCarrier::m_rxTrace),
                            "ns3::VpnCarrier::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A received message the carrier dropped, with the reason.",
                            MakeTraceSourceAccessor(&VpnCarrier::m_dropTrace),
                            "ns3::VpnCarrier::DropTracedCallback");
    return tid;
}

VpnCarrier::VpnCarrier()
    : m_drops(0),
      m_nextPeer(1)
{
    NS_LOG_FUNCTION(this);
}

VpnCarrier::~VpnCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
VpnCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_node = nullptr;
    m_peers.clear();
    m_receive = MakeNullCallback<void, uint32_t, Ptr<Packet>, MessageKind>();
    m_peerUp = MakeNullCallback<void, uint32_t>();
    m_peerDown = MakeNullCallback<void, uint32_t>();
    Object::DoDispose();
}

void
VpnCarrier::Install(Ptr<Node> node, Ipv4Address localAddress)
{
    NS_LOG_FUNCTION(this << node << localAddress);
    m_node = node;
    m_local = localAddress;
    DoInstall();
}

void
VpnCarrier::DoInstall()
{
}

bool
VpnCarrier::CarriesEsp() const
{
    return true;
}

bool
VpnCarrier::KeepsPacketTags() const
{
    return true;
}

void
VpnCarrier::ConfirmPeer(uint32_t /* peer */)
{
}

VpnCarrier::IkeVersion
VpnCarrier::GetIkeVersion() const
{
    return IKEV2;
}

uint16_t
VpnCarrier::GetHeadendTcpPort() const
{
    return 0;
}

Time
VpnCarrier::GetDeadPeerTime() const
{
    return Time(0);
}

Ipv4Address
VpnCarrier::GetPeerAddress(uint32_t peer) const
{
    auto it = m_peers.find(peer);
    return it == m_peers.end() ? Ipv4Address() : it->second->remote;
}

uint32_t
VpnCarrier::AddPeer(std::unique_ptr<Peer> peer)
{
    const uint32_t handle = m_nextPeer++;
    m_peers.emplace(handle, std::move(peer));
    return handle;
}

std::unique_ptr<VpnCarrier::Peer>
VpnCarrier::RemovePeer(uint32_t peer)
{
    auto it = m_peers.find(peer);
    if (it == m_peers.end())
    {
        return nullptr;
    }
    std::unique_ptr<Peer> gone = std::move(it->second);
    m_peers.erase(it);
    return gone;
}

std::vector<uint32_t>
VpnCarrier::GetPeerHandles() const
{
    std::vector<uint32_t> handles;
    handles.reserve(m_peers.size());
    for (const auto& entry : m_peers)
    {
        handles.push_back(entry.first);
    }
    return handles;
}

uint32_t
VpnCarrier::GetPeerCount() const
{
    return m_peers.size();
}

int64_t
VpnCarrier::AssignStreams(int64_t /* stream */)
{
    return 0;
}

void
VpnCarrier::SetReceiveCallback(ReceiveCallback cb)
{
    m_receive = cb;
}

void
VpnCarrier::SetPeerUpCallback(PeerCallback cb)
{
    m_peerUp = cb;
}

void
VpnCarrier::SetPeerDownCallback(PeerCallback cb)
{
    m_peerDown = cb;
}

void
VpnCarrier::NotifyReceive(uint32_t peer, Ptr<Packet> message, MessageKind kind)
{
    NS_LOG_FUNCTION(this << peer << message << kind);
    m_rxTrace(message, kind);
    if (!m_receive.IsNull())
    {
        m_receive(peer, message, kind);
    }
}

void
VpnCarrier::NotifySend(Ptr<const Packet> message, MessageKind kind)
{
    m_txTrace(message, kind);
}

void
VpnCarrier::NotifyDrop(Ptr<const Packet> packet, const std::string& reason)
{
    NS_LOG_FUNCTION(this << packet << reason);
    ++m_drops;
    m_dropTrace(packet, reason);
}

void
VpnCarrier::NotifyPeerUp(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (!m_peerUp.IsNull())
    {
        // A fresh event: the tunnel may send from its callback without re-entering the carrier.
        PeerCallback cb = m_peerUp;
        Simulator::ScheduleNow([cb, peer]() { cb(peer); });
    }
}

void
VpnCarrier::NotifyPeerDown(uint32_t peer)
{
    NS_LOG_FUNCTION(this << peer);
    if (!m_peerDown.IsNull())
    {
        m_peerDown(peer);
    }
}

} // namespace ns3
