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

TypeId
Rfc5961TcpSocket::GetInstanceTypeId() const
{
    return GetTypeId();
}

Rfc5961TcpSocket::Rfc5961TcpSocket()
    : m_rstCheck(false),
      m_challengeAcks(0)
{
}

Rfc5961TcpSocket::Rfc5961TcpSocket(const Rfc5961TcpSocket& socket)
    : TcpSocketBase(socket),
      m_rstCheck(socket.m_rstCheck),
      m_dropped(socket.m_dropped),
      m_challengeAcks(0)
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
Rfc5961TcpSocket::SetRstCheck(bool check,
                              Callback<void, Ptr<const Packet>, const std::string&> dropped)
{
    m_rstCheck = check;
    m_dropped = dropped;
}

uint64_t
Rfc5961TcpSocket::GetChallengeAcks() const
{
    return m_challengeAcks;
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
    if (m_rstCheck && m_state >= ESTABLISHED && m_state <= TIME_WAIT && view.Decode(packet) &&
        (view.flags & TcpSegmentView::RST))
    {
        const SequenceNumber32 rcvNxt = GetRxBuffer()->NextRxSequence();
        if (view.seq != rcvNxt)
        {
            // RCV.NXT < SEG.SEQ < RCV.NXT + RCV.WND (TcpRxBuffer's MaxRxSequence is the window's
            // right edge): a challenge ACK; anything else is dropped silently.
            const bool inWindow = view.seq > rcvNxt && view.seq < GetRxBuffer()->MaxRxSequence();
            NS_LOG_INFO("RST at " << view.seq << ", RCV.NXT " << rcvNxt << ": "
                                  << (inWindow ? "challenge ACK" : "outside the window"));
            if (inWindow)
            {
                ++m_challengeAcks;
                SendEmptyPacket(TcpHeader::ACK);
            }
            if (!m_dropped.IsNull())
            {
                m_dropped(packet, inWindow ? "rst-challenged" : "rst-outside-window");
            }
            return;
        }
    }
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
}

} // namespace ns3
