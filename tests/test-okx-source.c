/* test-okx-source.c: the OKX source against a fake OKX (test-okx-server.h): symbols, bars,
 * paging, pacing, error envelopes and liquidations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-exchange-parse.h"
#include "wick-okx-source.h"
#include "test-okx-server.h"

static void
test_symbols (void)
{
  static const struct
  {
    const char *symbol;
    const char *inst_id;
  } good[] = {
    { "BTCUSDT", "BTC-USDT" },
    { "ETHUSDC", "ETH-USDC" },
    { "BTC-USDT", "BTC-USDT" },
    { "btcusdt", "BTC-USDT" },
    { "eth-usdc", "ETH-USDC" },
    { "ETHBTC", "ETH-BTC" },
    { "BTCUSD", "BTC-USD" },
    { "USDCUSDT", "USDC-USDT" },
    { "1INCHUSDT", "1INCH-USDT" },
  };
  static const char * const bad[] = {
    "", "USDT", "BTC", "BTCXYZ", "BTC-", "-USDT", "BTC-USDT-SWAP", "BTC--USDT", "../BTCUSDT",
    "BTC/USDT", "BTC USDT", "BTC-USDT ", "BTC-XYZ", "ÄBCUSDT", "BTCUSDT\n",
    "AVERYLONGBASECURRENCYNAMEUSDT",
  };
  static const struct
  {
    const char *interval;
    const char *bar;
  } bars[] = {
    { "1m", "1m" }, { "3m", "3m" }, { "5m", "5m" }, { "15m", "15m" }, { "30m", "30m" },
    { "1h", "1H" }, { "2h", "2H" }, { "4h", "4H" }, { "6h", "6Hutc" }, { "12h", "12Hutc" },
    { "1d", "1Dutc" }, { "1w", "1Wutc" },
    { "8h", NULL }, { "3d", NULL }, { "1H", NULL }, { "1M", NULL }, { "", NULL },
    { "1s", NULL }, { "60m", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *inst_id = wick_okx_inst_id_for_symbol (good[i].symbol, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (inst_id, ==, good[i].inst_id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *inst_id = wick_okx_inst_id_for_symbol (bad[i], &error);

      if (inst_id != NULL)
        g_error ("“%s” was taken as %s", bad[i], inst_id);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    g_assert_cmpstr (wick_okx_bar_for_interval (bars[i].interval), ==, bars[i].bar);
}

static void
test_refused_before_request (Fixture       *fixture,
                             gconstpointer  user_data)
{
  static const char * const symbols[] = { "nonsense", "BTC/USDT", "../../etc", "" };
  static const char * const intervals[] = { "8h", "3d", "1s", "" };
  g_autoptr(GPtrArray) requests = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickMarket) market = load_market (fixture, fixture->source, symbols[i], "1h",
                                                  &error);

      g_assert_null (market);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, symbols[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickMarket) market = load_market (fixture, fixture->source, "BTCUSDT",
                                                  intervals[i], &error);

      g_assert_null (market);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, intervals[i]));
    }

  requests = fake_take_requests (&fixture->fake);
  g_assert_cmpuint (requests->len, ==, 0);
  g_assert_cmpuint (fixture->n_cached, ==, 0);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms + HOUR_MS;
  gint64 from_ms = to_ms - 1500 * HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 oldest_seen;

  /* Every page repeats the two newest rows of the page before it. */
  fake->overlap = 2;
  wick_source_set_range (fixture->source, from_ms, to_ms);
  market = load_market (fixture, fixture->source, "BTC-USDT", "1h", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (wick_market_get_exchange (market), ==, "OKX");
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  assert_series_exact (wick_market_get_series (market), from_ms, to_ms);

  /* Five pages of /market/candles reach its depth of 1440 (the fifth is short); the last
   * 60 come from one history page, starting from the oldest candle seen. */
  requests = fake_take_requests (fake);
  g_assert_cmpuint (requests->len, ==, 6 + 2);
  for (guint i = 0; i < 5; i++)
    {
      Request *request = g_ptr_array_index (requests, i);
      /* The cursor is the oldest row seen; with the overlap, a page reaches 298 back. */
      gint64 cursor = i == 0 ? to_ms : to_ms - 300 * HOUR_MS - (gint64) (i - 1) * 298 * HOUR_MS;
      g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);

      g_assert_cmpstr (request->path, ==, "/api/v5/market/candles");
      g_assert_cmpstr (query_get (request, "instId"), ==, "BTC-USDT");
      g_assert_cmpstr (query_get (request, "bar"), ==, "1H");
      g_assert_cmpstr (query_get (request, "limit"), ==, "300");
      g_assert_cmpstr (query_get (request, "after"), ==, after);
    }
  oldest_seen = fake->newest_ms - 1439 * HOUR_MS;
  {
    Request *request = g_ptr_array_index (requests, 5);
    g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, oldest_seen);

    g_assert_cmpstr (request->path, ==, "/api/v5/market/history-candles");
    g_assert_cmpstr (query_get (request, "limit"), ==, "100");
    g_assert_cmpstr (query_get (request, "after"), ==, after);
  }
  g_assert_cmpuint (fixture->n_progress, ==, 6);
  g_assert_cmpuint (fixture->last_done, ==, 6);
}

