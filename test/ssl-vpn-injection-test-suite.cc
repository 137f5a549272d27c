/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Injections into a running AnyConnect tunnel (issue 16): a second TLS connection whose CSTP
 * CONNECT claims the client's inner address without the session cookie or with a wrong one, and
 * foreign DTLS ClientHellos. Each case runs the same tunnel with and without the injection and
 * asserts that the drop is counted under its reason and that the genuine session lost nothing.
 */

#include "simulator-test-case.h"
#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/ppp-header.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

#include <string>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/// The client's WAN address in the tunnel bed.
const Ipv4Address CLIENT_WAN("172.16.0.1");
/// The headend's WAN address in the tunnel bed.
const Ipv4Address HEADEND_WAN("172.16.0.2");
/// The client's inner address, which the forged CONNECT claims.
const Ipv4Address CLIENT_INNER("10.8.0.2");
/// SslVpnCarrier's Port and DtlsPort defaults.
constexpr uint16_t SSL_PORT = 443;
/// The UDP port the forger (or the client's rebinding NAT) sends DTLS from.
constexpr uint16_t OTHER_PORT = 4501;
/// SslVpnCarrier's ConnectRequestSize default.
constexpr uint32_t CONNECT_SIZE = 600;

/**
 * The bytes a TLS 1.2 client sends before its CONNECT, as SslVpnCarrier's defaults make them:
 * ClientHello (512), then, after the headend's flight (3000), ClientKeyExchange, ChangeCipherSpec
 * and Finished. The headend's side is played here too, to learn the client's second flight.
 * \return the client's records, on the wire
 */
Ptr<Packet>
ClientHandshakeBytes()
{
    const uint32_t overhead = TlsRecordLayer::AeadOverhead(false);
    TlsHandshake client(true, false, 3000, overhead);
    TlsHandshake server(false, false, 3000, overhead);
    Ptr<Packet> out = Create<Packet>();
    std::vector<TlsHandshake::Record> pending = client.Start(512);
    bool fromClient = true;
    for (int round = 0; round < 4 && !pending.empty(); ++round)
    {
        std::vector<TlsHandshake::Record> answers;
        for (const auto& r : pending)
        {
            Ptr<Packet> wire = TlsRecordLayer::Tls(false, r.type, r.body, r.encrypted);
            if (fromClient)
            {
                out->AddAtEnd(wire->Copy());
            }
            TlsRecordHeader header;
            wire->RemoveHeader(header);
            for (const auto& a : (fromClient ? server : client).Receive(header.GetType(), wire))
            {
                answers.push_back(a);
            }
        }
        pending = answers;
        fromClient = !fromClient;
    }
    return out;
}

/**
 * A TLS connection of the forger's: it completes the handshake and sends a CONNECT claiming the
 * client's inner address with a given cookie, all in one write once TCP is up (the headend reads
 * the records in order). Everything the headend answers is read and counted.
 */
struct ForgedConnect
{
    Ptr<Socket> socket;    //!< the forger's TCP socket
    std::string cookie;    //!< the cookie it sends (empty: no Cookie header)
    uint64_t bytesRead{0}; //!< what the headend sent it
    bool closed{false};    //!< the headend closed the connection
    bool connected{false}; //!< TCP came up
    bool answered{false};  //!< "200 CONNECTED" seen in what was read
    std::string readSoFar; //!< the bytes read, as text
};

/**
 * Open the forger's connection from a node to the headend now.
 * \param node where the forger sits
 * \param forged its state (kept alive by the caller)
 */
void
StartForgedConnect(Ptr<Node> node, ForgedConnect* forged)
{
    forged->socket = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    forged->socket->Bind();
    forged->socket->SetConnectCallback(
        MakeBoundCallback(
            +[](ForgedConnect* f, Ptr<Socket> s) {
                f->connected = true;
                Ptr<Packet> bytes = ClientHandshakeBytes();
                const std::string text =
                    CstpConnect::Request(CLIENT_INNER, f->cookie, true, CONNECT_SIZE);
                Ptr<Packet> connect =
                    Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
                bytes->AddAtEnd(
                    TlsRecordLayer::Tls(false, TlsRecordHeader::APPLICATION_DATA, connect, true));
                s->Send(bytes);
            },
            forged),
        MakeNullCallback<void, Ptr<Socket>>());
    forged->socket->SetRecvCallback(MakeBoundCallback(
        +[](ForgedConnect* f, Ptr<Socket> s) {
            while (Ptr<Packet> p = s->Recv())
            {
                f->bytesRead += p->GetSize();
                std::string text(p->GetSize(), '\0');
                p->CopyData(reinterpret_cast<uint8_t*>(&text[0]), text.size());
                f->readSoFar += text;
                f->answered = f->readSoFar.find("200 CONNECTED") != std::string::npos;
            }
        },
        forged));
    forged->socket->SetCloseCallbacks(MakeBoundCallback(
                                          +[](ForgedConnect* f, Ptr<Socket>) { f->closed = true; },
                                          forged),
                                      MakeBoundCallback(
                                          +[](ForgedConnect* f, Ptr<Socket>) { f->closed = true; },
                                          forged));
    forged->socket->Connect(InetSocketAddress(HEADEND_WAN, SSL_PORT));
}

