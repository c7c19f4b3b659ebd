/* wick-window-export-private.h: what the two halves of Save Image share
 *
 * wick-window-export.c takes the chart's picture, writes it and copies it;
 * wick-window-export-ui.c asks what to save and where, and tells how it went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-export-dialog.h"
#include "wick-export-options.h"
#include "wick-export-settings.h"
#include "wick-window-private.h"

G_BEGIN_DECLS

/* What the chart showed at one moment, to save or copy. */
typedef struct
{
  WickScene          scene;        /* borrows from the fields below */
  WickViewport      *viewport;     /* Owned: a copy of the chart's */
  WickMarket        *market;       /* Owned: the chart's, or a copy of it for a worker thread */
  WickLevelStore    *levels;       /* Owned, nullable: likewise */
  WickZones         *zones;        /* Owned, nullable */
  WickHeatmapImage  *heatmap;      /* Owned, nullable */
  WickSignals       *signals;      /* Owned, nullable */
  GTimeZone         *time_zone;    /* Owned, nullable: UTC when NULL */
  int                view_width;   /* the chart's size on screen, in logical pixels */
  int                view_height;
  gboolean           is_dark;      /* the window's style */
  WickExportOptions  options;      /* what to draw, and how large */
} WickExportScene;

struct _WickWindowExport
{
  WickExportChoices     choices;      /* without settings, the choices of this run */
  WickExportScene      *pending;      /* Owned, nullable: the chart when Save Image was chosen */
  WickExportDialog     *dialog;       /* Borrowed, nullable: open while it asks */
  GtkFileChooserNative *chooser;      /* Owned, nullable: open while it asks */
  GCancellable         *cancellable;  /* Owned: cancelled with the window */
};

WickExportScene *_wick_window_export_scene_new  (WickWindow      *self,
                                                 gboolean         for_thread);
void             _wick_window_export_scene_free (WickExportScene *snapshot);

void       _wick_window_export_get_choices    (WickWindow              *self,
                                               WickExportChoices       *choices);
void       _wick_window_export_set_choices    (WickWindow              *self,
                                               const WickExportChoices *choices);
void       _wick_window_export_save_async     (WickWindow              *self,
                                               WickExportScene         *snapshot,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
void       _wick_window_export_show_saved     (WickWindow              *self,
                                               GFile                   *file);
void       _wick_window_export_ui_class_init  (GtkWidgetClass          *widget_class);
void       _wick_window_export_ui_dispose     (WickWindow              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickExportScene, _wick_window_export_scene_free)

G_END_DECLS
