/* wick-render-indicators.c: EMA 20, EMA 50 and daily VWAP as lines over the candles
 *
 * Each line runs through the centres of the candles in view, at the value the analysis
 * (the scene's WickSignals) gives for the candle, and breaks where that is NAN. When candles
 * are narrower than a device pixel, each pixel column gets one point, the value of the last
 * candle whose centre falls in it, so a frame costs O(pixels) there as the candles do.
 * A one-line legend under the OHLCV legend names the lines shown, in their colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-render-indicators.h"
#include "wick-render-private.h"

/* Points this far outside the plot are pulled in, within Cairo's fixed-point range. */
#define MAX_OFFSET_PX 1e5

/* The indicators drawn, in drawing and legend order. */
static const WickIndicator drawn[] = {
  WICK_INDICATOR_VWAP,
  WICK_INDICATOR_EMA50,
  WICK_INDICATOR_EMA20,
};

/**
 * wick_render_indicator_get_color:
 * @palette: a palette
 * @indicator: an indicator drawn on the price pane: EMA 20, EMA 50 or VWAP
 *
 * Returns: (transfer none) (nullable): the colour of its line and legend, or %NULL for an
 *   indicator that is not drawn on the price pane
 */
const WickColor *
wick_render_indicator_get_color (const WickPalette *palette,
                                 WickIndicator      indicator)
{
  g_return_val_if_fail (palette != NULL, NULL);

  switch (indicator)
    {
    case WICK_INDICATOR_EMA20:
      return &palette->ema20;
    case WICK_INDICATOR_EMA50:
      return &palette->ema50;
    case WICK_INDICATOR_VWAP:
      return &palette->vwap;
    default:
      return NULL;
    }
}

/**
 * wick_render_indicator_get_label:
 * @indicator: an indicator drawn on the price pane: EMA 20, EMA 50 or VWAP
 *
 * Returns: (transfer none): its translated name in the chart's legend, or "" for another
 */
const char *
wick_render_indicator_get_label (WickIndicator indicator)
{
  switch (indicator)
    {
    case WICK_INDICATOR_EMA20:
      /* Translators: the names of the lines over the candles, in the chart's legend: the
       * usual abbreviations of exponential moving average and volume-weighted average price */
      return _("EMA 20");
    case WICK_INDICATOR_EMA50:
      return _("EMA 50");
    case WICK_INDICATOR_VWAP:
      return _("VWAP");
    default:
      return "";
    }
}

static gboolean
is_shown (const WickScene *scene,
          WickIndicator    indicator)
{
  switch (indicator)
    {
    case WICK_INDICATOR_EMA20:
      return scene->show_ema20;
    case WICK_INDICATOR_EMA50:
      return scene->show_ema50;
    case WICK_INDICATOR_VWAP:
      return scene->show_vwap;
    default:
      return FALSE;
    }
}

static gboolean
any_shown (const WickScene *scene)
{
  return scene->signals != NULL && (scene->show_ema20 || scene->show_ema50 || scene->show_vwap);
}

