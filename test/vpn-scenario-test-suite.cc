/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The canonical scenario's JSON, in-process on short runs: every key with its type, outcomes that
 * follow from the configuration, and the same JSON (but wall_s) for the same flags and RngRun.
 */

#include "../tools/vpn-sweep/vpn-sweep-results.h"
#include "scenario-run.h"
#include "simulator-test-case.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/firewall-drop-reason.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"
#include "ns3/vpn-command-line.h"
#include "ns3/vpn-ns3-compat.h"
#include "ns3/vpn-scenario.h"

#include <map>

using namespace ns3;

namespace
{

/**
 * Run the scenario once.
 * \param config what to run
 * \param run the RngRun
 * \return its JSON line
 */
std::string
RunOnce(const VpnScenarioConfig& config, uint64_t run)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Run();
    return scenario->ToJson();
}

/**
 * \param json a JSON line
 * \return it without its wall_s member (the only field that may differ between equal runs)
 */
std::string
WithoutWall(const std::string& json)
{
    const size_t at = json.find(",\"wall_s\":");
    return at == std::string::npos ? json : json.substr(0, at) + "}";
}

/**
 * \return a short natt run through the inspecting firewall with Bernoulli loss 1 %
 */
VpnScenarioConfig
ShortConfig()
{
    VpnScenarioConfig c;
    c.transport = "natt";
    c.firewall = "inspect";
    c.lossModel = "bernoulli";
    c.loss = 0.01;
    c.duration = 5;
    return c;
}

} // namespace

/**
 * \ingroup vpn
 * Every key of the JSON with its type, in the documented order.
 */
class VpnScenarioJsonKeysTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioJsonKeysTestCase()
        : SimulatorTestCase("JSON keys, types and order; values consistent with the configuration")
    {
    }

  private:
    void DoRun() override
    {
        const std::string json = RunOnce(ShortConfig(), 1);
        VpnRunRecord r;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnSweepResults::ParseJson(json, r, error), true, error);

        // The documented keys, in order. 'n' number, 's' string, 'o' number or null.
        // The scenario's parameters first, one per attribute, in the TypeId's order (a Time in
        // seconds, _s; a DataRate in bit/s, _bps; a boolean 0 or 1), then run and the metrics.
        const std::vector<std::pair<std::string, char>> expected = {{"transport", 's'},
                                                                    {"firewall", 's'},
                                                                    {"bypass", 'n'},
                                                                    {"loss_model", 's'},
                                                                    {"loss", 'n'},
                                                                    {"burst", 'n'},
                                                                    {"clients", 'n'},
                                                                    {"duration_s", 'n'},
                                                                    {"workload", 's'},
                                                                    {"bytes", 'n'},
                                                                    {"rate_bps", 'n'},
                                                                    {"packet_size", 'n'},
                                                                    {"loss_direction", 's'},
                                                                    {"access_rate_bps", 'n'},
                                                                    {"internet_delay_s", 'n'},
                                                                    {"dpd_interval_s", 'n'},
                                                                    {"dpd_retries", 'n'},
                                                                    {"reconnect", 'n'},
                                                                    {"segment_size", 'n'},
                                                                    {"inner_window", 'n'},
                                                                    {"flows", 'n'},
                                                                    {"probe_interval_s", 'n'},
                                                                    {"tcp_stack", 's'},
                                                                    {"outage_s", 'n'},
                                                                    {"core_rate_bps", 'n'},
                                                                    {"pcap", 's'},
                                                                    {"stall_threshold_s", 'n'},
                                                                    {"progress_interval_s", 'n'},
                                                                    {"timeseries", 's'},
                                                                    {"timeseries_interval_s", 'n'},
                                                                    {"run", 'n'},
                                                                    {"tunnel_failures", 'n'},
                                                                    {"first_failure_s", 'o'},
                                                                    {"headend_failure_s", 'o'},
                                                                    {"stall_s", 'o'},
                                                                    {"detection_s", 'o'},
                                                                    {"first_loss_s", 'o'},
                                                                    {"availability", 'n'},
                                                                    {"data_availability", 'n'},
                                                                    {"reconnects", 'n'},
                                                                    {"inner_rx_bytes", 'n'},
                                                                    {"inner_goodput_bps", 'n'},
                                                                    {"completion_s", 'o'},
                                                                    {"rtt_samples", 'n'},
                                                                    {"rtt_median_ms", 'o'},
                                                                    {"rtt_p95_ms", 'o'},
                                                                    {"wan_tx_packets", 'n'},
                                                                    {"wan_lost_packets", 'n'},
                                                                    {"wan_tx_bytes", 'n'},
                                                                    {"overhead_bytes", 'n'}};
        size_t i = 0;
        for (; i < expected.size() && i < r.fields.size(); ++i)
        {
            const auto& [key, value] = r.fields[i];
            NS_TEST_ASSERT_MSG_EQ(key, expected[i].first, "key " << i << " in " << json);
            const char kind = expected[i].second;
            if (kind == 's')
            {
                NS_TEST_ASSERT_MSG_EQ(value.kind, VpnJsonValue::STRING, key << " is a string");
            }
            else if (kind == 'n')
            {
                NS_TEST_ASSERT_MSG_EQ(value.kind, VpnJsonValue::NUMBER, key << " is a number");
            }
            else
            {
                NS_TEST_ASSERT_MSG_NE(value.kind, VpnJsonValue::STRING, key << ": number|null");
            }
        }
        // Then the fw_drops members: every reason the firewall names, in FirewallDropReason's
        // order, zero included (a NAT-T run through inspect drops nothing), as counts.
        const size_t firstDrop = i;
        for (; i < r.fields.size() && r.fields[i].first.rfind("fw_drops.", 0) == 0; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(r.fields[i].second.kind,
                                  VpnJsonValue::NUMBER,
                                  r.fields[i].first << " is a count");
        }
        NS_TEST_ASSERT_MSG_EQ(i - firstDrop,
                              static_cast<size_t>(FirewallDropReason::COUNT),
                              "one member per drop reason");
        NS_TEST_ASSERT_MSG_EQ(r.fields[firstDrop].first, "fw_drops.tcp-not-syn", "first reason");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i - 1].first, "fw_drops.acl-drop", "last reason");
        // Then warnings, an array of strings that the reader keeps as their text joined with "; "
        // and their count: a 5 s run is shorter than the 2 s start + 50 s of dead-peer detection.
        NS_TEST_ASSERT_MSG_EQ(r.fields[i].first, "warnings", "warnings after fw_drops");
        NS_TEST_ASSERT_MSG_NE(r.fields[i].second.text.find("duration 5 s is shorter"),
                              std::string::npos,
                              "the short-run warning");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 1].first, "warnings_count", "then their count");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 1].second.text, "1", "one warning");
        i += 2;
        // Then the config: one member per VpnScenario attribute (a string, keyed by its flag),
        // then RngSeed and RngRun (no --ns3:: override was given).
        const size_t attributes = VpnScenario::GetTypeId().GetAttributeN();
        for (size_t k = 0; k < attributes + 2; ++k, ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(r.fields[i].first.rfind("config.", 0), 0, "config member " << k);
            NS_TEST_ASSERT_MSG_EQ(r.fields[i].second.kind, VpnJsonValue::STRING, "as text");
        }
        NS_TEST_ASSERT_MSG_EQ(r.fields[i - 2].first, "config.RngSeed", "RngSeed in the config");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i - 1].first, "config.RngRun", "RngRun in the config");
        NS_TEST_ASSERT_MSG_EQ(r.Find("config.transport")->text, "natt", "the transport's value");
        NS_TEST_ASSERT_MSG_EQ(r.fields.size(), i + 7, "versions, seeds, sim_events, wall_s");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i].first, "module_version", "module_version");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i].second.text, compat::VpnVersion(), "the module's");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 1].first, "module_commit", "module_commit");
        ++i; // the commit is a string in a git checkout, null elsewhere (an ns-3 tree's copy)
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 1].first, "ns3_version", "ns3_version");
        // Against the release as the build system spelled it (NS3_VER or ns3_VERSION: "3.48",
        // "3.46.1", "3-dev"), not against VPN_NS3_VERSION, from which the JSON's is computed.
        const std::string reported = r.fields[i + 1].second.text;
        const std::string spelled = VPN_NS3_RELEASE;
        NS_TEST_ASSERT_MSG_EQ(reported.empty(), false, "ns3_version is not empty");
        const bool same = spelled == reported || spelled.rfind(reported + ".", 0) == 0;
        NS_TEST_ASSERT_MSG_EQ(same,
                              true,
                              "ns3_version " << reported << " is the release built against, "
                                             << spelled);
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 2].first, "rng_seed", "rng_seed");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 3].first, "rng_run", "rng_run");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 3].second.text, "1", "RngRun 1");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 4].first, "sim_events", "sim_events");
        NS_TEST_ASSERT_MSG_EQ(r.fields[i + 5].first, "wall_s", "wall_s last");
        NS_TEST_ASSERT_MSG_NE(json.find("\"fw_drops\":{"), std::string::npos, "fw_drops object");

        // Values that follow from the configuration, and sanity of the measured ones.
        NS_TEST_ASSERT_MSG_EQ(r.Text("transport"), "natt", "transport echoed");
        NS_TEST_ASSERT_MSG_EQ(r.Text("firewall"), "inspect", "firewall echoed");
        NS_TEST_ASSERT_MSG_EQ(r.Number("loss", -1), 0.01, "loss echoed");
        NS_TEST_ASSERT_MSG_EQ(r.Number("run", -1), 1, "RngRun echoed");
        NS_TEST_ASSERT_MSG_EQ(r.Number("duration_s", -1), 5, "duration echoed");
        // Defaults, in SI units: 10 Mb/s access, 20 ms one way, DPD every 30 s, 100 Mb/s core.
        NS_TEST_ASSERT_MSG_EQ(r.Number("access_rate_bps", -1), 10e6, "access rate in bit/s");
        NS_TEST_ASSERT_MSG_EQ(r.Number("internet_delay_s", -1), 0.02, "delay in seconds");
        NS_TEST_ASSERT_MSG_EQ(r.Number("dpd_interval_s", -1), 30, "DPD interval in seconds");
        NS_TEST_ASSERT_MSG_EQ(r.Number("core_rate_bps", -1), 100e6, "core rate in bit/s");
        NS_TEST_ASSERT_MSG_EQ(r.Number("reconnect", -1), 0, "a boolean as 0");
        const double availability = r.Number("availability", -1);
        NS_TEST_ASSERT_MSG_EQ((availability >= 0 && availability <= 1), true, "availability");
        NS_TEST_ASSERT_MSG_GT(r.Number("inner_rx_bytes", 0), 0, "the bulk flow delivered");
        NS_TEST_ASSERT_MSG_GT(r.Number("wan_lost_packets", 0), 0, "1 % of thousands: some lost");
        NS_TEST_ASSERT_MSG_GT(r.Number("wan_tx_packets", 0),
                              r.Number("wan_lost_packets", 0),
                              "fewer lost than sent");
        const bool noFailure = r.Number("tunnel_failures", -1) == 0;
        const bool nullFailure = r.Find("first_failure_s")->kind == VpnJsonValue::NONE;
        NS_TEST_ASSERT_MSG_EQ(noFailure,
                              nullFailure,
                              "first_failure_s is null exactly when no tunnel failed");
        NS_TEST_ASSERT_MSG_EQ(r.Find("completion_s")->kind,
                              VpnJsonValue::NONE,
                              "unlimited bulk: no completion time");
    }
};

