/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the DTLS receive paths of the SSL VPN beyond record cutting: DtlsListener's Read()
 * (model/carriers/dtls-listener.cc: a ClientHello from a new source names its session by the
 * 32-byte X-DTLS-Session-ID, known sources go to their channel), DtlsChannel's Read() and
 * Receive() on both sides (model/carriers/dtls-channel.cc: ClientHello and ServerHello, the
 * resumption flight, ChangeCipherSpec, protected records, CSTP over DTLS, the state machine and
 * its timers). The datagrams arrive through real ns-3 UDP sockets on a loopback-only node
 * (fuzz::LoopbackNode): the listener on UDP 443 stays for 4096 inputs (then the node and it are
 * made again: ns-3's UdpL4Protocol keeps every socket it made, and each client makes one); per
 * input, the harness gives it two new headend channels, sessions A and B (ids of 32 bytes, the
 * resolver SslVpnCarrier gives), and when asked a client channel for session A, which makes its
 * real handshake with channel A first. Input: a configuration byte (bit 0: a client; bit 1: channel
 * B is closed), then datagrams, each a flag byte (bits 0-1: the source socket; bit 2: to the
 * client's DTLS port, else to the listener; bits 3-7: seconds the simulation runs first, so DPD,
 * keepalive, handshake and retry timers fire) and the payload behind a 2-byte big-endian length (at
 * most 4096). Checks: every record a channel reads is consumed (handshake, ChangeCipherSpec),
 * handed on as CSTP with exactly the AEAD overhead and type byte removed, or dropped as
 * dtls-malformed, once; a datagram that cuts badly is one more dtls-malformed; the listener drops a
 * datagram whose source it cannot place as one dtls-unknown-session and hands nothing of it on; a
 * ClientHello naming an open session moves that session's channel to its source, one naming no
 * session is dropped; each channel's state changes are changes, from the state it was in.
 */

#include "fuzz-common.h"

#include "ns3/dtls-channel.h"
#include "ns3/dtls-listener.h"
#include "ns3/dtls-record-header.h"
#include "ns3/tls-handshake.h"
#include "ns3/tls-record-header.h"
#include "ns3/tls-record-layer.h"

#include <map>
#include <memory>

using namespace ns3;

namespace
{

/** The listener's UDP port. */
constexpr uint16_t PORT = 443;
/** A protected record's smallest fragment: the AEAD expansion and the CSTP type byte. */
const uint32_t SMALLEST = TlsRecordLayer::AeadOverhead(false) + 1;

/** What one channel's hooks saw. */
struct Seen
{
    uint64_t cstp{0};                           //!< CSTP packets handed on
    std::vector<uint32_t> sizes;                //!< their sizes
    std::map<std::string, uint64_t> drops;      //!< drops by reason
    uint64_t states{0};                         //!< state changes
    DtlsChannel::State state{DtlsChannel::OFF}; //!< the state the hooks last named
};

/**
 * \param seen where the hooks count
 * \return the hooks of a channel
 */
DtlsChannel::Hooks
HooksOf(Seen* seen)
{
    DtlsChannel::Hooks hooks;
    hooks.state = [seen](DtlsChannel::State from, DtlsChannel::State to, const std::string&) {
        FUZZ_CHECK(from == seen->state && to != from);
        seen->state = to;
        ++seen->states;
    };
    hooks.liveness = [](uint8_t type) {};
    hooks.cstp = [seen](uint8_t type, Ptr<Packet> payload) {
        ++seen->cstp;
        seen->sizes.push_back(payload->GetSize());
    };
    hooks.drop = [seen](Ptr<const Packet>, const std::string& reason) { ++seen->drops[reason]; };
    return hooks;
}

/** What a datagram's records are, as DtlsChannel::Receive() classifies them. */
struct Records
{
    uint32_t count{0};           //!< records cut
    bool whole{true};            //!< the cut ended cleanly
    std::vector<uint32_t> cstp;  //!< protected records' CSTP payload sizes
    uint32_t malformed{0};       //!< records a channel drops
    bool hello{false};           //!< the first record is a ClientHello the listener reads
    DtlsChannel::SessionId id{}; //!< its session id
};

/**
 * \param datagram a datagram
 * \return its records as a channel would take them
 */
Records
Classify(Ptr<const Packet> datagram)
{
    Records r;
    r.whole = DtlsChannel::ForEachRecord(datagram, [&r](uint8_t type, Ptr<Packet> body) {
        if (r.count++ == 0)
        {
            r.hello = DtlsChannel::ClientHelloSession(type, body, r.id);
        }
        if (type == TlsRecordHeader::APPLICATION_DATA && body->GetSize() >= SMALLEST)
        {
            r.cstp.push_back(body->GetSize() - SMALLEST);
        }
        else if (type != TlsRecordHeader::HANDSHAKE && type != TlsRecordHeader::CHANGE_CIPHER_SPEC)
        {
            ++r.malformed;
        }
        return true;
    });
    return r;
}

/**
 * \param seen a channel's counters
 * \return its drops for one reason
 */
uint64_t
Drops(const Seen& seen, const std::string& reason)
{
    auto it = seen.drops.find(reason);
    return it == seen.drops.end() ? 0 : it->second;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    /** The node and the listener, made again every RENEW inputs. */
    struct Bed
    {
        fuzz::LoopbackNode node{4}; //!< the node and the source sockets
        Ptr<DtlsListener> listener; //!< on UDP 443
    };

    static constexpr uint32_t RENEW = 4096;
    static std::unique_ptr<Bed> bed;
    static uint32_t inputs = 0;
    static Ptr<DtlsChannel> chA; // the session channels the listener's resolver finds
    static Ptr<DtlsChannel> chB;
    static DtlsChannel::SessionId idA;
    static DtlsChannel::SessionId idB;
    static Seen listener;
    if (inputs++ % RENEW == 0)
    {
        if (bed)
        {
            bed->listener->Close();
        }
        bed.reset();
        bed = std::make_unique<Bed>();
        idA.fill(0xa5);
        idB.fill(0xb6);
        auto resolver = [](const DtlsChannel::SessionId& id) -> Ptr<DtlsChannel> {
            return id == idA ? chA : id == idB ? chB : nullptr;
        };
        auto drop = [](Ptr<const Packet>, const std::string& reason) { ++listener.drops[reason]; };
        bed->listener = Create<DtlsListener>(resolver, drop);
        bed->listener->Open(bed->node.GetNode(), fuzz::LoopbackNode::Address(), PORT, "fuzz");
    }
    fuzz::LoopbackNode& node = bed->node;
    Ptr<DtlsListener> dtls = bed->listener;
    fuzz::Reader in(data, size);
    const uint8_t config = in.U8();
    const bool withClient = (config & 0x01) != 0;
    const bool closeB = (config & 0x02) != 0;

    DtlsChannel::Config settings; // SslVpnCarrier's defaults
    settings.port = PORT;
    settings.dpd = Seconds(30);
    settings.retry = Seconds(60);
    settings.handshakeTimeout = Seconds(1);
    settings.handshakeRetries = 4;
    settings.handshakeLimit = Seconds(12);
    Seen a;
    Seen b;
    Seen client;
    chA = Create<DtlsChannel>(false, settings, HooksOf(&a));
    chB = Create<DtlsChannel>(false, settings, HooksOf(&b));
    chA->SetListener(dtls->GetSocket());
    chB->SetListener(dtls->GetSocket());
    if (closeB)
    {
        chB->Close();
    }

    Ptr<DtlsChannel> chClient;
    uint16_t clientPort = 0;
    if (withClient)
    {
        DtlsChannel::Config clientSettings = settings;
        clientSettings.keepalive = Seconds(20);
        chClient = Create<DtlsChannel>(true, clientSettings, HooksOf(&client));
        chClient->SetClient(node.GetNode(),
                            fuzz::LoopbackNode::Address(),
                            fuzz::LoopbackNode::Address(),
                            idA);
        chClient->Start();
        fuzz::LoopbackNode::Run(NanoSeconds(1));
        // The real handshake: ClientHello, the resumption flight, ChangeCipherSpec and Finished.
        FUZZ_CHECK(chClient->GetState() == DtlsChannel::UP && chA->GetState() == DtlsChannel::UP);
        clientPort = chA->GetPeerPort();
    }

    while (in.HasMore())
    {
        const uint8_t flags = in.U8();
        const uint32_t source = flags & 0x03;
        const bool toClient = withClient && (flags & 0x04) != 0;
        const uint32_t wait = flags >> 3;
        Ptr<Packet> datagram = in.LengthPrefixed(4096);
        if (wait > 0)
        {
            fuzz::LoopbackNode::Run(Seconds(wait));
        }
        const Records records = Classify(datagram);
        const Seen beforeA = a;
        const Seen beforeB = b;
        const Seen beforeClient = client;
        const Seen beforeListener = listener;
        node.Send(source, toClient ? clientPort : PORT, datagram);

        const uint64_t malformed = records.malformed + (records.whole ? 0 : 1);
        if (toClient)
        {
            // Read from the client's socket, or not at all (it has moved to a new socket).
            const uint64_t cstp = client.cstp - beforeClient.cstp;
            const uint64_t dropped =
                Drops(client, "dtls-malformed") - Drops(beforeClient, "dtls-malformed");
            FUZZ_CHECK((cstp == records.cstp.size() && dropped == malformed) ||
                       (cstp == 0 && dropped == 0 && client.states == beforeClient.states));
            FUZZ_CHECK(std::equal(client.sizes.begin() + beforeClient.sizes.size(),
                                  client.sizes.end(),
                                  records.cstp.begin()));
            FUZZ_CHECK(client.drops.size() <= 1); // only ever dtls-malformed: never closed
            continue;
        }
        // To the listener: each record goes to the channel its source names, or the datagram is
        // one dtls-unknown-session and the rest of it is not read.
        const uint64_t cstp = (a.cstp - beforeA.cstp) + (b.cstp - beforeB.cstp);
        const uint64_t unknown =
            Drops(listener, "dtls-unknown-session") - Drops(beforeListener, "dtls-unknown-session");
        const uint64_t cutBadly =
            Drops(listener, "dtls-malformed") - Drops(beforeListener, "dtls-malformed");
        const uint64_t dropped = Drops(a, "dtls-malformed") - Drops(beforeA, "dtls-malformed") +
                                 Drops(b, "dtls-malformed") - Drops(beforeB, "dtls-malformed");
        FUZZ_CHECK(unknown <= 1 && cutBadly <= 1);
        FUZZ_CHECK(a.drops.size() <= 1 && b.drops.size() <= 1);
        if (unknown == 0)
        {
            FUZZ_CHECK(cstp == records.cstp.size() && dropped == records.malformed);
            FUZZ_CHECK(cutBadly == (records.whole ? 0 : 1));
        }
        else
        {
            FUZZ_CHECK(cstp <= records.cstp.size() && dropped <= records.malformed &&
                       cutBadly == 0);
        }
        if (records.hello)
        {
            const bool named = records.id == idA || (records.id == idB && !closeB);
            FUZZ_CHECK(unknown == (named ? 0 : 1));
            if (named)
            {
                Ptr<DtlsChannel> ch = records.id == idA ? chA : chB;
                FUZZ_CHECK(ch->GetPeerAddress() == fuzz::LoopbackNode::Address() &&
                           ch->GetPeerPort() == fuzz::LoopbackNode::SourcePort(source));
            }
        }
    }
    if (chClient)
    {
        chClient->Close();
    }
    chA->Close();
    chB->Close();
    chA = nullptr;
    chB = nullptr;
    fuzz::LoopbackNode::Run(Seconds(120)); // the cancelled timers leave the queue
    return 0;
}
