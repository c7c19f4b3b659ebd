/* test-render-signals.c: the markers of reversal signals, as pixels, and their hit-test
 *
 * The signals are the ones the analysis finds in the bundled sample; each case picks the
 * signal it needs from them rather than assuming where they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test-pixel-utils.h"
#include "wick-render.h"
#include "wick-render-signals.h"
#include "wick-sample-source.h"

#define WIDTH          800
#define HEIGHT         480
/* Candles in view: wide enough apart that neighbouring markers never share a column. */
#define VISIBLE_BARS   20
/* Two pixels' channels may differ this much and still count as the same colour. */
#define TOLERANCE      (2.5 / 255)

typedef struct
{
  WickMarket      *market;
  WickSignals     *signals;
  WickViewport    *viewport;
  const WickCandle *candles;  /* Borrowed from signals' snapshot */
  guint            n_candles;
  gint64           interval_ms;
  WickScene        scene;
  cairo_surface_t *surface;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  WickSignalsSnapshot *analysed;

  fixture->market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  snapshot = wick_signals_snapshot_new_for_market (fixture->market);
  fixture->signals = wick_signals_analyze (snapshot, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_signals_get_n_signals (fixture->signals), >, 0);

  analysed = wick_signals_get_snapshot (fixture->signals);
  fixture->candles = wick_signals_snapshot_get_candles (analysed, &fixture->n_candles);
  fixture->interval_ms = wick_signals_snapshot_get_interval_ms (analysed);

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

/* Shows VISIBLE_BARS candles from candle @first on. */
static void
show_candles_from (Fixture *fixture,
                   gint64   first)
{
  gint64 from_ms = fixture->candles[0].open_time_ms + first * fixture->interval_ms;

  wick_viewport_show_range (fixture->viewport, wick_market_get_series (fixture->market),
                            from_ms, from_ms + VISIBLE_BARS * fixture->interval_ms);
}

/* Shows VISIBLE_BARS candles around the candle of @signal. */
static void
show_around (Fixture          *fixture,
             const WickSignal *signal)
{
  show_candles_from (fixture, (gint64) signal->index - VISIBLE_BARS / 2);
}

static void
render (Fixture *fixture)
{
  g_clear_pointer (&fixture->surface, cairo_surface_destroy);
  fixture->surface = test_render_static (&fixture->scene, fixture->viewport, WIDTH, HEIGHT);
}

static gboolean
pixel_is (Fixture         *fixture,
          int              x,
          int              y,
          const WickColor *color)
{
  return test_pixel_is (fixture->surface, x, y, color, TOLERANCE);
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

/* The first signal of @direction alone at its candle in that direction, or -1. */
static int
find_lone_signal (Fixture             *fixture,
                  WickSignalDirection  direction)
{
  guint n = wick_signals_get_n_signals (fixture->signals);

  for (guint i = 0; i < n; i++)
    {
      const WickSignal *signal = wick_signals_get_signal (fixture->signals, i);
      guint same = 0;

      if (signal->direction != direction || signal->index < VISIBLE_BARS ||
          signal->index + VISIBLE_BARS >= fixture->n_candles)
        continue;

      for (guint j = 0; j < n; j++)
        {
          const WickSignal *other = wick_signals_get_signal (fixture->signals, j);

          same += other->index == signal->index && other->direction == direction;
        }

      if (same == 1)
        return (int) i;
    }

  return -1;
}

/* The marker of @index is drawn in the columns of its candle's wick on the side of
 * @direction, and nothing of its colour on the other side. */
static void
check_marker_side (Fixture             *fixture,
                   WickSignalDirection  direction)
{
  const WickPalette *palette = fixture->scene.palette;
  const WickColor *color = direction == WICK_SIGNAL_BULLISH ? &palette->signal_bullish
                                                            : &palette->signal_bearish;
  const WickSignal *signal;
  const WickCandle *candle;
  WickSignalMarker marker;
  WickRect plot;
  int index, x, low_y, high_y;
  double centre;

  index = find_lone_signal (fixture, direction);
  g_assert_cmpint (index, >=, 0);
  signal = wick_signals_get_signal (fixture->signals, index);
  candle = &fixture->candles[signal->index];

  show_around (fixture, signal);
  render (fixture);

  /* Where the viewport puts the candle: its wick's pixel column, its low and its high. */
  wick_viewport_get_plot (fixture->viewport, &plot);
  centre = wick_viewport_time_to_x (fixture->viewport,
                                    candle->open_time_ms + fixture->interval_ms / 2.0);
  x = (int) floor (centre);
  low_y = (int) ceil (wick_viewport_price_to_y (fixture->viewport, candle->low));
  high_y = (int) floor (wick_viewport_price_to_y (fixture->viewport, candle->high));
  g_assert_cmpfloat (centre, >, plot.x);
  g_assert_cmpfloat (centre, <, plot.x + plot.width);

  g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, index, &marker));
  g_assert_true (marker.has_arrow);
  g_assert_cmpfloat (marker.tip_x, ==, x + .5);

  if (direction == WICK_SIGNAL_BULLISH)
    {
      g_assert_false (marker.is_above);
      g_assert_cmpfloat (marker.bounds.y, >, low_y);
      /* Arrow and badge fill the wick's column under the low … */
      g_assert_cmpuint (count_color (fixture, x - 1, low_y + 1, x + 1, low_y + 40, color), >, 10);
      /* … the badge is as wide as drawn, and nothing of it is over the candle. */
      g_assert_true (pixel_is (fixture, (int) marker.badge.x + 1,
                               (int) (marker.badge.y + marker.badge.height / 2), color));
      g_assert_cmpuint (count_color (fixture, x - 3, (int) plot.y, x + 3, low_y - 1, color), ==, 0);
    }
  else
    {
      g_assert_true (marker.is_above);
      g_assert_cmpfloat (marker.bounds.y + marker.bounds.height, <, high_y);
      g_assert_cmpuint (count_color (fixture, x - 1, high_y - 40, x + 1, high_y - 1, color), >, 10);
      g_assert_true (pixel_is (fixture, (int) marker.badge.x + 1,
                               (int) (marker.badge.y + marker.badge.height / 2), color));
      g_assert_cmpuint (count_color (fixture, x - 3, high_y + 1, x + 3,
                                     (int) (plot.y + plot.height) - 1, color), ==, 0);
    }

  /* Without the signals, none of it is there. */
  fixture->scene.signals = NULL;
  render (fixture);
  g_assert_cmpuint (count_color (fixture, (int) plot.x, (int) plot.y,
                                 (int) (plot.x + plot.width) - 1,
                                 (int) (plot.y + plot.height) - 1, color), ==, 0);
}