/**
 * \ingroup vpn
 * The same configuration and RngRun give the same JSON (but wall_s); another RngRun does not.
 */
class VpnScenarioRepeatTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioRepeatTestCase()
        : SimulatorTestCase(
              "Same flags and RngRun: identical JSON except wall_s; other RngRun: different")
    {
    }

  private:
    void DoRun() override
    {
        const VpnScenarioConfig c = ShortConfig();
        const std::string first = RunOnce(c, 3);
        const std::string second = RunOnce(c, 3);
        NS_TEST_ASSERT_MSG_EQ(WithoutWall(first), WithoutWall(second), "same run, same JSON");
        NS_TEST_ASSERT_MSG_NE(WithoutWall(first), first, "wall_s was there to strip");
        const std::string other = RunOnce(c, 4);
        NS_TEST_ASSERT_MSG_NE(WithoutWall(first), WithoutWall(other), "RngRun 4 differs from 3");
    }
};

namespace
{
/**
 * \param name an attribute, "ns3::Type::Name" of the type that registers it
 * \return its default now, as a string
 */
std::string
DefaultOf(const std::string& name)
{
    TypeId::AttributeInformation info;
    return VpnCommandLine::DefaultOf(name, info)
               ? info.initialValue->SerializeToString(info.checker)
               : "no attribute " + name;
}
} // namespace

