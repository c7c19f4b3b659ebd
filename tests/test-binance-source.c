/* test-binance-source.c: Binance klines paged from a fake Binance on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache, the offline fallback and open interest are in test-binance-cache.c.
 */

#include "config.h"

#include "wick-binance-source.h"
#include "wick-exchange-parse.h"

#include <stdio.h>

#include "test-binance-utils.h"

/* 2500 hourly candles from T0: three pages of 1000. */
#define RANGE_FROM_MS T0_MS
#define RANGE_TO_MS   (T0_MS + 2500 * HOUR_MS)
#define RANGE_LENGTH  2500

static void
test_paging_overlap (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  WickSeries *series;

  /* Each page repeats the three candles before its startTime, with other volumes. */
  fixture->fake.overlap = 3;
  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);

  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);

  series = wick_market_get_series (market);
  assert_candles (series, RANGE_FROM_MS, RANGE_LENGTH);

  /* Page 1: T0 − 3 h … T0 + 996 h (the three before the range dropped); page 2 starts at
   * T0 + 997 h − 3 h; page 3 at T0 + 1994 h − 3 h and ends with the range. */
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 0, "startTime"), ==, T0_MS);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 1, "startTime"), ==,
                   T0_MS + 997 * HOUR_MS);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 2, "startTime"), ==,
                   T0_MS + 1994 * HOUR_MS);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (fake_binance_kline_param (&fixture->fake, i, "endTime"), ==,
                       RANGE_TO_MS - 1);
      g_assert_cmpint (fake_binance_kline_param (&fixture->fake, i, "limit"), ==, 1000);
    }

  /* The later page wins where pages overlap. */
  g_assert_cmpuint (served_by (series, T0_MS), ==, 1);
  g_assert_cmpuint (served_by (series, T0_MS + 993 * HOUR_MS), ==, 1);
  g_assert_cmpuint (served_by (series, T0_MS + 994 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 996 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 1990 * HOUR_MS), ==, 2);
  g_assert_cmpuint (served_by (series, T0_MS + 1991 * HOUR_MS), ==, 3);
  g_assert_cmpuint (served_by (series, RANGE_TO_MS - HOUR_MS), ==, 3);

  /* One ::progress per page, against the three pages the range needs. */
  g_assert_cmpuint (fixture->events->len, ==, 3);
  assert_event (fixture, 0, "progress 1/3");
  assert_event (fixture, 1, "progress 2/3");
  assert_event (fixture, 2, "progress 3/3");

  g_assert_cmpstr (wick_market_get_exchange (market), ==, "Binance");
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  g_assert_cmpstr (wick_market_get_source_label (market), ==, "Binance");
  g_assert_false (wick_market_get_is_synthetic (market));
  g_assert_nonnull (wick_market_get_liquidations (market));
  g_assert_cmpint (wick_liquidations_get_bucket_ms (wick_market_get_liquidations (market)), ==,
                   HOUR_MS);
  g_assert_cmpuint (wick_liquidations_get_length (wick_market_get_liquidations (market)), ==, 0);
}

typedef struct
{
  const char *symbol;
  const char *interval;
  const char *named;    /* what the message must name */
} BadMarket;

static const BadMarket bad_markets[] = {
  { "BTC-USDT", "1h", "BTC-USDT" },
  { "BTC", "1h", "BTC" },
  { "ABCDEFGHIJKLMNOPQRSTU", "1h", "ABCDEFGHIJKLMNOPQRSTU" },
  { "BTCUSDT", "7m", "7m" },
  { "BTCUSDT", "1M", "1M" },
  { "BTCUSDT", "1H", "1H" },
};

/* A server that repeats many rows on each page takes more pages than the range first needed:
 * the progress counts each, and its total grows with them, never "4 of 3". */
static void
test_paging_repeats (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  fixture->fake.overlap = 400;
  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);

  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);

  n_pages = fake_binance_count_klines (&fixture->fake);
  g_assert_cmpuint (n_pages, >, 3);
  g_assert_cmpuint (fixture->events->len, ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      guint done, expected;

      g_assert_cmpint (sscanf (g_ptr_array_index (fixture->events, i), "progress %u/%u", &done,
                               &expected), ==, 2);
      g_assert_cmpuint (done, ==, i + 1);
      g_assert_cmpuint (done, <=, expected);
    }
  assert_event (fixture, 0, "progress 1/3");
}

static void
test_validation_first (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, TRUE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_markets); i++)
    {
      market = load (source, bad_markets[i].symbol, bad_markets[i].interval, &error);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, bad_markets[i].named));
      g_assert_null (market);
      g_clear_error (&error);
    }

  /* Nothing was asked of the server, and nothing was emitted. */
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 0);
  g_assert_cmpuint (fixture->fake.oi_hits, ==, 0);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  g_assert_true (wick_binance_check_symbol ("ETHBTC", NULL));
  g_assert_false (wick_binance_check_symbol ("BTC USDT", NULL));
  g_assert_true (wick_binance_check_interval ("8h", NULL));
  g_assert_true (wick_binance_check_interval ("3d", NULL));
  g_assert_false (wick_binance_check_interval ("", NULL));
}

static void
test_symbol_upper_cased (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  wick_source_set_range (source, T0_MS, T0_MS + 10 * HOUR_MS);
  market = load (source, "btcusdt", "1h", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  assert_candles (wick_market_get_series (market), T0_MS, 10);

  fake_binance_lock (&fixture->fake);
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.kline_queries->pdata[0], "symbol"), ==,
                   "BTCUSDT");
  fake_binance_unlock (&fixture->fake);
}

