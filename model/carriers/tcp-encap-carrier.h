/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_ENCAP_CARRIER_H
#define TCP_ENCAP_CARRIER_H

#include "tcp-stream-carrier.h"

namespace ns3
{

/**
 * \ingroup vpn
 * \brief IKE and ESP over a real TCP connection (RFC 9329, which obsoletes RFC 8229), as Linux
 * espintcp and libreswan implement it.
 *
 * The initiator opens TCP to the responder's port (4500 by convention, RFC 9329 section 4) and
 * sends the stream prefix "IKETCP" once (section 3.3). Every message then is a 16-bit Length that
 * counts itself, followed by ESP (a non-zero SPI) or by the 4-byte zero non-ESP marker and IKE
 * (section 3.1). The responder's stream parser rejects a wrong prefix and lengths outside 6..65535
 * by closing the connection (section 3.1: "the connection MUST be closed"). No NAT-T keepalives
 * (the one-byte 0xFF of RFC 3948) are sent: TCP has no such message, and a 1-byte "message"
 * would be a framing error here. A connection that closes
 * or resets reports PeerDown, so the tunnel fails and its reconnect policy applies.
 *
 * Because the carrier rides on ns-3's TCP, it retransmits and survives a TCP-inspecting firewall,
 * and pays TCP-over-TCP costs under loss.
 */
class TcpEncapCarrier : public TcpStreamCarrier
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpEncapCarrier();
    ~TcpEncapCarrier() override;

    std::string GetName() const override;
    uint16_t GetPort() const override;
    bool SendControl(uint32_t peer, Ptr<Packet> message, bool initial) override;
    bool SendData(uint32_t peer, Ptr<Packet> message) override;
    uint32_t GetDataOverhead() const override;
    /** \return true: the emulated ICV crosses the stream as a byte tag (see SendData()) */
    bool KeepsPacketTags() const override;

  protected:
    StreamFramer::Format GetFrameFormat(bool initiator) const override;
    void StreamOpened(uint32_t peer, bool initiator) override;
    void StreamFrame(uint32_t peer, Ptr<Packet> frame) override;

  private:
    /**
     * Prefix a message with its RFC 9329 Length and write it.
     * \param peer the handle
     * \param message marker + IKE, or ESP
     * \param droppable data (may be refused when the queue is full)
     * \return false if it was not written
     */
    bool SendFramed(uint32_t peer, Ptr<Packet> message, bool droppable);

    uint16_t m_port; //!< the responder's TCP port
};

} // namespace ns3

#endif /* TCP_ENCAP_CARRIER_H */
