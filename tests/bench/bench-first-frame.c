/* bench-first-frame.c: when did the window first paint? A module to LD_PRELOAD into wick
 *
 * It wraps gtk_window_present () and, on the first window shown, waits for its frame clock's
 * first "after-paint": then it prints the milliseconds since the module was loaded (with the
 * process, before main) on stderr as `first-frame-ms N` and ends the process at once. The
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

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  fprintf (stderr, "first-frame-ms %.2f\n", (g_get_monotonic_time () - loaded_us) / 1000.0);
  fflush (stderr);
  _exit (0);
}

static void
on_map_cb (GtkWidget *window,
           gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
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
