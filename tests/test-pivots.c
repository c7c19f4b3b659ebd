/* test-pivots.c: swing highs and lows and the zig-zag, on constructed candles and the sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-indicators.h"
#include "wick-pivots.h"
#include "wick-sample-source.h"

#include <math.h>

#define HOUR_MS  G_GINT64_CONSTANT (3600000)
#define BASE_MS  G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define MAX_BARS 16
#define FLAT     -1.0   /* a high (low) equal on every candle, so it never makes a pivot */

/* Candles from highs and lows; open and close sit halfway. */
static void
fill_candles (WickCandle   *candles,
              const double *highs,
              const double *lows,
              guint         n)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      double h = highs[0] == FLAT ? 100.0 : highs[i];
      double l = lows[0] == FLAT ? 0.5 : lows[i];
      double mid = (h + l) / 2.0;

      candles[i] = (WickCandle) { BASE_MS + i * HOUR_MS, mid, h, l, mid, 1.0 };
    }
}

typedef struct
{
  guint         index;
  WickPivotKind kind;
} Expected;

typedef struct
{
  const char *name;
  guint       left_bars;
  guint       right_bars;
  guint       n;
  double      highs[MAX_BARS];
  double      lows[MAX_BARS];
  guint       n_expected;
  Expected    expected[4];
} PivotCase;

static const PivotCase pivot_cases[] = {
  /* H[2] = 5 is above both neighbours on each side: a pivot, confirmed at 2 + 2 = 4. */
  { "peak", 2, 2, 5, { 1, 2, 5, 2, 1 }, { FLAT }, 1, { { 2, WICK_PIVOT_HIGH } } },
  /* Only one candle to its right has closed: not confirmed, not reported. */
  { "unconfirmed", 2, 2, 4, { 1, 2, 5, 2 }, { FLAT }, 0, { { 0 } } },
  /* Two equal highs side by side: the first wins (>= on the right), the second fails the
   * strict left test. */
  { "equal-adjacent", 2, 2, 6, { 1, 2, 5, 5, 2, 1 }, { FLAT }, 1, { { 2, WICK_PIVOT_HIGH } } },
  /* An equal high two candles later, inside the right window: still the first. */
  { "equal-in-window", 2, 2, 7, { 1, 2, 5, 3, 5, 2, 1 }, { FLAT }, 1,
    { { 2, WICK_PIVOT_HIGH } } },
  /* An equal high before the left window does not matter. */
  { "equal-before-window", 2, 2, 6, { 5, 1, 2, 5, 2, 1 }, { FLAT }, 1,
    { { 3, WICK_PIVOT_HIGH } } },
  /* A higher high inside the right window takes over. */
  { "higher-on-right", 2, 2, 6, { 1, 2, 5, 6, 2, 1 }, { FLAT }, 1, { { 3, WICK_PIVOT_HIGH } } },
  /* Candle 0 is above every candle after it, but has no left window. */
  { "no-left-window", 2, 2, 5, { 9, 5, 1, 1, 1 }, { FLAT }, 0, { { 0 } } },
  { "low", 2, 2, 5, { FLAT }, { 5, 4, 1, 4, 5 }, 1, { { 2, WICK_PIVOT_LOW } } },
  { "equal-lows", 2, 2, 6, { FLAT }, { 5, 4, 1, 1, 4, 5 }, 1, { { 2, WICK_PIVOT_LOW } } },
  /* One bar left, three right. */
  { "asymmetric", 1, 3, 5, { 1, 5, 4, 3, 2 }, { FLAT }, 1, { { 1, WICK_PIVOT_HIGH } } },
  { "asymmetric-short", 1, 3, 4, { 1, 5, 4, 3 }, { FLAT }, 0, { { 0 } } },
  /* Williams fractals (2/2) in a row: a high, a low, a high. */
  { "alternating", 2, 2, 11, { 4, 5, 8, 5, 4, 4, 4, 5, 9, 5, 4 },
    { 3, 3, 3, 2, 1, 2, 3, 3, 3, 3, 3 }, 3,
    { { 2, WICK_PIVOT_HIGH }, { 4, WICK_PIVOT_LOW }, { 8, WICK_PIVOT_HIGH } } },
};

