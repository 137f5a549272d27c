/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the two cTCP suites (vpn-ctcp, vpn-ctcp-wire) share: a log of the segments a carrier
 * sends, and the carriers of a TunnelTopology.
 */

#ifndef VPN_CTCP_TEST_HELPERS_H
#define VPN_CTCP_TEST_HELPERS_H

#include "vpn-tunnel-topology.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/vpn-module.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * One segment seen by a SegmentTx trace.
 */
struct SentSegment
{
    Time at;              //!< when
    uint32_t size;        //!< payload bytes
    uint8_t flags;        //!< control bits
    SequenceNumber32 seq; //!< SEG.SEQ
    SequenceNumber32 ack; //!< SEG.ACK
    uint16_t sourcePort;  //!< the sender's port
};

/**
 * \ingroup vpn
 * Record every segment a carrier sends.
 * \param carrier the carrier
 * \param log where to record
 */
inline void
RecordSegments(Ptr<CtcpCarrier> carrier, std::vector<SentSegment>* log)
{
    carrier->TraceConnectWithoutContext(
        "SegmentTx",
        MakeBoundCallback(
            +[](std::vector<SentSegment>* v,
                Ptr<const Packet> p,
                const CtcpL4Protocol::Segment& s) {
                v->push_back(
                    {Simulator::Now(), p->GetSize(), s.flags, s.sequence, s.ack, s.sourcePort});
            },
            log));
}

/**
 * \ingroup vpn
 * \param t a topology
 * \param client the client's carrier (true) or the headend's
 * \return the carrier
 */
inline Ptr<CtcpCarrier>
CarrierOf(const TunnelTopology& t, bool client)
{
    return DynamicCast<CtcpCarrier>((client ? t.client : t.headend)->GetCarrier());
}

} // namespace ns3

#endif /* VPN_CTCP_TEST_HELPERS_H */
