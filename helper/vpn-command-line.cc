/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-command-line.h"

#include "vpn-choice-checker.h"

#include "ns3/data-rate.h"
#include "ns3/global-value.h"
#include "ns3/nstime.h"
#include "ns3/string.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <sstream>

namespace ns3
{

namespace
{

/**
 * \param checker an attribute checker
 * \return its value type without the namespace ("TimeValue"; ns-3 spells some with ns3::)
 */
std::string
ValueType(Ptr<const AttributeChecker> checker)
{
    std::string name = checker->GetValueTypeName();
    // ns-3.41 made EnumValue a template: its checker says "ns3::EnumValue<ns3::Foo::Bar>".
    name = name.substr(0, name.find('<'));
    return name.rfind("ns3::", 0) == 0 ? name.substr(5) : name;
}

/// What --RngRun and --RngSeed accept.
constexpr const char* RNG_ACCEPTED = "an integer in [1, 4294967295]";

/// Flags that print something and take no value (ns-3's CommandLine).
const std::vector<std::string> PRINT_FLAGS = {"PrintGlobals", "PrintGroups", "PrintTypeIds"};

/**
 * \param text a number, all of it (strtod's syntax, finite, no spaces)
 * \param [out] value the number
 * \return true when all of text is one finite number
 */
bool
ReadNumber(const std::string& text, double& value)
{
    if (text.empty() || text.find_first_of(" \t\n") != std::string::npos)
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno != ERANGE && std::isfinite(value);
}

/**
 * \param text an integer, all of it
 * \param isSigned whether a sign is allowed
 * \return true when all of text is one integer that fits 64 bits
 */
bool
ReadInteger(const std::string& text, bool isSigned)
{
    const size_t start = (isSigned && !text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    if (text.size() == start || text.find_first_not_of("0123456789", start) != std::string::npos)
    {
        return false;
    }
    errno = 0;
    if (isSigned)
    {
        std::strtoll(text.c_str(), nullptr, 10);
    }
    else
    {
        std::strtoull(text.c_str(), nullptr, 10);
    }
    return errno != ERANGE;
}

/**
 * Read a Time as ns-3's Time(std::string) does (a number, then s, ms, us, ns, ps, fs, min, h, d
 * or y; no unit is seconds), but strictly: ns-3.37 aborts on an unknown unit and reads "1.2.3s"
 * as 1.2 s.
 * \param text the time
 * \param [out] time the time
 * \return true when text is one
 */
bool
ReadTime(const std::string& text, Time& time)
{
    static const std::vector<std::string> units =
        {"", "s", "ms", "us", "ns", "ps", "fs", "min", "h", "d", "y"};
    const size_t n = text.find_first_not_of("+-0123456789.eE");
    const std::string number = text.substr(0, n);
    const std::string unit = n == std::string::npos ? "" : text.substr(n);
    double value = 0;
    if (!ReadNumber(number, value) || std::find(units.begin(), units.end(), unit) == units.end())
    {
        return false;
    }
    time = Time(text);
    return true;
}

/**
 * \param text a DataRate: a non-negative number, then a unit DataRate knows (bps, kbps, Mbps,
 * KiB/s, ...)
 * \return true when text is one (DataRate's own reader says the unit; its number must be whole)
 */
bool
ReadDataRate(const std::string& text)
{
    const size_t n = text.find_first_not_of("0123456789.");
    double value = 0;
    if (n == 0 || !ReadNumber(text.substr(0, n), value) ||
        text.find_first_of(" \t\n") != std::string::npos)
    {
        return false;
    }
    std::istringstream in(text);
    DataRate rate;
    in >> rate; // sets failbit on an unknown unit (DataRate::DoParse)
    return !in.fail();
}

/**
 * \param info "name min:max" as a checker's GetUnderlyingTypeInformation() gives it
 * \param [out] lo min
 * \param [out] hi max
 * \return true when info has that form
 */
bool
SplitRange(const std::string& info, std::string& lo, std::string& hi)
{
    const size_t space = info.rfind(' ');
    const size_t colon = info.find(':', space == std::string::npos ? 0 : space);
    if (space == std::string::npos || colon == std::string::npos)
    {
        return false;
    }
    lo = info.substr(space + 1, colon - space - 1);
    hi = info.substr(colon + 1);
    return true;
}

/**
 * \param limit an integer as text
 * \return true when it is the largest value of an unsigned type of 8 to 64 bits
 */
bool
IsTypeMaximum(const std::string& limit)
{
    return limit == "255" || limit == "65535" || limit == "4294967295" ||
           limit == "18446744073709551615" || limit == "127" || limit == "32767" ||
           limit == "2147483647" || limit == "9223372036854775807";
}

/**
 * \param t a time
 * \return it in seconds, e.g. "2.001s"
 */
std::string
Seconds(const Time& t)
{
    std::ostringstream os;
    os << t.GetSeconds() << "s";
    return os.str();
}

/**
 * \param tid a type
 * \param name an attribute name
 * \return the index of tid's own attribute of that name (not a parent's), or -1
 */
int
OwnAttribute(TypeId tid, const std::string& name)
{
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        if (tid.GetAttribute(i).name == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

/**
 * \param name a global value's name
 * \return it, or nullptr
 */
GlobalValue*
FindGlobal(const std::string& name)
{
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        if ((*it)->GetName() == name)
        {
            return *it;
        }
    }
    return nullptr;
}

} // namespace

VpnCommandLine::VpnCommandLine(const std::string& file, TypeId tid)
    : m_cmd(file),
      m_tid(tid)
{
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        const std::string name = tid.GetAttribute(i).name;
        m_cmd.AddValue(FlagOf(name), tid.GetName() + "::" + name);
    }
}

void
VpnCommandLine::Usage(const std::string& text)
{
    // ns-3 lists each flag with its help and default; what each accepts follows the description.
    std::string accepted = text + "\n\nWhat each flag accepts (the attribute's checker):";
    for (size_t i = 0; i < m_tid.GetAttributeN(); ++i)
    {
        const TypeId::AttributeInformation info = m_tid.GetAttribute(i);
        accepted += "\n    --" + FlagOf(info.name) + ": " + Accepted(info.checker);
    }
    accepted += "\nand --ns3::Type::Attribute=VALUE for any ns-3 attribute "
                "(--PrintAttributes=TYPE lists a type's).";
    m_cmd.Usage(accepted);
}

std::string
VpnCommandLine::FlagOf(const std::string& attribute)
{
    std::string flag = attribute;
    if (!flag.empty())
    {
        flag[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(flag[0])));
    }
    return flag;
}

void
VpnCommandLine::Fail(const std::string& flag, const std::string& value, const std::string& reason)
{
    std::cerr << "error: --" << flag << (value.empty() ? "" : "=" + value) << ": " << reason
              << std::endl;
    std::exit(BAD_INPUT_STATUS);
}

std::string
VpnCommandLine::Accepted(Ptr<const AttributeChecker> checker)
{
    const std::string type = ValueType(checker);
    const std::string info =
        checker->HasUnderlyingTypeInformation() ? checker->GetUnderlyingTypeInformation() : "";
    std::string lo;
    std::string hi;
    if (!GetVpnChoices(checker).empty() || type == "EnumValue")
    {
        return "one of " + info;
    }
    if (type == "BooleanValue")
    {
        return "1|0|true|false";
    }
    if ((type == "UintegerValue" || type == "IntegerValue") && SplitRange(info, lo, hi))
    {
        return IsTypeMaximum(hi) ? "an integer >= " + lo : "an integer in [" + lo + ", " + hi + "]";
    }
    if (type == "DoubleValue" && SplitRange(info, lo, hi))
    {
        double low = 0;
        double high = 0;
        const bool bounded = ReadNumber(hi, high) && high < std::numeric_limits<double>::max();
        const bool floored = ReadNumber(lo, low) && low > std::numeric_limits<double>::lowest();
        if (!bounded)
        {
            return floored ? "a number >= " + lo : "a number";
        }
        return "a number in [" + lo + ", " + hi + "]";
    }
    if (type == "TimeValue")
    {
        Time low;
        Time high;
        std::string words = "a time, e.g. 20ms or 1.5s (a bare number is seconds)";
        if (SplitRange(info, lo, hi) && ReadTime(lo, low) && ReadTime(hi, high) &&
            high < Time::Max())
        {
            words = "a time in [" + Seconds(low) + ", " + Seconds(high) +
                    "], e.g. 20ms or 1.5s (a bare number is seconds)";
        }
        return words;
    }
    if (type == "DataRateValue")
    {
        return "a rate, e.g. 10Mbps, 512kbps, 1Gbps";
    }
    if (type == "StringValue")
    {
        return "any text";
    }
    return "a value of type " + type;
}

bool
VpnCommandLine::CheckValue(Ptr<const AttributeChecker> checker,
                           const std::string& value,
                           std::string& error)
{
    const std::string type = ValueType(checker);
    const std::string accepted = Accepted(checker);
    const std::vector<std::string> choices = GetVpnChoices(checker);
    bool readable = true;
    if (!choices.empty())
    {
        readable = std::find(choices.begin(), choices.end(), value) != choices.end();
    }
    else if (type == "EnumValue")
    {
        const std::string names = "|" + checker->GetUnderlyingTypeInformation() + "|";
        readable = !value.empty() && value.find('|') == std::string::npos &&
                   names.find("|" + value + "|") != std::string::npos;
    }
    else if (type == "BooleanValue")
    {
        readable = value == "1" || value == "0" || value == "true" || value == "false" ||
                   value == "t" || value == "f";
    }
    else if (type == "DoubleValue")
    {
        double number = 0;
        readable = ReadNumber(value, number);
    }
    else if (type == "UintegerValue" || type == "IntegerValue")
    {
        readable = ReadInteger(value, type == "IntegerValue");
    }
    else if (type == "TimeValue")
    {
        Time t;
        readable = ReadTime(value, t);
    }
    else if (type == "DataRateValue")
    {
        readable = ReadDataRate(value);
    }
    else if (type != "StringValue")
    {
        error = "values of type " + type +
                " cannot be given on the command line here; accepted types: numbers, booleans, "
                "names, times, rates and text";
        return false;
    }
    if (!readable)
    {
        error = (choices.empty() && type != "EnumValue" ? "not readable; expected "
                                                        : "unknown value; expected ") +
                accepted;
        return false;
    }
    // StringValue reads one word (ns-3.37 aborts on "a b"); a string is taken whole, as
    // Config::SetDefault takes it.
    Ptr<AttributeValue> v = checker->Create();
    if (type == "StringValue")
    {
        v = Create<StringValue>(value);
    }
    if ((type != "StringValue" && !v->DeserializeFromString(value, checker)) || !checker->Check(*v))
    {
        error = "out of range; expected " + accepted;
        return false;
    }
    return true;
}

bool
VpnCommandLine::DefaultOf(const std::string& name, TypeId::AttributeInformation& info)
{
    const size_t sep = name.rfind("::");
    TypeId type;
    if (sep == std::string::npos || !TypeId::LookupByNameFailSafe(name.substr(0, sep), &type))
    {
        return false;
    }
    const int index = OwnAttribute(type, name.substr(sep + 2));
    if (index < 0)
    {
        return false;
    }
    info = type.GetAttribute(index);
    return true;
}

Ptr<const AttributeChecker>
VpnCommandLine::CheckerOf(TypeId tid, const std::string& flag, std::string& error)
{
    if (flag.rfind("ns3::", 0) == 0)
    {
        const size_t sep = flag.rfind("::");
        const std::string typeName = flag.substr(0, sep);
        const std::string attribute = flag.substr(sep + 2);
        TypeId type;
        if (sep < 5 || !TypeId::LookupByNameFailSafe(typeName, &type))
        {
            error = "no such type '" + typeName +
                    "'; expected --ns3::Type::Attribute=value (--PrintTypeIds lists the types)";
            return nullptr;
        }
        const int index = OwnAttribute(type, attribute);
        if (index < 0)
        {
            TypeId::AttributeInformation inherited;
            if (type.LookupAttributeByName(attribute, &inherited))
            {
                // Config::SetDefault looks only at the type's own attributes.
                TypeId owner = type;
                while (OwnAttribute(owner, attribute) < 0 && owner.HasParent())
                {
                    owner = owner.GetParent();
                }
                error = "the attribute belongs to " + owner.GetName() + "; expected --" +
                        owner.GetName() + "::" + attribute + "=value";
                return nullptr;
            }
            error = typeName + " has no attribute '" + attribute +
                    "' (--PrintAttributes=" + typeName + " lists them)";
            return nullptr;
        }
        const TypeId::AttributeInformation info = type.GetAttribute(index);
        if (!(info.flags & TypeId::ATTR_CONSTRUCT))
        {
            error = "the attribute cannot be set at construction, so not from the command line";
            return nullptr;
        }
        return info.checker;
    }
    if (GlobalValue* global = FindGlobal(flag))
    {
        return global->GetChecker();
    }
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        if (FlagOf(tid.GetAttribute(i).name) == flag)
        {
            return tid.GetAttribute(i).checker;
        }
    }
    std::ostringstream accepted;
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        accepted << (i ? " --" : "--") << FlagOf(tid.GetAttribute(i).name);
    }
    error = "unknown flag; accepted: " + accepted.str() +
            ", --ns3::Type::Attribute=value, --RngRun, --RngSeed (and --help)";
    return nullptr;
}

