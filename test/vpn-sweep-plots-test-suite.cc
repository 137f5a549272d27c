/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sweep's figures, read back: the gnuplot scripts and data VpnSweepPlots writes for a small
 * synthetic sweep (panels, categories, clipped bars, a legend of what varies, runs and duration
 * in the title), the timeline of the two hand-written runs in test/timeline/ (series and event
 * markers), and the one-line errors for a missing or malformed time series.
 */

#include "../tools/vpn-sweep/vpn-sweep-plots.h"
#include "../tools/vpn-sweep/vpn-sweep-results.h"
#include "../tools/vpn-sweep/vpn-sweep-stats.h"

#include "ns3/test.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace ns3;

namespace
{

/// Undefined, as VpnInterval has it.
constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/**
 * \param path a file
 * \return its text ("" when it cannot be read)
 */
std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/**
 * \param text a text
 * \param what a piece of it
 * \return how many times what occurs in text
 */
size_t
Count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    {
        ++n;
    }
    return n;
}

/**
 * \param name a name for the folder
 * \return a new empty folder under the system's temp folder
 */
std::string
TempDir(const std::string& name)
{
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

/**
 * \param transport transport
 * \param firewall firewall
 * \param bypass bypass
 * \param loss loss rate, as the JSON writes it
 * \param availability its mean and interval
 * \param goodput its mean and interval (bit/s)
 * \return a summary of 5 runs of 120 s, all survived
 */
VpnSweepSummary
Summary(const std::string& transport,
        const std::string& firewall,
        const std::string& bypass,
        const std::string& loss,
        VpnInterval availability,
        VpnInterval goodput)
{
    VpnSweepSummary s;
    s.key = {{"transport", transport},
             {"firewall", firewall},
             {"bypass", bypass},
             {"loss", loss},
             {"duration_s", "120"}};
    s.runs = 5;
    s.survived = 5;
    s.survival = VpnSweepStats::Wilson(5, 5);
    s.availability = availability;
    s.goodput = goodput;
    return s;
}

} // namespace

/**
 * \ingroup vpn
 * The sweep figures of a synthetic sweep: two transports through two firewalls, cTCP with and
 * without bypass through one of them, at three loss rates.
 */
class VpnSweepFiguresTestCase : public TestCase
{
  public:
    VpnSweepFiguresTestCase()
        : TestCase("Sweep figures: panels, loss categories, clipped bars, a legend of what varies")
    {
    }

