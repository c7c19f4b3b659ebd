/* test-binance-server.h: a fake Binance on 127.0.0.1, in its own thread, for the source tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs its own main context in a worker thread, so a load may run on any context
 * of the test's thread, wick_source_load() included. It serves spot /api/v3/klines (at most
 * 1000 rows a request) and USD-M /fapi/v1/klines (at most 1500, each price FUTURES_BASIS
 * above spot) from candles it makes up (one per interval between first_ms and last_ms, or up
 * to the present hour when last_ms is 0; hourly, or weekly for “1w”), and
 * /futures/data/openInterestHist, in the documented shapes. A limit above the maximum gets
 * Binance's error body. Every candle's volume is the number of the kline request that served
 * it, so a test can tell which page won. Read and change the state under
 * fake_binance_lock()/unlock().
 */

#pragma once

#include <libsoup/soup.h>
#include <string.h>

#include "test-server-utils.h"

#define HOUR_MS  (3600 * (gint64) 1000)
/* How far the USD-M perpetual's prices sit above spot's */
#define FUTURES_BASIS 35
/* Mon 5 Jan 2026 00:00 UTC */
#define T0_MS    ((gint64) 1767571200000)

typedef struct
{
  /* Set up before the load */
  gint64       first_ms;        /* the exchange's oldest candle */
  gint64       last_ms;         /* its newest candle, or 0 for the present hour */
  guint        overlap;         /* rows each page repeats from before startTime */
  guint        bad_request;     /* the kline request (from 1) answered with bad_body */
  const char  *bad_body;
  guint        bad_status;      /* HTTP status of bad_body; 0 for 200 */
  guint        rate_limit_request; /* the kline request answered 429 Retry-After: 1 */
  gboolean     oi_fail;         /* openInterestHist answers 500 */
  gboolean     oi_string_time;  /* timestamps as strings, as the docs show them */

  /* Recorded */
  GPtrArray   *kline_queries;   /* of GHashTable (name → value), one per kline request */
  GPtrArray   *kline_paths;     /* of char *, the path of each kline request */
  GHashTable  *oi_query;        /* the last openInterestHist query */
  guint        oi_hits;

  /* Private */
  GMutex       lock;
  GCond        cond;
  gboolean     ready;
  GThread     *thread;
  GMainContext *context;
  GMainLoop   *loop;
  char        *url;
} FakeBinance;

/* Open interest the server has: five hourly snapshots ending at T0 + 2499 h. */
#define OI_FIRST_MS (T0_MS + 2495 * HOUR_MS)
#define OI_N_POINTS 5

static inline double
fake_binance_oi_usd (guint i)
{
  return 7.5e9 + 1e8 * i;
}

/* The open price the server gives the candle at @time_ms; high and low are 50 away. */
static inline gint64
fake_binance_open (gint64 time_ms)
{
  return 90000 + (time_ms / HOUR_MS) % 500;
}

static inline void
fake_binance_lock (FakeBinance *fake)
{
  g_mutex_lock (&fake->lock);
}

static inline void
fake_binance_unlock (FakeBinance *fake)
{
  g_mutex_unlock (&fake->lock);
}

static inline GHashTable *
copy_query (GHashTable *query)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
    }

  return copy;
}

