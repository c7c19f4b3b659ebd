/* wick-patterns-private.h: what the pattern functions and their single pass share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

#include "wick-patterns.h"

G_BEGIN_DECLS

/* Lookbacks as each TA_CDL*_Lookback () works them out from the settings' periods. */
#define HAMMER_LOOKBACK          11  /* max (BodyShort, ShadowLong, ShadowVeryShort, Near) + 1 */
#define INVERTED_HAMMER_LOOKBACK 11  /* max (BodyShort, ShadowLong, ShadowVeryShort) + 1 */
#define SHOOTING_STAR_LOOKBACK   11  /* max (BodyShort, ShadowLong, ShadowVeryShort) + 1 */
#define ENGULFING_LOOKBACK       2   /* fixed in TA-Lib, though only one candle back is read */
#define HARAMI_LOOKBACK          11  /* max (BodyShort, BodyLong) + 1 */
#define PIERCING_LOOKBACK        11  /* BodyLong + 1 */
#define STAR_LOOKBACK            12  /* max (BodyShort, BodyLong) + 2 */
#define DOJI_LOOKBACK            10  /* BodyDoji */
#define DRAGONFLY_DOJI_LOOKBACK  10  /* max (BodyDoji, ShadowVeryShort) */

/* TA_REALBODY, TA_UPPERSHADOW, TA_LOWERSHADOW, TA_HIGHLOWRANGE and TA_CANDLECOLOR. */

static inline double
_wick_real_body (const WickCandle *c)
{
  return fabs (c->close - c->open);
}

static inline double
_wick_upper_shadow (const WickCandle *c)
{
  return c->high - (c->close >= c->open ? c->close : c->open);
}

static inline double
_wick_lower_shadow (const WickCandle *c)
{
  return (c->close >= c->open ? c->open : c->close) - c->low;
}

static inline int
_wick_candle_color (const WickCandle *c)
{
  return c->close >= c->open ? 1 : -1;
}

static inline double
_wick_body_top (const WickCandle *c)
{
  return MAX (c->open, c->close);
}

static inline double
_wick_body_bottom (const WickCandle *c)
{
  return MIN (c->open, c->close);
}

/* CDLENGULFING at candle @i (> 0): see wick_patterns_engulfing (). */
static inline void
_wick_patterns_judge_engulfing (const WickCandle *candles,
                                guint             i,
                                gint8            *out)
{
  const WickCandle *c = &candles[i];
  const WickCandle *prev = &candles[i - 1];
  gboolean is_white = c->close >= c->open;
  gboolean was_white = prev->close >= prev->open;
  gboolean bullish, bearish, is_exact;

  bullish = is_white & (!was_white) &
            (((c->close >= prev->open) & (c->open < prev->close)) |
             ((c->close > prev->open) & (c->open <= prev->close)));
  bearish = (!is_white) & was_white &
            (((c->open >= prev->close) & (c->close < prev->open)) |
             ((c->open > prev->close) & (c->close <= prev->open)));
  is_exact = (c->open != prev->close) & (c->close != prev->open);

  /* colour (c) × 100, or × 80 */
  out[i] = (bullish | bearish) * (2 * is_white - 1) * (80 + 20 * is_exact);
}

/* Clears the cells with no value. Returns FALSE when no candle can be judged. */
gboolean _wick_patterns_begin (guint  n_candles,
                               guint  lookback,
                               gint8 *out);

G_END_DECLS
