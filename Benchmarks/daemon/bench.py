#!/usr/bin/env python3
"""Daemon benchmark: memory and CPU of `monitor run` with 1,000 sites (issue 5).

    swift build -c release --product monitor && swift build -c release --product monitor-idle &&
        python3 Benchmarks/daemon/bench.py [--sites 1000]

1. Load: 1,000 sites on the local fixture server (127.0.0.1), every page answering 304 after its first
   fetch, checked every 60 s. After the first round, CPU time (utime + stime from /proc) and the number of
   stored checks are read over a window: CPU per check.
2. Idle: the same 1,000 sites at a 1 h interval, restarted just after they were all checked, so nothing is
   due: peak RSS (VmHWM) and CPU over an idle window.
3. CPU per hour for 1,000 sites at 1 h answered with 304 = 1,000 x CPU per check + idle CPU per hour
   + one waking (start-up and hand-over); the target is < 1 % of one core (36 CPU-seconds per hour).
   Peak RSS target while idle: <= 20 MiB. Idle means the process has become monitor-idle (`monitor run`
   execs it when nothing is due for --idle-after; VmHWM starts afresh with the new program).
"""
import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory_kib(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmHWM:", "VmRSS:")):
                name, value = line.split(":")
                values[name] = int(value.split()[0])
    return values


def exe_name(pid):
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe"))
    except OSError:
        return ""


def checks(state):
    path = os.path.join(state, "monitor.sqlite3")
    if not os.path.exists(path):
        return 0, 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        total = db.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
        sites = db.execute("SELECT COUNT(DISTINCT site_id) FROM snapshots").fetchone()[0]
        return total, sites
    except sqlite3.OperationalError:
        return 0, 0
    finally:
        db.close()


def write_config(path, port, sites, interval):
    with open(path, "w") as f:
        f.write(f'contact = "mailto:bench@example.org"\n[defaults]\ninterval = "{interval}"\njitter = 0.1\n')
        f.write("[limits]\nconcurrency = 4\n")
        for n in range(sites):
            f.write(f'\n[[sites]]\nid = "site-{n:04d}"\nurl = "http://127.0.0.1:{port}/page/site-{n:04d}"\n')


def start(monitor, config, state):
    return subprocess.Popen([monitor, "run", "--config", config, "--state-dir", state, "--log-level", "warning"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process):
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return time.monotonic() - started, process.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--window", type=float, default=90.0, help="seconds of load measured")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle measured")
    parser.add_argument("--monitor", default=os.path.join(ROOT, ".build/release/monitor"))
    args = parser.parse_args()
    if not os.access(args.monitor, os.X_OK):
        sys.exit(f"bench: no {args.monitor}; run: swift build -c release --product monitor")

    tmp = tempfile.mkdtemp(prefix="daemon-bench-")
    www, state, config = os.path.join(tmp, "www"), os.path.join(tmp, "state"), os.path.join(tmp, "monitor.toml")
    os.makedirs(www)
    page = os.path.join(ROOT, "fixtures/compare/old.html")
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Server/fixture_server.py"), "--root", www,
                               "--default-page", page], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    port = int(server.stdout.readline().split()[1])
    try:
        # 1. Load: 60 s interval.
        write_config(config, port, args.sites, "60s")
        daemon = start(args.monitor, config, state)
        deadline = time.monotonic() + 120
        while checks(state)[1] < args.sites and time.monotonic() < deadline:
            time.sleep(0.5)
        total, sites = checks(state)
        print(f"first round: {sites} of {args.sites} sites checked")
        cpu0, checks0, t0 = cpu_seconds(daemon.pid), checks(state)[0], time.monotonic()
        time.sleep(args.window)
        cpu1, checks1, t1 = cpu_seconds(daemon.pid), checks(state)[0], time.monotonic()
        load_memory = memory_kib(daemon.pid)
        per_check = (cpu1 - cpu0) / max(1, checks1 - checks0)
        print(f"load: {checks1 - checks0} checks (304) in {t1 - t0:.0f} s, {cpu1 - cpu0:.2f} CPU-s, "
              f"{per_check * 1000:.2f} ms CPU per check; peak RSS {load_memory['VmHWM'] / 1024:.1f} MiB")
        seconds, code = stop(daemon)
        print(f"SIGTERM under load: exit {code} after {seconds:.2f} s")

        # 2. Idle: 1 h interval, every site checked moments ago. With nothing due for --idle-after
        # (default 5 min) the process execs monitor-idle (same PID); measured once it has.
        write_config(config, port, args.sites, "1h")
        daemon = start(args.monitor, config, state)
        time.sleep(0.3)
        awake_program = exe_name(daemon.pid)
        awake_memory = memory_kib(daemon.pid)
        deadline = time.monotonic() + 60
        while exe_name(daemon.pid) != "monitor-idle" and time.monotonic() < deadline:
            time.sleep(0.2)
        program = exe_name(daemon.pid)
        wake_cpu = cpu_seconds(daemon.pid)
        print(f"0.3 s after start ({awake_program}): peak RSS {awake_memory['VmHWM'] / 1024:.1f} MiB; then "
              f"{program}, after {wake_cpu:.2f} CPU-s in all (start with {args.sites} sites, schedule, hand-over)")
        time.sleep(1)
        cpu0, checks0, t0 = cpu_seconds(daemon.pid), checks(state)[0], time.monotonic()
        time.sleep(args.idle)
        cpu1, checks1, t1 = cpu_seconds(daemon.pid), checks(state)[0], time.monotonic()
        idle_memory = memory_kib(daemon.pid)
        idle_per_hour = (cpu1 - cpu0) / (t1 - t0) * 3600
        print(f"idle ({exe_name(daemon.pid)}): {checks1 - checks0} checks in {t1 - t0:.0f} s, {cpu1 - cpu0:.3f} CPU-s "
              f"({idle_per_hour:.1f} CPU-s per hour); peak RSS {idle_memory['VmHWM'] / 1024:.1f} MiB "
              f"(target <= 20 MiB), RSS now {idle_memory['VmRSS'] / 1024:.1f} MiB")
        seconds, code = stop(daemon)
        print(f"SIGTERM idle: exit {code} after {seconds:.2f} s")

        # Each hour the sites come due within their jitter (here +-6 min) and are checked in one
        # waking spell: one start-up, 1,000 checks, then idle again.
        hourly = per_check * args.sites + idle_per_hour + wake_cpu
        print(f"CPU per hour, {args.sites} sites at 1 h answered with 304: {hourly:.1f} CPU-s = "
              f"{hourly / 36:.2f} % of one core (target < 1 %)")
    finally:
        server.stdin.close()
        server.wait(timeout=10)
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
