/* wick-render.c: the one drawing path, used by the widget and by every export format
 *
 * User units are logical pixels; the caller scales the cairo_t for HiDPI or export scale.
 * This file sets up frames and draws the static part around the candles (background, grid,
 * last price, price lines, axes, market line, title block); wick-render-candles.c draws the
 * candles and wick-render-overlay.c the moving part. Every colour comes from the scene's
 * palette.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render-private.h"

#include "wick-axis.h"

#include <string.h>

#define FONT_FAMILY     "Sans"
#define AXIS_FONT_PX    12
#define LEGEND_FONT_PX  13
#define TITLE_FONT_PX   18
#define MAX_PRICE_TICKS 128
#define MAX_TIME_TICKS  128
#define LABEL_PAD_Y     3.0

static PangoFontDescription *
font_new (int         size_px,
          PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);

  return font;
}

static const cairo_user_data_key_t text_sink_key;

typedef struct
{
  WickRenderTextSink sink;
  gpointer           user_data;
} TextSink;

/* Makes every render on @cr hand its text to @sink instead of drawing glyphs; a NULL @sink
 * goes back to glyphs. The sink rides on the cairo_t, so wick_render() keeps one signature
 * and only a caller that asks for it (the SVG export) changes what is drawn. */
void
_wick_render_set_text_sink (cairo_t            *cr,
                            WickRenderTextSink  sink,
                            gpointer            user_data)
{
  TextSink *text_sink = NULL;

  g_assert (cr != NULL);

  if (sink != NULL)
    {
      text_sink = g_new (TextSink, 1);
      text_sink->sink = sink;
      text_sink->user_data = user_data;
    }

  cairo_set_user_data (cr, &text_sink_key, text_sink, g_free);
}

/* Reads the viewport once and makes the fonts and the layout; _wick_render_frame_clear()
 * frees them. */
void
_wick_render_frame_init (Frame           *f,
                         cairo_t         *cr,
                         const WickScene *scene,
                         WickViewport    *viewport)
{
  const TextSink *text_sink;
  double low, high, dx = 1, dy = 1;

  memset (f, 0, sizeof *f);
  f->cr = cr;
  text_sink = cairo_get_user_data (cr, &text_sink_key);
  if (text_sink != NULL)
    {
      f->text_sink = text_sink->sink;
      f->text_sink_data = text_sink->user_data;
    }
  f->scene = scene;
  f->palette = scene->palette != NULL ? scene->palette : wick_palette_get (FALSE);
  f->viewport = viewport;

  if (scene->market != NULL)
    {
      f->series = wick_market_get_series (scene->market);
      f->candles = wick_series_get_candles (f->series);
      f->n_candles = wick_series_get_length (f->series);
      f->interval_ms = MAX (wick_series_get_interval_ms (f->series), 1);
    }

  f->width = wick_viewport_get_width (viewport);
  f->height = wick_viewport_get_height (viewport);
  wick_viewport_get_plot (viewport, &f->plot);
  wick_viewport_get_time_range (viewport, &f->from_ms, &f->to_ms);
  wick_viewport_get_price_range (viewport, &low, &high);
  f->log_scale = wick_viewport_get_log_scale (viewport);
  f->space_low = f->log_scale ? log (MAX (low, MIN_LOG_PRICE)) : low;
  f->space_high = f->log_scale ? log (MAX (high, MIN_LOG_PRICE)) : high;

  cairo_user_to_device_distance (cr, &dx, &dy);
  f->dev_x = fabs (dx) > 1e-6 ? 1 / fabs (dx) : 1;
  f->dev_y = fabs (dy) > 1e-6 ? 1 / fabs (dy) : 1;

  /* Without a header reserved by the viewport, the title block takes the top of the plot. */
  f->content_top = f->plot.y;
  if (scene->show_title_block && f->plot.y < WICK_RENDER_TITLE_BLOCK_HEIGHT)
    f->content_top = f->plot.y + WICK_RENDER_TITLE_BLOCK_HEIGHT;

  f->layout = pango_cairo_create_layout (cr);
  /* Text given to a sink is set by whatever shows the file, with glyphs at their exact
   * advances: measure it that way too, so centred and right-aligned labels land right. */
  if (f->text_sink != NULL)
    {
      pango_context_set_round_glyph_positions (pango_layout_get_context (f->layout), FALSE);
      pango_layout_context_changed (f->layout);
    }
  f->axis_font = font_new (AXIS_FONT_PX, PANGO_WEIGHT_NORMAL);
  f->axis_bold_font = font_new (AXIS_FONT_PX, PANGO_WEIGHT_BOLD);
  f->legend_font = font_new (LEGEND_FONT_PX, PANGO_WEIGHT_NORMAL);
  f->title_font = font_new (TITLE_FONT_PX, PANGO_WEIGHT_BOLD);
}

