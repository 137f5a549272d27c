/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the SSL VPN carrier's receive path above TCP, in SslVpnCarrier's order
 * (model/carriers/ssl-vpn-carrier.cc, StreamFrame() and ApplicationData()): StreamFramer's TLS
 * record framing, TlsRecordHeader, TlsHandshake::Receive() while the handshake runs, then
 * TlsRecordLayer::OpenTls() on application data, CstpConnect::Parse() for the CONNECT exchange
 * and CstpHeader for the CSTP packets after it. The carrier itself needs sockets and a session;
 * this harness drives the same pieces, with the carrier's checks between them, on one side of one
 * session. Input: a configuration byte (bit 0: TLS 1.3; bit 1: the client side, else the
 * headend), then the TCP stream in reads, each behind a 2-byte big-endian length (at most 4096).
 * Checks: every record the handshake answers with is a well-formed TLS record (one frame for a
 * fresh framer, fragment within the maximum), the handshake's phase never goes back, and the
 * CSTP packets accepted have the length their header says.
 */

#include "fuzz-common.h"

#include "ns3/cstp-connect.h"
#include "ns3/cstp-header.h"
#include "ns3/stream-framer.h"
#include "ns3/tls-handshake.h"
#include "ns3/tls-record-header.h"
#include "ns3/tls-record-layer.h"

using namespace ns3;

/** SslVpnCarrier's ServerFlightSize default. */
static constexpr uint32_t SERVER_FLIGHT = 3000;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Reader in(data, size);
    const uint8_t config = in.U8();
    const bool tls13 = (config & 0x01) != 0;
    const bool initiator = (config & 0x02) != 0;
    const uint32_t overhead = TlsRecordLayer::AeadOverhead(tls13);
    StreamFramer framer(StreamFramer::TlsRecord(TlsRecordLayer::MaxFragment(tls13)));
    TlsHandshake handshake(initiator, tls13, SERVER_FLIGHT, overhead);

    enum
    {
        HANDSHAKE,
        ESTABLISHED,
        CSTP_UP,
        CLOSED
    } state = HANDSHAKE;

    while (in.HasMore() && state != CLOSED && !framer.IsFailed())
    {
        framer.Add(in.LengthPrefixed(4096));
        while (state != CLOSED)
        {
            Ptr<Packet> frame = framer.Next();
            if (!frame)
            {
                break;
            }
            TlsRecordHeader header;
            frame->RemoveHeader(header);
            FUZZ_CHECK(frame->GetSize() == header.GetLength());
            const uint8_t type = header.GetType();
            if (state == HANDSHAKE && type != TlsRecordHeader::ALERT)
            {
                const TlsHandshake::Phase before = handshake.GetPhase();
                for (const auto& record : handshake.Receive(type, frame))
                {
                    Ptr<Packet> wire =
                        TlsRecordLayer::Tls(tls13, record.type, record.body, record.encrypted);
                    StreamFramer check(StreamFramer::TlsRecord(TlsRecordLayer::MaxFragment(tls13)));
                    check.Add(wire);
                    Ptr<Packet> one = check.Next();
                    FUZZ_CHECK(one && one->GetSize() == wire->GetSize() && !check.Next());
                }
                FUZZ_CHECK(handshake.GetPhase() >= before);
                if (handshake.GetPhase() == TlsHandshake::DONE)
                {
                    state = ESTABLISHED;
                }
                continue;
            }
            if (type == TlsRecordHeader::ALERT)
            {
                state = CLOSED;
                break;
            }
            if (type != TlsRecordHeader::APPLICATION_DATA || frame->GetSize() < overhead)
            {
                continue; // "tls-malformed"
            }
            const uint32_t sealed = frame->GetSize();
            TlsRecordLayer::OpenTls(tls13, frame);
            FUZZ_CHECK(frame->GetSize() == sealed - overhead);
            if (state != CSTP_UP)
            {
                std::string text(frame->GetSize(), '\0');
                frame->CopyData(reinterpret_cast<uint8_t*>(&text[0]), text.size());
                CstpConnect::Fields fields;
                if (CstpConnect::Parse(text, !initiator, fields))
                {
                    state = CSTP_UP;
                }
                continue;
            }
            if (frame->GetSize() < CstpHeader::SIZE)
            {
                continue; // "cstp-malformed"
            }
            CstpHeader cstp;
            frame->RemoveHeader(cstp);
            if (cstp.IsValid() && cstp.GetLength() == frame->GetSize())
            {
                FUZZ_CHECK(frame->GetSize() <= TlsRecordLayer::MaxFragment(tls13));
            }
        }
    }
    return 0;
}
