/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef COUNTING_SCHEDULER_H
#define COUNTING_SCHEDULER_H

#include "ns3/map-scheduler.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief ns-3's default event list (MapScheduler) that also counts the events it holds.
 *
 * ns-3 has no public count of pending events (Simulator::GetEventCount() counts those executed).
 * A soak needs one: a model that leaves an event behind per connection, even a cancelled one
 * (EventId::Cancel() leaves the event queued until its time), grows the event list with time.
 * Install it (Install(), or Simulator::SetScheduler with its TypeId) before scheduling
 * anything, so that the count holds every event.
 *
 * The simulator creates the scheduler from the factory and gives no handle on it, so the count
 * is read through a static accessor of the live instance (one simulator per process).
 */
class CountingScheduler : public MapScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CountingScheduler();
    ~CountingScheduler() override;

    void Insert(const Scheduler::Event& ev) override;
    Scheduler::Event RemoveNext() override;
    void Remove(const Scheduler::Event& ev) override;

    /** \return events in this list now: inserted, not yet executed or removed */
    uint64_t GetPending() const;

    /** \return events ever inserted into this list */
    uint64_t GetInserted() const;

    /** Make it the simulator's event list (Simulator::SetScheduler). */
    static void Install();

    /** \return the live CountingScheduler's pending events (0 when none is installed) */
    static uint64_t GetPendingCount();

    /** \return the live CountingScheduler (null when none is installed) */
    static const CountingScheduler* Get();

  private:
    uint64_t m_pending{0};  //!< Insert() minus RemoveNext() and Remove()
    uint64_t m_inserted{0}; //!< Insert() calls

    static CountingScheduler* s_live; //!< the last one created and not yet destroyed
};

} // namespace ns3

#endif /* COUNTING_SCHEDULER_H */
