/* test-signals-panel.c: the signals panel on its own, in a window: refills from a new
 * analysis keep the rows they find again, and the explanation shows in the selected row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-resources.h"
#include "wick-sample-source.h"
#include "wick-signal-item.h"
#include "wick-signals-panel.h"

#include "test-signals-prefix.h"
#include "test-window-utils.h"

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *panel;
  GListModel  *rows;       /* Borrowed: the panel's */
  WickSignals *all;        /* Owned: the sample's signals */
  WickSignals *again;      /* Owned: an equal analysis */
  WickSignals *fewer;      /* Owned: without the signals of the last candle confirming any */
  guint        last_confirmed; /* that candle */
  guint        n_changes;  /* items-changed of the rows */
  guint        n_activated;
  guint        activated;  /* the index last announced */
} Fixture;

static void
on_items_changed_cb (GListModel *rows,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  fixture->n_changes++;
}

static void
on_signal_activated_cb (WickSignalsPanel *panel,
                        guint             index,
                        Fixture          *fixture)
{
  fixture->n_activated++;
  fixture->activated = index;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  fixture->all = test_signals_analyze_prefix (market, G_MAXUINT);
  fixture->again = test_signals_analyze_prefix (market, G_MAXUINT);
  for (guint i = 0; i < wick_signals_get_n_signals (fixture->all); i++)
    fixture->last_confirmed = MAX (fixture->last_confirmed,
                                   wick_signals_get_signal (fixture->all, i)->confirmed_index);
  fixture->fewer = test_signals_analyze_prefix (market, fixture->last_confirmed);
  g_assert_cmpuint (wick_signals_get_n_signals (fixture->fewer), >, 3);
  g_assert_cmpuint (wick_signals_get_n_signals (fixture->fewer), <,
                    wick_signals_get_n_signals (fixture->all));

  fixture->window = gtk_window_new ();
  fixture->panel = wick_signals_panel_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 320, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->panel);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_wait_for_draw (fixture->panel);

  fixture->rows = wick_signals_panel_get_model (WICK_SIGNALS_PANEL (fixture->panel));
  g_signal_connect (fixture->rows, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  g_signal_connect (fixture->panel, "signal-activated",
                    G_CALLBACK (on_signal_activated_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->all, wick_signals_unref);
  g_clear_pointer (&fixture->again, wick_signals_unref);
  g_clear_pointer (&fixture->fewer, wick_signals_unref);
}

/* The rows, in a new array of references. */
static GPtrArray *
get_items (Fixture *fixture)
{
  guint n = g_list_model_get_n_items (fixture->rows);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (fixture->rows, i));

  return items;
}

/* Every row stands for the signal of @signals at its index, newest first. */
static void
assert_rows_show (Fixture     *fixture,
                  WickSignals *signals)
{
  g_autoptr(GPtrArray) items = get_items (fixture);

  g_assert_cmpuint (items->len, ==, wick_signals_get_n_signals (signals));
  for (guint i = 0; i < items->len; i++)
    {
      WickSignalItem *item = g_ptr_array_index (items, i);
      guint index = wick_signal_item_get_index (item);

      g_assert_cmpuint (index, <, wick_signals_get_n_signals (signals));
      g_assert_true (wick_signal_item_is_same_signal (item,
                                                      wick_signals_get_signal (signals, index)));
      g_assert_cmpstr (wick_signal_item_get_explanation (item), ==,
                       wick_signals_get_signal (signals, index)->explanation);
      if (i > 0)
        g_assert_cmpint (wick_signal_item_get_time_ms (g_ptr_array_index (items, i - 1)), >=,
                         wick_signal_item_get_time_ms (item));
    }
}

/* A refill that finds one candle's signals more keeps every row there was, as the same
 * object, and adds only the new ones; the selected row stays selected, unannounced. */
