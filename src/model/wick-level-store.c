/* wick-level-store.c: the horizontal price lines a user draws on one market
 *
 * The undo history is kept by wick-level-history.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-level-store"

#include "config.h"

#include "wick-level-store.h"

#include "wick-level-store-private.h"
#include "wick-model-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WickLevelStore, wick_level_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (wick-level-store-error-quark, wick_level_store_error)

/**
 * wick_level_copy:
 * @level: (nullable): a line
 *
 * Returns: (transfer full) (nullable): a deep copy of @level, or %NULL for %NULL
 */
WickLevel *
wick_level_copy (const WickLevel *level)
{
  WickLevel *copy;

  if (level == NULL)
    return NULL;

  copy = g_memdup2 (level, sizeof *level);
  copy->label = g_strdup (level->label);

  return copy;
}

/**
 * wick_level_free:
 * @level: (nullable) (transfer full): a line from wick_level_copy ()
 */
void
wick_level_free (WickLevel *level)
{
  if (level == NULL)
    return;

  g_clear_pointer (&level->label, g_free);
  g_free (level);
}

static gboolean
check_price (double   price,
             GError **error)
{
  char buf[WICK_NUMBER_BUF_SIZE];

  if G_LIKELY (isfinite (price) && price > 0.0)
    return TRUE;

  g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
               /* Translators: %s is a number such as “-5.00”, “nan” or “inf” */
               _("Price %s is not a finite number above zero"),
               _wick_format_number (buf, price));

  return FALSE;
}

static gboolean
check_label (const char  *label,
             GError     **error)
{
  if (label == NULL)
    return TRUE;

  if (!g_utf8_validate (label, -1, NULL))
    {
      g_set_error_literal (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                           _("The label is not valid UTF-8 text"));
      return FALSE;
    }

  if (strlen (label) > WICK_LEVEL_LABEL_MAX_BYTES)
    {
      g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                   _("The label is longer than %u bytes"), WICK_LEVEL_LABEL_MAX_BYTES);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_origin (WickLevelOrigin   origin,
              GError          **error)
{
  if G_LIKELY (origin == WICK_LEVEL_ORIGIN_USER || origin == WICK_LEVEL_ORIGIN_PINNED_ZONE)
    return TRUE;

  g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
               _("Unknown line origin %d"), (int) origin);

  return FALSE;
}

/* NULL and "" both mean “no label”; the store only ever holds NULL for that. */
static char *
dup_label (const char *label)
{
  return label != NULL && label[0] != '\0' ? g_strdup (label) : NULL;
}

/**
 * wick_level_validate:
 * @level: a line
 * @error: return location for a %WICK_LEVEL_STORE_ERROR_INVALID error
 *
 * Makes the checks wick_level_store_set_levels () makes on each line, so a reader of saved
 * lines can reject a bad one with a precise message.
 *
 * Returns: %TRUE if @level could be stored
 */
gboolean
wick_level_validate (const WickLevel  *level,
                     GError          **error)
{
  g_return_val_if_fail (level != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (level->id == 0)
    {
      g_set_error_literal (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                           _("Line id 0 is not allowed"));
      return FALSE;
    }

  return check_price (level->price, error) &&
         check_label (level->label, error) &&
         check_origin (level->origin, error);
}

static int
compare_levels (const WickLevel *a,
                const WickLevel *b)
{
  if (a->price != b->price)
    return a->price < b->price ? -1 : 1;
  if (a->id != b->id)
    return a->id < b->id ? -1 : 1;
  return 0;
}

static int
compare_level_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return compare_levels (*(const WickLevel * const *)a, *(const WickLevel * const *)b);
}

static gboolean
levels_equal (const WickLevel *a,
              const WickLevel *b)
{
  return a->id == b->id &&
         a->price == b->price &&
         g_strcmp0 (a->label, b->label) == 0 &&
         a->origin == b->origin &&
         a->has_color == b->has_color &&
         (!a->has_color || a->color_rgba == b->color_rgba) &&
         a->created_at_ms == b->created_at_ms &&
         a->locked == b->locked &&
         a->alert == b->alert;
}

