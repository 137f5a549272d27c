/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-tcp-tracker.h"

#include "firewall-policy.h"
#include "tcp-normalizer.h"

#include <algorithm>

namespace ns3
{

void
FirewallTcpTracker::Open(FirewallConnection& conn, const TcpSegmentView& seg, Ptr<const Packet> p)
{
    FirewallConnection::TcpPeer& initiator = conn.Sender(FirewallDirection::FROM_INITIATOR);
    const TcpSegmentView::Options o = seg.DecodeOptions(p);
    initiator.isn = seg.seq;
    initiator.end = seg.seq + 1 + seg.payload;
    initiator.maxWindow = std::max<uint32_t>(seg.window, 1);
    initiator.window = seg.window;
    if (o.mss)
    {
        initiator.mss = o.mssValue;
    }
    initiator.windowScale = o.windowScale;
    initiator.windowShift = o.windowShift;
    initiator.sackPermitted = o.sackPermitted;
    initiator.timestamps = o.timestamps;
    initiator.tsVal = o.tsVal;
}

void
FirewallTcpTracker::FollowWindow(FirewallConnection& conn, FirewallDirection dir)
{
    TcpNormalizer* queue = conn.Normalizer(dir);
    if (!conn.queueFollowsWindow || !queue)
    {
        return;
    }
    const FirewallConnection::TcpPeer& sender = conn.Sender(dir);
    const FirewallConnection::TcpPeer& receiver = conn.Receiver(dir);
    // Packets of the size the sender uses: its largest so far, or the MSS the receiver allows.
    const uint32_t size = sender.maxPayload > 0 ? sender.maxPayload : receiver.mss;
    const uint32_t packets = receiver.window / std::max<uint32_t>(size, 1);
    conn.Sender(dir).queueFollowsWindow = true;
    queue->SetLimit(std::clamp<uint32_t>(packets, 1, FirewallPolicy::MAX_QUEUE_LIMIT));
}

bool
FirewallTcpTracker::Track(FirewallConnection& conn,
                          FirewallDirection dir,
                          const TcpSegmentView& seg,
                          Ptr<const Packet> p,
                          FirewallDropReason& reason)
{
    using State = FirewallConnection::State;
    FirewallConnection::TcpPeer& me = conn.Sender(dir);
    FirewallConnection::TcpPeer& peer = conn.Receiver(dir);
    const bool fromInitiator = dir == FirewallDirection::FROM_INITIATOR;
    const bool syn = seg.flags & TcpSegmentView::SYN;
    const bool ack = seg.flags & TcpSegmentView::ACK;
    const bool rst = seg.flags & TcpSegmentView::RST;
    const bool fin = seg.flags & TcpSegmentView::FIN;

    switch (conn.state)
    {
    case State::EMBRYONIC:
        if (fromInitiator)
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
            const TcpSegmentView::Options o = seg.DecodeOptions(p);
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
            me.window = seg.window; // SYN windows are never scaled (RFC 7323, 2.2)
            if (o.mss)
            {
                me.mss = o.mssValue;
            }
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
            if ((fromInitiator && !ack && seg.seq == me.isn) ||
                (!fromInitiator && ack && seg.seq == me.isn))
            {
                return true; // a retransmitted SYN or SYN-ACK
            }
            reason = FirewallDropReason::TCP_3WHS_FAILED;
            return false;
        }
        if (fromInitiator && ack && !rst && seg.ack == peer.isn + 1)
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
    if (window != me.window)
    {
        me.window = window;
        FollowWindow(conn, Reverse(dir)); // the queue of what the peer sends to this side
    }
    if (seg.payload > me.maxPayload)
    {
        me.maxPayload = seg.payload;
        if (me.queueFollowsWindow)
        {
            FollowWindow(conn, dir); // larger packets: fewer fit in the same window
        }
    }
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
        const TcpSegmentView::Options o = seg.DecodeOptions(p);
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

} // namespace ns3
