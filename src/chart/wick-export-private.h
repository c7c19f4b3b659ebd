/* wick-export-private.h: what wick-export.c shares with its PNG and SVG writers and layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "wick-scene.h"
#include "wick-viewport.h"

G_BEGIN_DECLS

/* Writes @len bytes of @data; FALSE when they could not be written. */
typedef gboolean (*WickExportWriteFunc) (gpointer    user_data,
                                         const void *data,
                                         gsize       len);

gboolean _wick_export_write_png (cairo_surface_t     *surface,
                                 const char          *title,
                                 WickExportWriteFunc  write,
                                 gpointer             user_data);

/* Fills @local_scene from @scene as exported and returns a copy of @viewport laid out at
 * @width × @height (wick-export-image.c). */
WickViewport *_wick_export_prepare (const WickScene *scene,
                                    WickViewport    *viewport,
                                    int              width,
                                    int              height,
                                    WickScene       *local_scene);

/* The SVG stream: real text elements for the renderer's text, and the title
 * (wick-export-svg.c). */
typedef struct _WickExportSvg WickExportSvg;

WickExportSvg *_wick_export_svg_new         (const char          *title,
                                             WickExportWriteFunc  write,
                                             gpointer             user_data);
void           _wick_export_svg_free        (WickExportSvg       *self);
void           _wick_export_svg_attach      (WickExportSvg       *self,
                                             cairo_t             *cr);
gboolean       _wick_export_svg_write       (WickExportSvg       *self,
                                             const void          *data,
                                             gsize                length);
gboolean       _wick_export_svg_is_complete (WickExportSvg       *self);
guint          _wick_export_svg_get_n_runs  (WickExportSvg       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickExportSvg, _wick_export_svg_free)

G_END_DECLS
