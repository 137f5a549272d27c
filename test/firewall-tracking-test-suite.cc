/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The stateful firewall against hand-made TCP segments: the inspect normalizer (hole filled,
 * hole never filled, queue full, duplicate in queue, dup ACKs), stateful and bypass, the TCP
 * state checks, idle expiry, and deny classes (acl-drop; switched at run time). Topology and
 * timing: see firewall-test-bed.h. A segment sent by A at t reaches FW at t + 1 ms + serialization
 * (1042 bytes with the PPP header, at 100 Mbps: 83.36 us).
 */

#include "command-lines.h"
#include "firewall-test-bed.h"
#include "simulator-test-case.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;

namespace
{

/**
 * \param bed a bed, after Run()
 * \return UDP datagrams that reached B
 */
uint32_t
UdpAtB(const FirewallTestBed& bed)
{
    uint32_t n = 0;
    for (const auto& a : bed.atB)
    {
        n += a.protocol == 17;
    }
    return n;
}

/** The deny class for UDP to B's port, as an ASA access-list entry. */
const std::string DENY_UDP = "name=block proto=udp dport=10000 action=deny";

/** The class under test for port 10000, per action. */
std::string
ClassFor(const std::string& action)
{
    return "name=ctcp proto=tcp dport=10000 action=" + action;
}

} // namespace

/**
 * \ingroup vpn
 * Inspect: a hole filled within the timeout releases the queued segments in order, drops
 * nothing, and each queued segment drew one dup ACK to A.
 */
class FirewallHoleFilledTestCase : public SimulatorTestCase
{
  public:
    FirewallHoleFilledTestCase()
        : SimulatorTestCase("inspect: a hole filled in time releases the queue in order, no drops")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({ClassFor("inspect")});
        bed.Handshake(Seconds(0.1));
        bed.Data(Seconds(1.0), 1);
        bed.Data(Seconds(1.1), 3); // after the hole at segment 2: held
        bed.Data(Seconds(1.2), 4); // held
        bed.Data(Seconds(2.0), 2); // fills the hole 0.9 s later, well within 4 s
        bed.Run(Seconds(10));
        const std::vector<uint32_t> expected{1001, 2001, 3001, 4001};
        NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), expected.size(), "four segments reach B");
        for (size_t i = 0; i < expected.size() && i < bed.DataSeqAtB().size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB()[i], expected[i], "in sequence order");
        }
        NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 0, "nothing dropped");
        // Segments 3 and 4 reach B right behind segment 2, at 2.0 s + two hops.
        NS_TEST_ASSERT_MSG_EQ((bed.atB.back().time > Seconds(2.0)), true, "released at 2 s");
        NS_TEST_ASSERT_MSG_EQ((bed.atB.back().time < Seconds(2.01)), true, "released at 2 s");
        // One dup ACK per held segment, from B's address. Their ack is 1001, B's last ACK (of
        // the SYN): B never acknowledges segment 1 in this script, so the firewall may not
        // either, though the hole it waits for is at 2001 (FirewallDupAckIsReceiversAckTestCase).
        NS_TEST_ASSERT_MSG_EQ(bed.dupAcksAtRun, 2, "two dup ACKs");
        NS_TEST_ASSERT_MSG_EQ(bed.AcksAtA(), 2, "both reached A");
        for (const auto& a : bed.atA)
        {
            if (a.payload == 0 && a.tcp.GetFlags() == TcpHeader::ACK)
            {
                NS_TEST_ASSERT_MSG_EQ(a.tcp.GetAckNumber().GetValue(), 1001, "B's last ACK");
                NS_TEST_ASSERT_MSG_EQ(a.source, bed.addressB, "spoofed from B");
                NS_TEST_ASSERT_MSG_EQ(a.tcp.GetSequenceNumber().GetValue(), 5001, "B's SND.NXT");
            }
        }
    }
};

