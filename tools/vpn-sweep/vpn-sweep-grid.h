/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_GRID_H
#define VPN_SWEEP_GRID_H

#include "vpn-sweep-stats.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief What vpn-sweep's command line asked for, as given.
 */
struct VpnSweepOptions
{
    std::map<std::string, std::string> values; //!< flag -> text, for the flags given
    std::vector<std::string> collect;          //!< --collect folders
    bool collectGiven{false};                  //!< --collect was given
    std::vector<std::string> timeline;         //!< --timeline run files
    bool timelineGiven{false};                 //!< --timeline was given
    bool emitJobs{false};                      //!< --emit-jobs
    VpnSweepBaseline baseline;                 //!< --baseline KEY=VALUE (no field: none)
    /// --grid KEY=V1,V2: a vpn-scenario flag or ns3::Type::Attribute and its values, in order
    std::vector<std::pair<std::string, std::vector<std::string>>> grids;

    /**
     * \param flag a flag's name, without dashes
     * \param fallback returned when the flag was not given
     * \return the flag's text
     */
    std::string Get(const std::string& flag, const std::string& fallback) const;
};

/**
 * \ingroup vpn
 * \brief One grid point of a sweep: a configuration of the scenario.
 */
struct VpnSweepPoint
{
    std::string key;               //!< folder name under DIR/results
    std::vector<std::string> args; //!< vpn-scenario flags, without --RngRun
};

/**
 * \ingroup vpn
 * \brief vpn-sweep's command line and the grid of configurations it spans.
 *
 * Every flag is checked: a bad value prints one line on stderr naming the flag and what is
 * accepted, and the program exits with status 2 (VpnCli). Each grid point is checked with
 * VpnScenario::Validate before any run starts. A point's key names its folder of results; the
 * knobs held fixed for every run (the pass-through flags) add a short hash of their values.
 */
class VpnSweepGrid
{
  public:
    /** \return the pass-through flags: scenario knobs a sweep holds fixed */
    static const std::vector<std::string>& PassThroughFlags();

    /** \return the names of every vpn-sweep flag */
    static std::vector<std::string> Flags();

    /**
     * Print the usage text.
     * \param os where
     */
    static void Usage(std::ostream& os);

    /**
     * Read argv: --name=value, --name (for --emit-jobs, --help), --collect DIR...
     * \param argc as given to main
     * \param argv as given to main
     * \return the options; prints the usage and exits for --help, exits with status 2 on bad
     * input
     */
    static VpnSweepOptions Parse(int argc, char* argv[]);

    /**
     * Before any run: refuse a --baseline KEY that is no column of the sweep's summary (a
     * scenario parameter's key, VpnSweepStats::KeyFields, or the column of an ns-3 attribute
     * the sweep sets), and a VALUE no grid point has where the points' flags show it (the grid's
     * own flags and --grid KEY; other values are checked against the runs when they are read,
     * VpnSweepRunner::Report). Exits with status 2 naming --baseline.
     * \param o the options
     * \param grid the grid (Build)
     */
    static void CheckBaseline(const VpnSweepOptions& o, const std::vector<VpnSweepPoint>& grid);

    /**
     * Refuse every flag but --out (and --baseline) beside --collect, every flag but --out
     * beside --timeline, and the two together (exits with status 2 naming the first).
     * \param o the options, with --collect or --timeline given
     */
    static void CheckOutOnly(const VpnSweepOptions& o);

    /**
     * The grid: every combination of the list flags, each checked with VpnScenario::Validate.
     * \param o the options
     * \param duration the --duration text
     * \return the grid points, in a fixed order, without duplicates
     */
    static std::vector<VpnSweepPoint> Build(const VpnSweepOptions& o, const std::string& duration);

    /**
     * \param out the output folder
     * \param p a grid point
     * \param run the run
     * \return the path of that run's result file
     */
    static std::string ResultPath(const std::string& out, const VpnSweepPoint& p, uint32_t run);

    /**
     * \param out the output folder
     * \param p a grid point
     * \param run the run
     * \return the path of that run's time series (beside its result file)
     */
    static std::string TimeseriesPath(const std::string& out, const VpnSweepPoint& p, uint32_t run);

    /**
     * \param o the options
     * \param runs runs per grid point
     * \return the runs --timeseries-runs names (each in 1..runs; exits with status 2 otherwise)
     */
    static std::set<uint32_t> TimeseriesRuns(const VpnSweepOptions& o, uint32_t runs);
};

} // namespace ns3

#endif /* VPN_SWEEP_GRID_H */
