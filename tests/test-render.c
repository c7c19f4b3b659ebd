/* test-render.c: sample pixels of rendered frames against what the viewport maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-axis.h"
#include "wick-level-store.h"
#include "wick-render.h"

#include <math.h>

#define HOUR_MS    G_GINT64_CONSTANT (3600000)
#define MINUTE_MS  G_GINT64_CONSTANT (60000)
#define T0         G_GINT64_CONSTANT (1767225600000) /* 2026-01-01 00:00 UTC */

typedef struct
{
  WickSeries      *series;
  WickMarket      *market;
  WickViewport    *viewport;
  WickScene        scene;
  cairo_surface_t *surface;
  WickRect         plot;
} Fixture;

/* ---- pixels ---- */

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            double           rgba[4])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  double alpha;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  pixel = *(guint32 *) (data + (gsize) y * stride + 4 * x);
  alpha = (pixel >> 24) / 255.;
  /* Premultiplied: undo it for comparison. */
  rgba[0] = alpha > 0 ? ((pixel >> 16) & 0xff) / 255. / alpha : 0;
  rgba[1] = alpha > 0 ? ((pixel >> 8) & 0xff) / 255. / alpha : 0;
  rgba[2] = alpha > 0 ? (pixel & 0xff) / 255. / alpha : 0;
  rgba[3] = alpha;
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const WickColor *color)
{
  double rgba[4];

  read_pixel (surface, x, y, rgba);
  return fabs (rgba[0] - color->red) < 2.5 / 255 &&
         fabs (rgba[1] - color->green) < 2.5 / 255 &&
         fabs (rgba[2] - color->blue) < 2.5 / 255 &&
         fabs (rgba[3] - color->alpha) < 2.5 / 255;
}

static void
assert_pixel (cairo_surface_t *surface,
              int              x,
              int              y,
              const WickColor *color,
              const char      *what)
{
  if (!pixel_is (surface, x, y, color))
    {
      double rgba[4];

      read_pixel (surface, x, y, rgba);
      g_error ("%s: pixel (%d, %d) is %.3f %.3f %.3f %.3f, expected %.3f %.3f %.3f %.3f",
               what, x, y, rgba[0], rgba[1], rgba[2], rgba[3],
               color->red, color->green, color->blue, color->alpha);
    }
}

/* ---- data ---- */

static WickSeries *
make_random_series (guint   n,
                    gint64  interval,
                    double  volatility,
                    guint32 seed)
{
  g_autoptr(WickSeries) series = wick_series_new (interval);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  double price = 90000;
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1 + g_rand_double_range (rand, -volatility, volatility));

      c->open_time_ms = T0 + (gint64) i * interval;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1 + g_rand_double_range (rand, 0.1, 0.6) * volatility);
      c->low = MIN (price, close) * (1 - g_rand_double_range (rand, 0.1, 0.6) * volatility);
      c->volume = g_rand_double_range (rand, 1, 100);
      price = close;
    }

  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

