/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One crafted packet injected into a running tunnel (issue 16): a forged ESP packet, a NAT-T
 * runt or forgery from another port, a blind cTCP RST. Each case runs the same tunnel with and
 * without the injection and asserts that the drop is counted under its reason and that nothing else
 * changed.
 */

#include "ctcp-test-helpers.h"
#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The client's WAN address in the tunnel bed.
const Ipv4Address CLIENT_WAN("172.16.0.1");
/// The headend's WAN address in the tunnel bed.
const Ipv4Address HEADEND_WAN("172.16.0.2");
/// RFC 3948: NAT-T's UDP port.
constexpr uint16_t NATT_PORT = 4500;
/// The port a forger (or a rebinding NAT) sends from.
constexpr uint16_t OTHER_PORT = 4501;

/**
 * The node's attacker (VpnAttacker), installed on first use.
 * \param node the node
 * \return its attacker
 */
Ptr<VpnAttacker>
AttackerOn(Ptr<Node> node)
{
    Ptr<VpnAttacker> attacker = node->GetObject<VpnAttacker>();
    if (!attacker)
    {
        attacker = CreateObject<VpnAttacker>();
        std::string error;
        NS_ABORT_MSG_UNLESS(attacker->Install(node, error), error);
    }
    return attacker;
}

/**
 * Originate a crafted IPv4 datagram from a node with any source address (VpnAttacker::InjectIp).
 * \param node the sending node
 * \param source the source address written into the IPv4 header
 * \param destination the destination
 * \param protocol the IPv4 protocol (17 UDP, 50 ESP, 6 TCP)
 * \param payload what follows the IPv4 header
 */
void
InjectIp(Ptr<Node> node,
         Ipv4Address source,
         Ipv4Address destination,
         uint8_t protocol,
         Ptr<Packet> payload)
{
    AttackerOn(node)->InjectIp(source, destination, protocol, payload);
}

/**
 * Originate a crafted UDP datagram (VpnAttacker::InjectUdp).
 * \param node the sending node
 * \param source the source address
 * \param sourcePort the source port
 * \param destination the destination
 * \param destinationPort the destination port
 * \param payload the UDP payload
 */
void
InjectUdp(Ptr<Node> node,
          Ipv4Address source,
          uint16_t sourcePort,
          Ipv4Address destination,
          uint16_t destinationPort,
          Ptr<Packet> payload)
{
    AttackerOn(node)->InjectUdp(source, sourcePort, destination, destinationPort, payload);
}

/**
 * A genuine ESP packet whose sequence number was raised: either an edited copy (its packet tags,
 * the emulated ICV among them, copied too) or the same bytes in a new packet (no tags: what an
 * attacker who builds packets from bytes sends).
 * \param esp the genuine ESP packet
 * \param by how much to raise it
 * \param fromBytes true for a new packet from the edited bytes
 * \return the forgery
 */
Ptr<Packet>
RaiseEspSequence(Ptr<const Packet> esp, uint32_t by, bool fromBytes)
{
    EspHeader header;
    esp->PeekHeader(header);
    Ptr<Packet> forged = VpnAttacker::EditEspSequence(esp, header.GetSequenceNumber() + by);
    return fromBytes ? VpnAttacker::FromBytes(forged) : forged;
}

/**
 * Keep a copy of every DATA message (ESP) a carrier sends, the last one in \p last.
 * \param carrier the carrier
 * \param last where the copy goes
 */
void
RecordLastEsp(Ptr<VpnCarrier> carrier, Ptr<Packet>* last)
{
    carrier->TraceConnectWithoutContext(
        "Tx",
        MakeBoundCallback(
            +[](Ptr<Packet>* out, Ptr<const Packet> message, VpnCarrier::MessageKind kind) {
                if (kind == VpnCarrier::DATA)
                {
                    *out = message->Copy();
                }
            },
            last));
}

/// 2^20: the forged sequence number's lead over the genuine one (issue 16).
constexpr uint32_t FORGED_LEAD = 1U << 20;

} // namespace

/**
 * \ingroup vpn
 * ESP integrity (RFC 4303 sections 3.4.3-3.4.4): at t = 1 s the headend's last genuine ESP
 * packet, its sequence number raised by 2^20, is sent again from the headend's address to the
 * client. The client must reject it at the ICV check (icv-failed) before the replay window moves,
 * so every later genuine packet is delivered exactly as in the run without the injection, and
 * the tunnel stays Up.
 */
class EspForgedSequenceTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param carrier esp (IP 50) or natt (UDP 4500)
     * \param fromBytes forge from bytes (no tag) rather than edit a copy (tag kept)
     */
    EspForgedSequenceTestCase(const std::string& carrier, bool fromBytes)
        : SimulatorTestCase(carrier + ": a forged ESP packet (" +
                            (fromBytes ? "built from bytes" : "an edited copy") +
                            ") with sequence + 2^20 fails the ICV check and changes nothing"),
          m_carrier(carrier),
          m_fromBytes(fromBytes)
    {
    }

  private:
    /** What one run saw. */
    struct Outcome
    {
        uint64_t delivered{0}; //!< inner datagrams the client received
        uint64_t icvFailed{0}; //!< the client's icv-failed drops
        uint64_t drops{0};     //!< the client's drops, all reasons
        bool up{false};        //!< the client is Up at the end
        bool injected{false};  //!< a genuine packet was there to copy
        uint64_t failures{0};  //!< the client's failures
    };

    /**
     * \param inject whether to inject the forgery
     * \return the outcome
     */
    Outcome Run(bool inject)
    {
        Outcome o;
        {
            TunnelTopology t(m_carrier);
            // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
            Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
            Ptr<Packet> last;
            RecordLastEsp(t.headend->GetCarrier(), &last);
            if (inject)
            {
                Ptr<Node> headend = t.nodes.Get(1);
                const bool natt = m_carrier == "natt";
                const bool fromBytes = m_fromBytes;
                Simulator::Schedule(Seconds(1), [headend, natt, fromBytes, &last, &o]() {
                    if (!last)
                    {
                        return;
                    }
                    o.injected = true;
                    Ptr<Packet> forged = RaiseEspSequence(last, FORGED_LEAD, fromBytes);
                    if (natt)
                    {
                        InjectUdp(headend, HEADEND_WAN, NATT_PORT, CLIENT_WAN, NATT_PORT, forged);
                    }
                    else
                    {
                        InjectIp(headend, HEADEND_WAN, CLIENT_WAN, 50, forged);
                    }
                });
            }
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            o.delivered = sink->GetReceived();
            o.icvFailed = t.client->GetDropCount("icv-failed");
            o.drops = t.client->GetDropCount();
            o.up = t.client->GetState() == VpnTunnelEndpoint::UP;
            o.failures = t.client->GetFailureCount();
        }
        Simulator::Destroy();
        return o;
    }

    void DoRun() override
    {
        const Outcome clean = Run(false);
        const Outcome attacked = Run(true);
        // The tunnel is Up well before the first datagram at 0.5 s and the WAN loses nothing:
        // all 300 arrive.
        NS_TEST_EXPECT_MSG_EQ(clean.delivered, 300, "baseline: every datagram delivered");
        NS_TEST_EXPECT_MSG_EQ(clean.drops, 0, "baseline: no drop");
        NS_TEST_ASSERT_MSG_EQ(attacked.injected, true, "a genuine ESP packet was there to copy");
        // The one forgery, and nothing else, is an ICV failure.
        NS_TEST_EXPECT_MSG_EQ(attacked.icvFailed, 1, "the forgery is counted as icv-failed");
        NS_TEST_EXPECT_MSG_EQ(attacked.drops, 1, "and is the only drop");
        // The window did not move: every later genuine packet is delivered as without it.
        NS_TEST_EXPECT_MSG_EQ(attacked.delivered, clean.delivered, "same inner datagrams");
        NS_TEST_EXPECT_MSG_EQ(attacked.up, true, "the client is still Up");
        NS_TEST_EXPECT_MSG_EQ(attacked.failures, 0, "and never failed");
    }

    std::string m_carrier; //!< carrier under test
    bool m_fromBytes;      //!< forge from bytes, not an edited copy
};

