/* test-render-zones.c: the bands and pins of detected zones, as pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-level-store.h"
#include "wick-render.h"
#include "wick-render-zones.h"

#include "test-zone-utils.h"

/* Two pixels' channels may differ this much and still count as the same colour. */
#define TOLERANCE (2.5 / 255)

typedef struct
{
  WickSeries      *series;
  WickMarket      *market;
  WickZones       *zones;
  WickViewport    *viewport;
  WickScene        scene;
  cairo_surface_t *surface;     /* with the scene's zones */
  cairo_surface_t *reference;   /* the same scene without zones */
  WickRect         plot;
  int              support;     /* the zone around 99 */
  int              resistance;  /* the zone around 111 */
} Fixture;

/* ---- pixels ---- */

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            double           rgb[3])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  /* Every pixel of a frame is opaque, so premultiplication changes nothing. */
  pixel = *(guint32 *) (data + (gsize) y * stride + 4 * x);
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.;
  rgb[2] = (pixel & 0xff) / 255.;
}

static gboolean
same_rgb (const double a[3],
          const double b[3])
{
  return fabs (a[0] - b[0]) < TOLERANCE && fabs (a[1] - b[1]) < TOLERANCE &&
         fabs (a[2] - b[2]) < TOLERANCE;
}

static void
assert_pixel_rgb (cairo_surface_t *surface,
                  int              x,
                  int              y,
                  const double     expected[3],
                  const char      *what)
{
  double rgb[3];

  read_pixel (surface, x, y, rgb);
  if (!same_rgb (rgb, expected))
    g_error ("%s: pixel (%d, %d) is %.3f %.3f %.3f, expected %.3f %.3f %.3f", what, x, y,
             rgb[0], rgb[1], rgb[2], expected[0], expected[1], expected[2]);
}

static void
opaque_rgb (const WickColor *color,
            double           rgb[3])
{
  rgb[0] = color->red;
  rgb[1] = color->green;
  rgb[2] = color->blue;
}

/* @color at @alpha over @under. */
static void
blend (const WickColor *color,
       double           alpha,
       const double     under[3],
       double           rgb[3])
{
  rgb[0] = color->red * alpha + under[0] * (1 - alpha);
  rgb[1] = color->green * alpha + under[1] * (1 - alpha);
  rgb[2] = color->blue * alpha + under[2] * (1 - alpha);
}

/* How many pixels of row @y, across the plot, differ from the reference frame. */
static int
count_changed (Fixture *fixture,
               int      y)
{
  int x, n = 0;

  for (x = (int) fixture->plot.x; x < (int) (fixture->plot.x + fixture->plot.width); x++)
    {
      double a[3], b[3];

      read_pixel (fixture->surface, x, y, a);
      read_pixel (fixture->reference, x, y, b);
      n += !same_rgb (a, b);
    }

  return n;
}

/* How many pixels differ between @a and @b outside the squares of the pins of the fixture's
 * zones. */
static int
count_changed_outside_pins (Fixture         *fixture,
                            cairo_surface_t *a,
                            cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int x, y, n = 0;
  guint i;

  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      {
        gboolean in_pin = FALSE;
        double pa[3], pb[3];

        for (i = 0; i < wick_zones_get_n_zones (fixture->zones); i++)
          {
            WickRect rect;

            if (wick_render_zone_pin_rect (fixture->viewport, NULL,
                                           wick_zones_get_zone (fixture->zones, i), &rect) &&
                x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height)
              in_pin = TRUE;
          }

        if (in_pin)
          continue;

        read_pixel (a, x, y, pa);
        read_pixel (b, x, y, pb);
        n += !same_rgb (pa, pb);
      }

  return n;
}

/* ---- set-up ---- */

