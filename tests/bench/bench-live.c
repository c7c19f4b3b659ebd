/* bench-live.c: a million websocket messages through the live client, and its memory
 *
 * An in-process server (127.0.0.1) replays Binance kline and forceOrder events as fast as the
 * client takes them, with a window of messages in flight so neither side's buffers grow. Two
 * cases: the bare WickLiveStream (count only), and WickLiveFeed keeping a market current
 * (parse, upsert the last candle, add liquidation events). The server runs in the same thread,
 * so messages/s is a lower bound for the client. RSS comes from /proc/self/status (VmRSS),
 * read after a warm-up and at the end; “kept” is what the model holds on purpose (candles and
 * liquidation events), which the growth should not exceed by much.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-utils.h"
#include "wick-binance-source.h"
#include "wick-live-feed.h"

#include "../test-server-utils.h"

#define KLINE_PATH       "/ws/btcusdt@kline_1h"
#define FORCE_PATH       "/market/ws/btcusdt@forceOrder"
#define IN_FLIGHT        2000
#define WARM_UP          20000
#define UPDATES_A_CANDLE 100

static int n_messages = 1000000;

static GOptionEntry entries[] = {
  { "messages", 'n', 0, G_OPTION_ARG_INT, &n_messages, "Messages per case", "N" },
  { NULL }
};

/* One server connection and how far it got. */
typedef struct
{
  SoupWebsocketConnection *connection;   /* Owned, server side */
  guint64                  sent;
  guint64                  received;     /* as counted by the client */
  guint64                  limit;        /* sent so far may reach this: the warm-up, then all */
  guint64                  total;
  gboolean                 is_kline;
} Pump;

typedef struct
{
  gint64 first_ms;
  Pump   klines;
  Pump   orders;
} Replay;

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;

  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0 : NAN;
}

static void
format_kline (char   *buf,
              gsize   size,
              gint64  first_ms,
              guint64 i)
{
  gint64 open_ms = first_ms + (gint64) (i / UPDATES_A_CANDLE) * BENCH_HOUR_MS;
  double open = 40000.0 + (double) (i / UPDATES_A_CANDLE % 500);
  /* Every update moves the close, so every message changes the market. */
  double close = open + (double) (i % UPDATES_A_CANDLE) * 0.25;

  g_snprintf (buf, size,
              "{\"e\":\"kline\",\"E\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\",\"k\":{\"t\":%"
              G_GINT64_FORMAT ",\"T\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\",\"i\":\"1h\","
              "\"f\":100,\"L\":200,\"o\":\"%.2f\",\"c\":\"%.2f\",\"h\":\"%.2f\",\"l\":\"%.2f\","
              "\"v\":\"%.3f\",\"n\":100,\"x\":false,\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\","
              "\"B\":\"0\"}}",
              open_ms + 1000, open_ms, open_ms + BENCH_HOUR_MS - 1, open, close, close + 5.0,
              open - 5.0, 10.0 + (double) (i % UPDATES_A_CANDLE));
}

static void
format_force_order (char   *buf,
                    gsize   size,
                    gint64  first_ms,
                    guint64 i)
{
  gint64 time_ms = first_ms + (gint64) i * 1000;

  g_snprintf (buf, size,
              "{\"e\":\"forceOrder\",\"E\":%" G_GINT64_FORMAT ",\"o\":{\"s\":\"BTCUSDT\","
              "\"S\":\"%s\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.%03u\",\"p\":\"40000.00\","
              "\"ap\":\"40010.50\",\"X\":\"FILLED\",\"l\":\"0.%03u\",\"z\":\"0.%03u\",\"T\":%"
              G_GINT64_FORMAT "}}",
              time_ms + 2, i % 2 ? "BUY" : "SELL", (guint) (i % 999) + 1,
              (guint) (i % 999) + 1, (guint) (i % 999) + 1, time_ms);
}

