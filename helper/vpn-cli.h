/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_CLI_H
#define VPN_CLI_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Strict checks for the vpn programs' command-line flags.
 *
 * ns-3's CommandLine exits with status 1 and prints its whole help on a value it cannot parse,
 * and accepts any text for a string flag. The vpn programs take such flags as strings and check
 * them here: a bad value ends the program with one line on stderr that names the flag, the value
 * and what is accepted, and exit status 2 (the usual status for a usage error).
 */
class VpnCli
{
  public:
    /** Exit status for bad input. */
    static constexpr int BAD_INPUT_STATUS = 2;

    /**
     * Parse a real number in [lo, hi].
     * \param flag the flag's name, without dashes
     * \param text the value given
     * \param lo smallest accepted value
     * \param hi largest accepted value
     * \return the value; exits with status 2 on bad input
     */
    static double Double(const std::string& flag, const std::string& text, double lo, double hi);

    /**
     * Parse an integer in [lo, hi].
     * \param flag the flag's name, without dashes
     * \param text the value given
     * \param lo smallest accepted value
     * \param hi largest accepted value
     * \return the value; exits with status 2 on bad input
     */
    static long long Integer(const std::string& flag,
                             const std::string& text,
                             long long lo,
                             long long hi);

    /**
     * Check that a value is one of a set of names.
     * \param flag the flag's name, without dashes
     * \param text the value given
     * \param choices the accepted names
     * \return the value; exits with status 2 on bad input
     */
    static std::string Choice(const std::string& flag,
                              const std::string& text,
                              const std::vector<std::string>& choices);

    /**
     * Split a comma-separated list, refusing an empty list or an empty item.
     * \param flag the flag's name, without dashes
     * \param text the value given
     * \return the items; exits with status 2 on bad input
     */
    static std::vector<std::string> List(const std::string& flag, const std::string& text);

    /**
     * Refuse, before ns-3's CommandLine sees them, flags the program does not know (ns-3 would
     * print its whole help and exit with status 1) and global values it would abort on.
     * Accepted besides \p flags: ns-3's --help, --Print* and --ns3::Type::Attribute=value, and
     * the globals --RngRun, --RngSeed and --ChecksumEnabled (checked here).
     * \param argc as given to main
     * \param argv as given to main
     * \param flags the program's own flag names, without dashes
     */
    static void RejectUnknown(int argc, char* argv[], const std::vector<std::string>& flags);

    /**
     * Print one line "error: --flag=...: reason" on stderr and exit with status 2.
     * \param flag the flag's name, without dashes
     * \param text the value given
     * \param reason what is wrong and what is accepted
     */
    [[noreturn]] static void Fail(const std::string& flag,
                                  const std::string& text,
                                  const std::string& reason);
};

} // namespace ns3

#endif /* VPN_CLI_H */
