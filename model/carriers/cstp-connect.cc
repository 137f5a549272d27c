/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cstp-connect.h"

#include <cstdlib>
#include <sstream>

namespace ns3
{

namespace
{
/**
 * \param address an address
 * \return it in dotted form
 */
std::string
Dotted(Ipv4Address address)
{
    std::ostringstream text;
    address.Print(text);
    return text.str();
}
} // namespace

std::string
CstpConnect::Hex(const SessionId& bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t b : bytes)
    {
        text += digits[b >> 4];
        text += digits[b & 0x0f];
    }
    return text;
}

std::string
CstpConnect::Request(Ipv4Address address, const std::string& cookie, bool dtls, uint32_t size)
{
    // Header order as OpenConnect's start_cstp_connection writes it: Host, User-Agent, Cookie,
    // X-CSTP-Version.
    std::string head = "CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\nHost: vpn\r\n"
                       "User-Agent: Cisco AnyConnect VPN Agent\r\n";
    if (!cookie.empty())
    {
        head += "Cookie: webvpn=" + cookie + "\r\n";
    }
    head += "X-CSTP-Version: 1\r\nX-CSTP-Address: " + Dotted(address) + "\r\n";
    if (dtls)
    {
        head += "X-DTLS-Master-Secret: " + std::string(96, '0') +
                "\r\nX-DTLS-CipherSuite: ECDHE-RSA-AES256-GCM-SHA384\r\n";
    }
    return Pad(head, size);
}

std::string
CstpConnect::Response(Ipv4Address address,
                      Time dpd,
                      Time keepalive,
                      bool dtls,
                      const SessionId& session,
                      uint16_t dtlsPort,
                      Time dtlsDpd,
                      uint32_t size)
{
    std::string head =
        "HTTP/1.1 200 CONNECTED\r\nX-CSTP-Version: 1\r\nX-CSTP-Address: " + Dotted(address) +
        "\r\nX-CSTP-DPD: " + std::to_string(uint64_t(dpd.GetSeconds())) +
        "\r\nX-CSTP-Keepalive: " + std::to_string(uint64_t(keepalive.GetSeconds())) + "\r\n";
    if (dtls)
    {
        head += "X-DTLS-Session-ID: " + Hex(session) +
                "\r\nX-DTLS-Port: " + std::to_string(dtlsPort) +
                "\r\nX-DTLS-DPD: " + std::to_string(uint64_t(dtlsDpd.GetSeconds())) + "\r\n";
    }
    return Pad(head, size);
}

bool
CstpConnect::Parse(const std::string& text, bool request, Fields& fields)
{
    const bool expected = text.rfind(request ? "CONNECT " : "HTTP/1.1 200 ", 0) == 0;
    const std::string value = HeaderValue(text, "X-CSTP-Address");
    if (!expected || value.empty())
    {
        return false;
    }
    fields.address.Set(value.c_str());
    fields.session.fill(0);
    fields.cookie.clear();
    if (request)
    {
        fields.dtls = !HeaderValue(text, "X-DTLS-Master-Secret").empty();
        const std::string cookie = HeaderValue(text, "Cookie");
        const std::string name = "webvpn=";
        if (cookie.rfind(name, 0) == 0)
        {
            fields.cookie = cookie.substr(name.size());
        }
        return true;
    }
    // OpenConnect's cstp.c takes X-DTLS-Session-ID only as exactly 64 hex digits.
    const std::string session = HeaderValue(text, "X-DTLS-Session-ID");
    fields.dtls = session.size() == 2 * SESSION_ID_SIZE &&
                  session.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    if (fields.dtls)
    {
        for (uint32_t i = 0; i < SESSION_ID_SIZE; ++i)
        {
            fields.session[i] =
                uint8_t(std::strtoul(session.substr(2 * i, 2).c_str(), nullptr, 16));
        }
    }
    return true;
}

std::string
CstpConnect::HeaderValue(const std::string& text, const std::string& name)
{
    const std::string key = "\r\n" + name + ": ";
    const size_t at = text.find(key);
    if (at == std::string::npos)
    {
        return "";
    }
    const size_t start = at + key.size();
    const size_t end = text.find("\r\n", start);
    return end == std::string::npos ? "" : text.substr(start, end - start);
}

std::string
CstpConnect::Pad(std::string head, uint32_t target)
{
    const std::string padName = "X-CSTP-Pad: ";
    const uint32_t fixed = head.size() + padName.size() + 2 + 2;
    if (target > fixed)
    {
        head += padName + std::string(target - fixed, 'x') + "\r\n";
    }
    return head + "\r\n";
}

} // namespace ns3
