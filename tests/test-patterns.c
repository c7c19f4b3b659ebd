/* test-patterns.c: TA-Lib's candlestick patterns on constructed candles
 *
 * Each case lays a pattern on a flat background and checks the output of its last candle:
 * candles that should fire, near misses, and the equality edges where TA-Lib compares
 * strictly in one place and not in another. The expected values are worked out by hand in the
 * comments and also checked against a plain reimplementation of the rules in signals.md §5,
 * which averages each candle setting afresh rather than with running sums; on a quarter-unit
 * price grid every sum is exact, so the two must agree on every candle of a long random run.
 * The one walk of all ten patterns is checked against the ten functions, cell for cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-patterns.h"

#include <math.h>
#include <stdlib.h>

#define HOUR_MS    G_GINT64_CONSTANT (3600000)
#define BASE_MS    G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define N_CANDLES  21
#define AT         20    /* where a case's last candle goes */

/*
 * The background candle: open 100, high 107, low 97, close 104. Its body is 4, its range 10,
 * each shadow 3. Over a background the settings are:
 *   BodyLong = BodyShort = 4        BodyDoji = 0.1 × 10 = 1
 *   ShadowVeryShort = 0.1 × 10 = 1  Near = 0.2 × 10 = 2
 * and when a candle of the case falls inside a window, its average is worked out in the case.
 */
#define BG_OPEN   100.0
#define BG_HIGH   107.0
#define BG_LOW    97.0
#define BG_CLOSE  104.0

typedef struct
{
  double open, high, low, close;
} Ohlc;

typedef struct
{
  WickCandle candles[N_CANDLES];
  gint8      out[N_CANDLES];
} Fixture;

static void
fill_background (WickCandle *candles,
                 guint       n)
{
  guint i;

  for (i = 0; i < n; i++)
    candles[i] = (WickCandle) { BASE_MS + i * HOUR_MS, BG_OPEN, BG_HIGH, BG_LOW, BG_CLOSE, 1.0 };
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fill_background (fixture->candles, N_CANDLES);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
}

/* Candles ending at @at, oldest first. */
static void
place (WickCandle *candles,
       guint       at,
       const Ohlc *placed,
       guint       n_placed)
{
  guint j;

  for (j = 0; j < n_placed; j++)
    {
      WickCandle *c = &candles[at + 1 - n_placed + j];

      c->open = placed[j].open;
      c->high = placed[j].high;
      c->low = placed[j].low;
      c->close = placed[j].close;
    }
}

/* The rules of signals.md §5, with each average summed afresh. */

typedef enum
{
  REAL_BODY,
  HIGH_LOW,
} Range;

typedef struct
{
  Range  range;
  guint  period;
  double factor;
} Setting;

static const Setting body_long = { REAL_BODY, 10, 1.0 };
static const Setting body_short = { REAL_BODY, 10, 1.0 };
static const Setting body_doji = { HIGH_LOW, 10, 0.1 };
static const Setting shadow_very_short = { HIGH_LOW, 10, 0.1 };
static const Setting near = { HIGH_LOW, 5, 0.2 };

static double
rb (const WickCandle *c)
{
  return fabs (c->close - c->open);
}

static double
top (const WickCandle *c)
{
  return MAX (c->open, c->close);
}

static double
bottom (const WickCandle *c)
{
  return MIN (c->open, c->close);
}

static double
us (const WickCandle *c)
{
  return c->high - top (c);
}

static double
ls (const WickCandle *c)
{
  return bottom (c) - c->low;
}

static int
colour (const WickCandle *c)
{
  return c->close >= c->open ? 1 : -1;
}

/* Avg_S (k): factor × mean of the range over the N candles before k. */
static double
avg (const Setting    *s,
     const WickCandle *c,
     guint             k)
{
  double sum = 0.0;
  guint m;

  for (m = k - s->period; m < k; m++)
    sum += s->range == REAL_BODY ? rb (&c[m]) : c[m].high - c[m].low;

  return s->factor * (sum / s->period);
}