/**
 * A UDP socket on the client node bound to OTHER_PORT, counting what arrives there.
 * \param node the client node
 * \param count where to count
 * \return the socket
 */
Ptr<Socket>
OtherPortSocket(Ptr<Node> node, uint64_t* count)
{
    Ptr<Socket> other = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    other->Bind(InetSocketAddress(Ipv4Address::GetAny(), OTHER_PORT));
    other->SetRecvCallback(MakeBoundCallback(
        +[](uint64_t* n, Ptr<Socket> s) {
            while (s->Recv())
            {
                ++*n;
            }
        },
        count));
    return other;
}

/**
 * Keep a copy of the first DTLS ClientHello the headend's WAN device receives (the UDP payload).
 * \param device the headend's WAN device
 * \param hello where the copy goes
 */
void
RecordClientHello(Ptr<NetDevice> device, Ptr<Packet>* hello)
{
    device->TraceConnectWithoutContext(
        "MacRx",
        MakeBoundCallback(
            +[](Ptr<Packet>* out, Ptr<const Packet> packet) {
                if (*out)
                {
                    return;
                }
                Ptr<Packet> p = packet->Copy();
                PppHeader ppp; // MacRx sees the frame with its PPP header
                p->RemoveHeader(ppp);
                Ipv4Header ip;
                p->RemoveHeader(ip);
                if (ip.GetProtocol() != 17)
                {
                    return;
                }
                UdpHeader udp;
                p->RemoveHeader(udp);
                CstpConnect::SessionId sid{};
                bool hello = false;
                DtlsChannel::ForEachRecord(p, [&hello, &sid](uint8_t type, Ptr<Packet> body) {
                    hello = hello || DtlsChannel::ClientHelloSession(type, body, sid);
                    return true;
                });
                if (udp.GetDestinationPort() == SSL_PORT && hello)
                {
                    *out = p;
                }
            },
            hello));
}

/**
 * Session 1 as the model named DTLS sessions before issue 16: the carrier's handle (1 for the
 * first connection) big-endian in the first four bytes, then zeros.
 * \return that id
 */
CstpConnect::SessionId
OldStyleSessionOne()
{
    CstpConnect::SessionId sid{};
    sid[3] = 1;
    return sid;
}

/**
 * Count an endpoint's state changes into one state.
 * \param endpoint the endpoint
 * \param state the state entered
 * \param count where to count
 */
void
CountEntries(Ptr<VpnTunnelEndpoint> endpoint, VpnTunnelEndpoint::State state, uint64_t* count)
{
    endpoint->TraceConnectWithoutContext(
        "StateChange",
        MakeBoundCallback(
            +[](std::pair<VpnTunnelEndpoint::State, uint64_t*> c,
                VpnTunnelEndpoint::State,
                VpnTunnelEndpoint::State to,
                const std::string&) { *c.second += to == c.first; },
            std::make_pair(state, count)));
}

} // namespace

/**
 * \ingroup vpn
 * A forged CONNECT (OpenConnect's cstp.c: "Cookie: webvpn=..." authenticates it). At t = 1 s a
 * TLS connection from the client node (another port) completes the handshake and sends a CONNECT
 * claiming the client's inner address 10.8.0.2 without a cookie, or with a wrong one. The headend
 * must drop it as bad-cookie, close that connection, and keep the genuine session: every datagram
 * of the run without the injection is delivered, the client stays Up and never fails.
 */
class SslForgedConnectTestCase : public SimulatorTestCase
{
  public:
    /**
     * \param carrier anyconnect (data on DTLS) or anyconnect-tls
     * \param cookie the forger's cookie (empty: no Cookie header)
     */
    SslForgedConnectTestCase(const std::string& carrier, const std::string& cookie)
        : SimulatorTestCase(carrier +
                            ": a second TLS connection's CONNECT for the client's address " +
                            (cookie.empty() ? "without a cookie" : "with a wrong cookie") +
                            " is bad-cookie and changes nothing"),
          m_carrier(carrier),
          m_cookie(cookie)
    {
    }

