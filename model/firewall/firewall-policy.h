/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_POLICY_H
#define FIREWALL_POLICY_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief What the firewall does with the connections of a policy class.
 *
 * ASA CLI configuration guide, "Connection Settings" and "Getting Started with Application Layer
 * Protocol Inspection"; DENY is an `access-list ... deny` entry on the interface (ASA CLI
 * configuration guide, "Access Control Lists"), which the ASA checks only when a connection is
 * created: packets of connections already in the table keep flowing.
 */
enum class FirewallAction : uint8_t
{
    INSPECT,  //!< application inspection or IPS: tracking plus the TCP normalizer (queue-limit 3)
    STATEFUL, //!< plain stateful tracking: sequence checks, out-of-order segments pass
    BYPASS,   //!< `set connection advanced-options tcp-state-bypass`: TCP handled like UDP
    PROXY,    //!< full split-TCP proxy: the firewall terminates TCP on both sides
    DENY,     //!< access-list deny: the first packet of a new connection is dropped (acl-drop)
};

/**
 * \ingroup vpn
 * \param action an action
 * \return its name in a class specification: "inspect", "stateful", "bypass", "proxy" or "deny"
 */
std::string FirewallActionName(FirewallAction action);

/**
 * \ingroup vpn
 * \brief One class of the policy: a match and an action, as `class-map` plus `policy-map`.
 *
 * Unset fields match anything. Ports match TCP and UDP only. A disabled class matches nothing
 * (an ACL entry marked `inactive`).
 */
struct FirewallClass
{
    std::string name;                                //!< the class's name, for show output
    uint8_t protocol{0};                             //!< IP protocol number; 0 matches any
    Ipv4Address source{Ipv4Address::GetAny()};       //!< source network
    Ipv4Mask sourceMask{Ipv4Mask::GetZero()};        //!< source mask (zero matches any)
    Ipv4Address destination{Ipv4Address::GetAny()};  //!< destination network
    Ipv4Mask destinationMask{Ipv4Mask::GetZero()};   //!< destination mask
    uint16_t sourcePortLow{0};                       //!< lowest source port matched
    uint16_t sourcePortHigh{65535};                  //!< highest source port matched
    uint16_t destinationPortLow{0};                  //!< lowest destination port matched
    uint16_t destinationPortHigh{65535};             //!< highest destination port matched
    FirewallAction action{FirewallAction::STATEFUL}; //!< what to do with matching connections
    uint32_t queueLimit{0};   //!< tcp-map queue-limit, 0-250; 0 = firewall default
    Time timeout{Seconds(0)}; //!< tcp-map queue timeout; 0 = firewall default
    bool enabled{true};       //!< false: the class matches nothing

    /**
     * \param protocolNumber IP protocol of the first packet
     * \param src its source address
     * \param dst its destination address
     * \param sport its source port (0 when the protocol has none)
     * \param dport its destination port (0 when the protocol has none)
     * \return true when the first packet of a connection belongs to this class
     */
    bool Matches(uint8_t protocolNumber,
                 Ipv4Address src,
                 Ipv4Address dst,
                 uint16_t sport,
                 uint16_t dport) const;
};

/**
 * \ingroup vpn
 * \brief The ordered list of policy classes of a StatefulFirewall; the first match wins.
 *
 * Classes are written as text, one class per string, `key=value` words separated by spaces:
 *
 * \verbatim
 *   name=ctcp proto=tcp dport=10000 action=inspect queue-limit=3 timeout=4
 *   name=web proto=tcp dst=10.2.0.0/16 dport=80-443 action=proxy
 *   name=esp proto=esp action=stateful
 *   name=block-dtls proto=udp dport=443 action=deny enabled=no
 * \endverbatim
 *
 * Keys: `name`, `proto` (tcp, udp, esp, icmp, any or a number 0-255), `src` and `dst`
 * (a.b.c.d or a.b.c.d/len), `sport` and `dport` (n or n-m), `action` (inspect, stateful, bypass,
 * proxy, deny), `queue-limit` (0-250, the ASA's tcp-map range; 0 keeps the default), `timeout`
 * (1-20 seconds, the ASA's range) and `enabled` (yes, the default, or no). Bad text is refused with
 * one line naming the word at fault and what is accepted; nothing aborts.
 */
class FirewallPolicy
{
  public:
    /**
     * Parse one class and append it.
     * \param spec the class, as above
     * \param [out] error one line naming what is wrong and what is accepted, on failure
     * \return true when the class was added
     */
    bool AddClass(const std::string& spec, std::string& error);

    /**
     * Parse one class without adding it.
     * \param spec the class
     * \param [out] parsed the class, on success
     * \param [out] error one line on failure
     * \return true on success
     */
    static bool ParseClass(const std::string& spec, FirewallClass& parsed, std::string& error);

    /**
     * \param text an action name
     * \param [out] action the action, on success
     * \param [out] error one line on failure
     * \return true when text names an action
     */
    static bool ParseAction(const std::string& text, FirewallAction& action, std::string& error);

    /**
     * Check a queue-limit against the ASA's range.
     * \param limit the value
     * \param [out] error one line on failure
     * \return true when 0 <= limit <= 250
     */
    static bool CheckQueueLimit(int64_t limit, std::string& error);

    /**
     * Check an out-of-order timeout against the ASA's range.
     * \param timeout the value
     * \param [out] error one line on failure
     * \return true when 1 s <= timeout <= 20 s
     */
    static bool CheckTimeout(Time timeout, std::string& error);

    /**
     * \param protocol IP protocol of the first packet
     * \param src its source address
     * \param dst its destination address
     * \param sport its source port (0 when none)
     * \param dport its destination port (0 when none)
     * \return the first class that matches, or nullptr
     */
    const FirewallClass* Match(uint8_t protocol,
                               Ipv4Address src,
                               Ipv4Address dst,
                               uint16_t sport,
                               uint16_t dport) const;

    /** \return the classes, in match order */
    const std::vector<FirewallClass>& GetClasses() const;

    /**
     * Enable or disable every class of a name (a disabled class matches nothing). Classes may
     * share a name, as the entries of one ASA access-list do: a deny of UDP 443 both ways is
     * two classes, `dport=443` and `sport=443`, switched together.
     * \param name the classes' name
     * \param enabled the new state
     * \param [out] error one line naming the unknown class, on failure
     * \return false when no class has that name
     */
    bool SetEnabled(const std::string& name, bool enabled, std::string& error);

    /** Largest queue-limit the ASA accepts. */
    static constexpr uint32_t MAX_QUEUE_LIMIT = 250;
    /** Queue-limit used for inspected traffic when the configured value is 0. */
    static constexpr uint32_t DEFAULT_INSPECT_QUEUE_LIMIT = 3;
    /** tcp-map queue-limit timeout default in seconds, fixed where the queue-limit is 0. */
    static constexpr uint32_t DEFAULT_QUEUE_TIMEOUT_S = 4;

  private:
    std::vector<FirewallClass> m_classes; //!< in match order
};

} // namespace ns3

#endif /* FIREWALL_POLICY_H */
