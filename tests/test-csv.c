/* test-csv.c: the CSV parsers, on hand-written edge cases and on the real market data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-csv.h"
#include "wick-csv-source.h"

#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

#define HOUR_MS  G_GINT64_CONSTANT (3600000)
#define T0       "1704067200000"   /* 2024-01-01T00:00:00Z */
#define T1       "1704070800000"
#define T2       "1704074400000"
#define T3       "1704078000000"
#define T0_MS    G_GINT64_CONSTANT (1704067200000)

#define HEADER   "open_time_ms,open,high,low,close,volume"
#define ROW0     T0 ",42283.58000000,42554.57000000,42261.02000000,42475.23000000,1271.68108000"
#define ROW1     T1 ",42475.23000000,42775.00000000,42431.65000000,42613.56000000,1196.37856000"
#define ROW2     T2 ",42613.56,42623.07,42540.45,42582.88,645.86"
#define BOM      "\xEF\xBB\xBF"

/* Candles that parse */

typedef struct
{
  const char *name;
  const char *data;
  gint64      interval_ms;      /* passed in; 0 infers */
  guint       n_candles;
  gint64      expect_interval_ms;
} GoodCase;

static const GoodCase good_cases[] = {
  { "header", HEADER "\n" ROW0 "\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "no-header", ROW0 "\n" ROW1 "\n" ROW2 "\n", 0, 3, HOUR_MS },
  { "bom-header", BOM HEADER "\n" ROW0 "\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "bom-no-header", BOM ROW0 "\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "crlf", HEADER "\r\n" ROW0 "\r\n" ROW1 "\r\n" ROW2 "\r\n", 0, 3, HOUR_MS },
  { "no-final-newline", HEADER "\n" ROW0 "\n" ROW1, 0, 2, HOUR_MS },
  { "crlf-no-final-newline", ROW0 "\r\n" ROW1, 0, 2, HOUR_MS },
  { "blank-trailing-lines", HEADER "\n" ROW0 "\n" ROW1 "\n\n  \r\n\n", 0, 2, HOUR_MS },
  { "blank-line-inside", ROW0 "\n\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "quoted-header", "\"open_time_ms\",\"open\",\"high\",\"low\",\"close\",\"volume\"\n" ROW0 "\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "quoted-numbers", "\"" T0 "\",\"42283.58\",\"42554.57\",\"42261.02\",\"42475.23\",\"1271.68\"\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "spaces", T0 ", 42283.58 ,42554.57, 42261.02,42475.23 , 1271.68\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "exponents", T0 ",4.228358e4,4.255457E+04,42261.02,42475.23,1.27168e3\n" ROW1 "\n", 0, 2, HOUR_MS },
  { "float-time", "1.7040672e12,42283.58,42554.57,42261.02,42475.23,1271.68\n" T1 ".0" ",42475.23,42775,42431.65,42613.56,1196.37\n", 0, 2, HOUR_MS },
  { "extra-columns", T0 ",42283.58,42554.57,42261.02,42475.23,1271.68,1704070799999,5.4e7,42000,600,3e7,0\n"
                     T1 ",42475.23,42775.00,42431.65,42613.56,1196.37,1704074399999,5.1e7,40000,580,2e7,0\n", 0, 2, HOUR_MS },
  { "gap", ROW0 "\n" ROW1 "\n" T3 ",42582.88,42600,42500,42550,10\n", 0, 3, HOUR_MS },
  { "four-hours", T0 ",1,2,1,2,0\n1704081600000,2,3,1,2,0\n1704096000000,2,3,1,2,0\n", 0, 3, 4 * HOUR_MS },
  { "single-row-given-interval", ROW0 "\n", HOUR_MS, 1, HOUR_MS },
  { "given-interval-wins", ROW0 "\n" ROW1 "\n", 60000, 2, 60000 },
};

static void
test_good (gconstpointer user_data)
{
  const GoodCase *tc = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;
  const WickCandle *first;

  series = wick_csv_parse_candles (tc->data, strlen (tc->data), tc->interval_ms, &error);
  g_assert_no_error (error);
  g_assert_nonnull (series);

  g_assert_cmpuint (wick_series_get_length (series), ==, tc->n_candles);
  g_assert_cmpint (wick_series_get_interval_ms (series), ==, tc->expect_interval_ms);

  first = wick_series_get_candle (series, 0);
  g_assert_cmpint (first->open_time_ms, ==, T0_MS);
  if (first->open != 1.0)   /* all but the four-hour case start with the real first candle */
    {
      g_assert_cmpfloat_with_epsilon (first->open, 42283.58, 1e-9);
      g_assert_cmpfloat_with_epsilon (first->low, 42261.02, 1e-9);
    }
}

/* Input that must fail, with the line and the problem in the message */

typedef struct
{
  const char  *name;
  const char  *data;
  gint64       interval_ms;
  WickCsvError code;
  const char  *message;   /* exact */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", "", 0, WICK_CSV_ERROR_EMPTY, "the file is empty" },
  { "only-blank-lines", "\n\r\n  \n", 0, WICK_CSV_ERROR_EMPTY, "the file is empty" },
  { "only-bom", BOM, 0, WICK_CSV_ERROR_EMPTY, "the file is empty" },
  { "header-only", HEADER "\n", 0, WICK_CSV_ERROR_EMPTY, "the file has a header but no data rows" },
  { "header-short", "open_time_ms,open,high,low\n" ROW0 "\n", 0, WICK_CSV_ERROR_COLUMNS,
    "line 1: expected 6 columns, found 4" },
  { "row-short", HEADER "\n" ROW0 "\n" T1 ",1,2,0.5\n", 0, WICK_CSV_ERROR_COLUMNS,
    "line 3: expected 6 columns, found 4" },
  { "row-long", HEADER "\n" ROW0 "\n" ROW1 ",7\n", 0, WICK_CSV_ERROR_COLUMNS,
    "line 3: expected 6 columns, found 7" },
  { "row-only-time", ROW0 "\n" T1 "\n", 0, WICK_CSV_ERROR_COLUMNS,
    "line 2: expected 6 columns, found 1" },
  { "short-with-junk", HEADER "\n" T0 ",abc,1\n", 0, WICK_CSV_ERROR_COLUMNS,
    "line 2: expected 6 columns, found 3" },
  { "not-a-number", HEADER "\n" ROW0 "\n" T1 ",42475.23,abc,42431.65,42613.56,1196.37\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 3: “abc” is not a number" },
  { "junk-after-number", ROW0 "\n" T1 ",42475.23x,42775,42431.65,42613.56,1196.37\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 2: “42475.23x” is not a number" },
  { "two-points", ROW0 "\n" T1 ",42475.23,42775,42431.65.1,42613.56,1196.37\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 2: “42431.65.1” is not a number" },
  { "bad-time", HEADER "\n" ROW0 "\n2024-01-01 01:00,1,2,1,2,0\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 3: “2024-01-01 01:00” is not a time in milliseconds" },
  { "fractional-time", ROW0 "\n1704070800000.5,1,2,1,2,0\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 2: “1704070800000.5” is not a time in milliseconds" },
  { "hexadecimal", ROW0 "\n" T1 ",0x10,2,1,2,0\n", 0, WICK_CSV_ERROR_NOT_A_NUMBER,
    "line 2: “0x10” is not a number" },
  { "long-junk", ROW0 "\n" T1 ",1,2,1,2,abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n", 0,
    WICK_CSV_ERROR_NOT_A_NUMBER, "line 2: “abcdefghijklmnopqrstuvwxyzabcdefghijklmn…” is not a number" },
  { "invalid-utf8", ROW0 "\n" T1 ",1,2,1,2,\xff\xfe\n", 0, WICK_CSV_ERROR_NOT_A_NUMBER,
    "line 2: “\xef\xbf\xbd\xef\xbf\xbd” is not a number" },
  { "empty-field", ROW0 "\n" T1 ",1,2,,2,0\n", 0, WICK_CSV_ERROR_NOT_A_NUMBER,
    "line 2: column 4 is empty" },
  { "bad-candle", HEADER "\r\n" ROW0 "\r\n" ROW1 "\r\n" T2 ",90500,91000,90000,92000,10\r\n", 0,
    WICK_CSV_ERROR_INVALID_VALUE,
    "line 4 (2024-01-01T02:00:00Z): high 91000.00 is below close 92000.00" },
  { "bad-candle-after-blank", ROW0 "\n\n" ROW1 "\n\n" T2 ",1,2,1,2,-3\n", 0,
    WICK_CSV_ERROR_INVALID_VALUE, "line 5 (2024-01-01T02:00:00Z): volume -3.00 is negative" },
  { "nan-value", ROW0 "\n" T1 ",nan,2,1,2,0\n", 0, WICK_CSV_ERROR_INVALID_VALUE,
    "line 2 (2024-01-01T01:00:00Z): open is not a finite number (nan)" },
  { "zero-price", ROW0 "\n" T1 ",0,2,0,2,0\n", 0, WICK_CSV_ERROR_INVALID_VALUE,
    "line 2 (2024-01-01T01:00:00Z): open 0.00 is not above zero" },
  { "duplicate", HEADER "\n" ROW0 "\n" ROW1 "\n" ROW1 "\n", 0, WICK_CSV_ERROR_DUPLICATE,
    "line 4 (2024-01-01T01:00:00Z): the same time as the row before it" },
  { "out-of-order", ROW1 "\n" ROW0 "\n", 0, WICK_CSV_ERROR_OUT_OF_ORDER,
    "line 2 (2024-01-01T00:00:00Z): the time is not after the row before it (2024-01-01T01:00:00Z)" },
  { "single-row", HEADER "\n" ROW0 "\n", 0, WICK_CSV_ERROR_INTERVAL,
    "the file has a single row, so its interval cannot be inferred" },
};

static void
test_bad (gconstpointer user_data)
{
  const BadCase *tc = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;

  series = wick_csv_parse_candles (tc->data, strlen (tc->data), tc->interval_ms, &error);
  g_assert_null (series);
  g_assert_error (error, WICK_CSV_ERROR, (int) tc->code);
  g_assert_cmpstr (error->message, ==, tc->message);
}

/* The buffer need not be nul-terminated: the parser must stop at len. */
static void
test_not_terminated (void)
{
  const char text[] = ROW0 "\n" ROW1 "\n" ROW2;
  gsize len = strlen (text);
  g_autofree char *data = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(WickSeries) cut = NULL;

  memcpy (data, text, len);
  series = wick_csv_parse_candles (data, len, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (series), ==, 3);
  g_assert_cmpfloat (wick_series_get_last (series)->volume, ==, 645.86);

  /* Cut inside the last row's volume: “645.8” is still a valid candle. */
  cut = wick_csv_parse_candles (data, len - 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (wick_series_get_last (cut)->volume, ==, 645.8);
}

/* The fast decimal path must give exactly what strtod gives. */
static void
test_number_exactness (void)
{
  static const char * const numbers[] = {
    "42283.58000000", "0.005673", "7417960409.6382", "1271.68108000", "0.1", "0.3",
    "2137137.59", "8206829667", "9007199254740993", "123456789012345678901234",
    "0.000000000000000000000000123", "1e-5", "5.", "0", "00012.5", "18446744073709551616",
    "99999999999999999999.99999", "0.12345678901234567000", "3.14159265358979323846",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *csv = g_strdup_printf (T0 ",%s,0\n" T1 ",%s,0\n", numbers[i], numbers[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(WickLiquidations) liquidations = NULL;
      double expected = g_ascii_strtod (numbers[i], NULL);

      liquidations = wick_csv_parse_liquidations (csv, strlen (csv), 0, &error);
      g_assert_no_error (error);
      g_test_message ("%s = %.17g", numbers[i], wick_liquidations_get_buckets (liquidations)[0].long_usd);
      g_assert_cmpfloat (wick_liquidations_get_buckets (liquidations)[0].long_usd, ==, expected);
    }
}

/* A random decimal number as files write them, mostly plain digits with a point, and now and
 * then one that only the careful path reads: long, with an exponent, quoted, spaced, signed. */
static char *
random_number (GRand *rand)
{
  static const char * const odd[] = {
    "1.5e3", "\"12.5\"", " 12.5", "12.5 ", "+12.5", ".5", "5.", "0.000000000000000000001",
    "123456789012345678901234", "9007199254740993", "900719925474099.3", "90071992547409.93",
    "1E-7", "00000000000000000000012.5",
  };
  GString *s = g_string_new (NULL);
  guint n_int, n_frac, k;

  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      g_string_append (s, odd[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd))]);
      break;
    case 1:
      /* Near 2^53, where a mantissa stops being exact. */
      g_string_printf (s, "90071992547409%02d", g_rand_int_range (rand, 80, 100));
      g_string_insert_c (s, g_rand_int_range (rand, 1, s->len + 1), '.');
      break;
    default:
      n_int = g_rand_int_range (rand, 0, 11);
      n_frac = g_rand_int_range (rand, 0, 19);
      for (k = 0; k < n_int || (n_int == 0 && n_frac == 0 && k == 0); k++)
        g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
      if (n_frac > 0 || g_rand_boolean (rand))
        g_string_append_c (s, '.');
      for (k = 0; k < n_frac; k++)
        g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
      break;
    }

  return g_string_free (s, FALSE);
}

/* Rows of random numbers, in every column and at every place on the line, read as strtod reads
 * them: the rows' fast path and the careful one agree with it to the bit. Times of 9 to 17
 * digits, an extra column, CRLF, and a file big enough to be read in halves too. */
static void
test_number_rows (void)
{
  static const struct
  {
    guint    n_rows;
    gboolean has_extra;
    gboolean is_crlf;
    gboolean is_growing;   /* the times grow from 9 digits to 17 */
  } variants[] = {
    { 20000, FALSE, FALSE, FALSE },
    { 20000, TRUE, TRUE, TRUE },
    { 70000, FALSE, FALSE, FALSE },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260126);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      guint n = variants[v].n_rows;
      g_autoptr(GString) text = g_string_new (HEADER);
      g_autofree gint64 *times = g_new (gint64, n);
      g_autofree double *values = g_new (double, n);
      g_autoptr(WickSeries) series = NULL;
      g_autoptr(GError) error = NULL;
      const WickCandle *c;
      gint64 t = variants[v].is_growing ? 123456789 : T0_MS;

      g_string_append (text, variants[v].has_extra ? ",extra" : "");
      g_string_append (text, variants[v].is_crlf ? "\r\n" : "\n");
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *number = NULL;

          /* Prices must be above zero, and finite. */
          do
            {
              g_clear_pointer (&number, g_free);
              number = random_number (rand);
              values[i] = g_ascii_strtod (number, NULL);
            }
          while (!(values[i] > 0.0 && isfinite (values[i])));

          times[i] = t;
          t += variants[v].is_growing ? 1 + t / 1000 : HOUR_MS;
          g_string_append_printf (text, "%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s%s%s", times[i],
                                  number, number, number, number, number,
                                  variants[v].has_extra ? ",7" : "",
                                  variants[v].is_crlf ? "\r\n" : "\n");
        }

      series = wick_csv_parse_candles (text->str, text->len, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wick_series_get_length (series), ==, n);
      c = wick_series_get_candles (series);
      for (guint i = 0; i < n; i++)
        {
          const double fields[] = { c[i].open, c[i].high, c[i].low, c[i].close, c[i].volume };

          g_assert_cmpint (c[i].open_time_ms, ==, times[i]);
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            g_assert_cmpmem (&fields[f], sizeof (double), &values[i], sizeof (double));
        }

      if (variants[v].is_growing)
        g_assert_cmpint (times[n - 1], >, G_GINT64_CONSTANT (10000000000000000));
      if (v == 2)
        g_assert_cmpuint (text->len, >, 4 << 20);
    }
}