/* 40 hourly candles: even ones up (100 → 110), odd ones down (110 → 100), all 95 to 115. */
static WickSeries *
make_fixed_series (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  WickCandle candles[40];
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (candles); i++)
    {
      gboolean up = i % 2 == 0;

      candles[i].open_time_ms = T0 + i * HOUR_MS;
      candles[i].open = up ? 100 : 110;
      candles[i].close = up ? 110 : 100;
      candles[i].high = 115;
      candles[i].low = 95;
      candles[i].volume = 10 + i;
    }

  wick_series_append (series, candles, G_N_ELEMENTS (candles), &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

/* One price line of a test store. */
typedef struct
{
  double      price;
  const char *label;
  guint32     color_rgba;   /* 0: automatic */
  gboolean    locked;
} LineSpec;

/* A store holding @specs, with ids 1, 2, 3 … in order. */
static WickLevelStore *
make_store (const LineSpec *specs,
            guint           n)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  g_autofree WickLevel *levels = g_new0 (WickLevel, n);
  g_autofree const WickLevel **pointers = g_new0 (const WickLevel *, n);
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < n; i++)
    {
      levels[i].id = i + 1;
      levels[i].price = specs[i].price;
      levels[i].label = (char *) specs[i].label;
      levels[i].origin = WICK_LEVEL_ORIGIN_USER;
      levels[i].has_color = specs[i].color_rgba != 0;
      levels[i].color_rgba = specs[i].color_rgba;
      levels[i].locked = specs[i].locked;
      pointers[i] = &levels[i];
    }

  g_assert_true (wick_level_store_set_levels (store, pointers, n, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static void
fixture_set_series (Fixture    *fixture,
                    WickSeries *series,
                    const char *interval)
{
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
  fixture->series = series;
  fixture->market = wick_market_new ("test", "BTCUSDT", interval, series);
  wick_market_set_source_label (fixture->market, "Test data (synthetic)");
  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
}

/* A plot of 800 × 600 showing 40 hours and prices 80..130. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_set_series (fixture, make_fixed_series (), "1h");
  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport,
                          800 + WICK_VIEWPORT_AXIS_WIDTH, 600 + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 40 * HOUR_MS);
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);
  wick_viewport_get_plot (fixture->viewport, &fixture->plot);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
  g_clear_object (&fixture->viewport);
}

/* Renders the static part (or everything) onto a fresh ARGB32 surface of the viewport's size
 * times @scale. */
static void
fixture_render (Fixture  *fixture,
                gboolean  with_overlay,
                int       scale)
{
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int height = (int) wick_viewport_get_height (fixture->viewport);
  cairo_t *cr;

  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                 height * scale);
  cr = cairo_create (fixture->surface);
  cairo_scale (cr, scale, scale);
  if (with_overlay)
    wick_render (cr, &fixture->scene, fixture->viewport);
  else
    wick_render_static (cr, &fixture->scene, fixture->viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);
}

static int
candle_centre_x (Fixture *fixture,
                 guint    index)
{
  const WickCandle *c = wick_series_get_candle (fixture->series, index);
  double interval = wick_series_get_interval_ms (fixture->series);

  return (int) floor (wick_viewport_time_to_x (fixture->viewport,
                                               c->open_time_ms + interval / 2));
}

static int
price_y (Fixture *fixture,
         double   price)
{
  return (int) floor (wick_viewport_price_to_y (fixture->viewport, price));
}

/* ---- tests ---- */

static void
test_candle_colours (Fixture       *fixture,
                     gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  guint i;

  fixture_render (fixture, FALSE, 1);

  for (i = 2; i < 38; i++)
    {
      const WickColor *color = i % 2 == 0 ? &palette->up : &palette->down;
      int x = candle_centre_x (fixture, i);

      /* Body middle, body edges, the wick above and below. */
      assert_pixel (fixture->surface, x, price_y (fixture, 105), color, "body");
      assert_pixel (fixture->surface, x - 5, price_y (fixture, 105), color, "body left");
      assert_pixel (fixture->surface, x + 5, price_y (fixture, 105), color, "body right");
      assert_pixel (fixture->surface, x, price_y (fixture, 112.5), color, "upper wick");
      assert_pixel (fixture->surface, x, price_y (fixture, 97.5), color, "lower wick");

      /* Beside the wick, above the body: not the candle. */
      g_assert_false (pixel_is (fixture->surface, x + 4, price_y (fixture, 112.5), color));
      /* Above the high and below the low: not the candle. */
      g_assert_false (pixel_is (fixture->surface, x, price_y (fixture, 116), color));
      g_assert_false (pixel_is (fixture->surface, x, price_y (fixture, 94), color));
    }

  /* The dark palette swaps every colour. */
  fixture->scene.palette = wick_palette_get (TRUE);
  fixture_render (fixture, FALSE, 1);
  assert_pixel (fixture->surface, candle_centre_x (fixture, 4), price_y (fixture, 105),
                &wick_palette_get (TRUE)->up, "dark up");
  assert_pixel (fixture->surface, candle_centre_x (fixture, 5), price_y (fixture, 105),
                &wick_palette_get (TRUE)->down, "dark down");
  assert_pixel (fixture->surface, candle_centre_x (fixture, 35) - 6, price_y (fixture, 123),
                &wick_palette_get (TRUE)->background, "dark background");
}

static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int height = (int) wick_viewport_get_height (fixture->viewport);

  fixture_render (fixture, FALSE, 1);

  /* Above the candles, away from grid lines (every 5 in price, every 4 hours). */
  assert_pixel (fixture->surface, candle_centre_x (fixture, 35) - 6, price_y (fixture, 123),
                &palette->background, "plot");
  assert_pixel (fixture->surface, candle_centre_x (fixture, 21), price_y (fixture, 127),
                &palette->background, "plot");
  /* The corner under the price axis. */
  assert_pixel (fixture->surface, width - 2, height - 2, &palette->background, "corner");
  /* The volume band: bars at candle centres, background between them. */
  assert_pixel (fixture->surface, candle_centre_x (fixture, 20) + 9,
                (int) (fixture->plot.y + fixture->plot.height - 2),
                &palette->background, "between volume bars");
}

static gboolean
area_has_ink (cairo_surface_t *surface,
              int              x0,
              int              y0,
              int              x1,
              int              y1,
              const WickColor *background)
{
  int x, y;

  for (y = y0; y < y1; y++)
    for (x = x0; x < x1; x++)
      if (!pixel_is (surface, x, y, background))
        return TRUE;

  return FALSE;
}

