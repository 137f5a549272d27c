/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-grid.h"

#include "vpn-cli.h"
#include "vpn-helper.h"
#include "vpn-scenario.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sys/stat.h>

namespace ns3
{

namespace
{

/**
 * \param value a number
 * \return its shortest exact-enough text (%.10g, as the scenario's JSON prints it)
 */
std::string
Num(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.10g", value);
    return buffer;
}

/**
 * \param text a string
 * \return its FNV-1a 64-bit hash, 16 hex digits (stable on every platform)
 */
std::string
KeyHash(const std::string& text)
{
    uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : text)
    {
        h = (h ^ c) * 1099511628211ULL;
    }
    char buffer[20];
    std::snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(h));
    return buffer;
}

} // namespace

std::string
VpnSweepOptions::Get(const std::string& flag, const std::string& fallback) const
{
    auto it = values.find(flag);
    return it == values.end() ? fallback : it->second;
}

const std::vector<std::string>&
VpnSweepGrid::PassThroughFlags()
{
    static const std::vector<std::string> flags = {"workload",
                                                   "bytes",
                                                   "rate",
                                                   "packetSize",
                                                   "lossDirection",
                                                   "accessRate",
                                                   "internetDelay",
                                                   "dpdInterval",
                                                   "dpdRetries",
                                                   "reconnect",
                                                   "segmentSize",
                                                   "innerWindow",
                                                   "flows",
                                                   "probeInterval",
                                                   "tcpStack",
                                                   "outage"};
    return flags;
}

void
VpnSweepGrid::Usage(std::ostream& os)
{
    os << "usage: vpn-sweep [flags]   (lists are comma-separated)\n"
          "  grid:\n"
          "    --transports=LIST   carriers (and none); default: every carrier built in\n"
          "    --firewalls=LIST    none|stateful|inspect|proxy; default inspect\n"
          "    --bypass=LIST       0|1 (tcp-state-bypass for the VPN flow); default 0\n"
          "    --losses=LIST       loss rates in [0, 1); default 0,0.002,0.005,0.01\n"
          "    --lossModels=LIST   none|bernoulli|ge|outage; default bernoulli\n"
          "    --bursts=LIST       mean burst lengths >= 1 (ge only; others use 1); default 1\n"
          "    --clients=LIST      clients per run, in [1, 5000]; default 1\n"
          "  runs:\n"
          "    --runs=R            runs per configuration, RngRun 1..R; default 10\n"
          "    --duration=S        simulated seconds per run, in (2, 1e6]; default 60\n"
          "    --jobs=N            runs at a time; default: number of cores\n"
          "    --out=DIR           output folder; default sweep-out\n"
          "    --scenario=PATH     the vpn-scenario program; default: next to vpn-sweep\n"
          "  held fixed for every run (vpn-scenario's flags of the same name):\n"
          "    --workload --bytes --rate --packetSize --lossDirection --accessRate\n"
          "    --internetDelay --dpdInterval --dpdRetries --reconnect --segmentSize\n"
          "    --innerWindow --flows --probeInterval --tcpStack --outage\n"
          "  beyond one machine:\n"
          "    --emit-jobs         print one shell command per missing run, then exit\n"
          "    --emit-slurm=FILE   write FILE (sbatch array script) and FILE.jobs, then exit\n"
          "    --collect DIR...    merge result files found under the DIRs into --out\n";
}

std::vector<std::string>
VpnSweepGrid::Flags()
{
    std::vector<std::string> flags = {"transports",
                                      "firewalls",
                                      "bypass",
                                      "losses",
                                      "lossModels",
                                      "bursts",
                                      "clients",
                                      "runs",
                                      "duration",
                                      "jobs",
                                      "out",
                                      "scenario",
                                      "emit-jobs",
                                      "emit-slurm",
                                      "collect",
                                      "help"};
    flags.insert(flags.end(), PassThroughFlags().begin(), PassThroughFlags().end());
    return flags;
}