/**
 * \ingroup vpn
 * A scenario leaves the process's attribute defaults as it found them: one with tcpStack linux,
 * innerWindow and another segmentSize changes neither the defaults nor what the next scenario in
 * the same process measures.
 */
class VpnScenarioDefaultsTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioDefaultsTestCase()
        : SimulatorTestCase(
              "A scenario restores the defaults it set: the next one runs as it runs alone")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<std::string> names{"ns3::TcpSocket::SegmentSize",
                                             "ns3::TcpSocket::SndBufSize",
                                             "ns3::TcpSocketBase::MinRto",
                                             "ns3::TcpSocket::DelAckTimeout",
                                             "ns3::TcpStreamCarrier::TcpMinRto"};
        std::vector<std::string> before;
        for (const auto& name : names)
        {
            before.push_back(DefaultOf(name));
        }
        // tcp-encap over 1 % loss: its inner TCP's timers and sizes decide what it carries.
        // Without the restore (negative control), run after the other scenario it carried
        // 3,002,544 inner bytes instead of 2,982,912: Linux's timers, a 20,000-byte send
        // buffer and 1000-byte segments were left on every later TCP socket.
        VpnScenarioConfig b;
        b.transport = "tcp-encap";
        b.firewall = "none";
        b.loss = 0.01;
        b.duration = 20;
        const std::string alone = WithoutWall(RunOnce(b, 1));

        VpnScenarioConfig a = b;
        a.tcpStack = "linux";
        a.innerWindow = 20000;
        a.segmentSize = 1000;
        a.duration = 5;
        RunOnce(a, 1);
        for (std::size_t i = 0; i < names.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(DefaultOf(names[i]), before[i], names[i] << " restored");
        }
        NS_TEST_EXPECT_MSG_EQ(WithoutWall(RunOnce(b, 1)), alone, "the same JSON as alone");
    }
};

/**
 * \ingroup vpn
 * The seed's story on short runs, from the simulation: cTCP through an inspecting firewall dies
 * after a loss and lives without loss, without the firewall, and with tcp-state-bypass; the UDP,
 * ESP and SSL carriers live through the same firewall and loss.
 */
class VpnScenarioStoryTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param transport carrier
     * \param firewall firewall mode
     * \param bypass tcp-state-bypass class for the VPN flow
     * \param loss Bernoulli loss on the client's uplink
     * \param fails whether the tunnel must fail
     */
    VpnScenarioStoryTestCase(std::string transport,
                             std::string firewall,
                             bool bypass,
                             double loss,
                             bool fails)
        : SimulatorTestCase("story: " + transport + " through " + firewall +
                            (bypass ? " with bypass" : "") + " at loss " + std::to_string(loss) +
                            (fails ? " fails" : " survives")),
          m_transport(transport),
          m_firewall(firewall),
          m_bypass(bypass),
          m_loss(loss),
          m_fails(fails)
    {
    }

  private:
    void DoRun() override
    {
        VpnScenarioConfig c;
        c.transport = m_transport;
        c.firewall = m_firewall;
        c.bypass = m_bypass;
        c.loss = m_loss;
        // The demo's workload: bulk TCP capped at 8 KiB in flight on a 1 Mbps access link, so
        // nothing is lost but what the loss model loses. 90 s covers the first loss at 1 %
        // (~85 packets/s) plus DPD's 30 + 4 x 5 s.
        c.accessRate = "1Mbps";
        c.innerWindow = 8192;
        c.duration = 90;
        std::string flag;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), true, flag + ": " + error);
        const VpnScenarioMetrics m = RunScenario(c, 1);
        if (m_fails)
        {
            NS_TEST_EXPECT_MSG_GT(m.tunnelFailures, 0, "the tunnel fails");
            // Dead-peer detection needs 30 s of silence plus four 5 s probes: no failure can
            // come before the workload starts (2 s) + 50 s.
            NS_TEST_EXPECT_MSG_GT(m.firstFailure, 52.0, "failure by DPD, after the loss");
            NS_TEST_EXPECT_MSG_LT(m.availability, 0.9, "down for a good part of the run");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(m.tunnelFailures, 0, "the tunnel survives");
            NS_TEST_EXPECT_MSG_EQ(m.availability, 1.0, "up all the time");
            // 88 s of a transfer that moves ~0.5-0.9 Mbit/s: far more than 1 MB arrives.
            NS_TEST_EXPECT_MSG_GT(m.innerRxBytes, 1000000, "the inner transfer keeps going");
        }
    }

    std::string m_transport; //!< carrier
    std::string m_firewall;  //!< firewall mode
    bool m_bypass;           //!< bypass class
    double m_loss;           //!< loss
    bool m_fails;            //!< expected outcome
};

