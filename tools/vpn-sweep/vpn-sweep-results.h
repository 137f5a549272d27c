/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SWEEP_RESULTS_H
#define VPN_SWEEP_RESULTS_H

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

struct VpnSweepSummary;

/**
 * \ingroup vpn
 * \brief One value of a run's JSON object, kept as the text that was read.
 *
 * Numbers keep their exact text, so a CSV written from them repeats what the scenario printed,
 * byte for byte, whichever machine read the file.
 */
struct VpnJsonValue
{
    /** What the text is. */
    enum Kind
    {
        STRING, //!< a JSON string (text holds it unescaped)
        NUMBER, //!< a JSON number (text as written); true and false read as 1 and 0
        NONE    //!< JSON null (text is empty)
    };

    Kind kind{NONE};  //!< the kind of value
    std::string text; //!< the value as text
};

/**
 * \ingroup vpn
 * \brief One run's result: the flat JSON object vpn-scenario prints, field by field in order.
 *
 * Members of a nested object are flattened to "parent.member" (the scenario's fw_drops object:
 * "fw_drops.tcp-buffer-full").
 */
struct VpnRunRecord
{
    std::vector<std::pair<std::string, VpnJsonValue>> fields; //!< key and value, as read
    std::string source;                                       //!< file it came from ("" if none)

    /**
     * \param key a field name
     * \return the field, or nullptr when absent
     */
    const VpnJsonValue* Find(const std::string& key) const;

    /**
     * \param key a field name
     * \param fallback returned when the field is absent, null or not a number
     * \return the field as a number
     */
    double Number(const std::string& key, double fallback) const;

    /**
     * \param key a field name
     * \return the field's text ("" when absent or null)
     */
    std::string Text(const std::string& key) const;
};

/**
 * \ingroup vpn
 * \brief Reads the result files of vpn-scenario runs and writes a sweep's CSVs, table and plots.
 *
 * A result file holds one JSON object on one line, as vpn-scenario prints it: strings, numbers,
 * null, one level of nested object (fw_drops) and arrays of strings (warnings: read as the
 * strings joined with "; " and a count, warnings_count, so a record stays flat). The reader is
 * deliberately minimal: it accepts exactly that and names what it cannot read.
 */
class VpnSweepResults
{
  public:
    /**
     * Parse one JSON object.
     * \param text the object (surrounding white space allowed)
     * \param [out] record the fields, in order
     * \param [out] error what is wrong, on failure
     * \return true on success
     */
    static bool ParseJson(const std::string& text, VpnRunRecord& record, std::string& error);

    /**
     * Read one result file.
     * \param path the file
     * \param [out] record the fields (source is set to path)
     * \param [out] error what is wrong, on failure
     * \return true on success
     */
    static bool ReadFile(const std::string& path, VpnRunRecord& record, std::string& error);

    /**
     * \param dir a folder
     * \return every result file (name ending in ".json") below it, recursively, sorted
     */
    static std::vector<std::string> FindResultFiles(const std::string& dir);

    /**
     * Order runs as the CSVs list them: by configuration (VpnSweepStats::Compare), then by run.
     * \param runs the runs, sorted in place
     */
    static void Sort(std::vector<VpnRunRecord>& runs);

    /**
     * Make the ns-3 attributes and global values the runs' "config" sets (a sweep's fixed
     * --ns3::... flags and its --grid over them) columns and key fields, varying or not: each
     * becomes a field of every run, named as a column (ns3::CtcpCarrier::AckPolicy is
     * CtcpCarrier_AckPolicy), empty in a run that did not set it, and an extra key field
     * (VpnSweepStats::SetExtraKeyFields). The scenario's own flags and the seeds are columns
     * already (VpnScenario::ParameterKeys, rng_seed, run).
     * \param runs the runs; the fields are added in place
     * \return the new key fields, in the order the configs list them
     */
    static std::vector<std::string> PromoteOverrides(std::vector<VpnRunRecord>& runs);

    /**
     * \param name an ns-3 attribute or global value (ns3::CtcpCarrier::AckPolicy)
     * \return its column (CtcpCarrier_AckPolicy), as PromoteOverrides names it
     */
    static std::string AttributeColumn(const std::string& name);

    /**
     * One row per run, one fixed set of columns whatever the runs met: every key of the run's
     * JSON in its order (the config aside: its ns-3 attributes are columns after
     * PromoteOverrides), and a fw_drop_REASON column for every reason the firewall can name
     * (FirewallDropReason, `-` written `_`: fw_drop_tcp_buffer_full), 0 where a run has none.
     * \param os where to write
     * \param runs the runs, in the order to write them
     */
    static void WriteRunsCsv(std::ostream& os, const std::vector<VpnRunRecord>& runs);

    /**
     * One row per configuration, one fixed set of columns (doc/vpn.rst defines each): key
     * fields, n (runs), level (of every interval, 0.95), survival with its Wilson interval;
     * mean availability, goodput, data_availability and detection_s with Student-t intervals
     * clipped to their ranges; Kaplan-Meier medians and restricted means of the times to
     * failure and to a data stall; warned runs; the paired differences against the baseline
     * (empty without one). An undefined value is an empty cell.
     * \param os where to write
     * \param summaries from VpnSweepStats::Summarize
     */
    static void WriteSummaryCsv(std::ostream& os, const std::vector<VpnSweepSummary>& summaries);

    /**
     * A readable table, one row per configuration, aligned columns; key fields that are the same
     * in every row are printed once above it. With a baseline, a second table of the paired
     * differences; then notes on the intervals and marks ([n<2], =, >T, n/a, and the rows' !
     * warnings, each warning once).
     * \param os where to write
     * \param summaries from VpnSweepStats::Summarize
     */
    static void WriteTable(std::ostream& os, const std::vector<VpnSweepSummary>& summaries);

    /**
     * Format a number for the CSVs: "%.6g", empty for NaN.
     * \param value the number
     * \return its text
     */
    static std::string Format(double value);
};

} // namespace ns3

#endif /* VPN_SWEEP_RESULTS_H */
