/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-tcp-proxy.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FirewallTcpProxy");

NS_OBJECT_ENSURE_REGISTERED(FirewallTcpProxy);

TypeId
FirewallTcpProxy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FirewallTcpProxy")
            .SetParent<Object>()
            .SetGroupName("Vpn")
            .AddConstructor<FirewallTcpProxy>()
            .AddAttribute("LingerTime",
                          "How long the table entry of a proxied connection stays after both "
                          "sides have closed, for their last ACKs.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&FirewallTcpProxy::m_lingerTime),
                          MakeTimeChecker(Seconds(0)));
    return tid;
}

FirewallTcpProxy::FirewallTcpProxy()
    : m_bytes(0),
      m_accepted(0)
{
    NS_LOG_FUNCTION(this);
}

FirewallTcpProxy::~FirewallTcpProxy()
{
    NS_LOG_FUNCTION(this);
}

void
FirewallTcpProxy::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [port, socket] : m_listeners)
    {
        socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    m_listeners.clear();
    for (auto& [raw, session] : m_sessions)
    {
        raw->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        raw->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        raw->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    }
    m_sessions.clear();
    m_node = nullptr;
    m_ended = MakeNullCallback<void, const FirewallFlowKey&, const std::string&>();
    Object::DoDispose();
}

void
FirewallTcpProxy::Setup(Ptr<Node> node, SessionEndCallback ended)
{
    m_node = node;
    m_ended = ended;
}

void
FirewallTcpProxy::Listen(uint16_t port)
{
    if (m_listeners.count(port))
    {
        return;
    }
    Ptr<Socket> listener = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&FirewallTcpProxy::HandleAccept, this));
    m_listeners[port] = listener;
}

void
FirewallTcpProxy::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    Address local;
    socket->GetSockName(local);
    const InetSocketAddress client = InetSocketAddress::ConvertFrom(from);
    const InetSocketAddress server = InetSocketAddress::ConvertFrom(local);
    NS_LOG_FUNCTION(this << client.GetIpv4() << client.GetPort() << server.GetIpv4()
                         << server.GetPort());
    auto session = std::make_shared<Session>();
    session->client = socket;
    session->key = FirewallFlowKey::Make(6,
                                         client.GetIpv4(),
                                         server.GetIpv4(),
                                         client.GetPort(),
                                         server.GetPort());

    // The server leg speaks in the client's name: bind to its address and port.
    session->server = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    session->server->Bind(client);
    session->server->SetConnectCallback(MakeCallback(&FirewallTcpProxy::HandleConnected, this),
                                        MakeCallback(&FirewallTcpProxy::HandleConnectFailed, this));
    for (const Ptr<Socket>& s : {session->client, session->server})
    {
        s->SetRecvCallback(MakeCallback(&FirewallTcpProxy::HandleReady, this));
        s->SetSendCallback(MakeCallback(&FirewallTcpProxy::HandleSpace, this));
        s->SetCloseCallbacks(MakeCallback(&FirewallTcpProxy::HandleClose, this),
                             MakeCallback(&FirewallTcpProxy::HandleClose, this));
        m_sessions[PeekPointer(s)] = session;
    }
    ++m_accepted;
    session->server->Connect(server);
}

void
FirewallTcpProxy::HandleConnected(Ptr<Socket> socket)
{
    auto it = m_sessions.find(PeekPointer(socket));
    if (it == m_sessions.end())
    {
        return;
    }
    it->second->serverUp = true;
    Pump(it->second);
}

void
FirewallTcpProxy::HandleConnectFailed(Ptr<Socket> socket)
{
    auto it = m_sessions.find(PeekPointer(socket));
    if (it == m_sessions.end())
    {
        return;
    }
    auto session = it->second;
    session->serverClosed = true;
    session->clientClosed = true;
    session->client->Close();
    m_sessions.erase(PeekPointer(session->client));
    m_sessions.erase(PeekPointer(session->server));
    NotifyEnded(session->key, "proxy-closed");
}

void
FirewallTcpProxy::HandleReady(Ptr<Socket> socket)
{
    auto it = m_sessions.find(PeekPointer(socket));
    if (it != m_sessions.end())
    {
        Pump(it->second);
    }
}

void
FirewallTcpProxy::HandleSpace(Ptr<Socket> socket, uint32_t /* available */)
{
    HandleReady(socket);
}

void
FirewallTcpProxy::HandleClose(Ptr<Socket> socket)
{
    auto it = m_sessions.find(PeekPointer(socket));
    if (it == m_sessions.end())
    {
        return;
    }
    auto session = it->second;
    if (socket == session->client)
    {
        session->clientClosed = true;
    }
    else
    {
        session->serverClosed = true;
    }
    Pump(session);
}

void
FirewallTcpProxy::Move(Ptr<Socket> from, Ptr<Socket> to)
{
    while (from->GetRxAvailable() > 0 && to->GetTxAvailable() > 0)
    {
        const uint32_t n = std::min(from->GetRxAvailable(), to->GetTxAvailable());
        Ptr<Packet> packet = from->Recv(n, 0);
        if (!packet || packet->GetSize() == 0)
        {
            break;
        }
        const int sent = to->Send(packet);
        if (sent < 0)
        {
            NS_LOG_WARN("proxy send failed: " << to->GetErrno());
            break;
        }
        m_bytes += packet->GetSize();
    }
}

void
FirewallTcpProxy::Pump(const std::shared_ptr<Session>& session)
{
    if (!session->serverUp)
    {
        return;
    }
    Move(session->client, session->server);
    Move(session->server, session->client);
    // Relay a close once everything before it has been handed to the other leg; Close() sends
    // the FIN after the send buffer drains.
    const bool clientDrained = session->client->GetRxAvailable() == 0;
    const bool serverDrained = session->server->GetRxAvailable() == 0;
    if (session->clientClosed && clientDrained && serverDrained && session->serverClosed)
    {
        session->client->Close();
        session->server->Close();
        m_sessions.erase(PeekPointer(session->client));
        m_sessions.erase(PeekPointer(session->server));
        Simulator::Schedule(m_lingerTime,
                            &FirewallTcpProxy::NotifyEnded,
                            Ptr<FirewallTcpProxy>(this),
                            session->key,
                            std::string("proxy-closed"));
        return;
    }
    if (session->clientClosed && clientDrained)
    {
        session->server->Close();
    }
    if (session->serverClosed && serverDrained)
    {
        session->client->Close();
    }
}

uint64_t
FirewallTcpProxy::GetBytesRelayed() const
{
    return m_bytes;
}

uint64_t
FirewallTcpProxy::GetSessionCount() const
{
    return m_accepted;
}

void
FirewallTcpProxy::NotifyEnded(FirewallFlowKey key, std::string why)
{
    if (!m_ended.IsNull())
    {
        m_ended(key, why);
    }
}

} // namespace ns3
