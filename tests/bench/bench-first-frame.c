/* bench-first-frame.c: when did the window first paint? A module to LD_PRELOAD into wick
 *
 * It wraps gtk_window_present () and, on the first window shown, waits for its frame clock's
 * first "after-paint": it prints the milliseconds since the module was loaded (with the
 * process, before main) on stderr as `first-frame-ms N`. A first frame may be drawn before the
 * market is there; the first one whose chart has candles is `candles-frame-ms N` (with
 * `candles-frame-candles N`), and the process ends at once after it. With
 * WICK_BENCH_UNTIL=signals it ends instead at the first frame after the signals panel lists
 * rows (`signals-frame-ms N`): the market analysed, as its peak memory is measured. The
 * application itself is not changed; build-aux/bench.sh times the whole process from outside
 * as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <unistd.h>

static gint64 loaded_us;
static gboolean is_watching;

__attribute__ ((constructor)) static void
on_load (void)
{
  loaded_us = g_get_monotonic_time ();
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The candles of the chart in @window, through the symbols wick exports; 0 without. */
static guint
count_chart_candles (GtkWidget *window)
{
  gpointer (*get_market) (gpointer) = dlsym (RTLD_DEFAULT, "wick_chart_get_market");
  gpointer (*get_series) (gpointer) = dlsym (RTLD_DEFAULT, "wick_market_get_series");
  guint (*get_length) (gpointer) = dlsym (RTLD_DEFAULT, "wick_series_get_length");
  GtkWidget *chart = find_descendant (window, g_type_from_name ("WickChart"));
  gpointer market;

  if (get_market == NULL || get_series == NULL || get_length == NULL || chart == NULL ||
      (market = get_market (chart)) == NULL)
    return 0;

  return get_length (get_series (market));
}

/* The rows of the signals panel in @window; 0 without. */
static guint
count_signal_rows (GtkWidget *window)
{
  GListModel *(*get_model) (gpointer) = dlsym (RTLD_DEFAULT, "wick_signals_panel_get_model");
  GtkWidget *panel = find_descendant (window, g_type_from_name ("WickSignalsPanel"));

  if (get_model == NULL || panel == NULL)
    return 0;

  return g_list_model_get_n_items (get_model (panel));
}

/* Only reached when no market comes. */
#define CANDLES_LIMIT_S 30

static gboolean
on_no_candles_cb (gpointer user_data)
{
  fprintf (stderr, "no frame with candles in %d s\n", CANDLES_LIMIT_S);
  _exit (1);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       window)
{
  static gboolean has_painted;
  static gboolean has_candles;
  double ms = (g_get_monotonic_time () - loaded_us) / 1000.0;
  gboolean until_signals = g_strcmp0 (g_getenv ("WICK_BENCH_UNTIL"), "signals") == 0;
  guint n_candles = count_chart_candles (window);

  if (!has_painted)
    {
      has_painted = TRUE;
      fprintf (stderr, "first-frame-ms %.2f\n", ms);
      g_timeout_add_seconds (CANDLES_LIMIT_S, on_no_candles_cb, NULL);
    }

  if (n_candles > 0 && !has_candles)
    {
      has_candles = TRUE;
      fprintf (stderr, "candles-frame-ms %.2f\ncandles-frame-candles %u\n", ms, n_candles);
    }

  if (has_candles && (!until_signals || count_signal_rows (window) > 0))
    {
      if (until_signals)
        fprintf (stderr, "signals-frame-ms %.2f\n", ms);
      fflush (stderr);
      _exit (0);
    }
}

static void
on_map_cb (GtkWidget *window,
           gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

void gtk_window_present (GtkWindow *window);

void
gtk_window_present (GtkWindow *window)
{
  static void (*real_present) (GtkWindow *) = NULL;
  gboolean is_first = !is_watching;

  if (real_present == NULL)
    real_present = (void (*) (GtkWindow *)) dlsym (RTLD_NEXT, "gtk_window_present");

  if (is_first)
    {
      is_watching = TRUE;
      if (gtk_widget_get_mapped (GTK_WIDGET (window)))
        on_map_cb (GTK_WIDGET (window), NULL);
      else
        g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
    }

  real_present (window);
}
