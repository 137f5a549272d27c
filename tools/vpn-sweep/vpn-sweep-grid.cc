/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-grid.h"

#include "vpn-sweep-results.h"

#include "ns3/string.h"
#include "ns3/vpn-cli.h"
#include "ns3/vpn-command-line.h"
#include "ns3/vpn-helper.h"
#include "ns3/vpn-scenario.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

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

/**
 * \param flag a flag of vpn-scenario
 * \return the index of its VpnScenario attribute
 */
size_t
AttributeIndex(const std::string& flag)
{
    const TypeId tid = VpnScenario::GetTypeId();
    size_t i = 0;
    while (i < tid.GetAttributeN() && VpnCommandLine::FlagOf(tid.GetAttribute(i).name) != flag)
    {
        ++i;
    }
    return i;
}

/**
 * \return the vpn-scenario flags the sweep's own list flags set (--transports is transport, ...)
 */
std::vector<std::string>
GridScenarioFlags()
{
    return {"transport", "firewall", "bypass", "lossModel", "loss", "burst", "clients", "duration"};
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
    // Every flag of vpn-scenario but the grid's own, pcap and timeseries (every run would write
    // the same files; --timeseries-runs names the runs that keep one), in the order of
    // VpnScenario's attributes.
    static const std::vector<std::string> flags = [] {
        std::vector<std::string> own = GridScenarioFlags();
        own.emplace_back("pcap");
        own.emplace_back("timeseries");
        std::vector<std::string> out;
        const TypeId tid = VpnScenario::GetTypeId();
        for (size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const std::string flag = VpnCommandLine::FlagOf(tid.GetAttribute(i).name);
            if (std::find(own.begin(), own.end(), flag) == own.end())
            {
                out.push_back(flag);
            }
        }
        return out;
    }();
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
          "    --grid KEY=LIST     any other vpn-scenario flag or ns-3 attribute, e.g.\n"
          "                        --grid ns3::CtcpCarrier::AckPolicy=in-order,highest-received\n"
          "                        --grid accessRate=1Mbps,10Mbps (repeatable; a summary column)\n"
          "  runs:\n"
          "    --runs=R            runs per configuration, RngRun 1..R; default 10\n"
          "    --duration=S        simulated seconds per run, in (2, 1e6]; default 60\n"
          "    --jobs=N            runs at a time; default: number of cores\n"
          "    --out=DIR           output folder; default sweep-out\n"
          "    --scenario=PATH     the vpn-scenario program; default: next to vpn-sweep\n"
          "  paired differences:\n"
          "    --baseline KEY=VALUE\n"
          "                        each configuration against the one of the same key but\n"
          "                        KEY=VALUE (KEY a key column of summary.csv), run r with\n"
          "                        run r, e.g. --baseline transport=natt (also with --collect)\n"
          "  held fixed for every run (vpn-scenario's flags of the same name, its ranges):\n"
          "   ";
    size_t width = 3;
    for (const auto& flag : PassThroughFlags())
    {
        width += flag.size() + 3;
        os << (width > 96 ? "\n    --" : " --") << flag;
        width = width > 96 ? flag.size() + 6 : width;
    }
    os << "\n"
          "    --ns3::Type::Attribute=VALUE   any ns-3 attribute, for every run\n"
          "  beyond one machine:\n"
          "    --timeseries-runs=LIST  runs (RngRun) that also write their time series,\n"
          "                        results/<config>/run-<r>.csv beside the JSON; default none\n"
          "    --emit-jobs         print one shell command per missing run, then exit\n"
          "    --emit-slurm=FILE   write FILE (sbatch array script) and FILE.jobs, then exit\n"
          "    --collect DIR...    merge result files found under the DIRs into --out\n"
          "  figures:\n"
          "    --timeline RUN.json...  one figure of those runs over time (the time series\n"
          "                        each run's JSON names): --out/timeline.{png,svg,plt,dat}\n";
}

