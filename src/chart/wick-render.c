/* wick-render.c: the one drawing path, used by the widget and by every export format
 *
 * User units are logical pixels; the caller scales the cairo_t for HiDPI or export scale.
 * Nothing here allocates per candle: wide candles are walked over the visible index range,
 * and candles narrower than WICK_RENDER_MIN_CANDLE_WIDTH are drawn as one aggregated candle
 * per device-pixel column from the level-of-detail pyramid, so a frame costs O(pixels).
 * Every colour comes from the scene's palette.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render.h"

#include "wick-axis.h"

#include <pango/pangocairo.h>

#include <math.h>
#include <string.h>

#define FONT_FAMILY        "Sans"
#define AXIS_FONT_PX       12
#define LEGEND_FONT_PX     13
#define TITLE_FONT_PX      18
#define MAX_PRICE_TICKS    128
#define MAX_TIME_TICKS     128
#define VOLUME_FRACTION    0.2
#define BODY_FRACTION      0.8
#define TEXT_PAD           8.0
#define LABEL_PAD_Y        3.0
#define MIN_LOG_PRICE      1e-12

typedef struct
{
  cairo_t                    *cr;             /* Borrowed */
  const WickScene            *scene;          /* Borrowed */
  const WickPalette          *palette;        /* Borrowed */
  WickViewport               *viewport;       /* Borrowed */
  WickSeries                 *series;         /* Borrowed, nullable */
  const WickCandle           *candles;        /* Borrowed from series */
  guint                       n_candles;
  gint64                      interval_ms;
  double                      width;
  double                      height;
  WickRect                    plot;
  double                      from_ms;
  double                      to_ms;
  double                      space_low;      /* price range in axis space (log or linear) */
  double                      space_high;
  gboolean                    log_scale;
  double                      dev_x;          /* one device pixel, in user units */
  double                      dev_y;
  double                      content_top;    /* where the market line starts */
  PangoLayout                *layout;         /* Owned: one per call, reused for every label */
  PangoFontDescription       *axis_font;      /* Owned */
  PangoFontDescription       *axis_bold_font; /* Owned */
  PangoFontDescription       *legend_font;    /* Owned */
  PangoFontDescription       *title_font;     /* Owned */
  const PangoFontDescription *current_font;   /* Borrowed: the layout's font */
  PangoRectangle              extents;        /* logical extents of the layout's text */
} Frame;

