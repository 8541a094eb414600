#!/usr/bin/env bash
# One pass of `monitor check` over 100 sites that all answer 304 Not Modified, against urlwatch 2.29 on the
# same 100 URLs, in the same run, against the same local fixture server. See README.md beside this file.
#
#     Benchmarks/check-304/run.sh [MONITOR_BINARY]     # default .build/release/monitor
#
# Environment: PASSES (timed passes per tool, default 5), SITES (default 100), MODE (304, the default: every
# page unchanged; changed: before each timed pass the page gains one visible paragraph, so every request is a
# 200 with a new body that both tools must store and compare; cold: one process checking one new URL into an empty
# state directory / cache, `monitor check --site --url` against a one-URL urlwatch). PAGE: the page served (default: the real 38 KB
# colinraffel.com page of 2018-09-26 from ../shared/corpus when it is there, else fixtures/compare/old.html).
# HOSTS (default 1): spread the sites over that many loopback addresses, 127.0.0.1 … 127.0.0.HOSTS, so that the
# one-request-per-host rule is not what is measured (HOSTS=21: 127.0.0.1 and 127.0.0.2-127.0.0.21).
# SERVER (default fixture: Tests/Server/fixture_server.py): nginx serves the same URLs with nginx (apt-get install
# nginx-light), whose own cost per request is small enough not to be what a 0.1x target measures (README.md).
set -euo pipefail

