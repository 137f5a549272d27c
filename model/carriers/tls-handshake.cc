/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tls-handshake.h"

#include "tls-record-header.h"

#include "ns3/abort.h"

#include <vector>

namespace ns3
{

namespace
{
/**
 * Append a big-endian integer.
 * \param v the bytes
 * \param value the value
 * \param bytes how many bytes
 */
void
Put(std::vector<uint8_t>& v, uint32_t value, uint32_t bytes)
{
    for (uint32_t i = bytes; i > 0; --i)
    {
        v.push_back(uint8_t(value >> (8 * (i - 1))));
    }
}

/// The one byte of a ChangeCipherSpec message.
constexpr uint8_t CCS = 1;

/**
 * \param v bytes
 * \return a packet holding them
 */
Ptr<Packet>
ToPacket(const std::vector<uint8_t>& v)
{
    return Create<Packet>(v.data(), v.size());
}
} // namespace

Ptr<Packet>
TlsHandshake::Hello(bool client, bool tls13, bool dtls, const uint8_t* sessionId, uint32_t target)
{
    std::vector<uint8_t> body;
    Put(body, dtls ? 0xfefd : 0x0303, 2);
    body.insert(body.end(), 32, 0x5a); // random
    body.push_back(SESSION_ID_SIZE);
    body.insert(body.end(), sessionId, sessionId + SESSION_ID_SIZE);
    std::vector<uint16_t> suites = {0xc02f, 0xc030, 0xc02b};
    if (tls13 && !dtls)
    {
        suites.insert(suites.begin(), {0x1301, 0x1302});
    }
    if (client)
    {
        if (dtls)
        {
            body.push_back(0); // empty cookie
        }
        Put(body, suites.size() * 2, 2);
        for (uint16_t s : suites)
        {
            Put(body, s, 2);
        }
        body.push_back(1);
        body.push_back(0); // null compression
    }
    else
    {
        Put(body, suites.front(), 2);
        body.push_back(0);
    }
    std::vector<uint8_t> extensions;
    if (tls13 && !dtls)
    {
        Put(extensions, 43, 2); // supported_versions
        if (client)
        {
            Put(extensions, 3, 2);
            extensions.push_back(2);
        }
        else
        {
            Put(extensions, 2, 2);
        }
        Put(extensions, 0x0304, 2);
    }
    const uint32_t header = dtls ? 12 : 4;
    const uint32_t fixed = header + body.size() + 2 + extensions.size();
    if (client && target >= fixed + 4)
    {
        const uint32_t pad = target - fixed - 4;
        Put(extensions, 21, 2); // padding
        Put(extensions, pad, 2);
        extensions.insert(extensions.end(), pad, 0);
    }
    Put(body, extensions.size(), 2);
    body.insert(body.end(), extensions.begin(), extensions.end());
    std::vector<uint8_t> message;
    message.push_back(client ? CLIENT_HELLO : SERVER_HELLO);
    Put(message, body.size(), 3);
    if (dtls)
    {
        Put(message, 0, 2);           // message_seq
        Put(message, 0, 3);           // fragment_offset
        Put(message, body.size(), 3); // fragment_length
    }
    message.insert(message.end(), body.begin(), body.end());
    return ToPacket(message);
}

Ptr<Packet>
TlsHandshake::Message(uint8_t type, uint32_t length)
{
    std::vector<uint8_t> m{type};
    Put(m, length, 3);
    m.insert(m.end(), length, 0);
    return ToPacket(m);
}

TlsHandshake::TlsHandshake()
    : TlsHandshake(false, false, 0, 0)
{
}

TlsHandshake::TlsHandshake(bool initiator,
                           bool tls13,
                           uint32_t serverFlightSize,
                           uint32_t aeadOverhead)
    : m_initiator(initiator),
      m_tls13(tls13),
      m_serverFlightSize(serverFlightSize),
      m_aeadOverhead(aeadOverhead),
      m_phase(HELLO)
{
}

TlsHandshake::Phase
TlsHandshake::GetPhase() const
{
    return m_phase;
}

std::vector<TlsHandshake::Record>
TlsHandshake::Start(uint32_t clientHelloSize) const
{
    const uint8_t sid[SESSION_ID_SIZE] = {};
    // ClientHello's record version is 0x0301 for compatibility (RFC 8446 section 5.1);
    // writing it as 0x0303 is also accepted by every parser.
    return {{TlsRecordHeader::HANDSHAKE, Hello(true, m_tls13, false, sid, clientHelloSize), false}};
}

std::vector<TlsHandshake::Record>
TlsHandshake::Receive(uint8_t type, Ptr<const Packet> body)
{
    constexpr uint8_t HANDSHAKE = TlsRecordHeader::HANDSHAKE;
    constexpr uint8_t CHANGE_CIPHER_SPEC = TlsRecordHeader::CHANGE_CIPHER_SPEC;
    uint8_t first = 0;
    if (body->GetSize() > 0)
    {
        body->CopyData(&first, 1);
    }
    if (type == CHANGE_CIPHER_SPEC)
    {
        if (m_phase == HELLO_ANSWERED || (m_initiator && m_phase == HELLO))
        {
            m_phase = PEER_CCS;
        }
        else if (m_phase == HELLO)
        {
            m_phase = EARLY_CCS;
        }
        return {};
    }
    const bool finished = m_tls13 ? type == TlsRecordHeader::APPLICATION_DATA
                                  : (type == HANDSHAKE && m_phase == PEER_CCS);
    const Record ccs{CHANGE_CIPHER_SPEC, Create<Packet>(&CCS, 1), false};
    if (!m_initiator)
    {
        if (type == HANDSHAKE && first == CLIENT_HELLO &&
            (m_phase == HELLO || m_phase == EARLY_CCS))
        {
            m_phase = m_phase == EARLY_CCS ? PEER_CCS : HELLO_ANSWERED;
            const uint8_t sid[SESSION_ID_SIZE] = {};
            const Record serverHello{HANDSHAKE, Hello(false, m_tls13, false, sid, 0), false};
            // The flight is sized by subtraction: it must hold its own framing, or the size
            // wraps to about 4 GB (SslVpnCarrier's ServerFlightSize checker refuses such values;
            // this guards other callers).
            NS_ABORT_MSG_IF(m_serverFlightSize <
                                TlsRecordHeader::SIZE + (m_tls13 ? m_aeadOverhead : 4),
                            "TlsHandshake: a server flight of "
                                << m_serverFlightSize << " bytes cannot hold its record framing");
            if (m_tls13)
            {
                const uint32_t plain = m_serverFlightSize - TlsRecordHeader::SIZE - m_aeadOverhead;
                return {serverHello, ccs, {HANDSHAKE, Create<Packet>(plain), true}};
            }
            // Certificate (+ ServerKeyExchange + ServerHelloDone) as one sized message.
            const uint32_t length = m_serverFlightSize - TlsRecordHeader::SIZE - 4;
            return {serverHello, {HANDSHAKE, Message(CERTIFICATE, length), false}};
        }
        if (m_phase >= HELLO_ANSWERED && finished)
        {
            m_phase = DONE;
            if (!m_tls13)
            {
                return {ccs, {HANDSHAKE, Message(FINISHED, 12), true}};
            }
        }
        return {};
    }
    if (!m_tls13 && type == HANDSHAKE && first == CERTIFICATE)
    {
        // ClientKeyExchange (x25519 public key), ChangeCipherSpec, Finished.
        return {{HANDSHAKE, Message(CLIENT_KEY_EXCHANGE, 33), false},
                ccs,
                {HANDSHAKE, Message(FINISHED, 12), true}};
    }
    if (finished)
    {
        m_phase = DONE;
        if (m_tls13)
        {
            return {ccs, {HANDSHAKE, Message(FINISHED, 32), true}};
        }
    }
    return {};
}

} // namespace ns3