/**
 * \ingroup vpn
 * Parallel inner flows: a client's bytes are split over them exactly, and TCP over TCP shows:
 * over DTLS each inner TCP gets its own share of a lossy path, over TLS-only the one outer TCP
 * caps them all (doc/vpn.rst, "TCP over TCP"; the figures come from vpn-tcp-over-tcp).
 */
class VpnScenarioFlowsTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioFlowsTestCase()
        : SimulatorTestCase(
              "flows: bytes split exactly; 4 flows scale over DTLS, not over TLS-only; "
              "the RTT probe sees TLS-only's full buffer")
    {
    }

  private:
    /**
     * \param transport carrier
     * \param flows inner flows
     * \return a 30 s run at 1 % loss both ways (RngRun 1), with an inner ping every 200 ms
     */
    static VpnScenarioMetrics Measure(const std::string& transport, uint32_t flows)
    {
        VpnScenarioConfig c;
        c.transport = transport;
        c.firewall = "none";
        c.loss = 0.01;
        c.lossDirection = "both";
        c.flows = flows;
        c.probeInterval = 0.2;
        c.duration = 30;
        // One host, one stack (Linux's timers), as vpn-tcp-over-tcp runs it.
        c.tcpStack = "linux";
        return RunScenario(c, 1);
    }

    void DoRun() override
    {
        VpnScenarioConfig c;
        c.transport = "natt";
        c.firewall = "none";
        c.lossModel = "none";
        c.flows = 3;
        // 1000001 = 3 x 333333 + 2: the first flow carries the remainder, so exactly every byte
        // arrives once and the transfer completes (2.7 s at 10 Mbps).
        c.bytes = 1000001;
        c.duration = 10;
        std::string flag;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), true, flag + ": " + error);
        const VpnScenarioMetrics m = RunScenario(c, 1);
        NS_TEST_ASSERT_MSG_EQ(m.innerRxBytes, 1000001, "every byte of every flow, once");
        NS_TEST_ASSERT_MSG_GT(m.completion, 0.0, "the transfer completes");
        NS_TEST_ASSERT_MSG_EQ(m.rttSamples, 0, "no probe, no RTT");
        NS_TEST_ASSERT_MSG_EQ(m.rttMedianMs, -1.0, "no RTT: -1 (null in the JSON)");
        c.bytes = 2;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "2 bytes, 3 flows");
        NS_TEST_ASSERT_MSG_EQ(flag, "bytes", "a zero share would be unlimited");
        c.bytes = 0;
        c.flows = 65;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "65 flows");
        NS_TEST_ASSERT_MSG_EQ(flag, "flows", "named");
        c.flows = 1;
        c.probeInterval = 0.001;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "a 1 ms probe");
        NS_TEST_ASSERT_MSG_EQ(flag, "probeInterval", "named");
        c.probeInterval = 1;
        c.workload = "ping";
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "probe and ping");
        NS_TEST_ASSERT_MSG_EQ(flag, "probeInterval", "named");
        c.probeInterval = 0;
        c.tcpStack = "windows";
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "an unknown stack");
        NS_TEST_ASSERT_MSG_EQ(flag, "tcpStack", "named");

        const VpnScenarioMetrics d1 = Measure("anyconnect", 1);
        const VpnScenarioMetrics d4 = Measure("anyconnect", 4);
        const VpnScenarioMetrics t1 = Measure("anyconnect-tls", 1);
        const VpnScenarioMetrics t4 = Measure("anyconnect-tls", 4);
        Config::Reset();
        const double dtls1 = d1.innerGoodputBps;
        const double dtls4 = d4.innerGoodputBps;
        const double tls1 = t1.innerGoodputBps;
        const double tls4 = t4.innerGoodputBps;
        // Over DTLS every inner TCP sees the loss on its own and the four share nothing but a
        // 10 Mbps link they do not fill at 1 % loss: close to four times one flow (this run:
        // 4.65 against 1.49 Mbit/s, 3.1x); more than 2.5x.
        NS_TEST_EXPECT_MSG_GT(dtls4, 2.5 * dtls1, "DTLS: four flows, about four shares");
        // Over TLS-only one outer TCP carries all four and sees every loss: no more than one
        // TCP's share however many flows ride it (this run: 1.25 against 1.47 Mbit/s, 0.85x).
        NS_TEST_EXPECT_MSG_LT(tls4, 1.5 * tls1, "TLS-only: four flows, still one share");
        // So with four flows TLS-only is far below DTLS (this run: 0.27x).
        NS_TEST_EXPECT_MSG_LT(tls4, 0.5 * dtls4, "TCP over TCP: TLS-only below DTLS");
        // The probe pings: 140 sent from 2 s to 30 s, one every 200 ms; at 1 % loss each way and
        // a few still in flight at 30 s, this run gets 132-139 replies.
        NS_TEST_EXPECT_MSG_GT(d1.rttSamples, 120, "DTLS: the probe's replies");
        NS_TEST_EXPECT_MSG_GT(t1.rttSamples, 120, "TLS-only: the probe's replies");
        // Over DTLS the one inner TCP at 1 % loss never fills a queue: the probe sees the path's
        // 46.3 ms (2 x 20 ms Internet + 6 x 1 ms core + serialization). Over TLS-only the inner
        // TCP sees no loss and fills the outer connection's send buffer, and the probe waits
        // behind it: this run's median is 989 ms (21x); more than 5x.
        NS_TEST_EXPECT_MSG_LT(d1.rttMedianMs, 50.0, "DTLS: the path's RTT");
        NS_TEST_EXPECT_MSG_GT(t1.rttMedianMs, 5 * d1.rttMedianMs, "TLS-only: RTT of a full buffer");
    }
};