static void
test_axis_labels (Fixture       *fixture,
                  gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  int axis_left = (int) (fixture->plot.x + fixture->plot.width) + 2;
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int bottom = (int) (fixture->plot.y + fixture->plot.height);
  double ticks[64];
  WickTimeTick time_ticks[64];
  WickTimeStep step;
  double last_y, price_step;
  guint n, i, n_checked = 0;

  fixture_render (fixture, FALSE, 1);
  last_y = wick_viewport_price_to_y (fixture->viewport,
                                     wick_series_get_last (fixture->series)->close);

  /* The same ticks the renderer asks for: every 5 from 80 to 130. */
  n = wick_axis_price_ticks (80, 130, FALSE, fixture->plot.height,
                             WICK_RENDER_PRICE_TICK_SPACING, ticks, G_N_ELEMENTS (ticks),
                             &price_step);
  g_assert_cmpfloat (price_step, ==, 5);

  for (i = 0; i < n; i++)
    {
      int y = price_y (fixture, ticks[i]);

      if (y < fixture->plot.y + 10 || y > bottom - 10 || fabs (y - last_y) < 24)
        continue;

      /* A label at the tick, nothing halfway to the next one. */
      g_assert_true (area_has_ink (fixture->surface, axis_left, y - 4, width, y + 5,
                                   &palette->background));
      if (fabs (y + 30 - last_y) > 24 && y + 30 < bottom)
        g_assert_false (area_has_ink (fixture->surface, axis_left + 1, y + 25, width, y + 35,
                                      &palette->background));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 6);

  /* The last price: a filled label in the colour of the last (down) candle. */
  assert_pixel (fixture->surface, width - 3, (int) last_y, &palette->down, "last price label");

  /* Time labels under their ticks. */
  wick_axis_choose_time_step (wick_viewport_get_ms_per_pixel (fixture->viewport),
                              WICK_RENDER_TIME_TICK_SPACING, &step);
  n = wick_axis_time_ticks (NULL, T0, T0 + 40 * HOUR_MS, &step, time_ticks,
                            G_N_ELEMENTS (time_ticks));
  g_assert_cmpuint (n, >=, 5);
  for (i = 1; i + 1 < n; i++)
    {
      int x = (int) wick_viewport_time_to_x (fixture->viewport, time_ticks[i].time_ms);

      g_assert_true (area_has_ink (fixture->surface, x - 3, bottom + 3, x + 4,
                                   bottom + (int) WICK_VIEWPORT_AXIS_HEIGHT - 2,
                                   &palette->background));
    }
}

static void
test_wide_candles (Fixture       *fixture,
                   gconstpointer  data)
{
  const WickPalette *palette;
  const WickCandle *candles;
  double interval = HOUR_MS;
  double last_y;
  guint n, i;

  /* 60 random candles over 800 px: 13.3 px each. */
  fixture_set_series (fixture, make_random_series (60, HOUR_MS, 0.006, 7), "1h");
  palette = fixture->scene.palette;
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 60 * HOUR_MS);
  wick_viewport_fit_prices (fixture->viewport, fixture->series);
  fixture_render (fixture, FALSE, 1);

  candles = wick_series_get_candles (fixture->series);
  n = wick_series_get_length (fixture->series);
  last_y = wick_viewport_price_to_y (fixture->viewport, candles[n - 1].close);

  for (i = 1; i + 1 < n; i++)
    {
      const WickCandle *c = &candles[i];
      const WickColor *color = c->close >= c->open ? &palette->up : &palette->down;
      int x = candle_centre_x (fixture, i);
      double y_high = wick_viewport_price_to_y (fixture->viewport, c->high);
      double y_low = wick_viewport_price_to_y (fixture->viewport, c->low);
      double y_top = wick_viewport_price_to_y (fixture->viewport, MAX (c->open, c->close));
      double y_bottom = wick_viewport_price_to_y (fixture->viewport, MIN (c->open, c->close));
      int left_edge = (int) floor (wick_viewport_time_to_x (fixture->viewport,
                                                            c->open_time_ms));
      int y_mid = (int) floor ((y_top + y_bottom) / 2);

      /* The body, where it is at least a pixel tall. */
      assert_pixel (fixture->surface, x, y_mid, color, "body centre");
      if (y_bottom - y_top >= 3)
        {
          assert_pixel (fixture->surface, x - 3, y_mid, color, "body");
          assert_pixel (fixture->surface, x + 3, y_mid, color, "body");
        }

      /* The wicks. */
      if (y_top - y_high >= 3)
        assert_pixel (fixture->surface, x, (int) floor ((y_high + y_top) / 2), color, "wick");
      if (y_low - y_bottom >= 3)
        assert_pixel (fixture->surface, x, (int) floor ((y_bottom + y_low) / 2), color, "wick");

      /* Nothing of it above the high, below the low, or at its left edge (the gap). */
      if (fabs (y_high - 3 - last_y) > 2)
        g_assert_false (pixel_is (fixture->surface, x, (int) floor (y_high) - 3, color));
      if (fabs (y_low + 3 - last_y) > 2)
        g_assert_false (pixel_is (fixture->surface, x, (int) ceil (y_low) + 3, color));
      if (fabs (y_mid - last_y) > 2)
        {
          g_assert_false (pixel_is (fixture->surface, left_edge, y_mid, &palette->up));
          g_assert_false (pixel_is (fixture->surface, left_edge, y_mid, &palette->down));
        }
    }

  /* These candles were wide enough for the per-candle path, not the aggregated one. */
  g_assert_cmpfloat (interval / wick_viewport_get_ms_per_pixel (fixture->viewport), >,
                     WICK_RENDER_MIN_CANDLE_WIDTH);
}

