#!/usr/bin/env bash
# `monitor serve` under load (issue 13): wrk with 32 connections against /feed.atom and / over a store of
# SITES sites (default 100) with DAYS days (default 365) of history each, 4 checks a day (a change a week, a
# failure a month), built by .build/release/serve-bench. Reports wrk's latency percentiles per route and the
# server's peak RSS (VmHWM) after all runs. Targets: median <= 20 ms, peak RSS <= 40 MiB.
#
#     swift build -c release --product monitor --product serve-bench
#     Benchmarks/serve/run.sh [MONITOR_BINARY]        # default .build/release/monitor
#     Benchmarks/serve/run.sh .build/install/release/monitor   # as installed (scripts/build-release): the RSS figure
#
# Environment: DURATION (wrk seconds per route, default 15), CONNECTIONS (default 32), THREADS (wrk threads,
# default 2), KEEP_STORE=DIR (build the store once in DIR and reuse it on later runs).
set -euo pipefail

caller_dir=$PWD
cd "$(dirname "$0")/../.."
MONITOR=${1:-.build/release/monitor}
if [[ -n ${1:-} && $MONITOR != /* ]]; then MONITOR="$caller_dir/$MONITOR"; fi
BENCH=.build/release/serve-bench
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
die() { echo "serve-bench: $*" >&2; exit 1; }
[[ -x $MONITOR && -x $BENCH ]] || die "build first: swift build -c release --product monitor --product serve-bench"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"

tmp=$(mktemp -d)
cleanup() {
    [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

state=${KEEP_STORE:-$tmp/state}
if [[ ! -f $state/monitor.sqlite3 ]]; then
    "$BENCH" "$state"
fi
echo "store: $(du -sh "$state" | cut -f1) in $state" >&2

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: > "$tmp/config.toml"
MONITOR_CONFIG=$tmp/config.toml "$MONITOR" serve --listen "127.0.0.1:$port" --state-dir "$state" --log-level warning &
server_pid=$!
for _ in $(seq 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && break
    sleep 0.1
done
kill -0 "$server_pid" || die "monitor serve did not start"

echo "| route | requests/s | p50 | p90 | p99 | answer bytes |"
echo "|---|---|---|---|---|---|"
for route in /feed.atom / /sites/site-7 /api/v1/sites /metrics; do
    bytes=$(curl -fs "http://127.0.0.1:$port$route" | wc -c)
    # One warm-up second, then the measured run.
    wrk -t1 -c4 -d1s "http://127.0.0.1:$port$route" > /dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port$route" > "$tmp/wrk.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.txt")
    p90=$(awk '$1 == "90%" {print $2}' "$tmp/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.txt")
    errors=$(grep -E "Non-2xx|Socket errors" "$tmp/wrk.txt" || true)
    echo "| \`$route\` | $rps | $p50 | $p90 | $p99 | $bytes |"
    [[ -z $errors ]] || echo "  $route: $errors" >&2
done
peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
echo
echo "serve peak RSS (VmHWM): $((peak / 1024)) MiB ($peak kB); $CONNECTIONS connections, $THREADS wrk threads, ${DURATION} s per route"