/**
 * \ingroup vpn
 * Inspect: a dup ACK repeats the receiver's last ACK and never acknowledges more, even when the
 * firewall has forwarded more in order. The firewall's RCV.NXT counts what it forwarded, not what
 * B holds: forwarded data may be in flight, lost beyond the firewall, or discarded by B (ns-3.37
 * drops the payload of a segment whose ACK field is below its SND.UNA, as a released held
 * segment's is when B also sends). An ACK above B's is cumulative: A would free bytes B never
 * got and never send them again (the tcp-encap stall, see doc, Firewall scope and limitations).
 */
class FirewallDupAckIsReceiversAckTestCase : public SimulatorTestCase
{
  public:
    FirewallDupAckIsReceiversAckTestCase()
        : SimulatorTestCase("inspect: a dup ACK carries B's last ACK, never the firewall's RCV.NXT")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({ClassFor("inspect")});
        bed.Handshake(Seconds(0.1));
        bed.Data(Seconds(1.0), 1);
        bed.Data(Seconds(1.1), 2); // forwarded in order: the firewall's RCV.NXT is 3001
        // B acknowledges segment 1 only (segment 2 is, say, lost beyond the firewall).
        bed.Tcp(Seconds(1.15), false, TcpHeader::ACK, 5001, 2001);
        bed.Data(Seconds(1.2), 4); // after the hole at 3001: held, dup ACK #1
        // B acknowledges segment 2 (its retransmission, say, arrived).
        bed.Tcp(Seconds(1.3), false, TcpHeader::ACK, 5001, 3001);
        bed.Data(Seconds(1.4), 5); // held, dup ACK #2
        bed.Run(Seconds(3));
        // A sees B's two ACKs and the firewall's two dup ACKs, in time order.
        std::vector<uint32_t> acks;
        for (const auto& a : bed.atA)
        {
            if (a.payload == 0 && a.tcp.GetFlags() == TcpHeader::ACK)
            {
                acks.push_back(a.tcp.GetAckNumber().GetValue());
            }
        }
        NS_TEST_ASSERT_MSG_EQ(bed.dupAcksAtRun, 2, "one dup ACK per held segment");
        const std::vector<uint32_t> expected{2001, 2001, 3001, 3001};
        NS_TEST_ASSERT_MSG_EQ(acks.size(), expected.size(), "B's two ACKs and two dup ACKs");
        for (size_t i = 0; i < acks.size() && i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(acks[i], expected[i], "ACK " << i << ": B's last, not 3001");
        }
    }
};

/**
 * \ingroup vpn
 * Inspect: a hole never filled drops exactly the queued segments, each 4 s after it arrived,
 * as tcp-buffer-timeout; nothing after the hole reaches B.
 */
class FirewallHoleTimeoutTestCase : public SimulatorTestCase
{
  public:
    FirewallHoleTimeoutTestCase()
        : SimulatorTestCase(
              "inspect: a hole never filled drops the queue at +4 s as tcp-buffer-timeout")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({ClassFor("inspect")});
        bed.Handshake(Seconds(0.1));
        bed.Data(Seconds(1.0), 1);
        bed.Data(Seconds(1.0), 3);
        bed.Data(Seconds(1.5), 4);
        bed.Data(Seconds(2.0), 5);
        bed.Run(Seconds(20));
        // Arrival at FW = send time + 1 ms + 1042 B (PPP 2 + IP 20 + TCP 20 + 1000) * 8 / 100 Mbps
        // = 83.36 us; + 4 s timeout. Segment 3 queues behind segment 1 on A's link: one more
        // serialization.
        const Time hop = MilliSeconds(1) + NanoSeconds(83360);
        const std::vector<Time> expected{Seconds(5.0) + hop + NanoSeconds(83360),
                                         Seconds(5.5) + hop,
                                         Seconds(6.0) + hop};
        const auto times = bed.DropTimes("tcp-buffer-timeout");
        NS_TEST_ASSERT_MSG_EQ(times.size(), 3, "exactly the three queued segments");
        for (size_t i = 0; i < times.size() && i < expected.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(times[i].GetNanoSeconds(),
                                  expected[i].GetNanoSeconds(),
                                  "4 s after arrival");
        }
        NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 3, "no other drop");
        NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), 1, "only segment 1 reaches B");
    }
};

