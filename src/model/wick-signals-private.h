/* wick-signals-private.h: what the signal rules share while one analysis runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

#include "wick-pivots.h"
#include "wick-signals.h"

G_BEGIN_DECLS

struct _WickSignals
{
  WickSignalsSnapshot *snapshot;                     /* Owned */
  guint                n_candles;
  double              *indicators[WICK_N_INDICATORS]; /* Owned */
  gint8               *patterns[WICK_N_PATTERNS];     /* Owned */
  WickZones           *zones;                        /* Owned */
  WickSignal          *signals;                      /* Owned */
  guint                n_signals;
  GStringChunk        *strings[2];                   /* Owned: the explanations, one chunk per
                                                      * thread of the analysis */
  GMutex               extras_lock;                  /* while an array left for later is
                                                      * computed; the arrays' pointers are
                                                      * set atomically once filled */
};

WickSignals *_wick_signals_analyze_threads (WickSignalsSnapshot      *snapshot,
                                            const WickSignalParams   *params,
                                            WickSignalsAnalyzeFlags   flags,
                                            gboolean                  may_share,
                                            GCancellable             *cancellable,
                                            GError                  **error);

gboolean _wick_signals_is_extra_indicator (WickIndicator  indicator);
gboolean _wick_signals_is_extra_pattern   (WickPattern    pattern);
void     _wick_signals_ensure_indicator   (WickSignals   *self,
                                           WickIndicator  indicator);
void     _wick_signals_ensure_patterns    (WickSignals   *self);

/* Per-candle flags the flow rules leave for the others. */
enum
{
  WICK_BAR_LONG_CASCADE  = 1 << 0,  /* passes §3's liquidation tests, long side */
  WICK_BAR_SHORT_CASCADE = 1 << 1,
  WICK_BAR_CAPITULATION  = 1 << 2,  /* a volume spike of §3's shape (a) or (b) */
};

/* One resistance level from an n-week high, for the breakout rule. */
typedef struct
{
  guint  index;            /* the swing high */
  guint  confirmed_index;
  guint  weeks;
  double price;
} WickWeekLevel;

/* The band of one zone, as wick_zones_detect () makes it. */
typedef struct
{
  double   low;
  double   high;
  double   mid;
  double   first_price;        /* its lowest pivot */
  double   last_price;         /* its highest pivot */
  guint    first_index;        /* the candle of its earliest pivot */
  gboolean starts_as_support;  /* its earliest pivot is a low */
} WickBand;

typedef struct _WickZoneIndex WickZoneIndex;

/* Where the bands of a zone index are, for finding the few a price can reach: their first
 * and last prices, which ascend, side by side, and how far their lows reach below their first
 * prices and their highs above their last prices, at most (differences as rounded). */
typedef struct
{
  const double *first_prices;
  const double *last_prices;
  double        below;
  double        above;
} WickBandBounds;

/* The n-week high the breakout rule holds at a candle: week_levels[0, next) are confirmed,
 * and week is the latest of them not yet used up by a breakout, or -1. */
typedef struct
{
  guint next;
  int   week;
} WickWeekState;

/* Memory that one thread's walks of the levels reuse, share after share: a share that took
 * fresh memory would pay for its pages before it could use them. */
typedef struct
{
  double *values;    /* Owned */
  gsize   capacity;  /* in doubles */
} WickLevelsScratch;

/* The state of one analysis. The rules read the candles and arrays and append signals; what
 * is marked owned belongs to wick_signals_analyze (), which frees it. */
typedef struct
{
  const WickSignalParams      *params;          /* Borrowed */
  GCancellable                *cancellable;     /* Borrowed, nullable */
  const WickCandle            *candles;         /* Borrowed from the snapshot */
  guint                        n;
  gint64                       interval_ms;
  const WickLiquidationBucket *liquidations;    /* Borrowed, nullable */
  guint                        n_liquidations;
  const WickOpenInterestPoint *open_interest;   /* Borrowed, nullable */
  guint                        n_open_interest;
  const double                *atr;             /* Borrowed: ATR (14) */
  const double                *rsi;             /* Borrowed: RSI (14) */
  const gint8                 *patterns[WICK_N_PATTERNS];  /* Borrowed */
  double                      *volume_average;  /* Owned: SMA (V, 20) of the candles before */
  guint8                      *flags;           /* Owned: WICK_BAR_*_CASCADE per candle */
  guint8                      *capitulation;    /* Owned: WICK_BAR_CAPITULATION per candle,
                                                 * apart, as it is written while the levels
                                                 * walk reads the cascades' flags */
  GArray                      *swings;          /* Owned: WickPivot, swing_bars on each side */
  GArray                      *week_levels;     /* Owned: WickWeekLevel, by confirmation */
  GArray                      *signals;         /* Owned: WickSignal */
  GStringChunk                *strings;         /* Borrowed from the result: explanations;
                                                 * NULL to keep none */
  WickLevelsScratch           *levels_scratch;  /* Borrowed, nullable: the thread's */
} WickSignalsContext;

