#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# vpn-sweep --emit-slurm through a real SLURM scheduler: bash test/slurm-test.sh BUILD_DIR
#  1. starts a throwaway single-node cluster on localhost, all of it in one temporary folder:
#     a munge key and munged on its own socket, a minimal slurm.conf (SLURM_CONF), slurmctld
#     and slurmd on free ports, run as the current user (root or not); waits for the node idle;
#  2. runs the same small grid in-process and as the emitted array script (sbatch --wait):
#     sbatch succeeds, every array task COMPLETED with exit code 0, one result file per run;
#  3. --collect of the array's result files: summary.csv equal, byte for byte, to the one
#     vpn-sweep computes itself.
# Everything it started is stopped and the folder removed on exit, also on failure.
# Exits 77 (ctest: skipped) when slurm-wlm or munge is not installed (./vpnlab deps), or when
# the daemons cannot start here (e.g. a container without the privileges they need).

set -u
BUILD="$(cd "${1:?usage: slurm-test.sh BUILD_DIR}" && pwd)"
SWEEP="$BUILD/examples/vpn-sweep"
[ -x "$SWEEP" ] || { echo "FAIL: $SWEEP is not built" >&2; exit 1; }

for exe in slurmctld slurmd sbatch sinfo scontrol scancel munged python3; do
    if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$exe" >/dev/null; then
        echo "SKIP: $exe is not installed (Debian: slurm-wlm, munge; ./vpnlab deps)" >&2
        exit 77
    fi
done
PATH="$PATH:/usr/sbin:/sbin"

# No SLURM settings from outside (e.g. when run inside a SLURM job) leak into the clients.
for var in $(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN|SQUEUE|SINFO|SCONTROL)_'); do
    unset "$var"
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/vpn-slurm-test.XXXXXX")"
chmod 0711 "$TMP" # munged: everyone must be able to reach its socket
pids=()
busy=0 # 1: the array job may still run
cleanup() {
    if [ "$busy" = 1 ] && [ -s "$TMP/sbatch.out" ]; then # sbatch --parsable: the job id
        timeout 10 scancel "$(head -1 "$TMP/sbatch.out" | cut -d';' -f1)" 2>/dev/null
        sleep 1
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# skip_daemon NAME LOG...: the daemon could not start; skip with the reason from its log.
skip_daemon() {
    local reason
    reason="$(grep -ih 'fatal' "${@:2}" 2>/dev/null | tail -1)"
    [ -n "$reason" ] || reason="$(grep -ih 'error' "${@:2}" 2>/dev/null | tail -1)"
    [ -n "$reason" ] || reason="$(cat "${@:2}" 2>/dev/null | tail -1)"
    reason="$(sed -E 's/^\[[^]]*\] //; s/^[a-z]+: //' <<<"$reason")" # no time stamp, no name
    echo "SKIP: SLURM could not start on localhost: $1: ${reason:-no log}" >&2
    exit 77
}

# 1. The cluster. ----------------------------------------------------------------------------
mkdir -p "$TMP/munge" "$TMP/state" "$TMP/spool" "$TMP/log"
chmod 0755 "$TMP/munge"
dd if=/dev/urandom of="$TMP/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$TMP/munge/munge.key"
SOCKET="$TMP/munge/munge.socket"
# --force: a throwaway key, so run even where TMPDIR has a group- or world-writable parent.
munged --foreground --force --socket="$SOCKET" --key-file="$TMP/munge/munge.key" \
    --pid-file="$TMP/munge/munged.pid" --log-file="$TMP/log/munged.log" \
    --seed-file="$TMP/munge/munged.seed" 2>"$TMP/log/munged.err" &
pids+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; kill -0 "${pids[0]}" 2>/dev/null || break; sleep 0.2; done
[ -S "$SOCKET" ] || skip_daemon munged "$TMP/log/munged.log" "$TMP/log/munged.err"

# Two free TCP ports (the kernel's choice; another program could take them before slurm does).
read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
HOST="$(hostname -s)"
ME="$(id -un)"
export SLURM_CONF="$TMP/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=vpnlab-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$ME
SlurmdUser=$ME
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool/%n
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/log/slurmctld.log
SlurmdLogFile=$TMP/log/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i >"$TMP/log/slurmctld.err" 2>&1 &
pids+=($!)
slurmd -D >"$TMP/log/slurmd.err" 2>&1 &
pids+=($!)
state=""
deadline=$((SECONDS + 30))
while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "${pids[1]}" 2>/dev/null || skip_daemon slurmctld "$TMP/log/slurmctld.log" "$TMP/log/slurmctld.err"
    kill -0 "${pids[2]}" 2>/dev/null || skip_daemon slurmd "$TMP/log/slurmd.log" "$TMP/log/slurmd.err"
    state="$(timeout 5 sinfo -h -N -o %t 2>/dev/null)"
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || skip_daemon "node not idle after 30 s (sinfo: ${state:-no answer})" \
    "$TMP/log/slurmd.log" "$TMP/log/slurmctld.log"

# 2. The grid in-process and as a SLURM array. -----------------------------------------------
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "slurm-test: $failures failures" >&2
        exit 1
    fi
}
# shellcheck disable=SC2054 # the commas are vpn-sweep list syntax
grid=(--transports=natt,esp --firewalls=inspect --losses=0,0.02 --runs=2 --duration=5 --jobs=2)
"$SWEEP" "${grid[@]}" --out="$TMP/own" >/dev/null 2>"$TMP/own.err" ||
    fail "in-process sweep failed: $(tail -3 "$TMP/own.err")"
