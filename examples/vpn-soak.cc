/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A soak: many VPN clients through the inspecting firewall for a long simulated time, under
 * loss, failing and reconnecting; every interval a row of what must stay flat: the process's
 * memory, the firewall's table and held segments, the headend's sessions and the simulator's
 * pending events (through a CountingScheduler), with the failures and reconnects so far.
 *
 *   ./vpnlab soak                       (1,000 cTCP clients, one simulated hour, 1 % loss)
 *   ./vpnlab run vpn-soak --clients=10 --duration=600 --interval=60
 *
 * The rows go to --csv (stdout when empty); the summary (the row at --early and the last, and
 * the ratio of each figure) to stderr.
 */

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/**
 * Print one figure of two rows and their ratio.
 * \param os where
 * \param name the figure
 * \param early its value at the early row
 * \param late its value at the last row
 */
void
PrintFigure(std::ostream& os, const std::string& name, uint64_t early, uint64_t late)
{
    os << std::left << std::setw(22) << name << std::right << std::setw(14) << early
       << std::setw(14) << late << std::setw(10);
    if (early > 0)
    {
        std::ostringstream ratio;
        ratio << std::fixed << std::setprecision(3) << static_cast<double>(late) / early;
        os << ratio.str();
    }
    else
    {
        os << "-";
    }
    os << '\n';
}

} // namespace

int
main(int argc, char* argv[])
{
    VpnScenarioConfig config = VpnSoakMonitor::SoakConfig();
    double interval = 60;
    double early = 600;
    std::string csvPath;

    CommandLine cmd(__FILE__);
    cmd.Usage("A soak of the canonical scenario: clients that fail and reconnect under loss; "
              "prints a row of memory, firewall state and pending events every interval.");
    cmd.AddValue("transport",
                 "carrier of the clients (a VpnHelper carrier name)",
                 config.transport);
    cmd.AddValue("firewall", "firewall mode: stateful, inspect, proxy", config.firewall);
    cmd.AddValue("clients", "VPN clients", config.clients);
    cmd.AddValue("duration", "simulated seconds", config.duration);
    cmd.AddValue("loss", "packet loss on each Internet link (uplink)", config.loss);
    cmd.AddValue("rate", "CBR rate per client", config.rate);
    cmd.AddValue("interval", "seconds between rows", interval);
    cmd.AddValue("early", "the row the last is compared with, seconds", early);
    cmd.AddValue("csv", "where the rows go (empty: stdout)", csvPath);
    cmd.Parse(argc, argv);

    std::string flag;
    std::string error;
    if (!VpnScenario::Validate(config, flag, error))
    {
        std::cerr << "error: --" << flag << ": " << error << std::endl;
        return 2;
    }
    if (interval <= 0 || early <= 0 || early > config.duration)
    {
        std::cerr << "error: need 0 < --interval, 0 < --early <= --duration" << std::endl;
        return 2;
    }

    // Before anything is scheduled, so that the count holds every event.
    CountingScheduler::Install();

    std::ofstream csvFile;
    if (!csvPath.empty())
    {
        csvFile.open(csvPath);
        if (!csvFile)
        {
            std::cerr << "error: --csv: cannot write " << csvPath << std::endl;
            return 2;
        }
    }
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Build();
    Ptr<VpnSoakMonitor> monitor = CreateObject<VpnSoakMonitor>();
    monitor->Watch(scenario);
    monitor->Start(Seconds(interval),
                   Seconds(config.duration),
                   csvPath.empty() ? &std::cout : &csvFile);
    scenario->Run();

    const VpnSoakSample* first = monitor->GetSampleAt(Seconds(early));
    const auto& rows = monitor->GetSamples();
    if (!first || rows.empty())
    {
        std::cerr << "error: no row at --early=" << early << " s" << std::endl;
        return 1;
    }
    const VpnSoakSample& last = rows.back();
    std::ostream& os = std::cerr;
    os << "soak: " << config.clients << ' ' << config.transport << " clients, " << config.firewall
       << " firewall, loss " << config.loss << ", cbr " << config.rate << ", " << config.duration
       << " s simulated, " << std::fixed << std::setprecision(0)
       << scenario->GetMetrics().wallSeconds << " s wall" << std::defaultfloat << '\n';
    os << std::left << std::setw(22) << "figure" << std::right << std::setw(14)
       << ("t=" + std::to_string(static_cast<int>(first->time)) + "s") << std::setw(14)
       << ("t=" + std::to_string(static_cast<int>(last.time)) + "s") << std::setw(10) << "ratio"
       << '\n';
    PrintFigure(os, "peak_rss_kb", first->peakRssKb, last.peakRssKb);
    PrintFigure(os, "rss_kb", first->rssKb, last.rssKb);
    PrintFigure(os, "fw_table", first->tableSize, last.tableSize);
    PrintFigure(os, "fw_held", first->held, last.held);
    PrintFigure(os, "headend_sessions", first->sessions, last.sessions);
    PrintFigure(os, "pending_events", first->pendingEvents, last.pendingEvents);
    PrintFigure(os, "fw_drops", first->fwDrops, last.fwDrops);
    PrintFigure(os, "failures", first->failures, last.failures);
    PrintFigure(os, "reconnects", first->reconnects, last.reconnects);
    monitor->Dispose();
    Simulator::Destroy();
    return 0;
}
