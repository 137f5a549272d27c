/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "stateful-firewall.h"

#include "firewall-tcp-proxy.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/global-value.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-sack.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

#include <algorithm>
#include <iomanip>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StatefulFirewall");

NS_OBJECT_ENSURE_REGISTERED(StatefulFirewall);

namespace
{

constexpr uint8_t TCP_PROTOCOL = 6;     //!< IP protocol number of TCP
constexpr uint8_t UDP_PROTOCOL = 17;    //!< IP protocol number of UDP
constexpr uint8_t ESP_PROTOCOL = 50;    //!< IP protocol number of ESP
constexpr uint8_t ICMP_PROTOCOL = 1;    //!< IP protocol number of ICMP
constexpr uint8_t FIN = TcpHeader::FIN; //!< TCP FIN bit
constexpr uint8_t SYN = TcpHeader::SYN; //!< TCP SYN bit
constexpr uint8_t RST = TcpHeader::RST; //!< TCP RST bit
constexpr uint8_t ACK = TcpHeader::ACK; //!< TCP ACK bit

/**
 * \param t a duration
 * \return it as h:mm:ss, as `show conn` prints idle times
 */
std::string
HoursMinutesSeconds(Time t)
{
    int64_t s = t.GetSeconds();
    std::ostringstream os;
    os << s / 3600 << ':' << std::setw(2) << std::setfill('0') << (s / 60) % 60 << ':'
       << std::setw(2) << std::setfill('0') << s % 60;
    return os.str();
}

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
                          "Settings): 0 (default) queues 3 out-of-order packets for inspected "
                          "connections and passes other TCP untouched; 1-250 applies the "
                          "normalizer with that limit to all TCP.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&StatefulFirewall::m_queueLimit),
                          MakeUintegerChecker<uint32_t>(0, FirewallPolicy::MAX_QUEUE_LIMIT))
            .AddAttribute("Timeout",
                          "tcp-map queue-limit timeout: how long an out-of-order packet may be "
                          "held before it is dropped as tcp-buffer-timeout (1-20 s, default 4).",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&StatefulFirewall::m_queueTimeout),
                          MakeTimeChecker(Seconds(1), Seconds(20)))
            .AddAttribute("DupAcks",
                          "Answer each segment queued after a hole with a duplicate ACK to the "
                          "sender on behalf of the receiver (the ASA's TCP proxy behaviour).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&StatefulFirewall::m_sendDupAcks),
                          MakeBooleanChecker())
            .AddAttribute("DupAckSack",
                          "Put SACK blocks for the held segments in the dup ACKs (RFC 2018). Off "
                          "by default: whether the ASA does is undocumented, and ns-3.37's sender "
                          "(SACK recovery, then a partial ACK, then an RTO) stalls for good when "
                          "SACKed-looking data is then dropped as tcp-buffer-full (see doc, "
                          "Firewall scope and limitations). ns-3 senders ignore a pure ACK "
                          "without SACK blocks as a duplicate; the ACKs still show in a pcap.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&StatefulFirewall::m_dupAckSack),
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
                          "Idle timeout of an ESP security association (30 s).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&StatefulFirewall::m_espIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("IcmpIdleTimeout",
                          "timeout icmp: idle timeout of an ICMP echo flow.",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&StatefulFirewall::m_icmpIdle),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("BypassIdleTimeout",
                          "Idle timeout of a tcp-state-bypass connection (set connection "
                          "timeout idle in its class; 1 h like timeout conn by default).",
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
    : m_releasing(false),
      m_checksums(false),
      m_drops{},
      m_dupAcks(0),
      m_held(0),
      m_created(0),
      m_defaultAction(FirewallAction::STATEFUL),
      m_queueLimit(0),
      m_sendDupAcks(true),
      m_dupAckSack(false)
{
    NS_LOG_FUNCTION(this);
    BooleanValue checksums;
    GlobalValue::GetValueByName("ChecksumEnabled", checksums);
    m_checksums = checksums.Get();
}

StatefulFirewall::~StatefulFirewall()
{
    NS_LOG_FUNCTION(this);
}

void
StatefulFirewall::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_table.ForEach([](const FirewallConnection& c) {
        // Events hold no reference to the entry, only its key: cancelling is enough.
        const_cast<EventId&>(c.expiry).Cancel();
        const_cast<EventId&>(c.normalizerTimer[0]).Cancel();
        const_cast<EventId&>(c.normalizerTimer[1]).Cancel();
    });
    m_table.Clear();
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
    return m_dupAcks;
}

