/* wick-heatmap-model-seed.c: one column of a liquidation-level model standing for many candles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wick-heatmap"

#include "config.h"

#include "wick-heatmap-model.h"

#include "wick-heatmap-model-private.h"

#include <math.h>

/* A level of the seed, and the candle that opened it. */
typedef struct
{
  Opening opening;
  guint   origin;
} SeedLevel;

/**
 * _wick_heatmap_model_seed:
 * @self: a model without candles
 * @candles: (array length=n_candles): candles whose opened USD is their volume (no open
 *   interest is known for them), at least one
 *
 * Makes @self's column 0 stand for @candles: it holds the levels that appending them one by
 * one would leave alive after the last, with the same prices and sizes, in the same order and
 * in the same groups, all born in column 0. Without open interest a level only ends when a
 * later candle reaches it, so a walk back over the candles with the lowest low and highest
 * high since each tells which are alive, without the heaps; a century of hourly candles takes
 * a few milliseconds instead of the model's half a second. The totals are not kept.
 */

/* Bounds of the prices a candle's levels can have, as multiples of its entry price: no long
 * level lies below @long_floor, no short level above @short_ceiling. They are widened by far
 * more than the rounding of wick_heatmap_liquidation_price(). */
static void
level_bounds (WickHeatmapModel *self,
              double           *long_floor,
              double           *short_ceiling)
{
  const WickHeatmapConfig *config = &self->config;

  *long_floor = INFINITY;
  *short_ceiling = -INFINITY;
  for (guint i = 0; i < config->n_tiers; i++)
    {
      double leverage = config->tiers[i].leverage;
      double mmr = config->maintenance_margin_rate;

      *long_floor = MIN (*long_floor,
                         wick_heatmap_liquidation_price (1, leverage, mmr, WICK_SIDE_LONG));
      *short_ceiling = MAX (*short_ceiling,
                            wick_heatmap_liquidation_price (1, leverage, mmr, WICK_SIDE_SHORT));
    }
  *long_floor *= 1 - 1e-9;
  *short_ceiling *= 1 + 1e-9;
}

void
_wick_heatmap_model_seed (WickHeatmapModel *self,
                          const WickCandle *candles,
                          guint             n_candles)
{
  g_autoptr(GArray) alive = g_array_new (FALSE, FALSE, sizeof (SeedLevel));
  WickHeatColumn column = { 0 };
  double low_after = INFINITY;
  double high_after = -INFINITY;
  double long_floor, short_ceiling;
  guint32 start;

  g_assert (WICK_IS_HEATMAP_MODEL (self));
  g_assert (self->columns.len == 0 && self->levels.len == 0);
  g_assert (n_candles > 0);

  level_bounds (self, &long_floor, &short_ceiling);

  /* Back from the last candle; a candle's levels in reverse order, so that reversing the
   * whole puts them in the order the model stores them. */
  for (guint j = n_candles; j-- > 0;)
    {
      const WickCandle *c = &candles[j];
      Opening openings[2 * WICK_HEATMAP_MAX_TIERS];
      WickHeatmapInput input;
      double entry;
      guint n;

      /* Far back, later candles have mostly reached every level a candle opened: only work
       * out those of a candle that may have one left. */
      entry = self->config.entry == WICK_HEATMAP_ENTRY_CLOSE ? c->close
                                                             : (c->high + c->low + c->close) / 3.0;
      if (entry * long_floor >= low_after && entry * short_ceiling <= high_after)
        {
          low_after = MIN (low_after, c->low);
          high_after = MAX (high_after, c->high);
          continue;
        }

      wick_heatmap_input_init (&input, c);
      n = _wick_heatmap_model_plan_openings (self, &input,
                                             c->volume * (c->high + c->low + c->close) / 3.0,
                                             openings);

      /* A later low at or below a long level ends it, a later high at or above a short. */
      for (guint k = n; k-- > 0;)
        {
          if (openings[k].side == WICK_SIDE_LONG ? openings[k].price < low_after
                                                 : openings[k].price > high_after)
            {
              SeedLevel level = { openings[k], j };

              g_array_append_val (alive, level);
            }
        }

      low_after = MIN (low_after, c->low);
      high_after = MAX (high_after, c->high);
    }

  RESERVE (self->levels, alive->len);
  start = 0;
  for (guint i = alive->len; i-- > 0;)
    {
      const SeedLevel *level = &g_array_index (alive, SeedLevel, i);
      const SeedLevel *next = i > 0 ? &g_array_index (alive, SeedLevel, i - 1) : NULL;

      add_level (self, level->opening.price, level->opening.usd / self->scale, 0, 0,
                 level->opening.side, level->opening.tier);

      /* What is left of one candle's side is a group, as it was. */
      if (next == NULL || next->origin != level->origin ||
          next->opening.side != level->opening.side)
        {
          push_group (self, level->opening.side, start, self->levels.len);
          start = self->levels.len;
        }
    }

  column.time_ms = candles[n_candles - 1].open_time_ms;
  column.low = candles[n_candles - 1].low;
  column.high = candles[n_candles - 1].high;
  column.scale = self->scale;
  column.realised[WICK_SIDE_LONG] = column.realised[WICK_SIDE_SHORT] = NAN;
  column.level_end = self->levels.len;
  column.death_end = 0;
  RESERVE (self->columns, 1);
  self->columns.data[self->columns.len++] = column;
}