/* The index range whose candle centres fall in pixel column @column of the plot. */
static void
column_range (WickViewport     *viewport,
              const WickRect   *plot,
              const WickCandle *candles,
              guint             n,
              double            interval,
              int               column,
              guint            *first,
              guint            *end)
{
  guint lo = 0, hi = n, mid;

#define COLUMN_OF(i) floor (wick_viewport_time_to_x (viewport, candles[i].open_time_ms + \
                                                     interval / 2) - plot->x)
  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (COLUMN_OF (mid) >= column)
        hi = mid;
      else
        lo = mid + 1;
    }
  *first = lo;

  hi = n;
  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (COLUMN_OF (mid) >= column + 1)
        hi = mid;
      else
        lo = mid + 1;
    }
  *end = lo;
#undef COLUMN_OF
}

static void
test_million_columns (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(WickLod) lod = NULL;
  const WickPalette *palette;
  const WickCandle *candles;
  double interval = MINUTE_MS;
  double last_y;
  guint n;
  int column, n_checked = 0;

  fixture_set_series (fixture, make_random_series (1000000, MINUTE_MS, 0.0008, 11), "1m");
  palette = fixture->scene.palette;
  lod = wick_lod_new (fixture->series);
  fixture->scene.lod = lod;
  wick_viewport_set_size (fixture->viewport, 1920, 1080);
  wick_viewport_fit_all (fixture->viewport, fixture->series);
  wick_viewport_get_plot (fixture->viewport, &fixture->plot);
  g_assert_cmpfloat (interval / wick_viewport_get_ms_per_pixel (fixture->viewport), <,
                     WICK_RENDER_MIN_CANDLE_WIDTH);

  fixture_render (fixture, FALSE, 1);

  candles = wick_series_get_candles (fixture->series);
  n = wick_series_get_length (fixture->series);
  last_y = wick_viewport_price_to_y (fixture->viewport, candles[n - 1].close);

  for (column = 3; column < (int) fixture->plot.width - 40; column += 37)
    {
      WickCandle expected;
      const WickColor *color;
      guint first, end, i;
      int y, top = -1, bottom = -1;
      double y_high, y_low;

      column_range (fixture->viewport, &fixture->plot, candles, n, interval, column,
                    &first, &end);
      if (first >= end)
        continue;

      /* Brute force over the column's candles. */
      expected = candles[first];
      for (i = first + 1; i < end; i++)
        {
          expected.high = MAX (expected.high, candles[i].high);
          expected.low = MIN (expected.low, candles[i].low);
          expected.close = candles[i].close;
        }
      color = expected.close >= expected.open ? &palette->up : &palette->down;

      /* The column's extent in its colour, leaving out the dashed last-price line. */
      for (y = (int) fixture->plot.y; y < (int) (fixture->plot.y + fixture->plot.height); y++)
        {
          if (fabs (y + 0.5 - last_y) < 2)
            continue;
          if (pixel_is (fixture->surface, (int) fixture->plot.x + column, y, color))
            {
              if (top < 0)
                top = y;
              bottom = y + 1;
            }
        }

      y_high = wick_viewport_price_to_y (fixture->viewport, expected.high);
      y_low = wick_viewport_price_to_y (fixture->viewport, expected.low);
      /* Hidden under the last-price line. */
      if (y_high > last_y - 3 && y_low < last_y + 3)
        continue;
      g_test_message ("column %d: %u candles, rows %d..%d, expected %.1f..%.1f",
                      column, end - first, top, bottom, y_high, y_low);
      g_assert_cmpint (top, >=, 0);
      /* An end under the dashed line cannot be seen. */
      if (fabs (y_high - last_y) > 3)
        g_assert_cmpfloat (fabs (top - y_high), <=, 1);
      if (fabs (y_low - last_y) > 3)
        g_assert_cmpfloat (fabs (bottom - y_low), <=, 1);
      n_checked++;
    }

  g_assert_cmpint (n_checked, >=, 40);
}

static void
test_hidpi (Fixture       *fixture,
            gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;

  fixture_render (fixture, FALSE, 2);
  assert_pixel (fixture->surface, 2 * candle_centre_x (fixture, 4), 2 * price_y (fixture, 105),
                &palette->up, "up at scale 2");
  assert_pixel (fixture->surface, 2 * candle_centre_x (fixture, 5) + 1,
                2 * price_y (fixture, 105) + 1, &palette->down, "down at scale 2");
  assert_pixel (fixture->surface, 2 * (candle_centre_x (fixture, 35) - 6),
                2 * price_y (fixture, 123), &palette->background, "background at scale 2");

  /* Narrow candles at scale 2 aggregate per device pixel: no crash, candles drawn. */
  wick_viewport_set_time_range (fixture->viewport, T0 - 2000 * HOUR_MS, T0 + 100 * HOUR_MS);
  fixture_render (fixture, FALSE, 2);
}

