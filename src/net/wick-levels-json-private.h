/* wick-levels-json-private.h: the text of the levels file, shared by the file's two units
 *
 * wick-levels-file.c finds the file, takes the lock, moves a damaged file aside and
 * replaces the file atomically; wick-levels-json.c turns its bytes into lines, checking every
 * market, and prints the new text with each double in its shortest exact form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"
#include "wick-levels-file.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checks the whole document; collects @market_key's lines into @levels unless it is NULL.
 * Errors are CORRUPT with the reason alone, or NEWER_SCHEMA with a message naming @path. */
JsonObject *_wick_levels_json_parse     (const char      *path,
                                         const char      *contents,
                                         gsize            length,
                                         const char      *market_key,
                                         GPtrArray       *levels,
                                         GError         **error);
/* The new file's text: @old_root (nullable) with @market_key's entry replaced by @store. */
char       *_wick_levels_json_serialize (JsonObject      *old_root,
                                         const char      *market_key,
                                         WickLevelStore  *store);

G_END_DECLS
