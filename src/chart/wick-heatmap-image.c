/* wick-heatmap-image.c: a liquidation heatmap grid as a small picture, ready to paint
 *
 * The picture is laid out in time, not in grid columns: pixel i covers `step` candle
 * intervals from the grid's first candle, so a gap in the candles (an exchange outage)
 * keeps the levels of the candle before it, and the renderer maps the picture with one
 * affine transform. Colours come from a lookup table of premultiplied pixels made once from
 * the palette's ramp and the threshold, indexed by the square root of a cell's share of the
 * largest cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap-image"

#include "config.h"

#include "wick-heatmap-image.h"

#include "wick-palette.h"

#include <math.h>
#include <string.h>

/* Entries of the colour table over 0..max USD, and pixels of the legend's colour bar. */
#define LUT_SIZE     1024
#define LEGEND_WIDTH 256

struct _WickHeatmapImage
{
  GObject           parent_instance;

  WickHeatmap      *grid;        /* Owned */
  WickHeatmapModel *model;       /* Owned, nullable: for tooltips; never changed */
  cairo_surface_t  *surface;     /* Owned, nullable: NULL for a grid without columns */
  cairo_surface_t  *legend;      /* Owned: the colour bar, LEGEND_WIDTH × 1 */
  WickHeatmapImageSpan *spans;   /* Owned, nullable: one per row of the surface */
  gint64            interval_ms;
  double            from_ms;     /* time at the picture's left edge */
  double            to_ms;       /* and at its right edge */
  double            price_low;   /* price at its bottom edge */
  double            price_high;  /* and at its top edge */
  double            max_usd;     /* the top of the colour scale */
  double            threshold_low;
  double            threshold_high;
  guint32           lut[LUT_SIZE];
};

G_DEFINE_FINAL_TYPE (WickHeatmapImage, wick_heatmap_image, G_TYPE_OBJECT)

static guint32
premultiply (const WickColor *color)
{
  double a = CLAMP (color->alpha, 0, 1);

  return ((guint32) lround (a * 255) << 24) |
         ((guint32) lround (CLAMP (color->red, 0, 1) * a * 255) << 16) |
         ((guint32) lround (CLAMP (color->green, 0, 1) * a * 255) << 8) |
         (guint32) lround (CLAMP (color->blue, 0, 1) * a * 255);
}

/* Below the low threshold (and at zero) transparent, at or above the high one the top of the
 * ramp, the ramp in between. */
static void
build_lut (WickHeatmapImage *self)
{
  double low = self->threshold_low;
  double high = self->threshold_high;

  for (guint i = 0; i < LUT_SIZE; i++)
    {
      double u = (double) i / (LUT_SIZE - 1);
      WickColor color;

      if (i == 0 || u < low)
        {
          self->lut[i] = 0;
          continue;
        }

      wick_palette_heatmap_ramp (high > low ? (u - low) / (high - low) : 1, &color);
      self->lut[i] = premultiply (&color);
    }
}

static inline guint32
lookup (const WickHeatmapImage *self,
        double                  usd)
{
  double index;

  if (!(usd > 0 && self->max_usd > 0))
    return 0;

  /* The square root of the share of the largest cell: liquidation levels are heavy-tailed,
   * and a linear scale would leave all but the few largest cells in the faint end. */
  index = sqrt (usd / self->max_usd) * (LUT_SIZE - 1) + 0.5;

  return self->lut[(guint) MIN (index, LUT_SIZE - 1)];
}

/* Writes the largest value of each bucket in @cells as pixel column @x. */
static void
write_column (WickHeatmapImage *self,
              guchar           *data,
              int               stride,
              guint             x,
              const float      *cells,
              guint             n_buckets)
{
  for (guint b = 0; b < n_buckets; b++)
    {
      guchar *line = data + (gsize) (n_buckets - 1 - b) * stride;

      *(guint32 *)(gpointer) (line + 4 * (gsize) x) = lookup (self, cells[b]);
    }
}

static void
copy_column (guchar *data,
             int     stride,
             guint   from_x,
             guint   to_x,
             guint   height)
{
  for (guint row = 0; row < height; row++)
    {
      guchar *line = data + (gsize) row * stride;

      memcpy (line + 4 * (gsize) to_x, line + 4 * (gsize) from_x, 4);
    }
}

