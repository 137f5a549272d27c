/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: CstpHeader (model/carriers/cstp-header.cc), the 8-byte header of a CSTP packet
 * inside the TLS stream. Input: a TLS record's plaintext; the SSL control plane reads the header
 * only from at least 8 bytes, so a shorter input is skipped here as there. Checks: 8 bytes are
 * read, length and type are the input's, IsValid() is "STF" 1 ... 0, and a valid header
 * serializes back to the input's first 8 bytes.
 */

#include "fuzz-common.h"

#include "ns3/cstp-header.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < CstpHeader::SIZE)
    {
        return 0;
    }
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    CstpHeader header;
    FUZZ_CHECK(p->RemoveHeader(header) == CstpHeader::SIZE);
    fuzz::PrintTo(header);
    FUZZ_CHECK(header.GetLength() == ((data[4] << 8) | data[5]));
    FUZZ_CHECK(header.GetType() == data[6]);
    const bool valid =
        data[0] == 'S' && data[1] == 'T' && data[2] == 'F' && data[3] == 1 && data[7] == 0;
    FUZZ_CHECK(header.IsValid() == valid);
    if (valid)
    {
        Ptr<Packet> again = Create<Packet>();
        again->AddHeader(header);
        const std::vector<uint8_t> bytes = fuzz::Bytes(again);
        FUZZ_CHECK(std::equal(bytes.begin(), bytes.end(), data));
    }
    return 0;
}