VpnSweepOptions
VpnSweepGrid::Parse(int argc, char* argv[])
{
    VpnSweepOptions o;
    const std::vector<std::string> flags = Flags();
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
        {
            VpnCli::Fail(arg, "", "not a flag; flags look like --name=value (see --help)");
        }
        const size_t eq = arg.find('=');
        const std::string name =
            arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const bool hasValue = eq != std::string::npos;
        const std::string value = hasValue ? arg.substr(eq + 1) : "";
        if (std::find(flags.begin(), flags.end(), name) == flags.end())
        {
            std::string accepted;
            for (const auto& f : flags)
            {
                accepted += (accepted.empty() ? "--" : " --") + f;
            }
            VpnCli::Fail(name, value, "unknown flag; accepted: " + accepted);
        }
        if (o.values.count(name) || (name == "collect" && o.collectGiven))
        {
            VpnCli::Fail(name, value, "given twice; give each flag once");
        }
        if (name == "help")
        {
            Usage(std::cout);
            std::exit(0);
        }
        if (name == "emit-jobs")
        {
            if (hasValue)
            {
                VpnCli::Choice(name, value, {"1", "true"});
            }
            o.emitJobs = true;
            continue;
        }
        if (name == "collect")
        {
            o.collectGiven = true;
            if (hasValue)
            {
                o.collect.push_back(value);
            }
            while (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
            {
                o.collect.emplace_back(argv[++i]);
            }
            if (o.collect.empty() || std::any_of(o.collect.begin(),
                                                 o.collect.end(),
                                                 [](const std::string& d) { return d.empty(); }))
            {
                VpnCli::Fail(name, value, "expected one or more folders: --collect DIR [DIR...]");
            }
            for (const auto& dir : o.collect)
            {
                struct stat info;
                if (stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
                {
                    VpnCli::Fail(name, dir, "not a folder; expected folders of result files");
                }
            }
            continue;
        }
        if (!hasValue || value.empty())
        {
            VpnCli::Fail(name, value, "needs a value: --" + name + "=VALUE (see --help)");
        }
        o.values[name] = value;
    }
    return o;
}

void
VpnSweepGrid::CheckCollectOnly(const VpnSweepOptions& o)
{
    for (const auto& flag : Flags())
    {
        if (o.values.count(flag) && flag != "out")
        {
            VpnCli::Fail(flag,
                         o.values.at(flag),
                         "not used with --collect (which takes only --out)");
        }
    }
    if (o.emitJobs)
    {
        VpnCli::Fail("emit-jobs", "", "not used with --collect (which takes only --out)");
    }
}

std::vector<VpnSweepPoint>
VpnSweepGrid::Build(const VpnSweepOptions& o, const std::string& duration)
{
    std::string allCarriers;
    for (const auto& name : VpnHelper::CarrierNames())
    {
        allCarriers += (allCarriers.empty() ? "" : ",") + name;
    }
    std::vector<std::string> transports;
    // The scenario's transports that this build has: none and the registered carriers.
    std::vector<std::string> accepted;
    const std::vector<std::string> built = VpnHelper::CarrierNames();
    for (const auto& t : VpnScenario::Transports())
    {
        if (t == "none" || std::find(built.begin(), built.end(), t) != built.end())
        {
            accepted.push_back(t);
        }
    }
    for (const auto& t : VpnCli::List("transports", o.Get("transports", allCarriers)))
    {
        transports.push_back(VpnCli::Choice("transports", t, accepted));
    }
    std::vector<std::string> firewalls;
    for (const auto& f : VpnCli::List("firewalls", o.Get("firewalls", "inspect")))
    {
        firewalls.push_back(VpnCli::Choice("firewalls", f, VpnScenario::Firewalls()));
    }
    std::vector<bool> bypass;
    for (const auto& b : VpnCli::List("bypass", o.Get("bypass", "0")))
    {
        bypass.push_back(VpnCli::Choice("bypass", b, {"0", "1"}) == "1");
    }
    std::vector<double> losses;
    for (const auto& l : VpnCli::List("losses", o.Get("losses", "0,0.002,0.005,0.01")))
    {
        losses.push_back(VpnCli::Double("losses", l, 0.0, 0.999999));
    }
    std::vector<std::string> models;
    for (const auto& m : VpnCli::List("lossModels", o.Get("lossModels", "bernoulli")))
    {
        models.push_back(VpnCli::Choice("lossModels", m, VpnScenario::LossModels()));
    }
    std::vector<double> bursts;
    for (const auto& b : VpnCli::List("bursts", o.Get("bursts", "1")))
    {
        bursts.push_back(VpnCli::Double("bursts", b, 1.0, 1e6));
    }
    std::vector<uint32_t> clients;
    for (const auto& c : VpnCli::List("clients", o.Get("clients", "1")))
    {
        clients.push_back(static_cast<uint32_t>(VpnCli::Integer("clients", c, 1, 5000)));
    }

    // The pass-through knobs, checked with vpn-scenario's own ranges.
    VpnScenarioConfig base;
    base.duration = VpnCli::Double("duration", duration, 0, 1e6);
    if (base.duration <= 2)
    {
        VpnCli::Fail("duration", duration, "out of range; expected seconds in (2, 1e6]");
    }
    std::vector<std::string> fixedArgs;
    for (const auto& flag : PassThroughFlags())
    {
        auto it = o.values.find(flag);
        if (it == o.values.end())
        {
            continue;
        }
        const std::string& v = it->second;
        if (flag == "workload")
        {
            base.workload = VpnCli::Choice(flag, v, VpnScenario::Workloads());
        }
        else if (flag == "lossDirection")
        {
            base.lossDirection = VpnCli::Choice(flag, v, VpnScenario::LossDirections());
        }
        else if (flag == "bytes")
        {
            base.bytes = VpnCli::Integer(flag, v, 0, 1000000000000LL);
        }
        else if (flag == "packetSize")
        {
            base.packetSize = VpnCli::Integer(flag, v, 12, 65000);
        }
        else if (flag == "dpdRetries")
        {
            base.dpdRetries = VpnCli::Integer(flag, v, 0, 100);
        }
        else if (flag == "segmentSize")
        {
            base.segmentSize = VpnCli::Integer(flag, v, 100, 1400);
        }
        else if (flag == "outage")
        {
            base.outage = VpnCli::Double(flag, v, 0.001, 3600);
        }
        else if (flag == "tcpStack")
        {
            base.tcpStack = VpnCli::Choice(flag, v, VpnScenario::TcpStacks());
        }
        else if (flag == "probeInterval")
        {
            base.probeInterval = VpnCli::Double(flag, v, 0, 3600);
        }
        else if (flag == "flows")
        {
            base.flows = VpnCli::Integer(flag, v, 1, 64);
        }
        else if (flag == "innerWindow")
        {
            base.innerWindow = VpnCli::Integer(flag, v, 0, 1 << 24);
        }
        else if (flag == "dpdInterval")
        {
            base.dpdInterval = VpnCli::Double(flag, v, 0, 86400);
        }
        else if (flag == "internetDelay")
        {
            base.internetDelayMs = VpnCli::Double(flag, v, 0, 10000);
        }
        else if (flag == "reconnect")
        {
            base.reconnect = VpnCli::Choice(flag, v, {"0", "1"}) == "1";
        }
        else if (flag == "rate")
        {
            base.rate = v;
        }
        else if (flag == "accessRate")
        {
            base.accessRate = v;
        }
        fixedArgs.push_back("--" + flag + "=" + v);
    }
    const std::string fixedHash = fixedArgs.empty() ? std::string()
                                                    : "_x" + KeyHash([&fixedArgs] {
                                                                 std::string all;
                                                                 for (const auto& a : fixedArgs)
                                                                 {
                                                                     all += a + " ";
                                                                 }
                                                                 return all;
                                                             }())
                                                                 .substr(0, 8);

    // Names of the grid flags, for messages from Validate.
    const std::map<std::string, std::string> gridFlag = {{"transport", "transports"},
                                                         {"firewall", "firewalls"},
                                                         {"lossModel", "lossModels"},
                                                         {"loss", "losses"},
                                                         {"burst", "bursts"}};
    std::vector<VpnSweepPoint> grid;
    std::set<std::string> keys;
    for (const auto& t : transports)
    {
        for (const auto& f : firewalls)
        {
            for (bool b : bypass)
            {
                for (const auto& m : models)
                {
                    for (double l : losses)
                    {
                        for (double burstAsked : bursts)
                        {
                            for (uint32_t n : clients)
                            {
                                // Burst length only means something for ge.
                                const double burst = (m == "ge") ? burstAsked : 1.0;
                                VpnScenarioConfig c = base;
                                c.transport = t;
                                c.firewall = f;
                                c.bypass = b;
                                c.lossModel = m;
                                c.loss = l;
                                c.burst = burst;
                                c.clients = n;
                                std::string flag;
                                std::string error;
                                if (!VpnScenario::Validate(c, flag, error))
                                {
                                    auto g = gridFlag.find(flag);
                                    const std::string name = g == gridFlag.end() ? flag : g->second;
                                    std::string value;
                                    if (flag == "transport")
                                    {
                                        value = t;
                                    }
                                    else if (flag == "burst" || flag == "loss")
                                    {
                                        value = Num(flag == "burst" ? burst : l);
                                        error += " (with lossModel " + m + ", loss " + Num(l) + ")";
                                    }
                                    else
                                    {
                                        auto it = o.values.find(name);
                                        value = it == o.values.end() ? "" : it->second;
                                    }
                                    VpnCli::Fail(name, value, error);
                                }
                                VpnSweepPoint p;
                                p.key = t + "_" + f + "_bypass" + (b ? "1" : "0") + "_" + m +
                                        "_loss" + Num(l) + "_burst" + Num(burst) + "_clients" +
                                        std::to_string(n) + "_dur" + Num(c.duration) + fixedHash;
                                p.args = {"--transport=" + t,
                                          "--firewall=" + f,
                                          std::string("--bypass=") + (b ? "1" : "0"),
                                          "--lossModel=" + m,
                                          "--loss=" + Num(l),
                                          "--burst=" + Num(burst),
                                          "--clients=" + std::to_string(n),
                                          "--duration=" + Num(c.duration)};
                                p.args.insert(p.args.end(), fixedArgs.begin(), fixedArgs.end());
                                if (keys.insert(p.key).second)
                                {
                                    grid.push_back(p);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return grid;
}

std::string
VpnSweepGrid::ResultPath(const std::string& out, const VpnSweepPoint& p, uint32_t run)
{
    return out + "/results/" + p.key + "/run-" + std::to_string(run) + ".json";
}

} // namespace ns3
