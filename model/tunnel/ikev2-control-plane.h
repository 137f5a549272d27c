/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IKEV2_CONTROL_PLANE_H
#define IKEV2_CONTROL_PLANE_H

#include "ipsec-control-plane.h"

namespace ns3
{

class IkeMessage;

/**
 * \ingroup vpn
 * \brief IKEv2 establishment (native ESP, NAT-T, RFC 9329 TCP): IKE_SA_INIT, then IKE_AUTH that
 * also creates the ESP SAs (RFC 7296 sections 1.2 and 2.1), and DPD as an empty INFORMATIONAL.
 *
 * The client sends requests and retransmits each until its response arrives; a headend answers,
 * and answers a repeated request with the same response (RFC 7296 section 2.1). Messages are
 * IkeMessage; sizes are the endpoint's IkeSaInitSize, IkeAuthRequestSize, IkeAuthResponseSize
 * and DpdMessageSize. What IKE versions share (retransmission, kept answers, DPD timers) is
 * IpsecControlPlane's.
 */
class Ikev2ControlPlane : public IpsecControlPlane
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Register the IKEv2 message sizes (IkeSaInitSize, IkeAuthRequestSize, IkeAuthResponseSize,
     * DpdMessageSize) on the endpoint's TypeId, in that order.
     * \param tid ns3::VpnTunnelEndpoint's TypeId
     */
    static void AddEndpointAttributes(TypeId& tid);

    Ikev2ControlPlane();
    ~Ikev2ControlPlane() override;

    std::unique_ptr<SessionState> NewSessionState() const override;
    void Establish(VpnTunnelSession& s) override;

  private:
    struct Ikev2Sa;

    void ReceiveControl(uint32_t peer, Ptr<Packet> message) override;
    void SendDpdProbe(VpnTunnelSession& s) override;

    /**
     * \param s a session
     * \return its IKEv2 state
     */
    static Ikev2Sa& V2(VpnTunnelSession& s);

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
};

} // namespace ns3

#endif /* IKEV2_CONTROL_PLANE_H */
