/* bench-render.c: frame times of the chart renderer
 *
 * Prints the median of many full 1920×1080 static frames (what the window caches and an export
 * draws) for the bundled sample and for 1,000 to 1,000,000 synthetic hourly candles, all in
 * view: candles alone, then with the liquidation heatmap, five price lines, the signals and
 * zones, and everything at once. The pyramid, the analysis and the heatmap picture are built
 * once, outside the frames, as the widget and the exporter build them. Then the redraw of a
 * drag motion (the overlay only: the line being dragged, crosshair and legend) over the
 * sample's first view and over a million candles, and the pyramid's build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-utils.h"
#include "wick-export.h"
#include "wick-heatmap-view.h"
#include "wick-lod.h"
#include "wick-render.h"
#include "wick-sample-source.h"

#include <glib/gstdio.h>

#define WIDTH      1920
#define HEIGHT     1080
/* 2026-01-03 12:00 to 2026-01-08 12:00 UTC: the sample's first view */
#define FIRST_VIEW_FROM_MS G_GINT64_CONSTANT (1767441600000)
#define FIRST_VIEW_TO_MS   G_GINT64_CONSTANT (1767873600000)

static int n_frames = 30;
static char *output_dir = NULL;
static char *sizes = NULL;

static GOptionEntry entries[] = {
  { "frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames per case (at least 5)", "N" },
  { "sizes", 's', 0, G_OPTION_ARG_STRING, &sizes,
    "Synthetic series to draw, comma-separated (default 1000,10000,100000,1000000)", "N,…" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Also write each case as a PNG here",
    "DIR" },
  { NULL }
};

typedef enum
{
  PART_STATIC,
  PART_OVERLAY,
} Part;

/* What a market's frames are drawn with, built once. */
typedef struct
{
  char             *name;      /* Owned */
  WickMarket       *market;    /* Owned */
  WickLod          *lod;       /* Owned */
  WickSignals      *signals;   /* Owned */
  WickLevelStore   *levels;    /* Owned */
  WickHeatmapImage *heatmap;   /* Owned */
  WickViewport     *viewport;  /* Owned */
} Subject;

static void
subject_free (Subject *subject)
{
  g_free (subject->name);
  g_clear_object (&subject->market);
  g_clear_pointer (&subject->lod, wick_lod_free);
  g_clear_pointer (&subject->signals, wick_signals_unref);
  g_clear_object (&subject->levels);
  g_clear_object (&subject->heatmap);
  g_clear_object (&subject->viewport);
  g_free (subject);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Subject, subject_free)

static void
write_png (const char      *name,
           const WickScene *scene,
           WickViewport    *viewport)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (output_dir == NULL)
    return;

  file = g_strdup_printf ("%s.png", name);
  g_strdelimit (file, " ,:+()×~", '-');
  path = g_build_filename (output_dir, file, NULL);
  if (!wick_export (scene, viewport, WICK_EXPORT_FORMAT_PNG, WIDTH, HEIGHT, 1, path, &error))
    g_printerr ("%s\n", error->message);
}

/* Median time of a frame's static part or overlay on a 1920×1080 ARGB32 surface. With a line
 * being dragged in @scene, each frame moves its preview a little, as a drag motion does. */
static double
bench_frames (const char   *name,
              WickScene    *scene,
              WickViewport *viewport,
              Part          part)
{
  double drag_price = scene->drag_price;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *samples = g_new (double, n_frames);
  double result;

  for (int i = -3; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double start;

      if (scene->drag_level_id != 0)
        scene->drag_price = drag_price * (1 + (i % 10) * 1e-4);

      start = bench_now_ms ();
      if (part == PART_OVERLAY)
        wick_render_overlay (cr, scene, viewport);
      else
        wick_render_static (cr, scene, viewport);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      /* The first few frames warm up fontconfig and the caches. */
      if (i >= 0)
        samples[i] = bench_now_ms () - start;
    }

  cairo_surface_destroy (surface);
  scene->drag_price = drag_price;
  result = bench_print_row (name, samples, n_frames);
  write_png (name, scene, viewport);

  return result;
}

/* Five price lines spread over the visible prices, one labelled, one locked, one coloured. */
static WickLevelStore *
make_levels (WickViewport *viewport)
{
  WickLevelStore *store = wick_level_store_new ();
  guint32 ids[5];
  double low, high;

  wick_viewport_get_price_range (viewport, &low, &high);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = wick_level_store_add (store, low + (high - low) * (i + 1) / 6.0,
                                   i == 1 ? "Support" : NULL, WICK_LEVEL_ORIGIN_USER, NULL);
  wick_level_store_set_locked (store, ids[3], TRUE, NULL);
  wick_level_store_set_color (store, ids[4], TRUE, 0xffd600ff, NULL);

  return store;
}

/* Everything the frames of @market draw, for the view of @from_ms..@to_ms (all of it when
 * both are 0). */
