#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A program of one's own against the installed module, run by ctest as "vpn-install":
#   bash test/install-test.sh BUILD_DIR SOURCE_DIR [SANITIZE]
#  1. `cmake --install BUILD_DIR` into a fresh prefix: the library, the headers in include/ns3/
#     and the CMake package lib/cmake/vpn/ are there;
#  2. test/out-of-tree/ (the five CMake lines of the README and my-study.cc) configures with only
#     that prefix added, builds, and runs;
#  3. what it prints for cTCP and NAT-T equals what vpn-scenario (built in the tree) reports for
#     the same flags: the installed library is the one the tests ran.
# SANITIZE=ON (the sanitizer build) compiles the program with the same sanitizers.

set -u
BUILD="$(cd "${1:?usage: install-test.sh BUILD_DIR SOURCE_DIR [SANITIZE]}" && pwd)"
SOURCE="$(cd "${2:?usage: install-test.sh BUILD_DIR SOURCE_DIR [SANITIZE]}" && pwd)"
SANITIZE="${3:-OFF}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/vpn-install-test.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
PREFIX="$TMP/prefix"
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# 1. Install. --------------------------------------------------------------------------------
cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1 ||
    { cat "$TMP/install.log" >&2; echo "FAIL: cmake --install" >&2; exit 1; }
libdir="$(find "$PREFIX" -name 'libns3-vpn.so' -printf '%h\n' | head -1)"
[ -n "$libdir" ] || fail "no libns3-vpn.so under $PREFIX"
for f in include/ns3/vpn-module.h include/ns3/vpn-scenario.h include/ns3/stateful-firewall.h; do
    [ -f "$PREFIX/$f" ] || fail "not installed: $f"
done
[ -f "$libdir/cmake/vpn/vpnConfig.cmake" ] || fail "not installed: the CMake package vpnConfig.cmake"

# 2. Configure, build and run the program of one's own. -------------------------------------
flags=()
if [ "$SANITIZE" = ON ]; then
    flags=(-DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer"
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined")
fi
if ! cmake -S "$SOURCE/test/out-of-tree" -B "$TMP/my-study" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_BUILD_TYPE=Release "${flags[@]}" >"$TMP/configure.log" 2>&1; then
    cat "$TMP/configure.log" >&2
    echo "FAIL: the out-of-tree program does not configure against the installed module" >&2
    exit 1
fi
if ! cmake --build "$TMP/my-study" >"$TMP/build.log" 2>&1; then
    cat "$TMP/build.log" >&2
    echo "FAIL: the out-of-tree program does not build against the installed module" >&2
    exit 1
fi
# 60 s at 1 % loss, RngRun 1: cTCP through inspect stalls after 193,200 inner bytes and its
# tunnel fails (52.3 s), NAT-T delivers about 7.5 MB and stays up; both lines must match.
args=(--loss=0.01 --duration=60s)
"$TMP/my-study/my-study" "${args[@]}" >"$TMP/out" 2>"$TMP/err" ||
    fail "my-study exited with status $?: $(head -c 300 "$TMP/err")"
cat "$TMP/out"

# 3. The same numbers as vpn-scenario. --------------------------------------------------------
# The program's output must not be empty or a copy of one line: one line per transport.
[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "my-study printed $(wc -l <"$TMP/out") lines, expected 2"
for transport in ctcp natt; do
    json="$("$BUILD/examples/vpn-scenario" --transport=$transport --firewall=inspect \
        --lossModel=bernoulli "${args[@]}")"
    expected="$(python3 -c 'import json, sys
j = json.loads(sys.argv[1])
print("%s tunnel_failures=%d inner_rx_bytes=%d" % (sys.argv[2], j["tunnel_failures"], j["inner_rx_bytes"]))' "$json" "$transport")"
    got="$(grep "^$transport " "$TMP/out")"
    [ "$got" = "$expected" ] || fail "my-study says '$got', vpn-scenario '$expected'"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "PASS: a program built against the installed module ($PREFIX) reports what vpn-scenario does"