static void
test_bullish_below (Fixture       *fixture,
                    gconstpointer  data)
{
  check_marker_side (fixture, WICK_SIGNAL_BULLISH);
}

static void
test_bearish_above (Fixture       *fixture,
                    gconstpointer  data)
{
  check_marker_side (fixture, WICK_SIGNAL_BEARISH);
}

/* A view that starts right after a signal's candle, with no signal in it: that signal's
 * badge would reach into the plot if it were drawn, and it is not. */
static void
test_out_of_view (Fixture       *fixture,
                  gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  guint n = wick_signals_get_n_signals (fixture->signals);
  WickRect plot;
  gint64 first = -1;

  for (guint i = 0; i < n && first < 0; i++)
    {
      guint start = wick_signals_get_signal (fixture->signals, i)->index + 1;
      gboolean is_empty = start + VISIBLE_BARS + 1 < fixture->n_candles;

      for (guint j = 0; j < n && is_empty; j++)
        {
          guint other = wick_signals_get_signal (fixture->signals, j)->index;

          is_empty = other < start || other > start + VISIBLE_BARS;
        }

      if (is_empty)
        first = start;
    }

  g_assert_cmpint (first, >=, 0);
  show_candles_from (fixture, first);
  render (fixture);

  for (guint i = 0; i < n; i++)
    {
      WickSignalMarker marker;

      g_assert_false (wick_render_signal_marker (fixture->signals, fixture->viewport, i, &marker));
    }

  wick_viewport_get_plot (fixture->viewport, &plot);
  g_assert_cmpuint (count_color (fixture, (int) plot.x, (int) plot.y,
                                 (int) (plot.x + plot.width) - 1, (int) (plot.y + plot.height) - 1,
                                 &palette->signal_bullish), ==, 0);
  g_assert_cmpuint (count_color (fixture, (int) plot.x, (int) plot.y,
                                 (int) (plot.x + plot.width) - 1, (int) (plot.y + plot.height) - 1,
                                 &palette->signal_bearish), ==, 0);
}

