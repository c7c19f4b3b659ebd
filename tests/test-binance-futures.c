/* test-binance-futures.c: Binance USD-M perpetual klines paged from a fake Binance on
 * 127.0.0.1, cached apart from spot, and streamed from the futures host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-source.h"
#include "wick-exchange-parse.h"
#include "wick-live-feed.h"

#include "test-binance-utils.h"

/* 4400 hourly candles from T0: three pages of at most 1500. */
#define RANGE_FROM_MS T0_MS
#define RANGE_TO_MS   (T0_MS + 4400 * HOUR_MS)
#define RANGE_LENGTH  4400

#define FUTURES_EXCHANGE "Binance Futures"

/* The fixture's endpoints with spot at a port where nobody listens: a futures load that
 * asked the spot host would fail. */
static WickEndpoints *
futures_only_endpoints (Fixture *fixture)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_copy (fixture->endpoints);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (wick_endpoints_set (endpoints, "binance", url, NULL));

  return g_steal_pointer (&endpoints);
}

static WickSource *
new_futures_source_on (Fixture             *fixture,
                       const WickEndpoints *endpoints,
                       gboolean             with_cache)
{
  return new_market_source_on (fixture, endpoints, with_cache, WICK_BINANCE_MARKET_USDM);
}

static GBytes *
read_file (const char *path)
{
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_bytes_new_take (contents, length);
}

static GBytes *
read_market_cache (Fixture    *fixture,
                   const char *exchange,
                   const char *symbol)
{
  g_autofree char *path = wick_candle_cache_dup_path (fixture->cache, exchange, symbol, "1h");

  return read_file (path);
}

static void
assert_kline_request (Fixture    *fixture,
                      guint       index,
                      const char *path,
                      gint64      limit)
{
  g_autofree char *requested = fake_binance_dup_kline_path (&fixture->fake, index);

  g_assert_cmpstr (requested, ==, path);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, index, "limit"), ==, limit);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(WickEndpoints) endpoints = futures_only_endpoints (fixture);
  g_autoptr(WickSource) source = new_futures_source_on (fixture, endpoints, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  WickSeries *series;

  g_assert_cmpstr (wick_source_get_name (source), ==, "binance-futures");
  g_assert_cmpint (wick_binance_source_get_market (WICK_BINANCE_SOURCE (source)), ==,
                   WICK_BINANCE_MARKET_USDM);

  /* Each page repeats the three candles before its startTime, with other volumes; the
   * exchange has candles past the range. */
  fixture->fake.overlap = 3;
  fixture->fake.last_ms = RANGE_TO_MS + 1000 * HOUR_MS;
  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);

  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);

  /* Every candle of the range once, at the perpetual's prices. */
  series = wick_market_get_series (market);
  assert_candles_at (series, RANGE_FROM_MS, RANGE_LENGTH, FUTURES_BASIS);

  /* Three pages of up to 1500 from the futures host: page 1 is T0 − 3 h … T0 + 1496 h (the
   * three before the range dropped), page 2 starts at T0 + 1497 h − 3 h, page 3 at
   * T0 + 2994 h − 3 h and ends with the range, short. */
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 0, "startTime"), ==, T0_MS);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 1, "startTime"), ==,
                   T0_MS + 1497 * HOUR_MS);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 2, "startTime"), ==,
                   T0_MS + 2994 * HOUR_MS);
  for (guint i = 0; i < 3; i++)
    {
      assert_kline_request (fixture, i, "/fapi/v1/klines", 1500);
      g_assert_cmpint (fake_binance_kline_param (&fixture->fake, i, "endTime"), ==,
                       RANGE_TO_MS - 1);
    }

  /* The later page wins where pages repeat candles. */
  g_assert_cmpuint (served_by (series, T0_MS), ==, 1);
  g_assert_cmpuint (served_by (series, T0_MS + 1493 * HOUR_MS), ==, 1);
  g_assert_cmpuint (served_by (series, T0_MS + 1494 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 1496 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 2990 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 2991 * HOUR_MS), ==, 3);
  g_assert_cmpuint (served_by (series, RANGE_TO_MS - HOUR_MS), ==, 3);

  g_assert_cmpuint (fixture->events->len, ==, 3);
  assert_event (fixture, 0, "progress 1/3");
  assert_event (fixture, 1, "progress 2/3");
  assert_event (fixture, 2, "progress 3/3");

  g_assert_cmpstr (wick_market_get_exchange (market), ==, FUTURES_EXCHANGE);
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  g_assert_cmpstr (wick_market_get_source_label (market), ==, FUTURES_EXCHANGE);
  g_assert_false (wick_market_get_is_synthetic (market));
  g_assert_cmpuint (wick_liquidations_get_length (wick_market_get_liquidations (market)), ==, 0);
}