static void
test_liquidations (void)
{
  static const char csv[] =
    "open_time_ms,long_liq_usd,short_liq_usd,total_liq_usd\r\n"
    T0 ",0.00,0.00,0.00\r\n"
    T1 ",2137137.59,249169.79,2386307.38\r\n"
    T3 ",100,50,150\r\n";
  static const char no_total[] = T0 ",1,2\n" T1 ",3,4\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  g_autoptr(WickLiquidations) short_form = NULL;
  const WickLiquidationBucket *b;

  liquidations = wick_csv_parse_liquidations (csv, strlen (csv), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wick_liquidations_get_bucket_ms (liquidations), ==, HOUR_MS);
  g_assert_cmpuint (wick_liquidations_get_length (liquidations), ==, 3);
  g_assert_cmpuint (wick_liquidations_get_n_events (liquidations), ==, 0);

  b = wick_liquidations_lookup (liquidations, T0_MS + HOUR_MS);
  g_assert_nonnull (b);
  g_assert_cmpfloat (b->long_usd, ==, 2137137.59);
  g_assert_cmpfloat (b->short_usd, ==, 249169.79);
  g_assert_cmpfloat (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT, T0_MS, T0_MS + 4 * HOUR_MS),
                     ==, 249169.79 + 50);

  short_form = wick_csv_parse_liquidations (no_total, strlen (no_total), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_liquidations_get_length (short_form), ==, 2);
}

