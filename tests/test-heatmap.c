/* test-heatmap.c: the estimated liquidation heatmap: levels, consumption, attribution, grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-heatmap.h"
#include "wick-sample-source.h"

#include <math.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define BASE_MS G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define AT(h)   (BASE_MS + (gint64) (h) * HOUR_MS)

/* Helpers */

static WickHeatmapInput
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

static void
append (WickHeatmapModel       *model,
        const WickHeatmapInput *input)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_heatmap_model_append (model, input, &error));
  g_assert_no_error (error);
}

static WickHeatmapModel *
new_model (const WickHeatmapConfig *config)
{
  g_autoptr(GError) error = NULL;
  WickHeatmapModel *model = wick_heatmap_model_new (config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/* One tier at @leverage, volume weighting, entry at the close. */
static void
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

static WickHeatmap *
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
static WickHeatmap *
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

static double
column_sum (WickHeatmap *grid,
            guint        column)
{
  const float *cells = wick_heatmap_get_column (grid, column);
  double sum = 0.0;

  for (guint b = 0; b < wick_heatmap_get_n_buckets (grid); b++)
    sum += cells[b];

  return sum;
}

static double
levels_sum (GArray *levels)
{
  double sum = 0.0;

  for (guint i = 0; i < levels->len; i++)
    sum += g_array_index (levels, WickHeatmapLevel, i).usd;

  return sum;
}

static void
assert_close (double actual,
              double expected,
              double relative)
{
  g_assert_cmpfloat_with_epsilon (actual, expected, relative * MAX (fabs (expected), 1.0));
}

/* Every cell, maximum and per-candle number is finite, and no cell is negative. */
static void
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

static void
assert_grids_equal (WickHeatmap *a,
                    WickHeatmap *b)
{
  guint n_buckets = wick_heatmap_get_n_buckets (a);

  g_assert_cmpuint (wick_heatmap_get_n_columns (a), ==, wick_heatmap_get_n_columns (b));
  g_assert_cmpuint (n_buckets, ==, wick_heatmap_get_n_buckets (b));
  g_assert_cmpfloat (wick_heatmap_get_bucket_price (a, 0), ==, wick_heatmap_get_bucket_price (b, 0));

  for (guint j = 0; j < wick_heatmap_get_n_columns (a); j++)
    {
      g_assert_cmpint (wick_heatmap_get_column_time (a, j), ==, wick_heatmap_get_column_time (b, j));
      g_assert_cmpmem (wick_heatmap_get_column (a, j), n_buckets * sizeof (float),
                       wick_heatmap_get_column (b, j), n_buckets * sizeof (float));
      g_assert_cmpfloat (wick_heatmap_get_column_max (a, j), ==, wick_heatmap_get_column_max (b, j));

      for (WickSide side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
        {
          WickHeatmapBubble x, y;
          gboolean has_x = wick_heatmap_get_bubble (a, j, side, &x);

          g_assert_cmpfloat (wick_heatmap_get_predicted (a, j, side), ==,
                             wick_heatmap_get_predicted (b, j, side));
          g_assert_cmpint (has_x, ==, wick_heatmap_get_bubble (b, j, side, &y));
          if (has_x)
            g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
        }
    }

  g_assert_cmpfloat (wick_heatmap_get_max_value (a), ==, wick_heatmap_get_max_value (b));
  g_assert_cmpfloat (wick_heatmap_get_max_bubble_usd (a), ==, wick_heatmap_get_max_bubble_usd (b));
}

/* A seeded random hourly market with big moves, zero-volume hours, gaps and zeros in the
 * open interest, and gaps in the liquidations. */
static WickMarket *
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
  g_assert_true (wick_open_interest_set_points (oi, (WickOpenInterestPoint *)(gpointer) points->data,
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

static void
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

/* The liquidation price */

static void
test_liquidation_price (void)
{
  static const struct
  {
    double leverage;
    double long_lp;    /* the rounded worked numbers for EP = 94,400 and MMR = 0.4 % */
    double short_lp;
  } cases[] = {
    { 10.0, 85301.0, 103426.0 },
    { 25.0, 90988.0, 97785.0 },
    { 50.0, 92884.0, 95904.0 },
    { 100.0, 93831.0, 94964.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lev = cases[i].leverage;
      double long_lp = wick_heatmap_liquidation_price (94400.0, lev, 0.004, WICK_SIDE_LONG);
      double short_lp = wick_heatmap_liquidation_price (94400.0, lev, 0.004, WICK_SIDE_SHORT);

      /* LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR − side·Q) with Q = 1,
       * WB = EP / lev and TMM = UPNL = cum = 0. */
      g_assert_cmpfloat_with_epsilon (long_lp, (94400.0 / lev - 94400.0) / (0.004 - 1.0), 1e-9);
      g_assert_cmpfloat_with_epsilon (short_lp, (94400.0 / lev + 94400.0) / (0.004 + 1.0), 1e-9);
      g_assert_cmpfloat_with_epsilon (long_lp, cases[i].long_lp, 0.5);
      g_assert_cmpfloat_with_epsilon (short_lp, cases[i].short_lp, 0.5);
    }

  /* Not the approximation EP·(1 − 1/lev + MMR), which is $37 higher at 10×. */
  g_assert_cmpfloat (fabs (wick_heatmap_liquidation_price (94400.0, 10.0, 0.004, WICK_SIDE_LONG) -
                           94400.0 * (1.0 - 0.1 + 0.004)), >, 30.0);
}

/* One candle, one tier */

static void
test_one_candle (void)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GArray) levels = NULL;
  WickHeatmapConfig config;
  WickHeatmapInput input = make_input (0, 94000.0, 94500.0, 93900.0, 94400.0, 2.0);
  const WickHeatmapLevel *level;
  /* 10× long at the close: 94,400 × (1 − 1/10) / (1 − 0.004) = 85,301.2048… */
  const double price = 94400.0 * 0.9 / 0.996;
  /* 2 BTC at the typical price (94,500 + 93,900 + 94,400) / 3 */
  const double usd = 2.0 * 282800.0 / 3.0;

  one_tier_config (&config, 10.0);
  model = new_model (&config);
  append (model, &input);

  levels = wick_heatmap_model_dup_levels (model, 0, 0.0, G_MAXDOUBLE);
  g_assert_cmpuint (levels->len, ==, 1);
  level = &g_array_index (levels, WickHeatmapLevel, 0);
  g_assert_cmpfloat_with_epsilon (level->price, 85301.2048192771, 1e-9);
  g_assert_cmpfloat_with_epsilon (level->price, price, 1e-9);
  g_assert_cmpfloat_with_epsilon (level->usd, 188533.333333333, 1e-6);
  g_assert_cmpfloat_with_epsilon (level->usd, usd, 1e-6);
  g_assert_cmpint (level->side, ==, WICK_SIDE_LONG);
  g_assert_cmpuint (level->tier, ==, 0);
  g_assert_cmpuint (level->opened_column, ==, 0);
  g_assert_cmpfloat (wick_heatmap_model_get_predicted (model, 0, WICK_SIDE_LONG), ==, 0.0);

  /* $100 buckets from 80,000: the level is in bucket 53, and only there. */
  grid = new_grid (model, 0, 1, 80000.0, 100.0, 200, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS);
  for (guint b = 0; b < 200; b++)
    {
      if (b == 53)
        assert_close (wick_heatmap_get_value (grid, 0, b), usd, 1e-6);
      else
        g_assert_cmpfloat (wick_heatmap_get_value (grid, 0, b), ==, 0.0);
    }
  g_assert_cmpfloat (wick_heatmap_get_max_value (grid), ==, wick_heatmap_get_value (grid, 0, 53));
  g_assert_cmpfloat (wick_heatmap_get_bucket_price (grid, 53), ==, 85300.0);

  /* A falling candle opens a short at 94,400 × (1 + 1/10) / (1 + 0.004) = 103,426.29… */
  input = make_input (1, 94800.0, 94900.0, 94300.0, 94400.0, 1.0);
  append (model, &input);
  g_clear_pointer (&levels, g_array_unref);
  levels = wick_heatmap_model_dup_levels (model, 1, 100000.0, G_MAXDOUBLE);
  g_assert_cmpuint (levels->len, ==, 1);
  level = &g_array_index (levels, WickHeatmapLevel, 0);
  g_assert_cmpfloat_with_epsilon (level->price, 94400.0 * 1.1 / 1.004, 1e-9);
  g_assert_cmpfloat_with_epsilon (level->price, 103426.294820717, 1e-6);
  g_assert_cmpint (level->side, ==, WICK_SIDE_SHORT);
  g_assert_cmpuint (level->opened_column, ==, 1);
}

/* A later candle through a level consumes it */

static void
test_consume (void)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GArray) levels = NULL;
  WickHeatmapConfig config;
  WickHeatmapTotals totals;
  WickHeatmapInput input;
  const double long_price = 94400.0 * 0.9 / 0.996;
  const double short_price = 94400.0 * 1.1 / 1.004;
  const double long_usd = 2.0 * 282800.0 / 3.0;
  const double short_usd = 1.0 * (94900.0 + 94300.0 + 94400.0) / 3.0;

  one_tier_config (&config, 10.0);
  model = new_model (&config);

  input = make_input (0, 94000.0, 94500.0, 93900.0, 94400.0, 2.0);
  append (model, &input);
  input = make_input (1, 94800.0, 94900.0, 94300.0, 94400.0, 1.0);
  append (model, &input);

  /* Zero volume opens nothing; 86,000 and 103,426.28 reach neither level. */
  input = make_input (2, 94400.0, 103426.28, 86000.0, 90000.0, 0.0);
  append (model, &input);
  g_assert_cmpfloat (wick_heatmap_model_get_predicted (model, 2, WICK_SIDE_LONG), ==, 0.0);
  g_assert_cmpfloat (wick_heatmap_model_get_predicted (model, 2, WICK_SIDE_SHORT), ==, 0.0);

  /* A low exactly at the long level consumes it (low ≤ level). */
  input = make_input (3, 90000.0, 90000.0, long_price, 89000.0, 0.0);
  append (model, &input);
  assert_close (wick_heatmap_model_get_predicted (model, 3, WICK_SIDE_LONG), long_usd, 1e-12);
  g_assert_cmpfloat (wick_heatmap_model_get_predicted (model, 3, WICK_SIDE_SHORT), ==, 0.0);

  /* A high exactly at the short level consumes it (high ≥ level). */
  input = make_input (4, 89000.0, short_price, 89000.0, 100000.0, 0.0);
  append (model, &input);
  assert_close (wick_heatmap_model_get_predicted (model, 4, WICK_SIDE_SHORT), short_usd, 1e-12);

  levels = wick_heatmap_model_dup_levels (model, 4, 0.0, G_MAXDOUBLE);
  g_assert_cmpuint (levels->len, ==, 0);

  wick_heatmap_model_get_totals (model, &totals);
  assert_close (totals.added_usd[WICK_SIDE_LONG], long_usd, 1e-12);
  assert_close (totals.consumed_usd[WICK_SIDE_LONG], long_usd, 1e-12);
  assert_close (totals.consumed_usd[WICK_SIDE_SHORT], short_usd, 1e-12);
  g_assert_cmpfloat (totals.active_usd[WICK_SIDE_LONG], ==, 0.0);
  g_assert_cmpfloat (totals.active_usd[WICK_SIDE_SHORT], ==, 0.0);

  /* The long is drawn up to the candle before the one that consumed it, then nothing. */
  grid = new_grid (model, 0, 5, 80000.0, 100.0, 300, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS);
  assert_close (wick_heatmap_get_value (grid, 2, 53), long_usd, 1e-6);
  g_assert_cmpfloat (wick_heatmap_get_value (grid, 3, 53), ==, 0.0);
  assert_close (wick_heatmap_get_value (grid, 3, 234), short_usd, 1e-6);
  g_assert_cmpfloat (column_sum (grid, 4), ==, 0.0);
  g_assert_cmpfloat (wick_heatmap_get_predicted (grid, 3, WICK_SIDE_LONG), ==,
                     wick_heatmap_model_get_predicted (model, 3, WICK_SIDE_LONG));
}

/* Attribution: open interest or volume, sides, closing */

static const double weights[] = { 0.30, 0.25, 0.20, 0.10 };
static const double leverages[] = { 10.0, 25.0, 50.0, 100.0 };

/* The levels opened in @column on @side: one per default tier, at Binance's price for @entry,
 * sharing @usd by the tier weights. */
static void
assert_opened (WickHeatmapModel *model,
               guint             column,
               WickSide          side,
               double            entry,
               double            usd)
{
  g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, column, 0.0, G_MAXDOUBLE);
  guint found = 0;

  for (guint i = 0; i < levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (levels, WickHeatmapLevel, i);
      double lev = leverages[level->tier];
      double price = side == WICK_SIDE_LONG ? entry * (1.0 - 1.0 / lev) / (1.0 - 0.004)
                                            : entry * (1.0 + 1.0 / lev) / (1.0 + 0.004);

      if (level->opened_column != column || level->side != side)
        continue;

      g_assert_cmpfloat_with_epsilon (level->price, price, 1e-9);
      assert_close (level->usd, usd * weights[level->tier] / 0.85, 1e-9);
      found |= 1u << level->tier;
    }

  g_assert_cmpuint (found, ==, usd > 0.0 ? 0xf : 0);
}

static WickHeatmapModel *
model_after_one_candle (WickHeatmapWeighting weighting,
                        WickHeatmapSideSplit side_split,
                        WickHeatmapClose     close,
                        double               oi_open,
                        double               oi_close,
                        double               taker_buy_ratio)
{
  WickHeatmapInput input = make_input (0, 94000.0, 94500.0, 93900.0, 94400.0, 10.0);
  WickHeatmapConfig config;
  WickHeatmapModel *model;

  wick_heatmap_config_init (&config);
  config.entry = WICK_HEATMAP_ENTRY_CLOSE;
  config.weighting = weighting;
  config.side_split = side_split;
  config.close = close;
  model = new_model (&config);

  input.oi_open_usd = oi_open;
  input.oi_close_usd = oi_close;
  input.taker_buy_ratio = taker_buy_ratio;
  append (model, &input);

  return model;
}

static void
test_attribution (void)
{
  const WickHeatmapWeighting OI = WICK_HEATMAP_WEIGHTING_OPEN_INTEREST;
  const WickHeatmapWeighting VOLUME = WICK_HEATMAP_WEIGHTING_VOLUME;
  const WickHeatmapSideSplit TAKER = WICK_HEATMAP_SIDE_SPLIT_TAKER;
  const WickHeatmapSideSplit DIRECTION = WICK_HEATMAP_SIDE_SPLIT_DIRECTION;
  const WickHeatmapClose PROPORTIONAL = WICK_HEATMAP_CLOSE_PROPORTIONAL;
  /* 10 BTC at the typical price (94,500 + 93,900 + 94,400) / 3 */
  const double volume_usd = 10.0 * 282800.0 / 3.0;
  WickHeatmapModel *model;

  /* Open interest rose by $10M in the hour: that is what was opened, on a rising candle. */
  model = model_after_one_candle (OI, TAKER, PROPORTIONAL, 1.000e9, 1.010e9, NAN);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, 1e7);
  assert_opened (model, 0, WICK_SIDE_SHORT, 94400.0, 0.0);
  g_object_unref (model);

  /* Volume weighting ignores open interest. */
  model = model_after_one_candle (VOLUME, TAKER, PROPORTIONAL, 1.000e9, 1.010e9, NAN);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, volume_usd);
  g_object_unref (model);

  /* Unknown, zero or negative open interest falls back to volume. */
  model = model_after_one_candle (OI, TAKER, PROPORTIONAL, NAN, NAN, NAN);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, volume_usd);
  g_object_unref (model);
  model = model_after_one_candle (OI, TAKER, PROPORTIONAL, 0.0, 1.010e9, NAN);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, volume_usd);
  g_object_unref (model);
  model = model_after_one_candle (OI, TAKER, PROPORTIONAL, 1.000e9, -5.0, NAN);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, volume_usd);
  g_object_unref (model);

  /* A taker split of 75 % buys: three quarters long, one quarter short … */
  model = model_after_one_candle (OI, TAKER, PROPORTIONAL, 1.000e9, 1.010e9, 0.75);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, 0.75e7);
  assert_opened (model, 0, WICK_SIDE_SHORT, 94400.0, 0.25e7);
  g_object_unref (model);

  /* … unless the split goes by the candle's direction. */
  model = model_after_one_candle (OI, DIRECTION, PROPORTIONAL, 1.000e9, 1.010e9, 0.75);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, 1e7);
  assert_opened (model, 0, WICK_SIDE_SHORT, 94400.0, 0.0);
  g_object_unref (model);
}

