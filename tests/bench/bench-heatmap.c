/* bench-heatmap.c: build and update times of the liquidation heatmap
 *
 * Prints the median time of: the model and grid for the whole bundled sample; the same for
 * 20,000 real hourly candles with their open interest and liquidations (from
 * WICK_SHARED_DATA, or 20,000 synthetic ones when that is absent) at 400 price buckets; a
 * visible window of 500 columns; appending one candle (model, then grid); and a million
 * candles: the model of all of them, and the model an export builds for its grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-real-market.h"
#include "wick-heatmap.h"
#include "wick-sample-source.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define N_CANDLES 20000
#define N_APPENDS 400


static int n_runs = 30;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per case (at least 5)", "N" },
  { NULL }
};

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* printf pads by bytes; the names hold “×”, “≤” and “µ”. */
static void
print_padded (const char *text,
              int         width)
{
  printf ("%s%*s", text, MAX (0, width - (int) g_utf8_strlen (text, -1)), "");
}

static void
print_row (const char *name,
           double     *samples,
           guint       n,
           const char *unit,
           double      factor,
           const char *target)
{
  double best = G_MAXDOUBLE;
  double median;

  for (guint i = 0; i < n; i++)
    best = MIN (best, samples[i]);
  qsort (samples, n, sizeof *samples, compare_doubles);

  printf ("| ");
  print_padded (name, 50);
  median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  printf (" | %9.3f ", median * factor);
  print_padded (unit, 2);
  printf (" | %9.3f ", best * factor);
  print_padded (unit, 2);
  printf (" | %5u | ", n);
  print_padded (target, 8);
  printf (" |\n");
}

