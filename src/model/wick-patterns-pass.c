/* wick-patterns-pass.c: all ten candlestick patterns in one walk over the candles
 *
 * The patterns read the same few ranges of each candle and the same few running totals, so
 * one walk that judges every pattern at a candle reads the candles once rather than ten times.
 * The results are those of the functions of wick-patterns.c, to the bit: TA-Lib starts each
 * pattern's totals at its own candle, and totals started at different candles round
 * differently, so the walk keeps one total per start, each summed and moved on as the
 * functions do it (tests/test-patterns.c compares the two on random candles).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-patterns"

#include "config.h"

#include "wick-patterns.h"

#include "wick-patterns-private.h"

/* The settings' averages: TA_CANDLEAVERAGE as wick-patterns.c works it out. */
#define BODY_LONG(total)         (1.0 * ((total) / 10.0) / 1.0)
#define BODY_SHORT(total)        (1.0 * ((total) / 10.0) / 1.0)
#define BODY_DOJI(total)         (0.1 * ((total) / 10.0) / 1.0)
#define SHADOW_VERY_SHORT(total) (0.1 * ((total) / 10.0) / 1.0)
#define NEAR(total)              (0.2 * ((total) / 5.0) / 1.0)

/* The running totals candle i is judged with. The real bodies over ten candles are summed
 * from three starts, the ranges H - L over ten from two, and over five from one; each is named
 * by the candle it stands before. */
typedef struct
{
  double long_before2;   /* RB, before candle i - 2, begun at candle 10 (BodyLong) */
  double long_before1;   /* RB, before i - 1, the same total a candle later */
  double short_before1;  /* RB, before i - 1, begun at 11 (BodyShort) */
  double short_now;      /* RB, before i, the same total a candle later */
  double third_now;      /* RB, before i, begun at 12 (the stars' third body) */
  double doji_now;       /* H - L, before i, begun at 10 (BodyDoji, ShadowVeryShort) */
  double range_now;      /* H - L, before i, begun at 11 (ShadowVeryShort) */
  double near_before1;   /* H - L of five, before i - 1, begun at 10 (Near) */
} Totals;

static inline double
high_low (const WickCandle *c)
{
  return c->high - c->low;
}

/* The sum of @get over candles [@from, @to), oldest first, as TA-Lib's set-up loops add. */
static inline double
sum_ranges (const WickCandle *candles,
            guint             from,
            guint             to,
            double          (*get) (const WickCandle *))
{
  double total = 0.0;

  for (guint k = from; k < to; k++)
    total += get (&candles[k]);

  return total;
}

/* `Total += RANGE (newest) - RANGE (oldest)`, the difference taken first. */
static inline double
advance (double                  total,
         const WickCandle       *newest,
         const WickCandle       *oldest,
         double                (*get) (const WickCandle *))
{
  return total + (get (newest) - get (oldest));
}

/* The patterns that end on candle @i, from 10 on, with the totals before it: those whose
 * lookback is more than @i are left alone. */