/* The spot and the futures market of one symbol have their own cache files, and a restart
 * of either reads back only its own candles. */
static void
test_cache_apart_from_spot (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(WickSource) futures = new_futures_source_on (fixture, fixture->endpoints, TRUE);
  g_autoptr(WickSource) spot = new_source (fixture, TRUE);
  g_autoptr(WickSource) futures_again = new_futures_source_on (fixture, fixture->endpoints, TRUE);
  g_autoptr(WickMarket) futures_market = NULL;
  g_autoptr(WickMarket) spot_market = NULL;
  g_autoptr(WickMarket) again = NULL;
  g_autoptr(WickSeries) futures_cached = NULL;
  g_autoptr(WickSeries) spot_cached = NULL;
  g_autoptr(GBytes) spot_file = NULL;
  g_autoptr(GBytes) spot_file_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *futures_path = NULL;
  g_autofree char *spot_path = NULL;

  wick_source_set_range (futures, T0_MS, T0_MS + 100 * HOUR_MS);
  futures_market = load (futures, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles_at (wick_market_get_series (futures_market), T0_MS, 100, FUTURES_BASIS);
  /* 100 candles cost the weight of 499 rows, not of 1500. */
  assert_kline_request (fixture, 0, "/fapi/v1/klines", 499);

  wick_source_set_range (spot, T0_MS, T0_MS + 100 * HOUR_MS);
  spot_market = load (spot, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (spot_market), T0_MS, 100);
  assert_kline_request (fixture, 1, "/api/v3/klines", 1000);

  futures_path = wick_candle_cache_dup_path (fixture->cache, FUTURES_EXCHANGE, "BTCUSDT", "1h");
  spot_path = wick_candle_cache_dup_path (fixture->cache, "Binance", "BTCUSDT", "1h");
  g_assert_cmpstr (futures_path, !=, spot_path);

  futures_cached = wick_candle_cache_load (fixture->cache, FUTURES_EXCHANGE, "BTCUSDT", "1h",
                                           &error);
  g_assert_no_error (error);
  assert_candles_at (futures_cached, T0_MS, 100, FUTURES_BASIS);
  spot_cached = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (spot_cached, T0_MS, 100);
  spot_file = read_market_cache (fixture, "Binance", "BTCUSDT");
  g_assert_nonnull (spot_file);

  /* A restart of the futures market: its own cached copy first, then only what it lacks,
   * in the cheapest page. */
  g_ptr_array_set_size (fixture->events, 0);
  wick_source_set_range (futures_again, T0_MS, T0_MS + 110 * HOUR_MS);
  again = load (futures_again, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);

  assert_event (fixture, 0, "cached 100 Binance Futures (cached)");
  assert_event (fixture, 1, "progress 1/1");
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3);
  assert_kline_request (fixture, 2, "/fapi/v1/klines", 99);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 2, "startTime"), ==,
                   T0_MS + 99 * HOUR_MS);
  assert_candles_at (wick_market_get_series (again), T0_MS, 110, FUTURES_BASIS);

  /* The spot file was not touched by it. */
  spot_file_after = read_market_cache (fixture, "Binance", "BTCUSDT");
  g_assert_true (g_bytes_equal (spot_file, spot_file_after));
}

