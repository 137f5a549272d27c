/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_TCP_TRACKER_H
#define FIREWALL_TCP_TRACKER_H

#include "firewall-connection.h"
#include "firewall-drop-reason.h"

#include "ns3/packet.h"
#include "ns3/tcp-segment-view.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The firewall's TCP state tracking: handshake, sequence and window, ACK validity,
 * FIN and RST, per direction of one connection.
 *
 * After "Real Stateful TCP Packet Filtering in IP Filter" (G. van Rooij, 2001), which Linux
 * conntrack and the ASA follow in spirit: a segment must fall within the window its receiver
 * offered (td_maxend), an ACK may not acknowledge what was never sent (td_end), and the window
 * scale holds only when both SYNs offered it (RFC 7323, 2.2). A segment that fails is dropped
 * under the `show asp drop` keyword the ASA uses for it (tcp-3whs-failed, tcp-seq-past-win,
 * tcp-invalid-ack, tcp-rstfin-ooo). The tracker keeps no state of its own: it reads and writes
 * the connection's FirewallConnection::TcpPeer figures.
 */
class FirewallTcpTracker
{
  public:
    /**
     * Start tracking a connection from its initiator's SYN.
     * \param conn the new connection (its queue limit set: a normalizer is made per direction
     *        once the handshake shows both ISNs)
     * \param seg the SYN \param p the packet (for its options)
     */
    static void Open(FirewallConnection& conn, const TcpSegmentView& seg, Ptr<const Packet> p);

    /**
     * Check a segment of a tracked connection and update the tracking.
     * \param conn the connection \param dir who sent the segment
     * \param seg the segment \param p the packet (for options)
     * \param [out] reason set when the segment must be dropped
     * \return false when the segment must be dropped
     */
    static bool Track(FirewallConnection& conn,
                      FirewallDirection dir,
                      const TcpSegmentView& seg,
                      Ptr<const Packet> p,
                      FirewallDropReason& reason);

  private:
    /**
     * Where the connection's queue follows the window (queue-limit 0 under inspection; ASA CLI
     * configuration guide, Connection Settings: "If the ASA receives a TCP packet with a
     * different window size, then the queue limit is dynamically changed to match the
     * advertised setting"), set the limit of the queue of segments sent in \p dir to as many
     * packets as the receiver's last window has room for: window / the sender's largest payload
     * so far (before any, the MSS the receiver announced, 536 without the option), at least 1 and
     * at most 250. Called when the receiver's window changes, and again when the sender's
     * packets grow once it has been. The conversion to packets and the bound of 250 (the
     * configurable range's top) are assumptions: the guide gives neither.
     * \param conn the connection \param dir the direction of the queued segments
     */
    static void FollowWindow(FirewallConnection& conn, FirewallDirection dir);
};

} // namespace ns3

#endif /* FIREWALL_TCP_TRACKER_H */
