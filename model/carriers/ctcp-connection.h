/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CTCP_CONNECTION_H
#define CTCP_CONNECTION_H

#include "ctcp-l4-protocol.h"

#include "ns3/sequence-number.h"

#include <cstdint>
#include <map>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The sequence state of one cTCP connection: the part of RFC 9293's transmission control
 * block (section 3.3.1) that cTCP keeps, and what its ACK field acknowledges.
 *
 * cTCP (Cisco tech note 113578; Wireshark's `packet-ipsec-tcp.c`) sends each message in a TCP
 * segment of its own and never retransmits, so a connection has no send or receive buffer, only
 * the variables:
 * - send: ISS; SND.NXT, which advances by each payload's length; SND.UNA, the highest ACK
 *   received;
 * - receive: RCV.NXT, the in-order edge; one past the highest byte received; the ranges received
 *   past RCV.NXT (for the in-order edge; beyond a limit the lowest is forgotten).
 *
 * The ACK field is undocumented for real cTCP; AckPolicy chooses: ACK_HIGHEST_RECEIVED
 * acknowledges one past the highest byte received, ACK_IN_ORDER the in-order edge RCV.NXT, so
 * after a loss every later segment draws a duplicate ACK. Every data segment received is owed an
 * ACK until a segment with the ACK bit goes out (IsAckOwed()).
 *
 * A duplicate ACK (RFC 5681 section 2: no data, SEG.ACK = SND.UNA, data outstanding) is
 * recognised here; CtcpCarrier counts it and does nothing else. The states are RFC 9293 section
 * 3.3.2's names; cTCP needs only three. A plain value class: CtcpCarrier sends the segments
 * MakeSegment() describes and keeps the timers.
 */
class CtcpConnection
{
  public:
    /** What the ACK field acknowledges. */
    enum AckPolicy
    {
        ACK_HIGHEST_RECEIVED = 0, //!< one past the highest byte received
        ACK_IN_ORDER = 1          //!< the in-order edge, RCV.NXT
    };

    /** Which RSTs end a synchronized connection (the RstPolicy attribute of CtcpCarrier). */
    enum RstPolicy
    {
        RST_ANY = 0,    //!< any RST with the connection's ports (no sequence check)
        RST_RFC5961 = 1 //!< RFC 5961 section 3.2: exact RCV.NXT only; challenge ACK in window
    };

    /** What to do with a RST received on a synchronized connection. */
    enum RstVerdict
    {
        RST_ACCEPT = 0,    //!< end the connection
        RST_CHALLENGE = 1, //!< send a challenge ACK, keep the connection
        RST_IGNORE = 2     //!< outside the window: drop it silently
    };

    /** Connection states (RFC 9293 section 3.3.2 names; cTCP needs only these). */
    enum State
    {
        SYN_SENT = 0,     //!< client: SYN sent
        SYN_RECEIVED = 1, //!< headend: SYN-ACK sent
        ESTABLISHED = 2   //!< handshake done
    };

    CtcpConnection();

    /**
     * Client: the SYN is about to go out (SYN-SENT).
     * \param localPort our port
     * \param remotePort the headend's port
     * \param iss the initial send sequence number
     */
    void Open(uint16_t localPort, uint16_t remotePort, SequenceNumber32 iss);

    /**
     * Headend: a SYN arrived and the SYN-ACK is about to go out (SYN-RECEIVED).
     * \param syn the SYN's header fields (the ports seen from the client)
     * \param iss the initial send sequence number
     */
    void Accept(const CtcpL4Protocol::Segment& syn, SequenceNumber32 iss);

    /**
     * \param segment a segment received in SYN-SENT
     * \return true if it is the SYN-ACK to our SYN (SEG.ACK = ISS + 1)
     */
    bool IsSynAck(const CtcpL4Protocol::Segment& segment) const;

    /**
     * Client: the SYN-ACK arrived; RCV.NXT starts past its SYN.
     * \param synAck its header fields
     */
    void SynAckReceived(const CtcpL4Protocol::Segment& synAck);

    /**
     * The handshake is done: ESTABLISHED, SND.UNA = the ACK that completed it.
     * \param ack that ACK
     */
    void Establish(SequenceNumber32 ack);

    /**
     * Describe a segment about to be sent: SND.NXT advances by the payload's length when the
     * segment starts there, and an ACK bit pays the ACK owed.
     * \param flags control bits
     * \param sequence the sequence number
     * \param size the payload length
     * \param window the window advertised
     * \param policy what the ACK field acknowledges
     * \return the header fields
     */
    CtcpL4Protocol::Segment MakeSegment(uint8_t flags,
                                        SequenceNumber32 sequence,
                                        uint32_t size,
                                        uint16_t window,
                                        AckPolicy policy);

    /**
     * The answer to a segment that has no connection, as a LISTEN port gives it (RFC 9293 section
     * 3.10.7.2): an ACK gets <SEQ=SEG.ACK><CTL=RST>, anything else
     * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
     * \param segment the header fields received
     * \param size their payload length
     * \return the RST's header fields
     */
    static CtcpL4Protocol::Segment MakeReset(const CtcpL4Protocol::Segment& segment, uint32_t size);

    /**
     * \param segment a segment received
     * \param size its payload length
     * \return true for a duplicate ACK (RFC 5681 section 2)
     */
    bool IsDuplicateAck(const CtcpL4Protocol::Segment& segment, uint32_t size) const;

    /**
     * Judge a RST on a synchronized connection (RFC 5961 section 3.2, RFC 9293 section
     * 3.10.7.4). Under RST_RFC5961 it is accepted only if SEG.SEQ is exactly the next byte
     * expected: RCV.NXT, or, since cTCP never fills holes and AckPolicy highest-received
     * advertises it, one past the highest byte received (the peer's SND.NXT when its last segment
     * arrived, and what a RST answering our challenge ACK carries); a SEG.SEQ from RCV.NXT to one
     * past the highest byte received plus the window draws a challenge ACK; anything else is
     * ignored. RST_ANY accepts every RST.
     * \param seq SEG.SEQ of the RST
     * \param window RCV.WND (the window this end advertises)
     * \param policy the RstPolicy
     * \return the verdict
     */
    RstVerdict CheckReset(SequenceNumber32 seq, uint16_t window, RstPolicy policy) const;

    /**
     * SND.UNA moves to an ACK that acknowledges new data we sent.
     * \param ack SEG.ACK
     */
    void Acknowledge(SequenceNumber32 ack);

    /**
     * Note a data segment's bytes [start, start + size): the highest byte received, RCV.NXT and
     * the ranges past it, of which at most maxRanges are kept. The segment is owed an ACK.
     * \param start SEG.SEQ
     * \param size the payload length (not 0)
     * \param maxRanges ranges past RCV.NXT kept; the lowest is forgotten beyond this
     * \return true if it arrived out of order: not at the highest byte received so far (a hole
     * opened before it, or it fills one)
     */
    bool Receive(SequenceNumber32 start, uint32_t size, uint32_t maxRanges);

    /**
     * \param policy what the ACK field acknowledges
     * \return the ACK field: RCV.NXT or one past the highest byte received
     */
    SequenceNumber32 GetAck(AckPolicy policy) const;

    /** \return a data segment received is not acknowledged yet */
    bool IsAckOwed() const;

    /** \return the trailer counter for the next message: one more than the last */
    uint16_t NextCounter();

    /** \return where the handshake is */
    State GetState() const;

    /** \return our port */
    uint16_t GetLocalPort() const;

    /** \return the peer's port */
    uint16_t GetRemotePort() const;

    /** \return ISS */
    SequenceNumber32 GetIss() const;

    /** \return SND.NXT */
    SequenceNumber32 GetSndNxt() const;

  private:
    /**
     * RCV.NXT and the highest byte received start past the peer's SYN.
     * \param irs the peer's initial sequence number (IRS)
     */
    void StartReceive(SequenceNumber32 irs);

    State m_state;                                        //!< where the handshake is
    uint16_t m_localPort;                                 //!< our port
    uint16_t m_remotePort;                                //!< the peer's port
    SequenceNumber32 m_iss;                               //!< ISS
    SequenceNumber32 m_sndNxt;                            //!< SND.NXT
    SequenceNumber32 m_sndUna;                            //!< SND.UNA: the highest ACK received
    SequenceNumber32 m_rcvNxt;                            //!< RCV.NXT: the in-order edge
    SequenceNumber32 m_rcvHigh;                           //!< one past the highest byte received
    std::map<SequenceNumber32, SequenceNumber32> m_above; //!< ranges received past RCV.NXT
    uint16_t m_counter;                                   //!< trailer counter of the last message
    bool m_ackOwed;                                       //!< a data segment is not ACKed yet
};

} // namespace ns3

#endif /* CTCP_CONNECTION_H */
