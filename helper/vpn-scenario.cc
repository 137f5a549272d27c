/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-scenario.h"

#include "firewall-helper.h"
#include "vpn-command-line.h"
#include "vpn-helper.h"

#include "ns3/application-container.h"
#include "ns3/assert.h"
#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/enum.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/stateful-firewall.h"
#include "ns3/string.h"
#include "ns3/tcp-stream-carrier.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"
#include "ns3/vpn-tunnel-endpoint.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <gsl/gsl_statistics_double.h>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnScenario");

namespace
{

/// Port of the inner bulk, CBR and sink applications (one per client: base + index).
constexpr uint16_t INNER_PORT = 5001;
/// When the workload starts: after every tunnel is up on a clean path.
constexpr double WORKLOAD_START = 2.0;
/// Clients per access router.
constexpr uint32_t ACCESS_FANOUT = 32;

} // namespace

/// What a run holds while it runs.
struct VpnScenario::State
{
    NodeContainer clients;                       //!< VPN clients (inner apps run here)
    Ptr<Node> firewall;                          //!< the firewall (or router) node
    Ptr<Node> headend;                           //!< the VPN headend
    Ptr<Node> server;                            //!< the inner server
    std::vector<NetDeviceContainer> internet;    //!< per client: client device, router device
    std::vector<Ptr<NetDevice>> routerUplinks;   //!< per access router: its device to the firewall
    Ptr<NetDevice> toHeadend;                    //!< the firewall's device to the headend
    std::vector<Ptr<VpnTunnelEndpoint>> tunnels; //!< per client (empty for none)
    Ptr<StatefulFirewall> asa;                   //!< the firewall (null for none)
    Ptr<PacketSink> sink;                        //!< the server's sink (bulk, cbr)
    std::vector<uint64_t> rxBytes;               //!< per client, bytes at the sink
    std::vector<double> startAt;                 //!< per client, workload start (s)
    std::unordered_map<uint32_t, uint32_t> clientBySource; //!< source address -> client
    std::vector<uint64_t> pingReplies;                     //!< per client
    std::vector<double> rttMs;                             //!< every ping RTT, ms, all clients
    std::vector<double> firstUp;                           //!< per client, -1 until Up
    std::vector<double> upSince;                           //!< per client, -1 when not Up
    std::vector<double> upTime;                            //!< per client, accumulated seconds Up
    std::vector<double> doneAt;           //!< per client, bulk completion, -1 until done
    std::vector<double> lastProgress;     //!< per client, last inner delivery, -1 before any
    std::vector<int64_t> lastBin;         //!< per client, progressInterval bin of that delivery
    std::vector<uint64_t> progressBins;   //!< per client, bins with a delivery
    std::vector<double> stallAt;          //!< per client, -1 until its data stalled for good
    std::vector<double> stallFailedAt;    //!< per client, the failure that ended it, -1 if none
    std::vector<uint64_t> wanLost;        //!< per client, packets its Internet link lost
    std::vector<int64_t> outerCwnd;       //!< per client, its TCP carrier's cwnd, -1 if none
    std::vector<double> outerRttMs;       //!< per client, its TCP carrier's RTT, -1 if none
    std::vector<uint64_t> sampledRx;      //!< per client, inner bytes at the last sample
    double progressInterval{1};           //!< the data_availability bin, seconds
    double lastSample{0};                 //!< time of the last time-series sample
    std::ofstream timeseries;             //!< the time-series CSV, when asked for
    VpnScenarioMetrics* metrics{nullptr}; //!< where the run's counters go
    double firstFailure{-1};              //!< first entry into Failed, -1 if none
    double headendFailure{-1};            //!< first headend session entering Failed, -1 if none
    Ptr<VpnTunnelEndpoint> headendTunnel; //!< the headend endpoint (null for none)
    std::chrono::steady_clock::time_point wallStart; //!< for wall_s
    std::vector<std::pair<std::string, Ptr<const AttributeValue>>>
        replacedDefaults; //!< attribute defaults as they were before Build() set them

    /**
     * Client k's inner data made progress now: bytes reached the server (bulk, cbr) or a ping
     * reply came back (ping).
     * \param k the client
     */
    void Progress(uint32_t k)
    {
        const double now = Simulator::Now().GetSeconds();
        const auto bin = static_cast<int64_t>(std::floor((now - startAt[k]) / progressInterval));
        if (bin != lastBin[k])
        {
            lastBin[k] = bin;
            ++progressBins[k];
        }
        lastProgress[k] = now;
    }

