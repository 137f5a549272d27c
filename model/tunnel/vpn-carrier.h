/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_CARRIER_H
#define VPN_CARRIER_H

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief What moves a tunnel's messages between a VPN client and its headend.
 *
 * A carrier is the outer transport of a tunnel: native ESP (IP protocol 50), ESP in UDP 4500
 * (NAT-T), ESP in UDP 10000 (Cisco), cTCP, RFC 9329 TCP, or TLS/DTLS. The tunnel endpoint
 * (VpnTunnelEndpoint) owns the inner interface and the sessions, and its control plane
 * (VpnControlPlane: IpsecControlPlane on EspDataPlane, or SslControlPlane) the IKE-like control
 * exchange and the security associations; the carrier only moves two kinds of message, CONTROL
 * (IKE) and DATA (ESP), to and from peers it names by small integer handles. Each carrier applies
 * its own framing: NAT-T's non-ESP marker before IKE, cTCP's trailer, RFC 9329's length prefix.
 *
 * A client calls Connect() once and gets the headend's handle; the PeerUp callback fires when the
 * carrier can carry messages (at once for UDP, after the handshake for TCP). A headend calls
 * Listen() and learns handles from the messages it receives. PeerDown fires when the carrier
 * itself loses a peer (a TCP connection closed or reset).
 *
 * The carrier keeps its peers in one table by handle (AddPeer(), FindPeer(), RemovePeer());
 * each subclass extends Peer with its own state (a UDP port, a TCP connection, a cTCP
 * connection). Handles count from 1 and are never reused.
 */
class VpnCarrier : public Object
{
  public:
    /** The two kinds of message a tunnel sends. */
    enum MessageKind
    {
        CONTROL = 0, //!< IKE (or the SSL family's control records)
        DATA = 1     //!< ESP (or the SSL family's data records)
    };

    /**
     * Callback for a message received.
     * \param peer the handle of the sender
     * \param message the message, carrier framing removed
     * \param kind CONTROL or DATA
     */
    typedef Callback<void, uint32_t, Ptr<Packet>, MessageKind> ReceiveCallback;

    /**
     * Callback for a peer that became usable or was lost.
     * \param peer the handle
     */
    typedef Callback<void, uint32_t> PeerCallback;

    /**
     * TracedCallback signature for a message sent or received.
     * \param [in] message the message, carrier framing removed
     * \param [in] kind CONTROL or DATA
     */
    typedef void (*MessageTracedCallback)(Ptr<const Packet> message, MessageKind kind);

    /**
     * TracedCallback signature for a message the carrier dropped.
     * \param [in] packet what was received
     * \param [in] reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VpnCarrier();
    ~VpnCarrier() override;

    /**
     * Bind the carrier to a node and the node's outer (WAN) address.
     * \param node the node
     * \param localAddress the node's outer address
     */
    void Install(Ptr<Node> node, Ipv4Address localAddress);

    /** \return the carrier's name as VpnHelper knows it ("esp", "natt", ...) */
    virtual std::string GetName() const = 0;

    /**
     * Client side: reach the headend.
     * \param headend the headend's outer address
     * \return the headend's peer handle (PeerUp fires when usable)
     */
    virtual uint32_t Connect(Ipv4Address headend) = 0;

    /** Headend side: accept clients. */
    virtual void Listen() = 0;

