/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dpd-keepalive.h"

#include "cstp-header.h"

#include <algorithm>

namespace ns3
{

DpdKeepalive::DpdKeepalive()
    : DpdKeepalive(Seconds(30), Seconds(20))
{
}

DpdKeepalive::DpdKeepalive(Time dpd, Time keepalive)
    : m_dpd(dpd),
      m_keepalive(keepalive),
      m_probing(false),
      m_probes(0)
{
}

void
DpdKeepalive::Start(Time now)
{
    m_lastRx = now;
    m_lastTx = now;
    m_lastDpd = now;
    m_probing = false;
    m_probes = 0;
}

void
DpdKeepalive::Received(Time now)
{
    m_lastRx = now;
    m_probing = false;
}

void
DpdKeepalive::Sent(Time now)
{
    m_lastTx = now;
}

DpdKeepalive::Action
DpdKeepalive::Check(Time now)
{
    if (m_dpd.IsStrictlyPositive())
    {
        if (now >= m_lastRx + GetDeadTime())
        {
            return DEAD;
        }
        const Time due = m_probing ? m_lastDpd + m_dpd / 2 : m_lastRx + m_dpd;
        if (now >= due)
        {
            m_lastDpd = now;
            m_probing = true;
            ++m_probes;
            return DPD;
        }
    }
    if (m_keepalive.IsStrictlyPositive() && now >= m_lastTx + m_keepalive)
    {
        return KEEPALIVE;
    }
    return NONE;
}

Time
DpdKeepalive::NextCheck(Time now) const
{
    Time next = Time::Max();
    if (m_dpd.IsStrictlyPositive())
    {
        next = std::min(next, m_lastRx + GetDeadTime());
        next = std::min(next, m_probing ? m_lastDpd + m_dpd / 2 : m_lastRx + m_dpd);
    }
    if (m_keepalive.IsStrictlyPositive())
    {
        next = std::min(next, m_lastTx + m_keepalive);
    }
    return std::max(next, now);
}

Time
DpdKeepalive::GetLastRx() const
{
    return m_lastRx;
}

uint32_t
DpdKeepalive::GetProbes() const
{
    return m_probes;
}

bool
DpdKeepalive::Poll(Time now, const std::function<void(uint8_t)>& send)
{
    switch (Check(now))
    {
    case DEAD:
        return false;
    case DPD:
        send(CstpHeader::DPD_REQUEST);
        break;
    case KEEPALIVE:
        send(CstpHeader::KEEPALIVE);
        break;
    case NONE:
        break;
    }
    return true;
}

Time
DpdKeepalive::DelayToNextCheck(Time now) const
{
    return std::max(NextCheck(now) - now, MicroSeconds(1));
}

Time
DpdKeepalive::GetDeadTime() const
{
    return 2 * m_dpd;
}

} // namespace ns3