static int
ref_pattern (WickPattern       pattern,
             const WickCandle *c,
             guint             i)
{
  const WickCandle *k = &c[i];
  const WickCandle *p = &c[i - 1];
  const WickCandle *q = i >= 2 ? &c[i - 2] : NULL;

  switch (pattern)
    {
    case WICK_PATTERN_HAMMER:
      return (rb (k) < avg (&body_short, c, i) && ls (k) > rb (k) &&
              us (k) < avg (&shadow_very_short, c, i) &&
              bottom (k) <= p->low + avg (&near, c, i - 1)) ? 100 : 0;

    case WICK_PATTERN_INVERTED_HAMMER:
    case WICK_PATTERN_SHOOTING_STAR:
      if (!(rb (k) < avg (&body_short, c, i) && us (k) > rb (k) &&
            ls (k) < avg (&shadow_very_short, c, i)))
        return 0;
      if (pattern == WICK_PATTERN_INVERTED_HAMMER)
        return top (k) < bottom (p) ? 100 : 0;
      return bottom (k) > top (p) ? -100 : 0;

    case WICK_PATTERN_ENGULFING:
      if ((colour (k) == 1 && colour (p) == -1 &&
           ((k->close >= p->open && k->open < p->close) ||
            (k->close > p->open && k->open <= p->close))) ||
          (colour (k) == -1 && colour (p) == 1 &&
           ((k->open >= p->close && k->close < p->open) ||
            (k->open > p->close && k->close <= p->open))))
        return colour (k) * (k->open == p->close || k->close == p->open ? 80 : 100);
      return 0;

    case WICK_PATTERN_HARAMI:
      if (!(rb (p) > avg (&body_long, c, i - 1) && rb (k) <= avg (&body_short, c, i)))
        return 0;
      if (top (k) < top (p) && bottom (k) > bottom (p))
        return -colour (p) * 100;
      if (top (k) <= top (p) && bottom (k) >= bottom (p))
        return -colour (p) * 80;
      return 0;

    case WICK_PATTERN_PIERCING:
      return (colour (p) == -1 && rb (p) > avg (&body_long, c, i - 1) &&
              colour (k) == 1 && rb (k) > avg (&body_long, c, i) &&
              k->open < p->low && k->close < p->open &&
              k->close > p->close + 0.5 * rb (p)) ? 100 : 0;

    case WICK_PATTERN_MORNING_STAR:
      return (rb (q) > avg (&body_long, c, i - 2) && colour (q) == -1 &&
              rb (p) <= avg (&body_short, c, i - 1) && top (p) < bottom (q) &&
              rb (k) > avg (&body_short, c, i) && colour (k) == 1 &&
              k->close > q->close + 0.3 * rb (q)) ? 100 : 0;

    case WICK_PATTERN_EVENING_STAR:
      return (rb (q) > avg (&body_long, c, i - 2) && colour (q) == 1 &&
              rb (p) <= avg (&body_short, c, i - 1) && bottom (p) > top (q) &&
              rb (k) > avg (&body_short, c, i) && colour (k) == -1 &&
              k->close < q->close - 0.3 * rb (q)) ? -100 : 0;

    case WICK_PATTERN_DOJI:
      return rb (k) <= avg (&body_doji, c, i) ? 100 : 0;

    case WICK_PATTERN_DRAGONFLY_DOJI:
      return (rb (k) <= avg (&body_doji, c, i) && us (k) < avg (&shadow_very_short, c, i) &&
              ls (k) > avg (&shadow_very_short, c, i)) ? 100 : 0;

    case WICK_N_PATTERNS:
    default:
      break;
    }

  g_assert_not_reached ();
}

/* Hand-worked cases */

typedef struct
{
  const char  *name;
  WickPattern  pattern;
  guint        n_placed;
  Ohlc         placed[3];   /* open, high, low, close; oldest first, the last is judged */
  int          expected;
} Case;

