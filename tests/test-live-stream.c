/* test-live-stream.c: a websocket that stays connected, against an in-process server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-live-stream.h"

#include "test-server-utils.h"

#include <string.h>

/* Generous: the machine may be slow and shared. */
#define WAIT_MS 30000

typedef struct _Fixture Fixture;

/* What the server does with its n-th connection (0-based). */
typedef void (*AcceptFunc) (Fixture                 *fixture,
                            SoupWebsocketConnection *connection,
                            guint                    index);

struct _Fixture
{
  SoupServer     *server;
  char           *base;
  SoupSession    *session;
  WickLiveStream *stream;

  /* Server side */
  AcceptFunc      on_accept;
  GPtrArray      *server_connections;   /* SoupWebsocketConnection, owned */
  GPtrArray      *server_received;      /* char *, texts the clients sent */
  GPtrArray      *silent_streams;       /* GIOStream, owned: handshakes nobody reads after */
  gboolean        answer_text_ping;

  /* Client side */
  GPtrArray      *messages;             /* GBytes */
  GArray         *connected;            /* gboolean is_reconnect per ::connected */
  GPtrArray      *disconnects;          /* GError */
  GArray         *states;               /* WickLiveState per notify::state */
  gboolean        stop_when_reconnecting;
};

static void
on_server_message_cb (SoupWebsocketConnection *connection,
                      gint                     type,
                      GBytes                  *message,
                      Fixture                 *fixture)
{
  const char *text = g_bytes_get_data (message, NULL);

  g_ptr_array_add (fixture->server_received, g_strdup (text));

  if (fixture->answer_text_ping && g_strcmp0 (text, "ping") == 0)
    soup_websocket_connection_send_text (connection, "pong");
}

static void
on_websocket_cb (SoupServer              *server,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *connection,
                 gpointer                 user_data)
{
  Fixture *fixture = user_data;
  guint index = fixture->server_connections->len;

  /* The server keeps no reference of its own. */
  g_ptr_array_add (fixture->server_connections, g_object_ref (connection));
  g_signal_connect (connection, "message", G_CALLBACK (on_server_message_cb), fixture);

  if (fixture->on_accept != NULL)
    fixture->on_accept (fixture, connection, index);
}

static void
on_silent_wrote_informational_cb (SoupServerMessage *msg,
                                  Fixture           *fixture)
{
  g_ptr_array_add (fixture->silent_streams, soup_server_message_steal_connection (msg));
}

/* Completes the websocket handshake, then never reads or writes again: a dead peer whose
 * socket stays open, as after a laptop sleeps or a NAT forgets the connection. */
static void
on_silent_handler_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (!soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    return;

  g_signal_connect (msg, "wrote-informational",
                    G_CALLBACK (on_silent_wrote_informational_cb), fixture);
}

static void
on_client_message_cb (WickLiveStream *stream,
                      GBytes         *message,
                      Fixture        *fixture)
{
  g_ptr_array_add (fixture->messages, g_bytes_ref (message));
}

static void
on_client_connected_cb (WickLiveStream *stream,
                        gboolean        is_reconnect,
                        Fixture        *fixture)
{
  g_array_append_val (fixture->connected, is_reconnect);
}

static void
on_client_disconnected_cb (WickLiveStream *stream,
                           const GError   *error,
                           Fixture        *fixture)
{
  g_ptr_array_add (fixture->disconnects, g_error_copy (error));
}

