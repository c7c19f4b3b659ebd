/* wick-live-stream.c: one websocket that stays connected: reconnects with backoff, resubscribes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-live"

#include "config.h"

#include "wick-live-stream.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#define DEFAULT_BASE_MS            1000
#define DEFAULT_CAP_MS             60000
#define DEFAULT_KEEPALIVE_SECONDS  20
/* Binance drops every connection at 24 h; renew well before. */
#define DEFAULT_LIFETIME_MS        (23u * 3600u * 1000u)
/* A connection that lasted this long was healthy: the next drop starts the backoff afresh. */
#define STABLE_USEC                (60 * G_USEC_PER_SEC)
/* Silence, in keepalive intervals, after which a connection counts as dead. */
#define DEAD_INTERVALS             3

struct _WickLiveStream
{
  GObject                  parent_instance;

  SoupSession             *session;          /* Owned */
  char                    *url;
  char                    *subscribe_text;   /* nullable */
  char                    *ping_text;        /* nullable */
  char                    *pong_text;        /* nullable */

  guint                    base_ms;
  guint                    cap_ms;
  guint                    keepalive_seconds;
  guint                    lifetime_ms;

  WickLiveState            state;
  SoupWebsocketConnection *connection;       /* Owned, nullable */
  GCancellable            *cancellable;      /* Owned, nullable: the connect in flight */
  guint                    reconnect_id;
  guint                    renew_id;
  guint                    watchdog_id;

  guint                    attempts;         /* failures since the last stable connection */
  gint64                   connected_at;     /* monotonic µs, 0 while not connected */
  gint64                   last_heard;       /* monotonic µs of the last frame from the peer */
  guint                    is_running : 1;
  guint                    has_connected : 1;
};

