/* test-preferences.c: the preferences window, driven as a user would, reaches the open window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-palette.h"
#include "wick-preferences-window.h"
#include "wick-render-signals.h"
#include "wick-signal-item.h"
#include "wick-signals-panel.h"
#include "wick-window-export.h"
#include "wick-window.h"

#include "test-window-utils.h"

/* Its data is the folder where the pictures go. */
typedef TestWindowFixture Fixture;

/* ---- helpers ---- */

/* Whether @widget is the action row titled @title, as a user finds it by its name. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gpointer
get_child (WickPreferencesWindow *preferences,
           const char            *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                  WICK_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

/* Opens the preferences the way the menu and Ctrl+comma do, through app.preferences. */
static WickPreferencesWindow *
open_preferences (Fixture *fixture)
{
  WickPreferencesWindow *preferences = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), "preferences", NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->application));
       l != NULL; l = l->next)
    {
      if (WICK_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
    }

  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) ==
                 GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));

  return preferences;
}

static guint
count_rows_of_kind (GListModel     *rows,
                    WickSignalKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(WickSignalItem) item = g_list_model_get_item (rows, i);

      n += wick_signal_item_get_kind (item) == kind;
    }

  return n;
}

/* Saves the chart with Save Image's remembered choices and reads the PNG back. */
static cairo_surface_t *
save_png (Fixture    *fixture,
          const char *name)
{
  g_autofree char *path = g_build_filename (fixture->data, name, NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gboolean ok;

  ok = test_window_save_image (fixture->window, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);

  return image;
}

/* Pixels of @color in @image; an opaque ARGB32 picture reads as BGRA bytes on this
 * little-endian machine, as the textures do. */
static gsize
count_color_in_image (cairo_surface_t *image,
                      const WickColor *color)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  gsize n = 0;

  g_assert_cmpint (G_BYTE_ORDER, ==, G_LITTLE_ENDIAN);

  for (int y = 0; y < height; y++)
    n += test_bgra_count (data + (gsize) y * stride, width, color, 3);

  return n;
}

/* ---- the checks ---- */

/* Blue and orange candles on screen, and in a picture saved in the other theme. */
static void
check_candle_colors (Fixture               *fixture,
                     WickPreferencesWindow *preferences)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwComboRow *row = get_child (preferences, "candle_colors_row");
  const WickPalette *green = wick_palette_get_full (FALSE, FALSE);
  const WickPalette *blue = wick_palette_get_full (FALSE, TRUE);
  g_autofree guint8 *before = NULL;
  g_autofree guint8 *after = NULL;
  g_autofree char *value = NULL;
  cairo_surface_t *image;
  int width, height;
  gsize n_pixels;
  gssize up;

  g_assert_false (wick_chart_get_dark (fixture->chart));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_false (wick_chart_get_colorblind (fixture->chart));

  before = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  n_pixels = (gsize) width * height;
  g_assert_cmpuint (test_bgra_count (before, n_pixels, &green->up, 3), >, 200);
  up = test_bgra_find (before, n_pixels, &green->up, 3);
  g_assert_cmpint (up, >=, 0);

  /* The user picks Blue and Orange. */
  adw_combo_row_set_selected (row, 1);
  value = g_settings_get_string (settings, "candle-colors");
  g_assert_cmpstr (value, ==, "blue-orange");
  while (!wick_chart_get_colorblind (fixture->chart))
    g_main_context_iteration (NULL, TRUE);

  /* The same up candle's pixel is now blue, and no candle is green. */
  after = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  g_assert_cmpuint ((gsize) width * height, ==, n_pixels);
  g_assert_true (test_bgra_is (after + up * 4, &blue->up, 3));
  g_assert_cmpuint (test_bgra_count (after, n_pixels, &blue->up, 3), >, 200);
  g_assert_cmpuint (test_bgra_count (after, n_pixels, &blue->down, 3), >, 200);
  g_assert_cmpuint (test_bgra_count (after, n_pixels, &green->up, 3), ==, 0);

  /* A picture saved in the dark style keeps blue and orange, in their dark shades. */
  g_settings_set_string (settings, "export-size", "custom");
  g_settings_set_int (settings, "export-width", 800);
  g_settings_set_int (settings, "export-height", 500);
  g_settings_set_string (settings, "export-theme", "dark");
  image = save_png (fixture, "dark.png");
  g_assert_cmpuint (count_color_in_image (image, &wick_palette_get_full (TRUE, TRUE)->up), >, 100);
  g_assert_cmpuint (count_color_in_image (image, &wick_palette_get_full (TRUE, FALSE)->up), ==, 0);
  cairo_surface_destroy (image);
  g_settings_reset (settings, "export-size");
  g_settings_reset (settings, "export-width");
  g_settings_reset (settings, "export-height");
  g_settings_reset (settings, "export-theme");
}

