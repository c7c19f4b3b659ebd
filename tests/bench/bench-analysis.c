/* bench-analysis.c: time of the indicators, candlestick patterns and the whole analysis
 *
 * Prints the median and best of repeated runs of every indicator (RSI 14, ATR 14, EMA 20 and
 * 50, MACD 12/26/9, Bollinger Bands 20/2, daily VWAP and a VWAP anchored mid-run) and all ten
 * candlestick patterns (each on its own, and in the one walk the analysis makes), over the
 * bundled sample, 20,000 hourly candles (the real BTCUSDT file from WICK_SHARED_DATA when it
 * is there, synthetic otherwise) and a million synthetic ones.
 * Output arrays are allocated once per series and reused, as an analysis that keeps its
 * buffers would.
 *
 * Then the whole analysis, wick_signals_analyze (): indicators, patterns, zones and signals,
 * with the liquidations and open interest the series has (the real CoinGlass files for the
 * real candles; hourly synthetic liquidations for the synthetic ones), on a snapshot made
 * once, as a worker thread would get it; at a million candles also as an export asks for it
 * (without the indicators no rule reads, then without the explanations as well).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-indicators.h"
#include "wick-market.h"
#include "wick-patterns.h"
#include "wick-sample-source.h"
#include "wick-signals.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define HOUR_MS     G_GINT64_CONSTANT (3600000)
#define REAL_FILE   "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv"
#define LIQUIDATIONS_FILE  "coinglass-BTC-liquidations-1h-binance-bybit-okx-" \
                           "2025-11-23_2026-05-22.csv"
#define OPEN_INTEREST_FILE "coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv"
#define N_INDICATOR_OUTPUTS 12

static int n_runs = 51;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per case for the small series (at least 5)",
    "N" },
  { NULL }
};

typedef struct
{
  double *values[N_INDICATOR_OUTPUTS];  /* Owned */
  gint8  *patterns[WICK_N_PATTERNS];    /* Owned */
} Buffers;

static Buffers *
buffers_new (guint n)
{
  Buffers *b = g_new0 (Buffers, 1);
  guint i;

  for (i = 0; i < N_INDICATOR_OUTPUTS; i++)
    b->values[i] = g_new (double, n);
  for (i = 0; i < WICK_N_PATTERNS; i++)
    b->patterns[i] = g_new (gint8, n);

  return b;
}

static void
buffers_free (Buffers *b)
{
  guint i;

  for (i = 0; i < N_INDICATOR_OUTPUTS; i++)
    g_free (b->values[i]);
  for (i = 0; i < WICK_N_PATTERNS; i++)
    g_free (b->patterns[i]);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Buffers, buffers_free)

static void
run_indicators (const WickCandle *c,
                guint             n,
                Buffers          *b)
{
  double **v = b->values;

  wick_indicators_rsi (c, n, WICK_RSI_PERIOD, v[0]);
  wick_indicators_atr (c, n, WICK_ATR_PERIOD, v[1]);
  wick_indicators_ema (c, n, 20, v[2]);
  wick_indicators_ema (c, n, 50, v[3]);
  wick_indicators_macd (c, n, WICK_MACD_FAST_PERIOD, WICK_MACD_SLOW_PERIOD,
                        WICK_MACD_SIGNAL_PERIOD, v[4], v[5], v[6]);
  wick_indicators_bbands (c, n, WICK_BBANDS_PERIOD, WICK_BBANDS_NB_DEV, v[7], v[8], v[9]);
  wick_indicators_vwap_daily (c, n, v[10]);
  wick_indicators_vwap_anchored (c, n, n / 2, v[11]);
}

static void
run_patterns (const WickCandle *c,
              guint             n,
              Buffers          *b)
{
  guint p;

  for (p = 0; p < WICK_N_PATTERNS; p++)
    wick_patterns_compute (p, c, n, b->patterns[p]);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_row (const char *name,
           double     *samples,
           guint       n)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  printf ("| %-46s | %9.3f | %9.3f | %5u |\n", name,
          n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2, samples[0], n);
}

