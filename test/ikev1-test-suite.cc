/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IKEv1 (Ikev1Message, Ikev1ControlPlane): the ISAKMP header to the byte, malformed messages
 * refused, and the Cisco VPN Client's exchange over cisco-udp: its twelve messages, the waiting
 * side's retransmission, repeats answered from what answered them, and malformed input counted
 * and dropped. What tshark reads is in the tunnel and cTCP wire suites.
 */

#include "packet-hex.h"
#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * \param size message size
 * \param encrypted set the E flag
 * \return a Quick Mode 1-like message with fixed fields
 */
Ikev1Message
Sample(uint32_t size, bool encrypted)
{
    Ikev1Message m;
    m.SetInitiatorCookie(0x0102030405060708ULL);
    m.SetResponderCookie(encrypted ? 0x1112131415161718ULL : 0);
    m.SetExchangeType(encrypted ? Ikev1Message::QUICK_MODE : Ikev1Message::AGGRESSIVE);
    m.SetFlags(encrypted ? Ikev1Message::FLAG_ENCRYPTION : 0);
    m.SetMessageId(encrypted ? 0xdeadbeef : 0);
    m.SetKind(1);
    m.SetValue(encrypted ? 0x00001234 : 0);
    m.SetInnerAddress(encrypted ? Ipv4Address("10.8.0.2") : Ipv4Address::GetAny());
    m.SetMessageSize(size);
    return m;
}

/**
 * \param m a message
 * \return it serialized
 */
Ptr<Packet>
Wire(const Ikev1Message& m)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(m);
    return p;
}

} // namespace

/**
 * \ingroup vpn
 * The ISAKMP header and body to the byte (RFC 2408 section 3.1): cookies, next payload (Nonce 10
 * in clear, HASH 8 when encrypted), version 0x10, exchange type, flags, message ID, length; in
 * clear one generic payload header whose length fills the message; and the round trip.
 */
class Ikev1MessageBytesTestCase : public TestCase
{
  public:
    Ikev1MessageBytesTestCase()
        : TestCase("Ikev1Message: exact bytes in clear and encrypted, and back")
    {
    }

  private:
    void DoRun() override
    {
        // Aggressive Mode 1, 48 bytes: header, Nonce payload of 20 (its 4-byte header, then
        // kind 1, reserved, value 0, address 0.0.0.0, 4 filler bytes).
        NS_TEST_EXPECT_MSG_EQ(PacketHex(Wire(Sample(48, false))),
                              "0102030405060708"
                              "0000000000000000"
                              "0a100400"
                              "00000000"
                              "00000030"
                              "00000014"
                              "00010000000000000000000000000000",
                              "Aggressive Mode in clear");
        // Quick Mode, 44 bytes, E flag: HASH next, no clear payload header; SPI 0x1234 and
        // 10.8.0.2 in the body that stands for the encrypted payloads.
        NS_TEST_EXPECT_MSG_EQ(PacketHex(Wire(Sample(44, true))),
                              "0102030405060708"
                              "1112131415161718"
                              "08102001"
                              "deadbeef"
                              "0000002c"
                              "00010000000012340a08000200000000",
                              "Quick Mode encrypted");

        for (bool encrypted : {false, true})
        {
            Ptr<Packet> p = Wire(Sample(300, encrypted));
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 300, "the size is the length field");
            NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(p), true, "well formed");
            Ikev1Message back;
            p->RemoveHeader(back);
            NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 0, "all of it read");
            NS_TEST_EXPECT_MSG_EQ(back.GetInitiatorCookie(), 0x0102030405060708ULL, "CKY-I");
            NS_TEST_EXPECT_MSG_EQ(back.IsEncrypted(), encrypted, "E flag");
            NS_TEST_EXPECT_MSG_EQ(back.GetMessageId(), (encrypted ? 0xdeadbeef : 0), "ID");
            NS_TEST_EXPECT_MSG_EQ(back.GetKind(), 1, "kind");
            NS_TEST_EXPECT_MSG_EQ(back.GetValue(), (encrypted ? 0x1234 : 0), "SPI");
            NS_TEST_EXPECT_MSG_EQ(back.GetInnerAddress(),
                                  (encrypted ? Ipv4Address("10.8.0.2") : Ipv4Address::GetAny()),
                                  "inner address");
        }
        Ikev1Message small;
        small.SetMessageSize(10);
        NS_TEST_EXPECT_MSG_EQ(small.GetMessageSize(), Ikev1Message::MIN_SIZE, "never below 44");
    }
};

/**
 * \ingroup vpn
 * IsWellFormed refuses what Deserialize could not read safely: too short, an IKEv2 version
 * byte, a length field that is not the message's, a clear payload that does not fill it.
 */
