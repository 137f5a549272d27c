/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-udp-carrier.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeUdpCarrier");

NS_OBJECT_ENSURE_REGISTERED(IkeUdpCarrier);

TypeId
IkeUdpCarrier::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeUdpCarrier")
                            .SetParent<VpnCarrier>()
                            .SetGroupName("Vpn")
                            .AddAttribute("IkePort",
                                          "UDP port of IKE (RFC 7296 section 2: 500).",
                                          UintegerValue(500),
                                          MakeUintegerAccessor(&IkeUdpCarrier::m_ikePort),
                                          MakeUintegerChecker<uint16_t>(1));
    return tid;
}

IkeUdpCarrier::IkeUdpCarrier()
    : m_ikePort(500),
      m_client(false),
      m_open(false)
{
    NS_LOG_FUNCTION(this);
}

IkeUdpCarrier::~IkeUdpCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
IkeUdpCarrier::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_ikeSocket = nullptr;
    m_byAddress.clear();
    VpnCarrier::DoDispose();
}

Ptr<Socket>
IkeUdpCarrier::OpenUdp(uint16_t port, Callback<void, Ptr<Socket>> reader)
{
    Ptr<Socket> socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    const int status = socket->Bind(InetSocketAddress(m_local, port));
    NS_ABORT_MSG_IF(status != 0,
                    "vpn carrier '" << GetName() << "': cannot bind UDP " << m_local << ":" << port
                                    << " on node " << m_node->GetId()
                                    << " (is another carrier using it?)");
    socket->SetRecvCallback(reader);
    return socket;
}

uint32_t
IkeUdpCarrier::Connect(Ipv4Address headend)
{
    NS_LOG_FUNCTION(this << headend);
    m_client = true;
    if (!m_open)
    {
        m_ikeSocket = OpenUdp(m_ikePort, MakeCallback(&IkeUdpCarrier::ReadIke, this));
        OpenData();
        m_open = true;
    }
    const uint32_t peer = LearnPeer(headend);
    NotifyPeerUp(peer);
    return peer;
}

void
IkeUdpCarrier::Listen()
{
    NS_LOG_FUNCTION(this);
    m_client = false;
    if (!m_open)
    {
        m_ikeSocket = OpenUdp(m_ikePort, MakeCallback(&IkeUdpCarrier::ReadIke, this));
        OpenData();
        m_open = true;
    }
}

bool
IkeUdpCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool /* initial */)
{
    NS_LOG_FUNCTION(this << peer << message);
    UdpPeer* p = FindPeer<UdpPeer>(peer);
    if (!p || !m_ikeSocket)
    {
        return false;
    }
    NotifySend(message, CONTROL);
    m_ikeSocket->SendTo(message, 0, InetSocketAddress(p->remote, m_ikePort));
    return true;
}

void
IkeUdpCarrier::Close(uint32_t peer)
{
    // UDP keeps no per-peer state worth tearing down; the handle stays valid for a reconnect.
    NS_LOG_FUNCTION(this << peer);
}

void
IkeUdpCarrier::Shutdown()
{
    NS_LOG_FUNCTION(this);
    if (m_ikeSocket)
    {
        m_ikeSocket->Close();
        m_ikeSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_ikeSocket = nullptr;
    }
    if (m_open)
    {
        CloseData();
    }
    m_open = false;
}

uint32_t
IkeUdpCarrier::LearnPeer(Ipv4Address address)
{
    auto it = m_byAddress.find(address);
    if (it != m_byAddress.end())
    {
        return it->second;
    }
    auto peer = std::make_unique<UdpPeer>();
    peer->remote = address;
    const uint32_t handle = AddPeer(std::move(peer));
    m_byAddress[address] = handle;
    return handle;
}

void
IkeUdpCarrier::ReadIke(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        NotifyReceive(LearnPeer(source), packet, CONTROL);
    }
}

} // namespace ns3
