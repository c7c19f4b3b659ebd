/* wick-signals.h: the analysis of a market: indicators, patterns, zones and reversal signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-liquidations.h"
#include "wick-market.h"
#include "wick-open-interest.h"
#include "wick-patterns.h"
#include "wick-series.h"
#include "wick-zones.h"

G_BEGIN_DECLS

/*
 * wick_signals_analyze () reads a WickSignalsSnapshot (candles, hourly liquidations, open
 * interest) and returns a WickSignals: the indicator arrays, the ten candlestick pattern
 * arrays, the support and resistance zones at the last candle and the reversal signals of
 * signals.md §3, §4 and §6, each with a translated explanation that quotes its numbers.
 *
 * Threads. A snapshot owns copies of its data and never changes, and neither does a result;
 * both are reference counted atomically and may be handed between threads. Make the snapshot
 * on the thread that owns the market (wick_signals_snapshot_new_for_market () copies it), then
 * run wick_signals_analyze () anywhere: it reads only the snapshot and the parameters, keeps no
 * global state, and several analyses may run at once. A long series (50,000 candles and more)
 * is analysed on a second thread as well, which the call starts and ends; the result is the
 * same to the bit (wick-signals-analyze.c). wick_signals_analyze_async () runs it in a GTask
 * thread and calls back in the caller's main context, where the result can be swapped in
 * whole. Cancelling stops it between stages (and every 65,536 candles in the longest) with
 * G_IO_ERROR_CANCELLED. Explanations are translated when the analysis runs, in
 * the process's locale, numbers included (wick-format.h).
 *
 * Closed candles only, and nothing repaints. Every candle given is taken as closed. A signal is
 * reported at its confirming candle (`confirmed_index`), and whether it exists, and every
 * number in it, depends only on the candles, liquidations and open interest up to that candle:
 * the signals found in the first k candles are exactly those found in the whole series whose
 * confirmed_index is below k. A signal once reported is never taken back; a breakout that
 * fails is reported again, as a failed breakout, when it fails. `index` is the candle the
 * signal is about (the low of a cascade, a swing, the candle of a pattern), `start_index` the
 * first candle it covers.
 *
 * Conventions, where signals.md leaves the choice:
 *  - ATR is ATR (14), TA-Lib's. "ATR" in a rule that judges candle i is the ATR at the close of
 *    candle i - 1, so a candle is never measured with a yardstick that already holds it. No
 *    rule fires while that has no value (the first 15 candles).
 *  - Average volume is SMA (V, 20) of the 20 candles before the one judged.
 *  - Swings are pivots 3/3 (wick-pivots.h's minor swings); swing legs are the minor zig-zag
 *    through them, legs of at least 2 ATR (at the new pivot, as wick_zigzag_build () has it).
 *  - Zones are wick-zones.h's as they stood at the close of the candle before the one judged:
 *    the same bands wick_zones_detect () gives for that prefix, kept up to date as pivots are
 *    confirmed and leave its window (wick-signals-zones.c) rather than recomputed per candle.
 *    A zone's role for a candle is the side price came from: support when the last close
 *    outside the zone was above it, resistance when below (with none, its first pivot's). Of
 *    several zones that fit a rule, the one touched most often before (§2's touches) is used.
 *    A zone is named by the round number inside it nearest its centre (a multiple of 1,000 at
 *    92,000), else by its centre.
 *  - A test of a level comes after a move into it: a support test's or bullish pattern's low
 *    must be the lowest low of the 12 candles before it (highs for resistance, probe_bars).
 *  - Liquidations are summed per candle from the buckets whose time falls in it (buckets must
 *    not be longer than a candle); a candle with none has no value and is left out of every
 *    baseline. The robust z-score is Iglewicz and Hoaglin's 0.6745 (x - median) / MAD over the
 *    168 candles before the one judged, with at least half of them known; with MAD 0 it is
 *    (x - median) / (1.253314 × mean |x - median|), and when that is 0 too, any x above the
 *    median is an outlier. The median of an even count is the mean of the middle two.
 *  - Strength is 0..1: a base for meeting the rule plus shares for how far the evidence goes
 *    past its thresholds (below, per kind). It ranks signals; it is no probability.
 *
 * The rules (defaults in WickSignalParams):
 *
 *  liquidation-cascade (§3). A cascade candle, long side: robust z of log (1 + longs) >= 3.5,
 *    longs >= $25M per hour of the candle, longs / (longs + shorts) >= 0.65. An episode is a
 *    run of cascade candles with gaps of at most 1 candle; it is over, and reported, at the
 *    second candle in a row that is not one. Price must have fallen at least 1 ATR from the
 *    close before the episode to its lowest low. §3 tests C[i] - C[i-1] <= -ATR per candle,
 *    but its own scenario puts the hour that printed the low and closed back above support in
 *    the episode, which that test would drop; the fall is therefore read on the episode, down
 *    to the low where the liquidations push price. Reported at the episode's lowest candle,
 *    bullish (the longs have capitulated), with the episode's total, duration and low, and the
 *    change in open interest over it when known. The short side mirrors it (highest high,
 *    bearish). Strength 0.5 + 0.25 × the largest z past 3.5 (full at 7) + 0.25 × the total
 *    over ten times the floor. §3's rolling four-candle variant is not used. Note that on
 *    CoinGlass's hourly BTC liquidations no hour of December 2025 to January 2026 reaches
 *    3.5 (the largest, $111.5M of longs on 31 January, scores 2.6): the log of hourly
 *    liquidations spreads over four orders of magnitude, so its MAD is wide.
 *  capitulation-volume (§3). At each swing low j that is the lowest low of the 24 candles
 *    before it (the bottom of a sell-off, not a dip in a rally), the candles j-2..j+2 with a
 *    volume spike (robust z of log V >= 3, or V >= 3 × average volume) that are (a) down
 *    candles with a range >= 1.5 ATR or (b) close well off the low (lower shadow >= half the
 *    range); the one with the most volume is reported, at j + 3, bullish. Strength 0.5 + 0.25
 *    × the volume ratio past 3 (full at 6) + 0.25 × the shadow past half the range (full at
 *    all of it) or the range past 1.5 ATR (full at 3).
 *  support-test (§4's spring). Wick spring: L < S - 0.1 ATR and C >= S, with S the low of a
 *    support zone. Close spring (failed breakdown): C < S, then a close > S within 3 candles
 *    while no low of the excursion reaches S - 1.5 ATR; reported at that close and placed at
 *    the excursion's lowest candle. Bullish. Strength 0.4 + 0.3 × the zone's touches before
 *    (full at 3) + 0.3 when a cascade candle is the probe or one of the two before it.
 *  v-recovery (§4). A swing low j, the lowest low of the 24 candles before it, with a drop
 *    from H0 = max H[j-24..j] of at least 2.5 %, or of at least 3 ATR that is at least 1.25 %:
 *    §4 proposes 2.5 %, but on hourly candles that is five typical ranges in a quiet market
 *    and two in a wild one, and swings are measured in ATR elsewhere (§1: legs of 2 ATR minor,
 *    5 major); half of X keeps a dip of a few quiet hours from counting. Then the first
 *    candle t, j + 3 <= t <= j + 36, where the highest close since j is >= 3 % above L[j] and
 *    C[t] has won back >= 61.8 % of the drop, with no low below L[j] in between. Reported at t,
 *    bullish, one per t (from the lowest of the lows completed there); "sharp" when a cascade
 *    or capitulation candle lies within 2 candles of j. Strength 0.4 + 0.2 × the rally past 3 %
 *    (full at 6 %) + 0.2 × the retracement past 61.8 % (full at 100 %) + 0.2 when sharp.
 *  higher-low (§4). In the minor zig-zag, lows L0, P1, P2 with highs between, where P1 < L0
 *    (a lower low: price was falling) and P2 > P1 + 0.1 ATR: the first higher low, where a
 *    decline's lows stop falling. Later higher lows of a rise are not reported again. P2 is the
 *    low of the whole pullback, so it is reported when that zig-zag point is final: when the
 *    next high point is confirmed. Bullish. Strength 0.4 + 0.6 × (P2 - P1) / (high - P1), the
 *    share of the leg up the pullback kept. §4's hold window is not used.
 *  breakout (§4). A resistance R is the high of a resistance zone or the latest n-week high
 *    (below), as §4 reads the seven-week high; an n-week high is used up once cleared. At
 *    candle i: C[i-1] <= R, C[i] > R + max (0.1 % of R, 0.25 ATR), V[i] >= 1.5 × average
 *    volume, and (strict) C[i+1] > R; reported at i, confirmed at i + 1, bullish. Of several
 *    levels cleared at once, the highest. R is quoted as it is (a zone's high, not its name),
 *    so the closes it is compared with read right. Strength 0.4 + 0.3 × the volume ratio past
 *    1.5 (full at 3) + 0.3 × the close's distance above R (full at 1 ATR).
 *  failed-breakout (§4). After a close above R by the margin, with volume or not, a close back
 *    below R within 3 candles; reported at that close, bearish. Strength 0.5 + 0.5 × how far
 *    below R it closed (full at 1 ATR).
 *  n-week-high, n-week-low. A swing high j above every high of at least 4 weeks before it; N
 *    is the whole number of weeks back to the last candle with a high at or above it, or to
 *    the first candle when there is none ("since the data starts"). Swing highs rather than
 *    every new high, so a rally reports its top once. Bullish; the low mirrors it, bearish.
 *    Strength 0.5 + 0.5 × (N - 4) / 48.
 *  rsi-divergence (§6, TradingView's defaults). Pivot lows 5/5 of RSI (14) (strict left, not
 *    right, as wick-pivots.h); for consecutive ones p1 < p2 with 5 <= p2 - p1 <= 60, regular
 *    bullish when RSI[p2] > RSI[p1] and L[p2] < L[p1]; bearish mirrors on pivot highs of RSI
 *    and H. Confirmed at p2 + 5. Hidden divergences signal continuation, not reversal, and are
 *    not reported; the optional RSI[p1] < 30 filter only adds strength. Strength 0.4 + 0.3 ×
 *    the RSI difference (full at 10) + 0.3 when RSI[p1] was below 30 (above 70 for bearish).
 *  reversal-candle. A TA-Lib pattern ending at candle i whose low (its candles' lowest low)
 *    touches a support zone (L <= zone high + 0.1 ATR and C[i] >= zone low, §2's touch):
 *    hammer, bullish engulfing, piercing, morning star, dragonfly doji; or whose high touches a
 *    resistance zone: shooting star, bearish engulfing, evening star. Harami, the inverted
 *    hammer and the plain doji are left out. One signal per candle and direction, for the
 *    first pattern in this order: morning star, evening star, engulfing, piercing, hammer,
 *    shooting star, dragonfly doji. Strength 0.4 + 0.3 × |output| / 100 + 0.3 × the zone's
 *    touches before (full at 3).
 *
 * The mirror images of the spring, the higher low, capitulation and the V (upthrusts, lower
 * highs, buying climaxes, inverted Vs) are not reported.
 *
 * Cost: linear in the candles but for small windows (168 values for a robust z-score, the
 * pivots of one zone); about 12 ms for 20,000 hourly candles (tests/bench/bench-analysis.c).
 */

