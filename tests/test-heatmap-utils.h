/* test-heatmap-utils.h: helpers shared by the heatmap tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-heatmap.h"
#include "wick-market.h"

#include <math.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define BASE_MS G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define AT(h)   (BASE_MS + (gint64) (h) * HOUR_MS)

G_GNUC_UNUSED static WickHeatmapInput
make_input (int    hour,
            double open,
            double high,
            double low,
            double close,
            double volume)
{
  const WickCandle candle = { AT (hour), open, high, low, close, volume };
  WickHeatmapInput input;

  wick_heatmap_input_init (&input, &candle);

  return input;
}

G_GNUC_UNUSED static void
append (WickHeatmapModel       *model,
        const WickHeatmapInput *input)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_heatmap_model_append (model, input, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static WickHeatmapModel *
new_model (const WickHeatmapConfig *config)
{
  g_autoptr(GError) error = NULL;
  WickHeatmapModel *model = wick_heatmap_model_new (config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/* One tier at @leverage, volume weighting, entry at the close. */
G_GNUC_UNUSED static void
one_tier_config (WickHeatmapConfig *config,
                 double             leverage)
{
  wick_heatmap_config_init (config);
  config->n_tiers = 1;
  config->tiers[0].leverage = leverage;
  config->tiers[0].weight = 1.0;
  config->weighting = WICK_HEATMAP_WEIGHTING_VOLUME;
  config->entry = WICK_HEATMAP_ENTRY_CLOSE;
}

