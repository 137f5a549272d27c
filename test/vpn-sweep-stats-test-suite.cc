/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sweep's statistics and result files: Wilson and Student-t intervals against arithmetic done
 * without GSL, the JSON reader on a line as vpn-scenario prints it (fw_drops, null), the CSVs,
 * and the summary of a small synthetic set of runs.
 */

#include "../tools/vpn-sweep/vpn-sweep-results.h"
#include "../tools/vpn-sweep/vpn-sweep-stats.h"

#include "ns3/test.h"

#include <cmath>
#include <sstream>

using namespace ns3;

namespace
{

/// z for a two-sided 95 % interval: the 0.975 quantile of N(0,1), from printed tables.
constexpr double Z95 = 1.959964;
/// Student's t 0.975 quantile with 4 degrees of freedom, from printed tables.
constexpr double T95_DOF4 = 2.776445;
/// Student's t 0.975 quantile with 3 degrees of freedom, from printed tables.
constexpr double T95_DOF3 = 3.182446;

/**
 * \param fields key=value pairs of a synthetic run (numbers as text)
 * \return the run
 */
VpnRunRecord
SyntheticRun(const std::vector<std::pair<std::string, std::string>>& fields)
{
    VpnRunRecord r;
    for (const auto& [key, text] : fields)
    {
        VpnJsonValue v;
        v.kind = text == "null" ? VpnJsonValue::NONE : VpnJsonValue::NUMBER;
        v.text = text == "null" ? "" : text;
        r.fields.emplace_back(key, v);
    }
    return r;
}

} // namespace

/**
 * \ingroup vpn
 * The quantiles and the two intervals against hand arithmetic.
 */
class VpnSweepIntervalTestCase : public TestCase
{
  public:
    VpnSweepIntervalTestCase()
        : TestCase("Wilson and Student-t intervals against arithmetic without GSL")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ_TOL(VpnSweepStats::NormalQuantile(0.95), Z95, 1e-6, "z(0.975)");
        NS_TEST_ASSERT_MSG_EQ_TOL(VpnSweepStats::StudentQuantile(0.95, 4),
                                  T95_DOF4,
                                  1e-6,
                                  "t(0.975, 4)");
        NS_TEST_ASSERT_MSG_EQ_TOL(VpnSweepStats::StudentQuantile(0.95, 3),
                                  T95_DOF3,
                                  1e-6,
                                  "t(0.975, 3)");

