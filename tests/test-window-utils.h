/* test-window-utils.h: running the real application and reading its window, for window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wick-application.h"
#include "wick-signals-panel.h"
#include "wick-window-export.h"
#include "wick-window.h"

#include "test-pixel-utils.h"
#include "test-user-dirs.h"

/* The watchdog of a run, reached only on failure: every wait ends on an event. Sanitizer
 * runs are slow. */
#define TEST_WINDOW_WAIT_LIMIT_MS 120000

/* Spins the main loop until @condition holds. */
#define TEST_WAIT_FOR(condition) \
  G_STMT_START { while (!(condition)) g_main_context_iteration (NULL, TRUE); } G_STMT_END

/* What the window must have before the checks run, besides a market in a mapped chart and
 * no load running. */
typedef enum
{
  TEST_WINDOW_WAIT_MARKET       = 0,
  TEST_WINDOW_WAIT_FRAME        = 1 << 0,  /* a frame of the chart rendered */
  TEST_WINDOW_WAIT_HEATMAP_IDLE = 1 << 1,  /* no heatmap build running */
  TEST_WINDOW_WAIT_HEATMAP      = 1 << 2,  /* a heatmap shown, and no build running */
  TEST_WINDOW_WAIT_SIGNALS      = 1 << 3,  /* the signals analysed */
  TEST_WINDOW_WAIT_LEVELS       = 1 << 4,  /* the market's lines read */
} TestWindowWait;

/* A frame with the heatmap: built off the main thread, it would otherwise arrive in the
 * middle of a check. */
#define TEST_WINDOW_WAIT_DRAWN (TEST_WINDOW_WAIT_FRAME | TEST_WINDOW_WAIT_HEATMAP)

/* The finished picture: the signals come from a worker thread too. */
#define TEST_WINDOW_WAIT_FINISHED (TEST_WINDOW_WAIT_DRAWN | TEST_WINDOW_WAIT_SIGNALS)

typedef struct _TestWindowFixture TestWindowFixture;

struct _TestWindowFixture
{
  WickApplication  *application;  /* Owned while it runs */
  WickWindow       *window;       /* Borrowed: the first main window */
  WickChart        *chart;        /* Borrowed: its chart */
  gpointer          data;         /* Borrowed: the test's own */

  /* The run's own */
  TestWindowWait    wait;
  void            (*checks) (TestWindowFixture *fixture);
  gboolean          checks_done;
};

static inline gboolean
test_window_is_ready (TestWindowFixture *fixture)
{
  WickChart *chart = fixture->chart;
  TestWindowWait wait = fixture->wait;

  if (fixture->window == NULL || wick_window_is_loading (fixture->window) ||
      wick_chart_get_market (chart) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (chart)))
    return FALSE;

  if ((wait & TEST_WINDOW_WAIT_FRAME) && wick_chart_get_n_renders (chart) == 0)
    return FALSE;
  if ((wait & (TEST_WINDOW_WAIT_HEATMAP_IDLE | TEST_WINDOW_WAIT_HEATMAP)) &&
      wick_window_is_heatmap_pending (fixture->window))
    return FALSE;
  if ((wait & TEST_WINDOW_WAIT_HEATMAP) && wick_chart_get_heatmap (chart) == NULL)
    return FALSE;
  if ((wait & TEST_WINDOW_WAIT_SIGNALS) && wick_chart_get_signals (chart) == NULL)
    return FALSE;
  if ((wait & TEST_WINDOW_WAIT_LEVELS) && wick_chart_get_level_store (chart) == NULL)
    return FALSE;

  return TRUE;
}

static inline void
test_window_on_window_added_cb (GtkApplication    *application,
                                GtkWindow         *window,
                                TestWindowFixture *fixture)
{
  if (!WICK_IS_WINDOW (window) || fixture->window != NULL)
    return;

  fixture->window = WICK_WINDOW (window);
  fixture->chart = wick_window_get_chart (fixture->window);
}

static inline gboolean
test_window_run_checks_cb (gpointer data)
{
  TestWindowFixture *fixture = data;

  if (!test_window_is_ready (fixture))
    return G_SOURCE_CONTINUE;

  fixture->checks (fixture);
  fixture->checks_done = TRUE;
  gtk_window_close (GTK_WINDOW (fixture->window));

  return G_SOURCE_REMOVE;
}

static inline gboolean
test_window_give_up_cb (gpointer data)
{
  g_error ("The window did not show a market, or the checks did not end, within %d ms",
           TEST_WINDOW_WAIT_LIMIT_MS);
  return G_SOURCE_REMOVE;
}

/* Runs the real application with @argv until its window has what @wait asks for, then runs
 * @checks and closes the window; the application must be finalized after. @data is there
 * for @checks as fixture->data. */
