/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CONTROL_PLANE_H
#define IPSEC_CONTROL_PLANE_H

#include "ns3/esp-data-plane.h"
#include "ns3/type-id.h"

#include <unordered_map>

namespace ns3
{

class IkeMessage;

/**
 * \ingroup vpn
 * \brief The IPsec family's control plane: IKE over the ESP data plane, and dead-peer detection.
 *
 * Establishment is an IKEv2-shaped exchange of sized messages (IKE_SA_INIT, then IKE_AUTH that
 * also creates the ESP SAs; RFC 7296 sections 1.2 and 2.1), each request retransmitted on
 * timeout with exponential back-off; a headend answers a repeated request with the same response.
 * The ESP SAs and packets are EspDataPlane's. Dead-peer detection (RFC 3706; RFC 7296 section 2.4):
 * after DpdInterval with nothing received from the peer, an empty INFORMATIONAL request (R-U-THERE)
 * is sent and repeated every DpdRetryInterval; when DpdRetries repeats go unanswered, the session
 * fails.
 *
 * The tunables are the endpoint's attributes (ns3::VpnTunnelEndpoint::IkeSaInitSize, ...), read
 * when used; SPIs come from the endpoint's random stream.
 */
class IpsecControlPlane : public EspDataPlane
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Register the IKE and DPD attributes (IkeSaInitSize, IkeAuthRequestSize,
     * IkeAuthResponseSize, DpdMessageSize, IkeRetransmitTimeout, IkeRetransmitBackoff,
     * IkeRetransmitLimit, DpdInterval, DpdRetryInterval, DpdRetries) on the endpoint's TypeId, in
     * that order.
     * \param tid ns3::VpnTunnelEndpoint's TypeId
     */
    static void AddEndpointAttributes(TypeId& tid);

    IpsecControlPlane();
    ~IpsecControlPlane() override;

    std::unique_ptr<SessionState> NewSessionState() const override;
    bool IsEstablishing(const VpnTunnelSession& s) const override;
    void Establish(VpnTunnelSession& s) override;
    void Teardown(VpnTunnelSession& s) override;
    void Clear() override;

  private:
    struct IkeSa;

    void ReceiveControl(uint32_t peer, Ptr<Packet> message) override;
    void EspReceived(VpnTunnelSession& s) override;

    /**
     * \param s a session
     * \return its IKE SA and ESP SAs
     */
    static IkeSa& Sa(VpnTunnelSession& s);

    /**
     * \param s a session
     * \return its IKE SA and ESP SAs
     */
    static const IkeSa& Sa(const VpnTunnelSession& s);

    /**
     * \param ikeSpi an initiator's IKE SPI
     * \return the session of that IKE SA, or nullptr
     */
    VpnTunnelSession* FindByIkeSpi(uint64_t ikeSpi);

    /**
     * An IKE message arrived.
     * \param peer the sender's handle
     * \param message the parsed message
     */
    void ReceiveIke(uint32_t peer, const IkeMessage& message);

    /**
     * An IKE response to one of our requests.
     * \param message the response
     */
    void ReceiveResponse(const IkeMessage& message);

    /**
     * An IKE request: a client's exchange at a headend, or R-U-THERE at either end.
     * \param peer the sender's handle
     * \param message the request
     */
    void ReceiveRequest(uint32_t peer, const IkeMessage& message);

    /**
     * A retransmitted request gets the same response again (RFC 7296 section 2.1).
     * \param s the session
     * \param message the request
     * \return true if it was a repeat and was answered
     */
    bool ResendAnswer(VpnTunnelSession& s, const IkeMessage& message);

    /**
     * Headend: IKE_SA_INIT opens a new session.
     * \param peer the sender's handle
     * \param existing the session of the request's IKE SPI, if any
     * \param message the request
     * \param reply the response, completed here
     * \return the session to answer on, or nullptr to stay silent
     */
    VpnTunnelSession* AnswerSaInit(uint32_t peer,
                                   VpnTunnelSession* existing,
                                   const IkeMessage& message,
                                   IkeMessage& reply);

    /**
     * Headend: IKE_AUTH creates the ESP SAs and brings the session Up.
     * \param s the session of the request's IKE SPI, if any
     * \param message the request
     * \param reply the response, completed here
     * \return the session to answer on, or nullptr to stay silent
     */
    VpnTunnelSession* AnswerAuth(VpnTunnelSession* s, const IkeMessage& message, IkeMessage& reply);

    /**
     * Either end: answer R-U-THERE; the peer lives.
     * \param s the session of the request's IKE SPI, if any
     * \param reply the response, completed here
     * \return the session to answer on, or nullptr to stay silent
     */
    VpnTunnelSession* AnswerDpd(VpnTunnelSession* s, IkeMessage& reply);

    /**
     * Send a response, keeping it (except INFORMATIONAL) for repeats of the request.
     * \param s the session
     * \param request the request
     * \param reply the response
     */
    void SendAnswer(VpnTunnelSession& s, const IkeMessage& request, const IkeMessage& reply);

    /**
     * Client: IKE_SA_INIT was answered; send IKE_AUTH with our inbound SA.
     * \param s the session
     * \param responderSpi the headend's IKE SPI
     */
    void SendAuth(VpnTunnelSession& s, uint64_t responderSpi);

    /**
     * Send an IKE request and arm its retransmission.
     * \param s the session
     * \param message the request
     */
    void SendRequest(VpnTunnelSession& s, const IkeMessage& message);

    /**
     * Retransmission timer of a session's pending request.
     * \param id the session id
     */
    void Retransmit(uint32_t id);

    /**
     * Send an IKE message (request or response) over the carrier.
     * \param s the session
     * \param message the message
     */
    void SendIke(VpnTunnelSession& s, const IkeMessage& message);

    /** \return a new random, non-zero IKE SPI */
    uint64_t NewIkeSpi();

    /**
     * The peer answered or asked R-U-THERE: it lives, probing starts again from zero.
     * \param s the session
     */
    void PeerAlive(VpnTunnelSession& s);

    /**
     * (Re)arm dead-peer detection from the last packet received.
     * \param s the session
     */
    void ArmDpd(VpnTunnelSession& s);

    /**
     * DPD timer of a session.
     * \param id the session id
     */
    void DpdCheck(uint32_t id);

    std::unordered_map<uint64_t, uint32_t> m_byIkeSpi; //!< initiator SPI -> session id
};

} // namespace ns3

#endif /* IPSEC_CONTROL_PLANE_H */
