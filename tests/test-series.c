/* test-series.c: WickSeries validation, mutation and queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-series.h"

#include <math.h>
#include <string.h>

#define HOUR_MS   G_GINT64_CONSTANT (3600000)
#define BASE_MS   G_GINT64_CONSTANT (1767571200000)   /* 2026-01-05T00:00:00Z */
#define MAX_ROWS  2

typedef struct
{
  WickSeries *series;
  guint       n_changed;
} Fixture;

/* A candle by hour offset from BASE_MS. */
typedef struct
{
  int    hour;
  double open, high, low, close, volume;
} Row;

#define GOOD(h) { (h), 92500.0, 93000.0, 92000.0, 92800.0, 10.0 }

static WickCandle
row_to_candle (const Row *row)
{
  WickCandle c = {
    BASE_MS + row->hour * HOUR_MS,
    row->open, row->high, row->low, row->close, row->volume,
  };

  return c;
}

static void
on_series_changed_cb (WickSeries *series,
                      Fixture    *fixture)
{
  fixture->n_changed++;
}

/* Three candles at 00:00, 01:00 and 02:00 on 2026-01-05. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  const WickCandle candles[] = {
    { BASE_MS + 0 * HOUR_MS, 91529.74, 92000.00, 91514.81, 91900.00, 1200.0 },
    { BASE_MS + 1 * HOUR_MS, 91900.00, 92600.00, 91800.00, 92500.00, 900.0 },
    { BASE_MS + 2 * HOUR_MS, 92500.00, 92700.00, 92300.00, 92350.00, 700.0 },
  };
  g_autoptr(GError) error = NULL;

  fixture->series = wick_series_new (HOUR_MS);
  g_assert_true (wick_series_append (fixture->series, candles, G_N_ELEMENTS (candles), &error));
  g_assert_no_error (error);

  fixture->n_changed = 0;
  g_signal_connect (fixture->series, "changed", G_CALLBACK (on_series_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->series);
}

/* Validation: every bad input leaves the series as it was and emits nothing. */

typedef enum
{
  OP_APPEND,
  OP_REPLACE,
  OP_UPSERT,
} Op;

typedef struct
{
  const char      *name;
  Op               op;
  guint            n_rows;
  Row              rows[MAX_ROWS];
  WickSeriesError  code;
  const char      *time;       /* the time the message must name */
  const char      *message;    /* a part of the message */
} ValidationCase;