/**
 * \ingroup vpn
 * NAT-T port learning (RFC 3948 section 3.5, RFC 7296 section 2.23): the headend follows the
 * client's source port only on an authenticated packet. From the client's address on port 4501 at
 * t = 1 s: a 1-byte runt (not the 0xFF keepalive), a 7-byte datagram (shorter than an ESP header),
 * or the client's last ESP with its sequence raised by 2^20, rebuilt from bytes; none may move the
 * port (nothing reaches port 4501 and the client gets every datagram). A NAT rebinding, every
 * genuine client ESP packet from 0.9 s on also sent from 4501 (ahead of the original, which then is
 * a replay), still moves it. The client's own datagrams stop at 0.99 s, so no genuine packet from
 * 4500 puts the port back after an injection; the rebinding starts at 0.9 s.
 */
class NattPortUpdateTestCase : public SimulatorTestCase
{
  public:
    /** What arrives from port 4501. */
    enum Injection
    {
        NONE,     //!< nothing: the baseline
        RUNT_1,   //!< one byte, 0x00
        RUNT_7,   //!< seven bytes, a non-zero "SPI"
        FORGED,   //!< the client's last ESP with sequence + 2^20
        REBINDING //!< every genuine client ESP from 0.9 s on, also from 4501
    };

    /** \param injection what to inject */
    explicit NattPortUpdateTestCase(Injection injection)
        : SimulatorTestCase(std::string("natt: the headend's view of the client's port after ") +
                            Name(injection)),
          m_injection(injection)
    {
    }

  private:
    /**
     * \param i an injection
     * \return its name in the test's title
     */
    static std::string Name(Injection i)
    {
        switch (i)
        {
        case NONE:
            return "nothing";
        case RUNT_1:
            return "a 1-byte runt from another port (stays)";
        case RUNT_7:
            return "a 7-byte runt from another port (stays)";
        case FORGED:
            return "a forged ESP from another port (stays)";
        case REBINDING:
            return "genuine ESP from another port (moves)";
        }
        return "";
    }

    void DoRun() override
    {
        TunnelTopology t("natt");
        Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
        // The client sends too, so that genuine client ESP exists to copy, and stops at 0.99 s:
        // no genuine packet from port 4500 after the injection puts the port back.
        t.UdpToServer(50, MilliSeconds(10), Seconds(0.5));
        Ptr<Node> client = t.nodes.Get(0);

        // Port 4501 on the client: where a headend that moved the port sends.
        Ptr<Socket> other = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
        other->Bind(InetSocketAddress(Ipv4Address::GetAny(), OTHER_PORT));
        uint64_t atOtherPort = 0;
        other->SetRecvCallback(MakeBoundCallback(
            +[](uint64_t* n, Ptr<Socket> s) {
                while (s->Recv())
                {
                    ++*n;
                }
            },
            &atOtherPort));

        Ptr<Packet> last;
        RecordLastEsp(t.client->GetCarrier(), &last);
        const Injection injection = m_injection;
        if (injection == REBINDING)
        {
            t.client->GetCarrier()->TraceConnectWithoutContext(
                "Tx",
                MakeBoundCallback(
                    +[](Ptr<Node> node, Ptr<const Packet> message, VpnCarrier::MessageKind kind) {
                        if (kind == VpnCarrier::DATA && Simulator::Now() >= Seconds(0.9))
                        {
                            InjectUdp(node,
                                      CLIENT_WAN,
                                      OTHER_PORT,
                                      HEADEND_WAN,
                                      NATT_PORT,
                                      message->Copy());
                        }
                    },
                    client));
        }
        else if (injection != NONE)
        {
            Simulator::Schedule(Seconds(1), [client, injection, &last]() {
                Ptr<Packet> payload;
                if (injection == RUNT_1)
                {
                    const uint8_t zero = 0;
                    payload = Create<Packet>(&zero, 1);
                }
                else if (injection == RUNT_7)
                {
                    const uint8_t bytes[7] = {0, 0, 1, 0, 0, 0, 1};
                    payload = Create<Packet>(bytes, sizeof(bytes));
                }
                else if (last)
                {
                    payload = RaiseEspSequence(last, FORGED_LEAD, true);
                }
                if (payload)
                {
                    InjectUdp(client, CLIENT_WAN, OTHER_PORT, HEADEND_WAN, NATT_PORT, payload);
                }
            });
        }
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        Ptr<VpnCarrier> headendCarrier = t.headend->GetCarrier();
        if (injection == REBINDING)
        {
            // The first rebound packet (the client's datagram of 0.90 s) reaches the headend at
            // about 0.921 s (20 ms WAN plus serialisation); from then on the headend answers on
            // 4501. The client's carrier on 4500 got the server's first 42 datagrams (sent from
            // 0.5 s, 10 ms apart, through 0.91 s); the other 258 go to 4501, and so do the 10
            // ICMP port-unreachables the server returns for the client's datagrams of 0.90 to
            // 0.99 s (the server has no socket on 6001): 258 + 10 = 268.
            NS_TEST_EXPECT_MSG_EQ(atOtherPort, 268, "a genuine packet moved the port");
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 42, "the old port heard the first 42");
            // Each of those 10 originals from 4500 arrives after its rebound copy: a replay,
            // which moves nothing back.
            NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("replay"), 10, "10 originals");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(atOtherPort, 0, "nothing was sent to the forger's port");
            // As in the baseline: all 300 datagrams.
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300, "every datagram reached the client");
        }
        if (injection == RUNT_1)
        {
            NS_TEST_EXPECT_MSG_EQ(
                DynamicCast<UdpEncapCarrier>(headendCarrier)->GetKeepalivesReceived(),
                0,
                "0x00 is no keepalive");
        }
        if (injection == RUNT_7)
        {
            NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("truncated"), 1, "shorter than ESP's 8");
        }
        if (injection == FORGED)
        {
            NS_TEST_EXPECT_MSG_EQ(t.headend->GetDropCount("icv-failed"), 1, "the ICV refused it");
        }
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "the client is Up");
        Simulator::Destroy();
    }

    Injection m_injection; //!< what this case injects
};

