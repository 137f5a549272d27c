/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "esp-attribute-checker.h"

#include "esp-cipher-suite.h"
#include "esp-replay-window.h"

#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <functional>
#include <string>

namespace ns3
{

namespace
{

/**
 * \ingroup vpn
 * An ns-3 checker that adds a domain rule to a base checker: the value must pass both. The
 * attribute system and VpnHelper's fail-safe setters then refuse a bad value when it is set,
 * through AttributeChecker::CreateValidValue, instead of when the value is first used.
 */
class RuleChecker : public AttributeChecker
{
  public:
    /**
     * \param base the type's own checker
     * \param rule the extra rule
     * \param accepted what is accepted, in words
     */
    RuleChecker(Ptr<const AttributeChecker> base,
                std::function<bool(const AttributeValue&)> rule,
                std::string accepted)
        : m_base(base),
          m_rule(std::move(rule)),
          m_accepted(std::move(accepted))
    {
    }

    bool Check(const AttributeValue& value) const override
    {
        return m_base->Check(value) && m_rule(value);
    }

    std::string GetValueTypeName() const override
    {
        return m_base->GetValueTypeName();
    }

    bool HasUnderlyingTypeInformation() const override
    {
        return true;
    }

    std::string GetUnderlyingTypeInformation() const override
    {
        return m_accepted;
    }

    Ptr<AttributeValue> Create() const override
    {
        return m_base->Create();
    }

    bool Copy(const AttributeValue& source, AttributeValue& destination) const override
    {
        return m_base->Copy(source, destination);
    }

  private:
    Ptr<const AttributeChecker> m_base;                //!< the type's own checker
    std::function<bool(const AttributeValue&)> m_rule; //!< the extra rule
    std::string m_accepted;                            //!< what is accepted, in words
};

} // namespace

Ptr<const AttributeChecker>
MakeEspCipherSuiteChecker()
{
    std::string names;
    for (const auto& name : EspCipherSuite::Names())
    {
        names += (names.empty() ? "" : "|") + name;
    }
    return Create<RuleChecker>(
        MakeStringChecker(),
        [](const AttributeValue& value) {
            const auto* text = dynamic_cast<const StringValue*>(&value);
            EspCipherSuite suite;
            std::string error;
            return text && EspCipherSuite::Lookup(text->Get(), suite, error);
        },
        "one of " + names);
}

Ptr<const AttributeChecker>
MakeEspReplayWindowChecker()
{
    return Create<RuleChecker>(
        MakeUintegerChecker<uint32_t>(),
        [](const AttributeValue& value) {
            const auto* size = dynamic_cast<const UintegerValue*>(&value);
            std::string error;
            return size && size->Get() <= 0xffffffffULL &&
                   EspReplayWindow::IsValidSize(static_cast<uint32_t>(size->Get()), error);
        },
        "0 (no anti-replay check), or a multiple of 32 from 32 to 4096");
}

} // namespace ns3
