/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctcp-connection.h"

#include "ns3/assert.h"
#include "ns3/tcp-header.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

CtcpConnection::CtcpConnection()
    : m_state(SYN_SENT),
      m_localPort(0),
      m_remotePort(0),
      m_counter(0),
      m_ackOwed(false)
{
}

void
CtcpConnection::Open(uint16_t localPort, uint16_t remotePort, SequenceNumber32 iss)
{
    m_state = SYN_SENT;
    m_localPort = localPort;
    m_remotePort = remotePort;
    m_iss = iss;
    m_sndNxt = iss + 1; // the SYN takes one sequence number
    m_sndUna = iss;
}

void
CtcpConnection::Accept(const CtcpL4Protocol::Segment& syn, SequenceNumber32 iss)
{
    Open(syn.destinationPort, syn.sourcePort, iss);
    m_state = SYN_RECEIVED;
    StartReceive(syn.sequence);
}

bool
CtcpConnection::IsSynAck(const CtcpL4Protocol::Segment& segment) const
{
    const uint8_t synAck = TcpHeader::SYN | TcpHeader::ACK;
    return (segment.flags & synAck) == synAck && segment.ack == m_iss + 1;
}

void
CtcpConnection::SynAckReceived(const CtcpL4Protocol::Segment& synAck)
{
    StartReceive(synAck.sequence);
}

void
CtcpConnection::StartReceive(SequenceNumber32 irs)
{
    m_rcvNxt = irs + 1; // the SYN takes one sequence number
    m_rcvHigh = m_rcvNxt;
}

void
CtcpConnection::Establish(SequenceNumber32 ack)
{
    m_state = ESTABLISHED;
    m_sndUna = ack;
}

CtcpL4Protocol::Segment
CtcpConnection::MakeSegment(uint8_t flags,
                            SequenceNumber32 sequence,
                            uint32_t size,
                            uint16_t window,
                            AckPolicy policy)
{
    CtcpL4Protocol::Segment s;
    s.sourcePort = m_localPort;
    s.destinationPort = m_remotePort;
    s.sequence = sequence;
    s.ack = (flags & TcpHeader::ACK) ? GetAck(policy) : SequenceNumber32(0);
    s.flags = flags;
    s.window = window;
    if (sequence == m_sndNxt)
    {
        m_sndNxt += size;
    }
    if (flags & TcpHeader::ACK)
    {
        m_ackOwed = false;
    }
    return s;
}

CtcpL4Protocol::Segment
CtcpConnection::MakeReset(const CtcpL4Protocol::Segment& segment, uint32_t size)
{
    CtcpL4Protocol::Segment r;
    r.sourcePort = segment.destinationPort;
    r.destinationPort = segment.sourcePort;
    if (segment.flags & TcpHeader::ACK)
    {
        r.sequence = segment.ack;
        r.flags = TcpHeader::RST;
    }
    else
    {
        const uint32_t length = size + ((segment.flags & TcpHeader::SYN) ? 1 : 0) +
                                ((segment.flags & TcpHeader::FIN) ? 1 : 0);
        r.ack = segment.sequence + length;
        r.flags = TcpHeader::RST | TcpHeader::ACK;
    }
    return r;
}

bool
CtcpConnection::IsDuplicateAck(const CtcpL4Protocol::Segment& segment, uint32_t size) const
{
    // RFC 5681 section 2: a duplicate ACK carries no data, does not move SND.UNA and arrives
    // while data is outstanding.
    return size == 0 && segment.ack == m_sndUna && m_sndUna < m_sndNxt;
}

void
CtcpConnection::Acknowledge(SequenceNumber32 ack)
{
    if (ack > m_sndUna && ack <= m_sndNxt)
    {
        m_sndUna = ack;
    }
}

bool
CtcpConnection::Receive(SequenceNumber32 start, uint32_t size, uint32_t maxRanges)
{
    NS_ASSERT_MSG(size > 0, "a data segment has data");
    const SequenceNumber32 end = start + size;
    // Not at the highest byte received: a hole opened before it, or it lands below.
    const bool outOfOrder = start != m_rcvHigh;
    m_ackOwed = true;
    if (end > m_rcvHigh)
    {
        m_rcvHigh = end;
    }
    if (start > m_rcvNxt)
    {
        // Remember [start, end), merged with the ranges it touches.
        SequenceNumber32 from = start;
        SequenceNumber32 to = end;
        auto it = m_above.lower_bound(from);
        if (it != m_above.begin() && std::prev(it)->second >= from)
        {
            --it;
        }
        while (it != m_above.end() && it->first <= to)
        {
            from = std::min(from, it->first);
            to = std::max(to, it->second);
            it = m_above.erase(it);
        }
        m_above[from] = to;
        if (m_above.size() > maxRanges)
        {
            m_above.erase(m_above.begin());
        }
        return outOfOrder;
    }
    if (end <= m_rcvNxt)
    {
        return outOfOrder; // old bytes
    }
    m_rcvNxt = end;
    // Pull in the ranges that are now contiguous.
    while (!m_above.empty() && m_above.begin()->first <= m_rcvNxt)
    {
        m_rcvNxt = std::max(m_rcvNxt, m_above.begin()->second);
        m_above.erase(m_above.begin());
    }
    return outOfOrder;
}

CtcpConnection::RstVerdict
CtcpConnection::CheckReset(SequenceNumber32 seq, uint16_t window, RstPolicy policy) const
{
    if (policy == RST_ANY || seq == m_rcvNxt || seq == m_rcvHigh)
    {
        return RST_ACCEPT;
    }
    // RFC 5961 section 3.2: RCV.NXT <= SEG.SEQ < RCV.NXT + RCV.WND, the window reaching past
    // the highest byte received (cTCP leaves holes unfilled).
    if (seq > m_rcvNxt && seq < m_rcvHigh + window)
    {
        return RST_CHALLENGE;
    }
    return RST_IGNORE;
}

SequenceNumber32
CtcpConnection::GetAck(AckPolicy policy) const
{
    return policy == ACK_IN_ORDER ? m_rcvNxt : m_rcvHigh;
}

bool
CtcpConnection::IsAckOwed() const
{
    return m_ackOwed;
}

uint16_t
CtcpConnection::NextCounter()
{
    return ++m_counter;
}

CtcpConnection::State
CtcpConnection::GetState() const
{
    return m_state;
}

uint16_t
CtcpConnection::GetLocalPort() const
{
    return m_localPort;
}

uint16_t
CtcpConnection::GetRemotePort() const
{
    return m_remotePort;
}

SequenceNumber32
CtcpConnection::GetIss() const
{
    return m_iss;
}

SequenceNumber32
CtcpConnection::GetSndNxt() const
{
    return m_sndNxt;
}

} // namespace ns3