/* Sends until IN_FLIGHT messages are on their way or all are sent. */
static void
pump (Pump   *pump,
      gint64  first_ms)
{
  char buf[512];

  if (pump->connection == NULL)
    return;

  while (pump->sent < pump->limit && pump->sent - pump->received < IN_FLIGHT)
    {
      if (pump->is_kline)
        format_kline (buf, sizeof buf, first_ms, pump->sent);
      else
        format_force_order (buf, sizeof buf, first_ms, pump->sent);
      soup_websocket_connection_send_text (pump->connection, buf);
      pump->sent++;
    }
}

static void
on_websocket_cb (SoupServer              *server,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *connection,
                 gpointer                 user_data)
{
  Replay *replay = user_data;
  Pump *target = strcmp (path, FORCE_PATH) == 0 ? &replay->orders : &replay->klines;

  g_clear_object (&target->connection);
  target->connection = g_object_ref (connection);
  pump (target, replay->first_ms);
}

static void
on_empty_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static void
received (Replay *replay,
          Pump   *pump_)
{
  pump_->received++;
  if (pump_->sent - pump_->received <= IN_FLIGHT / 2)
    pump (pump_, replay->first_ms);
}

static void
on_stream_message_cb (WickLiveStream *stream,
                      GBytes         *message,
                      Replay         *replay)
{
  received (replay, strstr (wick_live_stream_get_url (stream), "kline") ? &replay->klines
                                                                         : &replay->orders);
}

static void
on_series_changed_cb (WickSeries *series,
                      Replay     *replay)
{
  received (replay, &replay->klines);
}

static void
on_liquidations_changed_cb (WickLiquidations *liquidations,
                            Replay           *replay)
{
  received (replay, &replay->orders);
}

static guint64
count_received (Replay *replay)
{
  return replay->klines.received + replay->orders.received;
}

