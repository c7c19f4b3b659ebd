/* test-live-feed.c: a Binance market kept current from its streams, gaps filled over REST
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The in-process server plays Binance: /api/v3/klines serves the candles that “exist” so far
 * (the newest one still forming), and the test pushes kline and forceOrder events into the
 * websocket connections the feed opens, drops them, and lets REST move on meanwhile.
 */

#include "config.h"

#include "wick-binance-source.h"
#include "wick-exchange-parse.h"
#include "wick-live-feed.h"
#include "wick-sample-source.h"

#include "test-live-feed-utils.h"

#define KLINE_PATH "/ws/btcusdt@kline_1h"
#define FORCE_PATH "/market/ws/btcusdt@forceOrder"

typedef struct
{
  SoupServer       *server;
  SoupSession      *session;
  WickEndpoints    *endpoints;
  WickSource       *source;
  WickMarket       *market;
  WickSeries       *series;
  WickLiveFeed     *feed;

  /* The exchange */
  guint             rest_visible;     /* candles 0 … rest_visible - 1 exist, the last forming */
  gboolean          rest_fails;
  gboolean          rest_down;        /* answer 503 without a body, as an overloaded exchange */
  gboolean          rest_holds;
  gboolean          refuse_klines;    /* answer the kline stream's upgrade with 503 */
  guint             n_kline_refusals;
  SoupServerMessage *held;            /* a klines request kept waiting */
  gint64            held_start_ms;
  gint64            held_end_ms;
  guint             held_max_rows;
  guint             n_rest_requests;
  GPtrArray        *kline_connections;
  GPtrArray        *force_connections;

  /* What the feed did */
  guint             n_series_changed;
  guint             n_prices;
  double            price_previous;
  double            price_close;
  GPtrArray        *errors;
  GArray           *states;
  guint             n_last_update_notifies;
} Fixture;

static void
respond_klines (Fixture           *fixture,
                SoupServerMessage *msg,
                gint64             start_ms,
                gint64             end_ms,
                guint              max_rows)
{
  g_autoptr(GString) body = g_string_new ("[");
  guint n_rows = 0;

  if (fixture->rest_down)
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }

  if (fixture->rest_fails)
    {
      static const char error_body[] = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";

      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        error_body, strlen (error_body));
      return;
    }

  for (guint i = 0; i < fixture->rest_visible && n_rows < max_rows; i++)
    {
      WickCandle c = i + 1 == fixture->rest_visible ? forming_candle (i) : truth_candle (i);

      if (c.open_time_ms < start_ms || c.open_time_ms > end_ms)
        continue;

      if (n_rows++ > 0)
        g_string_append_c (body, ',');
      append_binance_row (body, &c);
    }
  g_string_append_c (body, ']');

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body->str, body->len);
}

static void
on_klines_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *start = query != NULL ? g_hash_table_lookup (query, "startTime") : NULL;
  const char *end = query != NULL ? g_hash_table_lookup (query, "endTime") : NULL;
  const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 start_ms = start != NULL ? g_ascii_strtoll (start, NULL, 10) : 0;
  gint64 end_ms = end != NULL ? g_ascii_strtoll (end, NULL, 10) : G_MAXINT64;
  guint max_rows = limit != NULL ? (guint) g_ascii_strtoull (limit, NULL, 10) : 500;

  fixture->n_rest_requests++;

  if (fixture->rest_holds)
    {
      /* Answered by release_rest (), so the test decides what arrives during the backfill. */
      g_assert_null (fixture->held);
      fixture->held = g_object_ref (msg);
      fixture->held_start_ms = start_ms;
      fixture->held_end_ms = end_ms;
      fixture->held_max_rows = max_rows;
      soup_server_message_pause (msg);
      return;
    }

  respond_klines (fixture, msg, start_ms, end_ms, max_rows);
}

static void
release_rest (Fixture *fixture)
{
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&fixture->held);

  g_assert_nonnull (msg);
  fixture->rest_holds = FALSE;
  respond_klines (fixture, msg, fixture->held_start_ms, fixture->held_end_ms,
                  fixture->held_max_rows);
  soup_server_message_unpause (msg);
}

