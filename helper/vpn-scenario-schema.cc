/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What a scenario is: VpnScenario's attributes (one per vpn-scenario flag, with its help,
 * default and range, written once here) and the rules that span several of them.
 */

#include "vpn-choice-checker.h"
#include "vpn-command-line.h"
#include "vpn-helper.h"
#include "vpn-scenario.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(VpnScenario);

namespace
{

/// The most samples a time series may take (per client).
constexpr double MAX_SAMPLES = 1e7;

/**
 * \param names a list
 * \return a checker that accepts its names
 */
Ptr<const AttributeChecker>
Choices(std::vector<std::string> (*names)())
{
    return MakeVpnChoiceChecker([names]() { return names(); });
}

} // namespace

std::vector<std::string>
VpnScenario::Transports()
{
    std::vector<std::string> names{"none"};
    for (const auto& carrier : VpnHelper::CarrierNames())
    {
        names.push_back(carrier);
    }
    return names;
}

std::vector<std::string>
VpnScenario::Firewalls()
{
    return {"none", "stateful", "inspect", "proxy"};
}

std::vector<std::string>
VpnScenario::LossModels()
{
    return {"none", "bernoulli", "ge", "outage"};
}

std::vector<std::string>
VpnScenario::LossDirections()
{
    return {"up", "down", "both"};
}

std::vector<std::string>
VpnScenario::Workloads()
{
    return {"bulk", "cbr", "ping"};
}

std::vector<std::string>
VpnScenario::TcpStacks()
{
    return {"ns3", "linux"};
}

