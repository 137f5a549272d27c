/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FIREWALL_TEST_BED_H
#define FIREWALL_TEST_BED_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/vpn-module.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A - FW - B (FirewallBedHelper, links of 100 Mbps, 1 ms), a StatefulFirewall on FW, and
 * hand-made TCP segments injected at A and B with Ipv4::Send.
 *
 * A and B never answer: their devices drop every packet they receive (a receive error model of
 * rate 1), after recording it, so their own TCP stacks send no RSTs. What reached each end, what
 * the firewall dropped and when, and the connections it tore down are recorded for the tests.
 */
class FirewallTestBed
{
  public:
    /** One packet that reached A or B. */
    struct Arrival
    {
        Time time;          //!< when it reached the device
        uint8_t protocol;   //!< IP protocol
        Ipv4Address source; //!< IP source
        TcpHeader tcp;      //!< its TCP header (TCP only)
        uint32_t payload;   //!< TCP payload bytes
    };

    /** A's initial sequence number. */
    static constexpr uint32_t ISN_A = 1000;
    /** B's initial sequence number. */
    static constexpr uint32_t ISN_B = 5000;
    /** Bytes per data segment. */
    static constexpr uint32_t SEGMENT = 1000;
    /** A's port. */
    static constexpr uint16_t PORT_A = 40000;
    /** B's port. */
    static constexpr uint16_t PORT_B = 10000;

    /**
     * Build the bed (call inside a TestCase's DoRun; Run() destroys the simulator).
     * \param classes the policy classes
     * \param pcapPrefix when not empty, pcap of FW's device toward A under this prefix
     */
    explicit FirewallTestBed(const std::vector<std::string>& classes,
                             const std::string& pcapPrefix = "");

    /**
     * Schedule a TCP segment.
     * \param at when \param fromA true: A to B; false: B to A
     * \param flags TCP flags \param seq sequence number \param ack acknowledgement number
     * \param payload payload bytes \param window window field
     */
    void Tcp(Time at,
             bool fromA,
             uint8_t flags,
             uint32_t seq,
             uint32_t ack,
             uint32_t payload = 0,
             uint16_t window = 65535);

    /**
     * Schedule the three-way handshake at t, t + 10 ms, t + 20 ms.
     * \param t the time of the SYN
     */
    void Handshake(Time t);

    /**
     * Schedule A's data segment number k (1-based): seq = ISN_A + 1 + (k - 1) * SEGMENT.
     * \param at when \param k the segment number
     */
    void Data(Time at, uint32_t k);

    /**
     * Schedule a UDP datagram from A to B.
     * \param at when
     */
    void Udp(Time at);

    /**
     * Run until \p stop, then destroy the simulator.
     * \param stop the stop time
     */
    void Run(Time stop);

    /**
     * \param reason a drop keyword
     * \return the times of the drops with that reason
     */
    std::vector<Time> DropTimes(const std::string& reason) const;

    /** \return the sequence numbers of the data segments that reached B, in arrival order */
    std::vector<uint32_t> DataSeqAtB() const;

    /** \return the number of pure ACKs (no data, no SYN) that reached A */
    uint32_t AcksAtA() const;

    Ptr<StatefulFirewall> firewall;                      //!< the firewall on FW
    NodeContainer nodes;                                 //!< A, FW, B
    Ipv4Address addressA;                                //!< A's address
    Ipv4Address addressB;                                //!< B's address
    std::vector<Arrival> atA;                            //!< what reached A
    std::vector<Arrival> atB;                            //!< what reached B
    std::vector<std::pair<Time, std::string>> drops;     //!< firewall drops
    std::vector<std::pair<Time, std::string>> teardowns; //!< connections torn down
    uint64_t dropCountAtRun{0};                          //!< total drops when Run() ended
    uint64_t dupAcksAtRun{0};                            //!< dup ACKs when Run() ended
    size_t connectionsAtRun{0};                          //!< table size when Run() ended

  private:
    /**
     * Record a packet that reached an end.
     * \param into where \param p the packet, with its PPP header
     */
    static void Record(std::vector<Arrival>* into, Ptr<const Packet> p);

    /**
     * Send now.
     * \param fromA direction \param p the packet (L4 header added)
     * \param protocol IP protocol
     */
    void SendNow(bool fromA, Ptr<Packet> p, uint8_t protocol);
};

} // namespace ns3

#endif /* FIREWALL_TEST_BED_H */