/* Binance's error body from /fapi is the message of the load, and nothing is cached. */
static void
test_invalid_symbol (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WickEndpoints) endpoints = futures_only_endpoints (fixture);
  g_autoptr(WickSource) source = new_futures_source_on (fixture, endpoints, TRUE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;

  market = load (source, "NOPEUSDT", "1h", &error);
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (error->message, ==, "Invalid symbol.");
  g_assert_null (market);

  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 1);
  assert_kline_request (fixture, 0, "/fapi/v1/klines", 1500);
  file = read_market_cache (fixture, FUTURES_EXCHANGE, "NOPEUSDT");
  g_assert_null (file);
  g_assert_false (has_event_prefix (fixture, "cached"));
}

/* What is not a perpetual's symbol or a Binance interval is refused before any request. */
static void
test_validation_first (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    const char *symbol;
    const char *interval;
    const char *named;
  } cases[] = {
    { "BTCUSDT_250627", "1h", "“BTCUSDT_250627” is not a Binance Futures perpetual" },
    { "BTC", "1h", "“BTC” is not a Binance Futures perpetual" },
    { "BTCUSDT", "7m", "7m" },
  };
  g_autoptr(WickSource) source = new_futures_source_on (fixture, fixture->endpoints, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WickMarket) market = NULL;
      g_autoptr(GError) error = NULL;

      market = load (source, cases[i].symbol, cases[i].interval, &error);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      g_assert_null (market);
    }

  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 0);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  g_assert_true (wick_binance_check_market_symbol (WICK_BINANCE_MARKET_USDM, "1000PEPEUSDT",
                                                   NULL));
  g_assert_false (wick_binance_check_market_symbol (WICK_BINANCE_MARKET_USDM, "BTC-USDT",
                                                    NULL));
}

/* A page that repeats a row within itself is refused whole: the load fails, and neither the
 * market loaded before nor the cache changes. */
static void
test_bad_page_loses_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(WickSource) source = new_futures_source_on (fixture, fixture->endpoints, TRUE);
  g_autoptr(WickMarket) before = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(GBytes) cached_after = NULL;
  g_autoptr(GError) error = NULL;

  wick_source_set_range (source, T0_MS, T0_MS + 2000 * HOUR_MS);
  before = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  /* 1500, then the 500 left: the band up to 1000. */
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 2);
  assert_kline_request (fixture, 1, "/fapi/v1/klines", 1000);
  cached = read_market_cache (fixture, FUTURES_EXCHANGE, "BTCUSDT");
  g_assert_nonnull (cached);

  /* A longer range: two pages before the cache, the second of them bad. */
  fixture->fake.bad_request = fake_binance_count_klines (&fixture->fake) + 2;
  fixture->fake.bad_body = "[[1767571200000,\"1\",\"2\",\"0.5\",\"1.5\",\"1\",1767574799999],"
                           "[1767571200000,\"1\",\"2\",\"0.5\",\"1.5\",\"1\",1767574799999]]";
  wick_source_set_range (source, T0_MS - 1600 * HOUR_MS, T0_MS + 2000 * HOUR_MS);
  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Binance Futures sent candles that cannot be read: "));
  g_assert_nonnull (strstr (error->message, "repeats"));
  g_assert_null (market);

  assert_candles_at (wick_market_get_series (before), T0_MS, 2000, FUTURES_BASIS);
  cached_after = read_market_cache (fixture, FUTURES_EXCHANGE, "BTCUSDT");
  g_assert_true (g_bytes_equal (cached, cached_after));
}

