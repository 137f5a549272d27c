/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Validation of the Gilbert-Elliott loss model: for a grid of mean loss and mean burst length,
 * drive the chain with --packets packets and print the measured loss rate and mean loss-burst
 * length beside the analytic steady state, and how many loss bursts the figures rest on (the
 * sampling error shrinks as 1/sqrt(bursts)). doc/vpn.rst quotes this table.
 *
 *   ./vpnlab run vpn-loss-validation --packets=10000000
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/vpn-module.h"

#include <cmath>
#include <cstdio>
#include <string>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string packetsText = "1000000";
    CommandLine cmd(__FILE__);
    cmd.AddValue("packets", "packets offered per configuration, in [1000, 10^9]", packetsText);
    cmd.Parse(argc, argv);
    const auto packets = static_cast<uint64_t>(VpnCli::Integer("packets", packetsText, 1000, 1e9));

    struct Row
    {
        const char* name;                       //!< label
        GilbertElliottErrorModel::Parameters p; //!< chain
    };

    std::vector<Row> rows;
    for (double loss : {0.001, 0.01, 0.05})
    {
        for (double burst : {1.0, 2.0, 5.0})
        {
            GilbertElliottErrorModel::Parameters params;
            std::string error;
            if (GilbertElliottErrorModel::FromLossAndBurst(loss, burst, params, error))
            {
                rows.push_back({"gilbert", params});
            }
        }
    }
    // Two full Gilbert-Elliott chains with loss in both states.
    rows.push_back({"elliott", {0.05, 0.5, 0.01, 0.8}});
    rows.push_back({"elliott", {0.01, 0.2, 0.001, 0.5}});

    std::printf("%-8s %8s %6s %8s %8s | %9s %9s %6s | %8s %8s %6s | %8s\n",
                "model",
                "p",
                "r",
                "1-k",
                "1-h",
                "loss",
                "measured",
                "err%",
                "burst",
                "measured",
                "err%",
                "bursts");
    Ptr<Packet> packet = Create<Packet>(1000);
    int64_t stream = 0;
    for (const auto& row : rows)
    {
        Ptr<GilbertElliottErrorModel> m = CreateObject<GilbertElliottErrorModel>();
        m->SetParameters(row.p);
        stream += m->AssignStreams(stream);
        for (uint64_t i = 0; i < packets; ++i)
        {
            m->IsCorrupt(packet);
        }
        const double loss = static_cast<double>(m->GetLossCount()) / packets;
        const double burst =
            m->GetBurstCount() ? static_cast<double>(m->GetLossCount()) / m->GetBurstCount() : 0.0;
        const double aLoss = m->SteadyStateLoss();
        const double aBurst = m->MeanLossBurstLength();
        std::printf(
            "%-8s %8.5f %6.3f %8.4f %8.4f | %9.5f %9.5f %6.2f | %8.4f %8.4f %6.2f | %8llu\n",
            row.name,
            row.p.p,
            row.p.r,
            row.p.goodLoss,
            row.p.badLoss,
            aLoss,
            loss,
            100.0 * (loss - aLoss) / aLoss,
            aBurst,
            burst,
            100.0 * (burst - aBurst) / aBurst,
            static_cast<unsigned long long>(m->GetBurstCount()));
    }
    return 0;
}
