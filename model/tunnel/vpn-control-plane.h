/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_CONTROL_PLANE_H
#define VPN_CONTROL_PLANE_H

#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/vpn-carrier.h"

#include <memory>

namespace ns3
{

class VpnTunnelEndpoint;
struct VpnTunnelSession;

/**
 * \ingroup vpn
 * \brief How a tunnel family establishes its sessions and moves inner packets.
 *
 * A VpnTunnelEndpoint keeps what every tunnel has (the tun device, the sessions and their life
 * cycle, the counters and traces, the reconnect policy); its control plane owns the rest. The
 * IPsec family (IpsecControlPlane) runs IKE, the ESP security associations and dead-peer
 * detection; the SSL family (SslControlPlane) exchanges inner addresses and leaves security and
 * liveness to its carrier. ForCarrier() picks the one a carrier needs.
 */
class VpnControlPlane : public Object
{
  public:
    /** What a control plane keeps per session; each plane extends it. */
    struct SessionState
    {
        virtual ~SessionState() = default;
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param carrier the tunnel's outer transport
     * \return a new control plane of the carrier's family
     */
    static Ptr<VpnControlPlane> ForCarrier(Ptr<const VpnCarrier> carrier);

    /** \param endpoint the endpoint that owns this control plane */
    void SetEndpoint(VpnTunnelEndpoint* endpoint);

    /** \return a fresh per-session state, for a session the endpoint creates */
    virtual std::unique_ptr<SessionState> NewSessionState() const = 0;

    /**
     * \param outerMtu the WAN device's MTU
     * \return the largest inner packet that fits once the family's and the carrier's overhead
     * are added (0 if nothing fits)
     */
    virtual uint16_t ComputeInnerMtu(uint16_t outerMtu) const = 0;

    /**
     * \param s a client's session
     * \return true while its establishment exchange is under way
     */
    virtual bool IsEstablishing(const VpnTunnelSession& s) const = 0;

    /**
     * Client: the carrier reached the headend; start establishing \p s.
     * \param s the client's session, CONNECTING
     */
    virtual void Establish(VpnTunnelSession& s) = 0;

    /**
     * A message from the carrier (the endpoint is running).
     * \param peer the sender's handle
     * \param message the message
     * \param kind CONTROL or DATA
     */
    virtual void Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind) = 0;

    /**
     * \param s a session that is Up
     * \return true if it can carry an inner packet now
     */
    virtual bool CanSend(const VpnTunnelSession& s) const = 0;

    /**
     * Send an inner packet through a session that CanSend().
     * \param s the session
     * \param inner the inner IPv4 packet
     * \return true if the packet entered the tunnel
     */
    virtual bool Send(VpnTunnelSession& s, Ptr<Packet> inner) = 0;

    /**
     * Forget a session's keys, timers and lookups (it failed, was replaced or the endpoint
     * stops).
     * \param s the session
     */
    virtual void Teardown(VpnTunnelSession& s) = 0;

    /** Forget every lookup (the endpoint stopped, all sessions torn down). */
    virtual void Clear() = 0;

    /**
     * \return the longest time a session may hear nothing from its peer before dead-peer
     * detection fails it, or zero when nothing detects a dead peer
     */
    virtual Time GetDeadPeerTime() const = 0;

  protected:
    /** Clear()s, then forgets the endpoint. */
    void DoDispose() override;

    /** \return the endpoint that owns this control plane */
    VpnTunnelEndpoint& Endpoint() const;

  private:
    VpnTunnelEndpoint* m_endpoint{nullptr}; //!< the owner (not a Ptr: it owns us)
};

} // namespace ns3

#endif /* VPN_CONTROL_PLANE_H */
