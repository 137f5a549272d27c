/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sweep's statistics and result files: Wilson and Student-t intervals against arithmetic done
 * without GSL, the JSON reader on a line as vpn-scenario prints it (fw_drops, null, warnings),
 * the CSVs, the summary of a small synthetic set of runs, Kaplan-Meier against a hand-worked
 * example, paired differences against a textbook sample, and intervals kept inside their bounds.
 */

#include "../tools/vpn-sweep/vpn-sweep-results.h"
#include "../tools/vpn-sweep/vpn-sweep-stats.h"

#include "ns3/test.h"

#include <cmath>
#include <sstream>
#include <tuple>

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
        // Every run lasts 60 s (duration_s, the censoring time). pcap and timeseries name a run's
        // output files: run 1 of B keeps a time series and a pcap, which must not split B.
        for (int i = 1; i <= 5; ++i)
        {
            const bool failed = i <= 2;
            runs.push_back(
                SyntheticRun({{"loss", "0.01"},
                              {"duration_s", "60"},
                              {"pcap", (i == 5) ? "run1" : ""},
                              {"timeseries", (i == 5) ? "/tmp/run-1.csv" : ""},
                              {"run", std::to_string(6 - i)},
                              {"tunnel_failures", failed ? "1" : "0"},
                              {"first_failure_s", failed ? std::to_string(10 * i) : "null"},
                              {"availability", std::to_string(i / 10.0)},
                              {"inner_goodput_bps", std::to_string(i)}}));
        }
        runs.push_back(SyntheticRun({{"loss", "0.002"},
                                     {"duration_s", "60"},
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
        NS_TEST_ASSERT_MSG_EQ(s[0].ttf.events, 0, "no failure");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[0].ttf.median.mean), true, "no median: S stays 1");
        // One run censored at 60 s: S = 1 on [0, 60], restricted mean 60, no variance.
        NS_TEST_ASSERT_MSG_EQ(s[0].ttf.restrictedMean.mean, 60.0, "restricted mean = horizon");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[0].stall.restrictedMean.mean),
                              true,
                              "no stall_s field: not available");
        NS_TEST_ASSERT_MSG_EQ(s[0].stall.n, 0, "no run carries stall_s");

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
        // Time to failure, Kaplan-Meier: failures at 10 s and 20 s, three runs censored at 60 s.
        // t = 10: n = 5, d = 1, S = 0.8; t = 20: n = 4, d = 1, S = 0.6. S never reaches 0.5:
        // no median. Restricted mean = 10 * 1 + 10 * 0.8 + 40 * 0.6 = 42; A_10 = 8 + 24 = 32,
        // A_20 = 24; variance = 32^2 / (5 * 4) + 24^2 / (4 * 3) = 51.2 + 48 = 99.2,
        // half = 1.959964 * 9.959920 = 19.521084: [22.478916, 61.521084], clipped to 60.
        NS_TEST_ASSERT_MSG_EQ(s[1].ttf.events, 2, "two failed runs");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[1].ttf.median.mean), true, "S(60) = 0.6: no median");
        // But the lower band is below 0.5 from 10 s (sum = 1 / 20, exponent
        // exp(1.959964 * 0.2236068 / 0.2231436) = 7.1282, 0.8^7.1282 = 0.2040): the median's
        // interval starts at 10 s, its upper end is undefined.
        NS_TEST_ASSERT_MSG_EQ(s[1].ttf.median.lo, 10.0, "median lower bound");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[1].ttf.median.hi), true, "median upper bound");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].ttf.restrictedMean.mean, 42.0, 1e-9, "restricted mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].ttf.restrictedMean.lo, 22.478916, 1e-6, "rmst lower");
        NS_TEST_ASSERT_MSG_EQ(s[1].ttf.restrictedMean.hi, 60.0, "rmst upper clipped to 60 s");

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
            "stall_threshold_s,progress_interval_s,timeseries_interval_s,"
            "n,level,survived,survival,survival_lo,survival_hi,availability,"
            "availability_lo,availability_hi,goodput_bps,goodput_lo,goodput_hi,"
            "data_availability_n,data_availability,data_availability_lo,data_availability_hi,"
            "detected,detection_s,detection_lo,detection_hi,horizon_s,failed,ttf_median_s,"
            "ttf_median_lo,ttf_median_hi,ttf_rmst_s,ttf_rmst_lo,ttf_rmst_hi,stall_n,stalled,"
            "stall_median_s,stall_median_lo,stall_median_hi,stall_rmst_s,stall_rmst_lo,"
            "stall_rmst_hi,warned,baseline,pairs,availability_diff,availability_diff_lo,"
            "availability_diff_hi,data_availability_diff,data_availability_diff_lo,"
            "data_availability_diff_hi,goodput_diff,goodput_diff_lo,goodput_diff_hi,ttf_diff,"
            "ttf_diff_lo,ttf_diff_hi,stall_diff,stall_diff_lo,stall_diff_hi",
            "summary.csv header (pcap and timeseries are outputs, not keys)");
        // The synthetic runs carry only loss and duration_s among the 28 key parameters (the
        // others empty); n, then the level of every interval (0.95).
        // Wilson 1/1: denominator 1 + 3.841459 = 4.841459, centre (1 + 1.9207295) / 4.841459
        // = 0.6032747, half 1.959964 * sqrt(3.841459 / 4) / 4.841459 = 0.3967253; lower 0.206549.
        // No data_availability, detection_s or stall_s fields: n 0 and empty cells; horizon 60;
        // medians undefined (the second's interval starts at 10 s), restricted means 60 [60, 60]
        // and 42 [22.4789, 60] (above); no baseline: empty.
        NS_TEST_ASSERT_MSG_EQ(
            text.substr(header.size() + 1),
            ",,,,0.002,,,60,,,,,,,,,,,,,,,,,,,,,1,0.95,1,1,0.206549,1,1,,,9,,,0,,,,0,,,,60,0,,,,"
            "60,60,60,0,0,,,,,,,0,,,,,,,,,,,,,,,,,\n"
            ",,,,0.01,,,60,,,,,,,,,,,,,,,,,,,,,5,0.95,3,0.6,0.230724,0.882379,0.3,0.103676,"
            "0.496324,3,1.03676,4.96324,0,,,,0,,,,60,2,,10,,42,22.4789,60,0,0,,,,,,,0,,,,,,,,,,,,,,"
            ","
            ",,\n",
            "summary.csv rows");
    }
};