/**
 * \ingroup vpn
 * A RST into a running cTCP tunnel (issue 16) at 1 s, from the headend's address and port 10000
 * to the client's connection, through the headend's own shim (queued behind every segment the
 * headend sent before, so the client has received them all when it arrives). Its sequence number
 * is the headend's SND.NXT (exact), SND.NXT + 1000 (in the window) or SND.NXT + 2^30 (blind).
 * RstPolicy any (the default) lets each end the tunnel; rfc5961 accepts only the exact one,
 * answers the in-window one with a challenge ACK and drops the blind one.
 */
class CtcpBlindRstTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param policy any or rfc5961
     * \param offset the RST's sequence number minus the headend's SND.NXT
     */
    CtcpBlindRstTestCase(const std::string& policy, uint32_t offset)
        : SimulatorTestCase("ctcp, RstPolicy " + policy + ": a RST at SND.NXT + " +
                            std::to_string(offset)),
          m_policy(policy),
          m_offset(offset)
    {
    }

  private:
    void DoRun() override
    {
        const std::string policy = m_policy;
        TunnelTopology t("ctcp", [policy](VpnHelper& vpn) {
            vpn.SetCarrierAttribute("RstPolicy", StringValue(policy));
        });
        Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
        std::vector<SentSegment> client;
        std::vector<SentSegment> headend;
        RecordSegments(CarrierOf(t, true), &client);
        RecordSegments(CarrierOf(t, false), &headend);
        std::vector<std::string> reasons;
        RecordDropReasons(t.client->GetCarrier(), &reasons);
        Ptr<CtcpL4Protocol> shim = t.nodes.Get(1)->GetObject<CtcpL4Protocol>();
        const uint32_t offset = m_offset;
        bool injected = false;
        Simulator::Schedule(Seconds(1), [&]() {
            if (client.empty() || headend.empty())
            {
                return;
            }
            const SentSegment& last = headend.back();
            CtcpL4Protocol::Segment rst;
            rst.sourcePort = last.sourcePort;
            rst.destinationPort = client.back().sourcePort;
            rst.sequence = last.seq + last.size + offset;
            rst.flags = TcpHeader::RST;
            shim->Send(Create<Packet>(), rst, HEADEND_WAN, CLIENT_WAN);
            injected = true;
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(injected, true, "the RST was sent");
        const bool kills = m_policy == "any" || m_offset == 0;
        Ptr<CtcpCarrier> carrier = CarrierOf(t, true);
        if (kills)
        {
            // The tunnel fails when the RST arrives (about 1.02 s, carrier-closed) and is not
            // back by 4 s (ReconnectDelay 5 s): only the 50 datagrams the server sent before
            // 1.00 s (from 0.5 s, 10 ms apart), which the headend forwarded ahead of the RST,
            // arrive.
            NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 1, "the RST ended the tunnel");
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 50, "the datagrams before it only");
            NS_TEST_EXPECT_MSG_EQ(reasons.size(), 0, "the RST was not dropped");
        }
        else
        {
            // 300 datagrams from 0.5 s, 10 ms apart: all delivered, the tunnel never failed.
            NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "the tunnel lives on");
            NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "Up");
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300, "every datagram delivered");
            NS_TEST_ASSERT_MSG_EQ(reasons.size(), 1, "the RST dropped");
            if (reasons.size() != 1)
            {
                return;
            }
            const bool inWindow = m_offset < 65535;
            NS_TEST_EXPECT_MSG_EQ(reasons[0],
                                  (inWindow ? "rst-challenged" : "rst-outside-window"),
                                  "by name");
            NS_TEST_EXPECT_MSG_EQ(carrier->GetChallengeAcksSent(),
                                  (inWindow ? 1 : 0),
                                  "one challenge ACK for the in-window RST");
        }
        Simulator::Destroy();
    }

    std::string m_policy; //!< RstPolicy
    uint32_t m_offset;    //!< SEG.SEQ - the headend's SND.NXT
};

/**
 * \ingroup vpn
 * The VpnAttacker against the ESP carriers (issue 16): esp (IP 50), natt (UDP 4500) and cisco-udp
 * (UDP 10000), and ctcp (ESP and its CtcpTrailer in the shim's TCP segment). The attacker sits on
 * the headend's node and taps the client's WAN device (VpnAttacker::Capture); at t = 1 s it takes
 * the last ESP packet the client received and replays it from bytes (RFC 4303 section 3.4.3: a
 * duplicate inside the window is "replay"), sends it cut by one byte (no longer a whole number of
 * 4-byte blocks, section 2.4: "truncated") or cut to 7 bytes (shorter than the 8-byte ESP header:
 * "truncated"), or floods 1000 forgeries from bytes with its SPI, its sequence number + 2^20 and
 * its size (the ICV check comes before the window moves, section 3.4.4: 1000 "icv-failed"). The
 * tunnel must carry every one of the 300 inner datagrams and stay Up, the one drop reason counting
 * exactly the injected packets. On ctcp the cut segments never reach ESP: the client's carrier
 * drops them under the cTCP framing's reason (the segment's data less one byte ends in no
 * well-formed trailer, its Protocol byte now a zero of the trailer's magic: "ctcp-bad-trailer"; 7
 * bytes are fewer than the trailer's 16: "ctcp-runt"), and ESP drops nothing.
 */
