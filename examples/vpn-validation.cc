/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module's validation, computed by the code. Each check prints one line: its name, the
 * measured figure, the figure predicted from the configuration and from measured inputs, the
 * tolerance, and PASS or FAIL; the program exits 1 when a check fails. doc/vpn.rst ("Validation")
 * quotes its output and says where each formula comes from.
 *
 * 1. cTCP through an inspecting firewall (VpnScenario, transport ctcp, firewall inspect,
 *    Bernoulli loss p on the uplink). Each data segment on the uplink is lost with probability p
 *    (a lost pure ACK or keepalive opens no hole), so the first lost data segment is the N-th,
 *    N geometric with mean 1/p, and it is lost at the loss-free run's N-th arrival time: an
 *    exponential wait of rate p x (data segment rate) after the flow's start. From then on the
 *    headend receives nothing: its DPD sends R-U-THERE at lastRx + DpdInterval and DpdRetries
 *    repeats every DpdRetryInterval, and declares the peer dead one interval after the last;
 *    it closes the cTCP connection, and the client fails when that RST arrives (the client's own
 *    DPD never fires first: the headend's R-U-THERE reach it and reset its timer). Checked at two
 *    loss rates an order of magnitude apart: N against 1/p, the loss time against the
 *    exponential, the headend's failure against the DPD rule, the client's against the RST's
 *    delay, and the time to failure against their sum.
 * 2. Inner TCP NewReno over a datagram tunnel (NAT-T, native ESP) and without one, no firewall,
 *    Bernoulli loss p on the data direction: the send rate against PFTK (Padhye et al. 1998),
 *    with the RTT the sender measured, b = its DelAckCount, T0 = its RTO and Wmax = its window,
 *    and the tunnel's rate against the same flow without a tunnel (same seeds).
 * 3. The Gilbert-Elliott loss model's steady state: loss rate and mean burst length against
 *    the closed forms (vpn-loss-validation prints the full grid).
 *
 *   ./vpnlab run vpn-validation           (the doc's figures)
 *   ./vpnlab run vpn-validation --quick   (the ctest run: fewer runs, same seeds)
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/vpn-module.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <gsl/gsl_statistics_double.h>
#include <map>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// How many standard errors a mean may stray from its prediction (two-sided, about 1.2 %).
constexpr double Z_TOLERANCE = 2.5;

/// The checks and their one-line report.
class Report
{
  public:
    /**
     * Print a check and count it.
     * \param name what is checked
     * \param measured the measured figure
     * \param predicted the predicted figure
     * \param tolerance the largest accepted |measured - predicted|
     * \param unit the figures' unit
     * \return whether it passed
     */
    bool Check(const std::string& name,
               double measured,
               double predicted,
               double tolerance,
               const std::string& unit)
    {
        const bool pass = std::isfinite(measured) && std::isfinite(predicted) &&
                          std::fabs(measured - predicted) <= tolerance;
        std::printf("%-46s measured %12.6g  predicted %12.6g  tolerance %10.4g %-6s %s\n",
                    name.c_str(),
                    measured,
                    predicted,
                    tolerance,
                    unit.c_str(),
                    pass ? "PASS" : "FAIL");
        std::fflush(stdout);
        m_failures += pass ? 0 : 1;
        ++m_checks;
        return pass;
    }

    /**
     * Print a line of context (not a check).
     * \param text the line
     */
    static void Note(const std::string& text)
    {
        std::printf("  # %s\n", text.c_str());
        std::fflush(stdout);
    }

    /** \return checks failed */
    uint32_t Failures() const
    {
        return m_failures;
    }

    /** \return checks made */
    uint32_t Checks() const
    {
        return m_checks;
    }

  private:
    uint32_t m_failures{0}; //!< checks failed
    uint32_t m_checks{0};   //!< checks made
};

/**
 * \param format printf format
 * \param values its values
 * \return the formatted text
 */
template <typename... T>
std::string
Format(const char* format, T... values)
{
    char text[512];
    std::snprintf(text, sizeof(text), format, values...);
    return text;
}

/** Mean and standard error of a sample (GSL). */
struct Estimate
{
    double mean{NAN}; //!< sample mean
    double se{NAN};   //!< standard error of the mean
    size_t n{0};      //!< sample size
};

/**
 * \param x the sample
 * \return its mean and standard error
 */
Estimate
Estimated(const std::vector<double>& x)
{
    Estimate e;
    e.n = x.size();
    if (x.empty())
    {
        return e;
    }
    e.mean = gsl_stats_mean(x.data(), 1, x.size());
    e.se = x.size() > 1 ? gsl_stats_sd_m(x.data(), 1, x.size(), e.mean) / std::sqrt(x.size()) : NAN;
    return e;
}

/**
 * The TCP payload of an IPv4 packet as a point-to-point device hands it to its traces.
 * \param frame the frame (PPP header, IPv4 header, ...)
 * \param [out] ipBytes the IPv4 packet's size
 * \return the TCP payload bytes, or -1 when it is not TCP
 */
int64_t
TcpPayload(Ptr<const Packet> frame, uint32_t& ipBytes)
{
    Ptr<Packet> p = frame->Copy();
    PppHeader ppp;
    p->RemoveHeader(ppp);
    Ipv4Header ip;
    p->RemoveHeader(ip);
    ipBytes = ip.GetSerializedSize() + ip.GetPayloadSize();
    if (ip.GetProtocol() != 6 || p->GetSize() < 20)
    {
        return -1;
    }
    uint8_t fixed[20];
    p->CopyData(fixed, sizeof(fixed));
    const uint32_t headerBytes = (fixed[12] >> 4) * 4u; // TCP data offset, in 32-bit words
    return static_cast<int64_t>(ip.GetPayloadSize()) - headerBytes;
}

/// One point-to-point hop as a packet crosses it.
struct Hop
{
    Time delay;    //!< the channel's propagation delay
    DataRate rate; //!< the sending device's rate
};

/**
 * \param devices the sending device of each hop, client to headend
 * (VpnScenario::GetPathToHeadend)
 * \param towardClient the other way: each hop sent by the channel's other device
 * \return the hops, read from the devices' DataRate and the channels' Delay
 */
std::vector<Hop>
Hops(const std::vector<Ptr<NetDevice>>& devices, bool towardClient)
{
    std::vector<Hop> hops;
    for (const auto& device : devices)
    {
        Ptr<Channel> channel = device->GetChannel();
        Ptr<NetDevice> sender = device;
        if (towardClient)
        {
            sender =
                channel->GetDevice(0) == device ? channel->GetDevice(1) : channel->GetDevice(0);
        }
        DataRateValue rate;
        sender->GetAttribute("DataRate", rate);
        TimeValue delay;
        channel->GetAttribute("Delay", delay);
        hops.push_back({delay.Get(), rate.Get()});
    }
    return hops;
}

/**
 * One-way delay of an IPv4 packet over idle hops: each hop's propagation delay plus the time to
 * send the packet and its PPP header at the hop's rate.
 * \param hops the hops
 * \param ipBytes the IPv4 packet's size
 * \return the delay
 */
Time
OneWayDelay(const std::vector<Hop>& hops, uint32_t ipBytes)
{
    Time total;
    for (const auto& hop : hops)
    {
        total +=
            hop.delay + hop.rate.CalculateBytesTxTime(ipBytes + PppHeader().GetSerializedSize());
    }
    return total;
}

/// What one cTCP run measured, from trace sources.
struct CtcpRun
{
    double up{-1};                          //!< both ends Up (s)
    uint64_t dataSegments{0};               //!< data segments offered to the lossy link since Up
    uint64_t firstLost{0};                  //!< index (from 1) of the first of them lost; 0: none
    double lostAt{-1};                      //!< when it was lost (s)
    bool establishmentHole{false};          //!< a data segment was lost before Up
    uint32_t establishmentSegments{0};      //!< data segments offered before Up
    bool clientUp{false};                   //!< the client's tunnel is Up
    bool headendUp{false};                  //!< the headend's session is Up
    double headendLastRx{-1};               //!< the last tunnel message the headend received (s)
    double headendFail{-1};                 //!< the headend's session failed (s)
    double clientFail{-1};                  //!< the scenario's first failure (s)
    std::string clientReason;               //!< why the client failed
    std::string headendReason;              //!< why the headend failed
    uint32_t maxDataBytes{0};               //!< largest data segment seen (IPv4 bytes)
    std::vector<double>* schedule{nullptr}; //!< calibration: arrival time of each data segment
};

/**
 * Establishment ends when both ends are Up: over IKEv1 the client is Up once it has sent its
 * last Quick Mode message, and a loss of that message is still a hole in IKE (the headend then
 * fails by ike-timeout), so the later of the two counts.
 * \param run the run
 */
void
MarkUp(CtcpRun* run)
{
    if (run->clientUp && run->headendUp)
    {
        run->up = Simulator::Now().GetSeconds();
    }
}

/**
 * A frame offered to the lossy link's receiver.
 * \param run the run
 * \param lost whether the loss model dropped it
 * \param frame the frame
 */
void
Offered(CtcpRun* run, bool lost, Ptr<const Packet> frame)
{
    uint32_t ipBytes = 0;
    if (TcpPayload(frame, ipBytes) <= 1)
    {
        return; // not TCP, a pure ACK, or a keepalive (one byte the peer has seen): no hole
    }
    const double now = Simulator::Now().GetSeconds();
    if (run->up < 0)
    {
        ++run->establishmentSegments;
        run->establishmentHole = run->establishmentHole || lost;
        return;
    }
    run->maxDataBytes = std::max(run->maxDataBytes, ipBytes);
    ++run->dataSegments;
    if (run->schedule)
    {
        run->schedule->push_back(now);
    }
    if (lost && run->firstLost == 0)
    {
        run->firstLost = run->dataSegments;
        run->lostAt = now;
    }
}

/// The cTCP part's scenario and DPD settings.
struct CtcpSetup
{
    VpnScenarioConfig config; //!< the scenario
    Time dpdInterval;         //!< the headend's DpdInterval
    Time dpdRetryInterval;    //!< its DpdRetryInterval
    uint32_t dpdRetries{0};   //!< its DpdRetries
    Time uplinkToHeadend;     //!< a data segment, access router to headend
    Time rstToClient;         //!< the headend's RST (40 bytes) to the client
};

/**
 * Run the scenario once with its traces connected.
 * \param config what to run
 * \param rngRun the RngRun
 * \param [out] run what it measured
 * \param setup filled from the built scenario when not null
 */
void
RunCtcp(const VpnScenarioConfig& config, uint64_t rngRun, CtcpRun& run, CtcpSetup* setup)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(rngRun);
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Build();
    Ptr<NetDevice> lossy = scenario->GetInternetDevices(0).Get(1); // the uplink's receiver
    lossy->TraceConnectWithoutContext("PhyRxEnd", MakeBoundCallback(&Offered, &run, false));
    lossy->TraceConnectWithoutContext("PhyRxDrop", MakeBoundCallback(&Offered, &run, true));
    scenario->GetClientTunnel(0)->TraceConnectWithoutContext(
        "StateChange",
        MakeBoundCallback(
            +[](CtcpRun* r,
                VpnTunnelEndpoint::State,
                VpnTunnelEndpoint::State to,
                const std::string& why) {
                if (to == VpnTunnelEndpoint::UP && r->up < 0)
                {
                    r->clientUp = true;
                    MarkUp(r);
                }
                if (to == VpnTunnelEndpoint::FAILED && r->clientReason.empty())
                {
                    r->clientReason = why;
                }
            },
            &run));
    Ptr<VpnTunnelEndpoint> headend = scenario->GetHeadendTunnel();
    headend->TraceConnectWithoutContext("SessionStateChange",
                                        MakeBoundCallback(
                                            +[](CtcpRun* r,
                                                Ipv4Address,
                                                VpnTunnelEndpoint::State,
                                                VpnTunnelEndpoint::State to,
                                                const std::string& why) {
                                                if (to == VpnTunnelEndpoint::UP && r->up < 0)
                                                {
                                                    r->headendUp = true;
                                                    MarkUp(r);
                                                }
                                                if (to == VpnTunnelEndpoint::FAILED &&
                                                    r->headendFail < 0)
                                                {
                                                    r->headendFail = Simulator::Now().GetSeconds();
                                                    r->headendReason = why;
                                                }
                                            },
                                            &run));
    headend->GetCarrier()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](CtcpRun* r, Ptr<const Packet>, VpnCarrier::MessageKind) {
                if (r->headendFail < 0)
                {
                    r->headendLastRx = Simulator::Now().GetSeconds();
                }
            },
            &run));
    if (setup)
    {
        TimeValue interval;
        headend->GetAttribute("DpdInterval", interval);
        setup->dpdInterval = interval.Get();
        headend->GetAttribute("DpdRetryInterval", interval);
        setup->dpdRetryInterval = interval.Get();
        UintegerValue retries;
        headend->GetAttribute("DpdRetries", retries);
        setup->dpdRetries = retries.Get();
        const std::vector<Ptr<NetDevice>> path = scenario->GetPathToHeadend(0);
        // The links are read now (Run disposes them); the data segment's size after the run.
        const std::vector<Hop> core = Hops({path.begin() + 1, path.end()}, false);
        setup->rstToClient = OneWayDelay(Hops(path, true), 40); // IPv4 20 + TCP 20, no options
        scenario->Run();
        setup->uplinkToHeadend = OneWayDelay(core, run.maxDataBytes);
    }
    else
    {
        scenario->Run();
    }
    run.clientFail = scenario->GetMetrics().firstFailure;
}

