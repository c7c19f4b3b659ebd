/* wick-heatmap-view.h: which heatmap grid a view needs, and building it
 *
 * The grid covers the candles in view and half as many again on either side, and the visible
 * price range and half of it again above and below, so that panning a little needs no new
 * grid; wick_heatmap_view_needs_rebin() says when the view has moved or zoomed out of it.
 * The window keeps models of the candles from a little before its grid on, and extends them
 * as live candles change and close (wick_heatmap_view_build_models()). These functions are
 * pure or thread-safe: the window calls them on a worker thread, the exporter in line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-heatmap-image.h"
#include "wick-market.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* Grids stop at this many candles (the latest in view) and this many price buckets. */
#define WICK_HEATMAP_VIEW_MAX_COLUMNS 8192
#define WICK_HEATMAP_VIEW_MAX_BUCKETS 4096
/* Automatic buckets over the visible prices: few enough that nearby levels read as one band
 * a few pixels tall rather than as hairlines. */
#define WICK_HEATMAP_VIEW_AUTO_BUCKETS 150

typedef struct
{
  guint  sides;            /* WICK_HEATMAP_LONGS, WICK_HEATMAP_SHORTS or both */
  guint  tiers;            /* bit i shows the levels of WickHeatmapConfig.tiers[i] */
  double bucket_size;      /* USD per price bucket; 0 for automatic: about
                            * WICK_HEATMAP_VIEW_AUTO_BUCKETS over the visible range */
  double threshold_low;    /* 0..1 of the colour scale (the square root of a cell's share of
                            * the largest cell): below it cells are transparent */
  double threshold_high;   /* at and above it they are solid */
} WickHeatmapOptions;

void              wick_heatmap_options_init            (WickHeatmapOptions         *options);
guint             wick_heatmap_tiers_from_leverages    (const char * const         *leverages);
void              wick_heatmap_view_get_spec           (WickViewport               *viewport,
                                                        WickSeries                 *series,
                                                        const WickHeatmapOptions   *options,
                                                        WickHeatmapGridSpec        *spec);
gboolean          wick_heatmap_view_needs_rebin        (const WickHeatmapGridSpec  *have,
                                                        WickViewport               *viewport,
                                                        WickSeries                 *series,
                                                        const WickHeatmapOptions   *options);
guint             wick_heatmap_view_get_model_first    (const WickHeatmapGridSpec  *spec);
gboolean          wick_heatmap_view_build_models       (WickSeries                 *series,
                                                        WickOpenInterest           *open_interest,
                                                        WickLiquidations           *liquidations,
                                                        guint                       first,
                                                        WickHeatmapModel          **base,
                                                        WickHeatmapModel          **model,
                                                        guint                      *column_offset,
                                                        GError                    **error);
gboolean          wick_heatmap_view_extend_models      (WickHeatmapModel           *base,
                                                        WickSeries                 *tail,
                                                        WickOpenInterest           *open_interest,
                                                        WickLiquidations           *liquidations,
                                                        WickHeatmapModel          **new_base,
                                                        WickHeatmapModel          **model,
                                                        GError                    **error);
WickOpenInterest *wick_heatmap_view_copy_open_interest (WickOpenInterest           *open_interest,
                                                        gint64                      from_ms);
WickLiquidations *wick_heatmap_view_copy_liquidations  (WickLiquidations           *liquidations,
                                                        gint64                      from_ms);
WickHeatmapImage *wick_heatmap_view_build_image        (WickHeatmapModel           *model,
                                                        const WickHeatmapGridSpec  *spec,
                                                        gint64                      interval_ms,
                                                        const WickHeatmapOptions   *options,
                                                        GError                    **error);
WickHeatmapImage *wick_heatmap_view_build              (WickMarket                 *market,
                                                        WickViewport               *viewport,
                                                        const WickHeatmapOptions   *options,
                                                        GError                    **error);
gsize             wick_heatmap_format_usd_into         (char                       *buffer,
                                                        gsize                       size,
                                                        double                      usd);

G_END_DECLS