/**
 * \ingroup vpn
 * Kaplan-Meier against a hand-worked example with censored runs, ties, clipping and no events.
 */
class VpnSweepKaplanMeierTestCase : public TestCase
{
  public:
    VpnSweepKaplanMeierTestCase()
        : TestCase("Kaplan-Meier: curve, Greenwood, median interval, restricted mean")
    {
    }

  private:
    void DoRun() override
    {
        // Nine runs of 10 s (horizon tau = 10): events at 2, 3, 3, 6, 7, 8, 9 s; one run censored
        // at 5 s (a sample can have earlier censoring; the sweep's runs are censored at their
        // end) and one at 10 s. Given out of order. By hand, z = 1.959964:
        //   t_i  n_i  d_i  S(t_i)     sum d/(n(n-d))  Greenwood var   lower      upper
        //   2    9    1    0.8888889  1/72 = 0.0138889 0.0109739    0.4329651  0.9835640
        //   3    8    2    0.6666667  +2/48 = 0.0555556 0.0246914   0.2816822  0.8783068
        //   (5: censored, at risk 5 -> 4 after it; 5 at risk at t = 6)
        //   6    5    1    0.5333333  +1/20 = 0.1055556 0.0300247   0.1770914  0.7959125
        //   7    4    1    0.4000000  +1/12 = 0.1888889 0.0302222   0.0981236  0.6965236
        //   8    3    1    0.2666667  +1/6  = 0.3555556 0.0252840   0.0407608  0.5792947
        //   9    2    1    0.1333333  +1/2  = 0.8555556 0.0152099   0.0070510  0.4406917
        // with var = S^2 * sum and the log-log band S^exp(+-z sqrt(sum) / |ln S|), e.g. at t = 2:
        // ln S = -0.1177830, sqrt(sum) = 0.1178511, exponent exp(1.961098) = 7.1071, lower
        // 0.8888889^7.1071 = 0.4329651, upper 0.8888889^(1/7.1071) = 0.9835640.
        // Median: the first S <= 0.5 is at 7 s. Its interval: the lower band is first <= 0.5 at
        // 2 s (0.433), the upper band at 9 s (0.441): [2, 9].
        // Restricted mean up to 10 s: 2 * 1 + 1 * 0.8888889 + 3 * 0.6666667 + 1 * 0.5333333
        //   + 1 * 0.4 + 1 * 0.2666667 + 1 * 0.1333333 = 6.2222222.
        // A_i (area after t_i): A_2 = 4.2222222, A_3 = 3.3333333, A_6 = 1.3333333, A_7 = 0.8,
        // A_8 = 0.4, A_9 = 0.1333333; variance = sum A_i^2 d_i / (n_i (n_i - d_i))
        //   = 0.2475995 + 0.4629630 + 0.0888889 + 0.0533333 + 0.0266667 + 0.0088889 = 0.8883402,
        // se 0.9425180, half 1.8473013: [4.3749209, 8.0695236].
        const std::vector<VpnEventTime> sample = {{8, true},
                                                  {3, true},
                                                  {10, false},
                                                  {2, true},
                                                  {6, true},
                                                  {5, false},
                                                  {9, true},
                                                  {3, true},
                                                  {7, true}};
        const VpnKaplanMeier km = VpnSweepStats::KaplanMeier(sample, 10);
        NS_TEST_ASSERT_MSG_EQ(km.n, 9, "nine runs");
        NS_TEST_ASSERT_MSG_EQ(km.events, 7, "seven events");
        NS_TEST_ASSERT_MSG_EQ(km.times.size(), 6, "six distinct event times");
        const std::vector<double> times = {2, 3, 6, 7, 8, 9};
        const std::vector<uint32_t> atRisk = {9, 8, 5, 4, 3, 2};
        const std::vector<double> survival =
            {0.8888889, 0.6666667, 0.5333333, 0.4, 0.2666667, 0.1333333};
        const std::vector<double> variance =
            {0.0109739, 0.0246914, 0.0300247, 0.0302222, 0.0252840, 0.0152099};
        const std::vector<double> lower =
            {0.4329651, 0.2816822, 0.1770914, 0.0981236, 0.0407608, 0.0070510};
        const std::vector<double> upper =
            {0.9835640, 0.8783068, 0.7959125, 0.6965236, 0.5792947, 0.4406917};
        for (size_t i = 0; i < times.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(km.times[i], times[i], "event time " << i);
            NS_TEST_ASSERT_MSG_EQ(km.atRisk[i], atRisk[i], "at risk at " << times[i]);
            NS_TEST_ASSERT_MSG_EQ_TOL(km.survival[i], survival[i], 1e-6, "S(" << times[i] << ")");
            NS_TEST_ASSERT_MSG_EQ_TOL(km.variance[i], variance[i], 1e-6, "Greenwood " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(km.lower[i], lower[i], 1e-6, "lower band " << i);
            NS_TEST_ASSERT_MSG_EQ_TOL(km.upper[i], upper[i], 1e-6, "upper band " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(km.median.mean, 7.0, "median: first S <= 0.5");
        NS_TEST_ASSERT_MSG_EQ(km.median.lo, 2.0, "median lower: the lower band at 0.433");
        NS_TEST_ASSERT_MSG_EQ(km.median.hi, 9.0, "median upper: the upper band at 0.441");
        NS_TEST_ASSERT_MSG_EQ_TOL(km.restrictedMean.mean, 6.2222222, 1e-6, "restricted mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(km.restrictedMean.lo, 4.3749209, 1e-6, "rmst lower");
        NS_TEST_ASSERT_MSG_EQ_TOL(km.restrictedMean.hi, 8.0695236, 1e-6, "rmst upper");

        // Two runs of 10 s, one failing at 9 s: S(9) = 0.5, so the median is 9 s; its upper band
        // 0.5^exp(-1.959964 * sqrt(0.5) / ln 2) = 0.910 never falls to 0.5: undefined (NaN).
        // Restricted mean 9 + 0.5 * 1 = 9.5, A_9 = 0.5, variance 0.25 / (2 * 1) = 0.125,
        // half 1.959964 * 0.3535534 = 0.6929519: [8.8070481, 10.19], clipped to tau = 10.
        const VpnKaplanMeier late = VpnSweepStats::KaplanMeier({{9, true}, {10, false}}, 10);
        NS_TEST_ASSERT_MSG_EQ(late.median.mean, 9.0, "median at S = 0.5");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(late.median.hi), true, "upper band stays above 0.5");
        NS_TEST_ASSERT_MSG_EQ_TOL(late.restrictedMean.lo, 8.8070481, 1e-6, "rmst lower");
        NS_TEST_ASSERT_MSG_EQ(late.restrictedMean.hi, 10.0, "rmst clipped to the horizon");

        // A tie of an event and a censoring at 2 s: the censored run was at risk at 2 s (n = 2,
        // d = 1: S = 0.5); counting the censoring first would give n = 1, S = 0.
        const VpnKaplanMeier tie = VpnSweepStats::KaplanMeier({{2, false}, {2, true}}, 5);
        NS_TEST_ASSERT_MSG_EQ(tie.survival.size(), 1, "one event time");
        NS_TEST_ASSERT_MSG_EQ(tie.survival[0], 0.5, "events before censorings");

        // No event: S = 1 throughout, no median, restricted mean = tau with zero width.
        const VpnKaplanMeier none =
            VpnSweepStats::KaplanMeier({{10, false}, {10, false}, {10, false}}, 10);
        NS_TEST_ASSERT_MSG_EQ(std::isnan(none.median.mean), true, "no median");
        NS_TEST_ASSERT_MSG_EQ(none.restrictedMean.mean, 10.0, "restricted mean = horizon");
        NS_TEST_ASSERT_MSG_EQ(none.restrictedMean.IsDegenerate(), true, "zero width, flagged");
        const VpnKaplanMeier empty = VpnSweepStats::KaplanMeier({}, 10);
        NS_TEST_ASSERT_MSG_EQ(std::isnan(empty.restrictedMean.mean), true, "no runs: undefined");
    }
};

/**
 * \ingroup vpn
 * Paired differences: a textbook sample, the pairing by run, and the baseline's checks.
 */
class VpnSweepPairedTestCase : public TestCase
{
  public:
    VpnSweepPairedTestCase()
        : TestCase("Paired differences: Student's sleep data, pairing by run, --baseline checks")
    {
    }

  private:
    void DoRun() override
    {
        // Student's sleep data (Cushny and Peebles 1905; R's `sleep`): extra hours of sleep of
        // ten patients under drug 1 (B) and drug 2 (C). The differences C - B are 1.2, 2.4, 1.3,
        // 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4: mean 1.58, s = 1.2299955, s / sqrt(10) =
        // 0.3889587, t(0.975, 9) = 2.262157, half 0.8798858. R's t.test(extra ~ group,
        // data = sleep, paired = TRUE) prints B - C: mean -1.58, 95 percent confidence
        // interval -2.4598858 -0.7001142; C - B is its mirror [0.7001142, 2.4598858].
        const std::vector<double> b = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        const std::vector<double> c = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        std::vector<std::pair<double, double>> pairs;
        for (size_t i = 0; i < b.size(); ++i)
        {
            pairs.emplace_back(c[i], b[i]);
        }
        VpnInterval d = VpnSweepStats::PairedDifference(pairs);
        NS_TEST_ASSERT_MSG_EQ_TOL(d.mean, 1.58, 1e-9, "mean difference");
        NS_TEST_ASSERT_MSG_EQ_TOL(d.lo, 0.7001142, 1e-6, "R's interval, lower");
        NS_TEST_ASSERT_MSG_EQ_TOL(d.hi, 2.4598858, 1e-6, "R's interval, upper");
        NS_TEST_ASSERT_MSG_EQ(d.n, 10, "ten pairs");
        d = VpnSweepStats::PairedDifference({{3, 1}});
        NS_TEST_ASSERT_MSG_EQ(d.mean, 2.0, "one pair: a difference");
        NS_TEST_ASSERT_MSG_EQ((std::isnan(d.lo) && std::isnan(d.hi)), true, "one pair: none");

        // The same through Summarize: transport b is the baseline, transport c its runs in
        // reverse order plus a run 11 that b lacks (not a pair); goodput = the hours + 2 (a
        // shift changes no difference). Availability is 1 in every run: a zero-width difference.
        // transport d has one run: one pair, no interval.
        std::vector<VpnRunRecord> runs;
        for (size_t i = 0; i < b.size(); ++i)
        {
            const std::string run = std::to_string(i + 1);
            runs.push_back(SyntheticRun({{"transport", "b"},
                                         {"duration_s", "10"},
                                         {"run", run},
                                         {"availability", "1"},
                                         {"inner_goodput_bps", std::to_string(b[i] + 2)}}));
            const size_t j = b.size() - 1 - i;
            runs.push_back(SyntheticRun({{"transport", "c"},
                                         {"duration_s", "10"},
                                         {"run", std::to_string(j + 1)},
                                         {"availability", "1"},
                                         {"inner_goodput_bps", std::to_string(c[j] + 2)}}));
        }
        runs.push_back(SyntheticRun({{"transport", "c"},
                                     {"duration_s", "10"},
                                     {"run", "11"},
                                     {"availability", "0.5"},
                                     {"inner_goodput_bps", "100"}}));
        runs.push_back(SyntheticRun({{"transport", "d"},
                                     {"duration_s", "10"},
                                     {"run", "1"},
                                     {"availability", "1"},
                                     {"inner_goodput_bps", "5"}}));
        const VpnSweepBaseline baseline{"transport", "b"};
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnSweepStats::CheckBaseline(runs, baseline, error), true, error);
        const std::vector<VpnSweepSummary> s = VpnSweepStats::Summarize(runs, baseline);
        NS_TEST_ASSERT_MSG_EQ(s.size(), 3, "b, c, d");
        NS_TEST_ASSERT_MSG_EQ(s[0].paired.isBaseline, true, "b is the baseline");
        NS_TEST_ASSERT_MSG_EQ(s[1].paired.hasBaseline, true, "c has one");
        NS_TEST_ASSERT_MSG_EQ(s[1].paired.pairs, 10, "runs 1..10 pair; run 11 does not");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].paired.goodput.mean, 1.58, 1e-6, "paired mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].paired.goodput.lo, 0.7001142, 1e-6, "paired lower");
        NS_TEST_ASSERT_MSG_EQ_TOL(s[1].paired.goodput.hi, 2.4598858, 1e-6, "paired upper");
        NS_TEST_ASSERT_MSG_EQ(s[1].paired.availability.IsDegenerate(), true, "1 - 1 every run");
        // No first_failure_s field: the restricted times are not available.
        NS_TEST_ASSERT_MSG_EQ(s[1].paired.ttf.n, 0, "no ttf pairs");
        NS_TEST_ASSERT_MSG_EQ(s[2].paired.pairs, 1, "d: one pair");
        NS_TEST_ASSERT_MSG_EQ(s[2].paired.goodput.mean, 5 - (0.7 + 2), "d - b in run 1");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[2].paired.goodput.lo), true, "n = 1: no interval");

