/* test-render-pane.c: the lower indicator pane, RSI or MACD, as pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "test-pixel-utils.h"
#include "wick-render.h"
#include "wick-render-pane.h"

#define WIDTH     800
#define HEIGHT    480
#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define T0        G_GINT64_CONSTANT (1767225600000)   /* 2026-01-01T00:00:00Z */
#define N_CANDLES 600
/* A pixel counts as a line's colour when each channel is this close (as in
 * test-render-indicators.c). */
#define TOLERANCE 0.27

typedef struct
{
  WickMarket      *market;
  WickSignals     *signals;
  WickViewport    *viewport;
  WickScene        scene;
  cairo_surface_t *surface;
} Fixture;

/* A wave around 90,000, so that RSI swings between its extremes. */
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
      double close = 90000 + 2000 * sin (i / 15.0) + 30 * sin (i * 1.3);

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
  wick_viewport_show_range (fixture->viewport, series, T0 + 100 * HOUR_MS, T0 + 140 * HOUR_MS);

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
set_pane (Fixture       *fixture,
          WickLowerPane  pane)
{
  fixture->scene.lower_pane = pane;
  wick_viewport_set_lower_pane_height (fixture->viewport,
                                       pane != WICK_LOWER_PANE_NONE
                                       ? wick_viewport_lower_pane_height_for (HEIGHT) : 0);
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

static double
centre_x (Fixture *fixture,
          guint    index)
{
  return wick_viewport_time_to_x (fixture->viewport, T0 + index * HOUR_MS + HOUR_MS / 2.0);
}

/* RSI-coloured pixels around where the pane's 0..100 scale puts candle @index's RSI. */
static guint
count_rsi_at (Fixture        *fixture,
              const WickRect *pane,
              guint           index)
{
  const double *rsi = wick_signals_get_indicator (fixture->signals, WICK_INDICATOR_RSI);
  double x = centre_x (fixture, index);
  double y;

  g_assert_false (isnan (rsi[index]));
  y = wick_render_pane_rsi_to_y (pane, rsi[index]);
  g_assert_cmpfloat (y, >=, pane->y);
  g_assert_cmpfloat (y, <=, pane->y + pane->height);

  return count_color (fixture, (int) floor (x) - 1, (int) floor (y) - 1,
                      (int) floor (x) + 1, (int) floor (y) + 1, &fixture->scene.palette->rsi);
}

/* Pixels of @color inside @rect. */
static guint
count_in (Fixture         *fixture,
          const WickRect  *rect,
          const WickColor *color)
{
  return count_color (fixture, (int) ceil (rect->x), (int) ceil (rect->y),
                      (int) floor (rect->x + rect->width) - 1,
                      (int) floor (rect->y + rect->height) - 1, color);
}

/* With the pane on, the plot is shorter by its height, and RSI runs through the candles'
 * centres at the pane's scale; with it off, nothing of it is drawn where the pane was. */
static void
test_rsi (Fixture       *fixture,
          gconstpointer  data)
{
  const WickColor *color = &fixture->scene.palette->rsi;
  double pane_height = wick_viewport_lower_pane_height_for (HEIGHT);
  WickRect plot_before, plot, pane;

  wick_viewport_get_plot (fixture->viewport, &plot_before);

  set_pane (fixture, WICK_LOWER_PANE_RSI);
  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat_with_epsilon (plot.height, plot_before.height - pane_height, 1e-9);
  g_assert_true (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  g_assert_cmpfloat (pane.y, >, plot.y + plot.height);
  g_assert_cmpfloat_with_epsilon (pane.y + pane.height, HEIGHT - WICK_VIEWPORT_AXIS_HEIGHT, 1e-9);

  render (fixture);
  for (guint index = 110; index < 135; index += 6)
    g_assert_cmpuint (count_rsi_at (fixture, &pane, index), >, 0);
  g_assert_cmpuint (count_in (fixture, &pane, color), >, 50);

  set_pane (fixture, WICK_LOWER_PANE_NONE);
  render (fixture);
  g_assert_cmpuint (count_in (fixture, &pane, color), ==, 0);
}

/* MACD: its line and its signal line in the pane. */
static void
test_macd (Fixture       *fixture,
           gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  WickRect pane;

  set_pane (fixture, WICK_LOWER_PANE_MACD);
  g_assert_true (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  render (fixture);

  g_assert_cmpuint (count_color (fixture, (int) pane.x, (int) pane.y + 20,
                                 (int) (pane.x + pane.width) - 1,
                                 (int) (pane.y + pane.height) - 1, &palette->macd), >, 20);
  g_assert_cmpuint (count_color (fixture, (int) pane.x, (int) pane.y + 20,
                                 (int) (pane.x + pane.width) - 1,
                                 (int) (pane.y + pane.height) - 1, &palette->macd_signal), >, 20);
}

/* Without an analysis the pane is drawn empty. */
static void
test_no_signals (Fixture       *fixture,
                 gconstpointer  data)
{
  WickRect pane;

  fixture->scene.signals = NULL;
  set_pane (fixture, WICK_LOWER_PANE_RSI);
  g_assert_true (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  render (fixture);
  g_assert_cmpuint (count_in (fixture, &pane, &fixture->scene.palette->rsi), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render-pane/rsi", Fixture, NULL, fixture_setup, test_rsi, fixture_teardown);
  g_test_add ("/render-pane/macd", Fixture, NULL, fixture_setup, test_macd, fixture_teardown);
  g_test_add ("/render-pane/no-signals", Fixture, NULL, fixture_setup, test_no_signals,
              fixture_teardown);

  return g_test_run ();
}