static void
on_client_state_cb (WickLiveStream *stream,
                    GParamSpec     *pspec,
                    Fixture        *fixture)
{
  WickLiveState state = wick_live_stream_get_state (stream);

  g_array_append_val (fixture->states, state);

  if (fixture->stop_when_reconnecting && state == WICK_LIVE_STATE_RECONNECTING)
    wick_live_stream_stop (stream);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (fixture->server, "/ws", NULL, NULL,
                                     on_websocket_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/silent", on_silent_handler_cb, fixture, NULL);
  fixture->base = test_server_listen (fixture->server, "ws");
  fixture->session = soup_session_new ();

  fixture->server_connections = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server_received = g_ptr_array_new_with_free_func (g_free);
  fixture->silent_streams = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  fixture->connected = g_array_new (FALSE, FALSE, sizeof (gboolean));
  fixture->disconnects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (WickLiveState));

  url = g_strconcat (fixture->base, data != NULL ? data : "/ws", NULL);
  fixture->stream = wick_live_stream_new (fixture->session, url, "SUB");
  wick_live_stream_set_backoff (fixture->stream, 20, 200);

  g_signal_connect (fixture->stream, "message", G_CALLBACK (on_client_message_cb), fixture);
  g_signal_connect (fixture->stream, "connected", G_CALLBACK (on_client_connected_cb), fixture);
  g_signal_connect (fixture->stream, "disconnected",
                    G_CALLBACK (on_client_disconnected_cb), fixture);
  g_signal_connect (fixture->stream, "notify::state", G_CALLBACK (on_client_state_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wick_live_stream_stop (fixture->stream);
  g_assert_finalize_object (fixture->stream);

  for (guint i = 0; i < fixture->server_connections->len; i++)
    {
      SoupWebsocketConnection *connection = fixture->server_connections->pdata[i];

      g_signal_handlers_disconnect_by_data (connection, fixture);
    }

  g_ptr_array_unref (fixture->server_connections);
  g_ptr_array_unref (fixture->silent_streams);
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_object_unref (fixture->session);
  g_free (fixture->base);

  g_ptr_array_unref (fixture->server_received);
  g_ptr_array_unref (fixture->messages);
  g_array_unref (fixture->connected);
  g_ptr_array_unref (fixture->disconnects);
  g_array_unref (fixture->states);
}

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!condition (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return condition (fixture);
}

/* Runs the main loop for @ms so that anything wrongly scheduled gets its chance to happen. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static gboolean
has_message (Fixture    *fixture,
             const char *text)
{
  for (guint i = 0; i < fixture->messages->len; i++)
    {
      gsize length;
      const char *data = g_bytes_get_data (fixture->messages->pdata[i], &length);

      if (length == strlen (text) && memcmp (data, text, length) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_messages (Fixture            *fixture,
                 const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (fixture->messages->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      gsize length;
      const char *data = g_bytes_get_data (fixture->messages->pdata[i], &length);

      g_assert_cmpmem (data, length, expected[i], strlen (expected[i]));
    }
}

static guint
count_received (Fixture    *fixture,
                const char *text)
{
  guint n = 0;

  for (guint i = 0; i < fixture->server_received->len; i++)
    n += g_strcmp0 (fixture->server_received->pdata[i], text) == 0;

  return n;
}

static const GError *
disconnect_error (Fixture *fixture,
                  guint    index)
{
  g_assert_cmpuint (index, <, fixture->disconnects->len);

  return fixture->disconnects->pdata[index];
}

static gboolean
has_state (Fixture       *fixture,
           WickLiveState  state)
{
  for (guint i = 0; i < fixture->states->len; i++)
    {
      if (g_array_index (fixture->states, WickLiveState, i) == state)
        return TRUE;
    }

  return FALSE;
}

/* Cases */

static gboolean
got_big (Fixture *fixture)
{
  return fixture->messages->len >= 3;
}

static void
accept_hello (Fixture                 *fixture,
              SoupWebsocketConnection *connection,
              guint                    index)
{
  g_autofree char *big = g_malloc (1000 * 1000 + 1);

  /* A message far above libsoup's default limit of 128 KiB, below ours. */
  memset (big, 'x', 1000 * 1000);
  big[1000 * 1000] = '\0';

  soup_websocket_connection_send_text (connection, "hello 0");
  soup_websocket_connection_send_text (connection, "hello 1");
  soup_websocket_connection_send_text (connection, big);
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_OFFLINE);

  fixture->on_accept = accept_hello;
  wick_live_stream_start (fixture->stream);
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_CONNECTING);

  g_assert_true (wait_until (fixture, got_big));
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_CONNECTED);

  g_assert_cmpuint (fixture->messages->len, ==, 3);
  g_assert_true (has_message (fixture, "hello 0"));
  g_assert_true (has_message (fixture, "hello 1"));
  g_assert_cmpuint (g_bytes_get_size (fixture->messages->pdata[2]), ==, 1000 * 1000);

  g_assert_cmpuint (fixture->connected->len, ==, 1);
  g_assert_false (g_array_index (fixture->connected, gboolean, 0));
  g_assert_cmpuint (fixture->disconnects->len, ==, 0);
  g_assert_cmpuint (fixture->server_connections->len, ==, 1);

  g_assert_cmpuint (fixture->states->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->states, WickLiveState, 0), ==,
                   WICK_LIVE_STATE_CONNECTING);
  g_assert_cmpint (g_array_index (fixture->states, WickLiveState, 1), ==,
                   WICK_LIVE_STATE_CONNECTED);

  /* Starting twice is harmless. */
  wick_live_stream_start (fixture->stream);
  run_for (50);
  g_assert_cmpuint (fixture->server_connections->len, ==, 1);
}

static gboolean
server_got_subscribe (Fixture *fixture)
{
  return count_received (fixture, "SUB") >= 1;
}

static void
test_subscribe (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->base, "/ws", NULL);

  wick_live_stream_start (fixture->stream);
  g_assert_true (wait_until (fixture, server_got_subscribe));
  g_assert_cmpuint (fixture->server_received->len, ==, 1);
  g_assert_cmpstr (wick_live_stream_get_url (fixture->stream), ==, url);
}

