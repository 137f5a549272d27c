/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_RUNNER_H
#define VPN_SWEEP_RUNNER_H

#include "vpn-sweep-grid.h"
#include "vpn-sweep-results.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief One run of a sweep to do.
 */
struct VpnSweepJob
{
    size_t point;           //!< index into the grid
    uint32_t run;           //!< RngRun
    bool timeseries{false}; //!< the run also writes its time series
};

/**
 * \ingroup vpn
 * \brief Runs a sweep's jobs, each a separate vpn-scenario process, and reports the results.
 *
 * A run's JSON goes to a temp file, renamed to its result file when the run succeeds: a killed
 * sweep (SIGINT, SIGTERM) loses only the runs in flight, its children die with it, and a rerun
 * with the same output folder skips the finished runs. For runs elsewhere, EmitJobs() writes
 * one shell command per run and WriteSlurm() an sbatch array script over them.
 */
class VpnSweepRunner
{
  public:
    /**
     * \param path a path
     * \return it made absolute (the folder need not exist yet)
     */
    static std::string Absolute(const std::string& path);

    /**
     * mkdir -p.
     * \param path a folder
     * \return true if it exists afterwards
     */
    static bool MakeDirs(const std::string& path);

    /**
     * \param path a file
     * \return true if it exists
     */
    static bool Exists(const std::string& path);

    /**
     * \param text a word
     * \return it quoted for a POSIX shell when it needs quoting
     */
    static std::string ShellQuote(const std::string& text);

    /**
     * \param argv0 argv[0]
     * \return the vpn-scenario program next to this one
     */
    static std::string DefaultScenario(const char* argv0);

    /**
     * The runs of a grid that have no result file in the output folder yet.
     * \param out the output folder
     * \param grid the grid
     * \param runs runs per grid point (RngRun 1..runs)
     * \param [out] skipped the number of runs already done
     * \param keep the runs that also write their time series (--timeseries-runs)
     * \return the runs to do, run by run
     */
    static std::vector<VpnSweepJob> Missing(const std::string& out,
                                            const std::vector<VpnSweepPoint>& grid,
                                            uint32_t runs,
                                            size_t& skipped,
                                            const std::set<uint32_t>& keep = {});

    /**
     * \param out the output folder
     * \param p the job's grid point
     * \param job a job
     * \return the vpn-scenario flags of the job: the point's, --RngRun and, when it keeps one,
     * --timeseries
     */
    static std::vector<std::string> JobArgs(const std::string& out,
                                            const VpnSweepPoint& p,
                                            const VpnSweepJob& job);

    /**
     * One shell command per job: make its folder, run vpn-scenario into a temp file, rename it.
     * \param scenario the program
     * \param grid the grid
     * \param todo the runs to do
     * \param out the output folder
     * \return the commands, one a line
     */
    static std::string EmitJobs(const std::string& scenario,
                                const std::vector<VpnSweepPoint>& grid,
                                const std::vector<VpnSweepJob>& todo,
                                const std::string& out);

    /**
     * Write a SLURM array script, one task per line of its job list FILE.jobs; exits with
     * status 2 (naming --emit-slurm) when a file cannot be written.
     * \param script the script's path
     * \param jobLines the commands (EmitJobs)
     * \param count how many there are
     * \param out the output folder
     */
    static void WriteSlurm(const std::string& script,
                           const std::string& jobLines,
                           size_t count,
                           const std::string& out);

    /**
     * Run the jobs, at most jobs at a time, with a progress line on stderr. On SIGINT or
     * SIGTERM, end the children, remove their temp files and exit with 128 + the signal.
     * \param scenario the program
     * \param grid the grid
     * \param todo the runs to do
     * \param skipped runs already done (for the progress line)
     * \param out the output folder
     * \param jobs parallelism
     * \return the number of runs that failed
     */
    static uint32_t RunAll(const std::string& scenario,
                           const std::vector<VpnSweepPoint>& grid,
                           const std::vector<VpnSweepJob>& todo,
                           size_t skipped,
                           const std::string& out,
                           uint32_t jobs);

    /**
     * Read every result file of the grid's runs that exists (a file that cannot be read is
     * named on stderr and left out).
     * \param out the output folder
     * \param grid the grid
     * \param runs runs per grid point
     * \return the records, run by run
     */
    static std::vector<VpnRunRecord> ReadResults(const std::string& out,
                                                 const std::vector<VpnSweepPoint>& grid,
                                                 uint32_t runs);

    /**
     * Merge result files found under folders (--collect): files that cannot be read and second
     * copies of the same run are left out, and counted on stderr.
     * \param dirs the folders
     * \return the records
     */
    static std::vector<VpnRunRecord> Collect(const std::vector<std::string>& dirs);

    /**
     * Run gnuplot on scripts in their folder (VpnSweepPlots writes them).
     * \param dir the folder
     * \param scripts the scripts, relative to dir
     * \return the figures written (DIR/NAME.png and DIR/NAME.svg of each script), none when
     * gnuplot failed or is missing (its messages are not shown)
     */
    static std::vector<std::string> Plot(const std::string& dir,
                                         const std::vector<std::string>& scripts);

    /**
     * Write the CSVs, the table and the plots for a set of runs. A baseline the runs do not
     * have (VpnSweepStats::CheckBaseline) exits with status 2 naming --baseline, before writing.
     * \param out the output folder
     * \param runs the runs
     * \param baseline --baseline (no field: none)
     * \return true on success
     */
    static bool Report(const std::string& out,
                       std::vector<VpnRunRecord> runs,
                       const VpnSweepBaseline& baseline);

    /**
     * Write DIR/manifest.json: what made the folder's results. The command line, the grid
     * (each configuration's key and its vpn-scenario flags), runs and RngRuns, the module's and
     * ns-3's versions, and the start and end (UTC, ISO 8601; end null while it runs). Written
     * at the start and again at the end of a sweep (through a temp file and a rename).
     * \param out the output folder
     * \param argc as given to main
     * \param argv as given to main
     * \param grid the configurations
     * \param runs runs per configuration
     * \param started when the sweep started (seconds since the epoch)
     * \param ended when it ended (seconds since the epoch), or 0 while it runs
     * \return false when the file cannot be written
     */
    static bool WriteManifest(const std::string& out,
                              int argc,
                              char* argv[],
                              const std::vector<VpnSweepPoint>& grid,
                              uint32_t runs,
                              int64_t started,
                              int64_t ended);
};

} // namespace ns3

#endif /* VPN_SWEEP_RUNNER_H */
