/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ESP_SECURITY_ASSOCIATION_H
#define ESP_SECURITY_ASSOCIATION_H

#include "esp-cipher-suite.h"
#include "esp-replay-window.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * \brief One direction of an ESP security association in tunnel mode (RFC 4303): it wraps inner
 * packets into ESP packets (outbound) or checks and unwraps ESP packets (inbound).
 *
 * Outbound, Encapsulate() follows RFC 4303 section 3.3: it takes the next sequence number (the
 * first is 1; a 64-bit counter whose low 32 bits travel, section 2.2.1), puts the IV in front of
 * the inner packet, appends Padding (1, 2, 3, ...), Pad Length, Next Header and a zero ICV of the
 * suite's length (EspTrailer), and prepends SPI and sequence number (EspHeader). Section 3.3.3:
 * "the sender's counter MUST NOT be allowed to cycle"; after SequenceLimit packets the SA refuses
 * to send, counts the refusal and fires SequenceExhausted: the owner must rekey.
 *
 * Inbound, Decapsulate() follows section 3.4: length and alignment (TRUNCATED), SA lookup by SPI
 * (BAD_SPI, section 3.4.2), sequence number verification against the anti-replay window before
 * anything else is done with the packet (REPLAY, TOO_OLD, section 3.4.3; the window is only
 * checked here, not moved), the emulated ICV check (ICV_FAILED, section 3.4.4: the EspSequenceTag
 * must hold the value this SA computes from its key, the SPI, the inferred 64-bit sequence number,
 * the packet's length and (IcvCoversContent, the default) a digest of its bytes, so a copy edited
 * anywhere, another SA's packet, a wrong ESN inference
 * (Appendix A2.2) or, with IcvTagRequired, a packet without the tag fails), then the trailer:
 * padding contents and Pad Length (BAD_PADDING) and Next Header (BAD_NEXT_HEADER; 59 is a dummy
 * packet, discarded as DUMMY per section 2.6). No ICV is computed: the module models sizes, and a
 * packet whose trailer is damaged stands for one that would fail ICV verification, so, as
 * section 3.4.3 demands for those, it does not move the window. A packet that passes everything
 * is recorded in the window (EspReplayWindow::Update) and stripped to the inner packet. A
 * rejected packet is left unchanged, counted by reason (GetDropCount()) and passed to the Drop
 * trace.
 *
 * The emulated ICV key stands for the integrity key IKE derives (RFC 7296 section 2.17): both
 * ends of an SA must hold it and nobody else. The model derives it from the SPI and a constant
 * private to this class's source file: an attacker in the simulation (code that builds packets
 * from bytes, or copies, edits and re-sends packets) cannot produce a valid ICV; code that
 * creates its own EspSecurityAssociation with the victim's SPI holds the keys, by definition. The
 * value costs three 64-bit mixing rounds per packet plus, with IcvCoversContent, a copy of the
 * packet's bytes and one multiply-xorshift round per 8 bytes (no cryptography).
 *
 * Attributes are checked: a bad SPI, suite or window ends the program with one line saying what
 * was wrong and what is accepted. Helpers that want to report the error themselves call
 * Validate() or Configure() instead, which never abort.
 */
class EspSecurityAssociation : public Object
{
  public:
    /** Why Decapsulate() rejected a packet. */
    enum DropReason
    {
        BAD_SPI,         //!< the SPI is not this SA's ("bad-spi")
        TRUNCATED,       //!< shorter than an empty ESP packet, or misaligned ("truncated")
        BAD_PADDING,     //!< padding not 1, 2, 3, ... or longer than the payload ("bad-padding")
        BAD_NEXT_HEADER, //!< Next Header is not 4, 41 or 59 ("bad-next-header")
        REPLAY,          //!< a duplicate inside the window ("replay")
        TOO_OLD,         //!< left of the window, or sequence number 0 ("too-old")
        DUMMY,           //!< a valid dummy packet, Next Header 59, discarded ("dummy")
        ICV_FAILED       //!< the emulated ICV does not verify, see EspSequenceTag ("icv-failed")
    };

    /** Number of DropReason values. */
    static constexpr uint32_t DROP_REASON_COUNT = 8;

