/* test-binance-utils.h: the fixture the Binance source tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wick-binance-source.h"

#include "test-binance-server.h"

#include <glib/gstdio.h>

typedef struct
{
  FakeBinance      fake;
  SoupSession     *session;
  WickEndpoints   *endpoints;
  char            *cache_dir;   /* a temporary folder */
  WickCandleCache *cache;
  GPtrArray       *events;      /* "cached …", "progress d/e", "status …" in order */
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fake_binance_start (&fixture->fake);

  fixture->session = soup_session_new ();
  fixture->endpoints = wick_endpoints_new ();
  g_assert_true (wick_endpoints_set (fixture->endpoints, "binance", fixture->fake.url, &error));
  g_assert_true (wick_endpoints_set (fixture->endpoints, "binance-futures", fixture->fake.url,
                                     &error));
  g_assert_no_error (error);

  fixture->cache_dir = g_dir_make_tmp ("wick-binance-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->cache = wick_candle_cache_new (fixture->cache_dir);
  fixture->events = g_ptr_array_new_with_free_func (g_free);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->cache_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->cache_dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->cache_dir), ==, 0);

  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  g_clear_object (&fixture->cache);
  g_clear_pointer (&fixture->cache_dir, g_free);
  g_clear_pointer (&fixture->endpoints, wick_endpoints_free);
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  fake_binance_stop (&fixture->fake);
}

static inline void
on_progress_cb (WickSource *source,
                guint       done,
                guint       expected,
                Fixture    *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("progress %u/%u", done, expected));
}

static inline void
on_status_cb (WickSource *source,
              const char *message,
              Fixture    *fixture)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("status %s", message ? message : "-"));
}

static inline void
on_cached_cb (WickSource *source,
              WickMarket *market,
              Fixture    *fixture)
{
  g_ptr_array_add (fixture->events,
                   g_strdup_printf ("cached %u %s",
                                    wick_series_get_length (wick_market_get_series (market)),
                                    wick_market_get_source_label (market)));
}

/* A source of @market on the fake Binance (or on @endpoints), with millisecond backoff. */
static inline WickSource *
new_market_source_on (Fixture             *fixture,
                      const WickEndpoints *endpoints,
                      gboolean             with_cache,
                      WickBinanceMarket    market)
{
  WickSource *source = wick_binance_source_new_for_market (fixture->session, endpoints,
                                                           with_cache ? fixture->cache : NULL,
                                                           market);
  WickBinanceSource *binance = WICK_BINANCE_SOURCE (source);

  wick_rest_client_set_backoff (wick_binance_source_get_spot_client (binance), 1, 5, 2);
  wick_rest_client_set_backoff (wick_binance_source_get_futures_client (binance), 1, 5, 2);

  g_signal_connect (source, "progress", G_CALLBACK (on_progress_cb), fixture);
  g_signal_connect (source, "status", G_CALLBACK (on_status_cb), fixture);
  g_signal_connect (source, "cached", G_CALLBACK (on_cached_cb), fixture);

  return source;
}

/* A spot source on the fake Binance (or on @endpoints), with millisecond backoff. */
static inline WickSource *
new_source_on (Fixture             *fixture,
               const WickEndpoints *endpoints,
               gboolean             with_cache)
{
  return new_market_source_on (fixture, endpoints, with_cache, WICK_BINANCE_MARKET_SPOT);
}

static inline WickSource *
new_source (Fixture  *fixture,
            gboolean  with_cache)
{
  return new_source_on (fixture, fixture->endpoints, with_cache);
}

static inline void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Loads on the test's default main context. */
static inline WickMarket *
load (WickSource  *source,
      const char  *symbol,
      const char  *interval,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wick_source_load_async (source, symbol, interval, NULL, on_loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wick_source_load_finish (source, result, error);
}

/* @series holds exactly the fake's candles from @from_ms, @n of them, one an hour, at
 * @basis above the spot prices. */
static inline void
assert_candles_at (WickSeries *series,
                   gint64      from_ms,
                   guint       n,
                   gint64      basis)
{
  g_assert_cmpint (wick_series_get_interval_ms (series), ==, HOUR_MS);
  g_assert_cmpuint (wick_series_get_length (series), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const WickCandle *candle = wick_series_get_candle (series, i);
      gint64 time_ms = from_ms + i * HOUR_MS;
      double open = fake_binance_open (time_ms) + basis;

      g_assert_cmpint (candle->open_time_ms, ==, time_ms);
      g_assert_cmpfloat (candle->open, ==, open);
      g_assert_cmpfloat (candle->high, ==, open + 50);
      g_assert_cmpfloat (candle->low, ==, open - 50);
      g_assert_cmpfloat (candle->close, ==, open + 0.5);
    }
}

/* @series holds exactly the fake's spot candles from @from_ms, @n of them, one an hour. */
static inline void
assert_candles (WickSeries *series,
                gint64      from_ms,
                guint       n)
{
  assert_candles_at (series, from_ms, n, 0);
}

/* The kline request (from 1) whose page supplied the candle at @time_ms. */
static inline guint
served_by (WickSeries *series,
           gint64      time_ms)
{
  guint index;

  g_assert_true (wick_series_find (series, time_ms, &index));
  return (guint) wick_series_get_candle (series, index)->volume;
}

static inline GBytes *
read_cache_file (Fixture    *fixture,
                 const char *symbol)
{
  g_autofree char *path = wick_candle_cache_dup_path (fixture->cache, "Binance", symbol, "1h");
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

static inline void
assert_event (Fixture    *fixture,
              guint       index,
              const char *expected)
{
  g_assert_cmpuint (index, <, fixture->events->len);
  g_assert_cmpstr (g_ptr_array_index (fixture->events, index), ==, expected);
}

static inline gboolean
has_event_prefix (Fixture    *fixture,
                  const char *prefix)
{
  for (guint i = 0; i < fixture->events->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (fixture->events, i), prefix))
        return TRUE;
    }

  return FALSE;
}

#define ADD(path, data, func) \
  g_test_add ("/wick/net/binance-source/" path, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)
