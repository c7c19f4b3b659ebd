/* bench-signals-panel.c: what filling and refilling the signals panel costs the main thread
 *
 * A window holding only the panel, at the height of a maximised window's sidebar, is given the
 * bundled sample's signals three ways: a first fill of the empty list; a refill with the same
 * signals plus those of the last candle, as a live market's next analysis brings them; and a
 * refill with an equal analysis, as a live tick of the forming candle brings it. Each case
 * counts the call itself and the work of the frames that follow it until the list is drawn,
 * each frame from its before-paint to its after-paint: the time the window cannot answer.
 * The layout part of that (measuring and placing rows) is also printed on its own.
 *
 * Run it under a display: `xvfb-run -a meson test --benchmark -C <build> signals-panel -v`.
 * Without one it is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wick-resources.h"
#include "wick-sample-source.h"
#include "wick-signals-panel.h"

#include "../test-signals-prefix.h"
#include "bench-utils.h"

/* Frames counted after a change: the list places its rows over the first one or two. */
#define SETTLE_FRAMES 4

static int n_runs = 15;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per case (at least 3)", "N" },
  { NULL }
};

typedef struct
{
  GtkWidget *window;
  GtkWidget *panel;
  double     frame_start_ms;
  double     layout_end_ms;
  double     busy_ms;      /* the frames' work since the last reset */
  double     layout_ms;    /* of which layout */
  guint      frames_left;
} Bench;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Bench         *bench)
{
  bench->frame_start_ms = bench_now_ms ();
  bench->layout_end_ms = bench->frame_start_ms;
}

static void
on_layout_cb (GdkFrameClock *clock,
              Bench         *bench)
{
  double now = bench_now_ms ();

  /* Connected after the window's own handler: this is when its layout is done. */
  bench->layout_ms += now - bench->layout_end_ms;
  bench->layout_end_ms = now;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  bench->busy_ms += bench_now_ms () - bench->frame_start_ms;
  if (bench->frames_left > 0)
    bench->frames_left--;
}

/* Keeps frames coming while some are still to be counted; frames with nothing to do cost a
 * few microseconds. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Bench *bench = user_data;

  return bench->frames_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
run_frames (Bench *bench)
{
  bench->frames_left = SETTLE_FRAMES;
  gtk_widget_add_tick_callback (bench->panel, on_tick_cb, bench, NULL);
  while (bench->frames_left > 0)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  double *total;
  double *call;
  double *layout;
} Times;

/* Gives the panel @signals and keeps, as run @run of @times, the milliseconds of main-thread
 * work until the list is drawn, and of that the call and the layout. */
static void
time_set_signals (Bench       *bench,
                  WickSignals *signals,
                  Times       *times,
                  int          run)
{
  double start;
  double call_ms;

  start = bench_now_ms ();
  wick_signals_panel_set_signals (WICK_SIGNALS_PANEL (bench->panel), signals);
  call_ms = bench_now_ms () - start;

  bench->busy_ms = 0;
  bench->layout_ms = 0;
  run_frames (bench);

  if (times == NULL)
    return;
  times->total[run] = call_ms + bench->busy_ms;
  times->call[run] = call_ms;
  times->layout[run] = bench->layout_ms;
}

static void
times_init (Times *times)
{
  times->total = g_new (double, n_runs);
  times->call = g_new (double, n_runs);
  times->layout = g_new (double, n_runs);
}

/* Prints the three rows of @name and frees @times. */
static void
times_print (Times      *times,
             const char *name)
{
  g_autofree char *call = g_strdup_printf ("%s: the call", name);
  g_autofree char *layout = g_strdup_printf ("%s: layout", name);

  bench_print_row (name, times->total, n_runs);
  bench_print_row (call, times->call, n_runs);
  bench_print_row (layout, times->layout, n_runs);
  g_clear_pointer (&times->total, g_free);
  g_clear_pointer (&times->call, g_free);
  g_clear_pointer (&times->layout, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the signals panel");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickSignals) all = NULL;
  g_autoptr(WickSignals) again = NULL;
  g_autoptr(WickSignals) fewer = NULL;
  Times fill, more, same;
  g_autofree char *title = NULL;
  GdkFrameClock *clock;
  guint last_confirmed = 0;
  guint n;
  Bench bench = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 3);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run it under xvfb-run\n");
      return 77;
    }
  adw_init ();
  wick_register_resource ();

  source = wick_sample_source_new ();
  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  if (market == NULL)
    g_error ("Could not load the sample: %s", error->message);

  all = test_signals_analyze_prefix (market, G_MAXUINT);
  again = test_signals_analyze_prefix (market, G_MAXUINT);
  n = wick_signals_get_n_signals (all);
  for (guint i = 0; i < n; i++)
    last_confirmed = MAX (last_confirmed, wick_signals_get_signal (all, i)->confirmed_index);
  fewer = test_signals_analyze_prefix (market, last_confirmed);
  g_assert (wick_signals_get_n_signals (fewer) < n);

  bench.window = gtk_window_new ();
  bench.panel = wick_signals_panel_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 320, 860);
  gtk_window_set_child (GTK_WINDOW (bench.window), bench.panel);
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (bench.panel))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &bench);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_cb), &bench);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &bench);
  run_frames (&bench);

  times_init (&fill);
  times_init (&more);
  times_init (&same);
  for (int run = 0; run < n_runs; run++)
    {
      time_set_signals (&bench, NULL, NULL, run);
      time_set_signals (&bench, all, &fill, run);

      time_set_signals (&bench, fewer, NULL, run);
      time_set_signals (&bench, all, &more, run);

      time_set_signals (&bench, again, &same, run);
    }

  title = g_strdup_printf ("Signals panel, bundled sample: %u signals, a refill adds %u "
                           "(milliseconds of main-thread work until drawn)",
                           n, n - wick_signals_get_n_signals (fewer));
  bench_print_header (title);
  times_print (&fill, "first fill");
  times_print (&more, "refill, one candle's signals more");
  times_print (&same, "refill, an equal analysis");

  gtk_window_destroy (GTK_WINDOW (bench.window));

  return 0;
}
