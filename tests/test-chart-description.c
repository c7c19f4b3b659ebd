/* test-chart-description.c: the sentences a screen reader hears for the chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "wick-chart-description.h"
#include "wick-sample-source.h"

#define HOUR_MS G_GINT64_CONSTANT (3600000)
#define JAN_5_MS G_GINT64_CONSTANT (1767571200000)  /* 2026-01-05 00:00 UTC */

typedef struct
{
  WickMarket     *market;
  WickLevelStore *levels;
  WickViewport   *viewport;
  WickScene       scene;
} Fixture;

/* Six hourly candles from Monday 5 January 2026 00:00 UTC, from an open of 92,000 to a close
 * of 93,840: two per cent up. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const double closes[] = { 92500, 92300, 92900, 93400, 93100, 93840 };
  g_autoptr(WickSeries) series = wick_series_new (HOUR_MS);
  g_autoptr(GError) error = NULL;
  WickCandle candles[G_N_ELEMENTS (closes)];
  double open = 92000;

  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    {
      candles[i].open_time_ms = JAN_5_MS + i * HOUR_MS;
      candles[i].open = open;
      candles[i].close = closes[i];
      candles[i].high = MAX (open, closes[i]) + 50;
      candles[i].low = MIN (open, closes[i]) - 50;
      candles[i].volume = 100 + i;
      open = closes[i];
    }
  g_assert_true (wick_series_append (series, candles, G_N_ELEMENTS (candles), &error));
  g_assert_no_error (error);

  fixture->market = wick_market_new ("Binance", "BTCUSDT", "1h", series);
  fixture->levels = wick_level_store_new ();
  fixture->viewport = wick_viewport_new ();
  wick_viewport_set_size (fixture->viewport, 800, 600);
  wick_viewport_set_time_range (fixture->viewport, JAN_5_MS, JAN_5_MS + 6 * HOUR_MS);

  wick_scene_init (&fixture->scene, fixture->market, NULL);
  fixture->scene.levels = fixture->levels;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->viewport);
  g_assert_finalize_object (fixture->levels);
  g_assert_finalize_object (fixture->market);
}

static guint32
add_level (Fixture    *fixture,
           double      price,
           const char *label)
{
  g_autoptr(GError) error = NULL;
  guint32 id;

  id = wick_level_store_add (fixture->levels, price, label, WICK_LEVEL_ORIGIN_USER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (id, >, 0);

  return id;
}

static void
assert_description (Fixture    *fixture,
                    const char *expected)
{
  g_autofree char *text = wick_chart_description_build (&fixture->scene, fixture->viewport);

  g_assert_cmpstr (text, ==, expected);
}

/* Market, candles in view, last price and its change, and the lines on either side. */
static void
test_description_whole_view (Fixture       *fixture,
                             gconstpointer  user_data)
{
  guint32 far = add_level (fixture, 96000, "Far");
  guint32 resistance = add_level (fixture, 94400, "Resistance 94.4k");
  guint32 support;

  add_level (fixture, 90000, NULL);
  support = add_level (fixture, 92000, "Support 92k");

  assert_description (fixture,
                      "BTCUSDT, 1h candles, from Binance. "
                      "6 candles in view, from Mon 5 Jan 2026 00:00 UTC to Mon 5 Jan 2026 "
                      "05:00 UTC. "
                      "Last price 93,840, up 2.00 % over the view. "
                      "Nearest line above: 94,400, “Resistance 94.4k”. "
                      "Nearest line below: 92,000, “Support 92k”.");

  /* The source's own label names it when it has one; a line without a label is its price;
   * with none on one side, that is said. */
  wick_market_set_source_label (fixture->market, "Sample data (synthetic)");
  g_assert_true (wick_level_store_remove (fixture->levels, far, NULL));
  g_assert_true (wick_level_store_remove (fixture->levels, resistance, NULL));
  g_assert_true (wick_level_store_remove (fixture->levels, support, NULL));
  assert_description (fixture,
                      "BTCUSDT, 1h candles, from Sample data (synthetic). "
                      "6 candles in view, from Mon 5 Jan 2026 00:00 UTC to Mon 5 Jan 2026 "
                      "05:00 UTC. "
                      "Last price 93,840, up 2.00 % over the view. "
                      "No line above it. "
                      "Nearest line below: 90,000.");
}

/* Another view, another range, price and change. */
static void
test_description_viewport_changes (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *before = wick_chart_description_build (&fixture->scene, fixture->viewport);
  g_autofree char *after = NULL;

  /* Candles 2 and 3: from the open of 92,300 to the close of 93,400. Half a candle more on the
   * right shows no further candle. */
  wick_viewport_set_time_range (fixture->viewport, JAN_5_MS + 2 * HOUR_MS,
                                JAN_5_MS + 3.5 * HOUR_MS);
  after = wick_chart_description_build (&fixture->scene, fixture->viewport);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (after, ==,
                   "BTCUSDT, 1h candles, from Binance. "
                   "2 candles in view, from Mon 5 Jan 2026 02:00 UTC to Mon 5 Jan 2026 03:00 UTC. "
                   "Last price 93,400, up 1.19 % over the view. "
                   "No price lines.");

  /* Candle 4 alone, a fall from 93,400 to 93,100. */
  wick_viewport_set_time_range (fixture->viewport, JAN_5_MS + 3.5 * HOUR_MS,
                                JAN_5_MS + 4.5 * HOUR_MS);
  assert_description (fixture,
                      "BTCUSDT, 1h candles, from Binance. "
                      "One candle in view, at Mon 5 Jan 2026 04:00 UTC. "
                      "Last price 93,100, down 0.32 % over the view. "
                      "No price lines.");
}