    /**
     * Send a control (IKE) message.
     * \param peer the destination's handle
     * \param message the IKE message
     * \param initial true for the first exchange (IKE_SA_INIT), which NAT-T keeps on UDP 500
     * \return false if the peer is unknown or not usable
     */
    virtual bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) = 0;

    /**
     * Send a data (ESP) message.
     * \param peer the destination's handle
     * \param message the ESP packet
     * \return false if the peer is unknown or not usable
     */
    virtual bool SendData(uint32_t peer, Ptr<Packet> message) = 0;

    /**
     * Forget a peer (close its connection, if any). PeerDown does not fire for this.
     * \param peer the handle
     */
    virtual void Close(uint32_t peer) = 0;

    /** Close everything (the application stops). */
    virtual void Shutdown() = 0;

    /**
     * \return bytes the carrier adds to every DATA message on the wire, the outer IPv4 header
     * included (20 for native ESP, 28 for ESP in UDP, ...)
     */
    virtual uint32_t GetDataOverhead() const = 0;

    /**
     * Whether the tunnel runs IPsec over this carrier; VpnControlPlane::ForCarrier() picks the
     * endpoint's control plane by it. The IPsec family (true, the default) carries IKE as CONTROL
     * and ESP as DATA, and IpsecControlPlane (on EspDataPlane) owns the SAs and dead-peer
     * detection. The SSL family (false) secures and frames data itself (TLS/DTLS records):
     * SslControlPlane then hands it raw inner IPv4 packets as DATA, sends one CONTROL message at
     * PeerUp carrying its inner address (4 bytes; the carrier sizes and frames it as its own
     * configuration exchange, e.g. CSTP's CONNECT), counts the session Up when the peer's answer
     * arrives, and leaves liveness to the carrier, which reports a dead peer with PeerDown.
     * \return true for the IPsec family
     */
    virtual bool CarriesEsp() const;

    /**
     * Whether a DATA message arrives as the very ns-3 Packet that was sent, its packet tags kept
     * (datagram carriers, and cTCP, which moves one packet per segment through its own shim), or
     * is rebuilt from a byte stream that loses them (ns-3 TCP under RFC 9329). EspDataPlane
     * requires the emulated ICV tag (EspSequenceTag) only where it can arrive.
     * \return true when packet tags survive (the default)
     */
    virtual bool KeepsPacketTags() const;

    /**
     * The tunnel found the message it is being handed now (from within the receive callback)
     * authentic. A carrier that follows a peer's source port (NAT-T, RFC 3948 section 3.5)
     * moves it here, never on mere arrival. The default does nothing.
     * \param peer the handle the message came from
     */
    virtual void ConfirmPeer(uint32_t peer);

    /** The IKE version an IPsec-family carrier's tunnels speak. */
    enum IkeVersion
    {
        IKEV1 = 1, //!< IKEv1 (RFC 2409): Ikev1ControlPlane
        IKEV2 = 2  //!< IKEv2 (RFC 7296): Ikev2ControlPlane
    };

    /**
     * Which IKE the tunnel runs over this carrier; VpnControlPlane::ForCarrier() picks the
     * IPsec control plane by it (it means nothing when CarriesEsp() is false). IKEv2, the
     * default, for native ESP, NAT-T and RFC 9329; Cisco's own carriers (cTCP, Cisco
     * IPsec-over-UDP) belong to the legacy Cisco VPN Client, which speaks IKEv1 only (ASA
     * `crypto ikev1 ipsec-over-tcp` and `crypto isakmp ipsec-over-udp`).
     * \return the IKE version
     */
    virtual IkeVersion GetIkeVersion() const;

    /**
     * The TCP port the headend listens on when this carrier runs over TCP, so that a firewall
     * class (e.g. tcp-state-bypass) can match the tunnel's flow. The carrier's own attribute
     * decides it (cTCP 10000, RFC 9329 4500, SSL VPN 443 by default).
     * \return the port, or 0 when the carrier does not run over TCP
     */
    virtual uint16_t GetHeadendTcpPort() const;

    /**
     * How long a client may hear nothing from the headend before the carrier's own liveness
     * declares it dead (a carrier that leaves liveness to the IPsec control plane has none).
     * \return that time, or zero when the carrier does not detect a dead peer itself
     */
    virtual Time GetDeadPeerTime() const;

    /**
     * \param peer a handle
     * \return the remote outer address of the peer (0.0.0.0 when unknown)
     */
    Ipv4Address GetPeerAddress(uint32_t peer) const;

    /**
     * \param cb called for every message received
     */
    void SetReceiveCallback(ReceiveCallback cb);

    /**
     * \param cb called when a peer becomes usable
     */
    void SetPeerUpCallback(PeerCallback cb);

    /**
     * \param cb called when the carrier loses a peer by itself
     */
    void SetPeerDownCallback(PeerCallback cb);

    /**
     * Assign fixed random variable streams.
     * \param stream first stream index
     * \return the number of streams used
     */
    virtual int64_t AssignStreams(int64_t stream);

  protected:
    /** What the carrier knows of one remote endpoint; subclasses add their own state. */
    struct Peer
    {
        virtual ~Peer() = default;
        Ipv4Address remote; //!< the remote outer address
    };

    void DoDispose() override;

    /**
     * Give a new peer the next handle.
     * \param peer its state
     * \return its handle (1-based, never reused)
     */
    uint32_t AddPeer(std::unique_ptr<Peer> peer);

    /**
     * \tparam T the subclass's Peer type
     * \param peer a handle
     * \return the peer's state, or nullptr for an unknown handle
     */
    template <class T>
    T* FindPeer(uint32_t peer) const
    {
        auto it = m_peers.find(peer);
        return it == m_peers.end() ? nullptr : dynamic_cast<T*>(it->second.get());
    }

    /**
     * Forget a peer.
     * \param peer a handle
     * \return its state (empty for an unknown handle), for the caller to finish with
     */
    std::unique_ptr<Peer> RemovePeer(uint32_t peer);

    /** \return the handles of the peers known now, in ascending order */
    std::vector<uint32_t> GetPeerHandles() const;

    /** \return how many peers are known now */
    uint32_t GetPeerCount() const;

    /** Called by Install(); subclasses create their sockets or protocols here. */
    virtual void DoInstall();

    /**
     * Hand a received message to the tunnel.
     * \param peer the sender's handle
     * \param message the message without carrier framing
     * \param kind CONTROL or DATA
     */
    void NotifyReceive(uint32_t peer, Ptr<Packet> message, MessageKind kind);

    /**
     * Record a message about to be sent (trace only).
     * \param message the message without carrier framing
     * \param kind CONTROL or DATA
     */
    void NotifySend(Ptr<const Packet> message, MessageKind kind);

    /**
     * Count and trace a dropped message.
     * \param packet what was received
     * \param reason why it was dropped
     */
    void NotifyDrop(Ptr<const Packet> packet, const std::string& reason);

    /**
     * \param peer the handle of a peer now usable (the callback runs from a fresh event)
     */
    void NotifyPeerUp(uint32_t peer);

    /**
     * \param peer the handle of a peer lost
     */
    void NotifyPeerDown(uint32_t peer);

    Ptr<Node> m_node;    //!< the node
    Ipv4Address m_local; //!< the node's outer address
    uint64_t m_drops;    //!< messages dropped by the carrier

  private:
    std::map<uint32_t, std::unique_ptr<Peer>> m_peers; //!< the peer table, by handle
    uint32_t m_nextPeer;                               //!< the next handle
    ReceiveCallback m_receive;                         //!< to the tunnel
    PeerCallback m_peerUp;                             //!< to the tunnel
    PeerCallback m_peerDown;                           //!< to the tunnel

    TracedCallback<Ptr<const Packet>, MessageKind> m_txTrace;          //!< messages sent
    TracedCallback<Ptr<const Packet>, MessageKind> m_rxTrace;          //!< messages received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< messages dropped
};

} // namespace ns3

#endif /* VPN_CARRIER_H */