static void
test_liquidations_bad (void)
{
  static const struct
  {
    const char  *data;
    WickCsvError code;
    const char  *message;
  } cases[] = {
    { "open_time_ms,long_liq_usd,short_liq_usd,total_liq_usd\n" T0 ",1,2,3\n" T1 ",-4,2,3\n",
      WICK_CSV_ERROR_INVALID_VALUE, "line 3 (2024-01-01T01:00:00Z): long liquidations of -4.00 USD are negative" },
    { T0 ",1,2,3\n" T1 ",4,2\n", WICK_CSV_ERROR_COLUMNS, "line 2: expected 4 columns, found 3" },
    { T0 ",1\n", WICK_CSV_ERROR_COLUMNS, "line 1: expected 3 columns, found 2" },
    { T0 ",1,x\n", WICK_CSV_ERROR_NOT_A_NUMBER, "line 1: “x” is not a number" },
    { T1 ",1,2\n" T0 ",1,2\n", WICK_CSV_ERROR_OUT_OF_ORDER,
      "line 2 (2024-01-01T00:00:00Z): the time is not after the row before it (2024-01-01T01:00:00Z)" },
    { "", WICK_CSV_ERROR_EMPTY, "the file is empty" },
    /* Columns found by name */
    { "short_liq_usd,open_time_ms,long_liq_usd\n" "2," T0 ",x\n", WICK_CSV_ERROR_NOT_A_NUMBER,
      "line 2: “x” is not a number" },
    { "exchange,open_time_ms,long_liq_usd,short_liq_usd\n" "all," T0 ",1\n",
      WICK_CSV_ERROR_COLUMNS, "line 2: expected 4 columns, found 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickLiquidations) liquidations = NULL;

      liquidations = wick_csv_parse_liquidations (cases[i].data, strlen (cases[i].data), 0, &error);
      g_assert_null (liquidations);
      g_assert_error (error, WICK_CSV_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_open_interest (void)
{
  static const char csv[] =
    "open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd,funding_rate_close\n"
    T0 ",8206829667,8258524471,8197246225,8248989576,0.005673\n"
    T1 ",8248989576,8293502178,8229695610,8293200354,-0.007367\n"
    T3 ",7479238718,7481951290,7411790000,7417960409.6382,0.01\n";   /* 02:00 missing */
  static const char bad[] =
    T0 ",1,2,1,2\n" T1 ",1,2,1,-2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WickOpenInterest) oi = NULL;
  const WickOpenInterestPoint *p;

  oi = wick_csv_parse_open_interest (csv, strlen (csv), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wick_open_interest_get_interval_ms (oi), ==, HOUR_MS);
  g_assert_cmpuint (wick_open_interest_get_length (oi), ==, 3);

  p = wick_open_interest_lookup (oi, T0_MS + HOUR_MS);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->open_usd, ==, 8248989576.0);
  g_assert_cmpfloat (p->close_usd, ==, 8293200354.0);
  g_assert_null (wick_open_interest_lookup (oi, T0_MS + 2 * HOUR_MS));
  g_assert_cmpfloat (wick_open_interest_lookup (oi, T0_MS + 3 * HOUR_MS)->close_usd, ==, 7417960409.6382);

  g_clear_object (&oi);
  oi = wick_csv_parse_open_interest (bad, strlen (bad), 0, &error);
  g_assert_null (oi);
  g_assert_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "line 2 (2024-01-01T01:00:00Z): closing open interest of -2.00 USD is negative");
}

/* Liquidation and open-interest columns found by header name */

typedef struct
{
  const char *name;
  const char *data;
  double      first;      /* long liquidations, or opening open interest, of the first row */
  double      second;     /* short liquidations, or closing open interest */
  const char *missing;    /* NULL when it parses, else the column the error names */
} NamedCase;

static const NamedCase liquidation_named_cases[] = {
  { "reordered",
    "short_liq_usd,open_time_ms,long_liq_usd\n" "2," T0 ",1\n" "4," T1 ",3\n", 1, 2, NULL },
  { "extra-columns",
    "exchange,open_time_ms,total_liq_usd,long_liq_usd,note,short_liq_usd\n"
    "all," T0 ",3,1,calm,2\n" "all," T1 ",7,3,,4\n", 1, 2, NULL },
  { "quoted",
    "\"open_time_ms\", \"long_liq_usd\" ,\"short_liq_usd\"\n" T0 ",1,2\n" T1 ",3,4\n", 1, 2, NULL },
  { "no-header", T0 ",1,2,3\n" T1 ",3,4,7\n", 1, 2, NULL },
  { "missing-short",
    "open_time_ms,long_liq_usd,total_liq_usd\n" T0 ",1,2\n", 0, 0, "short_liq_usd" },
  { "missing-time",
    "time,long_liq_usd,short_liq_usd\n" T0 ",1,2\n", 0, 0, "open_time_ms" },
};

static const NamedCase open_interest_named_cases[] = {
  { "reordered",
    "oi_close_usd,open_time_ms,oi_open_usd\n" "20," T0 ",10\n" "40," T1 ",20\n", 10, 20, NULL },
  { "extra-columns",
    "open_time_ms,symbol,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd,funding_rate_close\n"
    T0 ",BTC,10,25,5,20,0.01\n" T1 ",BTC,20,45,15,40,-0.01\n", 10, 20, NULL },
  { "close-only",
    "open_time_ms,funding_rate_close,oi_close_usd\n" T0 ",0.01,20\n" T1 ",0.01,40\n", 20, 20, NULL },
  { "missing-close",
    "open_time_ms,oi_open_usd,oi_high_usd,oi_low_usd\n" T0 ",1,2,1\n", 0, 0, "oi_close_usd" },
  { "missing-time",
    "timestamp,oi_open_usd,oi_high_usd,oi_low_usd,oi_close_usd\n" T0 ",1,2,1,2\n", 0, 0,
    "open_time_ms" },
};

static void
check_named_error (const NamedCase *tc,
                   const GError    *error)
{
  g_autofree char *expected = g_strdup_printf ("the header has no “%s” column", tc->missing);

  g_assert_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_MISSING_COLUMN);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_liquidations_named (gconstpointer data)
{
  const NamedCase *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  const WickLiquidationBucket *b;

  liquidations = wick_csv_parse_liquidations (tc->data, strlen (tc->data), 0, &error);
  if (tc->missing != NULL)
    {
      g_assert_null (liquidations);
      check_named_error (tc, error);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (wick_liquidations_get_length (liquidations), ==, 2);
  b = wick_liquidations_get_buckets (liquidations);
  g_assert_cmpint (b[0].time_ms, ==, T0_MS);
  g_assert_cmpfloat (b[0].long_usd, ==, tc->first);
  g_assert_cmpfloat (b[0].short_usd, ==, tc->second);
  g_assert_cmpfloat (b[1].long_usd, ==, 3);
  g_assert_cmpfloat (b[1].short_usd, ==, 4);
}

static void
test_open_interest_named (gconstpointer data)
{
  const NamedCase *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickOpenInterest) oi = NULL;
  const WickOpenInterestPoint *p;

  oi = wick_csv_parse_open_interest (tc->data, strlen (tc->data), 0, &error);
  if (tc->missing != NULL)
    {
      g_assert_null (oi);
      check_named_error (tc, error);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (wick_open_interest_get_length (oi), ==, 2);
  p = wick_open_interest_lookup (oi, T0_MS);
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->open_usd, ==, tc->first);
  g_assert_cmpfloat (p->close_usd, ==, tc->second);
  g_assert_cmpfloat (wick_open_interest_lookup (oi, T0_MS + HOUR_MS)->close_usd, ==, 40);
}

/* Real data from ../shared/data, when it is there */

static char *
find_shared_file (const char *name)
{
  const char *dir = g_getenv ("WICK_SHARED_DATA");
  g_autofree char *path = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("WICK_SHARED_DATA is not set or not a folder; the real market data is not available");
      return NULL;
    }

  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf ("%s is missing", path);

      g_test_skip (message);
      return NULL;
    }

  return g_steal_pointer (&path);
}

