/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_CONNECTION_H
#define FIREWALL_CONNECTION_H

#include "firewall-flow-key.h"
#include "firewall-policy.h"
#include "tcp-normalizer.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/sequence-number.h"

#include <array>
#include <cstdint>
#include <memory>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Which end of a connection sent a packet.
 */
enum class FirewallDirection : uint8_t
{
    FROM_INITIATOR = 0, //!< from the sender of the connection's first packet
    FROM_RESPONDER = 1, //!< from its receiver
};

/**
 * \param direction a direction
 * \return the other one
 */
inline FirewallDirection
Reverse(FirewallDirection direction)
{
    return direction == FirewallDirection::FROM_INITIATOR ? FirewallDirection::FROM_RESPONDER
                                                          : FirewallDirection::FROM_INITIATOR;
}

/**
 * \ingroup vpn
 * \brief One entry of the firewall's connection table (`show conn` prints one line per entry).
 *
 * The per-direction arrays are indexed by FirewallDirection: the initiator's (the sender of the
 * first packet) first, then the responder's.
 * For TCP each direction keeps the sender-side figures of "Real Stateful TCP Packet Filtering in
 * IP Filter" (G. van Rooij, 2001), which Linux conntrack and the ASA follow in spirit: the highest
 * sequence number sent, the highest right window edge the peer has offered, the largest window.
 */
class FirewallConnection
{
  public:
    /** Where the connection is in its life. */
    enum class State : uint8_t
    {
        EMBRYONIC,    //!< SYN seen, waiting for the SYN-ACK (ASA: embryonic)
        SYN_RECEIVED, //!< SYN-ACK seen, waiting for the third packet (still embryonic)
        ESTABLISHED,  //!< handshake done
        HALF_CLOSED,  //!< one FIN seen
        CLOSING,      //!< both FINs seen, waiting for the last ACK
        OPEN,         //!< a connectionless flow (UDP, ESP, ICMP) or bypassed TCP
        PROXIED,      //!< terminated by the firewall's TCP proxy
    };

    /** Sender-side TCP figures of one direction. */
    struct TcpPeer
    {
        SequenceNumber32 isn{0};    //!< initial sequence number
        SequenceNumber32 end{0};    //!< highest seq + len sent (td_end)
        SequenceNumber32 maxEnd{0}; //!< highest ack + window the peer offered (td_maxend)
        SequenceNumber32 ack{0};    //!< highest ACK this side sent: its RCV.NXT as last announced
        uint32_t maxWindow{0};      //!< largest window this side advertised, scaled (td_maxwin)
        uint16_t rawWindow{0};      //!< last window field sent, unscaled
        uint32_t window{0};         //!< last window this side advertised, scaled (bytes)
        uint16_t mss{536};          //!< MSS this side announced (RFC 9293 3.7.1: 536 if none)
        uint32_t maxPayload{0};     //!< largest payload this side has sent
        bool queueFollowsWindow{false}; //!< its queue's limit was set from the peer's window
        uint8_t windowShift{0};         //!< window scale this side announced
        bool windowScale{false};        //!< this side offered the window scale option
        bool sackPermitted{false};      //!< this side offered SACK
        bool timestamps{false};         //!< this side sent the timestamp option
        bool maxEndKnown{false};        //!< maxEnd has been set by an ACK from the peer
        bool ackKnown{false};           //!< ack has been set: this side has sent an ACK
        bool finSeen{false};            //!< this side has sent a FIN
        uint32_t tsVal{0};              //!< last TSval this side sent
        uint32_t tsEcr{0};              //!< last TSecr this side sent
    };

    /** \return a readable name of the state */
    std::string GetStateName() const;

    /**
     * \param direction a direction
     * \return the TCP figures of the side that sends in it
     */
    TcpPeer& Sender(FirewallDirection direction)
    {
        return tcp[static_cast<size_t>(direction)];
    }

    /**
     * \param direction a direction
     * \return the TCP figures of the side that receives in it
     */
    TcpPeer& Receiver(FirewallDirection direction)
    {
        return tcp[static_cast<size_t>(Reverse(direction))];
    }

    /**
     * \param direction a direction
     * \return the normalizer of the segments sent in it (null when not normalized)
     */
    TcpNormalizer* Normalizer(FirewallDirection direction) const
    {
        return normalizer[static_cast<size_t>(direction)].get();
    }

    /**
     * \param direction a direction
     * \return the buffer-timeout event of that direction's normalizer
     */
    EventId& NormalizerTimer(FirewallDirection direction)
    {
        return normalizerTimer[static_cast<size_t>(direction)];
    }

    /** \return true when a normalizer of either direction holds a segment */
    bool HasHeldSegments() const;

    /** \return the segments the normalizers of both directions hold now */
    uint32_t GetHeldSegments() const;

    /** Cancel the entry's pending events (its idle check, its buffer timeouts). */
    void CancelEvents();

    FirewallFlowKey key;                             //!< the table key
    uint8_t protocol{0};                             //!< IP protocol
    FirewallAction action{FirewallAction::STATEFUL}; //!< policy action
    State state{State::OPEN};                        //!< life-cycle state
    uint16_t classIndex{0};                          //!< 1 + index of the policy class, 0: none
    Ipv4Address initiator;                           //!< address of the first packet's sender
    Ipv4Address responder;                           //!< address of its receiver
    uint16_t initiatorPort{0};                       //!< the sender's port (0 if none)
    uint16_t responderPort{0};                       //!< the receiver's port (0 if none)
    Time created;                                    //!< when the entry was made
    Time lastSeen;                                   //!< last packet, for the idle timeout
    uint64_t bytes{0};                               //!< IP bytes passed, both directions
    EventId expiry;                                  //!< pending idle check
    std::array<TcpPeer, 2> tcp;                      //!< TCP figures per direction
    std::array<std::unique_ptr<TcpNormalizer>, 2> normalizer; //!< per direction, if normalized
    std::array<EventId, 2> normalizerTimer; //!< per direction, next buffer timeout
    uint32_t queueLimit{0};                 //!< out-of-order queue limit at the start, 0 = none
    bool queueFollowsWindow{false};         //!< the limit follows the advertised window
    Time queueTimeout;                      //!< out-of-order timeout
};

} // namespace ns3

#endif /* FIREWALL_CONNECTION_H */
