/* test-okx-fake.h: a fake OKX on 127.0.0.1, in its own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake runs in its own thread with its own main context, so the synchronous
 * wick_source_load() can be tested too, and so can a whole wick process or window of this
 * one. It serves hourly candles that are a pure function of their open time, keeps OKX's rules
 * (newest first, `after` exclusive, at most 300 a page and only the newest 1440 on
 * /market/candles, at most 100 a page on history-candles, error envelopes with HTTP 200) and
 * logs every request. Its streams (/ws/v5/business and /ws/v5/public) answer “ping” with
 * “pong”, acknowledge and log each subscription, and push what fake_send_candle() gives them.
 */

#pragma once

#include "wick-series.h"
#include "test-server-utils.h"

#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)

typedef struct
{
  char       *path;
  GHashTable *query;     /* Owned: name → value */
  gint64      received;  /* monotonic µs */
} Request;

static inline void
request_free (Request *request)
{
  g_free (request->path);
  g_hash_table_unref (request->query);
  g_free (request);
}

typedef struct
{
  GMutex        mutex;
  GCond         cond;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *base_url;

  /* Set by the tests, read by the handler; under the mutex. */
  gint64        newest_ms;       /* the newest open time the server has */
  gint64        first_ms;        /* the oldest */
  guint         depth;           /* candles /market/candles reaches back */
  guint         overlap;         /* rows at or after `after` added to every page */
  char         *inst_id;         /* the one spot instrument the server lists */
  gint64        bad_row_ms;      /* a row whose high is below its low; 0 for none */
  guint         error_status;    /* HTTP status of OKX error envelopes */
  guint         fail_status;     /* non-zero: every request gets this status and no body */
  guint         instruments_status;
  char         *ct_val;
  char         *liquidations_body;
  GPtrArray    *requests;        /* of Request */
  GPtrArray    *subscriptions;   /* of char *: every text a stream received but “ping” */

  /* Only touched in the server's thread */
  GPtrArray    *sockets;         /* of SoupWebsocketConnection, the streams open */
} FakeOkx;

/* The server's candles: multiples of 0.25, so text and doubles agree exactly. */
static inline void
expected_candle (gint64      time_ms,
                 WickCandle *candle)
{
  gint64 i = time_ms / HOUR_MS;

  candle->open_time_ms = time_ms;
  candle->open = 90000.0 + (double) (i % 97) * 3.5;
  candle->high = candle->open + 50.25;
  candle->low = candle->open - 40.5;
  candle->close = candle->open + (double) ((i % 5) - 2) * 7.75;
  candle->volume = 1.0 + (double) (i % 7) * 0.5;
}

static inline void
append_row (GString *body,
            FakeOkx *fake,
            gint64   time_ms)
{
  WickCandle c;
  char o[32], h[32], l[32], cl[32], v[32];

  expected_candle (time_ms, &c);
  if (time_ms == fake->bad_row_ms)
    c.high = c.low - 1.0;

  g_ascii_formatd (o, sizeof o, "%.2f", c.open);
  g_ascii_formatd (h, sizeof h, "%.2f", c.high);
  g_ascii_formatd (l, sizeof l, "%.2f", c.low);
  g_ascii_formatd (cl, sizeof cl, "%.2f", c.close);
  g_ascii_formatd (v, sizeof v, "%.2f", c.volume);

  if (body->str[body->len - 1] != '[')
    g_string_append_c (body, ',');
  g_string_append_printf (body, "[\"%" G_GINT64_FORMAT "\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\","
                          "\"0\",\"0\",\"%s\"]", time_ms, o, h, l, cl, v,
                          time_ms == fake->newest_ms ? "0" : "1");
}

