/* test-okx-server.h: a fake OKX on 127.0.0.1, and the fixture of the OKX source tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake runs in its own thread with its own main context, so the synchronous
 * wick_source_load() can be tested too. It serves hourly candles that are a pure function of
 * their open time, keeps OKX's rules (newest first, `after` exclusive, at most 300 a page and
 * only the newest 1440 on /market/candles, at most 100 a page on history-candles, error
 * envelopes with HTTP 200) and logs every request.
 */

#pragma once

#include "wick-okx-source.h"
#include "test-server-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)

typedef struct
{
  char       *path;
  GHashTable *query;     /* Owned: name → value */
  gint64      received;  /* monotonic µs */
} Request;

static inline void
request_free (Request *request)
{
  g_free (request->path);
  g_hash_table_unref (request->query);
  g_free (request);
}

typedef struct
{
  GMutex        mutex;
  GCond         cond;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *base_url;

  /* Set by the tests, read by the handler; under the mutex. */
  gint64        newest_ms;       /* the newest open time the server has */
  gint64        first_ms;        /* the oldest */
  guint         depth;           /* candles /market/candles reaches back */
  guint         overlap;         /* rows at or after `after` added to every page */
  char         *inst_id;         /* the one spot instrument the server lists */
  gint64        bad_row_ms;      /* a row whose high is below its low; 0 for none */
  guint         error_status;    /* HTTP status of OKX error envelopes */
  guint         fail_status;     /* non-zero: every request gets this status and no body */
  guint         instruments_status;
  char         *ct_val;
  char         *liquidations_body;
  GPtrArray    *requests;        /* of Request */
} FakeOkx;

typedef struct
{
  FakeOkx          fake;
  char            *tmpdir;
  SoupSession     *session;
  WickCandleCache *cache;
  WickSource      *source;
  guint            n_progress;
  guint            last_done;
  GPtrArray       *statuses;  /* of char * */
  WickMarket      *cached;    /* the last ::cached market */
  guint            n_cached;
  GCancellable    *cancel_at_page_cancellable;
  guint            cancel_at_page;
} Fixture;

/* The server's candles: multiples of 0.25, so text and doubles agree exactly. */
static inline void
expected_candle (gint64      time_ms,
                 WickCandle *candle)
{
  gint64 i = time_ms / HOUR_MS;

  candle->open_time_ms = time_ms;
  candle->open = 90000.0 + (double) (i % 97) * 3.5;
  candle->high = candle->open + 50.25;
  candle->low = candle->open - 40.5;
  candle->close = candle->open + (double) ((i % 5) - 2) * 7.75;
  candle->volume = 1.0 + (double) (i % 7) * 0.5;
}

static inline void
append_row (GString *body,
            FakeOkx *fake,
            gint64   time_ms)
{
  WickCandle c;
  char o[32], h[32], l[32], cl[32], v[32];

  expected_candle (time_ms, &c);
  if (time_ms == fake->bad_row_ms)
    c.high = c.low - 1.0;

  g_ascii_formatd (o, sizeof o, "%.2f", c.open);
  g_ascii_formatd (h, sizeof h, "%.2f", c.high);
  g_ascii_formatd (l, sizeof l, "%.2f", c.low);
  g_ascii_formatd (cl, sizeof cl, "%.2f", c.close);
  g_ascii_formatd (v, sizeof v, "%.2f", c.volume);

  if (body->str[body->len - 1] != '[')
    g_string_append_c (body, ',');
  g_string_append_printf (body, "[\"%" G_GINT64_FORMAT "\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\","
                          "\"0\",\"0\",\"%s\"]", time_ms, o, h, l, cl, v,
                          time_ms == fake->newest_ms ? "0" : "1");
}

