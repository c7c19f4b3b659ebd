/* wick-okx-source.h: OKX markets: spot candles paged over REST, SWAP liquidation orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source name “okx”, market exchange “OKX”. The market symbol is written as elsewhere in Wick
 * (“BTCUSDT”; “BTC-USDT” is accepted too) and maps to OKX's instId “BTC-USDT” for candles and
 * “BTC-USDT-SWAP” for liquidations; intervals 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w map to OKX's
 * bars (1H, 4H, 1Dutc …). Both are checked before any request (WICK_SOURCE_ERROR_UNSUPPORTED).
 *
 * A load emits ::cached when the cache has the market, then pages /api/v5/market/candles (newest
 * first, `after` cursor) and /api/v5/market/history-candles for older candles, emitting
 * ::progress, de-duplicating and merging, and saves to the cache. Liquidations come from
 * /api/v5/public/liquidation-orders (SWAP, filled, the last day OKX keeps), sized with the
 * contract value read from /api/v5/public/instruments (ctVal, 0.01 BTC for BTC-USDT-SWAP);
 * a failure there only emits ::status. Offline with a cache: the cached market, as for Binance.
 */

#pragma once

#include "wick-candle-cache.h"
#include "wick-endpoints.h"
#include "wick-rest-client.h"
#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_OKX_DEFAULT_CANDLES 1500

#define WICK_TYPE_OKX_SOURCE (wick_okx_source_get_type ())

G_DECLARE_FINAL_TYPE (WickOkxSource, wick_okx_source, WICK, OKX_SOURCE, GObject)

WickSource     *wick_okx_source_new        (SoupSession         *session,
                                            const WickEndpoints *endpoints,
                                            WickCandleCache     *cache);
WickRestClient *wick_okx_source_get_client (WickOkxSource       *self);
/* “BTCUSDT” → “BTC-USDT”; NULL with WICK_SOURCE_ERROR_UNSUPPORTED when the quote is unknown */
char           *wick_okx_inst_id_for_symbol (const char         *symbol,
                                             GError            **error);
/* “1h” → “1H”, “1d” → “1Dutc”; NULL when OKX has no such bar */
const char     *wick_okx_bar_for_interval  (const char          *interval);

G_END_DECLS
