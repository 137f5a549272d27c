/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef UDP_ENCAP_CARRIER_H
#define UDP_ENCAP_CARRIER_H

#include "ike-udp-carrier.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief ESP in UDP: NAT traversal on port 4500 (RFC 3948) or Cisco IPsec-over-UDP on 10000.
 *
 * NAT-T mode (RFC 3948 section 2; RFC 7296 section 2.23): IKE_SA_INIT on UDP 500, then IKE moves
 * to UDP 4500, where each IKE message carries a 4-byte zero non-ESP marker in front (an ESP SPI is
 * never zero, so the marker tells them apart); ESP rides in UDP 4500 with nothing in front. A
 * client sends a one-byte 0xFF NAT-keepalive on 4500 after KeepaliveInterval without sending
 * anything there (RFC 3948 section 2.3; Cisco's default is 20 s). Receivers discard keepalives.
 *
 * Cisco mode (ASA `crypto isakmp ipsec-over-udp port 10000`): IKE stays on UDP 500; ESP rides in
 * UDP 10000 with no marker and no keepalive.
 *
 * UDP checksums: ns-3's UDP writes 0 unless the global ChecksumEnabled is true, which matches
 * RFC 3948 section 2.1's "SHOULD be zero" for IPv4; with ChecksumEnabled, valid checksums are
 * sent instead (see doc, Scope and Limitations).
 */
class UdpEncapCarrier : public IkeUdpCarrier
{
  public:
    /** Which flavour of ESP-in-UDP. */
    enum Mode
    {
        NATT = 0,     //!< RFC 3948, UDP 4500, non-ESP marker, keepalives
        CISCO_UDP = 1 //!< Cisco IPsec-over-UDP, UDP 10000
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    UdpEncapCarrier();
    ~UdpEncapCarrier() override;

    std::string GetName() const override;
    /** \return IKEV1 in Cisco mode (the Cisco VPN Client's), IKEV2 for NAT-T */
    IkeVersion GetIkeVersion() const override;
    bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) override;
    bool SendData(uint32_t peer, Ptr<Packet> message) override;
    uint32_t GetDataOverhead() const override;
    /**
     * Move the peer's data port to the source port of the message being handed up (RFC 3948
     * section 3.5: only after the tunnel found it authentic).
     * \param peer the handle
     */
    void ConfirmPeer(uint32_t peer) override;

    /** \return the UDP port ESP rides on (DataPort, or the mode's default) */
    uint16_t GetDataPort() const;

    /** \return NAT-keepalives sent */
    uint64_t GetKeepalivesSent() const;

    /** \return NAT-keepalives received (and discarded) */
    uint64_t GetKeepalivesReceived() const;

  protected:
    void DoDispose() override;
    void OpenData() override;
    void CloseData() override;

  private:
    /**
     * Read ESP, marked IKE and keepalives from the data port.
     * \param socket the data socket
     */
    void ReadData(Ptr<Socket> socket);

    /**
     * Sort one datagram: keepalive (consumed), runt (dropped), marked IKE (CONTROL) or ESP
     * (DATA), handed to the tunnel.
     * \param peer the sender's handle
     * \param packet the UDP payload
     */
    void Deliver(uint32_t peer, Ptr<Packet> packet);

    /**
     * Send on the data port and restart the keepalive timer.
     * \param peer the peer
     * \param packet what to send
     */
    void SendOnDataPort(const UdpPeer& peer, Ptr<Packet> packet);

    /** (Re)arm the keepalive timer from now. */
    void ArmKeepalive();

    /** The keepalive timer expired: send 0xFF. */
    void SendKeepalive();

    Mode m_mode;               //!< NAT-T or Cisco
    uint16_t m_dataPort;       //!< 0: the mode's default
    Time m_keepaliveInterval;  //!< NAT-T keepalive interval, 0 disables
    Ptr<Socket> m_dataSocket;  //!< UDP 4500 or 10000
    EventId m_keepaliveEvent;  //!< next keepalive
    uint32_t m_keepalivePeer;  //!< the client's headend
    uint64_t m_keepalivesSent; //!< counter
    uint64_t m_keepalivesRecv; //!< counter
};

} // namespace ns3

#endif /* UDP_ENCAP_CARRIER_H */
