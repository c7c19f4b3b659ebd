/* wick-render-heatmap.h: where the heatmap's cells and bubbles are, for renderer and pointer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-heatmap-image.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* What lies under a point of the plot: a realised-liquidation bubble, or else a cell of the
 * grid whose colour shows. */
typedef struct
{
  guint             column;       /* grid column */
  guint             bucket;       /* grid bucket; G_MAXUINT for a bubble */
  double            price_low;    /* the bucket's prices, [low, high) */
  double            price_high;
  double            usd;          /* the cell's estimate, or the bubble's realised USD */
  gboolean          is_bubble;
  WickHeatmapBubble bubble;       /* when is_bubble */
} WickHeatmapHit;

gboolean  wick_render_heatmap_bubble_circle (WickHeatmapImage        *image,
                                             WickViewport            *viewport,
                                             const WickHeatmapBubble *bubble,
                                             double                  *x,
                                             double                  *y,
                                             double                  *radius);
gboolean  wick_render_heatmap_hit_test      (WickHeatmapImage        *image,
                                             WickViewport            *viewport,
                                             double                   x,
                                             double                   y,
                                             WickHeatmapHit          *hit);
char     *wick_render_heatmap_dup_tooltip   (WickHeatmapImage        *image,
                                             WickViewport            *viewport,
                                             double                   x,
                                             double                   y);

G_END_DECLS
