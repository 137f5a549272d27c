/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-normalizer.h"

#include "ns3/log.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpNormalizer");

TcpNormalizer::TcpNormalizer(SequenceNumber32 nextSeq, uint32_t limit, Time timeout)
    : m_nextSeq(nextSeq),
      m_limit(limit),
      m_timeout(timeout)
{
    NS_ASSERT_MSG(limit >= 1, "a normalizer holds at least one segment");
}

TcpNormalizer::Verdict
TcpNormalizer::Offer(Segment& segment, Time now)
{
    if (segment.seq <= m_nextSeq)
    {
        if (segment.end <= m_nextSeq)
        {
            return Verdict::OLD;
        }
        m_nextSeq = segment.end;
        return Verdict::IN_ORDER;
    }
    auto at =
        std::lower_bound(m_queue.begin(),
                         m_queue.end(),
                         segment.seq,
                         [](const Segment& held, SequenceNumber32 seq) { return held.seq < seq; });
    if (at != m_queue.end() && at->seq == segment.seq)
    {
        return Verdict::DUPLICATE;
    }
    if (m_queue.size() >= m_limit)
    {
        return Verdict::FULL;
    }
    segment.expiry = now + m_timeout;
    m_queue.insert(at, std::move(segment));
    NS_LOG_LOGIC("held " << m_queue.size() << " of " << m_limit << ", hole at " << m_nextSeq);
    return Verdict::QUEUED;
}

void
TcpNormalizer::PopReady(std::vector<Segment>& ready)
{
    auto it = m_queue.begin();
    while (it != m_queue.end() && it->seq <= m_nextSeq)
    {
        if (m_nextSeq < it->end)
        {
            m_nextSeq = it->end;
        }
        ready.push_back(std::move(*it));
        ++it;
    }
    m_queue.erase(m_queue.begin(), it);
}

void
TcpNormalizer::PopExpired(Time now, std::vector<Segment>& expired)
{
    auto keep = std::stable_partition(m_queue.begin(), m_queue.end(), [now](const Segment& s) {
        return s.expiry > now;
    });
    std::move(keep, m_queue.end(), std::back_inserter(expired));
    m_queue.erase(keep, m_queue.end());
}

Time
TcpNormalizer::NextExpiry() const
{
    Time first = Time::Max();
    for (const auto& s : m_queue)
    {
        first = std::min(first, s.expiry);
    }
    return first;
}

SequenceNumber32
TcpNormalizer::NextSeq() const
{
    return m_nextSeq;
}

uint32_t
TcpNormalizer::GetQueueLength() const
{
    return m_queue.size();
}

uint32_t
TcpNormalizer::GetLimit() const
{
    return m_limit;
}

void
TcpNormalizer::SetLimit(uint32_t limit)
{
    NS_ASSERT_MSG(limit >= 1, "a normalizer holds at least one segment");
    NS_LOG_LOGIC("queue limit " << m_limit << " -> " << limit);
    m_limit = limit;
}

std::vector<std::pair<SequenceNumber32, SequenceNumber32>>
TcpNormalizer::HeldRanges() const
{
    std::vector<std::pair<SequenceNumber32, SequenceNumber32>> ranges;
    for (const auto& s : m_queue)
    {
        if (!ranges.empty() && s.seq <= ranges.back().second)
        {
            ranges.back().second = std::max(ranges.back().second, s.end);
        }
        else
        {
            ranges.emplace_back(s.seq, s.end);
        }
    }
    return ranges;
}

} // namespace ns3
