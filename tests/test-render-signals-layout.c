/* test-render-signals-layout.c: the markers' layout against a plain one, over many views
 *
 * The layout looks pixel columns' candles and signals up from guesses, reads the columns'
 * extremes from the pyramid and skips the signals of full columns unread. The plain layout
 * here does none of that: it maps every candle to its column, and tries every signal in
 * view against every marker placed. Both must place the same markers, to the bit, in every
 * view: zoomed in and out, panned past the candles' ends, on candles with gaps, on linear
 * and logarithmic prices, with kinds hidden and a signal selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wick-lod.h"
#include "wick-render-signals-private.h"
#include "wick-sample-source.h"

#define HOUR_MS    G_GINT64_CONSTANT (3600000)
#define T0         G_GINT64_CONSTANT (1767225600000)
#define N_VIEWS    60
/* As the layout's: far enough beyond the plot that no marker there is ever seen. */
#define FAR_PX     (1 << 24)

/* ---- the search from a guess ---- */

typedef struct
{
  const gboolean *past;
} Steps;

static gboolean
step_is_past (gconstpointer data,
              guint         index)
{
  return ((const Steps *) data)->past[index];
}

/* Whatever the guess, in the range or out of it, the boundary found is the first item past
 * it, as a plain scan finds it. */
static void
test_first_past (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gboolean past[80];
  Steps steps = { past };

  for (guint round = 0; round < 300; round++)
    {
      guint n = g_rand_int_range (rand, 0, G_N_ELEMENTS (past) + 1);
      guint boundary = g_rand_int_range (rand, 0, n + 1);
      guint lo = g_rand_int_range (rand, 0, n + 1);
      guint hi = g_rand_int_range (rand, lo, n + 1);
      guint expected = MAX (lo, MIN (boundary, hi));

      for (guint i = 0; i < n; i++)
        past[i] = i >= boundary;

      for (guint guess = 0; guess <= n + 3; guess++)
        g_assert_cmpuint (_wick_render_first_past (step_is_past, &steps, lo, hi, guess), ==,
                          expected);
      g_assert_cmpuint (_wick_render_first_past (step_is_past, &steps, lo, hi, G_MAXUINT), ==,
                        expected);
    }
}

/* ---- the plain layout ---- */

typedef struct
{
  WickSignals      *signals;
  WickViewport     *viewport;
  const WickCandle *candles;   /* Borrowed from the analysis */
  guint             n_candles;
  gint64            interval_ms;
  WickRect          plot;
  gboolean          is_dense;
  double            first_column;
  guint             n_columns;
  double           *lows;      /* Owned: by column from first_column, NAN for none */
  double           *highs;     /* Owned */
} Plain;

static double
plain_candle_x (const Plain *plain,
                gint64       open_time_ms)
{
  return wick_viewport_time_to_x (plain->viewport, open_time_ms + plain->interval_ms / 2.0);
}

/* Every candle's column, and each column's lowest low and highest high, one candle at a
 * time. */
static void
plain_init (Plain        *plain,
            WickSignals  *signals,
            WickViewport *viewport)
{
  WickSignalsSnapshot *snapshot = wick_signals_get_snapshot (signals);
  double from_ms, to_ms;

  memset (plain, 0, sizeof *plain);
  plain->signals = signals;
  plain->viewport = viewport;
  plain->candles = wick_signals_snapshot_get_candles (snapshot, &plain->n_candles);
  plain->interval_ms = wick_signals_snapshot_get_interval_ms (snapshot);
  wick_viewport_get_plot (viewport, &plain->plot);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  plain->is_dense = to_ms > from_ms && plain->interval_ms * plain->plot.width < to_ms - from_ms;

  plain->first_column = floor (plain->plot.x) - 1;
  plain->n_columns = (guint) ceil (plain->plot.width) + 3;
  plain->lows = g_new (double, plain->n_columns);
  plain->highs = g_new (double, plain->n_columns);
  for (guint c = 0; c < plain->n_columns; c++)
    plain->lows[c] = plain->highs[c] = NAN;

  for (guint j = 0; j < plain->n_candles; j++)
    {
      double column = floor (plain_candle_x (plain, plain->candles[j].open_time_ms));
      guint c;

      if (!(column >= plain->first_column && column < plain->first_column + plain->n_columns))
        continue;
      c = (guint) (column - plain->first_column);
      plain->lows[c] = isnan (plain->lows[c]) ? plain->candles[j].low
                                              : MIN (plain->lows[c], plain->candles[j].low);
      plain->highs[c] = isnan (plain->highs[c]) ? plain->candles[j].high
                                                : MAX (plain->highs[c], plain->candles[j].high);
    }
}

