/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IKEV1_CONTROL_PLANE_H
#define IKEV1_CONTROL_PLANE_H

#include "ipsec-control-plane.h"

#include <array>

namespace ns3
{

class Ikev1Message;
class VpnTunnelEndpoint;

/**
 * \ingroup vpn
 * \brief IKEv1 establishment, as the legacy Cisco VPN Client runs it over cTCP and Cisco
 * IPsec-over-UDP: Aggressive Mode, XAUTH, Mode-Config, Quick Mode; DPD per RFC 3706.
 *
 * With a group pre-shared key a Cisco IPsec client uses Aggressive Mode, Main Mode being for
 * certificates (Apple, "Cisco VPN Server Configuration", iPhone and iPod touch Enterprise
 * Deployment Guide, appendix A, which also requires Mode Configuration), then the headend's XAUTH,
 * the client's Mode-Config request (pull) and Quick Mode. The twelve messages, each with its size
 * attribute on the endpoint:
 *
 * \verbatim
 *   client -> headend   Aggressive Mode 1 (clear)            Ikev1AggressiveInitSize
 *   headend -> client   Aggressive Mode 2 (clear)            Ikev1AggressiveResponseSize
 *   client -> headend   Aggressive Mode 3 (encrypted)        Ikev1AggressiveFinalSize
 *   headend -> client   Transaction XAUTH REQUEST            Ikev1XauthSize
 *   client -> headend   Transaction XAUTH REPLY              Ikev1XauthSize
 *   headend -> client   Transaction XAUTH SET                Ikev1XauthSize
 *   client -> headend   Transaction XAUTH ACK                Ikev1XauthSize
 *   client -> headend   Transaction Mode-Config REQUEST      Ikev1ModeCfgSize
 *   headend -> client   Transaction Mode-Config REPLY        Ikev1ModeCfgSize
 *   client -> headend   Quick Mode 1 (client's ESP SPI)      Ikev1QuickModeInitSize
 *   headend -> client   Quick Mode 2 (headend's ESP SPI)     Ikev1QuickModeResponseSize
 *   client -> headend   Quick Mode 3                         Ikev1QuickModeFinalSize
 * \endverbatim
 *
 * Message IDs: 0 in phase 1, a random non-zero one per Transaction and Quick Mode exchange
 * (RFC 2409 section 5.5; draft-dukes-ike-mode-cfg section 3.1). The client is Up once it has sent
 * Quick Mode 3, the headend once it has received it. IKEv1 has no response flag: the side that
 * waits for the peer's next message retransmits its own last one (IpsecControlPlane's timeout,
 * back-off and limit), and a repeated message is answered with what answered it the first time.
 * DPD (RFC 3706 section 5): R-U-THERE and R-U-THERE-ACK, each an encrypted Informational exchange
 * of its own, with a sequence number that starts random and grows by one per R-U-THERE; an ACK
 * with another sequence number is ignored (RFC 3706 section 7).
 */
class Ikev1ControlPlane : public IpsecControlPlane
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Register the IKEv1 message sizes (Ikev1AggressiveInitSize, Ikev1AggressiveResponseSize,
     * Ikev1AggressiveFinalSize, Ikev1XauthSize, Ikev1ModeCfgSize, Ikev1QuickModeInitSize,
     * Ikev1QuickModeResponseSize, Ikev1QuickModeFinalSize, Ikev1DpdSize) on the endpoint's
     * TypeId, in that order.
     * \param tid ns3::VpnTunnelEndpoint's TypeId
     */
    static void AddEndpointAttributes(TypeId& tid);

    Ikev1ControlPlane();
    ~Ikev1ControlPlane() override;

    std::unique_ptr<SessionState> NewSessionState() const override;
    void Establish(VpnTunnelSession& s) override;

  private:
    struct Ikev1Sa;

    /** The twelve messages of establishment, in order (the class comment's table). */
    enum Step : uint32_t
    {
        AGGRESSIVE_1,
        AGGRESSIVE_2,
        AGGRESSIVE_3,
        XAUTH_REQUEST,
        XAUTH_REPLY,
        XAUTH_SET,
        XAUTH_ACK,
        CFG_REQUEST,
        CFG_REPLY,
        QUICK_1,
        QUICK_2,
        QUICK_3,
        STEPS //!< how many
    };

    /** One message of establishment. */
    struct Message
    {
        bool fromClient;                   //!< who sends it
        uint8_t exchange;                  //!< Ikev1Message::ExchangeType
        uint16_t kind;                     //!< Ikev1Message::GetKind() of it
        bool opensExchange;                //!< the first of its exchange
        uint32_t VpnTunnelEndpoint::*size; //!< its size attribute
    };

    /** The script of establishment, indexed by Step. */
    static const std::array<Message, STEPS> SCRIPT;

    void ReceiveControl(uint32_t peer, Ptr<Packet> message) override;
    void SendDpdProbe(VpnTunnelSession& s) override;

    /**
     * \param s a session
     * \return its IKEv1 state
     */
    static Ikev1Sa& V1(VpnTunnelSession& s);

    /**
     * \param m a received message
     * \param fromClient whether the peer is a client
     * \return its step, or STEPS if the peer never sends such a message
     */
    static uint32_t FindStep(const Ikev1Message& m, bool fromClient);

    /**
     * Headend: Aggressive Mode 1 of an unknown cookie opens a session.
     * \param peer the sender's handle
     * \param m the message
     * \return the new session
     */
    VpnTunnelSession& Open(uint32_t peer, const Ikev1Message& m);

    /**
     * The peer's next message of establishment: take what it carries.
     * \param s the session
     * \param m the message
     * \param step its step
     */
    void Accept(VpnTunnelSession& s, const Ikev1Message& m, uint32_t step);

    /**
     * Send our messages up to the peer's next one, then wait for it; or, at the end of the
     * script, bring the session Up.
     * \param s the session
     * \param answering the peer's step these messages answer (STEPS: none)
     */
    void Advance(VpnTunnelSession& s, uint32_t answering);

    /**
     * \param s the session
     * \param step our next step
     * \return its message, with the SPI or address it carries
     */
    Ikev1Message Build(VpnTunnelSession& s, uint32_t step);

    /**
     * An Informational message: R-U-THERE or R-U-THERE-ACK.
     * \param s the session of its cookie, if any
     * \param m the message
     */
    void ReceiveDpd(VpnTunnelSession* s, const Ikev1Message& m);

    /**
     * \param s the session
     * \param kind R_U_THERE or R_U_THERE_ACK
     * \param sequence the sequence number
     */
    void SendDpd(VpnTunnelSession& s, uint16_t kind, uint32_t sequence);

    /** \return a random non-zero message ID (RFC 2409 section 5.5) */
    uint32_t NewMessageId();
};

} // namespace ns3

#endif /* IKEV1_CONTROL_PLANE_H */