/**
 * The cTCP checks at one loss rate.
 * \param report where the checks go
 * \param setup the scenario and DPD settings
 * \param schedule the loss-free run's arrival times of data segments
 * \param loss the loss rate
 * \param runs how many runs
 */
void
CheckCtcp(Report& report,
          const CtcpSetup& setup,
          const std::vector<double>& schedule,
          double loss,
          uint32_t runs)
{
    // The loss-free schedule, each data segment lost with probability p: the first loss is
    // the N-th arrival, P(N = n) = p (1-p)^(n-1). Past the schedule's end the arrivals continue at
    // the measured rate, and the tail's mean is closed (memoryless):
    // sum_{n>M} p (1-p)^(n-1) (t_M + (n-M)/rate) = (1-p)^M (t_M + 1/(p rate)).
    const size_t m = schedule.size();
    const double rate = (m / 2) / (schedule[m - 1] - schedule[m - m / 2 - 1]);
    double expectedLoss = 0;
    double survive = 1; // (1-p)^(n-1)
    for (size_t n = 0; n < m; ++n)
    {
        expectedLoss += loss * survive * schedule[n];
        survive *= 1 - loss;
    }
    expectedLoss += survive * (schedule[m - 1] + 1 / (loss * rate));
    const double rule = setup.dpdInterval.GetSeconds() +
                        (setup.dpdRetries + 1) * setup.dpdRetryInterval.GetSeconds();
    const double rst = setup.rstToClient.GetSeconds();
    const double detection = setup.uplinkToHeadend.GetSeconds() + rule + rst;

    VpnScenarioConfig config = setup.config;
    config.loss = loss;
    // Long enough that a run without a failure is an e^-12 event: 12 mean waits for the loss.
    config.duration = std::ceil(schedule[0] + 12 / (loss * rate) + detection + 5);
    std::vector<double> count;
    std::vector<double> lostAt;
    std::vector<double> ttf;
    double ruleWorst = rule; // the run farthest from the rule
    double rstWorst = rst;
    uint32_t early = 0;
    uint32_t censored = 0;
    double expectedEarly = 0;
    uint32_t byRst = 0;
    uint32_t byDpd = 0;
    for (uint32_t r = 1; r <= runs; ++r)
    {
        CtcpRun run;
        RunCtcp(config, r, run, nullptr);
        // The chance that one of the data segments sent before both ends were Up was lost.
        expectedEarly += 1 - std::pow(1 - loss, run.establishmentSegments);
        if (run.establishmentHole)
        {
            ++early; // a hole in IKE before Up: a different failure (ike-timeout), left out
            continue;
        }
        if (run.firstLost == 0 || run.clientFail < 0 || run.headendFail < 0)
        {
            ++censored;
            continue;
        }
        count.push_back(run.firstLost);
        lostAt.push_back(run.lostAt);
        ttf.push_back(run.clientFail);
        byDpd += run.headendReason == "dpd-timeout";
        byRst += run.clientReason == "carrier-closed";
        const double ruleDelay = run.headendFail - run.headendLastRx;
        const double rstDelay = run.clientFail - run.headendFail;
        ruleWorst =
            std::fabs(ruleDelay - rule) > std::fabs(ruleWorst - rule) ? ruleDelay : ruleWorst;
        rstWorst = std::fabs(rstDelay - rst) > std::fabs(rstWorst - rst) ? rstDelay : rstWorst;
    }
    const std::string at = Format("p=%g", loss);
    Report::Note(Format("cTCP through inspect, %s: %u runs of %.0f s (RngRun 1-%u); %u left out "
                        "for a hole during establishment (expected %.2f), %u censored; "
                        "data segment rate %.1f/s, first at %.4f s",
                        at.c_str(),
                        runs,
                        config.duration,
                        runs,
                        early,
                        expectedEarly,
                        censored,
                        rate,
                        schedule[0]));
    const Estimate n = Estimated(count);
    report.Check("ctcp " + at + " first lost data segment",
                 n.mean,
                 1 / loss,
                 Z_TOLERANCE * n.se,
                 "segs");
    const Estimate t = Estimated(lostAt);
    report.Check("ctcp " + at + " time of first loss",
                 t.mean,
                 expectedLoss,
                 Z_TOLERANCE * t.se,
                 "s");
    // Every run, not a mean: the rule is event arithmetic, exact to ns-3's time resolution; the
    // RST crosses idle links (at most a keepalive ahead of it, tens of microseconds).
    report.Check("ctcp " + at + " headend DPD, worst run", ruleWorst, rule, 1e-6, "s");
    report.Check("ctcp " + at + " client learns by RST, worst run", rstWorst, rst, 1e-4, "s");
    report.Check("ctcp " + at + " runs failed by dpd-timeout + RST",
                 std::min(byDpd, byRst),
                 count.size(),
                 0,
                 "runs");
    const Estimate f = Estimated(ttf);
    report.Check("ctcp " + at + " time to failure",
                 f.mean,
                 expectedLoss + detection,
                 Z_TOLERANCE * f.se,
                 "s");
    report.Check("ctcp " + at + " runs left (not censored)", censored, 0, 0, "runs");
}