/* The pointer finds the marker where it is drawn, and its tooltip tells the explanation. */
static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  int index = find_lone_signal (fixture, WICK_SIGNAL_BULLISH);
  const WickSignal *signal;
  g_autofree char *tooltip = NULL;
  WickSignalMarker marker;
  double cx, cy;

  g_assert_cmpint (index, >=, 0);
  signal = wick_signals_get_signal (fixture->signals, index);
  show_around (fixture, signal);
  g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, index, &marker));

  cx = marker.badge.x + marker.badge.width / 2;
  cy = marker.badge.y + marker.badge.height / 2;
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1, cx, cy),
                   ==, index);
  /* The arrow counts, and so does a pixel or two around the marker. */
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1,
                                                 marker.tip_x, marker.tip_y + 1), ==, index);
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1,
                                                 marker.badge.x - 1, cy), ==, index);
  /* Beside it, short of the next candle's markers, or under it, nothing. */
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1,
                                                 cx + 18, cy), ==, -1);
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1,
                                                 cx, cy + marker.badge.height + 8), ==, -1);

  tooltip = wick_render_signals_dup_tooltip (fixture->signals, index);
  g_assert_nonnull (strstr (tooltip, signal->explanation));
  g_assert_nonnull (strstr (tooltip, wick_signal_kind_get_label (signal->kind)));
  g_assert_null (wick_render_signals_dup_tooltip (fixture->signals,
                                                  wick_signals_get_n_signals (fixture->signals)));
}

/* Several signals at one candle stack outward without covering each other. */
static void
test_stacked (Fixture       *fixture,
              gconstpointer  data)
{
  guint n = wick_signals_get_n_signals (fixture->signals);

  for (guint i = 0; i < n; i++)
    {
      const WickSignal *signal = wick_signals_get_signal (fixture->signals, i);
      WickSignalMarker a, b;

      for (guint j = i + 1; j < n; j++)
        {
          const WickSignal *other = wick_signals_get_signal (fixture->signals, j);

          if (other->index != signal->index || other->direction != signal->direction)
            continue;

          show_around (fixture, signal);
          g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, i, &a));
          g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, j, &b));
          g_assert_true (a.has_arrow || !b.has_arrow);
          g_assert_false (b.has_arrow);
          g_assert_cmpfloat (a.badge.x, ==, b.badge.x);
          g_assert_true (a.badge.y + a.badge.height <= b.badge.y ||
                         b.badge.y + b.badge.height <= a.badge.y);
          return;
        }
    }

  g_test_skip ("No candle of the sample has two signals of one direction");
}

