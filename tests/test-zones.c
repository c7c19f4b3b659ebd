/* test-zones.c: support and resistance zones on constructed candles, the sample and real data
 *
 * The constructed series are paths of closes: each candle opens at the previous close and its
 * wicks reach 0.5 beyond its body. The ATR is given as a constant 2, so ε = 1, the touch
 * tolerance is 0.2 and a deep break is 0.5 below the zone, and every number can be worked out
 * by hand. Each case is also run mirrored (every price p read as 220 - p, highs and lows
 * swapped), where support becomes resistance and everything else must stay the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-indicators.h"
#include "wick-sample-source.h"
#include "wick-zones.h"

#include <math.h>
#include <stdlib.h>

#define HOUR_MS    G_GINT64_CONSTANT (3600000)
#define BASE_MS    G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define MAX_BARS   400
#define MAX_STEPS  16
#define ATR        2.0
#define MIRROR     220.0
#define REAL_FILE  "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv"

/* Move the close to @close over @bars candles, in equal steps. With @low (@high) not 0, the
 * candle (there must be one) gets that low (high) instead of the usual wick. */
typedef struct
{
  double close;
  guint  bars;
  double low;
  double high;
} Step;

typedef struct
{
  WickCandle candles[MAX_BARS];
  double     atr[MAX_BARS];
  guint      n;
} Path;

static void
path_add (Path       *path,
          const Step *steps,
          guint       n_steps)
{
  guint s, k;

  for (s = 0; s < n_steps; s++)
    {
      double from = path->n > 0 ? path->candles[path->n - 1].close : steps[s].close;
      guint bars = path->n > 0 ? steps[s].bars : 1;

      for (k = 1; k <= bars; k++)
        {
          WickCandle *c = &path->candles[path->n];
          double close = k == bars ? steps[s].close : from + (steps[s].close - from) * k / bars;
          double open = path->n > 0 ? path->candles[path->n - 1].close : close;

          g_assert_cmpuint (path->n, <, MAX_BARS);
          *c = (WickCandle) {
            BASE_MS + path->n * HOUR_MS, open,
            MAX (open, close) + 0.5, MIN (open, close) - 0.5, close, 1.0,
          };
          if (steps[s].low != 0.0)
            c->low = steps[s].low;
          if (steps[s].high != 0.0)
            c->high = steps[s].high;
          path->atr[path->n] = ATR;
          path->n++;
        }
    }
}

static void
path_mirror (Path *path)
{
  guint i;

  for (i = 0; i < path->n; i++)
    {
      WickCandle *c = &path->candles[i];
      double high = c->high;

      c->open = MIRROR - c->open;
      c->close = MIRROR - c->close;
      c->high = MIRROR - c->low;
      c->low = MIRROR - high;
    }
}

/* Two V-shaped dips to a close of 100, lows 99.5 at candles 10 and 30 (the candles after them
 * have the same low and lose the tie), back to 110 at candle 40. The zone: centre 99.5,
 * ε = max (0.5 × 2, 0.15 % × 99.5) = 1, so [99, 100]; formed at 30 + 5 = 35. */
static const Step base_steps[] = {
  { 110, 1 }, { 100, 10 }, { 110, 10 }, { 100, 10 }, { 110, 10 },
};

#define ZONE_PRICE  99.5
#define ZONE_LOW    99.0
#define ZONE_HIGH   100.0
#define FORMED      35

typedef struct
{
  const char    *name;
  Step           tail[MAX_STEPS];
  guint          n_candles;      /* evaluate at the close of candle n_candles - 1 */
  gboolean       has_zone;
  WickZoneKind   kind;
  WickZoneState  state;
  guint          state_index;
  WickZoneKind   state_role;
  guint          n_touches;
  guint          touches[4];
} ZoneCase;

/* After the base, at candle 41 on. */
#define RISE          { 115, 20 }, { 145, 120 }
#define DOWN_TO_49    { 101, 9 }
#define BREAK_AT_50   DOWN_TO_49, { 98, 1 }

