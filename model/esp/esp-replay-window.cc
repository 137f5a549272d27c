/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-replay-window.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspReplayWindow");

namespace
{

/** Bits per ring word. */
constexpr uint32_t WORD_BITS = 64;

} // namespace

EspReplayWindow::EspReplayWindow()
    : EspReplayWindow(DEFAULT_SIZE, true)
{
}

EspReplayWindow::EspReplayWindow(uint32_t size, bool extendedSequenceNumbers)
    : m_size(0),
      m_esn(extendedSequenceNumbers),
      m_top(0)
{
    std::string error;
    if (!SetSize(size, error))
    {
        NS_FATAL_ERROR(error);
    }
}

bool
EspReplayWindow::IsValidSize(uint32_t size, std::string& error)
{
    if (size == 0 || (size >= MIN_SIZE && size <= MAX_SIZE && size % 32 == 0))
    {
        return true;
    }
    error = "bad ESP replay window " + std::to_string(size) +
            "; accepted: 0 (check disabled) or a multiple of 32 from 32 to 4096";
    return false;
}

bool
EspReplayWindow::SetSize(uint32_t size, std::string& error)
{
    if (!IsValidSize(size, error))
    {
        return false;
    }
    m_size = size;
    m_ring.assign((size + WORD_BITS - 1) / WORD_BITS, 0);
    Reset();
    return true;
}

uint32_t
EspReplayWindow::GetSize() const
{
    return m_size;
}

void
EspReplayWindow::SetExtendedSequenceNumbers(bool enable)
{
    m_esn = enable;
    Reset();
}

bool
EspReplayWindow::IsExtendedSequenceNumbers() const
{
    return m_esn;
}

void
EspReplayWindow::Reset()
{
    m_top = 0;
    std::fill(m_ring.begin(), m_ring.end(), 0);
}

uint64_t
EspReplayWindow::GetTop() const
{
    return m_top;
}

uint32_t
EspReplayWindow::BitOf(uint64_t seq) const
{
    return static_cast<uint32_t>(seq % (m_ring.size() * WORD_BITS));
}

bool
EspReplayWindow::IsMarked(uint64_t seq) const
{
    const uint32_t bit = BitOf(seq);
    return (m_ring[bit / WORD_BITS] >> (bit % WORD_BITS)) & 1;
}

EspReplayWindow::Result
EspReplayWindow::Check(uint32_t seqLow, uint64_t& fullSeq) const
{
    fullSeq = seqLow;
    if (m_esn)
    {
        // RFC 4303 Appendix A2.1, with W = 2^31 when the check is disabled.
        const uint64_t w = m_size != 0 ? m_size : (uint64_t{1} << 31);
        const uint32_t th = static_cast<uint32_t>(m_top >> 32);
        const uint32_t tl = static_cast<uint32_t>(m_top);
        // Tl - W + 1 in 32-bit arithmetic: "(mod 2^32)" in case B.
        const uint32_t left = static_cast<uint32_t>(tl - w + 1);
        uint32_t seqHigh = th;
        if (tl >= w - 1)
        {
            // Case A: the window lies in one subspace; a Seql left of it belongs to the next.
            if (seqLow < left)
            {
                seqHigh = th + 1;
            }
        }
        else if (seqLow >= left)
        {
            // Case B: the window spans two subspaces; a Seql in its left part is from Th - 1.
            if (th == 0)
            {
                // There is no subspace before the first: older than anything sent, or (with the
                // check disabled) simply in subspace 0.
                if (m_size != 0)
                {
                    return TOO_OLD;
                }
            }
            else
            {
                seqHigh = th - 1;
            }
        }
        fullSeq = (static_cast<uint64_t>(seqHigh) << 32) | seqLow;
    }
    if (fullSeq == 0)
    {
        // RFC 4303 section 2.2: the first packet sent on an SA carries 1; 0 is never sent.
        return TOO_OLD;
    }
    if (m_size == 0 || fullSeq > m_top)
    {
        // Section 3.4.3: a packet right of the window is new (or the check is off).
        return OK;
    }
    if (fullSeq + m_size <= m_top)
    {
        // Section 3.4.3: "Packets that contain sequence numbers lower than the 'left' edge of
        // the window are rejected."
        return TOO_OLD;
    }
    // Section 3.4.3: "Packets falling within the window are checked against a list of received
    // packets within the window."
    return IsMarked(fullSeq) ? REPLAY : OK;
}

void
EspReplayWindow::Update(uint64_t fullSeq)
{
    NS_LOG_FUNCTION(this << fullSeq);
    if (m_ring.empty())
    {
        // Check disabled: only the top is kept, for the ESN inference.
        m_top = std::max(m_top, fullSeq);
        return;
    }
    if (fullSeq > m_top)
    {
        // The right edge moves: the bits of m_top+1 .. fullSeq last stood for sequence numbers
        // that have now left the window; clear them, a word at a time.
        const uint64_t ringBits = m_ring.size() * WORD_BITS;
        uint64_t remaining = std::min<uint64_t>(fullSeq - m_top, ringBits);
        uint64_t seq = m_top + 1;
        while (remaining > 0)
        {
            const uint32_t bit = BitOf(seq);
            const uint32_t offset = bit % WORD_BITS;
            const uint64_t n = std::min<uint64_t>(remaining, WORD_BITS - offset);
            const uint64_t mask =
                n == WORD_BITS ? ~uint64_t{0} : ((uint64_t{1} << n) - 1) << offset;
            m_ring[bit / WORD_BITS] &= ~mask;
            seq += n;
            remaining -= n;
        }
        m_top = fullSeq;
    }
    else if (fullSeq + m_size <= m_top)
    {
        // Left of the window: nothing to record (Check() said TOO_OLD).
        return;
    }
    const uint32_t bit = BitOf(fullSeq);
    m_ring[bit / WORD_BITS] |= uint64_t{1} << (bit % WORD_BITS);
}

} // namespace ns3
