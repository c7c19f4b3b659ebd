/* test-indicators.c: RSI, ATR, EMA, MACD, Bollinger Bands and VWAP against hand-worked values
 *
 * Each indicator is checked three ways: literal values worked out by hand on small series,
 * an independent loop written from the textbook definition (Wilder's smoothing as
 * avg + (x - avg) / n, EMA as αx + (1 - α)·EMA, a two-pass standard deviation, VWAP grouped
 * by calendar day), and the start index with the series one candle too short and just long
 * enough. TA-Lib is the reference the definitions come from; agreement is asked to 1e-9
 * relative (Bollinger Bands 1e-6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-indicators.h"

#include <math.h>

#define HOUR_MS  G_GINT64_CONSTANT (3600000)
#define BASE_MS  G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define REL      1e-9
#define BB_REL   1e-6

/* Candles around the given closes: open at the previous close, one unit of wick each side. */
static WickCandle *
make_closes (const double *closes,
             guint         n)
{
  WickCandle *candles = g_new0 (WickCandle, n);
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];

      c->open_time_ms = BASE_MS + (gint64) i * HOUR_MS;
      c->open = i > 0 ? closes[i - 1] : closes[0];
      c->close = closes[i];
      c->high = MAX (c->open, c->close) + 1.0;
      c->low = MIN (c->open, c->close) - 1.0;
      c->volume = 1.0;
    }

  return candles;
}

/* Closes start + step × i + wiggle × (i mod 2), as make_closes () lays them out. */
static WickCandle *
make_line (guint  n,
           double start,
           double step,
           double wiggle)
{
  g_autofree double *closes = g_new (double, n);
  guint i;

  for (i = 0; i < n; i++)
    closes[i] = start + step * i + wiggle * (i % 2);

  return make_closes (closes, n);
}

/* A seeded random walk at BTC-like prices, hourly, each candle opening a little away from the
 * previous close so that true ranges reach back to it. */
static WickCandle *
make_random_walk (guint   n,
                  guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WickCandle *candles = g_new0 (WickCandle, n);
  double price = 91540.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      WickCandle *c = &candles[i];

      c->open_time_ms = BASE_MS + (gint64) i * HOUR_MS;
      c->open = price * (1.0 + g_rand_double_range (rand, -0.001, 0.001));
      c->close = c->open * (1.0 + g_rand_double_range (rand, -0.006, 0.006));
      c->high = MAX (c->open, c->close) * (1.0 + g_rand_double_range (rand, 0.0, 0.004));
      c->low = MIN (c->open, c->close) * (1.0 - g_rand_double_range (rand, 0.0, 0.004));
      c->volume = g_rand_double_range (rand, 0.0, 2500.0);
      price = c->close;
    }

  return candles;
}

/* Equal within @rel of the value (or of 1 near zero), NAN where @want is NAN. */
static void
assert_all_close (const double *got,
                  const double *want,
                  guint         n,
                  double        rel)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      g_assert_cmpint (isnan (got[i]), ==, isnan (want[i]));
      if (!isnan (want[i]))
        g_assert_cmpfloat_with_epsilon (got[i], want[i], rel * MAX (fabs (want[i]), 1.0));
    }
}

static void
assert_nan_before (const double *values,
                   guint         start)
{
  guint i;

  for (i = 0; i < start; i++)
    g_assert_true (isnan (values[i]));
}

/* NAN before @start, then @want up to @n: exactly, or within @tolerance when it is not 0. */
static void
assert_from (const double *values,
             guint         n,
             guint         start,
             double        want,
             double        tolerance)
{
  guint i;

  assert_nan_before (values, start);
  for (i = start; i < n; i++)
    {
      if (tolerance == 0.0)
        g_assert_cmpfloat (values[i], ==, want);
      else
        g_assert_cmpfloat_with_epsilon (values[i], want, tolerance);
    }
}

/* Textbook references, written independently of the library's loops. */

