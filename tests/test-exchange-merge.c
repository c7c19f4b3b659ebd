/* test-exchange-merge.c: the pure helpers every exchange source's load shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-exchange-parse.h"
#include "wick-exchange-source-private.h"
#include "wick-rest-client.h"

#define HOUR_MS (3600 * (gint64) 1000)

/* A page of candles at the given hours, each with @tag as its volume. */
static GArray *
make_page (double        tag,
           const guint  *hours,
           guint         n_hours)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (WickCandle));

  for (guint i = 0; i < n_hours; i++)
    {
      WickCandle candle = { hours[i] * HOUR_MS, 100, 110, 90, 105, tag };

      g_array_append_val (page, candle);
    }

  return page;
}

static void
assert_merged (GArray       *merged,
               const guint  *hours,
               const double *tags,
               guint         n)
{
  g_assert_cmpuint (merged->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const WickCandle *candle = &g_array_index (merged, WickCandle, i);

      g_assert_cmpint (candle->open_time_ms, ==, hours[i] * HOUR_MS);
      g_assert_cmpfloat (candle->volume, ==, tags[i]);
    }
}

static void
test_merge_overlap (void)
{
  static const guint a[] = { 1, 2, 3, 4 };
  static const guint b[] = { 3, 4, 5, 6 };
  static const guint c[] = { 6, 7 };
  static const guint hours[] = { 1, 2, 3, 4, 5, 6, 7 };
  static const double tags[] = { 1, 1, 2, 2, 2, 3, 3 };
  g_autoptr(GArray) pa = make_page (1, a, G_N_ELEMENTS (a));
  g_autoptr(GArray) pb = make_page (2, b, G_N_ELEMENTS (b));
  g_autoptr(GArray) pc = make_page (3, c, G_N_ELEMENTS (c));
  GArray *pages[] = { pa, pb, pc };
  g_autoptr(GArray) merged = _wick_exchange_merge_pages (pages, G_N_ELEMENTS (pages));

  assert_merged (merged, hours, tags, G_N_ELEMENTS (hours));

  /* The inputs are left as they were. */
  g_assert_cmpuint (pa->len, ==, 4);
  g_assert_cmpfloat (g_array_index (pa, WickCandle, 2).volume, ==, 1);
}

static void
test_merge_unordered (void)
{
  /* Pages of a backwards pager (newest page first), one repeating the other. */
  static const guint newer[] = { 5, 6, 7 };
  static const guint older[] = { 1, 2, 3, 4, 5 };
  static const guint again[] = { 2 };
  static const guint hours[] = { 1, 2, 3, 4, 5, 6, 7 };
  static const double tags[] = { 2, 3, 2, 2, 2, 1, 1 };
  g_autoptr(GArray) p1 = make_page (1, newer, G_N_ELEMENTS (newer));
  g_autoptr(GArray) p2 = make_page (2, older, G_N_ELEMENTS (older));
  g_autoptr(GArray) p3 = make_page (3, again, G_N_ELEMENTS (again));
  GArray *pages[] = { p1, p2, p3 };
  g_autoptr(GArray) merged = _wick_exchange_merge_pages (pages, G_N_ELEMENTS (pages));

  assert_merged (merged, hours, tags, G_N_ELEMENTS (hours));
}

static void
test_merge_empty (void)
{
  g_autoptr(GArray) empty = make_page (1, NULL, 0);
  GArray *pages[] = { empty, empty };
  g_autoptr(GArray) none = _wick_exchange_merge_pages (NULL, 0);
  g_autoptr(GArray) merged = _wick_exchange_merge_pages (pages, 2);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (merged->len, ==, 0);
}

static void
test_count_pages (void)
{
  g_assert_cmpuint (_wick_exchange_count_pages (0, 2500 * HOUR_MS, HOUR_MS, 1000), ==, 3);
  g_assert_cmpuint (_wick_exchange_count_pages (0, 2000 * HOUR_MS, HOUR_MS, 1000), ==, 2);
  g_assert_cmpuint (_wick_exchange_count_pages (0, 2000 * HOUR_MS + 1, HOUR_MS, 1000), ==, 3);
  g_assert_cmpuint (_wick_exchange_count_pages (0, HOUR_MS, HOUR_MS, 1000), ==, 1);
  /* An empty window still costs the one request that finds it empty. */
  g_assert_cmpuint (_wick_exchange_count_pages (HOUR_MS, HOUR_MS, HOUR_MS, 1000), ==, 1);
  g_assert_cmpuint (_wick_exchange_count_pages (0, 301 * HOUR_MS, HOUR_MS, 300), ==, 2);
}

static void
test_interval_ms (void)
{
  static const struct
  {
    const char *name;
    gint64      ms;
  } cases[] = {
    { "1m", 60 * 1000 }, { "15m", 15 * 60 * 1000 }, { "1h", HOUR_MS }, { "8h", 8 * HOUR_MS },
    { "12h", 12 * HOUR_MS }, { "1d", 24 * HOUR_MS }, { "3d", 72 * HOUR_MS },
    { "1w", 168 * HOUR_MS },
    { "", 0 }, { "h", 0 }, { "0h", 0 }, { "1H", 0 }, { "1M", 0 }, { "1s", 0 }, { "1hh", 0 },
    { "-1h", 0 }, { " 1h", 0 }, { "99999999999999999999m", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (_wick_exchange_interval_ms (cases[i].name), ==, cases[i].ms);
  g_assert_cmpint (_wick_exchange_interval_ms (NULL), ==, 0);
}

static void
test_error_is_offline (void)
{
  static const struct
  {
    GQuark   (*domain) (void);
    int        code;
    gboolean   offline;
  } cases[] = {
    { g_io_error_quark, G_IO_ERROR_CONNECTION_REFUSED, TRUE },
    { g_io_error_quark, G_IO_ERROR_TIMED_OUT, TRUE },
    { g_io_error_quark, G_IO_ERROR_PARTIAL_INPUT, TRUE },
    { g_io_error_quark, G_IO_ERROR_CANCELLED, FALSE },
    { g_resolver_error_quark, G_RESOLVER_ERROR_NOT_FOUND, TRUE },
    { wick_rest_error_quark, WICK_REST_ERROR_HTTP, TRUE },
    { wick_rest_error_quark, WICK_REST_ERROR_RATE_LIMITED, TRUE },
    { wick_rest_error_quark, WICK_REST_ERROR_BANNED, TRUE },
    { wick_rest_error_quark, WICK_REST_ERROR_TOO_LARGE, FALSE },
    { wick_rest_error_quark, WICK_REST_ERROR_INVALID_URL, FALSE },
    { wick_exchange_server_error_quark, -1121, FALSE },
    { wick_exchange_error_quark, WICK_EXCHANGE_ERROR_BAD_SHAPE, FALSE },
    { wick_source_error_quark, WICK_SOURCE_ERROR_INVALID_DATA, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain (), cases[i].code, "x");

      g_assert_cmpint (_wick_exchange_error_is_offline (error), ==, cases[i].offline);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/net/exchange-merge/merge-overlap", test_merge_overlap);
  g_test_add_func ("/wick/net/exchange-merge/merge-unordered", test_merge_unordered);
  g_test_add_func ("/wick/net/exchange-merge/merge-empty", test_merge_empty);
  g_test_add_func ("/wick/net/exchange-merge/count-pages", test_count_pages);
  g_test_add_func ("/wick/net/exchange-merge/interval-ms", test_interval_ms);
  g_test_add_func ("/wick/net/exchange-merge/error-is-offline", test_error_is_offline);

  return g_test_run ();
}