static void
on_open_interest_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static void
on_websocket_cb (SoupServer              *server,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *connection,
                 gpointer                 user_data)
{
  GPtrArray *connections = user_data;

  /* The server keeps no reference of its own. */
  g_ptr_array_add (connections, g_object_ref (connection));
}

static void
on_kline_early_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Fixture *fixture = user_data;

  if (!fixture->refuse_klines)
    return;

  fixture->n_kline_refusals++;
  soup_server_message_set_status (msg, 503, NULL);
}

static void
on_series_changed_cb (WickSeries *series,
                      Fixture    *fixture)
{
  fixture->n_series_changed++;
}

static void
on_price_cb (WickLiveFeed *feed,
             double        previous,
             double        close,
             Fixture      *fixture)
{
  fixture->n_prices++;
  fixture->price_previous = previous;
  fixture->price_close = close;
}

static void
on_error_cb (WickLiveFeed *feed,
             const GError *error,
             Fixture      *fixture)
{
  g_ptr_array_add (fixture->errors, g_error_copy (error));
}

static void
on_state_cb (WickLiveFeed *feed,
             GParamSpec   *pspec,
             Fixture      *fixture)
{
  WickLiveState state = wick_live_feed_get_state (feed);

  g_array_append_val (fixture->states, state);
}

static void
on_last_update_cb (WickLiveFeed *feed,
                   GParamSpec   *pspec,
                   Fixture      *fixture)
{
  fixture->n_last_update_notifies++;
}