/* First index in [@lo, @hi) whose candle's centre is at or after @time_ms. */
static guint
first_centre_at (const WickCandle *candles,
                 gint64            interval_ms,
                 guint             lo,
                 guint             hi,
                 double            time_ms)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (candles[mid].open_time_ms + interval_ms / 2.0 >= time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* Adds the point of @value at @x to the path, or lifts the pen for NAN. */
static inline void
add_point (const Frame *f,
           double       x,
           double       value,
           gboolean    *pen_down)
{
  double y;

  if (isnan (value))
    {
      *pen_down = FALSE;
      return;
    }

  y = CLAMP (frame_y (f, value), f->plot.y - MAX_OFFSET_PX,
             f->plot.y + f->plot.height + MAX_OFFSET_PX);
  if (*pen_down)
    cairo_line_to (f->cr, x, y);
  else
    cairo_move_to (f->cr, x, y);
  *pen_down = TRUE;
}

/* Adds the line of @values over candles @first..@end - 1 to the path, through their centres
 * at frame_y(): the price pane's mapping, or the lower pane's in a frame whose plot and
 * value range are the pane's. */
void
_wick_render_indicator_path (Frame            *f,
                             const WickCandle *candles,
                             gint64            interval_ms,
                             const double     *values,
                             guint             first,
                             guint             end)
{
  double span = f->to_ms - f->from_ms;
  double candle_px = interval_ms / span * f->plot.width;
  gboolean pen_down = FALSE;

  if (candle_px >= f->dev_x)
    {
      /* On the candle's one-pixel wick, as wick-render-candles.c places it. */
      for (guint i = first; i < end; i++)
        add_point (f, floor (frame_x (f, candles[i].open_time_ms + interval_ms / 2.0)) + .5,
                   values[i], &pen_down);
    }
  else
    {
      guint n_columns = (guint) ceil (f->plot.width / f->dev_x - 1e-9);
      guint start = first;

      for (guint column = 0; column < n_columns && start < end; column++)
        {
          double boundary = f->from_ms + (column + 1) * f->dev_x / f->plot.width * span;
          guint stop = first_centre_at (candles, interval_ms, start, end, boundary);

          if (stop > start)
            add_point (f, f->plot.x + (column + .5) * f->dev_x, values[stop - 1], &pen_down);
          start = stop;
        }
    }
}

/* The analysed candles whose centres are in view, @first..@end - 1; FALSE when none (or no
 * analysis). */
gboolean
_wick_render_indicator_range (const Frame       *f,
                              const WickCandle **candles,
                              gint64            *interval_ms,
                              guint             *first,
                              guint             *end)
{
  WickSignalsSnapshot *snapshot;
  guint n_candles;

  if (f->scene->signals == NULL)
    return FALSE;

  snapshot = wick_signals_get_snapshot (f->scene->signals);
  *candles = wick_signals_snapshot_get_candles (snapshot, &n_candles);
  *interval_ms = wick_signals_snapshot_get_interval_ms (snapshot);
  n_candles = MIN (n_candles, wick_signals_get_n_candles (f->scene->signals));

  *first = first_centre_at (*candles, *interval_ms, 0, n_candles, f->from_ms);
  *end = first_centre_at (*candles, *interval_ms, *first, n_candles, f->to_ms);
  return *first < *end;
}

/* The lines of the indicators the scene shows, over the candles in view. */
void
_wick_render_indicators (Frame *f)
{
  const WickCandle *candles;
  gint64 interval_ms;
  guint first, end;

  if (!any_shown (f->scene) ||
      !_wick_render_indicator_range (f, &candles, &interval_ms, &first, &end))
    return;

  cairo_save (f->cr);
  cairo_set_line_width (f->cr, WICK_RENDER_INDICATOR_LINE_WIDTH);
  cairo_set_line_join (f->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (f->cr, CAIRO_LINE_CAP_ROUND);

  for (guint k = 0; k < G_N_ELEMENTS (drawn); k++)
    {
      if (!is_shown (f->scene, drawn[k]))
        continue;

      _wick_render_indicator_path (f, candles, interval_ms,
                                   wick_signals_get_indicator (f->scene->signals, drawn[k]),
                                   first, end);
      set_color (f->cr, wick_render_indicator_get_color (f->palette, drawn[k]));
      cairo_stroke (f->cr);
    }

  cairo_restore (f->cr);
}

/* The names of the lines shown, left to right in their colours, on the line under the
 * OHLCV legend that the overlay draws. */
void
_wick_render_indicator_legend (Frame *f)
{
  double x = f->plot.x + TEXT_PAD;
  double y, h;

  if (!any_shown (f->scene) || f->n_candles == 0)
    return;

  /* The OHLCV legend is one line of the legend font at the market line's bottom. */
  y = _wick_render_market_line (f, FALSE);
  _wick_render_set_text (f, f->legend_font, "O", NULL, &h);
  y += h + 2;

  for (guint k = G_N_ELEMENTS (drawn); k-- > 0;)
    {
      double w;

      if (!is_shown (f->scene, drawn[k]))
        continue;

      _wick_render_set_text (f, f->axis_font, wick_render_indicator_get_label (drawn[k]),
                             &w, NULL);
      _wick_render_show_text (f, x, y, wick_render_indicator_get_color (f->palette, drawn[k]));
      x += w + TEXT_PAD;
    }
}
