/* test-signal-rows.c: the signals panel's rows: an analysis' signals newest first through
 * the kinds shown, items made only when asked for and the same while held, refills that keep
 * the rows they find again and read consistently between their announcements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-sample-source.h"
#include "wick-signal-item.h"
#include "wick-signal-rows.h"

#include "test-signals-prefix.h"

typedef struct
{
  WickSignalRows *rows;
  WickSignals    *all;      /* the sample's signals */
  WickSignals    *fewer;    /* those of its first two thirds */
  guint           n_changes;
  guint           n_removed; /* rows removed by the announcements */
  guint           n_rows;   /* what the announcements so far make of the rows */
} Fixture;

/* Between announcements, as after them, the rows are as many as announced and stand for
 * signals newest first, whichever analysis each still reads. */
static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  gint64 previous_ms = G_MAXINT64;

  fixture->n_changes++;
  fixture->n_removed += removed;
  g_assert_cmpuint (position + removed, <=, fixture->n_rows);
  fixture->n_rows = fixture->n_rows - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n_rows);

  for (guint i = 0; i < fixture->n_rows; i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (model, i);

      g_assert_cmpint (wick_signal_item_get_time_ms (item), <=, previous_ms);
      previous_ms = wick_signal_item_get_time_ms (item);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  guint n_candles;

  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  fixture->all = test_signals_analyze_prefix (market, G_MAXUINT);
  n_candles = wick_series_get_length (wick_market_get_series (market));
  fixture->fewer = test_signals_analyze_prefix (market, n_candles * 2 / 3);
  g_assert_cmpuint (wick_signals_get_n_signals (fixture->all), >, 100);
  g_assert_cmpuint (wick_signals_get_n_signals (fixture->fewer), <,
                    wick_signals_get_n_signals (fixture->all));

  fixture->rows = wick_signal_rows_new ();
  g_signal_connect (fixture->rows, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->rows);
  g_clear_pointer (&fixture->all, wick_signals_unref);
  g_clear_pointer (&fixture->fewer, wick_signals_unref);
}

/* Newest candle first; of one candle, the signal found last first. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  WickSignals *signals = user_data;
  guint index_a = *(const guint *) a;
  guint index_b = *(const guint *) b;
  gint64 time_a = wick_signals_get_signal (signals, index_a)->time_ms;
  gint64 time_b = wick_signals_get_signal (signals, index_b)->time_ms;

  if (time_a != time_b)
    return time_a > time_b ? -1 : 1;

  return index_a > index_b ? -1 : index_a < index_b;
}

/* The rows are @signals' signals of @kinds, sorted newest first, each item showing its own. */
static void
assert_rows_list (Fixture     *fixture,
                  WickSignals *signals,
                  guint32      kinds)
{
  GListModel *model = G_LIST_MODEL (fixture->rows);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < wick_signals_get_n_signals (signals); i++)
    if (kinds & (1u << wick_signals_get_signal (signals, i)->kind))
      g_array_append_val (expected, i);
  g_array_sort_with_data (expected, compare_newest_first, signals);

  g_assert_true (wick_signal_rows_get_signals (fixture->rows) == signals);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  g_assert_cmpuint (fixture->n_rows, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (model, i);
      guint index = g_array_index (expected, guint, i);

      g_assert_cmpuint (wick_signal_rows_get_index (fixture->rows, i), ==, index);
      g_assert_cmpuint (wick_signal_item_get_index (item), ==, index);
      g_assert_true (wick_signal_item_is_same_signal (item, wick_signals_get_signal (signals, index)));
      g_assert_cmpstr (wick_signal_item_get_explanation (item), ==,
                       wick_signals_get_signal (signals, index)->explanation);
    }
  g_assert_null (g_list_model_get_item (model, expected->len));
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  const guint32 kinds[] = { G_MAXUINT32, 1u << WICK_SIGNAL_SUPPORT_TEST,
                            (1u << WICK_SIGNAL_HIGHER_LOW) | (1u << WICK_SIGNAL_BREAKOUT), 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->rows)) ==
                 WICK_TYPE_SIGNAL_ITEM);

  wick_signal_rows_set_signals (fixture->rows, fixture->all);
  assert_rows_list (fixture, fixture->all, G_MAXUINT32);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      wick_signal_rows_set_shown_kinds (fixture->rows, kinds[k]);
      g_assert_cmpuint (wick_signal_rows_get_shown_kinds (fixture->rows), ==, kinds[k]);
      assert_rows_list (fixture, fixture->all, kinds[k]);
    }

  /* The kinds shown stay for the next analysis. */
  wick_signal_rows_set_shown_kinds (fixture->rows, 1u << WICK_SIGNAL_SUPPORT_TEST);
  wick_signal_rows_set_signals (fixture->rows, fixture->fewer);
  assert_rows_list (fixture, fixture->fewer, 1u << WICK_SIGNAL_SUPPORT_TEST);

  wick_signal_rows_set_signals (fixture->rows, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 0);
  g_assert_cmpuint (fixture->n_rows, ==, 0);
}