/**
 * \ingroup vpn
 * Inspect with queue-limit 3: the fourth out-of-order segment is tcp-buffer-full; a second copy
 * of a queued segment is tcp-dup-in-queue.
 */
class FirewallBufferFullTestCase : public SimulatorTestCase
{
  public:
    FirewallBufferFullTestCase()
        : SimulatorTestCase(
              "inspect: 4th out-of-order segment is tcp-buffer-full; a copy is dup-in-queue")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({ClassFor("inspect") + " queue-limit=3"});
        bed.Handshake(Seconds(0.1));
        bed.Data(Seconds(1.0), 1);
        bed.Data(Seconds(1.1), 3);
        bed.Data(Seconds(1.2), 4);
        bed.Data(Seconds(1.3), 3); // the sender's retransmission of a held segment
        bed.Data(Seconds(1.4), 5);
        bed.Data(Seconds(1.5), 6); // the fourth distinct one: the queue holds 3, 4, 5
        bed.Data(Seconds(2.0), 2); // fills the hole: 2, 3, 4, 5 go out
        bed.Run(Seconds(10));
        NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-dup-in-queue").size(), 1, "the copy of 3");
        NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-buffer-full").size(), 1, "segment 6");
        NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 2, "nothing else");
        NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), 5, "segments 1-5 reach B");
        NS_TEST_ASSERT_MSG_EQ(bed.dupAcksAtRun, 3, "one dup ACK per held segment");
    }
};

/**
 * \ingroup vpn
 * Inspect with queue-limit 0: the out-of-order queue of A's segments starts at 3 packets and
 * follows the window B advertises (ASA guide: "If the ASA receives a TCP packet with a different
 * window size, then the queue limit is dynamically changed to match the advertised setting"),
 * as many packets as the window has room for; with QueueFollowsWindow=false it stays at 3. A's
 * packets carry 1000 bytes: B's window of 8000 bytes makes room for 8 (14 of RFC 9293's default
 * MSS of 536 before A's first data segment shows its size), then one of 2000 for 2. The script
 * is the same both ways; only the limit differs.
 */
class FirewallQueueFollowsWindowTestCase : public SimulatorTestCase
{
  public:
    /** \param follows the firewall's QueueFollowsWindow */
    explicit FirewallQueueFollowsWindowTestCase(bool follows)
        : SimulatorTestCase(
              follows ? "inspect: a window change moves the queue limit to window over MSS"
                      : "inspect, QueueFollowsWindow=false: the queue stays at 3 packets"),
          m_follows(follows)
    {
    }

