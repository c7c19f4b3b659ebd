/* test-okx-cache.c: the OKX source and its candle cache: round trip with ::cached, offline
 * fallback, a bad page leaving the cache as it was, and the synchronous load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-exchange-parse.h"
#include "wick-okx-source.h"
#include "test-okx-server.h"

static void
test_bad_page (Fixture       *fixture,
               gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms + HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickMarket) first = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  /* No cache yet: a bad row on the third page fails the load and writes nothing. */
  wick_source_set_range (fixture->source, to_ms - 700 * HOUR_MS, to_ms);
  fake->bad_row_ms = fake->newest_ms - 650 * HOUR_MS;
  market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_null (market);
  g_assert_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_CANDLE);
  g_assert_null (read_cache_file (fixture));

  /* With a cache: the same, and the file keeps every byte. */
  g_clear_error (&error);
  fake->bad_row_ms = 0;
  first = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  before = read_cache_file (fixture);
  g_assert_nonnull (before);

  fake->bad_row_ms = fake->newest_ms;
  g_clear_object (&market);
  market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_null (market);
  g_assert_error (error, WICK_EXCHANGE_ERROR, WICK_EXCHANGE_ERROR_BAD_CANDLE);
  after = read_cache_file (fixture);
  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_cache (Fixture       *fixture,
            gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms + HOUR_MS;
  gint64 from_ms = to_ms - 400 * HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) first = NULL;
  g_autoptr(WickMarket) second = NULL;
  g_autoptr(WickMarket) offline = NULL;
  g_autoptr(WickSeries) saved = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *after = NULL;
  Request *request;

  wick_source_set_range (fixture->source, from_ms, to_ms);
  first = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_cached, ==, 0);
  g_ptr_array_unref (fake_take_requests (fake));

  /* Saved under OKX:BTCUSDT:1h, candle for candle. */
  saved = wick_candle_cache_load (fixture->cache, "OKX", "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_series_exact (saved, from_ms, to_ms);

  /* Typed another way, the same market: ::cached shows the saved candles first, and only
   * the newest candle, which may have been open, is asked for again. */
  second = load_market (fixture, fixture->source, "btc-usdt", "1h", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_cached, ==, 1);
  g_assert_cmpstr (wick_market_get_symbol (fixture->cached), ==, "BTCUSDT");
  assert_series_exact (wick_market_get_series (fixture->cached), from_ms, to_ms);
  assert_series_exact (wick_market_get_series (second), from_ms, to_ms);
  g_assert_cmpstr (wick_market_get_source_label (second), ==, "OKX");

  requests = fake_take_requests (fake);
  request = g_ptr_array_index (requests, 0);
  after = g_strdup_printf ("%" G_GINT64_FORMAT, to_ms);
  g_assert_cmpstr (request->path, ==, "/api/v5/market/candles");
  g_assert_cmpstr (query_get (request, "after"), ==, after);
  g_assert_cmpuint (requests->len, ==, 1 + 2);

  /* Offline (every request 503): the cached market stands in, and ::status says so. */
  fake->fail_status = 503;
  offline = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_cached, ==, 2);
  assert_series_exact (wick_market_get_series (offline), from_ms, to_ms);
  g_assert_cmpstr (wick_market_get_source_label (offline), ==, "OKX (cached)");
  g_assert_true (has_status (fixture, "cached"));
}

static void
test_sync (Fixture       *fixture,
           gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms + HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickSource) uncached = new_source (fixture, NULL);

  /* wick_source_load() runs its own main context; the fake answers from its thread. */
  wick_source_set_range (uncached, to_ms - 500 * HOUR_MS, to_ms);
  market = wick_source_load (uncached, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  assert_series_exact (wick_market_get_series (market), to_ms - 500 * HOUR_MS, to_ms);
  g_assert_cmpstr (wick_source_get_name (uncached), ==, "okx");

  /* No cache was given, so none was written. */
  g_assert_null (read_cache_file (fixture));
}

#define ADD(path, func) \
  g_test_add ("/wick/okx-cache/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("bad-page", test_bad_page);
  ADD ("round-trip", test_cache);
  ADD ("sync", test_sync);

  return g_test_run ();
}
