/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_L4_PROTOCOL_H
#define ESP_L4_PROTOCOL_H

#include "vpn-l4-protocol.h"

#include "ns3/ipv4-address.h"

#include <map>

namespace ns3
{

class Node;

/**
 * \ingroup vpn
 * \brief IPv4 protocol 50 (ESP, RFC 4303) on a node: hands received ESP packets to the carrier
 * bound to the destination address, and sends ESP packets through IPv4.
 *
 * A node has at most one; EspL4Protocol::Get() finds or installs it (it is aggregated to the node
 * and inserted into its Ipv4L3Protocol). ESP for an address with no carrier is counted and
 * dropped silently, as RFC 4303 section 3.4.2 has a receiver do for a packet with no SA.
 */
class EspL4Protocol : public VpnL4Protocol
{
  public:
    /** IANA protocol number of ESP. */
    static constexpr uint8_t PROT_NUMBER = 50;

    /**
     * Callback for a received ESP packet.
     * \param packet the ESP packet (outer IPv4 header removed)
     * \param source the outer source address
     */
    typedef Callback<void, Ptr<Packet>, Ipv4Address> ReceiveCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspL4Protocol();
    ~EspL4Protocol() override;

    /**
     * Find the node's ESP protocol, installing one if there is none.
     * \param node a node with an IPv4 stack
     * \return the protocol
     */
    static Ptr<EspL4Protocol> Get(Ptr<Node> node);

    /**
     * Deliver ESP addressed to \p local to \p cb.
     * \param local a local IPv4 address
     * \param cb the receiver
     */
    void Register(Ipv4Address local, ReceiveCallback cb);

    /**
     * Stop delivering ESP addressed to \p local.
     * \param local the address given to Register()
     */
    void Unregister(Ipv4Address local);

    /**
     * Send an ESP packet.
     * \param packet the ESP packet
     * \param source the outer source address
     * \param destination the outer destination address
     */
    void Send(Ptr<Packet> packet, Ipv4Address source, Ipv4Address destination);

    /** \return ESP packets received for an address with no carrier */
    uint64_t GetUnclaimedCount() const;

    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;

  protected:
    void DoDispose() override;

  private:
    std::map<Ipv4Address, ReceiveCallback> m_receivers; //!< by local address
    uint64_t m_unclaimed;                               //!< ESP with no receiver
};

} // namespace ns3

#endif /* ESP_L4_PROTOCOL_H */
