#!/usr/bin/env bash
# Time Wick in a release build:
#   build-aux/bench.sh [--json FILE] [--runs N] [--quick] [--builddir DIR [--no-build]]
#
# 1. In process (each a median over repeated runs): static frames at 1920×1080 of the sample and
#    of 1k to 1M synthetic candles all in view, with and without the heatmap, price lines and
#    signals, and the drag-motion redraw (bench-render); the analysis at 20k and 1M candles
#    (bench-analysis); the heatmap model and grid at 20k and 1M (bench-heatmap) and as the
#    window builds and live-updates them (bench-heatmap-window); the stages of
#    a 1M-candle export, CSV load first (bench-export); and, when they are there, kline page
#    parsing (bench-parse), the candle cache (bench-candle-cache) and the live client
#    (bench-live, 200,000 messages a case).
# 2. Whole processes, start to exit, each the median of --runs runs after a warm-up, with the
#    peak RSS and the median CPU time (user + system) of each: `wick --export` PNG 1920×1080
#    of the sample's default view and of CSV files of 1k, 10k, 100k and 1M hourly candles shown
#    whole (--range all), generated into a temporary folder; the sample as PNG, SVG and PDF at
#    1920×1080 and 3840×2160 (5 runs each, with the file's size); and start-up to the first frame
#    of the window on the sample, under xvfb-run and dbus-run-session (GTK's Cairo renderer,
#    as Xvfb has no GPU), with tests/bench/bench-first-frame.so preloaded to end the process
#    at the first paint whose chart has the candles (it reports the first paint of all too);
#    and the window on a CSV file of 1M candles until its signals panel lists them, for the
#    peak RSS of a window with a million candles analysed.
#
# The tables go to the terminal; --json FILE also writes every median, so runs can be compared.
# --builddir times another release build (another checkout's, say) and --no-build leaves it as
# it is. Timings on a shared machine are noisy: compare runs made in the same conditions.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

builddir=_build-bench
json=
runs=${WICK_BENCH_RUNS:-7}
quick=0
build=1

while [ $# -gt 0 ]; do
  case "$1" in
    --json) json=$2; shift 2 ;;
    --json=*) json=${1#--json=}; shift ;;
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --builddir) builddir=$2; shift 2 ;;
    --builddir=*) builddir=${1#--builddir=}; shift ;;
    --no-build) build=0; shift ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  wick_install_packages "${WICK_BUILD_PACKAGES[@]}"
  wick_install_packages xvfb xauth dbus || echo "(no xvfb or dbus: start-up will not be measured)"

  if [ -f "$builddir/build.ninja" ]; then
    meson configure "$builddir" -Dbuildtype=release >/dev/null
  else
    meson setup "$builddir" -Dbuildtype=release >/dev/null
  fi

  targets=(src/wick tests/bench/bench-render tests/bench/bench-analysis tests/bench/bench-heatmap
           tests/bench/bench-heatmap-window
           tests/bench/bench-export tests/bench/bench-first-frame.so)
  # Other engineers' benchmarks; run them when they are there.
  for extra in bench-parse bench-candle-cache bench-live; do
    if [ -f tests/bench/$extra.c ]; then
      targets+=(tests/bench/$extra)
    fi
  done
  ninja -C "$builddir" "${targets[@]}" >/dev/null
fi

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/wick-bench-XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT

echo "Release build in $builddir, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"

exec python3 - "$builddir" "$tmpdir" "$runs" "$quick" "$json" <<'EOF'
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

builddir, tmpdir, runs, quick, json_path = sys.argv[1:6]
runs = max(int(runs), 3)
quick = quick == "1"
bench = os.path.join(builddir, "tests", "bench")
wick = os.path.join(builddir, "src", "wick")
shared_data = os.path.abspath(os.path.join("..", "shared", "data"))

HOUR_MS = 3_600_000
FIRST_MS = 946_684_800_000  # 2000-01-01 00:00 UTC
SIZES = [1_000, 10_000, 100_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
TARGETS_MS = {1_000: 50, 10_000: 60, 100_000: 100, 1_000_000: 300}

results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "cores": os.cpu_count(), "runs": runs, "in_process": {}, "whole_process": {}}

ROW = re.compile(r"^\|\s*(?P<name>.+?)\s*\|\s*(?P<median>[0-9.]+)\s*(?P<unit>ms|µs)?\s*\|")


LIVE_ROW = re.compile(r"^\|\s*(?P<name>[^|]+?)\s*\|\s*\d+\s*\|\s*[0-9.]+\s*\|\s*(?P<rate>\d+)\s*\|"
                      r"(?:[^|]*\|){2}\s*(?P<growth>[0-9.]+)\s*\|")


