/* test-okx-server.h: the fixture of the OKX source tests, on the fake OKX of test-okx-fake.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-okx-source.h"
#include "test-okx-fake.h"

#include <glib/gstdio.h>
#include <string.h>

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
