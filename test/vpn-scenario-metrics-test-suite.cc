/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The canonical scenario's data-plane metrics (stall_s, detection_s, data_availability,
 * first_loss_s), its short-run warning and its time series, on short in-process runs with
 * seed 1: every expected number is what the rule gives on the run the test describes.
 */

#include "scenario-run.h"
#include "simulator-test-case.h"

#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"
#include "ns3/vpn-scenario.h"
#include "ns3/vpn-tunnel-endpoint.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param transport the carrier
 * \param duration seconds
 * \return one client's unlimited bulk through the inspecting firewall, Bernoulli loss 1 % up
 */
VpnScenarioConfig
LossyRun(const std::string& transport, double duration)
{
    VpnScenarioConfig c;
    c.transport = transport;
    c.firewall = "inspect";
    c.lossModel = "bernoulli";
    c.loss = 0.01;
    c.duration = duration;
    return c;
}

/**
 * Run once with seed 1 and RngRun 1, keeping the scenario (for its warnings).
 * \param config what to run
 * \return the scenario, run
 */
Ptr<VpnScenario>
RunKept(const VpnScenarioConfig& config)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Run();
    return scenario;
}

/** One row of the time series, split at its commas. */
typedef std::vector<std::string> Row;

/**
 * \param path a CSV file
 * \return its lines split at commas (the header first)
 */
std::vector<Row>
ReadCsv(const std::string& path)
{
    std::vector<Row> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
    {
        Row row;
        std::stringstream fields(line);
        std::string field;
        while (std::getline(fields, field, ','))
        {
            row.push_back(field);
        }
        if (!line.empty() && line.back() == ',')
        {
            row.emplace_back(); // a trailing empty field
        }
        rows.push_back(row);
    }
    return rows;
}

/**
 * \param name a file name
 * \return a path for it in a fresh temporary folder
 */
std::string
TempPath(const std::string& name)
{
    char dir[] = "/tmp/vpn-metrics-XXXXXX";
    NS_ABORT_MSG_IF(mkdtemp(dir) == nullptr, "cannot create a temporary folder");
    return std::string(dir) + "/" + name;
}

} // namespace

/**
 * \ingroup vpn
 * The seed: cTCP through the inspecting firewall at 1 % loss. Its inner data stops at the first
 * loss while the tunnel stays Up; a 120 s run sees dead-peer detection fail the tunnel 50 s
 * later, a 30 s run cannot and says so. NAT-T on the same seed never stalls.
 */
class VpnScenarioStallTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioStallTestCase()
        : SimulatorTestCase(
              "stall: cTCP through inspect at 1 % stalls at the first loss; a 120 s run "
              "detects it 50 s later, a 30 s run warns; NAT-T never stalls")
    {
    }

  private:
    void DoRun() override
    {
        // 120 s. The first packet lost on the uplink (RngRun 1) is at 2.31124064 s; what was
        // in flight before the hole still reaches the server, the last of it at 2.31347184 s,
        // 2.2 ms later; nothing after the hole ever does (the firewall holds it, cTCP never
        // retransmits). The client's DPD (30 s idle + 4 x 5 s, IpsecControlPlane) fails the
        // tunnel at 52.33441184 s: detection 50.02094 s after the data stopped.
        const VpnScenarioMetrics m = RunScenario(LossyRun("ctcp", 120), 1);
        NS_TEST_EXPECT_MSG_EQ_TOL(m.firstLoss, 2.31124064, 1e-8, "first loss");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.stall, 2.31347184, 1e-8, "the data's last progress");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.firstFailure, 52.33441184, 1e-8, "DPD fails the tunnel");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.detection, m.firstFailure - m.stall, 1e-9, "definition");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.detection, 50.02094, 1e-6, "50 s of DPD after the stall");
        // Data made progress in 1 of the 118 one-second bins from 2 s to 120 s ([2, 3)), while
        // the tunnel was Up for (52.334 - 0.34) / (120 - 0.34) of the time.
        NS_TEST_EXPECT_MSG_EQ_TOL(m.dataAvailability, 1.0 / 118, 1e-9, "1 bin of 118");
        NS_TEST_EXPECT_MSG_GT(m.availability, 0.4, "the tunnel was Up 43 % of the time");
        NS_TEST_EXPECT_MSG_EQ(m.warnings.empty(), true, "120 s > 2 s + 50 s: no warning");

        // 30 s: the same stall, no failure, availability 1 (the tunnel never left Up), 1 bin of
        // 28 with progress, and the warning.
        Ptr<VpnScenario> s = RunKept(LossyRun("ctcp", 30));
        const VpnScenarioMetrics& m30 = s->GetMetrics();
        NS_TEST_EXPECT_MSG_EQ_TOL(m30.stall, 2.31347184, 1e-8, "the same stall");
        NS_TEST_EXPECT_MSG_EQ(m30.firstFailure, -1, "no failure within 30 s");
        NS_TEST_EXPECT_MSG_EQ(m30.detection, -1, "so no detection");
        NS_TEST_EXPECT_MSG_EQ(m30.availability, 1, "the tunnel stayed Up");
        NS_TEST_EXPECT_MSG_EQ_TOL(m30.dataAvailability, 1.0 / 28, 1e-9, "1 bin of 28");
        NS_TEST_ASSERT_MSG_EQ(s->GetWarnings().size(), 1, "one warning");
        if (s->GetWarnings().size() != 1)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_NE(s->GetWarnings()[0].find("duration 30 s is shorter"),
                              std::string::npos,
                              s->GetWarnings()[0]);
        NS_TEST_EXPECT_MSG_NE(s->GetWarnings()[0].find("dead-peer detection (50 s)"),
                              std::string::npos,
                              s->GetWarnings()[0]);

        // NAT-T, same seed: TCP inside recovers every loss; no stall, progress in every bin.
        const VpnScenarioMetrics n = RunScenario(LossyRun("natt", 120), 1);
        NS_TEST_EXPECT_MSG_GT(n.firstLoss, 0, "NAT-T meets loss too");
        NS_TEST_EXPECT_MSG_EQ(n.stall, -1, "no stall");
        NS_TEST_EXPECT_MSG_EQ(n.detection, -1, "nothing to detect");
        // ns-3.37's TCP delivers something in each of the 118 bins; ns-3.48's spends 2 of them in
        // retransmission timeouts (a 1 s RTO costs a bin: doc, "The data plane").