std::vector<std::string>
VpnSweepGrid::Flags()
{
    std::vector<std::string> flags = {
        "transports", "firewalls", "bypass",    "losses",     "lossModels",
        "bursts",     "clients",   "runs",      "duration",   "jobs",
        "out",        "scenario",  "emit-jobs", "emit-slurm", "timeseries-runs",
        "collect",    "timeline",  "grid",      "baseline",   "help"};
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
        if (arg == "-h")
        {
            Usage(std::cout);
            std::exit(0);
        }
        if (arg.rfind("--", 0) != 0)
        {
            VpnCli::Fail(arg, "", "not a flag; flags look like --name=value (see --help)");
        }
        const size_t eq = arg.find('=');
        const std::string name =
            arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const bool hasValue = eq != std::string::npos;
        const std::string value = hasValue ? arg.substr(eq + 1) : "";
        if (name == "grid")
        {
            // --grid KEY=V1,V2 or --grid=KEY=V1,V2
            std::string spec = hasValue ? value : (i + 1 < argc ? argv[++i] : "");
            const size_t at = spec.find('=');
            if (at == std::string::npos || at == 0)
            {
                VpnCli::Fail(name,
                             spec,
                             "expected --grid KEY=V1,V2,... (KEY a vpn-scenario flag "
                             "or ns3::Type::Attribute)");
            }
            const std::string key = spec.substr(0, at);
            for (const auto& [seen, values] : o.grids)
            {
                if (seen == key)
                {
                    VpnCli::Fail(name, spec, "KEY given twice; give each --grid KEY once");
                }
            }
            o.grids.emplace_back(key, VpnCli::List("grid", spec.substr(at + 1)));
            continue;
        }
        if (name == "baseline")
        {
            // --baseline KEY=VALUE or --baseline=KEY=VALUE
            const std::string spec = hasValue ? value : (i + 1 < argc ? argv[++i] : "");
            const size_t at = spec.find('=');
            if (at == std::string::npos || at == 0 || at + 1 == spec.size())
            {
                VpnCli::Fail(name,
                             spec,
                             "expected --baseline KEY=VALUE (KEY a key column of summary.csv, "
                             "e.g. transport, firewall, bypass, loss; VALUE one of its values)");
            }
            if (!o.baseline.field.empty())
            {
                VpnCli::Fail(name, spec, "given twice; give --baseline once");
            }
            o.baseline = {spec.substr(0, at), spec.substr(at + 1)};
            continue;
        }
        if (name.rfind("ns3::", 0) == 0 && hasValue)
        {
            // An ns-3 attribute held fixed for every run (checked in Build).
            if (o.values.count(name))
            {
                VpnCli::Fail(name, value, "given twice; give each flag once");
            }
            o.values[name] = value;
            continue;
        }
        if (name == "PrintHelp")
        {
            Usage(std::cout);
            std::exit(0);
        }
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
        if (name == "collect" || name == "timeline")
        {
            // --collect DIR... and --timeline RUN.json...: the words up to the next flag.
            const bool collect = name == "collect";
            std::vector<std::string>& words = collect ? o.collect : o.timeline;
            (collect ? o.collectGiven : o.timelineGiven) = true;
            if (hasValue)
            {
                words.push_back(value);
            }
            while (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
            {
                words.emplace_back(argv[++i]);
            }
            const std::string what = collect ? "folders: --collect DIR [DIR...]"
                                             : "run files: --timeline RUN.json [RUN.json...]";
            if (words.empty() ||
                std::any_of(words.begin(), words.end(), [](const auto& w) { return w.empty(); }))
            {
                VpnCli::Fail(name, value, "expected one or more " + what);
            }
            for (const auto& word : words)
            {
                std::error_code error;
                if (collect ? !std::filesystem::is_directory(word, error)
                            : !std::filesystem::is_regular_file(word, error))
                {
                    VpnCli::Fail(name,
                                 word,
                                 collect ? "not a folder; expected folders of result files"
                                         : "not a file; expected a run's JSON (vpn-scenario's "
                                           "output, a sweep's results/<config>/run-<r>.json)");
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
VpnSweepGrid::CheckBaseline(const VpnSweepOptions& o, const std::vector<VpnSweepPoint>& grid)
{
    if (o.baseline.field.empty())
    {
        return;
    }
    std::vector<std::string> columns = VpnSweepStats::KeyFields();
    for (const auto& [flag, value] : o.values)
    {
        if (flag.rfind("ns3::", 0) == 0)
        {
            columns.push_back(VpnSweepResults::AttributeColumn(flag));
        }
    }
    for (const auto& [key, values] : o.grids)
    {
        if (key.rfind("ns3::", 0) == 0)
        {
            columns.push_back(VpnSweepResults::AttributeColumn(key));
        }
    }
    if (std::find(columns.begin(), columns.end(), o.baseline.field) == columns.end())
    {
        std::string accepted;
        for (const auto& c : columns)
        {
            accepted += " " + c;
        }
        VpnCli::Fail("baseline",
                     o.baseline.field + "=" + o.baseline.value,
                     "no key column " + o.baseline.field + "; KEY is one of:" + accepted);
    }
    // The value, where every point passes the flag as its JSON prints it: a scenario parameter
    // whose key has no unit the JSON converts to (a Time or DataRate flag reads "10Mbps", its
    // column 10000000), and duration_s, which the grid passes in seconds.
    const TypeId tid = VpnScenario::GetTypeId();
    const std::string& key = o.baseline.field;
    const bool converted = (key.size() > 2 && key.substr(key.size() - 2) == "_s") ||
                           (key.size() > 4 && key.substr(key.size() - 4) == "_bps");
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        if (VpnScenario::ParameterKey(tid.GetAttribute(i)) != key ||
            (converted && key != "duration_s"))
        {
            continue;
        }
        const std::string prefix = "--" + VpnCommandLine::FlagOf(tid.GetAttribute(i).name) + "=";
        std::vector<std::string> values;
        for (const auto& p : grid)
        {
            const auto arg = std::find_if(p.args.begin(), p.args.end(), [&](const std::string& a) {
                return a.rfind(prefix, 0) == 0;
            });
            if (arg == p.args.end())
            {
                return; // a default: the runs will say
            }
            const std::string v = arg->substr(prefix.size());
            if (VpnSweepStats::SameValue(v, o.baseline.value))
            {
                return;
            }
            if (std::find(values.begin(), values.end(), v) == values.end())
            {
                values.push_back(v);
            }
        }
        std::string accepted;
        for (const auto& v : values)
        {
            accepted += " " + key + "=" + v;
        }
        VpnCli::Fail("baseline",
                     key + "=" + o.baseline.value,
                     "no configuration of the grid has " + key + "=" + o.baseline.value +
                         "; it has:" + accepted);
    }
}

void
VpnSweepGrid::CheckOutOnly(const VpnSweepOptions& o)
{
    const std::string mode = o.collectGiven ? "--collect" : "--timeline";
    const std::string takes =
        o.collectGiven ? "(which takes only --out and --baseline)" : "(which takes only --out)";
    if (o.collectGiven && o.timelineGiven)
    {
        VpnCli::Fail("timeline", o.timeline.front(), "not used with --collect: give one");
    }
    for (const auto& [flag, value] : o.values)
    {
        if (flag != "out")
        {
            VpnCli::Fail(flag, value, "not used with " + mode + " " + takes);
        }
    }
    if (o.timelineGiven && !o.baseline.field.empty())
    {
        VpnCli::Fail("baseline",
                     o.baseline.field + "=" + o.baseline.value,
                     "not used with --timeline " + takes);
    }
    if (o.emitJobs)
    {
        VpnCli::Fail("emit-jobs", "", "not used with " + mode + " " + takes);
    }
    if (!o.grids.empty())
    {
        VpnCli::Fail("grid", o.grids.front().first, "not used with " + mode + " " + takes);
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
    // Each item of a grid list is checked by the scenario's attribute of the same meaning.
    auto items =
        [&o](const std::string& list, const std::string& flag, const std::string& fallback) {
            std::vector<std::string> out;
            for (const auto& item : VpnCli::List(list, o.Get(list, fallback)))
            {
                std::string error;
                if (!VpnCommandLine::Check(VpnScenario::GetTypeId(), flag, item, error))
                {
                    VpnCli::Fail(list, item, error);
                }
                out.push_back(item);
            }
            return out;
        };
    const std::vector<std::string> transports = items("transports", "transport", allCarriers);
    const std::vector<std::string> firewalls = items("firewalls", "firewall", "inspect");
    std::vector<bool> bypass;
    for (const auto& b : VpnCli::List("bypass", o.Get("bypass", "0")))
    {
        // The grid's own spelling, 0|1, is part of every folder name.
        bypass.push_back(VpnCli::Choice("bypass", b, {"0", "1"}) == "1");
    }
    std::vector<double> losses;
    for (const auto& l : items("losses", "loss", "0,0.002,0.005,0.01"))
    {
        losses.push_back(std::strtod(l.c_str(), nullptr));
    }
    const std::vector<std::string> models = items("lossModels", "lossModel", "bernoulli");
    std::vector<double> bursts;
    for (const auto& b : items("bursts", "burst", "1"))
    {
        bursts.push_back(std::strtod(b.c_str(), nullptr));
    }
    std::vector<uint32_t> clients;
    for (const auto& c : items("clients", "clients", "1"))
    {
        clients.push_back(static_cast<uint32_t>(std::strtoul(c.c_str(), nullptr, 10)));
    }

    // The duration and each fixed value are checked and applied as vpn-scenario does: by
    // VpnScenario's attributes.
    VpnScenarioConfig base;
    Ptr<VpnScenario> probe = VpnScenario::FromConfig(base);
    std::string durationError;
    if (!VpnCommandLine::Check(VpnScenario::GetTypeId(), "duration", duration, durationError))
    {
        VpnCli::Fail("duration", duration, durationError);
    }
    probe->SetAttribute("Duration", StringValue(duration));
    std::vector<std::string> fixedArgs;
    for (const auto& flag : PassThroughFlags())
    {
        auto it = o.values.find(flag);
        if (it == o.values.end())
        {
            continue;
        }
        const std::string& v = it->second;
        std::string error;
        if (!VpnCommandLine::Check(VpnScenario::GetTypeId(), flag, v, error))
        {
            VpnCli::Fail(flag, v, error);
        }
        probe->SetAttribute(VpnScenario::GetTypeId().GetAttribute(AttributeIndex(flag)).name,
                            StringValue(v));
        fixedArgs.push_back("--" + flag + "=" + v);
    }
    for (const auto& [flag, v] : o.values)
    {
        std::string error;
        if (flag.rfind("ns3::", 0) != 0)
        {
            continue;
        }
        if (!VpnCommandLine::Check(VpnScenario::GetTypeId(), flag, v, error))
        {
            VpnCli::Fail(flag, v, error);
        }
        fixedArgs.push_back("--" + flag + "=" + v);
    }
    base = probe->GetConfig();

    // --grid dimensions: every combination of their values, each checked as vpn-scenario checks
    // it; the grid's own flags have their list flags.
    std::vector<std::vector<std::string>> extra{{}}; // the flags of each combination
    std::vector<std::string> extraKey{""};           // their part of the folder name
    for (const auto& [key, values] : o.grids)
    {
        const std::vector<std::string> own = GridScenarioFlags();
        if (std::find(own.begin(), own.end(), key) != own.end() || o.values.count(key))
        {
            VpnCli::Fail("grid",
                         key,
                         "already a flag of the sweep; give its values with the sweep's own list "
                         "flag (--transports, --losses, ...) or --grid, not both");
        }
        std::vector<std::vector<std::string>> next;
        std::vector<std::string> nextKey;
        for (const auto& v : values)
        {
            std::string error;
            if (!VpnCommandLine::Check(VpnScenario::GetTypeId(), key, v, error))
            {
                VpnCli::Fail("grid", key + "=" + v, error);
            }
            std::string name = key.rfind("ns3::", 0) == 0 ? key.substr(key.rfind("::") + 2) : key;
            std::string text = v;
            for (char& ch : text)
            {
                ch = std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' ? ch
                                                                                            : '_';
            }
            for (size_t k = 0; k < extra.size(); ++k)
            {
                next.push_back(extra[k]);
                next.back().push_back("--" + key + "=" + v);
                nextKey.push_back(extraKey[k] + "_" + name + "-" + text);
            }
        }
        extra = next;
        extraKey = nextKey;
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
                                for (size_t e = 0; e < extra.size(); ++e)
                                {
                                    VpnScenarioConfig c = base;
                                    c.transport = t;
                                    c.firewall = f;
                                    c.bypass = b;
                                    c.lossModel = m;
                                    c.loss = l;
                                    c.burst = burst;
                                    c.clients = n;
                                    if (!extra[e].empty())
                                    {
                                        // The --grid values of this point, as vpn-scenario applies
                                        // them (ns-3 attributes do not touch the scenario's
                                        // config).
                                        Ptr<VpnScenario> point = VpnScenario::FromConfig(c);
                                        for (const auto& arg : extra[e])
                                        {
                                            const size_t eq = arg.find('=');
                                            const std::string key = arg.substr(2, eq - 2);
                                            if (key.rfind("ns3::", 0) != 0)
                                            {
                                                point->SetAttribute(
                                                    VpnScenario::GetTypeId()
                                                        .GetAttribute(AttributeIndex(key))
                                                        .name,
                                                    StringValue(arg.substr(eq + 1)));
                                            }
                                        }
                                        c = point->GetConfig();
                                    }
                                    std::string flag;
                                    std::string error;
                                    if (!VpnScenario::Validate(c, flag, error))
                                    {
                                        auto g = gridFlag.find(flag);
                                        const std::string name =
                                            g == gridFlag.end() ? flag : g->second;
                                        std::string value;
                                        if (flag == "transport")
                                        {
                                            value = t;
                                        }
                                        else if (flag == "burst" || flag == "loss")
                                        {
                                            value = Num(flag == "burst" ? burst : l);
                                            error +=
                                                " (with lossModel " + m + ", loss " + Num(l) + ")";
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
                                            std::to_string(n) + "_dur" + Num(c.duration) +
                                            fixedHash;
                                    p.args = {"--transport=" + t,
                                              "--firewall=" + f,
                                              std::string("--bypass=") + (b ? "1" : "0"),
                                              "--lossModel=" + m,
                                              "--loss=" + Num(l),
                                              "--burst=" + Num(burst),
                                              "--clients=" + std::to_string(n),
                                              "--duration=" + Num(c.duration)};
                                    p.args.insert(p.args.end(), fixedArgs.begin(), fixedArgs.end());
                                    p.args.insert(p.args.end(), extra[e].begin(), extra[e].end());
                                    p.key += extraKey[e];
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
    }
    return grid;
}

std::string
VpnSweepGrid::ResultPath(const std::string& out, const VpnSweepPoint& p, uint32_t run)
{
    return out + "/results/" + p.key + "/run-" + std::to_string(run) + ".json";
}

std::string
VpnSweepGrid::TimeseriesPath(const std::string& out, const VpnSweepPoint& p, uint32_t run)
{
    return out + "/results/" + p.key + "/run-" + std::to_string(run) + ".csv";
}

std::set<uint32_t>
VpnSweepGrid::TimeseriesRuns(const VpnSweepOptions& o, uint32_t runs)
{
    std::set<uint32_t> keep;
    if (!o.values.count("timeseries-runs"))
    {
        return keep;
    }
    for (const auto& item : VpnCli::List("timeseries-runs", o.values.at("timeseries-runs")))
    {
        keep.insert(VpnCli::Integer("timeseries-runs", item, 1, runs));
    }
    return keep;
}

} // namespace ns3
