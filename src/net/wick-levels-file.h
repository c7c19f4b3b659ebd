/* wick-levels-file.h: every market's lines, kept across runs in one JSON file
 *
 * The file is `$XDG_DATA_HOME/wick/levels.json`:
 *
 *   {
 *     "schema": 1,
 *     "markets": {
 *       "Binance:BTCUSDT": [
 *         { "id": 3, "price": 92000.0, "label": "Support 92k", "origin": "user",
 *           "color": "#26a69aff", "locked": false, "alert": true,
 *           "created_at": "2026-01-05T14:00:00Z" }
 *       ]
 *     }
 *   }
 *
 * "label" and "color" are left out when a line has none; "origin" is "user" or
 * "pinned-zone"; a line without "alert" (written before alerts existed) alerts. Loading and
 * saving work on one market at a time and never lose the others: a save re-reads the file
 * under an advisory lock (`levels.json.lock`, kept beside it) and replaces it atomically. A
 * damaged file is moved aside, never overwritten; a file from a newer Wick is left alone.
 *
 * Both calls do small blocking I/O and read or fill a #WickLevelStore, so call them from the
 * thread that owns the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-level-store.h"

G_BEGIN_DECLS

#define WICK_LEVELS_FILE_ERROR (wick_levels_file_error_quark ())

/* The schema this Wick reads and writes. */
#define WICK_LEVELS_FILE_SCHEMA 1

typedef enum
{
  WICK_LEVELS_FILE_ERROR_CORRUPT,       /* unreadable; it was moved aside */
  WICK_LEVELS_FILE_ERROR_NEWER_SCHEMA,  /* written by a newer Wick; left untouched */
} WickLevelsFileError;

GQuark    wick_levels_file_error_quark  (void);
char     *wick_levels_file_default_path (void);
char     *wick_levels_file_market_key   (const char      *exchange,
                                         const char      *symbol);
gboolean  wick_levels_file_load         (const char      *path,
                                         const char      *market_key,
                                         WickLevelStore  *store,
                                         GError         **error);
gboolean  wick_levels_file_save         (const char      *path,
                                         const char      *market_key,
                                         WickLevelStore  *store,
                                         char           **moved_aside,
                                         GError         **error);

G_END_DECLS