#define JAN_5_MS G_GINT64_CONSTANT (1767571200000)
#define DAY_MS   (24 * HOUR_MS)

static void
test_real_candles (void)
{
  g_autofree char *path = find_shared_file ("binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickSeries) series = NULL;
  const WickCandle *c;
  gsize len;
  guint index;

  if (path == NULL)
    return;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);

  series = wick_csv_parse_candles (contents, len, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (series), ==, 20404);
  g_assert_cmpint (wick_series_get_interval_ms (series), ==, HOUR_MS);
  g_assert_cmpint (wick_series_get_candle (series, 0)->open_time_ms, ==, 1704067200000);
  g_assert_cmpfloat (wick_series_get_candle (series, 0)->open, ==, 42283.58);

  /* Monday 5 Jan 2026: the wick to 91,514.81 in the first hour, the high at 20:00. */
  g_assert_true (wick_series_find (series, JAN_5_MS, &index));
  c = wick_series_get_candle (series, index);
  g_assert_cmpfloat (c->low, ==, 91514.81);
  g_assert_cmpfloat (c->open, ==, 91529.74);
  g_assert_cmpfloat (c->volume, ==, 2061.87264);
  g_assert_true (wick_series_find (series, JAN_5_MS + 20 * HOUR_MS, &index));
  g_assert_cmpfloat (wick_series_get_candle (series, index)->high, ==, 94789.08);
}

