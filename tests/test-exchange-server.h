/* test-exchange-server.h: a fake Binance on 127.0.0.1 for the app's tests: spot and USD-M
 * klines paged the way Binance pages them, its error body for unknown symbols, and kline
 * websockets the test pushes events into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <string.h>

#include "test-server-utils.h"

#define TEST_EXCHANGE_CANDLES 300
#define TEST_EXCHANGE_HOUR_MS G_GINT64_CONSTANT (3600000)

typedef struct
{
  SoupServer *server;        /* Owned */
  char       *http_url;      /* Owned: http://127.0.0.1:PORT */
  char       *ws_url;        /* Owned: ws://127.0.0.1:PORT */
  GPtrArray  *sockets;       /* Owned: SoupWebsocketConnection, every stream opened */
  gint64      last_open_ms;  /* the newest candle's open time: the current hour */
  guint       n_klines;      /* /api/v3/klines requests answered */
  guint       n_futures_klines; /* /fapi/v1/klines requests answered */
  gint64      first_start_ms; /* the startTime of the first of them, -1 when it had none */
  guint       n_rate_limits; /* /api/v3/klines answers 429 this many times first */
  gboolean    hold_klines;   /* answers to /api/v3/klines wait for test_exchange_release () */
  GPtrArray  *held;          /* Owned: SoupServerMessage, the answers waiting */
} TestExchange;

/* The candles the server has, the same for every symbol it knows: 300 hours up to now,
 * around 92,000. */
static inline void
test_exchange_candle (TestExchange *exchange,
                      guint         index,
                      double       *open,
                      double       *high,
                      double       *low,
                      double       *close)
{
  *open = 92000.0 + 40.0 * (index % 17) - 300.0 * (index % 5 == 0);
  *close = *open + (index % 2 ? 55.5 : -42.25);
  *high = MAX (*open, *close) + 20.0;
  *low = MIN (*open, *close) - 20.0;
}

/* Prices as Binance writes them, whatever the test's locale. */
static inline const char *
test_exchange_price (char   *buffer,
                     double  value)
{
  return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", value);
}

