/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tunnel-bed-helper.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TunnelBedHelper");

TunnelBedHelper::TunnelBedHelper() = default;

void
TunnelBedHelper::SetRouter(bool router)
{
    m_router = router;
}

ApplicationContainer
TunnelBedHelper::Install(const VpnHelper& vpn)
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT_MSG(m_nodes.GetN() == 0, "Install() builds one bed");
    m_nodes.Create(m_router ? 4 : 3); // client, headend, server (, router)
    InternetStackHelper internet;
    internet.Install(m_nodes);
    Ipv4AddressHelper addresses("172.16.0.0", "255.255.255.252");
    Ipv4InterfaceContainer wanIf;
    if (m_router)
    {
        InstallRoutedWan(addresses, wanIf);
    }
    else
    {
        PointToPointHelper wan;
        wan.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        wan.SetChannelAttribute("Delay", StringValue("20ms"));
        m_wan = wan.Install(m_nodes.Get(0), m_nodes.Get(1));
        wanIf = addresses.Assign(m_wan);
    }
    PointToPointHelper lan;
    lan.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    lan.SetChannelAttribute("Delay", StringValue("1ms"));
    m_lan = lan.Install(m_nodes.Get(1), m_nodes.Get(2));
    addresses.SetBase("192.168.10.0", "255.255.255.0", "0.0.0.1");
    m_server = addresses.Assign(m_lan).GetAddress(1);

    m_endpoints =
        vpn.InstallHeadend(m_nodes.Get(1), wanIf.GetAddress(1), "10.8.0.1", "255.255.255.0");
    m_endpoints.Add(vpn.InstallClient(m_nodes.Get(0),
                                      wanIf.GetAddress(0),
                                      wanIf.GetAddress(1),
                                      "10.8.0.2",
                                      "255.255.255.0"));
    VpnHelper::AddRouteThroughTunnel(m_nodes.Get(0), "192.168.10.0", "255.255.255.0");
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(m_nodes.Get(2)->GetObject<Ipv4>())->SetDefaultRoute("192.168.10.1", 1);
    m_endpoints.Get(0)->SetStartTime(Seconds(0.0));
    m_endpoints.Get(1)->SetStartTime(Seconds(0.1));
    return m_endpoints;
}

void
TunnelBedHelper::InstallRoutedWan(Ipv4AddressHelper& addresses, Ipv4InterfaceContainer& wanIf)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer near = p2p.Install(m_nodes.Get(0), m_nodes.Get(3));
    NetDeviceContainer far = p2p.Install(m_nodes.Get(3), m_nodes.Get(1));
    m_wan.Add(near.Get(0));
    m_wan.Add(far.Get(1));
    m_routerWan.Add(near.Get(1));
    m_routerWan.Add(far.Get(0));
    Ipv4InterfaceContainer nearIf = addresses.Assign(near); // client .1, router .2
    addresses.NewNetwork();
    Ipv4InterfaceContainer farIf = addresses.Assign(far); // router .5, headend .6
    wanIf.Add(nearIf.Get(0));
    wanIf.Add(farIf.Get(1));
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4> clientIp = m_nodes.Get(0)->GetObject<Ipv4>();
    routing.GetStaticRouting(clientIp)->SetDefaultRoute(
        nearIf.GetAddress(1),
        clientIp->GetInterfaceForDevice(near.Get(0)));
    Ptr<Ipv4> headendIp = m_nodes.Get(1)->GetObject<Ipv4>();
    routing.GetStaticRouting(headendIp)->AddNetworkRouteTo(
        "172.16.0.0",
        "255.255.255.252",
        farIf.GetAddress(0),
        headendIp->GetInterfaceForDevice(far.Get(1)));
}

int64_t
TunnelBedHelper::AssignStreams(int64_t stream)
{
    return VpnHelper::AssignStreams(m_endpoints, stream);
}

NodeContainer
TunnelBedHelper::GetNodes() const
{
    return m_nodes;
}

NetDeviceContainer
TunnelBedHelper::GetWan() const
{
    return m_wan;
}

NetDeviceContainer
TunnelBedHelper::GetRouterWan() const
{
    return m_routerWan;
}

NetDeviceContainer
TunnelBedHelper::GetLan() const
{
    return m_lan;
}

Ptr<VpnTunnelEndpoint>
TunnelBedHelper::GetClient() const
{
    return DynamicCast<VpnTunnelEndpoint>(m_endpoints.Get(1));
}

Ptr<VpnTunnelEndpoint>
TunnelBedHelper::GetHeadend() const
{
    return DynamicCast<VpnTunnelEndpoint>(m_endpoints.Get(0));
}

Ipv4Address
TunnelBedHelper::GetServerAddress() const
{
    return m_server;
}

} // namespace ns3