/* A plot of 800 × 600 showing the 60 hours and prices 80..130 (12 px a dollar). */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  guint i;

  fixture->series = make_zone_series (1);
  fixture->market = wick_market_new ("test", "BTCUSDT", "1h", fixture->series);
  fixture->zones = detect_zones (fixture->series);
  for (i = 0; i < wick_zones_get_n_zones (fixture->zones); i++)
    {
      const WickZone *zone = wick_zones_get_zone (fixture->zones, i);

      g_test_message ("zone %u: %.3f..%.3f, centre %.3f, %s, strength %.3f", i, zone->low,
                      zone->high, zone->mid,
                      zone->kind == WICK_ZONE_SUPPORT ? "support" : "resistance",
                      zone->strength);
    }
  fixture->support = zone_index_at (fixture->zones, 99);
  fixture->resistance = zone_index_at (fixture->zones, 111);
  g_assert_cmpint (wick_zones_get_zone (fixture->zones, fixture->support)->kind, ==,
                   WICK_ZONE_SUPPORT);
  g_assert_cmpint (wick_zones_get_zone (fixture->zones, fixture->resistance)->kind, ==,
                   WICK_ZONE_RESISTANCE);

  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport,
                          800 + WICK_VIEWPORT_AXIS_WIDTH, 600 + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, ZONE_T0,
                                ZONE_T0 + ZONE_N_CANDLES * ZONE_HOUR_MS);
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  wick_viewport_set_price_range (fixture->viewport, 80, 130);
  wick_viewport_get_plot (fixture->viewport, &fixture->plot);

  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
  fixture->scene.zones = fixture->zones;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  g_clear_pointer (&fixture->reference, cairo_surface_destroy);
  g_clear_pointer (&fixture->zones, wick_zones_unref);
  g_clear_object (&fixture->market);
  g_clear_object (&fixture->series);
  g_clear_object (&fixture->viewport);
}

