/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rfc5961-tcp-socket.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-segment-view.h"
#include "ns3/type-id.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Rfc5961TcpSocket");

NS_OBJECT_ENSURE_REGISTERED(Rfc5961TcpSocket);

namespace
{
/**
 * \param type a TypeId attribute of TCP
 * \param tcp the node's TCP
 * \return a factory of that type
 */
ObjectFactory
FactoryOf(const std::string& type, Ptr<TcpL4Protocol> tcp)
{
    TypeIdValue value;
    tcp->GetAttribute(type, value);
    ObjectFactory factory;
    factory.SetTypeId(value.Get());
    return factory;
}
} // namespace

TypeId
Rfc5961TcpSocket::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Rfc5961TcpSocket")
                            .SetParent<TcpSocketBase>()
                            .SetGroupName("Vpn")
                            .AddConstructor<Rfc5961TcpSocket>();
    return tid;
}

Rfc5961TcpSocket::Rfc5961TcpSocket()
    : m_rstCheck(false),
      m_ackCheck(false)
{
}

Rfc5961TcpSocket::Rfc5961TcpSocket(const Rfc5961TcpSocket& socket)
    : TcpSocketBase(socket),
      m_rstCheck(socket.m_rstCheck),
      m_ackCheck(socket.m_ackCheck),
      m_dropped(socket.m_dropped)
{
}

Ptr<Rfc5961TcpSocket>
Rfc5961TcpSocket::Create(Ptr<TcpL4Protocol> tcp)
{
    Ptr<Rfc5961TcpSocket> socket = CreateObject<Rfc5961TcpSocket>();
    socket->SetNode(tcp->GetObject<Node>());
    socket->SetTcp(tcp);
    socket->SetRtt(FactoryOf("RttEstimatorType", tcp).Create<RttEstimator>());
    socket->SetCongestionControlAlgorithm(FactoryOf("SocketType", tcp).Create<TcpCongestionOps>());
    socket->SetRecoveryAlgorithm(FactoryOf("RecoveryType", tcp).Create<TcpRecoveryOps>());
    tcp->AddSocket(socket);
    return socket;
}

void
Rfc5961TcpSocket::SetChecks(bool rst,
                            bool ack,
                            Callback<void, Ptr<const Packet>, const std::string&> dropped)
{
    m_rstCheck = rst;
    m_ackCheck = ack;
    m_dropped = dropped;
}

Ptr<TcpSocketBase>
Rfc5961TcpSocket::Fork()
{
    return CopyObject<Rfc5961TcpSocket>(this);
}

void
Rfc5961TcpSocket::DoForwardUp(Ptr<Packet> packet,
                              const Address& fromAddress,
                              const Address& toAddress)
{
    // The synchronized states, where the receive window exists (RFC 9293 section 3.10.7.4).
    // TcpL4Protocol has parsed the header already; the view reads its fixed part's bytes only.
    TcpSegmentView view;
    if (!(m_rstCheck || m_ackCheck) || m_state < ESTABLISHED || m_state > TIME_WAIT ||
        !view.Decode(packet))
    {
        TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
        return;
    }
    const SequenceNumber32 rcvNxt = GetRxBuffer()->NextRxSequence();
    std::string drop;
    if (m_rstCheck && (view.flags & TcpSegmentView::RST) && view.seq != rcvNxt)
    {
        // RCV.NXT < SEG.SEQ < RCV.NXT + RCV.WND (TcpRxBuffer's MaxRxSequence is the window's
        // right edge): a challenge ACK; anything else is dropped silently.
        const bool inWindow = view.seq > rcvNxt && view.seq < GetRxBuffer()->MaxRxSequence();
        if (inWindow)
        {
            SendEmptyPacket(TcpHeader::ACK);
        }
        drop = inWindow ? "rst-challenged" : "rst-outside-window";
    }
    else if (m_ackCheck &&
             !(view.flags & (TcpSegmentView::ACK | TcpSegmentView::RST | TcpSegmentView::SYN)))
    {
        drop = "no-ack";
    }
    if (drop.empty())
    {
        TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
        return;
    }
    NS_LOG_INFO("segment at " << view.seq << " (RCV.NXT " << rcvNxt << ", flags 0x" << std::hex
                              << +view.flags << std::dec << "): " << drop);
    if (!m_dropped.IsNull())
    {
        m_dropped(packet, drop);
    }
}

} // namespace ns3