def run_in_process(name, args, env=None, row=ROW):
    """Runs a benchmark binary, shows its output and keeps the medians of its table rows."""
    path = os.path.join(bench, name)
    if not os.path.exists(path):
        return
    print(flush=True)
    full_env = dict(os.environ, WICK_SHARED_DATA=shared_data, **(env or {}))
    out = subprocess.run([path] + args, stdout=subprocess.PIPE, text=True, env=full_env,
                         check=True).stdout
    print(out, end="", flush=True)
    rows = {}
    for line in out.splitlines():
        m = row.match(line)
        if m is None:
            continue
        if row is LIVE_ROW:
            rows[m.group("name")] = {"messages_per_s": int(m.group("rate")),
                                     "rss_growth_mib": float(m.group("growth"))}
            continue
        value = float(m.group("median"))
        rows[m.group("name")] = value / 1000 if m.group("unit") == "µs" else value
    results["in_process"][name] = rows


def write_csv(path, n):
    """Hourly candles from 2000: a random walk in log price pulled gently towards 30,000, the
    same on every run."""
    rand = random.Random(20260101)
    price = 30_000.0
    with open(path, "w") as f:
        f.write("open_time_ms,open,high,low,close,volume\n")
        rows = []
        for i in range(n):
            close = price * math.exp(1e-4 * math.log(30_000.0 / price) + rand.gauss(0, 0.004))
            high = max(price, close) * (1 + rand.uniform(0, 0.003))
            low = min(price, close) * (1 - rand.uniform(0, 0.003))
            rows.append("%d,%.2f,%.2f,%.2f,%.2f,%.5f\n"
                        % (FIRST_MS + i * HOUR_MS, price, high, low, close, rand.uniform(10, 1000)))
            price = close
            if len(rows) == 65536:
                f.writelines(rows)
                rows.clear()
        f.writelines(rows)


