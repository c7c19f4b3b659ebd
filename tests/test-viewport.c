/* test-viewport.c: the time/price ↔ pixel mapping, zoom, pan, clamping and fitting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-viewport.h"

#include <math.h>

#define HOUR_MS  3600000
#define T0       G_GINT64_CONSTANT (1767225600000) /* 2026-01-01 00:00 UTC */
#define YEAR_MS  (365.25 * 86400000.0)

typedef struct
{
  WickViewport *viewport;
  WickSeries   *series;
  guint         n_changed;
} Fixture;

static void
on_changed_cb (WickViewport *viewport,
               Fixture      *fixture)
{
  fixture->n_changed++;
}

/* 100 hourly candles around 95,000; candle i has low 90,000 + i and high 95,000 + i. */
static WickSeries *
make_series (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new0 (WickCandle, n);
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < n; i++)
    {
      candles[i].open_time_ms = T0 + (gint64) i * HOUR_MS;
      candles[i].low = 90000 + i;
      candles[i].high = 95000 + i;
      candles[i].open = 92000 + i;
      candles[i].close = 93000 + i;
      candles[i].volume = 10 + i;
    }

  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&series);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->viewport = wick_viewport_new ();
  /* A plot of 1000 × 600. */
  wick_viewport_set_size (fixture->viewport,
                          1000 + WICK_VIEWPORT_AXIS_WIDTH, 600 + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 100.0 * HOUR_MS);
  wick_viewport_set_price_range (fixture->viewport, 90000, 100000);
  fixture->series = make_series (100);
  g_signal_connect (fixture->viewport, "changed", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->viewport);
  g_assert_finalize_object (fixture->series);
}

static void
test_plot (Fixture       *fixture,
           gconstpointer  data)
{
  WickRect plot;

  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat (plot.x, ==, 0);
  g_assert_cmpfloat (plot.y, ==, 0);
  g_assert_cmpfloat (plot.width, ==, 1000);
  g_assert_cmpfloat (plot.height, ==, 600);

  g_assert_cmpfloat_with_epsilon (wick_viewport_time_to_x (fixture->viewport, T0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_time_to_x (fixture->viewport,
                                                           T0 + 100.0 * HOUR_MS), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_time_to_x (fixture->viewport,
                                                           T0 + 50.0 * HOUR_MS), 500, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 90000), 600, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 100000), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_get_ms_per_pixel (fixture->viewport),
                                  100.0 * HOUR_MS / 1000, 1e-9);

  /* A header moves the plot down and shrinks it. */
  wick_viewport_set_header_height (fixture->viewport, 50);
  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat (plot.y, ==, 50);
  g_assert_cmpfloat (plot.height, ==, 550);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 100000), 50, 1e-9);
}

/* A lower pane shortens the plot, sits between it and the time axis, and takes no part in
 * the price mapping but for that. */
static void
test_lower_pane (Fixture       *fixture,
                 gconstpointer  data)
{
  WickRect plot, pane;

  g_assert_false (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  g_assert_cmpfloat (pane.height, ==, 0);

  g_assert_cmpfloat (wick_viewport_lower_pane_height_for (1000), ==, 220);
  g_assert_cmpfloat (wick_viewport_lower_pane_height_for (200), ==, WICK_VIEWPORT_LOWER_PANE_MIN);

  fixture->n_changed = 0;
  wick_viewport_set_lower_pane_height (fixture->viewport, 150);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpfloat (wick_viewport_get_lower_pane_height (fixture->viewport), ==, 150);
  wick_viewport_set_lower_pane_height (fixture->viewport, 150);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat (plot.y, ==, 0);
  g_assert_cmpfloat (plot.width, ==, 1000);
  g_assert_cmpfloat (plot.height, ==, 450);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 90000), 450, 1e-9);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 100000), 0, 1e-9);

  g_assert_true (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  g_assert_cmpfloat (pane.x, ==, plot.x);
  g_assert_cmpfloat (pane.width, ==, plot.width);
  g_assert_cmpfloat (pane.y, ==, 450 + WICK_VIEWPORT_LOWER_PANE_GAP);
  g_assert_cmpfloat (pane.y + pane.height, ==, 600);

  /* With a header, too. */
  wick_viewport_set_header_height (fixture->viewport, 50);
  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat (plot.height, ==, 400);
  g_assert_true (wick_viewport_get_lower_pane (fixture->viewport, &pane));
  g_assert_cmpfloat (pane.y + pane.height, ==, 600);

  wick_viewport_set_lower_pane_height (fixture->viewport, 0);
  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpfloat (plot.height, ==, 550);
  g_assert_false (wick_viewport_get_lower_pane (fixture->viewport, &pane));
}

