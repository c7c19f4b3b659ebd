/* wick-patterns.c: TA-Lib's candlestick patterns over a run of candles
 *
 * Each function follows its ta_CDL*.c: the same lookback, the same running totals for the
 * candle settings (started at the lookback, then moved one candle at a time by adding the
 * newest range and taking off the oldest, after the candle is judged), the same strict or
 * non-strict comparisons and the same arithmetic, so that an average that lands exactly on a
 * threshold is judged as TA-Lib judges it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-patterns"

#include "config.h"

#include "wick-patterns.h"

#include "wick-patterns-private.h"

#include <math.h>
#include <string.h>

typedef enum
{
  RANGE_REAL_BODY,
  RANGE_HIGH_LOW,
  RANGE_SHADOWS,
} RangeType;

typedef struct
{
  RangeType range_type;
  guint     avg_period;
  double    factor;
} CandleSetting;

/* TA_RestoreCandleDefaultSettings (ta_global.c), the ones these patterns use. */
static const CandleSetting body_long = { RANGE_REAL_BODY, 10, 1.0 };
static const CandleSetting body_short = { RANGE_REAL_BODY, 10, 1.0 };
static const CandleSetting body_doji = { RANGE_HIGH_LOW, 10, 0.1 };
static const CandleSetting shadow_long = { RANGE_REAL_BODY, 0, 1.0 };
static const CandleSetting shadow_very_short = { RANGE_HIGH_LOW, 10, 0.1 };
static const CandleSetting near = { RANGE_HIGH_LOW, 5, 0.2 };

/* TA_CANDLERANGE */
static inline double
candle_range (const CandleSetting *setting,
              const WickCandle    *c)
{
  switch (setting->range_type)
    {
    case RANGE_REAL_BODY:
      return _wick_real_body (c);
    case RANGE_HIGH_LOW:
      return c->high - c->low;
    case RANGE_SHADOWS:
      return _wick_upper_shadow (c) + _wick_lower_shadow (c);
    }

  g_assert_not_reached ();
  return 0.0;
}

/* TA_CANDLEAVERAGE of a setting with no period, such as ShadowLong: the candle's own range
 * times the factor. */
static inline double
own_average (const CandleSetting *setting,
             const WickCandle    *c)
{
  g_assert (setting->avg_period == 0);

  return setting->factor * candle_range (setting, c) /
         (setting->range_type == RANGE_SHADOWS ? 2.0 : 1.0);
}

/* A setting's running total over the avg_period candles before the candle it is read for. */
typedef struct
{
  const CandleSetting *setting;
  double               total;
  guint                trailing;  /* the oldest candle in the total */
} Average;

/* Sums the ranges of the candles before @at, oldest first, as TA-Lib's set-up loops do. */
static inline void
average_init (Average             *avg,
              const CandleSetting *setting,
              const WickCandle    *candles,
              guint                at)
{
  guint k;

  g_assert (setting->avg_period > 0);
  g_assert (at >= setting->avg_period);

  avg->setting = setting;
  avg->total = 0.0;
  avg->trailing = at - setting->avg_period;
  for (k = avg->trailing; k < at; k++)
    avg->total += candle_range (setting, &candles[k]);
}

/* TA_CANDLEAVERAGE for the candle the window currently stands before. */
static inline double
average_get (const Average *avg)
{
  const CandleSetting *s = avg->setting;

  return s->factor * (avg->total / (double) s->avg_period) /
         (s->range_type == RANGE_SHADOWS ? 2.0 : 1.0);
}

/* Moves the window on from candle @at to @at + 1: the difference is taken first, as in
 * `Total += RANGE (at) - RANGE (trailing)`. */
static inline void
average_advance (Average          *avg,
                 const WickCandle *candles,
                 guint             at)
{
  const CandleSetting *s = avg->setting;

  avg->total += candle_range (s, &candles[at]) - candle_range (s, &candles[avg->trailing]);
  avg->trailing++;
}

/* Where a pattern's tests are all cheap and their outcomes unpredictable (the hammer, the
 * inverted shapes, the engulfing, the harami, the piercing line), they are combined with &
 * rather than &&, and the output picked by arithmetic: computing every test is faster than a
 * mispredicted branch on each. The result is the same. */

gboolean
_wick_patterns_begin (guint  n_candles,
                      guint  lookback,
                      gint8 *out)
{
  if (n_candles > 0)
    memset (out, 0, MIN (n_candles, lookback) * sizeof *out);

  return n_candles > lookback;
}