class AttackerEspTestCase : public SimulatorTestCase
{
  public:
    /** The attack. */
    enum Attack
    {
        REPLAY,          //!< the captured packet again
        TRUNCATE_BODY,   //!< the captured packet less its last byte
        TRUNCATE_HEADER, //!< the captured packet's first 7 bytes
        FLOOD            //!< 1000 forgeries at FloodRate (1000/s)
    };

    /**
     * \param carrier esp, natt or cisco-udp
     * \param attack the attack
     */
    AttackerEspTestCase(const std::string& carrier, Attack attack)
        : SimulatorTestCase(carrier + ": VpnAttacker " + Name(attack)),
          m_carrier(carrier),
          m_attack(attack)
    {
    }

  private:
    /**
     * \param a an attack
     * \return its name in the test's title
     */
    static std::string Name(Attack a)
    {
        switch (a)
        {
        case REPLAY:
            return "replays a captured ESP packet (replay)";
        case TRUNCATE_BODY:
            return "sends a captured ESP packet less one byte (truncated)";
        case TRUNCATE_HEADER:
            return "sends 7 bytes of a captured ESP packet (truncated)";
        case FLOOD:
            return "floods 1000 forged ESP packets (icv-failed)";
        }
        return "";
    }

    /**
     * \param a an attack
     * \param ctcp whether the carrier is ctcp
     * \return the drop reason of the client's carrier it must be counted under, "" for none (an
     *         ESP drop instead)
     */
    static std::string CarrierReason(Attack a, bool ctcp)
    {
        if (!ctcp)
        {
            return "";
        }
        switch (a)
        {
        case TRUNCATE_BODY:
            return "ctcp-bad-trailer";
        case TRUNCATE_HEADER:
            return "ctcp-runt";
        case REPLAY:
        case FLOOD:
            break;
        }
        return "";
    }

    /**
     * \param a an attack
     * \return the ESP drop reason it must be counted under
     */
    static std::string Reason(Attack a)
    {
        switch (a)
        {
        case REPLAY:
            return "replay";
        case TRUNCATE_BODY:
        case TRUNCATE_HEADER:
            return "truncated";
        case FLOOD:
            return "icv-failed";
        }
        return "";
    }

    void DoRun() override
    {
        TunnelTopology t(m_carrier);
        // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
        Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
        std::vector<std::string> carrierDrops;
        RecordDropReasons(t.client->GetCarrier(), &carrierDrops);
        Ptr<VpnAttacker> attacker = AttackerOn(t.nodes.Get(1));
        attacker->Capture(t.wan.Get(0));
        uint64_t injected = 0;
        attacker->TraceConnectWithoutContext(
            "Inject",
            MakeBoundCallback(
                +[](uint64_t* n, Ptr<const Packet>, Ipv4Address, Ipv4Address, uint8_t) { ++*n; },
                &injected));
        const Attack attack = m_attack;
        bool found = false;
        Simulator::Schedule(Seconds(1), [attacker, attack, &found]() {
            const std::vector<Ptr<const Packet>>& seen = attacker->GetCaptured();
            for (uint32_t i = seen.size(); i-- > 0;)
            {
                // The last ESP packet: IP 50, or UDP whose payload is longer than a NAT-T
                // keepalive and starts with a non-zero SPI (no non-ESP marker, RFC 3948 2.2).
                Ptr<Packet> p = seen[i]->Copy();
                Ipv4Header ip;
                p->RemoveHeader(ip);
                UdpHeader udp;
                TcpHeader tcp;
                if (ip.GetProtocol() == 17)
                {
                    p->RemoveHeader(udp);
                }
                else if (ip.GetProtocol() == 6)
                {
                    // cTCP: ESP, then the 16-byte CtcpTrailer, in the shim's segment.
                    p->RemoveHeader(tcp);
                    if (p->GetSize() <= CtcpTrailer::SIZE)
                    {
                        continue;
                    }
                }
                else if (ip.GetProtocol() != 50)
                {
                    continue;
                }
                EspHeader esp;
                if (p->GetSize() <= EspHeader::SIZE || (p->PeekHeader(esp), esp.GetSpi() == 0))
                {
                    continue;
                }
                found = true;
                switch (attack)
                {
                case REPLAY:
                    attacker->Resend(i);
                    break;
                case TRUNCATE_BODY:
                    attacker->Resend(i, p->GetSize() - 1);
                    break;
                case TRUNCATE_HEADER:
                    attacker->Resend(i, 7);
                    break;
                case FLOOD: {
                    const bool ctcp = ip.GetProtocol() == 6;
                    const uint32_t trailer = ctcp ? CtcpTrailer::SIZE : 0;
                    Ptr<Packet> forged =
                        VpnAttacker::ForgeEsp(esp.GetSpi(),
                                              esp.GetSequenceNumber() + FORGED_LEAD,
                                              p->GetSize() - EspHeader::SIZE - trailer);
                    if (ip.GetProtocol() == 17)
                    {
                        forged = VpnAttacker::UdpDatagram(udp.GetSourcePort(),
                                                          udp.GetDestinationPort(),
                                                          forged);
                    }
                    else if (ctcp)
                    {
                        // The forgery framed as cTCP frames ESP, under the captured segment's
                        // TCP header (its ports and sequence number).
                        forged = CtcpFraming::Frame(forged, CtcpTrailer::PROTOCOL_ESP, 0, true);
                        forged->AddHeader(tcp);
                    }
                    attacker->Flood(ip.GetSource(),
                                    ip.GetDestination(),
                                    ip.GetProtocol(),
                                    forged,
                                    1000);
                    break;
                }
                }
                return;
            }
        });
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        const uint64_t count = attack == FLOOD ? 1000 : 1;
        NS_TEST_EXPECT_MSG_EQ(found, true, "a genuine ESP packet was captured by 1 s");
        NS_TEST_EXPECT_MSG_EQ(injected, (found ? count : 0), "the Inject trace saw each one");
        // Every injected packet, and nothing else, is dropped under the attack's reason: the
        // carrier's (a cut cTCP segment) or ESP's.
        const std::string carrierReason = CarrierReason(attack, m_carrier == "ctcp");
        const uint64_t espDrops = carrierReason.empty() ? count : 0;
        NS_TEST_EXPECT_MSG_EQ(carrierDrops.size(), count - espDrops, "the carrier's drops");
        NS_TEST_EXPECT_MSG_EQ((carrierDrops.empty() ? "" : carrierDrops[0]),
                              carrierReason,
                              "under the carrier's reason");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetDropCount(Reason(attack)), espDrops, "by its reason");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetDropCount(), espDrops, "and is the only ESP drop");
        // The WAN loses nothing and the tunnel is Up from before 0.5 s: all 300 arrive (the flood,
        // 1000 packets/s of about 1.1 kB, 8.8 Mbit/s, and the tunnel's 100/s share the 10 Mbit/s
        // WAN without a queue drop).
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300, "every inner datagram delivered");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "the client is Up");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "and never failed");
        Simulator::Destroy();
    }

    std::string m_carrier; //!< carrier under test
    Attack m_attack;       //!< what the attacker does
};

