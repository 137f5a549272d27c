/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_TEST_PROFILES_H
#define ESP_TEST_PROFILES_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * A cipher-suite profile as the tests know it, written down from the RFCs independently of
 * EspCipherSuite.
 */
struct EspTestProfile
{
    std::string name; //!< profile name
    uint32_t iv;      //!< IV bytes
    uint32_t align;   //!< alignment of the encrypted part (AES block 16, else RFC 4303's 4)
    uint32_t icv;     //!< ICV bytes
};

/**
 * \ingroup vpn
 * \return the four profiles: RFC 3602 + 2404, RFC 3602 + 4868, RFC 4106, RFC 2410 + 2404
 */
inline std::vector<EspTestProfile>
EspTestProfiles()
{
    return {{"aes-cbc-hmac-sha1", 16, 16, 12},
            {"aes-cbc-hmac-sha256", 16, 16, 16},
            {"aes-gcm-16", 8, 4, 16},
            {"null-hmac-sha1", 0, 4, 12}};
}

} // namespace ns3

#endif /* ESP_TEST_PROFILES_H */