        // Restricted times pair where a run did not fail: min(T, duration_s), null as 10 s.
        std::vector<VpnRunRecord> failing;
        for (const auto& [transport, run, t] :
             std::vector<std::tuple<std::string, int, std::string>>{{"b", 1, "4"},
                                                                    {"b", 2, "null"},
                                                                    {"c", 1, "6"},
                                                                    {"c", 2, "7"}})
        {
            failing.push_back(SyntheticRun({{"transport", transport},
                                            {"duration_s", "10"},
                                            {"run", std::to_string(run)},
                                            {"first_failure_s", t}}));
        }
        // Differences 6 - 4 = 2 and 7 - 10 = -3: mean -0.5.
        NS_TEST_ASSERT_MSG_EQ_TOL(VpnSweepStats::Summarize(failing, baseline)[1].paired.ttf.mean,
                                  -0.5,
                                  1e-12,
                                  "restricted time differences");

        // The checks: the key must be a key field, the value one a run has (as a number where
        // both are: loss 0.010 is loss 0.01).
        NS_TEST_ASSERT_MSG_EQ(VpnSweepStats::CheckBaseline(runs, {"bogus", "b"}, error),
                              false,
                              "unknown key");
        NS_TEST_ASSERT_MSG_EQ(
            (error.find("KEY is one of: transport firewall") != std::string::npos),
            true,
            "names the keys: " << error);
        NS_TEST_ASSERT_MSG_EQ(VpnSweepStats::CheckBaseline(runs, {"transport", "z"}, error),
                              false,
                              "no such value");
        NS_TEST_ASSERT_MSG_EQ(
            (error.find("transport=b transport=c transport=d") != std::string::npos),
            true,
            "names the values: " << error);
        NS_TEST_ASSERT_MSG_EQ(VpnSweepStats::SameValue("0.010", "0.01"), true, "as numbers");
        NS_TEST_ASSERT_MSG_EQ(VpnSweepStats::SameValue("natt", "nat"), false, "as text");
    }
};