static gboolean
find_index (WickLevelStore *self,
            guint32         id,
            guint          *index)
{
  for (guint i = 0; i < self->levels->len; i++)
    {
      const WickLevel *level = g_ptr_array_index (self->levels, i);

      if (level->id == id)
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const WickLevel *
lookup_or_error (WickLevelStore  *self,
                 guint32          id,
                 GError         **error)
{
  guint index;

  if (find_index (self, id, &index))
    return g_ptr_array_index (self->levels, index);

  g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_NOT_FOUND,
               _("There is no line with id %u"), id);

  return NULL;
}

/* Inserts @level (taking ownership) where it belongs in the sort order. */
static void
insert_sorted (WickLevelStore *self,
               WickLevel      *level)
{
  guint lo = 0;
  guint hi = self->levels->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_levels (g_ptr_array_index (self->levels, mid), level) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (self->levels, lo, level);
}

/*
 * _wick_level_store_put_line:
 * @id: the line to replace
 * @state: (nullable): what the line becomes; %NULL removes it
 *
 * Makes the line @id look exactly like @state (copied), whether or not it exists now.
 */
void
_wick_level_store_put_line (WickLevelStore  *self,
                            guint32          id,
                            const WickLevel *state)
{
  guint index;

  g_assert (state == NULL || state->id == id);

  if (find_index (self, id, &index))
    g_ptr_array_remove_index (self->levels, index);

  if (state != NULL)
    insert_sorted (self, wick_level_copy (state));
}

/* Emits ::changed, then notifies can-undo and can-redo when they differ from @could_undo
 * and @could_redo, taken before the change. */
void
_wick_level_store_emit_changed (WickLevelStore *self,
                                gboolean        could_undo,
                                gboolean        could_redo)
{
  g_signal_emit (self, signals[CHANGED], 0);

  if (could_undo != wick_level_store_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != wick_level_store_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
wick_level_store_finalize (GObject *object)
{
  WickLevelStore *self = (WickLevelStore *)object;

  g_clear_pointer (&self->levels, g_ptr_array_unref);
  _wick_level_history_clear (self);

  G_OBJECT_CLASS (wick_level_store_parent_class)->finalize (object);
}

static void
wick_level_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickLevelStore *self = WICK_LEVEL_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wick_level_store_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, wick_level_store_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_level_store_class_init (WickLevelStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wick_level_store_finalize;
  object_class->get_property = wick_level_store_get_property;

  /**
   * WickLevelStore:can-undo:
   *
   * Whether wick_level_store_undo () has an edit to take back.
   */
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * WickLevelStore:can-redo:
   *
   * Whether wick_level_store_redo () has an undone edit to apply again.
   */
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickLevelStore::changed:
   *
   * Emitted after every successful edit, undo, redo and wick_level_store_set_levels ().
   * Edits that change nothing (a move to the same price, the same label again) emit
   * nothing.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wick_level_store_init (WickLevelStore *self)
{
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->next_id = 1;
}

/**
 * wick_level_store_new:
 *
 * Returns: (transfer full): an empty store whose first line will get id 1
 */
WickLevelStore *
wick_level_store_new (void)
{
  return g_object_new (WICK_TYPE_LEVEL_STORE, NULL);
}

guint
wick_level_store_get_n_levels (WickLevelStore *self)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), 0);

  return self->levels->len;
}

/**
 * wick_level_store_get_level:
 * @self: a #WickLevelStore
 * @index: below wick_level_store_get_n_levels ()
 *
 * Returns: (transfer none): the line at @index in ascending price order (ties by id),
 *   valid until the store next changes
 */
const WickLevel *
wick_level_store_get_level (WickLevelStore *self,
                            guint           index)
{
  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), NULL);
  g_return_val_if_fail (index < self->levels->len, NULL);

  return g_ptr_array_index (self->levels, index);
}

/**
 * wick_level_store_lookup:
 * @self: a #WickLevelStore
 * @id: a line id
 *
 * Returns: (transfer none) (nullable): the line with @id, valid until the store next
 *   changes, or %NULL if there is none
 */
const WickLevel *
wick_level_store_lookup (WickLevelStore *self,
                         guint32         id)
{
  guint index;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), NULL);

  if (find_index (self, id, &index))
    return g_ptr_array_index (self->levels, index);

  return NULL;
}