void
_wick_render_frame_clear (Frame *f)
{
  g_clear_object (&f->layout);
  g_clear_pointer (&f->axis_font, pango_font_description_free);
  g_clear_pointer (&f->axis_bold_font, pango_font_description_free);
  g_clear_pointer (&f->legend_font, pango_font_description_free);
  g_clear_pointer (&f->title_font, pango_font_description_free);
}

/* Lays out @text in @font; returns its logical width and height. */
void
_wick_render_set_text (Frame                      *f,
                       const PangoFontDescription *font,
                       const char                 *text,
                       double                     *width,
                       double                     *height)
{
  if (f->current_font != font)
    {
      pango_layout_set_font_description (f->layout, font);
      f->current_font = font;
    }

  pango_layout_set_text (f->layout, text, -1);
  pango_layout_get_pixel_extents (f->layout, NULL, &f->extents);

  if (width != NULL)
    *width = f->extents.width;
  if (height != NULL)
    *height = f->extents.height;
}

/* Draws the text last given to _wick_render_set_text() with its logical box's top-left at
 * (x, y), or hands it to the frame's text sink. */
void
_wick_render_show_text (Frame           *f,
                        double           x,
                        double           y,
                        const WickColor *color)
{
  WickRenderTextRun run;
  cairo_path_t *path;

  set_color (f->cr, color);
  cairo_move_to (f->cr, round (x) - f->extents.x, round (y) - f->extents.y);

  if (f->text_sink == NULL)
    {
      pango_cairo_show_layout (f->cr, f->layout);
      return;
    }

  run.layout = f->layout;
  run.color = color;
  run.x = round (x) - f->extents.x;
  run.y = round (y) - f->extents.y;
  run.box.x = round (x);
  run.box.y = round (y);
  run.box.width = f->extents.width;
  run.box.height = f->extents.height;

  /* Leave the state and the path as showing the layout would. */
  path = cairo_copy_path (f->cr);
  cairo_save (f->cr);
  cairo_new_path (f->cr);
  f->text_sink (f->cr, &run, f->text_sink_data);
  cairo_restore (f->cr);
  cairo_new_path (f->cr);
  cairo_append_path (f->cr, path);
  cairo_path_destroy (path);
}

/* A filled label box on the price axis, centred on @y. */
void
_wick_render_price_label (Frame           *f,
                          double           y,
                          const char      *text,
                          const WickColor *background,
                          const WickColor *foreground)
{
  double w, h, top;

  _wick_render_set_text (f, f->axis_font, text, &w, &h);
  top = round (y - h / 2 - LABEL_PAD_Y);
  set_color (f->cr, background);
  cairo_rectangle (f->cr, f->plot.x + f->plot.width, top, f->width - f->plot.x - f->plot.width,
                   h + 2 * LABEL_PAD_Y);
  cairo_fill (f->cr);
  _wick_render_show_text (f, f->plot.x + f->plot.width + TEXT_PAD, top + LABEL_PAD_Y,
                          foreground);
}

static void
draw_grid (Frame              *f,
           const double       *price_ticks,
           guint               n_price_ticks,
           const WickTimeTick *time_ticks,
           guint               n_time_ticks)
{
  cairo_t *cr = f->cr;
  double bottom = f->plot.y + f->plot.height;
  double right = f->plot.x + f->plot.width;
  guint i;

  /* One path of device-pixel-thin rectangles, filled once. */
  for (i = 0; i < n_price_ticks; i++)
    {
      double y = floor (frame_y (f, price_ticks[i]) / f->dev_y) * f->dev_y;

      if (y >= f->plot.y && y < bottom)
        cairo_rectangle (cr, f->plot.x, y, f->plot.width, f->dev_y);
    }

  for (i = 0; i < n_time_ticks; i++)
    {
      double x = floor (frame_x (f, time_ticks[i].time_ms) / f->dev_x) * f->dev_x;

      if (x >= f->plot.x && x < right)
        cairo_rectangle (cr, x, f->plot.y, f->dev_x, f->plot.height);
    }

  set_color (cr, &f->palette->grid);
  cairo_fill (cr);
}

