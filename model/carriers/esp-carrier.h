/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_CARRIER_H
#define ESP_CARRIER_H

#include "ike-udp-carrier.h"

namespace ns3
{

class EspL4Protocol;

/**
 * \ingroup vpn
 * \brief Native ESP: IKE on UDP 500, ESP directly over IPv4 as protocol 50 (RFC 4303).
 *
 * The leanest carrier (20 bytes of outer IPv4 around each ESP packet), and the one NAT devices
 * and many firewalls do not pass: it has no ports.
 */
class EspCarrier : public IkeUdpCarrier
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspCarrier();
    ~EspCarrier() override;

    std::string GetName() const override;
    bool SendData(uint32_t peer, Ptr<Packet> message) override;
    uint32_t GetDataOverhead() const override;

  protected:
    void DoDispose() override;
    void OpenData() override;
    void CloseData() override;

  private:
    /**
     * An ESP packet arrived for our address.
     * \param packet the ESP packet
     * \param source the outer source
     */
    void ReceiveEsp(Ptr<Packet> packet, Ipv4Address source);

    Ptr<EspL4Protocol> m_esp; //!< the node's protocol 50
};

} // namespace ns3

#endif /* ESP_CARRIER_H */