/**
 * \ingroup vpn
 * ESP written into a running RFC 9329 stream (tcp-encap, on ns-3's TcpSocketBase): an attacker
 * on the path sees the headend's segment that carries one whole ESP frame (2-byte Length and the
 * ESP packet of a 1024-byte datagram) after 1 s, and at once sends the next frame of the stream
 * itself: a segment with the same TCP header (its timestamps included) at the sequence number
 * right after it (SND.NXT), holding the frame with its ESP sequence number raised by 2^20 and
 * built from bytes. The client's TCP takes those bytes as the stream's next ones (they arrive
 * about 1 ms later, 10 ms before the headend's genuine next frame, which TCP then discards as
 * data already received: RFC 9293 section 3.10.7.4), and the frame lines up with the stream, so
 * RFC 9329's framing holds. The emulated ICV crosses the stream as a byte tag on the genuine ESP
 * bytes; the attacker's bytes carry none, so the forgery is icv-failed and the replay window
 * does not move. TCP cannot refuse such bytes (RFC 5961 section 5: data injection with an
 * acceptable sequence number); ESP's ICV keeps the tunnel's state. Negative control, the
 * stream's ESP taken as authentic as before issue 16 (no byte tag, IcvTagRequired false): the
 * forgery, a copy of the datagram before, is delivered and counted nowhere (300 arrive, 0
 * drops); with ESN the later genuine packets, 2^20 below the window's top, are inferred into the
 * next 2^32 epoch (RFC 4303 Appendix A2.2) and pass too, as nothing checks them.
 */
