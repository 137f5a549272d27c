/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: EspReplayWindow (model/esp/esp-replay-window.cc), the anti-replay window and the
 * ESN inference, against a reference model written from RFC 4303 Appendix A: a std::set of the
 * sequence numbers received inside the window and the top T; the high 32 bits inferred by
 * Appendix A2.1's cases A and B. Input: one configuration byte (bits 0-2: size 0, 32, 64, 96,
 * 128, 1024, 4064 or 4096; bit 3: ESN), then records of 5 bytes: a flag byte (bit 0: the packet
 * passes the ICV check, so an OK packet is recorded with Update(); bit 1: the number is relative,
 * Tl plus the next 4 bytes' low 16 bits as a signed offset) and a 32-bit big-endian sequence
 * number field. Checks: Check() agrees with the reference on OK, REPLAY and TOO_OLD and on the
 * inferred 64-bit number, changes nothing (a second call agrees), and GetTop() is T.
 */

#include "fuzz-common.h"

#include "ns3/esp-replay-window.h"

#include <set>

using namespace ns3;

namespace
{

/** RFC 4303 Appendix A as the text says it, with a set where the RFC has a bitmap. */
struct ReferenceWindow
{
    uint64_t w;             //!< W (0: check disabled)
    bool esn;               //!< extended sequence numbers
    uint64_t top{0};        //!< T, the highest authenticated number (0: none)
    std::set<uint64_t> got; //!< numbers received in [T - W + 1, T]

    /**
     * \param seqLow the received Seql
     * \param [out] full the inferred number, when one exists
     * \return false when Appendix A2.1 infers a number below subspace 0 (case B with Th = 0)
     */
    bool Infer(uint32_t seqLow, uint64_t& full) const
    {
        full = seqLow;
        if (!esn)
        {
            return true;
        }
        const uint64_t width = w != 0 ? w : (uint64_t{1} << 31);
        const uint64_t th = top >> 32;
        const uint64_t tl = top & 0xffffffffU;
        uint64_t seqHigh = th;
        if (tl >= width - 1)
        {
            // Case A: "If Seql >= Tl - W + 1 then Seqh = Th, else Seqh = Th + 1".
            seqHigh = seqLow >= tl - width + 1 ? th : th + 1;
        }
        else
        {
            // Case B: "If Seql >= Tl - W + 1 (mod 2^32) then Seqh = Th - 1, else Seqh = Th".
            const uint32_t left = static_cast<uint32_t>(tl - width + 1);
            if (seqLow >= left)
            {
                if (th == 0)
                {
                    return false;
                }
                seqHigh = th - 1;
            }
        }
        full = (seqHigh << 32) | seqLow;
        return true;
    }

    /**
     * \param seqLow the received Seql
     * \param [out] full the inferred number
     * \return the verdict of RFC 4303 section 3.4.3
     */
    EspReplayWindow::Result Check(uint32_t seqLow, uint64_t& full) const
    {
        if (!Infer(seqLow, full))
        {
            // No number below subspace 0 was ever sent: with the check on, older than the
            // window; with it off, read in subspace 0.
            if (w != 0)
            {
                return EspReplayWindow::TOO_OLD;
            }
            full = seqLow;
        }
        if (full == 0)
        {
            return EspReplayWindow::TOO_OLD;
        }
        if (w == 0 || full > top)
        {
            return EspReplayWindow::OK;
        }
        if (full + w <= top)
        {
            return EspReplayWindow::TOO_OLD;
        }
        return got.count(full) != 0 ? EspReplayWindow::REPLAY : EspReplayWindow::OK;
    }

    /** \param full an authenticated number that Check() passed */
    void Update(uint64_t full)
    {
        top = std::max(top, full);
        if (w == 0)
        {
            return;
        }
        got.insert(full);
        while (!got.empty() && *got.begin() + w <= top)
        {
            got.erase(got.begin());
        }
    }
};

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const uint32_t sizes[] = {0, 32, 64, 96, 128, 1024, 4064, 4096};
    fuzz::Reader in(data, size);
    const uint8_t config = in.U8();
    const uint32_t w = sizes[config & 0x07];
    const bool esn = (config & 0x08) != 0;
    EspReplayWindow window(w, esn);
    ReferenceWindow reference{w, esn, 0, {}};

    while (in.HasMore())
    {
        const uint8_t flags = in.U8();
        uint32_t seqLow = in.U32();
        if (flags & 0x02)
        {
            seqLow = static_cast<uint32_t>(reference.top) +
                     static_cast<uint32_t>(static_cast<int16_t>(seqLow & 0xffff));
        }
        uint64_t full = 0;
        uint64_t expectedFull = 0;
        const EspReplayWindow::Result result = window.Check(seqLow, full);
        const EspReplayWindow::Result expected = reference.Check(seqLow, expectedFull);
        FUZZ_CHECK(result == expected);
        FUZZ_CHECK(full == expectedFull);
        uint64_t again = 0;
        FUZZ_CHECK(window.Check(seqLow, again) == result && again == full);
        if (result == EspReplayWindow::OK && (flags & 0x01))
        {
            window.Update(full);
            reference.Update(full);
        }
        FUZZ_CHECK(window.GetTop() == reference.top);
    }
    return 0;
}
