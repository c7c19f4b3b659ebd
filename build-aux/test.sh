#!/usr/bin/env bash
# Build Wick and run every test under a virtual display: `build-aux/test.sh [meson test options]`.
# Ends with a line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

WICK_TEST_PACKAGES=(xvfb xauth dbus desktop-file-utils appstream xdotool)

wick_install_packages "${WICK_BUILD_PACKAGES[@]}" "${WICK_TEST_PACKAGES[@]}" || exit 1
wick_build _build || { echo "0 passed, 1 failed"; exit 1; }

rm -f _build/meson-logs/testlog.json
xvfb-run -a -s "-screen 0 1600x1000x24" \
  dbus-run-session -- meson test -C _build --print-errorlogs "$@"
status=$?

python3 - _build/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as log:
        for line in log:
            result = json.loads(line).get("result", "")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    failed = 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
