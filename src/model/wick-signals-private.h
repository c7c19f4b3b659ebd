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
  const int                   *patterns[WICK_N_PATTERNS];  /* Borrowed */
  double                      *volume_average;  /* Owned: SMA (V, 20) of the candles before */
  guint8                      *flags;           /* Owned: WICK_BAR_* per candle */
  GArray                      *swings;          /* Owned: WickPivot, swing_bars on each side */
  GArray                      *week_levels;     /* Owned: WickWeekLevel, by confirmation */
  GArray                      *signals;         /* Owned: WickSignal */
  GStringChunk                *strings;         /* Borrowed from the result: explanations */
} WickSignalsContext;

static inline double
_wick_clamp01 (double x)
{
  return isnan (x) ? 0.0 : CLAMP (x, 0.0, 1.0);
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

/* wick-signals-flow.c */
void     _wick_signals_find_flow       (WickSignalsContext  *ctx);

/* wick-signals-swings.c */
void     _wick_signals_find_swings     (WickSignalsContext  *ctx);

/* wick-signals-zones.c */
WickZoneIndex  *_wick_zone_index_new       (const WickCandle     *candles,
                                            guint                 n_candles,
                                            const double         *atr,
                                            const WickZoneParams *params);
void            _wick_zone_index_free      (WickZoneIndex        *zi);
const WickBand *_wick_zone_index_get_bands (WickZoneIndex        *zi,
                                            guint                 at,
                                            guint                *n_bands);

/* wick-signals-levels.c */
void     _wick_signals_find_levels     (WickSignalsContext  *ctx);

G_END_DECLS
