/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Many runs of the canonical scenario: a grid of configurations times R runs, each run a separate
 * vpn-scenario process (so ns-3's global state never leaks between runs), at most --jobs at a
 * time. Run r of every configuration uses RngRun=r: every mitigation meets the same loss pattern.
 *
 *   ./vpnlab run vpn-sweep --transports=ctcp,natt --firewalls=inspect --bypass=0,1 \
 *       --losses=0,0.002,0.005,0.01 --runs=20 --duration=120 --out=sweep-out
 *
 * Results: DIR/results/<config>/run-<r>.json (one JSON object each, written to a temp file and
 * renamed, so a killed sweep loses only the runs in flight; a rerun skips finished runs), then
 * DIR/runs.csv, DIR/summary.csv, a table on stdout and DIR/{availability,goodput}.png (gnuplot).
 *
 * Beyond one machine: --emit-jobs prints one shell command per missing run (absolute paths: they
 * run anywhere on a shared file system, e.g. through GNU parallel), --emit-slurm=FILE writes a
 * SLURM array script over that list, and --collect DIR... merges result files from anywhere.
 *
 * Every flag is checked: a bad value prints one line on stderr naming the flag and what is
 * accepted, and the program exits with status 2.
 */

#include "ns3/vpn-module.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits.h>
#include <map>
#include <set>
#include <sstream>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace ns3;

namespace
{

/// Set by SIGINT/SIGTERM: stop launching, end the children, remove their temp files.
volatile std::sig_atomic_t g_stop = 0;

/**
 * Signal handler.
 * \param signal the signal
 */
void
OnSignal(int signal)
{
    g_stop = signal;
}

/// One grid point: a configuration of the scenario.
struct GridPoint
{
    std::string key;               //!< folder name under DIR/results
    std::vector<std::string> args; //!< vpn-scenario flags, without --RngRun
};

/// One run to do.
struct Job
{
    size_t point; //!< index into the grid
    uint32_t run; //!< RngRun
};

/// The pass-through flags: scenario knobs a sweep holds fixed.
const std::vector<std::string> PASS_THROUGH = {"workload",
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

/// What the command line asked for.
struct Options
{
    std::map<std::string, std::string> values; //!< flag -> text, for the flags given
    std::vector<std::string> collect;          //!< --collect folders
    bool collectGiven{false};                  //!< --collect was given
    bool emitJobs{false};                      //!< --emit-jobs
};

/**
 * Print the usage text.
 * \param os where
 */
void
Usage(std::ostream& os)
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

/**
 * \return the names of every vpn-sweep flag
 */
std::vector<std::string>
Flags()
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
    flags.insert(flags.end(), PASS_THROUGH.begin(), PASS_THROUGH.end());
    return flags;
}

/**
 * Read argv: --name=value, --name (for --emit-jobs, --help), --collect DIR...
 * \param argc as given to main
 * \param argv as given to main
 * \return the options; exits with status 2 on bad input
 */
Options
Parse(int argc, char* argv[])
{
    Options o;
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
Hash(const std::string& text)
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
 * \param text a word
 * \return it quoted for a POSIX shell when it needs quoting
 */
std::string
ShellQuote(const std::string& text)
{
    if (!text.empty() &&
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               "-_./=,:+@%") == std::string::npos)
    {
        return text;
    }
    std::string out = "'";
    for (char c : text)
    {
        out += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/**
 * \param path a path
 * \return it made absolute (the folder need not exist yet)
 */
std::string
Absolute(const std::string& path)
{
    if (!path.empty() && path[0] == '/')
    {
        return path;
    }
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) == nullptr)
    {
        return path;
    }
    return std::string(cwd) + "/" + path;
}

/**
 * mkdir -p.
 * \param path a folder
 * \return true if it exists afterwards
 */
bool
MakeDirs(const std::string& path)
{
    for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1))
    {
        const std::string prefix = path.substr(0, slash);
        if (mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST)
        {
            return false;
        }
        if (slash == std::string::npos)
        {
            break;
        }
    }
    struct stat info;
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

/**
 * \param path a file
 * \return true if it exists
 */
bool
Exists(const std::string& path)
{
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

/**
 * The grid: every combination of the list flags, each checked with VpnScenario::Validate.
 * \param o the options
 * \param duration the --duration text
 * \return the grid points, in a fixed order, without duplicates
 */
std::vector<GridPoint>
BuildGrid(const Options& o, const std::string& duration)
{
    auto get = [&o](const std::string& flag, const std::string& fallback) {
        auto it = o.values.find(flag);
        return it == o.values.end() ? fallback : it->second;
    };
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
    for (const auto& t : VpnCli::List("transports", get("transports", allCarriers)))
    {
        transports.push_back(VpnCli::Choice("transports", t, accepted));
    }
    std::vector<std::string> firewalls;
    for (const auto& f : VpnCli::List("firewalls", get("firewalls", "inspect")))
    {
        firewalls.push_back(VpnCli::Choice("firewalls", f, VpnScenario::Firewalls()));
    }
    std::vector<bool> bypass;
    for (const auto& b : VpnCli::List("bypass", get("bypass", "0")))
    {
        bypass.push_back(VpnCli::Choice("bypass", b, {"0", "1"}) == "1");
    }
    std::vector<double> losses;
    for (const auto& l : VpnCli::List("losses", get("losses", "0,0.002,0.005,0.01")))
    {
        losses.push_back(VpnCli::Double("losses", l, 0.0, 0.999999));
    }
    std::vector<std::string> models;
    for (const auto& m : VpnCli::List("lossModels", get("lossModels", "bernoulli")))
    {
        models.push_back(VpnCli::Choice("lossModels", m, VpnScenario::LossModels()));
    }
    std::vector<double> bursts;
    for (const auto& b : VpnCli::List("bursts", get("bursts", "1")))
    {
        bursts.push_back(VpnCli::Double("bursts", b, 1.0, 1e6));
    }
    std::vector<uint32_t> clients;
    for (const auto& c : VpnCli::List("clients", get("clients", "1")))
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
    for (const auto& flag : PASS_THROUGH)
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
                                                    : "_x" + Hash([&fixedArgs] {
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
    std::vector<GridPoint> grid;
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
                                GridPoint p;
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

/**
 * \param out the output folder
 * \param p a grid point
 * \param run the run
 * \return the path of that run's result file
 */
std::string
ResultPath(const std::string& out, const GridPoint& p, uint32_t run)
{
    return out + "/results/" + p.key + "/run-" + std::to_string(run) + ".json";
}

/**
 * \param argv0 argv[0]
 * \return the vpn-scenario program next to this one
 */
std::string
DefaultScenario(const char* argv0)
{
    char self[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    std::string me = n > 0 ? std::string(self, n) : std::string(argv0);
    // Same folder, same name pattern: ns-3 trees call it ns3.37-vpn-scenario-release.
    const size_t slash = me.rfind('/');
    std::string name = slash == std::string::npos ? me : me.substr(slash + 1);
    const size_t at = name.find("vpn-sweep");
    name = at == std::string::npos ? "vpn-scenario" : name.replace(at, 9, "vpn-scenario");
    return (slash == std::string::npos ? std::string(".") : me.substr(0, slash)) + "/" + name;
}

/// A run in flight.
struct Child
{
    Job job;          //!< what it runs
    std::string tmp;  //!< its stdout (the JSON), renamed when it succeeds
    std::string err;  //!< its stderr
    std::string path; //!< the final result file
};

/**
 * Start one run: fork, exec vpn-scenario with stdout to the temp file.
 * \param scenario the program
 * \param args its flags
 * \param c the child's files
 * \return the child's pid, or -1
 */
pid_t
Launch(const std::string& scenario, const std::vector<std::string>& args, const Child& c)
{
    const pid_t pid = fork();
    if (pid != 0)
    {
        return pid;
    }
    // In the child: die with the sweep, so a killed sweep leaves no orphans.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    const int out = open(c.tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = open(c.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0 || err < 0)
    {
        _exit(127);
    }
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(scenario.c_str()));
    for (const auto& a : args)
    {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    execv(scenario.c_str(), argv.data());
    _exit(127);
}

/**
 * Run the jobs, at most jobs at a time, with a progress line on stderr.
 * \param scenario the program
 * \param grid the grid
 * \param todo the runs to do
 * \param skipped runs already done (for the progress line)
 * \param out the output folder
 * \param jobs parallelism
 * \return the number of runs that failed
 */
uint32_t
RunAll(const std::string& scenario,
       const std::vector<GridPoint>& grid,
       const std::vector<Job>& todo,
       size_t skipped,
       const std::string& out,
       uint32_t jobs)
{
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_handler = OnSignal;
    sigaction(SIGINT, &action, nullptr); // no SA_RESTART: waitpid returns EINTR
    sigaction(SIGTERM, &action, nullptr);

    const auto start = std::chrono::steady_clock::now();
    auto last = start - std::chrono::seconds(10);
    std::map<pid_t, Child> running;
    size_t next = 0;
    size_t done = 0;
    uint32_t failed = 0;
    const size_t total = todo.size() + skipped;
    auto progress = [&](bool force) {
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - last < std::chrono::milliseconds(500))
        {
            return;
        }
        last = now;
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const double rate = elapsed > 0 ? done / elapsed : 0;
        std::ostringstream line;
        line << "\rvpn-sweep: " << done + skipped << "/" << total << " runs";
        if (skipped > 0)
        {
            line << " (" << skipped << " already done)";
        }
        line << ", " << running.size() << " running, " << std::fixed << std::setprecision(2) << rate
             << " runs/s";
        if (rate > 0)
        {
            line << ", ~" << std::setprecision(0) << (todo.size() - done) / rate << " s left";
        }
        if (failed > 0)
        {
            line << ", " << failed << " failed";
        }
        std::cerr << line.str() << "   " << std::flush;
    };

    while ((next < todo.size() || !running.empty()) && !g_stop)
    {
        while (next < todo.size() && running.size() < jobs && !g_stop)
        {
            const Job& job = todo[next++];
            const GridPoint& p = grid[job.point];
            Child c;
            c.job = job;
            c.path = ResultPath(out, p, job.run);
            c.tmp = c.path + ".tmp";
            c.err = out + "/results/" + p.key + "/run-" + std::to_string(job.run) + ".err";
            if (!MakeDirs(out + "/results/" + p.key))
            {
                std::cerr << "\nvpn-sweep: cannot create " << out << "/results/" << p.key
                          << std::endl;
                return todo.size();
            }
            std::vector<std::string> args = p.args;
            args.push_back("--RngRun=" + std::to_string(job.run));
            const pid_t pid = Launch(scenario, args, c);
            if (pid < 0)
            {
                std::cerr << "\nvpn-sweep: fork failed: " << std::strerror(errno) << std::endl;
                ++failed;
                continue;
            }
            running[pid] = c;
        }
        progress(false);
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0)
        {
            continue; // EINTR: a signal (g_stop) or nothing to wait for
        }
        auto it = running.find(pid);
        if (it == running.end())
        {
            continue;
        }
        const Child c = it->second;
        running.erase(it);
        ++done;
        VpnRunRecord record;
        std::string error;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                        VpnSweepResults::ReadFile(c.tmp, record, error);
        if (ok && std::rename(c.tmp.c_str(), c.path.c_str()) == 0)
        {
            std::remove(c.err.c_str());
        }
        else
        {
            ++failed;
            std::remove(c.tmp.c_str());
            std::cerr << "\nvpn-sweep: run failed (" << (WIFEXITED(status) ? "exit " : "signal ")
                      << (WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status))
                      << "): " << scenario;
            for (const auto& a : grid[c.job.point].args)
            {
                std::cerr << " " << a;
            }
            std::cerr << " --RngRun=" << c.job.run << "; its stderr is in " << c.err << std::endl;
        }
        progress(done == todo.size());
    }
    if (g_stop)
    {
        for (const auto& [pid, c] : running)
        {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
            std::remove(c.tmp.c_str());
            std::remove(c.err.c_str());
        }
        std::cerr << "\nvpn-sweep: stopped by signal " << g_stop << "; " << done + skipped << "/"
                  << total << " runs done; rerun with the same --out to resume" << std::endl;
        std::exit(128 + g_stop);
    }
    std::cerr << std::endl;
    return failed;
}

/**
 * Write the CSVs, the table and the plots for a set of runs.
 * \param out the output folder
 * \param runs the runs
 * \return true on success
 */
bool
Report(const std::string& out, std::vector<VpnRunRecord> runs)
{
    if (!MakeDirs(out))
    {
        std::cerr << "vpn-sweep: cannot create " << out << std::endl;
        return false;
    }
    VpnSweepResults::Sort(runs);
    const std::vector<VpnSweepSummary> summaries = VpnSweepStats::Summarize(runs);
    {
        std::ofstream csv(out + "/runs.csv");
        VpnSweepResults::WriteRunsCsv(csv, runs);
    }
    {
        std::ofstream csv(out + "/summary.csv");
        VpnSweepResults::WriteSummaryCsv(csv, summaries);
    }
    VpnSweepResults::WriteTable(std::cout, summaries);
    bool plotted = true;
    for (const auto& script : VpnSweepResults::WritePlotScripts(out, summaries))
    {
        const std::string command =
            "cd " + ShellQuote(out) + " && gnuplot " + ShellQuote(script) + " 2>/dev/null";
        plotted = plotted && std::system(command.c_str()) == 0;
    }
    std::cerr << "vpn-sweep: wrote " << out << "/runs.csv, " << out << "/summary.csv"
              << (plotted ? ", " + out + "/availability.png, " + out + "/goodput.png"
                          : " and the gnuplot scripts (gnuplot failed or is missing: no PNGs)")
              << std::endl;
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    const Options o = Parse(argc, argv);
    auto get = [&o](const std::string& flag, const std::string& fallback) {
        auto it = o.values.find(flag);
        return it == o.values.end() ? fallback : it->second;
    };
    const std::string out = Absolute(get("out", "sweep-out"));

    if (o.collectGiven)
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
        std::vector<VpnRunRecord> runs;
        std::set<std::string> seen;
        size_t duplicates = 0;
        for (const auto& dir : o.collect)
        {
            for (const auto& file : VpnSweepResults::FindResultFiles(dir))
            {
                VpnRunRecord record;
                std::string error;
                if (!VpnSweepResults::ReadFile(file, record, error))
                {
                    std::cerr << "vpn-sweep: skipping " << error << std::endl;
                    continue;
                }
                std::string identity;
                for (const auto& [field, value] : VpnSweepStats::KeyOf(record))
                {
                    identity += value + "\x1f";
                }
                identity += record.Text("run");
                if (!seen.insert(identity).second)
                {
                    ++duplicates;
                    continue;
                }
                runs.push_back(record);
            }
        }
        std::cerr << "vpn-sweep: collected " << runs.size() << " runs";
        if (duplicates > 0)
        {
            std::cerr << " (" << duplicates << " duplicate files of the same run ignored)";
        }
        std::cerr << std::endl;
        return Report(out, runs) ? 0 : 1;
    }

    const uint32_t runs = VpnCli::Integer("runs", get("runs", "10"), 1, 1000000);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const uint32_t jobs = VpnCli::Integer("jobs", get("jobs", std::to_string(cores)), 1, 4096);
    const std::vector<GridPoint> grid = BuildGrid(o, get("duration", "60"));
    const std::string scenario = Absolute(get("scenario", DefaultScenario(argv[0])));
    if (access(scenario.c_str(), X_OK) != 0)
    {
        VpnCli::Fail("scenario",
                     scenario,
                     "not an executable; expected the path of the vpn-scenario program");
    }

    std::vector<Job> todo;
    size_t skipped = 0;
    for (uint32_t r = 1; r <= runs; ++r)
    {
        for (size_t i = 0; i < grid.size(); ++i)
        {
            if (Exists(ResultPath(out, grid[i], r)))
            {
                ++skipped;
            }
            else
            {
                todo.push_back({i, r});
            }
        }
    }

    if (o.emitJobs || o.values.count("emit-slurm"))
    {
        std::ostringstream lines;
        for (const Job& job : todo)
        {
            const GridPoint& p = grid[job.point];
            const std::string folder = out + "/results/" + p.key;
            const std::string path = ResultPath(out, p, job.run);
            lines << "mkdir -p " << ShellQuote(folder) << " && " << ShellQuote(scenario);
            for (const auto& a : p.args)
            {
                lines << " " << ShellQuote(a);
            }
            lines << " --RngRun=" << job.run << " > " << ShellQuote(path + ".tmp") << " && mv "
                  << ShellQuote(path + ".tmp") << " " << ShellQuote(path) << "\n";
        }
        if (o.emitJobs)
        {
            std::cout << lines.str();
        }
        if (o.values.count("emit-slurm"))
        {
            const std::string script = Absolute(o.values.at("emit-slurm"));
            const std::string list = script + ".jobs";
            std::ofstream jobsFile(list);
            std::ofstream sbatch(script);
            if (!jobsFile || !sbatch || !MakeDirs(out + "/slurm"))
            {
                VpnCli::Fail("emit-slurm", script, "cannot write this file (or " + list + ")");
            }
            jobsFile << lines.str();
            sbatch << "#!/bin/bash\n"
                   << "# Written by vpn-sweep: one array task per missing run of the sweep into\n"
                   << "# " << out << " (" << todo.size() << " runs). Submit: sbatch "
                   << ShellQuote(script) << "\n"
                   << "# Then merge: vpn-sweep --collect " << ShellQuote(out + "/results")
                   << " --out=" << ShellQuote(out) << "\n"
                   << "# Clusters cap array sizes (MaxArraySize, often 1001): split the job list\n"
                   << "# if it is longer; add %N to --array to limit tasks running at once.\n"
                   << "#SBATCH --job-name=vpn-sweep\n"
                   << "#SBATCH --array=1-" << todo.size() << "\n"
                   << "#SBATCH --ntasks=1\n"
                   << "#SBATCH --cpus-per-task=1\n"
                   << "#SBATCH --output=" << out << "/slurm/%A_%a.log\n"
                   << "set -euo pipefail\n"
                   << "line=\"$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" " << ShellQuote(list) << ")\"\n"
                   << "exec bash -c \"$line\"\n";
            std::cerr << "vpn-sweep: wrote " << script << " (sbatch, --array=1-" << todo.size()
                      << ") and " << list << std::endl;
        }
        if (todo.empty())
        {
            std::cerr << "vpn-sweep: every run is already done in " << out << std::endl;
        }
        return 0;
    }

    if (!MakeDirs(out + "/results"))
    {
        VpnCli::Fail("out", out, "cannot create this folder");
    }
    std::cerr << "vpn-sweep: " << grid.size() << " configurations x " << runs
              << " runs = " << grid.size() * runs << " runs (" << skipped << " already done), "
              << jobs << " at a time, into " << out << std::endl;
    const uint32_t failed = RunAll(scenario, grid, todo, skipped, out, jobs);

    std::vector<VpnRunRecord> records;
    for (uint32_t r = 1; r <= runs; ++r)
    {
        for (const auto& p : grid)
        {
            const std::string path = ResultPath(out, p, r);
            VpnRunRecord record;
            std::string error;
            if (Exists(path) && VpnSweepResults::ReadFile(path, record, error))
            {
                records.push_back(record);
            }
            else if (Exists(path))
            {
                std::cerr << "vpn-sweep: skipping " << error << std::endl;
            }
        }
    }
    if (!Report(out, records))
    {
        return 1;
    }
    if (failed > 0)
    {
        std::cerr << "vpn-sweep: " << failed << " runs failed; rerun to retry them" << std::endl;
        return 1;
    }
    return 0;
}
