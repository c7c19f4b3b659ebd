/* wick-signal-rows.c: an analysis' signals as the rows of a list, newest first
 *
 * A market of a million candles has some 150,000 signals, of which a list view ever binds a
 * screenful. So a row is only a signal's index (four bytes), and its #WickSignalItem is made
 * when asked for and lives as long as someone holds it: the list view's bound rows, the
 * selection. While it lives, asking again gives the same object, which is how the selection
 * and the list view know a row they had.
 *
 * A new analysis of the same market, as a live market brings every few seconds, mostly finds
 * the signals listed already (wick_signal_is_same ()): their rows stay, their living items
 * move to the new analysis, and only the rows of signals found or lost are announced, a run
 * at a time. Between two announcements the rows not yet replaced still read the old analysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-signals-panel"

#include "config.h"

#include "wick-signal-rows.h"

#include "wick-signal-item.h"

/* In a row's index while a refill is announced: a signal of the old analysis. */
#define OLD_ROW (1u << 31)
#define NO_ROW G_MAXUINT
/* Past this many runs of changed rows, a refill is one change of all of them: each run moves
 * the rows after it. */
#define MAX_SPLICES 32

struct _WickSignalRows
{
  GObject          parent_instance;

  WickSignals     *signals;      /* Owned, nullable */
  WickSignalItem **items;        /* Owned: per signal of @signals, its living item or NULL */
  guint            n_items;
  GArray          *rows;         /* Owned: guint, signal indices, newest first */
  guint32          shown_kinds;  /* 1 << WickSignalKind */

  /* While a refill is announced: the analysis replaced, and the items of its rows lost. */
  WickSignals     *old_signals;
  WickSignalItem **old_items;
  guint            n_old_items;
};

static void wick_signal_rows_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WickSignalRows, wick_signal_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      wick_signal_rows_list_model_iface_init))

static gboolean
clear_slot (WickSignalItem **items,
            guint            n_items,
            WickSignalItem  *item)
{
  guint index = wick_signal_item_get_index (item);

  if (items == NULL || index >= n_items || items[index] != item)
    return FALSE;

  items[index] = NULL;
  return TRUE;
}

/* An item's last reference went: its signal gets a new one when asked again. */
static void
on_item_disposed (gpointer  data,
                  GObject  *where_the_object_was)
{
  WickSignalRows *self = data;
  WickSignalItem *item = (WickSignalItem *) where_the_object_was;

  if (!clear_slot (self->items, self->n_items, item))
    clear_slot (self->old_items, self->n_old_items, item);
}

/* Lets go of the items of @items that still live, and of @items. */
static void
forget_items (WickSignalRows  *self,
              WickSignalItem **items,
              guint            n_items)
{
  for (guint i = 0; items != NULL && i < n_items; i++)
    if (items[i] != NULL)
      g_object_weak_unref (G_OBJECT (items[i]), on_item_disposed, self);

  g_free (items);
}

static GType
wick_signal_rows_get_item_type (GListModel *model)
{
  return WICK_TYPE_SIGNAL_ITEM;
}

static guint
wick_signal_rows_get_n_items (GListModel *model)
{
  return WICK_SIGNAL_ROWS (model)->rows->len;
}

static gpointer
wick_signal_rows_get_item (GListModel *model,
                           guint       position)
{
  WickSignalRows *self = WICK_SIGNAL_ROWS (model);
  WickSignalItem **items = self->items;
  WickSignals *signals = self->signals;
  guint index;

  if (position >= self->rows->len)
    return NULL;

  index = g_array_index (self->rows, guint, position);
  if (index & OLD_ROW)
    {
      index &= ~OLD_ROW;
      items = self->old_items;
      signals = self->old_signals;
    }

  if (items[index] != NULL)
    return g_object_ref (items[index]);

  items[index] = wick_signal_item_new (signals, index);
  g_object_weak_ref (G_OBJECT (items[index]), on_item_disposed, self);

  return items[index];
}

static void
wick_signal_rows_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wick_signal_rows_get_item_type;
  iface->get_n_items = wick_signal_rows_get_n_items;
  iface->get_item = wick_signal_rows_get_item;
}

static void
wick_signal_rows_dispose (GObject *object)
{
  WickSignalRows *self = (WickSignalRows *)object;

  forget_items (self, g_steal_pointer (&self->items), self->n_items);
  self->n_items = 0;
  g_clear_pointer (&self->signals, wick_signals_unref);
  g_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (wick_signal_rows_parent_class)->dispose (object);
}

