/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "gilbert-elliott-error-model.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/vpn-ns3-compat.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GilbertElliottErrorModel");

NS_OBJECT_ENSURE_REGISTERED(GilbertElliottErrorModel);

TypeId
GilbertElliottErrorModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::GilbertElliottErrorModel")
            .SetParent<ErrorModel>()
            .SetGroupName("Vpn")
            .AddConstructor<GilbertElliottErrorModel>()
            .AddAttribute("P",
                          "Per-packet transition probability Good -> Bad. The default 0 keeps the "
                          "model lossless until configured, as ns-3's RateErrorModel does.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_p),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("R",
                          "Per-packet transition probability Bad -> Good (1/R is the mean Bad "
                          "sojourn in packets).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_r),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("GoodLossProbability",
                          "Loss probability of a packet in the Good state (1-k).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_goodLoss),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("BadLossProbability",
                          "Loss probability of a packet in the Bad state (1-h).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_badLoss),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("Clock",
                          "What moves the chain: packet (one step per packet offered, P and R) "
                          "or time (exponential sojourns in simulated time, MeanGoodDuration "
                          "and MeanBadDuration).",
                          EnumValue(PACKET),
                          compat::MakeEnumAccessor<GilbertElliottErrorModel::Clock>(
                              &GilbertElliottErrorModel::m_clock),
                          MakeEnumChecker(PACKET, "packet", TIME, "time"))
            .AddAttribute("MeanGoodDuration",
                          "Clock time: mean Good sojourn (exponential); with the default Bad "
                          "sojourn, 1 % of the time is spent in 100 ms outages.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&GilbertElliottErrorModel::m_meanGood),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MeanBadDuration",
                          "Clock time: mean Bad sojourn, the mean outage (exponential).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&GilbertElliottErrorModel::m_meanBad),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("TransitionRandomVariable",
                          "Uniform [0,1) draws for the state transitions.",
                          StringValue("ns3::UniformRandomVariable[Min=0.0|Max=1.0]"),
                          MakePointerAccessor(&GilbertElliottErrorModel::m_transitionRv),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("LossRandomVariable",
                          "Uniform [0,1) draws for the per-packet loss decision.",
                          StringValue("ns3::UniformRandomVariable[Min=0.0|Max=1.0]"),
                          MakePointerAccessor(&GilbertElliottErrorModel::m_lossRv),
                          MakePointerChecker<RandomVariableStream>())
            .AddTraceSource("StateChange",
                            "The chain moved between Good and Bad.",
                            MakeTraceSourceAccessor(&GilbertElliottErrorModel::m_stateChangeTrace),
                            "ns3::GilbertElliottErrorModel::StateChangeTracedCallback");
    return tid;
}

GilbertElliottErrorModel::GilbertElliottErrorModel()
    : m_p(0.0),
      m_r(1.0),
      m_goodLoss(0.0),
      m_badLoss(1.0),
      m_clock(PACKET),
      m_meanGood(Seconds(10)),
      m_meanBad(MilliSeconds(100)),
      m_state(GOOD),
      m_started(false),
      m_lastLost(false),
      m_packets(0),
      m_lost(0),
      m_bursts(0)
{
    NS_LOG_FUNCTION(this);
}

GilbertElliottErrorModel::~GilbertElliottErrorModel()
{
    NS_LOG_FUNCTION(this);
}

void
GilbertElliottErrorModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_transitionRv = nullptr;
    m_lossRv = nullptr;
    ErrorModel::DoDispose();
}

bool
GilbertElliottErrorModel::FromLossAndBurst(double meanLoss,
                                           double meanBurst,
                                           Parameters& params,
                                           std::string& error)
{
    std::ostringstream why;
    if (!(meanLoss >= 0.0 && meanLoss < 1.0))
    {
        why << "mean loss " << meanLoss << " is outside [0, 1)";
    }
    else if (!(meanBurst >= 1.0) || std::isinf(meanBurst))
    {
        why << "mean burst length " << meanBurst << " is not a finite number >= 1";
    }
    else
    {
        const double r = 1.0 / meanBurst;
        const double p = r * meanLoss / (1.0 - meanLoss);
        if (p > 1.0)
        {
            why << "mean loss " << meanLoss << " with mean burst " << meanBurst
                << " needs p = " << p << " > 1; use a longer burst or a lower loss";
        }
        else
        {
            params = Parameters{p, r, 0.0, 1.0};
            return true;
        }
    }
    error = why.str();
    return false;
}

bool
GilbertElliottErrorModel::FromLossAndOutage(double meanLoss,
                                            Time meanOutage,
                                            Time& meanGood,
                                            std::string& error)
{
    std::ostringstream why;
    if (!(meanLoss > 0.0 && meanLoss < 1.0))
    {
        why << "fraction of time in outage " << meanLoss << " is outside (0, 1)";
    }
    else if (!meanOutage.IsStrictlyPositive())
    {
        why << "mean outage " << meanOutage.GetSeconds() << " s is not positive";
    }
    else
    {
        meanGood = Seconds(meanOutage.GetSeconds() * (1.0 - meanLoss) / meanLoss);
        return true;
    }
    error = why.str();
    return false;
}

void
GilbertElliottErrorModel::SetParameters(const Parameters& params)
{
    NS_LOG_FUNCTION(this << params.p << params.r << params.goodLoss << params.badLoss);
    SetAttribute("P", DoubleValue(params.p));
    SetAttribute("R", DoubleValue(params.r));
    SetAttribute("GoodLossProbability", DoubleValue(params.goodLoss));
    SetAttribute("BadLossProbability", DoubleValue(params.badLoss));
}

