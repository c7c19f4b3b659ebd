/* test-signals.c: the reversal signals on constructed candles, the sample and real data
 *
 * Each rule gets a constructed path (test-signals-utils.h) that should fire it and one or
 * more that should not, differing in the one condition under test. Then the properties of the
 * whole: nothing repaints, the zones are wick-zones.h's, and what the rules find in the
 * bundled sample and in real BTCUSDT hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-signals-utils.h"

#include "wick-csv.h"
#include "wick-indicators.h"
#include "wick-sample-source.h"
#include "wick-signals-private.h"

#include <string.h>

#define REAL_CANDLES      "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv"
#define REAL_LIQUIDATIONS "coinglass-BTC-liquidations-1h-binance-bybit-okx-" \
                          "2025-11-23_2026-05-22.csv"
#define REAL_INTEREST     "coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv"

static void
test_cascade (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  int shape;

  build_cascade (p, 0);
  result = path_analyze (p, TRUE);
  check_sane (result);
  s = find_signal (result, WICK_SIGNAL_LIQUIDATION_CASCADE, G_MAXUINT);
  g_assert_nonnull (s);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BULLISH);
  g_assert_cmpuint (s->start_index, ==, 250);
  g_assert_cmpuint (s->index, ==, 250);                /* the lowest low */
  g_assert_cmpuint (s->confirmed_index, ==, 253);      /* two quiet candles after the last */
  g_assert_cmpfloat (s->price, ==, 95.0);
  g_assert_nonnull (strstr (s->explanation, "of longs liquidated in 2 hours, down to 95"));
  g_assert_true (g_str_has_prefix (s->explanation, "Long liquidation cascade: $18"));

  /* Without liquidation data there is nothing to judge. */
  g_clear_pointer (&result, wick_signals_unref);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_LIQUIDATION_CASCADE), ==, 0);

  for (shape = 1; shape <= 3; shape++)
    {
      g_clear_pointer (&result, wick_signals_unref);
      memset (p, 0, sizeof *p);
      build_cascade (p, shape);
      result = path_analyze (p, TRUE);
      g_assert_cmpuint (count_kind (result, WICK_SIGNAL_LIQUIDATION_CASCADE), ==, 0);
    }
}

