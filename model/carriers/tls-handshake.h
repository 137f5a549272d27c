/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TLS_HANDSHAKE_H
#define TLS_HANDSHAKE_H

#include "ns3/packet.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief One side of a TLS handshake (RFC 5246 for 1.2, RFC 8446 for 1.3) as SslVpnCarrier
 * models it: sized records in the real order and round trips, without cryptography; and the
 * handshake messages of TLS and DTLS 1.2 (RFC 6347) that DtlsChannel also sends.
 *
 * TLS 1.2 (two round trips): ClientHello; ServerHello and the server's flight (Certificate,
 * ServerKeyExchange, ServerHelloDone as one sized Certificate message); ClientKeyExchange,
 * ChangeCipherSpec, Finished; ChangeCipherSpec, Finished. TLS 1.3 (one round trip): ClientHello;
 * ServerHello, ChangeCipherSpec and the encrypted flight; ChangeCipherSpec, Finished. The peer's
 * Finished ends the handshake: in TLS 1.3 its first protected record, in TLS 1.2 the handshake
 * record after its ChangeCipherSpec (also one that came before the ClientHello).
 *
 * Hello() builds a ClientHello or ServerHello (32-byte random of 0x5a, the given session id,
 * AES-GCM suites, supported_versions for TLS 1.3, padding (RFC 7685) up to a target size);
 * Message() any other handshake message as a type, a 3-byte length and a zero body.
 */
class TlsHandshake
{
  public:
    /** Handshake message types (RFC 5246 section 7.4; RFC 8446 section 4). */
    enum Type : uint8_t
    {
        CLIENT_HELLO = 1,         //!< ClientHello
        SERVER_HELLO = 2,         //!< ServerHello
        CERTIFICATE = 11,         //!< Certificate
        CLIENT_KEY_EXCHANGE = 16, //!< ClientKeyExchange
        FINISHED = 20             //!< Finished
    };

    /** Where the handshake is; each phase follows the one before it. */
    enum Phase
    {
        HELLO = 0,          //!< client: ClientHello sent; headend: waiting for it
        EARLY_CCS = 1,      //!< headend: a ChangeCipherSpec came before the ClientHello
        HELLO_ANSWERED = 2, //!< headend: ServerHello and the server's flight sent
        PEER_CCS = 3,       //!< the peer's ChangeCipherSpec arrived (TLS 1.2: Finished next)
        DONE = 4            //!< the peer's Finished arrived
    };

    /** A record to send. */
    struct Record
    {
        uint8_t type;     //!< TLS content type
        Ptr<Packet> body; //!< the plaintext
        bool encrypted;   //!< protected (AEAD overhead; TLS 1.3 hides the type)
    };

    /** Bytes of a session id in a hello. */
    static constexpr uint32_t SESSION_ID_SIZE = 32;

    /**
     * Where a DTLS ClientHello's session id starts: handshake header (12), version (2), random
     * (32) and the id's length byte (1).
     */
    static constexpr uint32_t DTLS_SESSION_ID_OFFSET = 12 + 2 + 32 + 1;

    /**
     * A ClientHello or ServerHello handshake message (TLS or DTLS), real in layout, padded with
     * the padding extension (RFC 7685) to a target size.
     * \param client ClientHello (else ServerHello)
     * \param tls13 offer or select TLS 1.3 (supported_versions, RFC 8446 section 4.2.1)
     * \param dtls DTLS 1.2 layout (12-byte handshake header, cookie, version 0xfefd)
     * \param sessionId the 32-byte session id (DTLS: names the session to resume)
     * \param target bytes of the message wanted (0: as small as possible)
     * \return the handshake message
     */
    static Ptr<Packet> Hello(bool client,
                             bool tls13,
                             bool dtls,
                             const uint8_t* sessionId,
                             uint32_t target);

    /**
     * A handshake message of a given type with a zero body of \p length bytes (TLS's 4-byte
     * handshake header).
     * \param type handshake type
     * \param length body bytes
     * \return the message
     */
    static Ptr<Packet> Message(uint8_t type, uint32_t length);

    /** A headend's TLS 1.2 handshake. */
    TlsHandshake();

    /**
     * \param initiator the client side
     * \param tls13 TLS 1.3 (else 1.2)
     * \param serverFlightSize headend: bytes of the server's certificate flight on the wire
     * \param aeadOverhead bytes a protected record adds beyond its 5-byte header
     */
    TlsHandshake(bool initiator, bool tls13, uint32_t serverFlightSize, uint32_t aeadOverhead);

    /**
     * Client: the first flight.
     * \param clientHelloSize bytes of the ClientHello message wanted
     * \return the records to send
     */
    std::vector<Record> Start(uint32_t clientHelloSize) const;

    /**
     * One record from the peer (not an alert).
     * \param type its content type
     * \param body its fragment
     * \return the records to send in answer
     */
    std::vector<Record> Receive(uint8_t type, Ptr<const Packet> body);

    /** \return the phase */
    Phase GetPhase() const;

  private:
    bool m_initiator;            //!< client side
    bool m_tls13;                //!< TLS 1.3
    uint32_t m_serverFlightSize; //!< headend: the server's flight on the wire
    uint32_t m_aeadOverhead;     //!< AEAD bytes of a protected record
    Phase m_phase;               //!< where the handshake is
};

} // namespace ns3

#endif /* TLS_HANDSHAKE_H */
