/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-cli.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace ns3
{

void
VpnCli::Fail(const std::string& flag, const std::string& text, const std::string& reason)
{
    std::cerr << "error: --" << flag << "=" << text << ": " << reason << std::endl;
    std::exit(BAD_INPUT_STATUS);
}

double
VpnCli::Double(const std::string& flag, const std::string& text, double lo, double hi)
{
    std::ostringstream accepted;
    accepted << "expected a number in [" << lo << ", " << hi << "]";
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(begin, &end);
    if (text.empty() || end == begin || *end != '\0' || errno == ERANGE || std::isnan(value))
    {
        Fail(flag, text, "not a number; " + accepted.str());
    }
    if (value < lo || value > hi)
    {
        Fail(flag, text, "out of range; " + accepted.str());
    }
    return value;
}

long long
VpnCli::Integer(const std::string& flag, const std::string& text, long long lo, long long hi)
{
    std::ostringstream accepted;
    accepted << "expected an integer in [" << lo << ", " << hi << "]";
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(begin, &end, 10);
    if (text.empty() || end == begin || *end != '\0' || errno == ERANGE)
    {
        Fail(flag, text, "not an integer; " + accepted.str());
    }
    if (value < lo || value > hi)
    {
        Fail(flag, text, "out of range; " + accepted.str());
    }
    return value;
}

std::string
VpnCli::Choice(const std::string& flag,
               const std::string& text,
               const std::vector<std::string>& choices)
{
    std::ostringstream accepted;
    for (const auto& choice : choices)
    {
        if (choice == text)
        {
            return text;
        }
        accepted << (accepted.tellp() > 0 ? "|" : "") << choice;
    }
    Fail(flag, text, "unknown value; expected one of " + accepted.str());
}

} // namespace ns3
