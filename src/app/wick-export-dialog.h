/* wick-export-dialog.h: what Save Image puts in the picture, asked before the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-export-settings.h"

G_BEGIN_DECLS

#define WICK_TYPE_EXPORT_DIALOG (wick_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WickExportDialog, wick_export_dialog, WICK, EXPORT_DIALOG, AdwWindow)

WickExportDialog *wick_export_dialog_new         (GtkWindow               *parent,
                                                  const WickExportChoices *choices,
                                                  int                      view_width,
                                                  int                      view_height,
                                                  gboolean                 has_heatmap,
                                                  gboolean                 has_crosshair);
void              wick_export_dialog_get_choices (WickExportDialog        *self,
                                                  WickExportChoices       *choices);

G_END_DECLS