    /**
     * \param k a client
     * \return its inner data's last progress, or the workload's start before any
     */
    double LastProgress(uint32_t k) const
    {
        return std::max(lastProgress[k], startAt[k]);
    }

    /**
     * \param k a client
     * \return its inner bytes so far (an echo reply is Size data bytes and an 8-byte ICMP header)
     */
    uint64_t InnerRx(uint32_t k, const VpnScenarioConfig& c) const
    {
        return c.workload == "ping" ? pingReplies[k] * (c.packetSize + 8) : rxBytes[k];
    }
};

VpnScenario::VpnScenario()
    : m_state(std::make_unique<State>())
{
}

VpnScenario::~VpnScenario()
{
    RestoreDefaults();
}

void
VpnScenario::SetDefault(const std::string& name, const AttributeValue& value)
{
    auto& replaced = m_state->replacedDefaults;
    const bool kept = std::any_of(replaced.begin(), replaced.end(), [&name](const auto& entry) {
        return entry.first == name;
    });
    if (!kept)
    {
        TypeId::AttributeInformation info;
        const bool found = VpnCommandLine::DefaultOf(name, info);
        NS_ASSERT_MSG(found, "VpnScenario: no attribute " << name);
        replaced.emplace_back(name, info.initialValue);
    }
    Config::SetDefault(name, value);
}

void
VpnScenario::RestoreDefaults()
{
    auto& replaced = m_state->replacedDefaults;
    for (auto it = replaced.rbegin(); it != replaced.rend(); ++it)
    {
        Config::SetDefault(it->first, *it->second);
    }
    replaced.clear();
}

const VpnScenarioMetrics&
VpnScenario::GetMetrics() const
{
    return m_metrics;
}

const std::vector<std::string>&
VpnScenario::GetWarnings() const
{
    return m_metrics.warnings;
}

void
VpnScenario::Warn(const std::string& text)
{
    NS_LOG_WARN(text);
    m_metrics.warnings.push_back(text);
}

Ptr<Node>
VpnScenario::GetClient(uint32_t i) const
{
    return m_state->clients.Get(i);
}

Ptr<Node>
VpnScenario::GetServer() const
{
    return m_state->server;
}

Ptr<VpnTunnelEndpoint>
VpnScenario::GetClientTunnel(uint32_t i) const
{
    return i < m_state->tunnels.size() ? m_state->tunnels[i] : nullptr;
}

Ptr<VpnTunnelEndpoint>
VpnScenario::GetHeadendTunnel() const
{
    return m_state->headendTunnel;
}

Ptr<StatefulFirewall>
VpnScenario::GetFirewall() const
{
    return m_state->asa;
}

NetDeviceContainer
VpnScenario::GetInternetDevices(uint32_t i) const
{
    return m_state->internet.at(i);
}

std::vector<Ptr<NetDevice>>
VpnScenario::GetPathToHeadend(uint32_t i) const
{
    const State& st = *m_state;
    return {st.internet.at(i).Get(0), st.routerUplinks.at(i / ACCESS_FANOUT), st.toHeadend};
}

