/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TCP over TCP, measured: inner TCP bulk transfers through an SSL VPN tunnel whose data rides
 * DTLS (UDP; anyconnect) or TLS (TCP; anyconnect-tls), and through RFC 9329 (tcp-encap) and NAT-T
 * (natt) for reference, over a WAN that loses packets at random:
 *
 *   the canonical scenario (VpnScenario), one client, no firewall: a 10 Mbps, 20 ms Internet
 *   link that loses packets at rate p in both directions; the client runs `flows` inner
 *   BulkSend flows at once (a user's browser, sync and mail, say)
 *
 *   ./vpnlab run vpn-tcp-over-tcp --losses=0,0.01,0.03 --flows=1,4 --runs=5 --duration=60
 *
 * Every TCP in the run, inner and outer, client and headend, uses one stack: the VPN client is
 * one host, so its inner connections and its carrier connection share the operating system's
 * timers. The defaults are Linux's (TCP_RTO_MIN 200 ms, TCP_ATO_MIN 40 ms delayed-ACK timeout,
 * include/net/tcp.h); --minRtoMs and --delAckMs change them.
 *
 * Prints one row per carrier, loss and flow count: the inner goodput (VpnScenario's
 * inner_goodput_bps, all flows together, Mbit/s) of each run (RngRun 1..runs), their mean and a
 * 95 % Student-t interval, and the median RTT that an inner ping every 200 ms beside the bulk
 * flows meets (rtt_median_ms, the mean over runs): the latency interactive traffic sees. Then,
 * for each loss and flow count, TLS-only against DTLS: the ratio of the mean goodputs, whether
 * TLS-only's interval lies wholly below DTLS's ("below"), wholly above ("above") or overlaps it
 * ("level"), and both RTTs. doc/vpn.rst, "TCP over TCP", quotes and discusses it.
 */