static void
test_default_range (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before_ms, after_ms, start_ms, newest_ms;
  WickSeries *series;

  /* The fake's newest candle is the present hour. */
  fixture->fake.last_ms = 0;

  before_ms = g_get_real_time () / 1000;
  market = load (source, NULL, NULL, &error);
  after_ms = g_get_real_time () / 1000;
  g_assert_no_error (error);

  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");

  /* The newest WICK_BINANCE_DEFAULT_CANDLES, the open one included, in two pages. */
  start_ms = fake_binance_kline_param (&fixture->fake, 0, "startTime");
  g_assert_cmpint (start_ms, >=, before_ms - before_ms % HOUR_MS - 1999 * HOUR_MS);
  g_assert_cmpint (start_ms, <=, after_ms - after_ms % HOUR_MS - 1999 * HOUR_MS);
  g_assert_cmpint (fake_binance_kline_param (&fixture->fake, 0, "endTime"), ==, -1);
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 2);

  series = wick_market_get_series (market);
  assert_candles (series, start_ms, WICK_BINANCE_DEFAULT_CANDLES);
  newest_ms = wick_series_get_last (series)->open_time_ms;
  g_assert_cmpint (newest_ms, >=, before_ms - before_ms % HOUR_MS);
  g_assert_cmpint (newest_ms, <=, after_ms - after_ms % HOUR_MS);

  assert_event (fixture, 0, "progress 1/2");
  assert_event (fixture, 1, "progress 2/2");
}

typedef struct
{
  const char *body;
  const char *problem;   /* part of the message */
} BadPage;

static const BadPage bad_pages[] = {
  { "{\"rows\":[]}", "Binance sent candles that cannot be read: " },
  { "[[1767571200000,\"100\",\"90\",\"95\",\"96\",\"1\",1767574799999]]",
    "Binance sent candles that cannot be read: element 0" },
  { "[[1767571200000,\"100\",\"110\",\"95\"]]", "Binance sent candles that cannot be read: " },
};

static void
test_bad_page (Fixture       *fixture,
               gconstpointer  data)
{
  const BadPage *bad = data;
  g_autoptr(WickSource) source = new_source (fixture, TRUE);
  g_autoptr(WickMarket) before = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(GBytes) cached_after = NULL;
  g_autoptr(GError) error = NULL;

  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);
  before = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  cached = read_cache_file (fixture, "BTCUSDT");
  g_assert_nonnull (cached);

  /* A longer range: three pages before the cache, one after; the second page is bad. */
  fixture->fake.bad_request = fake_binance_count_klines (&fixture->fake) + 2;
  fixture->fake.bad_body = bad->body;
  wick_source_set_range (source, RANGE_FROM_MS - 3000 * HOUR_MS, RANGE_TO_MS);
  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, bad->problem));
  g_assert_null (market);
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3 + 2);

  /* Neither the market loaded before nor the cache file changed. */
  assert_candles (wick_market_get_series (before), RANGE_FROM_MS, RANGE_LENGTH);
  cached_after = read_cache_file (fixture, "BTCUSDT");
  g_assert_true (g_bytes_equal (cached, cached_after));
}

static void
test_status_forwarded (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake.rate_limit_request = 1;
  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);
  market = load (source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);

  assert_event (fixture, 0, "status Binance asks to wait 1 s (rate limit)");
  assert_event (fixture, 1, "status -");
  assert_event (fixture, 2, "progress 1/3");
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 1 + 3);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_sync_load (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;
  gboolean default_ran = FALSE;

  /* The session and the source belong to the default context; the load runs on the
   * private context wick_source_load () pushes, and leaves the default one alone. */
  source = new_source (fixture, TRUE);
  g_idle_add (set_flag_cb, &default_ran);

  wick_source_set_range (source, RANGE_FROM_MS, RANGE_TO_MS);
  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (default_ran);

  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);
  g_assert_cmpstr (wick_market_get_source_label (market), ==, "Binance");
  assert_event (fixture, 2, "progress 3/3");

  /* Again, now from the cache it wrote: one page for what is missing. */
  g_clear_object (&market);
  g_ptr_array_set_size (fixture->events, 0);
  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  assert_candles (wick_market_get_series (market), RANGE_FROM_MS, RANGE_LENGTH);
  assert_event (fixture, 0, "cached 2500 Binance (cached)");
  assert_event (fixture, 1, "progress 1/1");
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 3 + 1);

  g_assert_true (test_wait_for (&default_ran, 10000));
}

static void
test_server_error_body (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(WickSource) source = new_source (fixture, FALSE);
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  market = load (source, "NOPEUSDT", "1h", &error);
  g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, -1121);
  g_assert_cmpstr (error->message, ==, "Invalid symbol.");
  g_assert_null (market);
  g_assert_cmpuint (fake_binance_count_klines (&fixture->fake), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("paging-overlap", NULL, test_paging_overlap);
  ADD ("paging-repeats", NULL, test_paging_repeats);
  ADD ("validation-first", NULL, test_validation_first);
  ADD ("symbol-upper-cased", NULL, test_symbol_upper_cased);
  ADD ("default-range", NULL, test_default_range);
  ADD ("bad-page/shape", &bad_pages[0], test_bad_page);
  ADD ("bad-page/candle", &bad_pages[1], test_bad_page);
  ADD ("bad-page/short-row", &bad_pages[2], test_bad_page);
  ADD ("status-forwarded", NULL, test_status_forwarded);
  ADD ("sync-load", NULL, test_sync_load);
  ADD ("server-error-body", NULL, test_server_error_body);

  return g_test_run ();
}
