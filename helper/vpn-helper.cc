/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-helper.h"

#include "ns3/enum.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/virtual-net-device.h"
#include "ns3/vpn-carrier.h"

#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnHelper");

namespace
{

/// A carrier the helper offers: the class and the attribute value that make it that carrier.
/// Its name is the carrier's own (VpnCarrier::GetName), never spelled here.
struct CarrierEntry
{
    const char* typeId;    //!< the class
    const char* attribute; //!< an attribute to set, or nullptr
    const char* value;     //!< its value
};

/// The carriers, in the order users see them.
const CarrierEntry g_carriers[] = {
    {"ns3::EspCarrier", nullptr, nullptr},
    {"ns3::UdpEncapCarrier", "Mode", "natt"},
    {"ns3::UdpEncapCarrier", "Mode", "cisco-udp"},
    {"ns3::CtcpCarrier", nullptr, nullptr},
    {"ns3::TcpEncapCarrier", nullptr, nullptr},
    {"ns3::SslVpnCarrier", "EnableDtls", "true"},
    {"ns3::SslVpnCarrier", "EnableDtls", "false"},
};

/**
 * \param entry a carrier the helper offers
 * \return a factory of it
 */
ObjectFactory
FactoryOf(const CarrierEntry& entry)
{
    ObjectFactory factory;
    factory.SetTypeId(entry.typeId);
    if (entry.attribute)
    {
        factory.Set(entry.attribute, StringValue(entry.value));
    }
    return factory;
}

/**
 * \return each carrier's name (asked of one instance, once), in g_carriers' order
 */
const std::vector<std::string>&
Names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : g_carriers)
        {
            out.push_back(FactoryOf(entry).Create<VpnCarrier>()->GetName());
        }
        return out;
    }();
    return names;
}

/**
 * Set an attribute on a factory's object type without aborting: ns-3's checker decides.
 * \param factory the factory
 * \param name attribute name
 * \param value attribute value
 * \param [out] error the reason on failure
 * \return true on success
 */
bool
SetChecked(ObjectFactory& factory,
           const std::string& name,
           const AttributeValue& value,
           std::string& error)
{
    TypeId::AttributeInformation info;
    if (!factory.GetTypeId().LookupAttributeByName(name, &info))
    {
        error = "no attribute '" + name + "' in " + factory.GetTypeId().GetName();
        return false;
    }
    Ptr<AttributeValue> checked = info.checker->CreateValidValue(value);
    if (!checked)
    {
        error = "bad value '" + value.SerializeToString(info.checker) + "' for " + name + " of " +
                factory.GetTypeId().GetName() +
                "; accepted: " + info.checker->GetUnderlyingTypeInformation();
        return false;
    }
    factory.Set(name, *checked);
    return true;
}

} // namespace

VpnHelper::VpnHelper()
{
    m_tunnelFactory.SetTypeId("ns3::VpnTunnelEndpoint");
    std::string error;
    SetCarrier("natt", error);
}

std::vector<std::string>
VpnHelper::CarrierNames()
{
    return Names();
}

Ptr<VpnCarrier>
VpnHelper::CreateCarrier(const std::string& name)
{
    VpnHelper helper;
    std::string error;
    if (!helper.SetCarrier(name, error))
    {
        return nullptr;
    }
    return helper.m_carrierFactory.Create<VpnCarrier>();
}

bool
VpnHelper::SetCarrier(const std::string& name, std::string& error)
{
    for (size_t i = 0; i < Names().size(); ++i)
    {
        if (name == Names()[i])
        {
            m_carrierName = name;
            m_carrierFactory = FactoryOf(g_carriers[i]);
            return true;
        }
    }
    std::ostringstream accepted;
    for (const auto& n : CarrierNames())
    {
        accepted << (accepted.tellp() > 0 ? "|" : "") << n;
    }
    error = "unknown carrier '" + name + "'; accepted: " + accepted.str();
    return false;
}

std::string
VpnHelper::GetCarrier() const
{
    return m_carrierName;
}

bool
VpnHelper::SetCarrierAttributeFailSafe(const std::string& name,
                                       const AttributeValue& value,
                                       std::string& error)
{
    return SetChecked(m_carrierFactory, name, value, error);
}

bool
VpnHelper::SetTunnelAttributeFailSafe(const std::string& name,
                                      const AttributeValue& value,
                                      std::string& error)
{
    // The endpoint's checkers judge cipher-suite names and window sizes too.
    return SetChecked(m_tunnelFactory, name, value, error);
}

void
VpnHelper::SetCarrierAttribute(const std::string& name, const AttributeValue& value)
{
    std::string error;
    NS_ABORT_MSG_IF(!SetCarrierAttributeFailSafe(name, value, error), "VpnHelper: " << error);
}