static cairo_surface_t *
render_scene (Fixture         *fixture,
              const WickScene *scene,
              gboolean         with_overlay)
{
  int width = (int) wick_viewport_get_width (fixture->viewport);
  int height = (int) wick_viewport_get_height (fixture->viewport);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (with_overlay)
    wick_render (cr, scene, fixture->viewport);
  else
    wick_render_static (cr, scene, fixture->viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Renders the scene into `surface`, and the same scene without zones into `reference`. */
static void
fixture_render (Fixture  *fixture,
                gboolean  with_overlay)
{
  WickScene bare = fixture->scene;

  bare.zones = NULL;
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  g_clear_pointer (&fixture->reference, cairo_surface_destroy);
  fixture->surface = render_scene (fixture, &fixture->scene, with_overlay);
  fixture->reference = render_scene (fixture, &bare, with_overlay);
}

static const WickZone *
fixture_zone (Fixture *fixture,
              int      index)
{
  return wick_zones_get_zone (fixture->zones, index);
}

/* The alpha the band of @zone is painted with, inside its edges. */
static double
band_alpha (const WickColor *color,
            const WickZone  *zone)
{
  return color->alpha * (0.35 + 0.65 * CLAMP (zone->strength, 0, 1));
}

/* ---- tests ---- */

/* Each band covers the rows the viewport maps its low..high to, across the whole plot, in
 * its colour over what is under it; nothing outside it changes. */
static void
test_bands (Fixture       *fixture,
            gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  struct { int index; const WickColor *color; } cases[] = {
    { fixture->support, &palette->zone_support },
    { fixture->resistance, &palette->zone_resistance },
  };
  double background[3], expected[3];
  int y, n_rows = (int) wick_viewport_get_height (fixture->viewport);
  gboolean *in_band = g_new0 (gboolean, n_rows);
  guint i;

  opaque_rgb (&palette->background, background);
  fixture_render (fixture, FALSE);

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WickZone *zone = fixture_zone (fixture, cases[i].index);
      double top = wick_viewport_price_to_y (fixture->viewport, zone->high);
      double bottom = wick_viewport_price_to_y (fixture->viewport, zone->low);
      int x = (int) (fixture->plot.x + 3);

      g_assert_cmpfloat (bottom - top, >, 6);
      blend (cases[i].color, band_alpha (cases[i].color, zone), background, expected);

      /* Inside, away from the edges: the band's tint, at the left and at the right of the
       * plot, where no candle is. */
      for (y = (int) ceil (top) + 2; y <= (int) floor (bottom) - 3; y++)
        {
          assert_pixel_rgb (fixture->surface, x, y, expected, "band, left");
          g_assert_cmpint (count_changed (fixture, y), >, (int) fixture->plot.width / 2);
        }

      /* The edges are a touch stronger, still the zone's hue. */
      for (y = (int) floor (top); y <= (int) ceil (bottom); y++)
        if (y >= 0 && y < n_rows)
          in_band[y] = TRUE;
    }

  /* Support tints towards green, resistance towards red. */
  {
    const WickZone *zone = fixture_zone (fixture, fixture->support);
    double rgb[3];

    read_pixel (fixture->surface, (int) fixture->plot.x + 3,
                (int) wick_viewport_price_to_y (fixture->viewport, zone->mid), rgb);
    g_assert_cmpfloat (rgb[1], >, rgb[0]);
    zone = fixture_zone (fixture, fixture->resistance);
    read_pixel (fixture->surface, (int) fixture->plot.x + 3,
                (int) wick_viewport_price_to_y (fixture->viewport, zone->mid), rgb);
    g_assert_cmpfloat (rgb[0], >, rgb[1]);
  }

  /* Nothing outside the bands (other zones of the series included) changed. */
  for (i = 0; i < wick_zones_get_n_zones (fixture->zones); i++)
    {
      const WickZone *zone = fixture_zone (fixture, i);

      for (y = (int) floor (wick_viewport_price_to_y (fixture->viewport, zone->high));
           y <= (int) ceil (wick_viewport_price_to_y (fixture->viewport, zone->low)); y++)
        if (y >= 0 && y < n_rows)
          in_band[y] = TRUE;
    }
  for (y = 0; y < n_rows; y++)
    if (!in_band[y])
      g_assert_cmpint (count_changed (fixture, y), ==, 0);

  g_free (in_band);
}

/* A zone whose touches are long past is weak: its band is fainter, still there. */
static void
test_weak_zone (Fixture       *fixture,
                gconstpointer  data)
{
  const WickColor *color = &fixture->scene.palette->zone_support;
  g_autoptr(WickSeries) series = make_zone_series (1);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickZones) zones = NULL;
  g_autoptr(GError) error = NULL;
  WickCandle flat[600];
  const WickZone *weak;
  WickZoneParams params;
  double background[3], expected[3], rgb[3];
  int x, y;
  guint i;

  /* 600 more hours, flat at 130, leave the zones alone; all the pivots count. */
  for (i = 0; i < G_N_ELEMENTS (flat); i++)
    flat[i] = (WickCandle) { ZONE_T0 + (ZONE_N_CANDLES + i) * ZONE_HOUR_MS,
                             130, 130.5, 129.5, 130, 10 };
  g_assert_true (wick_series_append (series, flat, G_N_ELEMENTS (flat), &error));
  wick_zone_params_init (&params);
  params.window = 0;
  zones = wick_zones_detect (wick_series_get_candles (series), wick_series_get_length (series),
                             NULL, &params);
  weak = wick_zones_find (zones, 99);
  g_assert_nonnull (weak);
  g_assert_cmpfloat (weak->strength, <, 0.2);

  market = wick_market_new ("test", "BTCUSDT", "1h", series);
  wick_scene_init (&fixture->scene, market, wick_palette_get (FALSE));
  fixture->scene.zones = zones;
  wick_viewport_set_time_range (fixture->viewport, ZONE_T0,
                                ZONE_T0 + wick_series_get_length (series) * ZONE_HOUR_MS);
  fixture_render (fixture, FALSE);

  /* Right of the swings, at the zone's centre. */
  x = (int) (fixture->plot.x + fixture->plot.width) - 30;
  y = (int) wick_viewport_price_to_y (fixture->viewport, weak->mid);
  opaque_rgb (&fixture->scene.palette->background, background);
  blend (color, band_alpha (color, weak), background, expected);
  assert_pixel_rgb (fixture->surface, x, y, expected, "weak band");
  g_assert_cmpfloat (band_alpha (color, weak), <, 0.5 * color->alpha);
  read_pixel (fixture->surface, x, y, rgb);
  g_assert_false (same_rgb (rgb, background));

  fixture->scene.zones = NULL;
  fixture->scene.market = NULL;
}

