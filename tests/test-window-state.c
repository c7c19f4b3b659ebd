/* test-window-state.c: the window shows what it showed when it closed, and tells a screen
 * reader what that is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-chart-description.h"
#include "wick-window.h"

#include "test-window-utils.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0_MS   G_GINT64_CONSTANT (1767225600000)  /* 2026-01-01 00:00 UTC */

/* Its data is what the checks compare or keep, or NULL. */
typedef TestWindowFixture Fixture;

/* What one run saw, for the next run to compare. */
typedef struct
{
  double from_ms;
  double to_ms;
} Range;

static char *root;

/* Runs the real application on @source until @checks have run on its first frame; closing
 * the window then saves its state, in the memory settings backend this process shares. */
static void
run_application (const char  *source,
                 void       (*checks) (Fixture *fixture),
                 gpointer     data)
{
  test_window_run (source, TEST_WINDOW_WAIT_FRAME | TEST_WINDOW_WAIT_HEATMAP_IDLE, checks, data);
}

static void
get_range (Fixture *fixture,
           Range   *range)
{
  wick_viewport_get_time_range (wick_chart_get_viewport (fixture->chart),
                                &range->from_ms, &range->to_ms);
}

static void
assert_range (Fixture *fixture,
              double   from_ms,
              double   to_ms)
{
  Range shown;

  get_range (fixture, &shown);
  g_assert_cmpfloat_with_epsilon (shown.from_ms, from_ms, 1.0);
  g_assert_cmpfloat_with_epsilon (shown.to_ms, to_ms, 1.0);
}

/* Writes @n hourly candles from T0_MS to @path, a gentle rise. */
static void
write_candles (const char *path,
               guint       n)
{
  g_autoptr(GString) csv = g_string_new ("open_time_ms,open,high,low,close,volume\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      double open = 90000 + 10.0 * i;

      g_string_append_printf (csv, "%" G_GINT64_FORMAT ",%.0f,%.0f,%.0f,%.0f,%u\n",
                              T0_MS + i * HOUR_MS, open, open + 40, open - 30, open + 10,
                              100 + i % 7);
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
}

/* ---- the view ---- */

static void
check_show_past_range (Fixture *fixture)
{
  Range *range = fixture->data;

  /* 20 to 24 December 2025: well before the latest candle. */
  wick_chart_show_range (fixture->chart, 1766188800000, 1766534400000);
  get_range (fixture, range);
  g_assert_cmpfloat (range->from_ms, ==, 1766188800000.0);
}

static void
check_same_range (Fixture *fixture)
{
  Range *range = fixture->data;

  assert_range (fixture, range->from_ms, range->to_ms);
}

static void
check_default_range (Fixture *fixture)
{
  Range shown;

  /* The sample's default view, around the 5–6 January support test. */
  get_range (fixture, &shown);
  g_assert_cmpfloat (shown.from_ms, <=, 1767571200000.0);  /* 2026-01-05 00:00 UTC */
  g_assert_cmpfloat (shown.to_ms, >=, 1767744000000.0);    /* 2026-01-07 00:00 UTC */
}

/* Closed on a range of the past, the sample opens on it again. */
static void
test_view_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *market = NULL;
  Range range = { 0 };

  run_application ("sample", check_show_past_range, &range);
  market = g_settings_get_string (settings, "view-market");
  g_assert_cmpstr (market, ==, "Sample:BTCUSDT:1h");

  run_application ("sample", check_same_range, &range);
}

/* A saved range of another market, or one with no candle of this market in it, gives way to
 * the default view. */
static void
test_view_falls_back (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "view-market", "Binance:BTCUSDT:1h");
  g_settings_set_int64 (settings, "view-start", 1766188800000);
  g_settings_set_int64 (settings, "view-end", 1766534400000);
  g_settings_set_int64 (settings, "view-latest", 1768086000000);
  run_application ("sample", check_default_range, NULL);

  g_settings_set_string (settings, "view-market", "Sample:BTCUSDT:1h");
  g_settings_set_int64 (settings, "view-start", 1577836800000);  /* January 2020 */
  g_settings_set_int64 (settings, "view-end", 1578268800000);
  run_application ("sample", check_default_range, NULL);
}

typedef struct
{
  char  *path;
  Range  range;
} CsvCase;

static void
check_show_latest (Fixture *fixture)
{
  CsvCase *c = fixture->data;
  const WickCandle *latest = wick_series_get_last (
    wick_market_get_series (wick_chart_get_market (fixture->chart)));

  /* The last 50 candles and a little room after them. */
  g_assert_cmpint (latest->open_time_ms, ==, T0_MS + 199 * HOUR_MS);
  wick_chart_show_range (fixture->chart, latest->open_time_ms - 49 * HOUR_MS,
                         latest->open_time_ms + 3 * HOUR_MS);
  get_range (fixture, &c->range);
}

static void
check_followed_latest (Fixture *fixture)
{
  CsvCase *c = fixture->data;

  /* Ten candles arrived: the same width, ten hours on. */
  assert_range (fixture, c->range.from_ms + 10 * HOUR_MS, c->range.to_ms + 10 * HOUR_MS);
}

static void
check_show_middle (Fixture *fixture)
{
  CsvCase *c = fixture->data;

  wick_chart_show_range (fixture->chart, T0_MS + 40 * HOUR_MS, T0_MS + 90 * HOUR_MS);
  get_range (fixture, &c->range);
}

/* A view on the latest candles moves on with the candles that came since; a view of the past
 * keeps its dates. */
