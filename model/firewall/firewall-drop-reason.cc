/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-drop-reason.h"

#include <array>

namespace ns3
{

namespace
{

/** Keyword and description of one drop reason. */
struct ReasonText
{
    const char* name;        //!< `show asp drop` keyword
    const char* description; //!< the description printed before it
};

/** Indexed by FirewallDropReason. */
constexpr std::array<ReasonText, static_cast<size_t>(FirewallDropReason::COUNT)> g_reasons{{
    {"tcp-not-syn", "First TCP packet not SYN"},
    {"tcp-3whs-failed", "TCP failed 3 way handshake"},
    {"tcp-seq-past-win", "TCP packet SEQ past window"},
    {"tcp-invalid-ack", "TCP invalid ACK"},
    {"tcp-rstfin-ooo", "TCP RST/FIN out of order"},
    {"tcp-buffer-full", "TCP Out-of-Order packet buffer full"},
    {"tcp-buffer-timeout", "TCP Out-of-Order packet buffer timeout"},
    {"tcp-dup-in-queue", "TCP Dup of packet in Out-of-Order queue"},
    {"invalid-tcp-hdr-length", "Invalid TCP Length"},
    // Cisco ASA command reference, "show asp drop command usage": "Flow is denied by configured
    // rule (acl-drop)", counted when an access-list deny (or the implicit deny) refuses a flow.
    {"acl-drop", "Flow is denied by configured rule"},
}};

} // namespace

std::string
FirewallDropReasonName(FirewallDropReason reason)
{
    return g_reasons.at(static_cast<size_t>(reason)).name;
}

std::string
FirewallDropReasonDescription(FirewallDropReason reason)
{
    return g_reasons.at(static_cast<size_t>(reason)).description;
}

} // namespace ns3