static const Case cases[] = {
  /* Hammer: body < 4, lower shadow > body, upper shadow < 1, body bottom ≤ 97 + 2 = 99. */
  { "hammer/fires", WICK_PATTERN_HAMMER, 1, { { 98, 99.5, 95, 99 } }, 100 },
  { "hammer/black-fires", WICK_PATTERN_HAMMER, 1, { { 99, 99.5, 95, 98 } }, 100 },
  { "hammer/body-below-average", WICK_PATTERN_HAMMER, 1, { { 95.5, 99.5, 90, 99 } }, 100 },
  /* Body 4 equals BodyShort: the comparison is strict. */
  { "hammer/body-equals-average", WICK_PATTERN_HAMMER, 1, { { 95, 99.5, 90, 99 } }, 0 },
  /* Upper shadow 1 equals ShadowVeryShort: strict. */
  { "hammer/upper-shadow-at-threshold", WICK_PATTERN_HAMMER, 1, { { 98, 100, 95, 99 } }, 0 },
  /* Lower shadow 1 equals the body (ShadowLong has no period): strict. */
  { "hammer/lower-shadow-equals-body", WICK_PATTERN_HAMMER, 1, { { 98, 99.5, 97, 99 } }, 0 },
  /* Body bottom exactly 99, previous low + Near: the one non-strict comparison. */
  { "hammer/near-at-threshold", WICK_PATTERN_HAMMER, 1, { { 99, 100.5, 96, 100 } }, 100 },
  { "hammer/not-near", WICK_PATTERN_HAMMER, 1, { { 99.5, 101, 96, 100.5 } }, 0 },

  /* Inverted hammer: body < 4, upper shadow > body, lower shadow < 1, body top < 100. */
  { "inverted-hammer/fires", WICK_PATTERN_INVERTED_HAMMER, 1, { { 98, 102, 97.5, 99 } }, 100 },
  /* Body top 100 touches the previous body's bottom: the gap is strict. */
  { "inverted-hammer/no-gap", WICK_PATTERN_INVERTED_HAMMER, 1, { { 99, 103, 98.5, 100 } }, 0 },
  { "inverted-hammer/lower-shadow-at-threshold", WICK_PATTERN_INVERTED_HAMMER, 1,
    { { 98, 102, 97, 99 } }, 0 },
  { "inverted-hammer/upper-shadow-equals-body", WICK_PATTERN_INVERTED_HAMMER, 1,
    { { 98, 100, 97.5, 99 } }, 0 },
  { "inverted-hammer/body-equals-average", WICK_PATTERN_INVERTED_HAMMER, 1,
    { { 94, 103, 93.5, 98 } }, 0 },

  /* Shooting star: the same shape with the body bottom > 104. */
  { "shooting-star/fires", WICK_PATTERN_SHOOTING_STAR, 1, { { 105, 109, 104.5, 106 } }, -100 },
  { "shooting-star/no-gap", WICK_PATTERN_SHOOTING_STAR, 1, { { 104, 108, 103.5, 105 } }, 0 },
  { "shooting-star/lower-shadow-at-threshold", WICK_PATTERN_SHOOTING_STAR, 1,
    { { 105, 109, 104, 106 } }, 0 },
  { "shooting-star/small-gap", WICK_PATTERN_SHOOTING_STAR, 1,
    { { 104.5, 108, 104.25, 105 } }, -100 },

  /* Engulfing, after a black 104 → 100 or a white 100 → 104. */
  { "engulfing/bullish", WICK_PATTERN_ENGULFING, 2,
    { { 104, 105, 99, 100 }, { 99, 106, 98, 105 } }, 100 },
  { "engulfing/bullish-open-equals-close", WICK_PATTERN_ENGULFING, 2,
    { { 104, 105, 99, 100 }, { 100, 106, 99, 105 } }, 80 },
  { "engulfing/bullish-close-equals-open", WICK_PATTERN_ENGULFING, 2,
    { { 104, 105, 99, 100 }, { 99, 105, 98, 104 } }, 80 },
  /* Both ends equal: neither (C ≥ O' and O < C') nor (C > O' and O ≤ C') holds. */
  { "engulfing/both-ends-equal", WICK_PATTERN_ENGULFING, 2,
    { { 104, 105, 99, 100 }, { 100, 105, 99, 104 } }, 0 },
  { "engulfing/bearish", WICK_PATTERN_ENGULFING, 2,
    { { 100, 105, 99, 104 }, { 105, 106, 98, 99 } }, -100 },
  { "engulfing/bearish-open-equals-close", WICK_PATTERN_ENGULFING, 2,
    { { 100, 105, 99, 104 }, { 104, 105, 98, 99 } }, -80 },
  { "engulfing/same-colour", WICK_PATTERN_ENGULFING, 2,
    { { 100, 105, 99, 104 }, { 99, 106, 98, 105 } }, 0 },
  /* No size test: a tiny black body engulfed by a small white one still counts. */
  { "engulfing/tiny-bodies", WICK_PATTERN_ENGULFING, 2,
    { { 100.5, 101, 99, 100.25 }, { 100, 101, 99, 100.75 } }, 100 },

  /* Harami after a long white 100 → 114 (body 14 > 4): the second candle's BodyShort average
   * is (9 × 4 + 14) / 10 = 5. */
  { "harami/bearish", WICK_PATTERN_HARAMI, 2,
    { { 100, 115, 99, 114 }, { 106, 107, 104, 105 } }, -100 },
  { "harami/one-end-equal", WICK_PATTERN_HARAMI, 2,
    { { 100, 115, 99, 114 }, { 114, 115, 110, 111 } }, -80 },
  /* Body 5 equals the BodyShort average: non-strict, so it counts. */
  { "harami/body-equals-average", WICK_PATTERN_HARAMI, 2,
    { { 100, 115, 99, 114 }, { 102, 108, 101, 107 } }, -100 },
  { "harami/body-above-average", WICK_PATTERN_HARAMI, 2,
    { { 100, 115, 99, 114 }, { 102, 109, 101, 108 } }, 0 },
  { "harami/bullish", WICK_PATTERN_HARAMI, 2,
    { { 114, 115, 99, 100 }, { 104, 107, 103, 106 } }, 100 },
  /* A first body of 4 equals its BodyLong average: strict, so it is not long. */
  { "harami/first-not-long", WICK_PATTERN_HARAMI, 2,
    { { 100, 105, 99, 104 }, { 101, 104, 100, 103 } }, 0 },
  { "harami/not-inside", WICK_PATTERN_HARAMI, 2,
    { { 100, 115, 99, 114 }, { 112, 117, 111, 116 } }, 0 },

  /* Piercing after a long black 110 → 100 (low 99, body 10 > 4); the white candle's BodyLong
   * average is (9 × 4 + 10) / 10 = 4.6, and it must close above 100 + 0.5 × 10 = 105. */
  { "piercing/fires", WICK_PATTERN_PIERCING, 2,
    { { 110, 111, 99, 100 }, { 98, 107, 97, 106 } }, 100 },
  { "piercing/close-at-midpoint", WICK_PATTERN_PIERCING, 2,
    { { 110, 111, 99, 100 }, { 98, 106, 97, 105 } }, 0 },
  { "piercing/open-at-previous-low", WICK_PATTERN_PIERCING, 2,
    { { 110, 111, 99, 100 }, { 99, 107, 98, 106 } }, 0 },
  { "piercing/close-at-previous-open", WICK_PATTERN_PIERCING, 2,
    { { 110, 111, 99, 100 }, { 98, 111, 97, 110 } }, 0 },
  /* A black body of 4 equals its BodyLong average: strict. */
  { "piercing/first-not-long", WICK_PATTERN_PIERCING, 2,
    { { 104, 105, 99, 100 }, { 98, 104, 97, 103 } }, 0 },

  /* Morning star after a long black 114 → 100: the star's BodyShort average is
   * (9 × 4 + 14) / 10 = 5; with a star body of 5 the third's is (8 × 4 + 14 + 5) / 10 = 5.1,
   * and it must close above 100 + 0.3 × 14 = 104.2. */
  { "morning-star/fires", WICK_PATTERN_MORNING_STAR, 3,
    { { 114, 115, 99, 100 }, { 99, 99.5, 93, 94 }, { 95, 107, 94, 106 } }, 100 },
  { "morning-star/star-touches", WICK_PATTERN_MORNING_STAR, 3,
    { { 114, 115, 99, 100 }, { 100, 100.5, 94, 95 }, { 95, 107, 94, 106 } }, 0 },
  { "morning-star/star-too-long", WICK_PATTERN_MORNING_STAR, 3,
    { { 114, 115, 99, 100 }, { 99, 99.5, 92, 93 }, { 95, 107, 94, 106 } }, 0 },
  /* Star body 4: the third's average is (8 × 4 + 14 + 4) / 10 = 5, and a body of 5 is not
   * longer (strict); 5.25 is. */
  { "morning-star/third-equals-average", WICK_PATTERN_MORNING_STAR, 3,
    { { 114, 115, 99, 100 }, { 99, 99.5, 94, 95 }, { 99.5, 105, 99, 104.5 } }, 0 },
  { "morning-star/third-above-average", WICK_PATTERN_MORNING_STAR, 3,
    { { 114, 115, 99, 100 }, { 99, 99.5, 94, 95 }, { 99.25, 105, 99, 104.5 } }, 100 },
  /* After 110 → 100 the third must close above 100 + 0.3 × 10 = 103: at 103 it does not. */
  { "morning-star/close-at-penetration", WICK_PATTERN_MORNING_STAR, 3,
    { { 110, 111, 99, 100 }, { 99, 99.5, 95, 96 }, { 96, 103.5, 95, 103 } }, 0 },
  { "morning-star/close-past-penetration", WICK_PATTERN_MORNING_STAR, 3,
    { { 110, 111, 99, 100 }, { 99, 99.5, 95, 96 }, { 96, 103.5, 95, 103.25 } }, 100 },

  /* Evening star: the mirror after a long white 100 → 114; close below 114 - 4.2 = 109.8. */
  { "evening-star/fires", WICK_PATTERN_EVENING_STAR, 3,
    { { 100, 115, 99, 114 }, { 115, 121, 114.5, 120 }, { 119, 120, 107, 108 } }, -100 },
  { "evening-star/star-touches", WICK_PATTERN_EVENING_STAR, 3,
    { { 100, 115, 99, 114 }, { 114, 120, 113.5, 119 }, { 119, 120, 107, 108 } }, 0 },
  { "evening-star/close-at-penetration", WICK_PATTERN_EVENING_STAR, 3,
    { { 100, 111, 99, 110 }, { 111, 114.5, 110.5, 114 }, { 114, 115, 106, 107 } }, 0 },
  { "evening-star/close-past-penetration", WICK_PATTERN_EVENING_STAR, 3,
    { { 100, 111, 99, 110 }, { 111, 114.5, 110.5, 114 }, { 114, 115, 106, 106.75 } }, -100 },

  /* Doji: body ≤ 0.1 × 10 = 1, non-strict. */
  { "doji/body-equals-average", WICK_PATTERN_DOJI, 1, { { 100, 103, 97, 101 } }, 100 },
  { "doji/body-above-average", WICK_PATTERN_DOJI, 1, { { 100, 103, 97, 101.25 } }, 0 },
  { "doji/no-body", WICK_PATTERN_DOJI, 1, { { 100, 105, 95, 100 } }, 100 },

  /* Dragonfly doji: a doji with upper shadow < 1 and lower shadow > 1, both strict. */
  { "dragonfly-doji/fires", WICK_PATTERN_DRAGONFLY_DOJI, 1, { { 104, 104.75, 99, 104.5 } }, 100 },
  { "dragonfly-doji/body-equals-average", WICK_PATTERN_DRAGONFLY_DOJI, 1,
    { { 103, 104.5, 99, 104 } }, 100 },
  { "dragonfly-doji/upper-shadow-at-threshold", WICK_PATTERN_DRAGONFLY_DOJI, 1,
    { { 104, 105.5, 99, 104.5 } }, 0 },
  { "dragonfly-doji/lower-shadow-at-threshold", WICK_PATTERN_DRAGONFLY_DOJI, 1,
    { { 104, 104.75, 103, 104.5 } }, 0 },
};

