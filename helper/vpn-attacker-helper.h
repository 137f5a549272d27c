/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_ATTACKER_HELPER_H
#define VPN_ATTACKER_HELPER_H

#include "ns3/cstp-connect.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief An attacker on or beside the path of a running scenario (issue 16): it originates
 * crafted IPv4 datagrams from its node with any source address, and it records what a link
 * carries so that it can replay or cut what it saw.
 *
 * Sending uses Ipv4::Send with no route, so the node routes the datagram and writes the given
 * source into the IPv4 header (DESIGN.md, "Originating"); ns-3 is not modified and no raw socket
 * is used. Capture registers a promiscuous protocol handler for IPv4 on a device (any node's):
 * the attacker sees every IPv4 packet that device receives, the IPv4 header included.
 *
 * What the attacker knows is what a wire shows: ForgeEsp, FromBytes and Truncate build packets
 * from bytes, so they carry no packet tags, the emulated ESP ICV (EspSequenceTag) among them.
 * EditEspSequence keeps a copy's tags on purpose (an attacker who could edit the sequence number
 * under the ICV, which the emulated ICV still refuses).
 *
 * Misuse is refused, never an abort: Install returns false with a one-line error (a node with no
 * Ipv4, or one that has an attacker already); a send before Install, a Resend of an index never
 * captured or a Capture of no device returns false and fires the Refused trace with a one-line
 * reason, and nothing is sent.
 *
 * \code
 *   Ptr<VpnAttacker> attacker = CreateObject<VpnAttacker>();
 *   std::string error;
 *   NS_ABORT_MSG_UNLESS(attacker->Install(routerNode, error), error);
 *   attacker->Capture(clientWanDevice);
 *   Simulator::Schedule(Seconds(1), [attacker]() {
 *       attacker->Resend(attacker->GetCaptured().size() - 1); // the last one, again
 *   });
 * \endcode
 */