static void
test_round_trip_time (Fixture       *fixture,
                      gconstpointer  data)
{
  static const double xs[] = { -500, 0, 0.5, 1, 123.456, 500, 999.999, 1000, 2500 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      double t = wick_viewport_x_to_time (fixture->viewport, xs[i]);
      double x = wick_viewport_time_to_x (fixture->viewport, t);

      g_assert_cmpfloat_with_epsilon (x, xs[i], 1e-6);
      g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, x), t, 1e-3);
    }
}

static void
test_round_trip_price (Fixture       *fixture,
                       gconstpointer  data)
{
  static const double prices[] = { 1, 1000, 89999.99, 90000, 92345.67, 95000, 100000, 250000 };
  static const double ys[] = { -100, 0, 1, 299.5, 600, 601, 1200 };
  gboolean log_scale;

  for (log_scale = FALSE; log_scale <= TRUE; log_scale++)
    {
      guint i;

      wick_viewport_set_log_scale (fixture->viewport, log_scale);
      g_assert_cmpint (wick_viewport_get_log_scale (fixture->viewport), ==, log_scale);

      for (i = 0; i < G_N_ELEMENTS (prices); i++)
        {
          double y = wick_viewport_price_to_y (fixture->viewport, prices[i]);

          g_assert_cmpfloat_with_epsilon (wick_viewport_y_to_price (fixture->viewport, y),
                                          prices[i], prices[i] * 1e-12);
        }

      for (i = 0; i < G_N_ELEMENTS (ys); i++)
        {
          double price = wick_viewport_y_to_price (fixture->viewport, ys[i]);

          g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, price),
                                          ys[i], 1e-6);
        }

      /* The ends map to the plot's edges in both scales. */
      g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 90000),
                                      600, 1e-9);
      g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 100000),
                                      0, 1e-9);
    }

  /* Log space: equal ratios are equal distances. */
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (fixture->viewport, 1000) -
                                  wick_viewport_price_to_y (fixture->viewport, 10000),
                                  wick_viewport_price_to_y (fixture->viewport, 10000) -
                                  wick_viewport_price_to_y (fixture->viewport, 100000),
                                  1e-6);
}