static void
test_view_follows_new_candles (void)
{
  g_autofree char *source = NULL;
  CsvCase c = { 0 };

  c.path = g_build_filename (root, "BTCUSDT.csv", NULL);
  source = g_strconcat ("csv:", c.path, NULL);

  write_candles (c.path, 200);
  run_application (source, check_show_latest, &c);
  write_candles (c.path, 210);
  run_application (source, check_followed_latest, &c);

  run_application (source, check_show_middle, &c);
  write_candles (c.path, 220);
  run_application (source, check_same_range, &c.range);

  g_free (c.path);
}

/* ---- the signals panel ---- */

static void
check_hide_signals (Fixture *fixture)
{
  GtkWidget *flap = GTK_WIDGET (fixture->chart);

  while (!ADW_IS_FLAP (flap))
    flap = gtk_widget_get_parent (flap);
  g_assert_false (adw_flap_get_folded (ADW_FLAP (flap)));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-signals",
                                             NULL));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
}

static void
check_signals_hidden (Fixture *fixture)
{
  GtkWidget *flap = GTK_WIDGET (fixture->chart);

  while (!ADW_IS_FLAP (flap))
    flap = gtk_widget_get_parent (flap);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));

  /* Shown again for the next test. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-signals",
                                             NULL));
}

static void
test_signals_panel_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  run_application ("sample", check_hide_signals, NULL);
  g_assert_false (g_settings_get_boolean (settings, "signals-visible"));
  run_application ("sample", check_signals_hidden, NULL);
  g_assert_true (g_settings_get_boolean (settings, "signals-visible"));
}

/* ---- what a screen reader hears ---- */

static gboolean
description_differs (WickChart  *chart,
                     const char *text)
{
  return g_strcmp0 (wick_chart_get_description (chart), text) != 0;
}

/* The chart's description is the sentences built from what it shows, and GTK has it. */
static void
assert_description_current (Fixture *fixture)
{
  g_autofree char *expected = NULL;
  g_autofree char *mismatch = NULL;
  const char *description = wick_chart_get_description (fixture->chart);
  WickScene scene;

  wick_chart_fill_scene (fixture->chart, &scene);
  expected = wick_chart_description_build (&scene, wick_chart_get_viewport (fixture->chart));
  g_assert_nonnull (description);
  g_assert_true (g_str_has_prefix (description, expected));

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->chart),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 description);
  g_assert_null (mismatch);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->chart), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->chart),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
}

static void
check_description (Fixture *fixture)
{
  g_autofree char *before = NULL;
  WickSignals *signals;

  /* The signals arrive from a worker thread; the description follows a moment later. */
  while ((signals = wick_chart_get_signals (fixture->chart)) == NULL ||
         wick_chart_get_description (fixture->chart) == NULL ||
         strstr (wick_chart_get_description (fixture->chart), "signal") == NULL)
    g_main_context_iteration (NULL, TRUE);

  assert_description_current (fixture);
  g_assert_true (g_str_has_prefix (wick_chart_get_description (fixture->chart),
                                   "BTCUSDT, 1h candles, from Sample data (synthetic). "));

  /* Zooming in changes the range, and the description with it, once. */
  before = g_strdup (wick_chart_get_description (fixture->chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chart), "chart.zoom-in", NULL));
  g_assert_cmpstr (wick_chart_get_description (fixture->chart), ==, before);
  TEST_WAIT_FOR (description_differs (fixture->chart, before));
  assert_description_current (fixture);
}

static void
test_chart_description (void)
{
  run_application ("sample", check_description, NULL);
}

/* Every control a screen reader lands on has a name: icon-only buttons, toggles and menu
 * buttons (with a tooltip as well), entries, switches, scales and drop-downs. */
static void
check_control_names (GtkWidget *widget,
                     GString   *missing)
{
  gboolean is_button = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget);
  gboolean is_input = GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget) ||
                      GTK_IS_SCALE (widget) || GTK_IS_DROP_DOWN (widget);
  gboolean has_label = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* A button's visible text names it. */
  if ((GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL) ||
      (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL))
    is_button = FALSE;

  /* An input may be named by its mnemonic label; an icon-only button is "labelled by" its
   * image, which names nothing, so it needs a label of its own. */
  if ((is_button && !has_label) ||
      (is_input && !has_label &&
       !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY)))
    g_string_append_printf (missing, " %s (tooltip “%s”) has no accessible name;",
                            G_OBJECT_TYPE_NAME (widget), gtk_widget_get_tooltip_text (widget));

  if (is_button && gtk_widget_get_tooltip_text (widget) == NULL)
    g_string_append_printf (missing, " %s has no tooltip;", G_OBJECT_TYPE_NAME (widget));

  /* A menu button, a spin button or an entry is one control, whatever it holds; the window's
   * own title buttons are GTK's. */
  if (GTK_IS_MENU_BUTTON (widget) || is_input || GTK_IS_WINDOW_CONTROLS (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_control_names (child, missing);
}

static void
check_accessible_names (Fixture *fixture)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  check_control_names (GTK_WIDGET (fixture->window), missing);
  if (missing->len > 0)
    g_error ("Controls without names:%s", missing->str);
}

static void
test_accessible_names (void)
{
  run_application ("sample", check_accessible_names, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* No user's lines, cache or settings are read or written. */
  root = test_isolate_user_dirs ("wick-window-state");
  /* GTK's test backend keeps what the widgets tell assistive technologies, to read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/window-state/view-restored", test_view_restored);
  g_test_add_func ("/wick/window-state/view-falls-back", test_view_falls_back);
  g_test_add_func ("/wick/window-state/view-follows-new-candles", test_view_follows_new_candles);
  g_test_add_func ("/wick/window-state/signals-panel", test_signals_panel_restored);
  g_test_add_func ("/wick/window-state/chart-description", test_chart_description);
  g_test_add_func ("/wick/window-state/accessible-names", test_accessible_names);

  status = g_test_run ();
  test_remove_tree (root);
  g_free (root);

  return status;
}