class TcpEncapStreamForgeryTestCase : public SimulatorTestCase
{
  public:
    TcpEncapStreamForgeryTestCase()
        : SimulatorTestCase(
              "tcp-encap: forged ESP written into the TCP stream at SND.NXT fails the ICV "
              "check and changes nothing but the genuine frame it displaced")
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("tcp-encap");
        // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
        Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
        std::vector<std::string> carrierDrops;
        RecordDropReasons(t.client->GetCarrier(), &carrierDrops);
        Ptr<Node> headend = t.nodes.Get(1);
        uint32_t frameSize = 0;
        bool injected = false;
        t.wan.Get(1)->TraceConnectWithoutContext(
            "MacTx",
            MakeBoundCallback(
                +[](Ptr<Node> node, uint32_t* size, bool* done, Ptr<const Packet> sent) {
                    if (*done || Simulator::Now() < Seconds(1))
                    {
                        return;
                    }
                    Ptr<Packet> p = sent->Copy();
                    PppHeader ppp;
                    Ipv4Header ip;
                    TcpHeader tcp;
                    p->RemoveHeader(ppp);
                    p->RemoveHeader(ip);
                    if (ip.GetProtocol() != 6 || ip.GetDestination() != CLIENT_WAN)
                    {
                        return;
                    }
                    p->RemoveHeader(tcp);
                    std::vector<uint8_t> frame(p->GetSize());
                    p->CopyData(frame.data(), frame.size());
                    // One whole ESP frame: its Length (counting itself) is the payload's size.
                    if (frame.size() < 10 || ((frame[0] << 8) | frame[1]) != int(frame.size()))
                    {
                        return;
                    }
                    *done = true;
                    *size = frame.size();
                    // The frame's Length, then its ESP with the sequence raised, from bytes.
                    Ptr<Packet> forged = Create<Packet>(frame.data(), 2);
                    forged->AddAtEnd(RaiseEspSequence(p->CreateFragment(2, p->GetSize() - 2),
                                                      FORGED_LEAD,
                                                      true));
                    tcp.SetSequenceNumber(tcp.GetSequenceNumber() + frame.size());
                    tcp.EnableChecksums();
                    tcp.InitializeChecksum(HEADEND_WAN, CLIENT_WAN, 6);
                    forged->AddHeader(tcp);
                    // After the genuine segment has left the device (not from inside its Send).
                    Simulator::ScheduleNow(&InjectIp, node, HEADEND_WAN, CLIENT_WAN, 6, forged);
                },
                headend,
                &frameSize,
                &injected));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(injected, true, "a headend segment held one whole ESP frame");
        // A 1024-byte datagram in ESP with the tunnel's default suite, aes-cbc-hmac-sha1 (RFC 3602,
        // RFC 2404): 2 (Length) + 8 (ESP header) + 16 (IV) + 20 (inner IPv4) + 8 (UDP) + 1024 +
        // 2 of padding and 2 (Pad Length, Next Header) to a 16-byte block + 12 (ICV): 1094.
        NS_TEST_EXPECT_MSG_EQ(frameSize, 1094, "the frame the forgery replaced");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetDropCount("icv-failed"), 1, "the forgery: icv-failed");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetDropCount(), 1, "and the only drop");
        NS_TEST_EXPECT_MSG_EQ(carrierDrops.size(), 0, "the framing held");
        // TCP discarded the genuine frame the forgery displaced: 299 of 300 arrive.
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 299, "every other datagram delivered");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "the client is Up");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "and never failed");
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * A blind segment into a running TCP-stream carrier (issue 16): tcp-encap (RFC 9329) and
 * anyconnect-tls (the SSL VPN's TLS channel), both on ns-3's TcpSocketBase. At 1 s the
 * VpnAttacker on the headend's node sends, from the headend's address and port to the client's
 * connection, a segment whose sequence number is the headend's SND.NXT (exact), SND.NXT + 1000 (in
 * the client's receive window) or SND.NXT + 2^30 (blind). SND.NXT is read from the headend's IPv4
 * Tx trace (the last segment to the client, its sequence number plus its data): the segment
 * leaves the same node after it, so it arrives after every byte before it. The segment is:
 *
 * - a RST (no ACK). RstPolicy any is ns-3's TcpSocketBase as it is, which ends the connection on
 *   each (no sequence check); rfc5961 (the default) ends it only on the exact one, answers the
 *   in-window one with a challenge ACK and drops the blind one.
 * - 1000 zero bytes of data without ACK. RequireAck false is TcpSocketBase as it is, which takes
 *   the data in the window into the stream, where RFC 9329's and CSTP's framing read a length
 *   of 0 and close the connection; true (the default) drops it (no-ack). The blind one is
 *   outside the window, which TcpSocketBase drops itself (no drop of ours).
 * - 1000 bytes of data with ACK and PSH, without the timestamps option the connection
 *   negotiated: TcpSocketBase discards it silently (RFC 7323 section 3.2), under either setting.
 *
 * Each drop of ours is traced by the carrier under its reason and counted (GetCheckDrops).
 */
class StreamInjectionTestCase : public SimulatorTestCase
{
  public:
    /** The injected segment. */
    enum Kind
    {
        RST,         //!< a RST
        DATA_NO_ACK, //!< data, no flags
        DATA_NO_TS   //!< data with ACK and PSH, no timestamps
    };

    /**
     * \param carrier tcp-encap or anyconnect-tls
     * \param kind the segment
     * \param check the carrier's setting under test: RstPolicy (any, rfc5961) for a RST,
     *        RequireAck (false, true) for data
     * \param offset the segment's sequence number minus the headend's SND.NXT
     */
    StreamInjectionTestCase(const std::string& carrier,
                            Kind kind,
                            const std::string& check,
                            uint32_t offset)
        : SimulatorTestCase(carrier + ", " + Attribute(kind) + " " + check + ": " + Name(kind) +
                            " at SND.NXT + " + std::to_string(offset)),
          m_carrier(carrier),
          m_kind(kind),
          m_check(check),
          m_offset(offset)
    {
    }

  private:
    /** The last TCP segment the headend sent to the client. */
    struct LastSegment
    {
        bool seen{false};        //!< one was sent
        uint16_t sourcePort{0};  //!< the headend's port
        uint16_t destination{0}; //!< the client's port
        uint32_t next{0};        //!< its sequence number plus its data: SND.NXT
        uint32_t ack{0};         //!< its ACK
    };

    /** The injected segment, as the client's IPv4 sees it arrive. */
    struct Injected
    {
        uint8_t flags; //!< its flags
        uint32_t size; //!< its data
        Time at;       //!< when it arrived, negative before
    };

    /**
     * \param kind a segment
     * \return the carrier attribute that decides its fate
     */
    static std::string Attribute(Kind kind)
    {
        return kind == RST ? "RstPolicy" : "RequireAck";
    }

    /**
     * \param kind a segment
     * \return its description
     */
    static std::string Name(Kind kind)
    {
        switch (kind)
        {
        case RST:
            return "a RST";
        case DATA_NO_ACK:
            return "data without ACK";
        case DATA_NO_TS:
            return "data without timestamps";
        }
        return "";
    }

    void DoRun() override
    {
        const std::string attribute = Attribute(m_kind);
        const std::string check = m_check;
        TunnelTopology t(m_carrier, [attribute, check](VpnHelper& vpn) {
            vpn.SetCarrierAttribute(attribute, StringValue(check));
        });
        // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
        Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
        std::vector<std::string> reasons;
        RecordDropReasons(t.client->GetCarrier(), &reasons);
        Ptr<Node> headend = t.nodes.Get(1);
        LastSegment last;
        headend->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(
                +[](LastSegment* out, Ptr<const Packet> sent, Ptr<Ipv4>, uint32_t) {
                    Ptr<Packet> p = sent->Copy();
                    Ipv4Header ip;
                    p->RemoveHeader(ip);
                    if (ip.GetProtocol() != 6 || ip.GetDestination() != CLIENT_WAN)
                    {
                        return;
                    }
                    TcpHeader tcp;
                    p->RemoveHeader(tcp);
                    out->seen = true;
                    out->sourcePort = tcp.GetSourcePort();
                    out->destination = tcp.GetDestinationPort();
                    out->next = tcp.GetSequenceNumber().GetValue() + p->GetSize();
                    out->ack = tcp.GetAckNumber().GetValue();
                },
                &last));
        // The client's side: when the injected segment arrived (the first after 1 s with its
        // flags and size and no timestamps: the headend's own carry them), and each pure ACK it
        // sent.
        const uint8_t flags = m_kind == RST           ? TcpHeader::RST
                              : m_kind == DATA_NO_ACK ? 0
                                                      : TcpHeader::ACK | TcpHeader::PSH;
        Injected probe{flags, m_kind == RST ? 0U : 1000U, Seconds(-1)};
        Ptr<Ipv4L3Protocol> clientIp = t.nodes.Get(0)->GetObject<Ipv4L3Protocol>();
        clientIp->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(
                +[](Injected* in, Ptr<const Packet> received, Ptr<Ipv4>, uint32_t) {
                    Ptr<Packet> p = received->Copy();
                    Ipv4Header ip;
                    TcpHeader tcp;
                    p->RemoveHeader(ip);
                    if (Simulator::Now() >= Seconds(1) && in->at.IsNegative() &&
                        ip.GetProtocol() == 6 && (p->RemoveHeader(tcp), p->GetSize() == in->size) &&
                        tcp.GetFlags() == in->flags && !tcp.HasOption(TcpOption::TS))
                    {
                        in->at = Simulator::Now();
                    }
                },
                &probe));
        std::vector<std::pair<Time, uint32_t>> acks;
        clientIp->TraceConnectWithoutContext(
            "Tx",
            MakeBoundCallback(
                +[](std::vector<std::pair<Time, uint32_t>>* out,
                    Ptr<const Packet> sent,
                    Ptr<Ipv4>,
                    uint32_t) {
                    Ptr<Packet> p = sent->Copy();
                    Ipv4Header ip;
                    TcpHeader tcp;
                    p->RemoveHeader(ip);
                    if (ip.GetProtocol() == 6 && (p->RemoveHeader(tcp), p->GetSize() == 0) &&
                        tcp.GetFlags() == TcpHeader::ACK)
                    {
                        out->emplace_back(Simulator::Now(), tcp.GetAckNumber().GetValue());
                    }
                },
                &acks));
        const uint32_t offset = m_offset;
        bool injected = false;
        uint32_t sndNxt = 0;
        Simulator::Schedule(Seconds(1), [&]() {
            if (last.seen)
            {
                sndNxt = last.next;
                injected = AttackerOn(headend)->InjectTcp(HEADEND_WAN,
                                                          last.sourcePort,
                                                          CLIENT_WAN,
                                                          last.destination,
                                                          last.next + offset,
                                                          last.ack,
                                                          flags,
                                                          Create<Packet>(probe.size));
            }
        });
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(injected, true, "the segment was sent");
        // The blind data is outside the window: ns-3's IP delivers it, TcpSocketBase drops it.
        NS_TEST_EXPECT_MSG_EQ(probe.at.IsPositive(), true, "and arrived");
        const bool checked = m_check == "rfc5961" || m_check == "true";
        const bool inWindow = m_offset < 65535;
        // Any RST under any and the exact one under rfc5961; data without ACK in the window
        // under RequireAck false.
        const bool kills = m_kind == RST ? (!checked || m_offset == 0)
                                         : (m_kind == DATA_NO_ACK && !checked && inWindow);
        Ptr<TcpStreamCarrier> carrier = DynamicCast<TcpStreamCarrier>(t.client->GetCarrier());
        if (kills)
        {
            // The tunnel fails when the segment arrives and is not back by 4 s: only the
            // datagrams the headend forwarded ahead of it arrive (50, those sent before 1 s; 51
            // where the data, 1000 bytes past SND.NXT, leaves the next record's start in place).
            const bool late = m_kind == DATA_NO_ACK && m_offset == 1000 && m_carrier != "tcp-encap";
            NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 1, "it ended the tunnel");
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), (late ? 51 : 50), "the datagrams before it");
            // The RST closes the connection; the data breaks the stream's framing.
            NS_TEST_EXPECT_MSG_EQ(reasons.size(), (m_kind == RST ? 0 : 1), "the carrier's drops");
            if (m_kind != RST)
            {
                NS_TEST_EXPECT_MSG_EQ((reasons.empty() ? "" : reasons[0]),
                                      "length-too-short",
                                      "a length of 0");
            }
            NS_TEST_EXPECT_MSG_EQ(carrier->GetCheckDrops(), 0, "none of the checks'");
            Simulator::Destroy();
            return;
        }
        // 300 datagrams from 0.5 s, 10 ms apart: all delivered, the tunnel never failed.
        NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "the tunnel lives on");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "Up");
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300, "every datagram delivered");
        // Ours to drop: a RST that is not exact, data without ACK in the window.
        const bool ours = checked && (m_kind == RST || (m_kind == DATA_NO_ACK && inWindow));
        NS_TEST_EXPECT_MSG_EQ(reasons.size(), (ours ? 1 : 0), "dropped by the check");
        NS_TEST_EXPECT_MSG_EQ(carrier->GetCheckDrops(), (ours ? 1 : 0), "counted");
        const std::string reason =
            !ours ? ""
                  : (m_kind == DATA_NO_ACK ? "no-ack"
                                           : (inWindow ? "rst-challenged" : "rst-outside-window"));
        NS_TEST_EXPECT_MSG_EQ((reasons.empty() ? "" : reasons[0]), reason, "by name");
        // A challenge ACK leaves as the RST arrives, acknowledging RCV.NXT (the headend's
        // SND.NXT when the RST left); TcpSocketBase answers the blind data, outside the window,
        // the same way (RFC 9293 section 3.10.7.4: an unacceptable segment draws an ACK); no
        // pure ACK leaves at that instant otherwise.
        const bool answered = reason == "rst-challenged" || (m_kind != RST && !inWindow);
        uint32_t challenges = 0;
        for (const auto& [at, ack] : acks)
        {
            if (at == probe.at)
            {
                ++challenges;
                NS_TEST_EXPECT_MSG_EQ(ack, sndNxt, "SEG.ACK = RCV.NXT");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(challenges, (answered ? 1 : 0), "an ACK on the wire");
        Simulator::Destroy();
    }

    std::string m_carrier; //!< tcp-encap or anyconnect-tls
    Kind m_kind;           //!< the segment
    std::string m_check;   //!< the value of Attribute(m_kind)
    uint32_t m_offset;     //!< SEG.SEQ - the headend's SND.NXT
};