static void
test_pivot_case (gconstpointer data)
{
  const PivotCase *tc = data;
  WickCandle candles[MAX_BARS];
  g_autoptr(GArray) pivots = NULL;
  guint i;

  fill_candles (candles, tc->highs, tc->lows, tc->n);
  pivots = wick_pivots_find (candles, tc->n, 0, tc->left_bars, tc->right_bars);

  g_assert_cmpuint (pivots->len, ==, tc->n_expected);
  for (i = 0; i < pivots->len; i++)
    {
      const WickPivot *p = &g_array_index (pivots, WickPivot, i);
      const WickCandle *c = &candles[p->index];

      g_assert_cmpuint (p->index, ==, tc->expected[i].index);
      g_assert_cmpint (p->kind, ==, tc->expected[i].kind);
      g_assert_cmpuint (p->confirmed_index, ==, p->index + tc->right_bars);
      g_assert_cmpfloat (p->price, ==, p->kind == WICK_PIVOT_HIGH ? c->high : c->low);
    }
}

/* An outside bar is both a pivot high and a pivot low: low first when it closed up. */
static void
test_outside_bar (void)
{
  static const double highs[] = { 5, 5, 9, 5, 5 };
  static const double lows[] = { 3, 3, 1, 3, 3 };
  WickCandle candles[5];
  guint up;

  for (up = 0; up < 2; up++)
    {
      g_autoptr(GArray) pivots = NULL;
      const WickPivot *p;

      fill_candles (candles, highs, lows, 5);
      candles[2].open = up ? 2.0 : 8.0;
      candles[2].close = up ? 8.0 : 2.0;
      pivots = wick_pivots_find (candles, 5, 0, 2, 2);

      g_assert_cmpuint (pivots->len, ==, 2);
      p = (const WickPivot *) (gconstpointer) pivots->data;
      g_assert_cmpuint (p[0].index, ==, 2);
      g_assert_cmpuint (p[1].index, ==, 2);
      g_assert_cmpint (p[0].kind, ==, up ? WICK_PIVOT_LOW : WICK_PIVOT_HIGH);
      g_assert_cmpint (p[1].kind, ==, up ? WICK_PIVOT_HIGH : WICK_PIVOT_LOW);
    }
}

/* @first skips earlier pivots but still reads the candles before it as left bars. */
static void
test_first (void)
{
  static const double highs[] = { 1, 2, 5, 2, 1, 1, 1, 2, 6, 2, 1 };
  WickCandle candles[11];
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(GArray) at = NULL;
  static const double flat[] = { FLAT };

  fill_candles (candles, highs, flat, 11);
  all = wick_pivots_find (candles, 11, 0, 2, 2);
  late = wick_pivots_find (candles, 11, 3, 2, 2);
  at = wick_pivots_find (candles, 11, 8, 2, 2);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpuint (g_array_index (late, WickPivot, 0).index, ==, 8);
  g_assert_cmpuint (at->len, ==, 1);
}

/* A random walk, seeded. */
static WickCandle *
random_walk (guint    n,
             guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WickCandle *candles = g_new (WickCandle, n);
  double close = 1000.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      double open = close;
      /* Quarter-unit steps make equal highs and lows common, which the tie rule must handle. */
      double step = 0.25 * (g_rand_int_range (rand, -8, 9));

      close = MAX (open + step, 10.0);
      candles[i] = (WickCandle) {
        BASE_MS + i * HOUR_MS, open,
        MAX (open, close) + 0.25 * g_rand_int_range (rand, 0, 4),
        MIN (open, close) - 0.25 * g_rand_int_range (rand, 0, 4),
        close, 1.0 + g_rand_int_range (rand, 0, 100),
      };
    }

  return candles;
}

/* Nothing repaints: the pivots found in the first n candles are exactly the pivots of the
 * whole run confirmed within them, for every n. */
static void
test_no_repaint (void)
{
  const guint n = 600;
  g_autofree WickCandle *candles = random_walk (n, 7);
  g_autoptr(GArray) all = wick_pivots_find (candles, n, 0, 3, 3);
  guint end;

  g_assert_cmpuint (all->len, >, 50);

  for (end = 0; end <= n; end++)
    {
      g_autoptr(GArray) part = wick_pivots_find (candles, end, 0, 3, 3);
      guint expected = 0;
      guint i;

      while (expected < all->len && g_array_index (all, WickPivot, expected).confirmed_index < end)
        expected++;

      g_assert_cmpuint (part->len, ==, expected);
      for (i = 0; i < part->len; i++)
        {
          const WickPivot *a = &g_array_index (part, WickPivot, i);
          const WickPivot *b = &g_array_index (all, WickPivot, i);

          g_assert_cmpuint (a->index, ==, b->index);
          g_assert_cmpint (a->kind, ==, b->kind);
        }
    }
}

