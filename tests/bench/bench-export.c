/* bench-export.c: where the time of a whole-range export goes, stage by stage
 *
 * Runs the stages `wick --export` runs for a CSV of N candles shown whole, in one process, and
 * prints the median of each: reading and parsing the file, the min/max pyramid, the analysis
 * (indicators, patterns, zones and signals), the heatmap as an export builds it, the
 * render of the frame, and the PNG encode and write. The CSV is written once into a temporary
 * folder (or read from --csv), with the candles bench.sh generates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv-source.h"
#include "wick-export.h"
#include "wick-heatmap-view.h"
#include "wick-lod.h"
#include "wick-render.h"
#include "wick-signals.h"

#include <glib/gstdio.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define WIDTH     1920
#define HEIGHT    1080
#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define FIRST_MS  G_GINT64_CONSTANT (946684800000)  /* 2000-01-01 00:00 UTC */

enum
{
  STAGE_LOAD,
  STAGE_LOD,
  STAGE_ANALYSIS,
  STAGE_HEATMAP,
  STAGE_RENDER,
  STAGE_PNG,
  STAGE_TOTAL,
  N_STAGES
};

static const char * const stage_names[N_STAGES] = {
  "read + parse the CSV",
  "pyramid (min/max LOD)",
  "analysis for the export (zones, signals)",
  "heatmap (model of the grid's candles, picture)",
  "render 1920×1080",
  "PNG encode + write",
  "total",
};

static int n_runs = 7;
static int n_candles = 1000000;
static char *csv_path = NULL;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs (at least 3)", "N" },
  { "candles", 'c', 0, G_OPTION_ARG_INT, &n_candles, "Synthetic candles (default 1,000,000)", "N" },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Read this CSV instead", "PATH" },
  { NULL }
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_row (const char *name,
           double     *samples,
           guint       n)
{
  double best;

  qsort (samples, n, sizeof *samples, compare_doubles);
  best = samples[0];
  /* printf pads by bytes, the names hold “×”. */
  printf ("| %s%*s | %9.2f | %9.2f | %5u |\n", name,
          MAX (0, 48 - (int) g_utf8_strlen (name, -1)), "",
          n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2, best, n);
}

/* The hourly random walk of build-aux/bench.sh, seeded the same on every run. */
static void
write_csv (const char *path,
           guint       n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(GString) text = g_string_sized_new ((gsize) n * 60 + 64);
  g_autoptr(GError) error = NULL;
  double price = 30000.0;
  guint i;

  g_string_append (text, "open_time_ms,open,high,low,close,volume\n");
  for (i = 0; i < n; i++)
    {
      double close = price * exp (1e-4 * log (30000.0 / price) +
                                  g_rand_double_range (rand, -0.007, 0.007));
      double high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.003));
      double low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.003));

      g_string_append_printf (text, "%" G_GINT64_FORMAT ",%.2f,%.2f,%.2f,%.2f,%.5f\n",
                              FIRST_MS + (gint64) i * HOUR_MS, price, high, low, close,
                              g_rand_double_range (rand, 10, 1000));
      price = close;
    }

  if (!g_file_set_contents (path, text->str, text->len, &error))
    g_error ("%s", error->message);
}

