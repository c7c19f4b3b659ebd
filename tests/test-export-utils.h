/* test-export-utils.h: a small market, its scene and the files it is exported to, for the
 * export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "wick-export-options.h"
#include "wick-render.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0      G_GINT64_CONSTANT (1767225600000)
#define TITLE   "BTCUSDT · 1h · Test data (synthetic)"
#define FIRST   50   /* the candles in view: FIRST to LAST - 1 */
#define LAST    170

typedef struct
{
  char           *dir;
  WickSeries     *series;
  WickMarket     *market;
  WickLod        *lod;
  WickLevelStore *levels;
  WickViewport   *viewport;
  WickScene       scene;
} Fixture;

static inline WickSeries *
make_series (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  double price = 92000;

  for (guint i = 0; i < n; i++)
    {
      double close = price * (1 + g_rand_double_range (rand, -0.005, 0.005));

      candles[i].open_time_ms = T0 + (gint64) i * HOUR_MS;
      candles[i].open = price;
      candles[i].close = close;
      candles[i].high = MAX (price, close) * 1.002;
      candles[i].low = MIN (price, close) * 0.998;
      candles[i].volume = g_rand_double_range (rand, 10, 500);
      price = close;
    }

  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const WickCandle *middle;

  fixture->dir = g_dir_make_tmp ("wick-test-export-options-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->series = make_series (200);
  fixture->market = wick_market_new ("test", "BTCUSDT", "1h", fixture->series);
  wick_market_set_source_label (fixture->market, "Test data (synthetic)");
  fixture->lod = wick_lod_new (fixture->series);

  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport, 800, 600);
  wick_viewport_show_range (fixture->viewport, fixture->series, T0 + FIRST * HOUR_MS,
                            T0 + LAST * HOUR_MS);

  /* One price line through the middle of the view. */
  middle = &wick_series_get_candles (fixture->series)[(FIRST + LAST) / 2];
  fixture->levels = wick_level_store_new ();
  wick_level_store_add (fixture->levels, middle->close, "Test line", WICK_LEVEL_ORIGIN_USER,
                        &error);
  g_assert_no_error (error);

  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
  fixture->scene.lod = fixture->lod;
  fixture->scene.levels = fixture->levels;
  fixture->scene.show_title_block = TRUE;
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);

  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->levels);
  g_clear_pointer (&fixture->lod, wick_lod_free);
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
}

/* Exports the fixture's scene with @options applied, as the window and the command line do. */
static inline char *
export_with (Fixture                 *fixture,
             const char              *name,
             const WickExportOptions *options)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  WickScene scene = fixture->scene;

  wick_export_options_apply (options, &scene);
  g_assert_true (wick_export (&scene, fixture->viewport, options->format, options->width,
                              options->height, options->scale, path, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static inline cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);

  return image;
}

static inline guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Pixels that differ between two pictures of the same size, within a rectangle. */
static inline guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  const guchar *a_data = cairo_image_surface_get_data (a);
  const guchar *b_data = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        guint32 pa = *(const guint32 *) (gconstpointer) (a_data + (gsize) y * stride + 4 * x);
        guint32 pb = *(const guint32 *) (gconstpointer) (b_data + (gsize) y * stride + 4 * x);

        n += (pa & 0xffffff) != (pb & 0xffffff);
      }

  return n;
}
