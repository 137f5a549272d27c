/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One run of the canonical scenario: VPN clients on a lossy Internet link, a stateful firewall,
 * a headend and a server. Prints exactly one JSON object on stdout (logs go to stderr).
 *
 *   ./vpnlab run vpn-scenario --transport=ctcp --firewall=inspect --loss=0.005 --duration=120
 *   ./vpnlab run vpn-scenario --transport=ctcp --firewall=inspect --bypass=1
 *   ./vpnlab run vpn-scenario --transport=natt --firewall=inspect --lossModel=ge --burst=3
 *
 * Every flag is checked: a bad value prints one line on stderr naming the flag and what is
 * accepted, and the program exits with status 2.
 */

#include "ns3/core-module.h"
#include "ns3/vpn-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    VpnScenarioConfig c;
    std::string bypass = "0";
    std::string loss = "0.005";
    std::string burst = "1";
    std::string bytes = "0";
    std::string packetSize = "1000";
    std::string clients = "1";
    std::string duration = "120";
    std::string dpdInterval = "30";
    std::string dpdRetries = "3";
    std::string reconnect = "0";
    std::string internetDelay = "20";
    std::string segmentSize = "1200";
    std::string innerWindow = "0";
    std::string flows = "1";
    std::string outage = "0.5";
    std::string probeInterval = "0";

    CommandLine cmd(__FILE__);
    cmd.Usage("One run of the vpn module's canonical scenario (vpn " + compat::VpnVersion() +
              ", ns-" + compat::Ns3Release() + "); prints one JSON object on stdout.");
    cmd.AddValue("transport",
                 "none|esp|natt|cisco-udp|ctcp|tcp-encap|anyconnect|anyconnect-tls",
                 c.transport);
    cmd.AddValue("firewall", "none|stateful|inspect|proxy", c.firewall);
    cmd.AddValue("bypass", "0|1: a tcp-state-bypass class for the VPN flow", bypass);
    cmd.AddValue("lossModel", "none|bernoulli|ge|outage", c.lossModel);
    cmd.AddValue("loss", "mean packet loss on the Internet link, in [0, 1)", loss);
    cmd.AddValue("burst", "mean loss-burst length for ge, >= 1", burst);
    cmd.AddValue("outage",
                 "mean outage for outage, seconds in [0.001, 3600] (loss: fraction of time out)",
                 outage);
    cmd.AddValue("lossDirection", "up|down|both", c.lossDirection);
    cmd.AddValue("workload", "bulk|cbr|ping", c.workload);
    cmd.AddValue("bytes", "bulk: bytes per client, 0 = unlimited", bytes);
    cmd.AddValue("flows", "bulk: parallel inner TCP flows per client, in [1, 64]", flows);
    cmd.AddValue("probeInterval",
                 "bulk/cbr: an inner ping every this many seconds beside the workload (0: none)",
                 probeInterval);
    cmd.AddValue("tcpStack",
                 "ns3|linux: inner TCP at ns-3's defaults, or every TCP with Linux's timers",
                 c.tcpStack);
    cmd.AddValue("rate", "cbr: rate per client, e.g. 1Mbps", c.rate);
    cmd.AddValue("packetSize", "cbr payload / ping data bytes, in [12, 65000]", packetSize);
    cmd.AddValue("clients", "VPN clients, in [1, 5000]", clients);
    cmd.AddValue("duration", "simulated seconds, in (2, 1e6]", duration);
    cmd.AddValue("dpdInterval", "tunnel DPD idle interval, seconds (0 disables)", dpdInterval);
    cmd.AddValue("dpdRetries", "tunnel DPD retries, in [0, 100]", dpdRetries);
    cmd.AddValue("reconnect", "0|1: reconnect after a failure", reconnect);
    cmd.AddValue("accessRate", "Internet link rate, e.g. 10Mbps", c.accessRate);
    cmd.AddValue("coreRate", "firewall/headend/server link rate, e.g. 100Mbps", c.coreRate);
    cmd.AddValue("internetDelay", "Internet one-way delay, ms, in [0, 10000]", internetDelay);
    cmd.AddValue("segmentSize", "inner TCP segment size, bytes, in [100, 1400]", segmentSize);
    cmd.AddValue("innerWindow",
                 "inner TCP receive buffer, bytes (0: ns-3's 128 KiB; caps bulk at window/RTT)",
                 innerWindow);
    cmd.AddValue("pcap", "write PREFIX-internetI.pcap for each client's Internet link", c.pcap);
    VpnCli::RejectUnknown(
        argc,
        argv,
        {"transport",     "firewall",    "bypass",      "lossModel", "loss",       "burst",
         "lossDirection", "workload",    "bytes",       "rate",      "packetSize", "clients",
         "duration",      "dpdInterval", "dpdRetries",  "reconnect", "accessRate", "coreRate",
         "internetDelay", "segmentSize", "innerWindow", "pcap",      "flows",      "probeInterval",
         "tcpStack",      "outage"});
    cmd.Parse(argc, argv);

    c.bypass = VpnCli::Choice("bypass", bypass, {"0", "1"}) == "1";
    c.reconnect = VpnCli::Choice("reconnect", reconnect, {"0", "1"}) == "1";
    c.loss = VpnCli::Double("loss", loss, 0.0, 0.999999);
    c.burst = VpnCli::Double("burst", burst, 1.0, 1e6);
    c.outage = VpnCli::Double("outage", outage, 0.001, 3600);
    c.bytes = static_cast<uint64_t>(VpnCli::Integer("bytes", bytes, 0, 1000000000000LL));
    c.flows = static_cast<uint32_t>(VpnCli::Integer("flows", flows, 1, 64));
    c.probeInterval = VpnCli::Double("probeInterval", probeInterval, 0, 3600);
    c.packetSize = static_cast<uint32_t>(VpnCli::Integer("packetSize", packetSize, 12, 65000));
    c.clients = static_cast<uint32_t>(VpnCli::Integer("clients", clients, 1, 5000));
    c.duration = VpnCli::Double("duration", duration, 2.001, 1e6);
    c.dpdInterval = VpnCli::Double("dpdInterval", dpdInterval, 0, 86400);
    c.dpdRetries = static_cast<uint32_t>(VpnCli::Integer("dpdRetries", dpdRetries, 0, 100));
    c.internetDelayMs = VpnCli::Double("internetDelay", internetDelay, 0, 10000);
    c.segmentSize = static_cast<uint32_t>(VpnCli::Integer("segmentSize", segmentSize, 100, 1400));
    c.innerWindow = static_cast<uint32_t>(VpnCli::Integer("innerWindow", innerWindow, 0, 1 << 24));
    std::string flag;
    std::string error;
    if (!VpnScenario::Validate(c, flag, error))
    {
        std::string value;
        for (int i = 1; i < argc; ++i)
        {
            const std::string arg = argv[i];
            const std::string key = "--" + flag + "=";
            if (arg.rfind(key, 0) == 0)
            {
                value = arg.substr(key.size());
            }
        }
        VpnCli::Fail(flag, value, error);
    }

    VpnScenario scenario(c);
    scenario.Run();
    std::cout << scenario.ToJson(RngSeedManager::GetRun()) << std::endl;
    return 0;
}