static void
ref_rsi (const WickCandle *c,
         guint             n,
         guint             period,
         double           *out)
{
  double avg_gain = 0.0, avg_loss = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    out[i] = NAN;

  for (i = 1; i < n; i++)
    {
      double change = c[i].close - c[i - 1].close;
      double gain = MAX (change, 0.0);
      double loss = MAX (-change, 0.0);

      if (i <= period)
        {
          avg_gain += gain / period;
          avg_loss += loss / period;
        }
      else
        {
          avg_gain += (gain - avg_gain) / period;
          avg_loss += (loss - avg_loss) / period;
        }

      if (i < period)
        continue;

      /* signals.md §6: 0 when |G + L| < 1e-8. */
      if (fabs (avg_gain + avg_loss) < 1e-8)
        out[i] = 0.0;
      else if (avg_loss == 0.0)
        out[i] = 100.0;
      else
        out[i] = 100.0 - 100.0 / (1.0 + avg_gain / avg_loss);
    }
}

static void
ref_atr (const WickCandle *c,
         guint             n,
         guint             period,
         double           *out)
{
  double atr = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    out[i] = NAN;

  for (i = 1; i < n; i++)
    {
      double tr = MAX (c[i].high - c[i].low,
                       MAX (fabs (c[i].high - c[i - 1].close), fabs (c[i].low - c[i - 1].close)));

      if (i <= period)
        atr += tr / period;
      else
        atr += (tr - atr) / period;

      if (i >= period)
        out[i] = atr;
    }
}

/* EMA of x[from..n-1], seeded at from + period - 1 with the mean of its first period values. */
static void
ref_ema_of (const double *x,
            guint         from,
            guint         n,
            guint         period,
            double       *out)
{
  double alpha = 2.0 / (period + 1.0);
  double ema = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    out[i] = NAN;

  for (i = from; i < n; i++)
    {
      if (i < from + period - 1)
        {
          ema += x[i];
          continue;
        }

      if (i == from + period - 1)
        ema = (ema + x[i]) / period;
      else
        ema = alpha * x[i] + (1.0 - alpha) * ema;
      out[i] = ema;
    }
}

static double *
closes_of (const WickCandle *c,
           guint             n)
{
  double *closes = g_new (double, n);
  guint i;

  for (i = 0; i < n; i++)
    closes[i] = c[i].close;

  return closes;
}

/* signals.md §6: both EMAs start at slow - 1, the fast one seeded over the last `fast` closes
 * before it; the signal is an EMA of the MACD line from there; all outputs start at 33. */
static void
ref_macd (const WickCandle *c,
          guint             n,
          double           *macd,
          double           *signal,
          double           *hist)
{
  g_autofree double *closes = closes_of (c, n);
  g_autofree double *fast = g_new (double, n);
  g_autofree double *slow = g_new (double, n);
  g_autofree double *line = g_new (double, n);
  guint i;

  ref_ema_of (closes, 0, n, 26, slow);
  ref_ema_of (closes, 26 - 12, n, 12, fast);
  for (i = 0; i < n; i++)
    line[i] = fast[i] - slow[i];
  ref_ema_of (line, 25, n, 9, signal);

  for (i = 0; i < n; i++)
    {
      macd[i] = i >= 33 ? line[i] : NAN;
      hist[i] = i >= 33 ? line[i] - signal[i] : NAN;
    }
}

static void
ref_bbands (const WickCandle *c,
            guint             n,
            guint             period,
            double            k,
            double           *upper,
            double           *middle,
            double           *lower)
{
  guint i, j;

  for (i = 0; i < n; i++)
    {
      double mean = 0.0, var = 0.0, sd;

      upper[i] = middle[i] = lower[i] = NAN;
      if (i + 1 < period)
        continue;

      for (j = i + 1 - period; j <= i; j++)
        mean += c[j].close;
      mean /= period;
      for (j = i + 1 - period; j <= i; j++)
        var += (c[j].close - mean) * (c[j].close - mean);
      var /= period;

      /* TA-Lib's floor: a variance below 1e-8 counts as none. */
      sd = var < 1e-8 ? 0.0 : sqrt (var);
      middle[i] = mean;
      upper[i] = mean + k * sd;
      lower[i] = mean - k * sd;
    }
}