G_DEFINE_FINAL_TYPE (WickLiveStream, wick_live_stream, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (WickLiveState, wick_live_state,
                    G_DEFINE_ENUM_VALUE (WICK_LIVE_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (WICK_LIVE_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (WICK_LIVE_STATE_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (WICK_LIVE_STATE_RECONNECTING, "reconnecting"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  CONNECTED,
  DISCONNECTED,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void connect_now (WickLiveStream *self);

static void
set_state (WickLiveStream *self,
           WickLiveState   state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
on_retired_closed_cb (SoupWebsocketConnection *connection,
                      gpointer                 user_data)
{
  g_object_unref (connection);
}

/* Lets go of the connection without hearing from it again. An open one is closed politely and
 * kept alive until the close handshake ends (libsoup gives up on a silent peer after 5 s), so
 * the server sees a close frame rather than a reset. */
static void
drop_connection (WickLiveStream *self,
                 gushort         code)
{
  g_autoptr(SoupWebsocketConnection) connection = g_steal_pointer (&self->connection);

  g_clear_handle_id (&self->renew_id, g_source_remove);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  self->connected_at = 0;

  if (connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (connection, self);

  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_CLOSED)
    return;

  g_signal_connect (connection, "closed", G_CALLBACK (on_retired_closed_cb), NULL);
  g_object_ref (connection);

  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, code, NULL);
}

/* Capped exponential backoff with full jitter: a uniform wait in [0, min (cap, base · 2^n)],
 * so many clients dropped at once do not come back in step. */
static guint
next_delay_ms (WickLiveStream *self)
{
  guint64 ceiling = self->base_ms;

  for (guint i = 0; i < self->attempts && ceiling < self->cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, self->cap_ms);

  if (self->attempts < G_MAXUINT)
    self->attempts++;

  return (guint) g_random_double_range (0, (double) ceiling + 1);
}

static gboolean
on_reconnect_timeout_cb (gpointer user_data)
{
  WickLiveStream *self = user_data;

  self->reconnect_id = 0;
  connect_now (self);

  return G_SOURCE_REMOVE;
}

/* The connection is gone (or never came): tell the owner, then try again after the backoff. */
static void
connection_lost (WickLiveStream *self,
                 const GError   *reason)
{
  g_autoptr(WickLiveStream) hold = g_object_ref (self);

  if (self->connected_at != 0 &&
      g_get_monotonic_time () - self->connected_at >= STABLE_USEC)
    self->attempts = 0;

  drop_connection (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  g_debug ("%s: %s", self->url, reason->message);
  g_signal_emit (self, signals[DISCONNECTED], 0, reason);

  /* A ::disconnected handler may have stopped us, or started a new attempt. */
  if (!self->is_running || self->connection != NULL || self->cancellable != NULL ||
      self->reconnect_id != 0)
    return;

  /* Scheduled first: a notify::state handler may stop() us, which must cancel it. */
  self->reconnect_id = g_timeout_add (next_delay_ms (self), on_reconnect_timeout_cb, self);
  set_state (self, WICK_LIVE_STATE_RECONNECTING);
}

static void
on_connection_message_cb (WickLiveStream          *self,
                          gint                     type,
                          GBytes                  *message,
                          SoupWebsocketConnection *connection)
{
  self->last_heard = g_get_monotonic_time ();

  if (self->pong_text != NULL && type == SOUP_WEBSOCKET_DATA_TEXT)
    {
      gsize length;
      const char *data = g_bytes_get_data (message, &length);

      if (length == strlen (self->pong_text) && memcmp (data, self->pong_text, length) == 0)
        return;
    }

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
on_connection_pong_cb (WickLiveStream          *self,
                       GBytes                  *message,
                       SoupWebsocketConnection *connection)
{
  self->last_heard = g_get_monotonic_time ();
}

/* libsoup follows every fatal error (an oversized message, a bad frame, a broken socket) with
 * ::closed; acting on the error at once keeps the reason and avoids waiting for the close. */
static void
on_connection_error_cb (WickLiveStream          *self,
                        const GError            *error,
                        SoupWebsocketConnection *connection)
{
  connection_lost (self, error);
}

static void
on_connection_closed_cb (WickLiveStream          *self,
                         SoupWebsocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  gushort code = soup_websocket_connection_get_close_code (connection);
  const char *data = soup_websocket_connection_get_close_data (connection);

  error = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                       /* Translators: %u is a websocket close code, %s the server's reason */
                       _("The server closed the connection (%u %s)"),
                       code, data != NULL ? data : "");
  connection_lost (self, error);
}

static gboolean
on_renew_timeout_cb (gpointer user_data)
{
  WickLiveStream *self = user_data;

  self->renew_id = 0;
  g_debug ("%s: renewing the connection", self->url);

  drop_connection (self, SOUP_WEBSOCKET_CLOSE_NORMAL);
  set_state (self, WICK_LIVE_STATE_RECONNECTING);
  if (self->is_running && self->cancellable == NULL)
    connect_now (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_watchdog_cb (gpointer user_data)
{
  WickLiveStream *self = user_data;
  gint64 silent = g_get_monotonic_time () - self->last_heard;

  if (silent > (gint64) DEAD_INTERVALS * self->keepalive_seconds * G_USEC_PER_SEC)
    {
      g_autoptr(GError) error = NULL;

      self->watchdog_id = 0;
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("No answer from the server for %u seconds"),
                           (guint) (silent / G_USEC_PER_SEC));
      connection_lost (self, error);

      return G_SOURCE_REMOVE;
    }

  if (self->ping_text != NULL)
    soup_websocket_connection_send_text (self->connection, self->ping_text);

  return G_SOURCE_CONTINUE;
}

static void
on_connect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  WickLiveStream *self = user_data;
  g_autoptr(WickLiveStream) hold = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_reconnect;

  /* stop() and dispose cancel: then @self may be gone, so touch nothing. */
  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Signal handlers below may drop the last outside reference. */
  hold = g_object_ref (self);
  g_clear_object (&self->cancellable);

  if (connection == NULL)
    {
      connection_lost (self, error);
      return;
    }

  /* Set before the first read, which only happens when the main loop runs again. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, WICK_LIVE_MAX_MESSAGE);
  soup_websocket_connection_set_keepalive_interval (connection, self->keepalive_seconds);

  g_signal_connect_object (connection, "message",
                           G_CALLBACK (on_connection_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "pong",
                           G_CALLBACK (on_connection_pong_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "error",
                           G_CALLBACK (on_connection_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "closed",
                           G_CALLBACK (on_connection_closed_cb), self, G_CONNECT_SWAPPED);

  self->connection = g_steal_pointer (&connection);
  self->connected_at = g_get_monotonic_time ();
  self->last_heard = self->connected_at;
  self->renew_id = g_timeout_add (self->lifetime_ms, on_renew_timeout_cb, self);
  if (self->keepalive_seconds > 0)
    self->watchdog_id = g_timeout_add_seconds (self->keepalive_seconds, on_watchdog_cb, self);

  is_reconnect = self->has_connected;
  self->has_connected = TRUE;
  set_state (self, WICK_LIVE_STATE_CONNECTED);
  if (self->connection == NULL)
    return;

  if (self->subscribe_text != NULL)
    soup_websocket_connection_send_text (self->connection, self->subscribe_text);

  g_debug ("%s: connected%s", self->url, is_reconnect ? " again" : "");
  g_signal_emit (self, signals[CONNECTED], 0, is_reconnect);
}

static void
connect_now (WickLiveStream *self)
{
  g_autoptr(SoupMessage) message = NULL;

  g_assert (self->connection == NULL);
  g_assert (self->cancellable == NULL);

  message = soup_message_new (SOUP_METHOD_GET, self->url);
  if (message == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                             _("Not a websocket address: %s"), self->url);

      /* Nothing will ever make this address work: give up rather than retry forever. */
      self->is_running = FALSE;
      set_state (self, WICK_LIVE_STATE_OFFLINE);
      g_signal_emit (self, signals[DISCONNECTED], 0, error);
      return;
    }

  self->cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable,
                                        on_connect_cb, self);
}

static void
wick_live_stream_dispose (GObject *object)
{
  WickLiveStream *self = (WickLiveStream *)object;

  self->is_running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  drop_connection (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wick_live_stream_parent_class)->dispose (object);
}

static void
wick_live_stream_finalize (GObject *object)
{
  WickLiveStream *self = (WickLiveStream *)object;

  g_free (self->url);
  g_free (self->subscribe_text);
  g_free (self->ping_text);
  g_free (self->pong_text);

  G_OBJECT_CLASS (wick_live_stream_parent_class)->finalize (object);
}

static void
wick_live_stream_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WickLiveStream *self = WICK_LIVE_STREAM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, wick_live_stream_get_state (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wick_live_stream_class_init (WickLiveStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wick_live_stream_dispose;
  object_class->finalize = wick_live_stream_finalize;
  object_class->get_property = wick_live_stream_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WICK_TYPE_LIVE_STATE, WICK_LIVE_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WickLiveStream::connected:
   * @is_reconnect: %TRUE when the stream was connected before, so messages may have been missed
   *
   * Emitted after each successful connect, once the subscribe text has been sent.
   */
  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * WickLiveStream::disconnected:
   * @reason: why the connection ended or could not be made
   *
   * Emitted when a connection is lost or an attempt fails; a reconnect follows unless the
   * stream was stopped.
   */
  signals[DISCONNECTED] =
    g_signal_new ("disconnected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * WickLiveStream::message:
   * @message: the text or binary payload, at most %WICK_LIVE_MAX_MESSAGE bytes
   *
   * Emitted for every data message from the server.
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
wick_live_stream_init (WickLiveStream *self)
{
  self->base_ms = DEFAULT_BASE_MS;
  self->cap_ms = DEFAULT_CAP_MS;
  self->keepalive_seconds = DEFAULT_KEEPALIVE_SECONDS;
  self->lifetime_ms = DEFAULT_LIFETIME_MS;
}

/**
 * wick_live_stream_new:
 * @session: the session to connect through
 * @url: a ws:// or wss:// address
 * @subscribe_text: (nullable): sent after every connect
 *
 * Creates a stream; it connects on wick_live_stream_start().
 *
 * Returns: (transfer full): a new stream, %WICK_LIVE_STATE_OFFLINE
 */
WickLiveStream *
wick_live_stream_new (SoupSession *session,
                      const char  *url,
                      const char  *subscribe_text)
{
  WickLiveStream *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (WICK_TYPE_LIVE_STREAM, NULL);
  self->session = g_object_ref (session);
  self->url = g_strdup (url);
  self->subscribe_text = g_strdup (subscribe_text);

  return self;
}

/**
 * wick_live_stream_set_backoff:
 * @self: a #WickLiveStream
 * @base_ms: the ceiling of the first wait, above zero
 * @cap_ms: the largest ceiling, at least @base_ms
 *
 * Sets the reconnect backoff; the wait before attempt n is uniform in
 * [0, min (@cap_ms, @base_ms · 2ⁿ)].
 */
void
wick_live_stream_set_backoff (WickLiveStream *self,
                              guint           base_ms,
                              guint           cap_ms)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));
  g_return_if_fail (base_ms > 0);
  g_return_if_fail (cap_ms >= base_ms);

  self->base_ms = base_ms;
  self->cap_ms = cap_ms;
}

/**
 * wick_live_stream_set_keepalive:
 * @self: a #WickLiveStream
 * @interval_seconds: seconds between pings, or 0 for no pings and no watchdog
 *
 * Applies from the next connection on.
 */
void
wick_live_stream_set_keepalive (WickLiveStream *self,
                                guint           interval_seconds)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));

  self->keepalive_seconds = interval_seconds;
}

/**
 * wick_live_stream_set_text_ping:
 * @self: a #WickLiveStream
 * @ping_text: (nullable): text sent every keepalive interval, or %NULL for none
 * @pong_text: (nullable): the server's reply, which is not emitted as ::message
 */
void
wick_live_stream_set_text_ping (WickLiveStream *self,
                                const char     *ping_text,
                                const char     *pong_text)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));

  g_free (self->ping_text);
  self->ping_text = g_strdup (ping_text);
  g_free (self->pong_text);
  self->pong_text = g_strdup (pong_text);
}

