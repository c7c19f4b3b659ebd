/* test-binance-cache.c: the Binance source's cache, offline fallback and open interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-binance-source.h"
#include "wick-exchange-parse.h"

#include "test-binance-utils.h"

#define RANGE_FROM_MS T0_MS
#define RANGE_TO_MS   (T0_MS + 2500 * HOUR_MS)
#define RANGE_LENGTH  2500

/* Endpoints where nobody listens: a port that was free a moment ago. */
static WickEndpoints *
new_dead_endpoints (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (wick_endpoints_set (endpoints, "binance", url, NULL));
  g_assert_true (wick_endpoints_set (endpoints, "binance-futures", url, NULL));

  return g_steal_pointer (&endpoints);
}

static WickMarket *
load_range (WickSource  *source,
            gint64       from_ms,
            gint64       to_ms,
            GError     **error)
{
  wick_source_set_range (source, from_ms, to_ms);
  return load (source, "BTCUSDT", "1h", error);
}

static void
test_cached_then_update (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickSource) first = new_source (fixture, TRUE);
  g_autoptr(WickSource) second = new_source (fixture, TRUE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickSeries) cached = NULL;
  g_autoptr(GError) error = NULL;
  WickSeries *series;

  /* Nothing cached yet: no ::cached, and the whole range is saved. */
  market = load_range (first, RANGE_FROM_MS, RANGE_TO_MS, &error);
  g_assert_no_error (error);
  g_assert_false (has_event_prefix (fixture, "cached"));
  cached = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (cached, RANGE_FROM_MS, RANGE_LENGTH);
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3);

  /* A new source (a restart): the cache first, then only what it lacks, from its last
   * candle on, which may have been still open. */
  g_clear_object (&market);
  g_ptr_array_set_size (fixture->events, 0);
  market = load_range (second, RANGE_FROM_MS, RANGE_TO_MS + 100 * HOUR_MS, &error);
  g_assert_no_error (error);

  assert_event (fixture, 0, "cached 2500 Binance (cached)");
  assert_event (fixture, 1, "progress 1/1");
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 4);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 3, "startTime"), ==,
                   RANGE_TO_MS - HOUR_MS);

  series = wick_market_get_series (market);
  assert_candles (series, RANGE_FROM_MS, RANGE_LENGTH + 100);
  g_assert_cmpstr (wick_market_get_source_label (market), ==, "Binance");
  g_assert_cmpuint (served_by (series, RANGE_TO_MS - 2 * HOUR_MS), ==, 3);
  g_assert_cmpuint (served_by (series, RANGE_TO_MS - HOUR_MS), ==, 4);
  g_assert_cmpuint (served_by (series, RANGE_TO_MS + 99 * HOUR_MS), ==, 4);

  /* The cache now holds the merged candles. */
  g_clear_object (&cached);
  cached = wick_candle_cache_load (fixture->cache, "Binance", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (cached, RANGE_FROM_MS, RANGE_LENGTH + 100);
}

static void
test_cache_not_joinable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, TRUE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  market = load_range (source, RANGE_FROM_MS, RANGE_FROM_MS + 10 * HOUR_MS, &error);
  g_assert_no_error (error);

  /* A range far after the cache: a gap would open, so it starts afresh. */
  g_clear_object (&market);
  market = load_range (source, RANGE_FROM_MS + 500 * HOUR_MS, RANGE_FROM_MS + 520 * HOUR_MS,
                       &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS + 500 * HOUR_MS, 20);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 1, "startTime"), ==,
                   RANGE_FROM_MS + 500 * HOUR_MS);
}

static void
test_offline_fallback (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WickEndpoints) dead = new_dead_endpoints ();
  g_autoptr(WickSource) online = new_source (fixture, TRUE);
  g_autoptr(WickSource) offline = new_source_on (fixture, dead, TRUE);
  g_autoptr(WickSource) uncached = new_source_on (fixture, dead, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) file_after = NULL;
  g_autoptr(GError) error = NULL;

  market = load_range (online, RANGE_FROM_MS, RANGE_TO_MS, &error);
  g_assert_no_error (error);
  file = read_cache_file (fixture, "BTCUSDT");

  /* Offline with a cache: the cached market, labelled so, and a status saying why. */
  g_clear_object (&market);
  g_ptr_array_set_size (fixture->events, 0);
  market = load_range (offline, RANGE_FROM_MS, RANGE_TO_MS, &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);
  g_assert_cmpstr (wick_market_get_source_label (market), ==, "Binance (cached)");
  g_assert_cmpstr (wick_market_get_exchange (market), ==, "Binance");
  assert_event (fixture, 0, "cached 2500 Binance (cached)");
  g_assert_true (has_event_prefix (fixture, "status Connection to Binance failed, retrying in "));
  g_assert_true (has_event_prefix (fixture, "status Could not update from Binance (Could not "
                                            "connect to Binance: "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (fixture->events, fixture->events->len - 1),
                                   "; showing the cached candles"));

  file_after = read_cache_file (fixture, "BTCUSDT");
  g_assert_true (g_bytes_equal (file, file_after));

  /* Offline without a cache: the network error. */
  g_clear_object (&market);
  market = load_range (uncached, RANGE_FROM_MS, RANGE_TO_MS, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (market);
}