static WickHeatmapModel *
build_model (WickMarket *market,
             guint       end)
{
  g_autoptr(WickHeatmapModel) model = wick_heatmap_model_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (!wick_heatmap_model_append_market (model, wick_market_get_series (market),
                                         wick_market_get_open_interest (market),
                                         wick_market_get_liquidations (market), end, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&model);
}

static WickHeatmap *
build_grid (WickHeatmapModel *model,
            guint             first,
            guint             end)
{
  WickHeatmapGridSpec spec;
  g_autoptr(GError) error = NULL;
  WickHeatmap *grid;
  double low = 1.0, high = 2.0;

  wick_heatmap_model_get_price_range (model, first, end, &low, &high);
  wick_heatmap_grid_spec_init_fixed (&spec, first, end - first, low, high,
                                     (high - low) / (WICK_HEATMAP_DEFAULT_BUCKETS - 1));
  grid = wick_heatmap_new (model, &spec, &error);
  if (grid == NULL)
    g_error ("%s", error->message);

  return grid;
}

/* Model and grid of the whole market, then each alone. */
static void
bench_build (const char *name,
             WickMarket *market,
             const char *target)
{
  guint n = wick_series_get_length (wick_market_get_series (market));
  g_autofree double *total = g_new (double, n_runs);
  g_autofree double *model_only = g_new (double, n_runs);
  g_autofree double *grid_only = g_new (double, n_runs);
  g_autofree char *model_name = g_strdup_printf ("  of which the model (%u candles)", n);
  g_autofree char *grid_name = NULL;
  guint n_buckets = 0;

  for (int i = -2; i < n_runs; i++)
    {
      g_autoptr(WickHeatmapModel) model = NULL;
      g_autoptr(WickHeatmap) grid = NULL;
      double start = now_ms ();
      double middle;

      model = build_model (market, n);
      middle = now_ms ();
      grid = build_grid (model, 0, n);

      if (i >= 0)
        {
          total[i] = now_ms () - start;
          model_only[i] = middle - start;
          grid_only[i] = total[i] - model_only[i];
        }
      n_buckets = wick_heatmap_get_n_buckets (grid);
    }

  grid_name = g_strdup_printf ("  of which the grid (%u × %u cells)", n, n_buckets);
  print_row (name, total, n_runs, "ms", 1.0, target);
  print_row (model_name, model_only, n_runs, "ms", 1.0, "");
  print_row (grid_name, grid_only, n_runs, "ms", 1.0, "");
}

/* A grid of the last 500 columns over their own price range, as a re-bin after a pan. */
static void
bench_window (WickMarket *market)
{
  WickSeries *series = wick_market_get_series (market);
  guint n = wick_series_get_length (series);
  g_autoptr(WickHeatmapModel) model = build_model (market, n);
  g_autofree double *samples = g_new (double, n_runs);
  WickHeatmapGridSpec spec;
  double low, high;

  wick_series_get_price_range (series, n - 500, n, &low, &high);
  wick_heatmap_grid_spec_init_auto (&spec, n - 500, 500, low * 0.97, high * 1.03,
                                    WICK_HEATMAP_DEFAULT_BUCKETS);

  for (int i = -2; i < n_runs; i++)
    {
      double start = now_ms ();
      g_autoptr(WickHeatmap) grid = wick_heatmap_new (model, &spec, NULL);

      if (i >= 0)
        samples[i] = now_ms () - start;
    }

  print_row ("visible window: 500 columns × ~400 buckets", samples, n_runs, "ms", 1.0, "");
}

/* Appending each of the last N_APPENDS candles, one at a time, to the model and its grid. */
static void
bench_append (WickMarket *market)
{
  WickSeries *series = wick_market_get_series (market);
  guint n = wick_series_get_length (series);
  g_autoptr(WickHeatmapModel) model = build_model (market, n - N_APPENDS);
  g_autoptr(WickHeatmap) grid = build_grid (model, 0, n - N_APPENDS);
  g_autofree double *append = g_new (double, N_APPENDS);
  g_autofree double *extend = g_new (double, N_APPENDS);
  g_autofree double *both = g_new (double, N_APPENDS);

  for (guint k = 0; k < N_APPENDS; k++)
    {
      g_autoptr(GError) error = NULL;
      WickHeatmap *longer;
      double start = now_ms ();
      double middle;

      if (!wick_heatmap_model_append_market (model, series, wick_market_get_open_interest (market),
                                             wick_market_get_liquidations (market),
                                             n - N_APPENDS + k + 1, &error))
        g_error ("%s", error->message);
      middle = now_ms ();
      longer = wick_heatmap_extend (grid, model, &error);
      if (longer == NULL)
        g_error ("%s", error->message);

      both[k] = now_ms () - start;
      append[k] = middle - start;
      extend[k] = both[k] - append[k];
      g_object_unref (grid);
      grid = longer;
    }

  print_row ("append one candle: model + grid", both, N_APPENDS, "µs", 1e3, "≤ 50 µs");
  print_row ("  of which the model", append, N_APPENDS, "µs", 1e3, "");
  print_row ("  of which the grid (400 buckets)", extend, N_APPENDS, "µs", 1e3, "");
}

/* A million hourly candles without open interest: the model of all of them (what the window
 * builds once, on a worker thread), a grid of the latest 8,192 (the most a view bins), and the
 * model an export builds for that grid alone (wick_heatmap_model_new_for_window ()). */
static void
bench_million (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autofree double *full = g_new (double, n_runs);
  g_autofree double *grid_only = g_new (double, n_runs);
  g_autofree double *window = g_new (double, n_runs);
  g_autofree char *full_name = NULL;
  g_autofree char *window_name = NULL;
  g_autoptr(GError) error = NULL;
  guint columns = MIN (n, 8192);
  double price = 30000.0;
  int runs = MAX (n_runs / 4, 3);

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1.0 + g_rand_double_range (rand, -0.007, 0.007));

      c->open_time_ms = G_GINT64_CONSTANT (946684800000) + (gint64) i * HOUR_MS;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1.0 + g_rand_double_range (rand, 0.0, 0.003));
      c->low = MIN (price, close) * (1.0 - g_rand_double_range (rand, 0.0, 0.003));
      c->volume = g_rand_double_range (rand, 10.0, 1000.0);
      price = close;
    }
  if (!wick_series_append (series, candles, n, &error))
    g_error ("%s", error->message);

  for (int i = -1; i < runs; i++)
    {
      g_autoptr(WickHeatmapModel) model = wick_heatmap_model_new (NULL, NULL);
      g_autoptr(WickHeatmap) grid = NULL;
      g_autoptr(WickHeatmapModel) part = NULL;
      g_autoptr(WickHeatmap) part_grid = NULL;
      WickHeatmapGridSpec spec;
      guint first_column;
      double start = now_ms (), middle, low = 1, high = 2;

      if (!wick_heatmap_model_append_market (model, series, NULL, NULL, n, &error))
        g_error ("%s", error->message);
      middle = now_ms ();
      wick_heatmap_model_get_price_range (model, n - columns, n, &low, &high);
      wick_heatmap_grid_spec_init_auto (&spec, n - columns, columns, low, high,
                                        WICK_HEATMAP_DEFAULT_BUCKETS);
      grid = wick_heatmap_new (model, &spec, &error);
      if (i >= 0)
        {
          full[i] = middle - start;
          grid_only[i] = now_ms () - middle;
        }

      start = now_ms ();
      part = wick_heatmap_model_new_for_window (NULL, series, NULL, NULL, n - columns, n,
                                                &first_column, &error);
      spec.first_column = first_column;
      part_grid = wick_heatmap_new (part, &spec, &error);
      if (part_grid == NULL)
        g_error ("%s", error->message);
      if (i >= 0)
        window[i] = now_ms () - start;
    }

  full_name = g_strdup_printf ("%u synthetic candles: model of all", n);
  window_name = g_strdup_printf ("  export: model of the last %u + grid", columns);
  print_row (full_name, full, runs, "ms", 1.0, "");
  print_row ("  grid of the last 8192 columns", grid_only, runs, "ms", 1.0, "");
  print_row (window_name, window, runs, "ms", 1.0, "");
}

