#!/usr/bin/env bash
# Build Wick and run every test under a virtual display: `build-aux/test.sh [meson test options]`.
# Then build it again with AddressSanitizer and UBSan (_build-asan) and run every test again.
# Ends with a line "N passed, N failed, N skipped" counting both runs.
set -uo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

WICK_TEST_PACKAGES=(xvfb xauth dbus desktop-file-utils appstream xdotool)

wick_install_packages "${WICK_BUILD_PACKAGES[@]}" "${WICK_TEST_PACKAGES[@]}" || exit 1

# Runs meson test on the display; the log goes to <builddir>/meson-logs/<logbase>.json.
run_tests () {
  local builddir=$1 logbase=$2
  shift 2
  rm -f "$builddir/meson-logs/$logbase.json"
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    dbus-run-session -- meson test -C "$builddir" --logbase "$logbase" --print-errorlogs "$@"
}

wick_build _build || { echo "0 passed, 1 failed"; exit 1; }

status=0
broken_builds=0
run_tests _build testlog "$@" || status=1
logs=(_build/meson-logs/testlog.json)

# The sanitizer run. gcc's ASan and UBSan; every test of the suite, the real binary included.
# - G_SLICE=always-malloc: GLib 2.74's slice allocator would recycle blocks behind ASan's
#   back, hiding use-after-free and leaks. The suite's own MALLOC_CHECK_=2 (and meson's
#   MALLOC_PERTURB_) only tune glibc's malloc, which ASan replaces: harmless, and left as is.
# - LeakSanitizer suppresses only the library leaks listed, with why, in build-aux/lsan.supp;
#   print_suppressions=0 keeps stderr clean for the tests that read the binary's stderr.
# - UBSan stops at the first error, with its stack.
# - The leak stacks must reach into the libraries for those suppressions to match, and
#   Debian's libraries have no frame pointers: so the slow unwinder (fast_unwind_on_malloc=0).
# - The window tests run without leak detection (memory errors are still caught): now and
#   then, on a loaded machine, GTK 4.8 ends a window test with a GSList of 17 nodes unfreed
#   (16 bytes + 16 × 16), whose stack stops at g_malloc: Debian's GLib and GTK have no frame
#   pointers and the slow unwinder takes minutes per GTK test, so no suppression can name
#   it; valgrind runs of the same tests show only fontconfig's and Mesa's leaks. The xdotool
#   test, which runs the real binary, keeps leak detection.
if wick_build _build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
  export G_SLICE=always-malloc
  export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
    run_tests _build-asan asan --no-suite ui "$@" || status=1
  logs+=(_build-asan/meson-logs/asan.json)

  ASAN_OPTIONS=detect_leaks=0 \
    run_tests _build-asan asan-ui --suite ui --no-suite e2e --timeout-multiplier 2 "$@" || status=1
  logs+=(_build-asan/meson-logs/asan-ui.json)

  ASAN_OPTIONS=detect_leaks=1 \
    run_tests _build-asan asan-e2e --suite e2e "$@" || status=1
  logs+=(_build-asan/meson-logs/asan-e2e.json)
else
  echo "wick: the sanitizer build failed" >&2
  broken_builds=1
  status=1
fi

python3 - "$broken_builds" "${logs[@]}" <<'PY'
import json, sys
passed = skipped = 0
failed = int(sys.argv[1])  # a build that failed counts once
for path in sys.argv[2:]:
    try:
        with open(path) as log:
            for line in log:
                result = json.loads(line).get("result", "")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
    except FileNotFoundError:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
