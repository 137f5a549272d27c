/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What ESP adds to a packet, per cipher-suite profile: each row wraps one inner packet of each
 * size through an EspSecurityAssociation and reports the bytes it measured on the ESP packet,
 * and the outer IPv4 datagram in tunnel mode (+20).
 *
 *   ./vpnlab run vpn-esp-overhead
 *   ./vpnlab run vpn-esp-overhead --small=40 --large=1360
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/vpn-carrier.h"
#include "ns3/vpn-module.h"

#include <iomanip>
#include <iostream>
#include <string>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string smallText = "64";
    std::string largeText = "1400";
    CommandLine cmd(__FILE__);
    cmd.AddValue("small", "small inner packet, bytes, in [0, 65000]", smallText);
    cmd.AddValue("large", "large inner packet, bytes, in [0, 65000]", largeText);
    cmd.Parse(argc, argv);
    const auto small = static_cast<uint32_t>(VpnCli::Integer("small", smallText, 0, 65000));
    const auto large = static_cast<uint32_t>(VpnCli::Integer("large", largeText, 0, 65000));

    // Outer IPv4 header without options, as native ESP (IP protocol 50) sends it.
    const uint32_t ipv4Header = 20;
    std::cout << std::left << std::setw(21) << "profile" << std::right << std::setw(4) << "iv"
              << std::setw(6) << "align" << std::setw(5) << "icv";
    for (uint32_t inner : {small, large})
    {
        const std::string n = std::to_string(inner);
        std::cout << std::setw(8) << ("pad" + n) << std::setw(9) << ("esp" + n) << std::setw(9)
                  << ("ovh" + n) << std::setw(10) << ("ipv4" + n);
    }
    std::cout << "\n";

    for (const auto& name : EspCipherSuite::Names())
    {
        Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
        std::string error;
        sa->Configure(EspSecurityAssociation::MIN_SPI, name, 64, error);
        const EspCipherSuite& suite = sa->GetCipherSuite();
        std::cout << std::left << std::setw(21) << name << std::right << std::setw(4)
                  << static_cast<uint32_t>(suite.ivLength) << std::setw(6) << suite.Alignment()
                  << std::setw(5) << static_cast<uint32_t>(suite.icvLength);
        for (uint32_t inner : {small, large})
        {
            const uint32_t esp = sa->Encapsulate(Create<Packet>(inner), 4)->GetSize();
            std::cout << std::setw(8)
                      << static_cast<uint32_t>(suite.PadLength(suite.ivLength + inner))
                      << std::setw(9) << esp << std::setw(9) << esp - inner << std::setw(10)
                      << esp + ipv4Header;
        }
        std::cout << "\n";
    }

    // Per carrier: the outer IPv4 datagram of a large inner packet, and the inner MTU the tunnel
    // gives a 1500-byte WAN (the largest inner packet that fits with ESP and the carrier).
    std::cout << "\n"
              << std::left << std::setw(15) << "carrier" << std::setw(21) << "profile" << std::right
              << std::setw(9) << "carrier" << std::setw(11) << ("wire" + std::to_string(large))
              << std::setw(10) << "innerMtu"
              << "\n";
    for (const auto& carrierName : VpnHelper::CarrierNames())
    {
        for (const auto& name : EspCipherSuite::Names())
        {
            Ptr<VpnCarrier> carrier = VpnHelper::CreateCarrier(carrierName);
            Ptr<VpnTunnelEndpoint> endpoint = CreateObject<VpnTunnelEndpoint>();
            endpoint->SetAttribute("CipherSuite", StringValue(name));
            endpoint->SetCarrier(carrier);
            EspCipherSuite suite;
            std::string error;
            EspCipherSuite::Lookup(name, suite, error);
            // The SSL family carries no ESP: its records are the carrier's overhead, one row.
            const bool esp = carrier->CarriesEsp();
            std::cout << std::left << std::setw(15) << carrierName << std::setw(21)
                      << (esp ? name : "(no ESP)") << std::right << std::setw(9)
                      << carrier->GetDataOverhead() << std::setw(11)
                      << large + (esp ? suite.Overhead(large) : 0) + carrier->GetDataOverhead()
                      << std::setw(10) << endpoint->ComputeInnerMtu(1500) << "\n";
            if (!esp)
            {
                break;
            }
        }
    }
    Simulator::Destroy();
    return 0;
}