static void
test_extreme_zoom (Fixture       *fixture,
                   gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  double middle = T0 + 10.5 * HOUR_MS;

  /* One minute of an hourly up candle and a fifth of a dollar of its body: the body fills
   * the plot, millions of pixels wide, and still draws. */
  wick_viewport_set_time_range (fixture->viewport, middle - 30000, middle + 30000);
  wick_viewport_set_price_range (fixture->viewport, 104.9, 105.1);
  fixture_render (fixture, TRUE, 1);
  assert_pixel (fixture->surface, 200, 300, &palette->up, "inside the body");
  assert_pixel (fixture->surface, 700, 500, &palette->up, "inside the body");

  /* The price axis still has labels (steps of a few cents). */
  g_assert_true (area_has_ink (fixture->surface, (int) fixture->plot.width + 4, 0,
                               (int) wick_viewport_get_width (fixture->viewport), 250,
                               &palette->background));
}

static void
test_overlay (Fixture       *fixture,
              gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int height = (int) wick_viewport_get_height (fixture->viewport);
  int bottom = (int) (fixture->plot.y + fixture->plot.height);
  cairo_t *cr;
  double rgba[4];
  int x = candle_centre_x (fixture, 10);

  /* Alone on a transparent surface, the overlay without crosshair paints only the legend. */
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (fixture->surface);
  wick_render_overlay (cr, &fixture->scene, fixture->viewport);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);
  read_pixel (fixture->surface, x, 300, rgba);
  g_assert_cmpfloat (rgba[3], ==, 0);
  read_pixel (fixture->surface, width - 3, 300, rgba);
  g_assert_cmpfloat (rgba[3], ==, 0);
  {
    gboolean legend = FALSE;
    int px, py;

    /* The legend sits under the market line, in the last (down) candle's colour. */
    for (py = 20; py < 50 && !legend; py++)
      for (px = 8; px < 300 && !legend; px++)
        {
          read_pixel (fixture->surface, px, py, rgba);
          legend = rgba[3] > 0.5;
        }
    g_assert_true (legend);
  }

  /* With a crosshair over candle 10 at y = 300: dashed lines, labels on both axes. */
  fixture->scene.has_crosshair = TRUE;
  fixture->scene.crosshair_x = x + 3;
  fixture->scene.crosshair_y = 300.5;
  fixture_render (fixture, TRUE, 1);
  assert_pixel (fixture->surface, width - 3, 300, &palette->label_background, "price label");
  assert_pixel (fixture->surface, x, bottom + 2, &palette->label_background, "time label");
  /* Dashes: along the horizontal line some pixels are the crosshair colour. */
  {
    int px, hits = 0;

    for (px = 500; px < 560; px++)
      if (pixel_is (fixture->surface, px, 300, &palette->crosshair))
        hits++;
    g_assert_cmpint (hits, >=, 20);
    g_assert_cmpint (hits, <=, 40);
  }

  /* Outside the plot: no crosshair labels. */
  fixture->scene.crosshair_x = width - 10;
  fixture_render (fixture, TRUE, 1);
  g_assert_false (pixel_is (fixture->surface, width - 3, 300, &palette->label_background));
}

/* Rows from @top to @bottom, in the plot's top-left corner, with pixels that are neither
 * background nor grid (text, candles, lines); the first and last such row, or -1. */
static void
find_ink_rows (Fixture *fixture,
               int      top,
               int      bottom,
               int     *first,
               int     *last)
{
  const WickPalette *palette = fixture->scene.palette;
  int x, y;

  *first = *last = -1;
  for (y = top; y < bottom; y++)
    for (x = (int) fixture->plot.x; x < (int) fixture->plot.x + 400; x++)
      if (!pixel_is (fixture->surface, x, y, &palette->background) &&
          !pixel_is (fixture->surface, x, y, &palette->grid))
        {
          if (*first < 0)
            *first = y;
          *last = y;
          break;
        }
}

/* Renders only the overlay, over plain background: all ink is then the overlay's. */
static void
fixture_render_overlay (Fixture *fixture)
{
  const WickColor *background = &fixture->scene.palette->background;
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int height = (int) wick_viewport_get_height (fixture->viewport);
  cairo_t *cr;

  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (fixture->surface);
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  wick_render_overlay (cr, &fixture->scene, fixture->viewport);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);
}