void
VpnHelper::SetTunnelAttribute(const std::string& name, const AttributeValue& value)
{
    std::string error;
    NS_ABORT_MSG_IF(!SetTunnelAttributeFailSafe(name, value, error), "VpnHelper: " << error);
}

ApplicationContainer
VpnHelper::InstallHeadend(Ptr<Node> node,
                          Ipv4Address wanAddress,
                          Ipv4Address tunAddress,
                          Ipv4Mask tunMask) const
{
    return Install(node,
                   VpnTunnelEndpoint::HEADEND,
                   wanAddress,
                   Ipv4Address(),
                   tunAddress,
                   tunMask);
}

ApplicationContainer
VpnHelper::InstallClient(Ptr<Node> node,
                         Ipv4Address wanAddress,
                         Ipv4Address headendAddress,
                         Ipv4Address tunAddress,
                         Ipv4Mask tunMask) const
{
    return Install(node,
                   VpnTunnelEndpoint::CLIENT,
                   wanAddress,
                   headendAddress,
                   tunAddress,
                   tunMask);
}

ApplicationContainer
VpnHelper::Install(Ptr<Node> node,
                   VpnTunnelEndpoint::Role role,
                   Ipv4Address wanAddress,
                   Ipv4Address headendAddress,
                   Ipv4Address tunAddress,
                   Ipv4Mask tunMask) const
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(!ipv4, "VpnHelper: node " << node->GetId() << " has no IPv4 stack");
    const int32_t wanIf = ipv4->GetInterfaceForAddress(wanAddress);
    NS_ABORT_MSG_IF(wanIf < 0,
                    "VpnHelper: " << wanAddress << " is not an address of node " << node->GetId());
    const uint16_t outerMtu = ipv4->GetNetDevice(wanIf)->GetMtu();

    Ptr<VpnCarrier> carrier = m_carrierFactory.Create<VpnCarrier>();
    carrier->Install(node, wanAddress);

    Ptr<VpnTunnelEndpoint> endpoint = m_tunnelFactory.Create<VpnTunnelEndpoint>();
    endpoint->SetAttribute("Role", EnumValue(role));
    endpoint->SetAttribute("HeadendAddress", Ipv4AddressValue(headendAddress));
    endpoint->SetAttribute("InnerAddress", Ipv4AddressValue(tunAddress));
    endpoint->SetCarrier(carrier);

    Ptr<VirtualNetDevice> tun = CreateObject<VirtualNetDevice>();
    tun->SetAddress(Mac48Address::Allocate());
    const uint16_t innerMtu = endpoint->ComputeInnerMtu(outerMtu);
    NS_ABORT_MSG_IF(innerMtu < 68,
                    "VpnHelper: outer MTU " << outerMtu << " leaves no room for IPv4 through "
                                            << m_carrierName);
    tun->SetMtu(innerMtu);
    node->AddDevice(tun);
    endpoint->SetTunDevice(tun);

    const uint32_t tunIf = ipv4->AddInterface(tun);
    ipv4->AddAddress(tunIf, Ipv4InterfaceAddress(tunAddress, tunMask));
    ipv4->SetMetric(tunIf, 1);
    ipv4->SetUp(tunIf);

    node->AddApplication(endpoint);
    NS_LOG_INFO("node " << node->GetId() << ": "
                        << (role == VpnTunnelEndpoint::CLIENT ? "client" : "headend") << " over "
                        << m_carrierName << ", outer MTU " << outerMtu << ", inner MTU "
                        << innerMtu);
    return ApplicationContainer(endpoint);
}

void
VpnHelper::AddRouteThroughTunnel(Ptr<Node> client, Ipv4Address network, Ipv4Mask mask)
{
    Ptr<Ipv4L3Protocol> ipv4 = client->GetObject<Ipv4L3Protocol>();
    for (uint32_t i = 0; i < client->GetNApplications(); ++i)
    {
        Ptr<VpnTunnelEndpoint> endpoint = DynamicCast<VpnTunnelEndpoint>(client->GetApplication(i));
        if (endpoint && endpoint->GetTunDevice())
        {
            const int32_t tunIf = ipv4->GetInterfaceForDevice(endpoint->GetTunDevice());
            Ipv4StaticRoutingHelper helper;
            helper.GetStaticRouting(ipv4)->AddNetworkRouteTo(network, mask, tunIf);
            return;
        }
    }
    NS_ABORT_MSG("VpnHelper: node " << client->GetId() << " has no VPN endpoint");
}

int64_t
VpnHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    int64_t used = 0;
    for (auto it = apps.Begin(); it != apps.End(); ++it)
    {
        Ptr<VpnTunnelEndpoint> endpoint = DynamicCast<VpnTunnelEndpoint>(*it);
        if (endpoint)
        {
            used += endpoint->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3