/**
 * wick_patterns_hammer:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): 100 on a hammer, else 0
 *
 * CDLHAMMER: RB < BodyShort average (strict); LS > RB (ShadowLong with no period, strict);
 * US < ShadowVeryShort average (strict); and the body's bottom at or below (non-strict)
 * the previous low plus the Near average taken for the previous candle (the five candles
 * before it).
 *
 * Returns: the lookback, 11 (@n_candles when there are not more candles)
 */
guint
wick_patterns_hammer (const WickCandle *candles,
                      guint             n_candles,
                      gint8            *out)
{
  Average body, shadow_short, near_low;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, HAMMER_LOOKBACK, out))
    return n_candles;

  average_init (&body, &body_short, candles, HAMMER_LOOKBACK);
  average_init (&shadow_short, &shadow_very_short, candles, HAMMER_LOOKBACK);
  average_init (&near_low, &near, candles, HAMMER_LOOKBACK - 1);

  for (i = HAMMER_LOOKBACK; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];

      out[i] = ((_wick_real_body (c) < average_get (&body)) &
                (_wick_lower_shadow (c) > own_average (&shadow_long, c)) &
                (_wick_upper_shadow (c) < average_get (&shadow_short)) &
                (_wick_body_bottom (c) <= candles[i - 1].low + average_get (&near_low)))
               ? 100 : 0;

      average_advance (&body, candles, i);
      average_advance (&shadow_short, candles, i);
      average_advance (&near_low, candles, i - 1);
    }

  return HAMMER_LOOKBACK;
}

/* The shape CDLINVERTEDHAMMER and CDLSHOOTINGSTAR share, without the gap. */
static void
inverted_shape (const WickCandle *candles,
                guint             n_candles,
                guint             lookback,
                gboolean          gap_up,
                int               value,
                gint8            *out)
{
  Average body, shadow_short;
  guint i;

  average_init (&body, &body_short, candles, lookback);
  average_init (&shadow_short, &shadow_very_short, candles, lookback);

  for (i = lookback; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];
      const WickCandle *prev = &candles[i - 1];
      gboolean gap;

      /* TA_REALBODYGAPUP (i, i-1) and TA_REALBODYGAPDOWN (i, i-1), both strict. */
      if (gap_up)
        gap = _wick_body_bottom (c) > _wick_body_top (prev);
      else
        gap = _wick_body_top (c) < _wick_body_bottom (prev);

      out[i] = ((_wick_real_body (c) < average_get (&body)) &
                (_wick_upper_shadow (c) > own_average (&shadow_long, c)) &
                (_wick_lower_shadow (c) < average_get (&shadow_short)) &
                gap)
               ? value : 0;

      average_advance (&body, candles, i);
      average_advance (&shadow_short, candles, i);
    }
}

/**
 * wick_patterns_inverted_hammer:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): 100 on an inverted hammer, else 0
 *
 * CDLINVERTEDHAMMER: RB < BodyShort average; US > RB; LS < ShadowVeryShort average (all
 * strict); and the body gaps down from the previous body (its top strictly below the
 * previous body's bottom).
 *
 * Returns: the lookback, 11 (@n_candles when there are not more candles)
 */
guint
wick_patterns_inverted_hammer (const WickCandle *candles,
                               guint             n_candles,
                               gint8            *out)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, INVERTED_HAMMER_LOOKBACK, out))
    return n_candles;

  inverted_shape (candles, n_candles, INVERTED_HAMMER_LOOKBACK, FALSE, 100, out);

  return INVERTED_HAMMER_LOOKBACK;
}

/**
 * wick_patterns_shooting_star:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): -100 on a shooting star, else 0
 *
 * CDLSHOOTINGSTAR: the inverted hammer's shape, with the body gapping up from the previous
 * body (its bottom strictly above the previous body's top).
 *
 * Returns: the lookback, 11 (@n_candles when there are not more candles)
 */
guint
wick_patterns_shooting_star (const WickCandle *candles,
                             guint             n_candles,
                             gint8            *out)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, SHOOTING_STAR_LOOKBACK, out))
    return n_candles;

  inverted_shape (candles, n_candles, SHOOTING_STAR_LOOKBACK, TRUE, -100, out);

  return SHOOTING_STAR_LOOKBACK;
}

/**
 * wick_patterns_engulfing:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): ±100, ±80 or 0
 *
 * CDLENGULFING (the version with the ±80 output): a white candle after a black one, with
 * (C ≥ previous O and O < previous C) or (C > previous O and O ≤ previous C); or the mirror for
 * a black candle after a white one. The output is the candle's colour × 100, or × 80 when its
 * open equals the previous close or its close equals the previous open. There is no test on
 * the size of the bodies. A candle with C = O counts as white.
 *
 * Returns: the lookback, 2 (@n_candles when there are not more candles)
 */