  private:
    void DoRun() override
    {
        const VpnInterval one{1, 1, 1};
        const VpnInterval fast{8e6, 7.5e6, 8.5e6};
        std::vector<VpnSweepSummary> summaries;
        for (const char* loss : {"0", "0.001", "0.01"})
        {
            for (const char* firewall : {"inspect", "none"})
            {
                summaries.push_back(Summary("natt", firewall, "0", loss, one, fast));
                summaries.push_back(Summary("ctcp", firewall, "0", loss, one, fast));
            }
            summaries.push_back(Summary("ctcp", "inspect", "1", loss, one, fast));
        }
        // cTCP through inspect at 1 %: intervals past the metrics' bounds, to be clipped; at
        // 0.1 %, an undefined mean, to be left out.
        summaries[11].availability = {0.45, -0.1, 1.2};
        summaries[11].goodput = {1e4, -2e4, 4e4};
        summaries[6].availability = {NOT_A_NUMBER, NOT_A_NUMBER, NOT_A_NUMBER};
        NS_TEST_ASSERT_MSG_EQ(summaries[11].key[1].second, "inspect", "the clipped point");
        NS_TEST_ASSERT_MSG_EQ(summaries[6].key[0].second, "ctcp", "the undefined point");

        const std::string dir = TempDir("vpn-sweep-figures");
        const std::vector<std::string> scripts = VpnSweepPlots::WriteSweepScripts(dir, summaries);
        NS_TEST_ASSERT_MSG_EQ(scripts.size(),
                              4,
                              "availability, data-availability, goodput, survival");
        NS_TEST_ASSERT_MSG_EQ(scripts[0], "availability.plt", "first script");
        NS_TEST_ASSERT_MSG_EQ(scripts[1], "data-availability.plt", "second script");
        NS_TEST_ASSERT_MSG_EQ(scripts[3], "survival.plt", "fourth script");

        const std::string plt = Slurp(dir + "/availability.plt");
        // Both formats, each from the same commands.
        NS_TEST_ASSERT_MSG_NE(Count(plt, "set terminal pngcairo"), 0, "PNG");
        NS_TEST_ASSERT_MSG_NE(Count(plt, "set terminal svg"), 0, "SVG");
        // Loss in %, one evenly spaced category per rate, 0 included; nothing left of -0.5.
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set xtics ('0' 0, '0.1' 1, '1' 2)"), 1, "categories");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set xrange [-0.5:2.5]"), 1, "x range");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set yrange [0:1.04]"), 1, "availability in [0, 1]");
        // Goodput from 0 to 5 % above the highest bar (8.5 Mb/s), the same in every panel.
        NS_TEST_ASSERT_MSG_EQ(Count(Slurp(dir + "/goodput.plt"), "set yrange [0:8.925]"),
                              1,
                              "goodput from 0, one range for all panels");
        // The runs per point and the duration in the title.
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "5 runs per point, 120 s simulated each"), 1, plt);
        // One panel per firewall, from none to the strictest.
        const size_t none = plt.find("set title 'firewall: none'");
        const size_t inspect = plt.find("set title 'firewall: inspect'");
        NS_TEST_ASSERT_MSG_EQ(
            (none != std::string::npos && inspect != std::string::npos && none < inspect),
            true,
            "panels none, then inspect");
        // The legend names what varies: the two transports by colour, bypass by line style;
        // nothing else (not the firewall, which the panels name).
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "keyentry"), 4, "two transports and two variants");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "keyentry with lines lc rgb '#D55E00' lw 2 title 'ctcp'"),
                              1,
                              "cTCP in vermillion");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "keyentry with lines lc rgb '#0072B2' lw 2 title 'natt'"),
                              1,
                              "NAT-T in blue");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "dt 1 pt 7 lw 1.5 title 'bypass=0'"), 1, "bypass=0");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "dt 2 pt 5 lw 1.5 title 'bypass=1'"), 1, "bypass=1");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "firewall="), 0, "no firewall= in the legend");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, " title '"), 4 + 2, "keys and the two panel titles");

        // The data: 5 blocks (none: natt, ctcp; inspect: natt, ctcp, ctcp bypass), rows
        // x mean lo hi loss runs with every x near its category and every bar inside [0, 1].
        const std::string dat = Slurp(dir + "/availability.dat");
        NS_TEST_ASSERT_MSG_EQ(Count(dat, "# firewall="), 5, "blocks");
        std::istringstream rows(dat);
        size_t points = 0;
        bool clipped = false;
        for (std::string line; std::getline(rows, line);)
        {
            if (line.empty() || line[0] == '#')
            {
                continue;
            }
            std::istringstream row(line);
            double x;
            double mean;
            double lo;
            double hi;
            double lossPercent;
            row >> x >> mean >> lo >> hi >> lossPercent;
            NS_TEST_ASSERT_MSG_EQ((x > -0.5 && x < 2.5), true, line);
            NS_TEST_ASSERT_MSG_EQ((std::fabs(x - std::round(x)) < 0.3), true, "offset: " << line);
            NS_TEST_ASSERT_MSG_EQ((0 <= lo && lo <= mean && mean <= hi && hi <= 1), true, line);
            clipped = clipped || (mean == 0.45 && lo == 0 && hi == 1);
            ++points;
        }
        NS_TEST_ASSERT_MSG_EQ(points, 14, "15 configurations, one undefined");
        NS_TEST_ASSERT_MSG_EQ(clipped, true, "the interval [-0.1, 1.2] is drawn as [0, 1]");
        NS_TEST_ASSERT_MSG_EQ(Count(Slurp(dir + "/goodput.dat"), " 0.01 0 0.04 1 5\n"),
                              1,
                              "goodput's lower bound clipped at 0 (Mb/s)");

        // One transport, one firewall, nothing else varying: no legend; the title names it.
        const std::vector<VpnSweepSummary> plain = {
            Summary("ctcp", "none", "0", "0", one, fast),
            Summary("ctcp", "none", "0", "0.01", one, fast)};
        VpnSweepPlots::WriteSweepScripts(dir, plain);
        const std::string single = Slurp(dir + "/availability.plt");
        NS_TEST_ASSERT_MSG_EQ(Count(single, "keyentry"), 0, "nothing varies: no legend");
        NS_TEST_ASSERT_MSG_EQ(Count(single, "; transport ctcp"), 1, "the title names it");

        // Each transport its colour, fixed by name, all different.
        std::set<std::string> colours;
        for (const char* name : {"none",
                                 "esp",
                                 "natt",
                                 "cisco-udp",
                                 "ctcp",
                                 "tcp-encap",
                                 "anyconnect",
                                 "anyconnect-tls"})
        {
            colours.insert(VpnSweepPlots::TransportColour(name));
        }
        NS_TEST_ASSERT_MSG_EQ(colours.size(), 8, "eight transports, eight colours");
        NS_TEST_ASSERT_MSG_EQ(VpnSweepPlots::TransportColour("other"), "#999999", "unknown: grey");
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup vpn
 * The timeline of test/timeline/'s two runs: a cTCP run whose inner data stops at 2.65 s and
 * whose tunnel fails at 52.3 s, and a NAT-T run that carries on.
 */
