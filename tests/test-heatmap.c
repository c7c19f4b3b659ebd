/* test-heatmap.c: the liquidation-level model: Binance's price, consumption, attribution,
 * closing, conservation and bad inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-heatmap.h"

#include "test-heatmap-utils.h"

#include <math.h>
#include <string.h>

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
  grid = new_grid (model, 0, 1, 80000.0, 100.0, 200,
                   WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS);
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
  grid = new_grid (model, 0, 5, 80000.0, 100.0, 300,
                   WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS);
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
    for (guint i = 0; i < levels->len; i++)
      {
        const WickHeatmapLevel *level = &g_array_index (levels, WickHeatmapLevel, i);

        assert_close (level->usd, 0.8e7 * weights[level->tier] / 0.85, 1e-12);
      }
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

/* Bad inputs */

static void
test_bad_inputs (void)
{
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapTotals totals;
  WickHeatmapInput input;
  static const double odd[] = { NAN, INFINITY, -INFINITY, -5.0, 0.0, 1e-300, 1e300, 1.5 };

  for (guint i = 0; i < 64; i++)
    {
      double base = i % 7 == 0 ? 1e-6 : 90000.0 + 500.0 * sin (i);
      double volume = i % 5 == 0 ? 0.0 : i % 11 == 0 ? 1e300 : 100.0;

      input = make_input (i, base, base * 1.01, base * 0.99, i % 2 ? base * 1.005 : base, volume);
      input.oi_open_usd = odd[i % G_N_ELEMENTS (odd)];
      input.oi_close_usd = odd[(i / 3) % G_N_ELEMENTS (odd)];
      input.taker_buy_ratio = odd[(i / 2) % G_N_ELEMENTS (odd)];
      input.long_liquidated_usd = odd[(i + 1) % G_N_ELEMENTS (odd)];
      input.short_liquidated_usd = odd[(i + 3) % G_N_ELEMENTS (odd)];
      append (model, &input);
    }

  grid = new_full_grid (model);
  assert_grid_finite (grid);
  g_assert_cmpfloat (wick_heatmap_get_max_value (grid), >, 0.0);

  wick_heatmap_model_get_totals (model, &totals);
  for (WickSide side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
    {
      g_assert_true (isfinite (totals.added_usd[side]));
      g_assert_true (isfinite (totals.consumed_usd[side]));
      g_assert_true (isfinite (totals.closed_usd[side]));
      g_assert_true (isfinite (totals.active_usd[side]));
    }

  /* Unknown or negative realised liquidations are NAN in the model and no bubble. */
  for (guint j = 0; j < 64; j++)
    {
      for (WickSide side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
        {
          double realised = wick_heatmap_model_get_realised (model, j, side);
          WickHeatmapBubble bubble;

          g_assert_true (isnan (realised) || (isfinite (realised) && realised >= 0.0));
          g_assert_cmpint (wick_heatmap_get_bubble (grid, j, side, &bubble), ==, realised > 0.0);
          if (realised > 0.0)
            g_assert_cmpfloat (bubble.usd, ==, realised);
        }
    }

  /* A bad candle or one out of order is refused and changes nothing. */
  input = make_input (64, NAN, 1.0, 1.0, 1.0, 1.0);
  g_assert_false (wick_heatmap_model_append (model, &input, &error));
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CANDLE);
  g_clear_error (&error);

  input = make_input (64, 100.0, 99.0, 101.0, 100.0, 1.0);
  g_assert_false (wick_heatmap_model_append (model, &input, &error));
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CANDLE);
  g_clear_error (&error);

  input = make_input (10, 100.0, 101.0, 99.0, 100.0, 1.0);
  g_assert_false (wick_heatmap_model_append (model, &input, &error));
  g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_OUT_OF_ORDER);
  g_clear_error (&error);

  g_assert_cmpuint (wick_heatmap_model_get_n_columns (model), ==, 64);
}