/* The market as loaded a while ago: candles 0 … 39, the last one still forming then. */
static WickMarket *
loaded_market (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  WickMarket *market;

  for (guint i = 0; i < 40; i++)
    {
      WickCandle c = i == 39 ? forming_candle (i) : truth_candle (i);

      wick_series_append (series, &c, 1, &error);
      g_assert_no_error (error);
    }

  market = wick_market_new ("Binance", "BTCUSDT", "1h", series);
  wick_market_set_liquidations (market, liquidations);

  return market;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *http = NULL;
  g_autofree char *ws = NULL;
  WickRestClient *spot;

  fixture->kline_connections = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->force_connections = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (WickLiveState));
  fixture->rest_visible = 42;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/api/v3/klines", on_klines_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/futures/data/openInterestHist",
                           on_open_interest_cb, fixture, NULL);
  soup_server_add_early_handler (fixture->server, KLINE_PATH, on_kline_early_cb, fixture, NULL);
  soup_server_add_websocket_handler (fixture->server, KLINE_PATH, NULL, NULL,
                                     on_websocket_cb, fixture->kline_connections, NULL);
  soup_server_add_websocket_handler (fixture->server, FORCE_PATH, NULL, NULL,
                                     on_websocket_cb, fixture->force_connections, NULL);
  http = test_server_listen (fixture->server, "http");
  ws = g_strdup_printf ("ws%s", http + strlen ("http"));

  fixture->endpoints = wick_endpoints_new ();
  wick_endpoints_set (fixture->endpoints, "binance", http, &error);
  g_assert_no_error (error);
  wick_endpoints_set (fixture->endpoints, "binance-futures", http, &error);
  g_assert_no_error (error);
  wick_endpoints_set (fixture->endpoints, "binance-ws", ws, &error);
  g_assert_no_error (error);
  wick_endpoints_set (fixture->endpoints, "binance-futures-ws", ws, &error);
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  fixture->source = wick_binance_source_new (fixture->session, fixture->endpoints, NULL);
  spot = wick_binance_source_get_spot_client (WICK_BINANCE_SOURCE (fixture->source));
  wick_rest_client_set_backoff (spot, 10, 50, 2);

  fixture->market = loaded_market ();
  fixture->series = wick_market_get_series (fixture->market);
  g_signal_connect (fixture->series, "changed", G_CALLBACK (on_series_changed_cb), fixture);

  fixture->feed = wick_live_feed_new (fixture->session, fixture->endpoints, fixture->source,
                                      fixture->market);
  g_assert_nonnull (fixture->feed);
  wick_live_feed_set_backoff (fixture->feed, 20, 200);
  g_signal_connect (fixture->feed, "price", G_CALLBACK (on_price_cb), fixture);
  g_signal_connect (fixture->feed, "error", G_CALLBACK (on_error_cb), fixture);
  g_signal_connect (fixture->feed, "notify::state", G_CALLBACK (on_state_cb), fixture);
  g_signal_connect (fixture->feed, "notify::last-update", G_CALLBACK (on_last_update_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wick_live_feed_stop (fixture->feed);
  g_assert_finalize_object (fixture->feed);

  g_signal_handlers_disconnect_by_data (fixture->series, fixture);
  g_clear_object (&fixture->held);
  g_object_unref (fixture->market);
  g_object_unref (fixture->source);
  g_object_unref (fixture->session);
  wick_endpoints_free (fixture->endpoints);

  g_ptr_array_unref (fixture->kline_connections);
  g_ptr_array_unref (fixture->force_connections);
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_ptr_array_unref (fixture->errors);
  g_array_unref (fixture->states);
}

static void
send_text (GPtrArray *connections,
           char      *text)
{
  SoupWebsocketConnection *connection;

  g_assert_cmpuint (connections->len, >, 0);
  connection = connections->pdata[connections->len - 1];
  g_assert_cmpint (soup_websocket_connection_get_state (connection), ==,
                   SOUP_WEBSOCKET_STATE_OPEN);
  soup_websocket_connection_send_text (connection, text);
  g_free (text);
}

static void
send_kline (Fixture          *fixture,
            const WickCandle *candle,
            gboolean          is_closed)
{
  send_text (fixture->kline_connections, binance_kline_event (candle, is_closed));
}

static void
drop_last (GPtrArray *connections)
{
  soup_websocket_connection_close (connections->pdata[connections->len - 1],
                                   SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "maintenance");
}

/* Conditions */

static gboolean
started (gpointer data)
{
  Fixture *fixture = data;

  /* Both streams up, and the first backfill (39 → 41) merged. */
  return wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED &&
         fixture->kline_connections->len == 1 && fixture->force_connections->len == 1 &&
         wick_series_get_length (fixture->series) == 42;
}

typedef struct
{
  Fixture          *fixture;
  WickCandle        last;
  guint             n_events;
  guint             n_kline_connections;
  guint             n_force_connections;
} Expect;

static gboolean
reached (gpointer data)
{
  Expect *expect = data;
  Fixture *fixture = expect->fixture;
  const WickCandle *last = wick_series_get_last (fixture->series);
  WickLiquidations *liquidations = wick_market_get_liquidations (fixture->market);

  return last != NULL && memcmp (last, &expect->last, sizeof *last) == 0 &&
         wick_liquidations_get_n_events (liquidations) >= expect->n_events &&
         fixture->kline_connections->len >= expect->n_kline_connections &&
         fixture->force_connections->len >= expect->n_force_connections &&
         wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED;
}

static gboolean
backfill_held (gpointer data)
{
  Fixture *fixture = data;

  return fixture->held != NULL && fixture->kline_connections->len == 2 &&
         fixture->force_connections->len == 2 &&
         wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED;
}

static void
start_feed (Fixture *fixture)
{
  g_assert_cmpint (wick_live_feed_get_state (fixture->feed), ==, WICK_LIVE_STATE_OFFLINE);
  g_assert_cmpint (wick_live_feed_get_last_update (fixture->feed), ==, 0);

  wick_live_feed_start (fixture->feed);
  g_assert_true (test_live_wait (started, fixture));

  /* The first connect found the last candle long closed: REST gave its final values. */
  {
    WickCandle forming = forming_candle (41);

    assert_series_is_truth (fixture->series, 42, &forming);
  }
  g_assert_cmpuint (fixture->n_rest_requests, ==, 1);
  g_assert_cmpint (wick_live_feed_get_last_update (fixture->feed), >, 0);
}

/* The case: live klines and liquidations, a drop while REST moves on, the reconnect
 * and its backfill; the series must be the exchange's, with neither hole nor duplicate. */
static void
test_reconnect_backfill (Fixture       *fixture,
                         gconstpointer  data)
{
  WickLiquidations *liquidations = wick_market_get_liquidations (fixture->market);
  const struct
  {
    guint    candle;
    gboolean is_long;
    double   quantity;
    double   price;
  } orders[] = {
    { 41, TRUE, 0.5, 40400.0 }, { 41, FALSE, 0.25, 40420.0 }, { 42, TRUE, 1.5, 40390.5 },
    { 42, TRUE, 0.125, 40391.0 }, { 43, FALSE, 2.0, 40450.0 }, { 43, TRUE, 0.75, 40401.25 },
    /* after the liquidation stream's own reconnect */
    { 47, TRUE, 3.0, 40455.0 }, { 48, FALSE, 0.5, 40499.75 },
  };
  const WickLiquidationBucket *bucket;
  double expected_long = 0.0;
  double expected_short = 0.0;
  Expect expect = { fixture, };
  WickCandle c;

  start_feed (fixture);

  /* Live: candle 41 closes, 42 forms and closes, 43 opens. */
  c = truth_candle (41);
  send_kline (fixture, &c, TRUE);
  c = forming_candle (42);
  send_kline (fixture, &c, FALSE);
  c = truth_candle (42);
  send_kline (fixture, &c, TRUE);
  c = forming_candle (43);
  send_kline (fixture, &c, FALSE);
  for (guint i = 0; i < 6; i++)
    {
      gint64 time_ms = truth_candle (orders[i].candle).open_time_ms + 60000 * (i + 1);

      send_text (fixture->force_connections,
                 binance_force_order (time_ms, orders[i].is_long, orders[i].quantity,
                                      orders[i].price));
    }

  expect.last = forming_candle (43);
  expect.n_events = 6;
  expect.n_kline_connections = 1;
  expect.n_force_connections = 1;
  g_assert_true (test_live_wait (reached, &expect));
  assert_series_is_truth (fixture->series, 44, &expect.last);
  g_assert_cmpuint (fixture->n_rest_requests, ==, 1);
  g_assert_cmpfloat (fixture->price_previous, ==, truth_candle (42).close);
  g_assert_cmpfloat (fixture->price_close, ==, forming_candle (43).close);

  /* Both streams drop; meanwhile 43 … 46 close and 47 forms. */
  fixture->rest_visible = 48;
  fixture->rest_holds = TRUE;
  drop_last (fixture->kline_connections);
  drop_last (fixture->force_connections);

  /* Reconnected, and backfilling: live candles arrive before REST answers. */
  g_assert_true (test_live_wait (backfill_held, fixture));
  g_assert_cmpuint (fixture->n_rest_requests, ==, 2);
  g_assert_cmpint (fixture->held_start_ms, ==, truth_candle (43).open_time_ms);
  c = truth_candle (47);
  send_kline (fixture, &c, FALSE);
  c = truth_candle (48);
  send_kline (fixture, &c, FALSE);

  /* They wait for the gap to be filled (a slow machine may not have read them yet, which
   * only makes this the other order). */
  test_live_run_for (200);
  assert_series_is_truth (fixture->series, 44, &expect.last);
  release_rest (fixture);
  for (guint i = 6; i < G_N_ELEMENTS (orders); i++)
    {
      gint64 time_ms = truth_candle (orders[i].candle).open_time_ms + 60000 * (i + 1);

      send_text (fixture->force_connections,
                 binance_force_order (time_ms, orders[i].is_long, orders[i].quantity,
                                      orders[i].price));
    }

  expect.last = truth_candle (48);
  expect.n_events = G_N_ELEMENTS (orders);
  expect.n_kline_connections = 2;
  expect.n_force_connections = 2;
  g_assert_true (test_live_wait (reached, &expect));
  g_assert_cmpuint (fixture->n_rest_requests, ==, 2);

  assert_series_is_truth (fixture->series, 49, NULL);
  g_assert_cmpuint (fixture->n_last_update_notifies, >=, 10);
  g_assert_cmpuint (wick_live_feed_get_n_rejected (fixture->feed), ==, 0);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_cmpfloat (fixture->price_previous, ==, truth_candle (47).close);
  g_assert_cmpfloat (fixture->price_close, ==, truth_candle (48).close);

  /* Liquidations: every event kept, the totals those of the orders sent. */
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      if (orders[i].is_long)
        expected_long += orders[i].quantity * orders[i].price;
      else
        expected_short += orders[i].quantity * orders[i].price;
    }
  g_assert_cmpuint (wick_liquidations_get_n_events (liquidations), ==, G_N_ELEMENTS (orders));
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_LONG, 0,
                                                         G_MAXINT64),
                                  expected_long, 1e-6);
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT, 0,
                                                         G_MAXINT64),
                                  expected_short, 1e-6);
  bucket = wick_liquidations_lookup (liquidations, truth_candle (42).open_time_ms);
  g_assert_nonnull (bucket);
  g_assert_cmpfloat_with_epsilon (bucket->long_usd, 1.5 * 40390.5 + 0.125 * 40391.0, 1e-6);

  /* The state went through RECONNECTING and came back. */
  {
    gboolean saw_reconnecting = FALSE;

    for (guint i = 0; i < fixture->states->len; i++)
      saw_reconnecting |= g_array_index (fixture->states, WickLiveState, i) ==
                          WICK_LIVE_STATE_RECONNECTING;
    g_assert_true (saw_reconnecting);
  }
}