static WickMarket *
make_synthetic_market (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickOpenInterest) open_interest = wick_open_interest_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, N_CANDLES);
  g_autofree WickOpenInterestPoint *points = g_new (WickOpenInterestPoint, N_CANDLES);
  g_autoptr(GError) error = NULL;
  WickMarket *market;
  double price = 42000.0;
  double oi = 8e9;

  for (guint i = 0; i < N_CANDLES; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1.0 + g_rand_double_range (rand, -0.006, 0.0061));

      c->open_time_ms = G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1.0 + g_rand_double_range (rand, 0.0, 0.003));
      c->low = MIN (price, close) * (1.0 - g_rand_double_range (rand, 0.0, 0.003));
      c->volume = g_rand_double_range (rand, 200.0, 3000.0);
      price = close;

      points[i].time_ms = c->open_time_ms;
      points[i].open_usd = oi;
      oi *= 1.0 + g_rand_double_range (rand, -0.01, 0.0101);
      points[i].close_usd = oi;
    }

  if (!wick_series_append (series, candles, N_CANDLES, &error) ||
      !wick_open_interest_set_points (open_interest, points, N_CANDLES, &error))
    g_error ("%s", error->message);

  market = wick_market_new ("synthetic", "BTCUSDT", "1h", series);
  wick_market_set_open_interest (market, open_interest);
  wick_market_set_is_synthetic (market, TRUE);

  return market;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the liquidation heatmap");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) sample = NULL;
  g_autoptr(WickMarket) large = NULL;
  g_autofree char *large_name = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 5);

  source = wick_sample_source_new ();
  sample = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  if (sample == NULL)
    {
      g_printerr ("Could not load the sample: %s\n", error->message);
      return 1;
    }

  large = bench_load_real_market (N_CANDLES);
  if (large != NULL)
    {
      large_name = g_strdup ("20,000 real candles: model + grid");
    }
  else
    {
      large = make_synthetic_market ();
      large_name = g_strdup ("20,000 synthetic candles: model + grid");
    }

  printf ("Wick liquidation heatmap, %d runs per case (median and best)\n\n", n_runs);
  printf ("| %-50s | %12s | %12s | %5s | %-8s |\n", "case", "median", "best", "runs", "target");
  printf ("|%s|%s|%s|%s|%s|\n", "----------------------------------------------------",
          "--------------", "--------------", "-------", "----------");

  bench_build ("bundled sample, whole period: model + grid", sample, "");
  bench_build (large_name, large, "≤ 20 ms");
  bench_window (large);
  bench_append (large);
  bench_million (g_getenv ("WICK_BENCH_CANDLES") != NULL
                 ? (guint) g_ascii_strtoull (g_getenv ("WICK_BENCH_CANDLES"), NULL, 10)
                 : 1000000);

  return 0;
}
