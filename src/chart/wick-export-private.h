/* wick-export-private.h: what wick-export.c shares with its PNG encoder and layout
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

G_END_DECLS