/* Zones below or above the prices in view draw nothing; a band cut by the plot's edge is
 * drawn up to it. */
static void
test_out_of_view (Fixture       *fixture,
                  gconstpointer  data)
{
  int y;

  wick_viewport_set_price_range (fixture->viewport, 102, 108);
  fixture_render (fixture, FALSE);
  for (y = 0; y < (int) wick_viewport_get_height (fixture->viewport); y++)
    g_assert_cmpint (count_changed (fixture, y), ==, 0);

  /* Half of the support zone in view, at the bottom. */
  wick_viewport_set_price_range (fixture->viewport,
                                 fixture_zone (fixture, fixture->support)->mid, 108);
  fixture_render (fixture, FALSE);
  g_assert_cmpint (count_changed (fixture, (int) (fixture->plot.y + fixture->plot.height) - 2),
                   >, (int) fixture->plot.width / 2);
  g_assert_cmpint (count_changed (fixture, (int) fixture->plot.y + 2), ==, 0);
}

/* On screen, a pin at the right end of each band: a rounded square with a push pin in the
 * zone's colour; hovered, filled with it, the push pin in label text. */
static void
test_pins (Fixture       *fixture,
           gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  const WickZone *zone = fixture_zone (fixture, fixture->support);
  double zone_rgb[3], label_rgb[3], background[3], rgb[3];
  cairo_surface_t *without_pins;
  WickRect rect;
  int cx, cy;

  opaque_rgb (&palette->zone_support, zone_rgb);
  opaque_rgb (&palette->label_text, label_rgb);
  opaque_rgb (&palette->background, background);

  g_assert_true (wick_render_zone_pin_rect (fixture->viewport, NULL, zone, &rect));
  g_assert_cmpfloat (rect.width, ==, WICK_RENDER_ZONE_PIN_SIZE);
  g_assert_cmpfloat (rect.height, ==, WICK_RENDER_ZONE_PIN_SIZE);
  g_assert_cmpfloat (rect.x + rect.width, <=,
                     fixture->plot.x + fixture->plot.width - WICK_RENDER_ZONE_PIN_MARGIN);
  g_assert_cmpfloat (rect.x + rect.width, >,
                     fixture->plot.x + fixture->plot.width - WICK_RENDER_ZONE_PIN_MARGIN - 1);
  g_assert_cmpfloat (fabs (rect.y + rect.height / 2 -
                           wick_viewport_price_to_y (fixture->viewport, zone->mid)), <=, 1);
  cx = (int) rect.x + 7;
  cy = (int) rect.y;

  /* Exports have no pins: the static part has the band only there. */
  fixture_render (fixture, FALSE);
  read_pixel (fixture->surface, cx, cy + 5, rgb);
  g_assert_false (same_rgb (rgb, zone_rgb));
  without_pins = g_steal_pointer (&fixture->surface);

  fixture->scene.show_zone_pins = TRUE;
  fixture_render (fixture, FALSE);
  /* The push pin's body, opaque; beside it, the pin's light background. */
  assert_pixel_rgb (fixture->surface, cx, cy + 5, zone_rgb, "the push pin");
  assert_pixel_rgb (fixture->surface, cx, cy + 10, zone_rgb, "the needle");
  read_pixel (fixture->surface, (int) rect.x + 2, cy + 5, rgb);
  g_assert_cmpfloat (rgb[0], >, 0.9);
  g_assert_cmpfloat (rgb[2], >, 0.9);
  /* Nothing of the pins outside their squares. */
  g_assert_cmpint (count_changed_outside_pins (fixture, fixture->surface, without_pins), ==, 0);
  cairo_surface_destroy (without_pins);

  /* Hovered: filled with the zone's colour, the push pin in label text. */
  fixture->scene.hovered_zone = fixture->support;
  fixture_render (fixture, FALSE);
  assert_pixel_rgb (fixture->surface, (int) rect.x + 2, cy + 5, zone_rgb, "hovered pin");
  assert_pixel_rgb (fixture->surface, cx, cy + 5, label_rgb, "hovered push pin");

  /* The resistance zone's pin, in its own colour. */
  zone = fixture_zone (fixture, fixture->resistance);
  g_assert_true (wick_render_zone_pin_rect (fixture->viewport, NULL, zone, &rect));
  opaque_rgb (&palette->zone_resistance, zone_rgb);
  assert_pixel_rgb (fixture->surface, (int) rect.x + 7, (int) rect.y + 5, zone_rgb,
                    "resistance push pin");
}

