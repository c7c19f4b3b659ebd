/* wick-render-pane.c: the lower indicator pane under the price pane, RSI (14) or MACD (12, 26, 9)
 *
 * The pane is the viewport's (wick_viewport_get_lower_pane()): as wide as the plot, between it
 * and the time axis. Its lines run through the centres of the candles in view as the price
 * pane's indicator lines do (wick-render-indicators.c draws them, in a frame whose plot and
 * value range are the pane's). RSI is on 0..100 with guides at 30 and 70; MACD is scaled to
 * the values in view, zero included, with the histogram as bars behind the two lines. The pane
 * has its own labels on the price axis and a title at its top-left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wick-render-pane.h"
#include "wick-axis.h"
#include "wick-render-indicators.h"
#include "wick-render-private.h"

#define MAX_TICKS        16
#define TICK_SPACING_PX  28.0
/* Room left above and below the MACD's extremes, as a share of their range. */
#define MACD_MARGIN      0.1

/**
 * wick_render_pane_rsi_to_y:
 * @pane: the lower pane
 * @rsi: an RSI value, 0..100
 *
 * Returns: the y where the pane draws @rsi
 */
double
wick_render_pane_rsi_to_y (const WickRect *pane,
                           double          rsi)
{
  g_return_val_if_fail (pane != NULL, 0);

  return pane->y + pane->height - rsi / 100.0 * pane->height;
}

/* A frame drawing into the pane: the same times, the pane's rectangle and a linear value
 * range. Only for paths; text goes through the real frame, which owns the layout. */
static void
pane_frame_init (Frame          *pf,
                 const Frame    *f,
                 const WickRect *pane,
                 double          low,
                 double          high)
{
  *pf = *f;
  pf->plot = *pane;
  pf->log_scale = FALSE;
  pf->space_low = low;
  pf->space_high = high;
}

static void
draw_guide (Frame    *pf,
            double    value,
            gboolean  dashed)
{
  double y = floor (frame_y (pf, value) / pf->dev_y) * pf->dev_y + pf->dev_y / 2;
  double dash = 4;

  cairo_save (pf->cr);
  cairo_set_line_width (pf->cr, pf->dev_y);
  if (dashed)
    cairo_set_dash (pf->cr, &dash, 1, 0);
  cairo_move_to (pf->cr, pf->plot.x, y);
  cairo_line_to (pf->cr, pf->plot.x + pf->plot.width, y);
  set_color (pf->cr, &pf->palette->crosshair);
  cairo_stroke (pf->cr);
  cairo_restore (pf->cr);
}

static void
draw_label (Frame          *f,
            const WickRect *pane,
            double          y,
            const char     *text)
{
  double h;

  _wick_render_set_text (f, f->axis_font, text, NULL, &h);
  if (y - h / 2 < pane->y || y + h / 2 > pane->y + pane->height)
    return;
  _wick_render_show_text (f, pane->x + pane->width + TEXT_PAD, y - h / 2,
                          &f->palette->axis_text);
}

/* The last value in view that is known, NAN if none. */
static double
last_value (const double *values,
            guint         first,
            guint         end)
{
  for (guint i = end; i-- > first;)
    if (!isnan (values[i]))
      return values[i];

  return NAN;
}

static void
draw_line (Frame            *pf,
           const WickCandle *candles,
           gint64            interval_ms,
           const double     *values,
           guint             first,
           guint             end,
           const WickColor  *color)
{
  cairo_save (pf->cr);
  cairo_set_line_width (pf->cr, WICK_RENDER_INDICATOR_LINE_WIDTH);
  cairo_set_line_join (pf->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (pf->cr, CAIRO_LINE_CAP_ROUND);
  _wick_render_indicator_path (pf, candles, interval_ms, values, first, end);
  set_color (pf->cr, color);
  cairo_stroke (pf->cr);
  cairo_restore (pf->cr);
}

static void
draw_rsi (Frame            *f,
          const WickRect   *pane,
          const WickCandle *candles,
          gint64            interval_ms,
          guint             first,
          guint             end)
{
  static const double labels[] = { WICK_RENDER_PANE_RSI_LOW, 50, WICK_RENDER_PANE_RSI_HIGH };
  const double *rsi = wick_signals_get_indicator (f->scene->signals, WICK_INDICATOR_RSI);
  double value = last_value (rsi, first, end);
  g_autofree char *title = NULL;
  Frame pf;

  pane_frame_init (&pf, f, pane, 0, 100);

  cairo_save (f->cr);
  cairo_rectangle (f->cr, pane->x, pane->y, pane->width, pane->height);
  cairo_clip (f->cr);
  draw_guide (&pf, WICK_RENDER_PANE_RSI_LOW, TRUE);
  draw_guide (&pf, WICK_RENDER_PANE_RSI_HIGH, TRUE);
  draw_line (&pf, candles, interval_ms, rsi, first, end, &f->palette->rsi);
  cairo_restore (f->cr);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%.0f", labels[i]);
      draw_label (f, pane, wick_render_pane_rsi_to_y (pane, labels[i]), text);
    }

  /* Translators: the lower pane's title: the relative strength index over 14 candles, then
   * its last value in view */
  title = isnan (value) ? g_strdup (_("RSI 14")) : g_strdup_printf (_("RSI 14 %.1f"), value);
  _wick_render_set_text (f, f->axis_font, title, NULL, NULL);
  _wick_render_show_text (f, pane->x + TEXT_PAD, pane->y + 4, &f->palette->rsi);
}

