/* wick-level-alerts.c: which price lines a move of the live price crossed, and how to say so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-level-alerts"

#include "config.h"

#include "wick-level-alerts.h"

#include "wick-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/**
 * wick_level_is_crossed:
 * @line_price: the line
 * @previous: the price before the move
 * @current: the price after it
 *
 * A move crosses a line when it starts strictly on one side and ends on the line or beyond.
 * A price that reaches the line and then leaves it crosses once, on arrival: the move away
 * starts on the line and crosses nothing, so a price hovering at a line does not repeat.
 *
 * Returns: whether the move from @previous to @current crossed @line_price
 */
gboolean
wick_level_is_crossed (double line_price,
                       double previous,
                       double current)
{
  if (!isfinite (line_price) || !isfinite (previous) || !isfinite (current))
    return FALSE;

  return (previous < line_price && current >= line_price) ||
         (previous > line_price && current <= line_price);
}

static int
compare_rising (gconstpointer a,
                gconstpointer b)
{
  const WickLevel *la = *(const WickLevel * const *) a;
  const WickLevel *lb = *(const WickLevel * const *) b;

  return (la->price > lb->price) - (la->price < lb->price);
}

static int
compare_falling (gconstpointer a,
                 gconstpointer b)
{
  return compare_rising (b, a);
}

/**
 * wick_level_alerts_find:
 * @store: the lines of the market
 * @previous: the last close before the move
 * @current: the last close after it
 *
 * Returns: (transfer full) (element-type WickLevel): copies of the lines with their alert on
 *   that the move crossed, in the order the price met them; empty when none
 */
GPtrArray *
wick_level_alerts_find (WickLevelStore *store,
                        double          previous,
                        double          current)
{
  GPtrArray *crossed = g_ptr_array_new_with_free_func ((GDestroyNotify) wick_level_free);
  guint n;

  g_return_val_if_fail (WICK_IS_LEVEL_STORE (store), crossed);

  n = wick_level_store_get_n_levels (store);
  for (guint i = 0; i < n; i++)
    {
      const WickLevel *level = wick_level_store_get_level (store, i);

      if (level->alert && wick_level_is_crossed (level->price, previous, current))
        g_ptr_array_add (crossed, wick_level_copy (level));
    }

  /* The store keeps rising prices: a fall meets the highest line first. */
  g_ptr_array_sort (crossed, current >= previous ? compare_rising : compare_falling);

  return crossed;
}

/**
 * wick_level_alerts_describe:
 * @symbol: the market's symbol, as “BTCUSDT”
 * @level: the line crossed
 * @previous: the price before the move
 * @current: the price after it
 *
 * A line without a label is named by what it was to the move: support when the price came
 * down to it, resistance when the price came up.
 *
 * Returns: (transfer full): one sentence, as “BTCUSDT crossed Support 92,000 at 91,990”
 */
char *
wick_level_alerts_describe (const char      *symbol,
                            const WickLevel *level,
                            double           previous,
                            double           current)
{
  g_autofree char *line_price = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (level != NULL, NULL);

  line_price = wick_format_level (level->price);
  now = wick_format_level (current);

  if (level->label != NULL)
    /* Translators: symbol, the line's own label, the line's price, the price now:
     * “BTCUSDT crossed Support 92k (92,000) at 92,010” */
    return g_strdup_printf (_("%s crossed %s (%s) at %s"), symbol, level->label, line_price, now);

  if (current < previous)
    /* Translators: symbol, the line's price, the price now:
     * “BTCUSDT crossed Support 92,000 at 91,990” */
    return g_strdup_printf (_("%s crossed Support %s at %s"), symbol, line_price, now);

  /* Translators: symbol, the line's price, the price now:
   * “BTCUSDT crossed Resistance 94,400 at 94,410” */
  return g_strdup_printf (_("%s crossed Resistance %s at %s"), symbol, line_price, now);
}
