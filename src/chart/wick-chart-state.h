/* wick-chart-state.h: what the chart widget shows, without GTK
 *
 * Holds the market with its level-of-detail pyramid, the viewport and the interaction state
 * machine, the lines, zones, heatmap and signals drawn (and the kinds of signal hidden), the
 * indicator lines, the time zone, the palette (light or dark, green and red or colour-blind
 * safe) and the crosshair; fills a WickScene from them and renders it. Every change that
 * needs a redraw emits `changed`; the widget redraws its cached static part when
 * static_changed is set and queues a draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "wick-heatmap-image.h"
#include "wick-interaction.h"
#include "wick-level-store.h"
#include "wick-market.h"
#include "wick-scene.h"
#include "wick-signals.h"
#include "wick-viewport.h"
#include "wick-zones.h"

G_BEGIN_DECLS

#define WICK_TYPE_CHART_STATE (wick_chart_state_get_type ())

G_DECLARE_FINAL_TYPE (WickChartState, wick_chart_state, WICK, CHART_STATE, GObject)

WickChartState   *wick_chart_state_new                 (void);
WickMarket       *wick_chart_state_get_market          (WickChartState   *self);
gboolean          wick_chart_state_set_market          (WickChartState   *self,
                                                        WickMarket       *market);
WickViewport     *wick_chart_state_get_viewport        (WickChartState   *self);
WickInteraction  *wick_chart_state_get_interaction     (WickChartState   *self);
gboolean          wick_chart_state_get_dark            (WickChartState   *self);
gboolean          wick_chart_state_set_dark            (WickChartState   *self,
                                                        gboolean          dark);
gboolean          wick_chart_state_get_colorblind      (WickChartState   *self);
gboolean          wick_chart_state_set_colorblind      (WickChartState   *self,
                                                        gboolean          colorblind);
gboolean          wick_chart_state_get_local_time      (WickChartState   *self);
gboolean          wick_chart_state_set_local_time      (WickChartState   *self,
                                                        gboolean          local_time);
WickLevelStore   *wick_chart_state_get_level_store     (WickChartState   *self);
gboolean          wick_chart_state_set_level_store     (WickChartState   *self,
                                                        WickLevelStore   *store);
WickZones        *wick_chart_state_get_zones           (WickChartState   *self);
void              wick_chart_state_set_zones           (WickChartState   *self,
                                                        WickZones        *zones);
WickHeatmapImage *wick_chart_state_get_heatmap         (WickChartState   *self);
void              wick_chart_state_set_heatmap         (WickChartState   *self,
                                                        WickHeatmapImage *heatmap);
WickSignals      *wick_chart_state_get_signals         (WickChartState   *self);
void              wick_chart_state_set_signals         (WickChartState   *self,
                                                        WickSignals      *signals);
guint32           wick_chart_state_get_hidden_signal_kinds (WickChartState *self);
void              wick_chart_state_set_hidden_signal_kinds (WickChartState *self,
                                                            guint32         hidden_kinds);
void              wick_chart_state_set_indicators      (WickChartState   *self,
                                                        gboolean          ema20,
                                                        gboolean          ema50,
                                                        gboolean          vwap);
void              wick_chart_state_set_lower_pane      (WickChartState   *self,
                                                        WickLowerPane     lower_pane);
WickLowerPane     wick_chart_state_get_lower_pane      (WickChartState   *self);
int               wick_chart_state_get_selected_signal (WickChartState   *self);
void              wick_chart_state_select_signal       (WickChartState   *self,
                                                        int               index);
void              wick_chart_state_show_range          (WickChartState   *self,
                                                        gint64            from_ms,
                                                        gint64            to_ms);
void              wick_chart_state_zoom_to_fit         (WickChartState   *self);
void              wick_chart_state_fill_scene          (WickChartState   *self,
                                                        WickScene        *scene);
void              wick_chart_state_set_crosshair       (WickChartState   *self,
                                                        gboolean          has_crosshair,
                                                        double            x,
                                                        double            y);
cairo_surface_t  *wick_chart_state_render_static       (WickChartState   *self,
                                                        int               width,
                                                        int               height,
                                                        int               scale);
void              wick_chart_state_render_overlay      (WickChartState   *self,
                                                        cairo_t          *cr);
char             *wick_chart_state_dup_tooltip         (WickChartState   *self,
                                                        double            x,
                                                        double            y,
                                                        gboolean         *has_area,
                                                        cairo_rectangle_int_t *area);

G_END_DECLS
