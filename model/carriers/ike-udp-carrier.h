/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IKE_UDP_CARRIER_H
#define IKE_UDP_CARRIER_H

#include "ns3/socket.h"
#include "ns3/vpn-carrier.h"

#include <map>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The part the UDP-family IPsec carriers share: IKE on UDP port 500 and an index of
 * peers by outer address (the peers themselves are in VpnCarrier's table).
 *
 * Native ESP, NAT-T and Cisco IPsec-over-UDP all start IKE on UDP 500 (RFC 7296 section 2;
 * RFC 3947/3948); they differ in how ESP travels, which the subclasses supply.
 */
class IkeUdpCarrier : public VpnCarrier
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IkeUdpCarrier();
    ~IkeUdpCarrier() override;

    uint32_t Connect(Ipv4Address headend) override;
    void Listen() override;
    bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) override;
    void Close(uint32_t peer) override;
    void Shutdown() override;

  protected:
    void DoDispose() override;

    /** What the carrier knows of one remote endpoint beyond its address. */
    struct UdpPeer : public Peer
    {
        uint16_t dataPort{0}; //!< UDP port to send data to (learned from what it sends)
        uint16_t rxPort{0};   //!< source port of the message being handed up, until confirmed
    };

    /**
     * Open the carrier's own sockets or protocols (beyond IKE's); called by Connect and Listen.
     */
    virtual void OpenData() = 0;

    /** Close what OpenData() opened. */
    virtual void CloseData() = 0;

    /**
     * Find a peer's handle by address, adding the peer if it is new.
     * \param address the outer address
     * \return the handle (1-based)
     */
    uint32_t LearnPeer(Ipv4Address address);

    /**
     * Open a UDP socket bound to the local address and \p port, reading into \p reader.
     * \param port the local port
     * \param reader the receive callback
     * \return the socket
     */
    Ptr<Socket> OpenUdp(uint16_t port, Callback<void, Ptr<Socket>> reader);

    uint16_t m_ikePort; //!< UDP port of IKE (500)
    bool m_client;      //!< Connect() was called (not Listen())

  private:
    /**
     * Read IKE from UDP 500.
     * \param socket the IKE socket
     */
    void ReadIke(Ptr<Socket> socket);

    Ptr<Socket> m_ikeSocket;                     //!< UDP 500
    std::map<Ipv4Address, uint32_t> m_byAddress; //!< outer address -> handle
    bool m_open;                                 //!< sockets open
};

} // namespace ns3

#endif /* IKE_UDP_CARRIER_H */
