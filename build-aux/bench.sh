#!/usr/bin/env bash
# Time the chart in a release build: `build-aux/bench.sh [bench-render options]`,
# e.g. `--frames 100` or `--output DIR` to also write each case as a PNG.
#
# First the renderer alone: a table of median frame times (1920×1080) for the bundled sample
# and a million synthetic candles, the pyramid build time and the PNG export time.
# Then `wick --export` as a whole process, start to exit, at the default 1920×1080: the
# sample's default view, and a generated CSV of a million hourly candles exported over its
# whole range. Each is the median of WICK_BENCH_RUNS runs (15) after a warm-up; peak RSS
# comes from /usr/bin/time (Debian package `time`), and is left out when that is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

builddir=_build-bench
runs=${WICK_BENCH_RUNS:-15}

wick_install_packages "${WICK_BUILD_PACKAGES[@]}"
wick_install_packages time || echo "(no /usr/bin/time: peak RSS will not be measured)"

if [ -f "$builddir/build.ninja" ]; then
  meson configure "$builddir" -Dbuildtype=release >/dev/null
else
  meson setup "$builddir" -Dbuildtype=release >/dev/null
fi

# The renderer benchmark, and the command line for the whole-process export.
ninja -C "$builddir" tests/bench/bench-render src/wick >/dev/null

echo "Release build in $builddir ($(nproc) cores)"
"$builddir/tests/bench/bench-render" "$@"

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/wick-bench-XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT

echo
python3 - "$builddir/src/wick" "$tmpdir" "$runs" <<'EOF'
import datetime
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

wick, tmpdir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
SAMPLE_TARGET_MS = 100
N_CANDLES = 1_000_000
HOUR_MS = 3_600_000
FIRST_MS = 946_684_800_000  # 2000-01-01 00:00 UTC
time_tool = shutil.which("time", path="/usr/bin")


def write_csv(path):
    """Hourly candles in the format of the csv: source, the same on every run: a random walk
    in log price, pulled gently towards 30,000 so a century of it stays on a readable scale."""
    rand = random.Random(20260101)
    price = 30_000.0
    with open(path, "w") as f:
        f.write("open_time_ms,open,high,low,close,volume\n")
        rows = []
        for i in range(N_CANDLES):
            close = price * math.exp(1e-4 * math.log(30_000.0 / price) + rand.gauss(0, 0.004))
            high = max(price, close) * (1 + rand.uniform(0, 0.003))
            low = min(price, close) * (1 - rand.uniform(0, 0.003))
            rows.append("%d,%.2f,%.2f,%.2f,%.2f,%.5f\n"
                        % (FIRST_MS + i * HOUR_MS, price, high, low, close,
                           rand.uniform(10, 1000)))
            price = close
            if len(rows) == 65536:
                f.writelines(rows)
                rows.clear()
        f.writelines(rows)


def utc_date(ms):
    return datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc).strftime("%Y-%m-%d")


def run(args):
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(args), result.returncode, result.stderr))


def bench(args):
    """Median and best wall time in ms over `runs` runs after one warm-up, and peak RSS in MB."""
    run(args)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run(args)
        samples.append((time.perf_counter() - start) * 1000)

    rss = None
    if time_tool is not None:
        out = os.path.join(tmpdir, "rss")
        run([time_tool, "-f", "%M", "-o", out] + args)
        with open(out) as f:
            rss = int(f.read().split()[-1]) / 1024
    return statistics.median(samples), min(samples), rss


csv = os.path.join(tmpdir, "million-1h.csv")
print("Generating %s hourly candles in %s ..." % (format(N_CANDLES, ","), csv), flush=True)
write_csv(csv)
last_ms = FIRST_MS + (N_CANDLES - 1) * HOUR_MS
whole = "%s..%s" % (utc_date(FIRST_MS), utc_date(last_ms))
png = os.path.join(tmpdir, "out.png")

cases = [
    ("sample, default view", [wick, "--export", png, "--source", "sample"]),
    ("CSV, 1,000,000 hourly candles, whole range",
     [wick, "--export", png, "--source", "csv:" + csv, "--range", whole]),
]

print()
print("Whole process: wick --export PNG, 1920×1080, %d runs after a warm-up (milliseconds)" % runs)
print("The CSV case shows all of it: --range %s" % whole)
print()
print("| %-44s | %9s | %9s | %5s | %8s |" % ("case", "median", "best", "runs", "peak RSS"))
print("|%s|%s|%s|%s|%s|" % ("-" * 46, "-" * 11, "-" * 11, "-" * 7, "-" * 10))
results = {}
for name, args in cases:
    med, best, rss = bench(args)
    results[name] = med
    print("| %-44s | %9.2f | %9.2f | %5d | %8s |"
          % (name, med, best, runs, "%.1f MB" % rss if rss is not None else "n/a"),
          flush=True)

if time_tool is None:
    print("\nPeak RSS not measured: /usr/bin/time (package `time`) is not installed.")

sample_ms = results[cases[0][0]]
print("\nTarget: sample export process ≤ %d ms: %s (median %.1f ms)"
      % (SAMPLE_TARGET_MS, "met" if sample_ms <= SAMPLE_TARGET_MS else "MISSED", sample_ms))
EOF
