/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-data-plane.h"

#include "vpn-tunnel-endpoint.h"
#include "vpn-tunnel-session.h"

#include "ns3/boolean.h"
#include "ns3/esp-attribute-checker.h"
#include "ns3/esp-cipher-suite.h"
#include "ns3/esp-header.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspDataPlane");

NS_OBJECT_ENSURE_REGISTERED(EspDataPlane);

namespace
{
/// ESP next header for an IPv4 packet in tunnel mode (RFC 4303 section 2.6).
constexpr uint8_t NEXT_HEADER_IPV4 = 4;
/// ESP header: SPI and sequence number (RFC 4303 section 2).
constexpr uint32_t ESP_HEADER_SIZE = 8;
} // namespace

TypeId
EspDataPlane::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EspDataPlane").SetParent<VpnControlPlane>().SetGroupName("Vpn");
    return tid;
}

void
EspDataPlane::AddEndpointAttributes(TypeId& tid)
{
    tid.AddAttribute("CipherSuite",
                     "ESP cipher-suite profile (see EspCipherSuite::Names()).",
                     StringValue("aes-cbc-hmac-sha1"),
                     MakeStringAccessor(&VpnTunnelEndpoint::m_cipherSuite),
                     MakeEspCipherSuiteChecker())
        .AddAttribute("ReplayWindow",
                      "Anti-replay window of inbound SAs (RFC 4303 section 3.4.3): 0 "
                      "disables, else a multiple of 32 up to 4096.",
                      UintegerValue(64),
                      MakeUintegerAccessor(&VpnTunnelEndpoint::m_replayWindow),
                      MakeEspReplayWindowChecker())
        .AddAttribute("ExtendedSequenceNumbers",
                      "64-bit ESP sequence numbers (RFC 4303 section 2.2.1).",
                      BooleanValue(true),
                      MakeBooleanAccessor(&VpnTunnelEndpoint::m_esn),
                      MakeBooleanChecker())
        .AddAttribute("EncryptDelay",
                      "Per-packet processing delay before an ESP packet leaves (FIFO).",
                      TimeValue(Time(0)),
                      MakeTimeAccessor(&VpnTunnelEndpoint::m_encryptDelay),
                      MakeTimeChecker(Time(0)))
        .AddAttribute("DecryptDelay",
                      "Per-packet processing delay before an inner packet is delivered "
                      "(FIFO).",
                      TimeValue(Time(0)),
                      MakeTimeAccessor(&VpnTunnelEndpoint::m_decryptDelay),
                      MakeTimeChecker(Time(0)));
}

EspDataPlane::EspDataPlane()
{
    NS_LOG_FUNCTION(this);
}

EspDataPlane::~EspDataPlane()
{
    NS_LOG_FUNCTION(this);
}

EspDataPlane::EspSas&
EspDataPlane::Sas(VpnTunnelSession& s)
{
    return static_cast<EspSas&>(*s.control);
}

uint16_t
EspDataPlane::ComputeInnerMtu(uint16_t outerMtu) const
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    EspCipherSuite suite;
    std::string error;
    if (!endpoint.m_carrier || !EspCipherSuite::Lookup(endpoint.m_cipherSuite, suite, error))
    {
        return 0;
    }
    const uint32_t carrier = endpoint.m_carrier->GetDataOverhead();
    // ESP's overhead depends on the padding, so search down from the largest candidate.
    for (uint32_t inner = outerMtu; inner > 0; --inner)
    {
        if (inner + suite.Overhead(inner) + carrier <= outerMtu)
        {
            return static_cast<uint16_t>(inner);
        }
    }
    return 0;
}

void
EspDataPlane::Receive(uint32_t peer, Ptr<Packet> message, VpnCarrier::MessageKind kind)
{
    if (kind == VpnCarrier::DATA)
    {
        ReceiveEsp(message);
        return;
    }
    ReceiveControl(peer, message);
}

Ptr<EspSecurityAssociation>
EspDataPlane::NewInboundSa(VpnTunnelSession& s)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    uint32_t spi;
    do
    {
        // RFC 4303 section 2.1: 0 is reserved and 1-255 are reserved by IANA.
        spi = 256 + endpoint.m_rng->GetInteger(0, 0x7fffff00);
    } while (m_byInboundSpi.count(spi));
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    NS_ABORT_MSG_IF(!sa->Configure(spi, endpoint.m_cipherSuite, endpoint.m_replayWindow, error),
                    "VpnTunnelEndpoint: " << error);
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(endpoint.m_esn));
    sa->SetAttribute("DecryptDelay", TimeValue(endpoint.m_decryptDelay));
    // Require the emulated ICV wherever it can arrive (RFC 4303 3.4.4; see EspSequenceTag).
    sa->SetAttribute("IcvTagRequired", BooleanValue(endpoint.m_carrier->KeepsPacketTags()));
    m_byInboundSpi[spi] = s.id;
    return sa;
}