#if VPN_NS3_VERSION == 3037
        NS_TEST_EXPECT_MSG_EQ_TOL(n.dataAvailability, 1.0, 1e-12, "progress in all 118 bins");
#elif VPN_NS3_VERSION >= 3048
        NS_TEST_EXPECT_MSG_EQ_TOL(n.dataAvailability, 116.0 / 118, 1e-9, "116 of 118 bins");
#else
        NS_TEST_EXPECT_MSG_GT(n.dataAvailability, 0.95, "all but a few bins");
#endif
    }
};

/**
 * \ingroup vpn
 * The rules at their edges: a gap to the end is a stall only from StallThreshold; a finished
 * bulk transfer has nothing to send and never stalls; ping's replies are its progress.
 */
class VpnScenarioStallRulesTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioStallRulesTestCase()
        : SimulatorTestCase("stall rules: the threshold, a finished transfer, the ping workload")
    {
    }

  private:
    void DoRun() override
    {
        // cTCP's 30 s run: the gap from 2.313 s to the end is 27.687 s.
        VpnScenarioConfig c = LossyRun("ctcp", 30);
        c.stallThreshold = 27.6;
        NS_TEST_EXPECT_MSG_EQ_TOL(RunScenario(c, 1).stall, 2.31347184, 1e-8, "27.687 >= 27.6");
        c.stallThreshold = 27.7;
        NS_TEST_EXPECT_MSG_EQ(RunScenario(c, 1).stall, -1, "27.687 < 27.7: not a stall");

        // NAT-T, 200 kB without loss: done within a few seconds, then idle to 30 s. Progress
        // in every bin until it was done, and no stall in the idle rest.
        VpnScenarioConfig done = LossyRun("natt", 30);
        done.loss = 0;
        done.bytes = 200000;
        const VpnScenarioMetrics d = RunScenario(done, 1);
        NS_TEST_ASSERT_MSG_GT(d.completion, 0, "the transfer finished");
        NS_TEST_EXPECT_MSG_LT(d.completion, 5, "within 5 s");
        NS_TEST_EXPECT_MSG_EQ(d.stall, -1, "nothing to send is no stall");
        NS_TEST_EXPECT_MSG_EQ(d.dataAvailability, 1, "progress in every bin until done");

        // Ping through cTCP without loss: each reply is progress, one a second.
        VpnScenarioConfig ping = LossyRun("ctcp", 30);
        ping.workload = "ping";
        ping.loss = 0;
        const VpnScenarioMetrics p = RunScenario(ping, 1);
        NS_TEST_EXPECT_MSG_EQ(p.stall, -1, "no loss: the replies never stop");
        NS_TEST_EXPECT_MSG_EQ(p.dataAvailability, 1, "a reply in each of the 28 bins");
        NS_TEST_EXPECT_MSG_EQ(p.rttSamples, 28, "one echo per second from 2 s to 29 s");
    }
};

