/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: TlsRecordHeader (model/carriers/tls-record-header.cc), the 5-byte header of a TLS
 * record. Input: a record as StreamFramer::TlsRecord() cuts it; the carrier reads the header only
 * from a whole frame (at least 5 bytes), so a shorter input is skipped here as there. Checks: 5
 * bytes are read, type, version and length are the input's, and the header serializes back to
 * the input's first 5 bytes.
 */

#include "fuzz-common.h"

#include "ns3/tls-record-header.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < TlsRecordHeader::SIZE)
    {
        return 0;
    }
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    TlsRecordHeader header;
    FUZZ_CHECK(p->RemoveHeader(header) == TlsRecordHeader::SIZE);
    fuzz::PrintTo(header);
    FUZZ_CHECK(header.GetType() == data[0]);
    FUZZ_CHECK(header.GetVersion() == ((data[1] << 8) | data[2]));
    FUZZ_CHECK(header.GetLength() == ((data[3] << 8) | data[4]));
    Ptr<Packet> again = Create<Packet>();
    again->AddHeader(TlsRecordHeader(header.GetType(), header.GetLength()));
    std::vector<uint8_t> bytes = fuzz::Bytes(again);
    FUZZ_CHECK(bytes.size() == TlsRecordHeader::SIZE);
    // The model writes the version TLS 1.2 and 1.3 use; the one read is kept as it came.
    FUZZ_CHECK(bytes[1] == 3 && bytes[2] == 3);
    bytes[1] = data[1];
    bytes[2] = data[2];
    FUZZ_CHECK(std::equal(bytes.begin(), bytes.end(), data));
    return 0;
}