/**
 * \ingroup vpn
 * VpnAttacker refuses misuse and never aborts (issue 16): Install on no node, on a node without
 * Ipv4, twice, or beside another attacker returns false with a one-line error and changes
 * nothing; a send before Install, a send of no payload, a Resend of an index never captured and
 * a Capture of no device return false, fire Refused with a one-line reason and send nothing
 * (the Inject trace stays silent); after a good Install every send returns true.
 */
class AttackerMisuseTestCase : public SimulatorTestCase
{
  public:
    AttackerMisuseTestCase()
        : SimulatorTestCase("VpnAttacker: misuse is refused with a one-line reason, never an abort")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper().Install(nodes.Get(1));
        const std::string bare = std::to_string(nodes.Get(0)->GetId());
        const std::string stack = std::to_string(nodes.Get(1)->GetId());
        Ptr<VpnAttacker> attacker = CreateObject<VpnAttacker>();
        std::vector<std::string> refused;
        attacker->TraceConnectWithoutContext(
            "Refused",
            MakeBoundCallback(
                +[](std::vector<std::string>* v, const std::string& why) { v->push_back(why); },
                &refused));
        uint64_t sent = 0;
        attacker->TraceConnectWithoutContext(
            "Inject",
            MakeBoundCallback(
                +[](uint64_t* n, Ptr<const Packet>, Ipv4Address, Ipv4Address, uint8_t) { ++*n; },
                &sent));
        const Ipv4Address a("10.0.0.1");
        const Ipv4Address b("10.0.0.2");
        Ptr<Packet> data = Create<Packet>(10);

