/* wick-chart-state-private.h: the chart state's fields, for the files that share them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-chart-state.h"
#include "wick-lod.h"

G_BEGIN_DECLS

struct _WickChartState
{
  GObject           parent_instance;

  WickMarket       *market;          /* Owned, nullable */
  WickLod          *lod;             /* Owned, nullable: the pyramid of the market's series */
  WickViewport     *viewport;        /* Owned */
  WickInteraction  *interaction;     /* Owned */
  GTimeZone        *time_zone;       /* Owned, nullable: UTC when NULL */
  WickLevelStore   *level_store;     /* Owned, nullable */
  WickHeatmapImage *heatmap;         /* Owned, nullable: the liquidation heatmap drawn */
  WickSignals      *signals;         /* Owned, nullable: the signals drawn as markers */
  int               selected_signal; /* index into signals, -1 for none */
  guint32           hidden_signal_kinds; /* 1 << WickSignalKind: markers left out */

  gulong            series_changed_id;

  double            crosshair_x;
  double            crosshair_y;

  guint             dark : 1;
  guint             colorblind : 1;  /* blue and orange for up and down */
  guint             has_crosshair : 1;
  guint             show_ema20 : 1;
  guint             show_ema50 : 1;
  guint             show_vwap : 1;
  WickLowerPane     lower_pane;
};

void     _wick_chart_state_emit_changed             (WickChartState *self,
                                                     gboolean        static_changed);
gboolean _wick_chart_state_update_lower_pane_height (WickChartState *self);

G_END_DECLS
