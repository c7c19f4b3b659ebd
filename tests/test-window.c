/* test-window.c: the real application and window, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-csv-source.h"
#include "wick-indicators.h"
#include "wick-palette.h"
#include "wick-render-signals.h"
#include "wick-signal-item.h"
#include "wick-signals-panel.h"
#include "wick-window.h"

#include "test-window-utils.h"

typedef TestWindowFixture Fixture;

static void
check_sample_window (Fixture *fixture)
{
  const WickPalette *palette = wick_palette_get (wick_chart_get_dark (fixture->chart));
  WickViewport *viewport = wick_chart_get_viewport (fixture->chart);
  WickMarket *market = wick_chart_get_market (fixture->chart);
  WickZones *zones = wick_chart_get_zones (fixture->chart);
  g_autofree guint8 *pixels = NULL;
  double from_ms, to_ms;
  gsize n_pixels;
  guint n_renders;
  int width, height;

  /* Opens on the sample, labelled as synthetic, around the 5–6 Jan support test. */
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_true (wick_market_get_is_synthetic (market));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), "BTCUSDT"));
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  g_assert_cmpfloat (from_ms, <=, 1767571200000.0);  /* 2026-01-05 00:00 UTC */
  g_assert_cmpfloat (to_ms, >=, 1767744000000.0);    /* 2026-01-07 00:00 UTC */
  g_assert_cmpfloat (to_ms - from_ms, <=, 14 * 24 * 3600000.0);

  /* The detected zones reach the chart, the 92,000 support among them. */
  g_assert_nonnull (zones);
  g_assert_cmpuint (wick_zones_get_n_candles (zones), ==,
                    wick_series_get_length (wick_market_get_series (market)));
  g_assert_nonnull (wick_zones_find (zones, 92000.0));

  /* The frame on screen has candles in both colours. */
  pixels = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  n_pixels = (gsize) width * height;
  g_assert_cmpuint (test_bgra_count (pixels, n_pixels, &palette->up, 3), >, 200);
  g_assert_cmpuint (test_bgra_count (pixels, n_pixels, &palette->down, 3), >, 200);

  /* Pointer motion redraws only the moving part, not the cached candles. */
  n_renders = wick_chart_get_n_renders (fixture->chart);
  for (guint i = 0; i < 5; i++)
    {
      GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->chart));

      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, j);

          if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
            g_signal_emit_by_name (controller, "motion", 200.0 + i * 10, 200.0);
        }
      g_object_unref (controllers);
      test_wait_for_draw (GTK_WIDGET (fixture->chart));
    }
  g_assert_cmpuint (wick_chart_get_n_renders (fixture->chart), ==, n_renders);

  /* Zooming from the keyboard changes the view and renders the candles again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chart), "chart.zoom-in", NULL));
  {
    double zoomed_from, zoomed_to;

    wick_viewport_get_time_range (viewport, &zoomed_from, &zoomed_to);
    g_assert_cmpfloat (zoomed_to - zoomed_from, <, to_ms - from_ms);
  }
  test_wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_cmpuint (wick_chart_get_n_renders (fixture->chart), >, n_renders);
}

static void
check_failed_load_keeps_market (Fixture *fixture)
{
  WickMarket *before = wick_chart_get_market (fixture->chart);
  g_autoptr(WickSource) source = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "wick-no-such-file.csv", NULL);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  /* The same source fails on its own … */
  source = wick_csv_source_new (missing, NULL, NULL);
  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_null (market);
  g_assert_nonnull (error);

  /* … and through the window, the chart keeps what it showed. */
  wick_window_load_source (fixture->window, source, NULL, NULL, NULL);
  g_assert_true (wick_window_is_loading (fixture->window));
  TEST_WAIT_FOR (!wick_window_is_loading (fixture->window));
  test_wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_true (wick_chart_get_market (fixture->chart) == before);
}

static void
check_sample_and_failed_load (Fixture *fixture)
{
  check_sample_window (fixture);
  check_failed_load_keeps_market (fixture);
}

static void
test_window_opens_on_sample (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *remembered = NULL;

  g_settings_set_string (settings, "last-source", "csv:/nowhere.csv");
  test_window_run ("sample", TEST_WINDOW_WAIT_DRAWN, check_sample_and_failed_load, NULL);

  /* The market that loaded is the one to open next time. */
  remembered = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (remembered, ==, "sample");
}