/* Light to dark from the Style row: the chart's background follows. */
static void
check_theme (Fixture               *fixture,
             WickPreferencesWindow *preferences)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwComboRow *row = get_child (preferences, "theme_row");
  const WickPalette *light = wick_palette_get (FALSE);
  const WickPalette *dark = wick_palette_get (TRUE);
  g_autofree guint8 *before = NULL;
  g_autofree guint8 *after = NULL;
  g_autofree char *theme = NULL;
  int width, height;
  gsize n_pixels;
  gssize background;

  /* The test started the app in the light style. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  before = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  n_pixels = (gsize) width * height;
  g_assert_cmpuint (test_bgra_count (before, n_pixels, &light->background, 3), >, n_pixels / 4);
  background = test_bgra_find (before, n_pixels, &light->background, 3);
  g_assert_cmpint (background, >=, 0);

  /* The user picks Dark. */
  adw_combo_row_set_selected (row, 2);
  theme = g_settings_get_string (settings, "theme");
  g_assert_cmpstr (theme, ==, "dark");
  while (!wick_chart_get_dark (fixture->chart))
    g_main_context_iteration (NULL, TRUE);

  after = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  g_assert_cmpuint ((gsize) width * height, ==, n_pixels);
  g_assert_true (test_bgra_is (after + background * 4, &dark->background, 3));
  g_assert_cmpuint (test_bgra_count (after, n_pixels, &dark->background, 3), >, n_pixels / 4);
  /* White is left only in the price labels' text. */
  g_assert_cmpuint (test_bgra_count (after, n_pixels, &light->background, 3), <, n_pixels / 100);
}

/* The switch reaches the chart's pointer state machine, both ways. */
static void
check_snapping (Fixture               *fixture,
                WickPreferencesWindow *preferences)
{
  WickInteraction *interaction = wick_chart_get_interaction (fixture->chart);
  GtkSwitch *toggle = get_child (preferences, "snapping_switch");

  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (wick_interaction_get_snapping (interaction));

  gtk_switch_set_active (toggle, FALSE);
  while (wick_interaction_get_snapping (interaction))
    g_main_context_iteration (NULL, TRUE);

  gtk_switch_set_active (toggle, TRUE);
  while (!wick_interaction_get_snapping (interaction))
    g_main_context_iteration (NULL, TRUE);
}