bool
VpnCommandLine::Check(TypeId tid,
                      const std::string& flag,
                      const std::string& value,
                      std::string& error)
{
    if (flag == "RngRun" || flag == "RngSeed")
    {
        // ns-3 takes RngRun 0 and asserts on RngSeed 0; one range for both, as before.
        if (!ReadInteger(value, false) || std::strtoull(value.c_str(), nullptr, 10) < 1 ||
            std::strtoull(value.c_str(), nullptr, 10) > 4294967295ULL)
        {
            error = "expected " + std::string(RNG_ACCEPTED);
            return false;
        }
        return true;
    }
    Ptr<const AttributeChecker> checker = CheckerOf(tid, flag, error);
    return checker && CheckValue(checker, value, error);
}

void
VpnCommandLine::CheckArgument(const std::string& arg, std::vector<std::string>& seen)
{
    if (arg == "-h" || arg == "--help" || arg == "-help" || arg == "--PrintHelp")
    {
        m_cmd.PrintHelp(std::cout);
        std::exit(0);
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2)
    {
        std::cerr << "error: '" << arg
                  << "' is not a flag; flags look like --name=value (--help lists them)"
                  << std::endl;
        std::exit(BAD_INPUT_STATUS);
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (eq == std::string::npos)
    {
        if (std::find(PRINT_FLAGS.begin(), PRINT_FLAGS.end(), name) != PRINT_FLAGS.end())
        {
            return;
        }
        // A flag with no value: say what a value would be.
        std::string error;
        std::string accepted = RNG_ACCEPTED;
        if (name == "PrintAttributes" || name == "PrintGroup")
        {
            accepted = name == "PrintAttributes" ? "a TypeId name" : "a group name";
        }
        else if (name != "RngRun" && name != "RngSeed")
        {
            Ptr<const AttributeChecker> checker = CheckerOf(m_tid, name, error);
            if (!checker)
            {
                Fail(name, "", error);
            }
            accepted = Accepted(checker);
        }
        Fail(name, "", "no value; expected --" + name + "=VALUE, VALUE " + accepted);
    }
    const std::string value = arg.substr(eq + 1);
    if (name == "PrintAttributes" || name == "PrintGroup")
    {
        TypeId tid;
        bool known = name == "PrintAttributes" && TypeId::LookupByNameFailSafe(value, &tid);
        for (uint16_t i = 0; name == "PrintGroup" && i < TypeId::GetRegisteredN(); ++i)
        {
            known = known || TypeId::GetRegistered(i).GetGroupName() == value;
        }
        if (!known)
        {
            Fail(name,
                 value,
                 name == "PrintAttributes"
                     ? "no such type; expected a TypeId name, e.g. ns3::CtcpCarrier "
                       "(--PrintTypeIds lists them)"
                     : "no such group; expected a group name, e.g. Vpn (--PrintGroups lists them)");
        }
        return;
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
    {
        Fail(name, value, "given twice; expected each flag once");
    }
    seen.push_back(name);
    std::string error;
    if (!Check(m_tid, name, value, error))
    {
        Fail(name, value, error);
    }
    if (name.rfind("ns3::", 0) == 0 || FindGlobal(name))
    {
        m_overrides.emplace_back(name, value);
    }
}

void
VpnCommandLine::Parse(int argc, char* argv[])
{
    std::vector<std::string> seen;
    for (int i = 1; i < argc; ++i)
    {
        CheckArgument(argv[i], seen);
    }
    m_cmd.Parse(argc, argv);
    // The effective values, in ns-3's spelling (what --PrintAttributes would show).
    for (auto& [name, value] : m_overrides)
    {
        if (name.rfind("ns3::", 0) == 0)
        {
            // CheckArgument accepted it: the type's own attribute.
            TypeId::AttributeInformation info;
            DefaultOf(name, info);
            value = info.initialValue->SerializeToString(info.checker);
        }
        else
        {
            GlobalValue* global = FindGlobal(name);
            Ptr<AttributeValue> v = global->GetChecker()->Create();
            global->GetValue(*v);
            value = v->SerializeToString(global->GetChecker());
        }
    }
}

const std::vector<std::pair<std::string, std::string>>&
VpnCommandLine::GetOverrides() const
{
    return m_overrides;
}

} // namespace ns3
