/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_ATTRIBUTE_CHECKER_H
#define ESP_ATTRIBUTE_CHECKER_H

#include "ns3/attribute.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \return a checker for a StringValue attribute that names an ESP cipher-suite profile
 * (EspCipherSuite::Lookup); its GetUnderlyingTypeInformation() lists the accepted names, so a
 * fail-safe setter can say what is accepted
 */
Ptr<const AttributeChecker> MakeEspCipherSuiteChecker();

/**
 * \ingroup vpn
 * \return a checker for a UintegerValue anti-replay window size (EspReplayWindow::IsValidSize:
 * 0, or a multiple of 32 from 32 to 4096)
 */
Ptr<const AttributeChecker> MakeEspReplayWindowChecker();

} // namespace ns3

#endif /* ESP_ATTRIBUTE_CHECKER_H */
