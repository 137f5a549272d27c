/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IKEV1_MESSAGE_H
#define IKEV1_MESSAGE_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A sized IKEv1 message: the real 28-byte ISAKMP header (RFC 2408 section 3.1) and a body
 * that stands for the rest of the message.
 *
 * As IkeMessage does for IKEv2, the module reproduces IKEv1's round trips, sizes and
 * retransmissions, not its cryptography. Each message is:
 *
 * \verbatim
 *   ISAKMP header (28): initiator cookie (8), responder cookie (8), next payload (1),
 *                       version 0x10 (1), exchange type (1), flags (1), message ID (4), length (4)
 *   clear (no E flag): generic payload header (4): next payload 0, reserved 0, length (2)
 *   body: kind (2), reserved (2), value (4), inner IPv4 address (4), zero filler to the size
 * \endverbatim
 *
 * A message in clear (the first two of Aggressive Mode, sent before the keys exist) carries one
 * Nonce payload (type 10, RFC 2408 section 3.13) whose data is the body; a message with the
 * Encryption flag (RFC 2408 section 3.1: everything after the key exchange, RFC 2409 section 5)
 * has no clear payload header: the body stands for the encrypted payloads, which begin with a
 * HASH (type 8, as every encrypted message of RFC 2409 sections 5.4-5.7, draft-beaulieu-ike-xauth
 * and RFC 3706 does). Wireshark's ISAKMP dissector reads the first as a Nonce and the others as
 * encrypted data, both without error.
 *
 * The body's fields are what the receiver of the real message learns from its payloads: kind is
 * the Attribute payload's type in a Transaction exchange (draft-dukes-ike-mode-cfg section 3.2:
 * ISAKMP_CFG_REQUEST 1, REPLY 2, SET 3, ACK 4), the Notify message type in an Informational one
 * (RFC 3706 section 5.1: R-U-THERE 36136, R-U-THERE-ACK 36137), and the message's place in its
 * exchange (1, 2, 3) in Aggressive and Quick Mode, whose real messages differ by the payloads they
 * carry; value is the sender's inbound ESP SPI (Quick Mode's SA payload) or the DPD sequence
 * number; the inner address is Mode-Config's INTERNAL_IP4_ADDRESS.
 */
class Ikev1Message : public Header
{
  public:
    /** ISAKMP exchange types (RFC 2408 section 3.1; RFC 2409 sections 5 and 9). */
    enum ExchangeType : uint8_t
    {
        IDENTITY_PROTECTION = 2, //!< Main Mode (RFC 2409 section 5)
        AGGRESSIVE = 4,          //!< Aggressive Mode (RFC 2409 section 5)
        INFORMATIONAL = 5,       //!< notifications, among them DPD (RFC 3706)
        TRANSACTION = 6,         //!< XAUTH and Mode-Config (draft-dukes-ike-mode-cfg section 3)
        QUICK_MODE = 32          //!< phase 2: the ESP SAs (RFC 2409 section 5.5)
    };

    /** Flag bits (RFC 2408 section 3.1). */
    enum Flags : uint8_t
    {
        FLAG_ENCRYPTION = 0x01,    //!< E: the payloads after the header are encrypted
        FLAG_COMMIT = 0x02,        //!< C: commit (RFC 2408 section 4.8)
        FLAG_AUTHENTICATION = 0x04 //!< A: authentication only
    };

    /** Kinds of Transaction messages: the Attribute payload's type. */
    enum CfgType : uint16_t
    {
        CFG_REQUEST = 1, //!< ISAKMP_CFG_REQUEST
        CFG_REPLY = 2,   //!< ISAKMP_CFG_REPLY
        CFG_SET = 3,     //!< ISAKMP_CFG_SET
        CFG_ACK = 4      //!< ISAKMP_CFG_ACK
    };

    /** Kinds of Informational messages: the Notify message type (RFC 3706 section 5.1). */
    enum NotifyType : uint16_t
    {
        R_U_THERE = 36136,    //!< DPD request
        R_U_THERE_ACK = 36137 //!< DPD answer
    };

    /** Smallest message this class serializes: header, payload header, the body's fields. */
    static constexpr uint32_t MIN_SIZE = 44;

    /** The ISAKMP header's size. */
    static constexpr uint32_t HEADER_SIZE = 28;

    /** The version byte: major 1, minor 0 (RFC 2408 section 3.1). */
    static constexpr uint8_t VERSION = 0x10;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    Ikev1Message();

    /** \param cookie the initiator's cookie */
    void SetInitiatorCookie(uint64_t cookie);
    /** \return the initiator's cookie */
    uint64_t GetInitiatorCookie() const;
    /** \param cookie the responder's cookie (0 in the first message) */
    void SetResponderCookie(uint64_t cookie);
    /** \return the responder's cookie */
    uint64_t GetResponderCookie() const;
    /** \param type the exchange type */
    void SetExchangeType(ExchangeType type);
    /** \return the exchange type byte as received */
    uint8_t GetExchangeType() const;
    /** \param flags the flag bits */
    void SetFlags(uint8_t flags);
    /** \return the flag bits */
    uint8_t GetFlags() const;
    /** \return true if the Encryption flag is set */
    bool IsEncrypted() const;
    /** \param id the message ID (0 in phase 1, random and non-zero otherwise) */
    void SetMessageId(uint32_t id);
    /** \return the message ID */
    uint32_t GetMessageId() const;
    /** \param kind the message's kind within its exchange (see the class comment) */
    void SetKind(uint16_t kind);
    /** \return the message's kind within its exchange */
    uint16_t GetKind() const;
    /** \param value the sender's inbound ESP SPI, or the DPD sequence number */
    void SetValue(uint32_t value);
    /** \return the sender's inbound ESP SPI, or the DPD sequence number */
    uint32_t GetValue() const;
    /** \param address the sender's inner (tunnel) address */
    void SetInnerAddress(Ipv4Address address);
    /** \return the sender's inner (tunnel) address */
    Ipv4Address GetInnerAddress() const;
    /** \param size the whole message's size in bytes, at least MIN_SIZE */
    void SetMessageSize(uint32_t size);
    /** \return the whole message's size in bytes (the header's length field) */
    uint32_t GetMessageSize() const;

    /**
     * Check a received message before RemoveHeader: long enough, version 1.0, a length field that
     * matches the bytes present and, in clear, a payload length that fills the message.
     * \param packet the received message
     * \return true if it can be parsed
     */
    static bool IsWellFormed(Ptr<const Packet> packet);

    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

  private:
    uint64_t m_initiatorCookie; //!< CKY-I
    uint64_t m_responderCookie; //!< CKY-R
    uint8_t m_exchangeType;     //!< exchange type
    uint8_t m_flags;            //!< flags
    uint32_t m_messageId;       //!< message ID
    uint32_t m_size;            //!< length field: the whole message
    uint16_t m_kind;            //!< kind within the exchange
    uint32_t m_value;           //!< ESP SPI or DPD sequence number
    Ipv4Address m_inner;        //!< sender's inner address
};

} // namespace ns3

#endif /* IKEV1_MESSAGE_H */