static void
test_zoom_time (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct
  {
    double x;
    double factor;
  } cases[] = {
    { 0, 2 }, { 500, 2 }, { 1000, 2 }, { 123.4, 1.25 }, { 700, 0.5 }, { 250, 0.8 }, { -50, 3 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double from, to, span_before, span_after, t_before, t_after;

      wick_viewport_set_time_range (fixture->viewport, T0, T0 + 100.0 * HOUR_MS);
      wick_viewport_get_time_range (fixture->viewport, &from, &to);
      span_before = to - from;
      t_before = wick_viewport_x_to_time (fixture->viewport, cases[i].x);

      fixture->n_changed = 0;
      wick_viewport_zoom_time_at (fixture->viewport, cases[i].x, cases[i].factor);
      g_assert_cmpuint (fixture->n_changed, ==, 1);

      wick_viewport_get_time_range (fixture->viewport, &from, &to);
      span_after = to - from;
      t_after = wick_viewport_x_to_time (fixture->viewport, cases[i].x);

      g_assert_cmpfloat_with_epsilon (t_after, t_before, 1e-3);
      g_assert_cmpfloat_with_epsilon (span_after, span_before / cases[i].factor, 1e-3);
    }
}

static void
test_zoom_price (Fixture       *fixture,
                 gconstpointer  data)
{
  static const double ys[] = { 0, 150, 300, 599, 42.5 };
  static const double factors[] = { 2, 0.5, 1.5 };
  gboolean log_scale;

  for (log_scale = FALSE; log_scale <= TRUE; log_scale++)
    {
      guint i, j;

      for (i = 0; i < G_N_ELEMENTS (ys); i++)
        for (j = 0; j < G_N_ELEMENTS (factors); j++)
          {
            double low, high, before, after, height_before, height_after;

            wick_viewport_set_log_scale (fixture->viewport, log_scale);
            wick_viewport_set_price_range (fixture->viewport, 90000, 100000);
            wick_viewport_set_auto_price (fixture->viewport, TRUE);
            before = wick_viewport_y_to_price (fixture->viewport, ys[i]);
            height_before = wick_viewport_price_to_y (fixture->viewport, 91000) -
                            wick_viewport_price_to_y (fixture->viewport, 92000);

            fixture->n_changed = 0;
            wick_viewport_zoom_price_at (fixture->viewport, ys[i], factors[j]);
            g_assert_cmpuint (fixture->n_changed, ==, 1);
            g_assert_false (wick_viewport_get_auto_price (fixture->viewport));

            after = wick_viewport_y_to_price (fixture->viewport, ys[i]);
            g_assert_cmpfloat_with_epsilon (after, before, before * 1e-12);

            wick_viewport_get_price_range (fixture->viewport, &low, &high);
            g_assert_cmpfloat (low, <, high);
            if (!log_scale)
              g_assert_cmpfloat_with_epsilon (high - low, 10000 / factors[j], 1e-6);

            /* Zooming in stretches prices vertically by the factor (near the pivot in log). */
            height_after = wick_viewport_price_to_y (fixture->viewport, 91000) -
                           wick_viewport_price_to_y (fixture->viewport, 92000);
            g_assert_cmpfloat_with_epsilon (height_after / height_before, factors[j], 1e-6);
          }
    }
}

static void
test_pan (Fixture       *fixture,
          gconstpointer  data)
{
  double from, to, low, high, ms_per_px;
  double price_before;

  ms_per_px = wick_viewport_get_ms_per_pixel (fixture->viewport);

  /* Dragging right by 100 px shows earlier times: the content follows the pointer. */
  fixture->n_changed = 0;
  wick_viewport_pan (fixture->viewport, 100, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (from, T0 - 100 * ms_per_px, 1e-3);
  g_assert_cmpfloat_with_epsilon (to, T0 + 100.0 * HOUR_MS - 100 * ms_per_px, 1e-3);
  /* The time that was at x = 200 is now at x = 300. */
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 300),
                                  T0 + 200 * ms_per_px, 1e-3);

  /* Dragging left shows later times. */
  wick_viewport_pan (fixture->viewport, -250, 0);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (from, T0 + 150 * ms_per_px, 1e-3);

  /* With auto-price on, vertical motion is ignored. */
  g_assert_true (wick_viewport_get_auto_price (fixture->viewport));
  fixture->n_changed = 0;
  wick_viewport_pan (fixture->viewport, 0, 40);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  wick_viewport_get_price_range (fixture->viewport, &low, &high);
  g_assert_cmpfloat (low, ==, 90000);
  g_assert_cmpfloat (high, ==, 100000);

  /* With it off, dragging down by 60 px (a tenth of the plot) shows higher prices: the price
   * that was under y = 200 is now under y = 260. */
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  price_before = wick_viewport_y_to_price (fixture->viewport, 200);
  wick_viewport_pan (fixture->viewport, 0, 60);
  wick_viewport_get_price_range (fixture->viewport, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 91000, 1e-6);
  g_assert_cmpfloat_with_epsilon (high, 101000, 1e-6);
  g_assert_cmpfloat_with_epsilon (wick_viewport_y_to_price (fixture->viewport, 260),
                                  price_before, 1e-6);

  /* The same in log space. */
  wick_viewport_set_log_scale (fixture->viewport, TRUE);
  price_before = wick_viewport_y_to_price (fixture->viewport, 200);
  wick_viewport_pan (fixture->viewport, 0, -35);
  g_assert_cmpfloat_with_epsilon (wick_viewport_y_to_price (fixture->viewport, 165),
                                  price_before, price_before * 1e-12);
}

