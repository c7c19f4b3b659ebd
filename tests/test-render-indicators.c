/* test-render-indicators.c: the EMA and VWAP lines over the candles, as pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "test-pixel-utils.h"
#include "wick-render.h"
#include "wick-render-indicators.h"

#define WIDTH     800
#define HEIGHT    480
#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define T0        G_GINT64_CONSTANT (1767225600000)   /* 2026-01-01T00:00:00Z */
#define N_CANDLES 3000
/* A pixel counts as a line's colour when each channel is this close: an anti-aliased line
 * 1.5 px wide covers at least three quarters of the pixel its centre crosses. */
#define TOLERANCE 0.27

typedef struct
{
  WickMarket      *market;
  WickSignals     *signals;
  WickViewport    *viewport;
  WickScene        scene;
  cairo_surface_t *surface;
} Fixture;

/* A slow wave around 90,000 with small bodies, so that the averages run smoothly. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, N_CANDLES);
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  double open = 90000;

  for (guint i = 0; i < N_CANDLES; i++)
    {
      double close = 90000 + 2000 * sin (i / 40.0) + 30 * sin (i * 1.3);

      candles[i] = (WickCandle) {
        T0 + i * HOUR_MS, open, MAX (open, close) + 40, MIN (open, close) - 40, close,
        10 + 5 * sin (i * 0.7),
      };
      open = close;
    }

  wick_series_append (series, candles, N_CANDLES, &error);
  g_assert_no_error (error);
  fixture->market = wick_market_new ("test", "BTCUSDT", "1h", series);

  snapshot = wick_signals_snapshot_new (HOUR_MS, candles, N_CANDLES, NULL, 0, NULL, 0);
  fixture->signals = wick_signals_analyze (snapshot, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport, WIDTH, HEIGHT);

  wick_scene_init (&fixture->scene, fixture->market, wick_palette_get (FALSE));
  fixture->scene.signals = fixture->signals;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  g_clear_object (&fixture->viewport);
  g_clear_pointer (&fixture->signals, wick_signals_unref);
  g_clear_object (&fixture->market);
}

static void
show_candles (Fixture *fixture,
              guint    first,
              guint    n)
{
  wick_viewport_show_range (fixture->viewport, wick_market_get_series (fixture->market),
                            T0 + first * HOUR_MS, T0 + (first + n) * HOUR_MS);
}

static void
render (Fixture *fixture)
{
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  fixture->surface = test_render_static (&fixture->scene, fixture->viewport, WIDTH, HEIGHT);
}

/* Pixels of @color in columns x0..x1 and rows y0..y1, both inclusive. */
static guint
count_color (Fixture         *fixture,
             int              x0,
             int              y0,
             int              x1,
             int              y1,
             const WickColor *color)
{
  return test_count_color (fixture->surface, x0, y0, x1, y1, color, TOLERANCE);
}

/* Pixels of the @indicator's colour around where its value at candle @index maps, at @x. */
static guint
count_at (Fixture       *fixture,
          WickIndicator  indicator,
          guint          index,
          double         x)
{
  const double *values = wick_signals_get_indicator (fixture->signals, indicator);
  double y = wick_viewport_price_to_y (fixture->viewport, values[index]);

  g_assert_false (isnan (values[index]));
  return count_color (fixture, (int) floor (x) - 1, (int) floor (y) - 1,
                      (int) floor (x) + 1, (int) floor (y) + 1,
                      wick_render_indicator_get_color (fixture->scene.palette, indicator));
}

static double
centre_x (Fixture *fixture,
          guint    index)
{
  return wick_viewport_time_to_x (fixture->viewport, T0 + index * HOUR_MS + HOUR_MS / 2.0);
}

/* 40 candles, each wide: the line crosses each candle's centre at its EMA. */
static void
test_wide (Fixture       *fixture,
           gconstpointer  data)
{
  show_candles (fixture, 100, 40);

  render (fixture);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, 120, centre_x (fixture, 120)), ==, 0);

  fixture->scene.show_ema20 = TRUE;
  render (fixture);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, 120, centre_x (fixture, 120)), >, 0);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, 131, centre_x (fixture, 131)), >, 0);
  /* Only the lines asked for. */
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA50, 120, centre_x (fixture, 120)), ==, 0);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_VWAP, 120, centre_x (fixture, 120)), ==, 0);

  fixture->scene.show_ema20 = FALSE;
  fixture->scene.show_ema50 = TRUE;
  fixture->scene.show_vwap = TRUE;
  render (fixture);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, 120, centre_x (fixture, 120)), ==, 0);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA50, 120, centre_x (fixture, 120)), >, 0);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_VWAP, 125, centre_x (fixture, 125)), >, 0);
}

/* Every candle in view, several per pixel column: each column shows the value of its last
 * candle, at the column's centre. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  WickRect plot;
  double column;
  guint index;

  show_candles (fixture, 0, N_CANDLES);
  wick_viewport_get_plot (fixture->viewport, &plot);

  /* The last candle of the column that holds candle 1500. */
  column = floor (centre_x (fixture, 1500) - plot.x);
  for (index = 1500; floor (centre_x (fixture, index + 1) - plot.x) == column; index++)
    ;

  render (fixture);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, index, plot.x + column + .5), ==, 0);

  fixture->scene.show_ema20 = TRUE;
  render (fixture);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, index, plot.x + column + .5), >, 0);
}

/* No line where EMA (20) has no value yet: before candle 19. */
static void
test_gap (Fixture       *fixture,
          gconstpointer  data)
{
  const WickColor *color = &fixture->scene.palette->ema20;
  WickRect plot;

  show_candles (fixture, 0, 40);
  wick_viewport_get_plot (fixture->viewport, &plot);
  fixture->scene.show_ema20 = TRUE;
  render (fixture);

  g_assert_true (isnan (wick_signals_get_indicator (fixture->signals, WICK_INDICATOR_EMA20)[18]));
  /* Below the legend, left of candle 19's centre (less the line's round cap). */
  g_assert_cmpuint (count_color (fixture, (int) plot.x, (int) plot.y + 60,
                                 (int) floor (centre_x (fixture, 19)) - 2,
                                 (int) (plot.y + plot.height) - 1, color), ==, 0);
  g_assert_cmpuint (count_at (fixture, WICK_INDICATOR_EMA20, 25, centre_x (fixture, 25)), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render-indicators/wide", Fixture, NULL, fixture_setup, test_wide,
              fixture_teardown);
  g_test_add ("/render-indicators/narrow", Fixture, NULL, fixture_setup, test_narrow,
              fixture_teardown);
  g_test_add ("/render-indicators/gap", Fixture, NULL, fixture_setup, test_gap,
              fixture_teardown);

  return g_test_run ();
}