static void
test_capitulation (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint j;

  /* A long lower shadow on ten times the volume. */
  j = build_sell_off (p, 105.0, 98.0, 101.2, 1000.0, 105.0, 8);
  result = path_analyze (p, FALSE);
  check_sane (result);
  s = find_signal (result, WICK_SIGNAL_CAPITULATION_VOLUME, j);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->confirmed_index, ==, j + 3);
  g_assert_cmpfloat (s->price, ==, 98.0);
  g_assert_true (g_str_has_prefix (s->explanation, "Capitulation volume at 98: "));
  g_assert_true (g_str_has_suffix (s->explanation, "closed 88 % of the range off the low"));

  /* The same candle on ordinary volume. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  build_sell_off (p, 105.0, 98.0, 101.2, 0, 105.0, 8);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_CAPITULATION_VOLUME), ==, 0);

  /* Ten times the volume on a small candle that closes at its low. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  build_sell_off (p, 105.0, 100.4, 100.45, 1000.0, 105.0, 8);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_CAPITULATION_VOLUME), ==, 0);
}

static void
test_v_recovery (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint j;

  /* From 105.5 down to 98 (a wide down candle on heavy volume), then to 105 in 8 candles. */
  j = build_sell_off (p, 105.0, 98.0, 99.5, 1000.0, 105.0, 8);
  result = path_analyze (p, FALSE);
  check_sane (result);
  s = find_signal (result, WICK_SIGNAL_V_RECOVERY, G_MAXUINT);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->start_index, ==, j);
  g_assert_cmpuint (s->index, >=, j + 3);
  g_assert_cmpuint (s->index, <=, j + 8);
  g_assert_cmpfloat (s->level, ==, 98.0);
  g_assert_true (g_str_has_prefix (s->explanation,
                                   "Sharp V-shaped recovery: down 7.1 % to 98, then up "));

  /* A drop of 4 from 102 and a rally to 100.8: 70 % back, but only 2.9 % up. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  build_sell_off (p, 101.5, 98.0, 99.5, 1000.0, 100.8, 8);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_V_RECOVERY), ==, 0);

  /* Up 7 %, but over 100 candles. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  build_sell_off (p, 105.0, 98.0, 99.5, 1000.0, 105.0, 100);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_V_RECOVERY), ==, 0);
}

static void
test_higher_low (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint b, c;

  /* Lows 100, then 96 (lower), then 99 (higher), legs of 6 to 10 at about 1.5 ATR. */
  path_walk (p, 110.0, 20);
  path_walk (p, 100.0, 10);
  path_walk (p, 106.0, 6);
  b = path_walk (p, 96.0, 10);
  path_walk (p, 104.0, 8);
  c = path_walk (p, 99.0, 5);
  path_walk (p, 107.0, 8);
  path_walk (p, 107.0, 8);
  result = path_analyze (p, FALSE);
  check_sane (result);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_HIGHER_LOW), ==, 1);
  s = find_signal (result, WICK_SIGNAL_HIGHER_LOW, G_MAXUINT);
  g_assert_cmpuint (s->index, ==, c);
  g_assert_cmpuint (s->start_index, ==, b);
  g_assert_cmpfloat (s->price, ==, 98.5);
  g_assert_cmpfloat (s->level, ==, 95.5);
  g_assert_cmpuint (s->confirmed_index, >, c + 3);
  g_assert_cmpstr (s->explanation, ==,
                   "Higher low at 98.50, 3 above the 95.50 low, after the high at 104.50");

  /* Rising lows only: 100, 102, 104; no decline to turn. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  path_walk (p, 95.0, 20);
  path_walk (p, 106.0, 10);
  path_walk (p, 100.0, 6);
  path_walk (p, 108.0, 8);
  path_walk (p, 102.0, 6);
  path_walk (p, 110.0, 8);
  path_walk (p, 104.0, 6);
  path_walk (p, 112.0, 8);
  path_walk (p, 112.0, 8);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_HIGHER_LOW), ==, 0);
}

static void
test_breakout (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint i;

  i = build_breakout (p, 400.0, 108.0);
  result = path_analyze (p, FALSE);
  check_sane (result);
  s = find_signal (result, WICK_SIGNAL_BREAKOUT, i);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->confirmed_index, ==, i + 1);
  g_assert_cmpfloat (s->price, ==, 107.0);
  g_assert_cmpfloat (s->level, >, 105.5);
  g_assert_cmpfloat (s->level, <, 106.0);
  g_assert_true (g_str_has_prefix (s->explanation, "Breakout above resistance at "));
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_FAILED_BREAKOUT), ==, 0);

  /* No volume behind it: no breakout. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  i = build_breakout (p, 0, 108.0);
  result = path_analyze (p, FALSE);
  g_assert_null (find_signal (result, WICK_SIGNAL_BREAKOUT, i));

  /* Back below the next hour: failed, and never confirmed. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  i = build_breakout (p, 400.0, 104.5);
  result = path_analyze (p, FALSE);
  g_assert_null (find_signal (result, WICK_SIGNAL_BREAKOUT, i));
  s = find_signal (result, WICK_SIGNAL_FAILED_BREAKOUT, i + 1);
  g_assert_nonnull (s);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BEARISH);
  g_assert_cmpuint (s->start_index, ==, i);
  g_assert_true (g_str_has_suffix (s->explanation,
                                   "closed back below at 104.50, 1 hour after the breakout"));
}

static void
test_support_test (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint i;

  i = build_support (p, 101.0, 101.0, 101.3, 97.0, 100.8);
  result = path_analyze (p, FALSE);
  check_sane (result);
  s = find_signal (result, WICK_SIGNAL_SUPPORT_TEST, i);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->confirmed_index, ==, i);
  g_assert_cmpfloat (s->price, ==, 97.0);
  g_assert_cmpstr (s->explanation, ==, "Support test at 99.50: wick to 97, closed back above");

  /* A wick that stays inside the zone. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  i = build_support (p, 101.0, 101.0, 101.3, 99.4, 100.8);
  result = path_analyze (p, FALSE);
  g_assert_null (find_signal (result, WICK_SIGNAL_SUPPORT_TEST, i));

  /* A close below that comes back on the next candle: a close spring. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  i = build_support (p, 101.0, 101.0, 101.3, 98.5, 98.8);
  result = path_analyze (p, FALSE);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_SUPPORT_TEST), ==, 1);
  s = find_signal (result, WICK_SIGNAL_SUPPORT_TEST, G_MAXUINT);
  g_assert_cmpuint (s->start_index, ==, i);
  g_assert_cmpuint (s->index, ==, i + 1);           /* the excursion's low, 98.3 */
  g_assert_cmpuint (s->confirmed_index, ==, i + 1);
  g_assert_cmpstr (s->explanation, ==,
                   "Support test at 99.50: closed below, down to 98.30, "
                   "and back above after 1 hour");

  /* A close far below, a real breakdown. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  i = build_support (p, 101.0, 101.0, 101.3, 94.0, 94.5);
  result = path_analyze (p, FALSE);
  g_assert_null (find_signal (result, WICK_SIGNAL_SUPPORT_TEST, i));
}

static void
test_n_week (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint peak, top, bottom, k;

  /* A spike to 120 on the first day, six weeks between 100 and 110, then a rally to 115 and
   * a fall to 94. The equal crests and troughs of the range are no n-week anything. */
  path_walk (p, 105.0, 1);
  peak = path_walk (p, 120.0, 10);
  path_walk (p, 105.0, 10);
  for (k = 0; k < 21; k++)
    {
      path_walk (p, 110.0, 24);
      path_walk (p, 100.0, 24);
    }
  top = path_walk (p, 115.0, 10);
  bottom = path_walk (p, 94.0, 20);
  path_walk (p, 100.0, 10);
  result = path_analyze (p, FALSE);
  check_sane (result);

  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_N_WEEK_HIGH), ==, 1);
  s = find_signal (result, WICK_SIGNAL_N_WEEK_HIGH, top);
  g_assert_nonnull (s);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BULLISH);
  /* Since the last candle as high: on the way down from the spike. */
  g_assert_cmpuint (s->start_index, >, peak);
  g_assert_cmpfloat (p->candles[s->start_index].high, >=, 115.5);
  for (k = s->start_index + 1; k < top; k++)
    g_assert_cmpfloat (p->candles[k].high, <, 115.5);
  g_assert_cmpuint (s->confirmed_index, ==, top + 3);
  g_assert_cmpfloat (s->price, ==, 115.5);
  g_assert_cmpstr (s->explanation, ==, "6-week high at 115.50: the highest high since 1 Dec 2025");

  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_N_WEEK_LOW), ==, 1);
  s = find_signal (result, WICK_SIGNAL_N_WEEK_LOW, bottom);
  g_assert_nonnull (s);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BEARISH);
  g_assert_cmpstr (s->explanation, ==,
                   "6-week low at 93.50: the lowest low since the data starts on 1 Dec 2025");
}

