/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tunnels through the inspecting firewall, in-process through VpnScenario: the TCP-based
 * carriers (RFC 9329 and TLS over ns-3 TCP) survive 1 % loss; cTCP, which never retransmits,
 * does not.
 *
 * The configuration is the one that used to stall RFC 9329 and TLS for good: a 1 Mbps access
 * link, an inner TCP window of 8192 bytes, Bernoulli loss 1 % client to firewall, 120 s. The
 * firewall's dup ACKs then carried the firewall's own RCV.NXT as their ACK number. After a hole
 * filled, the held segments it released reached the headend with ACK fields below the headend's
 * SND.UNA (the headend also sends: ESP with the inner TCP's ACKs), and ns-3.37's TcpSocketBase
 * drops the payload of such a segment. The firewall's next dup ACK then acknowledged bytes the
 * headend never had; the client freed them and never sent them again, and dead-peer detection
 * ended the tunnel (tcp-encap RngRun 1 at 56.2 s, RngRun 5 at 87.9 s; anyconnect-tls RngRun 3).
 */

#include "scenario-run.h"
#include "simulator-test-case.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"
#include "ns3/vpn-scenario.h"

#include <vector>

using namespace ns3;

namespace
{

/**
 * \param transport the carrier
 * \return the stalling configuration for it
 */
VpnScenarioConfig
StallConfig(const std::string& transport)
{
    VpnScenarioConfig c;
    c.transport = transport;
    c.firewall = "inspect";
    c.lossModel = "bernoulli";
    c.loss = 0.01;
    c.lossDirection = "up";
    c.accessRate = "1Mbps";
    c.innerWindow = 8192;
    c.duration = 120;
    return c;
}

/**
 * \param m metrics
 * \param reason a drop keyword
 * \return the firewall's drops with that reason
 */
uint64_t
Drops(const VpnScenarioMetrics& m, const std::string& reason)
{
    auto it = m.fwDrops.find(reason);
    return it == m.fwDrops.end() ? 0 : it->second;
}

} // namespace

/**
 * \ingroup vpn
 * A TCP-based carrier through inspect at 1 % loss survives 120 s for RngRun 1, 3 and 5, and its
 * inner flow still moves at the end: with the queue fixed at 3 packets (QueueFollowsWindow=false,
 * the configuration that stalled), and with the ASA's default, a queue that follows the
 * headend's window and so holds the whole of what the client has in flight.
 */
class FirewallTunnelSurvivesTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param transport tcp-encap or anyconnect-tls
     */
    FirewallTunnelSurvivesTestCase(const std::string& transport, bool followsWindow)
        : SimulatorTestCase(transport + " through inspect, 1 % loss, 1 Mbps, RngRun 1, 3, 5, " +
                            (followsWindow ? "window-following queue" : "queue of 3") +
                            ": never fails"),
          m_transport(transport),
          m_followsWindow(followsWindow)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::StatefulFirewall::QueueFollowsWindow",
                           BooleanValue(m_followsWindow));
        Check();
        Config::SetDefault("ns3::StatefulFirewall::QueueFollowsWindow", BooleanValue(true));
    }

    /** Run the three seeds and check each. */
    void Check()
    {
        for (uint64_t run : {1, 3, 5})
        {
            const VpnScenarioMetrics m = RunScenario(StallConfig(m_transport), run);
            // The same run stopped 20 s earlier: every event before 100 s is the same.
            VpnScenarioConfig shorter = StallConfig(m_transport);
            shorter.duration = 100;
            const VpnScenarioMetrics early = RunScenario(shorter, run);
            // The queue of 3 was exercised: holes opened and it overflowed (170-260
            // tcp-buffer-full drops per run for both carriers with ns-3.37, 160-200 with 3.48).
            // The window-following queue (the headend's 128 KiB window: about 90 packets) holds
            // the client's whole flight behind a hole and never overflows.
            if (m_followsWindow)
            {
                NS_TEST_ASSERT_MSG_EQ(Drops(m, "tcp-buffer-full"), 0, "run " << run);
            }
            else
            {
                NS_TEST_ASSERT_MSG_GT(Drops(m, "tcp-buffer-full"), 0, "run " << run << ": holes");
            }
            NS_TEST_ASSERT_MSG_EQ(m.tunnelFailures, 0, "run " << run << ": the tunnel lives");
            NS_TEST_ASSERT_MSG_EQ(m.firstFailure, -1, "run " << run << ": no failure time");
            // The inner window caps the bulk flow near 8192 B per RTT: 6.7-8.1 MB in 120 s with
            // ns-3.37, 3.6-4.6 MB for tcp-encap with ns-3.48 (its outer TCP recovers more slowly
            // behind the normalizer; doc/vpn.rst, "ns-3 releases"). A stalled tunnel stops where
            // it stalled (0.27 MB: tcp-encap, run 1; 2.49 MB: tcp-encap run 5 and anyconnect-tls
            // run 3, before the dup ACKs lost their SACK blocks) and delivers nothing after.
            // Never stalled: at least 100 kB in the last 20 s (0.04 Mbit/s; it moves 0.3 Mbit/s
            // or more).
            NS_TEST_ASSERT_MSG_GT(m.innerRxBytes,
                                  early.innerRxBytes + 100000,
                                  "run " << run << ": the inner flow still moves at the end");
        }
    }

    std::string m_transport; //!< the carrier
    bool m_followsWindow;    //!< the firewall's QueueFollowsWindow
};

