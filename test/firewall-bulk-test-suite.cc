/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Sanity checks that the firewall is not simply broken: real ns-3 TCP (BulkSend, 5 MB) through
 * it with 1 % loss on the client side completes under inspect and under proxy, on the firewall
 * bed (FirewallBedHelper):
 *
 *   client ---- 10 Mbps, 10 ms, 1 % loss ---- FW ---- 10 Mbps, 10 ms ---- server
 */

#include "simulator-test-case.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

using namespace ns3;

/**
 * \ingroup vpn
 * 5 MB of BulkSend through one policy class, 1 % Bernoulli loss on the client side, seed 1.
 */
class FirewallBulkTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param spec the policy class for the flow
     * \param expectHeld segments the normalizer holds with these seeds (see DoRun)
     * \param expectDrops segments the firewall drops with these seeds
     * \param followsWindow the firewall's QueueFollowsWindow
     */
    FirewallBulkTestCase(std::string spec,
                         uint64_t expectHeld,
                         uint64_t expectDrops,
                         bool followsWindow = true)
        : SimulatorTestCase("5 MB BulkSend with 1 % loss completes: " + spec +
                            (followsWindow ? "" : ", QueueFollowsWindow=false")),
          m_spec(spec),
          m_expectHeld(expectHeld),
          m_expectDrops(expectDrops),
          m_followsWindow(followsWindow)
    {
    }

  private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        FirewallBedHelper bed;
        bed.SetClientSideLoss(0.01, 7);
        bed.Install();
        FirewallHelper helper;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(helper.AddClass(m_spec, error), true, error);
        Ptr<StatefulFirewall> firewall = helper.Install(bed.GetFirewall());
        firewall->SetAttribute("QueueFollowsWindow", BooleanValue(m_followsWindow));

        const uint64_t bytes = 5000000;
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(bed.GetServerAddress(), 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        bulk.Install(bed.GetClient()).Start(Seconds(0.1));
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 9));
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(bed.GetServer()).Get(0));

        Simulator::Stop(Seconds(60));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), bytes, "every byte delivered");
        NS_TEST_EXPECT_MSG_EQ(firewall->GetTotalDrops(), m_expectDrops, "drops with these seeds");
        NS_TEST_EXPECT_MSG_EQ(firewall->GetHeldCount(), m_expectHeld, "held segments");
        NS_TEST_ASSERT_MSG_EQ(firewall->GetConnectionsCreated(), 1, "one connection");
        Simulator::Destroy();
    }

    std::string m_spec;     //!< the policy class
    uint64_t m_expectHeld;  //!< expected held segments
    uint64_t m_expectDrops; //!< expected drops
    bool m_followsWindow;   //!< QueueFollowsWindow
};

/**
 * \ingroup vpn
 * The bulk-transfer sanity suite.
 */
class FirewallBulkTestSuite : public TestSuite
{
  public:
    FirewallBulkTestSuite()
        : TestSuite("vpn-firewall-bulk", TestSuite::Type::SYSTEM)
    {
        // Inspect with the ASA's default queue-limit 0: the queue starts at 3 and follows the
        // server's window (128 KiB / 1448 = 90 packets once the server's scaled window shows),
        // which covers the sender's whole window: nothing overflows, and the run is the same
        // as with queue-limit 100 below, held segment for held segment.
        AddTestCase(new FirewallBulkTestCase("proto=tcp dport=9 action=inspect",
                                             compat::Measured<uint64_t>(727, 634),
                                             0));
        // The queue fixed at 3 (QueueFollowsWindow=false): each loss opens a hole, three segments
        // wait behind it and the rest of the window is dropped as tcp-buffer-full; the sender
        // recovers them by retransmission (its dup ACKs carry no SACK blocks by default, see
        // the DupAckSack attribute). 111 held and 558 dropped are what seed 1, stream 7 gave, a
        // regression pin: any change in the normalizer's decisions moves them. (557 before the
        // dup ACKs stopped acknowledging more than the server had: they used to carry the
        // firewall's RCV.NXT, which acknowledged forwarded data the server had not yet ACKed,
        // and the sender's timing moved by that one segment.) ns-3.48's sender, with the same
        // losses, has 553 dropped: its recovery sends a slightly different window.
        AddTestCase(new FirewallBulkTestCase("proto=tcp dport=9 action=inspect",
                                             111,
                                             compat::Measured<uint64_t>(558, 553),
                                             false));
        // queue-limit 100 covers the sender's whole window: nothing overflows, so no drops;
        // 727 segments waited behind holes (seed 1, stream 7; 725 with the old dup ACKs, as
        // above). ns-3.48's sender has fewer segments in flight behind each hole: 634.
        AddTestCase(new FirewallBulkTestCase("proto=tcp dport=9 action=inspect queue-limit=100",
                                             compat::Measured<uint64_t>(727, 634),
                                             0));
        // Proxy: both legs are the firewall's own TCP; its normalizer never holds anything.
        AddTestCase(new FirewallBulkTestCase("proto=tcp dport=9 action=proxy", 0, 0));
    }
};

/** The suite's one instance. */
static FirewallBulkTestSuite g_firewallBulkTestSuite;