static void
test_rsi_divergence (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const double *rsi;
  guint i, n = 0;

  /* A fast fall to 100, then a slow one to a lower low: RSI makes a higher low. */
  build_divergence (p, 99.0, FALSE, TRUE);
  result = path_analyze (p, FALSE);
  check_sane (result);
  rsi = wick_signals_get_indicator (result, WICK_INDICATOR_RSI);
  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *s = wick_signals_get_signal (result, i);

      if (s->kind != WICK_SIGNAL_RSI_DIVERGENCE || s->direction != WICK_SIGNAL_BULLISH)
        continue;

      g_assert_cmpfloat (p->candles[s->index].low, <, p->candles[s->start_index].low);
      g_assert_cmpfloat (rsi[s->index], >, rsi[s->start_index]);
      g_assert_cmpuint (s->index - s->start_index, >=, 5);
      g_assert_cmpuint (s->index - s->start_index, <=, 60);
      g_assert_cmpuint (s->confirmed_index, ==, s->index + 5);
      g_assert_true (g_str_has_prefix (s->explanation, "Bullish RSI divergence: a lower low at "));
      n++;
    }
  g_assert_cmpuint (n, >=, 1);

  /* The other way round: a slow fall first, then a fast one to the lower low, where RSI
   * makes a lower low too. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  build_divergence (p, 98.0, TRUE, FALSE);
  result = path_analyze (p, FALSE);
  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    g_assert_false (wick_signals_get_signal (result, i)->kind == WICK_SIGNAL_RSI_DIVERGENCE &&
                    wick_signals_get_signal (result, i)->direction == WICK_SIGNAL_BULLISH);
}

static void
test_reversal_candle (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(WickSignals) result = NULL;
  const WickSignal *s;
  guint i;

  /* A hammer whose low reaches into the support zone around 99.5 (no spring: not below it),
   * its body near the low before it, as TA-Lib wants. */
  i = build_support (p, 100.6, 100.1, 100.25, 99.4, 100.2);
  result = path_analyze (p, FALSE);
  check_sane (result);
  g_assert_cmpint (wick_signals_get_pattern (result, WICK_PATTERN_HAMMER)[i], ==, 100);
  g_assert_null (find_signal (result, WICK_SIGNAL_SUPPORT_TEST, i));
  s = find_signal (result, WICK_SIGNAL_REVERSAL_CANDLE, i);
  g_assert_nonnull (s);
  g_assert_cmpint (s->pattern, ==, WICK_PATTERN_HAMMER);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BULLISH);
  g_assert_cmpstr (s->explanation, ==, "Hammer at support 99.50: low 99.40, close 100.20");

  /* The same hammer with one low at 99.5 before it: no zone, no signal. */
  g_clear_pointer (&result, wick_signals_unref);
  memset (p, 0, sizeof *p);
  path_walk (p, 110.0, 20);
  path_walk (p, 100.0, 10);
  path_walk (p, 106.0, 24);
  path_walk (p, 100.6, 10);
  i = path_candle (p, 100.1, 100.25, 99.4, 100.2, 0);
  path_walk (p, 104.0, 6);
  result = path_analyze (p, FALSE);
  g_assert_cmpint (wick_signals_get_pattern (result, WICK_PATTERN_HAMMER)[i], ==, 100);
  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_REVERSAL_CANDLE), ==, 0);
}