static void
check_sample_open (Fixture *fixture)
{
  g_assert_true (wick_market_get_is_synthetic (wick_chart_get_market (fixture->chart)));

  /* The menu's time zone choice reaches the chart at once. */
  g_assert_false (wick_chart_get_local_time (fixture->chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "settings.time-zone",
                                             "s", "local"));
  g_assert_true (wick_chart_get_local_time (fixture->chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "settings.time-zone",
                                             "s", "utc"));
  g_assert_false (wick_chart_get_local_time (fixture->chart));

  /* The log scale toggles from its window action, which keeps the menu's check mark. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.log-scale", NULL));
  g_assert_true (wick_viewport_get_log_scale (wick_chart_get_viewport (fixture->chart)));
  test_wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.log-scale", NULL));
  g_assert_false (wick_viewport_get_log_scale (wick_chart_get_viewport (fixture->chart)));
}

static void
test_window_falls_back_to_sample (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "wick-gone.csv", NULL);
  g_autofree char *spec = g_strconcat ("csv:", missing, NULL);
  g_autofree char *remembered = NULL;

  /* Last time's file is gone: the window says so and opens the sample, never empty. */
  g_settings_set_string (settings, "last-source", spec);
  test_window_run (NULL, TEST_WINDOW_WAIT_DRAWN, check_sample_open, NULL);
  remembered = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (remembered, ==, "sample");
}

/* Spins the main loop until the heatmap shown has @threshold_low (or, when negative, until
 * there is none), with no build left to run. */
static WickHeatmapImage *
wait_for_heatmap (Fixture *fixture,
                  double   threshold_low)
{
  while (TRUE)
    {
      WickHeatmapImage *image = wick_chart_get_heatmap (fixture->chart);
      double low = -1;

      if (image != NULL)
        wick_heatmap_image_get_threshold (image, &low, NULL);
      if (low == threshold_low && !wick_window_is_heatmap_pending (fixture->window))
        return image;

      g_main_context_iteration (NULL, TRUE);
    }
}

static void
check_heatmap_settings (Fixture *fixture)
{
  static const char * const two_tiers[] = { "10", "25", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const WickHeatmapGridSpec *spec;
  WickHeatmapImage *image;

  /* Shown at first, with the default threshold and every tier and side. */
  image = wait_for_heatmap (fixture, g_settings_get_double (settings, "heatmap-threshold-low"));
  spec = wick_heatmap_get_spec (wick_heatmap_image_get_grid (image));
  g_assert_cmpuint (spec->sides, ==, WICK_HEATMAP_BOTH_SIDES);
  g_assert_cmpuint (spec->tiers, ==, 0xf);

  /* The L key's action hides it and remembers that. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-heatmap",
                                             NULL));
  g_assert_null (wick_chart_get_heatmap (fixture->chart));
  g_assert_false (g_settings_get_boolean (settings, "heatmap-visible"));

  /* Every setting reaches the chart, live. */
  g_settings_set_boolean (settings, "heatmap-visible", TRUE);
  wait_for_heatmap (fixture, g_settings_get_double (settings, "heatmap-threshold-low"));

  g_settings_set_strv (settings, "heatmap-tiers", two_tiers);
  g_settings_set_string (settings, "heatmap-side", "long");
  g_settings_set_double (settings, "heatmap-bucket", 50);
  g_settings_set_double (settings, "heatmap-threshold-low", 0.5);
  image = wait_for_heatmap (fixture, 0.5);
  spec = wick_heatmap_get_spec (wick_heatmap_image_get_grid (image));
  g_assert_cmpuint (spec->tiers, ==, 0x3);
  g_assert_cmpuint (spec->sides, ==, WICK_HEATMAP_LONGS);
  g_assert_cmpfloat (spec->bucket_size, ==, 50);

  /* And back: the defaults again. */
  g_settings_reset (settings, "heatmap-tiers");
  g_settings_reset (settings, "heatmap-side");
  g_settings_reset (settings, "heatmap-bucket");
  g_settings_reset (settings, "heatmap-threshold-low");
  image = wait_for_heatmap (fixture, g_settings_get_double (settings, "heatmap-threshold-low"));
  spec = wick_heatmap_get_spec (wick_heatmap_image_get_grid (image));
  g_assert_cmpuint (spec->sides, ==, WICK_HEATMAP_BOTH_SIDES);
  g_assert_cmpuint (spec->tiers, ==, 0xf);
}

static void
test_window_heatmap_settings (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_DRAWN, check_heatmap_settings, NULL);
}

/* The analysis leaves the lines no rule reads for later while none is shown: switched on, the
 * EMA (20) is drawn all the same, and is the EMA of the candles, which the analysis read
 * without copying them. */