/// What one inner TCP run measured.
struct TcpRun
{
    double from{0};              //!< measurement window start (s)
    uint64_t sent{0};            //!< data segments sent in the window, retransmissions included
    uint64_t received{0};        //!< bytes the sink received in the window
    double rtt{0};               //!< the last RTT sample, s
    std::vector<double> samples; //!< the RTT in force at each new ACK in the window
    uint32_t highAck{0};         //!< highest ACK seen
    uint32_t timeouts{0};        //!< entries into CA_LOSS in the window
    uint32_t recoveries{0};      //!< entries into CA_RECOVERY in the window
    Ptr<TcpSocketBase> socket;   //!< the inner sender
};

/**
 * Connect the traces of the inner sender once it exists.
 * \param run the run
 * \param app the BulkSend application
 */
void
ConnectSender(TcpRun* run, Ptr<BulkSendApplication> app)
{
    run->socket = DynamicCast<TcpSocketBase>(app->GetSocket());
    NS_ABORT_MSG_IF(!run->socket, "vpn-validation: the bulk sender has no TCP socket");
    run->socket->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(
            +[](TcpRun* r, Ptr<const Packet> p, const TcpHeader&, Ptr<const TcpSocketBase>) {
                if (p->GetSize() > 0 && Simulator::Now().GetSeconds() >= r->from)
                {
                    ++r->sent;
                }
            },
            run));
    run->socket->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](TcpRun* r, Ptr<const Packet>, const TcpHeader& h, Ptr<const TcpSocketBase>) {
                const uint32_t ack = h.GetAckNumber().GetValue();
                if ((h.GetFlags() & TcpHeader::ACK) && ack > r->highAck)
                {
                    r->highAck = ack;
                    if (Simulator::Now().GetSeconds() >= r->from && r->rtt > 0)
                    {
                        r->samples.push_back(r->rtt);
                    }
                }
            },
            run));
    run->socket->TraceConnectWithoutContext(
        "RTT",
        MakeBoundCallback(
            +[](TcpRun* r, Time, Time now) { r->rtt = now.GetSeconds(); },
            run));
    run->socket->TraceConnectWithoutContext(
        "CongState",
        MakeBoundCallback(
            +[](TcpRun* r, TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t to) {
                if (Simulator::Now().GetSeconds() < r->from)
                {
                    return;
                }
                r->timeouts += to == TcpSocketState::CA_LOSS;
                r->recoveries += to == TcpSocketState::CA_RECOVERY;
            },
            run));
}