static void
test_paging_history_only (Fixture       *fixture,
                          gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms - 3000 * HOUR_MS;
  gint64 from_ms = to_ms - 250 * HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  /* Beyond the reach of /market/candles: straight to the history, 100 at a time. */
  wick_source_set_range (fixture->source, from_ms, to_ms);
  market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_series_exact (wick_market_get_series (market), from_ms, to_ms);

  requests = fake_take_requests (fake);
  g_assert_cmpuint (requests->len, ==, 3 + 2);
  for (guint i = 0; i < 3; i++)
    {
      Request *request = g_ptr_array_index (requests, i);
      g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                to_ms - (gint64) i * 100 * HOUR_MS);

      g_assert_cmpstr (request->path, ==, "/api/v5/market/history-candles");
      g_assert_cmpstr (query_get (request, "limit"), ==, "100");
      g_assert_cmpstr (query_get (request, "after"), ==, after);
    }
}

static void
test_history_pacing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms - 3000 * HOUR_MS;
  gint64 from_ms = to_ms - 2150 * HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  Request *first;
  Request *twenty_first;

  /* 22 history pages: OKX allows 20 in 2 s, so the 21st waits for the first to age out.
   * (A lower bound only: a slow machine can only make the gap longer. The margin is for the
   * first request's way to the fake, which the client's clock does not see.) */
  wick_source_set_range (fixture->source, from_ms, to_ms);
  market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_series_exact (wick_market_get_series (market), from_ms, to_ms);

  requests = fake_take_requests (fake);
  g_assert_cmpuint (requests->len, ==, 22 + 2);
  first = g_ptr_array_index (requests, 0);
  twenty_first = g_ptr_array_index (requests, 20);
  g_assert_cmpstr (twenty_first->path, ==, "/api/v5/market/history-candles");
  g_assert_cmpint (twenty_first->received - first->received, >=, 1900 * 1000);
}

