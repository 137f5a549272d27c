/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_CONNECTION_TABLE_H
#define FIREWALL_CONNECTION_TABLE_H

#include "firewall-connection.h"
#include "firewall-flow-key.h"

#include <cstddef>
#include <functional>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The firewall's connection table: a hash map from FirewallFlowKey to FirewallConnection,
 * one lookup per packet.
 *
 * Entries are node-based, so a reference to a connection stays valid until that connection is
 * erased, whatever else is inserted. Expiry is the firewall's business (it schedules one idle
 * check per entry); the table stores, accounts, and cancels an entry's events when it erases it.
 */
class FirewallConnectionTable
{
  public:
    /**
     * \param key a flow key
     * \return the connection, or nullptr
     */
    FirewallConnection* Find(const FirewallFlowKey& key);

    /**
     * Insert a fresh connection (the key must not be present).
     * \param key its key
     * \return the new entry, its key set
     */
    FirewallConnection& Insert(const FirewallFlowKey& key);

    /**
     * Erase a connection, cancelling its pending events.
     * \param key the key of the connection to erase (no-op when absent)
     */
    void Erase(const FirewallFlowKey& key);

    /** Erase every entry, cancelling their pending events. */
    void Clear();

    /** \return the number of connections */
    size_t GetSize() const;

    /**
     * Visit every connection (in no particular order).
     * \param visit called once per connection
     */
    void ForEach(const std::function<void(const FirewallConnection&)>& visit) const;

    /**
     * \return the bytes the table itself spends on one entry: the hash node (key, connection,
     * next pointer, cached hash) and one bucket pointer at load factor 1. Held packets, queued
     * events and normalizer queues come on top (see doc/vpn.rst for measured figures).
     */
    static size_t GetBytesPerEntry();

  private:
    /** The map type. */
    typedef std::unordered_map<FirewallFlowKey, FirewallConnection, FirewallFlowKeyHash> Map;
    Map m_map; //!< the entries
};

} // namespace ns3

#endif /* FIREWALL_CONNECTION_TABLE_H */