        // Wilson, 8 of 10: p = 0.8, z^2 = 3.841459, z^2/n = 0.3841459, denominator 1.3841459;
        // centre = (0.8 + 0.1920730) / 1.3841459 = 0.7167402;
        // half = 1.959964 * sqrt(0.8 * 0.2 / 10 + 3.841459 / 400) / 1.3841459
        //      = 1.959964 * sqrt(0.016 + 0.0096036) / 1.3841459 = 0.2265778;
        // interval [0.4901625, 0.9433178].
        VpnInterval w = VpnSweepStats::Wilson(8, 10);
        NS_TEST_ASSERT_MSG_EQ_TOL(w.mean, 0.8, 1e-12, "8/10");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.lo, 0.4901625, 1e-6, "Wilson lower bound, 8/10");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.hi, 0.9433178, 1e-6, "Wilson upper bound, 8/10");

        // 0 of 10: centre = (z^2/20) / 1.3841459 = 0.1387664 = half; interval [0, 0.2775328]
        // (not the normal approximation's degenerate [0, 0]).
        w = VpnSweepStats::Wilson(0, 10);
        NS_TEST_ASSERT_MSG_EQ_TOL(w.lo, 0.0, 1e-9, "Wilson lower bound, 0/10");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.hi, 0.2775328, 1e-6, "Wilson upper bound, 0/10");
        // 10 of 10 mirrors it: [1 - 0.2775328, 1].
        w = VpnSweepStats::Wilson(10, 10);
        NS_TEST_ASSERT_MSG_EQ_TOL(w.lo, 0.7224672, 1e-6, "Wilson lower bound, 10/10");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.hi, 1.0, 1e-9, "Wilson upper bound, 10/10");
        w = VpnSweepStats::Wilson(0, 0);
        NS_TEST_ASSERT_MSG_EQ((std::isnan(w.mean) && std::isnan(w.lo)), true, "no runs: undefined");

        // Student-t, {1, 2, 3, 4, 5}: mean 3, s^2 = (4 + 1 + 0 + 1 + 4) / 4 = 2.5,
        // s = 1.5811388, s / sqrt(5) = 0.7071068, half = 2.776445 * 0.7071068 = 1.9632432;
        // interval [1.0367568, 4.9632432].
        VpnInterval t = VpnSweepStats::StudentMean({1, 2, 3, 4, 5});
        NS_TEST_ASSERT_MSG_EQ_TOL(t.mean, 3.0, 1e-12, "mean of 1..5");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.lo, 1.0367568, 1e-6, "t lower bound");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.hi, 4.9632432, 1e-6, "t upper bound");

        // {0.9, 0.95, 1.0, 0.85}: mean 0.925, s^2 = (0.000625 + 0.000625 + 0.005625 + 0.005625)
        // / 3 = 0.0041667, s = 0.0645497, half = 3.182446 * 0.0645497 / 2 = 0.1027130.
        t = VpnSweepStats::StudentMean({0.9, 0.95, 1.0, 0.85});
        NS_TEST_ASSERT_MSG_EQ_TOL(t.lo, 0.8222870, 1e-6, "t lower bound, n = 4");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.hi, 1.0277130, 1e-6, "t upper bound, n = 4");

        // One observation: a mean, no interval. None: nothing.
        t = VpnSweepStats::StudentMean({7});
        NS_TEST_ASSERT_MSG_EQ(t.mean, 7.0, "mean of one");
        NS_TEST_ASSERT_MSG_EQ((std::isnan(t.lo) && std::isnan(t.hi)), true, "n = 1: no interval");
        t = VpnSweepStats::StudentMean({});
        NS_TEST_ASSERT_MSG_EQ(std::isnan(t.mean), true, "n = 0: no mean");
        // Constant sample: a zero-width interval.
        t = VpnSweepStats::StudentMean({2, 2, 2});
        NS_TEST_ASSERT_MSG_EQ((t.lo == 2.0 && t.hi == 2.0), true, "constant sample");
    }
};

/**
 * \ingroup vpn
 * The JSON reader on the scenario's own line format, and its refusals.
 */
class VpnSweepJsonTestCase : public TestCase
{
  public:
    VpnSweepJsonTestCase()
        : TestCase("JSON reader: strings, numbers, null, fw_drops; malformed input refused")
    {
    }

  private:
    void DoRun() override
    {
        const std::string line =
            "{\"transport\": \"ctcp\", \"firewall\": \"inspect\", \"bypass\": 0, "
            "\"loss\": 0.005, \"run\": 3, \"tunnel_failures\": 1, \"first_failure_s\": 41.25, "
            "\"completion_s\": null, \"inner_goodput_bps\": 1.5e6, "
            "\"fw_drops\": {\"tcp-buffer-full\": 12, \"tcp-buffer-timeout\": 3}, "
            "\"wall_s\": 0.42}\n";
        VpnRunRecord r;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(line, r, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(r.fields.size(), 12, "ten top-level values + two fw_drops members");
        NS_TEST_ASSERT_MSG_EQ(r.Text("transport"), "ctcp", "string");
        NS_TEST_ASSERT_MSG_EQ(r.Find("transport")->kind, VpnJsonValue::STRING, "string kind");
        NS_TEST_ASSERT_MSG_EQ(r.Text("loss"), "0.005", "number text kept as written");
        NS_TEST_ASSERT_MSG_EQ(r.Number("inner_goodput_bps", -1), 1.5e6, "exponent");
        NS_TEST_ASSERT_MSG_EQ(r.Find("completion_s")->kind, VpnJsonValue::NONE, "null");
        NS_TEST_ASSERT_MSG_EQ(r.Number("completion_s", -7), -7, "null is not a number");
        NS_TEST_ASSERT_MSG_EQ(r.Number("fw_drops.tcp-buffer-full", 0), 12, "nested member");
        NS_TEST_ASSERT_MSG_EQ(r.fields[9].first, "fw_drops.tcp-buffer-full", "order kept");
        NS_TEST_ASSERT_MSG_EQ(r.Find("absent"), nullptr, "absent key");

        VpnRunRecord empty;
        NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson("{\"fw_drops\": {}}", empty, error),
                              true,
                              error);
        NS_TEST_ASSERT_MSG_EQ(empty.fields.size(), 0, "an empty fw_drops adds no field");

        for (const std::string bad : {"",
                                      "{",
                                      "{\"a\": }",
                                      "{\"a\" 1}",
                                      "{\"a\": 1,}",
                                      "{\"a\": 1} x",
                                      "{\"a\": {\"b\": {\"c\": 1}}}",
                                      "{\"a\": \"open}",
                                      "{\"a\": 1e}",
                                      "[1]"})
        {
            VpnRunRecord ignored;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(bad, ignored, error),
                                  false,
                                  "must refuse: " << bad);
            NS_TEST_ASSERT_MSG_NE(error, "", "a reason for " << bad);
        }