static inline void
set_error_envelope (SoupServerMessage *msg,
                    FakeOkx           *fake,
                    const char        *code,
                    const char        *text)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"msg\":\"%s\",\"data\":[]}",
                                           code, text);

  soup_server_message_set_status (msg, fake->error_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static inline void
serve_candles (SoupServerMessage *msg,
               FakeOkx           *fake,
               GHashTable        *query,
               gboolean           history)
{
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *after_text = query ? g_hash_table_lookup (query, "after") : NULL;
  const char *inst_id = query ? g_hash_table_lookup (query, "instId") : NULL;
  const char *bar = query ? g_hash_table_lookup (query, "bar") : NULL;
  guint max_limit = history ? 100 : 300;
  guint64 limit = 100;
  gint64 oldest = fake->first_ms;
  gint64 newest = fake->newest_ms;
  g_autoptr(GString) body = g_string_new ("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
  guint n = 0;

  if (g_strcmp0 (inst_id, fake->inst_id) != 0)
    {
      set_error_envelope (msg, fake, "51001", "Instrument ID does not exist");
      return;
    }
  if (g_strcmp0 (bar, "1H") != 0 ||
      (limit_text != NULL &&
       !g_ascii_string_to_unsigned (limit_text, 10, 1, max_limit, &limit, NULL)))
    {
      set_error_envelope (msg, fake, "51000", "Parameter error");
      return;
    }

  if (!history)
    oldest = MAX (oldest, newest - (gint64) (fake->depth - 1) * HOUR_MS);
  if (after_text != NULL)
    newest = MIN (newest, g_ascii_strtoll (after_text, NULL, 10) - HOUR_MS +
                          (gint64) fake->overlap * HOUR_MS);

  for (gint64 t = newest; t >= oldest && n < limit; t -= HOUR_MS, n++)
    append_row (body, fake, t);
  g_string_append (body, "]}");

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str,
                                    body->len);
}

static inline void
serve_instruments (SoupServerMessage *msg,
                   FakeOkx           *fake,
                   GHashTable        *query)
{
  g_autofree char *swap_id = g_strconcat (fake->inst_id, "-SWAP", NULL);
  g_autofree char *body = NULL;

  if (fake->instruments_status != 200)
    {
      soup_server_message_set_status (msg, fake->instruments_status, NULL);
      return;
    }
  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "instType"), "SWAP") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "instId"), swap_id) != 0)
    {
      set_error_envelope (msg, fake, "51001", "Instrument ID does not exist");
      return;
    }

  body = g_strdup_printf ("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SWAP\","
                          "\"instId\":\"%s\",\"instFamily\":\"%s\",\"ctVal\":\"%s\","
                          "\"ctValCcy\":\"BTC\",\"ctType\":\"linear\",\"state\":\"live\"}]}",
                          swap_id, fake->inst_id, fake->ct_val);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static inline void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FakeOkx *fake = user_data;
  Request *request = g_new0 (Request, 1);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);

  request->path = g_strdup (path);
  request->received = g_get_monotonic_time ();
  request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  g_ptr_array_add (fake->requests, request);

  if (fake->fail_status != 0)
    soup_server_message_set_status (msg, fake->fail_status, NULL);
  else if (g_str_equal (path, "/api/v5/market/candles"))
    serve_candles (msg, fake, query, FALSE);
  else if (g_str_equal (path, "/api/v5/market/history-candles"))
    serve_candles (msg, fake, query, TRUE);
  else if (g_str_equal (path, "/api/v5/public/instruments"))
    serve_instruments (msg, fake, query);
  else if (g_str_equal (path, "/api/v5/public/liquidation-orders"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        fake->liquidations_body,
                                        strlen (fake->liquidations_body));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static inline void
on_fake_socket_closed_cb (SoupWebsocketConnection *socket,
                          FakeOkx                 *fake)
{
  g_ptr_array_remove (fake->sockets, socket);
}

static inline void
on_fake_socket_message_cb (SoupWebsocketConnection *socket,
                           gint                     type,
                           GBytes                  *message,
                           FakeOkx                 *fake)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL),
                                     g_bytes_get_size (message));

  if (g_str_equal (text, "ping"))
    {
      soup_websocket_connection_send_text (socket, "pong");
      return;
    }

  g_mutex_lock (&fake->mutex);
  g_ptr_array_add (fake->subscriptions, g_strdup (text));
  g_mutex_unlock (&fake->mutex);
  soup_websocket_connection_send_text (socket, "{\"event\":\"subscribe\",\"connId\":\"fake\"}");
}

static inline void
on_fake_socket_cb (SoupServer              *server,
                   SoupServerMessage       *msg,
                   const char              *path,
                   SoupWebsocketConnection *socket,
                   gpointer                 user_data)
{
  FakeOkx *fake = user_data;

  g_ptr_array_add (fake->sockets, g_object_ref (socket));
  g_signal_connect (socket, "message", G_CALLBACK (on_fake_socket_message_cb), fake);
  g_signal_connect (socket, "closed", G_CALLBACK (on_fake_socket_closed_cb), fake);
}

static inline gpointer
server_thread (gpointer data)
{
  FakeOkx *fake = data;
  g_autoptr(SoupServer) server = NULL;
  char *base_url;

  g_main_context_push_thread_default (fake->context);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, fake, NULL);
  soup_server_add_websocket_handler (server, "/ws/v5", NULL, NULL, on_fake_socket_cb, fake,
                                     NULL);
  base_url = test_server_listen (server, "http");

  g_mutex_lock (&fake->mutex);
  fake->base_url = base_url;
  g_cond_signal (&fake->cond);
  g_mutex_unlock (&fake->mutex);

  g_main_loop_run (fake->loop);

  for (guint i = 0; i < fake->sockets->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (fake->sockets, i), fake);
  g_ptr_array_set_size (fake->sockets, 0);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (fake->context);

  return NULL;
}

