/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-sweep-runner.h"

#include "vpn-sweep-plots.h"
#include "vpn-sweep-stats.h"

#include "ns3/vpn-cli.h"
#include "ns3/vpn-ns3-compat.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{

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

/// A run in flight.
struct Child
{
    VpnSweepJob job;  //!< what it runs
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

} // namespace

std::string
VpnSweepRunner::ShellQuote(const std::string& text)
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

std::string
VpnSweepRunner::Absolute(const std::string& path)
{
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    return error || path.empty() ? path : absolute.string();
}

bool
VpnSweepRunner::MakeDirs(const std::string& path)
{
    std::error_code error;
    std::filesystem::create_directories(path, error);
    return std::filesystem::is_directory(path, error);
}

bool
VpnSweepRunner::Exists(const std::string& path)
{
    std::error_code error;
    return std::filesystem::exists(path, error);
}

std::string
VpnSweepRunner::DefaultScenario(const char* argv0)
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

std::vector<VpnSweepJob>
VpnSweepRunner::Missing(const std::string& out,
                        const std::vector<VpnSweepPoint>& grid,
                        uint32_t runs,
                        size_t& skipped,
                        const std::set<uint32_t>& keep)
{
    std::vector<VpnSweepJob> todo;
    skipped = 0;
    for (uint32_t r = 1; r <= runs; ++r)
    {
        for (size_t i = 0; i < grid.size(); ++i)
        {
            if (Exists(VpnSweepGrid::ResultPath(out, grid[i], r)))
            {
                ++skipped;
            }
            else
            {
                todo.push_back({i, r, keep.count(r) > 0});
            }
        }
    }
    return todo;
}

std::vector<std::string>
VpnSweepRunner::JobArgs(const std::string& out, const VpnSweepPoint& p, const VpnSweepJob& job)
{
    std::vector<std::string> args = p.args;
    args.push_back("--RngRun=" + std::to_string(job.run));
    if (job.timeseries)
    {
        args.push_back("--timeseries=" + VpnSweepGrid::TimeseriesPath(out, p, job.run));
    }
    return args;
}

std::string
VpnSweepRunner::EmitJobs(const std::string& scenario,
                         const std::vector<VpnSweepPoint>& grid,
                         const std::vector<VpnSweepJob>& todo,
                         const std::string& out)
{
    std::ostringstream lines;
    for (const VpnSweepJob& job : todo)
    {
        const VpnSweepPoint& p = grid[job.point];
        const std::string folder = out + "/results/" + p.key;
        const std::string path = VpnSweepGrid::ResultPath(out, p, job.run);
        lines << "mkdir -p " << ShellQuote(folder) << " && " << ShellQuote(scenario);
        for (const auto& a : JobArgs(out, p, job))
        {
            lines << " " << ShellQuote(a);
        }
        lines << " > " << ShellQuote(path + ".tmp") << " && mv " << ShellQuote(path + ".tmp") << " "
              << ShellQuote(path) << "\n";
    }
    return lines.str();
}

void
VpnSweepRunner::WriteSlurm(const std::string& script,
                           const std::string& jobLines,
                           size_t count,
                           const std::string& out)
{
    const std::string list = script + ".jobs";
    std::ofstream jobsFile(list);
    std::ofstream sbatch(script);
    if (!jobsFile || !sbatch || !MakeDirs(out + "/slurm"))
    {
        VpnCli::Fail("emit-slurm", script, "cannot write this file (or " + list + ")");
    }
    jobsFile << jobLines;
    sbatch << "#!/bin/bash\n"
           << "# Written by vpn-sweep: one array task per missing run of the sweep into\n"
           << "# " << out << " (" << count << " runs). Submit: sbatch " << ShellQuote(script)
           << "\n"
           << "# Then merge: vpn-sweep --collect " << ShellQuote(out + "/results")
           << " --out=" << ShellQuote(out) << "\n"
           << "# Clusters cap array sizes (MaxArraySize, often 1001): split the job list\n"
           << "# if it is longer; add %N to --array to limit tasks running at once.\n"
           << "#SBATCH --job-name=vpn-sweep\n"
           << "#SBATCH --array=1-" << count << "\n"
           << "#SBATCH --ntasks=1\n"
           << "#SBATCH --cpus-per-task=1\n"
           << "#SBATCH --output=" << out << "/slurm/%A_%a.log\n"
           << "set -euo pipefail\n"
           << "line=\"$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" " << ShellQuote(list) << ")\"\n"
           << "exec bash -c \"$line\"\n";
    std::cerr << "vpn-sweep: wrote " << script << " (sbatch, --array=1-" << count << ") and "
              << list << std::endl;
}

