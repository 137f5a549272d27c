#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The command-line programs end to end, run by ctest as "vpn-cli": bash test/cli-test.sh BUILD_DIR
#  1. bad input to vpn-scenario and to every vpn-sweep flag: exit status 2, exactly one line on
#     stderr that names the flag, no ns-3 abort message, no core dump; every vpn-scenario flag
#     with a bad value and with none, ns-3 attributes of each value type, -h/--help; the run's
#     config given back as flags runs the same run; the same for bad input to ./vpnlab
#     contrib-check (an unknown release, a --tree that is no ns-3 tree);
#  2. the same vpn-scenario flags twice (two processes): the same JSON except wall_s;
#  3. a sweep killed (SIGKILL) after some runs finished, then rerun: the finished runs are kept,
#     not redone, no half-written result file is left, and the sweep completes; its
#     manifest.json names the command, the grid, the versions, start and end;
#  3b. --grid over an ns-3 attribute and a scenario flag: summary columns, the runs' config;
#  3c. one CSV schema whatever the runs met (drop columns, identifiers, typed columns, n, level);
#  4. the same small grid through GNU parallel (--emit-jobs) then --collect: summary.csv equal,
#     byte for byte, to the one vpn-sweep computes itself; --emit-slurm writes an array script;
#     the figures (PNG and SVG) of both;
#     4b. the same with --baseline, and a --baseline value no run has;
#  5. --timeline over test/timeline/'s two runs writes its figure; a missing or malformed time
#     series is one error line and status 2.
# Exits 77 (ctest: skipped) when GNU parallel is missing.

set -u
BUILD="$(cd "${1:?usage: cli-test.sh BUILD_DIR}" && pwd)"
SCENARIO="$BUILD/examples/vpn-scenario"
SWEEP="$BUILD/examples/vpn-sweep"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/vpn-cli-test.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

for exe in "$SCENARIO" "$SWEEP"; do
    [ -x "$exe" ] || { echo "FAIL: $exe is not built" >&2; exit 1; }
done

# expect_bad FLAG PROGRAM ARGS...: exit 2, one stderr line naming --FLAG, nothing on stdout.
expect_bad() {
    local flag="$1"
    shift
    (cd "$TMP" && ulimit -c 0 && "$@" >"$TMP/out" 2>"$TMP/err")
    local rc=$?
    local lines
    lines="$(wc -l <"$TMP/err")"
    local what="$(basename "$1") ${*:2}"
    [ "$rc" -eq 2 ] || fail "$what: exit status $rc, expected 2 ($(head -c 300 "$TMP/err"))"
    [ "$lines" -eq 1 ] || fail "$what: $lines lines on stderr, expected 1"
    grep -q -- "--$flag" "$TMP/err" || fail "$what: stderr does not name --$flag: $(cat "$TMP/err")"
    grep -qiE 'abort|assert|core dumped|terminate' "$TMP/err" &&
        fail "$what: ns-3 abort or crash message: $(cat "$TMP/err")"
    [ -s "$TMP/out" ] && fail "$what: wrote to stdout"
    ls "$TMP"/core* >/dev/null 2>&1 && fail "$what: core dump"
    return 0
}

