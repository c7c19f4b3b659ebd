/* wick-binance-parse.h: Binance REST and websocket bodies to model structs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: bytes in, candles or liquidation events out, no I/O. Every function leaves
 * its outputs untouched on failure and reports a #WickExchangeError naming the element index
 * and the problem, or a %WICK_EXCHANGE_SERVER_ERROR when the body is Binance's error body.
 *
 * Choices:
 * - Klines (spot /api/v3/klines and USD-M /fapi/v1/klines): each row needs at least the first
 *   seven fields (open time, open, high, low, close, base volume, close time); the rest are
 *   ignored. Open times must rise strictly; the close time must not be before the open time.
 *   An empty array is a valid, empty page. Times above the year 9999 (µs or ns) are refused.
 * - Kline events and forceOrder events are also accepted inside the combined-stream wrapper
 *   `{"stream":…,"data":{…}}`.
 * - forceOrder: `S` is the order side, so SELL liquidates a long and BUY a short. The price is
 *   the average fill price `ap` (the order price `p` when `ap` is zero, as for an order not yet
 *   filled). The USD size is the filled quantity `z` × `ap`, as the reference notes give it, or
 *   the order quantity `q` × `ap` when `z` is absent or zero; for FILLED orders `z` = `q`.
 */

#pragma once

#include <glib.h>

#include "wick-exchange-parse.h"
#include "wick-liquidations.h"
#include "wick-series.h"

G_BEGIN_DECLS

gboolean  wick_binance_parse_klines      (const char            *data,
                                          gsize                  length,
                                          GArray               **out_candles,
                                          GError               **error);
GError   *wick_binance_parse_error       (const char            *data,
                                          gsize                  length);
gboolean  wick_binance_parse_kline_event (const char            *data,
                                          gsize                  length,
                                          WickCandle            *out_candle,
                                          gboolean              *out_is_closed,
                                          GError               **error);
gboolean  wick_binance_parse_force_order (const char            *data,
                                          gsize                  length,
                                          WickLiquidationEvent  *out_event,
                                          GError               **error);

G_END_DECLS
