/* test-signals-modes.c: the ways an analysis runs give the same signals: in a worker thread,
 * on two threads, without explanations, and with its per-candle arrays left until asked for,
 * from any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-signals-utils.h"

#include "wick-signals-private.h"

/* In a worker thread, the same result; cancelled, an error and no result. */
static void
test_async (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignals) sync = wick_signals_analyze (snapshot, NULL, NULL, NULL);
  g_autoptr(WickSignals) async = NULL;
  g_autoptr(WickSignals) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint i;

  async = analyze_async (snapshot, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_signals_get_n_signals (async), ==, wick_signals_get_n_signals (sync));
  for (i = 0; i < wick_signals_get_n_signals (sync); i++)
    g_assert_cmpstr (wick_signals_get_signal (async, i)->explanation, ==,
                     wick_signals_get_signal (sync, i)->explanation);
  g_assert_true (wick_signals_get_snapshot (async) == snapshot);

  g_cancellable_cancel (cancellable);
  cancelled = analyze_async (snapshot, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

static void
test_api (void)
{
  g_autoptr(WickSignalsSnapshot) empty = NULL;
  g_autoptr(WickSignals) result = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  WickSignalParams params;
  guint i;

  for (i = 0; i < WICK_N_SIGNAL_KINDS; i++)
    {
      g_assert_true (g_hash_table_add (ids, (gpointer) wick_signal_kind_to_string (i)));
      g_assert_cmpstr (wick_signal_kind_get_label (i), !=, "");
    }
  g_assert_cmpstr (wick_signal_kind_to_string (WICK_SIGNAL_SUPPORT_TEST), ==, "support-test");
  g_assert_cmpstr (wick_signal_direction_to_string (WICK_SIGNAL_BEARISH), ==, "bearish");
  g_assert_cmpstr (wick_indicator_get_name (WICK_INDICATOR_BB_MIDDLE), ==, "bb_mid");

  /* signals.md's numbers. */
  wick_signal_params_init (&params);
  g_assert_cmpuint (params.baseline_bars, ==, 168);
  g_assert_cmpfloat (params.cascade_z, ==, 3.5);
  g_assert_cmpfloat (params.cascade_floor_usd, ==, 25e6);
  g_assert_cmpfloat (params.v_retrace, ==, 0.618);
  g_assert_cmpuint (params.zones.window, ==, 500);

  /* Nothing in, nothing out. */
  empty = wick_signals_snapshot_new (HOUR_MS, NULL, 0, NULL, 0, NULL, 0);
  result = wick_signals_analyze (empty, NULL, NULL, NULL);
  g_assert_cmpuint (wick_signals_get_n_candles (result), ==, 0);
  g_assert_cmpuint (wick_signals_get_n_signals (result), ==, 0);
  g_assert_cmpuint (wick_zones_get_n_zones (wick_signals_get_zones (result)), ==, 0);
}

/* Every output of two analyses is the same, to the bit. */
static void
assert_same_analysis (WickSignals *a,
                      WickSignals *b)
{
  guint n = wick_signals_get_n_candles (a);

  g_assert_cmpuint (n, ==, wick_signals_get_n_candles (b));
  g_assert_cmpuint (wick_signals_get_n_signals (a), ==, wick_signals_get_n_signals (b));
  for (guint i = 0; i < wick_signals_get_n_signals (a); i++)
    test_assert_same_signal (wick_signals_get_signal (a, i), wick_signals_get_signal (b, i));
  for (guint k = 0; k < WICK_N_INDICATORS; k++)
    g_assert_cmpmem (wick_signals_get_indicator (a, k), n * sizeof (double),
                     wick_signals_get_indicator (b, k), n * sizeof (double));
  for (guint k = 0; k < WICK_N_PATTERNS; k++)
    g_assert_cmpmem (wick_signals_get_pattern (a, k), n * sizeof (gint8),
                     wick_signals_get_pattern (b, k), n * sizeof (gint8));
  g_assert_cmpuint (wick_zones_get_n_zones (wick_signals_get_zones (a)), ==,
                    wick_zones_get_n_zones (wick_signals_get_zones (b)));
}

/* @bare was analysed without explanations: the same signals as @a, none explained. */
static void
assert_same_unexplained (WickSignals *a,
                         WickSignals *bare)
{
  g_assert_cmpuint (wick_signals_get_n_signals (a), >, 0);
  g_assert_cmpuint (wick_signals_get_n_signals (a), ==, wick_signals_get_n_signals (bare));
  for (guint i = 0; i < wick_signals_get_n_signals (a); i++)
    {
      WickSignal unexplained = *wick_signals_get_signal (a, i);

      g_assert_nonnull (unexplained.explanation);
      unexplained.explanation = NULL;
      test_assert_same_signal (&unexplained, wick_signals_get_signal (bare, i));
    }
  g_assert_cmpuint (wick_zones_get_n_zones (wick_signals_get_zones (a)), ==,
                    wick_zones_get_n_zones (wick_signals_get_zones (bare)));
}

/* An export's analysis keeps no explanations and finds the same signals, on one thread for
 * the sample. */
static void
test_no_explanations (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignals) full = wick_signals_analyze (snapshot, NULL, NULL, NULL);
  g_autoptr(WickSignals) bare = NULL;

  bare = wick_signals_analyze_with_flags (snapshot, NULL,
                                          WICK_SIGNALS_ANALYZE_LAZY_EXTRAS |
                                          WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS, NULL, NULL);
  assert_same_unexplained (full, bare);
}

/* A long series is analysed on two threads, the levels walk in shares that each thread takes
 * in turn, and with the extras left for later; all of it gives what one thread gives. */
