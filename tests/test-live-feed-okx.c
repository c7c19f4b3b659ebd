/* test-live-feed-okx.c: an OKX market kept current from its candle and liquidation channels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The in-process server plays OKX: REST candles (newest first), the swap's contract value,
 * and the two websocket endpoints, which acknowledge subscriptions and answer "ping".
 */

#include "config.h"

#include "wick-exchange-parse.h"
#include "wick-live-feed.h"
#include "wick-okx-source.h"

#include "test-live-feed-utils.h"

#define CANDLE_SUBSCRIBE \
  "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"}]}"
#define LIQUIDATION_SUBSCRIBE \
  "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}"

typedef struct
{
  SoupServer    *server;
  SoupSession   *session;
  WickEndpoints *endpoints;
  WickSource    *source;
  WickMarket    *market;
  WickSeries    *series;
  WickLiveFeed  *feed;

  guint          rest_visible;
  guint          n_instrument_requests;
  GPtrArray     *business;       /* SoupWebsocketConnection, owned */
  GPtrArray     *public;         /* SoupWebsocketConnection, owned */
  guint          n_candle_subscribes;
  guint          n_liquidation_subscribes;
  GPtrArray     *errors;
} Fixture;

static void
respond (SoupServerMessage *msg,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
}

/* /market/candles and /market/history-candles: newest first, older than `after`. */
static void
on_candles_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GString) body = g_string_new ("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
  const char *after = query != NULL ? g_hash_table_lookup (query, "after") : NULL;
  const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 after_ms = after != NULL ? g_ascii_strtoll (after, NULL, 10) : G_MAXINT64;
  guint max_rows = limit != NULL ? (guint) g_ascii_strtoull (limit, NULL, 10) : 100;
  guint n_rows = 0;

  g_assert_cmpstr (g_hash_table_lookup (query, "instId"), ==, "BTC-USDT");
  g_assert_cmpstr (g_hash_table_lookup (query, "bar"), ==, "1H");

  for (guint i = fixture->rest_visible; i-- > 0 && n_rows < max_rows;)
    {
      gboolean is_forming = i + 1 == fixture->rest_visible;
      WickCandle c = is_forming ? forming_candle (i) : truth_candle (i);

      if (c.open_time_ms >= after_ms)
        continue;

      if (n_rows++ > 0)
        g_string_append_c (body, ',');
      append_okx_row (body, &c, !is_forming);
    }
  g_string_append (body, "]}");

  respond (msg, body->str, body->len);
}

static void
on_instruments_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  static const char body[] =
    "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-SWAP\","
    "\"uly\":\"BTC-USDT\",\"instFamily\":\"BTC-USDT\",\"settleCcy\":\"USDT\",\"ctVal\":\"0.01\","
    "\"ctMult\":\"1\",\"ctValCcy\":\"BTC\",\"ctType\":\"linear\",\"state\":\"live\"}]}";
  Fixture *fixture = user_data;

  fixture->n_instrument_requests++;
  respond (msg, body, strlen (body));
}

static void
on_liquidation_orders_cb (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data)
{
  static const char body[] = "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}";

  respond (msg, body, strlen (body));
}

static void
on_server_message_cb (SoupWebsocketConnection *connection,
                      gint                     type,
                      GBytes                  *message,
                      Fixture                 *fixture)
{
  const char *text = g_bytes_get_data (message, NULL);

  if (g_strcmp0 (text, "ping") == 0)
    {
      soup_websocket_connection_send_text (connection, "pong");
      return;
    }

  if (g_strcmp0 (text, CANDLE_SUBSCRIBE) == 0)
    {
      fixture->n_candle_subscribes++;
      soup_websocket_connection_send_text (connection,
        "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"candle1H\",\"instId\":\"BTC-USDT\"},"
        "\"connId\":\"a4d3ae55\"}");
    }
  else if (g_strcmp0 (text, LIQUIDATION_SUBSCRIBE) == 0)
    {
      fixture->n_liquidation_subscribes++;
      soup_websocket_connection_send_text (connection,
        "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\","
        "\"instType\":\"SWAP\"},\"connId\":\"a4d3ae56\"}");
    }
  else
    g_error ("Unexpected message from the feed: %s", text);
}

