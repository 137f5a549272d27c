/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "vpn-choice-checker.h"

#include "ns3/string.h"

#include <algorithm>

namespace ns3
{

namespace
{

/// A StringChecker that accepts only the names its function returns.
class VpnChoiceChecker : public StringChecker
{
  public:
    /// \param names returns the accepted names
    explicit VpnChoiceChecker(std::function<std::vector<std::string>()> names)
        : m_names(std::move(names))
    {
    }

    /// \return the accepted names
    std::vector<std::string> Names() const
    {
        return m_names();
    }

    bool Check(const AttributeValue& value) const override
    {
        const auto* s = dynamic_cast<const StringValue*>(&value);
        if (!s)
        {
            return false;
        }
        const std::vector<std::string> names = m_names();
        return std::find(names.begin(), names.end(), s->Get()) != names.end();
    }

    std::string GetValueTypeName() const override
    {
        return "ns3::StringValue";
    }

    bool HasUnderlyingTypeInformation() const override
    {
        return true;
    }

    std::string GetUnderlyingTypeInformation() const override
    {
        std::string out;
        for (const auto& name : m_names())
        {
            out += (out.empty() ? "" : "|") + name;
        }
        return out;
    }

    Ptr<AttributeValue> Create() const override
    {
        return ns3::Create<StringValue>();
    }

    bool Copy(const AttributeValue& source, AttributeValue& destination) const override
    {
        const auto* src = dynamic_cast<const StringValue*>(&source);
        auto* dst = dynamic_cast<StringValue*>(&destination);
        if (!src || !dst)
        {
            return false;
        }
        *dst = *src;
        return true;
    }

  private:
    std::function<std::vector<std::string>()> m_names; //!< the accepted names
};

} // namespace

Ptr<const AttributeChecker>
MakeVpnChoiceChecker(std::function<std::vector<std::string>()> names)
{
    return Create<VpnChoiceChecker>(std::move(names));
}

std::vector<std::string>
GetVpnChoices(Ptr<const AttributeChecker> checker)
{
    const auto* choice = dynamic_cast<const VpnChoiceChecker*>(PeekPointer(checker));
    return choice ? choice->Names() : std::vector<std::string>{};
}

} // namespace ns3
