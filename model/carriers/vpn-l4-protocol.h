/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_L4_PROTOCOL_H
#define VPN_L4_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"

namespace ns3
{

class Ipv4L3Protocol;
class Node;

/**
 * \ingroup vpn
 * \brief What the module's own IPv4 protocols (ESP's protocol 50, cTCP's protocol 6) share: the
 * way down to IPv4 and their installation on a node.
 *
 * Ipv4L3Protocol::Insert() does not wire an L4's way down (ns-3's own L4s do it when they are
 * aggregated to a node); Wire() does. IPv6 is not modelled: the IPv6 down target is kept only
 * because IpL4Protocol requires it.
 */
class VpnL4Protocol : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VpnL4Protocol();
    ~VpnL4Protocol() override;

    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

    /**
     * Aggregate this protocol to \p node and send through its IPv4 (not yet inserted).
     * \param node a node with an IPv4 stack
     * \return the node's Ipv4L3Protocol
     */
    Ptr<Ipv4L3Protocol> Wire(Ptr<Node> node);

    /**
     * Send a packet of this protocol; IPv4 looks up the route.
     * \param packet the packet (this protocol's header included)
     * \param source the outer source address
     * \param destination the outer destination address
     */
    void SendDown(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination);

  private:
    IpL4Protocol::DownTargetCallback m_downTarget;   //!< IPv4 send
    IpL4Protocol::DownTargetCallback6 m_downTarget6; //!< IPv6 send (unused)
};

} // namespace ns3

#endif /* VPN_L4_PROTOCOL_H */
