/* test-signals-help.c: the “How Signals Work” texts explain every kind with the numbers the
 * analysis uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wick-heatmap-model.h"
#include "wick-signals-help.h"

/* The numbers written in @text, as "%g" would print them ("25", "0.1", "61.8"). */
static GPtrArray *
dup_numbers (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[0-9]+(\\.[0-9]+)?", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (numbers, g_match_info_fetch (match, 0));
      g_match_info_next (match, NULL);
    }

  return numbers;
}

static void
assert_quotes (const char *text,
               double      value)
{
  g_autoptr(GPtrArray) numbers = dup_numbers (text);
  char wanted[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (wanted, sizeof wanted, "%g", value);
  if (!g_ptr_array_find_with_equal_func (numbers, wanted, g_str_equal, NULL))
    g_error ("“%s” does not say %s", text, wanted);
}

static void
test_signals_help_every_kind (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int kind = 0; kind < WICK_N_SIGNAL_KINDS; kind++)
    {
      const char *text = wick_signals_help_get_explanation (kind);

      g_assert_nonnull (text);
      /* Two or three sentences, not a name. */
      g_assert_cmpuint (strlen (text), >, 100);
      g_assert_nonnull (strchr (text, '.'));
      g_assert_cmpstr (text, !=, wick_signal_kind_get_label (kind));
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
    }

  g_assert_cmpuint (strlen (wick_signals_help_get_introduction ()), >, 100);
  g_assert_cmpuint (strlen (wick_signals_help_get_heatmap_explanation ()), >, 100);

  if (g_test_undefined ())
    {
      g_test_expect_message ("wick-signals-help", G_LOG_LEVEL_CRITICAL, "*kind < WICK_N_SIGNAL_KINDS*");
      g_assert_null (wick_signals_help_get_explanation (WICK_N_SIGNAL_KINDS));
      g_test_assert_expected_messages ();
    }
}

/* Each paragraph quotes the thresholds that wick_signal_params_init () sets: change one
 * there and its sentence must follow. */
static void
test_signals_help_numbers (void)
{
  WickSignalParams params;
  const char *text;

  wick_signal_params_init (&params);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_LIQUIDATION_CASCADE);
  assert_quotes (text, params.cascade_floor_usd / 1e6);
  assert_quotes (text, params.cascade_z);
  assert_quotes (text, params.baseline_bars);
  assert_quotes (text, params.cascade_share * 100);
  assert_quotes (text, params.cascade_move_atr);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_CAPITULATION_VOLUME);
  assert_quotes (text, params.capitulation_low_bars);
  assert_quotes (text, params.capitulation_volume);
  assert_quotes (text, params.capitulation_z);
  assert_quotes (text, params.capitulation_range_atr);
  assert_quotes (text, params.capitulation_near_bars + 1);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_SUPPORT_TEST);
  assert_quotes (text, params.spring_atr);
  assert_quotes (text, params.spring_close_bars);
  assert_quotes (text, params.spring_stop_atr);
  assert_quotes (text, params.probe_bars);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_V_RECOVERY);
  assert_quotes (text, params.v_high_bars);
  assert_quotes (text, params.v_drop * 100);
  assert_quotes (text, params.v_drop_atr);
  assert_quotes (text, params.v_drop * 100 / 2);
  assert_quotes (text, params.v_max_bars);
  assert_quotes (text, params.v_rally * 100);
  assert_quotes (text, params.v_retrace * 100);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_HIGHER_LOW);
  assert_quotes (text, params.swing_bars);
  assert_quotes (text, params.swing_leg_atr);
  assert_quotes (text, params.higher_low_atr);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_BREAKOUT);
  assert_quotes (text, params.n_week_min);
  assert_quotes (text, params.breakout_margin * 100);
  assert_quotes (text, params.breakout_margin_atr);
  assert_quotes (text, params.breakout_volume);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_FAILED_BREAKOUT);
  assert_quotes (text, params.failed_breakout_bars);

  assert_quotes (wick_signals_help_get_explanation (WICK_SIGNAL_N_WEEK_HIGH), params.n_week_min);
  assert_quotes (wick_signals_help_get_explanation (WICK_SIGNAL_N_WEEK_LOW), params.n_week_min);

  text = wick_signals_help_get_explanation (WICK_SIGNAL_RSI_DIVERGENCE);
  assert_quotes (text, params.divergence_bars);
  assert_quotes (text, params.divergence_min_bars);
  assert_quotes (text, params.divergence_max_bars);

  assert_quotes (wick_signals_help_get_explanation (WICK_SIGNAL_REVERSAL_CANDLE),
                 params.touch_atr);
}

/* The heatmap paragraph names the default tiers, their weights and the margin rate, and its
 * two examples are what the liquidation formula gives, to the nearest 10. */
static void
test_signals_help_heatmap (void)
{
  const char *text = wick_signals_help_get_heatmap_explanation ();
  /* "83,130" reads as 83130 without its separator. */
  g_auto(GStrv) pieces = g_strsplit (text, ",", -1);
  g_autofree char *plain = g_strjoinv ("", pieces);
  WickHeatmapConfig config;
  const double examples[] = { 10, 100 };

  wick_heatmap_config_init (&config);
  for (guint t = 0; t < config.n_tiers; t++)
    {
      assert_quotes (text, config.tiers[t].leverage);
      assert_quotes (text, round (config.tiers[t].weight * 100));
    }
  assert_quotes (text, config.maintenance_margin_rate * 100);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      double price = wick_heatmap_liquidation_price (92000, examples[i],
                                                     config.maintenance_margin_rate,
                                                     WICK_SIDE_LONG);

      assert_quotes (plain, round (price / 10) * 10);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wick/signals-help/every-kind", test_signals_help_every_kind);
  g_test_add_func ("/wick/signals-help/numbers", test_signals_help_numbers);
  g_test_add_func ("/wick/signals-help/heatmap", test_signals_help_heatmap);

  return g_test_run ();
}