typedef enum
{
  WICK_SIGNAL_LIQUIDATION_CASCADE,
  WICK_SIGNAL_CAPITULATION_VOLUME,
  WICK_SIGNAL_SUPPORT_TEST,
  WICK_SIGNAL_V_RECOVERY,
  WICK_SIGNAL_HIGHER_LOW,
  WICK_SIGNAL_BREAKOUT,
  WICK_SIGNAL_FAILED_BREAKOUT,
  WICK_SIGNAL_N_WEEK_HIGH,
  WICK_SIGNAL_N_WEEK_LOW,
  WICK_SIGNAL_RSI_DIVERGENCE,
  WICK_SIGNAL_REVERSAL_CANDLE,
  WICK_N_SIGNAL_KINDS
} WickSignalKind;

typedef enum
{
  WICK_SIGNAL_BULLISH,
  WICK_SIGNAL_BEARISH,
} WickSignalDirection;

/* The arrays of wick_signals_get_indicator (): NAN where the indicator has no value yet. */
typedef enum
{
  WICK_INDICATOR_RSI,          /* RSI (14) */
  WICK_INDICATOR_ATR,          /* ATR (14) */
  WICK_INDICATOR_EMA20,
  WICK_INDICATOR_EMA50,
  WICK_INDICATOR_MACD,         /* MACD (12, 26, 9) */
  WICK_INDICATOR_MACD_SIGNAL,
  WICK_INDICATOR_MACD_HIST,
  WICK_INDICATOR_BB_UPPER,     /* Bollinger Bands (20, 2) */
  WICK_INDICATOR_BB_MIDDLE,
  WICK_INDICATOR_BB_LOWER,
  WICK_INDICATOR_VWAP,         /* daily VWAP */
  WICK_N_INDICATORS
} WickIndicator;