/* On the sample, with its liquidations and open interest: every 40th prefix, and every one
 * from 4 to 8 January, where the story is. */
static void
test_no_repaint_sample (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  g_autoptr(WickSignalsSnapshot) whole = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignals) all = wick_signals_analyze (whole, NULL, NULL, NULL);
  WickSeries *series = wick_market_get_series (market);
  guint n = wick_series_get_length (series);
  guint from = wick_series_lower_bound (series, utc_ms (2026, 1, 4, 0));
  guint to = wick_series_lower_bound (series, utc_ms (2026, 1, 8, 0));
  guint k;

  g_assert_cmpuint (wick_signals_get_n_signals (all), >, 0);
  for (k = 2; k <= n; k += 40)
    check_prefix (whole, all, k);
  for (k = from; k <= to; k++)
    check_prefix (whole, all, k);
}

/* On a random walk with shocks and liquidation spikes, so every rule has something to do. */
static void
test_no_repaint_random (void)
{
  g_autofree Path *p = g_new0 (Path, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260105);
  g_autoptr(WickSignalsSnapshot) whole = NULL;
  g_autoptr(WickSignals) all = NULL;
  guint kinds = 0, i, k;

  path_candle (p, 100.0, 100.5, 99.5, 100.0, 0);
  for (i = 1; i < 1800; i++)
    {
      double open = p->candles[i - 1].close;
      double move = g_rand_double_range (rand, -0.8, 0.8);
      double close, volume = 0;

      if (g_rand_int_range (rand, 0, 60) == 0)
        {
          move = g_rand_double_range (rand, -5.0, 5.0);
          volume = 1000.0;
          p->liquidations[i].long_usd = move < 0 ? 80e6 : 1e6;
        }
      close = MAX (open + move, 20.0);
      path_candle (p, open, MAX (open, close) + g_rand_double_range (rand, 0.0, 0.8),
                   MIN (open, close) - g_rand_double_range (rand, 0.0, 0.8), close, volume);
    }

  whole = wick_signals_snapshot_new (HOUR_MS, p->candles, p->n, p->liquidations, p->n, NULL, 0);
  all = wick_signals_analyze (whole, NULL, NULL, NULL);
  check_sane (all);
  for (i = 0; i < WICK_N_SIGNAL_KINDS; i++)
    kinds += count_kind (all, i) > 0;
  g_test_message ("%u signals of %u kinds", wick_signals_get_n_signals (all), kinds);
  g_assert_cmpuint (kinds, >=, 8);

  for (k = 2; k <= p->n; k += 23)
    check_prefix (whole, all, k);
}

