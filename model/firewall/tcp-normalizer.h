/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_NORMALIZER_H
#define TCP_NORMALIZER_H

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/sequence-number.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The out-of-order queue of one direction of one TCP connection, as the ASA's TCP
 * normalizer keeps it.
 *
 * The ASA (CLI configuration guide, "Connection Settings", tcp-map `queue-limit` and `timeout`)
 * buffers segments that arrive after a hole in the sequence space, up to `queue-limit` packets
 * (0 means 3 for connections under application inspection or IPS), and forwards them in order
 * when the hole is filled; queued packets that are not put in order within `timeout` (1-20 s,
 * default 4 s) are dropped. A segment past a full queue is dropped, and so is a retransmission of
 * a segment already queued.
 *
 * This class is that queue, with no events and no forwarding of its own: Offer() classifies a
 * segment against the next expected sequence number (RCV.NXT as the firewall sees it) and keeps
 * it when it comes after a hole; PopReady() hands back, in order, what the hole's filling made
 * contiguous; PopExpired() hands back what has waited too long. Held data is keyed on sequence
 * numbers, never on packet uids (ns-3 gives a retransmission the uid of the original).
 */
class TcpNormalizer
{
  public:
    /** One segment held, with everything needed to forward it later. */
    struct Segment
    {
        SequenceNumber32 seq;                              //!< first sequence number
        SequenceNumber32 end;                              //!< seq + payload (+1 for FIN)
        Time expiry;                                       //!< when it is dropped if held
        Ptr<const Packet> packet;                          //!< the packet, IP header removed
        Ipv4Header header;                                 //!< its IP header (a copy)
        Ptr<const NetDevice> idev;                         //!< the device it came in on
        Ipv4RoutingProtocol::UnicastForwardCallback ucb;   //!< L3's forward callback
        Ipv4RoutingProtocol::MulticastForwardCallback mcb; //!< L3's multicast callback
        Ipv4RoutingProtocol::LocalDeliverCallback lcb;     //!< L3's local-delivery callback
        Ipv4RoutingProtocol::ErrorCallback ecb;            //!< L3's error callback
    };

    /** What Offer() decided about a segment. */
    enum class Verdict
    {
        IN_ORDER,  //!< starts at or before RCV.NXT and brings new data: forward it now
        OLD,       //!< entirely before RCV.NXT (a retransmission): forward it untouched
        QUEUED,    //!< after a hole: now held
        FULL,      //!< after a hole and the queue is full: drop (tcp-buffer-full)
        DUPLICATE, //!< a segment with this sequence number is already held (tcp-dup-in-queue)
    };

    /**
     * \param nextSeq the first sequence number expected (ISN + 1)
     * \param limit the most segments held at once, >= 1
     * \param timeout how long a segment may be held
     */
    TcpNormalizer(SequenceNumber32 nextSeq, uint32_t limit, Time timeout);

    /**
     * Classify a segment and hold it when it comes after a hole.
     * \param segment the segment (moved from only when the verdict is QUEUED); its expiry is set
     * \param now the current time
     * \return the verdict; IN_ORDER advances RCV.NXT to the segment's end
     */
    Verdict Offer(Segment& segment, Time now);

    /**
     * Take the held segments that the last IN_ORDER segment made contiguous, in order, and
     * advance RCV.NXT past them.
     * \param [out] ready receives them
     */
    void PopReady(std::vector<Segment>& ready);

    /**
     * Take the held segments whose time is up.
     * \param now the current time
     * \param [out] expired receives them
     */
    void PopExpired(Time now, std::vector<Segment>& expired);

    /** \return the expiry of the oldest held segment, or Time::Max() when none is held */
    Time NextExpiry() const;

    /** \return the next in-order sequence number (RCV.NXT as seen by the firewall) */
    SequenceNumber32 NextSeq() const;

    /** \return segments held now */
    uint32_t GetQueueLength() const;

    /** \return the queue limit */
    uint32_t GetLimit() const;

    /**
     * Change the queue limit. Segments already held stay held; new ones are refused while the
     * queue holds \p limit or more.
     * \param limit the most segments held at once, >= 1
     */
    void SetLimit(uint32_t limit);

    /**
     * \return the held byte ranges [first, end), merged where contiguous and in sequence order:
     * what a receiver would report in SACK blocks
     */
    std::vector<std::pair<SequenceNumber32, SequenceNumber32>> HeldRanges() const;

  private:
    SequenceNumber32 m_nextSeq;   //!< RCV.NXT: the first byte not yet forwarded in order
    uint32_t m_limit;             //!< queue-limit
    Time m_timeout;               //!< timeout
    std::vector<Segment> m_queue; //!< held segments, in sequence order
};

} // namespace ns3

#endif /* TCP_NORMALIZER_H */
