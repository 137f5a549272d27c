/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef VPN_TEST_SIMULATOR_TEST_CASE_H
#define VPN_TEST_SIMULATOR_TEST_CASE_H

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <string>

namespace ns3
{

/**
 * \ingroup vpn
 * A TestCase that runs the simulator and destroys it after DoRun however DoRun returned:
 * TestCase::Run calls DoTeardown after DoRun (ns-3 test.cc), also when an NS_TEST_ASSERT under
 * --stop-on-failure or a skip returned early, and a second Simulator::Destroy does nothing. A
 * simulator left with its events and objects would otherwise break the next suite that runs in
 * the same process (test-runner without --suite).
 */
class SimulatorTestCase : public TestCase
{
  protected:
    /**
     * \param name the test case's name
     */
    explicit SimulatorTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  private:
    void DoTeardown() override
    {
        Simulator::Destroy();
    }
};

} // namespace ns3

#endif /* VPN_TEST_SIMULATOR_TEST_CASE_H */