static inline void
set_color (cairo_t         *cr,
           const WickColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* The same expressions as wick_viewport_time_to_x() and wick_viewport_price_to_y(), inlined
 * with the viewport read once per frame. */
static inline double
frame_x (const Frame *f,
         double       time_ms)
{
  return f->plot.x + (time_ms - f->from_ms) / (f->to_ms - f->from_ms) * f->plot.width;
}

static inline double
frame_y (const Frame *f,
         double       price)
{
  double value = f->log_scale ? log (MAX (price, MIN_LOG_PRICE)) : price;

  return f->plot.y + f->plot.height -
         (value - f->space_low) / (f->space_high - f->space_low) * f->plot.height;
}

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

static void
frame_init (Frame           *f,
            cairo_t         *cr,
            const WickScene *scene,
            WickViewport    *viewport)
{
  double low, high, dx = 1, dy = 1;

  memset (f, 0, sizeof *f);
  f->cr = cr;
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
  f->axis_font = font_new (AXIS_FONT_PX, PANGO_WEIGHT_NORMAL);
  f->axis_bold_font = font_new (AXIS_FONT_PX, PANGO_WEIGHT_BOLD);
  f->legend_font = font_new (LEGEND_FONT_PX, PANGO_WEIGHT_NORMAL);
  f->title_font = font_new (TITLE_FONT_PX, PANGO_WEIGHT_BOLD);
}

static void
frame_clear (Frame *f)
{
  g_clear_object (&f->layout);
  g_clear_pointer (&f->axis_font, pango_font_description_free);
  g_clear_pointer (&f->axis_bold_font, pango_font_description_free);
  g_clear_pointer (&f->legend_font, pango_font_description_free);
  g_clear_pointer (&f->title_font, pango_font_description_free);
}

/* Lays out @text in @font; returns its logical width and height. */
static void
frame_set_text (Frame                      *f,
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

/* Draws the text last given to frame_set_text() with its logical box's top-left at (x, y). */
static void
frame_show_text (Frame           *f,
                 double           x,
                 double           y,
                 const WickColor *color)
{
  set_color (f->cr, color);
  cairo_move_to (f->cr, round (x) - f->extents.x, round (y) - f->extents.y);
  pango_cairo_show_layout (f->cr, f->layout);
}

/* A filled label box on the price axis, centred on @y. */
static void
draw_price_label (Frame           *f,
                  double           y,
                  const char      *text,
                  const WickColor *background,
                  const WickColor *foreground)
{
  double w, h, top;

  frame_set_text (f, f->axis_font, text, &w, &h);
  top = round (y - h / 2 - LABEL_PAD_Y);
  set_color (f->cr, background);
  cairo_rectangle (f->cr, f->plot.x + f->plot.width, top, f->width - f->plot.x - f->plot.width,
                   h + 2 * LABEL_PAD_Y);
  cairo_fill (f->cr);
  frame_show_text (f, f->plot.x + f->plot.width + TEXT_PAD, top + LABEL_PAD_Y, foreground);
}

/* First index whose candle ends after @time_ms (open + interval > time). */
static guint
first_ending_after (const Frame *f,
                    double       time_ms)
{
  guint lo = 0, hi = f->n_candles;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) (f->candles[mid].open_time_ms + f->interval_ms) > time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* First index at or after @lo whose candle opens at or after @time_ms. */
static guint
first_opening_at (const Frame *f,
                  guint        lo,
                  double       time_ms)
{
  guint hi = f->n_candles;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) f->candles[mid].open_time_ms >= time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* The candle under @x: the last one opening at or before the time there, clamped to the
 * series. Only valid with at least one candle. */
static guint
candle_index_at (const Frame *f,
                 double       x)
{
  double time_ms = f->from_ms + (x - f->plot.x) / f->plot.width * (f->to_ms - f->from_ms);
  guint index = first_opening_at (f, 0, floor (time_ms) + 1);

  return index > 0 ? index - 1 : 0;
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

/* Adds a rectangle to the path, cut to the plot (with a small margin): zoomed far in, a
 * candle can reach millions of pixels, beyond what Cairo's fixed-point coordinates hold. */
static inline void
add_rect (const Frame *f,
          double       x,
          double       y,
          double       width,
          double       height)
{
  double x0 = MAX (x, f->plot.x - 2);
  double y0 = MAX (y, f->plot.y - 2);
  double x1 = MIN (x + width, f->plot.x + f->plot.width + 2);
  double y1 = MIN (y + height, f->plot.y + f->plot.height + 2);

  if (x1 > x0 && y1 > y0)
    cairo_rectangle (f->cr, x0, y0, x1 - x0, y1 - y0);
}

/* Wide candles: body and wick per candle, one path per colour. */
static void
draw_candles_wide (Frame *f,
                   guint  first,
                   guint  end)
{
  cairo_t *cr = f->cr;
  double candle_px = f->interval_ms / (f->to_ms - f->from_ms) * f->plot.width;
  double bottom = f->plot.y + f->plot.height;
  double band = f->plot.height * VOLUME_FRACTION;
  double max_volume = 0;
  int body;
  int pass;
  guint i;

  /* An odd body width keeps the one-pixel wick centred; at least one pixel of gap. */
  body = (int) floor (MIN (MIN (candle_px * BODY_FRACTION, candle_px - 1),
                           2 * f->plot.width + 5));
  if (body % 2 == 0)
    body--;
  body = MAX (body, 1);

  if (f->scene->show_volume)
    {
      for (i = first; i < end; i++)
        max_volume = MAX (max_volume, f->candles[i].volume);
    }

  for (pass = 0; pass < 2 && max_volume > 0; pass++)
    {
      gboolean up = pass == 0;

      for (i = first; i < end; i++)
        {
          const WickCandle *c = &f->candles[i];
          double x, top;

          if ((c->close >= c->open) != up || c->volume <= 0)
            continue;

          x = floor (frame_x (f, c->open_time_ms + f->interval_ms / 2.0)) - (body - 1) / 2;
          top = round (bottom - c->volume / max_volume * band);
          if (top < bottom)
            add_rect (f, x, top, body, bottom - top);
        }

      set_color (cr, up ? &f->palette->volume_up : &f->palette->volume_down);
      cairo_fill (cr);
    }

  for (pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      for (i = first; i < end; i++)
        {
          const WickCandle *c = &f->candles[i];
          double centre, high, low, top, bot;

          if ((c->close >= c->open) != up)
            continue;

          centre = floor (frame_x (f, c->open_time_ms + f->interval_ms / 2.0));
          high = round (frame_y (f, c->high));
          low = round (frame_y (f, c->low));
          top = round (frame_y (f, MAX (c->open, c->close)));
          bot = round (frame_y (f, MIN (c->open, c->close)));
          if (bot - top < 1)
            bot = top + 1;

          /* Wick above and below the body, then the body. */
          if (top > high)
            add_rect (f, centre, high, 1, top - high);
          if (low > bot)
            add_rect (f, centre, bot, 1, low - bot);
          add_rect (f, centre - (body - 1) / 2, top, body, bot - top);
        }

      set_color (cr, up ? &f->palette->up : &f->palette->down);
      cairo_fill (cr);
    }
}

/* Column of the candle at @index: which device-pixel column its centre falls in. */
static inline double
candle_column (const Frame *f,
               guint        index)
{
  double x = frame_x (f, f->candles[index].open_time_ms + f->interval_ms / 2.0);

  return floor ((x - f->plot.x) / f->dev_x);
}

/* First index in [lo, hi) whose centre's column is at least @column. */
static guint
first_in_column (const Frame *f,
                 guint        lo,
                 guint        hi,
                 double       column)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (candle_column (f, mid) >= column)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* Narrow candles: one aggregate per device-pixel column from the pyramid. */
static void
draw_candles_aggregated (Frame   *f,
                         WickLod *lod,
                         guint    first,
                         guint    end)
{
  g_autofree WickCandle *columns = NULL;
  cairo_t *cr = f->cr;
  double bottom = f->plot.y + f->plot.height;
  double band = f->plot.height * VOLUME_FRACTION;
  double max_volume = 0;
  guint n_columns = (guint) ceil (f->plot.width / f->dev_x - 1e-9);
  guint column, start;
  int pass;

  end = MIN (end, wick_lod_get_length (lod));
  columns = g_new (WickCandle, n_columns);

  start = first_in_column (f, first, end, 0);
  for (column = 0; column < n_columns; column++)
    {
      guint stop = first_in_column (f, start, end, column + 1);

      if (!wick_lod_aggregate (lod, start, stop, &columns[column]))
        columns[column].open_time_ms = G_MININT64;
      else
        max_volume = MAX (max_volume, columns[column].volume);
      start = stop;
    }

  if (!f->scene->show_volume)
    max_volume = 0;

  for (pass = 0; pass < 2 && max_volume > 0; pass++)
    {
      gboolean up = pass == 0;

      for (column = 0; column < n_columns; column++)
        {
          const WickCandle *c = &columns[column];
          double top;

          if (c->open_time_ms == G_MININT64 || (c->close >= c->open) != up || c->volume <= 0)
            continue;

          top = round ((bottom - c->volume / max_volume * band) / f->dev_y) * f->dev_y;
          if (top < bottom)
            add_rect (f, f->plot.x + column * f->dev_x, top, f->dev_x, bottom - top);
        }

      set_color (cr, up ? &f->palette->volume_up : &f->palette->volume_down);
      cairo_fill (cr);
    }

  for (pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      for (column = 0; column < n_columns; column++)
        {
          const WickCandle *c = &columns[column];
          double top, bot;

          if (c->open_time_ms == G_MININT64 || (c->close >= c->open) != up)
            continue;

          top = floor (frame_y (f, c->high) / f->dev_y) * f->dev_y;
          bot = ceil (frame_y (f, c->low) / f->dev_y) * f->dev_y;
          if (bot - top < f->dev_y)
            bot = top + f->dev_y;
          add_rect (f, f->plot.x + column * f->dev_x, top, f->dev_x, bot - top);
        }

      set_color (cr, up ? &f->palette->up : &f->palette->down);
      cairo_fill (cr);
    }
}

static void
draw_candles (Frame *f)
{
  double candle_px;
  guint first, end;

  if (f->n_candles == 0)
    return;

  first = first_ending_after (f, f->from_ms);
  end = first_opening_at (f, first, f->to_ms);
  if (first >= end)
    return;

  candle_px = f->interval_ms / (f->to_ms - f->from_ms) * f->plot.width;
  if (candle_px >= WICK_RENDER_MIN_CANDLE_WIDTH)
    {
      draw_candles_wide (f, first, end);
    }
  else
    {
      WickLod *lod = f->scene->lod;
      g_autoptr(WickLod) own_lod = NULL;

      /* The widget passes a pyramid; a caller that did not (or whose pyramid missed an
       * update) gets a temporary one. */
      if (lod == NULL || wick_lod_get_series (lod) != f->series ||
          wick_lod_get_length (lod) != f->n_candles)
        lod = own_lod = wick_lod_new (f->series);

      draw_candles_aggregated (f, lod, first, end);
    }
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
  draw_price_label (f, y, text,
                    last->close >= last->open ? &f->palette->up : &f->palette->down,
                    &f->palette->label_text);
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

  /* The last-price label goes on top later; ticks it would cover are left out. */
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
      frame_set_text (f, f->axis_font, text, NULL, &h);
      if (y - h / 2 < f->plot.y || y + h / 2 > bottom ||
          fabs (y - last_y) < h + 2 * LABEL_PAD_Y)
        continue;
      frame_show_text (f, f->plot.x + f->plot.width + TEXT_PAD, y - h / 2,
                       &f->palette->axis_text);
    }
}

static void
draw_time_axis (Frame              *f,
                const WickTimeTick *ticks,
                guint               n_ticks)
{
  double last_right = -G_MAXDOUBLE;
  double band_top = f->plot.y + f->plot.height;
  guint i;

  for (i = 0; i < n_ticks; i++)
    {
      double x = frame_x (f, ticks[i].time_ms);
      double w, h, left;

      if (x < f->plot.x || x > f->plot.x + f->plot.width)
        continue;

      frame_set_text (f, ticks[i].is_major ? f->axis_bold_font : f->axis_font,
                      ticks[i].label, &w, &h);
      left = x - w / 2;
      /* Drop a label that would touch the previous one or leave the image. */
      if (left < last_right + TEXT_PAD || left < 0 || left + w > f->width)
        continue;

      frame_show_text (f, left, band_top + (WICK_VIEWPORT_AXIS_HEIGHT - h) / 2,
                       &f->palette->axis_text);
      last_right = left + w;
    }
}

/* The market line ("BTCUSDT · 1h · Sample data (synthetic)") at the top-left of the plot;
 * returns the y just below it, where the legend goes. */
static double
draw_market_line (Frame    *f,
                  gboolean  draw)
{
  g_autofree char *title = NULL;
  double y = f->content_top + 6;
  double h;

  if (f->scene->market == NULL)
    return y;

  title = wick_market_dup_title (f->scene->market);
  frame_set_text (f, f->legend_font, title != NULL ? title : "", NULL, &h);
  if (draw)
    frame_show_text (f, f->plot.x + TEXT_PAD, y, &f->palette->text);

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
      frame_set_text (f, f->title_font, title, NULL, &h);
      frame_show_text (f, TEXT_PAD, top + 6, &f->palette->text);
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
  frame_set_text (f, f->axis_font, range, NULL, NULL);
  frame_show_text (f, TEXT_PAD, top + 6 + h + 2, &f->palette->axis_text);
}

/* The mark at the bottom-right of the plot, on exports. */
static void
draw_watermark (Frame *f)
{
  double w, h;

  frame_set_text (f, f->title_font, "Wick", &w, &h);
  frame_show_text (f, f->plot.x + f->plot.width - TEXT_PAD - w,
                   f->plot.y + f->plot.height - 6 - h, &f->palette->watermark);
}

/**
 * wick_render_static:
 * @cr: where to draw; user units are logical pixels
 * @scene: what to draw
 * @viewport: the mapping; its size is the area drawn
 *
 * Background, grid, volume, candles, last-price line and label, axes, market line and, with
 * `show_title_block`, the title block and the mark. Paints every pixel of the viewport's
 * area opaque, so the widget can cache the result.
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

  frame_init (&f, cr, scene, viewport);

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
  draw_candles (&f);
  draw_last_price_line (&f);
  if (scene->show_title_block)
    draw_watermark (&f);
  draw_market_line (&f, TRUE);
  cairo_restore (cr);

  if (scene->show_title_block)
    draw_title_block (&f);
  draw_borders (&f);
  draw_price_axis (&f, price_ticks, n_price_ticks, price_step);
  draw_time_axis (&f, time_ticks, n_time_ticks);
  draw_last_price_label (&f);

  cairo_restore (cr);

  frame_clear (&f);
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
  draw_price_label (f, y, price_text, &f->palette->label_background, &f->palette->label_text);

  time_text = wick_axis_format_time (f->scene->time_zone, label_time,
                                     f->interval_ms >= 86400000 ? "%a %-d %b '%y"
                                                                : "%a %-d %b '%y %H:%M");
  frame_set_text (f, f->axis_font, time_text != NULL ? time_text : "", &w, &h);
  left = round (CLAMP (x - w / 2 - TEXT_PAD, 0, MAX (0, f->width - w - 2 * TEXT_PAD)));
  set_color (cr, &f->palette->label_background);
  cairo_rectangle (cr, left, f->plot.y + f->plot.height, w + 2 * TEXT_PAD,
                   WICK_VIEWPORT_AXIS_HEIGHT);
  cairo_fill (cr);
  frame_show_text (f, left + TEXT_PAD,
                   f->plot.y + f->plot.height + (WICK_VIEWPORT_AXIS_HEIGHT - h) / 2,
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

      g_ascii_formatd (buffer, sizeof buffer, "%.2f", change);
      g_string_append_printf (text, " %s%s %%", change >= 0 ? "+" : "", buffer);
    }

  frame_set_text (f, f->legend_font, text->str, NULL, NULL);
  frame_show_text (f, f->plot.x + TEXT_PAD, y,
                   c->close >= c->open ? &f->palette->up : &f->palette->down);
}

/**
 * wick_render_overlay:
 * @cr: where to draw, over the static part
 * @scene: the same scene; `has_crosshair`, `crosshair_x` and `crosshair_y` (logical pixels)
 *   place the crosshair
 * @viewport: the same viewport
 *
 * Draws only what moves: the crosshair with its price and time labels when the point is in
 * the plot, and the OHLCV legend under the market line for the hovered candle (the last one
 * without a crosshair). Paints nothing else, so it composes over the cached static part.
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

  frame_init (&f, cr, scene, viewport);

  in_plot = scene->has_crosshair &&
            scene->crosshair_x >= f.plot.x && scene->crosshair_x < f.plot.x + f.plot.width &&
            scene->crosshair_y >= f.plot.y && scene->crosshair_y < f.plot.y + f.plot.height;

  if (f.n_candles > 0)
    {
      index = in_plot ? candle_index_at (&f, scene->crosshair_x) : f.n_candles - 1;
      hovered = &f.candles[index];
    }

  cairo_save (cr);

  if (in_plot)
    draw_crosshair (&f, hovered);

  if (hovered != NULL)
    {
      double y = draw_market_line (&f, FALSE);

      cairo_save (cr);
      cairo_rectangle (cr, f.plot.x, f.plot.y, f.plot.width, f.plot.height);
      cairo_clip (cr);
      draw_legend (&f, index, y);
      cairo_restore (cr);
    }

  cairo_restore (cr);

  frame_clear (&f);
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
