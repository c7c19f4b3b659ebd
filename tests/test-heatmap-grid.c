/* test-heatmap-grid.c: the heatmap grid: incremental equals full, filters, buckets, and the
 * bundled sample and real data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-heatmap.h"
#include "wick-sample-source.h"

#include "test-heatmap-utils.h"

#include <math.h>
#include <string.h>

/* Appending one candle at a time gives the same grid as a full build */

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

/* A copy is independent; grids are read and extended from several threads */

typedef struct
{
  WickHeatmap      *grid;     /* Borrowed */
  WickHeatmapModel *model;    /* Borrowed, not changed while the threads run */
} ExtendData;

static gpointer
extend_thread (gpointer user_data)
{
  ExtendData *data = user_data;

  return wick_heatmap_extend (data->grid, data->model, NULL);
}

static void
test_copy_and_threads (void)
{
  g_autoptr(WickMarket) market = make_random_market (600, 9);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmapModel) copy = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(WickHeatmap) from_copy = NULL;
  g_autoptr(WickHeatmap) expected = NULL;
  WickHeatmap *results[4];
  GThread *threads[4];
  ExtendData data;

  append_market (model, market, 500);
  copy = wick_heatmap_model_copy (model);
  grid = new_full_grid (model);
  from_copy = new_full_grid (copy);
  assert_grids_equal (grid, from_copy);

  /* The copy goes on; the model does not see it. */
  append_market (copy, market, 600);
  g_assert_cmpuint (wick_heatmap_model_get_n_columns (model), ==, 500);
  g_assert_cmpuint (wick_heatmap_model_get_n_columns (copy), ==, 600);

  /* Four threads extend the same grid with the copy's candles: one takes the shared chunk,
   * the others copy it, and all agree with a grid built at once. */
  data.grid = grid;
  data.model = copy;
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("extend", extend_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    results[i] = g_thread_join (threads[i]);

  expected = new_grid (copy, 0, 600, wick_heatmap_get_spec (grid)->price_low,
                       wick_heatmap_get_spec (grid)->bucket_size,
                       wick_heatmap_get_n_buckets (grid),
                       WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_nonnull (results[i]);
      assert_grids_equal (results[i], expected);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (wick_heatmap_get_n_columns (grid), ==, 500);
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

static void
test_bad_spec (void)
{
  g_autoptr(WickMarket) market = make_random_market (20, 6);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  const WickHeatmapGridSpec specs[] = {
    { 0, 21, 80000.0, 100.0, 400, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 21, 0, 80000.0, 100.0, 400, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 0, 20, 80000.0, 100.0, 0, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 0, 20, 80000.0, 0.0, 400, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 0, 20, NAN, 100.0, 400, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 0, 20, 80000.0, 1e308, 400, WICK_HEATMAP_BOTH_SIDES, WICK_HEATMAP_ALL_TIERS },
    { 0, 20, 80000.0, 100.0, WICK_HEATMAP_MAX_BUCKETS + 1, WICK_HEATMAP_BOTH_SIDES, 0xff },
  };

  append_market (model, market, 20);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickHeatmap) grid = wick_heatmap_new (model, &specs[i], &error);

      g_assert_error (error, WICK_HEATMAP_ERROR, WICK_HEATMAP_ERROR_INVALID_SPEC);
      g_assert_null (grid);
    }
}

/* Sides and tiers add up */

