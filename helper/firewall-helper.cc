/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-helper.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/uinteger.h"

namespace ns3
{

FirewallHelper::FirewallHelper()
{
    m_factory.SetTypeId(StatefulFirewall::GetTypeId());
}

void
FirewallHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

bool
FirewallHelper::AddClass(const std::string& spec, std::string& error)
{
    FirewallClass parsed;
    if (!FirewallPolicy::ParseClass(spec, parsed, error))
    {
        return false;
    }
    m_classes.push_back(spec);
    return true;
}

bool
FirewallHelper::SetQueueLimit(int64_t limit, std::string& error)
{
    if (!FirewallPolicy::CheckQueueLimit(limit, error))
    {
        return false;
    }
    m_factory.Set("QueueLimit", UintegerValue(static_cast<uint32_t>(limit)));
    return true;
}

bool
FirewallHelper::SetTimeout(Time timeout, std::string& error)
{
    if (!FirewallPolicy::CheckTimeout(timeout, error))
    {
        return false;
    }
    m_factory.Set("Timeout", TimeValue(timeout));
    return true;
}

bool
FirewallHelper::SetDefaultAction(const std::string& action, std::string& error)
{
    FirewallAction parsed;
    if (!FirewallPolicy::ParseAction(action, parsed, error))
    {
        return false;
    }
    if (parsed == FirewallAction::PROXY)
    {
        error = "default action proxy: refused; give proxy a class with proto=tcp";
        return false;
    }
    if (parsed == FirewallAction::DENY)
    {
        error = "default action deny: refused; deny everything else with a last class that "
                "matches all (action=deny and no other keys)";
        return false;
    }
    m_factory.Set("DefaultAction", EnumValue(static_cast<int>(parsed)));
    return true;
}

Ptr<StatefulFirewall>
FirewallHelper::Install(Ptr<Node> node) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "FirewallHelper: node " << node->GetId() << " has no Internet stack");
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    NS_ABORT_MSG_IF(!list,
                    "FirewallHelper: node " << node->GetId()
                                            << " does not route with Ipv4ListRouting (install "
                                               "the stack with InternetStackHelper first)");
    Ptr<StatefulFirewall> firewall = m_factory.Create<StatefulFirewall>();
    for (const auto& spec : m_classes)
    {
        std::string error;
        const bool added = firewall->AddClass(spec, error);
        NS_ABORT_MSG_UNLESS(added, "FirewallHelper: checked class refused: " << error);
    }
    list->AddRoutingProtocol(firewall, PRIORITY);
    // Aggregated so that Node::Dispose runs its DoDispose at Simulator::Destroy.
    node->AggregateObject(firewall);
    return firewall;
}

std::vector<Ptr<StatefulFirewall>>
FirewallHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<StatefulFirewall>> firewalls;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        firewalls.push_back(Install(*it));
    }
    return firewalls;
}

} // namespace ns3
