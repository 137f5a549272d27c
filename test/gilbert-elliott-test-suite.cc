/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Gilbert-Elliott loss model: analytic formulas against hand arithmetic, and the simulated chain
 * against the analytic steady state over 10^6 packets.
 */

#include "simulator-test-case.h"

#include "ns3/enum.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;

namespace
{

/**
 * \ingroup vpn
 * Run \p packets packets through \p model with fixed seeds.
 * \param model the model under test
 * \param packets how many packets to offer
 */
void
Drive(Ptr<GilbertElliottErrorModel> model, uint64_t packets)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    model->AssignStreams(0);
    Ptr<Packet> packet = Create<Packet>(100);
    for (uint64_t i = 0; i < packets; ++i)
    {
        model->IsCorrupt(packet);
    }
}

} // namespace

/**
 * \ingroup vpn
 * The closed forms against arithmetic done by hand.
 */
class GilbertElliottAnalyticTestCase : public TestCase
{
  public:
    GilbertElliottAnalyticTestCase()
        : TestCase("Steady-state loss and mean burst length against hand arithmetic")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<GilbertElliottErrorModel> m = CreateObject<GilbertElliottErrorModel>();
        // Default: never lossy (P = 0 and the chain starts in Good with no Good loss).
        NS_TEST_ASSERT_MSG_EQ(m->SteadyStateLoss(), 0.0, "default model must be lossless");
        NS_TEST_ASSERT_MSG_EQ(m->MeanLossBurstLength(), 0.0, "no loss, no bursts");

        // Simple Gilbert p = 0.1, r = 0.4: pi_B = 0.1 / 0.5 = 0.2 is the loss, and a loss run is
        // a Bad sojourn of mean 1 / r = 2.5 packets.
        m->SetParameters({0.1, 0.4, 0.0, 1.0});
        NS_TEST_ASSERT_MSG_EQ_TOL(m->SteadyStateLoss(), 0.2, 1e-12, "simple Gilbert loss");
        NS_TEST_ASSERT_MSG_EQ_TOL(m->MeanLossBurstLength(), 2.5, 1e-12, "simple Gilbert burst");

        // Full model p = 0.05, r = 0.45, 1-k = 0.1, 1-h = 0.5: pi_B = 0.1, pi_G = 0.9.
        // loss = 0.9 * 0.1 + 0.1 * 0.5 = 0.14.
        // P(loss, loss) = 0.9*0.1*(0.95*0.1 + 0.05*0.5) + 0.1*0.5*(0.45*0.1 + 0.55*0.5)
        //               = 0.09*0.12 + 0.05*0.32 = 0.0108 + 0.016 = 0.0268.
        // burst = 0.14 / (0.14 - 0.0268) = 0.14 / 0.1132 = 1.236749...
        m->SetParameters({0.05, 0.45, 0.1, 0.5});
        NS_TEST_ASSERT_MSG_EQ_TOL(m->SteadyStateLoss(), 0.14, 1e-12, "GE loss");
        NS_TEST_ASSERT_MSG_EQ_TOL(m->MeanLossBurstLength(), 0.14 / 0.1132, 1e-12, "GE burst");

        // Every packet lost: one endless burst.
        m->SetParameters({0.5, 0.5, 1.0, 1.0});
        NS_TEST_ASSERT_MSG_EQ(std::isinf(m->MeanLossBurstLength()), true, "endless burst");
    }
};

/**
 * \ingroup vpn
 * FromLossAndBurst() inverts the simple-Gilbert formulas and refuses impossible figures.
 */
class GilbertElliottFromLossTestCase : public TestCase
{
  public:
    GilbertElliottFromLossTestCase()
        : TestCase("FromLossAndBurst gives the wanted figures and refuses impossible ones")
    {
    }