class VpnSweepTimelineTestCase : public TestCase
{
  public:
    VpnSweepTimelineTestCase()
        : TestCase("Timeline: two runs' time series, their series and event markers")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<VpnTimelineRun> runs;
        for (const char* name : {"ctcp-run.json", "natt-run.json"})
        {
            VpnRunRecord record;
            VpnTimelineRun run;
            std::string error;
            const std::string path = std::string(VPN_TEST_DIR) + "/timeline/" + name;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ReadFile(path, record, error), true, error);
            NS_TEST_ASSERT_MSG_EQ(VpnSweepPlots::ReadTimeline(record, run, error), true, error);
            runs.push_back(run);
        }
        // The fixtures: 60 samples of one client, 1 to 60 s; cTCP up until its failure at
        // 52.3 s (the sample at 53 s says failed).
        const VpnTimelineRun& ctcp = runs[0];
        NS_TEST_ASSERT_MSG_EQ(ctcp.time.size(), 60, "samples");
        NS_TEST_ASSERT_MSG_EQ(ctcp.clients, 1, "clients");
        NS_TEST_ASSERT_MSG_EQ(ctcp.time.front(), 1, "first sample");
        NS_TEST_ASSERT_MSG_EQ(ctcp.state[51], "up", "at 52 s");
        NS_TEST_ASSERT_MSG_EQ(ctcp.state[52], "failed", "at 53 s");
        NS_TEST_ASSERT_MSG_EQ(ctcp.goodputBps[3], 0, "nothing from 3 to 4 s");
        NS_TEST_ASSERT_MSG_EQ(ctcp.firstFailure, 52.3, "first_failure_s");
        NS_TEST_ASSERT_MSG_EQ(ctcp.label, "ctcp, inspect, 1 % loss, RngRun 1", "label");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(runs[1].stall), true, "NAT-T: stall_s null");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(runs[1].firstFailure), true, "NAT-T: no failure");

        const std::string dir = TempDir("vpn-sweep-timeline");
        NS_TEST_ASSERT_MSG_EQ(VpnSweepPlots::WriteTimelineScript(dir, runs),
                              "timeline.plt",
                              "script");
        const std::string plt = Slurp(dir + "/timeline.plt");
        // Series: each run's goodput (top) and state (bottom), in its transport's colour.
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "'timeline.dat' index 0 using 1:2 with fsteps lc rgb "
                                    "'#D55E00' lw 1.5 title 'ctcp, inspect, 1 % loss, "
                                    "RngRun 1'"),
                              1,
                              plt);
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "'timeline.dat' index 1 using 1:2 with fsteps lc rgb "
                                    "'#0072B2' lw 1.5 title 'natt, inspect, 1 % loss, "
                                    "RngRun 1'"),
                              1,
                              "NAT-T's goodput");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "using 1:3 with steps"), 2, "two state lines");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set multiplot layout 2,1"), 1, "two panels");
        // Markers: cTCP's three events, NAT-T's first loss; none for the null fields.
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set arrow "), 4, "four markers");
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "set arrow from 2.61, graph 0 to 2.61, graph 1 nohead "
                                    "front lc rgb '#D55E00' dt 3 lw 1.5 # run 1 "
                                    "first_loss_s\n"),
                              1,
                              "cTCP's first loss");
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "set arrow from 2.65, graph 0 to 2.65, graph 1 nohead "
                                    "front lc rgb '#D55E00' dt 2 lw 1.5 # run 1 stall_s\n"),
                              1,
                              "cTCP's stall");
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "set arrow from 52.3, graph 0 to 52.3, graph 1 nohead "
                                    "front lc rgb '#D55E00' dt 4 lw 1.5 # run 1 "
                                    "first_failure_s\n"),
                              1,
                              "cTCP's failure");
        NS_TEST_ASSERT_MSG_EQ(Count(plt,
                                    "set arrow from 1.87, graph 0 to 1.87, graph 1 nohead "
                                    "front lc rgb '#0072B2' dt 3 lw 1.5 # run 2 "
                                    "first_loss_s\n"),
                              1,
                              "NAT-T's first loss");
        NS_TEST_ASSERT_MSG_EQ(Count(plt, "set xrange [0:60]"), 1, "0 to the last sample");
        // The data: a block per run, starting at 0 s; cTCP failed (level 1) at 60 s, nudged
        // down by half the 0.06 between two runs.
        const std::string dat = Slurp(dir + "/timeline.dat");
        NS_TEST_ASSERT_MSG_EQ(Count(dat, "\n0 0 NaN\n"), 2, "two blocks");
        NS_TEST_ASSERT_MSG_EQ(Count(dat, "\n60 0 0.97\n"), 1, "cTCP failed at 60 s");
        NS_TEST_ASSERT_MSG_EQ(Count(dat, "\n60 8.4 4.03\n"), 1, "NAT-T up at 60 s");
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup vpn
 * A run's time series missing or malformed: refused, with one line naming the file.
 */