static void
bench_series (const char       *label,
              const WickCandle *c,
              guint             n,
              guint             runs)
{
  g_autoptr(Buffers) b = buffers_new (n);
  g_autofree double *indicators = g_new (double, runs);
  g_autofree double *patterns = g_new (double, runs);
  g_autofree double *both = g_new (double, runs);
  g_autofree double *one_walk = g_new (double, runs);
  g_autofree char *name = NULL;
  int i;

  /* One warm-up run touches every page of the outputs. */
  for (i = -1; i < (int) runs; i++)
    {
      double start = now_ms ();
      double middle;

      run_indicators (c, n, b);
      middle = now_ms ();
      run_patterns (c, n, b);

      if (i >= 0)
        {
          indicators[i] = middle - start;
          patterns[i] = now_ms () - middle;
          both[i] = now_ms () - start;
        }

      middle = now_ms ();
      wick_patterns_compute_all (c, n, b->patterns);
      if (i >= 0)
        one_walk[i] = now_ms () - middle;
    }

  name = g_strdup_printf ("%s: indicators + patterns", label);
  print_row (name, both, runs);
  print_row ("  indicators (8 functions, 12 outputs)", indicators, runs);
  print_row ("  patterns (10)", patterns, runs);
  print_row ("  patterns (10), in one walk", one_walk, runs);
}

/* The whole analysis of @snapshot, @runs times after a warm-up; with @flags, what an export
 * asks for. */
static void
bench_analysis (const char              *label,
                WickSignalsSnapshot     *snapshot,
                WickSignalsAnalyzeFlags  flags,
                guint                    runs)
{
  g_autofree double *samples = g_new (double, runs);
  g_autofree char *name = NULL;
  guint n_signals = 0;
  int i;

  for (i = -1; i < (int) runs; i++)
    {
      double start = now_ms ();
      g_autoptr(WickSignals) result = wick_signals_analyze_with_flags (snapshot, NULL, flags,
                                                                       NULL, NULL);

      if (i >= 0)
        samples[i] = now_ms () - start;
      n_signals = wick_signals_get_n_signals (result);
    }

  if (flags & WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS)
    name = g_strdup ("  for an export (no unused ones, no texts)");
  else if (flags & WICK_SIGNALS_ANALYZE_LAZY_EXTRAS)
    name = g_strdup ("  no unused indicators");
  else
    name = g_strdup_printf ("%s: %u signals", label, n_signals);
  print_row (name, samples, runs);
}

/* Hourly liquidations for synthetic candles: a few hundred thousand dollars an hour, and now
 * and then a cascade of tens of millions. */
static WickLiquidationBucket *
make_liquidations (const WickCandle *candles,
                   guint             n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260106);
  WickLiquidationBucket *buckets = g_new (WickLiquidationBucket, n);
  guint i;

  for (i = 0; i < n; i++)
    {
      double longs = exp (g_rand_double_range (rand, 10.0, 14.0));
      double shorts = exp (g_rand_double_range (rand, 10.0, 14.0));

      if (g_rand_int_range (rand, 0, 500) == 0)
        longs *= 200.0;
      buckets[i] = (WickLiquidationBucket) { candles[i].open_time_ms, longs, shorts };
    }

  return buckets;
}

static WickCandle *
make_synthetic (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  WickCandle *candles = g_new (WickCandle, n);
  double price = 42000.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];

      c->open_time_ms = G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS;
      c->open = price;
      c->close = price * (1.0 + g_rand_double_range (rand, -0.008, 0.008));
      c->high = MAX (c->open, c->close) * (1.0 + g_rand_double_range (rand, 0.0, 0.004));
      c->low = MIN (c->open, c->close) * (1.0 - g_rand_double_range (rand, 0.0, 0.004));
      c->volume = g_rand_double_range (rand, 50.0, 3000.0);
      price = c->close;
    }

  return candles;
}

static gpointer
load_shared (const char *name,
             int         kind)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;
  gsize len;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  result = kind == 0 ? (gpointer) wick_csv_parse_liquidations (contents, len, HOUR_MS, &error)
                     : (gpointer) wick_csv_parse_open_interest (contents, len, HOUR_MS, &error);
  if (result == NULL)
    g_printerr ("%s: %s\n", path, error->message);

  return result;
}

