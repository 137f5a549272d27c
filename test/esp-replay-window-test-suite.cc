/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP anti-replay window: the cases of RFC 4303 section 3.4.3 and Appendix A.
 */

#include "ns3/esp-replay-window.h"
#include "ns3/test.h"

#include <string>

using namespace ns3;

namespace
{

/** 2^32, the first sequence number of the second ESN subspace. */
constexpr uint64_t TWO_32 = uint64_t{1} << 32;

} // namespace

/**
 * \ingroup vpn
 * Duplicates, the left edge, right-edge moves, far jumps and sequence number 0 in a 64-packet
 * window, with and without ESN.
 */
class EspReplayBasicTestCase : public TestCase
{
  public:
    /** \param esn run with extended sequence numbers */
    explicit EspReplayBasicTestCase(bool esn)
        : TestCase(std::string("Duplicates, left edge, right-edge moves, far jumps; ESN ") +
                   (esn ? "on" : "off")),
          m_esn(esn)
    {
    }

  private:
    /**
     * Check, and Update on OK, as a receiver does once the ICV verified.
     * \param w the window
     * \param seq the sequence number received
     * \return the Check() result
     */
    static EspReplayWindow::Result Receive(EspReplayWindow& w, uint32_t seq)
    {
        uint64_t full = 0;
        const EspReplayWindow::Result r = w.Check(seq, full);
        if (r == EspReplayWindow::OK)
        {
            w.Update(full);
        }
        return r;
    }

    /**
     * Expect a sequence number left of the window (in case A of RFC 4303 Appendix A2.1 when ESN
     * is on): without ESN it is TOO_OLD; with ESN the RFC infers Seqh = Th + 1, a packet 2^32
     * ahead, which only the ICV (absent here) tells apart, so the window says OK.
     * \param w the window, its top in subspace 0 with Tl >= W - 1
     * \param seq the sequence number
     * \param msg what the case shows
     */
    void ExpectLeftOfWindow(const EspReplayWindow& w, uint32_t seq, const std::string& msg)
    {
        uint64_t full = 0;
        const EspReplayWindow::Result r = w.Check(seq, full);
        if (m_esn)
        {
            NS_TEST_ASSERT_MSG_EQ(r, EspReplayWindow::OK, msg + " (ESN: next subspace)");
            NS_TEST_ASSERT_MSG_EQ(full, TWO_32 + seq, msg + " (ESN: Seqh = Th + 1)");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(r, EspReplayWindow::TOO_OLD, msg);
        }
    }

    void DoRun() override
    {
        EspReplayWindow w(64, m_esn);
        uint64_t full = 0;
        // Section 2.2: the first packet carries 1; 0 is never valid.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0, full), EspReplayWindow::TOO_OLD, "seq 0 is never sent");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1), EspReplayWindow::OK, "first packet");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1), EspReplayWindow::REPLAY, "duplicate of the edge");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 3), EspReplayWindow::OK, "2 is skipped");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 2), EspReplayWindow::OK, "late, inside, not seen yet");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 2), EspReplayWindow::REPLAY, "now a duplicate");
        NS_TEST_ASSERT_MSG_EQ(w.GetTop(), 3, "the right edge is the highest validated");

        // A Check without Update moves nothing (section 3.4.3: update only after the ICV).
        NS_TEST_ASSERT_MSG_EQ(w.Check(100, full), EspReplayWindow::OK, "right of the window");
        NS_TEST_ASSERT_MSG_EQ(full, 100, "no inference needed in subspace 0");
        NS_TEST_ASSERT_MSG_EQ(w.GetTop(), 3, "Check alone does not move the edge");
        NS_TEST_ASSERT_MSG_EQ(w.Check(1, full), EspReplayWindow::REPLAY, "1 still in the window");

        // The edge moves to 100: the window is 100 - 64 + 1 = 37 .. 100.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 100), EspReplayWindow::OK, "new right edge");
        NS_TEST_ASSERT_MSG_EQ(w.Check(37, full), EspReplayWindow::OK, "37 is the left edge");
        ExpectLeftOfWindow(w, 36, "36 left of it");
        ExpectLeftOfWindow(w, 3, "3 received, now old");
        // One step right: the window is 38 .. 101 and 37 falls out.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 101), EspReplayWindow::OK, "edge moves by one");
        ExpectLeftOfWindow(w, 37, "37 fell out");

        // Receive all of 38 .. 101, then jump exactly one window: 102 .. 165. Every bit of the
        // 64-bit ring was set, and must read as unseen in the new window.
        for (uint32_t s = 38; s <= 101; ++s)
        {
            Receive(w, s);
        }
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 165), EspReplayWindow::OK, "jump by 64");
        for (uint32_t s = 102; s <= 164; ++s)
        {
            NS_TEST_ASSERT_MSG_EQ(w.Check(s, full),
                                  EspReplayWindow::OK,
                                  "cleared: " + std::to_string(s));
        }
        ExpectLeftOfWindow(w, 101, "left of 102");

        // A far jump (more than a window, past the ring): everything before 10,000 - 63 is old.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 10000), EspReplayWindow::OK, "far jump");
        ExpectLeftOfWindow(w, 165, "old edge is far left");
        NS_TEST_ASSERT_MSG_EQ(w.Check(9937, full), EspReplayWindow::OK, "10000 - 63, unseen");
        ExpectLeftOfWindow(w, 9936, "10000 - 64");
        NS_TEST_ASSERT_MSG_EQ(w.Check(10000, full), EspReplayWindow::REPLAY, "the edge itself");
    }

    bool m_esn; //!< extended sequence numbers
};