/* Daily VWAP, grouping candles by their UTC calendar date. */
static void
ref_vwap_daily (const WickCandle *c,
                guint             n,
                double           *out)
{
  int day = -1, month = -1, year = -1;
  double pv = 0.0, v = 0.0;
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (c[i].open_time_ms / 1000);
      int y, m, d;

      g_date_time_get_ymd (dt, &y, &m, &d);
      if (y != year || m != month || d != day)
        {
          year = y;
          month = m;
          day = d;
          pv = v = 0.0;
        }

      pv += (c[i].high + c[i].low + c[i].close) / 3.0 * c[i].volume;
      v += c[i].volume;
      out[i] = v > 0.0 ? pv / v : NAN;
    }
}

/* RSI */

static void
test_rsi_hand (void)
{
  g_autofree WickCandle *rising = make_line (20, 100.0, 1.0, 0.0);
  g_autofree WickCandle *falling = make_line (20, 100.0, -1.0, 0.0);
  g_autofree WickCandle *flat = make_line (20, 100.0, 0.0, 0.0);
  g_autofree WickCandle *tiny = make_line (20, 100.0, 0.0, 1e-10);
  g_autofree WickCandle *alternating = make_line (20, 100.0, 0.0, 1.0);
  double out[20];

  /* Only gains: no average loss, 100. Only losses: 0. */
  g_assert_cmpuint (wick_indicators_rsi (rising, 20, 14, out), ==, 14);
  assert_from (out, 20, 14, 100.0, 0.0);
  g_assert_cmpuint (wick_indicators_rsi (falling, 20, 14, out), ==, 14);
  assert_from (out, 20, 14, 0.0, 0.0);

  /* No gain and no loss: TA-Lib gives 0, not 50. Moves so small that G + L < 1e-8 read as 0
   * too, though the textbook ratio says 50. */
  g_assert_cmpuint (wick_indicators_rsi (flat, 20, 14, out), ==, 14);
  assert_from (out, 20, 14, 0.0, 0.0);
  g_assert_cmpuint (wick_indicators_rsi (tiny, 20, 14, out), ==, 14);
  assert_from (out, 20, 14, 0.0, 0.0);

  /* ±1 in turn, starting with +1: seven gains and seven losses in the seed, so G = L = 0.5
   * and RSI 50. Then G + L stays 1: a gain gives G = (0.5·13 + 1)/14 = 7.5/14, RSI 53.571…;
   * the loss after it G = 7.5·13/196 = 97.5/196, RSI 49.744…. */
  g_assert_cmpuint (wick_indicators_rsi (alternating, 20, 14, out), ==, 14);
  g_assert_cmpfloat_with_epsilon (out[14], 50.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[15], 750.0 / 14.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[16], 9750.0 / 196.0, 1e-12);
}

/* ATR */