static void
run_once (const char *csv,
          const char *png,
          double     *times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = wick_csv_source_new (csv, NULL, NULL);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickLod) lod = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) signals = NULL;
  g_autoptr(WickHeatmapImage) heatmap = NULL;
  g_autoptr(WickViewport) viewport = NULL;
  g_autoptr(WickViewport) view = NULL;
  WickHeatmapOptions options;
  cairo_surface_t *surface;
  WickSeries *series;
  WickScene scene;
  cairo_t *cr;
  double start, t;

  start = t = now_ms ();
  if (!(market = wick_source_load (source, NULL, NULL, NULL, &error)))
    g_error ("%s", error->message);
  series = wick_market_get_series (market);
  times[STAGE_LOAD] = now_ms () - t;

  t = now_ms ();
  lod = wick_lod_new (series);
  times[STAGE_LOD] = now_ms () - t;

  t = now_ms ();
  snapshot = wick_signals_snapshot_new_sharing (market);
  /* As the command line does: what no rule needs is computed only if drawn, and no
   * explanation is written. */
  signals = wick_signals_analyze_with_flags (snapshot, NULL,
                                             WICK_SIGNALS_ANALYZE_LAZY_EXTRAS |
                                             WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS,
                                             NULL, &error);
  times[STAGE_ANALYSIS] = now_ms () - t;

  viewport = wick_viewport_new ();
  wick_viewport_set_size (viewport, WIDTH, HEIGHT);
  wick_viewport_fit_all (viewport, series);

  t = now_ms ();
  wick_heatmap_options_init (&options);
  if (!(heatmap = wick_heatmap_view_build (market, viewport, &options, &error)))
    g_error ("%s", error->message);
  times[STAGE_HEATMAP] = now_ms () - t;

  wick_scene_init (&scene, market, wick_palette_get (FALSE));
  scene.lod = lod;
  scene.zones = wick_signals_get_zones (signals);
  scene.signals = signals;
  scene.heatmap = heatmap;
  scene.show_heatmap = TRUE;
  scene.show_title_block = TRUE;

  /* The frame as wick_export () draws it, on its own surface... */
  view = wick_viewport_dup (viewport);
  wick_viewport_set_header_height (view, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  wick_viewport_fit_prices (view, series);
  t = now_ms ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  wick_render (cr, &scene, view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  times[STAGE_RENDER] = now_ms () - t;

  /* ...then the whole export; the difference is the encode and the write. */
  t = now_ms ();
  if (!wick_export (&scene, viewport, WICK_EXPORT_FORMAT_PNG, WIDTH, HEIGHT, 1, png, &error))
    g_error ("%s", error->message);
  times[STAGE_PNG] = MAX (now_ms () - t - times[STAGE_RENDER], 0);
  times[STAGE_TOTAL] = now_ms () - start - times[STAGE_RENDER];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the stages of an export");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *png = NULL;
  double *samples[N_STAGES];
  int i, s;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 3);

  if (!(dir = g_dir_make_tmp ("wick-bench-XXXXXX", &error)))
    g_error ("%s", error->message);
  png = g_build_filename (dir, "out.png", NULL);
  if (csv_path != NULL)
    {
      csv = g_strdup (csv_path);
    }
  else
    {
      csv = g_build_filename (dir, "candles.csv", NULL);
      write_csv (csv, n_candles);
    }

  for (s = 0; s < N_STAGES; s++)
    samples[s] = g_new (double, n_runs);

  for (i = -1; i < n_runs; i++)
    {
      double times[N_STAGES];

      run_once (csv, png, times);
      for (s = 0; s < N_STAGES && i >= 0; s++)
        samples[s][i] = times[s];
    }

  printf ("Wick export stages, %s, all in view, %d×%d, %d runs (milliseconds)\n\n",
          csv_path != NULL ? csv_path : "synthetic hourly candles", WIDTH, HEIGHT, n_runs);
  printf ("| %-48s | %9s | %9s | %5s |\n", "stage", "median", "best", "runs");
  printf ("|%s|%s|%s|%s|\n", "--------------------------------------------------",
          "-----------", "-----------", "-------");
  for (s = 0; s < N_STAGES; s++)
    {
      g_autofree char *name = s == STAGE_LOAD && csv_path == NULL
                                ? g_strdup_printf ("%s (%d rows)", stage_names[s], n_candles)
                                : g_strdup (stage_names[s]);

      print_row (name, samples[s], n_runs);
    }

  for (s = 0; s < N_STAGES; s++)
    g_free (samples[s]);
  g_unlink (png);
  if (csv_path == NULL)
    g_unlink (csv);
  g_rmdir (dir);

  return 0;
}
