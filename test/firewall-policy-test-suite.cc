/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The firewall policy parser and the helper's checked setters: bad input is refused with one
 * line that names the value and what is accepted; good input matches in order.
 */

#include "ns3/boolean.h"
#include "ns3/test.h"
#include "ns3/vpn-module.h"

using namespace ns3;

/**
 * \ingroup vpn
 * Bad values are refused with a clear message, never an abort.
 */
class FirewallPolicyBadInputTestCase : public TestCase
{
  public:
    FirewallPolicyBadInputTestCase()
        : TestCase("queue-limit 251, timeout 0 or 21 s, an unknown action are refused clearly")
    {
    }

  private:
    /**
     * Expect a class to be refused with a message containing \p needle.
     * \param spec the class \param needle part of the expected message
     */
    void Refused(const std::string& spec, const std::string& needle)
    {
        FirewallPolicy policy;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(policy.AddClass(spec, error), false, spec);
        NS_TEST_ASSERT_MSG_NE(error.find(needle), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(policy.GetClasses().size(), 0, "nothing added");
    }

    void DoRun() override
    {
        Refused("proto=tcp action=inspect queue-limit=251",
                "queue-limit=251: out of range; accepted 0-250");
        Refused("proto=tcp action=inspect timeout=0", "timeout=0: out of range; accepted 1-20");
        Refused("proto=tcp action=inspect timeout=21", "timeout=21: out of range; accepted 1-20");
        Refused("proto=tcp action=allow",
                "action=allow: unknown action; accepted: inspect, stateful, bypass, proxy, deny");
        Refused("proto=udp dport=443 action=deny enabled=maybe",
                "enabled=maybe: accepted: yes or no");
        Refused("proto=tcp", "no action=");
        Refused("proto=gre action=inspect", "unknown protocol");
        Refused("proto=tcp dport=70000 action=inspect", "bad port");
        Refused("proto=tcp dst=10.0.0/8 action=inspect", "bad address");
        // Four dotted numbers that are no address: refused, where ns-3.47's Ipv4Address aborts.
        Refused("proto=tcp dst=10.300.0.0/16 action=inspect", "bad address");
        Refused("proto=tcp src=10..0.1 action=inspect", "bad address");
        Refused("proto=udp action=proxy", "proxy needs proto=tcp");
        Refused("proto=tcp colour=red action=inspect", "'colour': unknown key");

        FirewallHelper helper;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(helper.SetQueueLimit(251, error), false, "251");
        NS_TEST_ASSERT_MSG_NE(error.find("accepted 0-250"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetTimeout(Seconds(0), error), false, "0 s");
        NS_TEST_ASSERT_MSG_NE(error.find("accepted 1-20 seconds"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetTimeout(Seconds(21), error), false, "21 s");
        NS_TEST_ASSERT_MSG_EQ(helper.SetDefaultAction("allow", error), false, "allow");
        NS_TEST_ASSERT_MSG_NE(error.find("unknown action"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetDefaultAction("deny", error), false, "deny");
        NS_TEST_ASSERT_MSG_NE(error.find("default action deny: refused"), std::string::npos, error);
        NS_TEST_ASSERT_MSG_EQ(helper.AddClass("action=inspect queue-limit=251", error),
                              false,
                              "the helper checks classes too");
        // The limits themselves are accepted.
        NS_TEST_ASSERT_MSG_EQ(helper.SetQueueLimit(250, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetQueueLimit(0, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetTimeout(Seconds(1), error), true, error);
        NS_TEST_ASSERT_MSG_EQ(helper.SetTimeout(Seconds(20), error), true, error);
    }
};

/**
 * \ingroup vpn
 * Classes match in order on protocol, prefixes and port ranges.
 */
class FirewallPolicyMatchTestCase : public TestCase
{
  public:
    FirewallPolicyMatchTestCase()
        : TestCase("classes match in order on protocol, addresses and ports")
    {
    }

  private:
    void DoRun() override
    {
        FirewallPolicy policy;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            policy.AddClass("name=ctcp proto=tcp dst=10.2.0.0/16 dport=10000 action=inspect "
                            "queue-limit=3 timeout=4",
                            error),
            true,
            error);
        NS_TEST_ASSERT_MSG_EQ(
            policy.AddClass("name=web proto=tcp dport=80-443 action=proxy", error),
            true,
            error);
        NS_TEST_ASSERT_MSG_EQ(policy.AddClass("name=rest action=bypass", error), true, error);
        const Ipv4Address a("10.1.0.1");
        const FirewallClass* c = policy.Match(6, a, Ipv4Address("10.2.3.4"), 40000, 10000);
        NS_TEST_ASSERT_MSG_EQ((c && c->name == "ctcp"), true, "first class");
        NS_TEST_ASSERT_MSG_EQ((c && c->queueLimit == 3 && c->timeout == Seconds(4)),
                              true,
                              "its options");
        c = policy.Match(6, a, Ipv4Address("10.3.0.1"), 40000, 10000);
        NS_TEST_ASSERT_MSG_EQ((c && c->name == "rest"), true, "other network: falls through");
        c = policy.Match(6, a, Ipv4Address("10.3.0.1"), 40000, 443);
        NS_TEST_ASSERT_MSG_EQ((c && c->action == FirewallAction::PROXY), true, "port range");
        c = policy.Match(17, a, Ipv4Address("10.2.3.4"), 40000, 10000);
        NS_TEST_ASSERT_MSG_EQ((c && c->name == "rest"), true, "UDP is not ctcp");
    }
};

/**
 * \ingroup vpn
 * The DupAcks and DupAckSack attributes reach the firewall's inspector, which sends the dup ACKs
 * (the getters read the inspector's settings back): defaults true and false, as documented, and
 * each set value is the one the inspector holds.
 */
class FirewallDupAckAttributesTestCase : public TestCase
{
  public:
    FirewallDupAckAttributesTestCase()
        : TestCase("DupAcks and DupAckSack reach the TCP inspector")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<StatefulFirewall> firewall = CreateObject<StatefulFirewall>();
        BooleanValue value;
        firewall->GetAttribute("DupAcks", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), true, "DupAcks defaults to true");
        firewall->GetAttribute("DupAckSack", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), false, "DupAckSack defaults to false");
        firewall->SetAttribute("DupAcks", BooleanValue(false));
        firewall->SetAttribute("DupAckSack", BooleanValue(true));
        firewall->GetAttribute("DupAcks", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), false, "DupAcks set to false");
        firewall->GetAttribute("DupAckSack", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), true, "DupAckSack set to true");
        firewall->Dispose();
    }
};

