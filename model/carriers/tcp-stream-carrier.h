/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_STREAM_CARRIER_H
#define TCP_STREAM_CARRIER_H

#include "stream-framer.h"

#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/vpn-carrier.h"

#include <map>
#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The part the TCP-based carriers share: one real ns-3 TCP connection per client, with
 * framing, a send queue and connection loss reported as PeerDown.
 *
 * RFC 9329 (TcpEncapCarrier) and the SSL VPN's TLS channel (SslVpnCarrier) both ride on ns-3's
 * own TCP, so they retransmit, and survive a TCP-inspecting firewall, and both meet TCP's byte
 * stream: a send may be refused in part when the socket buffer is full (the rest waits in a queue
 * that the socket's send callback drains), and a read may hold part of a frame or many frames (a
 * StreamFramer per connection cuts them out again). A framing error closes the connection.
 *
 * A client's Connect() opens a connection to the headend's Port and returns a new handle per
 * connection; a headend's Listen() accepts any number of clients, a handle each. The outer
 * socket's TCP parameters are attributes (TCP-over-TCP studies sweep them): segment size, minimum
 * RTO, buffers and Nagle (off by default, as OpenConnect and Linux espintcp set TCP_NODELAY).
 *
 * Subclasses supply the port, the frame format, what to send when a connection opens and what
 * to do with each frame.
 */
class TcpStreamCarrier : public VpnCarrier
{
  public:
    /**
     * TracedCallback signature for a connection event.
     * \param [in] peer the connection's handle
     * \param [in] remote the remote outer address
     * \param [in] event "connected", "accepted", "closed", "failed" or the reason of an abort
     */
    typedef void (*ConnectionTracedCallback)(uint32_t peer,
                                             Ipv4Address remote,
                                             const std::string& event);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** Which RSTs end an outer connection (the RstPolicy attribute). */
    enum RstPolicy
    {
        RST_ANY = 0,    //!< ns-3's TcpSocketBase as it is: any RST with the connection's ports
        RST_RFC5961 = 1 //!< RFC 5961 section 3.2 (Rfc5961TcpSocket)
    };

    TcpStreamCarrier();
    ~TcpStreamCarrier() override;

    uint32_t Connect(Ipv4Address headend) override;
    void Listen() override;
    void Close(uint32_t peer) override;
    void Shutdown() override;
    uint16_t GetHeadendTcpPort() const override;
    /** \return false: messages are rebuilt from ns-3 TCP's byte stream, without packet tags */
    bool KeepsPacketTags() const override;

    /** \return the TCP port the headend listens on */
    virtual uint16_t GetPort() const = 0;

    /** \return connections open now */
    uint32_t GetConnectionCount() const;

    /** \return connections closed for a framing error */
    uint64_t GetFramingErrors() const;

    /** \return data messages dropped because the send queue was full */
    uint64_t GetSendQueueDrops() const;

    /**
     * \return segments the outer sockets' checks dropped: RSTs under RstPolicy rfc5961 (in the
     *         window, challenged, or outside it), segments without ACK under RequireAck
     */
    uint64_t GetCheckDrops() const;

    /**
     * \param peer a handle
     * \return the connection's TCP socket (for its traces), or nullptr
     */
    Ptr<Socket> GetSocket(uint32_t peer) const;

  protected:
    /** One TCP connection (its remote outer address is the Peer's). */
    struct Connection : public Peer
    {
        Ptr<Socket> socket;    //!< the TCP socket
        StreamFramer framer;   //!< cuts received bytes into frames
        Ptr<Packet> queued;    //!< bytes the socket has not taken yet
        bool open{false};      //!< established
        bool initiator{false}; //!< we connected (client)
    };

    void DoDispose() override;

    /**
     * A new connection's state; a subclass that keeps more per connection returns its own
     * Connection type.
     * \return a fresh connection
     */
    virtual std::unique_ptr<Connection> NewConnection() const;

    /**
     * \param initiator true for the connection's opener (the client)
     * \return how this carrier's frames are delimited on a connection
     */
    virtual StreamFramer::Format GetFrameFormat(bool initiator) const = 0;

    /**
     * A connection is established.
     * \param peer its handle
     * \param initiator true at the client
     */
    virtual void StreamOpened(uint32_t peer, bool initiator) = 0;

    /**
     * A whole frame arrived.
     * \param peer the connection's handle
     * \param frame the frame, header included, packet tags removed
     */
    virtual void StreamFrame(uint32_t peer, Ptr<Packet> frame) = 0;