/**
 * wick_live_stream_set_lifetime:
 * @self: a #WickLiveStream
 * @lifetime_ms: how long a connection is used before it is replaced, above zero
 *
 * Applies from the next connection on.
 */
void
wick_live_stream_set_lifetime (WickLiveStream *self,
                               guint           lifetime_ms)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));
  g_return_if_fail (lifetime_ms > 0);

  self->lifetime_ms = lifetime_ms;
}

/**
 * wick_live_stream_get_url:
 * @self: a #WickLiveStream
 *
 * Returns: the address the stream connects to
 */
const char *
wick_live_stream_get_url (WickLiveStream *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STREAM (self), NULL);

  return self->url;
}

/**
 * wick_live_stream_start:
 * @self: a #WickLiveStream
 *
 * Connects, and keeps connecting after every loss until wick_live_stream_stop(). Does nothing
 * when already started.
 */
void
wick_live_stream_start (WickLiveStream *self)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));

  if (self->is_running)
    return;

  self->is_running = TRUE;
  self->attempts = 0;
  set_state (self, WICK_LIVE_STATE_CONNECTING);
  if (self->is_running && self->cancellable == NULL)
    connect_now (self);
}

/**
 * wick_live_stream_stop:
 * @self: a #WickLiveStream
 *
 * Cancels a connect or a pending reconnect, closes the connection and stays
 * %WICK_LIVE_STATE_OFFLINE. No signal but notify::state follows.
 */
void
wick_live_stream_stop (WickLiveStream *self)
{
  g_return_if_fail (WICK_IS_LIVE_STREAM (self));

  self->is_running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  drop_connection (self, SOUP_WEBSOCKET_CLOSE_NORMAL);
  set_state (self, WICK_LIVE_STATE_OFFLINE);
}

/**
 * wick_live_stream_get_state:
 * @self: a #WickLiveStream
 *
 * Returns: whether the stream is connected, on its way, or stopped
 */
WickLiveState
wick_live_stream_get_state (WickLiveStream *self)
{
  g_return_val_if_fail (WICK_IS_LIVE_STREAM (self), WICK_LIVE_STATE_OFFLINE);

  return self->state;
}