static void
test_filters (void)
{
  g_autoptr(WickMarket) market = make_random_market (400, 8);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) all = NULL;
  g_autoptr(WickHeatmap) longs = NULL;
  g_autoptr(WickHeatmap) shorts = NULL;
  WickHeatmap *tiers[4];
  const WickHeatmapGridSpec *spec;
  guint n_buckets;

  append_market (model, market, 400);
  all = new_full_grid (model);
  spec = wick_heatmap_get_spec (all);
  n_buckets = spec->n_buckets;
  longs = new_grid (model, 0, 400, spec->price_low, spec->bucket_size, n_buckets,
                    WICK_HEATMAP_LONGS, WICK_HEATMAP_ALL_TIERS);
  shorts = new_grid (model, 0, 400, spec->price_low, spec->bucket_size, n_buckets,
                     WICK_HEATMAP_SHORTS, WICK_HEATMAP_ALL_TIERS);
  for (guint t = 0; t < 4; t++)
    tiers[t] = new_grid (model, 0, 400, spec->price_low, spec->bucket_size, n_buckets,
                         WICK_HEATMAP_BOTH_SIDES, 1u << t);

  g_assert_cmpfloat (wick_heatmap_get_max_value (longs), >, 0.0);
  g_assert_cmpfloat (wick_heatmap_get_max_value (shorts), >, 0.0);

  for (guint j = 0; j < 400; j++)
    {
      for (guint b = 0; b < n_buckets; b++)
        {
          double total = wick_heatmap_get_value (all, j, b);
          double by_tier = 0.0;

          for (guint t = 0; t < 4; t++)
            by_tier += wick_heatmap_get_value (tiers[t], j, b);

          g_assert_cmpfloat_with_epsilon (wick_heatmap_get_value (longs, j, b) +
                                          wick_heatmap_get_value (shorts, j, b),
                                          total, 1e-6 * total + 1e-3);
          g_assert_cmpfloat_with_epsilon (by_tier, total, 1e-6 * total + 1e-3);
        }
    }

  /* A cell's breakdown, as a tooltip reads it */
  for (guint j = 50; j < 400; j += 50)
    {
      for (guint b = 0; b < n_buckets; b++)
        {
          double low = wick_heatmap_get_bucket_price (all, b);
          double high = wick_heatmap_get_bucket_price (all, b + 1);
          WickHeatmapCell cell;
          double long_usd = 0.0;

          wick_heatmap_model_sum_levels (model, j, low, high, &cell);
          for (guint t = 0; t < WICK_HEATMAP_MAX_TIERS; t++)
            long_usd += cell.usd[WICK_SIDE_LONG][t];

          g_assert_cmpfloat_with_epsilon (wick_heatmap_cell_get_total (&cell),
                                          wick_heatmap_get_value (all, j, b),
                                          1e-6 * wick_heatmap_get_value (all, j, b) + 1e-3);
          g_assert_cmpfloat_with_epsilon (long_usd, wick_heatmap_get_value (longs, j, b),
                                          1e-6 * long_usd + 1e-3);
        }
    }

  for (guint t = 0; t < 4; t++)
    g_object_unref (tiers[t]);
}

/* Buckets */

static void
test_grid_spec (void)
{
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapGridSpec spec;
  guint bucket;

  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (91000.0, 95000.0, 400), ==, 10.0);
  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (0.0, 1000.0, 400), ==, 2.5);
  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (90000.0, 97000.0, 400), ==, 20.0);
  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (90000.0, 97000.0, 0), ==, 20.0);
  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (0.0001, 0.0002, 100), ==, 1e-6);
  g_assert_true (isfinite (wick_heatmap_nice_bucket_size (5.0, 5.0, 400)));
  g_assert_cmpfloat (wick_heatmap_nice_bucket_size (5.0, 5.0, 400), >, 0.0);

  /* About 400 buckets over the visible range, edges on multiples of the size */
  wick_heatmap_grid_spec_init_auto (&spec, 0, 0, 91003.0, 94998.0, 400);
  g_assert_cmpfloat (spec.bucket_size, ==, 10.0);
  g_assert_cmpfloat (spec.price_low, ==, 91000.0);
  g_assert_cmpuint (spec.n_buckets, ==, 400);
  g_assert_cmpuint (spec.sides, ==, WICK_HEATMAP_BOTH_SIDES);
  g_assert_cmpuint (spec.tiers, ==, WICK_HEATMAP_ALL_TIERS);

  /* A fixed size of $100 */
  wick_heatmap_grid_spec_init_fixed (&spec, 0, 0, 91050.0, 95000.0, 100.0);
  g_assert_cmpfloat (spec.price_low, ==, 91000.0);
  g_assert_cmpuint (spec.n_buckets, ==, 41);

  wick_heatmap_grid_spec_init_auto (&spec, 0, 0, 91003.0, 94998.0, 400);
  grid = wick_heatmap_new (model, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_heatmap_get_n_columns (grid), ==, 0);
  g_assert_cmpfloat (wick_heatmap_get_max_value (grid), ==, 0.0);
  g_assert_cmpfloat (wick_heatmap_get_bucket_price (grid, 400), ==, 95000.0);
  g_assert_true (wick_heatmap_find_bucket (grid, 91000.0, &bucket));
  g_assert_cmpuint (bucket, ==, 0);
  g_assert_true (wick_heatmap_find_bucket (grid, 94999.99, &bucket));
  g_assert_cmpuint (bucket, ==, 399);
  g_assert_true (wick_heatmap_find_bucket (grid, 92345.0, &bucket));
  g_assert_cmpuint (bucket, ==, 134);
  g_assert_false (wick_heatmap_find_bucket (grid, 95000.0, &bucket));
  g_assert_false (wick_heatmap_find_bucket (grid, 90999.0, &bucket));
  g_assert_false (wick_heatmap_find_bucket (grid, NAN, &bucket));
}

/* The bundled sample: the 5 January 2026 cascade */