class VpnAttacker : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VpnAttacker();

    /**
     * Signature of the Inject trace: one crafted datagram as it leaves.
     * \param [in] payload what follows the IPv4 header
     * \param [in] source the source address written into the IPv4 header
     * \param [in] destination the destination
     * \param [in] protocol the IPv4 protocol number
     */
    typedef void (*InjectTracedCallback)(Ptr<const Packet> payload,
                                         Ipv4Address source,
                                         Ipv4Address destination,
                                         uint8_t protocol);

    /**
     * Signature of the Refused trace.
     * \param [in] reason one line: what was asked and what is accepted
     */
    typedef void (*RefusedTracedCallback)(const std::string& reason);

    /**
     * The node the attacker sends from; it must have an Ipv4 stack. Aggregates the attacker to it.
     * \param node the node
     * \param [out] error why not, one line, when false is returned
     * \return false (and nothing changed) for no node, a node without Ipv4, a node that has an
     *         attacker already, or an attacker installed already
     */
    bool Install(Ptr<Node> node, std::string& error);

    /**
     * Send a crafted IPv4 datagram.
     * \param source the source address
     * \param destination the destination
     * \param protocol the IPv4 protocol (6 TCP, 17 UDP, 50 ESP)
     * \param payload what follows the IPv4 header (a copy is sent)
     * \return false, nothing sent and Refused fired, before Install or for no payload
     */
    bool InjectIp(Ipv4Address source,
                  Ipv4Address destination,
                  uint8_t protocol,
                  Ptr<const Packet> payload);

    /**
     * Send a crafted UDP datagram (see UdpDatagram).
     * \param source the source address
     * \param sourcePort the source port
     * \param destination the destination
     * \param destinationPort the destination port
     * \param payload the UDP payload
     * \return as InjectIp
     */
    bool InjectUdp(Ipv4Address source,
                   uint16_t sourcePort,
                   Ipv4Address destination,
                   uint16_t destinationPort,
                   Ptr<const Packet> payload);

    /**
     * Send a crafted TCP segment (no options; checksum computed, RFC 9293 section 3.1): a blind
     * RST (flags TcpHeader::RST) or blind data (TcpHeader::ACK with a payload).
     * \param source the source address
     * \param sourcePort the source port
     * \param destination the destination
     * \param destinationPort the destination port
     * \param sequence SEG.SEQ
     * \param ack SEG.ACK
     * \param flags TcpHeader flags
     * \param payload the segment's data
     * \return as InjectIp
     */
    bool InjectTcp(Ipv4Address source,
                   uint16_t sourcePort,
                   Ipv4Address destination,
                   uint16_t destinationPort,
                   uint32_t sequence,
                   uint32_t ack,
                   uint8_t flags,
                   Ptr<const Packet> payload);

    /**
     * Send the same crafted datagram \p count times at FloodRate, the first now.
     * \param source the source address
     * \param destination the destination
     * \param protocol the IPv4 protocol
     * \param payload what follows the IPv4 header
     * \param count how many
     * \return as InjectIp (checked before the first one is sent)
     */
    bool Flood(Ipv4Address source,
               Ipv4Address destination,
               uint8_t protocol,
               Ptr<const Packet> payload,
               uint32_t count);

    /**
     * A UDP datagram, checksum 0 (RFC 768; allowed on IPv4, as NAT-T sends: RFC 3948
     * section 2.1): the IPv4 payload InjectUdp sends, or one for Flood.
     * \param sourcePort the source port
     * \param destinationPort the destination port
     * \param payload the UDP payload
     * \return the datagram (UDP header first)
     */
    static Ptr<Packet> UdpDatagram(uint16_t sourcePort,
                                   uint16_t destinationPort,
                                   Ptr<const Packet> payload);

    /**
     * A forged ESP packet built from bytes (RFC 4303 section 2): the chosen SPI and sequence
     * number, then \p size zero bytes (IV, ciphertext, ICV). No emulated ICV rides along.
     * \param spi the SPI
     * \param sequence the low 32 bits of the sequence number
     * \param size the bytes after the 8-byte header
     * \return the ESP packet (the IPv4 payload for protocol 50, the UDP payload for NAT-T)
     */
    static Ptr<Packet> ForgeEsp(uint32_t spi, uint32_t sequence, uint32_t size);

    /**
     * A foreign DTLS 1.2 ClientHello that asks to resume \p session (the AnyConnect DTLS channel,
     * RFC 6347 section 4.2.1 and the X-DTLS-Session-ID the headend gave inside TLS): one
     * handshake record, epoch 0, sequence number 0, the message as small as it can be. Sent to
     * the headend's DTLS port from another port (InjectUdp), it tries to take over a session.
     * \param session the 32-byte session id it names
     * \return the UDP payload
     */
    static Ptr<Packet> ForgeDtlsClientHello(const CstpConnect::SessionId& session);

    /**
     * A copy of a genuine ESP packet with its sequence number replaced; the copy keeps the
     * original's packet tags (the emulated ICV, which then no longer matches).
     * \param esp the genuine ESP packet (starting at the ESP header)
     * \param sequence the new sequence number
     * \return the edited copy
     */
    static Ptr<Packet> EditEspSequence(Ptr<const Packet> esp, uint32_t sequence);

    /**
     * A new packet from another's bytes: what an attacker who saw the bytes can send (no tags).
     * \param packet the packet
     * \return the copy
     */
    static Ptr<Packet> FromBytes(Ptr<const Packet> packet);

    /**
     * The first \p size bytes of a packet, as a new packet from bytes.
     * \param packet the packet
     * \param size how many bytes are kept (at most the packet's size)
     * \return the cut copy
     */
    static Ptr<Packet> Truncate(Ptr<const Packet> packet, uint32_t size);

    /**
     * Record every IPv4 packet \p device receives (up to CaptureLimit), from now on.
     * \param device the device (of any node)
     * \return false, and Refused fired, for no device
     */
    bool Capture(Ptr<NetDevice> device);

    /** \return what was recorded, oldest first: IPv4 packets with their IPv4 header */
    const std::vector<Ptr<const Packet>>& GetCaptured() const;

    /**
     * Send a captured IPv4 packet again from bytes (a replay), its IPv4 header's source,
     * destination and protocol kept (the TTL and identification are the sending node's). A
     * smaller \p size cuts it: a UDP datagram keeps its ports and gets a new header whose length
     * is right (the UDP payload is cut, so the ESP packet for NAT-T and cisco-udp), a TCP segment
     * keeps its header (options included) and gets its checksum anew (the segment's data is cut,
     * so cTCP's ESP and trailer), any other protocol's IPv4 payload is cut (the ESP packet for
     * IP 50).
     * \param index which captured packet, oldest 0
     * \param size bytes kept of the UDP payload, TCP data or IPv4 payload, UINT32_MAX for all
     * \return false, nothing sent and Refused fired, for an index never captured (or as InjectIp)
     */
    bool Resend(uint32_t index, uint32_t size = UINT32_MAX);

  protected:
    void DoDispose() override;

  private:
    /**
     * A TCP segment from a header and data, its checksum computed (RFC 9293 section 3.1).
     * \param tcp the header (options included)
     * \param source the IPv4 source, for the pseudo-header
     * \param destination the IPv4 destination
     * \param payload the data
     * \return the segment
     */
    static Ptr<Packet> TcpSegment(TcpHeader tcp,
                                  Ipv4Address source,
                                  Ipv4Address destination,
                                  Ptr<const Packet> payload);

    /**
     * Refuse a request: log it and fire Refused.
     * \param reason one line
     * \return false
     */
    bool Refuse(const std::string& reason);

    /**
     * The promiscuous IPv4 handler of Capture.
     * \param device the device
     * \param packet the received packet (IPv4 header first)
     * \param protocol the L3 protocol
     * \param from the sender's address
     * \param to the receiver's address
     * \param type the packet type
     */
    void Captured(Ptr<NetDevice> device,
                  Ptr<const Packet> packet,
                  uint16_t protocol,
                  const Address& from,
                  const Address& to,
                  NetDevice::PacketType type);

    /**
     * Schedule the next flood datagram, 1 / FloodRate from now, if any is left.
     * \param source the source address
     * \param destination the destination
     * \param protocol the IPv4 protocol
     * \param payload the payload
     * \param left how many are left to send
     */
    void FloodNext(Ipv4Address source,
                   Ipv4Address destination,
                   uint8_t protocol,
                   Ptr<const Packet> payload,
                   uint32_t left);

    /**
     * One flood datagram, then the next after 1 / FloodRate.
     * \param source the source address
     * \param destination the destination
     * \param protocol the IPv4 protocol
     * \param payload the payload
     * \param left how many are left to send, this one included
     */
    void FloodOne(Ipv4Address source,
                  Ipv4Address destination,
                  uint8_t protocol,
                  Ptr<const Packet> payload,
                  uint32_t left);

    Ptr<Node> m_node;                          //!< where the attacker sends from
    double m_floodRate;                        //!< flood datagrams per second
    uint32_t m_captureLimit;                   //!< most packets Capture keeps
    std::vector<Ptr<const Packet>> m_captured; //!< what Capture recorded
    /// Fired for every datagram sent.
    TracedCallback<Ptr<const Packet>, Ipv4Address, Ipv4Address, uint8_t> m_injectTrace;
    /// Fired for every request refused.
    TracedCallback<const std::string&> m_refusedTrace;
};

} // namespace ns3

#endif /* VPN_ATTACKER_HELPER_H */
