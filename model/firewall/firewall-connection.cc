/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-connection.h"

#include "ns3/simulator.h"

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
    // Events hold no reference to the entry, only its key. Removed, not cancelled: a cancelled
    // event stays in the scheduler until its time, so a table that churns through short-lived
    // entries would leave one dead idle check behind per entry for up to its idle timeout.
    Simulator::Remove(expiry);
    Simulator::Remove(normalizerTimer[0]);
    Simulator::Remove(normalizerTimer[1]);
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