    /** Lowest SPI an SA may use: 0 is never sent and 1-255 are reserved (RFC 4303 2.1). */
    static constexpr uint32_t MIN_SPI = 256;

    /**
     * TracedCallback signature for a rejected inbound packet.
     * \param [in] packet the ESP packet, as received
     * \param [in] reason why it was rejected
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);

    /**
     * TracedCallback signature for an outbound packet refused because the sequence space is used
     * up (the SA needs rekeying).
     * \param [in] inner the inner packet that was not sent
     * \param [in] lastSequence the last sequence number sent
     */
    typedef void (*SequenceExhaustedTracedCallback)(Ptr<const Packet> inner, uint64_t lastSequence);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EspSecurityAssociation();
    ~EspSecurityAssociation() override;

    /**
     * \param reason a drop reason
     * \return its kebab-case name, e.g. "too-old"
     */
    static std::string DropReasonName(DropReason reason);

    /**
     * Check an SA's configuration without aborting.
     * \param spi the SPI: 256 or more
     * \param suite a cipher suite name (EspCipherSuite::Names())
     * \param window the replay window: 0, or a multiple of 32 from 32 to 4096
     * \param [out] error on failure, one line: what was wrong and what is accepted
     * \return true when all three are acceptable
     */
    static bool Validate(uint32_t spi,
                         const std::string& suite,
                         uint32_t window,
                         std::string& error);

    /**
     * Validate() and, on success, apply the three settings (the replay window starts empty).
     * \param spi the SPI: 256 or more
     * \param suite a cipher suite name
     * \param window the replay window: 0, or a multiple of 32 from 32 to 4096
     * \param [out] error on failure, one line: what was wrong and what is accepted
     * \return false (SA unchanged) on a bad value
     */
    bool Configure(uint32_t spi, const std::string& suite, uint32_t window, std::string& error);

    /**
     * Wrap an inner packet (RFC 4303 section 3.3).
     * \param inner the inner packet (IP datagram in tunnel mode); not modified
     * \param nextHeader its protocol: 4 (IPv4), 41 (IPv6) or 59 (dummy)
     * \return the ESP packet, or nullptr when the sequence space is exhausted
     */
    Ptr<Packet> Encapsulate(Ptr<const Packet> inner, uint8_t nextHeader);

    /**
     * Check and unwrap an ESP packet (RFC 4303 section 3.4).
     * \param packet the ESP packet; on success stripped to the inner packet, else unchanged
     * \param [out] nextHeader on success, the inner packet's protocol (4 or 41)
     * \param [out] reason on failure, if not null, why it was rejected
     * \return true when the packet was accepted
     */
    bool Decapsulate(Ptr<Packet> packet, uint8_t& nextHeader, DropReason* reason = nullptr);

    /**
     * \param innerLength the inner packet, in bytes
     * \return the bytes this SA adds to it (EspCipherSuite::Overhead())
     */
    uint32_t GetOverhead(uint32_t innerLength) const;

    /** \return the SPI */
    uint32_t GetSpi() const;
    /** \return the cipher suite */
    const EspCipherSuite& GetCipherSuite() const;
    /** \return the replay window size (0: check disabled) */
    uint32_t GetReplayWindowSize() const;
    /**
     * \return true when a packet without an EspSequenceTag fails the ICV check (the
     * IcvTagRequired attribute)
     */
    bool IsIcvTagRequired() const;
    /** \return true with 64-bit (extended) sequence numbers */
    bool IsExtendedSequenceNumbers() const;
    /** \return the modelled per-packet encryption time (the owner applies it) */
    Time GetEncryptDelay() const;
    /** \return the modelled per-packet decryption time (the owner applies it) */
    Time GetDecryptDelay() const;
    /**
     * \return how many packets the SA may send: the SequenceLimit attribute, capped at 2^32-1
     * without ESN and 2^64-1 with it (its default, 0, means exactly those caps)
     */
    uint64_t GetSequenceLimit() const;

    /** \return the last sequence number sent (0 before the first packet) */
    uint64_t GetTxSequenceNumber() const;
    /** \return the highest sequence number accepted inbound (0 before the first packet) */
    uint64_t GetRxHighestSequenceNumber() const;