/* Switching a kind off takes its rows out of the panel and its markers off the chart. */
static void
check_signal_kinds (Fixture               *fixture,
                    WickPreferencesWindow *preferences)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *panel = test_find_descendant (GTK_WIDGET (fixture->window), WICK_TYPE_SIGNALS_PANEL);
  WickViewport *viewport = wick_chart_get_viewport (fixture->chart);
  g_autoptr(WickSignalItem) first = NULL;
  g_auto(GStrv) hidden = NULL;
  WickSignalMarker marker;
  WickSignals *signals;
  GListModel *rows;
  guint index;
  double x, y;
  WickSignalKind kind;
  AdwActionRow *row;
  GtkWidget *toggle;
  guint n, n_kind;

  g_assert_nonnull (panel);
  rows = wick_signals_panel_get_model (WICK_SIGNALS_PANEL (panel));
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >, 3);
  first = g_list_model_get_item (rows, 0);
  kind = wick_signal_item_get_kind (first);
  n_kind = count_rows_of_kind (rows, kind);
  g_assert_cmpuint (n_kind, >, 0);
  g_assert_cmpuint (n_kind, <, n);

  /* Its newest signal, selected: the chart centres on its marker. */
  index = wick_signal_item_get_index (first);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), 0, TRUE);
  g_assert_cmpint (wick_chart_get_selected_signal (fixture->chart), ==, index);
  signals = wick_chart_get_signals (fixture->chart);
  g_assert_true (wick_render_signal_marker_full (signals, viewport, NULL, index, 0, &marker));
  x = marker.badge.x + marker.badge.width / 2;
  y = marker.badge.y + marker.badge.height / 2;

  /* The kind's row, found by its name, with its switch on. */
  row = ADW_ACTION_ROW (test_find_widget (GTK_WIDGET (preferences), is_row_titled,
                                          wick_signal_kind_get_label (kind)));
  g_assert_nonnull (row);
  toggle = adw_action_row_get_activatable_widget (row);
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  hidden = g_settings_get_strv (settings, "signal-kinds-hidden");
  g_assert_true (g_strv_contains ((const char * const *) hidden, wick_signal_kind_to_string (kind)));
  while (count_rows_of_kind (rows, kind) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n - n_kind);
  g_assert_true (wick_chart_get_hidden_signal_kinds (fixture->chart) & (1u << kind));

  /* Its marker is gone from the chart, selection and pointer alike. */
  g_assert_cmpint (wick_chart_get_selected_signal (fixture->chart), ==, -1);
  g_assert_false (wick_render_signal_marker_full (signals, viewport, NULL, index,
                                                  wick_chart_get_hidden_signal_kinds (fixture->chart),
                                                  &marker));
  g_assert_cmpint (wick_render_signals_hit_test_full (signals, viewport, NULL, -1,
                                                      wick_chart_get_hidden_signal_kinds (fixture->chart),
                                                      x, y), !=, index);
  g_assert_cmpint (wick_render_signals_hit_test (signals, viewport, -1, x, y), ==, index);
  test_wait_for_draw (GTK_WIDGET (fixture->chart));

  /* And back. */
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  while (g_list_model_get_n_items (rows) < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_rows_of_kind (rows, kind), ==, n_kind);
  g_assert_cmpuint (wick_chart_get_hidden_signal_kinds (fixture->chart), ==, 0);
}

/* The heatmap rows edit the keys the header's popover edits: a change on either side shows
 * on the other. */
static void
check_heatmap_rows (Fixture               *fixture,
                    WickPreferencesWindow *preferences)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwComboRow *side = get_child (preferences, "heatmap_side_row");
  GtkSwitch *visible = get_child (preferences, "heatmap_visible_switch");
  g_autofree char *value = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (side), ==, 2);
  adw_combo_row_set_selected (side, 0);
  value = g_settings_get_string (settings, "heatmap-side");
  g_assert_cmpstr (value, ==, "long");
  g_settings_reset (settings, "heatmap-side");
  while (adw_combo_row_get_selected (side) != 2)
    g_main_context_iteration (NULL, TRUE);

  /* The L key's action hides the heatmap; the switch follows. */
  g_assert_true (gtk_switch_get_active (visible));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-heatmap",
                                             NULL));
  while (gtk_switch_get_active (visible))
    g_main_context_iteration (NULL, TRUE);
  gtk_switch_set_active (visible, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "heatmap-visible"));
}