void
VpnScenario::Build()
{
    State& st = *m_state;
    const VpnScenarioConfig& c = m_config;
    const uint32_t n = c.clients;
    st.wallStart = std::chrono::steady_clock::now();
    st.metrics = &m_metrics;
    st.progressInterval = c.progressInterval;

    // Defaults for this run only: Run() puts back what they were (RestoreDefaults).
    SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(c.segmentSize));
    if (c.tcpStack == "linux")
    {
        // The client is one host: its inner connections and its carrier connection share one
        // stack. Linux's TCP_RTO_MIN (200 ms) and TCP_ATO_MIN (40 ms), include/net/tcp.h.
        // "ns3" leaves the defaults as they are (ns-3's: 1 s, RFC 6298, and 200 ms).
        for (const auto& [name, value] : HostTcpTimers(MilliSeconds(200), MilliSeconds(40)))
        {
            SetDefault(name, *value);
        }
    }
    if (c.innerWindow > 0)
    {
        // Every TCP socket created from here on takes it: the inner ones, and the firewall
        // proxy's legs; the TCP carriers set their own buffers on their sockets.
        SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(c.innerWindow));
    }

    st.clients.Create(n);
    NodeContainer core;
    core.Create(3);
    st.firewall = core.Get(0);
    st.headend = core.Get(1);
    st.server = core.Get(2);
    InternetStackHelper internet;
    internet.Install(st.clients);
    internet.Install(core);

    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue(c.accessRate));
    access.SetChannelAttribute("Delay", TimeValue(MilliSeconds(c.internetDelayMs)));
    PointToPointHelper coreLink;
    coreLink.SetDeviceAttribute("DataRate", StringValue(c.coreRate));
    coreLink.SetChannelAttribute("Delay", StringValue("1ms"));

    // Clients reach the firewall through access routers of ACCESS_FANOUT clients each, so no
    // node has more than ~ACCESS_FANOUT interfaces or routes: ns-3's route lookups and local-
    // address checks are linear in them, and a flat star would make the per-client cost grow
    // with the number of clients. Static routes, aggregated per access router.
    //   client i (group j = i / 32, k = i % 32): Internet link 172.16.j.(4k)/30
    //   access router j - firewall: 172.30.(j / 64).(4 (j % 64))/30
    //   firewall - headend 172.31.0.0/30; headend - server 192.168.10.0/24; tunnels 10.8.0.0/16
    const uint32_t groups = (n + ACCESS_FANOUT - 1) / ACCESS_FANOUT;
    NodeContainer routers;
    routers.Create(groups);
    internet.Install(routers);
    Ipv4StaticRoutingHelper staticRouting;
    auto routing = [&staticRouting](Ptr<Node> node) {
        return staticRouting.GetStaticRouting(node->GetObject<Ipv4>());
    };
    Ipv4AddressHelper addresses;
    std::vector<Ipv4Address> clientWan;
    for (uint32_t j = 0; j < groups; ++j)
    {
        const uint32_t up = (172u << 24) | (30u << 16) | ((j / 64) << 8) | (4 * (j % 64));
        addresses.SetBase(Ipv4Address(up), "255.255.255.252");
        NetDeviceContainer uplink = coreLink.Install(routers.Get(j), st.firewall);
        st.routerUplinks.push_back(uplink.Get(0));
        Ipv4InterfaceContainer upIf = addresses.Assign(uplink);
        routing(routers.Get(j))->SetDefaultRoute(upIf.GetAddress(1), 1);
        routing(st.firewall)
            ->AddNetworkRouteTo(Ipv4Address((172u << 24) | (16u << 16) | (j << 8)),
                                "255.255.255.0",
                                upIf.GetAddress(0),
                                st.firewall->GetObject<Ipv4>()->GetNInterfaces() - 1);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        const uint32_t j = i / ACCESS_FANOUT;
        const uint32_t base = (172u << 24) | (16u << 16) | (j << 8) | (4 * (i % ACCESS_FANOUT));
        addresses.SetBase(Ipv4Address(base), "255.255.255.252");
        NetDeviceContainer link = access.Install(st.clients.Get(i), routers.Get(j));
        st.internet.push_back(link);
        Ipv4InterfaceContainer linkIf = addresses.Assign(link);
        clientWan.push_back(linkIf.GetAddress(0));
        routing(st.clients.Get(i))->SetDefaultRoute(linkIf.GetAddress(1), 1);
    }
    addresses.SetBase("172.31.0.0", "255.255.255.252");
    NetDeviceContainer fwHeadendLink = coreLink.Install(st.firewall, st.headend);
    st.toHeadend = fwHeadendLink.Get(0);
    Ipv4InterfaceContainer fwHeadend = addresses.Assign(fwHeadendLink);
    const Ipv4Address headendWan = fwHeadend.GetAddress(1);
    const uint32_t fwToHeadend = st.firewall->GetObject<Ipv4>()->GetNInterfaces() - 1;
    routing(st.firewall)
        ->AddNetworkRouteTo("192.168.10.0", "255.255.255.0", headendWan, fwToHeadend);
    routing(st.firewall)->AddNetworkRouteTo("10.8.0.0", "255.255.0.0", headendWan, fwToHeadend);
    routing(st.headend)->SetDefaultRoute(fwHeadend.GetAddress(0), 1);
    addresses.SetBase("192.168.10.0", "255.255.255.0", "0.0.0.1");
    const Ipv4Address serverAddress =
        addresses.Assign(coreLink.Install(st.headend, st.server)).GetAddress(1);
    routing(st.server)->SetDefaultRoute("192.168.10.1", 1);

    // Ipv4AddressHelper::Assign puts an FqCoDel queue disc on every device; the links here are
    // plain drop-tail (the point-to-point device's own 100-packet queue), which is also cheaper.
    TrafficControlHelper tch;
    for (NodeContainer group : {st.clients, routers, core})
    {
        for (uint32_t k = 0; k < group.GetN(); ++k)
        {
            Ptr<TrafficControlLayer> tc = group.Get(k)->GetObject<TrafficControlLayer>();
            for (uint32_t d = 0; d < group.Get(k)->GetNDevices(); ++d)
            {
                Ptr<NetDevice> device = group.Get(k)->GetDevice(d);
                if (tc && tc->GetRootQueueDiscOnDevice(device))
                {
                    tch.Uninstall(device);
                }
            }
        }
    }

    // Loss on the Internet links, in the chosen direction(s).
    int64_t stream = 1000;
    for (uint32_t i = 0; i < n && c.lossModel != "none" && c.loss > 0; ++i)
    {
        // An outage takes the link down in both directions at once: one time-clocked chain
        // serves both devices. The packet-clocked models get one chain per direction.
        Ptr<GilbertElliottErrorModel> outage;
        if (c.lossModel == "outage")
        {
            Time good;
            std::string error;
            GilbertElliottErrorModel::FromLossAndOutage(c.loss, Seconds(c.outage), good, error);
            outage = CreateObject<GilbertElliottErrorModel>();
            outage->SetAttribute("Clock", EnumValue(GilbertElliottErrorModel::TIME));
            outage->SetAttribute("MeanGoodDuration", TimeValue(good));
            outage->SetAttribute("MeanBadDuration", TimeValue(Seconds(c.outage)));
            stream += outage->AssignStreams(stream);
        }
        std::vector<Ptr<NetDevice>> receivers;
        if (c.lossDirection != "down")
        {
            receivers.push_back(st.internet[i].Get(1)); // client -> firewall
        }
        if (c.lossDirection != "up")
        {
            receivers.push_back(st.internet[i].Get(0)); // firewall -> client
        }
        for (const auto& device : receivers)
        {
            Ptr<ErrorModel> model;
            if (outage)
            {
                model = outage;
            }
            else if (c.lossModel == "bernoulli")
            {
                Ptr<RateErrorModel> rate = CreateObject<RateErrorModel>();
                rate->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                rate->SetRate(c.loss);
                stream += rate->AssignStreams(stream);
                model = rate;
            }
            else
            {
                GilbertElliottErrorModel::Parameters p;
                std::string error;
                GilbertElliottErrorModel::FromLossAndBurst(c.loss, c.burst, p, error);
                Ptr<GilbertElliottErrorModel> ge = CreateObject<GilbertElliottErrorModel>();
                ge->SetParameters(p);
                stream += ge->AssignStreams(stream);
                model = ge;
            }
            device->SetAttribute("ReceiveErrorModel", PointerValue(model));
        }
    }

    // The firewall: a plain router, or the ASA with the chosen mode as its default action.
    if (c.firewall != "none")
    {
        FirewallHelper fw;
        std::string error;
        // The carrier says which TCP port its flow uses at the headend (its Port attribute).
        const uint16_t port = c.transport == "none"
                                  ? INNER_PORT
                                  : VpnHelper::CreateCarrier(c.transport)->GetHeadendTcpPort();
        if (c.bypass && port != 0)
        {
            std::ostringstream spec;
            spec << "name=vpn-bypass proto=tcp dport=" << port << " action=bypass";
            NS_ABORT_MSG_IF(!fw.AddClass(spec.str(), error), error);
        }
        if (c.firewall == "proxy")
        {
            // The proxy splits TCP; everything else is tracked statefully.
            NS_ABORT_MSG_IF(!fw.AddClass("name=tcp-proxy proto=tcp action=proxy", error), error);
            NS_ABORT_MSG_IF(!fw.SetDefaultAction("stateful", error), error);
        }
        else
        {
            NS_ABORT_MSG_IF(!fw.SetDefaultAction(c.firewall, error), error);
        }
        st.asa = fw.Install(st.firewall);
    }

    // The tunnels.
    ApplicationContainer endpoints;
    if (c.transport != "none")
    {
        VpnHelper vpn;
        std::string error;
        NS_ABORT_MSG_IF(!vpn.SetCarrier(c.transport, error), error);
        vpn.SetTunnelAttribute("DpdInterval", TimeValue(Seconds(c.dpdInterval)));
        vpn.SetTunnelAttribute("DpdRetries", UintegerValue(c.dpdRetries));
        vpn.SetTunnelAttribute("ReconnectPolicy",
                               StringValue(c.reconnect ? "after-delay" : "never"));
        endpoints.Add(vpn.InstallHeadend(st.headend, headendWan, "10.8.0.1", "255.255.0.0"));
        st.headendTunnel = DynamicCast<VpnTunnelEndpoint>(endpoints.Get(0));
        for (uint32_t i = 0; i < n; ++i)
        {
            const Ipv4Address inner((10u << 24) | (8u << 16) | (i + 2));
            ApplicationContainer app = vpn.InstallClient(st.clients.Get(i),
                                                         clientWan[i],
                                                         headendWan,
                                                         inner,
                                                         "255.255.0.0");
            app.Get(0)->SetStartTime(Seconds(0.1 + 0.001 * i));
            endpoints.Add(app);
            VpnHelper::AddRouteThroughTunnel(st.clients.Get(i), "192.168.10.0", "255.255.255.0");
            st.tunnels.push_back(DynamicCast<VpnTunnelEndpoint>(app.Get(0)));
        }
        VpnHelper::AssignStreams(endpoints, 10);
    }

    // When the headend gave up a session: who detects a failure first, and how much later the
    // other end does (the client's time is firstFailure).
    if (st.headendTunnel)
    {
        st.headendTunnel->TraceConnectWithoutContext(
            "SessionStateChange",
            MakeBoundCallback(
                +[](State* s,
                    Ipv4Address,
                    VpnTunnelEndpoint::State,
                    VpnTunnelEndpoint::State to,
                    const std::string&) {
                    if (to == VpnTunnelEndpoint::FAILED && s->headendFailure < 0)
                    {
                        s->headendFailure = Simulator::Now().GetSeconds();
                    }
                },
                &st));
    }

    // Availability bookkeeping from the client tunnels' state traces.
    st.firstUp.assign(n, -1);
    st.upSince.assign(n, -1);
    st.upTime.assign(n, 0);
    st.doneAt.assign(n, -1);
    st.pingReplies.assign(n, 0);
    st.lastProgress.assign(n, -1);
    st.lastBin.assign(n, -1);
    st.progressBins.assign(n, 0);
    st.stallAt.assign(n, -1);
    st.stallFailedAt.assign(n, -1);
    st.wanLost.assign(n, 0);
    st.outerCwnd.assign(n, -1);
    st.outerRttMs.assign(n, -1);
    st.sampledRx.assign(n, 0);
    st.startAt.assign(n, WORKLOAD_START);
    for (uint32_t i = 0; i < st.tunnels.size(); ++i)
    {
        st.tunnels[i]->TraceConnectWithoutContext(
            "StateChange",
            MakeBoundCallback(
                +[](std::pair<State*, uint32_t> ctx,
                    VpnTunnelEndpoint::State,
                    VpnTunnelEndpoint::State to,
                    const std::string&) {
                    State& s = *ctx.first;
                    const uint32_t k = ctx.second;
                    const double now = Simulator::Now().GetSeconds();
                    if (to == VpnTunnelEndpoint::FAILED && s.firstFailure < 0)
                    {
                        s.firstFailure = now;
                    }
                    // A failure ends the data's first stall, however short: the data had
                    // stopped at its last progress, and the tunnel is declared dead now.
                    if (to == VpnTunnelEndpoint::FAILED && s.stallAt[k] < 0 &&
                        now >= s.startAt[k] && s.doneAt[k] < 0)
                    {
                        s.stallAt[k] = s.LastProgress(k);
                        s.stallFailedAt[k] = now;
                    }
                    if (to == VpnTunnelEndpoint::UP)
                    {
                        s.upSince[k] = now;
                        if (s.firstUp[k] < 0)
                        {
                            s.firstUp[k] = now;
                        }
                    }
                    else if (s.upSince[k] >= 0)
                    {
                        s.upTime[k] += now - s.upSince[k];
                        s.upSince[k] = -1;
                    }
                },
                std::make_pair(&st, i)));
    }

    // Workloads, client -> server. One sink for all clients: ns-3's demultiplexer scans every
    // endpoint of a node per packet, so a sink per client would make the server's cost grow with
    // the number of clients. Bytes are attributed to clients by source address.
    st.rxBytes.assign(n, 0);
    const std::string factory =
        (c.workload == "bulk") ? "ns3::TcpSocketFactory" : "ns3::UdpSocketFactory";
    if (c.workload != "ping")
    {
        PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), INNER_PORT));
        st.sink = DynamicCast<PacketSink>(sinkHelper.Install(st.server).Get(0));
        for (uint32_t i = 0; i < n; ++i)
        {
            const Ipv4Address source =
                st.tunnels.empty() ? clientWan[i] : Ipv4Address((10u << 24) | (8u << 16) | (i + 2));
            st.clientBySource[source.Get()] = i;
        }
        st.sink->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(
                +[](std::pair<State*, uint64_t> ctx, Ptr<const Packet> p, const Address& from) {
                    State& s = *ctx.first;
                    auto it =
                        s.clientBySource.find(InetSocketAddress::ConvertFrom(from).GetIpv4().Get());
                    if (it == s.clientBySource.end())
                    {
                        return;
                    }
                    const uint32_t k = it->second;
                    s.rxBytes[k] += p->GetSize();
                    s.Progress(k);
                    if (ctx.second > 0 && s.doneAt[k] < 0 && s.rxBytes[k] >= ctx.second)
                    {
                        s.doneAt[k] = Simulator::Now().GetSeconds() - s.startAt[k];
                    }
                },
                std::make_pair(&st, c.workload == "bulk" ? c.bytes : uint64_t(0))));
    }
    // Clients start within one second of each other: phase-locked clients would send in
    // bursts that overflow the core queues however fast the links are.
    Ptr<UniformRandomVariable> jitter = CreateObject<UniformRandomVariable>();
    jitter->SetStream(900);
    for (uint32_t i = 0; i < n; ++i)
    {
        st.startAt[i] = WORKLOAD_START + (n > 1 ? jitter->GetValue(0.0, 1.0) : 0.0);
        const Time start = Seconds(st.startAt[i]);
        if (c.workload == "ping" || c.probeInterval > 0)
        {
            // The ping workload: Size = packetSize every second. The probe: ping's own 56 data
            // bytes every probeInterval, beside the workload, for the RTT it meets.
            const bool probe = c.workload != "ping";
            ApplicationContainer app = compat::InstallPing(st.clients.Get(i),
                                                           serverAddress,
                                                           Seconds(probe ? c.probeInterval : 1.0),
                                                           Seconds(c.duration),
                                                           probe ? 56 : c.packetSize);
            app.Start(start);
            compat::ConnectPingRtt(app.Get(0),
                                   MakeBoundCallback(
                                       +[](std::pair<State*, uint32_t> ctx, Time rtt) {
                                           State& s = *ctx.first;
                                           ++s.pingReplies[ctx.second];
                                           s.rttMs.push_back(rtt.GetSeconds() * 1e3);
                                           if (!s.sink)
                                           {
                                               s.Progress(ctx.second); // the ping workload
                                           }
                                       },
                                       std::make_pair(&st, i)));
        }
        if (c.workload == "bulk")
        {
            // The client's bytes are split over its flows (the first takes the remainder);
            // one sink serves them all and counts by source address.
            for (uint32_t f = 0; f < c.flows; ++f)
            {
                const uint64_t share = c.bytes / c.flows + (f == 0 ? c.bytes % c.flows : 0);
                BulkSendHelper bulk(factory, InetSocketAddress(serverAddress, INNER_PORT));
                bulk.SetAttribute("MaxBytes", UintegerValue(share));
                bulk.Install(st.clients.Get(i)).Start(start);
            }
        }
        else if (c.workload == "cbr")
        {
            OnOffHelper cbr(factory, InetSocketAddress(serverAddress, INNER_PORT));
            cbr.SetConstantRate(DataRate(c.rate), c.packetSize);
            cbr.Install(st.clients.Get(i)).Start(start);
        }
    }

    // Internet-link counters.
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<NetDevice> d = st.internet[i].Get(end);
            d->TraceConnectWithoutContext("PhyTxEnd",
                                          MakeBoundCallback(
                                              +[](VpnScenarioMetrics* m, Ptr<const Packet> p) {
                                                  ++m->wanTxPackets;
                                                  m->wanTxBytes += p->GetSize();
                                              },
                                              &m_metrics));
            d->TraceConnectWithoutContext(
                "PhyRxDrop",
                MakeBoundCallback(
                    +[](std::pair<State*, uint32_t> ctx, Ptr<const Packet>) {
                        State& s = *ctx.first;
                        ++s.metrics->wanLostPackets;
                        ++s.wanLost[ctx.second];
                        if (s.metrics->firstLoss < 0)
                        {
                            s.metrics->firstLoss = Simulator::Now().GetSeconds();
                        }
                    },
                    std::make_pair(&st, i)));
        }
    }
    std::vector<Ptr<VpnTunnelEndpoint>> all = st.tunnels;
    if (st.headendTunnel)
    {
        all.push_back(st.headendTunnel);
    }
    for (const auto& t : all)
    {
        t->TraceConnectWithoutContext("InnerTx",
                                      MakeBoundCallback(
                                          +[](VpnScenarioMetrics* m, Ptr<const Packet> p) {
                                              m->innerTxBytes += p->GetSize();
                                          },
                                          &m_metrics));
    }
    if (st.asa)
    {
        st.asa->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](VpnScenarioMetrics* m,
                    Ptr<const Packet>,
                    const Ipv4Header&,
                    const std::string& reason) { ++m->fwDrops[reason]; },
                &m_metrics));
    }
    if (!c.pcap.empty())
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            std::ostringstream name;
            name << c.pcap << "-internet" << i << ".pcap";
            access.EnablePcap(name.str(), st.internet[i].Get(0), false, true);
        }
    }

    // A run shorter than dead-peer detection cannot show a stalled tunnel fail.
    if (!st.tunnels.empty())
    {
        const Time dead = st.tunnels[0]->GetDeadPeerTime();
        std::ostringstream text;
        if (dead.IsZero())
        {
            text << "dead-peer detection is off: a tunnel whose data stalls never fails "
                    "(stall_s still reports the stall)";
            Warn(text.str());
        }
        else if (c.duration < WORKLOAD_START + dead.GetSeconds())
        {
            text << "duration " << c.duration << " s is shorter than the workload's start ("
                 << WORKLOAD_START << " s) plus dead-peer detection (" << dead.GetSeconds()
                 << " s): a tunnel whose data stalls cannot fail within the run (stall_s still "
                    "reports the stall)";
            Warn(text.str());
        }
    }

    if (!c.timeseries.empty())
    {
        ConnectTimeseries();
    }
}

