/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef STATEFUL_FIREWALL_H
#define STATEFUL_FIREWALL_H

#include "firewall-connection-table.h"
#include "firewall-drop-reason.h"
#include "firewall-policy.h"
#include "firewall-tcp-inspector.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/traced-callback.h"
#include "ns3/vpn-ns3-compat.h"

#include <array>
#include <ostream>
#include <string>

namespace ns3
{

class FirewallTcpProxy;

/**
 * \ingroup vpn
 * \brief A stateful, TCP-inspecting firewall in routed mode, modelled on the Cisco ASA.
 *
 * The firewall is an Ipv4RoutingProtocol that FirewallHelper adds to a forwarding node's
 * Ipv4ListRouting at the highest priority, so RouteInput() sees every packet the node forwards
 * (the list has already delivered the node's own packets): returning false lets the list go on
 * to the real routing protocols (pass); returning true consumes the packet (dropped, held, or
 * delivered to the firewall's own TCP proxy). A held packet keeps L3's callbacks and is later
 * re-offered to the list with the firewall stepping aside. RouteOutput() never answers, so the
 * node's own packets (the proxy's, the dup ACKs) route as usual and are not inspected.
 *
 * What it does per packet: one hash lookup in the connection table (TCP, UDP, ICMP echo by
 * 5-tuple, ESP by SPI); a new flow is classified by the ordered FirewallPolicy (first match;
 * DefaultAction otherwise) and TCP must open with a SYN; TCP is tracked per direction
 * (handshake, sequence and window, ACK validity, FIN/RST); a new flow whose class is `deny`
 * is dropped as acl-drop and makes no entry (SetClassEnabled() turns a class on or off at run
 * time); under `inspect` (or a global
 * QueueLimit of 1-250) the TCP normalizer holds segments that come after a hole and answers each
 * with a duplicate ACK on behalf of the receiver; under `bypass` TCP is handled like UDP; under
 * `proxy` FirewallTcpProxy terminates the connection on both sides. Every drop is counted under
 * its `show asp drop` keyword and fires the Drop trace. Entries expire after their idle timeout
 * (ASA `timeout conn`, `half-closed`, `embryonic`, `udp`, ...), by one event per entry.
 *
 * This class is the hook and the glue; the jobs are done by parts: TcpSegmentView reads the TCP
 * header and options, FirewallFlowKey::Make and FirewallConnectionTable find the entry,
 * FirewallPolicy classifies, FirewallTcpTracker tracks, FirewallTcpInspector (the TcpNormalizer
 * queues, the buffer timeout and the dup ACKs) reports back through callbacks, FirewallTcpProxy
 * reports a finished session through its SessionEndCallback, and PrintShowAspDrop() and
 * PrintShowConn() print.
 *
 * Defaults are the ASA's (CLI configuration guide, "Connection Settings"; command reference
 * `timeout`, `tcp-map`, `queue-limit`).
 */
class StatefulFirewall : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    StatefulFirewall();
    ~StatefulFirewall() override;

    /**
     * TracedCallback signature for a dropped packet.
     * \param [in] packet the packet, without its IP header
     * \param [in] header its IP header
     * \param [in] reason the `show asp drop` keyword, e.g. "tcp-buffer-timeout"
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const Ipv4Header& header,
                                       const std::string& reason);

    /**
     * TracedCallback signature for a connection created or torn down.
     * \param [in] connection the table entry
     * \param [in] why "created", or why it ended: "idle-timeout", "tcp-rst", "tcp-fins",
     *             "proxy-closed", "clear-conn" (cleared by SetClassEnabled)
     */
    typedef void (*ConnectionTracedCallback)(const FirewallConnection& connection,
                                             const std::string& why);