static void
test_server_error_not_hidden (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, TRUE);
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) file_after = NULL;
  g_autoptr(GError) error = NULL;
  WickCandle candle = { T0_MS, 100, 110, 90, 105, 1 };

  g_assert_true (wick_series_append (series, &candle, 1, &error));
  g_assert_true (wick_candle_cache_save (fixture->cache, "Binance", "NOPEUSDT", "1h", series,
                                         &error));
  g_assert_no_error (error);
  file = read_cache_file (fixture, "NOPEUSDT");

  /* The exchange's own answer is not a network failure: no cached stand-in. */
  wick_source_set_range (source, T0_MS, T0_MS + 10 * HOUR_MS);
  market = load (source, "NOPEUSDT", "1h", &error);
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (error->message, ==, "Invalid symbol.");
  g_assert_null (market);
  assert_event (fixture, 0, "cached 1 Binance (cached)");

  file_after = read_cache_file (fixture, "NOPEUSDT");
  g_assert_true (g_bytes_equal (file, file_after));
}

static void
test_open_interest (Fixture       *fixture,
                    gconstpointer  data)
{
  gboolean string_time = GPOINTER_TO_INT (data);
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  const WickOpenInterestPoint *points;
  WickOpenInterest *open_interest;

  fixture->fake.oi_string_time = string_time;
  market = load_range (source, RANGE_FROM_MS, RANGE_TO_MS, &error);
  g_assert_no_error (error);

  open_interest = wick_market_get_open_interest (market);
  g_assert_nonnull (open_interest);
  g_assert_cmpint (wick_open_interest_get_interval_ms (open_interest), ==, HOUR_MS);
  g_assert_cmpuint (wick_open_interest_get_length (open_interest), ==, OI_N_POINTS);

  /* Each snapshot opens its hour; the next one closes it. */
  points = wick_open_interest_get_points (open_interest);
  for (guint i = 0; i < OI_N_POINTS; i++)
    {
      g_assert_cmpint (points[i].time_ms, ==, OI_FIRST_MS + i * HOUR_MS);
      g_assert_cmpfloat (points[i].open_usd, ==, fake_binance_oi_usd (i));
      g_assert_cmpfloat (points[i].close_usd, ==,
                         fake_binance_oi_usd (MIN (i + 1, OI_N_POINTS - 1)));
    }

  fake_binance_lock (&fixture->fake);
  g_assert_cmpuint (fixture->fake.oi_hits, ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.oi_query, "symbol"), ==, "BTCUSDT");
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.oi_query, "period"), ==, "1h");
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.oi_query, "limit"), ==, "500");
  g_assert_cmpint (query_int (fixture->fake.oi_query, "endTime", -1), ==, RANGE_TO_MS - 1);
  fake_binance_unlock (&fixture->fake);

  g_assert_false (has_event_prefix (fixture, "status"));
}

static void
test_open_interest_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake.oi_fail = TRUE;
  market = load_range (source, RANGE_FROM_MS, RANGE_TO_MS, &error);

  /* The candles still load; the missing open interest is only a status. */
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);
  g_assert_null (wick_market_get_open_interest (market));
  g_assert_true (has_event_prefix (fixture, "status Binance Futures has a server error, "
                                            "retrying in "));
  assert_event (fixture, fixture->events->len - 1,
                "status Open interest is not available: Binance Futures answered HTTP 500 "
                "(Down.)");

  fake_binance_lock (&fixture->fake);
  g_assert_cmpuint (fixture->fake.oi_hits, ==, 2);
  fake_binance_unlock (&fixture->fake);
}

static void
test_no_open_interest_period (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  /* Binance keeps no weekly open interest: nothing is asked, nothing is said. */
  wick_source_set_range (source, T0_MS, T0_MS + 10 * 7 * 24 * HOUR_MS);
  market = load (source, "BTCUSDT", "1w", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (market)), ==, 10);
  g_assert_cmpint (wick_series_get_interval_ms (wick_market_get_series (market)), ==,
                   7 * 24 * HOUR_MS);
  g_assert_null (wick_market_get_open_interest (market));
  g_assert_false (has_event_prefix (fixture, "status"));

  fake_binance_lock (&fixture->fake);
  g_assert_cmpuint (fixture->fake.oi_hits, ==, 0);
  fake_binance_unlock (&fixture->fake);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("cache/cached-then-update", NULL, test_cached_then_update);
  ADD ("cache/not-joinable", NULL, test_cache_not_joinable);
  ADD ("cache/offline-fallback", NULL, test_offline_fallback);
  ADD ("cache/server-error-not-hidden", NULL, test_server_error_not_hidden);
  ADD ("open-interest/number-time", GINT_TO_POINTER (FALSE), test_open_interest);
  ADD ("open-interest/string-time", GINT_TO_POINTER (TRUE), test_open_interest);
  ADD ("open-interest/failure", NULL, test_open_interest_failure);
  ADD ("open-interest/no-period", NULL, test_no_open_interest_period);

  return g_test_run ();
}