static void
run_until (Replay  *replay,
           guint64  n)
{
  while (count_received (replay) < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
print_row (const char *name,
           guint64     n,
           double      seconds,
           double      rss_before,
           double      rss_after,
           double      kept_mb)
{
  printf ("| %-28s | %9" G_GUINT64_FORMAT " | %7.2f | %9.0f | %9.1f | %8.1f | %7.1f | %7.1f |\n",
          name, n, seconds, n / seconds, rss_before, rss_after, rss_after - rss_before,
          kept_mb);
  fflush (stdout);
}

typedef enum
{
  CASE_STREAM,
  CASE_FEED,
} Case;

static void
bench_case (Case case_)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_new ();
  g_autoptr(WickLiveStream) klines = NULL;
  g_autoptr(WickLiveStream) orders = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickLiveFeed) feed = NULL;
  g_autofree char *http = NULL;
  g_autofree char *ws = NULL;
  Replay replay = { 0, };
  gint64 now_ms = g_get_real_time () / 1000;
  double rss_before, rss_after, start, seconds;
  double kept_mb = 0.0;
  guint64 measured;

  /* The current hour, so the feed has nothing to backfill on connect. */
  replay.first_ms = now_ms - now_ms % BENCH_HOUR_MS;
  replay.klines.is_kline = TRUE;
  replay.klines.total = (guint64) n_messages / 2 + WARM_UP / 2;
  replay.orders.total = (guint64) n_messages / 2 + WARM_UP / 2;
  replay.klines.limit = WARM_UP / 2;
  replay.orders.limit = WARM_UP / 2;

  soup_server_add_websocket_handler (server, KLINE_PATH, NULL, NULL, on_websocket_cb, &replay,
                                     NULL);
  soup_server_add_websocket_handler (server, FORCE_PATH, NULL, NULL, on_websocket_cb, &replay,
                                     NULL);
  soup_server_add_handler (server, "/api/v3/klines", on_empty_cb, NULL, NULL);
  soup_server_add_handler (server, "/futures/data/openInterestHist", on_empty_cb, NULL, NULL);
  http = test_server_listen (server, "http");
  ws = g_strdup_printf ("ws%s", http + strlen ("http"));
  wick_endpoints_set (endpoints, "binance", http, NULL);
  wick_endpoints_set (endpoints, "binance-futures", http, NULL);
  wick_endpoints_set (endpoints, "binance-ws", ws, NULL);
  wick_endpoints_set (endpoints, "binance-futures-ws", ws, NULL);

  if (case_ == CASE_STREAM)
    {
      g_autofree char *kline_url = g_strconcat (ws, KLINE_PATH, NULL);
      g_autofree char *force_url = g_strconcat (ws, FORCE_PATH, NULL);

      klines = wick_live_stream_new (session, kline_url, NULL);
      orders = wick_live_stream_new (session, force_url, NULL);
      g_signal_connect (klines, "message", G_CALLBACK (on_stream_message_cb), &replay);
      g_signal_connect (orders, "message", G_CALLBACK (on_stream_message_cb), &replay);
      wick_live_stream_start (klines);
      wick_live_stream_start (orders);
    }
  else
    {
      g_autoptr(WickSeries) series = wick_series_new (BENCH_HOUR_MS);
      g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (BENCH_HOUR_MS);
      WickCandle first = { replay.first_ms, 40000.0, 40005.0, 39995.0, 40000.0, 1.0 };

      wick_series_append (series, &first, 1, NULL);
      market = wick_market_new ("Binance", "BTCUSDT", "1h", series);
      wick_market_set_liquidations (market, liquidations);
      g_signal_connect (series, "changed", G_CALLBACK (on_series_changed_cb), &replay);
      g_signal_connect (liquidations, "changed", G_CALLBACK (on_liquidations_changed_cb),
                        &replay);

      source = wick_binance_source_new (session, endpoints, NULL);
      feed = wick_live_feed_new (session, endpoints, source, market);
      wick_live_feed_start (feed);
    }

  run_until (&replay, WARM_UP);
  rss_before = rss_mb ();
  measured = count_received (&replay);
  start = bench_now_ms ();

  replay.klines.limit = replay.klines.total;
  replay.orders.limit = replay.orders.total;
  pump (&replay.klines, replay.first_ms);
  pump (&replay.orders, replay.first_ms);

  run_until (&replay, replay.klines.total + replay.orders.total);

  seconds = (bench_now_ms () - start) / 1000.0;
  rss_after = rss_mb ();
  measured = count_received (&replay) - measured;

  if (case_ == CASE_FEED)
    {
      WickSeries *series = wick_market_get_series (market);
      WickLiquidations *liquidations = wick_market_get_liquidations (market);

      g_assert_cmpuint (wick_live_feed_get_n_rejected (feed), ==, 0);
      kept_mb = (wick_series_get_length (series) * sizeof (WickCandle) +
                 wick_liquidations_get_n_events (liquidations) * sizeof (WickLiquidationEvent) +
                 wick_liquidations_get_length (liquidations) * sizeof (WickLiquidationBucket)) /
                (1024.0 * 1024.0);
      print_row ("feed: klines + forceOrders", measured, seconds, rss_before, rss_after,
                 kept_mb);
      g_signal_handlers_disconnect_by_data (wick_market_get_series (market), &replay);
      g_signal_handlers_disconnect_by_data (liquidations, &replay);
      wick_live_feed_stop (feed);
    }
  else
    {
      print_row ("stream: klines + forceOrders", measured, seconds, rss_before, rss_after,
                 kept_mb);
      wick_live_stream_stop (klines);
      wick_live_stream_stop (orders);
    }

  g_clear_object (&replay.klines.connection);
  g_clear_object (&replay.orders.connection);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_messages < 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--messages: at least 2");
      return 2;
    }

  printf ("Wick live client: %d websocket messages per case, half klines, half forceOrders, "
          "%d in flight (RSS in MiB, after a %d-message warm-up)\n\n",
          n_messages, IN_FLIGHT, WARM_UP);
  printf ("| %-28s | %9s | %7s | %9s | %9s | %8s | %7s | %7s |\n",
          "case", "messages", "seconds", "msg/s", "RSS start", "RSS end", "growth", "kept");
  printf ("|------------------------------|-----------|---------|-----------|-----------|"
          "----------|---------|---------|\n");

  bench_case (CASE_STREAM);
  bench_case (CASE_FEED);

  return 0;
}