/**
 * PFTK's send rate (Padhye, Firoiu, Towsley, Kurose, SIGCOMM 1998, eq. 31 and 32):
 * B = min(Wmax / RTT, 1 / (RTT sqrt(2bp/3) + T0 Q p (1 + 32 p^2))), where Q, the probability
 * that a loss indication is a timeout, is min(1, 3 sqrt(3bp/8)) in the closed form.
 * \param p loss indication probability
 * \param rtt round-trip time (s)
 * \param t0 first retransmission timeout (s)
 * \param b segments per ACK
 * \param wmax the largest window (segments)
 * \param q the timeout probability; negative: the closed form's
 * \return segments per second
 */
double
Pftk(double p, double rtt, double t0, double b, double wmax, double q)
{
    if (q < 0)
    {
        q = std::min(1.0, 3 * std::sqrt(3 * b * p / 8));
    }
    const double fast = rtt * std::sqrt(2 * b * p / 3);
    const double timeouts = t0 * q * p * (1 + 32 * p * p);
    return std::min(wmax / rtt, 1 / (fast + timeouts));
}

/// The inputs of PFTK a run measured or configured, and its send rate.
struct TcpResult
{
    double rate{0};         //!< data segments sent per second in the window
    double goodput{0};      //!< bytes per second the sink received in the window
    double rtt{0};          //!< mean RTT (s)
    double rttSd{0};        //!< its standard deviation (s)
    double t0{0};           //!< the RTO PFTK's T0 stands for (s)
    double b{0};            //!< segments per ACK
    double wmax{0};         //!< window, segments
    uint32_t timeouts{0};   //!< CA_LOSS entries
    uint32_t recoveries{0}; //!< CA_RECOVERY entries
};