    /** \return ESP packets sent */
    uint64_t GetTxPackets() const;
    /** \return ESP bytes sent (ESP header to ICV) */
    uint64_t GetTxBytes() const;
    /** \return ESP packets accepted */
    uint64_t GetRxPackets() const;
    /** \return ESP bytes accepted (ESP header to ICV) */
    uint64_t GetRxBytes() const;
    /**
     * \param reason a drop reason
     * \return inbound packets rejected for it
     */
    uint64_t GetDropCount(DropReason reason) const;
    /** \return inbound packets rejected, all reasons */
    uint64_t GetTotalDropCount() const;
    /** \return outbound packets refused because the sequence space was exhausted */
    uint64_t GetSequenceExhaustedCount() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * Attribute setter; aborts with the Validate() message on a bad SPI.
     * \param spi the SPI
     */
    void SetSpiAttribute(uint32_t spi);
    /**
     * Attribute setter; aborts with the Validate() message on an unknown name.
     * \param name the cipher suite name
     */
    void SetCipherSuiteAttribute(const std::string& name);
    /** \return the cipher suite name, for the attribute */
    std::string GetCipherSuiteName() const;
    /**
     * Attribute setter; aborts with the Validate() message on a bad size.
     * \param size the replay window size
     */
    void SetReplayWindowAttribute(uint32_t size);
    /**
     * Attribute setter.
     * \param enable 64-bit sequence numbers
     */
    void SetExtendedSequenceNumbersAttribute(bool enable);

    /**
     * Count and trace a rejected inbound packet.
     * \param packet the ESP packet
     * \param reason why
     * \param [out] out if not null, set to reason
     * \return false, for the caller to return
     */
    bool Drop(Ptr<const Packet> packet, DropReason reason, DropReason* out);

    /**
     * The emulated ICV (see EspSequenceTag): a 64-bit value of the key, the SPI, the full
     * sequence number, the ESP packet's length and, with IcvCoversContent, its bytes.
     * \param seq the full 64-bit sequence number
     * \param packet the ESP packet, ESP header to ICV
     * \return the value
     */
    uint64_t ComputeIcv(uint64_t seq, Ptr<const Packet> packet) const;

    /** Derive m_icvKey from the SPI (called whenever the SPI changes). */
    void DeriveIcvKey();

    uint32_t m_spi;            //!< Security Parameters Index
    EspCipherSuite m_suite;    //!< IV, block and ICV sizes
    EspReplayWindow m_replay;  //!< inbound anti-replay window
    bool m_esn;                //!< extended (64-bit) sequence numbers
    bool m_icvTagRequired;     //!< an untagged packet fails the ICV check
    bool m_icvCoversContent;   //!< the emulated ICV covers the packet's bytes
    uint64_t m_icvKey;         //!< the emulated ICV key (stands for IKE's SK_a)
    Time m_encryptDelay;       //!< modelled encryption time per packet
    Time m_decryptDelay;       //!< modelled decryption time per packet
    uint64_t m_sequenceLimit;  //!< SequenceLimit attribute (0: the RFC maximum)
    uint64_t m_txSequence;     //!< last sequence number sent (RFC 4303 2.2 sender counter)
    uint64_t m_txPackets;      //!< ESP packets sent
    uint64_t m_txBytes;        //!< ESP bytes sent
    uint64_t m_rxPackets;      //!< ESP packets accepted
    uint64_t m_rxBytes;        //!< ESP bytes accepted
    uint64_t m_exhaustedCount; //!< outbound packets refused, sequence space exhausted
    std::array<uint64_t, DROP_REASON_COUNT> m_drops; //!< inbound rejections by DropReason

    TracedCallback<Ptr<const Packet>> m_txTrace;                  //!< ESP packet sent
    TracedCallback<Ptr<const Packet>> m_rxTrace;                  //!< ESP packet accepted
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace;    //!< inbound rejection
    TracedCallback<Ptr<const Packet>, uint64_t> m_exhaustedTrace; //!< rekey needed
};

} // namespace ns3

#endif /* ESP_SECURITY_ASSOCIATION_H */