uint64_t
StatefulFirewall::GetHeldCount() const
{
    return m_held;
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
    return m_table.Find(MakeKey(protocol, source, destination, sourcePort, destinationPort));
}

void
StatefulFirewall::PrintAspDrop(std::ostream& os) const
{
    os << "Frame drop:\n";
    for (size_t i = 0; i < m_drops.size(); ++i)
    {
        if (m_drops[i] == 0)
        {
            continue;
        }
        auto reason = static_cast<FirewallDropReason>(i);
        std::string label = "  " + FirewallDropReasonDescription(reason) + " (" +
                            FirewallDropReasonName(reason) + ")";
        os << std::left << std::setw(64) << label << std::right << std::setw(12) << m_drops[i]
           << '\n';
    }
}

void
StatefulFirewall::PrintConn(std::ostream& os) const
{
    os << m_table.GetSize() << " in use, " << m_created << " most used\n";
    const Time now = Simulator::Now();
    const auto& classes = m_policy.GetClasses();
    m_table.ForEach([&](const FirewallConnection& c) {
        const char* proto = c.protocol == TCP_PROTOCOL    ? "TCP"
                            : c.protocol == UDP_PROTOCOL  ? "UDP"
                            : c.protocol == ESP_PROTOCOL  ? "ESP"
                            : c.protocol == ICMP_PROTOCOL ? "ICMP"
                                                          : "IP";
        os << proto << ' ' << c.initiator;
        if (c.protocol == TCP_PROTOCOL || c.protocol == UDP_PROTOCOL)
        {
            os << ':' << c.initiatorPort << ' ' << c.responder << ':' << c.responderPort;
        }
        else if (c.protocol == ESP_PROTOCOL)
        {
            os << ' ' << c.responder << " spi 0x" << std::hex << c.key.ids << std::dec;
        }
        else
        {
            os << ' ' << c.responder;
        }
        os << ", idle " << HoursMinutesSeconds(now - c.lastSeen) << ", bytes " << c.bytes
           << ", class "
           << (c.classIndex == 0 ? std::string("default") : classes[c.classIndex - 1].name) << " ("
           << FirewallActionName(c.action) << "), state " << c.GetStateName();
        if (c.normalizer[0] || c.normalizer[1])
        {
            os << ", queued " << (c.normalizer[0] ? c.normalizer[0]->GetQueueLength() : 0) << '+'
               << (c.normalizer[1] ? c.normalizer[1]->GetQueueLength() : 0) << " of "
               << c.queueLimit;
        }
        os << '\n';
    });
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

FirewallFlowKey
StatefulFirewall::MakeKey(uint8_t protocol,
                          Ipv4Address src,
                          Ipv4Address dst,
                          uint16_t sport,
                          uint16_t dport)
{
    FirewallFlowKey key;
    key.protocol = protocol;
    uint32_t a = src.Get();
    uint32_t b = dst.Get();
    if (protocol == ESP_PROTOCOL)
    {
        // One-way: source, destination, SPI.
        key.lowAddress = a;
        key.highAddress = b;
        key.ids = static_cast<uint32_t>(sport) << 16 | dport;
        return key;
    }
    if (a > b || (a == b && sport > dport))
    {
        std::swap(a, b);
        std::swap(sport, dport);
    }
    key.lowAddress = a;
    key.highAddress = b;
    key.ids = static_cast<uint32_t>(sport) << 16 | dport;
    return key;
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
        MakeKey(protocol, header.GetSource(), header.GetDestination(), sport, dport);
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
        uint16_t index = cls ? static_cast<uint16_t>(cls - m_policy.GetClasses().data() + 1) : 0;
        conn = &Create(key,
                       protocol,
                       header,
                       sport,
                       dport,
                       cls ? cls->action : m_defaultAction,
                       index);
    }
    conn->bytes += header.GetPayloadSize() + header.GetSerializedSize();
    Touch(*conn);
    return false;
}