static const ZoneCase zone_cases[] = {
  /* The second pivot is confirmed at the close of candle 35: no zone at the close of 34. */
  { "not-yet-formed", { RISE }, 35, FALSE },
  { "formed", { RISE }, 36, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_UNTESTED, FORMED, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  { "untested", { RISE }, 61, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_UNTESTED, FORMED, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* Candle 50 dips to 100.0 <= 100 + 0.2 and closes at 100.5 >= 99: a touch. Candle 51
   * touches too (low 100.0) but is within 3 candles of it, so it is not counted. */
  { "tested", { DOWN_TO_49, { 100.5, 1, 100.0 }, { 105, 5 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_TESTED, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  /* A low of 100.1, within 0.2 of the zone's top, is a touch; 100.3 is not. */
  { "within-tolerance", { DOWN_TO_49, { 101, 1, 100.1 }, { 105, 5 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_TESTED, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  { "near-miss", { DOWN_TO_49, { 101, 1, 100.3 }, { 105, 5 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_UNTESTED, FORMED, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* A low exactly on the zone's bottom is a test, not a sweep (that needs a low below it). */
  { "low-on-edge", { DOWN_TO_49, { 100.5, 1, 99.0 }, { 105, 5 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_TESTED, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  /* A visit of five touching candles, 50 to 54, is one touch. */
  { "long-visit", { DOWN_TO_49, { 100.5, 1, 100.0 }, { 100.5, 4 }, { 105, 5 } }, 55, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_TESTED, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  /* Touching candles 50 and 53, with 51 and 52 clear of the zone, are two. */
  { "two-visits", { DOWN_TO_49, { 101, 1, 100.0 }, { 102, 1 }, { 101.5, 1 }, { 101, 1, 100.0 },
                    { 105, 5 } }, 55, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_TESTED, 50, WICK_ZONE_SUPPORT, 4, { 10, 30, 50, 53 } },
  /* Candle 50 wicks to 98 < 99 and closes back at 100.5: swept, not broken. */
  { "swept", { DOWN_TO_49, { 100.5, 1, 98.0 }, { 105, 5 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_SWEPT, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  /* Later: the plain touch at 51 does not undo the sweep, and the sweep's own low (a lone
   * pivot since 55, 1.5 below the others) joins no zone. */
  { "swept-stays", { DOWN_TO_49, { 100.5, 1, 98.0 }, { 105, 5 }, { 110, 10 } }, 64, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_SWEPT, 50, WICK_ZONE_SUPPORT, 3, { 10, 30, 50 } },
  /* A close of 98 < 99 - 0.5: broken at once, still support for 6 candles... */
  { "broken", { BREAK_AT_50, { 94, 8 } }, 53, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_BROKEN, 50, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* ...then resistance from candle 57, 7 after the break. */
  { "broken-role", { BREAK_AT_50, { 94, 8 } }, 57, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_BROKEN, 50, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  { "broken-flipped", { BREAK_AT_50, { 94, 8 } }, 58, TRUE,
    WICK_ZONE_RESISTANCE, WICK_ZONE_BROKEN, 50, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* A close of 98.8, below 99 but not by 0.5: nothing yet... */
  { "one-close-below", { DOWN_TO_49, { 98.8, 1 }, { 98.7, 1 }, { 94, 8 } }, 51, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_UNTESTED, FORMED, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* ...a second one in a row breaks it. */
  { "two-closes-below", { DOWN_TO_49, { 98.8, 1 }, { 98.7, 1 }, { 94, 8 } }, 52, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_BROKEN, 51, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* A close of 100.5 > 100 at candle 56, 6 after the break: reclaimed. */
  { "reclaimed", { BREAK_AT_50, { 97.5, 1 }, { 97.5, 1 }, { 98, 1 }, { 98.5, 1 }, { 99.5, 1 },
                   { 100.5, 1 }, { 105, 5 } }, 57, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_RECLAIMED, 56, WICK_ZONE_SUPPORT, 2, { 10, 30 } },
  /* No close above 100 by candle 56; at 57 the zone is resistance, and 57's close of 101 is
   * more than 0.5 above it: broken again, upwards. */
  { "too-late", { BREAK_AT_50, { 97.5, 1 }, { 97.5, 1 }, { 98, 1 }, { 98.5, 1 }, { 99.5, 1 },
                  { 99.8, 1 }, { 101, 1 }, { 105, 8 } }, 58, TRUE,
    WICK_ZONE_RESISTANCE, WICK_ZONE_BROKEN, 57, WICK_ZONE_RESISTANCE, 2, { 10, 30 } },
  /* Not reclaimed downwards either: support again from 64, still broken. */
  { "too-late-flipped-back", { BREAK_AT_50, { 97.5, 1 }, { 97.5, 1 }, { 98, 1 }, { 98.5, 1 },
                               { 99.5, 1 }, { 99.8, 1 }, { 101, 1 }, { 105, 8 } }, 65, TRUE,
    WICK_ZONE_SUPPORT, WICK_ZONE_BROKEN, 57, WICK_ZONE_RESISTANCE, 2, { 10, 30 } },
};

static guint
count_steps (const Step *steps)
{
  guint n = 0;

  while (n < MAX_STEPS && steps[n].bars > 0)
    n++;

  return n;
}

static const Step rise[MAX_STEPS] = { RISE };

/* The base, then @tail (ended by a step of no candles). */
static void
base_path (Path       *path,
           const Step *tail)
{
  path->n = 0;
  path_add (path, base_steps, G_N_ELEMENTS (base_steps));
  path_add (path, tail, count_steps (tail));
}

static void
check_zone_case (const ZoneCase *tc,
                 gboolean        mirrored)
{
  Path path;
  g_autoptr(WickZones) zones = NULL;
  const WickZone *zone;
  guint i;

  base_path (&path, tc->tail);
  g_assert_cmpuint (path.n, >=, tc->n_candles);
  if (mirrored)
    path_mirror (&path);
  zones = wick_zones_detect (path.candles, tc->n_candles, path.atr, NULL);
  g_assert_cmpuint (wick_zones_get_n_candles (zones), ==, tc->n_candles);
  zone = wick_zones_find (zones, mirrored ? MIRROR - ZONE_PRICE : ZONE_PRICE);

  if (!tc->has_zone)
    {
      g_assert_null (zone);
      return;
    }

  g_assert_nonnull (zone);
  g_assert_cmpfloat_with_epsilon (zone->low, mirrored ? MIRROR - ZONE_HIGH : ZONE_LOW, 1e-9);
  g_assert_cmpfloat_with_epsilon (zone->high, mirrored ? MIRROR - ZONE_LOW : ZONE_HIGH, 1e-9);
  g_assert_cmpuint (zone->n_pivots, ==, 2);
  g_assert_cmpuint (zone->pivots[0].index, ==, 10);
  g_assert_cmpuint (zone->pivots[1].index, ==, 30);
  g_assert_cmpuint (zone->formed_index, ==, FORMED);

  g_assert_cmpint (zone->kind, ==, mirrored ? !tc->kind : tc->kind);
  g_assert_cmpstr (wick_zone_state_to_string (zone->state), ==,
                   wick_zone_state_to_string (tc->state));
  g_assert_cmpuint (zone->state_index, ==, tc->state_index);
  g_assert_cmpint (zone->state_role, ==, mirrored ? !tc->state_role : tc->state_role);

  g_assert_cmpuint (zone->n_touches, ==, tc->n_touches);
  for (i = 0; i < zone->n_touches; i++)
    g_assert_cmpuint (zone->touches[i], ==, tc->touches[i]);
  g_assert_cmpint (zone->first_touch_ms, ==, path.candles[tc->touches[0]].open_time_ms);
  g_assert_cmpint (zone->last_touch_ms, ==,
                   path.candles[tc->touches[tc->n_touches - 1]].open_time_ms);

  g_assert_cmpfloat (zone->score, >, 0.0);
  g_assert_cmpfloat (zone->strength, >, 0.0);
  g_assert_cmpfloat (zone->strength, <, 1.0);
}

static void
test_zone_case (gconstpointer data)
{
  check_zone_case (data, FALSE);
}

static void
test_zone_case_mirrored (gconstpointer data)
{
  check_zone_case (data, TRUE);
}

/* The score by hand: touches at 10 and 30, each followed by a high of 110.5 within 10 candles,
 * (110.5 - 100) / 2 = 5.25 ATR, capped at 3; at candle 60 they are 50 and 30 candles old; 99
 * and 100 are round numbers at this price (multiples of 10^(2 - 2)). */
static void
test_score (void)
{
  Path path;
  g_autoptr(WickZones) zones = NULL;
  WickZoneParams params;
  const WickZone *zone;
  double expected = 1.5 * ((1 + 3) * pow (0.5, 50 / 120.0) + (1 + 3) * pow (0.5, 30 / 120.0));
  guint mirrored;

  base_path (&path, rise);

  for (mirrored = 0; mirrored < 2; mirrored++)
    {
      g_clear_pointer (&zones, wick_zones_unref);
      zones = wick_zones_detect (path.candles, 61, path.atr, NULL);
      zone = wick_zones_find (zones, mirrored ? MIRROR - ZONE_PRICE : ZONE_PRICE);
      g_assert_nonnull (zone);
      g_assert_cmpfloat_with_epsilon (zone->score, expected, 1e-12);
      g_assert_cmpfloat_with_epsilon (zone->strength, 1.0 - exp (-expected / 8.0), 1e-12);
      path_mirror (&path);
    }

  /* Without the round-number bonus. */
  wick_zone_params_init (&params);
  params.round_bonus = 0.0;
  g_clear_pointer (&zones, wick_zones_unref);
  zones = wick_zones_detect (path.candles, 61, path.atr, &params);
  zone = wick_zones_find (zones, ZONE_PRICE);
  g_assert_cmpfloat_with_epsilon (zone->score, expected / 1.5, 1e-12);
}

/* Half the score 120 candles later, when nothing new happened. */
static void
test_score_half_life (void)
{
  Path path;
  g_autoptr(WickZones) now = NULL;
  g_autoptr(WickZones) later = NULL;
  const WickZone *a, *b;

  base_path (&path, rise);
  g_assert_cmpuint (path.n, >=, 181);

  now = wick_zones_detect (path.candles, 61, path.atr, NULL);
  later = wick_zones_detect (path.candles, 181, path.atr, NULL);
  a = wick_zones_find (now, ZONE_PRICE);
  b = wick_zones_find (later, ZONE_PRICE);
  g_assert_cmpfloat_with_epsilon (b->score, a->score / 2.0, 1e-12);
  g_assert_cmpfloat (b->strength, <, a->strength);
}

/* The round-number bonus: the same dips moved up to 1,200 (a zone holding 1,200, a multiple of
 * 10^(4 - 2)) and to 1,250 (none within 0.1 %). */
static void
test_round_number (void)
{
  static const struct
  {
    double shift;
    double ratio;
  } shifts[] = { { 1101.0, 1.5 }, { 1151.0, 1.0 } };
  guint s, i;

  for (s = 0; s < G_N_ELEMENTS (shifts); s++)
    {
      Path path;
      g_autoptr(WickZones) with = NULL;
      g_autoptr(WickZones) without = NULL;
      WickZoneParams params;
      const WickZone *a, *b;

      base_path (&path, rise);
      for (i = 0; i < path.n; i++)
        {
          path.candles[i].open += shifts[s].shift;
          path.candles[i].high += shifts[s].shift;
          path.candles[i].low += shifts[s].shift;
          path.candles[i].close += shifts[s].shift;
        }

      wick_zone_params_init (&params);
      with = wick_zones_detect (path.candles, 61, path.atr, &params);
      params.round_bonus = 0.0;
      without = wick_zones_detect (path.candles, 61, path.atr, &params);
      a = wick_zones_find (with, ZONE_PRICE + shifts[s].shift);
      b = wick_zones_find (without, ZONE_PRICE + shifts[s].shift);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpfloat_with_epsilon (a->score / b->score, shifts[s].ratio, 1e-12);
    }
}

/* Strength ordering: each pair is the same but for one thing, and the first must be stronger. */
typedef struct
{
  const char *name;
  Step        stronger[MAX_STEPS];
  guint       stronger_n;
  Step        weaker[MAX_STEPS];
  guint       weaker_n;
} OrderCase;

static const OrderCase order_cases[] = {
  /* A third touch at 50 (which becomes a third pivot). */
  { "more-touches", { DOWN_TO_49, { 100.5, 1, 100.0 }, { 110, 10 } }, 61,
    { RISE }, 61 },
  /* The same two touches, seen 40 candles later. */
  { "fresher", { RISE }, 61, { RISE }, 101 },
  /* After the third touch price rose 1.4 ATR above the zone in the weaker, 5.2 (counted as 3)
   * in the stronger. */
  { "bigger-reaction", { DOWN_TO_49, { 100.5, 1, 100.0 }, { 110, 10 } }, 61,
    { DOWN_TO_49, { 100.5, 1, 100.0 }, { 102.5, 10 } }, 61 },
};

static double
strength_of (const Step *tail,
             guint       n_candles)
{
  Path path;
  g_autoptr(WickZones) zones = NULL;
  const WickZone *zone;

  base_path (&path, tail);
  zones = wick_zones_detect (path.candles, n_candles, path.atr, NULL);
  zone = wick_zones_find (zones, ZONE_PRICE);
  g_assert_nonnull (zone);

  return zone->strength;
}

static void
test_order_case (gconstpointer data)
{
  const OrderCase *tc = data;
  double stronger = strength_of (tc->stronger, tc->stronger_n);
  double weaker = strength_of (tc->weaker, tc->weaker_n);

  g_test_message ("%s: %.4f > %.4f", tc->name, stronger, weaker);
  g_assert_cmpfloat (stronger, >, weaker);
}

/* Single linkage joins lows 0.9, 0.6, 0.6, 0.6 and 0.6 apart (each below ε = 1) into one chain
 * 3.3 wide; wider than 3 ε, it is cut at its widest gap, which leaves the lowest pivot alone
 * and the other five as a zone. */
static void
test_chain_cut (void)
{
  static const Step steps[] = {
    { 110, 1 }, { 100, 10 }, { 110, 10 }, { 100.9, 10 }, { 110, 10 }, { 101.5, 10 }, { 110, 10 },
    { 102.1, 10 }, { 110, 10 }, { 102.7, 10 }, { 110, 10 }, { 103.3, 10 }, { 110, 10 },
  };
  Path path = { .n = 0 };
  g_autoptr(WickZones) cut = NULL;
  g_autoptr(WickZones) chained = NULL;
  WickZoneParams params;
  const WickZone *zone;

  path_add (&path, steps, G_N_ELEMENTS (steps));

  cut = wick_zones_detect (path.candles, path.n, path.atr, NULL);
  g_assert_null (wick_zones_find (cut, 99.5));
  zone = wick_zones_find (cut, 101.6);
  g_assert_nonnull (zone);
  g_assert_cmpuint (zone->n_pivots, ==, 5);
  g_assert_cmpuint (zone->pivots[0].index, ==, 30);
  g_assert_cmpfloat_with_epsilon (zone->low, 100.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (zone->high, 102.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (zone->mid, 101.6, 1e-9);

  wick_zone_params_init (&params);
  params.max_width = 0.0;
  chained = wick_zones_detect (path.candles, path.n, path.atr, &params);
  zone = wick_zones_find (chained, 101.6);
  g_assert_nonnull (zone);
  g_assert_cmpuint (zone->n_pivots, ==, 6);
  g_assert_cmpfloat_with_epsilon (zone->low, 99.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (zone->high, 102.8, 1e-9);
}

/* Only pivots in the last `window` candles make zones. */
static void
test_window (void)
{
  static const struct
  {
    guint    window;
    gboolean has_zone;
  } windows[] = { { 0, TRUE }, { 51, TRUE }, { 50, FALSE }, { 25, FALSE } };
  Path path;
  guint i;

  base_path (&path, rise);

  for (i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autoptr(WickZones) zones = NULL;
      WickZoneParams params;

      wick_zone_params_init (&params);
      params.window = windows[i].window;
      zones = wick_zones_detect (path.candles, 61, path.atr, &params);
      g_assert_cmpint (wick_zones_find (zones, ZONE_PRICE) != NULL, ==, windows[i].has_zone);
    }
}

static void
test_empty (void)
{
  Path path;
  g_autoptr(WickZones) none = wick_zones_detect (NULL, 0, NULL, NULL);
  g_autoptr(WickZones) few = NULL;

  g_assert_cmpuint (wick_zones_get_n_zones (none), ==, 0);
  g_assert_null (wick_zones_find (none, 1.0));

  base_path (&path, rise);
  few = wick_zones_detect (path.candles, 12, NULL, NULL);
  g_assert_cmpuint (wick_zones_get_n_zones (few), ==, 0);
}

/* Every field of every zone makes sense at the close of candle n - 1. */
static void
check_zones_sane (WickZones        *zones,
                  const WickCandle *candles,
                  guint             n)
{
  double last_mid = -G_MAXDOUBLE;
  guint i, k;

  g_assert_cmpuint (wick_zones_get_n_candles (zones), ==, n);

  for (i = 0; i < wick_zones_get_n_zones (zones); i++)
    {
      const WickZone *z = wick_zones_get_zone (zones, i);

      g_assert_true (isfinite (z->low) && isfinite (z->high) && isfinite (z->mid));
      g_assert_true (isfinite (z->score) && isfinite (z->strength));
      g_assert_cmpfloat (z->low, <, z->high);
      g_assert_cmpfloat (z->low, <=, z->mid);
      g_assert_cmpfloat (z->mid, <=, z->high);
      g_assert_cmpfloat (z->mid, >=, last_mid);
      last_mid = z->mid;
      g_assert_cmpfloat (z->score, >, 0.0);
      g_assert_cmpfloat (z->strength, >, 0.0);
      g_assert_cmpfloat (z->strength, <, 1.0);
      g_assert_cmpint (z->kind, <=, WICK_ZONE_RESISTANCE);
      g_assert_cmpint (z->state, <=, WICK_ZONE_RECLAIMED);
      g_assert_cmpuint (z->formed_index, <, n);
      g_assert_cmpuint (z->state_index, >=, z->formed_index);
      g_assert_cmpuint (z->state_index, <, n);
      g_assert_cmpuint (z->n_pivots, >=, 2);
      for (k = 0; k < z->n_pivots; k++)
        {
          g_assert_cmpuint (z->pivots[k].confirmed_index, <, n);
          g_assert_cmpfloat (z->pivots[k].price, >=, z->low);
          g_assert_cmpfloat (z->pivots[k].price, <=, z->high);
          if (k > 0)
            g_assert_cmpuint (z->pivots[k - 1].index, <=, z->pivots[k].index);
        }
      g_assert_cmpuint (z->formed_index, ==, z->pivots[1].confirmed_index);
      g_assert_cmpuint (z->n_touches, >=, 1);
      g_assert_cmpuint (z->touches[0], ==, z->pivots[0].index);
      for (k = 1; k < z->n_touches; k++)
        g_assert_cmpuint (z->touches[k], >=, z->touches[k - 1] + 3);
      g_assert_cmpuint (z->touches[z->n_touches - 1], <, n);
      g_assert_cmpint (z->first_touch_ms, ==, candles[z->touches[0]].open_time_ms);
      g_assert_cmpint (z->last_touch_ms, ==, candles[z->touches[z->n_touches - 1]].open_time_ms);
    }
}

static void
log_zones (WickZones        *zones,
           const WickCandle *candles)
{
  guint i;

  for (i = 0; i < wick_zones_get_n_zones (zones); i++)
    {
      const WickZone *z = wick_zones_get_zone (zones, i);
      g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (z->first_touch_ms / 1000);
      g_autoptr(GDateTime) state = g_date_time_new_from_unix_utc (
        candles[z->state_index].open_time_ms / 1000);
      g_autofree char *first_s = g_date_time_format (first, "%F %H:%M");
      g_autofree char *state_s = g_date_time_format (state, "%F %H:%M");

      g_test_message ("%.2f-%.2f %s, %s at %s, %u pivots, %u touches from %s, strength %.3f",
                      z->low, z->high, z->kind == WICK_ZONE_SUPPORT ? "support" : "resistance",
                      wick_zone_state_to_string (z->state), state_s, z->n_pivots, z->n_touches,
                      first_s, z->strength);
    }
}

static gint64
utc_ms (int year,
        int month,
        int day,
        int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static gboolean
has_touch_on (const WickZone   *zone,
              const WickCandle *candles,
              gint64            day_ms)
{
  guint k;

  for (k = 0; k < zone->n_touches; k++)
    {
      gint64 t = candles[zone->touches[k]].open_time_ms;

      if (day_ms <= t && t < day_ms + 24 * HOUR_MS)
        return TRUE;
    }

  return FALSE;
}

/* The bundled sample: the zone around 92,000, touched on 22 and 29 December and 2 January, and
 * swept by the 5 January wick to 91,540 that closed back above. */
static void
test_sample (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickZones) zones = NULL;
  g_autoptr(WickZones) at_sweep = NULL;
  g_autoptr(WickZones) before_sweep = NULL;
  g_autoptr(GError) error = NULL;
  const WickCandle *candles;
  const WickZone *zone;
  guint n, sweep;

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  candles = wick_series_get_candles (wick_market_get_series (market));
  n = wick_series_get_length (wick_market_get_series (market));

  zones = wick_zones_detect (candles, n, NULL, NULL);
  check_zones_sane (zones, candles, n);
  log_zones (zones, candles);

  zone = wick_zones_find (zones, 92000.0);
  g_assert_nonnull (zone);
  g_assert_cmpint (zone->kind, ==, WICK_ZONE_SUPPORT);
  g_assert_true (has_touch_on (zone, candles, utc_ms (2025, 12, 22, 0)));
  g_assert_true (has_touch_on (zone, candles, utc_ms (2025, 12, 29, 0)));
  g_assert_true (has_touch_on (zone, candles, utc_ms (2026, 1, 2, 0)));

  /* Swept by the candle that printed 91,540, below the zone, and closed back inside it. */
  g_assert_cmpstr (wick_zone_state_to_string (zone->state), ==, "swept");
  sweep = zone->state_index;
  g_assert_cmpint (candles[sweep].open_time_ms, ==, utc_ms (2026, 1, 5, 14));
  g_assert_cmpfloat (candles[sweep].low, ==, 91540.00);
  g_assert_cmpfloat (candles[sweep].low, <, zone->low);
  g_assert_cmpfloat (candles[sweep].close, >=, zone->low);

  /* The same at the close of that candle, and tested just before it. */
  at_sweep = wick_zones_detect (candles, sweep + 1, NULL, NULL);
  zone = wick_zones_find (at_sweep, 92000.0);
  g_assert_nonnull (zone);
  g_assert_cmpstr (wick_zone_state_to_string (zone->state), ==, "swept");
  g_assert_cmpuint (zone->state_index, ==, sweep);

  before_sweep = wick_zones_detect (candles, sweep, NULL, NULL);
  zone = wick_zones_find (before_sweep, 92000.0);
  g_assert_nonnull (zone);
  g_assert_cmpint (zone->kind, ==, WICK_ZONE_SUPPORT);
  g_assert_cmpstr (wick_zone_state_to_string (zone->state), ==, "tested");
}

static char *
load_real_file (gsize *len)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  char *contents = NULL;

  if (dir != NULL)
    path = g_build_filename (dir, REAL_FILE, NULL);
  if (path == NULL || !g_file_get_contents (path, &contents, len, NULL))
    return NULL;

  return contents;
}

/* Real BTCUSDT hours from 1 December 2025 to 31 January 2026: zones at the close of every
 * candle, both with the whole history before them and with that range alone. */
static void
test_real_data (void)
{
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree double *atr = NULL;
  g_autoptr(WickZones) last = NULL;
  const WickCandle *candles;
  guint n, from, to, i;
  gsize len;

  contents = load_real_file (&len);
  if (contents == NULL)
    {
      g_test_skip ("the real market data in WICK_SHARED_DATA is not available");
      return;
    }

  series = wick_csv_parse_candles (contents, len, HOUR_MS, &error);
  g_assert_no_error (error);
  candles = wick_series_get_candles (series);
  n = wick_series_get_length (series);
  from = wick_series_lower_bound (series, utc_ms (2025, 12, 1, 0));
  to = wick_series_lower_bound (series, utc_ms (2026, 2, 1, 0));
  g_assert_cmpuint (to - from, ==, 62 * 24);

  atr = g_new (double, n);
  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);

  for (i = from + 1; i <= to; i++)
    {
      g_autoptr(WickZones) with_history = wick_zones_detect (candles, i, atr, NULL);
      g_autoptr(WickZones) alone = wick_zones_detect (&candles[from], i - from, NULL, NULL);

      check_zones_sane (with_history, candles, i);
      check_zones_sane (alone, &candles[from], i - from);
    }

  last = wick_zones_detect (candles, to, atr, NULL);
  g_assert_cmpuint (wick_zones_get_n_zones (last), >, 0);
  g_test_message ("zones at the close of 2026-01-31 23:00 (close %.2f):", candles[to - 1].close);
  log_zones (last, candles);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (const WickCandle     *candles,
           guint                 n,
           const double         *atr,
           const WickZoneParams *params,
           guint                 runs)
{
  g_autofree double *samples = g_new (double, runs);
  guint r;

  for (r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WickZones) zones = wick_zones_detect (candles, n, atr, params);

      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_nonnull (zones);
    }
  qsort (samples, runs, sizeof *samples, compare_doubles);

  return samples[runs / 2];
}

/* Time of the zones of the last 20,000 hourly candles of the real file. Run with -m perf. */
static void
test_perf (void)
{
  const guint n = 20000;
  g_autoptr(WickSeries) series = NULL;
  g_autofree char *contents = NULL;
  g_autofree double *atr = g_new (double, n);
  const WickCandle *candles;
  WickZoneParams all;
  gsize len;
  double with_atr, given_atr, whole;

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }

  contents = load_real_file (&len);
  if (contents == NULL)
    {
      g_test_skip ("the real market data in WICK_SHARED_DATA is not available");
      return;
    }
  series = wick_csv_parse_candles (contents, len, HOUR_MS, NULL);
  g_assert_nonnull (series);
  g_assert_cmpuint (wick_series_get_length (series), >=, n);
  candles = wick_series_get_candles (series) + wick_series_get_length (series) - n;

  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);
  wick_zone_params_init (&all);
  all.window = 0;

  with_atr = median_ms (candles, n, NULL, NULL, 201);
  given_atr = median_ms (candles, n, atr, NULL, 201);
  whole = median_ms (candles, n, atr, &all, 21);

  g_test_message ("median: %.3f ms with the ATR, %.3f ms given the ATR, "
                  "%.3f ms with pivots from all %u candles", with_atr, given_atr, whole, n);
  g_test_minimized_result (with_atr, "zones of %u candles: %.3f ms", n, with_atr);
  g_assert_cmpfloat (with_atr, <, 5.0);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (zone_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/zones/state/%s", zone_cases[i].name);
      g_autofree char *mirrored = g_strdup_printf ("/wick/zones/state/%s-mirrored",
                                                   zone_cases[i].name);

      g_test_add_data_func (path, &zone_cases[i], test_zone_case);
      g_test_add_data_func (mirrored, &zone_cases[i], test_zone_case_mirrored);
    }
  g_test_add_func ("/wick/zones/score/hand", test_score);
  g_test_add_func ("/wick/zones/score/half-life", test_score_half_life);
  g_test_add_func ("/wick/zones/score/round-number", test_round_number);
  for (i = 0; i < G_N_ELEMENTS (order_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/zones/strength/%s", order_cases[i].name);

      g_test_add_data_func (path, &order_cases[i], test_order_case);
    }
  g_test_add_func ("/wick/zones/cluster/chain-cut", test_chain_cut);
  g_test_add_func ("/wick/zones/cluster/window", test_window);
  g_test_add_func ("/wick/zones/empty", test_empty);
  g_test_add_func ("/wick/zones/sample", test_sample);
  g_test_add_func ("/wick/zones/real-data", test_real_data);
  g_test_add_func ("/wick/zones/perf", test_perf);

  return g_test_run ();
}
