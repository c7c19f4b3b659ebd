/* wick-window-private.h: the window's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"
#include "wick-live-feed.h"
#include "wick-live-status.h"
#include "wick-market-picker.h"
#include "wick-signals-panel.h"
#include "wick-window.h"

G_BEGIN_DECLS

typedef struct _WickWindowHeatmap WickWindowHeatmap;
typedef struct _WickWindowExport WickWindowExport;
typedef struct _WickWindowView WickWindowView;

/* A live feed changes the forming candle at every message, a few times a second at most.
 * Analyses that depend on the whole series run again at most this often for such ticks, and
 * at once when a candle is added. */
#define WICK_WINDOW_LIVE_REFRESH_MS 5000

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

  /* The market picker and the load in progress (wick-window-market.c) */
  WickMarketPicker     *market_picker;     /* Template child */
  GtkProgressBar       *load_progress;     /* Template child */
  GtkSpinner           *load_spinner;      /* Template child: while the chart is empty */
  GSignalGroup         *source_signals;    /* Owned: the loading source's ::progress, ::status… */
  char                 *load_status;       /* Owned, nullable: what the loading source waits for */
  char                 *loading_title;     /* Owned, nullable: “ETHUSDT · 4h” while it loads */
  guint                 pages_done;
  guint                 pages_expected;
  WickSource           *shown_source;      /* Owned, nullable: where the market shown came from */

  /* Live updates and line alerts (wick-window-live.c) */
  WickLiveStatus       *live_status;       /* Template child */
  WickLiveFeed         *live_feed;         /* Owned, nullable: keeps the market shown current */
  char                 *live_error;        /* Owned, nullable: the feed's last error, toasted */

  /* The lines of the market shown (wick-window-levels.c) */
  WickLevelStore       *level_store;       /* Owned, nullable */
  char                 *levels_path;       /* Owned, nullable: NULL when they cannot be saved */
  char                 *levels_key;        /* Owned, nullable: "exchange:symbol" */
  guint32               menu_line_id;      /* the line whose context menu is open */

  /* The liquidation heatmap (wick-window-heatmap.c) */
  WickWindowHeatmap    *heatmap;           /* Owned */

  /* Save Image and Copy Image (wick-window-export.c) */
  WickWindowExport     *export;            /* Owned */

  /* The reversal signals (wick-window-signals.c) */
  AdwFlap              *signals_flap;      /* Template child */
  WickSignalsPanel     *signals_panel;     /* Template child */
  WickMarket           *signals_market;    /* Owned, nullable: the market analysed */
  gulong                signals_series_changed_id;
  GCancellable         *signals_cancellable; /* Owned, nullable: the analysis running */
  guint                 signals_idle_id;   /* a new analysis once the series settles */
  guint                 signals_length;    /* candles in the series last analysed */
  WickSignals          *panel_signals;     /* Owned, nullable: for the panel, after a frame */
  guint                 panel_tick_id;
  gint64                panel_frame;       /* the frame clock's counter when they came */

  /* The view saved by the last window, until the first market loads (wick-window-state.c) */
  WickWindowView       *saved_view;        /* Owned, nullable */

  gboolean              is_set_up;
};

/* wick-window.c */
GSettings *_wick_window_get_settings       (WickWindow *self);
gboolean   _wick_window_shows_fixed_market (WickWindow *self);

void _wick_window_show_market          (WickWindow     *self,
                                        WickSource     *source,
                                        WickMarket     *market);
void _wick_window_export_class_init    (GtkWidgetClass *widget_class);
void _wick_window_export_init          (WickWindow     *self);
void _wick_window_export_dispose       (WickWindow     *self);
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
gboolean _wick_window_levels_copy_selected  (WickWindow *self);
gboolean _wick_window_levels_get_menu_alert (WickWindow *self);
void     _wick_window_levels_set_menu_alert (WickWindow *self,
                                             gboolean    alert);
void _wick_window_live_class_init (GtkWidgetClass *widget_class);
void _wick_window_live_init       (WickWindow     *self);
void _wick_window_live_dispose    (WickWindow     *self);
void _wick_window_live_set_market (WickWindow     *self,
                                   WickSource     *source,
                                   WickMarket     *market);
void _wick_window_market_class_init    (GtkWidgetClass *widget_class);
void _wick_window_market_init          (WickWindow     *self);
void _wick_window_market_dispose       (WickWindow     *self);
void _wick_window_market_load_started  (WickWindow     *self,
                                        WickSource     *source,
                                        const char     *symbol,
                                        const char     *interval);
void _wick_window_market_load_finished (WickWindow     *self,
                                        WickMarket     *market);
void _wick_window_market_update_title  (WickWindow     *self);
void _wick_window_market_sync_picker   (WickWindow     *self);
void _wick_window_signals_class_init (GtkWidgetClass *widget_class);
void _wick_window_signals_init       (WickWindow     *self);
void _wick_window_signals_dispose    (WickWindow     *self);
void _wick_window_signals_set_market (WickWindow     *self,
                                      WickMarket     *market);
void _wick_window_signals_set_settings (WickWindow   *self,
                                        GSettings    *settings);
void     _wick_window_state_restore        (WickWindow *self,
                                            GSettings  *settings);
void     _wick_window_state_save           (WickWindow *self,
                                            GSettings  *settings);
gboolean _wick_window_state_show_saved_view (WickWindow *self,
                                             WickMarket *market);
void     _wick_window_state_forget_view    (WickWindow *self);

G_END_DECLS