/* An item is made when asked for, is the same while someone holds it, and goes with the
 * last reference: the rows hold none. */
static void
test_items_on_demand (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->rows);
  WickSignalItem *item;
  WickSignalItem *weak;

  wick_signal_rows_set_signals (fixture->rows, fixture->all);
  item = g_list_model_get_item (model, 5);
  g_assert_nonnull (item);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WickSignalItem) again = g_list_model_get_item (model, 5);

      g_assert_true (again == item);
    }

  weak = item;
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_object_unref (item);
  g_assert_null (weak);

  /* Asked again, the row gets a new item showing the same signal. */
  item = g_list_model_get_item (model, 5);
  g_assert_cmpuint (wick_signal_item_get_index (item), ==,
                    wick_signal_rows_get_index (fixture->rows, 5));

  /* An item may outlive its rows. */
  g_clear_object (&fixture->rows);
  g_assert_cmpuint (wick_signal_item_get_index (item), <,
                    wick_signals_get_n_signals (fixture->all));
  g_object_unref (item);
}

/* From the fewer signals to all: every row there was stays, items held keep their object
 * and move to the new analysis, and only runs of new rows are announced. Back again, the
 * rows of the signals lost go, and so do their items from the rows. */
static void
test_refill (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->rows);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WickSignalItem) lost = NULL;
  guint n_fewer;
  guint n_all;
  guint j = 0;

  wick_signal_rows_set_signals (fixture->rows, fixture->fewer);
  n_fewer = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_fewer; i += 7)
    g_ptr_array_add (before, g_list_model_get_item (model, i));

  fixture->n_changes = 0;
  fixture->n_removed = 0;
  wick_signal_rows_set_signals (fixture->rows, fixture->all);
  assert_rows_list (fixture, fixture->all, G_MAXUINT32);
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (fixture->n_changes, >=, 1);
  g_assert_cmpuint (fixture->n_changes, <=, n_all - n_fewer);
  g_assert_cmpuint (fixture->n_removed, ==, 0);

  /* The items held are rows again, in their order, reading the new analysis. */
  for (guint i = 0; i < n_all && j < before->len; i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (model, i);

      if (item == g_ptr_array_index (before, j))
        j++;
    }
  g_assert_cmpuint (j, ==, before->len);

  /* The newest signal is one the fewer candles did not have. */
  lost = g_list_model_get_item (model, 0);
  g_assert_false (g_ptr_array_find (before, lost, NULL));
  fixture->n_changes = 0;
  fixture->n_removed = 0;
  wick_signal_rows_set_signals (fixture->rows, fixture->fewer);
  assert_rows_list (fixture, fixture->fewer, G_MAXUINT32);
  g_assert_cmpuint (fixture->n_changes, >=, 1);
  g_assert_cmpuint (fixture->n_removed, ==, n_all - n_fewer);
  for (guint i = 0; i < n_fewer; i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (model, i);

      g_assert_true (item != lost);
    }

  /* The same analysis again changes nothing. */
  fixture->n_changes = 0;
  wick_signal_rows_set_signals (fixture->rows, fixture->fewer);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
}

/* Changing the kinds shown keeps the held items of the rows still listed. */
static void
test_kinds_keep_items (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->rows);
  g_autoptr(WickSignalItem) kept = NULL;
  guint32 kinds;
  guint n;

  wick_signal_rows_set_signals (fixture->rows, fixture->all);
  kept = g_list_model_get_item (model, g_list_model_get_n_items (model) / 2);
  kinds = 1u << wick_signal_item_get_kind (kept);

  wick_signal_rows_set_shown_kinds (fixture->rows, kinds);
  assert_rows_list (fixture, fixture->all, kinds);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (model, i);

      if (item == kept)
        break;
      g_assert_cmpuint (i + 1, <, n);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wick/signal-rows/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("order", test_order);
  ADD ("items-on-demand", test_items_on_demand);
  ADD ("refill", test_refill);
  ADD ("kinds-keep-items", test_kinds_keep_items);

  return g_test_run ();
}
