/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ipsec-control-plane.h"

#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecControlPlane");

NS_OBJECT_ENSURE_REGISTERED(IpsecControlPlane);

TypeId
IpsecControlPlane::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecControlPlane").SetParent<EspDataPlane>().SetGroupName("Vpn");
    return tid;
}

void
IpsecControlPlane::AddEndpointAttributes(TypeId& tid)
{
    tid.AddAttribute("IkeRetransmitTimeout",
                     "First retransmission timeout of an IKE message awaiting its answer (IKEv2: "
                     "a request; IKEv1: the last message of the side that waits for the next).",
                     TimeValue(Seconds(2)),
                     MakeTimeAccessor(&VpnTunnelEndpoint::m_ikeRto),
                     MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("IkeRetransmitBackoff",
                      "Factor applied to the timeout at each retransmission (RFC 7296 "
                      "section 2.1 asks for exponential back-off).",
                      DoubleValue(2.0),
                      MakeDoubleAccessor(&VpnTunnelEndpoint::m_ikeBackoff),
                      MakeDoubleChecker<double>(1.0, 10.0))
        .AddAttribute("IkeRetransmitLimit",
                      "Retransmissions of an IKE message before the attempt fails.",
                      UintegerValue(4),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_ikeRetries),
                      MakeUintegerChecker<uint32_t>())
        .AddAttribute("DpdInterval",
                      "Idle time (nothing received from the peer) before an R-U-THERE; "
                      "0 disables DPD. Cisco: crypto isakmp keepalive default 30 s? "
                      "(assumption: 30 s, a common setting).",
                      TimeValue(Seconds(30)),
                      MakeTimeAccessor(&VpnTunnelEndpoint::m_dpdInterval),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("DpdRetryInterval",
                      "Time between unanswered R-U-THERE repeats (Cisco retry 2-10 s; 5 s).",
                      TimeValue(Seconds(5)),
                      MakeTimeAccessor(&VpnTunnelEndpoint::m_dpdRetryInterval),
                      MakeTimeChecker(MilliSeconds(1)))
        .AddAttribute("DpdRetries",
                      "Unanswered R-U-THERE repeats before the peer is declared dead.",
                      UintegerValue(3),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_dpdRetries),
                      MakeUintegerChecker<uint32_t>());
}

IpsecControlPlane::IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

IpsecControlPlane::~IpsecControlPlane()
{
    NS_LOG_FUNCTION(this);
}

IpsecControlPlane::IkeSa&
IpsecControlPlane::Sa(VpnTunnelSession& s)
{
    return static_cast<IkeSa&>(*s.control);
}

const IpsecControlPlane::IkeSa&
IpsecControlPlane::Sa(const VpnTunnelSession& s)
{
    return static_cast<const IkeSa&>(*s.control);
}

bool
IpsecControlPlane::IsEstablishing(const VpnTunnelSession& s) const
{
    return Sa(s).pending != nullptr;
}

VpnTunnelSession*
IpsecControlPlane::FindByIkeSpi(uint64_t ikeSpi)
{
    auto found = m_byIkeSpi.find(ikeSpi);
    return found == m_byIkeSpi.end() ? nullptr : Endpoint().FindSession(found->second);
}

void
IpsecControlPlane::RegisterIkeSa(VpnTunnelSession& s)
{
    m_byIkeSpi[Sa(s).ikeSpiI] = s.id;
}

uint64_t
IpsecControlPlane::NewIkeSpi()
{
    Ptr<UniformRandomVariable> rng = Endpoint().m_rng;
    const uint64_t high = rng->GetInteger(1, 0xffffffffU);
    const uint64_t low = rng->GetInteger(0, 0xffffffffU);
    return (high << 32) | low;
}

void
IpsecControlPlane::SendAwaiting(VpnTunnelSession& s, Ptr<Packet> wire, bool initial)
{
    NS_LOG_FUNCTION(this << s.id << wire->GetSize());
    IkeSa& sa = Sa(s);
    sa.pending = wire;
    sa.pendingInitial = initial;
    SendOnce(s, wire->Copy(), initial);
    RestartAwaiting(s);
}

void
IpsecControlPlane::RestartAwaiting(VpnTunnelSession& s)
{
    IkeSa& sa = Sa(s);
    sa.retransmits = 0;
    sa.rto = Endpoint().m_ikeRto;
    sa.retransmitEvent.Cancel();
    if (sa.pending)
    {
        sa.retransmitEvent =
            Simulator::Schedule(sa.rto, &IpsecControlPlane::Retransmit, this, s.id);
    }
}

