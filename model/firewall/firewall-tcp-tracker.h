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
};

} // namespace ns3

#endif /* FIREWALL_TCP_TRACKER_H */