static void
test_title_block (Fixture       *fixture,
                  gconstpointer  data)
{
  int plot_top, first, last, legend_first, legend_last;

  /* As exported: the title block sits in a header above the plot. The top 100 px of the plot
   * are above the candles (at most 115, i.e. y >= 52 + 164). */
  wick_viewport_set_header_height (fixture->viewport, WICK_RENDER_TITLE_BLOCK_HEIGHT);
  wick_viewport_get_plot (fixture->viewport, &fixture->plot);
  plot_top = (int) fixture->plot.y;
  g_assert_cmpint (plot_top, ==, (int) WICK_RENDER_TITLE_BLOCK_HEIGHT);

  /* On screen there is no title block, and the market line names the market. */
  fixture_render (fixture, FALSE, 1);
  find_ink_rows (fixture, plot_top, plot_top + 100, &first, &last);
  g_assert_cmpint (first, >=, plot_top + 6);
  g_assert_cmpint (last, <, plot_top + 30);

  /* The title block shows the market's title: it is not repeated in the plot, whose top is
   * background and grid only. */
  fixture->scene.show_title_block = TRUE;
  fixture_render (fixture, FALSE, 1);
  find_ink_rows (fixture, plot_top, plot_top + 100, &first, &last);
  g_assert_cmpint (first, ==, -1);
  /* The title block itself is drawn, above the plot. */
  g_assert_true (area_has_ink (fixture->surface, 0, 0, 400, plot_top - 2,
                               &fixture->scene.palette->background));

  /* The legend takes the market line's place, 6 px under the top of the plot. */
  fixture_render_overlay (fixture);
  find_ink_rows (fixture, plot_top, plot_top + 100, &legend_first, &legend_last);
  g_assert_cmpint (legend_first, >=, plot_top + 6);
  g_assert_cmpint (legend_first, <, plot_top + 12);

  /* A custom title says something else: the market line says what the data is, and the
   * legend goes under it. */
  fixture->scene.title = "Weekly review";
  fixture_render (fixture, FALSE, 1);
  find_ink_rows (fixture, plot_top, plot_top + 100, &first, &last);
  g_assert_cmpint (first, >=, plot_top + 6);
  g_assert_cmpint (first, <, plot_top + 12);
  g_assert_cmpint (last, <, plot_top + 30);
  fixture_render_overlay (fixture);
  find_ink_rows (fixture, plot_top, plot_top + 100, &legend_first, &legend_last);
  g_assert_cmpint (legend_first, >, last);
}

static void
test_state_balanced (Fixture       *fixture,
                     gconstpointer  data)
{
  static const LineSpec specs[] = {
    { 90, "Support 90", 0, FALSE },
    { 105, NULL, 0, TRUE },
    { 120, NULL, 0, FALSE },
  };
  g_autoptr(WickLevelStore) store = NULL;
  double x0, y0, x1, y1;
  cairo_t *cr;

  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 876, 626);
  cr = cairo_create (fixture->surface);
  cairo_set_line_width (cr, 7);
  cairo_translate (cr, 3, 4);
  fixture->scene.has_crosshair = TRUE;
  fixture->scene.crosshair_x = 100;
  fixture->scene.crosshair_y = 100;
  fixture->scene.show_title_block = TRUE;
  /* Price lines in every style: labelled, locked, selected, hovered, dragged. */
  store = make_store (specs, G_N_ELEMENTS (specs));
  fixture->scene.levels = store;
  fixture->scene.selected_level_id = 1;
  fixture->scene.hovered_level_id = 2;
  fixture->scene.drag_level_id = 3;
  fixture->scene.drag_price = 111;

  wick_render (cr, &fixture->scene, fixture->viewport);

  /* Every save was restored: the caller's state is back, and no clip is left. */
  g_assert_cmpfloat (cairo_get_line_width (cr), ==, 7);
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x0, ==, -3);
  g_assert_cmpfloat (y0, ==, -4);
  g_assert_cmpfloat (x1, ==, 873);
  g_assert_cmpfloat (y1, ==, 622);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

static void
test_no_data (Fixture       *fixture,
              gconstpointer  data)
{
  /* An empty series and no market at all: background and axes, no crash. */
  fixture_set_series (fixture, wick_series_new (HOUR_MS), "1h");
  fixture_render (fixture, TRUE, 1);
  assert_pixel (fixture->surface, 403, 311, &fixture->scene.palette->background, "empty");

  wick_scene_init (&fixture->scene, NULL, NULL);
  fixture->scene.has_crosshair = TRUE;
  fixture->scene.crosshair_x = 100;
  fixture->scene.crosshair_y = 100;
  fixture_render (fixture, TRUE, 1);
  assert_pixel (fixture->surface, 403, 311, &wick_palette_get (FALSE)->background, "no market");
}

/* Pixels of @color in the legend's rows at the top-left of the plot. */
static guint
count_legend_pixels (Fixture         *fixture,
                     const WickColor *color)
{
  guint n = 0;
  int x, y;

  for (y = (int) fixture->plot.y; y < (int) fixture->plot.y + 60; y++)
    for (x = (int) fixture->plot.x; x < (int) fixture->plot.x + 500; x++)
      n += pixel_is (fixture->surface, x, y, color);

  return n;
}

