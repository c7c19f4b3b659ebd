/* wick-export.h: write the chart to PNG, SVG or PDF without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wick-scene.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

#define WICK_EXPORT_ERROR (wick_export_error_quark ())

typedef enum
{
  WICK_EXPORT_ERROR_FORMAT,  /* unknown extension or format name */
  WICK_EXPORT_ERROR_SIZE,    /* size or scale out of range or malformed */
  WICK_EXPORT_ERROR_WRITE,   /* the file could not be written */
} WickExportError;

typedef enum
{
  WICK_EXPORT_FORMAT_PNG,
  WICK_EXPORT_FORMAT_SVG,
  WICK_EXPORT_FORMAT_PDF,
} WickExportFormat;

GQuark   wick_export_error_quark      (void);
gboolean wick_export_format_from_path (const char        *path,
                                       WickExportFormat  *format,
                                       GError           **error);
gboolean wick_export_parse_size       (const char        *text,
                                       int               *width,
                                       int               *height,
                                       GError           **error);
gboolean wick_export_parse_scale      (const char        *text,
                                       double            *scale,
                                       GError           **error);
/* Renders @scene at @width × @height logical pixels (PNG: times @scale device pixels) through
 * a copy of @viewport resized to fit (the caller's viewport is not changed), writing a
 * temporary file beside @path and renaming it into place. */
gboolean wick_export                  (const WickScene   *scene,
                                       WickViewport      *viewport,
                                       WickExportFormat   format,
                                       int                width,
                                       int                height,
                                       double             scale,
                                       const char        *path,
                                       GError           **error);
/* The picture wick_export() writes as a PNG, as pixels in memory (wick-export-image.c). */
cairo_surface_t *
         wick_export_render_image     (const WickScene   *scene,
                                       WickViewport      *viewport,
                                       int                width,
                                       int                height,
                                       double             scale,
                                       GError           **error);

G_END_DECLS
