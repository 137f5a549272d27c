/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_BED_HELPER_H
#define FIREWALL_BED_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Builds the small bed a firewall is studied on: a client, a forwarding node for the
 * firewall, and a server, over two point-to-point links.
 *
 *   client ---- client side ---- firewall ---- server side ---- server
 *   10.1.0.1                10.1.0.2 | 10.2.0.1                10.2.0.2
 *
 * Both links have the same data rate and delay (10 Mbps, 10 ms unless set); every node has an
 * Internet stack and global routes. Optional Bernoulli loss (a RateErrorModel per packet, on a
 * fixed stream) drops packets arriving at the firewall from the client. The firewall itself is
 * FirewallHelper's job: install it on GetFirewall() after Install().
 *
 * \code
 *   FirewallBedHelper bed;
 *   bed.SetClientSideLoss(0.01, 7);
 *   NodeContainer nodes = bed.Install(); // client, firewall, server
 *   Ptr<StatefulFirewall> asa = firewallHelper.Install(bed.GetFirewall());
 * \endcode
 */
class FirewallBedHelper
{
  public:
    FirewallBedHelper();

    /**
     * Set both links' data rate and delay.
     * \param dataRate a DataRate, e.g. "10Mbps"
     * \param delay a Time, e.g. "10ms"
     */
    void SetLinks(const std::string& dataRate, const std::string& delay);

    /**
     * Set the two /24 networks (hosts .1 and .2 on each).
     * \param clientSide the client side's network
     * \param serverSide the server side's network
     */
    void SetNetworks(Ipv4Address clientSide, Ipv4Address serverSide);

    /**
     * Drop packets at random as they reach the firewall from the client.
     * \param rate the probability that a packet is lost, in [0, 1]
     * \param stream the loss model's random variable stream
     */
    void SetClientSideLoss(double rate, int64_t stream);

    /**
     * Build the bed. Call once per simulation: it populates the global routing tables.
     * \return client, firewall and server
     */
    NodeContainer Install();

    /** \return client, firewall and server (after Install) */
    NodeContainer GetNodes() const;

    /** \return the client */
    Ptr<Node> GetClient() const;

    /** \return the node the firewall goes on */
    Ptr<Node> GetFirewall() const;

    /** \return the server */
    Ptr<Node> GetServer() const;

    /** \return the client side's devices: the client's, then the firewall's */
    NetDeviceContainer GetClientSide() const;

    /** \return the server side's devices: the firewall's, then the server's */
    NetDeviceContainer GetServerSide() const;

    /** \return the client's address */
    Ipv4Address GetClientAddress() const;

    /** \return the server's address */
    Ipv4Address GetServerAddress() const;

  private:
    std::string m_dataRate;                //!< both links' data rate
    std::string m_delay;                   //!< both links' delay
    Ipv4Address m_clientNetwork;           //!< the client side's /24
    Ipv4Address m_serverNetwork;           //!< the server side's /24
    double m_lossRate{0};                  //!< client-side loss probability
    int64_t m_lossStream{-1};              //!< its stream; -1: no loss model
    NodeContainer m_nodes;                 //!< client, firewall, server
    NetDeviceContainer m_clientSide;       //!< client, firewall
    NetDeviceContainer m_serverSide;       //!< firewall, server
    Ipv4InterfaceContainer m_clientSideIf; //!< their interfaces
    Ipv4InterfaceContainer m_serverSideIf; //!< their interfaces
};

} // namespace ns3

#endif /* FIREWALL_BED_HELPER_H */
