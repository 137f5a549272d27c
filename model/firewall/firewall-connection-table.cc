/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-connection-table.h"

#include "ns3/assert.h"

namespace ns3
{

FirewallConnection*
FirewallConnectionTable::Find(const FirewallFlowKey& key)
{
    auto it = m_map.find(key);
    return it == m_map.end() ? nullptr : &it->second;
}

FirewallConnection&
FirewallConnectionTable::Insert(const FirewallFlowKey& key)
{
    auto [it, inserted] = m_map.try_emplace(key);
    NS_ASSERT_MSG(inserted, "connection already in the table");
    it->second.key = key;
    return it->second;
}

void
FirewallConnectionTable::Erase(const FirewallFlowKey& key)
{
    auto it = m_map.find(key);
    if (it != m_map.end())
    {
        it->second.CancelEvents();
        m_map.erase(it);
    }
}

void
FirewallConnectionTable::Clear()
{
    for (auto& [key, conn] : m_map)
    {
        conn.CancelEvents();
    }
    m_map.clear();
}

size_t
FirewallConnectionTable::GetSize() const
{
    return m_map.size();
}

void
FirewallConnectionTable::ForEach(const std::function<void(const FirewallConnection&)>& visit) const
{
    for (const auto& [key, conn] : m_map)
    {
        visit(conn);
    }
}

size_t
FirewallConnectionTable::GetBytesPerEntry()
{
    // libstdc++'s node: next pointer, the value, the cached hash; plus one bucket pointer.
    return sizeof(void*) + sizeof(Map::value_type) + sizeof(size_t) + sizeof(void*);
}

} // namespace ns3
