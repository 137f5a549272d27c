/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_SHOW_H
#define FIREWALL_SHOW_H

#include "firewall-connection-table.h"
#include "firewall-drop-reason.h"
#include "firewall-policy.h"

#include "ns3/nstime.h"

#include <ostream>

namespace ns3
{

/**
 * \ingroup vpn
 * Print the non-zero drop counters as the ASA's `show asp drop` does: a "Frame drop:" title,
 * then one line per reason, its description and keyword, and the count.
 * \param os the stream \param drops the counters
 */
void PrintShowAspDrop(std::ostream& os, const FirewallDropCounts& drops);

/**
 * \ingroup vpn
 * Print the connection table as the ASA's `show conn` does: "N in use, M most used", then one
 * line per connection (protocol, endpoints or SPI, idle time as h:mm:ss, bytes, class and
 * action, state, and the normalizers' queues when there are any).
 * \param os the stream \param table the connections \param policy the classes (for names)
 * \param created connections created since the start \param now the time to count idle from
 */
void PrintShowConn(std::ostream& os,
                   const FirewallConnectionTable& table,
                   const FirewallPolicy& policy,
                   uint64_t created,
                   Time now);

} // namespace ns3

#endif /* FIREWALL_SHOW_H */