/**
 * wick_level_store_set_levels:
 * @self: a #WickLevelStore
 * @levels: (array length=n_levels) (nullable): the new lines, in any order
 * @n_levels: the number of lines
 * @error: return location for a %WICK_LEVEL_STORE_ERROR_INVALID error
 *
 * Replaces every line with copies of @levels and clears the undo history. Ids are kept
 * and must be unique; the next new id is above both the largest of them and every id this
 * store has handed out before. An empty label becomes no label. On error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
wick_level_store_set_levels (WickLevelStore   *self,
                             const WickLevel **levels,
                             guint             n_levels,
                             GError          **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GHashTable) ids = NULL;
  gboolean could_undo;
  gboolean could_redo;
  guint32 max_id = 0;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (levels != NULL || n_levels == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ids = g_hash_table_new (NULL, NULL);
  copies = g_ptr_array_new_full (n_levels, (GDestroyNotify) wick_level_free);

  for (guint i = 0; i < n_levels; i++)
    {
      const WickLevel *level = levels[i];
      g_autoptr(GError) local_error = NULL;
      WickLevel *copy;

      g_return_val_if_fail (level != NULL, FALSE);

      if (!wick_level_validate (level, &local_error))
        {
          g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                       /* Translators: “Line 7: Price -5.00 is not a finite number above zero” */
                       _("Line %u: %s"), level->id, local_error->message);
          return FALSE;
        }

      if (!g_hash_table_add (ids, GUINT_TO_POINTER (level->id)))
        {
          g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                       _("Two lines have the same id %u"), level->id);
          return FALSE;
        }

      copy = wick_level_copy (level);
      g_free (copy->label);
      copy->label = dup_label (level->label);
      g_ptr_array_add (copies, copy);
      max_id = MAX (max_id, level->id);
    }

  g_ptr_array_sort (copies, compare_level_ptrs);

  could_undo = wick_level_store_can_undo (self);
  could_redo = wick_level_store_can_redo (self);

  g_clear_pointer (&self->levels, g_ptr_array_unref);
  self->levels = g_steal_pointer (&copies);
  _wick_level_history_clear (self);
  self->next_id = MAX (self->next_id, (guint64) max_id + 1);

  _wick_level_store_emit_changed (self, could_undo, could_redo);

  return TRUE;
}

/**
 * wick_level_store_add:
 * @self: a #WickLevelStore
 * @price: finite and above zero
 * @label: (nullable): UTF-8 of at most %WICK_LEVEL_LABEL_MAX_BYTES; %NULL or "" for none
 * @origin: where the line came from
 * @error: return location for a #WickLevelStoreError
 *
 * Adds an unlocked line with automatic colour and its crossing alert on, created now.
 *
 * Returns: the new line's id, or 0 with @error set
 */
guint32
wick_level_store_add (WickLevelStore   *self,
                      double            price,
                      const char       *label,
                      WickLevelOrigin   origin,
                      GError          **error)
{
  WickLevel *level;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_price (price, error) || !check_label (label, error) || !check_origin (origin, error))
    return 0;

  if (self->next_id > G_MAXUINT32)
    {
      g_set_error_literal (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_INVALID,
                           _("No more line ids are left"));
      return 0;
    }

  level = g_new0 (WickLevel, 1);
  level->id = (guint32) self->next_id++;
  level->price = price;
  level->label = dup_label (label);
  level->origin = origin;
  level->alert = TRUE;
  level->created_at_ms = g_get_real_time () / 1000;

  _wick_level_history_commit (self, NULL, level);

  return level->id;
}

/**
 * wick_level_store_move:
 * @self: a #WickLevelStore
 * @id: the line
 * @price: its new price, finite and above zero
 * @error: return location for a #WickLevelStoreError
 *
 * Moves a line that is not locked. Moving it to the price it has is not an edit: nothing
 * is recorded and ::changed is not emitted.
 *
 * Returns: %TRUE on success, %FALSE with NOT_FOUND, INVALID or LOCKED
 */
