/* wick-export-options.h: what a saved picture holds, chosen in the window or on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-export.h"
#include "wick-scene.h"

G_BEGIN_DECLS

typedef struct
{
  WickExportFormat  format;
  int               width;           /* logical pixels (points for SVG and PDF) */
  int               height;
  double            scale;           /* device pixels per logical pixel, PNG only */
  gboolean          dark;            /* the dark palette */
  gboolean          show_heatmap;    /* the heatmap, its legend and bubbles, if the scene has it */
  gboolean          show_levels;     /* price lines and support and resistance zones */
  gboolean          show_signals;    /* the signals' markers */
  gboolean          show_crosshair;  /* the crosshair, if the scene has one */
  gboolean          show_legend;     /* the OHLCV legend */
  char             *title;           /* Owned, nullable: replaces the market's title */
} WickExportOptions;

void        wick_export_options_init     (WickExportOptions       *options);
void        wick_export_options_clear    (WickExportOptions       *options);
void        wick_export_options_apply    (const WickExportOptions *options,
                                          WickScene               *scene);
const char *wick_export_format_get_extension (WickExportFormat     format);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WickExportOptions, wick_export_options_clear)

G_END_DECLS
