/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: Ikev1Message (model/tunnel/ikev1-message.cc), a received IKEv1 (ISAKMP) message
 * as the IKEv1 control plane reads it: IsWellFormed(), then, only when it holds, RemoveHeader().
 * Input: a UDP payload. Checks: a well-formed message is read whole (the packet is empty after),
 * its fields are the input's, and the message rebuilt from those fields is well formed and reads
 * back the same.
 */

#include "fuzz-common.h"

#include "ns3/ikev1-message.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = fuzz::MakePacket(data, size);
    if (!Ikev1Message::IsWellFormed(p))
    {
        return 0;
    }
    Ikev1Message m;
    FUZZ_CHECK(p->RemoveHeader(m) == size);
    FUZZ_CHECK(p->GetSize() == 0);
    fuzz::PrintTo(m);
    FUZZ_CHECK(m.GetMessageSize() == size);
    FUZZ_CHECK(m.GetExchangeType() == data[18] && m.GetFlags() == data[19]);
    FUZZ_CHECK(m.IsEncrypted() == ((data[19] & Ikev1Message::FLAG_ENCRYPTION) != 0));

    Ikev1Message copy;
    copy.SetInitiatorCookie(m.GetInitiatorCookie());
    copy.SetResponderCookie(m.GetResponderCookie());
    copy.SetExchangeType(static_cast<Ikev1Message::ExchangeType>(m.GetExchangeType()));
    copy.SetFlags(m.GetFlags());
    copy.SetMessageId(m.GetMessageId());
    copy.SetKind(m.GetKind());
    copy.SetValue(m.GetValue());
    copy.SetInnerAddress(m.GetInnerAddress());
    copy.SetMessageSize(m.GetMessageSize());
    Ptr<Packet> again = Create<Packet>();
    again->AddHeader(copy);
    FUZZ_CHECK(again->GetSize() == size);
    FUZZ_CHECK(Ikev1Message::IsWellFormed(again));
    Ikev1Message back;
    again->RemoveHeader(back);
    FUZZ_CHECK(back.GetInitiatorCookie() == m.GetInitiatorCookie() &&
               back.GetResponderCookie() == m.GetResponderCookie() &&
               back.GetMessageId() == m.GetMessageId() && back.GetKind() == m.GetKind() &&
               back.GetValue() == m.GetValue() && back.GetInnerAddress() == m.GetInnerAddress());
    return 0;
}