class Ikev1MessageMalformedTestCase : public TestCase
{
  public:
    Ikev1MessageMalformedTestCase()
        : TestCase("Ikev1Message: short, wrong version, wrong lengths refused")
    {
    }

  private:
    /**
     * \param p a message
     * \param offset a byte
     * \param value its new value
     * \return a copy with the byte changed
     */
    static Ptr<Packet> Patch(Ptr<const Packet> p, uint32_t offset, uint8_t value)
    {
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        b[offset] = value;
        return Create<Packet>(b.data(), b.size());
    }

    void DoRun() override
    {
        Ptr<Packet> clear = Wire(Sample(64, false));
        Ptr<Packet> encrypted = Wire(Sample(64, true));
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(clear), true, "the base case");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Create<Packet>(43)), false, "43 bytes");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 17, 0x20)),
                              false,
                              "version 2.0 is IKEv2");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 27, 65)),
                              false,
                              "length field one more than the bytes");
        Ptr<Packet> longer = clear->Copy();
        longer->AddAtEnd(Create<Packet>(1));
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(longer), false, "a byte past the length");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(clear, 31, 35)),
                              false,
                              "clear payload length short of the message");
        NS_TEST_EXPECT_MSG_EQ(Ikev1Message::IsWellFormed(Patch(encrypted, 31, 35)),
                              true,
                              "encrypted: no clear payload header to check");
    }
};

/**
 * \ingroup vpn
 * The Cisco VPN Client's exchange over cisco-udp, counted on the carriers' Tx traces: the client
 * sends seven messages (Aggressive 1 and 3, XAUTH REPLY and ACK, Mode-Config REQUEST, Quick Mode
 * 1 and 3), the headend five; both end Up, and traffic flows both ways. Then the same with the
 * headend's first Quick Mode 2 lost: the headend, waiting for Quick Mode 3, sends Quick Mode 2
 * again after IkeRetransmitTimeout (2 s), and so does nothing else: the client, waiting too,
 * sends Quick Mode 1 again after its own 2 s, which the headend answers from what it kept.
 */
class Ikev1ExchangeTestCase : public SimulatorTestCase
{
  public:
    /** \param loseQuickMode2 drop the headend's first Quick Mode 2 */
    explicit Ikev1ExchangeTestCase(bool loseQuickMode2)
        : SimulatorTestCase(loseQuickMode2
                                ? "IKEv1 over cisco-udp: a lost Quick Mode 2 is sent again"
                                : "IKEv1 over cisco-udp: twelve messages, then Up"),
          m_lose(loseQuickMode2)
    {
    }

  private:
    /// One IKE message seen on a carrier's Tx trace.
    struct Sent
    {
        Time at;         //!< when
        uint32_t type;   //!< exchange type
        uint32_t kind;   //!< kind within it
        uint32_t flags;  //!< ISAKMP flags
        uint32_t length; //!< bytes
    };

