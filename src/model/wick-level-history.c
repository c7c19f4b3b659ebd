/* wick-level-history.c: a level store's undo and redo, one step per edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-level-store"

#include "config.h"

#include "wick-level-store-private.h"

/*
 * Step:
 *
 * One undoable edit, kept as the whole line before and after it. Undo puts @before back
 * and redo puts @after back, so every field (id, label, colour, lock, created_at) comes
 * back exactly, whatever the edit was.
 */
typedef struct
{
  WickLevel *before;   /* Owned, nullable: NULL for an add */
  WickLevel *after;    /* Owned, nullable: NULL for a remove */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->before, wick_level_free);
  g_clear_pointer (&step->after, wick_level_free);
  g_free (step);
}

static guint32
step_get_id (const Step *step)
{
  return step->after != NULL ? step->after->id : step->before->id;
}

/*
 * _wick_level_history_commit:
 * @before: (transfer full) (nullable): the line as it is, %NULL for an add
 * @after: (transfer full) (nullable): the line as it will be, %NULL for a remove
 *
 * Applies one validated edit and records it as one undo step. A new edit makes the
 * edits that were undone unreachable, so the redo list is dropped.
 */
void
_wick_level_history_commit (WickLevelStore *self,
                            WickLevel      *before,
                            WickLevel      *after)
{
  gboolean could_undo = wick_level_store_can_undo (self);
  gboolean could_redo = wick_level_store_can_redo (self);
  Step *step;

  g_assert (before != NULL || after != NULL);

  step = g_new0 (Step, 1);
  step->before = before;
  step->after = after;

  _wick_level_store_put_line (self, step_get_id (step), step->after);

  g_queue_clear_full (&self->redo, step_free);
  g_queue_push_head (&self->undo, step);
  while (self->undo.length > WICK_LEVEL_STORE_MAX_UNDO)
    step_free (g_queue_pop_tail (&self->undo));

  _wick_level_store_emit_changed (self, could_undo, could_redo);
}

/* Drops every step, as when the store is given new lines or finalized. */
void
_wick_level_history_clear (WickLevelStore *self)
{
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
}

gboolean
wick_level_store_can_undo (WickLevelStore *self)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);

  return self->undo.length > 0;
}

gboolean
wick_level_store_can_redo (WickLevelStore *self)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);

  return self->redo.length > 0;
}

/* Moves the newest step of @from to @to, putting back its @before or @after state. */
static gboolean
replay (WickLevelStore *self,
        GQueue         *from,
        GQueue         *to,
        gboolean        use_after)
{
  gboolean could_undo = wick_level_store_can_undo (self);
  gboolean could_redo = wick_level_store_can_redo (self);
  Step *step = g_queue_pop_head (from);

  if (step == NULL)
    return FALSE;

  _wick_level_store_put_line (self, step_get_id (step), use_after ? step->after : step->before);
  g_queue_push_head (to, step);

  _wick_level_store_emit_changed (self, could_undo, could_redo);

  return TRUE;
}

/**
 * wick_level_store_undo:
 * @self: a #WickLevelStore
 *
 * Takes back the most recent edit, restoring the line exactly as it was (a removed line
 * returns with its id, label, colour, lock and creation time).
 *
 * Returns: %TRUE if there was an edit to undo
 */
gboolean
wick_level_store_undo (WickLevelStore *self)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);

  return replay (self, &self->undo, &self->redo, FALSE);
}

/**
 * wick_level_store_redo:
 * @self: a #WickLevelStore
 *
 * Applies the most recently undone edit again; a redone add gets the id it had.
 *
 * Returns: %TRUE if there was an edit to redo
 */
gboolean
wick_level_store_redo (WickLevelStore *self)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);

  return replay (self, &self->redo, &self->undo, TRUE);
}