static void
test_real_liquidations (void)
{
  g_autofree char *path = find_shared_file ("coinglass-BTC-liquidations-1h-binance-bybit-okx-2025-11-23_2026-05-22.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickLiquidations) liquidations = NULL;
  const WickLiquidationBucket *b;
  guint n;

  if (path == NULL)
    return;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  liquidations = wick_csv_parse_liquidations (contents, strlen (contents), 0, &error);
  g_assert_no_error (error);
  n = wick_liquidations_get_length (liquidations);
  g_assert_cmpuint (n, ==, 4320);
  g_assert_cmpint (wick_liquidations_get_bucket_ms (liquidations), ==, HOUR_MS);

  /* The first and last buckets are partial and zero. */
  b = wick_liquidations_get_buckets (liquidations);
  g_assert_cmpfloat (b[0].long_usd + b[0].short_usd, ==, 0.0);
  g_assert_cmpfloat (b[n - 1].long_usd + b[n - 1].short_usd, ==, 0.0);

  /* BTC on three venues, 5 Jan 2026: $78.4M, of which shorts $69.7M. */
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_SHORT,
                                                         JAN_5_MS, JAN_5_MS + DAY_MS),
                                  69711775.48, 0.01);
  g_assert_cmpfloat_with_epsilon (wick_liquidations_sum (liquidations, WICK_SIDE_LONG,
                                                         JAN_5_MS, JAN_5_MS + DAY_MS),
                                  8699997.81, 0.01);
}

