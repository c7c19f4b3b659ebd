/* wick-window-private.h: the window's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"
#include "wick-window.h"

G_BEGIN_DECLS

struct _WickWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
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

  gboolean              is_set_up;
};

void _wick_window_levels_class_init (GtkWidgetClass *widget_class);
void _wick_window_levels_init       (WickWindow     *self);
void _wick_window_levels_dispose    (WickWindow     *self);
void _wick_window_levels_load       (WickWindow     *self,
                                     WickMarket     *market);

G_END_DECLS