static void
plain_clear (Plain *plain)
{
  g_clear_pointer (&plain->lows, g_free);
  g_clear_pointer (&plain->highs, g_free);
}

/* The marker of signal @i next to its candle, or its column's bar, moved out @level badges,
 * as wick_render_signal_marker() tells; FALSE when out of view. */
static gboolean
plain_marker (const Plain      *plain,
              guint             i,
              guint             level,
              WickSignalMarker *marker)
{
  const WickSignal *signal = wick_signals_get_signal (plain->signals, i);
  const WickCandle *candle;
  double x, y, low, high, step = WICK_RENDER_SIGNAL_BADGE_HEIGHT + WICK_RENDER_SIGNAL_GAP;

  memset (marker, 0, sizeof *marker);
  if (signal->index >= plain->n_candles)
    return FALSE;

  candle = &plain->candles[signal->index];
  x = plain_candle_x (plain, candle->open_time_ms);
  if (!isfinite (x) || x < plain->plot.x || x > plain->plot.x + plain->plot.width)
    return FALSE;

  low = candle->low;
  high = candle->high;
  if (plain->is_dense)
    {
      guint c = (guint) (floor (x) - plain->first_column);

      low = plain->lows[c];
      high = plain->highs[c];
    }

  marker->is_above = signal->direction == WICK_SIGNAL_BEARISH;
  y = wick_viewport_price_to_y (plain->viewport, marker->is_above ? high : low);
  if (!isfinite (y))
    return FALSE;

  marker->tip_x = floor (x) + .5;
  marker->badge.x = floor (x) - floor (WICK_RENDER_SIGNAL_BADGE_WIDTH / 2);
  marker->badge.width = WICK_RENDER_SIGNAL_BADGE_WIDTH;
  marker->badge.height = WICK_RENDER_SIGNAL_BADGE_HEIGHT;
  marker->has_arrow = level == 0;
  if (marker->is_above)
    {
      marker->tip_y = floor (y) - WICK_RENDER_SIGNAL_GAP;
      marker->base_y = marker->tip_y - WICK_RENDER_SIGNAL_ARROW_HEIGHT;
      marker->badge.y = marker->base_y - WICK_RENDER_SIGNAL_BADGE_HEIGHT - level * step;
    }
  else
    {
      marker->tip_y = ceil (y) + WICK_RENDER_SIGNAL_GAP;
      marker->base_y = marker->tip_y + WICK_RENDER_SIGNAL_ARROW_HEIGHT;
      marker->badge.y = marker->base_y + level * step;
    }

  marker->bounds = marker->badge;
  if (marker->has_arrow)
    {
      marker->bounds.height += WICK_RENDER_SIGNAL_ARROW_HEIGHT;
      if (!marker->is_above)
        marker->bounds.y = marker->tip_y;
    }

  return TRUE;
}

static gint32
clamp_px (double value)
{
  return (gint32) CLAMP (value, -FAR_PX, FAR_PX);
}

static gboolean
plain_overlaps (const WickRect *a,
                const WickRect *b)
{
  return clamp_px (a->x) < clamp_px (b->x + b->width) &&
         clamp_px (b->x) < clamp_px (a->x + a->width) &&
         clamp_px (a->y) < clamp_px (b->y + b->height) &&
         clamp_px (b->y) < clamp_px (a->y + a->height);
}

/* Each signal in view, in order, at the first level that covers no marker placed before it;
 * the selected one, when left out, at the last level. */