static void
test_legend_latest_in_view (Fixture       *fixture,
                            gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;

  /* Candles 0 to 20 in view: the latest there (20) is up, though the series ends down. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 21 * HOUR_MS);
  fixture_render_overlay (fixture);
  g_assert_cmpuint (count_legend_pixels (fixture, &palette->up), >, 20);
  g_assert_cmpuint (count_legend_pixels (fixture, &palette->down), ==, 0);

  /* Everything in view: the legend tells the last candle, which is down. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 40 * HOUR_MS);
  fixture_render_overlay (fixture);
  g_assert_cmpuint (count_legend_pixels (fixture, &palette->up), ==, 0);
  g_assert_cmpuint (count_legend_pixels (fixture, &palette->down), >, 20);
}

/* ---- price lines ---- */

/* Pixels of @color in row @y from the plot's x + 200 to its right edge. */
static int
count_row (Fixture         *fixture,
           int              y,
           const WickColor *color)
{
  int x, n = 0;

  for (x = (int) fixture->plot.x + 200; x < (int) (fixture->plot.x + fixture->plot.width); x++)
    n += pixel_is (fixture->surface, x, y, color);

  return n;
}

/* Pixels of a green hue in the @width × @height area at (@x0, @y0). */
static int
count_green (Fixture *fixture,
             int      x0,
             int      y0,
             int      width,
             int      height)
{
  int x, y, n = 0;

  for (y = y0; y < y0 + height; y++)
    for (x = x0; x < x0 + width; x++)
      {
        double rgba[4];

        read_pixel (fixture->surface, x, y, rgba);
        n += rgba[1] > rgba[0] + 0.2;
      }

  return n;
}

/* The plot is 800 px wide; a line covers the 600 columns count_row() reads, less what a
 * handle or the last-price line may hide. */
#define FULL_ROW 590

static void
test_levels_colours (Fixture       *fixture,
                     gconstpointer  data)
{
  /* The last close is 100: 90 is support, 120 resistance; 105 is pinned to blue, above. */
  static const LineSpec specs[] = {
    { 90, NULL, 0, FALSE },
    { 105, NULL, 0x2962ffff, FALSE },
    { 120, NULL, 0, FALSE },
  };
  g_autoptr(WickLevelStore) store = make_store (specs, G_N_ELEMENTS (specs));
  const WickPalette *palette = fixture->scene.palette;
  const WickColor blue = { 0x29 / 255., 0x62 / 255., 1, 1 };
  int width = (int) wick_viewport_get_width (fixture->viewport);
  struct { double price; const WickColor *color; } expected[] = {
    { 90, &palette->support }, { 105, &blue }, { 120, &palette->resistance },
  };
  guint i;

  fixture->scene.levels = store;
  fixture_render (fixture, FALSE, 1);

  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int y = price_y (fixture, expected[i].price);

      /* 1 px, crisp: the row the viewport maps the price to, nothing of it around. */
      g_assert_cmpint (count_row (fixture, y, expected[i].color), >=, FULL_ROW);
      g_assert_cmpint (count_row (fixture, y - 1, expected[i].color), ==, 0);
      g_assert_cmpint (count_row (fixture, y + 1, expected[i].color), ==, 0);
      /* Its price in a label of its colour on the price axis. */
      assert_pixel (fixture->surface, width - 3, y, expected[i].color, "line price label");
    }

  /* The dark palette has its own support and resistance colours. */
  fixture->scene.palette = wick_palette_get (TRUE);
  fixture_render (fixture, FALSE, 1);
  g_assert_cmpint (count_row (fixture, price_y (fixture, 90), &wick_palette_get (TRUE)->support),
                   >=, FULL_ROW);
  g_assert_cmpint (count_row (fixture, price_y (fixture, 120),
                              &wick_palette_get (TRUE)->resistance), >=, FULL_ROW);

  /* Out of view: no line, no label. */
  fixture->scene.palette = palette;
  wick_viewport_set_price_range (fixture->viewport, 92, 130);
  fixture_render (fixture, FALSE, 1);
  g_assert_false (area_has_ink (fixture->surface, width - 20, (int) fixture->plot.height - 12,
                                width, (int) fixture->plot.height, &palette->background));
}

