/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IKE_MESSAGE_H
#define IKE_MESSAGE_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief A sized IKEv2 message: the real 28-byte IKE header (RFC 7296 section 3.1) and one payload
 * that stands for the rest of the exchange.
 *
 * The module does not run IKE's cryptography; it reproduces the exchange's round trips, sizes
 * and retransmissions, which is what a lossy path and a firewall see. Each message is:
 *
 * \verbatim
 *   IKE header (28): initiator SPI (8), responder SPI (8), next payload (1), version 0x20 (1),
 *                    exchange type (1), flags (1), message ID (4), length (4)
 *   generic payload header (4): next payload 0, critical 0, payload length (2)
 *   body: our inbound ESP SPI (4), our inner IPv4 address (4), zero filler to the message size
 * \endverbatim
 *
 * The payload is a Nonce (type 40) in IKE_SA_INIT, whose payloads travel in clear, and an
 * Encrypted and Authenticated payload (type 46, RFC 7296 section 3.14) in the later exchanges,
 * so Wireshark's ISAKMP dissector reads the messages as IKEv2.
 */
class IkeMessage : public Header
{
  public:
    /** IKEv2 exchange types (RFC 7296 section 3.1). */
    enum ExchangeType : uint8_t
    {
        IKE_SA_INIT = 34,  //!< first exchange: SA, KE, nonces
        IKE_AUTH = 35,     //!< second exchange: identities, authentication, first Child SA
        INFORMATIONAL = 37 //!< liveness (DPD) and deletes
    };

    /** Flag bits (RFC 7296 section 3.1). */
    enum Flags : uint8_t
    {
        FLAG_INITIATOR = 0x08, //!< sent by the original initiator of the IKE SA
        FLAG_RESPONSE = 0x20   //!< a response
    };

    /** Smallest message this class serializes: header, payload header, two fields. */
    static constexpr uint32_t MIN_SIZE = 40;

    /** The IKE header's size. */
    static constexpr uint32_t HEADER_SIZE = 28;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IkeMessage();

    /** \param spi the IKE SA initiator's SPI */
    void SetInitiatorSpi(uint64_t spi);
    /** \return the IKE SA initiator's SPI */
    uint64_t GetInitiatorSpi() const;
    /** \param spi the IKE SA responder's SPI (0 in the first request) */
    void SetResponderSpi(uint64_t spi);
    /** \return the IKE SA responder's SPI */
    uint64_t GetResponderSpi() const;
    /** \param type the exchange type */
    void SetExchangeType(ExchangeType type);
    /** \return the exchange type byte as received */
    uint8_t GetExchangeType() const;
    /** \param flags the flag bits */
    void SetFlags(uint8_t flags);
    /** \return the flag bits */
    uint8_t GetFlags() const;
    /** \return true if the response flag is set */
    bool IsResponse() const;
    /** \param id the message ID */
    void SetMessageId(uint32_t id);
    /** \return the message ID */
    uint32_t GetMessageId() const;
    /** \param spi the sender's inbound ESP SPI (0 when the message carries none) */
    void SetEspSpi(uint32_t spi);
    /** \return the sender's inbound ESP SPI */
    uint32_t GetEspSpi() const;
    /** \param address the sender's inner (tunnel) address */
    void SetInnerAddress(Ipv4Address address);
    /** \return the sender's inner (tunnel) address */
    Ipv4Address GetInnerAddress() const;
    /** \param size the whole message's size in bytes, at least MIN_SIZE */
    void SetMessageSize(uint32_t size);
    /** \return the whole message's size in bytes (the header's length field) */
    uint32_t GetMessageSize() const;
    /** \return the version byte as received (0x20 for IKEv2) */
    uint8_t GetVersion() const;

    /**
     * Check a received message before RemoveHeader: long enough for the header, version 2.0,
     * and a length field that matches the bytes present.
     * \param packet the received message
     * \return true if it can be parsed
     */
    static bool IsWellFormed(Ptr<const Packet> packet);

    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

  private:
    uint64_t m_initiatorSpi; //!< IKE SA initiator's SPI
    uint64_t m_responderSpi; //!< IKE SA responder's SPI
    uint8_t m_version;       //!< major/minor version, 0x20
    uint8_t m_exchangeType;  //!< exchange type
    uint8_t m_flags;         //!< flags
    uint32_t m_messageId;    //!< message ID
    uint32_t m_size;         //!< length field: the whole message
    uint32_t m_espSpi;       //!< sender's inbound ESP SPI
    Ipv4Address m_inner;     //!< sender's inner address
};

} // namespace ns3

#endif /* IKE_MESSAGE_H */