gboolean
wick_level_store_move (WickLevelStore  *self,
                       guint32          id,
                       double           price,
                       GError         **error)
{
  const WickLevel *level;
  WickLevel *after;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL || !check_price (price, error))
    return FALSE;

  if (level->locked)
    {
      g_set_error (error, WICK_LEVEL_STORE_ERROR, WICK_LEVEL_STORE_ERROR_LOCKED,
                   _("Line %u is locked and cannot be moved"), id);
      return FALSE;
    }

  if (level->price == price)
    return TRUE;

  after = wick_level_copy (level);
  after->price = price;
  _wick_level_history_commit (self, wick_level_copy (level), after);

  return TRUE;
}

/**
 * wick_level_store_remove:
 * @self: a #WickLevelStore
 * @id: the line, locked or not
 * @error: return location for a #WickLevelStoreError
 *
 * Returns: %TRUE on success, %FALSE with NOT_FOUND
 */
gboolean
wick_level_store_remove (WickLevelStore  *self,
                         guint32          id,
                         GError         **error)
{
  const WickLevel *level;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL)
    return FALSE;

  _wick_level_history_commit (self, wick_level_copy (level), NULL);

  return TRUE;
}

/* Records @after as an edit of @before unless it changes nothing. Takes @after. */
static void
commit_if_changed (WickLevelStore  *self,
                   const WickLevel *before,
                   WickLevel       *after)
{
  if (levels_equal (before, after))
    wick_level_free (after);
  else
    _wick_level_history_commit (self, wick_level_copy (before), after);
}

/**
 * wick_level_store_set_label:
 * @self: a #WickLevelStore
 * @id: the line, locked or not
 * @label: (nullable): UTF-8 of at most %WICK_LEVEL_LABEL_MAX_BYTES; %NULL or "" for none
 * @error: return location for a #WickLevelStoreError
 *
 * Returns: %TRUE on success (including when the label is already @label)
 */
gboolean
wick_level_store_set_label (WickLevelStore  *self,
                            guint32          id,
                            const char      *label,
                            GError         **error)
{
  const WickLevel *level;
  WickLevel *after;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL || !check_label (label, error))
    return FALSE;

  after = wick_level_copy (level);
  g_free (after->label);
  after->label = dup_label (label);
  commit_if_changed (self, level, after);

  return TRUE;
}

/**
 * wick_level_store_set_locked:
 * @self: a #WickLevelStore
 * @id: the line
 * @locked: whether dragging may move it
 * @error: return location for a #WickLevelStoreError
 *
 * Returns: %TRUE on success (including when nothing changes)
 */
gboolean
wick_level_store_set_locked (WickLevelStore  *self,
                             guint32          id,
                             gboolean         locked,
                             GError         **error)
{
  const WickLevel *level;
  WickLevel *after;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL)
    return FALSE;

  after = wick_level_copy (level);
  after->locked = !!locked;
  commit_if_changed (self, level, after);

  return TRUE;
}

/**
 * wick_level_store_set_color:
 * @self: a #WickLevelStore
 * @id: the line, locked or not
 * @has_color: %FALSE for automatic support/resistance colouring
 * @color_rgba: 0xRRGGBBAA, ignored unless @has_color
 * @error: return location for a #WickLevelStoreError
 *
 * Returns: %TRUE on success (including when nothing changes)
 */
gboolean
wick_level_store_set_color (WickLevelStore  *self,
                            guint32          id,
                            gboolean         has_color,
                            guint32          color_rgba,
                            GError         **error)
{
  const WickLevel *level;
  WickLevel *after;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL)
    return FALSE;

  after = wick_level_copy (level);
  after->has_color = !!has_color;
  after->color_rgba = has_color ? color_rgba : 0;
  commit_if_changed (self, level, after);

  return TRUE;
}

/**
 * wick_level_store_set_alert:
 * @self: a #WickLevelStore
 * @id: the line, locked or not
 * @alert: whether the live price crossing the line sends a notification
 * @error: return location for a #WickLevelStoreError
 *
 * Returns: %TRUE on success (including when nothing changes)
 */
gboolean
wick_level_store_set_alert (WickLevelStore  *self,
                            guint32          id,
                            gboolean         alert,
                            GError         **error)
{
  const WickLevel *level;
  WickLevel *after;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((level = lookup_or_error (self, id, error)) == NULL)
    return FALSE;

  after = wick_level_copy (level);
  after->alert = !!alert;
  commit_if_changed (self, level, after);

  return TRUE;
}
