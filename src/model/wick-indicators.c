/* wick-indicators.c: RSI, ATR, EMA, MACD, Bollinger Bands and VWAP over a run of candles
 *
 * Each loop repeats TA-Lib's own: the same seeds, the same running sums and the same order of
 * floating-point operations (ta_RSI.c, ta_ATR.c, ta_TRANGE.c, ta_EMA.c, ta_MACD.c, ta_SMA.c,
 * ta_BBANDS.c and TA_INT_stddev_using_precalc_ma), so that the results agree with TA-Lib's
 * bit for bit where the compiler keeps the order, and within rounding otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-indicators"

#include "config.h"

#include "wick-indicators.h"

#include <math.h>

#define DAY_MS G_GINT64_CONSTANT (86400000)

/* TA_IS_ZERO () and TA_IS_ZERO_OR_NEG () compare with this. */
#define TA_EPSILON 0.00000001

static void
fill_nan (double *out,
          guint   from,
          guint   to)
{
  guint i;

  for (i = from; i < to; i++)
    out[i] = NAN;
}

static inline double
rsi_value (double gain,
           double loss)
{
  double sum = gain + loss;

  /* TA_IS_ZERO: no movement at all reads as 0. */
  if (-TA_EPSILON < sum && sum < TA_EPSILON)
    return 0.0;

  return 100.0 * (gain / sum);
}

/**
 * wick_indicators_rsi:
 * @candles: the candles
 * @n_candles: how many
 * @period: the averaging period, at least 2 (TA-Lib's default is 14)
 * @out_rsi: (out caller-allocates) (array length=n_candles): the RSI of the close
 *
 * Wilder's RSI as TA_RSI computes it: the first value, at @period, comes from the plain means
 * of the gains and losses of closes 1..@period; then each average is multiplied by
 * (@period - 1), today's gain or loss is added and the sum is divided by @period.
 *
 * Returns: the start index, @period (or @n_candles when there are not more candles than that)
 */
guint
wick_indicators_rsi (const WickCandle *candles,
                     guint             n_candles,
                     guint             period,
                     double           *out_rsi)
{
  double gain = 0.0;
  double loss = 0.0;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_rsi != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (period >= 2, n_candles);

  if (n_candles <= period)
    {
      fill_nan (out_rsi, 0, n_candles);
      return n_candles;
    }

  fill_nan (out_rsi, 0, period);

  for (i = 1; i <= period; i++)
    {
      double delta = candles[i].close - candles[i - 1].close;

      if (delta < 0.0)
        loss -= delta;
      else
        gain += delta;
    }
  loss /= (double) period;
  gain /= (double) period;
  out_rsi[period] = rsi_value (gain, loss);

  for (i = period + 1; i < n_candles; i++)
    {
      double delta = candles[i].close - candles[i - 1].close;

      loss *= (double) (period - 1);
      gain *= (double) (period - 1);
      if (delta < 0.0)
        loss -= delta;
      else
        gain += delta;
      loss /= (double) period;
      gain /= (double) period;
      out_rsi[i] = rsi_value (gain, loss);
    }

  return period;
}

/* TA_TRANGE for candle @i >= 1. */
static inline double
true_range (const WickCandle *candles,
            guint             i)
{
  double prev_close = candles[i - 1].close;
  double greatest = candles[i].high - candles[i].low;
  double value;

  value = fabs (prev_close - candles[i].high);
  if (value > greatest)
    greatest = value;
  value = fabs (prev_close - candles[i].low);
  if (value > greatest)
    greatest = value;

  return greatest;
}

/**
 * wick_indicators_atr:
 * @candles: the candles
 * @n_candles: how many
 * @period: the averaging period, at least 1 (TA-Lib's default is 14)
 * @out_atr: (out caller-allocates) (array length=n_candles): the average true range
 *
 * TA_ATR: true range TR = max (H - L, |H - previous C|, |L - previous C|) from candle 1 on; the
 * first ATR, at @period, is the mean of TR over candles 1..@period, then
 * ATR = (ATR × (@period - 1) + TR) / @period.
 *
 * Returns: the start index, @period (or @n_candles when there are not more candles than that)
 */
guint
wick_indicators_atr (const WickCandle *candles,
                     guint             n_candles,
                     guint             period,
                     double           *out_atr)
{
  double atr = 0.0;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_atr != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (period >= 1, n_candles);

  if (n_candles <= period)
    {
      fill_nan (out_atr, 0, n_candles);
      return n_candles;
    }

  fill_nan (out_atr, 0, period);

  for (i = 1; i <= period; i++)
    atr += true_range (candles, i);
  atr /= (double) period;
  out_atr[period] = atr;

  for (i = period + 1; i < n_candles; i++)
    {
      atr *= (double) (period - 1);
      atr += true_range (candles, i);
      atr /= (double) period;
      out_atr[i] = atr;
    }

  return period;
}