/**
 * Run an inner bulk TCP once.
 * \param config what to run
 * \param rngRun the RngRun
 * \param warmup seconds after the flow's start before the window opens
 * \return what it measured
 */
TcpResult
RunTcp(const VpnScenarioConfig& config, uint64_t rngRun, double warmup)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(rngRun);
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Build();
    TcpRun run;
    Ptr<Node> client = scenario->GetClient(0);
    Ptr<BulkSendApplication> app;
    for (uint32_t k = 0; k < client->GetNApplications() && !app; ++k)
    {
        app = DynamicCast<BulkSendApplication>(client->GetApplication(k));
    }
    NS_ABORT_MSG_IF(!app, "vpn-validation: no bulk sender on the client");
    TimeValue start;
    app->GetAttribute("StartTime", start);
    run.from = start.Get().GetSeconds() + warmup;
    Simulator::Schedule(start.Get() + NanoSeconds(1), &ConnectSender, &run, app);
    Ptr<PacketSink> sink;
    Ptr<Node> server = scenario->GetServer();
    for (uint32_t k = 0; k < server->GetNApplications() && !sink; ++k)
    {
        sink = DynamicCast<PacketSink>(server->GetApplication(k));
    }
    Simulator::Schedule(
        Seconds(run.from),
        +[](TcpRun* r, Ptr<PacketSink> s) { r->received = s->GetTotalRx(); },
        &run,
        sink);
    TcpResult result;
    Simulator::Schedule(
        Seconds(config.duration) - NanoSeconds(1),
        +[](TcpResult* out, TcpRun* r, Ptr<PacketSink> s, double span) {
            out->rate = r->sent / span;
            out->goodput = (s->GetTotalRx() - r->received) / span;
            UintegerValue u;
            r->socket->GetAttribute("DelAckCount", u);
            out->b = u.Get();
            TimeValue minRto;
            r->socket->GetAttribute("MinRto", minRto);
            out->rtt = gsl_stats_mean(r->samples.data(), 1, r->samples.size());
            out->rttSd = gsl_stats_sd(r->samples.data(), 1, r->samples.size());
            // RFC 6298: RTO = max(MinRto, SRTT + 4 RTTVAR), here from the
            // samples' mean and spread.
            out->t0 = std::max(minRto.Get().GetSeconds(), out->rtt + 4 * out->rttSd);
            r->socket->GetAttribute("SndBufSize", u);
            const uint32_t window = u.Get();
            r->socket->GetAttribute("SegmentSize", u);
            out->wmax = static_cast<double>(window) / u.Get();
            out->timeouts = r->timeouts;
            out->recoveries = r->recoveries;
        },
        &result,
        &run,
        sink,
        config.duration - run.from);
    scenario->Run();
    return result;
}