/* The four-byte fields first, then the eight-byte ones: no padding. */
typedef struct
{
  WickSignalKind       kind;
  WickSignalDirection  direction;
  guint                index;              /* the candle it is placed at */
  guint                start_index;        /* the first candle it covers (episode, swing) */
  guint                confirmed_index;    /* known at this candle's close */
  int                  pattern;            /* a WickPattern for reversal candles, else -1 */
  gint64               time_ms;            /* open time of candle index */
  gint64               confirmed_time_ms;  /* open time of candle confirmed_index */
  double               price;              /* where to draw it: a low, a high or a close */
  double               level;              /* the level it refers to (zone, R, P1); NAN if none */
  double               strength;           /* 0..1 */
  const char          *explanation;        /* Borrowed from the WickSignals: translated */
} WickSignal;

typedef struct
{
  /* §3 */
  guint          baseline_bars;           /* 168: the robust z-score's window */
  double         cascade_z;               /* 3.5 */
  double         cascade_floor_usd;       /* $25M per hour of a candle */
  double         cascade_share;           /* 0.65 */
  double         cascade_move_atr;        /* 1 */
  guint          cascade_gap_bars;        /* 1 */
  double         capitulation_z;          /* 3 */
  double         capitulation_volume;     /* 3 × average volume */
  guint          capitulation_near_bars;  /* 2 */
  guint          capitulation_low_bars;   /* 24: the swing low is the lowest of this many */
  double         capitulation_range_atr;  /* 1.5 */
  double         capitulation_shadow;     /* 0.5 */
  guint          volume_average_bars;     /* 20 */
  /* swings */
  guint          swing_bars;              /* 3: pivots 3/3 */
  double         swing_leg_atr;           /* 2 */
  /* §4 */
  guint          v_high_bars;             /* K1 = 24 */
  double         v_drop;                  /* X = 0.025 */
  double         v_drop_atr;              /* 3, when the drop is at least X / 2 */
  double         v_rally;                 /* Y = 0.03 */
  guint          v_max_bars;              /* K2 = 36 */
  double         v_retrace;               /* 0.618 */
  double         higher_low_atr;          /* 0.1 */
  double         breakout_margin;         /* 0.001 of R */
  double         breakout_margin_atr;     /* 0.25 */
  double         breakout_volume;         /* 1.5 */
  guint          failed_breakout_bars;    /* 3 */
  double         spring_atr;              /* 0.1 */
  guint          spring_close_bars;       /* 3 */
  double         spring_stop_atr;         /* 1.5 */
  guint          probe_bars;              /* 12: a test makes the lowest low of this many */
  guint          n_week_min;              /* 4 */
  /* §6 */
  guint          divergence_bars;         /* 5: RSI pivots 5/5 */
  guint          divergence_min_bars;     /* 5 */
  guint          divergence_max_bars;     /* 60 */
  /* §2 */
  double         touch_atr;               /* 0.1 */
  WickZoneParams zones;
} WickSignalParams;

