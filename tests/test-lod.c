/* test-lod.c: the level-of-detail pyramid, and its extremes, against a brute-force loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-lod.h"

#include <math.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0      G_GINT64_CONSTANT (1767225600000)

/* A seeded random walk: valid candles (low ≤ open, close ≤ high), positive volume. */
static void
fill_random_candles (GRand      *rand,
                     WickCandle *candles,
                     guint       n,
                     gint64      first_open,
                     double      first_price)
{
  double price = first_price;
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1 + g_rand_double_range (rand, -0.01, 0.01));

      c->open_time_ms = first_open + (gint64) i * HOUR_MS;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.005));
      c->low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.005));
      c->volume = g_rand_double_range (rand, 0.1, 1000);
      price = close;
    }
}

static WickSeries *
make_random_series (GRand *rand,
                    guint  n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, MAX (n, 1));
  g_autoptr(GError) error = NULL;

  fill_random_candles (rand, candles, n, T0, 90000);
  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static void
brute_force (WickSeries *series,
             guint       first,
             guint       end,
             WickCandle *out)
{
  const WickCandle *candles = wick_series_get_candles (series);
  guint i;

  *out = candles[first];
  for (i = first + 1; i < end; i++)
    {
      out->high = MAX (out->high, candles[i].high);
      out->low = MIN (out->low, candles[i].low);
      out->close = candles[i].close;
      out->volume += candles[i].volume;
    }
}

static void
assert_aggregate (WickLod    *lod,
                  WickSeries *series,
                  guint       first,
                  guint       end)
{
  WickCandle expected, got;
  double low, high;

  g_assert_true (wick_lod_aggregate (lod, first, end, &got));
  brute_force (series, first, end, &expected);

  /* The extremes alone are the same, read without merging whole candles. */
  g_assert_true (wick_lod_extremes (lod, first, end, &low, &high));
  g_assert_cmpfloat (low, ==, expected.low);
  g_assert_cmpfloat (high, ==, expected.high);

  g_assert_cmpint (got.open_time_ms, ==, expected.open_time_ms);
  g_assert_cmpfloat (got.open, ==, expected.open);
  g_assert_cmpfloat (got.high, ==, expected.high);
  g_assert_cmpfloat (got.low, ==, expected.low);
  g_assert_cmpfloat (got.close, ==, expected.close);
  /* Sums in another order differ in the last bits. */
  g_assert_cmpfloat_with_epsilon (got.volume, expected.volume, expected.volume * 1e-12);
}

/* Block @i of @level of a pyramid that keeps every level, as the pyramid was first built:
 * the two halves below, merged. */
static void
full_block (const WickCandle *candles,
            guint             n,
            guint             level,
            guint             i,
            WickCandle       *out)
{
  guint64 half;

  if (level == 0)
    {
      *out = candles[i];
      return;
    }

  /* Only now: level - 1 would wrap for level 0 (a shift by 2^32 - 1, undefined). */
  half = G_GUINT64_CONSTANT (1) << (level - 1);

  full_block (candles, n, level - 1, 2 * i, out);
  if ((2 * (guint64) i + 1) * half < n)
    {
      WickCandle right;

      full_block (candles, n, level - 1, 2 * i + 1, &right);
      out->high = right.high > out->high ? right.high : out->high;
      out->low = right.low < out->low ? right.low : out->low;
      out->close = right.close;
      out->volume += right.volume;
    }
}

/* Only the upper levels are kept; the lower blocks are merged when a range needs them. Every
 * aggregate, the volume's last bit included, is the one a pyramid of every level gives, so
 * the volume bars drawn from it are the same. */
static void
test_tree_order (void)
{
  const guint n = 5003;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(WickSeries) series = make_random_series (rand, n);
  g_autoptr(WickLod) lod = wick_lod_new (series);
  const WickCandle *candles = wick_series_get_candles (series);
  guint n_levels = 1;

  while ((G_GUINT64_CONSTANT (1) << (n_levels - 1)) < n)
    n_levels++;

  for (guint k = 0; k < 2000; k++)
    {
      guint first = g_rand_int_range (rand, 0, n);
      guint end = g_rand_int_range (rand, first + 1, n + 1);
      WickCandle got, expected, block;
      gboolean have = FALSE;

      g_assert_true (wick_lod_aggregate (lod, first, end, &got));

      /* The aligned blocks the pyramid covers the range with, left to right. */
      for (guint at = first; at < end;)
        {
          guint level = 0;

          while (level + 1 < n_levels && (at & ((2u << level) - 1)) == 0 &&
                 (guint64) at + (2u << level) <= end)
            level++;
          full_block (candles, n, level, at >> level, &block);
          if (have)
            {
              expected.high = MAX (expected.high, block.high);
              expected.low = MIN (expected.low, block.low);
              expected.close = block.close;
              expected.volume += block.volume;
            }
          else
            {
              expected = block;
            }
          have = TRUE;
          at += 1u << level;
        }

      g_assert_cmpmem (&got, sizeof got, &expected, sizeof expected);
    }
}

