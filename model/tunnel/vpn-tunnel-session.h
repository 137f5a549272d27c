/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_TUNNEL_SESSION_H
#define VPN_TUNNEL_SESSION_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/vpn-control-plane.h"
#include "ns3/vpn-tunnel-endpoint.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief One tunnel session: the client's only one, or one client at a headend.
 *
 * The endpoint owns the sessions and their life cycle; what the tunnel family needs besides (an
 * IKE SA and its ESP SAs, say) is the control plane's SessionState.
 */
struct VpnTunnelSession
{
    uint32_t id{0};                                          //!< session id
    VpnTunnelEndpoint::State state{VpnTunnelEndpoint::DOWN}; //!< life-cycle state
    uint32_t peer{0};                                        //!< carrier handle
    Ipv4Address inner;                                       //!< the client's inner address
    Time lastRx;                                             //!< last packet received from the peer
    std::unique_ptr<VpnControlPlane::SessionState> control;  //!< the control plane's part
};

} // namespace ns3

#endif /* VPN_TUNNEL_SESSION_H */
