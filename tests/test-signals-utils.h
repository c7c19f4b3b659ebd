/* test-signals-utils.h: constructed candle paths and lookups for the signal tests
 *
 * A path is a run of closes around 100: each candle opens at the previous close and its wicks
 * reach 0.5 beyond its body, so ATR (14) settles near the step plus one. Volumes and hourly
 * liquidations vary a little, so that robust statistics have a spread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-csv.h"
#include "wick-sample-source.h"
#include "wick-signals.h"

#include <math.h>

#include "test-signal-compare.h"

#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define BASE_MS   G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01T00:00:00Z */
#define MAX_BARS  2000

typedef struct
{
  WickCandle            candles[MAX_BARS];
  WickLiquidationBucket liquidations[MAX_BARS];
  guint                 n;
} Path;

G_GNUC_UNUSED static gint64
utc_ms (int year,
        int month,
        int day,
        int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

/* A candle; volumes vary a little so that robust statistics have a spread. */
G_GNUC_UNUSED static guint
path_candle (Path   *p,
             double  open,
             double  high,
             double  low,
             double  close,
             double  volume)
{
  g_assert_cmpuint (p->n, <, MAX_BARS);
  p->candles[p->n] = (WickCandle) {
    BASE_MS + p->n * HOUR_MS, open, high, low, close,
    volume > 0.0 ? volume : 100.0 * (1.0 + 0.2 * sin (p->n * 1.7)),
  };
  /* Liquidations of $0.1M to $0.7M an hour on each side. */
  p->liquidations[p->n] = (WickLiquidationBucket) {
    BASE_MS + p->n * HOUR_MS,
    1e5 * exp (1.0 + sin (p->n * 2.3)),
    1e5 * exp (1.0 + cos (p->n * 1.3)),
  };
  return p->n++;
}

/* Moves the close to @to over @bars candles in equal steps. */
G_GNUC_UNUSED static guint
path_walk (Path   *p,
           double  to,
           guint   bars)
{
  double from = p->n > 0 ? p->candles[p->n - 1].close : to;
  guint k, last = p->n;

  for (k = 1; k <= bars; k++)
    {
      double close = from + (to - from) * k / bars;
      double open = p->n > 0 ? p->candles[p->n - 1].close : close;

      last = path_candle (p, open, MAX (open, close) + 0.5, MIN (open, close) - 0.5, close, 0);
    }

  return last;
}

G_GNUC_UNUSED static WickSignals *
path_analyze (const Path *p,
              gboolean    with_liquidations)
{
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  WickSignals *result;

  snapshot = wick_signals_snapshot_new (HOUR_MS, p->candles, p->n,
                                        with_liquidations ? p->liquidations : NULL,
                                        with_liquidations ? p->n : 0, NULL, 0);
  result = wick_signals_analyze (snapshot, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* The first signal of @kind (and @index, unless G_MAXUINT). */
G_GNUC_UNUSED static const WickSignal *
find_signal (WickSignals    *result,
             WickSignalKind  kind,
             guint           index)
{
  guint i;

  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *s = wick_signals_get_signal (result, i);

      if (s->kind == kind && (index == G_MAXUINT || s->index == index))
        return s;
    }

  return NULL;
}

G_GNUC_UNUSED static guint
count_kind (WickSignals    *result,
            WickSignalKind  kind)
{
  guint i, n = 0;

  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    n += wick_signals_get_signal (result, i)->kind == kind;

  return n;
}

/* Every signal keeps its promises: candles in order, numbers in range, text present. */
G_GNUC_UNUSED static void
check_sane (WickSignals *result)
{
  const WickCandle *candles;
  guint n, i;

  candles = wick_signals_snapshot_get_candles (wick_signals_get_snapshot (result), &n);
  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *s = wick_signals_get_signal (result, i);

      g_assert_cmpuint (s->start_index, <=, s->index);
      g_assert_cmpuint (s->index, <=, s->confirmed_index);
      g_assert_cmpuint (s->confirmed_index, <, n);
      g_assert_cmpint (s->time_ms, ==, candles[s->index].open_time_ms);
      g_assert_cmpint (s->confirmed_time_ms, ==, candles[s->confirmed_index].open_time_ms);
      g_assert_cmpfloat (s->strength, >=, 0.0);
      g_assert_cmpfloat (s->strength, <=, 1.0);
      g_assert_true (isfinite (s->price));
      g_assert_true (s->explanation != NULL && s->explanation[0] != '\0');
      g_assert_true (g_utf8_validate (s->explanation, -1, NULL));
      if (i > 0)
        g_assert_cmpuint (wick_signals_get_signal (result, i - 1)->index, <=, s->index);
    }
}

/* A quiet range, then a cascade at candle 250: two hours of long liquidations, as @shape
 * says: 0 the real thing, 1 no fall in price, 2 shorts liquidated as much, 3 below the floor. */
G_GNUC_UNUSED static void
build_cascade (Path *p,
               int   shape)
{
  guint i;

  for (i = 0; i < 250; i++)
    path_walk (p, 100.0 + 1.5 * sin (i * 0.4), 1);

  if (shape == 1)
    {
      path_candle (p, 100.0, 100.6, 99.6, 100.2, 0);
      path_candle (p, 100.2, 100.7, 99.8, 100.4, 0);
    }
  else
    {
      path_candle (p, p->candles[p->n - 1].close, p->candles[p->n - 1].close + 0.2, 95.0, 96.5, 0);
      path_candle (p, 96.5, 97.2, 95.8, 97.0, 0);
    }
  p->liquidations[250].long_usd = shape == 3 ? 20e6 : 120e6;
  p->liquidations[251].long_usd = shape == 3 ? 15e6 : 60e6;
  if (shape == 2)
    p->liquidations[250].short_usd = p->liquidations[251].short_usd = 100e6;

  path_walk (p, 99.0, 6);
}

/* A range at @top, a slide to 101, a low candle there with @low, @close and @volume, and a
 * rally to @rally over @rally_bars candles. Returns the low candle. */
G_GNUC_UNUSED static guint
build_sell_off (Path   *p,
                double  top,
                double  low,
                double  close,
                double  volume,
                double  rally,
                guint   rally_bars)
{
  guint j;

  path_walk (p, top, 30);
  path_walk (p, 101.0, 6);
  j = path_candle (p, 101.0, 101.4, low, close, volume);
  path_walk (p, rally, rally_bars);
  path_walk (p, rally, 10);

  return j;
}

/* A range under 105 (highs at 105.5 twice make the zone), then a close above it on @volume,
 * then @next. Returns the breakout candle. */
G_GNUC_UNUSED static guint
build_breakout (Path   *p,
                double  volume,
                double  next)
{
  guint i;

  path_walk (p, 100.0, 20);
  path_walk (p, 105.0, 8);
  path_walk (p, 100.0, 8);
  path_walk (p, 105.0, 8);
  path_walk (p, 101.0, 8);
  path_walk (p, 104.0, 6);
  i = path_candle (p, 104.0, 107.2, 103.8, 107.0, volume);
  path_candle (p, 107.0, MAX (107.0, next) + 0.5, MIN (107.0, next) - 0.5, next, 0);
  path_walk (p, next, 6);

  return i;
}

/* A range with two lows at 99.5 (the zone), then a decline to @from and the test candle. */
G_GNUC_UNUSED static guint
build_support (Path   *p,
               double  from,
               double  open,
               double  high,
               double  low,
               double  close)
{
  guint i;

  path_walk (p, 110.0, 20);
  path_walk (p, 100.0, 10);
  path_walk (p, 106.0, 8);
  path_walk (p, 100.0, 8);
  path_walk (p, 106.0, 8);
  path_walk (p, from, 10);
  i = path_candle (p, open, high, low, close, 0);
  path_walk (p, 104.0, 6);

  return i;
}

/* Walks to @to in steps of -1 and +0.7, or in 3 candles when not @is_slow. */
G_GNUC_UNUSED static void
walk_down (Path     *p,
           double    to,
           gboolean  is_slow)
{
  while (is_slow && p->candles[p->n - 1].close - 1.0 > to)
    {
      path_walk (p, p->candles[p->n - 1].close - 1.0, 1);
      path_walk (p, p->candles[p->n - 1].close + 0.7, 1);
    }
  path_walk (p, to, is_slow ? 1 : 3);
}

/* Choppy hours around 110, a fall to 100, a bounce to 104, a fall to @second_low, and a
 * rally: each fall slow (RSI stays up) or fast (RSI drops). */
G_GNUC_UNUSED static void
build_divergence (Path     *p,
                  double    second_low,
                  gboolean  is_first_slow,
                  gboolean  is_second_slow)
{
  guint k;

  for (k = 0; k < 30; k++)
    path_walk (p, k % 2 ? 110.5 : 109.5, 1);
  walk_down (p, 100.0, is_first_slow);
  path_walk (p, 104.0, 6);
  walk_down (p, second_low, is_second_slow);
  path_walk (p, 106.0, 8);
  path_walk (p, 106.0, 8);
}

/* The signals of the first @k candles are those of the whole series confirmed before @k,
 * field by field. */
G_GNUC_UNUSED static void
check_prefix (WickSignalsSnapshot *whole,
              WickSignals         *all,
              guint                k)
{
  const WickLiquidationBucket *liquidations;
  const WickOpenInterestPoint *interest;
  g_autoptr(WickSignalsSnapshot) prefix = NULL;
  g_autoptr(WickSignals) part = NULL;
  const WickCandle *candles;
  guint n_liquidations, n_interest, n, i, j = 0;
  gint64 end;

  candles = wick_signals_snapshot_get_candles (whole, &n);
  liquidations = wick_signals_snapshot_get_liquidations (whole, &n_liquidations);
  interest = wick_signals_snapshot_get_open_interest (whole, &n_interest);
  end = candles[k - 1].open_time_ms + wick_signals_snapshot_get_interval_ms (whole);

  /* What a live feed would have had at that close. */
  while (n_liquidations > 0 && liquidations[n_liquidations - 1].time_ms >= end)
    n_liquidations--;
  while (n_interest > 0 && interest[n_interest - 1].time_ms >= end)
    n_interest--;

  prefix = wick_signals_snapshot_new (wick_signals_snapshot_get_interval_ms (whole), candles, k,
                                      liquidations, n_liquidations, interest, n_interest);
  part = wick_signals_analyze (prefix, NULL, NULL, NULL);

  for (i = 0; i < wick_signals_get_n_signals (all); i++)
    {
      const WickSignal *a = wick_signals_get_signal (all, i);
      const WickSignal *b;

      if (a->confirmed_index >= k)
        continue;

      g_assert_cmpuint (j, <, wick_signals_get_n_signals (part));
      b = wick_signals_get_signal (part, j++);
      test_assert_same_signal (a, b);
    }
  g_assert_cmpuint (j, ==, wick_signals_get_n_signals (part));
}

G_GNUC_UNUSED static WickMarket *
load_sample (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(GError) error = NULL;
  WickMarket *market = wick_source_load (source, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return market;
}

G_GNUC_UNUSED static void
on_analyzed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

G_GNUC_UNUSED static WickSignals *
analyze_async (WickSignalsSnapshot  *snapshot,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wick_signals_analyze_async (snapshot, NULL, WICK_SIGNALS_ANALYZE_DEFAULT, cancellable,
                              on_analyzed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wick_signals_analyze_finish (result, error);
}

/* The one signal of @kind placed at @time_ms. */
G_GNUC_UNUSED static const WickSignal *
find_at (WickSignals    *result,
         WickSignalKind  kind,
         gint64          time_ms)
{
  const WickSignal *found = NULL;
  guint i;

  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *s = wick_signals_get_signal (result, i);

      if (s->kind == kind && s->time_ms == time_ms)
        {
          g_assert_null (found);
          found = s;
        }
    }

  g_assert_nonnull (found);
  return found;
}

G_GNUC_UNUSED static void
log_signals (WickSignals *result,
             gint64       from_ms,
             gint64       to_ms)
{
  guint counts[WICK_N_SIGNAL_KINDS] = { 0, };
  guint i;

  for (i = 0; i < wick_signals_get_n_signals (result); i++)
    {
      const WickSignal *s = wick_signals_get_signal (result, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (s->time_ms / 1000);
      g_autofree char *time = g_date_time_format (dt, "%Y-%m-%d %H:%M");

      if (s->time_ms < from_ms || s->time_ms >= to_ms)
        continue;
      counts[s->kind]++;
      g_test_message ("%s  %-19s %.2f  %s", time, wick_signal_kind_to_string (s->kind),
                      s->strength, s->explanation);
    }

  for (i = 0; i < WICK_N_SIGNAL_KINDS; i++)
    g_test_message ("%-19s %u", wick_signal_kind_to_string (i), counts[i]);
}

G_GNUC_UNUSED static gpointer
load_real (const char *name,
           int         kind)
{
  g_autofree char *path = g_build_filename (g_getenv ("WICK_SHARED_DATA"), name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  result = kind == 0 ? (gpointer) wick_csv_parse_candles (contents, len, HOUR_MS, &error)
         : kind == 1 ? (gpointer) wick_csv_parse_liquidations (contents, len, HOUR_MS, &error)
                     : (gpointer) wick_csv_parse_open_interest (contents, len, HOUR_MS, &error);
  g_assert_no_error (error);

  return result;
}
