/* bench-heatmap-window.c: the window's heatmap builds, on 20,000 and a million candles
 *
 * Times what the window does when a market is shown with its heatmap: copy the market's data
 * (on the main thread), run the models (wick_heatmap_view_build_models()) and bin and colour
 * the grid of the view (on a worker thread); the models alone; and a live tick of the forming
 * candle, which the window takes in every few seconds (wick_heatmap_view_extend_models()).
 * 20,000 real hourly candles with their open interest
 * and liquidations (from WICK_SHARED_DATA, else synthetic ones without), and a million
 * synthetic ones; the view shows the last 500 candles, or every candle.
 *
 * Each row gives the median and best wall time and the median CPU time (user + system of the
 * process) in milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-real-market.h"
#include "bench-utils.h"
#include "wick-heatmap-view.h"

#include <time.h>

#define N_REAL 20000

static int n_runs = 15;
static int n_million = 1000000;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per case (at least 3)", "N" },
  { "candles", 'c', 0, G_OPTION_ARG_INT, &n_million, "Candles of the large case", "N" },
  { NULL }
};

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct
{
  double *wall;
  double *cpu;
  int     n;
} Samples;

static void
samples_init (Samples *s,
              int      n)
{
  s->wall = g_new0 (double, n);
  s->cpu = g_new0 (double, n);
  s->n = n;
}

static void
samples_clear (Samples *s)
{
  g_clear_pointer (&s->wall, g_free);
  g_clear_pointer (&s->cpu, g_free);
}

static void
print_header (const char *title)
{
  printf ("%s\n\n", title);
  printf ("| %-52s | %9s | %9s | %5s | %9s |\n", "case", "median", "best", "runs", "CPU");
  printf ("|------------------------------------------------------|-----------|-----------|"
          "-------|-----------|\n");
}

/* A row: median and best wall time, and median CPU time. */
static void
print_row (const char *name,
           Samples    *s)
{
  double wall = bench_median (s->wall, s->n);
  double cpu = bench_median (s->cpu, s->n);

  printf ("| %s%*s | %9.3f | %9.3f | %5d | %9.3f |\n", name,
          MAX (0, 52 - (int) g_utf8_strlen (name, -1)), "", wall, s->wall[0], s->n, cpu);
  fflush (stdout);
}

/* The view of the last @n_visible candles over their prices. */
static WickViewport *
make_viewport (WickSeries *series,
               guint       n_visible)
{
  WickViewport *viewport = wick_viewport_new ();
  guint n = wick_series_get_length (series);
  guint first = n - MIN (n, n_visible);
  gint64 interval_ms = wick_series_get_interval_ms (series);
  const WickCandle *candles = wick_series_get_candles (series);
  double low, high;

  wick_series_get_price_range (series, first, n, &low, &high);
  wick_viewport_set_size (viewport, 1920, 1080);
  wick_viewport_set_time_range (viewport, candles[first].open_time_ms,
                                candles[n - 1].open_time_ms + interval_ms);
  wick_viewport_set_price_range (viewport, low, high);

  return viewport;
}

/* The copies of the market's data a build starts from: every candle, or @first on. */
static void
copy_market (WickMarket        *market,
             guint              first,
             WickSeries       **series,
             WickOpenInterest **oi,
             WickLiquidations **liquidations)
{
  WickSeries *all = wick_market_get_series (market);
  WickOpenInterest *market_oi = wick_market_get_open_interest (market);
  WickLiquidations *market_liquidations = wick_market_get_liquidations (market);
  g_autoptr(GError) error = NULL;

  if (first == 0)
    {
      *series = wick_series_copy (all);
    }
  else
    {
      *series = wick_series_new (wick_series_get_interval_ms (all));
      if (!wick_series_append (*series, wick_series_get_candles (all) + first,
                               wick_series_get_length (all) - first, &error))
        g_error ("%s", error->message);
    }

  *oi = NULL;
  if (market_oi != NULL)
    {
      *oi = wick_open_interest_new (wick_open_interest_get_interval_ms (market_oi));
      wick_open_interest_set_points (*oi, wick_open_interest_get_points (market_oi),
                                     wick_open_interest_get_length (market_oi), NULL);
    }

  *liquidations = NULL;
  if (market_liquidations != NULL)
    {
      *liquidations = wick_liquidations_new (wick_liquidations_get_bucket_ms (market_liquidations));
      wick_liquidations_set_buckets (*liquidations,
                                     wick_liquidations_get_buckets (market_liquidations),
                                     wick_liquidations_get_length (market_liquidations), NULL);
    }
}

static WickHeatmapImage *
build_image (WickHeatmapModel   *model,
             WickHeatmapGridSpec spec,
             guint               column_offset,
             gint64              interval_ms)
{
  g_autoptr(GError) error = NULL;
  WickHeatmapOptions options;
  WickHeatmapImage *image;

  wick_heatmap_options_init (&options);
  spec.first_column -= column_offset;
  image = wick_heatmap_view_build_image (model, &spec, interval_ms, &options, &error);
  if (image == NULL)
    g_error ("%s", error->message);

  return image;
}

/* What the window runs for a market it shows: the copies, then on the worker the models from
 * a little before the grid of the view on, and the picture of that grid. */