# 1. Bad input. ------------------------------------------------------------------------------
expect_bad transport "$SCENARIO" --transport=bogus
expect_bad firewall "$SCENARIO" --transport=natt --firewall=asa
expect_bad bypass "$SCENARIO" --bypass=2
expect_bad loss "$SCENARIO" --loss=1
expect_bad loss "$SCENARIO" --loss=abc
expect_bad burst "$SCENARIO" --burst=0.5
expect_bad lossModel "$SCENARIO" --transport=natt --lossModel=gauss
expect_bad clients "$SCENARIO" --clients=0
expect_bad duration "$SCENARIO" --duration=-1
expect_bad workload "$SCENARIO" --transport=natt --workload=video
expect_bad rate "$SCENARIO" --transport=natt --workload=cbr --rate=fast
expect_bad RngRun "$SCENARIO" --RngRun=0
expect_bad bogus "$SCENARIO" --bogus=1
expect_bad flows "$SCENARIO" --transport=natt --flows=0
expect_bad flows "$SCENARIO" --transport=natt --flows=65
expect_bad bytes "$SCENARIO" --transport=natt --flows=3 --bytes=2
expect_bad probeInterval "$SCENARIO" --transport=natt --probeInterval=-1
expect_bad probeInterval "$SCENARIO" --transport=natt --probeInterval=0.001
expect_bad probeInterval "$SCENARIO" --transport=natt --workload=ping --probeInterval=1
expect_bad tcpStack "$SCENARIO" --transport=natt --tcpStack=windows
expect_bad outage "$SCENARIO" --transport=natt --lossModel=outage --outage=0
expect_bad outage "$SCENARIO" --transport=natt --lossModel=outage --outage=1e5
expect_bad loss "$SCENARIO" --transport=natt --lossModel=outage --outage=0.001 --loss=0.999999
# Every flag of vpn-scenario (its config lists them all): a value no flag accepts, and no value.
# pcap and timeseries take any text (a file-name prefix, a file name), so only their missing value
# is bad; a timeseries file that cannot be written is refused below.
"$SCENARIO" --transport=natt --duration=2.5 >"$TMP/flags.json" 2>/dev/null ||
    fail "vpn-scenario --duration=2.5 failed"
flags="$(python3 -c 'import json,sys; print(" ".join(k for k in json.load(open(sys.argv[1]))["config"] if not k.startswith("Rng")))' "$TMP/flags.json")"
[ "$(echo "$flags" | wc -w)" -ge 26 ] || fail "config lists $(echo "$flags" | wc -w) flags, expected 26"
for flag in $flags; do
    [ "$flag" = pcap ] || [ "$flag" = timeseries ] || expect_bad "$flag" "$SCENARIO" "--$flag=%bad%"
    expect_bad "$flag" "$SCENARIO" "--$flag"
    grep -q -- "--$flag: no value; expected --$flag=VALUE, VALUE [a-z1]" "$TMP/err" ||
        fail "--$flag with no value: $(cat "$TMP/err")"
done
expect_bad RngRun "$SCENARIO" --RngRun
grep -q -- "no value; expected --RngRun=VALUE, VALUE an integer" "$TMP/err" || fail "--RngRun: $(cat "$TMP/err")"
expect_bad timeseries "$SCENARIO" --timeseries="$TMP/no-such-folder/ts.csv"
grep -q "expected a file path in a writable folder" "$TMP/err" || fail "--timeseries: $(cat "$TMP/err")"
expect_bad timeseries "$SCENARIO" --timeseries="$TMP"
expect_bad timeseriesInterval "$SCENARIO" --timeseries="$TMP/ts.csv" --timeseriesInterval=1ms \
    --duration=1e5
