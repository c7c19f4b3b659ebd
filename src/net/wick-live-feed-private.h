/* wick-live-feed-private.h: the parts of WickLiveFeed its three files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wick-live-feed.c: the object, its streams, state and liquidations;
 * wick-live-feed-candles.c: live candles and the REST backfill of what the stream missed;
 * wick-live-feed-exchanges.c: where each exchange streams a market and what its messages say.
 */

#pragma once

#include "wick-endpoints.h"
#include "wick-live-feed.h"
#include "wick-liquidations.h"
#include "wick-market.h"
#include "wick-series.h"

G_BEGIN_DECLS

typedef enum
{
  WICK_LIVE_EXCHANGE_BINANCE,
  WICK_LIVE_EXCHANGE_OKX,
} WickLiveExchange;

typedef struct
{
  WickLiveExchange  exchange;
  char             *candles_url;
  char             *candles_subscribe;        /* nullable */
  char             *liquidations_url;         /* nullable: the market has no liquidation feed */
  char             *liquidations_subscribe;   /* nullable */
  /* OKX: the instrument whose liquidations are kept, sized with its contract value, which
   * has to be fetched first (/api/v5/public/instruments). NULL when sizes need nothing. */
  char             *swap_id;
  const char       *ping_text;                /* nullable: an application-level ping */
  const char       *pong_text;
} WickLiveChannels;

typedef enum
{
  WICK_LIVE_DECODED,        /* the outputs hold what the message says */
  WICK_LIVE_IGNORED,        /* a control message: an acknowledgement, another event type */
  WICK_LIVE_REJECTED,       /* the message does not parse: @error says why */
  WICK_LIVE_SERVER_ERROR,   /* the exchange reports an error (a refused subscription) */
} WickLiveDecode;

gboolean        _wick_live_channels_init       (WickLiveChannels     *channels,
                                                const char           *source_name,
                                                const WickEndpoints  *endpoints,
                                                WickMarket           *market,
                                                GError              **error);
void            _wick_live_channels_clear      (WickLiveChannels     *channels);
WickLiveDecode  _wick_live_decode_candle       (WickLiveExchange      exchange,
                                                GBytes               *message,
                                                WickCandle           *out_candle,
                                                GError              **error);
/* Appends the message's events to @out_events (of WickLiquidationEvent); @ct_val is the
 * contract value for OKX, ignored for Binance. */
WickLiveDecode  _wick_live_decode_liquidations (WickLiveExchange      exchange,
                                                GBytes               *message,
                                                const char           *swap_id,
                                                double                ct_val,
                                                GArray               *out_events,
                                                GError              **error);

struct _WickLiveFeed
{
  GObject           parent_instance;

  SoupSession      *session;          /* Owned */
  WickSource       *source;           /* Owned */
  WickMarket       *market;           /* Owned */
  WickSeries       *series;           /* Owned: the market's */
  WickLiveChannels  channels;
  gint64            interval_ms;

  WickLiveStream   *candles;          /* Owned */
  WickLiveStream   *liquidations;     /* Owned, nullable */
  GCancellable     *cancellable;      /* Owned, nullable: backfill and contract value */
  GArray           *pending;          /* Owned: WickCandle, oldest first */
  GArray           *events;           /* Owned: scratch for decoded liquidations */
  double            ct_val;           /* OKX contract value, 0 until fetched */

  WickLiveState     state;
  gint64            last_update;
  guint             n_rejected;
  gint64            hole_from_ms;          /* 0, or where a failed backfill left a hole */
  gint64            backfill_from_ms;      /* the open time the running backfill starts at */
  guint             backfill_retry_id;     /* a backfill waiting to try again */
  guint             backfill_failures;     /* in a row; resets when one succeeds */
  guint             backoff_base_ms;
  guint             backoff_cap_ms;
  guint             candle_failures;
  guint             liquidation_failures;
  guint             is_running : 1;
  guint             is_backfilling : 1;
  guint             backfill_again : 1;
  guint             is_fetching_ct_val : 1;
};

/* wick-live-feed.c */
void            _wick_live_feed_touch          (WickLiveFeed         *self);
void            _wick_live_feed_reject         (WickLiveFeed         *self,
                                                WickLiveStream       *stream,
                                                const GError         *error);
void            _wick_live_feed_emit_price     (WickLiveFeed         *self,
                                                double                previous_close,
                                                double                close);
/* @format has one %s, for @error's message; the error keeps @error's domain and code. */
void            _wick_live_feed_emit_error     (WickLiveFeed         *self,
                                                const char           *format,
                                                const GError         *error);

/* wick-live-feed-candles.c */
void            _wick_live_feed_apply_candle   (WickLiveFeed         *self,
                                                const WickCandle     *candle);
void            _wick_live_feed_backfill       (WickLiveFeed         *self);
void            _wick_live_feed_forget_backfill (WickLiveFeed        *self);

G_END_DECLS
