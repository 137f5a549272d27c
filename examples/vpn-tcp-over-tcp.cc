/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TCP over TCP, measured: an inner TCP bulk transfer through an SSL VPN tunnel whose data rides
 * DTLS (UDP; anyconnect) or TLS (TCP; anyconnect-tls), and through RFC 9329 (tcp-encap) and NAT-T
 * (natt) for reference, over a WAN that loses packets at random:
 *
 *   the canonical scenario (VpnScenario), one client, no firewall: a 10 Mbps, 20 ms Internet
 *   link that loses packets at rate p in both directions
 *
 *   ./vpnlab run vpn-tcp-over-tcp --losses=0,0.01,0.03 --runs=3 --duration=30
 *
 * Prints one row per carrier and loss rate: the inner goodput (VpnScenario's inner_goodput_bps,
 * in Mbit/s) of each run (RngRun 1..runs) and their mean. When the outer transport is TCP, a lost
 * outer segment stalls every inner segment behind it until the outer TCP repairs it, and the
 * inner TCP's own timers and congestion control react to that delay as well (Titz 2001; Honda et
 * al. 2005). Whether that costs goodput against the UDP carriers is what this program measures;
 * doc/vpn.rst, "TCP over TCP", quotes and discusses its output.
 */

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string carriersText = "anyconnect,anyconnect-tls,tcp-encap,natt";
    std::string lossesText = "0,0.01,0.03";
    std::string runsText = "3";
    std::string durationText = "30";

    CommandLine cmd(__FILE__);
    cmd.AddValue("carriers", "comma-separated carrier names", carriersText);
    cmd.AddValue("losses", "comma-separated loss rates, each in [0, 0.5]", lossesText);
    cmd.AddValue("runs", "RngRun values 1..runs, in [1, 100]", runsText);
    cmd.AddValue("duration", "simulated seconds per run, in (2, 3600]", durationText);
    VpnCli::RejectUnknown(argc, argv, {"carriers", "losses", "runs", "duration"});
    cmd.Parse(argc, argv);

    const auto runs = static_cast<uint32_t>(VpnCli::Integer("runs", runsText, 1, 100));
    const double duration = VpnCli::Double("duration", durationText, 2.001, 3600);
    std::vector<double> losses;
    for (const auto& l : VpnCli::List("losses", lossesText))
    {
        losses.push_back(VpnCli::Double("losses", l, 0, 0.5));
    }
    const std::vector<std::string> carriers = VpnCli::List("carriers", carriersText);
    for (const auto& carrier : carriers)
    {
        VpnCli::Choice("carriers", carrier, VpnHelper::CarrierNames());
    }

    std::cout << std::left << std::setw(16) << "carrier" << std::setw(7) << "loss" << std::setw(10)
              << "mean"
              << "per run (inner goodput, Mbit/s)" << std::endl;
    for (const auto& carrier : carriers)
    {
        for (double loss : losses)
        {
            std::ostringstream each;
            double sum = 0;
            uint32_t failures = 0;
            for (uint32_t run = 1; run <= runs; ++run)
            {
                VpnScenarioConfig c;
                c.transport = carrier;
                c.firewall = "none";
                c.lossModel = "bernoulli";
                c.loss = loss;
                c.lossDirection = "both";
                c.duration = duration;
                RngSeedManager::SetRun(run);
                VpnScenario scenario(c);
                scenario.Run();
                const double goodput = scenario.GetMetrics().innerGoodputBps / 1e6;
                failures += scenario.GetMetrics().tunnelFailures;
                sum += goodput;
                each << std::fixed << std::setprecision(2) << goodput << " ";
            }
            std::ostringstream lossText;
            lossText << loss * 100 << "%";
            std::cout << std::left << std::setw(16) << carrier << std::setw(7) << lossText.str()
                      << std::setw(10) << std::fixed << std::setprecision(2) << sum / runs
                      << each.str() << (failures ? " (tunnel failures)" : "") << std::endl;
        }
    }
    return 0;
}
