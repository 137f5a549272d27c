/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The run's JSON line (doc/vpn.rst, "vpn-scenario"), written with nlohmann::json.
 */

#include "vpn-command-line.h"
#include "vpn-scenario.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/firewall-drop-reason.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/uinteger.h"
#include "ns3/vpn-ns3-compat.h"

#include <cctype>
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

/**
 * A parameter's value in the run's JSON: a Time in seconds, a DataRate in bit/s, a boolean as 0
 * or 1, a number as a number, anything else as its attribute text.
 * \param value the attribute's value
 * \param checker its checker
 * \return the JSON value
 */
nlohmann::ordered_json
ParameterValue(const AttributeValue& value, Ptr<const AttributeChecker> checker)
{
    if (const auto* time = dynamic_cast<const TimeValue*>(&value))
    {
        return Number(time->Get().GetSeconds());
    }
    if (const auto* rate = dynamic_cast<const DataRateValue*>(&value))
    {
        return rate->Get().GetBitRate();
    }
    if (const auto* flag = dynamic_cast<const BooleanValue*>(&value))
    {
        return flag->Get() ? 1 : 0;
    }
    if (const auto* number = dynamic_cast<const DoubleValue*>(&value))
    {
        return Number(number->Get());
    }
    if (const auto* count = dynamic_cast<const UintegerValue*>(&value))
    {
        return count->Get();
    }
    return value.SerializeToString(checker);
}

} // namespace

std::string
VpnScenario::ParameterKey(const TypeId::AttributeInformation& info)
{
    std::string key;
    for (const char ch : info.name)
    {
        if (std::isupper(static_cast<unsigned char>(ch)))
        {
            key += key.empty() ? "" : "_";
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
        else
        {
            key += ch;
        }
    }
    // The unit of the value ParameterValue writes (ns-3 spells some value types with "ns3::"
    // and some without, so ask the value, not the checker's name).
    const Ptr<AttributeValue> value = info.checker->Create();
    if (dynamic_cast<const TimeValue*>(PeekPointer(value)) != nullptr)
    {
        key += "_s";
    }
    else if (dynamic_cast<const DataRateValue*>(PeekPointer(value)) != nullptr)
    {
        key += "_bps";
    }
    return key;
}

std::vector<std::string>
VpnScenario::ParameterKeys()
{
    std::vector<std::string> keys;
    const TypeId tid = GetTypeId();
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        keys.push_back(ParameterKey(tid.GetAttribute(i)));
    }
    return keys;
}

std::string
VpnScenario::ToJson(const std::vector<std::pair<std::string, std::string>>& overrides) const
{
    const uint64_t run = RngSeedManager::GetRun();
    const VpnScenarioConfig& c = m_config;
    const VpnScenarioMetrics& m = m_metrics;
    nlohmann::ordered_json j;
    // The parameters, one key per attribute (ParameterKeys), as numbers in SI units.
    const TypeId tid = GetInstanceTypeId();
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        const TypeId::AttributeInformation info = tid.GetAttribute(i);
        Ptr<AttributeValue> value = info.checker->Create();
        GetAttribute(info.name, *value);
        j[ParameterKey(info)] = ParameterValue(*value, info.checker);
    }
    j["run"] = run;
    j["tunnel_failures"] = m.tunnelFailures;
    j["first_failure_s"] = Number(m.firstFailure, 10, true);
    j["headend_failure_s"] = Number(m.headendFailure, 10, true);
    j["stall_s"] = Number(m.stall, 10, true);
    j["detection_s"] = Number(m.detection, 10, true);
    j["first_loss_s"] = Number(m.firstLoss, 10, true);
    j["availability"] = Number(m.availability);
    j["data_availability"] = Number(m.dataAvailability);
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
    // Every reason the firewall can name, zero included: one schema whatever the run met.
    nlohmann::ordered_json& drops = j["fw_drops"] = nlohmann::ordered_json::object();
    for (size_t r = 0; r < static_cast<size_t>(FirewallDropReason::COUNT); ++r)
    {
        const std::string name = FirewallDropReasonName(static_cast<FirewallDropReason>(r));
        const auto it = m.fwDrops.find(name);
        drops[name] = it == m.fwDrops.end() ? 0 : it->second;
    }
    for (const auto& [reason, count] : m.fwDrops)
    {
        if (!drops.contains(reason))
        {
            drops[reason] = count;
        }
    }
    j["warnings"] = m.warnings;
    // Every attribute's effective value and every ns-3 override, keyed by the flag that sets
    // it: vpn-scenario given exactly these flags runs this run again.
    nlohmann::ordered_json& config = j["config"] = nlohmann::ordered_json::object();
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