/**
 * \ingroup vpn
 * tcpStack linux gives the inner TCP Linux's timers, and that changes what a lossy path carries.
 */
class VpnScenarioTcpStackTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioTcpStackTestCase()
        : SimulatorTestCase(
              "tcpStack: Linux's timers move more over a 3 % lossy path than ns-3's defaults")
    {
    }

  private:
    void DoRun() override
    {
        VpnScenarioConfig c;
        c.transport = "natt";
        c.firewall = "none";
        c.loss = 0.03;
        c.lossDirection = "both";
        c.duration = 60;
        const double defaults = RunScenario(c, 1).innerGoodputBps;
        c.tcpStack = "linux";
        const double linuxTimers = RunScenario(c, 1).innerGoodputBps;
        Config::Reset();
        // ns-3's 1 s minimum RTO makes every timeout at 3 % loss cost a second: 0.472 Mbit/s in
        // this run, 0.556 with Linux's 200 ms and 40 ms delayed ACK (1.18x). The minimum RTO
        // alone, without the delayed-ACK timeout, collapses to 0.098 (spurious timeouts, see
        // "TCP over TCP" in doc/vpn.rst): both timers must follow.
        NS_TEST_EXPECT_MSG_GT(linuxTimers, 1.1 * defaults, "Linux's timers recover faster");
    }
};

/**
 * \ingroup vpn
 * The outage loss model: a time-clocked chain shared by both directions of each Internet link.
 */
class VpnScenarioOutageTestCase : public SimulatorTestCase
{
  public:
    VpnScenarioOutageTestCase()
        : SimulatorTestCase(
              "outage: the link is down a set fraction of the time, in both directions")
    {
    }

