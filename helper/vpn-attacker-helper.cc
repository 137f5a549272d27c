/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-attacker-helper.h"

#include "ns3/double.h"
#include "ns3/dtls-record-header.h"
#include "ns3/esp-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tls-handshake.h"
#include "ns3/tls-record-header.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VpnAttacker");

NS_OBJECT_ENSURE_REGISTERED(VpnAttacker);

namespace
{
/// IANA protocol number of TCP (RFC 9293).
constexpr uint8_t TCP = 6;
/// IANA protocol number of UDP (RFC 768).
constexpr uint8_t UDP = 17;
} // namespace

TypeId
VpnAttacker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VpnAttacker")
            .SetParent<Object>()
            .SetGroupName("Vpn")
            .AddConstructor<VpnAttacker>()
            .AddAttribute("FloodRate",
                          "Datagrams per second that Flood sends (default 1000), more than 0.",
                          DoubleValue(1000),
                          MakeDoubleAccessor(&VpnAttacker::m_floodRate),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("CaptureLimit",
                          "Most packets Capture records (default 100000); later ones are not "
                          "kept, which bounds the memory a long capture takes.",
                          UintegerValue(100000),
                          MakeUintegerAccessor(&VpnAttacker::m_captureLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Inject",
                            "A crafted datagram leaves the attacker's node.",
                            MakeTraceSourceAccessor(&VpnAttacker::m_injectTrace),
                            "ns3::VpnAttacker::InjectTracedCallback")
            .AddTraceSource("Refused",
                            "A request was refused (misuse of the API): nothing was sent or "
                            "recorded; the argument says why, in one line.",
                            MakeTraceSourceAccessor(&VpnAttacker::m_refusedTrace),
                            "ns3::VpnAttacker::RefusedTracedCallback");
    return tid;
}

VpnAttacker::VpnAttacker()
    : m_floodRate(1000),
      m_captureLimit(100000)
{
}

bool
VpnAttacker::Install(Ptr<Node> node, std::string& error)
{
    NS_LOG_FUNCTION(this << node);
    std::ostringstream why;
    if (m_node)
    {
        why << "VpnAttacker: installed on node " << m_node->GetId()
            << " already; one node per attacker (create another)";
    }
    else if (!node)
    {
        why << "VpnAttacker: Install needs a node, got none";
    }
    else if (!node->GetObject<Ipv4>())
    {
        why << "VpnAttacker: node " << node->GetId()
            << " has no Ipv4 stack; install one (InternetStackHelper) before the attacker";
    }
    else if (node->GetObject<VpnAttacker>())
    {
        why << "VpnAttacker: node " << node->GetId()
            << " has an attacker already (node->GetObject<VpnAttacker>()); one per node";
    }
    if (!why.str().empty())
    {
        error = why.str();
        NS_LOG_WARN(error);
        return false;
    }
    m_node = node;
    node->AggregateObject(this);
    return true;
}

bool
VpnAttacker::Refuse(const std::string& reason)
{
    NS_LOG_WARN(reason);
    m_refusedTrace(reason);
    return false;
}

bool
VpnAttacker::InjectIp(Ipv4Address source,
                      Ipv4Address destination,
                      uint8_t protocol,
                      Ptr<const Packet> payload)
{
    NS_LOG_FUNCTION(this << source << destination << +protocol << payload);
    if (!m_node)
    {
        return Refuse("VpnAttacker: nothing sent: Install the attacker on a node first");
    }
    if (!payload)
    {
        return Refuse("VpnAttacker: nothing sent: no payload (an empty one is Create<Packet>())");
    }
    Ptr<Packet> copy = payload->Copy();
    m_injectTrace(copy, source, destination, protocol);
    // No route: Ipv4L3Protocol::Send routes it and keeps the given source (DESIGN.md,
    // "Originating").
    m_node->GetObject<Ipv4>()->Send(copy, source, destination, protocol, nullptr);
    return true;
}

bool
VpnAttacker::InjectUdp(Ipv4Address source,
                       uint16_t sourcePort,
                       Ipv4Address destination,
                       uint16_t destinationPort,
                       Ptr<const Packet> payload)
{
    if (!payload)
    {
        return InjectIp(source, destination, UDP, payload);
    }
    return InjectIp(source, destination, UDP, UdpDatagram(sourcePort, destinationPort, payload));
}

Ptr<Packet>
VpnAttacker::UdpDatagram(uint16_t sourcePort, uint16_t destinationPort, Ptr<const Packet> payload)
{
    Ptr<Packet> datagram = payload->Copy();
    UdpHeader udp;
    udp.SetSourcePort(sourcePort);
    udp.SetDestinationPort(destinationPort);
    datagram->AddHeader(udp);
    return datagram;
}

bool
VpnAttacker::InjectTcp(Ipv4Address source,
                       uint16_t sourcePort,
                       Ipv4Address destination,
                       uint16_t destinationPort,
                       uint32_t sequence,
                       uint32_t ack,
                       uint8_t flags,
                       Ptr<const Packet> payload)
{
    if (!payload)
    {
        return InjectIp(source, destination, TCP, payload);
    }
    TcpHeader tcp;
    tcp.SetSourcePort(sourcePort);
    tcp.SetDestinationPort(destinationPort);
    tcp.SetSequenceNumber(SequenceNumber32(sequence));
    tcp.SetAckNumber(SequenceNumber32(ack));
    tcp.SetFlags(flags);
    tcp.SetWindowSize(65535);
    return InjectIp(source, destination, TCP, TcpSegment(tcp, source, destination, payload));
}

Ptr<Packet>
VpnAttacker::TcpSegment(TcpHeader tcp,
                        Ipv4Address source,
                        Ipv4Address destination,
                        Ptr<const Packet> payload)
{
    Ptr<Packet> segment = payload->Copy();
    tcp.EnableChecksums();
    tcp.InitializeChecksum(source, destination, TCP);
    segment->AddHeader(tcp);
    return segment;
}

bool
VpnAttacker::Flood(Ipv4Address source,
                   Ipv4Address destination,
                   uint8_t protocol,
                   Ptr<const Packet> payload,
                   uint32_t count)
{
    NS_LOG_FUNCTION(this << source << destination << +protocol << count);
    if (count == 0)
    {
        return true;
    }
    if (!InjectIp(source, destination, protocol, payload))
    {
        return false;
    }
    FloodNext(source, destination, protocol, payload->Copy(), count - 1);
    return true;
}

void
VpnAttacker::FloodNext(Ipv4Address source,
                       Ipv4Address destination,
                       uint8_t protocol,
                       Ptr<const Packet> payload,
                       uint32_t left)
{
    if (left > 0)
    {
        Simulator::Schedule(Seconds(1.0 / m_floodRate),
                            &VpnAttacker::FloodOne,
                            this,
                            source,
                            destination,
                            protocol,
                            payload,
                            left);
    }
}

void
VpnAttacker::FloodOne(Ipv4Address source,
                      Ipv4Address destination,
                      uint8_t protocol,
                      Ptr<const Packet> payload,
                      uint32_t left)
{
    InjectIp(source, destination, protocol, payload);
    FloodNext(source, destination, protocol, payload, left - 1);
}

Ptr<Packet>
VpnAttacker::ForgeEsp(uint32_t spi, uint32_t sequence, uint32_t size)
{
    Ptr<Packet> esp = Create<Packet>(size);
    EspHeader header;
    header.SetSpi(spi);
    header.SetSequenceNumber(sequence);
    esp->AddHeader(header);
    return esp;
}

Ptr<Packet>
VpnAttacker::ForgeDtlsClientHello(const CstpConnect::SessionId& session)
{
    Ptr<Packet> hello = TlsHandshake::Hello(true, false, true, session.data(), 0);
    hello->AddHeader(DtlsRecordHeader(TlsRecordHeader::HANDSHAKE, 0, 0, hello->GetSize()));
    return hello;
}

Ptr<Packet>
VpnAttacker::EditEspSequence(Ptr<const Packet> esp, uint32_t sequence)
{
    Ptr<Packet> edited = esp->Copy();
    EspHeader header;
    edited->RemoveHeader(header);
    header.SetSequenceNumber(sequence);
    edited->AddHeader(header);
    return edited;
}

Ptr<Packet>
VpnAttacker::FromBytes(Ptr<const Packet> packet)
{
    return Truncate(packet, packet->GetSize());
}

Ptr<Packet>
VpnAttacker::Truncate(Ptr<const Packet> packet, uint32_t size)
{
    std::vector<uint8_t> bytes(std::min(size, packet->GetSize()));
    packet->CopyData(bytes.data(), bytes.size());
    return Create<Packet>(bytes.data(), bytes.size());
}

bool
VpnAttacker::Capture(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    if (!device || !device->GetNode())
    {
        return Refuse("VpnAttacker: nothing captured: Capture needs a device on a node");
    }
    device->GetNode()->RegisterProtocolHandler(MakeCallback(&VpnAttacker::Captured, this),
                                               Ipv4L3Protocol::PROT_NUMBER,
                                               device,
                                               true);
    return true;
}

void
VpnAttacker::Captured(Ptr<NetDevice> /* device */,
                      Ptr<const Packet> packet,
                      uint16_t /* protocol */,
                      const Address& /* from */,
                      const Address& /* to */,
                      NetDevice::PacketType /* type */)
{
    if (m_captured.size() < m_captureLimit)
    {
        m_captured.push_back(packet->Copy());
    }
}

const std::vector<Ptr<const Packet>>&
VpnAttacker::GetCaptured() const
{
    return m_captured;
}

bool
VpnAttacker::Resend(uint32_t index, uint32_t size)
{
    NS_LOG_FUNCTION(this << index << size);
    if (index >= m_captured.size())
    {
        std::ostringstream why;
        why << "VpnAttacker: nothing resent: no packet captured at index " << index << " ("
            << m_captured.size() << " captured so far)";
        return Refuse(why.str());
    }
    Ptr<Packet> datagram = m_captured[index]->Copy();
    Ipv4Header ip;
    datagram->RemoveHeader(ip);
    if (ip.GetProtocol() == UDP)
    {
        UdpHeader udp;
        datagram->RemoveHeader(udp);
        return InjectUdp(ip.GetSource(),
                         udp.GetSourcePort(),
                         ip.GetDestination(),
                         udp.GetDestinationPort(),
                         Truncate(datagram, size));
    }
    if (ip.GetProtocol() == TCP)
    {
        TcpHeader tcp;
        datagram->RemoveHeader(tcp);
        return InjectIp(
            ip.GetSource(),
            ip.GetDestination(),
            TCP,
            TcpSegment(tcp, ip.GetSource(), ip.GetDestination(), Truncate(datagram, size)));
    }
    return InjectIp(ip.GetSource(),
                    ip.GetDestination(),
                    ip.GetProtocol(),
                    Truncate(datagram, size));
}

void
VpnAttacker::DoDispose()
{
    m_node = nullptr;
    m_captured.clear();
    Object::DoDispose();
}

} // namespace ns3
