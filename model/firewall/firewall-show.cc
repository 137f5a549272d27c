/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-show.h"

#include <iomanip>
#include <sstream>
#include <string>

namespace ns3
{

namespace
{

constexpr uint8_t TCP_PROTOCOL = 6;  //!< IP protocol number of TCP
constexpr uint8_t UDP_PROTOCOL = 17; //!< IP protocol number of UDP
constexpr uint8_t ESP_PROTOCOL = 50; //!< IP protocol number of ESP
constexpr uint8_t ICMP_PROTOCOL = 1; //!< IP protocol number of ICMP

/**
 * \param t a duration
 * \return it as h:mm:ss, as `show conn` prints idle times
 */
std::string
HoursMinutesSeconds(Time t)
{
    int64_t s = t.GetSeconds();
    std::ostringstream os;
    os << s / 3600 << ':' << std::setw(2) << std::setfill('0') << (s / 60) % 60 << ':'
       << std::setw(2) << std::setfill('0') << s % 60;
    return os.str();
}

} // namespace

void
PrintShowAspDrop(std::ostream& os, const FirewallDropCounts& drops)
{
    os << "Frame drop:\n";
    for (size_t i = 0; i < drops.size(); ++i)
    {
        if (drops[i] == 0)
        {
            continue;
        }
        auto reason = static_cast<FirewallDropReason>(i);
        std::string label = "  " + FirewallDropReasonDescription(reason) + " (" +
                            FirewallDropReasonName(reason) + ")";
        os << std::left << std::setw(64) << label << std::right << std::setw(12) << drops[i]
           << '\n';
    }
}

void
PrintShowConn(std::ostream& os,
              const FirewallConnectionTable& table,
              const FirewallPolicy& policy,
              uint64_t created,
              Time now)
{
    os << table.GetSize() << " in use, " << created << " most used\n";
    const auto& classes = policy.GetClasses();
    table.ForEach([&](const FirewallConnection& c) {
        const char* proto = c.protocol == TCP_PROTOCOL    ? "TCP"
                            : c.protocol == UDP_PROTOCOL  ? "UDP"
                            : c.protocol == ESP_PROTOCOL  ? "ESP"
                            : c.protocol == ICMP_PROTOCOL ? "ICMP"
                                                          : "IP";
        os << proto << ' ' << c.initiator;
        if (c.protocol == TCP_PROTOCOL || c.protocol == UDP_PROTOCOL)
        {
            os << ':' << c.initiatorPort << ' ' << c.responder << ':' << c.responderPort;
        }
        else if (c.protocol == ESP_PROTOCOL)
        {
            os << ' ' << c.responder << " spi 0x" << std::hex << c.key.ids << std::dec;
        }
        else
        {
            os << ' ' << c.responder;
        }
        os << ", idle " << HoursMinutesSeconds(now - c.lastSeen) << ", bytes " << c.bytes
           << ", class "
           << (c.classIndex == 0 ? std::string("default") : classes[c.classIndex - 1].name) << " ("
           << FirewallActionName(c.action) << "), state " << c.GetStateName();
        if (c.normalizer[0] || c.normalizer[1])
        {
            os << ", queued " << (c.normalizer[0] ? c.normalizer[0]->GetQueueLength() : 0) << '+'
               << (c.normalizer[1] ? c.normalizer[1]->GetQueueLength() : 0) << " of "
               << (c.normalizer[0] ? c.normalizer[0]->GetLimit() : 0) << '+'
               << (c.normalizer[1] ? c.normalizer[1]->GetLimit() : 0);
        }
        os << '\n';
    });
}

} // namespace ns3