static void
test_refill_keeps_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  WickSignalsPanel *panel = WICK_SIGNALS_PANEL (fixture->panel);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(WickSignalItem) selected = NULL;
  guint n_new;
  guint j = 0;

  wick_signals_panel_set_signals (panel, fixture->fewer);
  assert_rows_show (fixture, fixture->fewer);
  before = get_items (fixture);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->rows), 3, TRUE);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  selected = g_list_model_get_item (fixture->rows, 3);
  test_wait_for_draw (fixture->panel);

  fixture->n_changes = 0;
  wick_signals_panel_set_signals (panel, fixture->all);
  g_assert_true (wick_signals_panel_get_signals (panel) == fixture->all);
  assert_rows_show (fixture, fixture->all);
  after = get_items (fixture);

  /* The rows before, in their order, with the new ones among them. */
  n_new = after->len - before->len;
  for (guint i = 0; i < after->len; i++)
    if (j < before->len && g_ptr_array_index (after, i) == g_ptr_array_index (before, j))
      j++;
  g_assert_cmpuint (j, ==, before->len);
  g_assert_cmpuint (n_new, >, 0);
  g_assert_cmpuint (fixture->n_changes, <=, n_new);

  /* The same row selected, further down by the rows above it, and no new announcement. */
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (fixture->rows)) ==
                 selected);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (fixture->rows)), >=,
                    3);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  test_wait_for_draw (fixture->panel);

  /* Stepping away and back to it announces its index in the new analysis. */
  g_assert_true (wick_signals_panel_select_adjacent (panel, -1, 0));
  g_assert_true (wick_signals_panel_select_adjacent (panel, 1, 0));
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (fixture->rows)) ==
                 selected);
  g_assert_cmpuint (fixture->n_activated, ==, 3);
  g_assert_cmpuint (fixture->activated, ==, wick_signal_item_get_index (selected));
  g_assert_true (wick_signal_item_is_same_signal (selected,
                                                  wick_signals_get_signal (fixture->all,
                                                                           fixture->activated)));
}

/* An equal analysis, as a live tick of the forming candle gives, changes no row at all. */
static void
test_refill_equal (Fixture       *fixture,
                   gconstpointer  data)
{
  WickSignalsPanel *panel = WICK_SIGNALS_PANEL (fixture->panel);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  wick_signals_panel_set_signals (panel, fixture->all);
  before = get_items (fixture);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->rows), 0, TRUE);
  test_wait_for_draw (fixture->panel);

  fixture->n_changes = 0;
  wick_signals_panel_set_signals (panel, fixture->again);
  g_assert_true (wick_signals_panel_get_signals (panel) == fixture->again);
  after = get_items (fixture);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (before, i));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (fixture->rows)), ==,
                    0);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
}

/* The row of a signal that only the last candle confirms, which the fewer signals lack. */
static guint
find_last_confirmed_row (Fixture *fixture)
{
  for (guint i = 0; i < g_list_model_get_n_items (fixture->rows); i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (fixture->rows, i);
      guint index = wick_signal_item_get_index (item);

      if (wick_signals_get_signal (fixture->all, index)->confirmed_index ==
          fixture->last_confirmed)
        return i;
    }

  g_assert_not_reached ();
}

/* A signal the new analysis no longer finds takes its row, and the selection, with it. */
static void
test_refill_loses_selected (Fixture       *fixture,
                            gconstpointer  data)
{
  WickSignalsPanel *panel = WICK_SIGNALS_PANEL (fixture->panel);
  g_autoptr(WickSignalItem) lost = NULL;
  g_autoptr(WickSignalItem) found = NULL;
  guint position;
  guint n;

  wick_signals_panel_set_signals (panel, fixture->all);
  n = g_list_model_get_n_items (fixture->rows);
  position = find_last_confirmed_row (fixture);
  lost = g_list_model_get_item (fixture->rows, position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->rows), position, TRUE);
  g_assert_cmpuint (fixture->n_activated, ==, 1);

  wick_signals_panel_set_signals (panel, fixture->fewer);
  assert_rows_show (fixture, fixture->fewer);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), <, n);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (fixture->rows)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (fixture->n_activated, ==, 1);

  /* Found again, it comes back as a new row, which announces itself when selected. */
  wick_signals_panel_set_signals (panel, fixture->all);
  assert_rows_show (fixture, fixture->all);
  g_assert_cmpuint (find_last_confirmed_row (fixture), ==, position);
  found = g_list_model_get_item (fixture->rows, position);
  g_assert_true (found != lost);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->rows), position, TRUE);
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpuint (fixture->activated, ==, wick_signal_item_get_index (found));

  /* Without an analysis the list is empty. */
  wick_signals_panel_set_signals (panel, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), ==, 0);
}

static gboolean
is_signal_list (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The list of signals (the kind drop-down has a list view of its own). */
static GtkWidget *
find_list (GtkWidget *widget)
{
  return test_find_widget (widget, is_signal_list, NULL);
}

/* The labels of @widget's descendants that wrap: the rows' explanations. */
static void
collect_wrapping_labels (GtkWidget *widget,
                         GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_wrapping_labels (child, labels);
}

/* The explanation of the row selected, and of none other, is shown. */
static guint
count_explanations_shown (Fixture     *fixture,
                          const char **shown)
{
  GtkWidget *list = find_list (fixture->panel);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_shown = 0;

  collect_wrapping_labels (list, labels);
  g_assert_cmpuint (labels->len, >, 3);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (labels, i)))
      {
        *shown = gtk_label_get_label (g_ptr_array_index (labels, i));
        n_shown++;
      }

  return n_shown;
}

