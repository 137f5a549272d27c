/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * cTCP on the wire: tshark's reading of the WAN pcap, malformed segments and options counted and
 * dropped (never an abort), and bad ports refused at configuration. The protocol's behaviour is
 * vpn-ctcp's (ctcp-test-suite.cc).
 */

#include "command-lines.h"
#include "ctcp-test-helpers.h"
#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"
#include "ns3/traffic-control-module.h"
#include "ns3/vpn-module.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

using namespace ns3;

/**
 * \ingroup vpn
 * tshark reads the client's WAN pcap as Cisco IPsec over TCP: IKEv1 (ISAKMP version 1.0, the
 * Cisco VPN Client's Aggressive Mode, Transaction and Quick Mode exchanges) with both direction
 * flags and ESP inside tcpencap, no malformed IKE, valid TCP checksums, and, after the 20th ESP
 * segment is dropped (AckPolicy in-order), one duplicate ACK per later segment and no
 * retransmission.
 */
class CtcpPcapTestCase : public SimulatorTestCase
{
  public:
    CtcpPcapTestCase()
        : SimulatorTestCase("tshark dissects the cTCP WAN pcap: tcpencap, IKE directions, dup ACKs")
    {
    }

  private:
    void DoRun() override
    {
        const std::string tsharkPath = TsharkOrSkip(GetName());
        if (tsharkPath.empty())
        {
            return;
        }
        Config::SetGlobal("ChecksumEnabled", BooleanValue(true));
        const std::string pcap = CreateTempDirFilename("vpn-ctcp.pcap");
        {
            // In a block: the devices (and the pcap writer their trace holds) go, and the file
            // is flushed and closed, before tshark reads it.
            TunnelTopology t("ctcp", [](VpnHelper& vpn) {
                vpn.SetCarrierAttribute("AckPolicy", StringValue("in-order"));
            });
            PointToPointHelper p2p;
            p2p.EnablePcap(pcap, t.wan.Get(0), false, true);
            Ptr<ReceiveListErrorModel> drop = CreateObject<ReceiveListErrorModel>();
            t.wan.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(drop));

            // Data segments 1 to 7 are the client's IKEv1 messages (Aggressive Mode 1 and 3,
            // XAUTH REPLY and ACK, Mode-Config REQUEST, Quick Mode 1 and 3; it was 2 with IKEv2's
            // IKE_SA_INIT and IKE_AUTH); 27 is the 20th ESP packet. The headend's device
            // receives the client's segments in the order sent (see the loss test).
            struct Chooser
            {
                Ptr<ReceiveListErrorModel> model;
                uint32_t data{0};
                uint32_t all{0};
            } chooser{drop};

            CarrierOf(t, true)->TraceConnectWithoutContext(
                "SegmentTx",
                MakeBoundCallback(
                    +[](Chooser* c, Ptr<const Packet> p, const CtcpL4Protocol::Segment&) {
                        ++c->all;
                        if (p->GetSize() > 1 && ++c->data == 27)
                        {
                            c->model->SetList({c->all - 1});
                        }
                    },
                    &chooser));
            // A sink on the server, so that nothing (not even ICMP) comes back: the headend sends
            // only pure ACKs, and tshark's duplicate-ACK rule (same SEQ, ACK and window as the
            // previous segment, no data) sees each one.
            UdpServerHelper server(6001);
            server.Install(t.nodes.Get(2));
            t.UdpToServer(100, MilliSeconds(20), Seconds(1));
            Simulator::Stop(Seconds(4));
            Simulator::Run();
            Simulator::Destroy();
        }
        Config::SetGlobal("ChecksumEnabled", BooleanValue(false));

        const std::string tshark =
            tsharkPath + " --disable-protocol ndmp -o tcp.check_checksum:TRUE -r " + pcap;
        bool ok = false;
        const auto esp = CommandLines(tshark + " -Y 'tcpencap && esp && ip.src==172.16.0.1' -T "
                                               "fields -e esp.sequence -e tcpencap.proto",
                                      ok);
        NS_TEST_ASSERT_MSG_EQ(ok, true, "tshark runs (is it installed? ./vpnlab deps)");
        // 100 datagrams, each its own ESP packet in its own segment.
        NS_TEST_ASSERT_MSG_EQ(esp.size(), 100, "tshark finds ESP in tcpencap");
        NS_TEST_EXPECT_MSG_EQ(esp[0], "1\t0x32", "the first ESP packet, protocol 0x32");

