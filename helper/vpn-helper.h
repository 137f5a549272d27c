/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_HELPER_H
#define VPN_HELPER_H

#include "ns3/application-container.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/vpn-tunnel-endpoint.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Installs VPN headends and clients: a VirtualNetDevice "tun" interface with an inner
 * address and an MTU that fits the carrier, a carrier, and a VpnTunnelEndpoint application.
 *
 * \code
 *   VpnHelper vpn;
 *   std::string error;
 *   if (!vpn.SetCarrier("natt", error)) { ... }
 *   vpn.SetTunnelAttribute("DpdInterval", TimeValue(Seconds(10)));
 *   ApplicationContainer headend = vpn.InstallHeadend(hub, hubWan, "10.8.0.1", "255.255.255.0");
 *   ApplicationContainer client =
 *       vpn.InstallClient(laptop, laptopWan, hubWan, "10.8.0.2", "255.255.255.0");
 *   vpn.AddRouteThroughTunnel(laptop, "192.168.10.0", "255.255.255.0");
 * \endcode
 *
 * Carriers by name: "esp" (native ESP), "natt" (ESP in UDP 4500, RFC 3948), "cisco-udp" (ESP in
 * UDP 10000), "ctcp" (Cisco IPsec over TCP 10000), "tcp-encap" (IKE and ESP in TCP 4500, RFC 9329),
 * "anyconnect" (SSL VPN: CSTP over TLS on TCP 443, data over DTLS on UDP 443) and
 * "anyconnect-tls" (the same with DTLS disabled). Attribute values are checked when set: the
 * fail-safe setters return false with a one-line reason; the plain setters stop the program with
 * that reason.
 */
class VpnHelper
{
  public:
    VpnHelper();

    /** \return the carrier names SetCarrier() accepts */
    static std::vector<std::string> CarrierNames();

    /**
     * Create a carrier by name, with its default attributes (not installed on a node).
     * \param name one of CarrierNames()
     * \return the carrier, or nullptr for an unknown name
     */
    static Ptr<VpnCarrier> CreateCarrier(const std::string& name);

    /**
     * Choose the carrier by name.
     * \param name one of CarrierNames()
     * \param [out] error a one-line reason when the name is unknown
     * \return true on success
     */
    bool SetCarrier(const std::string& name, std::string& error);

    /** \return the carrier's name */
    std::string GetCarrier() const;

    /**
     * Set an attribute of the carriers to be installed, checking it.
     * \param name attribute name
     * \param value attribute value
     * \param [out] error a one-line reason on failure
     * \return true on success
     */
    bool SetCarrierAttributeFailSafe(const std::string& name,
                                     const AttributeValue& value,
                                     std::string& error);

    /**
     * Set an attribute of the tunnel endpoints to be installed, checking it (cipher suite names,
     * anti-replay window sizes, and ns-3's own checkers).
     * \param name attribute name
     * \param value attribute value
     * \param [out] error a one-line reason on failure
     * \return true on success
     */
    bool SetTunnelAttributeFailSafe(const std::string& name,
                                    const AttributeValue& value,
                                    std::string& error);

    /**
     * As SetCarrierAttributeFailSafe(), stopping the program with the reason on failure.
     * \param name attribute name
     * \param value attribute value
     */
    void SetCarrierAttribute(const std::string& name, const AttributeValue& value);

    /**
     * As SetTunnelAttributeFailSafe(), stopping the program with the reason on failure.
     * \param name attribute name
     * \param value attribute value
     */
    void SetTunnelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Install a headend.
     * \param node the node (with an IPv4 stack)
     * \param wanAddress its outer address, already assigned to one of its interfaces
     * \param tunAddress its inner address
     * \param tunMask the inner subnet's mask
     * \return the VpnTunnelEndpoint
     */
    ApplicationContainer InstallHeadend(Ptr<Node> node,
                                        Ipv4Address wanAddress,
                                        Ipv4Address tunAddress,
                                        Ipv4Mask tunMask) const;

    /**
     * Install a client.
     * \param node the node (with an IPv4 stack)
     * \param wanAddress its outer address, already assigned to one of its interfaces
     * \param headendAddress the headend's outer address
     * \param tunAddress its inner address
     * \param tunMask the inner subnet's mask
     * \return the VpnTunnelEndpoint
     */
    ApplicationContainer InstallClient(Ptr<Node> node,
                                       Ipv4Address wanAddress,
                                       Ipv4Address headendAddress,
                                       Ipv4Address tunAddress,
                                       Ipv4Mask tunMask) const;

    /**
     * Route a network through a client's tunnel (a static route on the tun interface).
     * \param client a node with a client installed
     * \param network the network behind the headend
     * \param mask its mask
     */
    static void AddRouteThroughTunnel(Ptr<Node> client, Ipv4Address network, Ipv4Mask mask);

    /**
     * Assign fixed random variable streams to the endpoints and their carriers.
     * \param apps endpoints installed by this helper
     * \param stream first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

  private:
    /**
     * Install one endpoint.
     * \param node the node
     * \param role client or headend
     * \param wanAddress outer address
     * \param headendAddress the headend (client only)
     * \param tunAddress inner address
     * \param tunMask inner mask
     * \return the endpoint
     */
    ApplicationContainer Install(Ptr<Node> node,
                                 VpnTunnelEndpoint::Role role,
                                 Ipv4Address wanAddress,
                                 Ipv4Address headendAddress,
                                 Ipv4Address tunAddress,
                                 Ipv4Mask tunMask) const;

    std::string m_carrierName;      //!< chosen carrier
    ObjectFactory m_carrierFactory; //!< carriers
    ObjectFactory m_tunnelFactory;  //!< endpoints
};

} // namespace ns3

#endif /* VPN_HELPER_H */
