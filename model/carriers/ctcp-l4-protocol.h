/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CTCP_L4_PROTOCOL_H
#define CTCP_L4_PROTOCOL_H

#include "vpn-l4-protocol.h"

#include "ns3/ipv4-address.h"
#include "ns3/sequence-number.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <utility>

namespace ns3
{

class Node;

/**
 * \ingroup vpn
 * \brief IPv4 protocol 6 on a node's WAN interface, for cTCP: hands the segments addressed to a
 * cTCP (address, port) to its carrier, and everything else to the node's own TcpL4Protocol.
 *
 * Cisco's cTCP is not a TCP stack: it writes TCP headers around ESP and IKE itself and never
 * lets the host's TCP see them. ns-3's TcpL4Protocol, shown such segments, answers them with RST
 * (it has no socket for them), so cTCP needs its own protocol 6. Ipv4L3Protocol::Insert(l4,
 * interfaceIndex) registers an L4 for one interface only, and Ipv4L3Protocol::LocalDeliver looks
 * up the interface-specific L4 before the node-wide one (ns-3.37 GetProtocol(number,
 * interfaceIndex)): this shim is inserted on the interfaces that hold a cTCP carrier's address,
 * and ns-3's TCP keeps every other interface (the tunnel's "tun" among them), so inner
 * applications use ns-3's TCP unchanged.
 *
 * On the WAN interface a segment whose destination (address, port) no cTCP carrier registered
 * goes to the node's TcpL4Protocol, as if the shim were not there: ns-3's listeners on the WAN
 * address keep working, and a closed port draws the RST of RFC 9293 section 3.10.7.1 from ns-3's
 * TCP.
 *
 * Segments are read through TcpSegmentView, never ns-3's TcpHeader (ns-3.37's
 * TcpOptionMSS::Deserialize aborts the simulation on an MSS option of the wrong length). When the
 * global ChecksumEnabled is true, the checksum of an owned segment is checked over its bytes (a
 * bad one is counted and dropped as "checksum") and every segment sent carries a valid one. A
 * segment shorter than 20 bytes or with a data offset that does not fit is counted and dropped
 * ("malformed"), as is one whose options are malformed (RFC 9293, 3.2: a length byte below 2 or
 * past the header, or an MSS, window-scale, SACK-permitted or timestamp option of the wrong
 * length: "bad-option"). That last drop is an assumption: Cisco does not document what its cTCP
 * peer does with such a segment (Linux's tcp_parse_options skips the option and keeps the
 * segment); a cTCP segment carries options only on its SYNs.
 */
class CtcpL4Protocol : public VpnL4Protocol
{
  public:
    /** IANA protocol number of TCP. */
    static constexpr uint8_t PROT_NUMBER = 6;

    /** The fields of a TCP header that cTCP uses (RFC 9293 section 3.1). */
    struct Segment
    {
        uint16_t sourcePort{0};      //!< Source Port
        uint16_t destinationPort{0}; //!< Destination Port
        SequenceNumber32 sequence;   //!< Sequence Number (SEG.SEQ)
        SequenceNumber32 ack;        //!< Acknowledgment Number (SEG.ACK)
        uint8_t flags{0};            //!< control bits (TcpHeader::Flags_t)
        uint16_t window{0};          //!< Window (SEG.WND)
    };

    /**
     * Callback for a segment addressed to a registered (address, port).
     * \param payload the segment's payload (TCP header and options removed)
     * \param segment the header fields
     * \param source the outer source address
     */
    typedef Callback<void, Ptr<Packet>, const Segment&, Ipv4Address> ReceiveCallback;

    /**
     * TracedCallback signature for a segment dropped by the shim.
     * \param [in] packet the segment as received
     * \param [in] reason "malformed", "checksum" or "bad-option"
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CtcpL4Protocol();
    ~CtcpL4Protocol() override;

    /**
     * Find the node's cTCP protocol (installing one if there is none) and make sure it owns
     * protocol 6 on the interface that holds \p local.
     * \param node a node with an IPv4 stack
     * \param local one of its addresses
     * \return the protocol
     */
    static Ptr<CtcpL4Protocol> Get(Ptr<Node> node, Ipv4Address local);

    /**
     * Deliver segments addressed to (\p local, \p port) to \p cb.
     * \param local a local address on an interface this shim owns
     * \param port the local port
     * \param cb the receiver
     */
    void Register(Ipv4Address local, uint16_t port, ReceiveCallback cb);

    /**
     * Stop delivering segments addressed to (\p local, \p port).
     * \param local the address given to Register()
     * \param port the port given to Register()
     */
    void Unregister(Ipv4Address local, uint16_t port);

    /**
     * \param local a local address
     * \param port a port
     * \return whether a carrier registered (\p local, \p port)
     */
    bool IsRegistered(Ipv4Address local, uint16_t port) const;

    /**
     * Send a segment.
     * \param payload the payload (may be empty)
     * \param segment the header fields
     * \param source the outer source address
     * \param destination the outer destination address
     * \param mss when not 0, an MSS option (RFC 9293 section 3.7.1) with this value
     */
    void Send(Ptr<Packet> payload,
              const Segment& segment,
              Ipv4Address source,
              Ipv4Address destination,
              uint16_t mss = 0);

    /** \return segments handed to the node's TcpL4Protocol (not owned by cTCP) */
    uint64_t GetHandedToTcpCount() const;

    /** \return owned segments dropped: malformed, bad checksum or bad option */
    uint64_t GetDropCount() const;

    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;

  protected:
    void DoDispose() override;

  private:
    /** (local address, local port) */
    typedef std::pair<Ipv4Address, uint16_t> Key;

    /**
     * Count and trace a dropped segment.
     * \param packet the segment
     * \param reason why
     */
    void Drop(Ptr<const Packet> packet, const std::string& reason);

    std::map<Key, ReceiveCallback> m_receivers; //!< by (local address, local port)
    std::set<uint32_t> m_interfaces;            //!< interfaces this shim was inserted on
    Ptr<IpL4Protocol> m_tcp;                    //!< the node's own TCP (node-wide protocol 6)
    uint64_t m_handedToTcp;                     //!< not ours
    uint64_t m_drops;                           //!< owned segments dropped

    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< dropped segments
};

} // namespace ns3

#endif /* CTCP_L4_PROTOCOL_H */