static void
test_case (Fixture       *fixture,
           gconstpointer  data)
{
  const Case *tc = data;

  place (fixture->candles, AT, tc->placed, tc->n_placed);

  g_assert_cmpuint (wick_patterns_compute (tc->pattern, fixture->candles, N_CANDLES, fixture->out),
                    ==, wick_patterns_get_lookback (tc->pattern));
  g_assert_cmpint (fixture->out[AT], ==, tc->expected);

  /* The plain reading of the rules agrees with the hand-worked answer. */
  g_assert_cmpint (ref_pattern (tc->pattern, fixture->candles, AT), ==, tc->expected);
}

/* Lookbacks: the first index with an output, and nothing before it. */

typedef struct
{
  WickPattern  pattern;
  const char  *name;
  guint        lookback;
  const Case  *firing;
} LookbackCase;

static LookbackCase lookback_cases[] = {
  { WICK_PATTERN_HAMMER, "CDLHAMMER", 11, NULL },
  { WICK_PATTERN_INVERTED_HAMMER, "CDLINVERTEDHAMMER", 11, NULL },
  { WICK_PATTERN_SHOOTING_STAR, "CDLSHOOTINGSTAR", 11, NULL },
  { WICK_PATTERN_ENGULFING, "CDLENGULFING", 2, NULL },
  { WICK_PATTERN_HARAMI, "CDLHARAMI", 11, NULL },
  { WICK_PATTERN_PIERCING, "CDLPIERCING", 11, NULL },
  { WICK_PATTERN_MORNING_STAR, "CDLMORNINGSTAR", 12, NULL },
  { WICK_PATTERN_EVENING_STAR, "CDLEVENINGSTAR", 12, NULL },
  { WICK_PATTERN_DOJI, "CDLDOJI", 10, NULL },
  { WICK_PATTERN_DRAGONFLY_DOJI, "CDLDRAGONFLYDOJI", 10, NULL },
};

