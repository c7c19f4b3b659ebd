/* test-window-keyboard.c: the window from the keyboard: stepping through the signals, and
 * the “How Signals Work” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-signal-item.h"
#include "wick-signals-help.h"
#include "wick-signals-panel.h"
#include "wick-window.h"

#include "test-keys-utils.h"
#include "test-window-utils.h"

typedef TestWindowFixture Fixture;

static double
get_centre_ms (WickChart *chart)
{
  double from_ms, to_ms;

  wick_viewport_get_time_range (wick_chart_get_viewport (chart), &from_ms, &to_ms);

  return (from_ms + to_ms) / 2;
}

/* The row selected is @position and the chart marks its signal; with @centred, its candle
 * is in the middle of the chart (a signal at an end of the data may not be). */
static void
assert_shows_row_full (Fixture          *fixture,
                       WickSignalsPanel *panel,
                       guint             position,
                       gboolean          centred)
{
  GListModel *rows = wick_signals_panel_get_model (panel);
  g_autoptr(WickSignalItem) item = g_list_model_get_item (rows, position);
  WickSignals *signals = wick_signals_panel_get_signals (panel);
  gint64 interval_ms = wick_signals_snapshot_get_interval_ms (wick_signals_get_snapshot (signals));
  guint index = wick_signal_item_get_index (item);

  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==, position);
  g_assert_cmpint (wick_chart_get_selected_signal (fixture->chart), ==, index);
  if (centred)
    g_assert_cmpfloat_with_epsilon (get_centre_ms (fixture->chart),
                                    wick_signal_item_get_time_ms (item) + interval_ms / 2.0, 1.0);
}

#define assert_shows_row(fixture, panel, position) \
  assert_shows_row_full (fixture, panel, position, TRUE)

/* The kind with the most rows. */
static WickSignalKind
most_frequent_kind (GListModel *rows)
{
  guint counts[WICK_N_SIGNAL_KINDS] = { 0 };
  WickSignalKind best = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (rows, i);

      counts[wick_signal_item_get_kind (item)]++;
    }

  for (int kind = 1; kind < WICK_N_SIGNAL_KINDS; kind++)
    if (counts[kind] > counts[best])
      best = kind;

  return best;
}

static void
check_step_through_signals (Fixture *fixture)
{
  WickSignalsPanel *panel = test_window_wait_for_signals (fixture);
  GListModel *rows = wick_signals_panel_get_model (panel);
  GtkWidget *chart = GTK_WIDGET (fixture->chart);
  guint n = g_list_model_get_n_items (rows);
  double centre = get_centre_ms (fixture->chart);
  guint expected = G_MAXUINT;
  guint first;

  /* The sample has signals before and after the middle of the view it opens on. */
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==,
                    GTK_INVALID_LIST_POSITION);

  /* With nothing selected, Alt+Right picks the first signal after the middle of the chart:
   * rows are newest first, so the lowest row newer than it. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (rows, i - 1);

      if (wick_signal_item_get_time_ms (item) > centre)
        {
          expected = i - 1;
          break;
        }
    }
  g_assert_cmpuint (expected, !=, G_MAXUINT);
  g_assert_cmpuint (expected, >, 0);

  gtk_widget_grab_focus (chart);
  g_assert_true (test_keys_press (chart, GDK_KEY_Right, GDK_ALT_MASK));
  assert_shows_row (fixture, panel, expected);
  first = expected;

  /* The action steps on to the next newer row, and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-signal",
                                             NULL));
  assert_shows_row (fixture, panel, first - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.previous-signal", NULL));
  assert_shows_row (fixture, panel, first);

  /* Alt+Left steps to the older row, which lies earlier in time. */
  g_assert_true (test_keys_press (chart, GDK_KEY_Left, GDK_ALT_MASK));
  assert_shows_row (fixture, panel, first + 1);
  {
    g_autoptr(WickSignalItem) newer = g_list_model_get_item (rows, first);
    g_autoptr(WickSignalItem) older = g_list_model_get_item (rows, first + 1);

    g_assert_cmpint (wick_signal_item_get_time_ms (older), <=,
                     wick_signal_item_get_time_ms (newer));
  }

  /* The plain arrows still pan, and do not step. */
  centre = get_centre_ms (fixture->chart);
  g_assert_true (test_keys_press (chart, GDK_KEY_Right, 0));
  g_assert_cmpfloat (get_centre_ms (fixture->chart), >, centre);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (rows)), ==,
                    first + 1);

  /* At the newest signal there is no next one: the selection stays. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 0, TRUE);
  assert_shows_row_full (fixture, panel, 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-signal",
                                             NULL));
  assert_shows_row_full (fixture, panel, 0, FALSE);

  /* Within one kind, the steps keep to that kind. */
  {
    WickSignalKind kind = most_frequent_kind (rows);
    g_autoptr(WickSignalItem) item = NULL;
    guint n_kind;

    wick_signals_panel_set_kind_filter (panel, kind);
    n_kind = g_list_model_get_n_items (rows);
    g_assert_cmpuint (n_kind, >=, 2);
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), n_kind - 1, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-signal",
                                               NULL));
    assert_shows_row_full (fixture, panel, n_kind - 2, FALSE);
    item = g_list_model_get_item (rows, n_kind - 2);
    g_assert_cmpint (wick_signal_item_get_kind (item), ==, kind);
    wick_signals_panel_set_kind_filter (panel, -1);
  }
}

static GtkWidget *
find_signals_help (void)
{
  return test_find_toplevel (WICK_TYPE_SIGNALS_HELP);
}

/* Whether the first label under @widget with @text is visible. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  GtkWidget *label = test_find_label (widget, text, FALSE);

  return label != NULL && gtk_widget_get_visible (label);
}

static void
check_signals_help (Fixture *fixture)
{
  GtkWidget *help;

  /* F1 opens it over the window, with every kind's name and paragraph. */
  g_assert_null (find_signals_help ());
  gtk_widget_grab_focus (GTK_WIDGET (fixture->chart));
  g_assert_true (test_keys_press (GTK_WIDGET (fixture->chart), GDK_KEY_F1, 0));
  help = find_signals_help ();
  g_assert_nonnull (help);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (help)) == GTK_WINDOW (fixture->window));

  g_assert_true (has_label (help, wick_signals_help_get_introduction ()));
  g_assert_true (has_label (help, wick_signals_help_get_heatmap_explanation ()));
  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    g_assert_true (has_label (help, wick_signals_help_get_explanation (kind)));

  /* Asked again, from the menu's action, the same window comes forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "app.help-signals",
                                             NULL));
  g_assert_true (find_signals_help () == help);

  /* Escape closes it. */
  g_object_add_weak_pointer (G_OBJECT (help), (gpointer *) &help);
  g_assert_true (test_keys_press (help, GDK_KEY_Escape, 0));
  TEST_WAIT_FOR (help == NULL);
  g_assert_null (find_signals_help ());
}

static void
test_window_keyboard_step_signals (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_MARKET, check_step_through_signals, NULL);
}

static void
test_window_keyboard_signals_help (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_MARKET, check_signals_help, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No user's lines, cache or settings are read or written. */
  g_autofree char *root = test_isolate_user_dirs ("wick-window-keyboard");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/window-keyboard/step-signals", test_window_keyboard_step_signals);
  g_test_add_func ("/wick/window-keyboard/signals-help", test_window_keyboard_signals_help);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
