/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the receive path of an ESP security association, EspSecurityAssociation::
 * Decapsulate() (model/esp/esp-security-association.cc): length and alignment, SPI, replay
 * window, trailer (padding, Next Header). Input: one configuration byte (bits 0-1: cipher suite
 * in EspCipherSuite::Names() order; bits 2-4: replay window 0, 32, 64, 128 or 4096; bit 5:
 * extended sequence numbers), then ESP packets, each behind a 2-byte big-endian length (at most
 * 2000), fed in order to one SA whose SPI is SPI (0x1000). Checks: every packet is accepted or
 * counted under exactly one drop reason; an accepted packet is 4 or 41 and shrank by the header,
 * IV and trailer; a dropped one is unchanged; the highest sequence number received never falls.
 */

#include "fuzz-common.h"

#include "ns3/boolean.h"
#include "ns3/esp-cipher-suite.h"
#include "ns3/esp-header.h"
#include "ns3/esp-security-association.h"

using namespace ns3;

/** The SA's SPI; the seed corpus uses it. */
static constexpr uint32_t SPI = 0x1000;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::vector<std::string> suites = EspCipherSuite::Names();
    static const uint32_t windows[] = {0, 32, 64, 128, 4096, 64, 64, 64};
    fuzz::Reader in(data, size);
    const uint8_t config = in.U8();
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue((config & 0x20) != 0));
    std::string error;
    FUZZ_CHECK(sa->Configure(SPI,
                             suites[(config & 0x03) % suites.size()],
                             windows[(config >> 2) & 0x07],
                             error));

    uint64_t fed = 0;
    uint64_t highest = 0;
    while (in.HasMore())
    {
        Ptr<Packet> p = in.LengthPrefixed(2000);
        const std::vector<uint8_t> before = fuzz::Bytes(p);
        const uint64_t drops = sa->GetTotalDropCount();
        const uint64_t accepted = sa->GetRxPackets();
        uint8_t nextHeader = 0;
        const bool ok = sa->Decapsulate(p, nextHeader);
        ++fed;
        FUZZ_CHECK(sa->GetRxPackets() + sa->GetTotalDropCount() == fed);
        if (ok)
        {
            FUZZ_CHECK(sa->GetRxPackets() == accepted + 1);
            FUZZ_CHECK(nextHeader == 4 || nextHeader == 41);
            const EspCipherSuite& suite = sa->GetCipherSuite();
            FUZZ_CHECK(p->GetSize() + EspHeader::SIZE + suite.ivLength + suite.icvLength + 2 <=
                       before.size());
        }
        else
        {
            FUZZ_CHECK(sa->GetTotalDropCount() == drops + 1);
            FUZZ_CHECK(fuzz::Bytes(p) == before);
        }
        FUZZ_CHECK(sa->GetRxHighestSequenceNumber() >= highest);
        highest = sa->GetRxHighestSequenceNumber();
    }
    sa->Dispose();
    return 0;
}
