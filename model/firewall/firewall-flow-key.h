/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_FLOW_KEY_H
#define FIREWALL_FLOW_KEY_H

#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The key of one connection in the firewall's table.
 *
 * TCP, UDP and ICMP echo are keyed by their 5-tuple (ICMP by its echo identifier), written in one
 * canonical order (the lower address/port end first) so that both directions find the same
 * entry with one lookup. An ESP security association is one-way and is keyed by
 * (source, destination, SPI), so the two SAs of a pair are two entries.
 */
struct FirewallFlowKey
{
    uint32_t lowAddress{0};  //!< the lower endpoint's IPv4 address (source, for ESP)
    uint32_t highAddress{0}; //!< the higher endpoint's IPv4 address (destination, for ESP)
    uint32_t ids{0};         //!< low port << 16 | high port; the SPI (ESP); the echo id (ICMP)
    uint8_t protocol{0};     //!< IP protocol number

    /// IP protocol number of ESP (RFC 4303, 2), keyed one-way by its SPI.
    static constexpr uint8_t ESP_PROTOCOL = 50;

    /**
     * The key of a packet's flow, the same for both of its directions.
     * \param protocol IP protocol number
     * \param source the packet's source address
     * \param destination its destination address
     * \param sourcePort its source port (for ESP the SPI's high 16 bits; for ICMP echo the id)
     * \param destinationPort its destination port (for ESP the SPI's low 16 bits; ICMP: the id)
     * \return the key: the lower (address, port) end first, except for ESP
     */
    static FirewallFlowKey Make(uint8_t protocol,
                                Ipv4Address source,
                                Ipv4Address destination,
                                uint16_t sourcePort,
                                uint16_t destinationPort)
    {
        uint32_t a = source.Get();
        uint32_t b = destination.Get();
        if (protocol != ESP_PROTOCOL && (a > b || (a == b && sourcePort > destinationPort)))
        {
            std::swap(a, b);
            std::swap(sourcePort, destinationPort);
        }
        FirewallFlowKey key;
        key.lowAddress = a;
        key.highAddress = b;
        key.ids = static_cast<uint32_t>(sourcePort) << 16 | destinationPort;
        key.protocol = protocol;
        return key;
    }

    /**
     * \param other another key
     * \return true when both keys name the same connection
     */
    bool operator==(const FirewallFlowKey& other) const
    {
        return lowAddress == other.lowAddress && highAddress == other.highAddress &&
               ids == other.ids && protocol == other.protocol;
    }
};

/**
 * \ingroup vpn
 * \brief Hash of a FirewallFlowKey for std::unordered_map: the 13 key bytes folded into 64 bits
 * and mixed with the SplitMix64 finaliser, so that nearby addresses and ports spread over the
 * buckets.
 */
struct FirewallFlowKeyHash
{
    /**
     * \param key the key
     * \return its hash
     */
    size_t operator()(const FirewallFlowKey& key) const
    {
        uint64_t x = (static_cast<uint64_t>(key.lowAddress) << 32) ^ key.highAddress;
        x ^= (static_cast<uint64_t>(key.ids) << 8 | key.protocol) * 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return static_cast<size_t>(x ^ (x >> 31));
    }
};

} // namespace ns3

#endif /* FIREWALL_FLOW_KEY_H */
