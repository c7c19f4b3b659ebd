#!/usr/bin/env bash
# The real window, driven like a user with xdotool: a double-click adds a line, a drag moves
# it, and levels.json holds the new price within one price-pixel.
set -euo pipefail

if [ -z "${DISPLAY:-}" ]; then
  echo "No display (run under xvfb-run): skipped"
  exit 77
fi
command -v xdotool >/dev/null || { echo "xdotool is not installed" >&2; exit 1; }

data=$(mktemp -d)
export XDG_DATA_HOME=$data
levels="$data/wick/levels.json"
"$WICK_BINARY" --source sample &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT

window=""
for _ in $(seq 100); do
  window=$(xdotool search --onlyvisible --pid "$pid" --name "BTCUSDT" 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 0.1
done
[ -n "$window" ] || { echo "The window did not appear" >&2; exit 1; }
sleep 1  # the first frame

eval "$(xdotool getwindowgeometry --shell "$window")"
# Left of the middle: the signals sidebar may take the right part of the window.
x=$((X + WIDTH * 35 / 100))
y1=$((Y + HEIGHT * 45 / 100))
y2=$((Y + HEIGHT * 65 / 100))

# Prices of the market's lines, by id, from the file the window wrote.
prices () {
  python3 - "$levels" <<'PY'
import json, sys
try:
    lines = json.load(open(sys.argv[1]))["markets"]["Sample:BTCUSDT"]
except (OSError, KeyError, ValueError):
    lines = []
print(" ".join(repr(l["price"]) for l in sorted(lines, key=lambda l: l["id"])))
PY
}

# Waits until the file holds $1 lines.
wait_for_count () {
  local found
  for _ in $(seq 50); do
    found=$(prices | wc -w)
    [ "$found" -ge "$1" ] && return 0
    sleep 0.1
  done
  echo "levels.json never held $1 lines: $(prices)" >&2
  exit 1
}

# Shift turns the magnet off, so a line lands exactly under the pointer.
add_line () {
  xdotool mousemove "$x" "$1"
  sleep 0.2
  xdotool keydown shift click --repeat 2 --delay 80 1 keyup shift
}

add_line "$y1"; wait_for_count 1
add_line "$y2"; wait_for_count 2
read -r p1 p2 <<<"$(prices)"
echo "lines added at $p1 and $p2"

# A drag of 60 pixels upwards, Shift held again.
xdotool mousemove "$x" "$y1"
sleep 0.2
xdotool keydown shift mousedown 1
for step in 10 20 30 40 50 60; do
  xdotool mousemove "$x" $((y1 - step))
  sleep 0.05
done
xdotool mouseup 1 keyup shift
sleep 0.5

read -r moved _ <<<"$(prices)"
echo "line 1 dragged to $moved"

python3 - "$p1" "$p2" "$moved" "$y1" "$y2" <<'PY'
import sys
p1, p2, moved = map(float, sys.argv[1:4])
y1, y2 = map(int, sys.argv[4:6])
per_pixel = (p1 - p2) / (y2 - y1)
expected = p1 + 60 * per_pixel
print(f"one pixel is {per_pixel:.2f}; expected {expected:.2f}, got {moved:.2f}")
assert per_pixel > 0, "the second line should be lower"
assert abs(moved - expected) <= per_pixel, "the dragged line is not where the pointer left it"
PY
