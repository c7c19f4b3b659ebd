#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate Wick's bundled SYNTHETIC BTCUSDT 1h sample market.

Writes btcusdt-1h-candles.csv, btcusdt-1h-liquidations.csv and
btcusdt-1h-open-interest.csv (2025-11-01 00:00 to 2026-01-10 23:00 UTC,
hourly).  The numbers are invented: a seeded random walk pinned to the
waypoints of the sample's story, not market data.

    gen-sample.py OUTDIR        write the three files into OUTDIR
    gen-sample.py --check DIR   regenerate in memory, compare with DIR

The output is byte-identical on every machine: the generator uses its own
PRNG (splitmix64) and integer arithmetic only (prices in cents, volumes in
1e-5 BTC, liquidations in cents, open interest in USD, funding in 1e-6).
After generating it checks the story's waypoints (W1-W8, listed in
data/sample/README.md) and refuses to write anything that breaks them.
"""

import calendar
import os
import sys

SEED = 0x5EED_2026_0105_0001
MASK64 = (1 << 64) - 1

T0_MS = 1761955200000  # 2025-11-01T00:00:00Z
HOUR_MS = 3600000
N_HOURS = 71 * 24  # 2025-11-01 .. 2026-01-10 inclusive

CANDLES = "btcusdt-1h-candles.csv"
LIQS = "btcusdt-1h-liquidations.csv"
OI = "btcusdt-1h-open-interest.csv"


class Rng:
    """splitmix64 on Python ints; every draw is an integer."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform integer in [0, n)."""
        return self.next64() % n

    def between(self, lo, hi):
        """Uniform integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def normal(self):
        """Normal-ish draw scaled by 4096 (sum of 12 uniforms minus 6)."""
        s = 0
        for _ in range(12):
            s += self.next64() >> 52
        return s - 24570

    def fat(self):
        """Normal-ish draw with occasional larger moves (scaled by 4096)."""
        z = self.normal()
        if self.below(100) < 4:
            z = z * 2
        return z


# ---------------------------------------------------------------------------
# Time helpers

def hour(stamp):
    """'YYYY-MM-DD HH' (UTC) -> hour index from 2025-11-01 00:00."""
    day, hh = stamp.split(" ")
    y, m, d = (int(p) for p in day.split("-"))
    secs = calendar.timegm((y, m, d, int(hh), 0, 0, 0, 0, 0))
    idx = (secs * 1000 - T0_MS) // HOUR_MS
    assert 0 <= idx < N_HOURS, stamp
    return idx


def day_start(stamp):
    return hour(stamp + " 00")


def day_end(stamp):
    return hour(stamp + " 23")


def weekday(i):
    """0 = Monday; 2025-11-01 was a Saturday."""
    return (i // 24 + 5) % 7


def cents(text):
    whole, frac = text.split(".")
    assert len(frac) == 2
    return int(whole) * 100 + int(frac)


def fmt_fixed(value, places):
    sign = "-" if value < 0 else ""
    value = abs(value)
    scale = 10 ** places
    return "%s%d.%0*d" % (sign, value // scale, places, value % scale)


def lerp(points, i):
    """Piecewise-linear integer interpolation over sorted (index, value)."""
    if i <= points[0][0]:
        return points[0][1]
    for (i0, v0), (i1, v1) in zip(points, points[1:]):
        if i <= i1:
            return v0 + (v1 - v0) * (i - i0) // (i1 - i0)
    return points[-1][1]


# ---------------------------------------------------------------------------
# The story.  Anchors are hour closes the walk must hit exactly; between
# them it wanders around the straight line joining them.

START_OPEN = cents("90386.15")

ANCHORS = [
    ("2025-11-01 14", "90712.40"),
    ("2025-11-02 12", "90951.85"),
    ("2025-11-03 15", "90133.30"),
    ("2025-11-04 12", "89604.75"),
    ("2025-11-05 18", "90288.10"),
    ("2025-11-06 12", "91002.55"),
    ("2025-11-07 16", "90741.20"),
    ("2025-11-08 12", "91573.95"),
    ("2025-11-09 12", "91861.40"),
    ("2025-11-10 08", "92437.65"),
    ("2025-11-11 14", "93652.05"),
    ("2025-11-12 12", "93918.70"),
    ("2025-11-13 08", "94284.35"),
    ("2025-11-13 15", "94936.40"),  # the mid-November high (pinned below)
    ("2025-11-14 12", "94168.25"),
    ("2025-11-15 10", "93287.60"),
    ("2025-11-16 12", "93641.10"),
    ("2025-11-17 12", "92613.85"),
    ("2025-11-18 14", "91780.30"),
    ("2025-11-19 20", "90452.45"),
    ("2025-11-21 12", "89418.90"),
    ("2025-11-22 18", "89903.15"),
    ("2025-11-24 12", "88482.70"),
    ("2025-11-25 16", "87637.25"),
    ("2025-11-27 12", "88914.60"),
    ("2025-11-29 12", "88163.05"),
    ("2025-12-01 15", "86921.40"),
    ("2025-12-02 18", "87450.95"),
    ("2025-12-04 12", "88307.80"),
    ("2025-12-06 12", "88912.35"),
    ("2025-12-08 15", "89716.60"),
    ("2025-12-10 12", "90493.15"),
    ("2025-12-11 16", "90921.70"),
    ("2025-12-13 12", "90388.45"),
    ("2025-12-15 15", "91214.90"),
    ("2025-12-17 12", "91906.25"),
    ("2025-12-18 16", "92318.60"),
    ("2025-12-19 23", "92754.10"),
    # the 92,000 support range
    ("2025-12-20 12", "93146.85"),
    ("2025-12-21 12", "92861.40"),
    ("2025-12-22 07", "92396.15"),
    ("2025-12-22 08", "92284.60"),  # touch 1
    ("2025-12-23 06", "92893.35"),
    ("2025-12-24 12", "93418.20"),
    ("2025-12-25 12", "93597.75"),
    ("2025-12-26 12", "93306.40"),
    ("2025-12-27 12", "93047.95"),
    ("2025-12-28 12", "92812.30"),
    ("2025-12-29 14", "92407.85"),
    ("2025-12-29 15", "92241.30"),  # touch 2
    ("2025-12-30 12", "92853.65"),
    ("2025-12-31 12", "93446.10"),
    ("2026-01-01 12", "93208.55"),
    ("2026-01-02 10", "92891.20"),
    ("2026-01-02 20", "92428.75"),
    ("2026-01-02 21", "92306.75"),  # touch 3
    ("2026-01-03 12", "92947.40"),
    ("2026-01-04 12", "93118.65"),
    ("2026-01-04 23", "92836.90"),
    # Monday 5 January: drift lower, then the cascade 13:00-16:00
    ("2026-01-05 06", "92694.30"),
    ("2026-01-05 12", "92412.60"),
    ("2026-01-05 13", "92046.85"),
    ("2026-01-05 14", "92214.30"),  # the spring: low 91,540.00
    ("2026-01-05 15", "92571.90"),
    ("2026-01-05 16", "92733.45"),
    ("2026-01-05 19", "92886.10"),
    ("2026-01-05 23", "93048.20"),
    # Tuesday 6 January: V-rally to a seven-week high
    ("2026-01-06 04", "93127.55"),
    ("2026-01-06 08", "93216.75"),
    ("2026-01-06 11", "93584.30"),
    ("2026-01-06 13", "94021.60"),
    ("2026-01-06 15", "94318.20"),  # high 94,412.35 (pinned below)
    ("2026-01-06 18", "93964.85"),
    ("2026-01-06 23", "94087.65"),
    # Wednesday 7 January: pullback to a higher low
    ("2026-01-07 08", "93842.10"),
    ("2026-01-07 14", "93471.55"),  # low 93,236.80 (pinned below)
    ("2026-01-07 23", "93738.90"),
    # quiet days
    ("2026-01-08 12", "93612.45"),
    ("2026-01-08 23", "93884.20"),
    ("2026-01-09 12", "93705.35"),
    ("2026-01-09 23", "93958.60"),
    ("2026-01-10 12", "93697.15"),
    ("2026-01-10 23", "93824.70"),
]

# Candles whose wicks are pinned (high and/or low); the close comes from
# the anchor at the same hour.
PINS = {
    "2025-11-13 15": {"high": "95126.75"},
    "2025-12-22 08": {"low": "92063.40"},
    "2025-12-29 15": {"low": "91972.15"},
    "2026-01-02 21": {"low": "92118.90"},
    "2026-01-05 13": {"high": "92455.10", "low": "91912.40"},
    "2026-01-05 14": {"high": "92318.40", "low": "91540.00"},
    "2026-01-05 15": {"high": "92688.00", "low": "92020.55"},
    "2026-01-05 16": {"high": "92840.25", "low": "92386.10"},
    "2026-01-06 15": {"high": "94412.35"},
    "2026-01-07 14": {"low": "93236.80"},
}

# (first hour, last hour, close floor, close ceiling, low floor, high cap)
# for every hour that is not pinned.  Closes reflect off the floor and
# ceiling; a wick that would cross a limit is redrawn inside it.
ZONES = [
    ("2025-11-01 00", "2025-11-09 23", None, "93200.00", None, "93500.00"),
    ("2025-11-10 00", "2025-11-17 23", None, "94850.00", None, "95040.00"),
    ("2025-11-18 00", "2026-01-05 23", None, "93760.00", None, "93960.00"),
    ("2025-12-20 00", "2026-01-04 23", "92260.00", None, "92200.00", None),
    ("2026-01-05 17", "2026-01-05 23", "92500.00", None, "92300.00", None),
    ("2026-01-06 00", "2026-01-06 23", "92900.00", "94330.00", "92800.00", "94380.00"),
    ("2026-01-07 00", "2026-01-07 23", "93360.00", "94200.00", "93270.00", "94300.00"),
    ("2026-01-08 00", "2026-01-10 23", "93420.00", "94060.00", "93300.00", "94200.00"),
]

# Hourly volatility (basis points x 100) at given hours, interpolated.
SIGMA = [
    ("2025-11-01 00", 2800),
    ("2025-11-09 00", 3000),
    ("2025-11-11 00", 3900),
    ("2025-11-17 00", 4000),
    ("2025-11-20 00", 4600),
    ("2025-12-02 00", 4200),
    ("2025-12-10 00", 3200),
    ("2025-12-19 00", 2500),
    ("2025-12-21 00", 1800),
    ("2026-01-04 12", 1800),
    ("2026-01-05 06", 2400),
    ("2026-01-05 17", 2300),
    ("2026-01-06 00", 1900),
    ("2026-01-06 08", 2200),
    ("2026-01-06 10", 3600),
    ("2026-01-06 17", 3400),
    ("2026-01-07 04", 2500),
    ("2026-01-07 16", 2400),
    ("2026-01-07 23", 1600),
    ("2026-01-08 06", 1050),
    ("2026-01-10 23", 950),
]

# How hard the walk leans back towards the line between anchors (percent
# of the gap per hour), interpolated.  Tighter through the January story.
KAPPA = [
    ("2025-11-01 00", 9),
    ("2026-01-05 00", 9),
    ("2026-01-05 12", 20),
    ("2026-01-07 23", 20),
    ("2026-01-08 12", 12),
]

# Intraday shape of volatility and volume (percent), by UTC hour.
SESSION_SIGMA = [92, 88, 86, 84, 82, 80, 84, 90, 96, 100, 100, 98,
                 102, 118, 140, 146, 132, 116, 106, 100, 96, 92, 90, 92]
SESSION_VOLUME = [96, 90, 92, 88, 80, 72, 78, 90, 92, 94, 88, 90,
                  94, 122, 214, 226, 170, 136, 118, 102, 110, 86, 80, 84]

QUIET_DAYS = ["2025-12-24", "2025-12-25", "2025-12-26", "2025-12-31",
              "2026-01-01"]

# Cascade: hours, long liquidations (USD) for the outer hours, and volumes.
CASCADE_FIRST = "2026-01-05 13"
CASCADE_HOURS = 4
CASCADE_LONG = ["118406213.57", None, "61843297.18", "38917640.92"]
CASCADE_SHORT = ["1286440.35", "2471905.62", "6127384.90", "4382516.07"]
CASCADE_VOLUME = ["6815.44731", "9436.21085", "5872.60394", "4396.08217"]
JAN5_LONG_TARGET = "441386204.53"

# Open-interest level the walk leans towards (USD).
OI_LEVEL = [
    ("2025-11-01 00", 8920000000),
    ("2025-11-13 15", 9240000000),
    ("2025-11-20 00", 8750000000),
    ("2025-12-02 00", 8140000000),
    ("2025-12-19 00", 8430000000),
    ("2026-01-05 12", 8730000000),
    ("2026-01-05 17", 8050000000),
    ("2026-01-06 23", 8390000000),
    ("2026-01-10 23", 8620000000),
]


def build_story():
    anchors = [(hour(s), cents(p)) for s, p in ANCHORS]
    for (a, _), (b, _) in zip(anchors, anchors[1:]):
        assert a < b, "anchors out of order"
    pins = {}
    for s, d in PINS.items():
        pins[hour(s)] = {k: cents(v) for k, v in d.items()}
    zones = []
    for first, last, cf, cc, lf, hc in ZONES:
        conv = lambda v: None if v is None else cents(v)
        zones.append((hour(first), hour(last), conv(cf), conv(cc), conv(lf), conv(hc)))
    sigma = [(hour(s), v) for s, v in SIGMA]
    kappa = [(hour(s), v) for s, v in KAPPA]
    quiet = set(day_start(d) // 24 for d in QUIET_DAYS)
    return anchors, pins, zones, sigma, kappa, quiet


def zone_limits(zones, i):
    cf = cc = lf = hc = None
    for a, b, zcf, zcc, zlf, zhc in zones:
        if a <= i <= b:
            if zcf is not None:
                cf = zcf if cf is None else max(cf, zcf)
            if zcc is not None:
                cc = zcc if cc is None else min(cc, zcc)
            if zlf is not None:
                lf = zlf if lf is None else max(lf, zlf)
            if zhc is not None:
                hc = zhc if hc is None else min(hc, zhc)
    return cf, cc, lf, hc


# ---------------------------------------------------------------------------
# Generation

def gen_prices(anchors, pins, zones, sigma_pts, kappa_pts, quiet):
    rng = Rng(SEED ^ 0x7072696365)  # "price"
    out = []
    x = START_OPEN
    prev_i, prev_p = -1, START_OPEN
    ai = 0
    vm = 1000  # slowly varying volatility multiplier, per mille
    for i in range(N_HOURS):
        while anchors[ai][0] < i:
            prev_i, prev_p = anchors[ai]
            ai += 1
        k, target = anchors[ai]
        o = x
        vm += (1000 - vm) // 30 + rng.normal() * 45 // 4096
        vm = max(650, min(1600, vm))
        sig = lerp(sigma_pts, i) * SESSION_SIGMA[i % 24] // 100 * vm // 1000
        if weekday(i) >= 5:
            sig = sig * 82 // 100
        if i // 24 in quiet:
            sig = sig * 75 // 100
        # sig is in basis points x 100 => relative sigma = sig / 1e6
        cf, cc, lf, hc = zone_limits(zones, i)
        if k == i:
            c = target
        else:
            def line(j):
                return prev_p + (target - prev_p) * (j - prev_i) // (k - prev_i)
            # lean towards the line (harder in the last hours before the
            # anchor), follow its slope, add noise
            left = k - i + 1
            gap = line(i + 1) - o
            pull = gap * lerp(kappa_pts, i) // 100
            if left <= 10:
                pull = max(pull, gap // left) if gap > 0 else min(pull, gap // left)
            eps = rng.fat() * sig * o // (4096 * 1000000)
            if left <= 3:
                eps = eps * (left - 1) // left
            c = o + pull + (line(i + 1) - line(i)) + eps
            if cc is not None and c > cc:
                c = cc - (c - cc) * 6 // 10
            if cf is not None and c < cf:
                c = cf + (cf - c) * 6 // 10
            if cc is not None:
                c = min(c, cc - rng.between(0, 1500))
            if cf is not None:
                c = max(c, cf + rng.between(0, 1500))
        body_hi = max(o, c)
        body_lo = min(o, c)
        wick_scale = sig * o // 1000000
        up = abs(rng.normal()) * wick_scale * 70 // (4096 * 100) + rng.between(150, 1400)
        dn = abs(rng.normal()) * wick_scale * 70 // (4096 * 100) + rng.between(150, 1400)
        h = body_hi + up
        lo = body_lo - dn
        pin = pins.get(i)
        if pin is not None:
            h = pin.get("high", h)
            lo = pin.get("low", lo)
        else:
            if hc is not None and h > hc > body_hi:
                h = body_hi + rng.below(hc - body_hi) + 1
            if lf is not None and lo < lf < body_lo:
                lo = body_lo - rng.below(body_lo - lf) - 1
        out.append([o, h, lo, c, sig])
        x = c
    return out


def gen_volumes(prices, quiet):
    rng = Rng(SEED ^ 0x766F6C756D65)  # "volume"
    first = hour(CASCADE_FIRST)
    cascade = [int(cents_like(v, 5)) for v in CASCADE_VOLUME]
    cap = min(cascade) - 60000000  # 600 BTC below the quietest cascade hour
    rally_a, rally_b = day_start("2026-01-06"), day_end("2026-01-06")
    vols = []
    dm = 1000
    for i, (o, h, lo, c, sig) in enumerate(prices):
        if first <= i < first + CASCADE_HOURS:
            vols.append(cascade[i - first])
            continue
        if i % 24 == 0:
            dm = dm + (1000 - dm) // 3 + rng.normal() * 120 // 4096
            dm = max(700, min(1350, dm))
        rng_bp = (h - lo) * 10000 // o
        body_bp = abs(c - o) * 10000 // o
        base = 46000000  # 460 BTC
        v = base * SESSION_VOLUME[i % 24] // 100
        v = v * dm // 1000
        if weekday(i) >= 5:
            v = v * 64 // 100
        if i // 24 in quiet:
            v = v * 58 // 100
        v = v * (55 + rng_bp * 110 // 100 + body_bp * 60 // 100) // 100
        v = v * rng.between(78, 128) // 100
        if rally_a <= i <= rally_b:
            v = v * 175 // 100
        v += rng.below(100000)
        if v > cap:
            v = cap - rng.below(40000000)
        vols.append(v)
    return vols


def cents_like(text, places):
    whole, frac = text.split(".")
    assert len(frac) == places
    return int(whole) * 10 ** places + int(frac)


def gen_liquidations(prices):
    rng = Rng(SEED ^ 0x6C6971)  # "liq"
    first = hour(CASCADE_FIRST)
    jan5_a, jan5_b = day_start("2026-01-05"), day_end("2026-01-05")
    rally_a, rally_b = day_start("2026-01-06"), day_end("2026-01-06")
    longs, shorts = [], []
    for i, (o, h, lo, c, sig) in enumerate(prices):
        dn = (o - lo) * 10000 // o + max(0, o - c) * 6000 // o
        up = (h - o) * 10000 // o + max(0, c - o) * 6000 // o
        r = rng.below(1000)
        m_long = 280 + r * r * r // 280000
        r = rng.below(1000)
        m_short = 260 + r * r * r // 300000
        # base $240k long / $210k short, growing with the square of the move
        lq = 24000000 * m_long // 1000 * (1225 + dn * dn) // 1225
        sq = 21000000 * m_short // 1000 * (1225 + up * up) // 1225
        if rally_a <= i <= rally_b and c > o:
            sq = sq * (16 if 9 <= i % 24 <= 16 else 3)
        if jan5_a <= i < first:
            lq = lq * 15 // 10
        longs.append(lq)
        shorts.append(sq)
    for j in range(CASCADE_HOURS):
        if CASCADE_LONG[j] is not None:
            longs[first + j] = cents(CASCADE_LONG[j])
        shorts[first + j] = cents(CASCADE_SHORT[j])
    # the spring hour takes whatever brings Jan 5 to the target
    others = sum(longs[jan5_a:jan5_b + 1]) - longs[first + 1]
    longs[first + 1] = cents(JAN5_LONG_TARGET) - others
    return longs, shorts


def gen_open_interest(prices, longs, shorts):
    rng = Rng(SEED ^ 0x6F69)  # "oi"
    level = [(hour(s), v) for s, v in OI_LEVEL]
    first = hour(CASCADE_FIRST)
    rows = []
    oi = 8905417336
    f = 5400  # funding, 1e-6 (percent per 8h, as exchanges quote it)
    for i, (o, h, lo, c, sig) in enumerate(prices):
        oo = oi
        liq = (longs[i] + shorts[i]) // 100  # USD
        if first <= i < first + CASCADE_HOURS:
            oc = oo - longs[i] * 14 // 1000 - shorts[i] // 200 - oo * 4 // 1000 \
                + rng.normal() * 2000000 // 4096
        else:
            tgt = lerp(level, i)
            oc = oo + (tgt - oo) * 6 // 100 + rng.normal() * (oo * 11 // 10000) // 4096 \
                - liq * 8 // 10
        ex_h = abs(rng.normal()) * (oo * 5 // 10000) // 4096 + rng.below(3000000)
        ex_l = abs(rng.normal()) * (oo * 5 // 10000) // 4096 + rng.below(3000000)
        if first <= i < first + CASCADE_HOURS:
            ex_l = ex_l // 4
        oh = max(oo, oc) + ex_h
        ol = min(oo, oc) - ex_l
        # funding leans on the last day's move
        j = max(0, i - 23)
        mom = (c - prices[j][0]) * 10000 // prices[j][0]
        ftgt = 5000 + max(-5000, min(5000, mom * 14))
        f = f + (ftgt - f) // 8 + rng.normal() * 260 // 4096
        if first <= i < first + CASCADE_HOURS:
            f -= 2100
        f = max(-4500, min(10000, f))
        rows.append((oo, oh, ol, oc, f))
        oi = oc
    return rows


def generate():
    anchors, pins, zones, sigma, kappa, quiet = build_story()
    prices = gen_prices(anchors, pins, zones, sigma, kappa, quiet)
    vols = gen_volumes(prices, quiet)
    longs, shorts = gen_liquidations(prices)
    ois = gen_open_interest(prices, longs, shorts)
    return prices, vols, longs, shorts, ois


def render(prices, vols, longs, shorts, ois):
    cl = ["open_time_ms,open,high,low,close,volume"]
    ll = ["open_time_ms,long_liq_usd,short_liq_usd,total_liq_usd"]
    ol = ["open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd,funding_rate_close"]
    for i in range(N_HOURS):
        t = T0_MS + i * HOUR_MS
        o, h, lo, c, _ = prices[i]
        cl.append("%d,%s,%s,%s,%s,%s" % (t, fmt_fixed(o, 2), fmt_fixed(h, 2), fmt_fixed(lo, 2),
                                         fmt_fixed(c, 2), fmt_fixed(vols[i], 5)))
        ll.append("%d,%s,%s,%s" % (t, fmt_fixed(longs[i], 2), fmt_fixed(shorts[i], 2),
                                   fmt_fixed(longs[i] + shorts[i], 2)))
        oo, oh, olo, oc, f = ois[i]
        ol.append("%d,%d,%d,%d,%d,%s" % (t, oo, oh, olo, oc, fmt_fixed(f, 6)))
    return {
        CANDLES: ("\n".join(cl) + "\n").encode("ascii"),
        LIQS: ("\n".join(ll) + "\n").encode("ascii"),
        OI: ("\n".join(ol) + "\n").encode("ascii"),
    }


# ---------------------------------------------------------------------------
# Waypoints, checked on the rendered text so they hold for what is written

def parse(files):
    def rows(name, header):
        lines = files[name].decode("ascii").split("\n")
        assert lines[0] == header, "%s: bad header" % name
        assert lines[-1] == "", "%s: no final newline" % name
        return [ln.split(",") for ln in lines[1:-1]]

    c = rows(CANDLES, "open_time_ms,open,high,low,close,volume")
    lq = rows(LIQS, "open_time_ms,long_liq_usd,short_liq_usd,total_liq_usd")
    oi = rows(OI, "open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd,"
              "funding_rate_close")
    return c, lq, oi


def check_waypoints(files):
    """Return a list of failure messages (empty when the story holds)."""
    fails = []

    def need(cond, msg):
        if not cond:
            fails.append(msg)

    c, lq, oi = parse(files)
    # W1 and structure
    for name, rows in ((CANDLES, c), (LIQS, lq), (OI, oi)):
        need(len(rows) == N_HOURS, "W1: %s has %d rows" % (name, len(rows)))
        times = [int(r[0]) for r in rows]
        need(times and times[0] == 1761955200000, "W1: %s first time" % name)
        need(times and times[-1] == 1768086000000, "W1: %s last time" % name)
        need(all(b - a == HOUR_MS for a, b in zip(times, times[1:])), "W1: %s step" % name)
    if fails:
        return fails
    o = [cents(r[1]) for r in c]
    h = [cents(r[2]) for r in c]
    lo = [cents(r[3]) for r in c]
    cl = [cents(r[4]) for r in c]
    v = [cents_like(r[5], 5) for r in c]
    lg = [cents(r[1]) for r in lq]
    sh = [cents(r[2]) for r in lq]
    tot = [cents(r[3]) for r in lq]
    oo = [int(r[1]) for r in oi]
    oh = [int(r[2]) for r in oi]
    ol = [int(r[3]) for r in oi]
    oc = [int(r[4]) for r in oi]
    for i in range(N_HOURS):
        if i > 0:
            need(o[i] == cl[i - 1], "open != previous close at row %d" % i)
            need(oo[i] == oc[i - 1], "oi_open != previous oi_close at row %d" % i)
        need(0 < lo[i] <= min(o[i], cl[i]) and h[i] >= max(o[i], cl[i]) and h[i] > lo[i],
             "bad OHLC at row %d" % i)
        need(v[i] > 0, "volume not positive at row %d" % i)
        need(lg[i] >= 0 and sh[i] >= 0 and tot[i] == lg[i] + sh[i],
             "bad liquidation row %d" % i)
        need(0 < ol[i] <= min(oo[i], oc[i]) and oh[i] >= max(oo[i], oc[i]),
             "bad open interest row %d" % i)
    if fails:
        return fails

    def span(a, b):
        return range(day_start(a) if " " not in a else hour(a),
                     (day_end(b) if " " not in b else hour(b)) + 1)

    def usd(x):
        return x * 100

    # W2
    mid = max(h[i] for i in span("2025-11-10", "2025-11-17"))
    need(usd(94800) <= mid <= usd(95400), "W2: mid-November high %s" % fmt_fixed(mid, 2))
    # W3
    after = span("2025-11-18", "2026-01-05")
    top = max(h[i] for i in after)
    need(top < usd(94000), "W3: a high of %s after mid-November" % fmt_fixed(top, 2))
    # W4
    sup = span("2025-12-20", "2026-01-04")
    need(all(cl[i] >= usd(92000) for i in sup), "W4: a close below 92,000")
    touches = [i for i in sup if lo[i] <= usd(92150)]
    need(len(touches) >= 2 and touches[-1] - touches[0] >= 24,
         "W4: touches of 92,000 at hours %s" % touches)
    # W5
    d5 = span("2026-01-05", "2026-01-05")
    low5 = min(lo[i] for i in d5)
    need(low5 == usd(91540), "W5: Jan 5 low %s" % fmt_fixed(low5, 2))
    lh = [i for i in d5 if lo[i] == low5][0]
    need(cl[lh] > usd(92000), "W5: the low hour closes at %s" % fmt_fixed(cl[lh], 2))
    long5 = sum(lg[i] for i in d5)
    need(usd(400000000) <= long5 <= usd(480000000),
         "W5: Jan 5 long liquidations %s" % fmt_fixed(long5, 2))
    best, bw = -1, None
    for a in range(lh - 3, lh + 1):
        w = [i for i in range(a, a + 4) if i in d5]
        s = sum(lg[i] for i in w)
        if s > best:
            best, bw = s, w
    need(best * 10 >= long5 * 8, "W5: cascade share %d%%" % (best * 100 // max(1, long5)))
    drop = oc[bw[0] - 1] - oc[bw[-1]]
    need(drop * 20 >= oc[bw[0] - 1], "W5: OI fell only %d per mille over the cascade"
         % (drop * 1000 // oc[bw[0] - 1]))
    outside = max(v[i] for i in range(N_HOURS) if i not in bw)
    need(min(v[i] for i in bw) > outside, "W5: cascade volume is not the highest")
    # W6
    d6 = span("2026-01-06", "2026-01-06")
    high6 = max(h[i] for i in d6)
    need(usd(94300) <= high6 <= usd(94500), "W6: Jan 6 high %s" % fmt_fixed(high6, 2))
    need(high6 > top, "W6: Jan 6 high is not a seven-week high")
    need((high6 - low5) * 100 >= low5 * 3, "W6: rally under 3 %")
    week = sorted(v[i] for i in span("2025-12-29", "2026-01-04"))
    n = len(week)
    med2 = week[n // 2] + week[(n - 1) // 2]  # twice the median
    mean6_x2 = 2 * sum(v[i] for i in d6)
    need(mean6_x2 * 10 >= med2 * 13 * len(d6), "W6: Jan 6 volume not rising enough")
    sh6 = sum(sh[i] for i in d6)
    sh_week = sum(sh[i] for i in span("2025-12-29", "2026-01-04"))
    need(sh6 * 7 >= sh_week * 3, "W6: short liquidations do not pick up on Jan 6")
    # W7
    d7 = span("2026-01-07", "2026-01-07")
    low7 = min(lo[i] for i in d7)
    need(low7 > usd(93000), "W7: Jan 7 low %s" % fmt_fixed(low7, 2))
    need(low7 * 1000 <= high6 * 994, "W7: Jan 7 pullback under 0.6 %")
    # W8
    q = span("2026-01-08", "2026-01-10")
    b = span("2026-01-05", "2026-01-06")
    rq = sum(h[i] - lo[i] for i in q) * len(b)
    rb = sum(h[i] - lo[i] for i in b) * len(q)
    need(rq * 10 < rb * 7, "W8: Jan 8-10 not quiet enough")
    return fails


def first_difference(want, have):
    """(line number, expected line, found line) of the first difference."""
    wl, hl = want.splitlines(True), have.splitlines(True)
    for n in range(max(len(wl), len(hl))):
        w = wl[n] if n < len(wl) else None
        h = hl[n] if n < len(hl) else None
        if w != h:
            return n + 1, show_line(w), show_line(h)
    return 0, "", ""


def show_line(line):
    if line is None:
        return "<end of file>"
    text = line.decode("ascii", "replace")
    if text.endswith("\n"):
        return repr(text[:-1])
    return repr(text) + " (no newline)"


def main(argv):
    check = False
    args = argv[1:]
    if args and args[0] == "--check":
        check = True
        args = args[1:]
    if len(args) != 1 or args[0].startswith("-"):
        sys.stderr.write("usage: gen-sample.py [--check] DIR\n")
        return 2
    outdir = args[0]
    files = render(*generate())
    fails = check_waypoints(files)
    if fails:
        for msg in fails:
            sys.stderr.write("gen-sample: waypoint failed: %s\n" % msg)
        sys.stderr.write("gen-sample: refusing to %s the sample\n"
                         % ("accept" if check else "write"))
        return 1
    if check:
        ok = True
        for name in (CANDLES, LIQS, OI):
            path = os.path.join(outdir, name)
            try:
                with open(path, "rb") as fh:
                    have = fh.read()
            except OSError as e:
                sys.stderr.write("gen-sample: %s: %s\n" % (path, e.strerror))
                ok = False
                continue
            if have != files[name]:
                n, want, got = first_difference(files[name], have)
                sys.stderr.write("gen-sample: %s differs at line %d\n  expected: %s\n"
                                 "  found:    %s\n" % (path, n, want, got))
                ok = False
        return 0 if ok else 1
    os.makedirs(outdir, exist_ok=True)
    for name in (CANDLES, LIQS, OI):
        with open(os.path.join(outdir, name), "wb") as fh:
            fh.write(files[name])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