static void
test_cancel_while_paced (Fixture       *fixture,
                         gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms - 3000 * HOUR_MS;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  /* Cancelled as the 20th page arrives, while the 21st waits for its turn: the load ends
   * cancelled, the 21st is never sent, and nothing is cached. */
  fixture->cancel_at_page = 20;
  fixture->cancel_at_page_cancellable = cancellable;
  wick_source_set_range (fixture->source, to_ms - 2150 * HOUR_MS, to_ms);
  wick_source_load_async (fixture->source, "BTCUSDT", "1h", cancellable, on_loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  market = wick_source_load_finish (fixture->source, result, &error);
  fixture->cancel_at_page_cancellable = NULL;

  g_assert_null (market);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  requests = fake_take_requests (fake);
  g_assert_cmpuint (requests->len, ==, 20);
  g_assert_null (read_cache_file (fixture));
}

static void
test_market_start (Fixture       *fixture,
                   gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  /* A market listed 1,000 hours ago, asked for its default 1,500 candles: the history has
   * nothing older, and the load ends there with what exists. */
  fake->first_ms = fake->newest_ms - 999 * HOUR_MS;
  market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
  g_assert_no_error (error);
  assert_series_exact (wick_market_get_series (market), fake->first_ms,
                       fake->newest_ms + HOUR_MS);

  requests = fake_take_requests (fake);
  g_assert_cmpstr (((Request *) g_ptr_array_index (requests, 0))->path, ==,
                   "/api/v5/market/candles");
  g_assert_null (query_get (g_ptr_array_index (requests, 0), "after"));
  g_assert_cmpstr (((Request *) g_ptr_array_index (requests, 4))->path, ==,
                   "/api/v5/market/history-candles");
}

static void
test_default_range (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  WickSeries *series;
  guint length;

  /* The newest WICK_OKX_DEFAULT_CANDLES, ending on the candle still open. (The shared load
   * reads the clock itself, so an hour turning mid-test may shift the start by one.) */
  market = load_market (fixture, fixture->source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  series = wick_market_get_series (market);
  length = wick_series_get_length (series);
  g_assert_cmpuint (length, >=, WICK_OKX_DEFAULT_CANDLES - 1);
  g_assert_cmpuint (length, <=, WICK_OKX_DEFAULT_CANDLES);
  assert_series_exact (series, wick_series_get_candle (series, 0)->open_time_ms,
                       fixture->fake.newest_ms + HOUR_MS);
}

static void
test_error_envelope (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const guint statuses[] = { 200, 400 };
  g_autofree char *path = wick_candle_cache_dup_path (fixture->cache, "OKX", "ETHUSDC", "1h");

  /* The fake lists only BTC-USDT; OKX says so in its envelope, with HTTP 200 or 400. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickMarket) market = NULL;
      g_autoptr(GPtrArray) requests = NULL;

      fixture->fake.error_status = statuses[i];
      market = load_market (fixture, fixture->source, "ETHUSDC", "1h", &error);
      g_assert_null (market);
      g_assert_error (error, WICK_EXCHANGE_SERVER_ERROR, 51001);
      g_assert_cmpstr (error->message, ==, "Instrument ID does not exist");

      /* Refused at once: not retried. */
      requests = fake_take_requests (&fixture->fake);
      g_assert_cmpuint (requests->len, ==, 1);
      g_assert_cmpstr (query_get (g_ptr_array_index (requests, 0), "instId"), ==, "ETH-USDC");
    }

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static const char liquidations_body[] =
  "{\"code\":\"0\",\"msg\":\"\",\"data\":["
  "{\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-SWAP\",\"instFamily\":\"BTC-USDT\","
  "\"uly\":\"BTC-USDT\",\"details\":[{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"92000\","
  "\"sz\":\"100\",\"bkLoss\":\"0\",\"ccy\":\"\",\"ts\":\"%" G_GINT64_FORMAT "\"}]},"
  "{\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-250131\",\"instFamily\":\"BTC-USDT\","
  "\"uly\":\"BTC-USDT\",\"details\":[{\"side\":\"buy\",\"posSide\":\"short\",\"bkPx\":\"93000\","
  "\"sz\":\"7\",\"bkLoss\":\"0\",\"ccy\":\"\",\"ts\":\"%" G_GINT64_FORMAT "\"}]}]}";

static void
test_liquidations (Fixture       *fixture,
                   gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  gint64 event_ms = fake->newest_ms - 2 * HOUR_MS + 600000;
  g_autofree char *body = g_strdup_printf (liquidations_body, event_ms, event_ms);
  const struct
  {
    const char *ct_val;
    double      usd;
  } cases[] = {
    { "0.01", 92000.0 },   /* 100 contracts × 0.01 BTC × 92,000 */
    { "0.001", 9200.0 },
  };

  fake_set_string (fake, &fake->liquidations_body, body);
  wick_source_set_range (fixture->source, fake->newest_ms - 10 * HOUR_MS,
                         fake->newest_ms + HOUR_MS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickMarket) market = NULL;
      g_autoptr(GPtrArray) requests = NULL;
      WickLiquidations *liquidations;
      Request *instruments;
      Request *orders;

      fake_set_string (fake, &fake->ct_val, cases[i].ct_val);
      market = load_market (fixture, fixture->source, "BTCUSDT", "1h", &error);
      g_assert_no_error (error);

      /* Only BTC-USDT-SWAP's event; the dated future of the same family is left out. */
      liquidations = wick_market_get_liquidations (market);
      g_assert_cmpuint (wick_liquidations_get_n_events (liquidations), ==, 1);
      g_assert_cmpint (wick_liquidations_get_events (liquidations)[0].time_ms, ==, event_ms);
      g_assert_cmpfloat_with_epsilon (wick_liquidations_get_events (liquidations)[0].usd,
                                      cases[i].usd, 1e-6);
      g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_LONG, 0,
                                                             G_MAXINT64),
                                      cases[i].usd, 1e-6);
      g_assert_cmpfloat (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT, 0, G_MAXINT64),
                         ==, 0.0);
      g_assert_cmpuint (fixture->statuses->len, ==, 0);

      requests = fake_take_requests (fake);
      g_assert_cmpuint (requests->len, ==, 3);
      instruments = g_ptr_array_index (requests, 1);
      orders = g_ptr_array_index (requests, 2);
      g_assert_cmpstr (instruments->path, ==, "/api/v5/public/instruments");
      g_assert_cmpstr (query_get (instruments, "instType"), ==, "SWAP");
      g_assert_cmpstr (query_get (instruments, "instId"), ==, "BTC-USDT-SWAP");
      g_assert_cmpstr (orders->path, ==, "/api/v5/public/liquidation-orders");
      g_assert_cmpstr (query_get (orders, "instType"), ==, "SWAP");
      g_assert_cmpstr (query_get (orders, "instFamily"), ==, "BTC-USDT");
      g_assert_cmpstr (query_get (orders, "state"), ==, "filled");
      g_assert_cmpstr (query_get (orders, "limit"), ==, "100");
    }
}


