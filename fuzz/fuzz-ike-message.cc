/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: IkeMessage (model/tunnel/ike-message.cc), a received IKEv2 message as the control
 * plane reads it: IsWellFormed(), then, only when it holds, RemoveHeader(). Input: a UDP payload
 * (or a TCP frame's message). Checks: a well-formed message is read whole (the packet is empty
 * after), its fields are the input's, and the message rebuilt from those fields is well formed
 * and reads back the same.
 */

#include "fuzz-common.h"

#include "ns3/ike-message.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    if (!IkeMessage::IsWellFormed(p))
    {
        return 0;
    }
    IkeMessage m;
    FUZZ_CHECK(p->RemoveHeader(m) == size);
    FUZZ_CHECK(p->GetSize() == 0);
    fuzz::PrintTo(m);
    FUZZ_CHECK(m.GetMessageSize() == size);
    FUZZ_CHECK(m.GetVersion() == 0x20);
    FUZZ_CHECK(m.GetExchangeType() == data[18] && m.GetFlags() == data[19]);

    IkeMessage copy;
    copy.SetInitiatorSpi(m.GetInitiatorSpi());
    copy.SetResponderSpi(m.GetResponderSpi());
    copy.SetExchangeType(static_cast<IkeMessage::ExchangeType>(m.GetExchangeType()));
    copy.SetFlags(m.GetFlags());
    copy.SetMessageId(m.GetMessageId());
    copy.SetEspSpi(m.GetEspSpi());
    copy.SetInnerAddress(m.GetInnerAddress());
    copy.SetMessageSize(m.GetMessageSize());
    Ptr<Packet> again = Create<Packet>();
    again->AddHeader(copy);
    FUZZ_CHECK(again->GetSize() == size);
    FUZZ_CHECK(IkeMessage::IsWellFormed(again));
    IkeMessage back;
    again->RemoveHeader(back);
    FUZZ_CHECK(back.GetInitiatorSpi() == m.GetInitiatorSpi() &&
               back.GetResponderSpi() == m.GetResponderSpi() &&
               back.GetMessageId() == m.GetMessageId() && back.GetEspSpi() == m.GetEspSpi() &&
               back.GetInnerAddress() == m.GetInnerAddress());
    return 0;
}
