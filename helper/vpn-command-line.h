/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_COMMAND_LINE_H
#define VPN_COMMAND_LINE_H

#include "ns3/attribute.h"
#include "ns3/command-line.h"
#include "ns3/type-id.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A program's flags are the attributes of one TypeId; every argument is checked before
 * ns-3 sees it.
 *
 * Each attribute of the TypeId is a flag of the same name with its first letter in lower case
 * (attribute `AccessRate`, flag `--accessRate`); its help, default and range are the
 * attribute's, written once in its GetTypeId. Besides those flags the program takes ns-3's own:
 * `--ns3::Type::Attribute=value` (a new default for every object of that type), the global
 * values (`--RngRun`, `--RngSeed`, `--ChecksumEnabled`, ...), `--help`/`-h`/`--PrintHelp` and
 * the other `--Print*` flags.
 *
 * ns-3.37's CommandLine prints its whole help and exits with status 1 on a value it cannot
 * parse, and aborts (status 134) on a Time, DataRate or number it cannot read
 * (`NS_ABORT_MSG("Can't Parse Time ...")`, "is not properly formatted"). Parse() therefore
 * reads every value itself first, by the attribute's value type, then asks the attribute's
 * checker for the range: a bad value, an unknown flag or a flag with no value ends the program
 * with one line on stderr naming the flag and what is accepted, and exit status 2, before any
 * simulation starts.
 */
class VpnCommandLine
{
  public:
    /** Exit status for bad input (the usual status of a usage error). */
    static constexpr int BAD_INPUT_STATUS = 2;

    /**
     * \param file the program's source file (`__FILE__`), for the help's first line
     * \param tid the type whose attributes are the program's flags
     */
    VpnCommandLine(const std::string& file, TypeId tid);

    /**
     * \param text the help's description of the program; the help adds what each flag accepts
     */
    void Usage(const std::string& text);

    /**
     * Check every argument, then apply them: a flag sets its attribute's default (so an object
     * of the type created afterwards takes it), `--ns3::` and global values as ns-3 does. Prints
     * the help and exits 0 for `--help`, `-h` or `--PrintHelp`; prints one line and exits with
     * status 2 on bad input.
     * \param argc as given to main
     * \param argv as given to main
     */
    void Parse(int argc, char* argv[]);

    /**
     * \return each `--ns3::Type::Attribute` and global value the arguments set, as (name,
     * effective value in ns-3's own spelling), in the order first given
     */
    const std::vector<std::pair<std::string, std::string>>& GetOverrides() const;

    /**
     * \param attribute an attribute's name, e.g. AccessRate
     * \return its flag, e.g. accessRate
     */
    static std::string FlagOf(const std::string& attribute);

    /**
     * Check one value for one flag of \p tid (without dashes), an `ns3::Type::Attribute` or a
     * global value, as Parse() does.
     * \param tid the type whose attributes are the flags
     * \param flag the flag
     * \param value the value given
     * \param [out] error what is wrong and what is accepted
     * \return true when the value is accepted
     */
    static bool Check(TypeId tid,
                      const std::string& flag,
                      const std::string& value,
                      std::string& error);

    /**
     * \param tid the type whose attributes are the flags
     * \param flag a flag of \p tid (without dashes), an `ns3::Type::Attribute` or a global value
     * \param [out] error why there is none (unknown flag, type or attribute, a parent's
     * attribute, one that cannot be set at construction)
     * \return the checker of the flag's values, or nullptr
     */
    static Ptr<const AttributeChecker> CheckerOf(TypeId tid,
                                                 const std::string& flag,
                                                 std::string& error);

    /**
     * The attribute that Config::SetDefault(name, ...) sets: the named type's own one (not a
     * parent's), with its default now (initialValue, which Config::SetDefault replaces).
     * \param name "ns3::Type::Attribute"
     * \param [out] info the attribute's information
     * \return false when there is no such type, or the type registers no such attribute itself
     */
    static bool DefaultOf(const std::string& name, TypeId::AttributeInformation& info);

    /**
     * Check the text of a value for an attribute's checker: read it as its value type does,
     * strictly (nothing ns-3 would abort on gets through), then the checker's range.
     * \param checker the attribute's checker
     * \param value the value given
     * \param [out] error what is wrong and what is accepted
     * \return true when the value is accepted
     */
    static bool CheckValue(Ptr<const AttributeChecker> checker,
                           const std::string& value,
                           std::string& error);

    /**
     * \param checker an attribute's checker
     * \return what it accepts, in words (e.g. "a number in [0, 0.999999]")
     */
    static std::string Accepted(Ptr<const AttributeChecker> checker);

    /**
     * Print "error: --flag=value: reason" (or "error: --flag: reason" with no value) on stderr
     * and exit with status 2.
     * \param flag the flag, without dashes
     * \param value the value given
     * \param reason what is wrong and what is accepted
     */
    [[noreturn]] static void Fail(const std::string& flag,
                                  const std::string& value,
                                  const std::string& reason);

  private:
    /**
     * Check one argument; exits on bad input.
     * \param arg the argument
     * \param seen flags given so far
     */
    void CheckArgument(const std::string& arg, std::vector<std::string>& seen);

    CommandLine m_cmd;                                            //!< ns-3's parser
    TypeId m_tid;                                                 //!< whose attributes are flags
    std::vector<std::pair<std::string, std::string>> m_overrides; //!< see GetOverrides()
};

} // namespace ns3

#endif /* VPN_COMMAND_LINE_H */