bool
StatefulFirewall::ParseTcp(Ptr<const Packet> p, TcpSegment& seg)
{
    uint8_t b[20];
    if (p->CopyData(b, 20) < 20)
    {
        return false;
    }
    seg.sourcePort = static_cast<uint16_t>(b[0] << 8 | b[1]);
    seg.destinationPort = static_cast<uint16_t>(b[2] << 8 | b[3]);
    seg.seq = SequenceNumber32(static_cast<uint32_t>(b[4]) << 24 | b[5] << 16 | b[6] << 8 | b[7]);
    seg.ack = SequenceNumber32(static_cast<uint32_t>(b[8]) << 24 | b[9] << 16 | b[10] << 8 | b[11]);
    seg.headerLength = (b[12] >> 4) * 4u;
    seg.flags = b[13];
    seg.window = static_cast<uint16_t>(b[14] << 8 | b[15]);
    if (seg.headerLength < 20 || seg.headerLength > p->GetSize())
    {
        return false;
    }
    seg.payload = p->GetSize() - seg.headerLength;
    return true;
}

StatefulFirewall::TcpOptions
StatefulFirewall::ParseTcpOptions(Ptr<const Packet> p, const TcpSegment& seg)
{
    TcpOptions o;
    uint8_t b[60];
    uint32_t n = p->CopyData(b, seg.headerLength);
    uint32_t i = 20;
    while (i < n)
    {
        uint8_t kind = b[i];
        if (kind == 0)
        {
            break;
        }
        if (kind == 1)
        {
            ++i;
            continue;
        }
        if (i + 1 >= n || b[i + 1] < 2 || i + b[i + 1] > n)
        {
            break;
        }
        uint8_t len = b[i + 1];
        if (kind == 3 && len == 3)
        {
            o.windowScale = true;
            o.windowShift = std::min<uint8_t>(b[i + 2], 14);
        }
        else if (kind == 4 && len == 2)
        {
            o.sackPermitted = true;
        }
        else if (kind == 8 && len == 10)
        {
            o.timestamps = true;
            o.tsVal =
                static_cast<uint32_t>(b[i + 2]) << 24 | b[i + 3] << 16 | b[i + 4] << 8 | b[i + 5];
            o.tsEcr =
                static_cast<uint32_t>(b[i + 6]) << 24 | b[i + 7] << 16 | b[i + 8] << 8 | b[i + 9];
        }
        i += len;
    }
    return o;
}

uint32_t
StatefulFirewall::QueueLimitFor(FirewallAction action, const FirewallClass* cls) const
{
    uint32_t limit = (cls && cls->queueLimit != 0) ? cls->queueLimit : m_queueLimit;
    if (limit != 0)
    {
        return limit;
    }
    return action == FirewallAction::INSPECT ? FirewallPolicy::DEFAULT_INSPECT_QUEUE_LIMIT : 0;
}