/**
 * The checks of inner TCP at one loss rate: each transport against PFTK, each tunnel against
 * the same flow without one.
 * \param report where the checks go
 * \param base the scenario
 * \param loss the loss rate
 * \param runs runs per transport
 * \param warmup seconds excluded after the flow's start
 * \param pftkTolerance accepted relative error against PFTK, beside 2.5 standard errors
 * \param tunnelTolerance accepted relative difference, tunnel against none, beside 2.5
 * standard errors of the paired difference
 */
void
CheckTcp(Report& report,
         const VpnScenarioConfig& base,
         double loss,
         uint32_t runs,
         double warmup,
         double pftkTolerance,
         double tunnelTolerance)
{
    std::map<std::string, std::vector<double>> rates;
    for (const std::string transport : {"none", "natt", "esp"})
    {
        VpnScenarioConfig config = base;
        config.transport = transport;
        config.loss = loss;
        std::vector<TcpResult> results;
        uint32_t timeouts = 0;
        uint32_t recoveries = 0;
        for (uint32_t r = 1; r <= runs; ++r)
        {
            results.push_back(RunTcp(config, r, warmup));
            rates[transport].push_back(results.back().rate);
            timeouts += results.back().timeouts;
            recoveries += results.back().recoveries;
        }
        // PFTK's inputs from each run (RTT, T0, b, Wmax), the timeout share from all of them.
        const double q = timeouts + recoveries > 0
                             ? static_cast<double>(timeouts) / (timeouts + recoveries)
                             : 0.0;
        std::vector<double> predicted;
        std::vector<double> closed;
        std::vector<double> rtt;
        for (const auto& x : results)
        {
            predicted.push_back(Pftk(loss, x.rtt, x.t0, x.b, x.wmax, q));
            closed.push_back(Pftk(loss, x.rtt, x.t0, x.b, x.wmax, -1));
            rtt.push_back(x.rtt);
        }
        const Estimate measured = Estimated(rates[transport]);
        const Estimate model = Estimated(predicted);
        const TcpResult& last = results.back();
        Report::Note(Format("%s p=%g: %u runs; RTT %.1f ms, T0 %.3f s, b %.0f, Wmax %.0f; %u fast "
                            "retransmits, %u timeouts: Q %.3f (closed form %.3f, which gives "
                            "%.1f seg/s); send rate SE %.1f seg/s",
                            transport.c_str(),
                            loss,
                            runs,
                            Estimated(rtt).mean * 1e3,
                            last.t0,
                            last.b,
                            last.wmax,
                            recoveries,
                            timeouts,
                            q,
                            std::min(1.0, 3 * std::sqrt(3 * last.b * loss / 8)),
                            Estimated(closed).mean,
                            measured.se));
        const double se = std::isfinite(measured.se) ? measured.se : 0.0;
        report.Check(Format("tcp %s p=%g send rate vs PFTK", transport.c_str(), loss),
                     measured.mean,
                     model.mean,
                     pftkTolerance * model.mean + Z_TOLERANCE * se,
                     "seg/s");
    }
    for (const std::string transport : {"natt", "esp"})
    {
        // Paired: run r of each transport meets the same loss draws, packet by packet.
        std::vector<double> difference;
        for (uint32_t r = 0; r < runs; ++r)
        {
            difference.push_back(rates[transport][r] - rates["none"][r]);
        }
        const Estimate d = Estimated(difference);
        const double none = Estimated(rates["none"]).mean;
        const double se = std::isfinite(d.se) ? d.se : 0.0;
        report.Check(Format("tcp %s p=%g send rate vs no tunnel", transport.c_str(), loss),
                     none + d.mean,
                     none,
                     tunnelTolerance * none + Z_TOLERANCE * se,
                     "seg/s");
    }
}

