/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DPD_KEEPALIVE_H
#define DPD_KEEPALIVE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief The SSL VPN's liveness rules for one channel (CSTP over TLS, or DTLS), as OpenConnect
 * applies them (mainloop.c, keepalive_action()).
 *
 * - Dead-peer detection: a DPD request is due when now >= lastRx + dpd; while one is outstanding,
 *   it is repeated every dpd/2; the peer is dead once lastRx + 2 dpd has passed.
 * - Keepalive: a keepalive is due when now >= lastTx + keepalive (it keeps middlebox state alive
 *   when we only receive).
 *
 * OpenConnect checks with a one-second clock and declares death when now > lastRx + 2 dpd; in
 * continuous simulated time the same rule fires at lastRx + 2 dpd exactly. Time zero for dpd or
 * keepalive disables that rule. A plain value class: the carrier asks Check() when NextCheck()
 * comes and sends what it says.
 */
class DpdKeepalive
{
  public:
    /** What a check asks for. */
    enum Action
    {
        NONE = 0,      //!< nothing due
        KEEPALIVE = 1, //!< send a keepalive
        DPD = 2,       //!< send a DPD request
        DEAD = 3       //!< the peer is dead
    };

    DpdKeepalive();

    /**
     * \param dpd the DPD interval (0: no DPD)
     * \param keepalive the keepalive interval (0: none)
     */
    DpdKeepalive(Time dpd, Time keepalive);

    /**
     * Start (or restart) the channel: as if something was sent and received now.
     * \param now the time
     */
    void Start(Time now);

    /** \param now when something arrived from the peer */
    void Received(Time now);

    /** \param now when something was sent to the peer */
    void Sent(Time now);

    /**
     * What is due now. A DPD answer records the probe time; the caller sends it (and calls
     * Sent()).
     * \param now the time
     * \return the action
     */
    Action Check(Time now);

    /**
     * \param now the time
     * \return when the next check is due (never before now)
     */
    Time NextCheck(Time now) const;

    /**
     * Check() and send what it asks for: a DPD request or keepalive is handed to \p send as its
     * CSTP type (CstpHeader::DPD_REQUEST or KEEPALIVE).
     * \param now the time
     * \param send sends a CSTP packet of that type
     * \return false if the peer is dead (nothing was sent)
     */
    bool Poll(Time now, const std::function<void(uint8_t)>& send);

    /**
     * \param now the time
     * \return how long after now the next check is due (at least a microsecond, so a timer
     * always moves on)
     */
    Time DelayToNextCheck(Time now) const;

    /** \return when the peer was last heard */
    Time GetLastRx() const;

    /** \return DPD requests asked for since Start() */
    uint32_t GetProbes() const;

    /** \return how long after the last receipt the peer is dead: 2 dpd (zero: no DPD) */
    Time GetDeadTime() const;

  private:
    Time m_dpd;        //!< DPD interval
    Time m_keepalive;  //!< keepalive interval
    Time m_lastRx;     //!< last received
    Time m_lastTx;     //!< last sent
    Time m_lastDpd;    //!< last DPD request
    bool m_probing;    //!< a DPD request is outstanding (sent after m_lastRx)
    uint32_t m_probes; //!< requests since Start()
};

} // namespace ns3

#endif /* DPD_KEEPALIVE_H */