void
VpnScenario::ConnectTimeseries()
{
    State& st = *m_state;
    const VpnScenarioConfig& c = m_config;
    st.timeseries.open(c.timeseries, std::ios::out | std::ios::trunc);
    NS_ABORT_MSG_IF(!st.timeseries, "cannot write " << c.timeseries); // Validate checked it
    st.timeseries << "time_s,client,tunnel_state,inner_rx_bytes,inner_goodput_bps,"
                     "outer_cwnd_bytes,outer_rtt_ms,fw_held,fw_dropped,wan_lost\n";
    // The TCP carriers' outer congestion window and RTT (ns-3's "RTT" trace: the last sample
    // on ns-3.37, the smoothed RTT from ns-3.40), from each connection the client opens.
    for (uint32_t i = 0; i < st.tunnels.size(); ++i)
    {
        Ptr<TcpStreamCarrier> carrier = DynamicCast<TcpStreamCarrier>(st.tunnels[i]->GetCarrier());
        if (!carrier)
        {
            continue;
        }
        carrier->TraceConnectWithoutContext(
            "Connection",
            MakeBoundCallback(
                +[](std::tuple<State*, uint32_t, TcpStreamCarrier*> ctx,
                    uint32_t peer,
                    Ipv4Address,
                    const std::string& event) {
                    auto [s, k, tcp] = ctx;
                    s->outerCwnd[k] = -1;
                    s->outerRttMs[k] = -1;
                    Ptr<Socket> socket = tcp->GetSocket(peer);
                    if (event != "connected" || !socket)
                    {
                        return;
                    }
                    socket->TraceConnectWithoutContext(
                        "CongestionWindow",
                        MakeBoundCallback(
                            +[](std::pair<State*, uint32_t> c2, uint32_t, uint32_t cwnd) {
                                c2.first->outerCwnd[c2.second] = cwnd;
                            },
                            std::make_pair(s, k)));
                    socket->TraceConnectWithoutContext(
                        "RTT",
                        MakeBoundCallback(
                            +[](std::pair<State*, uint32_t> c2, Time, Time rtt) {
                                c2.first->outerRttMs[c2.second] = rtt.GetSeconds() * 1e3;
                            },
                            std::make_pair(s, k)));
                },
                std::make_tuple(&st, i, PeekPointer(carrier))));
    }
    Simulator::Schedule(Seconds(c.timeseriesInterval), &VpnScenario::Sample, this);
}

