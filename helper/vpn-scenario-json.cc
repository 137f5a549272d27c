/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The run's JSON line (doc/vpn.rst, "vpn-scenario"), written with nlohmann::json.
 */

#include "vpn-command-line.h"
#include "vpn-scenario.h"

#include "ns3/rng-seed-manager.h"
#include "ns3/vpn-ns3-compat.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace ns3
{

namespace
{

/**
 * A measured or configured number as the JSON has always carried it: 10 significant digits (a
 * whole number as an integer), or null for a negative "not applicable" value when \p orNull.
 * \param value the number
 * \param digits significant digits
 * \param orNull whether a negative value means null
 * \return the JSON value
 */
nlohmann::ordered_json
Number(double value, int digits = 10, bool orNull = false)
{
    if (orNull && value < 0)
    {
        return nullptr;
    }
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e10)
    {
        return static_cast<int64_t>(value);
    }
    char text[32];
    std::snprintf(text, sizeof(text), "%.*g", digits, value);
    return std::strtod(text, nullptr);
}

} // namespace

std::string
VpnScenario::ToJson(const std::vector<std::pair<std::string, std::string>>& overrides) const
{
    const uint64_t run = RngSeedManager::GetRun();
    const VpnScenarioConfig& c = m_config;
    const VpnScenarioMetrics& m = m_metrics;
    nlohmann::ordered_json j;
    j["transport"] = c.transport;
    j["firewall"] = c.firewall;
    j["bypass"] = c.bypass ? 1 : 0;
    j["loss_model"] = c.lossModel;
    j["loss"] = Number(c.loss);
    j["burst"] = Number(c.burst);
    j["outage_s"] = Number(c.outage);
    j["loss_direction"] = c.lossDirection;
    j["workload"] = c.workload;
    j["run"] = run;
    j["clients"] = c.clients;
    j["flows"] = c.flows;
    j["tcp_stack"] = c.tcpStack;
    j["duration_s"] = Number(c.duration);
    j["tunnel_failures"] = m.tunnelFailures;
    j["first_failure_s"] = Number(m.firstFailure, 10, true);
    j["availability"] = Number(m.availability);
    j["reconnects"] = m.reconnects;
    j["inner_rx_bytes"] = m.innerRxBytes;
    j["inner_goodput_bps"] = Number(m.innerGoodputBps);
    j["completion_s"] = Number(m.completion, 10, true);
    j["rtt_samples"] = m.rttSamples;
    j["rtt_median_ms"] = Number(m.rttMedianMs, 10, true);
    j["rtt_p95_ms"] = Number(m.rttP95Ms, 10, true);
    j["wan_tx_packets"] = m.wanTxPackets;
    j["wan_lost_packets"] = m.wanLostPackets;
    j["wan_tx_bytes"] = m.wanTxBytes;
    j["overhead_bytes"] =
        m.wanTxBytes > m.innerTxBytes && c.transport != "none" ? m.wanTxBytes - m.innerTxBytes : 0;
    j["fw_drops"] = nlohmann::ordered_json::object();
    for (const auto& [reason, count] : m.fwDrops)
    {
        j["fw_drops"][reason] = count;
    }
    // Every attribute's effective value and every ns-3 override, keyed by the flag that sets
    // it: vpn-scenario given exactly these flags runs this run again.
    nlohmann::ordered_json& config = j["config"] = nlohmann::ordered_json::object();
    const TypeId tid = GetInstanceTypeId();
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        const TypeId::AttributeInformation info = tid.GetAttribute(i);
        Ptr<AttributeValue> value = info.checker->Create();
        GetAttribute(info.name, *value);
        config[VpnCommandLine::FlagOf(info.name)] = value->SerializeToString(info.checker);
    }
    for (const auto& [name, value] : overrides)
    {
        config[name] = value;
    }
    for (const auto& [name, number] :
         {std::make_pair(std::string("RngSeed"), uint64_t(RngSeedManager::GetSeed())),
          std::make_pair(std::string("RngRun"), run)})
    {
        if (!config.contains(name))
        {
            config[name] = std::to_string(number);
        }
    }
    j["module_version"] = compat::VpnVersion();
    // The git commit the module was built from (CMakeLists.txt), null outside a git checkout.
    const std::string commit = VPN_GIT_COMMIT;
    j["module_commit"] = commit.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(commit);
    j["ns3_version"] = compat::Ns3Release();
    j["rng_seed"] = RngSeedManager::GetSeed();
    j["rng_run"] = run;
    j["sim_events"] = m.simEvents;
    j["wall_s"] = Number(m.wallSeconds, 4);
    return j.dump();
}

} // namespace ns3
