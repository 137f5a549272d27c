/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTLS_CHANNEL_H
#define DTLS_CHANNEL_H

#include "cstp-connect.h"
#include "dpd-keepalive.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The DTLS companion of one SSL VPN session (OpenConnect's dtls.c): a resumed DTLS 1.2
 * handshake on UDP, data in DTLS records, its own dead-peer detection and keepalives, and the
 * fall back to TLS.
 *
 * SslVpnCarrier creates one per session once both ends want DTLS (the CONNECT exchange offered
 * it) and owns it. The client's channel has a UDP socket of its own and runs the handshake
 * (ClientHello with the headend's session id; ServerHello, ChangeCipherSpec, Finished;
 * ChangeCipherSpec and Finished: one round trip), retransmitting the ClientHello after
 * HandshakeTimeout, doubling, HandshakeRetries times (RFC 6347 section 4.2.4.1). The headend's
 * channel sends through the carrier's UDP listener to the address the client's ClientHello came
 * from; it follows the client: UP on any DTLS record from it.
 *
 * Data records: 13-byte DtlsRecordHeader, 8-byte explicit nonce, 1-byte CSTP type, the payload,
 * 16-byte tag. Liveness (DpdKeepalive) runs while UP. As OpenConnect's dtls.c does it: when DPD
 * declares the peer dead, data falls back to TLS and the client starts a new DTLS connection at
 * once, on a new UDP socket (dtls_reconnect); a handshake attempt with no answer within
 * HandshakeLimit (OpenConnect's dtls_try_handshake: 12 s) makes the channel SLEEPING, and the
 * client tries again Retry later (dtls_attempt_period, 60 s). The headend's channel follows.
 *
 * The channel reports to its carrier through Hooks: state changes, DPD requests and keepalives
 * sent, CSTP packets received and records dropped.
 */
class DtlsChannel : public SimpleRefCount<DtlsChannel>
{
  public:
    /** A DTLS session id: 32 bytes, the headend's X-DTLS-Session-ID. */
    typedef CstpConnect::SessionId SessionId;

    /** State of the channel. */
    enum State
    {
        OFF = 0,        //!< not started
        CONNECTING = 1, //!< handshake under way; data on TLS
        UP = 2,         //!< data on DTLS
        SLEEPING = 3    //!< fell back to TLS; the client retries (at once after DPD death)
    };

    /**
     * \param state a state
     * \return its name ("off", "connecting", "up", "sleeping")
     */
    static std::string StateName(State state);

    /** The carrier's DTLS settings (its attributes). */
    struct Config
    {
        uint16_t port{443};           //!< the headend's UDP port (X-DTLS-Port)
        Time dpd;                     //!< DPD interval (X-DTLS-DPD); 0 disables
        Time keepalive;               //!< keepalive interval; 0 disables
        Time retry;                   //!< client: next attempt after a fall back
        Time handshakeTimeout;        //!< client: first ClientHello retransmission timeout
        uint32_t handshakeRetries{0}; //!< client: retransmissions before sleeping
        Time handshakeLimit;          //!< client: an attempt's whole time before sleeping
    };

    /** What the channel tells its carrier. */
    struct Hooks
    {
        /** The state changed: old state, new state, reason. */
        std::function<void(State, State, const std::string&)> state;
        /** A DPD request or keepalive (its CSTP type) was sent. */
        std::function<void(uint8_t)> liveness;
        /** A CSTP packet arrived: its type and payload. */
        std::function<void(uint8_t, Ptr<Packet>)> cstp;
        /** A packet received was dropped, with the reason. */
        std::function<void(Ptr<const Packet>, const std::string&)> drop;
    };

    /**
     * \param initiator true for the client's channel
     * \param config the carrier's settings
     * \param hooks where to report
     */
    DtlsChannel(bool initiator, const Config& config, Hooks hooks);

    /**
     * Client: where the handshake goes.
     * \param node the node (its UDP socket is created on the first Start())
     * \param local the node's outer address
     * \param headend the headend's outer address
     * \param session the headend's session id (X-DTLS-Session-ID), sent in the ClientHello
     */
    void SetClient(Ptr<Node> node,
                   Ipv4Address local,
                   Ipv4Address headend,
                   const SessionId& session);

    /**
     * Headend: send through the carrier's UDP listener.
     * \param listener the socket on the DTLS port
     */
    void SetListener(Ptr<Socket> listener);

    /**
     * Headend: the client's UDP address (from its ClientHello).
     * \param address the client's address
     * \param port its UDP port
     */
    void SetPeer(Ipv4Address address, uint16_t port);

    /** \return the client's UDP address (headend; 0.0.0.0 until SetPeer) */
    Ipv4Address GetPeerAddress() const;

    /** \return the client's UDP port (headend; 0 until SetPeer) */
    uint16_t GetPeerPort() const;

    /** \return the state */
    State GetState() const;

    /** \return true once Close() was called */
    bool IsClosed() const;

    /** Client: start (or retry) the handshake. */
    void Start();

    /**
     * Fall back to TLS (SLEEPING); the client closes its socket and schedules its retry after
     * Retry.
     * \param reason why (traced)
     */
    void Fallback(const std::string& reason);

    /**
     * Send a CSTP-typed payload in a DTLS application-data record.
     * \param type the CSTP type
     * \param payload the payload
     */
    void SendCstp(uint8_t type, Ptr<Packet> payload);

    /**
     * One DTLS record from the peer.
     * \param type the content type
     * \param body the fragment
     */
    void Receive(uint8_t type, Ptr<Packet> body);

    /** Stop: cancel the timers and close the client's socket. Nothing more is sent. */
    void Close();

    /**
     * Cut a datagram into DTLS records.
     * \param datagram the UDP payload
     * \param record called with each record's content type and fragment; returns false to stop
     * \return false if a record's length ran past the datagram's end (the rest is not read)
     */
    static bool ForEachRecord(Ptr<const Packet> datagram,
                              const std::function<bool(uint8_t, Ptr<Packet>)>& record);

    /**
     * The session id a DTLS ClientHello asks to resume (all 32 bytes, as the headend wrote them
     * in X-DTLS-Session-ID).
     * \param type the record's content type
     * \param body the record's fragment
     * \param [out] session the session id, if it is a ClientHello
     * \return true if the record is a ClientHello long enough to carry one
     */
    static bool ClientHelloSession(uint8_t type, Ptr<const Packet> body, SessionId& session);

  private:
    /** Client: send (or resend) the ClientHello and arm its retransmission. */
    void Hello();

    /**
     * Client: start a handshake on the socket (a new one if none is open).
     * \param reason why (traced with the move to CONNECTING)
     */
    void Attempt(const std::string& reason);

    /**
     * DTLS dead-peer detection declared the peer dead: data falls back to TLS; the client
     * starts a new DTLS connection at once.
     */
    void PeerDead();

    /** Client: close the UDP socket, if open (a new attempt opens a new one). */
    void CloseSocket();

    /** Liveness or handshake timer. */
    void Timer();

    /**
     * Change the state, reporting it.
     * \param state the new state
     * \param reason why
     */
    void SetState(State state, const std::string& reason);

    /**
     * Build a record (the sequence number advances).
     * \param type the content type
     * \param body the plaintext
     * \param encrypted add nonce and tag (epoch 1)
     * \return the record
     */
    Ptr<Packet> Record(uint8_t type, Ptr<Packet> body, bool encrypted);

    /**
     * Send one datagram of records to the peer.
     * \param datagram the records
     */
    void Send(Ptr<Packet> datagram);

    /**
     * Client: read the socket.
     * \param socket the client's UDP socket
     */
    void Read(Ptr<Socket> socket);

    bool m_initiator;       //!< client side
    Config m_config;        //!< settings
    Hooks m_hooks;          //!< to the carrier
    State m_state;          //!< state
    DpdKeepalive m_live;    //!< liveness
    EventId m_timer;        //!< liveness or handshake timer
    EventId m_retry;        //!< client: next attempt
    uint32_t m_tries;       //!< client: ClientHello retransmissions
    Time m_attemptStart;    //!< client: when the current handshake attempt began
    Ptr<Node> m_node;       //!< client: the node
    Ipv4Address m_local;    //!< client: the node's outer address
    Ipv4Address m_headend;  //!< client: the headend's outer address
    SessionId m_session;    //!< client: the headend's session id
    Ptr<Socket> m_socket;   //!< client: its UDP socket
    Ptr<Socket> m_listener; //!< headend: the carrier's UDP listener
    Ipv4Address m_peer;     //!< headend: the client's UDP address
    uint16_t m_peerPort;    //!< headend: the client's UDP port
    uint64_t m_sequence;    //!< record sequence number
    bool m_closed;          //!< Close() was called
};

} // namespace ns3

#endif /* DTLS_CHANNEL_H */