static inline void
set_error_envelope (SoupServerMessage *msg,
                    FakeOkx           *fake,
                    const char        *code,
                    const char        *text)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"msg\":\"%s\",\"data\":[]}",
                                           code, text);

  soup_server_message_set_status (msg, fake->error_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static inline void
serve_candles (SoupServerMessage *msg,
               FakeOkx           *fake,
               GHashTable        *query,
               gboolean           history)
{
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *after_text = query ? g_hash_table_lookup (query, "after") : NULL;
  const char *inst_id = query ? g_hash_table_lookup (query, "instId") : NULL;
  const char *bar = query ? g_hash_table_lookup (query, "bar") : NULL;
  guint max_limit = history ? 100 : 300;
  guint64 limit = 100;
  gint64 oldest = fake->first_ms;
  gint64 newest = fake->newest_ms;
  g_autoptr(GString) body = g_string_new ("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
  guint n = 0;

  if (g_strcmp0 (inst_id, fake->inst_id) != 0)
    {
      set_error_envelope (msg, fake, "51001", "Instrument ID does not exist");
      return;
    }
  if (g_strcmp0 (bar, "1H") != 0 ||
      (limit_text != NULL &&
       !g_ascii_string_to_unsigned (limit_text, 10, 1, max_limit, &limit, NULL)))
    {
      set_error_envelope (msg, fake, "51000", "Parameter error");
      return;
    }

  if (!history)
    oldest = MAX (oldest, newest - (gint64) (fake->depth - 1) * HOUR_MS);
  if (after_text != NULL)
    newest = MIN (newest, g_ascii_strtoll (after_text, NULL, 10) - HOUR_MS +
                          (gint64) fake->overlap * HOUR_MS);

  for (gint64 t = newest; t >= oldest && n < limit; t -= HOUR_MS, n++)
    append_row (body, fake, t);
  g_string_append (body, "]}");

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str,
                                    body->len);
}

static inline void
serve_instruments (SoupServerMessage *msg,
                   FakeOkx           *fake,
                   GHashTable        *query)
{
  g_autofree char *swap_id = g_strconcat (fake->inst_id, "-SWAP", NULL);
  g_autofree char *body = NULL;

  if (fake->instruments_status != 200)
    {
      soup_server_message_set_status (msg, fake->instruments_status, NULL);
      return;
    }
  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "instType"), "SWAP") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "instId"), swap_id) != 0)
    {
      set_error_envelope (msg, fake, "51001", "Instrument ID does not exist");
      return;
    }

  body = g_strdup_printf ("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SWAP\","
                          "\"instId\":\"%s\",\"instFamily\":\"%s\",\"ctVal\":\"%s\","
                          "\"ctValCcy\":\"BTC\",\"ctType\":\"linear\",\"state\":\"live\"}]}",
                          swap_id, fake->inst_id, fake->ct_val);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static inline void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FakeOkx *fake = user_data;
  Request *request = g_new0 (Request, 1);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);

  request->path = g_strdup (path);
  request->received = g_get_monotonic_time ();
  request->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (request->query, g_strdup (key), g_strdup (value));
    }
  g_ptr_array_add (fake->requests, request);

  if (fake->fail_status != 0)
    soup_server_message_set_status (msg, fake->fail_status, NULL);
  else if (g_str_equal (path, "/api/v5/market/candles"))
    serve_candles (msg, fake, query, FALSE);
  else if (g_str_equal (path, "/api/v5/market/history-candles"))
    serve_candles (msg, fake, query, TRUE);
  else if (g_str_equal (path, "/api/v5/public/instruments"))
    serve_instruments (msg, fake, query);
  else if (g_str_equal (path, "/api/v5/public/liquidation-orders"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        fake->liquidations_body,
                                        strlen (fake->liquidations_body));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static inline gpointer
server_thread (gpointer data)
{
  FakeOkx *fake = data;
  g_autoptr(SoupServer) server = NULL;
  char *base_url;

  g_main_context_push_thread_default (fake->context);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, fake, NULL);
  base_url = test_server_listen (server, "http");

  g_mutex_lock (&fake->mutex);
  fake->base_url = base_url;
  g_cond_signal (&fake->cond);
  g_mutex_unlock (&fake->mutex);

  g_main_loop_run (fake->loop);

  soup_server_disconnect (server);
  g_main_context_pop_thread_default (fake->context);

  return NULL;
}

static inline void
fake_start (FakeOkx *fake)
{
  gint64 now = g_get_real_time () / 1000;

  g_mutex_init (&fake->mutex);
  g_cond_init (&fake->cond);
  fake->newest_ms = now - now % HOUR_MS;
  fake->first_ms = fake->newest_ms - 20000 * HOUR_MS;
  fake->depth = 1440;
  fake->inst_id = g_strdup ("BTC-USDT");
  fake->error_status = 200;
  fake->instruments_status = 200;
  fake->ct_val = g_strdup ("0.01");
  fake->liquidations_body = g_strdup ("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}");
  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);

  fake->thread = g_thread_new ("fake-okx", server_thread, fake);
  g_mutex_lock (&fake->mutex);
  while (fake->base_url == NULL)
    g_cond_wait (&fake->cond, &fake->mutex);
  g_mutex_unlock (&fake->mutex);
}

static inline gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
fake_stop (FakeOkx *fake)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* From inside the loop: a quit sent before the thread reaches g_main_loop_run() would be
   * lost. */
  g_source_set_callback (idle, quit_cb, fake->loop, NULL);
  g_source_attach (idle, fake->context);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_ptr_array_unref (fake->requests);
  g_free (fake->base_url);
  g_free (fake->inst_id);
  g_free (fake->ct_val);
  g_free (fake->liquidations_body);
  g_mutex_clear (&fake->mutex);
  g_cond_clear (&fake->cond);
}

