/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An IPsec tunnel from a VPN client to a headend over a 10 Mbps, 20 ms WAN, and an inner TCP bulk
 * transfer from the client to a server behind the headend:
 *
 *   client --WAN 10 Mbps, 20 ms-- headend --LAN 100 Mbps, 1 ms-- server
 *   10.8.0.2 (tun)                10.8.0.1 (tun)                 192.168.10.2
 *
 *   ./vpnlab run vpn-tunnel --carrier=natt --bytes=5000000 --pcap=natt
 *
 * Prints one JSON object: the carrier, the tunnel's state and counters, the inner MTU, bytes
 * delivered and the completion time. --pcap=PREFIX writes PREFIX-wan.pcap from the client's WAN
 * device, which Wireshark reads as ESP, NAT-T or ISAKMP.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/virtual-net-device.h"
#include "ns3/vpn-module.h"

#include <iostream>
#include <nlohmann/json.hpp>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string carrier = "natt";
    std::string suite = "aes-cbc-hmac-sha1";
    std::string bytesText = "5000000";
    std::string durationText = "20";
    std::string pcap;

    std::string carriers;
    for (const auto& name : VpnHelper::CarrierNames())
    {
        carriers += (carriers.empty() ? "" : "|") + name;
    }

    CommandLine cmd(__FILE__);
    cmd.AddValue("carrier", carriers, carrier);
    cmd.AddValue("cipherSuite", "ESP profile: aes-cbc-hmac-sha1|aes-cbc-hmac-sha256|...", suite);
    cmd.AddValue("bytes", "inner bytes to send, in [1, 10^10]", bytesText);
    cmd.AddValue("duration", "simulated seconds, in (0, 3600]", durationText);
    cmd.AddValue("pcap", "write PREFIX-wan.pcap of the client's WAN device", pcap);
    cmd.Parse(argc, argv);

    VpnHelper vpn;
    std::string error;
    if (!vpn.SetCarrier(carrier, error))
    {
        VpnCli::Fail("carrier", carrier, error);
    }
    if (!vpn.SetTunnelAttributeFailSafe("CipherSuite", StringValue(suite), error))
    {
        VpnCli::Fail("cipherSuite", suite, error);
    }
    const auto bytes = static_cast<uint64_t>(VpnCli::Integer("bytes", bytesText, 1, 10000000000));
    const double duration = VpnCli::Double("duration", durationText, 1e-3, 3600);

    // Inner TCP segments sized to fit the tunnel's MTU (1422 for NAT-T with AES-CBC): 1422 - 20
    // (IPv4) - 20 (TCP) - 12 (timestamps) = 1370 would fit; 1300 leaves room for every carrier.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1300));

    // client --WAN-- headend --LAN-- server, the tunnel between client and headend.
    TunnelBedHelper bed;
    bed.Install(vpn);
    bed.AssignStreams(1);
    Ptr<VpnTunnelEndpoint> client = bed.GetClient();

    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bed.GetServerAddress(), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(bed.GetNodes().Get(0)).Start(Seconds(1));
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    Ptr<PacketSink> sink =
        DynamicCast<PacketSink>(sinkHelper.Install(bed.GetNodes().Get(2)).Get(0));
    Time done(-1);
    sink->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](std::pair<Time*, PacketSink*> ctx,
                uint64_t* want,
                Ptr<const Packet>,
                const Address&) {
                if (ctx.first->IsNegative() && ctx.second->GetTotalRx() >= *want)
                {
                    *ctx.first = Simulator::Now();
                }
            },
            std::make_pair(&done, PeekPointer(sink)), // raw: a Ptr here would keep the sink alive
            const_cast<uint64_t*>(&bytes)));

    if (!pcap.empty())
    {
        PointToPointHelper p2p;
        p2p.EnablePcap(pcap + "-wan.pcap", bed.GetWan().Get(0), false, true);
    }

    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    nlohmann::ordered_json j;
    j["carrier"] = carrier;
    j["cipher_suite"] = suite;
    j["state"] = VpnTunnelEndpoint::StateName(client->GetState());
    j["inner_mtu"] = client->GetTunDevice()->GetMtu();
    j["inner_tx_packets"] = client->GetInnerTxPackets();
    j["inner_rx_bytes"] = sink->GetTotalRx();
    j["completion_s"] = done.IsNegative()
                            ? nlohmann::ordered_json(nullptr)
                            : nlohmann::ordered_json((done - Seconds(1)).GetSeconds());
    j["drops"] = client->GetDropCount();
    std::cout << j.dump() << std::endl;
    Simulator::Destroy();
    return 0;
}
