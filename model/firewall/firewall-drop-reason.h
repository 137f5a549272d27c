/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_DROP_REASON_H
#define FIREWALL_DROP_REASON_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Why the stateful firewall dropped a packet, named as the ASA's `show asp drop` names it.
 *
 * The names are the keywords of the Cisco ASA command reference, "show asp drop command
 * usage" (frame drop reasons; acl-drop is "Flow is denied by configured rule", the drop of a
 * packet that an access-list deny entry refuses). FirewallDropReasonName() gives the keyword; the
 * counters and the Drop trace of StatefulFirewall use this enumeration.
 */
enum class FirewallDropReason : uint8_t
{
    TCP_NOT_SYN = 0,        //!< tcp-not-syn: first packet of a TCP flow is not a SYN
    TCP_3WHS_FAILED,        //!< tcp-3whs-failed: a packet breaks the three-way handshake
    TCP_SEQ_PAST_WIN,       //!< tcp-seq-past-win: data past the receiver's advertised window
    TCP_INVALID_ACK,        //!< tcp-invalid-ack: acknowledges data the peer never sent
    TCP_RSTFIN_OOO,         //!< tcp-rstfin-ooo: RST or FIN outside the window
    TCP_BUFFER_FULL,        //!< tcp-buffer-full: the out-of-order queue is full
    TCP_BUFFER_TIMEOUT,     //!< tcp-buffer-timeout: held out of order longer than the timeout
    TCP_DUP_IN_QUEUE,       //!< tcp-dup-in-queue: a copy of a segment already queued
    INVALID_TCP_HDR_LENGTH, //!< invalid-tcp-hdr-length: truncated or malformed TCP header
    ACL_DROP,               //!< acl-drop: a new connection matched a `deny` class (access-list)
    COUNT                   //!< number of reasons (not a reason)
};

/**
 * \ingroup vpn
 * \param reason a drop reason
 * \return its `show asp drop` keyword, e.g. "tcp-buffer-timeout"
 */
std::string FirewallDropReasonName(FirewallDropReason reason);

/**
 * \ingroup vpn
 * \param reason a drop reason
 * \return the description `show asp drop` prints before the keyword
 */
std::string FirewallDropReasonDescription(FirewallDropReason reason);

/**
 * \ingroup vpn
 * Packets dropped, one counter per FirewallDropReason (indexed by its value).
 */
typedef std::array<uint64_t, static_cast<size_t>(FirewallDropReason::COUNT)> FirewallDropCounts;

} // namespace ns3

#endif /* FIREWALL_DROP_REASON_H */