static void
test_lookback (Fixture       *fixture,
               gconstpointer  data)
{
  const LookbackCase *tc = data;
  const Case *firing = tc->firing;
  guint lb = tc->lookback;
  guint i;

  g_assert_nonnull (firing);
  g_assert_cmpstr (wick_patterns_get_name (tc->pattern), ==, tc->name);
  g_assert_cmpuint (wick_patterns_get_lookback (tc->pattern), ==, lb);

  /* Ending at the lookback, the pattern is seen. */
  place (fixture->candles, lb, firing->placed, firing->n_placed);
  g_assert_cmpuint (wick_patterns_compute (tc->pattern, fixture->candles, lb + 1, fixture->out),
                    ==, lb);
  g_assert_cmpint (fixture->out[lb], ==, firing->expected);

  /* Ending one candle earlier, it is not: TA-Lib gives no output there. */
  fill_background (fixture->candles, N_CANDLES);
  place (fixture->candles, lb - 1, firing->placed, firing->n_placed);
  for (i = 0; i < N_CANDLES; i++)
    fixture->out[i] = 123;
  g_assert_cmpuint (wick_patterns_compute (tc->pattern, fixture->candles, lb + 1, fixture->out),
                    ==, lb);
  for (i = 0; i < lb; i++)
    g_assert_cmpint (fixture->out[i], ==, 0);

  /* No more candles than the lookback: all 0, and the start index is the length. */
  for (i = 0; i < N_CANDLES; i++)
    fixture->out[i] = 123;
  g_assert_cmpuint (wick_patterns_compute (tc->pattern, fixture->candles, lb, fixture->out), ==,
                    lb);
  for (i = 0; i < lb; i++)
    g_assert_cmpint (fixture->out[i], ==, 0);
  g_assert_cmpint (fixture->out[lb], ==, 123);

  g_assert_cmpuint (wick_patterns_compute (tc->pattern, fixture->candles, 0, fixture->out), ==, 0);
}