static void
on_websocket_cb (SoupServer              *server,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *connection,
                 gpointer                 user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (g_str_has_suffix (path, "business") ? fixture->business : fixture->public,
                   g_object_ref (connection));
  g_signal_connect (connection, "message", G_CALLBACK (on_server_message_cb), fixture);
}

static void
on_error_cb (WickLiveFeed *feed,
             const GError *error,
             Fixture      *fixture)
{
  g_ptr_array_add (fixture->errors, g_error_copy (error));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  g_autofree char *http = NULL;
  g_autofree char *ws = NULL;

  fixture->business = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->public = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  fixture->rest_visible = 42;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/api/v5/market/candles", on_candles_cb, fixture,
                           NULL);
  soup_server_add_handler (fixture->server, "/api/v5/market/history-candles", on_candles_cb,
                           fixture, NULL);
  soup_server_add_handler (fixture->server, "/api/v5/public/instruments", on_instruments_cb,
                           fixture, NULL);
  soup_server_add_handler (fixture->server, "/api/v5/public/liquidation-orders",
                           on_liquidation_orders_cb, fixture, NULL);
  soup_server_add_websocket_handler (fixture->server, "/ws/v5/business", NULL, NULL,
                                     on_websocket_cb, fixture, NULL);
  soup_server_add_websocket_handler (fixture->server, "/ws/v5/public", NULL, NULL,
                                     on_websocket_cb, fixture, NULL);
  http = test_server_listen (fixture->server, "http");
  ws = g_strdup_printf ("ws%s", http + strlen ("http"));

  fixture->endpoints = wick_endpoints_new ();
  wick_endpoints_set (fixture->endpoints, "okx", http, &error);
  g_assert_no_error (error);
  wick_endpoints_set (fixture->endpoints, "okx-ws", ws, &error);
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->source = wick_okx_source_new (fixture->session, fixture->endpoints, NULL);

  /* Loaded a while ago: candles 0 … 39, the last one still forming then. */
  for (guint i = 0; i < 40; i++)
    {
      WickCandle c = i == 39 ? forming_candle (i) : truth_candle (i);

      wick_series_append (series, &c, 1, &error);
      g_assert_no_error (error);
    }
  fixture->market = wick_market_new ("OKX", "BTCUSDT", "1h", series);
  wick_market_set_liquidations (fixture->market, liquidations);
  fixture->series = wick_market_get_series (fixture->market);

  fixture->feed = wick_live_feed_new (fixture->session, fixture->endpoints, fixture->source,
                                      fixture->market);
  g_assert_nonnull (fixture->feed);
  wick_live_feed_set_backoff (fixture->feed, 20, 200);
  g_signal_connect (fixture->feed, "error", G_CALLBACK (on_error_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wick_live_feed_stop (fixture->feed);
  g_assert_finalize_object (fixture->feed);

  for (guint i = 0; i < fixture->business->len; i++)
    g_signal_handlers_disconnect_by_data (fixture->business->pdata[i], fixture);
  for (guint i = 0; i < fixture->public->len; i++)
    g_signal_handlers_disconnect_by_data (fixture->public->pdata[i], fixture);

  g_object_unref (fixture->market);
  g_object_unref (fixture->source);
  g_object_unref (fixture->session);
  wick_endpoints_free (fixture->endpoints);
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_ptr_array_unref (fixture->business);
  g_ptr_array_unref (fixture->public);
  g_ptr_array_unref (fixture->errors);
}

static void
send_last (GPtrArray  *connections,
           const char *text)
{
  g_assert_cmpuint (connections->len, >, 0);
  soup_websocket_connection_send_text (connections->pdata[connections->len - 1], text);
}

static void
send_candle (Fixture          *fixture,
             const WickCandle *c,
             gboolean          is_closed)
{
  g_autoptr(GString) push = g_string_new ("{\"arg\":{\"channel\":\"candle1H\","
                                          "\"instId\":\"BTC-USDT\"},\"data\":[");

  append_okx_row (push, c, is_closed);
  g_string_append (push, "]}");
  send_last (fixture->business, push->str);
}

static gboolean
started (gpointer data)
{
  Fixture *fixture = data;

  return wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED &&
         fixture->n_candle_subscribes == 1 && fixture->n_liquidation_subscribes == 1 &&
         wick_series_get_length (fixture->series) == 42;
}

static gboolean
updated (gpointer data)
{
  Fixture *fixture = data;
  const WickCandle *last = wick_series_get_last (fixture->series);
  WickCandle expected = forming_candle (42);

  return memcmp (last, &expected, sizeof expected) == 0 && fixture->errors->len == 1 &&
         wick_liquidations_get_n_events (wick_market_get_liquidations (fixture->market)) == 2;
}

static gboolean
resubscribed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_candle_subscribes == 2 && fixture->business->len == 2 &&
         wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED;
}