        // runs.csv: one column per key; a fw_drop_<reason> column for each of the firewall's
        // ten reasons in FirewallDropReason's order, `-` as `_`, 0 where a run has none; a
        // reason the module does not know (tcp-from-elsewhere) after them.
        VpnRunRecord other;
        NS_TEST_ASSERT_MSG_EQ(
            VpnSweepResults::ParseJson(
                "{\"transport\": \"natt\", \"firewall\": \"inspect\", \"bypass\": 0, "
                "\"loss\": 0.005, \"run\": 1, \"tunnel_failures\": 0, \"first_failure_s\": null, "
                "\"completion_s\": null, \"inner_goodput_bps\": 2e6, "
                "\"fw_drops\": {\"tcp-not-syn\": 1, \"tcp-from-elsewhere\": 7}, \"wall_s\": 0.5}",
                other,
                error),
            true,
            error);
        std::ostringstream csv;
        VpnSweepResults::WriteRunsCsv(csv, {r, other});
        NS_TEST_ASSERT_MSG_EQ(csv.str(),
                              "transport,firewall,bypass,loss,run,tunnel_failures,"
                              "first_failure_s,completion_s,inner_goodput_bps,"
                              "fw_drop_tcp_not_syn,fw_drop_tcp_3whs_failed,"
                              "fw_drop_tcp_seq_past_win,fw_drop_tcp_invalid_ack,"
                              "fw_drop_tcp_rstfin_ooo,fw_drop_tcp_buffer_full,"
                              "fw_drop_tcp_buffer_timeout,fw_drop_tcp_dup_in_queue,"
                              "fw_drop_invalid_tcp_hdr_length,fw_drop_acl_drop,"
                              "fw_drop_tcp_from_elsewhere,wall_s\n"
                              "ctcp,inspect,0,0.005,3,1,41.25,,1.5e6,0,0,0,0,0,12,3,0,0,0,0,0.42\n"
                              "natt,inspect,0,0.005,1,0,,,2e6,1,0,0,0,0,0,0,0,0,0,7,0.5\n",
                              "runs.csv");
    }
};

/**
 * \ingroup vpn
 * The summary of a synthetic set of runs: grouping, ordering, counts and intervals.
 */
class VpnSweepSummaryTestCase : public TestCase
{
  public:
    VpnSweepSummaryTestCase()
        : TestCase("Summary of a synthetic set: groups, order, survival, means, time to failure")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<VpnRunRecord> runs;
        // Configuration B (loss 0.01): 5 runs, availability 1..5 / 10, two failures at 10 s and
        // 20 s. Configuration A (loss 0.002, listed second but sorted first): one clean run.
        // loss "0.01" must sort after "0.002" as a number (as text, "0.01" < "0.002").
        for (int i = 1; i <= 5; ++i)
        {
            const bool failed = i <= 2;
            runs.push_back(
                SyntheticRun({{"loss", "0.01"},
                              {"run", std::to_string(6 - i)},
                              {"tunnel_failures", failed ? "1" : "0"},
                              {"first_failure_s", failed ? std::to_string(10 * i) : "null"},
                              {"availability", std::to_string(i / 10.0)},
                              {"inner_goodput_bps", std::to_string(i)}}));
        }
        runs.push_back(SyntheticRun({{"loss", "0.002"},
                                     {"run", "1"},
                                     {"tunnel_failures", "0"},
                                     {"first_failure_s", "null"},
                                     {"availability", "1"},
                                     {"inner_goodput_bps", "9"}}));

