/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: a DTLS datagram as AnyConnect's DTLS channel and listener read it: DtlsChannel::
 * ForEachRecord() (model/carriers/dtls-channel.cc) cuts it into records with DtlsRecordHeader
 * (model/carriers/dtls-record-header.cc), and DtlsChannel::ClientHelloSession() reads the session
 * a ClientHello names. Input: one UDP datagram. Checks: the records' headers and bodies add up to
 * at most the datagram, each header's fields are its bytes and serialize back to them, and a
 * datagram whose last record overruns is reported as such.
 */

#include "fuzz-common.h"

#include "ns3/dtls-channel.h"
#include "ns3/dtls-record-header.h"
#include "ns3/tls-handshake.h"

using namespace ns3;

/** Records per datagram whose header is also written back and compared. */
static constexpr uint32_t ROUND_TRIPS = 4;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> datagram = fuzz::MakePacket(data, size);
    size_t at = 0;
    uint32_t records = 0;
    bool overrun = false;
    const bool whole = DtlsChannel::ForEachRecord(datagram, [&](uint8_t type, Ptr<Packet> body) {
        FUZZ_CHECK(at + DtlsRecordHeader::SIZE + body->GetSize() <= size);
        const uint8_t* h = data + at;
        FUZZ_CHECK(type == h[0]);
        FUZZ_CHECK(body->GetSize() == size_t((h[11] << 8) | h[12]));
        const std::vector<uint8_t> bytes = fuzz::Bytes(body);
        FUZZ_CHECK(std::equal(bytes.begin(), bytes.end(), h + DtlsRecordHeader::SIZE));

        // The header's own round trip for the first records only: a datagram of hundreds of
        // empty records would spend its time here rather than in ForEachRecord().
        if (++records <= ROUND_TRIPS)
        {
            Ptr<Packet> head = fuzz::MakePacket(h, DtlsRecordHeader::SIZE);
            DtlsRecordHeader header;
            FUZZ_CHECK(head->RemoveHeader(header) == DtlsRecordHeader::SIZE);
            if (at == 0)
            {
                // Once per datagram: an ostringstream costs more than a record.
                fuzz::PrintTo(header);
            }
            FUZZ_CHECK(header.GetSequence() <= DtlsRecordHeader::MAX_SEQUENCE);
            Ptr<Packet> again = Create<Packet>();
            again->AddHeader(DtlsRecordHeader(header.GetType(),
                                              header.GetEpoch(),
                                              header.GetSequence(),
                                              header.GetLength()));
            std::vector<uint8_t> written = fuzz::Bytes(again);
            written[1] = h[1]; // the model writes 0xfefd; the version read is kept as it came
            written[2] = h[2];
            FUZZ_CHECK(std::equal(written.begin(), written.end(), h));
        }
        DtlsChannel::SessionId session{};
        if (DtlsChannel::ClientHelloSession(type, body, session))
        {
            constexpr uint32_t at = TlsHandshake::DTLS_SESSION_ID_OFFSET;
            FUZZ_CHECK(type == 22 && bytes.size() >= at + TlsHandshake::SESSION_ID_SIZE);
            FUZZ_CHECK(bytes[0] == 1);
            FUZZ_CHECK(std::equal(session.begin(), session.end(), bytes.begin() + at));
        }
        at += DtlsRecordHeader::SIZE + bytes.size();
        return true;
    });
    if (size - at >= DtlsRecordHeader::SIZE)
    {
        overrun = true;
    }
    FUZZ_CHECK(whole == !overrun);
    return 0;
}