        const auto ike = CommandLines(tshark + " -Y 'tcpencap && isakmp' -T fields -e ip.src -e "
                                               "tcpencap.ikedirection -e isakmp.version -e "
                                               "isakmp.exchangetype",
                                      ok);
        // IKEv1 (version 0x10), the Cisco VPN Client's flow (Ikev1ControlPlane): Aggressive
        // Mode (4) in three messages, XAUTH (Transaction, 6) REQUEST, REPLY, SET, ACK, the
        // Mode-Config (6) REQUEST and REPLY, Quick Mode (32) in three; client to server with
        // direction 0x4000, server to client with 0x0000.
        const std::string c = "172.16.0.1\t0x4000\t0x10\t";
        const std::string h = "172.16.0.2\t0x0000\t0x10\t";
        const std::vector<std::string> expectedIke = {c + "4",
                                                      h + "4",
                                                      c + "4",
                                                      h + "6",
                                                      c + "6",
                                                      h + "6",
                                                      c + "6",
                                                      c + "6",
                                                      h + "6",
                                                      c + "32",
                                                      h + "32",
                                                      c + "32"};
        NS_TEST_EXPECT_MSG_EQ((ike == expectedIke), true, "IKEv1 with direction flags");
        const auto broken =
            CommandLines(tshark + " -Y 'isakmp && (_ws.malformed || _ws.expert.severity == "
                                  "error)' -T fields -e frame.number",
                         ok);
        NS_TEST_EXPECT_MSG_EQ(ok, true, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(broken.size(), 0, "no malformed IKE");

        const auto dups =
            CommandLines(tshark + " -Y 'tcp.analysis.duplicate_ack' -T fields -e frame.number", ok);
        // The headend's ACK sticks before ESP packet 20; ESP packets 21..100 each draw one
        // duplicate ACK: 80.
        NS_TEST_EXPECT_MSG_EQ(dups.size(), 80, "one dup ACK per segment past the hole");
        const auto again = CommandLines(tshark + " -Y 'tcp.analysis.retransmission || "
                                                 "tcp.analysis.fast_retransmission' -T fields "
                                                 "-e frame.number",
                                        ok);
        NS_TEST_EXPECT_MSG_EQ(again.size(), 0, "no retransmission by cTCP");
        const auto bad =
            CommandLines(tshark + " -Y 'tcp.checksum.status != 1' -T fields -e frame.number", ok);
        NS_TEST_EXPECT_MSG_EQ(ok, true, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(bad.size(), 0, "every TCP checksum is good");
    }
};

/**
 * \ingroup vpn
 * Malformed input on the wire is counted and dropped, never a crash: a 12-byte "TCP header" to
 * port 10000 (the shim's drop), and on the established connection a payload shorter than the
 * trailer and a payload whose trailer Wireshark's heuristic would refuse (the carrier's drops).
 */
class CtcpMalformedTestCase : public SimulatorTestCase
{
  public:
    CtcpMalformedTestCase()
        : SimulatorTestCase("cTCP counts and drops malformed segments")
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("ctcp");
        std::vector<SentSegment> client;
        RecordSegments(CarrierOf(t, true), &client);
        std::vector<std::string> reasons;
        RecordDropReasons(CarrierOf(t, false), &reasons);
        Ptr<Node> node = t.nodes.Get(0);
        const Ipv4Address from("172.16.0.1");
        const Ipv4Address to("172.16.0.2");
        Simulator::Schedule(Seconds(1), [node, from, to]() {
            // Destination port 10000 (0x2710) in a segment too short for a TCP header.
            const uint8_t runt[12] = {0xc0, 0x00, 0x27, 0x10};
            node->GetObject<Ipv4>()->Send(Create<Packet>(runt, sizeof(runt)), from, to, 6, nullptr);
        });
        Simulator::Schedule(Seconds(1.5), [node, from, to, &client]() {
            // On the client's connection, after its last segment: 10 bytes, then 40 zero bytes
            // (a trailer with protocol byte 0).
            CtcpL4Protocol::Segment s;
            s.destinationPort = 10000;
            s.flags = TcpHeader::ACK | TcpHeader::PSH;
            s.window = 65535;
            for (const auto& sent : client)
            {
                s.sequence = sent.seq + sent.size;
                s.ack = sent.ack;
                s.sourcePort = sent.sourcePort;
            }
            Ptr<CtcpL4Protocol> shim = node->GetObject<CtcpL4Protocol>();
            shim->Send(Create<Packet>(10), s, from, to);
            s.sequence = s.sequence + 10;
            shim->Send(Create<Packet>(40), s, from, to);
        });
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(t.nodes.Get(1)->GetObject<CtcpL4Protocol>()->GetDropCount(),
                              1,
                              "the runt header dropped by the shim");
        NS_TEST_ASSERT_MSG_EQ(reasons.size(), 2, "two messages dropped by the carrier");
        NS_TEST_EXPECT_MSG_EQ(reasons[0], "ctcp-runt", "shorter than a trailer");
        NS_TEST_EXPECT_MSG_EQ(reasons[1], "ctcp-bad-trailer", "not a trailer");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "the tunnel lives on");
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * A forged segment to the cTCP port whose options are malformed, with the global
 * ChecksumEnabled on, is a counted drop, never an abort: ns-3.37's TcpHeader, which the shim
 * used to check checksums with, aborts the whole simulation in TcpOptionMSS::Deserialize on an
 * MSS option of length 3 (or 5). Four segments from the client's WAN address to the headend's port
 * 10000: an MSS option of length 3 with a valid checksum ("bad-option"), the same with a wrong
 * checksum ("checksum": the checksum is checked first), an option whose length byte is 0
 * ("bad-option") and an MSS option of length 5 ("bad-option"), while 100 inner datagrams cross. The
 * checksums are computed here, by RFC 1071, not by the code under test. The client's WAN device
 * sends them without a queue disc: ns-3.37's FqCoDelQueueDisc (the default root queue disc) hashes
 * each IPv4 packet through TcpHeader and so aborts in the client's own stack on the first of them,
 * before it reaches the wire.
 */
class CtcpBadOptionTestCase : public SimulatorTestCase
{
  public:
    CtcpBadOptionTestCase()
        : SimulatorTestCase("cTCP drops a malformed TCP option under ChecksumEnabled, never aborts")
    {
    }

