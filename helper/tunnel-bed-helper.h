/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TUNNEL_BED_HELPER_H
#define TUNNEL_BED_HELPER_H

#include "ns3/application-container.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/vpn-helper.h"
#include "ns3/vpn-tunnel-endpoint.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Builds the small bed one tunnel is studied on: a VPN client, its headend, and a server
 * on the LAN behind the headend, with the tunnel up between client and headend.
 *
 *   client --WAN 10 Mbps, 20 ms-- headend --LAN 100 Mbps, 1 ms-- server
 *   10.8.0.2 (tun)                10.8.0.1 (tun)                 192.168.10.2
 *
 * The WAN is 172.16.0.0/30 (client .1, headend .2). With a router (for a firewall), the WAN is
 * two 10 Mbps, 10 ms links through node 3, 172.16.0.0/30 (client .1, router .2) and
 * 172.16.0.4/30 (router .5, headend .6), with static routes. The client routes the LAN
 * 192.168.10.0/24 through its tunnel; the server's default route is the headend (.1). The
 * client starts at 0.1 s, the headend at 0.
 *
 * \code
 *   VpnHelper vpn;
 *   vpn.SetCarrier("natt", error);
 *   TunnelBedHelper bed;
 *   ApplicationContainer endpoints = bed.Install(vpn); // headend, client
 *   bed.AssignStreams(1);
 * \endcode
 */
class TunnelBedHelper
{
  public:
    TunnelBedHelper();

    /**
     * Put a router between client and headend.
     * \param router true for the routed WAN (node 3)
     */
    void SetRouter(bool router);

    /**
     * Build the bed and install the tunnel's two endpoints.
     * \param vpn the VpnHelper, with its carrier and tunnel attributes set
     * \return the headend's and the client's VpnTunnelEndpoint
     */
    ApplicationContainer Install(const VpnHelper& vpn);

    /**
     * Assign fixed random variable streams to both endpoints (VpnHelper::AssignStreams).
     * \param stream the first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /** \return client, headend, server (and the router, if any) */
    NodeContainer GetNodes() const;

    /** \return the client's and the headend's WAN devices */
    NetDeviceContainer GetWan() const;

    /** \return the router's devices toward client and headend (empty without a router) */
    NetDeviceContainer GetRouterWan() const;

    /** \return the headend's and the server's LAN devices */
    NetDeviceContainer GetLan() const;

    /** \return the client endpoint */
    Ptr<VpnTunnelEndpoint> GetClient() const;

    /** \return the headend endpoint */
    Ptr<VpnTunnelEndpoint> GetHeadend() const;

    /** \return the server's address on the LAN */
    Ipv4Address GetServerAddress() const;

  private:
    /**
     * Build the WAN through the router (node 3).
     * \param addresses the WAN's address helper, on 172.16.0.0/30
     * \param [out] wanIf the client's and headend's WAN interfaces
     */
    void InstallRoutedWan(Ipv4AddressHelper& addresses, Ipv4InterfaceContainer& wanIf);

    bool m_router{false};             //!< a router on the WAN
    NodeContainer m_nodes;            //!< client, headend, server (, router)
    NetDeviceContainer m_wan;         //!< client, headend WAN devices
    NetDeviceContainer m_routerWan;   //!< the router's devices
    NetDeviceContainer m_lan;         //!< headend, server
    Ipv4Address m_server;             //!< the server's address
    ApplicationContainer m_endpoints; //!< headend, client
};

} // namespace ns3

#endif /* TUNNEL_BED_HELPER_H */
