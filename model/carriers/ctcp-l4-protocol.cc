/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctcp-l4-protocol.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-segment-view.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CtcpL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(CtcpL4Protocol);

TypeId
CtcpL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CtcpL4Protocol")
            .SetParent<VpnL4Protocol>()
            .SetGroupName("Vpn")
            .AddConstructor<CtcpL4Protocol>()
            .AddTraceSource("Drop",
                            "A segment for a cTCP port dropped: malformed or bad checksum.",
                            MakeTraceSourceAccessor(&CtcpL4Protocol::m_dropTrace),
                            "ns3::CtcpL4Protocol::DropTracedCallback");
    return tid;
}

CtcpL4Protocol::CtcpL4Protocol()
    : m_handedToTcp(0),
      m_drops(0)
{
    NS_LOG_FUNCTION(this);
}

CtcpL4Protocol::~CtcpL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
CtcpL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_receivers.clear();
    m_tcp = nullptr;
    VpnL4Protocol::DoDispose();
}

Ptr<CtcpL4Protocol>
CtcpL4Protocol::Get(Ptr<Node> node, Ipv4Address local)
{
    Ptr<CtcpL4Protocol> ctcp = node->GetObject<CtcpL4Protocol>();
    if (!ctcp)
    {
        ctcp = CreateObject<CtcpL4Protocol>();
        // The node-wide protocol 6 (ns-3's TcpL4Protocol, if installed) takes what is not ours.
        ctcp->m_tcp = ctcp->Wire(node)->GetProtocol(PROT_NUMBER);
    }
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    const int32_t interface = ipv4->GetInterfaceForAddress(local);
    NS_ABORT_MSG_IF(interface < 0,
                    "CtcpL4Protocol: " << local << " is not an address of node " << node->GetId());
    if (ctcp->m_interfaces.insert(interface).second)
    {
        ipv4->Insert(ctcp, interface);
    }
    return ctcp;
}

void
CtcpL4Protocol::Register(Ipv4Address local, uint16_t port, ReceiveCallback cb)
{
    NS_LOG_FUNCTION(this << local << port);
    m_receivers[Key(local, port)] = cb;
}

void
CtcpL4Protocol::Unregister(Ipv4Address local, uint16_t port)
{
    NS_LOG_FUNCTION(this << local << port);
    m_receivers.erase(Key(local, port));
}

bool
CtcpL4Protocol::IsRegistered(Ipv4Address local, uint16_t port) const
{
    return m_receivers.count(Key(local, port)) > 0;
}

void
CtcpL4Protocol::Send(Ptr<Packet> payload,
                     const Segment& segment,
                     Ipv4Address source,
                     Ipv4Address destination,
                     uint16_t mss)
{
    NS_LOG_FUNCTION(this << payload << source << destination);
    TcpHeader header;
    header.SetSourcePort(segment.sourcePort);
    header.SetDestinationPort(segment.destinationPort);
    header.SetSequenceNumber(segment.sequence);
    header.SetAckNumber(segment.ack);
    header.SetFlags(segment.flags);
    header.SetWindowSize(segment.window);
    if (mss != 0)
    {
        Ptr<TcpOptionMSS> option = CreateObject<TcpOptionMSS>();
        option->SetMSS(mss);
        header.AppendOption(option);
    }
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksums();
        header.InitializeChecksum(source, destination, PROT_NUMBER);
    }
    payload->AddHeader(header);
    SendDown(payload, source, destination);
}

uint64_t
CtcpL4Protocol::GetHandedToTcpCount() const
{
    return m_handedToTcp;
}

uint64_t
CtcpL4Protocol::GetDropCount() const
{
    return m_drops;
}

int
CtcpL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

void
CtcpL4Protocol::Drop(Ptr<const Packet> packet, const std::string& reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    ++m_drops;
    m_dropTrace(packet, reason);
}

IpL4Protocol::RxStatus
CtcpL4Protocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface)
{
    NS_LOG_FUNCTION(this << p << header.GetSource() << header.GetDestination());
    TcpSegmentView view;
    const bool decoded = view.Decode(p);

    auto it = m_receivers.find(Key(header.GetDestination(), view.destinationPort));
    if (it == m_receivers.end())
    {
        // Not a cTCP port: what the host's own TCP would do (serve a listener, or RST).
        ++m_handedToTcp;
        if (m_tcp)
        {
            return m_tcp->Receive(p, header, iface);
        }
        return IpL4Protocol::RX_ENDPOINT_UNREACH;
    }

    if (!decoded)
    {
        Drop(p, "malformed");
        return IpL4Protocol::RX_OK;
    }
    if (Node::ChecksumEnabled() &&
        !TcpSegmentView::IsChecksumOk(p, header.GetSource(), header.GetDestination()))
    {
        Drop(p, "checksum");
        return IpL4Protocol::RX_CSUM_FAILED;
    }
    if (view.headerLength > TcpSegmentView::FIXED_HEADER_SIZE && view.DecodeOptions(p).malformed)
    {
        Drop(p, "bad-option");
        return IpL4Protocol::RX_OK;
    }
    Segment s;
    s.sourcePort = view.sourcePort;
    s.destinationPort = view.destinationPort;
    s.sequence = view.seq;
    s.ack = view.ack;
    s.flags = view.flags;
    s.window = view.window;
    p->RemoveAtStart(view.headerLength);
    it->second(p, s, header.GetSource());
    return IpL4Protocol::RX_OK;
}

IpL4Protocol::RxStatus
CtcpL4Protocol::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface)
{
    NS_LOG_FUNCTION(this << p);
    return m_tcp ? m_tcp->Receive(p, header, iface) : IpL4Protocol::RX_ENDPOINT_UNREACH;
}

} // namespace ns3