static void
build_surface (WickHeatmapImage *self)
{
  WickHeatmap *grid = self->grid;
  guint n_columns = wick_heatmap_get_n_columns (grid);
  guint n_buckets = wick_heatmap_get_n_buckets (grid);
  g_autofree float *merged = NULL;
  gint64 first_ms, last_ms, slots, step, width;
  guchar *data;
  gint64 x = -1;
  int stride;

  if (n_columns == 0 || n_buckets == 0)
    return;

  first_ms = wick_heatmap_get_column_time (grid, 0);
  last_ms = wick_heatmap_get_column_time (grid, n_columns - 1);
  slots = (last_ms - first_ms) / self->interval_ms + 1;
  step = (slots + WICK_HEATMAP_IMAGE_MAX_WIDTH - 1) / WICK_HEATMAP_IMAGE_MAX_WIDTH;
  width = (slots + step - 1) / step;

  self->from_ms = first_ms;
  self->to_ms = first_ms + (double) width * step * self->interval_ms;

  /* Cairo's image surfaces stop at 32767 pixels a side. */
  if (width > 32767 || n_buckets > 32767)
    return;

  self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) n_buckets);
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&self->surface, cairo_surface_destroy);
      return;
    }

  cairo_surface_flush (self->surface);
  data = cairo_image_surface_get_data (self->surface);
  stride = cairo_image_surface_get_stride (self->surface);
  merged = g_new (float, n_buckets);

  for (guint k = 0; k < n_columns; k++)
    {
      const float *cells = wick_heatmap_get_column (grid, k);
      gint64 column_x = (wick_heatmap_get_column_time (grid, k) - first_ms) /
                        self->interval_ms / step;

      if (column_x != x)
        {
          if (x >= 0)
            {
              write_column (self, data, stride, (guint) x, merged, n_buckets);
              /* Missing candles keep the levels of the candle before them. */
              for (gint64 gap = x + 1; gap < column_x; gap++)
                copy_column (data, stride, (guint) x, (guint) gap, n_buckets);
            }
          x = column_x;
          memcpy (merged, cells, n_buckets * sizeof (float));
        }
      else
        {
          for (guint b = 0; b < n_buckets; b++)
            merged[b] = MAX (merged[b], cells[b]);
        }
    }

  write_column (self, data, stride, (guint) x, merged, n_buckets);
  cairo_surface_mark_dirty (self->surface);

  /* Where each row has colour, so that the renderer composites only there. */
  self->spans = g_new0 (WickHeatmapImageSpan, n_buckets);
  for (guint row = 0; row < n_buckets; row++)
    {
      const guint32 *pixels = (const guint32 *)(gconstpointer) (data + (gsize) row * stride);
      guint first = 0, end = (guint) width;

      while (first < end && pixels[first] == 0)
        first++;
      while (end > first && pixels[end - 1] == 0)
        end--;

      self->spans[row].first = (guint16) first;
      self->spans[row].end = (guint16) end;
    }
}

static void
build_legend (WickHeatmapImage *self)
{
  guint32 *pixels;

  self->legend = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, LEGEND_WIDTH, 1);
  cairo_surface_flush (self->legend);
  pixels = (guint32 *)(gpointer) cairo_image_surface_get_data (self->legend);
  if (pixels == NULL)
    return;

  for (guint i = 0; i < LEGEND_WIDTH; i++)
    pixels[i] = self->lut[i * (LUT_SIZE - 1) / (LEGEND_WIDTH - 1)];
  cairo_surface_mark_dirty (self->legend);
}

static void
wick_heatmap_image_finalize (GObject *object)
{
  WickHeatmapImage *self = (WickHeatmapImage *)object;

  g_clear_object (&self->grid);
  g_clear_object (&self->model);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  g_clear_pointer (&self->spans, g_free);

  G_OBJECT_CLASS (wick_heatmap_image_parent_class)->finalize (object);
}

static void
wick_heatmap_image_class_init (WickHeatmapImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_heatmap_image_finalize;
}

static void
wick_heatmap_image_init (WickHeatmapImage *self)
{
}

/**
 * wick_heatmap_image_new:
 * @grid: the grid to picture
 * @model: (nullable): the model @grid was binned from, kept for tooltips; it must not change
 *   any more, as the picture may be read from any thread
 * @interval_ms: the candles' interval
 * @threshold_low: where on the colour scale (0..1, the square root of a cell's share of the
 *   grid's largest cell) cells start to show: below it they are transparent
 * @threshold_high: where on the scale they have the ramp's last, solid colour
 *
 * Colours every cell of @grid. Costs one read of each cell: make it off the drawing path.
 * Thread-safe: the result is immutable.
 *
 * Returns: (transfer full): the picture
 */
WickHeatmapImage *
wick_heatmap_image_new (WickHeatmap      *grid,
                        WickHeatmapModel *model,
                        gint64            interval_ms,
                        double            threshold_low,
                        double            threshold_high)
{
  const WickHeatmapGridSpec *spec;
  WickHeatmapImage *self;

  g_return_val_if_fail (WICK_IS_HEATMAP (grid), NULL);
  g_return_val_if_fail (model == NULL || WICK_IS_HEATMAP_MODEL (model), NULL);
  g_return_val_if_fail (interval_ms > 0, NULL);

  spec = wick_heatmap_get_spec (grid);

  self = g_object_new (WICK_TYPE_HEATMAP_IMAGE, NULL);
  self->grid = g_object_ref (grid);
  self->model = model != NULL ? g_object_ref (model) : NULL;
  self->interval_ms = interval_ms;
  self->threshold_low = isfinite (threshold_low) ? CLAMP (threshold_low, 0, 1) : 0;
  self->threshold_high = isfinite (threshold_high) ? CLAMP (threshold_high, 0, 1) : 1;
  self->threshold_high = MAX (self->threshold_high, self->threshold_low);
  self->max_usd = wick_heatmap_get_max_value (grid);
  self->price_low = spec->price_low;
  self->price_high = spec->price_low + spec->n_buckets * spec->bucket_size;

  build_lut (self);
  build_surface (self);
  build_legend (self);

  return self;
}