static void
test_bad_config (void)
{
  static const struct
  {
    double leverage;
    double weight;
    double mmr;
    guint  n_tiers;
  } cases[] = {
    { 1.0, 1.0, 0.004, 1 },        /* 1× never liquidates */
    { 300.0, 1.0, 0.004, 1 },      /* 300 × 0.4 % ≥ 1: liquidated on entry */
    { NAN, 1.0, 0.004, 1 },
    { 10.0, -1.0, 0.004, 1 },
    { 10.0, 0.0, 0.004, 1 },       /* weights add up to zero */
    { 10.0, NAN, 0.004, 1 },
    { 10.0, 1.0, -0.001, 1 },
    { 10.0, 1.0, 0.5, 1 },
    { 10.0, 1.0, NAN, 1 },
    { 10.0, 1.0, 0.004, 0 },
    { 10.0, 1.0, 0.004, WICK_HEATMAP_MAX_TIERS + 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WickHeatmapModel) model = NULL;
      g_autoptr(GError) error = NULL;
      WickHeatmapConfig config;

      wick_heatmap_config_init (&config);
      for (guint t = 0; t < WICK_HEATMAP_MAX_TIERS; t++)
        config.tiers[t] = (WickHeatmapTier) { cases[i].leverage, cases[i].weight };
      config.n_tiers = cases[i].n_tiers;
      config.maintenance_margin_rate = cases[i].mmr;

      model = wick_heatmap_model_new (&config, &error);
      g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_CONFIG);
      g_assert_null (model);
    }
}

/* Open interest falling by ten orders of magnitude every other hour: the scale is renormalised
 * and the sizes stay finite. */
static void
test_renormalise (void)
{
  g_autoptr(WickHeatmapModel) full = new_model (NULL);
  g_autoptr(WickHeatmapModel) part = new_model (NULL);
  g_autoptr(WickHeatmap) expected = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(WickHeatmap) longer = NULL;
  g_autoptr(GArray) levels = NULL;
  const guint n = 80;
  WickHeatmapGridSpec spec;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      WickHeatmapInput input = make_input (i, 100.0, 100.0, 100.0, 100.0, 1.0);

      input.oi_open_usd = i % 2 ? 1e30 : 1e20;
      input.oi_close_usd = i % 2 ? 1e20 : 1e30;
      append (full, &input);
      if (i < n / 2)
        append (part, &input);
    }

  wick_heatmap_grid_spec_init_fixed (&spec, 0, n, 0.0, 200.0, 1.0);
  expected = wick_heatmap_new (full, &spec, &error);
  spec.n_columns = n / 2;
  grid = wick_heatmap_new (part, &spec, &error);
  g_assert_no_error (error);

  for (guint i = n / 2; i < n; i++)
    {
      WickHeatmapInput input = make_input (i, 100.0, 100.0, 100.0, 100.0, 1.0);

      input.oi_open_usd = i % 2 ? 1e30 : 1e20;
      input.oi_close_usd = i % 2 ? 1e20 : 1e30;
      append (part, &input);
    }
  longer = extend (grid, part);
  assert_grids_equal (longer, expected);
  assert_grid_finite (expected);

  /* After an opening hour, the three generations still above a cent are there: opened at
   * the cap of $10²⁰, then 10¹⁰, then 1 (times the tier's share). */
  levels = wick_heatmap_model_dup_levels (full, n - 2, 0.0, G_MAXDOUBLE);
  g_assert_cmpuint (levels->len, ==, 3 * 2 * 4);
  for (guint i = 0; i < levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (levels, WickHeatmapLevel, i);

      g_assert_true (isfinite (level->usd));
      g_assert_cmpfloat (level->usd, >=, 0.01);
      g_assert_cmpuint (level->opened_column, >=, n - 6);
    }
  for (guint j = 0; j < n; j++)
    {
      g_autoptr(GArray) alive = wick_heatmap_model_dup_levels (full, j, 0.0, G_MAXDOUBLE);

      assert_close (column_sum (expected, j), levels_sum (alive), 1e-5);
    }
}

/* A market with holes: open interest before its history, in a gap, at zero; missing hours of
 * liquidations */

static double
opened_in (WickHeatmapModel *model,
           guint             column)
{
  g_autoptr(GArray) levels = wick_heatmap_model_dup_levels (model, column, 0.0, G_MAXDOUBLE);
  double sum = 0.0;

  for (guint i = 0; i < levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (levels, WickHeatmapLevel, i);

      if (level->opened_column == column)
        sum += level->usd;
    }

  return sum;
}

