/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The soak's instruments and a short soak: CountingScheduler counts what the event list holds,
 * and ten cTCP clients that fail and reconnect under 1 % loss for ten simulated minutes leave
 * the firewall's table, the headend's sessions and the pending events flat (seed 1, run 1).
 */

#include "simulator-test-case.h"

#include "ns3/counting-scheduler.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/vpn-scenario.h"
#include "ns3/vpn-soak-monitor.h"

using namespace ns3;

namespace
{

/** Do nothing (an event to count). */
void
Nothing()
{
}

} // namespace

/**
 * \ingroup vpn
 * CountingScheduler: a cancelled event stays counted until its time, a removed one leaves.
 */
class CountingSchedulerTestCase : public SimulatorTestCase
{
  public:
    CountingSchedulerTestCase()
        : SimulatorTestCase("CountingScheduler counts inserted minus executed and removed events")
    {
    }

  private:
    void DoRun() override
    {
        CountingScheduler::Install();
        const uint64_t before = CountingScheduler::GetPendingCount();
        Simulator::Schedule(Seconds(1), &Nothing);
        EventId cancelled = Simulator::Schedule(Seconds(2), &Nothing);
        EventId removed = Simulator::Schedule(Seconds(3), &Nothing);
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::GetPendingCount(), before + 3, "three queued");
        cancelled.Cancel();
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::GetPendingCount(),
                              before + 3,
                              "a cancelled event stays in the list until its time");
        Simulator::Remove(removed);
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::GetPendingCount(),
                              before + 2,
                              "a removed event leaves the list");
        Simulator::Remove(removed);
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::GetPendingCount(),
                              before + 2,
                              "removing it again changes nothing");
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::GetPendingCount(), 0, "run to the end: none");
        NS_TEST_ASSERT_MSG_NE(CountingScheduler::Get(), nullptr, "installed until Destroy");
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(CountingScheduler::Get(), nullptr, "destroyed with the simulator");
    }
};

/**
 * \ingroup vpn
 * Ten clients for ten minutes: they fail and reconnect, and what the run holds stays flat.
 */
class VpnSoakShortTestCase : public SimulatorTestCase
{
  public:
    VpnSoakShortTestCase()
        : SimulatorTestCase(
              "a short soak: failures and reconnects, flat table, sessions and events")
    {
    }

  private:
    void DoRun() override
    {
        VpnScenarioConfig c = VpnSoakMonitor::SoakConfig();
        c.clients = 10;
        c.duration = 600;
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        CountingScheduler::Install();
        Ptr<VpnScenario> scenario = VpnScenario::FromConfig(c);
        scenario->Build();
        Ptr<VpnSoakMonitor> monitor = CreateObject<VpnSoakMonitor>();
        monitor->Watch(scenario);
        monitor->Start(Seconds(60), Seconds(600));
        scenario->Run();

        NS_TEST_ASSERT_MSG_EQ(monitor->GetSamples().size(), 10, "a row a minute");
        const VpnSoakSample* mid = monitor->GetSampleAt(Seconds(300));
        const VpnSoakSample* end = monitor->GetSampleAt(Seconds(600));
        NS_TEST_ASSERT_MSG_NE(mid, nullptr, "a row at 300 s");
        NS_TEST_ASSERT_MSG_NE(end, nullptr, "a row at 600 s");
        NS_TEST_ASSERT_MSG_GT(end->peakRssKb, 0, "the kernel's VmHWM was read");
        // Seed 1, run 1: the scenario fixes the streams of every loss model and endpoint, so the
        // run is the same each time. At 1 % loss up a cTCP client behind the inspecting firewall
        // fails about every 2.4 minutes (the normalizer holds what follows a lost segment and
        // drops the rest, dead-peer detection ends it) and reconnects at once.
        NS_TEST_EXPECT_MSG_GT(mid->failures, 0, "clients fail by 300 s");
        NS_TEST_EXPECT_MSG_GT(end->failures, mid->failures, "and go on failing");
        NS_TEST_EXPECT_MSG_EQ(end->reconnects, end->failures, "a reconnect per failure");
        // One entry per client (its cTCP connection; a dead one expires or is replaced), one
        // headend session per client.
        NS_TEST_EXPECT_MSG_EQ(mid->tableSize, 10, "firewall table at 300 s");
        NS_TEST_EXPECT_MSG_EQ(end->tableSize, 10, "firewall table at 600 s");
        NS_TEST_EXPECT_MSG_EQ(end->sessions, 10, "headend sessions at 600 s");
#if VPN_NS3_VERSION == 3037
        // The figures measured on Debian's ns-3.37 (other releases schedule their own events
        // differently and are held to the bounds alone): 20 and 41 failures; about 9 events per
        // client (the CBR, TCP timers, DPD, the firewall's idle check), the same after twice the
        // failures. With EventId::Cancel in the firewall (the bug Simulator::Remove fixed) each
        // failed connection left a dead idle check queued: 106 at 300 s and 129 at 600 s
        // instead of 86 and 88.
        NS_TEST_EXPECT_MSG_EQ(mid->failures, 20, "failures by 300 s");
        NS_TEST_EXPECT_MSG_EQ(end->failures, 41, "failures by 600 s");
        NS_TEST_EXPECT_MSG_EQ(mid->pendingEvents, 86, "pending events at 300 s");
        NS_TEST_EXPECT_MSG_EQ(end->pendingEvents, 88, "pending events at 600 s");
#endif
        // On every release: no growth with the failures (the Cancel bug added 23 from 300 to
        // 600 s on ns-3.37).
        NS_TEST_EXPECT_MSG_LT_OR_EQ(end->pendingEvents,
                                    mid->pendingEvents + 10,
                                    "pending events flat while the failures double");
        monitor->Dispose();
    }
};

/**
 * \ingroup vpn
 * The soak's instruments and a short soak.
 */
class VpnSoakTestSuite : public TestSuite
{
  public:
    VpnSoakTestSuite()
        : TestSuite("vpn-soak", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new CountingSchedulerTestCase);
        AddTestCase(new VpnSoakShortTestCase);
    }
};

/// The suite's one instance.
static VpnSoakTestSuite g_vpnSoakTestSuite;