static void
test_clamp (Fixture       *fixture,
            gconstpointer  data)
{
  double from, to;

  /* A range shorter than a minute grows to a minute around its centre. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 1000);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (to - from, 60000, 1e-6);
  g_assert_cmpfloat_with_epsilon ((from + to) / 2, T0 + 500, 1e-3);

  /* Zooming in past a minute stops at a minute, keeping the time under the pointer. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 100.0 * HOUR_MS);
  wick_viewport_zoom_time_at (fixture->viewport, 250, 1e9);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (to - from, 60000, 1e-6);
  g_assert_cmpfloat_with_epsilon (wick_viewport_x_to_time (fixture->viewport, 250),
                                  T0 + 25.0 * HOUR_MS, 1e-3);

  /* Zooming out stops at 200 years. */
  wick_viewport_zoom_time_at (fixture->viewport, 500, 1e-12);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (to - from, 200 * YEAR_MS, 1);

  /* Already at the limit: zooming out further changes nothing. */
  fixture->n_changed = 0;
  wick_viewport_zoom_time_at (fixture->viewport, 500, 0.5);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (to - from, 200 * YEAR_MS, 1);

  wick_viewport_set_time_range (fixture->viewport, 0, 1000 * YEAR_MS);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat_with_epsilon (to - from, 200 * YEAR_MS, 1);

  /* Reversed ranges are put in order. */
  wick_viewport_set_time_range (fixture->viewport, T0 + 100.0 * HOUR_MS, T0);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat (from, ==, T0);
  g_assert_cmpfloat (to, ==, T0 + 100.0 * HOUR_MS);
}

/* The plot x of the first candle's start and of the last candle's end. */
static void
data_edges (Fixture    *fixture,
            WickSeries *series,
            double     *left,
            double     *right)
{
  guint n = wick_series_get_length (series);

  *left = wick_viewport_time_to_x (fixture->viewport,
                                   wick_series_get_candle (series, 0)->open_time_ms);
  *right = wick_viewport_time_to_x (fixture->viewport,
                                    wick_series_get_candle (series, n - 1)->open_time_ms +
                                    (double) HOUR_MS);
}

static double
get_span (WickViewport *viewport)
{
  double from, to;

  wick_viewport_get_time_range (viewport, &from, &to);
  return to - from;
}

static void
test_clamp_to_series (Fixture       *fixture,
                      gconstpointer  data)
{
  double from, to, from_after, to_after, left, right;

  /* In view: nothing moves, nothing is emitted. */
  wick_viewport_pan (fixture->viewport, -300, 0);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  fixture->n_changed = 0;
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  wick_viewport_get_time_range (fixture->viewport, &from_after, &to_after);
  g_assert_cmpfloat (from_after, ==, from);
  g_assert_cmpfloat (to_after, ==, to);

  /* Dragged far left, into the empty future: the last candle's end comes back to 20 % of the
   * plot (200 px), and the span is kept. */
  wick_viewport_pan (fixture->viewport, -100000, 0);
  fixture->n_changed = 0;
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  data_edges (fixture, fixture->series, &left, &right);
  g_assert_cmpfloat_with_epsilon (right, 200, 1e-6);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 100.0 * HOUR_MS, 1e-3);

  /* Back inside the limit: a small drag right is kept as it is. */
  wick_viewport_pan (fixture->viewport, 50, 0);
  fixture->n_changed = 0;
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Dragged far right, into the empty past: the first candle's start stops at 80 %. */
  wick_viewport_pan (fixture->viewport, 100000, 0);
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  data_edges (fixture, fixture->series, &left, &right);
  g_assert_cmpfloat_with_epsilon (left, 800, 1e-6);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 100.0 * HOUR_MS, 1e-3);
}