static void
test_random_ranges (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (n * 7919 + 1);
  g_autoptr(WickSeries) series = make_random_series (rand, n);
  g_autoptr(WickLod) lod = wick_lod_new (series);
  WickCandle out;
  guint i;

  g_assert_cmpuint (wick_lod_get_length (lod), ==, n);
  g_assert_true (wick_lod_get_series (lod) == series);

  /* Every range of the small series, random ranges of the large ones. */
  if (n <= 64)
    {
      guint first, end;

      for (first = 0; first < n; first++)
        for (end = first + 1; end <= n; end++)
          assert_aggregate (lod, series, first, end);
    }

  for (i = 0; i < 2000; i++)
    {
      guint first = g_rand_int_range (rand, 0, n);
      guint end = g_rand_int_range (rand, first + 1, n + 1);

      assert_aggregate (lod, series, first, end);
    }

  /* Edges: all, each single candle at the ends, aligned blocks. */
  assert_aggregate (lod, series, 0, n);
  assert_aggregate (lod, series, n - 1, n);
  assert_aggregate (lod, series, 0, 1);
  for (i = 1; i < n; i *= 2)
    {
      assert_aggregate (lod, series, 0, i);
      assert_aggregate (lod, series, i, n);
      if (2 * i <= n)
        assert_aggregate (lod, series, i, 2 * i);
    }

  /* Empty ranges fail and leave @out alone; the end is clamped. */
  out.open = -1;
  g_assert_false (wick_lod_aggregate (lod, 0, 0, &out));
  g_assert_false (wick_lod_aggregate (lod, n, n + 5, &out));
  g_assert_false (wick_lod_aggregate (lod, 3, 2, &out));
  g_assert_cmpfloat (out.open, ==, -1);
  out.low = out.high = -1;
  g_assert_false (wick_lod_extremes (lod, 0, 0, &out.low, &out.high));
  g_assert_false (wick_lod_extremes (lod, n, n + 5, &out.low, &out.high));
  g_assert_cmpfloat (out.low, ==, -1);
  g_assert_cmpfloat (out.high, ==, -1);
  g_assert_true (wick_lod_extremes (lod, 0, n + 100, &out.low, &out.high));
  g_assert_cmpfloat (out.high, >=, wick_series_get_last (series)->high);
  g_assert_true (wick_lod_aggregate (lod, 0, n + 100, &out));
  g_assert_cmpfloat (out.close, ==, wick_series_get_last (series)->close);
}

static void
test_empty (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickLod) lod = wick_lod_new (series);
  WickCandle out;

  g_assert_cmpuint (wick_lod_get_length (lod), ==, 0);
  g_assert_false (wick_lod_aggregate (lod, 0, 1, &out));
  g_assert_false (wick_lod_extremes (lod, 0, 1, &out.low, &out.high));
  wick_lod_update (lod);
  g_assert_false (wick_lod_aggregate (lod, 0, 1, &out));
}

/* After every kind of change, the pyramid matches a fresh one and the brute force. */
static void
assert_matches_series (WickLod    *lod,
                       WickSeries *series,
                       GRand      *rand)
{
  guint n = wick_series_get_length (series);
  guint i;

  g_assert_cmpuint (wick_lod_get_length (lod), ==, n);
  for (i = 0; i < 300; i++)
    {
      guint first = g_rand_int_range (rand, 0, n);
      guint end = g_rand_int_range (rand, first + 1, n + 1);

      assert_aggregate (lod, series, first, end);
    }
  assert_aggregate (lod, series, 0, n);
  assert_aggregate (lod, series, n / 2, n);
}

static void
test_update (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(WickSeries) series = make_random_series (rand, 1000);
  g_autoptr(WickLod) lod = wick_lod_new (series);
  g_autoptr(GError) error = NULL;
  WickCandle candles[300];
  WickCandle last;
  guint i;

  /* The live path: change the last candle, then append one, updating from that index. */
  for (i = 0; i < 40; i++)
    {
      guint n = wick_series_get_length (series);

      last = *wick_series_get_last (series);
      last.close = last.open * (1 + g_rand_double_range (rand, -0.004, 0.004));
      last.high = MAX (last.high, MAX (last.open, last.close) * 1.001);
      last.low = MIN (last.low, MIN (last.open, last.close) * 0.999);
      last.volume += 5;
      wick_series_upsert_last (series, &last, &error);
      g_assert_no_error (error);
      wick_lod_update_from (lod, n - 1);
      assert_matches_series (lod, series, rand);

      fill_random_candles (rand, candles, 1, last.open_time_ms + HOUR_MS, last.close);
      wick_series_upsert_last (series, candles, &error);
      g_assert_no_error (error);
      wick_lod_update_from (lod, n);
      assert_matches_series (lod, series, rand);
    }

  /* Appending many at once, through the full update. */
  last = *wick_series_get_last (series);
  fill_random_candles (rand, candles, G_N_ELEMENTS (candles), last.open_time_ms + HOUR_MS,
                       last.close);
  wick_series_append (series, candles, G_N_ELEMENTS (candles), &error);
  g_assert_no_error (error);
  wick_lod_update (lod);
  assert_matches_series (lod, series, rand);

  /* Replacing with fewer candles shrinks it. */
  fill_random_candles (rand, candles, 37, T0, 50000);
  wick_series_replace (series, candles, 37, &error);
  g_assert_no_error (error);
  wick_lod_update (lod);
  assert_matches_series (lod, series, rand);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1, 2, 3, 5, 64, 1000, 1024, 4097 };
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/lod/random-ranges/%u", sizes[i]);

      g_test_add_data_func (path, GUINT_TO_POINTER (sizes[i]), test_random_ranges);
    }
  g_test_add_func ("/wick/lod/empty", test_empty);
  g_test_add_func ("/wick/lod/tree-order", test_tree_order);
  g_test_add_func ("/wick/lod/update", test_update);

  return g_test_run ();
}
