/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_HELPER_H
#define FIREWALL_HELPER_H

#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/stateful-firewall.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Installs a StatefulFirewall on forwarding nodes of any topology.
 *
 * Install() adds the firewall to the node's Ipv4ListRouting at priority 32767 (ahead of static
 * and global routing) and aggregates it to the node; end hosts and routes are untouched. The
 * settings checked here never abort: each setter returns false with a one-line error that names
 * the bad value and what is accepted.
 *
 * \code
 *   FirewallHelper fw;
 *   std::string error;
 *   if (!fw.AddClass("name=ctcp proto=tcp dport=10000 action=inspect", error)) { ... }
 *   Ptr<StatefulFirewall> asa = fw.Install(middleNode);
 * \endcode
 */
class FirewallHelper
{
  public:
    FirewallHelper();

    /**
     * Set an attribute of the firewalls to be installed (aborts on a bad value, as ns-3 does;
     * prefer the checked setters below for user input).
     * \param name the attribute's name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Append a policy class (see FirewallPolicy for the syntax).
     * \param spec e.g. "name=ctcp proto=tcp dport=10000 action=inspect queue-limit=3"
     * \param [out] error one line on failure
     * \return true when accepted
     */
    bool AddClass(const std::string& spec, std::string& error);

    /**
     * Set the global queue-limit (0: only inspected TCP is normalized, with 3; 1-250: all TCP).
     * \param limit the limit
     * \param [out] error one line on failure
     * \return true when 0 <= limit <= 250
     */
    bool SetQueueLimit(int64_t limit, std::string& error);

    /**
     * Set the out-of-order timeout.
     * \param timeout the timeout
     * \param [out] error one line on failure
     * \return true when 1 s <= timeout <= 20 s
     */
    bool SetTimeout(Time timeout, std::string& error);

    /**
     * Set the action for traffic that matches no class.
     * \param action "inspect", "stateful" or "bypass" ("proxy" needs a class with proto=tcp;
     *               "deny" a last class without match keys)
     * \param [out] error one line on failure
     * \return true when accepted
     */
    bool SetDefaultAction(const std::string& action, std::string& error);

    /**
     * Install a firewall on a node that has an Internet stack with Ipv4ListRouting.
     * \param node the forwarding node
     * \return the firewall
     */
    Ptr<StatefulFirewall> Install(Ptr<Node> node) const;

    /**
     * Install on several nodes.
     * \param nodes the nodes
     * \return the firewalls, in node order
     */
    std::vector<Ptr<StatefulFirewall>> Install(NodeContainer nodes) const;

    /** Priority of the firewall in the node's Ipv4ListRouting: the highest. */
    static constexpr int16_t PRIORITY = 32767;

  private:
    ObjectFactory m_factory;            //!< makes the firewalls
    std::vector<std::string> m_classes; //!< checked class specifications
};

} // namespace ns3

#endif /* FIREWALL_HELPER_H */