static void
test_atr_hand (void)
{
  /* Every candle of make_line () spans close - 1 .. close + 1 on a flat line: TR = 2. */
  g_autofree WickCandle *flat = make_line (20, 100.0, 0.0, 0.0);
  /* A gap up and a fall through the previous close: the true range reaches back to it. */
  const WickCandle gaps[] = {
    { BASE_MS + 0 * HOUR_MS, 100.0, 101.0, 99.0, 100.0, 1.0 },
    { BASE_MS + 1 * HOUR_MS, 100.0, 102.0, 100.0, 101.0, 1.0 },  /* TR max (2, 1, 1) = 2 */
    { BASE_MS + 2 * HOUR_MS, 106.0, 110.0, 105.0, 108.0, 1.0 },  /* max (5, 9, 4) = 9 */
    { BASE_MS + 3 * HOUR_MS, 106.0, 107.0, 95.0, 96.0, 1.0 },    /* max (12, 1, 13) = 13 */
    { BASE_MS + 4 * HOUR_MS, 96.0, 97.0, 96.0, 96.5, 1.0 },      /* max (1, 1, 0) = 1 */
  };
  double out[20];

  g_assert_cmpuint (wick_indicators_atr (flat, 20, 14, out), ==, 14);
  assert_from (out, 20, 14, 2.0, 0.0);

  /* ATR(2): the mean of TR1 and TR2, (2 + 9) / 2 = 5.5, at index 2; then (5.5 + 13) / 2 =
   * 9.25 and (9.25 + 1) / 2 = 5.125. Candle 0 has no true range. */
  g_assert_cmpuint (wick_indicators_atr (gaps, 5, 2, out), ==, 2);
  assert_nan_before (out, 2);
  g_assert_cmpfloat (out[2], ==, 5.5);
  g_assert_cmpfloat (out[3], ==, 9.25);
  g_assert_cmpfloat (out[4], ==, 5.125);

  /* Period 1 is the true range itself. */
  g_assert_cmpuint (wick_indicators_atr (gaps, 5, 1, out), ==, 1);
  g_assert_cmpfloat (out[1], ==, 2.0);
  g_assert_cmpfloat (out[2], ==, 9.0);
  g_assert_cmpfloat (out[3], ==, 13.0);
  g_assert_cmpfloat (out[4], ==, 1.0);
}

/* EMA */

static void
test_ema_hand (void)
{
  const double closes[] = { 2.0, 4.0, 6.0, 9.0 };
  g_autofree WickCandle *c = make_closes (closes, 4);
  g_autofree WickCandle *constant = make_line (30, 91540.0, 0.0, 0.0);
  g_autofree WickCandle *linear = make_line (30, 1.0, 1.0, 0.0);
  double out[30];
  guint i;

  /* EMA(3): seed (2 + 4 + 6) / 3 = 4 at index 2, then 4 + 0.5 × (9 - 4) = 6.5. */
  g_assert_cmpuint (wick_indicators_ema (c, 4, 3, out), ==, 2);
  assert_nan_before (out, 2);
  g_assert_cmpfloat (out[2], ==, 4.0);
  g_assert_cmpfloat (out[3], ==, 6.5);

  g_assert_cmpuint (wick_indicators_ema (constant, 30, 20, out), ==, 19);
  assert_from (out, 30, 19, 91540.0, 91540.0 * REL);

  /* On a line rising by 1 an EMA(n) seeded with the SMA lags by (n - 1) / 2: 1 for n = 3. */
  g_assert_cmpuint (wick_indicators_ema (linear, 30, 3, out), ==, 2);
  for (i = 2; i < 30; i++)
    g_assert_cmpfloat_with_epsilon (out[i], linear[i].close - 1.0, REL * linear[i].close);

  /* Period 1 follows the close. */
  g_assert_cmpuint (wick_indicators_ema (linear, 30, 1, out), ==, 0);
  for (i = 0; i < 30; i++)
    g_assert_cmpfloat (out[i], ==, linear[i].close);
}

/* MACD */

static void
test_macd_hand (void)
{
  g_autofree WickCandle *constant = make_line (60, 91540.0, 0.0, 0.0);
  g_autofree WickCandle *linear = make_line (60, 1000.0, 1.0, 0.0);
  double macd[60], signal[60], hist[60];

  g_assert_cmpuint (wick_indicators_macd (constant, 60, 12, 26, 9, macd, signal, hist), ==, 33);
  assert_from (macd, 60, 33, 0.0, 91540.0 * REL);
  assert_from (signal, 60, 33, 0.0, 91540.0 * REL);
  assert_from (hist, 60, 33, 0.0, 91540.0 * REL);

  /* On a line rising by 1 an EMA(n) seeded with an SMA lags (n - 1) / 2: the fast one 5.5,
   * the slow one 12.5, so MACD = 7, the signal 7 and the histogram 0. */
  g_assert_cmpuint (wick_indicators_macd (linear, 60, 12, 26, 9, macd, signal, hist), ==, 33);
  assert_from (macd, 60, 33, 7.0, 1000.0 * REL);
  assert_from (signal, 60, 33, 7.0, 1000.0 * REL);
  assert_from (hist, 60, 33, 0.0, 1000.0 * REL);
}