/**
 * \ingroup vpn
 * The window's width is what was configured: 32, 64, 1024 and 4096.
 */
class EspReplaySizesTestCase : public TestCase
{
  public:
    EspReplaySizesTestCase()
        : TestCase("Window sizes 32, 64, 1024, 4096: left edge at top - W + 1; bad sizes refused")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t size : {32U, 64U, 1024U, 4096U})
        {
            const std::string tag = "W=" + std::to_string(size) + ": ";
            EspReplayWindow w(size, false); // 32-bit: left of the window is TOO_OLD
            NS_TEST_ASSERT_MSG_EQ(w.GetSize(), size, tag + "size kept");
            uint64_t full = 0;
            // Top W + 10: the window is 11 .. W + 10.
            w.Update(size + 10);
            NS_TEST_ASSERT_MSG_EQ(w.Check(11, full), EspReplayWindow::OK, tag + "left edge");
            NS_TEST_ASSERT_MSG_EQ(w.Check(10, full), EspReplayWindow::TOO_OLD, tag + "left of it");
            for (uint32_t s = 11; s < size + 10; ++s)
            {
                w.Update(s);
            }
            uint32_t replays = 0;
            for (uint32_t s = 1; s <= size + 10; ++s)
            {
                replays += w.Check(s, full) == EspReplayWindow::REPLAY ? 1 : 0;
            }
            // All W sequence numbers in the window were received: exactly W duplicates.
            NS_TEST_ASSERT_MSG_EQ(replays, size, tag + "every packet in the window is a duplicate");
            NS_TEST_ASSERT_MSG_EQ(w.Check(size + 11, full), EspReplayWindow::OK, tag + "next one");
        }

        EspReplayWindow w;
        NS_TEST_ASSERT_MSG_EQ(w.GetSize(), 64, "RFC 4303 section 3.4.3 default");
        std::string error;
        for (uint32_t bad : {1U, 16U, 33U, 100U, 4128U, 8192U})
        {
            error.clear();
            NS_TEST_ASSERT_MSG_EQ(w.SetSize(bad, error), false, "refused: " + std::to_string(bad));
            NS_TEST_ASSERT_MSG_NE(error.find("multiple of 32"), std::string::npos, error);
            NS_TEST_ASSERT_MSG_NE(error.find(std::to_string(bad)), std::string::npos, error);
        }
        NS_TEST_ASSERT_MSG_EQ(w.GetSize(), 64, "a refused size leaves the window unchanged");
        NS_TEST_ASSERT_MSG_EQ(w.SetSize(4096, error), true, "the largest accepted");
        NS_TEST_ASSERT_MSG_EQ(w.SetSize(0, error), true, "0 disables the check");
    }
};

/**
 * \ingroup vpn
 * Size 0 turns the check off: duplicates and old packets pass, but 0 is still never valid.
 */
class EspReplayDisabledTestCase : public TestCase
{
  public:
    EspReplayDisabledTestCase()
        : TestCase("Window 0: duplicates accepted, sequence 0 still refused")
    {
    }

  private:
    void DoRun() override
    {
        EspReplayWindow w(0);
        uint64_t full = 0;
        w.Update(5000);
        NS_TEST_ASSERT_MSG_EQ(w.Check(5000, full), EspReplayWindow::OK, "duplicate accepted");
        NS_TEST_ASSERT_MSG_EQ(w.Check(1, full), EspReplayWindow::OK, "old accepted");
        NS_TEST_ASSERT_MSG_EQ(full, 1, "nearest subspace is 0");
        NS_TEST_ASSERT_MSG_EQ(w.Check(0, full), EspReplayWindow::TOO_OLD, "0 is never valid");
    }
};