static inline double
_wick_clamp01 (double x)
{
  return isnan (x) ? 0.0 : CLAMP (x, 0.0, 1.0);
}

/* Whether the signals keep their explanations: when not, no rule formats any text. */
static inline gboolean
_wick_signals_has_text (const WickSignalsContext *ctx)
{
  return ctx->strings != NULL;
}

/* ATR at the close of the candle before @i: the yardstick for candle @i. */
static inline double
_wick_atr_before (const WickSignalsContext *ctx,
                  guint                     i)
{
  return i > 0 ? ctx->atr[i - 1] : NAN;
}

void     _wick_signals_emit            (WickSignalsContext  *ctx,
                                        WickSignalKind       kind,
                                        WickSignalDirection  direction,
                                        guint                start_index,
                                        guint                index,
                                        guint                confirmed_index,
                                        double               price,
                                        double               level,
                                        double               strength,
                                        int                  pattern,
                                        char                *explanation);
char    *_wick_signals_format_duration (gint64               duration_ms);
char    *_wick_signals_format_date     (gint64               time_ms);

/* wick-signals-window.c: the known values of the last few candles, copied for the median and
 * MAD of a robust z-score. */
typedef struct
{
  double *values;     /* Owned */
  double *distances;  /* Owned: from the median */
  guint   n;
  guint   capacity;
} WickWindow;

void     _wick_window_init             (WickWindow          *w,
                                        guint                capacity);
void     _wick_window_clear            (WickWindow          *w);
gboolean _wick_window_is_outlier       (WickWindow          *w,
                                        const double        *values,
                                        guint                bars,
                                        guint                i,
                                        double               threshold,
                                        double              *z);

/* wick-signals-flow.c */
void     _wick_signals_find_cascades     (WickSignalsContext *ctx);
void     _wick_signals_find_capitulation (WickSignalsContext *ctx);

/* wick-signals-swings.c */
typedef enum
{
  WICK_SWING_RULE_HIGHER_LOWS,
  WICK_SWING_RULE_N_WEEK,        /* also fills week_levels */
  WICK_SWING_RULE_DIVERGENCES,
  WICK_N_SWING_RULES
} WickSwingRule;

void     _wick_signals_find_v_recoveries (WickSignalsContext *ctx);
void     _wick_signals_find_swings     (WickSignalsContext  *ctx,
                                        WickSwingRule        rule);

/* wick-signals-zones.c */
WickZoneIndex  *_wick_zone_index_new       (const WickCandle     *candles,
                                            guint                 n_candles,
                                            guint                 first,
                                            const double         *atr,
                                            const WickZoneParams *params,
                                            const GArray         *narrow,
                                            guint                 narrow_bars);
void            _wick_zone_index_free      (WickZoneIndex        *zi);
const WickBand *_wick_zone_index_get_bands (WickZoneIndex        *zi,
                                            guint                 at,
                                            guint                *n_bands);
guint           _wick_zone_index_get_next_change (WickZoneIndex  *zi);
WickBandBounds  _wick_zone_index_get_bounds      (WickZoneIndex  *zi);

/* wick-signals-levels.c */
typedef struct _WickTouchCounts WickTouchCounts;

double   _wick_signals_band_name       (const WickBand           *band);
gboolean _wick_signals_band_is_support (const WickSignalsContext *ctx,
                                        const WickBand           *band,
                                        guint                     i);
gboolean _wick_signals_is_probe        (const WickSignalsContext *ctx,
                                        double                    price,
                                        guint                     i,
                                        gboolean                  is_low);
void     _wick_signals_find_levels     (WickSignalsContext       *ctx,
                                        guint                     first,
                                        guint                     end);

/* wick-signals-levels-touches.c */
WickTouchCounts *_wick_touch_counts_new          (const WickSignalsContext *ctx,
                                                  guint                     base,
                                                  guint                     end);
void             _wick_touch_counts_free         (WickTouchCounts          *counts);
guint            _wick_touch_counts_fill         (WickTouchCounts          *counts,
                                                  const WickSignalsContext *ctx,
                                                  guint                     i);
gboolean         _wick_touch_counts_is_probe_low (const WickTouchCounts    *counts,
                                                  const WickSignalsContext *ctx,
                                                  double                    price,
                                                  guint                     i);
guint            _wick_signals_count_touches     (const WickSignalsContext *ctx,
                                                  WickTouchCounts          *counts,
                                                  const WickBand           *band,
                                                  gboolean                  is_support,
                                                  guint                     end);

/* wick-signals-reversals.c */
gboolean _wick_signals_has_reversal_pattern   (const WickSignalsContext *ctx,
                                               guint                     i);
void     _wick_signals_check_reversal_candles (WickSignalsContext       *ctx,
                                               WickTouchCounts          *counts,
                                               const WickBand           *bands,
                                               guint                     n_bands,
                                               guint                     i,
                                               gboolean                  is_bullish);

G_END_DECLS