    /**
     * Record the IKE messages a carrier sends.
     * \param carrier the carrier
     * \param log where
     */
    static void Record(Ptr<VpnCarrier> carrier, std::vector<Sent>* log)
    {
        carrier->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(
                +[](std::vector<Sent>* v, Ptr<const Packet> p, VpnCarrier::MessageKind kind) {
                    if (kind != VpnCarrier::CONTROL)
                    {
                        return;
                    }
                    Ikev1Message m;
                    p->PeekHeader(m);
                    v->push_back({Simulator::Now(),
                                  m.GetExchangeType(),
                                  m.GetKind(),
                                  m.GetFlags(),
                                  p->GetSize()});
                },
                log));
    }

    void DoRun() override
    {
        TunnelTopology t("cisco-udp");
        std::vector<Sent> client;
        std::vector<Sent> headend;
        Record(t.client->GetCarrier(), &client);
        Record(t.headend->GetCarrier(), &headend);
        if (m_lose)
        {
            // The client's WAN device receives, in order: Aggressive 2, XAUTH REQUEST, XAUTH
            // SET, Mode-Config REPLY, Quick Mode 2 (packet uid order is not needed: the list
            // counts received packets, and the client receives nothing else before Up).
            Ptr<ReceiveListErrorModel> drop = CreateObject<ReceiveListErrorModel>();
            drop->SetList({4});
            t.wan.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(drop));
        }
        Ptr<UdpServer> sink = t.UdpToClient(10, MilliSeconds(100), Seconds(6));
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        // (exchange type, kind) of each message the client sends, in order.
        std::string clientFlow;
        for (const auto& s : client)
        {
            clientFlow += std::to_string(s.type) + "/" + std::to_string(s.kind) + " ";
        }
        std::string headendFlow;
        for (const auto& s : headend)
        {
            headendFlow += std::to_string(s.type) + "/" + std::to_string(s.kind) + " ";
        }
        if (!m_lose)
        {
            NS_TEST_EXPECT_MSG_EQ(clientFlow, "4/1 4/3 6/2 6/4 6/1 32/1 32/3 ", "client's seven");
            NS_TEST_EXPECT_MSG_EQ(headendFlow, "4/2 6/1 6/3 6/2 32/2 ", "headend's five");
            // Only Aggressive 1 (842 bytes, clear) and 2 travel without the E flag.
            NS_TEST_ASSERT_MSG_EQ(client.size(), 7, "seven");
            NS_TEST_EXPECT_MSG_EQ(client[0].flags, 0, "Aggressive 1 in clear");
            NS_TEST_EXPECT_MSG_EQ(client[0].length, 842, "Ikev1AggressiveInitSize");
            NS_TEST_EXPECT_MSG_EQ(client[1].flags, Ikev1Message::FLAG_ENCRYPTION, "then E");
            NS_TEST_EXPECT_MSG_EQ(client[6].length, 60, "Ikev1QuickModeFinalSize");
        }
        else
        {
            // Quick Mode 2 lost: the headend repeats it 2 s after the first; the client
            // repeats Quick Mode 1 2 s after it, which the headend answers with the same
            // Quick Mode 2 from what it kept; the client then sends Quick Mode 3 for the first
            // of them to arrive and once more for the second (the answer it kept).
            NS_TEST_EXPECT_MSG_EQ(clientFlow,
                                  "4/1 4/3 6/2 6/4 6/1 32/1 32/1 32/3 32/3 ",
                                  "client repeats Quick Mode 1, answers both Quick Mode 2");
            NS_TEST_EXPECT_MSG_EQ(headendFlow,
                                  "4/2 6/1 6/3 6/2 32/2 32/2 32/2 ",
                                  "headend repeats Quick Mode 2 and answers the repeat");
        }
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "client Up");
        NS_TEST_EXPECT_MSG_EQ(t.headend->GetUpSessionCount(), 1, "headend Up");
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 10, "the headend reaches the client");
        Simulator::Destroy();
    }

    bool m_lose; //!< drop the first Quick Mode 2
};

/**
 * \ingroup vpn
 * Malformed IKEv1 at a headend is counted and dropped with a reason, never a crash: a runt, an
 * IKEv2 header, a length field that lies, an unknown exchange type, a Quick Mode for a cookie the
 * headend never saw. The established tunnel lives on.
 */
class Ikev1MalformedInputTestCase : public SimulatorTestCase
{
  public:
    Ikev1MalformedInputTestCase()
        : SimulatorTestCase("IKEv1 headend counts and drops malformed and unknown messages")
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("cisco-udp");
        Ptr<Socket> socket = Socket::CreateSocket(t.nodes.Get(0), UdpSocketFactory::GetTypeId());
        socket->Bind();
        socket->Connect(InetSocketAddress(Ipv4Address("172.16.0.2"), 500));

