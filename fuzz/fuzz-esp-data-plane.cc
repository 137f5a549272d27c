/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: ESP's inbound path in a running tunnel, from the wire to the inner stack:
 * EspL4Protocol::Receive() (IP protocol 50, model/carriers/esp-l4-protocol.cc) or the NAT-T
 * carrier's UDP 4500 (udp-encap-carrier.cc), EspCarrier / UdpEncapCarrier, the ESP data plane's
 * ReceiveEsp() (model/tunnel/esp-data-plane.cc: size, SPI look-up, the SA's Decapsulate() with
 * the replay window and the emulated ICV, Next Header) and the delivery to the client's
 * VirtualNetDevice and ns-3's Ipv4. A tunnel bed per carrier (TunnelBedHelper: client, headend,
 * server; esp and natt) is built once and its tunnel brought up; it stays for the whole run and
 * its simulation goes on between inputs (the tunnel's own timers run). Each step of an input
 * sends the client an ESP packet from the headend's address, one of two kinds:
 *
 * - an edited genuine packet: the server sends one UDP datagram (a size the input chooses) to the
 *   client's inner address, the headend encapsulates it, the WAN loses that genuine packet on
 *   the way (a ListErrorModel on the client's WAN device takes its uid) and the harness sends a
 *   copy instead, with up to 7 byte edits from the input. The copy keeps its packet tags, the
 *   emulated ICV among them (EspSequenceTag): an on-path attacker who withholds the original.
 *   The edits leave the inner IPv4 and UDP headers alone (bytes 8 to 51: the IV, at most 16, and
 *   28), so that ns-3's own parsers, which abort on some malformed TCP, see a well-formed inner
 *   header; they reach the ESP header, the inner payload, the padding, Pad Length, Next Header
 *   and the ICV's bytes.
 * - bytes from the input as a new packet (no tags: what an attacker who builds packets from bytes
 *   sends), optionally with the SPI of the client's inbound SA written in front.
 *
 * Input: a configuration byte (bit 0: natt, else esp), then steps, each a flag byte (bit 0: an
 * edited genuine packet, else bytes; bit 1: bytes get the SA's SPI; bit 2: after the step the
 * server sends one more genuine datagram, which must arrive) and for an edited packet a size byte
 * (the datagram's payload, 8 bytes per unit, modulo 129), an edit count (low 3 bits) and per edit a
 * 2-byte offset and an XOR byte; for bytes a 2-byte big-endian length (at most 2048) and the bytes.
 * Checks: each packet is delivered to the client's inner stack or dropped, exactly once; an
 * unedited copy is delivered; a copy edited in any byte (the emulated ICV covers the bytes,
 * IcvCoversContent), and every packet built from bytes, is dropped (without the tag it cannot
 * pass the ICV check; esp: under one of
 * the data plane's reasons; natt: bytes may also be a keepalive or, behind the non-ESP marker,
 * IKE, never an inner packet); a genuine datagram after a step still arrives (no injection moved
 * the replay window); the client stays Up.
 */

#include "fuzz-common.h"

#include "ns3/error-model.h"
#include "ns3/esp-sequence-tag.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/pointer.h"
#include "ns3/tunnel-bed-helper.h"
#include "ns3/udp-header.h"

using namespace ns3;

namespace
{

/// The client's WAN address in the tunnel bed.
const Ipv4Address CLIENT_WAN("172.16.0.1");
/// The headend's WAN address in the tunnel bed.
const Ipv4Address HEADEND_WAN("172.16.0.2");
/// The client's inner address.
const Ipv4Address CLIENT_INNER("10.8.0.2");
/// The inner UDP port the client listens on.
constexpr uint16_t INNER_PORT = 6001;
/// RFC 3948: NAT-T's UDP port.
constexpr uint16_t NATT_PORT = 4500;
/// Bytes 8 to 51 of an ESP packet stay as the headend wrote them: an IV of at most 16 bytes and
/// the inner IPv4 (20) and UDP (8) headers.
constexpr uint32_t PROTECTED_BEGIN = 8;
/// One past the last protected byte.
constexpr uint32_t PROTECTED_END = 8 + 16 + 28;
/// Long enough for a packet to go from the server through the headend (its encryption delay) and
/// the 20 ms WAN to the client (its decryption delay), with room.
const Time CROSSING = MilliSeconds(100);

/** One tunnel bed, up, with its hooks. */
struct Bed
{
    bool natt;                     //!< the carrier is natt, else esp
    TunnelBedHelper bed;           //!< client, headend, server
    Ptr<VpnTunnelEndpoint> client; //!< the client endpoint
    Ptr<Node> headend;             //!< the headend node
    Ptr<Socket> sender;            //!< the server's UDP socket to the client's inner address
    Ptr<ListErrorModel> loss;      //!< on the client's WAN device: the uids the WAN loses
    Ptr<Packet> last;              //!< the headend's last ESP packet, as its carrier sent it
    uint64_t arrived{0};           //!< datagrams the client's inner socket read
    uint64_t carrierDrops{0};      //!< drops the client's carrier traced (natt: runt)
    bool withhold{false};          //!< the WAN loses the next ESP packet the headend sends

    /** \param carrier natt or esp */
    explicit Bed(bool useNatt)
        : natt(useNatt)
    {
        VpnHelper vpn;
        std::string error;
        FUZZ_CHECK(vpn.SetCarrier(natt ? "natt" : "esp", error));
        Ipv4AddressGenerator::Reset(); // each bed has the same addresses, on nodes of its own
        bed.Install(vpn);
        bed.AssignStreams(10);
        client = bed.GetClient();
        headend = bed.GetNodes().Get(1);
        loss = CreateObject<ListErrorModel>();
        bed.GetWan().Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        bed.GetHeadend()->GetCarrier()->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&Bed::HeadendSent, this));
        client->GetCarrier()->TraceConnectWithoutContext("Drop",
                                                         MakeCallback(&Bed::CarrierDropped, this));
        if (std::getenv("FUZZ_VERBOSE"))
        {
            client->TraceConnectWithoutContext(
                "Drop",
                MakeCallback(+[](Ptr<const Packet> p, const std::string& why) {
                    std::fprintf(stderr,
                                 "  %.6f drop %s (%u bytes)\n",
                                 Simulator::Now().GetSeconds(),
                                 why.c_str(),
                                 p->GetSize());
                }));
            client->TraceConnectWithoutContext("InnerRx", MakeCallback(+[](Ptr<const Packet> p) {
                                                   std::fprintf(stderr,
                                                                "  %.6f inner %u bytes\n",
                                                                Simulator::Now().GetSeconds(),
                                                                p->GetSize());
                                               }));
        }
        Ptr<Socket> sink =
            Socket::CreateSocket(bed.GetNodes().Get(0), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), INNER_PORT));
        sink->SetRecvCallback(MakeCallback(&Bed::Read, this));
        sender = Socket::CreateSocket(bed.GetNodes().Get(2), UdpSocketFactory::GetTypeId());
        sender->Connect(InetSocketAddress(CLIENT_INNER, INNER_PORT));
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        FUZZ_CHECK(client->GetState() == VpnTunnelEndpoint::UP);
    }

    /**
     * The headend's carrier sent a message.
     * \param message the message \param kind ESP or IKE
     */
    void HeadendSent(Ptr<const Packet> message, VpnCarrier::MessageKind kind)
    {
        if (kind != VpnCarrier::DATA)
        {
            return;
        }
        if (std::getenv("FUZZ_VERBOSE"))
        {
            std::fprintf(stderr,
                         "  %.6f %s headend sends %u bytes uid %llu%s\n",
                         Simulator::Now().GetSeconds(),
                         natt ? "natt" : "esp",
                         message->GetSize(),
                         static_cast<unsigned long long>(message->GetUid()),
                         withhold ? " (withheld)" : "");
        }
        last = message->Copy();
        if (withhold)
        {
            loss->SetList({static_cast<uint32_t>(message->GetUid())});
            withhold = false;
        }
    }

    /**
     * The client's carrier dropped a message.
     * \param message the message \param reason why
     */
    void CarrierDropped(Ptr<const Packet> message, const std::string& reason)
    {
        ++carrierDrops;
    }

    /** \param socket the client's inner socket: count what it reads */
    void Read(Ptr<Socket> socket)
    {
        while (socket->Recv())
        {
            ++arrived;
        }
    }

    /**
     * Send the client an ESP packet from the headend's address, then let it cross.
     * \param esp the ESP packet
     */
    void Inject(Ptr<Packet> esp)
    {
        if (natt)
        {
            UdpHeader udp;
            udp.SetSourcePort(NATT_PORT);
            udp.SetDestinationPort(NATT_PORT);
            esp->AddHeader(udp);
        }
        headend->GetObject<Ipv4>()->Send(esp, HEADEND_WAN, CLIENT_WAN, natt ? 17 : 50, nullptr);
        fuzz::LoopbackNode::Run(CROSSING);
    }

    /**
     * The server sends one datagram through the tunnel; it arrives, or (withheld) the WAN loses
     * its ESP packet.
     * \param payload the UDP payload's size
     * \param withheld whether the WAN loses it
     * \return the ESP packet the headend sent, nullptr if none
     */
    Ptr<Packet> SendGenuine(uint32_t payload, bool withheld)
    {
        last = nullptr;
        withhold = withheld;
        sender->Send(Create<Packet>(payload));
        fuzz::LoopbackNode::Run(CROSSING);
        withhold = false;
        loss->SetList({});
        return last;
    }
};

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static Bed esp(false);
    static Bed natt(true);

    fuzz::Reader in(data, size);
    Bed& bed = (in.U8() & 0x01) != 0 ? natt : esp;
    while (in.HasMore())
    {
        const uint8_t flags = in.U8();
        const uint64_t drops = bed.client->GetDropCount() + bed.carrierDrops;
        const uint64_t delivered = bed.client->GetInnerRxPackets();
        const uint64_t arrived = bed.arrived;
        bool mustArrive = false; // the packet goes in as it was sent
        bool mustDrop = false;   // it cannot pass the ICV check
        bool maySkip = false;    // natt bytes: a keepalive or IKE, neither delivered nor dropped
        if ((flags & 0x01) != 0)
        {
            // At most 1,024 bytes: one ESP packet (a larger datagram leaves the server in
            // fragments).
            const uint32_t payload = 8 * (uint32_t(in.U8()) % 129);
            Ptr<Packet> genuine = bed.SendGenuine(payload, true);
            FUZZ_CHECK(genuine);
            FUZZ_CHECK(bed.arrived == arrived); // the WAN lost it
            std::vector<uint8_t> bytes = fuzz::Bytes(genuine);
            const std::vector<uint8_t> original = bytes;
            const uint32_t edits = in.U8() & 0x07;
            for (uint32_t k = 0; k < edits; ++k)
            {
                uint32_t offset = in.U16() % bytes.size();
                if (offset >= PROTECTED_BEGIN && offset < PROTECTED_END)
                {
                    offset = (offset + PROTECTED_END - PROTECTED_BEGIN) % bytes.size();
                }
                if (offset >= PROTECTED_BEGIN && offset < PROTECTED_END)
                {
                    continue; // a packet too short to have bytes past the inner headers
                }
                bytes[offset] ^= in.U8();
            }
            mustArrive = bytes == original;
            mustDrop = !mustArrive;
            // The copy keeps the genuine packet's emulated ICV (its EspSequenceTag).
            Ptr<Packet> copy = Create<Packet>(bytes.data(), bytes.size());
            EspSequenceTag icv;
            FUZZ_CHECK(genuine->PeekPacketTag(icv));
            copy->AddPacketTag(icv);
            bed.Inject(copy);
        }
        else
        {
            const bool spi = (flags & 0x02) != 0;
            Ptr<Packet> forged = in.LengthPrefixed(2048);
            std::vector<uint8_t> bytes = fuzz::Bytes(forged);
            if (spi && bed.last && bytes.size() >= 4)
            {
                bed.last->CopyData(bytes.data(), 4);
                forged = Create<Packet>(bytes.data(), bytes.size());
            }
            const bool marker = bytes.size() >= 4 && bytes[0] == 0 && bytes[1] == 0 &&
                                bytes[2] == 0 && bytes[3] == 0;
            maySkip = bed.natt && ((bytes.size() == 1 && bytes[0] == 0xff) || marker);
            mustDrop = !maySkip;
            bed.Inject(forged);
        }
        const uint64_t dropped = bed.client->GetDropCount() + bed.carrierDrops - drops;
        const uint64_t handed = bed.client->GetInnerRxPackets() - delivered;
        if (std::getenv("FUZZ_VERBOSE"))
        {
            std::fprintf(
                stderr,
                "step flags 0x%02x: handed %llu dropped %llu (carrier %llu) arrived %llu\n",
                flags,
                static_cast<unsigned long long>(handed),
                static_cast<unsigned long long>(dropped),
                static_cast<unsigned long long>(bed.carrierDrops),
                static_cast<unsigned long long>(bed.arrived - arrived));
        }
        if (maySkip)
        {
            FUZZ_CHECK(handed == 0 && dropped <= 1);
        }
        else
        {
            FUZZ_CHECK(handed + dropped == 1);
        }
        FUZZ_CHECK(!mustArrive || handed == 1);
        FUZZ_CHECK(!mustDrop || dropped == 1);
        FUZZ_CHECK(bed.arrived - arrived <= handed);
        if ((flags & 0x04) != 0)
        {
            const uint64_t before = bed.arrived;
            FUZZ_CHECK(bed.SendGenuine(64, false));
            FUZZ_CHECK(bed.arrived == before + 1);
        }
        FUZZ_CHECK(bed.client->GetState() == VpnTunnelEndpoint::UP);
    }
    return 0;
}
