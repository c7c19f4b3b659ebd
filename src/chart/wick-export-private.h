/* wick-export-private.h: what wick-export.c shares with its PNG encoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes @len bytes of @data; FALSE when they could not be written. */
typedef gboolean (*WickExportWriteFunc) (gpointer    user_data,
                                         const void *data,
                                         gsize       len);

gboolean _wick_export_write_png (cairo_surface_t     *surface,
                                 const char          *title,
                                 WickExportWriteFunc  write,
                                 gpointer             user_data);

G_END_DECLS
