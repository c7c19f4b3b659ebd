/* bench-render.c: frame and export times of the chart renderer
 *
 * Prints the median of many full 1920×1080 frames for the bundled sample (about 120 candles
 * in view, then all 1,700) and for a million synthetic candles through the pyramid, the
 * static part and the drag-motion overlay with five price lines, the same frames with the
 * liquidation heatmap behind the candles (built once, outside the frames, as the widget and
 * the exporter do) and the time of a whole PNG export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-export.h"
#include "wick-heatmap-view.h"
#include "wick-lod.h"
#include "wick-render.h"
#include "wick-sample-source.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>

#define WIDTH      1920
#define HEIGHT     1080
#define MINUTE_MS  G_GINT64_CONSTANT (60000)
/* 2026-01-03 12:00 to 2026-01-08 12:00 UTC */
#define FIRST_VIEW_FROM_MS G_GINT64_CONSTANT (1767441600000)
#define FIRST_VIEW_TO_MS   G_GINT64_CONSTANT (1767873600000)

static int n_frames = 50;
static char *output_dir = NULL;

static GOptionEntry entries[] = {
  { "frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames per case (at least 20)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Also write each case as a PNG here",
    "DIR" },
  { NULL }
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_row (const char *name,
           double     *samples,
           guint       n)
{
  double best = G_MAXDOUBLE;
  guint i;

  for (i = 0; i < n; i++)
    best = MIN (best, samples[i]);

  printf ("| %-44s | %9.2f | %9.2f | %5u |\n", name, median (samples, n), best, n);
}

static void
write_png (const char      *name,
           const WickScene *scene,
           WickViewport    *viewport)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (output_dir == NULL)
    return;

  path = g_build_filename (output_dir, name, NULL);
  if (!wick_export (scene, viewport, WICK_EXPORT_FORMAT_PNG, WIDTH, HEIGHT, 1, path, &error))
    g_printerr ("%s\n", error->message);
}

typedef enum
{
  PART_ALL,
  PART_STATIC,
  PART_OVERLAY,
} Part;

/* Median time of a frame (static + overlay, or one of them) on a 1920×1080 ARGB32 surface.
 * With a line being dragged in @scene, each frame moves its preview a little, as a drag
 * motion does. */
static double
bench_frames (const char   *name,
              WickScene    *scene,
              WickViewport *viewport,
              Part          part)
{
  double result;
  double drag_price = scene->drag_price;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *samples = g_new (double, n_frames);
  int i;

  for (i = -3; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double start;

      if (scene->drag_level_id != 0)
        scene->drag_price = drag_price + (i % 10) * 10;

      start = now_ms ();
      if (part == PART_OVERLAY)
        wick_render_overlay (cr, scene, viewport);
      else if (part == PART_STATIC)
        wick_render_static (cr, scene, viewport);
      else
        wick_render (cr, scene, viewport);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      /* The first few frames warm up fontconfig and the caches. */
      if (i >= 0)
        samples[i] = now_ms () - start;
    }

  cairo_surface_destroy (surface);
  scene->drag_price = drag_price;
  print_row (name, samples, n_frames);
  result = median (samples, n_frames);

  return result;
}

/* The heatmap of @market for the view, built once; then the frames with it, and what it adds
 * to the median frame without it (@frame_without). */
static WickHeatmapImage *
bench_heatmap (const char   *name,
               WickMarket   *market,
               WickScene    *scene,
               WickViewport *viewport,
               double        frame_without)
{
  g_autoptr(WickHeatmapImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *build_name = g_strdup_printf ("  %s: heatmap build (once)", name);
  g_autofree char *frame_name = g_strdup_printf ("  %s: frame with the heatmap", name);
  WickHeatmapOptions options;
  double build[1];
  double start;
  double with;

  wick_heatmap_options_init (&options);
  start = now_ms ();
  image = wick_heatmap_view_build (market, viewport, &options, &error);
  build[0] = now_ms () - start;
  if (image == NULL)
    g_error ("%s", error->message);
  print_row (build_name, build, 1);

  scene->heatmap = image;
  scene->show_heatmap = TRUE;
  with = bench_frames (frame_name, scene, viewport, PART_ALL);
  printf ("| %-44s | %9.2f | %9s | %5s |\n", "    added by the heatmap", with - frame_without,
          "", "");

  return g_steal_pointer (&image);
}

/* Five price lines where a trader would draw them on the sample, one of them labelled, one
 * locked, one pinned to a colour. */
static WickLevelStore *
make_levels (void)
{
  static const double prices[] = { 91540, 92000, 93000, 94400, 95000 };
  WickLevelStore *store = wick_level_store_new ();
  guint32 ids[G_N_ELEMENTS (prices)];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (prices); i++)
    ids[i] = wick_level_store_add (store, prices[i], i == 1 ? "Support 92k" : NULL,
                                   WICK_LEVEL_ORIGIN_USER, NULL);
  wick_level_store_set_locked (store, ids[3], TRUE, NULL);
  wick_level_store_set_color (store, ids[4], TRUE, 0xffd600ff, NULL);

  return store;
}

