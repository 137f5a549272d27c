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
 * DIR/runs.csv, DIR/summary.csv, a table on stdout,
 * DIR/{availability,data-availability,goodput,survival}.{png,svg} (gnuplot; the scripts and data
 * beside them), and DIR/manifest.json (the command line, the grid, versions, start and end).
 *
 * --baseline KEY=VALUE adds paired differences: each configuration against the one of the same
 * key but KEY=VALUE, run r with run r.
 * One run over time: --timeline RUN.json... --out=DIR draws DIR/timeline.{png,svg} from the
 * time series each run's JSON names (its "timeseries" field): inner goodput and tunnel state
 * against time, with each run's first loss, stall and first failure marked.
 *
 * Beyond one machine: --emit-jobs prints one shell command per missing run (absolute paths: they
 * run anywhere on a shared file system, e.g. through GNU parallel), --emit-slurm=FILE writes a
 * SLURM array script over that list, and --collect DIR... merges result files from anywhere.
 *
 * Every flag is checked: a bad value prints one line on stderr naming the flag and what is
 * accepted, and the program exits with status 2.
 */

#include "vpn-sweep-grid.h"
#include "vpn-sweep-plots.h"
#include "vpn-sweep-results.h"
#include "vpn-sweep-runner.h"
#include "vpn-sweep-stats.h"

#include "ns3/vpn-module.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>
#include <unistd.h>

using namespace ns3;

int
main(int argc, char* argv[])
{
    // What to sweep, and where the results go.
    const VpnSweepOptions o = VpnSweepGrid::Parse(argc, argv);
    const std::string out = VpnSweepRunner::Absolute(o.Get("out", "sweep-out"));

    // --collect: merge result files from anywhere into one report.
    if (o.collectGiven)
    {
        VpnSweepGrid::CheckOutOnly(o);
        return VpnSweepRunner::Report(out, VpnSweepRunner::Collect(o.collect), o.baseline) ? 0 : 1;
    }

    // --timeline: a few runs over time, from the time series their JSON files name.
    if (o.timelineGiven)
    {
        VpnSweepGrid::CheckOutOnly(o);
        std::vector<VpnTimelineRun> timeline;
        for (const auto& path : o.timeline)
        {
            VpnRunRecord record;
            VpnTimelineRun run;
            std::string error;
            if (!VpnSweepResults::ReadFile(path, record, error) ||
                !VpnSweepPlots::ReadTimeline(record, run, error))
            {
                // One line, the file named once (the readers' messages start with it).
                const std::string named = path + ": ";
                VpnCli::Fail("timeline",
                             path,
                             error.rfind(named, 0) == 0 ? error.substr(named.size()) : error);
            }
            timeline.push_back(run);
        }
        if (!VpnSweepRunner::MakeDirs(out))
        {
            VpnCli::Fail("out", out, "cannot create this folder");
        }
        const std::string script = VpnSweepPlots::WriteTimelineScript(out, timeline);
        const std::vector<std::string> figures = VpnSweepRunner::Plot(out, {script});
        std::cerr << "vpn-sweep: wrote " << out << "/" << script;
        for (const auto& figure : figures)
        {
            std::cerr << ", " << figure;
        }
        std::cerr << (figures.empty() ? " (gnuplot failed or is missing: no figures)" : "")
                  << std::endl;
        return figures.empty() ? 1 : 0;
    }

    // The grid of configurations, R runs of each, and the program that runs one.
    const uint32_t runs = VpnCli::Integer("runs", o.Get("runs", "10"), 1, 1000000);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const uint32_t jobs = VpnCli::Integer("jobs", o.Get("jobs", std::to_string(cores)), 1, 4096);
    const std::vector<VpnSweepPoint> grid = VpnSweepGrid::Build(o, o.Get("duration", "60"));
    VpnSweepGrid::CheckBaseline(o, grid);
    const std::string scenario =
        VpnSweepRunner::Absolute(o.Get("scenario", VpnSweepRunner::DefaultScenario(argv[0])));
    if (access(scenario.c_str(), X_OK) != 0)
    {
        VpnCli::Fail("scenario",
                     scenario,
                     "not an executable; expected the path of the vpn-scenario program");
    }

    // A rerun into the same folder does only the runs that have no result yet.
    size_t skipped = 0;
    const std::vector<VpnSweepJob> todo =
        VpnSweepRunner::Missing(out, grid, runs, skipped, VpnSweepGrid::TimeseriesRuns(o, runs));

    // Beyond one machine: hand the missing runs to a shell, GNU parallel or SLURM, and stop.
    if (o.emitJobs || o.values.count("emit-slurm"))
    {
        const std::string lines = VpnSweepRunner::EmitJobs(scenario, grid, todo, out);
        if (o.emitJobs)
        {
            std::cout << lines;
        }
        if (o.values.count("emit-slurm"))
        {
            VpnSweepRunner::WriteSlurm(VpnSweepRunner::Absolute(o.values.at("emit-slurm")),
                                       lines,
                                       todo.size(),
                                       out);
        }
        if (todo.empty())
        {
            std::cerr << "vpn-sweep: every run is already done in " << out << std::endl;
        }
        return 0;
    }

    // Here: run them, --jobs at a time, then report every run the folder holds.
    if (!VpnSweepRunner::MakeDirs(out + "/results"))
    {
        VpnCli::Fail("out", out, "cannot create this folder");
    }
    std::cerr << "vpn-sweep: " << grid.size() << " configurations x " << runs
              << " runs = " << grid.size() * runs << " runs (" << skipped << " already done), "
              << jobs << " at a time, into " << out << std::endl;
    const auto now = [] {
        return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
    };
    const int64_t started = now();
    if (!VpnSweepRunner::WriteManifest(out, argc, argv, grid, runs, started, 0))
    {
        VpnCli::Fail("out", out, "cannot write manifest.json in this folder");
    }
    const uint32_t failed = VpnSweepRunner::RunAll(scenario, grid, todo, skipped, out, jobs);
    VpnSweepRunner::WriteManifest(out, argc, argv, grid, runs, started, now());
    if (!VpnSweepRunner::Report(out, VpnSweepRunner::ReadResults(out, grid, runs), o.baseline))
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