static void
test_clamp_zoom_out (Fixture       *fixture,
                     gconstpointer  data)
{
  double left, right, centre_before, centre_after;

  /* Zoomed in on the first hours, then out as far as it goes around the right edge. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 10.0 * HOUR_MS);
  wick_viewport_zoom_time_at (fixture->viewport, 1000, 1e-12);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 200 * YEAR_MS, 1);
  data_edges (fixture, fixture->series, &left, &right);
  centre_before = (left + right) / 2;

  /* The data would be a sliver: the span shrinks to five times the data, and all the data is
   * in view, a fifth of the plot wide, its centre where it was or as close as the edges
   * allow. */
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 500.0 * HOUR_MS, 1e-3);
  data_edges (fixture, fixture->series, &left, &right);
  centre_after = (left + right) / 2;
  g_assert_cmpfloat_with_epsilon (right - left, 200, 1e-6);
  g_assert_cmpfloat (left, >=, -1e-6);
  g_assert_cmpfloat (right, <=, 1000 + 1e-6);
  g_assert_cmpfloat_with_epsilon (centre_after, CLAMP (centre_before, 100, 900), 1e-6);

  /* Zoomed out a little, within that limit: the span is kept. */
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 100.0 * HOUR_MS);
  wick_viewport_zoom_time_at (fixture->viewport, 500, 0.5);
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 200.0 * HOUR_MS, 1e-3);

  /* More data, a wider limit: 400 candles may take 2000 hours. */
  g_clear_object (&fixture->series);
  fixture->series = make_series (400);
  wick_viewport_zoom_time_at (fixture->viewport, 0, 1e-12);
  wick_viewport_clamp_to_series (fixture->viewport, fixture->series);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 2000.0 * HOUR_MS, 1e-3);
  data_edges (fixture, fixture->series, &left, &right);
  g_assert_cmpfloat_with_epsilon (right - left, 200, 1e-6);
}

static void
test_clamp_short_series (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickSeries) short_series = make_series (10);
  g_autoptr(WickSeries) empty = wick_series_new (HOUR_MS);
  double left, right, from, to, from_after, to_after;

  /* Ten hours in a 100-hour view: 100 px, less than 20 % of the plot, so all of it stays in
   * view, at either edge. */
  wick_viewport_pan (fixture->viewport, -5000, 0);
  wick_viewport_clamp_to_series (fixture->viewport, short_series);
  data_edges (fixture, short_series, &left, &right);
  g_assert_cmpfloat_with_epsilon (left, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (right, 100, 1e-6);

  wick_viewport_pan (fixture->viewport, 5000, 0);
  wick_viewport_clamp_to_series (fixture->viewport, short_series);
  data_edges (fixture, short_series, &left, &right);
  g_assert_cmpfloat_with_epsilon (left, 900, 1e-6);
  g_assert_cmpfloat_with_epsilon (right, 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 100.0 * HOUR_MS, 1e-3);

  /* Zoomed out far, a few candles still get a span of 500 candles, not five times theirs. */
  wick_viewport_zoom_time_at (fixture->viewport, 500, 1e-12);
  wick_viewport_clamp_to_series (fixture->viewport, short_series);
  g_assert_cmpfloat_with_epsilon (get_span (fixture->viewport), 500.0 * HOUR_MS, 1e-3);
  data_edges (fixture, short_series, &left, &right);
  g_assert_cmpfloat (left, >=, -1e-6);
  g_assert_cmpfloat (right, <=, 1000 + 1e-6);

  /* An empty series: nothing to keep in view, nothing moves, nothing is emitted. */
  wick_viewport_pan (fixture->viewport, 1e6, 0);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  fixture->n_changed = 0;
  wick_viewport_clamp_to_series (fixture->viewport, empty);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  wick_viewport_get_time_range (fixture->viewport, &from_after, &to_after);
  g_assert_cmpfloat (from_after, ==, from);
  g_assert_cmpfloat (to_after, ==, to);
}