guint
wick_patterns_engulfing (const WickCandle *candles,
                         guint             n_candles,
                         gint8            *out)
{
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, ENGULFING_LOOKBACK, out))
    return n_candles;

  for (i = ENGULFING_LOOKBACK; i < n_candles; i++)
    _wick_patterns_judge_engulfing (candles, i, out);

  return ENGULFING_LOOKBACK;
}

/**
 * wick_patterns_harami:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): ±100, ±80 or 0
 *
 * CDLHARAMI: the previous body is long (RB > its BodyLong average, strict) and this one is
 * short (RB ≤ its BodyShort average, non-strict; that average includes the long candle).
 * When this body lies strictly inside the previous one the output is -(previous colour) ×
 * 100; when it lies inside with one or both ends equal, -(previous colour) × 80. The colour of
 * the second candle does not matter.
 *
 * Returns: the lookback, 11 (@n_candles when there are not more candles)
 */
guint
wick_patterns_harami (const WickCandle *candles,
                      guint             n_candles,
                      gint8            *out)
{
  Average long_body, short_body;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, HARAMI_LOOKBACK, out))
    return n_candles;

  average_init (&long_body, &body_long, candles, HARAMI_LOOKBACK - 1);
  average_init (&short_body, &body_short, candles, HARAMI_LOOKBACK);

  for (i = HARAMI_LOOKBACK; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];
      const WickCandle *prev = &candles[i - 1];
      gboolean is_harami, is_inside, is_strictly_inside;

      /* Strictly inside is inside as well: 80 + 20. */
      is_harami = (_wick_real_body (prev) > average_get (&long_body)) &
                  (_wick_real_body (c) <= average_get (&short_body));
      is_inside = (_wick_body_top (c) <= _wick_body_top (prev)) &
                  (_wick_body_bottom (c) >= _wick_body_bottom (prev));
      is_strictly_inside = (_wick_body_top (c) < _wick_body_top (prev)) &
                           (_wick_body_bottom (c) > _wick_body_bottom (prev));
      out[i] = is_harami * -_wick_candle_color (prev) * (80 * is_inside + 20 * is_strictly_inside);

      average_advance (&long_body, candles, i - 1);
      average_advance (&short_body, candles, i);
    }

  return HARAMI_LOOKBACK;
}

/**
 * wick_patterns_piercing:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): 100 on a piercing line, else 0
 *
 * CDLPIERCING: a long black candle (RB > its BodyLong average) then a long white one (RB > its
 * BodyLong average, which includes the black candle) that opens below the black candle's low
 * and closes above its body's midpoint, C > previous C + 0.5 × previous RB, but below its
 * open. All five comparisons are strict.
 *
 * Returns: the lookback, 11 (@n_candles when there are not more candles)
 */
guint
wick_patterns_piercing (const WickCandle *candles,
                        guint             n_candles,
                        gint8            *out)
{
  Average first_body, second_body;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, PIERCING_LOOKBACK, out))
    return n_candles;

  average_init (&first_body, &body_long, candles, PIERCING_LOOKBACK - 1);
  average_init (&second_body, &body_long, candles, PIERCING_LOOKBACK);

  for (i = PIERCING_LOOKBACK; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];
      const WickCandle *prev = &candles[i - 1];

      out[i] = ((_wick_candle_color (prev) == -1) &
                (_wick_real_body (prev) > average_get (&first_body)) &
                (_wick_candle_color (c) == 1) &
                (_wick_real_body (c) > average_get (&second_body)) &
                (c->open < prev->low) &
                (c->close < prev->open) &
                (c->close > prev->close + _wick_real_body (prev) * 0.5))
               ? 100 : 0;

      average_advance (&first_body, candles, i - 1);
      average_advance (&second_body, candles, i);
    }

  return PIERCING_LOOKBACK;
}