static void
check_indicator_lines (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const WickPalette *palette = wick_palette_get (wick_chart_get_dark (fixture->chart));
  WickSignals *signals = wick_chart_get_signals (fixture->chart);
  g_autofree guint8 *before = NULL;
  g_autofree guint8 *after = NULL;
  g_autofree double *expected = NULL;
  const WickCandle *candles;
  const double *ema;
  WickSeries *series;
  guint n, first;
  int width, height;
  gsize n_before, n_after;

  g_assert_false (g_settings_get_boolean (settings, "show-ema20"));
  before = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  n_before = test_bgra_count (before, (gsize) width * height, &palette->ema20, 2);

  g_settings_set_boolean (settings, "show-ema20", TRUE);
  after = test_download_widget (GTK_WIDGET (fixture->chart), &width, &height);
  n_after = test_bgra_count (after, (gsize) width * height, &palette->ema20, 2);
  g_assert_cmpuint (n_after, >, n_before + 200);

  /* The sample never changes once shown: the analysis read its candles where they are. */
  candles = wick_signals_snapshot_get_candles (wick_signals_get_snapshot (signals), &n);
  series = wick_market_get_series (wick_chart_get_market (fixture->chart));
  g_assert_true (candles == wick_series_get_candles (series));
  expected = g_new (double, n);
  first = wick_indicators_ema (candles, n, 20, expected);
  ema = wick_signals_get_indicator (signals, WICK_INDICATOR_EMA20);
  for (guint i = first; i < n; i++)
    g_assert_cmpfloat (ema[i], ==, expected[i]);

  g_settings_reset (settings, "show-ema20");
}

static void
test_window_indicator_lines (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_DRAWN | TEST_WINDOW_WAIT_SIGNALS,
                   check_indicator_lines, NULL);
}

static void
check_signals_panel (Fixture *fixture)
{
  GtkWidget *flap = test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_FLAP);
  WickViewport *viewport = wick_chart_get_viewport (fixture->chart);
  g_autoptr(WickSignalItem) item = NULL;
  WickSignalsPanel *panel;
  const WickSignal *signal;
  WickSignalMarker marker;
  WickSignals *signals;
  GListModel *rows;
  double from_ms, to_ms, span;
  guint n, n_kind, index;
  gboolean revealed;

  g_assert_nonnull (flap);

  /* The analysis runs on a worker thread; then the panel lists what the chart marks. */
  panel = test_window_wait_for_signals (fixture);
  signals = wick_signals_panel_get_signals (panel);

  /* Every signal, newest first, in the model the list selects from. */
  rows = wick_signals_panel_get_model (panel);
  g_assert_true (GTK_IS_SELECTION_MODEL (rows));
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (n, ==, wick_signals_get_n_signals (signals));
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(WickSignalItem) newer = g_list_model_get_item (rows, i - 1);
      g_autoptr(WickSignalItem) older = g_list_model_get_item (rows, i);

      g_assert_cmpint (wick_signal_item_get_time_ms (newer), >=,
                       wick_signal_item_get_time_ms (older));
    }

  /* Selecting the oldest row, out of view, centres the chart on it at the same zoom. */
  item = g_list_model_get_item (rows, n - 1);
  index = wick_signal_item_get_index (item);
  signal = wick_signals_get_signal (signals, index);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  span = to_ms - from_ms;
  g_assert_true (signal->time_ms < from_ms || signal->time_ms > to_ms);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (rows), n - 1, TRUE);
  g_assert_cmpint (wick_chart_get_selected_signal (fixture->chart), ==, index);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);
  g_assert_cmpfloat (signal->time_ms, >=, from_ms);
  g_assert_cmpfloat (signal->time_ms, <=, to_ms);
  g_assert_cmpfloat_with_epsilon (to_ms - from_ms, span, 1.0);

  /* Its marker is drawn there, and the pointer finds it. */
  test_wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_true (wick_render_signal_marker (signals, viewport, index, &marker));
  g_assert_cmpint (wick_render_signals_hit_test (signals, viewport, (int) index,
                                                 marker.badge.x + marker.badge.width / 2,
                                                 marker.badge.y + marker.badge.height / 2),
                   ==, index);

  /* The drop-down keeps one kind. */
  wick_signals_panel_set_kind_filter (panel, signal->kind);
  n_kind = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_kind, >, 0);
  g_assert_cmpuint (n_kind, <, n);
  for (guint i = 0; i < n_kind; i++)
    {
      g_autoptr(WickSignalItem) row = g_list_model_get_item (rows, i);

      g_assert_cmpint (wick_signal_item_get_kind (row), ==, signal->kind);
    }
  wick_signals_panel_set_kind_filter (panel, -1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  /* F9's action hides the panel and shows it again. */
  revealed = adw_flap_get_reveal_flap (ADW_FLAP (flap));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-signals",
                                             NULL));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)) != revealed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-signals",
                                             NULL));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)) == revealed);
}

static void
test_window_signals_panel (void)
{
  test_window_run ("sample", TEST_WINDOW_WAIT_DRAWN, check_signals_panel, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No user's lines, cache or settings are read or written. */
  g_autofree char *root = test_isolate_user_dirs ("wick-window");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wick/window/opens-on-sample", test_window_opens_on_sample);
  g_test_add_func ("/wick/window/falls-back-to-sample", test_window_falls_back_to_sample);
  g_test_add_func ("/wick/window/heatmap-settings", test_window_heatmap_settings);
  g_test_add_func ("/wick/window/signals-panel", test_window_signals_panel);
  g_test_add_func ("/wick/window/indicator-lines", test_window_indicator_lines);

  status = g_test_run ();
  test_remove_tree (root);

  return status;
}
