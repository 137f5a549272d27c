/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CSTP_CONNECT_H
#define CSTP_CONNECT_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The HTTP exchange that opens CSTP (OpenConnect's cstp.c): the client's
 * "CONNECT /CSCOSSLC/tunnel" request and the headend's "200 CONNECTED" answer, sized with an
 * X-CSTP-Pad header.
 *
 * Each side names its inner address in X-CSTP-Address. The client proves its session with the
 * cookie it got at authentication, "Cookie: webvpn=..." (OpenConnect's cstp.c,
 * start_cstp_connection). A client that wants DTLS sends X-DTLS-Master-Secret; a headend that
 * agrees answers with X-DTLS-Session-ID (32 bytes as 64 hex digits: cstp.c refuses any other
 * length), X-DTLS-Port and X-DTLS-DPD.
 */
class CstpConnect
{
  public:
    /** Bytes of a DTLS session id (X-DTLS-Session-ID carries them as 64 hex digits). */
    static constexpr uint32_t SESSION_ID_SIZE = 32;

    /** A DTLS session id. */
    typedef std::array<uint8_t, SESSION_ID_SIZE> SessionId;

    /** What a request or answer says. */
    struct Fields
    {
        Ipv4Address address; //!< X-CSTP-Address
        std::string cookie;  //!< request: the webvpn cookie (empty if none)
        bool dtls{false};    //!< DTLS asked for (request) or granted (answer)
        SessionId session{}; //!< answer: the DTLS session id (X-DTLS-Session-ID)
    };

    /**
     * \param address the client's inner address
     * \param cookie the session cookie (Cookie: webvpn=...; empty: no Cookie header)
     * \param dtls ask for DTLS
     * \param size bytes wanted
     * \return the request
     */
    static std::string Request(Ipv4Address address,
                               const std::string& cookie,
                               bool dtls,
                               uint32_t size);

    /**
     * \param bytes bytes
     * \return them as lower-case hex digits, two a byte
     */
    static std::string Hex(const SessionId& bytes);

    /**
     * \param address the headend's inner address
     * \param dpd the TLS DPD interval (X-CSTP-DPD)
     * \param keepalive the keepalive interval (X-CSTP-Keepalive)
     * \param dtls grant DTLS
     * \param session the DTLS session id
     * \param dtlsPort the DTLS port (X-DTLS-Port)
     * \param dtlsDpd the DTLS DPD interval (X-DTLS-DPD)
     * \param size bytes wanted
     * \return the answer
     */
    static std::string Response(Ipv4Address address,
                                Time dpd,
                                Time keepalive,
                                bool dtls,
                                const SessionId& session,
                                uint16_t dtlsPort,
                                Time dtlsDpd,
                                uint32_t size);

    /**
     * Read a request (at the headend) or an answer (at the client).
     * \param text the HTTP text
     * \param request true to read a request
     * \param [out] fields what it says
     * \return false if it is not what was expected or names no address
     */
    static bool Parse(const std::string& text, bool request, Fields& fields);

  private:
    /**
     * The value of an HTTP header in a text (empty if absent).
     * \param text the request or response
     * \param name the header name
     * \return its value
     */
    static std::string HeaderValue(const std::string& text, const std::string& name);

    /**
     * Pad an HTTP head with an X-CSTP-Pad header to \p target bytes, then end it.
     * \param head the head without its final empty line
     * \param target bytes wanted
     * \return the text
     */
    static std::string Pad(std::string head, uint32_t target);
};

} // namespace ns3

#endif /* CSTP_CONNECT_H */
