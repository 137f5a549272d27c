/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The seed corpora of fuzz/corpus/<target>/: valid encodings written by the module's own classes,
 * in the input layout each harness (fuzz-<target>.cc) reads. ./vpnlab fuzz --make-corpus runs it;
 * the files are committed, so run it again only when a harness's layout or a wire format changes.
 * Usage: make-corpus DIR (writes DIR/<target>/<name>).
 */

#include "ns3/core-module.h"
#include "ns3/cstp-connect.h"
#include "ns3/cstp-header.h"
#include "ns3/ctcp-framing.h"
#include "ns3/ctcp-trailer.h"
#include "ns3/dtls-record-header.h"
#include "ns3/esp-security-association.h"
#include "ns3/esp-trailer.h"
#include "ns3/ike-message.h"
#include "ns3/ikev1-message.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tls-handshake.h"
#include "ns3/tls-record-header.h"
#include "ns3/tls-record-layer.h"

#include <fstream>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;

namespace
{

using Bytes = std::vector<uint8_t>;

std::string g_dir; //!< where the corpora go

/**
 * \param p a packet \return its bytes
 */
Bytes
Of(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/**
 * \param n bytes \param seed the first \return n bytes counting up from seed (real bytes, not
 * the zero-filled area Create<Packet>(n) gives)
 */
Ptr<Packet>
Filler(uint32_t n, uint8_t seed = 0x40)
{
    Bytes b(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        b[k] = static_cast<uint8_t>(seed + k);
    }
    return Create<Packet>(b.data(), n);
}

/**
 * \param out bytes to append to \param v a value, as 2 bytes big-endian
 */
void
U16(Bytes& out, uint16_t v)
{
    out.push_back(v >> 8);
    out.push_back(v & 0xff);
}

/**
 * \param out bytes to append to \param v a value, as 4 bytes big-endian
 */
void
U32(Bytes& out, uint32_t v)
{
    U16(out, v >> 16);
    U16(out, v & 0xffff);
}

/**
 * \param out bytes to append to \param b a read or packet, behind its 2-byte length
 */
void
Prefixed(Bytes& out, const Bytes& b)
{
    U16(out, static_cast<uint16_t>(b.size()));
    out.insert(out.end(), b.begin(), b.end());
}

/**
 * \param target the harness \param name the file \param b its bytes
 */
void
Write(const std::string& target, const std::string& name, const Bytes& b)
{
    const std::string dir = g_dir + "/" + target;
    mkdir(dir.c_str(), 0755);
    std::ofstream(dir + "/" + name, std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), b.size());
}

/**
 * \param first a byte \param rest bytes \return first, then rest
 */
Bytes
Cat(Bytes first, const Bytes& rest)
{
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
}

/**
 * \param suite the cipher suite \param esn extended sequence numbers \return an outbound SA
 * with the harnesses' SPI, 0x1000
 */
Ptr<EspSecurityAssociation>
Sender(const std::string& suite, bool esn)
{
    Ptr<EspSecurityAssociation> sa = CreateObject<EspSecurityAssociation>();
    sa->SetAttribute("ExtendedSequenceNumbers", BooleanValue(esn));
    std::string error;
    sa->Configure(0x1000, suite, 64, error);
    return sa;
}

void
Esp()
{
    const std::vector<std::string> suites = EspCipherSuite::Names();
    for (uint32_t s = 0; s < suites.size(); ++s)
    {
        Ptr<EspSecurityAssociation> sa = Sender(suites[s], true);
        const Bytes one = Of(sa->Encapsulate(Filler(40), EspTrailer::NEXT_HEADER_IPV4));
        const Bytes two = Of(sa->Encapsulate(Filler(61), EspTrailer::NEXT_HEADER_IPV6));
        const Bytes dummy = Of(sa->Encapsulate(Filler(8), EspTrailer::NEXT_HEADER_NONE));
        Write("esp-header", suites[s], one);
        Write("esp-trailer", suites[s], Cat({sa->GetCipherSuite().icvLength}, one));
        // Config: suite s, window 64 (code 2), ESN; the packets in order, one replayed.
        Bytes in{static_cast<uint8_t>(s | (2 << 2) | 0x20)};
        Prefixed(in, one);
        Prefixed(in, two);
        Prefixed(in, one);
        Prefixed(in, dummy);
        Write("esp-sa", suites[s], in);
    }
    EspTrailer trailer;
    trailer.SetPadLength(3);
    trailer.SetNextHeader(EspTrailer::NEXT_HEADER_IPV4);
    trailer.SetIcvLength(0);
    Ptr<Packet> p = Filler(13);
    p->AddTrailer(trailer);
    Write("esp-trailer", "no-icv", Cat({0}, Of(p)));
}

void
ReplayWindow()
{
    // Records: flag (bit 0 passes the ICV, bit 1 relative), 32-bit number.
    auto record = [](Bytes& b, uint8_t flag, uint32_t seq) {
        b.push_back(flag);
        U32(b, seq);
    };
    Bytes in{2 | 0x08}; // window 64, ESN
    for (uint32_t s : {1, 2, 3, 5, 4, 2, 70, 6, 7, 200})
    {
        record(in, 1, s);
    }
    record(in, 0, 201);
    record(in, 3, 0xfffe); // Tl - 2
    Write("esp-replay-window", "in-order", in);
    Bytes wrap{3 | 0x08}; // window 96, ESN: across 2^32
    for (uint32_t s : {0xffffff00U, 0xffffffc0U, 0xfffffff0U, 5U, 0xffffffe0U, 0xffffff10U, 6U})
    {
        record(wrap, 1, s);
    }
    Write("esp-replay-window", "esn-wrap", wrap);
    Bytes off{0}; // check disabled, no ESN
    for (uint32_t s : {1, 1, 0, 9})
    {
        record(off, 1, s);
    }
    Write("esp-replay-window", "disabled", off);
}

/**
 * \param payload the segment's payload \param flags the TCP flags \param mss an MSS option (0:
 * none) \param src the source \param dst the destination \return the TCP segment, checksummed
 */
Bytes
Segment(Ptr<Packet> payload, uint8_t flags, uint16_t mss, Ipv4Address src, Ipv4Address dst)
{
    TcpHeader h;
    h.SetSourcePort(49152);
    h.SetDestinationPort(443);
    h.SetSequenceNumber(SequenceNumber32(1000));
    h.SetAckNumber(SequenceNumber32(2000));
    h.SetFlags(flags);
    h.SetWindowSize(65535);
    if (mss != 0)
    {
        Ptr<TcpOptionMSS> option = CreateObject<TcpOptionMSS>();
        option->SetMSS(mss);
        h.AppendOption(option);
    }
    h.EnableChecksums();
    h.InitializeChecksum(src, dst, 6);
    Ptr<Packet> p = payload->Copy();
    p->AddHeader(h);
    return Of(p);
}

/** \return the smallest IKEv2 message: an INFORMATIONAL request (a DPD probe) */
Ptr<Packet>
Informational()
{
    IkeMessage ike;
    ike.SetInitiatorSpi(0x1122334455667788ULL);
    ike.SetExchangeType(IkeMessage::INFORMATIONAL);
    ike.SetMessageSize(IkeMessage::MIN_SIZE);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(ike);
    return p;
}

void
Ctcp()
{
    Ptr<EspSecurityAssociation> sa = Sender("aes-gcm-16", true);
    Ptr<Packet> esp = sa->Encapsulate(Filler(40), EspTrailer::NEXT_HEADER_IPV4);
    const Bytes espFramed = Of(CtcpFraming::Frame(esp, CtcpTrailer::PROTOCOL_ESP, 3, false));
    const Bytes ikeFramed =
        Of(CtcpFraming::Frame(Informational(), CtcpTrailer::PROTOCOL_IKE, 4, true));
    for (const auto& target : {"ctcp-trailer", "ctcp-framing"})
    {
        Write(target, "esp", espFramed);
        Write(target, "ike", ikeFramed);
    }

    const Ipv4Address src("192.0.2.7");
    const Ipv4Address dst("10.0.0.1"); // the harness's carrier
    const Bytes addresses{192, 0, 2, 7};
    const Bytes both{192, 0, 2, 7, 10, 0, 0, 1};
    const Bytes syn = Segment(Create<Packet>(), 0x02, 1380, src, dst);
    const Bytes data =
        Segment(CtcpFraming::Frame(esp, CtcpTrailer::PROTOCOL_ESP, 3, false), 0x10, 0, src, dst);
    Write("ctcp-l4-protocol", "syn", Cat(Cat({1}, addresses), syn));
    Write("ctcp-l4-protocol", "data", Cat(Cat({1}, addresses), data));
    Write("ctcp-l4-protocol", "data-no-checksum", Cat(Cat({0}, addresses), data));
    Write("tcp-segment-view", "syn", Cat(both, syn));
    Write("tcp-segment-view", "data", Cat(both, data));
}

void
Cstp()
{
    Ptr<Packet> data = Filler(28);
    data->AddHeader(CstpHeader(CstpHeader::DATA, 28));
    Write("cstp-header", "data", Of(data));
    Ptr<Packet> dpd = Create<Packet>();
    dpd->AddHeader(CstpHeader(CstpHeader::DPD_REQUEST, 0));
    Write("cstp-header", "dpd", Of(dpd));

    auto text = [](const std::string& s) { return Bytes(s.begin(), s.end()); };
    const Ipv4Address inner("10.8.0.2");
    const std::string cookie(64, 'c');
    Write("cstp-connect", "request", Cat({1}, text(CstpConnect::Request(inner, cookie, true, 0))));
    Write("cstp-connect",
          "response",
          Cat({0},
              text(CstpConnect::Response(inner,
                                         Seconds(30),
                                         Seconds(20),
                                         true,
                                         CstpConnect::SessionId{0x12, 0x34, 0xab, 0xcd},
                                         443,
                                         Seconds(30),
                                         0))));
}

void
Ike()
{
    const IkeMessage::ExchangeType types[] = {IkeMessage::IKE_SA_INIT,
                                              IkeMessage::IKE_AUTH,
                                              IkeMessage::INFORMATIONAL};
    for (auto type : types)
    {
        IkeMessage m;
        m.SetInitiatorSpi(0x0102030405060708ULL);
        m.SetResponderSpi(type == IkeMessage::IKE_SA_INIT ? 0 : 0x1112131415161718ULL);
        m.SetExchangeType(type);
        m.SetFlags(IkeMessage::FLAG_INITIATOR);
        m.SetMessageId(type - IkeMessage::IKE_SA_INIT);
        m.SetEspSpi(0x1000);
        m.SetInnerAddress(Ipv4Address("10.8.0.2"));
        m.SetMessageSize(type == IkeMessage::INFORMATIONAL ? IkeMessage::MIN_SIZE : 120);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(m);
        Write("ike-message", "exchange-" + std::to_string(type), Of(p));
    }
    for (bool encrypted : {false, true})
    {
        Ikev1Message m;
        m.SetInitiatorCookie(0x0102030405060708ULL);
        m.SetResponderCookie(encrypted ? 0x1112131415161718ULL : 0);
        m.SetExchangeType(encrypted ? Ikev1Message::QUICK_MODE : Ikev1Message::AGGRESSIVE);
        m.SetFlags(encrypted ? Ikev1Message::FLAG_ENCRYPTION : 0);
        m.SetMessageId(encrypted ? 0x5a5a5a5a : 0);
        m.SetKind(1);
        m.SetValue(0x1000);
        m.SetInnerAddress(Ipv4Address("10.8.0.2"));
        m.SetMessageSize(encrypted ? Ikev1Message::MIN_SIZE : 100);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(m);
        Write("ikev1-message", encrypted ? "quick-mode" : "aggressive", Of(p));
    }
}

/**
 * \param tls13 TLS 1.3 \param initiator the side the harness plays \return the stream its peer
 * sends: the handshake's records, the CONNECT exchange's text and a CSTP data packet
 */
std::vector<Bytes>
TlsConversation(bool tls13, bool initiator)
{
    const uint32_t overhead = TlsRecordLayer::AeadOverhead(tls13);
    TlsHandshake client(true, tls13, 1200, overhead);
    TlsHandshake server(false, tls13, 1200, overhead);
    std::vector<Bytes> toClient;
    std::vector<Bytes> toServer;
    std::vector<TlsHandshake::Record> pending = client.Start(512);
    bool fromClient = true;
    for (int round = 0; round < 6 && !pending.empty(); ++round)
    {
        std::vector<TlsHandshake::Record> answers;
        for (const auto& r : pending)
        {
            Ptr<Packet> wire = TlsRecordLayer::Tls(tls13, r.type, r.body, r.encrypted);
            (fromClient ? toServer : toClient).push_back(Of(wire));
            TlsRecordHeader header;
            wire->RemoveHeader(header);
            for (const auto& a : (fromClient ? server : client).Receive(header.GetType(), wire))
            {
                answers.push_back(a);
            }
        }
        pending = answers;
        fromClient = !fromClient;
    }
    const Ipv4Address inner("10.8.0.2");
    const std::string text = initiator
                                 ? CstpConnect::Response(inner,
                                                         Seconds(30),
                                                         Seconds(20),
                                                         false,
                                                         CstpConnect::SessionId{},
                                                         443,
                                                         Seconds(30),
                                                         0)
                                 : CstpConnect::Request(inner, std::string(64, 'c'), false, 0);
    std::vector<Bytes>& out = initiator ? toClient : toServer;
    Ptr<Packet> connect =
        Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    out.push_back(Of(TlsRecordLayer::Tls(tls13, TlsRecordHeader::APPLICATION_DATA, connect, true)));
    Ptr<Packet> cstp = Filler(40);
    cstp->AddHeader(CstpHeader(CstpHeader::DATA, 40));
    out.push_back(Of(TlsRecordLayer::Tls(tls13, TlsRecordHeader::APPLICATION_DATA, cstp, true)));
    return out;
}

void
Streams()
{
    for (bool tls13 : {false, true})
    {
        for (bool initiator : {false, true})
        {
            const std::vector<Bytes> records = TlsConversation(tls13, initiator);
            Bytes in{static_cast<uint8_t>((tls13 ? 1 : 0) | (initiator ? 2 : 0))};
            Bytes framed{static_cast<uint8_t>(tls13 ? 3 : 2)};
            Bytes joined;
            for (const auto& r : records)
            {
                Prefixed(in, r);
                joined.insert(joined.end(), r.begin(), r.end());
            }
            const std::string name =
                std::string(tls13 ? "tls13" : "tls12") + (initiator ? "-client" : "-headend");
            Write("ssl-record-layer", name, in);
            // The stream framer: the same records cut in two reads at an odd place.
            const size_t cut = joined.size() / 3;
            Prefixed(framed, Bytes(joined.begin(), joined.begin() + cut));
            Prefixed(framed, Bytes(joined.begin() + cut, joined.end()));
            Write("stream-framer", name, framed);
            Write("tls-record-header", name, records.front());
        }
    }
    // RFC 9329: "IKETCP", then a non-ESP marker and IKE, then ESP, each behind its length.
    Bytes stream{'I', 'K', 'E', 'T', 'C', 'P'};
    Bytes ike = Cat({0, 0, 0, 0}, Of(Informational())); // the non-ESP marker, then IKE
    Bytes esp = Of(Sender("aes-gcm-16", true)->Encapsulate(Filler(40), 4));
    U16(stream, static_cast<uint16_t>(ike.size() + 2));
    stream.insert(stream.end(), ike.begin(), ike.end());
    U16(stream, static_cast<uint16_t>(esp.size() + 2));
    stream.insert(stream.end(), esp.begin(), esp.end());
    Bytes in{1};
    Prefixed(in, Bytes(stream.begin(), stream.begin() + 9));
    Prefixed(in, Bytes(stream.begin() + 9, stream.end()));
    Write("stream-framer", "rfc9329-preamble", in);
    Bytes plain{0};
    Prefixed(plain, Bytes(stream.begin() + 6, stream.end()));
    Write("stream-framer", "rfc9329", plain);
    // The RFC 9329 carrier: the responder reads the prefix, the initiator does not; a NAT
    // keepalive (one 0xFF) and a message too short for a marker go on the initiator's stream.
    Bytes responder{0};
    Prefixed(responder, stream);
    Write("tcp-encap-carrier", "responder", responder);
    Bytes initiator{1};
    Bytes odd{0, 3, 0xff, 0, 5, 0, 0, 0};
    odd.insert(odd.end(), stream.begin() + 6, stream.end());
    Prefixed(initiator, odd);
    Write("tcp-encap-carrier", "initiator", initiator);

    // DTLS: a ClientHello naming session 0x00000001, then an application data record.
    uint8_t sid[TlsHandshake::SESSION_ID_SIZE] = {0, 0, 0, 1};
    Ptr<Packet> hello = TlsHandshake::Hello(true, false, true, sid, 0);
    hello->AddHeader(DtlsRecordHeader(TlsRecordHeader::HANDSHAKE, 0, 0, hello->GetSize()));
    Ptr<Packet> app = TlsRecordLayer::SealGcm(Filler(30));
    app->AddHeader(DtlsRecordHeader(TlsRecordHeader::APPLICATION_DATA, 1, 7, app->GetSize()));
    Write("dtls-record-header", "client-hello", Of(hello));
    Ptr<Packet> two = hello->Copy();
    two->AddAtEnd(app);
    Write("dtls-record-header", "two-records", Of(two));
}

/**
 * \param out bytes to append to \param flags a datagram's flag byte \param b its payload
 */
void
Datagram(Bytes& out, uint8_t flags, const Bytes& b)
{
    out.push_back(flags);
    Prefixed(out, b);
}

void
UdpEncap()
{
    // Flags: bits 0-1 the source socket, bit 2 to the IKE port, bit 3 confirm, bit 4 answer.
    const Bytes ike = Of(Informational());
    const Bytes esp = Of(Sender("aes-gcm-16", true)->Encapsulate(Filler(40), 4));
    Bytes natt{0};
    Datagram(natt, 0x04, ike);                    // IKE on port 500
    Datagram(natt, 0x00, Cat({0, 0, 0, 0}, ike)); // the non-ESP marker, then IKE
    Datagram(natt, 0x09 | 0x10, esp);             // ESP from port 40001, confirmed, answered
    Datagram(natt, 0x02, {0xff});                 // a NAT-keepalive from another port
    Datagram(natt, 0x12, esp);                    // unconfirmed: the answer keeps port 40001
    Write("udp-encap-carrier", "natt", natt);
    Bytes cisco{1};
    Datagram(cisco, 0x04, ike);
    Datagram(cisco, 0x08 | 0x10, esp);
    Datagram(cisco, 0x00, {0xff});
    Datagram(cisco, 0x00, Cat({0, 0, 0, 0}, ike)); // a zero SPI on Cisco UDP
    Write("udp-encap-carrier", "cisco-udp", cisco);
}

void
EspInbound()
{
    // Steps: flag bit 0 an edited genuine packet (a size byte, an edit count, per edit a 2-byte
    // offset and an XOR byte), else bytes (bit 1: with the SA's SPI); bit 2 a genuine one after.
    const Bytes esp = Of(Sender("aes-cbc-hmac-sha1", false)->Encapsulate(Filler(40), 4));
    for (uint8_t natt = 0; natt < 2; ++natt)
    {
        Bytes steps{natt};
        steps.insert(steps.end(), {0x01, 16, 0});                   // unedited: delivered
        steps.insert(steps.end(), {0x05, 16, 1, 0, 4, 0x01});       // sequence edited: dropped
        steps.insert(steps.end(), {0x01, 16, 1, 0xff, 0xfe, 0x01}); // Pad Length or Next Header
        steps.insert(steps.end(), {0x01, 4, 1, 0, 60, 0x80});       // the inner payload
        Datagram(steps, 0x06, esp);                                 // bytes with the SPI
        Datagram(steps, 0x00, {0, 0, 0, 0, 1});                     // esp: a zero SPI
        Write("esp-data-plane", natt ? "natt" : "esp", steps);
    }
}

/**
 * \param type a DTLS record's content type \param epoch its epoch \param seq its sequence
 * number \param body its fragment \return the record
 */
Bytes
DtlsRecord(uint8_t type, uint16_t epoch, uint64_t seq, Ptr<Packet> body)
{
    Ptr<Packet> p = body->Copy();
    p->AddHeader(DtlsRecordHeader(type, epoch, seq, p->GetSize()));
    return Of(p);
}

/**
 * \param type a CSTP type \param size its payload's size \return a protected DTLS record
 * carrying them, as DtlsChannel::SendCstp() makes it
 */
Bytes
DtlsCstp(uint8_t type, uint32_t size, uint64_t seq)
{
    Ptr<Packet> plain = Create<Packet>(&type, 1);
    plain->AddAtEnd(Filler(size));
    return DtlsRecord(TlsRecordHeader::APPLICATION_DATA, 1, seq, TlsRecordLayer::SealGcm(plain));
}

void
Dtls()
{
    // Flags: bits 0-1 the source socket, bit 2 to the client, bits 3-7 seconds to wait first.
    uint8_t a[TlsHandshake::SESSION_ID_SIZE];
    uint8_t unknown[TlsHandshake::SESSION_ID_SIZE];
    std::fill(a, a + sizeof(a), 0xa5); // the harness's session A
    std::fill(unknown, unknown + sizeof(unknown), 0x01);
    const uint8_t ccs = 1;
    const Bytes helloA =
        DtlsRecord(TlsRecordHeader::HANDSHAKE, 0, 0, TlsHandshake::Hello(true, false, true, a, 0));
    const Bytes helloUnknown = DtlsRecord(TlsRecordHeader::HANDSHAKE,
                                          0,
                                          0,
                                          TlsHandshake::Hello(true, false, true, unknown, 0));
    const Bytes finish =
        Cat(DtlsRecord(TlsRecordHeader::CHANGE_CIPHER_SPEC, 0, 1, Create<Packet>(&ccs, 1)),
            DtlsRecord(TlsRecordHeader::HANDSHAKE,
                       1,
                       2,
                       TlsRecordLayer::SealGcm(TlsHandshake::Message(TlsHandshake::FINISHED, 24))));
    const uint8_t none[TlsHandshake::SESSION_ID_SIZE] = {};
    const Bytes serverFlight = Cat(DtlsRecord(TlsRecordHeader::HANDSHAKE,
                                              0,
                                              0,
                                              TlsHandshake::Hello(false, false, true, none, 0)),
                                   finish);

    // A new client from port 40000: ClientHello for session A, its Finished, CSTP data and a
    // DPD request; a ClientHello naming no session; the client's own port gets CSTP and DPD.
    Bytes headend{0};
    Datagram(headend, 0x00, helloA);
    Datagram(headend, 0x00, finish);
    Datagram(headend, 0x00, DtlsCstp(CstpHeader::DATA, 40, 3));
    Datagram(headend, 0x00, Cat(DtlsCstp(CstpHeader::DPD_REQUEST, 0, 4), DtlsCstp(0, 20, 5)));
    Datagram(headend, 0x01, helloUnknown);
    Datagram(headend, 0x01, DtlsCstp(CstpHeader::DATA, 40, 6)); // a source nobody named
    Write("dtls-channel", "headend", headend);

    Bytes withClient{1 | 2}; // a client, and session B closed
    Datagram(withClient, 0x04, DtlsCstp(CstpHeader::DATA, 60, 3));
    Datagram(withClient, 0x04, serverFlight); // a late resumption flight
    Datagram(withClient, 0x00 | (31 << 3), DtlsCstp(CstpHeader::DPD_RESPONSE, 0, 7));
    Datagram(withClient, 0x02, helloA); // session A moves to port 40002
    Datagram(withClient, 0x04 | (31 << 3), DtlsCstp(CstpHeader::DATA, 10, 8));
    Write("dtls-channel", "client", withClient);
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: make-corpus DIR\n";
        return 2;
    }
    g_dir = argv[1];
    mkdir(g_dir.c_str(), 0755);
    Esp();
    ReplayWindow();
    Ctcp();
    Cstp();
    Ike();
    Streams();
    UdpEncap();
    EspInbound();
    Dtls();
    return 0;
}