# ns-3 attributes of each value type, global values and the --Print* flags that take a name.
expect_bad ns3::StatefulFirewall::Timeout "$SCENARIO" --ns3::StatefulFirewall::Timeout=banana
expect_bad ns3::StatefulFirewall::Timeout "$SCENARIO" --ns3::StatefulFirewall::Timeout=60s
expect_bad ns3::StatefulFirewall::QueueLimit "$SCENARIO" --ns3::StatefulFirewall::QueueLimit=abc
expect_bad ns3::StatefulFirewall::QueueLimit "$SCENARIO" --ns3::StatefulFirewall::QueueLimit=999
expect_bad ns3::StatefulFirewall::DupAcks "$SCENARIO" --ns3::StatefulFirewall::DupAcks=maybe
expect_bad ns3::CtcpCarrier::AckPolicy "$SCENARIO" --ns3::CtcpCarrier::AckPolicy=sideways
expect_bad ns3::RateErrorModel::ErrorRate "$SCENARIO" --ns3::RateErrorModel::ErrorRate=lots
expect_bad ns3::PointToPointNetDevice::DataRate "$SCENARIO" --ns3::PointToPointNetDevice::DataRate=fast
expect_bad ns3::RateErrorModel::RanVar "$SCENARIO" --ns3::RateErrorModel::RanVar=x
expect_bad ns3::CtcpCarrier::Nope "$SCENARIO" --ns3::CtcpCarrier::Nope=1
expect_bad ns3::Nope::Thing "$SCENARIO" --ns3::Nope::Thing=1
expect_bad ns3::CtcpCarrier::AckPolicy "$SCENARIO" --ns3::CtcpCarrier::AckPolicy
expect_bad ChecksumEnabled "$SCENARIO" --ChecksumEnabled=perhaps
expect_bad RngSeed "$SCENARIO" --RngSeed=x
expect_bad PrintAttributes "$SCENARIO" --PrintAttributes=ns3::Nope
expect_bad PrintGroup "$SCENARIO" --PrintGroup=Nope
expect_bad loss "$SCENARIO" --loss=0.01 --loss=0.02
for help in -h --help --PrintHelp; do
    "$SCENARIO" "$help" >"$TMP/help" 2>&1 || fail "vpn-scenario $help: exit status $?"
    grep -q -- "--accessRate:" "$TMP/help" || fail "vpn-scenario $help: no --accessRate in the help"
    grep -q -- "--transport: one of none|esp|natt" "$TMP/help" ||
        fail "vpn-scenario $help: the help does not say what --transport accepts"
    grep -q -- "--loss: a number in \[0, 0.999999\]" "$TMP/help" ||
        fail "vpn-scenario $help: the help does not say what --loss accepts"
    "$SWEEP" "$help" >"$TMP/help" 2>&1 || fail "vpn-sweep $help: exit status $?"
    grep -q -- "--grid KEY=LIST" "$TMP/help" || fail "vpn-sweep $help: no --grid in the help"
done

# The config round-trips: the flags it lists, given back, run the same run (same JSON but wall_s).
"$SCENARIO" --transport=ctcp --firewall=stateful --loss=0.01 --duration=4 --internetDelay=30ms \
    --ns3::CtcpCarrier::AckPolicy=in-order --RngRun=3 >"$TMP/first.json" 2>/dev/null ||
    fail "vpn-scenario (round trip, first) failed"
