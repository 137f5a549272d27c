/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: CstpConnect::Parse() (model/carriers/cstp-connect.cc), the HTTP CONNECT request
 * and "200 CONNECTED" answer that open CSTP. Input: a flag byte (bit 0: read as a request, at
 * the headend; else as an answer, at the client), then the HTTP text. Checks: a text accepted
 * starts as it must and names an X-CSTP-Address; a request built by Request() from the parsed
 * address parses back to it.
 */

#include "fuzz-common.h"

#include "ns3/cstp-connect.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    const bool request = (data[0] & 0x01) != 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    CstpConnect::Fields fields;
    if (!CstpConnect::Parse(text, request, fields))
    {
        return 0;
    }
    FUZZ_CHECK(text.rfind(request ? "CONNECT " : "HTTP/1.1 200 ", 0) == 0);
    FUZZ_CHECK(text.find("\r\nX-CSTP-Address: ") != std::string::npos);
    const CstpConnect::SessionId none{};
    FUZZ_CHECK(request ? fields.session == none : fields.dtls || fields.session == none);
    FUZZ_CHECK(request || fields.cookie.empty());
    CstpConnect::Fields again;
    FUZZ_CHECK(
        CstpConnect::Parse(CstpConnect::Request(fields.address, fields.cookie, fields.dtls, 0),
                           true,
                           again));
    FUZZ_CHECK(again.address == fields.address && again.dtls == fields.dtls);
    // A cookie with a line break in it would end its header early; none can come from Parse.
    FUZZ_CHECK(again.cookie == fields.cookie);
    return 0;
}
