/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-soak-monitor.h"

#include "counting-scheduler.h"
#include "vpn-scenario.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/stateful-firewall.h"
#include "ns3/vpn-tunnel-endpoint.h"

#include <fstream>
#include <sstream>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnSoakMonitor");

NS_OBJECT_ENSURE_REGISTERED(VpnSoakMonitor);

TypeId
VpnSoakMonitor::GetTypeId()
{
    static TypeId tid = TypeId("ns3::VpnSoakMonitor")
                            .SetParent<Object>()
                            .SetGroupName("Vpn")
                            .AddConstructor<VpnSoakMonitor>();
    return tid;
}

VpnSoakMonitor::VpnSoakMonitor()
{
    NS_LOG_FUNCTION(this);
}

VpnSoakMonitor::~VpnSoakMonitor() = default;

void
VpnSoakMonitor::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Simulator::Remove(m_next);
    Simulator::Remove(m_last);
    m_scenario = nullptr;
    m_csv = nullptr;
    Object::DoDispose();
}

VpnScenarioConfig
VpnSoakMonitor::SoakConfig()
{
    VpnScenarioConfig c;
    c.transport = "ctcp";
    c.firewall = "inspect";
    c.lossModel = "bernoulli";
    c.loss = 0.01;
    c.workload = "cbr";
    c.rate = "8kbps";
    c.clients = 1000;
    c.duration = 3600;
    c.reconnect = true;
    return c;
}

void
VpnSoakMonitor::Watch(Ptr<VpnScenario> scenario)
{
    NS_LOG_FUNCTION(this << scenario);
    m_scenario = scenario;
}

void
VpnSoakMonitor::Start(Time interval, Time until, std::ostream* csv)
{
    NS_LOG_FUNCTION(this << interval << until);
    NS_ABORT_MSG_IF(!interval.IsStrictlyPositive(), "VpnSoakMonitor: the interval must be > 0");
    m_interval = interval;
    m_until = until;
    m_csv = csv;
    m_wall0 = std::chrono::steady_clock::now();
    if (m_csv)
    {
        *m_csv << CsvHeader() << '\n' << std::flush;
    }
    const Time now = Simulator::Now();
    m_last = Simulator::Schedule(until - now, &VpnSoakMonitor::Sample, this);
    if (now + interval < until)
    {
        m_next = Simulator::Schedule(interval, &VpnSoakMonitor::Sample, this);
    }
}

void
VpnSoakMonitor::Sample()
{
    VpnSoakSample s;
    s.time = Simulator::Now().GetSeconds();
    s.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_wall0).count();
    ReadMemory(s.peakRssKb, s.rssKb);
    // The event running now has left the list; of the monitor's, only the last can be queued.
    const uint64_t own = m_last.IsExpired() ? 0 : 1;
    const uint64_t pending = CountingScheduler::GetPendingCount();
    s.pendingEvents = pending >= own ? pending - own : 0;
    if (m_scenario)
    {
        if (Ptr<StatefulFirewall> fw = m_scenario->GetFirewall())
        {
            s.tableSize = fw->GetConnectionCount();
            s.held = fw->GetHeldNow();
            s.fwDrops = fw->GetTotalDrops();
        }
        if (Ptr<VpnTunnelEndpoint> headend = m_scenario->GetHeadendTunnel())
        {
            s.sessions = headend->GetSessionCount();
        }
        for (uint32_t i = 0; i < m_scenario->GetConfig().clients; ++i)
        {
            if (Ptr<VpnTunnelEndpoint> client = m_scenario->GetClientTunnel(i))
            {
                s.failures += client->GetFailureCount();
                s.reconnects += client->GetReconnectCount();
            }
        }
    }
    m_samples.push_back(s);
    if (m_csv)
    {
        *m_csv << ToCsv(s) << '\n' << std::flush;
    }
    const Time next = Simulator::Now() + m_interval;
    if (next < m_until)
    {
        m_next = Simulator::Schedule(m_interval, &VpnSoakMonitor::Sample, this);
    }
}

const std::vector<VpnSoakSample>&
VpnSoakMonitor::GetSamples() const
{
    return m_samples;
}

const VpnSoakSample*
VpnSoakMonitor::GetSampleAt(Time t) const
{
    for (const auto& s : m_samples)
    {
        if (Seconds(s.time) == t)
        {
            return &s;
        }
    }
    return nullptr;
}

std::string
VpnSoakMonitor::CsvHeader()
{
    return "time_s,wall_s,peak_rss_kb,rss_kb,fw_table,fw_held,fw_drops,headend_sessions,"
           "failures,reconnects,pending_events";
}

std::string
VpnSoakMonitor::ToCsv(const VpnSoakSample& s)
{
    std::ostringstream os;
    os << s.time << ',' << s.wallSeconds << ',' << s.peakRssKb << ',' << s.rssKb << ','
       << s.tableSize << ',' << s.held << ',' << s.fwDrops << ',' << s.sessions << ',' << s.failures
       << ',' << s.reconnects << ',' << s.pendingEvents;
    return os.str();
}

bool
VpnSoakMonitor::ReadMemory(uint64_t& peakKb, uint64_t& rssKb)
{
    peakKb = 0;
    rssKb = 0;
    std::ifstream status("/proc/self/status");
    std::string line;
    bool peak = false;
    bool rss = false;
    while (std::getline(status, line))
    {
        std::istringstream fields(line);
        std::string key;
        fields >> key;
        if (key == "VmHWM:")
        {
            peak = static_cast<bool>(fields >> peakKb);
        }
        else if (key == "VmRSS:")
        {
            rss = static_cast<bool>(fields >> rssKb);
        }
    }
    return peak && rss;
}

} // namespace ns3
