/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_TUNNEL_ENDPOINT_H
#define VPN_TUNNEL_ENDPOINT_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/vpn-carrier.h"
#include "ns3/vpn-control-plane.h"
#include "ns3/vpn-ns3-compat.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace ns3
{

class VirtualNetDevice;
struct VpnTunnelSession;

/**
 * \ingroup vpn
 * \brief A VPN tunnel endpoint (IPsec or SSL family), as a VPN client or as a headend serving
 * many clients.
 *
 * It ties an ns-3 VirtualNetDevice (the inner "tun" interface, with its own address on the inner
 * subnet) to one VpnCarrier, through its VpnControlPlane. For the IPsec family (EspDataPlane,
 * under IpsecControlPlane): outbound, an inner IPv4 packet from the tun device is put into ESP in
 * tunnel mode (next header 4, RFC 4303 section 3.1.2) with the outbound security association and
 * handed to the carrier; inbound, the carrier's ESP is matched to an SA by SPI, checked against
 * the anti-replay window, stripped, and handed to VirtualNetDevice::Receive().
 *
 * Life cycle (one per client; one per session at a headend), every change traced with a reason:
 *
 * \verbatim
 *   Down --start--> Connecting --IKE_AUTH done--> Up --DPD timeout / IKE timeout--> Failed
 *                      ^                                                             |
 *                      +-------------- reconnect policy: after ReconnectDelay -------+
 *   any state --stop--> Down
 * \endverbatim
 *
 * IPsec establishment (IpsecControlPlane) is an IKEv2-shaped exchange of sized messages
 * (IKE_SA_INIT, then IKE_AUTH that also creates the ESP SAs; RFC 7296 sections 1.2 and 2.1), each
 * request retransmitted on timeout with exponential back-off. Dead-peer detection (RFC 3706; RFC
 * 7296 section 2.4): after DpdInterval with nothing received from the peer, an empty
 * INFORMATIONAL request (R-U-THERE) is sent and repeated every DpdRetryInterval; when DpdRetries
 * repeats go unanswered, the tunnel is Failed. A reconnect establishes fresh SAs. The IKE, DPD
 * and ESP attributes are registered on this TypeId by the planes.
 *
 * The endpoint keeps what every tunnel has: the tun device, the sessions and their life cycle,
 * the counters, traces and reconnect policy. What the family of its carrier needs besides is a
 * VpnControlPlane, chosen when the carrier is set: IpsecControlPlane (IKE, ESP and DPD, as
 * above) or, for the SSL family, SslControlPlane (an exchange of inner addresses; the carrier
 * secures the data and detects a dead peer).
 */
class VpnTunnelEndpoint : public Application
{
  public:
    /** Which end of the tunnel. */
    enum Role
    {
        CLIENT = 0, //!< initiates to one headend
        HEADEND = 1 //!< answers many clients
    };

    /** Life-cycle states. */
    enum State
    {
        DOWN = 0,       //!< not started, or stopped
        CONNECTING = 1, //!< IKE exchange under way
        UP = 2,         //!< SAs installed, traffic flows
        FAILED = 3      //!< given up (DPD or IKE timeout), waiting for a reconnect if any
    };

    /** What to do after a failure. */
    enum ReconnectPolicy
    {
        RECONNECT_NEVER = 0,      //!< stay Failed
        RECONNECT_AFTER_DELAY = 1 //!< try again after ReconnectDelay, up to MaxReconnectAttempts
    };

    /**
     * \param state a state
     * \return its name ("down", "connecting", "up", "failed")
     */
    static std::string StateName(State state);

    /**
     * TracedCallback signature for a state change of the client's tunnel.
     * \param [in] oldState the state left
     * \param [in] newState the state entered
     * \param [in] reason why ("start", "established", "dpd-timeout", "ike-timeout", ...)
     */
    typedef void (*StateTracedCallback)(State oldState, State newState, const std::string& reason);

    /**
     * TracedCallback signature for a state change of one session at a headend.
     * \param [in] inner the client's inner address (0.0.0.0 before IKE_AUTH)
     * \param [in] oldState the state left
     * \param [in] newState the state entered
     * \param [in] reason why
     */
    typedef void (*SessionTracedCallback)(Ipv4Address inner,
                                          State oldState,
                                          State newState,
                                          const std::string& reason);

    /**
     * TracedCallback signature for an inbound packet the tunnel dropped.
     * \param [in] packet what was received
     * \param [in] reason why it was dropped ("unknown-spi", "replay", ...)
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

    /**
     * TracedCallback signature for a DPD probe.
     * \param [in] probe 1 for the first R-U-THERE, 2.. for the repeats
     */
    typedef void (*DpdTracedCallback)(uint32_t probe);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VpnTunnelEndpoint();
    ~VpnTunnelEndpoint() override;

    /** \param carrier the outer transport (installed on this node already) */
    void SetCarrier(Ptr<VpnCarrier> carrier);
    /** \return the outer transport */
    Ptr<VpnCarrier> GetCarrier() const;

    /**
     * How long this end may hear nothing from its peer before dead-peer detection fails the
     * session: the IPsec family's DPD (IpsecControlPlane), or the SSL carrier's own liveness.
     * \return that time (after SetCarrier), or zero when nothing detects a dead peer
     */
    Time GetDeadPeerTime() const;

    /** \param device the inner interface; its send callback is taken over */
    void SetTunDevice(Ptr<VirtualNetDevice> device);
    /** \return the inner interface */
    Ptr<VirtualNetDevice> GetTunDevice() const;

    /**
     * The largest inner packet that fits an outer MTU once ESP and the carrier are added.
     * \param outerMtu the WAN device's MTU
     * \return the inner MTU (0 if nothing fits)
     */
    uint16_t ComputeInnerMtu(uint16_t outerMtu) const;

    /** \return the client's state; at a headend UP when any session is up, else CONNECTING/DOWN */
    State GetState() const;

    /** \return sessions Up (a client: 0 or 1) */
    uint32_t GetUpSessionCount() const;

    /** \return sessions held in any state (a headend: one per client it has heard from) */
    uint32_t GetSessionCount() const;

    /** \return times the tunnel (any session) entered Failed */
    uint32_t GetFailureCount() const;

    /** \return reconnect attempts started */
    uint32_t GetReconnectCount() const;

    /** \return inner packets sent into the tunnel */
    uint64_t GetInnerTxPackets() const;

    /** \return inner packets delivered out of the tunnel */
    uint64_t GetInnerRxPackets() const;

    /** \return inbound packets dropped by the tunnel (any reason) */
    uint64_t GetDropCount() const;

    /**
     * \param reason a drop reason name
     * \return inbound packets dropped for that reason
     */
    uint64_t GetDropCount(const std::string& reason) const;

    /** \return DPD probes sent */
    uint64_t GetDpdProbes() const;

    /**
     * Assign fixed random variable streams (SPIs, and the carrier's).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream) VPN_APPLICATION_ASSIGN_STREAMS_OVERRIDE;

  protected:
    void DoDispose() override;

  private:
    // The control planes read the configuration and use the session services below.
    friend class EspDataPlane;
    friend class IpsecControlPlane;
    friend class Ikev1ControlPlane;
    friend class Ikev2ControlPlane;
    friend class SslControlPlane;

    /// One session (the control plane keeps its part in the session's SessionState).
    using Session = VpnTunnelSession;

    void StartApplication() override;
    void StopApplication() override;

    /** Client: open the carrier toward the headend and start establishing. */
    void Connect();

    /**
     * The carrier can carry messages to \p peer.
     * \param peer the handle
     */
    void PeerUp(uint32_t peer);

    /**
     * The carrier lost \p peer (a TCP connection closed).
     * \param peer the handle
     */
    void PeerDown(uint32_t peer);

    /**
     * A message from the carrier, for the control plane.
     * \param peer the sender's handle
     * \param message the message
     * \param kind CONTROL or DATA
     */
    void Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind);

    /**
     * The tun device's send callback.
     * \param packet the inner IPv4 packet
     * \param source unused
     * \param dest unused
     * \param protocol the EtherType (0x0800)
     * \return true if the packet entered the tunnel
     */
    bool TunSend(Ptr<Packet> packet, const Address& source, const Address& dest, uint16_t protocol);

    // What the control planes use (they are friends): sessions, life cycle, delivery, counters.

    /**
     * A new session, registered by id, with the control plane's state.
     * \param peer its carrier handle
     * \return the session
     */
    Session& NewSession(uint32_t peer);

    /**
     * \param id a session id
     * \return the session, or nullptr if it is gone
     */
    Session* FindSession(uint32_t id);

    /**
     * Headend: a client that comes back replaces its old session, which goes Down.
     * \param inner the client's inner address
     * \param keep a session id that is not old (0: none)
     */
    void RetireSessionOf(Ipv4Address inner, uint32_t keep);

    /**
     * Headend: route inner packets for \p inner to \p s.
     * \param s the session
     * \param inner the client's inner address
     */
    void BindInner(Session& s, Ipv4Address inner);

    /**
     * A session reached Up: the reconnect attempts start again from zero.
     * \param s the session
     */
    void Established(Session& s);

    /**
     * Hand an inner packet to the tun device.
     * \param inner the inner IPv4 packet
     */
    void DeliverInner(Ptr<Packet> inner);

    /**
     * Change a session's state, tracing it.
     * \param s the session
     * \param state the new state
     * \param reason why
     */
    void SetState(Session& s, State state, const std::string& reason);

    /**
     * Give up on a session: Failed, SAs gone, reconnect if the policy says so.
     * \param s the session
     * \param reason why
     */
    void Fail(Session& s, const std::string& reason);

    /** Client: the reconnect timer expired. */
    void Reconnect();

    /**
     * Forget a session's SAs, timers and lookups.
     * \param s the session
     */
    void Teardown(Session& s);

    /**
     * Count and trace an inbound drop.
     * \param packet what was dropped
     * \param reason why
     */
    void Drop(Ptr<const Packet> packet, const std::string& reason);

    /**
     * Count and trace a DPD probe sent.
     * \param probe 1 for the first R-U-THERE, 2.. for the repeats
     */
    void NotifyDpdProbe(uint32_t probe);

    // Configuration (attributes)
    Role m_role;                            //!< client or headend
    Ipv4Address m_headend;                  //!< client: the headend's outer address
    Ipv4Address m_innerAddress;             //!< our inner address (announced in IKE_AUTH)
    std::string m_cipherSuite;              //!< ESP cipher-suite profile
    uint32_t m_replayWindow;                //!< anti-replay window
    bool m_esn;                             //!< extended sequence numbers
    Time m_encryptDelay;                    //!< per-packet encrypt delay
    Time m_decryptDelay;                    //!< per-packet decrypt delay
    uint32_t m_ikeSaInitSize;               //!< IKE_SA_INIT message size
    uint32_t m_ikeAuthRequestSize;          //!< IKE_AUTH request size
    uint32_t m_ikeAuthResponseSize;         //!< IKE_AUTH response size
    uint32_t m_dpdSize;                     //!< INFORMATIONAL (DPD) message size
    uint32_t m_ikev1AggressiveInitSize;     //!< IKEv1 Aggressive Mode message 1 size
    uint32_t m_ikev1AggressiveResponseSize; //!< IKEv1 Aggressive Mode message 2 size
    uint32_t m_ikev1AggressiveFinalSize;    //!< IKEv1 Aggressive Mode message 3 size
    uint32_t m_ikev1XauthSize;              //!< IKEv1 XAUTH message size
    uint32_t m_ikev1ModeCfgSize;            //!< IKEv1 Mode-Config message size
    uint32_t m_ikev1QuickModeInitSize;      //!< IKEv1 Quick Mode message 1 size
    uint32_t m_ikev1QuickModeResponseSize;  //!< IKEv1 Quick Mode message 2 size
    uint32_t m_ikev1QuickModeFinalSize;     //!< IKEv1 Quick Mode message 3 size
    uint32_t m_ikev1DpdSize;                //!< IKEv1 R-U-THERE(-ACK) size
    Time m_ikeRto;                          //!< first IKE retransmission timeout
    double m_ikeBackoff;                    //!< IKE back-off factor
    uint32_t m_ikeRetries;                  //!< IKE retransmissions before giving up
    Time m_dpdInterval;                     //!< idle time before R-U-THERE (0: no DPD)
    Time m_dpdRetryInterval;                //!< between R-U-THERE repeats
    uint32_t m_dpdRetries;                  //!< repeats before Failed
    ReconnectPolicy m_reconnectPolicy;      //!< after a failure
    Time m_reconnectDelay;                  //!< wait before reconnecting
    uint32_t m_maxReconnects;               //!< attempts allowed (0: unlimited)

    // Wiring
    Ptr<VpnCarrier> m_carrier;           //!< outer transport
    Ptr<VirtualNetDevice> m_tun;         //!< inner interface
    Ptr<UniformRandomVariable> m_rng;    //!< SPIs (drawn by the IPsec control plane)
    Ptr<VpnControlPlane> m_controlPlane; //!< the family's control and data plane

    // Sessions
    std::unordered_map<uint32_t, std::unique_ptr<Session>> m_sessions; //!< by id
    std::map<Ipv4Address, uint32_t> m_byInner;                         //!< client inner -> id
    uint32_t m_nextSessionId;                                          //!< session ids
    uint32_t m_clientSession;                                          //!< client: its session
    uint32_t m_clientPeer;                                             //!< client: headend handle
    EventId m_reconnectEvent;                                          //!< client: reconnect
    uint32_t m_reconnectAttempts;                                      //!< since last Up
    bool m_running;                                                    //!< between start and stop

    // Counters
    uint32_t m_failures;                          //!< entries into Failed
    uint32_t m_reconnects;                        //!< reconnects started
    uint64_t m_innerTx;                           //!< inner packets in
    uint64_t m_innerRx;                           //!< inner packets out
    uint64_t m_dpdProbes;                         //!< R-U-THERE sent
    std::map<std::string, uint64_t> m_dropCounts; //!< by reason

    // Traces
    TracedCallback<State, State, const std::string&> m_stateTrace;                //!< client state
    TracedCallback<Ipv4Address, State, State, const std::string&> m_sessionTrace; //!< sessions
    TracedCallback<Ptr<const Packet>> m_innerTxTrace;                             //!< into tunnel
    TracedCallback<Ptr<const Packet>> m_innerRxTrace;                             //!< out of it
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;            //!< drops
    TracedCallback<uint32_t> m_dpdTrace;                                          //!< probes
};

} // namespace ns3

#endif /* VPN_TUNNEL_ENDPOINT_H */
