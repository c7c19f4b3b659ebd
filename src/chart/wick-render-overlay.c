/* wick-render-overlay.c: the moving part of the chart, drawn over the cached static part
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render-private.h"

#include "wick-axis.h"
#include "wick-format.h"

#include <glib/gi18n-lib.h>

/* The candle under @x: the last one opening at or before the time there, clamped to the
 * series. Only valid with at least one candle. */
static guint
candle_index_at (const Frame *f,
                 double       x)
{
  double time_ms = f->from_ms + (x - f->plot.x) / f->plot.width * (f->to_ms - f->from_ms);
  guint index = _wick_render_first_opening_at (f, 0, floor (time_ms) + 1);

  return index > 0 ? index - 1 : 0;
}

static void
draw_crosshair (Frame            *f,
                const WickCandle *hovered)
{
  static const double dash[] = { 4, 4 };
  cairo_t *cr = f->cr;
  double x = f->scene->crosshair_x;
  double y = f->scene->crosshair_y;
  gint64 label_time = (gint64) floor (f->from_ms + (x - f->plot.x) / f->plot.width *
                                      (f->to_ms - f->from_ms));
  g_autofree char *time_text = NULL;
  char price_text[64];
  double w, h, left, price, step;

  /* Snap the vertical line to the hovered candle's centre. */
  if (hovered != NULL &&
      label_time >= hovered->open_time_ms &&
      label_time < hovered->open_time_ms + f->interval_ms)
    {
      x = frame_x (f, hovered->open_time_ms + f->interval_ms / 2.0);
      label_time = hovered->open_time_ms;
    }

  cairo_save (cr);
  cairo_rectangle (cr, f->plot.x, f->plot.y, f->plot.width, f->plot.height);
  cairo_clip (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, floor (x) + .5, f->plot.y);
  cairo_line_to (cr, floor (x) + .5, f->plot.y + f->plot.height);
  cairo_move_to (cr, f->plot.x, floor (y) + .5);
  cairo_line_to (cr, f->plot.x + f->plot.width, floor (y) + .5);
  set_color (cr, &f->palette->crosshair);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Price label: as many decimals as the axis ticks, at least the price's own. */
  price = wick_viewport_y_to_price (f->viewport, y);
  step = (f->space_high - f->space_low) / f->plot.height;
  if (f->log_scale)
    step *= price;
  wick_format_price_into (price_text, sizeof price_text, price,
                          MAX (wick_price_decimals (price),
                               wick_axis_step_decimals (wick_axis_nice_step (MAX (step, 1e-12)))));
  _wick_render_price_label (f, y, price_text,
                            &f->palette->label_background, &f->palette->label_text);

  /* Translators: the crosshair's time label of a daily candle and of a shorter one, as in
   * "Wed 7 Jan '26 10:00"; strftime () formats (GDateTime) */
  time_text = wick_axis_format_time (f->scene->time_zone, label_time,
                                     f->interval_ms >= 86400000 ? _("%a %-d %b '%y")
                                                                : _("%a %-d %b '%y %H:%M"));
  _wick_render_set_text (f, f->axis_font, time_text != NULL ? time_text : "", &w, &h);
  left = round (CLAMP (x - w / 2 - TEXT_PAD, 0, MAX (0, f->width - w - 2 * TEXT_PAD)));
  set_color (cr, &f->palette->label_background);
  /* On the time axis, under the lower pane if there is one. */
  cairo_rectangle (cr, left, f->height - WICK_VIEWPORT_AXIS_HEIGHT, w + 2 * TEXT_PAD,
                   WICK_VIEWPORT_AXIS_HEIGHT);
  cairo_fill (cr);
  _wick_render_show_text (f, left + TEXT_PAD,
                          f->height - WICK_VIEWPORT_AXIS_HEIGHT +
                          (WICK_VIEWPORT_AXIS_HEIGHT - h) / 2,
                          &f->palette->label_text);
}