static inline void
fake_start (FakeOkx *fake)
{
  gint64 now = g_get_real_time () / 1000;

  g_mutex_init (&fake->mutex);
  g_cond_init (&fake->cond);
  fake->newest_ms = now - now % HOUR_MS;
  fake->first_ms = fake->newest_ms - 20000 * HOUR_MS;
  fake->depth = 1440;
  fake->inst_id = g_strdup ("BTC-USDT");
  fake->error_status = 200;
  fake->instruments_status = 200;
  fake->ct_val = g_strdup ("0.01");
  fake->liquidations_body = g_strdup ("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");
  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  fake->subscriptions = g_ptr_array_new_with_free_func (g_free);
  fake->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);

  fake->thread = g_thread_new ("fake-okx", server_thread, fake);
  g_mutex_lock (&fake->mutex);
  while (fake->base_url == NULL)
    g_cond_wait (&fake->cond, &fake->mutex);
  g_mutex_unlock (&fake->mutex);
}

static inline gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
fake_stop (FakeOkx *fake)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* From inside the loop: a quit sent before the thread reaches g_main_loop_run() would be
   * lost. */
  g_source_set_callback (idle, quit_cb, fake->loop, NULL);
  g_source_attach (idle, fake->context);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_ptr_array_unref (fake->requests);
  g_ptr_array_unref (fake->subscriptions);
  g_ptr_array_unref (fake->sockets);
  g_free (fake->base_url);
  g_free (fake->inst_id);
  g_free (fake->ct_val);
  g_free (fake->liquidations_body);
  g_mutex_clear (&fake->mutex);
  g_cond_clear (&fake->cond);
}

/* Hands over the requests logged so far and starts a new log. */
static inline GPtrArray *
fake_take_requests (FakeOkx *fake)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);
  GPtrArray *requests = fake->requests;

  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  return requests;
}

static inline void
fake_set_string (FakeOkx     *fake,
                 char       **field,
                 const char  *value)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);

  g_free (*field);
  *field = g_strdup (value);
}

/* How many subscriptions the streams received that hold @needle. */
static inline guint
fake_count_subscriptions (FakeOkx    *fake,
                          const char *needle)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);
  guint n = 0;

  for (guint i = 0; i < fake->subscriptions->len; i++)
    n += strstr (g_ptr_array_index (fake->subscriptions, i), needle) != NULL;

  return n;
}

typedef struct
{
  FakeOkx *fake;
  char    *text;
} FakePush;

static inline gboolean
fake_push_cb (gpointer data)
{
  FakePush *push = data;

  for (guint i = 0; i < push->fake->sockets->len; i++)
    {
      SoupWebsocketConnection *socket = g_ptr_array_index (push->fake->sockets, i);
      GUri *uri = soup_websocket_connection_get_uri (socket);

      if (g_str_has_suffix (g_uri_get_path (uri), "/business") &&
          soup_websocket_connection_get_state (socket) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_text (socket, push->text);
    }

  g_free (push->text);
  g_free (push);

  return G_SOURCE_REMOVE;
}

/* Pushes the newest candle, still forming, now closing at @close, on every candle stream
 * of @inst_id (from the server's thread; this returns at once). */
static inline void
fake_send_candle (FakeOkx    *fake,
                  const char *inst_id,
                  double      close)
{
  FakePush *push = g_new0 (FakePush, 1);
  WickCandle c;
  char o[32], h[32], l[32], cl[32], v[32];

  expected_candle (fake->newest_ms, &c);
  c.close = close;
  c.high = MAX (c.high, close);
  c.low = MIN (c.low, close);
  g_ascii_formatd (o, sizeof o, "%.2f", c.open);
  g_ascii_formatd (h, sizeof h, "%.2f", c.high);
  g_ascii_formatd (l, sizeof l, "%.2f", c.low);
  g_ascii_formatd (cl, sizeof cl, "%.2f", c.close);
  g_ascii_formatd (v, sizeof v, "%.2f", c.volume);

  push->fake = fake;
  push->text = g_strdup_printf ("{\"arg\":{\"channel\":\"candle1H\",\"instId\":\"%s\"},"
                                "\"data\":[[\"%" G_GINT64_FORMAT "\",\"%s\",\"%s\",\"%s\",\"%s\","
                                "\"%s\",\"0\",\"0\",\"0\"]]}",
                                inst_id, fake->newest_ms, o, h, l, cl, v);
  g_main_context_invoke (fake->context, fake_push_cb, push);
}