  private:
    /** What one run saw. */
    struct Outcome
    {
        uint64_t delivered{0};            //!< inner datagrams the client received
        std::vector<std::string> reasons; //!< the headend carrier's drops, by reason
        bool up{false};                   //!< the client is Up at the end
        uint64_t failures{0};             //!< the client's failures
        uint64_t cookies{0};              //!< cookies the headend gave out
        ForgedConnect forged;             //!< the forger's connection
    };

    /**
     * \param inject whether to open the forged connection
     * \param o the outcome
     */
    void Run(bool inject, Outcome& o)
    {
        {
            TunnelTopology t(m_carrier);
            // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
            Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
            RecordDropReasons(t.headend->GetCarrier(), &o.reasons);
            o.forged.cookie = m_cookie;
            if (inject)
            {
                Ptr<Node> client = t.nodes.Get(0);
                ForgedConnect* forged = &o.forged;
                Simulator::Schedule(Seconds(1),
                                    [client, forged]() { StartForgedConnect(client, forged); });
            }
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            o.delivered = sink->GetReceived();
            o.up = t.client->GetState() == VpnTunnelEndpoint::UP;
            o.failures = t.client->GetFailureCount();
            o.cookies = DynamicCast<SslVpnCarrier>(t.headend->GetCarrier())->GetCookiesIssued();
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Outcome clean;
        Run(false, clean);
        Outcome attacked;
        Run(true, attacked);
        // The tunnel is Up at about 0.27 s, before the first datagram at 0.5 s, and the WAN
        // loses nothing: all 300 arrive.
        NS_TEST_EXPECT_MSG_EQ(clean.delivered, 300, "baseline: every datagram delivered");
        NS_TEST_EXPECT_MSG_EQ(clean.reasons.size(), 0, "baseline: no drop");
        // The genuine client authenticated once: one cookie.
        NS_TEST_EXPECT_MSG_EQ(clean.cookies, 1, "baseline: the client's cookie");
        NS_TEST_ASSERT_MSG_EQ(attacked.forged.connected, true, "the forger's TCP came up");
        // The forger's CONNECT is the one drop, by name; the forger got no cookie.
        NS_TEST_ASSERT_MSG_EQ(attacked.reasons.size(), 1, "one drop at the headend");
        // (The runner continues after a failed assert by default: index only what is there.)
        NS_TEST_EXPECT_MSG_EQ((attacked.reasons.empty() ? "" : attacked.reasons[0]),
                              "bad-cookie",
                              "by name");
        NS_TEST_EXPECT_MSG_EQ(attacked.cookies, 1, "still the client's cookie only");
        // It heard the handshake (ServerHello and the 3000-byte flight, then ChangeCipherSpec
        // and Finished), never "200 CONNECTED"; the headend closed the connection.
        NS_TEST_EXPECT_MSG_EQ(attacked.forged.answered, false, "no CONNECTED for the forger");
        NS_TEST_EXPECT_MSG_EQ(attacked.forged.closed, true, "the headend closed it");
        // The genuine session is untouched: every datagram arrives as without the injection,
        // the client stays Up.
        NS_TEST_EXPECT_MSG_EQ(attacked.delivered, clean.delivered, "same inner datagrams");
        NS_TEST_EXPECT_MSG_EQ(attacked.up, true, "the client is still Up");
        NS_TEST_EXPECT_MSG_EQ(attacked.failures, 0, "and never failed");
    }

    std::string m_carrier; //!< carrier under test
    std::string m_cookie;  //!< the forger's cookie
};

/**
 * \ingroup vpn
 * DTLS session binding (OpenConnect: the headend's X-DTLS-Session-ID, 32 bytes sent over the
 * authenticated TLS channel, names the session a ClientHello resumes). At t = 1 s a DTLS
 * ClientHello from the client's address on UDP 4501 names session 1 as the model numbered
 * sessions before (a 4-byte handle), or an id that is random but not the session's: both are
 * dropped as dtls-unknown-session, nothing is sent to 4501, and the session's DTLS data keeps
 * arriving. The genuine ClientHello (a copy of the client's) from 4501, as from the client's NAT
 * after a rebinding, moves the session's DTLS there, as ocserv does (forward_udp_to_owner finds
 * the session by the id alone): the headend answers it on 4501 and, its DTLS channel connecting
 * again, sends data on TLS, which the client still reads: nothing is lost.
 */
class SslDtlsSessionTestCase : public SimulatorTestCase
{
  public:
    /** What the ClientHello from port 4501 names. */
    enum Injection
    {
        NONE,      //!< nothing: the baseline
        OLD_STYLE, //!< session "1", a sequential handle
        RANDOM,    //!< 32 bytes that are no session's
        REBINDING  //!< the genuine ClientHello, copied
    };