static const ValidationCase validation_cases[] = {
  { "nan-open", OP_APPEND, 2, { GOOD (3), { 4, NAN, 93000, 92000, 92800, 10 } },
    WICK_SERIES_ERROR_NOT_FINITE, "2026-01-05T04:00:00Z", "Candle 1 (2026-01-05T04:00:00Z): open is not a finite number" },
  { "inf-high", OP_APPEND, 1, { { 3, 92500, INFINITY, 92000, 92800, 10 } },
    WICK_SERIES_ERROR_NOT_FINITE, "2026-01-05T03:00:00Z", "high is not a finite number" },
  { "nan-volume", OP_APPEND, 1, { { 3, 92500, 93000, 92000, 92800, NAN } },
    WICK_SERIES_ERROR_NOT_FINITE, "2026-01-05T03:00:00Z", "volume" },
  { "negative-low", OP_APPEND, 1, { { 3, 92500, 93000, -1, 92800, 10 } },
    WICK_SERIES_ERROR_NOT_POSITIVE, "2026-01-05T03:00:00Z", "low -1.00 is not above zero" },
  { "zero-price", OP_APPEND, 1, { { 3, 0, 93000, 92000, 92800, 10 } },
    WICK_SERIES_ERROR_NOT_POSITIVE, "2026-01-05T03:00:00Z", "open 0.00 is not above zero" },
  { "negative-volume", OP_APPEND, 1, { { 3, 92500, 93000, 92000, 92800, -5 } },
    WICK_SERIES_ERROR_NOT_POSITIVE, "2026-01-05T03:00:00Z", "volume -5.00 is negative" },
  { "high-below-low", OP_APPEND, 1, { { 3, 92500, 91000, 92000, 92800, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T03:00:00Z", "high 91000.00 is below low 92000.00" },
  { "high-below-close", OP_APPEND, 2, { GOOD (3), { 4, 90500, 91000, 90000, 92000, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T04:00:00Z",
    "Candle 1 (2026-01-05T04:00:00Z): high 91000.00 is below close 92000.00" },
  { "low-above-open", OP_APPEND, 1, { { 3, 92500, 93000, 92600, 92800, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T03:00:00Z", "low 92600.00 is above open 92500.00" },
  { "low-above-close", OP_APPEND, 1, { { 3, 92800, 93000, 92600, 92500, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T03:00:00Z", "low 92600.00 is above close 92500.00" },
  { "duplicate-time", OP_APPEND, 2, { GOOD (3), GOOD (3) },
    WICK_SERIES_ERROR_DUPLICATE, "2026-01-05T03:00:00Z", "same open time" },
  { "out-of-order", OP_APPEND, 2, { GOOD (5), GOOD (4) },
    WICK_SERIES_ERROR_OUT_OF_ORDER, "2026-01-05T04:00:00Z", "Candle 1 (2026-01-05T04:00:00Z) is not after" },
  { "append-before-last", OP_APPEND, 1, { GOOD (1) },
    WICK_SERIES_ERROR_OUT_OF_ORDER, "2026-01-05T01:00:00Z", "last candle of the series (2026-01-05T02:00:00Z)" },
  { "append-at-last", OP_APPEND, 1, { GOOD (2) },
    WICK_SERIES_ERROR_DUPLICATE, "2026-01-05T02:00:00Z", "last candle" },
  { "replace-bad-candle", OP_REPLACE, 2, { GOOD (0), { 1, 92500, 92000, 92100, 92800, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T01:00:00Z", "Candle 1" },
  { "replace-out-of-order", OP_REPLACE, 2, { GOOD (7), GOOD (6) },
    WICK_SERIES_ERROR_OUT_OF_ORDER, "2026-01-05T06:00:00Z", "Candle 1" },
  { "replace-duplicate", OP_REPLACE, 2, { GOOD (7), GOOD (7) },
    WICK_SERIES_ERROR_DUPLICATE, "2026-01-05T07:00:00Z", "Candle 1" },
  { "upsert-earlier", OP_UPSERT, 1, { GOOD (1) },
    WICK_SERIES_ERROR_OUT_OF_ORDER, "2026-01-05T01:00:00Z", "last candle of the series" },
  { "upsert-bad-last", OP_UPSERT, 1, { { 2, 92500, 92400, 92000, 92300, 10 } },
    WICK_SERIES_ERROR_BAD_RANGE, "2026-01-05T02:00:00Z", "Candle 2 (2026-01-05T02:00:00Z): high 92400.00 is below open 92500.00" },
  { "upsert-bad-next", OP_UPSERT, 1, { { 3, NAN, 93000, 92000, 92800, 10 } },
    WICK_SERIES_ERROR_NOT_FINITE, "2026-01-05T03:00:00Z", "Candle 3" },
};

static void
test_validation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const ValidationCase *tc = user_data;
  WickCandle candles[MAX_ROWS];
  WickCandle last_before;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  for (guint i = 0; i < tc->n_rows; i++)
    candles[i] = row_to_candle (&tc->rows[i]);
  last_before = *wick_series_get_last (fixture->series);

  switch (tc->op)
    {
    case OP_APPEND:
      ok = wick_series_append (fixture->series, candles, tc->n_rows, &error);
      break;

    case OP_REPLACE:
      ok = wick_series_replace (fixture->series, candles, tc->n_rows, &error);
      break;

    case OP_UPSERT:
      g_assert_cmpuint (tc->n_rows, ==, 1);
      ok = wick_series_upsert_last (fixture->series, &candles[0], &error);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_false (ok);
  g_assert_error (error, WICK_SERIES_ERROR, (int) tc->code);
  g_test_message ("%s: %s", tc->name, error->message);
  g_assert_nonnull (strstr (error->message, tc->time));
  g_assert_nonnull (strstr (error->message, tc->message));

  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 3);
  g_assert_cmpmem (wick_series_get_last (fixture->series), sizeof (WickCandle),
                   &last_before, sizeof (WickCandle));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

static void
test_validate_single (void)
{
  const WickCandle good = { BASE_MS, 100.0, 110.0, 90.0, 105.0, 0.0 };
  const WickCandle equal = { BASE_MS, 100.0, 100.0, 100.0, 100.0, 0.0 };
  const WickCandle bad = { BASE_MS, 100.0, 110.0, 90.0, 115.0, 1.0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_candle_validate (&good, &error));
  g_assert_no_error (error);
  g_assert_true (wick_candle_validate (&equal, &error));
  g_assert_no_error (error);

  g_assert_false (wick_candle_validate (&bad, &error));
  g_assert_error (error, WICK_SERIES_ERROR, WICK_SERIES_ERROR_BAD_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Candle at 2026-01-05T00:00:00Z: high 110.00 is below close 115.00");
}

/* Happy paths */

static void
test_append (Fixture       *fixture,
             gconstpointer  user_data)
{
  const Row rows[] = { GOOD (3), GOOD (5) };   /* a gap is fine */
  WickCandle candles[2] = { row_to_candle (&rows[0]), row_to_candle (&rows[1]) };
  g_autoptr(GError) error = NULL;

  g_assert_true (wick_series_append (fixture->series, candles, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 5);
  g_assert_cmpint (wick_series_get_last (fixture->series)->open_time_ms, ==, BASE_MS + 5 * HOUR_MS);
  g_assert_cmpmem (wick_series_get_candle (fixture->series, 3), sizeof (WickCandle),
                   &candles[0], sizeof (WickCandle));

  /* Nothing to append: success, no change. */
  g_assert_true (wick_series_append (fixture->series, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree WickCandle *candles = g_new (WickCandle, 10);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      const Row row = GOOD (100 + (int) i);

      candles[i] = row_to_candle (&row);
    }

  g_assert_true (wick_series_replace (fixture->series, candles, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 10);
  g_assert_cmpint (wick_series_get_candle (fixture->series, 0)->open_time_ms, ==, BASE_MS + 100 * HOUR_MS);

  /* With a slice of its own storage. */
  g_assert_true (wick_series_replace (fixture->series, wick_series_get_candle (fixture->series, 4), 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 3);
  g_assert_cmpint (wick_series_get_candle (fixture->series, 0)->open_time_ms, ==, BASE_MS + 104 * HOUR_MS);

  /* Emptying is a change too. */
  g_assert_true (wick_series_replace (fixture->series, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 0);
  g_assert_null (wick_series_get_last (fixture->series));
}

static void
test_upsert (Fixture       *fixture,
             gconstpointer  user_data)
{
  const Row same = { 2, 92500.0, 92900.0, 92200.0, 92250.0, 800.0 };
  const Row next = GOOD (3);
  WickCandle candle = row_to_candle (&same);
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) empty = wick_series_new (HOUR_MS);

  /* Same open time: the forming candle is updated in place. */
  g_assert_true (wick_series_upsert_last (fixture->series, &candle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 3);
  g_assert_cmpfloat (wick_series_get_last (fixture->series)->high, ==, 92900.0);
  g_assert_cmpfloat (wick_series_get_last (fixture->series)->volume, ==, 800.0);

  /* Later: a new candle. */
  candle = row_to_candle (&next);
  g_assert_true (wick_series_upsert_last (fixture->series, &candle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 4);
  g_assert_cmpint (wick_series_get_last (fixture->series)->open_time_ms, ==, BASE_MS + 3 * HOUR_MS);

  /* Into an empty series. */
  g_assert_true (wick_series_upsert_last (empty, &candle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (empty), ==, 1);
}

typedef struct
{
  gint64   time_ms;
  guint    lower_bound;
  gboolean found;
} SearchCase;

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  const SearchCase cases[] = {
    { BASE_MS - HOUR_MS, 0, FALSE },
    { BASE_MS, 0, TRUE },
    { BASE_MS + 1, 1, FALSE },
    { BASE_MS + HOUR_MS, 1, TRUE },
    { BASE_MS + 2 * HOUR_MS - 1, 2, FALSE },
    { BASE_MS + 2 * HOUR_MS, 2, TRUE },
    { BASE_MS + 3 * HOUR_MS, 3, FALSE },
    { G_MAXINT64, 3, FALSE },
    { G_MININT64, 0, FALSE },
  };
  g_autoptr(WickSeries) empty = wick_series_new (HOUR_MS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint index = G_MAXUINT;

      g_assert_cmpuint (wick_series_lower_bound (fixture->series, cases[i].time_ms), ==, cases[i].lower_bound);
      g_assert_cmpint (wick_series_find (fixture->series, cases[i].time_ms, &index), ==, cases[i].found);
      if (cases[i].found)
        g_assert_cmpuint (index, ==, cases[i].lower_bound);
      else
        g_assert_cmpuint (index, ==, G_MAXUINT);
    }

  g_assert_true (wick_series_find (fixture->series, BASE_MS, NULL));
  g_assert_cmpuint (wick_series_lower_bound (empty, BASE_MS), ==, 0);
  g_assert_false (wick_series_find (empty, BASE_MS, NULL));
}

typedef struct
{
  guint  first;
  guint  end;
  double low;
  double high;
  double max_volume;
} RangeCase;

static void
test_ranges (Fixture       *fixture,
             gconstpointer  user_data)
{
  const RangeCase cases[] = {
    { 0, 3, 91514.81, 92700.00, 1200.0 },
    { 0, 100, 91514.81, 92700.00, 1200.0 },  /* end clamps to the length */
    { 1, 3, 91800.00, 92700.00, 900.0 },
    { 1, 2, 91800.00, 92600.00, 900.0 },     /* end is exclusive */
    { 2, 3, 92300.00, 92700.00, 700.0 },
    { 2, 2, 0.0, 0.0, 0.0 },                 /* empty */
    { 3, 1, 0.0, 0.0, 0.0 },                 /* backwards */
    { 7, 9, 0.0, 0.0, 0.0 },                 /* past the end */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double low = -1.0;
      double high = -1.0;

      wick_series_get_price_range (fixture->series, cases[i].first, cases[i].end, &low, &high);
      g_assert_cmpfloat (low, ==, cases[i].low);
      g_assert_cmpfloat (high, ==, cases[i].high);
      g_assert_cmpfloat (wick_series_get_max_volume (fixture->series, cases[i].first, cases[i].end),
                         ==, cases[i].max_volume);
    }

  /* Either output may be skipped. */
  wick_series_get_price_range (fixture->series, 0, 3, NULL, NULL);
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(WickSeries) copy = wick_series_copy (fixture->series);
  const Row next = GOOD (3);
  WickCandle candle = row_to_candle (&next);

  g_assert_cmpint (wick_series_get_interval_ms (copy), ==, HOUR_MS);
  g_assert_cmpuint (wick_series_get_length (copy), ==, 3);
  g_assert_cmpmem (wick_series_get_candles (copy), 3 * sizeof (WickCandle),
                   wick_series_get_candles (fixture->series), 3 * sizeof (WickCandle));

  g_assert_true (wick_series_upsert_last (copy, &candle, NULL));
  g_assert_cmpuint (wick_series_get_length (copy), ==, 4);
  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 3);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

static void
test_interval (void)
{
  g_autoptr(WickSeries) series = wick_series_new (4 * HOUR_MS);
  gint64 interval = 0;

  g_assert_cmpint (wick_series_get_interval_ms (series), ==, 4 * HOUR_MS);
  g_object_get (series, "interval-ms", &interval, NULL);
  g_assert_cmpint (interval, ==, 4 * HOUR_MS);
  g_assert_cmpuint (wick_series_get_length (series), ==, 0);
  g_assert_null (wick_series_get_last (series));
}

#define ADD_FIXTURE_TEST(path, func, data) \
  g_test_add ((path), Fixture, (data), fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/series/validation/%s", validation_cases[i].name);

      ADD_FIXTURE_TEST (path, test_validation, &validation_cases[i]);
    }

  g_test_add_func ("/wick/series/validate-single", test_validate_single);
  g_test_add_func ("/wick/series/interval", test_interval);
  ADD_FIXTURE_TEST ("/wick/series/append", test_append, NULL);
  ADD_FIXTURE_TEST ("/wick/series/replace", test_replace, NULL);
  ADD_FIXTURE_TEST ("/wick/series/upsert", test_upsert, NULL);
  ADD_FIXTURE_TEST ("/wick/series/search", test_search, NULL);
  ADD_FIXTURE_TEST ("/wick/series/ranges", test_ranges, NULL);
  ADD_FIXTURE_TEST ("/wick/series/copy", test_copy, NULL);

  return g_test_run ();
}