/**
 * \ingroup vpn
 * Intervals inside the metric's range, n = 1 and zero-width intervals, and what the table says.
 */
class VpnSweepBoundsTestCase : public TestCase
{
  public:
    VpnSweepBoundsTestCase()
        : TestCase("Intervals clipped to their bounds; n = 1 and zero width are said in the table")
    {
    }

  private:
    void DoRun() override
    {
        // {1, 1, 0.9}: mean 0.9666667, s = 0.0577350, t(0.975, 2) = 4.302653,
        // half = 4.302653 * 0.0577350 / sqrt(3) = 0.1434218: [0.8232449, 1.1100885], clipped
        // to 1 (availability cannot exceed 1).
        VpnInterval a = VpnSweepStats::StudentMean({1, 1, 0.9}, VpnSweepStats::LEVEL, 0, 1);
        NS_TEST_ASSERT_MSG_EQ_TOL(a.lo, 0.8232449, 1e-6, "lower bound inside");
        NS_TEST_ASSERT_MSG_EQ(a.hi, 1.0, "upper bound clipped to 1");
        // {0, 0, 30} (goodput): mean 10, s = 17.320508, half = 4.302653 * 10 = 43.02653:
        // [-33.02653, 53.02653], clipped to 0.
        VpnInterval g = VpnSweepStats::StudentMean({0, 0, 30}, VpnSweepStats::LEVEL, 0);
        NS_TEST_ASSERT_MSG_EQ(g.lo, 0.0, "goodput lower bound clipped to 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(g.hi, 53.02653, 1e-4, "upper bound untouched");

        // Through Summarize: availability 1, 1, 0.9; data_availability one run only (n = 1);
        // goodput 8, 8, 8 (identical: zero width); detection_s 3, null, -: one detected run.
        std::vector<VpnRunRecord> runs;
        runs.push_back(SyntheticRun({{"duration_s", "30"},
                                     {"run", "1"},
                                     {"availability", "1"},
                                     {"data_availability", "0.5"},
                                     {"detection_s", "3"},
                                     {"inner_goodput_bps", "8"}}));
        runs.push_back(SyntheticRun({{"duration_s", "30"},
                                     {"run", "2"},
                                     {"availability", "1"},
                                     {"detection_s", "null"},
                                     {"inner_goodput_bps", "8"}}));
        runs.push_back(SyntheticRun({{"duration_s", "30"},
                                     {"run", "3"},
                                     {"availability", "0.9"},
                                     {"inner_goodput_bps", "8"}}));
        const std::vector<VpnSweepSummary> s = VpnSweepStats::Summarize(runs);
        NS_TEST_ASSERT_MSG_EQ(s[0].availability.hi, 1.0, "availability clipped to 1");
        NS_TEST_ASSERT_MSG_EQ(s[0].dataAvailability.n, 1, "one run carries data_availability");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(s[0].dataAvailability.lo), true, "n = 1: no interval");
        NS_TEST_ASSERT_MSG_EQ(s[0].detection.n, 1, "one run detected");
        NS_TEST_ASSERT_MSG_EQ(s[0].goodput.IsDegenerate(), true, "identical runs: zero width");

        std::ostringstream table;
        VpnSweepResults::WriteTable(table, s);
        const std::string text = table.str();
        NS_TEST_ASSERT_MSG_EQ((text.find("0.967 [0.823, 1.000]") != std::string::npos),
                              true,
                              "the clipped availability: " << text);
        NS_TEST_ASSERT_MSG_EQ((text.find("0.500 [n<2]") != std::string::npos),
                              true,
                              "n = 1 is said: " << text);
        NS_TEST_ASSERT_MSG_EQ(
            (text.find("[n<2]: one observation, no interval") != std::string::npos),
            true,
            "and explained");
        NS_TEST_ASSERT_MSG_EQ((text.find("0.00 [0.00, 0.00]=") != std::string::npos),
                              true,
                              "zero width is marked: " << text);
        NS_TEST_ASSERT_MSG_EQ((text.find("=: zero-width interval") != std::string::npos),
                              true,
                              "and explained");
        NS_TEST_ASSERT_MSG_EQ((text.find("level 0.95") != std::string::npos),
                              true,
                              "the level is said");
        NS_TEST_ASSERT_MSG_EQ((text.find("n/a") != std::string::npos),
                              true,
                              "no stall_s: not available");
    }
};

