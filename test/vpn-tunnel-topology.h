/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The end-to-end test topology shared by the tunnel and carrier suites.
 */

#ifndef VPN_TUNNEL_TOPOLOGY_H
#define VPN_TUNNEL_TOPOLOGY_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/udp-server.h"
#include "ns3/vpn-module.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * client -- WAN (10 Mbps, 20 ms) -- headend -- LAN (100 Mbps, 1 ms) -- server, or with a
 * middle router on the WAN (for a firewall): client -- 10 Mbps, 10 ms -- router -- 10 Mbps,
 * 10 ms -- headend (172.16.0.0/30 and 172.16.0.4/30, static routes). Inner subnet 10.8.0.0/24
 * (headend .1, client .2); the LAN 192.168.10.0/24 is routed through the client's tunnel; the
 * server's default route is the headend.
 */
struct TunnelTopology
{
    NodeContainer nodes;                //!< client, headend, server (and the router, if any)
    NetDeviceContainer wan;             //!< client, headend WAN devices
    NetDeviceContainer routerWan;       //!< the router's devices toward client and headend
    NetDeviceContainer lan;             //!< headend, server LAN devices
    Ptr<VpnTunnelEndpoint> client;      //!< the client endpoint
    Ptr<VpnTunnelEndpoint> headend;     //!< the headend endpoint
    Ipv4Address server{"192.168.10.2"}; //!< the server's address

    /**
     * Build it with a carrier.
     * \param carrier carrier name
     * \param configure optional extra tunnel configuration
     * \param router true to put a router (node 3) between client and headend
     */
    explicit TunnelTopology(const std::string& carrier,
                            const std::function<void(VpnHelper&)>& configure = nullptr,
                            bool router = false)
    {
        nodes.Create(router ? 4 : 3);
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        Ipv4AddressHelper addresses("172.16.0.0", "255.255.255.252");
        Ipv4InterfaceContainer wanIf;
        if (router)
        {
            p2p.SetChannelAttribute("Delay", StringValue("10ms"));
            NetDeviceContainer near = p2p.Install(nodes.Get(0), nodes.Get(3));
            NetDeviceContainer far = p2p.Install(nodes.Get(3), nodes.Get(1));
            wan.Add(near.Get(0));
            wan.Add(far.Get(1));
            routerWan.Add(near.Get(1));
            routerWan.Add(far.Get(0));
            Ipv4InterfaceContainer nearIf = addresses.Assign(near); // client .1, router .2
            addresses.NewNetwork();
            Ipv4InterfaceContainer farIf = addresses.Assign(far); // router .5, headend .6
            wanIf.Add(nearIf.Get(0));
            wanIf.Add(farIf.Get(1));
            Ipv4StaticRoutingHelper routing;
            Ptr<Ipv4> clientIp = nodes.Get(0)->GetObject<Ipv4>();
            routing.GetStaticRouting(clientIp)->SetDefaultRoute(
                nearIf.GetAddress(1),
                clientIp->GetInterfaceForDevice(near.Get(0)));
            Ptr<Ipv4> headendIp = nodes.Get(1)->GetObject<Ipv4>();
            routing.GetStaticRouting(headendIp)->AddNetworkRouteTo(
                "172.16.0.0",
                "255.255.255.252",
                farIf.GetAddress(0),
                headendIp->GetInterfaceForDevice(far.Get(1)));
        }
        else
        {
            p2p.SetChannelAttribute("Delay", StringValue("20ms"));
            wan = p2p.Install(nodes.Get(0), nodes.Get(1));
            wanIf = addresses.Assign(wan);
        }
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        lan = p2p.Install(nodes.Get(1), nodes.Get(2));
        addresses.SetBase("192.168.10.0", "255.255.255.0", "0.0.0.1");
        addresses.Assign(lan);

        VpnHelper vpn;
        std::string error;
        vpn.SetCarrier(carrier, error);
        if (configure)
        {
            configure(vpn);
        }
        headend = DynamicCast<VpnTunnelEndpoint>(
            vpn.InstallHeadend(nodes.Get(1), wanIf.GetAddress(1), "10.8.0.1", "255.255.255.0")
                .Get(0));
        client = DynamicCast<VpnTunnelEndpoint>(vpn.InstallClient(nodes.Get(0),
                                                                  wanIf.GetAddress(0),
                                                                  wanIf.GetAddress(1),
                                                                  "10.8.0.2",
                                                                  "255.255.255.0")
                                                    .Get(0));
        VpnHelper::AddRouteThroughTunnel(nodes.Get(0), "192.168.10.0", "255.255.255.0");
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())
            ->SetDefaultRoute("192.168.10.1", 1);
        ApplicationContainer endpoints(headend);
        endpoints.Add(client);
        VpnHelper::AssignStreams(endpoints, 10);
        headend->SetStartTime(Seconds(0.0));
        client->SetStartTime(Seconds(0.1));
    }

    /**
     * Send UDP from the server to the client's inner address (port 6001) through the tunnel.
     * \param packets how many
     * \param interval between two
     * \param start when the first leaves
     * \param size UDP payload bytes
     * \return the client's receiving UdpServer (GetReceived() counts what arrived)
     */
    Ptr<UdpServer> UdpToClient(uint32_t packets, Time interval, Time start, uint32_t size = 1024)
    {
        UdpServerHelper server(6001);
        Ptr<UdpServer> sink = DynamicCast<UdpServer>(server.Install(nodes.Get(0)).Get(0));
        UdpClientHelper sender(Ipv4Address("10.8.0.2"), 6001);
        sender.SetAttribute("MaxPackets", UintegerValue(packets));
        sender.SetAttribute("Interval", TimeValue(interval));
        sender.SetAttribute("PacketSize", UintegerValue(size));
        sender.Install(nodes.Get(2)).Start(start);
        return sink;
    }

    /**
     * Black-hole the WAN: every packet lost in both directions from one time to another.
     * \param from when the outage starts
     * \param to when it ends
     */
    void BlackHoleWan(Time from, Time to)
    {
        for (uint32_t i = 0; i < wan.GetN(); ++i)
        {
            Ptr<RateErrorModel> hole = CreateObject<RateErrorModel>();
            hole->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            hole->SetRate(1.0);
            hole->Disable();
            wan.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(hole));
            Simulator::Schedule(from, &ErrorModel::Enable, hole);
            Simulator::Schedule(to, &ErrorModel::Disable, hole);
        }
    }
};

} // namespace ns3

#endif /* VPN_TUNNEL_TOPOLOGY_H */