/**
 * \ingroup vpn
 * `action=deny` parses (an access-list deny entry), `enabled=no` makes a class match nothing, and
 * classes are switched by name: all classes of one name together, an unknown name refused.
 */
class FirewallPolicyDenyTestCase : public TestCase
{
  public:
    FirewallPolicyDenyTestCase()
        : TestCase("action=deny parses; classes switch on and off by name, unknown names refused")
    {
    }

  private:
    /**
     * \param fw a firewall
     * \return whether its first class is enabled (false when it has none)
     */
    static bool FirstEnabled(Ptr<StatefulFirewall> fw)
    {
        const auto& classes = fw->GetPolicy().GetClasses();
        return !classes.empty() && classes[0].enabled;
    }

    void DoRun() override
    {
        FirewallClass c;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            FirewallPolicy::ParseClass("name=block-dtls proto=udp dport=443 action=deny", c, error),
            true,
            error);
        NS_TEST_ASSERT_MSG_EQ((c.action == FirewallAction::DENY), true, "action=deny");
        NS_TEST_ASSERT_MSG_EQ(FirewallActionName(c.action), "deny", "its name");
        NS_TEST_ASSERT_MSG_EQ(c.name, "block-dtls", "name");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(c.protocol), 17, "udp");
        NS_TEST_ASSERT_MSG_EQ(c.destinationPortLow, 443, "dport low");
        NS_TEST_ASSERT_MSG_EQ(c.destinationPortHigh, 443, "dport high");
        NS_TEST_ASSERT_MSG_EQ(c.enabled, true, "enabled by default");

        FirewallPolicy policy;
        NS_TEST_ASSERT_MSG_EQ(
            policy.AddClass("name=block-dtls proto=udp dport=443 action=deny enabled=no", error),
            true,
            error);
        NS_TEST_ASSERT_MSG_EQ(
            policy.AddClass("name=block-dtls proto=udp sport=443 action=deny enabled=no", error),
            true,
            error);
        const Ipv4Address a("10.1.0.1");
        const Ipv4Address b("10.2.0.1");
        NS_TEST_ASSERT_MSG_EQ((policy.Match(17, a, b, 40000, 443) == nullptr), true, "disabled");
        NS_TEST_ASSERT_MSG_EQ(policy.SetEnabled("block-dtls", true, error), true, error);
        const FirewallClass* m = policy.Match(17, a, b, 40000, 443);
        NS_TEST_ASSERT_MSG_EQ((m && m->action == FirewallAction::DENY), true, "to 443: denied");
        m = policy.Match(17, b, a, 443, 40000);
        NS_TEST_ASSERT_MSG_EQ((m && m == &policy.GetClasses()[1]),
                              true,
                              "from 443: the second entry of the same name, switched with it");
        NS_TEST_ASSERT_MSG_EQ((policy.Match(6, a, b, 40000, 443) == nullptr),
                              true,
                              "TCP is not UDP");

        // The firewall's run-time switch refuses a name no class has, with one line.
        Ptr<StatefulFirewall> fw = CreateObject<StatefulFirewall>();
        NS_TEST_ASSERT_MSG_EQ(
            fw->AddClass("name=block-dtls proto=udp dport=443 action=deny", error),
            true,
            error);
        error.clear();
        NS_TEST_ASSERT_MSG_EQ(fw->SetClassEnabled("block-dlts", true, error), false, "typo");
        NS_TEST_ASSERT_MSG_EQ(error,
                              "class 'block-dlts': no such class; classes are named by their "
                              "name= key",
                              "names the unknown class");
        NS_TEST_ASSERT_MSG_EQ(error.find('\n'), std::string::npos, "one line");
        NS_TEST_ASSERT_MSG_EQ(fw->SetClassEnabled("block-dtls", false, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(FirstEnabled(fw), false, "disabled");
        NS_TEST_ASSERT_MSG_EQ(fw->SetClassEnabled("block-dtls", true, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(FirstEnabled(fw), true, "enabled");
        fw->Dispose();
    }
};

/**
 * \ingroup vpn
 * The policy suite.
 */
class FirewallPolicyTestSuite : public TestSuite
{
  public:
    FirewallPolicyTestSuite()
        : TestSuite("vpn-firewall-policy", TestSuite::Type::UNIT)
    {
        AddTestCase(new FirewallPolicyBadInputTestCase);
        AddTestCase(new FirewallPolicyMatchTestCase);
        AddTestCase(new FirewallPolicyDenyTestCase);
        AddTestCase(new FirewallDupAckAttributesTestCase);
    }
};

/** The suite's one instance. */
static FirewallPolicyTestSuite g_firewallPolicyTestSuite;
