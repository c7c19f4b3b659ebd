/* wick-live-feed.h: keeps a loaded exchange market current from the exchange's streams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a market loaded by a “binance”, “binance-futures” or “okx” source the feed opens:
 * - Binance: `<symbol>@kline_<interval>` on binance-ws at `/ws/<stream>` (Binance Futures: on
 *   binance-futures-ws at `/market/ws/<stream>`), and `<symbol>@forceOrder` on
 *   binance-futures-ws at `/market/ws/<stream>` (symbols lower case);
 * - OKX: `candle<bar>` for the spot instId on okx-ws `/ws/v5/business`, and `liquidation-orders`
 *   (instType SWAP, kept to the market's -SWAP instrument) on okx-ws `/ws/v5/public`, both
 *   subscribed after each connect.
 * A live kline replaces the last candle while it forms and appends the next one when it opens
 * (wick_series_upsert_last); liquidation events are added to the market's WickLiquidations. After
 * a reconnect, or when a kline opens more than one interval after the last candle, the gap is
 * fetched over REST with the market's source (wick_source_set_range + load) and merged, so the
 * series has neither hole nor duplicate. A message that does not parse is dropped and counted;
 * the series never takes a bad candle.
 */

#pragma once

#include "wick-endpoints.h"
#include "wick-live-stream.h"
#include "wick-market.h"
#include "wick-source.h"

G_BEGIN_DECLS

#define WICK_TYPE_LIVE_FEED (wick_live_feed_get_type ())

G_DECLARE_FINAL_TYPE (WickLiveFeed, wick_live_feed, WICK, LIVE_FEED, GObject)

/* Returns NULL when @source has no live streams (the sample, CSV). */
WickLiveFeed  *wick_live_feed_new              (SoupSession         *session,
                                                const WickEndpoints *endpoints,
                                                WickSource          *source,
                                                WickMarket          *market);
void           wick_live_feed_set_backoff      (WickLiveFeed        *self,
                                                guint                base_ms,
                                                guint                cap_ms);
void           wick_live_feed_start            (WickLiveFeed        *self);
void           wick_live_feed_stop             (WickLiveFeed        *self);
WickMarket    *wick_live_feed_get_market       (WickLiveFeed        *self);
/* “state”: the least connected of its streams */
WickLiveState  wick_live_feed_get_state        (WickLiveFeed        *self);
/* “last-update”: g_get_real_time() of the last message that changed the market, 0 before one */
gint64         wick_live_feed_get_last_update  (WickLiveFeed        *self);
guint          wick_live_feed_get_n_rejected   (WickLiveFeed        *self);

/* Signals:
 * ::price (double previous_close, double close): the last candle's close moved; for line alerts.
 * ::error (GError *error): a backfill failed or a stream keeps failing; worth a toast. Also
 *   when the exchange refuses a subscription, or OKX's contract value cannot be read (the
 *   liquidation stream then waits for the next reconnect of the candles to try again).
 * Properties (read-only, with notify): “market”, “state”, “last-update”.
 */

G_END_DECLS
