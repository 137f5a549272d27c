/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SSL VPN carrier (anyconnect): handshake round trips, DTLS fallback to TLS and return when
 * UDP 443 is blocked and unblocked, TLS dead-peer detection failing the tunnel, the liveness
 * rules, and tshark reading the TLS, DTLS and RFC 9329 streams.
 */

#include "command-lines.h"
#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/test.h"
#include "ns3/virtual-net-device.h"
#include "ns3/vpn-module.h"

#include <cstdio>
#include <vector>

using namespace ns3;

namespace
{

/// One traced DTLS state change.
struct DtlsChange
{
    Time at;            //!< when
    std::string to;     //!< new state
    std::string reason; //!< why
};

/**
 * Log a carrier's DTLS state changes.
 * \param carrier the carrier
 * \param log where to log
 */
void
LogDtls(Ptr<VpnCarrier> carrier, std::vector<DtlsChange>* log)
{
    carrier->TraceConnectWithoutContext(
        "DtlsState",
        MakeBoundCallback(
            +[](std::vector<DtlsChange>* l,
                uint32_t,
                SslVpnCarrier::DtlsState,
                SslVpnCarrier::DtlsState to,
                const std::string& reason) {
                l->push_back({Simulator::Now(), SslVpnCarrier::DtlsStateName(to), reason});
            },
            log));
}

/**
 * The time the client's tunnel went Up (first time).
 * \param endpoint the client
 * \param up where to store it
 */
void
LogUp(Ptr<VpnTunnelEndpoint> endpoint, Time* up)
{
    endpoint->TraceConnectWithoutContext("StateChange",
                                         MakeBoundCallback(
                                             +[](Time* t,
                                                 VpnTunnelEndpoint::State,
                                                 VpnTunnelEndpoint::State to,
                                                 const std::string&) {
                                                 if (to == VpnTunnelEndpoint::UP && t->IsZero())
                                                 {
                                                     *t = Simulator::Now();
                                                 }
                                             },
                                             up));
}

} // namespace

/**
 * \ingroup vpn
 * The liveness rules on their own: keepalive, DPD, repeat at dpd/2, dead at 2 dpd.
 */
class DpdKeepaliveTestCase : public TestCase
{
  public:
    DpdKeepaliveTestCase()
        : TestCase("DPD and keepalive timers follow OpenConnect's rules")
    {
    }

  private:
    void DoRun() override
    {
        DpdKeepalive live(Seconds(30), Seconds(20));
        live.Start(Seconds(0));
        // Nothing sent for 20 s: keepalive due at 20.
        NS_TEST_EXPECT_MSG_EQ(live.NextCheck(Seconds(0)), Seconds(20), "keepalive first");
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(20)), DpdKeepalive::KEEPALIVE, "keepalive");
        live.Sent(Seconds(20));
        // Nothing heard for 30 s: DPD at 30.
        NS_TEST_EXPECT_MSG_EQ(live.NextCheck(Seconds(20)), Seconds(30), "DPD next");
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(29)), DpdKeepalive::NONE, "not yet");
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(30)), DpdKeepalive::DPD, "DPD at lastRx + dpd");
        live.Sent(Seconds(30));
        // Outstanding: repeat every dpd/2 = 15 s.
        NS_TEST_EXPECT_MSG_EQ(live.NextCheck(Seconds(30)), Seconds(45), "repeat at +15");
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(45)), DpdKeepalive::DPD, "repeat");
        live.Sent(Seconds(45));
        // Dead at lastRx + 2 dpd = 60 (the next repeat would also be at 60).
        NS_TEST_EXPECT_MSG_EQ(live.NextCheck(Seconds(45)), Seconds(60), "deadline");
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(60)), DpdKeepalive::DEAD, "dead");
        NS_TEST_EXPECT_MSG_EQ(live.GetProbes(), 2, "two requests");
        // An answer clears it all.
        live.Received(Seconds(59));
        NS_TEST_EXPECT_MSG_EQ(live.Check(Seconds(60)), DpdKeepalive::NONE, "alive again");
        NS_TEST_EXPECT_MSG_EQ(live.NextCheck(Seconds(60)), Seconds(65), "keepalive at 45 + 20");
    }
};

