/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "firewall-policy.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * Parse a whole decimal integer.
 * \param text the text
 * \param [out] value the number
 * \return true when text is a whole integer
 */
bool
ParseInteger(const std::string& text, int64_t& value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end != text.c_str() + text.size())
    {
        return false;
    }
    value = v;
    return true;
}

/**
 * Parse "n" or "n-m" as a port range.
 * \param text the text
 * \param [out] low first port
 * \param [out] high last port
 * \return true on success
 */
bool
ParsePortRange(const std::string& text, uint16_t& low, uint16_t& high)
{
    auto dash = text.find('-');
    int64_t a = 0;
    int64_t b = 0;
    if (!ParseInteger(text.substr(0, dash), a))
    {
        return false;
    }
    b = a;
    if (dash != std::string::npos && !ParseInteger(text.substr(dash + 1), b))
    {
        return false;
    }
    if (a < 0 || b > 65535 || a > b)
    {
        return false;
    }
    low = static_cast<uint16_t>(a);
    high = static_cast<uint16_t>(b);
    return true;
}

/**
 * Parse "a.b.c.d" or "a.b.c.d/len".
 * \param text the text
 * \param [out] address the network
 * \param [out] mask its mask (/32 without a length)
 * \return true on success
 */
bool
ParsePrefix(const std::string& text, Ipv4Address& address, Ipv4Mask& mask)
{
    auto slash = text.find('/');
    std::string addr = text.substr(0, slash);
    int dots = 0;
    for (char c : addr)
    {
        if (c == '.')
        {
            ++dots;
        }
        else if (c < '0' || c > '9')
        {
            return false;
        }
    }
    if (dots != 3)
    {
        return false;
    }
    int64_t length = 32;
    if (slash != std::string::npos &&
        (!ParseInteger(text.substr(slash + 1), length) || length < 0 || length > 32))
    {
        return false;
    }
    // inet_pton refuses what ns-3 cannot parse (an octet over 255, an empty one): ns-3.37 then
    // made a wrong address silently, ns-3.47 and later abort.
    in_addr parsed{};
    if (inet_pton(AF_INET, addr.c_str(), &parsed) != 1)
    {
        return false;
    }
    address = Ipv4Address(ntohl(parsed.s_addr));
    mask = Ipv4Mask(length == 0 ? 0u : ~0u << (32 - length));
    return true;
}

/**
 * Parse a protocol name or number.
 * \param text the text
 * \param [out] protocol the number (0 for any)
 * \return true on success
 */
bool
ParseProtocol(const std::string& text, uint8_t& protocol)
{
    static const std::pair<const char*, uint8_t> names[] = {{"any", 0},
                                                            {"tcp", 6},
                                                            {"udp", 17},
                                                            {"esp", 50},
                                                            {"icmp", 1}};
    for (const auto& [name, number] : names)
    {
        if (text == name)
        {
            protocol = number;
            return true;
        }
    }
    int64_t n = 0;
    if (ParseInteger(text, n) && n >= 0 && n <= 255)
    {
        protocol = static_cast<uint8_t>(n);
        return true;
    }
    return false;
}

} // namespace

std::string
FirewallActionName(FirewallAction action)
{
    switch (action)
    {
    case FirewallAction::INSPECT:
        return "inspect";
    case FirewallAction::STATEFUL:
        return "stateful";
    case FirewallAction::BYPASS:
        return "bypass";
    case FirewallAction::PROXY:
        return "proxy";
    case FirewallAction::DENY:
        return "deny";
    }
    return "unknown";
}

bool
FirewallClass::Matches(uint8_t protocolNumber,
                       Ipv4Address src,
                       Ipv4Address dst,
                       uint16_t sport,
                       uint16_t dport) const
{
    if (!enabled || (protocol != 0 && protocol != protocolNumber))
    {
        return false;
    }
    if (!sourceMask.IsMatch(src, source) || !destinationMask.IsMatch(dst, destination))
    {
        return false;
    }
    return sport >= sourcePortLow && sport <= sourcePortHigh && dport >= destinationPortLow &&
           dport <= destinationPortHigh;
}

bool
FirewallPolicy::ParseAction(const std::string& text, FirewallAction& action, std::string& error)
{
    for (auto a : {FirewallAction::INSPECT,
                   FirewallAction::STATEFUL,
                   FirewallAction::BYPASS,
                   FirewallAction::PROXY,
                   FirewallAction::DENY})
    {
        if (text == FirewallActionName(a))
        {
            action = a;
            return true;
        }
    }
    error = "action=" + text + ": unknown action; accepted: inspect, stateful, bypass, proxy, deny";
    return false;
}

bool
FirewallPolicy::CheckQueueLimit(int64_t limit, std::string& error)
{
    if (limit < 0 || limit > static_cast<int64_t>(MAX_QUEUE_LIMIT))
    {
        error = "queue-limit=" + std::to_string(limit) +
                ": out of range; accepted 0-250 packets (0 = the default, 3 for inspected "
                "traffic)";
        return false;
    }
    return true;
}