bool
StatefulFirewall::HandleTcp(Ptr<const Packet> p, const Ipv4Header& header, const Delivery& d)
{
    TcpSegment seg;
    if (!ParseTcp(p, seg))
    {
        Drop(p, header, FirewallDropReason::INVALID_TCP_HDR_LENGTH);
        return true;
    }
    const FirewallFlowKey key = MakeKey(TCP_PROTOCOL,
                                        header.GetSource(),
                                        header.GetDestination(),
                                        seg.sourcePort,
                                        seg.destinationPort);
    FirewallConnection* conn = m_table.Find(key);
    if (!conn)
    {
        const FirewallClass* cls = m_policy.Match(TCP_PROTOCOL,
                                                  header.GetSource(),
                                                  header.GetDestination(),
                                                  seg.sourcePort,
                                                  seg.destinationPort);
        const FirewallAction action = cls ? cls->action : m_defaultAction;
        if (action == FirewallAction::DENY)
        {
            // The access-list comes before flow creation (packet-tracer's ACCESS-LIST phase
            // precedes FLOW-CREATION), so a denied non-SYN is acl-drop, not tcp-not-syn.
            Drop(p, header, FirewallDropReason::ACL_DROP);
            return true;
        }
        const uint16_t index =
            cls ? static_cast<uint16_t>(cls - m_policy.GetClasses().data() + 1) : 0;
        if (action != FirewallAction::BYPASS && (seg.flags & (SYN | ACK | RST | FIN)) != SYN)
        {
            Drop(p, header, FirewallDropReason::TCP_NOT_SYN);
            return true;
        }
        conn =
            &Create(key, TCP_PROTOCOL, header, seg.sourcePort, seg.destinationPort, action, index);
        conn->bytes += header.GetPayloadSize() + header.GetSerializedSize();
        if (action == FirewallAction::BYPASS)
        {
            Touch(*conn);
            return false;
        }
        conn->queueLimit = QueueLimitFor(action, cls);
        conn->queueTimeout = (cls && !cls->timeout.IsZero()) ? cls->timeout : m_queueTimeout;
        FirewallConnection::TcpPeer& initiator = conn->tcp[0];
        const TcpOptions o = ParseTcpOptions(p, seg);
        initiator.isn = seg.seq;
        initiator.end = seg.seq + 1 + seg.payload;
        initiator.maxWindow = std::max<uint32_t>(seg.window, 1);
        initiator.windowScale = o.windowScale;
        initiator.windowShift = o.windowShift;
        initiator.sackPermitted = o.sackPermitted;
        initiator.timestamps = o.timestamps;
        initiator.tsVal = o.tsVal;
        if (action == FirewallAction::PROXY)
        {
            conn->state = FirewallConnection::State::PROXIED;
            if (!m_proxy)
            {
                m_proxy = CreateObject<FirewallTcpProxy>();
                m_proxy->Setup(m_ipv4->GetObject<Node>(), this);
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
    const int dir =
        (header.GetSource() == conn->initiator && seg.sourcePort == conn->initiatorPort) ? 0 : 1;
    FirewallDropReason reason{};
    if (!Track(*conn, dir, seg, p, reason))
    {
        Drop(p, header, reason);
        return true;
    }
    Touch(*conn);
    if (seg.flags & RST)
    {
        RemoveConnection(key, "tcp-rst");
        return false;
    }
    bool consumed = false;
    if (conn->normalizer[dir] && (seg.payload > 0 || (seg.flags & FIN)))
    {
        consumed = Normalize(*conn, dir, seg, p, header, d);
    }
    if (conn->state == FirewallConnection::State::CLOSING && !(seg.flags & FIN) &&
        (seg.flags & ACK) && seg.ack == conn->tcp[1 - dir].end && conn->tcp[dir].finSeen &&
        (!conn->normalizer[0] || conn->normalizer[0]->GetQueueLength() == 0) &&
        (!conn->normalizer[1] || conn->normalizer[1]->GetQueueLength() == 0))
    {
        // The last ACK of the close: both FINs sent and acknowledged.
        RemoveConnection(key, "tcp-fins");
    }
    return consumed;
}

bool
StatefulFirewall::Track(FirewallConnection& conn,
                        int dir,
                        const TcpSegment& seg,
                        Ptr<const Packet> p,
                        FirewallDropReason& reason)
{
    using State = FirewallConnection::State;
    FirewallConnection::TcpPeer& me = conn.tcp[dir];
    FirewallConnection::TcpPeer& peer = conn.tcp[1 - dir];
    const bool syn = seg.flags & SYN;
    const bool ack = seg.flags & ACK;
    const bool rst = seg.flags & RST;
    const bool fin = seg.flags & FIN;

    switch (conn.state)
    {
    case State::EMBRYONIC:
        if (dir == 0)
        {
            if ((syn && !ack && seg.seq == me.isn) || rst)
            {
                return true; // SYN retransmission, or the initiator gives up
            }
            reason = FirewallDropReason::TCP_3WHS_FAILED;
            return false;
        }
        if (rst && ack && seg.ack == peer.isn + 1)
        {
            return true; // connection refused
        }
        if (syn && ack && seg.ack == peer.isn + 1)
        {
            const TcpOptions o = ParseTcpOptions(p, seg);
            me.isn = seg.seq;
            me.end = seg.seq + 1 + seg.payload;
            me.sackPermitted = o.sackPermitted;
            me.timestamps = o.timestamps;
            me.tsVal = o.tsVal;
            me.tsEcr = o.tsEcr;
            // Window scaling holds only when both sides offered it (RFC 7323, 2.2).
            me.windowScale = o.windowScale && peer.windowScale;
            me.windowShift = me.windowScale ? o.windowShift : 0;
            peer.windowScale = me.windowScale;
            peer.windowShift = peer.windowScale ? peer.windowShift : 0;
            me.maxWindow = std::max<uint32_t>(seg.window, 1);
            me.rawWindow = static_cast<uint16_t>(seg.window >> me.windowShift);
            // SYN windows are never scaled.
            peer.maxEnd = seg.ack + me.maxWindow;
            peer.maxEndKnown = true;
            me.maxEnd = me.isn + 1 + peer.maxWindow;
            me.maxEndKnown = true;
            me.ack = seg.ack;
            me.ackKnown = true;
            conn.state = State::SYN_RECEIVED;
            if (conn.queueLimit > 0)
            {
                for (int i = 0; i < 2; ++i)
                {
                    conn.normalizer[i] = std::make_unique<TcpNormalizer>(conn.tcp[i].isn + 1,
                                                                         conn.queueLimit,
                                                                         conn.queueTimeout);
                }
            }
            return true;
        }
        reason = FirewallDropReason::TCP_3WHS_FAILED;
        return false;

    case State::SYN_RECEIVED:
        if (syn)
        {
            if ((dir == 0 && !ack && seg.seq == me.isn) || (dir == 1 && ack && seg.seq == me.isn))
            {
                return true; // a retransmitted SYN or SYN-ACK
            }
            reason = FirewallDropReason::TCP_3WHS_FAILED;
            return false;
        }
        if (dir == 0 && ack && !rst && seg.ack == peer.isn + 1)
        {
            conn.state = State::ESTABLISHED;
            break; // the third packet; it may carry data: check it as any other
        }
        if (rst)
        {
            break;
        }
        reason = FirewallDropReason::TCP_3WHS_FAILED;
        return false;

    default:
        if (syn)
        {
            if (seg.seq == me.isn)
            {
                return true; // a late retransmission of the handshake
            }
            reason = FirewallDropReason::TCP_3WHS_FAILED;
            return false;
        }
        break;
    }

    const uint32_t len = seg.payload + (fin ? 1 : 0);
    const SequenceNumber32 segEnd = seg.seq + len;
    if (rst)
    {
        // Acceptable when it falls within the window the receiver offered.
        const SequenceNumber32 low = me.end - std::max<uint32_t>(peer.maxWindow, 1);
        if (seg.seq < low || (me.maxEndKnown && seg.seq > me.maxEnd))
        {
            reason = FirewallDropReason::TCP_RSTFIN_OOO;
            return false;
        }
        return true;
    }
    if (me.maxEndKnown && segEnd > me.maxEnd)
    {
        reason = fin && seg.payload == 0 ? FirewallDropReason::TCP_RSTFIN_OOO
                                         : FirewallDropReason::TCP_SEQ_PAST_WIN;
        return false;
    }
    if (ack && seg.ack > peer.end)
    {
        reason = FirewallDropReason::TCP_INVALID_ACK;
        return false;
    }

    if (segEnd > me.end)
    {
        me.end = segEnd;
    }
    const uint32_t window = static_cast<uint32_t>(seg.window) << me.windowShift;
    me.rawWindow = seg.window;
    me.maxWindow = std::max(me.maxWindow, window);
    if (ack)
    {
        if (!me.ackKnown || seg.ack > me.ack)
        {
            me.ack = seg.ack;
            me.ackKnown = true;
        }
        const SequenceNumber32 edge = seg.ack + window;
        if (!peer.maxEndKnown || edge > peer.maxEnd)
        {
            peer.maxEnd = edge;
            peer.maxEndKnown = true;
        }
    }
    if (me.timestamps)
    {
        const TcpOptions o = ParseTcpOptions(p, seg);
        if (o.timestamps)
        {
            me.tsVal = o.tsVal;
            me.tsEcr = o.tsEcr;
        }
    }
    if (fin)
    {
        me.finSeen = true;
        conn.state = peer.finSeen ? State::CLOSING : State::HALF_CLOSED;
    }
    return true;
}

bool
StatefulFirewall::Normalize(FirewallConnection& conn,
                            int dir,
                            const TcpSegment& seg,
                            Ptr<const Packet> p,
                            const Ipv4Header& header,
                            const Delivery& d)
{
    TcpNormalizer& normalizer = *conn.normalizer[dir];
    TcpNormalizer::Segment s;
    s.seq = seg.seq;
    s.end = seg.seq + seg.payload + ((seg.flags & FIN) ? 1 : 0);
    if (normalizer.GetQueueLength() == 0 && s.seq <= normalizer.NextSeq())
    {
        // The common case, in order with nothing held: no copies of the callbacks.
        normalizer.Offer(s, Simulator::Now());
        return false;
    }
    s.packet = p;
    s.header = header;
    s.idev = d.idev;
    s.ucb = d.ucb;
    s.mcb = d.mcb;
    s.lcb = d.lcb;
    s.ecb = d.ecb;
    std::vector<TcpNormalizer::Segment> ready;
    switch (normalizer.Offer(s, Simulator::Now()))
    {
    case TcpNormalizer::Verdict::OLD:
        return false;
    case TcpNormalizer::Verdict::IN_ORDER:
        normalizer.PopReady(ready);
        if (ready.empty())
        {
            return false;
        }
        // This segment first, then what it made contiguous, in order.
        Release(s);
        for (const auto& r : ready)
        {
            m_releaseTrace(r.packet, r.header);
            Release(r);
        }
        ScheduleBufferTimeout(conn, dir);
        return true;
    case TcpNormalizer::Verdict::QUEUED:
        ++m_held;
        m_holdTrace(p, header);
        ScheduleBufferTimeout(conn, dir);
        SendDupAck(conn, dir, header, seg);
        return true;
    case TcpNormalizer::Verdict::FULL:
        Drop(p, header, FirewallDropReason::TCP_BUFFER_FULL);
        return true;
    case TcpNormalizer::Verdict::DUPLICATE:
        Drop(p, header, FirewallDropReason::TCP_DUP_IN_QUEUE);
        return true;
    }
    return false;
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
StatefulFirewall::ScheduleBufferTimeout(FirewallConnection& conn, int dir)
{
    conn.normalizerTimer[dir].Cancel();
    const Time next = conn.normalizer[dir]->NextExpiry();
    if (next != Time::Max())
    {
        conn.normalizerTimer[dir] = Simulator::Schedule(next - Simulator::Now(),
                                                        &StatefulFirewall::BufferTimeout,
                                                        this,
                                                        conn.key,
                                                        dir);
    }
}

void
StatefulFirewall::BufferTimeout(FirewallFlowKey key, int dir)
{
    FirewallConnection* conn = m_table.Find(key);
    if (!conn || !conn->normalizer[dir])
    {
        return;
    }
    std::vector<TcpNormalizer::Segment> expired;
    conn->normalizer[dir]->PopExpired(Simulator::Now(), expired);
    for (const auto& s : expired)
    {
        Drop(s.packet, s.header, FirewallDropReason::TCP_BUFFER_TIMEOUT);
    }
    ScheduleBufferTimeout(*conn, dir);
}

void
StatefulFirewall::SendDupAck(FirewallConnection& conn,
                             int dir,
                             const Ipv4Header& header,
                             const TcpSegment& seg)
{
    if (!m_sendDupAcks)
    {
        return;
    }
    const FirewallConnection::TcpPeer& receiver = conn.tcp[1 - dir];
    const FirewallConnection::TcpPeer& sending = conn.tcp[dir];
    // A duplicate ACK repeats the receiver's own last ACK: never more. The normalizer's RCV.NXT
    // counts what the firewall forwarded, not what the receiver has: forwarded data can still be
    // in flight, be lost beyond the firewall, or be discarded by the receiver (ns-3.37's
    // TcpSocketBase drops the payload of a segment whose ACK field is below its SND.UNA, as a
    // released held segment's often is when the receiver also sends). An ACK above the
    // receiver's is a cumulative ACK: the sender frees those bytes and never sends them again,
    // and the connection stalls for good (see doc, Firewall scope and limitations).
    const SequenceNumber32 hole = conn.normalizer[dir]->NextSeq();
    const SequenceNumber32 ackNumber =
        receiver.ackKnown && receiver.ack < hole ? receiver.ack : hole;
    if (ackNumber < hole)
    {
        NS_LOG_LOGIC("dup ACK " << ackNumber << ": the receiver's last ACK, below the hole at "
                                << hole);
    }
    TcpHeader tcp;
    tcp.SetSourcePort(seg.destinationPort);
    tcp.SetDestinationPort(seg.sourcePort);
    tcp.SetSequenceNumber(receiver.end);
    tcp.SetAckNumber(ackNumber);
    tcp.SetFlags(TcpHeader::ACK);
    tcp.SetWindowSize(receiver.rawWindow);
    size_t sackRoom = 4;
    if (receiver.timestamps && sending.timestamps)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(receiver.tsVal);
        ts->SetEcho(receiver.tsEcr);
        tcp.AppendOption(ts);
        sackRoom = 3;
    }
    if (m_dupAckSack && receiver.sackPermitted && sending.sackPermitted)
    {
        // RFC 2018: the block holding the segment that triggered the ACK comes first.
        auto ranges = conn.normalizer[dir]->HeldRanges();
        std::stable_partition(ranges.begin(), ranges.end(), [&seg](const auto& r) {
            return r.first <= seg.seq && seg.seq < r.second;
        });
        Ptr<TcpOptionSack> sack = CreateObject<TcpOptionSack>();
        for (size_t i = 0; i < ranges.size() && i < sackRoom; ++i)
        {
            sack->AddSackBlock(ranges[i]);
        }
        tcp.AppendOption(sack);
    }
    if (m_checksums)
    {
        tcp.EnableChecksums();
        tcp.InitializeChecksum(header.GetDestination(), header.GetSource(), TCP_PROTOCOL);
    }
    Ptr<Packet> packet = ns3::Create<Packet>();
    packet->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(header.GetDestination());
    ip.SetDestination(header.GetSource());
    ip.SetProtocol(TCP_PROTOCOL);
    ip.SetPayloadSize(packet->GetSize());
    // The sender may now use the window this ACK offers: the firewall speaks for the receiver.
    FirewallConnection::TcpPeer& sender = conn.tcp[dir];
    const SequenceNumber32 edge =
        ackNumber + (static_cast<uint32_t>(receiver.rawWindow) << receiver.windowShift);
    if (edge > sender.maxEnd)
    {
        sender.maxEnd = edge;
    }
    ++m_dupAcks;
    m_dupAckTrace(packet, ip);
    m_ipv4->Send(packet, header.GetDestination(), header.GetSource(), TCP_PROTOCOL, nullptr);
}

void
StatefulFirewall::Drop(Ptr<const Packet> p, const Ipv4Header& header, FirewallDropReason reason)
{
    NS_LOG_LOGIC("drop " << FirewallDropReasonName(reason) << ' ' << header.GetSource() << " > "
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
                         uint16_t classIndex)
{
    FirewallConnection& conn = m_table.Insert(key);
    conn.protocol = protocol;
    conn.action = action;
    conn.classIndex = classIndex;
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
    conn.expiry.Cancel();
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
    NS_LOG_LOGIC("teardown " << conn->initiator << ':' << conn->initiatorPort << " " << why);
    conn->expiry.Cancel();
    conn->normalizerTimer[0].Cancel();
    conn->normalizerTimer[1].Cancel();
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
}

void
StatefulFirewall::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    *stream->GetStream() << "StatefulFirewall: no routes; " << m_table.GetSize()
                         << " connections\n";
}

} // namespace ns3
