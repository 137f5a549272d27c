/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-connection.h"

namespace ns3
{

bool
FirewallConnection::HasHeldSegments() const
{
    return GetHeldSegments() > 0;
}

uint32_t
FirewallConnection::GetHeldSegments() const
{
    uint32_t held = 0;
    for (const auto& n : normalizer)
    {
        held += n ? n->GetQueueLength() : 0;
    }
    return held;
}

void
FirewallConnection::CancelEvents()
{
    // Events hold no reference to the entry, only its key: cancelling is enough.
    expiry.Cancel();
    normalizerTimer[0].Cancel();
    normalizerTimer[1].Cancel();
}

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