/* Hands over the requests logged so far and starts a new log. */
static inline GPtrArray *
fake_take_requests (FakeOkx *fake)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);
  GPtrArray *requests = fake->requests;

  fake->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  return requests;
}

static inline void
fake_set_string (FakeOkx     *fake,
                 char       **field,
                 const char  *value)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&fake->mutex);

  g_free (*field);
  *field = g_strdup (value);
}

static inline void
on_progress_cb (WickSource *source,
                guint       done,
                guint       expected,
                Fixture    *fixture)
{
  g_assert_cmpuint (done, <=, expected);
  g_assert_cmpuint (done, ==, fixture->last_done + 1);
  fixture->n_progress++;
  fixture->last_done = done;

  if (done == fixture->cancel_at_page && fixture->cancel_at_page_cancellable != NULL)
    g_cancellable_cancel (fixture->cancel_at_page_cancellable);
}

static inline void
on_status_cb (WickSource *source,
              const char *message,
              Fixture    *fixture)
{
  if (message != NULL)
    g_ptr_array_add (fixture->statuses, g_strdup (message));
}

static inline void
on_cached_cb (WickSource *source,
              WickMarket *market,
              Fixture    *fixture)
{
  g_set_object (&fixture->cached, market);
  fixture->n_cached++;
}

static inline WickSource *
new_source (Fixture         *fixture,
            WickCandleCache *cache)
{
  g_autoptr(WickEndpoints) endpoints = wick_endpoints_new ();
  g_autoptr(GError) error = NULL;
  WickSource *source;

  wick_endpoints_set (endpoints, "okx", fixture->fake.base_url, &error);
  g_assert_no_error (error);

  source = wick_okx_source_new (fixture->session, endpoints, cache);
  /* Retries in milliseconds, so failing servers answer the test quickly. */
  wick_rest_client_set_backoff (wick_okx_source_get_client (WICK_OKX_SOURCE (source)), 1, 4, 3);
  g_signal_connect (source, "progress", G_CALLBACK (on_progress_cb), fixture);
  g_signal_connect (source, "status", G_CALLBACK (on_status_cb), fixture);
  g_signal_connect (source, "cached", G_CALLBACK (on_cached_cb), fixture);

  return source;
}

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  fake_start (&fixture->fake);
  fixture->tmpdir = g_dir_make_tmp ("wick-okx-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (fixture->tmpdir, "cache", NULL);
  fixture->cache = wick_candle_cache_new (dir);
  fixture->session = soup_session_new ();
  fixture->statuses = g_ptr_array_new_with_free_func (g_free);
  fixture->source = new_source (fixture, fixture->cache);
}

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static inline void
on_source_finalized_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gboolean finalized = FALSE;

  /* The cache is read and written in worker threads, whose tasks hold the source until the
   * worker lets go of them, a moment after the load has finished. */
  g_object_weak_ref (G_OBJECT (fixture->source), on_source_finalized_cb, &finalized);
  g_object_unref (fixture->source);
  g_assert_true (test_wait_for (&finalized, 30000));

  g_clear_object (&fixture->cached);
  g_object_unref (fixture->cache);
  g_object_unref (fixture->session);
  g_ptr_array_unref (fixture->statuses);
  fake_stop (&fixture->fake);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static inline void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static inline WickMarket *
load_market (Fixture     *fixture,
             WickSource  *source,
             const char  *symbol,
             const char  *interval,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fixture->last_done = 0;
  wick_source_load_async (source, symbol, interval, NULL, on_loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wick_source_load_finish (source, result, error);
}

/* Every candle from @from_ms to @to_ms (exclusive), each exactly as the server made it. */
static inline void
assert_series_exact (WickSeries *series,
                     gint64      from_ms,
                     gint64      to_ms)
{
  guint expected_length = (guint) ((to_ms - from_ms) / HOUR_MS);

  g_assert_cmpint (wick_series_get_interval_ms (series), ==, HOUR_MS);
  g_assert_cmpuint (wick_series_get_length (series), ==, expected_length);

  for (guint i = 0; i < expected_length; i++)
    {
      WickCandle expected;

      expected_candle (from_ms + (gint64) i * HOUR_MS, &expected);
      g_assert_cmpmem (wick_series_get_candle (series, i), sizeof (WickCandle),
                       &expected, sizeof expected);
    }
}

static inline GBytes *
read_cache_file (Fixture *fixture)
{
  g_autofree char *path = wick_candle_cache_dup_path (fixture->cache, "OKX", "BTCUSDT", "1h");
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_bytes_new_take (contents, length);
}

static inline const char *
query_get (Request    *request,
           const char *name)
{
  return g_hash_table_lookup (request->query, name);
}

static inline gboolean
has_status (Fixture    *fixture,
            const char *needle)
{
  for (guint i = 0; i < fixture->statuses->len; i++)
    {
      if (strstr (g_ptr_array_index (fixture->statuses, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}