/**
 * \ingroup vpn
 * Dead-peer detection's length, as the warning states it: the IPsec family's DPD, the SSL
 * carrier's CSTP DPD, and none.
 */
class VpnScenarioDetectionTimeTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioDetectionTimeTestCase()
        : SimulatorTestCase(
              "detection time: 30 + 4 x 5 s for IPsec, 2 x 30 s for AnyConnect, off at DPD 0")
    {
    }

  private:
    /**
     * \param c what to run
     * \return the warnings its Build() gave
     */
    static std::vector<std::string> Warnings(const VpnScenarioConfig& c)
    {
        return RunKept(c)->GetWarnings();
    }

    /**
     * \param warnings a run's warnings
     * \param text what one of them must say
     * \return true if exactly one warning says it
     */
    static bool Says(const std::vector<std::string>& warnings, const std::string& text)
    {
        return warnings.size() == 1 && warnings[0].find(text) != std::string::npos;
    }

    void DoRun() override
    {
        // Ping without loss: cheap runs; the warning comes from the configuration.
        VpnScenarioConfig c = LossyRun("ctcp", 10);
        c.loss = 0;
        c.workload = "ping";
        // IpsecControlPlane: R-U-THERE after 30 s idle, repeats every 5 s, fails at the check
        // after the 3rd repeat: 30 + (3 + 1) x 5 = 50 s.
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "dead-peer detection (50 s)"), true, "cTCP");
        c.transport = "natt";
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "dead-peer detection (50 s)"), true, "NAT-T");
        c.dpdRetries = 1; // 30 + 2 x 5
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "dead-peer detection (40 s)"), true, "1 retry");
        c.dpdInterval = 0;
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "dead-peer detection is off"), true, "DPD 0");
        // AnyConnect: the CSTP DPD on TLS declares the peer dead at 2 x 30 s (DpdKeepalive).
        c.transport = "anyconnect";
        c.dpdInterval = 30;
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "dead-peer detection (60 s)"), true, "SSL");
        // The edge: 2 s + 50 s. A 52 s run can show the failure; 51.9 s cannot.
        c.transport = "ctcp";
        c.dpdRetries = 3;
        c.duration = 52;
        NS_TEST_EXPECT_MSG_EQ(Warnings(c).empty(), true, "52 s: no warning");
        c.duration = 51.9;
        NS_TEST_EXPECT_MSG_EQ(Says(Warnings(c), "duration 51.9 s"), true, "51.9 s warns");
        // No tunnel, nothing to detect.
        c.transport = "none";
        NS_TEST_EXPECT_MSG_EQ(Warnings(c).empty(), true, "the routed baseline");
    }
};

/**
 * \ingroup vpn
 * The time series: one row per client and sample, its columns consistent with the run's
 * metrics.
 */
class VpnScenarioTimeseriesTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioTimeseriesTestCase()
        : SimulatorTestCase("timeseries: rows, columns and their sums agree with the run's metrics")
    {
    }

  private:
    void DoRun() override
    {
        // cTCP through inspect at 1 %, 60 s: the seed's run (failure at 52.334 s).
        VpnScenarioConfig c = LossyRun("ctcp", 60);
        c.timeseries = TempPath("ctcp.csv");
        const VpnScenarioMetrics m = RunScenario(c, 1);
        const std::vector<Row> rows = ReadCsv(c.timeseries);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 61, "the header and one row per second, 1 to 60 s");
        if (rows.size() != 61)
        {
            return; // the test runner may go on after a failure: index nothing below
        }
        const Row header{"time_s",
                         "client",
                         "tunnel_state",
                         "inner_rx_bytes",
                         "inner_goodput_bps",
                         "outer_cwnd_bytes",
                         "outer_rtt_ms",
                         "fw_held",
                         "fw_dropped",
                         "wan_lost"};
        NS_TEST_ASSERT_MSG_EQ((rows[0] == header), true, "the documented header");
        double bits = 0;
        for (size_t i = 1; i < rows.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(rows[i].size(), header.size(), "row " << i << ": 10 fields");
            if (rows[i].size() != header.size())
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(std::stod(rows[i][0]), static_cast<double>(i), "time " << i);
            NS_TEST_EXPECT_MSG_EQ(rows[i][1], "0", "client 0");
            NS_TEST_EXPECT_MSG_EQ(rows[i][5], "", "cTCP has no congestion window");
            NS_TEST_EXPECT_MSG_EQ(rows[i][7].empty(), false, "through a firewall: fw_held");
            bits += std::stod(rows[i][4]); // bit/s over 1 s
        }
        // Up until the DPD failure at 52.334 s: the row at 52 s says up, the one at 53 s failed.
        NS_TEST_EXPECT_MSG_EQ(rows[52][2], "up", "52 s");
        NS_TEST_EXPECT_MSG_EQ(rows[53][2], "failed", "53 s");
        // The goodput column integrates to the bytes delivered, the last row holds the totals.
        NS_TEST_EXPECT_MSG_EQ_TOL(bits / 8, m.innerRxBytes, 1e-6, "goodput sums to the bytes");
        NS_TEST_EXPECT_MSG_EQ(rows[60][3], std::to_string(m.innerRxBytes), "inner_rx_bytes");
        NS_TEST_EXPECT_MSG_EQ(rows[60][9], std::to_string(m.wanLostPackets), "wan_lost");
        uint64_t drops = 0;
        for (const auto& [reason, count] : m.fwDrops)
        {
            drops += count;
        }
        NS_TEST_EXPECT_MSG_EQ(rows[60][8], std::to_string(drops), "fw_dropped");
        // The inspecting firewall holds the 3 segments after the hole (its queue for a fixed
        // window, doc "Firewall") from the first loss at 2.31 s, and drops them 4 s later
        // (tcp-buffer-timeout at 6.31 s): 3 held at 3 s to 6 s, none at 7 s, 3 more drops.
        NS_TEST_EXPECT_MSG_EQ(rows[3][7], "3", "3 held at 3 s");
        NS_TEST_EXPECT_MSG_EQ(rows[6][7], "3", "still 3 at 6 s");
        NS_TEST_EXPECT_MSG_EQ(rows[7][7], "0", "none after the 4 s timeout");
        NS_TEST_EXPECT_MSG_EQ(std::stoull(rows[7][8]) - std::stoull(rows[6][8]), 3, "dropped");
        // From 3 s on nothing arrives: the column stays at the bytes of the first second.
        NS_TEST_EXPECT_MSG_EQ(rows[3][3], rows[60][3], "no progress after the stall");

        // RFC 9329 (a real TCP) at 0.5 s, 10 s, without a firewall: its congestion window and
        // RTT (20 ms each way, 1 ms core links: at least 44 ms), empty fw columns.
        VpnScenarioConfig t = LossyRun("tcp-encap", 10);
        t.firewall = "none";
        t.timeseriesInterval = 0.5;
        t.timeseries = TempPath("tcp-encap.csv");
        RunScenario(t, 1);
        const std::vector<Row> trows = ReadCsv(t.timeseries);
        NS_TEST_ASSERT_MSG_EQ(trows.size(), 21, "the header and 20 rows, 0.5 to 10 s");
        if (trows.size() != 21)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(trows[10].size(), header.size(), "10 fields");
        if (trows[10].size() != header.size())
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(trows[10][0], "5", "row 10 at 5 s");
        NS_TEST_EXPECT_MSG_GT(std::stod(trows[10][5]), 1000, "a congestion window");
        NS_TEST_EXPECT_MSG_GT(std::stod(trows[10][6]), 44, "RTT above the path's 44 ms");
        NS_TEST_EXPECT_MSG_LT(std::stod(trows[10][6]), 1000, "RTT below a second");
        NS_TEST_EXPECT_MSG_EQ(trows[10][7], "", "no firewall: fw_held empty");
        NS_TEST_EXPECT_MSG_EQ(trows[10][8], "", "no firewall: fw_dropped empty");
    }
};

/**
 * \ingroup vpn
 * The scenario's data-plane metrics, warning and time series.
 */
class VpnScenarioMetricsTestSuite : public TestSuite
{
  public:
    VpnScenarioMetricsTestSuite()
        : TestSuite("vpn-scenario-metrics", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new VpnScenarioStallTestCase);
        AddTestCase(new VpnScenarioStallRulesTestCase);
        AddTestCase(new VpnScenarioDetectionTimeTestCase);
        AddTestCase(new VpnScenarioTimeseriesTestCase);
    }
};

/// The suite's one instance.
static VpnScenarioMetricsTestSuite g_vpnScenarioMetricsTestSuite;