static Subject *
subject_new (const char *name,
             WickMarket *market,
             gint64      from_ms,
             gint64      to_ms)
{
  g_autoptr(Subject) subject = g_new0 (Subject, 1);
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(GError) error = NULL;
  WickSeries *series = wick_market_get_series (market);
  WickHeatmapOptions options;

  subject->name = g_strdup (name);
  subject->market = g_object_ref (market);
  subject->lod = wick_lod_new (series);
  subject->viewport = wick_viewport_new ();
  wick_viewport_set_size (subject->viewport, WIDTH, HEIGHT);
  if (from_ms == 0 && to_ms == 0)
    wick_viewport_fit_all (subject->viewport, series);
  else
    wick_viewport_show_range (subject->viewport, series, from_ms, to_ms);

  if (!(subject->signals = wick_signals_analyze (snapshot, NULL, NULL, &error)))
    g_error ("%s", error->message);
  subject->levels = make_levels (subject->viewport);

  wick_heatmap_options_init (&options);
  if (!(subject->heatmap = wick_heatmap_view_build (market, subject->viewport, &options, &error)))
    g_error ("%s", error->message);

  return g_steal_pointer (&subject);
}

typedef enum
{
  SHOW_HEATMAP = 1 << 0,
  SHOW_LEVELS  = 1 << 1,
  SHOW_SIGNALS = 1 << 2,  /* and the zones */
  SHOW_ALL     = SHOW_HEATMAP | SHOW_LEVELS | SHOW_SIGNALS,
} Show;

static void
scene_for (WickScene     *scene,
           const Subject *subject,
           Show           show)
{
  wick_scene_init (scene, subject->market, wick_palette_get (FALSE));
  scene->lod = subject->lod;
  if (show & SHOW_HEATMAP)
    {
      scene->heatmap = subject->heatmap;
      scene->show_heatmap = TRUE;
    }
  if (show & SHOW_LEVELS)
    scene->levels = subject->levels;
  if (show & SHOW_SIGNALS)
    {
      scene->signals = subject->signals;
      scene->zones = wick_signals_get_zones (subject->signals);
    }
}

static void
bench_subject (const Subject *subject)
{
  static const struct
  {
    const char *label;
    Show        show;
  } cases[] = {
    { "candles only", 0 },
    { "+ heatmap", SHOW_HEATMAP },
    { "+ 5 lines", SHOW_LEVELS },
    { "+ signals and zones", SHOW_SIGNALS },
    { "everything", SHOW_ALL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s: %s", subject->name, cases[i].label);
      WickScene scene;

      scene_for (&scene, subject, cases[i].show);
      bench_frames (name, &scene, subject->viewport, PART_STATIC);
    }
}

/* A drag of the third of the five lines: at each motion the widget redraws the overlay only,
 * the static part (with the other lines) only when the drag starts and ends. */
static void
bench_drag (const Subject *subject)
{
  g_autofree char *name = g_strdup_printf ("%s: drag motion (overlay only)", subject->name);
  WickScene scene;

  scene_for (&scene, subject, SHOW_ALL);
  scene.selected_level_id = wick_level_store_get_level (subject->levels, 2)->id;
  scene.drag_level_id = scene.selected_level_id;
  scene.drag_price = wick_level_store_get_level (subject->levels, 2)->price;
  scene.has_crosshair = TRUE;
  scene.crosshair_x = WIDTH / 2.0;
  scene.crosshair_y = HEIGHT / 2.0;
  bench_frames (name, &scene, subject->viewport, PART_OVERLAY);
}

static void
bench_pyramid (WickMarket *market,
               const char *label)
{
  g_autofree double *samples = g_new (double, 5);
  g_autofree char *name = g_strdup_printf ("%s: pyramid build (once)", label);

  for (int i = 0; i < 5; i++)
    {
      double start = bench_now_ms ();
      g_autoptr(WickLod) lod = wick_lod_new (wick_market_get_series (market));

      samples[i] = bench_now_ms () - start;
    }
  bench_print_row (name, samples, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the chart renderer");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) sample = NULL;
  g_auto(GStrv) counts = NULL;
  g_autofree char *title = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_frames = MAX (n_frames, 5);
  counts = g_strsplit (sizes != NULL ? sizes : "1000,10000,100000,1000000", ",", -1);

  source = wick_sample_source_new ();
  sample = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  if (sample == NULL)
    {
      g_printerr ("Could not load the sample: %s\n", error->message);
      return 1;
    }

  title = g_strdup_printf ("Wick renderer: static frames, %d×%d, %d frames per case "
                           "(milliseconds)", WIDTH, HEIGHT, n_frames);
  bench_print_header (title);

  /* The window's first view of the sample, 120 candles, and then all of it. */
  {
    g_autoptr(Subject) first = subject_new ("sample, first view (120)", sample,
                                            FIRST_VIEW_FROM_MS, FIRST_VIEW_TO_MS);
    g_autofree char *all_name = g_strdup_printf ("sample, all %u",
                                                 wick_series_get_length (wick_market_get_series (sample)));
    g_autoptr(Subject) all = subject_new (all_name, sample, 0, 0);

    bench_subject (first);
    bench_drag (first);
    bench_subject (all);
  }

  for (guint k = 0; counts[k] != NULL; k++)
    {
      guint n = (guint) g_ascii_strtoull (counts[k], NULL, 10);
      g_autoptr(WickMarket) market = NULL;
      g_autoptr(Subject) subject = NULL;
      g_autofree char *name = NULL;

      if (n < 2)
        continue;

      market = bench_make_market (n);
      name = g_strdup_printf ("%u synthetic, all", n);
      subject = subject_new (name, market, 0, 0);
      bench_subject (subject);
      if (counts[k + 1] == NULL)
        {
          bench_drag (subject);
          bench_pyramid (market, name);
        }
    }

  return 0;
}
