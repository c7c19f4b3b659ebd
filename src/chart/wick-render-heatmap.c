/* wick-render-heatmap.c: the liquidation heatmap behind the candles, its legend and bubbles
 *
 * The picture (wick-heatmap-image.c) is made off the drawing path; here it is only painted
 * into the plot through the viewport's mapping, one affine transform on a linear price scale
 * and one per visible row on a logarithmic one, with nearest-neighbour sampling so that bands
 * keep sharp edges. Realised liquidations are circles whose area follows their USD, longs
 * under the candle's low and shorts over its high. The hit-test below uses the same geometry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-render"

#include "config.h"

#include "wick-render-heatmap.h"
#include "wick-render-private.h"

#include "wick-axis.h"
#include "wick-heatmap-view.h"

#include <glib/gi18n-lib.h>

/* A bubble's largest radius is this many candle widths, within these bounds; bubbles smaller
 * than the least radius are left out. Between a bubble and its candle: BUBBLE_GAP. */
#define BUBBLE_CANDLE_RADII   1.25
#define BUBBLE_MIN_MAX_RADIUS 9.0
#define BUBBLE_MAX_RADIUS     28.0
#define BUBBLE_LEAST_RADIUS   1.5
#define BUBBLE_GAP            2.0
#define BUBBLE_FILL_ALPHA     0.45
/* The legend's colour bar, in logical pixels. */
#define LEGEND_BAR_WIDTH      120.0
#define LEGEND_BAR_HEIGHT     8.0

/* The radius of a bubble of @usd, or 0 when it is too small to draw. */
static double
bubble_radius (double candle_px,
               double usd,
               double max_usd)
{
  double radius;

  if (!(usd > 0 && max_usd > 0))
    return 0;

  radius = CLAMP (candle_px * BUBBLE_CANDLE_RADII, BUBBLE_MIN_MAX_RADIUS, BUBBLE_MAX_RADIUS) *
           sqrt (usd / max_usd);

  return radius >= BUBBLE_LEAST_RADIUS ? radius : 0;
}

/* The centre's y of a bubble of @radius on the candle edge at @edge_y. */
static inline double
bubble_y (const WickHeatmapBubble *bubble,
          double                   edge_y,
          double                   radius)
{
  return bubble->side == WICK_SIDE_LONG ? edge_y + radius + BUBBLE_GAP
                                        : edge_y - radius - BUBBLE_GAP;
}

/* Maps pattern space so that [@x0, @x1] × [@y_top, @y_bottom] of user space covers image
 * columns [0, width) and rows [@row, @row + @n_rows), and makes it the source. */
static void
set_mapping (cairo_t         *cr,
             cairo_pattern_t *pattern,
             double           x0,
             double           x1,
             double           y_top,
             double           y_bottom,
             int              width,
             int              row,
             int              n_rows)
{
  cairo_matrix_t matrix;

  cairo_matrix_init_scale (&matrix, width / (x1 - x0), n_rows / (y_bottom - y_top));
  cairo_matrix_translate (&matrix, -x0, -y_top);
  matrix.y0 += row;
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
}

/* A run of picture rows [first_row, end_row) drawn as one rectangle over their coloured
 * columns [first, end), on whole device pixels. */
typedef struct
{
  int    first_row;
  int    end_row;
  guint  first;
  guint  end;
  double top;
  double bottom;
} Run;

typedef struct
{
  Frame           *f;
  cairo_pattern_t *pattern;
  double           x0, x1;         /* the picture's left and right edges */
  double           high, bucket;   /* its top price and the price of a row */
  double           left, right;    /* the plot's part that it covers */
  int              width;
} Painter;

static inline double
snap (double value,
      double device)
{
  return round (value / device) * device;
}

