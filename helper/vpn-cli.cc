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

std::vector<std::string>
VpnCli::List(const std::string& flag, const std::string& text)
{
    std::vector<std::string> items;
    std::string item;
    std::istringstream in(text + ",");
    while (std::getline(in, item, ','))
    {
        if (item.empty())
        {
            Fail(flag, text, "empty item in the list; expected comma-separated values");
        }
        items.push_back(item);
    }
    if (items.empty())
    {
        Fail(flag, text, "empty list; expected comma-separated values");
    }
    return items;
}

void
VpnCli::RejectUnknown(int argc, char* argv[], const std::vector<std::string>& flags)
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
        {
            Fail(arg, "", "not a flag; flags look like --name=value");
        }
        const size_t eq = arg.find('=');
        const std::string name =
            arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
        if (name == "RngRun" || name == "RngSeed")
        {
            Integer(name, value, 1, 4294967295LL);
            continue;
        }
        if (name == "ChecksumEnabled")
        {
            Choice(name, value, {"0", "1", "true", "false"});
            continue;
        }
        if (name == "help" || name.rfind("Print", 0) == 0 || name.rfind("ns3::", 0) == 0)
        {
            continue;
        }
        bool known = false;
        for (const auto& flag : flags)
        {
            known = known || flag == name;
        }
        if (!known)
        {
            std::ostringstream accepted;
            for (const auto& flag : flags)
            {
                accepted << (accepted.tellp() > 0 ? " " : "") << "--" << flag;
            }
            Fail(name, value, "unknown flag; accepted: " + accepted.str() + " (and --help)");
        }
    }
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