static gint64
utc_ms (int january_day,
        int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 1, january_day, hour, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
test_sample (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GArray) before_levels = NULL;
  g_autoptr(GArray) after_levels = NULL;
  g_autoptr(GError) error = NULL;
  const WickCandle *candles;
  WickHeatmapBubble bubble;
  WickSeries *series;
  guint n, before, end, deepest;
  double price_before, cascade_low = G_MAXDOUBLE;
  double at_risk = 0.0;
  double predicted = 0.0;
  double survivors = 0.0;

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  series = wick_market_get_series (market);
  candles = wick_series_get_candles (series);
  n = wick_series_get_length (series);

  append_market (model, market, n);
  g_assert_cmpuint (wick_heatmap_model_get_n_columns (model), ==, n);
  grid = new_full_grid (model);
  assert_grid_finite (grid);
  g_assert_cmpfloat (wick_heatmap_get_max_value (grid), >, 0.0);

  /* 12:00 is the last hour before the cascade of 13:00–16:00. */
  g_assert_true (wick_series_find (series, utc_ms (5, 12), &before));
  g_assert_true (wick_series_find (series, utc_ms (5, 17), &end));
  price_before = candles[before].close;
  deepest = before + 1;
  for (guint i = before + 1; i < end; i++)
    {
      if (candles[i].low < cascade_low)
        {
          cascade_low = candles[i].low;
          deepest = i;
        }
      predicted += wick_heatmap_model_get_predicted (model, i, WICK_SIDE_LONG);
    }
  g_assert_cmpfloat (cascade_low, ==, 91540.0);

  /* The long levels between the price and the cascade's low … */
  before_levels = wick_heatmap_model_dup_levels (model, before, cascade_low, price_before);
  for (guint i = 0; i < before_levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (before_levels, WickHeatmapLevel, i);

      if (level->side == WICK_SIDE_LONG)
        at_risk += level->usd;
    }
  g_assert_cmpfloat (at_risk, >, 1e6);

  /* … are all gone after it, consumed: the predicted long liquidations of those hours hold
   * them (less what the falling open interest closed first). */
  after_levels = wick_heatmap_model_dup_levels (model, end - 1, cascade_low, price_before);
  for (guint i = 0; i < after_levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (after_levels, WickHeatmapLevel, i);

      g_assert_false (level->side == WICK_SIDE_LONG && level->opened_column <= before);
    }
  g_assert_cmpfloat (predicted, >=, 0.9 * at_risk);

  /* Longs below the wick survive it. */
  g_clear_pointer (&after_levels, g_array_unref);
  after_levels = wick_heatmap_model_dup_levels (model, end - 1, 0.0, cascade_low);
  for (guint i = 0; i < after_levels->len; i++)
    {
      const WickHeatmapLevel *level = &g_array_index (after_levels, WickHeatmapLevel, i);

      if (level->side == WICK_SIDE_LONG && level->opened_column <= before)
        survivors += level->usd;
    }
  g_assert_cmpfloat (survivors, >, 0.0);

  /* The realised long liquidations of the deepest hour sit at its low. */
  g_assert_true (wick_heatmap_get_bubble (grid, deepest, WICK_SIDE_LONG, &bubble));
  g_assert_cmpfloat (bubble.price, ==, 91540.0);
  g_assert_cmpfloat (bubble.usd, >, 1e7);
}

/* Real market data from ../shared/data, when it is there */

static gpointer
load_shared (const char  *name,
             int          kind)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gsize len;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  path = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  if (kind == 0)
    result = wick_csv_parse_candles (contents, len, 0, &error);
  else if (kind == 1)
    result = wick_csv_parse_liquidations (contents, len, 0, &error);
  else
    result = wick_csv_parse_open_interest (contents, len, 0, &error);
  g_assert_no_error (error);

  return result;
}

static void
test_real_data (void)
{
  g_autoptr(WickSeries) series =
    load_shared ("binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv", 0);
  g_autoptr(WickLiquidations) liquidations =
    load_shared ("coinglass-BTC-liquidations-1h-binance-bybit-okx-2025-11-23_2026-05-22.csv", 1);
  g_autoptr(WickOpenInterest) oi =
    load_shared ("coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv", 2);
  g_autoptr(WickHeatmapModel) model = new_model (NULL);
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(WickHeatmap) january = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapGridSpec spec;
  guint n, first, end, bubbles = 0;
  double low, high;

  if (series == NULL || liquidations == NULL || oi == NULL)
    {
      g_test_skip ("the real market data in WICK_SHARED_DATA is not available");
      return;
    }

  n = wick_series_get_length (series);
  g_assert_true (wick_heatmap_model_append_market (model, series, oi, liquidations, n, &error));
  g_assert_no_error (error);

  grid = new_full_grid (model);
  g_assert_cmpuint (wick_heatmap_get_n_columns (grid), ==, n);
  assert_grid_finite (grid);

  /* January 2026 with its own price range */
  first = wick_series_lower_bound (series, utc_ms (1, 0));
  end = wick_series_lower_bound (series, utc_ms (31, 0));
  wick_series_get_price_range (series, first, end, &low, &high);
  wick_heatmap_grid_spec_init_auto (&spec, first, end - first, low, high, 400);
  january = wick_heatmap_new (model, &spec, &error);
  g_assert_no_error (error);
  assert_grid_finite (january);
  g_assert_cmpfloat (wick_heatmap_get_max_value (january), >, 0.0);

  for (guint j = 0; j < end - first; j++)
    bubbles += wick_heatmap_get_bubble (january, j, WICK_SIDE_LONG, NULL);
  g_assert_cmpuint (bubbles, >, 600);
}