static void
paint_run (Painter   *p,
           const Run *run)
{
  Frame *f = p->f;
  double left = MAX (snap (p->x0 + (p->x1 - p->x0) * run->first / p->width, f->dev_x), p->left);
  double right = MIN (snap (p->x0 + (p->x1 - p->x0) * run->end / p->width, f->dev_x), p->right);
  double bottom = MAX (run->bottom, run->top + f->dev_y);

  if (right <= left)
    return;

  /* On a linear scale one mapping serves every row, set by the caller, and the rectangles
   * are filled at once; on a logarithmic one each run is mapped through its edges. */
  if (f->log_scale)
    set_mapping (f->cr, p->pattern, p->x0, p->x1,
                 frame_y (f, p->high - run->first_row * p->bucket),
                 frame_y (f, p->high - run->end_row * p->bucket),
                 p->width, run->first_row, run->end_row - run->first_row);

  cairo_rectangle (f->cr, left, run->top, right - left, bottom - run->top);

  if (f->log_scale)
    cairo_fill (f->cr);
}

/* The grid as coloured cells, under everything but the background and the grid lines. Only
 * the coloured part of each row is composited: rows of the same span and rows thinner than
 * a device pixel are merged into one rectangle. */
void
_wick_render_heatmap (Frame *f)
{
  WickHeatmapImage *image = f->scene->heatmap;
  const WickHeatmapImageSpan *spans;
  cairo_surface_t *surface;
  double from_ms, to_ms, low, high, top, bottom;
  Painter p = { f, };
  Run run = { 0, };
  gboolean has_run = FALSE;
  int height;

  if (!f->scene->show_heatmap || image == NULL ||
      (surface = wick_heatmap_image_get_surface (image)) == NULL ||
      (spans = wick_heatmap_image_get_spans (image)) == NULL)
    return;

  wick_heatmap_image_get_extent (image, &from_ms, &to_ms, &low, &high);
  p.width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  p.x0 = frame_x (f, from_ms);
  p.x1 = frame_x (f, to_ms);
  p.high = high;
  p.bucket = (high - low) / height;
  p.left = snap (MAX (p.x0, f->plot.x), f->dev_x);
  p.right = snap (MIN (p.x1, f->plot.x + f->plot.width), f->dev_x);
  top = snap (f->plot.y, f->dev_y);
  bottom = snap (f->plot.y + f->plot.height, f->dev_y);
  if (!(p.right > p.left && p.x1 > p.x0))
    return;

  /* Padding rather than transparency beyond the picture's edges lets pixman take its fast
   * path; what is painted stays within the picture anyway. */
  p.pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_filter (p.pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (p.pattern, CAIRO_EXTEND_PAD);
  if (!f->log_scale)
    set_mapping (f->cr, p.pattern, p.x0, p.x1, frame_y (f, high), frame_y (f, low), p.width, 0,
                 height);

  for (int row = 0; row < height; row++)
    {
      double row_top = snap (frame_y (f, high - row * p.bucket), f->dev_y);
      double row_bottom = snap (frame_y (f, high - (row + 1) * p.bucket), f->dev_y);
      gboolean is_empty = spans[row].first >= spans[row].end;

      if (row_top >= bottom)
        break;
      if (row_bottom <= top)
        continue;

      row_top = MAX (row_top, top);
      row_bottom = MIN (row_bottom, bottom);

      if (is_empty)
        {
          /* An empty row a pixel or more high ends the run; a thinner one may join it. */
          if (has_run && row_bottom > row_top)
            {
              paint_run (&p, &run);
              has_run = FALSE;
            }
          continue;
        }

      if (has_run && run.bottom == row_top &&
          ((run.first == spans[row].first && run.end == spans[row].end) ||
           run.bottom <= run.top || row_bottom <= row_top))
        {
          run.end_row = row + 1;
          run.bottom = row_bottom;
          run.first = MIN (run.first, spans[row].first);
          run.end = MAX (run.end, spans[row].end);
          continue;
        }

      if (has_run)
        paint_run (&p, &run);

      run.first_row = row;
      run.end_row = row + 1;
      run.first = spans[row].first;
      run.end = spans[row].end;
      run.top = row_top;
      run.bottom = row_bottom;
      has_run = TRUE;
    }

  if (has_run)
    paint_run (&p, &run);
  if (!f->log_scale)
    cairo_fill (f->cr);

  cairo_pattern_destroy (p.pattern);
}

/* The realised liquidations of the candles in view, over the candles. */
void
_wick_render_heatmap_bubbles (Frame *f)
{
  WickHeatmapImage *image = f->scene->heatmap;
  cairo_t *cr = f->cr;
  WickHeatmap *grid;
  double candle_px, max_usd;
  guint first = 0, end, n;

  if (!f->scene->show_heatmap || image == NULL)
    return;

  grid = wick_heatmap_image_get_grid (image);
  n = wick_heatmap_get_n_columns (grid);
  max_usd = wick_heatmap_get_max_bubble_usd (grid);
  if (n == 0 || !(max_usd > 0))
    return;

  candle_px = f->interval_ms / (f->to_ms - f->from_ms) * f->plot.width;

  /* The columns of the candles in view, give or take one. */
  if (!wick_heatmap_image_find_column (image, f->from_ms, &first))
    first = f->from_ms < wick_heatmap_get_column_time (grid, 0) ? 0 : n;
  if (!wick_heatmap_image_find_column (image, f->to_ms, &end))
    end = f->to_ms < wick_heatmap_get_column_time (grid, 0) ? 0 : n;
  else
    end++;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);

  for (int side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
    {
      const WickColor *color = side == WICK_SIDE_LONG ? &f->palette->liquidation_long
                                                      : &f->palette->liquidation_short;

      /* One circle at a time: a path of all of them would be rasterised over the extents
       * of all of them, most of the plot. */
      for (guint k = first; k < end; k++)
        {
          WickHeatmapBubble bubble;
          double radius, x;

          if (!wick_heatmap_get_bubble (grid, k, side, &bubble) ||
              (radius = bubble_radius (candle_px, bubble.usd, max_usd)) == 0)
            continue;

          x = frame_x (f, bubble.time_ms + f->interval_ms / 2.0);
          cairo_arc (cr, x, bubble_y (&bubble, frame_y (f, bubble.price), radius), radius,
                     0, 2 * G_PI);
          cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                                 color->alpha * BUBBLE_FILL_ALPHA);
          cairo_fill_preserve (cr);
          set_color (cr, color);
          cairo_stroke (cr);
        }
    }

  cairo_restore (cr);
}

