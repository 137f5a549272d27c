/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IPSEC_CONTROL_PLANE_H
#define IPSEC_CONTROL_PLANE_H

#include "ns3/esp-data-plane.h"
#include "ns3/type-id.h"

#include <map>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The IPsec family's control plane: IKE over the ESP data plane, and dead-peer detection.
 *
 * What both IKE versions share lives here: the IKE SA of a session (its SPIs, or cookies), the
 * retransmission of the message a side waits an answer to (IkeRetransmitTimeout, doubled by
 * IkeRetransmitBackoff, IkeRetransmitLimit times, then the attempt fails with "ike-timeout"), the
 * answers kept for repeats of a message already handled (RFC 7296 section 2.1; RFC 2408 section
 * 5 and RFC 2409 section 5 leave IKEv1's retransmission to the implementation, and every IKEv1
 * daemon answers a repeat with its last answer), and dead-peer detection (RFC 3706; RFC 7296
 * section 2.4): after DpdInterval with nothing received from the peer, a probe (R-U-THERE) is sent
 * and repeated every DpdRetryInterval; when DpdRetries repeats go unanswered, the session fails.
 * Each version's exchange is a subclass: Ikev2ControlPlane (IKE_SA_INIT, IKE_AUTH) and
 * Ikev1ControlPlane (Aggressive Mode, XAUTH, Mode-Config, Quick Mode). The ESP SAs and packets are
 * EspDataPlane's.
 *
 * The tunables are the endpoint's attributes (ns3::VpnTunnelEndpoint::IkeRetransmitTimeout, ...),
 * read when used; SPIs come from the endpoint's random stream.
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
     * Register the attributes both IKE versions use (IkeRetransmitTimeout, IkeRetransmitBackoff,
     * IkeRetransmitLimit, DpdInterval, DpdRetryInterval, DpdRetries) on the endpoint's TypeId, in
     * that order.
     * \param tid ns3::VpnTunnelEndpoint's TypeId
     */
    static void AddEndpointAttributes(TypeId& tid);

    IpsecControlPlane();
    ~IpsecControlPlane() override;

    bool IsEstablishing(const VpnTunnelSession& s) const override;
    void Teardown(VpnTunnelSession& s) override;
    void Clear() override;
    /**
     * \return DpdInterval + (DpdRetries + 1) x DpdRetryInterval: the first R-U-THERE goes out
     * after DpdInterval of silence, one more every DpdRetryInterval, and the check after the
     * last unanswered repeat fails the session (zero when DpdInterval is zero: DPD is off)
     */
    Time GetDeadPeerTime() const override;

  protected:
    /** One IKE SA and its pair of ESP SAs: the IPsec part of a session; each version extends it. */
    struct IkeSa : public EspDataPlane::EspSas
    {
        uint64_t ikeSpiI{0};        //!< IKE SA initiator's SPI (IKEv1: the initiator's cookie)
        uint64_t ikeSpiR{0};        //!< IKE SA responder's SPI (IKEv1: the responder's cookie)
        Ptr<Packet> pending;        //!< the message we wait an answer to, sent again on timeout
        bool pendingInitial{false}; //!< it belongs to the first exchange
        uint32_t retransmits{0};    //!< times it was sent again
        Time rto;                   //!< current retransmission timeout
        EventId retransmitEvent;    //!< retransmission timer
        std::map<uint32_t, std::vector<Ptr<Packet>>> answers; //!< what answered each message
        EventId dpdEvent;                                     //!< DPD timer
        uint32_t dpdProbes{0}; //!< R-U-THERE sent since the last packet received
    };

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
     * Make the session findable by its initiator's IKE SPI.
     * \param s the session
     */
    void RegisterIkeSa(VpnTunnelSession& s);

    /** \return a new random, non-zero IKE SPI */
    uint64_t NewIkeSpi();

    /**
     * Send a message and wait for its answer: it is sent again on timeout, with back-off, until
     * StopAwaiting(); past IkeRetransmitLimit the session fails ("ike-timeout").
     * \param s the session
     * \param wire the serialized message
     * \param initial it belongs to the first exchange (see VpnCarrier::SendControl)
     */
    void SendAwaiting(VpnTunnelSession& s, Ptr<Packet> wire, bool initial);

    /**
     * Keep waiting for an answer to the message last sent with SendAwaiting(), with a fresh
     * retransmission budget (the peer made progress but the next message is still its own).
     * \param s the session
     */
    void RestartAwaiting(VpnTunnelSession& s);

    /**
     * The awaited answer came: no more retransmissions.
     * \param s the session
     */
    void StopAwaiting(VpnTunnelSession& s);

    /**
     * Send a message once.
     * \param s the session
     * \param wire the serialized message
     * \param initial it belongs to the first exchange (see VpnCarrier::SendControl)
     */
    void SendOnce(VpnTunnelSession& s, Ptr<Packet> wire, bool initial);

    /**
     * Keep a message we sent in answer to the peer's message \p key, for repeats of that message.
     * \param s the session
     * \param key what identifies the peer's message (IKEv2: its message ID)
     * \param wire our answer
     */
    static void KeepAnswer(VpnTunnelSession& s, uint32_t key, Ptr<const Packet> wire);

    /**
     * The peer repeated message \p key: send what answered it again.
     * \param s the session
     * \param key what identifies the peer's message
     * \param initial it belongs to the first exchange
     * \return true if an answer was kept and was sent
     */
    bool ResendAnswer(VpnTunnelSession& s, uint32_t key, bool initial);

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

  private:
    void EspReceived(VpnTunnelSession& s) override;

    /**
     * Send one R-U-THERE in the version's format.
     * \param s the session, Up
     */
    virtual void SendDpdProbe(VpnTunnelSession& s) = 0;

    /**
     * Retransmission timer of a session's pending message.
     * \param id the session id
     */
    void Retransmit(uint32_t id);

    /**
     * DPD timer of a session.
     * \param id the session id
     */
    void DpdCheck(uint32_t id);

    std::unordered_map<uint64_t, uint32_t> m_byIkeSpi; //!< initiator SPI -> session id
};

} // namespace ns3

#endif /* IPSEC_CONTROL_PLANE_H */