static void
check_preferences (Fixture *fixture)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->application),
                                                                "app.preferences");
  WickPreferencesWindow *preferences;

  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  preferences = open_preferences (fixture);
  check_candle_colors (fixture, preferences);
  check_theme (fixture, preferences);
  check_snapping (fixture, preferences);
  check_signal_kinds (fixture, preferences);
  check_heatmap_rows (fixture, preferences);

  /* Asked again, the same window comes back. */
  g_assert_true (open_preferences (fixture) == preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* ---- running the application ---- */

/* Runs the application with @source until @checks have run, with an empty folder for the
 * pictures. The checks wait for the heatmap and the signals, which come from worker threads,
 * so that neither arrives in the middle of a check. */
static void
run_application (const char  *source,
                 void       (*checks) (Fixture *fixture))
{
  test_window_run_in_folder ("wick-preferences", source, TEST_WINDOW_WAIT_FINISHED, checks);
}

static void
test_preferences_live (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "theme", "light");
  run_application ("sample", check_preferences);

  g_settings_reset (settings, "theme");
  g_settings_reset (settings, "candle-colors");
}

static void
check_startup_market (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  WickPreferencesWindow *preferences;
  AdwExpanderRow *startup;
  AdwComboRow *source;
  AdwComboRow *interval;
  GtkWidget *symbol;
  g_autofree char *value = NULL;

  /* The chosen market opened, not the one remembered. */
  g_assert_true (wick_market_get_is_synthetic (wick_chart_get_market (fixture->chart)));

  preferences = open_preferences (fixture);
  startup = get_child (preferences, "startup_row");
  source = get_child (preferences, "source_row");
  interval = get_child (preferences, "interval_row");
  symbol = get_child (preferences, "symbol_row");

  /* The sample holds one market: no symbol nor interval to choose. */
  g_assert_true (adw_expander_row_get_enable_expansion (startup));
  g_assert_false (gtk_widget_get_sensitive (symbol));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (interval)));

  /* Binance: its intervals, the symbol typed as the picker writes it. */
  adw_combo_row_set_selected (source, 1);
  value = g_settings_get_string (settings, "default-source");
  g_assert_cmpstr (value, ==, "binance");
  g_assert_true (gtk_widget_get_sensitive (symbol));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (interval)));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (interval)),
                   ==, "1h");
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (interval)); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (interval), i);

      if (g_str_equal (gtk_string_object_get_string (item), "4h"))
        adw_combo_row_set_selected (interval, i);
    }
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "default-interval");
  g_assert_cmpstr (value, ==, "4h");

  gtk_editable_set_text (GTK_EDITABLE (symbol), "eth/usdt");
  g_signal_emit_by_name (symbol, "apply");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "default-symbol");
  g_assert_cmpstr (value, ==, "ETHUSDT");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (symbol)), ==, "ETHUSDT");

  /* Nonsense is refused, and the key keeps what it had. */
  gtk_editable_set_text (GTK_EDITABLE (symbol), "ETH USDT!");
  g_signal_emit_by_name (symbol, "apply");
  g_assert_true (gtk_widget_has_css_class (symbol, "error"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "default-symbol");
  g_assert_cmpstr (value, ==, "ETHUSDT");

  /* Switched off, the market shown last opens next time. */
  adw_expander_row_set_enable_expansion (startup, FALSE);
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "startup-market");
  g_assert_cmpstr (value, ==, "last");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_preferences_startup_market (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "sample",
                                                "btcusdt-1h-candles.csv", NULL);
  g_autofree char *spec = g_strconcat ("csv:", csv, NULL);
  g_autofree char *remembered = NULL;

  /* Last time a file was open (the sample's candles, read as anyone's CSV: not synthetic),
   * but the preferences chose the bundled sample. */
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_settings_set_string (settings, "last-source", spec);
  g_settings_set_string (settings, "startup-market", "default");
  g_settings_set_string (settings, "default-source", "sample");
  run_application (NULL, check_startup_market);

  /* What opened is remembered as the last market, as ever. */
  remembered = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (remembered, ==, "sample");

  g_settings_reset (settings, "startup-market");
  g_settings_reset (settings, "default-source");
  g_settings_reset (settings, "default-symbol");
  g_settings_reset (settings, "default-interval");
}

int
main (int   argc,
      char *argv[])
{
  /* No user's lines, cache or settings are read or written. */
  g_autofree char *root = test_isolate_user_dirs ("wick-preferences");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/preferences/live", test_preferences_live);
  g_test_add_func ("/wick/preferences/startup-market", test_preferences_startup_market);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