static void
test_real_open_interest (void)
{
  g_autofree char *path = find_shared_file ("coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickOpenInterest) oi = NULL;
  const WickOpenInterestPoint *points;
  guint n;

  if (path == NULL)
    return;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  oi = wick_csv_parse_open_interest (contents, strlen (contents), 0, &error);
  g_assert_no_error (error);
  n = wick_open_interest_get_length (oi);
  g_assert_cmpuint (n, ==, 4312);
  g_assert_cmpint (wick_open_interest_get_interval_ms (oi), ==, HOUR_MS);

  /* Eight hours are missing. */
  points = wick_open_interest_get_points (oi);
  g_assert_cmpint ((points[n - 1].time_ms - points[0].time_ms) / HOUR_MS + 1 - n, ==, 8);

  g_assert_nonnull (wick_open_interest_lookup (oi, JAN_5_MS));
  g_assert_cmpfloat (wick_open_interest_lookup (oi, JAN_5_MS)->close_usd, ==, 9080978144.0);
}

/* @n hourly rows of plain candles, with a header, and where each row starts. */
static GString *
make_big_csv (guint   n,
              gsize  *row_starts)
{
  GString *text = g_string_new ("open_time_ms,open,high,low,close,volume\n");

  for (guint i = 0; i < n; i++)
    {
      row_starts[i] = text->len;
      g_string_append_printf (text, "%" G_GINT64_FORMAT ",%u.25,%u.75,%u.00,%u.50,%u.125\n",
                              G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS,
                              40000 + i % 977, 40001 + i % 977, 39999 + i % 977,
                              40000 + i % 977, 1 + i % 89);
    }

  return text;
}

/* A file of several megabytes is read by two threads, a half each: the rows, their order and
 * the interval are those of one reading, and a problem in the second half, or where the
 * halves meet, is reported with its line as one reading reports it. */
static void
test_halves (void)
{
  const guint n = 120000;
  g_autofree gsize *starts = g_new (gsize, n);
  g_autoptr(GString) text = make_big_csv (n, starts);
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  const WickCandle *c;
  guint middle, n_errors = 0;

  g_assert_cmpuint (text->len, >, 4 << 20);
  series = wick_csv_parse_candles (text->str, text->len, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wick_series_get_length (series), ==, n);
  g_assert_cmpint (wick_series_get_interval_ms (series), ==, HOUR_MS);
  c = wick_series_get_candles (series);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (c[i].open_time_ms, ==, G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS);
      g_assert_cmpfloat (c[i].high, ==, 40001 + i % 977 + 0.75);
      g_assert_cmpfloat (c[i].volume, ==, 1 + i % 89 + 0.125);
    }
  g_clear_object (&series);

  /* A field that is no number, far into the second half: line = row + 2 (the header). */
  text->str[starts[100000] + 15] = 'x';
  series = wick_csv_parse_candles (text->str, text->len, 0, &error);
  g_assert_null (series);
  g_assert_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_NOT_A_NUMBER);
  g_assert_true (g_str_has_prefix (error->message, "line 100002: "));
  g_clear_error (&error);
  text->str[starts[100000] + 15] = '.';

  /* The row just after the middle going back in time, and then one in the first half as
   * well: the earlier problem is the one reported. */
  for (middle = 0; middle + 1 < n && starts[middle + 1] <= text->len / 2; middle++)
    ;
  for (guint k = middle - 2; k < middle + 4; k++)
    {
      g_autoptr(WickSeries) again = NULL;
      char saved = text->str[starts[k] + 5];

      text->str[starts[k] + 5] = '0';   /* an earlier time: 17040 → 17040[0]… */
      again = wick_csv_parse_candles (text->str, text->len, 0, &error);
      text->str[starts[k] + 5] = saved;
      if (again != NULL)
        continue;   /* the digit was a 0 already */
      g_assert_error (error, WICK_CSV_ERROR, WICK_CSV_ERROR_OUT_OF_ORDER);
      g_assert_nonnull (strstr (error->message, "the time is not after the row before it"));
      {
        g_autofree char *line = g_strdup_printf ("line %u ", k + 2);
        g_autofree char *next = g_strdup_printf ("line %u ", k + 3);

        /* Lowered, the row is before the row before it; or, if it still is after that one,
         * the row after it is out of order. */
        g_assert_true (g_str_has_prefix (error->message, line) ||
                       g_str_has_prefix (error->message, next));
      }
      g_clear_error (&error);
      n_errors++;
    }
  g_assert_cmpuint (n_errors, >=, 4);
}

/* @n hourly rows as make_big_csv () writes them, each close padded with @pad (i) zeros, which
 * change the rows' lengths and not their values. */
static GString *
make_padded_csv (guint   n,
                 guint (*pad) (guint i,
                               guint n))
{
  GString *text = g_string_new ("open_time_ms,open,high,low,close,volume\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "%" G_GINT64_FORMAT ",%u.25,%u.75,%u.00,%u.5",
                              G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS,
                              40000 + i % 977, 40001 + i % 977, 39999 + i % 977,
                              40000 + i % 977);
      for (guint k = pad (i, n); k > 0; k--)
        g_string_append_c (text, '0');
      g_string_append_printf (text, ",%u.125\n", 1 + i % 89);
    }

  return text;
}

static guint
pad_first_row (guint i,
               guint n)
{
  return i == 0 ? 60 : 0;
}

static guint
pad_second_half (guint i,
                 guint n)
{
  return i >= n / 2 ? 30 : 0;
}

static guint
pad_first_half (guint i,
                guint n)
{
  return i < n / 2 ? 30 : 0;
}

/* Two threads read a large file into the parts of one array that the first row's length
 * sizes: where the rows turn out shorter than it (so a part has too little room) or longer
 * (too much), the candles are still all there, in order, as one reading gives them. */
static void
test_halves_uneven (void)
{
  guint (*pads[]) (guint, guint) = { pad_first_row, pad_second_half, pad_first_half };
  const guint n = 100000;

  for (guint p = 0; p < G_N_ELEMENTS (pads); p++)
    {
      g_autoptr(GString) text = make_padded_csv (n, pads[p]);
      g_autoptr(GError) error = NULL;
      g_autoptr(WickSeries) series = NULL;
      const WickCandle *c;

      g_assert_cmpuint (text->len, >, 4 << 20);
      series = wick_csv_parse_candles (text->str, text->len, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wick_series_get_length (series), ==, n);
      g_assert_cmpint (wick_series_get_interval_ms (series), ==, HOUR_MS);
      c = wick_series_get_candles (series);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (c[i].open_time_ms, ==,
                           G_GINT64_CONSTANT (1704067200000) + (gint64) i * HOUR_MS);
          g_assert_cmpfloat (c[i].close, ==, 40000 + i % 977 + 0.5);
          g_assert_cmpfloat (c[i].volume, ==, 1 + i % 89 + 0.125);
        }
    }
}

