/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_DATA_PLANE_H
#define ESP_DATA_PLANE_H

#include "ns3/esp-security-association.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"
#include "ns3/vpn-control-plane.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The IPsec family's data plane: ESP in tunnel mode over a pair of SAs per session.
 *
 * Outbound, an inner IPv4 packet is put into ESP in tunnel mode (next header 4, RFC 4303 section
 * 3.1.2) with the session's outbound SA and handed to the carrier; inbound, the carrier's ESP is
 * matched to an SA by SPI, checked against the anti-replay window, stripped, and delivered to the
 * tun device. Per-packet encrypt and decrypt delays (EncryptDelay, DecryptDelay) queue in FIFO
 * order. A subclass owns key management: it creates the SAs (NewInboundSa(), NewOutboundSa())
 * and hears of every authentic ESP packet (EspReceived()). The ESP tunables are the endpoint's
 * attributes (ns3::VpnTunnelEndpoint::CipherSuite, ...), read when used.
 */
class EspDataPlane : public VpnControlPlane
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Register the ESP attributes (CipherSuite, ReplayWindow, ExtendedSequenceNumbers,
     * EncryptDelay, DecryptDelay) on the endpoint's TypeId, in that order.
     * \param tid ns3::VpnTunnelEndpoint's TypeId
     */
    static void AddEndpointAttributes(TypeId& tid);

    EspDataPlane();
    ~EspDataPlane() override;

    uint16_t ComputeInnerMtu(uint16_t outerMtu) const override;
    void Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind) override;
    bool CanSend(const VpnTunnelSession& s) const override;
    bool Send(VpnTunnelSession& s, Ptr<Packet> inner) override;
    void Teardown(VpnTunnelSession& s) override;
    void Clear() override;

  protected:
    /**
     * A message from the session's peer passed the checks the model makes of it (ESP: the
     * emulated ICV; IKE: a known IKE SPI): update lastRx (dead-peer detection) and let the
     * carrier follow the peer's port (RFC 3948 section 3.5, RFC 7296 section 2.23: only an
     * authenticated packet may move it). Nothing else may do either.
     * \param s the session
     */
    void HeardFrom(VpnTunnelSession& s);

    /** The ESP part of a session; a subclass extends it with its key management. */
    struct EspSas : public VpnControlPlane::SessionState
    {
        Ptr<EspSecurityAssociation> out; //!< outbound ESP SA
        Ptr<EspSecurityAssociation> in;  //!< inbound ESP SA
    };

    /**
     * A fresh inbound SA with a new random SPI, registered for lookup.
     * \param s the session that owns it
     * \return the SA
     */
    Ptr<EspSecurityAssociation> NewInboundSa(VpnTunnelSession& s);

    /**
     * The outbound SA toward a peer's SPI.
     * \param spi the peer's inbound SPI
     * \return the SA (nullptr if the SPI is unusable)
     */
    Ptr<EspSecurityAssociation> NewOutboundSa(uint32_t spi);

  private:
    /**
     * A control (key management) message arrived.
     * \param peer the sender's handle
     * \param message the message
     */
    virtual void ReceiveControl(uint32_t peer, Ptr<Packet> message) = 0;

    /**
     * An authentic ESP packet arrived on \p s (its lastRx is updated already).
     * \param s the session
     */
    virtual void EspReceived(VpnTunnelSession& s) = 0;

    /**
     * \param s a session
     * \return its SAs
     */
    static EspSas& Sas(VpnTunnelSession& s);

    /**
     * An ESP packet arrived.
     * \param message the ESP packet
     */
    void ReceiveEsp(Ptr<Packet> message);

    /**
     * A FIFO processing delay: when a packet arriving now with \p delay leaves.
     * \param delay the per-packet delay
     * \param busyUntil when the previous packet leaves; updated
     * \return the delay to schedule from now
     */
    static Time FifoDelay(Time delay, Time& busyUntil);

    std::unordered_map<uint32_t, uint32_t> m_byInboundSpi; //!< our ESP SPI -> session id
    Time m_encryptBusy;                                    //!< FIFO encrypt
    Time m_decryptBusy;                                    //!< FIFO decrypt
};

} // namespace ns3

#endif /* ESP_DATA_PLANE_H */
