/* test-chart-state.c: what the chart keeps when a new analysis of its market arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wick-chart-state.h"
#include "wick-sample-source.h"
#include "wick-viewport.h"

#include "test-signals-prefix.h"

typedef struct
{
  WickChartState *state;
  WickMarket     *market;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WickSource) source = wick_sample_source_new ();
  g_autoptr(GError) error = NULL;

  fixture->market = wick_source_load (source, "BTCUSDT", "1h", NULL, &error);
  g_assert_no_error (error);
  fixture->state = wick_chart_state_new ();
  wick_viewport_set_size (wick_chart_state_get_viewport (fixture->state), 1000, 600);
  g_assert_true (wick_chart_state_set_market (fixture->state, fixture->market));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->market);
}

/* The index of the signal confirmed last, and the candle confirming it. */
static guint
find_last_confirmed (WickSignals *signals,
                     guint       *confirmed_index)
{
  guint last = 0;

  for (guint i = 1; i < wick_signals_get_n_signals (signals); i++)
    if (wick_signals_get_signal (signals, i)->confirmed_index >
        wick_signals_get_signal (signals, last)->confirmed_index)
      last = i;

  *confirmed_index = wick_signals_get_signal (signals, last)->confirmed_index;
  return last;
}

/* A live re-analysis that finds the selected signal again keeps it selected, and the view
 * where it is; one that does not find it clears the selection. */
static void
test_selection_survives_reanalysis (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(WickSignals) all = test_signals_analyze_prefix (fixture->market, G_MAXUINT);
  g_autoptr(WickSignals) again = test_signals_analyze_prefix (fixture->market, G_MAXUINT);
  g_autoptr(WickSignals) fewer = NULL;
  WickViewport *viewport = wick_chart_state_get_viewport (fixture->state);
  double from_ms, to_ms, from_after, to_after;
  guint confirmed_index, last, kept;
  int selected;

  wick_chart_state_set_signals (fixture->state, all);
  last = find_last_confirmed (all, &confirmed_index);
  fewer = test_signals_analyze_prefix (fixture->market, confirmed_index);
  g_assert_cmpuint (wick_signals_get_n_signals (fewer), <, wick_signals_get_n_signals (all));

  kept = wick_signals_get_n_signals (fewer) / 2;
  wick_chart_state_select_signal (fixture->state, (int) kept);
  wick_viewport_get_time_range (viewport, &from_ms, &to_ms);

  wick_chart_state_set_signals (fixture->state, again);
  g_assert_cmpint (wick_chart_state_get_selected_signal (fixture->state), ==, (int) kept);

  wick_chart_state_set_signals (fixture->state, fewer);
  selected = wick_chart_state_get_selected_signal (fixture->state);
  g_assert_cmpint (selected, >=, 0);
  g_assert_true (wick_signal_is_same (wick_signals_get_signal (fewer, selected),
                                      wick_signals_get_signal (all, kept)));
  wick_viewport_get_time_range (viewport, &from_after, &to_after);
  g_assert_cmpfloat (from_after, ==, from_ms);
  g_assert_cmpfloat (to_after, ==, to_ms);

  /* The signal confirmed last is not in the shorter analysis. */
  wick_chart_state_set_signals (fixture->state, all);
  wick_chart_state_select_signal (fixture->state, (int) last);
  wick_chart_state_set_signals (fixture->state, fewer);
  g_assert_cmpint (wick_chart_state_get_selected_signal (fixture->state), ==, -1);
}

/* Signals that differ only in their pattern are not the same signal. */
static void
test_same_signal (Fixture       *fixture,
                  gconstpointer  data)
{
  WickSignal a = { .kind = WICK_SIGNAL_REVERSAL_CANDLE, .direction = WICK_SIGNAL_BULLISH,
                   .time_ms = 1000, .price = 92000.0, .level = NAN, .pattern = 1 };
  WickSignal b = a;

  g_assert_true (wick_signal_is_same (&a, &b));
  b.strength = 0.9;
  b.explanation = "worded otherwise";
  g_assert_true (wick_signal_is_same (&a, &b));
  b.pattern = 2;
  g_assert_false (wick_signal_is_same (&a, &b));
  b = a;
  b.level = 91500.0;
  g_assert_false (wick_signal_is_same (&a, &b));
  b = a;
  b.time_ms += 3600000;
  g_assert_false (wick_signal_is_same (&a, &b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/wick/chart-state/selection-survives-reanalysis", Fixture, NULL,
              fixture_set_up, test_selection_survives_reanalysis, fixture_tear_down);
  g_test_add ("/wick/chart-state/same-signal", Fixture, NULL,
              fixture_set_up, test_same_signal, fixture_tear_down);

  return g_test_run ();
}