Ptr<EspSecurityAssociation>
EspDataPlane::NewOutboundSa(uint32_t spi)
{
    const VpnTunnelEndpoint& endpoint = Endpoint();
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    std::string error;
    if (!sa->Configure(spi, endpoint.m_cipherSuite, endpoint.m_replayWindow, error))
    {
        NS_LOG_WARN("peer offered an unusable SPI: " << error);
        return nullptr;
    }
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(endpoint.m_esn));
    sa->SetAttribute("EncryptDelay", TimeValue(endpoint.m_encryptDelay));
    return sa;
}

bool
EspDataPlane::CanSend(const VpnTunnelSession& s) const
{
    return static_cast<const EspSas&>(*s.control).out != nullptr;
}

bool
EspDataPlane::Send(VpnTunnelSession& s, Ptr<Packet> inner)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    Ptr<Packet> esp = Sas(s).out->Encapsulate(inner, NEXT_HEADER_IPV4);
    if (!esp)
    {
        endpoint.Fail(s, "sequence-exhausted");
        return false;
    }
    const Time delay = FifoDelay(endpoint.m_encryptDelay, m_encryptBusy);
    if (delay.IsZero())
    {
        endpoint.m_carrier->SendData(s.peer, esp);
    }
    else
    {
        Simulator::Schedule(delay, [carrier = endpoint.m_carrier, peer = s.peer, esp]() {
            carrier->SendData(peer, esp);
        });
    }
    return true;
}

void
EspDataPlane::ReceiveEsp(Ptr<Packet> message)
{
    VpnTunnelEndpoint& endpoint = Endpoint();
    if (message->GetSize() < ESP_HEADER_SIZE)
    {
        endpoint.Drop(message, "truncated");
        return;
    }
    EspHeader header;
    message->PeekHeader(header);
    auto found = m_byInboundSpi.find(header.GetSpi());
    if (found == m_byInboundSpi.end())
    {
        endpoint.Drop(message, "unknown-spi");
        return;
    }
    VpnTunnelSession& s = *endpoint.FindSession(found->second);
    uint8_t nextHeader = 0;
    EspSecurityAssociation::DropReason reason = EspSecurityAssociation::BAD_SPI;
    if (!Sas(s).in->Decapsulate(message, nextHeader, &reason))
    {
        // The SA counted and traced the reason and left the packet as it was (window, lastRx
        // and the carrier's view of the peer untouched); mirror the drop here, under the SA's
        // reason, for one place to look.
        endpoint.Drop(message, EspSecurityAssociation::DropReasonName(reason));
        return;
    }
    HeardFrom(s);
    EspReceived(s);
    if (nextHeader != NEXT_HEADER_IPV4)
    {
        endpoint.Drop(message, "not-ipv4"); // the decapsulated inner packet (IPv6 is not routed)
        return;
    }
    const Time delay = FifoDelay(endpoint.m_decryptDelay, m_decryptBusy);
    if (delay.IsZero())
    {
        endpoint.DeliverInner(message);
    }
    else
    {
        Simulator::Schedule(delay, &VpnTunnelEndpoint::DeliverInner, &endpoint, message);
    }
}

void
EspDataPlane::HeardFrom(VpnTunnelSession& s)
{
    s.lastRx = Simulator::Now();
    Endpoint().m_carrier->ConfirmPeer(s.peer);
}

void
EspDataPlane::Teardown(VpnTunnelSession& s)
{
    EspSas& sas = Sas(s);
    if (sas.in)
    {
        m_byInboundSpi.erase(sas.in->GetSpi());
    }
    sas.in = nullptr;
    sas.out = nullptr;
}

void
EspDataPlane::Clear()
{
    m_byInboundSpi.clear();
}

Time
EspDataPlane::FifoDelay(Time delay, Time& busyUntil)
{
    if (delay.IsZero())
    {
        return Time(0);
    }
    const Time now = Simulator::Now();
    const Time leave = std::max(now, busyUntil) + delay;
    busyUntil = leave;
    return leave - now;
}

} // namespace ns3
