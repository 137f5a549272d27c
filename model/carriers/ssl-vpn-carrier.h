/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SSL_VPN_CARRIER_H
#define SSL_VPN_CARRIER_H

#include "dpd-keepalive.h"
#include "tcp-stream-carrier.h"

#include "ns3/event-id.h"
#include "ns3/traced-callback.h"

#include <map>
#include <utility>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief An SSL VPN (Cisco AnyConnect, as OpenConnect speaks it): CSTP over TLS on TCP 443, and
 * data over DTLS on UDP 443 when it works.
 *
 * TLS channel (cstp.c): a real ns-3 TCP connection (Nagle off), a TLS 1.2 (RFC 5246) or 1.3
 * (RFC 8446) handshake of sized records with its round trips (two for 1.2, one for 1.3), then an
 * HTTP "CONNECT /CSCOSSLC/tunnel" request and "200 CONNECTED" answer (sized; they carry each
 * side's inner address in X-CSTP-Address and, when DTLS is on, the DTLS session id and port), then
 * CSTP: every packet behind an 8-byte CstpHeader inside a TLS application-data record (5-byte
 * header plus AEAD overhead: 8-byte explicit nonce and 16-byte tag for TLS 1.2 AES-GCM, 1-byte
 * inner type and 16-byte tag for TLS 1.3). There is no ESP in this family (CarriesEsp() is false).
 *
 * DTLS channel (dtls.c): after CONNECTED, the client opens UDP to DtlsPort and runs a resumed
 * DTLS 1.2 handshake (ClientHello with the session id; ServerHello, ChangeCipherSpec, Finished;
 * the client's ChangeCipherSpec and Finished: one round trip). Then data rides in DTLS records:
 * 13-byte header, 8-byte explicit nonce, 1-byte CSTP type, the packet, 16-byte tag. Control
 * (CONNECT, DPD and keepalive of the TLS channel) always stays on TLS.
 *
 * Liveness per channel (DpdKeepalive, mainloop.c): DPD request when now >= lastRx + dpd, repeated
 * every dpd/2, dead at lastRx + 2 dpd; keepalive after KeepaliveInterval without sending. A dead
 * DTLS channel makes data fall back to TLS and DTLS is retried DtlsRetryInterval (60 s) later; a
 * handshake that gets no answer after DtlsHandshakeRetries retransmissions (1 s, doubling; RFC
 * 6347 section 4.2.4.1) also sleeps until the retry. The headend follows the client: it sends on
 * DTLS while the client does (any DTLS record from it), and falls back when data arrives on TLS or
 * its own DTLS DPD fails. A dead TLS channel, or a closed or reset connection, reports PeerDown:
 * the tunnel is Failed and its reconnect policy applies (OpenConnect keeps reconnecting for
 * reconnect_timeout, 300 s; model it with the tunnel's ReconnectDelay and MaxReconnectAttempts).
 *
 * Handshake and record contents are real-looking but carry no cryptography: Wireshark dissects the
 * TLS records on 443 (ClientHello, ServerHello, application data) and the DTLS records on UDP 443.
 */
class SslVpnCarrier : public TcpStreamCarrier
{
  public:
    /** TLS version of the TLS channel. */
    enum TlsVersion
    {
        TLS_1_2 = 0, //!< RFC 5246: two handshake round trips; AES-GCM explicit nonce 8 + tag 16
        TLS_1_3 = 1  //!< RFC 8446: one round trip; inner content type 1 + tag 16
    };

    /** State of a session's DTLS channel. */
    enum DtlsState
    {
        DTLS_OFF = 0,        //!< not used (disabled, or CSTP not up yet)
        DTLS_CONNECTING = 1, //!< handshake under way; data on TLS
        DTLS_UP = 2,         //!< data on DTLS
        DTLS_SLEEPING = 3    //!< fell back to TLS; the client retries after DtlsRetryInterval
    };

    /**
     * \param state a DTLS state
     * \return its name ("off", "connecting", "up", "sleeping")
     */
    static std::string DtlsStateName(DtlsState state);

    /**
     * TracedCallback signature for a DTLS state change (each switch between DTLS and TLS).
     * \param [in] peer the session's handle
     * \param [in] oldState the state left
     * \param [in] newState the state entered
     * \param [in] reason "connected", "handshake", "dpd-timeout", "handshake-timeout", "retry",
     * "peer-fallback" (the headend saw data on TLS) or "peer-dtls" (it saw DTLS again)
     */
    typedef void (*DtlsStateTracedCallback)(uint32_t peer,
                                            DtlsState oldState,
                                            DtlsState newState,
                                            const std::string& reason);

    /**
     * TracedCallback signature for a DPD request or keepalive sent.
     * \param [in] peer the session's handle
     * \param [in] dtls true on the DTLS channel, false on TLS
     * \param [in] type CstpHeader::DPD_REQUEST or CstpHeader::KEEPALIVE
     */
    typedef void (*LivenessTracedCallback)(uint32_t peer, bool dtls, uint8_t type);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SslVpnCarrier();
    ~SslVpnCarrier() override;

    std::string GetName() const override;
    uint16_t GetPort() const override;
    void Listen() override;
    void Close(uint32_t peer) override;
    void Shutdown() override;
    bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) override;
    bool SendData(uint32_t peer, Ptr<Packet> message) override;
    bool CarriesEsp() const override;

    /**
     * Bytes added to an inner packet (OpenConnect's arithmetic): with DTLS, IPv4 20 + UDP 8 +
     * DTLS header 13 + nonce 8 + tag 16 + CSTP type 1 = 66; TLS only, IPv4 20 + TCP 32 (with
     * timestamps) + TLS header 5 + AEAD (24 for 1.2, 17 for 1.3) + CSTP 8 = 89 or 82.
     * \return the overhead of the data path the tunnel's MTU is sized for
     */
    uint32_t GetDataOverhead() const override;

    /**
     * \param peer a handle
     * \return the session's DTLS state (DTLS_OFF for an unknown handle)
     */
    DtlsState GetDtlsState(uint32_t peer) const;

    /** \return data packets sent in TLS records */
    uint64_t GetTlsDataSent() const;

    /** \return data packets sent in DTLS records */
    uint64_t GetDtlsDataSent() const;

  protected:
    void DoDispose() override;
    StreamFramer::Format GetFrameFormat(bool initiator) const override;
    void StreamOpened(uint32_t peer, bool initiator) override;
    void StreamFrame(uint32_t peer, Ptr<Packet> frame) override;
    void StreamClosed(uint32_t peer) override;

  private:
    /** What the carrier knows of one TLS connection and its DTLS companion. */
    struct Session
    {
        bool initiator{false};     //!< client side
        bool helloSeen{false};     //!< headend: ClientHello answered
        bool peerCcs{false};       //!< the peer sent ChangeCipherSpec (TLS 1.2)
        bool handshakeDone{false}; //!< TLS established
        bool cstpUp{false};        //!< CONNECT answered
        bool dtlsOffered{false};   //!< both ends want DTLS
        DpdKeepalive tls;          //!< TLS channel liveness
        EventId tlsTimer;          //!< TLS liveness timer
        DtlsState dtls{DTLS_OFF};  //!< DTLS state
        DpdKeepalive dtlsLive;     //!< DTLS channel liveness
        EventId dtlsTimer;         //!< DTLS liveness or handshake timer
        EventId dtlsRetry;         //!< client: next DTLS attempt
        uint32_t dtlsTries{0};     //!< client: ClientHello retransmissions
        Ptr<Socket> dtlsSocket;    //!< client: its UDP socket
        Ipv4Address dtlsAddress;   //!< headend: the client's UDP address
        uint16_t dtlsPort{0};      //!< headend: the client's UDP port
        uint32_t dtlsSession{0};   //!< client: the headend's session id (X-DTLS-Session-ID)
        uint64_t dtlsSeq{0};       //!< DTLS record sequence number
    };

    /**
     * Write one TLS record.
     * \param peer the handle
     * \param type the content type (20, 21, 22, 23)
     * \param body the plaintext
     * \param encrypted add the AEAD overhead (and, for TLS 1.3, hide the type as 23)
     * \param droppable data (refused when the send queue is full)
     * \return false if it was not written
     */
    bool SendRecord(uint32_t peer, uint8_t type, Ptr<Packet> body, bool encrypted, bool droppable);

    /**
     * Write a CSTP packet (header + payload) in a TLS application-data record.
     * \param peer the handle
     * \param type the CSTP type
     * \param payload the payload (may be empty)
     * \param droppable data
     * \return false if it was not written
     */
    bool SendCstp(uint32_t peer, uint8_t type, Ptr<Packet> payload, bool droppable);

    /**
     * The TLS handshake: one record from the peer before the handshake is done.
     * \param peer the handle
     * \param s the session
     * \param type the record's content type
     * \param body the record's fragment
     */
    void HandshakeRecord(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> body);

    /**
     * Plaintext of an application-data record after the handshake.
     * \param peer the handle
     * \param s the session
     * \param plain the plaintext
     */
    void ApplicationData(uint32_t peer, Session& s, Ptr<Packet> plain);

    /**
     * A CSTP packet arrived on TLS (or a DTLS payload with its 1-byte type).
     * \param peer the handle
     * \param s the session
     * \param type the CSTP type
     * \param payload the payload
     * \param dtls true if it came over DTLS
     */
    void CstpPacket(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> payload, bool dtls);

    /**
     * CSTP is up on a session: arm TLS liveness, and (client) start DTLS.
     * \param peer the handle
     * \param s the session
     */
    void CstpUp(uint32_t peer, Session& s);

    /**
     * TLS liveness timer.
     * \param peer the handle
     */
    void TlsTimer(uint32_t peer);

    /**
     * Client: start (or retry) the DTLS handshake.
     * \param peer the handle
     */
    void DtlsStart(uint32_t peer);

    /**
     * Client: send (or resend) the DTLS ClientHello and arm its retransmission.
     * \param peer the handle
     */
    void DtlsHello(uint32_t peer);

    /**
     * DTLS liveness timer (both sides).
     * \param peer the handle
     */
    void DtlsTimer(uint32_t peer);

    /**
     * Change a session's DTLS state, tracing it.
     * \param peer the handle
     * \param s the session
     * \param state the new state
     * \param reason why
     */
    void SetDtlsState(uint32_t peer, Session& s, DtlsState state, const std::string& reason);

    /**
     * The DTLS channel of a session fell back to TLS; the client schedules its retry.
     * \param peer the handle
     * \param s the session
     * \param reason why
     */
    void DtlsFallback(uint32_t peer, Session& s, const std::string& reason);

    /**
     * Send one UDP datagram of DTLS records to a session's peer.
     * \param peer the handle
     * \param s the session
     * \param datagram the records
     */
    void DtlsSend(uint32_t peer, Session& s, Ptr<Packet> datagram);

    /**
     * Build a DTLS record.
     * \param s the session (its sequence number advances)
     * \param type the content type
     * \param body the plaintext
     * \param encrypted add nonce and tag (epoch 1)
     * \return the record
     */
    Ptr<Packet> DtlsRecord(Session& s, uint8_t type, Ptr<Packet> body, bool encrypted);

    /**
     * Send a CSTP-typed payload over DTLS.
     * \param peer the handle
     * \param s the session
     * \param type the CSTP type
     * \param payload the payload
     */
    void DtlsSendCstp(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> payload);

    /**
     * Read DTLS datagrams (client socket or headend socket).
     * \param socket the UDP socket
     */
    void DtlsRead(Ptr<Socket> socket);

    /**
     * One DTLS record from a session's peer.
     * \param peer the handle
     * \param s the session
     * \param type the content type
     * \param body the fragment
     */
    void DtlsRecordIn(uint32_t peer, Session& s, uint8_t type, Ptr<Packet> body);

    /**
     * Forget a session's timers and DTLS state.
     * \param peer the handle
     */
    void Forget(uint32_t peer);

    /**
     * \param peer a handle
     * \return the session, or nullptr
     */
    Session* Find(uint32_t peer);

    /** \return AEAD bytes a TLS record adds (24 for 1.2, 17 for 1.3) */
    uint32_t TlsAeadOverhead() const;

    // Attributes
    uint16_t m_port;                 //!< TLS port
    TlsVersion m_version;            //!< TLS version
    uint32_t m_clientHelloSize;      //!< ClientHello record bytes
    uint32_t m_serverFlightSize;     //!< server's certificate flight bytes
    uint32_t m_connectRequestSize;   //!< CONNECT request bytes
    uint32_t m_connectResponseSize;  //!< CONNECTED response bytes
    Time m_dpd;                      //!< TLS DPD interval
    Time m_keepalive;                //!< keepalive interval
    bool m_enableDtls;               //!< DTLS wanted
    uint16_t m_dtlsPort;             //!< DTLS port
    Time m_dtlsDpd;                  //!< DTLS DPD interval
    Time m_dtlsRetry;                //!< DTLS retry period
    Time m_dtlsHandshakeTimeout;     //!< first ClientHello retransmission timeout
    uint32_t m_dtlsHandshakeRetries; //!< ClientHello retransmissions before sleeping

    std::map<uint32_t, Session> m_sessions;                         //!< by handle
    std::map<std::pair<uint32_t, uint16_t>, uint32_t> m_dtlsByAddr; //!< headend: UDP peer -> handle
    Ptr<Socket> m_dtlsListener;                                     //!< headend: UDP 443
    uint64_t m_tlsData;                                             //!< data in TLS records
    uint64_t m_dtlsData;                                            //!< data in DTLS records

    TracedCallback<uint32_t, DtlsState, DtlsState, const std::string&> m_dtlsTrace; //!< DTLS
    TracedCallback<uint32_t, bool, uint8_t> m_livenessTrace; //!< DPD and keepalives
};

} // namespace ns3

#endif /* SSL_VPN_CARRIER_H */
