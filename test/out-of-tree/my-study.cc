/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A program of one's own against the installed vpn module (README, "Writing your own program";
 * CMakeLists.txt beside it is the five lines it takes). cTCP and NAT-T through an inspecting
 * firewall at 1 % loss, the same seed: which tunnels fail, and how much of the inner data arrives.
 *
 *   my-study [--loss=0.01] [--duration=60s] [--RngRun=1]
 */

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    double loss = 0.01;
    Time duration = Seconds(60);
    CommandLine cmd(__FILE__);
    cmd.AddValue("loss", "Mean packet loss on the Internet link", loss);
    cmd.AddValue("duration", "Simulated time", duration);
    cmd.Parse(argc, argv);

    for (const std::string transport : {"ctcp", "natt"})
    {
        Ptr<VpnScenario> scenario =
            CreateObjectWithAttributes<VpnScenario>("Transport",
                                                    StringValue(transport),
                                                    "Firewall",
                                                    StringValue("inspect"),
                                                    "LossModel",
                                                    StringValue("bernoulli"),
                                                    "Loss",
                                                    DoubleValue(loss),
                                                    "Duration",
                                                    TimeValue(duration));
        scenario->Run();
        const VpnScenarioMetrics& m = scenario->GetMetrics();
        std::cout << transport << " tunnel_failures=" << m.tunnelFailures
                  << " inner_rx_bytes=" << m.innerRxBytes << std::endl;
    }
    return 0;
}