static inline gint64
query_int (GHashTable *query,
           const char *name,
           gint64      fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

static inline void
respond (SoupServerMessage *message,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
on_klines_cb (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  FakeBinance *fake = user_data;
  g_autoptr(GString) body = g_string_new ("[");
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  gboolean futures = g_str_equal (path, "/fapi/v1/klines");
  gint64 basis = futures ? FUTURES_BASIS : 0;
  gint64 interval_ms = HOUR_MS;
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 last_ms, start_ms, end_ms, limit;
  guint request;

  fake_binance_lock (fake);
  g_ptr_array_add (fake->kline_queries, copy_query (query));
  g_ptr_array_add (fake->kline_paths, g_strdup (path));
  request = fake->kline_queries->len;

  if (g_strcmp0 (symbol, "NOPEUSDT") == 0)
    {
      fake_binance_unlock (fake);
      respond (message, SOUP_STATUS_BAD_REQUEST, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
      return;
    }

  if (request == fake->rate_limit_request)
    {
      fake_binance_unlock (fake);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "1");
      respond (message, 429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}");
      return;
    }

  if (request == fake->bad_request)
    {
      fake_binance_unlock (fake);
      respond (message, fake->bad_status ? fake->bad_status : SOUP_STATUS_OK, fake->bad_body);
      return;
    }

  if (g_strcmp0 (g_hash_table_lookup (query, "interval"), "1w") == 0)
    interval_ms = 7 * 24 * HOUR_MS;

  last_ms = fake->last_ms != 0 ? fake->last_ms : now_ms - now_ms % interval_ms;
  limit = query_int (query, "limit", 500);
  if (limit < 1 || limit > (futures ? 1500 : 1000))
    {
      fake_binance_unlock (fake);
      respond (message, SOUP_STATUS_BAD_REQUEST,
               "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}");
      return;
    }
  start_ms = query_int (query, "startTime", fake->first_ms);
  start_ms = MAX (start_ms - (gint64) fake->overlap * interval_ms, fake->first_ms);
  start_ms += (interval_ms - start_ms % interval_ms) % interval_ms;
  end_ms = MIN (query_int (query, "endTime", G_MAXINT64), last_ms);
  fake_binance_unlock (fake);

  for (gint64 t = start_ms, n = 0; t <= end_ms && n < limit; t += interval_ms, n++)
    {
      gint64 open = fake_binance_open (t) + basis;

      g_string_append_printf (body,
                              "%s[%" G_GINT64_FORMAT ",\"%" G_GINT64_FORMAT ".00\","
                              "\"%" G_GINT64_FORMAT ".00\",\"%" G_GINT64_FORMAT ".00\","
                              "\"%" G_GINT64_FORMAT ".50\",\"%u.000\",%" G_GINT64_FORMAT ","
                              "\"1000.0\",42,\"0.5\",\"45000.0\",\"0\"]",
                              n > 0 ? "," : "", t, open, open + 50, open - 50, open, request,
                              t + interval_ms - 1);
    }
  g_string_append_c (body, ']');

  respond (message, SOUP_STATUS_OK, body->str);
}

static void
on_open_interest_cb (SoupServer        *server,
                     SoupServerMessage *message,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  FakeBinance *fake = user_data;
  g_autoptr(GString) body = g_string_new ("[");
  gboolean string_time;

  fake_binance_lock (fake);
  fake->oi_hits++;
  g_clear_pointer (&fake->oi_query, g_hash_table_unref);
  fake->oi_query = copy_query (query);
  string_time = fake->oi_string_time;

  if (fake->oi_fail)
    {
      fake_binance_unlock (fake);
      respond (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "{\"code\":-1001,\"msg\":\"Down.\"}");
      return;
    }
  fake_binance_unlock (fake);

  for (guint i = 0; i < OI_N_POINTS; i++)
    {
      gint64 time_ms = OI_FIRST_MS + i * HOUR_MS;
      char usd[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (usd, sizeof usd, fake_binance_oi_usd (i));
      g_string_append_printf (body,
                              "%s{\"symbol\":\"BTCUSDT\",\"sumOpenInterest\":\"80000.5\","
                              "\"sumOpenInterestValue\":\"%s\",\"timestamp\":%s%" G_GINT64_FORMAT
                              "%s}",
                              i > 0 ? "," : "", usd, string_time ? "\"" : "", time_ms,
                              string_time ? "\"" : "");
    }
  g_string_append_c (body, ']');

  respond (message, SOUP_STATUS_OK, body->str);
}

static gpointer
fake_binance_thread (gpointer data)
{
  FakeBinance *fake = data;
  GMainContext *context = fake->context;
  g_autoptr(SoupServer) server = NULL;

  g_main_context_push_thread_default (context);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/api/v3/klines", on_klines_cb, fake, NULL);
  soup_server_add_handler (server, "/fapi/v1/klines", on_klines_cb, fake, NULL);
  soup_server_add_handler (server, "/futures/data/openInterestHist", on_open_interest_cb,
                           fake, NULL);
  fake->loop = g_main_loop_new (context, FALSE);

  fake_binance_lock (fake);
  fake->url = test_server_listen (server, "http");
  fake->ready = TRUE;
  g_cond_signal (&fake->cond);
  fake_binance_unlock (fake);

  g_main_loop_run (fake->loop);

  soup_server_disconnect (server);
  g_main_context_pop_thread_default (context);

  return NULL;
}

static inline void
fake_binance_start (FakeBinance *fake)
{
  g_mutex_init (&fake->lock);
  g_cond_init (&fake->cond);
  fake->kline_queries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  fake->kline_paths = g_ptr_array_new_with_free_func (g_free);
  fake->first_ms = T0_MS - 5000 * HOUR_MS;
  fake->last_ms = T0_MS + 3000 * HOUR_MS;

  fake->context = g_main_context_new ();
  fake->thread = g_thread_new ("fake-binance", fake_binance_thread, fake);

  fake_binance_lock (fake);
  while (!fake->ready)
    g_cond_wait (&fake->cond, &fake->lock);
  fake_binance_unlock (fake);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
fake_binance_stop (FakeBinance *fake)
{
  g_autoptr(GSource) quit = g_idle_source_new ();

  /* Through the server's own context: the loop may not have started running yet. */
  g_source_set_callback (quit, quit_cb, fake->loop, NULL);
  g_source_attach (quit, fake->context);
  g_thread_join (fake->thread);

  g_clear_pointer (&fake->loop, g_main_loop_unref);
  g_clear_pointer (&fake->context, g_main_context_unref);
  g_clear_pointer (&fake->kline_queries, g_ptr_array_unref);
  g_clear_pointer (&fake->kline_paths, g_ptr_array_unref);
  g_clear_pointer (&fake->oi_query, g_hash_table_unref);
  g_clear_pointer (&fake->url, g_free);
  g_cond_clear (&fake->cond);
  g_mutex_clear (&fake->lock);
}

static inline guint
fake_binance_count_klines (FakeBinance *fake)
{
  guint n;

  fake_binance_lock (fake);
  n = fake->kline_queries->len;
  fake_binance_unlock (fake);

  return n;
}

/* The value of @name in kline request @index (from 0), as an integer. */
static inline gint64
fake_binance_kline_param (FakeBinance *fake,
                          guint        index,
                          const char  *name)
{
  gint64 value;

  fake_binance_lock (fake);
  g_assert_cmpuint (index, <, fake->kline_queries->len);
  value = query_int (g_ptr_array_index (fake->kline_queries, index), name, -1);
  fake_binance_unlock (fake);

  return value;
}

/* The path kline request @index (from 0) went to. */
static inline char *
fake_binance_dup_kline_path (FakeBinance *fake,
                             guint        index)
{
  char *path;

  fake_binance_lock (fake);
  g_assert_cmpuint (index, <, fake->kline_paths->len);
  path = g_strdup (g_ptr_array_index (fake->kline_paths, index));
  fake_binance_unlock (fake);

  return path;
}