    /**
     * TracedCallback signature for a packet the firewall originates (a dup ACK) or holds.
     * \param [in] packet the packet (TCP header included, no IP header)
     * \param [in] header the IP header it carries or will carry
     */
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, const Ipv4Header& header);

    /**
     * Parse and append a policy class (see FirewallPolicy for the syntax).
     * \param spec the class, e.g. "name=ctcp proto=tcp dport=10000 action=inspect"
     * \param [out] error one line naming what is wrong and what is accepted, on failure
     * \return true when added
     */
    bool AddClass(const std::string& spec, std::string& error);

    /** \return the policy */
    const FirewallPolicy& GetPolicy() const;

    /**
     * Enable or disable the policy classes of a name at run time (schedule it with
     * Simulator::Schedule); a disabled class matches no new connection. Classes may share a
     * name, like the entries of one access-list, and switch together
     * (FirewallPolicy::SetEnabled).
     *
     * The ASA checks an access-list only when a connection is created, so adding a deny entry
     * leaves the connections it would refuse running; an administrator then clears them with
     * `clear conn`. Enabling a `deny` class does both at once: every connection in the table
     * whose first packet would now meet a deny class of this name (the first enabled class to
     * match its initiator's addresses and ports) is removed, with the ConnectionTeardown reason
     * "clear-conn", so the next packet of that flow opens a new connection and is dropped as
     * acl-drop. Enabling another action, or disabling any class, changes only what new
     * connections match: existing connections keep the class they were created with.
     *
     * \param name the classes' name (the name= key, or "classN" for a class without one)
     * \param enabled true to enable
     * \param [out] error one line naming the unknown class, on failure
     * \return false when no class has that name
     */
    bool SetClassEnabled(const std::string& name, bool enabled, std::string& error);

    /**
     * \param reason a drop reason
     * \return packets dropped for it
     */
    uint64_t GetDropCount(FirewallDropReason reason) const;

    /**
     * \param name a `show asp drop` keyword
     * \return packets dropped for it (0 for an unknown keyword)
     */
    uint64_t GetDropCount(const std::string& name) const;

    /** \return packets dropped for any reason */
    uint64_t GetTotalDrops() const;

    /** \return duplicate ACKs sent on behalf of receivers */
    uint64_t GetDupAcksSent() const;

    /** \return segments held by normalizers since the start */
    uint64_t GetHeldCount() const;

    /** \return segments the normalizers hold now, all connections (a walk of the table) */
    uint64_t GetHeldNow() const;

    /** \return connections in the table now */
    size_t GetConnectionCount() const;

    /** \return connections created since the start */
    uint64_t GetConnectionsCreated() const;

    /**
     * Look a connection up by one of its packets' addresses and ports.
     * \param protocol IP protocol (6, 17; 50 with the SPI as sourcePort << 16 | destinationPort)
     * \param source a source address
     * \param destination a destination address
     * \param sourcePort a source port
     * \param destinationPort a destination port
     * \return the connection, or nullptr
     */
    const FirewallConnection* FindConnection(uint8_t protocol,
                                             Ipv4Address source,
                                             Ipv4Address destination,
                                             uint16_t sourcePort,
                                             uint16_t destinationPort);

    /** \return the connection table */
    const FirewallConnectionTable& GetTable() const;

    /**
     * Print the non-zero drop counters as `show asp drop` does.
     * \param os the stream
     */
    void PrintAspDrop(std::ostream& os) const;

    /**
     * Print the connection table as `show conn` does (one line per connection).
     * \param os the stream
     */
    void PrintConn(std::ostream& os) const;

    /**
     * Remove a connection (the TCP proxy's SessionEndCallback, when both of its sockets are
     * closed).
     * \param key the connection's key
     * \param why the reason given to the ConnectionTeardown trace
     */
    void RemoveConnection(const FirewallFlowKey& key, const std::string& why);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    compat::RoutingCallbackArg<UnicastForwardCallback> ucb,
                    compat::RoutingCallbackArg<MulticastForwardCallback> mcb,
                    compat::RoutingCallbackArg<LocalDeliverCallback> lcb,
                    compat::RoutingCallbackArg<ErrorCallback> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  private:
    void DoDispose() override;

    /**
     * Attribute setter of DefaultAction.
     * \param action a FirewallAction as an int
     */
    void SetDefaultActionValue(int action);

    /** \return DefaultAction as an int (attribute getter) */
    int GetDefaultActionValue() const;

    /** \param enabled the DupAcks attribute */
    void SetDupAcks(bool enabled);
    /** \return the DupAcks attribute */
    bool GetDupAcks() const;
    /** \param enabled the DupAckSack attribute */
    void SetDupAckSack(bool enabled);
    /** \return the DupAckSack attribute */
    bool GetDupAckSack() const;

    /**
     * Handle a TCP packet.
     * \param p packet \param header IP header \param d L3's callbacks
     * \return RouteInput's answer
     */
    bool HandleTcp(Ptr<const Packet> p,
                   const Ipv4Header& header,
                   const FirewallTcpInspector::Delivery& d);

    /**
     * Handle the first TCP packet of a flow: classify it, require a SYN (except for bypass),
     * make the entry, start tracking it (or hand it to the proxy).
     * \param p packet \param header IP header \param d L3's callbacks \param seg its TCP
     * header \param key its flow key
     * \return RouteInput's answer
     */
    bool OpenTcp(Ptr<const Packet> p,
                 const Ipv4Header& header,
                 const FirewallTcpInspector::Delivery& d,
                 const TcpSegmentView& seg,
                 const FirewallFlowKey& key);

    /**
     * Handle a UDP, ESP or ICMP echo packet: find or create the entry, refresh it, pass.
     * \param p packet \param header IP header
     * \return RouteInput's answer (false: pass)
     */
    bool HandleConnectionless(Ptr<const Packet> p, const Ipv4Header& header);

    /**
     * Forward a packet that the firewall held, as if it had just arrived.
     * \param s the held segment
     */
    void Release(const TcpNormalizer::Segment& s);

    /**
     * Hear of the inspector's holds, releases and dup ACKs: fire their traces.
     * \param notice what happened \param packet the packet \param header its IP header
     */
    void HearInspector(FirewallTcpInspector::Notice notice,
                       Ptr<const Packet> packet,
                       const Ipv4Header& header);

    /**
     * Count and trace one drop.
     * \param p the packet \param header its IP header \param reason why
     */
    void Drop(Ptr<const Packet> p, const Ipv4Header& header, FirewallDropReason reason);

    /**
     * Create a table entry for the first packet of a flow.
     * \param key its key \param protocol IP protocol \param header the first packet's IP header
     * \param sport its source port \param dport its destination port \param action the action
     * \param cls the class it matched (nullptr: none)
     * \return the new entry
     */
    FirewallConnection& Create(const FirewallFlowKey& key,
                               uint8_t protocol,
                               const Ipv4Header& header,
                               uint16_t sport,
                               uint16_t dport,
                               FirewallAction action,
                               const FirewallClass* cls);

    /**
     * Refresh a connection's idle timer.
     * \param conn the connection
     */
    void Touch(FirewallConnection& conn);

    /**
     * The idle check of one entry fired.
     * \param key the entry's key
     */
    void Expire(FirewallFlowKey key);

    /**
     * \param conn a connection
     * \return its idle timeout in its current state
     */
    Time IdleTimeout(const FirewallConnection& conn) const;

    /**
     * \param cls the connection's class, or nullptr
     * \return the queue-limit configured for it (the class's, else the firewall's), 0 if none
     */
    uint32_t ConfiguredQueueLimit(const FirewallClass* cls) const;

    /**
     * \param cls the connection's class, or nullptr
     * \return the out-of-order timeout: the class's or the firewall's where a queue limit is
     *         configured, else the ASA's fixed default
     */
    Time QueueTimeoutFor(const FirewallClass* cls) const;

    /**
     * \param action the class's action \param cls the class (or nullptr)
     * \return the normalizer's queue limit for a new TCP connection (0: no normalizer)
     */
    uint32_t QueueLimitFor(FirewallAction action, const FirewallClass* cls) const;

    Ptr<Ipv4> m_ipv4;                 //!< the node's IPv4
    FirewallPolicy m_policy;          //!< the ordered classes
    FirewallConnectionTable m_table;  //!< the connections
    FirewallTcpInspector m_inspector; //!< normalizers and dup ACKs (uses m_table)
    Ptr<FirewallTcpProxy> m_proxy;    //!< the split-TCP proxy, made on first use
    bool m_releasing;                 //!< true while re-offering a held packet
    FirewallDropCounts m_drops;       //!< drops per reason
    uint64_t m_created;               //!< connections created

    FirewallAction m_defaultAction; //!< action when no class matches
    uint32_t m_queueLimit;          //!< global queue-limit (0: normalizer for inspected only)
    bool m_queueFollowsWindow;      //!< with queue-limit 0, the inspected queue follows the window
    Time m_queueTimeout;            //!< out-of-order timeout
    Time m_tcpIdle;                 //!< timeout conn
    Time m_halfClosedIdle;          //!< timeout half-closed
    Time m_embryonicIdle;           //!< timeout embryonic
    Time m_udpIdle;                 //!< timeout udp
    Time m_espIdle;                 //!< ESP idle timeout
    Time m_icmpIdle;                //!< timeout icmp
    Time m_bypassIdle;              //!< idle timeout of tcp-state-bypass connections

    TracedCallback<Ptr<const Packet>, const Ipv4Header&, const std::string&> m_dropTrace;
    //!< every drop
    TracedCallback<const FirewallConnection&, const std::string&> m_connCreatedTrace;
    //!< every connection created
    TracedCallback<const FirewallConnection&, const std::string&> m_connTeardownTrace;
    //!< every connection torn down
    TracedCallback<Ptr<const Packet>, const Ipv4Header&> m_dupAckTrace;  //!< every dup ACK sent
    TracedCallback<Ptr<const Packet>, const Ipv4Header&> m_holdTrace;    //!< every segment held
    TracedCallback<Ptr<const Packet>, const Ipv4Header&> m_releaseTrace; //!< every release
};

} // namespace ns3

#endif /* STATEFUL_FIREWALL_H */
