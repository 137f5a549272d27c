/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-bed-helper.h"

#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FirewallBedHelper");

FirewallBedHelper::FirewallBedHelper()
    : m_dataRate("10Mbps"),
      m_delay("10ms"),
      m_clientNetwork("10.1.0.0"),
      m_serverNetwork("10.2.0.0")
{
}

void
FirewallBedHelper::SetLinks(const std::string& dataRate, const std::string& delay)
{
    m_dataRate = dataRate;
    m_delay = delay;
}

void
FirewallBedHelper::SetNetworks(Ipv4Address clientSide, Ipv4Address serverSide)
{
    m_clientNetwork = clientSide;
    m_serverNetwork = serverSide;
}

void
FirewallBedHelper::SetClientSideLoss(double rate, int64_t stream)
{
    NS_ASSERT_MSG(stream >= 0, "a loss model needs a fixed stream");
    m_lossRate = rate;
    m_lossStream = stream;
}

NodeContainer
FirewallBedHelper::Install()
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT_MSG(m_nodes.GetN() == 0, "Install() builds one bed");
    m_nodes.Create(3); // client, firewall, server
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(m_dataRate));
    p2p.SetChannelAttribute("Delay", StringValue(m_delay));
    m_clientSide = p2p.Install(m_nodes.Get(0), m_nodes.Get(1));
    m_serverSide = p2p.Install(m_nodes.Get(1), m_nodes.Get(2));

    InternetStackHelper internet;
    internet.Install(m_nodes);
    Ipv4AddressHelper addresses(m_clientNetwork, "255.255.255.0");
    m_clientSideIf = addresses.Assign(m_clientSide);
    addresses.SetBase(m_serverNetwork, "255.255.255.0");
    m_serverSideIf = addresses.Assign(m_serverSide);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (m_lossStream >= 0)
    {
        Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
        loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        loss->SetRate(m_lossRate);
        loss->AssignStreams(m_lossStream);
        m_clientSide.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    }
    return m_nodes;
}

NodeContainer
FirewallBedHelper::GetNodes() const
{
    return m_nodes;
}

Ptr<Node>
FirewallBedHelper::GetClient() const
{
    return m_nodes.Get(0);
}

Ptr<Node>
FirewallBedHelper::GetFirewall() const
{
    return m_nodes.Get(1);
}

Ptr<Node>
FirewallBedHelper::GetServer() const
{
    return m_nodes.Get(2);
}

NetDeviceContainer
FirewallBedHelper::GetClientSide() const
{
    return m_clientSide;
}

NetDeviceContainer
FirewallBedHelper::GetServerSide() const
{
    return m_serverSide;
}

Ipv4Address
FirewallBedHelper::GetClientAddress() const
{
    return m_clientSideIf.GetAddress(0);
}

Ipv4Address
FirewallBedHelper::GetServerAddress() const
{
    return m_serverSideIf.GetAddress(1);
}

} // namespace ns3