uint32_t
VpnSweepRunner::RunAll(const std::string& scenario,
                       const std::vector<VpnSweepPoint>& grid,
                       const std::vector<VpnSweepJob>& todo,
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
            const VpnSweepJob& job = todo[next++];
            const VpnSweepPoint& p = grid[job.point];
            Child c;
            c.job = job;
            c.path = VpnSweepGrid::ResultPath(out, p, job.run);
            c.tmp = c.path + ".tmp";
            c.err = out + "/results/" + p.key + "/run-" + std::to_string(job.run) + ".err";
            if (!MakeDirs(out + "/results/" + p.key))
            {
                std::cerr << "\nvpn-sweep: cannot create " << out << "/results/" << p.key
                          << std::endl;
                return todo.size();
            }
            const pid_t pid = Launch(scenario, JobArgs(out, p, job), c);
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
            for (const auto& a : JobArgs(out, grid[c.job.point], c.job))
            {
                std::cerr << " " << a;
            }
            std::cerr << "; its stderr is in " << c.err
                      << (error.empty() ? std::string() : "; its output: " + error) << std::endl;
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

std::vector<VpnRunRecord>
VpnSweepRunner::ReadResults(const std::string& out,
                            const std::vector<VpnSweepPoint>& grid,
                            uint32_t runs)
{
    std::vector<VpnRunRecord> records;
    for (uint32_t r = 1; r <= runs; ++r)
    {
        for (const auto& p : grid)
        {
            const std::string path = VpnSweepGrid::ResultPath(out, p, r);
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
    return records;
}

std::vector<VpnRunRecord>
VpnSweepRunner::Collect(const std::vector<std::string>& dirs)
{
    std::vector<VpnRunRecord> runs;
    std::set<std::string> seen;
    size_t duplicates = 0;
    for (const auto& dir : dirs)
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
            // A run is its config (every flag, every ns-3 attribute it set, its seeds): two
            // files of the same config are one run; runs that differ in an ns-3 attribute
            // alone (a --grid over it) are not. Files without a config (before 0.3) fall back
            // to the scenario's parameters and the run.
            std::string identity;
            for (const auto& [field, value] : record.fields)
            {
                if (field.rfind("config.", 0) == 0)
                {
                    identity += field + "=" + value.text + "\x1f";
                }
            }
            if (identity.empty())
            {
                for (const auto& [field, value] : VpnSweepStats::KeyOf(record))
                {
                    identity += value + "\x1f";
                }
                identity += record.Text("run");
            }
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
    return runs;
}

std::vector<std::string>
VpnSweepRunner::Plot(const std::string& dir, const std::vector<std::string>& scripts)
{
    std::vector<std::string> figures;
    for (const auto& script : scripts)
    {
        const std::string command =
            "cd " + ShellQuote(dir) + " && gnuplot " + ShellQuote(script) + " 2>/dev/null";
        if (std::system(command.c_str()) != 0)
        {
            return {};
        }
        const std::string stem = dir + "/" + script.substr(0, script.rfind('.'));
        figures.push_back(stem + ".png");
        figures.push_back(stem + ".svg");
    }
    return figures;
}

bool
VpnSweepRunner::Report(const std::string& out,
                       std::vector<VpnRunRecord> runs,
                       const VpnSweepBaseline& baseline)
{
    if (!MakeDirs(out))
    {
        std::cerr << "vpn-sweep: cannot create " << out << std::endl;
        return false;
    }
    VpnSweepResults::PromoteOverrides(runs);
    VpnSweepResults::Sort(runs);
    std::string error;
    if (!baseline.field.empty() && !VpnSweepStats::CheckBaseline(runs, baseline, error))
    {
        VpnCli::Fail("baseline", baseline.field + "=" + baseline.value, error);
    }
    const std::vector<VpnSweepSummary> summaries = VpnSweepStats::Summarize(runs, baseline);
    {
        std::ofstream csv(out + "/runs.csv");
        VpnSweepResults::WriteRunsCsv(csv, runs);
    }
    {
        std::ofstream csv(out + "/summary.csv");
        VpnSweepResults::WriteSummaryCsv(csv, summaries);
    }
    VpnSweepResults::WriteTable(std::cout, summaries);
    const std::vector<std::string> scripts = VpnSweepPlots::WriteSweepScripts(out, summaries);
    const std::vector<std::string> figures = Plot(out, scripts);
    std::cerr << "vpn-sweep: wrote " << out << "/runs.csv, " << out << "/summary.csv";
    for (const auto& figure : figures)
    {
        std::cerr << ", " << figure;
    }
    if (figures.empty() && !scripts.empty())
    {
        std::cerr << " and the gnuplot scripts (gnuplot failed or is missing: no figures)";
    }
    std::cerr << std::endl;
    return true;
}

namespace
{

/**
 * \param seconds seconds since the epoch
 * \return that time in UTC, ISO 8601 (2026-12-01T16:30:00Z)
 */
std::string
IsoUtc(int64_t seconds)
{
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

bool
VpnSweepRunner::WriteManifest(const std::string& out,
                              int argc,
                              char* argv[],
                              const std::vector<VpnSweepPoint>& grid,
                              uint32_t runs,
                              int64_t started,
                              int64_t ended)
{
    nlohmann::ordered_json m;
    m["command"] = std::vector<std::string>(argv, argv + argc);
    m["module_version"] = compat::VpnVersion();
    const std::string commit = VPN_GIT_COMMIT; // CMakeLists.txt; "" outside a git checkout
    m["module_commit"] = commit.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(commit);
    m["ns3_version"] = compat::Ns3Release();
    m["runs"] = runs;
    m["rng_runs"] = {1, runs};
    m["configurations"] = grid.size();
    m["grid"] = nlohmann::ordered_json::array();
    for (const auto& point : grid)
    {
        m["grid"].push_back({{"key", point.key}, {"args", point.args}});
    }
    m["started"] = IsoUtc(started);
    m["ended"] = ended > 0 ? nlohmann::ordered_json(IsoUtc(ended)) : nlohmann::ordered_json();
    const std::string path = out + "/manifest.json";
    {
        std::ofstream file(path + ".tmp");
        file << m.dump(2) << "\n";
        if (!file)
        {
            return false;
        }
    }
    return std::rename((path + ".tmp").c_str(), path.c_str()) == 0;
}

} // namespace ns3
