/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Running a shell command (tshark, in the wire-format tests) and reading what it printed.
 */

#ifndef VPN_COMMAND_LINES_H
#define VPN_COMMAND_LINES_H

#include <cstdio>
#include <string>
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

} // namespace ns3

#endif /* VPN_COMMAND_LINES_H */