class VpnSweepTimelineErrorTestCase : public TestCase
{
  public:
    VpnSweepTimelineErrorTestCase()
        : TestCase("Timeline: a missing or malformed time series is one line naming the file")
    {
    }

  private:
    void DoRun() override
    {
        const std::string dir = TempDir("vpn-sweep-timeline-errors");
        const std::string header = VpnSweepPlots::TIME_SERIES_HEADER;
        // What is in the CSV, and what the error must say.
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"", "line 1 is not a time-series header"},
            {"time_s,client,inner_goodput_bps\n1,0,5\n", "line 1 is not a time-series header"},
            {header + "\n", "no samples of client 0"},
            {header + "\n1,0,up,0,0,,,0,0,0\n2,0,sideways,0,0,,,0,0,0\n",
             "line 3: tunnel_state 'sideways'"},
            {header + "\n1,0,up,0,0,,,0\n", "line 2: 8 fields where the header has 10"},
            {header + "\n1,0,up,0,fast,,,0,0,0\n", "line 2: time_s, client or inner_goodput"},
            {header + "\n2,0,up,0,0,,,0,0,0\n1,0,up,0,0,,,0,0,0\n", "line 3: time_s 1 does not"},
            {header + "\n1,1,up,0,0,,,0,0,0\n", "no samples of client 0"},
        };
        for (size_t i = 0; i < cases.size(); ++i)
        {
            const std::string csv = dir + "/series-" + std::to_string(i) + ".csv";
            std::ofstream(csv) << cases[i].first;
            VpnRunRecord record;
            std::string error;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(
                                      "{\"transport\": \"ctcp\", \"timeseries\": \"" + csv + "\"}",
                                      record,
                                      error),
                                  true,
                                  error);
            VpnTimelineRun run;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepPlots::ReadTimeline(record, run, error),
                                  false,
                                  "must refuse: " << cases[i].first);
            NS_TEST_ASSERT_MSG_EQ(Count(error, cases[i].second), 1, error);
            NS_TEST_ASSERT_MSG_EQ(Count(error, csv), 1, "names the file: " << error);
            NS_TEST_ASSERT_MSG_EQ(Count(error, "\n"), 0, "one line: " << error);
        }
        // No timeseries field, a null one, a file that is not there.
        for (const auto& [json, reason] : std::vector<std::pair<std::string, std::string>>{
                 {"{\"transport\": \"ctcp\"}", "no \"timeseries\" field"},
                 {"{\"timeseries\": null}", "no \"timeseries\" field"},
                 {"{\"timeseries\": \"" + dir + "/absent.csv\"}", "cannot open its time series"}})
        {
            VpnRunRecord record;
            std::string error;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(json, record, error), true, error);
            VpnTimelineRun run;
            NS_TEST_ASSERT_MSG_EQ(VpnSweepPlots::ReadTimeline(record, run, error), false, json);
            NS_TEST_ASSERT_MSG_EQ(Count(error, reason), 1, error);
        }
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup vpn
 * The sweep's figures.
 */
class VpnSweepPlotsTestSuite : public TestSuite
{
  public:
    VpnSweepPlotsTestSuite()
        : TestSuite("vpn-sweep-plots", TestSuite::Type::UNIT)
    {
        AddTestCase(new VpnSweepFiguresTestCase);
        AddTestCase(new VpnSweepTimelineTestCase);
        AddTestCase(new VpnSweepTimelineErrorTestCase);
    }
};

/// The suite's one instance.
static VpnSweepPlotsTestSuite g_vpnSweepPlotsTestSuite;