    /**
     * A connection is gone (closed by either side or aborted); called before PeerDown, when the
     * handle is already forgotten.
     * \param peer its handle
     * \param connection its state, for the last time
     */
    virtual void StreamClosed(uint32_t peer, Connection& connection);

    /**
     * Write bytes to a connection, queueing what the socket cannot take now.
     * \param peer the handle
     * \param bytes what to write
     * \param droppable true for data, which is refused when the queue is over SendQueueLimit
     * \return false if the connection is unknown or the data was refused
     */
    bool StreamSend(uint32_t peer, Ptr<Packet> bytes, bool droppable);

    /**
     * Close a connection for a protocol reason and report the peer lost (PeerDown).
     * \param peer the handle
     * \param reason traced
     */
    void StreamAbort(uint32_t peer, const std::string& reason);

    /**
     * \param peer a handle
     * \return true if the connection exists and is established
     */
    bool IsOpen(uint32_t peer) const;

    /** \return the IPv4 + TCP header bytes of one outer segment (timestamps included) */
    uint32_t GetTcpOverhead() const;

  private:
    /**
     * Register a new connection.
     * \param socket its socket
     * \param remote the remote outer address
     * \param initiator true at the client
     * \return its handle
     */
    uint32_t AddConnection(Ptr<Socket> socket, Ipv4Address remote, bool initiator);

    /**
     * Create a TCP socket with the carrier's TCP attributes.
     * \return the socket
     */
    Ptr<Socket> NewSocket();

    /**
     * A segment the outer socket's checks dropped: count it and trace it as a drop.
     * \param segment the segment (its TCP header first)
     * \param reason rst-challenged, rst-outside-window or no-ack
     */
    void CheckDropped(Ptr<const Packet> segment, const std::string& reason);

    /**
     * Wire a socket's callbacks to a connection.
     * \param socket the socket
     */
    void Wire(Ptr<Socket> socket);

    /**
     * Forget a connection and close its socket.
     * \param peer the handle
     * \param event traced
     * \param report call StreamClosed and NotifyPeerDown
     */
    void Drop(uint32_t peer, const std::string& event, bool report);

    /**
     * \param socket a socket
     * \return its connection's handle (0 if none)
     */
    uint32_t FindBySocket(Ptr<Socket> socket) const;

    /**
     * Write what the socket takes of a connection's queue.
     * \param c the connection
     */
    void Flush(Connection& c);

    /** \param socket the client socket now connected */
    void ConnectSucceeded(Ptr<Socket> socket);
    /** \param socket the client socket whose connect failed */
    void ConnectFailed(Ptr<Socket> socket);
    /**
     * \param socket the new connection's socket
     * \param from the client's address
     */
    void Accepted(Ptr<Socket> socket, const Address& from);
    /** \param socket a socket with data to read */
    void Read(Ptr<Socket> socket);
    /**
     * \param socket a socket with room to send
     * \param available bytes of room
     */
    void Writable(Ptr<Socket> socket, uint32_t available);
    /** \param socket a socket the peer closed */
    void PeerClosed(Ptr<Socket> socket);
    /** \param socket a socket reset or timed out */
    void PeerError(Ptr<Socket> socket);

    // Attributes
    uint32_t m_segmentSize;    //!< outer MSS
    Time m_minRto;             //!< outer minimum RTO
    Time m_delAckTimeout;      //!< outer TCP delayed-ACK timeout
    uint32_t m_sndBufSize;     //!< outer send buffer
    uint32_t m_rcvBufSize;     //!< outer receive buffer
    bool m_noDelay;            //!< Nagle off
    uint32_t m_dataRetries;    //!< retransmissions before the connection is given up
    bool m_sack;               //!< selective acknowledgements on the outer sockets
    RstPolicy m_rstPolicy;     //!< which RSTs end a connection
    bool m_requireAck;         //!< drop segments without ACK
    uint32_t m_sendQueueLimit; //!< bytes queued above the socket before data is refused

    Ptr<Socket> m_listener;                     //!< headend: the listening socket
    std::map<Ptr<Socket>, uint32_t> m_bySocket; //!< socket -> handle
    uint64_t m_framingErrors;                   //!< connections closed for framing
    uint64_t m_queueDrops;                      //!< data refused, queue full
    uint64_t m_checkDrops;                      //!< segments the socket checks dropped

    TracedCallback<uint32_t, Ipv4Address, const std::string&> m_connectionTrace; //!< events
};

} // namespace ns3

#endif /* TCP_STREAM_CARRIER_H */