/* A kline that opens more than one interval after the last candle: the gap is fetched first. */
static void
test_gap (Fixture       *fixture,
          gconstpointer  data)
{
  Expect expect = { fixture, };
  WickCandle c;

  start_feed (fixture);

  fixture->rest_visible = 46;
  c = truth_candle (45);
  send_kline (fixture, &c, FALSE);

  expect.last = truth_candle (45);
  expect.n_kline_connections = 1;
  g_assert_true (test_live_wait (reached, &expect));

  assert_series_is_truth (fixture->series, 46, NULL);
  g_assert_cmpuint (fixture->n_rest_requests, ==, 2);
  g_assert_cmpuint (fixture->kline_connections->len, ==, 1);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

/* Bad messages are dropped and counted; the series and liquidations never see them. */
static void
test_bad_messages (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const bad_klines[] = {
    "not json",
    /* high below low */
    "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":1704218400000,\"T\":1704221999999,"
    "\"o\":\"40420\",\"c\":\"40421\",\"h\":\"40000\",\"l\":\"40500\",\"v\":\"1\",\"x\":false}}",
    "{\"e\":\"kline\",\"E\":1,\"k\":[]}",
    "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":\"soon\",\"o\":\"1\",\"c\":\"1\","
    "\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"x\":false}}",
  };
  /* Not candles, but not bad either: neither counted nor applied. */
  static const char * const control[] = {
    "{\"result\":null,\"id\":1}",
    "{\"e\":\"serverShutdown\",\"E\":1704218400000}",
  };
  WickLiquidations *liquidations = wick_market_get_liquidations (fixture->market);
  Expect expect = { fixture, };
  WickCandle c;
  guint n_changed;

  start_feed (fixture);
  n_changed = fixture->n_series_changed;

  c = truth_candle (41);
  send_kline (fixture, &c, TRUE);
  c = forming_candle (42);
  send_kline (fixture, &c, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (bad_klines); i++)
    send_text (fixture->kline_connections, g_strdup (bad_klines[i]));
  for (guint i = 0; i < G_N_ELEMENTS (control); i++)
    send_text (fixture->kline_connections, g_strdup (control[i]));
  c = truth_candle (42);
  send_kline (fixture, &c, TRUE);

  send_text (fixture->force_connections,
             binance_force_order (truth_candle (42).open_time_ms, TRUE, 1.0, 40400.0));
  send_text (fixture->force_connections,
             binance_force_order (truth_candle (42).open_time_ms, TRUE, -1.0, 40400.0));
  send_text (fixture->force_connections, g_strdup ("{\"e\":\"forceOrder\",\"o\":{}}"));
  send_text (fixture->force_connections,
             binance_force_order (truth_candle (42).open_time_ms + 1, FALSE, 2.0, 40410.0));

  expect.last = truth_candle (42);
  expect.n_events = 2;
  expect.n_kline_connections = 1;
  expect.n_force_connections = 1;
  g_assert_true (test_live_wait (reached, &expect));

  assert_series_is_truth (fixture->series, 43, NULL);
  /* 41 closing, 42 opening, 42 closing: the bad ones in between changed nothing. */
  g_assert_cmpuint (fixture->n_series_changed - n_changed, ==, 3);
  g_assert_cmpuint (wick_live_feed_get_n_rejected (fixture->feed), ==,
                    G_N_ELEMENTS (bad_klines) + 2);
  g_assert_cmpuint (wick_liquidations_get_n_events (liquidations), ==, 2);
  g_assert_cmpfloat (wick_liquidations_sum (liquidations, WICK_SIDE_LONG, 0, G_MAXINT64), ==,
                     40400.0);
  g_assert_cmpfloat (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT, 0, G_MAXINT64), ==,
                     2.0 * 40410.0);
  /* Still the one connection: a bad message is not a reason to reconnect. */
  g_assert_cmpuint (fixture->kline_connections->len, ==, 1);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static gboolean
reconnected (gpointer data)
{
  Fixture *fixture = data;

  return fixture->kline_connections->len == 2 && fixture->n_rest_requests == 2 &&
         wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_CONNECTED;
}

/* After a reconnect REST may have nothing from the last candle on yet: not an error. */
static void
test_nothing_to_fill (Fixture       *fixture,
                      gconstpointer  data)
{
  Expect expect = { fixture, };
  WickCandle c;

  start_feed (fixture);

  c = truth_candle (41);
  send_kline (fixture, &c, TRUE);
  c = forming_candle (42);
  send_kline (fixture, &c, FALSE);
  expect.last = forming_candle (42);
  expect.n_kline_connections = 1;
  g_assert_true (test_live_wait (reached, &expect));

  drop_last (fixture->kline_connections);
  g_assert_true (test_live_wait (reconnected, fixture));

  /* Applied once the (empty) backfill is done. */
  c = truth_candle (42);
  send_kline (fixture, &c, FALSE);
  expect.last = truth_candle (42);
  expect.n_kline_connections = 2;
  g_assert_true (test_live_wait (reached, &expect));

  assert_series_is_truth (fixture->series, 43, NULL);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_cmpuint (fixture->n_rest_requests, ==, 2);
}

static gboolean
is_reconnecting (gpointer data)
{
  Fixture *fixture = data;

  return wick_live_feed_get_state (fixture->feed) == WICK_LIVE_STATE_RECONNECTING;
}

static void
test_stop_while_reconnecting (Fixture       *fixture,
                              gconstpointer  data)
{
  guint n_requests;

  start_feed (fixture);
  /* A long backoff, so the reconnect is surely pending when stop() comes. */
  wick_live_feed_set_backoff (fixture->feed, 60000, 60000);

  drop_last (fixture->kline_connections);
  g_assert_true (test_live_wait (is_reconnecting, fixture));

  n_requests = fixture->n_rest_requests;
  wick_live_feed_stop (fixture->feed);
  g_assert_cmpint (wick_live_feed_get_state (fixture->feed), ==, WICK_LIVE_STATE_OFFLINE);

  test_live_run_for (300);
  g_assert_cmpuint (fixture->kline_connections->len, ==, 1);
  g_assert_cmpuint (fixture->n_rest_requests, ==, n_requests);
  g_assert_cmpint (wick_live_feed_get_state (fixture->feed), ==, WICK_LIVE_STATE_OFFLINE);
  g_assert_cmpint (g_array_index (fixture->states, WickLiveState, fixture->states->len - 1),
                   ==, WICK_LIVE_STATE_OFFLINE);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static gboolean
has_error (gpointer data)
{
  Fixture *fixture = data;

  return fixture->errors->len > 0 && fixture->kline_connections->len > 0;
}

/* A failed backfill is reported; the series keeps what it had, and live candles go on. */
static void
test_backfill_error (Fixture       *fixture,
                     gconstpointer  data)
{
  Expect expect = { fixture, };
  WickCandle forming = forming_candle (39);
  const GError *error;
  WickCandle c;

  fixture->rest_fails = TRUE;
  wick_live_feed_start (fixture->feed);
  g_assert_true (test_live_wait (has_error, fixture));

  g_assert_cmpuint (fixture->errors->len, ==, 1);
  error = fixture->errors->pdata[0];
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_nonnull (strstr (error->message, "Invalid symbol."));
  assert_series_is_truth (fixture->series, 40, &forming);

  c = truth_candle (39);
  send_kline (fixture, &c, TRUE);
  c = forming_candle (40);
  send_kline (fixture, &c, FALSE);

  expect.last = forming_candle (40);
  expect.n_kline_connections = 1;
  g_assert_true (test_live_wait (reached, &expect));
  assert_series_is_truth (fixture->series, 41, &expect.last);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
}

static gboolean
has_hole (gpointer data)
{
  Fixture *fixture = data;
  const WickCandle *last = wick_series_get_last (fixture->series);

  return fixture->errors->len > 0 && last != NULL &&
         last->open_time_ms == truth_candle (45).open_time_ms;
}

static gboolean
is_whole (gpointer data)
{
  Fixture *fixture = data;

  return wick_series_get_length (fixture->series) == 46;
}

/* REST down when a gap opens: the chart stays live, the hole is reported once, and the
 * backfill keeps trying until REST is back and fills it. */
static void
test_backfill_retries (Fixture       *fixture,
                       gconstpointer  data)
{
  WickCandle c = truth_candle (45);
  guint n_requests;

  start_feed (fixture);

  fixture->rest_down = TRUE;
  fixture->rest_visible = 46;
  send_kline (fixture, &c, FALSE);
  g_assert_true (test_live_wait (has_hole, fixture));

  /* 0 … 41, then 45: the live candle is there, 42 … 44 are missing for now. */
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 43);
  g_assert_error ((GError *) fixture->errors->pdata[0], WICK_REST_ERROR, WICK_REST_ERROR_HTTP);

  /* Still down: more attempts, still one error. */
  n_requests = fixture->n_rest_requests;
  test_live_run_for (300);
  g_assert_cmpuint (fixture->n_rest_requests, >, n_requests);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 43);

  fixture->rest_down = FALSE;
  g_assert_true (test_live_wait (is_whole, fixture));
  assert_series_is_truth (fixture->series, 46, NULL);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
}