TypeId
VpnScenario::GetTypeId()
{
    // The defaults are VpnScenarioConfig's member initialisers; the order is the flags' order in
    // --PrintHelp, in the run's "config" and in the sweep's folder names.
    const VpnScenarioConfig d;
    using C = VpnScenarioConfig;
    static TypeId tid =
        TypeId("ns3::VpnScenario")
            .SetParent<Object>()
            .SetGroupName("Vpn")
            .AddConstructor<VpnScenario>()
            .AddAttribute("Transport",
                          "How the client reaches the headend: none (the inner traffic routed "
                          "without a tunnel, the baseline) or a carrier built into the module.",
                          StringValue(d.transport),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::transport>,
                                             &VpnScenario::GetField<std::string, &C::transport>),
                          Choices(&VpnScenario::Transports))
            .AddAttribute("Firewall",
                          "The node between the Internet and the headend: none (a plain router) "
                          "or a StatefulFirewall whose default action is stateful, inspect or "
                          "proxy.",
                          StringValue(d.firewall),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::firewall>,
                                             &VpnScenario::GetField<std::string, &C::firewall>),
                          Choices(&VpnScenario::Firewalls))
            .AddAttribute("Bypass",
                          "Add a tcp-state-bypass class for the VPN flow (ASA `set connection "
                          "advanced-options tcp-state-bypass`).",
                          BooleanValue(d.bypass),
                          MakeBooleanAccessor(&VpnScenario::SetField<bool, &C::bypass>,
                                              &VpnScenario::GetField<bool, &C::bypass>),
                          MakeBooleanChecker())
            .AddAttribute("LossModel",
                          "Loss on the Internet link: none, bernoulli, ge (Gilbert-Elliott, "
                          "bursts of mean length burst) or outage (the link is out for a mean "
                          "outage; loss is then the fraction of time out).",
                          StringValue(d.lossModel),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::lossModel>,
                                             &VpnScenario::GetField<std::string, &C::lossModel>),
                          Choices(&VpnScenario::LossModels))
            .AddAttribute("Loss",
                          "Mean packet loss on the Internet link (outage: fraction of time out).",
                          DoubleValue(d.loss),
                          MakeDoubleAccessor(&VpnScenario::SetField<double, &C::loss>,
                                             &VpnScenario::GetField<double, &C::loss>),
                          MakeDoubleChecker<double>(0, 0.999999))
            .AddAttribute("Burst",
                          "Mean loss-burst length, packets (ge; other models ignore it).",
                          DoubleValue(d.burst),
                          MakeDoubleAccessor(&VpnScenario::SetField<double, &C::burst>,
                                             &VpnScenario::GetField<double, &C::burst>),
                          MakeDoubleChecker<double>(1, 1e6))
            .AddAttribute("Clients",
                          "VPN clients sharing the firewall and the headend.",
                          UintegerValue(d.clients),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::clients>,
                                               &VpnScenario::GetField<uint32_t, &C::clients>),
                          MakeUintegerChecker<uint32_t>(1, 5000))
            .AddAttribute("Duration",
                          "Simulated time; the workload starts at 2 s.",
                          TimeValue(Seconds(d.duration)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::duration, Time::S>,
                                           &VpnScenario::GetTime<&C::duration, Time::S>),
                          MakeTimeChecker(MilliSeconds(2001), Seconds(1e6)))
            .AddAttribute("Workload",
                          "The inner traffic of each client: bulk (TCP to the server), cbr "
                          "(UDP at rate) or ping.",
                          StringValue(d.workload),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::workload>,
                                             &VpnScenario::GetField<std::string, &C::workload>),
                          Choices(&VpnScenario::Workloads))
            .AddAttribute("Bytes",
                          "bulk: bytes per client, shared by its flows (0: unlimited).",
                          UintegerValue(d.bytes),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint64_t, &C::bytes>,
                                               &VpnScenario::GetField<uint64_t, &C::bytes>),
                          MakeUintegerChecker<uint64_t>(0, 1000000000000ULL))
            .AddAttribute("Rate",
                          "cbr: the rate of each client.",
                          DataRateValue(DataRate(d.rate)),
                          MakeDataRateAccessor(&VpnScenario::SetRate<&C::rate>,
                                               &VpnScenario::GetRate<&C::rate>),
                          MakeDataRateChecker())
            .AddAttribute("PacketSize",
                          "cbr: payload bytes; ping: data bytes.",
                          UintegerValue(d.packetSize),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::packetSize>,
                                               &VpnScenario::GetField<uint32_t, &C::packetSize>),
                          MakeUintegerChecker<uint32_t>(12, 65000))
            .AddAttribute(
                "LossDirection",
                "Which way the Internet link loses: up (client to firewall), down or "
                "both.",
                StringValue(d.lossDirection),
                MakeStringAccessor(&VpnScenario::SetField<std::string, &C::lossDirection>,
                                   &VpnScenario::GetField<std::string, &C::lossDirection>),
                Choices(&VpnScenario::LossDirections))
            .AddAttribute("AccessRate",
                          "Rate of each client's Internet (access) link.",
                          DataRateValue(DataRate(d.accessRate)),
                          MakeDataRateAccessor(&VpnScenario::SetRate<&C::accessRate>,
                                               &VpnScenario::GetRate<&C::accessRate>),
                          MakeDataRateChecker())
            .AddAttribute("InternetDelay",
                          "One-way delay of each Internet link.",
                          TimeValue(Time::FromDouble(d.internetDelayMs, Time::MS)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::internetDelayMs, Time::MS>,
                                           &VpnScenario::GetTime<&C::internetDelayMs, Time::MS>),
                          MakeTimeChecker(Seconds(0), Seconds(10)))
            .AddAttribute("DpdInterval",
                          "Dead-peer detection: idle time before the tunnel probes its peer "
                          "(0 disables).",
                          TimeValue(Seconds(d.dpdInterval)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::dpdInterval, Time::S>,
                                           &VpnScenario::GetTime<&C::dpdInterval, Time::S>),
                          MakeTimeChecker(Seconds(0), Seconds(86400)))
            .AddAttribute("DpdRetries",
                          "Dead-peer detection: unanswered probes before the tunnel fails.",
                          UintegerValue(d.dpdRetries),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::dpdRetries>,
                                               &VpnScenario::GetField<uint32_t, &C::dpdRetries>),
                          MakeUintegerChecker<uint32_t>(0, 100))
            .AddAttribute("Reconnect",
                          "Reconnect after a failure.",
                          BooleanValue(d.reconnect),
                          MakeBooleanAccessor(&VpnScenario::SetField<bool, &C::reconnect>,
                                              &VpnScenario::GetField<bool, &C::reconnect>),
                          MakeBooleanChecker())
            .AddAttribute("SegmentSize",
                          "Inner TCP segment size, bytes (1200 fits every carrier's MTU).",
                          UintegerValue(d.segmentSize),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::segmentSize>,
                                               &VpnScenario::GetField<uint32_t, &C::segmentSize>),
                          MakeUintegerChecker<uint32_t>(100, 1400))
            .AddAttribute("InnerWindow",
                          "Inner TCP receive buffer, bytes (0: ns-3's 128 KiB); caps bulk at "
                          "innerWindow / RTT. Otherwise at least segmentSize.",
                          UintegerValue(d.innerWindow),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::innerWindow>,
                                               &VpnScenario::GetField<uint32_t, &C::innerWindow>),
                          MakeUintegerChecker<uint32_t>(0, 1u << 24))
            .AddAttribute("Flows",
                          "bulk: parallel inner TCP flows per client.",
                          UintegerValue(d.flows),
                          MakeUintegerAccessor(&VpnScenario::SetField<uint32_t, &C::flows>,
                                               &VpnScenario::GetField<uint32_t, &C::flows>),
                          MakeUintegerChecker<uint32_t>(1, 64))
            .AddAttribute("ProbeInterval",
                          "bulk, cbr: an inner ping this often beside the workload, for its RTT "
                          "(0: none; else at least 10 ms).",
                          TimeValue(Seconds(d.probeInterval)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::probeInterval, Time::S>,
                                           &VpnScenario::GetTime<&C::probeInterval, Time::S>),
                          MakeTimeChecker(Seconds(0), Seconds(3600)))
            .AddAttribute("TcpStack",
                          "ns3: the inner TCP at ns-3's defaults; linux: every TCP (inner and "
                          "the carriers') with Linux's timers (minimum RTO 200 ms, delayed ACK "
                          "40 ms).",
                          StringValue(d.tcpStack),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::tcpStack>,
                                             &VpnScenario::GetField<std::string, &C::tcpStack>),
                          Choices(&VpnScenario::TcpStacks))
            .AddAttribute("Outage",
                          "outage: mean length of an outage.",
                          TimeValue(Seconds(d.outage)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::outage, Time::S>,
                                           &VpnScenario::GetTime<&C::outage, Time::S>),
                          MakeTimeChecker(MilliSeconds(1), Seconds(3600)))
            .AddAttribute("CoreRate",
                          "Rate of the firewall, headend and server links.",
                          DataRateValue(DataRate(d.coreRate)),
                          MakeDataRateAccessor(&VpnScenario::SetRate<&C::coreRate>,
                                               &VpnScenario::GetRate<&C::coreRate>),
                          MakeDataRateChecker())
            .AddAttribute("Pcap",
                          "Write PREFIX-internetI.pcap for each client's Internet link (empty: "
                          "none).",
                          StringValue(d.pcap),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::pcap>,
                                             &VpnScenario::GetField<std::string, &C::pcap>),
                          MakeStringChecker())
            .AddAttribute("StallThreshold",
                          "stall_s: a gap in the inner data's progress that lasts to the end of "
                          "the run is a stall from this long (a gap that ends in the tunnel's "
                          "failure is one at any length). 10 s: longer than ns-3 TCP's first "
                          "three backed-off retransmission timeouts (1 + 2 + 4 s).",
                          TimeValue(Seconds(d.stallThreshold)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::stallThreshold, Time::S>,
                                           &VpnScenario::GetTime<&C::stallThreshold, Time::S>),
                          MakeTimeChecker(MilliSeconds(1), Seconds(1e6)))
            .AddAttribute("ProgressInterval",
                          "data_availability: the share of bins this long in which inner data "
                          "reached the server, among those in which the client had data to send.",
                          TimeValue(Seconds(d.progressInterval)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::progressInterval, Time::S>,
                                           &VpnScenario::GetTime<&C::progressInterval, Time::S>),
                          MakeTimeChecker(MilliSeconds(1), Seconds(3600)))
            .AddAttribute("Timeseries",
                          "Write the run's time series to this CSV file, one row per client "
                          "every timeseriesInterval (empty: none).",
                          StringValue(d.timeseries),
                          MakeStringAccessor(&VpnScenario::SetField<std::string, &C::timeseries>,
                                             &VpnScenario::GetField<std::string, &C::timeseries>),
                          MakeStringChecker())
            .AddAttribute("TimeseriesInterval",
                          "The time between two samples of the time series.",
                          TimeValue(Seconds(d.timeseriesInterval)),
                          MakeTimeAccessor(&VpnScenario::SetTime<&C::timeseriesInterval, Time::S>,
                                           &VpnScenario::GetTime<&C::timeseriesInterval, Time::S>),
                          MakeTimeChecker(MilliSeconds(1), Seconds(3600)));
    return tid;
}