static void
draw_histogram (Frame            *pf,
                const WickCandle *candles,
                gint64            interval_ms,
                const double     *hist,
                guint             first,
                guint             end)
{
  double candle_px = interval_ms / (pf->to_ms - pf->from_ms) * pf->plot.width;
  double bar = MAX (pf->dev_x, floor (candle_px * 0.6 / pf->dev_x) * pf->dev_x);
  double zero = frame_y (pf, 0);

  for (int up = 0; up < 2; up++)
    {
      for (guint i = first; i < end; i++)
        {
          double x, y;

          if (isnan (hist[i]) || (hist[i] >= 0) != up)
            continue;
          x = frame_x (pf, candles[i].open_time_ms + interval_ms / 2.0);
          y = frame_y (pf, hist[i]);
          cairo_rectangle (pf->cr, floor (x - bar / 2), MIN (y, zero), bar, fabs (zero - y));
        }
      set_color (pf->cr, up ? &pf->palette->macd_hist_up : &pf->palette->macd_hist_down);
      cairo_fill (pf->cr);
    }
}

static void
draw_macd (Frame            *f,
           const WickRect   *pane,
           const WickCandle *candles,
           gint64            interval_ms,
           guint             first,
           guint             end)
{
  static const WickIndicator lines[] = {
    WICK_INDICATOR_MACD_HIST, WICK_INDICATOR_MACD, WICK_INDICATOR_MACD_SIGNAL,
  };
  const double *values[G_N_ELEMENTS (lines)];
  double ticks[MAX_TICKS];
  double low = 0, high = 0, margin, step;
  guint n_ticks, decimals;
  Frame pf;

  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      values[k] = wick_signals_get_indicator (f->scene->signals, lines[k]);
      for (guint i = first; i < end; i++)
        if (!isnan (values[k][i]))
          {
            low = MIN (low, values[k][i]);
            high = MAX (high, values[k][i]);
          }
    }
  if (high - low <= 0)
    high = low + 1;
  margin = (high - low) * MACD_MARGIN;
  low -= margin;
  high += margin;

  pane_frame_init (&pf, f, pane, low, high);

  cairo_save (f->cr);
  cairo_rectangle (f->cr, pane->x, pane->y, pane->width, pane->height);
  cairo_clip (f->cr);
  draw_histogram (&pf, candles, interval_ms, values[0], first, end);
  draw_guide (&pf, 0, FALSE);
  draw_line (&pf, candles, interval_ms, values[1], first, end, &f->palette->macd);
  draw_line (&pf, candles, interval_ms, values[2], first, end, &f->palette->macd_signal);
  cairo_restore (f->cr);

  n_ticks = wick_axis_price_ticks (low, high, FALSE, pane->height, TICK_SPACING_PX,
                                   ticks, MAX_TICKS, &step);
  decimals = wick_axis_step_decimals (step);
  for (guint i = 0; i < n_ticks; i++)
    {
      char text[64];

      wick_format_price_into (text, sizeof text, ticks[i], decimals);
      draw_label (f, pane, frame_y (&pf, ticks[i]), text);
    }

  /* Translators: the lower pane's title: the moving average convergence divergence with its
   * fast, slow and signal periods */
  _wick_render_set_text (f, f->axis_font, _("MACD 12 26 9"), NULL, NULL);
  _wick_render_show_text (f, pane->x + TEXT_PAD, pane->y + 4, &f->palette->macd);
}

/* The lower pane the scene asks for, when the viewport has room for one: its border, guides,
 * lines, labels and title. */
void
_wick_render_lower_pane (Frame *f)
{
  const WickCandle *candles = NULL;
  gint64 interval_ms = 1;
  guint first = 0, end = 0;
  WickRect pane;
  double top, bottom, right;

  if (f->scene->lower_pane == WICK_LOWER_PANE_NONE ||
      !wick_viewport_get_lower_pane (f->viewport, &pane))
    return;

  /* The border: a line above the pane and one under it, on device pixels. */
  top = floor (pane.y / f->dev_y) * f->dev_y - f->dev_y;
  bottom = floor ((pane.y + pane.height) / f->dev_y) * f->dev_y;
  right = floor ((pane.x + pane.width) / f->dev_x) * f->dev_x;
  cairo_rectangle (f->cr, pane.x, top, f->width - pane.x, f->dev_y);
  cairo_rectangle (f->cr, pane.x, bottom, f->width - pane.x, f->dev_y);
  cairo_rectangle (f->cr, right, top, f->dev_x, bottom - top);
  set_color (f->cr, &f->palette->border);
  cairo_fill (f->cr);

  if (!_wick_render_indicator_range (f, &candles, &interval_ms, &first, &end))
    return;

  if (f->scene->lower_pane == WICK_LOWER_PANE_RSI)
    draw_rsi (f, &pane, candles, interval_ms, first, end);
  else
    draw_macd (f, &pane, candles, interval_ms, first, end);
}