  private:
    void DoRun() override
    {
        using Bed = FirewallTestBed;
        FirewallTestBed bed({ClassFor("inspect")});
        bed.firewall->SetAttribute("QueueFollowsWindow", BooleanValue(m_follows));
        bed.Handshake(Seconds(0.1)); // every window 65535: the limit starts at 3
        bed.Tcp(Seconds(0.5), false, TcpHeader::ACK, Bed::ISN_B + 1, Bed::ISN_A + 1, 0, 8000);
        bed.Data(Seconds(1.0), 1);
        for (uint32_t k = 3; k <= 11; ++k) // nine segments after the hole at 2
        {
            bed.Data(Seconds(1.0 + 0.05 * k), k);
        }
        bed.Data(Seconds(2.0), 2); // fills the hole
        Simulator::Schedule(Seconds(2.5), [&bed, this]() {
            bed.firewall->GetTable().ForEach([this](const FirewallConnection& c) {
                const TcpNormalizer* queue = c.Normalizer(FirewallDirection::FROM_INITIATOR);
                m_limitAt25 = queue ? queue->GetLimit() : 0;
            });
        });
        bed.Tcp(Seconds(3.0), false, TcpHeader::ACK, Bed::ISN_B + 1, Bed::ISN_A + 1, 0, 2000);
        for (uint32_t k = 13; k <= 15; ++k) // after the hole at 11 (or 6)
        {
            bed.Data(Seconds(3.0 + 0.05 * (k - 12)), k);
        }
        bed.Data(Seconds(3.5), 11);
        bed.Data(Seconds(3.6), 12);
        bed.Run(Seconds(10));
        if (m_follows)
        {
            NS_TEST_ASSERT_MSG_EQ(m_limitAt25, 8, "B's window of 8000 bytes: 8 packets of 1000");
            // Limit 8: 3-10 held, 11 refused; 2 releases 2-10. Limit 2: 13 and 14 held, 15
            // refused; 11 and 12 release 11-14. 14 segments reach B.
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-buffer-full").size(), 2, "11 and 15");
            NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), 14, "segments 1-14 reach B");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(m_limitAt25, 3, "the fixed 3 packets");
            // Limit 3: 3-5 held, 6-11 refused; 2 releases 2-5. Then the hole is at 6: 13-15
            // held, 11 and 12 refused. 5 segments reach B.
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-buffer-full").size(), 8, "6-11, then 11-12");
            NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), 5, "segments 1-5 reach B");
        }
    }

    bool m_follows;          //!< QueueFollowsWindow
    uint32_t m_limitAt25{0}; //!< the A-to-B queue limit at 2.5 s
};

/**
 * \ingroup vpn
 * The queue timeout takes effect only with a queue limit of 1-250 (ASA guide: "You cannot change
 * the timeout for any traffic if the pkt_num argument is set to 0"): with the firewall's Timeout
 * at 10 s and no queue-limit, a segment held behind a hole that never fills is dropped 4 s after
 * it arrived; with the class's queue-limit=3 timeout=10, 10 s after.
 */
class FirewallTimeoutNeedsLimitTestCase : public SimulatorTestCase
{
  public:
    FirewallTimeoutNeedsLimitTestCase()
        : SimulatorTestCase("inspect: the queue timeout applies only where a queue-limit is set")
    {
    }

  private:
    void DoRun() override
    {
        // Arrival at FW: send time + 1 ms + 1042 B * 8 / 100 Mbps (see the file's comment).
        const Time arrival = Seconds(1.5) + MilliSeconds(1) + NanoSeconds(83360);
        for (const auto& [spec, timeout] : std::vector<std::pair<std::string, Time>>{
                 {ClassFor("inspect"), Seconds(4)},
                 {ClassFor("inspect") + " queue-limit=3 timeout=10", Seconds(10)}})
        {
            FirewallTestBed bed({spec});
            bed.firewall->SetAttribute("Timeout", TimeValue(Seconds(10)));
            bed.Handshake(Seconds(0.1));
            bed.Data(Seconds(1.0), 1);
            bed.Data(Seconds(1.5), 3); // held behind the hole at 2, never filled
            bed.Run(Seconds(20));
            const auto times = bed.DropTimes("tcp-buffer-timeout");
            NS_TEST_ASSERT_MSG_EQ(times.size(), 1, spec);
            NS_TEST_ASSERT_MSG_EQ(times[0].GetNanoSeconds(),
                                  (arrival + timeout).GetNanoSeconds(),
                                  spec);
        }
    }
};

/**
 * \ingroup vpn
 * Stateful: a segment that arrives before its hole passes untouched and at once.
 */
