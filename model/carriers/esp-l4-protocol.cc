/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-l4-protocol.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(EspL4Protocol);

TypeId
EspL4Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspL4Protocol")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Vpn")
                            .AddConstructor<EspL4Protocol>();
    return tid;
}

EspL4Protocol::EspL4Protocol()
    : m_unclaimed(0)
{
    NS_LOG_FUNCTION(this);
}

EspL4Protocol::~EspL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
EspL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_receivers.clear();
    m_downTarget = IpL4Protocol::DownTargetCallback();
    m_downTarget6 = IpL4Protocol::DownTargetCallback6();
    IpL4Protocol::DoDispose();
}

Ptr<EspL4Protocol>
EspL4Protocol::Get(Ptr<Node> node)
{
    Ptr<EspL4Protocol> esp = node->GetObject<EspL4Protocol>();
    if (!esp)
    {
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        NS_ABORT_MSG_IF(!ipv4, "EspL4Protocol: node " << node->GetId() << " has no IPv4 stack");
        esp = CreateObject<EspL4Protocol>();
        node->AggregateObject(esp);
        ipv4->Insert(esp);
        // Insert() does not wire the way down; ns-3's own L4s do it when aggregated.
        esp->SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    }
    return esp;
}

void
EspL4Protocol::Register(Ipv4Address local, ReceiveCallback cb)
{
    NS_LOG_FUNCTION(this << local);
    m_receivers[local] = cb;
}

void
EspL4Protocol::Unregister(Ipv4Address local)
{
    NS_LOG_FUNCTION(this << local);
    m_receivers.erase(local);
}

void
EspL4Protocol::Send(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination)
{
    NS_LOG_FUNCTION(this << packet << source << destination);
    // No route given: Ipv4L3Protocol::Send looks one up for the destination.
    m_downTarget(packet, source, destination, PROT_NUMBER, nullptr);
}

uint64_t
EspL4Protocol::GetUnclaimedCount() const
{
    return m_unclaimed;
}

int
EspL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> /* iface */)
{
    NS_LOG_FUNCTION(this << p << header.GetSource() << header.GetDestination());
    auto it = m_receivers.find(header.GetDestination());
    if (it == m_receivers.end())
    {
        ++m_unclaimed;
        return IpL4Protocol::RX_OK;
    }
    it->second(p, header.GetSource());
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
EspL4Protocol::Receive(Ptr<Packet> p,
                       const Ipv6Header& /* header */,
                       Ptr<Ipv6Interface> /* iface */)
{
    NS_LOG_FUNCTION(this << p);
    ++m_unclaimed;
    return IpL4Protocol::RX_ENDPOINT_UNREACH;
}

void
EspL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
EspL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
EspL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
EspL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