/**
 * \ingroup vpn
 * The warnings array: read flat, counted in the summary, marked in the table.
 */
class VpnSweepWarningsTestCase : public TestCase
{
  public:
    VpnSweepWarningsTestCase()
        : TestCase("JSON warnings array: joined and counted, one runs.csv schema, table marks")
    {
    }

  private:
    void DoRun() override
    {
        const std::string warned =
            "{\"run\": 1, \"duration_s\": 30, \"warnings\": [\"duration 30 s is shorter than the "
            "detection time 52 s\", \"second\"], \"wall_s\": 0.1}";
        const std::string quiet = "{\"run\": 2, \"duration_s\": 30, \"warnings\": [], "
                                  "\"wall_s\": 0.1}";
        VpnRunRecord a;
        VpnRunRecord b;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(warned, a, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(quiet, b, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(a.Text("warnings"),
                              "duration 30 s is shorter than the detection time 52 s; second",
                              "the strings joined with \"; \"");
        NS_TEST_ASSERT_MSG_EQ(a.Number("warnings_count", -1), 2, "two warnings");
        NS_TEST_ASSERT_MSG_EQ(a.fields[3].first, "warnings_count", "the count after the text");
        NS_TEST_ASSERT_MSG_EQ(a.fields[4].first, "wall_s", "the object goes on after it");
        NS_TEST_ASSERT_MSG_EQ(b.Text("warnings"), "", "an empty array: empty text");
        NS_TEST_ASSERT_MSG_EQ(b.Number("warnings_count", -1), 0, "and a count of 0");
        for (const std::string bad : {"{\"warnings\": [1]}",
                                      "{\"warnings\": [null]}",
                                      "{\"warnings\": [[\"a\"]]}",
                                      "{\"warnings\": [{\"a\": \"b\"}]}",
                                      "{\"fw_drops\": {\"x\": [\"a\"]}}",
                                      "{\"warnings\": [\"a\"}"})
        {
            VpnRunRecord ignored;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(bad, ignored, error),
                                  false,
                                  "must refuse: " << bad);
            NS_TEST_ASSERT_MSG_NE(error, "", "a reason for " << bad);
        }

        // runs.csv: the same columns with and without warnings.
        std::ostringstream csv;
        VpnSweepResults::WriteRunsCsv(csv, {a, b});
        const std::string text = csv.str();
        NS_TEST_ASSERT_MSG_EQ(text,
                              "run,duration_s,warnings,warnings_count,wall_s\n"
                              "1,30,duration 30 s is shorter than the detection time 52 s; "
                              "second,2,0.1\n"
                              "2,30,,0,0.1\n",
                              "runs.csv: one text and one count column");

        // The summary counts the warned run; the table marks its row and prints the warning
        // once below.
        const std::vector<VpnSweepSummary> s = VpnSweepStats::Summarize({a, b, a});
        NS_TEST_ASSERT_MSG_EQ(s[0].warned, 2, "two of the three runs warned");
        NS_TEST_ASSERT_MSG_EQ(s[0].warnings.size(), 1, "one distinct warning text");
        std::ostringstream table;
        VpnSweepResults::WriteTable(table, s);
        const std::string t = table.str();
        NS_TEST_ASSERT_MSG_EQ((t.find("!2") != std::string::npos), true, "row marked: " << t);
        const std::string line = "! duration 30 s is shorter than the detection time 52 s; second";
        NS_TEST_ASSERT_MSG_EQ((t.find(line) != std::string::npos), true, "warning printed");
        NS_TEST_ASSERT_MSG_EQ((t.find(line) == t.rfind(line)), true, "once");
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
        AddTestCase(new VpnSweepKaplanMeierTestCase);
        AddTestCase(new VpnSweepPairedTestCase);
        AddTestCase(new VpnSweepBoundsTestCase);
        AddTestCase(new VpnSweepWarningsTestCase);
    }
};

/// The suite's one instance.
static VpnSweepStatsTestSuite g_vpnSweepStatsTestSuite;