void
VpnScenario::Sample()
{
    State& st = *m_state;
    const VpnScenarioConfig& c = m_config;
    const double now = Simulator::Now().GetSeconds();
    const double span = now - st.lastSample;
    // A value that does not apply is an empty field.
    auto field = [](double value, bool applies) {
        if (!applies)
        {
            return std::string();
        }
        char text[32];
        std::snprintf(text, sizeof(text), "%.6g", value);
        return std::string(text);
    };
    for (uint32_t k = 0; k < c.clients; ++k)
    {
        const uint64_t rx = st.InnerRx(k, c);
        st.timeseries << field(now, true) << ',' << k << ','
                      << (st.tunnels.empty()
                              ? std::string("none")
                              : VpnTunnelEndpoint::StateName(st.tunnels[k]->GetState()))
                      << ',' << rx << ',' << field((rx - st.sampledRx[k]) * 8.0 / span, span > 0)
                      << ',' << field(st.outerCwnd[k], st.outerCwnd[k] >= 0) << ','
                      << field(st.outerRttMs[k], st.outerRttMs[k] >= 0) << ','
                      << field(st.asa ? st.asa->GetHeldNow() : 0, st.asa != nullptr) << ','
                      << field(st.asa ? st.asa->GetTotalDrops() : 0, st.asa != nullptr) << ','
                      << st.wanLost[k] << '\n';
        st.sampledRx[k] = rx;
    }
    st.lastSample = now;
    const double next = now + c.timeseriesInterval;
    if (next <= c.duration)
    {
        Simulator::Schedule(Seconds(c.timeseriesInterval), &VpnScenario::Sample, this);
    }
}