/* Zig-zag */

#define RB 2

typedef struct
{
  const char     *name;
  WickZigzagMode  mode;
  double          threshold;
  guint           n_pivots;
  WickPivot       pivots[8];
  guint           n_points;
  struct
  {
    guint  index;
    double price;
    guint  fixed_index;
  } points[4];
} ZigzagCase;

#define H(i, p) { i, i + RB, WICK_PIVOT_HIGH, p }
#define L(i, p) { i, i + RB, WICK_PIVOT_LOW, p }

static const ZigzagCase zigzag_cases[] = {
  /* 2 %: 100 → 97 is 3.09 % of 97, a leg; 97 → 98 is 1.0 %, skipped; 96 replaces 97; 96 → 101
   * is 4.95 % of 101, a leg; the equal 101 later does not replace the first; 101 → 99.5 is
   * 1.51 %, skipped. The first high became final when the first low was confirmed (5 + 2),
   * the low when the last high was (14 + 2); the last high is provisional. */
  { "percent", WICK_ZIGZAG_PERCENT, 2.0, 7,
    { H (2, 100), L (5, 97), H (8, 98), L (11, 96), H (14, 101), H (17, 101), L (20, 99.5) }, 3,
    { { 2, 100, 7 }, { 11, 96, 16 }, { 14, 101, G_MAXUINT } } },
  /* Percent of the new pivot, strictly above: 100 → 98 is 2.04 % of 98, 98 → 100 is 2.0 %
   * of 100, not a leg. */
  { "percent-edge", WICK_ZIGZAG_PERCENT, 2.0, 3, { H (2, 100), L (5, 98), H (8, 100) }, 2,
    { { 2, 100, 7 }, { 5, 98, G_MAXUINT } } },
  /* 2 ATR with ATR 1 (NAN at candle 23): 1.5 is not enough, 2 is (>=); no leg without ATR. */
  { "atr", WICK_ZIGZAG_ATR, 2.0, 6,
    { H (2, 100), L (5, 98.5), L (8, 98), H (11, 99), H (14, 100), L (23, 90) }, 3,
    { { 2, 100, 10 }, { 8, 98, 16 }, { 14, 100, G_MAXUINT } } },
  /* An outside bar's low on the high's own candle is no leg; the next low is. */
  { "same-candle", WICK_ZIGZAG_PERCENT, 2.0, 3, { H (3, 10), L (3, 5), L (6, 4) }, 2,
    { { 3, 10, 8 }, { 6, 4, G_MAXUINT } } },
  { "lows-only", WICK_ZIGZAG_PERCENT, 2.0, 3, { L (1, 10), L (3, 9), L (6, 9.5) }, 1,
    { { 3, 9, G_MAXUINT } } },
  { "empty", WICK_ZIGZAG_PERCENT, 2.0, 0, { { 0 } }, 0, { { 0 } } },
};

#undef H
#undef L

static void
test_zigzag_case (gconstpointer data)
{
  const ZigzagCase *tc = data;
  double atr[32];
  g_autoptr(GArray) points = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (atr); i++)
    atr[i] = 1.0;
  atr[23] = NAN;

  points = wick_zigzag_build (tc->pivots, tc->n_pivots, tc->mode, tc->threshold,
                              tc->mode == WICK_ZIGZAG_ATR ? atr : NULL);

  g_assert_cmpuint (points->len, ==, tc->n_points);
  for (i = 0; i < points->len; i++)
    {
      const WickZigzagPoint *p = &g_array_index (points, WickZigzagPoint, i);

      g_assert_cmpuint (p->pivot.index, ==, tc->points[i].index);
      g_assert_cmpfloat (p->pivot.price, ==, tc->points[i].price);
      g_assert_cmpuint (p->fixed_index, ==, tc->points[i].fixed_index);
    }
}

/* The invariants on a long run: kinds alternate, candles advance, every leg is large enough,
 * and each point is fixed once the pivot that started the next leg is confirmed (that pivot
 * may since have been replaced by a more extreme one, confirmed later). */
