/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One run of the canonical scenario: VPN clients on a lossy Internet link, a stateful firewall,
 * a headend and a server. Prints exactly one JSON object on stdout (logs go to stderr).
 *
 *   ./vpnlab run vpn-scenario --transport=ctcp --firewall=inspect --loss=0.005 --duration=120
 *   ./vpnlab run vpn-scenario --transport=ctcp --firewall=inspect --bypass=1
 *   ./vpnlab run vpn-scenario --transport=natt --firewall=inspect --lossModel=ge --burst=3
 *   ./vpnlab run vpn-scenario --transport=ctcp --firewall=stateful --loss=0.01 \
 *       --ns3::CtcpCarrier::AckPolicy=in-order
 *
 * The flags are ns3::VpnScenario's attributes (--PrintAttributes=ns3::VpnScenario lists them
 * with their ranges), and any ns-3 attribute as --ns3::Type::Attribute=value. Every value is
 * checked before the simulation starts: a bad one prints one line on stderr naming the flag and
 * what is accepted, and the program exits with status 2. The JSON's "config" holds every flag's
 * effective value: given exactly those flags, the program runs the same run again.
 */

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    VpnCommandLine cmd(__FILE__, VpnScenario::GetTypeId());
    cmd.Usage("One run of the vpn module's canonical scenario (vpn " + compat::VpnVersion() +
              ", ns-" + compat::Ns3Release() + "); prints one JSON object on stdout.");
    cmd.Parse(argc, argv);

    Ptr<VpnScenario> scenario = CreateObject<VpnScenario>();
    std::string flag;
    std::string error;
    if (!VpnScenario::Validate(scenario->GetConfig(), flag, error))
    {
        // A rule across flags (each flag's own range was checked by Parse).
        std::cerr << "error: --" << flag << ": " << error << std::endl;
        return VpnCommandLine::BAD_INPUT_STATUS;
    }
    scenario->Run();
    for (const auto& warning : scenario->GetWarnings())
    {
        std::cerr << "warning: " << warning << std::endl;
    }
    std::cout << scenario->ToJson(cmd.GetOverrides()) << std::endl;
    return 0;
}