/* A long random run on a quarter grid, against the plain reading of the rules. */
static void
test_random_against_rules (void)
{
  const guint n = 20000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autofree WickCandle *candles = g_new0 (WickCandle, n);
  g_autofree gint8 *out = g_new (gint8, n);
  double price = 100.0;
  guint p, i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];

      c->open_time_ms = BASE_MS + (gint64) i * HOUR_MS;
      c->open = MAX (price + 0.25 * g_rand_int_range (rand, -4, 5), 20.0);
      c->close = MAX (c->open + 0.25 * g_rand_int_range (rand, -8, 9), 20.0);
      c->high = MAX (c->open, c->close) + 0.25 * g_rand_int_range (rand, 0, 6) *
                g_rand_int_range (rand, 0, 2);
      c->low = MIN (c->open, c->close) - 0.25 * g_rand_int_range (rand, 0, 6) *
               g_rand_int_range (rand, 0, 2);
      c->volume = 1.0;
      price = c->close;
    }

  for (p = 0; p < WICK_N_PATTERNS; p++)
    {
      guint lb = wick_patterns_compute (p, candles, n, out);
      guint fired = 0, weak = 0;

      g_assert_cmpuint (lb, ==, wick_patterns_get_lookback (p));
      for (i = 0; i < lb; i++)
        g_assert_cmpint (out[i], ==, 0);
      for (i = lb; i < n; i++)
        {
          if (out[i] != ref_pattern (p, candles, i))
            g_error ("%s differs at %u: %d, the rules say %d", wick_patterns_get_name (p), i,
                     out[i], ref_pattern (p, candles, i));
          fired += out[i] != 0;
          weak += abs (out[i]) == 80;
        }

      g_test_message ("%s: %u of %u candles, %u at +/-80", wick_patterns_get_name (p), fired, n,
                      weak);
      /* The run is long enough for every pattern to show up, the weak outputs included. */
      g_assert_cmpuint (fired, >, 0);
      if (p == WICK_PATTERN_ENGULFING || p == WICK_PATTERN_HARAMI)
        g_assert_cmpuint (weak, >, 0);
    }
}