/**
 * The Gilbert-Elliott chain's loss rate and mean burst length against its steady state.
 * \param report where the checks go
 * \param name label
 * \param params the chain
 * \param packets packets offered
 * \param stream the random stream
 */
void
CheckGilbertElliott(Report& report,
                    const std::string& name,
                    const GilbertElliottErrorModel::Parameters& params,
                    uint64_t packets,
                    int64_t stream)
{
    Ptr<GilbertElliottErrorModel> model = CreateObject<GilbertElliottErrorModel>();
    model->SetParameters(params);
    model->AssignStreams(stream);
    Ptr<Packet> packet = Create<Packet>(1000);
    // The loss rate's standard error from batch means (the chain's losses are correlated);
    // the burst length's from the bursts themselves.
    constexpr uint64_t BATCHES = 100;
    const uint64_t perBatch = packets / BATCHES;
    std::vector<double> batches;
    std::vector<double> bursts;
    uint64_t lost = 0;
    uint64_t run = 0;
    for (uint64_t b = 0; b < BATCHES; ++b)
    {
        for (uint64_t i = 0; i < perBatch; ++i)
        {
            if (model->IsCorrupt(packet))
            {
                ++lost;
                ++run;
            }
            else if (run > 0)
            {
                bursts.push_back(run);
                run = 0;
            }
        }
        batches.push_back(static_cast<double>(lost) / perBatch);
        lost = 0;
    }
    const Estimate loss = Estimated(batches);
    const Estimate burst = Estimated(bursts);
    Report::Note(Format("Gilbert-Elliott %s: p %.5f r %.3f 1-k %.4f 1-h %.4f; %llu packets, %zu "
                        "bursts",
                        name.c_str(),
                        params.p,
                        params.r,
                        params.goodLoss,
                        params.badLoss,
                        static_cast<unsigned long long>(perBatch * BATCHES),
                        burst.n));
    report.Check("ge " + name + " loss rate",
                 loss.mean,
                 model->SteadyStateLoss(),
                 Z_TOLERANCE * loss.se,
                 "");
    report.Check("ge " + name + " mean burst length",
                 burst.mean,
                 model->MeanLossBurstLength(),
                 Z_TOLERANCE * burst.se,
                 "pkts");
}

} // namespace