"$SWEEP" "${grid[@]}" --out="$TMP/slurm" --emit-slurm="$TMP/sweep.sbatch" 2>"$TMP/emit.err" ||
    fail "--emit-slurm failed: $(tail -3 "$TMP/emit.err")"
finish
# Submit from another folder: the job list carries absolute paths. In the background, so that
# a signal to the test is handled at once (cleanup stops it and cancels the job).
busy=1
(cd / && exec timeout 300 sbatch --wait --parsable "$TMP/sweep.sbatch") \
    >"$TMP/sbatch.out" 2>"$TMP/sbatch.err" &
pids+=($!)
wait $!
rc=$?
[ "$rc" -eq 0 ] && busy=0
jobid="$(head -1 "$TMP/sbatch.out" | cut -d';' -f1)"
[ "$rc" -eq 0 ] || fail "sbatch --wait: exit status $rc (124: timed out after 300 s) $(tail -3 "$TMP/sbatch.err")"
[ -n "$jobid" ] || { fail "sbatch printed no job id"; finish; }
# One line per array task (pending ones as a range); MinJobAge (300 s) keeps finished ones listed.
tasks="$(scontrol -o show job "$jobid" 2>&1)"
ntasks="$(grep -c 'ArrayTaskId=[0-9]* ' <<<"$tasks")"
[ "$ntasks" -eq 8 ] || fail "job $jobid: $ntasks array tasks listed, expected 8"
bad="$(grep -v 'JobState=COMPLETED .*ExitCode=0:0' <<<"$tasks" |
    grep -oE 'ArrayTaskId=[0-9-]+|JobState=[A-Z_]+|ExitCode=[0-9:]+' | paste -sd' ')"
[ -z "$bad" ] || fail "job $jobid: tasks not completed: $bad $(grep -H . "$TMP"/slurm/slurm/*.log | tail -3)"
nresults="$(find "$TMP/slurm/results" -type f 2>/dev/null | wc -l)"
[ "$nresults" -eq 8 ] || fail "$nresults files under $TMP/slurm/results, expected 8"
finish

# 3. --collect equals the in-process summary. ------------------------------------------------
"$SWEEP" --collect "$TMP/slurm/results" --out="$TMP/slurm" >/dev/null 2>"$TMP/collect.err" ||
    fail "--collect failed: $(tail -3 "$TMP/collect.err")"
cmp "$TMP/own/summary.csv" "$TMP/slurm/summary.csv" >&2 ||
    fail "summary.csv through SLURM differs: $(diff "$TMP/own/summary.csv" "$TMP/slurm/summary.csv" | head -6)"
finish
echo "PASS: slurm-test: 8 runs as a SLURM array (job $jobid) on localhost, summary.csv equal to the in-process one"