static void
test_star_penetration (void)
{
  WickCandle candles[N_CANDLES];
  const Ohlc morning[] = { { 110, 111, 99, 100 }, { 99, 99.5, 95, 96 }, { 96, 103.5, 95, 103.25 } };
  gint8 out[N_CANDLES];

  /* Closing 3.25 into a body of 10: past 0.3, not past 0.5; with 0 any white close above the
   * first close will do. */
  fill_background (candles, N_CANDLES);
  place (candles, AT, morning, 3);
  wick_patterns_morning_star (candles, N_CANDLES, 0.3, out);
  g_assert_cmpint (out[AT], ==, 100);
  wick_patterns_morning_star (candles, N_CANDLES, 0.5, out);
  g_assert_cmpint (out[AT], ==, 0);
  wick_patterns_morning_star (candles, N_CANDLES, 0.0, out);
  g_assert_cmpint (out[AT], ==, 100);
}

/* Random candles for the single walk: on a quarter grid, where averages land on thresholds
 * and bodies tie, with now and then a candle a billion times larger. A running total that
 * has held one keeps a rounding residue, which differs with the candle the total began on, so
 * a total begun at the wrong candle shows as other outputs. */
static WickCandle *
make_mixed_candles (GRand *rand,
                    guint  n)
{
  WickCandle *candles = g_new0 (WickCandle, MAX (n, 1));
  double price = 100.0;

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double scale = g_rand_int_range (rand, 0, 40) == 0 ? 1e9 + g_rand_double (rand) : 1.0;

      c->open_time_ms = BASE_MS + (gint64) i * HOUR_MS;
      c->open = MAX (price + 0.25 * g_rand_int_range (rand, -4, 5), 20.0);
      c->close = MAX (c->open + 0.25 * g_rand_int_range (rand, -8, 9) * scale, 20.0);
      c->high = MAX (c->open, c->close) + 0.25 * g_rand_int_range (rand, 0, 6) *
                g_rand_int_range (rand, 0, 2) * scale;
      c->low = MIN (c->open, c->close) - 0.25 * g_rand_int_range (rand, 0, 6) *
               g_rand_int_range (rand, 0, 2);
      c->volume = 1.0;
      price = scale > 1.0 ? 100.0 : c->close;
    }

  return candles;
}

