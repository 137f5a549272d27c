/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_TCP_INSPECTOR_H
#define FIREWALL_TCP_INSPECTOR_H

#include "firewall-connection-table.h"
#include "firewall-connection.h"
#include "firewall-drop-reason.h"
#include "tcp-normalizer.h"

#include "ns3/callback.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/tcp-segment-view.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The firewall's TCP inspection of accepted data segments: the normalizer that holds
 * what comes after a hole, the buffer timeout, and the duplicate ACKs the ASA's TCP proxy
 * sends on a receiver's behalf.
 *
 * A segment in order with nothing held passes untouched. One after a hole is queued (up to the
 * connection's queue limit, tcp-map queue-limit) and answered with a duplicate ACK that repeats
 * the receiver's own last ACK; when the hole fills, the segment and what it made contiguous
 * are forwarded in order. A held segment whose time is up is dropped (tcp-buffer-timeout), as
 * is one that finds the queue full (tcp-buffer-full) or already held (tcp-dup-in-queue).
 *
 * The inspector decides and forges; the firewall acts on the node: it is told through
 * callbacks to forward a held segment, to count and trace a drop, and of every hold, release
 * and dup ACK (for its counters' traces). It sends the dup ACKs itself, through IPv4.
 */
class FirewallTcpInspector
{
  public:
    /** L3's callbacks and device for one packet: what a held packet needs to go on later. */
    struct Delivery
    {
        Ptr<const NetDevice> idev;                         //!< incoming device
        Ipv4RoutingProtocol::UnicastForwardCallback ucb;   //!< forward
        Ipv4RoutingProtocol::MulticastForwardCallback mcb; //!< multicast forward
        Ipv4RoutingProtocol::LocalDeliverCallback lcb;     //!< local delivery
        Ipv4RoutingProtocol::ErrorCallback ecb;            //!< error
    };

    /** What the inspector tells its firewall about. */
    enum class Notice
    {
        HELD,     //!< a segment was queued after a hole
        RELEASED, //!< a held segment was forwarded
        DUP_ACK,  //!< a duplicate ACK was sent (the packet and its IP header)
    };

    /// Forward a segment out of turn, as if it had just arrived (a held one, or the one that
    /// filled the hole before it).
    typedef Callback<void, const TcpNormalizer::Segment&> ForwardCallback;
    /// Count and trace a drop.
    typedef Callback<void, Ptr<const Packet>, const Ipv4Header&, FirewallDropReason> DropCallback;
    /// Hear of a hold, a release or a dup ACK.
    typedef Callback<void, Notice, Ptr<const Packet>, const Ipv4Header&> NoticeCallback;

    /**
     * \param table the firewall's connections (a buffer timeout finds its entry by key)
     */
    explicit FirewallTcpInspector(FirewallConnectionTable& table);

    /**
     * \param ipv4 the node's IPv4, which sends the dup ACKs
     * \param forward \param drop \param notice the firewall's callbacks
     */
    void Setup(Ptr<Ipv4> ipv4, ForwardCallback forward, DropCallback drop, NoticeCallback notice);

    /** \param enabled answer each hold with a dup ACK (StatefulFirewall's DupAcks) */
    void SetDupAcks(bool enabled);
    /** \return whether holds are answered with dup ACKs */
    bool GetDupAcks() const;
    /** \param enabled put SACK blocks for the held data in dup ACKs (RFC 2018; DupAckSack) */
    void SetDupAckSack(bool enabled);
    /** \return whether dup ACKs carry SACK blocks */
    bool GetDupAckSack() const;
    /** \param enabled compute the dup ACKs' TCP checksums (the global ChecksumEnabled) */
    void SetChecksums(bool enabled);

    /** Drop the references Setup() gave. */
    void Dispose();

    /**
     * Run an accepted data segment (payload or FIN) through its direction's normalizer.
     * \param conn the connection \param dir who sent it \param seg the segment \param p the
     * packet \param header its IP header \param d L3's callbacks for it
     * \return true when the packet was consumed (held, dropped or forwarded out of turn)
     */
    bool Inspect(FirewallConnection& conn,
                 FirewallDirection dir,
                 const TcpSegmentView& seg,
                 Ptr<const Packet> p,
                 const Ipv4Header& header,
                 const Delivery& d);

    /** \return segments held since the start */
    uint64_t GetHeldCount() const;

    /** \return duplicate ACKs sent since the start */
    uint64_t GetDupAcksSent() const;

  private:
    /**
     * (Re)schedule the buffer timeout of one direction.
     * \param conn the connection \param dir the direction
     */
    void ScheduleBufferTimeout(FirewallConnection& conn, FirewallDirection dir);

    /**
     * Drop the held segments of one direction whose time is up.
     * \param key the connection \param dir the direction
     */
    void BufferTimeout(FirewallFlowKey key, FirewallDirection dir);

    /**
     * Send a duplicate ACK to the sender of direction \p dir on behalf of its receiver.
     * \param conn the connection \param dir the sender's direction \param header the IP header
     * of the segment that arrived after the hole \param seg that segment
     */
    void SendDupAck(FirewallConnection& conn,
                    FirewallDirection dir,
                    const Ipv4Header& header,
                    const TcpSegmentView& seg);

    FirewallConnectionTable& m_table; //!< the firewall's connections
    Ptr<Ipv4> m_ipv4;                 //!< the node's IPv4
    ForwardCallback m_forward;        //!< forwards out of turn
    DropCallback m_drop;              //!< counts a drop
    NoticeCallback m_notice;          //!< hears of holds, releases, dup ACKs
    bool m_dupAcks{true};             //!< answer a hold with a dup ACK
    bool m_dupAckSack{false};         //!< SACK blocks in the dup ACKs
    bool m_checksums{false};          //!< TCP checksums on the dup ACKs
    uint64_t m_held{0};               //!< segments held
    uint64_t m_dupAcksSent{0};        //!< dup ACKs sent
};

} // namespace ns3

#endif /* FIREWALL_TCP_INSPECTOR_H */
