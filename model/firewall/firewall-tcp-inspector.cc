/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-tcp-inspector.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-sack.h"
#include "ns3/tcp-option-ts.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FirewallTcpInspector");

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6; //!< IP protocol number of TCP
} // namespace

FirewallTcpInspector::FirewallTcpInspector(FirewallConnectionTable& table)
    : m_table(table)
{
}

void
FirewallTcpInspector::Setup(Ptr<Ipv4> ipv4,
                            ForwardCallback forward,
                            DropCallback drop,
                            NoticeCallback notice)
{
    m_ipv4 = ipv4;
    m_forward = forward;
    m_drop = drop;
    m_notice = notice;
}

void
FirewallTcpInspector::SetDupAcks(bool enabled)
{
    m_dupAcks = enabled;
}

bool
FirewallTcpInspector::GetDupAcks() const
{
    return m_dupAcks;
}

void
FirewallTcpInspector::SetDupAckSack(bool enabled)
{
    m_dupAckSack = enabled;
}

bool
FirewallTcpInspector::GetDupAckSack() const
{
    return m_dupAckSack;
}

void
FirewallTcpInspector::SetChecksums(bool enabled)
{
    m_checksums = enabled;
}

void
FirewallTcpInspector::Dispose()
{
    m_ipv4 = nullptr;
    m_forward = ForwardCallback();
    m_drop = DropCallback();
    m_notice = NoticeCallback();
}

uint64_t
FirewallTcpInspector::GetHeldCount() const
{
    return m_held;
}

uint64_t
FirewallTcpInspector::GetDupAcksSent() const
{
    return m_dupAcksSent;
}

bool
FirewallTcpInspector::Inspect(FirewallConnection& conn,
                              FirewallDirection dir,
                              const TcpSegmentView& seg,
                              Ptr<const Packet> p,
                              const Ipv4Header& header,
                              const Delivery& d)
{
    TcpNormalizer& normalizer = *conn.Normalizer(dir);
    TcpNormalizer::Segment s;
    s.seq = seg.seq;
    s.end = seg.seq + seg.payload + ((seg.flags & TcpSegmentView::FIN) ? 1 : 0);
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
        m_forward(s);
        for (const auto& r : ready)
        {
            m_notice(Notice::RELEASED, r.packet, r.header);
            m_forward(r);
        }
        ScheduleBufferTimeout(conn, dir);
        return true;
    case TcpNormalizer::Verdict::QUEUED:
        ++m_held;
        m_notice(Notice::HELD, p, header);
        ScheduleBufferTimeout(conn, dir);
        SendDupAck(conn, dir, header, seg);
        return true;
    case TcpNormalizer::Verdict::FULL:
        m_drop(p, header, FirewallDropReason::TCP_BUFFER_FULL);
        return true;
    case TcpNormalizer::Verdict::DUPLICATE:
        m_drop(p, header, FirewallDropReason::TCP_DUP_IN_QUEUE);
        return true;
    }
    return false;
}

void
FirewallTcpInspector::ScheduleBufferTimeout(FirewallConnection& conn, FirewallDirection dir)
{
    EventId& timer = conn.NormalizerTimer(dir);
    timer.Cancel();
    const Time next = conn.Normalizer(dir)->NextExpiry();
    if (next != Time::Max())
    {
        timer = Simulator::Schedule(next - Simulator::Now(),
                                    &FirewallTcpInspector::BufferTimeout,
                                    this,
                                    conn.key,
                                    dir);
    }
}

void
FirewallTcpInspector::BufferTimeout(FirewallFlowKey key, FirewallDirection dir)
{
    FirewallConnection* conn = m_table.Find(key);
    if (!conn || !conn->Normalizer(dir))
    {
        return;
    }
    std::vector<TcpNormalizer::Segment> expired;
    conn->Normalizer(dir)->PopExpired(Simulator::Now(), expired);
    for (const auto& s : expired)
    {
        m_drop(s.packet, s.header, FirewallDropReason::TCP_BUFFER_TIMEOUT);
    }
    ScheduleBufferTimeout(*conn, dir);
}

void
FirewallTcpInspector::SendDupAck(FirewallConnection& conn,
                                 FirewallDirection dir,
                                 const Ipv4Header& header,
                                 const TcpSegmentView& seg)
{
    if (!m_dupAcks)
    {
        return;
    }
    const FirewallConnection::TcpPeer& receiver = conn.Receiver(dir);
    FirewallConnection::TcpPeer& sender = conn.Sender(dir);
    // A duplicate ACK repeats the receiver's own last ACK: never more. The normalizer's RCV.NXT
    // counts what the firewall forwarded, not what the receiver has: forwarded data can still be
    // in flight, be lost beyond the firewall, or be discarded by the receiver (ns-3.37's
    // TcpSocketBase drops the payload of a segment whose ACK field is below its SND.UNA, as a
    // released held segment's often is when the receiver also sends). An ACK above the
    // receiver's is a cumulative ACK: the sender frees those bytes and never sends them again,
    // and the connection stalls for good (see doc, Firewall scope and limitations).
    const SequenceNumber32 hole = conn.Normalizer(dir)->NextSeq();
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
    if (receiver.timestamps && sender.timestamps)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(receiver.tsVal);
        ts->SetEcho(receiver.tsEcr);
        tcp.AppendOption(ts);
        sackRoom = 3;
    }
    if (m_dupAckSack && receiver.sackPermitted && sender.sackPermitted)
    {
        // RFC 2018: the block holding the segment that triggered the ACK comes first.
        auto ranges = conn.Normalizer(dir)->HeldRanges();
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
    const SequenceNumber32 edge =
        ackNumber + (static_cast<uint32_t>(receiver.rawWindow) << receiver.windowShift);
    if (edge > sender.maxEnd)
    {
        sender.maxEnd = edge;
    }
    ++m_dupAcksSent;
    m_notice(Notice::DUP_ACK, packet, ip);
    m_ipv4->Send(packet, header.GetDestination(), header.GetSource(), TCP_PROTOCOL, nullptr);
}

} // namespace ns3