static void
accept_then_close_first (Fixture                 *fixture,
                         SoupWebsocketConnection *connection,
                         guint                    index)
{
  soup_websocket_connection_send_text (connection, index == 0 ? "a" : "b");
  if (index == 0)
    soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "restart");
}

static gboolean
got_b (Fixture *fixture)
{
  return has_message (fixture, "b") && count_received (fixture, "SUB") >= 2;
}

static void
test_reconnect (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const expected[] = { "a", "b", NULL };

  fixture->on_accept = accept_then_close_first;
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, got_b));
  assert_messages (fixture, expected);

  /* Subscribed again on the new connection. */
  g_assert_cmpuint (count_received (fixture, "SUB"), ==, 2);
  g_assert_cmpuint (fixture->server_connections->len, ==, 2);

  g_assert_cmpuint (fixture->connected->len, ==, 2);
  g_assert_false (g_array_index (fixture->connected, gboolean, 0));
  g_assert_true (g_array_index (fixture->connected, gboolean, 1));

  g_assert_cmpuint (fixture->disconnects->len, ==, 1);
  g_assert_error (disconnect_error (fixture, 0), G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_nonnull (strstr (disconnect_error (fixture, 0)->message, "restart"));

  g_assert_true (has_state (fixture, WICK_LIVE_STATE_RECONNECTING));
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_CONNECTED);
}

static void
accept_oversized_first (Fixture                 *fixture,
                        SoupWebsocketConnection *connection,
                        guint                    index)
{
  if (index == 0)
    {
      gsize size = 2 * 1024 * 1024;
      g_autofree char *big = g_malloc (size + 1);

      memset (big, 'y', size);
      big[size] = '\0';

      soup_websocket_connection_send_text (connection, "before");
      soup_websocket_connection_send_text (connection, big);
      soup_websocket_connection_send_text (connection, "lost");
    }
  else
    {
      soup_websocket_connection_send_text (connection, "after");
    }
}

static gboolean
got_after (Fixture *fixture)
{
  return has_message (fixture, "after");
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const expected[] = { "before", "after", NULL };

  fixture->on_accept = accept_oversized_first;
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, got_after));
  assert_messages (fixture, expected);

  g_assert_cmpuint (fixture->disconnects->len, ==, 1);
  g_assert_error (disconnect_error (fixture, 0), SOUP_WEBSOCKET_ERROR,
                  SOUP_WEBSOCKET_CLOSE_TOO_BIG);
  g_assert_cmpuint (fixture->connected->len, ==, 2);
  g_assert_true (g_array_index (fixture->connected, gboolean, 1));
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_CONNECTED);
}

static void
accept_bad_frame_first (Fixture                 *fixture,
                        SoupWebsocketConnection *connection,
                        guint                    index)
{
  if (index == 0)
    {
      /* FIN with the reserved opcode 3 and an empty payload: not a valid frame. */
      static const guint8 frame[] = { 0x83, 0x00 };
      GIOStream *io = soup_websocket_connection_get_io_stream (connection);
      g_autoptr(GError) error = NULL;

      g_output_stream_write_all (g_io_stream_get_output_stream (io), frame, sizeof frame,
                                 NULL, NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      soup_websocket_connection_send_text (connection, "after");
    }
}

static void
test_bad_frame (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const expected[] = { "after", NULL };

  fixture->on_accept = accept_bad_frame_first;
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, got_after));
  assert_messages (fixture, expected);

  g_assert_cmpuint (fixture->disconnects->len, ==, 1);
  g_assert_error (disconnect_error (fixture, 0), SOUP_WEBSOCKET_ERROR,
                  SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR);
  g_assert_cmpuint (fixture->connected->len, ==, 2);
}

static void
accept_and_close (Fixture                 *fixture,
                  SoupWebsocketConnection *connection,
                  guint                    index)
{
  soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}

static gboolean
is_reconnecting (Fixture *fixture)
{
  return wick_live_stream_get_state (fixture->stream) == WICK_LIVE_STATE_RECONNECTING;
}

static gboolean
stopped_after_second_drop (Fixture *fixture)
{
  return fixture->connected->len == 2 &&
         wick_live_stream_get_state (fixture->stream) == WICK_LIVE_STATE_OFFLINE;
}

