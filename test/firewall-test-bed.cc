/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-test-bed.h"

#include "ns3/simulator.h"

namespace ns3
{

FirewallTestBed::FirewallTestBed(const std::vector<std::string>& classes,
                                 const std::string& pcapPrefix)
{
    FirewallBedHelper bed;
    bed.SetLinks("100Mbps", "1ms");
    bed.SetNetworks("10.0.1.0", "10.0.2.0");
    nodes = bed.Install();
    NetDeviceContainer left = bed.GetClientSide();
    NetDeviceContainer right = bed.GetServerSide();
    addressA = bed.GetClientAddress();
    addressB = bed.GetServerAddress();

    FirewallHelper helper;
    for (const auto& spec : classes)
    {
        std::string error;
        helper.AddClass(spec, error);
    }
    firewall = helper.Install(nodes.Get(1));

    // The ends record and drop everything they receive.
    for (auto [device, into] :
         {std::make_pair(left.Get(0), &atA), std::make_pair(right.Get(1), &atB)})
    {
        Ptr<RateErrorModel> sink = CreateObject<RateErrorModel>();
        sink->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        sink->SetRate(1.0);
        device->SetAttribute("ReceiveErrorModel", PointerValue(sink));
        device->TraceConnectWithoutContext("PhyRxDrop", MakeBoundCallback(&Record, into));
    }
    auto onDrop = +[](std::vector<std::pair<Time, std::string>>* out,
                      Ptr<const Packet>,
                      const Ipv4Header&,
                      const std::string& reason) { out->emplace_back(Simulator::Now(), reason); };
    auto onTeardown = +[](std::vector<std::pair<Time, std::string>>* out,
                          const FirewallConnection&,
                          const std::string& why) { out->emplace_back(Simulator::Now(), why); };
    firewall->TraceConnectWithoutContext("Drop", MakeBoundCallback(onDrop, &drops));
    firewall->TraceConnectWithoutContext("ConnectionTeardown",
                                         MakeBoundCallback(onTeardown, &teardowns));
    if (!pcapPrefix.empty())
    {
        PointToPointHelper p2p;
        p2p.EnablePcap(pcapPrefix, left.Get(1), false);
    }
}

void
FirewallTestBed::Record(std::vector<Arrival>* into, Ptr<const Packet> p)
{
    Ptr<Packet> copy = p->Copy();
    PppHeader ppp;
    copy->RemoveHeader(ppp);
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    Arrival a{Simulator::Now(), ip.GetProtocol(), ip.GetSource(), TcpHeader(), 0};
    if (ip.GetProtocol() == 6)
    {
        copy->RemoveHeader(a.tcp);
        a.payload = copy->GetSize();
    }
    into->push_back(a);
}

void
FirewallTestBed::SendNow(bool fromA, Ptr<Packet> p, uint8_t protocol)
{
    Ptr<Ipv4> ipv4 = nodes.Get(fromA ? 0 : 2)->GetObject<Ipv4>();
    ipv4->Send(p, fromA ? addressA : addressB, fromA ? addressB : addressA, protocol, nullptr);
}

void
FirewallTestBed::Tcp(Time at,
                     bool fromA,
                     uint8_t flags,
                     uint32_t seq,
                     uint32_t ack,
                     uint32_t payload,
                     uint16_t window)
{
    TcpHeader h;
    h.SetSourcePort(fromA ? PORT_A : PORT_B);
    h.SetDestinationPort(fromA ? PORT_B : PORT_A);
    h.SetSequenceNumber(SequenceNumber32(seq));
    h.SetAckNumber(SequenceNumber32(ack));
    h.SetFlags(flags);
    h.SetWindowSize(window);
    Ptr<Packet> p = Create<Packet>(payload);
    p->AddHeader(h);
    Simulator::Schedule(at, &FirewallTestBed::SendNow, this, fromA, p, 6);
}

void
FirewallTestBed::Handshake(Time t)
{
    Tcp(t, true, TcpHeader::SYN, ISN_A, 0);
    Tcp(t + MilliSeconds(10), false, TcpHeader::SYN | TcpHeader::ACK, ISN_B, ISN_A + 1);
    Tcp(t + MilliSeconds(20), true, TcpHeader::ACK, ISN_A + 1, ISN_B + 1);
}

void
FirewallTestBed::Data(Time at, uint32_t k)
{
    Tcp(at, true, TcpHeader::ACK, ISN_A + 1 + (k - 1) * SEGMENT, ISN_B + 1, SEGMENT);
}

void
FirewallTestBed::Udp(Time at)
{
    UdpHeader u;
    u.SetSourcePort(PORT_A);
    u.SetDestinationPort(PORT_B);
    Ptr<Packet> p = Create<Packet>(100);
    p->AddHeader(u);
    Simulator::Schedule(at, &FirewallTestBed::SendNow, this, true, p, 17);
}

void
FirewallTestBed::Run(Time stop)
{
    Simulator::Stop(stop);
    Simulator::Run();
    dropCountAtRun = firewall->GetTotalDrops();
    dupAcksAtRun = firewall->GetDupAcksSent();
    connectionsAtRun = firewall->GetConnectionCount();
    Simulator::Destroy();
}

std::vector<Time>
FirewallTestBed::DropTimes(const std::string& reason) const
{
    std::vector<Time> times;
    for (const auto& [t, r] : drops)
    {
        if (r == reason)
        {
            times.push_back(t);
        }
    }
    return times;
}

std::vector<uint32_t>
FirewallTestBed::DataSeqAtB() const
{
    std::vector<uint32_t> seqs;
    for (const auto& a : atB)
    {
        if (a.protocol == 6 && a.payload > 0)
        {
            seqs.push_back(a.tcp.GetSequenceNumber().GetValue());
        }
    }
    return seqs;
}

uint32_t
FirewallTestBed::AcksAtA() const
{
    uint32_t n = 0;
    for (const auto& a : atA)
    {
        if (a.protocol == 6 && a.payload == 0 && a.tcp.GetFlags() == TcpHeader::ACK)
        {
            ++n;
        }
    }
    return n;
}

} // namespace ns3
