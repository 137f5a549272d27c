/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: EspTrailer (model/esp/esp-trailer.cc), Padding, Pad Length, Next Header and ICV at
 * the end of an ESP packet, read backwards from the buffer's end. Input: one byte choosing the
 * ICV length (0 to 32), then the packet's bytes, of any length (the trailer promises to read
 * nothing before the buffer's start). Checks: a buffer shorter than ICV + 2 reads nothing; a Pad
 * Length past the start reads ICV + 2 and is not valid padding; otherwise the trailer's size is
 * read, the fields are the input's bytes, valid padding is exactly 1, 2, 3, ..., and serializing
 * a valid trailer again gives the input's last bytes (the ICV model writes zeros, so only with a
 * zero ICV).
 */

#include "fuzz-common.h"

#include "ns3/esp-trailer.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    const uint8_t icv = data[0] % 33;
    data++;
    size--;
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    EspTrailer trailer;
    trailer.SetIcvLength(icv);
    const uint32_t read = p->RemoveTrailer(trailer);
    fuzz::PrintTo(trailer);
    const uint32_t fixed = 2U + icv;
    FUZZ_CHECK(p->GetSize() == size - read);
    if (size < fixed)
    {
        FUZZ_CHECK(read == 0);
        FUZZ_CHECK(!trailer.IsPaddingValid());
        return 0;
    }
    const uint8_t padLength = data[size - fixed];
    FUZZ_CHECK(trailer.GetPadLength() == padLength);
    FUZZ_CHECK(trailer.GetNextHeader() == data[size - fixed + 1]);
    if (size < fixed + padLength)
    {
        FUZZ_CHECK(read == fixed);
        FUZZ_CHECK(!trailer.IsPaddingValid());
        return 0;
    }
    FUZZ_CHECK(read == fixed + padLength);
    bool sequence = true;
    for (uint32_t k = 1; k <= padLength; ++k)
    {
        sequence = sequence && data[size - fixed - padLength + k - 1] == k;
    }
    FUZZ_CHECK(trailer.IsPaddingValid() == sequence);
    if (sequence && icv == 0)
    {
        Ptr<Packet> again = Create<Packet>();
        again->AddTrailer(trailer);
        const std::vector<uint8_t> bytes = fuzz::Bytes(again);
        FUZZ_CHECK(bytes.size() == read);
        FUZZ_CHECK(std::equal(bytes.begin(), bytes.end(), data + size - read));
    }
    return 0;
}