def run_once(args, env):
    """Wall milliseconds, peak RSS (MB) and user + system CPU milliseconds of one process, and
    its stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(args), proc.returncode, err.strip()))
    return elapsed, usage.ru_maxrss / 1024, err, (usage.ru_utime + usage.ru_stime) * 1000


def time_process(args, env, n_runs):
    """Median and best wall time, peak RSS and median CPU time (user + system)."""
    run_once(args, env)
    samples, cpu, rss = [], [], 0.0
    for _ in range(n_runs):
        ms, mb, _, cpu_ms = run_once(args, env)
        samples.append(ms)
        cpu.append(cpu_ms)
        rss = max(rss, mb)
    return statistics.median(samples), min(samples), rss, statistics.median(cpu)


def print_table(title, rows):
    print("\n%s\n" % title)
    print("| %-46s | %9s | %9s | %9s | %9s | %-8s |"
          % ("case", "median", "best", "CPU", "peak RSS", "target"))
    print("|%s|%s|%s|%s|%s|%s|" % ("-" * 48, "-" * 11, "-" * 11, "-" * 11, "-" * 11, "-" * 10))
    for name, med, best, rss, target, *cpu in rows:
        print("| %-46s | %9.1f | %9.1f | %9s | %6.1f MB | %-8s |"
              % (name, med, best, "%.1f" % cpu[0] if cpu else "", rss, target), flush=True)


# 1. In process
run_in_process("bench-render", ["--frames", "15" if quick else "30"])
run_in_process("bench-analysis", ["--runs", "11" if quick else "21"])
run_in_process("bench-heatmap", ["--runs", "10" if quick else "20"])
run_in_process("bench-heatmap-window", ["--runs", "5" if quick else "11"])
run_in_process("bench-export", ["--runs", "3" if quick else "5",
                                "--candles", "100000" if quick else "1000000"])
run_in_process("bench-parse", [])
run_in_process("bench-candle-cache", [])
run_in_process("bench-live", ["--messages", "50000" if quick else "200000"], row=LIVE_ROW)

# 2. Whole processes: exports
env = dict(os.environ, GSETTINGS_BACKEND="memory", XDG_DATA_HOME=os.path.join(tmpdir, "data"),
           XDG_CACHE_HOME=os.path.join(tmpdir, "cache"), XDG_CONFIG_HOME=os.path.join(tmpdir, "config"))
for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
    env.pop(variable, None)
png = os.path.join(tmpdir, "out.png")
rows = []

med, best, rss, cpu = time_process([wick, "--export", png, "--source", "sample"], env, runs * 2)
rows.append(("sample, default view", med, best, rss, "", cpu))
results["whole_process"]["export sample"] = {"median_ms": med, "best_ms": best, "rss_mb": rss,
                                             "cpu_ms": cpu}

def whole_range(n):
    """--range all, or for a build without it the dates of the first and last candles."""
    probe = subprocess.run([wick, "--export", png, "--source", "csv:" + csv, "--range", "all"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if probe.returncode == 0:
        return "all"
    day = lambda ms: time.strftime("%Y-%m-%d", time.gmtime(ms // 1000))
    return "%s..%s" % (day(FIRST_MS), day(FIRST_MS + (n - 1) * HOUR_MS))


for n in SIZES:
    csv = os.path.join(tmpdir, "candles-%d.csv" % n)
    write_csv(csv, n)
    args = [wick, "--export", png, "--source", "csv:" + csv, "--range", whole_range(n)]
    med, best, rss, cpu = time_process(args, env, runs if n >= 1_000_000 else runs * 2)
    name = "CSV, %s hourly candles, all in view" % format(n, ",")
    rows.append((name, med, best, rss, "≤ %d ms" % TARGETS_MS[n], cpu))
    results["whole_process"]["export %d" % n] = {"median_ms": med, "best_ms": best, "rss_mb": rss,
                                                 "cpu_ms": cpu, "target_ms": TARGETS_MS[n]}
    os.unlink(csv)

print_table("Whole process: wick --export PNG 1920×1080 (milliseconds, CPU = user + system; %d "
            "runs after a warm-up)" % runs, rows)

# The sample's default view in each format, at full HD and 4K (5 runs each, as the saving
# figures are reported).
rows = []
for size in ("1920x1080", "3840x2160"):
    for extension in ("png", "svg", "pdf"):
        out = os.path.join(tmpdir, "sample." + extension)
        args = [wick, "--export", out, "--source", "sample", "--size", size]
        med, best, rss, cpu = time_process(args, env, 5)
        name = "sample, %s %s" % (extension.upper(), size.replace("x", "×"))
        rows.append((name + " (%d KB)" % (os.path.getsize(out) // 1024), med, best, rss, "",
                     cpu))
        results["whole_process"]["export sample %s %s" % (extension, size)] = {
            "median_ms": med, "best_ms": best, "rss_mb": rss, "cpu_ms": cpu,
            "bytes": os.path.getsize(out)}
print_table("Whole process: wick --export of the sample by format and size (milliseconds; 5 "
            "runs after a warm-up)", rows)

# 3. The window: start-up to the first frame on the sample, and the window on a 1M-candle CSV
#    until its signals are listed, with the peak RSS of each
xvfb, dbus = shutil.which("xvfb-run"), shutil.which("dbus-run-session")
module = os.path.abspath(os.path.join(bench, "bench-first-frame.so"))
if xvfb is None or dbus is None or not os.path.exists(module):
    print("\nWindow not measured: xvfb-run, dbus-run-session or %s is missing." % module)
else:
    csv = os.path.join(tmpdir, "candles-window.csv")
    write_csv(csv, 1_000_000)
    driver = os.path.join(tmpdir, "window.py")
    with open(driver, "w") as f:
        f.write(r'''
import json, os, statistics, subprocess, sys, time
wick, module, cases = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
# Xvfb has no GPU: GTK's GL renderer would run on llvmpipe, whose shader compiler costs more
# than the window; the Cairo renderer stands in for a GPU. No accessibility bus is started.
env = dict(os.environ, LD_PRELOAD=module, GTK_A11Y="none", NO_AT_BRIDGE="1", GSK_RENDERER="cairo")
results = {}
for name, args, until, n in cases:
    walls, frames, candle_frames, rss = [], [], [], 0.0
    for i in range(n + 1):
        start = time.perf_counter()
        proc = subprocess.Popen([wick] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=dict(env, WICK_BENCH_UNTIL=until))
        err = proc.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(proc.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        lines = err.splitlines()
        frame = [float(l.split()[1]) for l in lines if l.startswith("first-frame-ms ")]
        candles = [float(l.split()[1]) for l in lines if l.startswith("candles-frame-ms ")]
        if not frame or not candles or status != 0:
            sys.exit("no frame with candles for %s: %s" % (name, err))
        if i == 0:
            continue  # the warm-up fills the font and shader caches
        walls.append(wall)
        frames.append(frame[0])
        candle_frames.append(candles[0])
        rss = max(rss, usage.ru_maxrss / 1024)
    results[name] = {"median_ms": statistics.median(walls), "best_ms": min(walls),
                     "first_paint_ms": statistics.median(frames),
                     "candles_paint_ms": statistics.median(candle_frames), "rss_mb": rss}
print(json.dumps(results))
''')
    cases = [["startup sample", ["--source", "sample"], "candles", runs * 2],
             ["window 1000000", ["--source", "csv:" + csv], "signals", 3]]
    out = subprocess.run([xvfb, "-a", dbus, "--",
                          sys.executable, driver, wick, module, json.dumps(cases)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                         timeout=600)
    os.unlink(csv)
    try:
        window = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        window = None
        print("\nWindow not measured: %s" % out.stdout.strip())
    if window is not None:
        startup, big = window["startup sample"], window["window 1000000"]
        results["whole_process"]["startup sample"] = dict(startup, target_ms=250)
        results["whole_process"]["window 1000000"] = dict(big, target_rss_mb=150)
        print_table("The window under xvfb with the Cairo renderer: start-up to the first frame "
                    "with the candles (%d runs after a warm-up; in the process: first paint "
                    "%.1f ms, first with the candles %.1f ms), and a 1M-candle CSV until its "
                    "signals are listed (3 runs)"
                    % (runs * 2, startup["first_paint_ms"], startup["candles_paint_ms"]),
                    [("wick --source sample, until the candles' frame", startup["median_ms"],
                      startup["best_ms"], startup["rss_mb"], "≤ 250 ms"),
                     ("1M-candle CSV, until the signals are listed", big["median_ms"],
                      big["best_ms"], big["rss_mb"], "≤ 150 MB")])

if json_path:
    with open(json_path, "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    print("\nWrote %s" % json_path)
EOF
