/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_FUZZ_COMMON_H
#define VPN_FUZZ_COMMON_H

#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

/**
 * \file
 * \ingroup vpn
 * What every harness of fuzz/ shares: a packet made of the input's bytes, the packet's bytes
 * back, and a check that reports a broken invariant as a crash (abort), so that libFuzzer saves
 * the input. NS_ASSERT is on in this build (NS3_ASSERT_ENABLE): a parser that reads past a
 * buffer's end trips Buffer::Iterator's own assert.
 */

namespace ns3
{
namespace fuzz
{

/**
 * \param data the bytes
 * \param size how many
 * \return a packet holding exactly those bytes
 */
inline Ptr<Packet>
MakePacket(const uint8_t* data, size_t size)
{
    return Create<Packet>(data, static_cast<uint32_t>(size));
}

/**
 * \param p a packet
 * \return its bytes
 */
inline std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/**
 * Print a header or trailer the way ns-3's Packet::Print would: exercises Print() on every
 * value a parser can produce.
 * \param chunk the header or trailer
 */
template <typename Chunk>
inline void
PrintTo(const Chunk& chunk)
{
    std::ostringstream os;
    chunk.Print(os);
}

/**
 * Reads an input front to back: the layout the corpus generator (make-corpus.cc) writes. Past
 * the end every read gives zero bytes.
 */
class Reader
{
  public:
    /**
     * \param data the input
     * \param size its length
     */
    Reader(const uint8_t* data, size_t size)
        : m_data(data),
          m_size(size)
    {
    }

    /** \return true while bytes remain */
    bool HasMore() const
    {
        return m_offset < m_size;
    }

    /** \return the next byte (0 past the end) */
    uint8_t U8()
    {
        return m_offset < m_size ? m_data[m_offset++] : 0;
    }

    /** \return the next two bytes, big-endian */
    uint16_t U16()
    {
        const uint16_t high = U8();
        return static_cast<uint16_t>((high << 8) | U8());
    }

    /** \return the next four bytes, big-endian */
    uint32_t U32()
    {
        const uint32_t high = U16();
        return (high << 16) | U16();
    }

    /**
     * \param n bytes wanted
     * \return the next n bytes, or fewer at the end
     */
    std::vector<uint8_t> Take(size_t n)
    {
        n = std::min(n, m_size - m_offset);
        std::vector<uint8_t> bytes(m_data + m_offset, m_data + m_offset + n);
        m_offset += n;
        return bytes;
    }

    /**
     * A packet whose length (two bytes, big-endian, at most \p max) comes first.
     * \param max the longest packet
     * \return the packet
     */
    Ptr<Packet> LengthPrefixed(uint16_t max)
    {
        const std::vector<uint8_t> bytes = Take(U16() % (uint32_t(max) + 1));
        return Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    }

  private:
    const uint8_t* m_data; //!< the input
    size_t m_size;         //!< its length
    size_t m_offset{0};    //!< bytes read
};

/**
 * One node with the internet stack and only its loopback interface (127.0.0.1), and a few UDP
 * sockets on it that send to the node itself: the harnesses of receive paths that read from a
 * UDP socket (udp-encap-carrier, dtls-channel) hand their datagrams in through these, so that
 * the code under test reads them from a real ns-3 socket, source address and port included,
 * with no seam in the model. Each source socket counts what it receives (a receive path's
 * answers). Build one per harness, once (a static): ns-3's stack costs more than an input.
 */
class LoopbackNode
{
  public:
    /** The first source socket's port; source k sends from FIRST_SOURCE_PORT + k. */
    static constexpr uint16_t FIRST_SOURCE_PORT = 40000;

    /**
     * \param sources how many source sockets
     */
    explicit LoopbackNode(uint32_t sources)
        : m_node(CreateObject<Node>()),
          m_received(sources, 0)
    {
        InternetStackHelper().Install(m_node);
        for (uint32_t k = 0; k < sources; ++k)
        {
            Ptr<Socket> s = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Address(), SourcePort(k)));
            s->SetRecvCallback(Callback<void, Ptr<Socket>>([this, k](Ptr<Socket> socket) {
                while (socket->Recv())
                {
                    ++m_received[k];
                }
            }));
            m_sources.push_back(s);
        }
    }

    /** Dispose of the node: its stack frees the sockets it keeps (all it ever made). */
    ~LoopbackNode()
    {
        m_sources.clear();
        m_node->Dispose();
    }

    LoopbackNode(const LoopbackNode&) = delete;
    LoopbackNode& operator=(const LoopbackNode&) = delete;

    /** \return the node */
    Ptr<Node> GetNode() const
    {
        return m_node;
    }

    /** \return its address, 127.0.0.1 */
    static Ipv4Address Address()
    {
        return Ipv4Address::GetLoopback();
    }

    /**
     * \param source a source socket's index
     * \return its port
     */
    static uint16_t SourcePort(uint32_t source)
    {
        return static_cast<uint16_t>(FIRST_SOURCE_PORT + source);
    }

    /** \return how many source sockets */
    uint32_t GetSources() const
    {
        return static_cast<uint32_t>(m_sources.size());
    }

    /**
     * \param source a source socket's index
     * \return the datagrams it has received
     */
    uint64_t Received(uint32_t source) const
    {
        return m_received[source];
    }

    /**
     * Send a datagram from a source socket to a port of the node, then run the simulation
     * until it has been read (the loopback device delivers at once).
     * \param source the source socket's index
     * \param port the destination port
     * \param datagram the payload
     */
    void Send(uint32_t source, uint16_t port, Ptr<Packet> datagram)
    {
        m_sources[source]->SendTo(datagram, 0, InetSocketAddress(Address(), port));
        Run(NanoSeconds(1));
    }

    /**
     * Run the simulation for a while (the events due in it happen).
     * \param duration how long
     */
    static void Run(Time duration)
    {
        Simulator::Stop(duration);
        Simulator::Run();
    }

  private:
    Ptr<Node> m_node;                   //!< the node
    std::vector<Ptr<Socket>> m_sources; //!< the source sockets
    std::vector<uint64_t> m_received;   //!< datagrams each source socket received
};

} // namespace fuzz
} // namespace ns3

/** A broken invariant: say which, then abort so that libFuzzer keeps the input. */
#define FUZZ_CHECK(condition)                                                                      \
    do                                                                                             \
    {                                                                                              \
        if (!(condition))                                                                          \
        {                                                                                          \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

#endif /* VPN_FUZZ_COMMON_H */
