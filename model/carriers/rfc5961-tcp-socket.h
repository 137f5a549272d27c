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
 * RST) and is dropped; one outside it is dropped silently. It also drops a segment that has
 * none of ACK, RST and SYN in a synchronized state, as RFC 9293 section 3.10.7.4 ("fifth, check
 * the ACK field ... if the ACK bit is off, drop the segment") and Linux (tcp_rcv_state_process)
 * do, where TcpSocketBase takes its data into the stream. With both checks off the socket is
 * ns-3's as it is. Every other segment goes to TcpSocketBase unchanged; the challenge ACK is
 * TcpSocketBase's own empty ACK (timestamps included). RFC 5961's rate
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

    Rfc5961TcpSocket();

    /**
     * Copy (TcpSocketBase's Fork): a listener's connections inherit its checks and callback.
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
     * Turn the checks on or off and say where their drops go.
     * \param rst true for RFC 5961 section 3.2's RST check, false for TcpSocketBase's (none)
     * \param ack true to drop segments without ACK (nor RST, nor SYN) in a synchronized state
     * \param dropped called with each segment dropped (its TCP header first) and
     *        "rst-challenged", "rst-outside-window" or "no-ack"
     */
    void SetChecks(bool rst,
                   bool ack,
                   Callback<void, Ptr<const Packet>, const std::string&> dropped);

  protected:
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    Ptr<TcpSocketBase> Fork() override;

  private:
    bool m_rstCheck; //!< RFC 5961 section 3.2 on
    bool m_ackCheck; //!< RFC 9293 3.10.7.4 ACK-bit check on
    Callback<void, Ptr<const Packet>, const std::string&> m_dropped; //!< told of each drop
};

} // namespace ns3

#endif /* RFC5961_TCP_SOCKET_H */