static GArray *
plain_layout (const Plain *plain,
              int          selected,
              guint32      hidden_kinds)
{
  GArray *placed = g_array_new (FALSE, TRUE, sizeof (WickPlacedMarker));
  guint n = wick_signals_get_n_signals (plain->signals);
  gboolean has_selected = FALSE;

  for (guint i = 0; i < n; i++)
    {
      WickPlacedMarker p = { .index = i };

      if (hidden_kinds & (1u << wick_signals_get_signal (plain->signals, i)->kind))
        continue;

      for (guint level = 0; level < WICK_RENDER_SIGNAL_MAX_LEVELS; level++)
        {
          gboolean is_clear = TRUE;

          if (!plain_marker (plain, i, level, &p.marker))
            break;
          for (guint k = 0; k < placed->len && is_clear; k++)
            is_clear = !plain_overlaps (&p.marker.bounds,
                                        &g_array_index (placed, WickPlacedMarker, k).marker.bounds);
          if (is_clear)
            {
              g_array_append_val (placed, p);
              has_selected = has_selected || (int) i == selected;
              break;
            }
        }
    }

  if (selected >= 0 && !has_selected &&
      !(hidden_kinds & (1u << wick_signals_get_signal (plain->signals, selected)->kind)))
    {
      WickPlacedMarker p = { .index = (guint) selected };

      if (plain_marker (plain, (guint) selected, WICK_RENDER_SIGNAL_MAX_LEVELS - 1, &p.marker))
        g_array_append_val (placed, p);
    }

  return placed;
}

/* ---- the views ---- */

typedef struct
{
  WickMarket  *market;
  WickSignals *signals;
  WickLod     *lod;
} Subject;

static void
subject_clear (Subject *subject)
{
  g_clear_pointer (&subject->lod, wick_lod_free);
  g_clear_pointer (&subject->signals, wick_signals_unref);
  g_clear_object (&subject->market);
}

static void
subject_init (Subject    *subject,
              WickMarket *market)
{
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(GError) error = NULL;

  subject->market = market;
  subject->signals = wick_signals_analyze (snapshot, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_signals_get_n_signals (subject->signals), >, 100);
  subject->lod = wick_lod_new (wick_market_get_series (market));
}

/* A seeded random walk of hourly candles with gaps: runs of hours left out, from one to a
 * few hundred, so that pixel columns hold uneven numbers of candles and some none. */
static WickMarket *
make_gappy_market (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autoptr(GError) error = NULL;
  gint64 time_ms = T0;
  double price = 90000;

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * (1 + g_rand_double_range (rand, -0.012, 0.012));

      if (g_rand_int_range (rand, 0, 50) == 0)
        time_ms += HOUR_MS * g_rand_int_range (rand, 1, 300);
      c->open_time_ms = time_ms;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.006));
      c->low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.006));
      c->volume = g_rand_double_range (rand, 1, 500);
      price = close;
      time_ms += HOUR_MS;
    }

  wick_series_append (series, candles, n, &error);
  g_assert_no_error (error);

  return wick_market_new ("synthetic", "BTCUSDT", "1h", series);
}

/* A view of @subject: a size, then, by turns, a span of more candles than pixels (they share
 * columns) or fewer, from a few candles to more than all of them, anywhere from before the
 * first to after the last; prices fitted or stretched, linear or logarithmic. */
static void
random_view (GRand         *rand,
             const Subject *subject,
             WickViewport  *viewport,
             gboolean       is_dense)
{
  WickSeries *series = wick_market_get_series (subject->market);
  const WickCandle *candles = wick_series_get_candles (series);
  guint n = wick_series_get_length (series);
  gint64 first_ms = candles[0].open_time_ms, last_ms = candles[n - 1].open_time_ms;
  double all = (double) (last_ms - first_ms) / HOUR_MS + 1;
  double centre_ms = first_ms + g_rand_double_range (rand, -0.2, 1.2) * all * HOUR_MS;
  double lo, hi, span_ms;
  WickRect plot;

  wick_viewport_set_size (viewport, g_rand_int_range (rand, 200, 1900),
                          g_rand_int_range (rand, 200, 1100));
  wick_viewport_set_log_scale (viewport, g_rand_boolean (rand));
  wick_viewport_get_plot (viewport, &plot);

  /* In candles: up to a third more than all, or down to four. */
  lo = is_dense ? plot.width * 1.05 : 4;
  hi = is_dense ? MAX (all * 1.35, lo * 1.3) : plot.width * 0.95;
  span_ms = HOUR_MS * exp (g_rand_double_range (rand, log (lo), log (hi)));
  wick_viewport_show_range (viewport, series, (gint64) (centre_ms - span_ms / 2),
                            (gint64) (centre_ms + span_ms / 2));

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      double low, high, middle, half;

      /* Prices stretched or squeezed about a point off the middle. */
      wick_viewport_get_price_range (viewport, &low, &high);
      middle = low + (high - low) * g_rand_double_range (rand, 0.2, 0.8);
      half = (high - low) / 2 * exp (g_rand_double_range (rand, log (0.05), log (4)));
      wick_viewport_set_price_range (viewport, MAX (middle - half, 1), middle + half);
    }
}