    /** \param injection what to inject */
    explicit SslDtlsSessionTestCase(Injection injection)
        : SimulatorTestCase(
              std::string("anyconnect: a DTLS ClientHello from another port naming ") +
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
            return "nothing (baseline)";
        case OLD_STYLE:
            return "session 1 the old way (dropped)";
        case RANDOM:
            return "a random unknown id (dropped)";
        case REBINDING:
            return "the session's own id, a NAT rebinding (moves)";
        }
        return "";
    }

    void DoRun() override
    {
        {
            TunnelTopology t("anyconnect");
            // 300 datagrams of 1024 bytes, server to client, 10 ms apart from 0.5 s (to 3.49 s).
            Ptr<UdpServer> sink = t.UdpToClient(300, MilliSeconds(10), Seconds(0.5));
            Ptr<SslVpnCarrier> headend = DynamicCast<SslVpnCarrier>(t.headend->GetCarrier());
            Ptr<SslVpnCarrier> client = DynamicCast<SslVpnCarrier>(t.client->GetCarrier());
            std::vector<std::string> reasons;
            RecordDropReasons(headend, &reasons);
            uint64_t atOtherPort = 0;
            Ptr<Socket> other = OtherPortSocket(t.nodes.Get(0), &atOtherPort);
            Ptr<Packet> genuineHello;
            RecordClientHello(t.wan.Get(1), &genuineHello);
            const Injection injection = m_injection;
            bool injected = false;
            Simulator::Schedule(Seconds(1), [&]() {
                Ptr<Packet> hello;
                if (injection == OLD_STYLE)
                {
                    hello = VpnAttacker::ForgeDtlsClientHello(OldStyleSessionOne());
                }
                else if (injection == RANDOM)
                {
                    CstpConnect::SessionId sid{};
                    for (uint32_t i = 0; i < sid.size(); ++i)
                    {
                        sid[i] = uint8_t(37 * i + 11);
                    }
                    hello = VpnAttacker::ForgeDtlsClientHello(sid);
                }
                else if (injection == REBINDING && genuineHello)
                {
                    hello = genuineHello->Copy();
                }
                if (hello)
                {
                    other->SendTo(hello, 0, InetSocketAddress(HEADEND_WAN, SSL_PORT));
                    injected = true;
                }
            });
            Simulator::Stop(Seconds(5));
            Simulator::Run();

            if (injection != NONE)
            {
                NS_TEST_ASSERT_MSG_EQ(injected, true, "the ClientHello was sent");
            }
            // Every datagram reaches the client: over DTLS, or over TLS after the rebinding.
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300, "every datagram delivered");
            NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "client Up");
            NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 0, "never failed");
            if (injection == OLD_STYLE || injection == RANDOM)
            {
                NS_TEST_ASSERT_MSG_EQ(reasons.size(), 1, "one drop at the headend");
                NS_TEST_EXPECT_MSG_EQ((reasons.empty() ? "" : reasons[0]),
                                      "dtls-unknown-session",
                                      "by name");
                NS_TEST_EXPECT_MSG_EQ(atOtherPort, 0, "nothing went to the forger's port");
                // The session's data stayed on DTLS: the server's 300 datagrams less the ones
                // sent before DTLS was up (it is up before 0.5 s: none).
                NS_TEST_EXPECT_MSG_EQ(headend->GetDtlsDataSent(), 300, "all 300 on DTLS");
            }
            else if (injection == REBINDING)
            {
                NS_TEST_EXPECT_MSG_EQ(reasons.size(), 0, "no drop");
                // The headend's resumption flight (ServerHello, ChangeCipherSpec, Finished in one
                // datagram) goes to 4501; nothing else, since the channel now waits for the
                // rebound client and the data goes on TLS.
                NS_TEST_EXPECT_MSG_EQ(atOtherPort, 1, "the answer went to the new port");
                // The copy leaves at 1.00 s and reaches the headend at about 1.02 s (20 ms WAN
                // plus serialisation); the server's datagrams reach it 1 ms after they leave. So
                // the 52 sent from 0.50 s through 1.01 s went on DTLS, the other 248 on TLS.
                NS_TEST_EXPECT_MSG_EQ(headend->GetDtlsDataSent(), 52, "DTLS until the rebinding");
                NS_TEST_EXPECT_MSG_EQ(headend->GetTlsDataSent(), 248, "then TLS");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(reasons.size(), 0, "baseline: no drop");
                NS_TEST_EXPECT_MSG_EQ(atOtherPort, 0, "baseline: nothing to 4501");
                NS_TEST_EXPECT_MSG_EQ(headend->GetDtlsDataSent(), 300, "baseline: all on DTLS");
            }
            other->Close();
        }
        Simulator::Destroy();
    }

    Injection m_injection; //!< what this case injects
};