static void
assert_fitted (WickViewport *viewport,
               double        lowest,
               double        highest)
{
  WickRect plot;

  wick_viewport_get_plot (viewport, &plot);
  /* 10 % free at the top, 22 % at the bottom. */
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (viewport, highest),
                                  plot.y + 0.10 * plot.height, 1e-6);
  g_assert_cmpfloat_with_epsilon (wick_viewport_price_to_y (viewport, lowest),
                                  plot.y + 0.78 * plot.height, 1e-6);
}

static void
test_fit_prices (Fixture       *fixture,
                 gconstpointer  data)
{
  double low, high, from_low, from_high;
  gboolean log_scale;

  for (log_scale = FALSE; log_scale <= TRUE; log_scale++)
    {
      wick_viewport_set_log_scale (fixture->viewport, log_scale);

      /* Candles 10..19 are visible: 9 ends at the left edge, 19 opens before the right. */
      wick_viewport_set_time_range (fixture->viewport, T0 + 10.0 * HOUR_MS, T0 + 19.5 * HOUR_MS);
      wick_viewport_fit_prices (fixture->viewport, fixture->series);
      assert_fitted (fixture->viewport, 90010, 95019);

      /* A candle partly visible on the left counts. */
      wick_viewport_set_time_range (fixture->viewport, T0 + 9.5 * HOUR_MS, T0 + 12.0 * HOUR_MS);
      wick_viewport_fit_prices (fixture->viewport, fixture->series);
      assert_fitted (fixture->viewport, 90009, 95011);
    }

  /* Nothing visible: the range stays, and nothing is emitted. */
  wick_viewport_set_time_range (fixture->viewport, T0 + 500.0 * HOUR_MS, T0 + 600.0 * HOUR_MS);
  wick_viewport_get_price_range (fixture->viewport, &low, &high);
  fixture->n_changed = 0;
  wick_viewport_fit_prices (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  wick_viewport_get_price_range (fixture->viewport, &from_low, &from_high);
  g_assert_cmpfloat (from_low, ==, low);
  g_assert_cmpfloat (from_high, ==, high);
}

static void
test_fit_all (Fixture       *fixture,
              gconstpointer  data)
{
  double from, to;

  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  fixture->n_changed = 0;
  wick_viewport_fit_all (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (wick_viewport_get_auto_price (fixture->viewport));

  /* The whole series and three empty candles on the right. */
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat (from, ==, T0);
  g_assert_cmpfloat (to, ==, T0 + 103.0 * HOUR_MS);
  assert_fitted (fixture->viewport, 90000, 95099);

  /* Again: nothing changes, nothing is emitted. */
  wick_viewport_fit_all (fixture->viewport, fixture->series);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

static void
test_show_range (Fixture       *fixture,
                 gconstpointer  data)
{
  double from, to;

  fixture->n_changed = 0;
  wick_viewport_show_range (fixture->viewport, fixture->series,
                            T0 + 20 * HOUR_MS, T0 + 40 * HOUR_MS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  wick_viewport_get_time_range (fixture->viewport, &from, &to);
  g_assert_cmpfloat (from, ==, T0 + 20 * HOUR_MS);
  g_assert_cmpfloat (to, ==, T0 + 40 * HOUR_MS);
  assert_fitted (fixture->viewport, 90020, 95039);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(WickViewport) copy = NULL;
  double low, high;

  fixture->n_changed = 0;

  /* No change, no emission. */
  wick_viewport_set_size (fixture->viewport,
                          1000 + WICK_VIEWPORT_AXIS_WIDTH, 600 + WICK_VIEWPORT_AXIS_HEIGHT);
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 100.0 * HOUR_MS);
  wick_viewport_set_price_range (fixture->viewport, 90000, 100000);
  wick_viewport_set_log_scale (fixture->viewport, FALSE);
  wick_viewport_set_auto_price (fixture->viewport, TRUE);
  wick_viewport_set_header_height (fixture->viewport, 0);
  wick_viewport_pan (fixture->viewport, 0, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* One emission per change. */
  wick_viewport_set_size (fixture->viewport, 800, 600);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  wick_viewport_set_time_range (fixture->viewport, T0, T0 + 50.0 * HOUR_MS);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  wick_viewport_set_price_range (fixture->viewport, 91000, 99000);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  wick_viewport_set_log_scale (fixture->viewport, TRUE);
  wick_viewport_set_log_scale (fixture->viewport, TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  wick_viewport_set_auto_price (fixture->viewport, FALSE);
  g_assert_cmpuint (fixture->n_changed, ==, 5);
  wick_viewport_pan (fixture->viewport, 10, 10);
  g_assert_cmpuint (fixture->n_changed, ==, 6);
  wick_viewport_set_header_height (fixture->viewport, 40);
  g_assert_cmpuint (fixture->n_changed, ==, 7);

  /* A copy has the same mapping and its own signal. */
  copy = wick_viewport_dup (fixture->viewport);
  wick_viewport_get_price_range (copy, &low, &high);
  g_assert_cmpfloat (wick_viewport_price_to_y (copy, 95000), ==,
                     wick_viewport_price_to_y (fixture->viewport, 95000));
  g_assert_cmpfloat (wick_viewport_time_to_x (copy, T0 + 3.0 * HOUR_MS), ==,
                     wick_viewport_time_to_x (fixture->viewport, T0 + 3.0 * HOUR_MS));
  g_assert_true (wick_viewport_get_log_scale (copy));
  g_assert_cmpfloat (wick_viewport_get_header_height (copy), ==, 40);
  wick_viewport_set_size (copy, 300, 200);
  g_assert_cmpuint (fixture->n_changed, ==, 7);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notify)
{
  (*n_notify)++;
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  gboolean log_scale = FALSE, auto_price = FALSE;
  guint n_log_notify = 0, n_auto_notify = 0;

  g_signal_connect (fixture->viewport, "notify::log-scale",
                    G_CALLBACK (on_notify_cb), &n_log_notify);
  g_signal_connect (fixture->viewport, "notify::auto-price",
                    G_CALLBACK (on_notify_cb), &n_auto_notify);

  g_object_set (fixture->viewport, "log-scale", TRUE, NULL);
  g_object_set (fixture->viewport, "log-scale", TRUE, NULL);
  g_object_get (fixture->viewport, "log-scale", &log_scale, "auto-price", &auto_price, NULL);
  g_assert_true (log_scale);
  g_assert_true (auto_price);
  g_assert_cmpuint (n_log_notify, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  wick_viewport_zoom_price_at (fixture->viewport, 100, 2);
  g_object_get (fixture->viewport, "auto-price", &auto_price, NULL);
  g_assert_false (auto_price);
  g_assert_cmpuint (n_auto_notify, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/viewport/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("plot", test_plot);
  ADD_TEST ("lower-pane", test_lower_pane);
  ADD_TEST ("round-trip-time", test_round_trip_time);
  ADD_TEST ("round-trip-price", test_round_trip_price);
  ADD_TEST ("zoom-time", test_zoom_time);
  ADD_TEST ("zoom-price", test_zoom_price);
  ADD_TEST ("pan", test_pan);
  ADD_TEST ("clamp", test_clamp);
  ADD_TEST ("clamp-to-series", test_clamp_to_series);
  ADD_TEST ("clamp-zoom-out", test_clamp_zoom_out);
  ADD_TEST ("clamp-short-series", test_clamp_short_series);
  ADD_TEST ("fit-prices", test_fit_prices);
  ADD_TEST ("fit-all", test_fit_all);
  ADD_TEST ("show-range", test_show_range);
  ADD_TEST ("changed", test_changed);
  ADD_TEST ("properties", test_properties);

  return g_test_run ();
}