/* About a million rows: the real file repeated with shifted times. Run with -m perf. */
static void
test_perf (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = NULL;
  g_autoptr(WickSeries) series = NULL;
  g_autoptr(GTimer) timer = NULL;
  const char *body;
  const char *end;
  guint copies = 50;
  gint64 shift = 0;
  double best = G_MAXDOUBLE;
  gsize len;

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }

  if ((path = find_shared_file ("binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv")) == NULL)
    return;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  body = strchr (contents, '\n') + 1;   /* rows only */
  end = contents + len;

  big = g_string_sized_new (copies * len + 64);
  g_string_append (big, "open_time_ms,open,high,low,close,volume\n");
  for (guint k = 0; k < copies; k++, shift += 20404 * HOUR_MS)
    {
      for (const char *p = body; p < end;)
        {
          const char *nl = memchr (p, '\n', end - p);
          const char *comma = memchr (p, ',', end - p);
          gint64 t = g_ascii_strtoll (p, NULL, 10) + shift;

          nl = nl != NULL ? nl + 1 : end;
          g_string_append_printf (big, "%" G_GINT64_FORMAT, t);
          g_string_append_len (big, comma, nl - comma);
          p = nl;
        }
    }

  timer = g_timer_new ();
  for (guint run = 0; run < 5; run++)
    {
      g_clear_object (&series);
      g_timer_start (timer);
      series = wick_csv_parse_candles (big->str, big->len, 0, &error);
      g_timer_stop (timer);
      g_assert_no_error (error);
      best = MIN (best, g_timer_elapsed (timer, NULL));
    }

  g_assert_cmpuint (wick_series_get_length (series), ==, copies * 20404);
  g_test_message ("parsed %u rows (%.1f MB) in %.1f ms",
                  wick_series_get_length (series), big->len / 1e6, best * 1000);
  g_test_minimized_result (best, "%.1f ms for %u rows", best * 1000, wick_series_get_length (series));
}

/* WickCsvSource: files on disk through the WickSource interface */

typedef struct
{
  char *dir;
  char *candles;
  char *liquidations;
  char *open_interest;
} SourceFixture;

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
source_fixture_setup (SourceFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("wick-csv-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->candles = write_file (fixture->dir, "ETHUSDT-4h.csv",
                                 HEADER "\n"
                                 T0 ",2300,2310,2290,2305,10\n"
                                 "1704081600000,2305,2320,2300,2315,12\n"
                                 "1704096000000,2315,2330,2310,2312,9\n");
  fixture->liquidations = write_file (fixture->dir, "liquidations.csv",
                                      "open_time_ms,long_liq_usd,short_liq_usd,total_liq_usd\n"
                                      T0 ",100,200,300\n" T1 ",0,50,50\n");
  fixture->open_interest = write_file (fixture->dir, "oi.csv",
                                       T0 ",5,6,4,5.5,0.01\n" T2 ",5.5,6,5,5.25,0.01\n");
}

static void
source_fixture_teardown (SourceFixture *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);

  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->candles, g_free);
  g_clear_pointer (&fixture->liquidations, g_free);
  g_clear_pointer (&fixture->open_interest, g_free);
}

static void
test_source_load (SourceFixture *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(WickSource) source = wick_csv_source_new (fixture->candles, fixture->liquidations,
                                                      fixture->open_interest);
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickMarket) named = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpstr (wick_source_get_name (source), ==, "csv");

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wick_market_get_exchange (market), ==, "CSV");
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "ETHUSDT-4h");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "4h");
  g_assert_cmpstr (wick_market_get_source_label (market), ==, "ETHUSDT-4h.csv");
  g_assert_false (wick_market_get_is_synthetic (market));
  title = wick_market_dup_title (market);
  g_assert_cmpstr (title, ==, "ETHUSDT-4h · 4h · ETHUSDT-4h.csv");

  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (market)), ==, 3);
  g_assert_cmpint (wick_series_get_interval_ms (wick_market_get_series (market)), ==, 4 * HOUR_MS);
  g_assert_cmpuint (wick_liquidations_get_length (wick_market_get_liquidations (market)), ==, 2);
  g_assert_cmpuint (wick_open_interest_get_length (wick_market_get_open_interest (market)), ==, 2);
  g_assert_cmpint (wick_open_interest_get_interval_ms (wick_market_get_open_interest (market)), ==, 2 * HOUR_MS);

  named = wick_source_load (source, "ETHUSDT", "4h", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wick_market_get_symbol (named), ==, "ETHUSDT");
  g_assert_cmpstr (wick_market_get_interval (named), ==, "4h");
}

