/* wick-okx-parse.h: OKX v5 REST and websocket bodies to model structs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: bytes in, candles or liquidation events out, no I/O. Every function leaves
 * its outputs untouched on failure and reports a #WickExchangeError naming the element index
 * and the problem, or a %WICK_EXCHANGE_SERVER_ERROR (OKX's `code` read as an integer, `msg` as
 * the message) when the envelope's `code` is not "0" or a websocket `"event":"error"` arrives.
 *
 * Choices:
 * - Candles (/api/v5/market/candles and history-candles): rows come newest first and must
 *   fall strictly; they are returned oldest first. Element indexes in errors are those of the
 *   response. Each row needs at least the first six fields (ts, o, h, l, c, vol); the volume is
 *   `vol` × @ct_val, so pass the contract value in base currency for derivatives (0.01 for
 *   BTC-USDT-SWAP) and 1 for spot, where `vol` is already in base currency. The `confirm`
 *   flag is not read: the newest row may be a candle still forming.
 * - Liquidation orders (/api/v5/public/liquidation-orders and the `liquidation-orders`
 *   websocket channel): each detail becomes one event. The side is `posSide` when it is "long"
 *   or "short", otherwise it follows from the order side (`side` "sell" liquidates a long).
 *   The price is the bankruptcy price `bkPx`; the USD size is `sz` × @ct_val × `bkPx`, which
 *   holds for linear (USDT/USDC) contracts whose contract value is in base currency. The
 *   channel pushes every instrument of an instType, so @inst_id, when given, keeps only that
 *   instrument's events. Events are returned oldest first.
 * - Instruments (/api/v5/public/instruments): the `ctVal` of @inst_id, finite and above zero.
 * - Candle pushes (`candle1H` … on /ws/v5/business): `{"arg":{…},"data":[[ts,o,h,l,c,vol,…,
 *   confirm]]}`; the newest row is returned, closed when `confirm` is "1". Subscribe
 *   acknowledgements (`"event":"subscribe"`) are not candles: BAD_SHAPE.
 */

#pragma once

#include <glib.h>

#include "wick-exchange-parse.h"
#include "wick-liquidations.h"
#include "wick-series.h"

G_BEGIN_DECLS

gboolean wick_okx_parse_candles      (const char  *data,
                                      gsize        length,
                                      double       ct_val,
                                      GArray     **out_candles,
                                      GError     **error);
gboolean wick_okx_parse_liquidations (const char  *data,
                                      gsize        length,
                                      const char  *inst_id,
                                      double       ct_val,
                                      GArray     **out_events,
                                      GError     **error);
gboolean wick_okx_parse_ct_val       (const char  *data,
                                      gsize        length,
                                      const char  *inst_id,
                                      double      *out_ct_val,
                                      GError     **error);
gboolean wick_okx_parse_candle_event (const char  *data,
                                      gsize        length,
                                      double       ct_val,
                                      WickCandle  *out_candle,
                                      gboolean    *out_is_closed,
                                      GError     **error);

G_END_DECLS
