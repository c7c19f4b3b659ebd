/* bench-parse.c: parse throughput of Binance kline pages
 *
 * Builds pages of /api/v3/klines rows in the documented shape (12 fields, prices and volumes
 * as strings with 8 decimals, about 180 bytes a row) from a seeded random walk, then times
 * wick_binance_parse_klines () on them: one full page of 1000 rows, a short page of 100, and
 * a long load of 40 pages whose candles are then merged into one array as a load does
 * (_wick_exchange_merge_pages, pages overlapping by one candle). Prints the median and best
 * time of each case and the median throughput in MB/s and candles/s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-parse.h"
#include "wick-exchange-source-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define T0_MS   G_GINT64_CONSTANT (1704067200000)   /* 2024-01-01 00:00 UTC */

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
           guint       n,
           gsize       bytes,
           guint       candles)
{
  double median;

  qsort (samples, n, sizeof *samples, compare_doubles);
  median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;

  printf ("| %-34s | %8.3f ms | %8.3f ms | %8.1f MB/s | %11.0f candles/s |\n",
          name, median, samples[0], bytes / 1e6 / (median / 1e3), candles / (median / 1e3));
}

/* @n rows from @first_ms on, as Binance sends them. */
static GBytes *
make_page (GRand  *rand,
           double *price,
           gint64  first_ms,
           guint   n)
{
  GString *page = g_string_sized_new (n * 190);

  g_string_append_c (page, '[');
  for (guint i = 0; i < n; i++)
    {
      gint64 open_time = first_ms + (gint64) i * HOUR_MS;
      double open = *price;
      double close = open * (1.0 + g_rand_double_range (rand, -0.004, 0.004));
      double high = MAX (open, close) * (1.0 + g_rand_double_range (rand, 0, 0.002));
      double low = MIN (open, close) * (1.0 - g_rand_double_range (rand, 0, 0.002));
      double volume = g_rand_double_range (rand, 10, 5000);
      char field[6][G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (field[0], sizeof field[0], "%.8f", open);
      g_ascii_formatd (field[1], sizeof field[1], "%.8f", high);
      g_ascii_formatd (field[2], sizeof field[2], "%.8f", low);
      g_ascii_formatd (field[3], sizeof field[3], "%.8f", close);
      g_ascii_formatd (field[4], sizeof field[4], "%.8f", volume);
      g_ascii_formatd (field[5], sizeof field[5], "%.8f", volume * close);

      g_string_append_printf (page,
                              "%s[%" G_GINT64_FORMAT ",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\","
                              "%" G_GINT64_FORMAT ",\"%s\",%u,\"%s\",\"%s\",\"0\"]",
                              i > 0 ? "," : "", open_time, field[0], field[1], field[2],
                              field[3], field[4], open_time + HOUR_MS - 1, field[5],
                              g_rand_int_range (rand, 1000, 90000), field[4], field[5]);
      *price = close;
    }
  g_string_append_c (page, ']');

  return g_string_free_to_bytes (page);
}

static GArray *
parse_or_die (GBytes *page)
{
  g_autoptr(GError) error = NULL;
  GArray *candles = NULL;
  gsize length;
  const char *data = g_bytes_get_data (page, &length);

  if (!wick_binance_parse_klines (data, length, &candles, &error))
    {
      fprintf (stderr, "bench-parse: %s\n", error->message);
      exit (1);
    }

  return candles;
}

/* Parses @pages @repeat times per run. */
static void
bench_pages (const char *name,
             GPtrArray  *pages,
             guint       repeat,
             gboolean    merge)
{
  g_autofree double *samples = g_new (double, n_runs);
  gsize bytes = 0;
  guint candles = 0;

  for (guint i = 0; i < pages->len; i++)
    bytes += g_bytes_get_size (g_ptr_array_index (pages, i));

  for (int run = 0; run < n_runs; run++)
    {
      double start = now_ms ();

      candles = 0;
      for (guint r = 0; r < repeat; r++)
        {
          g_autoptr(GPtrArray) parsed = NULL;

          parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

          for (guint i = 0; i < pages->len; i++)
            g_ptr_array_add (parsed, parse_or_die (g_ptr_array_index (pages, i)));

          if (merge)
            {
              g_autoptr(GArray) merged = NULL;

              merged = _wick_exchange_merge_pages ((GArray * const *) parsed->pdata, parsed->len);
              candles += merged->len;
            }
          else
            {
              for (guint i = 0; i < parsed->len; i++)
                candles += ((GArray *) g_ptr_array_index (parsed, i))->len;
            }
        }

      samples[run] = (now_ms () - start) / repeat;
    }

  print_row (name, samples, n_runs, bytes, candles / repeat);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time Binance kline parsing");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) short_page = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) long_load = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double price = 42000.0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-parse: %s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 5);

  g_ptr_array_add (full, make_page (rand, &price, T0_MS, 1000));
  g_ptr_array_add (short_page, make_page (rand, &price, T0_MS, 100));

  /* Like a load paging forward: each page starts on the last candle of the one before. */
  for (guint i = 0; i < 40; i++)
    {
      gint64 first_ms = T0_MS + (gint64) i * 999 * HOUR_MS;

      g_ptr_array_add (long_load, make_page (rand, &price, first_ms, 1000));
    }

  printf ("Binance kline parsing, %d runs per case (page of 1000 rows: %.0f KB)\n\n", n_runs,
          g_bytes_get_size (g_ptr_array_index (full, 0)) / 1e3);
  printf ("| %-34s | %11s | %11s | %13s | %21s |\n",
          "case", "median", "best", "throughput", "candles");
  printf ("|------------------------------------|-------------|-------------|---------------|"
          "-----------------------|\n");

  bench_pages ("1 page of 1000 klines", full, 20, FALSE);
  bench_pages ("1 page of 100 klines", short_page, 100, FALSE);
  bench_pages ("40 pages (39,961 klines) + merge", long_load, 1, TRUE);

  return 0;
}