int
main(int argc, char* argv[])
{
    bool quick = false;
    std::string ctcpRunsText = "40";
    std::string tcpRunsText = "4";
    std::string tcpDurationText = "60";
    CommandLine cmd(__FILE__);
    cmd.AddValue("quick", "the ctest run: fewer runs and shorter ones, same seeds", quick);
    cmd.AddValue("ctcpRuns", "cTCP runs per loss rate, in [5, 10000]", ctcpRunsText);
    cmd.AddValue("tcpRuns",
                 "inner TCP runs per transport and loss rate, in [1, 1000]",
                 tcpRunsText);
    cmd.AddValue("tcpDuration", "seconds per inner TCP run, in [20, 10000]", tcpDurationText);
    cmd.Parse(argc, argv);
    auto ctcpRuns = static_cast<uint32_t>(VpnCli::Integer("ctcpRuns", ctcpRunsText, 5, 10000));
    auto tcpRuns = static_cast<uint32_t>(VpnCli::Integer("tcpRuns", tcpRunsText, 1, 1000));
    double tcpDuration = VpnCli::Double("tcpDuration", tcpDurationText, 20, 10000);
    uint64_t gePackets = 1000000;
    if (quick)
    {
        ctcpRuns = 12;
        tcpRuns = 2;
        tcpDuration = 30;
        gePackets = 200000;
    }
    const auto wallStart = std::chrono::steady_clock::now();
    Report report;
    std::printf("vpn-validation (vpn %s, ns-%s)%s: one line per check, |measured - predicted| <= "
                "tolerance\n",
                compat::VpnVersion().c_str(),
                compat::Ns3Release().c_str(),
                quick ? " --quick" : "");

    // 1. cTCP through inspect. The main job's workload: a bulk sender that keeps at most
    // 8 KiB in flight, so the data segment rate is steady from the start (the window is under
    // TCP's initial window of 10 segments) and the uplink never congests.
    CtcpSetup ctcp;
    ctcp.config.transport = "ctcp";
    ctcp.config.firewall = "inspect";
    ctcp.config.lossModel = "bernoulli";
    ctcp.config.lossDirection = "up";
    ctcp.config.workload = "bulk";
    ctcp.config.innerWindow = 8192;
    std::vector<double> schedule;
    {
        VpnScenarioConfig calibration = ctcp.config;
        calibration.loss = 0;
        calibration.duration = 20;
        CtcpRun run;
        run.schedule = &schedule;
        RunCtcp(calibration, 1, run, &ctcp);
    }
    Report::Note(Format("cTCP calibration (loss 0, 20 s): %zu data segments; headend DPD: "
                        "DpdInterval %.1f s, DpdRetries %u, DpdRetryInterval %.1f s; "
                        "data segment %.3f ms router to headend, RST %.3f ms headend to client",
                        schedule.size(),
                        ctcp.dpdInterval.GetSeconds(),
                        ctcp.dpdRetries,
                        ctcp.dpdRetryInterval.GetSeconds(),
                        ctcp.uplinkToHeadend.GetSeconds() * 1e3,
                        ctcp.rstToClient.GetSeconds() * 1e3));
    for (double loss : {0.01, 0.001})
    {
        CheckCtcp(report, ctcp, schedule, loss, ctcpRuns);
    }

    // 2. Inner TCP NewReno (no SACK: the Reno-family recovery PFTK models) over the datagram
    // tunnels and without a tunnel, no firewall, loss on the data direction only.
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(false));
    VpnScenarioConfig tcp;
    tcp.firewall = "none";
    tcp.lossModel = "bernoulli";
    tcp.lossDirection = "up";
    tcp.workload = "bulk";
    tcp.innerWindow = 131072; // ns-3's default buffer, set explicitly (part 1 changed it)
    tcp.duration = tcpDuration;
    for (double loss : {0.005, 0.01, 0.02})
    {
        CheckTcp(report, tcp, loss, tcpRuns, 10, 0.10, 0.03);
    }

    // 3. Gilbert-Elliott steady state.
    GilbertElliottErrorModel::Parameters gilbert;
    std::string error;
    GilbertElliottErrorModel::FromLossAndBurst(0.01, 3.0, gilbert, error);
    CheckGilbertElliott(report, "gilbert 1% burst 3", gilbert, gePackets, 1);
    CheckGilbertElliott(report, "elliott", {0.05, 0.5, 0.01, 0.8}, gePackets, 2);

    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::printf("%u of %u checks passed (%.1f s wall)\n",
                report.Checks() - report.Failures(),
                report.Checks(),
                wall);
    return report.Failures() == 0 ? 0 : 1;
}