/**
 * wick_heatmap_image_get_grid:
 *
 * Returns: (transfer none): the grid pictured
 */
WickHeatmap *
wick_heatmap_image_get_grid (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), NULL);

  return self->grid;
}

/**
 * wick_heatmap_image_get_model:
 *
 * Returns: (transfer none) (nullable): the model the grid was binned from
 */
WickHeatmapModel *
wick_heatmap_image_get_model (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), NULL);

  return self->model;
}

gint64
wick_heatmap_image_get_interval_ms (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), 0);

  return self->interval_ms;
}

/**
 * wick_heatmap_image_get_surface:
 *
 * Returns: (transfer none) (nullable): the picture, bucket 0 at the bottom, to be painted
 *   over wick_heatmap_image_get_extent(); %NULL when there is nothing to paint
 */
cairo_surface_t *
wick_heatmap_image_get_surface (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), NULL);

  return self->surface;
}

/**
 * wick_heatmap_image_get_legend:
 *
 * Returns: (transfer none): the colour bar from 0 (left) to wick_heatmap_image_get_max_usd()
 *   (right), one pixel high
 */
cairo_surface_t *
wick_heatmap_image_get_legend (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), NULL);

  return self->legend;
}

/**
 * wick_heatmap_image_get_spans:
 *
 * Returns: (transfer none) (nullable): for each row of wick_heatmap_image_get_surface(), top
 *   first, the columns that are not transparent; %NULL without a surface
 */
const WickHeatmapImageSpan *
wick_heatmap_image_get_spans (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), NULL);

  return self->spans;
}

/**
 * wick_heatmap_image_get_extent:
 * @from_ms: (out) (optional): the time at the picture's left edge
 * @to_ms: (out) (optional): the time at its right edge
 * @price_low: (out) (optional): the price at its bottom edge
 * @price_high: (out) (optional): the price at its top edge
 */
void
wick_heatmap_image_get_extent (WickHeatmapImage *self,
                               double           *from_ms,
                               double           *to_ms,
                               double           *price_low,
                               double           *price_high)
{
  g_return_if_fail (WICK_IS_HEATMAP_IMAGE (self));

  if (from_ms != NULL)
    *from_ms = self->from_ms;
  if (to_ms != NULL)
    *to_ms = self->to_ms;
  if (price_low != NULL)
    *price_low = self->price_low;
  if (price_high != NULL)
    *price_high = self->price_high;
}

/**
 * wick_heatmap_image_get_max_usd:
 *
 * Returns: the USD at the top of the colour scale: the grid's largest cell
 */
double
wick_heatmap_image_get_max_usd (WickHeatmapImage *self)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), 0);

  return self->max_usd;
}

void
wick_heatmap_image_get_threshold (WickHeatmapImage *self,
                                  double           *low,
                                  double           *high)
{
  g_return_if_fail (WICK_IS_HEATMAP_IMAGE (self));

  if (low != NULL)
    *low = self->threshold_low;
  if (high != NULL)
    *high = self->threshold_high;
}

/**
 * wick_heatmap_image_get_pixel:
 * @usd: a cell's value
 *
 * Returns: the premultiplied ARGB32 pixel of a cell of @usd; 0 when transparent
 */
guint32
wick_heatmap_image_get_pixel (WickHeatmapImage *self,
                              double            usd)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), 0);

  return lookup (self, usd);
}

/**
 * wick_heatmap_image_is_shown:
 * @usd: a cell's value
 *
 * Returns: whether a cell of @usd is drawn: at or above the low threshold
 */
gboolean
wick_heatmap_image_is_shown (WickHeatmapImage *self,
                             double            usd)
{
  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), FALSE);

  return (lookup (self, usd) >> 24) != 0;
}

/**
 * wick_heatmap_image_find_column:
 * @time_ms: a time
 * @column: (out): the grid column whose candle holds @time_ms
 *
 * Returns: %FALSE when no candle of the grid holds @time_ms
 */
gboolean
wick_heatmap_image_find_column (WickHeatmapImage *self,
                                double            time_ms,
                                guint            *column)
{
  guint lo = 0, hi;

  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  hi = wick_heatmap_get_n_columns (self->grid);

  /* The first column opening after @time_ms; the one before it is the candidate. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) wick_heatmap_get_column_time (self->grid, mid) > time_ms)
        hi = mid;
      else
        lo = mid + 1;
    }

  if (lo == 0 ||
      time_ms >= (double) wick_heatmap_get_column_time (self->grid, lo - 1) + self->interval_ms)
    return FALSE;

  *column = lo - 1;
  return TRUE;
}