static void
test_sides (void)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  WickHeatmapConfig config;
  WickHeatmapInput input;

  wick_heatmap_config_init (&config);
  config.entry = WICK_HEATMAP_ENTRY_CLOSE;
  config.weighting = WICK_HEATMAP_WEIGHTING_VOLUME;
  model = new_model (&config);

  /* Falling: all short. A doji: half and half. */
  input = make_input (0, 94500.0, 94600.0, 94300.0, 94400.0, 3.0);
  append (model, &input);
  assert_opened (model, 0, WICK_SIDE_SHORT, 94400.0, 3.0 * (94600.0 + 94300.0 + 94400.0) / 3.0);
  assert_opened (model, 0, WICK_SIDE_LONG, 94400.0, 0.0);

  input = make_input (1, 94400.0, 94450.0, 94350.0, 94400.0, 3.0);
  append (model, &input);
  assert_opened (model, 1, WICK_SIDE_SHORT, 94400.0, 1.5 * (94450.0 + 94350.0 + 94400.0) / 3.0);
  assert_opened (model, 1, WICK_SIDE_LONG, 94400.0, 1.5 * (94450.0 + 94350.0 + 94400.0) / 3.0);
}

static void
test_close (void)
{
  /* Open interest 1,010M → 1,008M on a quiet candle that reaches no level. */
  WickHeatmapInput quiet = make_input (1, 94400.0, 94450.0, 94350.0, 94380.0, 50.0);
  WickHeatmapTotals totals;
  WickHeatmapModel *model;

  quiet.oi_open_usd = 1.010e9;
  quiet.oi_close_usd = 1.008e9;

  /* Proportional: every level keeps 1,008 / 1,010 of itself; nothing is opened. */
  model = model_after_one_candle (WICK_HEATMAP_WEIGHTING_OPEN_INTEREST,
                                  WICK_HEATMAP_SIDE_SPLIT_TAKER,
                                  WICK_HEATMAP_CLOSE_PROPORTIONAL, 1.000e9, 1.010e9, NAN);
  append (model, &quiet);
  assert_opened (model, 1, WICK_SIDE_LONG, 94400.0, 0.0);
  assert_opened (model, 1, WICK_SIDE_SHORT, 94400.0, 0.0);
  {
    g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, 1, 0.0, G_MAXDOUBLE);

    g_assert_cmpuint (levels->len, ==, 4);
    assert_close (levels_sum (levels), 1e7 * 1.008 / 1.010, 1e-12);
  }
  g_object_unref (model);

  /* Modelled: the $2M fall is a fifth of the $10M of levels, so each keeps 80 %. */
  model = model_after_one_candle (WICK_HEATMAP_WEIGHTING_OPEN_INTEREST,
                                  WICK_HEATMAP_SIDE_SPLIT_TAKER,
                                  WICK_HEATMAP_CLOSE_MODELLED, 1.000e9, 1.010e9, NAN);
  append (model, &quiet);
  {
    g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, 1, 0.0, G_MAXDOUBLE);

    g_assert_cmpuint (levels->len, ==, 4);
    assert_close (levels_sum (levels), 0.8e7, 1e-12);
    assert_close (g_array_index (levels, WickHeatmapLevel, 3).usd, 0.8e7 * 0.10 / 0.85, 1e-12);
  }

  /* A fall of $20M is more than all levels: they all close. */
  quiet = make_input (2, 94380.0, 94450.0, 94350.0, 94400.0, 50.0);
  quiet.oi_open_usd = 1.008e9;
  quiet.oi_close_usd = 0.988e9;
  append (model, &quiet);
  {
    g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, 2, 0.0, G_MAXDOUBLE);

    g_assert_cmpuint (levels->len, ==, 0);
  }
  wick_heatmap_model_get_totals (model, &totals);
  assert_close (totals.closed_usd[WICK_SIDE_LONG], 1e7, 1e-12);
  g_assert_cmpfloat (totals.active_usd[WICK_SIDE_LONG], ==, 0.0);
  g_object_unref (model);
}

