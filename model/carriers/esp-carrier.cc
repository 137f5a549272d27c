/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-carrier.h"

#include "esp-l4-protocol.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspCarrier");

NS_OBJECT_ENSURE_REGISTERED(EspCarrier);

TypeId
EspCarrier::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EspCarrier")
                            .SetParent<IkeUdpCarrier>()
                            .SetGroupName("Vpn")
                            .AddConstructor<EspCarrier>();
    return tid;
}

EspCarrier::EspCarrier()
{
    NS_LOG_FUNCTION(this);
}

EspCarrier::~EspCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
EspCarrier::DoDispose()
{
    m_esp = nullptr;
    IkeUdpCarrier::DoDispose();
}

std::string
EspCarrier::GetName() const
{
    return "esp";
}

void
EspCarrier::OpenData()
{
    NS_LOG_FUNCTION(this);
    m_esp = EspL4Protocol::Get(m_node);
    m_esp->Register(m_local, MakeCallback(&EspCarrier::ReceiveEsp, this));
}

void
EspCarrier::CloseData()
{
    NS_LOG_FUNCTION(this);
    if (m_esp)
    {
        m_esp->Unregister(m_local);
    }
}

bool
EspCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    UdpPeer* p = FindPeer<UdpPeer>(peer);
    if (!p || !m_esp)
    {
        return false;
    }
    NotifySend(message, DATA);
    m_esp->Send(message, m_local, p->remote);
    return true;
}

uint32_t
EspCarrier::GetDataOverhead() const
{
    return 20; // outer IPv4 header, no options
}

void
EspCarrier::ReceiveEsp(Ptr<Packet> packet, Ipv4Address source)
{
    NS_LOG_FUNCTION(this << packet << source);
    NotifyReceive(LearnPeer(source), packet, DATA);
}

} // namespace ns3