        Ikev1Message unknownExchange = Sample(64, true);
        unknownExchange.SetExchangeType(static_cast<Ikev1Message::ExchangeType>(99));
        Ptr<Packet> ikev2 = Wire(Sample(64, false));
        std::vector<uint8_t> b(ikev2->GetSize());
        ikev2->CopyData(b.data(), b.size());
        b[17] = 0x20;
        std::vector<uint8_t> lie(b);
        lie[17] = 0x10;
        lie[27] = 200;
        const std::vector<Ptr<Packet>> bad = {Create<Packet>(20),
                                              Create<Packet>(b.data(), b.size()),
                                              Create<Packet>(lie.data(), lie.size()),
                                              Wire(unknownExchange),
                                              Wire(Sample(64, true))};
        Simulator::Schedule(Seconds(2), [socket, bad]() {
            for (const auto& p : bad)
            {
                socket->Send(p->Copy());
            }
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("ike-malformed"),
                              3,
                              "runt, version 2.0, lying length");
        NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("ike-unknown-exchange"), 1, "type 99");
        NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("ike-unknown-spi"),
                              1,
                              "Quick Mode of a cookie never seen");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "the tunnel lives on");
        NS_TEST_EXPECT_MSG_EQ(t.headend->GetUpSessionCount(), 1, "one session, still Up");
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * RFC 3706 DPD on an idle IKEv1 tunnel over cisco-udp: each R-U-THERE (an encrypted
 * Informational exchange with a new non-zero message ID) is answered by an R-U-THERE-ACK with
 * the same sequence number in an exchange of its own, the prober's next R-U-THERE counts one up,
 * and the tunnel stays Up for 100 s with no data at all (an ACK with another number is ignored;
 * here each end's own R-U-THERE, which the other receives, would still keep it alive).
 */
class Ikev1DpdTestCase : public SimulatorTestCase
{
  public:
    Ikev1DpdTestCase()
        : SimulatorTestCase(
              "IKEv1 DPD: R-U-THERE answered by R-U-THERE-ACK, same sequence, stays Up")
    {
    }

  private:
    /// One DPD message sent.
    struct Probe
    {
        bool fromClient;    //!< sender
        uint32_t kind;      //!< 36136 or 36137
        uint32_t sequence;  //!< the sequence number
        uint32_t messageId; //!< its message ID
        uint32_t flags;     //!< ISAKMP flags
    };

    /**
     * Record the DPD messages a carrier sends.
     * \param carrier the carrier
     * \param fromClient whether it is the client's
     * \param log where
     */
    static void Record(Ptr<VpnCarrier> carrier, bool fromClient, std::vector<Probe>* log)
    {
        carrier->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(
                +[](bool client,
                    std::vector<Probe>* v,
                    Ptr<const Packet> p,
                    VpnCarrier::MessageKind kind) {
                    Ikev1Message m;
                    if (kind != VpnCarrier::CONTROL || !p->PeekHeader(m) ||
                        m.GetExchangeType() != Ikev1Message::INFORMATIONAL)
                    {
                        return;
                    }
                    v->push_back(
                        {client, m.GetKind(), m.GetValue(), m.GetMessageId(), m.GetFlags()});
                },
                fromClient,
                log));
    }

    void DoRun() override
    {
        TunnelTopology t("cisco-udp");
        std::vector<Probe> sent;
        Record(t.client->GetCarrier(), true, &sent);
        Record(t.headend->GetCarrier(), false, &sent);
        Simulator::Stop(Seconds(100));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "client still Up");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "no failure");
        NS_TEST_EXPECT_MSG_EQ(t.headend->GetUpSessionCount(), 1, "headend still Up");
        uint32_t questions = 0;
        uint32_t answered = 0;
        uint32_t lastSequence[2] = {0, 0};
        for (size_t i = 0; i < sent.size(); ++i)
        {
            const Probe& p = sent[i];
            NS_TEST_EXPECT_MSG_EQ(p.flags, Ikev1Message::FLAG_ENCRYPTION, "encrypted");
            NS_TEST_EXPECT_MSG_NE(p.messageId, 0, "a phase-2 message ID");
            if (p.kind != Ikev1Message::R_U_THERE)
            {
                continue;
            }
            ++questions;
            uint32_t& last = lastSequence[p.fromClient ? 1 : 0];
            if (last != 0)
            {
                NS_TEST_EXPECT_MSG_EQ(p.sequence, last + 1, "the next R-U-THERE counts one up");
            }
            last = p.sequence;
            for (size_t j = i + 1; j < sent.size(); ++j)
            {
                if (sent[j].fromClient != p.fromClient &&
                    sent[j].kind == Ikev1Message::R_U_THERE_ACK && sent[j].sequence == p.sequence)
                {
                    NS_TEST_EXPECT_MSG_NE(sent[j].messageId, p.messageId, "its own exchange");
                    ++answered;
                    break;
                }
            }
        }
        // Both ends probe: each idle timer runs 30 s from the last packet received, the two
        // R-U-THEREs cross on the wire, each is answered, and each answer restarts the
        // other's timer. Up at about 0.3 s, probes at about 30.3, 60.3 and 90.3 s: three
        // rounds of two in 100 s.
        NS_TEST_EXPECT_MSG_EQ(questions, 6, "three rounds, both ends");
        NS_TEST_EXPECT_MSG_EQ(answered, questions, "every R-U-THERE answered, its number echoed");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetDpdProbes(), 3, "the client's three");
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * The IKEv1 suite.
 */
class Ikev1TestSuite : public TestSuite
{
  public:
    Ikev1TestSuite()
        : TestSuite("vpn-ikev1", TestSuite::Type::UNIT)
    {
        AddTestCase(new Ikev1MessageBytesTestCase);
        AddTestCase(new Ikev1MessageMalformedTestCase);
        AddTestCase(new Ikev1ExchangeTestCase(false));
        AddTestCase(new Ikev1ExchangeTestCase(true));
        AddTestCase(new Ikev1MalformedInputTestCase);
        AddTestCase(new Ikev1DpdTestCase);
    }
};

/// The one instance of the suite.
static Ikev1TestSuite g_ikev1TestSuite;