G_GNUC_UNUSED static WickHeatmap *
new_grid (WickHeatmapModel *model,
          guint             first,
          guint             n_columns,
          double            price_low,
          double            bucket_size,
          guint             n_buckets,
          guint             sides,
          guint             tiers)
{
  const WickHeatmapGridSpec spec = {
    first, n_columns, price_low, bucket_size, n_buckets, sides, tiers,
  };
  g_autoptr(GError) error = NULL;
  WickHeatmap *grid = wick_heatmap_new (model, &spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (grid);
  g_assert_cmpuint (wick_heatmap_get_n_columns (grid), ==, n_columns);
  g_assert_cmpuint (wick_heatmap_get_n_buckets (grid), ==, n_buckets);

  return grid;
}

/* A grid over every column and every level the model has. */
G_GNUC_UNUSED static WickHeatmap *
new_full_grid (WickHeatmapModel *model)
{
  guint n = wick_heatmap_model_get_n_columns (model);
  WickHeatmapGridSpec spec;
  g_autoptr(GError) error = NULL;
  WickHeatmap *grid;
  double low, high;

  if (!wick_heatmap_model_get_price_range (model, 0, n, &low, &high))
    low = high = 1.0;
  wick_heatmap_grid_spec_init_auto (&spec, 0, n, low, high, WICK_HEATMAP_DEFAULT_BUCKETS);
  grid = wick_heatmap_new (model, &spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grid);

  return grid;
}

G_GNUC_UNUSED static double
column_sum (WickHeatmap *grid,
            guint        column)
{
  const float *cells = wick_heatmap_get_column (grid, column);
  double sum = 0.0;

  for (guint b = 0; b < wick_heatmap_get_n_buckets (grid); b++)
    sum += cells[b];

  return sum;
}

G_GNUC_UNUSED static double
levels_sum (GArray *levels)
{
  double sum = 0.0;

  for (guint i = 0; i < levels->len; i++)
    sum += g_array_index (levels, WickHeatmapLevel, i).usd;

  return sum;
}

G_GNUC_UNUSED static void
assert_close (double actual,
              double expected,
              double relative)
{
  g_assert_cmpfloat_with_epsilon (actual, expected, relative * MAX (fabs (expected), 1.0));
}

/* Every cell, maximum and per-candle number is finite, and no cell is negative. */
G_GNUC_UNUSED static void
assert_grid_finite (WickHeatmap *grid)
{
  double max = wick_heatmap_get_max_value (grid);

  g_assert_true (isfinite (max));
  g_assert_true (isfinite (wick_heatmap_get_max_bubble_usd (grid)));

  for (guint j = 0; j < wick_heatmap_get_n_columns (grid); j++)
    {
      const float *cells = wick_heatmap_get_column (grid, j);

      for (guint b = 0; b < wick_heatmap_get_n_buckets (grid); b++)
        {
          g_assert_true (isfinite (cells[b]));
          g_assert_cmpfloat (cells[b], >=, 0.0f);
          g_assert_cmpfloat (cells[b], <=, max);
        }
      g_assert_true (isfinite (wick_heatmap_get_predicted (grid, j, WICK_SIDE_LONG)));
      g_assert_true (isfinite (wick_heatmap_get_predicted (grid, j, WICK_SIDE_SHORT)));
    }
}

G_GNUC_UNUSED static void
assert_grids_equal (WickHeatmap *a,
                    WickHeatmap *b)
{
  guint n_buckets = wick_heatmap_get_n_buckets (a);

  g_assert_cmpuint (wick_heatmap_get_n_columns (a), ==, wick_heatmap_get_n_columns (b));
  g_assert_cmpuint (n_buckets, ==, wick_heatmap_get_n_buckets (b));
  g_assert_cmpfloat (wick_heatmap_get_bucket_price (a, 0), ==,
                     wick_heatmap_get_bucket_price (b, 0));

  for (guint j = 0; j < wick_heatmap_get_n_columns (a); j++)
    {
      g_assert_cmpint (wick_heatmap_get_column_time (a, j), ==,
                       wick_heatmap_get_column_time (b, j));
      g_assert_cmpmem (wick_heatmap_get_column (a, j), n_buckets * sizeof (float),
                       wick_heatmap_get_column (b, j), n_buckets * sizeof (float));
      g_assert_cmpfloat (wick_heatmap_get_column_max (a, j), ==,
                         wick_heatmap_get_column_max (b, j));

      for (WickSide side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
        {
          WickHeatmapBubble x, y;
          gboolean has_x = wick_heatmap_get_bubble (a, j, side, &x);

          g_assert_cmpfloat (wick_heatmap_get_predicted (a, j, side), ==,
                             wick_heatmap_get_predicted (b, j, side));
          g_assert_cmpint (has_x, ==, wick_heatmap_get_bubble (b, j, side, &y));
          if (has_x)
            {
              g_assert_cmpint (x.time_ms, ==, y.time_ms);
              g_assert_cmpfloat (x.price, ==, y.price);
              g_assert_cmpfloat (x.usd, ==, y.usd);
              g_assert_cmpint (x.side, ==, y.side);
            }
        }
    }

  g_assert_cmpfloat (wick_heatmap_get_max_value (a), ==, wick_heatmap_get_max_value (b));
  g_assert_cmpfloat (wick_heatmap_get_max_bubble_usd (a), ==, wick_heatmap_get_max_bubble_usd (b));
}

/* A seeded random hourly market with big moves, zero-volume hours, gaps and zeros in the
 * open interest, and gaps in the liquidations. */
G_GNUC_UNUSED static WickMarket *
make_random_market (guint   n,
                    guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickOpenInterest) oi = wick_open_interest_new (HOUR_MS);
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (HOUR_MS);
  g_autoptr(GArray) candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (WickOpenInterestPoint));
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (WickLiquidationBucket));
  g_autoptr(GError) error = NULL;
  WickMarket *market;
  double price = 90000.0;
  double open_interest = 8e9;

  for (guint i = 0; i < n; i++)
    {
      double move = g_rand_double_range (rand, -0.008, 0.008);
      WickCandle c;

      if (g_rand_int_range (rand, 0, 40) == 0)
        move *= 6.0;

      c.open_time_ms = AT (i) - 4000 * HOUR_MS;
      c.open = price;
      c.close = price * (1.0 + move);
      c.high = MAX (c.open, c.close) * (1.0 + g_rand_double_range (rand, 0.0, 0.004));
      c.low = MIN (c.open, c.close) * (1.0 - g_rand_double_range (rand, 0.0, 0.004));
      c.volume = g_rand_int_range (rand, 0, 10) == 0 ? 0.0 : g_rand_double_range (rand, 50, 3000);
      g_array_append_val (candles, c);
      price = c.close;

      if (g_rand_int_range (rand, 0, 20) != 0)
        {
          WickOpenInterestPoint p = { c.open_time_ms, open_interest, 0.0 };

          open_interest *= 1.0 + g_rand_double_range (rand, -0.02, 0.02);
          p.close_usd = open_interest;
          if (g_rand_int_range (rand, 0, 50) == 0)
            p.open_usd = p.close_usd = 0.0;
          g_array_append_val (points, p);
        }

      if (g_rand_int_range (rand, 0, 20) != 0)
        {
          WickLiquidationBucket b = {
            c.open_time_ms, g_rand_double_range (rand, 0, 5e6), g_rand_double_range (rand, 0, 5e6),
          };

          g_array_append_val (buckets, b);
        }
    }

  g_assert_true (wick_series_append (series, (WickCandle *)(gpointer) candles->data, n, &error));
  g_assert_true (wick_open_interest_set_points (oi,
                                                (WickOpenInterestPoint *)(gpointer) points->data,
                                                points->len, &error));
  g_assert_true (wick_liquidations_set_buckets (liquidations,
                                                (WickLiquidationBucket *)(gpointer) buckets->data,
                                                buckets->len, &error));
  g_assert_no_error (error);

  market = wick_market_new ("Test", "BTCUSDT", "1h", series);
  wick_market_set_open_interest (market, oi);
  wick_market_set_liquidations (market, liquidations);

  return market;
}

G_GNUC_UNUSED static void
append_market (WickHeatmapModel *model,
               WickMarket       *market,
               guint             end)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_heatmap_model_append_market (model, wick_market_get_series (market),
                                                   wick_market_get_open_interest (market),
                                                   wick_market_get_liquidations (market),
                                                   end, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static WickHeatmap *
extend (WickHeatmap      *grid,
        WickHeatmapModel *model)
{
  g_autoptr(GError) error = NULL;
  WickHeatmap *longer = wick_heatmap_extend (grid, model, &error);

  g_assert_no_error (error);
  g_assert_nonnull (longer);

  return longer;
}
