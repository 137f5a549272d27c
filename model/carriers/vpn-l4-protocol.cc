/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-l4-protocol.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(VpnL4Protocol);

TypeId
VpnL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::VpnL4Protocol").SetParent<IpL4Protocol>().SetGroupName("Vpn");
    return tid;
}

VpnL4Protocol::VpnL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

VpnL4Protocol::~VpnL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
VpnL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

Ptr<Ipv4L3Protocol>
VpnL4Protocol::Wire(Ptr<Node> node)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(!ipv4,
                    GetInstanceTypeId().GetName()
                        << ": node " << node->GetId() << " has no IPv4 stack");
    node->AggregateObject(this);
    SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    return ipv4;
}

void
VpnL4Protocol::SendDown(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination)
{
    NS_LOG_FUNCTION(this << packet << source << destination);
    // No route given: Ipv4L3Protocol::Send looks one up for the destination.
    m_downTarget(packet, source, destination, static_cast<uint8_t>(GetProtocolNumber()), nullptr);
}

void
VpnL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
VpnL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
VpnL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
VpnL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
