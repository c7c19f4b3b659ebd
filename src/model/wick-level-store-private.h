/* wick-level-store-private.h: what the level store's files share
 *
 * wick-level-store.c holds the lines and checks every edit; wick-level-history.c records each
 * edit as one step and undoes and redoes them. A step puts a line back through
 * _wick_level_store_put_line() and then calls _wick_level_store_emit_changed() with
 * can-undo and can-redo as they were before it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-level-store.h"

G_BEGIN_DECLS

struct _WickLevelStore
{
  GObject    parent_instance;

  GPtrArray *levels;   /* Owned; WickLevel *, by price ascending, then id */
  GQueue     undo;     /* Owned; Step *, most recent edit at the head */
  GQueue     redo;     /* Owned; Step *, next edit to redo at the head */
  guint64    next_id;  /* Wider than an id so that running out is an error, not a wrap */
};

/* wick-level-store.c */
void _wick_level_store_put_line     (WickLevelStore  *self,
                                     guint32          id,
                                     const WickLevel *state);
void _wick_level_store_emit_changed (WickLevelStore  *self,
                                     gboolean         could_undo,
                                     gboolean         could_redo);

/* wick-level-history.c, the only file that knows what a Step is */
void _wick_level_history_commit     (WickLevelStore  *self,
                                     WickLevel       *before,
                                     WickLevel       *after);
void _wick_level_history_clear      (WickLevelStore  *self);

G_END_DECLS