static void
assert_same_layout (GArray *got,
                    GArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const WickPlacedMarker *a = &g_array_index (got, WickPlacedMarker, i);
      const WickPlacedMarker *b = &g_array_index (expected, WickPlacedMarker, i);

      g_assert_cmpuint (a->index, ==, b->index);
      g_assert_cmpint (a->marker.is_above, ==, b->marker.is_above);
      g_assert_cmpint (a->marker.has_arrow, ==, b->marker.has_arrow);
      g_assert_cmpfloat (a->marker.tip_x, ==, b->marker.tip_x);
      g_assert_cmpfloat (a->marker.tip_y, ==, b->marker.tip_y);
      g_assert_cmpfloat (a->marker.base_y, ==, b->marker.base_y);
      g_assert_cmpmem (&a->marker.badge, sizeof (WickRect), &b->marker.badge, sizeof (WickRect));
      g_assert_cmpmem (&a->marker.bounds, sizeof (WickRect), &b->marker.bounds,
                       sizeof (WickRect));
    }
}

/* In each view, with and without the pyramid, the layout is the plain one; and the views
 * cover dense ones where columns fill up and sparse ones. */
static void
check_views (const Subject *subject,
             guint32        seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(WickViewport) viewport = wick_viewport_new ();
  guint n_signals = wick_signals_get_n_signals (subject->signals);
  guint n_dense = 0, n_sparse = 0, n_left_out = 0;

  for (guint v = 0; v < N_VIEWS; v++)
    {
      int selected = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, n_signals) : -1;
      guint32 hidden = 0;
      g_autoptr(GArray) expected = NULL;
      g_autoptr(GArray) with_lod = NULL;
      g_autoptr(GArray) without = NULL;
      Plain plain;

      /* Now and then, a kind or two hidden. */
      for (guint k = g_rand_int_range (rand, 0, 4); k < 2; k++)
        hidden |= 1u << g_rand_int_range (rand, 0, WICK_N_SIGNAL_KINDS);
      random_view (rand, subject, viewport, v % 2 == 0);
      plain_init (&plain, subject->signals, viewport);
      expected = plain_layout (&plain, selected, hidden);
      with_lod = _wick_render_signals_layout (subject->signals, viewport, subject->lod,
                                              selected, hidden);
      without = _wick_render_signals_layout (subject->signals, viewport, NULL, selected, hidden);
      assert_same_layout (with_lod, expected);
      assert_same_layout (without, expected);

      if (plain.is_dense)
        n_dense++;
      else
        n_sparse++;
      /* Markers left out: a crowded view, where columns fill up. */
      for (guint i = 0, k = 0; i < n_signals && plain.is_dense; i++)
        {
          WickSignalMarker marker;

          if (k < expected->len && g_array_index (expected, WickPlacedMarker, k).index == i)
            k++;
          else if (!(hidden & (1u << wick_signals_get_signal (subject->signals, i)->kind)) &&
                   plain_marker (&plain, i, 0, &marker))
            n_left_out++;
        }
      plain_clear (&plain);
    }

  g_test_message ("%u dense views, %u sparse, %u markers left out", n_dense, n_sparse,
                  n_left_out);
  g_assert_cmpuint (n_dense, >, N_VIEWS / 4);
  g_assert_cmpuint (n_sparse, >, N_VIEWS / 8);
  g_assert_cmpuint (n_left_out, >, 100);
}

static void
test_sample (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(GError) error = NULL;
  WickMarket *market = wick_source_load (source, NULL, NULL, NULL, &error);
  Subject subject;

  g_assert_no_error (error);
  subject_init (&subject, market);
  check_views (&subject, 1);
  subject_clear (&subject);
}

static void
test_gaps (void)
{
  Subject subject;

  subject_init (&subject, make_gappy_market (30000));
  check_views (&subject, 2);
  subject_clear (&subject);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/render-signals-layout/first-past", test_first_past);
  g_test_add_func ("/wick/render-signals-layout/sample", test_sample);
  g_test_add_func ("/wick/render-signals-layout/gaps", test_gaps);

  return g_test_run ();
}