static void
test_market_gaps (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickOpenInterest) oi = wick_open_interest_new (HOUR_MS);
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (HOUR_MS);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;
  const WickOpenInterestPoint points[] = {
    { AT (2), 1.000e9, 1.001e9 },
    /* 03:00 is missing */
    { AT (4), 0.0, 0.0 },
    { AT (5), 1.001e9, 1.003e9 },
  };
  const WickLiquidationBucket buckets[] = {
    { AT (0), 1e6, 0.0 },
    { AT (2), 2e6, 5e5 },
    { AT (5), 0.0, 3e6 },
  };
  WickCandle candles[6];
  WickHeatmapBubble bubble;

  /* Rising hours, each low at the previous close: nothing is consumed. */
  for (guint i = 0; i < G_N_ELEMENTS (candles); i++)
    {
      double open = 94000.0 + 100.0 * i;

      candles[i] = (WickCandle) { AT (i), open, open + 150.0, open, open + 100.0, 2.0 };
    }

  g_assert_true (wick_series_append (series, candles, G_N_ELEMENTS (candles), &error));
  g_assert_true (wick_open_interest_set_points (oi, points, G_N_ELEMENTS (points), &error));
  g_assert_true (wick_liquidations_set_buckets (liquidations, buckets, G_N_ELEMENTS (buckets),
                                                &error));
  g_assert_true (wick_heatmap_model_append_market (model, series, oi, liquidations, 6, &error));
  g_assert_no_error (error);

  /* Before the history: volume × typical price */
  assert_close (opened_in (model, 0), 2.0 * (94150.0 + 94000.0 + 94100.0) / 3.0, 1e-12);
  assert_close (opened_in (model, 1), 2.0 * (94250.0 + 94100.0 + 94200.0) / 3.0, 1e-12);
  /* The rise of open interest, nothing in the gap or at zero, then the rise again */
  assert_close (opened_in (model, 2), 1e6, 1e-9);
  g_assert_cmpfloat (opened_in (model, 3), ==, 0.0);
  g_assert_cmpfloat (opened_in (model, 4), ==, 0.0);
  assert_close (opened_in (model, 5), 2e6, 1e-9);

  g_assert_cmpfloat (wick_heatmap_model_get_realised (model, 0, WICK_SIDE_LONG), ==, 1e6);
  g_assert_true (isnan (wick_heatmap_model_get_realised (model, 1, WICK_SIDE_LONG)));
  g_assert_true (isnan (wick_heatmap_model_get_realised (model, 3, WICK_SIDE_SHORT)));

  /* Realised liquidations sit at the candle's low (longs) and high (shorts). */
  grid = new_full_grid (model);
  assert_grid_finite (grid);
  g_assert_true (wick_heatmap_get_bubble (grid, 2, WICK_SIDE_LONG, &bubble));
  g_assert_cmpint (bubble.time_ms, ==, AT (2));
  g_assert_cmpfloat (bubble.price, ==, 94200.0);
  g_assert_cmpfloat (bubble.usd, ==, 2e6);
  g_assert_cmpint (bubble.side, ==, WICK_SIDE_LONG);
  g_assert_true (wick_heatmap_get_bubble (grid, 2, WICK_SIDE_SHORT, &bubble));
  g_assert_cmpfloat (bubble.price, ==, 94350.0);
  g_assert_cmpfloat (bubble.usd, ==, 5e5);
  g_assert_false (wick_heatmap_get_bubble (grid, 1, WICK_SIDE_LONG, &bubble));
  g_assert_false (wick_heatmap_get_bubble (grid, 5, WICK_SIDE_LONG, &bubble));
  g_assert_true (wick_heatmap_get_bubble (grid, 5, WICK_SIDE_SHORT, &bubble));
  g_assert_cmpfloat (bubble.price, ==, 94650.0);
  g_assert_cmpfloat (wick_heatmap_get_max_bubble_usd (grid), ==, 3e6);
}

#define add_test(path, func) g_test_add_func ("/wick/heatmap/" path, func)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("liquidation-price", test_liquidation_price);
  add_test ("one-candle", test_one_candle);
  add_test ("consume", test_consume);
  add_test ("attribution", test_attribution);
  add_test ("sides", test_sides);
  add_test ("close", test_close);
  add_test ("conservation", test_conservation);
  add_test ("conservation-random", test_conservation_random);
  add_test ("bad-inputs", test_bad_inputs);
  add_test ("bad-config", test_bad_config);
  add_test ("renormalise", test_renormalise);
  add_test ("market-gaps", test_market_gaps);

  return g_test_run ();
}