class FirewallStatefulPassesTestCase : public SimulatorTestCase
{
  public:
    FirewallStatefulPassesTestCase()
        : SimulatorTestCase("stateful: a segment after a hole passes untouched")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({ClassFor("stateful")});
        bed.Handshake(Seconds(0.1));
        bed.Data(Seconds(1.0), 1);
        bed.Data(Seconds(1.1), 3);
        bed.Run(Seconds(10));
        const auto seqs = bed.DataSeqAtB();
        NS_TEST_ASSERT_MSG_EQ(seqs.size(), 2, "both reach B");
        NS_TEST_ASSERT_MSG_EQ((seqs.size() == 2 && seqs[1] == 3001), true, "segment 3 passed");
        // At 1.1 s + two hops, not held.
        NS_TEST_ASSERT_MSG_EQ((bed.atB.back().time < Seconds(1.11)), true, "not delayed");
        NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 0, "no drops");
        NS_TEST_ASSERT_MSG_EQ(bed.dupAcksAtRun, 0, "no dup ACKs");
    }
};

/**
 * \ingroup vpn
 * A first packet that is not a SYN: tcp-not-syn under inspect (and stateful), passes under
 * bypass.
 */
class FirewallNotSynTestCase : public SimulatorTestCase
{
  public:
    FirewallNotSynTestCase()
        : SimulatorTestCase(
              "first packet without SYN: tcp-not-syn under inspect, passes under bypass")
    {
    }

  private:
    void DoRun() override
    {
        for (std::string action : {"inspect", "stateful", "bypass"})
        {
            FirewallTestBed bed({ClassFor(action)});
            bed.Data(Seconds(1.0), 1);
            bed.Data(Seconds(1.1), 3);
            bed.Run(Seconds(5));
            const bool bypass = action == "bypass";
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-not-syn").size(),
                                  (bypass ? 0 : 2),
                                  action << ": both mid-stream segments");
            NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), (bypass ? 2 : 0), action);
            NS_TEST_ASSERT_MSG_EQ(bed.connectionsAtRun, (bypass ? 1 : 0), action << ": entry");
        }
    }
};

/**
 * \ingroup vpn
 * The TCP checks: a segment far outside the window (tcp-seq-past-win), an ACK of unsent data
 * (tcp-invalid-ack), an out-of-window RST (tcp-rstfin-ooo), data before the SYN-ACK
 * (tcp-3whs-failed).
 */
class FirewallTcpChecksTestCase : public SimulatorTestCase
{
  public:
    FirewallTcpChecksTestCase()
        : SimulatorTestCase(
              "seq-past-win, invalid ACK, rstfin-ooo and 3whs-failed are dropped by name")
    {
    }

  private:
    void DoRun() override
    {
        {
            FirewallTestBed bed({ClassFor("inspect")});
            bed.Handshake(Seconds(0.1));
            // B offered 65535 bytes from 1001: data at 1001 + 10^6 lies far past it.
            bed.Tcp(Seconds(1.0), true, TcpHeader::ACK, 1001 + 1000000, 5001, 1000);
            // A acknowledges 100 bytes B never sent.
            bed.Tcp(Seconds(1.1), true, TcpHeader::ACK, 1001, 5101, 0);
            // A reset 10^6 bytes past the window.
            bed.Tcp(Seconds(1.2), true, TcpHeader::RST, 1001 + 1000000, 0, 0);
            bed.Data(Seconds(1.3), 1); // a valid segment still passes
            bed.Run(Seconds(5));
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-seq-past-win").size(), 1, "injected");
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-invalid-ack").size(), 1, "ack of unsent");
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-rstfin-ooo").size(), 1, "RST off window");
            NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 3, "nothing else");
            NS_TEST_ASSERT_MSG_EQ(bed.DataSeqAtB().size(), 1, "the valid segment");
        }
        {
            FirewallTestBed bed({ClassFor("stateful")});
            bed.Tcp(Seconds(0.1), true, TcpHeader::SYN, 1000, 0);
            bed.Data(Seconds(0.2), 1); // no SYN-ACK yet
            bed.Run(Seconds(5));
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-3whs-failed").size(), 1, "data in SYN");
        }
    }
};

/**
 * \ingroup vpn
 * Idle entries expire by themselves at their timeout: embryonic 30 s, UDP 2 min, established
 * TCP 1 h, half-closed 10 min (ASA defaults).
 */
