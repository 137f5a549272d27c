/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RFC5961_TCP_SOCKET_H
#define RFC5961_TCP_SOCKET_H

#include "ns3/callback.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-base.h"

#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief ns-3's TcpSocketBase with RFC 5961 section 3.2's check of a received RST, for the
 * outer connections of the TCP-based carriers (TcpStreamCarrier: RFC 9329, the SSL VPN).
 *
 * ns-3's TcpSocketBase ends a synchronized connection on any RST with its ports, whatever its
 * sequence number (tcp-socket-base.cc, ProcessEstablished and the other states' handlers: no
 * sequence check), so a blind attacker who knows the ports needs one packet. The operating
 * systems that real RFC 9329 and AnyConnect clients run on check it (Linux
 * net/ipv4/tcp_input.c, tcp_validate_incoming, "RFC 5961 3.2"): a RST ends the connection only
 * if SEG.SEQ is exactly RCV.NXT; one elsewhere in the receive window draws a challenge ACK
 * (<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, which a peer that really reset answers with an exact
 * RST) and is dropped; one outside it is dropped silently. With the check off the socket is
 * ns-3's as it is. Everything but a RST in a synchronized state goes to TcpSocketBase unchanged;
 * the challenge ACK is TcpSocketBase's own empty ACK (timestamps included). RFC 5961's rate
 * limit of challenge ACKs (section 7) and its ACK checks (section 5) are not modelled.
 */
class Rfc5961TcpSocket : public TcpSocketBase
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TypeId GetInstanceTypeId() const override;

    Rfc5961TcpSocket();

    /**
     * Copy (TcpSocketBase's Fork): a listener's connections inherit its check and its callback.
     * \param socket the socket copied
     */
    Rfc5961TcpSocket(const Rfc5961TcpSocket& socket);

    /**
     * A socket on \p tcp's node, built as TcpL4Protocol::CreateSocket builds one (its
     * SocketType, RecoveryType and RttEstimatorType) and registered with it.
     * \param tcp the node's TCP
     * \return the socket
     */
    static Ptr<Rfc5961TcpSocket> Create(Ptr<TcpL4Protocol> tcp);

    /**
     * Turn the check on or off and say where its drops go.
     * \param check true for RFC 5961 section 3.2, false for TcpSocketBase as it is
     * \param dropped called with each RST dropped (the segment, its TCP header first) and
     *        "rst-challenged" or "rst-outside-window"
     */
    void SetRstCheck(bool check, Callback<void, Ptr<const Packet>, const std::string&> dropped);

    /** \return challenge ACKs sent */
    uint64_t GetChallengeAcks() const;

  protected:
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    Ptr<TcpSocketBase> Fork() override;

  private:
    bool m_rstCheck;                                                 //!< RFC 5961 section 3.2 on
    Callback<void, Ptr<const Packet>, const std::string&> m_dropped; //!< told of each RST dropped
    uint64_t m_challengeAcks;                                        //!< challenge ACKs sent
};

} // namespace ns3

#endif /* RFC5961_TCP_SOCKET_H */