/* Conservation: what the grid holds is what was added, less what was consumed and closed */

static void
test_conservation (void)
{
  g_autoptr(WickHeatmapModel) model = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  WickHeatmapConfig config;
  WickHeatmapTotals totals;
  WickHeatmapInput input;
  const double kept = 1e7 * 0.75 / 0.85;   /* after the 100× tier (0.10 of 0.85) is consumed */

  wick_heatmap_config_init (&config);
  config.entry = WICK_HEATMAP_ENTRY_CLOSE;
  model = new_model (&config);

  /* $10M of longs at 85,301, 90,988, 92,884 and 93,831 */
  input = make_input (0, 94000.0, 94500.0, 93900.0, 94400.0, 10.0);
  input.oi_open_usd = 1.000e9;
  input.oi_close_usd = 1.010e9;
  append (model, &input);

  /* A low of 93,000 takes the 100× level and leaves the 50× one; open interest is flat. */
  input = make_input (1, 94400.0, 94500.0, 93000.0, 94000.0, 10.0);
  input.oi_open_usd = input.oi_close_usd = 1.010e9;
  append (model, &input);

  /* Open interest falls by 10 %. */
  input = make_input (2, 94000.0, 94100.0, 93900.0, 94050.0, 10.0);
  input.oi_open_usd = 1.010e9;
  input.oi_close_usd = 0.909e9;
  append (model, &input);

  grid = new_full_grid (model);
  assert_close (column_sum (grid, 0), 1e7, 1e-6);
  assert_close (column_sum (grid, 1), kept, 1e-6);
  assert_close (column_sum (grid, 2), kept * 0.9, 1e-6);
  assert_close (wick_heatmap_get_predicted (grid, 1, WICK_SIDE_LONG), 1e7 * 0.10 / 0.85, 1e-12);

  wick_heatmap_model_get_totals (model, &totals);
  assert_close (totals.added_usd[WICK_SIDE_LONG], 1e7, 1e-12);
  assert_close (totals.consumed_usd[WICK_SIDE_LONG], 1e7 * 0.10 / 0.85, 1e-12);
  assert_close (totals.closed_usd[WICK_SIDE_LONG], kept * 0.1, 1e-9);
  assert_close (totals.active_usd[WICK_SIDE_LONG], kept * 0.9, 1e-9);
}