static void
test_source_candles_only (SourceFixture *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(WickSource) source = wick_csv_source_new (fixture->candles, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (wick_market_get_liquidations (market));
  g_assert_null (wick_market_get_open_interest (market));
}

typedef enum
{
  BREAK_NOTHING,
  BREAK_CANDLES_MISSING,
  BREAK_CANDLES_EMPTY,
  BREAK_LIQUIDATIONS_ROW,
  BREAK_OPEN_INTEREST_MISSING,
} Breakage;

typedef struct
{
  const char *name;
  Breakage    breakage;
  const char *interval;
  GQuark    (*domain) (void);
  int         code;
  const char *message;   /* a part of the message */
} SourceErrorCase;

static const SourceErrorCase source_error_cases[] = {
  { "candles-missing", BREAK_CANDLES_MISSING, NULL, g_io_error_quark, G_IO_ERROR_NOT_FOUND, "nope.csv" },
  { "candles-empty", BREAK_CANDLES_EMPTY, NULL, wick_source_error_quark, WICK_SOURCE_ERROR_EMPTY,
    "empty.csv: the file is empty" },
  { "liquidations-bad-row", BREAK_LIQUIDATIONS_ROW, NULL, wick_source_error_quark, WICK_SOURCE_ERROR_INVALID_DATA,
    "liquidations.csv: line 3: “lots” is not a number" },
  { "open-interest-missing", BREAK_OPEN_INTEREST_MISSING, NULL, g_io_error_quark, G_IO_ERROR_NOT_FOUND,
    "missing-oi.csv" },
  { "other-interval", BREAK_NOTHING, "1h", wick_source_error_quark, WICK_SOURCE_ERROR_UNSUPPORTED,
    "ETHUSDT-4h.csv holds 4h candles, not 1h" },
  { "unknown-interval", BREAK_NOTHING, "7x", wick_source_error_quark, WICK_SOURCE_ERROR_UNSUPPORTED,
    "“7x” is not a known interval" },
};

static void
test_source_errors (SourceFixture *fixture,
                    gconstpointer  user_data)
{
  const SourceErrorCase *tc = user_data;
  g_autofree char *candles = g_strdup (fixture->candles);
  g_autofree char *open_interest = g_strdup (fixture->open_interest);
  g_autoptr(WickSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;

  switch (tc->breakage)
    {
    case BREAK_NOTHING:
      break;

    case BREAK_CANDLES_MISSING:
      g_free (candles);
      candles = g_build_filename (fixture->dir, "nope.csv", NULL);
      break;

    case BREAK_CANDLES_EMPTY:
      g_free (candles);
      candles = write_file (fixture->dir, "empty.csv", "");
      break;

    case BREAK_LIQUIDATIONS_ROW:
      g_free (write_file (fixture->dir, "liquidations.csv",
                          "open_time_ms,long_liq_usd,short_liq_usd\n" T0 ",1,2\n" T1 ",lots,2\n"));
      break;

    case BREAK_OPEN_INTEREST_MISSING:
      g_free (open_interest);
      open_interest = g_build_filename (fixture->dir, "missing-oi.csv", NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  source = wick_csv_source_new (candles, fixture->liquidations, open_interest);
  market = wick_source_load (source, NULL, tc->interval, NULL, &error);
  g_assert_null (market);
  g_assert_error (error, tc->domain (), tc->code);
  g_test_message ("%s: %s", tc->name, error->message);
  g_assert_nonnull (strstr (error->message, tc->message));
}

static void
test_source_real (void)
{
  g_autofree char *candles = find_shared_file ("binance-BTCUSDT-1h-2024-01-01_2026-04-30.csv");
  g_autofree char *liquidations = NULL;
  g_autofree char *open_interest = NULL;
  g_autoptr(WickSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;

  if (candles == NULL ||
      (liquidations = find_shared_file ("coinglass-BTC-liquidations-1h-binance-bybit-okx-2025-11-23_2026-05-22.csv")) == NULL ||
      (open_interest = find_shared_file ("coinglass-BTC-oi-funding-1h-binance-bybit-okx-2025-12-04_2026-06-02.csv")) == NULL)
    return;

  source = wick_csv_source_new (candles, liquidations, open_interest);
  market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wick_market_get_symbol (market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (market), ==, "1h");
  g_assert_cmpuint (wick_series_get_length (wick_market_get_series (market)), ==, 20404);
  g_assert_cmpuint (wick_liquidations_get_length (wick_market_get_liquidations (market)), ==, 4320);
  g_assert_cmpuint (wick_open_interest_get_length (wick_market_get_open_interest (market)), ==, 4312);
}

#define ADD_SOURCE_TEST(path, func, data) \
  g_test_add ((path), SourceFixture, (data), source_fixture_setup, (func), source_fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/csv/candles/good/%s", good_cases[i].name);

      g_test_add_data_func (path, &good_cases[i], test_good);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/csv/candles/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  g_test_add_func ("/wick/csv/candles/not-terminated", test_not_terminated);
  g_test_add_func ("/wick/csv/numbers", test_number_exactness);
  g_test_add_func ("/wick/csv/numbers/rows", test_number_rows);
  g_test_add_func ("/wick/csv/liquidations/good", test_liquidations);
  g_test_add_func ("/wick/csv/liquidations/bad", test_liquidations_bad);
  g_test_add_func ("/wick/csv/open-interest", test_open_interest);
  for (guint i = 0; i < G_N_ELEMENTS (liquidation_named_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/csv/liquidations/by-name/%s",
                                               liquidation_named_cases[i].name);
      g_test_add_data_func (path, &liquidation_named_cases[i], test_liquidations_named);
    }
  for (guint i = 0; i < G_N_ELEMENTS (open_interest_named_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/csv/open-interest/by-name/%s",
                                               open_interest_named_cases[i].name);
      g_test_add_data_func (path, &open_interest_named_cases[i], test_open_interest_named);
    }
  g_test_add_func ("/wick/csv/real/candles", test_real_candles);
  g_test_add_func ("/wick/csv/real/liquidations", test_real_liquidations);
  g_test_add_func ("/wick/csv/real/open-interest", test_real_open_interest);
  g_test_add_func ("/wick/csv/candles/halves", test_halves);
  g_test_add_func ("/wick/csv/candles/halves-uneven", test_halves_uneven);
  g_test_add_func ("/wick/csv/perf/million-rows", test_perf);

  ADD_SOURCE_TEST ("/wick/csv/source/load", test_source_load, NULL);
  ADD_SOURCE_TEST ("/wick/csv/source/candles-only", test_source_candles_only, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (source_error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/csv/source/errors/%s", source_error_cases[i].name);

      ADD_SOURCE_TEST (path, test_source_errors, &source_error_cases[i]);
    }
  g_test_add_func ("/wick/csv/source/real", test_source_real);

  return g_test_run ();
}