mapfile -t again < <(python3 -c 'import json,sys
for k, v in json.load(open(sys.argv[1]))["config"].items(): print("--%s=%s" % (k, v))' "$TMP/first.json")
"$SCENARIO" "${again[@]}" >"$TMP/again.json" 2>"$TMP/again.err" ||
    fail "vpn-scenario ${again[*]}: $(cat "$TMP/again.err")"
strip_wall() { sed -E 's/,"wall_s":[^}]*\}$/}/' "$1"; }
[ "$(strip_wall "$TMP/first.json")" = "$(strip_wall "$TMP/again.json")" ] ||
    fail "config round trip: $(diff <(strip_wall "$TMP/first.json") <(strip_wall "$TMP/again.json"))"
grep -q '"ns3::CtcpCarrier::AckPolicy":"in-order"' "$TMP/first.json" ||
    fail "config: no ns3::CtcpCarrier::AckPolicy"
grep -q '"internetDelay":"+3e+07ns"' "$TMP/first.json" || fail "config: internetDelay not 30 ms"

TOT="$BUILD/examples/vpn-tcp-over-tcp"
expect_bad flows "$TOT" --flows=1,0
expect_bad minRtoMs "$TOT" --minRtoMs=0
expect_bad delAckMs "$TOT" --delAckMs=soon
expect_bad carriers "$TOT" --carriers=anyconnect,bogus

expect_bad transports "$SWEEP" --transports=natt,bogus
expect_bad transports "$SWEEP" --transports=natt,,esp
expect_bad transports "$SWEEP" --transports=
expect_bad firewalls "$SWEEP" --firewalls=inspect,asa
expect_bad bypass "$SWEEP" --bypass=0,2
expect_bad losses "$SWEEP" --losses=0,1
expect_bad losses "$SWEEP" --losses=-0.1
expect_bad losses "$SWEEP" --losses=0,,0.01
expect_bad lossModels "$SWEEP" --lossModels=bernoulli,gauss
expect_bad bursts "$SWEEP" --lossModels=ge --bursts=0.5
expect_bad clients "$SWEEP" --clients=1,0
expect_bad runs "$SWEEP" --runs=0
expect_bad runs "$SWEEP" --runs=many
expect_bad jobs "$SWEEP" --jobs=0
expect_bad duration "$SWEEP" --duration=-5
expect_bad out "$SWEEP" --out=
expect_bad scenario "$SWEEP" --scenario="$TMP/no-such-program"
expect_bad emit-jobs "$SWEEP" --emit-jobs=maybe
expect_bad emit-slurm "$SWEEP" --emit-slurm=
expect_bad timeseries-runs "$SWEEP" --timeseries-runs=0
expect_bad timeseries-runs "$SWEEP" --runs=2 --timeseries-runs=1,3
expect_bad timeseries-runs "$SWEEP" --timeseries-runs=first
expect_bad collect "$SWEEP" --collect
expect_bad collect "$SWEEP" --collect "$TMP/no-such-folder"
expect_bad runs "$SWEEP" --collect "$TMP" --runs=3
expect_bad workload "$SWEEP" --workload=video
expect_bad bytes "$SWEEP" --bytes=-1
expect_bad reconnect "$SWEEP" --reconnect=2
expect_bad lossDirection "$SWEEP" --lossDirection=sideways
expect_bad accessRate "$SWEEP" --accessRate=fast
expect_bad bogus "$SWEEP" --bogus=1
expect_bad flows "$SWEEP" --flows=0
expect_bad probeInterval "$SWEEP" --probeInterval=x
expect_bad tcpStack "$SWEEP" --tcpStack=bsd
expect_bad outage "$SWEEP" --outage=-1
expect_bad runs "$SWEEP" --runs=2 --runs=3
expect_bad positional "$SWEEP" positional
expect_bad grid "$SWEEP" --grid ns3::CtcpCarrier::AckPolicy=sideways
expect_bad grid "$SWEEP" --grid loss=0,0.1
expect_bad grid "$SWEEP" --grid bogus=1
expect_bad grid "$SWEEP" --grid
expect_bad grid "$SWEEP" --grid accessRate=1Mbps --grid accessRate=2Mbps
expect_bad ns3::StatefulFirewall::QueueLimit "$SWEEP" --ns3::StatefulFirewall::QueueLimit=999
expect_bad baseline "$SWEEP" --baseline
expect_bad baseline "$SWEEP" --baseline transport
expect_bad baseline "$SWEEP" --baseline =natt
expect_bad baseline "$SWEEP" --baseline bogus=1
expect_bad baseline "$SWEEP" --transports=natt,esp --baseline transport=ctcp
expect_bad baseline "$SWEEP" --baseline transport=natt --baseline loss=0

# The driver: an unknown subcommand prints the usage and exits 2 (before installing or building).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/vpnlab" bogus >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "vpnlab bogus: exit status $rc, expected 2"
grep -q "unknown command 'bogus'" "$TMP/err" || fail "vpnlab bogus: no 'unknown command' line"
grep -q "usage:" "$TMP/err" || fail "vpnlab bogus: no usage"
"$ROOT/vpnlab" run >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "vpnlab run (no example): exit status $rc, expected 2"

# The driver's contrib-check refuses a release it does not know and a folder that is not an ns-3
# tree, before it installs or fetches anything (vpnlab is in the folder above this one).
VPNLAB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/vpnlab"
expect_bad ns3 "$VPNLAB" contrib-check --ns3=3.99
expect_bad tree "$VPNLAB" contrib-check --tree="$TMP"
expect_bad tree "$VPNLAB" contrib-check --ns3=3.48 --tree="$TMP"

# The bypass class follows the carrier's own port (the carrier reports it; no list of ports):
# cTCP on port 10001 through inspect at 1 % loss survives with bypass (without the class on its
# port it dies, as on RngRun 1 at the default port without bypass: first failure ~52 s).
"$SCENARIO" --transport=ctcp --firewall=inspect --bypass=1 --loss=0.01 --duration=60 \
    --ns3::CtcpCarrier::Port=10001 >"$TMP/port.json" 2>/dev/null || fail "vpn-scenario (port) failed"
grep -q '"tunnel_failures":0,' "$TMP/port.json" ||
    fail "bypass did not follow CtcpCarrier::Port=10001: $(head -c 400 "$TMP/port.json")"

# 2. Same flags, two processes: same JSON but wall_s. -----------------------------------------
args=(--transport=natt --firewall=inspect --loss=0.01 --duration=5 --RngRun=2)
"$SCENARIO" "${args[@]}" >"$TMP/a.json" 2>/dev/null || fail "vpn-scenario ${args[*]} failed"
"$SCENARIO" "${args[@]}" >"$TMP/b.json" 2>/dev/null || fail "vpn-scenario ${args[*]} failed"
[ "$(wc -l <"$TMP/a.json")" -eq 1 ] || fail "vpn-scenario printed more than one line"
[ "$(strip_wall "$TMP/a.json")" = "$(strip_wall "$TMP/b.json")" ] ||
    fail "same flags, different JSON: $(diff <(strip_wall "$TMP/a.json") <(strip_wall "$TMP/b.json"))"
grep -q '"wall_s":' "$TMP/a.json" || fail "no wall_s in the JSON"

# 3. Kill a sweep, resume it. ------------------------------------------------------------------
grid=(--transports=natt --firewalls=inspect --losses=0,0.01 --runs=4 --duration=5 --jobs=2)
"$SWEEP" "${grid[@]}" --out="$TMP/resume" >/dev/null 2>"$TMP/first.err" &
pid=$!
for _ in $(seq 1 600); do
    done_now="$(find "$TMP/resume/results" -name 'run-*.json' 2>/dev/null | wc -l)"
    [ "$done_now" -ge 2 ] && break
    sleep 0.05
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sleep 0.2 # the children die with the sweep (PR_SET_PDEATHSIG)
before="$(find "$TMP/resume/results" -name 'run-*.json' | sort)"
nbefore="$(echo "$before" | grep -c . || true)"
if [ "$nbefore" -lt 2 ] || [ "$nbefore" -ge 8 ]; then
    fail "resume: expected a sweep killed part-way, found $nbefore of 8 runs done"
fi
for f in $before; do
    tail -c 2 "$f" | grep -q '}' || fail "resume: half-written result file $f"
done
stamps_before="$(for f in $before; do stat -c '%n %i %Y' "$f"; done)"
"$SWEEP" "${grid[@]}" --out="$TMP/resume" >"$TMP/resume.table" 2>"$TMP/second.err" ||
    fail "resume: the rerun failed: $(tail -3 "$TMP/second.err")"
grep -q "($nbefore already done)" "$TMP/second.err" ||
    fail "resume: the rerun did not report $nbefore runs already done: $(head -1 "$TMP/second.err")"
after="$(find "$TMP/resume/results" -name 'run-*.json' | wc -l)"
[ "$after" -eq 8 ] || fail "resume: $after of 8 runs done after the rerun"
stamps_after="$(for f in $before; do stat -c '%n %i %Y' "$f"; done)"
[ "$stamps_before" = "$stamps_after" ] || fail "resume: finished runs were redone"
[ -z "$(find "$TMP/resume/results" -name '*.tmp')" ] || fail "resume: temp files left behind"
[ "$(wc -l <"$TMP/resume/runs.csv")" -eq 9 ] || fail "resume: runs.csv is not header + 8 rows"
[ "$(wc -l <"$TMP/resume/summary.csv")" -eq 3 ] || fail "resume: summary.csv is not header + 2"
# The manifest says what made the folder: the command line, the grid, versions, start and end.
python3 - "$TMP/resume/manifest.json" "$SWEEP" <<'PY' || fail "resume: manifest.json is not as expected"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["command"][0] == sys.argv[2] and "--losses=0,0.01" in m["command"], m["command"]
assert m["runs"] == 4 and m["configurations"] == 2 and len(m["grid"]) == 2, m
assert m["grid"][0]["args"][0] == "--transport=natt", m["grid"][0]
assert m["module_version"] and m["ns3_version"], m
assert m["started"].endswith("Z") and m["ended"] is not None and m["ended"] >= m["started"], m
PY

# 3b. A grid over an ns-3 attribute and a scenario flag: each becomes a summary column, each run
# gets the values (its config says so), fixed ns-3 attributes reach every run.
"$SWEEP" --transports=ctcp --firewalls=stateful --losses=0.01 --runs=1 --duration=3 --jobs=2 \
    --grid ns3::CtcpCarrier::AckPolicy=in-order,highest-received --grid accessRate=1Mbps,2Mbps \
    --ns3::StatefulFirewall::QueueLimit=10 --out="$TMP/grid" >/dev/null 2>"$TMP/grid.err" ||
    fail "--grid sweep failed: $(tail -3 "$TMP/grid.err")"
python3 - "$TMP/grid" <<'PY' || fail "--grid: summary.csv or the runs are not as expected"
import csv, glob, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/summary.csv")))
assert len(rows) == 4, len(rows)
assert sorted({r["CtcpCarrier_AckPolicy"] for r in rows}) == ["highest-received", "in-order"], rows
assert sorted({r["access_rate_bps"] for r in rows}) == ["1000000", "2000000"], rows
# A fixed ns-3 attribute is a column too, in every row.
assert {r["StatefulFirewall_QueueLimit"] for r in rows} == {"10"}, rows
runs = [json.load(open(f)) for f in glob.glob(sys.argv[1] + "/results/*/run-1.json")]
assert len(runs) == 4
assert {r["config"]["ns3::StatefulFirewall::QueueLimit"] for r in runs} == {"10"}, runs[0]["config"]
assert {r["config"]["ns3::CtcpCarrier::AckPolicy"] for r in runs} == {"in-order", "highest-received"}
PY
# --collect of those runs keeps them apart too (they differ in ns-3 attributes alone), beside a
# folder holding a copy of one run (counted once).
mkdir -p "$TMP/gridcopy" && cp -r "$TMP/grid/results" "$TMP/gridcopy/a" &&
    cp -r "$TMP/grid/results/$(ls "$TMP/grid/results" | head -1)" "$TMP/gridcopy/b"
"$SWEEP" --collect "$TMP/gridcopy" --out="$TMP/gridcollected" >/dev/null 2>"$TMP/gridcollect.err" ||
    fail "--collect of the --grid runs failed: $(tail -1 "$TMP/gridcollect.err")"
cmp -s "$TMP/grid/summary.csv" "$TMP/gridcollected/summary.csv" ||
    fail "--collect merged runs that differ in an ns-3 attribute: $(diff "$TMP/grid/summary.csv" "$TMP/gridcollected/summary.csv" | head -4)"
grep -q 'collected 4 runs (1 duplicate' "$TMP/gridcollect.err" ||
    fail "--collect: expected 4 runs and 1 duplicate: $(grep collected "$TMP/gridcollect.err")"

# 3c. One schema whatever the runs met: a sweep whose run the firewall dropped from and one it
# never touched write the same columns; every name is an identifier; a column holds numbers or
# text, never both (pandas reads it without cleaning); n and level are columns.
for case in "clean none 0" "drops inspect 0.02"; do
    set -- $case
    "$SWEEP" --transports=ctcp --firewalls="$2" --losses="$3" --runs=1 --duration=3 \
        --out="$TMP/$1" >/dev/null 2>"$TMP/$1.err" || fail "schema sweep $1: $(tail -1 "$TMP/$1.err")"
done
python3 - "$TMP/clean" "$TMP/drops" <<'PY' || fail "runs.csv/summary.csv: not one fixed schema"
import csv, re, sys
def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]
for name in ("runs.csv", "summary.csv"):
    (h1, r1), (h2, r2) = read(sys.argv[1] + "/" + name), read(sys.argv[2] + "/" + name)
    assert h1 == h2, (name, set(h1) ^ set(h2))
    bad = [c for c in h1 if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", c)]
    assert not bad and len(set(h1)) == len(h1), (name, bad)
    for column in h1:
        values = [r[column] for r in r1 + r2 if r[column] != ""]
        numeric = [v for v in values if re.fullmatch(r"-?[0-9.]+(e[-+]?[0-9]+)?", v)]
        assert len(numeric) in (0, len(values)), (name, column, values)
_, runs = read(sys.argv[1] + "/runs.csv")
_, dropped = read(sys.argv[2] + "/runs.csv")
drops = [c for c in runs[0] if c.startswith("fw_drop_")]
assert len(drops) == 10 and "fw_drop_tcp_buffer_full" in drops, drops
assert all(runs[0][c] == "0" for c in drops), runs[0]
assert sum(int(dropped[0][c]) for c in drops) > 0, dropped[0]
for column, value in (("access_rate_bps", "10000000"), ("internet_delay_s", "0.02"),
                      ("dpd_interval_s", "30"), ("duration_s", "3")):
    assert runs[0][column] == value, (column, runs[0][column])
_, summary = read(sys.argv[1] + "/summary.csv")
assert summary[0]["n"] == "1" and summary[0]["level"] == "0.95", summary[0]
PY

# 4. GNU parallel + --collect equals the in-process summary. -----------------------------------
if ! command -v parallel >/dev/null; then
    echo "SKIP: GNU parallel is not installed (./vpnlab deps)" >&2
    [ "$failures" -eq 0 ] && exit 77
    exit 1
fi
grid=(--transports=natt,esp --firewalls=inspect --losses=0,0.02 --runs=2 --duration=5 --jobs=2)
"$SWEEP" "${grid[@]}" --out="$TMP/own" >/dev/null 2>"$TMP/own.err" ||
    fail "in-process sweep failed: $(tail -3 "$TMP/own.err")"
"$SWEEP" "${grid[@]}" --out="$TMP/remote" --emit-jobs >"$TMP/jobs.txt" 2>/dev/null ||
    fail "--emit-jobs failed"
[ "$(wc -l <"$TMP/jobs.txt")" -eq 8 ] || fail "--emit-jobs: $(wc -l <"$TMP/jobs.txt") lines, expected 8"
"$SWEEP" "${grid[@]}" --out="$TMP/remote" --emit-slurm="$TMP/sweep.sbatch" 2>/dev/null ||
    fail "--emit-slurm failed"
grep -q '^#SBATCH --array=1-8$' "$TMP/sweep.sbatch" || fail "--emit-slurm: no --array=1-8"
cmp -s "$TMP/sweep.sbatch.jobs" "$TMP/jobs.txt" || fail "--emit-slurm: job list differs"
bash -n "$TMP/sweep.sbatch" || fail "--emit-slurm: the script is not valid bash"
# Run the jobs from another folder: the commands carry absolute paths.
(cd / && parallel -j 2 --halt now,fail=1 <"$TMP/jobs.txt") 2>"$TMP/parallel.err" ||
    fail "GNU parallel failed: $(tail -3 "$TMP/parallel.err")"
[ "$("$SWEEP" "${grid[@]}" --out="$TMP/remote" --emit-jobs 2>/dev/null | wc -l)" -eq 0 ] ||
    fail "--emit-jobs after the runs: still missing runs"
"$SWEEP" --collect "$TMP/remote/results" --out="$TMP/collected" >/dev/null 2>"$TMP/collect.err" ||
    fail "--collect failed: $(tail -3 "$TMP/collect.err")"
cmp "$TMP/own/summary.csv" "$TMP/collected/summary.csv" ||
    fail "--collect summary differs: $(diff "$TMP/own/summary.csv" "$TMP/collected/summary.csv")"
# runs.csv too, but for wall_s (the last column).
cmp <(cut -d, -f1-23 "$TMP/own/runs.csv") <(cut -d, -f1-23 "$TMP/collected/runs.csv") ||
    fail "--collect runs.csv differs"
for figure in availability data-availability goodput survival; do
    for ext in png svg; do
        [ -s "$TMP/collected/$figure.$ext" ] || fail "--collect: no $figure.$ext"
    done
done

# 4b. --baseline: in-process (every run done: only the report) and after --collect, the same
# summary.csv; esp paired with natt over both runs; a value no run has exits 2 naming the flag.
"$SWEEP" "${grid[@]}" --baseline transport=natt --out="$TMP/own" >/dev/null 2>"$TMP/own.err" ||
    fail "--baseline sweep failed: $(tail -3 "$TMP/own.err")"
"$SWEEP" --collect "$TMP/remote/results" --baseline transport=natt --out="$TMP/paired" \
    >/dev/null 2>"$TMP/collect.err" || fail "--collect --baseline failed: $(tail -3 "$TMP/collect.err")"
cmp "$TMP/own/summary.csv" "$TMP/paired/summary.csv" ||
    fail "--collect --baseline summary differs: $(diff "$TMP/own/summary.csv" "$TMP/paired/summary.csv")"
python3 - "$TMP/paired/summary.csv" <<'PY' || fail "--baseline: summary.csv is not as expected"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 4, rows
for r in rows:
    if r["transport"] == "natt":
        assert r["baseline"] == "self" and r["pairs"] == "", r
    else:
        assert r["baseline"] == "transport=natt" and r["pairs"] == "2", r
        assert r["goodput_diff"] != "" and r["goodput_diff_lo"] != "", r
PY
"$SWEEP" --collect "$TMP/remote/results" --baseline transport=ctcp --out="$TMP/badbase" \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "--collect --baseline transport=ctcp: exit status $rc, expected 2"
tail -1 "$TMP/err" | grep -q -- "--baseline=transport=ctcp: no run has transport=ctcp" ||
    fail "--collect --baseline transport=ctcp: $(cat "$TMP/err")"
[ -e "$TMP/badbase/summary.csv" ] && fail "--collect with a bad --baseline wrote a summary"
# 5. --timeline: the two hand-written runs of test/timeline/ give timeline.{plt,dat,png,svg};
# a run whose time series is missing or malformed is one line naming --timeline, status 2.
FIXTURES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/timeline"
"$SWEEP" --timeline "$FIXTURES/ctcp-run.json" "$FIXTURES/natt-run.json" --out="$TMP/timeline" \
    2>"$TMP/timeline.err" || fail "--timeline failed: $(cat "$TMP/timeline.err")"
for ext in plt dat png svg; do
    [ -s "$TMP/timeline/timeline.$ext" ] || fail "--timeline: no timeline.$ext"
done
grep -q "first_failure_s" "$TMP/timeline/timeline.plt" || fail "--timeline: no failure marker"
mkdir -p "$TMP/bad-runs"
sed 's/"timeseries":"ctcp-run.csv"/"timeseries":"no-such.csv"/' "$FIXTURES/ctcp-run.json" \
    >"$TMP/bad-runs/missing.json"
sed 's/"timeseries":"ctcp-run.csv"/"timeseries":"sideways.csv"/' "$FIXTURES/ctcp-run.json" \
    >"$TMP/bad-runs/malformed.json"
sed '3s/,up,/,sideways,/' "$FIXTURES/ctcp-run.csv" >"$TMP/bad-runs/sideways.csv"
sed 's/,"timeseries":"ctcp-run.csv"//' "$FIXTURES/ctcp-run.json" >"$TMP/bad-runs/none.json"
expect_bad timeline "$SWEEP" --timeline "$TMP/bad-runs/missing.json" --out="$TMP/bad-runs"
expect_bad timeline "$SWEEP" --timeline "$TMP/bad-runs/malformed.json" --out="$TMP/bad-runs"
expect_bad timeline "$SWEEP" --timeline "$TMP/bad-runs/none.json" --out="$TMP/bad-runs"
expect_bad timeline "$SWEEP" --timeline "$FIXTURES/ctcp-run.csv" --out="$TMP/bad-runs"
expect_bad timeline "$SWEEP" --timeline "$TMP/bad-runs/absent.json"
expect_bad timeline "$SWEEP" --timeline
expect_bad runs "$SWEEP" --timeline "$FIXTURES/ctcp-run.json" --runs=3
expect_bad timeline "$SWEEP" --collect "$TMP" --timeline "$FIXTURES/ctcp-run.json"
"$SWEEP" --timeline "$TMP/bad-runs/malformed.json" --out="$TMP/bad-runs" 2>&1 |
    grep -q "sideways.csv line 3: tunnel_state 'sideways'" ||
    fail "--timeline: a malformed time series does not name the file and line"

if [ "$failures" -ne 0 ]; then
    echo "cli-test: $failures failures" >&2
    exit 1
fi
echo "cli-test: all passed"