static void
test_conservation_random (void)
{
  g_autoptr(WickMarket) market = make_random_market (1500, 7);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  WickHeatmapTotals totals;
  guint last = 1499;

  append_market (model, market, 1500);
  grid = new_full_grid (model);
  assert_grid_finite (grid);

  for (guint j = 0; j <= last; j += 37)
    {
      g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, j, 0.0, G_MAXDOUBLE);

      assert_close (column_sum (grid, j), levels_sum (levels), 1e-5);
    }

  wick_heatmap_model_get_totals (model, &totals);
  for (WickSide side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
    {
      double balance = totals.added_usd[side] - totals.consumed_usd[side] - totals.closed_usd[side];

      g_assert_cmpfloat (totals.added_usd[side], >, 0.0);
      g_assert_cmpfloat (totals.consumed_usd[side], >, 0.0);
      g_assert_cmpfloat (totals.closed_usd[side], >, 0.0);
      g_assert_cmpfloat_with_epsilon (totals.active_usd[side], balance,
                                      1e-9 * totals.added_usd[side]);
    }
  assert_close (column_sum (grid, last),
                totals.active_usd[WICK_SIDE_LONG] + totals.active_usd[WICK_SIDE_SHORT], 1e-5);
}

/* Appending one candle at a time gives the same grid as a full build */

