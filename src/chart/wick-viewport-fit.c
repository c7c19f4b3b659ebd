/* wick-viewport-fit.c: fitting the visible time and price window to a series
 *
 * Everything here reads candles: fitting prices to the visible ones, showing the whole series
 * or a given range, and keeping candles in view after a pan or zoom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-viewport"

#include "config.h"

#include "wick-viewport-private.h"

#include <math.h>

#define MARGIN_TOP      0.10
#define MARGIN_BOTTOM   0.22
/* wick_viewport_clamp_to_series(): the share of the plot that candles keep covering at each
 * edge, and the widest span, in candles, that is never cut however little data there is. */
#define KEEP_FRACTION     0.20
#define KEEP_SPAN_CANDLES 500.0

/* First index whose candle ends after @time_ms, i.e. open_time + interval > @time_ms. */
static guint
first_ending_after (const WickCandle *candles,
                    guint             n,
                    gint64            interval,
                    double            time_ms)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) (candles[mid].open_time_ms + interval) > time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* Applies the fit to @s; FALSE when no candle is in the time range. */
static gboolean
fit_prices_state (ViewState  *s,
                  WickSeries *series)
{
  const WickCandle *candles = wick_series_get_candles (series);
  guint n = wick_series_get_length (series);
  gint64 interval = wick_series_get_interval_ms (series);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  double slo, shi, total;
  guint i;

  for (i = first_ending_after (candles, n, interval, s->from_ms);
       i < n && (double) candles[i].open_time_ms < s->to_ms;
       i++)
    {
      lo = MIN (lo, candles[i].low);
      hi = MAX (hi, candles[i].high);
    }

  if (lo > hi)
    return FALSE;

  slo = to_space (s, lo);
  shi = to_space (s, hi);
  if (shi - slo <= 0)
    {
      /* One flat candle: show ±0.5 % around it. */
      double half = s->log_scale ? 0.005 : 0.005 * MAX (fabs (shi), 1e-6);

      slo -= half;
      shi += half;
    }

  /* The candles fill the middle 68 %: 10 % free at the top, 22 % at the bottom (volume band). */
  total = (shi - slo) / (1 - MARGIN_TOP - MARGIN_BOTTOM);
  s->low = from_space (s, slo - MARGIN_BOTTOM * total);
  s->high = from_space (s, shi + MARGIN_TOP * total);
  _wick_viewport_sanitize_prices (s);

  return TRUE;
}

/**
 * wick_viewport_fit_prices:
 * @self: a viewport
 * @series: the candles
 *
 * Sets the price range to the candles visible in the time range, with 10 % of the plot free at
 * the top and 22 % at the bottom, where the volume band lives. Keeps the range when no candle
 * is visible. Does not change auto-price.
 */
void
wick_viewport_fit_prices (WickViewport *self,
                          WickSeries   *series)
{
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  old = self->state;
  fit_prices_state (&self->state, series);
  _wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_fit_all:
 * @self: a viewport
 * @series: the candles
 *
 * Shows the whole series with about three candles of space on the right, fits the prices and
 * turns auto-price on. Keeps everything when the series is empty.
 */
void
wick_viewport_fit_all (WickViewport *self,
                       WickSeries   *series)
{
  ViewState *s = &self->state;
  const WickCandle *candles;
  ViewState old;
  gint64 interval;
  guint n;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  n = wick_series_get_length (series);
  if (n == 0)
    return;

  candles = wick_series_get_candles (series);
  interval = wick_series_get_interval_ms (series);

  old = *s;
  s->from_ms = candles[0].open_time_ms;
  s->to_ms = (double) candles[n - 1].open_time_ms + 4.0 * interval;
  _wick_viewport_clamp_time_span (s, 0.5);
  s->auto_price = TRUE;
  fit_prices_state (s, series);
  _wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_show_range:
 * @self: a viewport
 * @series: the candles
 * @from_ms: start of the range to show
 * @to_ms: end of the range
 *
 * Sets the time range, fits the prices to it and turns auto-price on; one `changed` at most.
 */
void
wick_viewport_show_range (WickViewport *self,
                          WickSeries   *series,
                          gint64        from_ms,
                          gint64        to_ms)
{
  ViewState *s = &self->state;
  ViewState old;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  old = *s;
  s->from_ms = MIN (from_ms, to_ms);
  s->to_ms = MAX (from_ms, to_ms);
  _wick_viewport_clamp_time_span (s, 0.5);
  s->auto_price = TRUE;
  fit_prices_state (s, series);
  _wick_viewport_commit (self, &old);
}

/**
 * wick_viewport_clamp_to_series:
 * @self: a viewport
 * @series: the candles
 *
 * Keeps candles in view after a pan or zoom, so the user cannot lose the data in an empty
 * past or future. At each edge, at least min(20 % of the plot, all the data) stays covered by
 * candles: the end of the last candle stays at or right of plot.x + 20 % of the width, and the
 * start of the first candle at or left of the plot's right edge − 20 %. A series narrower than
 * that stays wholly in view.
 *
 * The time range is shifted, keeping its span, with one exception: zoomed out so far that all
 * the data would cover less than 20 % of the plot, the span shrinks to five times the data's
 * width, keeping the data's centre where it was on the plot, because zooming out further would
 * only add empty space. A span of up to 500 candles is always kept, so a market with only a
 * few candles still shows them at a normal width.
 *
 * Emits `changed` only when it moved something. Does nothing for an empty series.
 */
void
wick_viewport_clamp_to_series (WickViewport *self,
                               WickSeries   *series)
{
  ViewState *s = &self->state;
  const WickCandle *candles;
  ViewState old;
  double interval, start, end, data, span, max_span, keep, lowest, highest;
  guint n;

  g_return_if_fail (WICK_IS_VIEWPORT (self));
  g_return_if_fail (WICK_IS_SERIES (series));

  n = wick_series_get_length (series);
  if (n == 0)
    return;

  candles = wick_series_get_candles (series);
  start = candles[0].open_time_ms;
  interval = MAX (wick_series_get_interval_ms (series), 1);
  end = candles[n - 1].open_time_ms + interval;
  data = end - start;

  old = *s;
  span = s->to_ms - s->from_ms;

  max_span = MAX (data / KEEP_FRACTION, KEEP_SPAN_CANDLES * interval);
  max_span = MAX (max_span, MIN_SPAN_MS);
  if (span > max_span)
    {
      double centre = (start + end) / 2;

      s->from_ms = centre - (centre - s->from_ms) * (max_span / span);
      s->to_ms = s->from_ms + max_span;
      span = max_span;
    }

  /* The left edge may go from where the first candle starts `keep` before the right edge to
   * where the last one ends `keep` after the left edge; the range is never empty, as keep is
   * at most a fifth of the span and at most the data's width. */
  keep = MIN (KEEP_FRACTION * span, data);
  lowest = start + keep - span;
  highest = end - keep;
  if (s->from_ms < lowest || s->from_ms > highest)
    {
      s->from_ms = CLAMP (s->from_ms, lowest, highest);
      s->to_ms = s->from_ms + span;
    }

  _wick_viewport_commit (self, &old);
}