static void
append_price (GString    *text,
              const char *name,
              double      price,
              guint       decimals)
{
  char buffer[64];

  wick_format_price_into (buffer, sizeof buffer, price, decimals);
  g_string_append_printf (text, "%s %s ", name, buffer);
}

static void
draw_legend (Frame  *f,
             guint   index,
             double  y)
{
  const WickCandle *c = &f->candles[index];
  double previous = index > 0 ? f->candles[index - 1].close : c->open;
  guint decimals = wick_price_decimals (c->close);
  g_autoptr(GString) text = g_string_sized_new (96);
  char buffer[64];

  append_price (text, "O", c->open, decimals);
  append_price (text, "H", c->high, decimals);
  append_price (text, "L", c->low, decimals);
  append_price (text, "C", c->close, decimals);
  wick_format_volume_into (buffer, sizeof buffer, c->volume);
  g_string_append_printf (text, "V %s", buffer);

  if (previous != 0)
    {
      double change = (c->close - previous) / previous * 100;

      wick_format_grouped_into (buffer, sizeof buffer, change, 2);
      g_string_append_printf (text, " %s%s %%", change >= 0 ? "+" : "", buffer);
    }

  _wick_render_set_text (f, f->legend_font, text->str, NULL, NULL);
  _wick_render_show_text (f, f->plot.x + TEXT_PAD, y,
                          c->close >= c->open ? &f->palette->up : &f->palette->down);
}

/* The line being dragged, at its preview price, with its price label. */
static void
draw_dragged_level (Frame *f)
{
  const WickScene *scene = f->scene;
  const WickLevel *level = wick_level_store_lookup (scene->levels, scene->drag_level_id);

  if (level == NULL)
    return;

  _wick_render_level (f, level, scene->drag_price, TRUE,
                      level->id == scene->selected_level_id);
  _wick_render_level_label (f, level, scene->drag_price);
}

/**
 * wick_render_overlay:
 * @cr: where to draw, over the static part
 * @scene: the same scene; `has_crosshair`, `crosshair_x` and `crosshair_y` (logical pixels)
 *   place the crosshair
 * @viewport: the same viewport
 *
 * Draws only what moves: the crosshair with its price and time labels when the point is in
 * the plot, the price line being dragged (`drag_level_id`) at `drag_price` with its label on
 * the price axis, and with `show_legend` the OHLCV legend for the hovered candle (the latest
 * in view without a crosshair) under the market line, or in its place when the title block
 * already names the market. Paints nothing else, so it composes over the cached static part.
 */
void
wick_render_overlay (cairo_t         *cr,
                     const WickScene *scene,
                     WickViewport    *viewport)
{
  const WickCandle *hovered = NULL;
  gboolean in_plot;
  guint index = 0;
  Frame f;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (WICK_IS_VIEWPORT (viewport));

  _wick_render_frame_init (&f, cr, scene, viewport);

  in_plot = scene->has_crosshair &&
            scene->crosshair_x >= f.plot.x && scene->crosshair_x < f.plot.x + f.plot.width &&
            scene->crosshair_y >= f.plot.y && scene->crosshair_y < f.plot.y + f.plot.height;

  if (f.n_candles > 0)
    {
      /* Without a crosshair, the legend tells the latest candle in view. */
      index = candle_index_at (&f, in_plot ? scene->crosshair_x : f.plot.x + f.plot.width - 0.5);
      hovered = &f.candles[index];
    }

  cairo_save (cr);

  if (in_plot)
    draw_crosshair (&f, hovered);

  if (scene->levels != NULL && scene->drag_level_id != 0)
    draw_dragged_level (&f);

  if (hovered != NULL && scene->show_legend)
    {
      double y = _wick_render_market_line (&f, FALSE);

      cairo_save (cr);
      cairo_rectangle (cr, f.plot.x, f.plot.y, f.plot.width, f.plot.height);
      cairo_clip (cr);
      draw_legend (&f, index, y);
      cairo_restore (cr);
    }

  cairo_restore (cr);

  _wick_render_frame_clear (&f);
}