        const std::vector<VpnSweepSummary> s = VpnSweepStats::Summarize(runs);
        NS_TEST_ASSERT_MSG_EQ(s.size(), 2, "two configurations");
        NS_TEST_ASSERT_MSG_EQ(s[0].key[4].second, "0.002", "numeric order of loss");
        NS_TEST_ASSERT_MSG_EQ(s[0].runs, 1, "one run");
        NS_TEST_ASSERT_MSG_EQ(s[0].survival.mean, 1.0, "survived");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[0].availability.lo), true, "n = 1: no interval");
        NS_TEST_ASSERT_MSG_EQ(s[0].failed, 0, "no failure");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[0].ttf.mean), true, "no time to failure");

        NS_TEST_ASSERT_MSG_EQ(s[1].runs, 5, "five runs");
        NS_TEST_ASSERT_MSG_EQ(s[1].survived, 3, "three without failure");
        // Wilson 3/5: p = 0.6, z^2/n = 0.7682918, denominator 1.7682918,
        // centre = (0.6 + 0.3841459) / 1.7682918 = 0.5565518,
        // half = 1.959964 * sqrt(0.048 + 0.0384146) / 1.7682918 = 0.3258275;
        // interval [0.2307243, 0.8823792].
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].survival.lo, 0.2307243, 1e-6, "Wilson 3/5 lower");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].survival.hi, 0.8823792, 1e-6, "Wilson 3/5 upper");
        // Availability 0.1..0.5: the {1..5} interval scaled by 1/10.
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].availability.mean, 0.3, 1e-12, "mean availability");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].availability.lo, 0.10367568, 1e-7, "availability lower");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].goodput.hi, 4.9632432, 1e-6, "goodput upper");
        // Time to failure over the two failed runs {10, 20}: mean 15, s = 7.0710678,
        // t(0.975, 1) = 12.706205, half = 12.706205 * 7.0710678 / sqrt(2) = 63.531024.
        NS_TEST_ASSERT_MSG_EQ(s[1].failed, 2, "two failed runs");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].ttf.mean, 15.0, 1e-12, "mean time to failure");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].ttf.hi, 78.531024, 1e-5, "ttf upper");

        std::ostringstream csv;
        VpnSweepResults::WriteSummaryCsv(csv, s);
        const std::string text = csv.str();
        const std::string header = text.substr(0, text.find('\n'));
        NS_TEST_ASSERT_MSG_EQ(
            header,
            "transport,firewall,bypass,loss_model,loss,burst,clients,duration_s,"
            "workload,bytes,rate_bps,packet_size,loss_direction,access_rate_bps,"
            "internet_delay_s,dpd_interval_s,dpd_retries,reconnect,segment_size,"
            "inner_window,flows,probe_interval_s,tcp_stack,outage_s,core_rate_bps,"
            "pcap,n,level,survived,survival,survival_lo,survival_hi,availability,"
            "availability_lo,availability_hi,goodput_bps,goodput_lo,goodput_hi,"
            "failed,ttf_s,ttf_lo,ttf_hi",
            "summary.csv header");
        // The synthetic runs carry only loss among the 26 parameters (the others empty); n, then
        // the level of every interval (0.95).
        // Wilson 1/1: denominator 1 + 3.841459 = 4.841459, centre (1 + 1.9207295) / 4.841459
        // = 0.6032747, half 1.959964 * sqrt(3.841459 / 4) / 4.841459 = 0.3967253; lower 0.206549.
        NS_TEST_ASSERT_MSG_EQ(
            text.substr(header.size() + 1),
            ",,,,0.002,,,,,,,,,,,,,,,,,,,,,,1,0.95,1,1,0.206549,1,1,,,9,,,0,,,\n"
            ",,,,0.01,,,,,,,,,,,,,,,,,,,,,,5,0.95,3,0.6,0.230724,0.882379,0.3,0.103676,"
            "0.496324,3,1.03676,4.96324,2,15,-48.531,78.531\n",
            "summary.csv rows");
    }
};

/**
 * \ingroup vpn
 * The sweep's statistics and result files.
 */
class VpnSweepStatsTestSuite : public TestSuite
{
  public:
    VpnSweepStatsTestSuite()
        : TestSuite("vpn-sweep-stats", TestSuite::Type::UNIT)
    {
        AddTestCase(new VpnSweepIntervalTestCase);
        AddTestCase(new VpnSweepJsonTestCase);
        AddTestCase(new VpnSweepSummaryTestCase);
    }
};

/// The suite's one instance.
static VpnSweepStatsTestSuite g_vpnSweepStatsTestSuite;
