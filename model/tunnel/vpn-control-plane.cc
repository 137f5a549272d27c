/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-control-plane.h"

#include "ikev1-control-plane.h"
#include "ikev2-control-plane.h"
#include "ssl-control-plane.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnControlPlane");

NS_OBJECT_ENSURE_REGISTERED(VpnControlPlane);

TypeId
VpnControlPlane::GetTypeId()
{
    static TypeId tid = TypeId("ns3::VpnControlPlane").SetParent<Object>().SetGroupName("Vpn");
    return tid;
}

Ptr<VpnControlPlane>
VpnControlPlane::ForCarrier(Ptr<const VpnCarrier> carrier)
{
    if (!carrier->CarriesEsp())
    {
        return CreateObject<SslControlPlane>();
    }
    if (carrier->GetIkeVersion() == VpnCarrier::IKEV1)
    {
        return CreateObject<Ikev1ControlPlane>();
    }
    return CreateObject<Ikev2ControlPlane>();
}

void
VpnControlPlane::SetEndpoint(VpnTunnelEndpoint* endpoint)
{
    m_endpoint = endpoint;
}

VpnTunnelEndpoint&
VpnControlPlane::Endpoint() const
{
    NS_ASSERT_MSG(m_endpoint, "VpnControlPlane: no endpoint");
    return *m_endpoint;
}

void
VpnControlPlane::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Clear();
    m_endpoint = nullptr;
    Object::DoDispose();
}

} // namespace ns3
