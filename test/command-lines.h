/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Running a shell command (tshark, in the wire-format tests) and reading what it printed, and
 * finding tshark: a wire-format test case skips itself, with a line on stderr, when it is missing.
 */

#ifndef VPN_COMMAND_LINES_H
#define VPN_COMMAND_LINES_H

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * Run a shell command, its standard error discarded.
 * \param command the command
 * \param [out] ok whether it ran and exited with status 0
 * \return the lines it printed on standard output, without their newlines
 */
inline std::vector<std::string>
CommandLines(const std::string& command, bool& ok)
{
    std::vector<std::string> lines;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
    {
        ok = false;
        return lines;
    }
    std::string line;
    char chunk[512];
    while (fgets(chunk, sizeof(chunk), pipe))
    {
        line += chunk;
        if (!line.empty() && line.back() == '\n')
        {
            line.pop_back();
            lines.push_back(line);
            line.clear();
        }
    }
    if (!line.empty())
    {
        lines.push_back(line);
    }
    ok = pclose(pipe) == 0;
    return lines;
}

/**
 * \ingroup vpn
 * Find tshark: the program $VPN_TSHARK names when that is set (VPN_TSHARK=/nonexistent shows a
 * machine without it), else the first executable "tshark" in a folder of $PATH.
 * \param [out] where where it was looked for, for a message
 * \return its path, or "" when there is none
 */
inline std::string
FindTshark(std::string& where)
{
    if (const char* given = std::getenv("VPN_TSHARK"))
    {
        where = std::string("VPN_TSHARK=") + given;
        return access(given, X_OK) == 0 ? given : "";
    }
    where = "PATH";
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    for (size_t start = 0; start <= path.size();)
    {
        size_t colon = path.find(':', start);
        colon = colon == std::string::npos ? path.size() : colon;
        const std::string dir = path.substr(start, colon - start);
        const std::string candidate = (dir.empty() ? "." : dir) + "/tshark";
        if (access(candidate.c_str(), X_OK) == 0)
        {
            return candidate;
        }
        start = colon + 1;
    }
    return "";
}

/**
 * \ingroup vpn
 * The tshark command for a wire-format test case, or a skip: ns-3's TestCase has no skipped
 * state, so a case without tshark says so on stderr and returns at once (and passes).
 * \param testName the case's name, for the message
 * \return tshark's path quoted for the shell, or "" when the case must return
 */
inline std::string
TsharkOrSkip(const std::string& testName)
{
    std::string where;
    const std::string tshark = FindTshark(where);
    if (tshark.empty())
    {
        std::cerr << "SKIP \"" << testName << "\": tshark not found (" << where
                  << "); ./vpnlab deps installs it\n";
        return "";
    }
    std::string quoted = "'";
    for (char c : tshark)
    {
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace ns3

#endif /* VPN_COMMAND_LINES_H */
