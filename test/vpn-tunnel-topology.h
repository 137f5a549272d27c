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
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * The tunnel bed (TunnelBedHelper) with a carrier, endpoint streams from 10, and the handles the
 * tunnel and carrier suites use: client -- WAN (10 Mbps, 20 ms) -- headend -- LAN (100 Mbps,
 * 1 ms) -- server, or with a middle router on the WAN (for a firewall).
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
        VpnHelper vpn;
        std::string error;
        vpn.SetCarrier(carrier, error);
        if (configure)
        {
            configure(vpn);
        }
        TunnelBedHelper bed;
        bed.SetRouter(router);
        bed.Install(vpn);
        bed.AssignStreams(10);
        nodes = bed.GetNodes();
        wan = bed.GetWan();
        routerWan = bed.GetRouterWan();
        lan = bed.GetLan();
        client = bed.GetClient();
        headend = bed.GetHeadend();
        server = bed.GetServerAddress();
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
     * Send UDP from the client to the server (port 6001) through the tunnel, UdpClient's
     * default 1024-byte payload.
     * \param packets how many
     * \param interval between two
     * \param start when the first leaves
     */
    void UdpToServer(uint32_t packets, Time interval, Time start)
    {
        UdpClientHelper sender(server, 6001);
        sender.SetAttribute("MaxPackets", UintegerValue(packets));
        sender.SetAttribute("Interval", TimeValue(interval));
        sender.Install(nodes.Get(0)).Start(start);
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

/**
 * \ingroup vpn
 * Record the reason of every drop an object's "Drop" trace (packet, reason) reports: a carrier,
 * the cTCP shim.
 * \param object the object
 * \param reasons where to record
 */
inline void
RecordDropReasons(Ptr<Object> object, std::vector<std::string>* reasons)
{
    object->TraceConnectWithoutContext(
        "Drop",
        MakeBoundCallback(
            +[](std::vector<std::string>* v, Ptr<const Packet>, const std::string& why) {
                v->push_back(why);
            },
            reasons));
}

/**
 * \ingroup vpn
 * The wire-format tests' capture: a tunnel with a carrier, a pcap of the client's WAN device, and
 * 20 UDP datagrams from the client to the server, 50 ms apart from 1 s, for 3 s. The simulator
 * is destroyed (the pcap flushed and closed) before it returns.
 * \param carrier carrier name
 * \param pcap the pcap file
 */
inline void
CaptureClientWan(const std::string& carrier, const std::string& pcap)
{
    {
        TunnelTopology t(carrier);
        PointToPointHelper p2p;
        p2p.EnablePcap(pcap, t.wan.Get(0), false, true);
        t.UdpToServer(20, MilliSeconds(50), Seconds(1));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
    }
    Simulator::Destroy();
}

} // namespace ns3

#endif /* VPN_TUNNEL_TOPOLOGY_H */
