/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_TEST_PACKET_HEX_H
#define VPN_TEST_PACKET_HEX_H

#include "ns3/packet.h"

#include <cstdint>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \param p a packet
 * \return its bytes in lower-case hex, two digits a byte, as wire-format tests compare them
 */
inline std::string
PacketHex(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    std::ostringstream hex;
    for (uint8_t b : bytes)
    {
        hex << std::hex << std::setw(2) << std::setfill('0') << uint32_t(b);
    }
    return hex.str();
}

} // namespace ns3

#endif /* VPN_TEST_PACKET_HEX_H */