void
VpnScenario::Run()
{
    if (m_state->clients.GetN() == 0)
    {
        Build();
    }
    Simulator::Stop(Seconds(m_config.duration));
    Simulator::Run();
    Collect();
    Simulator::Destroy();
    RestoreDefaults();
    m_metrics.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_state->wallStart)
            .count();
}

void
VpnScenario::Collect()
{
    State& st = *m_state;
    VpnScenarioMetrics& m = m_metrics;
    const double end = m_config.duration;
    double availability = 0;
    for (uint32_t i = 0; i < st.tunnels.size(); ++i)
    {
        m.tunnelFailures += st.tunnels[i]->GetFailureCount();
        m.reconnects += st.tunnels[i]->GetReconnectCount();
        if (st.upSince[i] >= 0)
        {
            st.upTime[i] += end - st.upSince[i];
            st.upSince[i] = -1;
        }
        // A tunnel never established was never available.
        availability += (st.firstUp[i] < 0) ? 0.0 : st.upTime[i] / (end - st.firstUp[i]);
    }
    m.availability = st.tunnels.empty() ? 1.0 : availability / st.tunnels.size();

    // The inner data: the share of bins in which it made progress while it had data to send,
    // and its first stall for good: a failure ended it (Build's state trace), or it lasted to
    // the end for stallThreshold or more.
    double dataAvailability = 0;
    uint32_t active = 0;
    int32_t first = -1;
    for (uint32_t k = 0; k < m_config.clients; ++k)
    {
        const double until = st.doneAt[k] >= 0 ? st.startAt[k] + st.doneAt[k] : end;
        const double bins = std::ceil((until - st.startAt[k]) / st.progressInterval - 1e-9);
        if (bins >= 1)
        {
            dataAvailability += std::min<double>(st.progressBins[k], bins) / bins;
            ++active;
        }
        if (st.stallAt[k] < 0 && st.doneAt[k] < 0 &&
            end - st.LastProgress(k) >= m_config.stallThreshold)
        {
            st.stallAt[k] = st.LastProgress(k);
        }
        if (st.stallAt[k] >= 0 && (first < 0 || st.stallAt[k] < st.stallAt[first]))
        {
            first = k;
        }
    }
    m.dataAvailability = active == 0 ? 1.0 : dataAvailability / active;
    if (first >= 0)
    {
        m.stall = st.stallAt[first];
        m.detection = st.stallFailedAt[first] < 0 ? -1 : st.stallFailedAt[first] - m.stall;
    }
    if (st.timeseries.is_open())
    {
        if (st.lastSample < end - 1e-9)
        {
            Sample(); // the last row, at the end (Stop comes before a sample due then)
        }
        st.timeseries.close();
    }
    m.firstFailure = st.firstFailure;
    m.headendFailure = st.headendFailure;
    m.innerRxBytes = st.sink ? st.sink->GetTotalRx() : 0;
    for (uint32_t i = 0; i < st.pingReplies.size() && m_config.workload == "ping"; ++i)
    {
        m.innerRxBytes += st.InnerRx(i, m_config);
    }
    m.innerGoodputBps = m.innerRxBytes * 8.0 / (end - WORKLOAD_START);
    m.rttSamples = st.rttMs.size();
    if (!st.rttMs.empty())
    {
        std::sort(st.rttMs.begin(), st.rttMs.end());
        m.rttMedianMs = gsl_stats_median_from_sorted_data(st.rttMs.data(), 1, st.rttMs.size());
        m.rttP95Ms = gsl_stats_quantile_from_sorted_data(st.rttMs.data(), 1, st.rttMs.size(), 0.95);
    }
    if (m_config.workload == "bulk" && m_config.bytes > 0)
    {
        const bool all =
            std::all_of(st.doneAt.begin(), st.doneAt.end(), [](double t) { return t >= 0; });
        m.completion = all ? *std::max_element(st.doneAt.begin(), st.doneAt.end()) : -1;
    }
    m.simEvents = Simulator::GetEventCount();
}

} // namespace ns3
