/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef STREAM_FRAMER_H
#define STREAM_FRAMER_H

#include "ns3/packet.h"

#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief Cuts a TCP byte stream back into the length-prefixed messages that were written to it.
 *
 * TCP delivers bytes, not messages: one read may hold half a message, or several. Both TCP-based
 * carriers prefix each message with a 16-bit big-endian length in a fixed-size header:
 *
 * - RFC 9329 section 3.1: a 2-byte Length that counts itself, then the message (ESP, or a 4-byte
 *   zero non-ESP marker plus IKE); the initiator first sends the 6-byte stream prefix "IKETCP"
 *   (section 3.3). Rfc9329() gives this format; lengths below 6 or above 65535 are errors.
 * - TLS (RFC 5246 section 6.2; RFC 8446 section 5.1): a 5-byte record header (content type,
 *   version, Length at offset 3) and Length bytes of fragment. TlsRecord() gives this format.
 *
 * Add() appends what a socket returned; Next() returns one whole frame (header included) or
 * nullptr. A length outside [MinLength, MaxLength] or a wrong preamble is a framing error: the
 * framer then refuses everything (the carrier closes the connection, as RFC 9329 section 3.1 and
 * TLS's record_overflow alert require). No input can make it read out of bounds.
 *
 * Frames are cut from the received packets themselves (CreateFragment), so no byte is copied
 * unless a header is peeked.
 */
class StreamFramer
{
  public:
    /** How frames are delimited. */
    struct Format
    {
        uint32_t headerSize;     //!< bytes of the frame header (holds the length field)
        uint32_t lengthOffset;   //!< offset of the 16-bit big-endian length in the header
        bool lengthCountsHeader; //!< the length includes the header (RFC 9329) or not (TLS)
        uint32_t minLength;      //!< smallest length field accepted
        uint32_t maxLength;      //!< largest length field accepted
        std::string preamble;    //!< bytes expected once before the first frame ("" for none)
    };

    /** Why the stream was refused. */
    enum Error
    {
        NONE = 0,         //!< no error
        BAD_PREAMBLE = 1, //!< the stream does not start with the preamble
        TOO_SHORT = 2,    //!< a length field below the minimum
        TOO_LONG = 3      //!< a length field above the maximum
    };

    /**
     * RFC 9329 framing.
     * \param expectPreamble true at the responder, which reads "IKETCP" first
     * \return the format
     */
    static Format Rfc9329(bool expectPreamble);

    /**
     * TLS record framing.
     * \param maxLength the largest record fragment (2^14 + 256 for TLS 1.3, RFC 8446 section
     * 5.2; 2^14 + 2048 for TLS 1.2, RFC 5246 section 6.2.3)
     * \return the format
     */
    static Format TlsRecord(uint32_t maxLength);

    /**
     * \param error an error
     * \return its name ("bad-preamble", "length-too-short", "length-too-long", "none")
     */
    static std::string ErrorName(Error error);

    /** A framer for RFC 9329 without preamble. */
    StreamFramer();

    /** \param format how frames are delimited */
    explicit StreamFramer(const Format& format);

    /**
     * Append bytes read from the stream.
     * \param bytes the bytes (not modified)
     */
    void Add(Ptr<const Packet> bytes);

    /**
     * Take the next whole frame.
     * \return the frame with its header, or nullptr when none is complete or the stream failed
     */
    Ptr<Packet> Next();

    /** \return true once a framing error was found */
    bool IsFailed() const;

    /** \return the framing error (NONE if none) */
    Error GetError() const;

    /** \return bytes buffered that are not yet a whole frame */
    uint32_t GetBuffered() const;

    /** \return frames returned so far */
    uint64_t GetFrames() const;

  private:
    Format m_format;     //!< the framing
    Ptr<Packet> m_bytes; //!< received, not yet framed
    bool m_preambleSeen; //!< the preamble was consumed (or none is expected)
    Error m_error;       //!< first framing error
    uint64_t m_frames;   //!< frames returned
};

} // namespace ns3

#endif /* STREAM_FRAMER_H */