/* Times follow the chart's time zone. */
static void
test_description_time_zone (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (JAN_5_MS / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (first, zone);
  g_autofree char *abbreviation = g_date_time_format (local, "%Z");
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  fixture->scene.time_zone = zone;
  text = wick_chart_description_build (&fixture->scene, fixture->viewport);
  expected = g_strdup_printf ("6 candles in view, from Mon 5 Jan 2026 02:00 %s to Mon 5 Jan "
                              "2026 07:00 %s.", abbreviation, abbreviation);
  g_assert_nonnull (strstr (text, expected));
  fixture->scene.time_zone = NULL;
}

/* Nothing to describe is said plainly. */
static void
test_description_empty (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(WickSeries) empty_series = wick_series_new (HOUR_MS);
  g_autoptr(WickMarket) empty = wick_market_new ("OKX", "ETHUSDT", "4h", empty_series);
  WickScene scene;

  wick_scene_init (&scene, NULL, NULL);
  {
    g_autofree char *text = wick_chart_description_build (&scene, fixture->viewport);

    g_assert_cmpstr (text, ==, "No market is loaded.");
  }

  wick_scene_init (&scene, empty, NULL);
  {
    g_autofree char *text = wick_chart_description_build (&scene, fixture->viewport);

    g_assert_cmpstr (text, ==,
                     "ETHUSDT, 4h candles, from OKX. "
                     "No candles in view, from Mon 5 Jan 2026 00:00 UTC to Mon 5 Jan 2026 "
                     "06:00 UTC.");
  }

  /* A view past the data. */
  wick_viewport_set_time_range (fixture->viewport, JAN_5_MS + 24 * HOUR_MS,
                                JAN_5_MS + 30 * HOUR_MS);
  assert_description (fixture,
                      "BTCUSDT, 1h candles, from Binance. "
                      "No candles in view, from Tue 6 Jan 2026 00:00 UTC to Tue 6 Jan 2026 "
                      "06:00 UTC.");
}

/* The sample's signals: the newest in view, the strongest of those at one candle. */
static void
test_description_signals (void)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(WickMarket) market = NULL;
  g_autoptr(WickSignalsSnapshot) snapshot = NULL;
  g_autoptr(WickSignals) signals = NULL;
  g_autoptr(WickViewport) viewport = wick_viewport_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  WickScene scene;

  market = wick_source_load (source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  snapshot = wick_signals_snapshot_new_for_market (market);
  signals = wick_signals_analyze (snapshot, NULL, NULL, &error);
  g_assert_no_error (error);

  wick_scene_init (&scene, market, NULL);
  scene.signals = signals;
  wick_viewport_set_size (viewport, 800, 600);

  /* Up to the hour of the 91,540 low: the support test, the cascade and the capitulation are
   * all on it; the support test is the strongest. */
  wick_viewport_set_time_range (viewport, JAN_5_MS, JAN_5_MS + 14.5 * HOUR_MS);
  text = wick_chart_description_build (&scene, viewport);
  g_assert_true (g_str_has_suffix (text, " No price lines. Latest signal in view: Support test "
                                         "at 91,540, Mon 5 Jan 2026 14:00 UTC."));
  g_clear_pointer (&text, g_free);

  /* Three hours earlier: the bullish engulfing of 11:00 beats the weaker support test there. */
  wick_viewport_set_time_range (viewport, JAN_5_MS, JAN_5_MS + 13.5 * HOUR_MS);
  text = wick_chart_description_build (&scene, viewport);
  g_assert_true (g_str_has_suffix (text, " Latest signal in view: Reversal candle at 92,127.17, "
                                         "Mon 5 Jan 2026 11:00 UTC."));
  g_clear_pointer (&text, g_free);

  /* A quiet stretch in November. */
  wick_viewport_set_time_range (viewport, JAN_5_MS - 1200 * HOUR_MS,
                                JAN_5_MS - 1199 * HOUR_MS);
  text = wick_chart_description_build (&scene, viewport);
  g_assert_true (g_str_has_suffix (text, " No signals in view."));
}

#define TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* The expected sentences are English with the exchanges' digit grouping. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  TEST ("/wick/chart-description/whole-view", test_description_whole_view);
  TEST ("/wick/chart-description/viewport-changes", test_description_viewport_changes);
  TEST ("/wick/chart-description/time-zone", test_description_time_zone);
  TEST ("/wick/chart-description/empty", test_description_empty);
  g_test_add_func ("/wick/chart-description/signals", test_description_signals);

  return g_test_run ();
}
