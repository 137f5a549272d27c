/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_TCP_PROXY_H
#define FIREWALL_TCP_PROXY_H

#include "firewall-flow-key.h"

#include "ns3/address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"

#include <cstdint>
#include <map>
#include <memory>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The firewall's full split-TCP proxy (policy action `proxy`).
 *
 * A transparent proxy built from ns-3 TCP sockets on the firewall node. StatefulFirewall hands
 * every packet of a proxied flow to the node's own TCP (L3's local-delivery callback), whatever
 * its destination address: a listener bound to the wildcard address on the server's port
 * accepts the client's connection in the server's name, and a second socket, bound to the
 * client's address and port, opens the connection to the server in the client's name. Each side
 * is a complete TCP: the proxy acknowledges to the sender and retransmits to the receiver
 * itself, and data it never received in order is never forwarded (a TCP socket delivers only
 * in-order bytes). Bytes are relayed as they arrive, limited by the other socket's send buffer.
 * A FIN is relayed as a Close() once the data before it has been handed over; the table entry
 * goes a few seconds after both sides have closed.
 */
class FirewallTcpProxy : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FirewallTcpProxy();
    ~FirewallTcpProxy() override;

    /**
     * Called when a session has ended and its table entry should go.
     * \param [in] key the firewall's table key of the connection
     * \param [in] why the teardown reason ("proxy-closed")
     */
    typedef Callback<void, const FirewallFlowKey&, const std::string&> SessionEndCallback;

    /**
     * \param node the firewall node (its TCP carries both legs)
     * \param ended called when a session ends
     */
    void Setup(Ptr<Node> node, SessionEndCallback ended);

    /**
     * Make sure a listener exists for a server port.
     * \param port the server's TCP port
     */
    void Listen(uint16_t port);

    /** \return bytes relayed, both directions */
    uint64_t GetBytesRelayed() const;

    /** \return sessions accepted since the start */
    uint64_t GetSessionCount() const;

  private:
    /** One proxied connection: the two sockets and their close state. */
    struct Session
    {
        Ptr<Socket> client;       //!< accepted from the client, in the server's name
        Ptr<Socket> server;       //!< connected to the server, in the client's name
        bool serverUp{false};     //!< the server leg is connected
        bool clientClosed{false}; //!< the client sent its FIN or reset
        bool serverClosed{false}; //!< the server sent its FIN or reset
        FirewallFlowKey key;      //!< the firewall's table key
    };

    void DoDispose() override;

    /**
     * A client connection was accepted.
     * \param socket the accepted socket \param from the client's address
     */
    void HandleAccept(Ptr<Socket> socket, const Address& from);

    /**
     * The server leg is connected.
     * \param socket the server socket
     */
    void HandleConnected(Ptr<Socket> socket);

    /**
     * The server leg failed.
     * \param socket the server socket
     */
    void HandleConnectFailed(Ptr<Socket> socket);

    /**
     * Data or buffer space appeared on a socket: move what can be moved.
     * \param socket the socket
     */
    void HandleReady(Ptr<Socket> socket);

    /**
     * Send space appeared on a socket.
     * \param socket the socket \param available bytes free
     */
    void HandleSpace(Ptr<Socket> socket, uint32_t available);

    /**
     * A socket's peer closed (FIN or RST).
     * \param socket the socket
     */
    void HandleClose(Ptr<Socket> socket);

    /**
     * Relay both directions of a session and propagate closes.
     * \param session the session
     */
    void Pump(const std::shared_ptr<Session>& session);

    /**
     * Move bytes from one socket to the other.
     * \param from the socket to read \param to the socket to write
     */
    void Move(Ptr<Socket> from, Ptr<Socket> to);

    /**
     * Tell the firewall a session has ended.
     * \param key its table key \param why the reason
     */
    void NotifyEnded(FirewallFlowKey key, std::string why);

    Ptr<Node> m_node;                                       //!< the firewall node
    SessionEndCallback m_ended;                             //!< told when a session ends
    std::map<uint16_t, Ptr<Socket>> m_listeners;            //!< listener per server port
    std::map<Socket*, std::shared_ptr<Session>> m_sessions; //!< both sockets -> session
    uint64_t m_bytes;                                       //!< bytes relayed
    uint64_t m_accepted;                                    //!< sessions accepted
    Time m_lingerTime;                                      //!< entry kept after both closes
};

} // namespace ns3

#endif /* FIREWALL_TCP_PROXY_H */
