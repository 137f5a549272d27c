/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The standalone test runner: ns-3's TestRunner over every TestSuite linked into this binary.
 */

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
