/* test-signals-prefix.h: the signals a market had when only its first candles were known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-market.h"
#include "wick-signals.h"

/* The signals of @market's first @n_candles candles, which are those of all its candles
 * confirmed before candle @n_candles (wick-signals.h: nothing repaints); what a live
 * re-analysis finds when a candle closes. */
static inline WickSignals *
test_signals_analyze_prefix (WickMarket *market,
                             guint       n_candles)
{
  g_autoptr(WickSignalsSnapshot) full = wick_signals_snapshot_new_for_market (market);
  g_autoptr(WickSignalsSnapshot) prefix = NULL;
  g_autoptr(GError) error = NULL;
  const WickLiquidationBucket *liquidations;
  const WickOpenInterestPoint *open_interest;
  const WickCandle *candles;
  guint n, n_liquidations, n_open_interest;
  WickSignals *signals;

  candles = wick_signals_snapshot_get_candles (full, &n);
  liquidations = wick_signals_snapshot_get_liquidations (full, &n_liquidations);
  open_interest = wick_signals_snapshot_get_open_interest (full, &n_open_interest);
  prefix = wick_signals_snapshot_new (wick_signals_snapshot_get_interval_ms (full),
                                      candles, MIN (n, n_candles),
                                      liquidations, n_liquidations,
                                      open_interest, n_open_interest);
  signals = wick_signals_analyze (prefix, NULL, NULL, &error);
  if (signals == NULL)
    g_error ("%s", error->message);

  return signals;
}
