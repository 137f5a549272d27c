/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A TCP bulk transfer over a 10 Mbps, 20 ms "Internet" link that loses packets: none, Bernoulli,
 * or Gilbert-Elliott bursts with the same mean. Bursty loss hurts TCP differently from the same
 * mean loss spread out; this is the loss the vpn module's scenarios put between a VPN client and
 * the firewall.
 *
 *   ./vpnlab run vpn-lossy-link --lossModel=ge --loss=0.01 --burst=3 --duration=20
 *
 * Prints one JSON object on stdout: the configured and measured loss, and the TCP goodput.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/vpn-module.h"

#include <iostream>
#include <nlohmann/json.hpp>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("VpnLossyLink");

int
main(int argc, char* argv[])
{
    std::string lossModel = "ge";
    std::string lossText = "0.01";
    std::string burstText = "3";
    std::string durationText = "20";

    CommandLine cmd(__FILE__);
    cmd.AddValue("lossModel", "none|bernoulli|ge", lossModel);
    cmd.AddValue("loss", "mean packet loss probability in [0, 1)", lossText);
    cmd.AddValue("burst", "mean loss-burst length in packets (ge only), >= 1", burstText);
    cmd.AddValue("duration", "seconds of bulk transfer, in (0, 3600]", durationText);
    cmd.Parse(argc, argv);

    VpnCli::Choice("lossModel", lossModel, {"none", "bernoulli", "ge"});
    const double loss = VpnCli::Double("loss", lossText, 0.0, 0.999999);
    const double burst = VpnCli::Double("burst", burstText, 1.0, 1e6);
    const double duration = VpnCli::Double("duration", durationText, 1e-3, 3600.0);

    // 1448-byte segments fill a 1500-byte MTU with timestamps; ns-3's default is 536.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("20ms"));
    NetDeviceContainer devices = p2p.Install(nodes);

    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    Ptr<ErrorModel> errorModel;
    Ptr<GilbertElliottErrorModel> ge;
    if (lossModel == "bernoulli")
    {
        Ptr<RateErrorModel> rate = CreateObject<RateErrorModel>();
        rate->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        rate->SetRate(loss);
        rate->AssignStreams(100);
        errorModel = rate;
    }
    else if (lossModel == "ge")
    {
        GilbertElliottErrorModel::Parameters params;
        std::string error;
        if (!GilbertElliottErrorModel::FromLossAndBurst(loss, burst, params, error))
        {
            VpnCli::Fail("burst", burstText, error);
        }
        ge = CreateObject<GilbertElliottErrorModel>();
        ge->SetParameters(params);
        ge->AssignStreams(100);
        errorModel = ge;
    }
    Ptr<NetDevice> receiver = devices.Get(1);
    if (errorModel)
    {
        receiver->SetAttribute("ReceiveErrorModel", PointerValue(errorModel));
    }

    // Count what the link offered, lost, and the runs of consecutive losses, from the traces.
    struct LinkCounts
    {
        uint64_t passed{0};   //!< packets received intact
        uint64_t lost{0};     //!< packets dropped by the error model
        uint64_t bursts{0};   //!< runs of consecutive drops
        bool lastLost{false}; //!< the previous packet was dropped
    } link;

    receiver->TraceConnectWithoutContext("PhyRxDrop",
                                         MakeBoundCallback(
                                             +[](LinkCounts* c, Ptr<const Packet>) {
                                                 c->bursts += c->lastLost ? 0 : 1;
                                                 c->lastLost = true;
                                                 ++c->lost;
                                             },
                                             &link));
    receiver->TraceConnectWithoutContext("PhyRxEnd",
                                         MakeBoundCallback(
                                             +[](LinkCounts* c, Ptr<const Packet>) {
                                                 c->lastLost = false;
                                                 ++c->passed;
                                             },
                                             &link));

    const uint16_t port = 5001;
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(interfaces.GetAddress(1), port));
    bulk.SetAttribute("MaxBytes", UintegerValue(0));
    ApplicationContainer source = bulk.Install(nodes.Get(0));
    source.Start(Seconds(0.1));
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sinkHelper.Install(nodes.Get(1));
    sinkApp.Start(Seconds(0.0));

    Simulator::Stop(Seconds(0.1 + duration));
    Simulator::Run();

    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
    const uint64_t received = sink->GetTotalRx();
    const uint64_t arrived = link.passed + link.lost; // PhyRxEnd fires only for intact packets
    nlohmann::ordered_json j;
    j["loss_model"] = lossModel;
    j["loss"] = lossModel == "none" ? 0.0 : loss;
    j["burst"] = lossModel == "ge" ? burst : 1.0;
    j["duration_s"] = duration;
    j["link_packets"] = arrived;
    j["link_lost"] = link.lost;
    j["measured_loss"] = arrived ? static_cast<double>(link.lost) / arrived : 0.0;
    j["measured_burst"] = link.bursts ? static_cast<double>(link.lost) / link.bursts : 0.0;
    j["goodput_bps"] = received * 8.0 / duration;
    std::cout << j.dump() << std::endl;
    Simulator::Destroy();
    return 0;
}