/**
 * \ingroup vpn
 * TLS 1.2 takes one more round trip than TLS 1.3; DTLS comes up one round trip after the
 * tunnel, and then carries the data while TLS carries none.
 */
class SslVpnHandshakeTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param version "tls1.2" or "tls1.3"
     * \param expectedUp seconds when the tunnel should be Up
     */
    SslVpnHandshakeTestCase(const std::string& version, double expectedUp)
        : SimulatorTestCase("anyconnect over " + version + ": round trips to Up, then DTLS"),
          m_version(version),
          m_expectedUp(expectedUp)
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("anyconnect", [this](VpnHelper& vpn) {
            vpn.SetCarrierAttribute("TlsVersion", StringValue(m_version));
        });
        Time up;
        LogUp(t.client, &up);
        std::vector<DtlsChange> dtls;
        LogDtls(t.client->GetCarrier(), &dtls);
        ApplicationContainer app =
            compat::InstallPing(t.nodes.Get(0), t.server, Seconds(1), Seconds(3.5));
        app.Start(Seconds(1));
        app.Stop(Seconds(3.5));
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ_TOL(up.GetSeconds(), m_expectedUp, 0.005, "Up after the RTTs");
        NS_TEST_ASSERT_MSG_EQ(dtls.size(), 2, "connecting, up");
        if (dtls.size() != 2)
        {
            return; // the runner continues after a failed assert by default
        }
        NS_TEST_EXPECT_MSG_EQ(dtls[0].to, "connecting", "DTLS starts");
        NS_TEST_EXPECT_MSG_EQ(dtls[0].at, up, "as soon as the tunnel is Up");
        NS_TEST_EXPECT_MSG_EQ(dtls[1].to, "up", "DTLS up");
        // One round trip (2 x 20 ms plus two small datagrams' serialisation) later.
        NS_TEST_EXPECT_MSG_EQ_TOL((dtls[1].at - up).GetSeconds(), 0.040, 0.002, "one RTT");
        Ptr<SslVpnCarrier> c = DynamicCast<SslVpnCarrier>(t.client->GetCarrier());
        // Three echo requests at 1, 2, 3 s: all on DTLS, none on TLS.
        NS_TEST_EXPECT_MSG_EQ(c->GetDtlsDataSent(), 3, "pings ride DTLS");
        NS_TEST_EXPECT_MSG_EQ(c->GetTlsDataSent(), 0, "none on TLS");
        // 1500 - (20 IPv4 + 8 UDP + 13 DTLS + 8 nonce + 16 tag + 1 type) = 1434.
        NS_TEST_EXPECT_MSG_EQ(t.client->GetTunDevice()->GetMtu(), 1434, "DTLS MTU");
    }

    std::string m_version; //!< TLS version
    double m_expectedUp;   //!< when Up is expected
};

/**
 * \ingroup vpn
 * ServerFlightSize at its edges (issue 16): with TLS 1.3 the server's encrypted flight was sized
 * as ServerFlightSize - 5 - 17, which wrapped to about 4 GB for 16 to 21. The checker now refuses
 * 21 and 16385 with a message naming the attribute and the range, and a tunnel with 22 (one
 * record of 5 + 17 bytes and an empty body) or 16384 comes Up over TLS 1.3 and TLS 1.2.
 */
class SslVpnServerFlightSizeTestCase : public SimulatorTestCase
{
  public:
    SslVpnServerFlightSizeTestCase()
        : SimulatorTestCase("anyconnect ServerFlightSize: 21 and 16385 refused, 22 and 16384 work")
    {
    }

