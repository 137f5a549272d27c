/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_SOAK_MONITOR_H
#define VPN_SOAK_MONITOR_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <chrono>
#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

class VpnScenario;
struct VpnScenarioConfig;

/**
 * \ingroup vpn
 * \brief One row of a soak: the process's memory and the state the scenario holds, at one time.
 */
struct VpnSoakSample
{
    double time{0};            //!< simulated seconds
    double wallSeconds{0};     //!< wall-clock seconds since VpnSoakMonitor::Start
    uint64_t peakRssKb{0};     //!< the process's peak resident set (VmHWM), KiB
    uint64_t rssKb{0};         //!< the process's resident set now (VmRSS), KiB
    uint64_t tableSize{0};     //!< the firewall's connection table
    uint64_t held{0};          //!< segments the firewall's normalizers hold now
    uint64_t fwDrops{0};       //!< the firewall's drops so far, every reason
    uint32_t sessions{0};      //!< tunnel sessions the headend holds, any state
    uint64_t failures{0};      //!< client tunnels' entries into Failed so far
    uint64_t reconnects{0};    //!< client reconnects started so far
    uint64_t pendingEvents{0}; //!< events in the simulator's list, less the monitor's own
};

/**
 * \ingroup vpn
 * \brief Samples a built VpnScenario every interval: what a soak checks stays flat.
 *
 * Memory comes from the kernel (/proc/self/status), the state from the scenario's firewall and
 * headend, the event count from a CountingScheduler (0 unless one is installed). Pending events
 * exclude the monitor's own: at every sample only the last one is queued, except at the last.
 */
class VpnSoakMonitor : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VpnSoakMonitor();
    ~VpnSoakMonitor() override;

    /**
     * \return the soak's scenario: 1,000 cTCP clients, each a CBR of 8 kbit/s through the
     * inspecting firewall with 1 % loss up, reconnecting after each failure, for 3,600 s
     */
    static VpnScenarioConfig SoakConfig();

    /**
     * \param scenario a built scenario (VpnScenario::Build), to be run after Start()
     */
    void Watch(Ptr<VpnScenario> scenario);

    /**
     * Schedule the samples at interval, 2 interval, ... up to until. The last is scheduled
     * now, so that it runs before VpnScenario::Run's stop at the same time.
     * \param interval between samples
     * \param until the last sample (the scenario's duration)
     * \param csv where each row goes as it is taken, after a header (null: nowhere)
     */
    void Start(Time interval, Time until, std::ostream* csv = nullptr);

    /** \return the rows so far */
    const std::vector<VpnSoakSample>& GetSamples() const;

    /**
     * \param t a sample time
     * \return the row taken at t (null if none)
     */
    const VpnSoakSample* GetSampleAt(Time t) const;

    /** \return the CSV header (the fields of VpnSoakSample, in order) */
    static std::string CsvHeader();

    /**
     * \param s a row
     * \return it as a CSV line (no newline)
     */
    static std::string ToCsv(const VpnSoakSample& s);

    /**
     * Read the process's memory from /proc/self/status.
     * \param [out] peakKb VmHWM, KiB
     * \param [out] rssKb VmRSS, KiB
     * \return false when the file or the fields are missing (both left 0)
     */
    static bool ReadMemory(uint64_t& peakKb, uint64_t& rssKb);

  protected:
    void DoDispose() override;

  private:
    /** Take a row now, and schedule the next unless this is the last. */
    void Sample();

    Ptr<VpnScenario> m_scenario;                     //!< what is watched
    Time m_interval;                                 //!< between samples
    Time m_until;                                    //!< the last sample
    EventId m_next;                                  //!< the next sample before the last
    EventId m_last;                                  //!< the last sample
    std::ostream* m_csv{nullptr};                    //!< live rows, or null
    std::vector<VpnSoakSample> m_samples;            //!< the rows
    std::chrono::steady_clock::time_point m_wall0{}; //!< Start()'s wall clock
};

} // namespace ns3

#endif /* VPN_SOAK_MONITOR_H */