/* The bands the signals read at each candle are wick_zones_detect ()'s for that prefix. */
static void
check_bands (const WickCandle *candles,
             guint             n,
             guint             from,
             guint             step)
{
  g_autofree double *atr = g_new (double, MAX (n, 1));
  WickZoneParams params;
  WickZoneIndex *zi;
  guint k, z;

  wick_indicators_atr (candles, n, WICK_ATR_PERIOD, atr);
  wick_zone_params_init (&params);
  zi = _wick_zone_index_new (candles, n, from, atr, &params, NULL, 0);

  for (k = from; k < n; k += step)
    {
      g_autoptr(WickZones) zones = wick_zones_detect (candles, k + 1, atr, &params);
      guint n_bands;
      const WickBand *bands = _wick_zone_index_get_bands (zi, k, &n_bands);

      g_assert_cmpuint (n_bands, ==, wick_zones_get_n_zones (zones));
      for (z = 0; z < n_bands; z++)
        {
          const WickZone *zone = wick_zones_get_zone (zones, z);

          g_assert_cmpfloat (bands[z].low, ==, zone->low);
          g_assert_cmpfloat (bands[z].high, ==, zone->high);
          g_assert_cmpfloat (bands[z].mid, ==, zone->mid);
          g_assert_cmpuint (bands[z].first_index, ==, zone->pivots[0].index);
        }
    }

  _wick_zone_index_free (zi);
}

