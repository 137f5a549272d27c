/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark: memory per connection of the stateful firewall's table. Opens N TCP connections
 * (SYN, SYN-ACK, ACK each, handed straight to the firewall's RouteInput as a forwarding node's
 * Ipv4ListRouting would) and reports the resident-set growth per entry, beside the table's own
 * accounting of its hash node. Not a timed test; for instruction counts run it under
 *
 *   valgrind --tool=callgrind build/examples/vpn-firewall-bench --connections=10000
 *
 *   ./vpnlab bench
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/vpn-module.h"

#include <fstream>
#include <iostream>
#include <unistd.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("VpnFirewallBench");

/**
 * \return the resident set size of this process, in bytes
 */
static uint64_t
ResidentBytes()
{
    std::ifstream statm("/proc/self/statm");
    uint64_t size = 0;
    uint64_t resident = 0;
    statm >> size >> resident;
    return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

/**
 * Offer one TCP segment to the firewall.
 * \param fw the firewall \param src source \param dst destination \param sport source port
 * \param dport destination port \param flags TCP flags \param seq sequence \param ack ack
 * \return true when the firewall consumed it
 */
static bool
Offer(Ptr<StatefulFirewall> fw,
      Ipv4Address src,
      Ipv4Address dst,
      uint16_t sport,
      uint16_t dport,
      uint8_t flags,
      uint32_t seq,
      uint32_t ack)
{
    TcpHeader tcp;
    tcp.SetSourcePort(sport);
    tcp.SetDestinationPort(dport);
    tcp.SetFlags(flags);
    tcp.SetSequenceNumber(SequenceNumber32(seq));
    tcp.SetAckNumber(SequenceNumber32(ack));
    tcp.SetWindowSize(65535);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetProtocol(6);
    ip.SetPayloadSize(p->GetSize());
    return fw->RouteInput(
        p,
        ip,
        nullptr,
        MakeNullCallback<void, Ptr<Ipv4Route>, Ptr<const Packet>, const Ipv4Header&>(),
        MakeNullCallback<void, Ptr<Ipv4MulticastRoute>, Ptr<const Packet>, const Ipv4Header&>(),
        MakeNullCallback<void, Ptr<const Packet>, const Ipv4Header&, uint32_t>(),
        MakeNullCallback<void, Ptr<const Packet>, const Ipv4Header&, Socket::SocketErrno>());
}

int
main(int argc, char* argv[])
{
    uint32_t connections = 10000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("connections", "concurrent TCP connections to open", connections);
    cmd.Parse(argc, argv);

    Ptr<StatefulFirewall> fw = CreateObject<StatefulFirewall>();
    std::string error;
    fw->AddClass("proto=tcp action=inspect", error);
    const Ipv4Address server("10.2.0.1");
    // Warm up the allocator and the scheduler with one connection.
    Offer(fw, Ipv4Address("10.9.0.1"), server, 1, 80, TcpHeader::SYN, 0, 0);
    const uint64_t before = ResidentBytes();
    for (uint32_t i = 0; i < connections; ++i)
    {
        const Ipv4Address client(0x0a010000 + i / 60000);
        const uint16_t port = static_cast<uint16_t>(1024 + i % 60000);
        Offer(fw, client, server, port, 80, TcpHeader::SYN, 1000, 0);
        Offer(fw, server, client, 80, port, TcpHeader::SYN | TcpHeader::ACK, 5000, 1001);
        Offer(fw, client, server, port, 80, TcpHeader::ACK, 1001, 5001);
    }
    const uint64_t after = ResidentBytes();
    const double perEntry = static_cast<double>(after - before) / connections;
    std::cout << "connections " << fw->GetConnectionCount() << " (" << fw->GetTotalDrops()
              << " drops)\n"
              << "RSS growth " << (after - before) / 1024 << " KiB, " << perEntry
              << " bytes per established inspected connection (entry, two normalizers, one "
                 "pending idle event)\n"
              << "hash node alone (table accounting) "
              << FirewallConnectionTable::GetBytesPerEntry() << " bytes\n";
    Simulator::Destroy();
    return 0;
}
