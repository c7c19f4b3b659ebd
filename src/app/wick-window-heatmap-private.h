/* wick-window-heatmap-private.h: the window's heatmap state, shared by its files
 *
 * wick-window-heatmap.c holds the options, settings and hooks, wick-window-heatmap-build.c
 * the builds on worker threads, and wick-window-heatmap-popover.c the popover's controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-heatmap-view.h"
#include "wick-window-private.h"

G_BEGIN_DECLS

/* The popover's tier buttons, one per tier of the default configuration; and its side
 * buttons, one per WickHeatmapSide. */
#define WICK_WINDOW_HEATMAP_N_TIERS 4
#define WICK_WINDOW_HEATMAP_N_SIDES 3

struct _WickWindowHeatmap
{
  GSettings          *settings;          /* Owned, nullable: NULL without the schema */
  GtkSwitch          *visible_switch;    /* Borrowed: the popover's controls */
  GtkWidget          *options_box;       /* Borrowed */
  GtkAdjustment      *low_adjustment;    /* Borrowed */
  GtkAdjustment      *high_adjustment;   /* Borrowed */
  GtkAdjustment      *bucket_adjustment; /* Borrowed */
  GtkCheckButton     *tier_buttons[WICK_WINDOW_HEATMAP_N_TIERS];  /* Borrowed */
  GtkCheckButton     *side_buttons[WICK_WINDOW_HEATMAP_N_SIDES];  /* Borrowed */

  WickHeatmapOptions  options;
  gboolean            is_visible;
  gboolean            is_syncing;        /* the controls are being set from the options */
  gboolean            is_writing;        /* the settings are being set from the options */

  WickMarket         *market;            /* Owned, nullable */
  gulong              series_changed_id;
  WickHeatmapModel   *base;              /* Owned, nullable: every candle but the forming one;
                                          * never changed once built */
  WickCandle          base_last;         /* the last candle base took in */
  guint               base_length;       /* candles base holds */
  WickHeatmapModel   *model;             /* Owned, nullable: every candle; never changed once
                                          * built */
  guint               model_first;       /* the first candle grids of the models may show */
  guint               column_offset;     /* candle c is column c − column_offset of the models
                                          * and of the image's grid */
  WickHeatmapImage   *image;             /* Owned, nullable: the latest picture */
  GCancellable       *cancellable;       /* Owned, nullable: the build running */
  guint               rebin_id;
  guint               model_length;      /* candles in the series the model is built from */
  guint               live_refresh_id;   /* a new model for the live ticks since the last */
};

/* wick-window-heatmap.c */
void     _wick_window_heatmap_show              (WickWindow               *self);
void     _wick_window_heatmap_apply             (WickWindow               *self,
                                                 const WickHeatmapOptions *options,
                                                 gboolean                  is_visible);
void     _wick_window_heatmap_save              (WickWindow               *self);

/* wick-window-heatmap-build.c */
void     _wick_window_heatmap_clear_models      (WickWindow               *self);
void     _wick_window_heatmap_build             (WickWindow               *self,
                                                 gboolean                  recolour);
gboolean _wick_window_heatmap_needs_rebin       (WickWindow               *self,
                                                 const WickHeatmapOptions *options);
void     _wick_window_heatmap_check_view        (WickWindow               *self);
void     _wick_window_heatmap_series_changed    (WickWindow               *self,
                                                 WickSeries               *series);

/* wick-window-heatmap-popover.c */
void     _wick_window_heatmap_build_popover     (WickWindow               *self);
void     _wick_window_heatmap_sync_controls     (WickWindow               *self);

G_END_DECLS