void
IpsecControlPlane::StopAwaiting(VpnTunnelSession& s)
{
    IkeSa& sa = Sa(s);
    sa.pending = nullptr;
    sa.retransmitEvent.Cancel();
}

void
IpsecControlPlane::SendOnce(VpnTunnelSession& s, Ptr<Packet> wire, bool initial)
{
    Endpoint().m_carrier->SendControl(s.peer, wire, initial);
}

void
IpsecControlPlane::KeepAnswer(VpnTunnelSession& s, uint32_t key, Ptr<const Packet> wire)
{
    Sa(s).answers[key].push_back(wire->Copy());
}

bool
IpsecControlPlane::ResendAnswer(VpnTunnelSession& s, uint32_t key, bool initial)
{
    const IkeSa& sa = Sa(s);
    auto answered = sa.answers.find(key);
    if (answered == sa.answers.end())
    {
        return false;
    }
    for (const Ptr<Packet>& wire : answered->second)
    {
        SendOnce(s, wire->Copy(), initial);
    }
    return true;
}

void
IpsecControlPlane::Retransmit(uint32_t id)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    VpnTunnelSession* s = endpoint.FindSession(id);
    if (!s || !Sa(*s).pending)
    {
        return;
    }
    IkeSa& sa = Sa(*s);
    if (sa.retransmits >= endpoint.m_ikeRetries)
    {
        endpoint.Fail(*s, "ike-timeout");
        return;
    }
    ++sa.retransmits;
    sa.rto = Seconds(sa.rto.GetSeconds() * endpoint.m_ikeBackoff);
    NS_LOG_LOGIC("IKE retransmission " << sa.retransmits << ", next timeout " << sa.rto);
    SendOnce(*s, sa.pending->Copy(), sa.pendingInitial);
    sa.retransmitEvent = Simulator::Schedule(sa.rto, &IpsecControlPlane::Retransmit, this, id);
}

void
IpsecControlPlane::EspReceived(VpnTunnelSession& s)
{
    if (Sa(s).dpdProbes > 0)
    {
        PeerAlive(s);
    }
}

void
IpsecControlPlane::PeerAlive(VpnTunnelSession& s)
{
    Sa(s).dpdProbes = 0;
    ArmDpd(s);
}

void
IpsecControlPlane::ArmDpd(VpnTunnelSession& s)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    IkeSa& sa = Sa(s);
    sa.dpdEvent.Cancel();
    if (endpoint.m_dpdInterval.IsZero() || s.state != VpnTunnelEndpoint::UP)
    {
        return;
    }
    const Time due = s.lastRx + endpoint.m_dpdInterval;
    const Time wait = due > Simulator::Now() ? due - Simulator::Now() : Time(0);
    sa.dpdEvent = Simulator::Schedule(wait, &IpsecControlPlane::DpdCheck, this, s.id);
}

void
IpsecControlPlane::DpdCheck(uint32_t id)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    VpnTunnelSession* found = endpoint.FindSession(id);
    if (!found || found->state != VpnTunnelEndpoint::UP)
    {
        return;
    }
    VpnTunnelSession& s = *found;
    IkeSa& sa = Sa(s);
    const Time idle = Simulator::Now() - s.lastRx;
    if (sa.dpdProbes == 0 && idle < endpoint.m_dpdInterval)
    {
        ArmDpd(s); // traffic arrived since the timer was set
        return;
    }
    if (sa.dpdProbes > endpoint.m_dpdRetries)
    {
        endpoint.Fail(s, "dpd-timeout");
        return;
    }
    ++sa.dpdProbes;
    endpoint.NotifyDpdProbe(sa.dpdProbes);
    SendDpdProbe(s);
    sa.dpdEvent =
        Simulator::Schedule(endpoint.m_dpdRetryInterval, &IpsecControlPlane::DpdCheck, this, id);
}

void
IpsecControlPlane::Teardown(VpnTunnelSession& s)
{
    IkeSa& sa = Sa(s);
    sa.dpdEvent.Cancel();
    StopAwaiting(s);
    EspDataPlane::Teardown(s);
    m_byIkeSpi.erase(sa.ikeSpiI);
    // A reconnect starts a fresh IKE SA: no old answers, no probes outstanding.
    sa.answers.clear();
    sa.dpdProbes = 0;
}

void
IpsecControlPlane::Clear()
{
    EspDataPlane::Clear();
    m_byIkeSpi.clear();
}

Time
IpsecControlPlane::GetDeadPeerTime() const
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    if (endpoint.m_dpdInterval.IsZero())
    {
        return Time(0);
    }
    return endpoint.m_dpdInterval + endpoint.m_dpdRetryInterval * (endpoint.m_dpdRetries + 1);
}

} // namespace ns3
