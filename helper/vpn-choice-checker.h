/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_CHOICE_CHECKER_H
#define VPN_CHOICE_CHECKER_H

#include "ns3/attribute.h"
#include "ns3/ptr.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * A checker for a StringValue attribute that must be one of a set of names. ns-3's EnumValue
 * maps names to integers fixed when the TypeId is built; the names here come from a function
 * asked at each check, so a set that a registry fills (the carriers' names) is read when it is
 * complete, whatever the order of static initialisation. `--PrintAttributes` shows the names.
 *
 * \param names returns the accepted names, in the order help should list them
 * \return the checker
 */
Ptr<const AttributeChecker> MakeVpnChoiceChecker(std::function<std::vector<std::string>()> names);

/**
 * \ingroup vpn
 * \param checker any attribute checker
 * \return the names it accepts when MakeVpnChoiceChecker made it; empty otherwise
 */
std::vector<std::string> GetVpnChoices(Ptr<const AttributeChecker> checker);

} // namespace ns3

#endif /* VPN_CHOICE_CHECKER_H */