static gboolean
refused_often (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_kline_refusals >= 12;
}

/* A stream that keeps failing is worth one ::error, not one per attempt. */
static void
test_keeps_failing (Fixture       *fixture,
                    gconstpointer  data)
{
  fixture->refuse_klines = TRUE;
  wick_live_feed_start (fixture->feed);

  g_assert_true (test_live_wait (refused_often, fixture));
  g_assert_cmpint (wick_live_feed_get_state (fixture->feed), !=, WICK_LIVE_STATE_CONNECTED);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  g_assert_cmpuint (fixture->kline_connections->len, ==, 0);

  /* Once it connects again, the series catches up as usual. */
  fixture->refuse_klines = FALSE;
  g_assert_true (test_live_wait (started, fixture));
  g_assert_cmpuint (fixture->errors->len, ==, 1);
}

static void
test_no_feed (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_new ();
  g_autoptr(WickSource) sample = wick_sample_source_new ();
  g_autoptr(WickMarket) market = loaded_market ();

  g_assert_null (wick_live_feed_new (session, endpoints, sample, market));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/live-feed/binance/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reconnect-backfill", test_reconnect_backfill);
  ADD ("gap", test_gap);
  ADD ("nothing-to-fill", test_nothing_to_fill);
  ADD ("bad-messages", test_bad_messages);
  ADD ("stop-while-reconnecting", test_stop_while_reconnecting);
  ADD ("backfill-error", test_backfill_error);
  ADD ("backfill-retries", test_backfill_retries);
  ADD ("keeps-failing", test_keeps_failing);
  g_test_add_func ("/live-feed/no-feed", test_no_feed);

#undef ADD

  return g_test_run ();
}
