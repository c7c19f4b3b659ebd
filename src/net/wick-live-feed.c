/* wick-live-feed.c: keeps a loaded exchange market current from the exchange's streams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This part owns the streams, the state, the liquidations and the public API; candles and
 * their backfill are in wick-live-feed-candles.c, what differs between exchanges in
 * wick-live-feed-exchanges.c.
 */

#define G_LOG_DOMAIN "wick-live"

#include "config.h"

#include "wick-live-feed.h"

#include "wick-live-feed-private.h"
#include "wick-okx-parse.h"
#include "wick-okx-source.h"
#include "wick-rest-client.h"

#include <glib/gi18n-lib.h>

/* A stream that failed this many times in a row is worth telling the user about. */
#define FAILURES_BEFORE_ERROR 5

G_DEFINE_FINAL_TYPE (WickLiveFeed, wick_live_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MARKET,
  PROP_STATE,
  PROP_LAST_UPDATE,
  N_PROPS
};

enum {
  PRICE,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Worst first: the feed is as live as its least connected stream. */
static int
state_rank (WickLiveState state)
{
  switch (state)
    {
    case WICK_LIVE_STATE_OFFLINE:      return 0;
    case WICK_LIVE_STATE_RECONNECTING: return 1;
    case WICK_LIVE_STATE_CONNECTING:   return 2;
    case WICK_LIVE_STATE_CONNECTED:    return 3;
    default:                           g_assert_not_reached ();
    }
}

static void
update_state (WickLiveFeed *self)
{
  WickLiveState state = wick_live_stream_get_state (self->candles);

  if (self->liquidations != NULL)
    {
      WickLiveState other = wick_live_stream_get_state (self->liquidations);

      /* A liquidation stream still waiting for its contract value does not hold us back. */
      if (other != WICK_LIVE_STATE_OFFLINE && state_rank (other) < state_rank (state))
        state = other;
    }

  if (state == self->state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_wick_live_feed_touch (WickLiveFeed *self)
{
  self->last_update = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATE]);
}

void
_wick_live_feed_reject (WickLiveFeed   *self,
                        WickLiveStream *stream,
                        const GError   *error)
{
  self->n_rejected++;
  g_debug ("%s: dropped a message: %s", wick_live_stream_get_url (stream), error->message);
}

void
_wick_live_feed_emit_price (WickLiveFeed *self,
                            double        previous_close,
                            double        close)
{
  g_signal_emit (self, signals[PRICE], 0, previous_close, close);
}

void
_wick_live_feed_emit_error (WickLiveFeed *self,
                            const char   *format,
                            const GError *error)
{
  g_autoptr(GError) wrapped = NULL;

  wrapped = g_error_new (error->domain, error->code, format, error->message);
  g_signal_emit (self, signals[ERROR], 0, wrapped);
}

static void
on_candles_message_cb (WickLiveFeed   *self,
                       GBytes         *message,
                       WickLiveStream *stream)
{
  g_autoptr(GError) error = NULL;
  WickCandle candle;

  switch (_wick_live_decode_candle (self->channels.exchange, message, &candle, &error))
    {
    case WICK_LIVE_DECODED:
      _wick_live_feed_apply_candle (self, &candle);
      break;

    case WICK_LIVE_IGNORED:
      break;

    case WICK_LIVE_REJECTED:
      _wick_live_feed_reject (self, stream, error);
      break;

    case WICK_LIVE_SERVER_ERROR:
      _wick_live_feed_emit_error (self, _("The exchange refused the live candles: %s"), error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static WickLiquidations *
ensure_liquidations (WickLiveFeed *self)
{
  WickLiquidations *liquidations = wick_market_get_liquidations (self->market);

  if (liquidations == NULL)
    {
      g_autoptr(WickLiquidations) fresh = wick_liquidations_new (self->interval_ms);

      wick_market_set_liquidations (self->market, fresh);
      liquidations = fresh;
    }

  return liquidations;
}

static void
on_liquidations_message_cb (WickLiveFeed   *self,
                            GBytes         *message,
                            WickLiveStream *stream)
{
  g_autoptr(GError) error = NULL;
  WickLiquidations *liquidations;
  guint n_added = 0;

  g_array_set_size (self->events, 0);

  switch (_wick_live_decode_liquidations (self->channels.exchange, message,
                                          self->channels.swap_id, self->ct_val,
                                          self->events, &error))
    {
    case WICK_LIVE_DECODED:
      break;

    case WICK_LIVE_IGNORED:
      return;

    case WICK_LIVE_REJECTED:
      _wick_live_feed_reject (self, stream, error);
      return;

    case WICK_LIVE_SERVER_ERROR:
      _wick_live_feed_emit_error (self, _("The exchange refused the live liquidations: %s"), error);
      return;

    default:
      g_assert_not_reached ();
    }

  if (self->events->len == 0)
    return;

  liquidations = ensure_liquidations (self);
  for (guint i = 0; i < self->events->len; i++)
    {
      /* The parsers check what add_event checks, so this only guards against a mismatch. */
      if (wick_liquidations_add_event (liquidations,
                                       &g_array_index (self->events, WickLiquidationEvent, i),
                                       &error))
        n_added++;
      else
        {
          _wick_live_feed_reject (self, stream, error);
          g_clear_error (&error);
        }
    }

  if (n_added > 0)
    _wick_live_feed_touch (self);
}

static void fetch_ct_val (WickLiveFeed *self);

static void
on_candles_connected_cb (WickLiveFeed   *self,
                         gboolean        is_reconnect,
                         WickLiveStream *stream)
{
  const WickCandle *last = wick_series_get_last (self->series);
  gint64 now_ms = g_get_real_time () / 1000;

  self->candle_failures = 0;

  /* After a drop anything may have been missed; on the first connect, only when the last
   * candle has closed since the market was loaded (its final values, and any after it). */
  if (is_reconnect || (last != NULL && now_ms >= last->open_time_ms + self->interval_ms))
    _wick_live_feed_backfill (self);

  if (self->liquidations != NULL && self->channels.swap_id != NULL && self->ct_val == 0 &&
      !self->is_fetching_ct_val)
    fetch_ct_val (self);
}

static void
on_liquidations_connected_cb (WickLiveFeed   *self,
                              gboolean        is_reconnect,
                              WickLiveStream *stream)
{
  self->liquidation_failures = 0;
}

static void
on_stream_disconnected_cb (WickLiveFeed   *self,
                           const GError   *reason,
                           WickLiveStream *stream)
{
  guint *failures = stream == self->candles ? &self->candle_failures
                                            : &self->liquidation_failures;

  /* Once per run of failures, not at every attempt. */
  if (++(*failures) == FAILURES_BEFORE_ERROR)
    _wick_live_feed_emit_error (self, _("Live updates keep failing: %s"), reason);
}

static void
on_stream_state_cb (WickLiveFeed   *self,
                    GParamSpec     *pspec,
                    WickLiveStream *stream)
{
  update_state (self);
}

static void
on_ct_val_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  WickLiveFeed *self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  double ct_val;

  bytes = wick_rest_client_get_finish (WICK_REST_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->is_fetching_ct_val = FALSE;

  if (bytes == NULL ||
      !wick_okx_parse_ct_val (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              self->channels.swap_id, &ct_val, &error))
    {
      /* Tried again at the next reconnect of the candles. */
      _wick_live_feed_emit_error (self, _("Live liquidations are not available: %s"), error);
      return;
    }

  self->ct_val = ct_val;
  if (self->is_running)
    wick_live_stream_start (self->liquidations);
}

/* OKX sizes liquidations in contracts: their value must be known before the first event. */
static void
fetch_ct_val (WickLiveFeed *self)
{
  const char * const query[] = {
    "instType", "SWAP",
    "instId", self->channels.swap_id,
    NULL
  };

  self->is_fetching_ct_val = TRUE;
  wick_rest_client_get_async (wick_okx_source_get_client (WICK_OKX_SOURCE (self->source)),
                              "/api/v5/public/instruments", query, self->cancellable,
                              on_ct_val_cb, self);
}

static WickLiveStream *
new_stream (WickLiveFeed *self,
            const char   *url,
            const char   *subscribe_text,
            GCallback     on_message,
            GCallback     on_connected)
{
  WickLiveStream *stream = wick_live_stream_new (self->session, url, subscribe_text);

  wick_live_stream_set_text_ping (stream, self->channels.ping_text, self->channels.pong_text);

  g_signal_connect_object (stream, "message", on_message, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stream, "connected", on_connected, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stream, "disconnected",
                           G_CALLBACK (on_stream_disconnected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stream, "notify::state",
                           G_CALLBACK (on_stream_state_cb), self, G_CONNECT_SWAPPED);

  return stream;
}

static void
wick_live_feed_dispose (GObject *object)
{
  WickLiveFeed *self = (WickLiveFeed *)object;

  self->is_running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->backfill_retry_id, g_source_remove);
  if (self->candles != NULL)
    wick_live_stream_stop (self->candles);
  if (self->liquidations != NULL)
    wick_live_stream_stop (self->liquidations);
  g_clear_object (&self->candles);
  g_clear_object (&self->liquidations);
  g_clear_object (&self->series);
  g_clear_object (&self->market);
  g_clear_object (&self->source);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wick_live_feed_parent_class)->dispose (object);
}

static void
wick_live_feed_finalize (GObject *object)
{
  WickLiveFeed *self = (WickLiveFeed *)object;

  _wick_live_channels_clear (&self->channels);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);

  G_OBJECT_CLASS (wick_live_feed_parent_class)->finalize (object);
}

static void
wick_live_feed_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WickLiveFeed *self = WICK_LIVE_FEED (object);

  switch (prop_id)
    {
    case PROP_MARKET:
      g_value_set_object (value, wick_live_feed_get_market (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, wick_live_feed_get_state (self));
      break;

    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, wick_live_feed_get_last_update (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_live_feed_class_init (WickLiveFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_live_feed_dispose;
  object_class->finalize = wick_live_feed_finalize;
  object_class->get_property = wick_live_feed_get_property;

  properties[PROP_MARKET] =
    g_param_spec_object ("market", NULL, NULL,
                         WICK_TYPE_MARKET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WICK_TYPE_LIVE_STATE, WICK_LIVE_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_UPDATE] =
    g_param_spec_int64 ("last-update", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickLiveFeed::price:
   * @previous_close: the last candle's close before the update
   * @close: its close now
   *
   * Emitted when the close of the last candle moves, including when a new candle opens.
   */
  signals[PRICE] =
    g_signal_new ("price",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * WickLiveFeed::error:
   * @error: what failed, translated
   *
   * Emitted when a backfill fails, the exchange refuses a subscription or a stream keeps
   * failing to connect. The feed goes on.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
wick_live_feed_init (WickLiveFeed *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (WickCandle));
  self->events = g_array_new (FALSE, FALSE, sizeof (WickLiquidationEvent));
  self->backoff_base_ms = 1000;
  self->backoff_cap_ms = 60000;
}

/**
 * wick_live_feed_new:
 * @session: the session the streams connect through
 * @endpoints: where the exchanges are (copied as needed)
 * @source: the source @market was loaded from; backfills load through it
 * @market: the market to keep current
 *
 * Returns: (transfer full) (nullable): a new feed, not started, or %NULL when @source has no
 *   live streams (the sample, CSV) or none for @market
 */
WickLiveFeed *
wick_live_feed_new (SoupSession         *session,
                    const WickEndpoints *endpoints,
                    WickSource          *source,
                    WickMarket          *market)
{
  g_autoptr(WickLiveFeed) self = NULL;
  g_autoptr(GError) error = NULL;
  WickLiveChannels channels = { 0, };

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (endpoints != NULL, NULL);
  g_return_val_if_fail (WICK_IS_SOURCE (source), NULL);
  g_return_val_if_fail (WICK_IS_MARKET (market), NULL);

  if (!_wick_live_channels_init (&channels, wick_source_get_name (source), endpoints, market,
                                 &error))
    {
      g_debug ("No live feed: %s", error->message);
      return NULL;
    }

  self = g_object_new (WICK_TYPE_LIVE_FEED, NULL);
  self->session = g_object_ref (session);
  self->source = g_object_ref (source);
  self->market = g_object_ref (market);
  self->series = g_object_ref (wick_market_get_series (market));
  self->interval_ms = wick_series_get_interval_ms (self->series);
  self->channels = channels;

  /* The contract value comes through the OKX source's client (and its rate limits). */
  if (channels.swap_id != NULL && !WICK_IS_OKX_SOURCE (source))
    {
      g_debug ("No live liquidations: %s is not an OKX source", G_OBJECT_TYPE_NAME (source));
      g_clear_pointer (&self->channels.liquidations_url, g_free);
      g_clear_pointer (&self->channels.swap_id, g_free);
    }

  self->candles = new_stream (self, self->channels.candles_url, self->channels.candles_subscribe,
                              G_CALLBACK (on_candles_message_cb),
                              G_CALLBACK (on_candles_connected_cb));
  if (self->channels.liquidations_url != NULL)
    self->liquidations = new_stream (self, self->channels.liquidations_url,
                                     self->channels.liquidations_subscribe,
                                     G_CALLBACK (on_liquidations_message_cb),
                                     G_CALLBACK (on_liquidations_connected_cb));

  return g_steal_pointer (&self);
}

/**
 * wick_live_feed_set_backoff:
 * @self: a #WickLiveFeed
 * @base_ms: the ceiling of the first reconnect wait, above zero
 * @cap_ms: the largest ceiling, at least @base_ms
 *
 * See wick_live_stream_set_backoff(); applies to every stream of the feed.
 */
void
wick_live_feed_set_backoff (WickLiveFeed *self,
                            guint         base_ms,
                            guint         cap_ms)
{
  g_return_if_fail (WICK_IS_LIVE_FEED (self));
  g_return_if_fail (base_ms > 0 && cap_ms >= base_ms);

  self->backoff_base_ms = base_ms;
  self->backoff_cap_ms = cap_ms;
  wick_live_stream_set_backoff (self->candles, base_ms, cap_ms);
  if (self->liquidations != NULL)
    wick_live_stream_set_backoff (self->liquidations, base_ms, cap_ms);
}

/**
 * wick_live_feed_start:
 * @self: a #WickLiveFeed
 *
 * Opens the streams. Does nothing when already started.
 */
void
wick_live_feed_start (WickLiveFeed *self)
{
  g_return_if_fail (WICK_IS_LIVE_FEED (self));

  if (self->is_running)
    return;

  self->is_running = TRUE;
  self->cancellable = g_cancellable_new ();

  wick_live_stream_start (self->candles);

  /* OKX's liquidation stream waits for the contract value, fetched once connected. */
  if (self->liquidations != NULL && (self->channels.swap_id == NULL || self->ct_val > 0))
    wick_live_stream_start (self->liquidations);

  update_state (self);
}

/**
 * wick_live_feed_stop:
 * @self: a #WickLiveFeed
 *
 * Closes the streams and cancels a backfill in flight; the market keeps what it has.
 */
void
wick_live_feed_stop (WickLiveFeed *self)
{
  g_return_if_fail (WICK_IS_LIVE_FEED (self));

  self->is_running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->is_fetching_ct_val = FALSE;
  _wick_live_feed_forget_backfill (self);

  wick_live_stream_stop (self->candles);
  if (self->liquidations != NULL)
    wick_live_stream_stop (self->liquidations);

  update_state (self);
}

/**
 * wick_live_feed_get_market:
 * @self: a #WickLiveFeed
 *
 * Returns: (transfer none): the market the feed updates
 */
WickMarket *
wick_live_feed_get_market (WickLiveFeed *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_FEED (self), NULL);

  return self->market;
}

/**
 * wick_live_feed_get_state:
 * @self: a #WickLiveFeed
 *
 * Returns: the state of the least connected of the feed's streams
 */
WickLiveState
wick_live_feed_get_state (WickLiveFeed *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_FEED (self), WICK_LIVE_STATE_OFFLINE);

  return self->state;
}

/**
 * wick_live_feed_get_last_update:
 * @self: a #WickLiveFeed
 *
 * Returns: the g_get_real_time() of the last message that changed the market, 0 before one
 */
gint64
wick_live_feed_get_last_update (WickLiveFeed *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_FEED (self), 0);

  return self->last_update;
}

/**
 * wick_live_feed_get_n_rejected:
 * @self: a #WickLiveFeed
 *
 * Returns: how many messages were dropped because they did not parse
 */
guint
wick_live_feed_get_n_rejected (WickLiveFeed *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_FEED (self), 0);

  return self->n_rejected;
}
