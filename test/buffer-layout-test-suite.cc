/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3's Buffer::AddAtEnd(const Buffer&) (ns-3.37 to 3.48, src/network/model/buffer.cc) has a
 * fast path for appending a buffer that begins with its zero-filled (virtual) area; when real
 * bytes follow that area, the copy writes past the end of the destination's data (a heap
 * overflow, reported by ASan; see doc/vpn.rst, "ns-3's Buffer::AddAtEnd"). No send path of the
 * module produces such a packet. This suite keeps it that way: it reads a packet's buffer layout
 * (bytes before the zero area, the zero area, bytes after) from Packet::Serialize, checks that
 * reading on layouts built by hand, and checks every message every carrier sends or receives in
 * a running tunnel, with zero-filled application payloads in both directions.
 */

#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

#include <cstring>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** A packet buffer's layout: ns-3 keeps a run of zero bytes virtual (not in memory). */
struct BufferLayout
{
    uint32_t before{0}; //!< real bytes before the zero area
    uint32_t zeros{0};  //!< bytes of the zero area
    uint32_t after{0};  //!< real bytes after it
    bool read{false};   //!< Packet::Serialize succeeded

    /** \return the layout Buffer::AddAtEnd(const Buffer&) mishandles as its argument */
    bool Hazardous() const
    {
        return before == 0 && zeros > 0 && after > 0;
    }
};

/**
 * Read a packet's buffer layout from Packet::Serialize (ns-3.37 to 3.48: four sections, nix
 * vector, byte tags, packet tags, metadata, each a 32-bit length that counts itself followed by
 * its bytes padded to 4; then the buffer's length and Buffer::Serialize: the zero area's size,
 * the length of the bytes before it, those bytes padded to 4, the length of the bytes after).
 * \param packet the packet
 * \return its layout
 */
BufferLayout
LayoutOf(Ptr<const Packet> packet)
{
    BufferLayout layout;
    std::vector<uint8_t> s(packet->GetSerializedSize());
    if (packet->Serialize(s.data(), s.size()) == 0)
    {
        return layout;
    }
    std::size_t offset = 0;
    auto word = [&s, &offset]() {
        uint32_t w = 0;
        if (offset + 4 <= s.size())
        {
            std::memcpy(&w, s.data() + offset, 4);
        }
        offset += 4;
        return w;
    };
    auto round4 = [](uint32_t n) { return (n + 3U) & ~3U; };
    for (int section = 0; section < 4; ++section)
    {
        const uint32_t length = word();
        offset += round4(length - 4);
    }
    word(); // the buffer section's length
    layout.zeros = word();
    layout.before = word();
    offset += round4(layout.before);
    layout.after = word();
    layout.read = offset <= s.size();
    return layout;
}

} // namespace

/**
 * \ingroup vpn
 * The layout reader on packets built by hand, each layout's sizes exact.
 */
class BufferLayoutReadTestCase : public TestCase
{
  public:
    BufferLayoutReadTestCase()
        : TestCase("the buffer layout read from Packet::Serialize, on packets built by hand")
    {
    }

  private:
    void DoRun() override
    {
        const uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};

        // Create<Packet>(100): all virtual.
        BufferLayout zeros = LayoutOf(Create<Packet>(100));
        NS_TEST_ASSERT_MSG_EQ(zeros.read, true, "Packet::Serialize read");
        NS_TEST_EXPECT_MSG_EQ(zeros.before, 0, "zero-filled: nothing before");
        NS_TEST_EXPECT_MSG_EQ(zeros.zeros, 100, "zero-filled: 100 virtual bytes");
        NS_TEST_EXPECT_MSG_EQ(zeros.after, 0, "zero-filled: nothing after");
        NS_TEST_EXPECT_MSG_EQ(zeros.Hazardous(), false, "a zero area alone is safe");

        // From bytes: all real.
        BufferLayout real = LayoutOf(Create<Packet>(bytes, sizeof(bytes)));
        NS_TEST_EXPECT_MSG_EQ(real.zeros, 0, "from bytes: no zero area");
        NS_TEST_EXPECT_MSG_EQ(real.before + real.after, 8, "from bytes: 8 real bytes");

