/* bench-candle-cache.c: saving and loading a full candle cache file
 *
 * Prints the median and best time to save and to load WICK_CACHE_MAX_CANDLES (500,000)
 * synthetic hourly candles, about 24 MB, and a typical 1,500-candle market. The files go to
 * a temporary folder that is removed afterwards; the page cache is warm, so the figures are
 * the format's cost (encoding, checksum, validation), not the disk's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-candle-cache.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)

static int n_runs = 15;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per case (at least 5)", "N" },
  { NULL }
};

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_row (const char *name,
           double     *samples,
           guint       n)
{
  double median;

  qsort (samples, n, sizeof *samples, compare_doubles);
  median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;

  printf ("| %-36s | %9.3f ms | %9.3f ms | %5u |\n", name, median, samples[0], n);
}

static WickSeries *
make_series (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(GArray) candles = g_array_sized_new (FALSE, FALSE, sizeof (WickCandle), n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(GError) error = NULL;
  double price = 92000.0;

  for (guint i = 0; i < n; i++)
    {
      double close = price * (1.0 + g_rand_double_range (rand, -0.004, 0.004));
      WickCandle c = {
        .open_time_ms = G_GINT64_CONSTANT (1262304000000) + (gint64) i * HOUR_MS,
        .open = price,
        .high = MAX (price, close) * (1.0 + g_rand_double_range (rand, 0, 0.002)),
        .low = MIN (price, close) * (1.0 - g_rand_double_range (rand, 0, 0.002)),
        .close = close,
        .volume = g_rand_double_range (rand, 10, 5000),
      };

      g_array_append_val (candles, c);
      price = close;
    }

  if (!wick_series_append (series, (const WickCandle *) (gpointer) candles->data, n, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&series);
}

static void
bench (WickCandleCache *cache,
       guint            n_candles)
{
  g_autoptr(WickSeries) series = make_series (n_candles);
  g_autofree double *save = g_new (double, n_runs);
  g_autofree double *load = g_new (double, n_runs);
  g_autofree char *save_name = NULL;
  g_autofree char *load_name = NULL;

  for (int i = 0; i < n_runs; i++)
    {
      g_autoptr(WickSeries) loaded = NULL;
      g_autoptr(GError) error = NULL;
      double start = now_ms ();

      if (!wick_candle_cache_save (cache, "Bench", "BTCUSDT", "1h", series, &error))
        g_error ("%s", error->message);
      save[i] = now_ms () - start;

      start = now_ms ();
      loaded = wick_candle_cache_load (cache, "Bench", "BTCUSDT", "1h", &error);
      load[i] = now_ms () - start;
      if (loaded == NULL)
        g_error ("%s", error->message);
      if (wick_series_get_length (loaded) != n_candles)
        g_error ("loaded %u candles, saved %u", wick_series_get_length (loaded), n_candles);
    }

  save_name = g_strdup_printf ("save %u candles", n_candles);
  load_name = g_strdup_printf ("load %u candles", n_candles);
  print_row (save_name, save, n_runs);
  print_row (load_name, load, n_runs);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the candle cache");
  g_autoptr(WickCandleCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 5);

  dir = g_dir_make_tmp ("wick-bench-cache-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  cache = wick_candle_cache_new (dir);

  printf ("Wick candle cache, %d runs per case (median and best)\n\n", n_runs);
  printf ("| %-36s | %12s | %12s | %5s |\n", "case", "median", "best", "runs");
  printf ("|--------------------------------------|--------------|--------------|-------|\n");

  bench (cache, 1500);
  bench (cache, WICK_CACHE_MAX_CANDLES);

  path = wick_candle_cache_dup_path (cache, "Bench", "BTCUSDT", "1h");
  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