class FirewallIdleTimeoutTestCase : public SimulatorTestCase
{
  public:
    FirewallIdleTimeoutTestCase()
        : SimulatorTestCase("idle entries expire at their timeouts")
    {
    }

  private:
    /**
     * Time of the single teardown in a bed.
     * \param bed the bed, after Run()
     * \return its time, or -1 s
     */
    static Time Only(const FirewallTestBed& bed)
    {
        return bed.teardowns.size() == 1 ? bed.teardowns[0].first : Seconds(-1);
    }

    void DoRun() override
    {
        const Time hop = MilliSeconds(1) + NanoSeconds(83360);
        const Time syn = MilliSeconds(1) + NanoSeconds(3360); // 42-byte SYN/FIN at 100 Mbps
        {
            FirewallTestBed bed({});
            bed.Tcp(Seconds(1), true, TcpHeader::SYN, 1000, 0);
            bed.Run(Seconds(100));
            NS_TEST_ASSERT_MSG_EQ(Only(bed), Seconds(31) + syn, "embryonic: 30 s");
        }
        {
            FirewallTestBed bed({});
            bed.Udp(Seconds(1));
            bed.Udp(Seconds(50)); // refreshes: expiry 2 min after this one
            bed.Run(Seconds(1000));
            // 100 + 8 + 20 + 2 bytes at 100 Mbps = 10.4 us.
            NS_TEST_ASSERT_MSG_EQ(Only(bed),
                                  Seconds(170) + MilliSeconds(1) + NanoSeconds(10400),
                                  "udp: 2 min after the last packet");
        }
        {
            FirewallTestBed bed({});
            bed.Handshake(Seconds(1));
            bed.Data(Seconds(2), 1);
            bed.Run(Seconds(5000));
            NS_TEST_ASSERT_MSG_EQ(Only(bed), Seconds(3602) + hop, "established: 1 h");
        }
        {
            FirewallTestBed bed({});
            bed.Handshake(Seconds(1));
            bed.Tcp(Seconds(2), true, TcpHeader::FIN | TcpHeader::ACK, 1001, 5001);
            bed.Run(Seconds(5000));
            NS_TEST_ASSERT_MSG_EQ(Only(bed), Seconds(602) + syn, "half-closed: 10 min");
        }
    }
};

/**
 * \ingroup vpn
 * The firewall's dup ACKs are real duplicate ACKs on the wire: tshark flags each one as
 * tcp.analysis.duplicate_ack in a pcap of FW's device toward A.
 */
class FirewallDupAckPcapTestCase : public SimulatorTestCase
{
  public:
    FirewallDupAckPcapTestCase()
        : SimulatorTestCase("inspect: tshark flags the dup ACKs of the firewall as duplicate_ack")
    {
    }

  private:
    /**
     * Count tshark's duplicate ACKs in a pcap.
     * \param tshark the tshark command
     * \param file the pcap
     * \return the count, or -1 when tshark cannot run
     */
    static int CountDupAcks(const std::string& tshark, const std::string& file)
    {
        bool ok = false;
        const auto lines = CommandLines(tshark + " -r '" + file +
                                            "' -Y tcp.analysis.duplicate_ack -T fields -e "
                                            "frame.number",
                                        ok);
        return ok ? static_cast<int>(lines.size()) : -1;
    }

    void DoRun() override
    {
        const std::string tshark = TsharkOrSkip(GetName());
        if (tshark.empty())
        {
            return;
        }
        for (std::string action : {"inspect", "stateful"})
        {
            const std::string prefix = CreateTempDirFilename("fw-" + action);
            FirewallTestBed bed({ClassFor(action)}, prefix);
            bed.Handshake(Seconds(0.1));
            bed.Data(Seconds(1.0), 1);
            // B acknowledges segment 1: the ACK the dup ACKs duplicate.
            bed.Tcp(Seconds(1.05), false, TcpHeader::ACK, 5001, 2001);
            bed.Data(Seconds(1.1), 3);
            bed.Data(Seconds(1.2), 4);
            bed.Data(Seconds(1.3), 5);
            bed.Run(Seconds(3));
            // Node 1 (FW), device 0 (its link to A).
            const int n = CountDupAcks(tshark, prefix + "-1-0.pcap");
            NS_TEST_ASSERT_MSG_EQ(n, (action == "inspect" ? 3 : 0), action << ": one per hold");
        }
    }
};