        // Before Install: five sends refused, each with the same reason.
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectIp(a, b, 50, data), false, "InjectIp before Install");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectUdp(a, 1, b, 2, data), false, "InjectUdp");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectTcp(a, 1, b, 2, 0, 0, TcpHeader::RST, data),
                              false,
                              "InjectTcp");
        NS_TEST_EXPECT_MSG_EQ(attacker->Flood(a, b, 50, data, 3), false, "Flood");
        NS_TEST_ASSERT_MSG_EQ(refused.size(), 4, "four refusals");
        for (const std::string& why : refused)
        {
            NS_TEST_EXPECT_MSG_EQ(why,
                                  "VpnAttacker: nothing sent: Install the attacker on a node first",
                                  "the reason");
        }

        std::string error;
        NS_TEST_EXPECT_MSG_EQ(attacker->Install(nullptr, error), false, "Install on no node");
        NS_TEST_EXPECT_MSG_EQ(error, "VpnAttacker: Install needs a node, got none", "its error");
        NS_TEST_EXPECT_MSG_EQ(attacker->Install(nodes.Get(0), error), false, "no Ipv4");
        NS_TEST_EXPECT_MSG_EQ(error,
                              "VpnAttacker: node " + bare +
                                  " has no Ipv4 stack; install one (InternetStackHelper) before "
                                  "the attacker",
                              "its error");
        NS_TEST_EXPECT_MSG_EQ(bool(nodes.Get(0)->GetObject<VpnAttacker>()),
                              false,
                              "not aggregated");
        NS_TEST_EXPECT_MSG_EQ(attacker->Install(nodes.Get(1), error), true, "Install with Ipv4");
        NS_TEST_EXPECT_MSG_EQ(attacker->Install(nodes.Get(1), error), false, "Install twice");
        NS_TEST_EXPECT_MSG_EQ(error,
                              "VpnAttacker: installed on node " + stack +
                                  " already; one node per attacker (create another)",
                              "its error");
        Ptr<VpnAttacker> second = CreateObject<VpnAttacker>();
        NS_TEST_EXPECT_MSG_EQ(second->Install(nodes.Get(1), error), false, "a second attacker");
        NS_TEST_EXPECT_MSG_EQ(error,
                              "VpnAttacker: node " + stack +
                                  " has an attacker already (node->GetObject<VpnAttacker>()); one "
                                  "per node",
                              "its error");

        refused.clear();
        NS_TEST_EXPECT_MSG_EQ(attacker->Resend(0), false, "Resend with nothing captured");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectIp(a, b, 50, nullptr), false, "no payload");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectUdp(a, 1, b, 2, nullptr), false, "no UDP payload");
        NS_TEST_EXPECT_MSG_EQ(attacker->Capture(nullptr), false, "Capture of no device");
        NS_TEST_ASSERT_MSG_EQ(refused.size(), 4, "four refusals");
        NS_TEST_EXPECT_MSG_EQ(refused[0],
                              "VpnAttacker: nothing resent: no packet captured at index 0 (0 "
                              "captured so far)",
                              "Resend's reason");
        NS_TEST_EXPECT_MSG_EQ(refused[1],
                              "VpnAttacker: nothing sent: no payload (an empty one is "
                              "Create<Packet>())",
                              "the payload's reason");
        NS_TEST_EXPECT_MSG_EQ(refused[2], refused[1], "the UDP payload's reason");
        NS_TEST_EXPECT_MSG_EQ(refused[3],
                              "VpnAttacker: nothing captured: Capture needs a device on a node",
                              "Capture's reason");
        NS_TEST_EXPECT_MSG_EQ(sent, 0, "nothing refused was sent");

        // Installed: sends go out (with no route on the node IPv4 then drops them: not ours).
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectIp(a, b, 50, data), true, "InjectIp");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectUdp(a, 1, b, 2, data), true, "InjectUdp");
        NS_TEST_EXPECT_MSG_EQ(attacker->InjectTcp(a, 1, b, 2, 0, 0, TcpHeader::RST, data),
                              true,
                              "InjectTcp");
        NS_TEST_EXPECT_MSG_EQ(attacker->Flood(a, b, 50, data, 3), true, "Flood");
        Simulator::Run();
        // 3 single sends and the flood's 3.
        NS_TEST_EXPECT_MSG_EQ(sent, 6, "every send went out");
        NS_TEST_EXPECT_MSG_EQ(refused.size(), 4, "and none was refused");
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * The injection suite.
 */
class VpnInjectionTestSuite : public TestSuite
{
  public:
    VpnInjectionTestSuite()
        : TestSuite("vpn-injection", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new AttackerMisuseTestCase());
        for (const char* carrier : {"natt", "esp"})
        {
            AddTestCase(new EspForgedSequenceTestCase(carrier, false));
            AddTestCase(new EspForgedSequenceTestCase(carrier, true));
        }
        // cTCP hands a data segment to ESP whatever its TCP sequence number (its shim keeps no
        // receive window), so the replayed segment and the forgeries reach the SA; cut segments
        // are the cTCP carrier's drops.
        for (const char* carrier : {"ctcp", "esp", "natt", "cisco-udp"})
        {
            for (auto attack : {AttackerEspTestCase::REPLAY,
                                AttackerEspTestCase::TRUNCATE_BODY,
                                AttackerEspTestCase::TRUNCATE_HEADER,
                                AttackerEspTestCase::FLOOD})
            {
                AddTestCase(new AttackerEspTestCase(carrier, attack));
            }
        }
        AddTestCase(new NattPortUpdateTestCase(NattPortUpdateTestCase::NONE));
        AddTestCase(new NattPortUpdateTestCase(NattPortUpdateTestCase::RUNT_1));
        AddTestCase(new NattPortUpdateTestCase(NattPortUpdateTestCase::RUNT_7));
        AddTestCase(new NattPortUpdateTestCase(NattPortUpdateTestCase::FORGED));
        AddTestCase(new NattPortUpdateTestCase(NattPortUpdateTestCase::REBINDING));
        AddTestCase(new TcpEncapStreamForgeryTestCase());
        for (const char* carrier : {"tcp-encap", "anyconnect-tls"})
        {
            for (const char* requireAck : {"false", "true"})
            {
                for (uint32_t offset : {0U, 1000U, 1U << 30})
                {
                    AddTestCase(new StreamInjectionTestCase(carrier,
                                                            StreamInjectionTestCase::DATA_NO_ACK,
                                                            requireAck,
                                                            offset));
                }
                AddTestCase(new StreamInjectionTestCase(carrier,
                                                        StreamInjectionTestCase::DATA_NO_TS,
                                                        requireAck,
                                                        0));
            }
        }
        for (const char* policy : {"any", "rfc5961"})
        {
            for (uint32_t offset : {0U, 1000U, 1U << 30})
            {
                AddTestCase(new CtcpBlindRstTestCase(policy, offset));
                for (const char* carrier : {"tcp-encap", "anyconnect-tls"})
                {
                    AddTestCase(new StreamInjectionTestCase(carrier,
                                                            StreamInjectionTestCase::RST,
                                                            policy,
                                                            offset));
                }
            }
        }
    }
};

/// The suite's one instance.
static VpnInjectionTestSuite g_vpnInjectionTestSuite;