static inline void
test_window_run_argv (char             **argv,
                      TestWindowWait     wait,
                      void             (*checks) (TestWindowFixture *fixture),
                      gpointer           data)
{
  TestWindowFixture fixture = { 0 };
  guint give_up_id;
  int status;

  fixture.wait = wait;
  fixture.checks = checks;
  fixture.data = data;
  fixture.application = wick_application_new ();
  g_signal_connect (fixture.application, "window-added",
                    G_CALLBACK (test_window_on_window_added_cb), &fixture);
  g_timeout_add (50, test_window_run_checks_cb, &fixture);
  give_up_id = g_timeout_add (TEST_WINDOW_WAIT_LIMIT_MS, test_window_give_up_cb, NULL);

  status = g_application_run (G_APPLICATION (fixture.application), g_strv_length (argv), argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checks_done);
  g_source_remove (give_up_id);
  g_assert_finalize_object (fixture.application);
}

/* The same with `--source @source`, or no argument when @source is NULL. */
static inline void
test_window_run (const char        *source,
                 TestWindowWait     wait,
                 void             (*checks) (TestWindowFixture *fixture),
                 gpointer           data)
{
  char *argv[] = { (char *) "wick", (char *) "--source", (char *) source, NULL };

  if (source == NULL)
    argv[1] = NULL;

  test_window_run_argv (argv, wait, checks, data);
}

/* test_window_run () with a new empty folder, named after @name, as fixture->data; the
 * folder is removed after. */
static inline void
test_window_run_in_folder (const char        *name,
                           const char        *source,
                           TestWindowWait     wait,
                           void             (*checks) (TestWindowFixture *fixture))
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  test_window_run (source, wait, checks, folder);
  test_remove_tree (folder);
}

/* ---- widgets ---- */

static inline void
test_wait_for_draw (GtkWidget *widget)
{
  /* A frame clock tick has passed once the widget drew again. */
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
}

/* Whether @widget is the one a search looks for, by @data. */
typedef gboolean (*TestWidgetMatch) (GtkWidget     *widget,
                                     gconstpointer  data);

/* The first widget at or under @widget, depth first, that @match takes. */
static inline GtkWidget *
test_find_widget (GtkWidget       *widget,
                  TestWidgetMatch  match,
                  gconstpointer    data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
test_widget_is_type (GtkWidget     *widget,
                     gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static inline gboolean
test_widget_is_label (GtkWidget     *widget,
                      gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static inline gboolean
test_widget_is_mapped_label (GtkWidget     *widget,
                             gconstpointer  text)
{
  return gtk_widget_get_mapped (widget) && test_widget_is_label (widget, text);
}

/* The first widget of @type at or under @widget, depth first. */
static inline GtkWidget *
test_find_descendant (GtkWidget *widget,
                      GType      type)
{
  return test_find_widget (widget, test_widget_is_type, GSIZE_TO_POINTER (type));
}

/* The first label at or under @widget that shows @text, depth first; with @mapped, the
 * first such label on screen. */
static inline GtkWidget *
test_find_label (GtkWidget  *widget,
                 const char *text,
                 gboolean    mapped)
{
  return test_find_widget (widget, mapped ? test_widget_is_mapped_label : test_widget_is_label,
                           text);
}

/* A visible toplevel window of @type. */
static inline GtkWidget *
test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

/* The window's signals panel, once the analysis (on a worker thread) reached it and the
 * chart. */
static inline WickSignalsPanel *
test_window_wait_for_signals (TestWindowFixture *fixture)
{
  GtkWidget *panel = test_find_descendant (GTK_WIDGET (fixture->window),
                                           WICK_TYPE_SIGNALS_PANEL);

  g_assert_nonnull (panel);
  TEST_WAIT_FOR (wick_signals_panel_get_signals (WICK_SIGNALS_PANEL (panel)) != NULL);
  g_assert_true (wick_chart_get_signals (fixture->chart) ==
                 wick_signals_panel_get_signals (WICK_SIGNALS_PANEL (panel)));

  return WICK_SIGNALS_PANEL (panel);
}

/* ---- pictures ---- */

/* A new frame of @widget, rendered as its window renders it, as BGRA bytes of
 * *width × *height device pixels (see test_bgra_is ()). */
static inline guint8 *
test_download_widget (GtkWidget *widget,
                      int       *width,
                      int       *height)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds;
  guint8 *pixels;

  /* The widget's paintable shows its last frame: let it draw one after the layout settled. */
  test_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  graphene_rect_init (&bounds, 0, 0, *width, *height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, pixels, (gsize) *width * 4);

  return pixels;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} TestSaveResult;

static inline void
test_window_on_saved_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TestSaveResult *save = user_data;

  save->ok = wick_window_save_image_finish (WICK_WINDOW (object), result, &save->error);
  save->done = TRUE;
}

/* Saves the chart of @window to @path as Save Image does, with @options or else the
 * choices it remembers, and waits for the end. */
static inline gboolean
test_window_save_image (WickWindow               *window,
                        const char               *path,
                        const WickExportOptions  *options,
                        GError                  **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TestSaveResult result = { 0 };

  wick_window_save_image_async (window, file, options, NULL, test_window_on_saved_cb, &result);
  TEST_WAIT_FOR (result.done);

  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.ok;
}