static void
assert_loads_without_liquidations (Fixture    *fixture,
                                   const char *symbol,
                                   const char *status)
{
  FakeOkx *fake = &fixture->fake;
  gint64 to_ms = fake->newest_ms + HOUR_MS;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;

  g_ptr_array_set_size (fixture->statuses, 0);
  wick_source_set_range (fixture->source, to_ms - 24 * HOUR_MS, to_ms);
  market = load_market (fixture, fixture->source, symbol, "1h", &error);
  g_assert_no_error (error);
  assert_series_exact (wick_market_get_series (market), to_ms - 24 * HOUR_MS, to_ms);
  g_assert_cmpuint (wick_liquidations_get_n_events (wick_market_get_liquidations (market)), ==,
                    0);
  if (!has_status (fixture, "Liquidations are not available") || !has_status (fixture, status))
    g_error ("no ::status saying “%s”", status);
}

static void
test_extras_fail (Fixture       *fixture,
                  gconstpointer  user_data)
{
  FakeOkx *fake = &fixture->fake;
  g_autoptr(GPtrArray) requests = NULL;

  /* The instruments answer 500 every time. */
  fake->instruments_status = 500;
  assert_loads_without_liquidations (fixture, "BTCUSDT", "500");

  /* An OKX error envelope for the swap. */
  fake->instruments_status = 200;
  fake->error_status = 200;
  fake_set_string (fake, &fake->ct_val, "0.01");
  fake_set_string (fake, &fake->liquidations_body,
                   "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}");
  assert_loads_without_liquidations (fixture, "BTCUSDT", "Too Many Requests");

  /* A liquidation body that does not parse. */
  fake_set_string (fake, &fake->liquidations_body, "{\"code\":\"0\",\"data\":[{\"details\":");
  assert_loads_without_liquidations (fixture, "BTCUSDT", "JSON");

  /* A zero contract value is refused rather than sizing everything at 0 USD. */
  fake_set_string (fake, &fake->ct_val, "0");
  assert_loads_without_liquidations (fixture, "BTCUSDT", "ctVal");

  /* Inverse (coin-margined) swaps are not sized in USD by ctVal: no request is made. */
  fake_set_string (fake, &fake->inst_id, "BTC-USD");
  g_ptr_array_unref (fake_take_requests (fake));
  assert_loads_without_liquidations (fixture, "BTCUSD", "BTC-USD");
  requests = fake_take_requests (fake);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpstr (((Request *) g_ptr_array_index (requests, i))->path, ==,
                     "/api/v5/market/candles");
}





#define ADD(path, func) \
  g_test_add ("/wick/okx-source/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/okx-source/symbols", test_symbols);
  ADD ("refused-before-request", test_refused_before_request);
  ADD ("paging", test_paging);
  ADD ("paging-history-only", test_paging_history_only);
  ADD ("history-pacing", test_history_pacing);
  ADD ("cancel-while-paced", test_cancel_while_paced);
  ADD ("market-start", test_market_start);
  ADD ("default-range", test_default_range);
  ADD ("error-envelope", test_error_envelope);
  ADD ("liquidations", test_liquidations);
  ADD ("extras-fail", test_extras_fail);

  return g_test_run ();
}
