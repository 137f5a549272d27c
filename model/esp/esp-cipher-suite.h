/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_CIPHER_SUITE_H
#define ESP_CIPHER_SUITE_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The sizes an ESP cipher suite adds to a packet: IV, block alignment and ICV.
 *
 * No cryptography is done; a suite is the layout it imposes. ESP in tunnel mode (RFC 4303
 * section 2) wraps an inner packet of n bytes as
 *
 * \verbatim
 *   SPI+Seq (8) | IV | inner (n) | Padding | Pad Length (1) | Next Header (1) | ICV
 *                     \____________ encrypted part, a multiple of Alignment() ____/
 * \endverbatim
 *
 * RFC 4303 section 2.4: "If an encryption algorithm is employed that requires the plaintext to
 * be a multiple of some number of bytes, e.g., the block size of a block cipher, the Padding
 * field is used to fill the plaintext (consisting of the Payload Data, Padding, Pad Length, and
 * Next Header fields) to the size required by the algorithm", and "the Padding field is used to
 * ensure that the resulting ciphertext terminates on a 4-byte boundary". The IV is sent in the
 * clear in front of the ciphertext (RFC 3602 section 3, RFC 4106 section 3), so it is not part of
 * the aligned region: pad = (-(n + 2)) mod max(blockSize, 4). Every profile's IV is a multiple
 * of 4, so the whole ESP packet stays 4-byte aligned as section 2.4 requires.
 *
 * Profiles (Names()):
 * - "aes-cbc-hmac-sha1": AES-CBC (RFC 3602: IV 16, block 16) with HMAC-SHA1-96 (RFC 2404:
 *   ICV 12). The default, as the Cisco client commonly negotiates it.
 * - "aes-cbc-hmac-sha256": AES-CBC with HMAC-SHA-256-128 (RFC 4868: ICV 16).
 * - "aes-gcm-16": AES-GCM with a 16-byte ICV (RFC 4106: IV 8; the plaintext needs no block
 *   alignment, so RFC 4303's 4-byte rule sets it).
 * - "null-hmac-sha1": ENCR_NULL (RFC 2410: no IV, block size 1) with HMAC-SHA1-96.
 */
struct EspCipherSuite
{
    /** Name of the default profile. */
    static constexpr const char* DEFAULT_NAME = "aes-cbc-hmac-sha1";

    std::string name{DEFAULT_NAME}; //!< profile name, as Names() lists it
    uint8_t ivLength{16};           //!< explicit IV carried before the ciphertext, bytes
    uint8_t blockSize{16};          //!< cipher block size, bytes (1 for a stream or null cipher)
    uint8_t icvLength{12};          //!< Integrity Check Value appended after the trailer, bytes

    /**
     * Find a profile by name.
     * \param name the profile's name, e.g. "aes-gcm-16"
     * \param [out] out the profile, set only on success
     * \param [out] error on failure, one line naming the bad name and listing accepted names
     * \return true when the name is known
     */
    static bool Lookup(const std::string& name, EspCipherSuite& out, std::string& error);

    /** \return the names of all profiles, the default first */
    static std::vector<std::string> Names();

    /**
     * \return the alignment of the encrypted part in bytes: max(blockSize, 4) (RFC 4303
     * section 2.4)
     */
    uint32_t Alignment() const;

    /**
     * Padding needed for a payload (RFC 4303 section 2.4).
     * \param payloadLength the Payload Data field: IV plus inner packet, in bytes (a value
     * shorter than the IV counts as an empty inner packet)
     * \return pad bytes so that inner + pad + 2 is a multiple of Alignment()
     */
    uint8_t PadLength(uint32_t payloadLength) const;

    /**
     * \param innerLength the inner packet, in bytes
     * \return the bytes ESP adds to it: 8 (SPI, sequence) + IV + pad + 2 + ICV
     */
    uint32_t Overhead(uint32_t innerLength) const;
};

} // namespace ns3

#endif /* ESP_CIPHER_SUITE_H */
