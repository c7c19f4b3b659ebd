/* bench-utils.h: what the renderer and export benchmarks share: timing, medians, the rows of
 * their tables, and synthetic hourly candles
 *
 * Every table row is `| case | median | best | runs |` in milliseconds, which is what
 * build-aux/bench.sh reads back for its JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wick-market.h"

#define BENCH_HOUR_MS  G_GINT64_CONSTANT (3600000)
#define BENCH_FIRST_MS G_GINT64_CONSTANT (946684800000)  /* 2000-01-01 00:00 UTC */

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
static inline double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof *values, bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static inline void
bench_print_header (const char *title)
{
  printf ("%s\n\n", title);
  printf ("| %-52s | %9s | %9s | %5s |\n", "case", "median", "best", "runs");
  printf ("|------------------------------------------------------|-----------|-----------|"
          "-------|\n");
}

/* A row of the table: the median and the best of @samples (which it sorts). printf pads by
 * bytes, and the names may hold “×” or “…”. */
static inline double
bench_print_row (const char *name,
                 double     *samples,
                 guint       n)
{
  double median = bench_median (samples, n);

  printf ("| %s%*s | %9.3f | %9.3f | %5u |\n", name,
          MAX (0, 52 - (int) g_utf8_strlen (name, -1)), "", median, samples[0], n);
  fflush (stdout);

  return median;
}

/* @n hourly candles from 2000-01-01: a random walk in log price, pulled gently towards
 * 30,000 so that a century of it stays on a readable scale; the same for a seed on every run
 * (it is the walk build-aux/bench.sh writes to its CSV files). */
static inline WickCandle *
bench_make_candles (guint   n,
                    guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WickCandle *candles = g_new (WickCandle, MAX (n, 1));
  double price = 30000.0;

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double close = price * exp (1e-4 * log (30000.0 / price) +
                                  g_rand_double_range (rand, -0.007, 0.007));

      c->open_time_ms = BENCH_FIRST_MS + (gint64) i * BENCH_HOUR_MS;
      c->open = price;
      c->close = close;
      c->high = MAX (price, close) * (1 + g_rand_double_range (rand, 0, 0.003));
      c->low = MIN (price, close) * (1 - g_rand_double_range (rand, 0, 0.003));
      c->volume = g_rand_double_range (rand, 10, 1000);
      price = close;
    }

  return candles;
}

static inline WickMarket *
bench_make_market (guint n)
{
  g_autoptr(WickSeries) series = wick_series_new (BENCH_HOUR_MS);
  g_autofree WickCandle *candles = bench_make_candles (n, 20260101);
  g_autoptr(GError) error = NULL;
  WickMarket *market;

  if (!wick_series_append (series, candles, n, &error))
    g_error ("%s", error->message);

  market = wick_market_new ("synthetic", "BTCUSDT", "1h", series);
  wick_market_set_source_label (market, "Benchmark data (synthetic)");
  wick_market_set_is_synthetic (market, TRUE);

  return market;
}