/* The colour bar with its USD scale, at the top-right of the plot. */
void
_wick_render_heatmap_legend (Frame *f)
{
  WickHeatmapImage *image = f->scene->heatmap;
  cairo_t *cr = f->cr;
  cairo_surface_t *legend;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  char low_text[32], high_text[32];
  double low_w, high_w, h, right, top, bar_x;

  if (!f->scene->show_heatmap || image == NULL ||
      !(wick_heatmap_image_get_max_usd (image) > 0))
    return;

  legend = wick_heatmap_image_get_legend (image);
  wick_heatmap_format_usd_into (low_text, sizeof low_text, 0);
  wick_heatmap_format_usd_into (high_text, sizeof high_text,
                                wick_heatmap_image_get_max_usd (image));

  _wick_render_set_text (f, f->axis_font, low_text, &low_w, &h);
  _wick_render_set_text (f, f->axis_font, high_text, &high_w, NULL);

  right = f->plot.x + f->plot.width - TEXT_PAD;
  top = f->content_top + 6;
  bar_x = round (right - high_w - 4 - LEGEND_BAR_WIDTH);
  _wick_render_show_text (f, right - high_w, top, &f->palette->axis_text);
  _wick_render_set_text (f, f->axis_font, low_text, NULL, NULL);
  _wick_render_show_text (f, bar_x - 4 - low_w, top, &f->palette->axis_text);

  cairo_save (cr);
  cairo_rectangle (cr, bar_x, round (top + (h - LEGEND_BAR_HEIGHT) / 2),
                   LEGEND_BAR_WIDTH, LEGEND_BAR_HEIGHT);
  set_color (cr, &f->palette->background);
  cairo_fill_preserve (cr);

  pattern = cairo_pattern_create_for_surface (legend);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_matrix_init_scale (&matrix, cairo_image_surface_get_width (legend) / LEGEND_BAR_WIDTH, 1);
  cairo_matrix_translate (&matrix, -bar_x, 0);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (pattern);

  cairo_set_line_width (cr, 1);
  set_color (cr, &f->palette->border);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- the pointer ---- */

static double
viewport_candle_px (WickViewport     *viewport,
                    WickHeatmapImage *image)
{
  double from_ms, to_ms;
  WickRect plot;

  wick_viewport_get_plot (viewport, &plot);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);

  return wick_heatmap_image_get_interval_ms (image) / (to_ms - from_ms) * plot.width;
}

