/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "udp-encap-carrier.h"

#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("UdpEncapCarrier");

NS_OBJECT_ENSURE_REGISTERED(UdpEncapCarrier);

namespace
{
/// RFC 3948 section 2.2: the non-ESP marker is four zero bytes.
constexpr uint32_t NON_ESP_MARKER_SIZE = 4;
/// RFC 3948 section 2.3: a NAT-keepalive is one byte of 0xFF.
constexpr uint8_t KEEPALIVE_BYTE = 0xFF;
} // namespace

TypeId
UdpEncapCarrier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::UdpEncapCarrier")
            .SetParent<IkeUdpCarrier>()
            .SetGroupName("Vpn")
            .AddConstructor<UdpEncapCarrier>()
            .AddAttribute("Mode",
                          "natt: RFC 3948 on UDP 4500; cisco-udp: Cisco IPsec-over-UDP on 10000.",
                          EnumValue(NATT),
                          compat::MakeEnumAccessor<UdpEncapCarrier::Mode>(&UdpEncapCarrier::m_mode),
                          MakeEnumChecker(NATT, "natt", CISCO_UDP, "cisco-udp"))
            .AddAttribute("DataPort",
                          "UDP port of ESP; 0 takes the mode's: 4500 (RFC 3948) or 10000 (the "
                          "ASA's default ipsec-over-udp port).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&UdpEncapCarrier::m_dataPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("KeepaliveInterval",
                          "A client sends a one-byte 0xFF keepalive after this long without "
                          "sending on the data port. NAT-T: RFC 3948 section 2.3 (Cisco "
                          "default 20 s). cisco-udp: the ASA counts such messages in show asp "
                          "drop as ipsecudp-keepalive (\"IPSec/UDP keepalive message\") and "
                          "answers none; their format (the NAT-T byte) and interval (20 s) are "
                          "assumptions. 0 disables.",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&UdpEncapCarrier::m_keepaliveInterval),
                          MakeTimeChecker(Time(0)));
    return tid;
}

UdpEncapCarrier::UdpEncapCarrier()
    : m_mode(NATT),
      m_dataPort(0),
      m_keepaliveInterval(Seconds(20)),
      m_keepalivePeer(0),
      m_keepalivesSent(0),
      m_keepalivesRecv(0)
{
    NS_LOG_FUNCTION(this);
}

UdpEncapCarrier::~UdpEncapCarrier()
{
    NS_LOG_FUNCTION(this);
}

void
UdpEncapCarrier::DoDispose()
{
    m_keepaliveEvent.Cancel();
    m_dataSocket = nullptr;
    IkeUdpCarrier::DoDispose();
}

std::string
UdpEncapCarrier::GetName() const
{
    return m_mode == NATT ? "natt" : "cisco-udp";
}

VpnCarrier::IkeVersion
UdpEncapCarrier::GetIkeVersion() const
{
    return m_mode == NATT ? IKEV2 : IKEV1;
}

uint16_t
UdpEncapCarrier::GetDataPort() const
{
    if (m_dataPort != 0)
    {
        return m_dataPort;
    }
    return m_mode == NATT ? 4500 : 10000;
}

uint64_t
UdpEncapCarrier::GetKeepalivesSent() const
{
    return m_keepalivesSent;
}

uint64_t
UdpEncapCarrier::GetKeepalivesReceived() const
{
    return m_keepalivesRecv;
}

void
UdpEncapCarrier::OpenData()
{
    NS_LOG_FUNCTION(this);
    m_dataSocket = OpenUdp(GetDataPort(), MakeCallback(&UdpEncapCarrier::ReadData, this));
}

void
UdpEncapCarrier::CloseData()
{
    NS_LOG_FUNCTION(this);
    m_keepaliveEvent.Cancel();
    if (m_dataSocket)
    {
        m_dataSocket->Close();
        m_dataSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_dataSocket = nullptr;
    }
}