  private:
    void DoRun() override
    {
        VpnHelper vpn;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(vpn.SetCarrier("anyconnect", error), true, "a carrier");
        for (uint32_t refused : {21U, 16385U})
        {
            NS_TEST_EXPECT_MSG_EQ(
                vpn.SetCarrierAttributeFailSafe("ServerFlightSize", UintegerValue(refused), error),
                false,
                refused << " refused");
            NS_TEST_EXPECT_MSG_NE(error.find("ServerFlightSize"), std::string::npos, error);
            NS_TEST_EXPECT_MSG_NE(error.find("22:16384"), std::string::npos, error);
        }
        for (const std::string version : {"tls1.3", "tls1.2"})
        {
            for (uint32_t size : {22U, 16384U})
            {
                TunnelTopology t("anyconnect", [version, size](VpnHelper& v) {
                    v.SetCarrierAttribute("TlsVersion", StringValue(version));
                    v.SetCarrierAttribute("ServerFlightSize", UintegerValue(size));
                });
                Simulator::Stop(Seconds(2));
                Simulator::Run();
                NS_TEST_EXPECT_MSG_EQ(t.client->GetState(),
                                      VpnTunnelEndpoint::UP,
                                      version << " with a flight of " << size);
                Simulator::Destroy();
            }
        }
    }
};

/**
 * \ingroup vpn
 * UDP 443 blocked from 20 s to 100 s by a StatefulFirewall on a router between client and
 * headend (a `deny` class, enabled and disabled with SetClassEnabled), CBR both ways through the
 * tunnel: data moves to TLS by the DPD deadline and keeps flowing; the client starts a new DTLS
 * connection at the moment DPD declares the peer dead (OpenConnect's dtls_reconnect), that
 * attempt fails after 12 s, and DTLS returns at the retry 60 s later, after the block ended.
 */
