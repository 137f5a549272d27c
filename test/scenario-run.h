/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One run of the canonical scenario, for the suites that measure it in-process.
 */

#ifndef VPN_SCENARIO_RUN_H
#define VPN_SCENARIO_RUN_H

#include "ns3/rng-seed-manager.h"
#include "ns3/vpn-scenario.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup vpn
 * Run the scenario once with seed 1.
 * \param config what to run (checked by the caller)
 * \param run the RngRun
 * \return what it measured
 */
inline VpnScenarioMetrics
RunScenario(const VpnScenarioConfig& config, uint64_t run)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    Ptr<VpnScenario> scenario = VpnScenario::FromConfig(config);
    scenario->Run();
    return scenario->GetMetrics();
}

} // namespace ns3

#endif /* VPN_SCENARIO_RUN_H */