bool
UdpEncapCarrier::SendControl(uint32_t peer, Ptr<Packet> message, bool initial)
{
    NS_LOG_FUNCTION(this << peer << message << initial);
    if (m_mode == CISCO_UDP || initial)
    {
        return IkeUdpCarrier::SendControl(peer, message, initial);
    }
    UdpPeer* p = FindPeer<UdpPeer>(peer);
    if (!p || !m_dataSocket)
    {
        return false;
    }
    NotifySend(message, CONTROL);
    const uint8_t marker[NON_ESP_MARKER_SIZE] = {0, 0, 0, 0};
    Ptr<Packet> marked = Create<Packet>(marker, NON_ESP_MARKER_SIZE);
    marked->AddAtEnd(message);
    SendOnDataPort(*p, marked);
    return true;
}

bool
UdpEncapCarrier::SendData(uint32_t peer, Ptr<Packet> message)
{
    NS_LOG_FUNCTION(this << peer << message);
    UdpPeer* p = FindPeer<UdpPeer>(peer);
    if (!p || !m_dataSocket)
    {
        return false;
    }
    if (m_client)
    {
        m_keepalivePeer = peer;
    }
    NotifySend(message, DATA);
    SendOnDataPort(*p, message);
    return true;
}

void
UdpEncapCarrier::SendOnDataPort(const UdpPeer& peer, Ptr<Packet> packet)
{
    const uint16_t port = peer.dataPort ? peer.dataPort : GetDataPort();
    m_dataSocket->SendTo(packet, 0, InetSocketAddress(peer.remote, port));
    ArmKeepalive();
}

uint32_t
UdpEncapCarrier::GetDataOverhead() const
{
    return 20 + 8; // outer IPv4 and UDP headers
}

void
UdpEncapCarrier::ArmKeepalive()
{
    if (!m_client || m_keepaliveInterval.IsZero() || m_keepalivePeer == 0)
    {
        return;
    }
    m_keepaliveEvent.Cancel();
    m_keepaliveEvent =
        Simulator::Schedule(m_keepaliveInterval, &UdpEncapCarrier::SendKeepalive, this);
}

void
UdpEncapCarrier::SendKeepalive()
{
    NS_LOG_FUNCTION(this);
    UdpPeer* p = FindPeer<UdpPeer>(m_keepalivePeer);
    if (!p || !m_dataSocket)
    {
        return;
    }
    ++m_keepalivesSent;
    const uint8_t byte = KEEPALIVE_BYTE;
    SendOnDataPort(*p, Create<Packet>(&byte, 1));
}

void
UdpEncapCarrier::ReadData(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        const uint32_t peer = LearnPeer(source.GetIpv4());
        // Reply to the port the peer sends from (a NAT may have changed it), but only once the
        // tunnel has found this message authentic (ConfirmPeer, RFC 3948 section 3.5).
        UdpPeer* p = FindPeer<UdpPeer>(peer);
        p->rxPort = source.GetPort();
        Deliver(peer, packet);
        if (UdpPeer* still = FindPeer<UdpPeer>(peer)) // the tunnel may have closed it
        {
            still->rxPort = 0;
        }
    }
}

void
UdpEncapCarrier::ConfirmPeer(uint32_t peer)
{
    UdpPeer* p = FindPeer<UdpPeer>(peer);
    if (p && p->rxPort != 0)
    {
        p->dataPort = p->rxPort;
    }
}

void
UdpEncapCarrier::Deliver(uint32_t peer, Ptr<Packet> packet)
{
    const uint32_t size = packet->GetSize();
    uint8_t head[NON_ESP_MARKER_SIZE] = {0, 0, 0, 0};
    packet->CopyData(head, std::min(size, NON_ESP_MARKER_SIZE));
    if (size == 1 && head[0] == KEEPALIVE_BYTE)
    {
        ++m_keepalivesRecv; // consumed, unanswered (the ASA's ipsecudp-keepalive count)
        return;
    }
    if (size < NON_ESP_MARKER_SIZE)
    {
        NotifyDrop(packet, "runt");
        return;
    }
    const bool marker = head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0;
    if (marker)
    {
        if (m_mode != NATT)
        {
            NotifyDrop(packet, "zero-spi");
            return;
        }
        packet->RemoveAtStart(NON_ESP_MARKER_SIZE);
        NotifyReceive(peer, packet, CONTROL);
        return;
    }
    NotifyReceive(peer, packet, DATA);
}

} // namespace ns3