static WickHeatmapImage *
window_build (WickMarket         *market,
              WickViewport       *viewport,
              WickHeatmapModel  **base_out,
              guint              *offset_out,
              double             *model_ms,
              double             *model_cpu_ms)
{
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickOpenInterest) oi = NULL;
  g_autoptr(WickLiquidations) liq = NULL;
  g_autoptr(WickHeatmapModel) base = NULL;
  g_autoptr(WickHeatmapModel) model = NULL;
  g_autoptr(GError) error = NULL;
  WickHeatmapOptions options;
  WickHeatmapGridSpec spec;
  double start, start_cpu;
  guint offset;

  copy_market (market, 0, &series, &oi, &liq);
  wick_heatmap_options_init (&options);
  wick_heatmap_view_get_spec (viewport, series, &options, &spec);

  start = bench_now_ms ();
  start_cpu = cpu_ms ();
  if (!wick_heatmap_view_build_models (series, oi, liq, wick_heatmap_view_get_model_first (&spec),
                                       &base, &model, &offset, &error))
    g_error ("%s", error->message);
  *model_ms = bench_now_ms () - start;
  *model_cpu_ms = cpu_ms () - start_cpu;

  if (base_out != NULL)
    *base_out = g_steal_pointer (&base);
  if (offset_out != NULL)
    *offset_out = offset;

  return build_image (model, spec, offset, wick_series_get_interval_ms (series));
}

static void
bench_window (const char *label,
              WickMarket *market,
              guint       n_visible)
{
  g_autoptr(WickViewport) viewport = make_viewport (wick_market_get_series (market), n_visible);
  g_autofree char *name = NULL;
  Samples total, model;
  int runs = n_runs;

  samples_init (&total, runs);
  samples_init (&model, runs);

  for (int i = -1; i < runs; i++)
    {
      g_autoptr(WickHeatmapImage) image = NULL;
      double wall = bench_now_ms ();
      double cpu = cpu_ms ();
      double model_ms, model_cpu_ms;

      image = window_build (market, viewport, NULL, NULL, &model_ms, &model_cpu_ms);
      if (i < 0)
        continue;
      total.wall[i] = bench_now_ms () - wall;
      total.cpu[i] = cpu_ms () - cpu;
      model.wall[i] = model_ms;
      model.cpu[i] = model_cpu_ms;
    }

  name = g_strdup_printf ("%s, view of %u: copies + model + grid", label, n_visible);
  print_row (name, &total);
  print_row ("  of which the model", &model);
  samples_clear (&total);
  samples_clear (&model);
}

/* A tick of the forming candle: its high, low, close and volume change, and the window takes
 * it in: copies of the candles since the base, the base copied and extended, and the grid. */
static void
bench_live (const char *label,
            WickMarket *market)
{
  WickSeries *series = wick_market_get_series (market);
  g_autoptr(WickViewport) viewport = make_viewport (series, 500);
  g_autoptr(WickHeatmapModel) base = NULL;
  g_autoptr(WickHeatmapImage) first = NULL;
  g_autofree char *name = NULL;
  guint n = wick_series_get_length (series);
  WickCandle last = wick_series_get_candles (series)[n - 1];
  WickHeatmapOptions options;
  WickHeatmapGridSpec spec;
  Samples samples;
  double model_ms, model_cpu_ms;
  guint offset;

  samples_init (&samples, n_runs);
  first = window_build (market, viewport, &base, &offset, &model_ms, &model_cpu_ms);
  wick_heatmap_options_init (&options);
  wick_heatmap_view_get_spec (viewport, series, &options, &spec);

  for (int i = -1; i < n_runs; i++)
    {
      g_autoptr(WickSeries) tail = NULL;
      g_autoptr(WickOpenInterest) oi = NULL;
      g_autoptr(WickLiquidations) liq = NULL;
      g_autoptr(WickHeatmapModel) new_base = NULL;
      g_autoptr(WickHeatmapModel) model = NULL;
      g_autoptr(WickHeatmapImage) image = NULL;
      g_autoptr(GError) error = NULL;
      WickCandle tick = last;
      double wall, cpu;

      tick.close = last.close * (1 + 0.0005 * ((i & 3) - 1.5));
      tick.high = MAX (last.high, tick.close);
      tick.low = MIN (last.low, tick.close);
      tick.volume = last.volume + i + 2;
      if (!wick_series_upsert_last (series, &tick, &error))
        g_error ("%s", error->message);

      wall = bench_now_ms ();
      cpu = cpu_ms ();
      copy_market (market, n - 2, &tail, &oi, &liq);
      if (!wick_heatmap_view_extend_models (base, tail, oi, liq, &new_base, &model, &error))
        g_error ("%s", error->message);
      image = build_image (model, spec, offset, wick_series_get_interval_ms (series));
      if (i < 0)
        continue;
      samples.wall[i] = bench_now_ms () - wall;
      samples.cpu[i] = cpu_ms () - cpu;
    }

  name = g_strdup_printf ("%s: live tick of the forming candle", label);
  print_row (name, &samples);
  samples_clear (&samples);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the window's heatmap");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) real = NULL;
  g_autoptr(WickMarket) large = NULL;
  const char *real_label = "20k real + OI";

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 3);

  real = bench_load_real_market (N_REAL);
  if (real == NULL)
    {
      real = bench_make_market (N_REAL);
      real_label = "20k synthetic";
    }
  large = bench_make_market (n_million);

  print_header ("Wick heatmap in the window (ms)");
  bench_window (real_label, real, 500);
  bench_window ("1M synthetic", large, 500);
  bench_window ("1M synthetic", large, n_million);
  bench_live (real_label, real);
  bench_live ("1M synthetic", large);

  return 0;
}