  private:
    void DoRun() override
    {
        VpnScenarioConfig c;
        c.transport = "natt";
        c.firewall = "none";
        c.lossModel = "outage";
        c.loss = 0.05;
        c.outage = 0.5;
        c.lossDirection = "both";
        // Constant-rate UDP: what it offers does not depend on the losses (a TCP sender offers
        // almost nothing while the link is down, so its packets would not see the time share).
        c.workload = "cbr";
        c.rate = "1Mbps";
        c.duration = 200;
        std::string flag;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), true, flag + ": " + error);
        const VpnScenarioMetrics m = RunScenario(c, 1);
        // 5 % of the time in 0.5 s outages (Good 9.5 s): about 20 outages in 200 s, so the
        // share of packets lost is 5 % give or take a third (this run: 1390 of 24766, 5.6 %).
        const double lost = double(m.wanLostPackets) / m.wanTxPackets;
        NS_TEST_EXPECT_MSG_GT(lost, 0.03, "a few percent of the packets lost");
        NS_TEST_EXPECT_MSG_LT(lost, 0.08, "about the time out");
        NS_TEST_EXPECT_MSG_EQ(m.tunnelFailures, 0, "half-second outages do not end a tunnel");

        // Both directions go down together: a ping is lost when either its request or its reply
        // meets an outage, and with one chain for the link those are almost the same moments
        // (46 ms apart against 0.5 s outages), so about 5 % of the pings are lost, not the 9.75 %
        // of two independent chains. 1000 s, a ping every 100 ms from 2 s: 9980 sent, ~100
        // outages; this run gets 9505 replies (4.8 % lost).
        c.rate = "100kbps";
        c.probeInterval = 0.1;
        c.duration = 1000;
        const VpnScenarioMetrics p = RunScenario(c, 1);
        NS_TEST_EXPECT_MSG_GT(p.rttSamples, 9980 * 0.93, "one outage takes both directions");
        c.outage = 0;
        NS_TEST_ASSERT_MSG_EQ(VpnScenario::Validate(c, flag, error), false, "a zero outage");
        NS_TEST_ASSERT_MSG_EQ(flag, "outage", "named");

        // AnyConnect with DTLS through 1 s outages, 5 % of the time, RngRun 1: on ns-3.37 the
        // idle TLS control connection's SACK sender stalls (a segment lost at ~120 s is never
        // retransmitted, later ones are sent and SACKed; pcap in doc/vpn.rst) and TLS DPD ends
        // the tunnel at 160.3 s. Without SACK on the carrier's sockets the tunnel lives on
        // ns-3.37: the workaround the TcpSack attribute offers. On ns-3.48 the headend's sender
        // stalls the same way without SACK too (the lost segment of ~120 s is never resent,
        // pcap read with tshark; doc/vpn.rst, "ns-3 releases"), and DPD ends the tunnel at the
        // same 160.3 s: one failure. That was up to version 0.3.1. Since 0.4.0 the headend sends
        // no keepalives (OpenConnect's client-only rule), its TLS sender is idle but for DPD
        // answers, and this run lives on both releases, with SACK too (doc/vpn.rst, Scope and
        // Limitations): the pin now holds the tunnel's survival without SACK on both.
        Config::SetDefault("ns3::TcpStreamCarrier::TcpSack", BooleanValue(false));
        c.transport = "anyconnect";
        c.workload = "bulk";
        c.accessRate = "2Mbps";
        c.loss = 0.05;
        c.outage = 1;
        c.tcpStack = "linux";
        c.probeInterval = 0.2;
        c.duration = 165;
        const VpnScenarioMetrics d = RunScenario(c, 1);
        Config::Reset();
        NS_TEST_EXPECT_MSG_EQ(d.tunnelFailures, 0, "without SACK the control connection lives");
        NS_TEST_EXPECT_MSG_GT(d.innerRxBytes, 10000000, "and the inner transfer runs on DTLS");
    }
};

/**
 * \ingroup vpn
 * The canonical scenario, in-process.
 */
class VpnScenarioTestSuite : public TestSuite
{
  public:
    VpnScenarioTestSuite()
        : TestSuite("vpn-scenario", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new VpnScenarioJsonKeysTestCase);
        AddTestCase(new VpnScenarioRepeatTestCase);
        AddTestCase(new VpnScenarioDefaultsTestCase);
        AddTestCase(new VpnScenarioFlowsTestCase);
        AddTestCase(new VpnScenarioOutageTestCase);
        AddTestCase(new VpnScenarioTcpStackTestCase);
        AddTestCase(new VpnScenarioStoryTestCase("ctcp", "inspect", false, 0.01, true));
        AddTestCase(new VpnScenarioStoryTestCase("ctcp", "inspect", false, 0.0, false));
        AddTestCase(new VpnScenarioStoryTestCase("ctcp", "none", false, 0.01, false));
        AddTestCase(new VpnScenarioStoryTestCase("ctcp", "inspect", true, 0.01, false));
        AddTestCase(new VpnScenarioStoryTestCase("natt", "inspect", false, 0.01, false));
        AddTestCase(new VpnScenarioStoryTestCase("esp", "inspect", false, 0.01, false));
        AddTestCase(new VpnScenarioStoryTestCase("anyconnect", "inspect", false, 0.01, false));
    }
};

/// The suite's one instance.
static VpnScenarioTestSuite g_vpnScenarioTestSuite;
