/* test-sample.c: the bundled synthetic market loads and tells the story it was made for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-sample-source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define DAY_MS  (24 * HOUR_MS)

typedef struct
{
  WickMarket       *market;
  WickSeries       *series;          /* Borrowed from market */
  WickLiquidations *liquidations;    /* Borrowed from market */
  WickOpenInterest *open_interest;   /* Borrowed from market */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(GError) error = NULL;

  fixture->market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->market);

  fixture->series = wick_market_get_series (fixture->market);
  fixture->liquidations = wick_market_get_liquidations (fixture->market);
  fixture->open_interest = wick_market_get_open_interest (fixture->market);
  g_assert_nonnull (fixture->series);
  g_assert_nonnull (fixture->liquidations);
  g_assert_nonnull (fixture->open_interest);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->market);
}

/* Helpers over candles opening in [from_ms, to_ms) */

static gint64
utc_ms (int year,
        int month,
        int day,
        int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
get_span (Fixture *fixture,
          gint64   from_ms,
          gint64   to_ms,
          guint   *first,
          guint   *end)
{
  *first = wick_series_lower_bound (fixture->series, from_ms);
  *end = wick_series_lower_bound (fixture->series, to_ms);
  g_assert_cmpuint (*first, <, *end);
}

static double
max_high (Fixture *fixture,
          gint64   from_ms,
          gint64   to_ms)
{
  guint first, end;
  double high;

  get_span (fixture, from_ms, to_ms, &first, &end);
  wick_series_get_price_range (fixture->series, first, end, NULL, &high);

  return high;
}

static double
min_low (Fixture *fixture,
         gint64   from_ms,
         gint64   to_ms)
{
  guint first, end;
  double low;

  get_span (fixture, from_ms, to_ms, &first, &end);
  wick_series_get_price_range (fixture->series, first, end, &low, NULL);

  return low;
}

static double
mean_volume (Fixture *fixture,
             gint64   from_ms,
             gint64   to_ms)
{
  const WickCandle *c = wick_series_get_candles (fixture->series);
  guint first, end;
  double sum = 0.0;

  get_span (fixture, from_ms, to_ms, &first, &end);
  for (guint i = first; i < end; i++)
    sum += c[i].volume;

  return sum / (end - first);
}

static double
mean_range (Fixture *fixture,
            gint64   from_ms,
            gint64   to_ms)
{
  const WickCandle *c = wick_series_get_candles (fixture->series);
  guint first, end;
  double sum = 0.0;

  get_span (fixture, from_ms, to_ms, &first, &end);
  for (guint i = first; i < end; i++)
    sum += c[i].high - c[i].low;

  return sum / (end - first);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_volume (Fixture *fixture,
               gint64   from_ms,
               gint64   to_ms)
{
  const WickCandle *c = wick_series_get_candles (fixture->series);
  g_autofree double *v = NULL;
  guint first, end, n;

  get_span (fixture, from_ms, to_ms, &first, &end);
  n = end - first;
  v = g_new (double, n);
  for (guint i = 0; i < n; i++)
    v[i] = c[first + i].volume;
  qsort (v, n, sizeof (double), compare_doubles);

  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Labels and errors */

static void
test_market (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *title = wick_market_dup_title (fixture->market);

  g_assert_cmpstr (wick_market_get_exchange (fixture->market), ==, "Sample");
  g_assert_cmpstr (wick_market_get_symbol (fixture->market), ==, "BTCUSDT");
  g_assert_cmpstr (wick_market_get_interval (fixture->market), ==, "1h");
  g_assert_cmpstr (wick_market_get_source_label (fixture->market), ==, "Sample data (synthetic)");
  g_assert_true (wick_market_get_is_synthetic (fixture->market));
  g_assert_cmpstr (title, ==, "BTCUSDT · 1h · Sample data (synthetic)");

  g_assert_cmpint (wick_series_get_interval_ms (fixture->series), ==, HOUR_MS);
  g_assert_cmpint (wick_liquidations_get_bucket_ms (fixture->liquidations), ==, HOUR_MS);
  g_assert_cmpint (wick_open_interest_get_interval_ms (fixture->open_interest), ==, HOUR_MS);
}

static void
test_name_and_defaults (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();

  g_assert_true (WICK_IS_SOURCE (source));
  g_assert_cmpstr (wick_source_get_name (source), ==, "sample");
}

static void
test_unsupported (void)
{
  static const struct
  {
    const char *symbol;
    const char *interval;
    const char *mentions;
  } cases[] = {
    { "ETHUSDT", NULL, "ETHUSDT" },
    { NULL, "4h", "4h" },
    { "BTCUSDT", "1d", "1d" },
    { "ETHUSDT", "1m", "ETHUSDT at 1m" },
  };
  g_autoptr(WickSource) source = wick_sample_source_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WickMarket) market = NULL;

      market = wick_source_load (source, cases[i].symbol, cases[i].interval, NULL, &error);
      g_assert_null (market);
      g_assert_error (error, WICK_SOURCE_ERROR, WICK_SOURCE_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "BTCUSDT at 1h"));
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_cancelled (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WickMarket) market = NULL;

  g_cancellable_cancel (cancellable);
  market = wick_source_load (source, NULL, NULL, cancellable, &error);
  g_assert_null (market);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The waypoints the generator pins */

/* W1: 1704 hourly rows in each file, 2025-11-01T00:00Z to 2026-01-10T23:00Z. */
static void
test_w1_shape (Fixture       *fixture,
               gconstpointer  user_data)
{
  const gint64 first = utc_ms (2025, 11, 1, 0);
  const gint64 last = utc_ms (2026, 1, 10, 23);
  const WickCandle *c = wick_series_get_candles (fixture->series);
  const WickLiquidationBucket *b = wick_liquidations_get_buckets (fixture->liquidations);
  const WickOpenInterestPoint *p = wick_open_interest_get_points (fixture->open_interest);

  g_assert_cmpint (first, ==, 1761955200000);
  g_assert_cmpint (last, ==, 1768086000000);

  g_assert_cmpuint (wick_series_get_length (fixture->series), ==, 1704);
  g_assert_cmpuint (wick_liquidations_get_length (fixture->liquidations), ==, 1704);
  g_assert_cmpuint (wick_open_interest_get_length (fixture->open_interest), ==, 1704);

  g_assert_cmpint (c[0].open_time_ms, ==, first);
  g_assert_cmpint (b[0].time_ms, ==, first);
  g_assert_cmpint (p[0].time_ms, ==, first);
  g_assert_cmpint (c[1703].open_time_ms, ==, last);
  g_assert_cmpint (b[1703].time_ms, ==, last);
  g_assert_cmpint (p[1703].time_ms, ==, last);

  for (guint i = 1; i < 1704; i++)
    {
      g_assert_cmpint (c[i].open_time_ms - c[i - 1].open_time_ms, ==, HOUR_MS);
      g_assert_cmpint (b[i].time_ms - b[i - 1].time_ms, ==, HOUR_MS);
      g_assert_cmpint (p[i].time_ms - p[i - 1].time_ms, ==, HOUR_MS);
    }
}

/* W2: a high near 95,000 in mid-November. */
static void
test_w2_november_high (Fixture       *fixture,
                       gconstpointer  user_data)
{
  double high = max_high (fixture, utc_ms (2025, 11, 10, 0), utc_ms (2025, 11, 18, 0));

  g_test_message ("max high 2025-11-10 to 11-17: %.2f", high);
  g_assert_cmpfloat (high, >=, 94800.0);
  g_assert_cmpfloat (high, <=, 95400.0);
}

/* W3: lower highs after it, all under 94,000 until the rally. */
static void
test_w3_lower_highs (Fixture       *fixture,
                     gconstpointer  user_data)
{
  double high = max_high (fixture, utc_ms (2025, 11, 18, 0), utc_ms (2026, 1, 6, 0));

  g_test_message ("max high 2025-11-18 to 2026-01-05: %.2f", high);
  g_assert_cmpfloat (high, <, 94000.0);
}

/* W4: 92,000 holds as support in late December and is tested at least twice. */
static void
test_w4_support (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const WickCandle *c = wick_series_get_candles (fixture->series);
  gint64 first_test = -1;
  gint64 last_test = -1;
  guint first, end;

  get_span (fixture, utc_ms (2025, 12, 20, 0), utc_ms (2026, 1, 5, 0), &first, &end);

  for (guint i = first; i < end; i++)
    {
      if (c[i].close < 92000.0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (c[i].open_time_ms / 1000);
          g_autofree char *when = g_date_time_format_iso8601 (dt);

          g_test_message ("close %.2f below 92,000 at %s", c[i].close, when);
        }
      g_assert_cmpfloat (c[i].close, >=, 92000.0);

      if (c[i].low <= 92150.0)
        {
          if (first_test < 0)
            first_test = c[i].open_time_ms;
          last_test = c[i].open_time_ms;
        }
    }

  g_assert_cmpint (first_test, >=, 0);
  g_test_message ("support tests from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " (%.1f h apart)",
                  first_test, last_test, (double) (last_test - first_test) / HOUR_MS);
  g_assert_cmpint (last_test - first_test, >=, DAY_MS);
}

/* W5: Monday 5 Jan, the cascade: a wick to 91,540 that closes back above 92,000. */
static void
test_w5_cascade (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const gint64 jan5 = utc_ms (2026, 1, 5, 0);
  const WickCandle *c = wick_series_get_candles (fixture->series);
  guint n = wick_series_get_length (fixture->series);
  double file_max_volume = wick_series_get_max_volume (fixture->series, 0, n);
  double total;
  gboolean have_window = FALSE;
  gboolean window_ok = FALSE;
  guint first, end, low_index;

  /* The low of the day and its hour. */
  get_span (fixture, jan5, jan5 + DAY_MS, &first, &end);
  g_assert_cmpuint (end - first, ==, 24);
  low_index = first;
  for (guint i = first; i < end; i++)
    {
      if (c[i].low < c[low_index].low)
        low_index = i;
    }
  g_test_message ("Jan 5 low %.2f at hour %u, close %.2f",
                  c[low_index].low, low_index - first, c[low_index].close);
  g_assert_cmpfloat (c[low_index].low, ==, 91540.00);
  g_assert_cmpfloat (c[low_index].close, >, 92000.0);

  /* About $440M of long liquidations. */
  total = wick_liquidations_sum (fixture->liquidations, WICK_SIDE_LONG, jan5, jan5 + DAY_MS);
  g_test_message ("Jan 5 long liquidations %.0f", total);
  g_assert_cmpfloat (total, >=, 400e6);
  g_assert_cmpfloat (total, <=, 480e6);

  /* Most of it within at most four consecutive hours, while open interest falls at least 5 %
   * and volume peaks for the whole file. Any such window of the day will do. */
  for (guint len = 1; len <= 4 && !window_ok; len++)
    {
      for (gint64 start = jan5; start + (gint64) len * HOUR_MS <= jan5 + DAY_MS && !window_ok; start += HOUR_MS)
        {
          gint64 stop = start + len * HOUR_MS;
          double in_window = wick_liquidations_sum (fixture->liquidations, WICK_SIDE_LONG, start, stop);
          const WickOpenInterestPoint *before;
          const WickOpenInterestPoint *after;
          guint wfirst, wend;
          double drop, volume;

          if (in_window < 0.8 * total)
            continue;

          have_window = TRUE;
          before = wick_open_interest_lookup (fixture->open_interest, start - HOUR_MS);
          after = wick_open_interest_lookup (fixture->open_interest, stop - HOUR_MS);
          g_assert_nonnull (before);
          g_assert_nonnull (after);
          drop = (before->close_usd - after->close_usd) / before->close_usd;

          get_span (fixture, start, stop, &wfirst, &wend);
          volume = wick_series_get_max_volume (fixture->series, wfirst, wend);

          g_test_message ("window %u h from hour %d: %.0f%% of longs, OI -%.1f%%, max volume %.1f (file %.1f)",
                          len, (int) ((start - jan5) / HOUR_MS), 100 * in_window / total,
                          100 * drop, volume, file_max_volume);

          window_ok = drop >= 0.05 && volume >= file_max_volume;
        }
    }

  g_assert_true (have_window);
  g_assert_true (window_ok);
}

/* W6: Tuesday 6 Jan, a V-shaped rally of about 3 % on rising volume to a seven-week high. */
static void
test_w6_rally (Fixture       *fixture,
               gconstpointer  user_data)
{
  const gint64 jan6 = utc_ms (2026, 1, 6, 0);
  double high6 = max_high (fixture, jan6, jan6 + DAY_MS);
  double before = max_high (fixture, utc_ms (2025, 11, 18, 0), jan6);
  double low5 = min_low (fixture, jan6 - DAY_MS, jan6);
  double volume6 = mean_volume (fixture, jan6, jan6 + DAY_MS);
  double quiet = median_volume (fixture, utc_ms (2025, 12, 29, 0), utc_ms (2026, 1, 5, 0));

  g_test_message ("Jan 6 high %.2f, earlier high %.2f, Jan 5 low %.2f (x%.4f), volume %.1f vs median %.1f",
                  high6, before, low5, high6 / low5, volume6, quiet);
  g_assert_cmpfloat (high6, >=, 94300.0);
  g_assert_cmpfloat (high6, <=, 94500.0);
  g_assert_cmpfloat (high6, >, before);
  g_assert_cmpfloat (high6 / low5, >=, 1.03);
  g_assert_cmpfloat (volume6, >=, 1.3 * quiet);
}

/* W7: Wednesday 7 Jan, a pullback that holds above 93,000: a higher low. */
static void
test_w7_higher_low (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const gint64 jan7 = utc_ms (2026, 1, 7, 0);
  double low7 = min_low (fixture, jan7, jan7 + DAY_MS);
  double high6 = max_high (fixture, jan7 - DAY_MS, jan7);

  g_test_message ("Jan 7 low %.2f, Jan 6 high %.2f", low7, high6);
  g_assert_cmpfloat (low7, >, 93000.0);
  g_assert_cmpfloat (low7, <=, high6 * (1.0 - 0.006));
}

/* W8: quieter days after. */
static void
test_w8_quiet (Fixture       *fixture,
               gconstpointer  user_data)
{
  double after = mean_range (fixture, utc_ms (2026, 1, 8, 0), utc_ms (2026, 1, 11, 0));
  double event = mean_range (fixture, utc_ms (2026, 1, 5, 0), utc_ms (2026, 1, 7, 0));

  g_test_message ("mean hourly range Jan 8-10 %.2f, Jan 5-6 %.2f", after, event);
  g_assert_cmpfloat (after, <, 0.7 * event);
}

/* WickMarket on its own */

static void
test_market_intervals (void)
{
  static const struct
  {
    const char *name;
    gint64      ms;
  } known[] = {
    { "1m", 60000 }, { "3m", 180000 }, { "5m", 300000 }, { "15m", 900000 },
    { "30m", 1800000 }, { "1h", 3600000 }, { "2h", 7200000 }, { "4h", 14400000 },
    { "6h", 21600000 }, { "12h", 43200000 }, { "1d", 86400000 }, { "1w", 604800000 },
  };
  static const struct
  {
    gint64      ms;
    const char *name;
  } other[] = {
    { 90000, "90s" }, { 420000, "7m" }, { 3 * DAY_MS, "3d" }, { 1500, "1500ms" }, { 2 * 7 * DAY_MS, "2w" },
  };
  static const char * const unknown[] = { "", "1H", "60m", "1M", "h", "1 h", "1hh", "7x" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *name = wick_interval_format_ms (known[i].ms);

      g_assert_cmpint (wick_interval_parse_ms (known[i].name), ==, known[i].ms);
      g_assert_cmpstr (name, ==, known[i].name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *name = wick_interval_format_ms (other[i].ms);

      g_assert_cmpstr (name, ==, other[i].name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_cmpint (wick_interval_parse_ms (unknown[i]), ==, 0);
  g_assert_cmpint (wick_interval_parse_ms (NULL), ==, 0);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_market_properties (void)
{
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(WickLiquidations) liquidations = wick_liquidations_new (HOUR_MS);
  g_autoptr(WickMarket) market = wick_market_new ("Binance", "BTCUSDT", "1h", series);
  g_autofree char *title = NULL;
  g_autofree char *labelled = NULL;
  guint n_notify = 0;

  g_signal_connect (market, "notify", G_CALLBACK (on_notify_cb), &n_notify);

  /* Without a label the exchange names the source. */
  title = wick_market_dup_title (market);
  g_assert_cmpstr (title, ==, "BTCUSDT · 1h · Binance");
  g_assert_true (wick_market_get_series (market) == series);
  g_assert_null (wick_market_get_liquidations (market));
  g_assert_null (wick_market_get_open_interest (market));
  g_assert_false (wick_market_get_is_synthetic (market));

  wick_market_set_source_label (market, "Binance Spot");
  wick_market_set_source_label (market, "Binance Spot");
  g_assert_cmpuint (n_notify, ==, 1);
  labelled = wick_market_dup_title (market);
  g_assert_cmpstr (labelled, ==, "BTCUSDT · 1h · Binance Spot");

  wick_market_set_liquidations (market, liquidations);
  wick_market_set_liquidations (market, liquidations);
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_true (wick_market_get_liquidations (market) == liquidations);

  wick_market_set_is_synthetic (market, TRUE);
  wick_market_set_is_synthetic (market, TRUE);
  g_assert_cmpuint (n_notify, ==, 3);

  wick_market_set_liquidations (market, NULL);
  g_assert_cmpuint (n_notify, ==, 4);
  g_assert_null (wick_market_get_liquidations (market));
}

#define ADD_FIXTURE_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/market/intervals", test_market_intervals);
  g_test_add_func ("/wick/market/properties", test_market_properties);
  g_test_add_func ("/wick/sample/name", test_name_and_defaults);
  g_test_add_func ("/wick/sample/unsupported", test_unsupported);
  g_test_add_func ("/wick/sample/cancelled", test_cancelled);
  ADD_FIXTURE_TEST ("/wick/sample/market", test_market);
  ADD_FIXTURE_TEST ("/wick/sample/w1-shape", test_w1_shape);
  ADD_FIXTURE_TEST ("/wick/sample/w2-november-high", test_w2_november_high);
  ADD_FIXTURE_TEST ("/wick/sample/w3-lower-highs", test_w3_lower_highs);
  ADD_FIXTURE_TEST ("/wick/sample/w4-support", test_w4_support);
  ADD_FIXTURE_TEST ("/wick/sample/w5-cascade", test_w5_cascade);
  ADD_FIXTURE_TEST ("/wick/sample/w6-rally", test_w6_rally);
  ADD_FIXTURE_TEST ("/wick/sample/w7-higher-low", test_w7_higher_low);
  ADD_FIXTURE_TEST ("/wick/sample/w8-quiet", test_w8_quiet);

  return g_test_run ();
}
