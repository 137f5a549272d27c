/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SSL_VPN_CARRIER_H
#define SSL_VPN_CARRIER_H

#include "cstp-connect.h"
#include "dpd-keepalive.h"
#include "dtls-channel.h"
#include "dtls-listener.h"
#include "tcp-stream-carrier.h"
#include "tls-handshake.h"

#include "ns3/event-id.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

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
 * Authentication (issue 16). The headend takes a CONNECT only with the session cookie it gave
 * the client at authentication ("Cookie: webvpn=...", OpenConnect's cstp.c), for the inner
 * address the CONNECT claims; any other CONNECT is dropped ("bad-cookie") and its connection
 * closed, leaving every session as it was. The authentication exchange itself (OpenConnect's
 * XML POST) is not on the wire: a client asks the headend listening at the address it connects
 * to (Authenticate()) once, and re-uses the cookie on every reconnect, as cstp_reconnect does.
 * The DTLS session id (X-DTLS-Session-ID) is 32 bytes drawn like a cookie, sent only over TLS:
 * a ClientHello naming any other id is dropped ("dtls-unknown-session"), one naming a live
 * session's id moves that session's DTLS to where it came from (DtlsListener). Cookies and ids
 * come from a mixing function (SplitMix64) keyed by a secret of the headend's own, derived from
 * the run's seed and run number, its node and address: nothing an attacker in the simulation
 * sees on the wire of another session predicts them, and no ns-3 random stream is used, so no
 * other stream assignment moves.
 *
 * Handshake and record contents are real-looking but carry no cryptography: Wireshark dissects the
 * TLS records on 443 (ClientHello, ServerHello, application data) and the DTLS records on UDP 443.
 */
class SslVpnCarrier : public TcpStreamCarrier
{
  public:
    /**
     * The least ServerFlightSize: one TLS 1.3 record with an empty body, TlsRecordHeader::SIZE
     * (5) plus TlsRecordLayer::AeadOverhead(true) (17). A smaller flight cannot be sized.
     */
    static constexpr uint32_t MIN_SERVER_FLIGHT_SIZE = 22;

    /** TLS version of the TLS channel. */
    enum TlsVersion
    {
        TLS_1_2 = 0, //!< RFC 5246: two handshake round trips; AES-GCM explicit nonce 8 + tag 16
        TLS_1_3 = 1  //!< RFC 8446: one round trip; inner content type 1 + tag 16
    };

    /**
     * State of a session's DTLS channel: off (not used: disabled, or CSTP not up yet),
     * connecting (handshake under way; data on TLS), up (data on DTLS), sleeping (fell back to
     * TLS; the client retries after DtlsRetryInterval).
     */
    typedef DtlsChannel::State DtlsState;

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
    /** \return the TLS channel's CSTP DPD death time (DpdKeepalive: 2 DpdInterval) */
    Time GetDeadPeerTime() const override;

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

    /**
     * Headend: authenticate a client (the XML POST exchange, not put on the wire) and give it a
     * session cookie for an inner address: 64 hex digits, valid for that address while the
     * carrier lives (ocserv's cookie-timeout is not modelled).
     * \param inner the client's inner address
     * \return the cookie (empty if this carrier is no listening headend)
     */
    std::string Authenticate(Ipv4Address inner);

    /** \return headend: cookies given out by Authenticate() */
    uint64_t GetCookiesIssued() const;

  protected:
    void DoDispose() override;
    StreamFramer::Format GetFrameFormat(bool initiator) const override;
    void StreamOpened(uint32_t peer, bool initiator) override;
    void StreamFrame(uint32_t peer, Ptr<Packet> frame) override;
    void StreamClosed(uint32_t peer, Connection& connection) override;
    std::unique_ptr<Connection> NewConnection() const override;

  private:
    /** Where a session's TLS channel is; each state follows the one before it. */
    enum SessionState
    {
        TLS_HANDSHAKE = 0,   //!< the TLS handshake (TlsHandshake) is under way
        TLS_ESTABLISHED = 1, //!< handshake done; CONNECT under way
        CSTP_UP = 2          //!< CONNECT answered: CSTP carries data
    };

    /**
     * What the carrier knows of one TLS connection and its DTLS companion: the connection's own
     * entry in the peer table.
     */
    struct Session : public Connection
    {
        SessionState state{TLS_HANDSHAKE}; //!< TLS and CONNECT progress
        TlsHandshake handshake;            //!< the TLS handshake
        DpdKeepalive tls;                  //!< TLS channel liveness
        EventId tlsTimer;                  //!< TLS liveness timer
        Ptr<DtlsChannel> dtls;             //!< the DTLS channel, when both ends want DTLS
        DtlsChannel::SessionId dtlsId{};   //!< headend: its X-DTLS-Session-ID
        bool hasDtlsId{false};             //!< headend: dtlsId is given out
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
     * Write handshake records (never refused for a full queue).
     * \param peer the handle
     * \param records the records
     */
    void SendRecords(uint32_t peer, const std::vector<TlsHandshake::Record>& records);

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
     * Give a session its DTLS channel, or none, as the CONNECT exchange decided.
     * \param peer the handle
     * \param s the session
     * \param offered both ends want DTLS
     * \param session client: the headend's session id (X-DTLS-Session-ID)
     */
    void SetDtls(uint32_t peer, Session& s, bool offered, const DtlsChannel::SessionId& session);

    /**
     * \param s a session
     * \return true if its data rides DTLS
     */
    static bool IsDtlsUp(const Session& s);

    /**
     * Forget a session's timers and its DTLS channel (its entry goes with its connection).
     * \param s the session
     */
    void Forget(Session& s);

    /**
     * \param peer a handle
     * \return the session, or nullptr
     */
    Session* Find(uint32_t peer) const;

    /** \return AEAD bytes a TLS record adds (24 for 1.2, 17 for 1.3) */
    uint32_t TlsAeadOverhead() const;

    /**
     * Headend: 32 bytes no one else in the simulation can predict (a cookie, a DTLS session id).
     * \return them
     */
    DtlsChannel::SessionId NewSecretBytes();

    /**
     * Headend: a CONNECT's cookie is one Authenticate() gave for the address it claims.
     * \param fields the CONNECT
     * \return true if so
     */
    bool IsCookieValid(const CstpConnect::Fields& fields) const;

    /**
     * Headend: forget a session's DTLS session id.
     * \param s the session
     */
    void ForgetDtlsId(Session& s);

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
    Time m_dtlsHandshakeLimit;       //!< a handshake attempt's time limit

    Ptr<DtlsListener> m_dtlsListener; //!< headend: UDP 443
    uint64_t m_tlsData;               //!< data in TLS records
    uint64_t m_dtlsData;              //!< data in DTLS records

    std::string m_cookie;                                   //!< client: its session cookie
    uint64_t m_secret;                                      //!< headend: key of its draws
    uint64_t m_draws;                                       //!< headend: draws so far
    std::unordered_map<std::string, Ipv4Address> m_cookies; //!< headend: cookie -> inner address
    std::map<DtlsChannel::SessionId, uint32_t> m_dtlsIds;   //!< headend: DTLS id -> handle

    TracedCallback<uint32_t, DtlsState, DtlsState, const std::string&> m_dtlsTrace; //!< DTLS
    TracedCallback<uint32_t, bool, uint8_t> m_livenessTrace; //!< DPD and keepalives
};

} // namespace ns3

#endif /* SSL_VPN_CARRIER_H */