/* CDLMORNINGSTAR (@direction 1) and CDLEVENINGSTAR (-1) differ only by mirroring. */
static void
star (const WickCandle *candles,
      guint             n_candles,
      double            penetration,
      int               direction,
      gint8            *out)
{
  Average first_body, star_body, third_body;
  guint i;

  average_init (&first_body, &body_long, candles, STAR_LOOKBACK - 2);
  average_init (&star_body, &body_short, candles, STAR_LOOKBACK - 1);
  average_init (&third_body, &body_short, candles, STAR_LOOKBACK);

  for (i = STAR_LOOKBACK; i < n_candles; i++)
    {
      const WickCandle *first = &candles[i - 2];
      const WickCandle *middle = &candles[i - 1];
      const WickCandle *c = &candles[i];
      gboolean gap, closes_within;

      if (direction > 0)
        {
          gap = _wick_body_top (middle) < _wick_body_bottom (first);
          closes_within = c->close > first->close + _wick_real_body (first) * penetration;
        }
      else
        {
          gap = _wick_body_bottom (middle) > _wick_body_top (first);
          closes_within = c->close < first->close - _wick_real_body (first) * penetration;
        }

      out[i] = (_wick_real_body (first) > average_get (&first_body) &&
                _wick_candle_color (first) == -direction &&
                _wick_real_body (middle) <= average_get (&star_body) &&
                gap &&
                _wick_real_body (c) > average_get (&third_body) &&
                _wick_candle_color (c) == direction &&
                closes_within)
               ? direction * 100 : 0;

      average_advance (&first_body, candles, i - 2);
      average_advance (&star_body, candles, i - 1);
      average_advance (&third_body, candles, i);
    }
}

/**
 * wick_patterns_morning_star:
 * @candles: the candles
 * @n_candles: how many
 * @penetration: how far into the first body the third candle must close, as a fraction of
 *   it (TA-Lib's default is %WICK_PATTERNS_STAR_PENETRATION, 0.3)
 * @out: (out caller-allocates) (array length=n_candles): 100 on a morning star, else 0
 *
 * CDLMORNINGSTAR: a long black candle (RB > BodyLong average, strict); a short one (RB ≤
 * BodyShort average, non-strict) whose body gaps down from it (strict); then a white candle
 * longer than short (RB > BodyShort average, strict; TA-Lib does not ask for a long one) that
 * closes above the first close + @penetration × the first RB (strict).
 *
 * Returns: the lookback, 12 (@n_candles when there are not more candles)
 */
guint
wick_patterns_morning_star (const WickCandle *candles,
                            guint             n_candles,
                            double            penetration,
                            gint8            *out)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (penetration >= 0.0, n_candles);

  if (!_wick_patterns_begin (n_candles, STAR_LOOKBACK, out))
    return n_candles;

  star (candles, n_candles, penetration, 1, out);

  return STAR_LOOKBACK;
}

/**
 * wick_patterns_evening_star:
 * @candles: the candles
 * @n_candles: how many
 * @penetration: as for wick_patterns_morning_star()
 * @out: (out caller-allocates) (array length=n_candles): -100 on an evening star, else 0
 *
 * CDLEVENINGSTAR: the mirror of the morning star: a long white candle, a short one gapping up,
 * then a black candle longer than short closing below the first close - @penetration × the
 * first RB.
 *
 * Returns: the lookback, 12 (@n_candles when there are not more candles)
 */
guint
wick_patterns_evening_star (const WickCandle *candles,
                            guint             n_candles,
                            double            penetration,
                            gint8            *out)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (penetration >= 0.0, n_candles);

  if (!_wick_patterns_begin (n_candles, STAR_LOOKBACK, out))
    return n_candles;

  star (candles, n_candles, penetration, -1, out);

  return STAR_LOOKBACK;
}

/**
 * wick_patterns_doji:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): 100 on a doji, else 0
 *
 * CDLDOJI: RB ≤ the BodyDoji average (non-strict), 0.1 × the mean range H - L of the ten
 * candles before.
 *
 * Returns: the lookback, 10 (@n_candles when there are not more candles)
 */
guint
wick_patterns_doji (const WickCandle *candles,
                    guint             n_candles,
                    gint8            *out)
{
  Average doji;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, DOJI_LOOKBACK, out))
    return n_candles;

  average_init (&doji, &body_doji, candles, DOJI_LOOKBACK);

  for (i = DOJI_LOOKBACK; i < n_candles; i++)
    {
      out[i] = _wick_real_body (&candles[i]) <= average_get (&doji) ? 100 : 0;
      average_advance (&doji, candles, i);
    }

  return DOJI_LOOKBACK;
}

/**
 * wick_patterns_dragonfly_doji:
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): 100 on a dragonfly doji, else 0
 *
 * CDLDRAGONFLYDOJI: a doji (RB ≤ BodyDoji average) with US < the ShadowVeryShort average and
 * LS > it (both strict).
 *
 * Returns: the lookback, 10 (@n_candles when there are not more candles)
 */
