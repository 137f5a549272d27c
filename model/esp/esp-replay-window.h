/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_REPLAY_WINDOW_H
#define ESP_REPLAY_WINDOW_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The receiver's anti-replay window of an ESP SA (RFC 4303 section 3.4.3 and Appendix A).
 *
 * RFC 4303 section 3.4.3: "Duplicates are rejected through the use of a sliding receive window.
 * [...] The 'right' edge of the window represents the highest, validated Sequence Number value
 * received on this SA. Packets that contain sequence numbers lower than the 'left' edge of the
 * window are rejected. Packets falling within the window are checked against a list of received
 * packets within the window." and "If the received packet falls within the window and is not a
 * duplicate, or if the packet is to the right of the window, then the receiver proceeds to ICV
 * verification. [...] The receive window is updated only if the ICV verification succeeds."
 *
 * Hence two steps: Check() classifies a packet without changing anything, and the caller calls
 * Update() once the packet passed the check and the (here assumed) integrity check.
 *
 * Extended Sequence Numbers (RFC 4303 Appendix A2.1): only the low 32 bits (Seql) travel; the
 * receiver infers the high 32 bits (Seqh) from the window's top T = (Th, Tl) of width W:
 * - Case A, "Tl >= (W - 1). In this case, the window is within one sequence number subspace":
 *   if Seql >= Tl - W + 1 then Seqh = Th, else Seqh = Th + 1 (the sender wrapped);
 * - Case B, "Tl < (W - 1). In this case, the window spans two sequence number subspaces":
 *   if Seql >= Tl - W + 1 (mod 2^32) then Seqh = Th - 1 (a late packet from the previous
 *   subspace), else Seqh = Th.
 * Without ESN, the 32-bit number is the whole number. With the check disabled (size 0) the
 * inference uses W = 2^31: the candidate nearest the top wins.
 *
 * The bitmap is a ring of 64-bit words holding at least W bits; bit (s mod ring) stands for
 * sequence number s. Moving the right edge by d clears the d bits that leave the past, a word at
 * a time, so a packet costs O(1) amortized and at most ring/64 word writes.
 *
 * Sequence number 0 is never valid (RFC 4303 section 2.2: the first packet of an SA carries 1);
 * Check() reports it, and anything else left of the window, as TOO_OLD.
 */
class EspReplayWindow
{
  public:
    /** Outcome of Check(). */
    enum Result
    {
        OK,     //!< new, inside or right of the window
        REPLAY, //!< inside the window and already received
        TOO_OLD //!< left of the window (or sequence number 0)
    };

    /** Default window size, in packets (RFC 4303 section 3.4.3: "a default of 64"). */
    static constexpr uint32_t DEFAULT_SIZE = 64;
    /** Smallest enabled size (RFC 4303 section 2.2.1: "a minimum window size of 32"). */
    static constexpr uint32_t MIN_SIZE = 32;
    /** Largest size accepted by this model. */
    static constexpr uint32_t MAX_SIZE = 4096;

    /** A window of DEFAULT_SIZE with extended sequence numbers. */
    EspReplayWindow();

    /**
     * A window of \p size packets; ends the program with the IsValidSize() message on a bad size
     * (use SetSize() to handle the error).
     * \param size 0 (check disabled), or a multiple of 32 from 32 to 4096
     * \param extendedSequenceNumbers infer the high 32 bits (RFC 4303 Appendix A2)
     */
    explicit EspReplayWindow(uint32_t size, bool extendedSequenceNumbers = true);

    /**
     * \param size a window size to test
     * \param [out] error on failure, one line: the bad size and what is accepted
     * \return true for 0 or a multiple of 32 from 32 to 4096
     */
    static bool IsValidSize(uint32_t size, std::string& error);

    /**
     * Set the size and forget every packet received.
     * \param size 0 (check disabled), or a multiple of 32 from 32 to 4096
     * \param [out] error on failure, one line: the bad size and what is accepted
     * \return false (window unchanged) on a bad size
     */
    bool SetSize(uint32_t size, std::string& error);

    /** \return the size in packets; 0 when the check is disabled */
    uint32_t GetSize() const;

    /**
     * Set 32-bit or 64-bit sequence numbers, and forget every packet received.
     * \param enable infer the high 32 bits (RFC 4303 Appendix A2)
     */
    void SetExtendedSequenceNumbers(bool enable);

    /** \return true with extended (64-bit) sequence numbers */
    bool IsExtendedSequenceNumbers() const;

    /**
     * Classify a received sequence number; changes nothing.
     * \param seqLow the Sequence Number field (the low 32 bits)
     * \param [out] fullSeq the inferred 64-bit sequence number (set even when not OK, when
     * defined)
     * \return OK, REPLAY or TOO_OLD
     */
    Result Check(uint32_t seqLow, uint64_t& fullSeq) const;

    /**
     * Record a packet that passed Check() and the integrity check: mark it received and, if it is
     * right of the window, move the right edge to it.
     * \param fullSeq the sequence number Check() gave
     */
    void Update(uint64_t fullSeq);

    /** \return the right edge: the highest sequence number recorded, 0 before any */
    uint64_t GetTop() const;

    /** Forget every packet received. */
    void Reset();

  private:
    /**
     * \param seq a sequence number
     * \return the ring bit standing for it
     */
    uint32_t BitOf(uint64_t seq) const;

    /**
     * \param seq a sequence number inside the ring's reach
     * \return true when its bit is set
     */
    bool IsMarked(uint64_t seq) const;

    uint32_t m_size;              //!< W, the window size (0: check disabled)
    bool m_esn;                   //!< extended sequence numbers
    uint64_t m_top;               //!< T, the highest validated sequence number (0: none yet)
    std::vector<uint64_t> m_ring; //!< received-bit ring, at least W bits
};

} // namespace ns3

#endif /* ESP_REPLAY_WINDOW_H */
