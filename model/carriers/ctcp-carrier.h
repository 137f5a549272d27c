/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CTCP_CARRIER_H
#define CTCP_CARRIER_H

#include "ctcp-connection.h"
#include "ctcp-l4-protocol.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/vpn-carrier.h"

#include <map>
#include <tuple>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Cisco IPsec over TCP (cTCP): ESP and IKE in TCP-looking segments on port 10000, with
 * none of TCP's reliability.
 *
 * What is known (Cisco tech note 113578; the ASA's `crypto ikev1 ipsec-over-tcp port 10000`,
 * up to 10 ports; IOS `crypto ctcp keepalive`, 5 s by default; Wireshark's `packet-ipsec-tcp.c`):
 * each ESP packet, and each IKE message behind an 8-byte UDP 500/500 header, travels in a TCP
 * segment of its own followed by a 16-byte trailer (CtcpTrailer); there is no length prefix;
 * cTCP never retransmits, ignores duplicate ACKs and has no congestion control, so a segment
 * lost is lost and the inner TCP recovers end to end.
 *
 * What this model assumes where nothing is documented (each a Scope and Limitations entry):
 * - Connection: a three-way handshake (SYN with an MSS option, SYN-ACK, ACK), so stateful
 *   firewalls create state. The client's SYN is retransmitted after SynTimeout, the wait
 *   doubling, SynRetries times; when the last wait ends unanswered, PeerDown fires (the tunnel's
 *   reconnect policy then applies). A headend listens on Port and keeps one connection per
 *   client (address, port); a client opens one connection from a random port in 49152-65535.
 * - Sequence numbers advance by payload length; the window is fixed (Window).
 * - ACK field: AckPolicy. HIGHEST_RECEIVED (default) acknowledges one past the highest byte
 *   received; IN_ORDER acknowledges the in-order edge (RCV.NXT), so after a loss every later
 *   segment draws a duplicate ACK (and a firewall's window check stalls once the sender runs a
 *   window past the hole).
 * - Every data segment received is acknowledged: by a segment sent while it is handed to the
 *   tunnel (a piggybacked ACK), else by a pure ACK at once.
 * - Keepalive: after KeepaliveInterval without sending a message (pure ACKs do not count), either
 * end sends a TCP-style keepalive (RFC 9293 section 3.8.4): one zero byte at SND.NXT - 1, no
 * trailer. A receiver counts it, answers with an ACK and hands nothing to the tunnel.
 * - Close() sends a RST and forgets the connection; a RST received, or a FIN (answered with
 *   RST), ends a connection with PeerDown.
 *
 * Duplicate ACKs received (no payload, SEG.ACK = SND.UNA, data outstanding; RFC 5681 section 2)
 * are counted and traced, then ignored.
 */
class CtcpCarrier : public VpnCarrier
{
  public:
    /** What the ACK field acknowledges (the AckPolicy attribute). */
    typedef CtcpConnection::AckPolicy AckPolicy;

    /**
     * TracedCallback signature for a cTCP segment.
     * \param [in] payload the segment's payload (IKE or ESP with the trailer; may be empty)
     * \param [in] segment its TCP header fields
     */
    typedef void (*SegmentTracedCallback)(Ptr<const Packet> payload,
                                          const CtcpL4Protocol::Segment& segment);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CtcpCarrier();
    ~CtcpCarrier() override;

    std::string GetName() const override;
    /** \return IKEV1: cTCP is the Cisco VPN Client's (ASA `crypto ikev1 ipsec-over-tcp`) */
    IkeVersion GetIkeVersion() const override;
    uint32_t Connect(Ipv4Address headend) override;
    void Listen() override;
    bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) override;
    bool SendData(uint32_t peer, Ptr<Packet> message) override;
    void Close(uint32_t peer) override;
    void Shutdown() override;
    uint32_t GetDataOverhead() const override;
    uint16_t GetHeadendTcpPort() const override;
    int64_t AssignStreams(int64_t stream) override;

    /** \return the TCP port of the headend */
    uint16_t GetPort() const;

    /** \return segments sent (handshake, data, ACKs, keepalives, RSTs) */
    uint64_t GetSegmentsSent() const;

    /** \return segments received on cTCP connections */
    uint64_t GetSegmentsReceived() const;

    /**
     * \return data segments received out of order: not starting at the highest byte received
     * so far (a hole opened before them, or they fill one)
     */
    uint64_t GetOutOfOrderCount() const;

    /** \return duplicate ACKs received (and ignored) */
    uint64_t GetDupAcksReceived() const;

    /** \return keepalives sent */
    uint64_t GetKeepalivesSent() const;

    /** \return keepalives received */
    uint64_t GetKeepalivesReceived() const;

    /** \return challenge ACKs sent for a RST in the window but not exact (RstPolicy rfc5961) */
    uint64_t GetChallengeAcksSent() const;

    /** \return SYNs sent again after SynTimeout */
    uint64_t GetSynRetransmissions() const;

    /** \return connections established (client and headend) */
    uint64_t GetConnectionsEstablished() const;

  protected:
    void DoDispose() override;
    void DoInstall() override;

  private:
    /**
     * One cTCP connection (its remote outer address is the Peer's): the sequence state, and the
     * timers the carrier runs for it.
     */
    struct Connection : public Peer
    {
        uint32_t handle{0};     //!< the tunnel's peer handle
        CtcpConnection tcb;     //!< state, ports, sequence variables (RFC 9293's TCB)
        uint32_t synRetries{0}; //!< SYNs sent again
        Time synWait;           //!< current SYN timeout
        Time lastTx;            //!< when a message or keepalive was last sent
        EventId synEvent;       //!< SYN retransmission
        EventId keepaliveEvent; //!< keepalive check
    };

    /** (remote address, remote port, local port) */
    typedef std::tuple<Ipv4Address, uint16_t, uint16_t> Key;

    /**
     * A segment for one of our ports.
     * \param payload the payload
     * \param segment the header fields
     * \param source the outer source
     */
    void Receive(Ptr<Packet> payload, const CtcpL4Protocol::Segment& segment, Ipv4Address source);

    /**
     * A segment on an established (or half-open, at the headend) connection.
     * \param c the connection
     * \param payload the payload
     * \param segment the header fields
     */
    void ReceiveOnConnection(Connection& c,
                             Ptr<Packet> payload,
                             const CtcpL4Protocol::Segment& segment);

    /**
     * The handshake is done: ESTABLISHED, SND.UNA, keepalive timer.
     * \param c the connection
     * \param ack the ACK that completed it
     */
    void Establish(Connection& c, SequenceNumber32 ack);

    /**
     * Unframe a message (CtcpFraming) and hand it to the tunnel, or drop it.
     * \param c the connection
     * \param payload the payload
     */
    void Deliver(const Connection& c, Ptr<Packet> payload);

    /**
     * Send a message (IKE or ESP) in a segment of its own, framed by CtcpFraming.
     * \param peer the handle
     * \param message the message
     * \param kind CONTROL (IKE) or DATA (ESP)
     * \return false if the peer is not an established connection
     */
    bool SendMessage(uint32_t peer, Ptr<Packet> message, MessageKind kind);

    /**
     * Send a segment on a connection (SND.NXT advances by the payload's length).
     * \param c the connection
     * \param payload the payload (may be empty)
     * \param flags control bits
     * \param sequence the sequence number
     * \param mss an MSS option's value, 0 for none
     */
    void SendSegment(Connection& c,
                     Ptr<Packet> payload,
                     uint8_t flags,
                     SequenceNumber32 sequence,
                     uint16_t mss = 0);

    /**
     * Answer a segment that has no connection, as a LISTEN port does (RFC 9293 section 3.10.7.2).
     * \param segment the header fields
     * \param size the payload length
     * \param source the outer source
     */
    void SendReset(const CtcpL4Protocol::Segment& segment, uint32_t size, Ipv4Address source);

    /**
     * The SYN timer of a client connection.
     * \param handle the connection
     */
    void SynTimeout(uint32_t handle);

    /**
     * (Re)check the keepalive timer of a connection.
     * \param handle the connection
     */
    void KeepaliveCheck(uint32_t handle);

    /**
     * Forget a connection: timers, lookups and (client) its port.
     * \param handle the connection
     */
    void Remove(uint32_t handle);

    /**
     * Add a connection to the carrier's peer table.
     * \return the connection, its handle set
     */
    Connection& NewConnection();

    /**
     * \param handle a handle
     * \return the connection, or nullptr
     */
    Connection* Find(uint32_t handle) const;

    // Attributes
    uint16_t m_port;                       //!< headend's TCP port
    uint16_t m_window;                     //!< advertised window
    bool m_resetOnClose;                   //!< send a RST when giving a connection up
    AckPolicy m_ackPolicy;                 //!< what the ACK field acknowledges
    CtcpConnection::RstPolicy m_rstPolicy; //!< which RSTs end a connection
    Time m_keepalive;                      //!< keepalive interval, 0 disables
    Time m_synTimeout;                     //!< first SYN timeout
    uint32_t m_synRetries;                 //!< SYN retransmissions before giving up
    uint32_t m_maxRanges;                  //!< out-of-order ranges remembered per connection

    Ptr<CtcpL4Protocol> m_ctcp;       //!< the node's protocol-6 shim
    Ptr<UniformRandomVariable> m_rng; //!< ISS and client ports
    uint16_t m_mss;                   //!< MSS option: WAN MTU - 40
    bool m_listening;                 //!< Listen() called
    std::map<Key, uint32_t> m_byKey;  //!< by 4-tuple (our address is m_local)

    // Counters
    uint64_t m_segmentsSent;     //!< segments sent
    uint64_t m_segmentsReceived; //!< segments received
    uint64_t m_outOfOrder;       //!< data segments past a hole
    uint64_t m_dupAcks;          //!< duplicate ACKs received
    uint64_t m_keepalivesSent;   //!< keepalives sent
    uint64_t m_keepalivesRecv;   //!< keepalives received
    uint64_t m_challengeAcks;    //!< challenge ACKs sent (RFC 5961 section 3.2)
    uint64_t m_synRetransmits;   //!< SYNs sent again
    uint64_t m_established;      //!< connections established

    // Traces
    TracedCallback<Ptr<const Packet>, const CtcpL4Protocol::Segment&> m_segmentTx; //!< sent
    TracedCallback<Ptr<const Packet>, const CtcpL4Protocol::Segment&> m_segmentRx; //!< received
    TracedCallback<Ptr<const Packet>, const CtcpL4Protocol::Segment&> m_outOfOrderTrace; //!< ooo
    TracedCallback<Ptr<const Packet>, const CtcpL4Protocol::Segment&> m_dupAckTrace;    //!< dup ACK
    TracedCallback<Ptr<const Packet>, const CtcpL4Protocol::Segment&> m_keepaliveTrace; //!< sent
};

} // namespace ns3

#endif /* CTCP_CARRIER_H */