guint
wick_patterns_dragonfly_doji (const WickCandle *candles,
                              guint             n_candles,
                              gint8            *out)
{
  Average doji, shadow_short;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out != NULL || n_candles == 0, n_candles);

  if (!_wick_patterns_begin (n_candles, DRAGONFLY_DOJI_LOOKBACK, out))
    return n_candles;

  average_init (&doji, &body_doji, candles, DRAGONFLY_DOJI_LOOKBACK);
  average_init (&shadow_short, &shadow_very_short, candles, DRAGONFLY_DOJI_LOOKBACK);

  for (i = DRAGONFLY_DOJI_LOOKBACK; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];

      out[i] = (_wick_real_body (c) <= average_get (&doji) &&
                _wick_upper_shadow (c) < average_get (&shadow_short) &&
                _wick_lower_shadow (c) > average_get (&shadow_short))
               ? 100 : 0;

      average_advance (&doji, candles, i);
      average_advance (&shadow_short, candles, i);
    }

  return DRAGONFLY_DOJI_LOOKBACK;
}

static guint
morning_star_default (const WickCandle *candles,
                      guint             n_candles,
                      gint8            *out)
{
  return wick_patterns_morning_star (candles, n_candles, WICK_PATTERNS_STAR_PENETRATION, out);
}

static guint
evening_star_default (const WickCandle *candles,
                      guint             n_candles,
                      gint8            *out)
{
  return wick_patterns_evening_star (candles, n_candles, WICK_PATTERNS_STAR_PENETRATION, out);
}

static const struct
{
  const char *name;
  guint       lookback;
  guint     (*compute) (const WickCandle *candles,
                        guint             n_candles,
                        gint8            *out);
} patterns[WICK_N_PATTERNS] = {
  [WICK_PATTERN_HAMMER] = { "CDLHAMMER", HAMMER_LOOKBACK, wick_patterns_hammer },
  [WICK_PATTERN_INVERTED_HAMMER] = { "CDLINVERTEDHAMMER", INVERTED_HAMMER_LOOKBACK,
                                     wick_patterns_inverted_hammer },
  [WICK_PATTERN_SHOOTING_STAR] = { "CDLSHOOTINGSTAR", SHOOTING_STAR_LOOKBACK,
                                   wick_patterns_shooting_star },
  [WICK_PATTERN_ENGULFING] = { "CDLENGULFING", ENGULFING_LOOKBACK, wick_patterns_engulfing },
  [WICK_PATTERN_HARAMI] = { "CDLHARAMI", HARAMI_LOOKBACK, wick_patterns_harami },
  [WICK_PATTERN_PIERCING] = { "CDLPIERCING", PIERCING_LOOKBACK, wick_patterns_piercing },
  [WICK_PATTERN_MORNING_STAR] = { "CDLMORNINGSTAR", STAR_LOOKBACK, morning_star_default },
  [WICK_PATTERN_EVENING_STAR] = { "CDLEVENINGSTAR", STAR_LOOKBACK, evening_star_default },
  [WICK_PATTERN_DOJI] = { "CDLDOJI", DOJI_LOOKBACK, wick_patterns_doji },
  [WICK_PATTERN_DRAGONFLY_DOJI] = { "CDLDRAGONFLYDOJI", DRAGONFLY_DOJI_LOOKBACK,
                                    wick_patterns_dragonfly_doji },
};

/**
 * wick_patterns_get_name:
 * @pattern: a pattern
 *
 * Returns: TA-Lib's name of the function, such as `CDLHAMMER`
 */
const char *
wick_patterns_get_name (WickPattern pattern)
{
  g_return_val_if_fail ((guint) pattern < WICK_N_PATTERNS, NULL);

  return patterns[pattern].name;
}

/**
 * wick_patterns_get_lookback:
 * @pattern: a pattern
 *
 * Returns: the first index the pattern gives an output for
 */
guint
wick_patterns_get_lookback (WickPattern pattern)
{
  g_return_val_if_fail ((guint) pattern < WICK_N_PATTERNS, 0);

  return patterns[pattern].lookback;
}

/**
 * wick_patterns_compute:
 * @pattern: a pattern
 * @candles: the candles
 * @n_candles: how many
 * @out: (out caller-allocates) (array length=n_candles): the outputs
 *
 * Runs @pattern with TA-Lib's default options.
 *
 * Returns: the lookback (@n_candles when there are not more candles)
 */
guint
wick_patterns_compute (WickPattern       pattern,
                       const WickCandle *candles,
                       guint             n_candles,
                       gint8            *out)
{
  g_return_val_if_fail ((guint) pattern < WICK_N_PATTERNS, n_candles);

  return patterns[pattern].compute (candles, n_candles, out);
}