GilbertElliottErrorModel::Parameters
GilbertElliottErrorModel::GetParameters() const
{
    return Parameters{m_p, m_r, m_goodLoss, m_badLoss};
}

double
GilbertElliottErrorModel::PiBad() const
{
    if (m_clock == TIME)
    {
        return m_meanBad.GetSeconds() / (m_meanGood.GetSeconds() + m_meanBad.GetSeconds());
    }
    // Neither state is ever left when p + r = 0: the chain stays where it starts, in Good.
    return (m_p + m_r == 0.0) ? 0.0 : m_p / (m_p + m_r);
}

double
GilbertElliottErrorModel::SteadyStateLoss() const
{
    const double piBad = PiBad();
    return (1.0 - piBad) * m_goodLoss + piBad * m_badLoss;
}

double
GilbertElliottErrorModel::MeanLossBurstLength() const
{
    if (m_clock == TIME)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double loss = SteadyStateLoss();
    if (loss == 0.0)
    {
        return 0.0;
    }
    const double piBad = PiBad();
    const double piGood = 1.0 - piBad;
    const double e[2] = {m_goodLoss, m_badLoss};
    const double pi[2] = {piGood, piBad};
    const double t[2][2] = {{1.0 - m_p, m_p}, {m_r, 1.0 - m_r}};
    // P(this packet lost and the next one lost), in steady state.
    double lossLoss = 0.0;
    for (int s = 0; s < 2; ++s)
    {
        for (int n = 0; n < 2; ++n)
        {
            lossLoss += pi[s] * e[s] * t[s][n] * e[n];
        }
    }
    // Each run of losses ends with a (loss, no loss) pair: runs per packet = loss - lossLoss.
    const double runsPerPacket = loss - lossLoss;
    if (runsPerPacket <= 0.0)
    {
        return std::numeric_limits<double>::infinity();
    }
    return loss / runsPerPacket;
}

GilbertElliottErrorModel::State
GilbertElliottErrorModel::GetState() const
{
    return m_state;
}

uint64_t
GilbertElliottErrorModel::GetPacketCount() const
{
    return m_packets;
}

uint64_t
GilbertElliottErrorModel::GetLossCount() const
{
    return m_lost;
}

uint64_t
GilbertElliottErrorModel::GetBurstCount() const
{
    return m_bursts;
}

int64_t
GilbertElliottErrorModel::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_transitionRv->SetStream(stream);
    m_lossRv->SetStream(stream + 1);
    return 2;
}

bool
GilbertElliottErrorModel::DoCorrupt(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p);
    if (!IsEnabled())
    {
        // ns-3.37's ErrorModel::IsCorrupt() does not look at the enable flag itself.
        return false;
    }
    if (!m_started)
    {
        // Draw the first state from the stationary distribution: no warm-up transient.
        Redraw(false);
        m_started = true;
    }
    if (m_clock == TIME)
    {
        const Time now = Simulator::Now();
        if (now - m_nextChange > (m_meanGood + m_meanBad) * 100)
        {
            // A hundred mean cycles since the chain last moved: it has forgotten its state;
            // draw it afresh rather than step through every sojourn of the idle time.
            Redraw(true);
        }
        while (now >= m_nextChange)
        {
            Toggle();
            DrawSojourn();
        }
    }

    const double lossProbability = (m_state == GOOD) ? m_goodLoss : m_badLoss;
    const bool lost = m_lossRv->GetValue() < lossProbability;
    ++m_packets;
    if (lost)
    {
        ++m_lost;
        if (!m_lastLost)
        {
            ++m_bursts;
        }
    }
    m_lastLost = lost;

    if (m_clock == PACKET)
    {
        const double leave = (m_state == GOOD) ? m_p : m_r;
        if (m_transitionRv->GetValue() < leave)
        {
            Toggle();
        }
    }
    NS_LOG_LOGIC("packet " << m_packets << (lost ? " lost" : " passed"));
    return lost;
}

void
GilbertElliottErrorModel::Redraw(bool notify)
{
    const State was = m_state;
    m_state = (m_transitionRv->GetValue() < PiBad()) ? BAD : GOOD;
    if (notify && m_state != was)
    {
        m_stateChangeTrace(was, m_state);
    }
    if (m_clock == TIME)
    {
        // The sojourns are memoryless: the rest of the current one has the full distribution.
        m_nextChange = Simulator::Now();
        DrawSojourn();
    }
}

void
GilbertElliottErrorModel::Toggle()
{
    const State from = m_state;
    m_state = (m_state == GOOD) ? BAD : GOOD;
    NS_LOG_LOGIC("state " << from << " -> " << m_state);
    m_stateChangeTrace(from, m_state);
}

void
GilbertElliottErrorModel::DrawSojourn()
{
    // Exponential by inversion: -mean ln(1 - U), U uniform in [0, 1).
    const double mean = (m_state == GOOD ? m_meanGood : m_meanBad).GetSeconds();
    m_nextChange += Seconds(-mean * std::log(1.0 - m_transitionRv->GetValue()));
}

void
GilbertElliottErrorModel::DoReset()
{
    NS_LOG_FUNCTION(this);
    m_state = GOOD;
    m_started = false;
    m_lastLost = false;
    m_packets = 0;
    m_lost = 0;
    m_bursts = 0;
}

} // namespace ns3
