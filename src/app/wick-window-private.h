/* wick-window-private.h: the window's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"
#include "wick-signals-panel.h"
#include "wick-window.h"

G_BEGIN_DECLS

typedef struct _WickWindowHeatmap WickWindowHeatmap;

struct _WickWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *heatmap_menu_button;
  AdwToastOverlay      *toast_overlay;
  WickChart            *chart;

  GCancellable         *load_cancellable;  /* Owned */
  char                 *loading_spec;      /* Owned, nullable: what to remember on success */
  GSignalGroup         *series_signals;    /* Owned: follows the shown series' `changed` */

  /* The lines of the market shown (wick-window-levels.c) */
  WickLevelStore       *level_store;       /* Owned, nullable */
  char                 *levels_path;       /* Owned, nullable: NULL when they cannot be saved */
  char                 *levels_key;        /* Owned, nullable: "exchange:symbol" */
  guint32               menu_line_id;      /* the line whose context menu is open */

  /* The liquidation heatmap (wick-window-heatmap.c) */
  WickWindowHeatmap    *heatmap;           /* Owned */

  /* The reversal signals (wick-window-signals.c) */
  AdwFlap              *signals_flap;      /* Template child */
  WickSignalsPanel     *signals_panel;     /* Template child */
  WickMarket           *signals_market;    /* Owned, nullable: the market analysed */
  gulong                signals_series_changed_id;
  GCancellable         *signals_cancellable; /* Owned, nullable: the analysis running */
  guint                 signals_idle_id;   /* a new analysis once the series settles */

  gboolean              is_set_up;
};

void _wick_window_heatmap_class_init   (GtkWidgetClass *widget_class);
void _wick_window_heatmap_init         (WickWindow     *self);
void _wick_window_heatmap_dispose      (WickWindow     *self);
void _wick_window_heatmap_set_settings (WickWindow     *self,
                                        GSettings      *settings);
void _wick_window_heatmap_set_market   (WickWindow     *self,
                                        WickMarket     *market);
void _wick_window_levels_class_init (GtkWidgetClass *widget_class);
void _wick_window_levels_init       (WickWindow     *self);
void _wick_window_levels_dispose    (WickWindow     *self);
void _wick_window_levels_load       (WickWindow     *self,
                                     WickMarket     *market);
void _wick_window_signals_class_init (GtkWidgetClass *widget_class);
void _wick_window_signals_init       (WickWindow     *self);
void _wick_window_signals_dispose    (WickWindow     *self);
void _wick_window_signals_set_market (WickWindow     *self,
                                      WickMarket     *market);

G_END_DECLS
