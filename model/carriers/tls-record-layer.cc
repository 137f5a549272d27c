/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tls-record-layer.h"

#include "tls-record-header.h"

namespace ns3
{

uint32_t
TlsRecordLayer::AeadOverhead(bool tls13)
{
    return tls13 ? 1 + GCM_TAG : GCM_NONCE + GCM_TAG;
}

uint32_t
TlsRecordLayer::MaxFragment(bool tls13)
{
    return tls13 ? 16384 + 256 : 16384 + 2048;
}

Ptr<Packet>
TlsRecordLayer::Tls(bool tls13, uint8_t type, Ptr<const Packet> body, bool encrypted)
{
    Ptr<Packet> fragment = encrypted && !tls13 ? SealGcm(body) : body->Copy();
    uint8_t outer = type;
    if (encrypted && tls13)
    {
        const uint8_t tag[GCM_TAG] = {};
        fragment->AddAtEnd(Create<Packet>(&type, 1)); // TLSInnerPlaintext.type
        fragment->AddAtEnd(Create<Packet>(tag, GCM_TAG));
        outer = TlsRecordHeader::APPLICATION_DATA;
    }
    // The legacy record version: 0x0303 (RFC 8446 section 5.1 keeps it for TLS 1.3).
    fragment->AddHeader(TlsRecordHeader(outer, fragment->GetSize()));
    return fragment;
}

void
TlsRecordLayer::OpenTls(bool tls13, Ptr<Packet> fragment)
{
    if (tls13)
    {
        fragment->RemoveAtEnd(GCM_TAG + 1);
        return;
    }
    OpenGcm(fragment);
}

Ptr<Packet>
TlsRecordLayer::SealGcm(Ptr<const Packet> body)
{
    const uint8_t nonce[GCM_NONCE] = {};
    const uint8_t tag[GCM_TAG] = {};
    Ptr<Packet> sealed = Create<Packet>(nonce, GCM_NONCE);
    sealed->AddAtEnd(body->Copy());
    sealed->AddAtEnd(Create<Packet>(tag, GCM_TAG));
    return sealed;
}

void
TlsRecordLayer::OpenGcm(Ptr<Packet> fragment)
{
    fragment->RemoveAtStart(GCM_NONCE);
    fragment->RemoveAtEnd(GCM_TAG);
}

} // namespace ns3