static WickHeatmap *
extend (WickHeatmap      *grid,
        WickHeatmapModel *model)
{
  g_autoptr(GError) error = NULL;
  WickHeatmap *longer = wick_heatmap_extend (grid, model, &error);

  g_assert_no_error (error);
  g_assert_nonnull (longer);

  return longer;
}

static void
check_incremental (const WickHeatmapConfig *config,
                   guint32                  seed)
{
  const guint n = 1500;
  const guint tail = 40;
  const guint first_b = 700;
  g_autoptr(WickMarket) market = make_random_market (n, seed);
  g_autoptr(WickHeatmapModel) full = new_model (config);
  g_autoptr(WickHeatmapModel) part = new_model (config);
  g_autoptr(WickHeatmap) expected = NULL;
  g_autoptr(WickHeatmap) expected_b = NULL;
  g_autoptr(WickHeatmap) expected_tail = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(WickHeatmap) grid_b = NULL;
  g_autoptr(WickHeatmap) grid_tail = NULL;
  g_autoptr(WickHeatmap) longer_tail = NULL;
  WickHeatmapGridSpec spec, spec_b, spec_tail;
  WickHeatmapTotals totals_full, totals_part;
  g_autoptr(GError) error = NULL;
  double low, high;

  append_market (full, market, n);
  g_assert_true (wick_heatmap_model_get_price_range (full, 0, n, &low, &high));
  wick_heatmap_grid_spec_init_auto (&spec, 0, n, low, high, 400);
  spec_b = spec;
  spec_b.first_column = first_b;
  spec_b.n_columns = n - first_b;
  spec_tail = spec;
  spec_tail.first_column = n - tail;
  spec_tail.n_columns = tail;
  expected = wick_heatmap_new (full, &spec, &error);
  expected_b = wick_heatmap_new (full, &spec_b, &error);
  expected_tail = wick_heatmap_new (full, &spec_tail, &error);
  g_assert_no_error (error);

  append_market (part, market, n - tail);
  spec.n_columns = n - tail;
  spec_b.n_columns = n - tail - first_b;
  spec_tail.n_columns = 0;
  grid = wick_heatmap_new (part, &spec, &error);
  grid_b = wick_heatmap_new (part, &spec_b, &error);
  grid_tail = wick_heatmap_new (part, &spec_tail, &error);
  g_assert_no_error (error);

  for (guint k = n - tail; k < n; k++)
    {
      g_autoptr(WickHeatmap) stale = g_object_ref (grid);
      g_autoptr(WickHeatmap) next = NULL;
      g_autoptr(WickHeatmap) next_b = NULL;

      append_market (part, market, k + 1);
      next = extend (grid, part);
      next_b = extend (grid_b, part);

      /* The old grid still shows what it showed. */
      g_assert_cmpuint (wick_heatmap_get_n_columns (stale), ==, k);

      /* Extending the same grid twice: the second copies the shared chunk. */
      if (k % 3 == 0)
        {
          g_autoptr(WickHeatmap) again = extend (stale, part);

          assert_grids_equal (again, next);
        }

      g_set_object (&grid, next);
      g_set_object (&grid_b, next_b);
    }

  assert_grids_equal (grid, expected);
  assert_grids_equal (grid_b, expected_b);

  /* An empty grid extended by 40 candles at once */
  longer_tail = extend (grid_tail, part);
  assert_grids_equal (longer_tail, expected_tail);

  wick_heatmap_model_get_totals (full, &totals_full);
  wick_heatmap_model_get_totals (part, &totals_part);
  g_assert_cmpmem (&totals_full, sizeof totals_full, &totals_part, sizeof totals_part);
  assert_grid_finite (grid);
}