void
VpnScenario::SetConfig(const VpnScenarioConfig& config)
{
    m_config = config;
}

const VpnScenarioConfig&
VpnScenario::GetConfig() const
{
    return m_config;
}

Ptr<VpnScenario>
VpnScenario::FromConfig(const VpnScenarioConfig& config)
{
    Ptr<VpnScenario> scenario = CreateObject<VpnScenario>();
    scenario->SetConfig(config);
    return scenario;
}

template <typename T, T VpnScenarioConfig::*F>
void
VpnScenario::SetField(T value)
{
    m_config.*F = value;
}

template <typename T, T VpnScenarioConfig::*F>
T
VpnScenario::GetField() const
{
    return m_config.*F;
}

template <double VpnScenarioConfig::*F, Time::Unit U>
void
VpnScenario::SetTime(Time value)
{
    m_config.*F = value.ToDouble(U);
}

template <double VpnScenarioConfig::*F, Time::Unit U>
Time
VpnScenario::GetTime() const
{
    return Time::FromDouble(m_config.*F, U);
}

template <std::string VpnScenarioConfig::*F>
void
VpnScenario::SetRate(DataRate value)
{
    m_config.*F = std::to_string(value.GetBitRate()) + "bps";
}

template <std::string VpnScenarioConfig::*F>
DataRate
VpnScenario::GetRate() const
{
    return DataRate(m_config.*F);
}