/* The real hourly candles, or NULL when the file is not there. */
static WickSeries *
load_real (void)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  WickSeries *series;
  gsize len;

  if (dir == NULL)
    return NULL;

  path = g_build_filename (dir, REAL_FILE, NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  series = wick_csv_parse_candles (contents, len, HOUR_MS, &error);
  if (series == NULL)
    g_printerr ("%s: %s\n", path, error->message);

  return series;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the indicators and patterns");
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) sample = NULL;
  g_autoptr(WickSeries) real = NULL;
  g_autofree WickCandle *synthetic = NULL;
  g_autofree WickCandle *million = NULL;
  g_autofree WickLiquidationBucket *synthetic_liquidations = NULL;
  g_autoptr(WickLiquidations) real_liquidations = NULL;
  g_autoptr(WickOpenInterest) real_open_interest = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autofree char *label = NULL;
  WickSeries *series;
  guint million_n = 1000000;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_runs = MAX (n_runs, 5);
  if (g_getenv ("WICK_BENCH_CANDLES") != NULL)
    million_n = (guint) g_ascii_strtoull (g_getenv ("WICK_BENCH_CANDLES"), NULL, 10);

  source = wick_sample_source_new ();
  sample = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  if (sample == NULL)
    {
      g_printerr ("Could not load the sample: %s\n", error->message);
      return 1;
    }
  series = wick_market_get_series (sample);

  printf ("Wick indicators and candlestick patterns (milliseconds)\n\n");
  printf ("| %-46s | %9s | %9s | %5s |\n", "case", "median", "best", "runs");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------------------",
          "-----------", "-----------", "-------");

  n = wick_series_get_length (series);
  label = g_strdup_printf ("sample (%u candles)", n);
  bench_series (label, wick_series_get_candles (series), n, n_runs * 4);
  g_clear_pointer (&label, g_free);

  /* 20,000 candles: the most recent of the real file, or synthetic ones. */
  real = load_real ();
  if (real != NULL && wick_series_get_length (real) >= 20000)
    {
      n = wick_series_get_length (real);
      bench_series ("20,000 real BTCUSDT 1h", wick_series_get_candles (real) + n - 20000,
                    20000, n_runs * 2);
    }
  else
    {
      synthetic = make_synthetic (20000);
      bench_series ("20,000 synthetic", synthetic, 20000, n_runs * 2);
    }

  million = make_synthetic (million_n);
  label = g_strdup_printf ("%u synthetic", million_n);
  bench_series (label, million, million_n, MAX (n_runs / 5, 5));
  g_clear_pointer (&label, g_free);

  /* The whole analysis: indicators, patterns, zones and signals. */
  printf ("\nWick analysis: indicators, patterns, zones and signals (milliseconds)\n\n");
  printf ("| %-46s | %9s | %9s | %5s |\n", "case", "median", "best", "runs");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------------------",
          "-----------", "-----------", "-------");
  snapshot = wick_signals_snapshot_new_for_market (sample);
  label = g_strdup_printf ("sample (%u candles)", wick_series_get_length (series));
  bench_analysis (label, snapshot, WICK_SIGNALS_ANALYZE_DEFAULT, n_runs * 2);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&snapshot, wick_signals_snapshot_unref);

  real_liquidations = load_shared (LIQUIDATIONS_FILE, 0);
  real_open_interest = load_shared (OPEN_INTEREST_FILE, 1);
  if (real != NULL && wick_series_get_length (real) >= 20000)
    {
      WickLiquidations *l = real_liquidations;
      WickOpenInterest *oi = real_open_interest;

      n = wick_series_get_length (real);
      snapshot = wick_signals_snapshot_new (HOUR_MS, wick_series_get_candles (real) + n - 20000,
                                            20000,
                                            l ? wick_liquidations_get_buckets (l) : NULL,
                                            l ? wick_liquidations_get_length (l) : 0,
                                            oi ? wick_open_interest_get_points (oi) : NULL,
                                            oi ? wick_open_interest_get_length (oi) : 0);
      bench_analysis ("20,000 real BTCUSDT 1h", snapshot, WICK_SIGNALS_ANALYZE_DEFAULT, n_runs);
    }
  else
    {
      synthetic_liquidations = make_liquidations (synthetic, 20000);
      snapshot = wick_signals_snapshot_new (HOUR_MS, synthetic, 20000,
                                            synthetic_liquidations, 20000, NULL, 0);
      bench_analysis ("20,000 synthetic", snapshot, WICK_SIGNALS_ANALYZE_DEFAULT, n_runs);
      g_clear_pointer (&synthetic_liquidations, g_free);
    }
  g_clear_pointer (&snapshot, wick_signals_snapshot_unref);

  synthetic_liquidations = make_liquidations (million, million_n);
  snapshot = wick_signals_snapshot_new (HOUR_MS, million, million_n,
                                        synthetic_liquidations, million_n, NULL, 0);
  label = g_strdup_printf ("%u synthetic", million_n);
  bench_analysis (label, snapshot, WICK_SIGNALS_ANALYZE_DEFAULT, MAX (n_runs / 5, 5));
  bench_analysis (label, snapshot, WICK_SIGNALS_ANALYZE_LAZY_EXTRAS, MAX (n_runs / 5, 5));
  bench_analysis (label, snapshot,
                  WICK_SIGNALS_ANALYZE_LAZY_EXTRAS | WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS,
                  MAX (n_runs / 5, 5));

  return 0;
}