static void
test_incremental (void)
{
  WickHeatmapConfig config;

  wick_heatmap_config_init (&config);
  check_incremental (&config, 1);

  config.close = WICK_HEATMAP_CLOSE_MODELLED;
  check_incremental (&config, 2);

  config.weighting = WICK_HEATMAP_WEIGHTING_VOLUME;
  config.side_split = WICK_HEATMAP_SIDE_SPLIT_DIRECTION;
  config.entry = WICK_HEATMAP_ENTRY_CLOSE;
  check_incremental (&config, 3);
}

static void
test_extend_mismatch (void)
{
  g_autoptr(WickMarket) market = make_random_market (50, 4);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmapModel) other = NULL;
  g_autoptr(WickHeatmapModel) shorter = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(WickHeatmap) longer = NULL;
  g_autoptr(WickSeries) unrelated = wick_series_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  WickHeatmapConfig config;
  WickCandle candles[30];

  append_market (model, market, 50);
  grid = new_full_grid (model);

  wick_heatmap_config_init (&config);
  config.maintenance_margin_rate = 0.005;
  other = new_model (&config);
  append_market (other, market, 50);
  longer = wick_heatmap_extend (grid, other, &error);
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH);
  g_assert_null (longer);
  g_clear_error (&error);

  append_market (shorter, market, 20);
  longer = wick_heatmap_extend (grid, shorter, &error);
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH);
  g_assert_null (longer);
  g_clear_error (&error);

  /* A series that does not continue the model */
  for (guint i = 0; i < G_N_ELEMENTS (candles); i++)
    candles[i] = (WickCandle) { AT (i), 100.0, 101.0, 99.0, 100.0, 1.0 };
  g_assert_true (wick_series_append (unrelated, candles, G_N_ELEMENTS (candles), &error));
  g_assert_false (wick_heatmap_model_append_market (shorter, unrelated, NULL, NULL, 30, &error));
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_MISMATCH);
  g_assert_cmpuint (wick_heatmap_model_get_n_columns (shorter), ==, 20);
}