std::vector<std::pair<std::string, Ptr<const AttributeValue>>>
VpnScenario::HostTcpTimers(Time minRto, Time delAck)
{
    // The carriers set their own minimum RTO on their sockets; it follows the host's.
    return {{"ns3::TcpSocketBase::MinRto", Create<TimeValue>(minRto)},
            {"ns3::TcpSocket::DelAckTimeout", Create<TimeValue>(delAck)},
            {"ns3::TcpStreamCarrier::TcpMinRto", Create<TimeValue>(minRto)}};
}

void
VpnScenario::SetHostTcpTimers(Time minRto, Time delAck)
{
    for (const auto& [name, value] : HostTcpTimers(minRto, delAck))
    {
        Config::SetDefault(name, *value);
    }
}

bool
VpnScenario::Validate(const VpnScenarioConfig& c, std::string& flag, std::string& error)
{
    auto fail = [&flag, &error](const std::string& f, const std::string& e) {
        flag = f;
        error = e;
        return false;
    };
    // Each field against its attribute's checker: the ranges live there only. A rate is read
    // from its text first (DataRate's constructor aborts on a bad one).
    const TypeId tid = GetTypeId();
    Ptr<VpnScenario> probe = CreateObject<VpnScenario>();
    probe->SetConfig(c);
    for (const auto& [name, text] : {std::make_pair(std::string("Rate"), c.rate),
                                     std::make_pair(std::string("AccessRate"), c.accessRate),
                                     std::make_pair(std::string("CoreRate"), c.coreRate)})
    {
        TypeId::AttributeInformation info;
        tid.LookupAttributeByName(name, &info);
        if (!VpnCommandLine::CheckValue(info.checker, text, error))
        {
            return fail(VpnCommandLine::FlagOf(name), error);
        }
        if (DataRate(text).GetBitRate() == 0)
        {
            return fail(VpnCommandLine::FlagOf(name), "must be positive, e.g. 10Mbps");
        }
    }
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        const TypeId::AttributeInformation info = tid.GetAttribute(i);
        Ptr<AttributeValue> value = info.checker->Create();
        probe->GetAttribute(info.name, *value);
        if (!info.checker->Check(*value))
        {
            const bool named = !GetVpnChoices(info.checker).empty();
            return fail(VpnCommandLine::FlagOf(info.name),
                        std::string(named ? "unknown value" : "out of range") + "; expected " +
                            VpnCommandLine::Accepted(info.checker));
        }
    }
    // The rules that span fields.
    if (c.lossModel == "ge")
    {
        GilbertElliottErrorModel::Parameters p;
        std::string why;
        if (!GilbertElliottErrorModel::FromLossAndBurst(c.loss, c.burst, p, why))
        {
            return fail("burst", why);
        }
    }
    if (c.lossModel == "outage" && c.loss > 0)
    {
        Time good;
        std::string why;
        if (!GilbertElliottErrorModel::FromLossAndOutage(c.loss, Seconds(c.outage), good, why))
        {
            return fail("loss", why);
        }
        if (good < MicroSeconds(1))
        {
            return fail("loss",
                        "leaves less than 1 us between outages; expected a lower fraction of "
                        "time out or a longer --outage");
        }
    }
    if (c.probeInterval > 0 && c.probeInterval < 0.01)
    {
        return fail("probeInterval", "out of range; expected 0 (none) or at least 10ms");
    }
    if (c.probeInterval > 0 && c.workload == "ping")
    {
        return fail("probeInterval", "the ping workload measures RTT itself; expected 0");
    }
    if (c.bytes != 0 && c.bytes < c.flows)
    {
        // A flow with a zero share would send without limit (BulkSend's MaxBytes 0).
        return fail("bytes", "fewer bytes than flows; expected 0 (unlimited) or >= flows");
    }
    if (!c.timeseries.empty())
    {
        // Rows per client; a bound that keeps a mistyped interval from filling a disk.
        if (c.duration / c.timeseriesInterval > MAX_SAMPLES)
        {
            return fail("timeseriesInterval",
                        "more than 10^7 samples in the duration; expected a longer interval");
        }
        std::error_code ec;
        const std::filesystem::path parent =
            std::filesystem::absolute(c.timeseries, ec).parent_path();
        if (ec || !std::filesystem::is_directory(parent, ec) || access(parent.c_str(), W_OK) != 0 ||
            std::filesystem::is_directory(c.timeseries, ec))
        {
            return fail("timeseries",
                        "cannot write '" + c.timeseries +
                            "'; expected a file path in a writable folder");
        }
    }
    if (c.innerWindow != 0 && c.innerWindow < c.segmentSize)
    {
        return fail("innerWindow",
                    "smaller than segmentSize; expected 0 (ns-3's default) or bytes in "
                    "[segmentSize, 16777216]");
    }
    return true;
}

} // namespace ns3