/**
 * \ingroup vpn
 * Deny: every datagram of a UDP flow to a denied port is acl-drop (no entry is made, so each is
 * a new connection and meets the ACL again); a TCP SYN to a denied port is acl-drop too, and a
 * denied non-SYN is acl-drop rather than tcp-not-syn (the ACL comes before flow creation).
 */
class FirewallDenyTestCase : public SimulatorTestCase
{
  public:
    FirewallDenyTestCase()
        : SimulatorTestCase(
              "deny: a UDP flow to a denied port is dropped as acl-drop, counted and traced")
    {
    }

  private:
    void DoRun() override
    {
        {
            FirewallTestBed bed({DENY_UDP});
            bed.Udp(Seconds(1));
            bed.Udp(Seconds(2));
            bed.Udp(Seconds(3));
            bed.Run(Seconds(5));
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("acl-drop").size(), 3, "all three, traced");
            NS_TEST_ASSERT_MSG_EQ(bed.firewall->GetDropCount("acl-drop"), 3, "counted");
            NS_TEST_ASSERT_MSG_EQ(bed.firewall->GetDropCount(FirewallDropReason::ACL_DROP),
                                  3,
                                  "by enum too");
            NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 3, "no other drop");
            NS_TEST_ASSERT_MSG_EQ(UdpAtB(bed), 0, "none reaches B");
            NS_TEST_ASSERT_MSG_EQ(bed.connectionsAtRun, 0, "a denied flow makes no entry");
            NS_TEST_ASSERT_MSG_EQ(bed.firewall->GetConnectionsCreated(), 0, "none ever");
            std::ostringstream asp;
            bed.firewall->PrintAspDrop(asp);
            // The label is padded to 64 columns, the count right-aligned in 12.
            const std::string label = "  Flow is denied by configured rule (acl-drop)";
            const std::string line =
                label + std::string(64 - label.size(), ' ') + std::string(11, ' ') + "3\n";
            NS_TEST_ASSERT_MSG_EQ(asp.str(), "Frame drop:\n" + line, "show asp drop");
        }
        {
            // UDP to another port, and TCP to the denied port, are not this class's.
            FirewallTestBed bed({DENY_UDP, "name=block-tcp proto=tcp dport=10000 action=deny"});
            bed.Tcp(Seconds(1), true, TcpHeader::SYN, FirewallTestBed::ISN_A, 0);
            bed.Data(Seconds(2), 1); // no SYN: acl-drop all the same
            bed.Run(Seconds(5));
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("acl-drop").size(), 2, "SYN and data");
            NS_TEST_ASSERT_MSG_EQ(bed.DropTimes("tcp-not-syn").size(), 0, "ACL first");
            NS_TEST_ASSERT_MSG_EQ(bed.atB.size(), 0, "nothing reaches B");
        }
    }
};

/**
 * \ingroup vpn
 * A deny class switched at run time: while disabled its flow passes and makes an entry; enabling
 * it at 3.5 s clears that entry (clear conn), so the next datagram is a new connection and is
 * acl-drop; disabling it at 5.5 s lets the flow through again as a new connection.
 */
class FirewallDenyAtRunTimeTestCase : public SimulatorTestCase
{
  public:
    FirewallDenyAtRunTimeTestCase()
        : SimulatorTestCase(
              "deny enabled at 3.5 s cuts the existing UDP flow; disabled at 5.5 s, it flows")
    {
    }