static void
test_macd_seeds (void)
{
  double step[60];
  g_autofree WickCandle *c = NULL;
  double macd[60], signal[60], hist[60];
  double r = 25.0 / 27.0;          /* 1 - k for the slow EMA, k = 2 / 27 */
  double m0 = 700.0 / 13.0;        /* MACD at index 25 */
  double signal33;
  guint i;

  /* 100 up to index 13, then 200. TA-Lib seeds the fast EMA at index 25 with closes 14..25,
   * all 200, so it is 200 from there on (seeded with closes 0..11 it would still be climbing).
   * The slow seed is (14 × 100 + 12 × 200) / 26 = 3800/26, so MACD[25] = 200 - 3800/26 =
   * 700/13 and MACD[i] = 700/13 × (25/27)^(i-25). The signal is seeded at 33 with the mean of
   * MACD 25..33: 700/13 × (1 - r^9) / (1 - r) / 9. */
  for (i = 0; i < 60; i++)
    step[i] = i < 14 ? 100.0 : 200.0;
  c = make_closes (step, 60);

  g_assert_cmpuint (wick_indicators_macd (c, 60, 12, 26, 9, macd, signal, hist), ==, 33);
  signal33 = m0 * (1.0 - pow (r, 9)) / (1.0 - r) / 9.0;
  g_assert_cmpfloat_with_epsilon (macd[33], m0 * pow (r, 8), REL * 200.0);
  g_assert_cmpfloat_with_epsilon (signal[33], signal33, REL * 200.0);
  g_assert_cmpfloat_with_epsilon (hist[33], m0 * pow (r, 8) - signal33, REL * 200.0);
  g_assert_cmpfloat_with_epsilon (macd[40], m0 * pow (r, 15), REL * 200.0);
  g_assert_cmpfloat_with_epsilon (signal[34], signal33 + 0.2 * (m0 * pow (r, 9) - signal33),
                                  REL * 200.0);
}

static void
test_macd_swapped (void)
{
  g_autofree WickCandle *c = make_random_walk (100, 4);
  double macd[100], signal[100], hist[100];
  double swapped[100], swapped_signal[100], swapped_hist[100];

  /* The slow period given first is swapped back, as in TA-Lib. */
  g_assert_cmpuint (wick_indicators_macd (c, 100, 12, 26, 9, macd, signal, hist), ==, 33);
  g_assert_cmpuint (wick_indicators_macd (c, 100, 26, 12, 9, swapped, swapped_signal, swapped_hist),
                    ==, 33);
  for (guint i = 33; i < 100; i++)
    {
      g_assert_cmpfloat (swapped[i], ==, macd[i]);
      g_assert_cmpfloat (swapped_signal[i], ==, signal[i]);
      g_assert_cmpfloat (swapped_hist[i], ==, hist[i]);
    }
}

/* Bollinger Bands */

