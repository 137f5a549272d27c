/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SSL_CONTROL_PLANE_H
#define SSL_CONTROL_PLANE_H

#include "ns3/vpn-control-plane.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The SSL family's control plane: an exchange of inner addresses.
 *
 * The carrier secures and frames data itself (TLS/DTLS records, see VpnCarrier::CarriesEsp()):
 * the tunnel hands it raw inner IPv4 packets as DATA. At PeerUp the client sends one CONTROL
 * message carrying its inner address (4 bytes; the carrier sizes and frames it as its own
 * configuration exchange, e.g. CSTP's CONNECT); the headend answers with its own and counts the
 * session Up, the client when the answer arrives. Liveness is the carrier's: it reports a dead
 * peer with PeerDown. Sessions are found by carrier handle.
 */
class SslControlPlane : public VpnControlPlane
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SslControlPlane();
    ~SslControlPlane() override;

    std::unique_ptr<SessionState> NewSessionState() const override;
    uint16_t ComputeInnerMtu(uint16_t outerMtu) const override;
    bool IsEstablishing(const VpnTunnelSession& s) const override;
    void Establish(VpnTunnelSession& s) override;
    void Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind) override;
    bool CanSend(const VpnTunnelSession& s) const override;
    bool Send(VpnTunnelSession& s, Ptr<Packet> inner) override;
    void Teardown(VpnTunnelSession& s) override;
    void Clear() override;
    /** \return the carrier's (VpnCarrier::GetDeadPeerTime): liveness is the carrier's */
    Time GetDeadPeerTime() const override;

  private:
    struct Exchange;

    /**
     * \param s a session
     * \return its address exchange
     */
    static Exchange& Of(VpnTunnelSession& s);

    /**
     * A CONTROL message with the peer's inner address arrived.
     * \param peer the sender's handle
     * \param message 4 bytes: the inner IPv4 address
     */
    void ReceiveAddress(uint32_t peer, Ptr<Packet> message);

    /**
     * Headend: a client announced its inner address; it replaces any older session of it.
     * \param peer the client's handle
     * \param inner the client's inner address
     */
    void AcceptClient(uint32_t peer, Ipv4Address inner);

    /**
     * Send our inner address to a peer (4 bytes, CONTROL).
     * \param peer the handle
     */
    void SendAddress(uint32_t peer);

    std::unordered_map<uint32_t, uint32_t> m_byPeer; //!< carrier handle -> session id
};

} // namespace ns3

#endif /* SSL_CONTROL_PLANE_H */