static void
test_zone_bands (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  WickSeries *series = wick_market_get_series (market);

  check_bands (wick_series_get_candles (series), wick_series_get_length (series), 0, 1);
  /* An index started part-way, as each thread's share of the candles starts one, holds the
   * same bands from its first candle on. */
  check_bands (wick_series_get_candles (series), wick_series_get_length (series), 777, 1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Iglewicz and Hoaglin's modified z of @x against @n sorted values, worked out as signals.md §3
 * reads: the median, the median of the sorted distances from it, then the mean distance. */
static double
reference_robust_z (const double *sorted,
                    guint         n,
                    double        x,
                    gboolean     *is_flat)
{
  g_autofree double *d = g_new (double, n);
  double median, mad, mean_dev = 0.0;
  guint k;

  median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  for (k = 0; k < n; k++)
    d[k] = fabs (sorted[k] - median);
  qsort (d, n, sizeof *d, compare_doubles);
  mad = n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0;
  *is_flat = mad == 0.0;
  if (mad > 0.0)
    return 0.6745 * (x - median) / mad;

  for (k = 0; k < n; k++)
    mean_dev += fabs (sorted[k] - median);
  mean_dev /= n;
  if (mean_dev > 0.0)
    return (x - median) / (1.253314 * mean_dev);

  return x > median ? INFINITY : x < median ? -INFINITY : 0.0;
}

/* The robust z-scores of the flow rules against the known values of the candles before one,
 * with many values equal (so that the MAD is often zero) and some unknown: the same z, to the
 * bit, as sorting them gives, and with a positive threshold the same verdict. */
static void
test_window (void)
{
  static const double thresholds[] = { 0.25, 0.6745, 1.0, 2.0, 3.0, 3.5 };
  const guint n = 6000, bars = 168;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260108);
  g_autofree double *values = g_new (double, n);
  g_autofree double *sorted = g_new (double, bars);
  guint checks = 0, outliers = 0, flat = 0, i, k;
  WickWindow w;

  /* Runs of one value, then runs of values that repeat, and some unknown. */
  for (i = 0; i < n; i++)
    {
      if (g_rand_int_range (rand, 0, 12) == 0)
        values[i] = NAN;
      else if (i / 700 % 3 == 0)
        values[i] = g_rand_int_range (rand, 0, 8) == 0 ? g_rand_int_range (rand, 0, 400) / 8.0
                                                       : 20.0;
      else
        values[i] = g_rand_int_range (rand, 0, 400) / 8.0 +
                    (g_rand_int_range (rand, 0, 50) == 0 ? 80.0 : 0.0);
    }

  _wick_window_init (&w, bars);
  for (i = 1; i < n; i += g_rand_int_range (rand, 1, 6))
    {
      guint n_known = 0;
      double z = NAN, expected;
      gboolean is_outlier, is_flat;

      if (isnan (values[i]))
        continue;

      for (k = i > bars ? i - bars : 0; k < i; k++)
        if (!isnan (values[k]))
          sorted[n_known++] = values[k];
      qsort (sorted, n_known, sizeof *sorted, compare_doubles);

      /* With a threshold at or below zero, the z is always worked out. */
      is_outlier = _wick_window_is_outlier (&w, values, bars, i, -1.0, &z);
      if (n_known == 0 || n_known * 2 < bars)
        {
          g_assert_false (is_outlier);
          continue;
        }
      expected = reference_robust_z (sorted, n_known, values[i], &is_flat);
      g_assert_cmpmem (&z, sizeof z, &expected, sizeof expected);
      g_assert_true (is_outlier == (expected >= -1.0));

      /* A positive one leaves z at zero for a value not above the median. */
      is_outlier = _wick_window_is_outlier (&w, values, bars, i, 3.5, &z);
      g_assert_true (is_outlier == (expected >= 3.5));
      if (expected <= 0.0)
        g_assert_cmpfloat (z, ==, 0.0);
      else
        g_assert_cmpmem (&z, sizeof z, &expected, sizeof expected);

      /* Without the z, from counts where they tell it. */
      for (k = 0; k < G_N_ELEMENTS (thresholds); k++)
        g_assert_true (_wick_window_is_outlier (&w, values, bars, i, thresholds[k], NULL) ==
                       (expected >= thresholds[k]));
      /* On the edge: a threshold of the z itself is reached, the next double up is not. */
      if (expected > 0.0 && isfinite (expected))
        {
          g_assert_true (_wick_window_is_outlier (&w, values, bars, i, expected, NULL));
          g_assert_false (_wick_window_is_outlier (&w, values, bars, i,
                                                   nextafter (expected, INFINITY), NULL));
        }

      checks++;
      outliers += is_outlier;
      flat += is_flat;
    }
  _wick_window_clear (&w);

  g_assert_cmpuint (checks, >, 1000);
  g_assert_cmpuint (outliers, >, 10);
  g_assert_cmpuint (flat, >, 10);
}

/* The bundled sample's story, found by the rules: the 5 January cascade and the support test
 * at 92,000 with its wick to 91,540, the V back to above 94,300, the seven-week high on the
 * 6th and the higher low on the 7th. */
static void
test_sample (void)
{
  g_autoptr(WickMarket) market = load_sample ();
  g_autoptr(WickSignalsSnapshot) snapshot = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignals) result = wick_signals_analyze (snapshot, NULL, NULL, NULL);
  gint64 low_ms = utc_ms (2026, 1, 5, 14);
  const WickCandle *candles = wick_signals_snapshot_get_candles (snapshot, NULL);
  const WickSignal *s;
  guint i;

  check_sane (result);
  log_signals (result, utc_ms (2026, 1, 4, 0), utc_ms (2026, 1, 9, 0));

  g_assert_cmpuint (count_kind (result, WICK_SIGNAL_LIQUIDATION_CASCADE), ==, 1);
  s = find_at (result, WICK_SIGNAL_LIQUIDATION_CASCADE, low_ms);
  g_assert_cmpint (s->direction, ==, WICK_SIGNAL_BULLISH);
  g_assert_cmpint (candles[s->start_index].open_time_ms, ==, utc_ms (2026, 1, 5, 13));
  g_assert_cmpint (s->confirmed_time_ms, ==, utc_ms (2026, 1, 5, 18));
  g_assert_cmpfloat (s->price, ==, 91540.0);
  g_assert_cmpstr (s->explanation, ==, "Long liquidation cascade: $427M of longs liquidated in "
                                       "4 hours, down to 91,540; open interest fell 8.4 %");

  s = find_at (result, WICK_SIGNAL_SUPPORT_TEST, low_ms);
  g_assert_cmpint (s->confirmed_time_ms, ==, low_ms);
  g_assert_cmpfloat (s->price, ==, 91540.0);
  g_assert_cmpfloat (s->level, <, 92000.0);
  g_assert_cmpstr (s->explanation, ==, "Support test at 92,000: wick to 91,540, closed back above");
  g_assert_cmpfloat (s->strength, ==, 1.0);

  s = find_at (result, WICK_SIGNAL_CAPITULATION_VOLUME, low_ms);
  g_assert_true (g_str_has_prefix (s->explanation, "Capitulation volume at 91,540: "));

  /* The V: from the 91,540 low to a close 3 % above it on the 6th. */
  for (i = 0, s = NULL; i < wick_signals_get_n_signals (result); i++)
    if (wick_signals_get_signal (result, i)->kind == WICK_SIGNAL_V_RECOVERY &&
        candles[wick_signals_get_signal (result, i)->start_index].open_time_ms == low_ms)
      s = wick_signals_get_signal (result, i);
  g_assert_nonnull (s);
  g_assert_cmpint (s->time_ms, >=, utc_ms (2026, 1, 6, 0));
  g_assert_cmpint (s->time_ms, <, utc_ms (2026, 1, 7, 0));
  g_assert_cmpfloat (s->price, >=, 91540.0 * 1.03);
  g_assert_true (g_str_has_prefix (s->explanation, "Sharp V-shaped recovery: down 2.0 % to 91,540, "
                                                   "then up 3.0 % in 25 hours"));

  s = find_at (result, WICK_SIGNAL_N_WEEK_HIGH, utc_ms (2026, 1, 6, 15));
  g_assert_cmpfloat (s->price, ==, 94412.35);
  g_assert_cmpstr (s->explanation, ==,
                   "7-week high at 94,412.35: the highest high since 14 Nov 2025");

  /* The higher low of the 7th, above the cascade's low. */
  for (i = 0, s = NULL; i < wick_signals_get_n_signals (result); i++)
    if (wick_signals_get_signal (result, i)->kind == WICK_SIGNAL_HIGHER_LOW &&
        wick_signals_get_signal (result, i)->level == 91540.0)
      s = wick_signals_get_signal (result, i);
  g_assert_nonnull (s);
  g_assert_cmpint (s->time_ms, >=, utc_ms (2026, 1, 7, 0));
  g_assert_cmpint (s->time_ms, <, utc_ms (2026, 1, 8, 0));
  g_assert_cmpfloat (s->price, >, 93000.0);
}