static void
test_bbands_hand (void)
{
  g_autofree WickCandle *alternating = make_line (30, 1.0, 0.0, 2.0);
  g_autofree WickCandle *constant = make_line (30, 91540.0, 0.0, 0.0);
  g_autofree WickCandle *tiny = make_line (30, 100.0, 0.0, 1e-4);
  g_autofree WickCandle *small = make_line (30, 100.0, 0.0, 1e-3);
  double upper[30], middle[30], lower[30];
  guint i;

  /* Twenty values, ten 1s and ten 3s: mean 2, population σ 1, bands 4 and 0. */
  g_assert_cmpuint (wick_indicators_bbands (alternating, 30, 20, 2.0, upper, middle, lower), ==,
                    19);
  assert_from (upper, 30, 19, 4.0, BB_REL);
  assert_from (middle, 30, 19, 2.0, BB_REL);
  assert_from (lower, 30, 19, 0.0, BB_REL);

  g_assert_cmpuint (wick_indicators_bbands (constant, 30, 20, 2.0, upper, middle, lower), ==, 19);
  assert_from (upper, 30, 19, 91540.0, 0.0);
  assert_from (middle, 30, 19, 91540.0, 0.0);
  assert_from (lower, 30, 19, 91540.0, 0.0);

  /* σ = 5e-5, a variance of 2.5e-9: below TA-Lib's 1e-8 floor, so the bands close on the
   * middle. Ten times wider, the variance 2.5e-7 is above it and σ = 5e-4; the running sums of
   * squares near 1e4 leave it a few 1e-9 off, well inside 1e-6 of the band's level. */
  g_assert_cmpuint (wick_indicators_bbands (tiny, 30, 20, 2.0, upper, middle, lower), ==, 19);
  for (i = 19; i < 30; i++)
    {
      g_assert_cmpfloat (upper[i], ==, middle[i]);
      g_assert_cmpfloat (lower[i], ==, middle[i]);
    }
  g_assert_cmpuint (wick_indicators_bbands (small, 30, 20, 2.0, upper, middle, lower), ==, 19);
  for (i = 19; i < 30; i++)
    {
      g_assert_cmpfloat_with_epsilon (upper[i] - middle[i], 1e-3, 1e-7);
      g_assert_cmpfloat_with_epsilon (middle[i] - lower[i], 1e-3, 1e-7);
    }
}

/* VWAP */

static void
test_vwap_hand (void)
{
  const WickCandle c[] = {
    { BASE_MS - 2 * HOUR_MS, 10.0, 12.0, 8.0, 10.0, 1.0 },      /* 4 Jan 22:00, TP 10 */
    { BASE_MS - 1 * HOUR_MS, 20.0, 22.0, 18.0, 20.0, 3.0 },     /* 23:00, TP 20 */
    { BASE_MS + 0 * HOUR_MS, 30.0, 31.0, 29.0, 30.0, 2.0 },     /* 5 Jan 00:00, TP 30 */
    { BASE_MS + 1 * HOUR_MS, 45.0, 46.0, 44.0, 45.0, 2.0 },     /* TP 45 */
    { BASE_MS + 24 * HOUR_MS, 50.0, 51.0, 49.0, 50.0, 0.0 },    /* 6 Jan, no volume */
    { BASE_MS + 25 * HOUR_MS, 50.0, 51.0, 49.0, 50.0, 1.0 },    /* TP 50 */
  };
  const WickCandle before_1970[] = {
    { -2 * HOUR_MS, 10.0, 11.0, 9.0, 10.0, 1.0 },
    { -1 * HOUR_MS, 20.0, 21.0, 19.0, 20.0, 1.0 },
    { 0, 30.0, 31.0, 29.0, 30.0, 1.0 },
  };
  double out[6];

  /* 10; (10 + 60) / 4 = 17.5; a new day: 30; (60 + 90) / 4 = 37.5; a new day with no
   * volume yet: no value; then 50. */
  g_assert_cmpuint (wick_indicators_vwap_daily (c, 6, out), ==, 0);
  g_assert_cmpfloat (out[0], ==, 10.0);
  g_assert_cmpfloat (out[1], ==, 17.5);
  g_assert_cmpfloat (out[2], ==, 30.0);
  g_assert_cmpfloat (out[3], ==, 37.5);
  g_assert_true (isnan (out[4]));
  g_assert_cmpfloat (out[5], ==, 50.0);

  /* From candle 1, across the days: 20; (60 + 60) / 5 = 24; (120 + 90) / 7 = 30; no new
   * volume, 30; (210 + 50) / 8 = 32.5. */
  g_assert_cmpuint (wick_indicators_vwap_anchored (c, 6, 1, out), ==, 1);
  g_assert_true (isnan (out[0]));
  g_assert_cmpfloat (out[1], ==, 20.0);
  g_assert_cmpfloat (out[2], ==, 24.0);
  g_assert_cmpfloat (out[3], ==, 30.0);
  g_assert_cmpfloat (out[4], ==, 30.0);
  g_assert_cmpfloat (out[5], ==, 32.5);

  /* Anchored at a candle with no volume, the first value comes with the next one. */
  g_assert_cmpuint (wick_indicators_vwap_anchored (c, 6, 4, out), ==, 5);
  assert_nan_before (out, 5);
  g_assert_cmpfloat (out[5], ==, 50.0);

  /* Anchored past the end: nothing. */
  g_assert_cmpuint (wick_indicators_vwap_anchored (c, 6, 6, out), ==, 6);
  assert_nan_before (out, 6);

  /* 31 Dec 1969 22:00 and 23:00, then 1 Jan 1970 00:00: the day still turns at midnight. */
  g_assert_cmpuint (wick_indicators_vwap_daily (before_1970, 3, out), ==, 0);
  g_assert_cmpfloat (out[1], ==, 15.0);
  g_assert_cmpfloat (out[2], ==, 30.0);
}