class SslVpnDtlsFallbackTestCase : public SimulatorTestCase
{
  public:
    SslVpnDtlsFallbackTestCase()
        : SimulatorTestCase(
              "DTLS blocked: TLS by the DPD deadline, DTLS again at once, then on retry")
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("anyconnect", nullptr, true);
        std::vector<DtlsChange> client;
        std::vector<DtlsChange> headend;
        LogDtls(t.client->GetCarrier(), &client);
        LogDtls(t.headend->GetCarrier(), &headend);
        // An access-list denying UDP 443 both ways, off at first: the client's DTLS to 443 and,
        // since the firewall has no interface security levels, the headend's from 443 (which
        // would otherwise open a connection that lets the client's datagrams back through).
        FirewallHelper fwHelper;
        std::string error;
        for (const char* spec : {"name=block-dtls proto=udp dport=443 action=deny enabled=no",
                                 "name=block-dtls proto=udp sport=443 action=deny enabled=no"})
        {
            NS_TEST_ASSERT_MSG_EQ(fwHelper.AddClass(spec, error), true, error);
        }
        Ptr<StatefulFirewall> fw = fwHelper.Install(t.nodes.Get(3));
        uint64_t aclDropsTraced = 0;
        fw->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](uint64_t* n, Ptr<const Packet>, const Ipv4Header&, const std::string& r) {
                    *n += r == "acl-drop";
                },
                &aclDropsTraced));
        std::vector<std::pair<Time, std::string>> teardowns;
        fw->TraceConnectWithoutContext("ConnectionTeardown",
                                       MakeBoundCallback(
                                           +[](std::vector<std::pair<Time, std::string>>* log,
                                               const FirewallConnection& c,
                                               const std::string& why) {
                                               log->emplace_back(
                                                   Simulator::Now(),
                                                   (c.protocol == 17 ? "udp:" : "other:") + why);
                                           },
                                           &teardowns));
        std::vector<std::string> switches;
        auto setBlock = [&fw, &switches](bool on) {
            std::string e;
            switches.push_back(fw->SetClassEnabled("block-dtls", on, e) ? "ok" : e);
        };
        // ns-3.37's Schedule takes a lambda only without arguments.
        Simulator::Schedule(Seconds(20), [&setBlock]() { setBlock(true); });
        Simulator::Schedule(Seconds(100), [&setBlock]() { setBlock(false); });
        // 10 datagrams a second each way from 1 s to 170 s; count arrivals per second.
        std::vector<uint32_t> down(180, 0);
        std::vector<uint32_t> upstream(180, 0);
        auto count = +[](std::vector<uint32_t>* v, Ptr<const Packet>) {
            ++(*v)[uint32_t(Simulator::Now().GetSeconds())];
        };
        UdpServerHelper sinkHelper(6001);
        ApplicationContainer sinks = sinkHelper.Install(t.nodes.Get(0));
        sinks.Add(sinkHelper.Install(t.nodes.Get(2)));
        sinks.Get(0)->TraceConnectWithoutContext(compat::UdpServerRxTrace(),
                                                 MakeBoundCallback(count, &down));
        sinks.Get(1)->TraceConnectWithoutContext(compat::UdpServerRxTrace(),
                                                 MakeBoundCallback(count, &upstream));
        UdpClientHelper toClient(Ipv4Address("10.8.0.2"), 6001);
        toClient.SetAttribute("MaxPackets", UintegerValue(1690));
        toClient.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
        toClient.Install(t.nodes.Get(2)).Start(Seconds(1));
        t.UdpToServer(1690, MilliSeconds(100), Seconds(1));

        Simulator::Stop(Seconds(175));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(switches.size(), 2, "enabled at 20 s, disabled at 100 s");
        for (const auto& r : switches)
        {
            NS_TEST_EXPECT_MSG_EQ(r, "ok", "block-dtls switched by name");
        }
        // Client, as OpenConnect's dtls.c: connecting, up (at start); sleeping (dpd-timeout) and
        // at once connecting again on a new socket (reconnect); that attempt gets no answer
        // within 12 s: sleeping (handshake-timeout); 60 s later connecting (retry); up.
        NS_TEST_ASSERT_MSG_EQ(client.size(), 7, "client DTLS changes");
        if (client.size() != 7)
        {
            return; // the runner continues after a failed assert by default
        }
        NS_TEST_EXPECT_MSG_EQ(client[2].to, "sleeping", "fell back");
        NS_TEST_EXPECT_MSG_EQ(client[2].reason, "dpd-timeout", "by DTLS DPD");
        // The last datagram over DTLS reached the client just after 20 s (sent at 19.9 s, 21 ms
        // on the way: 1 ms LAN, 2 x 10 ms WAN); enabling the deny at 20 s cleared the DTLS
        // connection, so everything on UDP 443 after that is a new connection and acl-drop. Dead
        // exactly 2 x 30 s after the last datagram, so before 20 + 60 s.
        NS_TEST_EXPECT_MSG_GT(client[2].at, Seconds(79.9), "not before 2 dpd");
        NS_TEST_EXPECT_MSG_LT(client[2].at, Seconds(80.1), "within the DPD deadline");
        NS_TEST_EXPECT_MSG_EQ(client[3].to, "connecting", "a new DTLS connection");
        NS_TEST_EXPECT_MSG_EQ(client[3].reason, "reconnect", "dtls_reconnect");
        NS_TEST_EXPECT_MSG_EQ(client[3].at, client[2].at, "at once, no attempt period");
        NS_TEST_EXPECT_MSG_EQ(client[4].to, "sleeping", "the attempt failed");
        NS_TEST_EXPECT_MSG_EQ(client[4].reason, "handshake-timeout", "no ServerHello");
        NS_TEST_EXPECT_MSG_EQ(client[4].at - client[3].at, Seconds(12), "OpenConnect's 12 s");
        NS_TEST_EXPECT_MSG_EQ(client[5].to, "connecting", "retry");
        NS_TEST_EXPECT_MSG_EQ(client[5].reason, "retry", "after the attempt period");
        NS_TEST_EXPECT_MSG_EQ(client[5].at - client[4].at, Seconds(60), "60 s later");
        NS_TEST_EXPECT_MSG_EQ(client[6].to, "up", "DTLS is back");
        NS_TEST_EXPECT_MSG_LT(client[6].at - client[5].at, Seconds(0.1), "in one round trip");
        // The headend falls back too (its own DPD or the client's data on TLS), by the same
        // deadline, and returns when the client's new handshake arrives.
        NS_TEST_ASSERT_MSG_GT(headend.size(), 3, "headend DTLS changes");
        if (headend.size() <= 3)
        {
            return;
        }
        bool fellBack = false;
        for (const auto& c : headend)
        {
            if (c.to == "sleeping")
            {
                fellBack = true;
                NS_TEST_EXPECT_MSG_LT(c.at, Seconds(80.1), "headend by the deadline");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(fellBack, true, "headend fell back");
        NS_TEST_EXPECT_MSG_EQ(headend.back().to, "up", "headend DTLS back up");

        // From 81 s to 99 s the tunnel runs on TLS alone: 10 datagrams a second each way, none
        // lost (the firewall denies only UDP 443; TLS on TCP 443 is tracked and passes).
        uint32_t downOnTls = 0;
        uint32_t upOnTls = 0;
        for (uint32_t s = 81; s < 100; ++s)
        {
            downOnTls += down[s];
            upOnTls += upstream[s];
        }
        NS_TEST_EXPECT_MSG_EQ(downOnTls, 190, "headend -> client keeps running over TLS");
        NS_TEST_EXPECT_MSG_EQ(upOnTls, 190, "client -> server keeps running over TLS");
        // After DTLS returns (about 152 s), data is on DTLS again and arrives whole.
        uint32_t after = 0;
        for (uint32_t s = 154; s < 170; ++s)
        {
            after += down[s] + upstream[s];
        }
        NS_TEST_EXPECT_MSG_EQ(after, 320, "both directions over DTLS again");
        // The deny did drop DTLS (data, DPD and handshake retries until the fallback), counted
        // and traced alike, and nothing else: TLS passed the stateful checks untouched.
        NS_TEST_EXPECT_MSG_GT(fw->GetDropCount("acl-drop"), 0, "the deny dropped DTLS");
        // Exactly: the CBR datagrams each side sent on DTLS from 20.0 s to 79.9 s (600 each way:
        // both ends fall back at 79.92 s, after the datagram of 79.9 s), the two DTLS DPD
        // requests of each side (at lastRx + 30 s and + 45 s), and the reconnect's four
        // ClientHellos (at +0, +1, +3, +7 s; the next timeout would pass the 12 s limit).
        NS_TEST_EXPECT_MSG_EQ(fw->GetDropCount("acl-drop"), 600 + 600 + 2 + 2 + 4, "DTLS only");
        NS_TEST_EXPECT_MSG_EQ(aclDropsTraced, fw->GetDropCount("acl-drop"), "each one traced");
        NS_TEST_EXPECT_MSG_EQ(fw->GetTotalDrops(), fw->GetDropCount("acl-drop"), "no other drop");
        // Enabling the deny cleared the one DTLS connection at 20 s (clear conn); nothing else
        // ended. Three connections in all: TLS (TCP 443), DTLS, and DTLS again after the retry.
        NS_TEST_EXPECT_MSG_EQ(teardowns.size(), 1, "one teardown");
        if (teardowns.size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(teardowns[0].first, Seconds(20), "when the deny was enabled");
            NS_TEST_EXPECT_MSG_EQ(teardowns[0].second, "udp:clear-conn", "the DTLS connection");
        }
        NS_TEST_EXPECT_MSG_EQ(fw->GetConnectionsCreated(), 3, "TLS, DTLS, DTLS after the retry");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "tunnel stayed Up");
        NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "never failed");
    }
};