static void
check_walk (const WickCandle *candles,
            guint             n,
            WickZigzagMode    mode,
            double            threshold,
            const double     *atr)
{
  g_autoptr(GArray) pivots = wick_pivots_find (candles, n, 0, 5, 5);
  g_autoptr(GArray) points = NULL;
  guint i;

  points = wick_zigzag_build ((const WickPivot *) (gconstpointer) pivots->data, pivots->len,
                              mode, threshold, atr);

  g_assert_cmpuint (points->len, >, 20);
  for (i = 1; i < points->len; i++)
    {
      const WickZigzagPoint *a = &g_array_index (points, WickZigzagPoint, i - 1);
      const WickZigzagPoint *b = &g_array_index (points, WickZigzagPoint, i);

      g_assert_cmpint (a->pivot.kind, !=, b->pivot.kind);
      g_assert_cmpuint (a->pivot.index, <, b->pivot.index);
      g_assert_cmpuint (a->fixed_index, >, a->pivot.confirmed_index);
      g_assert_cmpuint (a->fixed_index, <=, b->pivot.confirmed_index);
      /* A replaced point is more extreme, so the percent test still holds for it; the ATR
       * test was met by the pivot it replaced, under that pivot's ATR. */
      if (mode == WICK_ZIGZAG_PERCENT)
        g_assert_cmpfloat (fabs (b->pivot.price - a->pivot.price) / b->pivot.price, >,
                           threshold / 100.0);
    }
  g_assert_cmpuint (g_array_index (points, WickZigzagPoint, points->len - 1).fixed_index, ==,
                    G_MAXUINT);
}

static void
test_zigzag_walk (void)
{
  const guint n = 5000;
  g_autofree WickCandle *candles = random_walk (n, 11);
  g_autofree double *atr = g_new (double, n);

  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);
  check_walk (candles, n, WICK_ZIGZAG_PERCENT, WICK_ZIGZAG_PERCENT_STEP, NULL);
  check_walk (candles, n, WICK_ZIGZAG_ATR, WICK_ZIGZAG_MINOR_ATR, atr);
}

/* The bundled sample: the 5 January low (91,540) and the 6 January high (94,412.35) are turning
 * points of the 5/5 zig-zag with 2 ATR legs. */
static void
test_zigzag_sample (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pivots = NULL;
  g_autoptr(GArray) points = NULL;
  g_autofree double *atr = NULL;
  WickSeries *series;
  const WickCandle *candles;
  gboolean has_low = FALSE;
  gboolean has_high = FALSE;
  guint n, i;

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  series = wick_market_get_series (market);
  candles = wick_series_get_candles (series);
  n = wick_series_get_length (series);

  atr = g_new (double, n);
  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);
  pivots = wick_pivots_find (candles, n, 0, 5, 5);
  points = wick_zigzag_build ((const WickPivot *) (gconstpointer) pivots->data, pivots->len,
                              WICK_ZIGZAG_ATR, WICK_ZIGZAG_MINOR_ATR, atr);

  for (i = 0; i < points->len; i++)
    {
      const WickPivot *p = &g_array_index (points, WickZigzagPoint, i).pivot;

      if (p->kind == WICK_PIVOT_LOW && p->price == 91540.00)
        {
          g_assert_cmpint (candles[p->index].open_time_ms, ==, 1767621600000); /* 5 Jan 14:00 */
          has_low = TRUE;
        }
      if (p->kind == WICK_PIVOT_HIGH && p->price == 94412.35)
        {
          g_assert_cmpint (candles[p->index].open_time_ms, ==, 1767711600000); /* 6 Jan 15:00 */
          has_high = TRUE;
        }
    }

  g_assert_true (has_low);
  g_assert_true (has_high);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (pivot_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/pivots/find/%s", pivot_cases[i].name);

      g_test_add_data_func (path, &pivot_cases[i], test_pivot_case);
    }
  g_test_add_func ("/wick/pivots/find/outside-bar", test_outside_bar);
  g_test_add_func ("/wick/pivots/find/first", test_first);
  g_test_add_func ("/wick/pivots/find/no-repaint", test_no_repaint);

  for (i = 0; i < G_N_ELEMENTS (zigzag_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/pivots/zigzag/%s", zigzag_cases[i].name);

      g_test_add_data_func (path, &zigzag_cases[i], test_zigzag_case);
    }
  g_test_add_func ("/wick/pivots/zigzag/walk", test_zigzag_walk);
  g_test_add_func ("/wick/pivots/zigzag/sample", test_zigzag_sample);

  return g_test_run ();
}