/* Start indices: one candle short gives nothing, and the start index is the length. */

typedef enum
{
  RSI,
  ATR,
  EMA20,
  MACD,
  BBANDS,
} Indicator;

typedef struct
{
  const char *name;
  Indicator   indicator;
  guint       start;
} StartCase;

static const StartCase start_cases[] = {
  { "rsi", RSI, 14 },
  { "atr", ATR, 14 },
  { "ema20", EMA20, 19 },
  { "macd", MACD, 33 },
  { "bbands", BBANDS, 19 },
};

static guint
run_indicator (Indicator         indicator,
               const WickCandle *c,
               guint             n,
               double           *a,
               double           *b,
               double           *d)
{
  switch (indicator)
    {
    case RSI:
      return wick_indicators_rsi (c, n, WICK_RSI_PERIOD, a);
    case ATR:
      return wick_indicators_atr (c, n, WICK_ATR_PERIOD, a);
    case EMA20:
      return wick_indicators_ema (c, n, 20, a);
    case MACD:
      return wick_indicators_macd (c, n, WICK_MACD_FAST_PERIOD, WICK_MACD_SLOW_PERIOD,
                                   WICK_MACD_SIGNAL_PERIOD, a, b, d);
    case BBANDS:
      return wick_indicators_bbands (c, n, WICK_BBANDS_PERIOD, WICK_BBANDS_NB_DEV, a, b, d);
    }

  g_assert_not_reached ();
}

static void
test_start_index (gconstpointer data)
{
  const StartCase *tc = data;
  g_autofree WickCandle *c = make_random_walk (tc->start + 1, 7);
  double a[40], b[40], d[40];
  guint i;

  /* Just enough: one value, at the start index. */
  g_assert_cmpuint (run_indicator (tc->indicator, c, tc->start + 1, a, b, d), ==, tc->start);
  assert_nan_before (a, tc->start);
  g_assert_false (isnan (a[tc->start]));

  /* One short: all NAN, and the start index is the length. */
  for (i = 0; i < 40; i++)
    a[i] = b[i] = d[i] = 0.0;
  g_assert_cmpuint (run_indicator (tc->indicator, c, tc->start, a, b, d), ==, tc->start);
  assert_nan_before (a, tc->start);
  if (tc->indicator == MACD || tc->indicator == BBANDS)
    {
      assert_nan_before (b, tc->start);
      assert_nan_before (d, tc->start);
    }

  /* Nothing at all. */
  g_assert_cmpuint (run_indicator (tc->indicator, c, 0, a, b, d), ==, 0);
}

/* Every indicator against its textbook loop. MACD values are differences of prices, so
 * they are compared relative to the price. */
