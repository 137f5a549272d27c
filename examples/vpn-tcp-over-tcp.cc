/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TCP over TCP, measured: an inner TCP bulk transfer through an SSL VPN tunnel whose data rides
 * DTLS (UDP; anyconnect) or TLS (TCP; anyconnect-tls), and through RFC 9329 (tcp-encap) and NAT-T
 * (natt) for reference, over a WAN that loses packets at random:
 *
 *   client --WAN 10 Mbps, 20 ms, loss p both ways-- headend --LAN 100 Mbps, 1 ms-- server
 *
 *   ./vpnlab run vpn-tcp-over-tcp --losses=0,0.01,0.03 --runs=3 --duration=30
 *
 * Prints one row per carrier and loss rate: the inner goodput (bytes delivered to the server
 * from 1 s to the end, in Mbit/s) of each run (RngRun 1..runs) and their mean. When the outer
 * transport is TCP, a lost outer segment stalls every inner segment behind it until the outer
 * TCP repairs it, and the inner TCP's own timers and congestion control react to that delay as
 * well (Titz 2001; Honda et al. 2005): goodput falls below the UDP carriers'.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/vpn-module.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/**
 * Split a comma-separated list.
 * \param text the list
 * \return the items
 */
std::vector<std::string>
Split(const std::string& text)
{
    std::vector<std::string> items;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        items.push_back(item);
    }
    return items;
}

/**
 * One run.
 * \param carrier the carrier name
 * \param loss packet loss rate on the WAN, each direction
 * \param run the RngRun
 * \param duration simulated seconds
 * \param[out] up whether the tunnel was Up at the end
 * \return inner goodput in Mbit/s
 */
double
RunOnce(const std::string& carrier, double loss, uint32_t run, double duration, bool& up)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1300));

    NodeContainer nodes;
    nodes.Create(3); // client, headend, server
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("20ms"));
    NetDeviceContainer wan = p2p.Install(nodes.Get(0), nodes.Get(1));
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer lan = p2p.Install(nodes.Get(1), nodes.Get(2));
    Ipv4AddressHelper addresses("172.16.0.0", "255.255.255.252");
    Ipv4InterfaceContainer wanIf = addresses.Assign(wan);
    addresses.SetBase("192.168.10.0", "255.255.255.0", "0.0.0.1");
    Ipv4InterfaceContainer lanIf = addresses.Assign(lan);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        em->SetRate(loss);
        em->AssignStreams(1000 + i);
        wan.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    VpnHelper vpn;
    std::string error;
    if (!vpn.SetCarrier(carrier, error))
    {
        VpnCli::Fail("carriers", carrier, error);
    }
    ApplicationContainer endpoints =
        vpn.InstallHeadend(nodes.Get(1), wanIf.GetAddress(1), "10.8.0.1", "255.255.255.0");
    endpoints.Add(vpn.InstallClient(nodes.Get(0),
                                    wanIf.GetAddress(0),
                                    wanIf.GetAddress(1),
                                    "10.8.0.2",
                                    "255.255.255.0"));
    endpoints.Get(1)->SetStartTime(Seconds(0.1));
    VpnHelper::AssignStreams(endpoints, 1);
    VpnHelper::AddRouteThroughTunnel(nodes.Get(0), "192.168.10.0", "255.255.255.0");
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(nodes.Get(2)->GetObject<Ipv4>())->SetDefaultRoute("192.168.10.1", 1);

    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(lanIf.GetAddress(1), 5001));
    bulk.Install(nodes.Get(0)).Start(Seconds(1));
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(nodes.Get(2)).Get(0));

    Simulator::Stop(Seconds(duration));
    Simulator::Run();
    up = DynamicCast<VpnTunnelEndpoint>(endpoints.Get(1))->GetState() == VpnTunnelEndpoint::UP;
    const double goodput = sink->GetTotalRx() * 8.0 / (duration - 1) / 1e6;
    Simulator::Destroy();
    return goodput;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string carriersText = "anyconnect,anyconnect-tls,tcp-encap,natt";
    std::string lossesText = "0,0.01,0.03";
    std::string runsText = "3";
    std::string durationText = "30";

    CommandLine cmd(__FILE__);
    cmd.AddValue("carriers", "comma-separated carrier names", carriersText);
    cmd.AddValue("losses", "comma-separated WAN loss rates in [0, 0.5]", lossesText);
    cmd.AddValue("runs", "RngRun values 1..runs, in [1, 100]", runsText);
    cmd.AddValue("duration", "simulated seconds per run, in (1, 3600]", durationText);
    cmd.Parse(argc, argv);

    const auto runs = static_cast<uint32_t>(VpnCli::Integer("runs", runsText, 1, 100));
    const double duration = VpnCli::Double("duration", durationText, 1.001, 3600);
    std::vector<double> losses;
    for (const auto& l : Split(lossesText))
    {
        losses.push_back(VpnCli::Double("losses", l, 0, 0.5));
    }

    std::cout << std::left << std::setw(16) << "carrier" << std::setw(7) << "loss" << std::setw(10)
              << "mean"
              << "per run (inner goodput, Mbit/s)" << std::endl;
    for (const auto& carrier : Split(carriersText))
    {
        for (double loss : losses)
        {
            std::ostringstream each;
            double sum = 0;
            bool allUp = true;
            for (uint32_t run = 1; run <= runs; ++run)
            {
                bool up = false;
                const double goodput = RunOnce(carrier, loss, run, duration, up);
                allUp = allUp && up;
                sum += goodput;
                each << std::fixed << std::setprecision(2) << goodput << " ";
            }
            std::ostringstream lossText;
            lossText << loss * 100 << "%";
            std::cout << std::left << std::setw(16) << carrier << std::setw(7) << lossText.str()
                      << std::setw(10) << std::fixed << std::setprecision(2) << sum / runs
                      << each.str() << (allUp ? "" : " (tunnel not Up at the end)") << std::endl;
        }
    }
    return 0;
}
