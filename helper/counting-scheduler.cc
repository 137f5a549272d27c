/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "counting-scheduler.h"

#include "ns3/assert.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CountingScheduler");

NS_OBJECT_ENSURE_REGISTERED(CountingScheduler);

CountingScheduler* CountingScheduler::s_live = nullptr;

TypeId
CountingScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CountingScheduler")
                            .SetParent<MapScheduler>()
                            .SetGroupName("Vpn")
                            .AddConstructor<CountingScheduler>();
    return tid;
}

CountingScheduler::CountingScheduler()
{
    NS_LOG_FUNCTION(this);
    s_live = this;
}

CountingScheduler::~CountingScheduler()
{
    NS_LOG_FUNCTION(this);
    if (s_live == this)
    {
        s_live = nullptr;
    }
}

void
CountingScheduler::Insert(const Scheduler::Event& ev)
{
    MapScheduler::Insert(ev);
    ++m_pending;
    ++m_inserted;
}

Scheduler::Event
CountingScheduler::RemoveNext()
{
    NS_ASSERT(m_pending > 0);
    --m_pending;
    return MapScheduler::RemoveNext();
}

void
CountingScheduler::Remove(const Scheduler::Event& ev)
{
    NS_ASSERT(m_pending > 0);
    MapScheduler::Remove(ev);
    --m_pending;
}

uint64_t
CountingScheduler::GetPending() const
{
    return m_pending;
}

uint64_t
CountingScheduler::GetInserted() const
{
    return m_inserted;
}

void
CountingScheduler::Install()
{
    ObjectFactory factory;
    factory.SetTypeId(GetTypeId());
    Simulator::SetScheduler(factory);
}

uint64_t
CountingScheduler::GetPendingCount()
{
    return s_live ? s_live->m_pending : 0;
}

const CountingScheduler*
CountingScheduler::Get()
{
    return s_live;
}

} // namespace ns3
