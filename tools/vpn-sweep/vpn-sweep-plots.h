/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_PLOTS_H
#define VPN_SWEEP_PLOTS_H

#include "vpn-sweep-results.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

struct VpnSweepSummary;

/**
 * \ingroup vpn
 * \brief One run over time, as a timeline figure draws it: client 0's samples of the run's
 * time-series CSV and the run's three event times.
 */
struct VpnTimelineRun
{
    std::string label;              //!< transport, firewall, loss and RngRun, for the legend
    std::string transport;          //!< the run's transport (its colour in the sweep figures)
    std::string series;             //!< the time-series CSV read
    std::vector<double> time;       //!< time_s of each sample of client 0 (end of its interval)
    std::vector<double> goodputBps; //!< inner_goodput_bps over the interval (NaN when empty)
    std::vector<std::string> state; //!< tunnel_state at time_s
    uint32_t clients{0};            //!< clients the CSV holds (1 + the highest client)
    double firstLoss{0};            //!< first_loss_s (NaN when null or absent)
    double stall{0};                //!< stall_s (NaN when null or absent)
    double firstFailure{0};         //!< first_failure_s (NaN when null or absent)
};

/**
 * \ingroup vpn
 * \brief Writes a sweep's gnuplot figures, and the timeline of a few runs (vpn-sweep
 * --timeline); the caller runs gnuplot on the scripts (VpnSweepRunner::Plot).
 *
 * Each script draws one figure twice, as NAME.png (pngcairo) and NAME.svg, from NAME.dat in the
 * same folder. The sweep figures put the metric against the loss rate, one panel per firewall
 * policy, loss in % on a categorical axis (0 included, evenly spaced), one colour per transport
 * (TransportColour: the same in every figure), one line style per variant (the key fields other
 * than transport, firewall and loss whose value differs between configurations), and 95 %
 * interval bars clipped to the metric's range. The legend names only what varies; the title
 * gives the runs per point and the simulated duration.
 */
class VpnSweepPlots
{
  public:
    /// The header line of a run's time-series CSV (vpn-scenario's timeseries field).
    static constexpr const char* TIME_SERIES_HEADER =
        "time_s,client,tunnel_state,inner_rx_bytes,inner_goodput_bps,outer_cwnd_bytes,"
        "outer_rtt_ms,fw_held,fw_dropped,wan_lost";

    /**
     * \param transport a transport's name (ctcp, natt, ...)
     * \return its colour, "#rrggbb": one of Okabe and Ito's colour-blind-safe palette for every
     * transport the module has, fixed by name; grey for any other
     */
    static std::string TransportColour(const std::string& transport);

    /**
     * Write the sweep's figures: availability, goodput and survival against loss ({NAME}.plt and
     * {NAME}.dat for each).
     * \param dir the folder
     * \param summaries from VpnSweepStats::Summarize (uses key, runs, survived, survival,
     * availability, goodput)
     * \return the scripts written (relative to dir); none when there is nothing to plot
     */
    static std::vector<std::string> WriteSweepScripts(
        const std::string& dir,
        const std::vector<VpnSweepSummary>& summaries);

    /**
     * Read a run's time series for its timeline: the CSV its record names in the field
     * timeseries (a relative path is taken from the record's folder when it exists there, else
     * from the working folder), client 0's rows, and the record's first_loss_s, stall_s and
     * first_failure_s.
     * \param record the run (VpnSweepResults::ReadFile)
     * \param [out] run what the timeline draws
     * \param [out] error one line: what is missing or malformed, and where
     * \return true on success
     */
    static bool ReadTimeline(const VpnRunRecord& record, VpnTimelineRun& run, std::string& error);

    /**
     * Write timeline.plt and timeline.dat: the inner goodput of every run against time (top),
     * the tunnel state (bottom: a step line per run, none/failed/down/connecting/up), and a
     * vertical marker at each run's first loss, stall and first failure where it has one.
     * \param dir the folder
     * \param runs the runs, in legend order (not empty)
     * \return the script written (relative to dir)
     */
    static std::string WriteTimelineScript(const std::string& dir,
                                           const std::vector<VpnTimelineRun>& runs);
};

} // namespace ns3

#endif /* VPN_SWEEP_PLOTS_H */