static void
bench_export (const char      *name,
              const WickScene *scene,
              WickViewport    *viewport,
              const char      *directory)
{
  g_autofree double *samples = g_new (double, n_frames);
  g_autofree double *cairo_samples = g_new (double, n_frames);
  g_autofree char *path = g_build_filename (directory, "bench.png", NULL);
  g_autofree char *cairo_path = g_build_filename (directory, "bench-cairo.png", NULL);
  double frame;
  int i;

  for (i = -1; i < n_frames; i++)
    {
      g_autoptr(GError) error = NULL;
      double start = now_ms ();

      if (!wick_export (scene, viewport, WICK_EXPORT_FORMAT_PNG, WIDTH, HEIGHT, 1, path, &error))
        g_error ("%s", error->message);
      if (i >= 0)
        samples[i] = now_ms () - start;
    }
  print_row (name, samples, n_frames);

  /* The frame alone on the same kind of surface: the rest is encoding and writing. */
  for (i = -1; i < n_frames; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      double start = now_ms ();

      wick_render (cr, scene, viewport);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (i >= 0)
        cairo_samples[i] = now_ms () - start;
      cairo_surface_destroy (surface);
    }
  frame = median (cairo_samples, n_frames);
  for (i = 0; i < n_frames; i++)
    cairo_samples[i] = samples[i] - frame;
  print_row ("  of which PNG encode + write (libpng)", cairo_samples, n_frames);

  /* For comparison: the same frame written by cairo_surface_write_to_png(). */
  for (i = -1; i < n_frames; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      double start = now_ms ();

      wick_render (cr, scene, viewport);
      cairo_destroy (cr);
      cairo_surface_write_to_png (surface, cairo_path);
      if (i >= 0)
        cairo_samples[i] = now_ms () - start;
      cairo_surface_destroy (surface);
    }
  print_row ("  same with cairo_surface_write_to_png", cairo_samples, n_frames);

  g_unlink (path);
  g_unlink (cairo_path);
}

