/* wick-render-candles.c: candles and volume bars, per candle or per device-pixel column
 *
 * Nothing here allocates per candle: wide candles are walked over the visible index range,
 * and candles narrower than WICK_RENDER_MIN_CANDLE_WIDTH are drawn as one aggregated candle
 * per device-pixel column from the level-of-detail pyramid, so a frame costs O(pixels).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render-private.h"

#define VOLUME_FRACTION 0.2
#define BODY_FRACTION   0.8

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
guint
_wick_render_first_opening_at (const Frame *f,
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

/**
 * _wick_render_first_past:
 * @is_past: whether an item is past the boundary looked for
 * @data: what @is_past reads
 * @lo: the first item looked at
 * @hi: one past the last
 * @guess: where the boundary is thought to be
 *
 * The boundary is looked for from @guess, by steps that double until they cross it and then
 * by bisection. Candles and signals are looked up this way where their pixel columns are
 * found: from a guess that evenly spaced candles would make good, a few items next to each
 * other are read, where a bisection over the range would read a score of them far apart;
 * a bad guess (candles with gaps) costs twice a bisection at most.
 *
 * Returns: the first item of [@lo, @hi) that @is_past, or @hi for none; the same whatever
 *   @guess is
 */
guint
_wick_render_first_past (WickRenderIsPast is_past,
                         gconstpointer    data,
                         guint            lo,
                         guint            hi,
                         guint            guess)
{
  guess = CLAMP (guess, lo, hi);
  if (guess == hi || is_past (data, guess))
    {
      /* At or left of @guess: step left until one is not past. */
      hi = guess;
      for (guint step = 1; hi > lo; step *= 2)
        {
          guint probe = hi - lo > step ? hi - step : lo;

          if (!is_past (data, probe))
            {
              lo = probe + 1;
              break;
            }
          hi = probe;
        }
    }
  else
    {
      /* Right of @guess: step right until one is past. */
      lo = guess + 1;
      for (guint step = 1; lo < hi; step *= 2)
        {
          guint probe = hi - lo > step ? lo + step - 1 : hi - 1;

          if (is_past (data, probe))
            {
              hi = probe;
              break;
            }
          lo = probe + 1;
        }
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (is_past (data, mid))
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* What is_in_column_after() reads: the frame and the column looked past. */
typedef struct
{
  const Frame *f;
  double       column;
} ColumnSeek;

/* Whether candle @index's centre is in a column after the one before @data's column. */
static gboolean
is_in_column_after (gconstpointer data,
                    guint         index)
{
  const ColumnSeek *seek = data;

  return candle_column (seek->f, index) >= seek->column;
}

/* First index in [lo, hi) whose centre's column is at least @column, looked for from where
 * evenly spaced candles would put it, from the candle at @lo on. */
static guint
first_in_column (const Frame *f,
                 guint        lo,
                 guint        hi,
                 double       column)
{
  ColumnSeek seek = { f, column };
  double candle_px = f->interval_ms / (f->to_ms - f->from_ms) * f->plot.width;
  double ahead = 0;

  if (lo < hi)
    {
      double x = frame_x (f, f->candles[lo].open_time_ms + f->interval_ms / 2.0);

      ahead = ceil ((f->plot.x + column * f->dev_x - x) / candle_px);
    }

  return _wick_render_first_past (is_in_column_after, &seek, lo, hi,
                                  ahead <= 0 ? lo : ahead < hi - lo ? lo + (guint) ahead : hi);
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

/* Volume bars and candles over the visible index range, per candle or per pixel column. */
void
_wick_render_candles (Frame *f)
{
  double candle_px;
  guint first, end;

  if (f->n_candles == 0)
    return;

  first = first_ending_after (f, f->from_ms);
  end = _wick_render_first_opening_at (f, first, f->to_ms);
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
