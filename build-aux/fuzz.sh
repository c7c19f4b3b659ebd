#!/usr/bin/env bash
# Build the libFuzzer targets of tests/fuzz with clang, ASan and UBSan, and run each for
# SECONDS (default 60): `build-aux/fuzz.sh [SECONDS] [TARGET...]`.
#
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>/), copied into a temp
# folder together with the recorded exchange bodies of ../shared/data/fixtures/ for the JSON
# targets when that folder is there; nothing found is written back into the project. A crash,
# a leak, a timeout or an out-of-memory fails the run; its input is kept in
# _build-fuzz/fuzz-artifacts/<target>/ and its log in _build-fuzz/fuzz-logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
. build-aux/setup-common.sh

seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
case $seconds in
  ''|*[!0-9]*) echo "usage: build-aux/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

builddir=_build-fuzz
fixtures=../shared/data/fixtures

# libFuzzer's runtime (libclang_rt.fuzzer) is in libclang-rt-14-dev, not in clang itself.
wick_install_packages "${WICK_BUILD_PACKAGES[@]}" clang libclang-rt-14-dev || exit 1

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" \
    || exit 1
fi

# Regenerate after a meson.build change, so the list below is current.
ninja -C "$builddir" build.ninja >/dev/null || exit 1

# Only what the fuzzers link: the app and the other tests are not needed here.
mapfile -t executables < <(meson introspect --targets "$builddir" | python3 -c '
import json, os, sys
for target in json.load(sys.stdin):
    if target["type"] == "executable" and target["name"].startswith("fuzz-"):
        print(os.path.relpath(target["filename"][0], sys.argv[1]))
' "$builddir")
if [ $# -gt 0 ]; then
  wanted=()
  for exe in "${executables[@]}"; do
    printf '%s\n' "$@" | grep -qx "$(basename "$exe" | sed 's/^fuzz-//')" && wanted+=("$exe")
  done
  executables=("${wanted[@]}")
fi
[ ${#executables[@]} -gt 0 ] || { echo "No such fuzz targets in $builddir" >&2; exit 1; }
ninja -C "$builddir" "${executables[@]}" || exit 1

# The longest input each kind of target is given.
max_len_for () {
  case $1 in
    cli) echo 256 ;;
    csv) echo 8192 ;;
    candle-cache) echo 65536 ;;
    *) echo 16384 ;;
  esac
}

is_json_target () {
  case $1 in
    binance-*|okx-*|levels-*) return 0 ;;
    *) return 1 ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# GLib 2.74's slice allocator would hide its blocks from ASan.
export G_SLICE=always-malloc

mkdir -p "$builddir/fuzz-logs" "$builddir/fuzz-artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
summary=()
for exe in "${executables[@]}"; do
  name=$(basename "$exe")
  target=${name#fuzz-}
  corpus=$work/$target
  mkdir -p "$corpus" "$builddir/fuzz-artifacts/$target"
  if [ -d "tests/fuzz/corpus/$target" ]; then
    cp tests/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null
  fi
  if is_json_target "$target" && [ -d "$fixtures" ]; then
    for fixture in "$fixtures"/*.json; do
      cp "$fixture" "$corpus/fixture-$(basename "$fixture")"
    done
  fi

  dict=()
  is_json_target "$target" && dict=(-dict=tests/fuzz/json.dict)

  log=$builddir/fuzz-logs/$target.log
  echo "== $target: ${seconds}s"
  "$builddir/$exe" "$corpus" "${dict[@]}" \
    -max_len="$(max_len_for "$target")" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -max_total_time="$seconds" \
    -print_final_stats=1 \
    -artifact_prefix="$builddir/fuzz-artifacts/$target/" \
    >"$log" 2>&1
  status=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  if [ $status -ne 0 ]; then
    failed=$((failed + 1))
    echo "   FAILED (exit $status); see $log"
    grep -E "ERROR: |SUMMARY: |broken promise|Test unit written" "$log" | head -n 8 | sed 's/^/   /'
    summary+=("$(printf '%-22s %12s %10s  FAILED' "$target" "${runs:-?}" "${speed:-?}")")
  else
    summary+=("$(printf '%-22s %12s %10s  ok' "$target" "${runs:-?}" "${speed:-?}")")
  fi
done

echo
printf '%-22s %12s %10s  %s\n' target executions "execs/s" result
printf '%s\n' "${summary[@]}"
echo
echo "$(( ${#summary[@]} - failed )) passed, $failed failed"
[ $failed -eq 0 ]