/* A model of a window of candles (an export's) bins to the grids a model of every candle
 * gives: from the levels the candles before the window, or before the first with open
 * interest, left alive; with open interest from the first candle, from every candle. */

static void
check_window (WickMarket *market,
              guint       first,
              guint       end,
              guint       expected_first_column)
{
  WickSeries *series = wick_market_get_series (market);
  guint n = wick_series_get_length (series);
  g_autoptr(WickHeatmapModel) full = new_model (NULL);
  g_autoptr(WickHeatmapModel) window = NULL;
  g_autoptr(WickHeatmap) expected = NULL;
  g_autoptr(WickHeatmap) grid = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapGridSpec spec;
  guint first_column = G_MAXUINT;
  double low, high;

  append_market (full, market, n);
  g_assert_true (wick_heatmap_model_get_price_range (full, first, end, &low, &high));
  wick_heatmap_grid_spec_init_auto (&spec, first, end - first, low * 0.9, high * 1.1, 300);
  expected = wick_heatmap_new (full, &spec, &error);
  g_assert_no_error (error);

  window = wick_heatmap_model_new_for_window (NULL, series, wick_market_get_open_interest (market),
                                              wick_market_get_liquidations (market), first, end,
                                              &first_column, &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  g_assert_cmpuint (first_column, ==, expected_first_column);
  g_assert_cmpuint (wick_heatmap_model_get_n_columns (window), ==, first_column + end - first);

  spec.first_column = first_column;
  grid = wick_heatmap_new (window, &spec, &error);
  g_assert_no_error (error);
  assert_grids_equal (grid, expected);
}

/* @market's open interest from candle @first on only. */
static void
drop_open_interest_before (WickMarket *market,
                           guint       first)
{
  WickOpenInterest *oi = wick_market_get_open_interest (market);
  const WickOpenInterestPoint *points = wick_open_interest_get_points (oi);
  gint64 from_ms = wick_series_get_candles (wick_market_get_series (market))[first].open_time_ms;
  g_autoptr(WickOpenInterest) later = wick_open_interest_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  guint i = 0;

  while (points[i].time_ms < from_ms || !(points[i].open_usd > 0))
    i++;
  g_assert_true (wick_open_interest_set_points (later, points + i,
                                                wick_open_interest_get_length (oi) - i, &error));
  g_assert_no_error (error);
  g_assert_cmpint (points[i].time_ms, ==, from_ms);
  wick_market_set_open_interest (market, later);
}

static void
test_window (void)
{
  const guint n = 3000;

  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(WickMarket) market = make_random_market (n, seed);

      /* With open interest from the first candle: every candle. */
      check_window (market, 1800, 2400, 1800);

      /* With open interest from candle 1000 on: levels left alive before it, which its falls
       * close in part; or before a window that comes earlier. The first points of the
       * three markets are valid and at the candle's open. */
      drop_open_interest_before (market, 1000);
      check_window (market, 1800, 2400, 801);
      check_window (market, 1000, 1200, 1);
      check_window (market, 400, 2400, 1);
      check_window (market, 0, 300, 0);

      /* Without it: levels left alive before the window, which may end in it or stay. */
      wick_market_set_open_interest (market, NULL);
      check_window (market, 0, n, 0);
      check_window (market, 1, n, 1);
      check_window (market, 1800, 2400, 1);
      check_window (market, n - 40, n, 1);
      check_window (market, n - 1, n, 1);
    }
}

#define add_test(path, func) g_test_add_func ("/wick/heatmap/grid/" path, func)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("incremental", test_incremental);
  add_test ("extend-mismatch", test_extend_mismatch);
  add_test ("copy-and-threads", test_copy_and_threads);
  add_test ("bad-spec", test_bad_spec);
  add_test ("filters", test_filters);
  add_test ("spec", test_grid_spec);
  add_test ("sample", test_sample);
  add_test ("real-data", test_real_data);
  add_test ("window", test_window);

  return g_test_run ();
}
