#!/usr/bin/env bash
# Build Wick and open it on the bundled sample: `build-aux/run.sh [wick options]`.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

wick_install_packages "${WICK_BUILD_PACKAGES[@]}"
wick_build _build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "wick: no display to open a window on. Without one, try:" >&2
  echo "  _build/src/wick --export chart.png" >&2
  exit 1
fi

# Run from the build tree: settings come from the schema compiled there.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
if [ $# -eq 0 ]; then
  set -- --source sample
fi
exec _build/src/wick "$@"
