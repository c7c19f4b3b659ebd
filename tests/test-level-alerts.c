/* test-level-alerts.c: which lines a move of the live price crosses, and the sentence for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wick-level-alerts.h"

#include <math.h>

typedef struct
{
  const char *name;
  double      line;
  double      previous;
  double      current;
  gboolean    crossed;
} CrossCase;

static const CrossCase cross_cases[] = {
  { "up-through", 92000, 91990, 92010, TRUE },
  { "down-through", 92000, 92010, 91990, TRUE },
  { "up-onto", 92000, 91990, 92000, TRUE },
  { "down-onto", 92000, 92010, 92000, TRUE },
  /* Arriving on the line was the crossing: leaving it is not another one. */
  { "up-off", 92000, 92000, 92010, FALSE },
  { "down-off", 92000, 92000, 91990, FALSE },
  { "still-on", 92000, 92000, 92000, FALSE },
  { "below", 92000, 91000, 91990, FALSE },
  { "above", 92000, 93000, 92010, FALSE },
  { "no-move", 92000, 91000, 91000, FALSE },
  { "nan-previous", 92000, NAN, 92010, FALSE },
  { "nan-current", 92000, 91990, NAN, FALSE },
  { "infinite", 92000, 91990, INFINITY, FALSE },
};

static void
test_is_crossed (gconstpointer data)
{
  const CrossCase *c = data;

  g_assert_cmpint (wick_level_is_crossed (c->line, c->previous, c->current), ==, c->crossed);
}

static WickLevelStore *
store_with_lines (void)
{
  static const double prices[] = { 91000, 92000, 93000, 94400 };
  WickLevelStore *store = wick_level_store_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    {
      g_autofree char *label = i == 3 ? g_strdup ("Seven-week high") : NULL;

      wick_level_store_add (store, prices[i], label, WICK_LEVEL_ORIGIN_USER, &error);
      g_assert_no_error (error);
    }

  return store;
}

static void
assert_prices (GPtrArray    *levels,
               const double *prices,
               guint         n_prices)
{
  g_assert_cmpuint (levels->len, ==, n_prices);
  for (guint i = 0; i < n_prices; i++)
    g_assert_cmpfloat (((WickLevel *) g_ptr_array_index (levels, i))->price, ==, prices[i]);
}

static void
test_find (void)
{
  static const double rising[] = { 92000, 93000, 94400 };
  static const double falling[] = { 93000, 92000, 91000 };
  static const double only_94400[] = { 94400 };
  g_autoptr(WickLevelStore) store = store_with_lines ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* A jump meets the lines in the order the price passed them. */
  found = wick_level_alerts_find (store, 91500, 95000);
  assert_prices (found, rising, G_N_ELEMENTS (rising));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = wick_level_alerts_find (store, 93500, 90000);
  assert_prices (found, falling, G_N_ELEMENTS (falling));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = wick_level_alerts_find (store, 92100, 92900);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A line whose alert is off is passed by silently; the others still alert. */
  g_assert_true (wick_level_store_set_alert (store, 2, FALSE, &error));
  g_assert_true (wick_level_store_set_alert (store, 3, FALSE, &error));
  g_assert_no_error (error);
  found = wick_level_alerts_find (store, 91500, 95000);
  assert_prices (found, only_94400, G_N_ELEMENTS (only_94400));

  /* What is returned is a copy: the store may change under it. */
  g_assert_cmpstr (((WickLevel *) g_ptr_array_index (found, 0))->label, ==, "Seven-week high");
  g_assert_true (wick_level_store_remove (store, 4, &error));
  g_assert_cmpstr (((WickLevel *) g_ptr_array_index (found, 0))->label, ==, "Seven-week high");
}

static void
test_describe (void)
{
  WickLevel support = { .id = 1, .price = 92000.0 };
  WickLevel labelled = { .id = 2, .price = 94400.0, .label = (char *) "Seven-week high" };
  g_autofree char *down = wick_level_alerts_describe ("BTCUSDT", &support, 92010, 91990);
  g_autofree char *up = wick_level_alerts_describe ("BTCUSDT", &support, 91990, 92010.5);
  g_autofree char *named = wick_level_alerts_describe ("ETHUSDT", &labelled, 94000, 94412.25);

  /* An unlabelled line is what it was to the move: support from above, resistance from below. */
  g_assert_cmpstr (down, ==, "BTCUSDT crossed Support 92,000 at 91,990");
  g_assert_cmpstr (up, ==, "BTCUSDT crossed Resistance 92,000 at 92,010.50");
  g_assert_cmpstr (named, ==, "ETHUSDT crossed Seven-week high (94,400) at 94,412.25");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cross_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wick/level-alerts/is-crossed/%s",
                                               cross_cases[i].name);

      g_test_add_data_func (path, &cross_cases[i], test_is_crossed);
    }
  g_test_add_func ("/wick/level-alerts/find", test_find);
  g_test_add_func ("/wick/level-alerts/describe", test_describe);

  return g_test_run ();
}