typedef struct _WickSignalsSnapshot WickSignalsSnapshot;
typedef struct _WickSignals WickSignals;

#define WICK_TYPE_SIGNALS_SNAPSHOT (wick_signals_snapshot_get_type ())
#define WICK_TYPE_SIGNALS (wick_signals_get_type ())

void         wick_signal_params_init         (WickSignalParams    *params);
const char  *wick_signal_kind_to_string      (WickSignalKind       kind);
const char  *wick_signal_kind_get_label      (WickSignalKind       kind);
const char  *wick_signal_direction_to_string (WickSignalDirection  direction);
gboolean     wick_signal_is_same             (const WickSignal    *a,
                                              const WickSignal    *b);
const char  *wick_indicator_get_name         (WickIndicator        indicator);

GType                        wick_signals_snapshot_get_type          (void) G_GNUC_CONST;
WickSignalsSnapshot         *wick_signals_snapshot_new               (gint64                       interval_ms,
                                                                      const WickCandle            *candles,
                                                                      guint                        n_candles,
                                                                      const WickLiquidationBucket *liquidations,
                                                                      guint                        n_liquidations,
                                                                      const WickOpenInterestPoint *open_interest,
                                                                      guint                        n_open_interest);
WickSignalsSnapshot         *wick_signals_snapshot_new_for_market    (WickMarket                  *market);
WickSignalsSnapshot         *wick_signals_snapshot_new_sharing       (WickMarket                  *market);
WickSignalsSnapshot         *wick_signals_snapshot_ref               (WickSignalsSnapshot         *self);
void                         wick_signals_snapshot_unref             (WickSignalsSnapshot         *self);
gint64                       wick_signals_snapshot_get_interval_ms   (WickSignalsSnapshot         *self);
const WickCandle            *wick_signals_snapshot_get_candles       (WickSignalsSnapshot         *self,
                                                                      guint                       *n_candles);