static void
wick_signal_rows_finalize (GObject *object)
{
  WickSignalRows *self = (WickSignalRows *)object;

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (wick_signal_rows_parent_class)->finalize (object);
}

static void
wick_signal_rows_class_init (WickSignalRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_signal_rows_dispose;
  object_class->finalize = wick_signal_rows_finalize;
}

static void
wick_signal_rows_init (WickSignalRows *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shown_kinds = G_MAXUINT32;
}

WickSignalRows *
wick_signal_rows_new (void)
{
  return g_object_new (WICK_TYPE_SIGNAL_ROWS, NULL);
}

/* The rows of @signals of the kinds shown: the analysis orders its signals by candle, so
 * newest first is last first, which of one candle puts the signal found last first. */
static GArray *
collect_rows (WickSignals *signals,
              guint32      shown_kinds)
{
  guint n = signals != NULL ? wick_signals_get_n_signals (signals) : 0;
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = n; i-- > 0;)
    if (shown_kinds & (1u << wick_signals_get_signal (signals, i)->kind))
      g_array_append_val (rows, i);

  return rows;
}

/* For each of @rows (of @signals), the row of @old_rows (of @old_signals) showing the same
 * signal, or NO_ROW; @is_kept gets whether each old row has one. Both are newest first, so
 * the old rows of a candle are found from where the previous candle's ended. */
static guint *
match_rows (WickSignals  *old_signals,
            GArray       *old_rows,
            WickSignals  *signals,
            GArray       *rows,
            gboolean    **is_kept)
{
  guint *matches = g_new (guint, MAX (rows->len, 1));
  guint n_old = old_signals != NULL ? old_rows->len : 0;
  guint first = 0;

  *is_kept = g_new0 (gboolean, MAX (n_old, 1));

#define OLD_SIGNAL(k) (wick_signals_get_signal (old_signals, g_array_index (old_rows, guint, k)))

  for (guint j = 0; j < rows->len; j++)
    {
      const WickSignal *signal = wick_signals_get_signal (signals, g_array_index (rows, guint, j));

      matches[j] = NO_ROW;
      while (first < n_old && OLD_SIGNAL (first)->time_ms > signal->time_ms)
        first++;
      for (guint k = first; k < n_old && OLD_SIGNAL (k)->time_ms == signal->time_ms; k++)
        if (!(*is_kept)[k] && wick_signal_is_same (OLD_SIGNAL (k), signal))
          {
            (*is_kept)[k] = TRUE;
            matches[j] = k;
            break;
          }
    }

#undef OLD_SIGNAL

  return matches;
}

/* Turns self->rows into @rows, a run of rows that come or go at a time, announcing each when
 * @announce; returns how many runs there are. */
static guint
splice_rows (WickSignalRows *self,
             GArray         *rows,
             const guint    *matches,
             const gboolean *is_kept,
             guint           n_old,
             gboolean        announce)
{
  guint n_splices = 0;
  guint i = 0;
  guint j = 0;

  while (i < n_old || j < rows->len)
    {
      guint n_removed = 0;
      guint n_added = 0;

      if (i < n_old && j < rows->len && matches[j] == i)
        {
          i++;
          j++;
          continue;
        }

      while (i + n_removed < n_old && !is_kept[i + n_removed])
        n_removed++;
      while (j + n_added < rows->len && matches[j + n_added] == NO_ROW)
        n_added++;

      /* A kept row that moved (signals of one candle found in another order): the rest at
       * once. The list view still reuses the widgets of the rows it gets back. */
      if (n_removed == 0 && n_added == 0)
        {
          n_removed = n_old - i;
          n_added = rows->len - j;
        }

      if (announce)
        {
          g_array_remove_range (self->rows, j, n_removed);
          g_array_insert_vals (self->rows, j, &g_array_index (rows, guint, j), n_added);
          g_list_model_items_changed (G_LIST_MODEL (self), j, n_removed, n_added);
        }

      n_splices++;
      i += n_removed;
      j += n_added;
    }

  return n_splices;
}

/* Lists @rows of @signals in place of the rows there are, keeping those of the signals it
 * finds again with their items. */