/* wick_patterns_compute_all () against each pattern's function, on runs of every length up
 * to past the lookbacks and on a long one, with every pattern asked for and with some left out. */
static void
test_one_walk (void)
{
  static const guint lengths[] = {
    0, 1, 2, 3, 9, 10, 11, 12, 13, 14, 20, 100, 20000,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint subset = 0; subset < 3; subset++)
      {
        guint n = lengths[l];
        g_autofree WickCandle *candles = make_mixed_candles (rand, n);
        gint8 *all[WICK_N_PATTERNS] = { NULL, };
        guint p, i;

        for (p = 0; p < WICK_N_PATTERNS; p++)
          if (subset == 0 || (p + subset) % 2 == 0)
            {
              all[p] = g_new (gint8, MAX (n, 1));
              for (i = 0; i < n; i++)
                all[p][i] = 123;
            }

        wick_patterns_compute_all (candles, n, all);

        for (p = 0; p < WICK_N_PATTERNS; p++)
          {
            g_autofree gint8 *one = g_new (gint8, MAX (n, 1));
            guint fired = 0;

            if (all[p] == NULL)
              continue;

            wick_patterns_compute (p, candles, n, one);
            for (i = 0; i < n; i++)
              {
                if (all[p][i] != one[i])
                  g_error ("%s, %u candles: %d at %u, its function gives %d",
                           wick_patterns_get_name (p), n, all[p][i], i, one[i]);
                fired += one[i] != 0;
              }
            /* The long run shows every pattern. */
            if (n == 20000)
              g_assert_cmpuint (fired, >, 0);
            g_free (all[p]);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/patterns/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_case, fixture_teardown);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lookback_cases); i++)
    {
      LookbackCase *tc = &lookback_cases[i];
      g_autofree char *path = g_strdup_printf ("/wick/patterns/lookback/%s", tc->name);

      /* The first firing case of the pattern in the table above. */
      for (guint j = 0; j < G_N_ELEMENTS (cases) && tc->firing == NULL; j++)
        if (cases[j].pattern == tc->pattern && cases[j].expected != 0)
          tc->firing = &cases[j];

      g_test_add (path, Fixture, tc, fixture_setup, test_lookback, fixture_teardown);
    }

  g_test_add_func ("/wick/patterns/star-penetration", test_star_penetration);
  g_test_add_func ("/wick/patterns/random-against-rules", test_random_against_rules);
  g_test_add_func ("/wick/patterns/one-walk", test_one_walk);

  return g_test_run ();
}
