/* wick-export-settings.h: the Save Image choices, as the window remembers them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wick-export-options.h"

G_BEGIN_DECLS

/* The values of the `export-size` and `export-theme` enums in the schema. */
typedef enum
{
  WICK_EXPORT_SIZE_VIEW,
  WICK_EXPORT_SIZE_FULL_HD,
  WICK_EXPORT_SIZE_4K,
  WICK_EXPORT_SIZE_CUSTOM,
} WickExportSize;

typedef enum
{
  WICK_EXPORT_THEME_WINDOW,
  WICK_EXPORT_THEME_LIGHT,
  WICK_EXPORT_THEME_DARK,
} WickExportTheme;

typedef struct
{
  WickExportFormat format;          /* the type chosen last */
  WickExportSize   size;
  int              custom_width;    /* with WICK_EXPORT_SIZE_CUSTOM */
  int              custom_height;
  int              scale;           /* 1 or 2: PNG pixels per point */
  WickExportTheme  theme;
  gboolean         show_heatmap;
  gboolean         show_levels;
  gboolean         show_signals;
  gboolean         show_crosshair;
  gboolean         show_legend;
} WickExportChoices;

void wick_export_choices_init       (WickExportChoices       *choices);
void wick_export_choices_load       (WickExportChoices       *choices,
                                     GSettings               *settings);
void wick_export_choices_save       (const WickExportChoices *choices,
                                     GSettings               *settings);
void wick_export_choices_to_options (const WickExportChoices *choices,
                                     int                      view_width,
                                     int                      view_height,
                                     gboolean                 window_dark,
                                     WickExportOptions       *options);

G_END_DECLS
