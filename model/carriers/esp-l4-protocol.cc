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
                            .SetParent<VpnL4Protocol>()
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
    VpnL4Protocol::DoDispose();
}

Ptr<EspL4Protocol>
EspL4Protocol::Get(Ptr<Node> node)
{
    Ptr<EspL4Protocol> esp = node->GetObject<EspL4Protocol>();
    if (!esp)
    {
        esp = CreateObject<EspL4Protocol>();
        esp->Wire(node)->Insert(esp);
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
    SendDown(packet, source, destination);
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

} // namespace ns3