static gboolean
rects_overlap (const WickRect *a,
               const WickRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* All of the sample on a narrow plot: hundreds of signals over a few hundred pixels. The
 * markers with room are drawn where the pointer finds them and never overlap; the others are
 * left out, not piled up, and are drawn, outermost and on top, only once selected. */
static void
test_crowded (Fixture       *fixture,
              gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  guint n = wick_signals_get_n_signals (fixture->signals);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (WickSignalMarker));
  guint n_in_view = 0, n_left_out = 0;
  int left_out = -1;

  WickRect plot;

  wick_viewport_set_size (fixture->viewport, 400, HEIGHT);
  wick_viewport_fit_all (fixture->viewport, wick_market_get_series (fixture->market));
  wick_viewport_get_plot (fixture->viewport, &plot);

  for (guint i = 0; i < n; i++)
    {
      WickSignalMarker marker;
      double cx, cy;

      if (!wick_render_signal_marker (fixture->signals, fixture->viewport, i, &marker))
        continue;

      n_in_view++;
      cx = marker.badge.x + marker.badge.width / 2;
      cy = marker.badge.y + marker.badge.height / 2;
      if (wick_render_signals_hit_test (fixture->signals, fixture->viewport, -1, cx, cy) ==
          (int) i)
        {
          for (guint k = 0; k < shown->len; k++)
            g_assert_false (rects_overlap (&marker.bounds,
                                           &g_array_index (shown, WickSignalMarker, k).bounds));
          g_array_append_val (shown, marker);
          continue;
        }

      /* Left out: selected, it is drawn on the outermost place, and wins the pointer
       * there, when that is in the plot. */
      n_left_out++;
      g_assert_false (marker.has_arrow);
      if (cy < plot.y + 4 || cy > plot.y + plot.height - 4)
        continue;
      g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport,
                                                     (int) i, cx, cy), ==, (int) i);
      if (left_out < 0 && marker.badge.x > plot.x + 4)
        left_out = (int) i;
    }

  g_assert_cmpuint (n_in_view, >, 100);
  g_assert_cmpuint (shown->len, >, 10);
  g_assert_cmpuint (n_left_out, >, 0);
  g_assert_cmpuint (shown->len + n_left_out, ==, n_in_view);
  g_assert_cmpint (left_out, >=, 0);

  /* A left-out marker that is selected gets its ring. */
  {
    WickSignalMarker marker;

    g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, left_out,
                                              &marker));
    fixture->scene.selected_signal = left_out;
    g_clear_pointer (&fixture->surface, cairo_surface_destroy);
    fixture->surface = test_render_static (&fixture->scene, fixture->viewport, 400, HEIGHT);
    g_assert_true (pixel_is (fixture, (int) marker.badge.x - 2,
                             (int) (marker.badge.y + marker.badge.height / 2), &palette->text));
  }
}

/* Where candles are narrower than a pixel, the chart draws one bar per pixel column: an arrow
 * points at that bar's end (the lowest low or highest high of the column's candles, worked
 * out here candle by candle), not at its own candle's inside the bar. */
static void
test_dense_columns (Fixture       *fixture,
                    gconstpointer  data)
{
  WickSeries *series = wick_market_get_series (fixture->market);
  const WickCandle *candles = wick_series_get_candles (series);
  guint n_candles = wick_series_get_length (series);
  gint64 interval_ms = wick_series_get_interval_ms (series);
  guint n = wick_signals_get_n_signals (fixture->signals);
  g_autoptr(WickLod) lod = wick_lod_new (series);
  guint n_arrows = 0, n_inside = 0;

  wick_viewport_set_size (fixture->viewport, 400, HEIGHT);
  wick_viewport_fit_all (fixture->viewport, series);

  for (guint i = 0; i < n; i++)
    {
      const WickSignal *signal = wick_signals_get_signal (fixture->signals, i);
      WickSignalMarker marker, from_lod;
      double column, low = INFINITY, high = -INFINITY, expected;
      gboolean shown;

      /* The pyramid of the candles drawn finds the same bars. */
      shown = wick_render_signal_marker (fixture->signals, fixture->viewport, i, &marker);
      g_assert_cmpint (shown, ==, wick_render_signal_marker_full (fixture->signals,
                                                                   fixture->viewport, lod, i, 0,
                                                                   &from_lod));
      g_assert_cmpfloat (marker.tip_y, ==, from_lod.tip_y);
      g_assert_cmpfloat (marker.bounds.y, ==, from_lod.bounds.y);
      g_assert_cmpint (marker.has_arrow, ==, from_lod.has_arrow);
      if (!shown || !marker.has_arrow)
        continue;

      column = floor (marker.tip_x);
      for (guint j = 0; j < n_candles; j++)
        {
          double x = wick_viewport_time_to_x (fixture->viewport,
                                              candles[j].open_time_ms + interval_ms / 2.0);

          if (floor (x) == column)
            {
              low = MIN (low, candles[j].low);
              high = MAX (high, candles[j].high);
            }
        }

      if (marker.is_above)
        expected = floor (wick_viewport_price_to_y (fixture->viewport, high)) -
                   WICK_RENDER_SIGNAL_GAP;
      else
        expected = ceil (wick_viewport_price_to_y (fixture->viewport, low)) +
                   WICK_RENDER_SIGNAL_GAP;
      g_assert_cmpfloat (marker.tip_y, ==, expected);

      n_arrows++;
      n_inside += marker.is_above ? candles[signal->index].high < high
                                  : candles[signal->index].low > low;
    }

  /* Enough arrows, and some whose own candle is inside its column's bar. */
  g_assert_cmpuint (n_arrows, >, 10);
  g_assert_cmpuint (n_inside, >, 0);
}