/**
 * \ingroup vpn
 * TLS-only, the WAN black-holed from 10 s: TLS DPD declares the peer dead at lastRx + 2 x 30 s,
 * the tunnel is Failed, and the reconnect policy brings it back after the WAN heals.
 */
class SslVpnTlsDpdTestCase : public SimulatorTestCase
{
  public:
    SslVpnTlsDpdTestCase()
        : SimulatorTestCase(
              "anyconnect-tls: TLS DPD fails the tunnel, the reconnect policy restores it")
    {
    }

  private:
    void DoRun() override
    {
        TunnelTopology t("anyconnect-tls", [](VpnHelper& vpn) {
            vpn.SetTunnelAttribute("ReconnectPolicy", StringValue("after-delay"));
            vpn.SetTunnelAttribute("ReconnectDelay", TimeValue(Seconds(5)));
        });
        std::vector<std::pair<Time, std::string>> changes;
        t.client->TraceConnectWithoutContext(
            "StateChange",
            MakeBoundCallback(
                +[](std::vector<std::pair<Time, std::string>>* log,
                    VpnTunnelEndpoint::State,
                    VpnTunnelEndpoint::State to,
                    const std::string& reason) {
                    log->emplace_back(Simulator::Now(),
                                      VpnTunnelEndpoint::StateName(to) + ":" + reason);
                },
                &changes));
        uint32_t probes = 0;
        t.client->GetCarrier()->TraceConnectWithoutContext(
            "Liveness",
            MakeBoundCallback(
                +[](uint32_t* n, uint32_t, bool, uint8_t type) {
                    *n += type == CstpHeader::DPD_REQUEST;
                },
                &probes));
        t.BlackHoleWan(Seconds(10), Seconds(70));
        Ptr<UdpServer> udpSink = t.UdpToClient(50, MilliSeconds(100), Seconds(100));
        Simulator::Stop(Seconds(110));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT(changes.size(), 4, "start, up, failed, reconnect..., up");
        if (changes.size() <= 4)
        {
            return; // the runner continues after a failed assert by default
        }
        NS_TEST_EXPECT_MSG_EQ(changes[1].second, "up:established", "Up");
        NS_TEST_EXPECT_MSG_EQ(changes[2].second, "failed:carrier-closed", "the carrier gave up");
        // The CONNECTED answer is the last thing heard (Up); DPD at +30 and +45, dead at +60.
        NS_TEST_EXPECT_MSG_EQ(changes[2].first - changes[1].first, Seconds(60), "2 x dpd");
        NS_TEST_EXPECT_MSG_EQ(probes, 2, "DPD requests at +30 s and +45 s");
        NS_TEST_EXPECT_MSG_EQ(changes.back().second, "up:established", "Up again");
        NS_TEST_EXPECT_MSG_GT(changes.back().first, Seconds(70), "after the WAN heals");
        NS_TEST_EXPECT_MSG_EQ(udpSink->GetReceived(), 50, "traffic flows after the reconnect");
    }
};

