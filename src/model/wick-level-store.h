/* wick-level-store.h: the horizontal price lines a user draws on one market, with undo
 *
 * Pure model: no files, no GTK. Every edit is one undoable step; a drag is committed as
 * one move when it ends, so the store never sees the pointer's intermediate positions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "wick-types.h"

G_BEGIN_DECLS

#define WICK_LEVEL_STORE_ERROR (wick_level_store_error_quark ())

typedef enum
{
  WICK_LEVEL_STORE_ERROR_NOT_FOUND,
  WICK_LEVEL_STORE_ERROR_LOCKED,       /* a locked line cannot be moved */
  WICK_LEVEL_STORE_ERROR_INVALID,      /* price not finite and positive, label not UTF-8 … */
} WickLevelStoreError;

/* Where a line came from: drawn by the user, or pinned from a detected zone. */
typedef enum
{
  WICK_LEVEL_ORIGIN_USER,
  WICK_LEVEL_ORIGIN_PINNED_ZONE,
} WickLevelOrigin;

/* One line. A line with no pinned colour is support (below the last close) or resistance
 * (above it), decided when drawn; `color_rgba` is 0xRRGGBBAA when `has_color`. `alert` asks
 * for a notification when the live price crosses the line; new lines have it on. */
typedef struct
{
  guint32          id;             /* unique within the store, never reused */
  double           price;
  char            *label;          /* Owned, nullable: e.g. "Support 92k" */
  WickLevelOrigin  origin;
  guint32          color_rgba;
  gint64           created_at_ms;  /* Unix time, ms */
  guint            has_color : 1;
  guint            locked : 1;
  guint            alert : 1;
} WickLevel;

/* The longest label, in bytes of UTF-8. */
#define WICK_LEVEL_LABEL_MAX_BYTES 200

/* The number of edits that can be undone. */
#define WICK_LEVEL_STORE_MAX_UNDO  200

WickLevel        *wick_level_copy               (const WickLevel   *level);
void              wick_level_free               (WickLevel         *level);
/* The checks set_levels () makes on one line: id above zero, price finite and above zero,
 * label NULL or valid UTF-8 of at most WICK_LEVEL_LABEL_MAX_BYTES, a known origin. */
gboolean          wick_level_validate           (const WickLevel   *level,
                                                 GError           **error);

#define WICK_TYPE_LEVEL_STORE (wick_level_store_get_type ())

G_DECLARE_FINAL_TYPE (WickLevelStore, wick_level_store, WICK, LEVEL_STORE, GObject)

GQuark            wick_level_store_error_quark  (void);
WickLevelStore   *wick_level_store_new          (void);
guint             wick_level_store_get_n_levels (WickLevelStore    *self);
/* By index, in ascending price order (ties by id). */
const WickLevel  *wick_level_store_get_level    (WickLevelStore    *self,
                                                 guint              index);
const WickLevel  *wick_level_store_lookup       (WickLevelStore    *self,
                                                 guint32            id);
/* Replaces every line (e.g. after loading a file) and clears the undo history. Levels are
 * copied; ids are kept, and the next new id is above the largest. */
gboolean          wick_level_store_set_levels   (WickLevelStore    *self,
                                                 const WickLevel  **levels,
                                                 guint              n_levels,
                                                 GError           **error);
/* Returns the new line's id, or 0 with @error set. */
guint32           wick_level_store_add          (WickLevelStore    *self,
                                                 double             price,
                                                 const char        *label,
                                                 WickLevelOrigin    origin,
                                                 GError           **error);
gboolean          wick_level_store_move         (WickLevelStore    *self,
                                                 guint32            id,
                                                 double             price,
                                                 GError           **error);
gboolean          wick_level_store_remove       (WickLevelStore    *self,
                                                 guint32            id,
                                                 GError           **error);
gboolean          wick_level_store_set_label    (WickLevelStore    *self,
                                                 guint32            id,
                                                 const char        *label,
                                                 GError           **error);
gboolean          wick_level_store_set_locked   (WickLevelStore    *self,
                                                 guint32            id,
                                                 gboolean           locked,
                                                 GError           **error);
/* @has_color FALSE returns the line to automatic support/resistance colouring. */
gboolean          wick_level_store_set_color    (WickLevelStore    *self,
                                                 guint32            id,
                                                 gboolean           has_color,
                                                 guint32            color_rgba,
                                                 GError           **error);
gboolean          wick_level_store_set_alert    (WickLevelStore    *self,
                                                 guint32            id,
                                                 gboolean           alert,
                                                 GError           **error);
gboolean          wick_level_store_can_undo     (WickLevelStore    *self);
gboolean          wick_level_store_can_redo     (WickLevelStore    *self);
gboolean          wick_level_store_undo         (WickLevelStore    *self);
gboolean          wick_level_store_redo         (WickLevelStore    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WickLevel, wick_level_free)

G_END_DECLS