/* Klines as USD-M recorded them (shared fixtures, when present) load as they are. */
static void
test_recorded_klines (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) recorded = test_read_shared_fixture ("binance-fapi-klines-1m.json");
  g_autoptr(WickEndpoints) endpoints = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 first_ms = G_GINT64_CONSTANT (1712738460000);
  const WickCandle *candle;
  WickSeries *series;

  if (recorded == NULL)
    {
      g_test_skip ("The recorded responses (../shared/data/fixtures) are not here");
      return;
    }

  endpoints = futures_only_endpoints (fixture);
  source = new_futures_source_on (fixture, endpoints, FALSE);
  fixture->fake.bad_request = 1;
  fixture->fake.bad_body = g_bytes_get_data (recorded, NULL);
  wick_source_set_range (source, first_ms, first_ms + 3 * 60000);
  market = load (source, "BTCUSDT", "1m", &error);
  g_assert_no_error (error);

  series = wick_market_get_series (market);
  g_assert_cmpuint (wick_series_get_length (series), ==, 3);
  candle = wick_series_get_candle (series, 0);
  g_assert_cmpint (candle->open_time_ms, ==, first_ms);
  g_assert_cmpfloat (candle->open, ==, 71481.90);
  candle = wick_series_get_candle (series, 1);
  g_assert_cmpfloat (candle->low, ==, 70459.40);
  g_assert_cmpfloat (candle->volume, ==, 0.120);
  /* Three minutes fit the cheapest band. */
  assert_kline_request (fixture, 0, "/fapi/v1/klines", 99);
}

/* ---- live: both streams of a futures market on the futures host ---- */

typedef struct
{
  GPtrArray *paths;    /* of char *: the path of each stream opened */
  GPtrArray *sockets;  /* of SoupWebsocketConnection */
} Streams;

static void
on_stream_cb (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *socket,
              gpointer                 user_data)
{
  Streams *streams = user_data;

  g_ptr_array_add (streams->paths, g_strdup (path));
  g_ptr_array_add (streams->sockets, g_object_ref (socket));
}

static void
test_live_streams (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(WickEndpoints) endpoints = futures_only_endpoints (fixture);
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickLiveFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws_url = NULL;
  Streams streams = { g_ptr_array_new_with_free_func (g_free),
                      g_ptr_array_new_with_free_func (g_object_unref) };
  gboolean has_klines = FALSE, has_liquidations = FALSE;

  soup_server_add_websocket_handler (server, "/market/ws", NULL, NULL, on_stream_cb, &streams,
                                     NULL);
  ws_url = test_server_listen (server, "ws");
  g_assert_true (wick_endpoints_set (endpoints, "binance-futures-ws", ws_url, NULL));
  /* Nobody listens for spot streams. */
  g_assert_true (wick_endpoints_set (endpoints, "binance-ws", "ws://127.0.0.1:9", NULL));

  source = new_futures_source_on (fixture, endpoints, FALSE);
  wick_source_set_range (source, T0_MS, T0_MS + 10 * HOUR_MS);
  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);

  feed = wick_live_feed_new (fixture->session, endpoints, source, market);
  g_assert_nonnull (feed);
  wick_live_feed_start (feed);
  while (wick_live_feed_get_state (feed) != WICK_LIVE_STATE_CONNECTED || streams.paths->len < 2)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < streams.paths->len; i++)
    {
      const char *path = g_ptr_array_index (streams.paths, i);

      has_klines |= g_str_equal (path, "/market/ws/btcusdt@kline_1h");
      has_liquidations |= g_str_equal (path, "/market/ws/btcusdt@forceOrder");
    }
  g_assert_true (has_klines);
  g_assert_true (has_liquidations);

  wick_live_feed_stop (feed);
  g_ptr_array_unref (streams.sockets);
  g_ptr_array_unref (streams.paths);
  soup_server_disconnect (server);
}

#define FUTURES_ADD(path, func) \
  g_test_add ("/wick/net/binance-futures/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  FUTURES_ADD ("paging", test_paging);
  FUTURES_ADD ("cache-apart-from-spot", test_cache_apart_from_spot);
  FUTURES_ADD ("invalid-symbol", test_invalid_symbol);
  FUTURES_ADD ("validation-first", test_validation_first);
  FUTURES_ADD ("bad-page-loses-nothing", test_bad_page_loses_nothing);
  FUTURES_ADD ("recorded-klines", test_recorded_klines);
  FUTURES_ADD ("live-streams", test_live_streams);

  return g_test_run ();
}