  private:
    void DoRun() override
    {
        FirewallTestBed bed({DENY_UDP + " enabled=no"});
        for (int t = 1; t <= 7; ++t)
        {
            bed.Udp(Seconds(t)); // one datagram a second, 1 s to 7 s
        }
        bool enabled = false;
        bool disabled = false;
        Simulator::Schedule(Seconds(3.5), [&bed, &enabled]() {
            std::string error;
            enabled = bed.firewall->SetClassEnabled("block", true, error);
        });
        Simulator::Schedule(Seconds(5.5), [&bed, &disabled]() {
            std::string error;
            disabled = bed.firewall->SetClassEnabled("block", false, error);
        });
        bed.Run(Seconds(10));
        NS_TEST_ASSERT_MSG_EQ(enabled, true, "enabled by name");
        NS_TEST_ASSERT_MSG_EQ(disabled, true, "disabled by name");
        // Datagrams at 1, 2, 3 s (before) and 6, 7 s (after) pass; 4 and 5 s are denied.
        NS_TEST_ASSERT_MSG_EQ(UdpAtB(bed), 5, "1, 2, 3, 6 and 7 s reach B");
        const auto denied = bed.DropTimes("acl-drop");
        NS_TEST_ASSERT_MSG_EQ(denied.size(), 2, "4 and 5 s");
        // A 100-byte datagram (130 bytes with UDP, IP, PPP) reaches FW 1 ms + 10.4 us after A
        // sends it.
        const Time hop = MilliSeconds(1) + NanoSeconds(10400);
        for (size_t i = 0; i < denied.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(denied[i], Seconds(4 + i) + hop, "at FW");
        }
        NS_TEST_ASSERT_MSG_EQ(bed.dropCountAtRun, 2, "nothing else dropped");
        // The entry of 1 s was cleared at exactly 3.5 s; the flow of 6 s is a second entry.
        NS_TEST_ASSERT_MSG_EQ(bed.teardowns.size(), 1, "one teardown");
        if (bed.teardowns.size() == 1) // the runner continues after a failed assert by default
        {
            NS_TEST_EXPECT_MSG_EQ(bed.teardowns[0].first, Seconds(3.5), "when enabled");
            NS_TEST_EXPECT_MSG_EQ(bed.teardowns[0].second, "clear-conn", "cleared by the switch");
        }
        NS_TEST_ASSERT_MSG_EQ(bed.firewall->GetConnectionsCreated(), 2, "1 s and 6 s");
        NS_TEST_ASSERT_MSG_EQ(bed.connectionsAtRun, 1, "the flow of 6 s is in the table");
    }
};

/**
 * \ingroup vpn
 * The firewall's crafted-segment suite.
 */
class FirewallTrackingTestSuite : public TestSuite
{
  public:
    FirewallTrackingTestSuite()
        : TestSuite("vpn-firewall-tracking", TestSuite::Type::UNIT)
    {
        AddTestCase(new FirewallHoleFilledTestCase);
        AddTestCase(new FirewallDupAckIsReceiversAckTestCase);
        AddTestCase(new FirewallHoleTimeoutTestCase);
        AddTestCase(new FirewallBufferFullTestCase);
        AddTestCase(new FirewallQueueFollowsWindowTestCase(true));
        AddTestCase(new FirewallQueueFollowsWindowTestCase(false));
        AddTestCase(new FirewallTimeoutNeedsLimitTestCase);
        AddTestCase(new FirewallStatefulPassesTestCase);
        AddTestCase(new FirewallNotSynTestCase);
        AddTestCase(new FirewallTcpChecksTestCase);
        AddTestCase(new FirewallIdleTimeoutTestCase);
        AddTestCase(new FirewallDupAckPcapTestCase);
        AddTestCase(new FirewallDenyTestCase);
        AddTestCase(new FirewallDenyAtRunTimeTestCase);
    }
};

/** The suite's one instance. */
static FirewallTrackingTestSuite g_firewallTrackingTestSuite;