static void
draw_last_price_line (Frame *f)
{
  const WickCandle *last;
  double y;
  static const double dash[] = { 2, 2 };

  if (f->n_candles == 0)
    return;

  last = &f->candles[f->n_candles - 1];
  y = floor (frame_y (f, last->close)) + .5;
  if (y < f->plot.y || y > f->plot.y + f->plot.height)
    return;

  cairo_save (f->cr);
  cairo_set_dash (f->cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (f->cr, 1);
  cairo_move_to (f->cr, f->plot.x, y);
  cairo_line_to (f->cr, f->plot.x + f->plot.width, y);
  set_color (f->cr, last->close >= last->open ? &f->palette->up : &f->palette->down);
  cairo_stroke (f->cr);
  cairo_restore (f->cr);
}

static void
draw_last_price_label (Frame *f)
{
  const WickCandle *last;
  char text[64];
  double y;

  if (f->n_candles == 0)
    return;

  last = &f->candles[f->n_candles - 1];
  y = frame_y (f, last->close);
  if (y < f->plot.y || y > f->plot.y + f->plot.height)
    return;

  wick_format_price_into (text, sizeof text, last->close, wick_price_decimals (last->close));
  _wick_render_price_label (f, y, text,
                            last->close >= last->open ? &f->palette->up : &f->palette->down,
                            &f->palette->label_text);
}

/* ---- price lines ---- */

/* The selection band reaches this far above and below the selected line's row. */
#define LEVEL_HALO_PX     3.0
/* Half the side of the selected line's handle, less half a pixel. */
#define LEVEL_HANDLE_PX   3.0
/* Label backgrounds lighter than this (relative luminance) get dark text. */
#define LIGHT_LUMINANCE   0.6

static void
color_from_rgba (guint32    rgba,
                 WickColor *color)
{
  color->red = ((rgba >> 24) & 0xff) / 255.;
  color->green = ((rgba >> 16) & 0xff) / 255.;
  color->blue = ((rgba >> 8) & 0xff) / 255.;
  color->alpha = (rgba & 0xff) / 255.;
}

/* The pinned colour, else support at or below the last close and resistance above it;
 * with no candles, support. */
static void
level_color (const Frame     *f,
             const WickLevel *level,
             double           price,
             WickColor       *color)
{
  if (level->has_color)
    color_from_rgba (level->color_rgba, color);
  else if (f->n_candles > 0 && price > f->candles[f->n_candles - 1].close)
    *color = f->palette->resistance;
  else
    *color = f->palette->support;
}

static gboolean
is_light (const WickColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue > LIGHT_LUMINANCE;
}

static inline gboolean
level_in_view (const Frame *f,
               double       y)
{
  return y >= f->plot.y && y < f->plot.y + f->plot.height;
}

/* A price line across the plot at @price (which is the level's own price, or a drag's
 * preview): 1 px on the row under the price, 2 px (that row and the next) when hovered or
 * selected, dashed when locked, with the level's label above its left end. The selected line
 * sits in a band of the selection colour and, when it can be dragged, has a handle in the
 * middle. */
void
_wick_render_level (Frame           *f,
                    const WickLevel *level,
                    double           price,
                    gboolean         is_hovered,
                    gboolean         is_selected)
{
  static const double dash[] = { 6, 4 };
  cairo_t *cr = f->cr;
  double y = frame_y (f, price);
  double row = floor (y);
  WickColor color;
  double h;

  if (!level_in_view (f, y))
    return;

  level_color (f, level, price, &color);

  cairo_save (cr);
  cairo_rectangle (cr, f->plot.x, f->plot.y, f->plot.width, f->plot.height);
  cairo_clip (cr);

  if (is_selected)
    {
      cairo_rectangle (cr, f->plot.x, row - LEVEL_HALO_PX, f->plot.width, 2 * LEVEL_HALO_PX + 1);
      set_color (cr, &f->palette->selection);
      cairo_fill (cr);
    }

  if (level->locked)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, is_hovered || is_selected ? 2 : 1);
  cairo_move_to (cr, f->plot.x, is_hovered || is_selected ? row + 1 : row + .5);
  cairo_rel_line_to (cr, f->plot.width, 0);
  set_color (cr, &color);
  cairo_stroke (cr);

  if (level->label != NULL && level->label[0] != '\0')
    {
      _wick_render_set_text (f, f->axis_font, level->label, NULL, &h);
      _wick_render_show_text (f, f->plot.x + TEXT_PAD, row - 2 - h, &color);
    }

  if (is_selected && !level->locked)
    {
      double centre = floor (f->plot.x + f->plot.width / 2);

      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, centre - LEVEL_HANDLE_PX + .5, row - LEVEL_HANDLE_PX + .5,
                       2 * LEVEL_HANDLE_PX, 2 * LEVEL_HANDLE_PX);
      set_color (cr, &f->palette->background);
      cairo_fill_preserve (cr);
      set_color (cr, &color);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

/* The line's price in a filled label of its colour on the price axis. */
void
_wick_render_level_label (Frame           *f,
                          const WickLevel *level,
                          double           price)
{
  double y = frame_y (f, price);
  WickColor color;
  char text[64];

  if (!level_in_view (f, y))
    return;

  level_color (f, level, price, &color);
  color.alpha = 1;
  wick_format_price_into (text, sizeof text, price, wick_price_decimals (price));
  _wick_render_price_label (f, y, text, &color,
                            is_light (&color) ? &f->palette->label_text_dark
                                              : &f->palette->label_text);
}

/* Every line but the one being dragged, which the overlay draws. */
static void
draw_levels (Frame    *f,
             gboolean  labels)
{
  WickLevelStore *store = f->scene->levels;
  guint i, n = store != NULL ? wick_level_store_get_n_levels (store) : 0;

  for (i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (store, i);

      if (level->id == f->scene->drag_level_id)
        continue;

      if (labels)
        _wick_render_level_label (f, level, level->price);
      else
        _wick_render_level (f, level, level->price, level->id == f->scene->hovered_level_id,
                            level->id == f->scene->selected_level_id);
    }
}

/* Whether a price label at @y, @height tall, would touch the label of a static line. */
static gboolean
near_level_label (const Frame *f,
                  double       y,
                  double       height)
{
  WickLevelStore *store = f->scene->levels;
  guint i, n = store != NULL ? wick_level_store_get_n_levels (store) : 0;

  for (i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (store, i);

      if (level->id != f->scene->drag_level_id &&
          fabs (frame_y (f, level->price) - y) < height + 2 * LABEL_PAD_Y)
        return TRUE;
    }

  return FALSE;
}

static void
draw_borders (Frame *f)
{
  cairo_t *cr = f->cr;
  double right = floor ((f->plot.x + f->plot.width) / f->dev_x) * f->dev_x;
  double bottom = floor ((f->plot.y + f->plot.height) / f->dev_y) * f->dev_y;

  cairo_rectangle (cr, right, f->plot.y, f->dev_x, f->height - f->plot.y);
  cairo_rectangle (cr, f->plot.x, bottom, f->width - f->plot.x, f->dev_y);
  /* Under a header (the exported title block), a line closes the top. */
  if (f->plot.y > 0)
    cairo_rectangle (cr, f->plot.x, floor (f->plot.y / f->dev_y) * f->dev_y - f->dev_y,
                     f->width - f->plot.x, f->dev_y);
  set_color (cr, &f->palette->border);
  cairo_fill (cr);
}

static void
draw_price_axis (Frame        *f,
                 const double *ticks,
                 guint         n_ticks,
                 double        step)
{
  guint decimals = wick_axis_step_decimals (step);
  double bottom = f->plot.y + f->plot.height;
  double last_y = G_MAXDOUBLE;
  guint i;

  /* The last-price and line labels go on top later; ticks they would cover are left out. */
  if (f->n_candles > 0)
    last_y = frame_y (f, f->candles[f->n_candles - 1].close);

  for (i = 0; i < n_ticks; i++)
    {
      char text[64];
      double y = frame_y (f, ticks[i]);
      double h;

      /* Prices are positive: the room a fit leaves below zero gets no labels. */
      if (ticks[i] < 0)
        continue;

      wick_format_price_into (text, sizeof text, ticks[i], decimals);
      _wick_render_set_text (f, f->axis_font, text, NULL, &h);
      if (y - h / 2 < f->plot.y || y + h / 2 > bottom ||
          fabs (y - last_y) < h + 2 * LABEL_PAD_Y || near_level_label (f, y, h))
        continue;
      _wick_render_show_text (f, f->plot.x + f->plot.width + TEXT_PAD, y - h / 2,
                              &f->palette->axis_text);
    }
}

static void
draw_time_axis (Frame              *f,
                const WickTimeTick *ticks,
                guint               n_ticks)
{
  double last_right = -G_MAXDOUBLE;
  double band_top = f->height - WICK_VIEWPORT_AXIS_HEIGHT;
  guint i;

  for (i = 0; i < n_ticks; i++)
    {
      double x = frame_x (f, ticks[i].time_ms);
      double w, h, left;

      if (x < f->plot.x || x > f->plot.x + f->plot.width)
        continue;

      _wick_render_set_text (f, ticks[i].is_major ? f->axis_bold_font : f->axis_font,
                             ticks[i].label, &w, &h);
      left = x - w / 2;
      /* Drop a label that would touch the previous one or leave the image. */
      if (left < last_right + TEXT_PAD || left < 0 || left + w > f->width)
        continue;

      _wick_render_show_text (f, left, band_top + (WICK_VIEWPORT_AXIS_HEIGHT - h) / 2,
                              &f->palette->axis_text);
      last_right = left + w;
    }
}

/* The market line ("BTCUSDT · 1h · Sample data (synthetic)") at the top-left of the plot;
 * returns the y just below it, where the legend goes. A title block without a custom title
 * already shows the market's title, so then there is no market line and the legend takes
 * its place. */
double
_wick_render_market_line (Frame    *f,
                          gboolean  draw)
{
  g_autofree char *title = NULL;
  double y = f->content_top + 6;
  double h;

  if (f->scene->market == NULL || (f->scene->show_title_block && f->scene->title == NULL))
    return y;

  title = wick_market_dup_title (f->scene->market);
  _wick_render_set_text (f, f->legend_font, title != NULL ? title : "", NULL, &h);
  if (draw)
    _wick_render_show_text (f, f->plot.x + TEXT_PAD, y, &f->palette->text);

  return y + h + 2;
}

static void
draw_title_block (Frame *f)
{
  g_autofree char *market_title = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *range = NULL;
  const char *title = f->scene->title;
  double top = f->content_top - WICK_RENDER_TITLE_BLOCK_HEIGHT;
  double h;

  if (title == NULL && f->scene->market != NULL)
    title = market_title = wick_market_dup_title (f->scene->market);

  if (title != NULL)
    {
      _wick_render_set_text (f, f->title_font, title, NULL, &h);
      _wick_render_show_text (f, TEXT_PAD, top + 6, &f->palette->text);
    }
  else
    {
      h = TITLE_FONT_PX;
    }

  from_text = wick_axis_format_time (f->scene->time_zone, (gint64) floor (f->from_ms),
                                     "%Y-%m-%d %H:%M");
  to_text = wick_axis_format_time (f->scene->time_zone, (gint64) floor (f->to_ms),
                                   "%Y-%m-%d %H:%M %Z");
  range = g_strdup_printf ("%s – %s", from_text != NULL ? from_text : "",
                           to_text != NULL ? to_text : "");
  _wick_render_set_text (f, f->axis_font, range, NULL, NULL);
  _wick_render_show_text (f, TEXT_PAD, top + 6 + h + 2, &f->palette->axis_text);
}

/* The mark at the bottom-right of the plot, on exports. */
static void
draw_watermark (Frame *f)
{
  double w, h;

  _wick_render_set_text (f, f->title_font, "Wick", &w, &h);
  _wick_render_show_text (f, f->plot.x + f->plot.width - TEXT_PAD - w,
                          f->plot.y + f->plot.height - 6 - h, &f->palette->watermark);
}

/**
 * wick_render_static:
 * @cr: where to draw; user units are logical pixels
 * @scene: what to draw
 * @viewport: the mapping; its size is the area drawn
 *
 * Background, grid, with `show_heatmap` the scene's liquidation heatmap, the bands of the
 * scene's zones (with `show_zone_pins`, their pins), volume, candles, the indicator lines
 * the scene shows (`show_ema20`, `show_ema50`, `show_vwap`) with their legend, the lower
 * pane (`lower_pane`, in the viewport's room for it), the heatmap's
 * realised-liquidation bubbles, the scene's signal markers, last-price line and label, the
 * price lines of the scene's level store (all but the one being dragged) with their labels,
 * axes, market line and the heatmap's legend and, with `show_title_block`, the title block
 * and the mark. The market line is left out when the title block shows the market's own
 * title (no `title` in @scene), so it is not repeated.
 * Paints every pixel of the viewport's area opaque, so the widget can cache the result.
 */
void
wick_render_static (cairo_t         *cr,
                    const WickScene *scene,
                    WickViewport    *viewport)
{
  double price_ticks[MAX_PRICE_TICKS];
  WickTimeTick time_ticks[MAX_TIME_TICKS];
  WickTimeStep step;
  guint n_price_ticks, n_time_ticks;
  double price_step;
  double low, high;
  Frame f;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (WICK_IS_VIEWPORT (viewport));

  _wick_render_frame_init (&f, cr, scene, viewport);

  cairo_save (cr);

  cairo_rectangle (cr, 0, 0, f.width, f.height);
  set_color (cr, &f.palette->background);
  cairo_fill (cr);

  wick_viewport_get_price_range (viewport, &low, &high);
  n_price_ticks = wick_axis_price_ticks (low, high, f.log_scale, f.plot.height,
                                         WICK_RENDER_PRICE_TICK_SPACING,
                                         price_ticks, MAX_PRICE_TICKS, &price_step);
  wick_axis_choose_time_step (wick_viewport_get_ms_per_pixel (viewport),
                              WICK_RENDER_TIME_TICK_SPACING, &step);
  n_time_ticks = wick_axis_time_ticks (scene->time_zone, f.from_ms, f.to_ms, &step,
                                       time_ticks, MAX_TIME_TICKS);

  draw_grid (&f, price_ticks, n_price_ticks, time_ticks, n_time_ticks);

  cairo_save (cr);
  cairo_rectangle (cr, f.plot.x, f.plot.y, f.plot.width, f.plot.height);
  cairo_clip (cr);
  _wick_render_heatmap (&f);
  _wick_render_zones (&f);
  _wick_render_candles (&f);
  _wick_render_indicators (&f);
  _wick_render_heatmap_bubbles (&f);
  _wick_render_signals (&f);
  draw_last_price_line (&f);
  _wick_render_zone_pins (&f);
  draw_levels (&f, FALSE);
  if (scene->show_title_block)
    draw_watermark (&f);
  _wick_render_market_line (&f, TRUE);
  _wick_render_indicator_legend (&f);
  _wick_render_heatmap_legend (&f);
  cairo_restore (cr);

  if (scene->show_title_block)
    draw_title_block (&f);
  draw_borders (&f);
  _wick_render_lower_pane (&f);
  draw_price_axis (&f, price_ticks, n_price_ticks, price_step);
  draw_time_axis (&f, time_ticks, n_time_ticks);
  draw_levels (&f, TRUE);
  draw_last_price_label (&f);

  cairo_restore (cr);

  _wick_render_frame_clear (&f);
}

/**
 * wick_render:
 * @cr: where to draw
 * @scene: what to draw
 * @viewport: the mapping
 *
 * wick_render_static() then wick_render_overlay(): the whole chart, as exported.
 */
void
wick_render (cairo_t         *cr,
             const WickScene *scene,
             WickViewport    *viewport)
{
  wick_render_static (cr, scene, viewport);
  wick_render_overlay (cr, scene, viewport);
}