#include "../tools/vpn-sweep/vpn-sweep-stats.h"

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string carriersText = "anyconnect,anyconnect-tls,tcp-encap,natt";
    std::string lossesText = "0,0.01,0.03";
    std::string flowsText = "1,4";
    std::string runsText = "5";
    std::string durationText = "60";
    std::string minRtoText = "200";
    std::string delAckText = "40";

    CommandLine cmd(__FILE__);
    cmd.AddValue("carriers", "comma-separated carrier names", carriersText);
    cmd.AddValue("losses", "comma-separated loss rates, each in [0, 0.5]", lossesText);
    cmd.AddValue("flows", "comma-separated inner flow counts, each in [1, 64]", flowsText);
    cmd.AddValue("runs", "RngRun values 1..runs, in [1, 100]", runsText);
    cmd.AddValue("duration", "simulated seconds per run, in (2, 3600]", durationText);
    cmd.AddValue("minRtoMs", "minimum RTO of every TCP, ms, in [1, 10000]", minRtoText);
    cmd.AddValue("delAckMs", "delayed-ACK timeout of every TCP, ms, in [1, 1000]", delAckText);
    VpnCli::RejectUnknown(
        argc,
        argv,
        {"carriers", "losses", "flows", "runs", "duration", "minRtoMs", "delAckMs"});
    cmd.Parse(argc, argv);

    const auto runs = static_cast<uint32_t>(VpnCli::Integer("runs", runsText, 1, 100));
    const double duration = VpnCli::Double("duration", durationText, 2.001, 3600);
    const Time minRto = MilliSeconds(VpnCli::Integer("minRtoMs", minRtoText, 1, 10000));
    const Time delAck = MilliSeconds(VpnCli::Integer("delAckMs", delAckText, 1, 1000));
    std::vector<double> losses;
    for (const auto& l : VpnCli::List("losses", lossesText))
    {
        losses.push_back(VpnCli::Double("losses", l, 0, 0.5));
    }
    std::vector<uint32_t> flowCounts;
    for (const auto& f : VpnCli::List("flows", flowsText))
    {
        flowCounts.push_back(static_cast<uint32_t>(VpnCli::Integer("flows", f, 1, 64)));
    }
    const std::vector<std::string> carriers = VpnCli::List("carriers", carriersText);
    for (const auto& carrier : carriers)
    {
        VpnCli::Choice("carriers", carrier, VpnHelper::CarrierNames());
    }

    // One stack for every TCP socket, inner and outer (tcpStack stays "ns3": these are the
    // timers, whatever values the flags gave).
    VpnScenario::SetHostTcpTimers(minRto, delAck);

    std::cout << "every TCP: minimum RTO " << minRto.GetMilliSeconds() << " ms, delayed ACK "
              << delAck.GetMilliSeconds() << " ms; " << runs << " runs of " << duration
              << " s; inner goodput of all flows, Mbit/s" << std::endl;
    std::cout << std::left << std::setw(16) << "carrier" << std::setw(7) << "loss" << std::setw(7)
              << "flows" << std::setw(8) << "mean" << std::setw(16) << "95% interval"
              << std::setw(8) << "rtt ms"
              << "per run" << std::endl;

    // (carrier, loss, flows) -> interval
    /// What one row measured.
    struct Row
    {
        VpnInterval goodput; //!< Mbit/s, 95 % interval
        double rttMs;        //!< mean over runs of the probe's median RTT
    };

    std::map<std::tuple<std::string, double, uint32_t>, Row> rows; // (carrier, loss, flows)
    for (const auto& carrier : carriers)
    {
        for (double loss : losses)
        {
            for (uint32_t flows : flowCounts)
            {
                std::ostringstream each;
                std::vector<double> sample;
                double rttSum = 0;
                uint32_t failures = 0;
                for (uint32_t run = 1; run <= runs; ++run)
                {
                    VpnScenarioConfig c;
                    c.transport = carrier;
                    c.firewall = "none";
                    c.lossModel = "bernoulli";
                    c.loss = loss;
                    c.lossDirection = "both";
                    c.flows = flows;
                    c.probeInterval = 0.2;
                    c.duration = duration;
                    RngSeedManager::SetRun(run);
                    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(c);
                    scenario->Run();
                    const double goodput = scenario->GetMetrics().innerGoodputBps / 1e6;
                    failures += scenario->GetMetrics().tunnelFailures;
                    rttSum += scenario->GetMetrics().rttMedianMs;
                    sample.push_back(goodput);
                    each << std::fixed << std::setprecision(2) << goodput << " ";
                }
                const VpnInterval ci = VpnSweepStats::StudentMean(sample);
                rows[{carrier, loss, flows}] = Row{ci, rttSum / runs};
                std::ostringstream lossText;
                lossText << loss * 100 << "%";
                std::ostringstream ciText;
                ciText << std::fixed << std::setprecision(2);
                if (runs > 1)
                {
                    ciText << "[" << ci.lo << ", " << ci.hi << "]";
                }
                else
                {
                    ciText << "-";
                }
                std::cout << std::left << std::setw(16) << carrier << std::setw(7) << lossText.str()
                          << std::setw(7) << flows << std::setw(8) << std::fixed
                          << std::setprecision(2) << ci.mean << std::setw(16) << ciText.str()
                          << std::setw(8) << std::setprecision(0) << rttSum / runs << each.str()
                          << (failures ? " (tunnel failures)" : "") << std::endl;
            }
        }
    }

    const std::string dtls = "anyconnect";
    const std::string tls = "anyconnect-tls";
    if (rows.count({dtls, losses.front(), flowCounts.front()}) &&
        rows.count({tls, losses.front(), flowCounts.front()}))
    {
        std::cout << std::endl
                  << std::left << std::setw(7) << "loss" << std::setw(7) << "flows" << std::setw(8)
                  << "DTLS" << std::setw(10) << "TLS-only" << std::setw(8) << "ratio"
                  << std::setw(10) << "verdict" << std::setw(14) << "rtt ms DTLS"
                  << "rtt ms TLS-only" << std::endl;
        for (double loss : losses)
        {
            for (uint32_t flows : flowCounts)
            {
                const VpnInterval& d = rows[{dtls, loss, flows}].goodput;
                const VpnInterval& t = rows[{tls, loss, flows}].goodput;
                std::string verdict = "level";
                if (runs > 1 && t.hi < d.lo)
                {
                    verdict = "below";
                }
                else if (runs > 1 && t.lo > d.hi)
                {
                    verdict = "above";
                }
                std::ostringstream lossText;
                lossText << loss * 100 << "%";
                std::cout << std::left << std::setw(7) << lossText.str() << std::setw(7) << flows
                          << std::fixed << std::setprecision(2) << std::setw(8) << d.mean
                          << std::setw(10) << t.mean << std::setw(8)
                          << (d.mean > 0 ? t.mean / d.mean : 0.0) << std::setw(10) << verdict
                          << std::setw(14) << std::setprecision(0)
                          << rows[{dtls, loss, flows}].rttMs << rows[{tls, loss, flows}].rttMs
                          << std::endl;
            }
        }
    }
    return 0;
}