static inline gint64
query_int64 (GHashTable *query,
             const char *name,
             gint64      fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

/* GET /api/v3/klines (or /fapi/v1/klines, up to 1500 rows) as Binance answers it: from
 * startTime up, at most `limit` rows, never past endTime; the newest `limit` when there is no
 * startTime. Both markets have the same candles. */
static inline void
test_exchange_klines_cb (SoupServer        *server,
                         SoupServerMessage *message,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  TestExchange *exchange = user_data;
  const char *symbol = query != NULL ? g_hash_table_lookup (query, "symbol") : NULL;
  const char *interval = query != NULL ? g_hash_table_lookup (query, "interval") : NULL;
  gint64 first_ms = exchange->last_open_ms - (TEST_EXCHANGE_CANDLES - 1) * TEST_EXCHANGE_HOUR_MS;
  gboolean futures = g_str_equal (path, "/fapi/v1/klines");
  gint64 limit = CLAMP (query_int64 (query, "limit", 500), 1, futures ? 1500 : 1000);
  gint64 start_ms = query_int64 (query, "startTime", -1);
  gint64 end_ms = query_int64 (query, "endTime", G_MAXINT64);
  g_autoptr(GString) body = g_string_new ("[");
  guint first = 0, end = TEST_EXCHANGE_CANDLES, n = 0;

  if (futures)
    exchange->n_futures_klines++;
  else if (exchange->n_klines++ == 0)
    exchange->first_start_ms = start_ms;

  if (exchange->n_rate_limits > 0)
    {
      exchange->n_rate_limits--;
      soup_server_message_set_status (message, 429, NULL);
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "Retry-After", "1");
      return;
    }

  if (g_strcmp0 (symbol, "BTCUSDT") != 0 && g_strcmp0 (symbol, "ETHUSDT") != 0)
    {
      soup_server_message_set_status (message, 400, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", 38);
      return;
    }
  g_assert_cmpstr (interval, ==, "1h");

  while (end > 0 && first_ms + (gint64) (end - 1) * TEST_EXCHANGE_HOUR_MS > end_ms)
    end--;
  if (start_ms >= 0)
    {
      while (first < end && first_ms + (gint64) first * TEST_EXCHANGE_HOUR_MS < start_ms)
        first++;
      end = MIN (end, first + (guint) limit);
    }
  else
    {
      first = end > limit ? end - (guint) limit : 0;
    }

  for (guint i = first; i < end; i++, n++)
    {
      gint64 open_ms = first_ms + (gint64) i * TEST_EXCHANGE_HOUR_MS;
      char o[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
      char l[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
      double open, high, low, close;

      test_exchange_candle (exchange, i, &open, &high, &low, &close);
      g_string_append_printf (body, "%s[%" G_GINT64_FORMAT ",\"%s\",\"%s\",\"%s\",\"%s\","
                              "\"%u.5\",%" G_GINT64_FORMAT ",\"1\",10,\"1\",\"1\",\"0\"]",
                              n > 0 ? "," : "", open_ms, test_exchange_price (o, open),
                              test_exchange_price (h, high), test_exchange_price (l, low),
                              test_exchange_price (c, close), 100 + i,
                              open_ms + TEST_EXCHANGE_HOUR_MS - 1);
    }
  g_string_append_c (body, ']');

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body->str, body->len);

  if (exchange->hold_klines)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (exchange->held, g_object_ref (message));
    }
}

/* Sends the answers held back, and answers at once from now on. */
static inline void
test_exchange_release (TestExchange *exchange)
{
  exchange->hold_klines = FALSE;
  for (guint i = 0; i < exchange->held->len; i++)
    soup_server_message_unpause (g_ptr_array_index (exchange->held, i));
  g_ptr_array_set_size (exchange->held, 0);
}

/* Open interest is optional to a load: the fake has none to give, and says so as Binance
 * would for a market without history. */
static inline void
test_exchange_open_interest_cb (SoupServer        *server,
                                SoupServerMessage *message,
                                const char        *path,
                                GHashTable        *query,
                                gpointer           user_data)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static inline void
test_exchange_not_found_cb (SoupServer        *server,
                            SoupServerMessage *message,
                            const char        *path,
                            GHashTable        *query,
                            gpointer           user_data)
{
  soup_server_message_set_status (message, 404, NULL);
}

static inline void
test_exchange_socket_closed_cb (SoupWebsocketConnection *socket,
                                TestExchange            *exchange)
{
  g_ptr_array_remove (exchange->sockets, socket);
}

static inline void
test_exchange_websocket_cb (SoupServer              *server,
                            SoupServerMessage       *message,
                            const char              *path,
                            SoupWebsocketConnection *socket,
                            gpointer                 user_data)
{
  TestExchange *exchange = user_data;

  g_ptr_array_add (exchange->sockets, g_object_ref (socket));
  g_signal_connect (socket, "closed", G_CALLBACK (test_exchange_socket_closed_cb), exchange);
}

static inline TestExchange *
test_exchange_new (void)
{
  TestExchange *exchange = g_new0 (TestExchange, 1);
  gint64 now_ms = g_get_real_time () / 1000;

  exchange->last_open_ms = now_ms - now_ms % TEST_EXCHANGE_HOUR_MS;
  exchange->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  exchange->held = g_ptr_array_new_with_free_func (g_object_unref);
  exchange->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (exchange->server, "/api/v3/klines", test_exchange_klines_cb,
                           exchange, NULL);
  soup_server_add_handler (exchange->server, "/fapi/v1/klines", test_exchange_klines_cb,
                           exchange, NULL);
  soup_server_add_handler (exchange->server, "/futures/data/openInterestHist",
                           test_exchange_open_interest_cb, exchange, NULL);
  soup_server_add_handler (exchange->server, NULL, test_exchange_not_found_cb, exchange, NULL);
  soup_server_add_websocket_handler (exchange->server, "/ws", NULL, NULL,
                                     test_exchange_websocket_cb, exchange, NULL);
  soup_server_add_websocket_handler (exchange->server, "/market/ws", NULL, NULL,
                                     test_exchange_websocket_cb, exchange, NULL);
  exchange->http_url = test_server_listen (exchange->server, "http");
  exchange->ws_url = g_strdup_printf ("ws%s", exchange->http_url + strlen ("http"));

  return exchange;
}

/* Points every exchange address of this process, and of what it starts, at @exchange. */
static inline void
test_exchange_set_environment (TestExchange *exchange)
{
  g_setenv ("WICK_BINANCE_URL", exchange->http_url, TRUE);
  g_setenv ("WICK_BINANCE_FUTURES_URL", exchange->http_url, TRUE);
  g_setenv ("WICK_BINANCE_WS_URL", exchange->ws_url, TRUE);
  g_setenv ("WICK_BINANCE_FUTURES_WS_URL", exchange->ws_url, TRUE);
  g_setenv ("WICK_OKX_URL", exchange->http_url, TRUE);
  g_setenv ("WICK_OKX_WS_URL", exchange->ws_url, TRUE);
}

/* The kline stream of @symbol, once the app opened it. */
static inline SoupWebsocketConnection *
test_exchange_find_stream (TestExchange *exchange,
                           const char   *stream)
{
  for (guint i = 0; i < exchange->sockets->len; i++)
    {
      SoupWebsocketConnection *socket = g_ptr_array_index (exchange->sockets, i);
      const char *path = g_uri_get_path (soup_websocket_connection_get_uri (socket));

      if (g_str_has_suffix (path, stream) &&
          soup_websocket_connection_get_state (socket) == SOUP_WEBSOCKET_STATE_OPEN)
        return socket;
    }

  return NULL;
}

/* Sends a kline event for the newest candle, still forming, now closing at @close. */
static inline void
test_exchange_send_kline (TestExchange            *exchange,
                          SoupWebsocketConnection *socket,
                          double                   close)
{
  char o[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
  char l[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
  double open, high, low, last_close;
  g_autofree char *event = NULL;

  test_exchange_candle (exchange, TEST_EXCHANGE_CANDLES - 1, &open, &high, &low, &last_close);
  event = g_strdup_printf ("{\"e\":\"kline\",\"E\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\","
                           "\"k\":{\"t\":%" G_GINT64_FORMAT ",\"T\":%" G_GINT64_FORMAT ","
                           "\"s\":\"BTCUSDT\",\"i\":\"1h\",\"f\":1,\"L\":2,\"o\":\"%s\","
                           "\"c\":\"%s\",\"h\":\"%s\",\"l\":\"%s\",\"v\":\"500.0\","
                           "\"n\":10,\"x\":false,\"q\":\"1\",\"V\":\"1\",\"Q\":\"1\",\"B\":\"0\"}}",
                           g_get_real_time () / 1000, exchange->last_open_ms,
                           exchange->last_open_ms + TEST_EXCHANGE_HOUR_MS - 1,
                           test_exchange_price (o, open), test_exchange_price (c, close),
                           test_exchange_price (h, MAX (high, close)),
                           test_exchange_price (l, MIN (low, close)));
  soup_websocket_connection_send_text (socket, event);
}

static inline void
test_exchange_free (TestExchange *exchange)
{
  for (guint i = 0; i < exchange->sockets->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (exchange->sockets, i), exchange);
  g_ptr_array_unref (exchange->sockets);
  test_exchange_release (exchange);
  g_ptr_array_unref (exchange->held);
  soup_server_disconnect (exchange->server);
  g_object_unref (exchange->server);
  g_free (exchange->http_url);
  g_free (exchange->ws_url);
  g_free (exchange);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestExchange, test_exchange_free)
