/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TLS_RECORD_LAYER_H
#define TLS_RECORD_LAYER_H

#include "ns3/packet.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Record protection as the SSL VPN models it: the sizes of AES-GCM (RFC 5288) and of TLS
 * 1.3's TLSInnerPlaintext (RFC 8446 section 5.2), with no cryptography (nonce and tag are
 * zeros).
 *
 * TLS 1.2 and DTLS 1.2 records carry an 8-byte explicit nonce before the plaintext and a 16-byte
 * tag after it; TLS 1.3 records the plaintext, its real content type (1 byte) and the tag, and
 * show application data (23) as their type. Tls() writes a whole TLS record (TlsRecordHeader
 * included); SealGcm() and OpenGcm() add and strip the AES-GCM expansion, which DtlsChannel
 * uses too.
 */
class TlsRecordLayer
{
  public:
    /** AES-GCM explicit nonce (TLS 1.2, DTLS 1.2). */
    static constexpr uint32_t GCM_NONCE = 8;

    /** AES-GCM authentication tag. */
    static constexpr uint32_t GCM_TAG = 16;

    /**
     * \param tls13 TLS 1.3 (else 1.2)
     * \return bytes a protected record adds beyond its header: 24 for 1.2, 17 for 1.3
     */
    static uint32_t AeadOverhead(bool tls13);

    /**
     * \param tls13 TLS 1.3 (else 1.2)
     * \return the longest fragment a record may carry: 2^14 + 2048 (RFC 5246 section 6.2.3) or
     * 2^14 + 256 (RFC 8446 section 5.2)
     */
    static uint32_t MaxFragment(bool tls13);

    /**
     * A TLS record.
     * \param tls13 TLS 1.3 (else 1.2)
     * \param type the content type
     * \param body the plaintext (not modified)
     * \param encrypted add the AEAD expansion (and, for TLS 1.3, hide the type as 23)
     * \return the record, header included
     */
    static Ptr<Packet> Tls(bool tls13, uint8_t type, Ptr<const Packet> body, bool encrypted);

    /**
     * Strip a protected TLS record's expansion (its header already removed).
     * \param tls13 TLS 1.3 (else 1.2)
     * \param fragment the fragment, at least AeadOverhead() bytes; becomes the plaintext
     */
    static void OpenTls(bool tls13, Ptr<Packet> fragment);

    /**
     * \param body the plaintext (not modified)
     * \return nonce, plaintext and tag
     */
    static Ptr<Packet> SealGcm(Ptr<const Packet> body);

    /**
     * \param fragment nonce, plaintext and tag (at least 24 bytes); becomes the plaintext
     */
    static void OpenGcm(Ptr<Packet> fragment);
};

} // namespace ns3

#endif /* TLS_RECORD_LAYER_H */