  private:
    /**
     * A TCP header with options (a multiple of 4 bytes), its checksum over the IPv4
     * pseudo-header.
     * \param from source \param to destination \param options the option bytes
     * \param goodChecksum false to spoil the checksum
     * \return the segment
     */
    static Ptr<Packet> Forge(Ipv4Address from,
                             Ipv4Address to,
                             const std::vector<uint8_t>& options,
                             bool goodChecksum)
    {
        // Ports 49152 > 10000, seq 1, ack 0, data offset 5 + options/4 words, ACK, window 65535.
        std::vector<uint8_t> b = {0xc0, 0x00, 0x27, 0x10, 0,    0,    0, 1, 0, 0,
                                  0,    0,    0x50, 0x10, 0xff, 0xff, 0, 0, 0, 0};
        b[12] = static_cast<uint8_t>((5 + options.size() / 4) << 4);
        b.insert(b.end(), options.begin(), options.end());
        // RFC 1071 over source, destination, zero, protocol 6, TCP length, then the segment.
        uint32_t sum = (from.Get() >> 16) + (from.Get() & 0xffff) + (to.Get() >> 16) +
                       (to.Get() & 0xffff) + 6 + b.size();
        for (size_t i = 0; i < b.size(); i += 2)
        {
            sum += static_cast<uint32_t>(b[i]) << 8 | b[i + 1];
        }
        while (sum >> 16)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        const uint16_t checksum = static_cast<uint16_t>(~sum) ^ (goodChecksum ? 0 : 0x0101);
        b[16] = checksum >> 8;
        b[17] = checksum & 0xff;
        return Create<Packet>(b.data(), b.size());
    }

