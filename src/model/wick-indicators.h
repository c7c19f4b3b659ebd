/* wick-indicators.h: RSI, ATR, EMA, MACD, Bollinger Bands and VWAP over a run of candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wick-series.h"

G_BEGIN_DECLS

/*
 * Every function reads @n_candles candles and writes @n_candles values into each output
 * array, which the caller allocates. An index where the indicator has no value yet holds NAN.
 * The return value is the start index, the first index with a value; it is @n_candles when
 * the run is too short to give any.
 *
 * The definitions are TA-Lib's (TA_RSI, TA_ATR, TA_EMA, TA_MACD, TA_BBANDS) in its default
 * compatibility mode with no unstable period, computed with the same seeds, running sums and
 * order of floating-point operations, so the values match TA-Lib's own to the last bit or
 * close to it. The start indices are TA-Lib's lookbacks:
 *
 *   indicator                    start index                 default   at the default
 *   RSI (period p)               p                           14        14
 *   ATR (period p)               p                           14        14
 *   EMA (period p)               p - 1                       -         19 for EMA 20
 *   MACD (fast f, slow s, sig g) (s - 1) + (g - 1)           12/26/9   33
 *   Bollinger Bands (period p)   p - 1                       20, 2σ    19
 *   VWAP, daily                  first candle with volume    -         0
 *   VWAP anchored at a           first from a with volume    -         a
 *
 * Special cases, all as in TA-Lib:
 *  - RSI is 100·G/(G+L) with Wilder's averages; when |G+L| < 1e-8 (no gain and no loss, such
 *    as a flat run) it is 0, not 50. A run with losses but no gains gives 0; with gains but
 *    no losses, 100.
 *  - ATR's first value is the plain mean of the true ranges of candles 1..p (candle 0 has no
 *    previous close, so it has no true range), then Wilder smoothing.
 *  - EMA uses k = 2/(p+1) and is seeded with the mean of the first p closes.
 *  - MACD seeds both EMAs at index s - 1: the slow one with the mean of closes 0..s-1, the
 *    fast one with the mean of closes s-f..s-1 (not 0..f-1). The signal line is the EMA (g) of
 *    the MACD line, seeded with the mean of MACD values s-1..s+g-2. All three outputs start
 *    at (s - 1) + (g - 1), the MACD line included, as TA-Lib reports it. If @slow_period is
 *    below @fast_period the two are swapped.
 *  - Bollinger Bands: middle = SMA of the close, σ = population standard deviation from
 *    running sums, sqrt (mean (x²) - middle²); when that variance is below 1e-8, σ is 0.
 *
 * VWAP is not in TA-Lib; it follows pandas-ta (`vwap`, anchor "D"): typical price
 * (H + L + C) / 3 times volume, summed from the anchor, over the volume summed from the
 * anchor. The daily one restarts at the first candle of each UTC day, by open time. Where the
 * volume summed so far is zero the value is NAN (pandas gives 0/0 there).
 */

#define WICK_RSI_PERIOD          14
#define WICK_ATR_PERIOD          14
#define WICK_MACD_FAST_PERIOD    12
#define WICK_MACD_SLOW_PERIOD    26
#define WICK_MACD_SIGNAL_PERIOD  9
#define WICK_BBANDS_PERIOD       20
#define WICK_BBANDS_NB_DEV       2.0

guint wick_indicators_rsi           (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             period,
                                     double           *out_rsi);
guint wick_indicators_atr           (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             period,
                                     double           *out_atr);
guint wick_indicators_ema           (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             period,
                                     double           *out_ema);
guint wick_indicators_macd          (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             fast_period,
                                     guint             slow_period,
                                     guint             signal_period,
                                     double           *out_macd,
                                     double           *out_signal,
                                     double           *out_hist);
guint wick_indicators_bbands        (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             period,
                                     double            nb_dev,
                                     double           *out_upper,
                                     double           *out_middle,
                                     double           *out_lower);
guint wick_indicators_vwap_daily    (const WickCandle *candles,
                                     guint             n_candles,
                                     double           *out_vwap);
guint wick_indicators_vwap_anchored (const WickCandle *candles,
                                     guint             n_candles,
                                     guint             anchor,
                                     double           *out_vwap);

G_END_DECLS