static inline void
judge (const WickCandle *candles,
       guint             i,
       const Totals     *t,
       gint8 * const    *out)
{
  const WickCandle *c = &candles[i];
  const WickCandle *prev = &candles[i - 1];
  double body = _wick_real_body (c);
  double upper = _wick_upper_shadow (c);
  double lower = _wick_lower_shadow (c);

  if (out[WICK_PATTERN_ENGULFING] != NULL)
    _wick_patterns_judge_engulfing (candles, i, out[WICK_PATTERN_ENGULFING]);

  if (out[WICK_PATTERN_DOJI] != NULL)
    out[WICK_PATTERN_DOJI][i] = body <= BODY_DOJI (t->doji_now) ? 100 : 0;

  if (out[WICK_PATTERN_DRAGONFLY_DOJI] != NULL)
    out[WICK_PATTERN_DRAGONFLY_DOJI][i] =
      (body <= BODY_DOJI (t->doji_now) &&
       upper < SHADOW_VERY_SHORT (t->doji_now) &&
       lower > SHADOW_VERY_SHORT (t->doji_now))
      ? 100 : 0;

  if (i < 11)
    return;

  {
    gboolean is_short = body < BODY_SHORT (t->short_now);
    gboolean is_prev_long = _wick_real_body (prev) > BODY_LONG (t->long_before1);
    double very_short = SHADOW_VERY_SHORT (t->range_now);

    if (out[WICK_PATTERN_HAMMER] != NULL)
      out[WICK_PATTERN_HAMMER][i] =
        (is_short & (lower > body) & (upper < very_short) &
         (_wick_body_bottom (c) <= prev->low + NEAR (t->near_before1)))
        ? 100 : 0;

    if (out[WICK_PATTERN_INVERTED_HAMMER] != NULL)
      out[WICK_PATTERN_INVERTED_HAMMER][i] =
        (is_short & (upper > body) & (lower < very_short) &
         (_wick_body_top (c) < _wick_body_bottom (prev)))
        ? 100 : 0;

    if (out[WICK_PATTERN_SHOOTING_STAR] != NULL)
      out[WICK_PATTERN_SHOOTING_STAR][i] =
        (is_short & (upper > body) & (lower < very_short) &
         (_wick_body_bottom (c) > _wick_body_top (prev)))
        ? -100 : 0;

    if (out[WICK_PATTERN_HARAMI] != NULL)
      {
        gboolean is_harami = is_prev_long & (body <= BODY_SHORT (t->short_now));
        gboolean is_inside = (_wick_body_top (c) <= _wick_body_top (prev)) &
                             (_wick_body_bottom (c) >= _wick_body_bottom (prev));
        gboolean is_strictly_inside = (_wick_body_top (c) < _wick_body_top (prev)) &
                                      (_wick_body_bottom (c) > _wick_body_bottom (prev));

        out[WICK_PATTERN_HARAMI][i] = is_harami * -_wick_candle_color (prev) *
                                      (80 * is_inside + 20 * is_strictly_inside);
      }

    if (out[WICK_PATTERN_PIERCING] != NULL)
      out[WICK_PATTERN_PIERCING][i] =
        ((_wick_candle_color (prev) == -1) & is_prev_long &
         (_wick_candle_color (c) == 1) &
         (body > BODY_LONG (t->short_now)) &
         (c->open < prev->low) &
         (c->close < prev->open) &
         (c->close > prev->close + _wick_real_body (prev) * 0.5))
        ? 100 : 0;
  }

  if (i < 12)
    return;

  {
    const WickCandle *first = &candles[i - 2];
    double first_body = _wick_real_body (first);
    gboolean is_star = first_body > BODY_LONG (t->long_before2) &&
                       _wick_real_body (prev) <= BODY_SHORT (t->short_before1) &&
                       body > BODY_SHORT (t->third_now);

    if (out[WICK_PATTERN_MORNING_STAR] != NULL)
      out[WICK_PATTERN_MORNING_STAR][i] =
        (is_star && _wick_candle_color (first) == -1 &&
         _wick_body_top (prev) < _wick_body_bottom (first) &&
         _wick_candle_color (c) == 1 &&
         c->close > first->close + first_body * WICK_PATTERNS_STAR_PENETRATION)
        ? 100 : 0;

    if (out[WICK_PATTERN_EVENING_STAR] != NULL)
      out[WICK_PATTERN_EVENING_STAR][i] =
        (is_star && _wick_candle_color (first) == 1 &&
         _wick_body_bottom (prev) > _wick_body_top (first) &&
         _wick_candle_color (c) == -1 &&
         c->close < first->close - first_body * WICK_PATTERNS_STAR_PENETRATION)
        ? -100 : 0;
  }
}

/**
 * wick_patterns_compute_all:
 * @candles: the candles
 * @n_candles: how many
 * @out: one array of @n_candles per pattern, indexed by #WickPattern, or %NULL for a
 *   pattern not wanted
 *
 * Fills each wanted array as wick_patterns_compute () does (the stars with TA-Lib's default
 * penetration), in one walk over the candles.
 */
void
wick_patterns_compute_all (const WickCandle *candles,
                           guint             n_candles,
                           gint8 * const    *out)
{
  Totals t = { 0.0, };
  guint p, i;

  g_return_if_fail (candles != NULL || n_candles == 0);
  g_return_if_fail (out != NULL);

  for (p = 0; p < WICK_N_PATTERNS; p++)
    if (out[p] != NULL)
      _wick_patterns_begin (n_candles, wick_patterns_get_lookback (p), out[p]);

  if (out[WICK_PATTERN_ENGULFING] != NULL)
    for (i = ENGULFING_LOOKBACK; i < MIN (n_candles, DOJI_LOOKBACK); i++)
      _wick_patterns_judge_engulfing (candles, i, out[WICK_PATTERN_ENGULFING]);

  if (n_candles <= DOJI_LOOKBACK)
    return;

  t.doji_now = sum_ranges (candles, 0, 10, high_low);

  for (i = DOJI_LOOKBACK; i < n_candles; i++)
    {
      /* Each total begins on the candle it is first read for. */
      if (i == 11)
        {
          t.long_before1 = sum_ranges (candles, 0, 10, _wick_real_body);
          t.short_now = sum_ranges (candles, 1, 11, _wick_real_body);
          t.range_now = sum_ranges (candles, 1, 11, high_low);
          t.near_before1 = sum_ranges (candles, 5, 10, high_low);
        }
      else if (i == 12)
        {
          t.third_now = sum_ranges (candles, 2, 12, _wick_real_body);
        }

      judge (candles, i, &t, out);

      /* Then each moves on a candle. */
      t.doji_now = advance (t.doji_now, &candles[i], &candles[i - 10], high_low);
      if (i >= 11)
        {
          t.long_before2 = t.long_before1;
          t.long_before1 = advance (t.long_before1, &candles[i - 1], &candles[i - 11],
                                    _wick_real_body);
          t.short_before1 = t.short_now;
          t.short_now = advance (t.short_now, &candles[i], &candles[i - 10], _wick_real_body);
          t.range_now = advance (t.range_now, &candles[i], &candles[i - 10], high_low);
          t.near_before1 = advance (t.near_before1, &candles[i - 1], &candles[i - 6], high_low);
        }
      if (i >= 12)
        t.third_now = advance (t.third_now, &candles[i], &candles[i - 10], _wick_real_body);
    }
}