static WickMarket *
make_million (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (MINUTE_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(GError) error = NULL;
  WickMarket *market;
  double price = 30000;
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1 + g_rand_double_range (rand, -0.002, 0.002001));

      c->open_time_ms = G_GINT64_CONSTANT (1704067200000) + (gint64) i * MINUTE_MS;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.001));
      c->low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.001));
      c->volume = g_rand_double_range (rand, 1, 50);
      price = close;
    }

  if (!wick_series_append (series, candles, n, &error))
    g_error ("%s", error->message);

  market = wick_market_new ("synthetic", "BTCUSDT", "1m", series);
  wick_market_set_source_label (market, "Benchmark data (synthetic)");
  wick_market_set_is_synthetic (market, TRUE);

  return market;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the chart renderer");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) sample = NULL;
  g_autoptr(WickMarket) million = NULL;
  g_autoptr(WickLod) sample_lod = NULL;
  g_autoptr(WickLod) million_lod = NULL;
  g_autoptr(WickViewport) viewport = NULL;
  g_autoptr(WickLevelStore) levels = NULL;
  g_autoptr(WickHeatmapImage) sample_heatmap = NULL;
  g_autoptr(WickHeatmapImage) million_heatmap = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree double *lod_samples = NULL;
  WickSeries *series;
  WickScene scene;
  guint million_n = 1000000;
  double frame;
  int i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_frames = MAX (n_frames, 20);

  source = wick_sample_source_new ();
  sample = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  if (sample == NULL)
    {
      g_printerr ("Could not load the sample: %s\n", error->message);
      return 1;
    }
  series = wick_market_get_series (sample);
  sample_lod = wick_lod_new (series);

  temp_dir = g_dir_make_tmp ("wick-bench-XXXXXX", &error);
  if (temp_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("Wick renderer, %d×%d, %d frames per case (milliseconds)\n\n", WIDTH, HEIGHT, n_frames);
  printf ("| %-44s | %9s | %9s | %5s |\n", "case", "median", "best", "runs");
  printf ("|%s|%s|%s|%s|\n", "----------------------------------------------", "-----------",
          "-----------", "-------");

  viewport = wick_viewport_new ();
  wick_viewport_set_size (viewport, WIDTH, HEIGHT);
  wick_scene_init (&scene, sample, wick_palette_get (FALSE));
  scene.lod = sample_lod;

  /* (a) The first view: 5 days centred on 5–6 Jan 2026, 120 hourly candles. */
  wick_viewport_show_range (viewport, series, FIRST_VIEW_FROM_MS, FIRST_VIEW_TO_MS);
  frame = bench_frames ("sample, ~120 candles in view", &scene, viewport, PART_ALL);
  write_png ("sample-120.png", &scene, viewport);

  sample_heatmap = bench_heatmap ("sample", sample, &scene, viewport, frame);
  write_png ("sample-120-heatmap.png", &scene, viewport);
  scene.heatmap = NULL;
  scene.show_heatmap = FALSE;

  scene.has_crosshair = TRUE;
  scene.crosshair_x = WIDTH / 2.0;
  scene.crosshair_y = HEIGHT / 2.0;
  bench_frames ("  overlay only (crosshair + legend)", &scene, viewport, PART_OVERLAY);

  /* Dragging one of five lines: the widget redraws only the overlay at each motion; the
   * static part (the other four lines with it) only when the drag starts and ends. */
  levels = make_levels ();
  scene.levels = levels;
  scene.selected_level_id = wick_level_store_get_level (levels, 2)->id;
  scene.drag_level_id = scene.selected_level_id;
  scene.drag_price = 93100;
  bench_frames ("5 lines, one dragged: static part", &scene, viewport, PART_STATIC);
  bench_frames ("  drag motion: overlay only", &scene, viewport, PART_OVERLAY);
  write_png ("sample-120-lines.png", &scene, viewport);
  scene.levels = NULL;
  scene.selected_level_id = 0;
  scene.drag_level_id = 0;
  scene.has_crosshair = FALSE;

  scene.palette = wick_palette_get (TRUE);
  bench_frames ("sample, ~120 in view, dark", &scene, viewport, PART_ALL);
  write_png ("sample-120-dark.png", &scene, viewport);
  scene.palette = wick_palette_get (FALSE);

  /* (b) Everything. */
  wick_viewport_fit_all (viewport, series);
  bench_frames ("sample, all 1,700 candles in view", &scene, viewport, PART_ALL);
  write_png ("sample-all.png", &scene, viewport);

  /* (c) A million candles: the pyramid is built once, outside the frames. */
  if (g_getenv ("WICK_BENCH_CANDLES") != NULL)
    million_n = (guint) g_ascii_strtoull (g_getenv ("WICK_BENCH_CANDLES"), NULL, 10);
  million = make_million (million_n);
  lod_samples = g_new (double, 5);
  for (i = 0; i < 5; i++)
    {
      double start = now_ms ();

      g_clear_pointer (&million_lod, wick_lod_free);
      million_lod = wick_lod_new (wick_market_get_series (million));
      lod_samples[i] = now_ms () - start;
    }
  print_row ("1,000,000 candles: pyramid build (once)", lod_samples, 5);
  for (i = 0; i < 5; i++)
    {
      double start = now_ms ();

      wick_lod_update (million_lod);
      lod_samples[i] = now_ms () - start;
    }
  print_row ("  full update after a change", lod_samples, 5);
  for (i = 0; i < 5; i++)
    {
      double start = now_ms ();

      wick_lod_update_from (million_lod, million_n - 1);
      lod_samples[i] = now_ms () - start;
    }
  print_row ("  update of the last candle only", lod_samples, 5);

  wick_scene_init (&scene, million, wick_palette_get (FALSE));
  scene.lod = million_lod;
  wick_viewport_fit_all (viewport, wick_market_get_series (million));
  frame = bench_frames ("1,000,000 candles, all in view", &scene, viewport, PART_ALL);
  write_png ("million.png", &scene, viewport);

  /* The grid holds the latest WICK_HEATMAP_VIEW_MAX_COLUMNS candles in view. */
  million_heatmap = bench_heatmap ("1,000,000", million, &scene, viewport, frame);
  write_png ("million-heatmap.png", &scene, viewport);
  g_clear_object (&million_heatmap);

  /* Its last day, 1,440 candles, where the grid covers the whole plot. */
  scene.heatmap = NULL;
  scene.show_heatmap = FALSE;
  {
    const WickCandle *last = wick_series_get_last (wick_market_get_series (million));

    wick_viewport_show_range (viewport, wick_market_get_series (million),
                              last->open_time_ms - 1439 * MINUTE_MS, last->open_time_ms + MINUTE_MS);
  }
  frame = bench_frames ("1,000,000 candles, the last 1,440 in view", &scene, viewport, PART_ALL);
  million_heatmap = bench_heatmap ("last 1,440", million, &scene, viewport, frame);
  write_png ("million-day-heatmap.png", &scene, viewport);

  /* The PNG export of the first view: render, encode (libpng, fast settings), write, rename. */
  wick_scene_init (&scene, sample, wick_palette_get (FALSE));
  scene.lod = sample_lod;
  scene.show_title_block = TRUE;
  wick_viewport_show_range (viewport, series, FIRST_VIEW_FROM_MS, FIRST_VIEW_TO_MS);
  bench_export ("export PNG, first view (render+encode+write)", &scene, viewport, temp_dir);
  write_png ("export-titled.png", &scene, viewport);

  g_rmdir (temp_dir);

  return 0;
}