/**
 * \ingroup vpn
 * The genuine client's reconnect keeps its cookie (OpenConnect's cstp_reconnect calls
 * openconnect_make_cstp_connection again with the same vpninfo->cookie; ocserv's cookie-timeout
 * keeps a cookie valid while its session lives and for 300 s after the client disconnects).
 * TLS-only, the WAN black-holed from 10 s to 70 s: TLS DPD fails the tunnel at 60 s after the
 * last message, the reconnect policy (after-delay, 5 s) brings it back once the WAN heals, and
 * the new CONNECT carries the first cookie: the headend gave out one cookie, dropped nothing as
 * bad-cookie, and the 50 datagrams after 100 s arrive.
 */
class SslReconnectCookieTestCase : public SimulatorTestCase
{
  public:
    SslReconnectCookieTestCase()
        : SimulatorTestCase("anyconnect-tls: a reconnect after TLS DPD re-uses the session cookie")
    {
    }

  private:
    void DoRun() override
    {
        {
            TunnelTopology t("anyconnect-tls", [](VpnHelper& vpn) {
                vpn.SetTunnelAttribute("ReconnectPolicy", StringValue("after-delay"));
                vpn.SetTunnelAttribute("ReconnectDelay", TimeValue(Seconds(5)));
            });
            Ptr<SslVpnCarrier> headend = DynamicCast<SslVpnCarrier>(t.headend->GetCarrier());
            std::vector<std::string> reasons;
            RecordDropReasons(headend, &reasons);
            uint64_t ups = 0;
            CountEntries(t.client, VpnTunnelEndpoint::UP, &ups);
            t.BlackHoleWan(Seconds(10), Seconds(70));
            Ptr<UdpServer> sink = t.UdpToClient(50, MilliSeconds(100), Seconds(100));
            Simulator::Stop(Seconds(110));
            Simulator::Run();

            // Up at start, Failed by TLS DPD at about 60.3 s, Up again after the WAN heals.
            NS_TEST_EXPECT_MSG_EQ(t.client->GetFailureCount(), 1, "TLS DPD failed it once");
            NS_TEST_EXPECT_MSG_GT(ups, 1, "Up, then Up again after a reconnect");
            NS_TEST_EXPECT_MSG_EQ(t.client->GetState(), VpnTunnelEndpoint::UP, "Up at the end");
            NS_TEST_EXPECT_MSG_EQ(headend->GetCookiesIssued(), 1, "one cookie, re-used");
            for (const auto& r : reasons)
            {
                NS_TEST_EXPECT_MSG_NE(r, "bad-cookie", "the reconnect's CONNECT was accepted");
            }
            NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 50, "traffic flows after the reconnect");
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup vpn
 * The SSL VPN injection suite.
 */
class SslVpnInjectionTestSuite : public TestSuite
{
  public:
    SslVpnInjectionTestSuite()
        : TestSuite("vpn-injection-ssl", TestSuite::Type::SYSTEM)
    {
        for (const char* carrier : {"anyconnect", "anyconnect-tls"})
        {
            AddTestCase(new SslForgedConnectTestCase(carrier, ""));
            AddTestCase(new SslForgedConnectTestCase(carrier, std::string(64, 'f')));
        }
        AddTestCase(new SslDtlsSessionTestCase(SslDtlsSessionTestCase::NONE));
        AddTestCase(new SslDtlsSessionTestCase(SslDtlsSessionTestCase::OLD_STYLE));
        AddTestCase(new SslDtlsSessionTestCase(SslDtlsSessionTestCase::RANDOM));
        AddTestCase(new SslDtlsSessionTestCase(SslDtlsSessionTestCase::REBINDING));
        AddTestCase(new SslReconnectCookieTestCase());
    }
};

/// The suite's one instance.
static SslVpnInjectionTestSuite g_sslVpnInjectionTestSuite;