/* A zone that holds a line (say, the one its pin made) has no pin; nor has a zone whose
 * centre is out of view, though its band is drawn. */
static void
test_pin_hidden (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WickLevelStore) store = wick_level_store_new ();
  const WickZone *zone = fixture_zone (fixture, fixture->support);
  g_autoptr(GError) error = NULL;
  double zone_rgb[3];
  WickRect rect;

  opaque_rgb (&fixture->scene.palette->zone_support, zone_rgb);
  fixture->scene.show_zone_pins = TRUE;
  fixture->scene.levels = store;

  /* A line just outside the zone leaves the pin. */
  g_assert_cmpuint (wick_level_store_add (store, zone->high + 1, NULL,
                                          WICK_LEVEL_ORIGIN_USER, &error), !=, 0);
  g_assert_true (wick_render_zone_pin_rect (fixture->viewport, store, zone, &rect));

  g_assert_cmpuint (wick_level_store_add (store, zone->low, NULL,
                                          WICK_LEVEL_ORIGIN_PINNED_ZONE, &error), !=, 0);
  g_assert_no_error (error);
  g_assert_false (wick_render_zone_pin_rect (fixture->viewport, store, zone, &rect));
  fixture_render (fixture, FALSE);
  g_assert_cmpint (count_changed (fixture, (int) rect.y + 5), >,
                   (int) fixture->plot.width / 2);
  {
    double rgb[3];

    read_pixel (fixture->surface, (int) rect.x + 7, (int) rect.y + 5, rgb);
    g_assert_false (same_rgb (rgb, zone_rgb));
  }

  /* The centre below the plot: the upper half of the band, no pin. */
  g_assert_true (wick_level_store_undo (store));
  wick_viewport_set_price_range (fixture->viewport, zone->mid + 0.1, 108);
  g_assert_false (wick_render_zone_pin_rect (fixture->viewport, store, zone, &rect));
}

/* The dark palette has its own zone colours; a whole frame (as exported) has the bands. */
static void
test_dark_and_export (Fixture       *fixture,
                      gconstpointer  data)
{
  const WickPalette *dark = wick_palette_get (TRUE);
  const WickZone *zone = fixture_zone (fixture, fixture->support);
  int y = (int) wick_viewport_price_to_y (fixture->viewport, zone->mid);
  double background[3], expected[3];

  g_assert_cmpfloat (dark->zone_support.alpha, >, 0);
  g_assert_cmpfloat (dark->zone_support.alpha, <, 0.3);
  g_assert_cmpfloat (dark->zone_resistance.alpha, >, 0);
  g_assert_cmpfloat (dark->zone_resistance.alpha, <, 0.3);

  fixture->scene.palette = dark;
  fixture_render (fixture, TRUE);
  opaque_rgb (&dark->background, background);
  blend (&dark->zone_support, band_alpha (&dark->zone_support, zone), background, expected);
  assert_pixel_rgb (fixture->surface, (int) fixture->plot.x + 3, y, expected, "dark band");
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/render-zones/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("bands", test_bands);
  ADD_TEST ("weak-zone", test_weak_zone);
  ADD_TEST ("out-of-view", test_out_of_view);
  ADD_TEST ("pins", test_pins);
  ADD_TEST ("pin-hidden", test_pin_hidden);
  ADD_TEST ("dark-and-export", test_dark_and_export);

  return g_test_run ();
}