/**
 * \ingroup vpn
 * tshark reads the TLS carrier's records as TLS on 443 (ClientHello first, then application
 * data), the DTLS records on UDP 443, and, with "decode as tcpencap" on TCP 4500, the RFC 9329
 * stream as ESP.
 */
class SslVpnPcapTestCase : public TestCase
{
  public:
    /** \param carrier anyconnect or tcp-encap */
    explicit SslVpnPcapTestCase(const std::string& carrier)
        : TestCase("tshark dissects the " + carrier + " WAN pcap"),
          m_carrier(carrier)
    {
    }

  private:
    void DoRun() override
    {
        const std::string tshark = TsharkOrSkip(GetName());
        if (tshark.empty())
        {
            return;
        }
        CaptureClientWan(m_carrier, CreateTempDirFilename("vpn-" + m_carrier + ".pcap"));
        const std::string pcap =
            tshark + " -r " + CreateTempDirFilename("vpn-" + m_carrier + ".pcap");
        bool ok = false;
        if (m_carrier == "tcp-encap")
        {
            // tshark 4.0 has no RFC 8229/9329 dissector: its "tcpencap" is Cisco's trailer
            // format, and TCP 4500 is not bound to it. The stream is plain TCP payload whose
            // first bytes from the client are the RFC 9329 prefix "IKETCP" (49 4b 45 54 43 50),
            // then the 2-byte length of IKE_SA_INIT and its non-ESP marker.
            const auto payloads =
                CommandLines(pcap + " -Y 'tcp.dstport==4500 && tcp.len>0' -T fields "
                                    "-e tcp.payload",
                             ok);
            NS_TEST_ASSERT_MSG_EQ(ok, true, "tshark runs (is it installed? ./vpnlab deps)");
            NS_TEST_ASSERT_MSG_GT(payloads.size(), 20, "the handshake and 20 ESP messages");
            NS_TEST_EXPECT_MSG_EQ(payloads[0].substr(0, 12 + 4 + 8),
                                  "494b45544350" + std::string("01b6") + "00000000",
                                  "IKETCP, length 438 (436-byte IKE_SA_INIT + 2), marker");
            const auto esp = CommandLines(pcap + " -Y esp -T fields -e frame.number", ok);
            NS_TEST_EXPECT_MSG_EQ(esp.size(), 0, "tshark 4.0 does not see ESP in RFC 9329");
            return;
        }
        const auto hello = CommandLines(pcap + " -Y 'tls.handshake.type==1 && tcp.dstport==443' -T "
                                               "fields -e tls.record.version",
                                        ok);
        NS_TEST_ASSERT_MSG_EQ(ok, true, "tshark runs (is it installed? ./vpnlab deps)");
        NS_TEST_EXPECT_MSG_EQ(hello.size(), 1, "one TLS ClientHello to 443");
        const auto appData = CommandLines(pcap + " -Y 'tls.record.content_type==23 && "
                                                 "tcp.dstport==443' -T fields -e frame.number",
                                          ok);
        // From the client on TLS: the Finished (encrypted handshake, type 22 in TLS 1.2) is not
        // application data; the CONNECT request is, and so is nothing else, since the data rides
        // DTLS.
        NS_TEST_EXPECT_MSG_EQ(appData.size(), 1, "the CONNECT request as TLS application data");
        const auto dtls =
            CommandLines(pcap + " -Y 'dtls.record.content_type==23 && "
                                "udp.dstport==443' -T fields -e dtls.record.sequence_number",
                         ok);
        // 20 datagrams on DTLS from the client.
        NS_TEST_EXPECT_MSG_EQ(dtls.size(), 20, "the data as DTLS application data");
    }

    std::string m_carrier; //!< carrier under test
};

/**
 * \ingroup vpn
 * The SSL VPN suite.
 */
class SslVpnTestSuite : public TestSuite
{
  public:
    SslVpnTestSuite()
        : TestSuite("vpn-ssl", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new DpdKeepaliveTestCase);
        // TCP (1 RTT), TLS 1.2 (2 RTT), CONNECT (1 RTT): 4 x 40 ms after 0.1 s, plus the
        // serialisation of the ~3 KB certificate flight and the CONNECT messages at 10 Mbps.
        AddTestCase(new SslVpnHandshakeTestCase("tls1.2", 0.266));
        // TLS 1.3 saves one round trip.
        AddTestCase(new SslVpnHandshakeTestCase("tls1.3", 0.226));
        AddTestCase(new SslVpnServerFlightSizeTestCase);
        AddTestCase(new SslVpnDtlsFallbackTestCase);
        AddTestCase(new SslVpnTlsDpdTestCase);
        AddTestCase(new SslVpnPcapTestCase("anyconnect"));
        AddTestCase(new SslVpnPcapTestCase("tcp-encap"));
    }
};

/// The one instance of the suite.
static SslVpnTestSuite g_sslVpnTestSuite;
