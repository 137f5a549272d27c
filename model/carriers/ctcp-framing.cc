/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ctcp-framing.h"

#include "ctcp-trailer.h"

namespace ns3
{

Ptr<Packet>
CtcpFraming::Frame(Ptr<const Packet> message, uint8_t protocol, uint16_t counter, bool fromServer)
{
    Ptr<Packet> wire;
    if (protocol == CtcpTrailer::PROTOCOL_IKE)
    {
        // An 8-byte UDP header, port 500 to 500, checksum 0 (none, RFC 768), in front of IKE.
        const uint32_t length = message->GetSize() + UDP_HEADER_SIZE;
        const uint8_t udp[UDP_HEADER_SIZE] = {IKE_UDP_PORT >> 8,
                                              IKE_UDP_PORT & 0xff,
                                              IKE_UDP_PORT >> 8,
                                              IKE_UDP_PORT & 0xff,
                                              static_cast<uint8_t>(length >> 8),
                                              static_cast<uint8_t>(length & 0xff),
                                              0,
                                              0};
        wire = Create<Packet>(udp, UDP_HEADER_SIZE);
        wire->AddAtEnd(message);
    }
    else
    {
        wire = message->Copy();
    }
    CtcpTrailer trailer;
    trailer.SetCounter(counter);
    trailer.SetProtocol(protocol);
    if (protocol == CtcpTrailer::PROTOCOL_IKE)
    {
        trailer.SetDirection(fromServer ? CtcpTrailer::IKE_SERVER_TO_CLIENT
                                        : CtcpTrailer::IKE_CLIENT_TO_SERVER);
    }
    wire->AddTrailer(trailer);
    return wire;
}

std::string
CtcpFraming::Unframe(Ptr<Packet> payload, uint8_t& protocol)
{
    if (payload->GetSize() < CtcpTrailer::SIZE)
    {
        return "ctcp-runt";
    }
    CtcpTrailer trailer;
    payload->RemoveTrailer(trailer);
    if (!trailer.IsWellFormed())
    {
        return "ctcp-bad-trailer";
    }
    protocol = trailer.GetProtocol();
    if (protocol == CtcpTrailer::PROTOCOL_ESP)
    {
        return "";
    }
    if (payload->GetSize() < UDP_HEADER_SIZE)
    {
        return "ctcp-runt";
    }
    payload->RemoveAtStart(UDP_HEADER_SIZE);
    return "";
}

} // namespace ns3