        // A header on a zero-filled payload (what UdpClient sends): real bytes first.
        Ptr<Packet> headed = Create<Packet>(100);
        headed->AddHeader(EspHeader());
        BufferLayout h = LayoutOf(headed);
        NS_TEST_EXPECT_MSG_EQ(h.before, 8, "the ESP header's 8 bytes before");
        NS_TEST_EXPECT_MSG_EQ(h.zeros, 100, "then the payload's 100 virtual bytes");
        NS_TEST_EXPECT_MSG_EQ(h.Hazardous(), false, "real bytes first: safe");

        // A trailer on a zero-filled payload: the layout the fast path mishandles.
        Ptr<Packet> trailed = Create<Packet>(100);
        EspTrailer trailer;
        trailer.SetIcvLength(0);
        trailed->AddTrailer(trailer);
        BufferLayout t = LayoutOf(trailed);
        NS_TEST_EXPECT_MSG_EQ(t.before, 0, "nothing before the zero area");
        NS_TEST_EXPECT_MSG_EQ(t.zeros, 100, "the payload's 100 virtual bytes");
        NS_TEST_EXPECT_MSG_EQ(t.after, 2, "the trailer's pad length and next header after");
        NS_TEST_EXPECT_MSG_EQ(t.Hazardous(), true, "zero area, then real bytes: hazardous");

        // A fragment from inside the zero area of a headed packet to past its end.
        Ptr<Packet> framed = Create<Packet>(100);
        framed->AddHeader(EspHeader());
        framed->AddAtEnd(Create<Packet>(bytes, sizeof(bytes)));
        // Packet::AddAtEnd of real bytes copies the destination out in full (ns-3's slow path):
        // the zero area is gone.
        NS_TEST_EXPECT_MSG_EQ(LayoutOf(framed).zeros, 0, "AddAtEnd materialised the zeros");
        Ptr<Packet> sparse = Create<Packet>(100);
        sparse->AddHeader(EspHeader());
        sparse->AddTrailer(trailer);
        BufferLayout f = LayoutOf(sparse->CreateFragment(50, 60));
        NS_TEST_EXPECT_MSG_EQ(f.zeros, 58, "the fragment's last 58 of the 100 zeros");
        NS_TEST_EXPECT_MSG_EQ(f.after, 2, "then the trailer");
        NS_TEST_EXPECT_MSG_EQ(f.Hazardous(), true, "a fragment can be hazardous too");

        // The module's ESP packet (EspSecurityAssociation::Encapsulate: the IV from bytes, the
        // inner packet appended, the trailer added). An inner IP packet begins with its header,
        // so appending it copies out its zeros (the slow path); a bare zero-filled payload takes
        // the fast path with no bytes after the zeros and stays virtual, behind the real IV.
        Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
        std::string error;
        sa->Configure(0x1000, "aes-gcm-16", 64, error);
        Ptr<Packet> inner = Create<Packet>(100);
        inner->AddHeader(Ipv4Header());
        Ptr<Packet> esp = sa->Encapsulate(inner, 4);
        NS_TEST_ASSERT_MSG_NE(esp, nullptr, "the SA encapsulated");
        NS_TEST_EXPECT_MSG_EQ(LayoutOf(esp).zeros, 0, "an inner IP packet's zeros copied out");
        Ptr<Packet> bare = sa->Encapsulate(Create<Packet>(100), 4);
        NS_TEST_ASSERT_MSG_NE(bare, nullptr, "the SA encapsulated");
        BufferLayout b = LayoutOf(bare);
        // ESP header 8 and IV 8 (aes-gcm-16) before; the 100 zeros; pad, pad length, next
        // header and the 16-byte ICV after (RFC 4303 section 2).
        NS_TEST_EXPECT_MSG_EQ(b.before, 16, "ESP header and IV before");
        NS_TEST_EXPECT_MSG_EQ(b.zeros, 100, "a bare payload's zeros stay virtual");
        NS_TEST_EXPECT_MSG_EQ(b.Hazardous(), false, "behind real bytes: safe");
    }
};

/**
 * \ingroup vpn
 * Every message a carrier sends or receives (the "Tx" and "Rx" traces of both ends) in a tunnel
 * carrying zero-filled UDP payloads both ways: none has the layout Buffer::AddAtEnd mishandles.
 * The sanitizer build (./vpnlab sanitize) runs this too, so an overflow on any of these paths
 * would also be an ASan report.
 */
class CarrierMessageLayoutTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param carrier a carrier name
     * \param tls13 for anyconnect: TlsVersion tls1.3
     */
    CarrierMessageLayoutTestCase(const std::string& carrier, bool tls13)
        : SimulatorTestCase(carrier + (tls13 ? " (TLS 1.3)" : "") +
                            ": no message has a zero area with bytes after it"),
          m_carrier(carrier),
          m_tls13(tls13)
    {
    }

  private:
    /** What the traces saw. */
    struct Seen
    {
        uint64_t messages{0};          //!< messages read
        uint64_t unread{0};            //!< Packet::Serialize failed
        uint64_t hazardous{0};         //!< zero area first, real bytes after
        uint64_t payloads{0};          //!< WAN transport payloads read
        uint64_t hazardousPayloads{0}; //!< of those, zero area first, real bytes after
    };

    /**
     * \param seen the counts
     * \param message a carrier's message
     * (its kind is not needed)
     */
    static void Check(Seen* seen, Ptr<const Packet> message, VpnCarrier::MessageKind /* kind */)
    {
        const BufferLayout layout = LayoutOf(message);
        ++seen->messages;
        seen->unread += layout.read ? 0 : 1;
        seen->hazardous += layout.Hazardous() ? 1 : 0;
    }

    /**
     * A packet a WAN device received: its transport payload (what ns-3's TCP receive buffer, the
     * UDP socket and the module's stream framer append or hand on).
     * \param seen the counts
     * \param frame the point-to-point frame
     */
    static void CheckWire(Seen* seen, Ptr<const Packet> frame)
    {
        Ptr<Packet> p = frame->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        p->RemoveHeader(ppp);
        p->RemoveHeader(ip);
        if (ip.GetProtocol() == TcpL4Protocol::PROT_NUMBER)
        {
            TcpHeader tcp;
            p->RemoveHeader(tcp);
        }
        else if (ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
        {
            UdpHeader udp;
            p->RemoveHeader(udp);
        }
        ++seen->payloads;
        seen->hazardousPayloads += LayoutOf(p).Hazardous() ? 1 : 0;
    }

    void DoRun() override
    {
        const bool tls13 = m_tls13;
        TunnelTopology t(m_carrier, [tls13](VpnHelper& vpn) {
            if (tls13)
            {
                vpn.SetCarrierAttribute("TlsVersion", StringValue("tls1.3"));
            }
        });
        // 100 datagrams each way, 10 ms apart from 0.5 s: UdpClient's payloads are zero-filled
        // (virtual) behind its 12-byte sequence header.
        Ptr<UdpServer> sink = t.UdpToClient(100, MilliSeconds(10), Seconds(0.5));
        t.UdpToServer(100, MilliSeconds(10), Seconds(0.5));
        Seen seen;
        for (const auto& end : {t.client, t.headend})
        {
            for (const char* trace : {"Tx", "Rx"})
            {
                end->GetCarrier()->TraceConnectWithoutContext(trace,
                                                              MakeBoundCallback(&Check, &seen));
            }
        }
        for (uint32_t i = 0; i < t.wan.GetN(); ++i)
        {
            t.wan.Get(i)->TraceConnectWithoutContext("PhyRxEnd",
                                                     MakeBoundCallback(&CheckWire, &seen));
        }
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Simulator::Destroy();

        // The WAN loses nothing: all 100 arrive, so each end sent and received at least 100
        // DATA messages.
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 100, "every datagram reached the client");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(seen.messages, 400, "each of 200 messages sent and received");
        NS_TEST_EXPECT_MSG_EQ(seen.unread, 0, "every layout read");
        NS_TEST_EXPECT_MSG_EQ(seen.hazardous, 0, "no message with a zero area first");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(seen.payloads, 200, "the 200 datagrams' outer packets");
        NS_TEST_EXPECT_MSG_EQ(seen.hazardousPayloads, 0, "no transport payload either");
    }

    std::string m_carrier; //!< the carrier
    bool m_tls13;          //!< anyconnect over TLS 1.3
};

/**
 * \ingroup vpn
 * The buffer layout suite.
 */
class BufferLayoutTestSuite : public TestSuite
{
  public:
    BufferLayoutTestSuite()
        : TestSuite("vpn-buffer-layout", TestSuite::Type::UNIT)
    {
        AddTestCase(new BufferLayoutReadTestCase());
        for (const std::string& carrier : VpnHelper::CarrierNames())
        {
            AddTestCase(new CarrierMessageLayoutTestCase(carrier, false));
        }
        AddTestCase(new CarrierMessageLayoutTestCase("anyconnect", true));
    }
};

/// The suite's one instance.
static BufferLayoutTestSuite g_bufferLayoutTestSuite;
