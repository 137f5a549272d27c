/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: CtcpTrailer (model/carriers/ctcp-trailer.cc), the 16 bytes cTCP appends to every
 * message, read backwards from the buffer's end. Input: a segment's payload, any length. Checks:
 * a buffer shorter than 16 bytes reads nothing and is not well formed; otherwise 16 bytes are
 * read, the fields are the input's, IsWellFormed() is Wireshark's heuristic (zero field zero,
 * direction's low 12 bits zero, protocol 17 or 50), and a well-formed trailer serializes back to
 * the input's last 16 bytes with the magic bytes, which the model writes as zeros, zeroed.
 */

#include "fuzz-common.h"

#include "ns3/ctcp-trailer.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    CtcpTrailer trailer;
    const uint32_t read = p->RemoveTrailer(trailer);
    fuzz::PrintTo(trailer);
    FUZZ_CHECK(p->GetSize() == size - read);
    if (size < CtcpTrailer::SIZE)
    {
        FUZZ_CHECK(read == 0);
        FUZZ_CHECK(!trailer.IsWellFormed());
        return 0;
    }
    FUZZ_CHECK(read == CtcpTrailer::SIZE);
    const uint8_t* t = data + size - CtcpTrailer::SIZE;
    FUZZ_CHECK(trailer.GetCounter() == ((t[4] << 8) | t[5]));
    FUZZ_CHECK(trailer.GetDirection() == ((t[6] << 8) | t[7]));
    FUZZ_CHECK(trailer.GetProtocol() == t[13]);
    const bool heuristic = t[0] == 0 && t[1] == 0 && t[2] == 0 && t[3] == 0 && (t[6] & 0x0f) == 0 &&
                           t[7] == 0 && (t[13] == 17 || t[13] == 50);
    FUZZ_CHECK(trailer.IsWellFormed() == heuristic);
    if (heuristic)
    {
        Ptr<Packet> again = Create<Packet>();
        again->AddTrailer(trailer);
        std::vector<uint8_t> expected(t, t + CtcpTrailer::SIZE);
        std::fill(expected.begin() + 8, expected.begin() + 13, 0);
        std::fill(expected.begin() + 14, expected.end(), 0);
        FUZZ_CHECK(fuzz::Bytes(again) == expected);
    }
    return 0;
}
