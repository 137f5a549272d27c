/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-cipher-suite.h"

#include "esp-header.h"

#include <algorithm>
#include <array>

namespace ns3
{

namespace
{

/** The profiles, the default first (see EspCipherSuite). */
const std::array<EspCipherSuite, 4> g_espCipherSuites = {{
    // RFC 3602 (AES-CBC: IV = block = 16) + RFC 2404 (HMAC-SHA1-96: ICV 12).
    {"aes-cbc-hmac-sha1", 16, 16, 12},
    // RFC 3602 + RFC 4868 (HMAC-SHA-256-128: ICV 16).
    {"aes-cbc-hmac-sha256", 16, 16, 16},
    // RFC 4106: 8-byte explicit IV, no block alignment, 16-byte ICV.
    {"aes-gcm-16", 8, 1, 16},
    // RFC 2410 (ENCR_NULL: no IV, block size 1) + RFC 2404.
    {"null-hmac-sha1", 0, 1, 12},
}};

} // namespace

bool
EspCipherSuite::Lookup(const std::string& name, EspCipherSuite& out, std::string& error)
{
    for (const auto& suite : g_espCipherSuites)
    {
        if (suite.name == name)
        {
            out = suite;
            return true;
        }
    }
    error = "unknown ESP cipher suite '" + name + "'; accepted:";
    for (const auto& known : Names())
    {
        error += " " + known;
    }
    return false;
}

std::vector<std::string>
EspCipherSuite::Names()
{
    std::vector<std::string> names;
    names.reserve(g_espCipherSuites.size());
    for (const auto& suite : g_espCipherSuites)
    {
        names.push_back(suite.name);
    }
    return names;
}

uint32_t
EspCipherSuite::Alignment() const
{
    return std::max<uint32_t>(blockSize, 4);
}

uint8_t
EspCipherSuite::PadLength(uint32_t payloadLength) const
{
    // The IV travels in the clear before the ciphertext; only inner + pad + 2 is aligned.
    const uint32_t inner = payloadLength > ivLength ? payloadLength - ivLength : 0;
    const uint32_t align = Alignment();
    return static_cast<uint8_t>((align - (inner + 2) % align) % align);
}

uint32_t
EspCipherSuite::Overhead(uint32_t innerLength) const
{
    return EspHeader::SIZE + ivLength + PadLength(ivLength + innerLength) + 2 + icvLength;
}

} // namespace ns3