/**
 * \ingroup vpn
 * cTCP through the same firewall and loss dies: the module's point. It never retransmits, so
 * the firewall holds what follows a hole until tcp-buffer-timeout and the tunnel starves.
 */
class FirewallTunnelCtcpFailsTestCase : public SimulatorTestCase
{
  public:
    FirewallTunnelCtcpFailsTestCase()
        : SimulatorTestCase("ctcp through inspect, 1 % loss, 1 Mbps, RngRun 1, 3, 5: fails")
    {
    }

  private:
    void DoRun() override
    {
        for (uint64_t run : {1, 3, 5})
        {
            const VpnScenarioMetrics m = RunScenario(StallConfig("ctcp"), run);
            // One failure (no reconnect), about 53 s in with ns-3.37 (52.9-53.5 s): the first
            // loss starves the tunnel and DPD (30 s, 3 retries) gives up.
            NS_TEST_ASSERT_MSG_EQ(m.tunnelFailures, 1, "run " << run << ": cTCP dies");
            NS_TEST_ASSERT_MSG_GT(Drops(m, "tcp-buffer-timeout"),
                                  0,
                                  "run " << run << ": held behind a hole that never fills");
            // Who detects: the headend's DPD (it hears nothing behind the hole), and its RST
            // tells the client one trip later (about 22 ms: 40 bytes over 20 ms and 512 kbit/s).
            NS_TEST_ASSERT_MSG_GT(m.headendFailure, 0, "run " << run << ": the headend gives up");
            NS_TEST_ASSERT_MSG_GT(m.firstFailure, m.headendFailure, "run " << run);
            NS_TEST_ASSERT_MSG_LT(m.firstFailure - m.headendFailure, 0.1, "run " << run);
        }
        // A headend that closes silently (ResetOnClose=false): the client learns by its own DPD.
        // Its last packet received is the headend's last R-U-THERE, sent 5 s before the
        // headend gave up; its own DPD gives up 30 + 4 x 5 s after that: 45 s and one trip
        // after the headend (the headend's time does not move).
        Config::SetDefault("ns3::CtcpCarrier::ResetOnClose", BooleanValue(false));
        const VpnScenarioMetrics silent = RunScenario(StallConfig("ctcp"), 1);
        Config::SetDefault("ns3::CtcpCarrier::ResetOnClose", BooleanValue(true));
        const VpnScenarioMetrics loud = RunScenario(StallConfig("ctcp"), 1);
        NS_TEST_ASSERT_MSG_EQ(silent.headendFailure, loud.headendFailure, "the headend alike");
        NS_TEST_ASSERT_MSG_GT(silent.firstFailure - silent.headendFailure, 45, "client's DPD");
        NS_TEST_ASSERT_MSG_LT(silent.firstFailure - silent.headendFailure, 45.1, "client's DPD");
    }
};

/**
 * \ingroup vpn
 * Tunnels through the inspecting firewall under loss.
 */
class FirewallTunnelTestSuite : public TestSuite
{
  public:
    FirewallTunnelTestSuite()
        : TestSuite("vpn-firewall-tunnel", TestSuite::Type::SYSTEM)
    {
        for (bool follows : {true, false})
        {
            AddTestCase(new FirewallTunnelSurvivesTestCase("tcp-encap", follows));
            AddTestCase(new FirewallTunnelSurvivesTestCase("anyconnect-tls", follows));
        }
        AddTestCase(new FirewallTunnelCtcpFailsTestCase);
    }
};

/// The suite's one instance.
static FirewallTunnelTestSuite g_firewallTunnelTestSuite;