    void DoRun() override
    {
        Config::SetGlobal("ChecksumEnabled", BooleanValue(true));
        {
            TunnelTopology t("ctcp");
            TrafficControlHelper().Uninstall(t.wan.Get(0));
            Ptr<CtcpL4Protocol> shim = t.nodes.Get(1)->GetObject<CtcpL4Protocol>();
            std::vector<std::string> reasons;
            RecordDropReasons(shim, &reasons);
            Ptr<Ipv4> ipv4 = t.nodes.Get(0)->GetObject<Ipv4>();
            const Ipv4Address from("172.16.0.1");
            const Ipv4Address to("172.16.0.2");
            const std::vector<uint8_t> mssOfThree = {2, 3, 0x05, 0};
            const std::vector<uint8_t> lengthZero = {30, 0, 0, 0};
            // MSS of length 5 (kind 2, length 5, three value bytes), then three NOPs: it fits
            // the 8 option bytes, so only its length is wrong.
            const std::vector<uint8_t> mssOfFive = {2, 5, 0x05, 0xb4, 0, 1, 1, 1};
            Simulator::Schedule(Seconds(1), [=]() {
                ipv4->Send(Forge(from, to, mssOfThree, true), from, to, 6, nullptr);
                ipv4->Send(Forge(from, to, mssOfThree, false), from, to, 6, nullptr);
                ipv4->Send(Forge(from, to, lengthZero, true), from, to, 6, nullptr);
                ipv4->Send(Forge(from, to, mssOfFive, true), from, to, 6, nullptr);
            });
            // Inner traffic across the forgeries: the tunnel carries it all.
            Ptr<UdpServer> sink = t.UdpToClient(100, MilliSeconds(10), Seconds(0.5));
            Simulator::Stop(Seconds(2));
            Simulator::Run();

            NS_TEST_EXPECT_MSG_EQ(shim->GetDropCount(), 4, "all four forged segments dropped");
            NS_TEST_EXPECT_MSG_EQ(reasons.size(), 4, "each drop traced");
            if (reasons.size() == 4)
            {
                NS_TEST_EXPECT_MSG_EQ(reasons[0], "bad-option", "MSS of length 3");
                NS_TEST_EXPECT_MSG_EQ(reasons[1], "checksum", "the checksum comes first");
                NS_TEST_EXPECT_MSG_EQ(reasons[2], "bad-option", "a length byte of 0");
                NS_TEST_EXPECT_MSG_EQ(reasons[3], "bad-option", "MSS of length 5");
            }
            // 100 datagrams from 0.5 s, 10 ms apart, the last at 1.49 s: all delivered.
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 100, "the tunnel is unaffected");
            NS_TEST_EXPECT_MSG_EQ(t.client->GetState(),
                                  VpnTunnelEndpoint::UP,
                                  "the tunnel lives on");
            Simulator::Destroy();
        }
        Config::SetGlobal("ChecksumEnabled", BooleanValue(false));
    }
};

/**
 * \ingroup vpn
 * A port of 0 or over 65535 is refused when it is set, with a message naming the attribute and
 * the accepted range.
 */
class CtcpBadPortTestCase : public TestCase
{
  public:
    CtcpBadPortTestCase()
        : TestCase("cTCP port 0 and 70000 refused at configuration")
    {
    }

  private:
    void DoRun() override
    {
        VpnHelper vpn;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(vpn.SetCarrier("ctcp", error), true, "ctcp is a carrier");
        NS_TEST_EXPECT_MSG_EQ(vpn.SetCarrierAttributeFailSafe("Port", UintegerValue(0), error),
                              false,
                              "port 0");
        NS_TEST_EXPECT_MSG_NE(error.find("Port"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_NE(error.find("'0'"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_NE(error.find("1:65535"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_EQ(vpn.SetCarrierAttributeFailSafe("Port", UintegerValue(70000), error),
                              false,
                              "port 70000");
        NS_TEST_EXPECT_MSG_NE(error.find("'70000'"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_EQ(vpn.SetCarrierAttributeFailSafe("Port", StringValue("65536"), error),
                              false,
                              "port 65536 as text");
        NS_TEST_EXPECT_MSG_EQ(vpn.SetCarrierAttributeFailSafe("Port", UintegerValue(443), error),
                              true,
                              "443 is a port");
        NS_TEST_EXPECT_MSG_EQ(
            vpn.SetCarrierAttributeFailSafe("AckPolicy", StringValue("sometimes"), error),
            false,
            "unknown ACK policy");
        NS_TEST_EXPECT_MSG_NE(error.find("highest-received"), std::string::npos, error);
    }
};

/**
 * \ingroup vpn
 * The cTCP wire suite: what tshark reads, malformed input, bad configuration.
 */
class CtcpWireTestSuite : public TestSuite
{
  public:
    CtcpWireTestSuite()
        : TestSuite("vpn-ctcp-wire", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new CtcpPcapTestCase);
        AddTestCase(new CtcpMalformedTestCase);
        AddTestCase(new CtcpBadOptionTestCase);
        AddTestCase(new CtcpBadPortTestCase);
    }
};

/// The one instance of the suite.
static CtcpWireTestSuite g_ctcpWireTestSuite;
