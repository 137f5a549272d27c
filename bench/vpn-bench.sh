#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The vpn module's benchmarks (run by ./vpnlab bench; not a timed test). Wall time on shared
# machines varies by tens of percent, so overhead ratios are instruction counts under
# valgrind --tool=callgrind, which repeat exactly; wall time, events per second and peak memory
# are reported beside them for scale.
#
#   bench/vpn-bench.sh BUILD_DIR [--quick] [--path]
#
# 1. Tunnel cost, the per-packet path: the same inner bulk TCP (10 s at 10 Mbps, so start-up
#    weighs little) through transport none (routed), natt, esp and ctcp, no loss, no firewall:
#    instructions per inner byte delivered and per WAN packet, as ratios to none.
# 2. Firewall cost: transport none through firewall inspect against the same run routed.
# 3. Clients: 1, 10, 100, 1000 NAT-T clients with a CBR workload: events, events per second,
#    peak RSS, and microseconds and instructions (up to 100 clients) per client-second.
# 4. The firewall table's memory per connection (vpn-firewall-bench, 10,000 connections).

set -euo pipefail
BUILD="${1:?usage: vpn-bench.sh BUILD_DIR [--quick] [--path]}"
shift
QUICK=""
PATH_ONLY="" # --path: only sections 1-2 (the per-packet path), e.g. to compare two builds
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --path) PATH_ONLY=1 ;;
        *)
            echo "vpn-bench.sh: unknown option $arg (accepted: --quick, --path)" >&2
            exit 2
            ;;
    esac
done
SCENARIO="$BUILD/examples/vpn-scenario"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

json() { # json KEY < line
    sed -E "s/.*\"$1\": ?([^,}]*).*/\1/"
}

# callgrind_ir OUTFILE ARGS...: instruction count of one run; the JSON line goes to OUTFILE.json
callgrind_ir() {
    local out="$1"
    shift
    valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.$$" "$SCENARIO" "$@" >"$out.json" \
        2>"$out.log"
    grep -E "^summary:|^totals:" "$TMP/cg.$$" | head -1 | awk '{print $2}'
}

# wall_run OUTFILE ARGS...: run natively under /usr/bin/time; prints "wall_s peak_kb"
wall_run() {
    local out="$1"
    shift
    /usr/bin/time -f "%e %M" -o "$out.time" "$SCENARIO" "$@" >"$out.json" 2>"$out.log"
    cat "$out.time"
}

COMMON=(--firewall=none --lossModel=none --loss=0 --workload=bulk --accessRate=10Mbps)
DURATION=10
[ -n "$QUICK" ] && DURATION=5

echo "vpn benchmarks ($(date -u +%Y-%m-%d), ns-3 $(dpkg-query -W -f='${Version}' libns3-dev 2>/dev/null || echo '?'), $(nproc) cores, $BUILD)"
echo
echo "1-2. The per-packet path: instructions (callgrind) per inner byte delivered and per packet on"
echo "     the WAN (both directions, outer), ${DURATION} s of bulk TCP, 10 Mbps, no loss"
printf "%-26s %14s %12s %9s %11s %8s %11s %8s\n" "configuration" "instructions" "inner bytes" \
    "WAN pkts" "instr/byte" "ratio" "instr/pkt" "ratio"
declare -A PER_BYTE PER_PACKET
run_ratio() {
    local label="$1" ref="$2"
    shift 2
    local ir bytes packets per perpkt
    ir="$(callgrind_ir "$TMP/r" --duration=$DURATION "$@")"
    bytes="$(json inner_rx_bytes <"$TMP/r.json")"
    packets="$(json wan_tx_packets <"$TMP/r.json")"
    per="$(awk -v a="$ir" -v b="$bytes" 'BEGIN {printf "%.2f", a / b}')"
    perpkt="$(awk -v a="$ir" -v b="$packets" 'BEGIN {printf "%.0f", a / b}')"
    PER_BYTE["$label"]="$per"
    PER_PACKET["$label"]="$perpkt"
    local ratio="1.00" ratiopkt="1.00"
    if [ -n "$ref" ]; then
        ratio="$(awk -v a="$per" -v b="${PER_BYTE[$ref]}" 'BEGIN {printf "%.3f", a / b}')"
        ratiopkt="$(awk -v a="$perpkt" -v b="${PER_PACKET[$ref]}" 'BEGIN {printf "%.3f", a / b}')"
    fi
    printf "%-26s %14s %12s %9s %11s %8s %11s %8s\n" "$label" "$ir" "$bytes" "$packets" "$per" \
        "x$ratio" "$perpkt" "x$ratiopkt"
}
run_ratio "none (routed)" "" --transport=none "${COMMON[@]}"
run_ratio "natt tunnel" "none (routed)" --transport=natt "${COMMON[@]}"
run_ratio "esp tunnel" "none (routed)" --transport=esp "${COMMON[@]}"
run_ratio "ctcp tunnel" "none (routed)" --transport=ctcp "${COMMON[@]}"
run_ratio "inspect firewall (none)" "none (routed)" --transport=none --firewall=inspect \
    --lossModel=none --loss=0 --workload=bulk --accessRate=10Mbps
echo "  goals: natt and esp <= x1.15 per byte, ctcp <= x1.0 per WAN packet (it puts more packets"
echo "  on the wire by design), the firewall <= x1.01 of a plain router"
echo
[ -n "$PATH_ONLY" ] && exit 0

echo "3. Clients: NAT-T tunnels, CBR 50 kbps each, ${DURATION} s, no loss, firewall inspect"
printf "%-8s %10s %10s %12s %10s %16s %18s\n" "clients" "wall_s" "events" "events/s" "peak_MB" \
    "wall_us/cl-s" "instr/client-s"
for n in 1 10 100 1000; do
    args=(--transport=natt --firewall=inspect --lossModel=none --loss=0 --workload=cbr
        --rate=50kbps --clients=$n --duration=$DURATION)
    read -r wall peak < <(wall_run "$TMP/c$n" "${args[@]}")
    events="$(json sim_events <"$TMP/c$n.json")"
    eps="$(awk -v e="$events" -v w="$wall" 'BEGIN {printf "%.0f", (w > 0 ? e / w : 0)}')"
    perclient="$(awk -v w="$wall" -v n="$n" -v d="$DURATION" 'BEGIN {printf "%.1f", w * 1e6 / (n * d)}')"
    instr="-"
    if [ "$n" -le 100 ]; then
        ir="$(callgrind_ir "$TMP/cg$n" "${args[@]}")"
        instr="$(awk -v a="$ir" -v n="$n" -v d="$DURATION" 'BEGIN {printf "%.0f", a / (n * d)}')"
    fi
    printf "%-8s %10s %10s %12s %10.1f %16s %18s\n" "$n" "$wall" "$events" "$eps" \
        "$(awk -v k="$peak" 'BEGIN {print k / 1024}')" "$perclient" "$instr"
done
echo "  goal: cost per client flat from 10 to 1000 clients (instructions include set-up)"
echo

echo "4. Firewall table memory"
"$BUILD/examples/vpn-firewall-bench" --connections=10000