static void
test_threads (void)
{
  const guint n = 120000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260107);
  g_autofree WickCandle *candles = g_new (WickCandle, n);
  g_autofree WickLiquidationBucket *buckets = g_new (WickLiquidationBucket, n);
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) one = NULL;
  g_autoptr(WickSignals) two = NULL;
  g_autoptr(WickSignals) lazy = NULL;
  g_autoptr(WickSignals) bare = NULL;
  double price = 40000.0;

  for (guint i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];
      double move = g_rand_double_range (rand, -0.008, 0.008);

      c->open_time_ms = utc_ms (2010, 1, 1, 0) + (gint64) i * HOUR_MS;
      c->open = price;
      c->close = price * (1.0 + move);
      c->high = MAX (c->open, c->close) * (1.0 + g_rand_double_range (rand, 0.0, 0.004));
      c->low = MIN (c->open, c->close) * (1.0 - g_rand_double_range (rand, 0.0, 0.004));
      c->volume = g_rand_double_range (rand, 50.0, 3000.0) * (move < -0.007 ? 8.0 : 1.0);
      price = c->close;
      buckets[i] = (WickLiquidationBucket) {
        c->open_time_ms, g_rand_double_range (rand, 1e4, 1e6) * (move < -0.0075 ? 300 : 1),
        g_rand_double_range (rand, 1e4, 1e6),
      };
    }

  snapshot = wick_signals_snapshot_new (HOUR_MS, candles, n, buckets, n, NULL, 0);
  one = _wick_signals_analyze_threads (snapshot, NULL, WICK_SIGNALS_ANALYZE_DEFAULT, FALSE,
                                       NULL, NULL);
  two = _wick_signals_analyze_threads (snapshot, NULL, WICK_SIGNALS_ANALYZE_DEFAULT, TRUE,
                                       NULL, NULL);
  lazy = wick_signals_analyze_with_flags (snapshot, NULL, WICK_SIGNALS_ANALYZE_LAZY_EXTRAS,
                                          NULL, NULL);
  check_sane (two);
  for (guint k = 0; k < WICK_N_SIGNAL_KINDS; k++)
    g_assert_cmpuint (count_kind (two, k), >, 0);
  assert_same_analysis (one, two);

  /* The lazy analysis keeps no per-candle array until asked for it, then makes only the one
   * asked for (with those of the same function): what it makes is what the others have. */
  for (guint p = 0; p < WICK_N_PATTERNS; p++)
    g_assert_null (lazy->patterns[p]);
  for (guint k = 0; k < WICK_N_INDICATORS; k++)
    g_assert_null (lazy->indicators[k]);
  g_assert_nonnull (wick_signals_get_indicator (lazy, WICK_INDICATOR_MACD_HIST));
  for (guint k = 0; k < WICK_N_INDICATORS; k++)
    g_assert_true ((lazy->indicators[k] != NULL) ==
                   (k == WICK_INDICATOR_MACD || k == WICK_INDICATOR_MACD_SIGNAL ||
                    k == WICK_INDICATOR_MACD_HIST));
  assert_same_analysis (one, lazy);

  bare = wick_signals_analyze_with_flags (snapshot, NULL, WICK_SIGNALS_ANALYZE_NO_EXPLANATIONS,
                                          NULL, NULL);
  assert_same_unexplained (one, bare);
}

typedef struct
{
  WickSignals   *signals;
  WickIndicator  indicator;
  const double  *values;
  const gint8   *pattern;
} Reader;

static gpointer
read_arrays_thread (gpointer data)
{
  Reader *reader = data;

  reader->values = wick_signals_get_indicator (reader->signals, reader->indicator);
  reader->pattern = wick_signals_get_pattern (reader->signals, WICK_PATTERN_ENGULFING);

  return NULL;
}

/* Threads asking a lazy analysis for the same arrays at once get the one copy each, with the
 * values an analysis that computed everything has. */
static void
test_lazy_threads (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignals) full = wick_signals_analyze (snapshot, NULL, NULL, NULL);
  guint n = wick_signals_get_n_candles (full);

  for (guint k = 0; k < WICK_N_INDICATORS; k++)
    {
      g_autoptr(WickSignals) lazy = NULL;
      Reader readers[4];
      GThread *threads[G_N_ELEMENTS (readers)];

      lazy = wick_signals_analyze_with_flags (snapshot, NULL, WICK_SIGNALS_ANALYZE_LAZY_EXTRAS,
                                              NULL, NULL);
      for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
        {
          readers[t] = (Reader) { lazy, k, NULL, NULL };
          threads[t] = g_thread_new ("reader", read_arrays_thread, &readers[t]);
        }
      for (guint t = 0; t < G_N_ELEMENTS (readers); t++)
        {
          g_thread_join (threads[t]);
          g_assert_true (readers[t].values == readers[0].values);
          g_assert_true (readers[t].pattern == readers[0].pattern);
        }
      g_assert_cmpmem (readers[0].values, n * sizeof (double),
                       wick_signals_get_indicator (full, k), n * sizeof (double));
      g_assert_cmpmem (readers[0].pattern, n * sizeof (gint8),
                       wick_signals_get_pattern (full, WICK_PATTERN_ENGULFING), n * sizeof (gint8));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/signals-modes/async", test_async);
  g_test_add_func ("/wick/signals-modes/api", test_api);
  g_test_add_func ("/wick/signals-modes/threads", test_threads);
  g_test_add_func ("/wick/signals-modes/no-explanations", test_no_explanations);
  g_test_add_func ("/wick/signals-modes/lazy-threads", test_lazy_threads);

  return g_test_run ();
}
