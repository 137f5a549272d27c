/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dtls-listener.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DtlsListener");

DtlsListener::DtlsListener(Resolver resolver, DropHook drop)
    : m_resolver(std::move(resolver)),
      m_drop(std::move(drop))
{
    NS_LOG_FUNCTION(this);
}

void
DtlsListener::Open(Ptr<Node> node, Ipv4Address local, uint16_t port, const std::string& owner)
{
    NS_LOG_FUNCTION(this << local << port);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    const int status = m_socket->Bind(InetSocketAddress(local, port));
    NS_ABORT_MSG_IF(status != 0,
                    "vpn carrier '" << owner << "': cannot bind UDP " << local << ":" << port
                                    << " on node " << node->GetId());
    m_socket->SetRecvCallback(MakeCallback(&DtlsListener::Read, this));
}

Ptr<Socket>
DtlsListener::GetSocket() const
{
    return m_socket;
}

void
DtlsListener::Forget(Ptr<const DtlsChannel> channel)
{
    m_bySource.erase({channel->GetPeerAddress().Get(), channel->GetPeerPort()});
}

void
DtlsListener::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_bySource.clear();
}

void
DtlsListener::Read(Ptr<Socket> socket)
{
    Ptr<DtlsListener> self(this); // a record may make the carrier close the listener
    Address from;
    while (Ptr<Packet> datagram = socket->RecvFrom(from))
    {
        const InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        const Source key{source.GetIpv4().Get(), source.GetPort()};
        auto known = m_bySource.find(key);
        Ptr<DtlsChannel> channel = known == m_bySource.end() ? nullptr : known->second;
        auto record = [&](uint8_t type, Ptr<Packet> body) {
            // A new UDP source is learned from its ClientHello's session id.
            DtlsChannel::SessionId session{};
            if (DtlsChannel::ClientHelloSession(type, body, session))
            {
                Ptr<DtlsChannel> named = m_resolver(session);
                if (!named)
                {
                    m_drop(datagram, "dtls-unknown-session");
                    return false;
                }
                Forget(named);
                named->SetPeer(source.GetIpv4(), source.GetPort());
                m_bySource[key] = named;
                channel = named;
            }
            if (!channel || channel->IsClosed())
            {
                m_drop(datagram, "dtls-unknown-session");
                return false;
            }
            channel->Receive(type, body);
            return true;
        };
        if (!DtlsChannel::ForEachRecord(datagram, record))
        {
            m_drop(datagram, "dtls-malformed");
        }
    }
}

} // namespace ns3