  private:
    void DoRun() override
    {
        GilbertElliottErrorModel::Parameters params;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(GilbertElliottErrorModel::FromLossAndBurst(0.01, 4.0, params, error),
                              true,
                              error);
        // r = 1/4; p = 0.25 * 0.01 / 0.99.
        NS_TEST_ASSERT_MSG_EQ_TOL(params.r, 0.25, 1e-15, "r = 1 / burst");
        NS_TEST_ASSERT_MSG_EQ_TOL(params.p, 0.25 * 0.01 / 0.99, 1e-15, "p from the loss");
        Ptr<GilbertElliottErrorModel> m = CreateObject<GilbertElliottErrorModel>();
        m->SetParameters(params);
        NS_TEST_ASSERT_MSG_EQ_TOL(m->SteadyStateLoss(), 0.01, 1e-12, "round trip: loss");
        NS_TEST_ASSERT_MSG_EQ_TOL(m->MeanLossBurstLength(), 4.0, 1e-12, "round trip: burst");

        // Loss 0 is a lossless chain, not an error.
        NS_TEST_ASSERT_MSG_EQ(GilbertElliottErrorModel::FromLossAndBurst(0.0, 3.0, params, error),
                              true,
                              error);
        NS_TEST_ASSERT_MSG_EQ(params.p, 0.0, "no loss: never enter Bad");

        // Impossible figures are refused with a reason.
        error.clear();
        NS_TEST_ASSERT_MSG_EQ(GilbertElliottErrorModel::FromLossAndBurst(1.0, 2.0, params, error),
                              false,
                              "loss 1 has no finite chain");
        NS_TEST_ASSERT_MSG_NE(error.find("outside [0, 1)"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(GilbertElliottErrorModel::FromLossAndBurst(0.1, 0.5, params, error),
                              false,
                              "burst below one packet");
        NS_TEST_ASSERT_MSG_NE(error.find(">= 1"), std::string::npos, error);
        // loss 0.6 with burst 1: r = 1, p = 1.5.
        NS_TEST_ASSERT_MSG_EQ(GilbertElliottErrorModel::FromLossAndBurst(0.6, 1.0, params, error),
                              false,
                              "p above 1");
        NS_TEST_ASSERT_MSG_NE(error.find("> 1"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(
            GilbertElliottErrorModel::FromLossAndBurst(std::nan(""), 2.0, params, error),
            false,
            "NaN loss");
    }
};

/**
 * \ingroup vpn
 * The simulated chain over 10^6 packets matches the analytic steady state within 2 %.
 */
class GilbertElliottSteadyStateTestCase : public TestCase
{
  public:
    /**
     * \param name what the parameters stand for
     * \param params the chain
     */
    GilbertElliottSteadyStateTestCase(std::string name, GilbertElliottErrorModel::Parameters params)
        : TestCase("10^6 packets match the steady state: " + name),
          m_params(params)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<GilbertElliottErrorModel> m = CreateObject<GilbertElliottErrorModel>();
        m->SetParameters(m_params);
        const uint64_t packets = 1000000;
        Drive(m, packets);
        NS_TEST_ASSERT_MSG_EQ(m->GetPacketCount(), packets, "every packet counted");
        const double loss = static_cast<double>(m->GetLossCount()) / packets;
        const double burst =
            static_cast<double>(m->GetLossCount()) / static_cast<double>(m->GetBurstCount());
        // 2 % relative tolerance: both chains below have >= 25,000 Bad sojourns in 10^6 packets,
        // so the relative standard error of either figure is below 0.8 %.
        NS_TEST_ASSERT_MSG_EQ_TOL(loss,
                                  m->SteadyStateLoss(),
                                  0.02 * m->SteadyStateLoss(),
                                  "measured loss rate");
        NS_TEST_ASSERT_MSG_EQ_TOL(burst,
                                  m->MeanLossBurstLength(),
                                  0.02 * m->MeanLossBurstLength(),
                                  "measured mean burst length");
    }

    GilbertElliottErrorModel::Parameters m_params; //!< the chain under test
};

/**
 * \ingroup vpn
 * Fixed seeds give the same losses; Reset() clears the counters; Disable() stops losses.
 */
class GilbertElliottDeterminismTestCase : public TestCase
{
  public:
    GilbertElliottDeterminismTestCase()
        : TestCase("Fixed seeds repeat exactly; Reset and Disable behave")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<GilbertElliottErrorModel> a = CreateObject<GilbertElliottErrorModel>();
        Ptr<GilbertElliottErrorModel> b = CreateObject<GilbertElliottErrorModel>();
        a->SetParameters({0.02, 0.3, 0.0, 1.0});
        b->SetParameters({0.02, 0.3, 0.0, 1.0});
        NS_TEST_ASSERT_MSG_EQ(a->AssignStreams(0), 2, "two streams: transitions and losses");
        Drive(a, 10000);
        Drive(b, 10000);
        NS_TEST_ASSERT_MSG_EQ(a->GetLossCount(), b->GetLossCount(), "same seeds, same losses");
        NS_TEST_ASSERT_MSG_EQ(a->GetBurstCount(), b->GetBurstCount(), "same seeds, same bursts");
        NS_TEST_ASSERT_MSG_GT(a->GetLossCount(), 0, "the chain does lose packets");

        a->Reset();
        NS_TEST_ASSERT_MSG_EQ(a->GetPacketCount(), 0, "Reset clears the packet count");
        NS_TEST_ASSERT_MSG_EQ(a->GetLossCount(), 0, "Reset clears the loss count");

        // A disabled model loses nothing and does not even count.
        a->SetParameters({0.5, 0.1, 1.0, 1.0});
        a->Disable();
        Ptr<Packet> packet = Create<Packet>(10);
        bool anyLost = false;
        for (int i = 0; i < 100; ++i)
        {
            anyLost = anyLost || a->IsCorrupt(packet);
        }
        NS_TEST_ASSERT_MSG_EQ(anyLost, false, "disabled model loses nothing");
        NS_TEST_ASSERT_MSG_EQ(a->GetPacketCount(), 0, "disabled model counts nothing");
    }
};

/**
 * \ingroup vpn
 * Trace source StateChange fires once per transition, alternating Good and Bad.
 */
class GilbertElliottTraceTestCase : public TestCase
{
  public:
    GilbertElliottTraceTestCase()
        : TestCase("StateChange fires on every transition")
    {
    }

  private:
    void StateChanged(GilbertElliottErrorModel::State from, GilbertElliottErrorModel::State to)
    {
        if (from == to || (m_changes > 0 && from != m_last))
        {
            m_inconsistent = true;
        }
        m_last = to;
        ++m_changes;
    }

    void DoRun() override
    {
        Ptr<GilbertElliottErrorModel> m = CreateObject<GilbertElliottErrorModel>();
        // p = r = 1: the chain flips on every packet, so 1000 packets make 1000 transitions, and
        // with no loss in Good and all lost in Bad every other packet is lost: 500 runs of 1.
        m->SetParameters({1.0, 1.0, 0.0, 1.0});
        m->TraceConnectWithoutContext(
            "StateChange",
            MakeCallback(&GilbertElliottTraceTestCase::StateChanged, this));
        Drive(m, 1000);
        NS_TEST_ASSERT_MSG_EQ(m_changes, 1000, "one transition per packet");
        NS_TEST_ASSERT_MSG_EQ(m_inconsistent, false, "transitions alternate");
        NS_TEST_ASSERT_MSG_EQ(m->GetLossCount(), 500, "every other packet lost");
        NS_TEST_ASSERT_MSG_EQ(m->GetBurstCount(), 500, "each loss its own run");
    }

    uint32_t m_changes{0};                                                  //!< transitions seen
    GilbertElliottErrorModel::State m_last{GilbertElliottErrorModel::GOOD}; //!< last state entered
    bool m_inconsistent{false}; //!< a transition did not start where the last one ended
};

/**
 * \ingroup vpn
 * The TIME clock: exponential sojourns in simulated time, whatever the traffic.
 */
class GilbertElliottTimeClockTestCase : public SimulatorTestCase
{
  public:
    GilbertElliottTimeClockTestCase()
        : SimulatorTestCase("Time clock: closed forms, time in Bad and outage length over 1000 s")
    {
    }

  private:
    /**
     * Offer one packet now and the next one a millisecond later, until the count is reached.
     * \param left packets still to offer
     */
    void Offer(uint64_t left)
    {
        m_model->IsCorrupt(m_packet);
        if (left > 1)
        {
            Simulator::Schedule(MilliSeconds(1),
                                &GilbertElliottTimeClockTestCase::Offer,
                                this,
                                left - 1);
        }
    }

    void StateChanged(GilbertElliottErrorModel::State, GilbertElliottErrorModel::State to)
    {
        const Time now = Simulator::Now();
        if (to == GilbertElliottErrorModel::GOOD && m_badSince >= Seconds(0))
        {
            m_badTime += now - m_badSince;
            ++m_badSojourns;
        }
        m_badSince = (to == GilbertElliottErrorModel::BAD) ? now : Seconds(-1);
    }

    void DoRun() override
    {
        Time good;
        std::string error;
        // 5 % of the time in outages of 20 ms: Tg = 20 ms x 0.95 / 0.05 = 380 ms.
        NS_TEST_ASSERT_MSG_EQ(
            GilbertElliottErrorModel::FromLossAndOutage(0.05, MilliSeconds(20), good, error),
            true,
            error);
        NS_TEST_ASSERT_MSG_EQ_TOL(good.GetSeconds(), 0.38, 1e-12, "Tg = Tb (1 - loss) / loss");
        NS_TEST_ASSERT_MSG_EQ(
            GilbertElliottErrorModel::FromLossAndOutage(0.0, MilliSeconds(20), good, error),
            false,
            "no time in outage is not an outage model");
        NS_TEST_ASSERT_MSG_EQ(
            GilbertElliottErrorModel::FromLossAndOutage(0.05, Seconds(0), good, error),
            false,
            "a zero-length outage");

        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        m_model = CreateObject<GilbertElliottErrorModel>();
        m_model->SetAttribute("Clock", EnumValue(GilbertElliottErrorModel::TIME));
        m_model->SetAttribute("MeanGoodDuration", TimeValue(good));
        m_model->SetAttribute("MeanBadDuration", TimeValue(MilliSeconds(20)));
        m_model->AssignStreams(0);
        NS_TEST_ASSERT_MSG_EQ_TOL(m_model->SteadyStateLoss(), 0.05, 1e-12, "pi_B = Tb / (Tg + Tb)");
        NS_TEST_ASSERT_MSG_EQ(std::isnan(m_model->MeanLossBurstLength()),
                              true,
                              "no packet burst length without a packet clock");
        m_model->TraceConnectWithoutContext(
            "StateChange",
            MakeCallback(&GilbertElliottTimeClockTestCase::StateChanged, this));
        m_packet = Create<Packet>(100);
        // 10^6 packets 1 ms apart: 1000 s, about 2500 outages of 20 ms.
        Simulator::Schedule(Seconds(0), &GilbertElliottTimeClockTestCase::Offer, this, 1000000);
        Simulator::Run();
        Simulator::Destroy();

        const double loss = double(m_model->GetLossCount()) / m_model->GetPacketCount();
        // About 2500 Bad sojourns, exponential: the fraction of time in Bad has a relative
        // standard error of about 3 %, the mean outage about 2 %; this seed lands within 10 %
        // and 6 % (a packet clock with the same Tb would not: it never moves between packets,
        // and its outages would be counted in packets, not seconds).
        NS_TEST_EXPECT_MSG_EQ_TOL(loss, 0.05, 0.005, "time in outage, seen by packets");
        NS_TEST_ASSERT_MSG_GT(m_badSojourns, 2000, "about 2500 outages");
        NS_TEST_EXPECT_MSG_EQ_TOL(m_badTime.GetSeconds() / m_badSojourns,
                                  0.020,
                                  0.0012,
                                  "mean outage 20 ms");
        // Packets 1 ms apart inside 20 ms outages: loss runs of about 20 packets.
        NS_TEST_EXPECT_MSG_GT(double(m_model->GetLossCount()) / m_model->GetBurstCount(),
                              15.0,
                              "losses come in runs as long as the outages");

        // An idle link still moves a time-clocked chain: after 10^4 s (25000 mean cycles) the
        // state is drawn afresh; the model neither hangs nor loses count.
        m_model->Reset();
        Simulator::Schedule(Seconds(0), &GilbertElliottTimeClockTestCase::Offer, this, 1);
        Simulator::Schedule(Seconds(10000), &GilbertElliottTimeClockTestCase::Offer, this, 1);
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_EXPECT_MSG_EQ(m_model->GetPacketCount(), 2, "two packets, 10^4 s apart");
        m_model = nullptr;
        m_packet = nullptr;
    }

    Ptr<GilbertElliottErrorModel> m_model; //!< the model under test
    Ptr<Packet> m_packet;                  //!< the packet offered
    Time m_badSince{Seconds(-1)};          //!< when the current Bad sojourn began (-1: not Bad)
    Time m_badTime{Seconds(0)};            //!< total time in completed Bad sojourns
    uint64_t m_badSojourns{0};             //!< completed Bad sojourns
};

/**
 * \ingroup vpn
 * The Gilbert-Elliott suite.
 */
class GilbertElliottTestSuite : public TestSuite
{
  public:
    GilbertElliottTestSuite()
        : TestSuite("vpn-gilbert-elliott", TestSuite::Type::UNIT)
    {
        AddTestCase(new GilbertElliottAnalyticTestCase);
        AddTestCase(new GilbertElliottFromLossTestCase);
        // Simple Gilbert, 5 % loss in bursts of 2 (r = 0.5, p = 0.5 * 0.05 / 0.95).
        AddTestCase(new GilbertElliottSteadyStateTestCase("simple Gilbert 5 %, burst 2",
                                                          {0.5 * 0.05 / 0.95, 0.5, 0.0, 1.0}));
        // Full model: some loss in Good, partial loss in Bad (loss 0.0818, burst 1.576).
        AddTestCase(new GilbertElliottSteadyStateTestCase("full GE 8.2 %", {0.05, 0.5, 0.01, 0.8}));
        AddTestCase(new GilbertElliottDeterminismTestCase);
        AddTestCase(new GilbertElliottTraceTestCase);
        AddTestCase(new GilbertElliottTimeClockTestCase);
    }
};

/// The one instance of the suite.
static GilbertElliottTestSuite g_gilbertElliottTestSuite;
