#!/usr/bin/env bash
# Time the chart renderer in a release build: `build-aux/bench.sh [bench-render options]`,
# e.g. `--frames 100` or `--output DIR` to also write each case as a PNG.
# Prints a table of median frame times (1920×1080) for the bundled sample and a million
# synthetic candles, the pyramid build time and the PNG export time.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

builddir=_build-bench

wick_install_packages "${WICK_BUILD_PACKAGES[@]}"

if [ -f "$builddir/build.ninja" ]; then
  meson configure "$builddir" -Dbuildtype=release >/dev/null
else
  meson setup "$builddir" -Dbuildtype=release >/dev/null
fi

# Only what the benchmark needs: the model and chart libraries, not the GTK front end.
ninja -C "$builddir" tests/bench/bench-render >/dev/null

echo "Release build in $builddir ($(nproc) cores)"
exec "$builddir/tests/bench/bench-render" "$@"