static gboolean
backfilled (gpointer data)
{
  Fixture *fixture = data;

  return wick_series_get_length (fixture->series) == 44;
}

static void
test_candles_and_liquidations (Fixture       *fixture,
                               gconstpointer  data)
{
  WickLiquidations *liquidations = wick_market_get_liquidations (fixture->market);
  WickCandle forming = forming_candle (41);
  WickCandle c;
  const GError *error;

  wick_live_feed_start (fixture->feed);
  g_assert_true (test_live_wait (started, fixture));

  /* The first connect filled 39 … 41 over REST, and the contract value came first. */
  assert_series_is_truth (fixture->series, 42, &forming);
  g_assert_cmpuint (fixture->n_instrument_requests, >=, 1);

  c = truth_candle (41);
  send_candle (fixture, &c, TRUE);
  c = forming_candle (42);
  send_candle (fixture, &c, FALSE);

  /* 250 and 40 contracts of 0.01 BTC; the ETH swap's order is not this market's. */
  send_last (fixture->public,
             "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":["
             "{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"40000\",\"ccy\":\"\","
             "\"posSide\":\"long\",\"side\":\"sell\",\"sz\":\"250\",\"ts\":\"1704218460000\"},"
             "{\"bkLoss\":\"0\",\"bkPx\":\"40500\",\"ccy\":\"\",\"posSide\":\"short\","
             "\"side\":\"buy\",\"sz\":\"40\",\"ts\":\"1704218520000\"}],"
             "\"instFamily\":\"BTC-USDT\",\"instId\":\"BTC-USDT-SWAP\",\"instType\":\"SWAP\","
             "\"uly\":\"BTC-USDT\"},"
             "{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"2300\",\"ccy\":\"\",\"posSide\":\"long\","
             "\"side\":\"sell\",\"sz\":\"900\",\"ts\":\"1704218530000\"}],"
             "\"instFamily\":\"ETH-USDT\",\"instId\":\"ETH-USDT-SWAP\",\"instType\":\"SWAP\","
             "\"uly\":\"ETH-USDT\"}]}");
  /* OKX's own error is worth a toast, not a dropped message. */
  send_last (fixture->business,
             "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\"}");

  g_assert_true (test_live_wait (updated, fixture));
  forming = forming_candle (42);
  assert_series_is_truth (fixture->series, 43, &forming);
  g_assert_cmpuint (wick_live_feed_get_n_rejected (fixture->feed), ==, 0);

  error = fixture->errors->pdata[0];
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, 60012);
  g_assert_nonnull (strstr (error->message, "Invalid request"));

  g_assert_cmpuint (wick_liquidations_get_n_events (liquidations), ==, 2);
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_LONG, 0,
                                                         G_MAXINT64),
                                  250 * 0.01 * 40000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT, 0,
                                                         G_MAXINT64),
                                  40 * 0.01 * 40500.0, 1e-6);

  /* A drop: the candle channel is subscribed again on the new connection, and what REST has
   * from the last candle on is merged. */
  fixture->rest_visible = 44;
  soup_websocket_connection_close (fixture->business->pdata[0], SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                   NULL);
  g_assert_true (test_live_wait (resubscribed, fixture));
  g_assert_cmpuint (fixture->n_liquidation_subscribes, ==, 1);

  forming = forming_candle (43);
  g_assert_true (test_live_wait (backfilled, fixture));
  assert_series_is_truth (fixture->series, 44, &forming);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/live-feed/okx/candles-and-liquidations", Fixture, NULL,
              fixture_set_up, test_candles_and_liquidations, fixture_tear_down);

  return g_test_run ();
}