/* Many markers are copied from one drawing of each: the picture is the one drawing each
 * gives (here replayed from a recording, which draws each), to a step of rounding where a
 * marker's arrow, badge and tag overlap. */
static void
test_sprites (Fixture       *fixture,
              gconstpointer  data)
{
  const int width = 400;
  cairo_surface_t *copied, *drawn, *recording;
  cairo_t *cr;
  guint n_different = 0, n_marker = 0;
  int max_step = 0;

  wick_viewport_set_size (fixture->viewport, width, HEIGHT);
  wick_viewport_fit_all (fixture->viewport, wick_market_get_series (fixture->market));

  copied = test_render_static (&fixture->scene, fixture->viewport, width, HEIGHT);

  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  wick_render_static (cr, &fixture->scene, fixture->viewport);
  cairo_destroy (cr);
  drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, HEIGHT);
  cr = cairo_create (drawn);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (drawn);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = *(guint32 *) (cairo_image_surface_get_data (copied) +
                                  y * cairo_image_surface_get_stride (copied) + 4 * x);
        guint32 b = *(guint32 *) (cairo_image_surface_get_data (drawn) +
                                  y * cairo_image_surface_get_stride (drawn) + 4 * x);

        n_marker += test_pixel_is (drawn, x, y, &fixture->scene.palette->signal_bearish,
                                   TOLERANCE);
        if (a == b)
          continue;
        n_different++;
        for (int shift = 0; shift < 32; shift += 8)
          max_step = MAX (max_step, abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
      }

  g_test_message ("%u marker pixels, %u different, by at most %d", n_marker, n_different, max_step);
  /* Plenty of markers, and the same pixels but for rounding at a few. */
  g_assert_cmpuint (n_marker, >, 2000);
  g_assert_cmpint (max_step, <=, 1);
  g_assert_cmpuint (n_different, <, n_marker / 10);

  cairo_surface_destroy (copied);
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (recording);
}

/* The selected marker gets a ring in the text colour, and wins the pointer. */
static void
test_selected (Fixture       *fixture,
               gconstpointer  data)
{
  const WickPalette *palette = fixture->scene.palette;
  int index = find_lone_signal (fixture, WICK_SIGNAL_BEARISH);
  WickSignalMarker marker;
  int ring_x, mid_y;

  g_assert_cmpint (index, >=, 0);
  show_around (fixture, wick_signals_get_signal (fixture->signals, index));
  g_assert_true (wick_render_signal_marker (fixture->signals, fixture->viewport, index, &marker));
  ring_x = (int) marker.badge.x - 2;
  mid_y = (int) (marker.badge.y + marker.badge.height / 2);

  render (fixture);
  g_assert_false (pixel_is (fixture, ring_x, mid_y, &palette->text));

  fixture->scene.selected_signal = index;
  render (fixture);
  g_assert_true (pixel_is (fixture, ring_x, mid_y, &palette->text));
  g_assert_true (pixel_is (fixture, (int) marker.badge.x + 1, mid_y, &palette->signal_bearish));
  g_assert_cmpint (wick_render_signals_hit_test (fixture->signals, fixture->viewport, index,
                                                 marker.badge.x + 2, mid_y), ==, index);
}

#define ADD_TEST(path, func) \
  g_test_add ("/wick/render-signals/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("bullish-below", test_bullish_below);
  ADD_TEST ("bearish-above", test_bearish_above);
  ADD_TEST ("out-of-view", test_out_of_view);
  ADD_TEST ("hit-test", test_hit_test);
  ADD_TEST ("stacked", test_stacked);
  ADD_TEST ("selected", test_selected);
  ADD_TEST ("crowded", test_crowded);
  ADD_TEST ("dense-columns", test_dense_columns);
  ADD_TEST ("sprites", test_sprites);

  return g_test_run ();
}
