#!/usr/bin/env bash
# Render the README picture (and the metainfo screenshot) from the bundled sample with
# `wick --export`, so it always shows what the app draws: `build-aux/readme-image.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

wick_install_packages "${WICK_BUILD_PACKAGES[@]}"
wick_build _build >/dev/null

mkdir -p data/screenshots
_build/src/wick --source sample --export data/screenshots/chart.png --size 1280x720 --scale 1
echo "Wrote data/screenshots/chart.png"