static void
test_levels_styles (Fixture       *fixture,
                    gconstpointer  data)
{
  static const LineSpec specs[] = {
    { 90, "Support 90", 0, FALSE },
    { 120, NULL, 0, TRUE },
    { 125, NULL, 0, FALSE },
  };
  g_autoptr(WickLevelStore) store = make_store (specs, G_N_ELEMENTS (specs));
  const WickPalette *palette = fixture->scene.palette;
  int y90 = price_y (fixture, 90);
  int y120 = price_y (fixture, 120);
  int y125 = price_y (fixture, 125);
  int n;

  fixture->scene.levels = store;
  fixture_render (fixture, FALSE, 1);

  /* The label above the left end, in the line's colour (green, anti-aliased); without a
   * label, nothing green there. */
  n = count_green (fixture, (int) fixture->plot.x + 4, y90 - 18, 120, 17);
  g_assert_cmpint (n, >, 40);
  g_assert_true (wick_level_store_set_label (store, 1, NULL, NULL));
  fixture_render (fixture, FALSE, 1);
  g_assert_cmpint (count_green (fixture, (int) fixture->plot.x + 4, y90 - 18, 120, 17), ==, 0);

  /* Locked: dashed, 6 on and 4 off. */
  n = count_row (fixture, y120, &palette->resistance);
  g_assert_cmpint (n, >, 300);
  g_assert_cmpint (n, <, 420);

  /* Hovered: two rows. */
  fixture->scene.hovered_level_id = 3;
  fixture_render (fixture, FALSE, 1);
  g_assert_cmpint (count_row (fixture, y125, &palette->resistance), >=, FULL_ROW);
  g_assert_cmpint (count_row (fixture, y125 + 1, &palette->resistance), >=, FULL_ROW);
  g_assert_cmpint (count_row (fixture, y125 - 1, &palette->resistance), ==, 0);

  /* Selected: two rows in a band of the selection colour, and a handle in the middle. */
  fixture->scene.hovered_level_id = 0;
  fixture->scene.selected_level_id = 3;
  fixture_render (fixture, FALSE, 1);
  g_assert_cmpint (count_row (fixture, y125, &palette->resistance), >=, FULL_ROW - 10);
  g_assert_cmpint (count_row (fixture, y125 + 1, &palette->resistance), >=, FULL_ROW - 10);
  g_assert_false (pixel_is (fixture->surface, 300, y125 - 3, &palette->background));
  g_assert_true (pixel_is (fixture->surface, 300, y125 - 5, &palette->background));
  assert_pixel (fixture->surface, (int) (fixture->plot.x + fixture->plot.width / 2), y125 - 2,
                &palette->background, "inside the handle");
  assert_pixel (fixture->surface, (int) (fixture->plot.x + fixture->plot.width / 2), y125 - 3,
                &palette->resistance, "the handle's top edge");
}

static void
test_levels_drag (Fixture       *fixture,
                  gconstpointer  data)
{
  static const LineSpec specs[] = {
    { 90, NULL, 0, FALSE },
    { 120, NULL, 0, FALSE },
  };
  g_autoptr(WickLevelStore) store = make_store (specs, G_N_ELEMENTS (specs));
  const WickPalette *palette = fixture->scene.palette;
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int y90 = price_y (fixture, 90);
  int y125 = price_y (fixture, 125);

  /* Line 1 (support at 90) dragged above the last close, to 125. */
  fixture->scene.levels = store;
  fixture->scene.drag_level_id = 1;
  fixture->scene.drag_price = 125;

  /* The static part has the other line only. */
  fixture_render (fixture, FALSE, 1);
  g_assert_cmpint (count_row (fixture, y90, &palette->support), ==, 0);
  g_assert_cmpint (count_row (fixture, y125, &palette->resistance), ==, 0);
  g_assert_false (pixel_is (fixture->surface, width - 3, y90, &palette->support));
  g_assert_cmpint (count_row (fixture, price_y (fixture, 120), &palette->resistance), >=,
                   FULL_ROW);

  /* The overlay draws it at the preview price, recoloured as resistance, with its label. */
  fixture_render_overlay (fixture);
  g_assert_cmpint (count_row (fixture, y125, &palette->resistance), >=, FULL_ROW);
  assert_pixel (fixture->surface, width - 3, y125, &palette->resistance, "dragged label");
  g_assert_cmpint (count_row (fixture, y90, &palette->support), ==, 0);
  g_assert_cmpint (count_row (fixture, price_y (fixture, 120), &palette->resistance), ==, 0);

  /* Without a drag the overlay draws no line. */
  fixture->scene.drag_level_id = 0;
  fixture_render_overlay (fixture);
  g_assert_cmpint (count_row (fixture, y125, &palette->resistance), ==, 0);

  /* The whole frame (as exported) has both lines where they are. */
  fixture_render (fixture, TRUE, 1);
  g_assert_cmpint (count_row (fixture, y90, &palette->support), >=, FULL_ROW);
  g_assert_cmpint (count_row (fixture, price_y (fixture, 120), &palette->resistance), >=,
                   FULL_ROW);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/render/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("candle-colours", test_candle_colours);
  ADD_TEST ("background", test_background);
  ADD_TEST ("axis-labels", test_axis_labels);
  ADD_TEST ("wide-candles", test_wide_candles);
  ADD_TEST ("million-columns", test_million_columns);
  ADD_TEST ("hidpi", test_hidpi);
  ADD_TEST ("extreme-zoom", test_extreme_zoom);
  ADD_TEST ("overlay", test_overlay);
  ADD_TEST ("title-block", test_title_block);
  ADD_TEST ("legend-latest-in-view", test_legend_latest_in_view);
  ADD_TEST ("state-balanced", test_state_balanced);
  ADD_TEST ("no-data", test_no_data);
  ADD_TEST ("levels/colours", test_levels_colours);
  ADD_TEST ("levels/styles", test_levels_styles);
  ADD_TEST ("levels/drag", test_levels_drag);

  return g_test_run ();
}