static void
test_explanation_in_selected_row (Fixture       *fixture,
                                  gconstpointer  data)
{
  WickSignalsPanel *panel = WICK_SIGNALS_PANEL (fixture->panel);
  g_autoptr(WickSignalItem) item = NULL;
  const char *shown = NULL;

  wick_signals_panel_set_signals (panel, fixture->all);
  test_wait_for_draw (fixture->panel);
  g_assert_cmpuint (count_explanations_shown (fixture, &shown), ==, 0);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (fixture->rows), 2, TRUE);
  test_wait_for_draw (fixture->panel);
  item = g_list_model_get_item (fixture->rows, 2);
  g_assert_cmpuint (count_explanations_shown (fixture, &shown), ==, 1);
  g_assert_cmpstr (shown, ==, wick_signal_item_get_explanation (item));
  g_assert_cmpstr (shown, !=, "");
}

/* Whether the row drawn at the top of the list is @item's. */
static gboolean
is_at_top (Fixture        *fixture,
           WickSignalItem *item)
{
  GtkWidget *list = find_list (fixture->panel);
  GtkWidget *row = gtk_widget_pick (list, 40, 4, GTK_PICK_DEFAULT);

  g_assert_nonnull (row);
  while (gtk_widget_get_parent (row) != list)
    row = gtk_widget_get_parent (row);

  return test_find_label (row, wick_signal_item_get_title (item), FALSE) != NULL &&
         test_find_label (row, wick_signal_item_get_subtitle (item), FALSE) != NULL;
}

/* The row at the top of the list. */
static WickSignalItem *
get_top_item (Fixture *fixture)
{
  for (guint i = 0; i < g_list_model_get_n_items (fixture->rows); i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (fixture->rows, i);

      if (is_at_top (fixture, item))
        return g_steal_pointer (&item);
    }

  g_assert_not_reached ();
}

static double
get_scroll (Fixture *fixture)
{
  GtkWidget *list = find_list (fixture->panel);

  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)));
}

static void
set_scroll (Fixture *fixture,
            double   value)
{
  GtkWidget *list = find_list (fixture->panel);

  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)), value);
}

/* At the top, the list shows a new newest signal there; scrolled down, it stays on the rows
 * it showed. */
static void
test_refill_scroll (Fixture       *fixture,
                    gconstpointer  data)
{
  WickSignalsPanel *panel = WICK_SIGNALS_PANEL (fixture->panel);
  g_autoptr(WickSignalItem) newest = NULL;
  g_autoptr(WickSignalItem) top = NULL;

  wick_signals_panel_set_signals (panel, fixture->fewer);
  test_wait_for_draw (fixture->panel);
  g_assert_cmpfloat (get_scroll (fixture), ==, 0);

  wick_signals_panel_set_signals (panel, fixture->all);
  test_wait_for_draw (fixture->panel);
  test_wait_for_draw (fixture->panel);
  newest = g_list_model_get_item (fixture->rows, 0);
  g_assert_cmpfloat (get_scroll (fixture), ==, 0);
  g_assert_true (is_at_top (fixture, newest));

  wick_signals_panel_set_signals (panel, fixture->fewer);
  test_wait_for_draw (fixture->panel);
  set_scroll (fixture, 400);
  test_wait_for_draw (fixture->panel);
  g_assert_cmpfloat (get_scroll (fixture), ==, 400);
  top = get_top_item (fixture);
  g_assert_true (top != newest);

  wick_signals_panel_set_signals (panel, fixture->all);
  test_wait_for_draw (fixture->panel);
  test_wait_for_draw (fixture->panel);
  g_assert_cmpfloat (get_scroll (fixture), >, 400);
  g_assert_true (is_at_top (fixture, top));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wick_register_resource ();

  g_test_add ("/wick/signals-panel/refill-keeps-rows", Fixture, NULL,
              fixture_set_up, test_refill_keeps_rows, fixture_tear_down);
  g_test_add ("/wick/signals-panel/refill-equal", Fixture, NULL,
              fixture_set_up, test_refill_equal, fixture_tear_down);
  g_test_add ("/wick/signals-panel/refill-loses-selected", Fixture, NULL,
              fixture_set_up, test_refill_loses_selected, fixture_tear_down);
  g_test_add ("/wick/signals-panel/explanation-in-selected-row", Fixture, NULL,
              fixture_set_up, test_explanation_in_selected_row, fixture_tear_down);
  g_test_add ("/wick/signals-panel/refill-scroll", Fixture, NULL,
              fixture_set_up, test_refill_scroll, fixture_tear_down);

  return g_test_run ();
}