bool
FirewallPolicy::CheckTimeout(Time timeout, std::string& error)
{
    if (timeout < Seconds(1) || timeout > Seconds(20))
    {
        std::ostringstream os;
        os << "timeout=" << timeout.GetSeconds()
           << ": out of range; accepted 1-20 seconds (default 4)";
        error = os.str();
        return false;
    }
    return true;
}

bool
FirewallPolicy::ParseClass(const std::string& spec, FirewallClass& parsed, std::string& error)
{
    FirewallClass c;
    std::istringstream words(spec);
    std::string word;
    bool hasAction = false;
    while (words >> word)
    {
        auto eq = word.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            error = "'" + word +
                    "': expected key=value (keys: name, proto, src, dst, sport, "
                    "dport, action, queue-limit, timeout, enabled)";
            return false;
        }
        std::string key = word.substr(0, eq);
        std::string value = word.substr(eq + 1);
        int64_t n = 0;
        if (key == "name")
        {
            c.name = value;
        }
        else if (key == "proto")
        {
            if (!ParseProtocol(value, c.protocol))
            {
                error = word + ": unknown protocol; accepted: tcp, udp, esp, icmp, any, 0-255";
                return false;
            }
        }
        else if (key == "src" || key == "dst")
        {
            bool ok = key == "src" ? ParsePrefix(value, c.source, c.sourceMask)
                                   : ParsePrefix(value, c.destination, c.destinationMask);
            if (!ok)
            {
                error = word + ": bad address; accepted: a.b.c.d or a.b.c.d/len (len 0-32)";
                return false;
            }
        }
        else if (key == "sport" || key == "dport")
        {
            bool ok = key == "sport"
                          ? ParsePortRange(value, c.sourcePortLow, c.sourcePortHigh)
                          : ParsePortRange(value, c.destinationPortLow, c.destinationPortHigh);
            if (!ok)
            {
                error = word + ": bad port; accepted: n or n-m with 0 <= n <= m <= 65535";
                return false;
            }
        }
        else if (key == "action")
        {
            if (!ParseAction(value, c.action, error))
            {
                return false;
            }
            hasAction = true;
        }
        else if (key == "queue-limit")
        {
            if (!ParseInteger(value, n))
            {
                error = word + ": not an integer; accepted 0-250 packets";
                return false;
            }
            if (!CheckQueueLimit(n, error))
            {
                return false;
            }
            c.queueLimit = static_cast<uint32_t>(n);
        }
        else if (key == "timeout")
        {
            char* end = nullptr;
            double seconds = std::strtod(value.c_str(), &end);
            if (value.empty() || end != value.c_str() + value.size())
            {
                error = word + ": not a number; accepted 1-20 seconds";
                return false;
            }
            if (!CheckTimeout(Seconds(seconds), error))
            {
                return false;
            }
            c.timeout = Seconds(seconds);
        }
        else if (key == "enabled")
        {
            if (value != "yes" && value != "no")
            {
                error = word + ": accepted: yes or no";
                return false;
            }
            c.enabled = value == "yes";
        }
        else
        {
            error = "'" + key +
                    "': unknown key; accepted: name, proto, src, dst, sport, dport, "
                    "action, queue-limit, timeout, enabled";
            return false;
        }
    }
    if (!hasAction)
    {
        error = "'" + spec + "': no action=; accepted: inspect, stateful, bypass, proxy, deny";
        return false;
    }
    if (c.action == FirewallAction::PROXY && c.protocol != 6)
    {
        error = "action=proxy needs proto=tcp";
        return false;
    }
    parsed = c;
    return true;
}

bool
FirewallPolicy::AddClass(const std::string& spec, std::string& error)
{
    FirewallClass c;
    if (!ParseClass(spec, c, error))
    {
        return false;
    }
    if (c.name.empty())
    {
        c.name = "class" + std::to_string(m_classes.size() + 1);
    }
    m_classes.push_back(c);
    return true;
}

const FirewallClass*
FirewallPolicy::Match(uint8_t protocol,
                      Ipv4Address src,
                      Ipv4Address dst,
                      uint16_t sport,
                      uint16_t dport) const
{
    for (const auto& c : m_classes)
    {
        if (c.Matches(protocol, src, dst, sport, dport))
        {
            return &c;
        }
    }
    return nullptr;
}

const std::vector<FirewallClass>&
FirewallPolicy::GetClasses() const
{
    return m_classes;
}

bool
FirewallPolicy::SetEnabled(const std::string& name, bool enabled, std::string& error)
{
    bool found = false;
    for (auto& c : m_classes)
    {
        if (c.name == name)
        {
            c.enabled = enabled;
            found = true;
        }
    }
    if (!found)
    {
        error = "class '" + name + "': no such class; classes are named by their name= key";
    }
    return found;
}

} // namespace ns3
