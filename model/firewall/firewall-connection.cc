/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-connection.h"

namespace ns3
{

std::string
FirewallConnection::GetStateName() const
{
    switch (state)
    {
    case State::EMBRYONIC:
        return "SYN";
    case State::SYN_RECEIVED:
        return "SYN-ACK";
    case State::ESTABLISHED:
        return "ESTAB";
    case State::HALF_CLOSED:
        return "HALF-CLOSED";
    case State::CLOSING:
        return "CLOSING";
    case State::OPEN:
        return "OPEN";
    case State::PROXIED:
        return "PROXY";
    }
    return "?";
}

} // namespace ns3