/**
 * wick_indicators_ema:
 * @candles: the candles
 * @n_candles: how many
 * @period: the period, at least 1
 * @out_ema: (out caller-allocates) (array length=n_candles): the EMA of the close
 *
 * TA_EMA: k = 2 / (@period + 1), seeded at @period - 1 with the mean of the first @period
 * closes, then EMA = (C - EMA) × k + EMA.
 *
 * Returns: the start index, @period - 1 (or @n_candles when there are fewer candles than
 *   @period)
 */
guint
wick_indicators_ema (const WickCandle *candles,
                     guint             n_candles,
                     guint             period,
                     double           *out_ema)
{
  double k;
  double ema = 0.0;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_ema != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (period >= 1, n_candles);

  if (n_candles < period)
    {
      fill_nan (out_ema, 0, n_candles);
      return n_candles;
    }

  fill_nan (out_ema, 0, period - 1);

  k = 2.0 / (double) (period + 1);
  for (i = 0; i < period; i++)
    ema += candles[i].close;
  ema /= (double) period;
  out_ema[period - 1] = ema;

  for (i = period; i < n_candles; i++)
    {
      ema = ((candles[i].close - ema) * k) + ema;
      out_ema[i] = ema;
    }

  return period - 1;
}

/**
 * wick_indicators_macd:
 * @candles: the candles
 * @n_candles: how many
 * @fast_period: the fast EMA's period, at least 2 (TA-Lib's default is 12)
 * @slow_period: the slow EMA's period, at least 2 (26)
 * @signal_period: the signal EMA's period, at least 1 (9)
 * @out_macd: (out caller-allocates) (array length=n_candles): fast EMA - slow EMA
 * @out_signal: (out caller-allocates) (array length=n_candles): EMA of the MACD line
 * @out_hist: (out caller-allocates) (array length=n_candles): MACD - signal
 *
 * TA_MACD: both EMAs use k = 2 / (period + 1) and start together at @slow_period - 1, where
 * the slow one is seeded with the mean of closes 0..@slow_period-1 and the fast one with the
 * mean of the last @fast_period of those. The signal is TA_EMA over the MACD line from there.
 *
 * Returns: the start index of all three, (@slow_period - 1) + (@signal_period - 1): 33 at the
 *   defaults (or @n_candles when the run is not longer than that)
 */
guint
wick_indicators_macd (const WickCandle *candles,
                      guint             n_candles,
                      guint             fast_period,
                      guint             slow_period,
                      guint             signal_period,
                      double           *out_macd,
                      double           *out_signal,
                      double           *out_hist)
{
  double k_fast, k_slow, k_signal;
  double fast = 0.0;
  double slow = 0.0;
  double signal = 0.0;
  guint first, start;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_macd != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_signal != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_hist != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (fast_period >= 2 && slow_period >= 2, n_candles);
  g_return_val_if_fail (signal_period >= 1, n_candles);

  /* TA-Lib makes sure the slow period really is the slower one. */
  if (slow_period < fast_period)
    {
      guint tmp = slow_period;

      slow_period = fast_period;
      fast_period = tmp;
    }

  first = slow_period - 1;
  start = first + (signal_period - 1);

  if (n_candles <= start)
    {
      fill_nan (out_macd, 0, n_candles);
      fill_nan (out_signal, 0, n_candles);
      fill_nan (out_hist, 0, n_candles);
      return n_candles;
    }

  k_fast = 2.0 / (double) (fast_period + 1);
  k_slow = 2.0 / (double) (slow_period + 1);
  k_signal = 2.0 / (double) (signal_period + 1);

  for (i = 0; i < slow_period; i++)
    slow += candles[i].close;
  slow /= (double) slow_period;

  for (i = slow_period - fast_period; i < slow_period; i++)
    fast += candles[i].close;
  fast /= (double) fast_period;

  /* The MACD line is needed from @first for the signal's seed; the part before @start is
   * cleared again at the end, as TA-Lib does not report it. */
  out_macd[first] = fast - slow;
  for (i = slow_period; i < n_candles; i++)
    {
      double close = candles[i].close;

      slow = ((close - slow) * k_slow) + slow;
      fast = ((close - fast) * k_fast) + fast;
      out_macd[i] = fast - slow;
    }

  for (i = first; i <= start; i++)
    signal += out_macd[i];
  signal /= (double) signal_period;
  out_signal[start] = signal;
  for (i = start + 1; i < n_candles; i++)
    {
      signal = ((out_macd[i] - signal) * k_signal) + signal;
      out_signal[i] = signal;
    }

  for (i = start; i < n_candles; i++)
    out_hist[i] = out_macd[i] - out_signal[i];

  fill_nan (out_macd, 0, start);
  fill_nan (out_signal, 0, start);
  fill_nan (out_hist, 0, start);

  return start;
}

/**
 * wick_indicators_bbands:
 * @candles: the candles
 * @n_candles: how many
 * @period: the period, at least 2 (usually 20; TA-Lib's own default is 5)
 * @nb_dev: how many standard deviations the bands sit from the middle (2)
 * @out_upper: (out caller-allocates) (array length=n_candles): middle + @nb_dev × σ
 * @out_middle: (out caller-allocates) (array length=n_candles): SMA of the close
 * @out_lower: (out caller-allocates) (array length=n_candles): middle - @nb_dev × σ
 *
 * TA_BBANDS with the SMA: the middle band is a running-sum SMA; σ is the population standard
 * deviation sqrt (Σx²/@period - middle²) from a running sum of squares, and 0 when that
 * variance is below 1e-8.
 *
 * Returns: the start index, @period - 1 (or @n_candles when there are fewer candles than
 *   @period)
 */
