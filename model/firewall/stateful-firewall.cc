/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "stateful-firewall.h"

#include "firewall-show.h"
#include "firewall-tcp-proxy.h"
#include "firewall-tcp-tracker.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/global-value.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StatefulFirewall");

NS_OBJECT_ENSURE_REGISTERED(StatefulFirewall);

namespace
{

constexpr uint8_t TCP_PROTOCOL = 6;  //!< IP protocol number of TCP
constexpr uint8_t UDP_PROTOCOL = 17; //!< IP protocol number of UDP
constexpr uint8_t ESP_PROTOCOL = 50; //!< IP protocol number of ESP
constexpr uint8_t ICMP_PROTOCOL = 1; //!< IP protocol number of ICMP

} // namespace

TypeId
StatefulFirewall::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::StatefulFirewall")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Vpn")
            .AddConstructor<StatefulFirewall>()
            .AddAttribute("DefaultAction",
                          "Action for connections that match no policy class. The ASA's default "
                          "global policy tracks TCP statefully and inspects some protocols; "
                          "inspect, bypass and proxy are chosen per class.",
                          EnumValue(static_cast<int>(FirewallAction::STATEFUL)),
                          compat::MakeEnumAccessor<int>(&StatefulFirewall::SetDefaultActionValue,
                                                        &StatefulFirewall::GetDefaultActionValue),
                          MakeEnumChecker(static_cast<int>(FirewallAction::INSPECT),
                                          "inspect",
                                          static_cast<int>(FirewallAction::STATEFUL),
                                          "stateful",
                                          static_cast<int>(FirewallAction::BYPASS),
                                          "bypass"))
            .AddAttribute("QueueLimit",
                          "tcp-map queue-limit (ASA CLI configuration guide, Connection "
                          "Settings): 0 (default) queues out-of-order packets for inspected "
                          "connections only (3 packets, then as QueueFollowsWindow says) and "
                          "passes other TCP untouched; 1-250 applies the normalizer with that "
                          "fixed limit to all TCP.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&StatefulFirewall::m_queueLimit),
                          MakeUintegerChecker<uint32_t>(0, FirewallPolicy::MAX_QUEUE_LIMIT))
            .AddAttribute("QueueFollowsWindow",
                          "With queue-limit 0, an inspected connection's queue starts at 3 "
                          "packets and, whenever a packet advertises a different window, holds "
                          "window / MSS packets (1-250) of the segments sent to its sender, as "
                          "the ASA guide says (\"the queue limit is dynamically changed to "
                          "match the advertised setting\"; the conversion to packets by the "
                          "receiver's MSS is an assumption). false: 3 packets fixed.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&StatefulFirewall::m_queueFollowsWindow),
                          MakeBooleanChecker())
            .AddAttribute("Timeout",
                          "tcp-map queue-limit timeout: how long an out-of-order packet may be "
                          "held before it is dropped as tcp-buffer-timeout (1-20 s, default 4). "
                          "As on the ASA, it takes effect only where a queue limit of 1-250 is "
                          "set (here or in the class); with queue-limit 0 the queue times out "
                          "at 4 s.",
                          TimeValue(Seconds(FirewallPolicy::DEFAULT_QUEUE_TIMEOUT_S)),
                          MakeTimeAccessor(&StatefulFirewall::m_queueTimeout),
                          MakeTimeChecker(Seconds(1), Seconds(20)))
            .AddAttribute(
                "DupAcks",
                "Answer each segment queued after a hole with a duplicate ACK to the "
                "sender on behalf of the receiver (the ASA's TCP proxy behaviour).",
                BooleanValue(true),
                MakeBooleanAccessor(&StatefulFirewall::SetDupAcks, &StatefulFirewall::GetDupAcks),
                MakeBooleanChecker())
            .AddAttribute("DupAckSack",
                          "Put SACK blocks for the held segments in the dup ACKs (RFC 2018). Off "
                          "by default: whether the ASA does is undocumented, and ns-3.37's sender "
                          "(SACK recovery, then a partial ACK, then an RTO) stalls for good when "
                          "SACKed-looking data is then dropped as tcp-buffer-full (see doc, "
                          "Firewall scope and limitations). ns-3 senders ignore a pure ACK "
                          "without SACK blocks as a duplicate; the ACKs still show in a pcap.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&StatefulFirewall::SetDupAckSack,
                                              &StatefulFirewall::GetDupAckSack),
                          MakeBooleanChecker())
            .AddAttribute("TcpIdleTimeout",
                          "timeout conn: idle timeout of an established TCP connection.",
                          TimeValue(Hours(1)),
                          MakeTimeAccessor(&StatefulFirewall::m_tcpIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("HalfClosedTimeout",
                          "timeout half-closed: idle timeout once one side has sent a FIN.",
                          TimeValue(Minutes(10)),
                          MakeTimeAccessor(&StatefulFirewall::m_halfClosedIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("EmbryonicTimeout",
                          "timeout embryonic: a TCP connection whose handshake is not complete.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&StatefulFirewall::m_embryonicIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("UdpIdleTimeout",
                          "timeout udp: idle timeout of a UDP flow.",
                          TimeValue(Minutes(2)),
                          MakeTimeAccessor(&StatefulFirewall::m_udpIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("EspIdleTimeout",
                          "Idle timeout of an ESP security association: 30 s, the ASA's "
                          "default for esp (Cisco, \"Configure Connection Timeout for Specific "
                          "Application\", document 222075: \"The default esp and ha idle "
                          "timeout is 30 seconds\").",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&StatefulFirewall::m_espIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("IcmpIdleTimeout",
                          "timeout icmp: idle timeout of an ICMP echo flow.",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&StatefulFirewall::m_icmpIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("BypassIdleTimeout",
                          "Idle timeout of a tcp-state-bypass connection: its class's set "
                          "connection timeout idle, whose default is 1:0:0 (ASA CLI "
                          "configuration guide, Connection Settings: \"The idle hh:mm:ss "
                          "keyword sets the idle timeout ... The default is 1:0:0\").",
                          TimeValue(Hours(1)),
                          MakeTimeAccessor(&StatefulFirewall::m_bypassIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddTraceSource("Drop",
                            "A packet was dropped; the reason is its show asp drop keyword.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_dropTrace),
                            "ns3::StatefulFirewall::DropTracedCallback")
            .AddTraceSource("ConnectionCreated",
                            "A connection entered the table.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_connCreatedTrace),
                            "ns3::StatefulFirewall::ConnectionTracedCallback")
            .AddTraceSource("ConnectionTeardown",
                            "A connection left the table, with the reason.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_connTeardownTrace),
                            "ns3::StatefulFirewall::ConnectionTracedCallback")
            .AddTraceSource("DupAck",
                            "The normalizer sent a duplicate ACK on behalf of a receiver.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_dupAckTrace),
                            "ns3::StatefulFirewall::PacketTracedCallback")
            .AddTraceSource("Hold",
                            "The normalizer queued a segment that came after a hole.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_holdTrace),
                            "ns3::StatefulFirewall::PacketTracedCallback")
            .AddTraceSource("Release",
                            "The normalizer forwarded a segment it had held.",
                            MakeTraceSourceAccessor(&StatefulFirewall::m_releaseTrace),
                            "ns3::StatefulFirewall::PacketTracedCallback");
    return tid;
}

StatefulFirewall::StatefulFirewall()
    : m_inspector(m_table),
      m_releasing(false),
      m_drops{},
      m_created(0),
      m_defaultAction(FirewallAction::STATEFUL),
      m_queueLimit(0),
      m_queueFollowsWindow(true)
{
    NS_LOG_FUNCTION(this);
    BooleanValue checksums;
    GlobalValue::GetValueByName("ChecksumEnabled", checksums);
    m_inspector.SetChecksums(checksums.Get());
}

StatefulFirewall::~StatefulFirewall()
{
    NS_LOG_FUNCTION(this);
}

void
StatefulFirewall::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_table.Clear();
    m_inspector.Dispose();
    if (m_proxy)
    {
        m_proxy->Dispose();
        m_proxy = nullptr;
    }
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
StatefulFirewall::SetDefaultActionValue(int action)
{
    m_defaultAction = static_cast<FirewallAction>(action);
}

int
StatefulFirewall::GetDefaultActionValue() const
{
    return static_cast<int>(m_defaultAction);
}

void
StatefulFirewall::SetDupAcks(bool enabled)
{
    m_inspector.SetDupAcks(enabled);
}

bool
StatefulFirewall::GetDupAcks() const
{
    return m_inspector.GetDupAcks();
}

void
StatefulFirewall::SetDupAckSack(bool enabled)
{
    m_inspector.SetDupAckSack(enabled);
}

bool
StatefulFirewall::GetDupAckSack() const
{
    return m_inspector.GetDupAckSack();
}

bool
StatefulFirewall::AddClass(const std::string& spec, std::string& error)
{
    if (m_policy.GetClasses().size() >= 65535)
    {
        error = "too many classes (65535 at most)";
        return false;
    }
    return m_policy.AddClass(spec, error);
}

const FirewallPolicy&
StatefulFirewall::GetPolicy() const
{
    return m_policy;
}

bool
StatefulFirewall::SetClassEnabled(const std::string& name, bool enabled, std::string& error)
{
    NS_LOG_FUNCTION(this << name << enabled);
    if (!m_policy.SetEnabled(name, enabled, error))
    {
        return false;
    }
    if (!enabled)
    {
        return true;
    }
    // clear conn: the connections whose first packet a deny class of this name now refuses.
    std::vector<FirewallFlowKey> cleared;
    m_table.ForEach([&](const FirewallConnection& c) {
        const bool ports = c.protocol != ICMP_PROTOCOL;
        const FirewallClass* cls = m_policy.Match(c.protocol,
                                                  c.initiator,
                                                  c.responder,
                                                  ports ? c.initiatorPort : 0,
                                                  ports ? c.responderPort : 0);
        if (cls && cls->name == name && cls->action == FirewallAction::DENY)
        {
            cleared.push_back(c.key);
        }
    });
    for (const auto& key : cleared)
    {
        RemoveConnection(key, "clear-conn");
    }
    return true;
}

uint64_t
StatefulFirewall::GetDropCount(FirewallDropReason reason) const
{
    return m_drops.at(static_cast<size_t>(reason));
}

uint64_t
StatefulFirewall::GetDropCount(const std::string& name) const
{
    for (size_t i = 0; i < m_drops.size(); ++i)
    {
        if (FirewallDropReasonName(static_cast<FirewallDropReason>(i)) == name)
        {
            return m_drops[i];
        }
    }
    return 0;
}

uint64_t
StatefulFirewall::GetTotalDrops() const
{
    uint64_t total = 0;
    for (auto n : m_drops)
    {
        total += n;
    }
    return total;
}

uint64_t
StatefulFirewall::GetDupAcksSent() const
{
    return m_inspector.GetDupAcksSent();
}

uint64_t
StatefulFirewall::GetHeldCount() const
{
    return m_inspector.GetHeldCount();
}

uint64_t
StatefulFirewall::GetHeldNow() const
{
    uint64_t held = 0;
    m_table.ForEach([&held](const FirewallConnection& c) { held += c.GetHeldSegments(); });
    return held;
}

size_t
StatefulFirewall::GetConnectionCount() const
{
    return m_table.GetSize();
}

uint64_t
StatefulFirewall::GetConnectionsCreated() const
{
    return m_created;
}

const FirewallConnectionTable&
StatefulFirewall::GetTable() const
{
    return m_table;
}

const FirewallConnection*
StatefulFirewall::FindConnection(uint8_t protocol,
                                 Ipv4Address source,
                                 Ipv4Address destination,
                                 uint16_t sourcePort,
                                 uint16_t destinationPort)
{
    return m_table.Find(
        FirewallFlowKey::Make(protocol, source, destination, sourcePort, destinationPort));
}

void
StatefulFirewall::PrintAspDrop(std::ostream& os) const
{
    PrintShowAspDrop(os, m_drops);
}

void
StatefulFirewall::PrintConn(std::ostream& os) const
{
    PrintShowConn(os, m_table, m_policy, m_created, Simulator::Now());
}

Ptr<Ipv4Route>
StatefulFirewall::RouteOutput(Ptr<Packet> /* p */,
                              const Ipv4Header& /* header */,
                              Ptr<NetDevice> /* oif */,
                              Socket::SocketErrno& /* sockerr */)
{
    // Never answer: Ipv4ListRouting goes on to the real routing protocols.
    return nullptr;
}

bool
StatefulFirewall::RouteInput(Ptr<const Packet> p,
                             const Ipv4Header& header,
                             Ptr<const NetDevice> idev,
                             compat::RoutingCallbackArg<UnicastForwardCallback> ucb,
                             compat::RoutingCallbackArg<MulticastForwardCallback> mcb,
                             compat::RoutingCallbackArg<LocalDeliverCallback> lcb,
                             compat::RoutingCallbackArg<ErrorCallback> ecb)
{
    if (m_releasing)
    {
        return false;
    }
    const Ipv4Address dst = header.GetDestination();
    if (dst.IsBroadcast() || dst.IsMulticast() || header.GetFragmentOffset() != 0 ||
        !header.IsLastFragment())
    {
        return false;
    }
    switch (header.GetProtocol())
    {
    case TCP_PROTOCOL:
        return HandleTcp(p, header, {idev, ucb, mcb, lcb, ecb});
    case UDP_PROTOCOL:
    case ESP_PROTOCOL:
    case ICMP_PROTOCOL:
        return HandleConnectionless(p, header);
    default:
        return false;
    }
}

bool
StatefulFirewall::HandleConnectionless(Ptr<const Packet> p, const Ipv4Header& header)
{
    uint8_t bytes[8] = {0};
    const uint8_t protocol = header.GetProtocol();
    uint16_t sport = 0;
    uint16_t dport = 0;
    if (protocol == ICMP_PROTOCOL)
    {
        // Only echo request (8) and reply (0) make flows; errors and the rest pass.
        if (p->CopyData(bytes, 8) < 8 || (bytes[0] != 8 && bytes[0] != 0))
        {
            return false;
        }
        // Key on the identifier for both directions.
        sport = static_cast<uint16_t>(bytes[4] << 8 | bytes[5]);
        dport = sport;
    }
    else
    {
        if (p->CopyData(bytes, 4) < 4)
        {
            return false;
        }
        sport = static_cast<uint16_t>(bytes[0] << 8 | bytes[1]);
        dport = static_cast<uint16_t>(bytes[2] << 8 | bytes[3]);
    }
    FirewallFlowKey key =
        FirewallFlowKey::Make(protocol, header.GetSource(), header.GetDestination(), sport, dport);
    FirewallConnection* conn = m_table.Find(key);
    if (!conn)
    {
        const FirewallClass* cls = m_policy.Match(protocol,
                                                  header.GetSource(),
                                                  header.GetDestination(),
                                                  protocol == ICMP_PROTOCOL ? 0 : sport,
                                                  protocol == ICMP_PROTOCOL ? 0 : dport);
        if (cls && cls->action == FirewallAction::DENY)
        {
            Drop(p, header, FirewallDropReason::ACL_DROP);
            return true;
        }
        conn =
            &Create(key, protocol, header, sport, dport, cls ? cls->action : m_defaultAction, cls);
    }
    conn->bytes += header.GetPayloadSize() + header.GetSerializedSize();
    Touch(*conn);
    return false;
}

uint32_t
StatefulFirewall::ConfiguredQueueLimit(const FirewallClass* cls) const
{
    return (cls && cls->queueLimit != 0) ? cls->queueLimit : m_queueLimit;
}

uint32_t
StatefulFirewall::QueueLimitFor(FirewallAction action, const FirewallClass* cls) const
{
    const uint32_t limit = ConfiguredQueueLimit(cls);
    if (limit != 0)
    {
        return limit;
    }
    return action == FirewallAction::INSPECT ? FirewallPolicy::DEFAULT_INSPECT_QUEUE_LIMIT : 0;
}

Time
StatefulFirewall::QueueTimeoutFor(const FirewallClass* cls) const
{
    if (ConfiguredQueueLimit(cls) == 0)
    {
        // "You cannot change the timeout for any traffic if the pkt_num argument is set to 0"
        // (ASA CLI configuration guide, Connection Settings, queue-limit).
        return Seconds(FirewallPolicy::DEFAULT_QUEUE_TIMEOUT_S);
    }
    return (cls && !cls->timeout.IsZero()) ? cls->timeout : m_queueTimeout;
}

bool
StatefulFirewall::OpenTcp(Ptr<const Packet> p,
                          const Ipv4Header& header,
                          const FirewallTcpInspector::Delivery& d,
                          const TcpSegmentView& seg,
                          const FirewallFlowKey& key)
{
    const uint16_t sport = seg.sourcePort;
    const uint16_t dport = seg.destinationPort;
    const FirewallClass* cls =
        m_policy.Match(TCP_PROTOCOL, header.GetSource(), header.GetDestination(), sport, dport);
    const FirewallAction action = cls ? cls->action : m_defaultAction;
    if (action == FirewallAction::DENY)
    {
        // The access-list comes before flow creation (packet-tracer's ACCESS-LIST phase
        // precedes FLOW-CREATION), so a denied non-SYN is acl-drop, not tcp-not-syn.
        Drop(p, header, FirewallDropReason::ACL_DROP);
        return true;
    }
    if (action != FirewallAction::BYPASS &&
        (seg.flags & (TcpSegmentView::SYN | TcpSegmentView::ACK | TcpSegmentView::RST |
                      TcpSegmentView::FIN)) != TcpSegmentView::SYN)
    {
        Drop(p, header, FirewallDropReason::TCP_NOT_SYN);
        return true;
    }
    FirewallConnection* conn = &Create(key, TCP_PROTOCOL, header, sport, dport, action, cls);
    conn->bytes += header.GetPayloadSize() + header.GetSerializedSize();
    if (action == FirewallAction::BYPASS)
    {
        Touch(*conn);
        return false;
    }
    conn->queueLimit = QueueLimitFor(action, cls);
    conn->queueFollowsWindow = m_queueFollowsWindow && ConfiguredQueueLimit(cls) == 0;
    conn->queueTimeout = QueueTimeoutFor(cls);
    FirewallTcpTracker::Open(*conn, seg, p);
    if (action == FirewallAction::PROXY)
    {
        conn->state = FirewallConnection::State::PROXIED;
        if (!m_proxy)
        {
            m_proxy = CreateObject<FirewallTcpProxy>();
            m_proxy->Setup(m_ipv4->GetObject<Node>(),
                           MakeCallback(&StatefulFirewall::RemoveConnection, this));
        }
        m_proxy->Listen(seg.destinationPort);
    }
    else
    {
        conn->state = FirewallConnection::State::EMBRYONIC;
    }
    Touch(*conn);
    if (action == FirewallAction::PROXY)
    {
        d.lcb(p, header, m_ipv4->GetInterfaceForDevice(d.idev));
        return true;
    }
    return false;
}

bool
StatefulFirewall::HandleTcp(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            const FirewallTcpInspector::Delivery& d)
{
    TcpSegmentView seg;
    if (!seg.Decode(p))
    {
        Drop(p, header, FirewallDropReason::INVALID_TCP_HDR_LENGTH);
        return true;
    }
    const FirewallFlowKey key = FirewallFlowKey::Make(TCP_PROTOCOL,
                                                      header.GetSource(),
                                                      header.GetDestination(),
                                                      seg.sourcePort,
                                                      seg.destinationPort);
    FirewallConnection* conn = m_table.Find(key);
    if (!conn)
    {
        return OpenTcp(p, header, d, seg, key);
    }
    conn->bytes += header.GetPayloadSize() + header.GetSerializedSize();
    if (conn->action == FirewallAction::BYPASS)
    {
        Touch(*conn);
        return false;
    }
    if (conn->state == FirewallConnection::State::PROXIED)
    {
        Touch(*conn);
        d.lcb(p, header, m_ipv4->GetInterfaceForDevice(d.idev));
        return true;
    }
    const FirewallDirection dir =
        (header.GetSource() == conn->initiator && seg.sourcePort == conn->initiatorPort)
            ? FirewallDirection::FROM_INITIATOR
            : FirewallDirection::FROM_RESPONDER;
    FirewallDropReason reason{};
    if (!FirewallTcpTracker::Track(*conn, dir, seg, p, reason))
    {
        Drop(p, header, reason);
        return true;
    }
    Touch(*conn);
    if (seg.flags & TcpSegmentView::RST)
    {
        RemoveConnection(key, "tcp-rst");
        return false;
    }
    bool consumed = false;
    if (conn->Normalizer(dir) && (seg.payload > 0 || (seg.flags & TcpSegmentView::FIN)))
    {
        consumed = m_inspector.Inspect(*conn, dir, seg, p, header, d);
    }
    if (conn->state == FirewallConnection::State::CLOSING && !(seg.flags & TcpSegmentView::FIN) &&
        (seg.flags & TcpSegmentView::ACK) && seg.ack == conn->Receiver(dir).end &&
        conn->Sender(dir).finSeen && !conn->HasHeldSegments())
    {
        // The last ACK of the close: both FINs sent and acknowledged.
        RemoveConnection(key, "tcp-fins");
    }
    return consumed;
}

void
StatefulFirewall::Release(const TcpNormalizer::Segment& s)
{
    NS_LOG_FUNCTION(this << s.seq);
    Ptr<Ipv4RoutingProtocol> routing = m_ipv4->GetRoutingProtocol();
    m_releasing = true;
    bool routed = routing->RouteInput(s.packet, s.header, s.idev, s.ucb, s.mcb, s.lcb, s.ecb);
    m_releasing = false;
    if (!routed)
    {
        s.ecb(s.packet, s.header, Socket::ERROR_NOROUTETOHOST);
    }
}

void
StatefulFirewall::HearInspector(FirewallTcpInspector::Notice notice,
                                Ptr<const Packet> packet,
                                const Ipv4Header& header)
{
    switch (notice)
    {
    case FirewallTcpInspector::Notice::HELD:
        m_holdTrace(packet, header);
        break;
    case FirewallTcpInspector::Notice::RELEASED:
        m_releaseTrace(packet, header);
        break;
    case FirewallTcpInspector::Notice::DUP_ACK:
        m_dupAckTrace(packet, header);
        break;
    }
}

void
StatefulFirewall::Drop(Ptr<const Packet> p, const Ipv4Header& header, FirewallDropReason reason)
{
    NS_LOG_INFO("drop " << FirewallDropReasonName(reason) << ' ' << header.GetSource() << " > "
                        << header.GetDestination());
    ++m_drops.at(static_cast<size_t>(reason));
    if (!m_dropTrace.IsEmpty())
    {
        m_dropTrace(p, header, FirewallDropReasonName(reason));
    }
}

FirewallConnection&
StatefulFirewall::Create(const FirewallFlowKey& key,
                         uint8_t protocol,
                         const Ipv4Header& header,
                         uint16_t sport,
                         uint16_t dport,
                         FirewallAction action,
                         const FirewallClass* cls)
{
    FirewallConnection& conn = m_table.Insert(key);
    conn.protocol = protocol;
    conn.action = action;
    conn.classIndex = cls ? static_cast<uint16_t>(cls - m_policy.GetClasses().data() + 1) : 0;
    conn.initiator = header.GetSource();
    conn.responder = header.GetDestination();
    conn.initiatorPort = sport;
    conn.responderPort = dport;
    conn.created = Simulator::Now();
    conn.lastSeen = conn.created;
    conn.state = FirewallConnection::State::OPEN;
    ++m_created;
    m_connCreatedTrace(conn, "created");
    return conn;
}

Time
StatefulFirewall::IdleTimeout(const FirewallConnection& conn) const
{
    using State = FirewallConnection::State;
    switch (conn.protocol)
    {
    case TCP_PROTOCOL:
        if (conn.action == FirewallAction::BYPASS)
        {
            return m_bypassIdle;
        }
        switch (conn.state)
        {
        case State::EMBRYONIC:
        case State::SYN_RECEIVED:
            return m_embryonicIdle;
        case State::HALF_CLOSED:
        case State::CLOSING:
            return m_halfClosedIdle;
        default:
            return m_tcpIdle;
        }
    case ESP_PROTOCOL:
        return m_espIdle;
    case ICMP_PROTOCOL:
        return m_icmpIdle;
    default:
        return m_udpIdle;
    }
}

void
StatefulFirewall::Touch(FirewallConnection& conn)
{
    conn.lastSeen = Simulator::Now();
    const Time deadline = conn.lastSeen + IdleTimeout(conn);
    // One pending check per entry: it only moves earlier here; Expire() pushes it later.
    if (!conn.expiry.IsExpired() && TimeStep(conn.expiry.GetTs()) <= deadline)
    {
        return;
    }
    Simulator::Remove(conn.expiry); // not Cancel(): that would leave it queued until its time
    conn.expiry =
        Simulator::Schedule(deadline - Simulator::Now(), &StatefulFirewall::Expire, this, conn.key);
}

void
StatefulFirewall::Expire(FirewallFlowKey key)
{
    FirewallConnection* conn = m_table.Find(key);
    if (!conn)
    {
        return;
    }
    const Time deadline = conn->lastSeen + IdleTimeout(*conn);
    if (deadline <= Simulator::Now())
    {
        RemoveConnection(key, "idle-timeout");
        return;
    }
    conn->expiry =
        Simulator::Schedule(deadline - Simulator::Now(), &StatefulFirewall::Expire, this, key);
}

void
StatefulFirewall::RemoveConnection(const FirewallFlowKey& key, const std::string& why)
{
    FirewallConnection* conn = m_table.Find(key);
    if (!conn)
    {
        return;
    }
    NS_LOG_INFO("teardown " << conn->initiator << ':' << conn->initiatorPort << " " << why);
    m_connTeardownTrace(*conn, why);
    m_table.Erase(key);
}

void
StatefulFirewall::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
StatefulFirewall::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
StatefulFirewall::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
StatefulFirewall::NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
StatefulFirewall::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
    m_inspector.Setup(ipv4,
                      MakeCallback(&StatefulFirewall::Release, this),
                      MakeCallback(&StatefulFirewall::Drop, this),
                      MakeCallback(&StatefulFirewall::HearInspector, this));
}

void
StatefulFirewall::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    *stream->GetStream() << "StatefulFirewall: no routes; " << m_table.GetSize()
                         << " connections\n";
}

} // namespace ns3
