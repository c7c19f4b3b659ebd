/* wick-heatmap-image.h: a liquidation heatmap grid as a small picture, ready to paint
 *
 * One pixel per grid column and price bucket (columns are merged when there are more than
 * WICK_HEATMAP_IMAGE_MAX_WIDTH), coloured through the palette's heatmap ramp with an
 * intensity threshold. It is made once for a grid and a threshold, off the drawing path
 * (on a worker thread if need be), and is immutable: the renderer only scales it into the
 * plot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "wick-heatmap.h"

G_BEGIN_DECLS

/* Wider grids merge neighbouring columns (each pixel shows the largest of its cells). */
#define WICK_HEATMAP_IMAGE_MAX_WIDTH 2048

/* The pixels of one row of the picture that are not transparent lie in [first, end); an
 * empty row has first == end. */
typedef struct
{
  guint16 first;
  guint16 end;
} WickHeatmapImageSpan;

#define WICK_TYPE_HEATMAP_IMAGE (wick_heatmap_image_get_type ())

G_DECLARE_FINAL_TYPE (WickHeatmapImage, wick_heatmap_image, WICK, HEATMAP_IMAGE, GObject)

WickHeatmapImage *wick_heatmap_image_new             (WickHeatmap      *grid,
                                                      WickHeatmapModel *model,
                                                      gint64            interval_ms,
                                                      double            threshold_low,
                                                      double            threshold_high);
WickHeatmap      *wick_heatmap_image_get_grid        (WickHeatmapImage *self);
WickHeatmapModel *wick_heatmap_image_get_model       (WickHeatmapImage *self);
gint64            wick_heatmap_image_get_interval_ms (WickHeatmapImage *self);
cairo_surface_t  *wick_heatmap_image_get_surface     (WickHeatmapImage *self);
cairo_surface_t  *wick_heatmap_image_get_legend      (WickHeatmapImage *self);
const WickHeatmapImageSpan *
                  wick_heatmap_image_get_spans       (WickHeatmapImage *self);
void              wick_heatmap_image_get_extent      (WickHeatmapImage *self,
                                                      double           *from_ms,
                                                      double           *to_ms,
                                                      double           *price_low,
                                                      double           *price_high);
double            wick_heatmap_image_get_max_usd     (WickHeatmapImage *self);
void              wick_heatmap_image_get_threshold   (WickHeatmapImage *self,
                                                      double           *low,
                                                      double           *high);
gboolean          wick_heatmap_image_is_shown        (WickHeatmapImage *self,
                                                      double            usd);
guint32           wick_heatmap_image_get_pixel       (WickHeatmapImage *self,
                                                      double            usd);
gboolean          wick_heatmap_image_find_column     (WickHeatmapImage *self,
                                                      double            time_ms,
                                                      guint            *column);

G_END_DECLS