guint
wick_indicators_bbands (const WickCandle *candles,
                        guint             n_candles,
                        guint             period,
                        double            nb_dev,
                        double           *out_upper,
                        double           *out_middle,
                        double           *out_lower)
{
  double total = 0.0;
  double total2 = 0.0;
  guint trailing = 0;
  guint i;

  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_upper != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_middle != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_lower != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (period >= 2, n_candles);

  if (n_candles < period)
    {
      fill_nan (out_upper, 0, n_candles);
      fill_nan (out_middle, 0, n_candles);
      fill_nan (out_lower, 0, n_candles);
      return n_candles;
    }

  fill_nan (out_upper, 0, period - 1);
  fill_nan (out_middle, 0, period - 1);
  fill_nan (out_lower, 0, period - 1);

  for (i = 0; i < period - 1; i++)
    {
      double x = candles[i].close;

      total += x;
      total2 += x * x;
    }

  for (i = period - 1; i < n_candles; i++, trailing++)
    {
      double x = candles[i].close;
      double oldest = candles[trailing].close;
      double middle, mean2, sd, dev;

      /* TA_INT_SMA */
      total += x;
      middle = total / (double) period;
      total -= oldest;

      /* TA_INT_stddev_using_precalc_ma */
      total2 += x * x;
      mean2 = total2 / (double) period;
      total2 -= oldest * oldest;
      mean2 -= middle * middle;
      sd = mean2 < TA_EPSILON ? 0.0 : sqrt (mean2);

      dev = sd * nb_dev;
      out_middle[i] = middle;
      out_upper[i] = middle + dev;
      out_lower[i] = middle - dev;
    }

  return period - 1;
}

static inline gint64
utc_day (gint64 time_ms)
{
  gint64 day = time_ms / DAY_MS;

  /* Round towards minus infinity for times before 1970. */
  if (time_ms % DAY_MS < 0)
    day--;

  return day;
}

/* VWAP from @from to the end, restarting the sums at each new UTC day when @daily. */
static guint
vwap_from (const WickCandle *candles,
           guint             n_candles,
           guint             from,
           gboolean          daily,
           double           *out_vwap)
{
  gint64 day = G_MININT64;
  double price_volume = 0.0;
  double volume = 0.0;
  guint start = n_candles;
  guint i;

  fill_nan (out_vwap, 0, MIN (from, n_candles));

  for (i = from; i < n_candles; i++)
    {
      const WickCandle *c = &candles[i];
      double typical;

      if (daily)
        {
          gint64 this_day = utc_day (c->open_time_ms);

          if (this_day != day)
            {
              day = this_day;
              price_volume = 0.0;
              volume = 0.0;
            }
        }

      typical = (c->high + c->low + c->close) / 3.0;
      price_volume += typical * c->volume;
      volume += c->volume;

      if (volume > 0.0)
        {
          out_vwap[i] = price_volume / volume;
          start = MIN (start, i);
        }
      else
        {
          out_vwap[i] = NAN;
        }
    }

  return start;
}

/**
 * wick_indicators_vwap_daily:
 * @candles: the candles
 * @n_candles: how many
 * @out_vwap: (out caller-allocates) (array length=n_candles): the day's VWAP so far
 *
 * The volume-weighted average of the typical price (H + L + C) / 3 since the first candle of
 * the candle's UTC day (by open time), candle included.
 *
 * Returns: the start index, 0 unless the first candles have no volume
 */
guint
wick_indicators_vwap_daily (const WickCandle *candles,
                            guint             n_candles,
                            double           *out_vwap)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_vwap != NULL || n_candles == 0, n_candles);

  return vwap_from (candles, n_candles, 0, TRUE, out_vwap);
}

/**
 * wick_indicators_vwap_anchored:
 * @candles: the candles
 * @n_candles: how many
 * @anchor: the index of the candle the sums start at
 * @out_vwap: (out caller-allocates) (array length=n_candles): the VWAP since @anchor, NAN
 *   before it
 *
 * The volume-weighted average of the typical price (H + L + C) / 3 from candle @anchor to
 * each candle, both included, with no daily restart.
 *
 * Returns: the start index, @anchor unless it has no volume (@n_candles when @anchor is
 *   past the end)
 */
guint
wick_indicators_vwap_anchored (const WickCandle *candles,
                               guint             n_candles,
                               guint             anchor,
                               double           *out_vwap)
{
  g_return_val_if_fail (candles != NULL || n_candles == 0, n_candles);
  g_return_val_if_fail (out_vwap != NULL || n_candles == 0, n_candles);

  return vwap_from (candles, n_candles, anchor, FALSE, out_vwap);
}