/**
 * wick_render_heatmap_bubble_circle:
 * @image: the heatmap drawn
 * @viewport: the mapping
 * @bubble: one of its bubbles
 * @x: (out): the centre, in logical pixels
 * @y: (out): the centre
 * @radius: (out): the radius
 *
 * Where the renderer draws @bubble.
 *
 * Returns: %FALSE when it is too small to be drawn
 */
gboolean
wick_render_heatmap_bubble_circle (WickHeatmapImage        *image,
                                   WickViewport            *viewport,
                                   const WickHeatmapBubble *bubble,
                                   double                  *x,
                                   double                  *y,
                                   double                  *radius)
{
  WickHeatmap *grid;

  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (image), FALSE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (bubble != NULL && x != NULL && y != NULL && radius != NULL, FALSE);

  grid = wick_heatmap_image_get_grid (image);
  *radius = bubble_radius (viewport_candle_px (viewport, image), bubble->usd,
                           wick_heatmap_get_max_bubble_usd (grid));
  *x = wick_viewport_time_to_x (viewport, bubble->time_ms +
                                          wick_heatmap_image_get_interval_ms (image) / 2.0);
  *y = bubble_y (bubble, wick_viewport_price_to_y (viewport, bubble->price), *radius);

  return *radius > 0;
}

/**
 * wick_render_heatmap_hit_test:
 * @image: the heatmap drawn
 * @viewport: the mapping
 * @x: a point, in logical pixels
 * @y: a point
 * @hit: (out caller-allocates): what is there
 *
 * Returns: whether a bubble or a coloured cell is at (@x, @y) in the plot
 */
gboolean
wick_render_heatmap_hit_test (WickHeatmapImage *image,
                              WickViewport     *viewport,
                              double            x,
                              double            y,
                              WickHeatmapHit   *hit)
{
  const WickHeatmapGridSpec *spec;
  WickHeatmap *grid;
  WickRect plot;
  guint column, bucket;

  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (image), FALSE);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  wick_viewport_get_plot (viewport, &plot);
  if (x < plot.x || x >= plot.x + plot.width || y < plot.y || y >= plot.y + plot.height ||
      !wick_heatmap_image_find_column (image, wick_viewport_x_to_time (viewport, x), &column))
    return FALSE;

  grid = wick_heatmap_image_get_grid (image);
  spec = wick_heatmap_get_spec (grid);
  memset (hit, 0, sizeof *hit);
  hit->column = column;

  for (int side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
    {
      double cx, cy, radius;

      if (wick_heatmap_get_bubble (grid, column, side, &hit->bubble) &&
          wick_render_heatmap_bubble_circle (image, viewport, &hit->bubble, &cx, &cy, &radius) &&
          hypot (x - cx, y - cy) <= radius)
        {
          hit->bucket = G_MAXUINT;
          hit->usd = hit->bubble.usd;
          hit->is_bubble = TRUE;
          return TRUE;
        }
    }

  if (!wick_heatmap_find_bucket (grid, wick_viewport_y_to_price (viewport, y), &bucket))
    return FALSE;

  hit->bucket = bucket;
  hit->price_low = wick_heatmap_get_bucket_price (grid, bucket);
  hit->price_high = hit->price_low + spec->bucket_size;
  hit->usd = wick_heatmap_get_value (grid, column, bucket);

  return wick_heatmap_image_is_shown (image, hit->usd);
}