static void
compare_with_references (const WickCandle *c,
                         guint             n)
{
  g_autofree double *closes = closes_of (c, n);
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = g_new (double, n);
  g_autofree double *d = g_new (double, n);
  g_autofree double *wa = g_new (double, n);
  g_autofree double *wb = g_new (double, n);
  g_autofree double *wd = g_new (double, n);
  guint i;

  g_assert_cmpuint (wick_indicators_rsi (c, n, 14, a), ==, 14);
  ref_rsi (c, n, 14, wa);
  assert_all_close (a, wa, n, REL);

  g_assert_cmpuint (wick_indicators_rsi (c, n, 2, a), ==, 2);
  ref_rsi (c, n, 2, wa);
  assert_all_close (a, wa, n, REL);

  g_assert_cmpuint (wick_indicators_atr (c, n, 14, a), ==, 14);
  ref_atr (c, n, 14, wa);
  assert_all_close (a, wa, n, REL);

  g_assert_cmpuint (wick_indicators_ema (c, n, 20, a), ==, 19);
  ref_ema_of (closes, 0, n, 20, wa);
  assert_all_close (a, wa, n, REL);

  g_assert_cmpuint (wick_indicators_ema (c, n, 50, a), ==, 49);
  ref_ema_of (closes, 0, n, 50, wa);
  assert_all_close (a, wa, n, REL);

  g_assert_cmpuint (wick_indicators_macd (c, n, 12, 26, 9, a, b, d), ==, 33);
  ref_macd (c, n, wa, wb, wd);
  assert_nan_before (a, 33);
  assert_nan_before (b, 33);
  assert_nan_before (d, 33);
  for (i = 33; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (a[i], wa[i], REL * c[i].close);
      g_assert_cmpfloat_with_epsilon (b[i], wb[i], REL * c[i].close);
      g_assert_cmpfloat_with_epsilon (d[i], wd[i], REL * c[i].close);
    }

  g_assert_cmpuint (wick_indicators_bbands (c, n, 20, 2.0, a, b, d), ==, 19);
  ref_bbands (c, n, 20, 2.0, wa, wb, wd);
  assert_all_close (a, wa, n, BB_REL);
  assert_all_close (b, wb, n, BB_REL);
  assert_all_close (d, wd, n, BB_REL);

  wick_indicators_vwap_daily (c, n, a);
  ref_vwap_daily (c, n, wa);
  assert_all_close (a, wa, n, REL);
}

static void
test_random_walk (void)
{
  for (guint32 seed = 1; seed <= 5; seed++)
    {
      g_autofree WickCandle *c = make_random_walk (600, seed);

      compare_with_references (c, 600);
    }
}

/* The real BTCUSDT hourly candles, when they are there. */
static void
test_real_data (void)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (dir != NULL)
    path = g_build_filename (dir, "binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv", NULL);
  if (path == NULL || !g_file_get_contents (path, &contents, &len, NULL))
    {
      g_test_skip ("the real market data in WICK_SHARED_DATA is not available");
      return;
    }

  series = wick_csv_parse_candles (contents, len, HOUR_MS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (series), >, 20000);

  compare_with_references (wick_series_get_candles (series), wick_series_get_length (series));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/indicators/rsi/hand", test_rsi_hand);
  g_test_add_func ("/wick/indicators/atr/hand", test_atr_hand);
  g_test_add_func ("/wick/indicators/ema/hand", test_ema_hand);
  g_test_add_func ("/wick/indicators/macd/hand", test_macd_hand);
  g_test_add_func ("/wick/indicators/macd/seeds", test_macd_seeds);
  g_test_add_func ("/wick/indicators/macd/swapped", test_macd_swapped);
  g_test_add_func ("/wick/indicators/bbands/hand", test_bbands_hand);
  g_test_add_func ("/wick/indicators/vwap/hand", test_vwap_hand);

  for (guint i = 0; i < G_N_ELEMENTS (start_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/indicators/start/%s", start_cases[i].name);

      g_test_add_data_func (path, &start_cases[i], test_start_index);
    }

  g_test_add_func ("/wick/indicators/reference/random-walk", test_random_walk);
  g_test_add_func ("/wick/indicators/reference/real-data", test_real_data);

  return g_test_run ();
}