/* Real BTCUSDT hours with CoinGlass liquidations and open interest, 1 December 2025 to
 * 31 January 2026, analysed with all the history before them. */
static void
test_real_data (void)
{
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  g_autoptr(WickOpenInterest) interest = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) result = NULL;
  gint64 from_ms = utc_ms (2025, 12, 1, 0), to_ms = utc_ms (2026, 2, 1, 0);
  const WickCandle *candles;
  const WickSignal *s;
  guint i;

  if (g_getenv ("WICK_SHARED_DATA") == NULL ||
      !(series = load_real (REAL_CANDLES, 0)) ||
      !(liquidations = load_real (REAL_LIQUIDATIONS, 1)) ||
      !(interest = load_real (REAL_INTEREST, 2)))
    {
      g_test_skip ("the real market data in WICK_SHARED_DATA is not available");
      return;
    }

  snapshot = wick_signals_snapshot_new (HOUR_MS, wick_series_get_candles (series),
                                        wick_series_get_length (series),
                                        wick_liquidations_get_buckets (liquidations),
                                        wick_liquidations_get_length (liquidations),
                                        wick_open_interest_get_points (interest),
                                        wick_open_interest_get_length (interest));
  result = wick_signals_analyze (snapshot, NULL, NULL, NULL);
  candles = wick_signals_snapshot_get_candles (snapshot, NULL);
  check_sane (result);
  log_signals (result, from_ms, to_ms);

  /* The seven-week high of 5 January: above every high since 17 November. */
  s = find_at (result, WICK_SIGNAL_N_WEEK_HIGH, utc_ms (2026, 1, 5, 20));
  g_assert_cmpfloat (s->price, ==, 94789.08);
  g_assert_cmpint (candles[s->start_index].open_time_ms, >=, utc_ms (2025, 11, 17, 0));
  g_assert_cmpint (candles[s->start_index].open_time_ms, <, utc_ms (2025, 11, 18, 0));
  g_assert_cmpstr (s->explanation, ==,
                   "7-week high at 94,789.08: the highest high since 17 Nov 2025");

  /* Cleared on 13 January on nearly four times the average volume. */
  s = find_at (result, WICK_SIGNAL_BREAKOUT, utc_ms (2026, 1, 13, 22));
  g_assert_cmpfloat (s->level, ==, 94789.08);
  g_assert_cmpfloat (s->price, ==, 95757.21);
  g_assert_true (g_str_has_prefix (s->explanation,
                                   "Breakout above the 7-week high at 94,789.08: "
                                   "closed at 95,757.21 on 3.9× the average volume"));

  /* The slide at the end of January: a nine-week low at 81,118 with capitulation volume. */
  s = find_at (result, WICK_SIGNAL_N_WEEK_LOW, utc_ms (2026, 1, 30, 1));
  g_assert_cmpstr (s->explanation, ==, "9-week low at 81,118: the lowest low since 21 Nov 2025");
  find_at (result, WICK_SIGNAL_CAPITULATION_VOLUME, utc_ms (2026, 1, 30, 1));

  /* No hour of these two months passes §3's robust z of 3.5: BTC's hourly liquidations spread
   * over four orders of magnitude, so the log's MAD is wide (the largest, $111.5M of longs at
   * 31 January 18:00, scores 2.6). */
  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      s = wick_signals_get_signal (result, i);
      g_assert_false (s->kind == WICK_SIGNAL_LIQUIDATION_CASCADE &&
                      s->time_ms >= from_ms && s->time_ms < to_ms);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/signals/cascade", test_cascade);
  g_test_add_func ("/wick/signals/capitulation", test_capitulation);
  g_test_add_func ("/wick/signals/v-recovery", test_v_recovery);
  g_test_add_func ("/wick/signals/higher-low", test_higher_low);
  g_test_add_func ("/wick/signals/breakout", test_breakout);
  g_test_add_func ("/wick/signals/support-test", test_support_test);
  g_test_add_func ("/wick/signals/n-week", test_n_week);
  g_test_add_func ("/wick/signals/rsi-divergence", test_rsi_divergence);
  g_test_add_func ("/wick/signals/reversal-candle", test_reversal_candle);
  g_test_add_func ("/wick/signals/no-repaint/sample", test_no_repaint_sample);
  g_test_add_func ("/wick/signals/no-repaint/random", test_no_repaint_random);
  g_test_add_func ("/wick/signals/zone-bands", test_zone_bands);
  g_test_add_func ("/wick/signals/window", test_window);
  g_test_add_func ("/wick/signals/sample", test_sample);
  g_test_add_func ("/wick/signals/real-data", test_real_data);

  return g_test_run ();
}
