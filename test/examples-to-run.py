#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Examples that ns-3's test.py runs as smoke tests when the module sits in an ns-3 tree's contrib/.
# Standalone, examples/CMakeLists.txt reads this list and registers each run with ctest: the
# list is written here only.
#
# A list of C++ examples to run in order to ensure that they remain buildable and runnable over
# time: (example_name, do_run, do_valgrind_run).
cpp_examples = [
    ("vpn-lossy-link --lossModel=ge --loss=0.02 --burst=2 --duration=2", "True", "True"),
    ("vpn-loss-validation --packets=2000", "True", "True"),
    ("vpn-validation --quick", "True", "False"),
    ("vpn-esp-overhead", "True", "True"),
    ("vpn-tunnel --carrier=esp --bytes=100000 --duration=3", "True", "True"),
    ("vpn-firewall --action=inspect --loss=0.01 --bytes=200000", "True", "True"),
    ("vpn-firewall-bench --connections=100", "True", "True"),
    ("vpn-scenario --transport=natt --firewall=inspect --duration=5", "True", "True"),
    ("vpn-sweep --transports=natt --losses=0,0.01 --runs=2 --duration=5 --jobs=2", "True", "False"),
    ("vpn-tcp-over-tcp --losses=0.01 --runs=1 --duration=3", "True", "True"),
    ("vpn-tunnel --carrier=ctcp --bytes=100000 --duration=3", "True", "True"),
    ("vpn-soak --clients=3 --duration=20 --interval=5 --early=10", "True", "True"),
]

# A list of Python examples to run: (example_name, do_run).
python_examples = []