static void
replace_rows (WickSignalRows *self,
              WickSignals    *signals,
              GArray         *rows)
{
  g_autofree guint *matches = NULL;
  g_autofree gboolean *is_kept = NULL;
  guint n_old = self->rows->len;

  matches = match_rows (self->signals, self->rows, signals, rows, &is_kept);

  self->old_signals = g_steal_pointer (&self->signals);
  self->old_items = g_steal_pointer (&self->items);
  self->n_old_items = self->n_items;
  self->signals = signals != NULL ? wick_signals_ref (signals) : NULL;
  self->n_items = signals != NULL ? wick_signals_get_n_signals (signals) : 0;
  self->items = g_new0 (WickSignalItem *, MAX (self->n_items, 1));

  /* Kept rows read the new analysis, and their living items move to it. */
  for (guint j = 0; j < rows->len; j++)
    if (matches[j] != NO_ROW)
      {
        guint *old_index = &g_array_index (self->rows, guint, matches[j]);
        guint index = g_array_index (rows, guint, j);
        WickSignalItem *item = g_steal_pointer (&self->old_items[*old_index]);

        if (item != NULL)
          {
            self->items[index] = item;
            wick_signal_item_update (item, signals, index);
          }
        *old_index = index;
      }
  for (guint k = 0; k < n_old; k++)
    if (!is_kept[k])
      g_array_index (self->rows, guint, k) |= OLD_ROW;

  if (splice_rows (self, rows, matches, is_kept, n_old, FALSE) <= MAX_SPLICES)
    {
      splice_rows (self, rows, matches, is_kept, n_old, TRUE);
    }
  else
    {
      g_array_set_size (self->rows, 0);
      g_array_append_vals (self->rows, rows->data, rows->len);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, rows->len);
    }

  forget_items (self, g_steal_pointer (&self->old_items), self->n_old_items);
  self->n_old_items = 0;
  g_clear_pointer (&self->old_signals, wick_signals_unref);
}

/**
 * wick_signal_rows_get_signals:
 *
 * Returns: (transfer none) (nullable): the analysis listed
 */
WickSignals *
wick_signal_rows_get_signals (WickSignalRows *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ROWS (self), NULL);

  return self->signals;
}

/**
 * wick_signal_rows_set_signals:
 * @signals: (nullable): the analysis to list; a reference is taken
 *
 * Lists the signals of @signals of the kinds shown, newest first. The rows of the signals
 * @signals finds again stay, with the same items, moved to their index in @signals
 * (wick_signal_item_update ()); the others come and go a run at a time.
 */
void
wick_signal_rows_set_signals (WickSignalRows *self,
                              WickSignals    *signals)
{
  g_autoptr(GArray) rows = NULL;

  g_return_if_fail (WICK_IS_SIGNAL_ROWS (self));

  if (self->signals == signals)
    return;

  rows = collect_rows (signals, self->shown_kinds);
  replace_rows (self, signals, rows);
}

/**
 * wick_signal_rows_get_shown_kinds:
 *
 * Returns: 1 << #WickSignalKind for each kind listed
 */
guint32
wick_signal_rows_get_shown_kinds (WickSignalRows *self)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ROWS (self), 0);

  return self->shown_kinds;
}

/**
 * wick_signal_rows_set_shown_kinds:
 * @shown_kinds: 1 << #WickSignalKind for each kind to list
 */
void
wick_signal_rows_set_shown_kinds (WickSignalRows *self,
                                  guint32         shown_kinds)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(WickSignals) signals = NULL;

  g_return_if_fail (WICK_IS_SIGNAL_ROWS (self));

  if (self->shown_kinds == shown_kinds)
    return;

  self->shown_kinds = shown_kinds;
  if (self->signals == NULL)
    return;

  signals = wick_signals_ref (self->signals);
  rows = collect_rows (signals, shown_kinds);
  replace_rows (self, signals, rows);
}

/**
 * wick_signal_rows_get_index:
 * @position: a row
 *
 * Returns: the index in the analysis of the signal at @position, without making its item
 */
guint
wick_signal_rows_get_index (WickSignalRows *self,
                            guint           position)
{
  g_return_val_if_fail (WICK_IS_SIGNAL_ROWS (self), 0);
  g_return_val_if_fail (position < self->rows->len, 0);

  return g_array_index (self->rows, guint, position) & ~OLD_ROW;
}