static void
test_stop_while_reconnecting (Fixture       *fixture,
                              gconstpointer  data)
{
  /* A long wait, so the reconnect is surely still pending when stop() comes. */
  wick_live_stream_set_backoff (fixture->stream, 60000, 60000);
  fixture->on_accept = accept_and_close;
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, is_reconnecting));
  wick_live_stream_stop (fixture->stream);
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_OFFLINE);

  /* And with a short backoff, stopped from the state change itself. */
  wick_live_stream_set_backoff (fixture->stream, 1, 1);
  fixture->stop_when_reconnecting = TRUE;
  wick_live_stream_start (fixture->stream);
  g_assert_true (wait_until (fixture, stopped_after_second_drop));

  run_for (300);
  g_assert_cmpuint (fixture->server_connections->len, ==, 2);
  g_assert_cmpuint (fixture->connected->len, ==, 2);
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_OFFLINE);
  g_assert_cmpint (g_array_index (fixture->states, WickLiveState, fixture->states->len - 1), ==,
                   WICK_LIVE_STATE_OFFLINE);
}

static void
test_stop_while_connecting (Fixture       *fixture,
                            gconstpointer  data)
{
  fixture->on_accept = accept_hello;
  wick_live_stream_start (fixture->stream);
  wick_live_stream_stop (fixture->stream);
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_OFFLINE);

  run_for (300);
  g_assert_cmpuint (fixture->connected->len, ==, 0);
  g_assert_cmpuint (fixture->messages->len, ==, 0);
  g_assert_cmpuint (fixture->disconnects->len, ==, 0);
  g_assert_cmpint (wick_live_stream_get_state (fixture->stream), ==, WICK_LIVE_STATE_OFFLINE);

  /* It can start again afterwards. */
  wick_live_stream_start (fixture->stream);
  g_assert_true (wait_until (fixture, got_big));
  g_assert_cmpuint (fixture->connected->len, ==, 1);
}

static gboolean
renewed (Fixture *fixture)
{
  return fixture->connected->len >= 2 && count_received (fixture, "SUB") >= 2;
}

static void
test_renew (Fixture       *fixture,
            gconstpointer  data)
{
  SoupWebsocketConnection *first;

  wick_live_stream_set_lifetime (fixture->stream, 200);
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, renewed));
  g_assert_true (g_array_index (fixture->connected, gboolean, 1));
  /* Renewing is not a loss. */
  g_assert_cmpuint (fixture->disconnects->len, ==, 0);
  g_assert_cmpuint (count_received (fixture, "SUB"), >=, 2);

  /* The old connection was closed, normally, by the client. */
  first = fixture->server_connections->pdata[0];
  g_assert_cmpint (soup_websocket_connection_get_state (first), !=, SOUP_WEBSOCKET_STATE_OPEN);
}

static gboolean
silent_reconnected (Fixture *fixture)
{
  return fixture->connected->len >= 2 && fixture->disconnects->len >= 1;
}

static void
test_dead_peer (Fixture       *fixture,
                gconstpointer  data)
{
  wick_live_stream_set_keepalive (fixture->stream, 1);
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, silent_reconnected));
  g_assert_error (disconnect_error (fixture, 0), G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (fixture->connected->len, >=, 2);
}

static gboolean
got_pings (Fixture *fixture)
{
  return count_received (fixture, "ping") >= 2;
}

static void
test_text_ping (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->answer_text_ping = TRUE;
  fixture->on_accept = accept_hello;
  wick_live_stream_set_keepalive (fixture->stream, 1);
  wick_live_stream_set_text_ping (fixture->stream, "ping", "pong");
  wick_live_stream_start (fixture->stream);

  g_assert_true (wait_until (fixture, got_pings));
  /* The replies are not messages, and the connection stayed up. */
  g_assert_false (has_message (fixture, "pong"));
  g_assert_cmpuint (fixture->messages->len, ==, 3);
  g_assert_cmpuint (fixture->connected->len, ==, 1);
  g_assert_cmpuint (fixture->disconnects->len, ==, 0);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  /* Nothing listens on /nothing: the server answers the upgrade with 404. */
  wick_live_stream_start (fixture->stream);
  g_assert_true (wait_until (fixture, is_reconnecting));
  g_assert_cmpuint (fixture->disconnects->len, >=, 1);
  g_assert_cmpuint (fixture->connected->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/live-stream/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("connect", test_connect, NULL);
  ADD ("subscribe", test_subscribe, NULL);
  ADD ("reconnect", test_reconnect, NULL);
  ADD ("oversized", test_oversized, NULL);
  ADD ("bad-frame", test_bad_frame, NULL);
  ADD ("stop-while-reconnecting", test_stop_while_reconnecting, NULL);
  ADD ("stop-while-connecting", test_stop_while_connecting, NULL);
  ADD ("renew", test_renew, NULL);
  ADD ("dead-peer", test_dead_peer, "/silent");
  ADD ("text-ping", test_text_ping, NULL);
  ADD ("refused", test_refused, "/nothing");

#undef ADD

  return g_test_run ();
}
