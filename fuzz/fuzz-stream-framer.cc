/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: StreamFramer (model/carriers/stream-framer.cc), which cuts a TCP byte stream into
 * RFC 9329 frames (2-byte length counting itself, optional "IKETCP" preamble) or TLS records
 * (5-byte header, length at offset 3), against a reference framer that reads the whole stream at
 * once. Input: a format byte (bits 0-1: RFC 9329 without preamble, RFC 9329 with it, TLS 1.2 with
 * 2^14 + 2048, TLS 1.3 with 2^14 + 256), then the stream in reads of any size, each behind a
 * 2-byte big-endian length (at most 4096): after each read the framer is drained with Next().
 * Checks: the frames, their bytes and order, the framing error and the bytes left buffered are
 * the reference's, however the stream was cut into reads.
 */

#include "fuzz-common.h"

#include "ns3/stream-framer.h"

using namespace ns3;

namespace
{

/** The reference: frames, error and leftover of a whole stream. */
struct Expected
{
    std::vector<std::vector<uint8_t>> frames;      //!< whole frames, header included
    StreamFramer::Error error{StreamFramer::NONE}; //!< the first framing error
    uint32_t buffered{0};                          //!< bytes left that are not a frame
};

/**
 * \param f the format \param s the whole stream
 * \return what a framer must make of it
 */
Expected
Reference(const StreamFramer::Format& f, const std::vector<uint8_t>& s)
{
    Expected e;
    size_t at = 0;
    if (!f.preamble.empty())
    {
        const size_t have = std::min(s.size(), f.preamble.size());
        if (!std::equal(s.begin(), s.begin() + have, f.preamble.begin()))
        {
            e.error = StreamFramer::BAD_PREAMBLE;
            return e;
        }
        if (have < f.preamble.size())
        {
            e.buffered = have;
            return e;
        }
        at = have;
    }
    while (s.size() - at >= f.headerSize)
    {
        const uint32_t length =
            (uint32_t(s[at + f.lengthOffset]) << 8) | s[at + f.lengthOffset + 1];
        if (length < f.minLength || (f.lengthCountsHeader && length < f.headerSize))
        {
            e.error = StreamFramer::TOO_SHORT;
            return e;
        }
        if (length > f.maxLength)
        {
            e.error = StreamFramer::TOO_LONG;
            return e;
        }
        const size_t frame = f.lengthCountsHeader ? length : f.headerSize + length;
        if (s.size() - at < frame)
        {
            break;
        }
        e.frames.emplace_back(s.begin() + at, s.begin() + at + frame);
        at += frame;
    }
    e.buffered = s.size() - at;
    return e;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Reader in(data, size);
    StreamFramer::Format format;
    switch (in.U8() & 0x03)
    {
    case 0:
        format = StreamFramer::Rfc9329(false);
        break;
    case 1:
        format = StreamFramer::Rfc9329(true);
        break;
    case 2:
        format = StreamFramer::TlsRecord((1U << 14) + 2048);
        break;
    default:
        format = StreamFramer::TlsRecord((1U << 14) + 256);
        break;
    }
    StreamFramer framer(format);
    std::vector<uint8_t> stream;
    std::vector<std::vector<uint8_t>> frames;
    bool accepting = true;
    while (in.HasMore())
    {
        Ptr<Packet> read = in.LengthPrefixed(4096);
        if (accepting)
        {
            // After a framing error the carrier closes the connection: what follows is not part
            // of the stream the reference sees.
            const std::vector<uint8_t> bytes = fuzz::Bytes(read);
            stream.insert(stream.end(), bytes.begin(), bytes.end());
        }
        framer.Add(read);
        while (Ptr<Packet> frame = framer.Next())
        {
            frames.push_back(fuzz::Bytes(frame));
        }
        accepting = !framer.IsFailed();
    }
    const Expected expected = Reference(format, stream);
    FUZZ_CHECK(frames == expected.frames);
    FUZZ_CHECK(framer.GetFrames() == frames.size());
    FUZZ_CHECK(framer.GetError() == expected.error);
    FUZZ_CHECK(framer.IsFailed() == (expected.error != StreamFramer::NONE));
    if (!framer.IsFailed())
    {
        FUZZ_CHECK(framer.GetBuffered() == expected.buffered);
    }
    return 0;
}
