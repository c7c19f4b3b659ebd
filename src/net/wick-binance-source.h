/* wick-binance-source.h: Binance markets: spot or USD-M perpetual klines paged over REST,
 * USD-M open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One source reads one of two markets, chosen when it is made (the construct-only "market"
 * property):
 *
 *   market                      source name        market exchange    klines
 *   WICK_BINANCE_MARKET_SPOT    “binance”          “Binance”          /api/v3/klines, 1000 a page
 *   WICK_BINANCE_MARKET_USDM    “binance-futures”  “Binance Futures”  /fapi/v1/klines, 1500 a page
 *
 * The market exchange is also the cache key and the source label, so the spot and the
 * futures candles of one symbol are cached apart. Symbols are upper-case letters and digits
 * (5–20 of them, “BTCUSDT”, for futures the perpetual contract; lower case is upper-cased);
 * intervals are Binance's (1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w). Both are checked
 * before any request (WICK_SOURCE_ERROR_UNSUPPORTED naming the value).
 *
 * A load emits ::cached with the on-disk copy when there is one, then fetches what is missing
 * in pages (from the last cached open time, else from the range start, else the newest
 * WICK_BINANCE_DEFAULT_CANDLES), emitting ::progress per page, and drops the overlap and
 * duplicates between pages. The merged candles are saved back to the cache. USD-M weighs a
 * kline request by its limit (1 below 100 rows … 10 above 1000), so a futures page asks for
 * no more rows than the window can still hold. Open interest comes from
 * /futures/data/openInterestHist on the USD-M host (the last 30 days; a failure there only
 * emits ::status). Liquidations start as an empty series bucketed by the interval; the live
 * feed fills them from the USD-M forceOrder stream.
 *
 * When the network fails and a cache exists, the load finishes with the cached market, labelled
 * “Binance (cached)” (“Binance Futures (cached)”), and a ::status message; a server error body
 * (“Invalid symbol.”) always fails the load. A failed load changes nothing on disk.
 */

#pragma once

#include "wick-candle-cache.h"
#include "wick-endpoints.h"
#include "wick-rest-client.h"
#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_BINANCE_DEFAULT_CANDLES       2000
#define WICK_BINANCE_PAGE_LIMIT            1000
#define WICK_BINANCE_FUTURES_PAGE_LIMIT    1500

typedef enum
{
  WICK_BINANCE_MARKET_SPOT,
  WICK_BINANCE_MARKET_USDM,
} WickBinanceMarket;

#define WICK_TYPE_BINANCE_MARKET (wick_binance_market_get_type ())

GType wick_binance_market_get_type (void) G_GNUC_CONST;

#define WICK_TYPE_BINANCE_SOURCE (wick_binance_source_get_type ())

G_DECLARE_FINAL_TYPE (WickBinanceSource, wick_binance_source, WICK, BINANCE_SOURCE, GObject)

/* @cache: (nullable): where candles are kept between runs; NULL for none */
WickSource        *wick_binance_source_new                (SoupSession         *session,
                                                           const WickEndpoints *endpoints,
                                                           WickCandleCache     *cache);
WickSource        *wick_binance_source_new_for_market     (SoupSession         *session,
                                                           const WickEndpoints *endpoints,
                                                           WickCandleCache     *cache,
                                                           WickBinanceMarket    market);
WickBinanceMarket  wick_binance_source_get_market         (WickBinanceSource   *self);
WickRestClient    *wick_binance_source_get_spot_client    (WickBinanceSource   *self);
WickRestClient    *wick_binance_source_get_futures_client (WickBinanceSource   *self);
gboolean           wick_binance_check_symbol              (const char          *symbol,
                                                           GError             **error);
gboolean           wick_binance_check_market_symbol       (WickBinanceMarket    market,
                                                           const char          *symbol,
                                                           GError             **error);
gboolean           wick_binance_check_interval            (const char          *interval,
                                                           GError             **error);

G_END_DECLS