/**
 * \ingroup vpn
 * RFC 4303 Appendix A2.1: the high 32 bits inferred across the 2^32 boundary, forwards (case A,
 * the sender wrapped) and backwards (case B, a late packet of the previous subspace).
 */
class EspReplayEsnTestCase : public TestCase
{
  public:
    EspReplayEsnTestCase()
        : TestCase("ESN: high-order bits inferred across 2^32 both ways")
    {
    }

  private:
    void DoRun() override
    {
        EspReplayWindow w(64, true);
        uint64_t full = 0;
        // From an empty window (T = 0, case B) a Seql just below 2^32 would be subspace -1.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0xFFFFFFF6, full),
                              EspReplayWindow::TOO_OLD,
                              "no subspace -1");
        // Walk up: 2^31, then 2^32 - 10, both in subspace 0.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0x80000000, full), EspReplayWindow::OK, "2^31");
        w.Update(full);
        NS_TEST_ASSERT_MSG_EQ(w.Check(0xFFFFFFF6, full), EspReplayWindow::OK, "2^32 - 10");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32 - 10, "still subspace 0");
        w.Update(full);

        // Case A (Tl = 2^32 - 10 >= W - 1): Seql 5 is left of Tl - W + 1, so Seqh = Th + 1.
        NS_TEST_ASSERT_MSG_EQ(w.Check(5, full), EspReplayWindow::OK, "sender wrapped");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32 + 5, "Seqh = Th + 1");
        w.Update(full);
        NS_TEST_ASSERT_MSG_EQ(w.GetTop(), TWO_32 + 5, "edge in subspace 1");

        // Case B (Tl = 5 < W - 1): the window 2^32 - 58 .. 2^32 + 5 spans both subspaces.
        // Seql 2^32 - 8 >= Tl - W + 1 (mod 2^32) = 2^32 - 58: Seqh = Th - 1, unseen, accepted.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0xFFFFFFF8, full), EspReplayWindow::OK, "late, unseen");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32 - 8, "Seqh = Th - 1");
        NS_TEST_ASSERT_MSG_EQ(w.Check(0xFFFFFFF6, full), EspReplayWindow::REPLAY, "seen before");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32 - 10, "Seqh = Th - 1");
        NS_TEST_ASSERT_MSG_EQ(w.Check(5, full), EspReplayWindow::REPLAY, "the edge, seen");
        // Seql 2^32 - 80 < 2^32 - 58: case B says Seqh = Th, a packet far ahead (its ICV would
        // fail in a real receiver, RFC 4303 A2.2); the window takes the RFC's guess.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0xFFFFFFB0, full), EspReplayWindow::OK, "RFC guess");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32 + 0xFFFFFFB0, "Seqh = Th");
        // Low bits 0 are valid with ESN: Seql 0 < 2^32 - 58, so Seqh = Th = 1: 2^32, inside the
        // window and unseen.
        NS_TEST_ASSERT_MSG_EQ(w.Check(0, full), EspReplayWindow::OK, "Seql 0 is 2^32 here");
        NS_TEST_ASSERT_MSG_EQ(full, TWO_32, "Seqh = Th");

        // Without ESN the same wrap is a packet far left of the window.
        EspReplayWindow plain(64, false);
        plain.Update(0xFFFFFFF6);
        NS_TEST_ASSERT_MSG_EQ(plain.Check(5, full), EspReplayWindow::TOO_OLD, "no wrap w/o ESN");
        NS_TEST_ASSERT_MSG_EQ(full, 5, "32-bit number as received");
    }
};

/**
 * \ingroup vpn
 * Anti-replay window.
 */
class EspReplayTestSuite : public TestSuite
{
  public:
    EspReplayTestSuite()
        : TestSuite("vpn-esp-replay", TestSuite::Type::UNIT)
    {
        AddTestCase(new EspReplayBasicTestCase(false));
        AddTestCase(new EspReplayBasicTestCase(true));
        AddTestCase(new EspReplaySizesTestCase);
        AddTestCase(new EspReplayDisabledTestCase);
        AddTestCase(new EspReplayEsnTestCase);
    }
};

/** Static instance that registers the suite. */
static EspReplayTestSuite g_espReplayTestSuite;
