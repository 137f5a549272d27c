/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DTLS_LISTENER_H
#define DTLS_LISTENER_H

#include "dtls-channel.h"

#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <functional>
#include <map>
#include <string>
#include <utility>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A headend's UDP socket on the DTLS port, shared by every session's DtlsChannel: it
 * hands each record to the channel of the client that sent it.
 *
 * A new UDP source is known by its ClientHello: the session id names the TLS session
 * (X-DTLS-Session-ID, 32 random bytes the headend sent over TLS), and the carrier's Resolver says
 * whether that session may use DTLS now. As ocserv's main.c (forward_udp_to_owner) does, the id
 * alone finds the session, whatever the source address and port: a known id from a new source
 * (the client's NAT rebound, or its new socket after a DTLS reconnect) moves the channel there.
 * A ClientHello with an unknown id, records from an unknown source, or for a channel closed
 * meanwhile, are dropped ("dtls-unknown-session") and change nothing; a record running past its
 * datagram ends it ("dtls-malformed").
 */
class DtlsListener : public SimpleRefCount<DtlsListener>
{
  public:
    /**
     * The channel a ClientHello's session id names, if its TLS session is up and wants DTLS;
     * else nullptr.
     */
    typedef std::function<Ptr<DtlsChannel>(const DtlsChannel::SessionId& session)> Resolver;

    /** A datagram dropped, with the reason. */
    typedef std::function<void(Ptr<const Packet>, const std::string&)> DropHook;

    /**
     * \param resolver finds the channel of a ClientHello
     * \param drop where dropped datagrams are reported
     */
    DtlsListener(Resolver resolver, DropHook drop);

    /**
     * Bind the socket (aborts if the port is taken).
     * \param node the node
     * \param local the node's outer address
     * \param port the DTLS port
     * \param owner the carrier's name, for the abort message
     */
    void Open(Ptr<Node> node, Ipv4Address local, uint16_t port, const std::string& owner);

    /** \return the socket the headend's channels send from */
    Ptr<Socket> GetSocket() const;

    /**
     * Forget the UDP source a channel was learned from.
     * \param channel the channel
     */
    void Forget(Ptr<const DtlsChannel> channel);

    /** Close the socket. */
    void Close();

  private:
    /**
     * Read datagrams.
     * \param socket the socket
     */
    void Read(Ptr<Socket> socket);

    /** A UDP source: address and port. */
    typedef std::pair<uint32_t, uint16_t> Source;

    Resolver m_resolver;                           //!< to the carrier
    DropHook m_drop;                               //!< to the carrier
    Ptr<Socket> m_socket;                          //!< UDP on the DTLS port
    std::map<Source, Ptr<DtlsChannel>> m_bySource; //!< learned sources
};

} // namespace ns3

#endif /* DTLS_LISTENER_H */
