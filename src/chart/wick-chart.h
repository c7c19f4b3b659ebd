/* wick-chart.h: the candlestick chart widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wick-heatmap-image.h"
#include "wick-interaction.h"
#include "wick-level-store.h"
#include "wick-market.h"
#include "wick-scene.h"
#include "wick-signals.h"
#include "wick-viewport.h"
#include "wick-zones.h"

G_BEGIN_DECLS

#define WICK_TYPE_CHART (wick_chart_get_type ())

G_DECLARE_FINAL_TYPE (WickChart, wick_chart, WICK, CHART, GtkWidget)

GtkWidget        *wick_chart_new             (void);
WickMarket       *wick_chart_get_market      (WickChart      *self);
void              wick_chart_set_market      (WickChart      *self,
                                              WickMarket     *market);
WickViewport     *wick_chart_get_viewport    (WickChart      *self);
gboolean          wick_chart_get_dark        (WickChart      *self);
void              wick_chart_set_dark        (WickChart      *self,
                                              gboolean        dark);
gboolean          wick_chart_get_colorblind  (WickChart      *self);
void              wick_chart_set_colorblind  (WickChart      *self,
                                              gboolean        colorblind);
gboolean          wick_chart_get_local_time  (WickChart      *self);
void              wick_chart_set_local_time  (WickChart      *self,
                                              gboolean        local_time);
WickLevelStore   *wick_chart_get_level_store (WickChart      *self);
void              wick_chart_set_level_store (WickChart      *self,
                                              WickLevelStore *store);
WickInteraction  *wick_chart_get_interaction (WickChart      *self);
WickZones        *wick_chart_get_zones       (WickChart      *self);
void              wick_chart_set_zones       (WickChart      *self,
                                              WickZones      *zones);
WickHeatmapImage *wick_chart_get_heatmap     (WickChart      *self);
void              wick_chart_set_heatmap     (WickChart      *self,
                                              WickHeatmapImage *heatmap);
WickSignals      *wick_chart_get_signals     (WickChart      *self);
void              wick_chart_set_signals     (WickChart      *self,
                                              WickSignals    *signals);
guint32           wick_chart_get_hidden_signal_kinds (WickChart *self);
void              wick_chart_set_hidden_signal_kinds (WickChart *self,
                                                      guint32    hidden_kinds);
void              wick_chart_set_indicators  (WickChart      *self,
                                              gboolean        ema20,
                                              gboolean        ema50,
                                              gboolean        vwap);
void              wick_chart_set_lower_pane  (WickChart      *self,
                                              WickLowerPane   lower_pane);
int               wick_chart_get_selected_signal (WickChart *self);
void              wick_chart_select_signal   (WickChart      *self,
                                              int             index);
void              wick_chart_show_range      (WickChart      *self,
                                              gint64          from_ms,
                                              gint64          to_ms);
void              wick_chart_zoom_to_fit     (WickChart      *self);
guint             wick_chart_get_n_renders   (WickChart      *self);
const char       *wick_chart_get_description (WickChart      *self);
void              wick_chart_fill_scene      (WickChart      *self,
                                              WickScene      *scene);
void              wick_chart_popup_menu      (WickChart      *self,
                                              GMenuModel     *model,
                                              double          x,
                                              double          y);

G_END_DECLS