caller_dir=$PWD
cd "$(dirname "$0")/../.."  # the repo root
MONITOR=${1:-.build/release/monitor}  # a relative argument is relative to the caller's directory
if [[ -n ${1:-} && $MONITOR != /* ]]; then MONITOR="$caller_dir/$MONITOR"; fi
PASSES=${PASSES:-5}
SITES=${SITES:-100}
VENV=.build-venv-urlwatch
MODE=${MODE:-304}
case $MODE in
    304) TARGET=0.1; WANT=304 ;;  # seconds, for one monitor pass (issue 4); issue 15: <= 0.1 x urlwatch
    changed) TARGET=; WANT=200 ;;  # the target is a ratio: monitor <= 0.2 x urlwatch (issue 15)
    cold) TARGET=0.03; WANT=200 ;;  # seconds, for one process (issue 15)
    *) echo "check-304: MODE must be 304, changed or cold, not '$MODE'" >&2; exit 2 ;;
esac

die() { echo "check-304: $*" >&2; exit 1; }

if [[ ! -x $MONITOR ]]; then
    die "no monitor binary at $MONITOR; build it first: swift build -c release --product monitor"
fi

# --- temp dir, fixture page, server ---------------------------------------------------------------------------
tmp=$(mktemp -d)
cleanup() {
    exec 3>&- 2>/dev/null || true  # EOF on the server's stdin: it exits by itself
    [[ -n ${server_pid:-} ]] && wait "$server_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/www" "$tmp/state"
real_page=../shared/corpus/raffel/versions/040-2018-09-26-8200ee7.html
if [[ -z ${PAGE:-} ]]; then
    # The real page when the corpus is beside the checkout; else a small homepage (4 publications, 2 talks, 2 members).
    if [[ -f $real_page ]]; then PAGE=$real_page; else PAGE=fixtures/compare/old.html; fi
fi
cp "$PAGE" "$tmp/homepage.html"
echo "Serving $PAGE ($(wc -c < "$PAGE") bytes) as every site; mode $MODE; ${HOSTS:-1} loopback address(es)" >&2
# change_page N: every site gets its own copy of the page with one more visible paragraph before </body>, naming
# the site and the pass, so each body differs from every other site's and from the last pass (the store keeps
# one copy of identical bodies, so one shared page would be compressed once, not 100 times).
change_page() {
    python3 - "$tmp/homepage.html" "$tmp/www" "$SITES" "$1" <<'EOF'
import sys
path, www, sites, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
page = open(path, "rb").read()
cut = page.rfind(b"</body>")
cut = len(page) if cut < 0 else cut
for i in range(1, sites + 1):
    extra = f"<p>News item {n} on site {i}: a new visible paragraph.</p>\n".encode()
    open(f"{www}/site-{i:03d}", "wb").write(page[:cut] + extra + page[cut:])
EOF
}

HOSTS=${HOSTS:-1}
[[ $HOSTS =~ ^[0-9]+$ && $HOSTS -ge 1 && $HOSTS -le 201 ]] || die "HOSTS must be a number from 1 to 201"
SERVER=${SERVER:-fixture}
case $SERVER in
fixture)
    mkfifo "$tmp/server-stdin"
    python3 Tests/Server/fixture_server.py --root "$tmp/www" --default-page "$tmp/homepage.html" \
        --loopbacks $((HOSTS - 1)) \
        < "$tmp/server-stdin" > "$tmp/server-port" &
    server_pid=$!
    exec 3> "$tmp/server-stdin"  # held open until cleanup
    for _ in $(seq 100); do
        grep -q '^PORT ' "$tmp/server-port" 2>/dev/null && break
        sleep 0.1
    done
    PORT=$(awk '/^PORT /{print $2}' "$tmp/server-port")
    ;;
nginx)
    # nginx serves every /page/site-NNN from a file of its own in $tmp/www (in the 304 mode all copies of one page
    # with one mtime, so one ETag fits them all); its access log stands in for the fixture server's /_log.
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    [[ -x $NGINX ]] || die "SERVER=nginx needs nginx: apt-get install nginx-light"
    PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    for i in $(seq "$SITES"); do cp "$tmp/homepage.html" "$tmp/www/$(printf 'site-%03d' "$i")"; done
    touch -d '2026-01-01 00:00:00 UTC' "$tmp/www"/site-*
    chmod 755 "$tmp" "$tmp/www"; chmod 644 "$tmp/www"/*  # nginx's workers may run as another user
    {
        echo "worker_processes 2; pid $tmp/nginx.pid; error_log $tmp/nginx-error.log; daemon on;"
        echo "events { worker_connections 1024; }"
        echo "http { log_format bench '\$request_method \$uri \$status \$http_if_none_match|\$http_if_modified_since'; access_log $tmp/access.log bench;"
        echo "  client_body_temp_path $tmp/nginx-body; proxy_temp_path $tmp/nginx-proxy; fastcgi_temp_path $tmp/nginx-fcgi;"
        echo "  uwsgi_temp_path $tmp/nginx-uwsgi; scgi_temp_path $tmp/nginx-scgi; keepalive_requests 100000;"
        echo "  if_modified_since before; etag on; default_type text/html;"
        echo "  server {"
        for h in $(seq "$HOSTS"); do echo "    listen 127.0.0.$h:$PORT;"; done
        echo "    location /page/ { alias $tmp/www/; }"
        echo "  }"
        echo "}"
    } > "$tmp/nginx.conf"
    "$NGINX" -c "$tmp/nginx.conf" -p "$tmp" 2> "$tmp/nginx-start.log" || { cat "$tmp/nginx-start.log" >&2; die "nginx did not start"; }
    nginx_stop() { [[ -f $tmp/nginx.pid ]] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; sleep 0.2; }
    trap 'nginx_stop; cleanup' EXIT
    ;;
*) die "SERVER must be fixture or nginx, not '$SERVER'" ;;
esac
[[ -n ${PORT:-} ]] || die "the $SERVER server did not start"
BASE="http://127.0.0.1:$PORT"

# --- helpers (small Python, stdlib only) ----------------------------------------------------------------------
# reset_log: clears the server's request log.
reset_log() {
    if [[ $SERVER == nginx ]]; then : > "$tmp/access.log"; return; fi
    python3 -c "import urllib.request as u; u.urlopen(u.Request('$BASE/_reset', method='POST'))"
}

# check_log STATUS LABEL STRICT: the log must hold exactly $SITES GETs of /page/site-*, all with STATUS.
# Prints a one-line summary (and max_in_flight) to stderr; exits non-zero on a mismatch when STRICT=1.
check_log() {
    python3 - "$BASE" "$SITES" "$1" "$2" "$3" "$SERVER" "$tmp/access.log" <<'EOF'
import json, sys, urllib.request
base, sites, want, label, strict = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"
if sys.argv[6] == "nginx":  # "METHOD URI STATUS IF-NONE-MATCH|IF-MODIFIED-SINCE" per request, "-" for none
    log = {"requests": [], "max_in_flight": "n/a (nginx)"}
    for line in open(sys.argv[7]):
        method, uri, status, rest = line.rstrip("\n").split(" ", 3)
        inm, _, ims = rest.partition("|")
        headers = {k: v for k, v in (("if-none-match", inm), ("if-modified-since", ims)) if v not in ("", "-")}
        log["requests"].append({"path": uri, "method": method, "status": int(status), "headers": headers})
else:
    log = json.load(urllib.request.urlopen(base + "/_log"))
pages = [r for r in log["requests"] if r["path"].startswith("/page/site-")]
statuses = {}
for r in pages:
    statuses[r["status"]] = statuses.get(r["status"], 0) + 1
conditional = sum(1 for r in pages if "if-none-match" in r["headers"] or "if-modified-since" in r["headers"])
inm = sum(1 for r in pages if "if-none-match" in r["headers"])
ok = len(pages) == sites and statuses == {want: sites}
print(f"  {label}: {len(pages)} page requests, statuses {statuses}, {conditional} conditional "
      f"({inm} with If-None-Match), max in flight {log['max_in_flight']}", file=sys.stderr)
if not ok:
    print(f"  {label}: expected {sites} requests all answered {want}", file=sys.stderr)
    sys.exit(1 if strict else 0)
EOF
}

# timed OUTFILE CMD...: runs CMD (output to OUTFILE), prints WALL,CPU,RSS: its wall time in seconds (monotonic
# clock), its user + system CPU seconds and its peak resident set in KiB (getrusage of the child).
timed() {
    python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
out = open(sys.argv[1], "w")
start = time.monotonic()
code = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT).returncode
elapsed = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if code != 0:
    sys.exit(f"'{' '.join(sys.argv[2:])}' exited with {code}; its output is in {sys.argv[1]}")
print(f"{elapsed:.6f},{usage.ru_utime + usage.ru_stime:.6f},{usage.ru_maxrss}")
EOF
}

site() { printf 'site-%03d' "$1"; }
# url N: site N's URL, on loopback address 1 + (N - 1) mod HOSTS.
url() { printf 'http://127.0.0.%d:%s/page/%s' $(( ($1 - 1) % HOSTS + 1 )) "$PORT" "$(site "$1")"; }

# --- urlwatch 2.29 setup --------------------------------------------------------------------------------------
if ! "$VENV/bin/urlwatch" --version 2>/dev/null | grep -qx 'urlwatch 2.29'; then
    echo "Installing urlwatch 2.29 into $VENV ..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'urlwatch==2.29'
fi
# Own files for everything, so ~/.config/urlwatch and ~/.cache are never read or written.
cat > "$tmp/urlwatch-config.yaml" <<'EOF'
report:
  stdout:
    enabled: true
    color: false
EOF
for i in $(seq "$SITES"); do
    printf -- '---\nname: %s\nurl: %s\n' "$(site "$i")" "$(url "$i")"
done > "$tmp/urls.yaml"
URLWATCH=("$VENV/bin/urlwatch" --urls "$tmp/urls.yaml" --config "$tmp/urlwatch-config.yaml"
          --hooks "$tmp/hooks.py" --cache "$tmp/urlwatch-cache.db")

# cold: one new site, one process each, every pass into an empty state directory / cache.
if [[ $MODE == cold ]]; then
    printf -- '---\nname: %s\nurl: %s\n' "$(site 1)" "$(url 1)" > "$tmp/one.yaml"
    monitor_times=()
    urlwatch_times=()
    for pass in $(seq "$PASSES"); do
        echo "Pass $pass of $PASSES (cold)" >&2
        reset_log
        t=$(MONITOR_STATE_DIR="$tmp/cold-$pass" timed "$tmp/monitor-cold.out" \
            "$MONITOR" check --site "$(site 1)" --url "$(url 1)") || die "'$MONITOR check' failed: see above"
        SITES=1 check_log 200 "monitor cold check" 1 || die "monitor's cold check did not fetch the page"
        monitor_times+=("$t")
        reset_log
        t=$(timed "$tmp/urlwatch-cold.out" "$VENV/bin/urlwatch" --urls "$tmp/one.yaml" \
            --config "$tmp/urlwatch-config.yaml" --hooks "$tmp/hooks.py" --cache "$tmp/cold-$pass.db") \
            || die "urlwatch failed: see above"
        SITES=1 check_log 200 "urlwatch cold run" 0
        urlwatch_times+=("$t")
    done
fi

if [[ $MODE == changed ]]; then change_page first; fi  # a page of its own for every site from the start
[[ $MODE == cold ]] || {
echo "Filling urlwatch's cache (first pass, untimed) ..." >&2
reset_log
timed "$tmp/urlwatch-first.out" "${URLWATCH[@]}" > /dev/null || die "urlwatch's first pass failed"
check_log 200 "urlwatch first pass" 1 || die "urlwatch's first pass did not fetch every site"

# --- monitor setup --------------------------------------------------------------------------------------------
export MONITOR_STATE_DIR="$tmp/state"
echo "Registering $SITES sites with monitor (first fetch, untimed) ..." >&2
reset_log
for i in $(seq "$SITES"); do
    name=$(site "$i")
    if ! "$MONITOR" check --site "$name" --url "$(url "$i")" > "$tmp/monitor-register.out" 2>&1; then
        cat "$tmp/monitor-register.out" >&2
        die "'$MONITOR check --site $name --url $(url "$i")' failed (output above); does 'monitor check' exist yet?"
    fi
done
check_log 200 "monitor registration" 1 || die "monitor's registration did not fetch every site"

# --- timed passes, interleaved --------------------------------------------------------------------------------
monitor_times=()
urlwatch_times=()
floor_times=()
CURL=$(command -v curl || true)
ALL_URLS=()
for i in $(seq "$SITES"); do ALL_URLS+=("$(url "$i")"); done
# Every site serves the same page in this mode, so one ETag fits every URL.
ETAG=$(python3 -c "import urllib.request as u; print(u.urlopen('$(url 1)').headers['ETag'])")
for pass in $(seq "$PASSES"); do
    echo "Pass $pass of $PASSES" >&2
    if [[ $MODE == changed ]]; then change_page "m$pass"; fi
    reset_log
    t=$(timed "$tmp/monitor-check.out" "$MONITOR" check) || die "'$MONITOR check' failed: see above"
    check_log "$WANT" "monitor check" 1 || die "monitor's pass was not $SITES x $WANT"
    monitor_times+=("$t")

    if [[ $MODE == changed ]]; then change_page "u$pass"; fi
    reset_log
    t=$(timed "$tmp/urlwatch.out" "${URLWATCH[@]}") || die "urlwatch failed: see above"
    check_log "$WANT" "urlwatch" 0  # reported, not fatal: it is the comparison, not the thing under test
    urlwatch_times+=("$t")

    # The server's own floor: curl (C, one keep-alive connection per host) sends the same 100 conditional GETs
    # one after another, as the one-request-per-host rule makes monitor send them. No client that waits for
    # each answer before the next request to that host can be faster than this.
    if [[ $MODE == 304 && -n $CURL ]]; then
        reset_log
        t=$(timed "$tmp/curl.out" "$CURL" -s -o /dev/null -H "If-None-Match: $ETAG" "${ALL_URLS[@]}") \
            || die "curl failed: see $tmp/curl.out"
        check_log 304 "curl (server floor)" 0
        floor_times+=("$t")
    fi
done
}

# --- table ----------------------------------------------------------------------------------------------------
python3 - "$TARGET" "${monitor_times[*]}" "${urlwatch_times[*]}" "${floor_times[*]:-}" <<'EOF'
import statistics, sys
target = float(sys.argv[1]) if sys.argv[1] else None
def parse(arg):
    runs = [[float(x) for x in run.split(",")] for run in arg.split()]
    return [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs]
monitor, monitor_cpu, monitor_rss = parse(sys.argv[2])
urlwatch, urlwatch_cpu, urlwatch_rss = parse(sys.argv[3])
print()
print(f"{'tool':<16}{'median s':>10}{'min s':>10}{'CPU s':>8}{'peak MiB':>10}   all passes (s)")
for name, times, cpu, rss in (("monitor check", monitor, monitor_cpu, monitor_rss),
                              ("urlwatch 2.29", urlwatch, urlwatch_cpu, urlwatch_rss)):
    print(f"{name:<16}{statistics.median(times):>10.3f}{min(times):>10.3f}{statistics.median(cpu):>8.3f}"
          f"{max(rss) / 1024:>10.1f}   " + " ".join(f"{t:.3f}" for t in times))
floor = parse(sys.argv[4])[0] if len(sys.argv) > 4 and sys.argv[4].strip() else []
if floor:
    print(f"{'curl (floor)':<16}{statistics.median(floor):>10.3f}{min(floor):>10.3f}{'':>8}{'':>10}   "
          + " ".join(f"{t:.3f}" for t in floor))
ratio = statistics.median(monitor) / statistics.median(urlwatch)
print(f"\nmonitor / urlwatch (medians): {ratio:.2f}x")
if floor:
    print(f"server floor / urlwatch (curl, the same requests one at a time): "
          f"{statistics.median(floor) / statistics.median(urlwatch):.2f}x")
if target is not None:
    verdict = "met" if statistics.median(monitor) <= target else "NOT met"
    print(f"target: monitor median <= {target} s: {verdict}")
    if target == 0.1:
        print(f"target (issue 15): monitor <= 0.1 x urlwatch: {'met' if ratio <= 0.1 else 'NOT met'}")
else:
    print(f"target: monitor <= 0.2 x urlwatch: {'met' if ratio <= 0.2 else 'NOT met'}")
EOF
