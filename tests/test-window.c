/* test-window.c: the real application and window, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-application.h"
#include "wick-csv-source.h"
#include "wick-palette.h"
#include "wick-window.h"

#define WAIT_LIMIT_MS 20000

typedef struct _Fixture Fixture;

struct _Fixture
{
  WickApplication *application;
  WickWindow      *window;
  WickChart       *chart;
  void           (*checks) (Fixture *fixture);
  guint            checks_done : 1;
};

static gboolean
chart_has_frame (gpointer data)
{
  Fixture *fixture = data;

  return wick_chart_get_market (fixture->chart) != NULL &&
         wick_chart_get_n_renders (fixture->chart) > 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->chart));
}

static void
wait_for_draw (GtkWidget *widget)
{
  /* A frame clock tick has passed once the widget drew again. */
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  graphene_rect_init (&bounds, 0, 0, width, height);

  return gsk_renderer_render_texture (renderer, node, &bounds);
}

static gboolean
color_matches (const guint8    *bgra,
               const WickColor *color)
{
  return ABS (bgra[2] - (int) (color->red * 255 + 0.5)) <= 3 &&
         ABS (bgra[1] - (int) (color->green * 255 + 0.5)) <= 3 &&
         ABS (bgra[0] - (int) (color->blue * 255 + 0.5)) <= 3;
}

static void
check_sample_window (Fixture *fixture)
{
  const WickPalette *palette = wick_palette_get (wick_chart_get_dark (fixture->chart));
  WickViewport *viewport = wick_chart_get_viewport (fixture->chart);
  WickMarket *market = wick_chart_get_market (fixture->chart);
  WickZones *zones = wick_chart_get_zones (fixture->chart);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  double from_ms, to_ms;
  gsize n_up = 0, n_down = 0;
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
  texture = render_widget (GTK_WIDGET (fixture->chart));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      n_up += color_matches (pixels + i * 4, &palette->up);
      n_down += color_matches (pixels + i * 4, &palette->down);
    }

  g_assert_cmpuint (n_up, >, 200);
  g_assert_cmpuint (n_down, >, 200);

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
      wait_for_draw (GTK_WIDGET (fixture->chart));
    }
  g_assert_cmpuint (wick_chart_get_n_renders (fixture->chart), ==, n_renders);

  /* Zooming from the keyboard changes the view and renders the candles again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->chart), "chart.zoom-in", NULL));
  {
    double zoomed_from, zoomed_to;

    wick_viewport_get_time_range (viewport, &zoomed_from, &zoomed_to);
    g_assert_cmpfloat (zoomed_to - zoomed_from, <, to_ms - from_ms);
  }
  wait_for_draw (GTK_WIDGET (fixture->chart));
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
  while (wick_window_is_loading (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_true (wick_chart_get_market (fixture->chart) == before);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    Fixture        *fixture)
{
  if (!WICK_IS_WINDOW (window) || fixture->window != NULL)
    return;

  fixture->window = WICK_WINDOW (window);
  fixture->chart = wick_window_get_chart (fixture->window);
}

static gboolean
run_checks_cb (gpointer data)
{
  Fixture *fixture = data;

  if (fixture->window == NULL || !chart_has_frame (fixture))
    return G_SOURCE_CONTINUE;

  fixture->checks (fixture);
  fixture->checks_done = TRUE;

  gtk_window_close (GTK_WINDOW (fixture->window));

  return G_SOURCE_REMOVE;
}

static gboolean
give_up_cb (gpointer data)
{
  g_error ("The window did not draw a market within %d ms", WAIT_LIMIT_MS);
  return G_SOURCE_REMOVE;
}

/* Runs the real application with @argv until @checks have run on its first frame. */
static void
run_application (char   **argv,
                 void   (*checks) (Fixture *fixture))
{
  Fixture fixture = { 0 };
  guint give_up_id;
  int status;

  fixture.checks = checks;
  fixture.application = wick_application_new ();
  g_signal_connect (fixture.application, "window-added", G_CALLBACK (on_window_added_cb), &fixture);
  g_timeout_add (50, run_checks_cb, &fixture);
  give_up_id = g_timeout_add (WAIT_LIMIT_MS, give_up_cb, NULL);

  status = g_application_run (G_APPLICATION (fixture.application), g_strv_length (argv), argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checks_done);
  g_source_remove (give_up_id);
  g_assert_finalize_object (fixture.application);
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
  char *argv[] = { (char *) "wick", (char *) "--source", (char *) "sample", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *remembered = NULL;

  g_settings_set_string (settings, "last-source", "csv:/nowhere.csv");
  run_application (argv, check_sample_and_failed_load);

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
  wait_for_draw (GTK_WIDGET (fixture->chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.log-scale", NULL));
  g_assert_false (wick_viewport_get_log_scale (wick_chart_get_viewport (fixture->chart)));
}

static void
test_window_falls_back_to_sample (void)
{
  char *argv[] = { (char *) "wick", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "wick-gone.csv", NULL);
  g_autofree char *spec = g_strconcat ("csv:", missing, NULL);
  g_autofree char *remembered = NULL;

  /* Last time's file is gone: the window says so and opens the sample, never empty. */
  g_settings_set_string (settings, "last-source", spec);
  run_application (argv, check_sample_open);
  remembered = g_settings_get_string (settings, "last-source");
  g_assert_cmpstr (remembered, ==, "sample");
}

int
main (int   argc,
      char *argv[])
{
  /* Each case gets its own empty data folder: no user's lines are read or written. */
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/wick/window/opens-on-sample", test_window_opens_on_sample);
  g_test_add_func ("/wick/window/falls-back-to-sample", test_window_falls_back_to_sample);

  return g_test_run ();
}