const WickLiquidationBucket *wick_signals_snapshot_get_liquidations  (WickSignalsSnapshot         *self,
                                                                      guint                       *n_liquidations);
const WickOpenInterestPoint *wick_signals_snapshot_get_open_interest (WickSignalsSnapshot         *self,
                                                                      guint                       *n_open_interest);

/* How an analysis is run. */
typedef enum
{
  WICK_SIGNALS_ANALYZE_DEFAULT = 0,
  /* Each indicator, and the patterns, are computed when first asked for, by the thread that
   * asks: those the rules read (RSI, ATR, seven patterns) are let go once the rules are done
   * (a million candles' take 23 MB), the others are not computed at all until then. For a
   * result of which only some is drawn, as an export's or the window's. */
  WICK_SIGNALS_ANALYZE_LAZY_EXTRAS = 1 << 0,
  /* No signal keeps its explanation (it is %NULL): for a result that is only drawn, as an
   * export's, whose million candles' explanations would take a dozen megabytes. */
  WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS = 1 << 1,
} WickSignalsAnalyzeFlags;

GType                wick_signals_get_type        (void) G_GNUC_CONST;
WickSignals         *wick_signals_analyze         (WickSignalsSnapshot     *snapshot,
                                                   const WickSignalParams  *params,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
WickSignals         *wick_signals_analyze_with_flags (WickSignalsSnapshot     *snapshot,
                                                      const WickSignalParams  *params,
                                                      WickSignalsAnalyzeFlags  flags,
                                                      GCancellable            *cancellable,
                                                      GError                 **error);
void                 wick_signals_analyze_async   (WickSignalsSnapshot     *snapshot,
                                                   const WickSignalParams  *params,
                                                   WickSignalsAnalyzeFlags  flags,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
WickSignals         *wick_signals_analyze_finish  (GAsyncResult            *result,
                                                   GError                 **error);
WickSignals         *wick_signals_ref             (WickSignals             *self);
void                 wick_signals_unref           (WickSignals             *self);
WickSignalsSnapshot *wick_signals_get_snapshot    (WickSignals             *self);
guint                wick_signals_get_n_candles   (WickSignals             *self);
const double        *wick_signals_get_indicator   (WickSignals             *self,
                                                   WickIndicator            indicator);
const gint8         *wick_signals_get_pattern     (WickSignals             *self,
                                                   WickPattern              pattern);
WickZones           *wick_signals_get_zones       (WickSignals             *self);
guint                wick_signals_get_n_signals   (WickSignals             *self);
const WickSignal    *wick_signals_get_signal      (WickSignals             *self,
                                                   guint                    index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickSignalsSnapshot, wick_signals_snapshot_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickSignals, wick_signals_unref)

G_END_DECLS