/* "10× $4M, 25× $3.2M": the tiers of @side that hold something. */
static double
describe_side (const WickHeatmapConfig *config,
               const WickHeatmapCell   *cell,
               guint                    tiers,
               WickSide                 side,
               GString                 *text)
{
  double total = 0;

  for (guint t = 0; t < config->n_tiers; t++)
    {
      char usd[32];

      if ((tiers & (1u << t)) == 0 || !(cell->usd[side][t] > 0))
        continue;

      wick_heatmap_format_usd_into (usd, sizeof usd, cell->usd[side][t]);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a leverage tier and its USD, as in “25× $3.2M” */
      g_string_append_printf (text, _("%g× %s"), config->tiers[t].leverage, usd);
      total += cell->usd[side][t];
    }

  return total;
}

/**
 * wick_render_heatmap_dup_tooltip:
 * @image: the heatmap drawn, with its model
 * @viewport: the mapping
 * @x: the pointer, in logical pixels
 * @y: the pointer
 *
 * The tooltip of what wick_render_heatmap_hit_test() finds: a bubble's realised
 * liquidations, or a band's price range, estimated USD, and its sides and tiers.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when there is nothing to tell
 */
char *
wick_render_heatmap_dup_tooltip (WickHeatmapImage *image,
                                 WickViewport     *viewport,
                                 double            x,
                                 double            y)
{
  const WickHeatmapGridSpec *spec;
  WickHeatmapModel *model;
  WickHeatmap *grid;
  WickHeatmapHit hit;
  WickHeatmapCell cell;
  g_autoptr(GString) text = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  char usd[32];
  guint decimals;

  g_return_val_if_fail (WICK_IS_HEATMAP_IMAGE (image), NULL);
  g_return_val_if_fail (WICK_IS_VIEWPORT (viewport), NULL);

  if (!wick_render_heatmap_hit_test (image, viewport, x, y, &hit))
    return NULL;

  wick_heatmap_format_usd_into (usd, sizeof usd, hit.usd);

  if (hit.is_bubble)
    return g_strdup_printf (hit.bubble.side == WICK_SIDE_LONG
                              /* Translators: %s is an amount such as “$182M” */
                              ? _("Long liquidations: %s (realised)")
                              : _("Short liquidations: %s (realised)"),
                            usd);

  grid = wick_heatmap_image_get_grid (image);
  spec = wick_heatmap_get_spec (grid);
  decimals = wick_axis_step_decimals (spec->bucket_size);
  low = wick_format_price (hit.price_low, decimals);
  high = wick_format_price (hit.price_high, decimals);

  text = g_string_new (NULL);
  /* Translators: a band of the heatmap: its prices, then the USD of the positions that
   * would be liquidated there, as in “Liquidation levels 91,500 – 91,600: about $18M” */
  g_string_append_printf (text, _("Liquidation levels %s – %s: about %s"), low, high, usd);

  model = wick_heatmap_image_get_model (image);
  if (model == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  wick_heatmap_model_sum_levels (model, spec->first_column + hit.column, hit.price_low,
                                 hit.price_high, &cell);

  for (int side = WICK_SIDE_LONG; side <= WICK_SIDE_SHORT; side++)
    {
      g_autoptr(GString) tiers = g_string_new (NULL);
      double total;

      if ((spec->sides & (1u << side)) == 0)
        continue;

      total = describe_side (wick_heatmap_get_config (grid), &cell, spec->tiers, side, tiers);
      if (!(total > 0))
        continue;

      wick_heatmap_format_usd_into (usd, sizeof usd, total);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, side == WICK_SIDE_LONG
                                      /* Translators: the longs of a band: their USD, then
                                       * per leverage tier, as in
                                       * “Longs $12M (10× $4M, 25× $8M)” */
                                      ? _("Longs %s (%s)")
                                      : _("Shorts %s (%s)"),
                              usd, tiers->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
