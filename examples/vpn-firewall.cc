/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A TCP bulk transfer (BulkSend) from a client through a stateful firewall to a server, with
 * packet loss on the client's side of the firewall. The firewall's policy class for the flow
 * takes the chosen action (inspect, stateful, bypass, proxy); the run prints the transfer's
 * outcome, then the firewall's counters as `show asp drop` prints them and its table as
 * `show conn` does.
 *
 *   client ---- 10 Mbps, 10 ms, loss ---- FW ---- 10 Mbps, 10 ms ---- server
 *
 *   ./vpnlab run vpn-firewall --action=inspect --loss=0.01 --bytes=5000000
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"
#include "ns3/vpn-module.h"

#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("VpnFirewall");

/**
 * Print one packet the firewall handled (--verbose).
 * \param what what happened \param p the packet \param ip its IP header
 */
void
ShowPacket(std::string what, Ptr<const Packet> p, const Ipv4Header& ip)
{
    TcpHeader tcp;
    p->PeekHeader(tcp);
    std::cout << Simulator::Now().As(Time::S) << ' ' << what << ' ' << ip.GetSource() << " > "
              << ip.GetDestination() << ' ' << tcp << '\n';
}

/**
 * Print one drop (--verbose).
 * \param p the packet \param ip its IP header \param reason the show asp drop keyword
 */
void
ShowDrop(Ptr<const Packet> p, const Ipv4Header& ip, const std::string& reason)
{
    ShowPacket("drop " + reason, p, ip);
}

int
main(int argc, char* argv[])
{
    std::string action = "inspect";
    std::string lossText = "0.01";
    std::string bytesText = "5000000";
    std::string durationText = "120";
    std::string queueLimitText = "0";
    std::string timeoutText = "4";
    uint32_t seed = 1;
    bool verbose = false;
    std::string pcap;

    CommandLine cmd(__FILE__);
    cmd.AddValue("action", "inspect|stateful|bypass|proxy", action);
    cmd.AddValue("loss", "packet loss on the client side, in [0, 1)", lossText);
    cmd.AddValue("bytes", "bytes to send, >= 1", bytesText);
    cmd.AddValue("duration", "seconds simulated at most, in (0, 36000]", durationText);
    cmd.AddValue("queueLimit", "the class's queue-limit, 0-250 (0: ASA default)", queueLimitText);
    cmd.AddValue("timeout", "the class's out-of-order timeout, 1-20 s", timeoutText);
    cmd.AddValue("seed", "RNG run number", seed);
    cmd.AddValue("pcap", "write pcaps of the firewall's devices with this prefix", pcap);
    cmd.AddValue("verbose", "print every drop, hold, release and dup ACK", verbose);
    cmd.Parse(argc, argv);

    const double loss = VpnCli::Double("loss", lossText, 0.0, 0.999999);
    const auto bytes = VpnCli::Integer("bytes", bytesText, 1, 1LL << 40);
    const double duration = VpnCli::Double("duration", durationText, 1e-3, 36000.0);

    // The policy is checked as a whole: a bad action, queue-limit or timeout ends the run with
    // one line naming it.
    const std::string spec = "name=bulk proto=tcp dport=9 action=" + action +
                             " queue-limit=" + queueLimitText + " timeout=" + timeoutText;
    FirewallHelper firewallHelper;
    std::string error;
    if (!firewallHelper.AddClass(spec, error))
    {
        std::cerr << "error: " << error << '\n';
        return VpnCli::BAD_INPUT_STATUS;
    }

    RngSeedManager::SetRun(seed);
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    // client ---- loss ---- FW ---- server, loss on the firewall's side of the client's link.
    FirewallBedHelper bed;
    bed.SetClientSideLoss(loss, 7);
    bed.Install();
    Ptr<StatefulFirewall> firewall = firewallHelper.Install(bed.GetFirewall());
    if (verbose)
    {
        firewall->TraceConnectWithoutContext("Drop", MakeCallback(&ShowDrop));
        for (std::string source : {"Hold", "Release", "DupAck"})
        {
            firewall->TraceConnectWithoutContext(source, MakeBoundCallback(&ShowPacket, source));
        }
    }

    if (!pcap.empty())
    {
        PointToPointHelper p2p;
        p2p.EnablePcap(pcap, bed.GetClientSide().Get(1));
        p2p.EnablePcap(pcap, bed.GetServerSide().Get(0));
    }

    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bed.GetServerAddress(), 9));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    ApplicationContainer source = bulk.Install(bed.GetClient());
    source.Start(Seconds(0.1));
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sinkHelper.Install(bed.GetServer());
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));

    Time done = Seconds(-1);
    Simulator::Stop(Seconds(duration));
    // Stop as soon as everything has arrived.
    std::function<void()> check;
    check = [&]() {
        if (sink->GetTotalRx() >= static_cast<uint64_t>(bytes))
        {
            done = Simulator::Now();
            Simulator::Stop(Seconds(1));
            return;
        }
        Simulator::Schedule(MilliSeconds(10), check);
    };
    Simulator::Schedule(Seconds(0.1), check);
    Simulator::Run();

    std::cout << "action " << action << ", loss " << loss << ": " << sink->GetTotalRx() << " of "
              << bytes << " bytes delivered";
    if (done.IsPositive())
    {
        std::cout << " in " << (done - Seconds(0.1)).GetSeconds() << " s";
    }
    std::cout << "\n";
    std::cout << "held " << firewall->GetHeldCount() << ", dup ACKs " << firewall->GetDupAcksSent()
              << ", drops " << firewall->GetTotalDrops() << "\n\n";
    std::cout << "show asp drop\n";
    firewall->PrintAspDrop(std::cout);
    std::cout << "\nshow conn\n";
    firewall->PrintConn(std::cout);
    Simulator::Destroy();
    return 0;
}
